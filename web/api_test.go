package web_test

import (
	"encoding/csv"
	"encoding/json"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/claimwire/claimwire/claim"
	"github.com/claimwire/claimwire/web"
)

type claimsPage struct {
	Claims []struct {
		claim.Claim
		Display string `json:"display"`
	} `json:"claims"`
	Next string `json:"next"`
}

// fetchAll pages through /api/claims?query with a small limit and returns the
// ids in the order served, failing on a repeated id (pages must not overlap).
func fetchAll(t *testing.T, base, query string) []string {
	t.Helper()
	var ids []string
	seen := map[string]bool{}
	cursor := ""
	for page := 0; ; page++ {
		q, err := url.ParseQuery(query)
		if err != nil {
			t.Fatal(err)
		}
		q.Set("limit", "7")
		if cursor != "" {
			q.Set("cursor", cursor)
		}
		res, body := get(t, base+"/api/claims?"+q.Encode())
		if res.StatusCode != http.StatusOK {
			t.Fatalf("GET %s: %d %s", q.Encode(), res.StatusCode, body)
		}
		var p claimsPage
		if err := json.Unmarshal(body, &p); err != nil {
			t.Fatal(err)
		}
		if len(p.Claims) > 7 {
			t.Fatalf("page of %d claims with limit 7", len(p.Claims))
		}
		for _, c := range p.Claims {
			if seen[c.ID] {
				t.Fatalf("claim %s served twice (page %d)", c.ID, page)
			}
			seen[c.ID] = true
			ids = append(ids, c.ID)
		}
		if p.Next == "" {
			return ids
		}
		if page > 1000 {
			t.Fatal("pagination does not end")
		}
		cursor = p.Next
	}
}

func idsWhere(all []claim.Claim, keep func(claim.Claim) bool) []string {
	var ids []string
	for _, c := range all {
		if keep(c) {
			ids = append(ids, c.ID)
		}
	}
	slices.Sort(ids)
	return ids
}

func TestClaimsFilters(t *testing.T) {
	db, all := openFixtureStore(t)
	srv := newTestServer(t, db, web.Options{})
	aws := func(c claim.Claim) bool { return c.Subject == "AWS" }
	runRate := func(c claim.Claim) bool { return aws(c) && c.Metric == claim.RevenueRunRate }
	day := func(c claim.Claim) string { return c.Source.Published }
	tests := []struct {
		query string
		want  func(claim.Claim) bool
	}{
		{"", func(claim.Claim) bool { return true }},
		{"subject=AWS", aws},
		{"subject=aws", aws},                                      // case does not matter
		{"subject=Amazon+Web+Services", aws},                      // an alias names the same subject
		{"subject=AWSX", func(claim.Claim) bool { return false }}, // near miss
		{"subject=AWS&metric=revenue_run_rate", runRate},
		{"subject=AWS&metric=revenue", func(c claim.Claim) bool { return aws(c) && c.Metric == claim.Revenue }},
		{"metric=revenue_run_rate&since=2026-05-01", func(c claim.Claim) bool { return c.Metric == claim.RevenueRunRate && day(c) >= "2026-05-01" }},
		{"metric=revenue_run_rate&until=2026-04-30", func(c claim.Claim) bool {
			return c.Metric == claim.RevenueRunRate && day(c) != "" && day(c) <= "2026-04-30"
		}},
		{"subject=AWS&min=15B", func(c claim.Claim) bool { return aws(c) && c.Value >= 15e9 }},
		{"subject=AWS&min=15000000001", func(c claim.Claim) bool { return aws(c) && c.Value > 15e9 }},
		{"subject=AWS&metric=revenue_run_rate&max=15e9", func(c claim.Claim) bool { return runRate(c) && c.Value <= 15e9 }},
		{"source=cloudbrief.example", func(c claim.Claim) bool { return strings.Contains(c.Source.URL, "//cloudbrief.example/") }},
		{"source=www.syndicate-news.example", func(c claim.Claim) bool { return strings.Contains(c.Source.URL, "syndicate-news.example/") }},
		{"modality=forecast", func(c claim.Claim) bool { return c.Modality == claim.Forecast }},
		{"subject=AWS&segment=ai+business", func(c claim.Claim) bool {
			return aws(c) && strings.Contains(strings.ToLower(c.Segment), "ai business")
		}},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			got := fetchAll(t, srv.URL, tt.query)
			slices.Sort(got)
			want := idsWhere(all, tt.want)
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("ids (-want +got):\n%s", diff)
			}
		})
	}
	if n := len(idsWhere(all, runRate)); n < 4 {
		t.Fatalf("fixtures hold %d AWS run-rate claims; the filters above need at least 4 to mean anything", n)
	}
}

