package scan

import "strings"

// noun finds the counted noun after a number: the next word, past up to two
// modifiers ("500,000 deployed chips", "1 million Nvidia GPUs").
// possessiveEnd returns the end of "'s" or "’s" at p, else 0.
func possessiveEnd(src string, p int) int {
	e := 0
	switch {
	case p+1 < len(src) && src[p] == '\'' && (src[p+1] == 's' || src[p+1] == 'S'):
		e = p + 2
	case p+3 < len(src) && src[p:p+3] == "\u2019" && (src[p+3] == 's' || src[p+3] == 'S'):
		e = p + 4
	default:
		return 0
	}
	if e < len(src) && isLetter(src[e]) {
		return 0
	}
	return e
}

func (s *Scanner) noun(q *quantity) {
	t := s.tokAt(q.end)
	if t.gap == 0 && t.isSym('-') { // "10-year"
		t = s.tokAt(t.end)
		if t.gap != 0 {
			return
		}
	} else if t.gap == 0 {
		return
	}
	prevData := false
	for i := 0; i < 4 && t.kind == tWord && !t.nl && t.gap <= 1; i++ {
		switch {
		case t.has(fPeriod) && !prevData:
			q.item, q.period = t.w.code, true
			return
		case t.has(fNoun) && possessiveEnd(s.src, t.end) > 0:
			// "half a million of the company's chips": the noun it owns is counted
			t = s.tokAt(possessiveEnd(s.src, t.end))
			continue
		case t.has(fNoun):
			q.item, q.known = s.itemText(t, t.w.code), true
			if prevData && (q.item == "center" || q.item == "centre") {
				q.item = "data " + q.item
			}
			return
		case t.has(fMonth) || t.has(fStop) || t.has(fStreet):
			return
		case prevData && t.w == nil && plural(s.src[t.start:t.end]):
			q.item = "data " + singular(s.src[t.start:t.end])
			return
		case t.has(fModifier):
			prevData = t.is("data")
		case t.w == nil && t.caps > 0 && (int(t.caps) == t.length()-1 || !t.first) && s.src[t.end-1] == 's' && t.length() >= 3:
			q.item = s.src[t.start : t.end-1] // GPUs, LLMs, iPhones
			return
		case t.w == nil && t.caps == 0 && plural(s.src[t.start:t.end]):
			q.item = singular(s.src[t.start:t.end])
			return
		case t.w == nil && i < 3 && t.first:
			// A name before the noun: "500,000 Trainium chips".
		default:
			return
		}
		end := t.end
		if t.w == nil && t.first && end < len(s.src) && isDigit(s.src[end]) {
			end = s.skipName(end) // "500,000 Trainium2 chips"
		}
		n := s.tokAt(end)
		if n.gap == 0 && n.isSym('-') { // "full-time employees"
			n = s.tokAt(n.end)
			if n.gap != 0 {
				return
			}
			n = s.tokAt(n.end)
		}
		t = n
	}
}

// itemText returns the singular of a known noun, keeping the case of
// acronyms ("GPUs" → "GPU").
func (s *Scanner) itemText(t tok, sing string) string {
	if t.caps >= 2 {
		w := s.src[t.start:t.end]
		if strings.HasSuffix(w, "s") {
			w = w[:len(w)-1]
		}
		return w
	}
	return sing
}

// plural reports whether a lower-case word looks like a plural noun.
func plural(w string) bool {
	n := len(w)
	if n < 4 || w[n-1] != 's' {
		return false
	}
	switch w[n-2] {
	case 's', 'u', 'i':
		return false
	}
	return true
}

// singular turns a plural noun into its singular: "companies" → "company".
func singular(w string) string {
	switch {
	case strings.HasSuffix(w, "ies") && len(w) > 4:
		return w[:len(w)-3] + "y"
	case strings.HasSuffix(w, "sses") || strings.HasSuffix(w, "shes") || strings.HasSuffix(w, "ches") || strings.HasSuffix(w, "xes") || strings.HasSuffix(w, "zes"):
		return w[:len(w)-2]
	case strings.HasSuffix(w, "s"):
		return w[:len(w)-1]
	}
	return w
}

