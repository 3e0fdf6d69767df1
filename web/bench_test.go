package web_test

import (
	"context"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/claimwire/claimwire/claim"
	"github.com/claimwire/claimwire/store"
	"github.com/claimwire/claimwire/web"
)

// benchCorpus writes n synthetic claims (10 per document, 400 subjects with a
// skew, every metric, 3.5 years of dates) in batched transactions.
func benchCorpus(b *testing.B, db *store.DB, n int, rng *rand.Rand, subjects []string) {
	ctx := context.Background()
	start := time.Date(2023, 1, 1, 0, 0, 0, 0, time.UTC)
	for made := 0; made < n; made += benchPerBatch {
		batch := make([]store.Batch, benchDocs)
		for i := range batch {
			day := start.AddDate(0, 0, rng.IntN(1280)).Format(time.DateOnly)
			u := fmt.Sprintf("https://www.outlet%03d.example.com/%s/story-%d-%d", rng.IntN(150), day, made, i)
			text := fmt.Sprintf("story %d %d", made, i)
			doc := claim.Document{Source: claim.Source{URL: u, Title: "Story " + text, Published: day, Kind: claim.KindArticle},
				Text: text, ContentHash: claim.HashText(text)}
			cs := make([]claim.Claim, benchPerBatch/benchDocs)
			for j := range cs {
				subj := subjects[min(int(math.Pow(rng.Float64(), 2.5)*float64(len(subjects))), len(subjects)-1)]
				c := claim.Claim{Subject: subj, Metric: claim.Metrics[rng.IntN(len(claim.Metrics))], Unit: claim.USD,
					Value: math.Round(math.Exp(rng.Float64()*20) * 1e3), Qualifier: claim.Exact, Modality: claim.Actual, Source: doc.Source}
				fig := fmt.Sprintf("$%.1f billion", c.Value/1e9)
				c.Quote = fmt.Sprintf("%s said its %s reached %s in claim %d.", subj, c.Metric, fig, j)
				at := strings.Index(c.Quote, fig)
				c.Span = [2]int{at, at + len(fig)}
				c.SetID()
				cs[j] = c
			}
			batch[i] = store.Batch{Doc: doc, Claims: cs}
		}
		if _, err := db.SaveDocuments(ctx, batch); err != nil {
			b.Fatal(err)
		}
	}
}

// The corpus is written in batches of benchDocs documents of ten claims;
// document i of the batch that starts at claim m is titled "Story story m i".
const benchDocs, benchPerBatch = 1000, 10_000

// benchCorpusVersion names the generator above: change it whenever
// benchCorpus changes, so that a cached database of the old corpus is not
// reused.
const benchCorpusVersion = 1

// benchDB opens a database of n synthetic claims. Building a million claims
// takes minutes, so the file is kept in os.TempDir() under a name made of the
// generator version, n and a hash of the store's migrations, and reused by
// later runs; delete claimwire-bench-*.db there to rebuild. A cached file is
// opened in place (the benchmark only reads it); a new one is built under a
// temporary name and renamed, so an interrupted build leaves no half file.
func benchDB(b *testing.B, n int, subjects []string) *store.DB {
	ctx := context.Background()
	h := sha256.New()
	migrations, err := filepath.Glob("../store/migrations/*.sql")
	if err != nil || len(migrations) == 0 {
		b.Fatalf("store migrations not found: %v", err)
	}
	for _, m := range migrations {
		raw, err := os.ReadFile(m)
		if err != nil {
			b.Fatal(err)
		}
		fmt.Fprintf(h, "%s %d\n", filepath.Base(m), len(raw))
		h.Write(raw)
	}
	path := filepath.Join(os.TempDir(), fmt.Sprintf("claimwire-bench-v%d-%d-%x.db", benchCorpusVersion, n, h.Sum(nil)[:6]))
	if _, err := os.Stat(path); err != nil {
		tmp := filepath.Join(b.TempDir(), "bench.db")
		db, err := store.Open(ctx, tmp)
		if err != nil {
			b.Fatal(err)
		}
		t0 := time.Now()
		benchCorpus(b, db, n, rand.New(rand.NewPCG(6, 6)), subjects)
		b.Logf("stored %d claims in %v", n, time.Since(t0).Round(time.Millisecond))
		if err := db.Close(); err != nil { // checkpoints the WAL into the file
			b.Fatal(err)
		}
		if err := copyFile(tmp, path+".part"); err != nil {
			b.Fatal(err)
		}
		if err := os.Rename(path+".part", path); err != nil {
			b.Fatal(err)
		}
	} else {
		b.Logf("reusing %s", path)
	}
	db, err := store.Open(ctx, path)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	return db
}