func TestClaimsSearchAndOrder(t *testing.T) {
	db, _ := openFixtureStore(t)
	srv := newTestServer(t, db, web.Options{})
	res, body := get(t, srv.URL+"/api/claims?q=Cloud+Brief")
	if res.StatusCode != http.StatusOK {
		t.Fatalf("%d %s", res.StatusCode, body)
	}
	var p claimsPage
	if err := json.Unmarshal(body, &p); err != nil {
		t.Fatal(err)
	}
	if len(p.Claims) != 1 || p.Claims[0].Display != "$20.0B" {
		t.Fatalf("q=Cloud Brief: got %+v, want the one $20.0B claim", p.Claims)
	}
	// Newest first across pages.
	res, body = get(t, srv.URL+"/api/claims?limit=1000")
	if err := json.Unmarshal(body, &p); err != nil || res.StatusCode != 200 {
		t.Fatal(res.StatusCode, err)
	}
	for i := 1; i < len(p.Claims); i++ {
		a, b := p.Claims[i-1].Source.Published, p.Claims[i].Source.Published
		if a != "" && b != "" && a < b {
			t.Fatalf("claim %d published %s before claim %d published %s: want newest first", i-1, a, i, b)
		}
	}
}

func TestClaimsCSV(t *testing.T) {
	db, all := openFixtureStore(t)
	srv := newTestServer(t, db, web.Options{})
	for _, how := range []struct{ name, query, accept string }{
		{"accept", "subject=AWS&metric=revenue_run_rate", "text/csv"},
		{"accept list", "subject=AWS&metric=revenue_run_rate", "text/html;q=0.9, text/csv"},
		{"format", "subject=AWS&metric=revenue_run_rate&format=csv", ""},
	} {
		t.Run(how.name, func(t *testing.T) {
			res, body := get(t, srv.URL+"/api/claims?"+how.query, "Accept", how.accept)
			if ct := res.Header.Get("Content-Type"); res.StatusCode != 200 || !strings.HasPrefix(ct, "text/csv") {
				t.Fatalf("status %d, content type %q", res.StatusCode, ct)
			}
			rows, err := csv.NewReader(strings.NewReader(string(body))).ReadAll()
			if err != nil {
				t.Fatal(err)
			}
			want := idsWhere(all, func(c claim.Claim) bool { return c.Subject == "AWS" && c.Metric == claim.RevenueRunRate })
			if len(rows) != len(want)+1 || rows[0][0] != "id" {
				t.Fatalf("got %d rows (header %v), want header + %d", len(rows), rows[0], len(want))
			}
			col := slices.Index(rows[0], "display")
			var got []string
			for _, r := range rows[1:] {
				got = append(got, r[0])
				if !strings.HasPrefix(r[col], "$") || !strings.HasSuffix(r[col], "B") {
					t.Errorf("display %q: want dollars in billions", r[col])
				}
			}
			slices.Sort(got)
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("ids (-want +got):\n%s", diff)
			}
		})
	}
	res, _ := get(t, srv.URL+"/api/claims?limit=2", "Accept", "text/csv")
	if link := res.Header.Get("Link"); !strings.Contains(link, "cursor=") || !strings.Contains(link, `rel="next"`) {
		t.Errorf("Link header %q: want the next page", link)
	}
	res, _ = get(t, srv.URL+"/api/claims?limit=2", "Accept", "application/json")
	if ct := res.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		t.Errorf("Accept: application/json gave %q", ct)
	}
}

// errorBody decodes {"error": ...} and fails if anything else is in it.
func errorBody(t *testing.T, body []byte) string {
	t.Helper()
	var e map[string]string
	if err := json.Unmarshal(body, &e); err != nil || len(e) != 1 || e["error"] == "" {
		t.Fatalf("body %s: want exactly {\"error\": ...}", body)
	}
	low := strings.ToLower(e["error"])
	for _, leak := range []string{"select ", "sqlite", "goroutine", ".go:", "where "} {
		if strings.Contains(low, leak) {
			t.Errorf("error %q leaks %q", e["error"], leak)
		}
	}
	return e["error"]
}

