package search

import (
	"bytes"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/stretchr/testify/require"
)

// arena.each, and pattern.in on each text, find exactly the ordinals whose current text holds the pattern: not a
// match across two texts, nor one in a replaced or removed text.
func TestArenaEachMatchesEveryText(t *testing.T) {
	t.Parallel()
	var a arena
	a.set(0, "实验", 2)
	a.set(1, "室天津", 3) // 实验|室 spans two texts
	a.set(2, "国家实验室", 5)
	a.set(3, "实验室", 3)
	a.set(3, "检测", 2) // replaced: its old text stays in buf
	a.set(4, "实验室", 3)
	a.set(4, "", 0) // removed
	a.set(5, "实验室实验室", 6)
	require.Equal(t, []int32{2, 5}, eachOf(&a, "实验室"))

	rng := rand.New(rand.NewPCG(1, 2))
	words := []string{"实", "验", "室", "a", "b", ""}
	for round := 0; round < 200; round++ {
		var b arena
		for i := 0; i < 30; i++ {
			var s string
			for k := rng.IntN(5); k > 0; k-- {
				s += words[rng.IntN(len(words))]
			}
			b.set(int32(rng.IntN(10)), s, 1)
		}
		for _, pat := range []string{"实验", "验室", "a", "ab", "室a实"} {
			var want []int32
			for ord := range int32(len(b.span)) {
				if bytes.Contains(b.get(ord), []byte(pat)) {
					want = append(want, ord)
				}
			}
			got := eachOf(&b, pat)
			slices.Sort(got)
			require.Equal(t, want, got, "%q", pat)
			var in []int32
			for ord := range int32(len(b.span)) {
				if b.pattern([]byte(pat)).in(b.get(ord)) {
					in = append(in, ord)
				}
			}
			require.Equal(t, want, in, "%q", pat)
		}
	}
}

func eachOf(a *arena, pat string) []int32 {
	var out []int32
	_ = a.each(a.pattern([]byte(pat)), func(ord int32) error {
		out = append(out, ord)
		return nil
	})
	return out
}
