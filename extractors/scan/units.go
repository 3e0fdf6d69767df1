package scan

import (
	"strings"
	"unicode/utf8"
)

// curSymbol returns the currency a symbol stands for, or "".
func curSymbol(t tok) string {
	if t.kind != tSym {
		return ""
	}
	switch t.sym {
	case '$':
		return "USD"
	case '€':
		return "EUR"
	case '£':
		return "GBP"
	case '¥', '￥':
		return "JPY"
	case '₹':
		return "INR"
	case '₩':
		return "KRW"
	case '₿':
		return "BTC"
	case '元':
		return "CNY"
	case '₡':
		return "CRC"
	case '₾':
		return "GEL"
	case '₭':
		return "LAK"
	case '₺':
		return "TRY"
	case '₽':
		return "RUB"
	case '₱':
		return "PHP"
	case '₫':
		return "VND"
	case '₦':
		return "NGN"
	case '₪':
		return "ILS"
	}
	return ""
}

// curPrefix reads a currency written before the number: "$", "US$", "NT$",
// "USD", "Rs.", "MUSD". It returns the code, a multiplier and where the
// number should start.
func (s *Scanner) curPrefix(t tok) (code string, mult float64, end int, ok bool) {
	if c := curSymbol(t); c != "" {
		return c, 1, t.end, true
	}
	if t.kind != tWord || t.w == nil {
		return "", 0, 0, false
	}
	if t.w.flags&fDollarPrefix != 0 {
		n := s.tokAt(t.end)
		single := t.length() == 1
		if n.isSym('$') && (n.gap == 0 && (!single || !t.lowerWord() || t.is("c")) ||
			n.gap == 1 && t.lowerWord() && (t.is("c") || t.is("hk") || t.is("us"))) {
			return t.w.code, 1, n.end, true
		}
	}
	if t.w.flags&fCurPrefix != 0 && (t.caps == 0 || t.allCaps() || t.is("rs")) {
		end := t.end
		if end+1 < len(s.src) && s.src[end] == '.' && t.is("rs") {
			end++
		}
		n := s.tokAt(end)
		if n.kind == tNum && n.gap <= 1 && !n.nl {
			return t.w.code, t.w.val, end, true
		}
	}
	return "", 0, 0, false
}

// unitAfter reads what follows an amount: a scale abbreviation, a percent
// sign or word, a currency, watts, a multiple, "+", "per share", a counted
// noun. It reports false when the amount is glued to letters it cannot read
// ("4o", "16GB", "21st", "1990s"), which makes it no figure.
func (s *Scanner) unitAfter(q *quantity) bool {
	t := s.tokAt(q.end)
	if t.gap == 0 && t.isSym('-') {
		n := s.tokAt(t.end)
		if n.kind == tWord && n.gap == 0 {
			if n.length() == 1 && isUpper(s.src[n.start]) || n.has(fOrd) { // Form 10-K, 10-Q, twenty-first
				return false
			}
			if n.is("plus") { // "300,000-plus people"
				q.qual, q.end = MoreThan, n.end
				return s.finish(q)
			}
			t = n
		}
	}
	if t.nl {
		return s.finish(q)
	}
	switch {
	case t.isSym('%') && t.gap <= 1 && !q.cur:
		q.unit, q.kind, q.end = "percent", Percent, t.end
	case t.has(fPercent) && !q.cur:
		s.percentWord(q, t)
	case t.is("per"):
		if n := s.tokAt(t.end); n.is("cent") && n.gap == 1 {
			q.unit, q.kind, q.end = "percent", Percent, n.end
		}
	case t.is("basis"):
		if n := s.tokAt(t.end); n.has(fPoint) {
			q.unit, q.kind, q.end, q.val, q.umult = "pp", Points, n.end, q.val/100, 0.01
		}
	case t.has(fPower) && (t.length() > 1 || t.caps == 1):
		q.unit, q.kind, q.end, q.val, q.umult = "W", Power, t.end, q.val*t.w.val, t.w.val
	case t.has(fTimes) && (t.is("times") && t.gap > 0 || t.is("x") && t.gap == 0 || t.is("fold")):
		if t.end < len(s.src) && isDigit(s.src[t.end]) { // 1.3x10^6
			return s.tenPower(q, t.end)
		}
		q.unit, q.kind, q.end = "x", Multiple, t.end
	case t.isSym('×') && t.gap <= 1:
		q.unit, q.kind, q.end = "x", Multiple, t.end
	case t.has(fTime) || t.is("a") && strings.HasPrefix(s.src[t.start:], "a.m.") || t.kind == tWord && (s.src[t.start]|0x20) == 'p' && strings.HasPrefix(strings.ToLower(s.src[t.start:min(t.start+4, len(s.src))]), "p.m."):
		if q.unit == "" {
			return false
		}
	case q.cur && q.unit == "JPY" && t.has(fCur) && t.w.code == "CNY":
		s.money(q, t)
	case q.cur:
		s.cents(q, false)
	default:
		s.money(q, t)
	}
	return s.finish(q)
}

