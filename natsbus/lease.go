package natsbus

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/nats-io/nats.go/jetstream"
)

// ErrLeaseHeld is returned when another holder has the lease.
var ErrLeaseHeld = errors.New("lease held by another holder")

// ErrLeaseLost is returned when a lease could not be renewed: it expired or
// someone else took it.
var ErrLeaseLost = errors.New("lease lost")

// Lease is one holder's claim on a named key of the lease bucket. The bucket's
// TTL (Policy.LeaseTTL) expires a lease its holder stopped renewing.
type Lease struct {
	kv     jetstream.KeyValue
	key    string
	holder string
	rev    uint64
}

// AcquireLease takes the lease name for holder; it fails with ErrLeaseHeld while
// another holder's lease is alive. The bucket Create is atomic on the server,
// so two callers can never both succeed.
func (c *Conn) AcquireLease(ctx context.Context, name, holder string) (*Lease, error) {
	kv, err := c.js.KeyValue(ctx, c.n.leaseBucket())
	if err != nil {
		return nil, fmt.Errorf("lease bucket: %w", err)
	}
	key := Token(name)
	rev, err := kv.Create(ctx, key, []byte(holder))
	if errors.Is(err, jetstream.ErrKeyExists) {
		return nil, fmt.Errorf("lease %s: %w", name, ErrLeaseHeld)
	}
	if err != nil {
		return nil, fmt.Errorf("lease %s: %w", name, err)
	}
	return &Lease{kv: kv, key: key, holder: holder, rev: rev}, nil
}

// Renew extends the lease; it fails with ErrLeaseLost if the lease changed hands
// or expired since the last renewal (the revision no longer matches).
func (l *Lease) Renew(ctx context.Context) error {
	rev, err := l.kv.Update(ctx, l.key, []byte(l.holder), l.rev)
	if err != nil {
		var apiErr *jetstream.APIError
		if errors.As(err, &apiErr) || errors.Is(err, jetstream.ErrKeyNotFound) {
			return fmt.Errorf("renew lease %s: %w (%v)", l.key, ErrLeaseLost, err)
		}
		return fmt.Errorf("renew lease %s: %w", l.key, err)
	}
	l.rev = rev
	return nil
}

// Release gives the lease up at once, if it is still ours.
func (l *Lease) Release(ctx context.Context) error {
	err := l.kv.Delete(ctx, l.key, jetstream.LastRevision(l.rev))
	if err != nil {
		return fmt.Errorf("release lease %s: %w", l.key, err)
	}
	return nil
}

// HoldLease runs fn while holder holds the lease name: it waits for the lease,
// runs fn with a context that is cancelled as soon as a renewal fails, and
// starts over, until ctx is done. So two holders never run fn at once (up to
// one TTL after a holder that lost its connection stops renewing).
func (c *Conn) HoldLease(ctx context.Context, name, holder string, fn func(ctx context.Context) error) error {
	every := max(c.policy.LeaseTTL/3, 10*time.Millisecond)
	for ctx.Err() == nil {
		l, err := c.AcquireLease(ctx, name, holder)
		if err != nil {
			if !errors.Is(err, ErrLeaseHeld) && ctx.Err() == nil {
				c.log.Warn("acquire lease", "lease", name, "err", err)
			}
			sleep(ctx, every)
			continue
		}
		c.log.Info("lease acquired", "lease", name, "holder", holder)
		if err := c.runLeased(ctx, l, every, fn); err != nil {
			return err
		}
	}
	return nil
}

// runLeased runs fn under l, renewing every interval; it returns fn's error.
func (c *Conn) runLeased(ctx context.Context, l *Lease, every time.Duration, fn func(ctx context.Context) error) error {
	lctx, cancel := context.WithCancel(ctx)
	defer cancel()
	done := make(chan error, 1)
	go func() { done <- fn(lctx) }()
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case err := <-done:
			rctx, rcancel := context.WithTimeout(context.WithoutCancel(ctx), 2*time.Second)
			_ = l.Release(rctx)
			rcancel()
			if ctx.Err() != nil {
				return nil
			}
			return err
		case <-t.C:
			if err := l.Renew(ctx); err != nil && ctx.Err() == nil {
				c.log.Warn("lease lost, stop scheduling", "lease", l.key, "err", err)
				cancel()
				<-done
				return nil
			}
		}
	}
}

func sleep(ctx context.Context, d time.Duration) {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
	case <-t.C:
	}
}
