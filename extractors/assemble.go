package extractors

import (
	"strings"

	"github.com/claimwire/claimwire/claim"
	"github.com/claimwire/claimwire/extractors/scan"
)

var qualWords1 = map[string]claim.Qualifier{
	"above": claim.MoreThan, "over": claim.MoreThan, "topping": claim.MoreThan, "tops": claim.MoreThan,
	"topped": claim.MoreThan, "exceeds": claim.MoreThan, "exceeding": claim.MoreThan, "exceeded": claim.MoreThan,
	"surpassed": claim.MoreThan, "surpassing": claim.MoreThan, "surpasses": claim.MoreThan, "crossed": claim.MoreThan,
	"beyond": claim.MoreThan, "nearly": claim.Approx, "almost": claim.Approx, "about": claim.Approx,
	"around": claim.Approx, "roughly": claim.Approx, "approximately": claim.Approx, "some": claim.Approx,
	"approx": claim.Approx, "circa": claim.Approx, "near": claim.Approx, "nearer": claim.Approx,
	"toward": claim.Approx, "towards": claim.Approx, "under": claim.LessThan, "below": claim.LessThan,
}

var qualWords2 = map[string]claim.Qualifier{
	"more than": claim.MoreThan, "greater than": claim.MoreThan, "north of": claim.MoreThan,
	"upwards of": claim.MoreThan, "close to": claim.Approx, "closer to": claim.Approx, "at least": claim.AtLeast,
	"up to": claim.UpTo, "as much as": claim.UpTo, "less than": claim.LessThan, "fewer than": claim.LessThan,
	"short of": claim.LessThan, "excess of": claim.MoreThan, "much as": claim.UpTo, "many as": claim.UpTo,
}

// qualifierBefore reads a qualifier the scanner left outside the figure:
// "running above a $20 billion rate", "topping $225 billion".
func qualifierBefore(sc *sentCtx, k int) claim.Qualifier {
	if e := sc.fw[k][1]; e+2 < len(sc.ws) && sc.ws[e].w == "plus" && sc.ws[e+1].w == "or" && sc.ws[e+2].w == "minus" {
		return claim.Approx // "$45.0 billion, plus or minus 2%"
	}
	p := sc.fw[k][0] - 1
	article := p >= 0 && (sc.ws[p].w == "a" || sc.ws[p].w == "an")
	if article {
		p--
	}
	if p < 0 || sc.ws[p].punct != 0 || article && (sc.ws[p].w == "under" || sc.ws[p].w == "below") {
		return claim.Exact // "under a $500 billion deal": pursuant to it
	}
	if p >= 1 {
		if q, ok := qualWords2[sc.ws[p-1].w+" "+sc.ws[p].w]; ok {
			return q
		}
	}
	if q, ok := qualWords1[sc.ws[p].w]; ok {
		return q
	}
	return claim.Exact
}

// strongCompare reports a comparison phrase ("compared with", "up from")
// between words i and j: what follows it is the earlier, actual figure.
func (sc *sentCtx) strongCompare(i, j int) bool {
	for _, h := range sc.hits {
		if h.compare && h.i >= i && h.j <= j {
			w := sc.ws[h.i].w
			if w != "from" || h.j >= j-2 {
				return true
			}
		}
	}
	return false
}

// opensClause reports a name that opens the sentence, or its main clause
// after a short opening phrase ("In comparison, Samsung Electronics
// estimated its ...").
func (sc *sentCtx) opensClause(m mention) bool {
	return m.i == 0 || m.i <= 4 && sc.ws[m.i-1].punct == ','
}

// opensLaterFigure reports a time that opens a clause of its own figure of
// figure k's kind: "$4.4 billion, up 46%, and Q3 AI revenue is forecast at
// $5.1 billion" dates the $5.1 billion, not the $4.4 billion.
func (sc *sentCtx) opensLaterFigure(k int, p periodRef) bool {
	if p.i < 1 || !(sc.ws[p.i-1].w == "and" || sc.ws[p.i-1].punct == ',') {
		return false
	}
	for q := k + 1; q < len(sc.figs); q++ {
		if sc.fw[q][0] >= p.j && unitClass(sc.figs[q]) == unitClass(sc.figs[k]) {
			return true
		}
	}
	return false
}

// forecastBetween reports a forecast word among words [i, j): a time named
// after it ("... and guided Q3 revenue of $15.8 billion") is the forecast's,
// not an actual figure's before it.
func (sc *sentCtx) forecastBetween(i, j int) bool {
	for _, h := range sc.hits {
		if h.i >= i && h.i < j && h.modality == claim.Forecast {
			return true
		}
	}
	return false
}

// sequenceIn reports "followed by" or "then" among words [i, j): what comes
// after it is a later time's ("$18 billion this fiscal year, followed by
// increases to $32 billion, $73 billion").
func (sc *sentCtx) sequenceIn(i, j int) bool {
	for p := max(i, 0); p < j && p < len(sc.ws); p++ {
		if w := sc.ws[p].w; w == "then" || w == "followed" || w == "thereafter" {
			return true
		}
	}
	return false
}

