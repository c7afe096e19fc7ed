#!/bin/sh
# The development build's icon: the app icon with a mark drawn over it.
#   devel-icon.sh ICON.svg MARK.svg > OUT.svg
# MARK.svg's elements go in just before the icon's closing </svg> (MARK.svg's own <svg> and
# </svg> lines and its comments are left out), so the mark is drawn last, on top.
set -eu
icon="$1"; mark="$2"
grep -q '^</svg>$' "$icon" || { echo "devel-icon.sh: $icon does not end in a </svg> line" >&2; exit 1; }
sed '/^<\/svg>$/,$d' "$icon"
sed -e '1,/^<svg/d' -e '/^<\/svg>$/,$d' "$mark"
echo '</svg>'
