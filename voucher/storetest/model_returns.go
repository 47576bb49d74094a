package storetest

import (
	"errors"

	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"

	"github.com/cxqkit/cxq/review"
	"github.com/cxqkit/cxq/voucher"
	"github.com/cxqkit/cxq/voucher/policy"
)

// GiveBack returns (退券) an approved voucher of which nothing is used: under the
// World's policy it takes effect at once and releases everything it holds, once; a
// second return is refused.
func (m *model) GiveBack(t *rapid.T) {
	id, ok := m.pick(t, review.Approved)
	if !ok || m.redeemd[id] || m.expired[id] || m.gone[id] {
		t.Skip("nothing to give back")
	}
	_, err := m.w.Svc.RequestReturn(bg, m.w.Enterprise, voucher.ReturnParams{Key: m.w.Key(), ApplicationID: id, Reason: "项目取消"})
	var nr *voucher.NotReturnableError
	if errors.As(err, &nr) && nr.Reasons[0].Code == policy.CodeReturnTooLate {
		return // its deadline passed since the last deadline run: the rules, not a return, end it
	}
	require.NoError(t, err)
	if m.gone == nil {
		m.gone = map[string]bool{}
	}
	m.gone[id] = true
	_, err = m.w.Svc.RequestReturn(bg, m.w.Enterprise, voucher.ReturnParams{Key: m.w.Key(), ApplicationID: id, Reason: "再退"})
	require.ErrorAs(t, err, &nr, "returned once")
}
