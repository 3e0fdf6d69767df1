package fetch_test

import (
	"net/http"
	"strings"
	"testing"

	"golang.org/x/text/encoding/charmap"

	"github.com/claimwire/claimwire/claim"
	"github.com/claimwire/claimwire/fetch"
)

func TestCharsetDecoding(t *testing.T) {
	text := "Café revenue: €4.2 million — up 12%"
	cp1252, err := charmap.Windows1252.NewEncoder().String(text)
	if err != nil {
		t.Fatal(err)
	}
	metaPage := `<html><head><meta charset="windows-1252"><title>x</title></head><body><p>` + cp1252 + `</p></body></html>`
	httpEquiv := `<html><head><meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1"></head><body><p>` + cp1252 + `</p></body></html>`
	tests := []struct {
		name, contentType, body string
		want, charset           string
	}{
		{"header names it", "text/html; charset=windows-1252", "<p>" + cp1252 + "</p>", text, "windows-1252"},
		{"meta names it", "text/html", metaPage, text, "windows-1252"},
		{"http-equiv names it", "text/html", httpEquiv, text, "windows-1252"},
		{"sniffed legacy bytes", "text/html", "<p>" + cp1252 + "</p>", text, "windows-1252"},
		{"utf-8 undeclared", "text/html", "<p>" + text + "</p>", text, "utf-8"},
		{"plain text header", "text/plain; charset=windows-1252", cp1252, text, "windows-1252"},
		{"no content type", "", "<html><body><p>" + cp1252 + "</p></body></html>", text, "windows-1252"},
		// Near miss: XML is left alone, its parser reads its own declaration.
		{"xml untouched", "application/xml", `<?xml version="1.0" encoding="windows-1252"?><a>` + cp1252 + `</a>`, cp1252, ""},
	}
	for _, tt := range tests {
		s := newServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Header()["Content-Type"] = []string{tt.contentType}
			w.Write([]byte(tt.body))
		}))
		r, err := fetch.New(testOptions()).Fetch(t.Context(), s.URL+"/page", claim.URLState{})
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if !strings.Contains(string(r.Body), tt.want) || r.Charset != tt.charset {
			t.Errorf("%s: charset %q body %q", tt.name, r.Charset, r.Body)
		}
		if r.Charset == "windows-1252" && strings.Contains(strings.ToLower(string(r.Body)), "charset=iso-8859-1") {
			t.Errorf("%s: decoded page still declares its old charset: %q", tt.name, r.Body)
		}
	}
}
