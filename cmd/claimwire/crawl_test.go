package main

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/claimwire/claimwire/claim"
	"github.com/claimwire/claimwire/store"
)

// newsRoot is the fixture news site, from this package's directory.
var newsRoot = filepath.Join("..", "..", "fixtures", "web", "news")

// siteHit is one request the fixture site answered.
type siteHit struct {
	path, ifNoneMatch string
	status            int
	at                time.Time
}

// site is the fixture news site on an httptest server, with a request log.
// override, if set, may answer a request itself (returning true).
type site struct {
	*httptest.Server
	mu       sync.Mutex
	hits     []siteHit
	override func(w http.ResponseWriter, r *http.Request) bool
}

func newSite(t *testing.T) *site {
	t.Helper()
	s := &site{}
	files := fixtureHandler(newsRoot)
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rec := &statusWriter{ResponseWriter: w, status: 200}
		s.mu.Lock()
		override := s.override
		s.mu.Unlock()
		if override == nil || !override(rec, r) {
			files.ServeHTTP(rec, r)
		}
		s.mu.Lock()
		s.hits = append(s.hits, siteHit{r.URL.Path, r.Header.Get("If-None-Match"), rec.status, time.Now()})
		s.mu.Unlock()
	}))
	t.Cleanup(s.Close)
	return s
}

type statusWriter struct {
	http.ResponseWriter
	status int
}

func (w *statusWriter) WriteHeader(code int) { w.status = code; w.ResponseWriter.WriteHeader(code) }

// take returns the requests logged since the last take, robots.txt left out.
func (s *site) take() []siteHit {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []siteHit
	for _, h := range s.hits {
		if h.path != "/robots.txt" {
			out = append(out, h)
		}
	}
	s.hits = nil
	return out
}

func articlePaths(hits []siteHit) []string {
	var out []string
	for _, h := range hits {
		if strings.HasPrefix(h.path, "/articles/") || strings.HasPrefix(h.path, "/private/") {
			out = append(out, h.path)
		}
	}
	slices.Sort(out)
	return out
}

// crawlConfig writes a config with the given sources (YAML list items, with
// {{BASE}} for the site) and returns its path and the database's.
func crawlConfig(t *testing.T, base, globals, sources string) (cfgPath, dbPath string) {
	t.Helper()
	dir := t.TempDir()
	dbPath = filepath.Join(dir, "crawl.db")
	y := "user_agent: ClaimwireTest/1.0\ncontact: test@example.com\nallow_loopback: true\nhost_rate: inf\n" +
		"db: " + dbPath + "\n" + globals + "sources:\n" + strings.ReplaceAll(sources, "{{BASE}}", base)
	cfgPath = filepath.Join(dir, "claimwire.yaml")
	if err := os.WriteFile(cfgPath, []byte(y), 0o644); err != nil {
		t.Fatal(err)
	}
	return cfgPath, dbPath
}

// runCmd runs the claimwire command line and returns exit code, stdout, stderr.
func runCmd(ctx context.Context, args ...string) (int, string, string) {
	var out, errb bytes.Buffer
	code := Main(ctx, args, &env{stdout: &out, stderr: &errb, getenv: func(string) string { return "" }})
	return code, out.String(), errb.String()
}

const feedAndSitemap = `  - name: rss
    kind: feed
    url: {{BASE}}/feed.xml
  - name: sitemap
    kind: sitemap
    url: {{BASE}}/sitemap.xml
  - name: newsroom
    kind: page
    url: {{BASE}}/newsroom.html
    pattern: /articles/[^/]+\.html$
`