// modalityOf: a forecast or target word before the figure (not across a
// comparison), or just after it ("$6 billion is expected"). An estimate
// noun is the estimate of the figure after it: it does not reach over that
// figure to one of another metric (m is figure k's).
func modalityOf(sc *sentCtx, k int, m claim.Metric) claim.Modality {
	wi := sc.fw[k]
	_, hi := sc.bounds(k)
	best, bestAt := claim.Actual, -1
	compared := false
	for _, h := range sc.hits {
		if h.modality == "" || (sc.ws[h.i].cap && h.i > 0) || (sc.ws[h.i].w == "may" && sc.ws[h.i].cap) || sc.inAside(h.i, wi[0]) {
			continue
		}
		if h.j <= wi[0] && sc.estimateCue(h) && sc.otherMetricBetween(h.j, k, m) {
			continue // "expectations of $41.38 billion, with EPS reaching $6.43": the estimate is the first figure's
		}
		switch {
		case h.j <= wi[0] && sc.trailsFigure(h.i, k):
			// "$1.92 a share estimate and revenues of $11 billion": the
			// estimate is the earlier figure's
		case h.j <= wi[0] && (sc.newClause(h.j, wi[0]) || sc.reportedIn(h.j, wi[0])):
			best, bestAt = claim.Actual, h.i // "raised its forecast ..., after sales rose 9%"
		case h.j <= wi[0]:
			if h.i > bestAt && !sc.strongCompare(h.j, wi[0]) {
				best, bestAt = h.modality, h.i
			} else if sc.strongCompare(h.j, wi[0]) {
				best, bestAt, compared = claim.Actual, h.i, true
			}
		case h.i >= wi[1] && h.i <= wi[1]+3 && h.i < hi && (bestAt < 0 || compared) && !sc.beats(wi[1], h.i) &&
			!sc.newClause(wi[1], h.i): // not "$45.96 billion, whereas analysts had anticipated"
			return h.modality // "versus the $11.13 billion estimate"
		}
	}
	return best
}

// estimateCue reports a cue that names an estimate: "expectations",
// "estimates of".
func (sc *sentCtx) estimateCue(h hit) bool {
	e := h.j - 1
	of := sc.ws[e].w == "of" || h.j < len(sc.ws) && sc.ws[h.j].w == "of"
	if sc.ws[e].w == "of" && e > h.i {
		e--
	}
	switch w := sc.ws[e].w; w {
	case "forecast", "forecasts":
		return of // a noun only as "forecast of": "we forecast revenue of" is a verb
	default:
		return estimateNouns[w]
	}
}

// otherMetricBetween reports a claim of the sentence before figure k, from
// word i on, that measures another metric than m, with more than a list's
// "and" between the two: "estimates of $75.3 billion in revenue and $3.67
// in EPS" is one estimate of two figures.
func (sc *sentCtx) otherMetricBetween(i, k int, m claim.Metric) bool {
	for p := 0; p < k; p++ {
		if sc.fw[p][0] >= i && sc.claims[p] != nil && sc.claims[p].Metric != m && !sc.listPair(p, k) {
			return true
		}
	}
	return false
}

// listPair reports figures p and k joined as a list: k right after "and" or
// a comma, at most four words after p ("$75.3 billion in revenue and $3.67").
func (sc *sentCtx) listPair(p, k int) bool {
	a, b := sc.fw[p][1], sc.fw[k][0]
	if b-a > 4 || b < 1 {
		return false
	}
	return sc.ws[b-1].w == "and" || sc.ws[b-1].punct == ','
}

// beats reports a word of outdoing between words i and j: "EPS of $4.13,
// surpassing Wall Street's estimate" compares the actual with the estimate.
func (sc *sentCtx) beats(i, j int) bool {
	for p := max(i, 0); p < j && p < len(sc.ws); p++ {
		switch sc.ws[p].w {
		case "surpassing", "surpassed", "beating", "beat", "beats", "topping", "topped", "exceeding", "exceeded", "above", "below", "missing", "missed":
			return true
		}
	}
	return false
}

// trailsFigure reports a cue word i right after an earlier figure of the
// sentence than k ("$1.92 a share estimate").
func (sc *sentCtx) trailsFigure(i, k int) bool {
	for p := 0; p < k; p++ {
		// right after it, no bracket or colon between: "$1.92 a share
		// estimate", not "$1.65B (consensus: $1.41B)"
		if e := sc.fw[p][1]; i == e && e > 0 && sc.ws[e-1].punct == 0 && sc.ws[i].punct != ':' && sc.claims[p] != nil {
			return true
		}
	}
	return false
}

// newClause reports a clause opener ("after", "while", "but") between words
// i and j: what follows it has its own time and modality.
func (sc *sentCtx) newClause(i, j int) bool {
	for p := max(i, 0); p < j && p < len(sc.ws); p++ {
		switch sc.ws[p].w {
		case "after", "while", "whereas", "but", "although", "though":
			return true
		}
	}
	return false
}

// reportedIn reports a past verb of reporting between words i and j: "the
// planned spending comes as Meta reported first-quarter revenue of $42.31
// billion" states a result, whatever was planned before it.
func (sc *sentCtx) reportedIn(i, j int) bool {
	for p := max(i, 0); p < j && p < len(sc.ws); p++ {
		switch sc.ws[p].w {
		case "reported", "posted", "recorded", "logged", "booked":
			return p == 0 || sc.ws[p-1].w != "be" && sc.ws[p-1].w != "to"
		}
	}
	return false
}

// inAside reports word i inside an aside (parentheses, dashes, a which-clause)
// that does not also hold word fi, the figure's first word.
func (sc *sentCtx) inAside(i, fi int) bool {
	if fi >= len(sc.ws) {
		return false
	}
	a, b := sc.ws[i].start, sc.ws[fi].start
	for _, r := range sc.asides {
		if a >= r[0] && a < r[1] {
			return !(b >= r[0] && b < r[1])
		}
	}
	return false
}

