package export

import (
	"fmt"
	"io"
	"time"

	"github.com/cxqkit/cxq"
)

// Options configures rendering. A nil *Options means all defaults.
type Options struct {
	// Font is the font the form is set in. Defaults to [DefaultFont].
	Font *Font
	// Fallbacks are the fonts, in order, for the characters Font lacks; the embedded
	// [DefaultFallbacks] are tried after them. Each character is set in the first font
	// that has it, and measured in that font for alignment and line breaks. A portal adds
	// one for characters no embedded font has (Extension G, say, or its own private-use
	// characters); any font [ParseFont] accepts that has head, hhea, maxp, hmtx and loca
	// tables will do. Only the glyphs a form uses are embedded in its PDF.
	Fallbacks []*Font
	// Code configures the verification code printed on every page. Defaults to an
	// unkeyed code (see [CodeOptions]).
	Code *CodeOptions
	// Strict refuses a form holding a character no font has, nor a stand-in of it, with
	// a [*GlyphError] (and writes nothing) instead of printing [Placeholder], □, in its
	// place. A portal that checks text as it is typed may want it; for records
	// whose text nobody can change any more, an approved opinion say, the default
	// keeps the form printable.
	Strict bool
}

func (o *Options) font() *Font {
	if o != nil && o.Font != nil {
		return o.Font
	}
	return DefaultFont()
}

// chain returns the fonts a rendering tries, in order.
func (o *Options) chain() *fontChain {
	var fallbacks []*Font
	if o != nil {
		fallbacks = o.Fallbacks
	}
	c := newChain(o.font(), fallbacks)
	c.strict = o != nil && o.Strict
	return c
}

func (o *Options) code() *CodeOptions {
	if o == nil {
		return nil
	}
	return o.Code
}

// RenderApplication writes f as a PDF to w. Bad input (no ID, no export time, text that
// is not UTF-8, under [Options.Strict] a character no font has) is an error matching
// [cxq.ErrInvalid] and nothing is written.
func RenderApplication(w io.Writer, f *ApplicationForm, opts *Options) error {
	return render(w, opts, f.check, f.Record(), f.Exported, "科技创新券申请表",
		func(d *doc) { layoutApplication(d, f) })
}

// RenderRedemption writes f as a PDF to w. Bad input is an error matching
// [cxq.ErrInvalid] and nothing is written.
func RenderRedemption(w io.Writer, f *RedemptionForm, opts *Options) error {
	return render(w, opts, f.check, f.Record(), f.Exported, "创新券兑现申请表",
		func(d *doc) { layoutRedemption(d, f) })
}

// render is what both forms share: check the form against the fonts before anything is
// written, then lay it out under the title with the verification code of rec (whose ID
// and version the pages print) and write the PDF.
func render(w io.Writer, opts *Options, check func(*fontChain) error, rec Record, exported time.Time,
	title string, layout func(*doc)) error {
	chain := opts.chain()
	if err := check(chain); err != nil {
		return err
	}
	code := Code(rec, opts.code())
	d := newDoc(chain, exported, code, rec.ID, rec.Version, title)
	layout(d)
	return d.output(w)
}

// Page geometry in millimetres (A4) and type sizes in points.
const (
	pageW, pageH   = 210.0, 297.0
	marginX        = 18.0
	marginTop      = 16.0
	bodyBottom     = 276.0 // the footer sits below
	contentW       = pageW - 2*marginX
	bodySize       = 10.5 // 五号
	smallSize      = 8.5
	lineH          = 5.6
	cellPad        = 1.6
	labelFill      = 242
	sectionFill    = 226
	ptToMM         = 25.4 / 72
	continuedLabel = "（续）"
)

// doc is one form being laid out: the pages, a cursor and the per-page furniture.
type doc struct {
	pdf      *canvas
	y        float64
	title    string
	id       string
	exported time.Time
	mark     string // printed in every page's footer, with record and the page number
	record   string
	widths   map[rune]float64 // advance at 1 pt, in mm
	chain    *fontChain
	fonts    []*docFont // by index in chain.fonts; nil where nothing is drawn in the font
	codes    []byte     // scratch for the codes of a run
	err      error      // the first character drawn that no font has
}

