package scan

import "math"

// amount is a cardinal read from digits, number words or both
// ("500,000", "fifteen billion", "4 thousand 3 hundred and 21", "half a million").
type amount struct {
	val    float64
	end    int
	scale  float64 // the largest scale applied (1e9 for "billion"), 0 if none
	words  bool    // some of it is in words
	lit    tok     // the first digit literal, if the amount starts with one
	digits bool    // the amount starts with a digit literal
	frac   bool    // a fraction "1/5", "2 1/4", "½"
}

// What the last token of an amount was, to know what may follow.
const (
	lNone = iota
	lDigits
	lUnit // one .. nine
	lTeen // ten .. nineteen, zero
	lTens // twenty .. ninety
	lHundred
	lScale
	lFrac
)

// amountReader holds the state of one amount being read.
type amountReader struct {
	s         *Scanner
	a         amount
	total     float64
	cur       float64
	last      int
	lastScale float64
	article   bool
	stop      int     // the amount ends before this position
	seg       float64 // what the words since the last hundred or scale add up to
}

// amountAt reads an amount starting with the token t.
func (s *Scanner) amountAt(t tok) (amount, bool) {
	return s.amountUntil(t, len(s.src)+1)
}

// amountUntil reads an amount starting with the token t and ending before stop.
func (s *Scanner) amountUntil(t tok, stop int) (amount, bool) {
	r := amountReader{s: s, a: amount{end: t.start}, stop: stop}
	for i := 0; ; i++ {
		if i > 0 && (t.nl || t.gap > 4 || t.gap > 2 && t.kind == tNum) || t.start >= stop {
			break
		}
		end, ok := r.step(t, i)
		if !ok {
			break
		}
		if end < 0 { // the amount is complete
			break
		}
		t = s.next(s.tokAt(end), end, r.last, r.a.words)
	}
	if r.last == lNone || r.article {
		return r.a, false
	}
	r.a.val = r.total + r.cur
	return r.a, true
}

// step takes one token into the amount. It returns where the amount now
// ends (-1 when it is complete), or false when t is no part of it.
func (r *amountReader) step(t tok, i int) (int, bool) {
	s := r.s
	if r.last == lDigits && t.kind == tWord && t.length() == 1 && (r.a.lit.nfrac > 0 || r.a.lit.comma) {
		// "2.33 k", "1,674.5 G", ".0012G": a letter scale apart from a decimal.
		if sc := letterScale(s.src[t.start]); sc > 0 && (t.gap == 1 || sc == 1e9 && t.gap == 0) {
			return r.scale(t, sc)
		}
	}
	switch {
	case t.kind == tNum:
		return r.number(t)
	case t.kind == tSym:
		if v := vulgar(t.sym); v > 0 && (r.last == lNone || r.last == lDigits && t.gap == 0) {
			r.cur += v
			r.a.end, r.last, r.a.frac = t.end, lFrac, true
			return t.end, true
		}
		if t.sym == '&' && r.a.words {
			return r.and(t)
		}
		return 0, false
	case t.w == nil:
		return 0, false
	}
	return r.word(t, i)
}

// word takes one number word into the amount.
func (r *amountReader) word(t tok, i int) (int, bool) {
	s := r.s
	switch {
	case t.has(fCard) && !t.has(fTens):
		v := t.w.val
		ok := r.last == lNone || r.last == lHundred || r.last == lScale || r.last == lTens && v > 0 && v < 10
		if !ok || r.article {
			return 0, false
		}
		r.cur += v
		r.seg += v
		r.a.end, r.a.words = t.end, true
		r.last = lTeen
		if v < 10 {
			r.last = lUnit
		}
		return t.end, true
	case t.has(fTens):
		if !(r.last == lNone || r.last == lHundred || r.last == lScale) || r.article {
			return 0, false
		}
		r.cur += t.w.val
		r.seg += t.w.val
		r.a.end, r.a.words, r.last = t.end, true, lTens
		return t.end, true
	case t.has(fHundred):
		if r.article && r.last == lNone {
			r.cur, r.article = 1, false
		} else if r.last == lNone || r.last == lHundred || r.last == lScale || r.cur == 0 || r.cur >= 100 && r.last != lDigits {
			return 0, false
		}
		r.cur *= 100
		r.seg = 0
		r.a.end, r.last, r.lastScale = t.end, lHundred, 100
		r.a.scale = max(r.a.scale, 100)
		return t.end, true
	case t.has(fSuffix) && t.gap == 0 && r.last == lDigits && !r.suffixOK(t):
		return 0, false // "10b5-1", "4K screens"
	case t.has(fScale) || t.has(fAbbr) && r.last == lDigits || t.has(fSuffix) && t.gap == 0 && r.last == lDigits:
		return r.scale(t, t.w.val)
	case t.has(fDozen):
		return r.dozen(t)
	case t.has(fArticle) && r.last == lNone && i == 0:
		r.article = true
		r.a.end = t.end
		return t.end, true
	case t.has(fFrac):
		v, end, ok := s.fracWord(t, r.last, r.article, r.cur)
		if !ok {
			return 0, false
		}
		r.cur, r.a.end, r.last, r.article = v, end, lFrac, false
		r.a.words = true
		return end, true
	case t.is("point"):
		return r.point(t)
	case t.is("and"):
		return r.and(t)
	}
	return 0, false
}

