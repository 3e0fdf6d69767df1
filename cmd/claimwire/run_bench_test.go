package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/claimwire/claimwire/claim"
	"github.com/claimwire/claimwire/extractors"
	"github.com/claimwire/claimwire/natsbus"
	"github.com/claimwire/claimwire/pipeline"
)

// corpusDocs reads and extracts the fixture corpus once: real documents with
// their real claims.
func corpusDocs(b *testing.B) []pipeline.DocMessage {
	b.Helper()
	dir := filepath.Join("..", "..", "fixtures", "corpus")
	f, err := os.Open(filepath.Join(dir, "docs.jsonl"))
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	var out []pipeline.DocMessage
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		var m struct {
			claim.Source
			File string `json:"file"`
		}
		if err := json.Unmarshal(sc.Bytes(), &m); err != nil {
			b.Fatal(err)
		}
		raw, err := os.ReadFile(filepath.Join(dir, m.File))
		if err != nil {
			b.Fatal(err)
		}
		doc, err := extractors.Read(raw, m.Source)
		if err != nil {
			continue
		}
		out = append(out, pipeline.DocMessage{Document: doc, Text: doc.Text, Claims: extractors.Extract(doc)})
	}
	if len(out) == 0 {
		b.Fatal("no corpus documents")
	}
	return out
}

// variant is corpus document i under a URL of its own, so every one is new.
func variant(m pipeline.DocMessage, i int) (claim.Document, []claim.Claim) {
	doc := m.Document
	doc.Text = m.Text
	doc.URL = fmt.Sprintf("%s?copy=%d", m.Document.URL, i)
	doc.CanonicalURL = ""
	claims := slices.Clone(m.Claims)
	for j := range claims {
		claims[j].Source = doc.Source
		claims[j].SetID()
	}
	return doc, claims
}

// timedStore notes when each claim's document was committed.
type timedStore struct {
	pipeline.EventStore
	mu        sync.Mutex
	committed map[string]time.Time
}

func (s *timedStore) SaveDocument(ctx context.Context, doc claim.Document, claims []claim.Claim) (claim.SaveResult, error) {
	res, err := s.EventStore.SaveDocument(ctx, doc, claims)
	now := time.Now()
	s.mu.Lock()
	for _, c := range res.New {
		s.committed[c.ID] = now
	}
	s.mu.Unlock()
	return res, err
}

// timedBatch is the batch path of timedStore.
type timedBatch struct {
	st *timedStore
	b  pipeline.BatchSaver
}

func (t timedBatch) SaveBatch(ctx context.Context, docs []claim.Document, claims [][]claim.Claim) ([]claim.SaveResult, error) {
	res, err := t.b.SaveBatch(ctx, docs, claims)
	now := time.Now()
	t.st.mu.Lock()
	for _, r := range res {
		for _, c := range r.New {
			t.st.committed[c.ID] = now
		}
	}
	t.st.mu.Unlock()
	return res, err
}

// BenchmarkBusDocsIntoSQLite measures documents per second from the document
// stream through the store writer into SQLite, new-figure events included.
func BenchmarkBusDocsIntoSQLite(b *testing.B) {
	docs := corpusDocs(b)
	h := newBusHarness(b, natsbus.Policy{})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	w := &pipeline.StoreWriter{Name: "bench", Docs: h.conn, Store: h.db, Batch: crawlDB{h.db}, Events: h.conn}
	done := make(chan error, 1)
	go func() { done <- w.Run(ctx) }()
	saver := pipeline.BusSaver{CrawlState: &pipeline.MemoryState{}, Docs: h.conn}

	var bytes int64
	for _, d := range docs {
		bytes += int64(len(d.Text))
	}
	b.SetBytes(bytes / int64(len(docs)))
	b.ReportAllocs()
	n := 0
	var last claim.Claim
	for b.Loop() {
		doc, claims := variant(docs[n%len(docs)], n)
		if _, err := saver.SaveDocument(ctx, doc, claims); err != nil {
			b.Fatal(err)
		}
		if len(claims) > 0 {
			last = claims[len(claims)-1]
		}
		n++
	}
	for { // the clock runs until the last document is committed and announced
		_, err := h.db.Claim(ctx, last.ID)
		if err == nil && pending(b, h.db) == 0 {
			break
		}
		time.Sleep(time.Millisecond)
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "docs/s")
	cancel()
	<-done
}

// BenchmarkNewFigureLatency measures the time from the store's commit of a
// new claim to a WatchClaims subscriber receiving its event.
func BenchmarkNewFigureLatency(b *testing.B) {
	docs := corpusDocs(b)
	h := newBusHarness(b, natsbus.Policy{})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	st := &timedStore{EventStore: h.db, committed: map[string]time.Time{}}
	w := &pipeline.StoreWriter{Name: "bench", Docs: h.conn, Store: st, Batch: timedBatch{st, crawlDB{h.db}}, Events: h.conn}
	var wg sync.WaitGroup
	wg.Go(func() { w.Run(ctx) })

	var (
		mu        sync.Mutex
		latencies []time.Duration
		arrived   = make(chan string, 1<<16)
	)
	wg.Go(func() {
		h.conn.WatchClaims(ctx, 0, func(seq uint64, c claim.Claim) error {
			now := time.Now()
			st.mu.Lock()
			t, ok := st.committed[c.ID]
			st.mu.Unlock()
			if ok {
				mu.Lock()
				latencies = append(latencies, now.Sub(t))
				mu.Unlock()
			}
			arrived <- c.ID
			return nil
		})
	})
	time.Sleep(200 * time.Millisecond) // the watch is subscribed
	saver := pipeline.BusSaver{CrawlState: &pipeline.MemoryState{}, Docs: h.conn}
	n := 0
	for b.Loop() {
		var doc claim.Document
		var claims []claim.Claim
		for len(claims) == 0 {
			doc, claims = variant(docs[n%len(docs)], n)
			n++
		}
		if _, err := saver.SaveDocument(ctx, doc, claims); err != nil {
			b.Fatal(err)
		}
		for range claims { // one document at a time: no queueing in the figure
			select {
			case <-arrived:
			case <-time.After(10 * time.Second):
				b.Fatal("event never arrived")
			}
		}
	}
	b.StopTimer()
	cancel()
	wg.Wait()
	slices.Sort(latencies)
	if len(latencies) == 0 {
		b.Fatal("no latencies measured")
	}
	pct := func(p float64) float64 {
		return float64(latencies[int(p*float64(len(latencies)-1))].Microseconds()) / 1000
	}
	b.ReportMetric(pct(0.50), "p50-ms")
	b.ReportMetric(pct(0.99), "p99-ms")
}
