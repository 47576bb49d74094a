package sheets

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"

	"github.com/cxqkit/cxq"
	"github.com/cxqkit/cxq/catalog"
)

// sheet is a list file seen as rows of cells under a header, whatever its format.
type sheet struct {
	header []string
	// next returns the next data row and its number, or io.EOF.
	next  func() (row int, cells []string, err error)
	close func()
	// rowsHint estimates the number of data rows, to size buffers; 0 when unknown.
	rowsHint int
}

// readAll reads r up to max bytes; more is a *LimitError, never a silent truncation.
func readAll(r io.Reader, max int64) ([]byte, error) {
	var size int64 = 512
	switch v := r.(type) {
	case interface{ Len() int }: // bytes.Reader, strings.Reader, bytes.Buffer
		size = int64(v.Len()) + 1
	case interface{ Stat() (fs.FileInfo, error) }: // *os.File, fs.File
		if fi, err := v.Stat(); err == nil && fi.Mode().IsRegular() {
			size = fi.Size() + 1
		}
	}
	buf := bytes.NewBuffer(make([]byte, 0, min(size, max+1)))
	_, err := buf.ReadFrom(io.LimitReader(r, max+1))
	b := buf.Bytes()
	if err != nil {
		return nil, fmt.Errorf("catalog: reading list: %w", err)
	}
	if int64(len(b)) > max {
		return nil, &LimitError{Limit: "bytes", Max: max}
	}
	return b, nil
}

func openSheet(r io.Reader, format Format, o ReadOptions, jsonKeys []string) (*sheet, error) {
	b, err := readAll(r, o.MaxBytes)
	if err != nil {
		return nil, err
	}
	switch format {
	case CSV:
		return csvSheet(b, o.MaxColumns)
	case JSON:
		return jsonSheet(b, jsonKeys)
	case XLSX:
		return xlsxSheet(b, o.MaxBytes)
	}
	return nil, fmt.Errorf("catalog: unknown list format %q: %w", format, cxq.ErrInvalid)
}

// DecodeText turns the bytes of a text file into UTF-8: a UTF-8 BOM is dropped, a UTF-16
// BOM selects UTF-16, valid UTF-8 stays as it is, and anything else is read as GB18030
// (a superset of GBK and GB2312, what Excel on Chinese Windows writes).
func DecodeText(b []byte) ([]byte, error) {
	switch {
	case bytes.HasPrefix(b, []byte{0xEF, 0xBB, 0xBF}):
		return b[3:], nil
	case bytes.HasPrefix(b, []byte{0xFF, 0xFE}), bytes.HasPrefix(b, []byte{0xFE, 0xFF}):
		out, err := unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM).NewDecoder().Bytes(b)
		if err != nil {
			return nil, fmt.Errorf("catalog: not valid UTF-16: %w", cxq.ErrInvalid)
		}
		return out, nil
	case utf8.Valid(b):
		return b, nil
	}
	out, err := simplifiedchinese.GB18030.NewDecoder().Bytes(b)
	// The decoder replaces bytes that are not GB18030 with U+FFFD; valid input has none,
	// since it is not UTF-8 and so cannot hold an encoded U+FFFD.
	if err != nil || bytes.ContainsRune(out, utf8.RuneError) {
		return nil, fmt.Errorf("catalog: text is neither UTF-8 nor GB18030: %w", cxq.ErrInvalid)
	}
	return out, nil
}

func csvSheet(raw []byte, maxColumns int) (*sheet, error) {
	b, err := DecodeText(raw)
	if err != nil {
		return nil, err
	}
	cr := csv.NewReader(bytes.NewReader(b))
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true
	firstLine, _, _ := bytes.Cut(b, []byte("\n"))
	if bytes.Count(firstLine, []byte("\t")) > bytes.Count(firstLine, []byte(",")) {
		cr.Comma = '\t'
	}
	if err := checkColumns(b, byte(cr.Comma), maxColumns); err != nil {
		return nil, err
	}
	head, err := cr.Read()
	if err == io.EOF {
		return nil, fmt.Errorf("catalog: empty list, no header row: %w", cxq.ErrInvalid)
	}
	if err != nil {
		return nil, csvErr(err)
	}
	s := &sheet{header: append([]string(nil), head...), close: func() {}, rowsHint: bytes.Count(b, []byte("\n"))}
	s.next = func() (int, []string, error) {
		rec, err := cr.Read()
		if err != nil {
			if err == io.EOF {
				return 0, nil, err
			}
			return 0, nil, csvErr(err)
		}
		line, _ := cr.FieldPos(0)
		return line, rec, nil
	}
	return s, nil
}

// checkColumns bounds the separators on any one line, so that a line of a million commas
// cannot make the CSV reader allocate a million fields.
func checkColumns(b []byte, sep byte, maxColumns int) error {
	line := 1
	for len(b) > 0 {
		l, rest, _ := bytes.Cut(b, []byte("\n"))
		if bytes.Count(l, []byte{sep}) >= maxColumns {
			return &LimitError{Limit: "columns", Max: int64(maxColumns), Row: line}
		}
		b = rest
		line++
	}
	return nil
}

