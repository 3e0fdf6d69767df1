package main

import (
	"errors"
	"log/slog"

	"github.com/claimwire/claimwire/pipeline"
)

// errNoCrawlWiring: the crawl's configuration parsing and Crawler wiring
// (crawl.go, config.go) are not in this binary yet.
var errNoCrawlWiring = errors.New("sources configuration and crawler wiring not built yet (see claimwire crawl)")

// busSources loads the configured sources for the scheduler and fetch roles.
// TODO(issue 5): call the crawl's config loader once cmd/claimwire/config.go lands.
func busSources(path string) ([]pipeline.Source, error) {
	if path == "" {
		return nil, nil
	}
	return nil, errNoCrawlWiring
}

// busCrawler builds the crawl's Crawler with saver as its Saver.
// TODO(issue 5): reuse the crawl command's wiring of fetch and the formats.
func busCrawler(saver pipeline.Saver, log *slog.Logger) (*pipeline.Crawler, error) {
	return nil, errNoCrawlWiring
}