// number takes a digit literal: the first of the amount, or one after a
// scale ("4 thousand 3 hundred").
func (r *amountReader) number(t tok) (int, bool) {
	s := r.s
	if r.last == lNone {
		if t.dots > 1 {
			return 0, false
		}
		r.cur, r.a.lit, r.a.digits = t.val, t, true
		r.a.end = t.end
		if v, end, ok := s.fraction(t); ok {
			r.cur, r.a.end, r.a.frac, r.last = v, end, true, lFrac
			return -1, true
		}
		r.last = lDigits
		if t.nfrac == 0 && !t.comma { // "2 1/4"
			if n := s.tokAt(t.end); n.kind == tNum && n.gap >= 1 && n.gap <= 2 && !n.nl {
				if v, end, ok := s.fraction(n); ok && v < 1 {
					r.cur += v
					r.a.end, r.a.frac = end, true
					return -1, true
				}
			}
		}
		return t.end, true
	}
	if (r.last == lScale || r.last == lHundred) && t.dots == 0 && t.nfrac == 0 && t.val > 0 && t.val < r.lastScale && !r.bigger(t.end) {
		r.cur += t.val
		r.last, r.a.end = lDigits, t.end
		return t.end, true
	}
	return 0, false
}

// suffixOK checks a scale letter glued to a number: not inside a name
// ("10b5-1") and not the K of a resolution ("4K screens", but "$4K").
func (r *amountReader) suffixOK(t tok) bool {
	src := r.s.src
	if t.end < len(src) && isDigit(src[t.end]) {
		return false
	}
	lit := r.a.lit
	if t.is("k") && lit.ndig == 1 && lit.nfrac == 0 && !r.s.curBefore(lit.start) {
		if n := r.s.tokAt(t.end); n.kind == tWord && n.gap == 1 { // "4K screens"
			return false
		}
	}
	return true
}

// dozen takes "dozen", "couple" or "pair": a multiplier of the words
// since the last hundred ("three hundred and two dozen" is 324).
func (r *amountReader) dozen(t tok) (int, bool) {
	if r.article && r.last == lNone {
		r.cur, r.article = 1, false
	} else if r.last == lNone || r.cur == 0 {
		return 0, false
	}
	if r.last != lHundred && r.last != lScale && r.lastScale >= 100 && r.seg > 0 {
		r.cur += r.seg * (t.w.val - 1)
	} else {
		r.cur *= t.w.val
	}
	r.a.end, r.last, r.lastScale = t.end, lScale, t.w.val
	if n := r.s.tokAt(t.end); t.w.val == 2 && n.is("of") && n.gap == 1 { // "a couple of"
		r.a.end = n.end
		return -1, true
	}
	return t.end, true
}

// bigger reports whether a hundred or a scale at least as big as the last
// one follows p: then the number before it starts a new amount
// ("3 hundred and 2 hundred").
func (r *amountReader) bigger(p int) bool {
	n := r.s.tokAt(p)
	return n.has(fHundred) && r.lastScale <= 100 || n.has(fScale) && n.w.val >= r.lastScale && r.lastScale >= 1000
}

