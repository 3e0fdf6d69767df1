package pipeline

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/claimwire/claimwire/claim"
)

// StoreWriter is the store role: the single writer of one database. It reads
// every document from the stream through its own durable consumer (a second
// writer with another name and database is a replica that rebuilds itself),
// saves it, then publishes the new-figure events the commit put in the outbox
// and the fact changes, and only then acknowledges the document.
type StoreWriter struct {
	Name       string // durable consumer name, one per database
	Docs       DocStream
	Store      EventStore
	Events     EventPublisher
	Log        *slog.Logger
	FlushEvery time.Duration // how often the outbox is swept for events a failed publish left; 5s
	// Batch, when set (and Docs is a DocBatchStream), saves the documents
	// waiting on the stream BatchSize at a time in one transaction.
	Batch     BatchSaver
	BatchSize int // 256

	mu sync.Mutex // one outbox flush at a time
}

// Run writes documents until ctx is done, then publishes what the outbox still
// holds. Events committed by an earlier run but never published go out first.
func (w *StoreWriter) Run(ctx context.Context) error {
	log := w.logger()
	w.flush(ctx)
	every := w.FlushEvery
	if every <= 0 {
		every = 5 * time.Second
	}
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		t := time.NewTicker(every)
		defer t.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-t.C:
				w.flush(ctx)
			}
		}
	}()
	err := w.consume(ctx)
	wg.Wait()
	fctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
	defer cancel()
	w.flush(fctx)
	log.Info("store writer stopped", "writer", w.Name)
	if err != nil {
		return fmt.Errorf("store writer %s: %w", w.Name, err)
	}
	return nil
}

func (w *StoreWriter) consume(ctx context.Context) error {
	if bs, ok := w.Docs.(DocBatchStream); ok && w.Batch != nil {
		size := w.BatchSize
		if size <= 0 {
			size = 256
		}
		return bs.ConsumeDocBatches(ctx, w.Name, size, w.handleBatch, w.handle)
	}
	return w.Docs.ConsumeDocs(ctx, w.Name, w.handle)
}

func (w *StoreWriter) logger() *slog.Logger {
	if w.Log == nil {
		return slog.New(slog.DiscardHandler)
	}
	return w.Log
}

// flush drains the outbox; a failure is logged and left for the next sweep.
func (w *StoreWriter) flush(ctx context.Context) {
	w.mu.Lock()
	defer w.mu.Unlock()
	n, err := busFlushOutbox(ctx, w.Store, w.Events)
	if err != nil && ctx.Err() == nil {
		w.logger().Warn("outbox flush", "writer", w.Name, "published", n, "err", err)
	}
	w.flushFacts(ctx)
}

// flushFacts publishes the fact changes a store keeps in its outbox; the
// caller holds w.mu. A failure is logged and left for the next sweep.
func (w *StoreWriter) flushFacts(ctx context.Context) {
	fo, ok := w.Store.(FactOutbox)
	if !ok || !fo.KeepsFactChanges() {
		return
	}
	n, err := busFlushFactOutbox(ctx, fo, w.Events)
	if err != nil && ctx.Err() == nil {
		w.logger().Warn("fact change outbox flush, left for the next sweep", "writer", w.Name, "published", n, "err", err)
	}
}

// publishFresh publishes the claims a commit just wrote — their outbox rows
// are committed with them — and marks them published, without reading them
// back from the outbox. On failure they stay in the outbox for the sweep.
func (w *StoreWriter) publishFresh(ctx context.Context, fresh []claim.Claim) {
	w.mu.Lock()
	defer w.mu.Unlock()
	err := w.Events.PublishClaims(ctx, fresh)
	if err == nil {
		ids := make([]string, len(fresh))
		for i, c := range fresh {
			ids[i] = c.ID
		}
		err = w.Store.MarkPublished(ctx, ids...)
	}
	if err != nil && ctx.Err() == nil {
		w.logger().Warn("publish new figures, left in the outbox", "writer", w.Name, "claims", len(fresh), "err", err)
	}
}

// handle saves one document message. A message that cannot be decoded is
// recorded as a dead letter at once; a failed save is retried by the bus and
// recorded on its last attempt.
func (w *StoreWriter) handle(ctx context.Context, data []byte, last bool) error {
	var m DocMessage
	if err := json.Unmarshal(data, &m); err != nil {
		return w.deadLetter(ctx, "doc:undecodable", fmt.Errorf("decode document message: %w", err), data)
	}
	m.Document.Text = m.Text
	res, err := w.Store.SaveDocument(ctx, m.Document, m.Claims)
	if err != nil {
		err = fmt.Errorf("save %s: %w", m.Document.URL, err)
		if last {
			_ = w.deadLetter(ctx, "doc:"+m.Document.URL, err, data)
		}
		return err
	}
	w.announce(ctx, []claim.SaveResult{res})
	return nil
}

// handleBatch saves documents in one transaction. Any failure (one message
// that does not decode, a save error) fails the batch, and the bus then hands
// each message to handle on its own.
func (w *StoreWriter) handleBatch(ctx context.Context, batch [][]byte) error {
	docs := make([]claim.Document, len(batch))
	claims := make([][]claim.Claim, len(batch))
	for i, data := range batch {
		var m DocMessage
		if err := json.Unmarshal(data, &m); err != nil {
			return fmt.Errorf("decode document message: %w", err)
		}
		m.Document.Text = m.Text
		docs[i], claims[i] = m.Document, m.Claims
	}
	results, err := w.Batch.SaveBatch(ctx, docs, claims)
	if err != nil {
		return fmt.Errorf("save %d documents: %w", len(docs), err)
	}
	w.announce(ctx, results)
	return nil
}

// announce publishes, after the commit, the new-figure events in the outbox
// and the fact changes of results. A failed publish is left to the sweep (both
// kinds when the store keeps a fact outbox).
func (w *StoreWriter) announce(ctx context.Context, results []claim.SaveResult) {
	var fresh []claim.Claim
	var facts []claim.FactChange
	for _, r := range results {
		fresh = append(fresh, r.New...)
		facts = append(facts, r.Facts...)
	}
	if len(fresh) > 0 {
		w.publishFresh(ctx, fresh)
	}
	if len(facts) == 0 {
		return
	}
	if fo, ok := w.Store.(FactOutbox); ok && fo.KeepsFactChanges() {
		// committed to the outbox with the claims: publish from there, so a
		// failure or a crash here loses none
		w.mu.Lock()
		w.flushFacts(ctx)
		w.mu.Unlock()
		return
	}
	if err := w.Events.PublishFactChanges(ctx, facts); err != nil {
		w.logger().Warn("publish fact changes", "changes", len(facts), "err", err)
	}
}

// deadLetter records data as failed with err and reports success, so the bus
// stops redelivering it; if even the record fails, err goes back to the bus.
func (w *StoreWriter) deadLetter(ctx context.Context, key string, err error, data []byte) error {
	w.logger().Error("dead letter", "writer", w.Name, "key", key, "err", err)
	if rerr := w.Store.RecordDeadLetter(ctx, key, err.Error(), data); rerr != nil {
		return fmt.Errorf("%w (and recording it failed: %v)", err, rerr)
	}
	return nil
}
