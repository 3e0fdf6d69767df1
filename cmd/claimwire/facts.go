package main

import (
	"context"
	"fmt"

	"github.com/claimwire/claimwire/claim"
	"github.com/claimwire/claimwire/store"
)

// runFacts lists facts (claims of the same subject, metric, segment, period,
// basis, unit, modality and, when they name one, counterparty) with how many
// independent sources agree and whether any disagree;
// --key shows one fact with its agreeing and conflicting claims.
func runFacts(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet("facts", e)
	dbPath := dbFlag(fs, e)
	var q store.FactQuery
	var metric, format string
	fs.StringVar(&q.Subject, "subject", "", "subject or any of its aliases")
	fs.StringVar(&metric, "metric", "", "metric, e.g. revenue_run_rate")
	fs.StringVar(&q.Segment, "segment", "", "segment contains this text")
	fs.BoolVar(&q.ConflictsOnly, "conflicts", false, "only facts that independent sources disagree on")
	fs.IntVar(&q.MinCorroboration, "min-corroboration", 0, "only facts at least this many independent sources agree on")
	fs.IntVar(&q.Limit, "limit", 100, "at most this many facts")
	key := fs.String("key", "", "show one fact (KEY column) with its agreeing and conflicting claims")
	fs.StringVar(&format, "format", "", "table, jsonl or csv (default: table on a terminal, else jsonl)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usageError{fmt.Sprintf("facts takes flags only, got %q", fs.Args())}
	}
	var err error
	if q.Metric, err = metricFlag(metric); err != nil {
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
	if *key != "" {
		f, err := db.Fact(ctx, *key)
		if err != nil {
			return err
		}
		return writeFact(ctx, e, db, format, f)
	}
	facts, err := db.FindFacts(ctx, q)
	if err != nil {
		return err
	}
	modality, err := modalities(ctx, db, format, facts)
	if err != nil {
		return err
	}
	return writeFacts(e.stdout, format, facts, modality)
}

// modalities looks up the facts' modalities for a table (other formats are
// the claim.Fact schema as it is).
func modalities(ctx context.Context, db *store.DB, format string, facts []claim.Fact) (map[string]claim.Modality, error) {
	if format != formatTable {
		return nil, nil
	}
	keys := make([]string, len(facts))
	for i, f := range facts {
		keys[i] = f.Key
	}
	return db.FactModalities(ctx, keys)
}

// writeFact prints one fact: its line, then its claims in two groups.
func writeFact(ctx context.Context, e *env, db *store.DB, format string, f claim.Fact) error {
	if format == formatJSONL {
		return writeJSONL(e.stdout, []claim.Fact{f})
	}
	agreeing, conflicting := f.Agreeing, f.Conflicting
	f.Agreeing, f.Conflicting = nil, nil
	modality, err := modalities(ctx, db, format, []claim.Fact{f})
	if err != nil {
		return err
	}
	if err := writeFacts(e.stdout, format, []claim.Fact{f}, modality); err != nil {
		return err
	}
	for _, group := range []struct {
		name   string
		claims []claim.Claim
	}{{"agreeing", agreeing}, {"conflicting", conflicting}} {
		if len(group.claims) == 0 {
			continue
		}
		fmt.Fprintf(e.stdout, "\n%s (%d):\n", group.name, len(group.claims))
		if err := writeClaims(e.stdout, format, group.claims); err != nil {
			return err
		}
	}
	return nil
}
