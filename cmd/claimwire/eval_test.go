package main

import (
	"strings"
	"testing"
)

func TestEval(t *testing.T) {
	code, out, errs := run(t, "", false, "eval", "testdata/evalgold", "--misses", "5")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) < 4 {
		t.Fatalf("output:\n%s", out)
	}
	tail := lines[len(lines)-4:]
	if !strings.HasPrefix(tail[0], "tier") || !strings.HasPrefix(tail[1], "figure") ||
		!strings.HasPrefix(tail[2], "claim") || !strings.HasPrefix(tail[3], "full") {
		t.Fatalf("last four lines are not the score table:\n%s", strings.Join(tail, "\n"))
	}
	// three gold claims (one more is hard), all found: every tier is perfect
	if !strings.Contains(out, "gold 3  predicted 3") || !strings.Contains(tail[2], "1.000   1.000  1.000") {
		t.Errorf("scores:\n%s", out)
	}
}

func TestEvalErrors(t *testing.T) {
	if code, _, errs := run(t, "", false, "eval", t.TempDir()); code != 1 || !strings.Contains(errs, "no documents") {
		t.Errorf("empty dir: exit %d, %q", code, errs)
	}
	if code, _, _ := run(t, "", false, "eval"); code != 2 {
		t.Errorf("no dir: exit %d, want 2", code)
	}
}
