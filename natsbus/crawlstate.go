package natsbus

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"sort"

	"github.com/nats-io/nats.go/jetstream"

	"github.com/claimwire/claimwire/claim"
)

// CrawlState keeps the crawl state of fetch workers that have no database in
// a JetStream key-value bucket: per source (last check, status, errors) and
// per URL (ETag, Last-Modified, content hash). Every worker on the bus shares
// it, and it outlives their restarts, so a remote worker's conditional GETs
// survive as a local crawl's do in SQLite.
type CrawlState struct {
	kv jetstream.KeyValue
}

// CrawlState opens the bus's crawl-state bucket (made by Connect).
func (c *Conn) CrawlState(ctx context.Context) (*CrawlState, error) {
	kv, err := c.js.KeyValue(ctx, c.n.crawlBucket())
	if err != nil {
		return nil, fmt.Errorf("crawl state bucket: %w", err)
	}
	return &CrawlState{kv: kv}, nil
}

// Keys are "source.<hex of the name>" and "url.<sha-256 of the URL>": bucket
// keys allow few characters, and the value holds the name or URL itself.
func sourceKey(name string) string { return "source." + hex.EncodeToString([]byte(name)) }

func urlKey(url string) string {
	sum := sha256.Sum256([]byte(url))
	return "url." + hex.EncodeToString(sum[:20])
}

// SourceState returns a source's state or claim.ErrNotFound.
func (s *CrawlState) SourceState(ctx context.Context, name string) (claim.SourceState, error) {
	var st claim.SourceState
	err := s.get(ctx, sourceKey(name), &st)
	if err != nil {
		return claim.SourceState{}, fmt.Errorf("source %s: %w", name, err)
	}
	return st, nil
}

// SaveSourceState stores a source's state.
func (s *CrawlState) SaveSourceState(ctx context.Context, st claim.SourceState) error {
	if err := s.put(ctx, sourceKey(st.Name), st); err != nil {
		return fmt.Errorf("save source %s: %w", st.Name, err)
	}
	return nil
}

// SourceStates lists the stored source states by name.
func (s *CrawlState) SourceStates(ctx context.Context) ([]claim.SourceState, error) {
	w, err := s.kv.WatchFiltered(ctx, []string{"source.>"}, jetstream.IgnoreDeletes())
	if err != nil {
		return nil, fmt.Errorf("list sources: %w", err)
	}
	defer w.Stop()
	var out []claim.SourceState
	for {
		var e jetstream.KeyValueEntry
		select {
		case e = <-w.Updates():
		case <-ctx.Done():
			return nil, fmt.Errorf("list sources: %w", ctx.Err())
		}
		if e == nil { // the values stored so far have all been sent
			break
		}
		var st claim.SourceState
		if err := json.Unmarshal(e.Value(), &st); err != nil {
			return nil, fmt.Errorf("source state %s: %w", e.Key(), err)
		}
		out = append(out, st)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out, nil
}

// URLState returns a URL's state or claim.ErrNotFound.
func (s *CrawlState) URLState(ctx context.Context, url string) (claim.URLState, error) {
	var st claim.URLState
	if err := s.get(ctx, urlKey(url), &st); err != nil {
		return claim.URLState{}, fmt.Errorf("url %s: %w", url, err)
	}
	if st.URL != url { // 160 bits of SHA-256 do not collide; a hand-edited value might
		return claim.URLState{}, fmt.Errorf("url %s: %w", url, claim.ErrNotFound)
	}
	return st, nil
}

// SaveURLState stores a URL's state.
func (s *CrawlState) SaveURLState(ctx context.Context, st claim.URLState) error {
	if err := s.put(ctx, urlKey(st.URL), st); err != nil {
		return fmt.Errorf("save url %s: %w", st.URL, err)
	}
	return nil
}

func (s *CrawlState) get(ctx context.Context, key string, v any) error {
	e, err := s.kv.Get(ctx, key)
	if errors.Is(err, jetstream.ErrKeyNotFound) {
		return claim.ErrNotFound
	}
	if err != nil {
		return err
	}
	if err := json.Unmarshal(e.Value(), v); err != nil {
		return fmt.Errorf("decode %s: %w", key, err)
	}
	return nil
}

func (s *CrawlState) put(ctx context.Context, key string, v any) error {
	data, err := json.Marshal(v)
	if err != nil {
		return err
	}
	_, err = s.kv.Put(ctx, key, data)
	return err
}
