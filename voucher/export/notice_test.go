package export_test

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/cxqkit/cxq"
	"github.com/cxqkit/cxq/voucher"
	"github.com/cxqkit/cxq/voucher/export"
	"github.com/cxqkit/cxq/voucher/policy"
)

func publication() voucher.Publication {
	from := time.Date(2026, 4, 2, 2, 0, 0, 0, time.UTC)
	p := voucher.Publication{Filed: voucher.Filed{ID: "GS000001", Version: 1}, Policy: policy.Hebei().Ref(), From: from,
		Until: from.AddDate(0, 0, 7), Columns: policy.PublicColumns(), State: voucher.PublicationOpen,
		Entries: []voucher.NoticeEntry{
			{No: 1, Case: "RD000007", Enterprise: "石家庄示例科技有限公司", Product: "气相色谱检测", Provider: "河北工业大学", Amount: cxq.MustMoney("10000.00")},
			{No: 2, Case: "RD000009", Enterprise: "唐山𠮷利新材料有限公司", Product: "材料力学性能测试", Provider: "燕山大学", Amount: cxq.MustMoney("8000.00")},
		}}
	p.Hash = p.ListHash()
	return p
}

func renderNotice(t testing.TB, l *export.NoticeList) []byte {
	t.Helper()
	var b bytes.Buffer
	require.NoError(t, export.RenderNotice(&b, l, nil))
	return b.Bytes()
}

// TestRenderNotice: the list prints its period in China Standard Time, every entry's
// public columns and the full hash of the list (its start on every page's footer); it
// never prints a case ID; one list always gives the same bytes.
func TestRenderNotice(t *testing.T) {
	t.Parallel()
	pub := publication()
	l := export.NoticeFrom(pub, "河北省科技创新券")
	pdf := renderNotice(t, l)
	require.Equal(t, pdf, renderNotice(t, l), "deterministic")
	text := pdfText(t, pdf)
	for _, want := range []string{"河北省科技创新券", "创新券兑现公示名单", "公示编号：GS000001", "hebei@2016",
		"2026年4月2日10:00至2026年4月9日10:00", "石家庄示例科技有限公司", "气相色谱检测", "河北工业大学", "10000.00",
		"唐山𠮷利新材料有限公司", "8000.00", "SHA-256" + pub.Hash, "SHA-256" + pub.Hash[:16]} {
		require.Contains(t, text, want)
	}
	require.NotContains(t, text, "RD0000", "case IDs are not public")
	require.Equal(t, 2, strings.Count(text, "SHA-256"+pub.Hash[:16]), "the hash in full and in the footer")
}

// TestRenderNoticeColumns: a policy showing fewer columns prints only those.
func TestRenderNoticeColumns(t *testing.T) {
	t.Parallel()
	pub := publication()
	pub.Columns = []policy.Column{policy.ColumnEnterprise, policy.ColumnAmount}
	text := pdfText(t, renderNotice(t, export.NoticeFrom(pub, "")))
	require.Contains(t, text, "石家庄示例科技有限公司")
	require.NotContains(t, text, "河北工业大学")
	require.NotContains(t, text, "气相色谱检测")
}

// TestRenderNoticeRefusesBadInput: no ID, or a character no font has, writes nothing.
func TestRenderNoticeRefusesBadInput(t *testing.T) {
	t.Parallel()
	l := export.NoticeFrom(publication(), "")
	l.ID = ""
	var b bytes.Buffer
	require.ErrorIs(t, export.RenderNotice(&b, l, nil), cxq.ErrInvalid)
	l = export.NoticeFrom(publication(), "")
	l.Rows[0].Enterprise = "\U000F0000"
	require.ErrorIs(t, export.RenderNotice(&b, l, &export.Options{Strict: true}), cxq.ErrInvalid)
	l.Rows[0].Enterprise = "天津\xff"
	require.ErrorIs(t, export.RenderNotice(&b, l, nil), cxq.ErrInvalid, "not UTF-8")
	require.Zero(t, b.Len())
}
