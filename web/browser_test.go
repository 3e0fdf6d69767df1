package web_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"github.com/claimwire/claimwire/claim"
	"github.com/claimwire/claimwire/web"
)

const chromiumPath = "/usr/bin/chromium"

// browser starts headless Chromium with a fresh profile and returns a tab
// context, or skips the test when Chromium is not installed.
func browser(t *testing.T) context.Context {
	t.Helper()
	if _, err := os.Stat(chromiumPath); err != nil {
		t.Skipf("browser test skipped: %s not found (apt-get install -y chromium chromium-driver)", chromiumPath)
	}
	if testing.Short() {
		t.Skip("browser test skipped in -short mode")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	t.Cleanup(cancel)
	actx, acancel := chromedp.NewExecAllocator(ctx,
		chromedp.ExecPath(chromiumPath),
		chromedp.Flag("headless", true),
		chromedp.Flag("no-sandbox", true),
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("no-first-run", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1280, 1000),
	)
	t.Cleanup(acancel)
	tab, tcancel := chromedp.NewContext(actx)
	t.Cleanup(tcancel)
	return tab
}

// artifactDir is where screenshots go: $CLAIMWIRE_ARTIFACTS, else a temp dir.
func artifactDir(t *testing.T) string {
	if dir := os.Getenv("CLAIMWIRE_ARTIFACTS"); dir != "" {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		return dir
	}
	return t.TempDir()
}

func screenshot(t *testing.T, ctx context.Context, dir, name string) {
	t.Helper()
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatalf("screenshot %s: %v", name, err)
	}
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, png, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshot: %s", path)
}

// waitFor polls a JavaScript predicate until it is true, failing with what it
// waited for.
func waitFor(t *testing.T, ctx context.Context, what, js string) {
	t.Helper()
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](js, chromedp.WithPollingTimeout(20*time.Second))); err != nil {
		t.Fatalf("waiting for %s: %v", what, err)
	}
}

func eval[T any](t *testing.T, ctx context.Context, js string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](js))
	if err != nil {
		t.Fatalf("%s: %v", js, err)
	}
	return v
}

