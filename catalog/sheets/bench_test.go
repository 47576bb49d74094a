package sheets_test

import (
	"bytes"
	"encoding/csv"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cxqkit/cxq/catalog"
	"github.com/cxqkit/cxq/catalog/sheets"
	"github.com/cxqkit/cxq/internal/labgen"
)

// labsCSV writes labs as an official CSV list with Chinese headers.
func labsCSV(tb testing.TB, labs []catalog.Lab) []byte {
	tb.Helper()
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	require.NoError(tb, w.Write([]string{"编号", "地区", "实验室名称", "法人单位", "联系人", "联系电话", "类型", "服务内容"}))
	for _, l := range labs {
		require.NoError(tb, w.Write([]string{l.ID, string(l.Region), l.Name, l.LegalEntity, l.Contact, l.Phone,
			string(l.Kind), strings.Join(l.Services, ";")}))
	}
	w.Flush()
	require.NoError(tb, w.Error())
	return buf.Bytes()
}

// BenchmarkReadLabsCSV100k loads a 100,000-row CSV list (about 20 MB of UTF-8).
func BenchmarkReadLabsCSV100k(b *testing.B) {
	data := labsCSV(b, labgen.Generate(100_000, 1))
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		labs, _, err := sheets.ReadLabs(bytes.NewReader(data), sheets.CSV, nil)
		if err != nil || len(labs) != 100_000 {
			b.Fatalf("got %d labs, %v", len(labs), err)
		}
	}
}

func TestReadLabsCSVLarge(t *testing.T) {
	t.Parallel()
	want := labgen.Generate(5000, 3)
	got, warn, err := sheets.ReadLabs(bytes.NewReader(labsCSV(t, want)), sheets.CSV, &sheets.ReadOptions{Source: catalog.SourceSynthetic, Batch: "首批"})
	require.NoError(t, err)
	require.Empty(t, warn)
	require.Equal(t, want, got)
}
