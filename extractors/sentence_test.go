package extractors

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestSentences(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []string
	}{
		{"two plain", "Revenue rose. Profit fell.", []string{"Revenue rose.", "Profit fell."}},
		{"Inc. mid-sentence", "Amazon.com, Inc. (NASDAQ: AMZN) reported sales of $5 billion. It grew.",
			[]string{"Amazon.com, Inc. (NASDAQ: AMZN) reported sales of $5 billion.", "It grew."}},
		{"U.S. is no end", "Sales in the U.S. Grew 4% while Europe shrank.", []string{"Sales in the U.S. Grew 4% while Europe shrank."}},
		{"Corp. before a name", "Microsoft Corp. Chief Executive Satya Nadella spoke. Shares rose.",
			[]string{"Microsoft Corp. Chief Executive Satya Nadella spoke.", "Shares rose."}},
		{"No. 1", "The chip is the No. 1 seller. Demand is high.", []string{"The chip is the No. 1 seller.", "Demand is high."}},
		{"decimal", "Margin was 3.5 points higher. Fine.", []string{"Margin was 3.5 points higher.", "Fine."}},
		{"figure at the end", "Revenue was $1.2 billion. Costs were $0.4 billion.", []string{"Revenue was $1.2 billion.", "Costs were $0.4 billion."}},
		{"percent at the end", "Income rose 60.7%. Compared with last year, sales rose.", []string{"Income rose 60.7%.", "Compared with last year, sales rose."}},
		{"closing quote stays", "He said “we hit $10 billion.” Then he left.", []string{"He said “we hit $10 billion.”", "Then he left."}},
		{"headline and bullets", "Nvidia Posts Record Quarter\n- Revenue rose 20%\n- Margin held at 75%\n",
			[]string{"Nvidia Posts Record Quarter", "Revenue rose 20%", "Margin held at 75%"}},
		{"hard wrap joined", "Operating income increased to $19.2 billion in the second quarter, compared with $14.7 billion in\nthe second quarter of 2024.",
			[]string{"Operating income increased to $19.2 billion in the second quarter, compared with $14.7 billion in\nthe second quarter of 2024."}},
		{"short heading not joined", "Results\nrevenue rose.", []string{"Results", "revenue rose."}},
		{"table rows", "| Revenue | $5 billion |\n| Margin | 40% |", []string{"| Revenue | $5 billion |", "| Margin | 40% |"}},
		{"lower case after period", "It costs approx. five dollars. Yes.", []string{"It costs approx. five dollars.", "Yes."}},
		{"empty", "", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, s := range Sentences(tt.text) {
				if tt.text[s.Start:s.End] != s.Text {
					t.Errorf("span %d:%d is %q, Text is %q", s.Start, s.End, tt.text[s.Start:s.End], s.Text)
				}
				got = append(got, s.Text)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Sentences(%q) (-want +got):\n%s", tt.text, diff)
			}
		})
	}
}
