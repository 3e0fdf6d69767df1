package store

import (
	"context"
	"errors"
	"fmt"
	"math"
	"sync"
	"testing"
	"time"

	"github.com/claimwire/claimwire/claim"
	"github.com/google/go-cmp/cmp"
)

func TestOutbox(t *testing.T) {
	ctx := context.Background()
	db := openTest(t)
	var ids []string
	for i := range 3 {
		doc, cs := article(fmt.Sprintf("https://a.example/%d", i), "2025-10-30", fmt.Sprintf("text %d", i),
			runRate("AWS", float64(i+1)*1e9, fmt.Sprintf("quote %d", i)))
		mustSave(t, db, doc, cs)
		ids = append(ids, cs[0].ID)
	}
	// Re-saving adds no events: only new claims go to the outbox.
	doc, cs := article("https://a.example/0", "2025-10-30", "text 0", runRate("AWS", 1e9, "quote 0"))
	mustSave(t, db, doc, cs)

	pending, err := db.PendingEvents(ctx, 2)
	if err != nil {
		t.Fatal(err)
	}
	if len(pending) != 2 || pending[0].ID != ids[0] || pending[1].ID != ids[1] {
		t.Fatalf("pending = %v, want the first two claims in commit order", pending)
	}
	if pending[0].Source.URL != "https://a.example/0" || pending[0].Value != 1e9 {
		t.Errorf("pending claim lacks its fields: %+v", pending[0])
	}
	if err := db.MarkPublished(ctx, ids[0], ids[1]); err != nil {
		t.Fatal(err)
	}
	pending, err = db.PendingEvents(ctx, 10)
	if err != nil || len(pending) != 1 || pending[0].ID != ids[2] {
		t.Errorf("after publishing two, pending = %v (%v), want the third", pending, err)
	}
	if err := db.RecordDeadLetter(ctx, "job-1", "extract panicked", []byte("raw")); err != nil {
		t.Fatal(err)
	}
	dl, err := db.DeadLetters(ctx, 10)
	if err != nil || len(dl) != 1 || dl[0].Key != "job-1" || string(dl[0].Data) != "raw" {
		t.Errorf("dead letters = %+v (%v)", dl, err)
	}
}

func TestCrawlState(t *testing.T) {
	ctx := context.Background()
	db := openTest(t)
	if _, err := db.SourceState(ctx, "geekwire"); !errors.Is(err, claim.ErrNotFound) {
		t.Errorf("unknown source: %v, want ErrNotFound", err)
	}
	if _, err := db.URLState(ctx, "https://x.example/"); !errors.Is(err, claim.ErrNotFound) {
		t.Errorf("unknown url: %v, want ErrNotFound", err)
	}
	now := time.Date(2026, 4, 30, 12, 0, 0, 0, time.UTC)
	s := claim.SourceState{Name: "geekwire", Kind: "feed", LastCheck: now, NextCheck: now.Add(time.Hour),
		Status: "error", ErrorCount: 2, LastError: "status 503", Documents: 10, Claims: 42}
	if err := db.SaveSourceState(ctx, s); err != nil {
		t.Fatal(err)
	}
	s.ErrorCount = 3 // saving again replaces
	if err := db.SaveSourceState(ctx, s); err != nil {
		t.Fatal(err)
	}
	got, err := db.SourceState(ctx, "geekwire")
	if err != nil || !cmp.Equal(got, s) {
		t.Errorf("source state round trip: %v\n%s", err, cmp.Diff(s, got))
	}
	all, err := db.SourceStates(ctx)
	if err != nil || len(all) != 1 {
		t.Errorf("source states = %v, %v", all, err)
	}
	u := claim.URLState{URL: "https://x.example/a", Source: "geekwire", ETag: `"abc"`, LastModified: "Wed, 29 Apr 2026 10:00:00 GMT",
		ContentHash: "ff", LastStatus: 200, FetchedAt: now, NextCheck: now.Add(6 * time.Hour)}
	if err := db.SaveURLState(ctx, u); err != nil {
		t.Fatal(err)
	}
	gotU, err := db.URLState(ctx, u.URL)
	if err != nil || !cmp.Equal(gotU, u) {
		t.Errorf("url state round trip: %v\n%s", err, cmp.Diff(u, gotU))
	}
}

