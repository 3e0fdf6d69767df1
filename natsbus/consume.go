package natsbus

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/nats-io/nats.go/jetstream"
)

// ConsumeJobs takes fetch jobs from the shared work queue until ctx is done.
// Every worker process uses the same durable consumer, so each job goes to one
// of them; call it from several goroutines to work on several jobs at once.
//
// fn processes one message; while it runs, the ack deadline is extended with
// InProgress. last is true on the final attempt (MaxDeliver): a failure then
// terminates the message with the error as the reason, so fn should record it
// as a dead letter first. A nil error acks; an error naks with the policy's
// backoff; when ctx is done the message is nak'd at once for another consumer.
func (c *Conn) ConsumeJobs(ctx context.Context, fn func(ctx context.Context, data []byte, last bool) error) error {
	cfg := c.consumerConfig(c.n.fetchConsumer(), c.n.prefix+".jobs.fetch.>")
	return c.consume(ctx, c.n.jobsStream(), cfg, c.policy.JobBatch, c.single(fn))
}

// ConsumeDocs reads the document stream through writer's own durable consumer
// until ctx is done. Each store writer (each database) names itself: a new
// writer starts at the first document and rebuilds its database from the stream.
func (c *Conn) ConsumeDocs(ctx context.Context, writer string, fn func(ctx context.Context, data []byte, last bool) error) error {
	cfg := c.consumerConfig(c.n.storeConsumer(writer), c.n.prefix+".docs.>")
	return c.consume(ctx, c.n.docsStream(), cfg, c.policy.DocBatch, c.single(fn))
}

// ConsumeDocBatches is ConsumeDocs for a writer that saves several documents
// in one transaction: batch gets the documents already waiting (at least one,
// at most size) and a nil error acks them all. If batch fails, each document
// goes through one instead, so a single bad document is retried and finally
// terminated on its own while the others are saved.
func (c *Conn) ConsumeDocBatches(ctx context.Context, writer string, size int,
	batch func(ctx context.Context, docs [][]byte) error,
	one func(ctx context.Context, data []byte, last bool) error) error {
	cfg := c.consumerConfig(c.n.storeConsumer(writer), c.n.prefix+".docs.>")
	return c.consume(ctx, c.n.docsStream(), cfg, max(c.policy.DocBatch, size), func(ctx context.Context, it jetstream.MessagesContext, m jetstream.Msg) {
		msgs := []jetstream.Msg{m}
		for len(msgs) < size {
			// Only what is already buffered: a short wait, not a full batch.
			next, err := it.Next(jetstream.NextMaxWait(500 * time.Microsecond))
			if err != nil {
				break
			}
			msgs = append(msgs, next)
		}
		c.handleBatch(ctx, msgs, batch, one)
	})
}

// single adapts a one-message handler to consume's processing function.
func (c *Conn) single(fn func(ctx context.Context, data []byte, last bool) error) func(context.Context, jetstream.MessagesContext, jetstream.Msg) {
	return func(ctx context.Context, _ jetstream.MessagesContext, m jetstream.Msg) { c.handle(ctx, m, fn) }
}

func (c *Conn) consumerConfig(durable, filter string) jetstream.ConsumerConfig {
	// No consumer BackOff: the server measures a NakWithDelay from the BackOff
	// step instead of AckWait, which would stretch every retry delay. Retries
	// after a failure are spaced by Policy.BackOff through NakWithDelay; a
	// silent consumer (a killed worker) loses its messages after AckWait.
	return jetstream.ConsumerConfig{
		Durable:       durable,
		DeliverPolicy: jetstream.DeliverAllPolicy,
		AckPolicy:     jetstream.AckExplicitPolicy,
		AckWait:       c.policy.AckWait,
		MaxDeliver:    c.policy.MaxDeliver,
		FilterSubject: filter,
		MaxAckPending: 1024,
	}
}

// consume runs fn over a durable pull consumer, rebuilding the subscription
// after an error (a deleted consumer, a closed iterator) until ctx is done.
func (c *Conn) consume(ctx context.Context, stream string, cfg jetstream.ConsumerConfig, batch int, process func(context.Context, jetstream.MessagesContext, jetstream.Msg)) error {
	wait := 100 * time.Millisecond
	for {
		err := c.consumeOnce(ctx, stream, cfg, batch, process)
		if ctx.Err() != nil {
			return nil
		}
		if errors.Is(err, jetstream.ErrConnectionClosed) {
			return fmt.Errorf("consume %s: %w", cfg.Durable, err)
		}
		c.log.Warn("consumer interrupted, resubscribing", "consumer", cfg.Durable, "err", err, "wait", wait)
		select {
		case <-ctx.Done():
			return nil
		case <-time.After(wait):
		}
		wait = min(wait*2, 5*time.Second)
	}
}

