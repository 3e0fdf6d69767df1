package main

import (
	"context"
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/claimwire/claimwire/claim"
	"github.com/claimwire/claimwire/natsbus"
)

func TestClaimLine(t *testing.T) {
	at := time.Date(2026, 4, 30, 14, 2, 11, 0, time.Local)
	hi := 20e9
	tests := []struct {
		name string
		c    claim.Claim
		want string
	}{
		{"the issue's example", claim.Claim{Subject: "AWS", Metric: claim.RevenueRunRate, Value: 15e9, Unit: "USD", Qualifier: claim.MoreThan,
			Source: claim.Source{URL: "https://www.geekwire.com/2026/aws", Published: "2026-04-30T09:00:00Z"}},
			"14:02:11 AWS revenue_run_rate $15.0B (more than) — geekwire.com, 2026-04-30"},
		{"exact has no qualifier", claim.Claim{Subject: "Nvidia", Metric: claim.Revenue, Value: 57e9, Unit: "USD", Qualifier: claim.Exact, Period: "FY2026-Q3",
			Source: claim.Source{URL: "https://nvidianews.nvidia.com/q3", Published: "2025-11-19"}},
			"14:02:11 Nvidia revenue $57.0B FY2026-Q3 — nvidianews.nvidia.com, 2025-11-19"},
		{"segment and range", claim.Claim{Subject: "Microsoft", Segment: "Azure", Metric: claim.Capex, Value: 15e9, ValueMax: &hi, Unit: "USD", Qualifier: claim.Range,
			Source: claim.Source{URL: "https://example.com/x"}},
			"14:02:11 Microsoft Azure capex $15.0B–$20.0B (range) — example.com"},
		{"percent, at least", claim.Claim{Subject: "AWS", Metric: claim.Growth, Value: 20.2, Unit: claim.Percent, Qualifier: claim.AtLeast,
			Source: claim.Source{URL: "not a url"}},
			"14:02:11 AWS growth 20.2% (at least) — not a url"},
	}
	for _, tt := range tests {
		if got := claimLine(at, tt.c); got != tt.want {
			t.Errorf("%s:\n got %q\nwant %q", tt.name, got, tt.want)
		}
	}
}

func TestParseSince(t *testing.T) {
	now := time.Date(2026, 5, 1, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		in      string
		want    time.Time
		wantErr bool
	}{
		{"90m", now.Add(-90 * time.Minute), false},
		{"36h", now.Add(-36 * time.Hour), false},
		{"7d", now.AddDate(0, 0, -7), false},
		{"2026-04-30", time.Date(2026, 4, 30, 0, 0, 0, 0, time.Local), false},
		{"2026-04-30T10:00:00Z", time.Date(2026, 4, 30, 10, 0, 0, 0, time.UTC), false},
		{"-5m", time.Time{}, true},
		{"7 days", time.Time{}, true},
		{"2026-13-01", time.Time{}, true},
		{"", time.Time{}, true},
	}
	for _, tt := range tests {
		got, err := parseSince(tt.in, now)
		if (err != nil) != tt.wantErr || !got.Equal(tt.want) {
			t.Errorf("parseSince(%q) = %v, %v; want %v (error %v)", tt.in, got, err, tt.want, tt.wantErr)
		}
	}
}

func TestWatchCommand(t *testing.T) {
	h := newBusHarness(t, natsbus.Policy{})
	ctx := context.Background()
	_, claims := busDoc("https://example.com/watch", 4) // values 1e9 .. 4e9, subjects Company0..3
	if err := h.conn.PublishClaims(ctx, claims); err != nil {
		t.Fatal(err)
	}
	growth := claims[0]
	growth.Metric, growth.Value, growth.Unit = claim.Growth, 50, claim.Percent
	growth.SetID()
	if _, err := h.conn.PublishClaim(ctx, growth); err != nil {
		t.Fatal(err)
	}
	fc := claim.FactChange{After: claim.Fact{Key: "company3|revenue_run_rate", Subject: "Company3", Metric: claim.RevenueRunRate, Value: 4e9, Unit: "USD", Corroboration: 2},
		Before: &claim.Fact{Value: 4e9, Unit: "USD", Corroboration: 1}}
	if err := h.conn.PublishFactChanges(ctx, []claim.FactChange{fc}); err != nil {
		t.Fatal(err)
	}
	url := h.srv.ClientURL()

	tests := []struct {
		name string
		args []string
		want []string // substrings, one per expected line (claims and facts come from two streams: any order)
	}{
		{"json, metric and min value", []string{"--all", "--json", "--metric", "revenue_run_rate", "--min-value", "2.5e9"},
			[]string{`"subject":"Company2"`, `"subject":"Company3"`}},
		{"human, one subject, facts", []string{"--all", "--subject", "company3", "--facts"},
			[]string{"Company3 revenue_run_rate $4.0B 2026-Q1 — example.com, 2026-04-30", "fact Company3 revenue_run_rate $4.0B: 2 source(s) agree (was 1)"}},
		{"since the future: nothing", []string{"--since", "2100-01-01"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e, out, stderr := testEnv()
			wctx, cancel := context.WithCancel(ctx)
			done := make(chan int, 1)
			go func() { done <- Main(wctx, append([]string{"watch", "--nats", url}, tt.args...), e) }()
			waitFor(t, "the events", func() bool { return strings.Count(out.String(), "\n") >= len(tt.want) })
			time.Sleep(300 * time.Millisecond) // and nothing more
			cancel()
			if code := <-done; code != 0 {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			lines := strings.Split(strings.TrimSpace(out.String()), "\n")
			if out.String() == "" {
				lines = nil
			}
			if len(lines) != len(tt.want) {
				t.Fatalf("got %d lines, want %d:\n%s", len(lines), len(tt.want), out)
			}
			used := make([]bool, len(lines))
			for _, w := range tt.want {
				i := slices.IndexFunc(lines, func(l string) bool { return strings.Contains(l, w) })
				if i < 0 || used[i] {
					t.Errorf("no line contains %q:\n%s", w, out)
					continue
				}
				used[i] = true
				if strings.Contains(w, `"subject"`) {
					var c claim.Claim
					if err := json.Unmarshal([]byte(lines[i]), &c); err != nil || c.ID == "" {
						t.Errorf("line %d is not a claim: %v", i, err)
					}
				}
			}
		})
	}
}

func TestWatchRejectsBadFlags(t *testing.T) {
	for _, args := range [][]string{
		{"--metric", "revenu"},
		{"--since", "1h", "--all"},
		{"--since", "yesterday"},
		{"extra"},
	} {
		e, _, stderr := testEnv()
		if code := Main(context.Background(), append([]string{"watch"}, args...), e); code != 2 {
			t.Errorf("watch %v: exit %d, want 2 (%s)", args, code, stderr)
		}
	}
}
