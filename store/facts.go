package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math"

	"github.com/claimwire/claimwire/claim"
)

// Tolerances for "agree": money, counts and every other unit agree within 2%
// of the larger value (5% when either side says "about"); percent and
// percentage points agree within 1 point (2 with "about"), because "up 150%"
// and "up 151%" are the same report while 2% of a 3% margin would be nothing.
const (
	relTolerance       = 0.02
	relToleranceApprox = 0.05
	absTolerance       = 1.0
	absToleranceApprox = 2.0
)

// factClaim is what fact computation needs of one claim.
type factClaim struct {
	id        string
	value     float64
	valueMax  sql.NullFloat64
	qualifier string
	unit      string
	published string
	seq       int64
	host      string
	hash      string
}

// interval is the range of values a claim asserts: a point, or its range.
func (c factClaim) interval() (lo, hi float64) {
	lo, hi = c.value, c.value
	if c.valueMax.Valid {
		hi = c.valueMax.Float64
		if hi < lo {
			lo, hi = hi, lo
		}
	}
	return lo, hi
}

// agrees reports whether claim c supports the value v within tolerance.
func agrees(v float64, c factClaim) bool {
	approx := c.qualifier == string(claim.Approx)
	lo, hi := c.interval()
	var tol float64
	switch c.unit {
	case claim.Percent, claim.PP:
		tol = absTolerance
		if approx {
			tol = absToleranceApprox
		}
	default:
		rel := relTolerance
		if approx {
			rel = relToleranceApprox
		}
		tol = rel * math.Max(math.Abs(v), math.Max(math.Abs(lo), math.Abs(hi)))
	}
	return v >= lo-tol && v <= hi+tol
}

// independentSources groups claims into independent sources: claims from the
// same publisher are one source, and so are claims read from documents with
// the same content hash (a syndicated copy under another URL). It returns each
// claim's group number and the number of groups.
func independentSources(cs []factClaim) ([]int, int) {
	parent := make([]int, len(cs))
	for i := range parent {
		parent[i] = i
	}
	var find func(int) int
	find = func(i int) int {
		for parent[i] != i {
			parent[i] = parent[parent[i]]
			i = parent[i]
		}
		return i
	}
	byHost, byHash := map[string]int{}, map[string]int{}
	for i, c := range cs {
		for _, m := range []struct {
			idx map[string]int
			k   string
		}{{byHost, c.host}, {byHash, c.hash}} {
			if m.k == "" {
				continue
			}
			if j, ok := m.idx[m.k]; ok {
				parent[find(i)] = find(j)
			} else {
				m.idx[m.k] = i
			}
		}
	}
	group, ids := make([]int, len(cs)), map[int]int{}
	for i := range cs {
		r := find(i)
		if _, ok := ids[r]; !ok {
			ids[r] = len(ids)
		}
		group[i] = ids[r]
	}
	return group, len(ids)
}

// verdict is a fact's computed state over its current claims.
type verdict struct {
	value         float64
	sources       int
	corroboration int
	conflict      bool
	agree         []bool // per claim
}

// judge picks the value the most independent sources agree on (ties: the
// latest claim's value) and counts agreement and conflict around it.
func judge(cs []factClaim) verdict {
	group, n := independentSources(cs)
	best, bestN := -1, -1
	for i, cand := range cs {
		seen := map[int]bool{}
		for j, c := range cs {
			if agrees(cand.value, c) {
				seen[group[j]] = true
			}
		}
		if len(seen) > bestN || (len(seen) == bestN && later(cand, cs[best])) {
			best, bestN = i, len(seen)
		}
	}
	v := verdict{sources: n, agree: make([]bool, len(cs))}
	if best < 0 {
		return v
	}
	v.value = cs[best].value
	agreeing := map[int]bool{}
	for j, c := range cs {
		if agrees(v.value, c) {
			v.agree[j] = true
			agreeing[group[j]] = true
		}
	}
	v.corroboration = len(agreeing)
	v.conflict = len(agreeing) < n
	return v
}

func later(a, b factClaim) bool {
	if a.published != b.published {
		return a.published > b.published
	}
	return a.seq > b.seq
}

const factClaimCols = "c.id, c.value, c.value_max, c.qualifier, c.unit, c.published, c.seq, c.host, c.content_hash"

func scanFactClaim(rows *sql.Rows) (factClaim, error) {
	var c factClaim
	err := rows.Scan(&c.id, &c.value, &c.valueMax, &c.qualifier, &c.unit, &c.published, &c.seq, &c.host, &c.hash)
	return c, err
}

type querier interface {
	QueryContext(ctx context.Context, q string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, q string, args ...any) *sql.Row
}