func (r *amountReader) scale(t tok, sc float64) (int, bool) {
	switch {
	case r.article && r.last == lNone:
		r.cur, r.article = 1, false
	case r.last == lScale && r.cur == 0 && sc > r.lastScale && r.lastScale >= 1000:
		r.total *= sc // "three thousand millions", "lakh crore"
		r.lastScale = sc * r.lastScale
		r.a.scale = max(r.a.scale, r.lastScale)
		r.a.end = t.end
		return t.end, true
	case r.last == lNone || r.cur == 0 && r.last != lFrac:
		return 0, false
	}
	if r.lastScale != 0 && r.lastScale != 100 && sc >= r.lastScale {
		return 0, false
	}
	if d := pow10(int(r.a.lit.nfrac)); r.last == lDigits && r.a.lit.nfrac > 0 && r.cur == r.a.lit.val && sc >= d {
		r.total += math.Round(r.cur*d) * (sc / d) // 4.28 billion is exactly 428e7
	} else {
		r.total += r.cur * sc
	}
	r.cur, r.seg = 0, 0
	r.a.end, r.last, r.lastScale = t.end, lScale, sc
	r.a.scale = max(r.a.scale, sc)
	return t.end, true
}

// point reads spoken decimals: "1 point 1", "two point two million",
// "nought point nought three".
func (r *amountReader) point(t tok) (int, bool) {
	s := r.s
	if !(r.last == lDigits && r.a.lit.nfrac == 0 || r.last == lUnit || r.last == lTeen || r.last == lTens) {
		return 0, false
	}
	n := s.tokAt(t.end)
	if n.kind == tNum && n.nfrac == 0 && !n.comma && n.gap == 1 {
		r.cur += n.val / pow10(int(n.ndig))
		r.a.end, r.last = n.end, lFrac
		return n.end, true
	}
	if n.has(fCard) && n.w.val >= 10 || n.has(fTens) { // "point eleven"
		r.cur += n.w.val / 100
		r.a.end, r.last = n.end, lFrac
		return n.end, true
	}
	div, end := 10.0, 0
	for n.has(fCard) && n.w.val < 10 && n.gap <= 1 {
		r.cur += n.w.val / div
		div *= 10
		end = n.end
		n = s.tokAt(n.end)
	}
	if end == 0 {
		return 0, false
	}
	r.a.end, r.last = end, lFrac
	return end, true
}

// and reads what may follow "and" inside an amount: more number words
// after a hundred or a scale ("a hundred and two"), or a fraction
// ("and a half", "and three fifths").
func (r *amountReader) and(t tok) (int, bool) {
	s := r.s
	n := s.tokAt(t.end)
	if n.nl || n.gap > 2 {
		return 0, false
	}
	if f, end, ok := s.smallFraction(n); ok && end <= r.stop {
		after := s.tokAt(end)
		switch {
		case after.has(fScale) && r.cur == 0 && r.lastScale >= 1000 && after.w.val < r.lastScale, after.has(fScale) && r.cur > 0 && r.last != lScale:
			r.cur += f // "five and a half million", "one billion and a half million"
		case r.cur != 0 || r.lastScale < 1000:
			r.cur += f
		default:
			r.total += f * r.lastScale // "one million and a half"
			r.a.end = end
			return -1, true
		}
		r.a.end, r.last = end, lFrac
		return end, true
	}
	if r.last != lHundred && r.last != lScale {
		return 0, false
	}
	// Digits after "and" go on only after a hundred or a thousand ("3 hundred
	// and 21"): "$6 billion and 10%" is two figures.
	if n.kind == tNum && n.dots == 0 && n.nfrac == 0 && n.val > 0 && n.val < r.lastScale && r.lastScale <= 1000 && !r.bigger(n.end) && n.end < len(s.src) && !isLetter(s.src[n.end]) {
		return t.end, true
	}
	if (n.has(fCard) && n.w.val > 0 || n.has(fTens)) && !r.bigger(n.end) {
		return t.end, true
	}
	return 0, false
}

