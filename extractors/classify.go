package extractors

import (
	"strings"

	"github.com/claimwire/claimwire/claim"
	"github.com/claimwire/claimwire/extractors/scan"
)

// unitClass groups figures that can stand for the same quantity: a metric
// cue before "$5 billion" stops at an earlier dollar figure, not at a percent.
func unitClass(f scan.Figure) int {
	switch f.Kind {
	case scan.Money:
		if strings.HasSuffix(f.Unit, "/share") {
			return 5
		}
		return 1
	case scan.Percent, scan.Points, scan.GrowthWord:
		return 2
	case scan.Count, scan.Number:
		return 3
	}
	return 4
}

// moneyMetric says which metrics a money figure can have.
func moneyMetric(m claim.Metric) bool {
	switch m {
	case claim.Growth, claim.Customers, claim.Users, claim.Employees, claim.DeployedUnits,
		claim.MarketShare, claim.Utilization, claim.Margin, claim.Capacity, "":
		return false
	}
	return true
}

// figureClaim builds the claim of figure k, or reports that it is none.
func (e *Extractor) figureClaim(st *docState, sc *sentCtx, k int) (claim.Claim, bool) {
	f := sc.figs[k]
	c := claim.Claim{Value: f.Value, Item: f.Item, Qualifier: claim.Qualifier(f.Qualifier), Modality: claim.Actual}
	if c.Qualifier == "" {
		c.Qualifier = claim.Exact
	}
	if f.HasMax {
		v := f.ValueMax
		c.ValueMax = &v
		c.Qualifier = claim.Range
	}
	if p := sc.fw[k][0]; p >= 2 && sc.ws[p-2].w == "plus" && sc.ws[p-1].w == "or" || p >= 3 && sc.ws[p-3].w == "plus" && sc.ws[p-2].w == "or" && sc.ws[p-1].w == "minus" {
		return c, false // the tolerance of a forecast, not a figure of its own
	}
	if before := strings.TrimRight(sc.s.Text[:f.Start-sc.s.Start], " "); strings.HasSuffix(before, "+/-") || strings.HasSuffix(before, "±") || strings.HasSuffix(before, "+/–") {
		return c, false // "$65 billion (+/- 2%)": the same tolerance, written short
	}
	if sc.dropped(k) || sc.beatMargin(k) {
		return c, false
	}
	var metric claim.Metric
	var neg, ok bool
	var coref *claim.Claim
	prev, owner := sc.elided(k)
	switch {
	case sc.row != nil:
		metric, neg, ok = e.rowMetric(st, sc, k)
		c.Value = sc.figs[k].Value
	case prev != nil:
		metric, ok = prev.Metric, true // "Amazon set capex at $200 billion, Alphabet at $180 billion"
	default:
		metric, neg, coref, ok = e.metricOf(st, sc, k)
	}
	if !ok {
		return c, false
	}
	lead := false
	if metric == claim.Other && sc.bullet && st.lead != nil && f.Kind == scan.Money && coref == nil {
		metric, lead = st.lead.Metric, true // "- Meta: north of $100 billion" under a capex lead-in
	}
	c.Metric = metric
	c.Item, c.Unit = sc.figs[k].Item, sc.figs[k].Unit // metricOf may have refined them
	if (f.Kind == scan.Count || f.Kind == scan.Number) && (c.Unit == "" || c.Unit == claim.Count) {
		c.Unit = claim.Count
	}
	if metric == claim.EPS && !strings.HasSuffix(c.Unit, "/share") {
		c.Unit += "/share"
	}
	if p := sc.fw[k][0]; p > 0 && (sc.ws[p-1].w == "negative" || sc.ws[p-1].w == "minus") {
		neg = true // "free cash flow was negative $5.9 billion"
	}
	if sc.converted(k) != nil {
		c.Value = sc.figs[k].Value
	}
	if neg && c.Value > 0 {
		c.Value = -c.Value
		if c.ValueMax != nil { // a loss of $1 to $2 billion runs from -2 to -1
			c.Value, c.ValueMax = -*c.ValueMax, ptr(c.Value)
		}
	}
	if c.Qualifier == claim.Exact {
		c.Qualifier = qualifierBefore(sc, k)
	}
	c.Modality = modalityOf(sc, k, c.Metric)
	if p := sc.converted(k); p != nil {
		c.Modality = p.Modality // "T$452 billion (US$14.7 billion), outperforming analysts' expectations": one figure
	}
	if (lead || sc.bullet && st.lead != nil && st.lead.Metric == metric) && c.Modality == claim.Actual {
		c.Modality = st.lead.Modality // a bulleted estimate under "We now model ..."
	}
	if lo, _ := sc.bounds(k); sc.bullet && st.leadIn != nil && c.Modality == claim.Actual && !sc.strongCompare(lo, sc.fw[k][0]) {
		// "- Revenue of $65 billion" under "guidance for Q4 2026:" (not the
		// "compared with $14.7 billion" of a year before)
		c.Modality = st.leadIn.modality
	}
	if metric == claim.Growth {
		c.Basis = basisOf(sc, k)
	}
	if sc.row != nil {
		if c.Modality == claim.Actual && st.tableModality != "" {
			c.Modality = st.tableModality
		}
		c.Period = e.rowPeriod(st, sc, k, c.Modality == claim.Forecast)
		if c.Period == "" {
			c.Period = st.tablePeriod
		}
	}
	if c.Period == "" && sc.bullet && st.leadIn != nil && st.leadIn.period != "" && len(sc.periods) == 0 {
		c.Period = st.leadIn.period
	}
	if c.Period == "" {
		c.Period = e.periodOf(st, sc, k, c.Modality == claim.Forecast, metric)
	}
	if c.Modality == claim.Actual && flowMetrics[metric] && sc.row == nil && !sc.partOfPeriod() && !st.date.ended(c.Period) {
		c.Modality = claim.Forecast // "capital expenditures for 2025 to $64 billion to $72 billion", said in April 2025
	}
	if metric == claim.Growth && c.Basis == "" && (c.Period == "annual" || c.Period == "ttm" || strings.HasPrefix(c.Period, "FY") && !strings.Contains(c.Period, "-Q")) {
		c.Basis = "yoy"
	}
	c.Subject, c.Segment = e.subjectOf(st, sc, k, coref)
	if prev != nil {
		c.Subject, c.Segment = mentionName(sc.s.Text, owner), prev.Segment
		if c.Modality == claim.Actual {
			c.Modality = prev.Modality
		}
	}
	if c.Subject == "" {
		return c, false
	}
	if c.Metric == claim.Growth && stockWords[strings.ToLower(c.Segment)] {
		return c, false // "TSMC's stock has climbed close to 40% so far this year": a share move
	}
	if mk, ok := makers[c.Subject]; ok && companyMetrics[c.Metric] {
		// "ChatGPT ... a $40 billion round": a product raises no money, its
		// maker does; "Trainium commitments" are Amazon's, for Trainium
		if c.Segment == "" {
			c.Segment = c.Subject
		}
		c.Subject = mk
	}
	if c.Segment != "" && (c.Metric == claim.Funding || c.Metric == claim.Valuation || sc.clauseBetween(c.Segment, k)) {
		c.Segment = "" // a company raises money and is valued as a whole; "OpenAI's push ..., with users climbing to 5 million"
	}
	if joint := sc.jointSubject(k); joint != "" && prev == nil {
		c.Subject = joint // "combined 2026 capital expenditures for Amazon, Microsoft, Alphabet and Meta"
	}
	if c.Segment != "" && sc.segmentOfOther(c.Segment, k, c.Metric) {
		c.Segment = "" // "Its operating margin ..., and adjusted EPS jumped 23%": "operating" is the margin's
	}
	if metricWords[c.Metric][strings.ToLower(c.Segment)] {
		c.Segment = "" // "the company's net income": "net" names the metric, not a part
	}
	c.Attribution = sc.attrib
	var into bool
	c.Subject, c.Counterparty, into = counterpartyOf(sc, k, metric, c.Subject, st.primary, st.referent(c.Subject))
	if into && (metric == claim.Capex || metric == claim.Commitment) {
		c.Metric = claim.Funding // "invest up to $5 billion in Anthropic", "put into OpenAI"
	}
	if (c.Metric == claim.Funding || c.Metric == claim.Commitment) && c.Modality == claim.Forecast && sc.announced(k) {
		c.Modality = claim.Actual // "Microsoft will invest $5 billion": a deal made, not a forecast
	}
	if c.Metric == claim.Commitment && c.Counterparty == "" {
		// "committed £5bn over two years, including a new data centre"
		if _, ok := sc.rightHit(k, 8, len(sc.ws), func(h hit) bool { return h.metric == claim.Capex && h.right }); ok {
			c.Metric = claim.Capex
		} else if h, ok := sc.leftHit(k, 0, func(h hit) bool { return h.metric == claim.Capex && h.right }); ok && h.i >= 0 {
			c.Metric = claim.Capex
		}
	}
	return c, true
}

