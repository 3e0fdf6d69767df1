package store_test

import (
	"context"
	"fmt"
	"log"
	"os"
	"path/filepath"

	"github.com/claimwire/claimwire/claim"
	"github.com/claimwire/claimwire/store"
)

func ExampleDB_FindClaims() {
	ctx := context.Background()
	dir, err := os.MkdirTemp("", "claimwire-example")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)
	db, err := store.Open(ctx, filepath.Join(dir, "claims.db"))
	if err != nil {
		log.Fatal(err)
	}
	defer db.Close()

	text := "AWS's AI business has reached a $15 billion annual revenue run rate."
	doc := claim.Document{Source: claim.Source{URL: "https://www.geekwire.com/aws-ai", Published: "2025-10-30"},
		Text: text, ContentHash: claim.HashText(text)}
	c := claim.Claim{Subject: "AWS", Segment: "AI business", Metric: claim.RevenueRunRate, Value: 15e9,
		Unit: claim.USD, Qualifier: claim.Exact, Modality: claim.Actual, Quote: text, Span: [2]int{32, 43},
		Source: doc.Source}
	c.SetID()
	for range 2 { // the second save changes nothing
		res, err := db.SaveDocument(ctx, doc, []claim.Claim{c})
		if err != nil {
			log.Fatal(err)
		}
		fmt.Printf("new document %v, new claims %d, duplicates %d\n", res.DocumentNew, len(res.New), res.Duplicate)
	}

	claims, _, err := db.FindClaims(ctx, claim.Filter{Subject: "Amazon Web Services", Metric: claim.RevenueRunRate})
	if err != nil {
		log.Fatal(err)
	}
	for _, c := range claims {
		fmt.Println(c.Subject, c.Segment, claim.FormatValue(c), c.Source.Published)
	}
	// Output:
	// new document true, new claims 1, duplicates 0
	// new document false, new claims 0, duplicates 1
	// AWS AI business $15.0B 2025-10-30
}
