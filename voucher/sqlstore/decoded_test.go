package sqlstore_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cxqkit/cxq/voucher"
	"github.com/cxqkit/cxq/voucher/storetest"
)

// TestDecodedFollowsTheRow: a record read after an edit of its row made outside the Store
// is the edited one, not the value the Store kept when it wrote the row; a copy handed out
// shares nothing with the kept value.
func TestDecodedFollowsTheRow(t *testing.T) {
	t.Parallel()
	st := OpenSQLite(t)
	w := storetest.NewWorld(t, st)
	app := w.Submitted(w.Enterprise, "9099.00")
	get := func() voucher.Application {
		var got voucher.Application
		require.NoError(t, st.View(context.Background(), func(tx voucher.Tx) error {
			var err error
			got, err = tx.Applications().Get(context.Background(), app.ID)
			return err
		}))
		return got
	}
	first := get()
	require.Equal(t, app.AuditHead, first.AuditHead)
	first.Case.History[0].Actor = "changed by the caller"
	require.NotEqual(t, "changed by the caller", get().Case.History[0].Actor)

	sqlTamper{}.EditRecord(t, st, voucher.StreamApplication, app.ID, func(m map[string]any) { m["paid"] = "9999.00" })
	require.Equal(t, "9999.00", get().Paid.String(), "the row's bytes changed, so it is decoded again")
}
