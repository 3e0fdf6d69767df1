package scan

// plausible rules out numbers that are no figures: years, days of a month,
// times, list marks, labels ("Item 2.02", "Claude 3.5", "page 4"),
// addresses and pieces of identifiers.
func (s *Scanner) plausible(q *quantity) bool {
	if !q.amt.digits {
		return s.plausibleWords(q)
	}
	src := s.src
	lit := q.amt.lit
	if lit.dots > 1 {
		return false
	}
	if lit.start > 0 {
		c := src[lit.start-1]
		switch c {
		case '%', '/', '=', '?', '&', '_', '#', '@', ':', '^', '\\', '|', '\'':
			return false // "issn%280", "#1", "'25"
		case 0x99: // ’25
			if lit.start >= 3 && src[lit.start-3:lit.start] == "’" {
				return false
			}
		case '-', '.', ',':
			if lit.start > 1 && (isDigit(src[lit.start-2]) || isLetter(src[lit.start-2])) {
				return false
			}
		}
	}
	if e := lit.end; e+1 < len(src) && (src[e] == ':' || src[e] == '/') && isDigit(src[e+1]) && !q.amt.frac {
		return false // 10:30, 3/31
	}
	integer := lit.nfrac == 0 && !q.amt.frac
	bare := q.bare()
	if integer && !lit.comma && lit.ndig == 4 && lit.val >= 1900 && lit.val <= 2100 && q.unit == "" && q.scale == 0 && (q.item == "" || q.period || !q.known) {
		return false // a year
	}
	if integer && bare && lit.val <= 31 && s.nearMonth(q) {
		return false
	}
	if bare && s.isLabel(q) {
		return false
	}
	return true
}

// plausibleWords rules out "one" used as a pronoun ("the one", "which one").
func (s *Scanner) plausibleWords(q *quantity) bool {
	if q.unit != "" || q.item != "" || q.scale != 0 {
		return true
	}
	t := s.tokAt(q.amt.end)
	if q.amt.lit.kind == tNum {
		return true
	}
	first := s.tokAt(q.start)
	if first.is("one") && q.end == first.end {
		switch w := s.prevWord(q.start); {
		case w.is("the") || w.is("this") || w.is("that") || w.is("which") || w.is("any") || w.is("each") || w.is("every") || w.is("no") || w.is("another"):
			return false
		}
		if t.is("of") || t.is("another") {
			return false
		}
	}
	return true
}

// nearMonth reports whether a small number is the day of a date:
// "March 31", "Sept. 30", "31 March".
func (s *Scanner) nearMonth(q *quantity) bool {
	if w := s.prevWord(q.start); w.has(fMonth) && w.gap <= 2 && (!w.is("may") || w.first) {
		return true
	}
	n := s.tokAt(q.end)
	return n.has(fMonth) && n.gap == 1 && (!n.is("may") || n.first)
}

// isLabel reports whether a plain number names something rather than counts
// it: a list mark at the start of a line, "Item 2.02", "Claude 3.5",
// "page 4", "No. 5", a street address, a bracketed footnote.
func (s *Scanner) isLabel(q *quantity) bool {
	src := s.src
	lit := q.amt.lit
	// List mark: "1. " or "2) " opening a line.
	if lit.end+1 < len(src) && (src[lit.end] == '.' || src[lit.end] == ')') && (src[lit.end+1] == ' ' || src[lit.end+1] == '\t') {
		p := lit.start
		for p > 0 && (src[p-1] == ' ' || src[p-1] == '\t') {
			p--
		}
		if p == 0 || src[p-1] == '\n' {
			return true
		}
	}
	if lit.start > 0 && lit.end < len(src) && src[lit.start-1] == '[' && src[lit.end] == ']' {
		return true
	}
	if w := s.prevWord(q.start); w.kind == tWord && (w.gap <= 1 || w.gap == 2 && w.is("no")) {
		if w.has(fPage) {
			return true
		}
		named := w.caps > 1 || w.caps == 1 && !w.first || w.first && lit.nfrac > 0
		if named && (w.w == nil || w.w.flags&(fMonth|anchorFlags|fChange) == 0) {
			return true // Claude 3.5, iPhone 16, GPT 4
		}
	}
	// Address: "410 Terry Avenue".
	t := s.tokAt(q.end)
	for i := 0; i < 3 && t.kind == tWord && t.first && t.gap == 1; i++ {
		if t.has(fStreet) {
			return true
		}
		t = s.tokAt(t.end)
	}
	return false
}
