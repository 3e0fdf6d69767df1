package web

import (
	"encoding/csv"
	"mime"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/claimwire/claimwire/claim"
)

// csvHeader is the column order of GET /api/claims as CSV; names follow the
// claim schema, with the source's fields flattened.
var csvHeader = []string{
	"id", "subject", "segment", "metric", "value", "value_max", "unit", "item",
	"qualifier", "period", "basis", "modality", "attribution", "counterparty",
	"display", "published", "source_url", "source_title", "kind", "form", "quote",
}

// wantsCSV reports whether the client asked for CSV, by Accept header or by
// ?format=csv (what a plain download link can say).
func wantsCSV(r *http.Request) bool {
	if r.URL.Query().Get("format") == "csv" {
		return true
	}
	for _, part := range strings.Split(r.Header.Get("Accept"), ",") {
		if mt, _, err := mime.ParseMediaType(strings.TrimSpace(part)); err == nil && mt == "text/csv" {
			return true
		}
	}
	return false
}

// writeCSV writes one page of claims; the next page's URL goes in a Link header.
func writeCSV(w http.ResponseWriter, r *http.Request, claims []claim.Claim, next string) {
	h := w.Header()
	h.Set("Content-Type", "text/csv; charset=utf-8")
	h.Set("Content-Disposition", `attachment; filename="claims.csv"`)
	h.Set("Cache-Control", "no-store")
	if next != "" {
		q := r.URL.Query()
		q.Set("cursor", next)
		h.Set("Link", "<"+(&url.URL{Path: r.URL.Path, RawQuery: q.Encode()}).String()+`>; rel="next"`)
		h.Set("X-Next-Cursor", next)
	}
	cw := csv.NewWriter(w)
	_ = cw.Write(csvHeader)
	for _, c := range claims {
		max := ""
		if c.ValueMax != nil {
			max = strconv.FormatFloat(*c.ValueMax, 'f', -1, 64)
		}
		_ = cw.Write([]string{
			c.ID, cell(c.Subject), cell(c.Segment), string(c.Metric),
			strconv.FormatFloat(c.Value, 'f', -1, 64), max, c.Unit, cell(c.Item),
			string(c.Qualifier), c.Period, c.Basis, string(c.Modality), cell(c.Attribution),
			cell(c.Counterparty), claim.FormatValue(c), c.Source.Published, cell(c.Source.URL),
			cell(c.Source.Title), c.Source.Kind, c.Source.Form, cell(c.Quote),
		})
	}
	cw.Flush()
}

// cell defuses spreadsheet formulas: text from crawled pages that starts with
// =, +, -, @ (or a tab or CR) would run as a formula when the CSV is opened.
func cell(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}
