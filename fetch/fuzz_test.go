package fetch_test

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/claimwire/claimwire/fetch"
)

// addFixtures seeds a fuzz target with the fixture site's files.
func addFixtures(f *testing.F, names ...string) {
	for _, n := range names {
		if data, err := os.ReadFile(filepath.Join("..", "fixtures", "web", "news", n)); err == nil {
			f.Add(data)
		}
	}
}

// checkLinks holds the properties every parser's output must have.
func checkLinks(t *testing.T, links []fetch.Link) {
	t.Helper()
	seen := map[string]bool{}
	for _, l := range links {
		if !strings.HasPrefix(l.URL, "http://") && !strings.HasPrefix(l.URL, "https://") {
			t.Fatalf("non-http link %q", l.URL)
		}
		if seen[l.URL] {
			t.Fatalf("duplicate link %q", l.URL)
		}
		seen[l.URL] = true
	}
}

func FuzzParseFeed(f *testing.F) {
	f.Add([]byte(`<rss version="2.0"><channel><item><link>/a</link><pubDate>Tue, 03 Feb 2026 14:00:00 GMT</pubDate></item></channel></rss>`))
	f.Add([]byte(`<feed xmlns="http://www.w3.org/2005/Atom"><entry><link href="b"/></entry></feed>`))
	f.Add([]byte(`{"version":"https://jsonfeed.org/version/1.1","items":[{"url":"c"}]}`))
	addFixtures(f, "feed.xml", "atom.xml", "feed.json", "broken-feed.xml")
	f.Fuzz(func(t *testing.T, data []byte) {
		links, err := fetch.ParseFeed(data, "https://news.example.com/feed")
		if err != nil {
			return
		}
		checkLinks(t, links)
	})
}

func FuzzParseSitemap(f *testing.F) {
	f.Add([]byte(`<urlset><url><loc>/a</loc><lastmod>2026-02-03</lastmod></url></urlset>`))
	f.Add([]byte(`<sitemapindex><sitemap><loc>https://x.test/s.xml</loc></sitemap></sitemapindex>`))
	addFixtures(f, "sitemap.xml", "sitemap-articles.xml")
	f.Fuzz(func(t *testing.T, data []byte) {
		sm, err := fetch.ParseSitemap(data, "https://news.example.com/sitemap.xml")
		if err != nil {
			return
		}
		checkLinks(t, sm.Pages)
		checkLinks(t, sm.Sitemaps)
	})
}

func FuzzParseLinks(f *testing.F) {
	f.Add([]byte(`<a href="/news/a">A</a><base href="//x.test/"><a href="b">`))
	addFixtures(f, "newsroom.html")
	pattern := regexp.MustCompile(`news`)
	f.Fuzz(func(t *testing.T, data []byte) {
		links, err := fetch.ParseLinks(data, "https://ir.example.com/", pattern)
		if err != nil {
			return
		}
		checkLinks(t, links)
	})
}
