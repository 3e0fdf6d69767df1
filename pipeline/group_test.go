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
	withDocs int // URL states saved in a document batch
	alone    int // URL states saved by SaveURLState
}

func (s *stateStore) SaveBatchStates(ctx context.Context, docs []claim.Document, claims [][]claim.Claim,
	states []claim.URLState) ([]claim.SaveResult, error) {
	res, err := s.SaveBatch(ctx, docs, claims)
	if err != nil {
		return nil, err
	}
	for _, st := range states {
		if st.URL == "" {
			return nil, errors.New("a document's URL state without its URL")
		}
		s.memStore.SaveURLState(ctx, st)
		s.mu.Lock()
		s.withDocs++
		s.mu.Unlock()
	}
	return res, nil
}

func (s *stateStore) SaveURLState(ctx context.Context, st claim.URLState) error {
	s.mu.Lock()
	s.alone++
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
	// Every saved document's state came with it; only the failure and the
	// feed itself were saved on their own.
	if ss.withDocs != 19 || ss.alone != 2 {
		t.Errorf("%d URL states saved with documents and %d alone, want 19 and 2 (the failed document, the feed)",
			ss.withDocs, ss.alone)
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
