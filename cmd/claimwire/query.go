package main

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/claimwire/claimwire/claim"
	"github.com/claimwire/claimwire/store"
)

// runQuery prints the stored claims matching the filters.
func runQuery(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet("query", e)
	dbPath := dbFlag(fs, e)
	var f claim.Filter
	var metric, modality, minS, maxS, format string
	fs.StringVar(&f.Subject, "subject", "", "subject or any of its aliases (AWS, \"Amazon Web Services\")")
	fs.StringVar(&metric, "metric", "", "metric, e.g. revenue_run_rate")
	fs.StringVar(&f.Segment, "segment", "", "segment contains this text (case-insensitive)")
	fs.StringVar(&f.Since, "since", "", "published on or after `DATE` (YYYY-MM-DD)")
	fs.StringVar(&f.Until, "until", "", "published on or before `DATE` (YYYY-MM-DD)")
	fs.StringVar(&minS, "min", "", "value at least (15e9, 15B, $15 billion)")
	fs.StringVar(&maxS, "max", "", "value at most")
	fs.StringVar(&f.Source, "source", "", "publisher host (geekwire.com; subdomains match)")
	fs.StringVar(&f.Search, "search", "", "full-text search over quotes and titles")
	fs.StringVar(&modality, "modality", "", "actual, forecast or target")
	fs.IntVar(&f.Limit, "limit", 50, "at most this many claims")
	fs.StringVar(&f.Cursor, "cursor", "", "continue after a previous page (printed to stderr)")
	superseded := fs.Bool("superseded", false, "include claims a newer version of their document dropped")
	fs.StringVar(&format, "format", "", "table, jsonl or csv (default: table on a terminal, else jsonl)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usageError{fmt.Sprintf("query takes flags only, got %q", fs.Args())}
	}
	var err error
	if f.Metric, err = metricFlag(metric); err != nil {
		return err
	}
	if f.Modality, err = modalityFlag(modality); err != nil {
		return err
	}
	if f.Min, err = amountFlag("min", minS); err != nil {
		return err
	}
	if f.Max, err = amountFlag("max", maxS); err != nil {
		return err
	}
	if format, err = outputFormat(e, format); err != nil {
		return err
	}
	db, err := openExisting(ctx, *dbPath)
	if err != nil {
		return err
	}
	defer db.Close()
	claims, next, err := db.Find(ctx, store.Query{Filter: f, IncludeSuperseded: *superseded})
	if err != nil {
		return err
	}
	if err := writeClaims(e.stdout, format, claims); err != nil {
		return err
	}
	if next != "" {
		fmt.Fprintf(e.stderr, "more: --cursor %s\n", next)
	}
	if f.Search != "" && !db.FullText() {
		fmt.Fprintln(e.stderr, "note: built without FTS5 (-tags sqlite_fts5); --search used substring matching")
	}
	return nil
}

func metricFlag(s string) (claim.Metric, error) {
	m := claim.Metric(strings.TrimSpace(s))
	if m != "" && !m.Valid() {
		return "", usageError{fmt.Sprintf("unknown --metric %q (one of %v)", s, claim.Metrics)}
	}
	return m, nil
}

func modalityFlag(s string) (claim.Modality, error) {
	switch m := claim.Modality(s); m {
	case "", claim.Actual, claim.Forecast, claim.Target:
		return m, nil
	}
	return "", usageError{fmt.Sprintf("unknown --modality %q (actual, forecast or target)", s)}
}

// amountFlag parses a value bound: a plain number (15e9), or with a scale
// suffix or word (15B, 1.5k, "$15 billion", 500K); commas, $ and % are ignored.
func amountFlag(name, s string) (*float64, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil, nil
	}
	t := strings.ToLower(strings.NewReplacer("$", "", ",", "", "%", "", " ", "").Replace(s))
	scale := 1.0
	for _, sc := range []struct {
		suffix string
		mult   float64
	}{{"trillion", 1e12}, {"billion", 1e9}, {"million", 1e6}, {"thousand", 1e3},
		{"t", 1e12}, {"b", 1e9}, {"bn", 1e9}, {"m", 1e6}, {"k", 1e3}} {
		if strings.HasSuffix(t, sc.suffix) {
			t, scale = strings.TrimSuffix(t, sc.suffix), sc.mult
			break
		}
	}
	v, err := strconv.ParseFloat(t, 64)
	if err != nil {
		return nil, usageError{fmt.Sprintf("--%s %q: want a number like 15e9, 15B or \"$15 billion\"", name, s)}
	}
	v *= scale
	return &v, nil
}
