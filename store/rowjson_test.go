package store

import (
	"context"
	"encoding/json"
	"math"
	"testing"
)

// TestEncodeClaimRowsMatchesEncodingJSON feeds the hand-written JSON and
// encoding/json's to SQLite's jsonb_each and compares every column it extracts.
func TestEncodeClaimRowsMatchesEncodingJSON(t *testing.T) {
	db := openTest(t)
	vmax, tiny := 2.5e9, 1e-7
	rows := []claimRow{
		{ID: "a1", Doc: 7, Subject: "AWS", Canonical: "AWS", Metric: "revenue", Value: 1000, Unit: "USD",
			Quote: "plain text", SpanStart: 0, SpanEnd: 5, Published: "2025-10-30", FactKey: "f1"},
		{ID: "a2", Doc: 1 << 40, Subject: `say "hi" \ back`, Canonical: "tab\there", Segment: "new\nline\r",
			Metric: "growth", Value: -0.125, ValueMax: &vmax, Unit: "%", Item: "ctl\x01\x1f\x7f",
			Qualifier: "about", Period: "2025-Q3", Basis: "yoy", Modality: "forecast", Attribution: "<b>&amp;</b>",
			Counterparty: "emoji 📈 and \u2028 sep", Quote: "bad utf8 \xff\xfe end \xe2\x82", SpanStart: 3, SpanEnd: 9,
			FactKey: "f2"},
		{ID: "a3", Value: 1e21, ValueMax: &tiny, Quote: "", SpanStart: -1, SpanEnd: math.MaxInt32},
		{ID: "a4", Value: math.MaxFloat64, Quote: "ünïcödé — ok"},
	}
	std, err := json.Marshal(rows)
	if err != nil {
		t.Fatal(err)
	}
	cols := []string{"id", "doc", "subject", "canonical", "segment", "metric", "value", "value_max", "unit", "item",
		"qualifier", "period", "basis", "modality", "attribution", "counterparty", "quote", "span_start",
		"span_end", "published", "fact_key"}
	for _, col := range cols {
		q := "SELECT j.value->>'" + col + "', typeof(j.value->>'" + col + "') FROM jsonb_each(?) j ORDER BY j.key"
		want := extract(t, db, q, string(std))
		got := extract(t, db, q, encodeClaimRows(rows))
		if len(got) != len(want) {
			t.Fatalf("%s: %d rows, want %d", col, len(got), len(want))
		}
		for i := range want {
			if got[i] != want[i] {
				t.Errorf("row %d %s = %q, want %q", i, col, got[i], want[i])
			}
		}
	}
	if got := encodeClaimRows(nil); got != "[]" {
		t.Errorf("no rows = %q, want []", got)
	}
}

func extract(t *testing.T, db *DB, q, payload string) []string {
	t.Helper()
	rs, err := db.r.QueryContext(context.Background(), q, payload)
	if err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	defer rs.Close()
	var out []string
	for rs.Next() {
		var v any
		var typ string
		if err := rs.Scan(&v, &typ); err != nil {
			t.Fatal(err)
		}
		out = append(out, typ+":"+fmtAny(v))
	}
	if err := rs.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

func fmtAny(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}
