package extractors

import (
	"strings"

	"github.com/claimwire/claimwire/claim"
	"github.com/claimwire/claimwire/extractors/scan"
)

// rowCtx is a table row ("Revenue | $42.31 billion | $36.46 billion | 16%"),
// read with its label's metric and each column's heading.
type rowCtx struct {
	cells  [][2]int // byte ranges of the cells in the sentence
	label  bool     // the first cell is a label, not a value
	header []string // the table's headings, one per value column (or per cell)
}

// isRowText reports a table row or heading line.
// containsFold reports whether s holds lower, an ASCII lower-case word, in
// any ASCII case: strings.Contains(strings.ToLower(s), lower) without the
// copy, for a word without "k" or "i": only "K" (Kelvin) and "İ" lower-case
// into ASCII.
func containsFold(s, lower string) bool {
	c0 := lower[0]
	for i := 0; i+len(lower) <= len(s); i++ {
		if s[i]|0x20 != c0 {
			continue
		}
		k := 1
		for k < len(lower) && s[i+k]|0x20 == lower[k] {
			k++
		}
		if k == len(lower) {
			return true
		}
	}
	return false
}

func isRowText(s string) bool {
	return strings.HasPrefix(s, "|") || strings.Contains(s, " | ")
}

// isRuleRow reports a Markdown rule line ("|---|:--|").
func isRuleRow(s string) bool {
	return strings.Trim(s, "|-: \t") == ""
}

// isHeadingRow reports a row with no value cell: column headings.
func isHeadingRow(s string) bool {
	for _, c := range pipeCells(s) {
		if isValueCell(c) {
			return false
		}
	}
	return true
}

func newRow(s string, header []string) *rowCtx {
	r := &rowCtx{header: header}
	start := 0
	for i := 0; i <= len(s); i++ {
		if i == len(s) || s[i] == '|' {
			a, b := start, i
			for a < b && (s[a] == ' ' || s[a] == '\t') {
				a++
			}
			for b > a && (s[b-1] == ' ' || s[b-1] == '\t') {
				b--
			}
			if !(b == a && (i == len(s) || start == 0)) {
				r.cells = append(r.cells, [2]int{a, b})
			}
			start = i + 1
		}
	}
	if len(r.cells) > 0 {
		c := r.cells[0]
		r.label = !isValueCell(s[c[0]:c[1]])
	}
	return r
}

// cellOf returns the cell holding byte offset at.
func (r *rowCtx) cellOf(at int) int {
	for i, c := range r.cells {
		if at >= c[0] && at <= c[1] {
			return i
		}
	}
	return -1
}

// heading returns the heading of cell ci.
func (r *rowCtx) heading(ci int) string {
	if len(r.header) == 0 {
		return ""
	}
	if len(r.header) == len(r.cells) {
		return r.header[ci]
	}
	vi := ci
	if r.label {
		vi--
	}
	if vi >= 0 && vi < len(r.header) && len(r.header) == len(r.cells)-1 {
		return r.header[vi]
	}
	return ""
}

// labelWords returns the word range of the label cell.
func (sc *sentCtx) labelWords() [2]int {
	if sc.row == nil || !sc.row.label {
		return [2]int{0, 0}
	}
	c := sc.row.cells[0]
	return wordRange(sc.ws, c[0], c[1])
}

