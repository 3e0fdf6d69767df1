package fetch

import (
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"syscall"
	"time"
)

// metadata is the cloud instance-metadata address, refused even when private
// addresses are allowed.
var metadata = netip.MustParseAddr("169.254.169.254")

// sharedSpace is 100.64.0.0/10 (carrier-grade NAT), private in practice.
var sharedSpace = netip.MustParsePrefix("100.64.0.0/10")

// guard decides, for every connection the transport is about to make, whether
// the resolved address may be dialled. Checking at dial time (not on the URL)
// means neither a redirect nor a DNS answer can lead the client somewhere it
// would refuse to go directly.
type guard struct {
	loopback, private bool
	allow             map[netip.AddrPort]bool
}

func newGuard(o Options) *guard {
	g := &guard{loopback: o.AllowLoopback, private: o.AllowPrivate, allow: map[netip.AddrPort]bool{}}
	for _, a := range o.AllowAddrs {
		if ap, err := netip.ParseAddrPort(a); err == nil {
			g.allow[ap] = true
		}
	}
	return g
}

// control is a net.Dialer.Control: address is the resolved "ip:port".
func (g *guard) control(network, address string, _ syscall.RawConn) error {
	ap, err := netip.ParseAddrPort(address)
	if err != nil {
		return fmt.Errorf("dial %s: %w", address, ErrBlocked)
	}
	if err := g.check(ap); err != nil {
		return fmt.Errorf("dial %s %s: %w", network, address, err)
	}
	return nil
}

func (g *guard) check(ap netip.AddrPort) error {
	ip := ap.Addr().Unmap()
	if g.allow[netip.AddrPortFrom(ip, ap.Port())] {
		return nil
	}
	switch {
	case ip == metadata:
		return fmt.Errorf("metadata address: %w", ErrBlocked)
	case ip.IsUnspecified(), ip.IsMulticast(), ip.IsInterfaceLocalMulticast():
		return fmt.Errorf("unroutable address: %w", ErrBlocked)
	case ip.IsLoopback():
		if !g.loopback {
			return fmt.Errorf("loopback address: %w", ErrBlocked)
		}
	case ip.IsPrivate(), ip.IsLinkLocalUnicast(), ip.IsLinkLocalMulticast(), sharedSpace.Contains(ip):
		if !g.private {
			return fmt.Errorf("private address: %w", ErrBlocked)
		}
	}
	return nil
}

// newTransport is http.DefaultTransport's shape with the guard at dial time, no
// proxy (a proxy would be dialled instead of the target and defeat the guard)
// and the connect timeout.
func newTransport(o Options) *http.Transport {
	d := &net.Dialer{Timeout: o.ConnectTimeout, KeepAlive: 30 * time.Second, Control: newGuard(o).control}
	return &http.Transport{
		Proxy:                 nil,
		DialContext:           d.DialContext,
		ForceAttemptHTTP2:     true,
		MaxIdleConns:          100,
		MaxIdleConnsPerHost:   16,
		IdleConnTimeout:       90 * time.Second,
		TLSHandshakeTimeout:   o.ConnectTimeout,
		ResponseHeaderTimeout: o.Timeout,
		ExpectContinueTimeout: time.Second,
	}
}
