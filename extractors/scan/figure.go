package scan

import (
	"math"
	"strings"
)

func abs(v float64) float64 { return math.Abs(v) }

// quantity is one amount with what was read around it: sign, currency,
// scale, unit and counted noun.
type quantity struct {
	start, end int
	val        float64
	scale      float64
	umult      float64 // the multiplier of the unit word: 1e9 for GW, 0.01 for cents
	unit       string
	kind       Kind
	item       string
	period     bool   // the noun is a duration: "five years"
	known      bool   // the noun is in the word table
	qual       string // from a trailing "+" or "or more"
	cur        bool   // a currency came before the number
	neg        bool
	amt        amount
}

// bare reports whether q is a plain number: no unit, scale or noun.
func (q *quantity) bare() bool {
	return q.unit == "" && q.scale == 0 && q.item == "" && !q.amt.words && !q.amt.frac
}

// figureAt reads a figure whose quantity starts at p; start is where its
// qualifier began (start == p without one) and qual the qualifier read.
func (s *Scanner) figureAt(start, p int, qual string) (Figure, bool) {
	t := s.tokAt(p)
	if qual == "" && t.kind == tSym {
		if q, end, ok := symQualifier(s, t); ok {
			qual, p = q, end
			t = s.tokAt(p)
			if t.gap > 1 {
				return Figure{}, false
			}
		}
	}
	bare := start == p
	if t.kind == tNum && s.skipDigitGroups(t) {
		return Figure{}, false
	}
	if t.isSym('(') {
		if n := s.tokAt(t.end); n.kind == tNum && n.gap == 0 && s.skipDigitGroups(n) {
			return Figure{}, false
		}
	}
	q, ok := s.quantity(p)
	if !ok {
		if qual != "" && qual != "between" && qual != "from" {
			if t.is("half") { // "more than half"
				return Figure{Start: start, End: t.end, Value: 0.5, Unit: "count", Qualifier: qual, Kind: Number}, true
			}
			return s.growth(start, p, qual)
		}
		return Figure{}, false
	}
	if (qual == "" || qual == Approx) && q.unit == "" && q.item == "" && !q.amt.frac {
		s.ratio(&q) // "one out of three"; "more than 2 in 5" is no ratio
	}
	if !s.plausible(&q) || math.IsInf(q.val, 0) || math.IsNaN(q.val) {
		return Figure{}, false
	}
	if bare {
		start = q.start
	}
	f := Figure{Start: start, End: q.end, Value: q.val, Unit: q.unit, Item: q.item, Kind: q.kind, Qualifier: qual}
	var hi quantity
	ranged := false
	switch qual {
	case "between", "from", "", Approx:
		hi, ranged = s.rangeAfter(&q, qual, start)
	case MoreThan, AtLeast, LessThan, UpTo:
		hi, ranged = s.twoSided(&q, qual)
	}
	switch {
	case ranged && !math.IsInf(hi.val, 0) && !math.IsNaN(hi.val):
		f.Value, f.ValueMax, f.HasMax, f.End, f.Qualifier = q.val, hi.val, true, max(q.end, hi.end), Range
		f.Unit, f.Item, f.Kind = q.unit, hi.item, q.kind
		if f.Item == "" {
			f.Item = q.item
		}
	case qual == "between" || qual == "from":
		f.Start, f.Qualifier = q.start, ""
	}
	if f.Qualifier == "" && q.qual != "" {
		f.Qualifier = q.qual
	}
	if f.Unit == "" {
		f.Unit = "count"
	}
	return f, true
}

// quantity reads sign, currency, amount, scale and unit starting at p.
func (s *Scanner) quantity(p int) (quantity, bool) {
	var q quantity
	t, paren, ok := s.prefix(&q, p)
	if !ok {
		return q, false
	}
	a, ok := s.ordinalFraction(t)
	if !ok {
		a, ok = s.amountAt(t)
	}
	if !ok {
		if q.unit == "" && t.has(fArticle) { // "a dollar", "a penny"
			if n := s.tokAt(t.end); n.has(fCur) && !n.is("won") && n.gap == 1 {
				q.val, q.end, q.unit, q.kind = n.w.val, n.end, n.w.code, Money
				s.cents(&q, true)
				return q, true
			}
		}
		return q, false
	}
	q.amt, q.val, q.end = a, a.val, a.end
	if a.scale > 0 {
		q.scale = a.scale
	}
	if q.scale > 0 && q.cur && q.scale != a.scale { // MUSD 60
		q.val *= q.scale
	}
	if !s.unitAfter(&q) {
		return q, false
	}

	if q.neg {
		q.val = -q.val
	}
	if paren {
		// "($310)" in a table is negative; "AWS (31%)" is a share and
		// "Nvidia (10 GW)" a size, not a loss.
		if q.end < len(s.src) && s.src[q.end] == ')' && q.item == "" && q.kind != Percent && q.kind != Points && q.kind != Power && q.kind != Multiple {
			q.end++
			q.val = -abs(q.val)
			if !q.cur && q.unit == "" && q.val > -100 && q.amt.lit.nfrac == 0 { // "(1)" is a list mark
				return q, false
			}
			if q.kind == Money && !strings.HasSuffix(q.unit, "/share") {
				s.perShare(&q) // "$(0.25) per diluted share"
			}
		} else {
			q.start = t.start
		}
	}
	return q, true
}

