package fetch_test

import (
	"errors"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/claimwire/claimwire/claim"
	"github.com/claimwire/claimwire/fetch"
)

func TestSSRFGuard(t *testing.T) {
	inside := newServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, "secret") }))
	outside := newServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/to-inside":
			http.Redirect(w, r, inside.URL+"/admin", http.StatusFound)
		case "/to-metadata":
			http.Redirect(w, r, "http://169.254.169.254/latest/meta-data/", http.StatusFound)
		default:
			fmt.Fprint(w, "public page")
		}
	}))
	insidePort := inside.URL[strings.LastIndex(inside.URL, ":"):]
	// Only the "outside" server's exact address is allowed: it stands in for a
	// public host, while inside is an ordinary loopback service.
	o := testOptions()
	o.AllowLoopback = false
	o.AllowAddrs = []string{strings.TrimPrefix(outside.URL, "http://")}
	c := fetch.New(o)

	if r, err := c.Fetch(t.Context(), outside.URL+"/page", claim.URLState{}); err != nil || string(r.Body) != "public page" {
		t.Fatalf("allowed host: %v", err)
	}
	tests := []struct{ name, url string }{
		{"loopback directly", inside.URL + "/admin"},
		{"loopback by name (DNS answer)", "http://localhost" + insidePort + "/admin"},
		{"redirect to loopback", outside.URL + "/to-inside"},
		{"redirect to metadata", outside.URL + "/to-metadata"},
		{"unspecified", "http://0.0.0.0" + insidePort + "/admin"},
	}
	for _, tt := range tests {
		_, err := c.Fetch(t.Context(), tt.url, claim.URLState{})
		if !errors.Is(err, fetch.ErrBlocked) {
			t.Errorf("%s: err = %v, want ErrBlocked", tt.name, err)
		}
	}
	if n := len(inside.log(true)); n != 0 {
		t.Errorf("the guarded server saw %d requests", n)
	}
	// Near miss: with loopback allowed the same URL is fetched.
	o.AllowLoopback = true
	if _, err := fetch.New(o).Fetch(t.Context(), inside.URL+"/admin", claim.URLState{}); err != nil {
		t.Errorf("loopback allowed: %v", err)
	}
}
