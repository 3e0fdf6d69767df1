package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"github.com/claimwire/claimwire/claim"
)

// SubjectCount is a subject with its aliases and its number of current claims.
type SubjectCount struct {
	Name    string   `json:"name"`
	Aliases []string `json:"aliases,omitempty"`
	Claims  int      `json:"claims"`
}

// MetricCount is a metric with its number of current claims.
type MetricCount struct {
	Metric claim.Metric `json:"metric"`
	Claims int          `json:"claims"`
}

// Subjects lists the subjects that have claims, most claimed first.
func (db *DB) Subjects(ctx context.Context) ([]SubjectCount, error) {
	rows, err := db.r.QueryContext(ctx, `SELECT canonical, count(*) FROM claims
		WHERE superseded_at IS NULL GROUP BY canonical ORDER BY count(*) DESC, canonical`)
	if err != nil {
		return nil, fmt.Errorf("subjects: %w", classify(err))
	}
	var out []SubjectCount
	for rows.Next() {
		var s SubjectCount
		if err := rows.Scan(&s.Name, &s.Claims); err != nil {
			rows.Close()
			return nil, fmt.Errorf("subjects: %w", err)
		}
		out = append(out, s)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("subjects: %w", classify(err))
	}
	aliases, err := db.aliasMap(ctx)
	if err != nil {
		return nil, err
	}
	for i := range out {
		out[i].Aliases = aliases[strings.ToLower(out[i].Name)]
	}
	return out, nil
}

// aliasMap returns each canonical name (lowercased) with its other names.
func (db *DB) aliasMap(ctx context.Context) (map[string][]string, error) {
	rows, err := db.r.QueryContext(ctx, "SELECT alias, canonical FROM aliases ORDER BY alias")
	if err != nil {
		return nil, fmt.Errorf("aliases: %w", classify(err))
	}
	defer rows.Close()
	m := map[string][]string{}
	for rows.Next() {
		var a, c string
		if err := rows.Scan(&a, &c); err != nil {
			return nil, fmt.Errorf("aliases: %w", err)
		}
		if a != aliasKey(c) {
			m[strings.ToLower(c)] = append(m[strings.ToLower(c)], a)
		}
	}
	return m, classify(rows.Err())
}

// MetricCounts lists the metrics that have claims, most claimed first.
func (db *DB) MetricCounts(ctx context.Context) ([]MetricCount, error) {
	// The subject index holds every current claim's metric: scanning it reads
	// far less than the table.
	rows, err := db.r.QueryContext(ctx, `SELECT metric, count(*) FROM claims INDEXED BY claims_subject
		WHERE superseded_at IS NULL GROUP BY metric ORDER BY count(*) DESC, metric`)
	if err != nil {
		return nil, fmt.Errorf("metric counts: %w", classify(err))
	}
	defer rows.Close()
	var out []MetricCount
	for rows.Next() {
		var m MetricCount
		if err := rows.Scan(&m.Metric, &m.Claims); err != nil {
			return nil, fmt.Errorf("metric counts: %w", err)
		}
		out = append(out, m)
	}
	return out, classify(rows.Err())
}

// Timeline returns the current claims of a subject (any alias) and metric in
// published order, oldest first; undated claims come last.
func (db *DB) Timeline(ctx context.Context, subject string, metric claim.Metric) ([]claim.TimelinePoint, error) {
	canon, err := db.resolve(ctx, subject)
	if err != nil {
		return nil, fmt.Errorf("timeline: %w", err)
	}
	claims, pos, err := db.queryClaims(ctx, "SELECT "+claimCols+` FROM claims c JOIN documents d ON d.id = c.doc_id
		WHERE c.canonical = ? AND c.metric = ? AND c.superseded_at IS NULL
		ORDER BY c.published = '', c.published, c.seq`, canon, string(metric))
	if err != nil {
		return nil, fmt.Errorf("timeline %s %s: %w", subject, metric, err)
	}
	out := make([]claim.TimelinePoint, len(claims))
	for i, c := range claims {
		out[i] = claim.TimelinePoint{Published: pos[i].day, Claim: c}
	}
	return out, nil
}

// SaveAliases records that each alias names canonical. Claims already stored
// under an alias move to the canonical subject, and the facts they leave and
// join are recomputed.
func (db *DB) SaveAliases(ctx context.Context, canonical string, aliases ...string) error {
	canonical = strings.Join(strings.Fields(canonical), " ")
	if canonical == "" {
		return fmt.Errorf("save aliases: %w: empty canonical name", claim.ErrInvalid)
	}
	names := append([]string{canonical}, aliases...)
	err := db.tx(ctx, func(tx *sql.Tx) error {
		w, err := db.newWriter(ctx, tx)
		if err != nil {
			return err
		}
		defer w.close()
		keys := map[string]bool{}
		for _, a := range names {
			k := aliasKey(a)
			if k == "" || keys[k] {
				continue
			}
			keys[k] = true
			if _, err := tx.ExecContext(ctx, `INSERT INTO aliases (alias, canonical) VALUES (?, ?)
				ON CONFLICT (alias) DO UPDATE SET canonical = excluded.canonical`, k, canonical); err != nil {
				return fmt.Errorf("alias %q: %w", a, err)
			}
		}
		if err := w.rekey(ctx, keys, canonical); err != nil {
			return err
		}
		_, _, err = w.updateFacts(ctx)
		return err
	})
	if err != nil {
		return fmt.Errorf("save aliases of %s: %w", canonical, err)
	}
	return nil
}

// rekey moves the claims whose subject is one of keys to canonical, with the
// fact keys that follow from it; it touches the old and new facts.
func (w *writer) rekey(ctx context.Context, keys map[string]bool, canonical string) error {
	rows, err := w.tx.QueryContext(ctx, `SELECT seq, subject, canonical, metric, segment, period, basis, unit,
		modality, published, fact_key FROM claims`)
	if err != nil {
		return fmt.Errorf("find aliased claims: %w", err)
	}
	type move struct {
		seq      int64
		old, new string
	}
	var moves []move
	for rows.Next() {
		var c claim.Claim
		var seq int64
		var canon, day, old string
		if err := rows.Scan(&seq, &c.Subject, &canon, &c.Metric, &c.Segment, &c.Period, &c.Basis, &c.Unit,
			&c.Modality, &day, &old); err != nil {
			rows.Close()
			return err
		}
		if !keys[aliasKey(c.Subject)] || canon == canonical {
			continue
		}
		moves = append(moves, move{seq, old, factKey(canonical, c, factPeriod(c.Period, day))})
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for _, m := range moves {
		if _, err := w.tx.ExecContext(ctx, "UPDATE claims SET canonical = ?, fact_key = ? WHERE seq = ?",
			canonical, m.new, m.seq); err != nil {
			return fmt.Errorf("move claim to %s: %w", canonical, err)
		}
		w.touch(m.old, 0)
		w.touch(m.new, 0)
	}
	return nil
}
