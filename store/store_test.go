package store

import (
	"context"
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
