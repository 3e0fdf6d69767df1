package store

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/claimwire/claimwire/claim"
)

// seedQueries stores a small varied set of claims for the filter tests.
func seedQueries(t *testing.T, db *DB) {
	t.Helper()
	rows := []struct {
		url, published, text string
		c                    claim.Claim
	}{
		{"https://www.geekwire.com/aws", "2025-10-30", "AWS's AI business has reached a $15 billion annual revenue run rate.",
			runRate("Amazon Web Services", 15e9, "")},
		{"https://www.cnbc.com/nvidia", "2025-08-27", "Nvidia's data center revenue rose to $41.1 billion.",
			claim.Claim{Subject: "NVIDIA Corporation", Segment: "data center", Metric: claim.Revenue, Value: 41.1e9, Unit: claim.USD, Period: "FY2026-Q2"}},
		{"https://blog.example.org/trainium", "2025-06-01", "Trainium2 is fully subscribed at 500,000 deployed chips.",
			claim.Claim{Subject: "Trainium2", Metric: claim.DeployedUnits, Value: 500000, Unit: claim.Count, Item: "chip"}},
		{"https://investors.example.org/aws-forecast", "2026-01-15", "Analysts expect AWS revenue of $150 billion next year.",
			claim.Claim{Subject: "AWS", Metric: claim.Revenue, Value: 150e9, Unit: claim.USD, Modality: claim.Forecast, Period: "FY2026"}},
	}
	for _, r := range rows {
		doc, cs := article(r.url, r.published, r.text, r.c)
		mustSave(t, db, doc, cs)
	}
}

func ptr(v float64) *float64 { return &v }

func TestFindClaimsFilters(t *testing.T) {
	for _, plan := range []string{"fts", "fts-many-matches", "like"} {
		opts := []Option{}
		if plan == "like" {
			opts = append(opts, WithoutFullText())
		}
		db := openTest(t, opts...)
		if plan == "fts-many-matches" {
			db.manyMatches = 1 // every search takes the walk-and-probe plan
		}
		fullText := plan
		seedQueries(t, db)
		tests := []struct {
			name string
			f    claim.Filter
			want []string // subjects, newest first
		}{
			{"all", claim.Filter{}, []string{"AWS", "Amazon Web Services", "NVIDIA Corporation", "Trainium2"}},
			{"alias", claim.Filter{Subject: "aws"}, []string{"AWS", "Amazon Web Services"}},
			{"alias other case", claim.Filter{Subject: "AMAZON  web services"}, []string{"AWS", "Amazon Web Services"}},
			{"canonical of a long name", claim.Filter{Subject: "nvidia"}, []string{"NVIDIA Corporation"}},
			{"near miss subject", claim.Filter{Subject: "Amazon"}, nil},
			{"metric", claim.Filter{Metric: claim.Revenue}, []string{"AWS", "NVIDIA Corporation"}},
			{"subject and metric", claim.Filter{Subject: "AWS", Metric: claim.RevenueRunRate}, []string{"Amazon Web Services"}},
			{"segment substring", claim.Filter{Segment: "data"}, []string{"NVIDIA Corporation"}},
			{"since", claim.Filter{Since: "2025-10-30"}, []string{"AWS", "Amazon Web Services"}},
			{"until", claim.Filter{Until: "2025-08-27"}, []string{"NVIDIA Corporation", "Trainium2"}},
			{"date range", claim.Filter{Since: "2025-08-01", Until: "2025-12-31"}, []string{"Amazon Web Services", "NVIDIA Corporation"}},
			{"min", claim.Filter{Min: ptr(41.1e9)}, []string{"AWS", "NVIDIA Corporation"}},
			{"max", claim.Filter{Max: ptr(1e6)}, []string{"Trainium2"}},
			{"source host", claim.Filter{Source: "geekwire.com"}, []string{"Amazon Web Services"}},
			{"source with www and scheme", claim.Filter{Source: "https://www.cnbc.com/"}, []string{"NVIDIA Corporation"}},
			{"source parent domain", claim.Filter{Source: "example.org"}, []string{"AWS", "Trainium2"}},
			{"source near miss", claim.Filter{Source: "ample.org"}, nil},
			{"modality", claim.Filter{Modality: claim.Forecast}, []string{"AWS"}},
			{"search word", claim.Filter{Search: "subscribed"}, []string{"Trainium2"}},
			{"search two words", claim.Filter{Search: "data center"}, []string{"NVIDIA Corporation"}},
			{"search title", claim.Filter{Search: "trainium"}, []string{"Trainium2"}},
			{"search punctuation", claim.Filter{Search: `AWS's "AI" (run-rate)`}, []string{"Amazon Web Services"}},
			{"search no match", claim.Filter{Search: "zebra"}, nil},
			{"search and subject", claim.Filter{Search: "revenue", Subject: "AWS"}, []string{"AWS", "Amazon Web Services"}},
		}
		for _, tt := range tests {
			got, _, err := db.FindClaims(context.Background(), tt.f)
			if err != nil {
				t.Errorf("fullText=%v %s: %v", fullText, tt.name, err)
				continue
			}
			var subjects []string
			for _, c := range got {
				subjects = append(subjects, c.Subject)
			}
			if fmt.Sprint(subjects) != fmt.Sprint(tt.want) {
				t.Errorf("fullText=%v %s: got %v, want %v", fullText, tt.name, subjects, tt.want)
			}
		}
	}
}

