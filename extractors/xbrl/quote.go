package xbrl

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// quote returns the document text a fact stands in (its table row, or the
// sentence of its paragraph) and the span of the fact's displayed text in it.
func quote(n *html.Node) (string, [2]int, bool) {
	for p := n.Parent; p != nil; p = p.Parent {
		if p.Type == html.ElementNode && p.DataAtom == atom.Tr {
			return rowQuote(p, n)
		}
	}
	for p := n.Parent; p != nil; p = p.Parent {
		if p.Type == html.ElementNode && isBlock(p.DataAtom) {
			s, a, b := render(p, n)
			if a < 0 {
				return "", [2]int{}, false
			}
			s, a, b = sentence(s, a, b)
			return s, [2]int{a, b}, true
		}
	}
	return "", [2]int{}, false
}

func isBlock(a atom.Atom) bool {
	switch a {
	case atom.P, atom.Li, atom.Div, atom.Td, atom.Th, atom.Dd, atom.Dt, atom.H1, atom.H2, atom.H3,
		atom.H4, atom.H5, atom.H6, atom.Blockquote, atom.Body:
		return true
	}
	return false
}

// piece is one cell of a row quote, with the figure's offsets when it holds it.
type piece struct {
	text       string
	start, end int
}

// rowQuote joins the non-empty cells of tr with " | ". A cell that is only a
// currency sign or an opening parenthesis is glued to the cell after it, one
// that is only ")" or "%" to the cell before, so "$ | 95,359" reads "$95,359".
func rowQuote(tr, target *html.Node) (string, [2]int, bool) {
	var pieces []piece
	pending := ""
	for c := tr.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != html.ElementNode || (c.DataAtom != atom.Td && c.DataAtom != atom.Th) {
			continue
		}
		t, a, b := render(c, target)
		switch {
		case t == "":
		case a < 0 && isPrefixCell(t):
			pending += t
		case a < 0 && isSuffixCell(t) && len(pieces) > 0:
			pieces[len(pieces)-1].text += t
		default:
			p := piece{text: pending + t, start: -1, end: -1}
			if a >= 0 {
				p.start, p.end = a+len(pending), b+len(pending)
			}
			pending = ""
			pieces = append(pieces, p)
		}
	}
	var b strings.Builder
	span := [2]int{-1, -1}
	for i, p := range pieces {
		if i > 0 {
			b.WriteString(" | ")
		}
		if p.start >= 0 {
			span = [2]int{b.Len() + p.start, b.Len() + p.end}
		}
		b.WriteString(p.text)
	}
	if span[0] < 0 {
		return "", [2]int{}, false
	}
	return b.String(), span, true
}

func isPrefixCell(t string) bool {
	switch t {
	case "$", "(", "$(", "($", "€", "£", "¥":
		return true
	}
	return false
}

func isSuffixCell(t string) bool {
	switch t {
	case ")", "%", ")%", "%)", "pts", "bps":
		return true
	}
	return false
}

// renderer writes the text of a subtree with whitespace collapsed and block
// boundaries as spaces, noting where the target element's text starts and ends.
type renderer struct {
	b          strings.Builder
	space      bool
	target     *html.Node
	inTarget   bool
	start, end int
}

// render returns n's text and the offsets of target's text in it (-1, -1
// when target is not inside n or shows no text).
func render(n, target *html.Node) (string, int, int) {
	r := renderer{target: target, start: -1, end: -1}
	r.walk(n)
	s := r.b.String()
	if r.end > len(s) {
		r.end = len(s)
	}
	return s, r.start, r.end
}

func (r *renderer) walk(n *html.Node) {
	switch n.Type {
	case html.TextNode:
		r.text(n.Data)
		return
	case html.ElementNode:
		switch n.DataAtom {
		case atom.Script, atom.Style:
			return
		}
		if _, local := splitName(n.Data); local == "header" && strings.HasPrefix(n.Data, "ix:") {
			return
		}
	}
	block := n.Type == html.ElementNode && (isBlock(n.DataAtom) || n.DataAtom == atom.Br || n.DataAtom == atom.Tr)
	if block {
		r.space = true
	}
	if n == r.target {
		r.inTarget = true
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		r.walk(c)
	}
	if n == r.target {
		r.inTarget = false
		if r.start >= 0 {
			r.end = r.b.Len()
		}
	}
	if block {
		r.space = true
	}
}

func (r *renderer) text(s string) {
	for _, c := range s {
		if unicode.IsSpace(c) || c == '\u00a0' || c == utf8.RuneError {
			r.space = true
			continue
		}
		if r.space && r.b.Len() > 0 {
			r.b.WriteByte(' ')
		}
		r.space = false
		if r.inTarget && r.start < 0 {
			r.start = r.b.Len()
		}
		r.b.WriteRune(c)
	}
}

// maxQuote is the length past which a paragraph is cut to the sentence
// holding the figure.
const maxQuote = 400

// sentence cuts a long paragraph s to the sentence holding [a, b) and
// returns the new offsets.
func sentence(s string, a, b int) (string, int, int) {
	if len(s) <= maxQuote {
		return s, a, b
	}
	from := 0
	for i := a - 1; i > 0; i-- {
		if s[i] == ' ' && (s[i-1] == '.' || s[i-1] == ';') && i+1 < len(s) && isUpper(s[i+1]) {
			from = i + 1
			break
		}
	}
	to := len(s)
	for i := b; i < len(s); i++ {
		if s[i] == '.' && (i+1 == len(s) || (s[i+1] == ' ' && i+2 < len(s) && isUpper(s[i+2]))) {
			to = i + 1
			break
		}
	}
	return s[from:to], a - from, b - from
}

func isUpper(c byte) bool { return c >= 'A' && c <= 'Z' }
