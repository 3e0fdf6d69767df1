package fetch

import (
	"bytes"
	"compress/gzip"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/claimwire/claimwire/claim"
)

// sitemapMaxBytes is the sitemap protocol's size limit, applied to a gzipped
// sitemap once uncompressed.
const sitemapMaxBytes = 50 << 20

// Sitemap is a parsed sitemap: a urlset lists Pages, a sitemap index lists
// child Sitemaps.
type Sitemap struct {
	Pages    []Link
	Sitemaps []Link
}

type sitemapXML struct {
	XMLName xml.Name
	URLs    []sitemapLoc `xml:"url"`
	Maps    []sitemapLoc `xml:"sitemap"`
}

type sitemapLoc struct {
	Loc     string `xml:"loc"`
	Lastmod string `xml:"lastmod"`
}

// ParseSitemap reads a sitemap (<urlset>) or sitemap index (<sitemapindex>),
// gzipped or not, and returns its locations resolved against base with their
// lastmod as RFC 3339 when it parses. Anything else is an error wrapping
// claim.ErrInvalid.
func ParseSitemap(data []byte, base string) (Sitemap, error) {
	if bytes.HasPrefix(data, []byte{0x1f, 0x8b}) {
		zr, err := gzip.NewReader(bytes.NewReader(data))
		if err != nil {
			return Sitemap{}, fmt.Errorf("parse sitemap: gzip: %v: %w", err, claim.ErrInvalid)
		}
		data, err = io.ReadAll(io.LimitReader(zr, sitemapMaxBytes+1))
		if err != nil {
			return Sitemap{}, fmt.Errorf("parse sitemap: gzip: %v: %w", err, claim.ErrInvalid)
		}
		if len(data) > sitemapMaxBytes {
			return Sitemap{}, fmt.Errorf("parse sitemap: over %d bytes: %w", sitemapMaxBytes, claim.ErrTooLarge)
		}
	}
	var doc sitemapXML
	dec := xml.NewDecoder(bytes.NewReader(data))
	dec.CharsetReader = charsetReader
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			err = errors.New("empty document")
		}
		return Sitemap{}, fmt.Errorf("parse sitemap: %v: %w", err, claim.ErrInvalid)
	}
	var sm Sitemap
	switch doc.XMLName.Local {
	case "urlset":
		sm.Pages = locs(doc.URLs, base)
	case "sitemapindex":
		sm.Sitemaps = locs(doc.Maps, base)
	default:
		return Sitemap{}, fmt.Errorf("parse sitemap: root element <%s>, want <urlset> or <sitemapindex>: %w", doc.XMLName.Local, claim.ErrInvalid)
	}
	return sm, nil
}

func locs(in []sitemapLoc, base string) []Link {
	var out []Link
	seen := map[string]bool{}
	for _, l := range in {
		u, ok := resolve(base, l.Loc)
		if !ok || seen[u] {
			continue
		}
		seen[u] = true
		out = append(out, Link{URL: u, Published: lastmod(l.Lastmod)})
	}
	return out
}

// lastmod normalises a W3C datetime (a date, or a date and time) to RFC 3339;
// an unparseable value is dropped.
func lastmod(s string) string {
	s = strings.TrimSpace(s)
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04Z07:00", "2006-01-02", "2006-01", "2006"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t.UTC().Format(time.RFC3339)
		}
	}
	return ""
}
