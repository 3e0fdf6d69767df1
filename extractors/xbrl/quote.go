package xbrl

import (
	"maps"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// quoter finds the document text a fact stands in: its table row, or the
// sentence of its paragraph. It renders each row or block once and keeps
// where every fact's text sits in it, so a table of many facts costs one pass.
type quoter struct {
	cache map[*html.Node]*rendered
}

// rendered is the text of a row or block and the offsets of the facts in it.
type rendered struct {
	text string
	pos  map[*html.Node][2]int
}

func newQuoter() *quoter { return &quoter{cache: map[*html.Node]*rendered{}} }

// quote returns the quote for fact n and the span of its displayed text.
func (q *quoter) quote(n *html.Node) (string, [2]int, bool) {
	box, row := container(n)
	if box == nil {
		return "", [2]int{}, false
	}
	r, ok := q.cache[box]
	if !ok {
		if row {
			r = renderRow(box)
		} else {
			r = renderNode(box)
		}
		q.cache[box] = r
	}
	span, ok := r.pos[n]
	if !ok || span[0] < 0 || span[1] <= span[0] {
		return "", [2]int{}, false
	}
	if row {
		return r.text, span, true
	}
	s, a, b := sentence(r.text, span[0], span[1])
	return s, [2]int{a, b}, true
}

// container returns the table row holding n, or else its nearest block.
func container(n *html.Node) (*html.Node, bool) {
	for p := n.Parent; p != nil; p = p.Parent {
		if p.Type == html.ElementNode && p.DataAtom == atom.Tr {
			return p, true
		}
	}
	for p := n.Parent; p != nil; p = p.Parent {
		if p.Type == html.ElementNode && isBlock(p.DataAtom) {
			return p, false
		}
	}
	return nil, false
}

func isBlock(a atom.Atom) bool {
	switch a {
	case atom.P, atom.Li, atom.Div, atom.Td, atom.Th, atom.Dd, atom.Dt, atom.H1, atom.H2, atom.H3,
		atom.H4, atom.H5, atom.H6, atom.Blockquote, atom.Body:
		return true
	}
	return false
}

// renderRow joins the non-empty cells of tr with " | ". A cell that is only a
// currency sign or an opening parenthesis is glued to the cell after it, one
// that is only ")" or "%" to the cell before, so "$ | 95,359" reads "$95,359".
func renderRow(tr *html.Node) *rendered {
	type piece struct {
		text string
		pos  map[*html.Node][2]int
	}
	var pieces []piece
	pending := ""
	for c := tr.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != html.ElementNode || (c.DataAtom != atom.Td && c.DataAtom != atom.Th) {
			continue
		}
		cell := renderNode(c)
		switch t := cell.text; {
		case t == "":
		case len(cell.pos) == 0 && isPrefixCell(t):
			pending += t
		case len(cell.pos) == 0 && isSuffixCell(t) && len(pieces) > 0:
			pieces[len(pieces)-1].text += t
		default:
			shift(cell.pos, len(pending))
			pieces = append(pieces, piece{text: pending + t, pos: cell.pos})
			pending = ""
		}
	}
	out := &rendered{pos: map[*html.Node][2]int{}}
	var b strings.Builder
	for i, p := range pieces {
		if i > 0 {
			b.WriteString(" | ")
		}
		shift(p.pos, b.Len())
		maps.Copy(out.pos, p.pos)
		b.WriteString(p.text)
	}
	out.text = b.String()
	return out
}

func shift(pos map[*html.Node][2]int, by int) {
	for n, p := range pos {
		pos[n] = [2]int{p[0] + by, p[1] + by}
	}
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
// boundaries as spaces, noting where each fact's text starts and ends.
type renderer struct {
	b       strings.Builder
	space   bool
	pending []*html.Node // facts entered that have shown no character yet
	pos     map[*html.Node][2]int
}

// renderNode returns n's text and the offsets of the facts inside it.
func renderNode(n *html.Node) *rendered {
	r := renderer{pos: map[*html.Node][2]int{}}
	r.walk(n)
	return &rendered{text: r.b.String(), pos: r.pos}
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
		if n.Data == "ix:header" {
			return
		}
	}
	block := n.Type == html.ElementNode && (isBlock(n.DataAtom) || n.DataAtom == atom.Br || n.DataAtom == atom.Tr)
	if block {
		r.space = true
	}
	isFact := n.Type == html.ElementNode && strings.HasSuffix(n.Data, ":nonfraction")
	if isFact {
		r.pending = append(r.pending, n)
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		r.walk(c)
	}
	if isFact {
		if p, ok := r.pos[n]; ok {
			r.pos[n] = [2]int{p[0], r.b.Len()}
		}
		r.pending = slices.DeleteFunc(r.pending, func(m *html.Node) bool { return m == n })
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
		for _, n := range r.pending {
			r.pos[n] = [2]int{r.b.Len(), -1}
		}
		r.pending = r.pending[:0]
		r.b.WriteRune(c)
	}
}

// maxQuote is the length past which a paragraph is cut to the sentence
// holding the figure.
const maxQuote = 400

// maxScan bounds the search for a sentence boundary on each side of the
// figure, so a page-long paragraph without full stops costs no more than a
// short one.
const maxScan = 600

// sentence cuts a long paragraph s to the sentence holding [a, b) (or, when
// no boundary is near, to the words within maxScan of it) and returns the
// new offsets.
func sentence(s string, a, b int) (string, int, int) {
	if len(s) <= maxQuote {
		return s, a, b
	}
	from, to := -1, -1
	for i := a - 1; i > 0 && i >= a-maxScan; i-- {
		if s[i] == ' ' && (s[i-1] == '.' || s[i-1] == ';') && i+1 < len(s) && isUpper(s[i+1]) {
			from = i + 1
			break
		}
	}
	if from < 0 {
		from = 0
		if a > maxScan {
			from = a - maxScan + strings.IndexByte(s[a-maxScan:a], ' ') + 1
		}
	}
	for i := b; i < len(s) && i <= b+maxScan; i++ {
		if s[i] == '.' && (i+1 == len(s) || (s[i+1] == ' ' && i+2 < len(s) && isUpper(s[i+2]))) {
			to = i + 1
			break
		}
	}
	if to < 0 {
		to = len(s)
		if b+maxScan < len(s) {
			if j := strings.LastIndexByte(s[b:b+maxScan], ' '); j >= 0 {
				to = b + j
			}
		}
	}
	return s[from:to], a - from, b - from
}

func isUpper(c byte) bool { return c >= 'A' && c <= 'Z' }
