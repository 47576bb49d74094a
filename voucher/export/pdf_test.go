package export_test

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"flag"
	"image/png"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/cxqkit/cxq"
	"github.com/cxqkit/cxq/voucher/export"
	"github.com/cxqkit/cxq/voucher/export/exporttest"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

func renderApp(t testing.TB, f *export.ApplicationForm, opts *export.Options) []byte {
	t.Helper()
	var b bytes.Buffer
	require.NoError(t, export.RenderApplication(&b, f, opts))
	return b.Bytes()
}

func renderRed(t testing.TB, f *export.RedemptionForm, opts *export.Options) []byte {
	t.Helper()
	var b bytes.Buffer
	require.NoError(t, export.RenderRedemption(&b, f, opts))
	return b.Bytes()
}

// pdfText extracts the text of pdf in drawing order with every whitespace removed.
func pdfText(t testing.TB, pdf []byte) string {
	t.Helper()
	return exporttest.Squeeze(exporttest.Text(t, pdf))
}

var furniture = regexp.MustCompile(`验证码[0-9A-Z-]{19}编号[^·]+·第\d+版第\d+页共\d+页|(科技创新券申请表|创新券兑现申请表)（续）|[一二三四五六七八]、[^、（]{2,16}（续）`)

// body removes what every page repeats (footer, continuation headings), leaving the form's
// content in reading order.
func body(text string) string { return furniture.ReplaceAllString(text, "") }

// requireInOrder checks that each want appears in text after the previous one.
func requireInOrder(t testing.TB, text string, wants ...string) {
	t.Helper()
	rest := text
	for _, w := range wants {
		w = exporttest.Squeeze(w)
		i := strings.Index(rest, w)
		require.GreaterOrEqual(t, i, 0, "%q missing or out of order in:\n%s", w, rest)
		rest = rest[i+len(w):]
	}
}

// twoPageText extracts the text of a rendered form and requires that it has two pages, each
// with the verification code of rec.
func twoPageText(t testing.TB, pdf []byte, rec export.Record) string {
	t.Helper()
	text := pdfText(t, pdf)
	code := export.Code(rec, nil)
	requireInOrder(t, text, "验证码"+code, "第1页共2页", "验证码"+code, "第2页共2页")
	return text
}

func TestApplicationTextExtracts(t *testing.T) {
	t.Parallel()
	f := sampleApplication()
	text := twoPageText(t, renderApp(t, f, nil), f.Record())
	requireInOrder(t, body(text),
		"天津市科技创新券", "科技创新券申请表", f.ID, "导出时间：2026-11-24 10:30",
		"审核状态", f.Status,
		"区初审", "王审核", "通过", "材料齐全，同意上报。", "2026年3月2日",
		"专业机构复审", "李专家", "通过", "服务内容与企业创新活动相符，同意支持。", "2026年3月9日",
		"企业名称", f.Enterprise, "统一社会信用代码", f.CreditCode,
		"联系人", f.Contact, "联系电话", f.Phone, "电子邮箱", f.Email,
		"组织机构代码证", "组织机构代码证.pdf", "9f86d081884c7d65",
		"订单编号", f.OrderNo, "服务产品名称", f.Product, "服务机构", f.Provider,
		"合同起止时间", "2026年1月15日 至 2026年6月30日",
		"预估合同金额", "9099.00 元", "申请创新券金额（系统自动计算）", "4549.50 元",
		"科技创新活动描述", f.Description,
		"合同", "检测服务合同.pdf", "2c26b46b68ffc68f", "报价单", "quotation-IV201701.jpg", "fcde2b2edba56bf4",
		"（签字）", "日期：年月日", "（盖章）", "日期：年月日",
	)
	require.NotContains(t, text, "{nb}")
}

func TestRedemptionTextExtracts(t *testing.T) {
	t.Parallel()
	f := sampleRedemption()
	text := twoPageText(t, renderRed(t, f, nil), f.Record())
	requireInOrder(t, body(text),
		"创新券兑现申请表", f.ID, f.ApplicationID,
		"审核状态", f.Status, "实际兑现金额", "—",
		"区科技主管部门初审", "王审核", "发票与合同一致。", "2026年7月3日",
		"专业机构形式审查", "赵审查", "形式审查通过，提交专家评审。", "2026年7月10日",
		"企业名称", f.Enterprise, "联系人", f.Contact, "联系电话", f.Phone, "电子邮箱", f.Email,
		"订单编号", f.OrderNo, "服务产品名称", f.Product, "服务机构", f.Provider,
		"发票名称", "发票代码", "发票号码", "发票金额(元)",
		"检测服务费（第一期）", "012001900111", "08123456", "5000.00",
		"检测服务费（第二期）", "012001900111", "08123457", "4099.00",
		"发票金额合计", "9099.00",
		"合同名称", "有效合同金额(元)", "气相色谱检测技术服务合同", "9099.00", "有效合同金额合计", "9099.00",
		"申请创新券金额", "4549.50 元", "兑现创新券金额合计（系统自动计算）", "4549.50 元",
		"科技创新券使用成效", f.Outcome,
		"发票扫描件", "发票-08123456.pdf", "合同扫描件", "技术服务合同.docx", "银行打款回单", "bank-receipt.png",
		"（签字）", "（盖章）",
	)
}

