package fetch_test

import (
	"bytes"
	"compress/gzip"
	"errors"
	"regexp"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/claimwire/claimwire/claim"
	"github.com/claimwire/claimwire/fetch"
)

const base = "https://news.example.com/feeds/main.xml"

func TestParseFeed(t *testing.T) {
	tests := []struct {
		name, data string
		want       []fetch.Link
	}{
		{"rss", `<?xml version="1.0"?><rss version="2.0"><channel><title>N</title>
<item><title> Chipmaker beats </title><link>https://news.example.com/a1.html</link><pubDate>Tue, 03 Feb 2026 14:00:00 GMT</pubDate></item>
<item><title>Relative</title><link>/a2.html#top</link></item>
<item><title>Duplicate</title><link>https://news.example.com/a1.html</link></item>
<item><title>Mail</title><link>mailto:desk@example.com</link></item>
</channel></rss>`, []fetch.Link{
			{URL: "https://news.example.com/a1.html", Title: "Chipmaker beats", Published: "2026-02-03T14:00:00Z"},
			{URL: "https://news.example.com/a2.html", Title: "Relative"},
		}},
		{"atom", `<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>N</title>
<entry><title>Cloud unit grows</title><link href="https://news.example.com/b1.html"/><updated>2026-02-04T09:30:00+01:00</updated></entry>
</feed>`, []fetch.Link{{URL: "https://news.example.com/b1.html", Title: "Cloud unit grows", Published: "2026-02-04T08:30:00Z"}}},
		{"json feed", `{"version":"https://jsonfeed.org/version/1.1","title":"N","items":[
{"id":"1","url":"https://news.example.com/c1.html","title":"Orders","date_published":"2026-02-05T10:00:00Z"},
{"id":"2","title":"no url"}]}`, []fetch.Link{{URL: "https://news.example.com/c1.html", Title: "Orders", Published: "2026-02-05T10:00:00Z"}}},
		{"empty rss", `<rss version="2.0"><channel><title>N</title></channel></rss>`, nil},
	}
	for _, tt := range tests {
		got, err := fetch.ParseFeed([]byte(tt.data), base)
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("%s: (-want +got)\n%s", tt.name, diff)
		}
	}
	for _, bad := range []string{"", "<html><body>not a feed</body></html>", `<rss version="2.0"><channel><item><title>cut`, `{"version":`, "\x00\x01\x02"} {
		if _, err := fetch.ParseFeed([]byte(bad), base); !errors.Is(err, claim.ErrInvalid) {
			t.Errorf("ParseFeed(%q): err = %v, want ErrInvalid", bad, err)
		}
	}
}

func TestParseSitemap(t *testing.T) {
	urlset := `<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<url><loc>https://news.example.com/a1.html</loc><lastmod>2026-02-03</lastmod></url>
<url><loc> https://news.example.com/a2.html </loc><lastmod>2026-02-04T10:00:00+00:00</lastmod></url>
<url><loc>https://news.example.com/a3.html</loc><lastmod>yesterday</lastmod></url>
<url><loc>javascript:alert(1)</loc></url>
</urlset>`
	index := `<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<sitemap><loc>/sitemap-articles.xml</loc><lastmod>2026-02-04</lastmod></sitemap></sitemapindex>`
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write([]byte(urlset))
	zw.Close()
	pages := []fetch.Link{
		{URL: "https://news.example.com/a1.html", Published: "2026-02-03T00:00:00Z"},
		{URL: "https://news.example.com/a2.html", Published: "2026-02-04T10:00:00Z"},
		{URL: "https://news.example.com/a3.html"},
	}
	tests := []struct {
		name string
		data []byte
		want fetch.Sitemap
	}{
		{"urlset", []byte(urlset), fetch.Sitemap{Pages: pages}},
		{"gzipped", gz.Bytes(), fetch.Sitemap{Pages: pages}},
		{"index", []byte(index), fetch.Sitemap{Sitemaps: []fetch.Link{{URL: "https://news.example.com/sitemap-articles.xml", Published: "2026-02-04T00:00:00Z"}}}},
	}
	for _, tt := range tests {
		got, err := fetch.ParseSitemap(tt.data, base)
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("%s: (-want +got)\n%s", tt.name, diff)
		}
	}
	for _, bad := range []string{"", "<rss><channel/></rss>", "<urlset><url><loc>https://x.test/", "not xml", "\x1f\x8bjunk"} {
		if _, err := fetch.ParseSitemap([]byte(bad), base); !errors.Is(err, claim.ErrInvalid) {
			t.Errorf("ParseSitemap(%q): err = %v, want ErrInvalid", bad, err)
		}
	}
}

func TestParseLinks(t *testing.T) {
	page := `<html><body><nav><a href="/">Home</a><a href="/about">About</a></nav>
<ul><li><a href="/news/2026/q4-results.html">Fourth-quarter
   results</a></li><li><a href="https://other.example.org/news/x.html">Elsewhere</a></li>
<li><a href="/news/2026/q4-results.html#more">Again</a></li><li><a href="mailto:ir@example.com">Mail</a></li></ul></body></html>`
	got, err := fetch.ParseLinks([]byte(page), "https://ir.example.com/newsroom", regexp.MustCompile(`/news/`))
	if err != nil {
		t.Fatal(err)
	}
	want := []fetch.Link{
		{URL: "https://ir.example.com/news/2026/q4-results.html", Title: "Fourth-quarter results"},
		{URL: "https://other.example.org/news/x.html", Title: "Elsewhere"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got)\n%s", diff)
	}
	all, _ := fetch.ParseLinks([]byte(page), "https://ir.example.com/newsroom", nil)
	if len(all) != 4 {
		t.Errorf("without a pattern: %d links, want 4", len(all))
	}
	based, _ := fetch.ParseLinks([]byte(`<head><base href="https://cdn.example.com/x/"></head><a href="y.html">y</a>`), "https://ir.example.com/", nil)
	if len(based) != 1 || based[0].URL != "https://cdn.example.com/x/y.html" {
		t.Errorf("<base href>: %+v", based)
	}
}
