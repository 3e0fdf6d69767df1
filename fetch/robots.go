package fetch

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/temoto/robotstxt"
	"golang.org/x/time/rate"
)

// robotsMaxBytes caps robots.txt (Google reads 500 KiB).
const robotsMaxBytes = 512 << 10

// robotsRetryTTL is how long a robots.txt that could not be read (a 5xx, which
// disallows everything for now) is kept before asking again.
const robotsRetryTTL = 10 * time.Minute

// host is what the client keeps per origin: its rate limiter and robots.txt.
// mu serialises the robots.txt fetch so concurrent workers ask for it once.
type host struct {
	limiter *rate.Limiter

	mu        sync.Mutex
	robots    *robotstxt.Group
	expires   time.Time
	edgar     bool
	baseLimit rate.Limit
}

// hostFor returns the state of u's origin, creating it on first use.
func (c *Client) hostFor(u *url.URL) *host {
	key := u.Scheme + "://" + u.Host
	c.mu.Lock()
	defer c.mu.Unlock()
	h := c.hosts[key]
	if h == nil {
		h = &host{edgar: c.isEDGAR(u), baseLimit: c.opts.HostRate}
		if h.edgar { // EDGAR's own shared limit governs its hosts
			h.baseLimit = rate.Inf
		}
		h.limiter = rate.NewLimiter(h.baseLimit, c.opts.HostBurst)
		c.hosts[key] = h
	}
	return h
}

// isEDGAR reports whether u counts against the shared EDGAR limit.
func (c *Client) isEDGAR(u *url.URL) bool {
	name := strings.ToLower(u.Hostname())
	if name == "sec.gov" || strings.HasSuffix(name, ".sec.gov") {
		return true
	}
	for _, h := range c.opts.EDGARHosts {
		h = strings.ToLower(h)
		if h == strings.ToLower(u.Host) || h == name {
			return true
		}
	}
	return false
}

// admit returns when u may be requested: robots.txt allows it and both the
// host's and (for EDGAR) the shared limiter have a token.
func (c *Client) admit(ctx context.Context, u *url.URL) error {
	h := c.hostFor(u)
	if !c.opts.IgnoreRobots {
		g, err := c.robotsGroup(ctx, u, h)
		if err != nil {
			return err
		}
		path := u.EscapedPath()
		if u.RawQuery != "" {
			path += "?" + u.RawQuery
		}
		if !g.Test(path) {
			return fmt.Errorf("%s: %w", u, ErrDisallowed)
		}
	}
	return c.wait(ctx, h)
}

func (c *Client) wait(ctx context.Context, h *host) error {
	if err := h.limiter.Wait(ctx); err != nil {
		return fmt.Errorf("rate limit: %w", err)
	}
	if h.edgar {
		if err := c.edgar.Wait(ctx); err != nil {
			return fmt.Errorf("edgar rate limit: %w", err)
		}
	}
	return nil
}

// robotsGroup returns the robots.txt rules for our agent on u's origin,
// fetching robots.txt when it is missing or stale. A 4xx allows everything, a
// 5xx disallows everything for robotsRetryTTL; a network error is returned.
func (c *Client) robotsGroup(ctx context.Context, u *url.URL, h *host) (*robotstxt.Group, error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	now := c.opts.Now()
	if h.robots != nil && now.Before(h.expires) {
		return h.robots, nil
	}
	status, body, err := c.fetchRobots(ctx, u, h)
	if err != nil {
		return nil, fmt.Errorf("robots.txt of %s: %w", u.Host, err)
	}
	data, err := robotstxt.FromStatusAndBytes(status, body)
	if err != nil {
		data, _ = robotstxt.FromStatusAndBytes(http.StatusNotFound, nil) // unreadable rules: none
	}
	h.robots = data.FindGroup(c.opts.UserAgent)
	h.expires = now.Add(c.opts.RobotsTTL)
	if status >= 500 {
		h.robots = disallowAll
		h.expires = now.Add(robotsRetryTTL)
	}
	c.applyCrawlDelay(h, h.robots.CrawlDelay)
	return h.robots, nil
}

// disallowAll is the group used while a host's robots.txt answers 5xx.
var disallowAll = func() *robotstxt.Group {
	d, _ := robotstxt.FromString("User-agent: *\nDisallow: /\n")
	return d.FindGroup("*")
}()

// applyCrawlDelay slows the host's limiter to the robots.txt Crawl-delay, capped.
func (c *Client) applyCrawlDelay(h *host, d time.Duration) {
	if d <= 0 {
		h.limiter.SetLimit(h.baseLimit)
		return
	}
	d = min(d, c.opts.MaxCrawlDelay)
	if lim := rate.Every(d); lim < h.baseLimit {
		h.limiter.SetLimit(lim)
	}
}

// fetchRobots gets /robots.txt of u's origin through the same guarded client
// (redirects followed, politeness applied to the request itself).
func (c *Client) fetchRobots(ctx context.Context, u *url.URL, h *host) (int, []byte, error) {
	if err := c.wait(ctx, h); err != nil {
		return 0, nil, err
	}
	ctx, cancel := context.WithTimeout(ctx, c.opts.Timeout)
	defer cancel()
	ru := url.URL{Scheme: u.Scheme, Host: u.Host, Path: "/robots.txt"}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, ru.String(), nil)
	if err != nil {
		return 0, nil, err
	}
	req.Header.Set("User-Agent", c.opts.UserAgent)
	client := &http.Client{Transport: c.http.Transport, CheckRedirect: func(_ *http.Request, via []*http.Request) error {
		if len(via) > MaxRedirects {
			return ErrRedirects
		}
		return nil
	}}
	resp, err := client.Do(req)
	if err != nil {
		return 0, nil, err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, robotsMaxBytes))
	if err != nil {
		return 0, nil, err
	}
	return resp.StatusCode, body, nil
}
