package pipeline_test

import (
	"context"
	"errors"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/claimwire/claimwire/claim"
	"github.com/claimwire/claimwire/pipeline"
)

var feed = pipeline.Source{Name: "feed", Kind: pipeline.KindFeed, URL: "https://n.test/feed", Interval: time.Hour}

const articleA, articleB, articleC = "https://n.test/a", "https://n.test/b", "https://n.test/c"

func sorted(s []string) []string { slices.Sort(s); return s }

func TestCheckFetchesOnlyWhatIsNew(t *testing.T) {
	h := newHarness()
	h.web.set(feed.URL, page{body: articleA + " 2026-03-01T00:00:00Z\n" + articleB, etag: `"1"`})
	h.web.set(articleA, page{body: "Revenue was $5 billion."})
	h.web.set(articleB, page{body: "Revenue was $6 billion."})

	rep := h.c.Check(t.Context(), feed)
	if got := sorted(h.web.take()); !slices.Equal(got, sorted([]string{feed.URL, articleA, articleB})) || rep.Fetched != 2 || rep.Err != nil {
		t.Fatalf("first check fetched %v, report %+v", got, rep)
	}
	// Unchanged feed: one conditional request, nothing else.
	rep = h.c.Check(t.Context(), feed)
	if got := h.web.take(); !slices.Equal(got, []string{feed.URL}) || rep.Fetched != 0 {
		t.Errorf("second check fetched %v, report %+v", got, rep)
	}
	// The feed changes: a new item, and A updated after it was fetched.
	h.clock.add(time.Hour)
	h.web.set(feed.URL, page{body: articleA + " 2026-03-02T09:30:00Z\n" + articleB + "\n" + articleC, etag: `"2"`})
	h.web.set(articleC, page{body: "Revenue was $7 billion."})
	rep = h.c.Check(t.Context(), feed)
	if got := sorted(h.web.take()); !slices.Equal(got, sorted([]string{feed.URL, articleA, articleC})) || rep.Known != 1 {
		t.Errorf("third check fetched %v (want feed, updated A, new C), report %+v", got, rep)
	}
	// A came back with the same bytes: not saved (re-extracted) again.
	if h.store.saved[articleA] != 1 || h.store.saved[articleC] != 1 || rep.Unchanged != 1 {
		t.Errorf("saves %v, report %+v", h.store.saved, rep)
	}
}

func TestFailedDocumentIsRetriedAfterItsBackoff(t *testing.T) {
	h := newHarness()
	h.web.set(feed.URL, page{body: articleA + "\n" + articleB, etag: `"1"`})
	h.web.set(articleA, page{body: "A"})
	// B is missing: 404.
	rep := h.c.Check(t.Context(), feed)
	h.web.take()
	if rep.Failed != 1 || rep.Err != nil {
		t.Fatalf("report %+v", rep)
	}
	st := h.store.urls[articleB]
	if st.Errors != 1 || !st.NextCheck.Equal(h.clock.now().Add(time.Minute)) {
		t.Errorf("failed URL state %+v, want 1 error, retry in 1m", st)
	}
	if h.store.urls[feed.URL].ETag != "" {
		t.Error("the feed was committed with its validators while an item failed: the item would never be retried")
	}
	// Before B's retry time: the feed is read again, B deferred.
	rep = h.c.Check(t.Context(), feed)
	if got := h.web.take(); !slices.Equal(got, []string{feed.URL}) || rep.Deferred != 1 {
		t.Errorf("before the retry: fetched %v, report %+v", got, rep)
	}
	// After it: B is fetched, succeeds, and the feed is committed.
	h.clock.add(2 * time.Minute)
	h.web.set(articleB, page{body: "B"})
	rep = h.c.Check(t.Context(), feed)
	if got := sorted(h.web.take()); !slices.Equal(got, sorted([]string{feed.URL, articleB})) || rep.Fetched != 1 {
		t.Errorf("after the retry time: fetched %v, report %+v", got, rep)
	}
	if h.store.urls[feed.URL].ETag != `"1"` || h.store.urls[articleB].Errors != 0 {
		t.Errorf("states after recovery: feed %+v, B %+v", h.store.urls[feed.URL], h.store.urls[articleB])
	}
}

