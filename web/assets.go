package web

import (
	"embed"
	"net/http"
)

// assets is the explorer page: plain HTML, CSS and JavaScript, no build step.
//
//go:embed assets
var assets embed.FS

// serveIndex serves the page with headers that keep it from being framed and
// from loading anything but its own files.
func serveIndex(w http.ResponseWriter, r *http.Request) {
	page, err := assets.ReadFile("assets/index.html")
	if err != nil {
		http.Error(w, "page missing from build", http.StatusInternalServerError)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "no-referrer")
	_, _ = w.Write(page)
}
