package extractors

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/claimwire/claimwire/claim"
)

// DefaultMaxBytes is the size limit Read applies: larger input is refused with
// claim.ErrTooLarge rather than read.
const DefaultMaxBytes = 32 << 20

// Read sniffs raw (HTML or plain text, by content, never by name) and returns the
// document it holds. meta supplies what the page itself does not say (URL,
// published date, kind); values in meta win over the page's own. Input over
// DefaultMaxBytes fails with claim.ErrTooLarge, binary junk with claim.ErrBinary.
func Read(raw []byte, meta claim.Source) (claim.Document, error) {
	return ReadLimit(raw, meta, DefaultMaxBytes)
}

// ReadLimit is Read with a caller's size limit (max <= 0 means DefaultMaxBytes).
//
// Plain text is kept byte for byte (only invalid UTF-8 is replaced), so offsets
// into Document.Text are offsets into the input; its first line is the title.
func ReadLimit(raw []byte, meta claim.Source, max int) (claim.Document, error) {
	if max <= 0 {
		max = DefaultMaxBytes
	}
	if len(raw) > max {
		return claim.Document{}, fmt.Errorf("read: %d bytes over the %d-byte limit: %w", len(raw), max, claim.ErrTooLarge)
	}
	if isBinary(raw) {
		return claim.Document{}, fmt.Errorf("read: %w", claim.ErrBinary)
	}
	var doc claim.Document
	if IsHTML(raw) {
		doc = readHTML(raw, meta)
	} else {
		doc = readText(raw, meta)
	}
	if doc.Kind == "" {
		doc.Kind = claim.KindArticle
	}
	doc.ContentHash = claim.HashText(doc.Text)
	return doc, nil
}

func readText(raw []byte, meta claim.Source) claim.Document {
	text := string(raw)
	if !utf8.ValidString(text) {
		text = strings.ToValidUTF8(text, "\uFFFD")
	}
	doc := claim.Document{Source: meta, Text: text}
	if doc.Title == "" {
		line, _, _ := strings.Cut(strings.TrimPrefix(text, "\uFEFF"), "\n")
		line = strings.TrimSpace(line)
		if len(line) <= 300 {
			doc.Title = line
		}
	}
	return doc
}

// sniffLen is how much of the input the sniffers look at.
const sniffLen = 8 << 10

// isBinary reports input that is neither text nor HTML: NUL bytes, or mostly
// bytes that are invalid UTF-8 or control characters. Legacy 8-bit HTML passes
// (its charset decoder handles it); so does text with a few stray bytes.
func isBinary(raw []byte) bool {
	head := raw
	if len(head) > sniffLen {
		head = head[:sniffLen]
		// Do not count a rune cut at the end as invalid.
		for i := 0; i < utf8.UTFMax && len(head) > 0 && !utf8.RuneStart(raw[len(head)]); i++ {
			head = head[:len(head)-1]
		}
	}
	if bytes.IndexByte(head, 0) >= 0 {
		return true
	}
	bad := 0
	for i := 0; i < len(head); {
		r, n := utf8.DecodeRune(head[i:])
		switch {
		case r == utf8.RuneError && n == 1:
			bad++
		case r < 0x20 && r != '\n' && r != '\r' && r != '\t' && r != '\f':
			bad += 2
		}
		i += n
	}
	if bad == 0 {
		return false
	}
	if IsHTML(raw) {
		return bad*4 > len(head) // 8-bit charsets make many "invalid" bytes
	}
	return bad*10 > len(head)
}

// IsHTML reports whether raw looks like an HTML document (rather than text).
func IsHTML(raw []byte) bool {
	head := raw
	if len(head) > sniffLen {
		head = head[:sniffLen]
	}
	head = bytes.TrimPrefix(head, []byte("\xef\xbb\xbf"))
	head = bytes.TrimLeft(head, " \t\r\n\f")
	if len(head) == 0 || head[0] != '<' {
		return false
	}
	lower := bytes.ToLower(head)
	for _, tag := range htmlMarkers {
		if bytes.Contains(lower, []byte(tag)) {
			return true
		}
	}
	return false
}

var htmlMarkers = []string{
	"<!doctype html", "<html", "<head", "<body", "<meta", "<title", "<div", "<p>", "<p ",
	"<article", "<table", "<span", "<section", "<h1", "<h2", "<ul", "<br", "<a ",
}
