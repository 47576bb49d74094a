#!/usr/bin/env bash
# Regenerates ../../fonts/wqy-microhei-gbk.ttf from Debian's fonts-wqy-microhei with
# Debian's python3-fonttools (apt-get install fonts-wqy-microhei python3-fonttools).
# Running it twice gives the same bytes; fonts/SHA256SUMS records them.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
out="$here/../../fonts"
src=${1:-/usr/share/fonts/truetype/wqy/wqy-microhei.ttc}
/usr/bin/python3 "$here/subset.py" "$src" "$out/wqy-microhei-gbk.ttf"
(cd "$out" && sha256sum wqy-microhei-gbk.ttf > SHA256SUMS)
cat "$out/SHA256SUMS"
