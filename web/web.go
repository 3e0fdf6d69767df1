// Package web serves Claimwire's read-only HTTP API and the claims explorer page:
// JSON (and CSV) over the store's claims, facts, timelines and crawl state, a
// Server-Sent Events bridge from the new-figure events, health and readiness
// probes, Prometheus metrics, and the embedded HTML/CSS/JS page that uses them.
//
// It knows the store and the event bus only through the small interfaces below,
// declared here by their consumer; cmd/claimwire wires the real ones in.
package web

import (
	"context"
	"io/fs"
	"log/slog"
	"net/http"
	"runtime"
	"time"

	"github.com/claimwire/claimwire/claim"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// Store is what the API reads. *store.DB provides all of it except Subjects and
// MetricCounts, whose element types cmd adapts to SubjectCount and MetricCount.
type Store interface {
	FindClaims(ctx context.Context, f claim.Filter) ([]claim.Claim, string, error)
	Claim(ctx context.Context, id string) (claim.Claim, error)
	Document(ctx context.Context, url string) (claim.Document, error)
	DocumentClaims(ctx context.Context, url string) ([]claim.Claim, error)
	Facts(ctx context.Context, f claim.Filter) ([]claim.Fact, error)
	Fact(ctx context.Context, key string) (claim.Fact, error)
	Timeline(ctx context.Context, subject string, metric claim.Metric) ([]claim.TimelinePoint, error)
	Subjects(ctx context.Context) ([]SubjectCount, error)
	MetricCounts(ctx context.Context) ([]MetricCount, error)
	SourceStates(ctx context.Context) ([]claim.SourceState, error)
	Ping(ctx context.Context) error
}

// SubjectCount is one subject (its canonical name) with its other names and
// the number of claims stored about it.
type SubjectCount struct {
	Subject string   `json:"subject"`
	Aliases []string `json:"aliases,omitempty"`
	Claims  int      `json:"claims"`
}

// MetricCount is one metric with the number of claims stored for it.
type MetricCount struct {
	Metric claim.Metric `json:"metric"`
	Claims int          `json:"claims"`
}

// ClaimEvents delivers new-figure events in stream order. WatchClaims calls fn
// for every claim from startSeq on (0: only claims published from now on) and
// blocks until ctx is done or fn returns an error.
type ClaimEvents interface {
	WatchClaims(ctx context.Context, startSeq uint64, fn func(seq uint64, c claim.Claim) error) error
}

// Readier is implemented by an events source that can tell whether its server is
// reachable; /readyz asks it when Options.Events implements it.
type Readier interface {
	Ready() error
}

// Options configures the handler New returns. Store is required; everything
// else is optional.
type Options struct {
	Store    Store
	Events   ClaimEvents         // nil: /api/events answers 503, /readyz says "not configured"
	Metrics  *Metrics            // nil: HTTP metrics are not recorded
	Gatherer prometheus.Gatherer // nil: /metrics is not served
	// Token, when set, is required as "Authorization: Bearer <token>" (or the
	// claimwire_token cookie the page sets) on every /api route and /metrics.
	Token string
	// CORSOrigin, when set, is the one origin ("*" for any) allowed to read the
	// API from a browser on another origin. Empty: no CORS headers at all.
	CORSOrigin string
	Logger     *slog.Logger // nil: discard
	// KeepAlive is the interval of SSE comment lines that keep proxies from
	// closing an idle /api/events stream; 0 means 15s.
	KeepAlive time.Duration
	// ListingQueries is how many /api/claims store queries run at once; the
	// rest wait in arrival order (see queryGate). 0 means one per CPU, and
	// at least two, so that one slow search does not hold up every listing.
	ListingQueries int
}

// server holds the handlers' dependencies.
type server struct {
	store     Store
	events    ClaimEvents
	metrics   *Metrics
	log       *slog.Logger
	keepAlive time.Duration
	listings  queryGate
}

// New returns the whole HTTP surface: API, probes, metrics and the page, wrapped
// in the edge middleware (access log, metrics, panic recovery, request limits,
// CORS and authentication).
func New(o Options) http.Handler {
	s := &server{store: o.Store, events: o.Events, metrics: o.Metrics, log: o.Logger, keepAlive: o.KeepAlive}
	if s.log == nil {
		s.log = slog.New(slog.DiscardHandler)
	}
	if s.keepAlive <= 0 {
		s.keepAlive = 15 * time.Second
	}
	if o.ListingQueries <= 0 {
		o.ListingQueries = max(2, runtime.GOMAXPROCS(0))
	}
	s.listings = make(queryGate, o.ListingQueries)
	mux := http.NewServeMux()
	mux.HandleFunc("GET /api/claims", s.handleClaims)
	mux.HandleFunc("GET /api/claims/{id}", s.handleClaim)
	mux.HandleFunc("GET /api/facts", s.handleFacts)
	mux.HandleFunc("GET /api/facts/{key}", s.handleFact)
	mux.HandleFunc("GET /api/timeline", s.handleTimeline)
	mux.HandleFunc("GET /api/subjects", s.handleSubjects)
	mux.HandleFunc("GET /api/metrics", s.handleMetrics)
	mux.HandleFunc("GET /api/sources", s.handleSources)
	mux.HandleFunc("GET /api/events", s.handleEvents)
	mux.HandleFunc("/api/", func(w http.ResponseWriter, r *http.Request) {
		writeError(w, r, s.log, errNoRoute)
	})
	mux.HandleFunc("GET /healthz", s.handleHealthz)
	mux.HandleFunc("GET /readyz", s.handleReadyz)
	if o.Gatherer != nil {
		mux.Handle("GET /metrics", promhttp.HandlerFor(o.Gatherer, promhttp.HandlerOpts{}))
	}
	static, _ := fs.Sub(assets, "assets")
	mux.Handle("GET /assets/", http.StripPrefix("/assets/", http.FileServerFS(static)))
	mux.HandleFunc("GET /{$}", serveIndex)

	var h http.Handler = mux
	h = requireToken(h, o.Token, s.log)
	h = cors(h, o.CORSOrigin)
	h = limitRequest(h, s.log)
	h = recoverPanic(h, s.log)
	h = accessLog(h, s.log, s.metrics)
	return h
}