func csvErr(err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return &ReadError{Problems: []Problem{{Row: pe.Line, Err: cxq.NewFieldError("", "bad_csv",
			map[string]string{"reason": pe.Err.Error(), "column": fmt.Sprint(pe.Column)},
			cxq.T("CSV 格式错误（第 {column} 个字符）：{reason}", "malformed CSV at character {column}: {reason}"))}}}
	}
	return fmt.Errorf("catalog: reading CSV: %w", err)
}

// jsonSheet reads an array of objects; the header is keys, in that order, and each
// object's values become cells: strings as they are, numbers and booleans as written,
// arrays of strings one per line, {"top","sub"} and {"amount","unit"} objects as printed.
func jsonSheet(b []byte, keys []string) (*sheet, error) {
	dec := json.NewDecoder(bytes.NewReader(b))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('[') {
		return nil, fmt.Errorf("catalog: JSON list must be an array of objects: %w", cxq.ErrInvalid)
	}
	row := 0
	s := &sheet{header: keys, close: func() {}}
	s.next = func() (int, []string, error) {
		if !dec.More() {
			return 0, nil, io.EOF
		}
		row++
		var obj map[string]json.RawMessage
		if err := dec.Decode(&obj); err != nil {
			return 0, nil, &ReadError{Problems: []Problem{{Row: row, Err: cxq.NewFieldError("", "bad_json",
				map[string]string{"reason": err.Error()},
				cxq.T("JSON 格式错误：{reason}", "malformed JSON: {reason}"))}}}
		}
		cells := make([]string, len(keys))
		known := 0
		for i, k := range keys {
			if v, ok := obj[k]; ok {
				cells[i] = jsonCell(v)
				known++
			}
		}
		// A null, or an object with keys but none of ours (Chinese keys, say), is not a
		// blank row to skip: the whole list would load as empty without a word.
		if obj == nil || (len(obj) > 0 && known == 0) {
			return 0, nil, &ReadError{Problems: []Problem{{Row: row, Err: cxq.NewFieldError("", "bad_json",
				map[string]string{"keys": strings.Join(keys, ", ")},
				cxq.T("JSON 列表的每一项须为含英文键（{keys}）的对象", "each JSON entry must be an object with the English keys ({keys})"))}}}
		}
		return row, cells, nil
	}
	return s, nil
}

func jsonCell(v json.RawMessage) string {
	var s string
	if json.Unmarshal(v, &s) == nil {
		return s
	}
	var list []string
	if json.Unmarshal(v, &list) == nil {
		return strings.Join(list, "\n")
	}
	var obj struct {
		Top, Sub     string
		Amount, Unit string
	}
	if json.Unmarshal(v, &obj) == nil {
		switch {
		case obj.Top != "":
			return catalog.Category{Top: obj.Top, Sub: obj.Sub}.String()
		case obj.Amount != "":
			if obj.Unit == "" {
				return obj.Amount
			}
			return obj.Amount + " 元/" + obj.Unit
		}
	}
	t := strings.TrimSpace(string(v))
	if t == "null" {
		return ""
	}
	return t
}

func xlsxSheet(b []byte, maxBytes int64) (*sheet, error) {
	f, err := excelize.OpenReader(bytes.NewReader(b), excelize.Options{
		UnzipSizeLimit: 10 * maxBytes, UnzipXMLSizeLimit: 10 * maxBytes,
	})
	if err != nil {
		return nil, fmt.Errorf("catalog: not a readable XLSX workbook (%v): %w", err, cxq.ErrInvalid)
	}
	sheets := f.GetSheetList()
	if len(sheets) == 0 {
		f.Close()
		return nil, fmt.Errorf("catalog: XLSX workbook has no sheet: %w", cxq.ErrInvalid)
	}
	rows, err := f.Rows(sheets[0])
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("catalog: XLSX: %v: %w", err, cxq.ErrInvalid)
	}
	closeAll := func() { rows.Close(); f.Close() }
	row := 0
	read := func() (int, []string, error) {
		if !rows.Next() {
			if err := rows.Error(); err != nil {
				return 0, nil, fmt.Errorf("catalog: XLSX: %v: %w", err, cxq.ErrInvalid)
			}
			return 0, nil, io.EOF
		}
		row++
		cells, err := rows.Columns()
		if err != nil {
			return 0, nil, fmt.Errorf("catalog: XLSX row %d: %v: %w", row, err, cxq.ErrInvalid)
		}
		return row, cells, nil
	}
	_, head, err := read()
	if err == io.EOF {
		closeAll()
		return nil, fmt.Errorf("catalog: empty list, no header row: %w", cxq.ErrInvalid)
	}
	if err != nil {
		closeAll()
		return nil, err
	}
	return &sheet{header: head, next: read, close: closeAll}, nil
}
