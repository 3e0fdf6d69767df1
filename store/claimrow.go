package store

import (
	"database/sql"
	"fmt"
	"strconv"
	"strings"

	"github.com/claimwire/claimwire/claim"
)

// A claim row is read as six columns rather than twenty-six: its numbers,
// and its twenty-one text fields packed by SQLite into one value of
// length-prefixed pieces ("<bytes>:<text>", in packedFields order). The
// driver makes a Go string and an interface value for every column of every
// row, so a page of fifty claims cost over a thousand allocations, and the
// garbage collector was a quarter of an API request's CPU time; now the text
// is one string per row and the fields are slices of it. Lengths are counted
// in bytes (octet_length) and || keeps every byte, NULs included.

// packedFields are the text fields of a claim row, in packing order.
var packedFields = []string{
	"c.published", "c.id", "c.subject", "c.segment", "c.metric", "c.unit", "c.item", "c.qualifier",
	"c.period", "c.basis", "c.modality", "c.attribution", "c.counterparty", "c.quote",
	"d.url", "d.title", "d.published", "d.kind", "d.form", "d.cik", "d.accession",
}

// claimCols selects a claim from claims c joined with documents d, for
// scanClaim.
var claimCols = func() string {
	parts := make([]string, len(packedFields))
	for i, f := range packedFields {
		parts[i] = "octet_length(" + f + ") || ':' || " + f
	}
	return "c.seq, c.value, c.value_max, c.span_start, c.span_end, " + strings.Join(parts, " || ")
}()

// position is where a claim sorts in FindClaims: its published day and seq.
type position struct {
	day string
	seq int64
}

func scanClaim(s interface{ Scan(...any) error }) (claim.Claim, position, error) {
	var c claim.Claim
	var p position
	var vmax sql.NullFloat64
	var packed string
	if err := s.Scan(&p.seq, &c.Value, &vmax, &c.Span[0], &c.Span[1], &packed); err != nil {
		return c, p, err
	}
	if vmax.Valid {
		c.ValueMax = &vmax.Float64
	}
	var f [21]string
	if err := unpack(packed, f[:]); err != nil {
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

// unpack splits a packed row into exactly len(fields) pieces.
func unpack(packed string, fields []string) error {
	rest := packed
	for i := range fields {
		colon := strings.IndexByte(rest, ':')
		if colon < 0 {
			return fmt.Errorf("packed text ends before field %d", i)
		}
		n, err := strconv.Atoi(rest[:colon])
		if err != nil || n < 0 || n > len(rest)-colon-1 {
			return fmt.Errorf("packed text: bad length %q of field %d", rest[:colon], i)
		}
		fields[i] = rest[colon+1 : colon+1+n]
		rest = rest[colon+1+n:]
	}
	if rest != "" {
		return fmt.Errorf("packed text: %d bytes after the last field", len(rest))
	}
	return nil
}
