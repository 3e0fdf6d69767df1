package fetch

import (
	"bytes"
	"fmt"
	"io"
	"regexp"
	"strings"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html/charset"

	"github.com/claimwire/claimwire/claim"
)

// ParseLinks returns the links of an HTML page, resolved against pageURL (or
// the page's <base href>), that match pattern (all http(s) links when pattern
// is nil), once each, in page order, with their anchor text as Title.
func ParseLinks(page []byte, pageURL string, pattern *regexp.Regexp) ([]Link, error) {
	doc, err := goquery.NewDocumentFromReader(bytes.NewReader(page))
	if err != nil {
		return nil, fmt.Errorf("parse links: %v: %w", err, claim.ErrInvalid)
	}
	base := pageURL
	if href, ok := doc.Find("base[href]").First().Attr("href"); ok {
		if u, ok := resolve(pageURL, href); ok {
			base = u
		}
	}
	var links []Link
	seen := map[string]bool{}
	doc.Find("a[href]").Each(func(_ int, s *goquery.Selection) {
		href, _ := s.Attr("href")
		u, ok := resolve(base, href)
		if !ok || seen[u] || (pattern != nil && !pattern.MatchString(u)) {
			return
		}
		seen[u] = true
		links = append(links, Link{URL: u, Title: strings.Join(strings.Fields(s.Text()), " ")})
	})
	return links, nil
}

// charsetReader lets encoding/xml read documents that declare a non-UTF-8
// encoding.
func charsetReader(label string, input io.Reader) (io.Reader, error) {
	return charset.NewReaderLabel(label, input)
}
