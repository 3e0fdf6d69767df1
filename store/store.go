// Package store keeps Claimwire's documents, claims, facts and crawl state in
// SQLite through database/sql and plain SQL. Schema migrations are embedded and
// applied on Open; one writer connection serializes writes while a pool of
// query-only connections serves reads (WAL lets them run during a write).
//
// Documents are keyed by canonical URL (else URL). Saving the same URL with the
// same content hash changes nothing; changed text marks the old claims it no
// longer asserts superseded (kept, hidden from FindClaims unless
// Query.IncludeSuperseded) and adds the new ones. Claim ids are primary keys,
// so a duplicate insert is a no-op.
//
// Claims of the same canonical subject (after aliases), metric, segment,
// period (a claim without one takes the quarter it was published in), basis,
// unit and modality, and the same canonical counterparty when they name one,
// form a fact. A fact's value is the one the most
// independent sources agree on (ties: the latest); sources are independent
// when they have different publishers (URL host without www., else the
// document's attribution) and different content hashes (a syndicated copy
// counts once). Agreement is within 2% (5% for "about") for money, counts and
// other units, and within 1 point (2 for "about") for percent and pp.
//
// Full-text search uses FTS5 when the binary is built with the sqlite_fts5
// tag; without it (FullText reports false) search falls back to LIKE.
package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"time"

	"github.com/mattn/go-sqlite3"

	"github.com/claimwire/claimwire/claim"
)

// DB is a Claimwire database: a single writer connection and a reader pool.
type DB struct {
	path     string
	w        *sql.DB // one connection: SQLite allows one writer at a time
	r        *sql.DB // read-only pool
	fullText bool
	facts    bool // keep fact changes in the fact outbox (WithFactOutbox)
	busy     time.Duration
	now      func() time.Time
	// manyMatches switches the search plan (see searchCondition).
	manyMatches int
}

// Option adjusts how Open opens a database.
type Option func(*config)

type config struct {
	busyTimeout time.Duration
	maxPages    int
	readers     int
	noFullText  bool
	factOutbox  bool
	now         func() time.Time
}

// WithBusyTimeout sets how long a write waits for another process's lock
// before failing with ErrLocked (default 5s).
func WithBusyTimeout(d time.Duration) Option { return func(c *config) { c.busyTimeout = d } }

// WithMaxPages caps the database at n pages (PRAGMA max_page_count); writes past
// it fail with ErrFull. Meant for tests that simulate a full disk.
func WithMaxPages(n int) Option { return func(c *config) { c.maxPages = n } }

// WithoutFullText makes search use LIKE even when FTS5 is available (the
// fallback a build without the sqlite_fts5 tag uses).
func WithoutFullText() Option { return func(c *config) { c.noFullText = true } }

// WithFactOutbox keeps each save's fact changes in the fact outbox until the
// NATS pipeline publishes them. A database only ingested into and queried
// has no one to publish them to, so it keeps none (they would only grow).
func WithFactOutbox() Option { return func(c *config) { c.factOutbox = true } }

// WithClock sets the clock used for created_at/updated_at stamps.
func WithClock(now func() time.Time) Option { return func(c *config) { c.now = now } }

// Errors Open and the write methods return (wrapped) for the conditions a user
// can act on.
var (
	ErrNotDatabase = errors.New("not a SQLite database, or corrupt")
	ErrNewerSchema = errors.New("database was written by a newer claimwire")
	ErrLocked      = errors.New("database is locked by another connection or process")
	ErrFull        = errors.New("database or disk is full")
	ErrReadOnly    = errors.New("database or its directory is read-only")
	ErrCannotOpen  = errors.New("cannot open or create the database file (missing or read-only directory?)")
)