// joined reports figure k right after "and" or "or".
func (sc *sentCtx) joined(k int) bool {
	i := sc.fw[k][0]
	return i > 0 && (sc.ws[i-1].w == "and" || sc.ws[i-1].w == "or")
}

// estimateOf reports "estimate of", "consensus of", "forecast of", "the
// projected" right before figure k: the estimate of what the sentence
// measured before it.
func (sc *sentCtx) estimateOf(k int) bool {
	wi := sc.fw[k]
	if wi[0] < 2 {
		return false
	}
	switch sc.ws[wi[0]-1].w {
	case "of", "at":
		// "estimate of", "the consensus at", "consensus figure of"
		n := sc.ws[wi[0]-2].w
		if (n == "figure" || n == "number" || n == "view") && wi[0] >= 3 {
			n = sc.ws[wi[0]-3].w
		}
		return estimateNouns[n]
	case "projected", "expected", "estimated", "anticipated", "forecast":
		// "outperforming the projected $5.22"
		w := sc.ws[wi[0]-2].w
		return w == "the" || w == "an" || sc.ws[wi[0]-2].poss
	}
	return false
}

// stockWords name a company's shares: their moves are no business figure.
var stockWords = setOf("stock", "shares", "share", "share price", "stock price", "market value", "market cap", "stock market value")

// companyMetrics are figures of a company as a whole, never of one product.
var companyMetrics = map[claim.Metric]bool{claim.Funding: true, claim.Valuation: true, claim.Commitment: true,
	claim.FreeCashFlow: true, claim.NetIncome: true, claim.OperatingIncome: true, claim.Capex: true,
	claim.Employees: true, claim.Backlog: true}

// clauseBetween reports ", with" between segment seg and figure k: what
// follows opens a phrase with a noun of its own.
func (sc *sentCtx) clauseBetween(seg string, k int) bool {
	_, end, ok := sc.segmentAt(seg)
	if !ok {
		return false
	}
	for p := 0; p < sc.fw[k][0]; p++ {
		w := sc.ws[p]
		if w.start < end {
			continue
		}
		if w.punct == ',' && p+1 < len(sc.ws) && sc.ws[p+1].w == "with" {
			return true
		}
	}
	return false
}

// jointSubject returns the names of a list of companies ("Amazon,
// Microsoft, Alphabet and Meta") that a figure adds up ("combined",
// "together", "collectively" before figure k), as written; "" otherwise.
func (sc *sentCtx) jointSubject(k int) string {
	wi := sc.fw[k]
	sum := -1
	for p := 0; p < wi[0]; p++ {
		switch sc.ws[p].w {
		case "combined", "together", "collectively", "aggregate", "jointly":
			sum = p
		}
	}
	if sum < 0 {
		return ""
	}
	var first, last mention
	n := 0
	aside := false
	for _, m := range sc.mentions {
		if m.kind != mCompany || m.i >= wi[0] {
			continue
		}
		if n > 0 && m.aside && last.j == m.i {
			last.j, aside = m.j, true // "Google (Alphabet), Microsoft": the bracket names the same one
			continue
		}
		p := sc.ws[max(m.i-1, 0)].punct
		if n > 0 && !(last.j == m.i && (p == ',' || aside && p == ')') || last.j == m.i-1 && sc.ws[m.i-1].w == "and") {
			if n >= 2 {
				break
			}
			n = 0
		}
		if n == 0 {
			first = m
		}
		last, aside = m, false
		n++
	}
	if n < 2 || sc.inAside(first.i, wi[0]) {
		return ""
	}
	return sc.s.Text[first.start:last.end]
}

// segmentAt finds where segment seg stands in the sentence: its first
// occurrence's byte range.
func (sc *sentCtx) segmentAt(seg string) (at, end int, ok bool) {
	at = strings.Index(sc.s.Text, seg)
	return at, at + len(seg), at >= 0
}

// segmentOfOther reports a segment that qualifies another metric's noun:
// the words right after it name metric x (not m), and another metric's
// noun stands between them and figure k.
func (sc *sentCtx) segmentOfOther(seg string, k int, m claim.Metric) bool {
	at, end, ok := sc.segmentAt(seg)
	if !ok {
		return false
	}
	wi := sc.fw[k]
	var x claim.Metric
	xj := -1
	for _, h := range sc.hits {
		if h.i >= wi[0] {
			break
		}
		switch {
		case xj < 0 && sc.ws[h.i].start >= at && sc.ws[h.i].start <= end+1 && sc.ws[h.j-1].end > end:
			// the noun right after the segment, or a phrase that holds it
			// ("operating margin" after "operating")
			if h.metric == "" || h.metric == m || h.metric == claim.Growth {
				return false
			}
			x, xj = h.metric, h.j
		case xj >= 0 && h.i >= xj && h.metric != "" && h.metric != x && h.metric != claim.Growth:
			return true
		}
	}
	return false
}

