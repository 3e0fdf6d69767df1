package extractors

import (
	"bytes"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// renderer writes the visible text of an HTML tree: one line per block, blank
// lines between paragraphs, whitespace collapsed, boilerplate left out.
type renderer struct {
	b       strings.Builder
	line    []byte // the block being written (reused)
	scale   string // "million" etc. announced near the last table
	lastTxt string // the last finished line, for "(in millions)" captions
}

func (r *renderer) String() string {
	r.flush()
	return strings.TrimSpace(r.b.String())
}

// flush ends the current line; copyright and lone share-count lines are dropped.
func (r *renderer) flush() {
	s := string(bytes.TrimSpace(r.line))
	r.line = r.line[:0]
	if s == "" || isBoilerLine(s) {
		return
	}
	if r.b.Len() > 0 {
		r.b.WriteString("\n")
	}
	r.b.WriteString(s)
	r.b.WriteString("\n")
	r.lastTxt = s
}

func isBoilerLine(s string) bool {
	l := strings.ToLower(s)
	return strings.HasPrefix(l, "©") || strings.HasPrefix(l, "copyright ") || strings.HasPrefix(l, "(c) ") ||
		(len(s) < 40 && (strings.HasSuffix(l, " shares") || strings.HasSuffix(l, " comments")))
}

// text appends inline text, collapsing whitespace.
func (r *renderer) text(s string) {
	for len(s) > 0 {
		if k := asciiRun(s); k > 0 { // printable ASCII, copied at once
			r.line = append(r.line, s[:k]...)
			s = s[k:]
			continue
		}
		c, n := utf8.DecodeRuneInString(s)
		s = s[n:]
		if unicode.IsSpace(c) || c == '\u00a0' {
			if len(r.line) > 0 && r.line[len(r.line)-1] != ' ' {
				r.line = append(r.line, ' ')
			}
			continue
		}
		r.line = utf8.AppendRune(r.line, c)
	}
}

// asciiRun returns the length of the run of ASCII bytes that are not white
// space at the start of s.
func asciiRun(s string) int {
	k := 0
	for k < len(s) {
		switch c := s[k]; {
		case c >= utf8.RuneSelf, c == ' ', c >= '\t' && c <= '\r':
			return k
		}
		k++
	}
	return k
}

// block renders n and its children.
func (r *renderer) block(n *html.Node) {
	switch n.Type {
	case html.TextNode:
		r.text(n.Data)
		return
	case html.ElementNode:
		if skipElement(n) {
			return
		}
		switch n.DataAtom {
		case atom.Table:
			r.flush()
			r.table(n)
			return
		case atom.Br:
			r.flush()
			return
		}
	case html.CommentNode, html.DoctypeNode:
		return
	}
	isBlock := n.Type == html.ElementNode && blockAtoms[n.DataAtom]
	if isBlock {
		r.flush()
		if n.DataAtom == atom.Li {
			r.line = append(r.line, "- "...)
		}
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		r.block(c)
	}
	if isBlock {
		r.flush()
	}
}

var blockAtoms = map[atom.Atom]bool{
	atom.P: true, atom.Div: true, atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true,
	atom.H5: true, atom.H6: true, atom.Li: true, atom.Ul: true, atom.Ol: true, atom.Section: true,
	atom.Article: true, atom.Main: true, atom.Blockquote: true, atom.Pre: true, atom.Dd: true,
	atom.Dt: true, atom.Dl: true, atom.Figcaption: true, atom.Figure: true, atom.Tr: true,
	atom.Caption: true, atom.Body: true, atom.Hr: true, atom.Address: true, atom.Center: true,
}

// skipAtoms never hold article text.
var skipAtoms = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Nav: true, atom.Header: true,
	atom.Footer: true, atom.Aside: true, atom.Form: true, atom.Iframe: true, atom.Svg: true,
	atom.Button: true, atom.Select: true, atom.Template: true, atom.Head: true, atom.Menu: true,
	atom.Input: true, atom.Textarea: true, atom.Label: true, atom.Object: true, atom.Embed: true,
	atom.Canvas: true, atom.Video: true, atom.Audio: true, atom.Dialog: true,
}

// boilerWords mark boilerplate when they are a whole word of a class or id.
var boilerWords = map[string]bool{
	"nav": true, "navbar": true, "navigation": true, "menu": true, "footer": true, "related": true,
	"share": true, "sharing": true, "social": true, "cookie": true, "cookies": true, "consent": true,
	"subscribe": true, "newsletter": true, "comment": true, "comments": true, "ad": true, "ads": true,
	"advert": true, "advertisement": true, "sponsored": true, "promo": true, "sidebar": true,
	"breadcrumb": true, "breadcrumbs": true, "popup": true, "modal": true, "signup": true,
	"paywall": true, "recommended": true, "trending": true, "masthead": true, "byline": true,
	"tags": true, "widget": true, "disclaimer": true, "copyright": true, "gdpr": true, "banner": true,
	"outbrain": true, "taboola": true, "more-stories": true, "toolbar": true,
}

func skipElement(n *html.Node) bool {
	if skipAtoms[n.DataAtom] {
		return true
	}
	if n.DataAtom == atom.Body || n.DataAtom == atom.Html || n.DataAtom == atom.Main || n.DataAtom == atom.Article {
		return false
	}
	for _, a := range n.Attr {
		switch a.Key {
		case "hidden":
			return true
		case "aria-hidden":
			if a.Val == "true" {
				return true
			}
		case "role":
			if a.Val == "navigation" || a.Val == "banner" || a.Val == "contentinfo" || a.Val == "complementary" {
				return true
			}
		case "class", "id":
			if hasBoilerWord(a.Val) && !holdsArticle(n, 0) {
				return true
			}
		case "style":
			if strings.Contains(strings.ReplaceAll(a.Val, " ", ""), "display:none") {
				return true
			}
		}
	}
	return false
}

// hasBoilerWord splits a class or id into words ("site-footer__inner" →
// site, footer, inner) and looks each up.
func hasBoilerWord(v string) bool {
	start := -1
	for i := 0; i <= len(v); i++ {
		letter := i < len(v) && (v[i] >= 'a' && v[i] <= 'z' || v[i] >= 'A' && v[i] <= 'Z')
		if letter && start < 0 {
			start = i
		}
		if !letter && start >= 0 {
			if boilerWords[strings.ToLower(v[start:i])] {
				return true
			}
			start = -1
		}
	}
	return false
}

// holdsArticle reports a wrapper (its class may say "has-sidebar") around the
// article itself, which must not be dropped with the boilerplate.
func holdsArticle(n *html.Node, depth int) bool {
	if depth > 12 {
		return false
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != html.ElementNode {
			continue
		}
		if c.DataAtom == atom.Article || c.DataAtom == atom.Main || c.DataAtom == atom.H1 || holdsArticle(c, depth+1) {
			return true
		}
	}
	return false
}

func collapse(s string) string { return strings.Join(strings.Fields(s), " ") }
