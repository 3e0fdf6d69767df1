package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/claimwire/claimwire/claim"
)

// Batch is one document and its claims for SaveDocuments.
type Batch struct {
	Doc    claim.Document
	Claims []claim.Claim
}

// SaveDocument writes a document and its claims in one transaction, with the
// fact updates and outbox rows they cause. The same canonical URL with the same
// content hash changes nothing; changed text marks the old claims it no longer
// asserts superseded and adds the new ones.
func (db *DB) SaveDocument(ctx context.Context, doc claim.Document, claims []claim.Claim) (claim.SaveResult, error) {
	res, err := db.SaveDocuments(ctx, []Batch{{Doc: doc, Claims: claims}})
	if err != nil {
		return claim.SaveResult{}, err
	}
	return res[0], nil
}

// SaveDocuments writes many documents in one transaction: all or none. Facts are
// recomputed once per touched fact at the end; each fact change is reported in
// the result of the last document that touched it.
func (db *DB) SaveDocuments(ctx context.Context, docs []Batch) ([]claim.SaveResult, error) {
	for i, b := range docs {
		if docKey(b.Doc) == "" {
			return nil, fmt.Errorf("save document %d: %w: no URL", i, claim.ErrInvalid)
		}
	}
	results := make([]claim.SaveResult, len(docs))
	err := db.tx(ctx, func(tx *sql.Tx) error {
		w, err := db.newWriter(ctx, tx)
		if err != nil {
			return err
		}
		defer w.close()
		for i, b := range docs {
			if results[i], err = w.saveDocument(ctx, b.Doc, b.Claims, i); err != nil {
				return fmt.Errorf("save document %s: %w", docKey(b.Doc), err)
			}
		}
		changes, owners, err := w.updateFacts(ctx)
		if err != nil {
			return err
		}
		for i, ch := range changes {
			results[owners[i]].Facts = append(results[owners[i]].Facts, ch)
		}
		return nil
	})
	if err != nil {
		if len(docs) == 1 {
			return nil, fmt.Errorf("save document %s: %w", docKey(docs[0].Doc), err)
		}
		return nil, fmt.Errorf("save %d documents: %w", len(docs), err)
	}
	return results, nil
}

func docKey(d claim.Document) string {
	if d.CanonicalURL != "" {
		return d.CanonicalURL
	}
	return d.URL
}

// writer holds one write transaction's prepared statements and the facts it
// has touched.
type writer struct {
	db      *DB
	tx      *sql.Tx
	now     string
	insert  *sql.Stmt
	fts     *sql.Stmt
	outbox  *sql.Stmt
	alias   *sql.Stmt
	aliases map[string]string
	touched map[string]int // fact key → index of the last document touching it
	order   []string       // touched fact keys in first-touch order
}

const insertClaimSQL = `INSERT INTO claims (id, doc_id, subject, canonical, segment, metric, value, value_max,
	unit, item, qualifier, period, basis, modality, attribution, counterparty, quote, span_start, span_end,
	published, host, content_hash, fact_key, created_at)
	VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
	ON CONFLICT (id) DO NOTHING`

func (db *DB) newWriter(ctx context.Context, tx *sql.Tx) (*writer, error) {
	w := &writer{db: db, tx: tx, now: db.stamp(), aliases: map[string]string{}, touched: map[string]int{}}
	var err error
	prep := func(q string) *sql.Stmt {
		if err != nil {
			return nil
		}
		var s *sql.Stmt
		s, err = tx.PrepareContext(ctx, q)
		return s
	}
	w.insert = prep(insertClaimSQL)
	w.outbox = prep("INSERT INTO outbox (claim_id, created_at) VALUES (?, ?)")
	w.alias = prep("SELECT canonical FROM aliases WHERE alias = ?")
	if db.fullText {
		w.fts = prep("INSERT INTO claims_fts (rowid, quote, title) VALUES (?, ?, ?)")
	}
	if err != nil {
		w.close()
		return nil, fmt.Errorf("prepare: %w", err)
	}
	return w, nil
}

