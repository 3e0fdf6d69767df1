// Package fetch is all of Claimwire's outbound HTTP, and the parsers of the
// formats it brings back.
//
// A Client is polite and careful: it names itself with a User-Agent carrying a
// contact, honours robots.txt (cached per host, Crawl-delay included), keeps a
// rate limit per host and one shared limit for SEC EDGAR, asks with conditional
// GET, follows at most five redirects, caps and decodes bodies (gzip, charset to
// UTF-8) and refuses, at dial time, to connect to loopback, private, link-local
// or metadata addresses unless told otherwise. It knows nothing of claims or
// schedules: the caller decides what to fetch and when.
//
// The parsers (ParseFeed, ParseSitemap, ParseLinks and the EDGAR ones) know only
// formats: bytes in, links out, no I/O.
package fetch

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"

	"golang.org/x/time/rate"

	"github.com/claimwire/claimwire/claim"
)

// Defaults of Options.
const (
	DefaultMaxBytes       = 15 << 20
	DefaultTimeout        = 60 * time.Second
	DefaultConnectTimeout = 10 * time.Second
	DefaultHostRate       = rate.Limit(1)
	DefaultEDGARRate      = rate.Limit(10) // SEC's published fair-access limit
	DefaultMaxCrawlDelay  = 30 * time.Second
	DefaultRobotsTTL      = 24 * time.Hour
	MaxRedirects          = 5
)

// Options configure a Client; zero fields take the defaults above.
type Options struct {
	// UserAgent names the crawler and how to reach its operator, for example
	// "Claimwire/0.1 (ops@example.com)". EDGAR refuses anonymous clients.
	UserAgent string

	Timeout        time.Duration // whole request, body included
	ConnectTimeout time.Duration // TCP connect
	MaxBytes       int64         // decoded body cap; over it Fetch fails with claim.ErrTooLarge

	// HostRate is requests per second to one host (rate.Inf lifts it). EDGAR
	// hosts are held to the shared EDGAR limit instead.
	HostRate  rate.Limit
	HostBurst int
	// EDGARLimiter, when set, is shared with other clients so the process as a
	// whole stays under SEC's limit; otherwise the client makes one at EDGARRate.
	EDGARLimiter *rate.Limiter
	EDGARRate    rate.Limit
	EDGARHosts   []string // extra hosts (host or host:port) that count as EDGAR besides *.sec.gov

	IgnoreRobots  bool          // only for tests of other rules
	MaxCrawlDelay time.Duration // a robots.txt Crawl-delay above this is capped
	RobotsTTL     time.Duration

	// The SSRF guard refuses these address classes unless allowed here.
	AllowLoopback bool
	AllowPrivate  bool     // private and link-local ranges (never the metadata address)
	AllowAddrs    []string // exact "ip:port" pairs allowed whatever their class (tests)

	Now func() time.Time // the clock, for Retry-After dates and FetchedAt
}

// Client fetches URLs politely. It is safe for concurrent use; share one per
// process so the per-host and EDGAR limits hold across workers.
type Client struct {
	opts  Options
	http  *http.Client
	edgar *rate.Limiter

	mu    sync.Mutex
	hosts map[string]*host
}

// Response is one fetched URL.
type Response struct {
	URL          string      // as requested
	FinalURL     string      // after redirects
	Status       int         // 200, or 304 when NotModified
	Header       http.Header //
	ContentType  string      //
	Charset      string      // the encoding the body was decoded from, for HTML and text
	Body         []byte      // UTF-8 for HTML and text; as served for XML and JSON
	NotModified  bool        // 304: the caller's copy is current, Body is empty
	ETag         string      //
	LastModified string      //
	Hash         string      // hex sha256 of Body; the previous hash when NotModified
	FetchedAt    time.Time   //
}

// Errors a Fetch can return (wrapped; test with errors.Is / errors.As).
var (
	ErrDisallowed = errors.New("disallowed by robots.txt")
	ErrBlocked    = errors.New("address blocked by the SSRF guard")
	ErrRedirects  = errors.New("too many redirects")
)

// RetryError is a 429 or 503: the server asked to be left alone until RetryAt
// (zero when it did not say).
type RetryError struct {
	URL     string
	Status  int
	RetryAt time.Time
}

func (e *RetryError) Error() string {
	if e.RetryAt.IsZero() {
		return fmt.Sprintf("%s: status %d", e.URL, e.Status)
	}
	return fmt.Sprintf("%s: status %d, retry after %s", e.URL, e.Status, e.RetryAt.UTC().Format(time.RFC3339))
}

// Until returns when the server allows the next request (zero: unknown). It
// lets a scheduler that does not import this package honour Retry-After.
func (e *RetryError) Until() time.Time { return e.RetryAt }

// StatusError is any other unexpected HTTP status.
type StatusError struct {
	URL    string
	Status int
}

func (e *StatusError) Error() string { return fmt.Sprintf("%s: status %d", e.URL, e.Status) }

