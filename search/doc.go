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
// Text fields are indexed by bleve (scorch) as unigrams plus bigrams, without term
// vectors. The index analyses each record itself, with its analyzers' terms, and gives
// bleve documents whose fields are already analysed, so a build walks no record by
// reflection and makes no object per token. A query part of one character is a unigram term and of two a bigram term,
// which are exact. A longer part needs the two rarest bigrams that cover it in one
// field; that finds a superset, and each candidate is checked in that field's folded
// text, kept for every record in one contiguous byte arena per field, so a record is
// found exactly when its text contains the query (recall 1.0, precision 1.0). The check
// replaces phrase queries, which need term vectors and build location maps for every
// candidate. When those posting lists hold more postings than there are records that
// can still match (a phone fragment every lab has), the arena is checked directly
// instead, scored with the same norm bleve keeps. Matching walks bleve's posting
// lists through its index reader rather than building searchers, which costs a few
// nanoseconds per posting and lets one- and two-character queries that match most of a
// large catalog stay fast. A catalog of at most 5,000 records also keeps its own list
// of the records that hold each term, made from the same analysis while it is built,
// and reads those instead: there a query's cost was mostly opening term readers over
// every segment for lists a few records long or empty. Replacing or deleting a record
// drops the lists until the next rebuild. Names, legal entities and contacts also carry their pinyin,
// full syllables and initials, with an override table for polyphonic words and place
// names (乐亭 is lao ting; [DefaultPinyinOverrides]); the region's short names, such as
// 天大, 北航, 河工大, 首师大, TJU and BUAA, come from an alias table ([DefaultAliases])
// that a portal may extend ([Options.Aliases]) or replace ([Options.NoDefaultAliases]).
//
// # As people type
//
// Pinyin is read as typed: the last syllable of the last part may be unfinished
// (nanka finds 南开, tianjin da 天津大学), tone marks and ü fold away (lǚ, lü, lu: and lv
// are one). When a query finds nothing, its parts written in Chinese characters are
// tried again by their pinyin, since picking the wrong character of a reading is the
// commonest Chinese typo: 南开大雪 finds 南开大学, and [Result.Suggested] says so.
//
// # Normalisation
//
// The index and the query fold text the same way, one rune for one rune so highlights
// land on the original characters: format characters (U+200B, U+FEFF, U+00AD …) are
// dropped; NFKC (full-width letters and digits, compatibility ideographs); spaces,
// punctuation and symbols (quotes, brackets, 、，。；：-) separate parts; letters are lower
// case and lose pinyin tone marks (ǚ and ü are v, as in lv); traditional characters
// become simplified ones by [TraditionalToSimplified], a table from OpenCC (Apache
// License 2.0). So 天津大學, “天津大学”， and a name pasted with a zero-width space
// all find 天津大学, and 天津，化工 is the two parts 天津 and 化工. Latin letters next to
// Chinese characters are separate parts (tianjin大学). A phone is also indexed as its
// digits alone, so 02227405501, 022 2740 5501 and (022)27405501 find 022-27405501.
//
// Ranking is Σ boost × idf × norm over the fields a record matched in (name above legal
// entity above contact above other fields, short fields above long ones), plus a bonus
// from sorted columns: a field equal to the whole query first, then a name or legal
// entity that starts with it. Facet counts come from the same columns.
//
// # Queries
//
// A [Query] is typed: user text is never parsed as query syntax, so quotes, *, ~ and :
// are just characters. Whitespace separates parts that must all match. Filters and the
// [Scope] a portal imposes are part of the query itself, so totals and facets never
// count what the caller may not see. Results carry the total, the hits of one page with
// highlight fragments that are safe HTML, facet counts and the page window.
//
// A text longer than [MaxTextRunes] is cut at its last part boundary before the limit
// ([CutText]) and searched, never refused; parts past the sixteenth are left out. The
// work of parsing is bounded: pinyin segmentation first computes which suffixes of a
// letter word can be read at all (six steps a letter), so a word whose tail cannot be
// read costs linear work, and every parse runs on a fixed step budget. Parsing and
// matching stop with ctx's error once ctx is done.
//
// Bad queries return a *cxq.ValidationError (errors.Is(err, cxq.ErrInvalid)).
//
// # Imports
//
// search reads package catalog and the kernel. It must never import net/http, a
// store driver or anything under examples.
package search
