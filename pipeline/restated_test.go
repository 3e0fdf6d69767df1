package pipeline

import (
	"testing"

	"github.com/claimwire/claimwire/claim"
)

func TestDropRestatedRows(t *testing.T) {
	row := func(q string, v float64, unit string) claim.Claim {
		return claim.Claim{Quote: q, Value: v, Unit: unit, Metric: claim.Revenue}
	}
	prose := []claim.Claim{
		row("Revenue | $ 46,743 | $ 30,040", 46743e6, claim.USD),                      // restated by a fact: dropped
		row("Revenue | $ 46,743 | $ 30,040", 30040e6, claim.USD),                      // no fact with this value: kept
		row("Revenue was $46.7 billion, up 56% from a year ago.", 46743e6, claim.USD), // a sentence: kept
		row("Diluted | $ 1.08 | $ 0.67", 1.08, "USD/share"),                           // restated: dropped
		row("Diluted | $ 1.08 | $ 0.67", 1.08, claim.USD),                             // another unit: kept
	}
	facts := []claim.Claim{{Value: 46743e6, Unit: claim.USD}, {Value: 1.08, Unit: "USD/share"}}
	got := dropRestatedRows(prose, facts)
	want := []int{1, 2, 4}
	if len(got) != len(want) {
		t.Fatalf("kept %d claims, want %d: %+v", len(got), len(want), got)
	}
	for i, w := range want {
		if got[i] != prose[w] {
			t.Errorf("kept[%d] = %+v, want prose[%d]", i, got[i], w)
		}
	}
	if n := len(dropRestatedRows(prose, nil)); n != len(prose) {
		t.Errorf("without facts %d of %d kept", n, len(prose))
	}
}