// basisOf finds yoy/qoq/mom after a growth figure, else before it, else
// reads a comparison with a year-earlier period as yoy.
func basisOf(sc *sentCtx, k int) string {
	wi := sc.fw[k]
	if wi[1]+1 < len(sc.ws) && sc.ws[wi[1]].w == "on" && sc.ws[wi[1]+1].w == "year" {
		return "yoy" // Korean and British reports: "jumped 35.4 percent on-year" (no cue phrase: "on" is too common a first word)
	}
	lo, hi := sc.bounds(k)
	if n := k + 1; n < len(sc.figs) && sc.figs[n].Kind == scan.Number && sc.fw[n][0] == hi {
		// "double the level three months earlier": a duration is no figure
		// of its own, the basis reads past it
		hi = len(sc.ws)
		if n+1 < len(sc.figs) {
			hi = sc.fw[n+1][0]
		}
	}
	for _, h := range sc.hits {
		if h.basis != "" && h.i >= wi[1] && h.i < hi && h.i <= wi[1]+8 {
			return h.basis
		}
	}
	if h, ok := sc.leftHit(k, lo, func(h hit) bool { return h.basis != "" }); ok {
		return h.basis
	}
	for _, h := range sc.hits {
		if !h.compare || h.i < wi[1] {
			continue
		}
		for _, p := range sc.periods {
			if p.i >= h.j && (p.kind == "prior" || p.kind == "q" && p.year > 0) {
				return "yoy"
			}
		}
		for _, w := range sc.ws[h.j:] {
			if isYear(w.w) {
				return "yoy"
			}
		}
	}
	// "more than tripled to $1.21 billion, up 207% from a year earlier": a
	// growth word shares the basis of the percentage that restates it
	if f := sc.figs[k]; f.Kind == scan.GrowthWord {
		for n := k + 1; n < len(sc.figs) && n <= k+2; n++ {
			if sc.figs[n].Kind == scan.Percent && sc.figs[n].Start-f.End < 60 {
				return basisOf(sc, n)
			}
		}
	}
	return ""
}

// periodOf picks the time phrase of figure k: one right after it, else the
// nearest before it (not across a comparison), else one later in its
// comparison clause, else the document's reporting period for actual
// financial figures.
func (e *Extractor) periodOf(st *docState, sc *sentCtx, k int, forecast bool, m claim.Metric) string {
	wi := sc.fw[k]
	_, hi := sc.bounds(k)
	if sc.restatedNext(k) {
		_, hi = sc.bounds(k + 1) // "8.08 trillion won (US$5.62 billion) ... for the October-December period"
	}
	ref := ""
	for _, p := range sc.periods {
		if p.kind == "q" || p.kind == "fy" {
			ref = p.resolve(st.date, st.ctxYear, forecast, "")
			break
		}
	}
	if ref == "" {
		ref = st.report
	}
	usable := func(p periodRef) bool {
		// not a time named in an aside the figure is not in ("Jassy, who took
		// over in 2021, said the backlog stood at $244 billion")
		return !(p.kind == "annual" && m == claim.RevenueRunRate) && !(p.i < len(sc.ws) && sc.inAside(p.i, wi[0]))
	}
	pick := func(p periodRef) string { return p.resolve(st.date, st.ctxYear, forecast, ref) }
	// A growth figure's "over the same quarter last year" is its base, not
	// its period: "up 25 percent over the same quarter last year" is this
	// quarter's growth.
	growth := m == claim.Growth
	for _, p := range sc.periods {
		if p.i < wi[1] || p.i >= hi {
			continue
		}
		if growth && sc.comparisonBase(p) {
			break // what follows the base is the next clause's
		}
		if usable(p) && !sc.strongCompare(wi[1], p.i) && !sc.newClause(wi[1], p.i) {
			return pick(p)
		}
	}
	for x := len(sc.periods) - 1; x >= 0; x-- {
		p := sc.periods[x]
		if p.kind == "prior" && k > 0 && p.i >= sc.fw[0][1] || growth && sc.comparisonBase(p) {
			continue // "up 28% from the same period of 2025, while ...": the earlier figure's base
		}
		if p.j <= wi[0] && usable(p) && !sc.strongCompare(p.j, wi[0]) && !sc.sequenceIn(p.j, wi[0]) {
			return pick(p)
		}
	}
	bases := 0
	for _, p := range sc.periods {
		if sc.comparisonBase(p) {
			bases++
			continue // "$0.62, a 55 percent jump over fiscal 2010's first quarter": another figure's base
		}
		if p.i >= wi[1] && usable(p) && !sc.strongCompare(wi[1], p.i) && !sc.afterLaterFigure(k, p.i) && (forecast || !sc.forecastBetween(wi[1], p.i)) && !sc.opensLaterFigure(k, p) {
			return pick(p)
		}
	}
	if len(sc.periods) == bases && !forecast && st.report != "" {
		switch m {
		case claim.Revenue, claim.NetIncome, claim.OperatingIncome, claim.GrossProfit, claim.EPS,
			claim.Margin, claim.Growth, claim.Expenses, claim.OperatingCashFlow, claim.FreeCashFlow:
			return st.report
		}
	}
	return ""
}

var segStop = setOf("decision", "move", "announcement", "bid", "effort", "results", "result", "executives", "officials", "analysts", "investors", "shareholders", "executive", "has", "have", "had", "is", "are", "was", "were", "reached", "hit", "hits", "grew", "valued",
	"workforce", "headcount", "staff", "posted", "inc", "corp", "ltd", "forecast", "expected", "projected", "estimated",
	"capital", "capex", "spending", "expenditure", "expenditures", "guidance", "outlook", "target",
	"came", "comes", "reaches", "reached", "touches", "serves", "stands", "stood",
	"held", "holds", "hold", "controls", "controlled", "commands", "captured", "accounted",
	"loss", "losses", "set", "sets", "pegged", "pegs", "put", "puts", "near", "around", "roughly", "approximately", "nearly", "almost", "attributed", "estimated",
	"previously", "recently", "reportedly", "initially", "subsequently", "then", "just", "again", "further",
	"delivered", "delivers", "contributed", "contributes", "achieved", "recorded", "booked", "logged", "brought", "made", "saw",
	"rose", "the", "a", "an", "of", "to", "at", "in", "and", "now", "already", "also", "will", "would",
	"could", "said", "says", "that", "which", "with", "for", "on", "by", "generated", "generating",
	"generates", "posted", "reported", "increased", "decreased", "fell", "climbed", "jumped", "surged",
	"own", "latest", "total", "first", "second", "third", "fourth", "quarter", "quarterly", "annual",
	"full", "year", "fiscal", "q1", "q2", "q3", "q4", "topped", "tops", "crossed", "exceeds", "exceeded",
	"running", "runs", "run", "rate", "revenue", "revenues", "sales", "growth", "income", "profit",
	"margin", "earnings", "as", "be", "been", "being", "its", "their", "his", "her", "was", "more")

