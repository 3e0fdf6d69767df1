package main

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/claimwire/claimwire/natsbus"
	"github.com/google/go-cmp/cmp"
)

// buildClaimwire builds the binary under test once per test.
func buildClaimwire(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("builds and runs the binary")
	}
	bin := filepath.Join(t.TempDir(), "claimwire")
	cmd := exec.Command("go", "build", "-tags", "sqlite_fts5", "-o", bin, ".")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// slowFixtureConfig is fixtureConfig with every article served after delay,
// so a crawl is still going when the test interrupts it.
func slowFixtureConfig(t *testing.T, delay time.Duration) string {
	t.Helper()
	news := filepath.Join("..", "..", "fixtures", "web", "news")
	h := fixtureHandler(news)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.Contains(r.URL.Path, "/articles/") {
			time.Sleep(delay)
		}
		h.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	path := filepath.Join(t.TempDir(), "claimwire.yaml")
	if err := os.WriteFile(path, []byte(demoYAML(srv.URL, "", []string{news})), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// process is a running claimwire subprocess.
type process struct {
	cmd    *exec.Cmd
	stdout *lockedBuffer
	stderr *lockedBuffer
	done   chan error
}

func startProcess(t *testing.T, bin string, args ...string) *process {
	t.Helper()
	p := &process{cmd: exec.Command(bin, args...), stdout: &lockedBuffer{}, stderr: &lockedBuffer{}, done: make(chan error, 1)}
	p.cmd.Stdout, p.cmd.Stderr = p.stdout, p.stderr
	if err := p.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { p.done <- p.cmd.Wait() }()
	t.Cleanup(func() {
		if p.cmd.ProcessState == nil {
			p.cmd.Process.Kill()
			<-p.done
		}
	})
	return p
}

func countIDs(t *testing.T, path string) int {
	if _, err := os.Stat(path); err != nil {
		return 0
	}
	return len(claimIDs(t, path))
}

// TestRunSurvivesKill9 kills `claimwire run` mid-crawl, restarts it, and
// expects exactly the claims of an uninterrupted crawl and one event per claim;
// the restarted run then stops cleanly on SIGTERM.
func TestRunSurvivesKill9(t *testing.T) {
	bin := buildClaimwire(t)
	cfg := slowFixtureConfig(t, 150*time.Millisecond)
	want := referenceCrawl(t, cfg)
	data := t.TempDir()
	dbPath := filepath.Join(data, "claimwire.db")
	args := []string{"run", "--config", cfg, "--data", data, "--db", dbPath, "--listen", "127.0.0.1:0", "--ack-wait", "2s", "--workers", "2"}

	first := startProcess(t, bin, args...)
	started := time.Now()
	deadline := started.Add(30 * time.Second)
	for countIDs(t, dbPath) == 0 {
		if time.Now().After(deadline) {
			t.Fatalf("no claims stored after 30s:\n%s", first.stderr)
		}
		time.Sleep(20 * time.Millisecond)
	}
	if err := first.cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	<-first.done
	before := countIDs(t, dbPath)
	if before >= len(want) {
		t.Fatalf("the crawl had finished (%d claims) before the kill: slow the fixtures down", before)
	}
	t.Logf("killed %v after the start with %d of %d claims stored", time.Since(started).Round(time.Millisecond), before, len(want))

	second := startProcess(t, bin, args...)
	url := waitForURL(t, second.stdout)
	var got []string
	deadline = time.Now().Add(90 * time.Second)
	for !cmp.Equal(want, got) && time.Now().Before(deadline) {
		time.Sleep(300 * time.Millisecond)
		got = claimIDs(t, dbPath)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Fatalf("claims after kill and restart differ (-want +got):\n%s\nstderr:\n%s", diff, second.stderr)
	}
	conn, err := natsbus.Connect(context.Background(), url, natsbus.ConnOptions{NoSetup: true})
	if err != nil {
		t.Fatal(err)
	}
	total, distinct := countEvents(t, conn, len(want))
	conn.Close()
	if total != len(want) || distinct != len(want) {
		t.Errorf("new-figure events: %d messages, %d distinct ids; want %d of each", total, distinct, len(want))
	}

	if err := second.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-second.done:
		if err != nil {
			t.Errorf("run after SIGTERM: %v\n%s", err, second.stderr)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("run did not stop within 30s of SIGTERM")
	}
	if !strings.Contains(second.stderr.String(), "store writer stopped") {
		t.Errorf("no clean store shutdown in the log:\n%s", second.stderr)
	}
}
