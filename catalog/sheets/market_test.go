package sheets_test

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/cxqkit/cxq/catalog"
	"github.com/cxqkit/cxq/catalog/sheets"
)

func TestReadProductsCSV(t *testing.T) {
	t.Parallel()
	src := "服务承诺,产品名称,收费标准,所在地,产品类型,上架时间,浏览量,创新券,编号,机构编号\n" +
		"客户至上 如实描述,气相色谱仪,100.00 元/项,天津,仪器设备 - 仪器共享,2017-7-11,112次,是,p1,v1\n" +
		",坏产品,免费,天津,仪器设备,2017-13-1,很多,也许,p2,v1\n"
	_, _, err := sheets.ReadProducts(strings.NewReader(src), sheets.CSV, nil)
	var re *sheets.ReadError
	require.ErrorAs(t, err, &re)
	type loc struct {
		Row          int
		Column, Code string
	}
	var got []loc
	for _, p := range re.Problems {
		got = append(got, loc{p.Row, p.Column, p.Err.Code})
	}
	require.Equal(t, []loc{
		{3, "收费标准", catalog.CodeBadPrice}, {3, "上架时间", catalog.CodeBadDate},
		{3, "浏览量", sheets.CodeBadNumber}, {3, "创新券", sheets.CodeBadBool},
	}, got)

	ps, warn, err := sheets.ReadProducts(strings.NewReader(src), sheets.CSV, &sheets.ReadOptions{Lenient: true})
	require.NoError(t, err)
	require.Len(t, warn, 4)
	require.Len(t, ps, 1)
	gc := ps[0]
	require.Equal(t, "100.00 元/项", gc.Price.String())
	require.Equal(t, "仪器设备 - 仪器共享", gc.Category.String())
	require.Equal(t, 112, gc.Views)
	require.True(t, gc.Voucher)
	require.Equal(t, []string{"客户至上", "如实描述"}, gc.Promise)
	require.Equal(t, "2017-07-11", gc.Listed.Format(time.DateOnly))
}

func TestReadProvidersCSV(t *testing.T) {
	t.Parallel()
	src := "编号,单位名称,地区,区县,园区,中央单位,联系电话\nv1,某检测中心,北京市,昌平,未来科学城,是,010-55501005\nv1,另一单位,北京,,,否,\n"
	_, _, err := sheets.ReadProviders(strings.NewReader(src), sheets.CSV, nil)
	var re *sheets.ReadError
	require.ErrorAs(t, err, &re)
	require.Len(t, re.Problems, 1)
	require.Equal(t, 3, re.Problems[0].Row)
	require.Equal(t, "编号", re.Problems[0].Column)
	require.Equal(t, catalog.CodeDuplicateID, re.Problems[0].Err.Code)
	vs, _, err := sheets.ReadProviders(strings.NewReader(src[:len(src)-len("v1,另一单位,北京,,,否,\n")]), sheets.CSV, nil)
	require.NoError(t, err)
	require.Equal(t, catalog.Provider{ID: "v1", Name: "某检测中心", Region: catalog.Beijing, District: "昌平", Park: "未来科学城",
		CentralSOE: true, Phone: "010-55501005"}, vs[0])
}
