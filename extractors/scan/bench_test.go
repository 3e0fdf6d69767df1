package scan

import (
	"os"
	"testing"
)

// BenchmarkScan scans about 40 KB of financial news prose.
func BenchmarkScan(b *testing.B) {
	data, err := os.ReadFile("testdata/prose.txt")
	if err != nil {
		b.Fatal(err)
	}
	src := string(data)
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	var s Scanner
	n := 0
	for b.Loop() {
		s.Init(src)
		for {
			if _, ok := s.Next(); !ok {
				break
			}
			n++
		}
	}
	if n == 0 {
		b.Fatal("no figures")
	}
}
