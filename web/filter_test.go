package web

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/claimwire/claimwire/claim"
)

func TestParseFilter(t *testing.T) {
	f64 := func(v float64) *float64 { return &v }
	tests := []struct {
		query   string
		want    claim.Filter
		wantErr string
	}{
		{"", claim.Filter{Limit: defaultLimit}, ""},
		{"subject=+AWS+&metric=revenue_run_rate", claim.Filter{Subject: "AWS", Metric: claim.RevenueRunRate, Limit: defaultLimit}, ""},
		{"min=15B&max=2.5e10", claim.Filter{Min: f64(15e9), Max: f64(25e9), Limit: defaultLimit}, ""},
		{"min=500k", claim.Filter{Min: f64(500e3), Limit: defaultLimit}, ""},
		{"min=-310M", claim.Filter{Min: f64(-310e6), Limit: defaultLimit}, ""},
		{"min=1.5T", claim.Filter{Min: f64(1.5e12), Limit: defaultLimit}, ""},
		{"since=2026-01-01&until=2026-01-01", claim.Filter{Since: "2026-01-01", Until: "2026-01-01", Limit: defaultLimit}, ""},
		{"source=WWW.GeekWire.com&limit=1000", claim.Filter{Source: "www.geekwire.com", Limit: 1000}, ""},
		{"modality=target&q=run+rate&cursor=abc", claim.Filter{Modality: claim.Target, Search: "run rate", Cursor: "abc", Limit: defaultLimit}, ""},
		// Near misses.
		{"min=B", claim.Filter{}, "min"},
		{"min=15BB", claim.Filter{}, "min"},
		{"min=NaN", claim.Filter{}, "min"},
		{"min=1e400", claim.Filter{}, "min"},
		{"max=0x10", claim.Filter{}, "max"},
		{"since=2026-1-1", claim.Filter{}, "since"},
		{"until=2026-02-30", claim.Filter{}, "until"},
		{"limit=1001", claim.Filter{}, "limit"},
		{"limit=-1", claim.Filter{}, "limit"},
		{"metric=Revenue", claim.Filter{}, "metric"},
		{"modality=Actual", claim.Filter{}, "modality"},
		{"search=x", claim.Filter{}, "unknown"},
		{"subject=" + strings.Repeat("a", maxParamLen+1), claim.Filter{}, "too long"},
		{"subject=%ff", claim.Filter{}, "UTF-8"},
	}
	for _, tt := range tests {
		q, err := url.ParseQuery(tt.query)
		if err != nil {
			t.Fatal(err)
		}
		got, err := parseFilter(q)
		if tt.wantErr != "" {
			if !errors.Is(err, errBadRequest) || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("%q: error %v, want a bad request about %s", tt.query, err, tt.wantErr)
			}
			continue
		}
		if err != nil {
			t.Errorf("%q: %v", tt.query, err)
			continue
		}
		if g, w := fmt.Sprintf("%+v", deref(got)), fmt.Sprintf("%+v", deref(tt.want)); g != w {
			t.Errorf("%q:\n got %s\nwant %s", tt.query, g, w)
		}
	}
}

// deref prints Min/Max by value so filters compare as text.
func deref(f claim.Filter) string {
	s := func(p *float64) string {
		if p == nil {
			return "nil"
		}
		return fmt.Sprint(*p)
	}
	min, max := s(f.Min), s(f.Max)
	f.Min, f.Max = nil, nil
	return fmt.Sprintf("%+v min=%s max=%s", f, min, max)
}