// currentFactClaims loads the claims of one fact that are not superseded.
func currentFactClaims(ctx context.Context, q querier, key string) ([]factClaim, error) {
	rows, err := q.QueryContext(ctx, "SELECT "+factClaimCols+
		" FROM claims c WHERE c.fact_key = ? AND c.superseded_at IS NULL ORDER BY c.seq", key)
	if err != nil {
		return nil, fmt.Errorf("load fact %s: %w", key, err)
	}
	defer rows.Close()
	var cs []factClaim
	for rows.Next() {
		c, err := scanFactClaim(rows)
		if err != nil {
			return nil, err
		}
		cs = append(cs, c)
	}
	return cs, rows.Err()
}

// updateFacts recomputes every fact the writer touched and returns the ones
// that moved, with the index of the document each is reported under.
func (w *writer) updateFacts(ctx context.Context) ([]claim.FactChange, []int, error) {
	var changes []claim.FactChange
	var owners []int
	for _, key := range w.order {
		ch, moved, err := w.updateFact(ctx, key)
		if err != nil {
			return nil, nil, err
		}
		if moved {
			changes = append(changes, ch)
			owners = append(owners, w.touched[key])
		}
	}
	return changes, owners, nil
}

func (w *writer) updateFact(ctx context.Context, key string) (claim.FactChange, bool, error) {
	var ch claim.FactChange
	before, err := factRow(ctx, w.tx, key)
	switch {
	case errors.Is(err, claim.ErrNotFound):
	case err != nil:
		return ch, false, err
	default:
		ch.Before = &before
	}
	cs, err := currentFactClaims(ctx, w.tx, key)
	if err != nil {
		return ch, false, err
	}
	if len(cs) == 0 {
		if ch.Before == nil {
			return ch, false, nil
		}
		_, err := w.tx.ExecContext(ctx, "DELETE FROM facts WHERE key = ?", key)
		ch.After = claim.Fact{Key: key, Subject: before.Subject, Metric: before.Metric, Segment: before.Segment,
			Period: before.Period, Basis: before.Basis, Unit: before.Unit}
		return ch, true, err
	}
	after, modality, err := w.describeFact(ctx, key, cs)
	if err != nil {
		return ch, false, err
	}
	ch.After = after
	if ch.Before != nil && sameFact(*ch.Before, after) {
		return ch, false, nil
	}
	_, err = w.tx.ExecContext(ctx, `INSERT INTO facts (key, subject, metric, segment, period, basis, unit, modality,
		value, claims, sources, corroboration, conflict, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (key) DO UPDATE SET subject = excluded.subject, value = excluded.value, claims = excluded.claims, sources = excluded.sources,
		corroboration = excluded.corroboration, conflict = excluded.conflict, updated_at = excluded.updated_at`,
		key, after.Subject, string(after.Metric), after.Segment, after.Period, after.Basis, after.Unit,
		modality, after.Value, after.Claims, after.Sources, after.Corroboration, after.Conflict, w.now)
	if err != nil {
		return ch, false, fmt.Errorf("save fact %s: %w", key, err)
	}
	return ch, true, nil
}

// describeFact computes a fact's row from its claims; the descriptive fields
// come from its latest claim (all its claims share them, up to case).
func (w *writer) describeFact(ctx context.Context, key string, cs []factClaim) (claim.Fact, string, error) {
	v := judge(cs)
	f := claim.Fact{Key: key, Value: v.value, Claims: len(cs), Sources: v.sources,
		Corroboration: v.corroboration, Conflict: v.conflict}
	var period, day, modality string
	err := w.tx.QueryRowContext(ctx, `SELECT canonical, metric, segment, period, published, basis, unit, modality
		FROM claims WHERE seq = ?`, cs[len(cs)-1].seq).Scan(
		&f.Subject, &f.Metric, &f.Segment, &period, &day, &f.Basis, &f.Unit, &modality)
	if err != nil {
		return f, "", fmt.Errorf("describe fact %s: %w", key, err)
	}
	f.Period = factPeriod(period, day)
	return f, modality, nil
}

func sameFact(a, b claim.Fact) bool {
	return a.Value == b.Value && a.Claims == b.Claims && a.Sources == b.Sources &&
		a.Corroboration == b.Corroboration && a.Conflict == b.Conflict
}

const factCols = "key, subject, metric, segment, period, basis, unit, value, claims, sources, corroboration, conflict"

func scanFact(s interface{ Scan(...any) error }) (claim.Fact, error) {
	var f claim.Fact
	err := s.Scan(&f.Key, &f.Subject, &f.Metric, &f.Segment, &f.Period, &f.Basis, &f.Unit, &f.Value,
		&f.Claims, &f.Sources, &f.Corroboration, &f.Conflict)
	return f, err
}

func factRow(ctx context.Context, q querier, key string) (claim.Fact, error) {
	f, err := scanFact(q.QueryRowContext(ctx, "SELECT "+factCols+" FROM facts WHERE key = ?", key))
	if err != nil {
		return f, fmt.Errorf("fact %s: %w", key, classify(err))
	}
	return f, nil
}