func TestLongDescriptionSpansPages(t *testing.T) {
	t.Parallel()
	f := sampleApplication()
	f.Description = longText(1000)
	require.Equal(t, 1000, len([]rune(f.Description)))
	pdf := renderApp(t, f, nil)
	text := pdfText(t, pdf)
	require.Contains(t, text, "四、科技创新活动描述（续）", "the description continues on a second page")
	code := export.Code(f.Record(), nil)
	require.Equal(t, 2, strings.Count(text, code), "the code is on both pages")
	requireInOrder(t, text, "第 1 页 共 2 页", "第 2 页 共 2 页")

	// The description, cut by the page break, must come back whole: remove the furniture
	// printed between its two parts.
	start := strings.Index(text, "四、科技创新活动描述") + len("四、科技创新活动描述")
	end := strings.Index(text, "五、相关附件")
	body := text[start:end]
	for _, furniture := range []string{"验证码" + code, exporttest.Squeeze("编号 " + f.ID + " · 第 4 版"), "第1页共2页", "科技创新券申请表（续）", "四、科技创新活动描述（续）"} {
		require.Equal(t, 1, strings.Count(body, furniture), furniture)
		body = strings.Replace(body, furniture, "", 1)
	}
	require.Equal(t, exporttest.Squeeze(f.Description), body)
}

func TestPageOneIsNotBlank(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	in := filepath.Join(dir, "form.pdf")
	require.NoError(t, os.WriteFile(in, renderRed(t, sampleRedemption(), nil), 0o600))
	out := filepath.Join(dir, "page")
	require.NoError(t, exec.Command(exporttest.Tool(t, "pdftoppm"), "-r", "40", "-f", "1", "-l", "1", "-png", "-singlefile", in, out).Run())
	fh, err := os.Open(out + ".png")
	require.NoError(t, err)
	defer fh.Close()
	img, err := png.Decode(fh)
	require.NoError(t, err)
	b := img.Bounds()
	require.InDelta(t, 210.0/297.0, float64(b.Dx())/float64(b.Dy()), 0.01, "A4 portrait")
	dark := 0
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			if r, g, bl, _ := img.At(x, y).RGBA(); (r+g+bl)/3 < 0x8000 {
				dark++
			}
		}
	}
	share := float64(dark) / float64(b.Dx()*b.Dy())
	require.Greater(t, share, 0.01, "page 1 has text and rules")
	require.Less(t, share, 0.5, "page 1 is not a black box")
}

func TestDeterministicGolden(t *testing.T) {
	t.Parallel()
	long := sampleApplication()
	long.Description = longText(1000)
	cases := map[string][]byte{
		"application":      renderApp(t, sampleApplication(), nil),
		"application-long": renderApp(t, long, nil),
		"redemption":       renderRed(t, sampleRedemption(), nil),
		"redemption-keyed": renderRed(t, sampleRedemption(), &export.Options{Code: &export.CodeOptions{Key: []byte("portal secret")}}),
	}
	require.Equal(t, cases["application"], renderApp(t, sampleApplication(), nil), "same form, same bytes")
	require.NotEqual(t, cases["redemption"], cases["redemption-keyed"])
	var lines []string
	for _, name := range []string{"application", "application-long", "redemption", "redemption-keyed"} {
		sum := sha256.Sum256(cases[name])
		lines = append(lines, hex.EncodeToString(sum[:])+"  "+name+".pdf")
	}
	got := strings.Join(lines, "\n") + "\n"
	golden := filepath.Join("testdata", "golden.sha256")
	if *update {
		require.NoError(t, os.MkdirAll("testdata", 0o755))
		require.NoError(t, os.WriteFile(golden, []byte(got), 0o644))
	}
	want, err := os.ReadFile(golden)
	require.NoError(t, err, "run go test -update to create it")
	require.Equal(t, string(want), got, "rendering changed; check the PDFs, then go test -update")
}

func TestPDFDatesComeFromExportTime(t *testing.T) {
	t.Parallel()
	pdf := renderApp(t, sampleApplication(), nil) // exported 2026-11-24 10:30 +08:00
	require.Contains(t, string(pdf), "/CreationDate (D:20261124023000)")
	require.Contains(t, string(pdf), "/ModDate (D:20261124023000)")
}

