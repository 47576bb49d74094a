package sheets_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	"github.com/cxqkit/cxq"
	"github.com/cxqkit/cxq/catalog"
	"github.com/cxqkit/cxq/catalog/sheets"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// golden compares got with testdata/name, rewriting the file under -update.
func golden(t testing.TB, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		require.NoError(t, os.WriteFile(path, got, 0o644))
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err)
	require.Equal(t, string(want), string(got))
}

func mustJSON(t testing.TB, v any) []byte {
	t.Helper()
	b, err := json.MarshalIndent(v, "", "  ")
	require.NoError(t, err)
	return append(b, '\n')
}

// xlsxOf writes rows into the first sheet of a new workbook, with a second sheet that
// must be ignored.
func xlsxOf(t testing.TB, rows [][]string) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	require.NoError(t, f.SetSheetName("Sheet1", "实验室名录"))
	for i, r := range rows {
		cells := make([]any, len(r))
		for j, c := range r {
			cells[j] = c
		}
		cell, err := excelize.CoordinatesToCellName(1, i+1)
		require.NoError(t, err)
		require.NoError(t, f.SetSheetRow("实验室名录", cell, &cells))
	}
	_, err := f.NewSheet("说明")
	require.NoError(t, err)
	require.NoError(t, f.SetCellValue("说明", "A1", "编号"))
	var buf bytes.Buffer
	require.NoError(t, f.Write(&buf))
	return buf.Bytes()
}

func csvRows(t testing.TB, path string) [][]string {
	t.Helper()
	b, err := os.ReadFile(path)
	require.NoError(t, err)
	var rows [][]string
	for _, line := range strings.Split(strings.TrimSpace(string(b)), "\r\n") {
		rows = append(rows, strings.Split(line, ","))
	}
	return rows
}

func TestReadLabsFormatsAndEncodings(t *testing.T) {
	t.Parallel()
	want, _, err := sheets.ReadLabsFile("testdata/labs_utf8.csv", nil)
	require.NoError(t, err)
	golden(t, "labs.golden.json", mustJSON(t, want))

	// The reference file's facts, independently of the golden file.
	require.Len(t, want, 4)
	require.Equal(t, catalog.Lab{
		ID: "BJ-001", Region: catalog.Beijing, Name: "复杂产品先进制造系统教育部工程研究中心",
		LegalEntity: "北京中航先进工业技术研究...", Contact: "李萌", Phone: "82338428",
		Kind: catalog.EngineeringCenter, Services: []string{"复杂产品设计", "仿真分析"},
		Source: catalog.SourceOfficial, Truncated: []string{"legal_entity"},
	}, want[0])
	require.Equal(t, catalog.Tianjin, want[1].Region, "天津市 is read as 天津")
	require.Equal(t, []string{"燃烧特性测试", "尾气排放分析"}, want[1].Services)
	require.Equal(t, catalog.NationalKeyLab, want[1].Kind)
	require.Equal(t, catalog.ProvincialKeyLab, want[3].Kind)

	for _, file := range []string{"labs_bom.csv", "labs_gb18030.csv", "labs_utf16.txt", "labs.json"} {
		got, warn, err := sheets.ReadLabsFile(filepath.Join("testdata", file), nil)
		require.NoError(t, err, file)
		require.Empty(t, warn, file)
		require.Equal(t, want, got, file)
	}
	rows := csvRows(t, "testdata/labs_utf8.csv")
	rows[2][8] = "燃烧特性测试\n尾气排放分析" // the multi-line cell, which csvRows does not parse
	got, _, err := sheets.ReadLabs(bytes.NewReader(xlsxOf(t, rows)), sheets.XLSX, nil)
	require.NoError(t, err)
	require.Equal(t, want, got, "xlsx")
}

func TestReadLabsEncodingMatters(t *testing.T) {
	t.Parallel()
	b, err := os.ReadFile("testdata/labs_gb18030.csv")
	require.NoError(t, err)
	require.False(t, bytes.Contains(b, []byte("天津大学")), "the file really is GB18030")
	labs, _, err := sheets.ReadLabs(bytes.NewReader(b), sheets.CSV, nil)
	require.NoError(t, err)
	require.Equal(t, "天津大学", labs[1].LegalEntity)
}

