#!/usr/bin/env bash
# Regenerates the fonts in ../../fonts with Debian's python3-fonttools:
#   wqy-microhei-gbk.ttf  from fonts-wqy-microhei (the font the forms are set in),
#   hanazono-a.ttf.gz and hanazono-b.ttf.gz from fonts-hanazono (the fallbacks for CJK
#   Extensions A and B and the rest of the 通用规范汉字表, whose list comes from unicode-data).
#   apt-get install fonts-wqy-microhei fonts-hanazono unicode-data python3-fonttools
# Running it twice gives the same bytes; fonts/SHA256SUMS records them.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
out="$here/../../fonts"
wqy=${WQY:-/usr/share/fonts/truetype/wqy/wqy-microhei.ttc}
hana=${HANAZONO:-/usr/share/fonts/truetype/hanazono}
unihan=${UNIHAN:-/usr/share/unicode/Unihan_OtherMappings.txt.bz2}
py=/usr/bin/python3
$py "$here/subset.py" wqy "$wqy" "$out/wqy-microhei-gbk.ttf"
$py "$here/subset.py" hanazono-a "$hana/HanaMinA.ttf" "$out/hanazono-a.ttf.gz"
$py "$here/subset.py" hanazono-b "$hana/HanaMinB.ttf" "$out/hanazono-b.ttf.gz" "$unihan"
(cd "$out" && sha256sum wqy-microhei-gbk.ttf hanazono-a.ttf.gz hanazono-b.ttf.gz > SHA256SUMS)
cat "$out/SHA256SUMS"