// growth reads a growth word or a fold at p: "doubled" (100 percent),
// "tripled" (200), "halved" (-50), "triple-digit" (more than 100),
// "threefold" (3x).
func (s *Scanner) growth(start, p int, qual string) (Figure, bool) {
	t := s.tokAt(p)
	if start == p {
		start = t.start
	}
	switch {
	case t.has(fFold):
		return Figure{Start: start, End: t.end, Value: t.w.val, Unit: "x", Kind: Multiple, Qualifier: qual}, true
	case !t.has(fGrowth):
		return Figure{}, false
	case t.is("double") || t.is("triple"):
		n := s.tokAt(t.end)
		if n.isSym('-') && n.gap == 0 {
			n = s.tokAt(n.end)
		}
		if !(n.is("digit") || n.is("digits")) || n.gap > 1 {
			return s.doubleVerb(start, t, qual)
		}
		if qual == "" {
			qual = MoreThan
		}
		return Figure{Start: start, End: n.end, Value: t.w.val, Unit: "percent", Kind: GrowthWord, Qualifier: qual}, true
	}
	if n := s.tokAt(t.end); n.kind == tWord && n.gap == 1 && s.src[n.start:n.end] == "down" {
		return Figure{}, false // "doubled down on AI" is no growth
	}
	return Figure{Start: start, End: t.end, Value: t.w.val, Unit: "percent", Kind: GrowthWord, Qualifier: qual}, true
}

// doubleVerb reads "double" / "triple" used as a verb or a multiple of a
// named base: "roughly double the €5.8 billion", "more than double by
// 2030", "double its capacity" (100 or 200 percent growth). A bare
// "double" with neither a qualifier nor such a base ("a double shift") is
// not a figure.
func (s *Scanner) doubleVerb(start int, t tok, qual string) (Figure, bool) {
	n := s.tokAt(t.end)
	base := n.kind == tWord && n.gap == 1 && !n.nl && doubleBase[strings.ToLower(s.src[n.start:n.end])]
	if w := s.prevWord(t.start); w.kind == tWord && w.gap == 1 && doubleModal[strings.ToLower(s.src[w.start:w.end])] {
		base = true // "revenue will double", "expects it to double"
	}
	if qual == "" && !base {
		return Figure{}, false
	}
	if qual == "" {
		qual = Exact
	}
	v := 100.0
	if t.is("triple") {
		v = 200
	}
	return Figure{Start: start, End: t.end, Value: v, Unit: "percent", Kind: GrowthWord, Qualifier: qual}, true
}

// doubleBase are the words after "double" that make it a multiple of a base.
var doubleBase = map[string]bool{"the": true, "its": true, "their": true, "his": true, "her": true, "our": true, "that": true, "what": true, "from": true, "by": true}

// doubleModal are the words before "double" that make it a verb.
var doubleModal = map[string]bool{"will": true, "to": true, "would": true, "could": true, "should": true, "may": true, "might": true, "can": true}

// qualifier matches a qualifier phrase at p ("more than", "north of",
// "up to") and returns its qualifier and end.
func (s *Scanner) qualifier(w *wordInfo, wend int) (string, int, bool) {
	if !w.nextAny {
		// A cheap look at the next word's first letter before lexing it.
		src := s.src
		q := wend
		for q < len(src) && q-wend < 3 && src[q] == ' ' {
			q++
		}
		if q >= len(src) || !isLetter(src[q]) || w.next&(1<<(src[q]|0x20-'a')) == 0 {
			return "", 0, false
		}
	}
next:
	for _, ph := range w.phrases {
		end := wend
		for _, w := range ph.rest {
			n := s.tokAt(end)
			if !n.is(w) || n.gap > 1 || n.nl {
				continue next
			}
			end = n.end
		}
		return ph.q, end, true
	}
	return "", 0, false
}

// symQualifier reads "~", ">", ">=", "<", "≥", "≤", "≈" before a number.
func symQualifier(s *Scanner, t tok) (string, int, bool) {
	q := ""
	switch t.sym {
	case '~', '≈':
		q = Approx
	case '>':
		q = MoreThan
	case '<':
		q = LessThan
	case '≥':
		q = AtLeast
	case '≤':
		q = UpTo
	default:
		return "", 0, false
	}
	end := t.end
	if end < len(s.src) && s.src[end] == '=' && (t.sym == '>' || t.sym == '<') {
		end++
		if q == MoreThan {
			q = AtLeast
		} else {
			q = UpTo
		}
	}
	return q, end, true
}

