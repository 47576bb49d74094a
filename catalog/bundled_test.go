package catalog_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/cxqkit/cxq"
	"github.com/cxqkit/cxq/catalog"
)

// manualCards are the six cards of section 四 of the reference manual, copied from the
// manual independently of ManualLabs.
var manualCards = []struct{ region, name, legal, contact, phone string }{
	{"北京", "复杂产品先进制造系统教育部工程研究中心", "北京中航先进工业技术研究...", "李萌", "82338428"},
	{"天津", "内燃机燃烧学国家重点实验室", "天津大学", "李静", "022-27401774"},
	{"河北", "道路与铁道工程安全保障", "石家庄铁道大学", "卜建清", "18931862517"},
	{"北京", "北京大学生殖内分泌与辅助生殖技术北京市重点实验室", "北京大学第三医院", "马靖", "62423361"},
	{"天津", "系统生物工程教育部重点实验室", "天津大学", "李静", "022-27401774"},
	{"河北", "河北省交通应急保障工程技术研究中心", "石家庄铁道大学", "徐光兴", "15511336738"},
}

func TestBundledLabs(t *testing.T) {
	t.Parallel()
	labs, err := catalog.BundledLabs()
	require.NoError(t, err)
	require.Len(t, labs, catalog.BundledLabCount)
	require.Len(t, labs, 753)
	ids := map[string]bool{}
	regions := map[catalog.Region]bool{}
	kinds := map[catalog.LabKind]bool{}
	sources := map[catalog.Source]int{}
	for _, l := range labs {
		require.NoError(t, l.Validate(), l.ID)
		require.False(t, ids[l.ID], "duplicate ID %s", l.ID)
		ids[l.ID] = true
		regions[l.Region] = true
		kinds[l.Kind] = true
		sources[l.Source]++
		if l.Source == catalog.SourceSynthetic {
			require.Regexp(t, `^(010|022|0311)-5550\d{4}$`, l.Phone, "fictitious phone pattern")
		}
	}
	require.Len(t, regions, 3)
	require.Len(t, kinds, len(catalog.LabKinds()))
	require.Equal(t, map[catalog.Source]int{catalog.SourceManual: 6, catalog.SourceSynthetic: 747}, sources)
}

func TestBundledLabsHoldManualCardsVerbatim(t *testing.T) {
	t.Parallel()
	labs, err := catalog.BundledLabs()
	require.NoError(t, err)
	for _, c := range manualCards {
		var found *catalog.Lab
		for i := range labs {
			if labs[i].Name == c.name {
				require.Nil(t, found, "name %s twice", c.name)
				found = &labs[i]
			}
		}
		require.NotNil(t, found, c.name)
		require.Equal(t, catalog.Region(c.region), found.Region)
		require.Equal(t, c.legal, found.LegalEntity)
		require.Equal(t, c.contact, found.Contact)
		require.Equal(t, c.phone, found.Phone)
		require.Equal(t, catalog.SourceManual, found.Source)
		if c.legal == "北京中航先进工业技术研究..." {
			require.Equal(t, []string{"legal_entity"}, found.Truncated)
		} else {
			require.Empty(t, found.Truncated)
		}
	}
	require.Equal(t, catalog.ManualLabs(), labs[:6], "manual labs come first")
}

func TestBundledMarketplace(t *testing.T) {
	t.Parallel()
	providers, err := catalog.BundledProviders()
	require.NoError(t, err)
	products, err := catalog.BundledProducts()
	require.NoError(t, err)
	require.GreaterOrEqual(t, len(products), 40)
	byID := map[string]catalog.Provider{}
	for _, p := range providers {
		require.NoError(t, p.Validate(), p.ID)
		byID[p.ID] = p
	}
	tops := map[string]bool{}
	ids := map[string]bool{}
	for _, p := range products {
		require.NoError(t, p.Validate(), p.ID)
		require.False(t, ids[p.ID], p.ID)
		ids[p.ID] = true
		prov, ok := byID[p.ProviderID]
		require.True(t, ok, "product %s names an unknown provider", p.ID)
		require.Equal(t, prov.Name, p.Provider)
		tops[p.Category.Top] = true
	}
	require.Len(t, tops, 5)

	gc := products[0]
	require.Equal(t, "气相色谱仪", gc.Name)
	require.Equal(t, "100.00 元/项", gc.Price.String())
	require.Equal(t, "天津", gc.Location)
	require.Equal(t, "仪器设备 - 仪器共享", gc.Category.String())
	require.Equal(t, "2017-07-11", gc.Listed.In(time.FixedZone("CST", 8*3600)).Format(time.DateOnly))
	require.Equal(t, 112, gc.Views)
	require.True(t, gc.Voucher)
	require.Equal(t, []string{"客户至上", "如实描述"}, gc.Promise)
	require.True(t, gc.Price.Amount.Equal(cxq.MustMoney("100.00")))

	var changpingSOE bool
	for _, p := range providers {
		if p.District == "昌平" && p.Park == "未来科学城" && p.CentralSOE {
			changpingSOE = true
		}
	}
	require.True(t, changpingSOE, "a central SOE in 未来科学城 for the Changping tiers")
}