func (w *writer) close() {
	for _, s := range []*sql.Stmt{w.insert, w.fts, w.outbox, w.alias} {
		if s != nil {
			s.Close()
		}
	}
}

func (w *writer) touch(key string, doc int) {
	if _, ok := w.touched[key]; !ok {
		w.order = append(w.order, key)
	}
	w.touched[key] = doc
}

// canonical resolves a subject through the aliases table.
func (w *writer) canonical(ctx context.Context, subject string) (string, error) {
	k := aliasKey(subject)
	if c, ok := w.aliases[k]; ok {
		return c, nil
	}
	var c string
	err := w.alias.QueryRowContext(ctx, k).Scan(&c)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		c = strings.Join(strings.Fields(subject), " ")
	case err != nil:
		return "", fmt.Errorf("resolve subject %q: %w", subject, err)
	}
	w.aliases[k] = c
	return c, nil
}

// saveDocument writes one document and its claims inside the writer's tx.
func (w *writer) saveDocument(ctx context.Context, doc claim.Document, claims []claim.Claim, idx int) (claim.SaveResult, error) {
	var res claim.SaveResult
	if doc.ContentHash == "" {
		doc.ContentHash = claim.HashText(doc.Text)
	}
	docID, oldHash, err := w.lookupDocument(ctx, docKey(doc))
	if err != nil {
		return res, err
	}
	switch {
	case docID == 0:
		res.DocumentNew = true
		if docID, err = w.insertDocument(ctx, doc); err != nil {
			return res, err
		}
	case oldHash != doc.ContentHash:
		res.DocumentNew = true
		if err := w.updateDocument(ctx, docID, doc); err != nil {
			return res, err
		}
	}
	current := make(map[string]bool, len(claims))
	for _, c := range claims {
		if c.ID == "" {
			if c.Source.URL == "" {
				c.Source.URL = doc.URL
			}
			c.SetID()
		}
		current[c.ID] = true
		isNew, err := w.insertClaim(ctx, docID, doc, c, idx)
		if err != nil {
			return res, err
		}
		if !isNew {
			res.Duplicate++
			if oldHash != "" && oldHash != doc.ContentHash {
				if err := w.revive(ctx, docID, c.ID, idx); err != nil {
					return res, err
				}
			}
			continue
		}
		res.New = append(res.New, c)
	}
	if docID != 0 && oldHash != "" && oldHash != doc.ContentHash {
		if res.Superseded, err = w.supersede(ctx, docID, current, doc.ContentHash, idx); err != nil {
			return res, err
		}
	}
	return res, nil
}

func (w *writer) lookupDocument(ctx context.Context, key string) (id int64, hash string, err error) {
	err = w.tx.QueryRowContext(ctx, "SELECT id, content_hash FROM documents WHERE key_url = ?", key).Scan(&id, &hash)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, "", nil
	}
	if err != nil {
		return 0, "", fmt.Errorf("look up document: %w", err)
	}
	return id, hash, nil
}

