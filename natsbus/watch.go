package natsbus

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/claimwire/claimwire/claim"
	"github.com/nats-io/nats.go/jetstream"
)

// WatchOptions selects events and where replay starts. With no start field set,
// only events published from now on are delivered.
type WatchOptions struct {
	Metric   claim.Metric // only this metric; "" for all
	Subject  string       // only this subject (normalized like a subject token); "" for all
	Facts    bool         // fact-change events as well as new-figure events
	StartSeq uint64       // replay new-figure events from this stream sequence
	Since    time.Time    // replay events stored at or after this time
	All      bool         // replay everything retained
}

// Event is one new-figure or fact-change event; exactly one of Claim and Fact is set.
type Event struct {
	Seq   uint64    // sequence in its stream
	Time  time.Time // when the stream stored it
	Claim *claim.Claim
	Fact  *claim.FactChange
}

// WatchClaims calls fn for each new-figure event from stream sequence startSeq
// on (0: only events published from now) until ctx is done or fn fails. It
// returns nil when ctx ends.
func (c *Conn) WatchClaims(ctx context.Context, startSeq uint64, fn func(seq uint64, c claim.Claim) error) error {
	return c.Watch(ctx, WatchOptions{StartSeq: startSeq}, func(e Event) error {
		return fn(e.Seq, *e.Claim)
	})
}

// Watch delivers events through ordered consumers (no server-side state to
// clean up; they resume by themselves after a reconnect). fn is never called
// concurrently. It returns nil when ctx ends, or fn's first error.
func (c *Conn) Watch(ctx context.Context, o WatchOptions, fn func(Event) error) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var (
		mu       sync.Mutex
		wg       sync.WaitGroup
		firstErr error
	)
	serial := func(e Event) error {
		mu.Lock()
		defer mu.Unlock()
		return fn(e)
	}
	run := func(stream, kind string, startSeq uint64) {
		defer wg.Done()
		err := c.watchStream(ctx, stream, c.filter(kind, o), c.deliver(o, startSeq), serial)
		if err != nil {
			mu.Lock()
			if firstErr == nil {
				firstErr = err
			}
			mu.Unlock()
			cancel()
		}
	}
	wg.Add(1)
	go run(c.n.claimsStream(), "claims", o.StartSeq)
	if o.Facts {
		wg.Add(1)
		go run(c.n.factsStream(), "facts", 0)
	}
	wg.Wait()
	return firstErr
}

func (c *Conn) filter(kind string, o WatchOptions) string {
	metric, subject := "*", "*"
	if o.Metric != "" {
		metric = Token(string(o.Metric))
	}
	if o.Subject != "" {
		subject = Token(o.Subject)
	}
	return c.n.prefix + "." + kind + "." + metric + "." + subject
}

func (c *Conn) deliver(o WatchOptions, startSeq uint64) jetstream.OrderedConsumerConfig {
	var cfg jetstream.OrderedConsumerConfig
	switch {
	case o.All:
		cfg.DeliverPolicy = jetstream.DeliverAllPolicy
	case startSeq > 0:
		cfg.DeliverPolicy = jetstream.DeliverByStartSequencePolicy
		cfg.OptStartSeq = startSeq
	case !o.Since.IsZero():
		cfg.DeliverPolicy = jetstream.DeliverByStartTimePolicy
		t := o.Since
		cfg.OptStartTime = &t
	default:
		cfg.DeliverPolicy = jetstream.DeliverNewPolicy
	}
	return cfg
}

func (c *Conn) watchStream(ctx context.Context, stream, filter string, cfg jetstream.OrderedConsumerConfig, fn func(Event) error) error {
	cfg.FilterSubjects = []string{filter}
	cons, err := c.js.OrderedConsumer(ctx, stream, cfg)
	if err != nil {
		if ctx.Err() != nil {
			return nil
		}
		if errors.Is(err, jetstream.ErrStreamNotFound) {
			return fmt.Errorf("watch %s: %w (no %s stream yet: start claimwire run or a store worker first)", filter, err, stream)
		}
		return fmt.Errorf("watch %s: %w", filter, err)
	}
	it, err := cons.Messages()
	if err != nil {
		return fmt.Errorf("watch %s: %w", filter, err)
	}
	stop := context.AfterFunc(ctx, it.Stop)
	defer stop()
	defer it.Stop()
	for {
		m, err := it.Next()
		if err != nil {
			if ctx.Err() != nil {
				return nil
			}
			if errors.Is(err, jetstream.ErrMsgIteratorClosed) || errors.Is(err, jetstream.ErrConnectionClosed) {
				return fmt.Errorf("watch %s: %w", filter, err)
			}
			c.log.Warn("watch interrupted", "filter", filter, "err", err)
			sleep(ctx, 100*time.Millisecond)
			continue
		}
		e, err := decodeEvent(m, stream == c.n.factsStream())
		if err != nil {
			c.log.Warn("skip undecodable event", "subject", m.Subject(), "err", err)
			continue
		}
		if err := fn(e); err != nil {
			return err
		}
	}
}

func decodeEvent(m jetstream.Msg, fact bool) (Event, error) {
	var e Event
	if meta, err := m.Metadata(); err == nil {
		e.Seq, e.Time = meta.Sequence.Stream, meta.Timestamp
	}
	if fact {
		e.Fact = new(claim.FactChange)
		return e, json.Unmarshal(m.Data(), e.Fact)
	}
	e.Claim = new(claim.Claim)
	return e, json.Unmarshal(m.Data(), e.Claim)
}
