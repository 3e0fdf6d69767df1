package natsbus

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"strconv"
	"time"

	"github.com/nats-io/nats-server/v2/server"
)

// EmbeddedOptions configures the in-process nats-server.
type EmbeddedOptions struct {
	StoreDir string // JetStream storage directory (required)
	Host     string // default 127.0.0.1
	// Port to listen on; if taken, the next free one up to Port+100 is used.
	// 0 picks a random free port (tests).
	Port   int
	Logger *slog.Logger
}

// Server is an embedded nats-server with JetStream.
type Server struct {
	ns *server.Server
}

// StartEmbedded starts a nats-server with JetStream in this process and waits
// until it accepts connections.
func StartEmbedded(ctx context.Context, o EmbeddedOptions) (*Server, error) {
	if o.StoreDir == "" {
		return nil, errors.New("embedded nats: store directory is required")
	}
	if o.Host == "" {
		o.Host = "127.0.0.1"
	}
	port := server.RANDOM_PORT
	if o.Port != 0 {
		p, err := freePort(o.Host, o.Port)
		if err != nil {
			return nil, err
		}
		port = p
	}
	ns, err := server.NewServer(&server.Options{
		ServerName: "claimwire",
		Host:       o.Host,
		Port:       port,
		JetStream:  true,
		StoreDir:   o.StoreDir,
		MaxPayload: 8 << 20,
		NoSigs:     true,
	})
	if err != nil {
		return nil, fmt.Errorf("embedded nats: %w", err)
	}
	if o.Logger != nil {
		ns.SetLoggerV2(slogAdapter{o.Logger}, false, false, false)
	}
	ns.Start() // returns once the listeners run
	deadline := time.Now().Add(15 * time.Second)
	for !ns.ReadyForConnections(100 * time.Millisecond) {
		if ctx.Err() != nil || time.Now().After(deadline) {
			ns.Shutdown()
			ns.WaitForShutdown()
			return nil, fmt.Errorf("embedded nats on %s:%d did not start", o.Host, port)
		}
	}
	return &Server{ns: ns}, nil
}

// freePort returns the first port from want on that can be listened on.
func freePort(host string, want int) (int, error) {
	for p := want; p <= want+100 && p < 65536; p++ {
		l, err := net.Listen("tcp", net.JoinHostPort(host, strconv.Itoa(p)))
		if err == nil {
			l.Close()
			return p, nil
		}
	}
	return 0, fmt.Errorf("embedded nats: no free port in %d-%d on %s", want, want+100, host)
}

// ClientURL is the nats:// URL clients connect to.
func (s *Server) ClientURL() string { return s.ns.ClientURL() }

// InProcessConn returns a connection to the server that needs no TCP.
func (s *Server) InProcessConn() (net.Conn, error) { return s.ns.InProcessConn() }

// Shutdown stops the server and waits until JetStream has flushed its store.
func (s *Server) Shutdown() {
	s.ns.Shutdown()
	s.ns.WaitForShutdown()
}

// slogAdapter routes the server's log through slog.
type slogAdapter struct{ l *slog.Logger }

func (a slogAdapter) Noticef(f string, v ...any) {
	a.l.Debug(fmt.Sprintf(f, v...), "component", "nats-server")
}
func (a slogAdapter) Warnf(f string, v ...any) {
	a.l.Warn(fmt.Sprintf(f, v...), "component", "nats-server")
}
func (a slogAdapter) Fatalf(f string, v ...any) {
	a.l.Error(fmt.Sprintf(f, v...), "component", "nats-server")
}
func (a slogAdapter) Errorf(f string, v ...any) {
	a.l.Error(fmt.Sprintf(f, v...), "component", "nats-server")
}
func (a slogAdapter) Debugf(f string, v ...any) {
	a.l.Debug(fmt.Sprintf(f, v...), "component", "nats-server")
}
func (a slogAdapter) Tracef(f string, v ...any) {}