// Open opens (creating if needed) the database at path, applies pending
// migrations and detects whether FTS5 full-text search is available.
func Open(ctx context.Context, path string, opts ...Option) (*DB, error) {
	cfg := config{busyTimeout: 5 * time.Second, readers: max(4, runtime.NumCPU()), now: time.Now}
	for _, o := range opts {
		o(&cfg)
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	if fi, err := os.Stat(abs); err == nil && fi.IsDir() {
		return nil, fmt.Errorf("open %s: is a directory, want a database file", path)
	}
	db := &DB{path: path, busy: cfg.busyTimeout, now: cfg.now, manyMatches: defaultManyMatches, facts: cfg.factOutbox}
	if err := db.openWriter(ctx, abs, cfg); err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	db.r, err = sql.Open(readerDriver, dsn(abs, cfg, true))
	if err != nil {
		db.w.Close()
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	db.r.SetMaxOpenConns(cfg.readers)
	db.r.SetMaxIdleConns(cfg.readers)
	if err := db.r.PingContext(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("open %s readers: %w", path, classify(err))
	}
	return db, nil
}

// openWriter opens the writer connection and sets the database up. Switching
// a new file to WAL takes a lock that SQLite's busy handler does not wait for,
// so two processes creating the same file at once can see "database is
// locked": the loser tries again until the busy timeout has passed.
func (db *DB) openWriter(ctx context.Context, abs string, cfg config) error {
	start := time.Now()
	for wait := 5 * time.Millisecond; ; wait = min(wait*2, 100*time.Millisecond) {
		w, err := sql.Open("sqlite3", dsn(abs, cfg, false))
		if err != nil {
			return err
		}
		w.SetMaxOpenConns(1)
		w.SetConnMaxIdleTime(0)
		db.w = w
		err = db.setup(ctx, cfg)
		if err == nil {
			return nil
		}
		w.Close()
		if !errors.Is(err, ErrLocked) || time.Since(start)+wait > cfg.busyTimeout {
			return err
		}
		select {
		case <-ctx.Done():
			return err
		case <-time.After(wait):
		}
	}
}

func dsn(abs string, cfg config, readOnly bool) string {
	q := url.Values{}
	q.Set("_busy_timeout", strconv.FormatInt(cfg.busyTimeout.Milliseconds(), 10))
	q.Set("_foreign_keys", "on")
	q.Set("_synchronous", "NORMAL")
	// A large page cache keeps the random-keyed indexes (claim id, fact key,
	// publication day) in memory during bulk ingest: at a million claims they
	// outgrow 64 MB, and 256 MB loads about a fifth more claims per CPU-second.
	// Negative sizes are KiB; pages are allocated only as they are used.
	q.Set("_cache_size", "-262144")
	if readOnly {
		q.Set("_query_only", "true")
		q.Set("_cache_size", "-16384")
		// The driver keeps this many prepared statements per reader
		// connection, so that a listing does not compile its SQL on every
		// request (about 80 µs of a filtered listing's 0.7 ms at a million
		// claims). The listing's text varies only with which filters are set.
		q.Set("_stmt_cache_size", "64")
	} else {
		q.Set("_journal_mode", "WAL")
		q.Set("_txlock", "immediate")
	}
	u := url.URL{Scheme: "file", Path: abs, RawQuery: q.Encode()}
	return u.String()
}

// setup checks the file, migrates and probes FTS5 on the writer connection.
func (db *DB) setup(ctx context.Context, cfg config) error {
	if err := db.w.PingContext(ctx); err != nil {
		return classify(err)
	}
	// Reading the schema is the first thing that touches the file's header.
	if _, err := db.w.ExecContext(ctx, "SELECT count(*) FROM sqlite_master"); err != nil {
		return classify(err)
	}
	// Checkpoint every ~200 MB of WAL rather than 4 MB: a bulk ingest rewrites
	// the same random-keyed index pages in commit after commit (thousands per
	// batch), and each checkpoint copies a page into the database file once
	// however often it was rewritten. Past a checkpoint the WAL file is cut
	// back to 64 MB so it does not keep its peak size on disk. Sorts and temp
	// b-trees stay in memory, and reads of the database file go through a
	// 256 MB memory map instead of a read call per page.
	for _, p := range []string{
		"PRAGMA wal_autocheckpoint = 50000",
		"PRAGMA journal_size_limit = 67108864",
		"PRAGMA temp_store = MEMORY",
		"PRAGMA mmap_size = 268435456",
	} {
		if _, err := db.w.ExecContext(ctx, p); err != nil {
			return classify(err)
		}
	}
	if cfg.maxPages > 0 {
		if _, err := db.w.ExecContext(ctx, fmt.Sprintf("PRAGMA max_page_count = %d", cfg.maxPages)); err != nil {
			return classify(err)
		}
	}
	if err := db.migrate(ctx); err != nil {
		return err
	}
	return db.setupFullText(ctx, !cfg.noFullText)
}

// Close closes the reader pool and the writer.
func (db *DB) Close() error {
	var errs []error
	if db.r != nil {
		errs = append(errs, db.r.Close())
	}
	if db.w != nil {
		errs = append(errs, db.w.Close())
	}
	return errors.Join(errs...)
}

// Ping checks that both the writer and a reader answer.
func (db *DB) Ping(ctx context.Context) error {
	if err := db.w.PingContext(ctx); err != nil {
		return fmt.Errorf("ping writer: %w", classify(err))
	}
	if err := db.r.PingContext(ctx); err != nil {
		return fmt.Errorf("ping reader: %w", classify(err))
	}
	return nil
}

// FullText reports whether search uses FTS5 (true) or falls back to LIKE.
func (db *DB) FullText() bool { return db.fullText }

// Path returns the path the database was opened with.
func (db *DB) Path() string { return db.path }

// classify maps SQLite's error codes to the store's sentinel errors, keeping
// the original error in the chain.
func classify(err error) error {
	if err == nil {
		return nil
	}
	if errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("%w: %w", claim.ErrNotFound, err)
	}
	var se sqlite3.Error
	if !errors.As(err, &se) {
		return err
	}
	switch se.Code {
	case sqlite3.ErrNotADB, sqlite3.ErrCorrupt:
		return fmt.Errorf("%w: %w", ErrNotDatabase, err)
	case sqlite3.ErrBusy, sqlite3.ErrLocked:
		return fmt.Errorf("%w: %w", ErrLocked, err)
	case sqlite3.ErrFull:
		return fmt.Errorf("%w: %w", ErrFull, err)
	case sqlite3.ErrReadonly, sqlite3.ErrPerm:
		return fmt.Errorf("%w: %w", ErrReadOnly, err)
	case sqlite3.ErrCantOpen:
		return fmt.Errorf("%w: %w", ErrCannotOpen, err)
	}
	return err
}

// tx runs fn in one write transaction, committing if fn succeeds.
func (db *DB) tx(ctx context.Context, fn func(*sql.Tx) error) error {
	tx, err := db.w.BeginTx(ctx, nil)
	if err != nil {
		return classify(err)
	}
	if err := fn(tx); err != nil {
		tx.Rollback()
		return classify(err)
	}
	if err := tx.Commit(); err != nil {
		return classify(err)
	}
	return nil
}

func (db *DB) stamp() string { return db.now().UTC().Format(time.RFC3339) }