// rangeAfter reads the upper end of a range after lo: "to $12 billion",
// "-12 billion", "and 35%" (after "between"), "or $98 billion" (after a bare
// "$97", whose scale it gives). On success lo takes the
// unit and scale the two ends share.
func (s *Scanner) rangeAfter(lo *quantity, qual string, start int) (quantity, bool) {
	if lo.item != "" || lo.qual != "" {
		return quantity{}, false
	}
	t := s.tokAt(lo.end)
	if t.nl {
		return quantity{}, false
	}
	switch {
	case t.isSym('-') || t.isSym('–') || t.isSym('—'):
		n := s.tokAt(t.end)
		if (t.gap == 0) != (n.gap == 0) {
			return quantity{}, false
		}
	case t.is("to") || t.is("through") || t.is("thru"):
		if qual == "between" {
			return quantity{}, false
		}
	case t.is("and") || t.isSym('&'):
		if qual != "between" {
			return quantity{}, false
		}
	case t.isSym('~') && t.gap == 0:
	case t.is("or"):
		if qual == "between" || qual == "from" {
			return quantity{}, false
		}
	default:
		return quantity{}, false
	}
	hi, ok := s.quantity(t.end)
	if !ok || hi.neg || hi.amt.lit.dots > 1 {
		return quantity{}, false
	}
	if t.is("or") && !(lo.scale == 0 && hi.scale > 0 || lo.unit == "" && hi.unit != "") {
		return quantity{}, false // "$97 or $98 billion" is one estimate; "5% or 6%" two figures
	}
	if lo.unit != "" && hi.unit == lo.unit+"/share" { // "$1.10 to $1.20 a share"
		lo.unit = hi.unit
	}
	if lo.unit != "" && hi.unit != "" && lo.unit != hi.unit || lo.unit != "" && hi.item != "" {
		return quantity{}, false
	}
	if (lo.unit == "percent" || lo.unit == "pp") && hi.unit == "" {
		return quantity{}, false // "users climbed 3% to 317 million": a change, then the new level
	}
	if hi.start < len(s.src) && hi.end < len(s.src) && isLetter(s.src[hi.end]) {
		return quantity{}, false
	}
	val := lo.val
	if lo.scale == 0 && hi.scale > 0 {
		val *= hi.scale
	}
	if lo.unit == "" && hi.umult != 0 {
		val *= hi.umult
	}
	if val >= hi.val {
		return quantity{}, false
	}
	if qual == "from" {
		if w := s.prevWord(start); w.has(fChange) {
			return quantity{}, false
		}
	}
	lo.val = val
	if lo.unit == "" {
		lo.unit, lo.kind = hi.unit, hi.kind
	}
	if hi.unit == "" {
		hi.unit = lo.unit
	}
	if lo.kind == Number {
		lo.kind = hi.kind
	}
	return hi, true
}

// twoSided reads the other side of a range given by two bounds: "more than
// 100 and less than 300", "at most 100 and at least 20".
func (s *Scanner) twoSided(q *quantity, qual string) (quantity, bool) {
	t := s.tokAt(q.end)
	if !(t.is("and") || t.is("but") || t.isSym(',')) || t.nl {
		return quantity{}, false
	}
	n := s.tokAt(t.end)
	if !n.has(fQual) {
		return quantity{}, false
	}
	q2, end, ok := s.qualifier(n.w, n.end)
	lower := func(q string) bool { return q == MoreThan || q == AtLeast }
	upper := func(q string) bool { return q == LessThan || q == UpTo }
	if !ok || !(lower(qual) && upper(q2) || upper(qual) && lower(q2)) {
		return quantity{}, false
	}
	other, ok := s.quantity(end)
	if !ok || !s.plausible(&other) || q.unit != "" && other.unit != "" && q.unit != other.unit || q.item != "" {
		return quantity{}, false
	}
	lo, hi := q, &other
	if upper(qual) {
		lo, hi = &other, q
	}
	if lo.val >= hi.val {
		return quantity{}, false
	}
	end = other.end
	if q.unit == "" {
		q.unit, q.kind = other.unit, other.kind
	}
	q.val, other.val, other.end = lo.val, hi.val, end
	return other, true
}

// prevWord returns the word just before p on the same line, skipping one
// run of spaces and a dot ("Sept. 30", "No. 5").
func (s *Scanner) prevWord(p int) tok {
	src := s.src
	q := p
	for q > 0 && (src[q-1] == ' ' || src[q-1] == '\t') {
		q--
	}
	if q > 0 && src[q-1] == '.' {
		q--
	}
	end := q
	for q > 0 && isLetter(src[q-1]) {
		q--
	}
	if q == end || q > 0 && isDigit(src[q-1]) {
		return tok{}
	}
	t := s.tokAt(q)
	t.gap = int32(p - end)
	return t
}
