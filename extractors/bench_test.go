package extractors

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/claimwire/claimwire/claim"
)

// corpus reads the fixture documents whose names end with ext.
func corpus(tb testing.TB, ext string) [][]byte {
	tb.Helper()
	files, err := filepath.Glob(filepath.Join("..", "fixtures", "corpus", "docs", "*"+ext))
	if err != nil || len(files) == 0 {
		tb.Skipf("no fixtures/corpus/docs/*%s", ext)
	}
	var out [][]byte
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			tb.Fatal(err)
		}
		out = append(out, b)
	}
	return out
}

// reportCPU adds MB per CPU second (all threads, GC included): on a loaded
// machine wall-clock MB/s understates the extractor's own speed.
func reportCPU(b *testing.B, start time.Duration, bytesPerOp int) {
	if d := cpuTime() - start; d > 0 {
		b.ReportMetric(float64(bytesPerOp)*float64(b.N)/1e6/d.Seconds(), "MB/cpu-s")
	}
}

// BenchmarkExtractText reads and extracts the plain-text fixtures.
func BenchmarkExtractText(b *testing.B) {
	docs := corpus(b, ".txt")
	joined := bytes.Join(docs, []byte("\n\n"))
	b.SetBytes(int64(len(joined)))
	b.ReportAllocs()
	defer reportCPU(b, cpuTime(), len(joined))
	for b.Loop() {
		doc, err := Read(joined, claim.Source{URL: "https://example.test/a"})
		if err != nil {
			b.Fatal(err)
		}
		Extract(doc)
	}
}

// BenchmarkExtractHTML reads and extracts the HTML fixtures, one by one.
func BenchmarkExtractHTML(b *testing.B) {
	docs := corpus(b, ".html")
	n := 0
	for _, d := range docs {
		n += len(d)
	}
	b.SetBytes(int64(n))
	b.ReportAllocs()
	defer reportCPU(b, cpuTime(), n)
	for b.Loop() {
		for _, d := range docs {
			doc, err := Read(d, claim.Source{URL: "https://example.test/a"})
			if err != nil {
				b.Fatal(err)
			}
			Extract(doc)
		}
	}
}

// BenchmarkExtractLarge streams a 10 MB text made of the fixtures.
func BenchmarkExtractLarge(b *testing.B) {
	docs := corpus(b, ".txt")
	var sb strings.Builder
	for sb.Len() < 10<<20 {
		for _, d := range docs {
			sb.Write(d)
			sb.WriteString("\n\n")
		}
	}
	raw := []byte(sb.String())
	b.SetBytes(int64(len(raw)))
	b.ReportAllocs()
	defer reportCPU(b, cpuTime(), len(raw))
	for b.Loop() {
		doc, err := Read(raw, claim.Source{URL: "https://example.test/big"})
		if err != nil {
			b.Fatal(err)
		}
		Extract(doc)
	}
}

// BenchmarkExtractProse reads and extracts ~56 KB of ordinary article prose
// (testdata/prose), where figures are sparse: most sentences carry none.
func BenchmarkExtractProse(b *testing.B) {
	one, err := os.ReadFile(filepath.Join("testdata", "prose", "article.txt"))
	if err != nil {
		b.Fatal(err)
	}
	raw := bytes.Repeat(append(one, "\n\n"...), 5)
	b.SetBytes(int64(len(raw)))
	b.ReportAllocs()
	defer reportCPU(b, cpuTime(), len(raw))
	for b.Loop() {
		doc, err := Read(raw, claim.Source{URL: "https://example.test/prose"})
		if err != nil {
			b.Fatal(err)
		}
		if len(Extract(doc)) == 0 {
			b.Fatal("no claims in the prose")
		}
	}
}
