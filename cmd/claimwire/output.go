package main

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"
	"unicode/utf8"

	"github.com/claimwire/claimwire/claim"
)

// Output formats of query, facts and timeline.
const (
	formatTable = "table"
	formatJSONL = "jsonl"
	formatCSV   = "csv"
)

// outputFormat resolves --format: a table on a terminal, JSON lines when piped.
func outputFormat(e *env, flag string) (string, error) {
	switch flag {
	case "":
		if e.isTerminal {
			return formatTable, nil
		}
		return formatJSONL, nil
	case formatTable, formatJSONL, formatCSV:
		return flag, nil
	}
	return "", usageError{fmt.Sprintf("unknown --format %q (want table, jsonl or csv)", flag)}
}

// writeJSONL writes one JSON object per line.
func writeJSONL[T any](w io.Writer, items []T) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	for _, it := range items {
		if err := enc.Encode(it); err != nil {
			return err
		}
	}
	return nil
}

// claimCSVHeader is the claim schema flattened; csv columns follow it.
var claimCSVHeader = []string{"id", "subject", "segment", "metric", "value", "value_max", "unit", "item",
	"qualifier", "period", "basis", "modality", "attribution", "counterparty", "quote", "span_start", "span_end",
	"url", "title", "published", "kind", "form", "cik", "accession"}

func claimCSVRow(c claim.Claim) []string {
	vmax := ""
	if c.ValueMax != nil {
		vmax = num(*c.ValueMax)
	}
	return []string{c.ID, c.Subject, c.Segment, string(c.Metric), num(c.Value), vmax, c.Unit, c.Item,
		string(c.Qualifier), c.Period, c.Basis, string(c.Modality), c.Attribution, c.Counterparty, c.Quote,
		strconv.Itoa(c.Span[0]), strconv.Itoa(c.Span[1]), c.Source.URL, c.Source.Title, c.Source.Published,
		c.Source.Kind, c.Source.Form, c.Source.CIK, c.Source.Accession}
}

func num(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

// writeClaims renders claims in format.
func writeClaims(w io.Writer, format string, claims []claim.Claim) error {
	switch format {
	case formatJSONL:
		return writeJSONL(w, claims)
	case formatCSV:
		cw := csv.NewWriter(w)
		cw.Write(claimCSVHeader)
		for _, c := range claims {
			cw.Write(claimCSVRow(c))
		}
		cw.Flush()
		return cw.Error()
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "PUBLISHED\tSUBJECT\tMETRIC\tVALUE\tPERIOD\tMODALITY\tSOURCE\tQUOTE")
	for _, c := range claims {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", day(c.Source.Published), subjectCell(c),
			c.Metric, valueCell(c), dash(c.Period+basisSuffix(c.Basis)), c.Modality, host(c.Source.URL), clip(c.Quote, 70))
	}
	return tw.Flush()
}

// subjectCell is the subject with its segment: "AWS / AI business".
func subjectCell(c claim.Claim) string {
	if c.Segment == "" {
		return c.Subject
	}
	return c.Subject + " / " + c.Segment
}

// valueCell is the human value with its qualifier: ">$15.0B", "~150%".
func valueCell(c claim.Claim) string {
	prefix := map[claim.Qualifier]string{claim.Approx: "~", claim.MoreThan: ">", claim.AtLeast: "≥",
		claim.LessThan: "<", claim.UpTo: "≤"}[c.Qualifier]
	return prefix + claim.FormatValue(c)
}

func basisSuffix(b string) string {
	if b == "" {
		return ""
	}
	return " " + b
}

func day(published string) string {
	if len(published) >= 10 {
		return published[:10]
	}
	return dash(published)
}

func dash(s string) string {
	if strings.TrimSpace(s) == "" {
		return "-"
	}
	return strings.TrimSpace(s)
}

// host is a source URL's host without www., or the file name of a file:// URL.
func host(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return raw
	}
	if u.Scheme == "file" {
		return u.Path[strings.LastIndex(u.Path, "/")+1:]
	}
	return strings.TrimPrefix(u.Hostname(), "www.")
}

// clip shortens s to n runes with an ellipsis, on one line.
func clip(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n-1]) + "…"
}

// factValue renders a fact's value like a claim's.
func factValue(f claim.Fact) string {
	return claim.FormatValue(claim.Claim{Value: f.Value, Unit: f.Unit})
}

// writeFacts renders facts in format; modality (may be nil) labels the
// facts that are not plain actual figures in the table.
func writeFacts(w io.Writer, format string, facts []claim.Fact, modality map[string]claim.Modality) error {
	switch format {
	case formatJSONL:
		return writeJSONL(w, facts)
	case formatCSV:
		cw := csv.NewWriter(w)
		cw.Write([]string{"key", "subject", "segment", "counterparty", "metric", "period", "basis", "unit", "value",
			"claims", "sources", "corroboration", "conflict"})
		for _, f := range facts {
			cw.Write([]string{f.Key, f.Subject, f.Segment, f.Counterparty, string(f.Metric), f.Period, f.Basis, f.Unit,
				num(f.Value), strconv.Itoa(f.Claims), strconv.Itoa(f.Sources), strconv.Itoa(f.Corroboration), strconv.FormatBool(f.Conflict)})
		}
		cw.Flush()
		return cw.Error()
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "SUBJECT\tCOUNTERPARTY\tMETRIC\tPERIOD\tMODALITY\tVALUE\tAGREE\tSOURCES\tCLAIMS\tCONFLICT\tKEY")
	for _, f := range facts {
		conflict := ""
		if f.Conflict {
			conflict = "yes"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%d\t%d\t%d\t%s\t%s\n",
			subjectCell(claim.Claim{Subject: f.Subject, Segment: f.Segment}), dash(f.Counterparty), f.Metric,
			dash(f.Period+basisSuffix(f.Basis)), dash(string(modality[f.Key])), factValue(f), f.Corroboration,
			f.Sources, f.Claims, conflict, f.Key)
	}
	return tw.Flush()
}

// progressBar draws a one-line progress bar on a terminal; elsewhere it is silent.
type progressBar struct {
	w       io.Writer
	on      bool
	total   int
	done    int
	drawn   time.Time
	started time.Time
}

func newProgress(w io.Writer, on bool, total int) *progressBar {
	return &progressBar{w: w, on: on, total: total, started: time.Now()}
}

// step counts one item done and redraws at most every 100ms (and at the end).
func (p *progressBar) step(label string) {
	p.done++
	if !p.on || (p.done < p.total && time.Since(p.drawn) < 100*time.Millisecond) {
		return
	}
	p.drawn = time.Now()
	const width = 30
	filled := width
	if p.total > 0 {
		filled = width * p.done / p.total
	}
	bar := strings.Repeat("=", filled) + strings.Repeat(" ", width-filled)
	fmt.Fprintf(p.w, "\r\033[K[%s] %d/%d %s", bar, p.done, p.total, clip(label, 40))
}

// finish clears the bar's line.
func (p *progressBar) finish() {
	if p.on && p.done > 0 {
		fmt.Fprint(p.w, "\r\033[K")
	}
}
