package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/claimwire/claimwire/claim"
)

// FactQuery selects facts: Subject (any alias), Metric, Segment and Limit of
// the filter apply, plus the fact-only conditions.
type FactQuery struct {
	claim.Filter
	ConflictsOnly    bool // only facts some independent source disputes
	MinCorroboration int  // only facts at least this many sources agree on
}

// Facts lists facts matching f (Subject, Metric, Segment, Limit), without
// their claims; see FindFacts for conflict filtering.
func (db *DB) Facts(ctx context.Context, f claim.Filter) ([]claim.Fact, error) {
	return db.FindFacts(ctx, FactQuery{Filter: f})
}

// FindFacts lists facts, by subject, metric and period (newest first).
func (db *DB) FindFacts(ctx context.Context, q FactQuery) ([]claim.Fact, error) {
	var where []string
	var args []any
	if q.Subject != "" {
		canon, err := db.resolve(ctx, q.Subject)
		if err != nil {
			return nil, fmt.Errorf("facts: %w", err)
		}
		where, args = append(where, "subject = ?"), append(args, canon)
	}
	if q.Metric != "" {
		where, args = append(where, "metric = ?"), append(args, string(q.Metric))
	}
	if q.Segment != "" {
		where, args = append(where, `segment LIKE ? ESCAPE '\'`), append(args, "%"+escapeLike(q.Segment)+"%")
	}
	if q.ConflictsOnly {
		where = append(where, "conflict = 1")
	}
	if q.MinCorroboration > 0 {
		where, args = append(where, "corroboration >= ?"), append(args, q.MinCorroboration)
	}
	query := "SELECT " + factCols + " FROM facts"
	if len(where) > 0 {
		query += " WHERE " + strings.Join(where, " AND ")
	}
	limit := q.Limit
	if limit <= 0 {
		limit = DefaultLimit
	}
	query += " ORDER BY subject, metric, period DESC, segment, counterparty LIMIT ?"
	rows, err := db.r.QueryContext(ctx, query, append(args, min(limit, MaxLimit))...)
	if err != nil {
		return nil, fmt.Errorf("facts: %w", classify(err))
	}
	defer rows.Close()
	var out []claim.Fact
	for rows.Next() {
		f, err := scanFact(rows)
		if err != nil {
			return nil, fmt.Errorf("facts: %w", err)
		}
		out = append(out, f)
	}
	return out, classify(rows.Err())
}

// Fact returns one fact with its agreeing and conflicting claims.
func (db *DB) Fact(ctx context.Context, key string) (claim.Fact, error) {
	tx, err := db.r.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return claim.Fact{}, fmt.Errorf("fact %s: %w", key, classify(err))
	}
	defer tx.Rollback()
	f, err := factRow(ctx, tx, key)
	if err != nil {
		return f, err
	}
	claims, _, err := queryClaims(ctx, tx, "SELECT "+claimCols+` FROM claims c JOIN documents d ON d.id = c.doc_id
		WHERE `+claimsOfFact+` AND c.superseded_at IS NULL ORDER BY c.seq`, key)
	if err != nil {
		return f, fmt.Errorf("fact %s: %w", key, err)
	}
	fcs, err := currentFactClaims(ctx, tx, key)
	if err != nil {
		return f, fmt.Errorf("fact %s: %w", key, classify(err))
	}
	if len(fcs) != len(claims) {
		return f, fmt.Errorf("fact %s: %d claims but %d to judge", key, len(claims), len(fcs))
	}
	for i, fc := range fcs {
		if agrees(f.Value, fc) {
			f.Agreeing = append(f.Agreeing, claims[i])
		} else {
			f.Conflicting = append(f.Conflicting, claims[i])
		}
	}
	return f, nil
}

// FactModalities returns the modality (actual, forecast, target) of each fact
// key given; claim.Fact does not carry it, but facts of different modalities
// are kept apart, so a listing needs it to tell them apart.
func (db *DB) FactModalities(ctx context.Context, keys []string) (map[string]claim.Modality, error) {
	list, err := json.Marshal(keys)
	if err != nil {
		return nil, err
	}
	rows, err := db.r.QueryContext(ctx, "SELECT key, modality FROM facts WHERE "+factsIn, string(list))
	if err != nil {
		return nil, fmt.Errorf("fact modalities: %w", classify(err))
	}
	defer rows.Close()
	out := make(map[string]claim.Modality, len(keys))
	for rows.Next() {
		var k string
		var m claim.Modality
		if err := rows.Scan(&k, &m); err != nil {
			return nil, fmt.Errorf("fact modalities: %w", err)
		}
		out[k] = m
	}
	return out, classify(rows.Err())
}
