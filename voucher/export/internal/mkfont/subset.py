"""Build the fonts embedded by package export, reproducibly.

wqy: wqy-microhei.ttc from Debian's fonts-wqy-microhei 0.2.0-beta-3.1 (face 0, WenQuanYi Micro
Hei, used under the Apache License 2.0). Output: a TrueType font (glyf outlines) holding
printable ASCII, Latin-1 and every character of the GBK repertoire the face has: all 20,902
CJK unified ideographs of U+4E00..U+9FA5 plus GBK's punctuation and symbols.

hanazono-a: HanaMinA.ttf from Debian's fonts-hanazono 20170904-2.1 (used under the Hanazono
Font License). Output, gzip-compressed: every character it has of CJK Extension A
(U+3400..U+4DBF), of the unified ideographs GBK lacks (U+9FA6..U+9FFF) and of the CJK
Compatibility Ideographs (U+F900..U+FAFF).

hanazono-b: HanaMinB.ttf from the same package. Output, gzip-compressed: every character it has
of CJK Extension B (U+20000..U+2A6DF), and the characters of the 通用规范汉字表 (Unihan's kTGH,
from Debian's unicode-data) in Extensions C to F, so that with the two fonts above every one of
its 8,105 characters is covered.

Layout tables and hinting are dropped (the PDF renderer uses neither); timestamps are kept from
the source and the gzip header carries none, so the same input gives the same bytes.

Usage: python3 subset.py wqy INPUT.ttc OUTPUT.ttf
       python3 subset.py hanazono-a HanaMinA.ttf OUTPUT.ttf.gz
       python3 subset.py hanazono-b HanaMinB.ttf OUTPUT.ttf.gz Unihan_OtherMappings.txt.bz2
"""
import bz2
import gzip
import io
import re
import sys

from fontTools import subset
from fontTools.ttLib import TTCollection, TTFont


def gbk():
    wanted = set(range(0x20, 0x7F)) | set(range(0xA0, 0x100))
    for b1 in range(0x81, 0xFF):
        for b2 in range(0x40, 0xFF):
            try:
                ch = bytes([b1, b2]).decode("gbk")
            except UnicodeDecodeError:
                continue
            wanted.add(ord(ch))
    return wanted


def tgh(unihan):
    """The 通用规范汉字表 (kTGH) from Unihan_OtherMappings.txt.bz2."""
    line = re.compile(r"^U\+([0-9A-F]+)\tkTGH\t")
    with bz2.open(unihan, "rt", encoding="utf-8") as f:
        return {int(m.group(1), 16) for m in map(line.match, f) if m}


def span(lo, hi):
    return set(range(lo, hi + 1))


def subset_font(font, wanted):
    font.recalcTimestamp = False
    have = set(font.getBestCmap())
    opts = subset.Options()
    opts.layout_features = []
    opts.hinting = False
    opts.name_IDs = ["*"]
    opts.name_languages = ["*"]
    opts.notdef_outline = True
    opts.recalc_timestamp = False
    opts.drop_tables += ["FFTM", "GDEF", "GPOS", "GSUB", "vhea", "vmtx", "BASE", "prop"]
    sub = subset.Subsetter(opts)
    chars = sorted(wanted & have)
    sub.populate(unicodes=chars)
    sub.subset(font)
    return len(chars)


def save_gz(font, dst):
    buf = io.BytesIO()
    font.save(buf, reorderTables=True)
    with open(dst, "wb") as f:
        f.write(gzip.compress(buf.getvalue(), compresslevel=9, mtime=0))


def main(kind, src, dst, *rest):
    if kind == "wqy":
        font = TTCollection(src).fonts[0]
        subset_font(font, gbk())
        font.save(dst, reorderTables=True)
        return
    font = TTFont(src)
    if kind == "hanazono-a":
        n = subset_font(font, span(0x3400, 0x4DBF) | span(0x9FA6, 0x9FFF) | span(0xF900, 0xFAFF))
    elif kind == "hanazono-b":
        ext_c_to_f = {c for c in tgh(rest[0]) if 0x2A700 <= c <= 0x2EBEF}
        n = subset_font(font, span(0x20000, 0x2A6DF) | ext_c_to_f)
    else:
        sys.exit("unknown kind " + kind)
    save_gz(font, dst)
    print(f"{dst}: {n} characters", file=sys.stderr)


if __name__ == "__main__":
    main(*sys.argv[1:])
