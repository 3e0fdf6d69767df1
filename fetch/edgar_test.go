package fetch

import (
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/claimwire/claimwire/claim"
	"github.com/google/go-cmp/cmp"
)

func TestNormalizeCIK(t *testing.T) {
	tests := []struct {
		in, want string
		ok       bool
	}{
		{"320193", "0000320193", true},
		{"0000320193", "0000320193", true},
		{"CIK0000320193", "0000320193", true},
		{" cik1045810 ", "0001045810", true},
		{"1", "0000000001", true},
		{"9999999999", "9999999999", true},
		// near misses
		{"", "", false},
		{"CIK", "", false},
		{"0000000000", "", false},
		{"12345678901", "", false},
		{"-320193", "", false},
		{"320 193", "", false},
		{"AAPL", "", false},
		{"320193.0", "", false},
	}
	for _, tt := range tests {
		got, err := NormalizeCIK(tt.in)
		if (err == nil) != tt.ok || got != tt.want {
			t.Errorf("NormalizeCIK(%q) = %q, %v; want %q, ok=%v", tt.in, got, err, tt.want, tt.ok)
		}
		if err != nil && !errors.Is(err, claim.ErrInvalid) {
			t.Errorf("NormalizeCIK(%q) error %v is not ErrInvalid", tt.in, err)
		}
	}
}

func TestEDGARURLs(t *testing.T) {
	tests := []struct{ got, want string }{
		{SubmissionsURL("https://data.sec.gov", "320193"), "https://data.sec.gov/submissions/CIK0000320193.json"},
		{SubmissionsURL("http://127.0.0.1:8080/", "CIK0001045810"), "http://127.0.0.1:8080/submissions/CIK0001045810.json"},
		{FilingIndexURL("https://www.sec.gov", "0000320193", "0000320193-25-000057"),
			"https://www.sec.gov/Archives/edgar/data/320193/000032019325000057/0000320193-25-000057-index.html"},
		{FilingIndexURL("https://www.sec.gov/", "320193", "000032019325000057"),
			"https://www.sec.gov/Archives/edgar/data/320193/000032019325000057/0000320193-25-000057-index.html"},
		{FilingIndexJSONURL("https://www.sec.gov", "1045810", "0001045810-25-000209"),
			"https://www.sec.gov/Archives/edgar/data/1045810/000104581025000209/index.json"},
		{DocumentURL("https://www.sec.gov", Filing{CIK: "0001045810", Accession: "0001045810-25-000209"}, "nvda-20250727.htm"),
			"https://www.sec.gov/Archives/edgar/data/1045810/000104581025000209/nvda-20250727.htm"},
		{CompanyTickersURL("https://www.sec.gov"), "https://www.sec.gov/files/company_tickers.json"},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("got %s\nwant %s", tt.got, tt.want)
		}
	}
}

// submissionsJSON is a hand-made submissions document in EDGAR's shape:
// filings.recent parallel arrays, newest first, nulls and "" where EDGAR has them.
const submissionsJSON = `{"cik":"0000999001","entityType":"operating","name":"Example Cloud Corp","tickers":["EXCC"],
"addresses":{"mailing":{"street1":"1 MAIN ST","street2":null}},"fiscalYearEnd":"0131",
"filings":{"recent":{
"accessionNumber":["0000999001-25-000031","0000999001-25-000030","0001234567-25-000005","0000999001-25-000021","0000999001-25-000012"],
"filingDate":["2025-08-28","2025-08-27","2025-08-20","2025-05-29","2025-03-05"],
"reportDate":["2025-07-27","2025-08-27","2025-08-18","","2025-01-26"],
"acceptanceDateTime":["2025-08-28T06:01:02.000Z","2025-08-27T16:30:10.000Z","2025-08-20T18:00:00.000Z","2025-05-29T16:31:00.000Z","2025-03-05T06:02:00.000Z"],
"act":["34","34","","34","34"],
"form":["10-Q","8-K","4","8-K","10-K"],
"fileNumber":["0-1","0-1","","0-1","0-1"],"filmNumber":["1","2","","3","4"],
"items":["","2.02,9.01","","5.02","",""],
"core_type":["10-Q","8-K","4","8-K","10-K"],
"size":[512000,90000,4000,30000,2100000],
"isXBRL":[1,1,0,1,1],"isInlineXBRL":[1,1,0,1,1],
"primaryDocument":["excc-20250727.htm","excc-20250827.htm","xslF345X05/form4.xml","excc-20250529.htm","excc-20250126.htm"],
"primaryDocDescription":["10-Q","8-K","FORM 4","8-K","10-K"]},
"files":[{"name":"CIK0000999001-submissions-001.json","filingCount":3}]}}`

