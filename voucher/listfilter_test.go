package voucher_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cxqkit/cxq/voucher"
)

func TestListFilterMatchesProduct(t *testing.T) {
	p := voucher.ProductRef{Name: "气相色谱检测服务", ProviderName: "天津大学分析测试中心"}
	require.True(t, voucher.ListFilter{}.MatchesProduct(p), "no search keeps every product")
	require.True(t, voucher.ListFilter{Product: "色谱", Provider: "天津大学"}.MatchesProduct(p))
	require.False(t, voucher.ListFilter{Product: "光谱"}.MatchesProduct(p))
	require.False(t, voucher.ListFilter{Provider: "南开"}.MatchesProduct(p))
	require.False(t, voucher.ListFilter{Product: " 色谱"}.MatchesProduct(p), "matched as typed")
}