func TestFindClaimsBadInput(t *testing.T) {
	db := openTest(t)
	for _, f := range []claim.Filter{{Since: "30/10/2025"}, {Until: "2025-13-01"}, {Cursor: "!!"}, {Cursor: "eA"}} {
		if _, _, err := db.FindClaims(context.Background(), f); !errors.Is(err, claim.ErrInvalid) {
			t.Errorf("FindClaims(%+v) err = %v, want ErrInvalid", f, err)
		}
	}
}

func TestCursorPagination(t *testing.T) {
	ctx := context.Background()
	db := openTest(t)
	want := map[string]bool{}
	for i := range 25 {
		// Several claims share a day so the cursor must break ties by seq.
		day := fmt.Sprintf("2025-10-%02d", 1+i/3)
		doc, cs := article(fmt.Sprintf("https://example.com/%d", i), day, fmt.Sprintf("Story %d.", i),
			runRate("AWS", float64(i+1)*1e9, ""))
		mustSave(t, db, doc, cs)
		want[cs[0].ID] = true
	}
	seen := map[string]bool{}
	cursor, pages, lastDay := "", 0, "9999"
	for {
		got, next, err := db.FindClaims(ctx, claim.Filter{Subject: "AWS", Limit: 10, Cursor: cursor})
		if err != nil {
			t.Fatal(err)
		}
		pages++
		for _, c := range got {
			if seen[c.ID] {
				t.Errorf("claim %s on two pages", c.ID)
			}
			if c.Source.Published > lastDay {
				t.Errorf("page %d not newest first: %s after %s", pages, c.Source.Published, lastDay)
			}
			seen[c.ID], lastDay = true, c.Source.Published
		}
		if next == "" {
			break
		}
		cursor = next
	}
	if pages != 3 || len(seen) != len(want) {
		t.Errorf("pages %d, claims %d; want 3 pages with all %d claims", pages, len(seen), len(want))
	}
}

func TestSaveAliasesMovesClaims(t *testing.T) {
	ctx := context.Background()
	db := openTest(t)
	c := runRate("Amazon's cloud unit", 15e9, "x")
	doc, cs := article("https://a.example/1", "2025-10-30", "x", c)
	mustSave(t, db, doc, cs)
	doc, cs = article("https://b.example/1", "2025-10-30", "y", runRate("AWS", 15e9, "y"))
	mustSave(t, db, doc, cs)
	if f := onlyFact(t, db); f.Corroboration != 1 {
		t.Fatalf("before the alias, AWS fact corroboration = %d, want 1", f.Corroboration)
	}
	if err := db.SaveAliases(ctx, "AWS", "Amazon's Cloud Unit"); err != nil {
		t.Fatal(err)
	}
	got, _, err := db.FindClaims(ctx, claim.Filter{Subject: "aws"})
	if err != nil || len(got) != 2 {
		t.Fatalf("claims for AWS after alias = %d (%v), want 2", len(got), err)
	}
	if f := onlyFact(t, db); f.Corroboration != 2 || f.Claims != 2 {
		t.Errorf("after the alias, AWS fact = %+v; want both claims, corroboration 2", f)
	}
	subjects, err := db.Subjects(ctx)
	if err != nil || len(subjects) != 1 || subjects[0].Name != "AWS" || subjects[0].Claims != 2 {
		t.Fatalf("subjects = %+v (%v), want AWS with 2 claims", subjects, err)
	}
	if fmt.Sprint(subjects[0].Aliases) != "[amazon web services amazon web services inc amazon's cloud unit]" {
		t.Errorf("aliases = %q", subjects[0].Aliases)
	}
}
