package fetch

// EDGAR: URL builders and parsers for the SEC's submissions JSON and filing
// indexes. Everything in this file is pure (no HTTP, no clock); the fetcher's
// own client does the requests, and pipeline joins the two.
//
// Layout, as EDGAR serves it:
//
//	https://data.sec.gov/submissions/CIK0000320193.json        (SubmissionsURL)
//	https://www.sec.gov/Archives/edgar/data/320193/000032019325000057/
//	    0000320193-25-000057-index.html                         (FilingIndexURL)
//	    index.json                                              (FilingIndexJSONURL)
//	    aapl-20250329.htm                                       (the documents)
//
// The -index.html page is the one to fetch: it is the only listing that gives
// each document's type ("10-Q", "EX-99.1"); index.json has names and sizes only.

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/claimwire/claimwire/claim"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// DefaultEDGARForms are the forms an edgar source follows when it names none.
var DefaultEDGARForms = []string{"8-K", "10-Q", "10-K"}

// Filing is one row of a company's submissions JSON (filings.recent).
type Filing struct {
	CIK             string // the company's CIK, zero-padded to 10 digits ("" if the JSON has none)
	Accession       string // with dashes: 0000320193-25-000057
	Form            string // 8-K, 10-Q, 10-K, 8-K/A, 4 ...
	FilingDate      string // YYYY-MM-DD
	ReportDate      string // YYYY-MM-DD, "" for many forms
	AcceptanceTime  string // as served: 2025-05-02T06:00:46.000Z (US Eastern clock despite the Z)
	PrimaryDocument string // file name inside the filing folder
	PrimaryDocDesc  string // primaryDocDescription
	Items           string // 8-K items, comma-joined: "2.02,9.01"
	Size            int64  // bytes of the whole submission
	InlineXBRL      bool   // the primary document is inline XBRL
}

// HasItem reports whether the filing lists the 8-K item ("2.02").
func (f Filing) HasItem(item string) bool {
	for it := range strings.SplitSeq(f.Items, ",") {
		if strings.TrimSpace(it) == item {
			return true
		}
	}
	return false
}

// FilingFile is one document of a filing, from its index.
type FilingFile struct {
	Name        string // aapl-20250329.htm
	Type        string // document type: "10-Q", "EX-99.1", "GRAPHIC"; "" when the index does not say (index.json)
	Description string
	URL         string // absolute
	Size        int64  // as the index says; 0 when unknown
}

// NormalizeCIK returns the 10-digit, zero-padded form of a CIK written as
// "320193", "0000320193" or "CIK0000320193". Anything else is claim.ErrInvalid.
func NormalizeCIK(s string) (string, error) {
	d := strings.TrimSpace(s)
	if len(d) >= 3 && strings.EqualFold(d[:3], "CIK") {
		d = strings.TrimSpace(d[3:])
	}
	if d == "" || len(d) > 10 || strings.Trim(d, "0123456789") != "" || strings.Trim(d, "0") == "" {
		return "", fmt.Errorf("cik %q: %w", s, claim.ErrInvalid)
	}
	return strings.Repeat("0", 10-len(d)) + d, nil
}

// cikDigits returns the CIK without leading zeros, as the Archives paths use it.
func cikDigits(cik string) string {
	if n, err := NormalizeCIK(cik); err == nil {
		cik = n
	}
	if t := strings.TrimLeft(cik, "0"); t != "" {
		return t
	}
	return cik
}

// normalizeAccession returns the accession with dashes (0000320193-25-000057),
// accepting the 18-digit form without them too.
func normalizeAccession(acc string) string {
	acc = strings.TrimSpace(acc)
	if len(acc) == 18 && strings.Trim(acc, "0123456789") == "" {
		return acc[:10] + "-" + acc[10:12] + "-" + acc[12:]
	}
	return acc
}

// SubmissionsURL returns the submissions JSON URL of a company:
// base + /submissions/CIK##########.json. base is https://data.sec.gov in
// production; a CIK that does not normalize is used as given.
func SubmissionsURL(base, cik string) string {
	if n, err := NormalizeCIK(cik); err == nil {
		cik = n
	}
	return strings.TrimRight(base, "/") + "/submissions/CIK" + cik + ".json"
}

