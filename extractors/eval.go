package extractors

import (
	"math"
	"sort"
	"strings"

	"github.com/claimwire/claimwire/claim"
)

// GoldClaim is one labelled claim occurrence of a gold set (gold.jsonl).
// Subject lists the acceptable names, most canonical first; Hard marks a
// borderline line, left out of recall and never a false positive.
type GoldClaim struct {
	Doc         string       `json:"doc"`
	Subject     []string     `json:"subject"`
	Segment     string       `json:"segment,omitempty"`
	Metric      claim.Metric `json:"metric"`
	Value       float64      `json:"value"`
	ValueMax    *float64     `json:"value_max,omitempty"`
	Unit        string       `json:"unit"`
	Item        string       `json:"item,omitempty"`
	Qualifier   string       `json:"qualifier,omitempty"`
	Period      string       `json:"period,omitempty"`
	Basis       string       `json:"basis,omitempty"`
	Modality    string       `json:"modality,omitempty"`
	Attribution string       `json:"attribution,omitempty"`
	Figure      string       `json:"figure,omitempty"`
	Quote       string       `json:"quote,omitempty"`
	Hard        bool         `json:"hard,omitempty"`
}

// Tier is precision, recall and F1 at one level of agreement.
type Tier struct {
	Name                  string
	TP                    int
	Precision, Recall, F1 float64
}

// Miss is a gold claim not found (Got nil) or found with the wrong metric or
// subject.
type Miss struct {
	Doc  string
	Gold GoldClaim
	Got  *claim.Claim
}

// FalsePositive is a predicted claim that matches no gold claim.
type FalsePositive struct {
	Doc   string
	Claim claim.Claim
}

// Score is the result of comparing predictions with a gold set.
type Score struct {
	Docs, Gold, Pred int
	Tiers            [3]Tier // figure, claim, full
	Misses           []Miss
	FalsePositives   []FalsePositive
}

// Evaluate scores predicted claims (by document) against gold claims over the
// named documents, with the rules of the dev set: per document, each
// prediction pairs with at most one gold claim, greedily by pair score; the
// figure tier needs value (0.5% relative) and unit, the claim tier also the
// metric and a matching subject name, the full tier also qualifier, basis
// (where gold has one) and modality.
func Evaluate(docs []string, gold []GoldClaim, preds map[string][]claim.Claim) Score {
	byDoc := map[string][]GoldClaim{}
	for _, g := range gold {
		byDoc[g.Doc] = append(byDoc[g.Doc], g)
	}
	var s Score
	s.Docs = len(docs)
	var tp [3]int
	hardMatched, npred := 0, 0
	for _, doc := range docs {
		g, p := byDoc[doc], preds[doc]
		npred += len(p)
		for _, gg := range g {
			if !gg.Hard {
				s.Gold++
			}
		}
		gUsed, pUsed := make([]bool, len(g)), make([]bool, len(p))
		for _, m := range matchDoc(g, p) {
			gg, pp := g[m[0]], p[m[1]]
			gUsed[m[0]], pUsed[m[1]] = true, true
			if gg.Hard {
				hardMatched++
				continue
			}
			tp[0]++
			if pp.Metric != gg.Metric || !SubjectMatches(pp.Subject, gg.Subject) {
				s.Misses = append(s.Misses, Miss{Doc: doc, Gold: gg, Got: &pp})
				continue
			}
			tp[1]++
			if qual(string(pp.Qualifier)) == qual(gg.Qualifier) && (gg.Basis == "" || pp.Basis == gg.Basis) &&
				modal(string(pp.Modality)) == modal(gg.Modality) {
				tp[2]++
			} else {
				s.Misses = append(s.Misses, Miss{Doc: doc, Gold: gg, Got: &pp})
			}
		}
		for i, gg := range g {
			if !gUsed[i] && !gg.Hard {
				s.Misses = append(s.Misses, Miss{Doc: doc, Gold: gg})
			}
		}
		for i, pp := range p {
			if !pUsed[i] {
				s.FalsePositives = append(s.FalsePositives, FalsePositive{Doc: doc, Claim: pp})
			}
		}
	}
	s.Pred = npred - hardMatched
	for i, name := range []string{"figure", "claim", "full"} {
		s.Tiers[i] = prf(name, tp[i], s.Pred, s.Gold)
	}
	return s
}

func qual(q string) string {
	if q == "" {
		return "exact"
	}
	return strings.ToLower(q)
}

