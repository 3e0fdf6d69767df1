package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/claimwire/claimwire/claim"
	"github.com/claimwire/claimwire/store"
)

// runStoreCmd runs claimwire with args and returns stdout, stderr and the exit code.
func runStoreCmd(t *testing.T, terminal bool, vars map[string]string, args ...string) (string, string, int) {
	t.Helper()
	var out, errOut bytes.Buffer
	e := &env{stdin: strings.NewReader(""), stdout: &out, stderr: &errOut,
		getenv: func(k string) string { return vars[k] }, isTerminal: terminal}
	code := Main(context.Background(), args, e)
	return out.String(), errOut.String(), code
}

var summaryRE = regexp.MustCompile(`documents (\d+) \(new (\d+), unchanged (\d+)\), claims new (\d+) / duplicate (\d+) / superseded (\d+)`)

// summary parses ingest's closing line into its six counts.
func summary(t *testing.T, out string) [6]int {
	t.Helper()
	m := summaryRE.FindStringSubmatch(out)
	if m == nil {
		t.Fatalf("no summary line in %q", out)
	}
	var n [6]int
	for i := range n {
		n[i], _ = strconv.Atoi(m[i+1])
	}
	return n
}

func TestIngestTwiceAddsNothing(t *testing.T) {
	db := filepath.Join(t.TempDir(), "claims.db")
	out, errOut, code := runStoreCmd(t, false, nil, "ingest", "--db", db, "testdata/ingest")
	if code != 0 {
		t.Fatalf("first ingest exit %d: %s", code, errOut)
	}
	first := summary(t, out)
	if first[3] == 0 {
		t.Fatalf("first run stored no claims (%q); the test needs some to prove the second run adds none", out)
	}
	if first[0] != 2 || first[1] != 2 || first[2] != 0 {
		t.Errorf("first run documents = %v, want 2 new (README skipped)", first[:3])
	}
	out, errOut, code = runStoreCmd(t, false, map[string]string{"CLAIMWIRE_DB": db}, "ingest", "testdata/ingest")
	if code != 0 {
		t.Fatalf("second ingest exit %d: %s", code, errOut)
	}
	second := summary(t, out)
	want := [6]int{2, 0, 2, 0, first[3], 0}
	if second != want {
		t.Errorf("second run = %v, want %v (zero new claims, all %d duplicates)", second, want, first[3])
	}
	// The manifest's URLs, not file:// paths, identify the documents.
	s, err := store.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	d, err := s.Document(context.Background(), "https://chipledger.example.org/news/silica-forge-200000")
	if err != nil || d.Published != "2026-09-15" {
		t.Errorf("document from the manifest = %+v, %v", d, err)
	}
}

func TestIngestReportsBadInputsAndContinues(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "good.txt"), []byte("Good news\n\nAcme Cloud revenue rose to $3 billion in the quarter."), 0o644)
	os.WriteFile(filepath.Join(dir, "junk"), []byte("\x00\x01\x02\xff\xfe binary \x00\x00 junk"), 0o644)
	os.WriteFile(filepath.Join(dir, "image.png"), []byte("\x89PNG"), 0o644) // not an ingestible extension
	db := filepath.Join(t.TempDir(), "claims.db")
	out, errOut, code := runStoreCmd(t, false, nil, "ingest", "--db", db, dir, filepath.Join(dir, "missing.txt"))
	if code != 1 {
		t.Errorf("exit %d, want 1 when an input fails", code)
	}
	if !strings.Contains(errOut, "missing.txt") {
		t.Errorf("stderr %q does not name the missing input", errOut)
	}
	out, errOut, code = runStoreCmd(t, false, nil, "ingest", "--db", db, dir)
	if code != 1 || !strings.Contains(errOut, "junk") || !strings.Contains(errOut, "binary") {
		t.Errorf("exit %d, stderr %q: want the binary file reported", code, errOut)
	}
	if n := summary(t, out); n[0] != 1 {
		t.Errorf("documents stored = %d, want the good one despite the junk", n[0])
	}
	if strings.Contains(errOut, "image.png") {
		t.Errorf("a .png was read: %q", errOut)
	}
}

func TestIngestBadDatabase(t *testing.T) {
	bad := filepath.Join(t.TempDir(), "notes.db")
	os.WriteFile(bad, bytes.Repeat([]byte("not a database at all\n"), 100), 0o644)
	_, errOut, code := runStoreCmd(t, false, nil, "ingest", "--db", bad, "testdata/ingest")
	if code != 1 || !strings.Contains(errOut, "not a SQLite database") {
		t.Errorf("exit %d, stderr %q; want a clear not-a-database error", code, errOut)
	}
	_, errOut, code = runStoreCmd(t, false, nil, "ingest")
	if code != 2 {
		t.Errorf("ingest without inputs: exit %d (%s), want 2", code, errOut)
	}
}

func TestIngestProgressOnlyOnTerminal(t *testing.T) {
	db := filepath.Join(t.TempDir(), "claims.db")
	_, errOut, _ := runStoreCmd(t, true, nil, "ingest", "--db", db, "testdata/ingest")
	if !strings.Contains(errOut, "2/2") {
		t.Errorf("terminal stderr %q has no progress bar", errOut)
	}
	_, errOut, _ = runStoreCmd(t, false, nil, "ingest", "--db", db, "testdata/ingest")
	if strings.Contains(errOut, "[") {
		t.Errorf("piped stderr %q has a progress bar", errOut)
	}
}

// seedDB writes known claims for the query, facts and timeline tests.
func seedDB(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "claims.db")
	db, err := store.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, r := range []struct {
		url, published string
		value          float64
	}{
		{"https://www.geekwire.com/aws-ai", "2025-10-30", 15e9},
		{"https://www.cnbc.com/aws-ai", "2025-11-02", 15e9},
		{"https://rumors.example.net/aws", "2025-11-05", 20e9},
	} {
		c := claim.Claim{Subject: "Amazon Web Services", Segment: "AI business", Metric: claim.RevenueRunRate,
			Value: r.value, Unit: claim.USD, Qualifier: claim.MoreThan, Period: "2025-Q3", Modality: claim.Actual,
			Quote: "The AI business runs at a $" + strconv.Itoa(int(r.value/1e9)) + " billion annual rate.", Span: [2]int{29, 40},
			Source: claim.Source{URL: r.url, Title: "AWS AI", Published: r.published, Kind: claim.KindArticle}}
		c.SetID()
		text := r.url + "\n" + c.Quote // each outlet its own text: not syndicated copies
		doc := claim.Document{Source: c.Source, Text: text, ContentHash: claim.HashText(text)}
		if _, err := db.SaveDocument(context.Background(), doc, []claim.Claim{c}); err != nil {
			t.Fatal(err)
		}
	}
	return path
}
