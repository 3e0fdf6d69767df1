package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"strconv"
	"syscall"

	"github.com/claimwire/claimwire/natsbus"
	"github.com/claimwire/claimwire/store"
)

// busHTTP returns a runner that serves the HTTP API and the explorer page of
// `claimwire run` over the pipeline's own database, with the live feed from the
// same NATS connection. Like the embedded NATS server, it takes the next free
// port when the one asked for is taken, and logs the address it got.
func busHTTP(b busFlags, conn *natsbus.Conn, db *store.DB, log *slog.Logger) (func(context.Context) error, error) {
	if err := checkBind(b.http, b.httpToken); err != nil {
		return nil, usageError{err.Error()}
	}
	ln, err := listenNextFree(b.http, 20)
	if err != nil {
		return nil, err
	}
	h := newWebHandler(db, natsEvents{conn}, b.httpToken, "", log.With("role", "http"))
	return func(ctx context.Context) error {
		return serveListener(ctx, ln, h, log, func(url string) {
			log.Info("explorer and API", "url", url)
		})
	}, nil
}

// listenNextFree listens on addr, or on one of the next tries ports after it
// when it is taken.
func listenNextFree(addr string, tries int) (net.Listener, error) {
	host, portText, err := net.SplitHostPort(addr)
	if err != nil {
		return nil, usageError{fmt.Sprintf("--http %q: want host:port", addr)}
	}
	port, err := strconv.Atoi(portText)
	if err != nil || port < 0 || port > 65535 {
		return nil, usageError{fmt.Sprintf("--http %q: bad port", addr)}
	}
	for i := 0; ; i++ {
		ln, err := net.Listen("tcp", net.JoinHostPort(host, strconv.Itoa(port+i)))
		if err == nil || port == 0 || i >= tries || !errors.Is(err, syscall.EADDRINUSE) {
			if err != nil {
				return nil, fmt.Errorf("listen %s: %w", addr, err)
			}
			return ln, nil
		}
	}
}