func (s *Scanner) percentWord(q *quantity, t tok) {
	switch {
	case t.is("percentage"):
		if n := s.tokAt(t.end); n.has(fPoint) {
			q.unit, q.kind, q.end = "pp", Points, n.end
			return
		}
		q.unit, q.kind, q.end = "percent", Percent, t.end
	case t.w.code == "pp":
		q.unit, q.kind, q.end, q.val, q.umult = "pp", Points, t.end, q.val*t.w.val, t.w.val
	default:
		q.unit, q.kind, q.end = "percent", Percent, t.end
	}
}

// money reads a currency written after the number: "10 dollars", "20€",
// "115USD", "3.14US$", "43c", "75 USD million", "ten Canadian dollars".
func (s *Scanner) money(q *quantity, t tok) {
	code, mult, end := "", 1.0, 0
	switch {
	case t.kind == tSym && t.gap <= 1 && curSymbol(t) != "" && (t.gap == 0 || t.sym == '€' || s.tokAt(t.end).kind != tNum):
		code, end = curSymbol(t), t.end
		if n := s.tokAt(end); n.gap == 0 && n.is("ur") { // "20 €ur"
			end = n.end
		}
	case t.isSym('¢'):
		code, mult, end = "USD", 0.01, t.end
	case t.kind != tWord || t.w == nil:
		return
	case t.is("c") && t.gap == 0:
		if n := s.tokAt(t.end); !n.isSym('$') {
			code, mult, end = "USD", 0.01, t.end
		} else {
			code, end = "CAD", n.end
		}
	case t.w.flags&fDollarPrefix != 0 && s.tokAt(t.end).isSym('$') && s.tokAt(t.end).gap == 0:
		code, end = t.w.code, s.tokAt(t.end).end
	case t.w.flags&fCurAdj != 0 || t.is("u") || t.is("new"):
		code, end = s.currencyPhrase(t)
		if code == "" && t.w.flags&fCur != 0 && s.currencyWordOK(q, t) {
			code, mult, end = t.w.code, t.w.val, t.end
		}
	case t.w.flags&fCur != 0:
		if !s.currencyWordOK(q, t) {
			return
		}
		code, mult, end = t.w.code, t.w.val, t.end
	}
	if q.cur && q.unit == "JPY" && code == "CNY" { // "¥100 yuan": ¥ is the yuan sign too
		q.unit = "CNY"
	}
	if code == "" || q.cur && code != q.unit {
		return
	}
	q.unit, q.kind, q.end, q.val, q.umult = code, Money, end, q.val*mult, mult
	if n := s.tokAt(end); q.scale == 0 && (n.has(fScale) || n.has(fAbbr)) && n.gap <= 1 { // 75 USD million
		q.scale, q.val, q.end = n.w.val, q.val*n.w.val, n.end
	}
	s.cents(q, t.kind == tWord)
}

// currencyWordOK rules out currency words that are something else here:
// "twenty-pound bag", "a pound of coal", "the team won".
func (s *Scanner) currencyWordOK(q *quantity, t tok) bool {
	if t.gap > 1 {
		return false
	}
	switch {
	case t.is("pound") || t.is("pounds"):
		if t.gap == 0 || s.tokAt(t.end).is("of") {
			return false
		}
	case t.is("won"):
		return q.scale >= 1e6 || q.val >= 1000
	case t.length() == 3 && t.caps != 0 && t.caps != 3:
		return false // "Won", "Yen"-style title case of a code is fine only in full words
	}
	return t.gap > 0 || t.length() <= 4 || t.allCaps()
}

// currencyPhrase reads a currency named with an adjective: "US dollars",
// "U.S. dollars", "Hong Kong dollars", "New Taiwan dollars", "Canadian
// dollars", "Kuwaiti dinar", "Chinese yuan".
func (s *Scanner) currencyPhrase(t tok) (string, int) {
	code := ""
	n := t
	switch {
	case t.is("u"): // U.S.
		if !strings.HasPrefix(strings.ToLower(s.src[t.start:min(t.start+4, len(s.src))]), "u.s.") {
			return "", 0
		}
		code = "USD"
		n = s.tokAt(t.start + 4)
	case t.is("hong"):
		if n = s.tokAt(t.end); !n.is("kong") {
			return "", 0
		}
		code = "HKD"
		n = s.tokAt(n.end)
	case t.is("new"):
		if n = s.tokAt(t.end); !n.is("taiwan") {
			return "", 0
		}
		code = "TWD"
		n = s.tokAt(n.end)
	default:
		code = t.w.code
		n = s.tokAt(t.end)
	}
	if n.has(fCur) && n.gap == 1 && !n.nl {
		return code, n.end
	}
	return "", 0
}