// rowMetric classifies figure k of a table row: its own cell's words first,
// else the row label's; a "% Change" or "$ Change" column is growth.
func (e *Extractor) rowMetric(st *docState, sc *sentCtx, k int) (claim.Metric, bool, bool) {
	f := sc.figs[k]
	ci := sc.row.cellOf(f.Start - sc.s.Start)
	if ci <= 0 && sc.row.label {
		return "", false, false // a figure inside the label ("Q1 2026 growth")
	}
	head := strings.ToLower(sc.row.heading(ci))
	lw := sc.labelWords()
	cell := sc.row.cells[ci]
	cw := wordRange(sc.ws, cell[0], cell[1])
	var labelMetric claim.Metric
	labelNeg := false
	for _, h := range sc.hits {
		if h.i >= lw[0] && h.j <= lw[1] && h.metric != "" && !sc.inFigure(h) && !h.right {
			labelMetric, labelNeg = h.metric, h.neg
			if h.metric == claim.Other {
				break // "Total shareholders' equity": a balance, whatever its last word says
			}
		}
	}
	change := strings.Contains(head, "change") || strings.Contains(head, "growth") || strings.Contains(head, "y/y") || strings.Contains(head, "increase")
	switch f.Kind {
	case scan.Percent, scan.Points, scan.GrowthWord:
		switch labelMetric {
		case claim.Margin, claim.MarketShare, claim.Utilization:
			if !change {
				return labelMetric, false, true
			}
		}
		for _, h := range sc.hits {
			if h.i >= cw[0] && h.j <= cw[1] && (h.metric == claim.Margin || h.metric == claim.MarketShare) {
				return h.metric, false, true
			}
		}
		if change || labelMetric == claim.Growth || sc.rowHasAmounts() {
			// a "% Change" column, or a growth row; "(2%)" there is a decline
			a, b := f.Start-sc.s.Start, f.End-sc.s.Start
			return claim.Growth, a > 0 && sc.s.Text[a-1] == '(' && b < len(sc.s.Text) && sc.s.Text[b] == ')', true
		}
		return "", false, false // "Tax rate | ~21.5%": a rate of nothing we track
	case scan.Money, scan.Number, scan.Count:
		if f.Kind != scan.Money && !(st.scale > 0 || labelMetric == claim.EPS || moneyMetric(labelMetric)) {
			if labelMetric == claim.Customers || labelMetric == claim.Users || labelMetric == claim.Employees {
				return labelMetric, false, true
			}
			return "", false, false
		}
		if f.Kind != scan.Money {
			// a bare number in a money table: dollars at the table's scale
			sc.figs[k].Unit, sc.figs[k].Item = claim.USD, ""
			if labelMetric != claim.EPS && st.scale > 0 && !hasScaleWord(sc.figText(k)) {
				sc.figs[k].Value *= st.scale
			}
		} else if labelMetric != claim.EPS && st.scale > 0 && !hasScaleWord(sc.figText(k)) && !strings.HasSuffix(f.Unit, "/share") {
			sc.figs[k].Value *= st.scale
		}
		if change {
			return claim.Growth, false, true
		}
		for _, h := range sc.hits {
			if h.i >= cw[0] && h.j <= cw[1] && moneyMetric(h.metric) && !sc.inFigure(h) {
				return h.metric, h.neg, true
			}
		}
		if labelMetric != "" && (moneyMetric(labelMetric) || labelMetric == claim.EPS) {
			return labelMetric, labelNeg, true
		}
		if st.section != "" {
			return st.section, false, true // "Hosting" under "Cost of revenue:"
		}
		if st.tableMetric != "" {
			return st.tableMetric, false, true
		}
		return claim.Other, false, true
	}
	return "", false, false
}

// rowHasAmounts reports a money or bare-number cell in the row, beside which
// a percentage is its change.
func (sc *sentCtx) rowHasAmounts() bool {
	for _, f := range sc.figs {
		if f.Kind == scan.Money || f.Kind == scan.Number {
			return true
		}
	}
	return false
}

// hasScaleWord reports "billion", "bn", "M" and the like in a figure's
// text (currency letters before a "$", as in "US$", do not count).
func hasScaleWord(t string) bool {
	if k := strings.IndexByte(t, '$'); k >= 0 {
		t = t[k+1:]
	}
	for i := 0; i < len(t); i++ {
		if c := t[i] | 0x20; c >= 'a' && c <= 'z' {
			return true
		}
	}
	return false
}

// rowPeriod reads the period of figure k from its column heading; a change
// column takes the first value column's.
func (e *Extractor) rowPeriod(st *docState, sc *sentCtx, k int, forecast bool) string {
	ci := sc.row.cellOf(sc.figs[k].Start - sc.s.Start)
	cols := []int{ci}
	if h := strings.ToLower(sc.row.heading(ci)); h == "" || strings.Contains(h, "change") {
		cols = append(cols, 1, 0) // a change column takes the first period
	}
	for _, c := range cols {
		h := sc.row.heading(c)
		if h == "" {
			continue
		}
		for _, p := range findPeriods(splitWords(h)) {
			return p.resolve(st.date, st.ctxYear, forecast, st.report)
		}
	}
	return ""
}

