package web_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/claimwire/claimwire/claim"
	"github.com/claimwire/claimwire/store"
	"github.com/claimwire/claimwire/web"
)

type claimDetail struct {
	Claim struct {
		claim.Claim
		Display string `json:"display"`
	} `json:"claim"`
	Document struct {
		Title, URL, Published, Kind, Form string
	} `json:"document"`
	QuoteBefore  string `json:"quote_before"`
	Figure       string `json:"figure"`
	QuoteAfter   string `json:"quote_after"`
	SameDocument []struct {
		ID string `json:"id"`
	} `json:"same_document"`
	Fact *struct {
		Key         string `json:"key"`
		Conflict    bool   `json:"conflict"`
		Display     string `json:"display"`
		Agreeing    []claim.Claim
		Conflicting []claim.Claim
	} `json:"fact"`
}

// findClaim returns the fixture claim whose quote contains part and whose
// figure is figure.
func findClaim(t *testing.T, all []claim.Claim, part, figure string) claim.Claim {
	t.Helper()
	for _, c := range all {
		if strings.Contains(c.Quote, part) && c.Figure() == figure {
			return c
		}
	}
	t.Fatalf("no fixture claim with %q in %q", figure, part)
	return claim.Claim{}
}

func getJSON(t *testing.T, u string, v any) {
	t.Helper()
	res, body := get(t, u)
	if res.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: %d %s", u, res.StatusCode, body)
	}
	if err := json.Unmarshal(body, v); err != nil {
		t.Fatalf("GET %s: %v", u, err)
	}
}

func TestClaimDetail(t *testing.T) {
	db, all := openFixtureStore(t)
	srv := newTestServer(t, db, web.Options{})
	// The quote has multi-byte characters (’ and —) before the figure: the
	// byte span must cut it at the figure, not a few characters off.
	conflicting := findClaim(t, all, "Cloud Brief’s sources", "$20 billion")
	agreeing := findClaim(t, all, "runs at more than $15 billion in annual revenue", "$15 billion")
	var d claimDetail
	getJSON(t, srv.URL+"/api/claims/"+conflicting.ID, &d)
	if d.Figure != "$20 billion" || d.QuoteBefore+d.Figure+d.QuoteAfter != conflicting.Quote {
		t.Errorf("split %q | %q | %q: want the quote cut around $20 billion", d.QuoteBefore, d.Figure, d.QuoteAfter)
	}
	if d.Claim.Display != "$20.0B" || d.Claim.Subject != "AWS" || d.Claim.Span != conflicting.Span {
		t.Errorf("claim %+v", d.Claim)
	}
	if d.Document.URL != conflicting.Source.URL || !strings.HasPrefix(d.Document.Title, "Cloud Brief") ||
		d.Document.Published != "2026-05-02" || d.Document.Kind != "article" {
		t.Errorf("document %+v", d.Document)
	}
	if len(d.SameDocument) != 0 {
		t.Errorf("same_document %+v: that document has only this claim", d.SameDocument)
	}
	if d.Fact == nil || !d.Fact.Conflict {
		t.Fatalf("fact %+v: want the AWS run-rate fact for 2026-Q1, in conflict", d.Fact)
	}
	if !hasClaim(d.Fact.Conflicting, conflicting.ID) || !hasClaim(d.Fact.Agreeing, agreeing.ID) || d.Fact.Display != "$15.0B" {
		t.Errorf("fact: agreeing %d, conflicting %d, display %q: want $20B conflicting with the $15B majority",
			len(d.Fact.Agreeing), len(d.Fact.Conflicting), d.Fact.Display)
	}

	// A document with two claims lists the other one, not itself.
	getJSON(t, srv.URL+"/api/claims/"+agreeing.ID, &d)
	if len(d.SameDocument) != 1 || d.SameDocument[0].ID == agreeing.ID {
		t.Errorf("same_document %+v: want the headline's claim only", d.SameDocument)
	}
	if d.Fact == nil || !hasClaim(d.Fact.Agreeing, agreeing.ID) {
		t.Errorf("fact %+v: want the one that lists this claim as agreeing", d.Fact)
	}
}

