"""Build the font embedded by package export, reproducibly.

Input: wqy-microhei.ttc from Debian's fonts-wqy-microhei 0.2.0-beta-3.1 (face 0, WenQuanYi
Micro Hei, used under the Apache License 2.0). Output: a TrueType font (glyf outlines) holding
printable ASCII, Latin-1 and every character of the GBK repertoire the face has: all 20,902
CJK unified ideographs of U+4E00..U+9FA5 plus GBK's punctuation and symbols. Layout tables
and hinting are dropped (the PDF renderer uses neither); timestamps are kept from the source,
so the same input gives the same bytes.

Usage: python3 subset.py INPUT.ttc OUTPUT.ttf
"""
import sys

from fontTools import subset
from fontTools.ttLib import TTCollection


def repertoire():
    wanted = set(range(0x20, 0x7F)) | set(range(0xA0, 0x100))
    for b1 in range(0x81, 0xFF):
        for b2 in range(0x40, 0xFF):
            try:
                ch = bytes([b1, b2]).decode("gbk")
            except UnicodeDecodeError:
                continue
            wanted.add(ord(ch))
    return wanted


def main(src, dst):
    font = TTCollection(src).fonts[0]
    font.recalcTimestamp = False
    have = set(font.getBestCmap())
    opts = subset.Options()
    opts.layout_features = []
    opts.hinting = False
    opts.name_IDs = ["*"]
    opts.name_languages = ["*"]
    opts.notdef_outline = True
    opts.recalc_timestamp = False
    opts.drop_tables += ["FFTM", "GDEF", "GPOS", "GSUB", "vhea", "vmtx"]
    sub = subset.Subsetter(opts)
    sub.populate(unicodes=sorted(repertoire() & have))
    sub.subset(font)
    font.save(dst, reorderTables=True)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