// afterLaterFigure reports word i after a later figure of figure k's class:
// "With $36.2 billion, three times the $10.9 billion in 2022": the year is
// the later figure's.
func (sc *sentCtx) afterLaterFigure(k, i int) bool {
	cls := unitClass(sc.figs[k])
	for n := k + 1; n < len(sc.figs); n++ {
		if unitClass(sc.figs[n]) == cls && sc.fw[n][1] <= i && !sc.listItem(n) && !sc.inAnyAside(sc.figs[n].Start-sc.s.Start) {
			return true
		}
	}
	return false
}

// listItem reports figure n named by its own metric in a list: "revenue of
// NT$933.79 billion, net income of NT$398.27 billion, and ... for the second
// quarter" share the period at the end.
func (sc *sentCtx) listItem(n int) bool {
	at := sc.fw[n][0]
	if at < 2 || sc.ws[at-1].w != "of" {
		return false
	}
	for _, h := range sc.hits {
		if h.j == at-1 && h.metric != "" {
			return true
		}
	}
	return false
}

// comparisonBase reports a period that names what a change is measured
// against: "the same quarter last year", "over fiscal 2010's first quarter",
// "from a year earlier".
func (sc *sentCtx) comparisonBase(p periodRef) bool {
	if p.kind == "prior" {
		return true
	}
	b := p.i - 1
	for b > 0 && b > p.i-3 && (sc.ws[b].w == "the" || sc.ws[b].w == "a" || sc.ws[b].w == "fiscal" || sc.ws[b].w == "fy") {
		b-- // "over fiscal 2010's first quarter"
	}
	if b < 0 || b >= len(sc.ws) {
		return false
	}
	if p.kind != "q" && p.kind != "fy" {
		return false // "over the last twelve months" is a span, not a base
	}
	switch sc.ws[b].w {
	case "over", "versus", "vs", "than", "against":
		return true
	case "with", "to":
		return b > 0 && (sc.ws[b-1].w == "compared" || sc.ws[b-1].w == "comparison")
	case "from":
		// "an increase of 10.1% from the second quarter": right after a
		// change, the quarter it is measured from
		if b > 0 {
			switch w := sc.ws[b-1].w; {
			case isDigitWord(w), w == "percent", w == "points", w == "up", w == "down", w == "higher", w == "lower", w == "sequentially":
				return true
			}
		}
	}
	return false
}

// subjectOf picks who figure k is about: the nearest name before it that is
// not an object or an aside; a pronoun reads as the sentence's first name or
// the document's main company; a sentence without names reuses the subject
// of the same figure named earlier, else the main company.
func (e *Extractor) subjectOf(st *docState, sc *sentCtx, k int, coref *claim.Claim) (subject, segment string) {
	f := sc.figs[k]
	start := f.Start - sc.s.Start
	if p := sc.converted(k); p != nil {
		return p.Subject, p.Segment
	}
	inAside := func(m mention) bool { return m.aside && !sc.sameAside(m.start, start) }
	// "20% for Microsoft and 13% for Google": the name right after "for"
	if wi := sc.fw[k]; wi[1]+1 < len(sc.ws) && sc.ws[wi[1]].w == "for" {
		for _, m := range sc.mentions {
			if m.i == wi[1]+1 && m.kind == mCompany {
				return mentionName(sc.s.Text, m), segment
			}
		}
	}
	// "data center revenue, which included the Mellanox acquisition and grew
	// 54%": the clause is about what comes before it; names in it are objects
	clause := -1
	if sc.which {
		clause = whichClause(sc.s.Text, start)
	}
	if clause >= 0 && (f.Kind != scan.Count || peopleItem(f.Item)) {
		// the antecedent: the last name before the clause, even a known
		// company as an object ("invested $400 million in Anthropic — which
		// had raised $1.1 billion"), but not "its fab in Cheongju, which"
		for x := len(sc.mentions) - 1; x >= 0; x-- {
			m := sc.mentions[x]
			if m.end > clause || inAside(m) {
				continue
			}
			if m.kind == mCompany && (!m.object || m.name != "" || sc.ws[m.i-1].w == "of") {
				return mentionName(sc.s.Text, m), segment // "the success of ChatGPT, which had 700 million users"
			}
			break
		}
	}
	if at := sc.participle(k); at > 0 {
		// "Anthropic expanded its partnership with AWS, committing over $100
		// billion": the clause's doer is the sentence's subject, or, in
		// reported speech ("research by X indicates that Nvidia had ...,
		// totaling"), the reported clause's
		from := sc.reportedClause(at)
		for _, m := range sc.mentions {
			if m.i >= at {
				break
			}
			if m.i < from {
				continue
			}
			if m.kind == mCompany && !m.object && !inAside(m) && !sc.speaker(m) {
				return mentionName(sc.s.Text, m), segmentOr(segment, sc, m)
			}
			if m.kind == mPronoun && !m.object {
				break // "The company closed ..., taking the total to": the pronoun path reads it
			}
		}
	}
	var fallback string
	for x := len(sc.mentions) - 1; x >= 0; x-- {
		m := sc.mentions[x]
		if m.end > start || inAside(m) || clause >= 0 && m.start > clause {
			continue
		}
		switch m.kind {
		case mRegion:
			if segment == "" {
				segment = trimMetricWords(sc.s.Text[m.start:m.end])
			}
		case mPronoun:
			if m.object && !(m.j == sc.fw[k][0] && (sc.ws[m.i].w == "its" || sc.ws[m.i].w == "their")) {
				continue // "in its fiscal year": not the figure's owner; "at its 750-megawatt campus" is
			}
			for _, a := range sc.mentions[:x] {
				// "Scale AI said on Tuesday it had raised": the speaker who
				// opens the sentence is what "it" refers to
				if a.kind == mCompany && (!a.object || sc.sharesOf(a)) && !inAside(a) && (!sc.speaker(a) || sc.opensClause(a)) {
					return mentionName(sc.s.Text, a), segmentOr(segment, sc, m)
				}
			}
			if st.primary == "" && coref != nil {
				return coref.Subject, segmentOr(segment, sc, m)
			}
			if st.prevSubject != "" && sc.unitPronoun(x) {
				// "Google's cloud revenue jumped 45%. However, the unit ...":
				// the unit last written about, not the main company
				return st.prevSubject, segmentOr(segment, sc, m)
			}
			if st.topic != "" && st.topicPara == st.para && !sc.hasTopic() {
				// "2. CoreWeave ... CoreWeave locked up a $1.1 billion round.
				// ... when it was valued at $7 billion": the paragraph's
				// company, not the document's
				return st.topic, segmentOr(segment, sc, m)
			}
			return st.primary, segmentOr(segment, sc, m)
		case mCompany:
			if m.poss && sc.ownsFigure(m, k) {
				// "an investigation into SoftBank's $6.5 billion acquisition":
				// the possessive right before the figure owns it, object or not
				return mentionName(sc.s.Text, m), segmentOr(segment, sc, m)
			}
			if m.object || sc.speaker(m) {
				// "to AWS"; "..., Morgan Stanley said, ...": a source, not the owner
				if fallback == "" {
					fallback = mentionName(sc.s.Text, m)
				}
				continue
			}
			// "OpenAI and Broadcom will co-develop ...", "OpenAI, Oracle and
			// SoftBank named ...": the first named leads
			for y := x - 1; y >= 0; y-- {
				a := sc.mentions[y]
				// the last two joined by "and", the others by commas ("According
				// to Counterpoint Research, SK Hynix held" is no list)
				joined := a.j == m.i-1 && sc.ws[m.i-1].w == "and" || y < x-1 && a.j == m.i && sc.ws[a.j-1].punct == ','
				if a.kind != mCompany || !joined || a.object || inAside(a) || a.poss {
					break
				}
				m = a
			}
			return mentionName(sc.s.Text, m), segmentOr(segment, sc, m)
		}
	}
	if segment == "" {
		segment = leadSegment(sc, k)
	}
	if fallback == "" && sc.collective(k) {
		// "AI startups raised $19 billion in the quarter", "Four rounds hit
		// $1 billion": many companies together, none of them the figure's
		return "", ""
	}
	switch {
	case coref != nil:
		return coref.Subject, segment
	case st.primary != "":
		return st.primary, segment
	case fallback != "":
		return fallback, segment
	}
	for _, m := range sc.mentions {
		if m.kind == mCompany && m.start >= start && !inAside(m) {
			return mentionName(sc.s.Text, m), segment
		}
	}
	return "", ""
}

