package voucherhttp_test

import (
	"net/http"
	"net/url"
	"regexp"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cxqkit/cxq/voucher"
	"github.com/cxqkit/cxq/voucher/export/exporttest"
)

// TestRedemptionFilesShowTheirSlot: each of a redemption's other files carries the slot
// it was uploaded under, in the JSON, beside the file on the enterprise's page and the
// review page, and in the 类别 column of the printed form.
func TestRedemptionFilesShowTheirSlot(t *testing.T) {
	s := newSite(t)
	red := expertRedemption(t, s)
	var files []string
	for _, f := range s.redemption(red.ID).Form.Files {
		files = append(files, f.Slot)
	}
	require.Equal(t, []string{voucher.SlotProjectSummary, voucher.SlotBankReceipt}, files, "the JSON names each file's slot")

	labelled := regexp.MustCompile(`<span class="slot">银行打款回单</span> <a href="[^"]+"[^>]*>` + voucher.SlotBankReceipt + `\.pdf</a>`)
	_, html := s.page("expert", "/review/redemptions/"+red.ID)
	require.Regexp(t, labelled, html, "the review page labels the file")
	require.Contains(t, html, `<span class="slot">项目实施情况总结</span>`)
	_, _, page := s.get("enterprise", "/user/redemptions/"+red.ID)
	require.Regexp(t, labelled, page, "the enterprise's page labels the file")

	status, pdf := s.do("enterprise", "GET", "/api/redemptions/"+red.ID+"/form.pdf", nil)
	require.Equal(t, http.StatusOK, status)
	text := exporttest.Squeeze(exporttest.Text(t, pdf))
	require.Contains(t, text, "项目实施情况总结"+voucher.SlotProjectSummary+".pdf")
	require.Contains(t, text, "银行打款回单"+voucher.SlotBankReceipt+".pdf")
}

// TestRedemptionPageKeepsSlots: the files a draft's page posts back keep their slots, so
// a 保存 of an unchanged form stores the same files and its page still labels them.
func TestRedemptionPageKeepsSlots(t *testing.T) {
	s := newSite(t)
	id := s.startRedemption(apiFlowApproved(t, s))
	path := "/user/redemptions/" + id
	_, _, page := s.get("enterprise", path)
	v := url.Values{"key": {hidden(t, page, "key")}, "version": {hidden(t, page, "version")}, "contact_name": {"张三"},
		"contact_phone": {"13800138000"}, "outcome": {"完成检测。"}, "op": {"save"}}
	status, _, body := s.multipart("enterprise", path, v, map[string]file{voucher.SlotBankReceipt + "_file": {"回单.pdf", samplePDF()}})
	require.Equal(t, http.StatusSeeOther, status, body)
	_, _, page = s.get("enterprise", path)
	require.Contains(t, page, `<span class="slot">银行打款回单</span>`)
	posted := formValue(t, page, "file", "回单.pdf")
	require.Contains(t, posted, " "+voucher.SlotBankReceipt+" ")

	v["key"], v["version"], v["file"] = []string{hidden(t, page, "key")}, []string{hidden(t, page, "version")}, []string{posted}
	status, _, body = s.multipart("enterprise", path, v, nil)
	require.Equal(t, http.StatusSeeOther, status, body)
	files := s.red(id).Form.Files
	require.Len(t, files, 1)
	require.Equal(t, voucher.SlotBankReceipt, files[0].Slot)
}
