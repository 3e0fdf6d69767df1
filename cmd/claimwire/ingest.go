package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/claimwire/claimwire/claim"
	"github.com/claimwire/claimwire/extractors"
	"github.com/claimwire/claimwire/fetch"
	"github.com/claimwire/claimwire/store"
)

// maxIngestBytes caps one input file; larger files are reported and skipped.
const maxIngestBytes = 32 << 20

// dbFlag registers --db: default $CLAIMWIRE_DB, else ./claimwire.db.
func dbFlag(fs *flag.FlagSet, e *env) *string {
	def := e.getenv("CLAIMWIRE_DB")
	if def == "" {
		def = "claimwire.db"
	}
	return fs.String("db", def, "SQLite database `path` (default $CLAIMWIRE_DB or ./claimwire.db)")
}

// openExisting opens a database that must already exist (query commands
// should not leave an empty database behind a typo).
func openExisting(ctx context.Context, path string) (*store.DB, error) {
	if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("no database at %s (run claimwire ingest first, or pass --db)", path)
	}
	return store.Open(ctx, path)
}

// input is one document to ingest: a local file or a URL, with what is known
// of it beforehand.
type input struct {
	path string // local file, or "" for a URL
	meta claim.Source
}

// ingestTally is the summary of an ingest run.
type ingestTally struct {
	docs, newDocs, unchanged, failed int
	newClaims, duplicate, superseded int
}

func (t ingestTally) String() string {
	return fmt.Sprintf("documents %d (new %d, unchanged %d), claims new %d / duplicate %d / superseded %d",
		t.docs, t.newDocs, t.unchanged, t.newClaims, t.duplicate, t.superseded)
}

// runIngest extracts and stores documents from files, directories and URLs.
func runIngest(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet("ingest", e)
	dbPath := dbFlag(fs, e)
	kind := fs.String("kind", "", "document kind when the input does not say: article, filing, press_release, feed_item")
	private := fs.Bool("allow-private", false, "let URL inputs reach loopback and private addresses (an intranet page, a local server)")
	fs.Usage = func() {
		fmt.Fprintln(e.stderr, "usage: claimwire ingest [--db PATH] [--kind K] [--allow-private] FILE|DIR|URL...")
		fs.PrintDefaults()
	}
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		return usageError{"ingest needs at least one FILE, DIR or URL"}
	}
	inputs, err := collectInputs(fs.Args(), *kind)
	if err != nil {
		return err
	}
	db, err := store.Open(ctx, *dbPath)
	if err != nil {
		return err
	}
	defer db.Close()

	var t ingestTally
	var client *fetch.Client
	bar := newProgress(e.stderr, e.isTerminal, len(inputs))
	for _, in := range inputs {
		if ctx.Err() != nil {
			break
		}
		name := in.path
		if name == "" {
			name = in.meta.URL
			if client == nil {
				client = fetch.New(fetch.Options{UserAgent: "Claimwire/0.1 (ingest)", AllowLoopback: *private, AllowPrivate: *private})
			}
		}
		res, err := ingestOne(ctx, db, client, in)
		bar.step(filepath.Base(name))
		if err != nil {
			bar.finish()
			fmt.Fprintf(e.stderr, "claimwire ingest: %s: %v\n", name, err)
			t.failed++
			continue
		}
		t.docs++
		if res.DocumentNew {
			t.newDocs++
		} else {
			t.unchanged++
		}
		t.newClaims += len(res.New)
		t.duplicate += res.Duplicate
		t.superseded += res.Superseded
	}
	bar.finish()
	fmt.Fprintln(e.stdout, t)
	if ctx.Err() != nil {
		return fmt.Errorf("interrupted after %d of %d inputs: %w", t.docs+t.failed, len(inputs), ctx.Err())
	}
	if t.failed > 0 {
		return fmt.Errorf("%d of %d inputs failed", t.failed, len(inputs))
	}
	return nil
}

// ingestOne reads (or fetches), extracts and saves one input.
func ingestOne(ctx context.Context, db *store.DB, client *fetch.Client, in input) (claim.SaveResult, error) {
	var raw []byte
	meta := in.meta
	var fetched claim.Document
	if in.path != "" {
		fi, err := os.Stat(in.path)
		if err != nil {
			return claim.SaveResult{}, err
		}
		if fi.Size() > maxIngestBytes {
			return claim.SaveResult{}, fmt.Errorf("%d bytes over the %d-byte limit: %w", fi.Size(), maxIngestBytes, claim.ErrTooLarge)
		}
		if raw, err = os.ReadFile(in.path); err != nil {
			return claim.SaveResult{}, err
		}
		fetched.FetchedAt = fi.ModTime()
	} else {
		resp, err := client.Fetch(ctx, meta.URL, claim.URLState{})
		if err != nil {
			return claim.SaveResult{}, err
		}
		raw, fetched.FetchedAt = resp.Body, resp.FetchedAt
		if resp.FinalURL != "" {
			meta.URL = resp.FinalURL
		}
	}
	doc, err := extractors.Read(raw, meta)
	if err != nil {
		return claim.SaveResult{}, err
	}
	doc.FetchedAt = fetched.FetchedAt
	return db.SaveDocument(ctx, doc, extractors.Extract(doc))
}

