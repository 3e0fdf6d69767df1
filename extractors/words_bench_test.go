package extractors

import (
	"os"
	"path/filepath"
	"testing"
)

// BenchmarkSplitWords splits the sentences of ordinary article prose into
// words, the first step of reading every sentence that carries a figure.
func BenchmarkSplitWords(b *testing.B) {
	raw, err := os.ReadFile(filepath.Join("testdata", "prose", "article.txt"))
	if err != nil {
		b.Fatal(err)
	}
	sents := Sentences(string(raw))
	b.SetBytes(int64(len(raw)))
	b.ReportAllocs()
	var ws []word
	n := 0
	for b.Loop() {
		for _, s := range sents {
			ws = appendWords(ws[:0], s.Text)
			n += len(ws)
		}
	}
	if n == 0 {
		b.Fatal("no words")
	}
}