func TestParseSubmissions(t *testing.T) {
	// items has one entry too many: fix it for the valid case.
	valid := strings.Replace(submissionsJSON, `"5.02","",""]`, `"5.02",""]`, 1)
	fs, err := ParseSubmissions([]byte(valid))
	if err != nil {
		t.Fatal(err)
	}
	if len(fs) != 5 {
		t.Fatalf("got %d filings, want 5", len(fs))
	}
	want := Filing{CIK: "0000999001", Accession: "0000999001-25-000030", Form: "8-K", FilingDate: "2025-08-27",
		ReportDate: "2025-08-27", AcceptanceTime: "2025-08-27T16:30:10.000Z", PrimaryDocument: "excc-20250827.htm",
		PrimaryDocDesc: "8-K", Items: "2.02,9.01", Size: 90000, InlineXBRL: true}
	if d := cmp.Diff(want, fs[1]); d != "" {
		t.Errorf("filing 1 (-want +got):\n%s", d)
	}
	if fs[3].ReportDate != "" || fs[2].InlineXBRL || !fs[1].HasItem("2.02") || fs[3].HasItem("2.02") || fs[1].HasItem("2.0") {
		t.Errorf("fields: %+v %+v", fs[2], fs[3])
	}

	// The same file with items one entry too long must be refused, not read or panic.
	if _, err := ParseSubmissions([]byte(submissionsJSON)); err == nil || !strings.Contains(err.Error(), "items has 6 entries") {
		t.Errorf("mismatched items: err = %v", err)
	}
}

func TestParseSubmissionsShapes(t *testing.T) {
	tests := []struct {
		name, json string
		want       int // filings; -1 = error
		cik        string
	}{
		{"older page, arrays at top level", `{"accessionNumber":["0000999001-10-000001"],"form":["10-K"],"filingDate":["2010-03-01"]}`, 1, ""},
		{"numeric cik", `{"cik":999001,"filings":{"recent":{"accessionNumber":["a"],"form":["8-K"]}}}`, 1, "0000999001"},
		{"optional arrays absent", `{"cik":"999001","filings":{"recent":{"accessionNumber":["a","b"],"form":["8-K","4"]}}}`, 2, "0000999001"},
		{"empty lists", `{"filings":{"recent":{"accessionNumber":[],"form":[]}}}`, 0, ""},
		{"form shorter", `{"filings":{"recent":{"accessionNumber":["a","b"],"form":["8-K"]}}}`, -1, ""},
		{"form missing", `{"filings":{"recent":{"accessionNumber":["a"]}}}`, -1, ""},
		{"size longer", `{"filings":{"recent":{"accessionNumber":["a"],"form":["8-K"],"size":[1,2]}}}`, -1, ""},
		{"size as strings", `{"filings":{"recent":{"accessionNumber":["a"],"form":["8-K"],"size":["1"]}}}`, -1, ""},
		{"no filings", `{"cik":"0000320193","name":"Apple Inc."}`, -1, ""},
		{"not json", `<html>Too Many Requests</html>`, -1, ""},
		{"truncated", `{"filings":{"recent":{"accessionNumber":["a"`, -1, ""},
		{"null", `null`, -1, ""},
	}
	for _, tt := range tests {
		fs, err := ParseSubmissions([]byte(tt.json))
		if tt.want < 0 {
			if err == nil {
				t.Errorf("%s: no error, got %d filings", tt.name, len(fs))
			}
			continue
		}
		if err != nil || len(fs) != tt.want {
			t.Errorf("%s: got %d filings, %v; want %d", tt.name, len(fs), err, tt.want)
			continue
		}
		if len(fs) > 0 && fs[0].CIK != tt.cik {
			t.Errorf("%s: cik %q, want %q", tt.name, fs[0].CIK, tt.cik)
		}
	}
}

