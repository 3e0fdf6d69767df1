package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/claimwire/claimwire/claim"
	"github.com/claimwire/claimwire/store"
)

// demoConfig is the configuration the demo crawls with; {{BASE}} becomes the
// news server's origin, {{EDGAR}} the EDGAR server's. The EDGAR sources are added when the fixtures have
// an EDGAR tree.
const demoConfig = `# claimwire demo: the offline fixture site served on 127.0.0.1
user_agent: Claimwire-demo/0.1
contact: demo@claimwire.invalid
allow_loopback: true
host_rate: inf
sources:
  - name: infra-daily-rss
    kind: feed
    url: {{BASE}}/feed.xml
    interval: 15m
  - name: infra-daily-atom
    kind: feed
    url: {{BASE}}/atom.xml
    interval: 15m
  - name: infra-daily-json
    kind: feed
    url: {{BASE}}/feed.json
    interval: 15m
  - name: infra-daily-sitemap
    kind: sitemap
    url: {{BASE}}/sitemap.xml
    interval: 6h
  - name: infra-daily-newsroom
    kind: page
    url: {{BASE}}/newsroom.html
    pattern: /articles/[^/]+\.html$
    interval: 1h
`

// demoEDGAR is appended for every company the EDGAR fixtures hold.
const demoEDGAR = `  - name: edgar-{{CIK}}
    kind: edgar
    cik: "{{CIK}}"
    interval: 1h
    submissions_base: {{EDGAR}}
    archives_base: {{EDGAR}}
`

func runDemo(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet("demo", e)
	// Fixed ports by default: the documents' URLs, and so their claim ids,
	// are then the same on every run, and a second demo adds nothing.
	addr := fs.String("addr", "127.0.0.1:8765", "address to serve the fixtures on (loopback only; the next free port if taken)")
	edgarAddr := fs.String("edgar-addr", "127.0.0.1:8766", "address to serve the EDGAR fixtures on (loopback only; the next free port if taken)")
	dbPath := fs.String("db", "claimwire-demo.db", "database file to crawl into")
	fixtures := fs.String("fixtures", filepath.Join("fixtures", "web"), "the fixtures directory (news/ and edgar/)")
	serve := fs.Bool("serve", false, "keep serving the fixtures after the crawl, until interrupted")
	verbose := fs.Bool("v", false, "log every check and document failure")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usageError{"demo takes no arguments"}
	}
	for _, a := range []string{*addr, *edgarAddr} {
		host, _, err := net.SplitHostPort(a)
		if ip := net.ParseIP(host); err != nil || ip == nil || !ip.IsLoopback() {
			return usageError{fmt.Sprintf("address %q: the demo serves on a loopback address only", a)}
		}
	}
	roots, err := demoRoots(*fixtures)
	if err != nil {
		return err
	}
	srv, base, err := serveFixtures(*addr, roots[0])
	if err != nil {
		return err
	}
	defer srv.stop()
	fmt.Fprintf(e.stdout, "serving %s at %s\n", roots[0], base)
	edgarBase := ""
	if len(roots) > 1 { // EDGAR on its own origin, so only it has EDGAR's rate limit
		esrv, b, err := serveFixtures(*edgarAddr, roots[1])
		if err != nil {
			return err
		}
		defer esrv.stop()
		edgarBase = b
		fmt.Fprintf(e.stdout, "serving %s at %s\n", roots[1], edgarBase)
	}

	cfg, err := parseConfig("demo.yaml", []byte(demoYAML(base, edgarBase, roots)))
	if err != nil {
		return fmt.Errorf("demo config: %w", err)
	}
	path, err := crawl(ctx, e, cfg, crawlOptions{once: true, all: true, db: *dbPath, verbose: *verbose})
	if err != nil {
		return err
	}
	if err := printSomeClaims(ctx, e, path); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "\nclaims stored in %s; try: claimwire query --db %s --subject Nvidia\n", path, path)
	if *serve {
		fmt.Fprintf(e.stdout, "serving %s until interrupted\n", base)
		<-ctx.Done()
	}
	return nil
}