func TestCrawlConditionalGET(t *testing.T) {
	s := newSite(t)
	cfg, dbPath := crawlConfig(t, s.URL, "", feedAndSitemap)
	code, out, errOut := runCmd(t.Context(), "crawl", "--once", "--config", cfg)
	if code != 0 {
		t.Fatalf("first crawl: exit %d\n%s\n%s", code, out, errOut)
	}
	first := articlePaths(s.take())
	if len(first) != 11 || len(slices.Compact(slices.Clone(first))) != 11 {
		t.Fatalf("first crawl fetched %d article requests, want each of the 11 articles once: %v", len(first), first)
	}
	claims := countClaims(t, dbPath)
	if claims == 0 {
		t.Fatal("first crawl stored no claims")
	}

	// Second crawl, every source checked again: only the entry points are
	// asked for, conditionally, and all answer 304.
	code, out, errOut = runCmd(t.Context(), "crawl", "--once", "--all", "--config", cfg)
	if code != 0 {
		t.Fatalf("second crawl: exit %d\n%s\n%s", code, out, errOut)
	}
	second := s.take()
	if len(second) != 3 {
		t.Errorf("second crawl made %d requests, want 3 (the entry points): %+v", len(second), second)
	}
	for _, h := range second {
		if h.status != http.StatusNotModified || h.ifNoneMatch == "" {
			t.Errorf("second crawl: %s answered %d (If-None-Match %q), want a conditional 304", h.path, h.status, h.ifNoneMatch)
		}
	}
	if !strings.Contains(out, "0 documents fetched") || countClaims(t, dbPath) != claims {
		t.Errorf("second crawl stored something new:\n%s", out)
	}
}

func countClaims(t *testing.T, dbPath string) int {
	t.Helper()
	db, err := store.Open(t.Context(), dbPath)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	claims, _, err := db.FindClaims(t.Context(), claim.Filter{Limit: 10000})
	if err != nil {
		t.Fatal(err)
	}
	return len(claims)
}

func TestCrawlHonoursRobots(t *testing.T) {
	s := newSite(t)
	// A pattern loose enough to pick up /private/secret.html from the newsroom.
	cfg, dbPath := crawlConfig(t, s.URL, "", "  - name: newsroom\n    kind: page\n    url: {{BASE}}/newsroom.html\n    pattern: \\.html$\n")
	_, _, errOut := runCmd(t.Context(), "crawl", "--once", "--config", cfg)
	for _, p := range articlePaths(s.take()) {
		if strings.HasPrefix(p, "/private/") {
			t.Errorf("fetched %s, which robots.txt disallows", p)
		}
	}
	if !strings.Contains(errOut, "private/secret.html") || !strings.Contains(errOut, "disallowed by robots.txt") {
		t.Errorf("the refused link is not reported:\n%s", errOut)
	}
	db, err := store.Open(t.Context(), dbPath)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Document(t.Context(), s.URL+"/private/secret.html"); err == nil {
		t.Error("the disallowed page is in the store")
	}
	if n := countClaims(t, dbPath); n == 0 {
		t.Error("the allowed articles were not stored")
	}
}

func TestCrawlBrokenFeedLeavesOthersAlone(t *testing.T) {
	s := newSite(t)
	cfg, _ := crawlConfig(t, s.URL, "", `  - name: broken
    kind: feed
    url: {{BASE}}/broken-feed.xml
  - name: atom
    kind: feed
    url: {{BASE}}/atom.xml
`)
	for run := 1; run <= 2; run++ {
		code, out, _ := runCmd(t.Context(), "crawl", "--once", "--all", "--config", cfg)
		if code != 1 || !strings.Contains(out, "ERROR source broken") || !strings.Contains(out, "parse feed") {
			t.Errorf("run %d: exit %d, want 1 with the parse error:\n%s", run, code, out)
		}
		if run == 1 && len(articlePaths(s.take())) != 4 {
			t.Errorf("the good feed's 4 articles were not all fetched")
		}
	}
	code, out, _ := runCmd(t.Context(), "sources", "--config", cfg)
	if code != 0 {
		t.Fatalf("sources: exit %d\n%s", code, out)
	}
	lines := strings.Split(out, "\n")
	broken, atom := lineOf(lines, "broken "), lineOf(lines, "atom ")
	// The failing source is visible: status, error count 2, last error.
	if !strings.Contains(broken, " error ") || !strings.Contains(broken, "  2  ") || !strings.Contains(broken, "parse feed") {
		t.Errorf("broken source line: %q", broken)
	}
	if !strings.Contains(atom, " ok ") || !strings.Contains(atom, "  0  ") {
		t.Errorf("atom source line: %q", atom)
	}
}

