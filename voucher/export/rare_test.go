package export_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cxqkit/cxq/voucher/export"
)

// rareRedemption is the sample redemption of an enterprise whose name, contact and first
// invoice hold 䶮 (U+4DAE, CJK Extension A) and 𠮷 (U+20BB7, Extension B, outside the BMP).
func rareRedemption() *export.RedemptionForm {
	f := sampleRedemption()
	f.Enterprise = "广州刘䶮𠮷野家餐饮管理有限公司"
	f.Contact = "𠮷田䶮"
	f.Invoices[0].Name = "𠮷野家餐费（䶮记第一期）"
	return f
}

func TestRareCharactersPrint(t *testing.T) {
	t.Parallel()
	f := rareRedemption()
	text := twoPageText(t, renderRed(t, f, nil), f.Record())
	requireInOrder(t, body(text),
		"企业名称", f.Enterprise, "联系人", f.Contact, "联系电话", f.Phone,
		"发票名称", f.Invoices[0].Name, "012001900111", "08123456", "5000.00",
		"检测服务费（第二期）", "科技创新券使用成效", f.Outcome,
	)
	for _, r := range "䶮𠮷" {
		require.Equal(t, 3, strings.Count(text, string(r)), "%q in the enterprise, contact and invoice", r)
	}

	a := sampleApplication()
	a.Enterprise, a.Contact = f.Enterprise, f.Contact
	a.Description = strings.Repeat("䶮𠮷科技服务，", 60) // wraps over many lines
	text = pdfText(t, renderApp(t, a, nil))
	requireInOrder(t, body(text), "企业名称", a.Enterprise, "联系人", a.Contact, "科技创新活动描述", a.Description, "五、相关附件")
}

func TestRareCharactersKeepTheLayout(t *testing.T) {
	t.Parallel()
	// The rare characters are as wide as the others (one em), so the pages break where
	// they did: two pages, the same furniture.
	f := rareRedemption()
	pdf := renderRed(t, f, nil)
	require.Equal(t, renderRed(t, rareRedemption(), nil), pdf, "deterministic")
	require.NotEqual(t, renderRed(t, sampleRedemption(), nil), pdf)
	twoPageText(t, pdf, f.Record())
}

func TestPortalFallback(t *testing.T) {
	t.Parallel()
	portal := export.PortalTestFont(t)
	f := sampleRedemption()
	f.Enterprise = "天津\U00030000\uE000科技有限公司" // Extension G and a private-use character
	err := export.RenderRedemption(&bytes.Buffer{}, f, &export.Options{Strict: true})
	var ge *export.GlyphError
	require.ErrorAs(t, err, &ge, "no embedded font has them")
	require.Equal(t, "enterprise", ge.Field)
	require.Contains(t, body(pdfText(t, renderRed(t, f, nil))), "天津□□科技有限公司", "printed as placeholders")

	opts := &export.Options{Fallbacks: []*export.Font{portal}}
	pdf := renderRed(t, f, opts)

	g := sampleRedemption()
	g.Contact = "张\U00030002" // in no font, the portal's included
	err = export.RenderRedemption(&bytes.Buffer{}, g, &export.Options{Fallbacks: opts.Fallbacks, Strict: true})
	require.ErrorAs(t, err, &ge)
	require.Equal(t, "contact", ge.Field)
	require.Equal(t, rune(0x30002), ge.Rune)
	require.Equal(t, []string{"WenQuanYi Micro Hei", "Portal Test", "HanaMinA", "HanaMinB"}, ge.Fonts)
	require.Contains(t, err.Error(), "Portal Test")

	requireInOrder(t, body(pdfText(t, pdf)), "企业名称", f.Enterprise, "联系人")
}
