package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"text/tabwriter"
	"time"

	"github.com/claimwire/claimwire/claim"
	"github.com/claimwire/claimwire/natsbus"
	"github.com/claimwire/claimwire/pipeline"
	"github.com/claimwire/claimwire/store"
)

func runSources(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet("sources", e)
	cfgPath := fs.String("config", defaultConfigPath, "configuration file")
	dbPath := fs.String("db", "", "database file (default: the config's db, else claimwire.db)")
	asJSON := fs.Bool("json", false, "print JSON lines instead of a table")
	var nf natsFlags
	nf.register(fs)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usageError{"sources takes no arguments"}
	}
	cfg, err := loadConfig(*cfgPath)
	if err != nil {
		return err
	}
	var saved stateLister
	if nf.url != "" {
		// the fleet's view: what fetch workers without a database recorded
		nf.resolve(e)
		opts := nf.options("claimwire-sources", nil)
		opts.NoSetup = true // reading: the bucket is the workers' to make
		conn, err := natsbus.Connect(ctx, nf.url, opts)
		if err != nil {
			return err
		}
		defer conn.Close()
		kv, err := conn.CrawlState(ctx)
		if err != nil {
			return err
		}
		saved = kv
	} else {
		db, err := store.Open(ctx, firstNonEmpty(*dbPath, cfg.db, "claimwire.db"))
		if err != nil {
			return err
		}
		defer db.Close()
		saved = db
	}
	states, err := sourceStates(ctx, saved, cfg.sources)
	if err != nil {
		return err
	}
	if *asJSON {
		enc := json.NewEncoder(e.stdout)
		for _, st := range states {
			if err := enc.Encode(st); err != nil {
				return err
			}
		}
		return nil
	}
	printSources(e.stdout, states, time.Now())
	return nil
}

// stateLister is where source states are kept: the database, or the bus's
// crawl-state bucket.
type stateLister interface {
	SourceStates(ctx context.Context) ([]claim.SourceState, error)
}

// sourceStates returns the state of every configured source, in config
// order; a source never checked has status "never".
func sourceStates(ctx context.Context, db stateLister, sources []pipeline.Source) ([]claim.SourceState, error) {
	saved, err := db.SourceStates(ctx)
	if err != nil {
		return nil, err
	}
	byName := map[string]claim.SourceState{}
	for _, st := range saved {
		byName[st.Name] = st
	}
	out := make([]claim.SourceState, 0, len(sources))
	for _, src := range sources {
		st, ok := byName[src.Name]
		if !ok {
			st = claim.SourceState{Name: src.Name, Status: "never"}
		}
		st.Kind = src.Kind
		out = append(out, st)
	}
	return out, nil
}

func printSources(w io.Writer, states []claim.SourceState, now time.Time) {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "NAME\tKIND\tSTATUS\tLAST CHECK\tNEXT CHECK\tERRORS\tDOCS\tCLAIMS\tLAST ERROR")
	for _, st := range states {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%d\t%d\t%d\t%s\n", st.Name, st.Kind, st.Status,
			when(st.LastCheck, now), when(st.NextCheck, now), st.ErrorCount, st.Documents, st.Claims, clip(st.LastError, 80))
	}
	tw.Flush()
}

// when prints a time with how far it is from now.
func when(t, now time.Time) string {
	if t.IsZero() {
		return "-"
	}
	d := t.Sub(now).Round(time.Second)
	rel := "in " + d.String()
	if d <= 0 {
		rel = (-d).String() + " ago"
	}
	return t.Local().Format("2006-01-02 15:04:05") + " (" + rel + ")"
}
