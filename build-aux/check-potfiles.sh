#!/bin/sh
# Fails when a file with translatable strings is missing from po/POTFILES.in, or when
# POTFILES.in names a file that does not exist.
set -eu
top="${1:-$(dirname "$0")/..}"
cd "$top"
listed=$(grep -v '^#' po/POTFILES.in | sed '/^[[:space:]]*$/d' | sort -u)
status=0

for file in $listed; do
  if [ ! -f "$file" ]; then
    echo "po/POTFILES.in lists $file, which does not exist" >&2
    status=1
  fi
done

candidates=$( {
  grep -rlE '(^|[^A-Za-z0-9_])N?_\(|C_\(|g_dngettext|ngettext\(' --include='*.c' src data || true
  grep -rl 'translatable="yes"' --include='*.ui' src || true
  ls data/*.desktop.in.in data/*.metainfo.xml.in.in data/*.gschema.xml 2>/dev/null || true
} | sort -u)

for file in $candidates; do
  if ! printf '%s\n' "$listed" | grep -qxF "$file"; then
    echo "$file has translatable strings but is missing from po/POTFILES.in" >&2
    status=1
  fi
done

[ $status -eq 0 ] && echo "po/POTFILES.in lists all $(printf '%s\n' "$listed" | wc -l) files with translatable strings"
exit $status