// estimableOf returns the last actual claim in unit of the sentence just
// before, with a metric: what "This beat the analysts' estimates of $54.9
// billion" estimated, even when that sentence ended on a percentage.
func (st *docState) estimableOf(unit string) *claim.Claim {
	if p := st.prevEstimable; p != nil && p.Unit == unit {
		return p
	}
	if st.prevEstimable == nil {
		return nil
	}
	for i := len(st.out) - 1; i >= 0 && st.outSent[i] == st.cur-1; i-- {
		if c := &st.out[i]; c.Unit == unit && c.Metric != claim.Other && c.Metric != claim.Growth && c.Modality == claim.Actual {
			return c
		}
	}
	return nil
}

// beatMargin reports the gap by which a figure beat or missed another
// ("beating the consensus estimate of $1.26 by $0.04, or roughly 3%"):
// a difference of two figures, not a figure of its own.
func (sc *sentCtx) beatMargin(k int) bool {
	wi := sc.fw[k]
	if wi[0] >= 1 && sc.ws[wi[0]-1].w == "or" && k > 0 && sc.fw[k-1][1] == wi[0]-1 {
		return sc.beatMargin(k - 1) // "by $0.04, or roughly 3%"
	}
	if wi[0] < 1 || sc.ws[wi[0]-1].w != "by" || k == 0 {
		return false
	}
	prev := sc.fw[k-1]
	return prev[1] == wi[0]-1 && sc.beats(max(0, wi[0]-10), prev[0])
}

// namesYear reports a year named in the sentence ("in 2025", "fiscal 2026").
func (sc *sentCtx) namesYear() bool {
	for _, p := range sc.periods {
		if p.kind == "fy" {
			return true
		}
	}
	return false
}

// partOfPeriod reports a sentence about part of the period its label names
// ("the first half of fiscal year 2026", "six months", "so far this year")
// or about several periods at once ("..., respectively"): such a figure
// may be over although the named year is not.
func (sc *sentCtx) partOfPeriod() bool {
	for i, w := range sc.ws {
		switch w.w {
		case "half", "halves", "respectively", "ytd", "through", "thus":
			return true
		case "months":
			if i > 0 && (sc.ws[i-1].w == "six" || sc.ws[i-1].w == "nine" || sc.ws[i-1].w == "6" || sc.ws[i-1].w == "9") {
				return true
			}
		case "far", "date":
			if i > 0 && (sc.ws[i-1].w == "so" || sc.ws[i-1].w == "to") {
				return true
			}
		}
	}
	return false
}

// flowMetrics are amounts over a period: a figure for a period not over yet
// can only be a forecast.
var flowMetrics = map[claim.Metric]bool{claim.Revenue: true, claim.NetIncome: true, claim.OperatingIncome: true,
	claim.GrossProfit: true, claim.FreeCashFlow: true, claim.OperatingCashFlow: true, claim.EPS: true,
	claim.Capex: true, claim.Expenses: true, claim.Growth: true, claim.Margin: true}

// estimateNouns name what others expect a figure to be.
var estimateNouns = setOf("estimate", "estimates", "consensus", "forecast", "forecasts", "expectation",
	"expectations", "projection", "projections")

// onlyArticles reports words i to j-1 being "of", "the", "our", "its" or
// "in" alone: one noun phrase ("fair value of the investment").
func (sc *sentCtx) onlyArticles(i, j int) bool {
	for p := i; p < j; p++ {
		switch sc.ws[p].w {
		case "of", "the", "our", "its", "in", "these", "this", "such":
		default:
			return false
		}
	}
	return true
}

// near reports an earlier claim close enough for a figure of the same value
// to be the same figure told again: in the headline or lead (the body
// explains them), or a few sentences back. In a long filing, "$1.9
// billion" of unrealized gains is no relation of the backlog of $1.9
// billion forty pages earlier.
func (st *docState) near(f scan.Figure) bool {
	i, ok := st.seen[figKey{f.Value, f.Unit}]
	if !ok || i >= len(st.outSent) {
		return true
	}
	at := st.outSent[i]
	return at < 4 || st.cur-at <= 12
}

// estimateAfter reports "the 8 trillion won average forecast", "the $11.1
// billion consensus estimate": an estimate named right after figure k.
func (sc *sentCtx) estimateAfter(k int) bool {
	wi := sc.fw[k]
	for p := wi[1]; p < len(sc.ws) && p <= wi[1]+1; p++ {
		if estimateNouns[sc.ws[p].w] {
			return true
		}
		switch sc.ws[p].w {
		case "forecasted", "projected", "expected", "estimated", "predicted":
			if p+1 < len(sc.ws) && sc.ws[p+1].w == "by" {
				return true // "the $56.5 billion forecasted by analysts"
			}
		}
		if sc.ws[p].punct != 0 {
			break
		}
	}
	return false
}

// estimateWord reports an estimate, consensus or expectation named in the
// sentence.
func (sc *sentCtx) estimateWord() bool {
	for _, w := range sc.ws {
		switch {
		case estimateNouns[w.w], w.w == "estimated", w.w == "expected", w.w == "projected", w.w == "anticipated":
			return true
		}
	}
	return false
}

// bracketAfterPrev reports figure k inside brackets that open right after
// the previous figure: "$1.65 billion (consensus: $1.41 billion)".
func (sc *sentCtx) bracketAfterPrev(k int) bool {
	if k == 0 {
		return false
	}
	between := sc.s.Text[sc.figs[k-1].End-sc.s.Start : sc.figs[k].Start-sc.s.Start]
	return len(between) < 30 && strings.HasPrefix(strings.TrimSpace(between), "(") && !strings.Contains(between, ")")
}

// metricWords are words of a metric's own name that read as a segment after a
// possessive.
var metricWords = map[claim.Metric]map[string]bool{
	claim.NetIncome:       {"net": true, "adjusted net": true, "gaap net": true},
	claim.OperatingIncome: {"operating": true, "adjusted operating": true},
	claim.GrossProfit:     {"gross": true},
	claim.FreeCashFlow:    {"free": true, "free cash": true},
	claim.EPS:             {"diluted": true, "adjusted": true, "basic": true},
	claim.Backlog:         {"backlog": true},
}

// elided reads a list that leaves out its verb and metric after the first
// item: "Amazon set 2026 capex at about $200 billion, Alphabet at $175
// billion and Meta at $115 billion". For figure k right after "<company>
// at", it returns the sentence's earlier claim of the same kind of figure and
// the company.
func (sc *sentCtx) elided(k int) (*claim.Claim, mention) {
	wi := sc.fw[k]
	if wi[0] < 2 || sc.ws[wi[0]-1].w != "at" || sc.row != nil {
		return nil, mention{}
	}
	for _, m := range sc.mentions {
		if m.j != wi[0]-1 || m.kind != mCompany || m.poss {
			continue
		}
		if p := sc.prevSameClass(k); p != nil && p.Metric != claim.Other && p.Subject != mentionName(sc.s.Text, m) {
			return p, m
		}
	}
	return nil, mention{}
}

func ptr(v float64) *float64 { return &v }

func abs(v float64) float64 {
	if v < 0 {
		return -v
	}
	return v
}

