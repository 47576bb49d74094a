package search_test

import (
	"context"
	"fmt"
	"strings"

	"github.com/cxqkit/cxq/search"
)

// Queries are found as people type them: traditional characters, punctuation, pinyin
// still being typed, a phone without its dash, a short name, and a homophone slip,
// which the result names.
func ExampleIndex_SearchLabs_asTyped() {
	ix, err := search.Build(exampleLabs(), nil, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	defer ix.Close()
	for _, q := range []string{"天津大學", "“天津大学”，", "tianjin da", "02227401774", "天大", "天津大雪"} {
		res, err := ix.SearchLabs(context.Background(), search.Query{Text: q})
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Printf("%s → %d %s %q\n", q, res.Total, res.Hits[0].ID, res.Suggested)
	}
	// Output:
	// 天津大學 → 1 1 ""
	// “天津大学”， → 1 1 ""
	// tianjin da → 2 1 ""
	// 02227401774 → 1 1 ""
	// 天大 → 1 1 ""
	// 天津大雪 → 1 1 "天津大学"
}

// A paste longer than MaxTextRunes is cut at its last part boundary.
func ExampleCutText() {
	text := strings.Repeat("光", search.MaxTextRunes-2) + " 天津大学"
	fmt.Println(len([]rune(search.CutText(text))))
	// Output:
	// 198
}

// The traditional → simplified table that the index and queries fold with.
func ExampleTraditionalToSimplified() {
	t := search.TraditionalToSimplified()
	fmt.Println(string(t['學']), string(t['乾']))
	// Output:
	// 学 干
}
