package main

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/claimwire/claimwire/claim"
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