func TestFilterFilings(t *testing.T) {
	fs, err := ParseSubmissions([]byte(strings.Replace(submissionsJSON, `"5.02","",""]`, `"5.02",""]`, 1)))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name  string
		forms []string
		after string
		want  []string // accessions, oldest first
	}{
		{"defaults, no watermark", nil, "", []string{"0000999001-25-000012", "0000999001-25-000021", "0000999001-25-000030", "0000999001-25-000031"}},
		{"date watermark is exclusive", nil, "2025-05-29", []string{"0000999001-25-000030", "0000999001-25-000031"}},
		{"acceptance time watermark", nil, "2025-08-27T16:30:10.000Z", []string{"0000999001-25-000031"}},
		{"accession watermark", nil, "0000999001-25-000021", []string{"0000999001-25-000030", "0000999001-25-000031"}},
		{"accession without dashes", nil, "000099900125000021", []string{"0000999001-25-000030", "0000999001-25-000031"}},
		{"newest accession: nothing new", nil, "0000999001-25-000031", nil},
		{"unknown accession filters nothing", []string{"10-K"}, "0000999001-19-000001", []string{"0000999001-25-000012"}},
		{"chosen forms", []string{"4", " 10-q "}, "", []string{"0001234567-25-000005", "0000999001-25-000031"}},
		{"10-K does not match 10-K/A", []string{"10-K/A"}, "", nil},
		{"watermark after everything", nil, "2026-01-01", nil},
	}
	for _, tt := range tests {
		var got []string
		for _, f := range FilterFilings(fs, tt.forms, tt.after) {
			got = append(got, f.Accession)
		}
		if d := cmp.Diff(tt.want, got); d != "" {
			t.Errorf("%s (-want +got):\n%s", tt.name, d)
		}
	}
	// The watermark of the newest filing returned filters it out next time.
	all := FilterFilings(fs, nil, "")
	if got := FilterFilings(fs, nil, Watermark(all[len(all)-1])); len(got) != 0 {
		t.Errorf("after the last watermark: %d filings", len(got))
	}
}

// indexHTMLDoc is a hand-made filing index page in EDGAR's shape: two tableFile
// tables, the iXBRL document linked through the /ix?doc= viewer, &nbsp; cells.
const indexHTMLDoc = `<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN">
<html><head><title>EDGAR Filing Documents for 0000999001-25-000030</title></head><body>
<div id="formName"><strong>Form 8-K</strong> - Current report:</div>
<div class="formGrouping"><div class="infoHead">Items</div><div class="info">Item 2.02: Results of Operations and Financial Condition<br />Item 9.01: Financial Statements and Exhibits<br /></div></div>
<p>Document Format Files</p>
<table class="tableFile" summary="Document Format Files">
<tr><th scope="col"><acronym title="Sequence Number">Seq</acronym></th><th scope="col">Description</th><th scope="col">Document</th><th scope="col">Type</th><th scope="col">Size</th></tr>
<tr><td scope="row">1</td><td scope="row">8-K</td><td scope="row"><a href="/ix?doc=/Archives/edgar/data/999001/000099900125000030/excc-20250827.htm">excc-20250827.htm</a> &nbsp;&nbsp;<span style="color: green">iXBRL</span></td><td scope="row">8-K</td><td scope="row">31220</td></tr>
<tr class="evenRow"><td scope="row">2</td><td scope="row">PRESS RELEASE</td><td scope="row"><a href="/Archives/edgar/data/999001/000099900125000030/excc-ex991.htm">excc-ex991.htm</a></td><td scope="row">EX-99.1</td><td scope="row">88113</td></tr>
<tr><td scope="row">3</td><td scope="row">CFO COMMENTARY</td><td scope="row"><a href="/Archives/edgar/data/999001/000099900125000030/excc-ex992.htm">excc-ex992.htm</a></td><td scope="row">EX-99.2</td><td scope="row">20001</td></tr>
<tr><td scope="row">9</td><td scope="row"></td><td scope="row"><a href="/Archives/edgar/data/999001/000099900125000030/logo.jpg">logo.jpg</a></td><td scope="row">GRAPHIC</td><td scope="row">5120</td></tr>
<tr class="evenRow"><td scope="row">&nbsp;</td><td scope="row">Complete submission text file</td><td scope="row"><a href="/Archives/edgar/data/999001/000099900125000030/0000999001-25-000030.txt">0000999001-25-000030.txt</a></td><td scope="row">&nbsp;</td><td scope="row">402111</td></tr>
</table>
<p>Data Files</p>
<table class="tableFile" summary="Data Files">
<tr><th scope="col">Seq</th><th scope="col">Description</th><th scope="col">Document</th><th scope="col">Type</th><th scope="col">Size</th></tr>
<tr><td scope="row">4</td><td scope="row">XBRL TAXONOMY EXTENSION SCHEMA DOCUMENT</td><td scope="row"><a href="/Archives/edgar/data/999001/000099900125000030/excc-20250827.xsd">excc-20250827.xsd</a></td><td scope="row">EX-101.SCH</td><td scope="row">2901</td></tr>
</table></body></html>`

