package pipeline

import (
	"strings"

	"github.com/claimwire/claimwire/claim"
)

// dropRestatedRows removes the prose claims read from a filing's table rows
// ("Revenue | $ 46,743 | $ 30,040") that an inline-XBRL fact of the same
// document states with the same value and unit: the fact carries the
// context's real period and concept, the row only its column heading, so the
// row would add a second, vaguer copy of the same figure. Rows no fact
// restates, and every sentence of prose, are kept.
func dropRestatedRows(prose, facts []claim.Claim) []claim.Claim {
	if len(facts) == 0 {
		return prose
	}
	type key struct {
		unit  string
		value float64
	}
	stated := make(map[key]bool, len(facts))
	for _, f := range facts {
		stated[key{f.Unit, f.Value}] = true
	}
	out := make([]claim.Claim, 0, len(prose))
	for _, c := range prose {
		if strings.Contains(c.Quote, " | ") && stated[key{c.Unit, c.Value}] {
			continue
		}
		out = append(out, c)
	}
	return out
}
