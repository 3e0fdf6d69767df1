package extractors

import (
	"math"
	"testing"

	"github.com/claimwire/claimwire/claim"
)

func TestSubjectMatches(t *testing.T) {
	tests := []struct {
		pred  string
		names []string
		want  bool
	}{
		{"AWS", []string{"AWS", "Amazon Web Services"}, true},
		{"Amazon Web Services", []string{"AWS", "Amazon Web Services"}, true},
		{"NVIDIA Corp.", []string{"Nvidia"}, true},
		{"Microsoft Cloud", []string{"Microsoft"}, true}, // whole words contained
		{"Amazon’s", []string{"Amazon"}, true},
		{"Meta", []string{"Metaverse Inc"}, false},
		{"", []string{"AWS"}, false},
		{"Google", []string{"Alphabet"}, false},
	}
	for _, tt := range tests {
		if got := SubjectMatches(tt.pred, tt.names); got != tt.want {
			t.Errorf("SubjectMatches(%q, %q) = %v, want %v", tt.pred, tt.names, got, tt.want)
		}
	}
}

func TestEvaluate(t *testing.T) {
	gold := []GoldClaim{
		{Doc: "a", Subject: []string{"AWS"}, Metric: claim.RevenueRunRate, Value: 15e9, Unit: "USD", Qualifier: "more_than", Figure: "$15 billion", Quote: "AWS runs at more than $15 billion."},
		{Doc: "a", Subject: []string{"Amazon"}, Metric: claim.Capex, Value: 200e9, Unit: "USD", Modality: "forecast"},
		{Doc: "a", Subject: []string{"AWS"}, Metric: claim.Other, Value: 260, Unit: "x", Hard: true},
		{Doc: "b", Subject: []string{"Nvidia"}, Metric: claim.Growth, Value: -13, Unit: "percent", Basis: "yoy"},
	}
	preds := map[string][]claim.Claim{
		"a": {
			{Subject: "AWS", Metric: claim.RevenueRunRate, Value: 15.05e9, Unit: "USD", Qualifier: claim.Exact, Quote: "AWS runs at more than $15 billion."}, // figure+claim, not full
			{Subject: "Amazon", Metric: claim.Capex, Value: 200e9, Unit: "USD", Modality: claim.Forecast},                                                    // full
			{Subject: "AWS", Metric: claim.Other, Value: 260, Unit: "x"},                                                                                     // the hard line: neither TP nor FP
			{Subject: "AWS", Metric: claim.Revenue, Value: 7, Unit: "USD"},                                                                                   // false positive
		},
		"b": {
			{Subject: "Nvidia", Metric: claim.Revenue, Value: -13, Unit: "percent", Basis: "yoy"}, // figure only
		},
	}
	s := Evaluate([]string{"a", "b"}, gold, preds)
	if s.Gold != 3 || s.Pred != 4 {
		t.Fatalf("gold %d pred %d, want 3 and 4", s.Gold, s.Pred)
	}
	wantTP := [3]int{3, 2, 1}
	for i, tier := range s.Tiers {
		if tier.TP != wantTP[i] {
			t.Errorf("%s TP = %d, want %d", tier.Name, tier.TP, wantTP[i])
		}
		p, r := float64(wantTP[i])/4, float64(wantTP[i])/3
		if math.Abs(tier.Precision-p) > 1e-9 || math.Abs(tier.Recall-r) > 1e-9 || math.Abs(tier.F1-2*p*r/(p+r)) > 1e-9 {
			t.Errorf("%s = %+v", tier.Name, tier)
		}
	}
	if len(s.FalsePositives) != 1 || s.FalsePositives[0].Claim.Value != 7 {
		t.Errorf("false positives = %+v", s.FalsePositives)
	}
}
