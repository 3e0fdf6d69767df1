package pipeline

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/claimwire/claimwire/claim"
)

// Report is what one Check of a source did.
type Report struct {
	Source  string
	Kind    string
	Checked time.Time
	// Documents by outcome; Known were skipped before fetching (already have
	// them), Deferred were skipped because their retry time has not come.
	Fetched, Unchanged, NotModified, Failed, Known, Deferred int
	Claims, NewClaims                                        int
	Err                                                      error   // the source itself failed (entry point, parse)
	DocErrs                                                  []error // documents that failed (first few)
	NextCheck                                                time.Time
}

// maxDocErrs is how many document errors a Report keeps.
const maxDocErrs = 5

func (r *Report) add(res Result) {
	switch res.Outcome {
	case Fetched:
		r.Fetched++
	case Unchanged:
		r.Unchanged++
	case NotModified:
		r.NotModified++
	case Failed:
		r.Failed++
		if len(r.DocErrs) < maxDocErrs {
			r.DocErrs = append(r.DocErrs, res.Err)
		}
	}
	r.Claims += res.Claims
	r.NewClaims += res.NewClaims
}

// entry is a fetched index (feed, sitemap, page, submissions, filing index)
// whose URL state is saved once the documents it led to are processed: with
// its validators when they all succeeded, without them otherwise, so the next
// check reads it again and retries what failed.
type entry struct {
	prev claim.URLState
	resp *Response
}

// Check checks one source: fetches its entry point, processes the documents
// it leads to that are new or updated, and saves the source's state (status,
// error count, next check, counts). The returned Report says what happened;
// Report.Err is the source's own failure. Check never panics on bad input and
// always saves the state, so a failing source stays visible, never silently
// disabled.
func (c *Crawler) Check(ctx context.Context, src Source) Report {
	rep := Report{Source: src.Name, Kind: src.Kind, Checked: c.now()}
	var err error
	switch src.Kind {
	case KindFeed, KindSitemap, KindPage:
		err = c.checkWeb(ctx, src, &rep)
	case KindEDGAR:
		err = c.checkEDGAR(ctx, src, &rep)
	default:
		err = fmt.Errorf("unknown source kind %q: %w", src.Kind, claim.ErrInvalid)
	}
	if err != nil {
		rep.Err = fmt.Errorf("source %s: %w", src.Name, err)
	}
	c.saveSourceState(ctx, src, &rep)
	return rep
}

// checkWeb handles feeds, sitemaps and pages.
func (c *Crawler) checkWeb(ctx context.Context, src Source, rep *Report) error {
	if src.Kind == KindPage && src.Pattern == nil { // the page itself is the document
		res, err := c.Process(ctx, Job{Source: src.Name, URL: src.URL})
		if err != nil { // the source's own failure, not a document's
			return err
		}
		rep.add(res)
		return nil
	}
	entries, links, err := c.discoverWeb(ctx, src)
	if err != nil || len(entries) == 0 {
		return err
	}
	before := rep.Failed + rep.Deferred
	jobs, err := c.pick(ctx, src, links, rep)
	if err != nil {
		return err
	}
	c.runJobs(ctx, jobs, rep)
	return c.commit(ctx, entries, rep.Failed+rep.Deferred == before)
}

// discoverWeb fetches a web source's entry point (and, for a sitemap index,
// its child sitemaps) and returns the links found. No entries means the entry
// point has not changed (304 or same bytes): nothing to do.
func (c *Crawler) discoverWeb(ctx context.Context, src Source) ([]entry, []Link, error) {
	e, changed, err := c.fetchEntry(ctx, src, src.URL)
	if err != nil || !changed {
		return nil, nil, err
	}
	base := orDefault(e.resp.FinalURL, src.URL)
	var links []Link
	switch src.Kind {
	case KindFeed:
		links, err = c.Formats.Feed(e.resp.Body, base)
	case KindPage:
		links, err = c.Formats.Links(e.resp.Body, base, src.Pattern)
	case KindSitemap:
		var entries []entry
		entries, links, err = c.sitemap(ctx, src, e, base)
		if err != nil {
			return nil, nil, err
		}
		return entries, keep(links, src), nil
	}
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w", src.URL, err)
	}
	if src.Kind == KindFeed {
		links = keep(links, src)
	}
	return []entry{e}, links, nil
}

// sitemap reads a sitemap, or a sitemap index and its changed child sitemaps.
func (c *Crawler) sitemap(ctx context.Context, src Source, top entry, base string) ([]entry, []Link, error) {
	pages, children, err := c.Formats.Sitemap(top.resp.Body, base)
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w", src.URL, err)
	}
	entries := []entry{top}
	for _, child := range children {
		// A child read completely before, whose lastmod says it has not
		// changed since, is not asked for at all.
		st, err := c.urlState(ctx, child.URL)
		if err != nil {
			return nil, nil, err
		}
		if child.Published != "" && st.ContentHash != "" && st.Errors == 0 && !newer(child.Published, st.FetchedAt) {
			continue
		}
		e, changed, err := c.fetchEntry(ctx, src, child.URL)
		if err != nil {
			return nil, nil, err
		}
		if !changed {
			continue
		}
		more, _, err := c.Formats.Sitemap(e.resp.Body, orDefault(e.resp.FinalURL, child.URL))
		if err != nil {
			return nil, nil, fmt.Errorf("%s: %w", child.URL, err)
		}
		entries = append(entries, e)
		pages = append(pages, more...)
	}
	return entries, pages, nil
}