func TestDocumentTimelineAndCounts(t *testing.T) {
	ctx := context.Background()
	db := openTest(t)
	d1, c1 := article("https://b.example/later", "2025-11-02", "later", runRate("AWS", 18e9, "later"))
	d2, c2 := article("https://a.example/earlier", "2025-10-01", "earlier", runRate("Amazon Web Services", 15e9, "earlier"),
		claim.Claim{Subject: "Nvidia", Metric: claim.Revenue, Value: 57e9, Unit: claim.USD, Quote: "nv"})
	d2.CanonicalURL = "https://a.example/canonical"
	mustSave(t, db, d1, c1)
	mustSave(t, db, d2, c2)

	points, err := db.Timeline(ctx, "aws", claim.RevenueRunRate)
	if err != nil || len(points) != 2 || points[0].Published != "2025-10-01" || points[1].Claim.Value != 18e9 {
		t.Errorf("timeline = %+v (%v), want 15B on 2025-10-01 then 18B", points, err)
	}
	doc, err := db.Document(ctx, "https://a.example/earlier") // by fetched URL
	if err != nil || doc.CanonicalURL != "https://a.example/canonical" || doc.ContentHash != d2.ContentHash {
		t.Errorf("document = %+v (%v)", doc, err)
	}
	dcs, err := db.DocumentClaims(ctx, "https://a.example/canonical")
	if err != nil || len(dcs) != 2 {
		t.Errorf("document claims = %d (%v), want 2", len(dcs), err)
	}
	if _, err := db.Document(ctx, "https://nowhere.example/"); !errors.Is(err, claim.ErrNotFound) {
		t.Errorf("missing document: %v, want ErrNotFound", err)
	}
	if _, err := db.Claim(ctx, "feedface"); !errors.Is(err, claim.ErrNotFound) {
		t.Errorf("missing claim: %v, want ErrNotFound", err)
	}
	metrics, err := db.MetricCounts(ctx)
	want := []MetricCount{{claim.RevenueRunRate, 2}, {claim.Revenue, 1}}
	if err != nil || !cmp.Equal(metrics, want) {
		t.Errorf("metric counts = %v (%v), want %v", metrics, err, want)
	}
	subjects, err := db.Subjects(ctx)
	if err != nil || len(subjects) != 2 || subjects[0].Name != "AWS" || subjects[0].Claims != 2 || subjects[1].Name != "Nvidia" {
		t.Errorf("subjects = %+v (%v)", subjects, err)
	}
}

