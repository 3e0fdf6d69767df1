package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"

	"github.com/claimwire/claimwire/natsbus"
	"github.com/claimwire/claimwire/store"
	"github.com/claimwire/claimwire/web"
)

// minTokenLen is the shortest bearer token accepted for a non-loopback bind:
// anything shorter is guessable.
const minTokenLen = 16

// runServe serves the HTTP API and the explorer page over a database, with the
// live feed when --nats (or $NATS_URL) names a server.
func runServe(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet("serve", e)
	addr := fs.String("addr", "127.0.0.1:8080", "listen `host:port`; a non-loopback address needs --token")
	db := dbFlag(fs, e)
	natsURL := fs.String("nats", "", "NATS server `URL` for the live feed (default $NATS_URL; none: no live feed)")
	creds := fs.String("nats-creds", "", "NATS credentials `file`")
	prefix := fs.String("nats-prefix", natsbus.DefaultPrefix, "NATS subject `prefix`")
	token := fs.String("token", "", "bearer `token` required on /api and /metrics (default $CLAIMWIRE_TOKEN)")
	corsOrigin := fs.String("cors", "", "allow this `origin` (or *) to read the API from a browser")
	verbose := fs.Bool("v", false, "log debug messages")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usageError{"serve takes no arguments"}
	}
	if *token == "" {
		*token = e.getenv("CLAIMWIRE_TOKEN")
	}
	if *natsURL == "" {
		*natsURL = e.getenv("NATS_URL")
	}
	if err := checkBind(*addr, *token); err != nil {
		return usageError{err.Error()}
	}
	level := slog.LevelInfo
	if *verbose {
		level = slog.LevelDebug
	}
	log := slog.New(slog.NewTextHandler(e.stderr, &slog.HandlerOptions{Level: level}))

	sdb, err := openExisting(ctx, *db)
	if err != nil {
		return err
	}
	defer sdb.Close()
	var events web.ClaimEvents
	if *natsURL != "" {
		conn, err := natsbus.Connect(ctx, *natsURL, natsbus.ConnOptions{
			Name: "claimwire-serve", CredsFile: *creds, Prefix: *prefix, Logger: log,
		})
		if err != nil {
			return err
		}
		defer conn.Close()
		events = natsEvents{conn}
	}
	h := newWebHandler(sdb, events, *token, *corsOrigin, log)
	return serveHTTP(ctx, *addr, h, log, func(url string) {
		fmt.Fprintf(e.stdout, "claimwire: serving %s on %s\n", *db, url)
	})
}

// newWebHandler is the API and page over db, with its own metrics registry.
func newWebHandler(db *store.DB, events web.ClaimEvents, token, corsOrigin string, log *slog.Logger) http.Handler {
	reg := prometheus.NewRegistry()
	reg.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return web.New(web.Options{
		Store: webStore{db}, Events: events, Metrics: web.NewMetrics(reg), Gatherer: reg,
		Token: token, CORSOrigin: corsOrigin, Logger: log,
	})
}

// checkBind refuses to expose the API beyond this machine without a token.
// An empty host (":8080") listens on every interface, so it counts as exposed.
func checkBind(addr, token string) error {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return fmt.Errorf("--addr %q: want host:port (%v)", addr, err)
	}
	if isLoopback(host) {
		return nil
	}
	if token == "" {
		return fmt.Errorf("--addr %s is reachable from other machines: set --token (or $CLAIMWIRE_TOKEN), or bind 127.0.0.1", addr)
	}
	if len(token) < minTokenLen {
		return fmt.Errorf("--token is %d characters; a server reachable from other machines needs at least %d", len(token), minTokenLen)
	}
	return nil
}

func isLoopback(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// serveHTTP listens on addr and serves h until ctx ends, then shuts down
// gracefully: open event streams are told to end (their requests' context is
// cancelled) and in-flight requests get up to 10s. ready is called with the
// URL once the listener is up (so ":0" reports the real port).
func serveHTTP(ctx context.Context, addr string, h http.Handler, log *slog.Logger, ready func(url string)) error {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("listen %s: %w", addr, err)
	}
	return serveListener(ctx, ln, h, log, ready)
}

// serveListener is serveHTTP on a listener the caller opened.
func serveListener(ctx context.Context, ln net.Listener, h http.Handler, log *slog.Logger, ready func(url string)) error {
	var err error
	base, cancelBase := context.WithCancel(context.WithoutCancel(ctx))
	defer cancelBase()
	srv := &http.Server{
		Handler:           h,
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       10 * time.Second,
		WriteTimeout:      60 * time.Second, // /api/events lifts it for its stream
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    16 << 10,
		BaseContext:       func(net.Listener) context.Context { return base },
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
	srv.RegisterOnShutdown(cancelBase)
	if ready != nil {
		ready("http://" + ln.Addr().String())
	}
	log.Info("http listening", "addr", ln.Addr().String())
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return fmt.Errorf("serve http: %w", err)
	case <-ctx.Done():
	}
	shutCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
	defer cancel()
	err = srv.Shutdown(shutCtx)
	if serveErr := <-errc; !errors.Is(serveErr, http.ErrServerClosed) {
		err = errors.Join(err, serveErr)
	}
	if err != nil {
		return fmt.Errorf("shut down http: %w", err)
	}
	return nil
}

// webStore adapts *store.DB to web.Store: only the catalogue lists differ in
// type (web does not import store).
type webStore struct{ *store.DB }

var _ web.Store = webStore{}

func (s webStore) Subjects(ctx context.Context) ([]web.SubjectCount, error) {
	subjects, err := s.DB.Subjects(ctx)
	out := make([]web.SubjectCount, len(subjects))
	for i, sc := range subjects {
		out[i] = web.SubjectCount{Subject: sc.Name, Aliases: sc.Aliases, Claims: sc.Claims}
	}
	return out, err
}

func (s webStore) MetricCounts(ctx context.Context) ([]web.MetricCount, error) {
	metrics, err := s.DB.MetricCounts(ctx)
	out := make([]web.MetricCount, len(metrics))
	for i, m := range metrics {
		out[i] = web.MetricCount{Metric: m.Metric, Claims: m.Claims}
	}
	return out, err
}

// natsEvents gives the NATS connection the readiness check /readyz asks for.
type natsEvents struct{ *natsbus.Conn }

var (
	_ web.ClaimEvents = natsEvents{}
	_ web.Readier     = natsEvents{}
)

// Ready reports whether the connection is up: nats.go reports no connected
// URL while it is disconnected or reconnecting.
func (n natsEvents) Ready() error {
	if n.ConnectedURL() == "" {
		return errors.New("nats: not connected")
	}
	return nil
}
