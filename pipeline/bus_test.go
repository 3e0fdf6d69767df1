package pipeline

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/claimwire/claimwire/claim"
	"github.com/google/go-cmp/cmp"
)

// fakeQueue is a JobQueue and DocStream that keeps what is published, deduped
// by id like the bus.
type fakeQueue struct {
	mu   sync.Mutex
	ids  map[string]bool
	jobs [][]byte
	docs [][]byte
}

func (q *fakeQueue) add(id string, data []byte, to *[][]byte) {
	q.mu.Lock()
	defer q.mu.Unlock()
	if q.ids == nil {
		q.ids = map[string]bool{}
	}
	if q.ids[id] {
		return
	}
	q.ids[id] = true
	*to = append(*to, data)
}

func (q *fakeQueue) PublishJob(ctx context.Context, source, id string, data []byte) error {
	q.add("job:"+id, data, &q.jobs)
	return nil
}

func (q *fakeQueue) ConsumeJobs(ctx context.Context, fn func(context.Context, []byte, bool) error) error {
	return errors.New("not used")
}

func (q *fakeQueue) PublishDoc(ctx context.Context, source, id string, data []byte) error {
	q.add("doc:"+id, data, &q.docs)
	return nil
}

func (q *fakeQueue) ConsumeDocs(ctx context.Context, writer string, fn func(context.Context, []byte, bool) error) error {
	return errors.New("not used")
}

func TestSourceScheduleDueAndScheduled(t *testing.T) {
	ctx := context.Background()
	now := time.Date(2026, 5, 1, 12, 0, 0, 0, time.UTC)
	state := &MemoryState{}
	state.SaveSourceState(ctx, claim.SourceState{Name: "later", NextCheck: now.Add(time.Minute)})
	state.SaveSourceState(ctx, claim.SourceState{Name: "now", NextCheck: now})
	state.SaveSourceState(ctx, claim.SourceState{Name: "past", NextCheck: now.Add(-time.Second)})
	s := SourceSchedule{State: state, Sources: []Source{
		{Name: "never", Kind: KindFeed, Interval: 15 * time.Minute},
		{Name: "later", Interval: time.Hour}, // near miss: due one minute from now
		{Name: "now", Interval: time.Hour},
		{Name: "past", Interval: 30 * time.Second},
	}}
	due, err := s.Due(ctx, now)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"never", "now", "past"}, due); diff != "" {
		t.Errorf("due (-want +got):\n%s", diff)
	}
	for _, name := range due {
		if err := s.Scheduled(ctx, name, now); err != nil {
			t.Fatal(err)
		}
	}
	if due, _ := s.Due(ctx, now); len(due) != 0 {
		t.Errorf("due right after scheduling: %v", due)
	}
	st, _ := state.SourceState(ctx, "past")
	if want := now.Add(time.Minute); !st.NextCheck.Equal(want) {
		t.Errorf("next check of a 30s source = %v, want the one-minute floor %v", st.NextCheck, want)
	}
	st, _ = state.SourceState(ctx, "never")
	if st.Kind != KindFeed || st.Status != "never" || !st.NextCheck.Equal(now.Add(15*time.Minute)) {
		t.Errorf("new state = %+v", st)
	}
	if err := s.Scheduled(ctx, "unknown", now); !errors.Is(err, claim.ErrNotFound) {
		t.Errorf("scheduling an unknown source: %v, want ErrNotFound", err)
	}
}

// fixedSchedule is always due with the same sources and counts recordings.
type fixedSchedule struct {
	due       []string
	scheduled int
}

func (f *fixedSchedule) Due(context.Context, time.Time) ([]string, error) { return f.due, nil }
func (f *fixedSchedule) Scheduled(context.Context, string, time.Time) error {
	f.scheduled++
	return nil
}

func TestBusSchedulerRoundIsIdempotent(t *testing.T) {
	q := &fakeQueue{}
	at := time.Date(2026, 5, 1, 12, 0, 0, 0, time.UTC)
	sched := &fixedSchedule{due: []string{"a", "b"}}
	s := &BusScheduler{Jobs: q, Schedule: sched, Now: func() time.Time { return at }}
	ctx := context.Background()
	// Two schedulers' rounds at the same instant (a lease hand-over) queue once.
	for range 2 {
		if err := s.round(ctx); err != nil {
			t.Fatal(err)
		}
	}
	if len(q.jobs) != 2 {
		t.Fatalf("%d jobs queued, want 2", len(q.jobs))
	}
	var j BusJob
	if err := json.Unmarshal(q.jobs[1], &j); err != nil {
		t.Fatal(err)
	}
	if j.Source != "b" || !j.At.Equal(at) {
		t.Errorf("job = %+v", j)
	}
	at = at.Add(time.Second) // the next round is new work
	if err := s.round(ctx); err != nil {
		t.Fatal(err)
	}
	if len(q.jobs) != 4 || sched.scheduled != 6 {
		t.Errorf("after a later round: %d jobs, %d recorded; want 4 and 6", len(q.jobs), sched.scheduled)
	}
}

