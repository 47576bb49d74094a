package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

func runArgs(args ...string) (stdout, stderr string, code int) {
	var out, errb bytes.Buffer
	code = run(args, &out, &errb)
	return out.String(), errb.String(), code
}

// The -json output is exactly one object with the contract's keys.
func TestJSONContract(t *testing.T) {
	t.Parallel()
	out, errOut, code := runArgs("-json", "-n", "3", "-region", "天津", "实验室")
	require.Equal(t, 0, code, errOut)
	dec := json.NewDecoder(strings.NewReader(out))
	var v map[string]json.RawMessage
	require.NoError(t, dec.Decode(&v))
	require.False(t, dec.More())
	require.ElementsMatch(t, []string{"total", "hits", "facets"}, keys(v))
	var total int
	require.NoError(t, json.Unmarshal(v["total"], &total))
	var hits []map[string]json.RawMessage
	require.NoError(t, json.Unmarshal(v["hits"], &hits))
	require.Len(t, hits, 3)
	for _, h := range hits {
		require.ElementsMatch(t, []string{"id", "name", "region", "legal_entity", "contact", "phone", "kind", "score", "highlights"}, keys(h))
		require.JSONEq(t, `"天津"`, string(h["region"]))
	}
	var facets map[string]map[string]int
	require.NoError(t, json.Unmarshal(v["facets"], &facets))
	require.ElementsMatch(t, []string{"region", "kind"}, keys(facets))
	require.Equal(t, map[string]int{"天津": total}, facets["region"])
	sum := 0
	for _, n := range facets["kind"] {
		sum += n
	}
	require.Equal(t, total, sum)
}

func TestCards(t *testing.T) {
	t.Parallel()
	out, _, code := runArgs("-n", "1", "天津大学")
	require.Equal(t, 0, code)
	require.Contains(t, out, "共检索到")
	require.Contains(t, out, "法人单位：【天津大学】")
	require.Contains(t, out, "当前显示 1 到 1 行")
}

func TestDataFile(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	csv := filepath.Join(dir, "labs.csv")
	require.NoError(t, os.WriteFile(csv, []byte("地区,实验室名称,法人单位,联系人,联系电话,类型\n"+
		"天津,内燃机燃烧学国家重点实验室,天津大学,李静,022-27401774,国家级重点实验室\n"+
		"北京,色谱分析实验室,北京化工大学,王芳,010-64434567,省部级重点实验室\n"), 0o600))
	out, errOut, code := runArgs("-data", csv, "-json", "燃烧")
	require.Equal(t, 0, code, errOut)
	require.Contains(t, out, `"total":1`)
	out, _, code = runArgs("-data", csv, "-json", "tjdx")
	require.Equal(t, 0, code)
	require.Contains(t, out, `"total":1`)
}

// Bad flags and files give one line on stderr and status 2, never a panic.
func TestErrors(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	junk := filepath.Join(dir, "junk.json")
	require.NoError(t, os.WriteFile(junk, []byte("{not json"), 0o600))
	txt := filepath.Join(dir, "list.txt")
	require.NoError(t, os.WriteFile(txt, []byte("x"), 0o600))
	for _, args := range [][]string{
		{"-bogus"}, {"-n", "x"}, {"-n", "0"}, {"-n", "1000"}, {"-page", "0"}, {"-region", "火星"},
		{"-kind", "不是类型"}, {"-data", filepath.Join(dir, "missing.csv")}, {"-data", junk}, {"-data", txt},
		{"-h"},
	} {
		out, errOut, code := runArgs(args...)
		require.Equal(t, 2, code, "%v", args)
		require.Empty(t, out, "%v", args)
		require.Equal(t, 1, strings.Count(errOut, "\n"), "%v: %q", args, errOut)
		require.True(t, strings.HasPrefix(errOut, "labsearch: "), errOut)
	}
}

func keys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	return out
}

// After -- every argument is the query, even one that starts with a dash; without --
// such an argument is a flag error that says how to search for it.
func TestQueryStartingWithDash(t *testing.T) {
	t.Parallel()
	out, errOut, code := runArgs("-json", "--", "-5550")
	require.Equal(t, 0, code, errOut)
	var v struct {
		Total int `json:"total"`
	}
	require.NoError(t, json.Unmarshal([]byte(out), &v))
	want, _, code := runArgs("-json", "5550")
	require.Equal(t, 0, code)
	var w struct {
		Total int `json:"total"`
	}
	require.NoError(t, json.Unmarshal([]byte(want), &w))
	require.Positive(t, w.Total)
	require.Equal(t, w.Total, v.Total)

	_, errOut, code = runArgs("-5550")
	require.Equal(t, 2, code)
	require.Contains(t, errOut, "--")
}

// A query longer than the search's limit is cut, as the portal cuts it, and searched.
func TestLongQueryIsCut(t *testing.T) {
	t.Parallel()
	_, errOut, code := runArgs("-json", "天津 "+strings.Repeat("天", 500))
	require.Equal(t, 0, code, errOut)
}

// A homophone slip is answered by its pinyin, and the cards say what was found.
func TestSlipIsSuggested(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	list := filepath.Join(dir, "labs.json")
	require.NoError(t, os.WriteFile(list, []byte(`[{"id":"a","region":"天津","name":"南开大学功能材料实验中心","legal_entity":"南开大学","contact":"王明","phone":"022-23500001","kind":"高校"}]`), 0o600))
	out, errOut, code := runArgs("-data", list, "南开大雪")
	require.Equal(t, 0, code, errOut)
	require.Contains(t, out, "您是不是要找：南开大学")
	require.Contains(t, out, "共检索到 1 条记录")
}
