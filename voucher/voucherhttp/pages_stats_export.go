package voucherhttp

import (
	"bufio"
	"encoding/csv"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/transform"

	"github.com/cxqkit/cxq"
)

// sheet is one table of an export: its name, its columns and its rows, produced one at
// a time so that a list of any length is never held whole.
type sheet struct {
	name    string
	columns []column
	rows    func(yield func([]string) error) error
}

// column is one column of a sheet: its heading and what its cells hold.
type column struct {
	name string
	kind cellKind
}

// cellKind is what a column's cells hold. A CSV writes every cell as its text; an XLSX
// writes counts and amounts as numbers, so that a spreadsheet sums and sorts them.
type cellKind uint8

const (
	textCell   cellKind = iota
	countCell           // a whole number, as strconv.Itoa writes it
	amountCell          // yuan with two decimals, as cxq.Money writes it
)

func textCol(name string) column   { return column{name, textCell} }
func countCol(name string) column  { return column{name, countCell} }
func amountCol(name string) column { return column{name, amountCell} }

// textCols are text columns.
func textCols(names ...string) []column {
	out := make([]column, len(names))
	for i, n := range names {
		out[i] = textCol(n)
	}
	return out
}

// header is the sheet's first row.
func (sh sheet) header() []string {
	out := make([]string, len(sh.columns))
	for i, c := range sh.columns {
		out[i] = c.name
	}
	return out
}

// The media types of the exports.
const (
	mediaCSV  = "text/csv"
	mediaXLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
)

// exportFlushRows is how many rows a CSV export writes between flushes to the client,
// so that the download shows progress from the first rows on.
const exportFlushRows = 1000

// csvEncoding returns the encoding a CSV export is asked for: "utf-8" (the default,
// written with a byte-order mark so that Excel reads it as UTF-8) or "gb18030".
func csvEncoding(r *http.Request) (string, error) {
	switch e := strings.ToLower(r.URL.Query().Get("encoding")); e {
	case "", "utf-8", "utf8":
		return "utf-8", nil
	case "gb18030":
		return e, nil
	}
	return "", cxq.NewFieldError("encoding", cxq.CodeInvalid, map[string]string{"allowed": "utf-8, gb18030"},
		cxq.T("编码应为 utf-8 或 gb18030", "encoding must be utf-8 or gb18030"))
}

// serveExport streams sheets as an attachment named name (without extension) in
// format "csv" or "xlsx". The headers go out first; a failure after them aborts the
// response, so that a client never takes a cut-off file for a whole one.
func (h *Handler) serveExport(w http.ResponseWriter, r *http.Request, name, format string, sheets []sheet) {
	enc := ""
	if format == "csv" {
		var err error
		if enc, err = csvEncoding(r); err != nil {
			h.failAPI(w, r, err)
			return
		}
	}
	hd := w.Header()
	hd.Set("Cache-Control", "private, no-store")
	file := name + "." + format
	hd.Set("Content-Disposition", `attachment; filename="`+asciiName(file)+`"; filename*=UTF-8''`+url.PathEscape(file))
	var err error
	if format == "csv" {
		ctype := mediaCSV + "; charset=utf-8"
		if enc == "gb18030" {
			ctype = mediaCSV + "; charset=gb18030"
		}
		hd.Set("Content-Type", ctype)
		err = writeCSV(&flushWriter{w: w}, enc, sheets)
	} else {
		hd.Set("Content-Type", mediaXLSX)
		err = writeXLSX(w, sheets)
	}
	if err != nil {
		h.opts.Logger.ErrorContext(r.Context(), "voucherhttp: export failed", "export", file, "err", err)
		panic(http.ErrAbortHandler)
	}
}

// asciiName is the file name for clients that do not read filename*.
func asciiName(s string) string {
	return strings.Map(func(r rune) rune {
		if r < 0x20 || r > 0x7e || r == '"' || r == '\\' {
			return '_'
		}
		return r
	}, s)
}

// flushWriter passes writes on and flushes the response when asked.
type flushWriter struct{ w http.ResponseWriter }

func (f *flushWriter) Write(p []byte) (int, error) { return f.w.Write(p) }

func (f *flushWriter) Flush() {
	if fl, ok := f.w.(http.Flusher); ok {
		fl.Flush()
	}
}

// writeCSV writes the sheets one after another, each headed by its name when there are
// several, separated by an empty line; enc is "utf-8" (with BOM) or "gb18030".
func writeCSV(out io.Writer, enc string, sheets []sheet) error {
	var dst io.Writer = out
	var closer io.Closer
	if enc == "gb18030" {
		tw := transform.NewWriter(out, simplifiedchinese.GB18030.NewEncoder())
		dst, closer = tw, tw
	}
	bw := bufio.NewWriterSize(dst, 64<<10)
	if enc != "gb18030" {
		_, _ = bw.WriteString("\ufeff")
	}
	cw := csv.NewWriter(bw)
	flush := func() error {
		cw.Flush()
		if err := cw.Error(); err != nil {
			return err
		}
		if err := bw.Flush(); err != nil {
			return err
		}
		if fl, ok := out.(interface{ Flush() }); ok {
			fl.Flush()
		}
		return nil
	}
	for i, sh := range sheets {
		if len(sheets) > 1 {
			if i > 0 {
				_ = cw.Write([]string{})
			}
			_ = cw.Write([]string{sh.name})
		}
		if err := cw.Write(sh.header()); err != nil {
			return err
		}
		n := 0
		err := sh.rows(func(row []string) error {
			n++
			if err := cw.Write(sh.defused(row)); err != nil {
				return err
			}
			if n%exportFlushRows == 0 {
				return flush()
			}
			return nil
		})
		if err != nil {
			return err
		}
	}
	if err := flush(); err != nil {
		return err
	}
	if closer != nil {
		return closer.Close()
	}
	return nil
}

