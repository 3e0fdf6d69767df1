package store

import (
	"context"
	"strings"
	"testing"

	"github.com/claimwire/claimwire/claim"
	"github.com/google/go-cmp/cmp"
)

// TestPackedRowKeepsEveryByte stores claims whose text fields hold quotes,
// backslashes, control characters, NUL bytes, invalid UTF-8, multi-byte
// runes and empty values, and checks that the packed read gives exactly the bytes a plain
// column-by-column read of the same rows gives.
func TestPackedRowKeepsEveryByte(t *testing.T) {
	ctx := context.Background()
	db := openTest(t)
	awkward := []claim.Claim{
		{Subject: "12:34 Corp", Segment: "5:", Metric: claim.Revenue, Value: 1e9, Unit: claim.USD,
			Item: "", Period: "FY2025", Basis: "yoy", Attribution: ":", Counterparty: "0:0:0",
			Quote: "12:34 Corp made $1 billion.", Span: [2]int{15, 25}},
		{Subject: "Nul\x00Byte Ltd", Metric: claim.Users, Value: 3, Unit: claim.Count, Item: "user",
			Quote: "Nul\x00Byte has 3 users: ünïcödé 📈 — ok.", Span: [2]int{12, 13}},
		{Subject: `Quote "and" back\slash`, Segment: "tab\tnew\nline\r\x01\x1f", Metric: claim.Margin, Value: 40,
			Unit: claim.Percent, Attribution: "'single' / slash", Quote: "ctl \b\f and \u2028 and \xff\xfe bytes 40%",
			Span: [2]int{0, 3}},
		{Subject: "Plain", Metric: claim.Growth, Value: 12.5, Unit: claim.Percent,
			Quote: strings.Repeat("long ", 400) + "12.5%", Span: [2]int{2000, 2005}},
	}
	doc, cs := article("https://example.com/a:b?x=1:2", "2025-10-30", "text: 12:34", awkward...)
	doc.Title = "9:title:with:colons\x00"
	doc.Form, doc.CIK, doc.Accession, doc.Kind = "10-Q", "0001018724", "0001018724-25-000123", claim.KindFiling
	mustSave(t, db, doc, cs)

	got, _, err := db.FindClaims(ctx, claim.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(awkward) {
		t.Fatalf("found %d claims, want %d", len(got), len(awkward))
	}
	var sawNul, sawColon bool
	for _, c := range got {
		sawNul = sawNul || strings.Contains(c.Quote, "\x00")
		sawColon = sawColon || strings.Contains(c.Source.Title, ":")
		var want claim.Claim
		var day string
		err := db.r.QueryRowContext(ctx, `SELECT c.published, c.id, c.subject, c.segment, c.metric, c.unit, c.item,
			c.qualifier, c.period, c.basis, c.modality, c.attribution, c.counterparty, c.quote,
			d.url, d.title, d.published, d.kind, d.form, d.cik, d.accession, c.value, c.span_start, c.span_end
			FROM claims c JOIN documents d ON d.id = c.doc_id WHERE c.id = ?`, c.ID).Scan(
			&day, &want.ID, &want.Subject, &want.Segment, &want.Metric, &want.Unit, &want.Item,
			&want.Qualifier, &want.Period, &want.Basis, &want.Modality, &want.Attribution, &want.Counterparty, &want.Quote,
			&want.Source.URL, &want.Source.Title, &want.Source.Published, &want.Source.Kind, &want.Source.Form,
			&want.Source.CIK, &want.Source.Accession, &want.Value, &want.Span[0], &want.Span[1])
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(want, c); diff != "" {
			t.Errorf("claim %s (-plain read +packed read):\n%s", c.ID, diff)
		}
		one, err := db.Claim(ctx, c.ID)
		if err != nil || !cmp.Equal(one, c) {
			t.Errorf("Claim(%s) = %+v, %v; want the listing's %+v", c.ID, one, err, c)
		}
	}
	if !sawNul || !sawColon {
		t.Errorf("stored text lost its NUL (%v) or colons (%v): the test no longer covers them", sawNul, sawColon)
	}
}

// TestUnpack reads json_array rows: plain fields are slices of the row,
// escaped ones are decoded, and anything that is not exactly an array of the
// expected number of strings is an error, never a panic or a silent misread.
func TestUnpack(t *testing.T) {
	tests := []struct {
		packed string
		want   []string // nil: an error
	}{
		{`["a","","c"]`, []string{"a", "", "c"}},
		{`["q\"uote","back\\slash","\/"]`, []string{`q"uote`, `back\slash`, "/"}},
		{`["\b\f\n\r\t","nul\u0000x","\u00e9\ud83d\udcc8"]`, []string{"\b\f\n\r\t", "nul\x00x", "é📈"}},
		{`["lone \ud83d here","\u2028","x"]`, []string{"lone \ufffd here", "\u2028", "x"}},
		{"[\"raw \xff bytes\",\"ü\",\"\"]", []string{"raw \xff bytes", "ü", ""}},
		{`["a","b"]`, nil},         // a field missing
		{`["a","b","c","d"]`, nil}, // an extra field
		{`["a","b","c"] `, nil},    // a byte left over
		{`["a","b",3]`, nil},       // not a string
		{`["a","b","c`, nil},       // unterminated
		{`["a","b","c\`, nil},      // escape at the end
		{`["a","b","\x"]`, nil},    // unknown escape
		{`["a","b","\u12"]`, nil},  // short \u escape
		{`["a","b","\uzzzz"]`, nil},
		{`{"a":"b"}`, nil},
		{``, nil},
	}
	for _, tt := range tests {
		got := make([]string, 3)
		err := unpack(tt.packed, got)
		switch {
		case tt.want == nil && err == nil:
			t.Errorf("unpack(%q) = %q, want an error", tt.packed, got)
		case tt.want != nil && err != nil:
			t.Errorf("unpack(%q): %v", tt.packed, err)
		case tt.want != nil && !cmp.Equal(got, tt.want):
			t.Errorf("unpack(%q) = %q, want %q", tt.packed, got, tt.want)
		}
	}
}