func keep(links []Link, src Source) []Link {
	if src.Pattern == nil {
		return links
	}
	var out []Link
	for _, l := range links {
		if src.Pattern.MatchString(l.URL) {
			out = append(out, l)
		}
	}
	return out
}

// fetchEntry fetches an index URL conditionally. changed is false on a 304 or
// an identical body; the URL state is not saved here (see commit).
func (c *Crawler) fetchEntry(ctx context.Context, src Source, url string) (entry, bool, error) {
	prev, err := c.urlState(ctx, url)
	if err != nil {
		return entry{}, false, err
	}
	prev.URL, prev.Source = url, src.Name
	resp, err := c.Fetcher.Fetch(ctx, url, prev)
	if err != nil {
		return entry{}, false, err
	}
	e := entry{prev: prev, resp: resp}
	if resp.NotModified || (prev.ContentHash != "" && prev.ContentHash == resp.Hash) {
		return e, false, c.commit(ctx, []entry{e}, true)
	}
	return e, true, nil
}

// commit saves the URL states of entries once their documents are processed.
// Unless complete, the validators are left out so the next check reads the
// entries again and retries the documents that failed or were deferred.
func (c *Crawler) commit(ctx context.Context, entries []entry, complete bool) error {
	if ctx.Err() != nil { // interrupted: the next run reads the entries again
		return ctx.Err()
	}
	for _, e := range entries {
		s := c.succeeded(e.prev, e.resp)
		if !complete {
			s.ETag, s.LastModified, s.ContentHash = "", "", ""
		}
		if err := c.Saver.SaveURLState(ctx, s); err != nil {
			return err
		}
	}
	return nil
}

// pick turns links into jobs for the documents worth fetching: never seen,
// updated since fetched (by the link's date), or failed and due for a retry.
func (c *Crawler) pick(ctx context.Context, src Source, links []Link, rep *Report) ([]Job, error) {
	var jobs []Job
	limit := orDefault(c.MaxDocuments, DefaultMaxDocuments)
	for _, l := range links {
		st, err := c.urlState(ctx, l.URL)
		if err != nil {
			return nil, err
		}
		if c.skip(st, l.Published, rep) {
			continue
		}
		if len(jobs) == limit {
			rep.Deferred++
			continue
		}
		jobs = append(jobs, Job{Source: src.Name, URL: l.URL, OnlyNew: true, Meta: claim.Source{
			URL: l.URL, Title: l.Title, Published: l.Published, Kind: claim.KindArticle,
		}})
	}
	return jobs, nil
}

// skip reports, counting it in rep, whether a document in state st need not
// be fetched: stored already and not updated since (by its published date),
// or failed and not due for a retry yet.
func (c *Crawler) skip(st claim.URLState, published string, rep *Report) bool {
	switch {
	case st.Errors > 0 && st.NextCheck.After(c.now()):
		rep.Deferred++
		return true
	case st.Errors == 0 && !st.FetchedAt.IsZero() && !newer(published, st.FetchedAt):
		rep.Known++
		return true
	}
	return false
}

// newer reports whether the date published (RFC 3339 or YYYY-MM-DD) is after t.
func newer(published string, t time.Time) bool {
	for _, layout := range []string{time.RFC3339, time.DateOnly} {
		if p, err := time.Parse(layout, published); err == nil {
			return p.After(t)
		}
	}
	return false
}

// runJobs processes jobs on up to Concurrency goroutines, adding each result
// to rep. It returns when every started job has finished. A URL another
// source is processing at the same moment is left to it; an OnlyNew job is
// checked against the stored state again once its URL is held, so two
// sources listing one article fetch it once.
func (c *Crawler) runJobs(ctx context.Context, jobs []Job, rep *Report) {
	var mu sync.Mutex
	forEach(ctx, orDefault(c.Concurrency, DefaultConcurrency), jobs, func(ctx context.Context, j Job) {
		if !c.hold(j.URL) {
			mu.Lock()
			rep.Known++
			mu.Unlock()
			return
		}
		defer c.release(j.URL)
		if j.OnlyNew {
			st, err := c.urlState(ctx, j.URL)
			mu.Lock()
			skip := err == nil && c.skip(st, j.Meta.Published, rep)
			mu.Unlock()
			if skip {
				return
			}
		}
		res, err := c.Process(ctx, j)
		if err != nil && !errors.Is(err, context.Canceled) {
			c.log().Warn("document failed", "source", j.Source, "url", j.URL, "err", err)
		}
		mu.Lock()
		rep.add(res)
		mu.Unlock()
		if c.OnResult != nil {
			c.OnResult(j, res)
		}
	})
}

// hold marks url as being processed; false if it is already.
func (c *Crawler) hold(url string) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.inflight == nil {
		c.inflight = map[string]bool{}
	}
	if c.inflight[url] {
		return false
	}
	c.inflight[url] = true
	return true
}

func (c *Crawler) release(url string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	delete(c.inflight, url)
}
