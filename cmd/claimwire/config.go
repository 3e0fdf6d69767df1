package main

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"net/url"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"golang.org/x/time/rate"
	"gopkg.in/yaml.v3"

	"github.com/claimwire/claimwire/fetch"
	"github.com/claimwire/claimwire/pipeline"
)

// defaultConfigPath is where crawl, sources and friends look without --config.
const defaultConfigPath = "claimwire.yaml"

// Production EDGAR hosts; a config may point them at a local copy.
const (
	defaultSubmissionsBase = "https://data.sec.gov"
	defaultArchivesBase    = "https://www.sec.gov"
	defaultInterval        = time.Hour
	minInterval            = time.Second
)

// fileConfig is claimwire.yaml as written.
type fileConfig struct {
	UserAgent     string         `yaml:"user_agent"`
	Contact       string         `yaml:"contact"`
	DB            string         `yaml:"db"`
	AllowLoopback bool           `yaml:"allow_loopback"`
	AllowPrivate  bool           `yaml:"allow_private"`
	HostRate      string         `yaml:"host_rate"` // requests/s per host; "inf" lifts the limit
	Workers       int            `yaml:"workers"`
	Concurrency   int            `yaml:"concurrency"`
	Timeout       string         `yaml:"timeout"`
	MaxBytes      int64          `yaml:"max_bytes"`
	EDGAR         edgarConfig    `yaml:"edgar"`
	Sources       []sourceConfig `yaml:"sources"`
}

type edgarConfig struct {
	SubmissionsBase string `yaml:"submissions_base"`
	ArchivesBase    string `yaml:"archives_base"`
}

// sourceConfig is one entry of sources:, with the line of each key for errors.
type sourceConfig struct {
	Name            string   `yaml:"name"`
	Kind            string   `yaml:"kind"`
	Interval        string   `yaml:"interval"`
	URL             string   `yaml:"url"`
	Pattern         string   `yaml:"pattern"`
	CIK             string   `yaml:"cik"`
	Ticker          string   `yaml:"ticker"`
	Forms           []string `yaml:"forms"`
	SubmissionsBase string   `yaml:"submissions_base"`
	ArchivesBase    string   `yaml:"archives_base"`
	MaxFilings      int      `yaml:"max_filings"`

	line  int
	lines map[string]int
}

var sourceKeys = []string{"name", "kind", "interval", "url", "pattern", "cik", "ticker", "forms", "submissions_base", "archives_base", "max_filings"}

func (s *sourceConfig) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind != yaml.MappingNode {
		return fmt.Errorf("line %d: a source is a mapping of keys to values", n.Line)
	}
	s.line, s.lines = n.Line, map[string]int{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k := n.Content[i]
		if !slices.Contains(sourceKeys, k.Value) {
			return fmt.Errorf("line %d: unknown source key %q (known: %s)", k.Line, k.Value, strings.Join(sourceKeys, ", "))
		}
		s.lines[k.Value] = n.Content[i+1].Line
	}
	type plain sourceConfig
	return n.Decode((*plain)(s))
}

// config is a validated configuration, ready to wire.
type config struct {
	path        string
	db          string
	fetch       fetch.Options
	workers     int
	concurrency int
	sources     []pipeline.Source
	tickers     map[string]string // source name → ticker still to resolve to a CIK
}

// loadConfig reads and validates a configuration file.
func loadConfig(path string) (*config, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("config: %w", err)
	}
	return parseConfig(path, data)
}

