package web

import (
	"crypto/sha256"
	"crypto/subtle"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"runtime/debug"
	"strings"
	"time"
)

// maxQueryLen caps the query string; filters are short, and a long one is
// either a mistake or an attempt to make the server work for nothing.
const maxQueryLen = 2048

// recorder remembers the status a handler wrote, for the log and metrics.
type recorder struct {
	http.ResponseWriter
	status int
	bytes  int64
}

func (r *recorder) WriteHeader(code int) {
	if r.status == 0 {
		r.status = code
	}
	r.ResponseWriter.WriteHeader(code)
}

func (r *recorder) Write(p []byte) (int, error) {
	if r.status == 0 {
		r.status = http.StatusOK
	}
	n, err := r.ResponseWriter.Write(p)
	r.bytes += int64(n)
	return n, err
}

// Unwrap lets http.ResponseController reach Flush and deadlines underneath.
func (r *recorder) Unwrap() http.ResponseWriter { return r.ResponseWriter }

// accessLog logs every request once, at the edge, and feeds the HTTP metrics.
// The route label is the mux pattern that matched, never the raw path, so the
// metrics' cardinality stays bounded.
func accessLog(next http.Handler, log *slog.Logger, m *Metrics) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		rec := &recorder{ResponseWriter: w}
		next.ServeHTTP(rec, r)
		d := time.Since(start)
		if rec.status == 0 {
			rec.status = http.StatusOK
		}
		route := r.Pattern
		if route == "" {
			route = "unmatched"
		}
		m.httpDone(route, rec.status, d)
		log.LogAttrs(r.Context(), slog.LevelInfo, "http request",
			slog.String("method", r.Method), slog.String("path", r.URL.Path),
			slog.Int("query_len", len(r.URL.RawQuery)), slog.String("route", route),
			slog.Int("status", rec.status), slog.Int64("bytes", rec.bytes),
			slog.Duration("duration", d), slog.String("remote", r.RemoteAddr))
	})
}

// recoverPanic turns a handler panic into a 500 JSON answer and a log line with
// the stack; the client sees neither the panic value nor the stack.
func recoverPanic(next http.Handler, log *slog.Logger) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			v := recover()
			if v == nil {
				return
			}
			if v == http.ErrAbortHandler {
				panic(v)
			}
			log.LogAttrs(r.Context(), slog.LevelError, "handler panic",
				slog.String("path", r.URL.Path), slog.String("panic", fmt.Sprint(v)),
				slog.String("stack", string(debug.Stack())))
			writeJSON(w, http.StatusInternalServerError, struct {
				Error string `json:"error"`
			}{"internal error"})
		}()
		next.ServeHTTP(w, r)
	})
}

// limitRequest enforces the read-only, small-request contract: GET and HEAD
// only (OPTIONS for CORS preflight), no body, a bounded query string.
func limitRequest(next http.Handler, log *slog.Logger) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch {
		case r.Method != http.MethodGet && r.Method != http.MethodHead && r.Method != http.MethodOptions:
			writeError(w, r, log, errMethod)
			return
		case r.ContentLength > 0 || len(r.TransferEncoding) > 0:
			writeError(w, r, log, fmt.Errorf("%w: request bodies are not accepted", errRequestTooLarge))
			return
		case len(r.URL.RawQuery) > maxQueryLen:
			writeError(w, r, log, fmt.Errorf("%w: query string longer than %d bytes", errRequestTooLarge, maxQueryLen))
			return
		}
		r.Body = http.MaxBytesReader(w, r.Body, 0)
		next.ServeHTTP(w, r)
	})
}

// cors answers cross-origin requests only when an origin is configured; with
// none, browsers keep other sites from reading the API (same-origin policy).
func cors(next http.Handler, origin string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		reqOrigin := r.Header.Get("Origin")
		allowed := origin != "" && reqOrigin != "" && (origin == "*" || origin == reqOrigin)
		if allowed {
			h := w.Header()
			h.Set("Access-Control-Allow-Origin", origin)
			h.Add("Vary", "Origin")
			h.Set("Access-Control-Expose-Headers", "Link, X-Next-Cursor")
		}
		if r.Method == http.MethodOptions {
			if !allowed {
				writeError(w, r, slog.New(slog.DiscardHandler), errMethod)
				return
			}
			h := w.Header()
			h.Set("Access-Control-Allow-Methods", "GET, HEAD")
			h.Set("Access-Control-Allow-Headers", "Authorization, Accept, Last-Event-ID")
			h.Set("Access-Control-Max-Age", "600")
			w.WriteHeader(http.StatusNoContent)
			return
		}
		next.ServeHTTP(w, r)
	})
}

// tokenCookie carries the token for the page's EventSource, which cannot set
// an Authorization header; the page sets it after asking the user.
const tokenCookie = "claimwire_token"

// requireToken checks the bearer token on /api and /metrics when one is set.
// Both sides are hashed first so the comparison takes the same time whatever
// the length or content of the guess.
func requireToken(next http.Handler, token string, log *slog.Logger) http.Handler {
	if token == "" {
		return next
	}
	want := sha256.Sum256([]byte(token))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p := r.URL.Path
		if !strings.HasPrefix(p, "/api/") && p != "/api" && p != "/metrics" {
			next.ServeHTTP(w, r)
			return
		}
		got, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
		if !ok {
			if c, err := r.Cookie(tokenCookie); err == nil {
				got, err = url.PathUnescape(c.Value) // the page encodes it
				ok = err == nil
			}
		}
		sum := sha256.Sum256([]byte(strings.TrimSpace(got)))
		if !ok || subtle.ConstantTimeCompare(sum[:], want[:]) != 1 {
			writeError(w, r, log, errUnauthorized)
			return
		}
		next.ServeHTTP(w, r)
	})
}
