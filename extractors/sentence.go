package extractors

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// maxSentence bounds a sentence: longer runs (logs, tables flattened into
// one line, junk) are cut at the next space.
const maxSentence = 2000

// Sentence is one sentence of a text: Text is text[Start:End].
type Sentence struct {
	Start, End int
	Text       string
}

// Sentences splits text into sentences. A period ends a sentence only before
// white space and a capital, digit, quote or bullet, and not after an
// abbreviation ("Inc.", "U.S.", "No. 1") or inside a number ("3.5"); closing
// quotes stay with their sentence. Headlines, bullets and table rows — lines
// without a final period — are sentences too, while a paragraph hard-wrapped
// mid-sentence is joined back. Leading bullets ("- ", "• ", "1. ") and white
// space are not part of a sentence.
func Sentences(text string) []Sentence {
	out := make([]Sentence, 0, len(text)/120+1)
	start := 0
	emit := func(end int) {
		s, e := trimSentence(text, start, end)
		if e > s {
			out = append(out, Sentence{Start: s, End: e, Text: text[s:e]})
		}
		start = end
	}
	for i := 0; i < len(text); {
		c := text[i]
		if !sentenceBytes[c] && i-start <= maxSentence {
			i++ // nothing to decide here
			continue
		}
		switch {
		case c == '\n':
			if lineBreakEnds(text, start, i) {
				emit(i)
			}
			i++
		case c == '.' || c == '!' || c == '?':
			if end, ok := sentenceEnd(text, start, i); ok {
				emit(end)
				i = end
				continue
			}
			i++
		case c == '|' && i+1 < len(text) && text[i+1] == '|':
			i += 2
		case c == ' ' && i-start > maxSentence, i-start > 4*maxSentence && utf8.RuneStart(c):
			emit(i) // run-on text: cut it, so that reading it stays linear
			i++
		default:
			i++
		}
	}
	emit(len(text))
	return out
}

// sentenceBytes are the bytes Sentences stops at within a sentence of normal
// length.
var sentenceBytes = [256]bool{'\n': true, '.': true, '!': true, '?': true, '|': true}

// trimSentence drops white space and bullet marks around text[s:e].
func trimSentence(text string, s, e int) (int, int) {
	for s < e {
		r, n := utf8.DecodeRuneInString(text[s:e])
		if unicode.IsSpace(r) || r == '•' || r == '·' || r == '▪' || r == '►' {
			s += n
			continue
		}
		if (r == '-' || r == '*' || r == '–') && s+1 < e && text[s+1] == ' ' {
			s += n
			continue
		}
		break
	}
	for e > s {
		r, n := utf8.DecodeLastRuneInString(text[s:e])
		if !unicode.IsSpace(r) {
			break
		}
		e -= n
	}
	return s, e
}

// lineBreakEnds decides whether the newline at i ends the sentence that began
// at start: a blank line, a bullet or table row next, a short line (a
// heading), or a line with its own end always do; a long line running on into
// a lower-case word or a number is a hard wrap.
func lineBreakEnds(text string, start, i int) bool {
	ls := strings.LastIndexByte(text[:i], '\n') + 1
	line := strings.TrimSpace(text[ls:i])
	if line == "" {
		return true
	}
	if line[0] == '|' || line[len(line)-1] == '|' {
		return true
	}
	j := i + 1
	for j < len(text) && (text[j] == ' ' || text[j] == '\t' || text[j] == '\r') {
		j++
	}
	if j >= len(text) || text[j] == '\n' {
		return true
	}
	r, _ := utf8.DecodeRuneInString(text[j:])
	if !(unicode.IsLower(r) || unicode.IsDigit(r) || r == '(' || r == '$') {
		return true
	}
	if isBulletStart(text[j:]) {
		return true
	}
	last, _ := utf8.DecodeLastRuneInString(line)
	if strings.ContainsRune(".!?:;", last) {
		return true
	}
	return len(line) < 60
}