// metricOf classifies figure k from the cue words around it; coref is the
// earlier claim of the same figure, when the sentence names no metric itself.
func (e *Extractor) metricOf(st *docState, sc *sentCtx, k int) (m claim.Metric, neg bool, coref *claim.Claim, ok bool) {
	f := sc.figs[k]
	wi := sc.fw[k]
	lo, hi := sc.bounds(k)
	if i, found := st.seen[figKey{f.Value, f.Unit}]; found {
		coref = &st.out[i]
	}
	switch f.Kind {
	case scan.Money:
		if p := sc.converted(k); p != nil {
			sc.figs[k].Value = abs(f.Value) // "($16.2 billion)" restates, it is no loss
			return p.Metric, p.Value < 0, p, true
		}
		if strings.HasSuffix(f.Unit, "/share") && f.Value < 1e5 {
			if sc.dividend(k) {
				return claim.Other, false, coref, true // "its quarterly dividend to $0.26 per share"
			}
			return claim.EPS, sc.negEPS(lo, hi), coref, true
		}
		sc.figs[k].Unit = strings.TrimSuffix(f.Unit, "/share") // "$13.5 billion, or $1.26 per share"
		lo = max(lo, sc.consumed(k))
		if m, neg, ok := sc.moneyCue(k, lo, hi); ok {
			return m, neg, coref, true
		}
		if p := sc.prevSameClass(k); p != nil && sc.continues(k) {
			if p.Metric == claim.Growth && wi[0] > 0 && sc.ws[wi[0]-1].w == "to" {
				// "Operating income increased $3.8 billion, or 14%, to $31.3 billion"
				if h, ok := sc.leftHit(k, 0, func(h hit) bool { return moneyMetric(h.metric) }); ok {
					return h.metric, h.neg, coref, true
				}
			}
			return p.Metric, p.Value < 0 && (p.Metric == claim.NetIncome || p.Metric == claim.OperatingIncome), coref, true
		}
		// the same metric as the figure before it: "... estimate of $3.67",
		// "$1.65 billion (consensus: $1.41 billion)", "$2.71 on a GAAP basis
		// and $3.80 on a non-GAAP basis"
		if p := sc.prevSameClass(k); p != nil && p.Metric != claim.Other && (sc.estimateOf(k) || sc.estimateAfter(k) || sc.bracketAfterPrev(k) || sc.joined(k)) {
			return p.Metric, false, coref, true
		}
		if coref != nil && coref.Unit == f.Unit && st.near(f) {
			return coref.Metric, coref.Value < 0, coref, true
		}
		if k > 0 && wi[0] >= 1 && sc.ws[wi[0]-1].w == "to" && sc.fw[k-1][1] == wi[0]-1 && sc.figs[k-1].Kind == scan.Percent &&
			sc.figs[k-1].Qualifier != scan.Range {
			if _, ok := sc.leftHit(k-1, 0, func(h hit) bool { return h.change > 0 }); ok {
				// "OCI will balloon 77% to $18 billion": a business that grew
				// to a size in money grew in sales
				return claim.Revenue, false, coref, true
			}
		}
		if p := st.estimableOf(sc.figs[k].Unit); p != nil && sc.estimateWord() {
			// "Microsoft brought in $16.2 billion in revenues. The average
			// estimate of analysts had been $15.81 billion": the estimate of
			// the figure just reported
			if p.Metric == claim.RevenueRunRate && sc.namesYear() {
				return claim.Revenue, false, coref, true // "forecasts $12.7 billion in 2025": a year's sales
			}
			return p.Metric, false, coref, true
		}
		return claim.Other, false, coref, true
	case scan.Percent, scan.Points, scan.GrowthWord:
		m, neg, _, ok := sc.percentCue(k, lo, hi, f.Kind)
		if p := sc.prevSameClass(k); !ok && p != nil && sc.joined(k) {
			m, neg, ok = p.Metric, false, true // "21% for Micron and 17% for Samsung"
		}
		if n := k + 1; !ok && n < len(sc.figs) && sc.joined(n) && sc.fw[n][0] == sc.fw[k][1]+1 && sc.figs[n].Kind == f.Kind {
			// "59 percent and 51 percent gains": the noun after the pair is both figures'
			_, nhi := sc.bounds(n)
			m, neg, _, ok = sc.percentCue(n, sc.fw[n][1], nhi, f.Kind)
		}
		if coref != nil && coref.Metric != m {
			coref = nil
		}
		return m, neg, coref, ok
	case scan.Count, scan.Number:
		if m, ok := sc.countMetric(k, max(lo, sc.consumed(k)), hi); ok {
			return m, false, coref, true
		}
		return "", false, nil, false
	case scan.Power:
		return claim.Capacity, false, coref, true
	case scan.Multiple:
		for _, h := range sc.hits {
			if h.j <= wi[0] && h.i >= lo || h.i >= wi[1] && h.i < hi && h.i <= wi[1]+3 {
				if h.metric == claim.Revenue || h.metric == claim.RevenueRunRate {
					return claim.Other, false, coref, true
				}
			}
		}
	}
	return "", false, nil, false
}

// bounds returns the words around figure k that belong to it: back to the
// previous figure of the same class, forward to the next figure.
func (sc *sentCtx) bounds(k int) (lo, hi int) {
	cls := unitClass(sc.figs[k])
	for p := k - 1; p >= 0; p-- {
		if unitClass(sc.figs[p]) == cls {
			lo = sc.fw[p][1]
			break
		}
	}
	hi = len(sc.ws)
	if k+1 < len(sc.figs) {
		hi = sc.fw[k+1][0]
	}
	return lo, hi
}

// consumed returns the word after the cues that earlier figures took from
// their right ("$15 billion revenue run rate as ... $20 billion": the run
// rate is the first figure's).
func (sc *sentCtx) consumed(k int) int {
	lo := 0
	for p := 0; p < k; p++ {
		lo = max(lo, sc.rightUsed[p])
	}
	return lo
}

// announced reports a deal stated with "will" or "would" only (no
// "could", "expects", "in talks"): the schema counts a signed deal as actual.
func (sc *sentCtx) announced(k int) bool {
	for _, h := range sc.hits {
		if h.modality == "" || h.i >= sc.fw[k][0] {
			continue
		}
		if w := sc.ws[h.i].w; w != "will" && w != "would" {
			return false
		}
	}
	return true
}

