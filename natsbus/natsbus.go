// Package natsbus is Claimwire's only contact with NATS: it embeds a nats-server
// with JetStream, connects to an external one, defines every subject, stream,
// consumer and KV bucket once, and offers the pipeline what it needs in plain Go
// and claim types — a fetch work queue, a document stream, new-figure and
// fact-change events with CloudEvents headers, replayable watches and a
// scheduler lease. Nothing else in the project imports nats.go or nats-server.
package natsbus

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
)

// Policy tunes delivery; the zero value of a field takes its default.
type Policy struct {
	AckWait       time.Duration   // fetch jobs: redelivery after silence (InProgress extends it); 30s
	MaxDeliver    int             // attempts before a job or document is terminated; 5
	BackOff       []time.Duration // delay before each retry after a failure; 1s, 5s, 30s, 2m
	JobBatch      int             // fetch jobs buffered per worker (PullMaxMessages); 2
	DocBatch      int             // documents buffered per store writer; 64
	LeaseTTL      time.Duration   // scheduler lease lifetime without renewal; 15s
	JobDuplicates time.Duration   // dedupe window of jobs and documents; 10m
	DocsMaxAge    time.Duration   // how long documents stay for replicas to rebuild; 0 = forever
}

func (p Policy) withDefaults() Policy {
	if p.AckWait <= 0 {
		p.AckWait = 30 * time.Second
	}
	if p.MaxDeliver <= 0 {
		p.MaxDeliver = 5
	}
	if len(p.BackOff) == 0 {
		p.BackOff = []time.Duration{time.Second, 5 * time.Second, 30 * time.Second, 2 * time.Minute}
	}
	if p.JobBatch <= 0 {
		p.JobBatch = 2
	}
	if p.DocBatch <= 0 {
		p.DocBatch = 64
	}
	if p.LeaseTTL <= 0 {
		p.LeaseTTL = 15 * time.Second
	}
	if p.JobDuplicates <= 0 {
		p.JobDuplicates = 10 * time.Minute
	}
	return p
}

// retryDelay is the pause before attempt n+1 after attempt n failed.
func (p Policy) retryDelay(attempt int) time.Duration {
	i := min(max(attempt-1, 0), len(p.BackOff)-1)
	return p.BackOff[i]
}

// ConnOptions says how to reach and authenticate to a NATS server; the fields
// map one to one onto nats.go options.
type ConnOptions struct {
	Name      string // connection name shown by the server
	CredsFile string // JWT + nkey credentials file
	User      string
	Password  string
	Token     string
	CAFile    string // TLS: trust these roots
	CertFile  string // TLS client certificate
	KeyFile   string
	TLS       *tls.Config // a full TLS configuration, instead of the files
	Prefix    string      // subject namespace; DefaultPrefix when empty
	Policy    Policy
	Logger    *slog.Logger
	// Server, when set, connects in-process to this embedded server (no TCP).
	Server *Server
	// NoSetup skips creating streams and buckets (a watcher with read-only rights).
	NoSetup bool
}

// Conn is a connection to NATS with the pipeline's streams in place.
type Conn struct {
	nc     *nats.Conn
	js     jetstream.JetStream
	n      names
	policy Policy
	log    *slog.Logger
	now    func() time.Time
	closed chan struct{} // closed by nats.go once the connection is closed
}

// Connect dials url (comma-separated for a cluster), reconnects forever with
// backoff and logs each disconnect and reconnect, then makes sure the streams
// and the lease bucket exist.
func Connect(ctx context.Context, url string, o ConnOptions) (*Conn, error) {
	log := o.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	prefix := o.Prefix
	if prefix == "" {
		prefix = DefaultPrefix
	}
	c := &Conn{n: names{prefix}, policy: o.Policy.withDefaults(), log: log, now: time.Now, closed: make(chan struct{})}
	nc, err := nats.Connect(url, c.natsOptions(o)...)
	if err != nil {
		return nil, fmt.Errorf("connect to nats %s: %w", url, err)
	}
	c.nc = nc
	if c.js, err = jetstream.New(nc, jetstream.WithPublishAsyncTimeout(10*time.Second)); err != nil {
		nc.Close()
		return nil, fmt.Errorf("jetstream: %w", err)
	}
	if !o.NoSetup {
		if err := c.setup(ctx); err != nil {
			nc.Close()
			return nil, err
		}
	}
	return c, nil
}