func lineOf(lines []string, prefix string) string {
	for _, l := range lines {
		if strings.HasPrefix(l, prefix) {
			return l
		}
	}
	return ""
}

func TestCrawlResumesAfterInterrupt(t *testing.T) {
	s := newSite(t)
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	served := 0
	s.override = func(w http.ResponseWriter, r *http.Request) bool {
		if strings.HasPrefix(r.URL.Path, "/articles/") {
			if served++; served == 4 { // stop the crawl while the 4th article is on its way
				cancel()
			}
		}
		return false
	}
	cfg, dbPath := crawlConfig(t, s.URL, "concurrency: 1\n", "  - name: sitemap\n    kind: sitemap\n    url: {{BASE}}/sitemap.xml\n")
	runCmd(ctx, "crawl", "--once", "--grace", "1ms", "--config", cfg)
	first := articlePaths(s.take())
	stored := storedArticles(t, dbPath, s.URL)
	if len(stored) == 0 || len(stored) >= 11 {
		t.Fatalf("interrupted crawl stored %d articles, want some but not all (fetched %v)", len(stored), first)
	}
	s.mu.Lock()
	s.override = nil
	s.mu.Unlock()
	code, out, errOut := runCmd(t.Context(), "crawl", "--once", "--config", cfg)
	if code != 0 {
		t.Fatalf("resumed crawl: exit %d\n%s\n%s", code, out, errOut)
	}
	second := articlePaths(s.take())
	for _, p := range second {
		if slices.Contains(stored, p) {
			t.Errorf("resumed crawl fetched %s again", p)
		}
	}
	if got := len(second) + len(stored); got != 11 {
		t.Errorf("stored %d + fetched %d after resuming = %d, want the 11 articles", len(stored), len(second), got)
	}
}

// storedArticles lists the article paths whose fetch completed.
func storedArticles(t *testing.T, dbPath, base string) []string {
	t.Helper()
	db, err := store.Open(t.Context(), dbPath)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	paths, _ := filepath.Glob(filepath.Join(newsRoot, "articles", "*.html"))
	var out []string
	for _, p := range paths {
		path := "/articles/" + filepath.Base(p)
		if st, err := db.URLState(t.Context(), base+path); err == nil && st.ContentHash != "" {
			out = append(out, path)
		}
	}
	return out
}

func TestCrawlDecodesWindows1252(t *testing.T) {
	s := newSite(t)
	cfg, dbPath := crawlConfig(t, s.URL, "", "  - name: json\n    kind: feed\n    url: {{BASE}}/feed.json\n")
	if code, out, errOut := runCmd(t.Context(), "crawl", "--once", "--config", cfg); code != 0 {
		t.Fatalf("exit %d\n%s\n%s", code, out, errOut)
	}
	db, err := store.Open(t.Context(), dbPath)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	// The store keeps no text: judge the decoding by the quotes of the claims.
	claims, err := db.DocumentClaims(t.Context(), s.URL+"/articles/asml-q3-2025-bookings.html")
	if err != nil {
		t.Fatal(err)
	}
	euro := false
	for _, c := range claims {
		if strings.Contains(c.Quote, "\uFFFD") || strings.Contains(c.Quote, "â‚¬") {
			t.Errorf("mis-decoded quote: %q", c.Quote)
		}
		euro = euro || strings.Contains(c.Quote, "€")
	}
	if !euro {
		t.Errorf("no claim quotes a € figure of the windows-1252 page (%d claims)", len(claims))
	}
}

