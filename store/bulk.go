package store

import (
	"context"
	"database/sql"
	"fmt"
	"math"
	"strings"

	"github.com/claimwire/claimwire/claim"
)

// Claims are inserted in bulk: a batch's rows are bound into a temporary
// staging table, stageRows rows per statement, and moved into claims by one
// INSERT ... SELECT. A transaction of ten thousand claims costs about a
// hundred statements instead of tens of thousands of cgo round trips, and
// the move journals each index page it changes once. Binding costs SQLite
// less than taking every column out of one JSON text, the way this was done
// before (about a twelfth of a batch's CPU time). New rows get rowids above
// the table's maximum, which is how the full-text index and the outbox find
// them.

// claimRow is one claims row as the batch stages it.
type claimRow struct {
	ID           string   `json:"id"`
	Doc          int64    `json:"doc"`
	Subject      string   `json:"subject"`
	Canonical    string   `json:"canonical"`
	Segment      string   `json:"segment"`
	Metric       string   `json:"metric"`
	Value        float64  `json:"value"`
	ValueMax     *float64 `json:"value_max"`
	Unit         string   `json:"unit"`
	Item         string   `json:"item"`
	Qualifier    string   `json:"qualifier"`
	Period       string   `json:"period"`
	Basis        string   `json:"basis"`
	Modality     string   `json:"modality"`
	Attribution  string   `json:"attribution"`
	Counterparty string   `json:"counterparty"`
	Quote        string   `json:"quote"`
	SpanStart    int      `json:"span_start"`
	SpanEnd      int      `json:"span_end"`
	Published    string   `json:"published"`
	FactKey      string   `json:"fact_key"`
	// canonCP is the counterparty after alias resolution, part of the fact
	// key and the fact's description; it is not stored with the claim.
	canonCP string
}

// claimRow resolves a claim's subject and fact key into its row; docDay is
// the publishedDay of its document.
func (w *writer) claimRow(ctx context.Context, docID int64, docDay string, c claim.Claim) (claimRow, error) {
	if math.IsNaN(c.Value) || math.IsInf(c.Value, 0) || (c.ValueMax != nil && (math.IsNaN(*c.ValueMax) || math.IsInf(*c.ValueMax, 0))) {
		return claimRow{}, fmt.Errorf("claim %s: %w: value is not a finite number", c.ID, claim.ErrInvalid)
	}
	canon, err := w.canonical(ctx, c.Subject)
	if err != nil {
		return claimRow{}, err
	}
	var canonCP string
	if c.Counterparty != "" {
		if canonCP, err = w.canonical(ctx, c.Counterparty); err != nil {
			return claimRow{}, err
		}
	}
	day := docDay
	if day == "" {
		day = publishedDay(c.Source.Published)
	}
	return claimRow{ID: c.ID, Doc: docID, Subject: c.Subject, Canonical: canon, Segment: c.Segment,
		Metric: string(c.Metric), Value: c.Value, ValueMax: c.ValueMax, Unit: c.Unit, Item: c.Item,
		Qualifier: string(c.Qualifier), Period: c.Period, Basis: c.Basis, Modality: string(c.Modality),
		Attribution: c.Attribution, Counterparty: c.Counterparty, Quote: c.Quote, SpanStart: c.Span[0],
		SpanEnd: c.Span[1], Published: day, FactKey: factKey(canon, canonCP, c, w.factPeriod(c.Period, day)),
		canonCP: canonCP}, nil
}

// factClaim is what fact computation reads of the row once it is stored in
// a document with the given publisher and content hash (seq comes at insert).
func (r *claimRow) factClaim(host, hash string) factClaim {
	c := factClaim{id: r.ID, value: r.Value, qualifier: r.Qualifier, unit: r.Unit, published: r.Published,
		host: host, hash: hash, canonical: r.Canonical, metric: r.Metric, segment: r.Segment, period: r.Period,
		basis: r.Basis, modality: r.Modality, counterparty: r.canonCP}
	if r.ValueMax != nil {
		c.valueMax = sql.NullFloat64{Float64: *r.ValueMax, Valid: true}
	}
	return c
}

// factPeriod is factPeriod with the quarters of the days seen kept.
func (w *writer) factPeriod(period, day string) string {
	if period != "" {
		return period
	}
	q, ok := w.quarters[day]
	if !ok {
		q = quarterOf(day)
		w.quarters[day] = q
	}
	return q
}

// flush inserts the queued claims, indexes the new ones for search, writes
// their outbox rows, and fills each pending document's New and Duplicate.
func (w *writer) flush(ctx context.Context, results []claim.SaveResult) error {
	if len(w.rows) == 0 {
		w.pending = w.pending[:0]
		return nil
	}
	var last int64
	if err := w.tx.QueryRowContext(ctx, "SELECT coalesce(max(seq), 0) FROM claims").Scan(&last); err != nil {
		return fmt.Errorf("insert claims: %w", err)
	}
	if w.oldSeq < 0 {
		w.oldSeq = last
	}
	inserted, err := w.insertStaged(ctx)
	if err != nil {
		return fmt.Errorf("insert claims: %w", err)
	}
	isNew, err := w.newClaims(ctx, last, inserted)
	if err != nil {
		return err
	}
	if len(isNew) > 0 {
		if err := w.indexNew(ctx, last); err != nil {
			return err
		}
	}
	for _, p := range w.pending {
		res := &results[p.idx]
		for i, c := range p.claims {
			seq, ok := isNew[c.ID]
			if !ok {
				res.Duplicate++
				continue
			}
			delete(isNew, c.ID) // the same id again later in the batch is a duplicate
			if res.New == nil {
				res.New = make([]claim.Claim, 0, len(p.claims)-i)
			}
			res.New = append(res.New, c)
			fc := p.facts[i]
			fc.seq = seq
			w.addFresh(p.keys[i], p.idx, fc)
		}
	}
	w.rows, w.pending = w.rows[:0], w.pending[:0]
	return nil
}

