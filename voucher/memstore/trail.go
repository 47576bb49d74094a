package memstore

import "github.com/cxqkit/cxq/voucher"

// trailChunk is how many entries one chunk of the trail holds.
const trailChunk = 4096

// trail is every audit entry in position order, kept in chunks of trailChunk so that an
// append never copies the entries before it (a trail grows without bound, and copying
// it at every doubling dominated the cost of a write).
type trail struct {
	chunks [][]voucher.AuditEntry
	n      int
}

func (tr *trail) len() int { return tr.n }

// last returns the last entry; the trail must not be empty.
func (tr *trail) last() voucher.AuditEntry {
	c := tr.chunks[len(tr.chunks)-1]
	return c[len(c)-1]
}

func (tr *trail) append(e voucher.AuditEntry) {
	if k := len(tr.chunks); k == 0 || len(tr.chunks[k-1]) == trailChunk {
		tr.chunks = append(tr.chunks, make([]voucher.AuditEntry, 0, trailChunk))
	}
	k := len(tr.chunks) - 1
	tr.chunks[k] = append(tr.chunks[k], e)
	tr.n++
}

// at returns the entry in slot i (position i+1).
func (tr *trail) at(i int) voucher.AuditEntry { return tr.chunks[i/trailChunk][i%trailChunk] }

// of returns a copy of the entries in slots, in their order (nil for none).
func (tr *trail) of(slots []int) []voucher.AuditEntry {
	if len(slots) == 0 {
		return nil
	}
	out := make([]voucher.AuditEntry, len(slots))
	for i, slot := range slots {
		out[i] = tr.at(slot)
	}
	return out
}

// truncate keeps the first n entries.
func (tr *trail) truncate(n int) {
	k := (n + trailChunk - 1) / trailChunk
	tr.chunks = tr.chunks[:k]
	if k > 0 {
		tr.chunks[k-1] = tr.chunks[k-1][:n-(k-1)*trailChunk]
	}
	tr.n = n
}

// all returns a copy of every entry.
func (tr *trail) all() []voucher.AuditEntry {
	out := make([]voucher.AuditEntry, 0, tr.n)
	for _, c := range tr.chunks {
		out = append(out, c...)
	}
	return out
}
