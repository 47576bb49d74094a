package sheets_test

import (
	"bytes"
	"os"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cxqkit/cxq"
	"github.com/cxqkit/cxq/catalog"
	"github.com/cxqkit/cxq/catalog/sheets"
)

// FuzzReadLabsCSV feeds arbitrary bytes to the CSV reader: it must never panic, every
// failure must match cxq.ErrInvalid, and every lab it returns must be valid and unique.
func FuzzReadLabsCSV(f *testing.F) {
	for _, name := range []string{"labs_utf8.csv", "labs_bom.csv", "labs_gb18030.csv", "labs_utf16.txt", "labs_bad.csv"} {
		b, err := os.ReadFile("testdata/" + name)
		require.NoError(f, err)
		f.Add(b, false)
	}
	f.Add([]byte("id,region,name,legal_entity\n\"a\"\"\",北京,\"x\ny\",z\n"), true)
	f.Add([]byte("\xef\xbb\xbf地区,名称,法人单位\n河北,甲,乙\n,,\n"), true)
	f.Fuzz(func(t *testing.T, data []byte, lenient bool) {
		opts := &sheets.ReadOptions{Lenient: lenient, MaxRows: 1000, MaxCellBytes: 2000}
		labs, warnings, err := sheets.ReadLabs(bytes.NewReader(data), sheets.CSV, opts)
		if err != nil {
			require.ErrorIs(t, err, cxq.ErrInvalid)
			require.Nil(t, labs)
			return
		}
		if !lenient {
			require.Empty(t, warnings)
		}
		seen := map[string]bool{}
		for _, l := range labs {
			require.NoError(t, l.Validate())
			require.False(t, seen[l.ID], "duplicate %s", l.ID)
			seen[l.ID] = true
		}
		for _, w := range warnings {
			require.Positive(t, w.Row)
			require.NotNil(t, w.Err)
		}
	})
}

// FuzzReadLabsJSON: arbitrary JSON never panics and yields only valid, unique labs.
func FuzzReadLabsJSON(f *testing.F) {
	b, err := os.ReadFile("testdata/labs.json")
	require.NoError(f, err)
	f.Add(b)
	f.Add([]byte(`[{"id":1,"region":"北京","name":["a"],"legal_entity":{"top":"x"},"kind":null}]`))
	f.Fuzz(func(t *testing.T, data []byte) {
		labs, _, err := sheets.ReadLabs(bytes.NewReader(data), sheets.JSON, &sheets.ReadOptions{Lenient: true, MaxRows: 1000})
		if err != nil {
			require.ErrorIs(t, err, cxq.ErrInvalid)
			return
		}
		seen := map[string]bool{}
		for _, l := range labs {
			require.NoError(t, l.Validate())
			require.False(t, seen[l.ID])
			seen[l.ID] = true
		}
	})
}

// FuzzParsers: the cell parsers never panic, fail only with field errors, and what
// they accept prints back to something they accept again with the same value.
func FuzzParsers(f *testing.F) {
	for _, s := range []string{"100.00 元/项", "¥1,200/样", "仪器设备 - 仪器共享", "2017-7-11", "2017年7月11日", "天津市", "国家重点实验室"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if p, err := catalog.ParsePrice(s); err == nil {
			again, err := catalog.ParsePrice(p.String())
			require.NoError(t, err, p.String())
			require.True(t, again.Amount.Equal(p.Amount))
			require.Equal(t, p.Unit, again.Unit)
		} else {
			require.ErrorIs(t, err, cxq.ErrInvalid)
		}
		if c, err := catalog.ParseCategory(s); err == nil {
			require.NotEmpty(t, c.Top)
		} else {
			require.ErrorIs(t, err, cxq.ErrInvalid)
		}
		if _, err := catalog.ParseDate(s); err != nil {
			require.ErrorIs(t, err, cxq.ErrInvalid)
		}
		if r, err := catalog.ParseRegion(s); err == nil {
			require.True(t, r.Valid())
		} else {
			require.ErrorIs(t, err, cxq.ErrInvalid)
		}
		if k, err := catalog.ParseLabKind(s); err == nil {
			require.True(t, k.Valid())
		} else {
			require.ErrorIs(t, err, cxq.ErrInvalid)
		}
	})
}
