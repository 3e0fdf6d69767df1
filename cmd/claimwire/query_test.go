package main

import (
	"encoding/csv"
	"encoding/json"
	"strings"
	"testing"

	"github.com/claimwire/claimwire/claim"
)

func TestQueryFormats(t *testing.T) {
	db := seedDB(t)
	out, errOut, code := runStoreCmd(t, true, nil, "query", "--db", db, "--subject", "aws")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, want := range []string{"PUBLISHED", ">$15.0B", ">$20.0B", "geekwire.com", "Amazon Web Services / AI business"} {
		if !strings.Contains(out, want) {
			t.Errorf("table output lacks %q:\n%s", want, out)
		}
	}
	if lines := strings.Count(out, "\n"); lines != 4 {
		t.Errorf("table has %d lines, want header + 3", lines)
	}

	out, _, _ = runStoreCmd(t, false, nil, "query", "--db", db, "--subject", "Amazon Web Services", "--source", "cnbc.com")
	var c claim.Claim
	if err := json.Unmarshal([]byte(out), &c); err != nil || c.Value != 15e9 || c.Source.URL != "https://www.cnbc.com/aws-ai" {
		t.Errorf("piped output is not one JSON claim from cnbc: %q (%v)", out, err)
	}

	out, _, _ = runStoreCmd(t, false, nil, "query", "--db", db, "--format", "csv", "--min", "$16 billion")
	rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil || len(rows) != 2 || rows[0][0] != "id" || rows[1][4] != "20000000000" {
		t.Errorf("csv = %q (%v), want header + the $20B claim", rows, err)
	}
}

func TestQueryPaginates(t *testing.T) {
	db := seedDB(t)
	out, errOut, _ := runStoreCmd(t, false, nil, "query", "--db", db, "--limit", "2")
	if strings.Count(out, "\n") != 2 || !strings.Contains(errOut, "--cursor ") {
		t.Fatalf("first page: %q, stderr %q", out, errOut)
	}
	cursor := strings.TrimSpace(errOut[strings.Index(errOut, "--cursor ")+len("--cursor "):])
	out, errOut, _ = runStoreCmd(t, false, nil, "query", "--db", db, "--limit", "2", "--cursor", cursor)
	if strings.Count(out, "\n") != 1 || errOut != "" {
		t.Errorf("second page: %q, stderr %q; want the last claim and no cursor", out, errOut)
	}
}

func TestQueryErrors(t *testing.T) {
	db := seedDB(t)
	tests := []struct {
		args []string
		code int
		msg  string
	}{
		{[]string{"--metric", "revenue_runrate"}, 2, "unknown --metric"},
		{[]string{"--modality", "maybe"}, 2, "unknown --modality"},
		{[]string{"--min", "lots"}, 2, "--min"},
		{[]string{"--format", "xml"}, 2, "unknown --format"},
		{[]string{"--since", "30/10/2025"}, 1, "want YYYY-MM-DD"},
		{[]string{"stray"}, 2, "flags only"},
		{[]string{"--metric", "revenue_run_rate"}, 0, ""}, // near miss: valid
	}
	for _, tt := range tests {
		_, errOut, code := runStoreCmd(t, false, nil, append([]string{"query", "--db", db}, tt.args...)...)
		if code != tt.code || !strings.Contains(errOut, tt.msg) {
			t.Errorf("query %v: exit %d, stderr %q; want %d and %q", tt.args, code, errOut, tt.code, tt.msg)
		}
	}
	_, errOut, code := runStoreCmd(t, false, nil, "query", "--db", t.TempDir()+"/none.db")
	if code != 1 || !strings.Contains(errOut, "no database") {
		t.Errorf("missing database: exit %d, stderr %q", code, errOut)
	}
}

func TestAmountFlag(t *testing.T) {
	tests := []struct {
		in   string
		want float64
		ok   bool
	}{
		{"15e9", 15e9, true}, {"15B", 15e9, true}, {"$15 billion", 15e9, true}, {"1.5k", 1500, true},
		{"500K", 500000, true}, {"2,000", 2000, true}, {"150%", 150, true}, {"3bn", 3e9, true},
		{"-310M", -310e6, true}, {"15 bananas", 0, false}, {"B", 0, false},
	}
	for _, tt := range tests {
		got, err := amountFlag("min", tt.in)
		if (err == nil) != tt.ok || (tt.ok && *got != tt.want) {
			t.Errorf("amountFlag(%q) = %v, %v; want %v (ok %v)", tt.in, got, err, tt.want, tt.ok)
		}
	}
}
