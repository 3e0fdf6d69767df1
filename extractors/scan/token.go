package scan

import "unicode/utf8"

// Character classes for the byte loop.
const (
	cOther  uint8 = iota
	cSpace        // ASCII white space
	cDigit        // 0-9
	cLetter       // A-Z a-z
	cStart        // a byte that may start a figure: signs, currency, brackets, UTF-8 lead bytes of €, £, ¥, ₹
)

var class = func() (t [256]uint8) {
	for _, c := range " \t\n\r\v\f" {
		t[c] = cSpace
	}
	for c := '0'; c <= '9'; c++ {
		t[c] = cDigit
	}
	for c := 'a'; c <= 'z'; c++ {
		t[c] = cLetter
		t[c-'a'+'A'] = cLetter
	}
	for _, c := range "$(-+~><.#" {
		t[c] = cStart
	}
	t[0xC2] = cStart // £ ¥ ¢ and no-break space
	t[0xE2] = cStart // € ₹ ₩ ₿ − – ≥ ≤
	return t
}()

func isDigit(c byte) bool  { return class[c] == cDigit }
func isLetter(c byte) bool { return class[c] == cLetter }
func isUpper(c byte) bool  { return c >= 'A' && c <= 'Z' }

// decodeRune decodes the rune at p, always advancing at least one byte.
func decodeRune(src string, p int) (rune, int) {
	if p >= len(src) {
		return utf8.RuneError, 0
	}
	if src[p] < utf8.RuneSelf {
		return rune(src[p]), 1
	}
	return utf8.DecodeRuneInString(src[p:])
}

// Token kinds.
const (
	tEOF uint8 = iota
	tNum
	tWord
	tSym
)

// tok is one token: a number literal, a word or a symbol, with the space
// before it.
type tok struct {
	start, end int
	val        float64   // tNum: the value
	w          *wordInfo // tWord: the table entry, nil for other words
	gap        int32     // bytes of space between the position asked and start
	sym        rune      // tSym: the character
	ndig       int16     // tNum: digits before the decimal point
	nfrac      int16     // tNum: digits after it
	caps       int16     // tWord: upper-case letters
	kind       uint8
	dots       uint8 // tNum: decimal points seen (2 or more: a version number)
	nl         bool  // the gap holds a line break
	comma      bool  // tNum: thousands separators
	first      bool  // tWord: the first letter is upper case
}

func (t tok) is(word string) bool { return t.kind == tWord && t.w != nil && t.w.word == word }
func (t tok) has(f uint64) bool   { return t.kind == tWord && t.w != nil && t.w.flags&f != 0 }
func (t tok) isSym(r rune) bool   { return t.kind == tSym && t.sym == r }
func (t tok) length() int         { return t.end - t.start }
func (t tok) allCaps() bool       { return int(t.caps) == t.length() }

// lowerWord reports whether the word is all lower case.
func (t tok) lowerWord() bool { return t.caps == 0 }

// tokAt lexes the token at or after p, skipping white space (including the
// no-break and thin spaces).
func (s *Scanner) tokAt(p int) tok {
	c := &s.cache[p&(len(s.cache)-1)]
	if c.p1 == p+1 {
		return c.t
	}
	c.p1, c.t = p+1, s.lex(p)
	return c.t
}

func (s *Scanner) lex(p int) tok {
	src := s.src
	start := p
	nl := false
	for p < len(src) {
		c := src[p]
		if class[c] == cSpace {
			if c == '\n' {
				nl = true
			}
			p++
			continue
		}
		if c == 0xC2 && p+1 < len(src) && src[p+1] == 0xA0 { // U+00A0
			p += 2
			continue
		}
		if c == 0xE2 && p+2 < len(src) && src[p+1] == 0x80 && (src[p+2] == 0x89 || src[p+2] == 0xAF) { // U+2009, U+202F
			p += 3
			continue
		}
		break
	}
	t := tok{start: p, end: p, gap: int32(min(p-start, 1<<30)), nl: nl}
	if p >= len(src) {
		return t
	}
	c := src[p]
	switch {
	case isDigit(c) || c == '.' && p+1 < len(src) && isDigit(src[p+1]) && (p == 0 || !isDigit(src[p-1])):
		s.lexNumber(&t)
	case isLetter(c):
		s.lexWord(&t)
	default:
		r, n := decodeRune(src, p)
		t.kind, t.sym, t.end = tSym, r, p+n
	}
	return t
}

// lexNumber reads a number literal: digits with thousands separators
// ("1,000,000", Indian "12,34,567", "1 234 567"), a decimal part and an
// exponent ("1.3e6").
func (s *Scanner) lexNumber(t *tok) {
	src := s.src
	p := t.start
	var m mantissa
	for p < len(src) && isDigit(src[p]) {
		m.add(src[p], false)
		t.ndig++
		p++
	}
	if q := commaGroups(src, p); q > p && t.ndig <= 3 {
		for ; p < q; p++ {
			if isDigit(src[p]) {
				m.add(src[p], false)
				t.ndig++
			}
		}
		t.comma = true
	}
	if !t.comma && t.ndig <= 3 {
		for w := spaceGroup(src, p); w > 0; w = spaceGroup(src, p) {
			for _, c := range []byte(src[p+w : p+w+3]) {
				m.add(c, false)
			}
			t.ndig += 3
			t.comma = true
			p += w + 3
		}
	}
	for p+1 < len(src) && src[p] == '.' && isDigit(src[p+1]) {
		t.dots++
		p++
		for p < len(src) && isDigit(src[p]) {
			if t.dots == 1 {
				m.add(src[p], true)
				t.nfrac++
			}
			p++
		}
	}
	v := m.value()
	if t.dots <= 1 {
		v, p = exponent(src, p, v)
	}
	t.kind, t.val, t.end = tNum, v, p
}

