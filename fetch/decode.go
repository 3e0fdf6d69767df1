package fetch

import (
	"bytes"
	"mime"
	"net/http"
	"regexp"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html/charset"
)

// decode returns body as UTF-8 when it is HTML or plain text, with the name of
// the encoding it was decoded from. XML and JSON are returned as served: they
// declare their own encoding and their parsers read it.
//
// The encoding comes from the Content-Type header or a byte-order mark when
// they name one; otherwise a body that is valid UTF-8 is UTF-8, and anything
// else takes the page's <meta> charset or, failing that, windows-1252 (the
// WHATWG default for legacy pages).
func decode(body []byte, contentType string) ([]byte, string) {
	mt, _, _ := mime.ParseMediaType(contentType)
	if mt == "" {
		mt, _, _ = mime.ParseMediaType(http.DetectContentType(body))
	}
	isHTML := mt == "text/html" || mt == "application/xhtml+xml"
	if !isHTML && mt != "text/plain" {
		return body, ""
	}
	enc, name, certain := charset.DetermineEncoding(body, contentType)
	if !certain && utf8.Valid(body) {
		return body, "utf-8"
	}
	if name == "utf-8" || enc == nil {
		return bytes.ToValidUTF8(body, []byte("\uFFFD")), "utf-8"
	}
	out, err := enc.NewDecoder().Bytes(body)
	if err != nil {
		return bytes.ToValidUTF8(body, []byte("\uFFFD")), "utf-8"
	}
	if isHTML {
		out = relabel(out)
	}
	return out, name
}

// metaCharset matches a charset declaration inside a <meta> tag.
var metaCharset = regexp.MustCompile(`(?i)(<meta[^>]*?charset\s*=\s*["']?)([a-z0-9_.:-]+)`)

// relabel rewrites the <meta> charset declarations in the head of a page that
// has been decoded to UTF-8, so a reader that looks at the page again does not
// decode it a second time.
func relabel(page []byte) []byte {
	end := len(page)
	if i := bytes.Index(bytes.ToLower(page[:min(end, 8192)]), []byte("</head")); i >= 0 {
		end = i
	} else {
		end = min(end, 8192)
	}
	head := metaCharset.ReplaceAllFunc(page[:end], func(m []byte) []byte {
		sub := metaCharset.FindSubmatch(m)
		if strings.EqualFold(string(sub[2]), "utf-8") {
			return m
		}
		return append(append([]byte{}, sub[1]...), "utf-8"...)
	})
	return append(head, page[end:]...)
}
