package pipeline

// The pipeline over a message bus: the same schedule → fetch → extract → store
// steps as the in-process crawl, split into roles that talk through a work queue
// of fetch jobs, a stream of extracted documents and new-figure events. The bus
// itself (NATS in cmd) is reached only through the small interfaces below.

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"sort"
	"sync"
	"time"

	"github.com/claimwire/claimwire/claim"
)

// JobQueue is the shared queue of fetch jobs: each job goes to one consumer.
// fn's last is true on the final delivery; an error from fn retries the job
// later, or on the last delivery terminates it.
type JobQueue interface {
	PublishJob(ctx context.Context, source, id string, data []byte) error
	ConsumeJobs(ctx context.Context, fn func(ctx context.Context, data []byte, last bool) error) error
}

// DocStream carries extracted documents to the store writers; every writer
// (named) reads all of them through its own durable position.
type DocStream interface {
	PublishDoc(ctx context.Context, source, id string, data []byte) error
	ConsumeDocs(ctx context.Context, writer string, fn func(ctx context.Context, data []byte, last bool) error) error
}

// EventPublisher sends new-figure and fact-change events.
type EventPublisher interface {
	PublishClaims(ctx context.Context, claims []claim.Claim) error
	PublishFactChanges(ctx context.Context, changes []claim.FactChange) error
}

// DocBatchStream is a DocStream that also delivers the documents already
// waiting in one call, for a writer that saves them in one transaction; when
// batch fails, each document goes through one.
type DocBatchStream interface {
	ConsumeDocBatches(ctx context.Context, writer string, size int,
		batch func(ctx context.Context, docs [][]byte) error,
		one func(ctx context.Context, data []byte, last bool) error) error
}

// Leaser runs fn only while holding the named lease, cancelling fn's context
// when the lease is lost, until ctx is done.
type Leaser interface {
	HoldLease(ctx context.Context, name, holder string, fn func(ctx context.Context) error) error
}

// DeadLetters records input that failed every attempt.
type DeadLetters interface {
	RecordDeadLetter(ctx context.Context, key, reason string, data []byte) error
}

// EventStore is what a store writer needs of the database: saving writes an
// outbox row per new claim in the same transaction, and the outbox is drained
// to the bus only after the commit.
type EventStore interface {
	SaveDocument(ctx context.Context, doc claim.Document, claims []claim.Claim) (claim.SaveResult, error)
	PendingEvents(ctx context.Context, limit int) ([]claim.Claim, error)
	MarkPublished(ctx context.Context, ids ...string) error
	DeadLetters
}

// DocMessage is an extracted document on the document stream. The text travels
// beside the document because claim.Document does not marshal it.
type DocMessage struct {
	Source   string         `json:"source"`
	Document claim.Document `json:"document"`
	Text     string         `json:"text,omitempty"`
	Claims   []claim.Claim  `json:"claims"`
}

// busDocID dedupes a document on the stream: the same URL with the same content.
func busDocID(d claim.Document) string {
	u := d.CanonicalURL
	if u == "" {
		u = d.URL
	}
	return u + "#" + d.ContentHash
}

// CrawlState is the crawl-state half of a Saver.
type CrawlState interface {
	SourceState(ctx context.Context, name string) (claim.SourceState, error)
	SaveSourceState(ctx context.Context, s claim.SourceState) error
	SourceStates(ctx context.Context) ([]claim.SourceState, error)
	URLState(ctx context.Context, url string) (claim.URLState, error)
	SaveURLState(ctx context.Context, s claim.URLState) error
}

// BusSaver is the Saver of a fetch worker: crawl state goes to State (the
// database in `claimwire run`, the bus's key-value bucket in a remote worker), documents and their
// claims go to the document stream for the store writers. The SaveResult it
// returns is empty: what the write did is known only to the store.
type BusSaver struct {
	CrawlState
	Docs   DocStream
	Source string // source name for the subject; the document's host when empty
}

// SaveDocument publishes doc with its claims.
func (b BusSaver) SaveDocument(ctx context.Context, doc claim.Document, claims []claim.Claim) (claim.SaveResult, error) {
	src := b.Source
	if src == "" {
		src = busHost(doc.URL)
	}
	data, err := json.Marshal(DocMessage{Source: src, Document: doc, Text: doc.Text, Claims: claims})
	if err != nil {
		return claim.SaveResult{}, fmt.Errorf("encode document %s: %w", doc.URL, err)
	}
	if err := b.Docs.PublishDoc(ctx, src, busDocID(doc), data); err != nil {
		return claim.SaveResult{}, err
	}
	return claim.SaveResult{DocumentNew: true}, nil
}

// MemoryState keeps crawl state in memory, for a worker whose state need not
// outlive it (tests, benchmarks); remote fetch workers keep theirs on the bus.
type MemoryState struct {
	mu      sync.Mutex
	sources map[string]claim.SourceState
	urls    map[string]claim.URLState
}