func newDoc(chain *fontChain, exported time.Time, code, id string, version int64, title string) *doc {
	return newPages(chain, exported, "验证码 "+code, fmt.Sprintf("编号 %s · 第 %d 版", id, version), title, id)
}

// newPages starts a document whose every page's footer prints mark and record beside
// the page number.
func newPages(chain *fontChain, exported time.Time, mark, record, title, id string) *doc {
	d := &doc{pdf: newCanvas(), title: title, id: id, exported: exported, mark: mark, record: record,
		widths: make(map[rune]float64, 256), chain: chain, fonts: make([]*docFont, len(chain.fonts))}
	d.newPage()
	return d
}

// footers draws every page's footer, once the number of pages is known.
func (d *doc) footers() {
	n := d.pdf.PageNo()
	for i := 1; i <= n; i++ {
		d.pdf.onPage(i)
		d.pdf.SetDrawColor(0, 0, 0)
		d.pdf.SetLineWidth(0.2)
		d.pdf.SetTextColor(0, 0, 0)
		d.pdf.Line(marginX, bodyBottom+4, pageW-marginX, bodyBottom+4)
		base := bodyBottom + 9.5
		d.draw(marginX, base, d.mark, smallSize)
		d.draw(marginX+62, base, d.record, smallSize)
		d.draw(pageW-marginX-31, base, fmt.Sprintf("第 %d 页 共 %d 页", i, n), smallSize)
	}
}

func (d *doc) output(w io.Writer) error {
	d.footers()
	if d.err != nil {
		return d.err
	}
	pdf, err := d.write()
	if err != nil {
		return fmt.Errorf("export: render: %w", err)
	}
	_, err = w.Write(pdf)
	return err
}

func (d *doc) newPage() {
	d.pdf.AddPage()
	d.y = marginTop
	if d.pdf.PageNo() > 1 {
		d.pdf.SetTextColor(90, 90, 90)
		d.draw(marginX, d.y+3, d.title+continuedLabel, smallSize)
		d.pdf.SetTextColor(0, 0, 0)
		d.y += 6
	}
}

// ensure starts a new page unless h millimetres fit below the cursor.
func (d *doc) ensure(h float64) bool {
	if d.y+h <= bodyBottom {
		return false
	}
	d.newPage()
	return true
}

// width returns the width of s in mm at size pt.
func (d *doc) width(s string, size float64) float64 {
	w := 0.0
	for _, r := range d.chain.printable(s) {
		w += d.runeWidth(r)
	}
	return w * size
}

// runeWidth returns the advance of r at 1 pt in mm, in the font that draws it. The form's
// font measures characters of the BMP in whole thousandths of an em, as the PDF's widths
// record them and as fpdf measured them when it wrote the forms.
func (d *doc) runeWidth(r rune) float64 {
	if w, ok := d.widths[r]; ok {
		return w
	}
	var w float64
	switch i := d.chain.index(r); {
	case i == 0 && r <= 0xFFFF:
		size := 100 / ptPerMM // a font size of 100 pt in mm
		w = float64(d.chain.fonts[0].pdfWidth(r)) * size / 1000 / 100
	case i >= 0:
		w = d.chain.fonts[i].advance(r) * ptToMM
	default: // no font has r: an error already; half an em
		w = 0.5 * ptToMM
	}
	d.widths[r] = w
	return w
}

// text draws s with its top-left at (x, top) in size pt.
func (d *doc) text(x, top float64, s string, size float64) {
	d.draw(x, top+size*ptToMM*0.88, s, size)
}

func money(m cxq.Money) string { return m.String() + " 元" }

func date(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return fmt.Sprintf("%d年%d月%d日", t.Year(), int(t.Month()), t.Day())
}

func shaPrefix(hex string) string {
	if len(hex) > 16 {
		return hex[:16]
	}
	return hex
}