func TestErrors(t *testing.T) {
	db, _ := openFixtureStore(t)
	srv := newTestServer(t, db, web.Options{})
	tests := []struct {
		path   string
		status int
		says   string
	}{
		{"/api/claims?min=abc", 400, "min"},
		{"/api/claims?min=15X", 400, "min"},
		{"/api/claims?min=20B&max=10B", 400, "min"},
		{"/api/claims?since=2026-13-01", 400, "since"},
		{"/api/claims?since=yesterday", 400, "since"},
		{"/api/claims?since=2026-05-01&until=2026-04-01", 400, "after"},
		{"/api/claims?limit=0", 400, "limit"},
		{"/api/claims?limit=1001", 400, "limit"},
		{"/api/claims?limit=ten", 400, "limit"},
		{"/api/claims?metric=revenue_runrate", 400, "metric"},
		{"/api/claims?modality=maybe", 400, "modality"},
		{"/api/claims?subjet=AWS", 400, "subjet"},
		{"/api/claims?subject=AWS&subject=Nvidia", 400, "subject"},
		{"/api/claims?cursor=not-a-cursor", 400, "invalid"},
		{"/api/claims/0000000000000000", 404, "not found"},
		{"/api/facts/nope", 404, "not found"},
		{"/api/nope", 404, "route"},
		{"/api/timeline?metric=revenue", 400, "subject"},
		{"/api/timeline?subject=AWS&metric=sales", 400, "metric"},
		{"/api/timeline?subject=AWS", 400, "metric"},
		{"/api/events", 503, "not configured"},
		{"/api/claims?q=" + strings.Repeat("x", 3000), 413, "query string"},
	}
	for _, tt := range tests {
		t.Run(tt.path[:min(len(tt.path), 60)], func(t *testing.T) {
			res, body := get(t, srv.URL+tt.path)
			if res.StatusCode != tt.status {
				t.Fatalf("status %d, want %d (%s)", res.StatusCode, tt.status, body)
			}
			if msg := errorBody(t, body); !strings.Contains(strings.ToLower(msg), tt.says) {
				t.Errorf("error %q does not mention %q", msg, tt.says)
			}
		})
	}
	// Control rows: the same routes with good input succeed.
	for _, path := range []string{"/api/claims?min=15B&max=20B&since=2026-04-01&until=2026-05-31&limit=1000",
		"/api/timeline?subject=AWS&metric=revenue", "/api/claims?modality=actual"} {
		if res, body := get(t, srv.URL+path); res.StatusCode != 200 {
			t.Errorf("%s: %d %s", path, res.StatusCode, body)
		}
	}
}

func TestReadOnlyAndBodies(t *testing.T) {
	db, _ := openFixtureStore(t)
	srv := newTestServer(t, db, web.Options{})
	for _, method := range []string{"POST", "PUT", "DELETE", "PATCH"} {
		req, _ := http.NewRequest(method, srv.URL+"/api/claims", strings.NewReader(`{"subject":"x"}`))
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != http.StatusMethodNotAllowed || res.Header.Get("Allow") == "" {
			t.Errorf("%s: status %d, Allow %q; want 405 with Allow", method, res.StatusCode, res.Header.Get("Allow"))
		}
	}
	req, _ := http.NewRequest("GET", srv.URL+"/api/claims", strings.NewReader("a body"))
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusRequestEntityTooLarge {
		t.Errorf("GET with a body: status %d, want 413", res.StatusCode)
	}
}

// SQL-looking filter values are data: a subject, source or segment that is
// not stored matches nothing; a search is words to look for (so "OR" and "1"
// may match prose), never syntax that widens the query to everything.
func TestSQLLookingValuesBreakNothing(t *testing.T) {
	db, all := openFixtureStore(t)
	srv := newTestServer(t, db, web.Options{})
	tests := []struct {
		query    string
		wantNone bool
	}{
		{"subject=" + url.QueryEscape("' OR 1=1 --"), true},
		{"subject=" + url.QueryEscape(`AWS" OR "1"="1`), true},
		{"source=" + url.QueryEscape("x' OR 'a'='a"), true},
		{"segment=" + url.QueryEscape("%' OR '%'='"), true},
		{"subject=AWS&segment=" + url.QueryEscape("%"), true},
		{"q=" + url.QueryEscape("'; DROP TABLE claims; --"), false},
		{"q=" + url.QueryEscape(`") OR 1=1 --`), false},
		{"q=" + url.QueryEscape("NEAR(* *"), false},
		{"q=" + url.QueryEscape("*"), false},
	}
	for _, tt := range tests {
		res, body := get(t, srv.URL+"/api/claims?limit=1000&"+tt.query)
		if res.StatusCode != 200 {
			t.Errorf("%s: status %d %s", tt.query, res.StatusCode, body)
			continue
		}
		var p claimsPage
		if err := json.Unmarshal(body, &p); err != nil {
			t.Fatal(err)
		}
		if tt.wantNone && len(p.Claims) != 0 || len(p.Claims) >= len(all)/2 {
			t.Errorf("%s: %d of %d claims", tt.query, len(p.Claims), len(all))
		}
	}
	if got := fetchAll(t, srv.URL, ""); len(got) != len(all) {
		t.Fatalf("after the attempts the store serves %d claims, want all %d", len(got), len(all))
	}
}
