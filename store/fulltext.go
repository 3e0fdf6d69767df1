package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"unicode"
)

// The FTS5 index is contentless: it holds only the tokens of each claim's quote
// and its document's title, keyed by claims.seq, so it adds no second copy of
// the text. Nothing ranks matches, so it keeps no column sizes either
// (columnsize=0: one b-tree insert less per claim; an index created before
// keeps its sizes, which nothing reads). It is created in code, not in a
// migration, because a binary built without the sqlite_fts5 tag has no fts5
// module.
const createFTS = `CREATE VIRTUAL TABLE claims_fts USING fts5(quote, title, content='', columnsize=0,
	tokenize='unicode61 remove_diacritics 2')`

// setupFullText detects FTS5 and creates or repairs the index. A build without
// FTS5 that writes to a database with an index marks it stale (meta fts_stale),
// and the next FTS5 build rebuilds it.
func (db *DB) setupFullText(ctx context.Context, want bool) error {
	probeErr := errors.New("full-text search turned off")
	if want {
		_, probeErr = db.w.ExecContext(ctx, "CREATE VIRTUAL TABLE temp.fts5_probe USING fts5(x)")
	}
	if probeErr == nil {
		if _, err := db.w.ExecContext(ctx, "DROP TABLE temp.fts5_probe"); err != nil {
			return fmt.Errorf("drop fts5 probe: %w", classify(err))
		}
	}
	db.fullText = probeErr == nil
	var exists int
	if err := db.w.QueryRowContext(ctx,
		"SELECT count(*) FROM sqlite_master WHERE name = 'claims_fts'").Scan(&exists); err != nil {
		return fmt.Errorf("look for fts index: %w", classify(err))
	}
	if !db.fullText {
		if exists == 0 {
			return nil
		}
		_, err := db.w.ExecContext(ctx, "INSERT INTO meta (key, value) VALUES ('fts_stale', '1') ON CONFLICT (key) DO UPDATE SET value = '1'")
		return classify(err)
	}
	var stale int
	if err := db.w.QueryRowContext(ctx, "SELECT count(*) FROM meta WHERE key = 'fts_stale' AND value = '1'").Scan(&stale); err != nil {
		return fmt.Errorf("read fts state: %w", classify(err))
	}
	if exists == 1 && stale == 0 {
		return nil
	}
	return db.tx(ctx, func(tx *sql.Tx) error {
		// Look again under the write lock (transactions begin immediate):
		// another process opening the same file may have built the index
		// between the look above and this transaction.
		if err := tx.QueryRowContext(ctx, "SELECT count(*) FROM sqlite_master WHERE name = 'claims_fts'").Scan(&exists); err != nil {
			return fmt.Errorf("look for fts index: %w", err)
		}
		if err := tx.QueryRowContext(ctx, "SELECT count(*) FROM meta WHERE key = 'fts_stale' AND value = '1'").Scan(&stale); err != nil {
			return fmt.Errorf("read fts state: %w", err)
		}
		if exists == 1 && stale == 0 {
			return nil
		}
		if exists == 1 {
			if _, err := tx.ExecContext(ctx, "DROP TABLE claims_fts"); err != nil {
				return fmt.Errorf("drop stale fts index: %w", err)
			}
		}
		if _, err := tx.ExecContext(ctx, createFTS); err != nil {
			return fmt.Errorf("create fts index: %w", err)
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO claims_fts (rowid, quote, title)
			SELECT c.seq, c.quote, d.title FROM claims c JOIN documents d ON d.id = c.doc_id`); err != nil {
			return fmt.Errorf("fill fts index: %w", err)
		}
		_, err := tx.ExecContext(ctx, "DELETE FROM meta WHERE key = 'fts_stale'")
		return err
	})
}

// ftsQuery turns what a user typed into a safe FTS5 query: each word becomes a
// quoted term (all must match); a trailing * keeps prefix search. Punctuation
// and FTS5 operators are not passed through, so no input is a syntax error.
func ftsQuery(s string) string {
	var terms []string
	for _, w := range strings.FieldsFunc(s, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '*'
	}) {
		prefix := strings.HasSuffix(w, "*")
		w = strings.Trim(w, "*")
		if w == "" {
			continue
		}
		t := `"` + w + `"`
		if prefix {
			t += "*"
		}
		terms = append(terms, t)
	}
	return strings.Join(terms, " ")
}

// likeTerms splits a search into words for the LIKE fallback.
func likeTerms(s string) []string {
	var out []string
	for _, w := range strings.FieldsFunc(s, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	}) {
		out = append(out, "%"+escapeLike(w)+"%")
	}
	return out
}

func escapeLike(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)
	return r.Replace(s)
}