// parseConfig validates data, reporting every problem as FILE:LINE: reason.
func parseConfig(path string, data []byte) (*config, error) {
	var fc fileConfig
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&fc); err != nil {
		return nil, yamlError(path, err)
	}
	v := &validator{path: path, lines: topLines(data)}
	cfg := &config{path: path, db: fc.DB, workers: fc.Workers, concurrency: fc.Concurrency, tickers: map[string]string{}}
	cfg.fetch = v.fetchOptions(fc)
	seen := map[string]int{}
	for _, sc := range fc.Sources {
		src, ticker, ok := v.source(sc, fc.EDGAR)
		if !ok {
			continue
		}
		if first, dup := seen[src.Name]; dup {
			v.errf(sc.lines["name"], "duplicate source name %q (first at line %d)", src.Name, first)
			continue
		}
		seen[src.Name] = sc.lines["name"]
		if src.Kind == pipeline.KindEDGAR && !hasEmail(cfg.fetch.UserAgent) {
			v.errf(sc.line, "edgar source %q needs a contact email in user_agent or contact (SEC refuses anonymous clients)", src.Name)
		}
		if ticker != "" {
			cfg.tickers[src.Name] = ticker
		}
		if src.Kind == pipeline.KindEDGAR {
			cfg.fetch.EDGARHosts = edgarHosts(cfg.fetch.EDGARHosts, src.SubmissionsBase, src.ArchivesBase)
		}
		cfg.sources = append(cfg.sources, src)
	}
	if len(v.errs) > 0 {
		return nil, errors.Join(v.errs...)
	}
	return cfg, nil
}

var yamlLine = regexp.MustCompile(`(?m)^\s*(?:yaml: )?(?:unmarshal errors:\n\s*)?line (\d+): `)

// yamlError rewrites the YAML decoder's "line N: reason" as "FILE:N: reason".
func yamlError(path string, err error) error {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	msg = strings.TrimSpace(strings.TrimPrefix(msg, "unmarshal errors:"))
	msg = yamlLine.ReplaceAllString(msg, path+":$1: ")
	if !strings.HasPrefix(msg, path+":") {
		msg = path + ": " + msg
	}
	return errors.New(msg)
}

// validator collects errors with their file and line.
type validator struct {
	path  string
	lines map[string]int // top-level key → line
	errs  []error
}

// topLines maps each top-level key of a YAML document to its line.
func topLines(data []byte) map[string]int {
	lines := map[string]int{}
	var root yaml.Node
	if yaml.Unmarshal(data, &root) != nil || len(root.Content) == 0 {
		return lines
	}
	m := root.Content[0]
	for i := 0; m.Kind == yaml.MappingNode && i+1 < len(m.Content); i += 2 {
		lines[m.Content[i].Value] = m.Content[i].Line
	}
	return lines
}

func (v *validator) errf(line int, format string, args ...any) {
	v.errs = append(v.errs, fmt.Errorf("%s:%d: %s", v.path, line, fmt.Sprintf(format, args...)))
}

// fetchOptions turns the global settings into the fetcher's options.
func (v *validator) fetchOptions(fc fileConfig) fetch.Options {
	o := fetch.Options{AllowLoopback: fc.AllowLoopback, AllowPrivate: fc.AllowPrivate, MaxBytes: fc.MaxBytes}
	o.UserAgent = strings.TrimSpace(fc.UserAgent)
	if o.UserAgent == "" {
		o.UserAgent = "Claimwire/0.1"
	}
	if c := strings.TrimSpace(fc.Contact); c != "" && !strings.Contains(o.UserAgent, c) {
		o.UserAgent += " (" + c + ")"
	}
	if fc.HostRate != "" {
		r, err := strconv.ParseFloat(fc.HostRate, 64)
		switch {
		case err == nil && math.IsInf(r, 1):
			o.HostRate = rate.Inf
		case err != nil || r <= 0 || math.IsNaN(r):
			v.errf(v.lines["host_rate"], "host_rate %q: want requests per second above 0, or inf", fc.HostRate)
		default:
			o.HostRate = rate.Limit(r)
		}
	}
	if fc.Timeout != "" {
		d, err := time.ParseDuration(fc.Timeout)
		if err != nil || d <= 0 {
			v.errf(v.lines["timeout"], "timeout %q: want a positive Go duration such as 30s", fc.Timeout)
		}
		o.Timeout = d
	}
	return o
}

// edgarHosts adds the hosts of EDGAR base URLs that are not sec.gov (a local
// copy of EDGAR in tests and demos), so they keep EDGAR's shared limit.
func edgarHosts(hosts []string, bases ...string) []string {
	for _, base := range bases {
		u, err := url.Parse(base)
		if err != nil || u.Host == "" || strings.HasSuffix(u.Hostname(), "sec.gov") || slices.Contains(hosts, u.Host) {
			continue
		}
		hosts = append(hosts, u.Host)
	}
	return hosts
}

