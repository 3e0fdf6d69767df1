package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/claimwire/claimwire/claim"
	"github.com/claimwire/claimwire/natsbus"
	"github.com/claimwire/claimwire/pipeline"
	"github.com/claimwire/claimwire/store"
)

// busHarness is an embedded NATS server, a connection and a SQLite file.
type busHarness struct {
	srv  *natsbus.Server
	conn *natsbus.Conn
	db   *store.DB
}

func newBusHarness(t testing.TB, p natsbus.Policy) *busHarness {
	t.Helper()
	ctx := context.Background()
	srv, err := natsbus.StartEmbedded(ctx, natsbus.EmbeddedOptions{StoreDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(srv.Shutdown)
	conn, err := natsbus.Connect(ctx, srv.ClientURL(), natsbus.ConnOptions{Policy: p})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close() })
	db, err := store.Open(ctx, filepath.Join(t.TempDir(), "claims.db"), store.WithFactOutbox())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return &busHarness{srv: srv, conn: conn, db: db}
}

// busDoc is a document at url with n run-rate claims of distinct subjects.
func busDoc(url string, n int) (claim.Document, []claim.Claim) {
	text := fmt.Sprintf("Run rates reported at %s.", url)
	doc := claim.Document{Source: claim.Source{URL: url, Title: "Run rates", Published: "2026-04-30", Kind: claim.KindArticle},
		Text: text, ContentHash: claim.HashText(text)}
	claims := make([]claim.Claim, n)
	for i := range claims {
		c := claim.Claim{
			Subject: fmt.Sprintf("Company%d", i), Metric: claim.RevenueRunRate, Value: float64(i+1) * 1e9, Unit: claim.USD,
			Qualifier: claim.Exact, Modality: claim.Actual, Period: "2026-Q1",
			Quote: fmt.Sprintf("Company%d reached a $%d billion run rate.", i, i+1), Span: [2]int{9, 20}, Source: doc.Source,
		}
		c.SetID()
		claims[i] = c
	}
	return doc, claims
}

// committedCheck is an EventPublisher that checks, before passing events on,
// that every claim it is asked to publish is already committed in db.
type committedCheck struct {
	pipeline.EventPublisher
	db *store.DB

	mu          sync.Mutex
	uncommitted []string
	published   int
}

func (c *committedCheck) PublishClaims(ctx context.Context, claims []claim.Claim) error {
	c.mu.Lock()
	for _, cl := range claims {
		if _, err := c.db.Claim(ctx, cl.ID); err != nil {
			c.uncommitted = append(c.uncommitted, cl.ID)
		}
	}
	c.published += len(claims)
	c.mu.Unlock()
	return c.EventPublisher.PublishClaims(ctx, claims)
}

// countEvents replays the claims stream and returns total and distinct ids.
func countEvents(t testing.TB, conn *natsbus.Conn, want int) (total, distinct int) {
	t.Helper()
	return countWatched(t, conn, natsbus.WatchOptions{All: true}, want, func(e natsbus.Event) (string, bool) {
		if e.Claim == nil {
			return "", false
		}
		return e.Claim.ID, true
	})
}

// countFactEvents counts the fact-change events the bus retains.
func countFactEvents(t testing.TB, conn *natsbus.Conn, want int) int {
	t.Helper()
	n, _ := countWatched(t, conn, natsbus.WatchOptions{All: true, Facts: true}, want, func(e natsbus.Event) (string, bool) {
		if e.Fact == nil {
			return "", false
		}
		return e.Fact.After.Key, true
	})
	return n
}

