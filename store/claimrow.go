package store

import (
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/claimwire/claimwire/claim"
)

// A claim row is read as six columns rather than twenty-six: its numbers,
// and its twenty-one text fields as one JSON array that SQLite builds
// (json_array, in packedFields order). The driver makes a Go string and an
// interface value for every column of every row, so a page of fifty claims
// cost over a thousand allocations and the garbage collector was a quarter
// of an API request's CPU time; now the text is one string per row and the
// fields are slices of it (a field SQLite had to escape is copied). json_array
// rather than length-prefixed concatenation, because SQLite prepares one
// function call over the columns about as fast as the plain column list,
// and the statement is prepared on every request.

// packedFields are the text fields of a claim row, in packing order.
var packedFields = []string{
	"c.published", "c.id", "c.subject", "c.segment", "c.metric", "c.unit", "c.item", "c.qualifier",
	"c.period", "c.basis", "c.modality", "c.attribution", "c.counterparty", "c.quote",
	"d.url", "d.title", "d.published", "d.kind", "d.form", "d.cik", "d.accession",
}

// claimCols selects a claim from claims c joined with documents d, for
// scanClaim.
var claimCols = "c.seq, c.value, c.value_max, c.span_start, c.span_end, json_array(" +
	strings.Join(packedFields, ", ") + ")"

// position is where a claim sorts in FindClaims: its published day and seq.
type position struct {
	day string
	seq int64
}

func scanClaim(s interface{ Scan(...any) error }) (claim.Claim, position, error) {
	return newClaimScanner().scan(s)
}

// claimScanner scans claim rows into destinations it keeps from row to row.
// Scan takes pointers through interfaces, so a row's locals passed to it
// escape: five allocations per row, most of a listing's, before the
// driver's own. One scanner per query makes them once.
type claimScanner struct {
	seq, span0, span1 int64
	value             float64
	vmax              sql.NullFloat64
	packed            string
	dest              [6]any
}

func newClaimScanner() *claimScanner {
	s := new(claimScanner)
	s.dest = [6]any{&s.seq, &s.value, &s.vmax, &s.span0, &s.span1, &s.packed}
	return s
}

func (s *claimScanner) scan(r interface{ Scan(...any) error }) (claim.Claim, position, error) {
	var c claim.Claim
	var p position
	if err := r.Scan(s.dest[:]...); err != nil {
		return c, p, err
	}
	p.seq, c.Value, c.Span = s.seq, s.value, [2]int{int(s.span0), int(s.span1)}
	if s.vmax.Valid {
		vmax := s.vmax.Float64
		c.ValueMax = &vmax
	}
	var f [21]string
	if err := unpack(s.packed, f[:]); err != nil {
		return c, p, fmt.Errorf("claim row %d: %w", p.seq, err)
	}
	p.day, c.ID, c.Subject, c.Segment = f[0], f[1], f[2], f[3]
	c.Metric, c.Unit, c.Item, c.Qualifier = claim.Metric(f[4]), f[5], f[6], claim.Qualifier(f[7])
	c.Period, c.Basis, c.Modality, c.Attribution = f[8], f[9], claim.Modality(f[10]), f[11]
	c.Counterparty, c.Quote = f[12], f[13]
	c.Source = claim.Source{URL: f[14], Title: f[15], Published: f[16], Kind: f[17], Form: f[18], CIK: f[19], Accession: f[20]}
	if c.Source.Published == "" {
		c.Source.Published = p.day
	}
	return c, p, nil
}

// unpack reads a JSON array of exactly len(fields) strings, as json_array
// writes it, into fields.
func unpack(packed string, fields []string) error {
	if len(packed) < 2 || packed[0] != '[' {
		return fmt.Errorf("packed row: want a JSON array, got %.20q", packed)
	}
	i := 1
	for k := range fields {
		if k > 0 {
			if i >= len(packed) || packed[i] != ',' {
				return fmt.Errorf("packed row: field %d missing", k)
			}
			i++
		}
		if i >= len(packed) || packed[i] != '"' {
			return fmt.Errorf("packed row: field %d is not a string", k)
		}
		i++
		end := strings.IndexAny(packed[i:], `"\`)
		if end < 0 {
			return fmt.Errorf("packed row: field %d unterminated", k)
		}
		if packed[i+end] == '"' { // nothing escaped: a slice of the row
			fields[k] = packed[i : i+end]
			i += end + 1
			continue
		}
		var err error
		if fields[k], i, err = unescape(packed, i); err != nil {
			return fmt.Errorf("packed row: field %d: %w", k, err)
		}
	}
	if i != len(packed)-1 || packed[i] != ']' {
		return fmt.Errorf("packed row: %d bytes after field %d", len(packed)-i, len(fields)-1)
	}
	return nil
}

// unescape reads a JSON string body from s[i:] up to its closing quote and
// returns it with the index after the quote.
func unescape(s string, i int) (string, int, error) {
	var b []byte
	for i < len(s) {
		c := s[i]
		switch {
		case c == '"':
			return string(b), i + 1, nil
		case c != '\\':
			b = append(b, c)
			i++
			continue
		case i+1 >= len(s):
			return "", 0, errors.New("escape at the end")
		}
		e := s[i+1]
		i += 2
		switch e {
		case '"', '\\', '/':
			b = append(b, e)
		case 'b':
			b = append(b, '\b')
		case 'f':
			b = append(b, '\f')
		case 'n':
			b = append(b, '\n')
		case 'r':
			b = append(b, '\r')
		case 't':
			b = append(b, '\t')
		case 'u':
			r, n, ok := hexRune(s[i:])
			if !ok {
				return "", 0, errors.New("bad \\u escape")
			}
			b = utf8.AppendRune(b, r)
			i += n
		default:
			return "", 0, fmt.Errorf("unknown escape \\%c", e)
		}
	}
	return "", 0, errors.New("unterminated")
}

// hexRune reads the XXXX of a \uXXXX escape (a surrogate pair's second
// half included) and returns the rune and the bytes read.
func hexRune(s string) (rune, int, bool) {
	if len(s) < 4 {
		return 0, 0, false
	}
	v, err := strconv.ParseUint(s[:4], 16, 16)
	if err != nil {
		return 0, 0, false
	}
	r := rune(v)
	if utf16.IsSurrogate(r) && len(s) >= 10 && s[4] == '\\' && s[5] == 'u' {
		if lo, err := strconv.ParseUint(s[6:10], 16, 16); err == nil {
			if pair := utf16.DecodeRune(r, rune(lo)); pair != utf8.RuneError {
				return pair, 10, true
			}
		}
	}
	return r, 4, true
}
