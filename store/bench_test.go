//go:build unix

package store

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/claimwire/claimwire/claim"
)

// corpusGen makes synthetic documents with realistic variety: a few hundred
// subjects (some far more written about than others), every metric, 150
// publishers, three and a half years of dates and quotes from a few thousand
// generated words, so FTS and the indexes see real spread.
type corpusGen struct {
	rng      *rand.Rand
	subjects []string
	hosts    []string
	words    []string
	segments []string
	doc      int
}

func newCorpusGen(seed uint64) *corpusGen {
	g := &corpusGen{rng: rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))}
	pre := []string{"Acme", "Nova", "Vertex", "Helio", "Quantum", "Orbit", "Cobalt", "Nimbus", "Aster", "Pioneer",
		"Summit", "Lumen", "Cipher", "Atlas", "Zenith", "Radiant", "Granite", "Polar", "Vector", "Kestrel"}
	suf := []string{"Cloud", "Systems", "Labs", "Semiconductor", "AI", "Networks", "Robotics", "Energy", "Bio",
		"Data", "Devices", "Software", "Capital", "Motors", "Media", "Foundry", "Health", "Logistics", "Space", "Security"}
	for _, p := range pre {
		for _, s := range suf {
			g.subjects = append(g.subjects, p+" "+s)
		}
	}
	for i := range 150 {
		g.hosts = append(g.hosts, fmt.Sprintf("https://www.outlet%03d.example.com", i))
	}
	syl := []string{"ka", "lo", "mi", "ren", "tor", "vi", "sa", "ne", "qu", "bar", "del", "fin", "gra", "hu", "jo", "pe", "ster", "ul", "wex", "zo"}
	for len(g.words) < 3000 {
		n := 2 + g.rng.IntN(3)
		var b strings.Builder
		for range n {
			b.WriteString(syl[g.rng.IntN(len(syl))])
		}
		g.words = append(g.words, b.String())
	}
	g.words = append(g.words, strings.Fields("revenue growth quarter annual cloud chips data center capacity customers backlog margin guidance forecast analysts reported record")...)
	g.segments = []string{"", "", "", "cloud", "data center", "AI business", "advertising", "devices"}
	return g
}

// subject picks a subject with a skew: low indexes are written about most.
func (g *corpusGen) subject() string {
	i := int(math.Pow(g.rng.Float64(), 2.5) * float64(len(g.subjects)))
	return g.subjects[min(i, len(g.subjects)-1)]
}

func (g *corpusGen) sentence(n int) string {
	w := make([]string, n)
	for i := range w {
		w[i] = g.words[g.rng.IntN(len(g.words))]
	}
	return strings.Join(w, " ")
}