// mantissa accumulates the digits of a literal: the first 18 significant
// digits exactly, the rest as a power of ten.
type mantissa struct {
	mant  uint64
	nd    int // significant digits kept
	scale int // power of ten to apply
}

func (m *mantissa) add(c byte, frac bool) {
	switch {
	case m.nd < 18:
		m.mant = m.mant*10 + uint64(c-'0')
		if m.mant != 0 {
			m.nd++
		}
		if frac {
			m.scale--
		}
	case !frac:
		m.scale++
	}
}

func (m *mantissa) value() float64 {
	v := float64(m.mant)
	for sc := m.scale; sc > 0; sc-- {
		v *= 10
	}
	if m.scale < 0 {
		v /= pow10(-m.scale)
	}
	return v
}

// commaGroups returns where the thousands groups after p end ("," and three
// digits, or Indian groups of two ending in three), or p when there are none.
func commaGroups(src string, p int) int {
	q, groups := p, 0
	for q+1 < len(src) && src[q] == ',' && isDigit(src[q+1]) {
		n := 0
		for q+1+n < len(src) && isDigit(src[q+1+n]) {
			n++
		}
		last := !(q+n+2 < len(src) && src[q+1+n] == ',' && isDigit(src[q+n+2]))
		if n != 3 && (n != 2 || last) {
			return p
		}
		q += 1 + n
		groups++
	}
	return q
}

// spaceGroup returns the width of the space before a group of exactly three
// digits at p ("1 234 567", "40 000"), or 0.
func spaceGroup(src string, p int) int {
	w := groupSpace(src, p)
	if w == 0 || p+w+3 > len(src) || !isDigit(src[p+w]) || !isDigit(src[p+w+1]) || !isDigit(src[p+w+2]) ||
		p+w+3 < len(src) && (isDigit(src[p+w+3]) || isLetter(src[p+w+3])) {
		return 0
	}
	return w
}

// groupSpace returns the width of a space that separates digit groups at p
// (a plain space, U+2009 or U+202F, U+00A0), or 0.
func groupSpace(src string, p int) int {
	switch {
	case p < len(src) && src[p] == ' ':
		return 1
	case p+1 < len(src) && src[p] == 0xC2 && src[p+1] == 0xA0:
		return 2
	case p+2 < len(src) && src[p] == 0xE2 && src[p+1] == 0x80 && (src[p+2] == 0x89 || src[p+2] == 0xAF):
		return 3
	}
	return 0
}

// exponent reads scientific notation glued to a number: "1.3e6",
// "12.32e+14", "2.5^-1".
func exponent(src string, p int, v float64) (float64, int) {
	if p+1 >= len(src) || !(src[p] == 'e' || src[p] == 'E' || src[p] == '^') {
		return v, p
	}
	q := p + 1
	neg := false
	for q < len(src) && (src[q] == '+' || src[q] == '-') && q-p <= 2 {
		if src[q] == '-' {
			neg = !neg
		}
		q++
	}
	n, e := 0, 0
	for q < len(src) && isDigit(src[q]) && n < 3 {
		e = e*10 + int(src[q]-'0')
		q++
		n++
	}
	if n == 0 || q < len(src) && (isLetter(src[q]) || isDigit(src[q])) {
		return v, p
	}
	if src[p] == '^' {
		r := 1.0
		b := v
		if neg {
			b = 1 / v
		}
		for ; e > 0; e-- {
			r *= b
		}
		return r, q
	}
	if neg {
		return v / pow10(e), q
	}
	return v * pow10(e), q
}

func pow10(n int) float64 {
	v := 1.0
	for ; n > 0; n-- {
		v *= 10
	}
	return v
}

// lexWord reads a run of ASCII letters and looks it up in the word table.
func (s *Scanner) lexWord(t *tok) {
	src := s.src
	p := t.start
	for p < len(src) && isLetter(src[p]) {
		if isUpper(src[p]) {
			t.caps++
		}
		p++
	}
	t.kind, t.end = tWord, p
	t.first = isUpper(src[t.start])
	t.w = s.lookup(t.start, p)
}

// lookup finds the word src[p:end] in the table, ignoring case.
func (s *Scanner) lookup(p, end int) *wordInfo {
	if end-p > maxWord || end <= p {
		return nil
	}
	n := end - p
	first, last := s.src[p]|0x20-'a', s.src[end-1]|0x20-'a'
	if first >= 26 || last >= 26 || wordShape[first][last]&(1<<n) == 0 {
		return nil
	}
	w := s.src[p:end]
	h := uint32(2166136261)
	for i := 0; i < len(w); i++ {
		h = (h ^ uint32(w[i]|0x20)) * 16777619
	}
	for i := h & (tableSize - 1); ; i = (i + 1) & (tableSize - 1) {
		e := wordTable[i]
		if e == nil {
			return nil
		}
		if len(e.word) == n && equalFold(w, e.word) {
			return e
		}
	}
}

// equalFold compares a word of the text with a lower-case table word.
func equalFold(w, lower string) bool {
	for i := 0; i < len(w); i++ {
		if w[i]|0x20 != lower[i] {
			return false
		}
	}
	return true
}

// mayAnchor is a cheap filter before the map lookup: only words whose first
// letter and length match some anchor word are looked up.
func mayAnchor(src string, p, end int) bool {
	n := end - p
	if n >= 32 {
		return false
	}
	return anchorShape[src[p]|0x20-'a'][src[end-1]|0x20-'a']&(1<<n) != 0
}