// retryErr mimics fetch.RetryError.
type retryErr struct{ until time.Time }

func (e retryErr) Error() string    { return "status 429" }
func (e retryErr) Until() time.Time { return e.until }

func TestSourceStateBackoffAndRecovery(t *testing.T) {
	h := newHarness()
	h.web.set(feed.URL, page{err: errors.New("connection refused")})
	want := []time.Duration{time.Minute, 2 * time.Minute, 4 * time.Minute, 8 * time.Minute}
	for i, w := range want {
		rep := h.c.Check(t.Context(), feed)
		st := h.store.sources[feed.Name]
		if st.Status != "error" || st.ErrorCount != i+1 || !strings.Contains(st.LastError, "connection refused") {
			t.Fatalf("check %d: state %+v", i+1, st)
		}
		if got := rep.NextCheck.Sub(h.clock.now()); got != w {
			t.Errorf("check %d: next check in %v, want %v", i+1, got, w)
		}
	}
	// The backoff is capped.
	h.c.BackoffMax = 5 * time.Minute
	if rep := h.c.Check(t.Context(), feed); rep.NextCheck.Sub(h.clock.now()) != 5*time.Minute {
		t.Errorf("capped backoff: next check in %v", rep.NextCheck.Sub(h.clock.now()))
	}
	// Retry-After wins over the backoff.
	until := h.clock.now().Add(3 * time.Hour)
	h.web.set(feed.URL, page{err: retryErr{until}})
	if rep := h.c.Check(t.Context(), feed); !rep.NextCheck.Equal(until) {
		t.Errorf("Retry-After: next check %v, want %v", rep.NextCheck, until)
	}
	// Recovery: status ok, errors reset, next check one interval on.
	h.web.set(feed.URL, page{body: ""})
	rep := h.c.Check(t.Context(), feed)
	st := h.store.sources[feed.Name]
	if st.Status != "ok" || st.ErrorCount != 0 || rep.NextCheck.Sub(h.clock.now()) != time.Hour {
		t.Errorf("after recovery: %+v, next in %v", st, rep.NextCheck.Sub(h.clock.now()))
	}
}

func TestMalformedFeedFailsItsSourceOnly(t *testing.T) {
	h := newHarness()
	other := pipeline.Source{Name: "other", Kind: pipeline.KindFeed, URL: "https://m.test/feed", Interval: time.Hour}
	h.web.set(feed.URL, page{body: "<broken"})
	h.web.set(other.URL, page{body: articleA})
	h.web.set(articleA, page{body: "A"})
	s := &pipeline.Scheduler{Crawler: h.c, Sources: []pipeline.Source{feed, other}}
	reports, err := s.Once(t.Context())
	if err != nil || len(reports) != 2 {
		t.Fatalf("Once: %v, %d reports", err, len(reports))
	}
	bad, good := reports[0], reports[1] // sorted by name: feed, other
	if !errors.Is(bad.Err, errMalformed) || good.Err != nil || good.Fetched != 1 {
		t.Errorf("reports: %+v / %+v", bad, good)
	}
}

func TestPageWithoutPatternIsTheDocument(t *testing.T) {
	h := newHarness()
	src := pipeline.Source{Name: "ir", Kind: pipeline.KindPage, URL: "https://ir.test/", Interval: time.Hour}
	h.web.set(src.URL, page{body: "Revenue was $5 billion."}) // no ETag: fetched in full each time
	for i := range 3 {
		rep := h.c.Check(t.Context(), src)
		if rep.Err != nil || rep.Fetched+rep.Unchanged != 1 {
			t.Fatalf("check %d: %+v", i, rep)
		}
	}
	if h.store.saved[src.URL] != 1 {
		t.Errorf("an unchanged page was extracted and saved %d times, want 1", h.store.saved[src.URL])
	}
	// The page is the source: its failure is the source's.
	h.web.set(src.URL, page{err: errors.New("status 500")})
	if rep := h.c.Check(t.Context(), src); rep.Err == nil || h.store.sources[src.Name].Status != "error" {
		t.Errorf("failing page: report %+v, state %+v", rep, h.store.sources[src.Name])
	}
}

