package web

import (
	"math"
	"strconv"
	"sync"
	"unicode/utf8"

	"github.com/claimwire/claimwire/claim"
)

// The claims listing is the API's hottest answer, so its JSON is appended by
// hand into a pooled buffer instead of going through encoding/json's
// reflection: the bytes are exactly those json.Encoder (SetEscapeHTML(false))
// writes for struct{Claims []claimView; Next string}, which
// claimsjson_test.go checks against encoding/json over awkward values.

// bufPool holds response buffers; oversized ones are dropped, not kept.
var bufPool = sync.Pool{New: func() any { b := make([]byte, 0, 64<<10); return &b }}

const maxPooledBuf = 1 << 20

// appendClaimsPage appends {"claims":[...],"next":...} and a newline.
func appendClaimsPage(b []byte, claims []claim.Claim, next string) []byte {
	b = append(b, `{"claims":[`...)
	for i := range claims {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendClaimView(b, &claims[i])
	}
	b = append(b, ']')
	if next != "" {
		b = append(b, `,"next":`...)
		b = appendString(b, next)
	}
	return append(b, "}\n"...)
}

// appendClaimView appends one claimView: the claim's fields in declaration
// order, empty omitempty fields left out, then display.
func appendClaimView(b []byte, c *claim.Claim) []byte {
	b = appendString(append(b, `{"id":`...), c.ID)
	b = appendString(append(b, `,"subject":`...), c.Subject)
	b = appendOptional(b, `,"segment":`, c.Segment)
	b = appendString(append(b, `,"metric":`...), string(c.Metric))
	b = appendFloat(append(b, `,"value":`...), c.Value)
	if c.ValueMax != nil {
		b = appendFloat(append(b, `,"value_max":`...), *c.ValueMax)
	}
	b = appendString(append(b, `,"unit":`...), c.Unit)
	b = appendOptional(b, `,"item":`, c.Item)
	b = appendString(append(b, `,"qualifier":`...), string(c.Qualifier))
	b = appendOptional(b, `,"period":`, c.Period)
	b = appendOptional(b, `,"basis":`, c.Basis)
	b = appendString(append(b, `,"modality":`...), string(c.Modality))
	b = appendOptional(b, `,"attribution":`, c.Attribution)
	b = appendOptional(b, `,"counterparty":`, c.Counterparty)
	b = appendString(append(b, `,"quote":`...), c.Quote)
	b = strconv.AppendInt(append(b, `,"span":[`...), int64(c.Span[0]), 10)
	b = strconv.AppendInt(append(b, ','), int64(c.Span[1]), 10)
	s := &c.Source
	b = appendString(append(b, `],"source":{"url":`...), s.URL)
	b = appendOptional(b, `,"title":`, s.Title)
	b = appendOptional(b, `,"published":`, s.Published)
	b = appendOptional(b, `,"kind":`, s.Kind)
	b = appendOptional(b, `,"form":`, s.Form)
	b = appendOptional(b, `,"cik":`, s.CIK)
	b = appendOptional(b, `,"accession":`, s.Accession)
	b = appendString(append(b, `},"display":`...), claim.FormatValue(*c))
	return append(b, '}')
}

func appendOptional(b []byte, key, v string) []byte {
	if v == "" {
		return b
	}
	return appendString(append(b, key...), v)
}

// appendFloat formats f as encoding/json does. encoding/json refuses NaN and
// infinities (the whole answer fails); here they become null.
func appendFloat(b []byte, f float64) []byte {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return append(b, "null"...)
	}
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

// appendString appends s as a JSON string the way encoding/json does without
// HTML escaping: control characters escaped, invalid UTF-8 as \ufffd, and
// U+2028 and U+2029 escaped for JavaScript.
func appendString(b []byte, s string) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xf])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(append(b, s[start:i]...), `\ufffd`...)
			i++
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			b = append(append(b, s[start:i]...), '\\', 'u', '2', '0', '2', hexDigits[r&0xf])
			i += size
			start = i
			continue
		}
		i += size
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}
