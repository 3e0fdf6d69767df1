package natsbus

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/claimwire/claimwire/claim"
)

// TestCrawlStateSharedAndDurable: what one fetch worker records, another sees,
// and it is still there after the server restarts on the same storage.
func TestCrawlStateSharedAndDurable(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	srv, err := StartEmbedded(ctx, EmbeddedOptions{StoreDir: dir})
	if err != nil {
		t.Fatal(err)
	}
	a, b := connect(t, srv, Policy{}), connect(t, srv, Policy{})
	sa, err := a.CrawlState(ctx)
	if err != nil {
		t.Fatal(err)
	}
	sb, err := b.CrawlState(ctx)
	if err != nil {
		t.Fatal(err)
	}
	const page = "https://news.example/a?x=1&y=Ä#frag" // characters a bucket key may not hold
	if _, err := sa.URLState(ctx, page); !errors.Is(err, claim.ErrNotFound) {
		t.Fatalf("unknown URL: err = %v, want ErrNotFound", err)
	}
	if _, err := sa.SourceState(ctx, "newsroom"); !errors.Is(err, claim.ErrNotFound) {
		t.Fatalf("unknown source: err = %v, want ErrNotFound", err)
	}
	when := time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)
	u := claim.URLState{URL: page, Source: "newsroom", ETag: `"v1"`, LastModified: "Mon, 23 Nov 2026 08:00:00 GMT",
		ContentHash: "abc", LastStatus: 200, FetchedAt: when}
	if err := sa.SaveURLState(ctx, u); err != nil {
		t.Fatal(err)
	}
	for i, name := range []string{"wire feed", "newsroom", "edgar: nvidia"} {
		st := claim.SourceState{Name: name, Kind: "feed", Status: "ok", Documents: i + 1, LastCheck: when}
		if err := sa.SaveSourceState(ctx, st); err != nil {
			t.Fatal(err)
		}
	}
	got, err := sb.URLState(ctx, page)
	if err != nil || got.ETag != u.ETag || got.ContentHash != "abc" || !got.FetchedAt.Equal(when) {
		t.Fatalf("other worker reads %+v, %v; want %+v", got, err, u)
	}
	if _, err := sb.URLState(ctx, page+"2"); !errors.Is(err, claim.ErrNotFound) {
		t.Errorf("a near-miss URL: err = %v, want ErrNotFound", err)
	}

	a.Close()
	b.Close()
	srv.Shutdown()
	srv, err = StartEmbedded(ctx, EmbeddedOptions{StoreDir: dir})
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Shutdown()
	s, err := connect(t, srv, Policy{}).CrawlState(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if got, err := s.URLState(ctx, page); err != nil || got.ETag != `"v1"` {
		t.Errorf("after restart: %+v, %v", got, err)
	}
	list, err := s.SourceStates(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, st := range list {
		names = append(names, st.Name)
	}
	if len(names) != 3 || names[0] != "edgar: nvidia" || names[1] != "newsroom" || names[2] != "wire feed" {
		t.Errorf("sources after restart = %q, want the three by name", names)
	}
	if st, _ := s.SourceState(ctx, "newsroom"); st.Documents != 2 || st.Status != "ok" {
		t.Errorf("newsroom = %+v", st)
	}
}
