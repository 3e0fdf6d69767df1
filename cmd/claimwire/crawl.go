package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/claimwire/claimwire/fetch"
	"github.com/claimwire/claimwire/pipeline"
	"github.com/claimwire/claimwire/store"
)

// crawlOptions are the command-line choices of a crawl.
type crawlOptions struct {
	once, all, verbose bool
	db                 string
	grace              time.Duration
	only               string // comma-separated source names
}

func runCrawl(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet("crawl", e)
	cfgPath := fs.String("config", defaultConfigPath, "configuration file")
	var o crawlOptions
	fs.BoolVar(&o.once, "once", false, "check every due source once, print a summary and exit")
	fs.BoolVar(&o.all, "all", false, "with --once: check every source, due or not")
	fs.StringVar(&o.db, "db", "", "database file (default: the config's db, else claimwire.db)")
	fs.BoolVar(&o.verbose, "v", false, "log every check and document failure")
	fs.DurationVar(&o.grace, "grace", 30*time.Second, "on SIGINT/SIGTERM, how long checks in flight may go on")
	fs.StringVar(&o.only, "source", "", "check only these sources (comma-separated names)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usageError{"crawl takes no arguments"}
	}
	cfg, err := loadConfig(*cfgPath)
	if err != nil {
		return err
	}
	if cfg.sources, err = selectSources(cfg.sources, o.only); err != nil {
		return err
	}
	_, err = crawl(ctx, e, cfg, o)
	return err
}

// selectSources keeps the sources named in the comma-separated list only
// (all of them when it is empty).
func selectSources(sources []pipeline.Source, only string) ([]pipeline.Source, error) {
	if strings.TrimSpace(only) == "" {
		return sources, nil
	}
	var out []pipeline.Source
	for _, name := range strings.Split(only, ",") {
		name = strings.TrimSpace(name)
		i := slices.IndexFunc(sources, func(s pipeline.Source) bool { return s.Name == name })
		if i < 0 {
			return nil, usageError{fmt.Sprintf("--source %q: no such source in the configuration", name)}
		}
		out = append(out, sources[i])
	}
	return out, nil
}

// crawl opens the store and runs the configured sources, once or until ctx
// ends. It returns the store's path.
func crawl(ctx context.Context, e *env, cfg *config, o crawlOptions) (string, error) {
	path := firstNonEmpty(o.db, cfg.db, "claimwire.db")
	db, err := store.Open(ctx, path)
	if err != nil {
		return path, err
	}
	defer db.Close()
	level := slog.LevelWarn // --once prints its own summary
	if o.verbose || !o.once {
		level = slog.LevelInfo
	}
	log := slog.New(slog.NewTextHandler(e.stderr, &slog.HandlerOptions{Level: level}))
	client := fetch.New(cfg.fetch)
	if err := resolveTickers(ctx, cfg, client); err != nil {
		return path, err
	}
	sched := &pipeline.Scheduler{
		Crawler: newCrawler(cfg, client, db, log),
		Sources: cfg.sources,
		Workers: cfg.workers,
		All:     o.all,
		Grace:   o.grace,
	}
	if !o.once {
		sched.OnReport = func(r pipeline.Report) { logReport(log, r) }
		log.Info("crawling", "sources", len(cfg.sources), "db", path)
		return path, sched.Run(ctx)
	}
	p := &progress{w: e.stdout, terminal: e.isTerminal, total: len(cfg.sources)}
	sched.OnReport = p.report
	sched.Crawler.OnResult = p.result
	sched.OnStart = func(n int) { p.total = n }
	reports, err := sched.Once(ctx)
	p.finish()
	if err != nil {
		return path, err
	}
	return path, summarize(e.stdout, reports, !e.isTerminal)
}

func logReport(log *slog.Logger, r pipeline.Report) {
	attrs := []any{"source", r.Source, "fetched", r.Fetched, "unchanged", r.Unchanged + r.NotModified,
		"failed", r.Failed, "new_claims", r.NewClaims, "next_check", r.NextCheck.Format(time.RFC3339)}
	if r.Err != nil {
		log.Warn("source failed", append(attrs, "err", r.Err)...)
		return
	}
	log.Info("source checked", attrs...)
}

// progress shows, on a terminal, a bar over the sources with the documents
// done so far, and one line per finished source above it.
type progress struct {
	w        io.Writer
	terminal bool
	total    int

	mu           sync.Mutex
	done         int
	docs, failed int
}

func (p *progress) result(_ pipeline.Job, r pipeline.Result) {
	if !p.terminal {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.docs++
	if r.Outcome == pipeline.Failed {
		p.failed++
	}
	p.draw()
}

func (p *progress) report(r pipeline.Report) {
	if !p.terminal {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.done++
	fmt.Fprintf(p.w, "\r\033[K%s\n", reportLine(r))
	p.draw()
}

// finish clears the bar.
func (p *progress) finish() {
	if p.terminal {
		fmt.Fprint(p.w, "\r\033[K")
	}
}

func (p *progress) draw() {
	const width = 24
	filled := 0
	if p.total > 0 {
		filled = width * p.done / p.total
	}
	fmt.Fprintf(p.w, "\r\033[K[%s%s] %d/%d sources · %d documents · %d failed",
		strings.Repeat("█", filled), strings.Repeat("░", width-filled), p.done, p.total, p.docs, p.failed)
}

func reportLine(r pipeline.Report) string {
	s := fmt.Sprintf("%-20s %-7s %3d fetched, %3d stored already, %2d failed, %4d new claims",
		r.Source, r.Kind, r.Fetched, r.Unchanged+r.NotModified+r.Known, r.Failed, r.NewClaims)
	if r.Err != nil {
		s += "  ERROR " + r.Err.Error()
	} else if r.Failed > 0 && len(r.DocErrs) > 0 {
		s += "  first failure: " + r.DocErrs[0].Error()
	}
	return s
}

// summarize prints the totals of a --once run (and each source's line when
// no progress was shown) and fails when a source failed.
func summarize(w io.Writer, reports []pipeline.Report, lines bool) error {
	var fetched, unchanged, failed, claims, fresh int
	var bad []string
	for _, r := range reports {
		if lines {
			fmt.Fprintln(w, reportLine(r))
		}
		fetched += r.Fetched
		unchanged += r.Unchanged + r.NotModified + r.Known
		failed += r.Failed
		claims += r.Claims
		fresh += r.NewClaims
		if r.Err != nil {
			bad = append(bad, r.Source)
		}
	}
	fmt.Fprintf(w, "checked %d sources: %d documents fetched, %d stored already or unchanged, %d failed; %d claims extracted, %d new\n",
		len(reports), fetched, unchanged, failed, claims, fresh)
	if len(bad) > 0 {
		return fmt.Errorf("%d of %d sources failed: %s", len(bad), len(reports), strings.Join(bad, ", "))
	}
	return nil
}