const indexJSONDoc = `{"directory":{"item":[
{"last-modified":"2025-08-27 16:30:10","name":"0000999001-25-000030-index.html","type":"text.gif","size":""},
{"last-modified":"2025-08-27 16:30:10","name":"excc-20250827.htm","type":"text.gif","size":"31220"},
{"last-modified":"2025-08-27 16:30:10","name":"excc-ex99-1.htm","type":"text.gif","size":"88113"},
{"last-modified":"2025-08-27 16:30:10","name":"excc-ex99-10.htm","type":"text.gif","size":"1200"},
{"last-modified":"2025-08-27 16:30:10","name":"ex99-1_001.jpg","type":"image2.gif","size":"14543"}],
"name":"/Archives/edgar/data/999001/000099900125000030","parent-dir":"/Archives/edgar/data/999001"}}`

func TestParseFilingIndexHTML(t *testing.T) {
	const page = "http://127.0.0.1:9/Archives/edgar/data/999001/000099900125000030/0000999001-25-000030-index.html"
	files, err := ParseFilingIndex([]byte(indexHTMLDoc), page)
	if err != nil {
		t.Fatal(err)
	}
	const dir = "http://127.0.0.1:9/Archives/edgar/data/999001/000099900125000030/"
	want := []FilingFile{
		{Name: "excc-20250827.htm", Type: "8-K", Description: "8-K", URL: dir + "excc-20250827.htm", Size: 31220},
		{Name: "excc-ex991.htm", Type: "EX-99.1", Description: "PRESS RELEASE", URL: dir + "excc-ex991.htm", Size: 88113},
		{Name: "excc-ex992.htm", Type: "EX-99.2", Description: "CFO COMMENTARY", URL: dir + "excc-ex992.htm", Size: 20001},
		{Name: "logo.jpg", Type: "GRAPHIC", URL: dir + "logo.jpg", Size: 5120},
		{Name: "0000999001-25-000030.txt", Description: "Complete submission text file", URL: dir + "0000999001-25-000030.txt", Size: 402111},
		{Name: "excc-20250827.xsd", Type: "EX-101.SCH", Description: "XBRL TAXONOMY EXTENSION SCHEMA DOCUMENT", URL: dir + "excc-20250827.xsd", Size: 2901},
	}
	if d := cmp.Diff(want, files); d != "" {
		t.Errorf("files (-want +got):\n%s", d)
	}
}

