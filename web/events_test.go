package web_test

import (
	"bufio"
	"context"
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/claimwire/claimwire/claim"
	"github.com/claimwire/claimwire/natsbus"
	"github.com/claimwire/claimwire/web"
)

// fakeEvents is a hand-written web.ClaimEvents (and web.Readier): an in-memory
// stream whose sequence numbers start at 1, like a JetStream stream's.
type fakeEvents struct {
	mu       sync.Mutex
	log      []claim.Claim
	changed  chan struct{} // closed and replaced on every publish
	watchers int
	starts   []uint64 // startSeq of every WatchClaims call
	watching chan uint64
	readyErr error
}

func newFakeEvents() *fakeEvents {
	return &fakeEvents{changed: make(chan struct{}), watching: make(chan uint64, 16)}
}

func (f *fakeEvents) Ready() error {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.readyErr
}

func (f *fakeEvents) publish(c claim.Claim) uint64 {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.log = append(f.log, c)
	close(f.changed)
	f.changed = make(chan struct{})
	return uint64(len(f.log))
}

func (f *fakeEvents) active() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.watchers
}

func (f *fakeEvents) WatchClaims(ctx context.Context, startSeq uint64, fn func(seq uint64, c claim.Claim) error) error {
	f.mu.Lock()
	f.watchers++
	f.starts = append(f.starts, startSeq)
	next := startSeq
	if next == 0 {
		next = uint64(len(f.log)) + 1
	}
	f.mu.Unlock()
	defer func() {
		f.mu.Lock()
		f.watchers--
		f.mu.Unlock()
	}()
	f.watching <- startSeq
	for {
		f.mu.Lock()
		pending := append([]claim.Claim(nil), f.log[min(int(next-1), len(f.log)):]...)
		changed := f.changed
		f.mu.Unlock()
		for _, c := range pending {
			if err := fn(next, c); err != nil {
				return err
			}
			next++
		}
		select {
		case <-ctx.Done():
			return nil
		case <-changed:
		}
	}
}

var _ web.ClaimEvents = (*fakeEvents)(nil)

// sseEvent is one event read off the wire.
type sseEvent struct {
	id, name string
	claim    claim.Claim
	display  string
}

// sseClient reads an event stream: comments go to comments, events to events.
type sseClient struct {
	res      *http.Response
	events   chan sseEvent
	comments chan string
	done     chan struct{}
}

func openSSE(t *testing.T, ctx context.Context, url string, header ...string) *sseClient {
	t.Helper()
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	c := &sseClient{res: res, events: make(chan sseEvent, 16), comments: make(chan string, 64), done: make(chan struct{})}
	t.Cleanup(func() { res.Body.Close(); <-c.done })
	if res.StatusCode != http.StatusOK {
		close(c.done)
		return c
	}
	go c.read(t)
	return c
}

func (c *sseClient) read(t *testing.T) {
	defer close(c.done)
	sc := bufio.NewScanner(c.res.Body)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	var ev sseEvent
	for sc.Scan() {
		line := sc.Text()
		switch {
		case line == "":
			if ev.name != "" {
				c.events <- ev
			}
			ev = sseEvent{}
		case strings.HasPrefix(line, ":"):
			select {
			case c.comments <- line:
			default:
			}
		case strings.HasPrefix(line, "id: "):
			ev.id = line[4:]
		case strings.HasPrefix(line, "event: "):
			ev.name = line[7:]
		case strings.HasPrefix(line, "data: "):
			var v struct {
				claim.Claim
				Display string `json:"display"`
			}
			if err := json.Unmarshal([]byte(line[6:]), &v); err != nil {
				t.Errorf("event data %q: %v", line, err)
			}
			ev.claim, ev.display = v.Claim, v.Display
		}
	}
}

func (c *sseClient) next(t *testing.T) sseEvent {
	t.Helper()
	select {
	case ev := <-c.events:
		return ev
	case <-time.After(10 * time.Second):
		t.Fatal("no event within 10s")
		return sseEvent{}
	}
}

func (c *sseClient) none(t *testing.T, within time.Duration) {
	t.Helper()
	select {
	case ev := <-c.events:
		t.Fatalf("unexpected event %s %s %s", ev.id, ev.claim.Subject, ev.claim.Metric)
	case <-time.After(within):
	}
}

func waitWatching(t *testing.T, f *fakeEvents) uint64 {
	t.Helper()
	select {
	case s := <-f.watching:
		return s
	case <-time.After(10 * time.Second):
		t.Fatal("the handler never started watching")
		return 0
	}
}

func liveClaim(subject string, metric claim.Metric, value float64) claim.Claim {
	c := claim.Claim{Subject: subject, Metric: metric, Value: value, Unit: claim.USD, Qualifier: claim.Exact,
		Modality: claim.Actual, Quote: subject + " reported " + strconv.FormatFloat(value, 'f', -1, 64) + " dollars.", Span: [2]int{0, len(subject)},
		Source: claim.Source{URL: "https://live.example/" + strings.ToLower(subject), Published: "2026-06-01", Title: "Live"}}
	c.SetID()
	return c
}