// dropped reports figures that are no business claim: prices, discounts,
// tickets, product multiples, small counts, idioms like "a dollar figure",
// the power of a gadget.
func (sc *sentCtx) dropped(k int) bool {
	f := sc.figs[k]
	wi := sc.fw[k]
	for _, h := range sc.hits {
		if h.drop && (h.j <= wi[0] && h.j >= wi[0]-8 || h.i >= wi[1] && h.i <= wi[1]+2) {
			return true
		}
	}
	if f.Kind == scan.Percent && sc.stockMove(wi[1]) {
		return true
	}
	if f.Kind == scan.Money && strings.HasSuffix(f.Unit, "/share") && wi[0] >= 2 && (sc.ws[wi[0]-1].w == "for" || sc.ws[wi[0]-1].w == "at") &&
		(sc.ws[wi[0]-2].w == "shares" || sc.ws[wi[0]-2].w == "share") {
		return true // "buy up to 160 million shares for $0.01 per share": a price
	}
	t := strings.ToLower(sc.figText(k))
	switch {
	case f.Kind == scan.Multiple:
		return true
	case (f.Kind == scan.Count || f.Kind == scan.Number) && f.Value < 10 && f.Item != "contract" && f.Item != "deal":
		return true
	case f.Kind == scan.Money && f.Value <= 1 && (strings.HasPrefix(t, "a ") || strings.HasPrefix(t, "one ")):
		return true
	case f.Kind == scan.Power && f.Value < 1e6:
		return true
	case f.Kind == scan.Power && wi[1] < len(sc.ws) && sc.ws[wi[1]].w == "per":
		return true
	}
	return false
}

// stockMove reports a share price's move named after a percent that ends
// at word i: "a 40% rise in Oracle's stock", "a 7% jump in its shares".
func (sc *sentCtx) stockMove(i int) bool {
	if i+2 >= len(sc.ws) || sc.ws[i+1].w != "in" {
		return false
	}
	switch sc.ws[i].w {
	case "rise", "jump", "gain", "surge", "increase", "drop", "fall", "decline", "slide", "plunge", "rally", "climb", "spike", "selloff", "slump":
	default:
		return false
	}
	p := i + 2
	if w := sc.ws[p]; w.w == "the" || w.w == "its" || w.w == "their" || w.poss {
		p++
	}
	if p < len(sc.ws) && sc.ws[p].poss {
		p++ // "in Oracle's stock"
	}
	if p >= len(sc.ws) {
		return false
	}
	switch sc.ws[p].w {
	case "stock", "shares", "share", "stocks":
		return p+1 >= len(sc.ws) || sc.ws[p+1].w != "count" && sc.ws[p+1].w != "buybacks" && sc.ws[p+1].w != "repurchases"
	}
	return false
}

// restatedNext reports figure k+1 restating figure k in another currency
// in brackets right after it: "8.08 trillion won (US$5.62 billion)".
func (sc *sentCtx) restatedNext(k int) bool {
	return k+1 < len(sc.figs) && sc.figs[k].Kind == scan.Money && sc.figs[k+1].Kind == scan.Money && sc.bracketedAfter(k+1)
}

// bracketedAfter reports figure k opening a bracket right after figure k-1:
// "¥2.5 trillion ($16.2 billion)".
func (sc *sentCtx) bracketedAfter(k int) bool {
	between := strings.TrimSpace(sc.s.Text[sc.figs[k-1].End-sc.s.Start : sc.figs[k].Start-sc.s.Start])
	return between == "(" || between == "" && strings.HasPrefix(sc.figText(k), "(")
}

// converted returns the claim of the figure that figure k restates in
// another currency: "¥2.5 trillion ($16.2 billion)".
func (sc *sentCtx) converted(k int) *claim.Claim {
	if k == 0 || sc.claims[k-1] == nil || sc.figs[k-1].Kind != scan.Money || !sc.bracketedAfter(k) {
		return nil
	}
	return sc.claims[k-1]
}

// continues reports figure k as the other side of the previous figure of its
// class: "compared with $X", "from $X ... to $Y", "$X, or $Y".
func (sc *sentCtx) continues(k int) bool {
	lo, _ := sc.bounds(k)
	wi := sc.fw[k]
	if sc.strongCompare(lo, wi[0]) {
		return true
	}
	if w := sc.ws[wi[0]].w; w == "from" || w == "between" {
		return true // "the range running from $6.10 to $8.25"
	}
	for p := max(lo, wi[0]-8); p < wi[0]; p++ {
		if w := sc.ws[p].w; w == "from" || w == "to" || w == "or" || w == "versus" || w == "vs" || w == "reach" || w == "against" || w == "double" || w == "twice" || w == "than" || w == "triple" || w == "range" {
			return true
		}
	}
	return sc.listed(k, lo)
}

// listed reports figure k as the next item of a list: "$32 billion, $73
// billion and $114 billion".
func (sc *sentCtx) listed(k, lo int) bool {
	wi := sc.fw[k]
	if lo == 0 || wi[0]-lo > 2 {
		return false
	}
	for p := lo; p < wi[0]; p++ {
		if w := sc.ws[p].w; w != "and" && w != "or" && w != "then" {
			return false
		}
	}
	return true
}

func (sc *sentCtx) prevSameClass(k int) *claim.Claim {
	cls := unitClass(sc.figs[k])
	for p := k - 1; p >= 0; p-- {
		if unitClass(sc.figs[p]) == cls {
			return sc.claims[p]
		}
	}
	return nil
}

// rightHits returns cues right after figure k: within n words, before the
// next figure and any comma.
func (sc *sentCtx) rightHit(k, n, hi int, want func(hit) bool) (hit, bool) {
	wi := sc.fw[k]
	stop := min(hi, wi[1]+n)
	for p := max(wi[1]-1, 0); p < wi[1]+n && p < len(sc.ws); p++ {
		if sc.ws[p].punct != 0 && sc.ws[p].punct != '-' && sc.ws[p].punct != '"' {
			stop = min(stop, p+1)
			break
		}
		if p >= wi[1] && (clauseWords[sc.ws[p].w] || rightStops[sc.ws[p].w]) {
			stop = min(stop, p)
			break
		}
	}
	for _, h := range sc.hits {
		if h.i >= wi[1] && h.i < stop && want(h) && !sc.inFigure(h) && !(h.right && sc.determinerIn(wi[1], h.i)) {
			return h, true
		}
	}
	return hit{}, false
}

var perWords = setOf("year", "month", "quarter", "week", "day")

// determinerIn reports an article or possessive among words [i, j): a cue
// that names the metric only right after a figure ("a $10 billion business")
// is another noun phrase after one ("invested $8 billion in the company").
func (sc *sentCtx) determinerIn(i, j int) bool {
	for p := i; p < j && p < len(sc.ws); p++ {
		switch sc.ws[p].w {
		case "a":
			if p+1 < len(sc.ws) && perWords[sc.ws[p+1].w] {
				continue // "a $20 billion-a-year business"
			}
			return true
		case "the", "an", "its", "their", "this", "that":
			return true
		}
	}
	return false
}

// inFigure reports a cue inside some figure's words ("$1.26 per diluted
// share" holds its own cue).
func (sc *sentCtx) inFigure(h hit) bool { return sc.figureWord(h.i) }

// rightStops open a new phrase after a figure: "$13 billion at a valuation
// of ..." does not make the $13 billion a valuation.
var rightStops = setOf("at", "for", "from", "to", "by", "on", "after", "than", "versus", "vs")

var clauseWords = setOf("and", "while", "but", "whereas", "with", "as", "after", "before", "which", "that")

