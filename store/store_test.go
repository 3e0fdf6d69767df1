package store

import (
	"context"
	"errors"
	"path/filepath"
	"testing"

	"github.com/claimwire/claimwire/claim"
)

// openTest opens a fresh database in a temp dir and closes it with the test.
func openTest(t *testing.T, opts ...Option) *DB {
	t.Helper()
	db, err := Open(context.Background(), filepath.Join(t.TempDir(), "claims.db"), opts...)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// article builds a document at url with text and the claims given as
// (subject, metric, value, unit, quote) rows; ids are derived like the extractor's.
func article(url, published, text string, cs ...claim.Claim) (claim.Document, []claim.Claim) {
	doc := claim.Document{Source: claim.Source{URL: url, Title: "Title of " + url, Published: published,
		Kind: claim.KindArticle}, Text: text, ContentHash: claim.HashText(text)}
	out := make([]claim.Claim, len(cs))
	for i, c := range cs {
		c.Source = doc.Source
		if c.Quote == "" {
			c.Quote = text
		}
		if c.Span == [2]int{} {
			c.Span = [2]int{0, 1}
		}
		if c.Modality == "" {
			c.Modality = claim.Actual
		}
		if c.Qualifier == "" {
			c.Qualifier = claim.Exact
		}
		c.SetID()
		out[i] = c
	}
	return doc, out
}

func runRate(subject string, v float64, quote string) claim.Claim {
	return claim.Claim{Subject: subject, Segment: "AI business", Metric: claim.RevenueRunRate, Value: v,
		Unit: claim.USD, Period: "2025-Q3", Quote: quote, Span: [2]int{0, 5}}
}

func TestSaveAndFind(t *testing.T) {
	ctx := context.Background()
	db := openTest(t)
	doc, cs := article("https://www.geekwire.com/2025/aws-ai", "2025-10-30",
		"AWS's AI business has reached a $15 billion annual revenue run rate.",
		runRate("AWS", 15e9, ""))
	res, err := db.SaveDocument(ctx, doc, cs)
	if err != nil {
		t.Fatal(err)
	}
	if !res.DocumentNew || len(res.New) != 1 || res.Duplicate != 0 || len(res.Facts) != 1 {
		t.Fatalf("first save = %+v", res)
	}
	got, next, err := db.FindClaims(ctx, claim.Filter{Subject: "amazon web services"})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0].ID != cs[0].ID || next != "" {
		t.Fatalf("FindClaims = %d claims (next %q), want the one saved", len(got), next)
	}
	if got[0].Source.Title != doc.Title || got[0].Value != 15e9 || got[0].Segment != "AI business" {
		t.Errorf("stored claim = %+v", got[0])
	}
}

