package web_test

import (
	"encoding/json"
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/claimwire/claimwire/web"
)

func TestToken(t *testing.T) {
	db, _ := openFixtureStore(t)
	const token = "s3cret-token-value"
	srv := newTestServer(t, db, web.Options{Token: token, Gatherer: prometheus.NewRegistry()})
	tests := []struct {
		path   string
		header []string
		status int
	}{
		{"/api/claims", nil, 401},
		{"/api/claims", []string{"Authorization", "Bearer wrong"}, 401},
		{"/api/claims", []string{"Authorization", "Bearer " + token + "x"}, 401},
		{"/api/claims", []string{"Authorization", "Bearer " + token[:len(token)-1]}, 401},
		{"/api/claims", []string{"Authorization", token}, 401}, // no Bearer scheme
		{"/api/claims", []string{"Authorization", "Basic " + token}, 401},
		{"/api/claims", []string{"Cookie", "claimwire_token=wrong"}, 401},
		{"/api/claims/abc", nil, 401}, // 401 before 404: no probing for ids
		{"/api/nope", nil, 401},
		{"/api/events", nil, 401},
		{"/metrics", nil, 401},
		{"/api/claims", []string{"Authorization", "Bearer " + token}, 200},
		{"/api/claims", []string{"Cookie", "claimwire_token=" + token}, 200},
		{"/metrics", []string{"Authorization", "Bearer " + token}, 200},
		{"/healthz", nil, 200},
		{"/readyz", nil, 200},
		{"/", nil, 200},
		{"/assets/app.js", nil, 200},
	}
	for _, tt := range tests {
		res, body := get(t, srv.URL+tt.path, tt.header...)
		if res.StatusCode != tt.status {
			t.Errorf("%s %v: status %d, want %d", tt.path, tt.header, res.StatusCode, tt.status)
		}
		if tt.status == 401 {
			errorBody(t, body)
			if !strings.HasPrefix(res.Header.Get("WWW-Authenticate"), "Bearer") {
				t.Errorf("%s: 401 without WWW-Authenticate: Bearer", tt.path)
			}
		}
	}
}

func TestHealthAndReadiness(t *testing.T) {
	db, _ := openFixtureStore(t)
	srv := newTestServer(t, db, web.Options{})
	ready := func(srv string) (int, map[string]string) {
		res, body := get(t, srv+"/readyz")
		var m map[string]string
		if err := json.Unmarshal(body, &m); err != nil {
			t.Fatalf("/readyz: %s", body)
		}
		return res.StatusCode, m
	}
	if code, m := ready(srv.URL); code != 200 || m["store"] != "ok" || m["nats"] != "not configured" {
		t.Errorf("/readyz with a store and no NATS: %d %v", code, m)
	}
	down := &fakeEvents{readyErr: errors.New("nats: no servers available")}
	srv2 := newTestServer(t, db, web.Options{Events: down})
	if code, m := ready(srv2.URL); code != 503 || m["nats"] != "unreachable" || m["store"] != "ok" {
		t.Errorf("/readyz with NATS down: %d %v", code, m)
	}
	down.readyErr = nil
	if code, m := ready(srv2.URL); code != 200 || m["nats"] != "ok" {
		t.Errorf("/readyz with NATS up: %d %v", code, m)
	}

	db.Close()
	if code, m := ready(srv.URL); code != 503 || m["store"] != "unavailable" {
		t.Errorf("/readyz with the store closed: %d %v", code, m)
	}
	if res, _ := get(t, srv.URL+"/healthz"); res.StatusCode != 200 {
		t.Errorf("/healthz with the store closed: %d; the process is still up", res.StatusCode)
	}
	res, body := get(t, srv.URL+"/api/claims?subject=AWS")
	if res.StatusCode != 503 || errorBody(t, body) != "store unavailable" {
		t.Errorf("/api/claims with the store closed: %d %s", res.StatusCode, body)
	}
}

