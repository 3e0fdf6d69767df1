package main

import (
	"context"
	"encoding/csv"
	"fmt"
	"text/tabwriter"
)

// runTimeline prints a subject's metric over time, one line per claim with its
// source, oldest first.
func runTimeline(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet("timeline", e)
	dbPath := dbFlag(fs, e)
	format := fs.String("format", "", "table, jsonl or csv (default: table on a terminal, else jsonl)")
	fs.Usage = func() {
		fmt.Fprintln(e.stderr, "usage: claimwire timeline [--db PATH] [--format F] SUBJECT METRIC")
		fs.PrintDefaults()
	}
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 2 {
		return usageError{"timeline needs SUBJECT and METRIC, e.g. claimwire timeline AWS revenue_run_rate"}
	}
	metric, err := metricFlag(fs.Arg(1))
	if err != nil {
		return err
	}
	out, err := outputFormat(e, *format)
	if err != nil {
		return err
	}
	db, err := openExisting(ctx, *dbPath)
	if err != nil {
		return err
	}
	defer db.Close()
	points, err := db.Timeline(ctx, fs.Arg(0), metric)
	if err != nil {
		return err
	}
	if len(points) == 0 {
		fmt.Fprintf(e.stderr, "no %s claims for %s\n", metric, fs.Arg(0))
		return nil
	}
	switch out {
	case formatJSONL:
		return writeJSONL(e.stdout, points)
	case formatCSV:
		cw := csv.NewWriter(e.stdout)
		cw.Write(claimCSVHeader)
		for _, p := range points {
			cw.Write(claimCSVRow(p.Claim))
		}
		cw.Flush()
		return cw.Error()
	}
	tw := tabwriter.NewWriter(e.stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "PUBLISHED\tVALUE\tSEGMENT\tPERIOD\tMODALITY\tSOURCE\tQUOTE")
	for _, p := range points {
		c := p.Claim
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\n", dash(p.Published), valueCell(c), dash(c.Segment),
			dash(c.Period+basisSuffix(c.Basis)), c.Modality, host(c.Source.URL), clip(c.Quote, 70))
	}
	return tw.Flush()
}