// ownsFigure reports a possessive mention that figure k follows with at most
// an evaluative adjective between ("OpenAI's staggering $30 billion deal").
func (sc *sentCtx) ownsFigure(m mention, k int) bool {
	i := m.j
	for i < sc.fw[k][0] && i < m.j+2 && evaluative[sc.ws[i].w] && sc.ws[i].punct == 0 {
		i++
	}
	return i == sc.fw[k][0] && (m.j == 0 || sc.ws[m.j-1].punct == 0)
}

// evaluative are the adjectives reporters put before a figure: they describe
// its size or news value, never a part of the company.
var evaluative = setOf("staggering", "massive", "whopping", "hefty", "huge", "record", "record-breaking", "mammoth",
	"eye-popping", "eye-watering", "jaw-dropping", "landmark", "blockbuster", "mega", "giant", "sizable", "sizeable",
	"reported", "rumored", "rumoured", "enormous", "colossal", "unprecedented", "mind-boggling", "impressive")

// peopleItem reports a counted noun of people or organisations: a count of
// them in a which-clause belongs to the antecedent ("ChatGPT, which had 700
// million users"), unlike a count of chips a project runs on.
func peopleItem(item string) bool {
	switch strings.TrimSuffix(item, "s") {
	case "user", "weekly user", "monthly user", "daily user", "weekly active user", "monthly active user", "daily active user",
		"active user", "customer", "subscriber", "employee", "member", "account", "company", "business", "developer", "people", "person":
		return true
	}
	return false
}

// whichClause returns where the ", which" clause holding the byte offset at
// begins, or -1 when at is in none.
func whichClause(s string, at int) int {
	best := -1
	for _, w := range []string{", which ", " — which ", " – which ", " -- which ", " (which "} {
		if i := strings.LastIndex(s[:at], w); i > best && !strings.ContainsAny(s[i+len(w):at], ",;)—–") {
			best = i
		}
	}
	return best
}

// speaker reports an inserted attribution, ", Morgan Stanley said,": the
// figure's source, not its owner ("AWS told analysts that its" is the owner).
func (sc *sentCtx) speaker(m mention) bool {
	if m.i > 1 && sc.ws[m.i-1].w == "by" && pollVerbs[sc.ws[m.i-2].w] {
		return true // "Analysts polled by Zacks expected": the pollster is a source
	}
	return m.i > 0 && sc.ws[m.i-1].punct == ',' && m.j < len(sc.ws) && sayVerbs[sc.ws[m.j].w]
}

var pollVerbs = setOf("polled", "surveyed", "compiled", "tracked", "gathered", "collected")

// inAnyAside reports byte offset a inside an aside.
func (sc *sentCtx) inAnyAside(a int) bool {
	for _, r := range sc.asides {
		if a >= r[0] && a < r[1] {
			return true
		}
	}
	return false
}

func (sc *sentCtx) sameAside(a, b int) bool {
	for _, r := range sc.asides {
		if a >= r[0] && a < r[1] {
			return b >= r[0] && b < r[1]
		}
	}
	return false
}