func TestOnceChecksOnlyDueSources(t *testing.T) {
	h := newHarness()
	h.web.set(feed.URL, page{body: ""})
	s := &pipeline.Scheduler{Crawler: h.c, Sources: []pipeline.Source{feed}}
	if r, _ := s.Once(t.Context()); len(r) != 1 {
		t.Fatalf("never-checked source not due: %d reports", len(r))
	}
	if r, _ := s.Once(t.Context()); len(r) != 0 {
		t.Errorf("source checked again before its next check: %d reports", len(r))
	}
	s.All = true
	if r, _ := s.Once(t.Context()); len(r) != 1 {
		t.Errorf("All: %d reports", len(r))
	}
	h.clock.add(2 * time.Hour)
	s.All = false
	if r, _ := s.Once(t.Context()); len(r) != 1 {
		t.Errorf("due again after its interval: %d reports", len(r))
	}
}

func TestRunFinishesInFlightWorkOnShutdown(t *testing.T) {
	h := newHarness()
	h.web.set(feed.URL, page{body: articleA})
	h.web.set(articleA, page{body: "A"})
	h.web.block = make(chan struct{})
	var reports atomic.Int32
	s := &pipeline.Scheduler{Crawler: h.c, Sources: []pipeline.Source{feed}, Poll: 10 * time.Millisecond, Grace: time.Minute,
		OnReport: func(pipeline.Report) { reports.Add(1) }}
	ctx, cancel := context.WithCancel(t.Context())
	done := make(chan error)
	go func() { done <- s.Run(ctx) }()
	waitFor(t, func() bool { return h.web.fetches() > 0 }) // the check is in flight
	cancel()
	select {
	case <-done:
		t.Fatal("Run returned with a check still in flight")
	case <-time.After(50 * time.Millisecond):
	}
	close(h.web.block)
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if reports.Load() != 1 || h.store.saved[articleA] != 1 {
		t.Errorf("in-flight check not finished: %d reports, saves %v", reports.Load(), h.store.saved)
	}
}

func TestRunCancelsInFlightWorkAfterGrace(t *testing.T) {
	h := newHarness()
	h.web.set(feed.URL, page{body: articleA})
	h.web.block = make(chan struct{}) // never released
	s := &pipeline.Scheduler{Crawler: h.c, Sources: []pipeline.Source{feed}, Poll: 10 * time.Millisecond, Grace: 20 * time.Millisecond}
	ctx, cancel := context.WithCancel(t.Context())
	done := make(chan error)
	go func() { done <- s.Run(ctx) }()
	waitFor(t, func() bool { return h.web.fetches() > 0 })
	cancel()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("Run did not return after its grace period")
	}
	// Interrupted, not failed: due again at once, no error counted.
	st := h.store.sources[feed.Name]
	if st.ErrorCount != 0 || st.NextCheck.After(h.clock.now()) {
		t.Errorf("interrupted source state %+v", st)
	}
}

func waitFor(t *testing.T, cond func() bool) {
	t.Helper()
	for range 500 {
		if cond() {
			return
		}
		time.Sleep(2 * time.Millisecond)
	}
	t.Fatal("condition not reached")
}

// batchStore is a memStore that also saves in batches and records them.
type batchStore struct {
	*memStore
	mu      sync.Mutex
	batches []int
	bad     string // a URL whose save fails
}

func (b *batchStore) SaveBatch(ctx context.Context, docs []claim.Document, claims [][]claim.Claim) ([]claim.SaveResult, error) {
	b.mu.Lock()
	b.batches = append(b.batches, len(docs))
	b.mu.Unlock()
	time.Sleep(5 * time.Millisecond) // a transaction takes time: the next batch gathers meanwhile
	out := make([]claim.SaveResult, len(docs))
	for i, d := range docs {
		if d.URL == b.bad {
			return nil, errors.New("constraint failed")
		}
		out[i], _ = b.SaveDocument(ctx, d, claims[i])
	}
	return out, nil
}

