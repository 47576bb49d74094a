package labgen_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cxqkit/cxq/catalog"
	"github.com/cxqkit/cxq/internal/labgen"
)

func TestGenerateDeterministic(t *testing.T) {
	t.Parallel()
	require.Equal(t, labgen.Generate(200, 7), labgen.Generate(200, 7))
	require.NotEqual(t, labgen.Generate(200, 7), labgen.Generate(200, 8))
	require.Equal(t, labgen.Generate(50, 7), labgen.Generate(200, 7)[:50], "a prefix of a longer run")
	require.Empty(t, labgen.Generate(0, 1))
}

func TestGenerateValidUniqueComplete(t *testing.T) {
	t.Parallel()
	labs := labgen.Generate(5000, 1)
	require.Len(t, labs, 5000)
	ids := map[string]bool{}
	regions := map[catalog.Region]int{}
	kinds := map[catalog.LabKind]int{}
	for _, l := range labs {
		require.NoError(t, l.Validate(), l.ID)
		require.False(t, ids[l.ID], "duplicate %s", l.ID)
		ids[l.ID] = true
		require.Equal(t, catalog.SourceSynthetic, l.Source)
		require.Regexp(t, `^(010|022|0311)-5550\d{4}$`, l.Phone)
		require.NotEmpty(t, l.Services)
		regions[l.Region]++
		kinds[l.Kind]++
	}
	require.Len(t, regions, 3)
	require.Len(t, kinds, len(catalog.LabKinds()))
	require.Greater(t, regions[catalog.Beijing], regions[catalog.Hebei], "Beijing has the most labs")
}

func TestGenerateAllCombinationsFirst(t *testing.T) {
	t.Parallel()
	seen := map[string]bool{}
	for _, l := range labgen.Generate(30, 99) {
		seen[string(l.Region)+"/"+string(l.Kind)] = true
	}
	require.Len(t, seen, 30)
}

func BenchmarkGenerate100k(b *testing.B) {
	for b.Loop() {
		_ = labgen.Generate(100_000, 1)
	}
}

// TestBundledUpToDate fails when the committed catalog/data/labs.json differs from what
// the generator writes: rerun `go generate ./catalog`.
func TestBundledUpToDate(t *testing.T) {
	t.Parallel()
	labs, err := catalog.BundledLabs()
	require.NoError(t, err)
	require.Equal(t, labgen.Bundled(), labs)
}
