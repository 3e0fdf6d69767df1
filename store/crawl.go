package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/claimwire/claimwire/claim"
)

// SourceState returns the crawl state of a configured source (claim.ErrNotFound
// when it was never saved).
func (db *DB) SourceState(ctx context.Context, name string) (claim.SourceState, error) {
	s, err := scanSourceState(db.r.QueryRowContext(ctx, "SELECT "+sourceStateCols+" FROM source_states WHERE name = ?", name))
	if err != nil {
		return s, fmt.Errorf("source state %s: %w", name, classify(err))
	}
	return s, nil
}

// SaveSourceState inserts or replaces a source's crawl state.
func (db *DB) SaveSourceState(ctx context.Context, s claim.SourceState) error {
	if s.Status == "" {
		s.Status = "never"
	}
	err := db.tx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT OR REPLACE INTO source_states (`+sourceStateCols+`)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, s.Name, s.Kind, timeText(s.LastCheck), timeText(s.NextCheck),
			s.Status, s.ErrorCount, s.LastError, s.Documents, s.Claims)
		return err
	})
	if err != nil {
		return fmt.Errorf("save source state %s: %w", s.Name, err)
	}
	return nil
}

// SourceStates lists every saved source state by name.
func (db *DB) SourceStates(ctx context.Context) ([]claim.SourceState, error) {
	rows, err := db.r.QueryContext(ctx, "SELECT "+sourceStateCols+" FROM source_states ORDER BY name")
	if err != nil {
		return nil, fmt.Errorf("source states: %w", classify(err))
	}
	defer rows.Close()
	var out []claim.SourceState
	for rows.Next() {
		s, err := scanSourceState(rows)
		if err != nil {
			return nil, fmt.Errorf("source states: %w", err)
		}
		out = append(out, s)
	}
	return out, classify(rows.Err())
}

const sourceStateCols = "name, kind, last_check, next_check, status, error_count, last_error, documents, claims"

func scanSourceState(r interface{ Scan(...any) error }) (claim.SourceState, error) {
	var s claim.SourceState
	var last, next string
	err := r.Scan(&s.Name, &s.Kind, &last, &next, &s.Status, &s.ErrorCount, &s.LastError, &s.Documents, &s.Claims)
	s.LastCheck, s.NextCheck = parseTime(last), parseTime(next)
	return s, err
}

// URLState returns what the crawler remembers of a URL (claim.ErrNotFound when
// nothing).
func (db *DB) URLState(ctx context.Context, url string) (claim.URLState, error) {
	var s claim.URLState
	var fetched, next string
	err := db.r.QueryRowContext(ctx, "SELECT "+urlStateCols+" FROM url_states WHERE url = ?", url).Scan(
		&s.URL, &s.Source, &s.ETag, &s.LastModified, &s.ContentHash, &s.LastStatus, &s.Errors, &fetched, &next)
	if err != nil {
		return s, fmt.Errorf("url state %s: %w", url, classify(err))
	}
	s.FetchedAt, s.NextCheck = parseTime(fetched), parseTime(next)
	return s, nil
}

// SaveURLState inserts or replaces a URL's crawl state.
func (db *DB) SaveURLState(ctx context.Context, s claim.URLState) error {
	err := db.tx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, saveURLStateSQL, urlStateArgs(s)...)
		return err
	})
	if err != nil {
		return fmt.Errorf("save url state %s: %w", s.URL, err)
	}
	return nil
}

const saveURLStateSQL = `INSERT OR REPLACE INTO url_states (` + urlStateCols + `) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`

func urlStateArgs(s claim.URLState) []any {
	return []any{s.URL, s.Source, s.ETag, s.LastModified, s.ContentHash, s.LastStatus, s.Errors,
		timeText(s.FetchedAt), timeText(s.NextCheck)}
}

// saveURLStates writes the URL states that come with a batch's documents.
func saveURLStates(ctx context.Context, tx *sql.Tx, docs []Batch) error {
	var stmt *sql.Stmt
	for _, b := range docs {
		if b.State.URL == "" {
			continue
		}
		if stmt == nil {
			var err error
			if stmt, err = tx.PrepareContext(ctx, saveURLStateSQL); err != nil {
				return fmt.Errorf("save url states: %w", err)
			}
			defer stmt.Close()
		}
		if _, err := stmt.ExecContext(ctx, urlStateArgs(b.State)...); err != nil {
			return fmt.Errorf("save url state %s: %w", b.State.URL, err)
		}
	}
	return nil
}

const urlStateCols = "url, source, etag, last_modified, content_hash, last_status, errors, fetched_at, next_check"

func timeText(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339Nano)
}

func parseTime(s string) time.Time {
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return time.Time{}
	}
	return t
}