func TestParseFilingIndexJSON(t *testing.T) {
	files, err := ParseFilingIndex([]byte(indexJSONDoc), "https://www.sec.gov/Archives/edgar/data/999001/000099900125000030/index.json")
	if err != nil {
		t.Fatal(err)
	}
	if len(files) != 5 {
		t.Fatalf("got %d files", len(files))
	}
	got := files[2]
	want := FilingFile{Name: "excc-ex99-1.htm", URL: "https://www.sec.gov/Archives/edgar/data/999001/000099900125000030/excc-ex99-1.htm", Size: 88113}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("file (-want +got):\n%s", d)
	}
	if files[0].Size != 0 {
		t.Errorf("empty size read as %d", files[0].Size)
	}
}

func TestParseFilingIndexErrors(t *testing.T) {
	tests := []struct{ name, data, url string }{
		{"html without file table", `<html><body><table><tr><td>x</td></tr></table></body></html>`, "https://www.sec.gov/a/b-index.html"},
		{"error page", `<html><body>Your Request Originates from an Undeclared Automated Tool</body></html>`, "https://www.sec.gov/a/b-index.html"},
		{"broken json", `{"directory":{"item":[{"name":`, "https://www.sec.gov/a/index.json"},
		{"json without items", `{"directory":{"name":"/x"}}`, "https://www.sec.gov/a/index.json"},
		{"bad index url", indexHTMLDoc, "http://[::1"},
		{"empty", ``, "https://www.sec.gov/a/b-index.html"},
	}
	for _, tt := range tests {
		if files, err := ParseFilingIndex([]byte(tt.data), tt.url); err == nil {
			t.Errorf("%s: no error, %d files", tt.name, len(files))
		}
	}
}

func TestPickDocuments(t *testing.T) {
	const page = "https://www.sec.gov/Archives/edgar/data/999001/000099900125000030/0000999001-25-000030-index.html"
	htmlFiles, err := ParseFilingIndex([]byte(indexHTMLDoc), page)
	if err != nil {
		t.Fatal(err)
	}
	jsonFiles, err := ParseFilingIndex([]byte(indexJSONDoc), strings.TrimSuffix(page, "0000999001-25-000030-index.html")+"index.json")
	if err != nil {
		t.Fatal(err)
	}
	earnings := Filing{Form: "8-K", Items: "2.02,9.01", PrimaryDocument: "excc-20250827.htm"}
	tests := []struct {
		name  string
		f     Filing
		files []FilingFile
		want  []string
	}{
		{"8-K item 2.02: primary and EX-99.1 (not EX-99.2)", earnings, htmlFiles, []string{"excc-20250827.htm", "excc-ex991.htm"}},
		{"8-K/A item 2.02", Filing{Form: "8-K/A", Items: "2.02", PrimaryDocument: "excc-20250827.htm"}, htmlFiles, []string{"excc-20250827.htm", "excc-ex991.htm"}},
		{"8-K item 5.02: primary only", Filing{Form: "8-K", Items: "5.02,9.01", PrimaryDocument: "excc-20250827.htm"}, htmlFiles, []string{"excc-20250827.htm"}},
		{"8-K item 12.02 is not 2.02", Filing{Form: "8-K", Items: "12.02", PrimaryDocument: "excc-20250827.htm"}, htmlFiles, []string{"excc-20250827.htm"}},
		{"10-Q never takes the exhibit", Filing{Form: "10-Q", Items: "2.02", PrimaryDocument: "excc-20250827.htm"}, htmlFiles, []string{"excc-20250827.htm"}},
		{"no primary name: by type", Filing{Form: "8-K", Items: "2.02"}, htmlFiles, []string{"excc-20250827.htm", "excc-ex991.htm"}},
		{"index.json: exhibit by name, not ex99-10, not the jpg", earnings, jsonFiles, []string{"excc-20250827.htm", "excc-ex99-1.htm"}},
		{"form 4 xml primary: nothing", Filing{Form: "4", PrimaryDocument: "xslF345X05/form4.xml"}, []FilingFile{{Name: "form4.xml", Type: "4", URL: "https://x/form4.xml"}}, nil},
		{"no files", earnings, nil, nil},
		{"exhibit typed EX-99.01", earnings, []FilingFile{{Name: "excc-20250827.htm", Type: "8-K", URL: "https://x/a.htm"}, {Name: "pr.htm", Type: "EX-99.01", URL: "https://x/pr.htm"}, {Name: "ex99-10.htm", Type: "EX-99.10", URL: "https://x/b.htm"}}, []string{"excc-20250827.htm", "pr.htm"}},
	}
	for _, tt := range tests {
		var got []string
		for _, ff := range PickDocuments(tt.f, tt.files) {
			got = append(got, ff.Name)
			if u, err := url.Parse(ff.URL); err != nil || !u.IsAbs() {
				t.Errorf("%s: URL %q not absolute", tt.name, ff.URL)
			}
		}
		if d := cmp.Diff(tt.want, got); d != "" {
			t.Errorf("%s (-want +got):\n%s", tt.name, d)
		}
	}
}

