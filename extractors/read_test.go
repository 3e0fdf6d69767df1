package extractors

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/claimwire/claimwire/claim"
)

func TestIsHTML(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"<!DOCTYPE html><html><body><p>Hi</p></body></html>", true},
		{"\ufeff  <html><p>x</p></html>", true},
		{"<p>Revenue rose 5%.</p>", true},
		{"Revenue rose 5% <b>today</b>.", false}, // text that merely holds a tag
		{"<3 this quarter", false},
		{"Plain title\nBody text.", false},
		{"", false},
	}
	for _, tt := range tests {
		if got := IsHTML([]byte(tt.in)); got != tt.want {
			t.Errorf("IsHTML(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestReadErrors(t *testing.T) {
	big := bytes.Repeat([]byte("a"), 101)
	if _, err := ReadLimit(big, claim.Source{}, 100); !errors.Is(err, claim.ErrTooLarge) {
		t.Errorf("over the limit: err = %v, want ErrTooLarge", err)
	}
	if _, err := ReadLimit(big[:100], claim.Source{}, 100); err != nil {
		t.Errorf("at the limit: err = %v", err)
	}
	bin := []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00")
	if _, err := Read(bin, claim.Source{}); !errors.Is(err, claim.ErrBinary) {
		t.Errorf("png: err = %v, want ErrBinary", err)
	}
	junk := bytes.Repeat([]byte{0xff, 0xfe, 0x81, 0x02}, 200)
	if _, err := Read(junk, claim.Source{}); !errors.Is(err, claim.ErrBinary) {
		t.Errorf("invalid UTF-8 junk: err = %v, want ErrBinary", err)
	}
	// a few stray bytes in real text are no reason to refuse it
	stray := []byte("Revenue rose to $5 billion \xff in the quarter, the company said.")
	if _, err := Read(stray, claim.Source{}); err != nil {
		t.Errorf("text with a stray byte: %v", err)
	}
}

func TestReadText(t *testing.T) {
	raw := "AWS Hits $15 Billion Run Rate\nAWS said its AI business runs at $15 billion a year.\n"
	doc, err := Read([]byte(raw), claim.Source{URL: "https://x.test/a", Published: "2026-05-01"})
	if err != nil {
		t.Fatal(err)
	}
	if doc.Text != raw {
		t.Errorf("plain text must stay byte for byte; got %q", doc.Text)
	}
	if doc.Title != "AWS Hits $15 Billion Run Rate" || doc.URL != "https://x.test/a" || doc.Published != "2026-05-01" {
		t.Errorf("doc = %+v", doc.Source)
	}
	if doc.ContentHash != claim.HashText(raw) {
		t.Errorf("ContentHash = %s", doc.ContentHash)
	}
}

const articleHTML = `<!DOCTYPE html>
<html><head>
<title>Site | Page title</title>
<meta property="og:title" content="Nvidia revenue jumps">
<meta property="og:site_name" content="Example News">
<link rel="canonical" href="/2026/05/nvidia">
<script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"NewsArticle","datePublished":"2026-05-28T21:05:00Z"}]}</script>
<style>.x{}</style>
</head><body>
<header><nav><a href="/">Home</a> <a href="/markets">Markets 24/7</a></nav></header>
<div class="cookie-banner">We use 3 cookies. Accept all 100%.</div>
<main><article>
<h1>Nvidia revenue jumps</h1>
<p>Nvidia reported revenue of $44.1 billion for the quarter, up 69% from a year earlier.</p>
<p>The company expects revenue of about $45 billion next quarter.</p>
<aside class="related"><ul><li>Intel cuts 20,000 jobs</li></ul></aside>
<div class="share-bar">12,400 shares</div>
</article></main>
<footer>© 2026 Example News. Call 555-0100.</footer>
<script>var revenue = "$99 billion";</script>
</body></html>`

func TestReadHTML(t *testing.T) {
	doc, err := Read([]byte(articleHTML), claim.Source{URL: "https://news.test/x?utm=1"})
	if err != nil {
		t.Fatal(err)
	}
	if doc.Title != "Nvidia revenue jumps" {
		t.Errorf("Title = %q (want og:title)", doc.Title)
	}
	if doc.Published != "2026-05-28T21:05:00Z" {
		t.Errorf("Published = %q (want JSON-LD datePublished)", doc.Published)
	}
	if doc.CanonicalURL != "https://news.test/2026/05/nvidia" {
		t.Errorf("CanonicalURL = %q", doc.CanonicalURL)
	}
	if doc.URL != "https://news.test/x?utm=1" {
		t.Errorf("URL = %q: the caller's URL wins", doc.URL)
	}
	for _, want := range []string{"$44.1 billion", "up 69%", "about $45 billion"} {
		if !strings.Contains(doc.Text, want) {
			t.Errorf("text lacks %q:\n%s", want, doc.Text)
		}
	}
	for _, junk := range []string{"Markets 24/7", "cookies", "20,000 jobs", "12,400", "©", "555-0100", "$99 billion", ".x{}"} {
		if strings.Contains(doc.Text, junk) {
			t.Errorf("boilerplate %q kept:\n%s", junk, doc.Text)
		}
	}
}

func TestReadHTMLDates(t *testing.T) {
	tests := []struct {
		head, body, want string
	}{
		{`<meta property="article:published_time" content="2025-07-31T13:00:00-04:00">`, "", "2025-07-31T13:00:00-04:00"},
		{"", `<time datetime="2024-02-01">Feb 1</time>`, "2024-02-01"},
		{`<meta name="date" content="2023-10-05">`, "", "2023-10-05"},
		{`<meta name="date" content="not a date">`, "", ""},
	}
	for _, tt := range tests {
		page := "<html><head>" + tt.head + "</head><body><p>Text of the page.</p>" + tt.body + "</body></html>"
		doc, err := Read([]byte(page), claim.Source{})
		if err != nil {
			t.Fatal(err)
		}
		if doc.Published != tt.want {
			t.Errorf("%s%s: Published = %q, want %q", tt.head, tt.body, doc.Published, tt.want)
		}
	}
	// the caller's date wins over the page's
	doc, _ := Read([]byte(`<html><head><meta name="date" content="2023-10-05"></head><body><p>x</p></body></html>`), claim.Source{Published: "2020-01-01"})
	if doc.Published != "2020-01-01" {
		t.Errorf("Published = %q, want the caller's", doc.Published)
	}
}

func TestReadHTMLCharset(t *testing.T) {
	// windows-1252: 0x80 is the euro sign, 0xE9 is é
	page := []byte("<html><head><meta charset=\"windows-1252\"><title>Caf\xe9</title></head><body><p>Mistral raised \x801.7 billion.</p></body></html>")
	doc, err := Read(page, claim.Source{})
	if err != nil {
		t.Fatal(err)
	}
	if doc.Title != "Café" || !strings.Contains(doc.Text, "€1.7 billion") {
		t.Errorf("charset not decoded: title %q text %q", doc.Title, doc.Text)
	}
}

func TestReadHTMLTable(t *testing.T) {
	page := `<html><body><p>Contoso Corp reported first-quarter results.</p><p>Summary (in millions)</p><table>
<tr><td></td><td colspan="2">Three Months Ended March 31, 2025</td><td colspan="2">Three Months Ended March 31, 2024</td><td>% Change</td></tr>
<tr><td>Revenue</td><td>$</td><td>15,200</td><td>$</td><td>12,100</td><td>26%</td></tr>
<tr><td>Diluted earnings per share</td><td>$</td><td>1.43</td><td>$</td><td>1.01</td><td>42%</td></tr>
</table></body></html>`
	doc, err := Read([]byte(page), claim.Source{URL: "https://x.test/pr", Published: "2025-04-30"})
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"Three Months Ended March 31, 2025 | Three Months Ended March 31, 2024 | % Change",
		"Revenue | $ 15,200 | $ 12,100 | 26%",
	} {
		if !strings.Contains(doc.Text, want) {
			t.Errorf("table text lacks %q:\n%s", want, doc.Text)
		}
	}
	type row struct {
		metric claim.Metric
		value  float64
		unit   string
		period string
	}
	var got []row
	for _, c := range Extract(doc) {
		got = append(got, row{c.Metric, c.Value, c.Unit, c.Period})
	}
	want := []row{
		{claim.Revenue, 15.2e9, "USD", "2025-Q1"},
		{claim.Revenue, 12.1e9, "USD", "2024-Q1"},
		{claim.Growth, 26, "percent", "2025-Q1"},
		{claim.EPS, 1.43, "USD/share", "2025-Q1"},
		{claim.EPS, 1.01, "USD/share", "2024-Q1"},
		{claim.Growth, 42, "percent", "2025-Q1"},
	}
	if len(got) != len(want) {
		t.Fatalf("claims = %+v, want %+v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("claim %d = %+v, want %+v", i, got[i], want[i])
		}
	}
}

func TestPlaceholderTitle(t *testing.T) {
	for title, want := range map[string]bool{
		"EX-99.1": true, "Exhibit 99.1": true, "ex991.htm": true, "EX-99": true, "Document": true,
		"Exxon reports profit": false, "Executive summary": false, "EX": false, "Exhibit": false,
		"Dell Technologies Delivers Results": false, "": false,
	} {
		if got := placeholderTitle(title); got != want {
			t.Errorf("placeholderTitle(%q) = %v, want %v", title, got, want)
		}
	}
}

// TestExhibitTitle: an exhibit titled "EX-99.1" is named by its headline, and
// a dateline's city is not the company the release is about.
func TestExhibitTitle(t *testing.T) {
	page := `<html><head><title>EX-99.1</title></head><body><p>Exhibit 99.1</p>
<p>investor@corp.example | page 1</p>
<p><b>Kestrel Robotics Reports Record Third Quarter Results</b></p>
<p>AUSTIN, Texas, Oct. 30, 2025 &#8212; Kestrel Robotics, Inc. announced results.</p>
<p>Kestrel reported revenue of $412 million for the quarter.</p></body></html>`
	doc, err := Read([]byte(page), claim.Source{URL: "https://sec.example/x.htm"})
	if err != nil {
		t.Fatal(err)
	}
	if doc.Title != "Kestrel Robotics Reports Record Third Quarter Results" {
		t.Errorf("title = %q", doc.Title)
	}
	if strings.Count(doc.Text, "Kestrel Robotics Reports") != 1 {
		t.Errorf("the headline is repeated in the text:\n%s", doc.Text)
	}
	cs := Extract(doc)
	if len(cs) != 1 || cs[0].Subject != "Kestrel" || cs[0].Metric != claim.Revenue {
		t.Fatalf("claims = %+v", cs)
	}
}

func TestScaleOf(t *testing.T) {
	for s, want := range map[string]float64{
		"(In millions, except per share data)": 1e6, "($ in thousands)": 1e3, "(IN BILLIONS)": 1e9,
		"Revenue rose to $5 billion": 0, "millions of users": 0, "(in millions": 1e6, "": 0, "in million": 0,
	} {
		if got := scaleOf(s); got != want {
			t.Errorf("scaleOf(%q) = %v, want %v", s, got, want)
		}
	}
}