func modal(m string) string {
	if m == "" {
		return "actual"
	}
	return m
}

func prf(name string, tp, npred, ngold int) Tier {
	t := Tier{Name: name, TP: tp}
	if npred > 0 {
		t.Precision = float64(tp) / float64(npred)
	}
	if ngold > 0 {
		t.Recall = float64(tp) / float64(ngold)
	}
	if t.Precision+t.Recall > 0 {
		t.F1 = 2 * t.Precision * t.Recall / (t.Precision + t.Recall)
	}
	return t
}

// matchDoc pairs gold and predicted claims greedily by pair score (value and
// unit must agree; figure text, quote, metric and subject add to the score).
func matchDoc(g []GoldClaim, p []claim.Claim) [][2]int {
	type pair struct {
		s      float64
		gi, pi int
	}
	var pairs []pair
	for gi, gg := range g {
		gu := normUnit(gg.Unit)
		for pi, pp := range p {
			if normUnit(pp.Unit) != gu || !valueMatches(pp.Value, gg.Value) {
				continue
			}
			s := 1.0
			if gg.Figure != "" && strings.Contains(pp.Quote, gg.Figure) {
				s++
			}
			if gg.Quote != "" && pp.Quote != "" && (strings.Contains(gg.Quote, pp.Quote) || strings.Contains(pp.Quote, gg.Quote)) {
				s += 2
			}
			if pp.Metric == gg.Metric {
				s += 0.5
			}
			if SubjectMatches(pp.Subject, gg.Subject) {
				s += 0.5
			}
			pairs = append(pairs, pair{s, gi, pi})
		}
	}
	sort.Slice(pairs, func(i, j int) bool {
		a, b := pairs[i], pairs[j]
		if a.s != b.s {
			return a.s > b.s
		}
		if a.gi != b.gi {
			return a.gi > b.gi
		}
		return a.pi > b.pi
	})
	gUsed, pUsed := map[int]bool{}, map[int]bool{}
	var out [][2]int
	for _, x := range pairs {
		if gUsed[x.gi] || pUsed[x.pi] {
			continue
		}
		gUsed[x.gi], pUsed[x.pi] = true, true
		out = append(out, [2]int{x.gi, x.pi})
	}
	return out
}

func valueMatches(p, g float64) bool {
	if g == 0 {
		return math.Abs(p) < 1e-9
	}
	return math.Abs(p-g)/math.Abs(g) <= 0.005
}

var unitAliases = map[string]string{"%": "percent", "pct": "percent", "percentage": "percent",
	"usd": "USD", "$": "USD", "dollars": "USD", "number": "count", "units": "count",
	"w": "W", "watt": "W", "watts": "W"}

func normUnit(u string) string {
	u = strings.TrimSpace(u)
	if u == "" {
		return "count"
	}
	if a, ok := unitAliases[strings.ToLower(u)]; ok {
		return a
	}
	if len(u) == 3 && isAlpha(u) {
		return strings.ToUpper(u)
	}
	return u
}

func isAlpha(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i] | 0x20
		if c < 'a' || c > 'z' {
			return false
		}
	}
	return true
}

// SubjectMatches reports whether a predicted subject names one of the gold
// names: case, punctuation, "Inc."/"Corp."/"the"/possessive 's are ignored,
// and one name containing the other as whole words counts.
func SubjectMatches(pred string, names []string) bool {
	p := normName(pred)
	if p == "" {
		return false
	}
	for _, a := range names {
		a = normName(a)
		if a == "" {
			continue
		}
		if p == a || strings.Contains(" "+p+" ", " "+a+" ") || strings.Contains(" "+a+" ", " "+p+" ") {
			return true
		}
	}
	return false
}

var nameSuffixes = map[string]bool{"inc": true, "corp": true, "corporation": true, "co": true,
	"ltd": true, "llc": true, "plc": true, "the": true, "company": true, "s": true}

func normName(s string) string {
	s = strings.ToLower(s)
	s = strings.ReplaceAll(s, "\u2019", "'")
	s = strings.ReplaceAll(s, "'s", " ")
	b := []byte(s)
	for i, c := range b {
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == ' ') {
			b[i] = ' '
		}
	}
	var words []string
	for _, w := range strings.Fields(string(b)) {
		if !nameSuffixes[w] {
			words = append(words, w)
		}
	}
	return strings.Join(words, " ")
}
