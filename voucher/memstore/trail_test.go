package memstore

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cxqkit/cxq/voucher"
)

// TestTrailChunks appends across chunk boundaries, truncates back into an earlier chunk
// and appends again: positions stay in order and nothing truncated comes back.
func TestTrailChunks(t *testing.T) {
	t.Parallel()
	var tr trail
	for i := range 2*trailChunk + 3 {
		tr.append(voucher.AuditEntry{Pos: int64(i + 1)})
	}
	require.Equal(t, 2*trailChunk+3, tr.len())
	require.Equal(t, int64(2*trailChunk+3), tr.last().Pos)
	tr.truncate(trailChunk + 1)
	require.Equal(t, int64(trailChunk+1), tr.last().Pos)
	tr.append(voucher.AuditEntry{Pos: trailChunk + 2})
	all := tr.all()
	require.Len(t, all, trailChunk+2)
	for i, e := range all {
		require.Equal(t, int64(i+1), e.Pos)
	}
	tr.truncate(0)
	require.Zero(t, tr.len())
	require.Empty(t, tr.all())
}

// TestTrailSlots reads entries by slot on both sides of a chunk boundary, as a stream's
// index of slots does.
func TestTrailSlots(t *testing.T) {
	t.Parallel()
	var tr trail
	for i := range trailChunk + 2 {
		tr.append(voucher.AuditEntry{Pos: int64(i + 1)})
	}
	require.Equal(t, int64(1), tr.at(0).Pos)
	require.Equal(t, int64(trailChunk+1), tr.at(trailChunk).Pos)
	got := tr.of([]int{trailChunk + 1, 0, trailChunk - 1})
	require.Equal(t, []int64{trailChunk + 2, 1, trailChunk}, []int64{got[0].Pos, got[1].Pos, got[2].Pos})
	require.Nil(t, tr.of(nil))
}