// segmentOr returns seg, else the words a possessive names ("AWS's AI
// business" → "AI business").
// figureWord reports word j inside a figure ("its US$100 billion plan": "US"
// is the currency's).
func (sc *sentCtx) figureWord(j int) bool {
	for _, r := range sc.fw {
		if j >= r[0] && j < r[1] {
			return true
		}
	}
	return false
}

// headlineVerbs end a possessive's segment: "Oracle's contract backlog
// balloons to $455 billion", "its backlog skyrocketed by 359%".
var headlineVerbs = setOf("balloons", "soars", "surges", "jumps", "climbs", "rises", "grows", "doubles", "triples",
	"skyrockets", "swells", "tops", "hits", "reaches", "falls", "drops", "slides", "sinks", "slumps", "plunges",
	"ballooned", "soared", "surged", "jumped", "climbed", "rose", "grew", "doubled", "tripled", "skyrocketed",
	"swelled", "topped", "reached", "fell", "dropped", "slid", "sank", "slumped", "plunged",
	"kept", "keeps", "continued", "continues", "remained", "remains", "stayed", "stays",
	"bested", "beat", "beats", "missed", "misses", "exceeded", "exceeds", "surpassed", "surpasses", "outpaced",
	"smashes", "smashed", "shatters", "shattered", "breaks", "broke")

func segmentOr(seg string, sc *sentCtx, m mention) string {
	if seg == "" && !m.poss && m.kind == mCompany && m.i == 0 && sc.ws[m.j-1].punct == 0 {
		// "AWS AI services have crossed ...": the words before the verb
		j := m.j
		for j < len(sc.ws) && j < m.j+3 && !segStop[sc.ws[j].w] && !subjVerbs[sc.ws[j].w] && !descriptorNouns[sc.ws[j].w] && !headlineVerbs[sc.ws[j].w] && sc.ws[j].punct == 0 && !isDigitWord(sc.ws[j].w) && !corpSuffix[sc.ws[j].w] &&
			!(strings.HasSuffix(sc.ws[j].w, "ly") && !sc.ws[j].cap) { // not "Stripe quietly hit"
			j++
		}
		if j > m.j && j < len(sc.ws) && (segStop[sc.ws[j].w] || subjVerbs[sc.ws[j].w]) {
			return sc.s.Text[sc.ws[m.j].start:sc.ws[j-1].end]
		}
	}
	if seg != "" || !m.poss && m.kind != mPronoun {
		return seg
	}
	i := m.j
	if m.kind == mPronoun && sc.ws[m.i].w != "its" && !m.poss {
		return seg
	}
	for i < len(sc.ws) && i < m.j+6 && sc.inAnyAside(sc.ws[i].start) {
		i++ // "Nvidia's (NASDAQ:NVDA) data center revenue": past the ticker
	}
	if i < len(sc.ws) && execTitles[sc.ws[i].w] {
		return seg // "Microsoft's CFO Amy Hood": a person, not a part of the company
	}
	for i < len(sc.ws) && i < m.j+3 && (evaluative[sc.ws[i].w] || sequenceWords[sc.ws[i].w]) {
		i++ // "OpenAI's staggering $30 billion deal", "its next quarterly dividend": no part of the company
	}
	j := i
	for j < len(sc.ws) && j < i+4 && !segStop[sc.ws[j].w] && !isDigitWord(sc.ws[j].w) && sc.ws[j].punct == 0 && !headlineVerbs[sc.ws[j].w] && !sc.figureWord(j) {
		j++
	}
	if j < len(sc.ws) && j < i+4 && sc.ws[j].punct != 0 && !segStop[sc.ws[j].w] && !isDigitWord(sc.ws[j].w) {
		j++ // not the "3" of "its 3,860 employees"
	}
	for j > i && segStop[sc.ws[j-1].w] {
		j--
	}
	if j == i {
		return seg
	}
	return trimMetricWords(strings.TrimRight(sc.s.Text[sc.ws[i].start:sc.ws[j-1].end], ",;:"))
}

// reportedClause returns the first word after the last "that" before word
// at that opens reported speech ("TechInsights indicates that"), else 0.
func (sc *sentCtx) reportedClause(at int) int {
	for p := at - 1; p > 0; p-- {
		if sc.ws[p].w == "that" && (sayVerbs[sc.ws[p-1].w] || reportVerbs[sc.ws[p-1].w]) {
			return p + 1
		}
	}
	return 0
}

var reportVerbs = setOf("indicates", "indicated", "shows", "showed", "found", "finds", "estimates", "estimated",
	"suggests", "suggested", "believes", "believe", "expects", "announced", "confirmed", "disclosed", "revealed")

// participle returns the word index of ", committing" or ", bringing" that
// opens the clause of figure k within its first words, else 0.
func (sc *sentCtx) participle(k int) int {
	wi := sc.fw[k]
	for p := wi[0] - 1; p > 0 && p >= wi[0]-6; p-- {
		w := sc.ws[p].w
		if sc.ws[p-1].punct == ',' && len(w) > 5 && strings.HasSuffix(w, "ing") && !sc.ws[p].cap {
			return p
		}
		if sc.ws[p].punct != 0 {
			break
		}
	}
	return 0
}

// unitPronoun reports "the unit", "the division" among the sentence's
// mentions up to x (an "its" later refers to it too).
func (sc *sentCtx) unitPronoun(x int) bool {
	for _, m := range sc.mentions[:x+1] {
		if m.kind == mPronoun && m.j-m.i == 2 && unitNouns[sc.ws[m.j-1].w] {
			return true
		}
	}
	return false
}

var unitNouns = setOf("unit", "division", "segment", "business", "arm", "subsidiary")

// sequenceWords place a figure in a series ("its next dividend").
var sequenceWords = setOf("next", "previous", "prior", "regular", "special", "latest", "upcoming")

var execTitles = setOf("board", "ceo", "cfo", "coo", "cto", "chief", "president", "chairman", "chairwoman", "founder",
	"cofounder", "co", "executive", "executives", "spokesperson", "spokesman", "spokeswoman", "head", "boss")

