package sheets

import (
	"fmt"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/cxqkit/cxq"
	"github.com/cxqkit/cxq/catalog"
)

// Format is the format of a list file.
type Format string

// The formats the readers accept.
const (
	CSV  Format = "csv"  // comma- (or tab-) separated, UTF-8 with or without BOM, GB18030/GBK or UTF-16 with BOM
	JSON Format = "json" // an array of objects with the English keys
	XLSX Format = "xlsx" // Excel workbook: the first sheet, header in the first row
)

// FormatOf picks the format from a file name's extension (.csv, .json, .xlsx; any case).
func FormatOf(name string) (Format, error) {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".csv", ".txt", ".tsv":
		return CSV, nil
	case ".json":
		return JSON, nil
	case ".xlsx":
		return XLSX, nil
	}
	return "", fmt.Errorf("catalog: %q: unknown list format (want .csv, .json or .xlsx): %w", name, cxq.ErrInvalid)
}

// Default limits of ReadOptions.
const (
	DefaultMaxBytes     = 64_000_000 // 64 MB
	DefaultMaxRows      = 200_000
	DefaultMaxCellBytes = 8_000
	DefaultMaxColumns   = 256
)

// ReadOptions tune the readers. A nil *ReadOptions means all defaults.
//
// The limits bound the memory a read takes to a small multiple of MaxBytes: the input is
// read whole (CSV must be, to detect its encoding), and an XLSX workbook may unzip to at
// most 10 × MaxBytes. Going over any limit is a *LimitError, never a truncated list.
type ReadOptions struct {
	// Lenient keeps the valid rows and returns the problems of the others as warnings.
	// By default any problem fails the whole read with a *ReadError and returns no rows.
	Lenient bool
	// MaxBytes limits the size of the input. Defaults to 64 MB (DefaultMaxBytes).
	MaxBytes int64
	// MaxRows limits the number of data rows (the header not counted). Defaults to
	// 200,000 (DefaultMaxRows).
	MaxRows int
	// MaxCellBytes limits the size of one cell in bytes of UTF-8. Defaults to 8,000
	// (DefaultMaxCellBytes).
	MaxCellBytes int
	// MaxColumns limits the number of columns of a CSV line (counted as its separators
	// plus one, quoted ones included). Defaults to 256 (DefaultMaxColumns).
	MaxColumns int
	// Source is the Source given to every lab read. Defaults to SourceOfficial.
	Source catalog.Source
	// Batch is the Batch of labs whose row gives none. Defaults to empty.
	Batch string
}

func (o *ReadOptions) withDefaults() ReadOptions {
	var v ReadOptions
	if o != nil {
		v = *o
	}
	if v.MaxBytes <= 0 {
		v.MaxBytes = DefaultMaxBytes
	}
	if v.MaxRows <= 0 {
		v.MaxRows = DefaultMaxRows
	}
	if v.MaxCellBytes <= 0 {
		v.MaxCellBytes = DefaultMaxCellBytes
	}
	if v.MaxColumns <= 0 {
		v.MaxColumns = DefaultMaxColumns
	}
	if v.Source == "" {
		v.Source = catalog.SourceOfficial
	}
	return v
}

// Problem is one problem in a list file, located by row and column.
//
// Row counts as a spreadsheet does: in CSV and XLSX the header is row 1 and the first
// data row is row 2 (in CSV, the line on which the record starts); in JSON, Row is the
// 1-based position of the object in the array. Column is the header as written in the
// file ("联系电话") or the JSON key; it is empty for a problem with a whole row.
type Problem struct {
	Row    int             `json:"row"`
	Column string          `json:"column,omitempty"`
	Err    *cxq.FieldError `json:"error"`
}

// Message renders the problem in lang: "第 3 行“联系电话”：…" or "row 3, column 联系电话: …".
func (p Problem) Message(lang cxq.Lang) string {
	msg := p.Err.Message(lang)
	if lang == cxq.EN {
		loc := "row " + strconv.Itoa(p.Row)
		if p.Column != "" {
			loc += ", column " + p.Column
		}
		return loc + ": " + msg
	}
	loc := "第 " + strconv.Itoa(p.Row) + " 行"
	if p.Column != "" {
		loc += "“" + p.Column + "”"
	}
	return loc + "：" + msg
}

// Error returns the English message.
func (p Problem) Error() string { return p.Message(cxq.EN) }

// Unwrap returns the field error, which matches cxq.ErrInvalid.
func (p Problem) Unwrap() error { return p.Err }

// ReadError lists every problem of a rejected list file, in row order. It matches
// cxq.ErrInvalid.
type ReadError struct {
	Problems []Problem
}

// Error summarises the problems in English.
func (e *ReadError) Error() string {
	const show = 5
	var b strings.Builder
	fmt.Fprintf(&b, "catalog: %d problem(s) in list", len(e.Problems))
	for i, p := range e.Problems {
		if i == show {
			fmt.Fprintf(&b, "; and %d more", len(e.Problems)-show)
			break
		}
		b.WriteString("; ")
		b.WriteString(p.Error())
	}
	return b.String()
}

// Is reports true for cxq.ErrInvalid.
func (e *ReadError) Is(target error) bool { return target == cxq.ErrInvalid }

// LimitError reports an input over one of the limits of ReadOptions. It matches
// cxq.ErrInvalid.
type LimitError struct {
	Limit  string // "bytes", "rows", "columns" or "cell_bytes"
	Max    int64  // the limit in force
	Row    int    // the row where it was exceeded, for rows and cells
	Column string // the column of an oversized cell
}

func (e *LimitError) Error() string {
	switch e.Limit {
	case "rows":
		return fmt.Sprintf("catalog: list has more than %d rows (ReadOptions.MaxRows)", e.Max)
	case "columns":
		return fmt.Sprintf("catalog: line %d has more than %d columns (ReadOptions.MaxColumns)", e.Row, e.Max)
	case "cell_bytes":
		return fmt.Sprintf("catalog: row %d, column %s: cell larger than %d bytes (ReadOptions.MaxCellBytes)", e.Row, e.Column, e.Max)
	}
	return fmt.Sprintf("catalog: list larger than %d bytes (ReadOptions.MaxBytes)", e.Max)
}

// Is reports true for cxq.ErrInvalid.
func (e *LimitError) Is(target error) bool { return target == cxq.ErrInvalid }
