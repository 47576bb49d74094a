// Package export prints the voucher forms as PDF, ready to sign, stamp and hand in: the
// 科技创新券申请表 ([ApplicationForm]) and the 创新券兑现申请表 ([RedemptionForm]).
//
// The forms are view models: display-ready values the caller fills from the stored
// records, or that [ApplicationFrom] and [RedemptionFrom] assemble from a
// [voucher.Application] or [voucher.Redemption] and their [Sources]. [RenderApplication] and [RenderRedemption] lay them out on A4 pages with every
// field of the portal's forms, the invoice and contract tables with their totals, long text
// wrapped across lines and pages, the review opinions, the attached files with the start of
// their SHA-256, boxes for 签字 and 盖章 with date lines, and "第 1 页 共 2 页" page numbers.
//
// [RenderNotice] prints a public notice list (公示名单, [NoticeList], from a
// [voucher.Publication] by [NoticeFrom]): its period, one row per entry with only the
// policy's public columns, and the list's SHA-256 in full under the table and at the
// start of every page's footer in place of a verification code.
//
// # Verification codes
//
// Every page carries a verification code derived from the record's ID, version and
// amounts ([Code]); [Verify] tells whether a code typed from paper matches the stored
// record, so an office can check that a printed form is the current one and its amounts
// were not altered. With [CodeOptions.Key] the code is an HMAC only the portal can make.
//
// # Fonts
//
// The forms are set in an embedded subset of WenQuanYi Micro Hei (Apache License 2.0,
// fonts/README.md) holding the GBK repertoire, so export needs no installed font;
// [Options.Font] supplies another TrueType font. A character that font lacks is set in the
// first fallback font that has it: the caller's [Options.Fallbacks], then the embedded
// [DefaultFallbacks], subsets of Hanazono Mincho (Hanazono Font License) holding all of
// CJK Extensions A and B and the rest of the 通用规范汉字表, so that a name with 䶮 or 𠮷
// prints. Each run of text is drawn and measured (for alignment and line breaks) in the
// font of its characters. A character no font has prints as a stand-in a font has where
// there is one (half-width katakana ｶﾀｶﾅ as カタカナ), else as [Placeholder], □, once per
// character as a reader sees it (an emoji, with its skin tone or joined into a family, is
// one: "好□"), so that every record prints and reads — its text may be beyond anyone's
// editing, an approved opinion for one; the record keeps the character, and the
// verification code, made from the record's identity and amounts, not from the printed
// text, leads to it. Characters nobody sees (zero-width spaces and joiners, byte-order
// marks, direction marks, variation selectors) are left out. Under [Options.Strict] a
// character with no glyph and no stand-in is instead a [*GlyphError] naming the
// field and the character, found before anything is written. The
// embedded fonts are parsed once per process, a [Font] once when made, and are shared by
// concurrent renderings.
//
// # The PDF
//
// The package writes the PDF itself: the pages' text, rules and boxes, and for each font
// drawn with, a cut of it holding only the glyphs the document draws, embedded as a
// TrueType CID font addressed by glyph, with a ToUnicode map that gives every glyph its
// character back (outside the BMP too), so that copying, search and text extraction
// (poppler's pdftotext, for one) return the text. A two-page form is some 45 KB and takes
// a few milliseconds of CPU (BenchmarkRenderRedemption).
//
// # Determinism
//
// The same form rendered with the same options gives the same bytes: the PDF's dates come
// from the form's Exported time and its objects are written in a fixed order, so exports
// can be cached and compared by hash.
//
// Package export reads no clock and does no I/O but writing to the given io.Writer. It
// imports the kernel, review and voucher, and must never import a store driver, net/http
// or the portal.
package export