func (c *Conn) natsOptions(o ConnOptions) []nats.Option {
	name := o.Name
	if name == "" {
		name = "claimwire"
	}
	opts := []nats.Option{
		nats.Name(name),
		nats.MaxReconnects(-1),
		nats.CustomReconnectDelay(func(attempts int) time.Duration {
			return min(time.Duration(attempts)*250*time.Millisecond, 5*time.Second)
		}),
		nats.ReconnectBufSize(32 << 20),
		nats.DisconnectErrHandler(func(nc *nats.Conn, err error) {
			if err != nil { // nil: our own Close
				c.log.Warn("nats disconnected", "err", err)
			}
		}),
		nats.ReconnectHandler(func(nc *nats.Conn) {
			c.log.Info("nats reconnected", "url", nc.ConnectedUrlRedacted())
		}),
		nats.ClosedHandler(func(*nats.Conn) { close(c.closed) }),
		nats.ErrorHandler(func(_ *nats.Conn, sub *nats.Subscription, err error) {
			c.log.Warn("nats async error", "err", err)
		}),
	}
	if o.Server != nil {
		opts = append(opts, nats.InProcessServer(o.Server.ns))
	}
	if o.CredsFile != "" {
		opts = append(opts, nats.UserCredentials(o.CredsFile))
	}
	if o.User != "" {
		opts = append(opts, nats.UserInfo(o.User, o.Password))
	}
	if o.Token != "" {
		opts = append(opts, nats.Token(o.Token))
	}
	if o.CAFile != "" {
		opts = append(opts, nats.RootCAs(o.CAFile))
	}
	if o.CertFile != "" {
		opts = append(opts, nats.ClientCert(o.CertFile, o.KeyFile))
	}
	if o.TLS != nil {
		opts = append(opts, nats.Secure(o.TLS))
	}
	return opts
}

// setup creates or updates the streams, the lease bucket and the crawl-state bucket.
func (c *Conn) setup(ctx context.Context) error {
	for _, cfg := range c.n.streamConfigs(c.policy) {
		if _, err := c.js.CreateOrUpdateStream(ctx, cfg); err != nil {
			return fmt.Errorf("create stream %s: %w", cfg.Name, err)
		}
	}
	_, err := c.js.CreateOrUpdateKeyValue(ctx, jetstream.KeyValueConfig{
		Bucket:      c.n.leaseBucket(),
		Description: "scheduler leases",
		History:     1,
		TTL:         c.policy.LeaseTTL,
		Storage:     jetstream.FileStorage,
	})
	if err != nil {
		return fmt.Errorf("create lease bucket: %w", err)
	}
	_, err = c.js.CreateOrUpdateKeyValue(ctx, jetstream.KeyValueConfig{
		Bucket:      c.n.crawlBucket(),
		Description: "crawl state of fetch workers without a database",
		History:     1,
		Storage:     jetstream.FileStorage,
	})
	if err != nil {
		return fmt.Errorf("create crawl state bucket: %w", err)
	}
	return nil
}

// Close drains the connection: pending publishes are flushed first.
func (c *Conn) Close() error {
	if c.nc.IsClosed() {
		return nil
	}
	if c.nc.IsReconnecting() {
		c.nc.Close() // nothing can be flushed to a server that is not there
		<-c.closed
		return nil
	}
	if err := c.nc.Drain(); err != nil && !errors.Is(err, nats.ErrConnectionClosed) {
		return fmt.Errorf("drain nats: %w", err)
	}
	<-c.closed
	return nil
}

// ConnectedURL is the server the connection is on now ("" while reconnecting).
func (c *Conn) ConnectedURL() string { return c.nc.ConnectedUrlRedacted() }

// Prefix is the subject namespace of this connection.
func (c *Conn) Prefix() string { return c.n.prefix }

// MaxDeliver is how many attempts a job or document gets.
func (c *Conn) MaxDeliver() int { return c.policy.MaxDeliver }
