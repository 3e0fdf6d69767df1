package fetch_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/time/rate"

	"github.com/claimwire/claimwire/claim"
	"github.com/claimwire/claimwire/fetch"
)

// hit is one request a test server saw.
type hit struct {
	Path   string
	Header http.Header
	At     time.Time
}

// server is an httptest server that records every request it serves.
type server struct {
	*httptest.Server
	mu   sync.Mutex
	hits []hit
}

func newServer(t *testing.T, h http.Handler) *server {
	t.Helper()
	s := &server{}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		s.hits = append(s.hits, hit{Path: r.URL.RequestURI(), Header: r.Header.Clone(), At: time.Now()})
		s.mu.Unlock()
		h.ServeHTTP(w, r)
	}))
	t.Cleanup(s.Close)
	return s
}

// log returns the requests seen so far, robots.txt left out unless asked.
func (s *server) log(withRobots bool) []hit {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []hit
	for _, h := range s.hits {
		if withRobots || h.Path != "/robots.txt" {
			out = append(out, h)
		}
	}
	return out
}

// testOptions lifts the politeness limits that a test does not exercise.
func testOptions() fetch.Options {
	return fetch.Options{
		UserAgent: "ClaimwireTest/1.0 (test@example.com)", AllowLoopback: true,
		HostRate: rate.Inf, Timeout: 5 * time.Second,
	}
}

func TestFetchSendsUserAgent(t *testing.T) {
	s := newServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, "ok") }))
	if _, err := fetch.New(testOptions()).Fetch(t.Context(), s.URL+"/a", claim.URLState{}); err != nil {
		t.Fatal(err)
	}
	for _, h := range s.log(true) {
		if got := h.Header.Get("User-Agent"); got != "ClaimwireTest/1.0 (test@example.com)" {
			t.Errorf("%s: User-Agent %q", h.Path, got)
		}
	}
}

func TestConditionalGET(t *testing.T) {
	const etag, lastMod = `"v1"`, "Mon, 02 Jan 2026 15:04:05 GMT"
	s := newServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("ETag", etag)
		w.Header().Set("Last-Modified", lastMod)
		if r.Header.Get("If-None-Match") == etag || r.Header.Get("If-Modified-Since") == lastMod {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		fmt.Fprint(w, "<p>Revenue was $5 billion.</p>")
	}))
	c := fetch.New(testOptions())
	first, err := c.Fetch(t.Context(), s.URL+"/a", claim.URLState{})
	if err != nil {
		t.Fatal(err)
	}
	if first.NotModified || first.ETag != etag || first.LastModified != lastMod || first.Hash == "" || len(first.Body) == 0 {
		t.Fatalf("first fetch: %+v", first)
	}
	tests := []struct {
		name string
		prev claim.URLState
		want bool
	}{
		{"etag", claim.URLState{ETag: etag, ContentHash: first.Hash}, true},
		{"last-modified", claim.URLState{LastModified: lastMod, ContentHash: first.Hash}, true},
		{"stale etag", claim.URLState{ETag: `"v0"`}, false},
		{"no state", claim.URLState{}, false},
	}
	for _, tt := range tests {
		r, err := c.Fetch(t.Context(), s.URL+"/a", tt.prev)
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if r.NotModified != tt.want {
			t.Errorf("%s: NotModified = %v, want %v", tt.name, r.NotModified, tt.want)
		}
		if tt.want && (len(r.Body) != 0 || r.Hash != first.Hash || r.Status != http.StatusNotModified) {
			t.Errorf("%s: 304 response %+v", tt.name, r)
		}
	}
}

func TestRobots(t *testing.T) {
	tests := []struct {
		name         string
		status       int
		robots, path string
		allowed      bool
	}{
		{"disallowed path", 200, "User-agent: *\nDisallow: /private/\n", "/private/a.html", false},
		{"allowed path", 200, "User-agent: *\nDisallow: /private/\n", "/news/a.html", true},
		{"our agent singled out", 200, "User-agent: ClaimwireTest\nDisallow: /\n\nUser-agent: *\nAllow: /\n", "/news/a.html", false},
		{"other agent singled out", 200, "User-agent: OtherBot\nDisallow: /\n", "/news/a.html", true},
		{"404 allows all", 404, "", "/private/a.html", true},
		{"403 allows all", 403, "", "/private/a.html", true},
		{"500 disallows all", 500, "", "/news/a.html", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				if r.URL.Path == "/robots.txt" {
					w.WriteHeader(tt.status)
					fmt.Fprint(w, tt.robots)
					return
				}
				fmt.Fprint(w, "page")
			}))
			c := fetch.New(testOptions())
			_, err := c.Fetch(t.Context(), s.URL+tt.path, claim.URLState{})
			if tt.allowed && err != nil {
				t.Fatalf("allowed path refused: %v", err)
			}
			if !tt.allowed && !errors.Is(err, fetch.ErrDisallowed) {
				t.Fatalf("err = %v, want ErrDisallowed", err)
			}
			if got := len(s.log(false)); got != map[bool]int{true: 1, false: 0}[tt.allowed] {
				t.Errorf("server saw %d page requests", got)
			}
			// robots.txt is cached: a second fetch does not ask again.
			c.Fetch(t.Context(), s.URL+tt.path, claim.URLState{})
			if n := len(s.log(true)) - len(s.log(false)); n != 1 {
				t.Errorf("robots.txt requested %d times, want 1", n)
			}
		})
	}
}