func isBulletStart(s string) bool {
	if len(s) >= 2 && (s[0] == '-' || s[0] == '*') && s[1] == ' ' {
		return true
	}
	if strings.HasPrefix(s, "•") {
		return true
	}
	// "1. Heading"
	k := 0
	for k < len(s) && k < 3 && s[k] >= '0' && s[k] <= '9' {
		k++
	}
	return k > 0 && k+1 < len(s) && s[k] == '.' && s[k+1] == ' '
}

// sentenceEnd decides whether the mark at i ends a sentence; end is where the
// next one begins (after closing quotes and brackets).
func sentenceEnd(text string, start, i int) (int, bool) {
	j := i + 1
	for j < len(text) && (text[j] == '.' || text[j] == '!' || text[j] == '?') {
		j++
	}
	for j < len(text) {
		r, n := utf8.DecodeRuneInString(text[j:])
		if r == '"' || r == '\'' || r == '”' || r == '’' || r == ')' || r == ']' || r == '»' {
			j += n
			continue
		}
		break
	}
	if j >= len(text) {
		return j, true
	}
	if text[j] != ' ' && text[j] != '\t' && text[j] != '\n' && text[j] != '\r' {
		return 0, false // "3.5", "U.S.-based", "Amazon.com"
	}
	k := j
	for k < len(text) && (text[k] == ' ' || text[k] == '\t') {
		k++
	}
	if k >= len(text) || text[k] == '\n' || text[k] == '\r' {
		return j, true
	}
	r, _ := utf8.DecodeRuneInString(text[k:])
	if !(unicode.IsUpper(r) || unicode.IsDigit(r) || r == '"' || r == '“' || r == '‘' || r == '(' || r == '$' || r == '€' || r == '£' || r == '•' || r == '-' || r == '[') {
		return 0, false
	}
	if text[i] == '.' && isAbbrev(text[start:i], unicode.IsDigit(r)) {
		return 0, false
	}
	return j, true
}

// isAbbrev reports whether the word before a period is an abbreviation that
// does not end a sentence.
func isAbbrev(before string, nextDigit bool) bool {
	w := before[lastWordStart(before):]
	if w == "" {
		return false
	}
	// Initials and dotted abbreviations: "U.S", "P.J", "e.g", "A" (not "60.7%").
	if strings.Contains(w, ".") && !strings.ContainsAny(w, "0123456789%$") || (len(w) == 1 && w[0] >= 'A' && w[0] <= 'Z') {
		return true
	}
	l := strings.ToLower(w)
	if nextDigit && (l == "no" || l == "nos" || l == "vol" || l == "p" || l == "pp" || l == "art" || l == "sec" || l == "fig") {
		return true
	}
	return abbrevs[l]
}

// lastWordStart is where the last word of s begins: after its last space,
// tab, newline, "(", '"' or "“" (scanned from the end: s is the sentence so far).
func lastWordStart(s string) int {
	for k := len(s) - 1; k >= 0; k-- {
		switch s[k] {
		case ' ', '\t', '\n', '(', '"':
			return k + 1
		case 0x9C: // the last byte of "“" (E2 80 9C)
			if k >= 2 && s[k-1] == 0x80 && s[k-2] == 0xE2 {
				return k + 1
			}
		}
	}
	return 0
}

var abbrevs = map[string]bool{
	"inc": true, "corp": true, "co": true, "ltd": true, "llc": true, "plc": true, "bros": true,
	"mr": true, "mrs": true, "ms": true, "dr": true, "prof": true, "sr": true, "jr": true, "st": true,
	"vs": true, "etc": true, "approx": true, "est": true, "dept": true, "gov": true, "sen": true,
	"rep": true, "gen": true, "lt": true, "col": true, "capt": true, "mt": true, "ft": true,
	"jan": true, "feb": true, "mar": true, "apr": true, "jun": true, "jul": true, "aug": true,
	"sep": true, "sept": true, "oct": true, "nov": true, "dec": true, "no": true, "u.s": true,
	"fig": true, "vol": true, "avg": true, "mln": true, "bln": true, "mo": true,
}