// noteTable updates the table state from a sentence that is not a row: a
// caption with "(in millions)" sets the scale, anything else ends the table.
// What the caption's words say (its metric, modality and period) is worked out
// only when a row follows: most sentences are no caption.
func (st *docState) noteTable(sent Sentence) {
	s := sent.Text
	if st.lastRow && len(s) <= 60 && strings.HasSuffix(s, ":") {
		// "Cost of revenue:", "Operating expenses:": a label inside the table,
		// naming what the rows under it are when they do not say
		st.section = ""
		for _, h := range st.hitsOf(sent) {
			if h.metric == claim.Expenses {
				st.section = h.metric
			}
		}
		return
	}
	st.header = nil
	st.section = ""
	heading := len(s) < 60 && !strings.HasSuffix(s, ".") && !strings.HasSuffix(s, ":")
	if !heading || st.scale == 0 {
		// a short heading ("(Unaudited)", "Condensed Statements of Income")
		// keeps the scale of the caption above it
		st.scale = 0
		st.tableMetric = ""
		st.tableModality = ""
		st.tablePeriod = ""
		st.captions = st.captions[:0]
	}
	if len(s) > 200 {
		return // a paragraph, not a caption
	}
	c := caption{s: sent, ctxYear: st.ctxYear, report: st.report,
		lead: strings.HasSuffix(strings.TrimSpace(s), ":") || containsFold(s, "table")}
	if st.scale <= 0 {
		st.scale = scaleOf(s)
	}
	c.metric = st.scale > 0 || len(s) < 80
	if c.lead || c.metric {
		st.captions = append(st.captions, c)
	}
}

// scaleOf reads "(in millions)", "($ in thousands)" in a caption or heading:
// the factor the table's bare numbers are in, 0 if none.
func scaleOf(s string) float64 {
	if !mentionsScale(s) {
		return 0
	}
	l := strings.ToLower(s)
	switch {
	case strings.Contains(l, "in thousands"):
		return 1e3
	case strings.Contains(l, "in millions"):
		return 1e6
	case strings.Contains(l, "in billions"):
		return 1e9
	}
	return 0
}

// mentionsScale reports "millions", "thousands" or "billions" in any case, in
// one pass (most sentences name none).
func mentionsScale(s string) bool {
	for i := 0; i+7 <= len(s); i++ {
		switch s[i] | 0x20 {
		case 'm', 'b':
			if i+8 <= len(s) && strings.EqualFold(s[i+1:i+8], "illions") {
				return true
			}
		case 't':
			if i+9 <= len(s) && strings.EqualFold(s[i+1:i+9], "housands") {
				return true
			}
		}
	}
	return false
}

// caption is a sentence that may describe the table below it, with the
// document state it was read in.
type caption struct {
	s       Sentence
	ctxYear int
	report  string
	lead    bool // "The following table summarizes ...:": modality and period
	metric  bool // may name what the table lists
}

// settleCaptions reads the captions noted since the table state was last
// reset, in order, before a row uses the state.
func (st *docState) settleCaptions() {
	for _, c := range st.captions {
		ws := splitWords(c.s.Text)
		hits := cues.find(ws)
		if c.lead {
			// "The following table summarizes Adobe's fiscal year 2023 targets:"
			for _, h := range hits {
				if h.modality != "" {
					st.tableModality = h.modality
				}
			}
			for _, p := range findPeriods(ws) {
				if p.kind == "q" || p.kind == "fy" {
					st.tablePeriod = p.resolve(st.date, c.ctxYear, st.tableModality != "", c.report)
					break
				}
			}
		}
		if c.metric {
			for _, h := range hits {
				// (a caption's "investment category" or "commitments" describes
				// holdings, not money raised or pledged)
				if moneyMetric(h.metric) && h.metric != claim.Other && h.metric != claim.EPS && !h.right &&
					h.metric != claim.Funding && h.metric != claim.Valuation && h.metric != claim.Commitment {
					st.tableMetric = h.metric // not "(in millions, except per share data)"
				}
			}
		}
	}
	st.captions = st.captions[:0]
}