func TestMetrics(t *testing.T) {
	db, _ := openFixtureStore(t)
	reg := prometheus.NewRegistry()
	m := web.NewMetrics(reg)
	srv := newTestServer(t, db, web.Options{Metrics: m, Gatherer: reg})
	m.FetchDone("geekwire", "ok", 120*time.Millisecond)
	m.FetchDone("geekwire", "ok", 80*time.Millisecond)
	m.FetchDone("sec", "error", time.Second)
	m.ClaimsExtracted("revenue_run_rate", 3)
	m.SetQueueDepth(7)
	m.EventsPublished(5)
	m.StoreWrite(3 * time.Millisecond)
	get(t, srv.URL+"/api/claims?subject=AWS")
	get(t, srv.URL+"/api/claims/nope")
	get(t, srv.URL+"/no/such/page")
	_, body := get(t, srv.URL+"/metrics")
	text := string(body)
	for _, want := range []string{
		`claimwire_documents_fetched_total{source="geekwire",status="ok"} 2`,
		`claimwire_documents_fetched_total{source="sec",status="error"} 1`,
		`claimwire_fetch_duration_seconds_count{source="geekwire"} 2`,
		`claimwire_claims_extracted_total{metric="revenue_run_rate"} 3`,
		`claimwire_queue_depth 7`,
		`claimwire_events_published_total 5`,
		`claimwire_store_write_duration_seconds_count 1`,
		`claimwire_http_requests_total{code="200",route="GET /api/claims"} 1`,
		`claimwire_http_requests_total{code="404",route="GET /api/claims/{id}"} 1`,
		`claimwire_http_requests_total{code="404",route="unmatched"} 1`,
		`claimwire_http_request_duration_seconds_count{route="GET /api/claims"} 1`,
	} {
		if !strings.Contains(text, want) {
			t.Errorf("/metrics lacks %s", want)
		}
	}
	var nilMetrics *web.Metrics // the pipeline may run without metrics
	nilMetrics.FetchDone("x", "ok", time.Second)
	nilMetrics.StoreWrite(time.Second)
}

func TestCORS(t *testing.T) {
	db, _ := openFixtureStore(t)
	off := newTestServer(t, db, web.Options{})
	on := newTestServer(t, db, web.Options{CORSOrigin: "https://dash.example"})
	preflight := func(base, origin string) *http.Response {
		req, _ := http.NewRequest(http.MethodOptions, base+"/api/claims", nil)
		req.Header.Set("Origin", origin)
		req.Header.Set("Access-Control-Request-Method", "GET")
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		return res
	}
	if res := preflight(on.URL, "https://dash.example"); res.StatusCode != 204 ||
		res.Header.Get("Access-Control-Allow-Origin") != "https://dash.example" ||
		!strings.Contains(res.Header.Get("Access-Control-Allow-Headers"), "Authorization") {
		t.Errorf("preflight from the configured origin: %d %v", res.StatusCode, res.Header)
	}
	for _, c := range []struct {
		name, base, origin string
	}{{"not configured", off.URL, "https://dash.example"}, {"other origin", on.URL, "https://evil.example"}} {
		if res := preflight(c.base, c.origin); res.StatusCode == 204 || res.Header.Get("Access-Control-Allow-Origin") != "" {
			t.Errorf("preflight, %s: %d %v", c.name, res.StatusCode, res.Header)
		}
		res, _ := get(t, c.base+"/api/claims", "Origin", c.origin)
		if res.Header.Get("Access-Control-Allow-Origin") != "" {
			t.Errorf("GET, %s: Access-Control-Allow-Origin %q", c.name, res.Header.Get("Access-Control-Allow-Origin"))
		}
	}
	res, _ := get(t, on.URL+"/api/claims", "Origin", "https://dash.example")
	if res.Header.Get("Access-Control-Allow-Origin") != "https://dash.example" {
		t.Errorf("GET from the configured origin: no Access-Control-Allow-Origin")
	}
}

func TestPage(t *testing.T) {
	db, _ := openFixtureStore(t)
	srv := newTestServer(t, db, web.Options{})
	res, body := get(t, srv.URL+"/")
	if res.StatusCode != 200 || !strings.Contains(string(body), `<table id="claims"`) ||
		!strings.Contains(res.Header.Get("Content-Security-Policy"), "default-src 'self'") {
		t.Errorf("/: %d, CSP %q", res.StatusCode, res.Header.Get("Content-Security-Policy"))
	}
	for _, p := range []string{"/assets/app.js", "/assets/app.css"} {
		if res, body := get(t, srv.URL+p); res.StatusCode != 200 || len(body) < 1000 {
			t.Errorf("%s: %d, %d bytes", p, res.StatusCode, len(body))
		}
	}
	if res, _ := get(t, srv.URL+"/assets/nope.js"); res.StatusCode != 404 {
		t.Errorf("/assets/nope.js: %d", res.StatusCode)
	}
}
