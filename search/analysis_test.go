package search

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// A part's character cover cut from its text is the cover joined unit by unit.
func TestCharsCoverIsBigramCover(t *testing.T) {
	t.Parallel()
	for _, s := range []string{"", "光", "检测", "燃烧学", "化工过程强化教育部重点实验室", "a天b", "022-2740", "\uFFFD学\uFFFD"} {
		units := splitRunes(s)
		require.Equal(t, bigramCover(units, ""), charsCover(strings.Join(units, ""), units), s)
	}
}