func TestEventsFilterAndOrder(t *testing.T) {
	db, _ := openFixtureStore(t)
	ev := newFakeEvents()
	srv := newTestServer(t, db, web.Options{Events: ev})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	c := openSSE(t, ctx, srv.URL+"/api/events?subject=amazon+web+services&metric=revenue_run_rate&min=10B")
	if ct := c.res.Header.Get("Content-Type"); c.res.StatusCode != 200 || ct != "text/event-stream" {
		t.Fatalf("status %d, content type %q", c.res.StatusCode, ct)
	}
	if start := waitWatching(t, ev); start != 0 {
		t.Fatalf("startSeq %d without Last-Event-ID, want 0 (only new)", start)
	}
	ev.publish(liveClaim("Nvidia", claim.RevenueRunRate, 50e9)) // 1: other subject
	ev.publish(liveClaim("AWS", claim.Revenue, 30e9))           // 2: other metric
	ev.publish(liveClaim("AWS", claim.RevenueRunRate, 9e9))     // 3: under min
	want := liveClaim("AWS", claim.RevenueRunRate, 18e9)
	ev.publish(want) // 4: matches
	got := c.next(t)
	if got.id != "4" || got.name != "claim" || got.claim.ID != want.ID || got.display != "$18.0B" {
		t.Fatalf("event id %s %s: %s %s; want id 4, the $18.0B AWS run rate", got.id, got.name, got.claim.ID, got.display)
	}
	c.none(t, 100*time.Millisecond)

	// The client goes away: the handler stops watching.
	cancel()
	deadline := time.Now().Add(5 * time.Second)
	for ev.active() != 0 {
		if time.Now().After(deadline) {
			t.Fatal("WatchClaims still running after the client disconnected")
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func TestEventsResumeAndKeepAlive(t *testing.T) {
	db, _ := openFixtureStore(t)
	ev := newFakeEvents()
	srv := newTestServer(t, db, web.Options{Events: ev, KeepAlive: 20 * time.Millisecond})
	for i := range 5 {
		ev.publish(liveClaim("AWS", claim.RevenueRunRate, float64(i+1)*1e9))
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	for _, tt := range []struct {
		header []string
		query  string
		start  uint64
	}{
		{[]string{"Last-Event-ID", "3"}, "", 4},
		{nil, "?last_event_id=3", 4},
	} {
		c := openSSE(t, ctx, srv.URL+"/api/events"+tt.query, tt.header...)
		if start := waitWatching(t, ev); start != tt.start {
			t.Fatalf("startSeq %d, want %d", start, tt.start)
		}
		for _, want := range []string{"4", "5"} {
			if got := c.next(t); got.id != want {
				t.Fatalf("resumed at %s, want %s", got.id, want)
			}
		}
		seen := false
		for !seen {
			select {
			case line := <-c.comments:
				seen = line == ": keep-alive"
			case <-time.After(5 * time.Second):
				t.Fatal("no keep-alive comment")
			}
		}
	}
	for _, bad := range []string{"abc", "-1", "18446744073709551615"} {
		res, body := get(t, srv.URL+"/api/events", "Last-Event-ID", bad)
		if res.StatusCode != 400 {
			t.Errorf("Last-Event-ID %q: %d %s", bad, res.StatusCode, body)
		}
	}
	if res, _ := get(t, srv.URL+"/api/events?metric=nope"); res.StatusCode != 400 {
		t.Errorf("bad filter on /api/events: %d", res.StatusCode)
	}
}

// TestEventsFromNATS bridges a real embedded nats-server's new-figure stream.
func TestEventsFromNATS(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a nats-server")
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	ns, err := natsbus.StartEmbedded(ctx, natsbus.EmbeddedOptions{StoreDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	defer ns.Shutdown()
	conn, err := natsbus.Connect(ctx, ns.ClientURL(), natsbus.ConnOptions{Server: ns})
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	db, _ := openFixtureStore(t)
	srv := newTestServer(t, db, web.Options{Events: conn})

	first, err := conn.PublishClaim(ctx, liveClaim("AWS", claim.RevenueRunRate, 16e9))
	if err != nil {
		t.Fatal(err)
	}
	// Resuming from before the first event replays it; then a new one arrives live.
	c := openSSE(t, ctx, srv.URL+"/api/events?subject=AWS", "Last-Event-ID", strconv.FormatUint(first-1, 10))
	if got := c.next(t); got.id != strconv.FormatUint(first, 10) || got.display != "$16.0B" {
		t.Fatalf("replayed event %s %s, want %d $16.0B", got.id, got.display, first)
	}
	if _, err := conn.PublishClaim(ctx, liveClaim("Nvidia", claim.RevenueRunRate, 99e9)); err != nil {
		t.Fatal(err)
	}
	seq, err := conn.PublishClaim(ctx, liveClaim("AWS", claim.RevenueRunRate, 17e9))
	if err != nil {
		t.Fatal(err)
	}
	if got := c.next(t); got.id != strconv.FormatUint(seq, 10) || got.claim.Subject != "AWS" || got.display != "$17.0B" {
		t.Fatalf("live event %s %s %s, want %d AWS $17.0B", got.id, got.claim.Subject, got.display, seq)
	}
}
