package store

import (
	"context"
	"database/sql"
	"encoding/base64"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/claimwire/claimwire/claim"
)

// DefaultLimit is the page size when a filter sets none; MaxLimit caps it.
const (
	DefaultLimit = 100
	MaxLimit     = 10000
)

// Query is a claim.Filter with the store's own extensions.
type Query struct {
	claim.Filter
	// IncludeSuperseded also returns claims that a newer version of their
	// document no longer asserts (hidden by default).
	IncludeSuperseded bool
}

// FindClaims returns the current claims matching f, newest published first,
// and the cursor of the next page ("" at the end).
func (db *DB) FindClaims(ctx context.Context, f claim.Filter) ([]claim.Claim, string, error) {
	return db.Find(ctx, Query{Filter: f})
}

// Find is FindClaims with the store's extensions. Its statements share one
// reader connection (see readConn).
func (db *DB) Find(ctx context.Context, q Query) ([]claim.Claim, string, error) {
	conn, err := db.readConn(ctx)
	if err != nil {
		return nil, "", fmt.Errorf("find claims: %w", err)
	}
	defer conn.Close()
	where, args, err := db.conditions(ctx, conn, q)
	if err != nil {
		return nil, "", fmt.Errorf("find claims: %w", err)
	}
	limit := q.Limit
	if limit <= 0 {
		limit = DefaultLimit
	}
	limit = min(limit, MaxLimit)
	query := "SELECT " + claimCols + " FROM claims c JOIN documents d ON d.id = c.doc_id"
	if len(where) > 0 {
		query += " WHERE " + strings.Join(where, " AND ")
	}
	query += " ORDER BY c.published DESC, c.seq DESC LIMIT ?"
	rows, err := conn.QueryContext(ctx, query, append(args, limit+1)...)
	if err != nil {
		return nil, "", fmt.Errorf("find claims: %w", classify(err))
	}
	defer rows.Close()
	// A page is usually full: room for all of it at once, rather than the
	// copies of append's doubling (claims are large), up to a bound so that
	// a huge limit that finds little does not allocate for nothing.
	claims := make([]claim.Claim, 0, min(limit+1, 1024))
	var last position // of the page's last claim, for the next page's cursor
	s := newClaimScanner()
	for rows.Next() {
		c, p, err := s.scan(rows)
		if err != nil {
			return nil, "", fmt.Errorf("find claims: %w", classify(err))
		}
		if len(claims) == limit-1 {
			last = p
		}
		claims = append(claims, c)
	}
	if err := rows.Err(); err != nil {
		return nil, "", fmt.Errorf("find claims: %w", classify(err))
	}
	next := ""
	if len(claims) > limit {
		next = encodeCursor(last.day, last.seq)
		claims = claims[:limit]
	}
	return claims, next, nil
}

// conditions turns a query into SQL conditions over claims c and documents d;
// the full-text probe, if any, runs on conn.
func (db *DB) conditions(ctx context.Context, conn querier, q Query) ([]string, []any, error) {
	var where []string
	var args []any
	add := func(cond string, a ...any) { where = append(where, cond); args = append(args, a...) }
	if !q.IncludeSuperseded {
		add("c.superseded_at IS NULL")
	}
	if q.Subject != "" {
		// resolve, inside the query: one statement fewer per request.
		add("c.canonical = coalesce((SELECT canonical FROM aliases WHERE alias = ?), ?)",
			aliasKey(q.Subject), strings.Join(strings.Fields(q.Subject), " "))
	}
	if q.Metric != "" {
		add("c.metric = ?", string(q.Metric))
	}
	if q.Segment != "" {
		add(`c.segment LIKE ? ESCAPE '\'`, "%"+escapeLike(strings.TrimSpace(q.Segment))+"%")
	}
	for _, d := range []struct{ v, op, name string }{{q.Since, ">=", "since"}, {q.Until, "<=", "until"}} {
		if d.v == "" {
			continue
		}
		if _, err := time.Parse(time.DateOnly, d.v); err != nil {
			return nil, nil, fmt.Errorf("%w: %s %q: want YYYY-MM-DD", claim.ErrInvalid, d.name, d.v)
		}
		// An undated claim (published '') sorts before every day: it is
		// kept out of an until window by a test of its own, needless with
		// a since date, which an empty day is never on or after (and the
		// test would run on every index entry the listing walks).
		if d.op == ">=" || q.Since != "" {
			add("c.published "+d.op+" ?", d.v)
		} else {
			add("c.published <= ? AND c.published != ''", d.v)
		}
	}
	if q.Min != nil {
		add("c.value >= ?", *q.Min)
	}
	if q.Max != nil {
		add("c.value <= ?", *q.Max)
	}
	if q.Source != "" {
		h := sourceHost(q.Source)
		add("(d.host = ? OR d.host LIKE ? ESCAPE '\\')", h, "%."+escapeLike(h))
	}
	if q.Modality != "" {
		add("c.modality = ?", string(q.Modality))
	}
	if q.Search != "" {
		c, a, err := db.searchCondition(ctx, conn, q.Search)
		if err != nil {
			return nil, nil, err
		}
		add(c, a...)
	}
	if q.Cursor != "" {
		day, seq, err := decodeCursor(q.Cursor)
		if err != nil {
			return nil, nil, err
		}
		add("(c.published, c.seq) < (?, ?)", day, seq)
	}
	return where, args, nil
}