// countWatched replays the events of o that key keeps, until want arrived and
// nothing more came for a moment, and returns how many and how many distinct keys.
func countWatched(t testing.TB, conn *natsbus.Conn, o natsbus.WatchOptions, want int, key func(natsbus.Event) (string, bool)) (total, distinct int) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	seen := map[string]int{}
	var mu sync.Mutex
	go func() { // stop once want arrived and nothing more came for a while
		last := -1
		for ctx.Err() == nil {
			time.Sleep(300 * time.Millisecond)
			mu.Lock()
			n := total
			mu.Unlock()
			if n >= want && n == last {
				cancel()
			}
			last = n
		}
	}()
	err := conn.Watch(ctx, o, func(e natsbus.Event) error {
		k, ok := key(e)
		if !ok {
			return nil
		}
		mu.Lock()
		defer mu.Unlock()
		total++
		seen[k]++
		return nil
	})
	if err != nil && ctx.Err() == nil {
		t.Fatal(err)
	}
	mu.Lock()
	defer mu.Unlock()
	return total, len(seen)
}

func waitFor(t testing.TB, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func pending(t testing.TB, db *store.DB) int {
	t.Helper()
	p, err := db.PendingEvents(context.Background(), 10000)
	if err != nil {
		t.Fatal(err)
	}
	return len(p)
}

func TestOutboxPublishesOnlyCommittedClaimsOnce(t *testing.T) {
	h := newBusHarness(t, natsbus.Policy{})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()

	// A crash after a commit and before the publish: the outbox holds them.
	crashedDoc, crashedClaims := busDoc("https://example.com/crashed", 3)
	if _, err := h.db.SaveDocument(ctx, crashedDoc, crashedClaims); err != nil {
		t.Fatal(err)
	}
	if n := pending(t, h.db); n != 3 {
		t.Fatalf("outbox holds %d events after a commit, want 3", n)
	}

	pub := &committedCheck{EventPublisher: h.conn, db: h.db}
	w := &pipeline.StoreWriter{Name: "main", Docs: h.conn, Store: h.db, Batch: crawlDB{h.db}, Events: pub}
	done := make(chan error, 1)
	go func() { done <- w.Run(ctx) }()

	saver := pipeline.BusSaver{CrawlState: &pipeline.MemoryState{}, Docs: h.conn}
	for i := range 5 {
		doc, claims := busDoc(fmt.Sprintf("https://example.com/a%d", i), 4)
		if _, err := saver.SaveDocument(ctx, doc, claims); err != nil {
			t.Fatal(err)
		}
	}
	// The same document again under another message id (a re-crawl after the
	// dedupe window): the store must not commit its claims twice.
	doc, claims := busDoc("https://example.com/a0", 4)
	if err := h.conn.PublishDoc(ctx, "example", "recrawl-a0", mustJSON(t, pipeline.DocMessage{Document: doc, Text: doc.Text, Claims: claims})); err != nil {
		t.Fatal(err)
	}
	const want = 3 + 5*4
	waitFor(t, "all events published", func() bool {
		pub.mu.Lock()
		defer pub.mu.Unlock()
		return pub.published >= want && pending(t, h.db) == 0
	})
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if len(pub.uncommitted) > 0 {
		t.Errorf("published before commit: %v", pub.uncommitted)
	}
	if pub.published != want {
		t.Errorf("outbox handed out %d events, want %d (a claim committed twice?)", pub.published, want)
	}
	total, distinct := countEvents(t, h.conn, want)
	if total != want || distinct != want {
		t.Errorf("claims stream: %d events, %d distinct ids; want %d of each", total, distinct, want)
	}
}

// failingPublisher fails every publish, like a NATS outage after the commit.
type failingPublisher struct{}

func (failingPublisher) PublishClaims(context.Context, []claim.Claim) error {
	return errors.New("nats: no responders")
}
func (failingPublisher) PublishFactChanges(context.Context, []claim.FactChange) error {
	return errors.New("nats: no responders")
}

func TestOutboxSendsCommittedEventsAfterRestart(t *testing.T) {
	h := newBusHarness(t, natsbus.Policy{})
	saver := pipeline.BusSaver{CrawlState: &pipeline.MemoryState{}, Docs: h.conn}
	ctx := context.Background()
	for i := range 3 {
		doc, claims := busDoc(fmt.Sprintf("https://example.com/r%d", i), 2)
		if _, err := saver.SaveDocument(ctx, doc, claims); err != nil {
			t.Fatal(err)
		}
	}
	// First run: documents are committed but every publish fails.
	run1, stop1 := context.WithCancel(ctx)
	w1 := &pipeline.StoreWriter{Name: "main", Docs: h.conn, Store: h.db, Events: failingPublisher{}}
	done := make(chan error, 1)
	go func() { done <- w1.Run(run1) }()
	waitFor(t, "documents committed", func() bool { return pending(t, h.db) == 6 })
	stop1()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if total, _ := countEvents(t, h.conn, 0); total != 0 {
		t.Fatalf("%d events went out while publishing failed", total)
	}
	// The fact changes the saves made wait in the fact outbox too.
	_, owed, err := h.db.PendingFactChanges(ctx, 1000)
	if err != nil || len(owed) == 0 {
		t.Fatalf("fact changes owed after the failed publishes: %d, %v", len(owed), err)
	}
	if n := countFactEvents(t, h.conn, 0); n != 0 {
		t.Fatalf("%d fact-change events went out while publishing failed", n)
	}
	// Restart with a working bus: the outbox goes out, once.
	run2, stop2 := context.WithCancel(ctx)
	defer stop2()
	w2 := &pipeline.StoreWriter{Name: "main", Docs: h.conn, Store: h.db, Events: h.conn}
	go func() { done <- w2.Run(run2) }()
	waitFor(t, "outbox drained", func() bool { return pending(t, h.db) == 0 })
	stop2()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if total, distinct := countEvents(t, h.conn, 6); total != 6 || distinct != 6 {
		t.Errorf("after restart: %d events, %d distinct; want 6 of each", total, distinct)
	}
	if _, left, _ := h.db.PendingFactChanges(ctx, 1000); len(left) != 0 {
		t.Errorf("%d fact changes still owed after the restart", len(left))
	}
	if n := countFactEvents(t, h.conn, len(owed)); n != len(owed) {
		t.Errorf("after restart: %d fact-change events, want the %d owed", n, len(owed))
	}
}

func mustJSON(t testing.TB, v any) []byte {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// poisonChecker panics on one source, as an extractor might on a poison
// document, and counts every check.
type poisonChecker struct {
	mu     sync.Mutex
	checks map[string]int
}

func (p *poisonChecker) Check(ctx context.Context, src pipeline.Source) pipeline.Report {
	p.mu.Lock()
	p.checks[src.Name]++
	p.mu.Unlock()
	if src.Name == "poison" {
		panic("extractor: index out of range")
	}
	return pipeline.Report{Source: src.Name}
}

func (p *poisonChecker) count(name string) int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.checks[name]
}

func TestPoisonJobIsTerminatedAndRecorded(t *testing.T) {
	h := newBusHarness(t, natsbus.Policy{MaxDeliver: 3, BackOff: []time.Duration{20 * time.Millisecond}, AckWait: 5 * time.Second})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	sources := []pipeline.Source{{Name: "poison"}, {Name: "good-1"}, {Name: "good-2"}}
	checker := &poisonChecker{checks: map[string]int{}}
	f := &pipeline.BusFetcher{Jobs: h.conn, Crawl: checker, Sources: sources, Dead: h.db, Workers: 2}
	done := make(chan error, 1)
	go func() { done <- f.Run(ctx) }()

	sched := pipeline.SourceSchedule{Sources: sources, State: h.db}
	s := &pipeline.BusScheduler{Jobs: h.conn, Lease: h.conn, Schedule: sched, Holder: "test"}
	go s.Run(ctx)

	waitFor(t, "the dead letter", func() bool {
		dl, err := h.db.DeadLetters(ctx, 10)
		return err == nil && len(dl) > 0
	})
	waitFor(t, "the good jobs", func() bool { return checker.count("good-1") == 1 && checker.count("good-2") == 1 })
	time.Sleep(300 * time.Millisecond) // room for a fourth attempt that must not come
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if n := checker.count("poison"); n != 3 {
		t.Errorf("poison checked %d times, want MaxDeliver = 3", n)
	}
	dl, err := h.db.DeadLetters(context.Background(), 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(dl) != 1 || dl[0].Key != "job:poison" || !strings.Contains(dl[0].Reason, "index out of range") {
		t.Errorf("dead letters = %+v, want one for job:poison naming the panic", dl)
	}
}

func TestUndecodableDocumentIsRecorded(t *testing.T) {
	h := newBusHarness(t, natsbus.Policy{})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	if err := h.conn.PublishDoc(ctx, "junk", "junk-1", []byte("\x00\x01 not json")); err != nil {
		t.Fatal(err)
	}
	doc, claims := busDoc("https://example.com/after-junk", 2)
	saver := pipeline.BusSaver{CrawlState: &pipeline.MemoryState{}, Docs: h.conn}
	if _, err := saver.SaveDocument(ctx, doc, claims); err != nil {
		t.Fatal(err)
	}
	// In batches: the junk fails its batch, and alone it becomes a dead letter.
	w := &pipeline.StoreWriter{Name: "main", Docs: h.conn, Store: h.db, Batch: crawlDB{h.db}, Events: h.conn}
	done := make(chan error, 1)
	go func() { done <- w.Run(ctx) }()
	waitFor(t, "the document after the junk", func() bool {
		_, err := h.db.Claim(ctx, claims[1].ID)
		return err == nil
	})
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	dl, err := h.db.DeadLetters(context.Background(), 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(dl) != 1 || dl[0].Key != "doc:undecodable" {
		t.Errorf("dead letters = %+v, want one undecodable document", dl)
	}
}

// roundLog is a Schedule that records which scheduler ran each round, when.
type roundLog struct {
	mu     sync.Mutex
	holder string
	rounds []string // holder of each round, in order
}

func (r *roundLog) forHolder(name string) pipeline.Schedule { return holderSchedule{r, name} }

type holderSchedule struct {
	log  *roundLog
	name string
}

func (h holderSchedule) Due(context.Context, time.Time) ([]string, error) {
	h.log.mu.Lock()
	defer h.log.mu.Unlock()
	h.log.rounds = append(h.log.rounds, h.name)
	return []string{"feed"}, nil
}

func (h holderSchedule) Scheduled(context.Context, string, time.Time) error { return nil }

func TestTwoSchedulersNeverScheduleTogether(t *testing.T) {
	p := natsbus.Policy{LeaseTTL: 600 * time.Millisecond}
	h := newBusHarness(t, p)
	other, err := natsbus.Connect(context.Background(), h.srv.ClientURL(), natsbus.ConnOptions{Policy: p})
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	rl := &roundLog{}
	ctxs := map[string]context.CancelFunc{}
	var wg sync.WaitGroup
	for name, conn := range map[string]*natsbus.Conn{"a": h.conn, "b": other} {
		ctx, cancel := context.WithCancel(context.Background())
		ctxs[name] = cancel
		s := &pipeline.BusScheduler{Jobs: conn, Lease: conn, Schedule: rl.forHolder(name), Holder: name, Every: 20 * time.Millisecond}
		wg.Go(func() { s.Run(ctx) })
	}
	waitFor(t, "rounds", func() bool {
		rl.mu.Lock()
		defer rl.mu.Unlock()
		return len(rl.rounds) >= 10
	})
	rl.mu.Lock()
	first := rl.rounds[0]
	rl.mu.Unlock()
	ctxs[first]() // the holder stops; the other takes over
	second := map[string]string{"a": "b", "b": "a"}[first]
	waitFor(t, "the hand-over", func() bool {
		rl.mu.Lock()
		defer rl.mu.Unlock()
		return rl.rounds[len(rl.rounds)-1] == second
	})
	ctxs[second]()
	wg.Wait()
	// The rounds form two runs: all of the first holder's, then all of the
	// second's. Any interleaving would be two schedulers at once.
	switches := 0
	for i := 1; i < len(rl.rounds); i++ {
		if rl.rounds[i] != rl.rounds[i-1] {
			switches++
		}
	}
	if switches != 1 {
		t.Errorf("holders switched %d times, want exactly once: %v", switches, rl.rounds)
	}
}