// TestMissingGlyphPrintsAPlaceholder: by default a character no font has prints as a
// stand-in a font has (half-width katakana as full-width) or else as one □ per character
// a reader sees (an emoji ZWJ sequence, a skin tone, a flag), never as a code; characters
// nobody sees (zero-width space, byte-order mark, direction marks, joiners, variation
// selectors) are left out: the form prints whatever its record holds, and its
// verification code, made from the record, is the one of the form without them.
func TestMissingGlyphPrintsAPlaceholder(t *testing.T) {
	t.Parallel()
	f := sampleRedemption()
	f.Enterprise = "\ufeff天津\u200b测试\u200f科技有限公司"
	f.Invoices[1].Name = "服务费😀"
	f.Outcome = "好👍🏽，❤\ufe0f 한국\u2028第二行 ｶﾀｶﾅｶﾞﾊﾟ｡ 家人👨\u200d👩\u200d👧 🇨🇳 1\ufe0f\u20e3"
	f.Contact = "张\x07三"
	pdf := renderRed(t, f, nil)
	text := body(twoPageText(t, pdf, sampleRedemption().Record()))
	require.Contains(t, text, "天津测试科技有限公司", "the invisible characters are left out")
	require.Contains(t, text, "服务费□")
	require.Contains(t, text, "好□，□")
	require.Contains(t, text, "□□第二行")
	require.Contains(t, text, "カタカナガパ。", "half-width katakana prints full-width, voiced marks composed")
	require.Contains(t, text, "家人□□1", "one □ for a ZWJ sequence and one for a flag; a keycap prints its digit")
	require.Contains(t, text, "张□三")
	require.NotContains(t, text, "U+")
	require.Equal(t, export.Code(f.Record(), nil), export.Code(sampleRedemption().Record(), nil))

	require.NoError(t, export.RenderRedemption(&bytes.Buffer{}, &export.RedemptionForm{Basics: export.Basics{ID: f.ID,
		Exported: f.Exported}, Outcome: "ｶﾀｶﾅ"}, &export.Options{Strict: true}), "under Strict a stand-in prints")
}

// TestMissingGlyphIsAnErrorWhenStrict: under Options.Strict a character no font has is
// a *GlyphError naming the field and the character, and nothing is written.
func TestMissingGlyphIsAnErrorWhenStrict(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name  string
		edit  func(*export.RedemptionForm)
		field string
		r     rune
	}{
		{"extension G ideograph", func(f *export.RedemptionForm) { f.Enterprise = "天津𰀀科技有限公司" }, "enterprise", '𰀀'},
		{"ballot box", func(f *export.RedemptionForm) { f.Outcome = "已完成 ☐" }, "outcome", '☐'},
		{"emoji in invoice", func(f *export.RedemptionForm) { f.Invoices[1].Name = "服务费😀" }, "invoices[1].name", '😀'},
		{"control character", func(f *export.RedemptionForm) { f.Contact = "张\x07三" }, "contact", '\x07'},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			f := sampleRedemption()
			tc.edit(f)
			err := renderFails(t, func(w io.Writer) error { return export.RenderRedemption(w, f, &export.Options{Strict: true}) })
			var ge *export.GlyphError
			require.True(t, errors.As(err, &ge))
			require.Equal(t, tc.field, ge.Field)
			require.Equal(t, tc.r, ge.Rune)
			require.Contains(t, err.Error(), string(tc.r))
			require.Equal(t, "WenQuanYi Micro Hei", ge.Font)
			require.Equal(t, []string{"WenQuanYi Micro Hei", "HanaMinA", "HanaMinB"}, ge.Fonts, "every font was tried")
		})
	}
}

func TestInvalidFormWritesNothing(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name, field string
		edit        func(*export.ApplicationForm)
	}{
		{"no id", "id", func(f *export.ApplicationForm) { f.ID = "" }},
		{"no export time", "exported", func(f *export.ApplicationForm) { f.Exported = time.Time{} }},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			f := sampleApplication()
			tc.edit(f)
			err := renderFails(t, func(w io.Writer) error { return export.RenderApplication(w, f, nil) })
			var ve *cxq.ValidationError
			require.ErrorAs(t, err, &ve)
			require.True(t, ve.Has(tc.field, cxq.CodeRequired), err.Error())
		})
	}
}

// renderFails calls render, requires an error matching [cxq.ErrInvalid] and that nothing
// was written, and returns the error for the caller's own checks.
func renderFails(t testing.TB, render func(io.Writer) error) error {
	t.Helper()
	var b bytes.Buffer
	err := render(&b)
	require.ErrorIs(t, err, cxq.ErrInvalid)
	require.Zero(t, b.Len(), "nothing is written")
	return err
}

func TestConcurrentRendersAgree(t *testing.T) {
	t.Parallel()
	want := renderRed(t, sampleRedemption(), nil)
	got := make([][]byte, 4)
	done := make(chan int)
	for i := range got {
		go func() {
			var b bytes.Buffer
			if err := export.RenderRedemption(&b, sampleRedemption(), nil); err == nil {
				got[i] = b.Bytes()
			}
			done <- i
		}()
	}
	for range got {
		<-done
	}
	for i := range got {
		require.Equal(t, want, got[i], "render %d", i)
	}
}

// TestActualAmountOnceDecided: 实际兑现金额 prints as an amount once the expert review set
// it, and as "—" before.
func TestActualAmountOnceDecided(t *testing.T) {
	t.Parallel()
	f := sampleRedemption()
	require.NotContains(t, body(pdfText(t, renderRed(t, f, nil))), "实际兑现金额0.00元")
	f.Actual = cxq.MustMoney("4000.00")
	requireInOrder(t, body(pdfText(t, renderRed(t, f, nil))), "实际兑现金额", "4000.00 元", "审核环节")
}
