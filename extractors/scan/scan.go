// Package scan is a hand-written lexer that finds figures in text: amounts of
// money, percentages, percentage and basis points, counts of things, power,
// multiples and growth words, with their qualifiers ("more than", "about") and
// ranges ("$10 billion to $12 billion").
//
// It works like go/scanner: one small Scanner type, a byte-at-a-time loop with
// an ASCII fast path and character-class tables, no regular expressions. Bad
// input never stops it; it skips what it cannot read. Dates, years, times,
// ordinals, phone numbers, versions and product names ("Trainium2", "H100",
// "Claude 3.5") are not figures.
package scan

// Kind says what sort of quantity a Figure is.
type Kind uint8

// The kinds of figure.
const (
	Number     Kind = iota // a plain number: no unit, no counted noun (or a duration: "five years", Item "year")
	Money                  // an amount in a currency, or a currency per share
	Percent                // a percentage
	Points                 // percentage points (basis points are converted)
	Count                  // a number of things, named in Figure.Item
	Power                  // watts
	Multiple               // "3x", "10 times", "three-fold"
	GrowthWord             // "doubled", "tripled", "triple-digit"
)

var kindNames = [...]string{"number", "money", "percent", "points", "count", "power", "multiple", "growth_word"}

func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return "unknown"
}

// Qualifier values.
const (
	Exact    = "exact"
	Approx   = "approx"
	MoreThan = "more_than"
	AtLeast  = "at_least"
	LessThan = "less_than"
	UpTo     = "up_to"
	Range    = "range"
)

// Figure is one quantity found in text.
//
// The span [Start, End) covers the qualifier, number, scale and unit words
// ("more than $20 billion", "150 percent", "500,000"); a counted noun is
// reported in Item but is not part of the span. Signs and accounting
// brackets make Value negative ("($310)", "-$4.2 million"); words such as
// "loss" or "down" are left to the reader of the figure.
type Figure struct {
	Start, End int     // byte offsets in the scanned text
	Value      float64 // in base units: 15e9 for "$15 billion", 150 for "150%"
	ValueMax   float64 // upper end of a range, else 0
	HasMax     bool
	Unit       string // "USD" or another ISO 4217 code, "percent", "pp", "count", "W", "x", "USD/share"
	Item       string // for counts: the counted noun, singular ("chip", "GPU")
	Qualifier  string // Exact, Approx, MoreThan, AtLeast, LessThan, UpTo or Range
	Kind       Kind
}

// Text returns the figure's words in src, the text it was scanned from.
func (f Figure) Text(src string) string {
	if f.Start < 0 || f.End > len(src) || f.Start > f.End {
		return ""
	}
	return src[f.Start:f.End]
}

// Scanner finds the figures of one text, in order. The zero value is not
// ready: call Init first.
type Scanner struct {
	src     string
	pos     int           // where scanning resumes
	lastEnd int           // end of the last figure returned: figures never overlap
	resume  int           // where to go on after a run that holds no figure (a phone number)
	fig     Figure        // the figure atWord found
	cache   [64]cachedTok // recent tokens by position: figures look at the same words many times
}

type cachedTok struct {
	p1 int // position asked plus one; 0 for an empty slot
	t  tok
}

// Init prepares s to scan src from the start.
func (s *Scanner) Init(src string) {
	s.src = src
	s.pos = 0
	s.lastEnd = 0
	s.resume = 0
	s.cache = [len(s.cache)]cachedTok{}
}

// Scan returns every figure in src.
func Scan(src string) []Figure {
	var s Scanner
	s.Init(src)
	var out []Figure
	for {
		f, ok := s.Next()
		if !ok {
			return out
		}
		out = append(out, f)
	}
}

// Next returns the next figure, or false at the end of the text.
func (s *Scanner) Next() (Figure, bool) {
	src := s.src
	for s.pos < len(src) {
		p := s.pos
		for p < len(src) && class[src[p]] <= cSpace {
			p++
		}
		if p >= len(src) {
			s.pos = p
			break
		}
		switch class[src[p]] {
		case cLetter:
			next, ok := s.atWord(p)
			if ok && s.accept(&s.fig) {
				return s.fig, true
			}
			s.pos = next
			continue
		case cStart:
			if !s.mayStart(p) {
				_, n := decodeRune(src, p)
				s.pos = p + n
				continue
			}
		}
		f, ok := s.figureAt(p, p, "")
		if ok && s.accept(&f) {
			return f, true
		}
		s.pos = max(s.skipToken(p), s.resume)
	}
	return Figure{}, false
}

// accept checks that f lies after the last figure and moves past it.
func (s *Scanner) accept(f *Figure) bool {
	if f.Start < s.lastEnd || f.End <= f.Start || f.End > len(s.src) {
		return false
	}
	if f.Qualifier == "" {
		f.Qualifier = Exact
	}
	s.lastEnd = f.End
	if s.pos < f.End {
		s.pos = f.End
	}
	return true
}

// skipToken moves past the token at p when no figure starts there: a whole
// run of digits and letters, so that "H100" or "10-Q" never yields a figure.
func (s *Scanner) skipToken(p int) int {
	src := s.src
	if class[src[p]] != cDigit && class[src[p]] != cLetter {
		_, n := decodeRune(src, p)
		return p + n
	}
	for p < len(src) && (class[src[p]] == cDigit || class[src[p]] == cLetter) {
		p++
	}
	return p
}