// trimMetricWords drops the words of a metric's name that end a segment:
// "Digital Media Annualized Recurring (Revenue)" is the Digital Media segment.
func trimMetricWords(seg string) string {
	for seg != "" {
		k := strings.LastIndexByte(seg, ' ')
		if !trailingMetricWords[strings.ToLower(seg[k+1:])] {
			return seg
		}
		if k < 0 {
			return "" // "annualized" alone names no part of the company
		}
		seg = seg[:k]
	}
	return seg
}

var trailingMetricWords = setOf("annualized", "annualised", "recurring", "annual", "net", "total", "new")

// leadSegment reads "Data center first-quarter revenue was..." and "North
// America segment sales...": capitalized words opening the sentence before a
// period or metric word.
func leadSegment(sc *sentCtx, k int) string {
	ws := sc.ws
	for i := 0; i+1 < len(ws) && i < 4; i++ {
		if ws[i].w == "segment" && i > 0 {
			return sc.s.Text[ws[0].start:ws[i-1].end]
		}
	}
	if len(ws) < 2 || !ws[0].cap {
		return ""
	}
	j := 0
	for j < len(ws) && j < 3 && !segStop[ws[j].w] && !capStop[ws[j].w] && ws[j].punct == 0 {
		j++
	}
	if j == 0 || j >= len(ws) {
		return ""
	}
	if w := ws[j].w; w == "first" || w == "second" || w == "third" || w == "fourth" || w == "revenue" || w == "sales" || w == "quarterly" || w == "arr" || w == "bookings" {
		return sc.s.Text[ws[0].start:ws[j-1].end]
	}
	return ""
}

// attribution finds who the sentence says the figures come from: "according
// to X", "X said", "said X", "X reported", "citing data from X".
func (e *Extractor) attribution(st *docState, sc *sentCtx) string {
	ws := sc.ws
	name := func(m mention) string {
		switch m.kind {
		case mPronoun:
			for _, a := range sc.mentions {
				if a.kind == mCompany && a.start < m.start {
					return mentionName(sc.s.Text, a)
				}
			}
			return st.primary
		case mCompany:
			return mentionName(sc.s.Text, m)
		}
		return mentionName(sc.s.Text, m)
	}
	mentionAtWord := func(i int) (mention, bool) {
		for _, m := range sc.mentions {
			if m.i == i && m.kind != mRegion {
				return m, true
			}
		}
		return mention{}, false
	}
	mentionEndingAt := func(j int) (mention, bool) {
		for _, m := range sc.mentions {
			if m.j == j && m.kind != mRegion {
				return m, true
			}
		}
		return mention{}, false
	}
	for i, w := range ws {
		if w.w == "according" && i+1 < len(ws) && ws[i+1].w == "to" {
			if m, ok := mentionAtWord(i + 2); ok {
				return name(m)
			}
			if i+2 < len(ws) && ws[i+2].w == "analysts" {
				return "analysts"
			}
		}
	}
	for i, w := range ws {
		if !sayVerbs[w.w] {
			continue
		}
		for _, back := range []int{i, i - 1, i - 2} {
			if m, ok := mentionEndingAt(back); ok {
				return name(m)
			}
		}
		if i > 0 && (ws[i-1].w == "analysts" || i > 1 && ws[i-2].w == "analysts") {
			return "analysts"
		}
		if i > 0 && ws[i-1].w == "management" {
			return st.primary
		}
		for _, fwd := range []int{i + 1, i + 2, i + 3} {
			if m, ok := mentionAtWord(fwd); ok && (m.kind == mPerson || m.kind == mPublisher || m.kind == mCompany) {
				return name(m)
			}
		}
	}
	for i, w := range ws {
		if w.w == "citing" {
			for _, m := range sc.mentions {
				if m.i > i && m.i <= i+5 && m.kind != mRegion {
					return name(m)
				}
			}
		}
	}
	return ""
}

// counterpartyOf finds the other party of a deal: "invested $8 billion in
// Anthropic" (the subject then is Anthropic), "committed $100 billion to AWS".
// A party written as "the company" or "it" is other, the company the text
// was about before this sentence's subject came in (see docState.referent).
func counterpartyOf(sc *sentCtx, k int, m claim.Metric, subject, primary, other string) (newSubject, counterparty string, into bool) {
	if m == claim.Capacity || m == claim.Commitment {
		if cp := sc.dealPartner(k, subject); cp != "" {
			return subject, cp, false
		}
	}
	if m != claim.Funding && m != claim.Commitment && m != claim.Valuation && m != claim.Capex {
		return subject, "", false
	}
	wi := sc.fw[k]
	for _, mm := range sc.mentions {
		if mm.i < wi[1] || mm.i > wi[1]+6 || mm.i == 0 {
			continue
		}
		var name string
		switch {
		case mm.kind == mCompany:
			name = mentionName(sc.s.Text, mm)
		case mm.kind == mPronoun && sc.ws[mm.i].w != "its" && other != "":
			name = other // "Nvidia committed $10 billion to the company"
		default:
			continue
		}
		prev := sc.ws[mm.i-1].w
		if mm.kind == mCompany && (prev == "the" || prev == "a") && mm.i > 1 {
			prev = sc.ws[mm.i-2].w
		}
		switch prev {
		case "in", "into":
			if m == claim.Funding || m == claim.Capex || m == claim.Commitment {
				if name == subject {
					return subject, "", true
				}
				return name, subject, true
			}
		case "to", "with":
			if m == claim.Commitment && name != subject {
				return subject, name, false
			}
		case "from", "by":
			if m != claim.Capex && name != subject {
				return subject, name, false
			}
		}
	}
	if m == claim.Commitment {
		// "entering into an agreement with Dell to purchase the chips for
		// $5.8 billion": the party of the deal named before the figure
		for x := len(sc.mentions) - 1; x >= 0; x-- {
			mm := sc.mentions[x]
			if mm.j > wi[0] || wi[0]-mm.j > 12 || mm.kind != mCompany || mm.i < 2 || sc.clauseBreak(mm.j, wi[0]) {
				continue
			}
			if name := mentionName(sc.s.Text, mm); sc.ws[mm.i-1].w == "with" && dealWith[sc.ws[mm.i-2].w] && name != subject {
				return subject, name, false
			}
		}
	}
	if m == claim.Funding && primary != "" && primary != subject && sc.investorVerb(k) {
		// "SoftBank is putting up $30 billion of the total", "ASML, which is
		// contributing €1.3 billion": the investor gives, the company the
		// document is about raises
		return primary, subject, false
	}
	return subject, "", false
}

