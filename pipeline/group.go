package pipeline

import (
	"context"
	"sync"

	"github.com/claimwire/claimwire/claim"
)

// BatchSaver is implemented by a Saver that can write many documents in one
// transaction. With it, the saves of concurrent workers are grouped: while one
// batch is written, the next gathers, so a crawl pays one transaction per
// batch instead of one per document.
type BatchSaver interface {
	SaveBatch(ctx context.Context, docs []claim.Document, claims [][]claim.Claim) ([]claim.SaveResult, error)
}

// maxBatch caps the documents written in one transaction.
const maxBatch = 64

// saveReq is one document waiting in a group commit.
type saveReq struct {
	doc    claim.Document
	claims []claim.Claim
	state  claim.URLState // written with the document by a StateSaver
	res    claim.SaveResult
	err    error
	done   chan struct{}
}

// groupCommit writes documents in batches without a goroutine of its own:
// the first caller to find no batch in progress becomes the leader and writes
// whatever has gathered, batch after batch, until nothing waits; the others
// wait for their result.
type groupCommit struct {
	mu      sync.Mutex
	pending []*saveReq
	busy    bool
}

func (g *groupCommit) save(ctx context.Context, s BatchSaver, doc claim.Document, claims []claim.Claim,
	state claim.URLState) (claim.SaveResult, error) {
	req := &saveReq{doc: doc, claims: claims, state: state, done: make(chan struct{})}
	g.mu.Lock()
	g.pending = append(g.pending, req)
	if g.busy {
		g.mu.Unlock()
		<-req.done // the leader always answers, error or not
		return req.res, req.err
	}
	g.busy = true
	for len(g.pending) > 0 {
		n := min(len(g.pending), maxBatch)
		batch := g.pending[:n:n]
		g.pending = g.pending[n:]
		g.mu.Unlock()
		write(context.WithoutCancel(ctx), s, batch)
		g.mu.Lock()
	}
	g.busy = false
	g.mu.Unlock()
	return req.res, req.err
}

// write saves a batch in one transaction; if that fails, each document on its
// own, so one bad document fails alone.
func write(ctx context.Context, s BatchSaver, batch []*saveReq) {
	defer func() {
		for _, r := range batch {
			close(r.done)
		}
	}()
	res, err := saveBatch(ctx, s, batch)
	if err == nil && len(res) == len(batch) {
		for i, r := range batch {
			r.res = res[i]
		}
		return
	}
	for _, r := range batch {
		one, err := saveBatch(ctx, s, []*saveReq{r})
		if err == nil && len(one) == 1 {
			r.res = one[0]
		}
		r.err = err
	}
}

// saveBatch writes the requests' documents, and their URL states when s is
// a StateSaver, in one transaction.
func saveBatch(ctx context.Context, s BatchSaver, batch []*saveReq) ([]claim.SaveResult, error) {
	docs := make([]claim.Document, len(batch))
	claims := make([][]claim.Claim, len(batch))
	for i, r := range batch {
		docs[i], claims[i] = r.doc, r.claims
	}
	ss, ok := s.(StateSaver)
	if !ok {
		return s.SaveBatch(ctx, docs, claims)
	}
	states := make([]claim.URLState, len(batch))
	for i, r := range batch {
		states[i] = r.state
	}
	return ss.SaveBatchStates(ctx, docs, claims, states)
}