func (w *writer) insertDocument(ctx context.Context, d claim.Document) (int64, error) {
	r, err := w.tx.ExecContext(ctx, `INSERT INTO documents (key_url, url, title, published, kind, form, cik,
		accession, attribution, host, content_hash, fetched_at, first_seen, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		docKey(d), d.URL, d.Title, d.Published, d.Kind, d.Form, d.CIK, d.Accession, d.Attribution,
		publisher(docKey(d), d.Attribution), d.ContentHash, fetchedAt(d), w.now, w.now)
	if err != nil {
		return 0, fmt.Errorf("insert document: %w", err)
	}
	return r.LastInsertId()
}

func (w *writer) updateDocument(ctx context.Context, id int64, d claim.Document) error {
	_, err := w.tx.ExecContext(ctx, `UPDATE documents SET url = ?, title = ?, published = ?, kind = ?, form = ?,
		cik = ?, accession = ?, attribution = ?, host = ?, content_hash = ?, fetched_at = ?, updated_at = ?
		WHERE id = ?`,
		d.URL, d.Title, d.Published, d.Kind, d.Form, d.CIK, d.Accession, d.Attribution,
		publisher(docKey(d), d.Attribution), d.ContentHash, fetchedAt(d), w.now, id)
	if err != nil {
		return fmt.Errorf("update document: %w", err)
	}
	return nil
}

func fetchedAt(d claim.Document) string {
	if d.FetchedAt.IsZero() {
		return ""
	}
	return d.FetchedAt.UTC().Format("2006-01-02T15:04:05.999999999Z07:00")
}

// insertClaim inserts one claim; false means its id was already stored.
func (w *writer) insertClaim(ctx context.Context, docID int64, d claim.Document, c claim.Claim, idx int) (bool, error) {
	canon, err := w.canonical(ctx, c.Subject)
	if err != nil {
		return false, err
	}
	day := publishedDay(d.Published)
	if day == "" {
		day = publishedDay(c.Source.Published)
	}
	key := factKey(canon, c, factPeriod(c.Period, day))
	var vmax any
	if c.ValueMax != nil {
		vmax = *c.ValueMax
	}
	r, err := w.insert.ExecContext(ctx, c.ID, docID, c.Subject, canon, c.Segment, string(c.Metric), c.Value, vmax,
		c.Unit, c.Item, string(c.Qualifier), c.Period, c.Basis, string(c.Modality), c.Attribution, c.Counterparty,
		c.Quote, c.Span[0], c.Span[1], day, publisher(docKey(d), d.Attribution), d.ContentHash, key, w.now)
	if err != nil {
		return false, fmt.Errorf("insert claim %s: %w", c.ID, err)
	}
	if n, _ := r.RowsAffected(); n == 0 {
		return false, nil
	}
	seq, err := r.LastInsertId()
	if err != nil {
		return false, err
	}
	if w.fts != nil {
		if _, err := w.fts.ExecContext(ctx, seq, c.Quote, d.Title); err != nil {
			return false, fmt.Errorf("index claim %s: %w", c.ID, err)
		}
	}
	if _, err := w.outbox.ExecContext(ctx, c.ID, w.now); err != nil {
		return false, fmt.Errorf("outbox claim %s: %w", c.ID, err)
	}
	w.touch(key, idx)
	return true, nil
}

// supersede marks the document's current claims that the new version no longer
// asserts; it returns how many.
func (w *writer) supersede(ctx context.Context, docID int64, current map[string]bool, newHash string, idx int) (int, error) {
	rows, err := w.tx.QueryContext(ctx,
		"SELECT id, fact_key FROM claims WHERE doc_id = ? AND superseded_at IS NULL", docID)
	if err != nil {
		return 0, fmt.Errorf("find old claims: %w", err)
	}
	var gone, keys []string
	for rows.Next() {
		var id, key string
		if err := rows.Scan(&id, &key); err != nil {
			rows.Close()
			return 0, err
		}
		if !current[id] {
			gone, keys = append(gone, id), append(keys, key)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return 0, err
	}
	for i, id := range gone {
		if _, err := w.tx.ExecContext(ctx,
			"UPDATE claims SET superseded_at = ?, superseded_by = ? WHERE id = ?", w.now, newHash, id); err != nil {
			return 0, fmt.Errorf("supersede claim %s: %w", id, err)
		}
		w.touch(keys[i], idx)
	}
	return len(gone), nil
}

// revive clears the superseded mark of a claim that a newer version of its
// document asserts again.
func (w *writer) revive(ctx context.Context, docID int64, id string, idx int) error {
	var key string
	err := w.tx.QueryRowContext(ctx, `UPDATE claims SET superseded_at = NULL, superseded_by = NULL
		WHERE id = ? AND doc_id = ? AND superseded_at IS NOT NULL RETURNING fact_key`, id, docID).Scan(&key)
	if errors.Is(err, sql.ErrNoRows) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("revive claim %s: %w", id, err)
	}
	w.touch(key, idx)
	return nil
}