func TestLooksLikeEX991(t *testing.T) {
	tests := []struct {
		name string
		want bool
	}{
		{"ea191807ex99-1_datchat.htm", true},
		{"adbeex991q123.htm", true},
		{"exhibit991.htm", true},
		{"q2fy26-ex99_1.htm", true},
		{"EX-99.1.htm", true},
		{"ea191807ex99-2_datchat.htm", false},
		{"ex99-10.htm", false},
		{"ex9911.htm", false},
		{"ex1-1_datchat.htm", false},
		{"excc-20250827.htm", false},
	}
	for _, tt := range tests {
		if got := looksLikeEX991(tt.name); got != tt.want {
			t.Errorf("looksLikeEX991(%q) = %v", tt.name, got)
		}
	}
}

func TestParseCompanyTickers(t *testing.T) {
	m, err := ParseCompanyTickers([]byte(`{"0":{"cik_str":1045810,"ticker":"NVDA","title":"NVIDIA CORP"},
"1":{"cik_str":"320193","ticker":"aapl","title":"Apple Inc."},"2":{"cik_str":0,"ticker":"BAD","title":"x"}}`))
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"NVDA": "0001045810", "AAPL": "0000320193"}
	if d := cmp.Diff(want, m); d != "" {
		t.Errorf("tickers (-want +got):\n%s", d)
	}
	if _, err := ParseCompanyTickers([]byte(`[1,2]`)); err == nil {
		t.Error("array accepted")
	}
}

