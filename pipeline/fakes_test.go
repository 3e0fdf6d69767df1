package pipeline_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"sync"
	"time"

	"github.com/claimwire/claimwire/claim"
	"github.com/claimwire/claimwire/pipeline"
)

// page is what the fake web serves at one URL.
type page struct {
	body string
	etag string
	err  error
}

// fakeWeb is a pipeline.Fetcher over a map of pages; it honours ETags and
// logs every fetch.
type fakeWeb struct {
	mu    sync.Mutex
	pages map[string]page
	log   []string
	now   func() time.Time
	block chan struct{} // when set, every fetch waits for it (or ctx)
}

func (w *fakeWeb) set(url string, p page) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.pages[url] = p
}

func (w *fakeWeb) fetches() int {
	w.mu.Lock()
	defer w.mu.Unlock()
	return len(w.log)
}

func (w *fakeWeb) take() []string {
	w.mu.Lock()
	defer w.mu.Unlock()
	l := w.log
	w.log = nil
	return l
}

func (w *fakeWeb) Fetch(ctx context.Context, url string, prev claim.URLState) (*pipeline.Response, error) {
	w.mu.Lock()
	p, ok := w.pages[url]
	w.log = append(w.log, url)
	block := w.block
	w.mu.Unlock()
	if block != nil {
		select {
		case <-block:
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
	switch {
	case !ok:
		return nil, fmt.Errorf("%s: status 404", url)
	case p.err != nil:
		return nil, p.err
	}
	sum := sha256.Sum256([]byte(p.body))
	r := &pipeline.Response{URL: url, FinalURL: url, Status: 200, ETag: p.etag, Hash: hex.EncodeToString(sum[:]), FetchedAt: w.now()}
	if p.etag != "" && prev.ETag == p.etag {
		r.Status, r.NotModified, r.Hash = 304, true, prev.ContentHash
		return r, nil
	}
	r.Body = []byte(p.body)
	return r, nil
}

// lineFormats reads a "feed" of one link a line: URL [published].
type lineFormats struct{}

var errMalformed = errors.New("malformed feed")

func (lineFormats) Feed(data []byte, base string) ([]pipeline.Link, error) {
	if strings.HasPrefix(string(data), "<broken") {
		return nil, errMalformed
	}
	var out []pipeline.Link
	for _, line := range strings.Split(strings.TrimSpace(string(data)), "\n") {
		f := strings.Fields(line)
		if len(f) == 0 {
			continue
		}
		l := pipeline.Link{URL: f[0]}
		if len(f) > 1 {
			l.Published = f[1]
		}
		out = append(out, l)
	}
	return out, nil
}

func (f lineFormats) Sitemap(data []byte, base string) ([]pipeline.Link, []pipeline.Link, error) {
	l, err := f.Feed(data, base)
	return l, nil, err
}

func (f lineFormats) Links(page []byte, pageURL string, pattern *regexp.Regexp) ([]pipeline.Link, error) {
	return f.Feed(page, pageURL)
}

func (lineFormats) SubmissionsURL(base, cik string) string {
	return base + "/submissions/CIK" + cik + ".json"
}

func (lineFormats) Filings([]byte, string, string, []string) ([]pipeline.Filing, error) {
	return nil, errors.New("not used")
}

func (lineFormats) FilingDocuments(pipeline.Filing, []byte, string) ([]pipeline.Document, error) {
	return nil, errors.New("not used")
}

// memStore is a pipeline.Saver in memory that counts saved documents.
type memStore struct {
	mu      sync.Mutex
	urls    map[string]claim.URLState
	sources map[string]claim.SourceState
	saved   map[string]int // URL → times saved
}

func newMemStore() *memStore {
	return &memStore{urls: map[string]claim.URLState{}, sources: map[string]claim.SourceState{}, saved: map[string]int{}}
}

func (m *memStore) SaveDocument(_ context.Context, doc claim.Document, claims []claim.Claim) (claim.SaveResult, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.saved[doc.URL]++
	return claim.SaveResult{DocumentNew: true, New: claims}, nil
}

func (m *memStore) SourceState(_ context.Context, name string) (claim.SourceState, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	s, ok := m.sources[name]
	if !ok {
		return s, claim.ErrNotFound
	}
	return s, nil
}

func (m *memStore) SaveSourceState(_ context.Context, s claim.SourceState) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.sources[s.Name] = s
	return nil
}

func (m *memStore) SourceStates(context.Context) ([]claim.SourceState, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	var out []claim.SourceState
	for _, s := range m.sources {
		out = append(out, s)
	}
	return out, nil
}

func (m *memStore) URLState(_ context.Context, url string) (claim.URLState, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	s, ok := m.urls[url]
	if !ok {
		return s, claim.ErrNotFound
	}
	return s, nil
}

func (m *memStore) SaveURLState(_ context.Context, s claim.URLState) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.urls[s.URL] = s
	return nil
}

// clock is a settable test clock.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *clock) add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// harness is a crawler over the fakes, with jitter pinned to the middle of
// its range (factor 1).
type harness struct {
	web   *fakeWeb
	store *memStore
	clock *clock
	c     *pipeline.Crawler
}

func newHarness() *harness {
	clk := &clock{t: time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)}
	h := &harness{web: &fakeWeb{pages: map[string]page{}, now: clk.now}, store: newMemStore(), clock: clk}
	h.c = &pipeline.Crawler{
		Fetcher: h.web, Formats: lineFormats{}, Saver: h.store, Now: clk.now,
		Jitter: func() float64 { return 0.5 }, Concurrency: 2,
	}
	return h
}
