#!/bin/sh
# Fails when a translation in po/LINGUAS misses or has fuzzy messages against the strings
# in the sources today (extracted afresh, as the vitrine-pot target does), or has format
# errors. Usage: check-translations.sh SOURCE_ROOT
set -eu
top="${1:-$(dirname "$0")/..}"
cd "$top"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

xgettext --package-name=vitrine --from-code=UTF-8 --add-comments \
  --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 --keyword=g_dngettext:2,3 \
  --flag=N_:1:pass-c-format --flag=g_strdup_printf:1:c-format --flag=g_set_error:4:c-format \
  --files-from=po/POTFILES.in --output="$tmp/vitrine.pot"

status=0
for lang in $(grep -v '^#' po/LINGUAS); do
  msgmerge --quiet --no-fuzzy-matching --output-file="$tmp/$lang.po" "po/$lang.po" "$tmp/vitrine.pot"
  stats=$(msgfmt --check --statistics --output-file=/dev/null "$tmp/$lang.po" 2>&1)
  echo "$lang: $stats"
  case "$stats" in
    *untranslated*|*fuzzy*) status=1 ;;
  esac
  obsolete=$(msgattrib --only-obsolete "$tmp/$lang.po" | grep -c '^#~ msgid' || true)
  if [ "$obsolete" -gt 0 ]; then
    echo "$lang: $obsolete translations no longer match any source string (run the vitrine-update-po target)"
  fi
done
exit $status
