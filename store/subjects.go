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

// rekey moves the claims whose subject is one of keys to canonical, and
// re-keys those whose counterparty is one of them (the fact key holds the
// canonical counterparty); it touches the old and new facts.
func (w *writer) rekey(ctx context.Context, keys map[string]bool, canonical string) error {
	named := func(s string) bool { return s != "" && keys[aliasKey(s)] }
	found, err := w.storedClaims(ctx, "", func(s *storedClaim) bool {
		return named(s.c.Subject) || named(s.c.Counterparty)
	})
	if err != nil {
		return fmt.Errorf("find aliased claims: %w", err)
	}
	for _, s := range found {
		canon := s.canonical
		if named(s.c.Subject) {
			canon = canonical
		}
		if err := w.moveClaim(ctx, s, canon); err != nil {
			return err
		}
	}
	return nil
}

// storedClaim is what re-keying reads of a stored claim.
type storedClaim struct {
	seq       int64
	c         claim.Claim // the fields the fact key reads, and the subject and counterparty as written
	canonical string      // the stored canonical subject
	day       string      // the stored published day
	key       string      // the stored fact key
}

// storedClaims reads the claims, current and superseded, that match cond (a
// condition on claims, "" for all) and that keep accepts.
func (w *writer) storedClaims(ctx context.Context, cond string, keep func(*storedClaim) bool) ([]storedClaim, error) {
	q := `SELECT seq, subject, canonical, metric, segment, period, basis, unit, modality, counterparty,
		published, fact_key FROM claims`
	if cond != "" {
		q += " WHERE " + cond
	}
	rows, err := w.tx.QueryContext(ctx, q)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []storedClaim
	for rows.Next() {
		var s storedClaim
		if err := rows.Scan(&s.seq, &s.c.Subject, &s.canonical, &s.c.Metric, &s.c.Segment, &s.c.Period, &s.c.Basis,
			&s.c.Unit, &s.c.Modality, &s.c.Counterparty, &s.day, &s.key); err != nil {
			return nil, err
		}
		if keep == nil || keep(&s) {
			out = append(out, s)
		}
	}
	return out, rows.Err()
}

// moveClaim gives a stored claim the canonical subject and the fact key that
// follows from it and its counterparty as the aliases resolve it now, and
// touches the fact it leaves and the one it joins. A claim already there is
// left alone, so running it again changes nothing.
func (w *writer) moveClaim(ctx context.Context, s storedClaim, canonical string) error {
	var cp string
	if s.c.Counterparty != "" {
		var err error
		if cp, err = w.canonical(ctx, s.c.Counterparty); err != nil {
			return err
		}
	}
	key := factKey(canonical, cp, s.c, factPeriod(s.c.Period, s.day))
	if canonical == s.canonical && key == s.key {
		return nil
	}
	if w.move == nil {
		stmt, err := w.tx.PrepareContext(ctx, "UPDATE claims SET canonical = ?, fact_key = ? WHERE seq = ?")
		if err != nil {
			return fmt.Errorf("prepare: %w", err)
		}
		w.move = stmt
	}
	if _, err := w.move.ExecContext(ctx, canonical, key, s.seq); err != nil {
		return fmt.Errorf("move claim %d to fact %s: %w", s.seq, key, err)
	}
	w.touch(s.key, 0)
	w.touch(key, 0)
	return nil
}
