package extractors

import (
	"strconv"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Tables are carried through claim.Document as text, the way a Markdown table
// reads: one line a row, cells joined by " | " ("Revenue | $15.2 billion |
// $12.1 billion | 26%"), with filing-style split cells ("$" | "15,200") joined
// and empty spacer cells dropped. Above the first data row goes one heading
// line with a cell per value column ("Three Months Ended March 31, 2025 | ...
// | % Change"), merged from all header rows and colspans. The extractor reads
// rows with their label's metric, each column's period from the heading line,
// and a table scale ("(in millions)") from the caption before it.

type tcell struct {
	text string
	col  int
	span int
}

func (r *renderer) table(t *html.Node) {
	rows := tableRows(t)
	if len(rows) == 0 {
		return
	}
	for c := t.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && c.DataAtom == atom.Caption {
			r.block(c) // "(in millions)" and what the table lists
		}
	}
	var headers [][]tcell
	data := false
	for _, row := range rows {
		row = mergeCells(row)
		if len(row) == 0 {
			continue
		}
		if !data && !isDataRow(row) {
			headers = append(headers, row)
			continue
		}
		if !data && len(headers) > 0 {
			r.headerLine(row, headers)
		}
		data = true
		parts := make([]string, len(row))
		for i, c := range row {
			parts[i] = c.text
		}
		r.line = append(r.line, strings.Join(parts, " | ")...)
		r.flush()
	}
	if !data { // a layout table: render its cells as text
		for _, h := range headers {
			for _, c := range h {
				r.text(c.text)
				r.text(" ")
			}
			r.flush()
		}
	}
}

// headerLine writes the column headings above the first data row's values,
// one cell each, so the extractor can give each column its period.
func (r *renderer) headerLine(row []tcell, headers [][]tcell) {
	cells := row
	if !isValueCell(row[0].text) {
		cells = row[1:]
	}
	var parts []string
	any := false
	for _, c := range cells {
		h := headerFor(headers, c.col)
		if h != "" {
			any = true
		} else {
			h = "-"
		}
		parts = append(parts, h)
	}
	if any {
		r.line = append(r.line, strings.Join(parts, " | ")...)
		r.flush()
	}
}

// headerFor joins the header cells above column col.
func headerFor(headers [][]tcell, col int) string {
	var parts []string
	for _, h := range headers {
		for _, c := range h {
			if col >= c.col && col < c.col+c.span && c.text != "" {
				parts = append(parts, c.text)
			}
		}
	}
	return strings.Join(parts, " ")
}

// tableRows reads the table's rows (not those of nested tables) as cells
// with their grid column.
func tableRows(t *html.Node) [][]tcell {
	var rows [][]tcell
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode {
				continue
			}
			switch c.DataAtom {
			case atom.Tr:
				rows = append(rows, rowCells(c))
			case atom.Thead, atom.Tbody, atom.Tfoot:
				walk(c)
			}
		}
	}
	walk(t)
	return rows
}

func rowCells(tr *html.Node) []tcell {
	var cells []tcell
	col := 0
	for c := tr.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != html.ElementNode || (c.DataAtom != atom.Td && c.DataAtom != atom.Th) {
			continue
		}
		span := 1
		for _, a := range c.Attr {
			if a.Key == "colspan" {
				if n, err := strconv.Atoi(strings.TrimSpace(a.Val)); err == nil && n > 1 && n < 100 {
					span = n
				}
			}
		}
		var sub renderer
		for k := c.FirstChild; k != nil; k = k.NextSibling {
			sub.inline(k)
		}
		cells = append(cells, tcell{text: collapse(string(sub.line)), col: col, span: span})
		col += span
	}
	return cells
}

// inline gathers a cell's text, skipping what block would skip.
func (r *renderer) inline(n *html.Node) {
	switch n.Type {
	case html.TextNode:
		r.text(n.Data)
	case html.ElementNode:
		if skipElement(n) {
			return
		}
		r.text(" ")
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			r.inline(c)
		}
		r.text(" ")
	}
}

// mergeCells joins filing-style split cells ("$" | "15,200" | ")%") and drops
// empty ones, keeping each value's grid column.
func mergeCells(row []tcell) []tcell {
	var out []tcell
	pending := ""
	for _, c := range row {
		t := strings.TrimSpace(c.text)
		switch {
		case t == "":
			continue
		case t == "$" || t == "US$" || t == "€" || t == "£" || t == "¥" || t == "NT$":
			pending = t + " "
			continue
		case (t == ")" || t == "%" || t == ")%" || t == "%)") && len(out) > 0:
			out[len(out)-1].text += t
			continue
		}
		c.text = pending + t
		pending = ""
		out = append(out, c)
	}
	return out
}

// isDataRow: a row with a figure that is not a period heading.
func isDataRow(row []tcell) bool {
	for i, c := range row {
		if i == 0 && len(row) > 1 {
			continue
		}
		if isValueCell(c.text) {
			return true
		}
	}
	return false
}

// isValueCell reports a cell holding a figure, not a label or period heading
// ("Three Months Ended March 31, 2025", "Q1 2025", "Fiscal 2024").
func isValueCell(s string) bool {
	l := strings.ToLower(s)
	for _, w := range []string{"ended", "ending", "months", "quarter", "fiscal", "january", "february", "march", "april", "may ", "june", "july", "august", "september", "october", "november", "december", "weeks", "year", "as of"} {
		if strings.Contains(l, w) {
			return false
		}
	}
	if strings.ContainsAny(s, "$€£¥%") && strings.ContainsAny(s, "0123456789") {
		return true
	}
	for _, f := range strings.FieldsFunc(s, func(r rune) bool { return !(r >= '0' && r <= '9' || r == ',' || r == '.') }) {
		f = strings.Trim(f, ",.")
		if f == "" || strings.Trim(f, "0123456789") == f {
			continue
		}
		if len(f) == 4 && !strings.ContainsAny(f, ",.") && (f[0] == '1' || f[0] == '2') {
			continue // a year
		}
		if len(f) <= 2 && len(s) > 3 && strings.ContainsAny(l, "abcdefghijklmnopqrstuvwxyz") {
			continue // "Q1", "H2", "Note 3"
		}
		return true
	}
	return false
}