// defused is row with every text cell a spreadsheet would take for a formula (one
// starting with =, +, -, @, a tab or a carriage return: a contact "=HYPERLINK(…)", say)
// prefixed with an apostrophe, which spreadsheets show as text; counts and amounts,
// negative ones too, are numbers and stay as they are. The row is changed in place.
func (sh sheet) defused(row []string) []string {
	for i, c := range row {
		if (i >= len(sh.columns) || sh.columns[i].kind == textCell) && c != "" && strings.ContainsRune("=+-@\t\r", rune(c[0])) {
			row[i] = "'" + c
		}
	}
	return row
}

// writeXLSX writes one worksheet per sheet through excelize's StreamWriter, which
// keeps rows on disk rather than in memory until the workbook is written out. Counts
// and amounts are number cells (amounts shown with two decimals): the number written is
// the shortest that reads back as the cell's decimal text, so no fen is lost.
func writeXLSX(out io.Writer, sheets []sheet) error {
	f := excelize.NewFile()
	defer f.Close()
	yuan, err := f.NewStyle(&excelize.Style{NumFmt: 2}) // 0.00
	if err != nil {
		return err
	}
	for i, sh := range sheets {
		if err := writeWorksheet(f, sheetName(sh.name, i), i == 0, sh, yuan); err != nil {
			return err
		}
	}
	_, err = f.WriteTo(out)
	return err
}

// writeWorksheet streams sh into the worksheet name of f (the first one renames
// Sheet1); yuan is the style of amount cells.
func writeWorksheet(f *excelize.File, name string, first bool, sh sheet, yuan int) error {
	if first {
		if err := f.SetSheetName("Sheet1", name); err != nil {
			return err
		}
	} else if _, err := f.NewSheet(name); err != nil {
		return err
	}
	sw, err := f.NewStreamWriter(name)
	if err != nil {
		return err
	}
	line := 1
	put := func(cells []string, typed bool) error {
		vals := make([]any, len(cells))
		for j, c := range cells {
			vals[j] = c
			if typed && j < len(sh.columns) {
				vals[j] = cellValue(sh.columns[j].kind, c, yuan)
			}
		}
		cell, err := excelize.CoordinatesToCellName(1, line)
		if err != nil {
			return err
		}
		line++
		return sw.SetRow(cell, vals)
	}
	if err := put(sh.header(), false); err != nil {
		return err
	}
	if err := sh.rows(func(row []string) error { return put(row, true) }); err != nil {
		return err
	}
	return sw.Flush()
}

// cellValue is what an XLSX cell of kind holds for text c: a number for a count or an
// amount that parses as one, else the text itself (an empty cell stays empty).
func cellValue(kind cellKind, c string, yuan int) any {
	switch kind {
	case countCell:
		if n, err := strconv.ParseInt(c, 10, 64); err == nil {
			return n
		}
	case amountCell: // a clawback's amount is negative
		if _, err := cxq.ParseMoney(strings.TrimPrefix(c, "-")); err == nil {
			if v, err := strconv.ParseFloat(c, 64); err == nil {
				return excelize.Cell{StyleID: yuan, Value: v}
			}
		}
	}
	return c
}

// sheetName makes a valid, unique worksheet name: at most 31 characters, none of
// :\/?*[], numbered to stay unique.
func sheetName(s string, i int) string {
	s = strings.Map(func(r rune) rune {
		if strings.ContainsRune(`:\/?*[]`, r) {
			return '-'
		}
		return r
	}, s)
	prefix := []rune(strings.TrimSpace(s))
	if len(prefix) > 27 {
		prefix = prefix[:27]
	}
	return string(prefix) + " " + strconv.Itoa(i+1)
}

// maskPhone keeps the first three and the last four digits of a phone number
// (138****5678), or only the last two of a shorter one.
func maskPhone(s string) string {
	r := []rune(s)
	keepHead, keepTail := 3, 4
	if len(r) < 9 {
		keepHead, keepTail = 0, min(2, len(r))
	}
	for i := keepHead; i < len(r)-keepTail; i++ {
		if r[i] >= '0' && r[i] <= '9' {
			r[i] = '*'
		}
	}
	return string(r)
}

// maskEmail keeps the first character of the mailbox and the domain (z***@example.com).
func maskEmail(s string) string {
	local, domain, ok := strings.Cut(s, "@")
	if !ok || local == "" {
		return maskPhone(s)
	}
	return string([]rune(local)[:1]) + "***@" + domain
}

// maskName keeps the family name (张*).
func maskName(s string) string {
	r := []rune(s)
	if len(r) <= 1 {
		return s
	}
	return string(r[:1]) + strings.Repeat("*", len(r)-1)
}
