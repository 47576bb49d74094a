package policytest

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"
)

// Case is one row of a table: its line in the file and its columns by name.
type Case struct {
	File   string
	Line   int
	Fields map[string]string
}

// Get returns the column's value, trimmed, or "".
func (c Case) Get(col string) string { return strings.TrimSpace(c.Fields[col]) }

// Name returns the case's label: its name column, or "line N".
func (c Case) Name() string {
	if n := c.Get("name"); n != "" {
		return n
	}
	return fmt.Sprintf("line %d", c.Line)
}

// Load reads a table named name (".json" means JSON, anything else CSV). Blank CSV rows
// and rows whose first cell starts with "#" are skipped.
func Load(name string, r io.Reader) ([]Case, error) {
	if strings.EqualFold(filepath.Ext(name), ".json") {
		return loadJSON(name, r)
	}
	return loadCSV(name, r)
}

func loadCSV(name string, r io.Reader) ([]Case, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	cr.Comment = '#'
	header, err := cr.Read()
	if err != nil {
		return nil, fmt.Errorf("%s: header: %w", name, err)
	}
	for i := range header {
		header[i] = strings.TrimSpace(header[i])
	}
	var out []Case
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			return out, nil
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		line, _ := cr.FieldPos(0)
		if len(rec) > len(header) {
			return nil, fmt.Errorf("%s:%d: %d cells for %d columns", name, line, len(rec), len(header))
		}
		c := Case{File: name, Line: line, Fields: map[string]string{}}
		for i, v := range rec {
			c.Fields[header[i]] = v
		}
		out = append(out, c)
	}
}

func loadJSON(name string, r io.Reader) ([]Case, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	if t, err := dec.Token(); err != nil || t != json.Delim('[') {
		return nil, fmt.Errorf("%s: a JSON table is an array of objects", name)
	}
	var out []Case
	for dec.More() {
		start := dec.InputOffset()
		var fields map[string]string
		if err := dec.Decode(&fields); err != nil {
			return nil, fmt.Errorf("%s:%d: %w", name, lineAt(data, start), err)
		}
		out = append(out, Case{File: name, Line: lineAt(data, start), Fields: fields})
	}
	return out, nil
}

// lineAt returns the line of the first non-space byte at or after off.
func lineAt(data []byte, off int64) int {
	for int(off) < len(data) && strings.ContainsRune(" \t\r\n,", rune(data[off])) {
		off++
	}
	return bytes.Count(data[:off], []byte("\n")) + 1
}
