package natsbus

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/claimwire/claimwire/claim"
	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
)

// CloudEvents binary-mode header names and the event types Claimwire emits.
const (
	ClaimEventType = "io.claimwire.claim.new"
	FactEventType  = "io.claimwire.fact.changed"
)

// PublishJob queues a fetch job for source. id dedupes: the same id within the
// jobs' duplicate window is stored once (two schedulers, or a retried publish).
func (c *Conn) PublishJob(ctx context.Context, source, id string, data []byte) error {
	m := nats.NewMsg(c.n.jobSubject(source))
	m.Data = data
	m.Header.Set(jetstream.MsgIDHeader, id)
	_, err := c.publish(ctx, m)
	return err
}

// PublishDoc adds an extracted document (opaque bytes to natsbus) to the
// document stream; id dedupes a re-published document.
func (c *Conn) PublishDoc(ctx context.Context, source, id string, data []byte) error {
	m := nats.NewMsg(c.n.docSubject(source))
	m.Data = data
	m.Header.Set(jetstream.MsgIDHeader, id)
	_, err := c.publish(ctx, m)
	return err
}

// PublishClaim sends one new-figure event: the claim's JSON on
// <prefix>.claims.<metric>.<subject>, Nats-Msg-Id and ce-id the claim id.
// A second publish of the same claim inside DuplicateWindow is dropped by the
// server. It returns the stream sequence of the event.
func (c *Conn) PublishClaim(ctx context.Context, cl claim.Claim) (uint64, error) {
	m, err := c.claimMsg(cl)
	if err != nil {
		return 0, err
	}
	ack, err := c.publish(ctx, m)
	if err != nil {
		return 0, err
	}
	return ack.Sequence, nil
}

// PublishClaims sends new-figure events for claims with asynchronous publishes
// and waits for every acknowledgement; an event that fails is retried
// synchronously, so the call returns nil only when all are stored.
func (c *Conn) PublishClaims(ctx context.Context, claims []claim.Claim) error {
	return c.publishAll(ctx, len(claims), func(i int) (*nats.Msg, error) { return c.claimMsg(claims[i]) })
}

// publishAll publishes the n messages msg builds asynchronously, waits for
// every acknowledgement and publishes a failed one again synchronously (from a
// fresh message: an async publish takes over the one it was given).
func (c *Conn) publishAll(ctx context.Context, n int, msg func(i int) (*nats.Msg, error)) error {
	futures := make([]jetstream.PubAckFuture, n)
	for i := range n {
		m, err := msg(i)
		if err != nil {
			return err
		}
		if futures[i], err = c.js.PublishMsgAsync(m); err != nil {
			futures[i] = nil // retried below
		}
	}
	for i, f := range futures {
		if f != nil {
			select {
			case <-f.Ok():
				continue
			case <-f.Err():
			case <-ctx.Done():
				return ctx.Err()
			}
		}
		m, err := msg(i)
		if err != nil {
			return err
		}
		if _, err := c.publish(ctx, m); err != nil {
			return err
		}
	}
	return nil
}

func (c *Conn) claimMsg(cl claim.Claim) (*nats.Msg, error) {
	if cl.ID == "" {
		return nil, fmt.Errorf("publish claim: %w: claim has no id", claim.ErrInvalid)
	}
	data, err := json.Marshal(cl)
	if err != nil {
		return nil, fmt.Errorf("encode claim %s: %w", cl.ID, err)
	}
	m := nats.NewMsg(c.n.claimSubject(cl.Metric, cl.Subject))
	m.Data = data
	m.Header.Set(jetstream.MsgIDHeader, cl.ID)
	c.setCloudEvent(m.Header, cl.ID, cl.Source.URL, ClaimEventType, cl.Subject)
	return m, nil
}

// PublishFactChanges sends fact-change events with asynchronous publishes and
// waits for every acknowledgement, retrying a failed one synchronously.
func (c *Conn) PublishFactChanges(ctx context.Context, changes []claim.FactChange) error {
	return c.publishAll(ctx, len(changes), func(i int) (*nats.Msg, error) { return c.factMsg(changes[i]) })
}

// PublishFactChange sends a fact-change event on <prefix>.facts.<metric>.<subject>.
// Its id hashes the fact key and the new state, so a repeated change is one event.
func (c *Conn) PublishFactChange(ctx context.Context, fc claim.FactChange) error {
	m, err := c.factMsg(fc)
	if err != nil {
		return err
	}
	_, err = c.publish(ctx, m)
	return err
}

func (c *Conn) factMsg(fc claim.FactChange) (*nats.Msg, error) {
	data, err := json.Marshal(fc)
	if err != nil {
		return nil, fmt.Errorf("encode fact change %s: %w", fc.After.Key, err)
	}
	sum := sha256.Sum256(data)
	id := hex.EncodeToString(sum[:16])
	m := nats.NewMsg(c.n.factSubject(fc.After.Metric, fc.After.Subject))
	m.Data = data
	m.Header.Set(jetstream.MsgIDHeader, id)
	source := "urn:claimwire:fact:" + fc.After.Key
	c.setCloudEvent(m.Header, id, source, FactEventType, fc.After.Subject)
	return m, nil
}

// setCloudEvent writes CloudEvents 1.0 binary-mode attributes as headers.
func (c *Conn) setCloudEvent(h nats.Header, id, source, typ, subject string) {
	if source == "" {
		source = "urn:claimwire"
	}
	h.Set("ce-specversion", "1.0")
	h.Set("ce-id", id)
	h.Set("ce-source", source)
	h.Set("ce-type", typ)
	h.Set("ce-time", c.now().UTC().Format(time.RFC3339Nano))
	h.Set("ce-subject", subject)
	h.Set("content-type", "application/json")
}

// publish sends m and waits for the stream's acknowledgement, retrying with
// backoff while the server is unreachable (a restart, a reconnect) until ctx is
// done. The Nats-Msg-Id makes the retries safe. A rejection by the server (too
// large, no such stream) is returned at once.
func (c *Conn) publish(ctx context.Context, m *nats.Msg) (*jetstream.PubAck, error) {
	wait := 50 * time.Millisecond
	for {
		actx, cancel := context.WithTimeout(ctx, 5*time.Second)
		ack, err := c.js.PublishMsg(actx, m)
		cancel()
		if err == nil {
			return ack, nil
		}
		var apiErr *jetstream.APIError
		if ctx.Err() != nil || errors.As(err, &apiErr) || errors.Is(err, nats.ErrMaxPayload) || errors.Is(err, nats.ErrConnectionClosed) {
			return nil, fmt.Errorf("publish %s: %w", m.Subject, err)
		}
		c.log.Warn("publish failed, retrying", "subject", m.Subject, "err", err, "wait", wait)
		select {
		case <-ctx.Done():
			return nil, fmt.Errorf("publish %s: %w", m.Subject, ctx.Err())
		case <-time.After(wait):
		}
		wait = min(wait*2, 2*time.Second)
	}
}
