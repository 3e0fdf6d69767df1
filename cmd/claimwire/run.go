package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/claimwire/claimwire/natsbus"
	"github.com/claimwire/claimwire/pipeline"
	"github.com/claimwire/claimwire/store"
)

// The pipeline roles a process can run.
const (
	roleScheduler = "scheduler"
	roleFetch     = "fetch"
	roleStore     = "store"
)

var allRoles = []string{roleScheduler, roleFetch, roleStore}

// busFlags are the flags of run and worker.
type busFlags struct {
	nats       natsFlags
	data       string
	config     string
	db         string
	roles      string
	listen     string
	writer     string
	workers    int
	ackWait    time.Duration
	maxDeliver int
	verbose    bool
	http       string // HTTP API and page address; "" serves none
	httpToken  string
}

func (b *busFlags) register(fs *flag.FlagSet, e *env, defaultRoles string) {
	b.nats.register(fs)
	fs.StringVar(&b.data, "data", "claimwire-data", "data `directory` of the embedded NATS server")
	fs.StringVar(&b.config, "config", "", "sources configuration `file` for the scheduler and fetch roles (default ./claimwire.yaml if present)")
	fs.StringVar(&b.db, "db", e.getenv("CLAIMWIRE_DB"), "SQLite database `path` (default $CLAIMWIRE_DB, else the config's db, else ./claimwire.db: where query and serve look)")
	fs.StringVar(&b.roles, "role", defaultRoles, "roles to run, comma-separated: scheduler,fetch,store")
	fs.StringVar(&b.listen, "listen", "127.0.0.1:4222", "embedded NATS listen `host:port` (the next free port if taken)")
	fs.StringVar(&b.writer, "writer", "main", "store writer `name`: one per database (a replica uses its own)")
	fs.IntVar(&b.workers, "workers", 4, "fetch jobs worked on at once")
	fs.DurationVar(&b.ackWait, "ack-wait", 30*time.Second, "redeliver a job after this long without a sign of life")
	fs.IntVar(&b.maxDeliver, "max-deliver", 5, "attempts before a job or document is given up as a dead letter")
	fs.BoolVar(&b.verbose, "v", false, "log debug messages")
	defaultHTTP := ""
	if strings.Contains(defaultRoles, roleStore) {
		defaultHTTP = "127.0.0.1:8080" // run: the page comes with the pipeline
	}
	fs.StringVar(&b.http, "http", defaultHTTP, "serve the HTTP API and explorer page on `host:port` (the next free port if taken; \"\" for none; needs a database)")
	fs.StringVar(&b.httpToken, "http-token", e.getenv("CLAIMWIRE_TOKEN"), "bearer `token` for the HTTP API (default $CLAIMWIRE_TOKEN); required off loopback")
}

// parseRoles checks a comma-separated role list.
func parseRoles(s string) ([]string, error) {
	var roles []string
	for r := range strings.SplitSeq(s, ",") {
		r = strings.TrimSpace(r)
		if r == "" {
			continue
		}
		if !slices.Contains(allRoles, r) {
			return nil, usageError{fmt.Sprintf("unknown role %q (want scheduler, fetch or store)", r)}
		}
		if !slices.Contains(roles, r) {
			roles = append(roles, r)
		}
	}
	if len(roles) == 0 {
		return nil, usageError{"no role given (want scheduler, fetch and/or store)"}
	}
	return roles, nil
}

// runRun runs the whole pipeline in one process: on an embedded NATS server
// unless --nats or $NATS_URL names one.
func runRun(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet("run", e)
	var b busFlags
	b.register(fs, e, strings.Join(allRoles, ","))
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usageError{"run takes no arguments"}
	}
	b.nats.resolve(e)
	return runBus(ctx, e, b, b.nats.url == "")
}

// runWorker runs some roles against an external NATS server.
func runWorker(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet("worker", e)
	var b busFlags
	b.register(fs, e, "")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usageError{"worker takes no arguments"}
	}
	b.nats.resolve(e)
	if b.nats.url == "" {
		return usageError{"worker needs --nats URL (or $NATS_URL); `claimwire run` embeds a server"}
	}
	return runBus(ctx, e, b, false)
}

// runBus connects (starting the embedded server if asked) and runs the roles
// until ctx ends; then in-flight work finishes or is nak'd, the connection is
// drained, the database closed and the embedded server shut down, in that order.
func runBus(ctx context.Context, e *env, b busFlags, embedded bool) error {
	roles, err := parseRoles(b.roles)
	if err != nil {
		return err
	}
	level := slog.LevelInfo
	if b.verbose {
		level = slog.LevelDebug
	}
	log := slog.New(slog.NewTextHandler(e.stderr, &slog.HandlerOptions{Level: level}))
	opts := b.nats.options("claimwire-"+strings.Join(roles, "-"), log)
	opts.Policy = natsbus.Policy{AckWait: b.ackWait, MaxDeliver: b.maxDeliver}
	url := b.nats.url
	if embedded {
		srv, err := startEmbedded(ctx, b, log)
		if err != nil {
			return err
		}
		defer srv.Shutdown()
		url = srv.ClientURL()
		fmt.Fprintf(e.stdout, "claimwire: embedded NATS listening on %s (claimwire watch --nats %s)\n", url, url)
		opts.Server = srv
	}
	conn, err := connectRetry(ctx, url, opts, log)
	if err != nil {
		if ctx.Err() != nil {
			return nil // stopped while waiting for the server
		}
		return err
	}
	defer conn.Close()
	return runRoles(ctx, b, roles, conn, log)
}