func TestCrawlRefusesLoopbackUnlessAllowed(t *testing.T) {
	s := newSite(t)
	cfg, _ := crawlConfig(t, s.URL, "", "  - name: rss\n    kind: feed\n    url: {{BASE}}/feed.xml\n")
	data, _ := os.ReadFile(cfg)
	os.WriteFile(cfg, bytes.Replace(data, []byte("allow_loopback: true"), []byte("allow_loopback: false"), 1), 0o644)
	code, out, _ := runCmd(t.Context(), "crawl", "--once", "--config", cfg)
	if code != 1 || !strings.Contains(out, "SSRF guard") {
		t.Errorf("exit %d, want 1 with the SSRF refusal:\n%s", code, out)
	}
	if hits := s.take(); len(hits) != 0 {
		t.Errorf("the loopback server was reached: %+v", hits)
	}
}

func TestCrawlRetryAfterAndBackoff(t *testing.T) {
	tests := []struct {
		status     int
		retryAfter string
		min, max   time.Duration // of the next check, from now
	}{
		{http.StatusTooManyRequests, "7200", 2*time.Hour - time.Minute, 2*time.Hour + time.Minute},
		{http.StatusServiceUnavailable, "600", 10*time.Minute - time.Minute, 10*time.Minute + time.Minute},
		// Near miss: a 500 has no Retry-After to honour; the first backoff is about a minute.
		{http.StatusInternalServerError, "7200", 40 * time.Second, 80 * time.Second},
	}
	for _, tt := range tests {
		s := newSite(t)
		s.override = func(w http.ResponseWriter, r *http.Request) bool {
			if r.URL.Path != "/feed.xml" {
				return false
			}
			w.Header().Set("Retry-After", tt.retryAfter)
			w.WriteHeader(tt.status)
			return true
		}
		cfg, dbPath := crawlConfig(t, s.URL, "", "  - name: rss\n    kind: feed\n    url: {{BASE}}/feed.xml\n    interval: 15m\n")
		runCmd(t.Context(), "crawl", "--once", "--config", cfg)
		db, err := store.Open(t.Context(), dbPath)
		if err != nil {
			t.Fatal(err)
		}
		st, err := db.SourceState(t.Context(), "rss")
		db.Close()
		if err != nil {
			t.Fatal(err)
		}
		wait := time.Until(st.NextCheck)
		if st.Status != "error" || st.ErrorCount != 1 || wait < tt.min || wait > tt.max {
			t.Errorf("%d Retry-After %s: status %s errors %d next check in %v, want %v..%v", tt.status, tt.retryAfter, st.Status, st.ErrorCount, wait, tt.min, tt.max)
		}
	}
}

func TestCrawlHostRateLimit(t *testing.T) {
	s := newSite(t)
	cfg, _ := crawlConfig(t, s.URL, "concurrency: 4\n", "  - name: sitemap\n    kind: sitemap\n    url: {{BASE}}/sitemap.xml\n")
	data, _ := os.ReadFile(cfg)
	os.WriteFile(cfg, bytes.Replace(data, []byte("host_rate: inf"), []byte("host_rate: 20"), 1), 0o644)
	if code, out, errOut := runCmd(t.Context(), "crawl", "--once", "--config", cfg); code != 0 {
		t.Fatalf("exit %d\n%s\n%s", code, out, errOut)
	}
	s.mu.Lock()
	hits := s.hits // robots.txt included: it counts against the limit too
	s.mu.Unlock()
	span := hits[len(hits)-1].at.Sub(hits[0].at)
	if perSec := float64(len(hits)-1) / span.Seconds(); perSec > 22 {
		t.Errorf("%d requests in %v = %.1f/s, host_rate is 20", len(hits), span, perSec)
	}
}

