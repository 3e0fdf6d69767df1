// Package pipeline is Claimwire's crawl: schedule → fetch → extract → save.
//
// A Source (a feed, a page, a sitemap or an EDGAR company) is checked by a
// Crawler: Check fetches the source's entry point, discovers the documents it
// points to, and hands each new one to Process, which fetches it (conditional
// GET), reads and extracts it and saves document and claims. Crawl state lives
// in the store, per source (last and next check, status, errors, counts) and
// per URL (ETag, Last-Modified, content hash, errors, next retry), so a restart
// resumes where it stopped and never fetches again what it already has; an
// unchanged body is never extracted twice.
//
// A Scheduler runs Check for every due source on a bounded pool of workers,
// once (Once) or until its context ends (Run).
//
// Check and Process are plain methods so other drivers reuse them: the NATS
// fetch worker calls Crawler.Process for a job it received, or Crawler.Check
// for a source the NATS scheduler published.
//
// The package reaches the outside world only through the small interfaces it
// declares here: Fetcher (HTTP), Formats (the feed, sitemap, page and EDGAR
// parsers) and Saver (crawl state and documents). cmd wires them to fetch and
// store.
package pipeline

import (
	"context"
	"log/slog"
	"regexp"
	"sync"
	"time"

	"github.com/claimwire/claimwire/claim"
)

// Source kinds.
const (
	KindFeed    = "feed"
	KindPage    = "page"
	KindSitemap = "sitemap"
	KindEDGAR   = "edgar"
)

// Source is one configured place to check.
type Source struct {
	Name     string
	Kind     string
	Interval time.Duration
	URL      string // feed, page, sitemap
	// Pattern selects links: for a page, the links followed as articles (nil:
	// the page itself is the document); for a feed or sitemap, the links kept
	// (nil: all).
	Pattern *regexp.Regexp

	// edgar
	CIK             string   // 10 digits
	Forms           []string // default 8-K, 10-Q, 10-K
	SubmissionsBase string   // https://data.sec.gov
	ArchivesBase    string   // https://www.sec.gov
	MaxFilings      int      // most recent filings considered per check (default 20)
}

// Response is what the Fetcher brings back for one URL.
type Response struct {
	URL, FinalURL string
	Status        int
	ContentType   string
	Body          []byte // UTF-8 for HTML and text
	NotModified   bool   // 304: nothing to read
	ETag          string
	LastModified  string
	Hash          string // of Body (the previous one when NotModified)
	FetchedAt     time.Time
}

// Fetcher gets one URL, conditionally on what is remembered of it.
type Fetcher interface {
	Fetch(ctx context.Context, url string, prev claim.URLState) (*Response, error)
}

// Link is a URL a feed, sitemap, page or filing index points at.
type Link struct {
	URL       string
	Title     string
	Published string // RFC 3339 or YYYY-MM-DD when known (item date, lastmod)
}

// Filing is one EDGAR filing as the submissions JSON lists it.
type Filing struct {
	CIK, Accession, Form string
	FilingDate           string // YYYY-MM-DD
	ReportDate           string
	IndexURL             string // the filing's index page
	Watermark            string // ordering key: later filings have larger ones
	PrimaryDocument      string // file name of the main document
	Items                string // 8-K items, comma-joined: "2.02,9.01"
	InlineXBRL           bool
}

// Document is one file of a filing chosen for reading.
type Document struct {
	URL  string
	Type string // 10-Q, 8-K, EX-99.1
}

// Formats parses what the Fetcher brings back. Everything here is pure.
type Formats interface {
	Feed(data []byte, base string) ([]Link, error)
	// Sitemap returns a sitemap's pages or, for an index, its child sitemaps.
	Sitemap(data []byte, base string) (pages, sitemaps []Link, err error)
	Links(page []byte, pageURL string, pattern *regexp.Regexp) ([]Link, error)

	SubmissionsURL(base, cik string) string
	// Filings returns the filings of the given forms, oldest first.
	Filings(submissions []byte, archivesBase, cik string, forms []string) ([]Filing, error)
	// FilingDocuments returns what to read of a filing, from its index page.
	FilingDocuments(f Filing, index []byte, indexURL string) ([]Document, error)
}

// Saver is the part of the store the crawl needs. A Saver that is also a
// BatchSaver gets its document saves grouped into batches.
type Saver interface {
	SaveDocument(ctx context.Context, doc claim.Document, claims []claim.Claim) (claim.SaveResult, error)
	SourceState(ctx context.Context, name string) (claim.SourceState, error)
	SaveSourceState(ctx context.Context, s claim.SourceState) error
	SourceStates(ctx context.Context) ([]claim.SourceState, error)
	URLState(ctx context.Context, url string) (claim.URLState, error)
	SaveURLState(ctx context.Context, s claim.URLState) error
}

// StateSaver is a BatchSaver that also writes each document's URL state in
// the document's own transaction: a crawled document then costs no commit of
// its own, and a crash cannot leave a saved document beside its URL's old
// state. A state saved without a document (unchanged, not modified, failed)
// comes with a zero Document and no claims.
type StateSaver interface {
	BatchSaver
	SaveBatchStates(ctx context.Context, docs []claim.Document, claims [][]claim.Claim,
		states []claim.URLState) ([]claim.SaveResult, error)
}

// XBRLFunc reads the inline XBRL facts of a filing document as claims.
type XBRLFunc func(raw []byte, meta claim.Source) ([]claim.Claim, error)

// Defaults of a Crawler.
const (
	DefaultConcurrency  = 4
	DefaultMaxDocuments = 5000
	DefaultMaxFilings   = 20
	DefaultBackoffBase  = time.Minute
	DefaultBackoffMax   = 6 * time.Hour
)

// Crawler checks sources and processes documents. Its fields are set once,
// before use; it is then safe for concurrent use.
type Crawler struct {
	Fetcher Fetcher
	Formats Formats
	Saver   Saver
	XBRL    XBRLFunc // nil: filings yield text claims only
	Log     *slog.Logger

	Concurrency  int // documents fetched at once within one check
	MaxDocuments int // documents processed per check at most
	BackoffBase  time.Duration
	BackoffMax   time.Duration
	Now          func() time.Time
	// Jitter returns a number in [0, 1); nil uses math/rand.
	Jitter func() float64
	// OnResult, if set, is called after each document a check processes
	// (from several goroutines at once), for progress displays.
	OnResult func(Job, Result)

	mu       sync.Mutex
	inflight map[string]bool // URLs being processed
	group    groupCommit
}

func (c *Crawler) now() time.Time {
	if c.Now != nil {
		return c.Now()
	}
	return time.Now()
}

func (c *Crawler) log() *slog.Logger {
	if c.Log != nil {
		return c.Log
	}
	return slog.New(slog.DiscardHandler)
}

func orDefault[T comparable](v, def T) T {
	var zero T
	if v == zero {
		return def
	}
	return v
}
