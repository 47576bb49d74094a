package voucherhttp_test

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestAPIRefusalsSayWhy: a refusal refreshing cannot change says why, with its own code
// and message, not the generic "reload and try again".
func TestAPIRefusalsSayWhy(t *testing.T) {
	s := newSite(t)
	f := apiFlow(t, s)
	for _, tc := range []struct {
		person, path string
		body         map[string]any
		status       int
		want         string
	}{
		{"enterprise", "/api/redemptions", map[string]any{"application_id": f.app.ID}, http.StatusConflict,
			`"code":"voucher_used_up","params":{},"message_zh":"创新券已全部兑现，没有可兑现的余额"`},
		{"district", "/api/applications/" + f.app.ID + "/review", map[string]any{"action": "bogus"}, http.StatusBadRequest,
			`"field":"action","code":"unknown_action","params":{"action":"bogus"},"message_zh":"无效的审核操作 bogus"`},
		{"office", "/api/applications/" + f.app.ID + "/extend", map[string]any{"reason": "疫情影响"}, http.StatusBadRequest,
			`"field":"id","code":"no_extension","params":{},"message_zh":"该政策不允许创新券延期"`},
	} {
		status, body := s.do(tc.person, "POST", tc.path, tc.body)
		require.Equal(t, tc.status, status, "%s: %s", tc.path, body)
		require.Contains(t, string(body), tc.want, tc.path)
		require.NotContains(t, string(body), "请刷新后重试", tc.path)
	}

	declined := s.placeOrder(false)
	s.ok("provider", "POST", "/api/orders/"+declined+"/confirm", map[string]any{"confirm": false, "reason": "仪器检修中"}, nil)
	status, body := s.do("provider", "POST", "/api/orders/"+declined+"/confirm", map[string]any{"confirm": true})
	require.Equal(t, http.StatusConflict, status, "%s", body)
	require.Contains(t, string(body), `"code":"order_declined"`)
	status, body = s.do("enterprise", "POST", "/api/applications", map[string]any{"order_id": declined, "form": s.applicationForm()})
	require.Equal(t, http.StatusForbidden, status, "%s", body)
	require.Contains(t, string(body), `"code":"order_declined"`)
	require.Contains(t, string(body), "服务机构已拒绝该订单")
}