func TestCrawlDelay(t *testing.T) {
	s := newServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/robots.txt" {
			fmt.Fprint(w, "User-agent: *\nCrawl-delay: 60\n")
			return
		}
		fmt.Fprint(w, "page")
	}))
	o := testOptions()
	o.MaxCrawlDelay = 300 * time.Millisecond // the cap: 60s asked, 300ms honoured
	// Waiting for one's turn is not a slow server: the timeout covers the
	// request alone.
	o.Timeout = 250 * time.Millisecond
	c := fetch.New(o)
	ctx, cancel := context.WithTimeout(t.Context(), 5*time.Second) // fails fast if the cap is ignored
	defer cancel()
	for i := range 3 {
		if _, err := c.Fetch(ctx, fmt.Sprintf("%s/p%d", s.URL, i), claim.URLState{}); err != nil {
			t.Fatal(err)
		}
	}
	log := s.log(false)
	if gap := log[2].At.Sub(log[0].At); gap < 550*time.Millisecond || gap > 5*time.Second {
		t.Errorf("3 requests spanned %v, want about 2 x 300ms (crawl-delay capped)", gap)
	}
}

func TestHostRateLimit(t *testing.T) {
	s := newServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, "page") }))
	o := testOptions()
	o.IgnoreRobots = true
	o.HostRate = 20
	c := fetch.New(o)
	fetchConcurrently(t, c, s.URL, 11, 4)
	log := s.log(false)
	span := log[len(log)-1].At.Sub(log[0].At)
	if perSec := float64(len(log)-1) / span.Seconds(); perSec > 22 {
		t.Errorf("%d requests in %v: %.1f req/s, limit is 20", len(log), span, perSec)
	}
}

func TestEDGARLimitIsShared(t *testing.T) {
	s := newServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, "{}") }))
	o := testOptions()
	o.IgnoreRobots = true
	o.EDGARHosts = []string{strings.TrimPrefix(s.URL, "http://")}
	o.EDGARRate = 50 // above SEC's limit: must be capped to 10/s
	shared := rate.NewLimiter(fetch.DefaultEDGARRate, 1)
	o.EDGARLimiter = shared
	a, b := fetch.New(o), fetch.New(o) // two clients, one process-wide limit
	var wg sync.WaitGroup
	for _, c := range []*fetch.Client{a, b} {
		wg.Go(func() { fetchConcurrently(t, c, s.URL, 6, 3) })
	}
	wg.Wait()
	log := s.log(false)
	span := log[len(log)-1].At.Sub(log[0].At)
	if perSec := float64(len(log)-1) / span.Seconds(); perSec > 11 {
		t.Errorf("%d EDGAR requests in %v: %.1f req/s, limit is 10", len(log), span, perSec)
	}
	// The cap also holds without a shared limiter.
	o.EDGARLimiter = nil
	s.mu.Lock()
	s.hits = nil
	s.mu.Unlock()
	fetchConcurrently(t, fetch.New(o), s.URL, 11, 4)
	log = s.log(false)
	span = log[len(log)-1].At.Sub(log[0].At)
	if perSec := float64(len(log)-1) / span.Seconds(); perSec > 11 {
		t.Errorf("unshared: %.1f req/s, limit is 10", perSec)
	}
	// EDGAR's limit replaces the (slower) per-host one on its hosts.
	o.HostRate = 2
	s.mu.Lock()
	s.hits = nil
	s.mu.Unlock()
	fetchConcurrently(t, fetch.New(o), s.URL, 11, 4)
	log = s.log(false)
	span = log[len(log)-1].At.Sub(log[0].At)
	if perSec := float64(len(log)-1) / span.Seconds(); perSec < 6 {
		t.Errorf("EDGAR host held to the per-host rate: %.1f req/s, want close to 10", perSec)
	}
}

// fetchConcurrently fetches n distinct paths of base with the given number of
// goroutines.
func fetchConcurrently(t *testing.T, c *fetch.Client, base string, n, workers int) {
	t.Helper()
	paths := make(chan int, n)
	for i := range n {
		paths <- i
	}
	close(paths)
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for i := range paths {
				if _, err := c.Fetch(context.Background(), fmt.Sprintf("%s/p%d", base, i), claim.URLState{}); err != nil {
					t.Error(err)
				}
			}
		})
	}
	wg.Wait()
}

