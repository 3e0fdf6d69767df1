package fetch

import (
	"errors"
	"net/netip"
	"testing"
)

func TestGuardAddressClasses(t *testing.T) {
	tests := []struct {
		addr                      string
		loopback, private, refuse bool
	}{
		{"93.184.216.34:443", false, false, false}, // public
		{"[2606:4700::1111]:443", false, false, false},
		{"127.0.0.1:80", false, false, true},
		{"127.0.0.1:80", true, false, false},
		{"127.8.9.10:80", false, false, true},
		{"[::1]:80", false, false, true},
		{"[::ffff:127.0.0.1]:80", false, false, true}, // IPv4-mapped loopback
		{"10.1.2.3:80", false, false, true},
		{"10.1.2.3:80", false, true, false},
		{"172.16.0.1:80", false, false, true},
		{"192.168.1.1:80", false, false, true},
		{"100.64.0.1:80", false, false, true},
		{"[fd00::1]:80", false, false, true},
		{"169.254.10.1:80", false, false, true}, // link-local
		{"[fe80::1]:80", false, false, true},
		{"169.254.169.254:80", false, false, true}, // metadata
		{"169.254.169.254:80", true, true, true},   // metadata even when private is allowed
		{"0.0.0.0:80", false, false, true},
		{"0.0.0.0:80", true, true, true},
		{"[::]:80", false, false, true},
		{"224.0.0.1:80", false, false, true},
	}
	for _, tt := range tests {
		g := newGuard(Options{AllowLoopback: tt.loopback, AllowPrivate: tt.private})
		err := g.check(netip.MustParseAddrPort(tt.addr))
		if tt.refuse != (err != nil) {
			t.Errorf("%s loopback=%v private=%v: err = %v, refuse %v", tt.addr, tt.loopback, tt.private, err, tt.refuse)
		}
		if err != nil && !errors.Is(err, ErrBlocked) {
			t.Errorf("%s: err %v does not wrap ErrBlocked", tt.addr, err)
		}
	}
	// The allowlist is exact: the port matters.
	g := newGuard(Options{AllowAddrs: []string{"127.0.0.1:8080"}})
	if err := g.check(netip.MustParseAddrPort("127.0.0.1:8080")); err != nil {
		t.Errorf("allowlisted address refused: %v", err)
	}
	if err := g.check(netip.MustParseAddrPort("127.0.0.1:8081")); err == nil {
		t.Error("other port of an allowlisted address allowed")
	}
}
