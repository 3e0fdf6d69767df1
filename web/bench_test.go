package web_test

import (
	"context"
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
	const docs, perDoc = 1000, 10
	for made := 0; made < n; made += docs * perDoc {
		batch := make([]store.Batch, docs)
		for i := range batch {
			day := start.AddDate(0, 0, rng.IntN(1280)).Format(time.DateOnly)
			u := fmt.Sprintf("https://www.outlet%03d.example.com/%s/story-%d-%d", rng.IntN(150), day, made, i)
			text := fmt.Sprintf("story %d %d", made, i)
			doc := claim.Document{Source: claim.Source{URL: u, Title: "Story " + text, Published: day, Kind: claim.KindArticle},
				Text: text, ContentHash: claim.HashText(text)}
			cs := make([]claim.Claim, perDoc)
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

// BenchmarkClaimsAPI measures GET /api/claims over HTTP on loopback against a
// database of 1,000,000 claims (CLAIMWIRE_BENCH_CLAIMS to change), with 50
// concurrent clients, and reports p50/p99 latency and requests per second.
// The database is built once, only when this benchmark is selected.
func BenchmarkClaimsAPI(b *testing.B) {
	n := 1_000_000
	if v, err := strconv.Atoi(os.Getenv("CLAIMWIRE_BENCH_CLAIMS")); err == nil && v > 0 {
		n = v
	}
	ctx := context.Background()
	db, err := store.Open(ctx, filepath.Join(b.TempDir(), "bench.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	rng := rand.New(rand.NewPCG(6, 6))
	var subjects []string
	for i := range 400 {
		subjects = append(subjects, fmt.Sprintf("Company %03d", i))
	}
	t0 := time.Now()
	benchCorpus(b, db, n, rng, subjects)
	b.Logf("stored %d claims in %v", n, time.Since(t0).Round(time.Millisecond))

	srv := newTestServer(b, db, web.Options{})
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 128, MaxConnsPerHost: 128}}
	defer client.CloseIdleConnections()

	filtered := make([]string, 200)
	for i := range filtered {
		since := time.Date(2023, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, rng.IntN(900))
		q := url.Values{"subject": {subjects[rng.IntN(40)]}, "metric": {string(claim.Metrics[rng.IntN(len(claim.Metrics))])},
			"since": {since.Format(time.DateOnly)}, "until": {since.AddDate(0, 6, 0).Format(time.DateOnly)}}
		filtered[i] = srv.URL + "/api/claims?" + q.Encode()
	}
	bySubject := make([]string, 200)
	for i := range bySubject {
		bySubject[i] = srv.URL + "/api/claims?subject=" + url.QueryEscape(subjects[rng.IntN(40)]) + "&min=1B"
	}
	b.Run("subject+metric+dates/1-client", func(b *testing.B) { loadTest(b, client, filtered, 1) })
	b.Run("subject+metric+dates/50-clients", func(b *testing.B) { loadTest(b, client, filtered, 50) })
	b.Run("subject+min/50-clients", func(b *testing.B) { loadTest(b, client, bySubject, 50) })
}

// loadTest runs the URLs round robin from clients goroutines and reports the
// latency percentiles and throughput.
func loadTest(b *testing.B, client *http.Client, urls []string, clients int) {
	procs := runtime.GOMAXPROCS(0)
	b.SetParallelism(max(1, clients/procs))
	if clients < procs { // RunParallel starts at least GOMAXPROCS goroutines
		defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(clients))
	}
	var mu sync.Mutex
	var durs []time.Duration
	var next int
	b.ReportAllocs()
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		var local []time.Duration
		mu.Lock()
		i := next
		next += 37
		mu.Unlock()
		for pb.Next() {
			t0 := time.Now()
			res, err := client.Get(urls[i%len(urls)])
			if err != nil {
				b.Error(err)
				return
			}
			_, _ = io.Copy(io.Discard, res.Body)
			res.Body.Close()
			local = append(local, time.Since(t0))
			if res.StatusCode != http.StatusOK {
				b.Errorf("status %d", res.StatusCode)
				return
			}
			i++
		}
		mu.Lock()
		durs = append(durs, local...)
		mu.Unlock()
	})
	b.StopTimer()
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
}
