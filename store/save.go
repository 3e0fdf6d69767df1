package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/claimwire/claimwire/claim"
)

// Batch is one document and its claims for SaveDocuments, with the crawl
// state of the URL it was fetched from (written in the same transaction when
// State.URL is set). A Batch with a State, a zero Doc and no claims saves
// only the state.
type Batch struct {
	Doc    claim.Document
	Claims []claim.Claim
	State  claim.URLState
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
		if docKey(b.Doc) == "" && !b.stateOnly() {
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
		n := 0
		for _, b := range docs {
			n += len(b.Claims)
		}
		w.rows = make([]claimRow, 0, n)
		seen := map[string]bool{}
		for i, b := range docs {
			if b.stateOnly() {
				continue
			}
			if seen[docKey(b.Doc)] { // a second version in the same batch: write the first one's claims
				if err := w.flush(ctx, results); err != nil {
					return err
				}
				// The first version's claims now read the second's host
				// and hash: compute their facts from the database.
				for k := range w.fresh {
					w.stale[k] = true
				}
			}
			seen[docKey(b.Doc)] = true
			if results[i], err = w.saveDocument(ctx, b.Doc, b.Claims, i); err != nil {
				return fmt.Errorf("save document %s: %w", docKey(b.Doc), err)
			}
		}
		if err := w.flush(ctx, results); err != nil {
			return err
		}
		if err := saveURLStates(ctx, tx, docs); err != nil {
			return err
		}
		changes, owners, err := w.updateFacts(ctx)
		if err != nil {
			return err
		}
		for i, ch := range changes {
			results[owners[i]].Facts = append(results[owners[i]].Facts, ch)
		}
		if !db.facts {
			return nil
		}
		return outboxFactChanges(ctx, tx, changes)
	})
	if err != nil {
		if len(docs) == 1 && docs[0].stateOnly() {
			return nil, fmt.Errorf("save url state %s: %w", docs[0].State.URL, err)
		}
		if len(docs) == 1 {
			return nil, fmt.Errorf("save document %s: %w", docKey(docs[0].Doc), err)
		}
		return nil, fmt.Errorf("save %d documents: %w", len(docs), err)
	}
	return results, nil
}

// stateOnly reports whether b saves a URL state and nothing else.
func (b Batch) stateOnly() bool {
	return b.State.URL != "" && len(b.Claims) == 0 && b.Doc.URL == "" && b.Doc.CanonicalURL == "" && b.Doc.Text == ""
}

func docKey(d claim.Document) string {
	if d.CanonicalURL != "" {
		return d.CanonicalURL
	}
	return d.URL
}

// writer holds one write transaction's prepared statements, the claims
// waiting to be inserted in bulk and the facts touched so far.
type writer struct {
	db      *DB
	tx      *sql.Tx
	now     string
	alias   *sql.Stmt         // resolves a subject alias
	lookup  *sql.Stmt         // finds a document by key
	insert  *sql.Stmt         // adds a document
	move    *sql.Stmt         // re-keys a stored claim (prepared when first used)
	aliases map[string]string // alias key → canonical subject
	// subjects caches canonical by the subject as written (most repeat).
	subjects map[string]string
	quarters map[string]string // publication day → its quarter
	pending  []pendingDoc
	rows     []claimRow
	touched  map[string]int // fact key → index of the last document touching it
	order    []string       // touched fact keys in first-touch order
	// fresh holds, by fact key, the claims this transaction inserted, in
	// insertion order; stale marks the facts whose stored claims changed
	// otherwise (superseded, revived, moved). A touched fact that is neither
	// stale nor stored before is made of its fresh claims alone, so it is
	// computed without reading them back.
	fresh  map[string][]factClaim
	stale  map[string]bool
	oldSeq int64 // the highest claim seq before this transaction's first insert; -1 before it
}

// pendingDoc is a saved document whose claims are waiting in writer.rows.
type pendingDoc struct {
	idx    int
	claims []claim.Claim
	facts  []factClaim // what fact computation needs of each claim (seq comes at insert)
	keys   []string    // fact key of each claim
}

func (db *DB) newWriter(ctx context.Context, tx *sql.Tx) (*writer, error) {
	w := &writer{db: db, tx: tx, now: db.stamp(), oldSeq: -1, aliases: map[string]string{},
		subjects: map[string]string{}, quarters: map[string]string{}, touched: map[string]int{},
		fresh: map[string][]factClaim{}, stale: map[string]bool{}}
	// Statements run once per document are prepared once per transaction.
	for _, p := range []struct {
		stmt **sql.Stmt
		sql  string
	}{
		{&w.alias, "SELECT canonical FROM aliases WHERE alias = ?"},
		{&w.lookup, "SELECT id, content_hash FROM documents WHERE key_url = ?"},
		{&w.insert, insertDocumentSQL},
	} {
		stmt, err := tx.PrepareContext(ctx, p.sql)
		if err != nil {
			w.close()
			return nil, fmt.Errorf("prepare: %w", err)
		}
		*p.stmt = stmt
	}
	return w, nil
}

