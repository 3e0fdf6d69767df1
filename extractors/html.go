package extractors

import (
	"bytes"
	"encoding/json"
	"net/url"
	"strings"
	"time"

	"github.com/PuerkitoBio/goquery"
	"github.com/andybalholm/cascadia"
	"github.com/claimwire/claimwire/claim"
	"golang.org/x/net/html"
	"golang.org/x/net/html/charset"
)

// readHTML decodes raw by its declared charset, reads the page's metadata and
// renders its main text: one block element a line, tables row by row, the
// boilerplate (navigation, footers, cookie banners, share bars...) left out.
func readHTML(raw []byte, meta claim.Source) claim.Document {
	if enc, name, _ := charset.DetermineEncoding(raw, "text/html"); name != "utf-8" && enc != nil {
		if dec, err := enc.NewDecoder().Bytes(raw); err == nil {
			raw = dec
		}
	}
	doc := claim.Document{Source: meta}
	root, err := html.Parse(bytes.NewReader(raw))
	if err != nil { // html.Parse only fails on reader errors; keep the bytes as text
		return readText(raw, meta)
	}
	g := goquery.NewDocumentFromNode(root)
	pageTitle, published, canonical, site := pageMeta(g)
	if doc.Title == "" {
		doc.Title = pageTitle
	}
	if doc.Published == "" {
		doc.Published = published
	}
	if canonical != "" {
		doc.CanonicalURL = resolveURL(meta.URL, canonical)
	}
	if doc.URL == "" {
		doc.URL = doc.CanonicalURL
	}
	doc.Attribution = site

	main := mainContent(g)
	var r renderer
	r.block(main)
	text := r.String()
	if placeholderTitle(doc.Title) {
		// EDGAR exhibits are titled "EX-99.1" or "Document": the release's
		// own headline, already in the text, names it
		doc.Title = firstHeadline(text)
	} else if doc.Title != "" && !strings.HasPrefix(text, doc.Title) {
		text = doc.Title + "\n\n" + text
	}
	doc.Text = text
	return doc
}

// placeholderTitle reports a title that names no document: an exhibit label
// ("EX-99.1", "Exhibit 99.1", "ex991.htm") or a word like "Document".
func placeholderTitle(t string) bool {
	l := strings.ToLower(strings.TrimSpace(t))
	switch l {
	case "document", "untitled", "untitled document", "html document":
		return true
	}
	l = strings.TrimPrefix(strings.TrimPrefix(l, "exhibit"), "ex")
	l = strings.TrimLeft(l, " -_")
	return l != "" && l != strings.ToLower(strings.TrimSpace(t)) && l[0] >= '0' && l[0] <= '9' && !strings.Contains(l, " ")
}

// firstHeadline is the first line of text that reads as a headline: four
// to thirty title-case words, no sentence end, no address or placeholder.
func firstHeadline(text string) string {
	for n := 0; text != "" && n < 40; n++ {
		line, rest, _ := strings.Cut(text, "\n")
		text = rest
		line = strings.TrimSpace(line)
		if line == "" || len(line) > 200 || placeholderTitle(line) || strings.ContainsAny(line, "@|") ||
			strings.HasSuffix(line, ".") {
			continue
		}
		if ws := splitWords(line); len(ws) >= 4 && len(ws) <= 30 && isHeadline(ws) {
			return line
		}
	}
	return ""
}

func resolveURL(base, ref string) string {
	u, err := url.Parse(strings.TrimSpace(ref))
	if err != nil {
		return ""
	}
	if b, err := url.Parse(base); err == nil && base != "" {
		u = b.ResolveReference(u)
	}
	return u.String()
}

// selectors are the CSS selectors readHTML uses, compiled once (goquery's
// Find compiles its selector on every call).
var selectors = func() map[string]cascadia.Selector {
	m := map[string]cascadia.Selector{}
	for _, s := range []string{
		`meta[property="og:title"]`, "title", "h1",
		`meta[property="article:published_time"]`, `meta[name="article:published_time"]`,
		`meta[itemprop="datePublished"]`, `meta[name="pubdate"]`, `meta[name="publishdate"]`,
		`meta[name="parsely-pub-date"]`, `meta[name="date"]`, `meta[name="DC.date.issued"]`,
		"time[datetime]", `link[rel="canonical"]`, `meta[property="og:url"]`, `meta[property="og:site_name"]`,
		`script[type="application/ld+json"]`, "article", "main", `[itemprop="articleBody"]`, `[role="main"]`, "body",
	} {
		m[s] = cascadia.MustCompile(s)
	}
	return m
}()

// find is g.Find(sel) with the selector compiled in advance when it can be.
func find(g *goquery.Document, sel string) *goquery.Selection {
	if m, ok := selectors[sel]; ok {
		return g.FindMatcher(m)
	}
	return g.Find(sel)
}

