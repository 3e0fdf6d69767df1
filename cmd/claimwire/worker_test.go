package main

import (
	"context"
	"fmt"
	"net"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/claimwire/claimwire/natsbus"
	"github.com/google/go-cmp/cmp"
)

// buildNATSServer builds nats-server from the module claimwire depends on.
func buildNATSServer(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "nats-server")
	cmd := exec.Command("go", "build", "-o", bin, "github.com/nats-io/nats-server/v2")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("build nats-server: %v\n%s", err, out)
	}
	return bin
}

func freeLoopbackPort(t *testing.T) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

func stopProcess(t *testing.T, p *process, sig syscall.Signal) {
	t.Helper()
	if err := p.cmd.Process.Signal(sig); err != nil {
		t.Fatal(err)
	}
	select {
	case <-p.done:
	case <-time.After(30 * time.Second):
		t.Fatalf("%s did not stop on %v", p.cmd.Path, sig)
	}
}

// TestWorkersAcrossNATSRestart runs one scheduler+store process and two fetch
// workers against an external nats-server, stops the server for five seconds
// mid-crawl, and expects the claims of a single-process crawl, work done by
// both fetch workers, and one event per claim.
func TestWorkersAcrossNATSRestart(t *testing.T) {
	bin := buildClaimwire(t)
	natsBin := buildNATSServer(t)
	cfg := slowFixtureConfig(t, 200*time.Millisecond)
	want := referenceCrawl(t, cfg)

	port := freeLoopbackPort(t)
	url := fmt.Sprintf("nats://127.0.0.1:%d", port)
	natsArgs := []string{"-js", "-sd", t.TempDir(), "-a", "127.0.0.1", "-p", fmt.Sprint(port)}
	server := startProcess(t, natsBin, natsArgs...)
	waitFor(t, "nats-server", func() bool {
		c, err := net.Dial("tcp", fmt.Sprintf("127.0.0.1:%d", port))
		if err == nil {
			c.Close()
		}
		return err == nil
	})

	dbPath := filepath.Join(t.TempDir(), "claimwire.db")
	common := []string{"--nats", url, "--config", cfg, "--ack-wait", "2s"}
	writer := startProcess(t, bin, append([]string{"worker", "--role", "scheduler,store", "--db", dbPath}, common...)...)
	fetchA := startProcess(t, bin, append([]string{"worker", "--role", "fetch", "--workers", "1"}, common...)...)
	fetchB := startProcess(t, bin, append([]string{"worker", "--role", "fetch", "--workers", "1"}, common...)...)

	waitFor(t, "the first claims", func() bool { return countIDs(t, dbPath) > 0 })
	stopProcess(t, server, syscall.SIGTERM)
	t.Logf("nats-server stopped with %d of %d claims stored", countIDs(t, dbPath), len(want))
	time.Sleep(5 * time.Second)
	server = startProcess(t, natsBin, natsArgs...)

	var got []string
	deadline := time.Now().Add(120 * time.Second)
	for !cmp.Equal(want, got) && time.Now().Before(deadline) {
		time.Sleep(300 * time.Millisecond)
		got = claimIDs(t, dbPath)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Fatalf("claims differ from a single-process crawl (-want +got):\n%s\nstore stderr:\n%s", diff, writer.stderr)
	}
	for name, p := range map[string]*process{"A": fetchA, "B": fetchB} {
		if n := strings.Count(p.stderr.String(), "source checked"); n == 0 {
			t.Errorf("fetch worker %s took no job:\n%s", name, p.stderr)
		}
	}
	for _, p := range []*process{writer, fetchA, fetchB} {
		if !strings.Contains(p.stderr.String(), "nats reconnected") {
			t.Errorf("%v never reconnected:\n%s", p.cmd.Args[1:4], p.stderr)
		}
	}
	conn, err := natsbus.Connect(context.Background(), url, natsbus.ConnOptions{NoSetup: true})
	if err != nil {
		t.Fatal(err)
	}
	total, distinct := countEvents(t, conn, len(want))
	// The fetch workers have no database: their crawl state is on the bus.
	kv, err := conn.CrawlState(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	states, err := kv.SourceStates(context.Background())
	if err != nil || len(states) == 0 {
		t.Errorf("crawl state on the bus: %d sources, %v; want the checked ones", len(states), err)
	}
	docs := 0
	for _, st := range states {
		docs += st.Documents
		if st.LastCheck.IsZero() {
			t.Errorf("source state on the bus %+v: no check recorded", st)
		}
	}
	if docs == 0 {
		t.Errorf("crawl state on the bus counts no documents: %+v", states)
	}
	conn.Close()
	if total != len(want) || distinct != len(want) {
		t.Errorf("new-figure events: %d messages, %d distinct ids; want %d of each", total, distinct, len(want))
	}
	for _, p := range []*process{fetchA, fetchB, writer} {
		stopProcess(t, p, syscall.SIGTERM)
	}

}