func TestBrowser(t *testing.T) {
	if _, err := os.Stat(chromiumPath); err != nil {
		t.Skipf("browser test skipped: %s not found (apt-get install -y chromium chromium-driver)", chromiumPath)
	}
	db, all := openFixtureStore(t)
	events := newFakeEvents()
	srv := newTestServer(t, db, web.Options{Events: events})
	// The browser starts after the server so that it is stopped first: its
	// open event stream would otherwise keep the server's Close waiting.
	ctx := browser(t)
	dir := artifactDir(t)

	var mu sync.Mutex
	var jsErrors []string
	if err := chromedp.Listen(ctx, func(ev any) {
		if e, ok := ev.(*runtime.EventExceptionThrown); ok {
			mu.Lock()
			d := e.ExceptionDetails
			msg := fmt.Sprintf("%s at %s:%d", d.Text, d.URL, d.LineNumber+1)
			if d.Exception != nil {
				msg += ": " + d.Exception.Description
			}
			jsErrors = append(jsErrors, msg)
			mu.Unlock()
		}
	}); err != nil {
		t.Fatal(err)
	}

	// Load the page, then filter to AWS + revenue_run_rate with the form.
	if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/"), chromedp.WaitVisible(chromedp.CSS("#claims tbody tr"))); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, "the metric list", `document.querySelector('#f-metric option[value="revenue_run_rate"]') !== null`)
	if err := chromedp.Do(ctx,
		chromedp.SendKeys(chromedp.ID("f-subject"), "AWS"),
		chromedp.SetValue(chromedp.ID("f-metric"), "revenue_run_rate"),
		chromedp.Click(chromedp.CSS(`#filters button[type="submit"]`)),
	); err != nil {
		t.Fatal(err)
	}
	var runRate []claim.Claim
	for _, c := range all {
		if c.Subject == "AWS" && c.Metric == claim.RevenueRunRate {
			runRate = append(runRate, c)
		}
	}
	want := len(runRate)
	waitFor(t, ctx, fmt.Sprintf("%d AWS run-rate rows", want), fmt.Sprintf(`(() => {
		const rows = [...document.querySelectorAll('#claims tbody tr')];
		return rows.length === %d && rows.every(r => r.cells[1].textContent === 'AWS' && r.cells[2].textContent === 'revenue run rate');
	})()`, want))
	if h := eval[string](t, ctx, `location.hash`); !strings.Contains(h, "subject=AWS") || !strings.Contains(h, "metric=revenue_run_rate") {
		t.Errorf("location.hash %q: the filters should be in the URL", h)
	}

	// The timeline draws one point per claim, one of them marked as a conflict.
	waitFor(t, ctx, fmt.Sprintf("%d timeline points", want),
		fmt.Sprintf(`document.querySelectorAll('#timeline svg circle.point').length === %d`, want))
	if n := eval[int](t, ctx, `document.querySelectorAll('#timeline svg circle.conflict-ring').length`); n != 1 {
		t.Errorf("%d conflict marks on the timeline, want 1", n)
	}
	if n := eval[int](t, ctx, `new Set([...document.querySelectorAll('#timeline circle.point')].map(c => c.getAttribute('fill'))).size`); n < 3 {
		t.Errorf("%d point colours, want one per source (at least 3)", n)
	}
	screenshot(t, ctx, dir, "explorer.png")

	// Open the conflicting claim: its quote has multi-byte characters before
	// the figure, so a UTF-16/byte mix-up would highlight the wrong words.
	var target claim.Claim
	for _, c := range runRate {
		if strings.Contains(c.Quote, "Cloud Brief’s") {
			target = c
		}
	}
	if err := chromedp.Do(ctx,
		chromedp.Click(chromedp.CSS(fmt.Sprintf(`#claims tr[data-id=%q] td.num a`, target.ID))),
		chromedp.WaitVisible(chromedp.CSS("#claim-quote mark")),
	); err != nil {
		t.Fatal(err)
	}
	if got := eval[string](t, ctx, `document.querySelector('#claim-quote mark').textContent`); got != "$20 billion" {
		t.Errorf("highlighted %q, want $20 billion", got)
	}
	if got := eval[string](t, ctx, `document.querySelector('#claim-quote').textContent`); got != target.Quote {
		t.Errorf("quote %q, want %q", got, target.Quote)
	}
	waitFor(t, ctx, "the fact with both sides", `document.querySelectorAll('#fact-agreeing li a').length >= 2 &&
		document.querySelector('#fact-conflicting').textContent.includes('$20.0B')`)
	waitFor(t, ctx, "the claim's timeline", fmt.Sprintf(`document.querySelectorAll('#claim-timeline circle.point').length === %d &&
		document.querySelectorAll('#claim-timeline circle.point.current').length === 1`, want))
	if href := eval[string](t, ctx, `document.querySelector('#claim-source a').href`); href != target.Source.URL {
		t.Errorf("source link %q, want %q", href, target.Source.URL)
	}
	screenshot(t, ctx, dir, "claim.png")

	// A new figure published on the bus appears in the live panel.
	select {
	case <-events.watching:
	case <-time.After(20 * time.Second):
		t.Fatal("the page never opened /api/events")
	}
	waitFor(t, ctx, "the live feed to connect", `document.querySelector('#live-status').textContent.startsWith('Listening')`)
	fresh := liveClaim("AWS", claim.RevenueRunRate, 21e9)
	seq := events.publish(fresh)
	waitFor(t, ctx, "the new figure in the live panel", fmt.Sprintf(`(() => {
		const li = document.querySelector('#live-list li');
		return li !== null && li.dataset.id === %q && li.textContent.includes('AWS revenue run rate $21.0B');
	})()`, fresh.ID))
	if n := eval[int](t, ctx, `document.querySelectorAll('#live-list li').length`); n != 1 {
		t.Errorf("%d live items after one event (seq %d)", n, seq)
	}
	screenshot(t, ctx, dir, "live.png")

	// A deal's fact names its counterparty: Microsoft's investment is not
	// the same fact as another investor's.
	var deal claim.Claim
	for _, c := range all {
		if c.Counterparty == "Microsoft" {
			deal = c
			break
		}
	}
	if deal.ID == "" {
		t.Fatal("no fixture claim with Microsoft as its counterparty")
	}
	eval[string](t, ctx, fmt.Sprintf(`location.hash = "#/claim/%s"`, deal.ID))
	waitFor(t, ctx, "the deal's fact with its counterparty", fmt.Sprintf(`(() => {
		const p = document.querySelector('#fact-summary');
		return !document.querySelector('#fact').hidden && p.textContent.startsWith(%q) && p.textContent.includes(' · with Microsoft');
	})()`, deal.Subject+" · "))

	// Phone width: one column, the table as cards, nothing wider than the screen.
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(390, 844, chromedp.EmulateMobile), chromedp.Navigate(srv.URL+"/#/?subject=AWS&metric=revenue_run_rate")); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, "the phone layout", `document.querySelectorAll('#timeline circle.point').length === `+strconv.Itoa(want))
	wide := eval[[]string](t, ctx, `[...document.querySelectorAll('body *')]
		.filter(e => !e.closest('thead, .visually-hidden') && e.getClientRects().length && e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
		.map(e => e.tagName + '#' + e.id + '.' + e.className.baseVal + e.className + ' ' + Math.round(e.getBoundingClientRect().right))`)
	if w := eval[int](t, ctx, `innerWidth`); w != 390 || len(wide) > 0 {
		t.Errorf("at a %dpx viewport these stick out: %v", w, wide)
	}
	screenshot(t, ctx, dir, "phone.png")

	mu.Lock()
	defer mu.Unlock()
	if len(jsErrors) > 0 {
		t.Errorf("JavaScript errors: %v", jsErrors)
	}
}