// FilingFolderURL returns the folder of a filing, ending in a slash:
// archivesBase + /Archives/edgar/data/<cik>/<accession without dashes>/.
func FilingFolderURL(archivesBase, cik, accession string) string {
	acc := strings.ReplaceAll(normalizeAccession(accession), "-", "")
	return strings.TrimRight(archivesBase, "/") + "/Archives/edgar/data/" + cikDigits(cik) + "/" + acc + "/"
}

// FilingIndexURL returns the filing's index page (…/<accession>-index.html),
// the listing that carries each document's type. archivesBase is
// https://www.sec.gov in production.
func FilingIndexURL(archivesBase, cik, accession string) string {
	return FilingFolderURL(archivesBase, cik, accession) + normalizeAccession(accession) + "-index.html"
}

// FilingIndexJSONURL returns the folder listing (…/index.json) of a filing.
func FilingIndexJSONURL(archivesBase, cik, accession string) string {
	return FilingFolderURL(archivesBase, cik, accession) + "index.json"
}

// DocumentURL returns the URL of one file of the filing.
func DocumentURL(archivesBase string, f Filing, name string) string {
	return FilingFolderURL(archivesBase, f.CIK, f.Accession) + name
}

// recentFilings mirrors filings.recent: parallel arrays, row i at index i.
type recentFilings struct {
	AccessionNumber       []string `json:"accessionNumber"`
	FilingDate            []string `json:"filingDate"`
	ReportDate            []string `json:"reportDate"`
	AcceptanceDateTime    []string `json:"acceptanceDateTime"`
	Form                  []string `json:"form"`
	Items                 []string `json:"items"`
	Size                  []int64  `json:"size"`
	IsInlineXBRL          []int    `json:"isInlineXBRL"`
	PrimaryDocument       []string `json:"primaryDocument"`
	PrimaryDocDescription []string `json:"primaryDocDescription"`
}

type submissions struct {
	CIK     json.RawMessage `json:"cik"` // a string here, a number in some other SEC files
	Filings struct {
		Recent *recentFilings `json:"recent"`
	} `json:"filings"`
	recentFilings // the older pages (CIK##########-submissions-001.json) hold the arrays at top level
}

// ParseSubmissions reads a submissions JSON (data.sec.gov/submissions/CIK….json,
// or one of the older pages named in filings.files, which hold the arrays at
// the top level) and returns its filings in the order served (newest first).
// Arrays of different lengths are an error, never a panic.
func ParseSubmissions(data []byte) ([]Filing, error) {
	var s submissions
	if err := json.Unmarshal(data, &s); err != nil {
		return nil, fmt.Errorf("submissions json: %w", err)
	}
	r := s.Filings.Recent
	if r == nil {
		r = &s.recentFilings
	}
	if r.AccessionNumber == nil || r.Form == nil {
		return nil, fmt.Errorf("submissions json: no filings.recent accessionNumber/form arrays: %w", claim.ErrInvalid)
	}
	n := len(r.AccessionNumber)
	lens := map[string]int{
		"form": len(r.Form), "filingDate": len(r.FilingDate), "reportDate": len(r.ReportDate),
		"acceptanceDateTime": len(r.AcceptanceDateTime), "items": len(r.Items), "size": len(r.Size),
		"isInlineXBRL": len(r.IsInlineXBRL), "primaryDocument": len(r.PrimaryDocument),
		"primaryDocDescription": len(r.PrimaryDocDescription),
	}
	for _, name := range slices.Sorted(maps.Keys(lens)) {
		if l := lens[name]; l != n && !(l == 0 && name != "form") {
			return nil, fmt.Errorf("submissions json: %s has %d entries, accessionNumber %d: %w", name, l, n, claim.ErrInvalid)
		}
	}
	cik := jsonCIK(s.CIK)
	out := make([]Filing, n)
	for i := range n {
		out[i] = Filing{
			CIK:             cik,
			Accession:       r.AccessionNumber[i],
			Form:            r.Form[i],
			FilingDate:      atIndex(r.FilingDate, i),
			ReportDate:      atIndex(r.ReportDate, i),
			AcceptanceTime:  atIndex(r.AcceptanceDateTime, i),
			PrimaryDocument: atIndex(r.PrimaryDocument, i),
			PrimaryDocDesc:  atIndex(r.PrimaryDocDescription, i),
			Items:           atIndex(r.Items, i),
			Size:            atIndex(r.Size, i),
			InlineXBRL:      atIndex(r.IsInlineXBRL, i) == 1,
		}
	}
	return out, nil
}

