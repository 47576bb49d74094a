package voucherhttp_test

import (
	"encoding/json"
	"net/http"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cxqkit/cxq/voucher/voucherhttp"
)

// previewOf reads redemption id as person over the API: the stored total and the
// preview object, nil when the answer has none.
func previewOf(t *testing.T, s *site, person, id string) (string, map[string]any) {
	t.Helper()
	status, b := s.do(person, "GET", "/api/redemptions/"+id, nil)
	require.Equal(t, http.StatusOK, status, "%s", b)
	var v struct {
		Total   string         `json:"total"`
		Preview map[string]any `json:"preview"`
	}
	require.NoError(t, json.Unmarshal(b, &v))
	return v.Total, v.Preview
}

// TestRedemptionAPIPreviewsTheTotal: a draft's JSON carries the 兑现创新券金额合计 its page
// shows, as a preview (total and breakdown) beside the stored total of 0.00; submitted, it
// has none and the total is stored; returned for revision, the preview is back.
func TestRedemptionAPIPreviewsTheTotal(t *testing.T) {
	s := newSite(t)
	var red voucherhttp.RedemptionView
	s.ok("enterprise", "POST", "/api/redemptions", map[string]any{"application_id": apiFlowApproved(t, s)}, &red)
	_, preview := previewOf(t, s, "enterprise", red.ID)
	require.Nil(t, preview, "nothing to preview without an invoice and a contract")

	s.addInvoiceAndContract(&red)
	require.NotNil(t, red.Preview, "an edit's answer previews the total too")
	require.Equal(t, "4000.00", red.Preview.Total.String())

	total, preview := previewOf(t, s, "enterprise", red.ID)
	require.Equal(t, "0.00", total, "nothing is stored before submission")
	require.Equal(t, "4000.00", preview["total"], "the amount the page shows")
	require.NotEmpty(t, preview["breakdown"])
	_, _, page := s.get("enterprise", "/user/redemptions/"+red.ID)
	require.Contains(t, page, `id="total">4000.00 元`)

	s.completeRedemption(&red)
	var submitted voucherhttp.RedemptionView
	s.ok("enterprise", "POST", "/api/redemptions/"+red.ID+"/submit", map[string]any{}, &submitted)
	require.Nil(t, submitted.Preview)
	total, preview = previewOf(t, s, "enterprise", red.ID)
	require.Equal(t, "4000.00", total)
	require.Nil(t, preview, "a submitted redemption has its total, not a preview")

	s.ok("district", "POST", "/api/redemptions/"+red.ID+"/review", map[string]any{"action": "return", "opinion": "请补充材料。"}, nil)
	_, preview = previewOf(t, s, "enterprise", red.ID)
	require.Equal(t, "4000.00", preview["total"], "returned for revision, it is previewed again")
	_, preview = previewOf(t, s, "district", red.ID)
	require.Nil(t, preview, "only who may edit it sees a preview")
}

// TestOpenAPIDescribesThePreview: the document names the preview of a redemption's answer
// and says what it is.
func TestOpenAPIDescribesThePreview(t *testing.T) {
	s := newSite(t)
	status, b := s.do("", "GET", "/api/openapi.json", nil)
	require.Equal(t, http.StatusOK, status)
	var doc struct {
		Components struct {
			Schemas map[string]struct {
				Properties map[string]map[string]any `json:"properties"`
			} `json:"schemas"`
		} `json:"components"`
	}
	require.NoError(t, json.Unmarshal(b, &doc))
	preview := doc.Components.Schemas["voucherhttp.RedemptionView"].Properties["preview"]
	require.Equal(t, "#/components/schemas/voucherhttp.RedemptionPreview", preview["$ref"])
	require.Contains(t, preview["description"], "absent once submitted")
	require.Contains(t, doc.Components.Schemas["voucherhttp.RedemptionPreview"].Properties, "breakdown")
}
