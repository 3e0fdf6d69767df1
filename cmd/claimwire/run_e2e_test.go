package main

import (
	"bytes"
	"context"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"sync"
	"testing"
	"time"

	"github.com/claimwire/claimwire/claim"
	"github.com/claimwire/claimwire/natsbus"
	"github.com/claimwire/claimwire/store"
	"github.com/google/go-cmp/cmp"
)

// lockedBuffer is an io.Writer safe for a command's goroutines and the test.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

func testEnv() (*env, *lockedBuffer, *lockedBuffer) {
	out, errs := &lockedBuffer{}, &lockedBuffer{}
	return &env{stdin: bytes.NewReader(nil), stdout: out, stderr: errs, getenv: func(string) string { return "" }}, out, errs
}

// fixtureConfig serves fixtures/web/news over httptest and writes the demo's
// configuration for it.
func fixtureConfig(t testing.TB) string {
	t.Helper()
	news := filepath.Join("..", "..", "fixtures", "web", "news")
	srv := httptest.NewServer(fixtureHandler(news))
	t.Cleanup(srv.Close)
	path := filepath.Join(t.TempDir(), "claimwire.yaml")
	if err := os.WriteFile(path, []byte(demoYAML(srv.URL, "", []string{news})), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// claimIDs lists the current claims of the database at path, sorted.
func claimIDs(t testing.TB, path string) []string {
	t.Helper()
	ctx := context.Background()
	db, err := store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var ids []string
	f := claim.Filter{Limit: store.MaxLimit}
	for {
		cs, next, err := db.FindClaims(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range cs {
			ids = append(ids, c.ID)
		}
		if next == "" {
			break
		}
		f.Cursor = next
	}
	sort.Strings(ids)
	return ids
}

// referenceCrawl runs `claimwire crawl --once --all` and returns its claims.
func referenceCrawl(t testing.TB, cfg string) []string {
	t.Helper()
	db := filepath.Join(t.TempDir(), "reference.db")
	e, _, stderr := testEnv()
	if code := Main(context.Background(), []string{"crawl", "--once", "--all", "--config", cfg, "--db", db}, e); code != 0 {
		t.Fatalf("crawl --once: exit %d\n%s", code, stderr)
	}
	ids := claimIDs(t, db)
	if len(ids) == 0 {
		t.Fatal("the reference crawl stored no claims: nothing to compare")
	}
	return ids
}

var natsURLLine = regexp.MustCompile(`listening on (nats://\S+)`)

// waitForURL returns the embedded server's URL once `run` printed it.
func waitForURL(t testing.TB, out *lockedBuffer) string {
	t.Helper()
	var url string
	waitFor(t, "the embedded NATS URL", func() bool {
		m := natsURLLine.FindStringSubmatch(out.String())
		if m != nil {
			url = m[1]
		}
		return m != nil
	})
	return url
}

func TestRunStoresWhatCrawlOnceStores(t *testing.T) {
	cfg := fixtureConfig(t)
	want := referenceCrawl(t, cfg)

	data := t.TempDir()
	dbPath := filepath.Join(data, "claimwire.db")
	e, out, stderr := testEnv()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	done := make(chan int, 1)
	go func() {
		done <- Main(ctx, []string{"run", "--config", cfg, "--data", data, "--db", dbPath, "--listen", "127.0.0.1:0"}, e)
	}()
	url := waitForURL(t, out)

	var got []string
	deadline := time.Now().Add(60 * time.Second)
	for !cmp.Equal(want, got) && time.Now().Before(deadline) {
		time.Sleep(250 * time.Millisecond)
		if _, err := os.Stat(dbPath); err == nil {
			got = claimIDs(t, dbPath)
		}
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Fatalf("claims of run differ from crawl --once (-want +got):\n%s\nstderr:\n%s", diff, stderr)
	}

	conn, err := natsbus.Connect(context.Background(), url, natsbus.ConnOptions{NoSetup: true})
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	total, distinct := countEvents(t, conn, len(want))
	t.Logf("%d claims stored by both; %d events, %d distinct ids", len(want), total, distinct)
	if total != len(want) || distinct != len(want) {
		t.Errorf("new-figure events: %d messages, %d distinct ids; want %d of each", total, distinct, len(want))
	}

	cancel()
	select {
	case code := <-done:
		if code != 0 {
			t.Errorf("run exited %d after cancel:\n%s", code, stderr)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("run did not stop after its context was cancelled")
	}
}
