package web_test

import (
	"bufio"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/claimwire/claimwire/claim"
	"github.com/claimwire/claimwire/store"
	"github.com/claimwire/claimwire/web"
)

// webStore adapts *store.DB to web.Store the way cmd/claimwire does: only the
// two catalogue lists differ in type.
type webStore struct{ *store.DB }

func (s webStore) Subjects(ctx context.Context) ([]web.SubjectCount, error) {
	subjects, err := s.DB.Subjects(ctx)
	out := make([]web.SubjectCount, len(subjects))
	for i, sc := range subjects {
		out[i] = web.SubjectCount{Subject: sc.Name, Aliases: sc.Aliases, Claims: sc.Claims}
	}
	return out, err
}

func (s webStore) MetricCounts(ctx context.Context) ([]web.MetricCount, error) {
	metrics, err := s.DB.MetricCounts(ctx)
	out := make([]web.MetricCount, len(metrics))
	for i, m := range metrics {
		out[i] = web.MetricCount{Metric: m.Metric, Claims: m.Claims}
	}
	return out, err
}

var _ web.Store = webStore{}

// fixtureDoc is a line of docs.jsonl; goldClaim a line of gold.jsonl
// (fixtures/corpus/README.md). Text is inline in web/testdata, a file in the corpus.
type fixtureDoc struct {
	Doc       string  `json:"doc"`
	URL       string  `json:"url"`
	Title     string  `json:"title"`
	Published *string `json:"published"`
	Kind      string  `json:"kind"`
	File      string  `json:"file"`
	Text      string  `json:"text"`
}

type goldClaim struct {
	Doc          string   `json:"doc"`
	Subject      []string `json:"subject"`
	Segment      *string  `json:"segment"`
	Metric       string   `json:"metric"`
	Value        float64  `json:"value"`
	ValueMax     *float64 `json:"value_max"`
	Unit         string   `json:"unit"`
	Item         *string  `json:"item"`
	Qualifier    string   `json:"qualifier"`
	Period       *string  `json:"period"`
	Basis        *string  `json:"basis"`
	Modality     string   `json:"modality"`
	Attribution  *string  `json:"attribution"`
	Counterparty *string  `json:"counterparty"`
	Figure       string   `json:"figure"`
	Quote        string   `json:"quote"`
	Hard         bool     `json:"hard"`
}

func str(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}

func readJSONL[T any](t testing.TB, path string) []T {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []T
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		if strings.TrimSpace(sc.Text()) == "" {
			continue
		}
		var v T
		if err := json.Unmarshal(sc.Bytes(), &v); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		out = append(out, v)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// fixtureClaims turns a corpus directory's gold claims into stored claims: the
// gold labels are the claims a perfect extractor would give, so these tests do
// not move when the extractor does.
func fixtureClaims(t testing.TB, dir string) (map[string]claim.Document, map[string][]claim.Claim) {
	t.Helper()
	docs := map[string]claim.Document{}
	for _, d := range readJSONL[fixtureDoc](t, filepath.Join(dir, "docs.jsonl")) {
		text := d.Text
		if d.File != "" {
			raw, err := os.ReadFile(filepath.Join(dir, d.File))
			if err != nil {
				t.Fatal(err)
			}
			text = string(raw)
		}
		doc := claim.Document{Source: claim.Source{URL: d.URL, Title: d.Title, Published: str(d.Published), Kind: d.Kind}, Text: text}
		doc.ContentHash = claim.HashText(text)
		docs[d.Doc] = doc
	}
	claims := map[string][]claim.Claim{}
	seen := map[string]bool{}
	for _, g := range readJSONL[goldClaim](t, filepath.Join(dir, "gold.jsonl")) {
		doc, ok := docs[g.Doc]
		start := strings.Index(g.Quote, g.Figure)
		if !ok || g.Hard || start < 0 || len(g.Subject) == 0 {
			continue
		}
		c := claim.Claim{
			Subject: g.Subject[0], Segment: str(g.Segment), Metric: claim.Metric(g.Metric),
			Value: g.Value, ValueMax: g.ValueMax, Unit: g.Unit, Item: str(g.Item),
			Qualifier: claim.Qualifier(g.Qualifier), Period: str(g.Period), Basis: str(g.Basis),
			Modality: claim.Modality(g.Modality), Attribution: str(g.Attribution),
			Counterparty: str(g.Counterparty), Quote: g.Quote,
			Span: [2]int{start, start + len(g.Figure)}, Source: doc.Source,
		}
		c.SetID()
		if seen[c.ID] { // the same sentence and figure labelled twice
			continue
		}
		seen[c.ID] = true
		claims[g.Doc] = append(claims[g.Doc], c)
	}
	return docs, claims
}

// openFixtureStore fills a fresh SQLite database in t.TempDir() from
// fixtures/corpus and web/testdata, and returns it with the claims it holds.
func openFixtureStore(t testing.TB) (*store.DB, []claim.Claim) {
	t.Helper()
	ctx := context.Background()
	db, err := store.Open(ctx, filepath.Join(t.TempDir(), "claims.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	var all []claim.Claim
	for _, dir := range []string{"../fixtures/corpus", "testdata"} {
		docs, claims := fixtureClaims(t, dir)
		for name, doc := range docs {
			if _, err := db.SaveDocument(ctx, doc, claims[name]); err != nil {
				t.Fatalf("save %s: %v", name, err)
			}
			all = append(all, claims[name]...)
		}
	}
	return db, all
}

// newTestServer serves web.New over db; opts fields left zero get test values.
func newTestServer(t testing.TB, db *store.DB, opts web.Options) *httptest.Server {
	t.Helper()
	opts.Store = webStore{db}
	srv := httptest.NewServer(web.New(opts))
	t.Cleanup(srv.Close)
	return srv
}

// get does a GET with optional headers and returns the response with its body read.
func get(t testing.TB, url string, header ...string) (*http.Response, []byte) {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, url, nil)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return res, body
}