// cents adds the cents of "20 dollars 43 cents", "$20 and 43c",
// "US$3 and fourteen".
func (s *Scanner) cents(q *quantity, suffixWord bool) {
	t := s.tokAt(q.end)
	and := false
	if t.is("and") {
		and = true
		t = s.tokAt(t.end)
	}
	if t.nl || t.gap > 1 || !(t.kind == tNum || t.has(fCard|fTens)) {
		return
	}
	a, ok := s.amountAt(t)
	if !ok || a.val >= 100 || a.val != float64(int(a.val)) || a.scale != 0 || a.frac {
		return
	}
	n := s.tokAt(a.end)
	marker := n.has(fCur) && n.w.val == 0.01 || n.is("c") && n.gap == 0
	end := a.end
	switch {
	case marker:
		end = n.end
	case suffixWord && (n.kind == tEOF || n.kind == tSym && strings.ContainsRune(".,;!?)", n.sym)):
	case and && a.words && (n.kind == tEOF || n.kind == tSym):
	default:
		return
	}
	q.val += a.val / 100
	q.end = end
}

// finish reads what may close a figure: "+", "per share", "or more", and
// the counted noun of a number with no unit.
func (s *Scanner) finish(q *quantity) bool {
	src := s.src
	if q.end < len(src) && (isLetter(src[q.end]) || isDigit(src[q.end])) {
		return false
	}
	if q.end < len(src) && src[q.end] == '+' && (q.end+1 == len(src) || !isDigit(src[q.end+1])) {
		q.end++
		q.qual = MoreThan
	}
	if q.kind == Money {
		s.perShare(q)
	}
	t := s.tokAt(q.end)
	if t.is("or") && !t.nl {
		n := s.tokAt(t.end)
		switch {
		case n.is("more") || n.is("greater") || n.is("above"):
			q.qual, q.end = AtLeast, n.end
		case n.is("so"):
			q.qual, q.end = Approx, n.end
		case n.is("less") || n.is("fewer"):
			q.qual, q.end = UpTo, n.end
		}
	}
	if q.unit == "" {
		s.noun(q)
		if q.item != "" && !q.period {
			q.kind = Count
		}
	}
	return true
}

// perShare reads "per share", "a share", "per diluted share", "/share".
func (s *Scanner) perShare(q *quantity) {
	t := s.tokAt(q.end)
	if !(t.is("per") || t.is("a") || t.isSym('/') && t.gap == 0) || t.nl {
		return
	}
	n := s.tokAt(t.end)
	if n.is("diluted") || n.is("basic") {
		n = s.tokAt(n.end)
	}
	if n.is("share") {
		q.unit += "/share"
		q.end = n.end
	}
}

// tenPower reads "10^6" after "1.3x".
func (s *Scanner) tenPower(q *quantity, p int) bool {
	src := s.src
	if !strings.HasPrefix(src[p:], "10^") {
		return false
	}
	v, end := exponent(src, p+2, 10)
	if end == p+2 {
		return false
	}
	q.val *= v
	q.end = end
	return true
}

// percentOf reads "percent of 10", "per cent of twenty-two" opening a line:
// the percentage named after the word.
func (s *Scanner) percentOf(p, end int) (Figure, bool) {
	src := s.src
	q := p
	for q > 0 && (src[q-1] == ' ' || src[q-1] == '\t') {
		q--
	}
	if q > 0 && src[q-1] != '\n' {
		return Figure{}, false
	}
	t := s.tokAt(p)
	if t.is("per") {
		if t = s.tokAt(end); !t.is("cent") || t.gap != 1 {
			return Figure{}, false
		}
	}
	of := s.tokAt(t.end)
	if !of.is("of") || of.gap != 1 {
		return Figure{}, false
	}
	n := s.tokAt(of.end)
	a, ok := s.amountAt(n)
	if !ok || n.gap != 1 || a.end < len(src) && isLetter(src[a.end]) {
		return Figure{}, false
	}
	return Figure{Start: p, End: a.end, Value: a.val, Unit: "percent", Qualifier: Exact, Kind: Percent}, true
}

// curBefore reports whether a currency sign ends just before p ("$4K").
func (s *Scanner) curBefore(p int) bool {
	if p == 0 {
		return false
	}
	r, _ := utf8.DecodeLastRuneInString(s.src[:p])
	return curSymbol(tok{kind: tSym, sym: r}) != ""
}