func (c *Conn) consumeOnce(ctx context.Context, stream string, cfg jetstream.ConsumerConfig, batch int, process func(context.Context, jetstream.MessagesContext, jetstream.Msg)) error {
	cons, err := c.js.CreateOrUpdateConsumer(ctx, stream, cfg)
	if err != nil {
		return fmt.Errorf("create consumer %s: %w", cfg.Durable, err)
	}
	it, err := cons.Messages(jetstream.PullMaxMessages(batch))
	if err != nil {
		return fmt.Errorf("subscribe %s: %w", cfg.Durable, err)
	}
	// Drain, not Stop: buffered messages still come out of Next and are nak'd
	// below, so another consumer gets them now instead of after AckWait.
	stop := context.AfterFunc(ctx, it.Drain)
	defer stop()
	defer it.Stop()
	for {
		m, err := it.Next()
		if err != nil {
			if errors.Is(err, jetstream.ErrMsgIteratorClosed) && ctx.Err() != nil {
				return nil
			}
			return err
		}
		if ctx.Err() != nil {
			_ = m.Nak()
			continue
		}
		process(ctx, it, m)
	}
}

// handle runs fn on one message, keeps its ack deadline alive meanwhile and
// settles it: ack, nak with backoff, or terminate on the last attempt.
func (c *Conn) handle(ctx context.Context, m jetstream.Msg, fn func(ctx context.Context, data []byte, last bool) error) {
	attempt := 1
	if meta, err := m.Metadata(); err == nil {
		attempt = int(meta.NumDelivered)
	}
	last := attempt >= c.policy.MaxDeliver

	stop := c.keepAlive(m)
	err := fn(ctx, m.Data(), last)
	stop()

	var settle error
	switch {
	case err == nil:
		settle = m.Ack()
	case ctx.Err() != nil:
		settle = m.Nak()
	case last:
		c.log.Error("message terminated", "subject", m.Subject(), "attempt", attempt, "err", err)
		settle = m.TermWithReason(reason(err))
	default:
		c.log.Warn("message failed, will retry", "subject", m.Subject(), "attempt", attempt, "err", err)
		settle = m.NakWithDelay(c.policy.retryDelay(attempt))
	}
	if settle != nil {
		c.log.Warn("settle message", "subject", m.Subject(), "err", settle)
	}
}

// reason shortens an error for a Term advisory.
func reason(err error) string {
	s := err.Error()
	if len(s) > 200 {
		s = s[:200]
	}
	return s
}

// keepAlive extends the ack deadline of msgs with InProgress until stop is called.
func (c *Conn) keepAlive(msgs ...jetstream.Msg) (stop func()) {
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		t := time.NewTicker(max(c.policy.AckWait/3, 10*time.Millisecond))
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-t.C:
				for _, m := range msgs {
					_ = m.InProgress()
				}
			}
		}
	}()
	return func() {
		close(done)
		wg.Wait()
	}
}

// handleBatch runs batch over msgs and acks them all, or on failure settles
// each through one.
func (c *Conn) handleBatch(ctx context.Context, msgs []jetstream.Msg,
	batch func(ctx context.Context, docs [][]byte) error,
	one func(ctx context.Context, data []byte, last bool) error) {
	data := make([][]byte, len(msgs))
	for i, m := range msgs {
		data[i] = m.Data()
	}
	stop := c.keepAlive(msgs...)
	err := batch(ctx, data)
	stop()
	switch {
	case err == nil:
		for _, m := range msgs {
			if aerr := m.Ack(); aerr != nil {
				c.log.Warn("ack message", "subject", m.Subject(), "err", aerr)
			}
		}
	case ctx.Err() != nil:
		for _, m := range msgs {
			_ = m.Nak()
		}
	default:
		c.log.Warn("batch failed, one by one", "messages", len(msgs), "err", err)
		for _, m := range msgs {
			c.handle(ctx, m, one)
		}
	}
}