func hasClaim(cs []claim.Claim, id string) bool {
	for _, c := range cs {
		if c.ID == id {
			return true
		}
	}
	return false
}

func TestFacts(t *testing.T) {
	db, all := openFixtureStore(t)
	srv := newTestServer(t, db, web.Options{})
	var list struct {
		Facts []struct {
			Key      string `json:"key"`
			Subject  string `json:"subject"`
			Metric   string `json:"metric"`
			Period   string `json:"period"`
			Conflict bool   `json:"conflict"`
			Display  string `json:"display"`
		} `json:"facts"`
	}
	getJSON(t, srv.URL+"/api/facts?subject=AWS&metric=revenue_run_rate", &list)
	var key string
	for _, f := range list.Facts {
		if f.Subject != "AWS" || f.Metric != "revenue_run_rate" {
			t.Errorf("fact %+v does not match the filter", f)
		}
		if f.Conflict {
			key = f.Key
		}
	}
	if len(list.Facts) < 2 || key == "" {
		t.Fatalf("facts %+v: want the 2025 and 2026 run-rate facts, one in conflict", list.Facts)
	}
	var fact struct {
		Conflict      bool   `json:"conflict"`
		Corroboration int    `json:"corroboration"`
		Display       string `json:"display"`
		Agreeing      []claim.Claim
		Conflicting   []claim.Claim
	}
	getJSON(t, srv.URL+"/api/facts/"+url.PathEscape(key), &fact)
	want := findClaim(t, all, "Cloud Brief’s sources", "$20 billion")
	if !fact.Conflict || len(fact.Conflicting) != 1 || fact.Conflicting[0].ID != want.ID || fact.Corroboration < 2 {
		t.Errorf("fact %s: conflict %v, corroboration %d, conflicting %d: want two sources for $15B against Cloud Brief's $20B",
			key, fact.Conflict, fact.Corroboration, len(fact.Conflicting))
	}
	getJSON(t, srv.URL+"/api/facts?subject=Nobody", &list)
	if len(list.Facts) != 0 {
		t.Errorf("facts for an unknown subject: %+v", list.Facts)
	}

	// Two investors' deals with one company in one quarter are two facts,
	// each with its counterparty, in the list, by key and on a claim's page.
	ms := saveDeal(t, db, "https://deals.example/ms", "Microsoft", 5e9)
	saveDeal(t, db, "https://other.example/nv", "Nvidia", 10e9)
	var deals struct {
		Facts []struct {
			Key          string `json:"key"`
			Counterparty string `json:"counterparty"`
			Conflict     bool   `json:"conflict"`
			Display      string `json:"display"`
		} `json:"facts"`
	}
	getJSON(t, srv.URL+"/api/facts?subject=Vireo+Labs&metric=funding", &deals)
	if len(deals.Facts) != 2 || deals.Facts[0].Counterparty != "Microsoft" || deals.Facts[1].Counterparty != "Nvidia" ||
		deals.Facts[0].Conflict || deals.Facts[1].Conflict || deals.Facts[1].Display != "$10.0B" {
		t.Errorf("Vireo Labs funding facts = %+v, want Microsoft's $5B and Nvidia's $10B apart, neither in conflict", deals.Facts)
	}
	var one struct {
		Counterparty string `json:"counterparty"`
	}
	getJSON(t, srv.URL+"/api/facts/"+url.PathEscape(deals.Facts[0].Key), &one)
	if one.Counterparty != "Microsoft" {
		t.Errorf("/api/facts/{key} counterparty = %q, want Microsoft", one.Counterparty)
	}
	var d struct {
		Fact *struct {
			Key          string `json:"key"`
			Counterparty string `json:"counterparty"`
		} `json:"fact"`
	}
	getJSON(t, srv.URL+"/api/claims/"+ms.ID, &d)
	if d.Fact == nil || d.Fact.Counterparty != "Microsoft" || d.Fact.Key != deals.Facts[0].Key {
		t.Errorf("claim page fact = %+v, want Microsoft's", d.Fact)
	}
}