// prefix reads what may come before the amount: an accounting bracket, a
// sign, a currency ("($", "-$", "US$", "$-"). It returns the amount's first
// token and whether a bracket opened.
func (s *Scanner) prefix(q *quantity, p int) (tok, bool, bool) {
	t := s.tokAt(p)
	q.start = t.start
	paren := false
	if t.isSym('(') {
		n := s.tokAt(t.end)
		if n.gap != 0 || !(n.kind == tNum || curSymbol(n) != "") {
			return t, false, false
		}
		paren, t = true, n
	}
	if s.signAt(t) {
		q.neg = true
		t = s.tokAt(t.end)
	}
	if code, mult, end, ok := s.curPrefix(t); ok {
		n := s.tokAt(end)
		if s.signAt(n) && n.gap == 0 { // "$-99.99"
			q.neg = true
			n = s.tokAt(n.end)
		}
		if n.isSym('(') && !paren && n.gap <= 1 { // "$ (0.27)" in a table
			if m := s.tokAt(n.end); m.kind == tNum && m.gap == 0 {
				paren, n = true, m
			}
		}
		if n.gap > 1 || n.nl {
			return t, false, false
		}
		q.unit, q.cur, q.kind, q.scale = code, true, Money, 0
		if mult != 1 {
			q.scale = mult
		}
		t = n
	}
	return t, paren, true
}

// signAt reports whether t is a minus sign in front of a number (not the
// hyphen of "2025-26" or "GPT-4").
func (s *Scanner) signAt(t tok) bool {
	if t.is("minus") || t.is("negative") {
		n := s.tokAt(t.end)
		return n.kind == tNum || n.has(fCard|fTens)
	}
	if !(t.isSym('-') || t.isSym('−')) {
		return false
	}
	if t.start > 0 {
		c := s.src[t.start-1]
		if isDigit(c) || isLetter(c) || c == ')' || c == '-' {
			return false
		}
	}
	n := s.tokAt(t.end)
	return n.gap == 0 && (n.kind == tNum || curSymbol(n) != "")
}

// skipDigitGroups reports whether the literal t begins a phone number, a
// numeric date or an identifier ("(206) 266-1000", "2025-03-31",
// "3/31/2025", "1-800-555-0199"), which are no figures; the scanner then
// moves past it.
func (s *Scanner) skipDigitGroups(t tok) bool {
	src := s.src
	p := t.start
	groups, digits := 0, 0
	var lens [8]int
	sep := byte(0)
	for p < len(src) && groups < 8 {
		n := 0
		for p < len(src) && isDigit(src[p]) {
			p++
			n++
		}
		if n == 0 {
			break
		}
		lens[groups] = n
		groups++
		digits += n
		if p+1 < len(src) && (src[p] == '-' || src[p] == '/' || src[p] == '.' && groups > 1 || src[p] == ')' && p+2 < len(src) && src[p+1] == ' ') && (sep == 0 || src[p] == sep || src[p] == ')') {
			if src[p] == ')' {
				if groups != 1 || t.start == 0 || src[t.start-1] != '(' {
					break
				}
				p++
			} else {
				sep = src[p]
			}
			p++
			if p < len(src) && isDigit(src[p]) {
				continue
			}
		}
		break
	}
	skip := groups >= 3 ||
		groups == 2 && sep == '-' && (lens[0] == 3 && lens[1] == 4 || lens[1] >= 5 || lens[0] == 5 && lens[1] == 4) || // 555-1234, ZIP+4, file numbers
		groups == 2 && t.start > 0 && src[t.start-1] == '(' && digits >= 7
	if skip {
		for p < len(src) && (isDigit(src[p]) || isLetter(src[p])) {
			p++
		}
		s.resume = p
	}
	return skip
}

// ratio reads "one out of three", "1 over 20": a plain number over a larger
// one that counts nothing ("2000 over 3 years" is no ratio).
func (s *Scanner) ratio(q *quantity) {
	t := s.tokAt(q.end)
	if t.nl {
		return
	}
	switch {
	case t.is("out"):
		if t = s.tokAt(t.end); !t.is("of") {
			return
		}
	case t.is("over") || t.is("in"):
	default:
		return
	}
	d := s.tokAt(t.end)
	a, ok := s.amountAt(d)
	if !ok || d.gap > 1 || a.val == 0 || a.frac || a.digits && a.lit.ndig == 4 && !a.lit.comma && a.val >= 1900 && a.val <= 2100 {
		return // "3 in 2025" is no ratio
	}
	n := s.tokAt(a.end)
	if n.kind == tWord && n.gap <= 1 && !n.has(fQual) && !n.is("and") && !n.is("or") && !n.is("is") || n.kind == tSym && n.sym != '.' && n.sym != ',' && n.sym != '?' && n.sym != '!' {
		if !(t.is("of") && n.kind == tWord && s.src[n.end-1] == 's') { // "two out of five hundred tvs"
			return
		}
	}
	if (t.is("of") || t.is("in")) && q.val >= a.val || a.end < len(s.src) && isLetter(s.src[a.end]) {
		return
	}
	q.val /= a.val
	q.end = a.end
	q.amt.frac = true
}
