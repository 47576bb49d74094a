package cxq_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/cxqkit/cxq"
)

// TestChina pins the one China Standard Time zone.
func TestChina(t *testing.T) {
	t.Parallel()
	name, off := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC).In(cxq.China()).Zone()
	require.Equal(t, "CST", name)
	require.Equal(t, cxq.ChinaOffset, off)
	require.Same(t, cxq.China(), cxq.China())
}