// leftHit returns the nearest cue before figure k (not before lo) that want accepts.
func (sc *sentCtx) leftHit(k, lo int, want func(hit) bool) (hit, bool) {
	wi := sc.fw[k]
	for x := len(sc.hits) - 1; x >= 0; x-- {
		h := sc.hits[x]
		if h.j > wi[0] || h.i < lo || sc.inFigure(h) || h.right {
			continue
		}
		if want(h) && len(sc.asides) > 0 && sc.inAside(h.i, wi[0]) && sc.inAside(h.j-1, wi[0]) {
			continue // "RPO, which is business not yet recognized as revenue, has been $98 billion"
		}
		if want(h) {
			return h, true
		}
	}
	return hit{}, false
}

func (sc *sentCtx) moneyCue(k, lo, hi int) (claim.Metric, bool, bool) {
	wi := sc.fw[k]
	if sc.restatedNext(k) {
		// "a record 8.08 trillion won (US$5.62 billion) in operating
		// profit": the noun after the restatement names both
		after := sc.fw[k+1][1]
		for _, h := range sc.hits {
			if h.i >= after && h.i <= after+1 && moneyMetric(h.metric) {
				return h.metric, h.neg, true
			}
		}
	}
	isMoney := func(h hit) bool {
		// "$1 trillion worth of such deals": an amount of what follows, no valuation
		return moneyMetric(h.metric) && !(h.j == wi[1]+1 && sc.ws[h.i].w == "worth" && h.j < len(sc.ws) && sc.ws[h.j].w == "of")
	}
	// "increased by $2 billion", "added $2 billion": an absolute change
	if wi[0] >= 1 {
		p := wi[0] - 1
		if sc.ws[p].w == "by" && p >= 1 {
			if h, ok := sc.leftHit(k, wi[0]-3, func(h hit) bool { return h.change != 0 }); ok {
				return claim.Growth, h.change < 0, true
			}
		}
		if w := sc.ws[p].w; w == "added" || w == "adds" || w == "adding" {
			for q := wi[1]; q < len(sc.ws) && q < wi[1]+3; q++ {
				if w := sc.ws[q].w; w == "orders" || w == "bookings" {
					return claim.Other, false, true // "a customer adding over $10 billion in orders": orders, no change
				}
			}
			return claim.Growth, false, true
		}
		// "Operating income increased $7.4 billion or 24%"
		if h, ok := sc.leftHit(k, p, func(h hit) bool { return h.change != 0 }); ok && h.j == wi[0] {
			return claim.Growth, h.change < 0, true
		}
		if h, ok := sc.leftHit(k, max(0, p-1), func(h hit) bool { return h.metric == claim.DeployedUnits }); ok && h.j >= wi[0]-1 {
			return claim.Revenue, false, true // "shipped $8.2 billion"
		}
	}
	if h, ok := sc.rightHit(k, 5, hi, isMoney); ok {
		if h.metric == claim.Capex && h.right {
			// "a $29 billion data center funding round": what the data
			// centers are for is named by the noun that ends the phrase
			if h2, ok := sc.rightHit(k, 5, hi, func(x hit) bool { return x.i == h.j && x.metric == claim.Funding }); ok &&
				fundingNouns[sc.ws[h2.i].w] {
				h = h2
			}
		}
		if h.metric == claim.Revenue || h.metric == claim.NetIncome {
			// "$15 billion in revenue run rate" reads on
			if h2, ok := sc.rightHit(k, 6, hi, func(x hit) bool { return x.metric == claim.RevenueRunRate }); ok {
				h = h2
			}
		}
		sc.rightUsed[k] = h.j
		return h.metric, h.neg, true
	}
	if _, ok := sc.rightHit(k, 5, hi, func(h hit) bool { return h.metric == claim.DeployedUnits && !sc.ws[h.i].cap }); ok {
		return claim.Revenue, false, true // "$20 billion of AI server shipments"
	}
	if _, ok := sc.rightHit(k, 4, hi, func(h hit) bool { return h.annual }); ok {
		if _, ok := sc.leftHit(k, lo, func(h hit) bool { return h.runRate }); ok {
			return claim.RevenueRunRate, false, true
		}
	}
	if h, ok := sc.leftHit(k, lo, isMoney); ok {
		if h.metric == claim.Capex && strings.HasPrefix(sc.ws[h.j-1].w, "spen") && wi[1]+1 < len(sc.ws) && sc.ws[wi[1]].w == "on" {
			// "spend $10 million to $20 million on severance packages": what
			// the money is spent on decides
			for _, x := range sc.hits {
				if x.i > wi[1] && x.i <= wi[1]+3 && x.metric == claim.Expenses {
					return claim.Expenses, false, true
				}
			}
		}
		if h.metric == claim.Funding || h.metric == claim.Valuation || h.metric == claim.Backlog {
			// "the fair value of the investment was $2.8 billion": the
			// phrase's head is a balance-sheet measure
			for _, o := range sc.hits {
				if o.metric == claim.Other && o.j <= h.i && o.j >= h.i-3 && sc.onlyArticles(o.j, h.i) {
					return claim.Other, false, true
				}
			}
		}
		if h.metric == claim.Valuation && sc.valuedThing(h.i) {
			return claim.Other, false, true // "the buyback was valued at $110 billion": no company's worth
		}
		if h.metric == claim.Valuation && sc.ws[h.i].w == "worth" {
			// "a backlog of contracts worth $52.9 billion", "a deal worth $10
			// billion": worth links the figure to what it measures
			for _, want := range []func(hit) bool{
				func(x hit) bool { return x.metric == claim.Backlog && x.i < h.i },
				func(x hit) bool { return isMoney(x) && x.metric != claim.Valuation && x.i < h.i },
			} {
				if b, ok := sc.leftHit(k, lo, want); ok && h.i-b.j <= 6 {
					return b.metric, b.neg, true
				}
			}
		}
		if h.metric == claim.Revenue || h.metric == claim.Commitment {
			// "backlog of contracted cloud revenue ... to $155 billion"
			if b, ok := sc.leftHit(k, lo, func(x hit) bool { return x.metric == claim.Backlog }); ok && h.i-b.j <= 6 {
				return b.metric, false, true
			}
		}
		return h.metric, h.neg, true
	}
	return "", false, false
}

// partOfTotal reports "making up 90% of total ad revenue", "accounting for
// 40% of sales": the part a segment is of a whole, neither a growth nor (with
// no market named) a market share.
func (sc *sentCtx) partOfTotal(k int) bool {
	// "accounted for 37% and 38% of total receivables": the list's first
	// figure follows the verb, its last one precedes "of"
	listed := func(n int) bool { // figure n follows n-1 in a list: "23%, 19% and 14%"
		gap := sc.s.Text[sc.figs[n-1].End-sc.s.Start : sc.figs[n].Start-sc.s.Start]
		return sc.fw[n-1][1]+1 == sc.fw[n][0] && sc.joined(n) || strings.TrimSpace(gap) == ","
	}
	first, last := k, k
	for first > 0 && listed(first) {
		first--
	}
	for last+1 < len(sc.figs) && listed(last+1) {
		last++
	}
	wi := [2]int{sc.fw[first][0], sc.fw[last][1]}
	if wi[0] < 2 || wi[1] < len(sc.ws) && sc.ws[wi[1]].w != "of" {
		return false // ("which accounted for 49% and 19%." ends on the figures)
	}
	a, b := sc.ws[wi[0]-2].w, sc.ws[wi[0]-1].w
	if !(b == "up" && (a == "making" || a == "made" || a == "makes" || a == "make") ||
		b == "for" && (a == "accounting" || a == "accounted" || a == "accounts" || a == "account") ||
		b == "representing" || b == "represented" || b == "represents" || b == "comprising") {
		return false
	}
	from, to := wi[1]+1, wi[1]+4
	if wi[1] >= len(sc.ws) {
		from, to = 0, len(sc.ws) // the total was named before the figures
	}
	for p := from; p < len(sc.ws) && p <= to; p++ {
		if w := sc.ws[p].w; w == "market" || w == "share" || w == "shares" {
			return false
		}
	}
	return true
}

