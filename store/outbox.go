package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/claimwire/claimwire/claim"
)

// PendingEvents returns up to limit new claims whose outbox rows are committed
// but not yet published, in commit order. The NATS pipeline publishes them and
// then calls MarkPublished; a crash in between publishes again (at least once).
func (db *DB) PendingEvents(ctx context.Context, limit int) ([]claim.Claim, error) {
	if limit <= 0 {
		limit = DefaultLimit
	}
	claims, _, err := db.queryClaims(ctx, "SELECT "+claimCols+` FROM outbox o
		JOIN claims c ON c.seq = o.claim_seq JOIN documents d ON d.id = c.doc_id
		ORDER BY o.seq LIMIT ?`, min(limit, MaxLimit))
	if err != nil {
		return nil, fmt.Errorf("pending events: %w", err)
	}
	return claims, nil
}

// MarkPublished removes the outbox rows of the given claim ids.
func (db *DB) MarkPublished(ctx context.Context, ids ...string) error {
	if len(ids) == 0 {
		return nil
	}
	list, err := json.Marshal(ids)
	if err != nil {
		return err
	}
	err = db.tx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, "DELETE FROM outbox WHERE claim_seq IN (SELECT seq FROM claims WHERE "+
			claimIDIndexed("id")+" IN (SELECT "+claimIDIndexed("value")+" FROM json_each(?)))", string(list))
		return err
	})
	if err != nil {
		return fmt.Errorf("mark %d events published: %w", len(ids), err)
	}
	return nil
}

// deleteIn runs query (with one %s for a list of placeholders) over args in
// chunks of 500, in one transaction.
func (db *DB) deleteIn(ctx context.Context, query string, args []any) error {
	if len(args) == 0 {
		return nil
	}
	return db.tx(ctx, func(tx *sql.Tx) error {
		for start := 0; start < len(args); start += 500 {
			chunk := args[start:min(start+500, len(args))]
			q := fmt.Sprintf(query, "?"+strings.Repeat(", ?", len(chunk)-1))
			if _, err := tx.ExecContext(ctx, q, chunk...); err != nil {
				return err
			}
		}
		return nil
	})
}

// outboxFactChanges writes the fact changes of a save to the fact outbox as
// one row, in the save's transaction.
func outboxFactChanges(ctx context.Context, tx *sql.Tx, changes []claim.FactChange) error {
	if len(changes) == 0 {
		return nil
	}
	data, err := json.Marshal(changes)
	if err != nil {
		return fmt.Errorf("encode %d fact changes: %w", len(changes), err)
	}
	if _, err := tx.ExecContext(ctx, "INSERT INTO fact_outbox (data) VALUES (?)", string(data)); err != nil {
		return fmt.Errorf("outbox %d fact changes: %w", len(changes), err)
	}
	return nil
}

// KeepsFactChanges reports whether saves keep their fact changes in the fact
// outbox (the database was opened WithFactOutbox).
func (db *DB) KeepsFactChanges() bool { return db.facts }

// PendingFactChanges returns the fact changes of up to limit saves that are
// committed but not yet published, oldest first, with the outbox sequence
// number of each change's save for MarkFactChangesPublished.
func (db *DB) PendingFactChanges(ctx context.Context, limit int) ([]int64, []claim.FactChange, error) {
	if limit <= 0 {
		limit = DefaultLimit
	}
	rows, err := db.r.QueryContext(ctx, "SELECT seq, data FROM fact_outbox ORDER BY seq LIMIT ?", min(limit, MaxLimit))
	if err != nil {
		return nil, nil, fmt.Errorf("pending fact changes: %w", classify(err))
	}
	defer rows.Close()
	var seqs []int64
	var changes []claim.FactChange
	for rows.Next() {
		var seq int64
		var data []byte
		if err := rows.Scan(&seq, &data); err != nil {
			return nil, nil, fmt.Errorf("pending fact changes: %w", err)
		}
		var chs []claim.FactChange
		if err := json.Unmarshal(data, &chs); err != nil {
			return nil, nil, fmt.Errorf("pending fact changes %d: %w", seq, err)
		}
		for _, ch := range chs {
			seqs, changes = append(seqs, seq), append(changes, ch)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, nil, fmt.Errorf("pending fact changes: %w", classify(err))
	}
	return seqs, changes, nil
}

// MarkFactChangesPublished removes the fact outbox rows of seqs (a seq may
// repeat: one row holds all the changes of a save).
func (db *DB) MarkFactChangesPublished(ctx context.Context, seqs ...int64) error {
	args := make([]any, len(seqs))
	for i, s := range seqs {
		args[i] = s
	}
	if err := db.deleteIn(ctx, "DELETE FROM fact_outbox WHERE seq IN (%s)", args); err != nil {
		return fmt.Errorf("mark %d fact changes published: %w", len(seqs), err)
	}
	return nil
}

// RecordDeadLetter keeps a job the pipeline gave up on, with why and its data.
func (db *DB) RecordDeadLetter(ctx context.Context, key, reason string, data []byte) error {
	err := db.tx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, "INSERT INTO dead_letters (key, reason, data, created_at) VALUES (?, ?, ?, ?)",
			key, reason, data, db.stamp())
		return err
	})
	if err != nil {
		return fmt.Errorf("record dead letter %s: %w", key, err)
	}
	return nil
}

// DeadLetter is one job the pipeline gave up on.
type DeadLetter struct {
	Key       string `json:"key"`
	Reason    string `json:"reason"`
	Data      []byte `json:"data,omitempty"`
	CreatedAt string `json:"created_at"`
}

// DeadLetters lists the recorded dead letters, newest first.
func (db *DB) DeadLetters(ctx context.Context, limit int) ([]DeadLetter, error) {
	if limit <= 0 {
		limit = DefaultLimit
	}
	rows, err := db.r.QueryContext(ctx,
		"SELECT key, reason, data, created_at FROM dead_letters ORDER BY id DESC LIMIT ?", limit)
	if err != nil {
		return nil, fmt.Errorf("dead letters: %w", classify(err))
	}
	defer rows.Close()
	var out []DeadLetter
	for rows.Next() {
		var d DeadLetter
		if err := rows.Scan(&d.Key, &d.Reason, &d.Data, &d.CreatedAt); err != nil {
			return nil, fmt.Errorf("dead letters: %w", err)
		}
		out = append(out, d)
	}
	return out, classify(rows.Err())
}