// atIndex returns s[i], or the zero value when the (optional) array is absent.
func atIndex[T any](s []T, i int) T {
	var zero T
	if i < len(s) {
		return s[i]
	}
	return zero
}

// jsonCIK reads the cik field, a string ("0000320193") or a number (320193).
func jsonCIK(raw json.RawMessage) string {
	var s string
	if json.Unmarshal(raw, &s) != nil {
		var n json.Number
		if json.Unmarshal(raw, &n) != nil {
			return ""
		}
		s = n.String()
	}
	cik, err := NormalizeCIK(s)
	if err != nil {
		return ""
	}
	return cik
}

// FilterFilings returns the filings of the given forms (DefaultEDGARForms when
// forms is empty; compared case-insensitively, so "10-K" does not match
// "10-K/A": list amendments explicitly) that are newer than the watermark
// after, oldest first, so a crawler can advance its watermark one filing at
// a time. after may be:
//
//   - "": no watermark, every filing of those forms;
//   - a date, YYYY-MM-DD: filed after that day;
//   - an acceptance time as served (2025-05-02T06:00:46.000Z, see Watermark):
//     accepted after it;
//   - an accession number: accepted after that filing. If the accession is
//     not in fs (it fell off the recent list), nothing is filtered out: a
//     crawler re-checks more, but misses nothing.
func FilterFilings(fs []Filing, forms []string, after string) []Filing {
	if len(forms) == 0 {
		forms = DefaultEDGARForms
	}
	keep := func(f Filing) bool {
		return slices.ContainsFunc(forms, func(form string) bool { return strings.EqualFold(strings.TrimSpace(form), f.Form) })
	}
	newer := watermarkFunc(fs, strings.TrimSpace(after))
	var out []Filing
	for _, f := range fs {
		if keep(f) && newer(f) {
			out = append(out, f)
		}
	}
	slices.SortStableFunc(out, func(a, b Filing) int {
		if c := strings.Compare(filingKey(a), filingKey(b)); c != 0 {
			return c
		}
		return strings.Compare(a.Accession, b.Accession)
	})
	return out
}

// Watermark returns the value to store after processing f and pass back to
// FilterFilings as after: its acceptance time, or its filing date when the
// JSON has no acceptance time.
func Watermark(f Filing) string { return filingKey(f) }

func filingKey(f Filing) string {
	if f.AcceptanceTime != "" {
		return f.AcceptanceTime
	}
	return f.FilingDate
}

// watermarkFunc returns the predicate "f is newer than after".
func watermarkFunc(fs []Filing, after string) func(Filing) bool {
	switch {
	case after == "":
		return func(Filing) bool { return true }
	case isISODate(after):
		return func(f Filing) bool { return f.FilingDate > after }
	case len(after) > 10 && isISODate(after[:10]) && after[10] == 'T':
		return func(f Filing) bool { return filingKey(f) > after }
	}
	acc := normalizeAccession(after)
	i := slices.IndexFunc(fs, func(f Filing) bool { return f.Accession == acc })
	if i < 0 {
		return func(f Filing) bool { return f.Accession != acc }
	}
	mark := fs[i]
	if mark.AcceptanceTime == "" { // no time to compare: rely on the served order, newest first
		newer := make(map[string]bool, i)
		for _, f := range fs[:i] {
			newer[f.Accession] = true
		}
		return func(f Filing) bool { return newer[f.Accession] }
	}
	return func(f Filing) bool {
		return f.Accession != acc && filingKey(f) > mark.AcceptanceTime
	}
}

func isISODate(s string) bool {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return false
	}
	return strings.Trim(s[:4]+s[5:7]+s[8:], "0123456789") == ""
}

// PickDocuments chooses what to fetch of a filing: its primary document, and
// for an 8-K (or 8-K/A) reporting item 2.02 (results of operations) also the
// EX-99.1 exhibit (also typed EX-99.01 or EX-99), where the earnings release
// and its figures actually are.
// Only HTML and text documents are returned (a Form 4's XML primary document
// is not). files come from ParseFilingIndex; with index.json, which has no
// document types, the exhibit is recognised by its file name (…ex99-1…,
// …ex991…).
func PickDocuments(f Filing, files []FilingFile) []FilingFile {
	var out []FilingFile
	add := func(ff FilingFile) {
		if isTextDocument(ff.Name) && !slices.ContainsFunc(out, func(o FilingFile) bool { return o.URL == ff.URL }) {
			out = append(out, ff)
		}
	}
	primary := slices.IndexFunc(files, func(ff FilingFile) bool {
		return f.PrimaryDocument != "" && ff.Name == f.PrimaryDocument
	})
	if primary < 0 { // no primary document name: the first document typed as the form
		primary = slices.IndexFunc(files, func(ff FilingFile) bool { return ff.Type != "" && strings.EqualFold(ff.Type, f.Form) })
	}
	if primary >= 0 {
		add(files[primary])
	}
	form := strings.ToUpper(f.Form)
	if (form == "8-K" || form == "8-K/A") && f.HasItem("2.02") {
		for _, ff := range files {
			if isEX991(ff.Type) || (ff.Type == "" && looksLikeEX991(ff.Name)) {
				add(ff)
			}
		}
	}
	return out
}