// dividend reports a dividend or payout named in the few words before
// figure k: a per-share amount paid out, not earned.
func (sc *sentCtx) dividend(k int) bool {
	wi := sc.fw[k]
	for p := wi[0] - 1; p >= 0 && p >= wi[0]-6; p-- {
		switch sc.ws[p].w {
		case "dividend", "dividends", "payout", "distribution", "distributions":
			return true
		}
		if sc.ws[p].punct == '.' || sc.ws[p].punct == ';' {
			break
		}
	}
	return false
}

// valuedThings are what "valued at" can follow without naming a company's
// worth ("the buyback was valued at").
func (sc *sentCtx) valuedThing(i int) bool {
	for p := i - 1; p >= 0 && p >= i-3; p-- {
		switch w := sc.ws[p].w; {
		case valuedThings[w]:
			return true
		case w != "was" && w != "is" && w != "were" && w != "be" && w != "been" && w != "being":
			return false
		}
	}
	return false
}

var valuedThings = setOf("buyback", "buybacks", "repurchase", "repurchases", "program", "programme", "authorization")

var fundingNouns = setOf("funding", "financing", "round", "raise", "fundraising")

func (sc *sentCtx) negEPS(lo, hi int) bool {
	for _, h := range sc.hits {
		if h.i >= lo && h.i < hi && h.metric == claim.EPS && h.neg {
			return true
		}
	}
	return false
}

// percentOfWhat reads the noun a percentage is of: "a 10% stake in AMD" is
// a holding (other), "roughly 90% of the AI-accelerator market" a market
// share.
func (sc *sentCtx) percentOfWhat(k int) (claim.Metric, bool) {
	e := sc.fw[k][1]
	if e < len(sc.ws) {
		switch sc.ws[e].w {
		case "stake", "stakes", "ownership", "interest", "holding":
			return claim.Other, true
		}
	}
	if e+2 < len(sc.ws) && sc.ws[e].w == "of" && sc.ws[e+1].w == "the" {
		for p := e + 2; p < len(sc.ws) && p <= e+5; p++ {
			if w := sc.ws[p].w; w == "market" || w == "markets" {
				return claim.MarketShare, true
			}
			if sc.ws[p].punct != 0 {
				break
			}
		}
	}
	return "", false
}

// percentCue classifies a percentage: a margin, a share, a utilization, or
// growth when a change or a comparison basis is near.
func (sc *sentCtx) percentCue(k, lo, hi int, kind scan.Kind) (claim.Metric, bool, *claim.Claim, bool) {
	if kind == scan.GrowthWord {
		return claim.Growth, false, nil, true
	}
	if m, ok := sc.percentOfWhat(k); ok {
		return m, false, nil, true
	}
	if wi := sc.fw[k]; wi[0] >= 2 && (sc.ws[wi[0]-1].w == "than" || sc.ws[wi[0]-1].w == "the" && sc.ws[wi[0]-2].w == "than") {
		// "gross margin was 73.4%, slightly lower than the 74.6% reported a
		// year earlier": the other side of the comparison, the same measure
		if p := sc.prevSameClass(k); p != nil && p.Metric != claim.Growth {
			return p.Metric, false, nil, true
		}
	}
	// a change word right after: "40% quarter-over-quarter growth", "13% lower"
	if h, ok := sc.rightHit(k, 4, hi, func(h hit) bool {
		return h.metric == claim.Growth || h.change != 0 || h.basis != "" || h.metric == claim.Margin || h.metric == claim.MarketShare || h.metric == claim.Utilization
	}); ok {
		if _, g := sc.rightHit(k, 4, hi, func(x hit) bool { return x.metric == claim.Growth || x.basis != "" }); g && h.metric == claim.Utilization {
			return claim.Growth, false, nil, true // "150 percent utilization growth": the growth of utilization
		}
		switch {
		case h.metric == claim.Margin, h.metric == claim.MarketShare, h.metric == claim.Utilization:
			return h.metric, false, nil, true
		default:
			return claim.Growth, sc.falling(k, lo, hi), nil, true
		}
	}
	// "operating margin widened by 7 percentage points ... to 47%": the level
	if wi := sc.fw[k]; wi[0] > 0 && sc.ws[wi[0]-1].w == "to" {
		if p := sc.prevSameClass(k); p != nil && p.Metric == claim.Growth {
			if lv, ok := sc.leftHit(k, 0, func(x hit) bool {
				return x.metric == claim.Margin || x.metric == claim.MarketShare || x.metric == claim.Utilization
			}); ok {
				return lv.metric, false, nil, true
			}
		}
	}
	// "Adjusted EBITDA of $10,702 million, or 67 percent of revenue": a margin
	if wi := sc.fw[k]; wi[1]+1 < len(sc.ws) && sc.ws[wi[1]].w == "of" && (sc.ws[wi[1]+1].w == "revenue" || sc.ws[wi[1]+1].w == "revenues" || sc.ws[wi[1]+1].w == "sales") {
		for p := k - 1; p >= 0; p-- {
			if c := sc.claims[p]; c != nil && sc.figs[p].Kind == scan.Money {
				if wi[0]-sc.fw[p][1] > 4 {
					break // "... $14.76 billion, consisting of AI applications which account for 57 percent of revenue"
				}
				switch c.Metric {
				case claim.NetIncome, claim.OperatingIncome, claim.GrossProfit, claim.FreeCashFlow, claim.OperatingCashFlow, claim.Other:
					return claim.Margin, false, nil, true
				}
				break
			}
		}
	}
	if sc.partOfTotal(k) {
		return claim.Other, false, nil, true // "mobile making up 90% of total ad revenue"
	}
	if p := sc.prevSameClass(k); p != nil && (sc.strongCompare(lo, sc.fw[k][0]) || sc.listed(k, lo)) {
		return p.Metric, p.Value < 0 && p.Metric == claim.Growth && sc.falling(k, lo, hi), nil, true
	}
	h, ok := sc.leftHit(k, lo, func(h hit) bool {
		return h.metric != "" || h.change != 0 || h.basis != ""
	})
	if p := sc.prevSameClass(k); !ok && p != nil && sc.continues(k) {
		return p.Metric, p.Value < 0 && p.Metric == claim.Growth && sc.falling(k, lo, hi), nil, true
	}
	if !ok {
		if kind == scan.Points {
			return claim.Growth, false, nil, true
		}
		return "", false, nil, false // a percentage of nothing named
	}
	if wi := sc.fw[k]; h.change != 0 && wi[0] > 0 && (sc.ws[wi[0]-1].w == "to" || sc.ws[wi[0]-1].w == "at") {
		if lv, ok := sc.leftHit(k, lo, func(x hit) bool {
			return x.metric == claim.Margin || x.metric == claim.MarketShare || x.metric == claim.Utilization
		}); ok {
			return lv.metric, false, nil, true // "gross margin decreased to 72.4%"
		}
	}
	if kind == scan.Points {
		if _, ok := sc.leftHit(k, lo, func(x hit) bool { return x.change != 0 }); ok {
			return claim.Growth, sc.falling(k, lo, hi), nil, true // "margin widened by 7 percentage points"
		}
	}
	if h.metric == claim.MarketShare {
		// "Gross margin is expected to hold ... around 75%": the margin is named
		if m, ok := sc.leftHit(k, lo, func(x hit) bool { return x.metric == claim.Margin || x.metric == claim.Utilization }); ok {
			return m.metric, false, nil, true
		}
	}
	switch {
	case h.metric == claim.Margin || h.metric == claim.MarketShare || h.metric == claim.Utilization:
		return h.metric, false, nil, true
	case h.change != 0 || h.basis != "" || h.metric == claim.Growth:
		return claim.Growth, sc.falling(k, lo, hi), nil, true
	}
	// a metric noun with no change word: "revenue growth of 20%" was caught
	// above; "tax rate of 21%", "40% of revenue" are other figures
	if _, ok := sc.leftHit(k, lo, func(h hit) bool { return h.change != 0 || h.basis != "" }); ok {
		return claim.Growth, sc.falling(k, lo, hi), nil, true
	}
	return "", false, nil, false // "tax rate of 21%", "4% of revenue": ratios, not claims
}

