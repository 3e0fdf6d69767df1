package main

// Wiring of the crawl: fetch and store behind pipeline's interfaces. Shared by
// crawl, demo and the NATS roles.

import (
	"context"
	"fmt"
	"log/slog"
	"regexp"

	"github.com/claimwire/claimwire/claim"
	"github.com/claimwire/claimwire/extractors/xbrl"
	"github.com/claimwire/claimwire/fetch"
	"github.com/claimwire/claimwire/pipeline"
	"github.com/claimwire/claimwire/store"
)

var (
	_ pipeline.Saver      = (*store.DB)(nil)
	_ pipeline.StateSaver = crawlDB{}
	_ pipeline.Fetcher    = fetcher{}
	_ pipeline.Formats    = formats{}
)

// newCrawler wires a crawler over one fetch client and the store.
func newCrawler(cfg *config, client *fetch.Client, db pipeline.Saver, log *slog.Logger) *pipeline.Crawler {
	return &pipeline.Crawler{
		Fetcher:     fetcher{client},
		Formats:     formats{},
		Saver:       saver(db),
		XBRL:        xbrlClaims,
		Log:         log,
		Concurrency: cfg.concurrency,
	}
}

// xbrlClaims reads the inline XBRL facts of 10-Q and 10-K documents.
var xbrlClaims pipeline.XBRLFunc = xbrl.Extract

// saver lets the crawl write in batches when db is the store.
func saver(db pipeline.Saver) pipeline.Saver {
	if sdb, ok := db.(*store.DB); ok {
		return crawlDB{sdb}
	}
	return db
}

// crawlDB adds pipeline.BatchSaver and pipeline.StateSaver to the store.
type crawlDB struct{ *store.DB }

func (db crawlDB) SaveBatch(ctx context.Context, docs []claim.Document, claims [][]claim.Claim) ([]claim.SaveResult, error) {
	batch := make([]store.Batch, len(docs))
	for i := range docs {
		batch[i] = store.Batch{Doc: docs[i], Claims: claims[i]}
	}
	return db.SaveDocuments(ctx, batch)
}

// SaveBatchStates writes the documents with their URL states, all in one
// transaction.
func (db crawlDB) SaveBatchStates(ctx context.Context, docs []claim.Document, claims [][]claim.Claim,
	states []claim.URLState) ([]claim.SaveResult, error) {
	batch := make([]store.Batch, len(docs))
	for i := range docs {
		batch[i] = store.Batch{Doc: docs[i], Claims: claims[i], State: states[i]}
	}
	return db.SaveDocuments(ctx, batch)
}

// fetcher adapts *fetch.Client to pipeline.Fetcher.
type fetcher struct{ c *fetch.Client }

func (f fetcher) Fetch(ctx context.Context, url string, prev claim.URLState) (*pipeline.Response, error) {
	r, err := f.c.Fetch(ctx, url, prev)
	if err != nil {
		return nil, err
	}
	return &pipeline.Response{
		URL: r.URL, FinalURL: r.FinalURL, Status: r.Status, ContentType: r.ContentType, Body: r.Body,
		NotModified: r.NotModified, ETag: r.ETag, LastModified: r.LastModified, Hash: r.Hash, FetchedAt: r.FetchedAt,
	}, nil
}

// formats adapts fetch's parsers to pipeline.Formats.
type formats struct{}

func links(in []fetch.Link) []pipeline.Link {
	out := make([]pipeline.Link, len(in))
	for i, l := range in {
		out[i] = pipeline.Link{URL: l.URL, Title: l.Title, Published: l.Published}
	}
	return out
}

func (formats) Feed(data []byte, base string) ([]pipeline.Link, error) {
	ls, err := fetch.ParseFeed(data, base)
	return links(ls), err
}

func (formats) Sitemap(data []byte, base string) (pages, sitemaps []pipeline.Link, err error) {
	sm, err := fetch.ParseSitemap(data, base)
	return links(sm.Pages), links(sm.Sitemaps), err
}

func (formats) Links(page []byte, pageURL string, pattern *regexp.Regexp) ([]pipeline.Link, error) {
	ls, err := fetch.ParseLinks(page, pageURL, pattern)
	return links(ls), err
}

func (formats) SubmissionsURL(base, cik string) string { return fetch.SubmissionsURL(base, cik) }

func (formats) Filings(submissions []byte, archivesBase, cik string, forms []string) ([]pipeline.Filing, error) {
	fs, err := fetch.ParseSubmissions(submissions)
	if err != nil {
		return nil, err
	}
	var out []pipeline.Filing
	for _, f := range fetch.FilterFilings(fs, forms, "") {
		if f.CIK == "" {
			f.CIK = cik
		}
		out = append(out, pipeline.Filing{
			CIK: f.CIK, Accession: f.Accession, Form: f.Form, FilingDate: f.FilingDate, ReportDate: f.ReportDate,
			IndexURL: fetch.FilingIndexURL(archivesBase, f.CIK, f.Accession), Watermark: fetch.Watermark(f),
			PrimaryDocument: f.PrimaryDocument, Items: f.Items, InlineXBRL: f.InlineXBRL,
		})
	}
	return out, nil
}

func (formats) FilingDocuments(f pipeline.Filing, index []byte, indexURL string) ([]pipeline.Document, error) {
	files, err := fetch.ParseFilingIndex(index, indexURL)
	if err != nil {
		return nil, err
	}
	ff := fetch.Filing{
		CIK: f.CIK, Accession: f.Accession, Form: f.Form, FilingDate: f.FilingDate, ReportDate: f.ReportDate,
		PrimaryDocument: f.PrimaryDocument, Items: f.Items, InlineXBRL: f.InlineXBRL,
	}
	var out []pipeline.Document
	for _, d := range fetch.PickDocuments(ff, files) {
		out = append(out, pipeline.Document{URL: d.URL, Type: d.Type})
	}
	return out, nil
}

// resolveTickers looks up the CIK of every edgar source named by ticker, in
// the SEC's company_tickers.json (fetched once per archives host).
func resolveTickers(ctx context.Context, cfg *config, client *fetch.Client) error {
	maps := map[string]map[string]string{}
	for i := range cfg.sources {
		src := &cfg.sources[i]
		ticker, ok := cfg.tickers[src.Name]
		if !ok {
			continue
		}
		m, ok := maps[src.ArchivesBase]
		if !ok {
			u := fetch.CompanyTickersURL(src.ArchivesBase)
			r, err := client.Fetch(ctx, u, claim.URLState{})
			if err != nil {
				return fmt.Errorf("source %s: ticker %s: %w", src.Name, ticker, err)
			}
			if m, err = fetch.ParseCompanyTickers(r.Body); err != nil {
				return fmt.Errorf("source %s: ticker %s: %w", src.Name, ticker, err)
			}
			maps[src.ArchivesBase] = m
		}
		cik, ok := m[ticker]
		if !ok {
			return fmt.Errorf("source %s: ticker %s is not in the SEC's company list: %w", src.Name, ticker, claim.ErrNotFound)
		}
		src.CIK = cik
		delete(cfg.tickers, src.Name)
	}
	return nil
}
