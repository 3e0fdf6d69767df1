package fetch_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"

	"github.com/claimwire/claimwire/claim"
	"github.com/claimwire/claimwire/fetch"
)

func ExampleParseFeed() {
	rss := `<rss version="2.0"><channel><title>Infra Daily</title>
<item><title>Nvidia sales hit $46.7 billion</title><link>/articles/nvidia.html</link>
<pubDate>Wed, 27 Aug 2025 08:00:00 +0000</pubDate></item></channel></rss>`
	links, err := fetch.ParseFeed([]byte(rss), "https://news.example.com/feed.xml")
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, l := range links {
		fmt.Println(l.URL, l.Published, l.Title)
	}
	// Output:
	// https://news.example.com/articles/nvidia.html 2025-08-27T08:00:00Z Nvidia sales hit $46.7 billion
}

func ExampleClient_Fetch() {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("ETag", `"v1"`)
		if r.Header.Get("If-None-Match") == `"v1"` {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		fmt.Fprint(w, "<p>Revenue was $5 billion.</p>")
	}))
	defer srv.Close()
	c := fetch.New(fetch.Options{UserAgent: "Claimwire/0.1 (ops@example.com)", AllowLoopback: true})

	first, err := c.Fetch(context.Background(), srv.URL+"/a", claim.URLState{})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(first.Status, first.ETag, string(first.Body))
	// The next fetch sends what the first returned: nothing has changed.
	again, err := c.Fetch(context.Background(), srv.URL+"/a", claim.URLState{ETag: first.ETag, ContentHash: first.Hash})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(again.Status, again.NotModified, again.Hash == first.Hash)
	// Output:
	// 200 "v1" <p>Revenue was $5 billion.</p>
	// 304 true true
}
