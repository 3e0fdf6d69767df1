package main

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"golang.org/x/time/rate"

	"github.com/claimwire/claimwire/claim"
	"github.com/claimwire/claimwire/fetch"
	"github.com/claimwire/claimwire/pipeline"
	"github.com/claimwire/claimwire/store"
)

var canonical = regexp.MustCompile(`<link rel="canonical"[^>]*>`)

// benchArticles is the size of the generated site the crawl benchmark reads.
const benchArticles = 2000

// generatedSite serves n articles made from the fixture pages (each one made
// distinct by its number) and a sitemap listing them. It returns the server
// and the bytes one full crawl downloads.
func generatedSite(tb testing.TB, n int) (*httptest.Server, int64) {
	tb.Helper()
	paths, _ := filepath.Glob(filepath.Join(newsRoot, "articles", "*.html"))
	var pages [][]byte
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			tb.Fatal(err)
		}
		pages = append(pages, data)
	}
	if len(pages) == 0 {
		tb.Fatal("no fixture articles")
	}
	// Each copy is its own story: its years moved (so its figures make facts
	// of their own, as a real archive's would) and a line of its own.
	article := func(i int) []byte {
		year := []byte(strconv.Itoa(1900 + i/len(pages)))
		page := bytes.ReplaceAll(pages[i%len(pages)], []byte("2025"), year)
		page = bytes.ReplaceAll(page, []byte("2026"), year)
		marker := fmt.Sprintf("<p>Dispatch %d of the generated crawl benchmark.</p></article>", i)
		page = bytes.Replace(page, []byte("</article>"), []byte(marker), 1)
		// Its own canonical URL, or the store would take every copy for a new
		// version of the same document.
		return canonical.ReplaceAll(page, []byte(fmt.Sprintf(`<link rel="canonical" href="/a/%d.html">`, i)))
	}
	var total int64
	var sm bytes.Buffer
	sm.WriteString(`<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">`)
	for i := range n {
		fmt.Fprintf(&sm, "<url><loc>/a/%d.html</loc><lastmod>%d-10-01</lastmod></url>", i, 1900+i/len(pages))
		total += int64(len(article(i)))
	}
	sm.WriteString("</urlset>")
	total += int64(sm.Len())
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch {
		case r.URL.Path == "/sitemap.xml":
			w.Header().Set("Content-Type", "application/xml")
			w.Write(sm.Bytes())
		case strings.HasPrefix(r.URL.Path, "/a/"):
			i, err := strconv.Atoi(strings.TrimSuffix(strings.TrimPrefix(r.URL.Path, "/a/"), ".html"))
			if err != nil || i < 0 || i >= n {
				http.NotFound(w, r)
				return
			}
			w.Header().Set("Content-Type", "text/html")
			w.Write(article(i))
		default:
			http.NotFound(w, r)
		}
	}))
	tb.Cleanup(srv.Close)
	return srv, total
}

// BenchmarkCrawl crawls a generated site of 2,000 articles from a local
// server into a fresh store, politeness limits lifted for loopback. It
// reports documents per second and the process's peak resident memory.
func BenchmarkCrawl(b *testing.B) {
	benchCrawl(b, func(b *testing.B, run int) (pipeline.Saver, func()) {
		db, err := store.Open(b.Context(), filepath.Join(b.TempDir(), fmt.Sprintf("bench%d.db", run)))
		if err != nil {
			b.Fatal(err)
		}
		return db, func() { db.Close() }
	})
}

// BenchmarkCrawlNoStore is BenchmarkCrawl with the store replaced by a map in
// memory: the fetch, politeness and extraction side alone.
func BenchmarkCrawlNoStore(b *testing.B) {
	benchCrawl(b, func(*testing.B, int) (pipeline.Saver, func()) { return newMemSaver(), func() {} })
}

func benchCrawl(b *testing.B, open func(*testing.B, int) (pipeline.Saver, func())) {
	srv, total := generatedSite(b, benchArticles)
	cfg := &config{concurrency: 16, fetch: fetch.Options{
		UserAgent: "ClaimwireBench/1.0 (bench@example.com)", AllowLoopback: true, HostRate: rate.Inf,
	}}
	src := pipeline.Source{Name: "bench", Kind: pipeline.KindSitemap, URL: srv.URL + "/sitemap.xml", Interval: time.Hour}
	b.SetBytes(total)
	b.ReportAllocs()
	var docs int
	var elapsed time.Duration
	run := 0
	for b.Loop() {
		run++
		db, closeDB := open(b, run)
		c := newCrawler(cfg, fetch.New(cfg.fetch), db, nil)
		start := time.Now()
		rep := c.Check(b.Context(), src)
		elapsed += time.Since(start)
		closeDB()
		if rep.Err != nil || rep.Fetched != benchArticles {
			b.Fatalf("crawl: fetched %d of %d, failed %d, err %v %v", rep.Fetched, benchArticles, rep.Failed, rep.Err, rep.DocErrs)
		}
		docs += rep.Fetched
	}
	b.ReportMetric(float64(docs)/elapsed.Seconds(), "docs/s")
	if hwm := peakRSS(); hwm > 0 {
		b.ReportMetric(float64(hwm)/(1<<20), "peak-RSS-MB")
	}
}

// memSaver is a pipeline.Saver in memory, for measuring the crawl without
// the store: documents are dropped, crawl state is a MemoryState.
type memSaver struct {
	pipeline.MemoryState
}

func newMemSaver() *memSaver { return &memSaver{} }

func (m *memSaver) SaveDocument(context.Context, claim.Document, []claim.Claim) (claim.SaveResult, error) {
	return claim.SaveResult{DocumentNew: true}, nil
}

// peakRSS returns the process's peak resident set size (VmHWM) in bytes, 0
// where /proc is not available.
func peakRSS() int64 {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return 0
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), "VmHWM:"); ok {
			kb, _ := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")), 10, 64)
			return kb << 10
		}
	}
	return 0
}