func copyFile(from, to string) error {
	src, err := os.Open(from)
	if err != nil {
		return err
	}
	defer src.Close()
	dst, err := os.Create(to)
	if err != nil {
		return err
	}
	if _, err := io.Copy(dst, src); err != nil {
		dst.Close()
		return err
	}
	return dst.Close()
}

// BenchmarkClaimsAPI measures GET /api/claims over HTTP on loopback against a
// database of 1,000,000 claims (CLAIMWIRE_BENCH_CLAIMS to change), from 1 and
// 50 concurrent clients, and reports p50/p99 latency over every request,
// requests per second (wall and per CPU-second of the whole process, load
// generator included) and the mean response size. Run it with a bounded
// request count (-benchtime 20000x). The filters vary the way analysts'
// queries do: thousands of distinct subject, metric and six-month-window
// combinations ("subject+metric+dates"), and a mix ("mixed") where a tenth
// of the requests are the next page of such a listing (by cursor) and a tenth
// search for a story by distinctive words of its headline (q=). Nothing
// caches responses: every request is a store query. Searches for words that
// most claims contain are measured apart, by BenchmarkClaimsAPISearch.
func BenchmarkClaimsAPI(b *testing.B) {
	client, api, subjects := benchServer(b)
	rng := rand.New(rand.NewPCG(7, 7))
	filtered := make([]string, 4000)
	for i := range filtered {
		filtered[i] = api + benchFilter(rng, subjects).Encode()
	}
	mixed := make([]string, 0, 4000)
	for len(mixed) < cap(mixed) {
		q := benchFilter(rng, subjects)
		switch rng.IntN(10) {
		case 0: // a story's headline words ("Story story 370000 42")
			q = url.Values{"q": {fmt.Sprintf("%d %d", rng.IntN(benchClaims()/benchPerBatch)*benchPerBatch, rng.IntN(benchDocs))}}
		case 1: // the next page
			next := nextCursor(b, client, api+q.Encode())
			if next == "" {
				continue
			}
			q.Set("cursor", next)
		}
		mixed = append(mixed, api+q.Encode())
	}
	bySubject := make([]string, 400)
	for i := range bySubject {
		bySubject[i] = api + "subject=" + url.QueryEscape(subjects[rng.IntN(40)]) + "&min=1B"
	}
	b.Run("subject+metric+dates/1-client", func(b *testing.B) { loadTest(b, client, filtered, 1) })
	b.Run("subject+metric+dates/50-clients", func(b *testing.B) { loadTest(b, client, filtered, 50) })
	b.Run("mixed/50-clients", func(b *testing.B) { loadTest(b, client, mixed, 50) })
	b.Run("subject+min/50-clients", func(b *testing.B) { loadTest(b, client, bySubject, 50) })
}

// BenchmarkClaimsAPISearch measures full-text searches for words that tens of
// thousands of claims contain, within one subject and a six-month window:
// the store's expensive plan (see store's searchCondition). Run it with a
// smaller count than BenchmarkClaimsAPI (-benchtime 1000x).
func BenchmarkClaimsAPISearch(b *testing.B) {
	client, api, subjects := benchServer(b)
	rng := rand.New(rand.NewPCG(9, 9))
	urls := make([]string, 1000)
	for i := range urls {
		q := benchFilter(rng, subjects)
		q.Del("metric")
		q.Set("q", benchWords[rng.IntN(len(benchWords))])
		urls[i] = api + q.Encode()
	}
	b.Run("subject+word+dates/50-clients", func(b *testing.B) { loadTest(b, client, urls, 50) })
}

// benchClaims is the size of the benchmark database.
func benchClaims() int {
	if v, err := strconv.Atoi(os.Getenv("CLAIMWIRE_BENCH_CLAIMS")); err == nil && v > 0 {
		return v
	}
	return 1_000_000
}

// benchServer opens the benchmark database, serves the API over it on
// loopback and warms it up; it returns a client, the listing's URL prefix
// and the subjects' names.
func benchServer(b *testing.B) (*http.Client, string, []string) {
	var subjects []string
	for i := range 400 {
		subjects = append(subjects, fmt.Sprintf("Company %03d", i))
	}
	db := benchDB(b, benchClaims(), subjects)
	srv := newTestServer(b, db, web.Options{})
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 128, MaxConnsPerHost: 128}}
	b.Cleanup(client.CloseIdleConnections)
	api := srv.URL + "/api/claims?"
	warmUp(b, client, api, rand.New(rand.NewPCG(8, 8)), subjects)
	return client, api, subjects
}

