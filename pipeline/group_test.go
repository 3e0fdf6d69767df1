package pipeline_test

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"

	"github.com/claimwire/claimwire/claim"
)

// stateStore is a batchStore that also takes each document's URL state in
// the document's batch (a pipeline.StateSaver), and counts the states saved
// on their own.
type stateStore struct {
	*batchStore
	mu       sync.Mutex
	withDocs int // URL states saved with their document
	alone    int // URL states saved without a document, in a batch
	single   int // URL states saved by SaveURLState
	batches  int
}

func (s *stateStore) SaveBatchStates(ctx context.Context, docs []claim.Document, claims [][]claim.Claim,
	states []claim.URLState) ([]claim.SaveResult, error) {
	res := make([]claim.SaveResult, len(docs))
	var withDocs, alone int // counted once the whole batch succeeds
	for i, d := range docs {
		if states[i].URL == "" {
			return nil, errors.New("a URL state without its URL")
		}
		if d.URL == "" && len(claims[i]) > 0 {
			return nil, errors.New("claims without a document")
		}
		if d.URL == "" { // the state alone
			alone++
			continue
		}
		one, err := s.SaveBatch(ctx, docs[i:i+1], claims[i:i+1])
		if err != nil {
			return nil, err
		}
		res[i] = one[0]
		withDocs++
	}
	for _, st := range states {
		s.memStore.SaveURLState(ctx, st)
	}
	s.mu.Lock()
	s.withDocs, s.alone, s.batches = s.withDocs+withDocs, s.alone+alone, s.batches+1
	s.mu.Unlock()
	return res, nil
}

func (s *stateStore) SaveURLState(ctx context.Context, st claim.URLState) error {
	s.mu.Lock()
	s.single++
	s.mu.Unlock()
	return s.memStore.SaveURLState(ctx, st)
}

func TestURLStatesGoWithTheirDocuments(t *testing.T) {
	h := newHarness()
	ss := &stateStore{batchStore: &batchStore{memStore: h.store, bad: "https://n.test/07"}}
	h.c.Saver, h.c.Concurrency = ss, 8
	var body []string
	for i := range 20 {
		u := "https://n.test/" + string(rune('0'+i/10)) + string(rune('0'+i%10))
		body = append(body, u)
		h.web.set(u, page{body: "doc " + u})
	}
	h.web.set(feed.URL, page{body: strings.Join(body, "\n")})
	rep := h.c.Check(t.Context(), feed)
	if rep.Fetched != 19 || rep.Failed != 1 {
		t.Fatalf("report %+v, want 19 saved and the bad one failed alone", rep)
	}
	// Every saved document's state came with it, the failed one's in a batch
	// too; only the feed's own state was saved on its own.
	if ss.withDocs != 19 || ss.alone != 1 || ss.single != 1 {
		t.Errorf("URL states: %d saved with documents, %d in a batch alone, %d on their own; want 19, 1 (the failed document), 1 (the feed)",
			ss.withDocs, ss.alone, ss.single)
	}
	if ss.batches >= 20 {
		t.Errorf("%d transactions for 20 documents: saves were not grouped", ss.batches)
	}
	for _, u := range body {
		st, err := h.store.URLState(t.Context(), u)
		if err != nil || st.URL != u {
			t.Errorf("url state of %s: %+v, %v", u, st, err)
		}
		switch {
		case u == ss.bad && st.Errors != 1:
			t.Errorf("url state of the failed %s: %d errors, want 1", u, st.Errors)
		case u != ss.bad && (st.Errors != 0 || st.ContentHash == ""):
			t.Errorf("url state of %s: %+v, want a success with its content hash", u, st)
		}
	}
}
