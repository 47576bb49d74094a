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
	switch kind {
	case voucher.StreamOrder:
		s.orders[id] = edited(t, s.orders[id], edit)
	case voucher.StreamApplication:
		a := edited(t, *s.apps.rows[id], edit)
		s.apps.rows[id] = &a
	case voucher.StreamRedemption:
		r := edited(t, *s.reds.rows[id], edit)
		s.reds.rows[id] = &r
	default:
		k := voucher.StreamOf(kind, id)
		d := s.docs[k]
		var m map[string]any
		require.NoError(t, json.Unmarshal([]byte(d.Data), &m))
		edit(m)
		b, err := json.Marshal(m)
		require.NoError(t, err)
		d.Data = string(b)
		s.docs[k] = d
	}
}

// edited returns v with its JSON rewritten through edit.
func edited[T any](t storetest.TB, v T, edit func(map[string]any)) T {
	b, err := json.Marshal(v)
	require.NoError(t, err)
	var m map[string]any
	require.NoError(t, json.Unmarshal(b, &m))
	edit(m)
	b, err = json.Marshal(m)
	require.NoError(t, err)
	var out T
	require.NoError(t, json.Unmarshal(b, &out))
	return out
}

func (Tamper) DeleteRecord(_ storetest.TB, st voucher.Store, kind, id string) {
	s := st.(*Store)
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
	s.trail = trail{}
	for _, e := range entries {
		s.trail.append(e)
	}
	s.audit = map[string][]int{}
	for i, e := range entries {
		s.audit[e.Stream] = append(s.audit[e.Stream], i)
	}
}
