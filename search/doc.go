// Package search finds open labs and service products by what a portal user remembers:
// part of a name in Chinese (one character such as 光, or 液相色谱), an institution, a
// contact person, part of a phone number, a service, or pinyin typed without a Chinese
// input method (nankai, tianjin daxue, tjdx, tianjin 化工).
//
// # Index
//
// An [Index] is built with bleve (scorch), in memory by default or on disk when
// [Options.Path] is set. Labs and products are added, replaced and deleted one record
// at a time or rebuilt from a catalog.
//
// # Analysis
//
// Text fields are indexed as unigrams plus bigrams, with term vectors. A query part of
// one character is a unigram term; of two, a bigram term; of more, a phrase of bigrams
// that covers every character, so a lab is found exactly when its text contains the
// query (recall 1.0), and nothing else is (precision 1.0 within a field). Names, legal
// entities and contacts also carry their pinyin, full and initials, with an override
// table for polyphonic characters ([DefaultPinyinOverrides]). Abbreviations such as
// 天大 and 北航 come from an alias table ([DefaultAliases]) that a portal may extend.
//
// # Queries
//
// A [Query] is typed: user text is never parsed as query syntax, so quotes, *, ~ and :
// are just characters. Whitespace separates parts that must all match. Filters and the
// [Scope] a portal imposes are part of the query itself, so totals and facets never
// count what the caller may not see. Results carry the total, the hits of one page with
// highlight fragments that are safe HTML, facet counts and the page window.
//
// Bad queries return a *cxq.ValidationError (errors.Is(err, cxq.ErrInvalid)).
//
// # Imports
//
// search reads package catalog and the kernel. It must never import net/http, a
// store driver or anything under examples.
package search
