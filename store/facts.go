package store

import (
	"context"
	"database/sql"
	"encoding/json"
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
	// descriptive fields, the same for every claim of a fact up to case;
	// counterparty is canonical (alias-resolved) where the writer reads it,
	// as written in the claim elsewhere
	canonical, metric, segment, period, basis, modality, counterparty string
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
	if len(cs) == 1 { // most facts: one claim, one source, agreeing with itself
		return verdict{value: cs[0].value, sources: 1, corroboration: 1, agree: []bool{true}}
	}
	group, n := independentSources(cs)
	// Only a candidate's value matters to its count, so each value is tried
	// once, through its latest claim (the tie-break prefers the latest).
	latest := make(map[float64]int, len(cs))
	for i, c := range cs {
		if j, ok := latest[c.value]; !ok || later(c, cs[j]) {
			latest[c.value] = i
		}
	}
	best, bestN := -1, -1
	marked := make([]int, n) // group → 1 + the candidate that last counted it
	for i, cand := range cs {
		if latest[cand.value] != i {
			continue
		}
		count := 0
		for j, c := range cs {
			if marked[group[j]] != i+1 && agrees(cand.value, c) {
				marked[group[j]] = i + 1
				count++
			}
		}
		if count > bestN || (count == bestN && later(cand, cs[best])) {
			best, bestN = i, count
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

const factClaimCols = `c.id, c.value, c.value_max, c.qualifier, c.unit, c.published, c.seq, d.host, d.content_hash,
	c.canonical, c.metric, c.segment, c.period, c.basis, c.modality, c.counterparty`

// The fact key indexes (migration 0006) hold expressions of a key, not its
// text: a query finds a key through the same expression, here of a column or
// a parameter. factKeyIndexed is the facts_key index's, one-to-one with the
// key (8 bytes for 16 lower-case hex digits, else the text); claimFactIndexed
// is claims_fact's, a key's first 4 bytes, so a look-up checks the key too.
func factKeyIndexed(k string) string {
	return "iif(" + k + " GLOB '*[A-F]*', " + k + ", coalesce(unhex(" + k + "), " + k + "))"
}

func claimFactIndexed(k string) string {
	return "coalesce(unhex(substr(" + k + ", 1, 8)), " + k + ")"
}

// claimsOfFact is the condition on claims c of the fact whose key is ?1.
var claimsOfFact = claimFactIndexed("c.fact_key") + " = " + claimFactIndexed("?1") + " AND c.fact_key = ?1"

// claimsOfFacts is the condition on claims c of the facts whose keys are in
// the JSON list ?1.
var claimsOfFacts = claimFactIndexed("c.fact_key") + " IN (SELECT " + claimFactIndexed("value") +
	" FROM json_each(?1)) AND c.fact_key IN (SELECT value FROM json_each(?1))"

// factsIn is the condition on facts of the keys in the JSON list ?1.
var factsIn = factKeyIndexed("key") + " IN (SELECT " + factKeyIndexed("value") + " FROM json_each(?1))"

var currentFactClaimsSQL = "SELECT " + factClaimCols +
	" FROM claims c JOIN documents d ON d.id = c.doc_id WHERE " + claimsOfFact + " AND c.superseded_at IS NULL ORDER BY c.seq"

func scanFactClaim(rows *sql.Rows) (factClaim, error) {
	var c factClaim
	err := rows.Scan(&c.id, &c.value, &c.valueMax, &c.qualifier, &c.unit, &c.published, &c.seq, &c.host, &c.hash,
		&c.canonical, &c.metric, &c.segment, &c.period, &c.basis, &c.modality, &c.counterparty)
	return c, err
}

type querier interface {
	QueryContext(ctx context.Context, q string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, q string, args ...any) *sql.Row
}

// currentFactClaims loads the claims of one fact that are not superseded.
func currentFactClaims(ctx context.Context, q querier, key string) ([]factClaim, error) {
	rows, err := q.QueryContext(ctx, currentFactClaimsSQL, key)
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

// updateFacts recomputes every fact the writer touched, in bulk, and returns
// the ones that moved with the index of the document each is reported under.
func (w *writer) updateFacts(ctx context.Context) ([]claim.FactChange, []int, error) {
	if len(w.order) == 0 {
		return nil, nil, nil
	}
	keys, err := json.Marshal(w.order)
	if err != nil {
		return nil, nil, err
	}
	before, err := w.factsBefore(ctx, string(keys))
	if err != nil {
		return nil, nil, err
	}
	current, err := w.currentClaims(ctx, before)
	if err != nil {
		return nil, nil, err
	}
	changes := make([]claim.FactChange, 0, len(w.order))
	owners := make([]int, 0, len(w.order))
	upserts := make([]factUpsert, 0, len(w.order))
	var gone []string
	for _, key := range w.order {
		ch := claim.FactChange{}
		if f, ok := before[key]; ok {
			ch.Before = &f
		}
		cs := current[key]
		switch {
		case len(cs) == 0 && ch.Before == nil:
			continue
		case len(cs) == 0:
			b := ch.Before
			ch.After = claim.Fact{Key: key, Subject: b.Subject, Metric: b.Metric, Segment: b.Segment,
				Period: b.Period, Basis: b.Basis, Unit: b.Unit, Modality: b.Modality, Counterparty: b.Counterparty}
			gone = append(gone, key)
		default:
			ch.After = describeFact(key, cs)
			if ch.Before != nil && sameFact(*ch.Before, ch.After) {
				continue
			}
			upserts = append(upserts, factUpsert{Fact: ch.After, Modality: cs[len(cs)-1].modality})
		}
		changes, owners = append(changes, ch), append(owners, w.touched[key])
	}
	if err := w.writeFacts(ctx, upserts, gone); err != nil {
		return nil, nil, err
	}
	return changes, owners, nil
}

// factsBefore reads the stored rows of the facts whose keys are in the JSON list.
func (w *writer) factsBefore(ctx context.Context, keys string) (map[string]claim.Fact, error) {
	rows, err := w.tx.QueryContext(ctx, "SELECT "+factCols+" FROM facts WHERE "+factsIn, keys)
	if err != nil {
		return nil, fmt.Errorf("read facts: %w", err)
	}
	defer rows.Close()
	out := map[string]claim.Fact{}
	for rows.Next() {
		f, err := scanFact(rows)
		if err != nil {
			return nil, fmt.Errorf("read facts: %w", err)
		}
		out[f.Key] = f
	}
	return out, rows.Err()
}

// currentClaims returns the current claims of every touched fact. A stale
// fact's are read from the database. A stored fact that only gained claims
// reads just its older claims, and only what the vote needs of them: its
// fresh claims come last, and they carry its unit and descriptive fields. A
// fact with no row has no current claims stored before this transaction, so
// its fresh claims are all of them.
func (w *writer) currentClaims(ctx context.Context, before map[string]claim.Fact) (map[string][]factClaim, error) {
	var stale, grown []string
	for _, key := range w.order {
		_, stored := before[key]
		switch {
		case w.stale[key]:
			stale = append(stale, key)
		case stored:
			grown = append(grown, key)
		}
	}
	current, err := w.factClaimsOf(ctx, stale)
	if err != nil {
		return nil, err
	}
	older, err := w.olderFactClaims(ctx, grown)
	if err != nil {
		return nil, err
	}
	for _, key := range w.order {
		if w.stale[key] {
			continue
		}
		cs, fresh := older[key], w.fresh[key]
		for i := range cs {
			cs[i].unit = fresh[0].unit
		}
		current[key] = append(cs, fresh...)
	}
	return current, nil
}

// factClaimsOf reads the current claims of the given facts, their
// counterparties resolved through the aliases as the fact key's is.
func (w *writer) factClaimsOf(ctx context.Context, keys []string) (map[string][]factClaim, error) {
	out, err := w.readFactClaims(ctx, keys, `c.value, c.value_max, c.qualifier, c.unit, c.published, c.seq,
		d.host, d.content_hash, c.canonical, c.metric, c.segment, c.period, c.basis, c.modality, c.counterparty`, "",
		func(c *factClaim) []any {
			return []any{&c.value, &c.valueMax, &c.qualifier, &c.unit, &c.published, &c.seq, &c.host,
				&c.hash, &c.canonical, &c.metric, &c.segment, &c.period, &c.basis, &c.modality, &c.counterparty}
		})
	if err != nil {
		return nil, err
	}
	for _, cs := range out {
		for i := range cs {
			if cs[i].counterparty == "" {
				continue
			}
			if cs[i].counterparty, err = w.canonical(ctx, cs[i].counterparty); err != nil {
				return nil, err
			}
		}
	}
	return out, nil
}

// olderFactClaims reads what the vote needs of the given facts' current
// claims stored before this transaction's first insert.
func (w *writer) olderFactClaims(ctx context.Context, keys []string) (map[string][]factClaim, error) {
	return w.readFactClaims(ctx, keys, "c.value, c.value_max, c.qualifier, c.published, c.seq, d.host, d.content_hash",
		" AND c.seq <= ?2", func(c *factClaim) []any {
			return []any{&c.value, &c.valueMax, &c.qualifier, &c.published, &c.seq, &c.host, &c.hash}
		}, w.oldSeq)
}

// readFactClaims reads the given columns of the current claims of the facts
// whose keys are listed, grouped by fact key in seq order; cond narrows the
// claims (its parameters, from ?2, follow), and dest points Scan at the
// fields of a factClaim in column order.
func (w *writer) readFactClaims(ctx context.Context, keys []string, cols, cond string, dest func(*factClaim) []any, args ...any) (map[string][]factClaim, error) {
	out := map[string][]factClaim{}
	if len(keys) == 0 {
		return out, nil
	}
	list, err := json.Marshal(keys)
	if err != nil {
		return nil, err
	}
	rows, err := w.tx.QueryContext(ctx, "SELECT "+cols+`, c.fact_key FROM claims c JOIN documents d ON d.id = c.doc_id
		WHERE `+claimsOfFacts+" AND c.superseded_at IS NULL"+cond+" ORDER BY c.seq", append([]any{string(list)}, args...)...)
	if err != nil {
		return nil, fmt.Errorf("read fact claims: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var c factClaim
		var key string
		if err := rows.Scan(append(dest(&c), &key)...); err != nil {
			return nil, fmt.Errorf("read fact claims: %w", err)
		}
		out[key] = append(out[key], c)
	}
	return out, rows.Err()
}

// factUpsert is one facts row to write.
type factUpsert struct {
	claim.Fact
	Modality string // the stored modality text
}

const factStageCols = `key, subject, metric, segment, period, basis, unit, modality, counterparty, value, claims,
	sources, corroboration, conflict`

// upsertStaged writes the upserts through a staging table, as claims are.
func (w *writer) upsertStaged(ctx context.Context, upserts []factUpsert) error {
	err := w.stage(ctx, "facts_stage", factStageCols, 14, len(upserts), func(args []any, i int) []any {
		u := &upserts[i]
		return append(args, u.Key, u.Subject, string(u.Metric), u.Segment, u.Period, u.Basis, u.Unit, u.Modality,
			u.Counterparty, u.Value, int64(u.Claims), int64(u.Sources), int64(u.Corroboration), u.Conflict)
	})
	if err != nil {
		return err
	}
	if _, err := w.tx.ExecContext(ctx, "INSERT INTO facts ("+factStageCols+", updated_at) SELECT "+factStageCols+
		`, ? FROM temp.facts_stage WHERE true ORDER BY rowid
		ON CONFLICT (`+factKeyIndexed("key")+`) DO UPDATE SET subject = excluded.subject,
		counterparty = excluded.counterparty, value = excluded.value, claims = excluded.claims,
		sources = excluded.sources, corroboration = excluded.corroboration, conflict = excluded.conflict,
		updated_at = excluded.updated_at`, w.now); err != nil {
		return err
	}
	_, err = w.tx.ExecContext(ctx, "DELETE FROM temp.facts_stage")
	return err
}

func (w *writer) writeFacts(ctx context.Context, upserts []factUpsert, gone []string) error {
	if len(upserts) > 0 {
		if err := w.upsertStaged(ctx, upserts); err != nil {
			return fmt.Errorf("save facts: %w", err)
		}
	}
	if len(gone) > 0 {
		payload, err := json.Marshal(gone)
		if err != nil {
			return err
		}
		if _, err := w.tx.ExecContext(ctx, "DELETE FROM facts WHERE "+factsIn,
			string(payload)); err != nil {
			return fmt.Errorf("delete emptied facts: %w", err)
		}
	}
	return nil
}

// describeFact computes a fact from its claims; the descriptive fields come
// from its latest claim (all its claims share them, up to case).
func describeFact(key string, cs []factClaim) claim.Fact {
	v := judge(cs)
	last := cs[len(cs)-1]
	if claim.Metric(last.metric) == claim.Other {
		// "other" names no measure: two unclassified figures of a company in
		// one quarter ($500 billion of orders, $24.3 billion returned to
		// shareholders) are different things, not sources in disagreement
		v.conflict = false
	}
	return claim.Fact{Key: key, Subject: last.canonical, Metric: claim.Metric(last.metric), Segment: last.segment,
		Period: factPeriod(last.period, last.published), Basis: last.basis, Unit: last.unit,
		Modality: claim.Modality(last.modality), Counterparty: last.counterparty,
		Value: v.value, Claims: len(cs), Sources: v.sources, Corroboration: v.corroboration, Conflict: v.conflict}
}

func sameFact(a, b claim.Fact) bool {
	return a.Value == b.Value && a.Claims == b.Claims && a.Sources == b.Sources &&
		a.Corroboration == b.Corroboration && a.Conflict == b.Conflict
}

const factCols = "key, subject, metric, segment, period, basis, unit, modality, counterparty, value, claims, sources, corroboration, conflict"

func scanFact(s interface{ Scan(...any) error }) (claim.Fact, error) {
	var f claim.Fact
	err := s.Scan(&f.Key, &f.Subject, &f.Metric, &f.Segment, &f.Period, &f.Basis, &f.Unit, &f.Modality,
		&f.Counterparty, &f.Value, &f.Claims, &f.Sources, &f.Corroboration, &f.Conflict)
	return f, err
}

func factRow(ctx context.Context, q querier, key string) (claim.Fact, error) {
	f, err := scanFact(q.QueryRowContext(ctx, "SELECT "+factCols+" FROM facts WHERE "+factKeyIndexed("key")+" = "+factKeyIndexed("?1"), key))
	if err != nil {
		return f, fmt.Errorf("fact %s: %w", key, classify(err))
	}
	return f, nil
}
