package natsbus

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/claimwire/claimwire/claim"
	"github.com/google/go-cmp/cmp"
	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
)

// startServer runs an embedded server in t.TempDir and returns it with a connection.
func startServer(t testing.TB, p Policy) (*Server, *Conn) {
	t.Helper()
	ctx := context.Background()
	srv, err := StartEmbedded(ctx, EmbeddedOptions{StoreDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(srv.Shutdown)
	return srv, connect(t, srv, p)
}

func connect(t testing.TB, srv *Server, p Policy) *Conn {
	t.Helper()
	c, err := Connect(context.Background(), srv.ClientURL(), ConnOptions{Policy: p})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	return c
}

func testClaim(i int) claim.Claim {
	c := claim.Claim{
		Subject: "AWS", Metric: claim.RevenueRunRate, Value: float64(100+i) * 1e9, Unit: "USD",
		Qualifier: claim.MoreThan, Modality: claim.Actual,
		Quote:  fmt.Sprintf("AWS is now a $%d billion annual run rate business.", 100+i),
		Span:   [2]int{15, 27},
		Source: claim.Source{URL: fmt.Sprintf("https://example.com/aws/%d", i), Title: "Quarter", Published: "2026-04-30"},
	}
	c.SetID()
	return c
}

func streamMsgs(t *testing.T, c *Conn, stream string) uint64 {
	t.Helper()
	s, err := c.js.Stream(context.Background(), stream)
	if err != nil {
		t.Fatal(err)
	}
	info, err := s.Info(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return info.State.Msgs
}

func TestToken(t *testing.T) {
	tests := []struct{ in, want string }{
		{"AWS", "aws"},
		{"Microsoft Azure", "microsoft_azure"},
		{"revenue_run_rate", "revenue_run_rate"},
		{"a.b*c>d", "a_b_c_d"},
		{"  Nvidia  ", "nvidia"},
		{"Société Générale", "soci_t_g_n_rale"},
		{"x--y", "x--y"},
		{"", "_"},
		{"...", "_"},
	}
	for _, tt := range tests {
		if got := Token(tt.in); got != tt.want {
			t.Errorf("Token(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestPublishClaimDedupesByMsgID(t *testing.T) {
	_, c := startServer(t, Policy{})
	ctx := context.Background()
	a, b := testClaim(1), testClaim(2)
	seq1, err := c.PublishClaim(ctx, a)
	if err != nil {
		t.Fatal(err)
	}
	seq2, err := c.PublishClaim(ctx, a) // the outbox re-sending after a crash
	if err != nil {
		t.Fatal(err)
	}
	if seq1 != seq2 {
		t.Errorf("duplicate publish got sequence %d, first was %d", seq2, seq1)
	}
	if err := c.PublishClaims(ctx, []claim.Claim{a, b, b}); err != nil {
		t.Fatal(err)
	}
	if n := streamMsgs(t, c, c.n.claimsStream()); n != 2 {
		t.Errorf("claims stream holds %d messages, want 2 (two distinct ids)", n)
	}
	if _, err := c.PublishClaim(ctx, claim.Claim{Subject: "AWS"}); !errors.Is(err, claim.ErrInvalid) {
		t.Errorf("claim without id: err = %v, want ErrInvalid", err)
	}
}

func TestClaimEventHeadersAndPayload(t *testing.T) {
	_, c := startServer(t, Policy{})
	ctx := context.Background()
	cl := testClaim(3)
	c.now = func() time.Time { return time.Date(2026, 5, 1, 14, 2, 11, 0, time.UTC) }
	seq, err := c.PublishClaim(ctx, cl)
	if err != nil {
		t.Fatal(err)
	}
	s, err := c.js.Stream(ctx, c.n.claimsStream())
	if err != nil {
		t.Fatal(err)
	}
	raw, err := s.GetMsg(ctx, seq)
	if err != nil {
		t.Fatal(err)
	}
	if want := "claimwire.claims.revenue_run_rate.aws"; raw.Subject != want {
		t.Errorf("subject = %q, want %q", raw.Subject, want)
	}
	want := map[string]string{
		"Nats-Msg-Id":    cl.ID,
		"ce-specversion": "1.0",
		"ce-id":          cl.ID,
		"ce-source":      cl.Source.URL,
		"ce-type":        "io.claimwire.claim.new",
		"ce-time":        "2026-05-01T14:02:11Z",
		"ce-subject":     "AWS",
		"content-type":   "application/json",
	}
	for k, v := range want {
		if got := raw.Header.Get(k); got != v {
			t.Errorf("header %s = %q, want %q", k, got, v)
		}
	}
	wantJSON, _ := json.Marshal(cl)
	if string(raw.Data) != string(wantJSON) {
		t.Errorf("payload is not the claim schema:\n got %s\nwant %s", raw.Data, wantJSON)
	}
}

func TestWatchClaimsReplaysFromSequence(t *testing.T) {
	_, c := startServer(t, Policy{})
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	var seqs []uint64
	for i := range 5 {
		seq, err := c.PublishClaim(ctx, testClaim(i))
		if err != nil {
			t.Fatal(err)
		}
		seqs = append(seqs, seq)
	}
	got := make(chan claim.Claim, 10)
	wctx, wcancel := context.WithCancel(ctx)
	done := make(chan error, 1)
	go func() {
		done <- c.WatchClaims(wctx, seqs[2], func(seq uint64, cl claim.Claim) error {
			got <- cl
			return nil
		})
	}()
	want := []claim.Claim{testClaim(2), testClaim(3), testClaim(4), testClaim(5)}
	for i, w := range want {
		if i == 3 { // a live event after the replay
			if _, err := c.PublishClaim(ctx, w); err != nil {
				t.Fatal(err)
			}
		}
		select {
		case g := <-got:
			if diff := cmp.Diff(w, g); diff != "" {
				t.Fatalf("event %d (-want +got):\n%s", i, diff)
			}
		case <-ctx.Done():
			t.Fatalf("event %d never arrived", i)
		}
	}
	wcancel()
	if err := <-done; err != nil {
		t.Errorf("WatchClaims after cancel = %v, want nil", err)
	}
	select {
	case g := <-got:
		t.Errorf("unexpected extra event %s", g.ID)
	default:
	}
}

func TestWatchFiltersAndFacts(t *testing.T) {
	_, c := startServer(t, Policy{})
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	aws := testClaim(1)
	azure := testClaim(2)
	azure.Subject = "Microsoft Azure"
	azure.SetID()
	growth := testClaim(3)
	growth.Metric = claim.Growth
	growth.SetID()
	for _, cl := range []claim.Claim{aws, azure, growth} {
		if _, err := c.PublishClaim(ctx, cl); err != nil {
			t.Fatal(err)
		}
	}
	fc := claim.FactChange{After: claim.Fact{Key: "aws|revenue_run_rate", Subject: "AWS", Metric: claim.RevenueRunRate, Value: 1e11, Claims: 1}}
	if err := c.PublishFactChange(ctx, fc); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		o    WatchOptions
		want []string // claim ids, "fact:" + key for facts
	}{
		{"all", WatchOptions{All: true}, []string{aws.ID, azure.ID, growth.ID}},
		{"metric", WatchOptions{All: true, Metric: claim.RevenueRunRate}, []string{aws.ID, azure.ID}},
		{"subject with space", WatchOptions{All: true, Subject: "microsoft azure"}, []string{azure.ID}},
		{"subject and metric", WatchOptions{All: true, Subject: "AWS", Metric: claim.Growth}, []string{growth.ID}},
		{"near miss subject", WatchOptions{All: true, Subject: "AW"}, nil},
		{"facts too", WatchOptions{All: true, Subject: "aws", Metric: claim.RevenueRunRate, Facts: true}, []string{aws.ID, "fact:" + fc.After.Key}},
		{"since future", WatchOptions{Since: time.Now().Add(time.Hour)}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := collect(t, c, tt.o, len(tt.want))
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

// collect watches until n events arrived (then 300ms more, to catch extras).
func collect(t *testing.T, c *Conn, o WatchOptions, n int) []string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	var (
		mu  sync.Mutex
		got []string
	)
	go func() {
		for {
			mu.Lock()
			k := len(got)
			mu.Unlock()
			if k >= n {
				time.Sleep(300 * time.Millisecond)
				cancel()
				return
			}
			if ctx.Err() != nil {
				return
			}
			time.Sleep(10 * time.Millisecond)
		}
	}()
	err := c.Watch(ctx, o, func(e Event) error {
		mu.Lock()
		defer mu.Unlock()
		if e.Fact != nil {
			got = append(got, "fact:"+e.Fact.After.Key)
		} else {
			got = append(got, e.Claim.ID)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	mu.Lock()
	defer mu.Unlock()
	events := append([]string(nil), got...)
	// facts come from their own stream: put them after claims for a stable order
	var claims, facts []string
	for _, s := range events {
		if len(s) > 5 && s[:5] == "fact:" {
			facts = append(facts, s)
		} else {
			claims = append(claims, s)
		}
	}
	return append(claims, facts...)
}

func TestLeaseIsExclusive(t *testing.T) {
	_, c := startServer(t, Policy{LeaseTTL: 500 * time.Millisecond})
	ctx := context.Background()
	a, err := c.AcquireLease(ctx, "scheduler", "a")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.AcquireLease(ctx, "scheduler", "b"); !errors.Is(err, ErrLeaseHeld) {
		t.Fatalf("second holder: err = %v, want ErrLeaseHeld", err)
	}
	if _, err := c.AcquireLease(ctx, "other", "b"); err != nil {
		t.Errorf("a different lease name must be free: %v", err)
	}
	if err := a.Renew(ctx); err != nil {
		t.Fatalf("renew by holder: %v", err)
	}
	// a stops renewing: after the TTL b gets it, and a learns it lost it.
	var b *Lease
	deadline := time.Now().Add(10 * time.Second)
	for b == nil {
		if time.Now().After(deadline) {
			t.Fatal("lease never expired")
		}
		time.Sleep(100 * time.Millisecond)
		b, err = c.AcquireLease(ctx, "scheduler", "b")
		if err != nil && !errors.Is(err, ErrLeaseHeld) {
			t.Fatal(err)
		}
	}
	if err := a.Renew(ctx); !errors.Is(err, ErrLeaseLost) {
		t.Errorf("renew after expiry: err = %v, want ErrLeaseLost", err)
	}
	if err := b.Release(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := c.AcquireLease(ctx, "scheduler", "a"); err != nil {
		t.Errorf("acquire after release: %v", err)
	}
}

func TestHoldLeaseNeverRunsTwice(t *testing.T) {
	srv, c1 := startServer(t, Policy{LeaseTTL: 300 * time.Millisecond})
	c2 := connect(t, srv, Policy{LeaseTTL: 300 * time.Millisecond})
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	var (
		mu           sync.Mutex
		active, most int
		runs         = map[string]int{}
		wg           sync.WaitGroup
	)
	hold := func(c *Conn, name string) {
		defer wg.Done()
		c.HoldLease(ctx, "scheduler", name, func(ctx context.Context) error {
			mu.Lock()
			active++
			most = max(most, active)
			runs[name]++
			mu.Unlock()
			sleep(ctx, 150*time.Millisecond) // a short stint, then hand over
			mu.Lock()
			active--
			mu.Unlock()
			return nil
		})
	}
	wg.Add(2)
	go hold(c1, "one")
	go hold(c2, "two")
	wg.Wait()
	if most != 1 {
		t.Errorf("at most %d holders ran at once, want 1", most)
	}
	if runs["one"]+runs["two"] < 2 {
		t.Errorf("runs = %v, want the lease to be taken repeatedly", runs)
	}
}

func TestWorkQueueTerminatesPoisonAfterMaxDeliver(t *testing.T) {
	p := Policy{MaxDeliver: 3, BackOff: []time.Duration{10 * time.Millisecond}, AckWait: 2 * time.Second}
	_, c := startServer(t, p)
	// Generous: the three attempts take well under a second, but CI runs
	// this beside other packages' race-enabled tests.
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()

	advisories := make(chan []byte, 10)
	sub, err := c.nc.Subscribe("$JS.EVENT.ADVISORY.CONSUMER.MSG_TERMINATED.>", func(m *nats.Msg) { advisories <- m.Data })
	if err != nil {
		t.Fatal(err)
	}
	defer sub.Unsubscribe()
	if err := c.nc.Flush(); err != nil { // the server knows the subscription before any job runs
		t.Fatal(err)
	}

	for _, job := range []string{"poison", "good", "good"} { // the second good is a duplicate id
		if err := c.PublishJob(ctx, "Example News", job, []byte(job)); err != nil {
			t.Fatal(err)
		}
	}
	var (
		mu    sync.Mutex
		calls = map[string][]bool{} // job -> last flags per attempt
	)
	cctx, ccancel := context.WithCancel(ctx)
	done := make(chan error, 1)
	go func() {
		done <- c.ConsumeJobs(cctx, func(ctx context.Context, data []byte, last bool) error {
			mu.Lock()
			calls[string(data)] = append(calls[string(data)], last)
			mu.Unlock()
			if string(data) == "poison" {
				return errors.New("extract: document makes the extractor fail")
			}
			return nil
		})
	}()
	select {
	case adv := <-advisories:
		var a struct {
			Reason     string `json:"reason"`
			Deliveries int    `json:"deliveries"`
		}
		if err := json.Unmarshal(adv, &a); err != nil {
			t.Fatal(err)
		}
		if a.Reason != "extract: document makes the extractor fail" {
			t.Errorf("termination reason = %q", a.Reason)
		}
	case <-ctx.Done():
		t.Fatal("poison job was never terminated")
	}
	time.Sleep(200 * time.Millisecond) // would a fourth attempt come?
	ccancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	mu.Lock()
	defer mu.Unlock()
	want := map[string][]bool{"poison": {false, false, true}, "good": {false}}
	if diff := cmp.Diff(want, calls); diff != "" {
		t.Errorf("attempts (-want +got):\n%s", diff)
	}
	if n := streamMsgs(t, c, c.n.jobsStream()); n != 0 {
		t.Errorf("jobs stream still holds %d messages", n)
	}
}

func TestWorkQueueSharesJobsBetweenWorkers(t *testing.T) {
	srv, c1 := startServer(t, Policy{JobBatch: 1})
	c2 := connect(t, srv, Policy{JobBatch: 1})
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	const jobs = 40
	var (
		mu   sync.Mutex
		seen = map[string]int{}
		by   = map[string]int{}
		wg   sync.WaitGroup
	)
	work := func(c *Conn, name string) {
		defer wg.Done()
		c.ConsumeJobs(ctx, func(ctx context.Context, data []byte, last bool) error {
			time.Sleep(5 * time.Millisecond) // a fetch takes a while
			mu.Lock()
			defer mu.Unlock()
			seen[string(data)]++
			by[name]++
			if len(seen) == jobs {
				cancel()
			}
			return nil
		})
	}
	wg.Add(2)
	go work(c1, "one")
	go work(c2, "two")
	for i := range jobs {
		id := fmt.Sprintf("job-%d", i)
		if err := c1.PublishJob(ctx, "src", id, []byte(id)); err != nil {
			t.Fatal(err)
		}
	}
	wg.Wait()
	if len(seen) != jobs {
		t.Fatalf("%d distinct jobs done, want %d", len(seen), jobs)
	}
	for id, n := range seen {
		if n != 1 {
			t.Errorf("job %s done %d times", id, n)
		}
	}
	if by["one"] == 0 || by["two"] == 0 {
		t.Errorf("jobs per worker = %v, want both to work", by)
	}
}

func TestWatchWithoutStreamsSaysWhy(t *testing.T) {
	srv, err := StartEmbedded(context.Background(), EmbeddedOptions{StoreDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Shutdown()
	c, err := Connect(context.Background(), srv.ClientURL(), ConnOptions{NoSetup: true, Server: srv})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	err = c.WatchClaims(ctx, 0, func(uint64, claim.Claim) error { return nil })
	if !errors.Is(err, jetstream.ErrStreamNotFound) || !strings.Contains(err.Error(), "claimwire run") {
		t.Errorf("err = %v, want stream not found with a hint", err)
	}
}

func TestStartEmbeddedTakesNextFreePort(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	taken := l.Addr().(*net.TCPAddr).Port
	srv, err := StartEmbedded(context.Background(), EmbeddedOptions{StoreDir: t.TempDir(), Port: taken})
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Shutdown()
	if srv.ClientURL() == fmt.Sprintf("nats://127.0.0.1:%d", taken) || !strings.HasPrefix(srv.ClientURL(), "nats://127.0.0.1:") {
		t.Errorf("ClientURL = %s, want another port than the taken %d", srv.ClientURL(), taken)
	}
	if _, err := StartEmbedded(context.Background(), EmbeddedOptions{}); err == nil {
		t.Error("no store directory: want an error")
	}
}

// FuzzToken: any input becomes one valid subject token, and normalizing is
// idempotent.
func FuzzToken(f *testing.F) {
	for _, s := range []string{"AWS", "Microsoft Azure", "a.b*c>d", "", "Société", "\xff\x00"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		tok := Token(s)
		if tok == "" {
			t.Fatal("empty token")
		}
		for _, r := range tok {
			if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-' || r == '_') {
				t.Fatalf("Token(%q) = %q holds %q", s, tok, r)
			}
		}
		if again := Token(tok); again != tok {
			t.Fatalf("Token(Token(%q)) = %q, want %q", s, again, tok)
		}
	})
}
