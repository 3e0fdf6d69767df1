package scan

// amount is a cardinal read from digits, number words or both
// ("500,000", "fifteen billion", "4 thousand 3 hundred and 21", "half a million").
type amount struct {
	val    float64
	end    int
	scale  float64 // the largest scale applied (1e9 for "billion"), 0 if none
	words  bool    // some of it is in words
	lit    tok     // the first digit literal, if the amount starts with one
	digits bool    // the amount starts with a digit literal
	frac   bool    // a fraction "1/5"
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

// amountAt reads an amount starting with the token t.
func (s *Scanner) amountAt(t tok) (amount, bool) {
	a := amount{end: t.start}
	var total, cur float64
	last := lNone
	lastScale := 0.0
	article := false
	for i := 0; ; i++ {
		if i > 0 && (t.nl || t.gap > 2) {
			break
		}
		switch {
		case t.kind == tNum:
			if last == lNone {
				if t.dots > 1 {
					return a, false
				}
				cur, a.lit, a.digits = t.val, t, true
				a.end = t.end
				if v, end, ok := s.fraction(t); ok {
					cur, a.end, a.frac = v, end, true
					return amount{val: v, end: end, lit: t, digits: true, frac: true}, true
				}
				last = lDigits
			} else if (last == lScale || last == lHundred) && t.dots == 0 && t.val < lastScale && t.val == float64(int64(t.val)) {
				cur, last, a.end = cur+t.val, lDigits, t.end
			} else {
				goto done
			}
		case t.kind != tWord || t.w == nil:
			goto done
		case t.has(fCard) && !t.has(fTens):
			v := t.w.val
			ok := last == lNone || last == lHundred || last == lScale || last == lTens && v > 0 && v < 10
			if !ok || article {
				goto done
			}
			cur += v
			a.end, a.words = t.end, true
			if v < 10 {
				last = lUnit
			} else {
				last = lTeen
			}
		case t.has(fTens):
			if !(last == lNone || last == lHundred || last == lScale) || article {
				goto done
			}
			cur += t.w.val
			a.end, a.words, last = t.end, true, lTens
		case t.has(fHundred):
			if article && last == lNone {
				cur, article = 1, false
			} else if last == lNone || last == lHundred || last == lScale || cur >= 100 || cur == 0 {
				goto done
			}
			cur *= 100
			a.end, last, lastScale = t.end, lHundred, 100
			if a.scale < 100 {
				a.scale = 100
			}
		case t.has(fScale) || t.has(fAbbr) && last == lDigits || t.has(fSuffix) && t.gap == 0 && last == lDigits:
			sc := t.w.val
			if article && last == lNone {
				cur, article = 1, false
			} else if last == lNone || cur == 0 && last != lFrac {
				goto done
			}
			if lastScale != 0 && lastScale != 100 && sc >= lastScale || lastScale == 100 && sc <= 100 {
				goto done
			}
			total += cur * sc
			cur = 0
			a.end, last, lastScale = t.end, lScale, sc
			if a.scale < sc {
				a.scale = sc
			}
		case t.has(fDozen):
			if article && last == lNone {
				cur, article = 1, false
			} else if last == lNone || cur == 0 {
				goto done
			}
			cur *= 12
			a.end, last = t.end, lScale
			lastScale = 12
		case t.has(fArticle) && last == lNone && i == 0:
			article = true
			a.end = t.end
		case t.has(fFrac):
			v, end, ok := s.fracWord(t, last, article, cur)
			if !ok {
				goto done
			}
			cur, a.end, last, article = v, end, lFrac, false
			a.words = true
		case t.is("and") || t.isSym('&'):
			v, end, ok := s.andPart(t, last, lastScale)
			if !ok {
				goto done
			}
			if v < 1 && cur == 0 && lastScale > 0 { // "one million and a half"
				total += v * lastScale
				a.end = end
				goto done
			}
			if v < 1 {
				cur += v
				a.end, last = end, lFrac
			} else {
				t = s.tokAt(t.end)
				continue
			}
		default:
			goto done
		}
		t = s.next(t, last, a.words)
	}
done:
	if last == lNone || article {
		return a, false
	}
	a.val = total + cur
	return a, true
}

// next returns the token after t inside an amount: a hyphen joins
// "twenty-one" and "three-quarters"; a comma may follow a scale
// ("three million, two hundred").
func (s *Scanner) next(t tok, last int, words bool) tok {
	n := s.tokAt(t.end)
	if n.gap == 0 && (n.isSym('-') || n.isSym(',') && last == lScale && words) {
		m := s.tokAt(n.end)
		if m.kind == tWord && m.w != nil && m.w.flags&(fCard|fTens|fFrac|fHundred) != 0 && (m.gap == 0 || n.sym == ',') {
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
	return t.val / d.val, d.end, true
}

// fracWord reads a fraction word: "two thirds", "a quarter", "half",
// "three-quarters", optionally "of a" before a scale ("a quarter of a billion").
func (s *Scanner) fracWord(t tok, last int, article bool, cur float64) (float64, int, bool) {
	v := t.w.val
	switch {
	case last == lNone && (article || t.is("half")):
	case last == lUnit || last == lTeen || last == lTens:
		v *= cur
		if t.is("quarters") || t.is("quarter") { // "two quarters" is a time, unless a scale or "of a" follows
			if n := s.tokAt(t.end); !(n.has(fScale) || n.is("of")) {
				return 0, 0, false
			}
		}
	default:
		return 0, 0, false
	}
	end := t.end
	n := s.tokAt(end)
	if n.is("of") {
		if a := s.tokAt(n.end); a.has(fArticle) {
			if sc := s.tokAt(a.end); sc.has(fScale) {
				return v * sc.w.val, sc.end, true
			}
		}
	} else if n.has(fArticle) && t.is("half") {
		if sc := s.tokAt(n.end); sc.has(fScale) {
			return v * sc.w.val, sc.end, true
		}
	}
	if last == lNone && !t.is("half") {
		// "a quarter" alone is no amount: it must have a scale after it.
		if !n.has(fScale) {
			return 0, 0, false
		}
	}
	if last == lNone && t.is("half") && !n.has(fScale) {
		return 0, 0, false
	}
	return v, end, true
}

// andPart reads what may follow "and" inside an amount: more number words
// after a hundred or a scale ("a hundred and two"), or a fraction
// ("and a half"). It returns the fraction's value, or a value of 1 or more
// to say the amount goes on after "and".
func (s *Scanner) andPart(t tok, last int, lastScale float64) (float64, int, bool) {
	n := s.tokAt(t.end)
	if n.nl {
		return 0, 0, false
	}
	if n.has(fArticle) || n.is("one") {
		if f := s.tokAt(n.end); f.has(fFrac) && (f.is("half") || f.is("quarter") || f.is("third")) {
			return f.w.val, f.end, true
		}
	}
	if last != lHundred && last != lScale {
		return 0, 0, false
	}
	if n.kind == tNum && n.dots == 0 && n.val < lastScale && n.end < len(s.src) && !isLetter(s.src[n.end]) {
		return 1, 0, true
	}
	if n.has(fCard) || n.has(fTens) {
		return 1, 0, true
	}
	return 0, 0, false
}
