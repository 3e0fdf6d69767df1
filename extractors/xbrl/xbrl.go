// Package xbrl reads the inline XBRL facts of a 10-Q or 10-K HTML document
// (ix:nonFraction elements and the contexts and units of its ix:header) and
// turns the ones that carry a figure of the metric vocabulary into claims of
// kind filing, with exact values and the context's real period.
//
// What becomes a claim:
//
//   - us-gaap concepts mapped to metrics (see concepts in names.go): revenue,
//     net_income, operating_income, gross_profit, eps (diluted preferred over
//     basic), capex, operating_cash_flow, backlog, expenses (R&D with segment
//     "R&D"). When several concepts give the same metric for the same period
//     (Revenues and RevenueFromContractWithCustomerExcludingAssessedTax), the
//     preferred one is kept.
//   - contexts without dimensions give the registrant's own figures; contexts
//     with one member on a product, business-segment or geographic axis give
//     claims with that segment ("nvda:DataCenterMember" → "data center");
//     other dimensional contexts (equity components, debt instruments, the
//     operating-segments total, typed members) are left out.
//   - facts shown in the document only: facts inside ix:header / ix:hidden
//     have no text of their own to quote.
//
// Values: the displayed number read by its format (ixt:num-dot-decimal,
// numdotdecimal, num-comma-decimal, fixed-zero, zerodash, ixt-sec:numwordsen),
// times ten to the scale, negated by sign="-". Units: iso4217 currencies by
// code, currency per share as "USD/share", shares as "count".
//
// Periods, from the context's dates, never from where the fact sits:
//
//   - about three months → a fiscal quarter, FY2025-Q2, counted back from
//     dei:DocumentFiscalYearFocus / DocumentFiscalPeriodFocus at the
//     document's period end (a prior-year comparative is FY2024-Q2); without
//     those dei facts, the calendar quarter holding the period's midpoint,
//     2025-Q1;
//   - six and nine months year to date → FY2025-H1 and FY2025-9M (left out
//     without the dei facts, whose fiscal year they need);
//   - twelve months → FY2025;
//   - an instant (only backlog, remaining performance obligations, is kept)
//     → the fiscal quarter that ends on that day.
//
// Quote: the text of the table row holding the fact, cells joined with " | "
// (a "$" or "(" cell glued to the figure after it, ")" or "%" to the one
// before), or else the sentence of the paragraph holding it; span: the
// figure's displayed text inside the quote. One claim per metric, segment and
// period, from the fact's first showing; claims come in document order. The
// source keeps the caller's fields; kind defaults to filing, form to
// dei:DocumentType and title to the cover ("NVIDIA CORPORATION 10-Q for the
// period ended July 27, 2025").
package xbrl

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/claimwire/claimwire/claim"
	"golang.org/x/net/html"
)

// fact is one ix:nonFraction as found in the document.
type fact struct {
	name, contextRef, unitRef string
	scale, sign, format       string
	nilled, hidden            bool
	node                      *html.Node
	order                     int
}

// filing is what one pass over the document collects.
type filing struct {
	contexts map[string]*xcontext
	units    map[string]string // unit id → claim unit ("" when not usable)
	dei      map[string]dei
	facts    []fact
}

type dei struct{ value, contextRef string }

// Extract returns the claims of the inline XBRL facts in raw, a 10-Q or 10-K
// HTML document; meta is the document's source (URL, form, CIK, accession).
// A document without inline XBRL gives no claims and no error; binary input
// is claim.ErrBinary.
func Extract(raw []byte, meta claim.Source) ([]claim.Claim, error) {
	if looksBinary(raw) {
		return nil, fmt.Errorf("xbrl extract %s: %w", meta.URL, claim.ErrBinary)
	}
	root, err := html.Parse(bytes.NewReader(raw))
	if err != nil {
		return nil, fmt.Errorf("xbrl extract %s: %w", meta.URL, err)
	}
	f := collect(root)
	if len(f.facts) == 0 {
		return nil, nil
	}
	subject := ShortName(f.dei["dei:EntityRegistrantName"].value)
	if subject == "" {
		return nil, nil
	}
	if meta.Kind == "" {
		meta.Kind = claim.KindFiling
	}
	if meta.Form == "" {
		meta.Form = f.dei["dei:DocumentType"].value
	}
	if meta.Title == "" {
		meta.Title = title(f)
	}
	return build(f, newPeriods(f), subject, meta), nil
}

// title names the document from its cover: "NVIDIA CORPORATION 10-Q for the
// period ended July 27, 2025".
func title(f *filing) string {
	t := strings.TrimSpace(f.dei["dei:EntityRegistrantName"].value + " " + f.dei["dei:DocumentType"].value)
	if end := f.dei["dei:DocumentPeriodEndDate"].value; end != "" {
		t += " for the period ended " + end
	}
	return t
}

// looksBinary reports NUL bytes in the first 8 KB, which no HTML document has.
func looksBinary(raw []byte) bool {
	return bytes.IndexByte(raw[:min(len(raw), 8<<10)], 0) >= 0
}

// collect walks the tree once, in document order.
func collect(root *html.Node) *filing {
	f := &filing{contexts: map[string]*xcontext{}, units: map[string]string{}, dei: map[string]dei{}}
	var walk func(n *html.Node, hidden bool)
	walk = func(n *html.Node, hidden bool) {
		if n.Type == html.ElementNode {
			switch prefix, local := splitName(n.Data); {
			case prefix == "":
			case local == "context" && prefix != "ix":
				if c := parseContext(n); c.id != "" {
					f.contexts[c.id] = c
				}
				return
			case local == "unit" && prefix != "ix":
				if id := attr(n, "id"); id != "" {
					f.units[id] = parseUnit(n)
				}
				return
			case local == "header" || local == "hidden":
				hidden = true
			case local == "nonnumeric":
				if name := attr(n, "name"); strings.HasPrefix(name, "dei:") {
					if _, seen := f.dei[name]; !seen {
						f.dei[name] = dei{value: text(n), contextRef: attr(n, "contextref")}
					}
				}
			case local == "nonfraction":
				f.facts = append(f.facts, fact{
					name: attr(n, "name"), contextRef: attr(n, "contextref"), unitRef: attr(n, "unitref"),
					scale: attr(n, "scale"), sign: attr(n, "sign"), format: attr(n, "format"),
					nilled: strings.EqualFold(attr(n, "xsi:nil"), "true"), hidden: hidden,
					node: n, order: len(f.facts),
				})
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, hidden)
		}
	}
	walk(root, false)
	return f
}

// splitName splits "ix:nonfraction" into "ix" and "nonfraction".
func splitName(s string) (prefix, local string) {
	if i := strings.IndexByte(s, ':'); i > 0 {
		return s[:i], s[i+1:]
	}
	return "", s
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key || (a.Namespace != "" && a.Namespace+":"+a.Key == key) {
			return strings.TrimSpace(a.Val)
		}
	}
	return ""
}

// maxText caps the text read from one fact, context part or dei value: a
// figure, a date or a name is short, and a malformed document whose unclosed
// element swallows the rest of the page must not cost a pass over all of it
// for every fact.
const maxText = 256

// text is the whitespace-collapsed text of n, at most about maxText bytes.
func text(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node) bool
	walk = func(n *html.Node) bool {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type == html.TextNode {
				b.WriteString(c.Data)
			} else if !walk(c) {
				return false
			}
			if b.Len() > maxText {
				return false
			}
		}
		return true
	}
	walk(n)
	return strings.Join(strings.Fields(strings.ReplaceAll(b.String(), "\u00a0", " ")), " ")
}
