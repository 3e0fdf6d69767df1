package extractors

import (
	"unicode"
	"unicode/utf8"
)

// word is one word of a sentence: its lower-case ASCII form (curly quotes and
// dashes folded, a possessive 's split off) and its byte span in the sentence.
type word struct {
	w          string
	start, end int
	cap        bool // first letter upper case
	upper      bool // two or more letters, all upper case ("AWS", "TSMC")
	camel      bool // an upper-case letter after a lower-case one ("CoreWeave", "OpenAI")
	poss       bool // followed by 's or ’ (a possessive)
	punct      byte // the punctuation right after the word (',', ';', ':', '(', ')', '—'), 0 if none
}

// splitWords cuts a sentence into words. Letters, digits and the inner
// characters of "Amazon.com", "U.S.", "re:Invent" and "AT&T" stay in one word;
// hyphens split ("year-over-year" is three words, matched like "year over
// year").
func splitWords(s string) []word { return appendWords(make([]word, 0, len(s)/6+1), s) }

// appendWords is splitWords into a reused slice.
func appendWords(out []word, s string) []word {
	buf := make([]byte, 0, 32)
	// The lower-case forms of changed words go to one arena, made a string
	// once at the end: out[p[0]].w is arena[p[1]:p[2]].
	var lowBuf [256]byte
	var patchBuf [16][3]int
	low, patches := lowBuf[:0], patchBuf[:0]
	for i := 0; i < len(s); {
		r, n := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, n = utf8.DecodeRuneInString(s[i:])
		}
		if !isWordRune(r) {
			if len(out) > 0 && out[len(out)-1].punct == 0 && (out[len(out)-1].end == i || (r == '—' || r == '–') && out[len(out)-1].end == i-1) {
				switch r {
				case ',', ';', ':', '(', ')', '—', '–', '|', '"', '“', '”':
					out[len(out)-1].punct = punctByte(r)
				}
			}
			i += n
			continue
		}
		start := i
		if end, ok := plainWord(s, i); ok {
			// the common word: lower-case ASCII letters and digits, ended by
			// a space or plain punctuation; no copy, no case to work out
			out = append(out, word{w: s[start:end], start: start, end: end})
			i = end
			continue
		}
		buf = buf[:0]
		caps, letters := 0, 0
		first := true
		capFirst, camel, sawLower := false, false, false
		for i < len(s) {
			if c := s[i]; asciiWord[c] { // the common case, without unicode tables
				switch {
				case c >= 'A' && c <= 'Z':
					letters++
					caps++
					if first {
						capFirst = true
					}
					if sawLower {
						camel = true
					}
					c += 'a' - 'A'
				case c >= 'a':
					letters++
					sawLower = true
				}
				first = false
				buf = append(buf, c)
				i++
				continue
			}
			r, n = utf8.DecodeRuneInString(s[i:])
			if !isWordRune(r) {
				// keep inner . & : ' when a letter or digit follows ("Amazon.com", "U.S", "AT&T")
				if (r == '.' || r == '&' || r == '\'' || r == '’') && i+n < len(s) {
					r2, _ := utf8.DecodeRuneInString(s[i+n:])
					if isWordRune(r2) && !(r != '.' && r != '&' && (r2 == 's' || r2 == 'S') && (i+n+1 == len(s) || !isWordRune(rune(s[i+n+1])))) {
						buf = append(buf, byte(foldQuote(r)))
						i += n
						continue
					}
				}
				break
			}
			if unicode.IsLetter(r) {
				letters++
				if unicode.IsUpper(r) {
					caps++
					if first {
						capFirst = true
					}
					if sawLower {
						camel = true
					}
				} else {
					sawLower = true
				}
			}
			first = false
			if r < utf8.RuneSelf {
				buf = append(buf, byte(unicode.ToLower(r)))
			} else {
				buf = utf8.AppendRune(buf, unicode.ToLower(r))
			}
			i += n
		}
		lw := s[start:i]
		if lw != string(buf) { // only copy words that changed (upper case, curly quotes)
			patches = append(patches, [3]int{len(out), len(low), len(low) + len(buf)})
			low = append(low, buf...)
			lw = ""
		}
		w := word{w: lw, start: start, end: i, cap: capFirst, upper: letters >= 2 && caps == letters, camel: camel}
		// possessive: 's or ’s or a bare ’ after s
		if i < len(s) {
			r, n := utf8.DecodeRuneInString(s[i:])
			if r == '\'' || r == '’' {
				if i+n < len(s) && (s[i+n] == 's' || s[i+n] == 'S') && (i+n+1 == len(s) || !isWordRune(rune(s[i+n+1]))) {
					w.poss = true
					i += n + 1
				} else if len(buf) > 0 && buf[len(buf)-1] == 's' {
					w.poss = true
					i += n
				}
			}
		}
		out = append(out, w)
	}
	if len(patches) > 0 {
		arena := string(low)
		for _, p := range patches {
			out[p[0]].w = arena[p[1]:p[2]]
		}
	}
	return out
}

// plainWord reports a word at i of lower-case ASCII letters and digits only,
// ended by the text's end or by an ASCII byte that is no part of a word. A
// period, an ampersand or an apostrophe may be inner or possessive: those
// words take the full path.
func plainWord(s string, i int) (int, bool) {
	j := i
	for j < len(s) && lowerDigit[s[j]] {
		j++
	}
	if j == i {
		return 0, false
	}
	if j == len(s) {
		return j, true
	}
	c := s[j]
	return j, c < utf8.RuneSelf && !asciiWord[c] && c != '.' && c != '&' && c != '\''
}

// lowerDigit marks the lower-case ASCII letters and the digits.
var lowerDigit = func() (t [256]bool) {
	for c := 0; c < utf8.RuneSelf; c++ {
		t[c] = c >= 'a' && c <= 'z' || c >= '0' && c <= '9'
	}
	return t
}()

// asciiWord marks the ASCII letters and digits.
var asciiWord = func() (t [256]bool) {
	for c := 0; c < utf8.RuneSelf; c++ {
		t[c] = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
	}
	return t
}()

func isWordRune(r rune) bool {
	return r < utf8.RuneSelf && (r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9') ||
		r >= utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsDigit(r))
}

func foldQuote(r rune) rune {
	if r == '’' {
		return '\''
	}
	return r
}

func punctByte(r rune) byte {
	switch r {
	case '—', '–':
		return '-'
	case '“', '”':
		return '"'
	}
	return byte(r)
}
