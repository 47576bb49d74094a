package memstore

import (
	"encoding/json"

	"github.com/stretchr/testify/require"

	"github.com/cxqkit/cxq"
	"github.com/cxqkit/cxq/voucher"
	"github.com/cxqkit/cxq/voucher/storetest"
)

// Tamper edits a Store's maps directly, for storetest.RunTamper.
type Tamper struct{}

var _ storetest.Tamperer = Tamper{}

func (Tamper) EditRecord(t storetest.TB, st voucher.Store, kind, id string, edit func(map[string]any)) {
	s := st.(*Store)
	k := kind + "\x00" + id
	var m map[string]any
	require.NoError(t, json.Unmarshal(s.enc[k], &m))
	edit(m)
	b, err := json.Marshal(m)
	require.NoError(t, err)
	s.enc[k] = b
	switch kind {
	case voucher.StreamOrder:
		var o voucher.Order
		require.NoError(t, json.Unmarshal(b, &o))
		s.orders[id] = o
	case voucher.StreamApplication:
		var a voucher.Application
		require.NoError(t, json.Unmarshal(b, &a))
		s.apps.rows[id] = a
	case voucher.StreamRedemption:
		var r voucher.Redemption
		require.NoError(t, json.Unmarshal(b, &r))
		s.reds.rows[id] = r
	}
}

func (Tamper) DeleteRecord(_ storetest.TB, st voucher.Store, kind, id string) {
	s := st.(*Store)
	delete(s.enc, kind+"\x00"+id)
	delete(s.orders, id)
	delete(s.apps.rows, id)
	delete(s.reds.rows, id)
}

func (Tamper) EditQuota(_ storetest.TB, st voucher.Store, k voucher.QuotaKey, reservedFen, consumedFen int64) {
	s := st.(*Store)
	q := s.quotas[k]
	q.Reserved, q.Consumed = cxq.Fen(reservedFen), cxq.Fen(consumedFen)
	s.quotas[k] = q
}

func (Tamper) RewriteTrail(_ storetest.TB, st voucher.Store, entries []voucher.AuditEntry) {
	s := st.(*Store)
	s.trail = append([]voucher.AuditEntry(nil), entries...)
	s.audit = map[string][]voucher.AuditEntry{}
	for _, e := range entries {
		s.audit[e.Stream] = append(s.audit[e.Stream], e)
	}
}
