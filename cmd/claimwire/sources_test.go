package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/claimwire/claimwire/claim"
	"github.com/claimwire/claimwire/natsbus"
)

// TestSourcesFromTheBus: with --nats, sources shows what fetch workers
// without a database recorded in the bus's crawl-state bucket.
func TestSourcesFromTheBus(t *testing.T) {
	ctx := context.Background()
	srv, err := natsbus.StartEmbedded(ctx, natsbus.EmbeddedOptions{StoreDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Shutdown()
	conn, err := natsbus.Connect(ctx, srv.ClientURL(), natsbus.ConnOptions{})
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	kv, err := conn.CrawlState(ctx)
	if err != nil {
		t.Fatal(err)
	}
	err = kv.SaveSourceState(ctx, claim.SourceState{Name: "wire", Status: "error", ErrorCount: 3,
		LastError: "parse feed: unexpected EOF", LastCheck: time.Now().Add(-time.Minute), Documents: 7, Claims: 41})
	if err != nil {
		t.Fatal(err)
	}
	cfg := filepath.Join(t.TempDir(), "claimwire.yaml")
	yaml := "user_agent: test/1\ncontact: t@example.com\nallow_loopback: true\nsources:\n" +
		"  - name: wire\n    kind: feed\n    url: http://127.0.0.1:1/feed.xml\n    interval: 15m\n" +
		"  - name: newsroom\n    kind: page\n    url: http://127.0.0.1:1/news.html\n    interval: 1h\n"
	if err := os.WriteFile(cfg, []byte(yaml), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := runCmd(t.Context(), "sources", "--config", cfg, "--nats", srv.ClientURL())
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	wire, newsroom := lineOf(strings.Split(out, "\n"), "wire "), lineOf(strings.Split(out, "\n"), "newsroom ")
	if !strings.Contains(wire, " error ") || !strings.Contains(wire, "  3  ") || !strings.Contains(wire, "unexpected EOF") || !strings.Contains(wire, "  41  ") {
		t.Errorf("wire line from the bus: %q", wire)
	}
	if !strings.Contains(newsroom, " never ") {
		t.Errorf("a source no worker checked: %q", newsroom)
	}
	// A dead server is a clear error, not a hang.
	srv.Shutdown()
	code, _, errOut = runCmd(t.Context(), "sources", "--config", cfg, "--nats", "nats://127.0.0.1:1")
	if code == 0 || errOut == "" {
		t.Errorf("dead server: exit %d, stderr %q", code, errOut)
	}
}
