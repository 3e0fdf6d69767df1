package main

import (
	"context"
	"errors"
	"io/fs"
	"log/slog"
	"os"

	"github.com/claimwire/claimwire/fetch"
	"github.com/claimwire/claimwire/pipeline"
)

// busConfig loads the crawl configuration for the scheduler and fetch roles:
// --config, else ./claimwire.yaml when it exists, else none (no sources).
func busConfig(path string) (*config, error) {
	if path == "" {
		if _, err := os.Stat(defaultConfigPath); errors.Is(err, fs.ErrNotExist) {
			return &config{}, nil
		}
		path = defaultConfigPath
	}
	return loadConfig(path)
}

// busCrawler builds the crawl's own Crawler (the wiring `claimwire crawl`
// uses) with saver as its Saver, so checked documents go to the bus.
func busCrawler(ctx context.Context, cfg *config, saver pipeline.Saver, log *slog.Logger) (*pipeline.Crawler, error) {
	client := fetch.New(cfg.fetch)
	if err := resolveTickers(ctx, cfg, client); err != nil {
		return nil, err
	}
	return newCrawler(cfg, client, saver, log), nil
}
