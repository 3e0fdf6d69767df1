package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/time/rate"
)

func TestParseConfig(t *testing.T) {
	data := `user_agent: Claimwire/0.1
contact: ops@example.com
db: crawl.db
host_rate: 2.5
workers: 3
sources:
  - name: news
    kind: feed
    url: https://news.example.com/feed.xml
    interval: 15m
  - name: ir
    kind: page
    url: https://ir.example.com/newsroom
    pattern: /news/\d+
  - name: apple
    kind: edgar
    cik: 320193
    forms: [10-Q, 10-K]
  - name: nvidia
    kind: edgar
    ticker: nvda
    archives_base: http://127.0.0.1:9000
`
	cfg, err := parseConfig("c.yaml", []byte(data))
	if err != nil {
		t.Fatal(err)
	}
	if cfg.fetch.UserAgent != "Claimwire/0.1 (ops@example.com)" || cfg.fetch.HostRate != rate.Limit(2.5) || cfg.db != "crawl.db" || cfg.workers != 3 {
		t.Errorf("globals: %+v", cfg)
	}
	if len(cfg.sources) != 4 {
		t.Fatalf("%d sources", len(cfg.sources))
	}
	news, ir, apple, nvidia := cfg.sources[0], cfg.sources[1], cfg.sources[2], cfg.sources[3]
	if news.Interval != 15*time.Minute || ir.Interval != defaultInterval || !ir.Pattern.MatchString("https://ir.example.com/news/12") {
		t.Errorf("web sources: %+v %+v", news, ir)
	}
	if apple.CIK != "0000320193" || strings.Join(apple.Forms, ",") != "10-Q,10-K" || apple.SubmissionsBase != defaultSubmissionsBase {
		t.Errorf("apple: %+v", apple)
	}
	if nvidia.CIK != "" || cfg.tickers["nvidia"] != "NVDA" || strings.Join(nvidia.Forms, ",") != "8-K,10-Q,10-K" || nvidia.ArchivesBase != "http://127.0.0.1:9000" {
		t.Errorf("nvidia: %+v tickers %v", nvidia, cfg.tickers)
	}
	if strings.Join(cfg.fetch.EDGARHosts, ",") != "127.0.0.1:9000" {
		t.Errorf("a local EDGAR base must count as EDGAR: %v", cfg.fetch.EDGARHosts)
	}
}

func TestParseConfigErrors(t *testing.T) {
	head := "contact: ops@example.com\nsources:\n"
	tests := []struct {
		name, yaml, want string
	}{
		{"unknown kind", head + "  - name: a\n    kind: rss\n    url: https://x.test/f\n", "c.yaml:4: source \"a\": unknown kind \"rss\""},
		{"missing kind", head + "  - name: a\n    url: https://x.test/f\n", "c.yaml:3: source \"a\": missing kind"},
		{"bad interval", head + "  - name: a\n    kind: feed\n    url: https://x.test/f\n    interval: 15 minutes\n", "c.yaml:6: source \"a\": interval \"15 minutes\""},
		{"interval too short", head + "  - name: a\n    kind: feed\n    url: https://x.test/f\n    interval: 10ms\n", "c.yaml:6:"},
		{"missing url", head + "  - name: a\n    kind: sitemap\n", "c.yaml:3: source \"a\": sitemap source needs an http(s) url"},
		{"file url", head + "  - name: a\n    kind: feed\n    url: file:///etc/passwd\n", "c.yaml:5:"},
		{"bad pattern", head + "  - name: a\n    kind: page\n    url: https://x.test/\n    pattern: \"(\"\n", "c.yaml:6: source \"a\": pattern:"},
		{"missing cik", head + "  - name: a\n    kind: edgar\n", "c.yaml:3: source \"a\": edgar source needs a cik"},
		{"bad cik", head + "  - name: a\n    kind: edgar\n    cik: 12345678901\n", "c.yaml:5: source \"a\": cik \"12345678901\""},
		{"duplicate name", head + "  - name: a\n    kind: feed\n    url: https://x.test/f\n  - name: a\n    kind: feed\n    url: https://x.test/g\n", "c.yaml:6: duplicate source name \"a\" (first at line 3)"},
		{"no name", head + "  - kind: feed\n    url: https://x.test/f\n", "c.yaml:3: source without a name"},
		{"unknown source key", head + "  - name: a\n    kind: feed\n    urls: https://x.test/f\n", "c.yaml:5: unknown source key \"urls\""},
		{"unknown top key", "contacts: x\n", "c.yaml:1: field contacts not found"},
		{"edgar without email", "user_agent: Claimwire\nsources:\n  - name: a\n    kind: edgar\n    cik: 320193\n", "c.yaml:3: edgar source \"a\" needs a contact email"},
		{"bad host rate", "host_rate: fast\n", "c.yaml:1: host_rate \"fast\""},
		{"negative host rate", "workers: 2\nhost_rate: -1\n", "c.yaml:2: host_rate"},
		{"not yaml", "sources: [\n", "c.yaml:1: did not find expected node content"},
	}
	for _, tt := range tests {
		_, err := parseConfig("c.yaml", []byte(tt.yaml))
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: err = %v, want it to contain %q", tt.name, err, tt.want)
		}
	}
	// Near misses: valid variants of the rows above.
	for _, ok := range []string{
		head + "  - name: a\n    kind: edgar\n    cik: \"0000320193\"\n",
		head + "  - name: a\n    kind: edgar\n    cik: CIK320193\n",
		"user_agent: Claimwire/0.1 ops@example.com\nsources:\n  - name: a\n    kind: edgar\n    ticker: AAPL\n",
		"user_agent: Claimwire (no edgar, no email needed)\nsources:\n  - name: a\n    kind: feed\n    url: https://x.test/f\n",
		"host_rate: inf\n",
	} {
		if _, err := parseConfig("c.yaml", []byte(ok)); err != nil {
			t.Errorf("valid config rejected: %v\n%s", err, ok)
		}
	}
}

func TestRepositoryConfigIsValid(t *testing.T) {
	for _, p := range []string{"../../claimwire.yaml"} {
		if _, err := os.Stat(p); err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		if _, err := loadConfig(filepath.Clean(p)); err != nil {
			t.Errorf("%s: %v", p, err)
		}
	}
	if _, err := parseConfig("demo.yaml", []byte(demoYAML("http://127.0.0.1:1", "http://127.0.0.1:2", []string{"x", filepath.Join("..", "..", "fixtures", "web", "edgar")}))); err != nil {
		t.Errorf("demo config: %v", err)
	}
}
