package searchhttp

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"html/template"
	"io"
)

//go:embed assets/page.html assets/search.css
var assets embed.FS

// The page template and stylesheet are parsed once; they are read-only after init.
var (
	pageTmpl = template.Must(template.New("searchhttp").ParseFS(assets, "assets/page.html"))
	css      = mustRead("assets/search.css")
	// cssVersion changes whenever the stylesheet does, so it can be cached for a year.
	cssVersion = version(css)
)

// Stylesheet returns the path of the page's stylesheet below the handler's prefix,
// versioned for long caching ("static/search.css?v=…"), so that a portal's own pages can
// share the look: <link rel="stylesheet" href="labs/{{Stylesheet}}">.
func Stylesheet() string { return "static/search.css?v=" + cssVersion }

func mustRead(name string) []byte {
	b, err := assets.ReadFile(name)
	if err != nil {
		panic(err)
	}
	return b
}

func version(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:6])
}

// pageView is everything the HTML page shows. Every string in it is plain text: the
// template escapes it, and highlights are segments, never HTML.
type pageView struct {
	Site        string
	Title       string
	Heading     string
	Lead        string
	Footer      string
	HomeHref    string
	Nav         []navLink
	CSS         string
	Action      string
	SearchLabel string
	MaxQuery    int
	Q           string
	Hidden      []hiddenField
	Toggle      *toggleView
	Facets      []facetView
	Chips       []chip
	Problems    []string
	Suggested   *suggestView
	Total       int
	Labs        []labCard
	Products    []productCard
	Pager       pagerView
}

// NavLink is one entry of the page's top navigation.
type navLink struct {
	Label   string
	Href    string
	Current bool
}

type hiddenField struct{ Name, Value string }

type toggleView struct {
	Name    string
	Label   string
	Checked bool
}

type facetView struct {
	Label  string
	Param  string
	Values []facetValue
}

type facetValue struct {
	Label  string
	Count  int
	Href   string
	Active bool
}

// suggestView is the text a slip was found as, and the link that searches it.
type suggestView struct{ Text, Href string }

// chip is an active filter with the link that removes it.
type chip struct{ Label, Href string }

// segment is a run of text, marked when it matched the query.
type segment struct {
	Text string
	Mark bool
}

type labCard struct {
	ID             string
	Region         string
	Kind           string
	Sample         bool
	Name           []segment
	NameCut        bool
	LegalEntity    []segment
	LegalEntityCut bool
	Contact        []segment
	Phone          []segment
	Tel            template.URL
	Services       [][]segment // matched services (服务内容), which the card shows only then
}

type productCard struct {
	ID       string
	Href     string // the product's page; empty: the name is not a link
	Name     []segment
	Provider []segment
	Category string
	Price    string
	Location string
	Listed   string
	Voucher  bool
	Sample   bool
}

type pagerView struct {
	Total, From, To int
	First, Prev     string
	Next, Last      string
	Pages           []pageLink
}

type pageLink struct {
	N       int
	Href    string
	Current bool
	Gap     bool
}

func renderPage(w io.Writer, v *pageView) error {
	var buf bytes.Buffer
	if err := pageTmpl.ExecuteTemplate(&buf, "page", v); err != nil {
		return err
	}
	_, err := buf.WriteTo(w)
	return err
}