func (w *writer) close() {
	for _, s := range []*sql.Stmt{w.alias, w.lookup, w.insert, w.move} {
		if s != nil {
			s.Close()
		}
	}
}

// touch marks a fact whose stored claims changed for recomputation from the
// database, reported under document doc.
func (w *writer) touch(key string, doc int) {
	w.note(key, doc)
	w.stale[key] = true
}

// addFresh records a claim this transaction inserted into its fact.
func (w *writer) addFresh(key string, doc int, c factClaim) {
	w.note(key, doc)
	w.fresh[key] = append(w.fresh[key], c)
}

func (w *writer) note(key string, doc int) {
	if _, ok := w.touched[key]; !ok {
		w.order = append(w.order, key)
	}
	w.touched[key] = doc
}

// canonical resolves a subject through the aliases table.
func (w *writer) canonical(ctx context.Context, subject string) (string, error) {
	if c, ok := w.subjects[subject]; ok {
		return c, nil
	}
	c, err := w.resolve(ctx, subject)
	if err != nil {
		return "", err
	}
	w.subjects[subject] = c
	return c, nil
}

// resolve looks a subject up by its alias key, once per key.
func (w *writer) resolve(ctx context.Context, subject string) (string, error) {
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

// saveDocument writes one document row, supersedes or revives its old claims
// when its text changed, and queues its claims for the bulk insert.
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
	p := pendingDoc{idx: idx, claims: make([]claim.Claim, len(claims)), keys: make([]string, len(claims)),
		facts: make([]factClaim, len(claims))}
	host, day := publisher(docKey(doc), doc.Attribution), publishedDay(doc.Published)
	ids := make([]string, len(claims))
	for i, c := range claims {
		if c.ID == "" {
			if c.Source.URL == "" {
				c.Source.URL = doc.URL
			}
			c.SetID()
		}
		row, err := w.claimRow(ctx, docID, day, c)
		if err != nil {
			return res, err
		}
		p.claims[i], p.keys[i], ids[i] = c, row.FactKey, c.ID
		p.facts[i] = row.factClaim(host, doc.ContentHash)
		w.rows = append(w.rows, row)
	}
	w.pending = append(w.pending, p)
	if oldHash != "" && oldHash != doc.ContentHash {
		if res.Superseded, err = w.supersede(ctx, docID, ids, doc.ContentHash, idx); err != nil {
			return res, err
		}
	}
	return res, nil
}

func (w *writer) lookupDocument(ctx context.Context, key string) (id int64, hash string, err error) {
	err = w.lookup.QueryRowContext(ctx, key).Scan(&id, &hash)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, "", nil
	}
	if err != nil {
		return 0, "", fmt.Errorf("look up document: %w", err)
	}
	return id, hash, nil
}

const insertDocumentSQL = `INSERT INTO documents (key_url, url, title, published, kind, form, cik,
	accession, attribution, host, content_hash, fetched_at, first_seen, updated_at)
	VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`

func (w *writer) insertDocument(ctx context.Context, d claim.Document) (int64, error) {
	r, err := w.insert.ExecContext(ctx, docKey(d), d.URL, d.Title, d.Published, d.Kind, d.Form, d.CIK, d.Accession, d.Attribution,
		publisher(docKey(d), d.Attribution), d.ContentHash, timeText(d.FetchedAt), w.now, w.now)
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
		publisher(docKey(d), d.Attribution), d.ContentHash, timeText(d.FetchedAt), w.now, id)
	if err != nil {
		return fmt.Errorf("update document: %w", err)
	}
	return nil
}

// supersede marks the document's current claims that the new version no longer
// asserts, and revives superseded ones it asserts again; it returns how many
// it superseded.
func (w *writer) supersede(ctx context.Context, docID int64, ids []string, newHash string, idx int) (int, error) {
	list, err := json.Marshal(ids)
	if err != nil {
		return 0, err
	}
	gone, err := w.factKeys(ctx, `UPDATE claims SET superseded_at = ?, superseded_by = ?
		WHERE doc_id = ? AND superseded_at IS NULL AND id NOT IN (SELECT value FROM json_each(?))
		RETURNING fact_key`, w.now, newHash, docID, string(list))
	if err != nil {
		return 0, fmt.Errorf("supersede old claims: %w", err)
	}
	back, err := w.factKeys(ctx, `UPDATE claims SET superseded_at = NULL, superseded_by = NULL
		WHERE doc_id = ? AND superseded_at IS NOT NULL AND id IN (SELECT value FROM json_each(?))
		RETURNING fact_key`, docID, string(list))
	if err != nil {
		return 0, fmt.Errorf("revive claims: %w", err)
	}
	for _, k := range append(gone, back...) {
		w.touch(k, idx)
	}
	return len(gone), nil
}

// factKeys runs a statement returning fact keys and collects them.
func (w *writer) factKeys(ctx context.Context, q string, args ...any) ([]string, error) {
	rows, err := w.tx.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var keys []string
	for rows.Next() {
		var k string
		if err := rows.Scan(&k); err != nil {
			return nil, err
		}
		keys = append(keys, k)
	}
	return keys, rows.Err()
}
