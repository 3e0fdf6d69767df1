package scan

// ordinalFraction reads a spoken fraction whose denominator is an ordinal
// that may span several words: "three twenty-firsts" (3/21), "one hundred
// thirty fifths" (100/35), "one one hundred and fifth" (1/105), "a hundred
// thousand trillionths" (1e5/1e12). Simple fractions ("two thirds of a
// million") are left to amountAt.
func (s *Scanner) ordinalFraction(t tok) (amount, bool) {
	if !t.has(fCard | fTens | fArticle) {
		return amount{}, false
	}
	var seq [16]tok
	n, o, ok := s.ordinalWords(t, &seq)
	if !ok {
		return amount{}, false
	}
	plural := s.src[o.end-1] == 's'
	// "twenty and three fifths", "two and fifty-four hundredths" are a whole
	// and a fraction; "one hundred and thirty fifths" is 130/5.
	g := n - 1
	if g > 0 && seq[g].has(fCard) && seq[g-1].has(fTens) {
		g--
	}
	mixed := g > 0 && seq[g-1].is("and") && (o.w.ord >= 100 || g == n-1 && seq[g].has(fCard))
	if (n == 1 || mixed) && o.has(fFrac) || !plural && s.tokAt(o.end).kind == tWord {
		return amount{}, false // "two thirds" is amountAt's; "a twenty-first century" is no fraction
	}
	k := s.splitOrdinal(seq[:n], o)
	if k == 0 || k == n && (o.w.ord <= 2) { // "one second" is a time
		return amount{}, false
	}
	num := 1.0
	if !(k == 1 && seq[0].has(fArticle)) {
		stop := o.start
		if k < n {
			stop = seq[k].start
		}
		a, ok := s.amountUntil(seq[0], stop)
		if !ok || a.val == 0 {
			return amount{}, false
		}
		num = a.val
	}
	den := o.w.ord
	if k < n {
		a, ok := s.amountUntil(seq[k], o.start)
		if !ok {
			return amount{}, false
		}
		if den >= 100 {
			den *= a.val
		} else {
			den += a.val
		}
	}
	return amount{val: num / den, end: o.end, words: true, frac: true}, true
}

// ordinalWords collects the number words from t up to an ordinal into seq
// and returns how many there are and the ordinal.
func (s *Scanner) ordinalWords(t tok, seq *[16]tok) (int, tok, bool) {
	n := 0
	o := t
	for n < len(seq) {
		if o.kind != tWord || o.w == nil {
			return 0, o, false
		}
		if o.has(fOrd) && n > 0 {
			return n, o, true
		}
		if !(o.has(fCard|fTens|fHundred|fScale) || o.is("and") && n > 0 || o.has(fArticle) && n == 0) {
			return 0, o, false
		}
		seq[n] = o
		n++
		o = s.tokAt(o.end)
		if o.isSym('-') && o.gap <= 1 {
			o = s.tokAt(o.end)
		}
		if o.nl || o.gap > 2 {
			return 0, o, false
		}
	}
	return 0, o, false
}

// splitOrdinal returns where the denominator's words start in seq, the
// number words before the ordinal o: a tens word joins a unit ordinal
// ("thirty fifths" is 35ths) unless "and" ties it to the numerator, and
// "one hundred" joins the ordinal after another number ("one | one hundred
// fifth").
func (s *Scanner) splitOrdinal(seq []tok, o tok) int {
	n := len(seq)
	k := n
	if o.w.ord >= 100 {
		return k
	}
	if o.w.ord < 10 && seq[n-1].has(fTens) && !(n >= 2 && seq[n-2].is("and")) {
		return n - 1
	}
	j := n - 1
	if seq[j].is("and") {
		j--
	}
	if j >= 2 && seq[j].has(fHundred|fScale) && seq[j-1].has(fCard) && (seq[j-2].has(fCard) && !seq[j-2].has(fTens) || seq[j-2].has(fHundred|fScale)) {
		return j - 1
	}
	return k
}
