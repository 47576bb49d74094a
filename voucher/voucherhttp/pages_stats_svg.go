package voucherhttp

import (
	"fmt"
	"html/template"
	"strings"

	"github.com/cxqkit/cxq/voucher/stats"
)

// The dashboard's charts are SVG written on the server: they need no script, print and
// save with the page, and scale to the width of the screen (a 390 px phone included)
// because every chart is a viewBox of chartWidth units drawn at 100% width, one bar
// per line with its label above it, so that long names never squeeze the bars.
const (
	chartWidth = 360
	barHeight  = 14
	lineHeight = 36 // label line + bar + gap
)

// bar is one bar of a chart: its label, its length (a count, or an amount in fen),
// the figure written beside it and where it leads.
type bar struct {
	Label string
	N     int64
	Text  string
	Href  string
	Class int // the colour, 0–3
}

// barColours are the bars' fills, by Class.
var barColours = []string{"#2f6fb0", "#e0a030", "#3a9a5b", "#8a8a8a"}

// barChart draws bars as horizontal bars scaled to the longest, each a link to its
// records. No bars draw nothing.
func barChart(title string, bars []bar) template.HTML {
	if len(bars) == 0 {
		return ""
	}
	var most int64
	for _, b := range bars {
		most = max(most, b.N)
	}
	var sb strings.Builder
	height := len(bars)*lineHeight + 4
	fmt.Fprintf(&sb, `<svg class="chart" viewBox="0 0 %d %d" width="100%%" role="img" aria-label="%s" xmlns="http://www.w3.org/2000/svg" font-size="12">`,
		chartWidth, height, esc(title))
	for i, b := range bars {
		y := i*lineHeight + 14
		w := int64(0)
		if most > 0 {
			w = b.N * (chartWidth - 90) / most
		}
		if b.N > 0 && w < 1 {
			w = 1
		}
		if b.Href != "" {
			fmt.Fprintf(&sb, `<a href="%s">`, esc(b.Href))
		}
		fmt.Fprintf(&sb, `<text x="0" y="%d" fill="#333">%s</text>`, y, esc(b.Label))
		fmt.Fprintf(&sb, `<rect x="0" y="%d" width="%d" height="%d" fill="%s"><title>%s: %s</title></rect>`,
			y+4, w, barHeight, barColours[b.Class%len(barColours)], esc(b.Label), esc(b.Text))
		fmt.Fprintf(&sb, `<text x="%d" y="%d" fill="#333">%s</text>`, w+4, y+15, esc(b.Text))
		if b.Href != "" {
			sb.WriteString(`</a>`)
		}
	}
	sb.WriteString(`</svg>`)
	return template.HTML(sb.String()) // every text in it was escaped by esc
}

// budgetChart draws, per policy, the budget of the quotas against what was claimed,
// granted and redeemed, in fen, so that the bars are exact.
func budgetChart(rows []stats.BudgetRow) template.HTML {
	var bars []bar
	for _, b := range rows {
		name := b.Label.ZH
		for i, part := range []struct {
			label string
			n     int64
			text  string
		}{{"额度上限", b.Cap.Fen(), b.Cap.String()}, {"申请", b.Claimed.Fen(), b.Claimed.String()},
			{"核定", b.Granted.Fen(), b.Granted.String()}, {"兑现", b.Redeemed.Fen(), b.Redeemed.String()}} {
			bars = append(bars, bar{Label: name + " · " + part.label, N: part.n, Text: part.text + " 元", Class: (i + 3) % 4})
		}
	}
	return barChart("额度与金额", bars)
}

// esc escapes text for an SVG attribute or element.
func esc(s string) string { return template.HTMLEscapeString(s) }