// dealPartner finds the other company of a capacity deal: a known supplier
// named right after the figure ("6 gigawatts of AMD graphics processors"),
// or the second of two names that strike a deal ("OpenAI and AMD strike
// 6-gigawatt chip deal").
func (sc *sentCtx) dealPartner(k int, subject string) string {
	wi := sc.fw[k]
	for _, mm := range sc.mentions {
		if mm.kind != mCompany || mm.name == "" || mm.i <= wi[1] || mm.i > wi[1]+2 || sc.ws[mm.i-1].w != "of" {
			continue
		}
		if name := mentionName(sc.s.Text, mm); name != subject && mm.j < len(sc.ws) && hardwareNouns[sc.ws[mm.j].w] {
			return name
		}
	}
	for x := 0; x+1 < len(sc.mentions); x++ {
		a, b := sc.mentions[x], sc.mentions[x+1]
		if a.kind != mCompany || b.kind != mCompany || b.j > wi[0] || a.j+1 != b.i || sc.ws[a.j].w != "and" || mentionName(sc.s.Text, a) != subject {
			continue
		}
		for p := b.j; p < b.j+2 && p < wi[0]; p++ {
			if dealVerbs[sc.ws[p].w] {
				return mentionName(sc.s.Text, b)
			}
		}
	}
	return ""
}

var hardwareNouns = setOf("graphics", "gpus", "gpu", "chips", "chip", "processors", "accelerators", "systems", "servers", "instinct", "tpus", "tpu", "hardware")

var dealVerbs = setOf("strike", "strikes", "struck", "sign", "signs", "signed", "ink", "inks", "inked", "agree", "agreed", "seal", "seals", "sealed", "announce", "announced")

// referent is the company "the company" or "it" names when subject, another
// company, is the sentence's own: the company the paragraph opened with
// ("CoreWeave ... Nvidia invested $100 million in it"), else the document's.
func (st *docState) referent(subject string) string {
	if st.topicPara == st.para && st.paraTopic != "" && st.paraTopic != subject {
		return st.paraTopic
	}
	if st.primary != subject {
		return st.primary
	}
	return ""
}

// topic is the sentence's grammatical subject when a company opens it: the
// first name, not an object, aside or speaker, within its first six words
// ("AI cloud infrastructure startup CoreWeave locked up ...").
func (sc *sentCtx) topic() string {
	for _, m := range sc.mentions {
		if m.i > 6 {
			break
		}
		if m.kind == mPronoun {
			return ""
		}
		if m.kind == mCompany && !m.object && !m.aside && !sc.speaker(m) {
			return mentionName(sc.s.Text, m)
		}
	}
	return ""
}

// hasTopic reports a sentence that opens with its own subject.
func (sc *sentCtx) hasTopic() bool { return sc.topic() != "" }

// collective reports a sentence whose subject is many companies at once: a
// plural such as "startups" or "rounds" among its first words, before
// figure k and before any name.
func (sc *sentCtx) collective(k int) bool {
	end := min(sc.fw[k][0], 5)
	for _, m := range sc.mentions {
		end = min(end, m.i)
	}
	for p := 0; p < end; p++ {
		switch w := sc.ws[p].w; {
		case w == "the" || w == "both" || w == "these" || w == "those" || w == "its" || w == "their" || w == "our" || w == "we":
			return false // "both companies", "the four companies' combined": a named group, read as before
		case collectives[w]:
			return true
		case w == "series" && p+1 < len(sc.ws) && len(sc.ws[p+1].w) == 1:
			return true // "A Series A might raise $2-15 million": a kind of round, anyone's
		}
	}
	return false
}

var collectives = setOf("global", "worldwide", "industrywide", "tech", "startups", "companies", "firms", "rounds", "deals", "investors", "hyperscalers", "giants",
	"chipmakers", "automakers", "players", "vendors", "providers", "businesses", "enterprises", "lenders", "banks",
	"funds", "vcs", "corporations", "makers", "labs", "unicorns", "sellers", "operators", "utilities", "insurers")

// sharesOf reports "shares of IREN", "stock of IREN": the company a later
// "the company" or "its" in the sentence refers to.
func (sc *sentCtx) sharesOf(m mention) bool {
	if m.i < 2 || sc.ws[m.i-1].w != "of" {
		return false
	}
	w := sc.ws[m.i-2].w
	return w == "shares" || w == "stock" || w == "stocks"
}

// clauseBreak reports a semicolon or colon after one of the words i to j-1.
func (sc *sentCtx) clauseBreak(i, j int) bool {
	for p := max(i, 0); p < j && p < len(sc.ws); p++ {
		if c := sc.ws[p].punct; c == ';' || c == ':' {
			return true
		}
	}
	return false
}

// investorVerb reports a giving verb in the words just before figure k.
func (sc *sentCtx) investorVerb(k int) bool {
	wi := sc.fw[k]
	for p := max(0, wi[0]-4); p < wi[0]; p++ {
		switch sc.ws[p].w {
		case "contributing", "contributes", "contributed", "contribute", "putting", "puts", "invests", "investing", "invested", "backing", "provides", "providing", "provided":
			return true
		}
	}
	return false
}
