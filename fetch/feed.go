package fetch

import (
	"bytes"
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/mmcdole/gofeed"

	"github.com/claimwire/claimwire/claim"
)

// Link is one URL that a feed, sitemap or page points at.
type Link struct {
	URL       string
	Title     string
	Published string // RFC 3339 when known: a feed item's date, a sitemap's lastmod
}

// ParseFeed reads an RSS, Atom or JSON Feed document and returns its items'
// links, resolved against base (the feed's own URL), in feed order. Items
// without a usable http(s) link are skipped; a document that is not a feed is
// an error wrapping claim.ErrInvalid.
func ParseFeed(data []byte, base string) ([]Link, error) {
	f, err := gofeed.NewParser().Parse(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("parse feed: %v: %w", err, claim.ErrInvalid)
	}
	var links []Link
	seen := map[string]bool{}
	for _, it := range f.Items {
		if it == nil {
			continue
		}
		href := it.Link
		if href == "" && len(it.Links) > 0 {
			href = it.Links[0]
		}
		u, ok := resolve(base, href)
		if !ok || seen[u] {
			continue
		}
		seen[u] = true
		l := Link{URL: u, Title: strings.TrimSpace(it.Title)}
		switch {
		case it.PublishedParsed != nil:
			l.Published = it.PublishedParsed.UTC().Format(time.RFC3339)
		case it.UpdatedParsed != nil:
			l.Published = it.UpdatedParsed.UTC().Format(time.RFC3339)
		}
		links = append(links, l)
	}
	return links, nil
}

// resolve makes href absolute against base and keeps it only if it is http(s).
// The fragment is dropped: it names a place in a page, not another page.
func resolve(base, href string) (string, bool) {
	href = strings.TrimSpace(href)
	if href == "" {
		return "", false
	}
	ref, err := url.Parse(href)
	if err != nil {
		return "", false
	}
	if b, err := url.Parse(base); err == nil && base != "" {
		ref = b.ResolveReference(ref)
	}
	if (ref.Scheme != "http" && ref.Scheme != "https") || ref.Host == "" {
		return "", false
	}
	ref.Fragment = ""
	return ref.String(), true
}