func TestConcurrentWritersAndReaders(t *testing.T) {
	ctx := context.Background()
	db := openTest(t)
	var wg sync.WaitGroup
	errs := make(chan error, 64)
	for w := range 4 {
		wg.Add(2)
		go func() {
			defer wg.Done()
			for i := range 10 {
				doc, cs := article(fmt.Sprintf("https://w%d.example/%d", w, i), "2025-10-30", fmt.Sprintf("%d-%d", w, i),
					runRate("AWS", 15e9, fmt.Sprintf("q %d %d", w, i)))
				if _, err := db.SaveDocument(ctx, doc, cs); err != nil {
					errs <- err
				}
			}
		}()
		go func() {
			defer wg.Done()
			for range 10 {
				if _, _, err := db.FindClaims(ctx, claim.Filter{Subject: "AWS"}); err != nil {
					errs <- err
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	if f := onlyFact(t, db); f.Claims != 40 || f.Corroboration != 4 {
		t.Errorf("after concurrent saves: claims %d corroboration %d, want 40 and 4 hosts", f.Claims, f.Corroboration)
	}
}

// TestURLStateSavedWithItsDocument: a batch writes each document's URL state
// in the document's transaction, and a batch that fails writes none.
func TestURLStateSavedWithItsDocument(t *testing.T) {
	ctx := context.Background()
	db := openTest(t)
	now := time.Date(2026, 4, 30, 12, 0, 0, 0, time.UTC)
	state := func(url string) claim.URLState {
		return claim.URLState{URL: url, Source: "geekwire", ETag: `"v1"`, ContentHash: "ab", LastStatus: 200, FetchedAt: now}
	}
	doc, cs := article("https://www.geekwire.com/a", "2025-10-30", "AWS at $15 billion.", runRate("AWS", 15e9, ""))
	doc2, cs2 := article("https://www.geekwire.com/b", "2025-10-30", "No figures here.")
	if _, err := db.SaveDocuments(ctx, []Batch{{Doc: doc, Claims: cs, State: state(doc.URL)}, {Doc: doc2, Claims: cs2}}); err != nil {
		t.Fatal(err)
	}
	got, err := db.URLState(ctx, doc.URL)
	if err != nil || !cmp.Equal(got, state(doc.URL)) {
		t.Errorf("url state saved with its document: %v\n%s", err, cmp.Diff(state(doc.URL), got))
	}
	if _, err := db.URLState(ctx, doc2.URL); !errors.Is(err, claim.ErrNotFound) {
		t.Errorf("a document without a state: url state %v, want ErrNotFound", err)
	}
	// The second document has no URL: the batch fails, the first's state is not written.
	doc3, cs3 := article("https://www.geekwire.com/c", "2025-10-30", "AWS at $16 billion.", runRate("AWS", 16e9, ""))
	bad := claim.Document{Text: "no url"}
	if _, err := db.SaveDocuments(ctx, []Batch{{Doc: doc3, Claims: cs3, State: state(doc3.URL)}, {Doc: bad}}); !errors.Is(err, claim.ErrInvalid) {
		t.Fatalf("batch with a document without URL: %v, want ErrInvalid", err)
	}
	bad = doc3
	cs3[0].Value = math.NaN() // rejected inside the transaction
	if _, err := db.SaveDocuments(ctx, []Batch{{Doc: bad, Claims: cs3, State: state(doc3.URL)}}); !errors.Is(err, claim.ErrInvalid) {
		t.Fatalf("batch with a NaN claim: %v, want ErrInvalid", err)
	}
	if _, err := db.URLState(ctx, doc3.URL); !errors.Is(err, claim.ErrNotFound) {
		t.Errorf("url state of a failed batch: %v, want ErrNotFound", err)
	}
	// A state alone (an unchanged page) saves no document; claims without a
	// document are still refused.
	unchanged := state("https://www.geekwire.com/unchanged")
	res, err := db.SaveDocuments(ctx, []Batch{{State: unchanged}, {Doc: doc, Claims: cs, State: state(doc.URL)}})
	if err != nil || len(res) != 2 || res[0].DocumentNew || len(res[0].New) != 0 || res[1].Duplicate != 1 {
		t.Fatalf("state-only batch: %+v, %v", res, err)
	}
	if got, err := db.URLState(ctx, unchanged.URL); err != nil || !cmp.Equal(got, unchanged) {
		t.Errorf("state saved alone: %v\n%s", err, cmp.Diff(unchanged, got))
	}
	if n := count(t, db, "SELECT count(*) FROM documents"); n != 2 {
		t.Errorf("%d documents after a state-only save, want 2", n)
	}
	if _, err := db.SaveDocuments(ctx, []Batch{{Claims: cs, State: unchanged}}); !errors.Is(err, claim.ErrInvalid) {
		t.Errorf("claims without a document: %v, want ErrInvalid", err)
	}
}
