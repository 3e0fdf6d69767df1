package pipeline

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/claimwire/claimwire/claim"
)

// checkEDGAR checks one company: its submissions JSON, then, for the most
// recent filings of the followed forms that are not stored yet, the filing
// index and the documents worth reading (the primary document; for an 8-K
// with item 2.02 also the EX-99.1 earnings release). Filings never change, so
// one whose documents were all read is never fetched again.
func (c *Crawler) checkEDGAR(ctx context.Context, src Source, rep *Report) error {
	if src.CIK == "" {
		return fmt.Errorf("edgar source without a CIK: %w", claim.ErrInvalid)
	}
	subURL := c.Formats.SubmissionsURL(src.SubmissionsBase, src.CIK)
	sub, changed, err := c.fetchEntry(ctx, src, subURL)
	if err != nil || !changed {
		return err
	}
	filings, err := c.Formats.Filings(sub.resp.Body, src.ArchivesBase, src.CIK, src.Forms)
	if err != nil {
		return fmt.Errorf("%s: %w", subURL, err)
	}
	if n := orDefault(src.MaxFilings, DefaultMaxFilings); len(filings) > n {
		filings = filings[len(filings)-n:] // oldest first: keep the newest n
	}
	complete := true
	for _, f := range filings {
		if ctx.Err() != nil {
			break
		}
		done, err := c.checkFiling(ctx, src, f, rep)
		if err != nil {
			rep.Failed++
			if len(rep.DocErrs) < maxDocErrs {
				rep.DocErrs = append(rep.DocErrs, err)
			}
			c.log().Warn("filing failed", "source", src.Name, "accession", f.Accession, "err", err)
		}
		complete = complete && done && err == nil
	}
	return c.commit(ctx, []entry{sub}, complete)
}

// checkFiling reads one filing unless it is stored already; done reports that
// nothing of it is left to retry.
func (c *Crawler) checkFiling(ctx context.Context, src Source, f Filing, rep *Report) (done bool, err error) {
	st, err := c.urlState(ctx, f.IndexURL)
	if err != nil {
		return false, err
	}
	switch {
	case st.Errors > 0 && st.NextCheck.After(c.now()):
		rep.Deferred++
		return false, nil
	case st.Errors == 0 && st.ContentHash != "":
		rep.Known++
		return true, nil
	}
	idx, changed, err := c.fetchEntry(ctx, src, f.IndexURL)
	if err != nil {
		c.fail(ctx, f.IndexURL, st, err)
		return false, fmt.Errorf("filing %s: %w", f.Accession, err)
	}
	if !changed { // the same index as a complete earlier read
		rep.Known++
		return true, nil
	}
	docs, err := c.Formats.FilingDocuments(f, idx.resp.Body, orDefault(idx.resp.FinalURL, f.IndexURL))
	if err == nil && len(docs) == 0 {
		err = errors.New("no document to read in the filing index")
	}
	if err != nil {
		c.fail(ctx, f.IndexURL, st, err)
		return false, fmt.Errorf("filing %s: %w", f.Accession, err)
	}
	jobs := make([]Job, 0, len(docs))
	for _, d := range docs {
		jobs = append(jobs, filingJob(src, f, d))
	}
	before := rep.Failed
	c.runJobs(ctx, jobs, rep)
	ok := rep.Failed == before
	return ok, c.commit(ctx, []entry{idx}, ok)
}

// filingJob is the job for one document of a filing: the primary document is
// a filing (its inline XBRL read too for 10-Q and 10-K), an EX-99 exhibit a
// press release.
func filingJob(src Source, f Filing, d Document) Job {
	meta := claim.Source{
		URL: d.URL, Kind: claim.KindFiling, Form: f.Form, CIK: f.CIK,
		Accession: f.Accession, Published: f.FilingDate,
	}
	if meta.CIK == "" {
		meta.CIK = src.CIK
	}
	xbrl := false
	switch t := strings.ToUpper(d.Type); {
	case strings.HasPrefix(t, "EX-99"):
		meta.Kind = claim.KindPressRelease
	default:
		form := strings.ToUpper(f.Form)
		xbrl = strings.HasPrefix(form, "10-Q") || strings.HasPrefix(form, "10-K")
	}
	return Job{Source: src.Name, URL: d.URL, Meta: meta, XBRL: xbrl}
}