// collectInputs expands the arguments: URLs as they are, files as given, and
// directories recursively (.html, .htm, .txt, .md and extension-less files;
// hidden entries and README/LICENSE files skipped). A docs.jsonl manifest in
// a directory (or its parent) supplies URL, title, published date and kind
// for the files it lists, as fixtures/corpus does.
func collectInputs(args []string, kind string) ([]input, error) {
	var out []input
	for _, a := range args {
		if strings.HasPrefix(a, "http://") || strings.HasPrefix(a, "https://") {
			out = append(out, input{meta: claim.Source{URL: a, Kind: kind}})
			continue
		}
		abs, err := filepath.Abs(a)
		if err != nil {
			return nil, err
		}
		fi, err := os.Stat(abs)
		if err != nil {
			return nil, fmt.Errorf("input %s: %w", a, err)
		}
		manifest, err := readManifests(abs, fi.IsDir())
		if err != nil {
			return nil, err
		}
		if !fi.IsDir() {
			out = append(out, fileInput(abs, kind, manifest))
			continue
		}
		err = filepath.WalkDir(abs, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if p != abs && strings.HasPrefix(d.Name(), ".") {
				if d.IsDir() {
					return filepath.SkipDir
				}
				return nil
			}
			if !d.IsDir() && ingestible(d.Name()) {
				out = append(out, fileInput(p, kind, manifest))
			}
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("input %s: %w", a, err)
		}
	}
	return out, nil
}

func ingestible(name string) bool {
	upper := strings.ToUpper(name)
	for _, skip := range []string{"README", "LICENSE", "CHANGELOG"} {
		if strings.HasPrefix(upper, skip) {
			return false
		}
	}
	switch strings.ToLower(filepath.Ext(name)) {
	case ".html", ".htm", ".txt", ".md", "":
		return true
	}
	return false
}

func fileInput(path, kind string, manifest map[string]claim.Source) input {
	meta, ok := manifest[path]
	if !ok {
		meta = claim.Source{URL: fileURL(path)}
	}
	if meta.Kind == "" {
		meta.Kind = kind
	}
	return input{path: path, meta: meta}
}

// fileURL names a local file as a file:// URL of its absolute path.
func fileURL(path string) string {
	if abs, err := filepath.Abs(path); err == nil {
		path = abs
	}
	return "file://" + filepath.ToSlash(path)
}

// manifestLine is one line of a docs.jsonl manifest.
type manifestLine struct {
	URL       string `json:"url"`
	Title     string `json:"title"`
	Published string `json:"published"`
	Kind      string `json:"kind"`
	Form      string `json:"form"`
	CIK       string `json:"cik"`
	Accession string `json:"accession"`
	File      string `json:"file"`
}

// readManifests loads docs.jsonl from the input's directory and its parent,
// keyed by the absolute path of each listed file.
func readManifests(abs string, isDir bool) (map[string]claim.Source, error) {
	dir := abs
	if !isDir {
		dir = filepath.Dir(abs)
	}
	m := map[string]claim.Source{}
	for _, d := range []string{filepath.Dir(dir), dir} {
		f, err := os.Open(filepath.Join(d, "docs.jsonl"))
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return nil, err
		}
		sc := bufio.NewScanner(f)
		sc.Buffer(nil, 1<<20)
		for n := 1; sc.Scan(); n++ {
			var l manifestLine
			if err := json.Unmarshal(sc.Bytes(), &l); err != nil || l.File == "" || l.URL == "" {
				f.Close()
				return nil, fmt.Errorf("%s line %d: want a JSON object with url and file", f.Name(), n)
			}
			m[filepath.Join(d, filepath.FromSlash(l.File))] = claim.Source{URL: l.URL, Title: l.Title,
				Published: l.Published, Kind: l.Kind, Form: l.Form, CIK: l.CIK, Accession: l.Accession}
		}
		f.Close()
		if err := sc.Err(); err != nil {
			return nil, fmt.Errorf("%s: %w", filepath.Join(d, "docs.jsonl"), err)
		}
	}
	return m, nil
}
