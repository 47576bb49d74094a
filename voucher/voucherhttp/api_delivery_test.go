package voucherhttp_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cxqkit/cxq/voucher"
)

// fullMarks gives every item of the site's rubric its max, less off from "price".
func (s *site) fullMarks(off int) map[string]int {
	out := map[string]int{}
	for _, it := range s.svc.Rubric().Items {
		out[it.Code] = it.Max
	}
	out["price"] -= off
	return out
}

// TestAPIDeliveryAndEvaluation walks decline-with-reason, delivery, the result file's
// download, evaluation, a second evaluation and the rating over the API, and checks
// every answer against the OpenAPI document.
func TestAPIDeliveryAndEvaluation(t *testing.T) {
	s := newSite(t)
	rc := s.recorded()

	declined := s.placeOrder(false)
	status, body := s.do("provider", "POST", "/api/orders/"+declined+"/confirm", map[string]any{"confirm": false})
	require.Equal(t, http.StatusBadRequest, status)
	require.Contains(t, string(body), `"field":"reason"`)
	var o voucher.Order
	s.ok("provider", "POST", "/api/orders/"+declined+"/confirm", map[string]any{"confirm": false, "reason": "仪器检修中"}, &o)
	require.Equal(t, "仪器检修中", o.DeclineReason)

	id := s.placeOrder(true)
	status, body = s.do("enterprise", "POST", "/api/orders/"+id+"/evaluation", map[string]any{"scores": s.fullMarks(0)})
	require.Equal(t, http.StatusConflict, status)
	require.Contains(t, string(body), `"code":"not_delivered"`)
	report := s.upload("provider", voucher.SlotServiceProof, "检测报告.pdf", samplePDF())
	s.ok("provider", "POST", "/api/orders/"+id+"/delivery", map[string]any{"date": "2026-03-02T00:00:00+08:00",
		"content": "完成检测，出具报告。", "files": []voucher.AttachmentRef{report}}, &o)
	require.NotNil(t, o.Delivery)
	status, _ = s.do("enterprise", "GET", "/api/orders/"+id+"/files/"+report.ID, nil)
	require.Equal(t, http.StatusOK, status, "the enterprise downloads the result file")
	status, _ = s.do("other", "GET", "/api/orders/"+id+"/files/"+report.ID, nil)
	require.Equal(t, http.StatusUnauthorized, status)

	var rubric struct{ Items []struct{ Code string } }
	s.ok("enterprise", "GET", "/api/rubric", nil, &rubric)
	require.Len(t, rubric.Items, 8)
	s.ok("enterprise", "POST", "/api/orders/"+id+"/evaluation", map[string]any{"version": o.Version, "scores": s.fullMarks(4),
		"comment": "报告及时"}, &o)
	require.Equal(t, "A", o.Evaluation.Grade)
	status, body = s.do("enterprise", "POST", "/api/orders/"+id+"/evaluation", map[string]any{"scores": s.fullMarks(0)})
	require.Equal(t, http.StatusConflict, status)
	require.Contains(t, string(body), `"code":"already_evaluated"`)
	var r voucher.Rating
	s.ok("enterprise", "GET", "/api/providers/"+o.Product.ProviderID+"/rating", nil, &r)
	require.Equal(t, 1, r.Count)
	require.Equal(t, "96.0", r.Average)

	var doc map[string]any
	s.ok("", "GET", "/api/openapi.json", nil, &doc)
	v := &validator{doc: doc}
	paths := doc["paths"].(map[string]any)
	for _, ex := range rc.seen {
		_, op := v.operation(paths, ex.method, ex.path)
		require.NotNil(t, op, "%s %s is not in the OpenAPI document", ex.method, ex.path)
		resp, ok := op["responses"].(map[string]any)[fmt.Sprint(ex.status)].(map[string]any)
		require.True(t, ok, "%s %s answered %d, not documented", ex.method, ex.path, ex.status)
		media, _, _ := strings.Cut(ex.ctype, ";")
		if media != "application/json" {
			continue // a file, documented as application/octet-stream like every download
		}
		sch, ok := resp["content"].(map[string]any)[media].(map[string]any)
		require.True(t, ok, "%s %s answered %s", ex.method, ex.path, media)
		var b any
		require.NoError(t, json.Unmarshal(ex.body, &b))
		if msg := v.check(sch["schema"].(map[string]any), b, "$"); msg != "" {
			t.Errorf("%s %s (%d): %s\n%s", ex.method, ex.path, ex.status, msg, ex.body)
		}
	}
}
