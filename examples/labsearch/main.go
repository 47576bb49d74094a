package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/cxqkit/cxq/catalog"
	"github.com/cxqkit/cxq/catalog/sheets"
	"github.com/cxqkit/cxq/search"
)

func main() { os.Exit(run(os.Args[1:], os.Stdout, os.Stderr)) }

// output is the JSON contract of -json.
type output struct {
	Total  int          `json:"total"`
	Hits   []search.Hit `json:"hits"`
	Facets facets       `json:"facets"`
}

type facets struct {
	Region search.Facet `json:"region"`
	Kind   search.Facet `json:"kind"`
}

// usageError is a bad flag or argument.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func run(args []string, stdout, stderr io.Writer) (code int) {
	defer func() {
		if r := recover(); r != nil {
			fmt.Fprintf(stderr, "labsearch: internal error: %v\n", r)
			code = 2
		}
	}()
	if err := search1(args, stdout, stderr); err != nil {
		fmt.Fprintln(stderr, "labsearch: "+oneLine(err.Error()))
		return 2
	}
	return 0
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

func search1(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("labsearch", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	data := fs.String("data", "", "an official lab list: .csv (UTF-8 or GB18030), .json or .xlsx")
	region := fs.String("region", "", "keep labs of this region (北京, 天津, 河北 …)")
	kind := fs.String("kind", "", "keep labs of this kind (国家级重点实验室 …)")
	n := fs.Int("n", search.DefaultSize, "hits per page")
	page := fs.Int("page", 1, "page number, from 1")
	asJSON := fs.Bool("json", false, "print one JSON object")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return usageError{"usage: labsearch [-data FILE] [-region R] [-kind K] [-n N] [-page P] [-json] [--] [QUERY…]"}
		}
		if strings.HasPrefix(err.Error(), "flag provided but not defined") {
			return usageError{err.Error() + " (put -- before a query that starts with -)"}
		}
		return err
	}
	q := search.Query{Text: strings.Join(fs.Args(), " "), Size: *n, Page: *page}
	if *n < 1 || *n > search.MaxSize {
		return usageError{fmt.Sprintf("-n must be between 1 and %d", search.MaxSize)}
	}
	if *page < 1 {
		return usageError{"-page must be at least 1"}
	}
	if *region != "" {
		r, err := catalog.ParseRegion(*region)
		if err != nil {
			return fmt.Errorf("-region %q: %w", *region, err)
		}
		q.Regions = []catalog.Region{r}
	}
	if *kind != "" {
		k, err := catalog.ParseLabKind(*kind)
		if err != nil {
			return fmt.Errorf("-kind %q: %w", *kind, err)
		}
		q.Kinds = []catalog.LabKind{k}
	}
	labs, err := load(*data, stderr)
	if err != nil {
		return err
	}
	ix, err := search.Build(labs, nil, nil)
	if err != nil {
		return err
	}
	defer ix.Close()
	res, err := ix.SearchLabs(context.Background(), q)
	if err != nil {
		return err
	}
	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetEscapeHTML(false)
		return enc.Encode(output{Total: res.Total, Hits: res.Hits, Facets: facets{Region: res.Facets.Region, Kind: res.Facets.Kind}})
	}
	return printCards(stdout, res)
}

// load returns the bundled labs, or the list in file. Rows with problems are skipped
// with one warning line on stderr; a file that cannot be read is an error.
func load(file string, stderr io.Writer) ([]catalog.Lab, error) {
	if file == "" {
		return catalog.BundledLabs()
	}
	labs, problems, err := sheets.ReadLabsFile(file, &sheets.ReadOptions{Lenient: true})
	if err != nil {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	if len(problems) > 0 {
		fmt.Fprintf(stderr, "labsearch: %s: %d rows skipped; first: %s\n", file, len(problems), oneLine(problems[0].Message("zh")))
	}
	return labs, nil
}

// printCards prints the result like the manual's cards, highlights as 【…】.
func printCards(w io.Writer, res *search.Result) error {
	var b strings.Builder
	fmt.Fprintf(&b, "%s\n", res.Page.Summary())
	if res.Suggested != "" {
		fmt.Fprintf(&b, "您是不是要找：%s\n", res.Suggested)
	}
	for i, h := range res.Hits {
		fmt.Fprintf(&b, "\n%d. %s\n", res.Page.From+i, plain(h, "name", h.Name))
		fmt.Fprintf(&b, "   所在地区：%s    类型：%s\n", h.Region, plain(h, "kind", h.Kind))
		fmt.Fprintf(&b, "   法人单位：%s\n", plain(h, "legal_entity", h.LegalEntity))
		fmt.Fprintf(&b, "   联系人：%s    联系电话：%s\n", plain(h, "contact", h.Contact), plain(h, "phone", h.Phone))
		if frags := h.Highlights["services"]; len(frags) > 0 {
			fmt.Fprintf(&b, "   服务内容：%s\n", unmark(strings.Join(frags, "；")))
		}
	}
	if res.Total > 0 {
		fmt.Fprintf(&b, "\n%s\n", res.Page.Window())
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// plain returns the field's highlight as terminal text (matches in 【】), or text.
func plain(h search.Hit, field, text string) string {
	if frags := h.Highlights[field]; len(frags) > 0 {
		return unmark(frags[0])
	}
	return text
}

var unmarker = strings.NewReplacer("<mark>", "【", "</mark>", "】", "&lt;", "<", "&gt;", ">", "&amp;", "&", "&#34;", `"`, "&#39;", "'")

func unmark(s string) string { return unmarker.Replace(s) }