func TestConcurrentSavesAreGrouped(t *testing.T) {
	h := newHarness()
	bs := &batchStore{memStore: h.store, bad: "https://n.test/7"}
	h.c.Saver, h.c.Concurrency = bs, 8
	var body []string
	for i := range 40 {
		u := "https://n.test/" + string(rune('0'+i/10)) + string(rune('0'+i%10))
		if i == 7 {
			u = bs.bad
		}
		body = append(body, u)
		h.web.set(u, page{body: "doc " + u})
	}
	h.web.set(feed.URL, page{body: strings.Join(body, "\n")})
	rep := h.c.Check(t.Context(), feed)
	if rep.Fetched != 39 || rep.Failed != 1 {
		t.Errorf("report %+v, want 39 saved and the bad one failed alone", rep)
	}
	if len(bs.batches) >= 40 {
		t.Errorf("%d transactions for 40 documents: saves were not grouped", len(bs.batches))
	}
}

// indexFormats reads "index" bodies (a line "index" then child URLs with
// lastmod) as sitemap indexes and anything else as a list of pages.
type indexFormats struct{ lineFormats }

func (f indexFormats) Sitemap(data []byte, base string) ([]pipeline.Link, []pipeline.Link, error) {
	body, ok := strings.CutPrefix(string(data), "index\n")
	links, err := f.Feed([]byte(body), base)
	if ok {
		return nil, links, err
	}
	return links, nil, err
}

func TestSitemapIndexSkipsChildrenByLastmod(t *testing.T) {
	h := newHarness()
	h.c.Formats = indexFormats{}
	src := pipeline.Source{Name: "sm", Kind: pipeline.KindSitemap, URL: "https://n.test/sitemap.xml", Interval: time.Hour}
	const old, fresh = "https://n.test/s-2025.xml", "https://n.test/s-2026.xml"
	h.web.set(src.URL, page{body: "index\n" + old + " 2026-01-01\n" + fresh + " 2026-03-01"})
	h.web.set(old, page{body: articleA})
	h.web.set(fresh, page{body: articleB})
	h.web.set(articleA, page{body: "A"})
	h.web.set(articleB, page{body: "B"})
	h.c.Check(t.Context(), src)
	h.web.take()
	// The index changes: only the child whose lastmod moved is read again.
	h.clock.add(time.Hour)
	h.web.set(src.URL, page{body: "index\n" + old + " 2026-01-01\n" + fresh + " 2026-03-02T10:00:00Z"})
	h.web.set(fresh, page{body: articleB + "\n" + articleC})
	h.web.set(articleC, page{body: "C"})
	rep := h.c.Check(t.Context(), src)
	if got := sorted(h.web.take()); !slices.Equal(got, sorted([]string{src.URL, fresh, articleC})) || rep.Fetched != 1 {
		t.Errorf("fetched %v, report %+v", got, rep)
	}
}

// brokenStates is a store whose source states cannot be read.
type brokenStates struct{ *memStore }

func (brokenStates) SourceState(context.Context, string) (claim.SourceState, error) {
	return claim.SourceState{}, errors.New("disk I/O error")
}

func TestStoreFailureStillBacksOff(t *testing.T) {
	h := newHarness()
	h.c.Saver = brokenStates{h.store}
	h.web.set(feed.URL, page{body: ""})
	rep := h.c.Check(t.Context(), feed)
	if rep.Err == nil || !strings.Contains(rep.Err.Error(), "disk I/O error") {
		t.Errorf("report error %v, want the store's", rep.Err)
	}
	if !rep.NextCheck.After(h.clock.now()) {
		t.Errorf("next check %v is not in the future: a scheduler would spin", rep.NextCheck)
	}
}
