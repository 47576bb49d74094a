package sheets

import (
	"errors"
	"io"
	"strings"

	"github.com/cxqkit/cxq"
	"github.com/cxqkit/cxq/catalog"
)

// Codes of header problems, reported on row 1.
const (
	CodeMissingColumn   = "missing_column"   // params: column (English and Chinese names)
	CodeDuplicateColumn = "duplicate_column" // params: column
)

// column describes one field of a list file and the header names it goes by.
type column struct {
	key      string   // English key, also the JSON key
	names    []string // other accepted headers (Chinese, variants)
	required bool     // the column must be present
}

// rowCells gives a builder the cells of one row by field key.
type rowCells struct {
	cells []string
	cols  map[string]int
}

func (c rowCells) has(key string) bool {
	_, ok := c.cols[key]
	return ok
}

func (c rowCells) get(key string) string {
	i, ok := c.cols[key]
	if !ok || i >= len(c.cells) {
		return ""
	}
	return strings.TrimSpace(c.cells[i])
}

// normHeader folds the spellings of one header together: case, spaces, BOM, full-width
// brackets and a trailing "*" (required-field marks in templates).
func normHeader(s string) string {
	s = strings.TrimPrefix(s, "\uFEFF")
	s = strings.TrimSpace(strings.TrimRight(strings.TrimSpace(s), "*＊"))
	s = strings.ReplaceAll(strings.ReplaceAll(s, "（", "("), "）", ")")
	s = strings.ReplaceAll(s, " ", "_")
	return strings.ToLower(s)
}

// bindColumns maps each field key to its column index; unknown columns are ignored.
func bindColumns(header []string, schema []column) (map[string]int, []Problem) {
	byName := map[string]string{}
	for _, c := range schema {
		byName[normHeader(c.key)] = c.key
		for _, n := range c.names {
			byName[normHeader(n)] = c.key
		}
	}
	cols := map[string]int{}
	var probs []Problem
	for i, h := range header {
		key, ok := byName[normHeader(h)]
		if !ok {
			continue
		}
		if _, dup := cols[key]; dup {
			probs = append(probs, Problem{Row: 1, Column: h, Err: cxq.NewFieldError(key, CodeDuplicateColumn,
				map[string]string{"column": h}, cxq.T("表头“{column}”重复", "column \"{column}\" appears twice"))})
			continue
		}
		cols[key] = i
	}
	for _, c := range schema {
		if _, ok := cols[c.key]; c.required && !ok {
			name := c.key
			if len(c.names) > 0 {
				name += " / " + c.names[0]
			}
			probs = append(probs, Problem{Row: 1, Err: cxq.NewFieldError(c.key, CodeMissingColumn,
				map[string]string{"column": name}, cxq.T("缺少“{column}”列", "missing column \"{column}\""))})
		}
	}
	return cols, probs
}

func schemaKeys(schema []column) []string {
	keys := make([]string, len(schema))
	for i, c := range schema {
		keys[i] = c.key
	}
	return keys
}

// builder turns the cells of one row into an item, its ID and its validation error.
type builder[T any] func(c rowCells) (item T, id string, err error)

// readList reads a list file of any format into items, reporting every problem with its
// row and column.
func readList[T any](r io.Reader, format Format, opts *ReadOptions, schema []column, build builder[T]) ([]T, []Problem, error) {
	o := opts.withDefaults()
	sh, err := openSheet(r, format, o, schemaKeys(schema))
	if err != nil {
		return nil, nil, err
	}
	defer sh.close()
	cols, probs := bindColumns(sh.header, schema)
	if len(probs) > 0 {
		return nil, nil, &ReadError{Problems: probs}
	}
	colName := func(field string) string {
		if i, ok := cols[fieldRoot(field)]; ok && i < len(sh.header) {
			return strings.TrimSpace(strings.TrimPrefix(sh.header[i], "\uFEFF"))
		}
		return ""
	}
	hint := min(sh.rowsHint, o.MaxRows)
	items := make([]T, 0, hint)
	firstRow := make(map[string]int, hint)
	rows := 0
	for {
		row, cells, err := sh.next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, nil, err
		}
		if blank(cells) {
			continue
		}
		if rows++; rows > o.MaxRows {
			return nil, nil, &LimitError{Limit: "rows", Max: int64(o.MaxRows), Row: row}
		}
		for i, c := range cells {
			if len(c) > o.MaxCellBytes {
				name := ""
				if i < len(sh.header) {
					name = sh.header[i]
				}
				return nil, nil, &LimitError{Limit: "cell_bytes", Max: int64(o.MaxCellBytes), Row: row, Column: name}
			}
		}
		item, id, verr := build(rowCells{cells: cells, cols: cols})
		before := len(probs)
		var ve *cxq.ValidationError
		if errors.As(verr, &ve) {
			for _, fe := range ve.Errors {
				probs = append(probs, Problem{Row: row, Column: colName(fe.Field), Err: fe})
			}
		} else if verr != nil {
			probs = append(probs, Problem{Row: row, Err: cxq.NewFieldError("", cxq.CodeInvalid,
				map[string]string{"reason": verr.Error()}, cxq.T("{reason}", "{reason}"))})
		}
		if id != "" {
			if first, dup := firstRow[id]; dup {
				probs = append(probs, Problem{Row: row, Column: colName("id"), Err: cxq.NewFieldError("id", catalog.CodeDuplicateID,
					map[string]string{"value": cxq.Clip(id, 40), "first": itoa(first)},
					cxq.T("编号“{value}”与第 {first} 行重复", "ID \"{value}\" already used on row {first}"))})
			} else {
				firstRow[id] = row
			}
		}
		if len(probs) == before {
			items = append(items, item)
		}
	}
	if len(probs) > 0 && !o.Lenient {
		return nil, nil, &ReadError{Problems: probs}
	}
	return items, probs, nil
}

func blank(cells []string) bool {
	for _, c := range cells {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

func itoa(n int) string {
	var b [20]byte
	i := len(b)
	if n == 0 {
		return "0"
	}
	for n > 0 {
		i--
		b[i] = byte('0' + n%10)
		n /= 10
	}
	return string(b[i:])
}

// splitList splits a cell holding several items, one per line or separated by ";", "；"
// or "|"; with spaces true, also by spaces. Empty items are dropped.
func splitList(s string, spaces bool) []string {
	f := func(r rune) bool {
		switch r {
		case '\n', '\r', ';', '；', '|':
			return true
		case ' ', '\u3000', '\t':
			return spaces
		}
		return false
	}
	parts := strings.FieldsFunc(s, f)
	out := parts[:0]
	for _, p := range parts {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	if len(out) == 0 {
		return nil
	}
	return out
}
