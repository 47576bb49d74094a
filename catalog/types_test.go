package catalog_test

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/cxqkit/cxq"
	"github.com/cxqkit/cxq/catalog"
)

func TestParseRegion(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]catalog.Region{
		"北京": catalog.Beijing, " 北京市 ": catalog.Beijing, "Tianjin": catalog.Tianjin, "HEBEI": catalog.Hebei,
		"河北省": catalog.Hebei, "广西壮族自治区": "广西", "Hong Kong": "香港",
	} {
		got, err := catalog.ParseRegion(in)
		require.NoError(t, err, in)
		require.Equal(t, want, got, in)
	}
	for _, in := range []string{"", "北", "Peking", "京津冀"} {
		_, err := catalog.ParseRegion(in)
		var fe *cxq.FieldError
		require.ErrorAs(t, err, &fe, in)
		require.Equal(t, catalog.CodeUnknownRegion, fe.Code)
		require.Contains(t, fe.Params["accepted"], "北京、天津、河北")
	}
	require.Equal(t, cxq.T("河北", "Hebei"), catalog.Hebei.Label())
	require.Equal(t, "天津市", catalog.Tianjin.FullName())
	require.Len(t, catalog.Regions(), 34)
	require.Equal(t, []catalog.Region{"北京", "天津", "河北"}, catalog.JJJRegions())
}

func TestParseLabKind(t *testing.T) {
	t.Parallel()
	for _, k := range catalog.LabKinds() {
		for _, in := range []string{string(k), k.Key(), k.Label().EN} {
			got, err := catalog.ParseLabKind(in)
			require.NoError(t, err, in)
			require.Equal(t, k, got, in)
		}
		require.NotEqual(t, k.Label().ZH, k.Label().EN)
	}
	for in, want := range map[string]catalog.LabKind{
		"国家重点实验室": catalog.NationalKeyLab, "工程研究中心": catalog.EngineeringCenter, "新型研发机构": catalog.NewRDOrganisation,
		"national KEY laboratory": catalog.NationalKeyLab,
	} {
		got, err := catalog.ParseLabKind(in)
		require.NoError(t, err)
		require.Equal(t, want, got)
	}
	_, err := catalog.ParseLabKind("重点实验室")
	require.ErrorIs(t, err, cxq.ErrInvalid)
	require.Len(t, catalog.LabKinds(), 10)
}

func validLab() catalog.Lab {
	return catalog.Lab{ID: "L-1", Region: catalog.Tianjin, Name: "内燃机燃烧学国家重点实验室", LegalEntity: "天津大学",
		Contact: "李静", Phone: "022-27401774", Kind: catalog.NationalKeyLab, Source: catalog.SourceOfficial}
}

func TestLabValidate(t *testing.T) {
	t.Parallel()
	long := func(n int) string { return strings.Repeat("实", n) }
	cases := map[string]struct {
		edit  func(*catalog.Lab)
		field string
		code  string
	}{
		"valid":             {func(*catalog.Lab) {}, "", ""},
		"no kind is fine":   {func(l *catalog.Lab) { l.Kind = "" }, "", ""},
		"name at the limit": {func(l *catalog.Lab) { l.Name = long(catalog.MaxLabNameLen) }, "", ""},
		"missing id":        {func(l *catalog.Lab) { l.ID = " " }, "id", cxq.CodeRequired},
		"id with space":     {func(l *catalog.Lab) { l.ID = "a b" }, "id", catalog.CodeBadID},
		"missing region":    {func(l *catalog.Lab) { l.Region = "" }, "region", cxq.CodeRequired},
		"long form region":  {func(l *catalog.Lab) { l.Region = "天津市" }, "region", catalog.CodeUnknownRegion},
		"missing name":      {func(l *catalog.Lab) { l.Name = "" }, "name", cxq.CodeRequired},
		"name too long":     {func(l *catalog.Lab) { l.Name = long(catalog.MaxLabNameLen + 1) }, "name", cxq.CodeTooLong},
		"missing legal":     {func(l *catalog.Lab) { l.LegalEntity = "" }, "legal_entity", cxq.CodeRequired},
		"bad phone":         {func(l *catalog.Lab) { l.Phone = "022-0000" }, "phone", cxq.CodePhone},
		"unknown kind":      {func(l *catalog.Lab) { l.Kind = "实验室" }, "kind", catalog.CodeUnknownKind},
		"empty service":     {func(l *catalog.Lab) { l.Services = []string{"光谱", ""} }, "services[1]", cxq.CodeRequired},
		"too many services": {func(l *catalog.Lab) { l.Services = make([]string, catalog.MaxServices+1) }, "services", catalog.CodeTooMany},
		"unknown source":    {func(l *catalog.Lab) { l.Source = "web" }, "source", catalog.CodeUnknownSource},
		"missing source":    {func(l *catalog.Lab) { l.Source = "" }, "source", cxq.CodeRequired},
	}
	for name, tc := range cases {
		l := validLab()
		tc.edit(&l)
		err := l.Validate()
		if tc.code == "" {
			require.NoError(t, err, name)
			continue
		}
		var ve *cxq.ValidationError
		require.ErrorAs(t, err, &ve, name)
		require.Equal(t, []string{tc.code}, ve.Codes(), name)
		require.True(t, ve.Has(tc.field, tc.code), "%s: %v", name, err)
		require.NotEmpty(t, ve.Message(cxq.ZH))
	}
}

