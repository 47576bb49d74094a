package voucher_test

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cxqkit/cxq/voucher"
)

// A redemption stored before files kept their slot still loads, its files without a
// slot, and encodes to the very bytes it was stored as, so that its content hash holds.
func TestRedemptionWithoutSlotsLoads(t *testing.T) {
	t.Parallel()
	old := `{"id":"R1","form":{"contact":{"name":"张三","phone":"13812345678","email":""},"invoices":[{"name":"检测费",` +
		`"number":"12345678","amount":"100.00","scan":{"id":"b1","name":"i.pdf","sha256":"aa","size":1}}],"contracts":null,` +
		`"outcome":"","files":[{"id":"b2","name":"receipt.pdf","sha256":"bb","size":2}]}}`
	var r voucher.Redemption
	require.NoError(t, json.Unmarshal([]byte(old), &r))
	require.Len(t, r.Form.Files, 1)
	require.Empty(t, r.Form.Files[0].Slot)
	require.Equal(t, "receipt.pdf", r.Form.Files[0].Name)
	form, err := json.Marshal(r.Form)
	require.NoError(t, err)
	var want struct {
		Form json.RawMessage `json:"form"`
	}
	require.NoError(t, json.Unmarshal([]byte(old), &want))
	require.JSONEq(t, string(want.Form), string(form))
	require.NotContains(t, string(form), `"slot"`, "a file without a slot encodes as before")
}