// saveDeal stores a report of investor's funding of Vireo Labs, a subject
// the fixtures do not have, and returns its claim.
func saveDeal(t *testing.T, db *store.DB, u, investor string, v float64) claim.Claim {
	t.Helper()
	quote := investor + " will invest in Vireo Labs."
	c := claim.Claim{Subject: "Vireo Labs", Metric: claim.Funding, Value: v, Unit: claim.USD, Qualifier: claim.Exact,
		Period: "2025-Q4", Modality: claim.Actual, Counterparty: investor, Quote: quote, Span: [2]int{0, 5},
		Source: claim.Source{URL: u, Title: "Vireo Labs", Published: "2025-11-18", Kind: claim.KindArticle}}
	c.SetID()
	doc := claim.Document{Source: c.Source, Text: quote, ContentHash: claim.HashText(quote)}
	if _, err := db.SaveDocument(context.Background(), doc, []claim.Claim{c}); err != nil {
		t.Fatal(err)
	}
	return c
}

func TestTimeline(t *testing.T) {
	db, all := openFixtureStore(t)
	srv := newTestServer(t, db, web.Options{})
	var tl struct {
		Subject string `json:"subject"`
		Points  []struct {
			Published string `json:"published"`
			Conflict  bool   `json:"conflict"`
			Claim     struct {
				ID      string `json:"id"`
				Display string `json:"display"`
			} `json:"claim"`
		} `json:"points"`
	}
	getJSON(t, srv.URL+"/api/timeline?subject=amazon+web+services&metric=revenue_run_rate", &tl)
	want := idsWhere(all, func(c claim.Claim) bool { return c.Subject == "AWS" && c.Metric == claim.RevenueRunRate })
	if len(tl.Points) != len(want) {
		t.Fatalf("%d points, want %d", len(tl.Points), len(want))
	}
	conflicts := 0
	for i, p := range tl.Points {
		if i > 0 && p.Published < tl.Points[i-1].Published {
			t.Errorf("point %d (%s) before point %d (%s): want oldest first", i, p.Published, i-1, tl.Points[i-1].Published)
		}
		if p.Conflict {
			conflicts++
			if p.Claim.Display != "$20.0B" {
				t.Errorf("point %s %s marked as a conflict", p.Published, p.Claim.Display)
			}
		}
	}
	if conflicts != 1 {
		t.Errorf("%d conflicting points, want the one $20B claim", conflicts)
	}
	getJSON(t, srv.URL+"/api/timeline?subject=Nobody&metric=revenue", &tl)
	if len(tl.Points) != 0 {
		t.Errorf("unknown subject: %d points", len(tl.Points))
	}
}

func TestCatalogue(t *testing.T) {
	db, all := openFixtureStore(t)
	srv := newTestServer(t, db, web.Options{})
	var subjects struct {
		Subjects []web.SubjectCount `json:"subjects"`
	}
	getJSON(t, srv.URL+"/api/subjects", &subjects)
	total := 0
	awsWant := len(idsWhere(all, func(c claim.Claim) bool { return c.Subject == "AWS" }))
	var awsGot int
	for _, s := range subjects.Subjects {
		total += s.Claims
		if s.Subject == "AWS" {
			awsGot = s.Claims
		}
	}
	if total != len(all) || awsGot != awsWant {
		t.Errorf("subjects count %d claims (AWS %d), want %d (AWS %d)", total, awsGot, len(all), awsWant)
	}
	var metrics struct {
		Metrics []web.MetricCount `json:"metrics"`
	}
	getJSON(t, srv.URL+"/api/metrics", &metrics)
	total = 0
	for _, m := range metrics.Metrics {
		if !m.Metric.Valid() {
			t.Errorf("metric %q not in the vocabulary", m.Metric)
		}
		total += m.Claims
	}
	if total != len(all) {
		t.Errorf("metrics count %d claims, want %d", total, len(all))
	}
	res, body := get(t, srv.URL+"/api/sources")
	if res.StatusCode != 200 || !strings.Contains(string(body), `"sources":[`) {
		t.Errorf("/api/sources: %d %s", res.StatusCode, body)
	}
}