// batch returns docs documents of perDoc claims each.
func (g *corpusGen) batch(docs, perDoc int) []Batch {
	out := make([]Batch, docs)
	start := time.Date(2023, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range out {
		g.doc++
		day := start.AddDate(0, 0, g.rng.IntN(1280)).Format(time.DateOnly)
		url := fmt.Sprintf("%s/%s/story-%d", g.hosts[g.rng.IntN(len(g.hosts))], day, g.doc)
		text := g.sentence(60)
		doc := claim.Document{Source: claim.Source{URL: url, Title: g.sentence(8), Published: day, Kind: claim.KindArticle},
			Text: text, ContentHash: claim.HashText(text)}
		cs := make([]claim.Claim, perDoc)
		for j := range cs {
			c := claim.Claim{Subject: g.subject(), Segment: g.segments[g.rng.IntN(len(g.segments))],
				Metric: claim.Metrics[g.rng.IntN(len(claim.Metrics))], Unit: claim.USD, Qualifier: claim.Exact,
				Modality: claim.Actual, Source: doc.Source}
			c.Value = math.Round(math.Exp(g.rng.Float64()*20) * 1e3)
			if g.rng.IntN(4) == 0 {
				c.Unit, c.Value = claim.Percent, float64(g.rng.IntN(300))
			}
			if g.rng.IntN(5) == 0 {
				c.Modality = claim.Forecast
			}
			fig := fmt.Sprintf("$%.1f billion", c.Value/1e9)
			c.Quote = fmt.Sprintf("%s said %s %s reached %s in the quarter, %s.", c.Subject, g.sentence(3), c.Metric, fig, g.sentence(10))
			c.Span = [2]int{strings.Index(c.Quote, fig), strings.Index(c.Quote, fig) + len(fig)}
			c.SetID()
			cs[j] = c
		}
		out[i] = Batch{Doc: doc, Claims: cs}
	}
	return out
}

func BenchmarkSaveDocuments(b *testing.B) {
	ctx := context.Background()
	db, err := Open(ctx, filepath.Join(b.TempDir(), "bench.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	g := newCorpusGen(1)
	const docs, perDoc = 200, 10
	b.ReportAllocs()
	var claims int
	cpu0 := cpuTime()
	for b.Loop() {
		b.StopTimer()
		batch := g.batch(docs, perDoc)
		b.StartTimer()
		if _, err := db.SaveDocuments(ctx, batch); err != nil {
			b.Fatal(err)
		}
		claims += docs * perDoc
	}
	b.ReportMetric(float64(claims)/b.Elapsed().Seconds(), "claims/s")
	// On a shared machine wall time counts other processes' load; claims per
	// second of this process's CPU time does not (generation included, so it
	// errs low).
	b.ReportMetric(float64(claims)/(cpuTime()-cpu0).Seconds(), "claims/cpu-s")
}

// cpuTime is the CPU time (user + system) this process has used.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkMillion builds a database of 1,000,000 claims once (only when this
// benchmark is selected with -bench) and measures the query bars on it.
func BenchmarkMillion(b *testing.B) {
	ctx := context.Background()
	path := filepath.Join(b.TempDir(), "million.db")
	db, err := Open(ctx, path)
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	g := newCorpusGen(7)
	start, cpu0 := time.Now(), cpuTime()
	const total, docs, perDoc = 1_000_000, 1000, 10
	for n := 0; n < total; n += docs * perDoc {
		if _, err := db.SaveDocuments(ctx, g.batch(docs, perDoc)); err != nil {
			b.Fatal(err)
		}
	}
	load := time.Since(start)
	loadCPU := cpuTime() - cpu0
	if _, err := db.w.ExecContext(ctx, "PRAGMA wal_checkpoint(TRUNCATE)"); err != nil {
		b.Fatal(err)
	}
	fi, err := os.Stat(path)
	if err != nil {
		b.Fatal(err)
	}
	// A parent benchmark's own metrics are not printed: report the build in a
	// sub-benchmark of its own.
	b.Run("build", func(b *testing.B) {
		for b.Loop() {
			if err := db.Ping(ctx); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(fi.Size())/1e6, "MB/1M-claims")
		b.ReportMetric(total/load.Seconds(), "load-claims/s")
		b.ReportMetric(total/loadCPU.Seconds(), "load-claims/cpu-s")
		if !db.FullText() {
			b.Log("built without the sqlite_fts5 tag: search benchmarks measure LIKE")
		}
	})

	filtered := make([]claim.Filter, 100)
	for i := range filtered {
		since := time.Date(2023, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, g.rng.IntN(900))
		filtered[i] = claim.Filter{Subject: g.subject(), Metric: claim.Metrics[g.rng.IntN(len(claim.Metrics))],
			Since: since.Format(time.DateOnly), Until: since.AddDate(0, 6, 0).Format(time.DateOnly)}
	}
	b.Run("subject+metric+dates", func(b *testing.B) { benchQueries(b, db, filtered) })
	words := make([]claim.Filter, 100)
	for i := range words {
		words[i] = claim.Filter{Search: g.words[g.rng.IntN(3000)]}
	}
	b.Run("fts-word", func(b *testing.B) { benchQueries(b, db, words) })
	b.Run("fts-common-word", func(b *testing.B) { benchQueries(b, db, []claim.Filter{{Search: "revenue"}}) })
	both := make([]claim.Filter, 100)
	for i := range both {
		both[i] = claim.Filter{Subject: g.subject(), Search: g.words[g.rng.IntN(3000)] + " " + g.words[g.rng.IntN(3000)]}
	}
	b.Run("fts-two-words+subject", func(b *testing.B) { benchQueries(b, db, both) })
}

// benchQueries runs the filters in turn and reports the median latency.
func benchQueries(b *testing.B, db *DB, filters []claim.Filter) {
	ctx := context.Background()
	var durs []time.Duration
	var rows int
	i := 0
	for b.Loop() {
		t0 := time.Now()
		got, _, err := db.FindClaims(ctx, filters[i%len(filters)])
		durs = append(durs, time.Since(t0))
		if err != nil {
			b.Fatal(err)
		}
		rows += len(got)
		i++
	}
	slices.Sort(durs)
	b.ReportMetric(float64(durs[len(durs)/2].Microseconds())/1000, "median-ms")
	b.ReportMetric(float64(rows)/float64(len(durs)), "rows/op")
}
