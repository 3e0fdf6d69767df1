package web

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"

	"github.com/claimwire/claimwire/claim"
)

// Errors the handlers raise themselves; statusTable maps them to responses.
var (
	errBadRequest      = errors.New("bad request")
	errUnauthorized    = errors.New("missing or wrong bearer token")
	errMethod          = errors.New("method not allowed: the API is read-only")
	errNoRoute         = errors.New("no such API route")
	errUnavailable     = errors.New("store unavailable")
	errNoEvents        = errors.New("live events are not configured (start with --nats)")
	errRequestTooLarge = errors.New("request too large")
)

// badRequest is a client mistake whose message is safe to show: it names the
// parameter and what was wrong with it, never anything from the store.
func badRequest(format string, args ...any) error {
	return fmt.Errorf("%w: %s", errBadRequest, fmt.Sprintf(format, args...))
}

// unavailable marks an unexpected store failure; the cause is logged, not shown.
func unavailable(err error) error {
	if errors.Is(err, claim.ErrNotFound) || errors.Is(err, claim.ErrInvalid) {
		return err
	}
	return fmt.Errorf("%w: %w", errUnavailable, err)
}

// statusTable is the one place an error becomes a status code. The first row
// whose error matches wins. showCause says whether err's own text is safe for
// the client (our own messages); otherwise the row's public text is sent.
var statusTable = []struct {
	err       error
	status    int
	public    string
	showCause bool
}{
	{errBadRequest, http.StatusBadRequest, "", true},
	{claim.ErrInvalid, http.StatusBadRequest, "invalid query", false},
	{errUnauthorized, http.StatusUnauthorized, "missing or wrong bearer token", false},
	{claim.ErrNotFound, http.StatusNotFound, "not found", false},
	{errNoRoute, http.StatusNotFound, "no such API route", false},
	{errMethod, http.StatusMethodNotAllowed, "method not allowed: the API is read-only", false},
	{errRequestTooLarge, http.StatusRequestEntityTooLarge, "", true},
	{claim.ErrTooLarge, http.StatusRequestEntityTooLarge, "request too large", false},
	{errNoEvents, http.StatusServiceUnavailable, "", true},
	{context.DeadlineExceeded, http.StatusServiceUnavailable, "store unavailable: timed out", false},
	{context.Canceled, http.StatusServiceUnavailable, "request cancelled", false},
	{errUnavailable, http.StatusServiceUnavailable, "store unavailable", false},
}

// statusOf returns the status and client-safe message for err.
func statusOf(err error) (int, string) {
	for _, row := range statusTable {
		if errors.Is(err, row.err) {
			if row.showCause {
				return row.status, err.Error()
			}
			return row.status, row.public
		}
	}
	return http.StatusInternalServerError, "internal error"
}

// writeError answers with {"error": ...} and logs what the client does not see.
func writeError(w http.ResponseWriter, r *http.Request, log *slog.Logger, err error) {
	status, msg := statusOf(err)
	if status >= 500 && !errors.Is(err, context.Canceled) { // a client that left is not an error
		log.LogAttrs(r.Context(), slog.LevelError, "request failed",
			slog.String("method", r.Method), slog.String("path", r.URL.Path), slog.Any("err", err))
	}
	if status == http.StatusUnauthorized {
		w.Header().Set("WWW-Authenticate", `Bearer realm="claimwire"`)
	}
	if status == http.StatusMethodNotAllowed {
		w.Header().Set("Allow", "GET, HEAD")
	}
	writeJSON(w, status, struct {
		Error string `json:"error"`
	}{msg})
}

// writeJSON writes v as the response body. An encoding failure after the header
// is out can only be a broken connection, which the access log already shows.
func writeJSON(w http.ResponseWriter, status int, v any) {
	h := w.Header()
	h.Set("Content-Type", "application/json; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(v)
}

func isNotFound(err error) bool { return errors.Is(err, claim.ErrNotFound) }
