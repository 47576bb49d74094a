package search

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cxqkit/cxq/catalog"
)

// literalQueries draws n queries of one to four characters from the labs' fields, and
// whole institutions, deterministically.
func literalQueries(labs []catalog.Lab, n int, seed uint64) []string {
	rng := rand.New(rand.NewPCG(seed, 1))
	var out []string
	for len(out) < n {
		l := labs[rng.IntN(len(labs))]
		texts := labTexts(l)
		src := []rune(texts[rng.IntN(len(texts))])
		if rng.IntN(8) == 0 {
			src = []rune(l.LegalEntity)
		} else if len(src) > 0 {
			size := min(len(src), 1+rng.IntN(4))
			at := rng.IntN(len(src) - size + 1)
			src = src[at : at+size]
		}
		if q := strings.TrimSpace(string(src)); q != "" && !strings.ContainsRune(q, ' ') {
			out = append(out, q)
		}
	}
	return out
}

// Every lab whose text contains the query is found, and nothing else: the literal
// strategy is exact, so the result equals the substring scan (aliases aside).
func TestRecallLiteralMatchesScan(t *testing.T) {
	t.Parallel()
	ix, labs := bundledIndex(t), bundledLabs(t)
	aliases := newAliasTable(nil, false)
	queries := append(literalQueries(labs, 400, 1),
		"光", "燃烧", "色谱", "液相色谱", "盐雾试验", "天津大学", "南开", "实验室", "022", "5550", "-", "（", "重点实验室")
	for _, q := range queries {
		got, want := allIDs(t, ix, Query{Text: q}), scanIDs(labs, q)
		for id := range want {
			require.True(t, got[id], "query %q misses %s", q, id)
		}
		if _, alias := aliases[foldString(q)]; !alias && !isLetters(foldString(q)) {
			require.Equal(t, want, got, "query %q", q)
		}
	}
}

// Two parts must both be found, each in some field.
func TestRecallTwoParts(t *testing.T) {
	t.Parallel()
	ix, labs := bundledIndex(t), bundledLabs(t)
	qs := literalQueries(labs, 200, 2)
	for i := 0; i+1 < len(qs); i += 2 {
		q := qs[i] + " " + qs[i+1]
		want := scanIDs(labs, q)
		got := allIDs(t, ix, Query{Text: q})
		for id := range want {
			require.True(t, got[id], "query %q misses %s", q, id)
		}
	}
}

// Pinyin runs of whole syllables, joined or spaced, and initials find every lab whose
// name, legal entity or contact reads that way.
func TestRecallPinyin(t *testing.T) {
	t.Parallel()
	ix, labs := bundledIndex(t), bundledLabs(t)
	py := newPinyinTable(nil)
	rng := rand.New(rand.NewPCG(3, 1))
	checked := 0
	for checked < 300 {
		l := labs[rng.IntN(len(labs))]
		src := []string{l.Name, l.LegalEntity, l.Contact}[rng.IntN(3)]
		full, ini := py.units(src, false)
		fs, is := strings.Fields(full), strings.Fields(ini)
		size := min(len(fs), 2+rng.IntN(3))
		if size < 2 {
			continue
		}
		at := rng.IntN(len(fs) - size + 1)
		syl, in := fs[at:at+size], is[at:at+size]
		if strings.Contains(strings.Join(syl, ""), noUnit) {
			continue
		}
		initials := rng.IntN(3) == 0
		q := strings.Join(syl, "")
		run := syl
		if initials {
			q, run = strings.Join(in, ""), in
		}
		want := pinyinIDs(labs, py, run, initials)
		got := allIDs(t, ix, Query{Text: q})
		for id := range want {
			require.True(t, got[id], "pinyin %q misses %s", q, id)
		}
		checked++
	}
}

func TestPinyinExamples(t *testing.T) {
	t.Parallel()
	labs := []catalog.Lab{
		lab("a", "内燃机燃烧学国家重点实验室", "天津大学", "李静"),
		lab("b", "药物化学生物学国家重点实验室", "南开大学", "张伟"),
		lab("c", "长城汽车技术中心", "长城汽车股份有限公司", "曾强"),
		lab("d", "天津市化工过程强化工程技术研究中心", "河北工业大学", "王芳"),
	}
	ix, err := Build(labs, nil, nil)
	require.NoError(t, err)
	defer ix.Close()
	for q, want := range map[string][]string{
		"nankai":        {"b"},
		"nan kai":       {"b"},
		"tianjin daxue": {"a", "d"}, // each word somewhere: d is in 天津 and in a 大学
		"tianjindaxue":  {"a"},
		"tjdx":          {"a"},
		"tianjin 化工":    {"d"},
		"changcheng":    {"c"},
		"zengqiang":     {"c"},
		"lijing":        {"a"},
		"天大":            {"a"},
	} {
		got := allIDs(t, ix, Query{Text: q})
		require.Equal(t, set(want...), got, q)
	}
}

func lab(id, name, entity, contact string) catalog.Lab {
	return catalog.Lab{ID: id, Name: name, LegalEntity: entity, Contact: contact, Region: catalog.Tianjin,
		Kind: catalog.NationalKeyLab, Phone: "022-5550" + id, Source: catalog.SourceSynthetic}
}

func set(ids ...string) map[string]bool {
	out := map[string]bool{}
	for _, id := range ids {
		out[id] = true
	}
	return out
}
