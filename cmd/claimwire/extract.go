package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/claimwire/claimwire/claim"
	"github.com/claimwire/claimwire/extractors"
	"github.com/claimwire/claimwire/extractors/scan"
)

// runExtract prints the claims (or, with --figures, every scanner figure) of
// one HTML or text document.
func runExtract(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet("extract", e)
	format := fs.String("format", "", "output format: jsonl or table (default: table on a terminal, else jsonl)")
	url := fs.String("url", "", "source URL of the document (default: the file's file:// URL)")
	published := fs.String("published", "", "published date, YYYY-MM-DD (default: from the page)")
	kind := fs.String("kind", "", "document kind: article, press_release, filing, feed_item")
	figures := fs.Bool("figures", false, "print every figure the scanner finds instead of claims")
	maxBytes := fs.Int("max-bytes", extractors.DefaultMaxBytes, "refuse input larger than this many bytes")
	pos, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 1 {
		return usageError{"extract takes one FILE (or - for stdin)"}
	}
	if *published != "" && !validDate(*published) {
		return usageError{fmt.Sprintf("--published %q: want YYYY-MM-DD or RFC 3339", *published)}
	}
	switch *format {
	case "":
		*format = "jsonl"
		if e.isTerminal {
			*format = "table"
		}
	case "jsonl", "table":
	default:
		return usageError{fmt.Sprintf("unknown --format %q (want jsonl or table)", *format)}
	}
	name := "-"
	if len(pos) == 1 {
		name = pos[0]
	}
	raw, err := readDocInput(e, name, *maxBytes)
	if err != nil {
		return err
	}
	if *url == "" && name != "-" {
		*url = fileURL(name) // as ingest names a file, so the ids agree
	}
	doc, err := extractors.ReadLimit(raw, claim.Source{URL: *url, Published: *published, Kind: *kind}, *maxBytes)
	if err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	w := bufio.NewWriterSize(e.stdout, 64<<10)
	if *figures {
		err = writeFigures(w, doc.Text)
	} else {
		claims := extractors.Extract(doc)
		if *format == "table" {
			err = writeClaimTable(w, claims)
		} else {
			err = writeClaimsJSONL(w, claims)
		}
	}
	if err != nil {
		return err
	}
	return w.Flush()
}

// readDocInput reads a file or stdin ("-"), refusing more than max bytes
// without reading them all.
func readDocInput(e *env, name string, max int) ([]byte, error) {
	if max <= 0 {
		max = extractors.DefaultMaxBytes
	}
	var r io.Reader = e.stdin
	if name != "-" {
		f, err := os.Open(name)
		if err != nil {
			return nil, fmt.Errorf("open %s: %w", name, extractPathErr(err))
		}
		defer f.Close()
		if st, err := f.Stat(); err == nil && st.IsDir() {
			return nil, fmt.Errorf("read %s: is a directory", name)
		}
		r = f
	}
	raw, err := io.ReadAll(io.LimitReader(r, int64(max)+1))
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", name, err)
	}
	if len(raw) > max {
		return nil, fmt.Errorf("%s: over the %d-byte limit (--max-bytes): %w", name, max, claim.ErrTooLarge)
	}
	return raw, nil
}

// unwrapPath drops the path an *os.PathError repeats.
func extractPathErr(err error) error {
	if pe, ok := err.(*os.PathError); ok {
		return pe.Err
	}
	return err
}

func writeClaimsJSONL(w io.Writer, claims []claim.Claim) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	for _, c := range claims {
		if err := enc.Encode(c); err != nil {
			return fmt.Errorf("write: %w", err)
		}
	}
	return nil
}

func writeClaimTable(w io.Writer, claims []claim.Claim) error {
	if len(claims) == 0 {
		return nil
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "SUBJECT\tSEGMENT\tMETRIC\tVALUE\tQUALIFIER\tPERIOD\tBASIS\tMODALITY\tFIGURE")
	for _, c := range claims {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", extractCell(c.Subject, 24), extractCell(c.Segment, 24),
			c.Metric, claim.FormatValue(c), c.Qualifier, extractDash(c.Period), extractDash(c.Basis), c.Modality, extractCell(c.Figure(), 40))
	}
	return tw.Flush()
}

func extractDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// cell makes a table cell: one line, at most n runes.
func extractCell(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > n {
		s = string(r[:n-1]) + "…"
	}
	return extractDash(s)
}

// figureJSON is one line of --figures output.
type figureJSON struct {
	Text      string   `json:"text"`
	Start     int      `json:"start"`
	End       int      `json:"end"`
	Value     float64  `json:"value"`
	ValueMax  *float64 `json:"value_max,omitempty"`
	Unit      string   `json:"unit"`
	Item      string   `json:"item,omitempty"`
	Qualifier string   `json:"qualifier"`
}

func writeFigures(w io.Writer, text string) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	var s scan.Scanner
	s.Init(text)
	for {
		f, ok := s.Next()
		if !ok {
			return nil
		}
		fj := figureJSON{Text: f.Text(text), Start: f.Start, End: f.End, Value: f.Value, Unit: f.Unit, Item: f.Item, Qualifier: f.Qualifier}
		if fj.Unit == "" {
			fj.Unit = claim.Count
		}
		if fj.Qualifier == "" {
			fj.Qualifier = string(claim.Exact)
		}
		if f.HasMax {
			v := f.ValueMax
			fj.ValueMax = &v
		}
		if err := enc.Encode(fj); err != nil {
			return fmt.Errorf("write: %w", err)
		}
	}
}

// validDate accepts YYYY-MM-DD and RFC 3339 timestamps.
func validDate(s string) bool {
	if _, err := time.Parse("2006-01-02", s); err == nil {
		return true
	}
	_, err := time.Parse(time.RFC3339, s)
	return err == nil
}