func TestProductAndProviderValidate(t *testing.T) {
	t.Parallel()
	p := catalog.Product{ID: "p1", Name: "气相色谱仪", ProviderID: "v1", Category: catalog.Category{Top: "仪器设备", Sub: "仪器共享"},
		Price: catalog.Price{Amount: cxq.MustMoney("100.00"), Unit: "项"}, Listed: time.Date(2017, 7, 11, 0, 0, 0, 0, time.UTC)}
	require.NoError(t, p.Validate())
	bad := p
	bad.Price.Amount = cxq.Yuan(1).Neg()
	bad.Views = -1
	bad.Listed = time.Time{}
	bad.Category.Top = ""
	var ve *cxq.ValidationError
	require.ErrorAs(t, bad.Validate(), &ve)
	require.Equal(t, []string{cxq.CodeRequired, catalog.CodeNegative, cxq.CodeRequired, catalog.CodeNegative}, ve.Codes())
	require.True(t, ve.Has("category.top", cxq.CodeRequired))
	require.True(t, ve.Has("price.amount", catalog.CodeNegative))

	v := catalog.Provider{ID: "v1", Name: "某检测中心", Region: catalog.Beijing, District: "昌平", Park: "未来科学城", CentralSOE: true, Phone: "010-55501005"}
	require.NoError(t, v.Validate())
	v.USCC = "123"
	v.Phone = "1"
	v.Region = "Atlantis"
	require.ErrorAs(t, v.Validate(), &ve)
	require.True(t, ve.Has("uscc", ""))
	require.True(t, ve.Has("phone", cxq.CodePhone))
	require.True(t, ve.Has("region", catalog.CodeUnknownRegion))
}

func TestParsePriceCategoryDate(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{
		"100.00 元/项": "100.00 元/项", "100元/次": "100.00 元/次", "¥1,200.5／样": "1200.50 元/样", "80": "80.00 元",
	} {
		p, err := catalog.ParsePrice(in)
		require.NoError(t, err, in)
		require.Equal(t, want, p.String(), in)
	}
	for _, in := range []string{"", "元/项", "100 元/", "abc"} {
		_, err := catalog.ParsePrice(in)
		require.ErrorIs(t, err, cxq.ErrInvalid, in)
	}
	for in, want := range map[string]catalog.Category{
		"仪器设备 - 仪器共享": {Top: "仪器设备", Sub: "仪器共享"}, "检测认证/检验检测": {Top: "检测认证", Sub: "检验检测"},
		"科技咨询": {Top: "科技咨询"},
	} {
		c, err := catalog.ParseCategory(in)
		require.NoError(t, err)
		require.Equal(t, want, c)
	}
	_, err := catalog.ParseCategory("/仪器共享")
	require.ErrorIs(t, err, cxq.ErrInvalid)
	for _, in := range []string{"2017-7-11", "2017/07/11", "2017年7月11日", "2017-07-11T00:00:00+08:00"} {
		d, err := catalog.ParseDate(in)
		require.NoError(t, err, in)
		require.Equal(t, "2017-07-11 +0800", d.Format("2006-01-02 -0700"), in)
	}
	_, err = catalog.ParseDate("11/07/2017")
	require.ErrorIs(t, err, cxq.ErrInvalid)
}

// A value that is not a known region or kind, an alias or full name among them, is not
// Valid and is its own label, full name and key.
func TestUnknownValuesNameThemselves(t *testing.T) {
	t.Parallel()
	for _, r := range []catalog.Region{"北京市", "Beijing", "京津冀", ""} {
		require.False(t, r.Valid(), r)
		require.Equal(t, cxq.T(string(r), string(r)), r.Label(), r)
		require.Equal(t, string(r), r.FullName(), r)
	}
	for _, k := range []catalog.LabKind{"国家重点实验室", "national_key_lab", "重点实验室", ""} {
		require.False(t, k.Valid(), k)
		require.Equal(t, cxq.T(string(k), string(k)), k.Label(), k)
		require.Equal(t, string(k), k.Key(), k)
	}
	require.True(t, catalog.Beijing.Valid())
	require.True(t, catalog.NationalKeyLab.Valid())
	require.Equal(t, "national_key_lab", catalog.NationalKeyLab.Key())
}
