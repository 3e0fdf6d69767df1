package xbrl

import (
	"slices"

	"github.com/claimwire/claimwire/claim"
)

// candidate is a fact that qualifies for a claim.
type candidate struct {
	fact
	concept
	segment, period, unit string
	value                 float64
}

type claimKey struct {
	metric          claim.Metric
	segment, period string
}

// build chooses one fact per metric, segment and period (the best-ranked
// concept, then the first shown) and makes claims of them in document order.
func build(f *filing, per periods, subject string, meta claim.Source) []claim.Claim {
	best := map[claimKey]candidate{}
	for _, ft := range f.facts {
		c, ok := qualify(f, per, ft)
		if !ok {
			continue
		}
		k := claimKey{c.metric, c.segment, c.period}
		if cur, seen := best[k]; seen && cur.rank <= c.rank {
			continue
		}
		best[k] = c
	}
	chosen := make([]candidate, 0, len(best))
	for _, c := range best {
		chosen = append(chosen, c)
	}
	slices.SortFunc(chosen, func(a, b candidate) int { return a.order - b.order })

	out := make([]claim.Claim, 0, len(chosen))
	seen := map[string]bool{}
	quotes := newQuoter()
	for _, c := range chosen {
		q, span, ok := quotes.quote(c.node)
		if !ok {
			continue
		}
		cl := claim.Claim{
			Subject:   subject,
			Segment:   c.segment,
			Metric:    c.metric,
			Value:     c.value,
			Unit:      c.unit,
			Qualifier: claim.Exact,
			Period:    c.period,
			Modality:  claim.Actual,
			Quote:     q,
			Span:      span,
			Source:    meta,
		}
		if cl.Unit == claim.Count {
			cl.Item = "share"
		}
		cl.SetID()
		if seen[cl.ID] {
			continue
		}
		seen[cl.ID] = true
		out = append(out, cl)
	}
	return out
}

// qualify checks one fact against the concept map, its context and unit,
// and reads its period and value.
func qualify(f *filing, per periods, ft fact) (candidate, bool) {
	if ft.hidden || ft.nilled {
		return candidate{}, false
	}
	con, ok := concepts[ft.name]
	ctx := f.contexts[ft.contextRef]
	if !ok || ctx == nil || ctx.instant != con.instant {
		return candidate{}, false
	}
	seg, ok := segmentOf(ctx)
	if !ok || (con.segment != "" && seg != "") {
		return candidate{}, false
	}
	if con.segment != "" {
		seg = con.segment
	}
	unit := f.units[ft.unitRef]
	if !unitFits(con.metric, unit) {
		return candidate{}, false
	}
	period, ok := per.label(ctx)
	if !ok {
		return candidate{}, false
	}
	v, err := value(text(ft.node), ft.format, ft.scale, ft.sign)
	if err != nil {
		return candidate{}, false
	}
	return candidate{fact: ft, concept: con, segment: seg, period: period, unit: unit, value: v}, true
}
