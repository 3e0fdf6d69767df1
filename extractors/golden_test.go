package extractors

import (
	"bufio"
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"sort"
	"testing"

	"github.com/claimwire/claimwire/claim"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

var update = flag.Bool("update", false, "rewrite testdata/golden/*.json from the current extractor")

// corpusDocs reads fixtures/corpus/docs.jsonl.
func corpusDocs(t *testing.T) []goldenDoc {
	t.Helper()
	dir := filepath.Join("..", "fixtures", "corpus")
	f, err := os.Open(filepath.Join(dir, "docs.jsonl"))
	if err != nil {
		t.Skipf("no fixture corpus: %v", err)
	}
	defer f.Close()
	var docs []goldenDoc
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if len(bytes.TrimSpace(sc.Bytes())) == 0 {
			continue
		}
		var d goldenDoc
		if err := json.Unmarshal(sc.Bytes(), &d); err != nil {
			t.Fatal(err)
		}
		d.File = filepath.Join(dir, d.File)
		docs = append(docs, d)
	}
	return docs
}

type goldenDoc struct {
	Doc       string `json:"doc"`
	URL       string `json:"url"`
	Published string `json:"published"`
	Kind      string `json:"kind"`
	File      string `json:"file"`
}

// TestGolden extracts every fixture document and compares the claims with
// testdata/golden/<doc>.json (go test ./extractors -update rewrites them).
func TestGolden(t *testing.T) {
	for _, d := range corpusDocs(t) {
		t.Run(d.Doc, func(t *testing.T) {
			raw, err := os.ReadFile(d.File)
			if err != nil {
				t.Fatal(err)
			}
			doc, err := Read(raw, claim.Source{URL: d.URL, Published: d.Published, Kind: d.Kind})
			if err != nil {
				t.Fatal(err)
			}
			got := Extract(doc)
			if got == nil {
				got = []claim.Claim{}
			}
			sort.SliceStable(got, func(i, j int) bool { return got[i].ID < got[j].ID })
			path := filepath.Join("testdata", "golden", d.Doc+".json")
			if *update {
				b, _ := json.MarshalIndent(got, "", "  ")
				if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(path, append(b, '\n'), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			b, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test ./extractors -update)", err)
			}
			var want []claim.Claim
			if err := json.Unmarshal(b, &want); err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(want, got, cmpopts.EquateApprox(1e-9, 0)); diff != "" {
				t.Errorf("%s claims changed (-golden +now); go test ./extractors -update if intended:\n%s", d.Doc, diff)
			}
		})
	}
}
