package main

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/claimwire/claimwire/claim"
	"github.com/claimwire/claimwire/store"
)

func TestFactsShowsCorroborationAndConflict(t *testing.T) {
	db := seedDB(t)
	out, errOut, code := runStoreCmd(t, false, nil, "facts", "--db", db, "--conflicts")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var f claim.Fact
	if err := json.Unmarshal([]byte(out), &f); err != nil {
		t.Fatalf("facts output %q: %v", out, err)
	}
	if f.Subject != "AWS" || f.Value != 15e9 || f.Corroboration != 2 || f.Sources != 3 || !f.Conflict {
		t.Errorf("fact = %+v; want AWS at $15B agreed by 2 of 3 sources, in conflict", f)
	}
	out, _, _ = runStoreCmd(t, true, nil, "facts", "--db", db, "--key", f.Key)
	for _, want := range []string{"$15.0B", "agreeing (2)", "conflicting (1)", "rumors.example.net", "MODALITY", "actual"} {
		if !strings.Contains(out, want) {
			t.Errorf("facts --key output lacks %q:\n%s", want, out)
		}
	}
	out, _, _ = runStoreCmd(t, false, nil, "facts", "--db", db, "--min-corroboration", "3")
	if out != "" {
		t.Errorf("--min-corroboration 3 = %q, want nothing", out)
	}

	// Two investors' deals with Anthropic are two facts, each showing its
	// counterparty in every format, and neither is a conflict.
	saveFunding(t, db, "https://a.example/ms", "Microsoft", 5e9)
	saveFunding(t, db, "https://b.example/nv", "Nvidia", 10e9)
	out, errOut, code = runStoreCmd(t, true, nil, "facts", "--db", db, "--subject", "Anthropic")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 3 || !strings.HasPrefix(lines[0], "SUBJECT") || !strings.Contains(lines[0], "COUNTERPARTY") {
		t.Fatalf("facts table = %q, want a header with COUNTERPARTY and two facts", out)
	}
	for i, cp := range []string{"Microsoft", "Nvidia"} {
		if f := strings.Fields(lines[i+1]); len(f) < 2 || f[0] != "Anthropic" || f[1] != cp || strings.Contains(lines[i+1], "yes") {
			t.Errorf("facts table row %d = %q, want Anthropic, %s, no conflict", i+1, lines[i+1], cp)
		}
	}
	out, _, _ = runStoreCmd(t, false, nil, "facts", "--db", db, "--subject", "Anthropic", "--format", "csv")
	if !strings.HasPrefix(out, "key,subject,segment,counterparty,metric,") || !strings.Contains(out, ",Anthropic,,Nvidia,funding,") {
		t.Errorf("facts csv lacks the counterparty column:\n%s", out)
	}
	out, _, _ = runStoreCmd(t, false, nil, "facts", "--db", db, "--subject", "Anthropic", "--format", "jsonl")
	var cps, keys []string
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		var f claim.Fact
		if err := json.Unmarshal([]byte(line), &f); err != nil {
			t.Fatalf("facts jsonl %q: %v", line, err)
		}
		if f.Conflict {
			t.Errorf("fact %+v in conflict", f)
		}
		cps, keys = append(cps, f.Counterparty), append(keys, f.Key)
	}
	if strings.Join(cps, ",") != "Microsoft,Nvidia" || !strings.Contains(out, `"counterparty":"Microsoft"`) {
		t.Errorf("facts jsonl counterparties %q:\n%s", cps, out)
	}
	// The one-fact view shows it too.
	out, _, _ = runStoreCmd(t, true, nil, "facts", "--db", db, "--key", keys[0])
	if !strings.Contains(out, "COUNTERPARTY") || !strings.Contains(out, "Microsoft") {
		t.Errorf("facts --key output lacks the counterparty:\n%s", out)
	}
}

// saveFunding adds a report of investor's funding of Anthropic to the database at path.
func saveFunding(t *testing.T, path, url, investor string, v float64) {
	t.Helper()
	ctx := context.Background()
	db, err := store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	quote := investor + " will invest in Anthropic."
	c := claim.Claim{Subject: "Anthropic", Metric: claim.Funding, Value: v, Unit: claim.USD, Qualifier: claim.UpTo,
		Period: "2025-Q4", Modality: claim.Actual, Counterparty: investor, Quote: quote, Span: [2]int{0, 5},
		Source: claim.Source{URL: url, Title: "Anthropic", Published: "2025-11-18", Kind: claim.KindArticle}}
	c.SetID()
	doc := claim.Document{Source: c.Source, Text: quote, ContentHash: claim.HashText(quote)}
	if _, err := db.SaveDocument(ctx, doc, []claim.Claim{c}); err != nil {
		t.Fatal(err)
	}
}

func TestTimeline(t *testing.T) {
	db := seedDB(t)
	out, errOut, code := runStoreCmd(t, true, nil, "timeline", "--db", db, "amazon web services", "revenue_run_rate")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	i1, i2, i3 := strings.Index(out, "2025-10-30"), strings.Index(out, "2025-11-02"), strings.Index(out, "2025-11-05")
	if i1 < 0 || i1 > i2 || i2 > i3 {
		t.Errorf("timeline not oldest first:\n%s", out)
	}
	if !strings.Contains(out, "cnbc.com") || !strings.Contains(out, ">$20.0B") {
		t.Errorf("timeline lacks sources or values:\n%s", out)
	}
	if _, _, code := runStoreCmd(t, false, nil, "timeline", "--db", db, "AWS"); code != 2 {
		t.Errorf("timeline with one argument: exit %d, want 2", code)
	}
	_, errOut, _ = runStoreCmd(t, false, nil, "timeline", "--db", db, "AWS", "capex")
	if !strings.Contains(errOut, "no capex claims") {
		t.Errorf("empty timeline stderr = %q", errOut)
	}
}