func TestDemo(t *testing.T) {
	db := filepath.Join(t.TempDir(), "demo.db")
	ports := []string{"--fixtures", filepath.Join("..", "..", "fixtures", "web"),
		"--addr", fmt.Sprintf("127.0.0.1:%d", freeLoopbackPort(t)), "--edgar-addr", fmt.Sprintf("127.0.0.1:%d", freeLoopbackPort(t))}
	code, out, errOut := runCmd(t.Context(), append([]string{"demo", "--db", db}, ports...)...)
	if code != 0 {
		t.Fatalf("exit %d\n%s\n%s", code, out, errOut)
	}
	for _, want := range []string{"serving ", "checked ", "some claims:", "127.0.0.1"} {
		if !strings.Contains(out, want) {
			t.Errorf("demo output lacks %q:\n%s", want, out)
		}
	}
	n := countClaims(t, db)
	if n == 0 {
		t.Error("the demo stored no claims")
	}
	// The same ports again: the same URLs, so a second demo adds nothing.
	code, out2, errOut := runCmd(t.Context(), append([]string{"demo", "--db", db}, ports...)...)
	if code != 0 {
		t.Fatalf("second demo: exit %d\n%s\n%s", code, out2, errOut)
	}
	if origins(out) != origins(out2) {
		t.Logf("a port was taken between the runs (%s, then %s): ids differ by design", origins(out), origins(out2))
	} else if m := countClaims(t, db); m != n {
		t.Errorf("second demo on the same ports: %d claims, first had %d", m, n)
	}
	if code, _, _ := runCmd(t.Context(), "demo", "--addr", "0.0.0.0:0", "--db", db); code != 2 {
		t.Errorf("demo on a public address: exit %d, want 2", code)
	}
}

// origins lists the http://127.0.0.1:port origins a demo's output names.
func origins(out string) string {
	var o []string
	for _, f := range strings.Fields(out) {
		if strings.HasPrefix(f, "http://127.0.0.1:") {
			o = append(o, f)
		}
	}
	return strings.Join(o, " ")
}

func TestCrawlEDGAR(t *testing.T) {
	var mu sync.Mutex
	var hits []siteHit
	files := fixtureHandler(filepath.Join("..", "..", "fixtures", "web", "edgar"))
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rec := &statusWriter{ResponseWriter: w, status: 200}
		if r.URL.Path == "/files/company_tickers.json" { // the SEC's ticker list, in brief
			rec.Write([]byte(`{"0":{"cik_str":1045810,"ticker":"NVDA","title":"NVIDIA CORP"},"1":{"cik_str":320193,"ticker":"AAPL","title":"Apple Inc."}}`))
		} else {
			files.ServeHTTP(rec, r)
		}
		mu.Lock()
		hits = append(hits, siteHit{r.URL.Path, r.Header.Get("If-None-Match"), rec.status, time.Now()})
		mu.Unlock()
	}))
	defer srv.Close()
	cfg, dbPath := crawlConfig(t, srv.URL, "edgar:\n  submissions_base: "+srv.URL+"\n  archives_base: "+srv.URL+"\n", `  - name: nvidia
    kind: edgar
    ticker: nvda
  - name: example-cloud
    kind: edgar
    cik: "0009990001"
    forms: [10-Q]
`)
	code, out, errOut := runCmd(t.Context(), "crawl", "--once", "--config", cfg)
	if code != 0 {
		t.Fatalf("exit %d\n%s\n%s", code, out, errOut)
	}
	mu.Lock()
	first := hits
	hits = nil
	mu.Unlock()
	var docs []string
	for _, h := range first {
		if h.status != 200 && h.path != "/robots.txt" && h.path != "/files/company_tickers.json" {
			t.Errorf("%s answered %d", h.path, h.status)
		}
		if strings.HasSuffix(h.path, ".htm") {
			docs = append(docs, filepath.Base(h.path))
		}
	}
	slices.Sort(docs)
	// NVIDIA: 10-Q, 8-K and its EX-99.1; Example Cloud: only its 10-Q (forms).
	if want := []string{"excc-20250630.htm", "nvda-20250727.htm", "nvda-20250827.htm", "q2fy26pr.htm"}; !slices.Equal(docs, want) {
		t.Errorf("documents fetched %v, want %v", docs, want)
	}
	// One limit for EDGAR, whatever the host rate: at most 10 requests a second.
	span := first[len(first)-1].at.Sub(first[0].at)
	if perSec := float64(len(first)-1) / span.Seconds(); perSec > 11 {
		t.Errorf("%d EDGAR requests in %v = %.1f/s, over SEC's 10/s", len(first), span, perSec)
	}
	db, err := store.Open(t.Context(), dbPath)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	qURL := srv.URL + "/Archives/edgar/data/1045810/000104581025000209/nvda-20250727.htm"
	claims, err := db.DocumentClaims(t.Context(), qURL)
	if err != nil {
		t.Fatal(err)
	}
	filing := 0
	for _, c := range claims {
		if c.Source.Kind == claim.KindFiling && c.Source.Form == "10-Q" && c.Source.CIK == "0001045810" && c.Source.Accession == "0001045810-25-000209" {
			filing++
		}
	}
	if filing == 0 {
		t.Errorf("no filing claims (with form, CIK and accession) from the 10-Q's inline XBRL: %d claims", len(claims))
	}
	// Filings never change: a second check asks only for the submissions JSON.
	if code, out, _ := runCmd(t.Context(), "crawl", "--once", "--all", "--config", cfg); code != 0 {
		t.Fatalf("second crawl: exit %d\n%s", code, out)
	}
	mu.Lock()
	second := hits
	mu.Unlock()
	for _, h := range second {
		if h.path == "/robots.txt" || h.path == "/files/company_tickers.json" { // a new process asks again
			continue
		}
		if !strings.HasPrefix(h.path, "/submissions/") || h.status != http.StatusNotModified {
			t.Errorf("second crawl: %s answered %d, want only 304s of the submissions JSON", h.path, h.status)
		}
	}
	// A ticker the SEC does not list stops the crawl at start, clearly.
	cfg, _ = crawlConfig(t, srv.URL, "edgar:\n  archives_base: "+srv.URL+"\n", "  - name: nope\n    kind: edgar\n    ticker: zzzz\n")
	if code, _, errOut := runCmd(t.Context(), "crawl", "--once", "--config", cfg); code != 1 || !strings.Contains(errOut, "ticker ZZZZ is not in the SEC's company list") {
		t.Errorf("unknown ticker: exit %d\n%s", code, errOut)
	}
}

