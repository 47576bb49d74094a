package main

import (
	"bytes"
	"context"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cxqkit/cxq/internal/pgtest"
)

var update = flag.Bool("update", false, "rewrite testdata/output.golden")

// The walk on a temporary SQLite file prints exactly the golden output.
func TestWalkGolden(t *testing.T) {
	var out bytes.Buffer
	require.NoError(t, run(context.Background(), options{}, &out))
	golden := filepath.Join("testdata", "output.golden")
	if *update {
		require.NoError(t, os.MkdirAll("testdata", 0o755))
		require.NoError(t, os.WriteFile(golden, out.Bytes(), 0o644))
	}
	want, err := os.ReadFile(golden)
	require.NoError(t, err)
	require.Equal(t, string(want), out.String())
}

// A kept SQLite file takes a second walk: new IDs and a new enterprise each run.
func TestWalkTwiceOnOneFile(t *testing.T) {
	db := filepath.Join(t.TempDir(), "kept.db")
	for range 2 {
		var out bytes.Buffer
		require.NoError(t, run(context.Background(), options{DB: db}, &out))
		require.Contains(t, out.String(), "评审通过")
		require.Contains(t, out.String(), "audit chain: verified")
	}
}

func TestWalkPostgres(t *testing.T) {
	url := pgtest.URL(t)
	var out bytes.Buffer
	require.NoError(t, run(context.Background(), options{DB: url}, &out))
	s := out.String()
	for _, want := range []string{"复审通过", "市级形式审查受理", "评审通过", "audit chain: verified"} {
		require.True(t, strings.Contains(s, want), "missing %q in\n%s", want, s)
	}
}