// falling reports a decline: the nearest change word says down.
func (sc *sentCtx) falling(k, lo, hi int) bool {
	if h, ok := sc.rightHit(k, 3, hi, func(h hit) bool { return h.change != 0 }); ok {
		return h.change < 0
	}
	if h, ok := sc.leftHit(k, lo, func(h hit) bool { return h.change != 0 }); ok {
		if h.change < 0 && h.j+1 == sc.fw[k][0] && sc.ws[h.j].w == "from" {
			return false // "by dropping from 49% growth a year ago to 37%": the level it fell from
		}
		if h.change < 0 {
			// "growth could fall back under 18%": the rate falls to a level
			if _, g := sc.leftHit(k, max(lo, h.i-4), func(x hit) bool { return x.metric == claim.Growth && x.i < h.i }); g {
				return false
			}
		}
		return h.change < 0
	}
	return false
}

// itemMetric maps a counted noun to its metric.
var itemMetric = func() map[string]claim.Metric {
	m := map[string]claim.Metric{}
	set := func(metric claim.Metric, items string) {
		for _, it := range strings.Fields(items) {
			m[it] = metric
		}
	}
	set(claim.DeployedUnits, "chip gpu tpu cpu accelerator processor server unit device vehicle robot satellite rack node instance car phone smartphone")
	set(claim.Customers, "customer client company firm organization business enterprise advertiser merchant seller buyer startup")
	set(claim.Users, "user subscriber member account download visitor viewer household seat license creator developer person")
	set(claim.Employees, "employee worker job staff engineer researcher hire layoff role position")
	return m
}()

// countNouns are plural nouns that make a bare number a count.
var countNouns = map[string]string{"customers": "customer", "users": "user", "employees": "employee",
	"subscribers": "subscriber", "chips": "chip", "gpus": "GPU", "servers": "server", "workers": "worker",
	"companies": "company", "developers": "developer", "accelerators": "accelerator", "clients": "client",
	"businesses": "business", "members": "member", "jobs": "job", "staff": "staff", "people": "person"}

func (sc *sentCtx) countMetric(k, lo, hi int) (claim.Metric, bool) {
	f := sc.figs[k]
	wi := sc.fw[k]
	item := f.Item
	if item == "" {
		// "500,000 Trainium2 chips": a name between the number and its noun
		for p := wi[1]; p < len(sc.ws) && p <= wi[1]+1; p++ {
			if it, ok := countNouns[sc.ws[p].w]; ok {
				item = it
				break
			}
			if !sc.ws[p].cap && !sc.ws[p].upper {
				break
			}
		}
		if item != "" {
			sc.figs[k].Item, sc.figs[k].Unit = item, claim.Count
		}
	}
	if h, ok := sc.leftHit(k, max(lo, wi[0]-4), func(h hit) bool { return h.metric == claim.Capacity }); ok && h.metric != "" {
		return claim.Capacity, true
	}
	if item == "" && f.Kind == scan.Number && sc.continues(k) {
		// "500 million people ..., up from 400 million"
		if p := sc.prevSameClass(k); p != nil && p.Unit == claim.Count {
			sc.figs[k].Item, sc.figs[k].Unit = p.Item, claim.Count
			return p.Metric, true
		}
	}
	if item == "" {
		// "headcount of 300,000", "customers topped 100,000"; "daily active
		// people (DAP) climbing 5% year-over-year to 3.43 billion": the words
		// of a change before the level do not count
		from := wi[0] - 8
		if k > 0 && wi[0] >= 1 && sc.ws[wi[0]-1].w == "to" && sc.figs[k-1].Kind == scan.Percent && sc.fw[k-1][1] > wi[0]-6 {
			from = sc.fw[k-1][0] - 6
		}
		if h, ok := sc.leftHit(k, max(lo, from), func(h hit) bool {
			return h.metric == claim.Customers || h.metric == claim.Users || h.metric == claim.Employees
		}); ok {
			return h.metric, true
		}
		return "", false
	}
	if f.Value >= 1900 && f.Value <= 2100 && f.Value == float64(int(f.Value)) && !strings.Contains(sc.figText(k), ",") {
		return "", false // a year read as a count
	}
	if h, ok := sc.leftHit(k, max(lo, wi[0]-4), func(h hit) bool {
		return h.metric == claim.Customers || h.metric == claim.Users || h.metric == claim.Employees
	}); ok && (item == "person" || item == "people") {
		return h.metric, true // "employs around 350 people"
	}
	if m, ok := itemMetric[strings.ToLower(item)]; ok {
		return m, true
	}
	if otherItems[strings.ToLower(item)] {
		return claim.Other, true
	}
	return "", false
}

// otherItems are counted business things without a metric of their own.
var otherItems = setOf("store", "data center", "datacenter", "country", "warehouse", "facility", "region",
	"partner", "product", "model", "app", "application", "patent", "transaction", "order", "deal", "contract",
	"location", "site", "plant", "factory", "restaurant", "office", "campus", "city", "project", "agent")
