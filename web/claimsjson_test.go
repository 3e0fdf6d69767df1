package web

import (
	"bytes"
	"encoding/json"
	"math"
	"testing"

	"github.com/claimwire/claimwire/claim"
)

// TestClaimsPageMatchesEncodingJSON holds the hand-written listing JSON to
// the bytes encoding/json writes for the same views, over awkward strings
// and numbers, empty and set optional fields, and with and without a cursor.
func TestClaimsPageMatchesEncodingJSON(t *testing.T) {
	vmax, tiny, neg := 2.5e9, 1e-7, -0.125
	full := claim.Claim{ID: "c1", Subject: "AWS", Segment: "data center", Metric: claim.Revenue, Value: 15e9,
		ValueMax: &vmax, Unit: claim.USD, Item: "chip", Qualifier: claim.Range, Period: "FY2025-Q3", Basis: "yoy",
		Modality: claim.Forecast, Attribution: "Andy Jassy", Counterparty: "Anthropic",
		Quote: "AWS said revenue was $15 billion.", Span: [2]int{17, 28},
		Source: claim.Source{URL: "https://example.com/a", Title: "T", Published: "2025-10-30T12:00:00Z", Kind: "filing",
			Form: "10-Q", CIK: "0001018724", Accession: "0001018724-25-000123"}}
	tests := []struct {
		name   string
		claims []claim.Claim
		next   string
	}{
		{"no claims", nil, ""},
		{"empty slice and a cursor", []claim.Claim{}, "MjAyNS0xMC0zMHwxMg"},
		{"every field set", []claim.Claim{full}, ""},
		{"only required fields", []claim.Claim{{ID: "c2", Metric: claim.Growth, Unit: claim.Percent, Value: neg,
			Quote: "q", Source: claim.Source{URL: "u"}}}, "x"},
		{"escapes", []claim.Claim{{ID: `"quoted" \ back`, Subject: "tab\there\nnew\rline\b\f\x01\x1f\x7f",
			Quote: "bad utf8 \xff\xfe end \xe2\x82", Segment: "<b>&amp;</b>", Item: "sep \u2028 and \u2029 emoji 📈",
			Source: claim.Source{URL: "https://example.com/?a=1&b=<2>", Title: "ünïcödé — ok"}}}, ""},
		{"numbers", []claim.Claim{
			{ID: "big", Value: 1e21, ValueMax: &tiny, Unit: claim.USD, Span: [2]int{-1, math.MaxInt32}},
			{ID: "max", Value: math.MaxFloat64, Unit: claim.Count, Item: "user"},
			{ID: "small", Value: 1e-6, Unit: claim.PP},
			{ID: "frac", Value: 0.1 + 0.2, Unit: claim.Times},
			{ID: "negative zero", Value: math.Copysign(0, -1), Unit: "EUR"},
			{ID: "eps", Value: 1.23, Unit: "USD/share"},
		}, ""},
	}
	for _, tt := range tests {
		var want bytes.Buffer
		enc := json.NewEncoder(&want)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(struct {
			Claims []claimView `json:"claims"`
			Next   string      `json:"next,omitempty"`
		}{viewsOf(tt.claims), tt.next}); err != nil {
			t.Fatal(err)
		}
		got := appendClaimsPage(nil, tt.claims, tt.next)
		if !bytes.Equal(got, want.Bytes()) {
			t.Errorf("%s:\n got %s\nwant %s", tt.name, got, want.Bytes())
		}
	}
}

// TestClaimsPageNonFinite: encoding/json cannot write an infinite value at
// all; the listing writes null for it and stays valid JSON.
func TestClaimsPageNonFinite(t *testing.T) {
	for _, v := range []float64{math.Inf(1), math.Inf(-1), math.NaN()} {
		b := appendClaimsPage(nil, []claim.Claim{{ID: "x", Value: v, Unit: claim.USD}}, "")
		var page struct {
			Claims []struct {
				Value *float64 `json:"value"`
			} `json:"claims"`
		}
		if err := json.Unmarshal(b, &page); err != nil || len(page.Claims) != 1 || page.Claims[0].Value != nil {
			t.Errorf("value %v: %s (err %v), want valid JSON with a null value", v, b, err)
		}
	}
}

func BenchmarkClaimsPageJSON(b *testing.B) {
	c := claim.Claim{ID: "0123456789abcdef0123456789abcdef", Subject: "Company 003", Metric: claim.Revenue,
		Value: 1234567890, Unit: claim.USD, Qualifier: claim.Exact, Modality: claim.Actual,
		Quote: "Company 003 said its revenue reached $1.2 billion in claim 4.", Span: [2]int{37, 49},
		Source: claim.Source{URL: "https://www.outlet042.example.com/2024-03-01/story-1-2", Title: "Story story 1 2",
			Published: "2024-03-01", Kind: claim.KindArticle}}
	claims := make([]claim.Claim, 50)
	for i := range claims {
		claims[i] = c
	}
	b.Run("hand", func(b *testing.B) {
		b.ReportAllocs()
		var buf []byte
		for b.Loop() {
			buf = appendClaimsPage(buf[:0], claims, "MjAyNS0xMC0zMHwxMg")
		}
		b.SetBytes(int64(len(buf)))
	})
	b.Run("encoding-json", func(b *testing.B) {
		b.ReportAllocs()
		var buf bytes.Buffer
		for b.Loop() {
			buf.Reset()
			enc := json.NewEncoder(&buf)
			enc.SetEscapeHTML(false)
			_ = enc.Encode(struct {
				Claims []claimView `json:"claims"`
				Next   string      `json:"next,omitempty"`
			}{viewsOf(claims), "MjAyNS0xMC0zMHwxMg"})
		}
		b.SetBytes(int64(buf.Len()))
	})
}