func TestBusSaverKeepsTextAndClaims(t *testing.T) {
	q := &fakeQueue{}
	saver := BusSaver{CrawlState: &MemoryState{}, Docs: q}
	doc := claim.Document{Source: claim.Source{URL: "https://example.com/a"}, Text: "Revenue rose 10%.", ContentHash: claim.HashText("Revenue rose 10%.")}
	claims := []claim.Claim{{ID: "x", Subject: "Example", Metric: claim.Growth, Value: 10, Unit: claim.Percent}}
	ctx := context.Background()
	for range 2 { // the same content twice is one message
		if _, err := saver.SaveDocument(ctx, doc, claims); err != nil {
			t.Fatal(err)
		}
	}
	doc2 := doc
	doc2.Text, doc2.ContentHash = "Revenue rose 11%.", claim.HashText("Revenue rose 11%.")
	if _, err := saver.SaveDocument(ctx, doc2, nil); err != nil {
		t.Fatal(err)
	}
	if len(q.docs) != 2 {
		t.Fatalf("%d document messages, want 2 (changed content is new)", len(q.docs))
	}
	var m DocMessage
	if err := json.Unmarshal(q.docs[0], &m); err != nil {
		t.Fatal(err)
	}
	if m.Text != doc.Text || m.Source != "example.com" || !cmp.Equal(m.Claims, claims) {
		t.Errorf("message = %+v", m)
	}
}

// fakeOutbox is an EventStore whose outbox holds n claims.
type fakeOutbox struct {
	pending []claim.Claim
	marked  []string
}

func (f *fakeOutbox) SaveDocument(context.Context, claim.Document, []claim.Claim) (claim.SaveResult, error) {
	return claim.SaveResult{}, nil
}
func (f *fakeOutbox) PendingEvents(_ context.Context, limit int) ([]claim.Claim, error) {
	return f.pending[:min(limit, len(f.pending))], nil
}
func (f *fakeOutbox) MarkPublished(_ context.Context, ids ...string) error {
	f.marked = append(f.marked, ids...)
	f.pending = f.pending[len(ids):]
	return nil
}
func (f *fakeOutbox) RecordDeadLetter(context.Context, string, string, []byte) error { return nil }

// countingPublisher fails after failAfter events.
type countingPublisher struct {
	sent, failAfter int
}

func (p *countingPublisher) PublishClaims(_ context.Context, cs []claim.Claim) error {
	if p.failAfter >= 0 && p.sent+len(cs) > p.failAfter {
		return errors.New("nats: timeout")
	}
	p.sent += len(cs)
	return nil
}
func (p *countingPublisher) PublishFactChanges(context.Context, []claim.FactChange) error { return nil }

func TestFlushOutbox(t *testing.T) {
	claims := func(n int) []claim.Claim {
		out := make([]claim.Claim, n)
		for i := range out {
			out[i].ID = fmt.Sprint(i)
		}
		return out
	}
	tests := []struct {
		name                 string
		pending, failAfter   int
		wantSent, wantMarked int
		wantErr              bool
	}{
		{"empty", 0, -1, 0, 0, false},
		{"one batch", 3, -1, 3, 3, false},
		{"several batches", 2*busOutboxBatch + 7, -1, 2*busOutboxBatch + 7, 2*busOutboxBatch + 7, false},
		{"publish fails in the second batch: only the first is marked", busOutboxBatch + 5, busOutboxBatch, busOutboxBatch, busOutboxBatch, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st := &fakeOutbox{pending: claims(tt.pending)}
			pub := &countingPublisher{failAfter: tt.failAfter}
			n, err := busFlushOutbox(context.Background(), st, pub)
			if (err != nil) != tt.wantErr {
				t.Fatalf("err = %v", err)
			}
			if n != tt.wantSent || pub.sent != tt.wantSent || len(st.marked) != tt.wantMarked {
				t.Errorf("returned %d, sent %d, marked %d; want %d, %d, %d", n, pub.sent, len(st.marked), tt.wantSent, tt.wantSent, tt.wantMarked)
			}
		})
	}
}
