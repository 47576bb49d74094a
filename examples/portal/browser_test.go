package main

import (
	"context"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/require"
)

// chromium finds the browser for the end-to-end tests: $CXQ_CHROMIUM, else Debian's
// /usr/bin/chromium or another usual name on $PATH. Without one the test is skipped
// when run by hand and fails under CI=true, where .ci/run installs it. Under the race
// detector the browser tests are skipped: .ci/run runs them in its other pass.
func chromium(t *testing.T) string {
	t.Helper()
	if raceEnabled {
		t.Skip("the browser tests run in the pass without the race detector (.ci/run runs both)")
	}
	candidates := []string{os.Getenv("CXQ_CHROMIUM"), "/usr/bin/chromium"}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			candidates = append(candidates, p)
		}
	}
	for _, p := range candidates {
		if p == "" {
			continue
		}
		if fi, err := os.Stat(p); err == nil && !fi.IsDir() {
			return p
		}
	}
	if os.Getenv("CI") == "true" {
		t.Fatal("Chromium not found (/usr/bin/chromium or $CXQ_CHROMIUM); CI must install Debian's chromium package")
	}
	t.Skip("Chromium not found; install Debian's chromium package or set CXQ_CHROMIUM to run the browser tests")
	return ""
}

// browser starts a headless Chromium with a fresh profile and returns a tab's context.
// Everything ends when the test does.
func browser(t *testing.T, width, height int) context.Context {
	t.Helper()
	path := chromium(t)
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(t.Context(),
		chromedp.ExecPath(path),
		chromedp.Flag("headless", true),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("disable-quic", true),
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("hide-scrollbars", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(width, height),
	)
	t.Cleanup(cancelAlloc)
	tab, cancelTab := chromedp.NewContext(allocCtx, chromedp.WithErrorf(t.Logf))
	t.Cleanup(cancelTab)
	require.NoError(t, chromedp.Do(tab), "start Chromium") // the first call starts the browser, without a timeout
	return tab
}

// stepTimeout bounds one step of a browser test: long enough for a loaded machine (a
// step that posts uploads was seen to take over 30 s with the load at 7 on two cores),
// short enough that a missing element fails the test instead of hanging it.
const stepTimeout = 90 * time.Second

// steps runs actions in the tab, each step bounded so a missing element fails the test
// instead of hanging it.
func steps(t *testing.T, tab context.Context, actions ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	ctx, cancel := context.WithTimeout(tab, stepTimeout)
	defer cancel()
	require.NoError(t, chromedp.Do(ctx, actions...))
}

// read runs one action that returns a value.
func read[T any](t *testing.T, tab context.Context, a chromedp.Action[T]) T {
	t.Helper()
	ctx, cancel := context.WithTimeout(tab, stepTimeout)
	defer cancel()
	v, err := chromedp.Run(ctx, a)
	require.NoError(t, err)
	return v
}

// startPortal serves a portal with the embedded defaults on a free loopback port.
func startPortal(t testing.TB) *httptest.Server {
	t.Helper()
	p, err := newPortal(t.Context(), config{searchTimeout: time.Minute})
	require.NoError(t, err)
	srv := httptest.NewServer(p)
	t.Cleanup(func() {
		srv.Close()
		require.NoError(t, p.Close())
	})
	return srv
}

// screenshot saves the whole page as a PNG in the test's artifact directory
// (go test -artifacts -outputdir DIR keeps it).
func screenshot(t *testing.T, tab context.Context, name string) {
	t.Helper()
	png := read(t, tab, chromedp.FullScreenshot(100))
	path := filepath.Join(t.ArtifactDir(), name)
	require.NoError(t, os.WriteFile(path, png, 0o644))
	t.Logf("screenshot: %s", path)
}

// card is what a visitor reads on one result card.
type card struct {
	Region string   `json:"region"`
	Name   string   `json:"name"`
	Marks  []string `json:"marks"`
	Sample bool     `json:"sample"`
}

const readCards = `Array.from(document.querySelectorAll('.cards > .card')).map(c => ({
	region: (c.querySelector('.tag.region') || {}).textContent || '',
	name: c.querySelector('h3').textContent,
	marks: Array.from(c.querySelectorAll('mark')).map(m => m.textContent),
	sample: c.querySelector('.tag.sample') !== null,
}))`

const readRegionFacet = `Object.fromEntries(Array.from(document.querySelectorAll('#facet-region + ul a')).map(a =>
	[a.querySelector('span').textContent, Number(a.querySelector('.count').textContent)]))`

// TestBrowserSearch walks the lab search as a visitor does: types a keyword on the front
// page, reads the count and the highlighted cards, narrows to a region with its facet,
// and pages forward, checking what is on screen at each step against the JSON API.
func TestBrowserSearch(t *testing.T) {
	srv := startPortal(t)
	tab := browser(t, 1280, 1000)
	const keyword = "重点实验室"
	total := apiTotal(t, srv.URL, url.Values{"q": {keyword}})
	require.Greater(t, total, 24, "the keyword must give several pages")

	// 1. the front page's search box leads to the lab search
	steps(t, tab,
		chromedp.Navigate(srv.URL+"/"),
		chromedp.WaitVisible(chromedp.ID("q")),
		chromedp.SendKeys(chromedp.ID("q"), keyword),
		chromedp.Submit(chromedp.ID("q")),
		chromedp.WaitVisible(chromedp.CSS(".cards")),
	)
	require.Contains(t, read(t, tab, chromedp.Location()), "/labs/?q=")
	require.Equal(t, "共检索到"+strconv.Itoa(total)+"条记录", strings.TrimSpace(read(t, tab, chromedp.Text(chromedp.CSS(".summary .total")))))

	labelled := read(t, tab, chromedp.Evaluate[bool](
		`Array.from(document.querySelectorAll('input:not([type=hidden])')).every(i => i.labels.length > 0)`))
	require.True(t, labelled, "every input has a label")
	cards := read(t, tab, chromedp.Evaluate[[]card](readCards))
	require.Len(t, cards, 12)
	for _, c := range cards {
		require.Contains(t, c.Marks, keyword, "card %q shows the match highlighted", c.Name)
		require.Contains(t, c.Name, keyword)
	}
	facet := read(t, tab, chromedp.Evaluate[map[string]int](readRegionFacet))
	require.Positive(t, facet["河北"])
	sum := 0
	for _, n := range facet {
		sum += n
	}
	require.Equal(t, total, sum, "region facet counts add up to the total")
	requirePager(t, tab, total, 1, 12)
	screenshot(t, tab, "labs-search.png")

	// 2. the 河北 facet narrows the list to Hebei's labs
	hebei := facet["河北"]
	steps(t, tab,
		chromedp.Click(chromedp.Search(`//aside//a[span[1][text()="河北"]]`)),
		chromedp.WaitVisible(chromedp.CSS(`a[aria-label="取消条件 河北"]`)),
	)
	require.Contains(t, read(t, tab, chromedp.Location()), "region="+url.QueryEscape("河北"))
	require.Equal(t, "共检索到"+strconv.Itoa(hebei)+"条记录", strings.TrimSpace(read(t, tab, chromedp.Text(chromedp.CSS(".summary .total")))))
	require.Equal(t, hebei, apiTotal(t, srv.URL, url.Values{"q": {keyword}, "region": {"河北"}}))
	cards = read(t, tab, chromedp.Evaluate[[]card](readCards))
	for _, c := range cards {
		require.Equal(t, "河北", c.Region)
		require.Contains(t, c.Marks, keyword)
	}
	requirePager(t, tab, hebei, 1, 12)

	// 3. 下一页 shows the second page of the same search
	require.Greater(t, hebei, 12, "Hebei needs a second page for this step")
	first := cards[0].Name
	steps(t, tab,
		chromedp.Click(chromedp.CSS(`a[rel="next"]`)),
		chromedp.WaitVisible(chromedp.Search(`//nav[@class="pager"]//span[@aria-current="page" and text()="2"]`)),
	)
	require.Contains(t, read(t, tab, chromedp.Location()), "page=2")
	cards = read(t, tab, chromedp.Evaluate[[]card](readCards))
	require.NotEmpty(t, cards)
	require.NotEqual(t, first, cards[0].Name)
	for _, c := range cards {
		require.Equal(t, "河北", c.Region)
		require.Contains(t, c.Marks, keyword)
	}
	requirePager(t, tab, hebei, 2, 12)
	screenshot(t, tab, "labs-hebei-page2.png")
}

// requirePager checks the pager line "共有 N 行数据, 当前显示 a 到 b 行" on screen.
func requirePager(t *testing.T, tab context.Context, total, page, size int) {
	t.Helper()
	line := read(t, tab, chromedp.Text(chromedp.CSS("nav.pager p")))
	from, to := (page-1)*size+1, min(page*size, total)
	require.Equal(t, "共有 "+strconv.Itoa(total)+" 行数据, 当前显示 "+strconv.Itoa(from)+" 到 "+strconv.Itoa(to)+" 行",
		strings.TrimSpace(line))
}

// TestBrowserPhoneWidth: at a phone's width nothing scrolls sideways, the cards stack in
// one column, and the manual's labs read as printed.
func TestBrowserPhoneWidth(t *testing.T) {
	srv := startPortal(t)
	tab := browser(t, 390, 844)
	steps(t, tab,
		chromedp.EmulateViewport(390, 844, chromedp.EmulateMobile),
		chromedp.Navigate(srv.URL+"/labs/?q="+url.QueryEscape("天津大学")),
		chromedp.WaitVisible(chromedp.CSS(".cards")),
	)
	scrollWidth := read(t, tab, chromedp.Evaluate[int](`document.documentElement.scrollWidth`))
	clientWidth := read(t, tab, chromedp.Evaluate[int](`document.documentElement.clientWidth`))
	require.Equal(t, 390, clientWidth)
	require.LessOrEqual(t, scrollWidth, clientWidth, "the page scrolls sideways on a phone")
	columns := read(t, tab, chromedp.Evaluate[string](`getComputedStyle(document.querySelector('.cards')).gridTemplateColumns`))
	require.Len(t, strings.Fields(columns), 1, "one card per row on a phone: %s", columns)
	cards := read(t, tab, chromedp.Evaluate[[]card](readCards))
	names := make([]string, len(cards))
	for i, c := range cards {
		names[i] = c.Name
		require.Equal(t, []string{"天津大学"}, c.Marks)
		require.False(t, c.Sample, "the manual's labs are not sample data")
	}
	require.Contains(t, names, "内燃机燃烧学国家重点实验室")
	require.Contains(t, names, "系统生物工程教育部重点实验室")
	screenshot(t, tab, "labs-phone.png")

	steps(t, tab,
		chromedp.Navigate(srv.URL+"/products/?voucher=1"),
		chromedp.WaitVisible(chromedp.CSS(".cards")),
	)
	require.LessOrEqual(t, read(t, tab, chromedp.Evaluate[int](`document.documentElement.scrollWidth`)), clientWidth)
	screenshot(t, tab, "products-phone.png")
}

// TestBrowserShowsMarkupAsText: a hostile keyword comes back as text in the search box
// and in the page, never as markup the browser runs.
func TestBrowserShowsMarkupAsText(t *testing.T) {
	srv := startPortal(t)
	tab := browser(t, 1024, 768)
	const hostile = `<img src=x onerror="document.title='pwned'">`
	steps(t, tab,
		chromedp.Navigate(srv.URL+"/labs/?q="+url.QueryEscape(hostile)),
		chromedp.WaitVisible(chromedp.ID("q")),
	)
	require.Equal(t, hostile, read(t, tab, chromedp.Value(chromedp.ID("q"))))
	require.NotEqual(t, "pwned", read(t, tab, chromedp.Title()))
	require.Zero(t, read(t, tab, chromedp.Evaluate[int](`document.images.length`)))
}

// TestBrowserLogin signs in as a visitor does: the front page's 登录 leads to the demo
// people, a click on one signs in, and the session cookie is one scripts cannot read;
// the JSON API then answers for that person.
func TestBrowserLogin(t *testing.T) {
	c := startPortalWithAPI(t)
	tab := browser(t, 1024, 900)
	steps(t, tab,
		chromedp.Navigate(c.base+"/"),
		chromedp.Click(chromedp.Search(`//header//a[text()="登录"]`)),
		chromedp.WaitVisible(chromedp.CSS(`ul.people`)),
	)
	require.Equal(t, "/login", read(t, tab, chromedp.Evaluate[string](`location.pathname`)))
	screenshot(t, tab, "login.png")
	steps(t, tab,
		chromedp.Click(chromedp.CSS(`form:has(input[value="provider"]) button`)),
		chromedp.WaitNotPresent(chromedp.CSS(`ul.people`)),
	)
	require.True(t, strings.HasPrefix(read(t, tab, chromedp.Evaluate[string](`location.pathname`)), "/"))
	require.NotContains(t, read(t, tab, chromedp.Evaluate[string](`document.cookie`)), sessionCookie, "HttpOnly")
	steps(t, tab, chromedp.Navigate(c.base+"/api/me"))
	require.Contains(t, read(t, tab, chromedp.Evaluate[string](`document.body.innerText`)), `"role":"provider"`)
}