// demoRoots returns the fixture document roots: news/ and, if present, edgar/.
func demoRoots(dir string) ([]string, error) {
	news := filepath.Join(dir, "news")
	if st, err := os.Stat(news); err != nil || !st.IsDir() {
		return nil, fmt.Errorf("no fixture site at %s: run from the repository root or pass --fixtures", news)
	}
	roots := []string{news}
	if st, err := os.Stat(filepath.Join(dir, "edgar")); err == nil && st.IsDir() {
		roots = append(roots, filepath.Join(dir, "edgar"))
	}
	return roots, nil
}

// demoYAML fills the demo configuration with base and one edgar source per
// submissions file in the EDGAR fixtures.
func demoYAML(base, edgarBase string, roots []string) string {
	y := demoConfig
	if len(roots) > 1 {
		files, _ := filepath.Glob(filepath.Join(roots[1], "submissions", "CIK*.json"))
		for _, f := range files {
			cik := strings.TrimSuffix(strings.TrimPrefix(filepath.Base(f), "CIK"), ".json")
			if len(cik) == 10 && strings.Trim(cik, "0123456789") == "" {
				y += strings.ReplaceAll(demoEDGAR, "{{CIK}}", cik)
			}
		}
	}
	return strings.NewReplacer("{{BASE}}", base, "{{EDGAR}}", edgarBase).Replace(y)
}

func printSomeClaims(ctx context.Context, e *env, path string) error {
	db, err := store.Open(ctx, path)
	if err != nil {
		return err
	}
	defer db.Close()
	claims, _, err := db.FindClaims(ctx, claim.Filter{Limit: 8})
	if err != nil {
		return err
	}
	if len(claims) > 0 {
		fmt.Fprintln(e.stdout, "\nsome claims:")
	}
	for _, c := range claims {
		fmt.Fprintf(e.stdout, "  %-12s %-18s %-14s %s\n", clip(c.Subject, 12), c.Metric, claim.FormatValue(c), c.Source.URL)
	}
	return nil
}

// fixtureServer serves fixture roots over HTTP on loopback.
type fixtureServer struct {
	srv  *http.Server
	done sync.WaitGroup
}

// serveFixtures starts an http.Server on addr over roots and returns its origin.
func serveFixtures(addr string, roots ...string) (*fixtureServer, string, error) {
	ln, err := listenNextFree(addr, 20)
	if err != nil {
		return nil, "", fmt.Errorf("demo: %w", err)
	}
	s := &fixtureServer{srv: &http.Server{Handler: fixtureHandler(roots...), ReadHeaderTimeout: 5 * time.Second}}
	s.done.Go(func() {
		if err := s.srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			fmt.Fprintln(os.Stderr, "demo server:", err)
		}
	})
	return s, "http://" + ln.Addr().String(), nil
}

func (s *fixtureServer) stop() {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	s.srv.Shutdown(ctx)
	s.done.Wait()
}

// fixtureHandler serves files from the first root that has them, replacing
// {{BASE}} with the origin the request reached (so feeds and sitemaps hold
// absolute URLs of whatever port the server got), with an ETag and
// Last-Modified so conditional GET works as on a real site. HTML goes out
// without a charset parameter: pages declare their own (one is windows-1252).
func fixtureHandler(roots ...string) http.Handler {
	types := map[string]string{".html": "text/html", ".htm": "text/html", ".xml": "application/xml",
		".json": "application/json", ".txt": "text/plain; charset=utf-8"}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p := path.Clean("/" + r.URL.Path)
		for _, root := range roots {
			name := filepath.Join(root, filepath.FromSlash(p))
			st, err := os.Stat(name)
			if err != nil || st.IsDir() {
				continue
			}
			data, err := os.ReadFile(name)
			if err != nil {
				http.Error(w, err.Error(), http.StatusInternalServerError)
				return
			}
			data = bytes.ReplaceAll(data, []byte("{{BASE}}"), []byte("http://"+r.Host))
			sum := sha256.Sum256(data)
			w.Header().Set("ETag", `"`+hex.EncodeToString(sum[:8])+`"`)
			if t, ok := types[strings.ToLower(filepath.Ext(name))]; ok {
				w.Header().Set("Content-Type", t)
			}
			http.ServeContent(w, r, name, st.ModTime(), bytes.NewReader(data))
			return
		}
		http.NotFound(w, r)
	})
}
