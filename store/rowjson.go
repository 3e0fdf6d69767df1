package store

import (
	"math"
	"strconv"
	"strings"
	"unicode/utf8"
)

// The bulk insert's JSON is written by hand rather than by encoding/json: the
// reflection-driven encoder was a fifth of the Go-side cost of a batch. The
// output decodes to the same values (invalid UTF-8 becomes U+FFFD, as with
// encoding/json); rowjson_test.go checks it against json.Marshal through
// SQLite's own JSON functions.

// encodeClaimRows returns rows as a JSON array for bulkInsertSQL.
func encodeClaimRows(rows []claimRow) string {
	var sb strings.Builder
	size := 2
	for i := range rows {
		r := &rows[i]
		size += 330 + len(r.ID) + len(r.Subject) + len(r.Canonical) + len(r.Segment) + len(r.Item) +
			len(r.Period) + len(r.Basis) + len(r.Attribution) + len(r.Counterparty) + len(r.Quote) + len(r.FactKey)
	}
	sb.Grow(size)
	var num []byte
	sb.WriteByte('[')
	for i := range rows {
		r := &rows[i]
		if i > 0 {
			sb.WriteByte(',')
		}
		for _, f := range [...]struct{ k, v string }{
			{`{"id":`, r.ID}, {`,"subject":`, r.Subject}, {`,"canonical":`, r.Canonical}, {`,"segment":`, r.Segment},
			{`,"metric":`, r.Metric}, {`,"unit":`, r.Unit}, {`,"item":`, r.Item}, {`,"qualifier":`, r.Qualifier},
			{`,"period":`, r.Period}, {`,"basis":`, r.Basis}, {`,"modality":`, r.Modality},
			{`,"attribution":`, r.Attribution}, {`,"counterparty":`, r.Counterparty}, {`,"quote":`, r.Quote},
			{`,"published":`, r.Published}, {`,"fact_key":`, r.FactKey},
		} {
			sb.WriteString(f.k)
			writeJSONString(&sb, f.v)
		}
		num = strconv.AppendInt(append(num[:0], `,"doc":`...), r.Doc, 10)
		num = appendJSONFloat(append(num, `,"value":`...), r.Value)
		num = append(num, `,"value_max":`...)
		if r.ValueMax == nil {
			num = append(num, "null"...)
		} else {
			num = appendJSONFloat(num, *r.ValueMax)
		}
		num = strconv.AppendInt(append(num, `,"span_start":`...), int64(r.SpanStart), 10)
		num = strconv.AppendInt(append(num, `,"span_end":`...), int64(r.SpanEnd), 10)
		sb.Write(append(num, '}'))
	}
	sb.WriteByte(']')
	return sb.String()
}

// appendJSONFloat formats a finite f as encoding/json does, so SQLite reads
// the same integer or real from it.
func appendJSONFloat(b []byte, f float64) []byte {
	format := byte('f')
	if abs := math.Abs(f); abs != 0 && (abs < 1e-6 || abs >= 1e21) {
		format = 'e'
	}
	b = strconv.AppendFloat(b, f, format, -1, 64)
	if n := len(b); format == 'e' && n >= 4 && b[n-4] == 'e' && b[n-3] == '-' && b[n-2] == '0' {
		b[n-2] = b[n-1] // e-07 → e-7
		b = b[:n-1]
	}
	return b
}

const hexDigits = "0123456789abcdef"

// writeJSONString writes s as a JSON string literal.
func writeJSONString(sb *strings.Builder, s string) {
	sb.WriteByte('"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' {
				i++
				continue
			}
			sb.WriteString(s[start:i])
			switch c {
			case '"', '\\':
				sb.WriteByte('\\')
				sb.WriteByte(c)
			case '\n':
				sb.WriteString(`\n`)
			case '\r':
				sb.WriteString(`\r`)
			case '\t':
				sb.WriteString(`\t`)
			default:
				sb.WriteString(`\u00`)
				sb.WriteByte(hexDigits[c>>4])
				sb.WriteByte(hexDigits[c&0xf])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			sb.WriteString(s[start:i])
			sb.WriteString(`\ufffd`)
			i++
			start = i
			continue
		}
		i += size
	}
	sb.WriteString(s[start:])
	sb.WriteByte('"')
}