func FuzzParseSubmissions(f *testing.F) {
	f.Add([]byte(submissionsJSON))
	f.Add([]byte(`{"accessionNumber":["a"],"form":["8-K"]}`))
	f.Add([]byte(`{"filings":{"recent":{"accessionNumber":["a","b"],"form":["8-K"]}}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		fs, err := ParseSubmissions(data)
		if err != nil {
			return
		}
		out := FilterFilings(fs, nil, "")
		if len(out) > len(fs) {
			t.Fatalf("filter grew %d → %d", len(fs), len(out))
		}
	})
}

func FuzzParseFilingIndex(f *testing.F) {
	f.Add([]byte(indexHTMLDoc))
	f.Add([]byte(indexJSONDoc))
	f.Add([]byte(`<table class="tableFile"><tr><th>Document</th></tr><tr><td><a href="/ix?doc=">x</a></td></tr></table>`))
	const page = "https://www.sec.gov/Archives/edgar/data/1/000000000125000001/0000000001-25-000001-index.html"
	f.Fuzz(func(t *testing.T, data []byte) {
		files, err := ParseFilingIndex(data, page)
		if err != nil {
			return
		}
		for _, ff := range files {
			u, err := url.Parse(ff.URL)
			if err != nil || !u.IsAbs() {
				t.Fatalf("URL %q not absolute", ff.URL)
			}
		}
		PickDocuments(Filing{Form: "8-K", Items: "2.02"}, files)
	})
}

// TestEDGARFixtureTree walks fixtures/web/edgar the way the crawler does:
// submissions → new filings → index page → picked documents, each of which
// must exist in the tree.
func TestEDGARFixtureTree(t *testing.T) {
	const root = "../fixtures/web/edgar"
	const base = "http://127.0.0.1:8080"
	local := func(rawURL string) string {
		u, err := url.Parse(rawURL)
		if err != nil || u.Host != "127.0.0.1:8080" {
			t.Fatalf("URL %q is not on the fixture host", rawURL)
		}
		return filepath.Join(root, filepath.FromSlash(u.Path))
	}
	want := map[string][]string{
		"0001045810": {"nvda-20250727.htm", "nvda-20250827.htm", "q2fy26pr.htm"},
		"0009990001": {"excc-20250630.htm", "excc-20250730.htm", "excc-ex991q225.htm"},
	}
	for cik, wantDocs := range want {
		data, err := os.ReadFile(local(SubmissionsURL(base, cik)))
		if err != nil {
			t.Fatal(err)
		}
		fs, err := ParseSubmissions(data)
		if err != nil {
			t.Fatalf("%s: %v", cik, err)
		}
		var got []string
		for _, f := range FilterFilings(fs, nil, "") {
			if f.CIK != cik {
				t.Errorf("filing CIK %q, want %q", f.CIK, cik)
			}
			indexURL := FilingIndexURL(base, f.CIK, f.Accession)
			page, err := os.ReadFile(local(indexURL))
			if err != nil {
				t.Fatal(err)
			}
			files, err := ParseFilingIndex(page, indexURL)
			if err != nil {
				t.Fatalf("%s: %v", indexURL, err)
			}
			for _, doc := range PickDocuments(f, files) {
				if _, err := os.Stat(local(doc.URL)); err != nil {
					t.Errorf("picked %s, not in the tree: %v", doc.URL, err)
				}
				got = append(got, doc.Name)
			}
		}
		slices.Sort(got)
		if d := cmp.Diff(wantDocs, got); d != "" {
			t.Errorf("%s documents (-want +got):\n%s", cik, d)
		}
	}

	tickers, err := os.ReadFile(local(CompanyTickersURL(base)))
	if err != nil {
		t.Fatal(err)
	}
	m, err := ParseCompanyTickers(tickers)
	if err != nil || m["NVDA"] != "0001045810" || m["EXCC"] != "0009990001" {
		t.Errorf("company_tickers.json: %v, %v", m, err)
	}

	// The NVIDIA 10-Q folder also has index.json: without types, the primary
	// document is still found by name.
	f := Filing{CIK: "0001045810", Accession: "0001045810-25-000209", Form: "10-Q", PrimaryDocument: "nvda-20250727.htm"}
	jsonURL := FilingIndexJSONURL(base, f.CIK, f.Accession)
	data, err := os.ReadFile(local(jsonURL))
	if err != nil {
		t.Fatal(err)
	}
	files, err := ParseFilingIndex(data, jsonURL)
	if err != nil {
		t.Fatal(err)
	}
	picked := PickDocuments(f, files)
	if len(picked) != 1 || picked[0].URL != DocumentURL(base, f, "nvda-20250727.htm") {
		t.Fatalf("index.json pick: %+v", picked)
	}
	if _, err := os.Stat(local(picked[0].URL)); err != nil {
		t.Error(err)
	}
}

func ExampleFilingIndexURL() {
	cik, _ := NormalizeCIK("CIK1045810")
	fmt.Println(SubmissionsURL("https://data.sec.gov", cik))
	fmt.Println(FilingIndexURL("https://www.sec.gov", cik, "0001045810-25-000209"))
	// Output:
	// https://data.sec.gov/submissions/CIK0001045810.json
	// https://www.sec.gov/Archives/edgar/data/1045810/000104581025000209/0001045810-25-000209-index.html
}

func ExamplePickDocuments() {
	f := Filing{Form: "8-K", Items: "2.02,9.01", PrimaryDocument: "excc-20250827.htm"}
	files, _ := ParseFilingIndex([]byte(indexHTMLDoc), "https://www.sec.gov/Archives/edgar/data/999001/000099900125000030/0000999001-25-000030-index.html")
	for _, d := range PickDocuments(f, files) {
		fmt.Println(d.Type, d.URL)
	}
	// Output:
	// 8-K https://www.sec.gov/Archives/edgar/data/999001/000099900125000030/excc-20250827.htm
	// EX-99.1 https://www.sec.gov/Archives/edgar/data/999001/000099900125000030/excc-ex991.htm
}