// defaultManyMatches is the number of full-text matches above which a search
// walks the claims in result order and probes the match set, instead of
// fetching every match and sorting: either way the work stays bounded.
// Measured at a million claims: with 1,000 to 1,600 matches fetching them
// all took 3-5 ms and the walk 17-57 ms; at 10,000 the two were about even
// (10-28 ms); from 13,000 up the walk won (40,000 matches: 57 ms, against
// 450 ms to fetch them all).
const defaultManyMatches = 5000

func (db *DB) searchCondition(ctx context.Context, conn querier, s string) (string, []any, error) {
	if db.fullText {
		fq := ftsQuery(s)
		if fq == "" {
			return "0", nil, nil
		}
		var n int
		err := conn.QueryRowContext(ctx, `SELECT count(*) FROM (SELECT rowid FROM claims_fts
			WHERE claims_fts MATCH ? LIMIT ?)`, fq, db.manyMatches).Scan(&n)
		if err != nil {
			return "", nil, fmt.Errorf("search %q: %w", s, classify(err))
		}
		cond := "c.seq IN (SELECT rowid FROM claims_fts WHERE claims_fts MATCH ?)"
		if n >= db.manyMatches {
			cond = "+" + cond // keeps SQLite from looking the matches up one by one
		}
		return cond, []any{fq}, nil
	}
	terms := likeTerms(s)
	if len(terms) == 0 {
		return "0", nil, nil
	}
	var conds []string
	var args []any
	for _, t := range terms {
		conds = append(conds, `(c.quote LIKE ? ESCAPE '\' OR d.title LIKE ? ESCAPE '\')`)
		args = append(args, t, t)
	}
	return strings.Join(conds, " AND "), args, nil
}

// resolve returns the canonical name of a subject or alias.
func (db *DB) resolve(ctx context.Context, subject string) (string, error) {
	var c string
	err := db.r.QueryRowContext(ctx, "SELECT canonical FROM aliases WHERE alias = ?", aliasKey(subject)).Scan(&c)
	if errors.Is(err, sql.ErrNoRows) {
		return strings.Join(strings.Fields(subject), " "), nil
	}
	if err != nil {
		return "", fmt.Errorf("resolve subject %q: %w", subject, classify(err))
	}
	return c, nil
}

func encodeCursor(day string, seq int64) string {
	return base64.RawURLEncoding.EncodeToString([]byte(day + "|" + strconv.FormatInt(seq, 10)))
}

func decodeCursor(s string) (string, int64, error) {
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err == nil {
		day, num, ok := strings.Cut(string(b), "|")
		seq, err := strconv.ParseInt(num, 10, 64)
		if ok && err == nil && (day == "" || publishedDay(day) == day) {
			return day, seq, nil
		}
	}
	return "", 0, fmt.Errorf("%w: bad cursor %q", claim.ErrInvalid, s)
}

func (db *DB) queryClaims(ctx context.Context, query string, args ...any) ([]claim.Claim, []position, error) {
	return queryClaims(ctx, db.r, query, args...)
}

func queryClaims(ctx context.Context, q querier, query string, args ...any) ([]claim.Claim, []position, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, nil, classify(err)
	}
	defer rows.Close()
	var claims []claim.Claim
	var pos []position
	s := newClaimScanner()
	for rows.Next() {
		c, p, err := s.scan(rows)
		if err != nil {
			return nil, nil, classify(err)
		}
		claims, pos = append(claims, c), append(pos, p)
	}
	return claims, pos, classify(rows.Err())
}

// Claim returns one claim by id (superseded or not).
func (db *DB) Claim(ctx context.Context, id string) (claim.Claim, error) {
	c, _, err := scanClaim(db.r.QueryRowContext(ctx,
		"SELECT "+claimCols+" FROM claims c JOIN documents d ON d.id = c.doc_id WHERE "+
			claimIDIndexed("c.id")+" = "+claimIDIndexed("?1"), id))
	if err != nil {
		return c, fmt.Errorf("claim %s: %w", id, classify(err))
	}
	return c, nil
}

// Document returns a stored document by its canonical or fetched URL. Its text
// is not stored; Text is empty.
func (db *DB) Document(ctx context.Context, url string) (claim.Document, error) {
	var d claim.Document
	var fetched string
	err := db.r.QueryRowContext(ctx, `SELECT key_url, url, title, published, kind, form, cik, accession,
		attribution, content_hash, fetched_at FROM documents WHERE key_url = ? OR (url = ? AND url != key_url)
		ORDER BY key_url = ? DESC LIMIT 1`, url, url, url).Scan(
		&d.CanonicalURL, &d.URL, &d.Title, &d.Published, &d.Kind, &d.Form, &d.CIK, &d.Accession,
		&d.Attribution, &d.ContentHash, &fetched)
	if err != nil {
		return d, fmt.Errorf("document %s: %w", url, classify(err))
	}
	if fetched != "" {
		d.FetchedAt, _ = time.Parse(time.RFC3339Nano, fetched)
	}
	return d, nil
}

// DocumentClaims returns the current claims of a document in the order stored.
func (db *DB) DocumentClaims(ctx context.Context, url string) ([]claim.Claim, error) {
	d, err := db.Document(ctx, url)
	if err != nil {
		return nil, err
	}
	claims, _, err := db.queryClaims(ctx, "SELECT "+claimCols+` FROM claims c JOIN documents d ON d.id = c.doc_id
		WHERE d.key_url = ? AND c.superseded_at IS NULL ORDER BY c.seq`, d.CanonicalURL)
	if err != nil {
		return nil, fmt.Errorf("document claims %s: %w", url, err)
	}
	return claims, nil
}