func TestReadLabsProblemsByRowAndColumn(t *testing.T) {
	t.Parallel()
	_, _, err := sheets.ReadLabsFile("testdata/labs_bad.csv", nil)
	var re *sheets.ReadError
	require.ErrorAs(t, err, &re)
	require.ErrorIs(t, err, cxq.ErrInvalid)

	type loc struct {
		Row          int
		Column, Code string
	}
	var got []loc
	var text strings.Builder
	for _, p := range re.Problems {
		got = append(got, loc{p.Row, p.Column, p.Err.Code})
		text.WriteString(p.Message(cxq.ZH) + "\n" + p.Message(cxq.EN) + "\n")
	}
	require.Equal(t, []loc{
		{2, "phone", cxq.CodePhone},
		{3, "region", catalog.CodeUnknownRegion},
		{5, "legal_entity", cxq.CodeRequired},
		{5, "kind", catalog.CodeUnknownKind},
		{5, "id", catalog.CodeDuplicateID},
		{8, "name", cxq.CodeRequired},
		{8, "phone", cxq.CodePhone},
	}, got)
	require.Equal(t, "2", re.Problems[4].Err.Params["first"])
	require.Contains(t, re.Problems[1].Err.Params["accepted"], "河北")
	golden(t, "labs_bad.problems.golden", []byte(text.String()))

	labs, warnings, err := sheets.ReadLabsFile("testdata/labs_bad.csv", &sheets.ReadOptions{Lenient: true})
	require.NoError(t, err)
	require.Equal(t, re.Problems, warnings)
	ids := []string{}
	for _, l := range labs {
		ids = append(ids, l.ID)
	}
	require.Equal(t, []string{"A4", "A6"}, ids, "lenient mode keeps the valid rows only")
	require.Equal(t, "多行\n名称", labs[0].Name)
}

func TestReadLabsHeaders(t *testing.T) {
	t.Parallel()
	for name, tc := range map[string]struct {
		csv   string
		codes []string
	}{
		"missing required columns": {"编号,名称\n1,x\n", []string{sheets.CodeMissingColumn, sheets.CodeMissingColumn}},
		"duplicate column":         {"地区,region,名称,法人单位\n北京,北京,x,y\n", []string{sheets.CodeDuplicateColumn}},
	} {
		_, _, err := sheets.ReadLabs(strings.NewReader(tc.csv), sheets.CSV, &sheets.ReadOptions{Lenient: true})
		var re *sheets.ReadError
		require.ErrorAs(t, err, &re, name)
		var codes []string
		for _, p := range re.Problems {
			require.Equal(t, 1, p.Row, name)
			codes = append(codes, p.Err.Code)
		}
		require.Equal(t, tc.codes, codes, name)
	}
	// Without an id column IDs are derived, stable and unique per lab.
	src := "Region , NAME,法人单位*,法人单位\n北京,甲,乙,乙\n"
	_, _, err := sheets.ReadLabs(strings.NewReader(src), sheets.CSV, nil)
	require.Error(t, err, "two columns named 法人单位 after normalisation")
	labs, _, err := sheets.ReadLabs(strings.NewReader("Region , NAME,法人单位*\n北京,甲,乙\n"), sheets.CSV, nil)
	require.NoError(t, err)
	require.Equal(t, catalog.DeriveLabID(catalog.Beijing, "甲", "乙"), labs[0].ID)
	require.NotEqual(t, catalog.DeriveLabID(catalog.Beijing, "甲", "乙"), catalog.DeriveLabID(catalog.Beijing, "甲乙", ""))
}

func TestReadLimits(t *testing.T) {
	t.Parallel()
	head := "id,region,name,legal_entity\n"
	row := "x,北京,实验室,单位\n"
	cases := map[string]struct {
		input string
		opts  sheets.ReadOptions
		limit string
		row   int
	}{
		"bytes":   {head + row, sheets.ReadOptions{MaxBytes: 10}, "bytes", 0},
		"rows":    {head + "a,北京,n,u\nb,北京,n,u\nc,北京,n,u\n", sheets.ReadOptions{MaxRows: 2}, "rows", 4},
		"cell":    {head + "a,北京," + strings.Repeat("名", 100) + ",u\n", sheets.ReadOptions{MaxCellBytes: 200}, "cell_bytes", 2},
		"columns": {head + "a,北京,n,u" + strings.Repeat(",", 300) + "\n", sheets.ReadOptions{}, "columns", 2},
	}
	for name, tc := range cases {
		tc.opts.Lenient = true
		_, _, err := sheets.ReadLabs(strings.NewReader(tc.input), sheets.CSV, &tc.opts)
		var le *sheets.LimitError
		require.ErrorAs(t, err, &le, name)
		require.ErrorIs(t, err, cxq.ErrInvalid, name)
		require.Equal(t, tc.limit, le.Limit, name)
		require.Equal(t, tc.row, le.Row, name)
	}
	// Just under each limit is fine.
	_, _, err := sheets.ReadLabs(strings.NewReader(head+row), sheets.CSV, &sheets.ReadOptions{MaxBytes: int64(len(head + row)), MaxRows: 1})
	require.NoError(t, err)
}