// SourceState returns a source's state or claim.ErrNotFound.
func (m *MemoryState) SourceState(ctx context.Context, name string) (claim.SourceState, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	s, ok := m.sources[name]
	if !ok {
		return s, fmt.Errorf("source %s: %w", name, claim.ErrNotFound)
	}
	return s, nil
}

// SaveSourceState stores a source's state.
func (m *MemoryState) SaveSourceState(ctx context.Context, s claim.SourceState) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.sources == nil {
		m.sources = map[string]claim.SourceState{}
	}
	m.sources[s.Name] = s
	return nil
}

// SourceStates lists the stored source states by name.
func (m *MemoryState) SourceStates(ctx context.Context) ([]claim.SourceState, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	out := make([]claim.SourceState, 0, len(m.sources))
	for _, s := range m.sources {
		out = append(out, s)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out, nil
}

// URLState returns a URL's state or claim.ErrNotFound.
func (m *MemoryState) URLState(ctx context.Context, url string) (claim.URLState, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	s, ok := m.urls[url]
	if !ok {
		return s, fmt.Errorf("url %s: %w", url, claim.ErrNotFound)
	}
	return s, nil
}

// SaveURLState stores a URL's state.
func (m *MemoryState) SaveURLState(ctx context.Context, s claim.URLState) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.urls == nil {
		m.urls = map[string]claim.URLState{}
	}
	m.urls[s.URL] = s
	return nil
}

// busOutboxBatch is how many events one outbox round publishes.
const busOutboxBatch = 500

// busDrain runs outbox rounds until one reports nothing more to send or
// fails, and returns how many events went out.
func busDrain(round func() (sent int, more bool, err error)) (int, error) {
	total := 0
	for {
		n, more, err := round()
		total += n
		if err != nil || !more {
			return total, err
		}
	}
}

// busFlushOutbox publishes committed but unpublished new-figure events until the
// outbox is empty, marking each batch published after the bus stored it. A
// crash in between re-sends the batch; the bus drops the repeats by claim id.
func busFlushOutbox(ctx context.Context, st EventStore, pub EventPublisher) (int, error) {
	return busDrain(func() (int, bool, error) {
		pending, err := st.PendingEvents(ctx, busOutboxBatch)
		if err != nil || len(pending) == 0 {
			return 0, false, wrapErr("read outbox", err)
		}
		if err := pub.PublishClaims(ctx, pending); err != nil {
			return 0, false, fmt.Errorf("publish new-figure events: %w", err)
		}
		ids := make([]string, len(pending))
		for i, c := range pending {
			ids[i] = c.ID
		}
		if err := st.MarkPublished(ctx, ids...); err != nil {
			return 0, false, fmt.Errorf("mark events published: %w", err)
		}
		return len(pending), len(pending) == busOutboxBatch, nil
	})
}

// FactOutbox is a store that keeps the fact changes of each save, committed
// with it, until they are marked published.
type FactOutbox interface {
	KeepsFactChanges() bool
	PendingFactChanges(ctx context.Context, limit int) ([]int64, []claim.FactChange, error)
	MarkFactChangesPublished(ctx context.Context, seqs ...int64) error
}

// busFlushFactOutbox publishes committed fact changes until the fact outbox
// is empty, marking each batch after the bus stored it; a repeat after a crash
// is dropped by the bus (a change's event id hashes its content).
func busFlushFactOutbox(ctx context.Context, fo FactOutbox, pub EventPublisher) (int, error) {
	return busDrain(func() (int, bool, error) {
		seqs, changes, err := fo.PendingFactChanges(ctx, busOutboxBatch)
		if err != nil || len(changes) == 0 {
			return 0, false, wrapErr("read fact outbox", err)
		}
		if err := pub.PublishFactChanges(ctx, changes); err != nil {
			return 0, false, fmt.Errorf("publish fact changes: %w", err)
		}
		if err := fo.MarkFactChangesPublished(ctx, seqs...); err != nil {
			return 0, false, fmt.Errorf("mark fact changes published: %w", err)
		}
		rows := 1 // a row holds the changes of one save: count the rows read
		for i := 1; i < len(seqs); i++ {
			if seqs[i] != seqs[i-1] {
				rows++
			}
		}
		return len(changes), rows == busOutboxBatch, nil
	})
}

// wrapErr is err with what failed, or nil.
func wrapErr(what string, err error) error {
	if err == nil {
		return nil
	}
	return fmt.Errorf("%s: %w", what, err)
}

// busSleep waits d or until ctx is done.
func busSleep(ctx context.Context, d time.Duration) {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
	case <-t.C:
	}
}

// busHost is the host of a URL, for a subject token.
func busHost(raw string) string {
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" {
		return "unknown"
	}
	return u.Hostname()
}