// pageMeta reads title, published date, canonical URL and site name.
func pageMeta(g *goquery.Document) (title, published, canonical, site string) {
	// one walk gathers the elements the selectors below can match; each
	// selector then takes the first of them it matches, as Find().First()
	var heads []*html.Node
	for _, n := range g.Nodes {
		heads = appendHeads(heads, n)
	}
	first := func(sel string) *html.Node {
		m := selectors[sel]
		for _, n := range heads {
			if m.Match(n) {
				return n
			}
		}
		return nil
	}
	attr := func(sel, name string) string {
		if n := first(sel); n != nil {
			for _, a := range n.Attr {
				if a.Key == name {
					return strings.TrimSpace(a.Val)
				}
			}
		}
		return ""
	}
	text := func(sel string) string {
		if n := first(sel); n != nil {
			return goquery.NewDocumentFromNode(n).Text()
		}
		return ""
	}
	title = attr(`meta[property="og:title"]`, "content")
	if title == "" {
		title = strings.TrimSpace(collapse(text("title")))
	}
	if title == "" {
		title = strings.TrimSpace(collapse(text("h1")))
	}
	for _, sel := range []string{
		`meta[property="article:published_time"]`, `meta[name="article:published_time"]`,
		`meta[itemprop="datePublished"]`, `meta[name="pubdate"]`, `meta[name="publishdate"]`,
		`meta[name="parsely-pub-date"]`, `meta[name="date"]`, `meta[name="DC.date.issued"]`,
	} {
		if published = normDate(attr(sel, "content")); published != "" {
			break
		}
	}
	if published == "" {
		published = jsonLDDate(g)
	}
	if published == "" {
		published = normDate(attr("time[datetime]", "datetime"))
	}
	canonical = attr(`link[rel="canonical"]`, "href")
	if canonical == "" {
		canonical = attr(`meta[property="og:url"]`, "content")
	}
	site = attr(`meta[property="og:site_name"]`, "content")
	return title, published, canonical, site
}

// appendHeads appends the meta, link, title, h1 and time elements under n
// (not n itself) in document order.
func appendHeads(out []*html.Node, n *html.Node) []*html.Node {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode {
			switch c.Data {
			case "meta", "link", "title", "h1", "time":
				out = append(out, c)
			}
		}
		out = appendHeads(out, c)
	}
	return out
}

// normDate returns s as RFC 3339 or YYYY-MM-DD, or "" when it is no date.
func normDate(s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return ""
	}
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05-0700", "2006-01-02T15:04:05.000-0700"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t.Format(time.RFC3339)
		}
	}
	for _, layout := range []string{"2006-01-02T15:04:05", "2006-01-02T15:04", "2006-01-02 15:04:05", "2006-01-02", "2006/01/02", "January 2, 2006", "Jan 2, 2006", "2 January 2006", time.RFC1123Z, time.RFC1123} {
		if t, err := time.Parse(layout, s); err == nil {
			return t.Format("2006-01-02")
		}
	}
	if len(s) >= 10 {
		if t, err := time.Parse("2006-01-02", s[:10]); err == nil {
			return t.Format("2006-01-02")
		}
	}
	return ""
}

// jsonLDDate finds datePublished in the page's JSON-LD, however nested.
func jsonLDDate(g *goquery.Document) string {
	var found string
	find(g, `script[type="application/ld+json"]`).EachWithBreak(func(_ int, s *goquery.Selection) bool {
		var v any
		if json.Unmarshal([]byte(s.Text()), &v) != nil {
			return true
		}
		found = findKey(v, "datePublished", 0)
		return found == ""
	})
	return normDate(found)
}

func findKey(v any, key string, depth int) string {
	if depth > 8 {
		return ""
	}
	switch x := v.(type) {
	case map[string]any:
		if s, ok := x[key].(string); ok {
			return s
		}
		for _, k := range sortedKeys(x) {
			if s := findKey(x[k], key, depth+1); s != "" {
				return s
			}
		}
	case []any:
		for _, e := range x {
			if s := findKey(e, key, depth+1); s != "" {
				return s
			}
		}
	}
	return ""
}

func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	// "@graph" sorts first, which is where the article usually is.
	for i := 1; i < len(keys); i++ {
		for j := i; j > 0 && keys[j] < keys[j-1]; j-- {
			keys[j], keys[j-1] = keys[j-1], keys[j]
		}
	}
	return keys
}

// mainContent picks the article body: the longest <article>, else <main>,
// else an articleBody, else <body>.
func mainContent(g *goquery.Document) *html.Node {
	for _, sel := range []string{"article", "main", `[itemprop="articleBody"]`, `[role="main"]`} {
		var best *html.Node
		bestLen := 0
		find(g, sel).Each(func(_ int, s *goquery.Selection) {
			if n := len(strings.TrimSpace(s.Text())); n > bestLen {
				best, bestLen = s.Get(0), n
			}
		})
		if best != nil && bestLen > 200 {
			return best
		}
	}
	if b := find(g, "body").First(); b.Length() > 0 {
		return b.Get(0)
	}
	return g.Get(0)
}
