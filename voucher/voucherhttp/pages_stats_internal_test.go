package voucherhttp

import (
	"testing"

	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	"github.com/cxqkit/cxq/review"
	"github.com/cxqkit/cxq/voucher"
)

// TestContactMasked: who may not see a record's personal data gets its contact masked.
func TestContactMasked(t *testing.T) {
	t.Parallel()
	rec := voucher.Record{ID: "A1", EnterpriseID: "E1", Case: review.Case{District: "河西区"}}
	c := voucher.Contact{Name: "张三丰", Phone: "13800138000", Email: "zhang@example.com"}
	for _, tc := range []struct {
		who  voucher.Actor
		want []string
	}{
		{voucher.Actor{ID: "o", Role: voucher.RoleCoordinator}, []string{"张三丰", "13800138000", "zhang@example.com"}},
		{voucher.Actor{ID: "d", Role: voucher.RoleDistrict, District: "河西区"}, []string{"张三丰", "13800138000", "zhang@example.com"}},
		{voucher.Actor{ID: "n", Role: voucher.RoleDistrict, District: "南开区"}, []string{"张**", "138****8000", "z***@example.com"}},
		{voucher.Actor{ID: "p", Role: voucher.RoleProvider, Org: "V1"}, []string{"张**", "138****8000", "z***@example.com"}},
	} {
		require.Equal(t, tc.want, contact(tc.who, rec, c), "%s", tc.who.ID)
	}
	require.Equal(t, "022-****1774", maskPhone("022-27401774"))
	require.Equal(t, "****56", maskPhone("123456"))
}

func TestSheetName(t *testing.T) {
	t.Parallel()
	require.Equal(t, "a-b 1", sheetName("a/b", 0))
	require.LessOrEqual(t, len([]rune(sheetName("创新券申请 · 京津冀跨区域（企业→服务机构）按很长很长的名字再长一些", 11))), 31)
}

// TestDefusedLeavesNumbers: text cells starting like a formula get an apostrophe; counts
// and amounts, negative ones included, do not.
func TestDefusedLeavesNumbers(t *testing.T) {
	sh := sheet{columns: []column{textCol("a"), amountCol("b"), countCol("c"), textCol("d"), textCol("e")}}
	got := sh.defused([]string{"-3+4", "-100.00", "-1", "@SUM(A1)", "张三", "+86"})
	require.Equal(t, []string{"'-3+4", "-100.00", "-1", "'@SUM(A1)", "张三", "'+86"}, got, "a column past the sheet's is text")
}

// TestCellValueNumbers: amounts (negative ones too) and counts are numbers in an XLSX;
// anything else stays the text it is.
func TestCellValueNumbers(t *testing.T) {
	const yuan = 7
	require.Equal(t, excelize.Cell{StyleID: yuan, Value: 4000.5}, cellValue(amountCell, "4000.50", yuan))
	require.Equal(t, excelize.Cell{StyleID: yuan, Value: -1000.01}, cellValue(amountCell, "-1000.01", yuan))
	require.Equal(t, int64(12), cellValue(countCell, "12", yuan))
	for _, text := range []string{"", "abc", "1e5", "--1.00", "12.345"} {
		require.Equal(t, text, cellValue(amountCell, text, yuan), text)
	}
	require.Equal(t, "0010", cellValue(textCell, "0010", yuan))
}