// isEX991 reports the press-release exhibit type as filers write it:
// EX-99.1, EX-99.01, or a lone EX-99.
func isEX991(typ string) bool {
	switch strings.ToUpper(strings.TrimSpace(typ)) {
	case "EX-99.1", "EX-99.01", "EX-99":
		return true
	}
	return false
}

func isTextDocument(name string) bool {
	n := strings.ToLower(name)
	return strings.HasSuffix(n, ".htm") || strings.HasSuffix(n, ".html") || strings.HasSuffix(n, ".txt")
}

// looksLikeEX991 recognises an EX-99.1 exhibit by its file name: ex99-1,
// ex99_1, ex99.1, ex991, exhibit991 (not ex99-10 nor ex9911).
func looksLikeEX991(name string) bool {
	n := strings.ToLower(name)
	for i := 0; ; {
		j := strings.Index(n[i:], "ex")
		if j < 0 {
			return false
		}
		rest := strings.TrimPrefix(n[i+j+2:], "hibit")
		rest = strings.TrimLeft(rest, "-_. ")
		if r, ok := strings.CutPrefix(rest, "99"); ok {
			r = strings.TrimLeft(r, "-_.")
			if strings.HasPrefix(r, "1") && (len(r) == 1 || r[1] < '0' || r[1] > '9') {
				return true
			}
		}
		i += j + 2
	}
}

// ParseFilingIndex reads a filing's listing, either the -index.html page (its
// "Document Format Files" and "Data Files" tables, with the Type column) or
// the folder's index.json (names and sizes only, Type ""), and returns its
// files with absolute URLs resolved against indexURL. Index pages link iXBRL
// documents through the viewer (/ix?doc=/Archives/…); the prefix is removed.
func ParseFilingIndex(data []byte, indexURL string) ([]FilingFile, error) {
	base, err := url.Parse(indexURL)
	if err != nil {
		return nil, fmt.Errorf("filing index %q: %w", indexURL, err)
	}
	if t := bytes.TrimSpace(data); len(t) > 0 && t[0] == '{' {
		return parseIndexJSON(t, base)
	}
	return parseIndexHTML(data, base)
}

type indexJSON struct {
	Directory struct {
		Name string `json:"name"`
		Item []struct {
			Name string `json:"name"`
			Size string `json:"size"`
		} `json:"item"`
	} `json:"directory"`
}

func parseIndexJSON(data []byte, base *url.URL) ([]FilingFile, error) {
	var ix indexJSON
	if err := json.Unmarshal(data, &ix); err != nil {
		return nil, fmt.Errorf("filing index json: %w", err)
	}
	if ix.Directory.Item == nil {
		return nil, fmt.Errorf("filing index json: no directory.item: %w", claim.ErrInvalid)
	}
	dir := base
	if ix.Directory.Name != "" {
		if d, err := base.Parse(strings.TrimSuffix(ix.Directory.Name, "/") + "/"); err == nil {
			dir = d
		}
	}
	var out []FilingFile
	for _, it := range ix.Directory.Item {
		if it.Name == "" || strings.ContainsAny(it.Name, "/\\") {
			continue
		}
		u, err := dir.Parse(url.PathEscape(it.Name))
		if err != nil {
			continue
		}
		size, _ := strconv.ParseInt(strings.TrimSpace(it.Size), 10, 64)
		out = append(out, FilingFile{Name: it.Name, URL: u.String(), Size: size})
	}
	return out, nil
}

var errNoFileTable = errors.New("no document table (class tableFile) in filing index page")

