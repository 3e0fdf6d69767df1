package main

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/claimwire/claimwire/claim"
	"github.com/claimwire/claimwire/store"
)

// TestIngestURL fetches articles from a local server: the claims carry the
// URL they came from, a second run adds nothing, and a missing page fails
// alone with its status while the other input is stored.
func TestIngestURL(t *testing.T) {
	page, err := os.ReadFile(filepath.Join("..", "..", "fixtures", "web", "news", "articles", "amazon-q3-2025-capex.html"))
	if err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	hits := map[string]int{}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		hits[r.URL.Path]++
		mu.Unlock()
		if r.URL.Path != "/amazon-capex" {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write(page)
	}))
	defer srv.Close()
	db := filepath.Join(t.TempDir(), "claims.db")
	good, missing := srv.URL+"/amazon-capex", srv.URL+"/gone"

	// Without the flag the SSRF guard refuses the loopback server.
	_, errOut, code := runStoreCmd(t, false, nil, "ingest", "--db", db, good)
	if code == 0 || !strings.Contains(errOut, good) {
		t.Fatalf("loopback URL without --allow-private: exit %d, stderr %q", code, errOut)
	}
	if hits["/amazon-capex"] != 0 {
		t.Fatalf("the guard let %d requests through", hits["/amazon-capex"])
	}

	out, errOut, code := runStoreCmd(t, false, nil, "ingest", "--db", db, "--allow-private", good, missing)
	if code == 0 || !strings.Contains(errOut, "/gone") || !strings.Contains(errOut, "404") {
		t.Errorf("a 404 input: exit %d, stderr %q", code, errOut)
	}
	first := summary(t, out)
	if first[0] != 1 || first[3] == 0 {
		t.Fatalf("first run = %v, want 1 document with claims (%s)", first, errOut)
	}
	s, err := store.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	got, _, err := s.FindClaims(context.Background(), claim.Filter{Limit: 1000})
	s.Close()
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != first[3] {
		t.Errorf("stored %d claims, summary said %d", len(got), first[3])
	}
	for _, c := range got {
		if c.Source.URL != good {
			t.Fatalf("claim %s has source %q, want %q", c.ID, c.Source.URL, good)
		}
	}

	out, errOut, code = runStoreCmd(t, false, nil, "ingest", "--db", db, "--allow-private", good)
	if code != 0 {
		t.Fatalf("second run exit %d: %s", code, errOut)
	}
	if second := summary(t, out); second[3] != 0 || second[4] != first[3] {
		t.Errorf("second run = %v, want 0 new and %d duplicate", second, first[3])
	}
}
