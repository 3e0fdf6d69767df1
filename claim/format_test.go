package claim

import (
	"strings"
	"testing"
)

func TestFormatValue(t *testing.T) {
	max := 12e9
	tests := []struct {
		c    Claim
		want string
	}{
		{Claim{Value: 15e9, Unit: USD}, "$15.0B"},
		{Claim{Value: 150, Unit: Percent}, "150%"},
		{Claim{Value: -13, Unit: Percent}, "-13%"},
		{Claim{Value: 500000, Unit: Count, Item: "chip"}, "500K chips"},
		{Claim{Value: 1.43, Unit: "USD/share"}, "$1.43/share"},
		{Claim{Value: 5e9, Unit: Watt}, "5.0 GW"},
		{Claim{Value: 10e9, ValueMax: &max, Unit: USD}, "$10.0B–$12.0B"},
		{Claim{Value: -310e6, Unit: USD}, "-$310.0M"},
		{Claim{Value: 2.5, Unit: PP}, "2.5 pp"},
		{Claim{Value: 3.2e9, Unit: "TWD"}, "NT$3.2B"},
		{Claim{Value: 7e6, Unit: "CHF"}, "7.0M CHF"},
		{Claim{Value: 1, Unit: Count, Item: "company"}, "1 company"},
		{Claim{Value: 40, Unit: Count, Item: "company"}, "40 companies"},
	}
	for _, tt := range tests {
		if got := FormatValue(tt.c); got != tt.want {
			t.Errorf("FormatValue(%v %s) = %q, want %q", tt.c.Value, tt.c.Unit, got, tt.want)
		}
	}
}

func TestNewIDStable(t *testing.T) {
	a := NewID("https://x.test/a", "Revenue was $5 billion.", [2]int{12, 22}, Revenue)
	b := NewID("https://x.test/a", "Revenue was $5 billion.", [2]int{12, 22}, Revenue)
	c := NewID("https://x.test/a", "Revenue was $5 billion.", [2]int{12, 23}, Revenue)
	if a != b || a == c || len(a) != 32 {
		t.Fatalf("ids: %s %s %s", a, b, c)
	}
	// Stored databases key claims by id: the hash of "url NUL quote NUL
	// start:end NUL metric" must never change (computed independently).
	if want := "908326b8fe625a293db48a95153e4b16"; a != want {
		t.Errorf("id = %s, want %s", a, want)
	}
	long := strings.Repeat("x", 5000) // past the stack buffer
	if NewID("u", long, [2]int{0, 1}, Revenue) == NewID("u", long+"y", [2]int{0, 1}, Revenue) {
		t.Error("a long quote's tail is not hashed")
	}
}