func TestMatcher(t *testing.T) {
	base := claim.Claim{Subject: "Amazon Web Services", Segment: "AI business", Metric: claim.RevenueRunRate, Value: 15e9,
		Modality: claim.Actual, Quote: "AWS's AI business runs at $15 billion a year.",
		Source: claim.Source{URL: "https://www.news.cloudwire.example/a", Title: "AWS AI pace", Published: "2026-04-30T09:00:00Z"}}
	known := []SubjectCount{{Subject: "AWS", Aliases: []string{"amazon web services", "aws"}}}
	f64 := func(v float64) *float64 { return &v }
	tests := []struct {
		f    claim.Filter
		want bool
	}{
		{claim.Filter{}, true},
		{claim.Filter{Subject: "aws"}, true}, // an alias of the claim's subject
		{claim.Filter{Subject: "Amazon"}, false},
		{claim.Filter{Metric: claim.RevenueRunRate}, true},
		{claim.Filter{Metric: claim.Revenue}, false},
		{claim.Filter{Segment: "ai"}, true},
		{claim.Filter{Segment: "chips"}, false},
		{claim.Filter{Min: f64(15e9)}, true},
		{claim.Filter{Min: f64(15e9 + 1)}, false},
		{claim.Filter{Max: f64(15e9)}, true},
		{claim.Filter{Max: f64(15e9 - 1)}, false},
		{claim.Filter{Since: "2026-04-30", Until: "2026-04-30"}, true},
		{claim.Filter{Since: "2026-05-01"}, false},
		{claim.Filter{Until: "2026-04-29"}, false},
		{claim.Filter{Source: "cloudwire.example"}, true}, // a parent domain
		{claim.Filter{Source: "www.news.cloudwire.example"}, true},
		{claim.Filter{Source: "loudwire.example"}, false},
		{claim.Filter{Search: "AI pace"}, true},
		{claim.Filter{Search: "ai chips"}, false},
		{claim.Filter{Modality: claim.Forecast}, false},
	}
	for _, tt := range tests {
		if got := newMatcher(tt.f, known).matches(base); got != tt.want {
			t.Errorf("%+v: matches = %v, want %v", tt.f, got, tt.want)
		}
	}
}

func TestSplitQuote(t *testing.T) {
	q := "Cloud Brief’s sources — put it at $20 billion."
	at := strings.Index(q, "$20 billion")
	tests := []struct {
		span                  [2]int
		before, figure, after string
	}{
		{[2]int{at, at + len("$20 billion")}, q[:at], "$20 billion", "."},
		{[2]int{0, 5}, "", "Cloud", q[5:]},
		{[2]int{at, len(q)}, q[:at], "$20 billion.", ""},
		// Near misses highlight nothing rather than garble the text.
		{[2]int{11, 13}, q, "", ""}, // inside the three bytes of ’
		{[2]int{at, len(q) + 1}, q, "", ""},
		{[2]int{-1, 3}, q, "", ""},
		{[2]int{5, 5}, q, "", ""},
		{[2]int{9, 3}, q, "", ""},
	}
	for _, tt := range tests {
		b, f, a := splitQuote(q, tt.span)
		if b != tt.before || f != tt.figure || a != tt.after {
			t.Errorf("span %v: %q | %q | %q", tt.span, b, f, a)
		}
	}
}

func TestStatusOf(t *testing.T) {
	tests := []struct {
		err    error
		status int
		msg    string
	}{
		{badRequest("limit %q: bad", "x"), 400, `bad request: limit "x": bad`},
		{fmt.Errorf("find claims: %w: bad cursor %q", claim.ErrInvalid, "SELECT"), 400, "invalid query"},
		{unavailable(fmt.Errorf("claim x: %w: sql: no rows", claim.ErrNotFound)), 404, "not found"},
		{unavailable(errors.New("sqlite3: database is locked: SELECT * FROM claims")), 503, "store unavailable"},
		{unavailable(fmt.Errorf("find: %w", context.DeadlineExceeded)), 503, "store unavailable: timed out"},
		{unavailable(fmt.Errorf("find: %w", context.Canceled)), 503, "request cancelled"},
		{errUnauthorized, 401, "missing or wrong bearer token"},
		{errMethod, 405, "method not allowed: the API is read-only"},
		{errors.New("something else entirely"), 500, "internal error"},
	}
	for _, tt := range tests {
		status, msg := statusOf(tt.err)
		if status != tt.status || msg != tt.msg {
			t.Errorf("%v: %d %q, want %d %q", tt.err, status, msg, tt.status, tt.msg)
		}
	}
}

// panicStore is a hand-written fake of the Store interface whose queries panic.
type panicStore struct{ Store }

func (panicStore) FindClaims(context.Context, claim.Filter) ([]claim.Claim, string, error) {
	panic("boom: secret internals")
}

func TestPanicRecovery(t *testing.T) {
	h := New(Options{Store: panicStore{}})
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/api/claims", nil))
	var body map[string]string
	if err := json.Unmarshal(rec.Body.Bytes(), &body); err != nil || rec.Code != 500 || body["error"] != "internal error" {
		t.Fatalf("%d %s: want 500 {\"error\": \"internal error\"}", rec.Code, rec.Body)
	}
	if strings.Contains(rec.Body.String(), "boom") || strings.Contains(rec.Body.String(), "goroutine") {
		t.Errorf("the panic leaks: %s", rec.Body)
	}
}
