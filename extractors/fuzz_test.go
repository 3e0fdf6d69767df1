package extractors

import (
	"testing"
	"unicode/utf8"

	"github.com/claimwire/claimwire/claim"
	"github.com/google/go-cmp/cmp"
)

var fuzzSeeds = []string{
	"AWS AI $15B Run Rate\nAWS's AI business has reached a $15 billion annual revenue run rate, growing 150 percent quarter over quarter.",
	"- Meta: north of $100 billion.\n| Revenue | $ 15,200 | $ 12,100 | 26% |\n| Q1 2025 | Q1 2024 |",
	"Net loss of $310 million (compared with $130 million), or $1.49 per share; ¥2.5 trillion ($16.2 billion).",
	"The company expects revenue between US$11.2 billion and US$11.5 billion, plus or minus 2%. It employs 350 people.",
	"U.S. Inc. No. 1 3.5 “quoted.” (aside — dash — ) , which clause, TOKYO — SoftBank said",
	"",
}

// FuzzExtract: no panic, spans inside their quotes, the same claims twice.
func FuzzExtract(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		doc := claim.Document{Source: claim.Source{URL: "https://fuzz.test/", Published: "2025-05-15"}, Text: text}
		a := Extract(doc)
		for _, c := range a {
			if c.Span[0] < 0 || c.Span[1] > len(c.Quote) || c.Span[0] >= c.Span[1] {
				t.Fatalf("span %v outside quote %q", c.Span, c.Quote)
			}
			if !utf8.ValidString(c.Figure()) && utf8.ValidString(text) {
				t.Fatalf("figure %q cuts a rune", c.Figure())
			}
			if !c.Metric.Valid() || c.Subject == "" {
				t.Fatalf("claim without metric or subject: %+v", c)
			}
		}
		if diff := cmp.Diff(a, Extract(doc)); diff != "" {
			t.Fatalf("not deterministic:\n%s", diff)
		}
	})
}

// FuzzReadHTML: the reader never panics and its text extracts cleanly.
func FuzzReadHTML(f *testing.F) {
	f.Add([]byte(articleHTML))
	f.Add([]byte("<html><body><table><tr><td colspan=\"99999\">$</td><td>1,000</td></tr></table></body></html>"))
	f.Add([]byte("<html><head><meta charset=\"shift_jis\"><script type=\"application/ld+json\">{\"datePublished\":[[[[]]]]}</script></head><p>\x82\xa0 ¥1 trillion</p>"))
	f.Add([]byte("<p><p><p><div class=\"nav footer\"><article><h1>x</h1></article></div>"))
	f.Fuzz(func(t *testing.T, raw []byte) {
		doc, err := Read(raw, claim.Source{URL: "https://fuzz.test/"})
		if err != nil {
			return
		}
		if doc.ContentHash != claim.HashText(doc.Text) {
			t.Fatal("content hash does not match the text")
		}
		for _, c := range Extract(doc) {
			if c.Span[0] < 0 || c.Span[1] > len(c.Quote) || c.Span[0] >= c.Span[1] {
				t.Fatalf("span %v outside quote %q", c.Span, c.Quote)
			}
		}
	})
}