// newClaims maps the id of each claim the insert added to its seq. When it
// added every row, they took the seqs after last in order; otherwise (some
// were stored already) they are read back.
func (w *writer) newClaims(ctx context.Context, last, inserted int64) (map[string]int64, error) {
	isNew := make(map[string]int64, len(w.rows)) // id → seq
	if inserted == int64(len(w.rows)) {
		for i := range w.rows {
			isNew[w.rows[i].ID] = last + 1 + int64(i)
		}
		return isNew, nil
	}
	rows, err := w.tx.QueryContext(ctx, "SELECT seq, id FROM claims WHERE seq > ?", last)
	if err != nil {
		return nil, fmt.Errorf("read new claims: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var seq int64
		var id string
		if err := rows.Scan(&seq, &id); err != nil {
			return nil, fmt.Errorf("read new claims: %w", err)
		}
		isNew[id] = seq
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read new claims: %w", err)
	}
	return isNew, nil
}

// indexNew adds the claims after seq last to the full-text index and outbox.
func (w *writer) indexNew(ctx context.Context, last int64) error {
	if w.db.fullText {
		if _, err := w.tx.ExecContext(ctx, `INSERT INTO claims_fts (rowid, quote, title)
			SELECT c.seq, c.quote, d.title FROM claims c JOIN documents d ON d.id = c.doc_id WHERE c.seq > ?`,
			last); err != nil {
			return fmt.Errorf("index new claims: %w", err)
		}
	}
	if _, err := w.tx.ExecContext(ctx, `INSERT INTO outbox (claim_seq)
		SELECT seq FROM claims WHERE seq > ? ORDER BY seq`, last); err != nil {
		return fmt.Errorf("outbox new claims: %w", err)
	}
	return nil
}

const (
	stageBatch = 100 // rows bound per staging statement
	stageCols  = `id, doc_id, subject, canonical, segment, metric, value, value_max, unit, item, qualifier, period,
	basis, modality, attribution, counterparty, quote, span_start, span_end, published, fact_key`
)

// claimIDIndexed is the expression the claims_id index (migration 0007)
// holds for a claim id k, a column or a parameter: the bytes of an id of
// lower-case hex digits, else the text, one-to-one as factKeyIndexed is. A
// query finds an id through it.
func claimIDIndexed(k string) string { return factKeyIndexed(k) }

// insertStaged inserts w.rows into claims, skipping ids already stored, and
// returns how many it inserted.
func (w *writer) insertStaged(ctx context.Context) (int64, error) {
	err := w.stage(ctx, "claims_stage", stageCols, 21, len(w.rows), func(args []any, i int) []any {
		r := &w.rows[i]
		var vmax any
		if r.ValueMax != nil {
			vmax = *r.ValueMax
		}
		return append(args, r.ID, r.Doc, r.Subject, r.Canonical, r.Segment, r.Metric, r.Value, vmax, r.Unit,
			r.Item, r.Qualifier, r.Period, r.Basis, r.Modality, r.Attribution, r.Counterparty, r.Quote,
			int64(r.SpanStart), int64(r.SpanEnd), r.Published, r.FactKey)
	})
	if err != nil {
		return 0, err
	}
	res, err := w.tx.ExecContext(ctx, "INSERT INTO claims ("+stageCols+", created_at) SELECT "+stageCols+
		", ? FROM temp.claims_stage WHERE true ORDER BY rowid ON CONFLICT ("+claimIDIndexed("id")+") DO NOTHING", w.now)
	if err != nil {
		return 0, err
	}
	inserted, err := res.RowsAffected()
	if err != nil {
		return 0, err
	}
	_, err = w.tx.ExecContext(ctx, "DELETE FROM temp.claims_stage")
	return inserted, err
}

// stage fills the temporary table (created if needed, with the given
// columns, ncols of them) with n rows, stageBatch rows per statement;
// appendRow appends row i's values to args.
func (w *writer) stage(ctx context.Context, table, cols string, ncols, n int, appendRow func(args []any, i int) []any) error {
	if _, err := w.tx.ExecContext(ctx, "CREATE TEMP TABLE IF NOT EXISTS "+table+" ("+cols+")"); err != nil {
		return err
	}
	row := "(?" + strings.Repeat(", ?", ncols-1) + ")"
	insert := func(rows int) string {
		return "INSERT INTO temp." + table + " (" + cols + ") VALUES " + strings.Repeat(row+", ", rows-1) + row
	}
	var full *sql.Stmt
	defer func() {
		if full != nil {
			full.Close()
		}
	}()
	args := make([]any, 0, stageBatch*ncols)
	for start := 0; start < n; start += stageBatch {
		end := min(start+stageBatch, n)
		args = args[:0]
		for i := start; i < end; i++ {
			args = appendRow(args, i)
		}
		var err error
		switch {
		case end-start < stageBatch:
			_, err = w.tx.ExecContext(ctx, insert(end-start), args...)
		case full == nil:
			if full, err = w.tx.PrepareContext(ctx, insert(stageBatch)); err != nil {
				return err
			}
			fallthrough
		default:
			_, err = full.ExecContext(ctx, args...)
		}
		if err != nil {
			return err
		}
	}
	return nil
}