// smallFraction reads "a half", "one fourth", "three fifths",
// "fifty-four hundredths" at t.
func (s *Scanner) smallFraction(t tok) (float64, int, bool) {
	num := 0.0
	switch {
	case t.has(fArticle):
		num = 1
	case t.has(fCard) || t.has(fTens):
		num = t.w.val
		if t.has(fTens) {
			if h := s.tokAt(t.end); h.isSym('-') && h.gap == 0 {
				if u := s.tokAt(h.end); u.has(fCard) && u.gap == 0 && u.w.val < 10 {
					num += u.w.val
					t = u
				}
			}
		}
	default:
		return 0, 0, false
	}
	f := s.tokAt(t.end)
	if h := f; h.isSym('-') && h.gap == 0 {
		f = s.tokAt(h.end)
	}
	if !f.has(fFrac) || f.gap > 1 {
		return 0, 0, false
	}
	return num * f.w.val, f.end, true
}

// next returns the token after t inside an amount: a hyphen joins
// "twenty-one" and "three-quarters"; a comma may follow a scale
// ("three million, two hundred").
func (s *Scanner) next(n tok, end, last int, words bool) tok {
	if n.gap <= 1 && (n.isSym('-') || n.isSym(',') && last == lScale && words && n.gap == 0) {
		m := s.tokAt(n.end)
		if m.kind == tWord && m.w != nil && m.w.flags&(fCard|fTens|fFrac|fHundred) != 0 && m.gap <= 1 && (m.gap == n.gap || n.sym == ',') {
			if n.sym == '-' && !(last == lTens || last == lUnit || last == lTeen) {
				return n
			}
			return m
		}
	}
	return n
}

// fraction reads "1/5" at the literal t; a date "3/31/2025" is no fraction.
func (s *Scanner) fraction(t tok) (float64, int, bool) {
	src := s.src
	if t.end+1 >= len(src) || src[t.end] != '/' || !isDigit(src[t.end+1]) || t.nfrac > 0 || t.comma {
		return 0, 0, false
	}
	d := s.tokAt(t.end + 1)
	if d.kind != tNum || d.gap != 0 || d.nfrac > 0 || d.val == 0 || d.end < len(src) && (src[d.end] == '/' || isLetter(src[d.end])) {
		return 0, 0, false
	}
	if t.ndig == 4 && t.val >= 1900 && t.val <= 2100 { // "2025/26"
		return 0, 0, false
	}
	if t.val > d.val { // "24/7" is no fraction
		return 0, 0, false
	}
	return t.val / d.val, d.end, true
}

// fracWord reads a fraction word: "two thirds", "a quarter million",
// "half a million", "three-quarters", "a quarter of a billion".
func (s *Scanner) fracWord(t tok, last int, article bool, cur float64) (float64, int, bool) {
	v := t.w.val
	n := s.tokAt(t.end)
	quarter := t.is("quarter") || t.is("quarters")
	switch {
	case last == lNone && (article || t.is("half") || t.is("quarter")):
	case last == lUnit || last == lTeen || last == lTens:
		v *= cur
	default:
		return 0, 0, false
	}
	scaleNext := n.has(fScale) || n.has(fDozen)
	if n.is("of") || n.has(fArticle) && (t.is("half") || article) {
		a := n
		if n.is("of") {
			a = s.tokAt(n.end)
		}
		if sc := s.tokAt(a.end); a.has(fArticle) && (sc.has(fScale) || sc.has(fDozen)) {
			return v * sc.w.val, sc.end, true
		}
	}
	if quarter && !scaleNext && !(last != lNone && n.is("of")) {
		return 0, 0, false // "a quarter", "two quarters" are times
	}
	if last == lNone && !article && !scaleNext {
		return 0, 0, false
	}
	return v, t.end, true
}

// letterScale returns the scale of a capital K, M or G (or a small k), or 0.
func letterScale(c byte) float64 {
	switch c {
	case 'k', 'K':
		return 1e3
	case 'M':
		return 1e6
	case 'G':
		return 1e9
	}
	return 0
}

// vulgar returns the value of a vulgar fraction character, or 0.
func vulgar(r rune) float64 {
	switch r {
	case '½':
		return 0.5
	case '¼':
		return 0.25
	case '¾':
		return 0.75
	case '⅓':
		return 1.0 / 3
	case '⅔':
		return 2.0 / 3
	case '⅕':
		return 0.2
	case '⅙':
		return 1.0 / 6
	case '⅛':
		return 0.125
	}
	return 0
}
