package main

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"html/template"
	"net/http"
	"strconv"

	"github.com/cxqkit/cxq/search/searchhttp"
)

//go:embed assets/home.html assets/home.css assets/login.html
var assets embed.FS

// homeInfo is what the front page says about the running portal.
type homeInfo struct {
	Labs         int
	Products     int
	OfficialLabs bool // the lab list came from -labs
	Voucher      bool // the voucher pages, the login and the JSON API are mounted
}

// home serves the front page and its stylesheet, both rendered once at start.
type home struct {
	page   []byte
	css    []byte
	cssVer string
}

func newHome(info homeInfo) (*home, error) {
	tmpl, err := template.ParseFS(assets, "assets/home.html")
	if err != nil {
		return nil, err
	}
	css, err := assets.ReadFile("assets/home.css")
	if err != nil {
		return nil, err
	}
	sum := sha256.Sum256(css)
	h := &home{css: css, cssVer: hex.EncodeToString(sum[:6])}
	var buf bytes.Buffer
	err = tmpl.Execute(&buf, struct {
		homeInfo
		SearchCSS      string
		HomeCSSVersion string
	}{info, searchhttp.Stylesheet(), h.cssVer})
	if err != nil {
		return nil, err
	}
	h.page = buf.Bytes()
	return h, nil
}

// ServeHTTP answers the front page.
func (h *home) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	writeHTML(w, r, http.StatusOK, h.page, "public, max-age=300")
}

// serveCSS answers the front page's stylesheet.
func (h *home) serveCSS(w http.ResponseWriter, r *http.Request) {
	hd := w.Header()
	hd.Set("Content-Type", "text/css; charset=utf-8")
	hd.Set("X-Content-Type-Options", "nosniff")
	if r.URL.Query().Get("v") == h.cssVer {
		hd.Set("Cache-Control", "public, max-age=31536000, immutable")
	} else {
		hd.Set("Cache-Control", "public, max-age=300")
	}
	hd.Set("Content-Length", strconv.Itoa(len(h.css)))
	if r.Method != http.MethodHead {
		_, _ = w.Write(h.css)
	}
}

// notFoundPage is the answer for paths the portal does not serve.
var notFoundPage = []byte(`<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>页面不存在 · 科技创新券服务平台</title><link rel="stylesheet" href="/labs/static/search.css"></head>
<body><header class="topbar"><div class="inner"><a class="brand" href="/">科技创新券服务平台</a></div></header>
<main class="hero"><div class="inner"><h1>页面不存在</h1><p class="lead">您要找的页面不存在。<a href="/">返回首页</a> · <a href="/labs/">检索开放实验室</a> · <a href="/products/">科淘商城</a></p></div></main></body></html>
`)

// notFound answers 404 for every path the mux does not route elsewhere.
func notFound(w http.ResponseWriter, r *http.Request) {
	writeHTML(w, r, http.StatusNotFound, notFoundPage, "no-store")
}

func writeHTML(w http.ResponseWriter, r *http.Request, status int, body []byte, cache string) {
	hd := w.Header()
	hd.Set("Content-Type", "text/html; charset=utf-8")
	hd.Set("Content-Security-Policy",
		"default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
	hd.Set("X-Content-Type-Options", "nosniff")
	hd.Set("Referrer-Policy", "same-origin")
	hd.Set("Cache-Control", cache)
	hd.Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		_, _ = w.Write(body)
	}
}
