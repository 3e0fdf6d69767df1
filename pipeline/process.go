package pipeline

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/claimwire/claimwire/claim"
	"github.com/claimwire/claimwire/extractors"
)

// Job is one document to fetch and read.
type Job struct {
	Source string       // the source that found it (for its URL state)
	URL    string       //
	Meta   claim.Source // what is known before fetching: kind, title, published, form...
	XBRL   bool         // also read its inline XBRL facts
	// OnlyNew skips the document if it is stored already (a link a feed,
	// sitemap or page found); without it Process always asks, conditionally.
	OnlyNew bool
}

// Outcome says what Process did with a document.
type Outcome string

// Outcomes of Process.
const (
	Fetched     Outcome = "fetched"      // new or changed: read, extracted, saved
	Unchanged   Outcome = "unchanged"    // fetched, same bytes as before: not read again
	NotModified Outcome = "not_modified" // 304
	Failed      Outcome = "failed"
)

// Result is the outcome of one Process.
type Result struct {
	URL       string
	Outcome   Outcome
	Claims    int // claims extracted
	NewClaims int // of which the store had not seen before
	Err       error
}

// retryer is an error that knows when the server allows the next request
// (fetch.RetryError, from a 429 or 503 with Retry-After).
type retryer interface{ Until() time.Time }

// Process fetches job.URL (conditionally on its stored state) and, when the
// body is new or changed, reads it, extracts its claims and saves them. Its URL
// state is saved whatever happens, so a failure backs off and a success is not
// fetched again needlessly. The error is also in Result.Err.
func (c *Crawler) Process(ctx context.Context, job Job) (Result, error) {
	prev, err := c.urlState(ctx, job.URL)
	if err != nil {
		return Result{URL: job.URL, Outcome: Failed, Err: err}, err
	}
	prev.URL, prev.Source = job.URL, job.Source
	resp, err := c.Fetcher.Fetch(ctx, job.URL, prev)
	if err != nil {
		return c.fail(ctx, job.URL, prev, err)
	}
	res, err := c.read(ctx, job, prev, resp)
	if err != nil {
		return c.fail(ctx, job.URL, prev, err)
	}
	return res, nil
}

// read handles a successful response: skips what did not change, extracts
// and saves the rest, and records the new URL state.
func (c *Crawler) read(ctx context.Context, job Job, prev claim.URLState, resp *Response) (Result, error) {
	res := Result{URL: job.URL, Outcome: Fetched}
	next := c.succeeded(prev, resp)
	switch {
	case resp.NotModified:
		res.Outcome = NotModified
	case prev.ContentHash != "" && resp.Hash == prev.ContentHash:
		res.Outcome = Unchanged
	default:
		n, fresh, stateSaved, err := c.extract(ctx, job, resp, next)
		if err != nil {
			return res, err
		}
		res.Claims, res.NewClaims = n, fresh
		if stateSaved {
			return res, nil
		}
	}
	if err := c.saveState(ctx, next); err != nil {
		return res, err
	}
	return res, nil
}

// saveState saves a URL state without a document: with a StateSaver in the
// next group commit (a re-crawl of unchanged pages then costs a transaction
// per batch, not per page), else on its own.
func (c *Crawler) saveState(ctx context.Context, s claim.URLState) error {
	if ss, ok := c.Saver.(StateSaver); ok {
		_, err := c.group.save(ctx, ss, claim.Document{}, nil, s)
		return err
	}
	return c.Saver.SaveURLState(ctx, s)
}

// extract reads a fetched body into a document and its claims and saves them;
// with a StateSaver the URL state goes in the same transaction (stateSaved).
func (c *Crawler) extract(ctx context.Context, job Job, resp *Response, state claim.URLState) (claims, fresh int, stateSaved bool, err error) {
	meta := job.Meta
	meta.URL = orDefault(resp.FinalURL, job.URL)
	if meta.Kind == "" {
		meta.Kind = claim.KindArticle
	}
	doc, err := extractors.Read(resp.Body, meta)
	if err != nil {
		return 0, 0, false, fmt.Errorf("read %s: %w", meta.URL, err)
	}
	doc.FetchedAt = resp.FetchedAt
	found := extractors.Extract(doc)
	if job.XBRL && c.XBRL != nil {
		facts, err := c.XBRL(resp.Body, doc.Source)
		if err != nil {
			return 0, 0, false, fmt.Errorf("inline xbrl %s: %w", meta.URL, err)
		}
		found = append(dropRestatedRows(found, facts), facts...)
	}
	var saved claim.SaveResult
	if bs, ok := c.Saver.(BatchSaver); ok {
		_, stateSaved = bs.(StateSaver)
		saved, err = c.group.save(ctx, bs, doc, found, state)
	} else {
		saved, err = c.Saver.SaveDocument(ctx, doc, found)
	}
	if err != nil {
		return 0, 0, false, err
	}
	return len(found), len(saved.New), stateSaved, nil
}

// succeeded is the URL state after a successful fetch.
func (c *Crawler) succeeded(prev claim.URLState, resp *Response) claim.URLState {
	s := prev
	s.ETag, s.LastModified, s.ContentHash = resp.ETag, resp.LastModified, resp.Hash
	s.LastStatus = resp.Status
	s.Errors = 0
	s.FetchedAt = orDefault(resp.FetchedAt, c.now())
	s.NextCheck = time.Time{}
	return s
}

// fail records a failed fetch or read in the URL state (errors counted, next
// retry backed off or as the server asked) and returns it as the result.
func (c *Crawler) fail(ctx context.Context, url string, prev claim.URLState, err error) (Result, error) {
	res := Result{URL: url, Outcome: Failed, Err: err}
	if ctx.Err() != nil { // interrupted, not failed: leave the state for the next run
		return res, err
	}
	s := prev
	s.Errors++
	s.NextCheck = c.retryAt(s.Errors, err, 0)
	if serr := c.saveState(ctx, s); serr != nil {
		err = errors.Join(err, serr)
		res.Err = err
	}
	return res, err
}

// retryAt is when to try again after the n-th consecutive failure: when the
// server said (Retry-After), else an exponential backoff with jitter from
// BackoffBase (or the interval, if shorter) up to BackoffMax.
func (c *Crawler) retryAt(n int, err error, interval time.Duration) time.Time {
	now := c.now()
	var r retryer
	if errors.As(err, &r) && r.Until().After(now) {
		return r.Until()
	}
	base := orDefault(c.BackoffBase, DefaultBackoffBase)
	if interval > 0 && interval < base {
		base = interval
	}
	limit := orDefault(c.BackoffMax, DefaultBackoffMax)
	d := base << min(max(n-1, 0), 20)
	if d > limit || d <= 0 {
		d = limit
	}
	// Jitter in [0.8, 1.2) so sources failing together do not retry together.
	return now.Add(time.Duration(float64(d) * (0.8 + 0.4*c.jitter())))
}

func (c *Crawler) jitter() float64 {
	if c.Jitter != nil {
		return c.Jitter()
	}
	return rand.Float64()
}

// urlState returns the stored state of url, zero when there is none.
func (c *Crawler) urlState(ctx context.Context, url string) (claim.URLState, error) {
	s, err := c.Saver.URLState(ctx, url)
	if errors.Is(err, claim.ErrNotFound) {
		return claim.URLState{URL: url}, nil
	}
	return s, err
}
