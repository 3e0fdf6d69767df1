package store

import (
	"context"
	"database/sql"
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
	err := db.tx(ctx, func(tx *sql.Tx) error {
		for start := 0; start < len(ids); start += 500 {
			chunk := ids[start:min(start+500, len(ids))]
			args := make([]any, len(chunk))
			for i, id := range chunk {
				args[i] = id
			}
			q := "DELETE FROM outbox WHERE claim_seq IN (SELECT seq FROM claims WHERE id IN (?" +
				strings.Repeat(", ?", len(chunk)-1) + "))"
			if _, err := tx.ExecContext(ctx, q, args...); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("mark %d events published: %w", len(ids), err)
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
