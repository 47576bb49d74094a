package catalog_test

import (
	"bytes"
	"os"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cxqkit/cxq"
	"github.com/cxqkit/cxq/catalog"
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
		opts := &catalog.ReadOptions{Lenient: lenient, MaxRows: 1000, MaxCellBytes: 2000}
		labs, warnings, err := catalog.ReadLabs(bytes.NewReader(data), catalog.CSV, opts)
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