func TestCrawlRunsUntilInterrupted(t *testing.T) {
	s := newSite(t)
	cfg, _ := crawlConfig(t, s.URL, "", "  - name: rss\n    kind: feed\n    url: {{BASE}}/feed.xml\n    interval: 1s\n")
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	done := make(chan int)
	go func() {
		code, _, _ := runCmd(ctx, "crawl", "--config", cfg)
		done <- code
	}()
	// The feed is due every second: it is checked again, conditionally.
	deadline := time.Now().Add(10 * time.Second)
	var feedHits []siteHit
	for len(feedHits) < 2 && time.Now().Before(deadline) {
		time.Sleep(50 * time.Millisecond)
		s.mu.Lock()
		feedHits = feedHits[:0]
		for _, h := range s.hits {
			if h.path == "/feed.xml" {
				feedHits = append(feedHits, h)
			}
		}
		s.mu.Unlock()
	}
	if len(feedHits) < 2 || feedHits[1].status != http.StatusNotModified {
		t.Fatalf("feed requests: %+v, want a second, conditional one", feedHits)
	}
	cancel()
	select {
	case code := <-done:
		if code != 0 {
			t.Errorf("exit %d after interrupt, want 0", code)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("crawl did not stop after its context ended")
	}
}

func TestCrawlMalformedInputs(t *testing.T) {
	s := newSite(t)
	bad := map[string]string{
		"/bad-sitemap.xml":                `<urlset><url><loc>/articles/x.html</loc>`,
		"/bad-feed.json":                  `{"version": "https://jsonfeed.org/version/1.1", "items": [`,
		"/submissions/CIK0000000042.json": `{"cik": "0000000042", "filings": {"recent": {"accessionNumber": ["a"`,
		"/submissions/CIK0000000043.json": `{"cik": "0000000043", "filings": {"recent": {"accessionNumber": ["0000000043-25-000001"], "form": []}}}`,
		"/binary-feed.xml":                "\x00\x01\x02\xff\xfe",
	}
	s.override = func(w http.ResponseWriter, r *http.Request) bool {
		body, ok := bad[r.URL.Path]
		if ok {
			w.Write([]byte(body))
		}
		return ok
	}
	cfg, _ := crawlConfig(t, s.URL, "edgar:\n  submissions_base: {{BASE}}\n  archives_base: {{BASE}}\n", `  - name: sitemap
    kind: sitemap
    url: {{BASE}}/bad-sitemap.xml
  - name: jsonfeed
    kind: feed
    url: {{BASE}}/bad-feed.json
  - name: cut-json
    kind: edgar
    cik: 42
  - name: ragged-json
    kind: edgar
    cik: 43
  - name: binary
    kind: feed
    url: {{BASE}}/binary-feed.xml
  - name: good
    kind: feed
    url: {{BASE}}/atom.xml
`)
	data, _ := os.ReadFile(cfg)
	os.WriteFile(cfg, bytes.ReplaceAll(data, []byte("{{BASE}}"), []byte(s.URL)), 0o644)
	code, out, errOut := runCmd(t.Context(), "crawl", "--once", "--config", cfg)
	if code != 1 || !strings.Contains(errOut, "5 of 6 sources failed") {
		t.Errorf("exit %d, want 1 with five failed sources:\n%s", code, errOut)
	}
	lines := strings.Split(out, "\n")
	for name, want := range map[string]string{
		"sitemap": "parse sitemap", "jsonfeed": "parse feed", "cut-json": "submissions json",
		"ragged-json": "submissions json", "binary": "parse feed",
	} {
		if l := lineOf(lines, name+" "); !strings.Contains(l, "ERROR") || !strings.Contains(l, want) {
			t.Errorf("%s: %q, want an error mentioning %q", name, l, want)
		}
	}
	if l := lineOf(lines, "good "); !strings.Contains(l, "4 fetched") || strings.Contains(l, "ERROR") {
		t.Errorf("the good source suffered: %q", l)
	}
}

func TestCrawlProgressOnTerminal(t *testing.T) {
	s := newSite(t)
	cfg, _ := crawlConfig(t, s.URL, "", "  - name: atom\n    kind: feed\n    url: {{BASE}}/atom.xml\n")
	var out bytes.Buffer
	code := Main(t.Context(), []string{"crawl", "--once", "--config", cfg}, &env{stdout: &out, stderr: &out, getenv: func(string) string { return "" }, isTerminal: true})
	if code != 0 {
		t.Fatalf("exit %d\n%s", code, out.String())
	}
	for _, want := range []string{"0/1 sources · 1 documents", "0/1 sources · 4 documents · 0 failed", "1/1 sources", "atom ", "checked 1 sources"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("terminal output lacks %q:\n%q", want, out.String())
		}
	}
}

func TestCrawlSelectedSources(t *testing.T) {
	s := newSite(t)
	cfg, _ := crawlConfig(t, s.URL, "", "  - name: atom\n    kind: feed\n    url: {{BASE}}/atom.xml\n  - name: json\n    kind: feed\n    url: {{BASE}}/feed.json\n")
	code, out, errOut := runCmd(t.Context(), "crawl", "--once", "--source", "json", "--config", cfg)
	if code != 0 || !strings.Contains(out, "checked 1 sources") {
		t.Fatalf("exit %d\n%s\n%s", code, out, errOut)
	}
	for _, h := range s.take() {
		if h.path == "/atom.xml" {
			t.Error("a source left out by --source was checked")
		}
	}
	if code, _, _ := runCmd(t.Context(), "crawl", "--once", "--source", "nope", "--config", cfg); code != 2 {
		t.Errorf("unknown --source: exit %d, want 2", code)
	}
}
