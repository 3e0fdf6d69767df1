package scan

import (
	"reflect"
	"testing"
)

// FuzzScan checks, for any input, that scanning never panics, that spans
// lie inside the input in increasing order without overlap, and that the
// output is deterministic.
func FuzzScan(f *testing.F) {
	for _, row := range figureTable {
		f.Add(row.in)
	}
	f.Add("($-99.99) 1.3x10^6 2.5^-1 ½ ⅔ 1 234 567 US$ 3 and fourteen")
	f.Fuzz(func(t *testing.T, src string) {
		figs := Scan(src)
		last := 0
		for i, fg := range figs {
			if fg.Start < last || fg.End <= fg.Start || fg.End > len(src) {
				t.Fatalf("figure %d: bad span [%d,%d) after %d in %d bytes", i, fg.Start, fg.End, last, len(src))
			}
			if fg.Qualifier == "" || fg.Unit == "" {
				t.Fatalf("figure %d %q: empty qualifier or unit", i, fg.Text(src))
			}
			last = fg.End
		}
		if again := Scan(src); !reflect.DeepEqual(figs, again) {
			t.Fatalf("not deterministic:\n%v\n%v", figs, again)
		}
	})
}