// connectRetry connects, retrying while the server is not up yet (a worker
// started before its NATS server, as containers are) until ctx ends.
func connectRetry(ctx context.Context, url string, opts natsbus.ConnOptions, log *slog.Logger) (*natsbus.Conn, error) {
	wait := 250 * time.Millisecond
	for {
		conn, err := natsbus.Connect(ctx, url, opts)
		if err == nil || ctx.Err() != nil {
			return conn, err
		}
		log.Warn("nats not reachable, retrying", "url", url, "err", err, "wait", wait)
		select {
		case <-ctx.Done():
			return nil, err
		case <-time.After(wait):
		}
		wait = min(wait*2, 5*time.Second)
	}
}

func startEmbedded(ctx context.Context, b busFlags, log *slog.Logger) (*natsbus.Server, error) {
	host, portText, err := splitListen(b.listen)
	if err != nil {
		return nil, err
	}
	port, _ := strconv.Atoi(portText)
	dir := filepath.Join(b.data, "nats")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("data directory: %w", err)
	}
	return natsbus.StartEmbedded(ctx, natsbus.EmbeddedOptions{StoreDir: dir, Host: host, Port: port, Logger: log})
}

func splitListen(s string) (host, port string, err error) {
	i := strings.LastIndexByte(s, ':')
	if i < 0 {
		return "", "", usageError{fmt.Sprintf("--listen %q: want host:port", s)}
	}
	host, port = s[:i], s[i+1:]
	if n, err := strconv.Atoi(port); err != nil || n < 0 || n > 65535 {
		return "", "", usageError{fmt.Sprintf("--listen %q: bad port", s)}
	}
	if host == "" {
		host = "0.0.0.0"
	}
	return host, port, nil
}

// runRoles starts each role in its own goroutine and waits for all; the first
// to fail stops the others.
func runRoles(ctx context.Context, b busFlags, roles []string, conn *natsbus.Conn, log *slog.Logger) error {
	cfg := &config{}
	if slices.Contains(roles, roleScheduler) || slices.Contains(roles, roleFetch) {
		var err error
		if cfg, err = busConfig(b.config); err != nil {
			return err
		}
	}
	var db *store.DB
	if slices.Contains(roles, roleStore) || slices.Contains(roles, roleScheduler) || b.db != "" {
		path := firstNonEmpty(b.db, cfg.db, "claimwire.db")
		var err error
		// the store role publishes fact changes: keep them until it has
		if db, err = store.Open(ctx, path, store.WithFactOutbox()); err != nil {
			return err
		}
		defer db.Close()
	}
	runners, err := buildRoles(ctx, b, cfg, roles, conn, db, log)
	if err != nil {
		return err
	}
	if b.http != "" && db != nil {
		serve, err := busHTTP(b, conn, db, log)
		if err != nil {
			return err
		}
		runners = append(runners, serve)
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	errs := make([]error, len(runners))
	var wg sync.WaitGroup
	for i, run := range runners {
		wg.Go(func() {
			if errs[i] = run(ctx); errs[i] != nil {
				cancel()
			}
		})
	}
	wg.Wait()
	return errors.Join(errs...)
}

// buildRoles wires each role to the bus, the database and the crawl.
func buildRoles(ctx context.Context, b busFlags, cfg *config, roles []string, conn *natsbus.Conn, db *store.DB, log *slog.Logger) ([]func(context.Context) error, error) {
	host, _ := os.Hostname()
	var runners []func(context.Context) error
	for _, r := range roles {
		rlog := log.With("role", r)
		if r != roleStore && len(cfg.sources) == 0 {
			rlog.Warn("no sources configured (--config): role idle")
			continue
		}
		switch r {
		case roleStore:
			w := &pipeline.StoreWriter{Name: b.writer, Docs: conn, Store: db, Batch: crawlDB{db}, Events: conn, Log: rlog}
			runners = append(runners, w.Run)
		case roleScheduler:
			s := &pipeline.BusScheduler{
				Jobs: conn, Lease: conn, Holder: fmt.Sprintf("%s/%d", host, os.Getpid()),
				Schedule: pipeline.SourceSchedule{Sources: cfg.sources, State: db}, Log: rlog,
			}
			runners = append(runners, s.Run)
		case roleFetch:
			// Crawl state lives in the database when this process has one,
			// else in the bus's key-value bucket, shared by remote workers.
			var state pipeline.CrawlState
			var dead pipeline.DeadLetters
			if db != nil {
				state, dead = db, db
			} else {
				kv, err := conn.CrawlState(ctx)
				if err != nil {
					return nil, err
				}
				state = kv
			}
			crawler, err := busCrawler(ctx, cfg, pipeline.BusSaver{CrawlState: state, Docs: conn}, rlog)
			if err != nil {
				return nil, err
			}
			f := &pipeline.BusFetcher{Jobs: conn, Crawl: crawler, Sources: cfg.sources, Dead: dead, Workers: b.workers, Log: rlog}
			runners = append(runners, f.Run)
		}
	}
	return runners, nil
}

// Compile-time proof that the bus and the store fit the pipeline's interfaces.
var (
	_ pipeline.JobQueue       = (*natsbus.Conn)(nil)
	_ pipeline.DocStream      = (*natsbus.Conn)(nil)
	_ pipeline.DocBatchStream = (*natsbus.Conn)(nil)
	_ pipeline.EventPublisher = (*natsbus.Conn)(nil)
	_ pipeline.Leaser         = (*natsbus.Conn)(nil)
	_ pipeline.EventStore     = (*store.DB)(nil)
	_ pipeline.CrawlState     = (*store.DB)(nil)
	_ pipeline.FactOutbox     = (*store.DB)(nil)
)
