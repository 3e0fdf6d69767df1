package main

import (
	"context"
	"encoding/json"
	"log/slog"
	"net"
	"net/http"
	"regexp"
	"strconv"
	"testing"
	"time"

	"github.com/claimwire/claimwire/natsbus"
)

func TestRunServesAPI(t *testing.T) {
	h := newBusHarness(t, natsbus.Policy{})
	doc, claims := busDoc("https://news.example.com/a", 3)
	if _, err := h.db.SaveDocument(context.Background(), doc, claims); err != nil {
		t.Fatal(err)
	}
	var logs syncBuffer
	log := slog.New(slog.NewTextHandler(&logs, nil))
	serve, err := busHTTP(busFlags{http: "127.0.0.1:0"}, h.conn, h.db, log)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- serve(ctx) }()
	defer func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("serve: %v", err)
		}
	}()

	urlRE := regexp.MustCompile(`msg="explorer and API" url=(\S+)`)
	var base string
	for deadline := time.Now().Add(10 * time.Second); base == "" && time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if m := urlRE.FindStringSubmatch(logs.String()); m != nil {
			base = m[1]
		}
	}
	if base == "" {
		t.Fatalf("no URL logged:\n%s", logs.String())
	}
	resp, err := http.Get(base + "/api/claims?metric=revenue_run_rate")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var body struct {
		Claims []json.RawMessage `json:"claims"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&body); err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != http.StatusOK || len(body.Claims) != len(claims) {
		t.Fatalf("GET /api/claims: status %d, %d claims, want 200 and %d", resp.StatusCode, len(body.Claims), len(claims))
	}
}

func TestRunHTTPRefusesExposedWithoutToken(t *testing.T) {
	h := newBusHarness(t, natsbus.Policy{})
	if _, err := busHTTP(busFlags{http: "0.0.0.0:0"}, h.conn, h.db, slog.New(slog.DiscardHandler)); err == nil {
		t.Fatal("busHTTP on 0.0.0.0 without a token: no error")
	}
}

func TestListenNextFree(t *testing.T) {
	taken, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer taken.Close()
	port := taken.Addr().(*net.TCPAddr).Port
	ln, err := listenNextFree("127.0.0.1:"+strconv.Itoa(port), 20)
	if err != nil {
		t.Skipf("no free port after %d: %v", port, err)
	}
	defer ln.Close()
	if got := ln.Addr().(*net.TCPAddr).Port; got <= port || got > port+20 {
		t.Fatalf("listenNextFree(%d) took port %d, want one of the next 20", port, got)
	}
	if _, err := listenNextFree("127.0.0.1:"+strconv.Itoa(port), 0); err == nil {
		t.Fatal("listenNextFree with no tries on a taken port: no error")
	}
	if _, err := listenNextFree("no-port", 3); err == nil {
		t.Fatal("listenNextFree(\"no-port\"): no error")
	}
}