func parseIndexHTML(data []byte, base *url.URL) ([]FilingFile, error) {
	root, err := html.Parse(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("filing index html: %w", err)
	}
	var out []FilingFile
	found := false
	for n := range root.Descendants() {
		if n.Type == html.ElementNode && n.DataAtom == atom.Table && edgarHasClass(n, "tableFile") {
			found = true
			out = append(out, fileTable(n, base)...)
		}
	}
	if !found {
		return nil, fmt.Errorf("filing index html: %w: %w", errNoFileTable, claim.ErrInvalid)
	}
	return out, nil
}

// fileTable reads one tableFile table: a header row of th cells naming the
// columns (Seq, Description, Document, Type, Size), then one row per file.
func fileTable(table *html.Node, base *url.URL) []FilingFile {
	cols := map[string]int{}
	var out []FilingFile
	for tr := range table.Descendants() {
		if tr.Type != html.ElementNode || tr.DataAtom != atom.Tr {
			continue
		}
		cells := edgarCells(tr, atom.Td, atom.Th)
		if len(cells) > 0 && cells[0].DataAtom == atom.Th {
			for i, c := range cells {
				cols[strings.ToLower(edgarText(c))] = i
			}
			continue
		}
		cell := func(name string) *html.Node {
			if i, ok := cols[name]; ok && i < len(cells) {
				return cells[i]
			}
			return nil
		}
		doc := cell("document")
		if doc == nil {
			continue
		}
		ff, ok := fileFromCell(doc, base)
		if !ok {
			continue
		}
		ff.Type = edgarText(cell("type"))
		ff.Description = edgarText(cell("description"))
		ff.Size, _ = strconv.ParseInt(edgarText(cell("size")), 10, 64)
		out = append(out, ff)
	}
	return out
}

func fileFromCell(td *html.Node, base *url.URL) (FilingFile, bool) {
	for a := range td.Descendants() {
		if a.Type != html.ElementNode || a.DataAtom != atom.A {
			continue
		}
		href := strings.TrimSpace(edgarAttr(a, "href"))
		if rest, ok := strings.CutPrefix(href, "/ix?doc="); ok {
			href = rest
		}
		if href == "" {
			continue
		}
		u, err := base.Parse(href)
		if err != nil {
			continue
		}
		name := edgarText(a)
		if name == "" {
			name = u.Path[strings.LastIndexByte(u.Path, '/')+1:]
		}
		return FilingFile{Name: name, URL: u.String()}, true
	}
	return FilingFile{}, false
}

func edgarCells(n *html.Node, atoms ...atom.Atom) []*html.Node {
	var out []*html.Node
	for c := range n.ChildNodes() {
		if c.Type == html.ElementNode && slices.Contains(atoms, c.DataAtom) {
			out = append(out, c)
		}
	}
	return out
}

func edgarHasClass(n *html.Node, class string) bool {
	return slices.Contains(strings.Fields(edgarAttr(n, "class")), class)
}

func edgarAttr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

// edgarText is the whitespace-collapsed text of n (no-break spaces included).
func edgarText(n *html.Node) string {
	if n == nil {
		return ""
	}
	var b strings.Builder
	for d := range n.Descendants() {
		if d.Type == html.TextNode {
			b.WriteString(d.Data)
			b.WriteByte(' ')
		}
	}
	return strings.Join(strings.Fields(strings.ReplaceAll(b.String(), "\u00a0", " ")), " ")
}

// CompanyTickersURL returns the SEC's ticker list (www.sec.gov/files/company_tickers.json).
func CompanyTickersURL(archivesBase string) string {
	return strings.TrimRight(archivesBase, "/") + "/files/company_tickers.json"
}

// ParseCompanyTickers reads company_tickers.json ({"0":{"cik_str":320193,
// "ticker":"AAPL","title":"Apple Inc."}, …}) into a map from upper-case
// ticker to 10-digit CIK, so an edgar source can name a company by ticker.
func ParseCompanyTickers(data []byte) (map[string]string, error) {
	var rows map[string]struct {
		CIK    json.Number `json:"cik_str"`
		Ticker string      `json:"ticker"`
	}
	if err := json.Unmarshal(data, &rows); err != nil {
		return nil, fmt.Errorf("company tickers json: %w", err)
	}
	out := make(map[string]string, len(rows))
	for _, r := range rows {
		cik, err := NormalizeCIK(r.CIK.String())
		if err != nil || strings.TrimSpace(r.Ticker) == "" {
			continue
		}
		out[strings.ToUpper(strings.TrimSpace(r.Ticker))] = cik
	}
	return out, nil
}