// atWord handles a word at p: a qualifier, a number word, a currency word or
// a growth word may start a figure. Other words, and words glued to digits
// ("FY2025", "Trainium2"), are skipped whole.
func (s *Scanner) atWord(p int) (int, bool) {
	src := s.src
	end := p
	for end < len(src) && class[src[end]] == cLetter {
		end++
	}
	if end < len(src) && class[src[end]] != cSpace {
		switch c := src[end]; {
		case class[c] == cDigit:
			// "USD3.14", "Rs20" are money; anything else glued to digits is a name.
			if w := s.lookup(p, end); w != nil && w.flags&fCurPrefix != 0 && s.found(s.figureAt(p, p, "")) {
				return end, true
			}
			return s.skipName(end), false
		case c == ':' || c == '@' || c == '.':
			if e := s.skipURL(p, end); e > end {
				return e, false
			}
		}
	}
	if end-p > maxWord || !mayAnchor(src, p, end) {
		return end, false
	}
	w := s.lookup(p, end)
	if w == nil || w.flags&anchorFlags == 0 {
		return end, false
	}
	if w.flags&fPctHead != 0 {
		return end, s.found(s.percentOf(p, end))
	}
	if w.flags&fQual != 0 {
		if q, qend, ok := s.qualifier(w, end); ok && s.mayFollow(s.tokAt(qend)) && s.found(s.figureAt(p, qend, q)) {
			return end, true
		}
	}
	if w.flags&(fGrowth|fFold) != 0 && s.found(s.growth(p, p, "")) {
		return end, true
	}
	return end, s.wordMayStart(w, end) && s.found(s.figureAt(p, p, ""))
}

// found keeps f as the figure just read, if ok.
func (s *Scanner) found(f Figure, ok bool) bool {
	if ok {
		s.fig = f
	}
	return ok
}

// mayStart is a quick test of a sign, bracket or non-ASCII character at p:
// can a figure start there?
func (s *Scanner) mayStart(p int) bool {
	src := s.src
	c := src[p]
	if c >= 0x80 {
		r, _ := decodeRune(src, p)
		return curSymbol(tok{kind: tSym, sym: r}) != "" || vulgar(r) > 0 || r == '−' || r == '≥' || r == '≤' || r == '≈'
	}
	if c == '$' {
		return true
	}
	q := p + 1
	if q < len(src) && src[q] == '=' {
		q++
	}
	if q < len(src) && src[q] == ' ' && c != '.' && c != '(' {
		q++
	}
	if q >= len(src) {
		return false
	}
	n := src[q]
	return isDigit(n) || c != '.' && (n == '$' || n == '.' || n >= 0xC2)
}

// mayFollow is a quick test of the token after a qualifier: can a quantity
// or a growth word start there?
func (s *Scanner) mayFollow(t tok) bool {
	switch t.kind {
	case tNum:
		return true
	case tSym:
		return curSymbol(t) != "" || vulgar(t.sym) > 0 || t.sym == '-' || t.sym == '−' || t.sym == '('
	case tWord:
		return t.w != nil && t.w.flags&(fCard|fTens|fArticle|fFrac|fCurPrefix|fDollarPrefix|fGrowth|fSign|fFold) != 0
	}
	return false
}

// wordMayStart is a quick test of an anchor word w ending at end: can a
// quantity start with it?
func (s *Scanner) wordMayStart(w *wordInfo, end int) bool {
	if w.flags&(fCard|fTens|fSign) != 0 {
		return true
	}
	n := s.tokAt(end)
	switch {
	case w.flags&fArticle != 0 && n.kind == tWord && n.w != nil && n.w.flags&(fHundred|fScale|fDozen|fFrac|fCur|fOrd|fCard|fTens) != 0:
		return true
	case w.flags&fFrac != 0 && (n.has(fScale|fDozen|fArticle) || n.is("of")):
		return true
	case w.flags&(fCurPrefix|fDollarPrefix) != 0 && (n.kind == tNum || n.isSym('$') || n.isSym('.')):
		return true
	}
	return false
}

// skipName moves past a name made of letters, digits, dots and hyphens
// ("GPT-4o", "v2.1", "Trainium2").
func (s *Scanner) skipName(p int) int {
	src := s.src
	for p < len(src) {
		c := src[p]
		if class[c] == cDigit || class[c] == cLetter {
			p++
			continue
		}
		if (c == '-' || c == '.' || c == '_') && p+1 < len(src) && (class[src[p+1]] == cDigit || class[src[p+1]] == cLetter) {
			p++
			continue
		}
		break
	}
	return p
}

// skipURL moves past a web address or e-mail starting at the word [p, end);
// for any other word it returns end.
func (s *Scanner) skipURL(p, end int) int {
	src := s.src
	if end < len(src) && (src[end] == ':' && end+2 < len(src) && src[end+1] == '/' || src[end] == '@' ||
		end-p == 3 && src[end] == '.' && (src[p]|0x20) == 'w' && (src[p+1]|0x20) == 'w') {
		for end < len(src) && class[src[end]] != cSpace {
			end++
		}
	}
	return end
}
