package web_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http/httptest"
	"os"
	"path/filepath"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/claimwire/claimwire/claim"
	"github.com/claimwire/claimwire/store"
	"github.com/claimwire/claimwire/web"
)

// ExampleNew serves a database with one claim and asks the API for it.
func ExampleNew() {
	ctx := context.Background()
	dir, _ := os.MkdirTemp("", "claimwire-example")
	defer os.RemoveAll(dir)
	db, err := store.Open(ctx, filepath.Join(dir, "claims.db"))
	if err != nil {
		fmt.Println(err)
		return
	}
	defer db.Close()
	src := claim.Source{URL: "https://news.example/aws", Title: "AWS AI pace", Published: "2026-04-30", Kind: claim.KindArticle}
	quote := "AWS said its AI business runs at $15 billion a year."
	c := claim.Claim{Subject: "AWS", Metric: claim.RevenueRunRate, Value: 15e9, Unit: claim.USD,
		Qualifier: claim.Exact, Modality: claim.Actual, Quote: quote, Span: [2]int{33, 44}, Source: src}
	c.SetID()
	doc := claim.Document{Source: src, Text: quote, ContentHash: claim.HashText(quote)}
	if _, err := db.SaveDocument(ctx, doc, []claim.Claim{c}); err != nil {
		fmt.Println(err)
		return
	}

	reg := prometheus.NewRegistry()
	h := web.New(web.Options{Store: webStore{db}, Metrics: web.NewMetrics(reg), Gatherer: reg})
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", "/api/claims?subject=amazon+web+services&min=10B", nil))
	var page struct {
		Claims []struct {
			Subject string `json:"subject"`
			Display string `json:"display"`
		} `json:"claims"`
	}
	_ = json.Unmarshal(rec.Body.Bytes(), &page)
	fmt.Println(rec.Code, page.Claims[0].Subject, page.Claims[0].Display)

	rec = httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", "/api/claims?min=lots", nil))
	fmt.Println(rec.Code, rec.Body.String())
	// Output:
	// 200 AWS $15.0B
	// 400 {"error":"bad request: min \"lots\": want a number such as 15000000000 or 15B"}
}