func TestRetryAfter(t *testing.T) {
	now := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	date := now.Add(2 * time.Hour).Format(http.TimeFormat)
	tests := []struct {
		status int
		header string
		want   time.Time
	}{
		{429, "120", now.Add(120 * time.Second)},
		{503, date, now.Add(2 * time.Hour)},
		{503, "", time.Time{}},
		{429, "soon", time.Time{}},
	}
	for _, tt := range tests {
		s := newServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if tt.header != "" {
				w.Header().Set("Retry-After", tt.header)
			}
			w.WriteHeader(tt.status)
		}))
		o := testOptions()
		o.IgnoreRobots = true
		o.Now = func() time.Time { return now }
		_, err := fetch.New(o).Fetch(t.Context(), s.URL+"/a", claim.URLState{})
		var re *fetch.RetryError
		if !errors.As(err, &re) {
			t.Fatalf("%d %q: err = %v, want RetryError", tt.status, tt.header, err)
		}
		if re.Status != tt.status || !re.RetryAt.Equal(tt.want) {
			t.Errorf("%d %q: got %d %v, want %v", tt.status, tt.header, re.Status, re.RetryAt, tt.want)
		}
	}
	// Near miss: a 500 is a plain status error, not a retry hint.
	s := newServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Retry-After", "120")
		w.WriteHeader(500)
	}))
	o := testOptions()
	o.IgnoreRobots = true
	_, err := fetch.New(o).Fetch(t.Context(), s.URL+"/a", claim.URLState{})
	var se *fetch.StatusError
	var re *fetch.RetryError
	if !errors.As(err, &se) || errors.As(err, &re) || se.Status != 500 {
		t.Errorf("500: err = %v, want StatusError", err)
	}
}

func TestRedirects(t *testing.T) {
	s := newServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var n int
		if _, err := fmt.Sscanf(r.URL.Path, "/hop/%d", &n); err == nil && n > 0 {
			http.Redirect(w, r, fmt.Sprintf("/hop/%d", n-1), http.StatusFound)
			return
		}
		fmt.Fprint(w, "landed")
	}))
	c := fetch.New(testOptions())
	r, err := c.Fetch(t.Context(), s.URL+"/hop/5", claim.URLState{})
	if err != nil {
		t.Fatalf("5 redirects: %v", err)
	}
	if r.FinalURL != s.URL+"/hop/0" || r.URL != s.URL+"/hop/5" || string(r.Body) != "landed" {
		t.Errorf("5 redirects: url %s final %s body %q", r.URL, r.FinalURL, r.Body)
	}
	if _, err := c.Fetch(t.Context(), s.URL+"/hop/6", claim.URLState{}); !errors.Is(err, fetch.ErrRedirects) {
		t.Errorf("6 redirects: err = %v, want ErrRedirects", err)
	}
}

func TestBodyCap(t *testing.T) {
	body := strings.Repeat("a", 1000)
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write([]byte(strings.Repeat("b", 1<<20)))
	zw.Close()
	s := newServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		switch r.URL.Path {
		case "/exact":
			fmt.Fprint(w, body)
		case "/over":
			fmt.Fprint(w, body+"a")
		case "/bomb": // 1 MiB that compresses to about 1 KiB
			w.Header().Set("Content-Encoding", "gzip")
			w.Write(gz.Bytes())
		}
	}))
	o := testOptions()
	o.MaxBytes = 1000
	c := fetch.New(o)
	if r, err := c.Fetch(t.Context(), s.URL+"/exact", claim.URLState{}); err != nil || len(r.Body) != 1000 {
		t.Fatalf("at the cap: err %v", err)
	}
	for _, p := range []string{"/over", "/bomb"} {
		r, err := c.Fetch(t.Context(), s.URL+p, claim.URLState{})
		if !errors.Is(err, claim.ErrTooLarge) || r != nil {
			t.Errorf("%s: err = %v, want ErrTooLarge and no response", p, err)
		}
	}
}

func TestGzip(t *testing.T) {
	page := "<html><body><p>Revenue rose 12% to $3.1 billion.</p></body></html>"
	s := newServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") {
			fmt.Fprint(w, "client did not ask for gzip")
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Header().Set("Content-Encoding", "gzip")
		zw := gzip.NewWriter(w)
		zw.Write([]byte(page))
		zw.Close()
	}))
	r, err := fetch.New(testOptions()).Fetch(t.Context(), s.URL+"/a", claim.URLState{})
	if err != nil || string(r.Body) != page {
		t.Fatalf("got %q, %v", r.Body, err)
	}
}

func TestTimeout(t *testing.T) {
	release := make(chan struct{})
	s := newServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-release:
		case <-r.Context().Done():
		}
	}))
	defer close(release)
	o := testOptions()
	o.IgnoreRobots = true
	o.Timeout = 200 * time.Millisecond
	start := time.Now()
	_, err := fetch.New(o).Fetch(t.Context(), s.URL+"/slow", claim.URLState{})
	if !errors.Is(err, context.DeadlineExceeded) || time.Since(start) > 3*time.Second {
		t.Errorf("err = %v after %v, want a deadline error after about 200ms", err, time.Since(start))
	}
}

func TestNotHTTP(t *testing.T) {
	for _, u := range []string{"file:///etc/passwd", "ftp://example.com/x", "/relative", "http://"} {
		if _, err := fetch.New(testOptions()).Fetch(t.Context(), u, claim.URLState{}); !errors.Is(err, claim.ErrInvalid) {
			t.Errorf("%s: err = %v, want ErrInvalid", u, err)
		}
	}
}
