package scenario_test

import (
	"path/filepath"
	"testing"

	"github.com/cxqkit/cxq/voucher/scenario"
)

// TestReturnUnderReview: under a policy whose returns the office reviews and which
// costs the next claim year, a return waits for the decision (the voucher cannot be
// redeemed meanwhile), a refusal keeps the voucher, an approval releases it and bans
// the next year.
func TestReturnUnderReview(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "reviewed.json"), `{"id": "reviewed-returns", "version": "1", "name": {"zh": "退券需审核", "en": "reviewed returns"},
 "from": "2020-01-01T00:00:00Z", "rate": "1/2", "max_project": "10000.00",
 "usage": {"valid_months": 12, "return": {"review": true, "ban": "next_year"}}}`)
	p := filepath.Join(dir, "s.json")
	writeFile(t, p, `{"policy": "reviewed.json", "enterprises": [{"id": "E1"}],
 "steps": [
  {"at": "2026-03-01T10:00:00+08:00", "enterprise": "E1", "claim": {"contract": "10000.00"}, "expect": {"amount": "5000.00"}},
  {"at": "2026-03-02T10:00:00+08:00", "enterprise": "E1", "return": {"claim": 1}, "expect": {"amount": "5000.00"}},
  {"at": "2026-03-02T11:00:00+08:00", "enterprise": "E1", "return": {"claim": 1}, "expect": {"refused": "return_pending"}},
  {"at": "2026-03-03T10:00:00+08:00", "enterprise": "E1", "redeem": {"claim": 1, "amount": "5000.00"}, "expect": {"refused": "conflict"}},
  {"at": "2026-03-04T10:00:00+08:00", "enterprise": "E1", "decide_return": {"claim": 1, "note": "项目仍在执行"}, "expect": {}},
  {"at": "2026-03-05T10:00:00+08:00", "enterprise": "E1", "return": {"claim": 1, "reason": "项目终止"}, "expect": {"amount": "5000.00"}},
  {"at": "2026-03-06T10:00:00+08:00", "enterprise": "E1", "decide_return": {"claim": 1, "approve": true}, "expect": {"amount": "5000.00"}},
  {"at": "2026-03-06T10:00:00+08:00", "enterprise": "E1", "decide_return": {"claim": 1, "approve": true}, "expect": {"refused": "conflict"}},
  {"at": "2026-06-01T10:00:00+08:00", "enterprise": "E1", "claim": {"contract": "10000.00"}, "expect": {"amount": "5000.00"}},
  {"at": "2027-03-01T10:00:00+08:00", "enterprise": "E1", "claim": {"contract": "10000.00"}, "expect": {"refused": "claim_banned"}}
 ]}`)
	scenario.RunFiles(t, mem, p)
}