func TestReadMalformed(t *testing.T) {
	t.Parallel()
	for name, tc := range map[string]struct {
		input  string
		format sheets.Format
	}{
		"empty csv":         {"", sheets.CSV},
		"bad quote":         {"id,region,name,legal_entity\n\"a,北京,n,u\n", sheets.CSV},
		"json not array":    {`{"id":"a"}`, sheets.JSON},
		"json bad object":   {`[{"id":"a","region":"北京","name":"n","legal_entity":"u"}, 3]`, sheets.JSON},
		"json null entry":   {`[{"id":"a","region":"北京","name":"n","legal_entity":"u"}, null]`, sheets.JSON},
		"json chinese keys": {`[{"地区":"北京","名称":"n","法人单位":"u"}]`, sheets.JSON},
		"not xlsx":          {"PK not really", sheets.XLSX},
		"invalid bytes":     {"id,region,name,legal_entity\n\xff\xff\xff,北京,n,u\n", sheets.CSV},
		"unknown format":    {"", sheets.Format("ods")},
	} {
		labs, _, err := sheets.ReadLabs(strings.NewReader(tc.input), tc.format, &sheets.ReadOptions{Lenient: true})
		require.ErrorIs(t, err, cxq.ErrInvalid, name)
		require.Nil(t, labs, name)
	}
}

func TestFormatOf(t *testing.T) {
	t.Parallel()
	for name, want := range map[string]sheets.Format{"a.CSV": sheets.CSV, "b.json": sheets.JSON, "c.xlsx": sheets.XLSX, "d.tsv": sheets.CSV} {
		got, err := sheets.FormatOf(name)
		require.NoError(t, err)
		require.Equal(t, want, got)
	}
	_, err := sheets.FormatOf("e.xls")
	require.True(t, errors.Is(err, cxq.ErrInvalid))
}

func TestReadBundledRoundTrip(t *testing.T) {
	t.Parallel()
	labs, err := catalog.BundledLabs()
	require.NoError(t, err)
	back, warn, err := sheets.ReadLabs(bytes.NewReader(mustJSON(t, labs)), sheets.JSON, &sheets.ReadOptions{Source: catalog.SourceSynthetic})
	require.NoError(t, err)
	require.Empty(t, warn)
	require.Len(t, back, len(labs))
	for i := range labs {
		want := labs[i]
		want.Source = catalog.SourceSynthetic
		want.Batch = labs[i].Batch
		require.Equal(t, want, back[i])
	}

	products, err := catalog.BundledProducts()
	require.NoError(t, err)
	gotP, _, err := sheets.ReadProducts(bytes.NewReader(mustJSON(t, products)), sheets.JSON, nil)
	require.NoError(t, err)
	require.Len(t, gotP, len(products))
	for i := range products {
		require.True(t, products[i].Listed.Equal(gotP[i].Listed))
		gotP[i].Listed = products[i].Listed
	}
	require.Equal(t, products, gotP)

	providers, err := catalog.BundledProviders()
	require.NoError(t, err)
	gotV, _, err := sheets.ReadProviders(bytes.NewReader(mustJSON(t, providers)), sheets.JSON, nil)
	require.NoError(t, err)
	require.Equal(t, providers, gotV)
}

func TestReadLabsProblemRowsXLSXAndJSON(t *testing.T) {
	t.Parallel()
	rows := [][]string{
		{"编号", "地区", "实验室名称", "法人单位", "联系电话"},
		{"a", "北京", "甲", "乙", "010-62423361"},
		{},
		{"b", "北京", "丙", "丁", "12345"},
	}
	_, _, err := sheets.ReadLabs(bytes.NewReader(xlsxOf(t, rows)), sheets.XLSX, nil)
	var re *sheets.ReadError
	require.ErrorAs(t, err, &re)
	require.Len(t, re.Problems, 1)
	require.Equal(t, 4, re.Problems[0].Row, "the blank spreadsheet row still counts")
	require.Equal(t, "联系电话", re.Problems[0].Column)

	js := `[{"id":"a","region":"北京","name":"甲","legal_entity":"乙"},
	        {"id":"b","region":"北京","name":"丙","legal_entity":"丁","kind":"实验室"},
	        {"id":"a","region":"北京","name":"戊","legal_entity":"己"}]`
	_, _, err = sheets.ReadLabs(strings.NewReader(js), sheets.JSON, nil)
	require.ErrorAs(t, err, &re)
	require.Len(t, re.Problems, 2)
	require.Equal(t, 2, re.Problems[0].Row)
	require.Equal(t, "kind", re.Problems[0].Column)
	require.Equal(t, 3, re.Problems[1].Row)
	require.Equal(t, catalog.CodeDuplicateID, re.Problems[1].Err.Code)
	require.Equal(t, "1", re.Problems[1].Err.Params["first"])
}