var emailRE = regexp.MustCompile(`[^@\s()<>]+@[^@\s()<>]+\.[a-zA-Z]{2,}`)

func hasEmail(s string) bool { return emailRE.MatchString(s) }

// source validates one source entry; ticker is set when the CIK must still be
// looked up.
func (v *validator) source(sc sourceConfig, edgar edgarConfig) (src pipeline.Source, ticker string, ok bool) {
	n := len(v.errs)
	line := func(key string) int {
		if l := sc.lines[key]; l > 0 {
			return l
		}
		return sc.line
	}
	src = pipeline.Source{Name: strings.TrimSpace(sc.Name), Kind: strings.TrimSpace(sc.Kind), URL: strings.TrimSpace(sc.URL), MaxFilings: sc.MaxFilings}
	if src.Name == "" {
		v.errf(sc.line, "source without a name")
	}
	src.Interval = defaultInterval
	if sc.Interval != "" {
		d, err := time.ParseDuration(sc.Interval)
		if err != nil || d < minInterval {
			v.errf(line("interval"), "source %q: interval %q: want a Go duration of at least 1s, such as 15m or 6h", src.Name, sc.Interval)
		}
		src.Interval = d
	}
	if sc.Pattern != "" {
		re, err := regexp.Compile(sc.Pattern)
		if err != nil {
			v.errf(line("pattern"), "source %q: pattern: %v", src.Name, err)
		}
		src.Pattern = re
	}
	switch src.Kind {
	case pipeline.KindFeed, pipeline.KindPage, pipeline.KindSitemap:
		if u, err := url.Parse(src.URL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			v.errf(line("url"), "source %q: %s source needs an http(s) url, got %q", src.Name, src.Kind, src.URL)
		}
	case pipeline.KindEDGAR:
		ticker = v.edgarSource(&src, sc, edgar, line)
	case "":
		v.errf(sc.line, "source %q: missing kind (feed, page, sitemap or edgar)", src.Name)
	default:
		v.errf(line("kind"), "source %q: unknown kind %q (want feed, page, sitemap or edgar)", src.Name, src.Kind)
	}
	return src, ticker, len(v.errs) == n
}

// edgarSource fills the EDGAR fields of src.
func (v *validator) edgarSource(src *pipeline.Source, sc sourceConfig, edgar edgarConfig, line func(string) int) (ticker string) {
	switch {
	case sc.CIK != "":
		cik, err := fetch.NormalizeCIK(sc.CIK)
		if err != nil {
			v.errf(line("cik"), "source %q: cik %q: want up to 10 digits", src.Name, sc.CIK)
		}
		src.CIK = cik
	case strings.TrimSpace(sc.Ticker) != "":
		ticker = strings.ToUpper(strings.TrimSpace(sc.Ticker))
	default:
		v.errf(sc.line, "source %q: edgar source needs a cik (or a ticker)", src.Name)
	}
	src.Forms = sc.Forms
	if len(src.Forms) == 0 {
		src.Forms = slices.Clone(fetch.DefaultEDGARForms)
	}
	src.SubmissionsBase = firstNonEmpty(sc.SubmissionsBase, edgar.SubmissionsBase, defaultSubmissionsBase)
	src.ArchivesBase = firstNonEmpty(sc.ArchivesBase, edgar.ArchivesBase, defaultArchivesBase)
	for key, base := range map[string]string{"submissions_base": src.SubmissionsBase, "archives_base": src.ArchivesBase} {
		if u, err := url.Parse(base); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			v.errf(line(key), "source %q: %s %q is not an http(s) URL", src.Name, key, base)
		}
	}
	return ticker
}

func firstNonEmpty(s ...string) string {
	for _, v := range s {
		if v = strings.TrimSpace(v); v != "" {
			return strings.TrimRight(v, "/")
		}
	}
	return ""
}