func mustSave(t *testing.T, db *DB, doc claim.Document, cs []claim.Claim) claim.SaveResult {
	t.Helper()
	res, err := db.SaveDocument(context.Background(), doc, cs)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func count(t *testing.T, db *DB, query string, args ...any) int {
	t.Helper()
	var n int
	if err := db.r.QueryRow(query, args...).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func TestSaveIsIdempotent(t *testing.T) {
	db := openTest(t)
	doc, cs := article("https://example.com/a", "2025-10-30", "AWS reached a $15 billion run rate. Trainium2 has 500,000 chips.",
		runRate("AWS", 15e9, "AWS reached a $15 billion run rate."),
		claim.Claim{Subject: "Trainium2", Metric: claim.DeployedUnits, Value: 500000, Unit: claim.Count, Item: "chip",
			Quote: "Trainium2 has 500,000 chips."})
	first := mustSave(t, db, doc, cs)
	second := mustSave(t, db, doc, cs)
	if !first.DocumentNew || len(first.New) != 2 {
		t.Errorf("first save: DocumentNew %v, new %d; want true, 2", first.DocumentNew, len(first.New))
	}
	if second.DocumentNew || len(second.New) != 0 || second.Duplicate != 2 || len(second.Facts) != 0 || second.Superseded != 0 {
		t.Errorf("second save = %+v; want unchanged document, 2 duplicates, no fact changes", second)
	}
	if n := count(t, db, "SELECT count(*) FROM claims"); n != 2 {
		t.Errorf("claims stored = %d, want 2", n)
	}
	if n := count(t, db, "SELECT count(*) FROM outbox"); n != 2 {
		t.Errorf("outbox rows = %d, want 2 (one per new claim)", n)
	}
}

func TestDuplicateIDsAreNoOps(t *testing.T) {
	db := openTest(t)
	doc, cs := article("https://example.com/dup", "2025-10-30", "AWS reached a $15 billion run rate.", runRate("AWS", 15e9, ""))
	res := mustSave(t, db, doc, append(cs, cs[0]))
	if len(res.New) != 1 || res.Duplicate != 1 {
		t.Errorf("same id twice in one document: new %d, duplicate %d; want 1, 1", len(res.New), res.Duplicate)
	}
	// The same claim id arriving with another document version is not inserted again.
	doc2 := doc
	doc2.Text += " More text."
	doc2.ContentHash = claim.HashText(doc2.Text)
	res = mustSave(t, db, doc2, cs)
	if len(res.New) != 0 || res.Duplicate != 1 || res.Superseded != 0 {
		t.Errorf("changed text, same claim: %+v; want 1 duplicate, nothing superseded", res)
	}
}

func TestChangedTextSupersedes(t *testing.T) {
	ctx := context.Background()
	db := openTest(t)
	url := "https://example.com/story"
	keep := runRate("AWS", 15e9, "AWS reached a $15 billion run rate.")
	old := claim.Claim{Subject: "AWS", Metric: claim.Growth, Value: 150, Unit: claim.Percent, Basis: "qoq",
		Quote: "AI revenue grew 150 percent.", Span: [2]int{16, 27}}
	doc1, cs1 := article(url, "2025-10-30", "v1", keep, old)
	mustSave(t, db, doc1, cs1)

	fixed := old
	fixed.Value, fixed.Quote = 160, "AI revenue grew 160 percent."
	doc2, cs2 := article(url, "2025-10-30", "v2", keep, fixed)
	res := mustSave(t, db, doc2, cs2)
	if !res.DocumentNew || len(res.New) != 1 || res.Duplicate != 1 || res.Superseded != 1 {
		t.Fatalf("save of changed text = new %d, dup %d, superseded %d, DocumentNew %v; want 1, 1, 1, true",
			len(res.New), res.Duplicate, res.Superseded, res.DocumentNew)
	}
	current, _, err := db.FindClaims(ctx, claim.Filter{Metric: claim.Growth})
	if err != nil {
		t.Fatal(err)
	}
	if len(current) != 1 || current[0].Value != 160 {
		t.Errorf("current growth claims = %+v, want only the 160 one", current)
	}
	all, _, err := db.Find(ctx, Query{Filter: claim.Filter{Metric: claim.Growth}, IncludeSuperseded: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(all) != 2 {
		t.Errorf("with superseded: %d growth claims, want 2 (nothing is lost)", len(all))
	}
	// The superseded claim is still readable by id.
	if _, err := db.Claim(ctx, cs1[1].ID); err != nil {
		t.Errorf("superseded claim by id: %v", err)
	}
	// A third version that asserts the old figure again revives it.
	doc3, cs3 := article(url, "2025-10-30", "v3", keep, old)
	res = mustSave(t, db, doc3, cs3)
	if res.Superseded != 1 || res.Duplicate != 2 {
		t.Errorf("third version = %+v; want the 160 claim superseded, both others duplicates", res)
	}
	current, _, _ = db.FindClaims(ctx, claim.Filter{Metric: claim.Growth})
	if len(current) != 1 || current[0].Value != 150 {
		t.Errorf("after revival, current growth claims = %+v, want only the 150 one", current)
	}
}

func TestSaveRejectsDocumentWithoutURL(t *testing.T) {
	db := openTest(t)
	_, err := db.SaveDocument(context.Background(), claim.Document{Text: "x"}, nil)
	if !errors.Is(err, claim.ErrInvalid) {
		t.Errorf("err = %v, want ErrInvalid", err)
	}
}
