package store

import (
	"context"
	"strings"
	"testing"

	"github.com/claimwire/claimwire/claim"
	"github.com/google/go-cmp/cmp"
)

// TestPackedRowKeepsEveryByte stores claims whose text fields hold the
// packing's own separator, digits, NUL bytes, multi-byte runes and empty
// values, and checks that the packed read gives exactly the bytes a plain
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

// TestUnpackRejectsBadRows: a packed value that does not split into exactly
// the expected pieces is an error, never a panic or a silent misread.
func TestUnpackRejectsBadRows(t *testing.T) {
	tests := []struct {
		packed string
		ok     bool
	}{
		{"1:a0:3:b:c", true},
		{"0:0:0:", true},
		{"1:a0:3:b:", false},      // last field shorter than its length
		{"1:a0:3:b:cd", false},    // a byte left over
		{"1:a0:", false},          // a field missing
		{"x:a0:3:b:c", false},     // length not a number
		{"-1:a0:3:b:c", false},    // negative length
		{"99999999999:a", false},  // length past the end
		{"", false},               // nothing at all
		{"1:a0:3:b:c:1:z", false}, // an extra field
	}
	for _, tt := range tests {
		f := make([]string, 3)
		err := unpack(tt.packed, f)
		if (err == nil) != tt.ok {
			t.Errorf("unpack(%q) error = %v, want ok %v", tt.packed, err, tt.ok)
		}
	}
}