// warmUp runs 4,000 untimed listings of other filters from the same
// distribution, so the figures are those of a server that has been up for a
// while: the kernel holds the file, and the reader connections have mapped
// the pages such listings touch (a fresh process pays a page fault on its
// first touch of each page).
func warmUp(b *testing.B, client *http.Client, api string, rng *rand.Rand, subjects []string) {
	urls := make(chan string)
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for u := range urls {
				res, err := client.Get(u)
				if err != nil {
					b.Error(err)
					continue
				}
				_, _ = io.Copy(io.Discard, res.Body)
				res.Body.Close()
			}
		})
	}
	for range 4000 {
		urls <- api + benchFilter(rng, subjects).Encode()
	}
	close(urls)
	wg.Wait()
}

// benchWords are words of the synthetic quotes that analysts might search.
var benchWords = []string{"revenue", "capex", "backlog", "funding", "valuation", "customers", "margin", "cash flow", "run rate"}

// benchFilter is one subject (of the 40 most claimed), one metric and a
// six-month window of the corpus's 3.5 years.
func benchFilter(rng *rand.Rand, subjects []string) url.Values {
	since := time.Date(2023, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, rng.IntN(900))
	return url.Values{"subject": {subjects[rng.IntN(40)]}, "metric": {string(claim.Metrics[rng.IntN(len(claim.Metrics))])},
		"since": {since.Format(time.DateOnly)}, "until": {since.AddDate(0, 6, 0).Format(time.DateOnly)}}
}

// nextCursor fetches a page and returns its next-page cursor ("" if none).
func nextCursor(b *testing.B, client *http.Client, u string) string {
	res, err := client.Get(u)
	if err != nil {
		b.Fatal(err)
	}
	defer res.Body.Close()
	var page struct {
		Next string `json:"next"`
	}
	if err := json.NewDecoder(res.Body).Decode(&page); err != nil || res.StatusCode != http.StatusOK {
		b.Fatalf("%s: status %d, %v", u, res.StatusCode, err)
	}
	return page.Next
}

// loadTest has clients goroutines take the URLs in turn (each URL once per
// pass over the list) and reports the latency percentiles and throughput.
func loadTest(b *testing.B, client *http.Client, urls []string, clients int) {
	procs := runtime.GOMAXPROCS(0)
	b.SetParallelism(max(1, clients/procs))
	if clients < procs { // RunParallel starts at least GOMAXPROCS goroutines
		defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(clients))
	}
	var mu sync.Mutex
	var durs []time.Duration
	var next atomic.Int64
	var bytes int64
	b.ReportAllocs()
	b.ResetTimer()
	cpu0 := cpuTime()
	b.RunParallel(func(pb *testing.PB) {
		var local []time.Duration
		var got int64
		for pb.Next() {
			t0 := time.Now()
			res, err := client.Get(urls[int(next.Add(1)-1)%len(urls)])
			if err != nil {
				b.Error(err)
				return
			}
			n, _ := io.Copy(io.Discard, res.Body)
			got += n
			res.Body.Close()
			local = append(local, time.Since(t0))
			if res.StatusCode != http.StatusOK {
				b.Errorf("status %d", res.StatusCode)
				return
			}
		}
		mu.Lock()
		durs = append(durs, local...)
		bytes += got
		mu.Unlock()
	})
	b.StopTimer()
	cpu := cpuTime() - cpu0
	if len(durs) == 0 {
		return
	}
	slices.Sort(durs)
	pct := func(p float64) float64 {
		return float64(durs[min(len(durs)-1, int(p*float64(len(durs))))].Microseconds()) / 1000
	}
	b.ReportMetric(pct(0.50), "p50-ms")
	b.ReportMetric(pct(0.99), "p99-ms")
	b.ReportMetric(float64(len(durs))/b.Elapsed().Seconds(), "req/s")
	b.ReportMetric(float64(bytes)/float64(len(durs))/1024, "resp-KB")
	if cpu > 0 { // server and clients: the whole process
		b.ReportMetric(float64(len(durs))/cpu.Seconds(), "req/cpu-s")
	}
}
