package store

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"io/fs"
	"sort"
	"strconv"
	"strings"
)

//go:embed migrations/*.sql
var migrationFiles embed.FS

type migration struct {
	version int
	name    string
	sql     string
	// step, when set, is the version's Go step (see goSteps).
	step func(ctx context.Context, db *DB, tx *sql.Tx) error
}

// goSteps holds the migration steps that SQL alone cannot do, by version:
// recomputing fact keys or facts needs the store's Go code. A version's step
// runs in the migration transaction right after that version's SQL file and
// before the version is recorded and any later version's SQL, so a failure
// rolls the whole upgrade back and the database keeps its old version. A
// step sees the schema as of its version; one that goes through the writer
// (newWriter, touch, updateFacts) relies on the tables that writer uses, so a
// later migration that changes them must keep the step working. Steps must
// be idempotent: running one over data it already fixed changes nothing.
// Every step needs a SQL file of its version (a comment is enough).
var goSteps = map[int]func(ctx context.Context, db *DB, tx *sql.Tx) error{
	9: rekeyCounterparties,
}

// migrations returns the embedded migrations in version order; a file is named
// NNNN_what.sql and its number is its version.
func migrations() ([]migration, error) {
	entries, err := fs.ReadDir(migrationFiles, "migrations")
	if err != nil {
		return nil, err
	}
	var ms []migration
	for _, e := range entries {
		num, _, ok := strings.Cut(e.Name(), "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil {
			return nil, fmt.Errorf("migration %s: name must start with its number", e.Name())
		}
		b, err := migrationFiles.ReadFile("migrations/" + e.Name())
		if err != nil {
			return nil, err
		}
		ms = append(ms, migration{version: v, name: e.Name(), sql: string(b), step: goSteps[v]})
	}
	sort.Slice(ms, func(i, j int) bool { return ms[i].version < ms[j].version })
	for i, m := range ms {
		if m.version != i+1 {
			return nil, fmt.Errorf("migration %s: want version %d", m.name, i+1)
		}
	}
	for v := range goSteps {
		if v < 1 || v > len(ms) {
			return nil, fmt.Errorf("migration step %d in Go: no migration file of that version", v)
		}
	}
	return ms, nil
}

// SchemaVersion is the schema version this build writes.
func SchemaVersion() int {
	ms, _ := migrations()
	return len(ms)
}

// migrate applies the pending migrations, each version's SQL and then its Go
// step, in one transaction. A database whose version is newer than this build
// knows is refused rather than misread.
func (db *DB) migrate(ctx context.Context) error {
	ms, err := migrations()
	if err != nil {
		return err
	}
	return db.migrateTo(ctx, ms, len(ms))
}

// migrateTo applies the pending migrations up to version target (tests build
// older databases with it).
func (db *DB) migrateTo(ctx context.Context, ms []migration, target int) error {
	return db.tx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_version (
			version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL) STRICT`); err != nil {
			return fmt.Errorf("create schema_version: %w", err)
		}
		var cur int
		if err := tx.QueryRowContext(ctx, "SELECT coalesce(max(version), 0) FROM schema_version").Scan(&cur); err != nil {
			return fmt.Errorf("read schema version: %w", err)
		}
		if cur > len(ms) {
			return fmt.Errorf("%w: schema version %d, this build knows up to %d; upgrade claimwire",
				ErrNewerSchema, cur, len(ms))
		}
		for _, m := range ms[cur:max(cur, target)] {
			if _, err := tx.ExecContext(ctx, m.sql); err != nil {
				return fmt.Errorf("migration %s: %w", m.name, err)
			}
			if m.step != nil {
				if err := m.step(ctx, db, tx); err != nil {
					return fmt.Errorf("migration %s (Go step): %w", m.name, err)
				}
			}
			if _, err := tx.ExecContext(ctx, "INSERT INTO schema_version (version, applied_at) VALUES (?, ?)",
				m.version, db.stamp()); err != nil {
				return fmt.Errorf("migration %s: %w", m.name, err)
			}
		}
		return nil
	})
}

// rekeyCounterparties is migration 0009's Go step: the fact key now holds the
// claim's canonical counterparty when it names one, so every stored claim
// that names one (superseded ones too, so that a revived claim joins the
// right fact) gets its new key, and the facts they leave and join are
// recomputed by the writer, as when aliases move claims; the new facts get
// their counterparty column. Claims without a counterparty keep their keys.
// The fact changes go to no outbox: like SaveAliases, this is no news.
func rekeyCounterparties(ctx context.Context, db *DB, tx *sql.Tx) error {
	w, err := db.newWriter(ctx, tx)
	if err != nil {
		return err
	}
	defer w.close()
	found, err := w.storedClaims(ctx, "counterparty != ''", nil)
	if err != nil {
		return fmt.Errorf("find claims with a counterparty: %w", err)
	}
	for _, s := range found {
		if err := w.moveClaim(ctx, s, s.canonical); err != nil {
			return err
		}
	}
	_, _, err = w.updateFacts(ctx)
	return err
}
