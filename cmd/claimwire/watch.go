package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/claimwire/claimwire/claim"
	"github.com/claimwire/claimwire/natsbus"
)

// runWatch prints new-figure (and with --facts, fact-change) events as they
// arrive, or replays them with --since/--all.
func runWatch(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet("watch", e)
	var nf natsFlags
	nf.register(fs)
	subject := fs.String("subject", "", "only this subject (e.g. AWS)")
	metric := fs.String("metric", "", "only this metric (e.g. revenue_run_rate)")
	minValue := fs.Float64("min-value", math.Inf(-1), "only figures with a value at least this")
	since := fs.String("since", "", "replay events from DURATION ago (90m, 7d) or a DATE (2026-04-30, RFC 3339)")
	all := fs.Bool("all", false, "replay every retained event, then follow")
	facts := fs.Bool("facts", false, "also print fact-change events")
	asJSON := fs.Bool("json", false, "one JSON object per line (the claim schema)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usageError{"watch takes no arguments"}
	}
	o := natsbus.WatchOptions{Subject: *subject, Metric: claim.Metric(*metric), Facts: *facts, All: *all}
	if o.Metric != "" && !o.Metric.Valid() {
		return usageError{fmt.Sprintf("unknown metric %q", *metric)}
	}
	if *since != "" {
		if *all {
			return usageError{"--since and --all exclude each other"}
		}
		t, err := parseSince(*since, time.Now())
		if err != nil {
			return usageError{err.Error()}
		}
		o.Since = t
	}
	nf.resolve(e)
	if nf.url == "" {
		nf.url = "nats://127.0.0.1:4222"
	}
	log := slog.New(slog.NewTextHandler(e.stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	opts := nf.options("claimwire-watch", log)
	opts.NoSetup = true
	conn, err := natsbus.Connect(ctx, nf.url, opts)
	if err != nil {
		return err
	}
	defer conn.Close()
	p := eventPrinter{w: e.stdout, json: *asJSON, min: *minValue}
	return conn.Watch(ctx, o, p.print)
}

// parseSince reads "90m", "36h", "7d", "2026-04-30" or an RFC 3339 time.
func parseSince(s string, now time.Time) (time.Time, error) {
	if d, ok := strings.CutSuffix(s, "d"); ok {
		if n, err := strconv.Atoi(d); err == nil && n >= 0 {
			return now.AddDate(0, 0, -n), nil
		}
	}
	if d, err := time.ParseDuration(s); err == nil && d >= 0 {
		return now.Add(-d), nil
	}
	for _, layout := range []string{time.RFC3339, "2006-01-02T15:04", "2006-01-02"} {
		if t, err := time.ParseInLocation(layout, s, time.Local); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("--since %q: want a duration (90m, 7d) or a date (2026-04-30)", s)
}

type eventPrinter struct {
	w    io.Writer
	json bool
	min  float64
}

func (p eventPrinter) print(ev natsbus.Event) error {
	if ev.Claim != nil && ev.Claim.Value < p.min {
		return nil
	}
	if ev.Fact != nil && ev.Fact.After.Value < p.min {
		return nil
	}
	var err error
	switch {
	case p.json && ev.Claim != nil:
		err = json.NewEncoder(p.w).Encode(ev.Claim)
	case p.json:
		err = json.NewEncoder(p.w).Encode(struct {
			FactChange *claim.FactChange `json:"fact_change"`
		}{ev.Fact})
	case ev.Claim != nil:
		_, err = fmt.Fprintln(p.w, claimLine(ev.Time, *ev.Claim))
	default:
		_, err = fmt.Fprintln(p.w, factLine(ev.Time, *ev.Fact))
	}
	if err != nil && !errors.Is(err, context.Canceled) {
		return fmt.Errorf("write event: %w", err)
	}
	return nil
}

// claimLine is one figure for people:
// 14:02:11 AWS revenue_run_rate $15.0B (more than) — geekwire.com, 2026-04-30
// (times in the local zone).
func claimLine(at time.Time, c claim.Claim) string {
	var b strings.Builder
	b.WriteString(at.Local().Format("15:04:05") + " " + c.Subject + " ")
	if c.Segment != "" {
		b.WriteString(c.Segment + " ")
	}
	b.WriteString(string(c.Metric) + " " + claim.FormatValue(c))
	if c.Qualifier != "" && c.Qualifier != claim.Exact {
		b.WriteString(" (" + strings.ReplaceAll(string(c.Qualifier), "_", " ") + ")")
	}
	if c.Period != "" {
		b.WriteString(" " + c.Period)
	}
	b.WriteString(" — " + publisherName(c))
	if c.Source.Published != "" {
		b.WriteString(", " + c.Source.Published[:min(10, len(c.Source.Published))])
	}
	return b.String()
}

// publisherName is where the figure was read: the source's host.
func publisherName(c claim.Claim) string {
	u, err := url.Parse(c.Source.URL)
	if err != nil || u.Host == "" {
		return c.Source.URL
	}
	return strings.TrimPrefix(u.Hostname(), "www.")
}

// factLine: 14:02:11 fact AWS revenue_run_rate $15.0B: 3 sources agree (was 2)
func factLine(at time.Time, fc claim.FactChange) string {
	f := fc.After
	v := claim.FormatValue(claim.Claim{Value: f.Value, Unit: f.Unit})
	s := fmt.Sprintf("%s fact %s %s", at.Local().Format("15:04:05"), f.Subject, f.Metric)
	if f.Period != "" {
		s += " " + f.Period
	}
	s += fmt.Sprintf(" %s: %d source(s) agree", v, f.Corroboration)
	if f.Conflict {
		s += ", CONFLICT"
	}
	switch b := fc.Before; {
	case b == nil:
		s += " (new)"
	case b.Value != f.Value:
		s += " (was " + claim.FormatValue(claim.Claim{Value: b.Value, Unit: b.Unit}) + ")"
	case b.Corroboration != f.Corroboration:
		s += fmt.Sprintf(" (was %d)", b.Corroboration)
	}
	return s
}
