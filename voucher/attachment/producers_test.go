package attachment_test

import (
	"bytes"
	"testing"
	"time"

	"github.com/go-pdf/fpdf"
	"github.com/stretchr/testify/require"

	"github.com/cxqkit/cxq"
	"github.com/cxqkit/cxq/voucher/attachment"
	"github.com/cxqkit/cxq/voucher/export"
)

// The PDFs our own export package prints are accepted: an office scans a printed form and
// uploads the PDF it was printed from as well.
func TestAcceptsExportPDF(t *testing.T) {
	t.Parallel()
	form := &export.RedemptionForm{
		Basics: export.Basics{ID: "RED-2026-000045", Version: 7, Exported: time.Date(2026, 11, 24, 10, 30, 0, 0, time.UTC),
			Status: "市级形式审查受理", Enterprise: "天津市滨海新区示例精密仪器有限公司", Contact: "张晓明"},
		Invoices:  []export.Invoice{{Name: "检测服务费", Code: "012001900111", Number: "08123456", Amount: cxq.MustMoney("9099.00")}},
		Contracts: []export.Contract{{Name: "气相色谱检测技术服务合同", Effective: cxq.MustMoney("9099.00")}},
		Claimed:   cxq.MustMoney("4549.50"), Total: cxq.MustMoney("4549.50"), Outcome: "解决了挥发性有机物检测的技术难题。",
	}
	var b bytes.Buffer
	require.NoError(t, export.RenderRedemption(&b, form, nil))
	f, err := attachment.Check(slot(t, attachment.SlotServiceProof), "兑现申请表.pdf", bytes.NewReader(b.Bytes()))
	require.NoError(t, err)
	require.Empty(t, f.Flags)
}

// fpdf writes an /OpenAction that opens the first page, compressed content and an
// internal link; all of it is accepted. An external link is refused unless the slot
// allows links.
func TestAcceptsFPDF(t *testing.T) {
	t.Parallel()
	build := func(external bool) []byte {
		pdf := fpdf.New("P", "mm", "A4", "")
		pdf.AddPage()
		pdf.SetFont("Helvetica", "", 12)
		link := pdf.AddLink()
		pdf.CellFormat(40, 10, "page 2", "", 1, "", false, link, "")
		if external {
			pdf.CellFormat(40, 10, "site", "", 1, "", false, 0, "https://kjj.example.gov.cn/")
		}
		pdf.AddPage()
		pdf.SetLink(link, 0, -1)
		pdf.Cell(40, 10, "JavaScript is only a word here")
		pdf.SetDisplayMode("fullpage", "single")
		var b bytes.Buffer
		require.NoError(t, pdf.Output(&b))
		return b.Bytes()
	}
	s := slot(t, attachment.SlotContractScan)
	_, err := attachment.Check(s, "a.pdf", bytes.NewReader(build(false)))
	require.NoError(t, err)
	_, err = attachment.Check(s, "a.pdf", bytes.NewReader(build(true)))
	requireCode(t, err, attachment.CodeUnsafe, attachment.ReasonActive)
	s.AllowLinks = true
	f, err := attachment.Check(s, "a.pdf", bytes.NewReader(build(true)))
	require.NoError(t, err)
	require.Equal(t, []attachment.Flag{{Code: attachment.FlagLink, Params: map[string]string{"target": "https://kjj.example.gov.cn/"}}}, f.Flags)
}
