package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/claimwire/claimwire/claim"
	"github.com/claimwire/claimwire/store"
)

func TestCheckBind(t *testing.T) {
	long := strings.Repeat("k", minTokenLen)
	tests := []struct {
		addr, token string
		ok          bool
	}{
		{"127.0.0.1:8080", "", true},
		{"127.0.0.2:8080", "", true},
		{"[::1]:8080", "", true},
		{"localhost:0", "", true},
		{"0.0.0.0:8080", "", false},
		{":8080", "", false}, // every interface
		{"[::]:8080", "", false},
		{"192.168.1.5:8080", "", false},
		{"example.com:8080", "", false},
		{"192.168.1.5:8080", long[:minTokenLen-1], false}, // too short to expose
		{"192.168.1.5:8080", long, true},
		{"0.0.0.0:8080", long, true},
		{"127.0.0.1", "", false}, // no port
	}
	for _, tt := range tests {
		err := checkBind(tt.addr, tt.token)
		if (err == nil) != tt.ok {
			t.Errorf("checkBind(%q, %d-char token) = %v, want ok %v", tt.addr, len(tt.token), err, tt.ok)
		}
	}
}

// syncBuffer is an io.Writer the test can read while the command writes.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

func testDB(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "claims.db")
	db, err := store.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	src := claim.Source{URL: "https://cloudwire.example/aws", Title: "AWS AI pace", Published: "2026-04-30", Kind: claim.KindArticle}
	quote := "AWS said its AI business runs at $15 billion a year."
	c := claim.Claim{Subject: "AWS", Metric: claim.RevenueRunRate, Value: 15e9, Unit: claim.USD, Qualifier: claim.Exact,
		Modality: claim.Actual, Quote: quote, Span: [2]int{33, 44}, Source: src}
	c.SetID()
	doc := claim.Document{Source: src, Text: quote, ContentHash: claim.HashText(quote)}
	if _, err := db.SaveDocument(context.Background(), doc, []claim.Claim{c}); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestServeRefusesExposedBindWithoutToken(t *testing.T) {
	db := testDB(t)
	var stderr bytes.Buffer
	e := &env{stdout: io.Discard, stderr: &stderr, getenv: func(string) string { return "" }}
	code := Main(context.Background(), []string{"serve", "--addr", "0.0.0.0:0", "--db", db}, e)
	if code != 2 || !strings.Contains(stderr.String(), "--token") {
		t.Fatalf("exit %d, stderr %q: want 2 and a word about --token", code, stderr.String())
	}
}

func TestServe(t *testing.T) {
	db := testDB(t)
	const token = "a-long-enough-token-for-tests"
	var stdout, stderr syncBuffer
	e := &env{stdout: &stdout, stderr: &stderr, getenv: func(k string) string {
		if k == "CLAIMWIRE_TOKEN" {
			return token
		}
		return ""
	}}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan int)
	go func() { done <- Main(ctx, []string{"serve", "--addr", "127.0.0.1:0", "--db", db}, e) }()
	var base string
	for deadline := time.Now().Add(10 * time.Second); base == ""; time.Sleep(20 * time.Millisecond) {
		if _, after, ok := strings.Cut(stdout.String(), " on "); ok {
			base = strings.TrimSpace(after)
		}
		if time.Now().After(deadline) {
			cancel()
			t.Fatalf("serve never said where it listens; stderr: %s", stderr.String())
		}
	}
	do := func(path string, auth bool) (int, []byte) {
		req, _ := http.NewRequest(http.MethodGet, base+path, nil)
		if auth {
			req.Header.Set("Authorization", "Bearer "+token)
		}
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		body, _ := io.ReadAll(res.Body)
		return res.StatusCode, body
	}
	if code, _ := do("/api/claims", false); code != 401 {
		t.Errorf("/api/claims without the token: %d", code)
	}
	code, body := do("/api/claims?subject=aws", true)
	var page struct {
		Claims []struct {
			Display string `json:"display"`
		} `json:"claims"`
	}
	if err := json.Unmarshal(body, &page); code != 200 || err != nil || len(page.Claims) != 1 || page.Claims[0].Display != "$15.0B" {
		t.Errorf("/api/claims: %d %s", code, body)
	}
	if code, body := do("/readyz", false); code != 200 || !strings.Contains(string(body), `"nats":"not configured"`) {
		t.Errorf("/readyz: %d %s", code, body)
	}
	if code, body := do("/metrics", true); code != 200 || !strings.Contains(string(body), "claimwire_http_requests_total") ||
		!strings.Contains(string(body), "go_goroutines") {
		t.Errorf("/metrics: %d", code)
	}
	cancel()
	select {
	case code := <-done:
		if code != 0 {
			t.Errorf("serve exited %d after cancel; stderr: %s", code, stderr.String())
		}
	case <-time.After(15 * time.Second):
		t.Fatal("serve did not stop after its context ended")
	}
	if !strings.Contains(stderr.String(), "http request") {
		t.Errorf("no access log lines on stderr")
	}
}