// New returns a Client with opts, defaults filled in.
func New(opts Options) *Client {
	if opts.UserAgent == "" {
		opts.UserAgent = "Claimwire/0.1"
	}
	if opts.Timeout <= 0 {
		opts.Timeout = DefaultTimeout
	}
	if opts.ConnectTimeout <= 0 {
		opts.ConnectTimeout = DefaultConnectTimeout
	}
	if opts.MaxBytes <= 0 {
		opts.MaxBytes = DefaultMaxBytes
	}
	if opts.HostRate == 0 {
		opts.HostRate = DefaultHostRate
	}
	if opts.HostBurst <= 0 {
		opts.HostBurst = 1
	}
	if opts.EDGARRate == 0 || opts.EDGARRate > DefaultEDGARRate {
		opts.EDGARRate = DefaultEDGARRate
	}
	if opts.MaxCrawlDelay <= 0 {
		opts.MaxCrawlDelay = DefaultMaxCrawlDelay
	}
	if opts.RobotsTTL <= 0 {
		opts.RobotsTTL = DefaultRobotsTTL
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	c := &Client{opts: opts, hosts: map[string]*host{}, edgar: opts.EDGARLimiter}
	if c.edgar == nil {
		c.edgar = rate.NewLimiter(opts.EDGARRate, 1)
	}
	c.http = &http.Client{
		Transport:     newTransport(opts),
		CheckRedirect: c.checkRedirect,
	}
	return c
}

// Fetch gets rawURL, conditionally on prev (its ETag and Last-Modified), after
// robots.txt and the rate limits allow it. A 304 comes back as NotModified.
func (c *Client) Fetch(ctx context.Context, rawURL string, prev claim.URLState) (*Response, error) {
	u, err := parseURL(rawURL)
	if err != nil {
		return nil, err
	}
	// Waiting for robots.txt and the rate limits is not part of the timeout:
	// a polite queue behind a long Crawl-delay is not a slow server.
	if err := c.admit(ctx, u); err != nil {
		return nil, fmt.Errorf("fetch %s: %w", rawURL, err)
	}
	ctx, cancel := context.WithTimeout(ctx, c.opts.Timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, fmt.Errorf("fetch %s: %w", rawURL, err)
	}
	req.Header.Set("User-Agent", c.opts.UserAgent)
	req.Header.Set("Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,application/json;q=0.9,*/*;q=0.8")
	if prev.ETag != "" {
		req.Header.Set("If-None-Match", prev.ETag)
	}
	if prev.LastModified != "" {
		req.Header.Set("If-Modified-Since", prev.LastModified)
	}
	resp, err := c.http.Do(req)
	if err != nil {
		return nil, fmt.Errorf("fetch %s: %w", rawURL, err)
	}
	defer resp.Body.Close()
	return c.read(resp, rawURL, prev)
}

// read turns an HTTP response into a Response or an error.
func (c *Client) read(resp *http.Response, rawURL string, prev claim.URLState) (*Response, error) {
	r := &Response{
		URL: rawURL, FinalURL: resp.Request.URL.String(), Status: resp.StatusCode,
		Header: resp.Header, ContentType: resp.Header.Get("Content-Type"),
		ETag: resp.Header.Get("ETag"), LastModified: resp.Header.Get("Last-Modified"),
		FetchedAt: c.opts.Now(),
	}
	switch {
	case resp.StatusCode == http.StatusNotModified:
		r.NotModified, r.Hash = true, prev.ContentHash
		if r.ETag == "" {
			r.ETag = prev.ETag
		}
		if r.LastModified == "" {
			r.LastModified = prev.LastModified
		}
		return r, nil
	case resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode == http.StatusServiceUnavailable:
		return nil, &RetryError{URL: rawURL, Status: resp.StatusCode, RetryAt: retryAfter(resp.Header.Get("Retry-After"), r.FetchedAt)}
	case resp.StatusCode < 200 || resp.StatusCode > 299:
		return nil, &StatusError{URL: rawURL, Status: resp.StatusCode}
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, c.opts.MaxBytes+1))
	if err != nil {
		return nil, fmt.Errorf("fetch %s: read body: %w", rawURL, err)
	}
	if int64(len(body)) > c.opts.MaxBytes {
		return nil, fmt.Errorf("fetch %s: body over %d bytes: %w", rawURL, c.opts.MaxBytes, claim.ErrTooLarge)
	}
	r.Body, r.Charset = decode(body, r.ContentType)
	sum := sha256.Sum256(r.Body)
	r.Hash = hex.EncodeToString(sum[:])
	return r, nil
}

// checkRedirect caps redirects and holds each hop to robots.txt and the limits.
func (c *Client) checkRedirect(req *http.Request, via []*http.Request) error {
	if len(via) > MaxRedirects {
		return fmt.Errorf("%w: more than %d", ErrRedirects, MaxRedirects)
	}
	if req.URL.Scheme != "http" && req.URL.Scheme != "https" {
		return fmt.Errorf("redirect to %s: %w", req.URL, claim.ErrInvalid)
	}
	return c.admit(req.Context(), req.URL)
}

// retryAfter reads a Retry-After header: seconds or an HTTP date.
func retryAfter(v string, now time.Time) time.Time {
	v = strings.TrimSpace(v)
	if v == "" {
		return time.Time{}
	}
	if s, err := strconv.Atoi(v); err == nil && s >= 0 {
		return now.Add(time.Duration(s) * time.Second)
	}
	if t, err := http.ParseTime(v); err == nil {
		return t
	}
	return time.Time{}
}

func parseURL(raw string) (*url.URL, error) {
	u, err := url.Parse(raw)
	if err != nil {
		return nil, fmt.Errorf("fetch %q: %w", raw, err)
	}
	if (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("fetch %q: not an http(s) URL: %w", raw, claim.ErrInvalid)
	}
	u.Fragment = ""
	return u, nil
}
