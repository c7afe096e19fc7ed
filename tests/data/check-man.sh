#!/bin/sh
# Fails when man(1) has anything to say about the page: groff warnings, bad macros. With
# the vitrine binary as well, also when the page and the binary disagree about the options:
# every option `vitrine --help-all` lists must be in the page, and every --option the page
# names must be one the binary knows (the hidden --render-transition family is not in
# --help, so those are asked of the option parser itself).
#   check-man.sh PAGE [VITRINE]
set -eu
page="$1"
vitrine="${2:-}"
warnings=$(LC_ALL=C.UTF-8 MANROFFSEQ='' MANWIDTH=80 man --warnings -E UTF-8 -l "$page" 2>&1 >/dev/null)
if [ -n "$warnings" ]; then
  printf '%s\n' "$warnings" >&2
  exit 1
fi
rendered=$(LC_ALL=C.UTF-8 MANWIDTH=80 man -E UTF-8 -l "$page" 2>/dev/null | wc -l)
[ "$rendered" -gt 20 ] || { echo "man page renders to only $rendered lines" >&2; exit 1; }

[ -n "$vitrine" ] || exit 0

# Option names, one per line: the page's from its plain-text rendering, the binary's from
# the start of each line of --help-all.
page_options=$(LC_ALL=C.UTF-8 MANWIDTH=200 man -E ascii -l "$page" 2>/dev/null |
               grep -oE -- '--[a-z][a-z-]*[a-z]' | sort -u)
help=$(LC_ALL=C.UTF-8 "$vitrine" --help-all) || { echo "$vitrine --help-all failed" >&2; exit 1; }
help_options=$(printf '%s\n' "$help" | sed -n 's/^ *\(-[a-zA-Z], \)\{0,1\}\(--[a-z][a-z-]*[a-z]\).*/\2/p' |
               sort -u)
[ -n "$help_options" ] || { echo "no options in $vitrine --help-all" >&2; exit 1; }

status=0
for option in $help_options; do
  printf '%s\n' "$page_options" | grep -qxF -- "$option" || {
    echo "$page does not document $option (in vitrine --help-all)" >&2
    status=1
  }
done

# An option --help does not list: GOption says "Unknown option" when there is none. No
# schema is reachable, so the binary can do nothing else than parse and stop.
empty=$(mktemp -d)
trap 'rm -rf "$empty"' EXIT
for option in $page_options; do
  printf '%s\n' "$help_options" | grep -qxF -- "$option" && continue
  errors=$(GSETTINGS_SCHEMA_DIR="$empty" XDG_DATA_DIRS="$empty" XDG_DATA_HOME="$empty" \
           LC_ALL=C.UTF-8 "$vitrine" "$option" 2>&1 >/dev/null || true)
  case "$errors" in
    *"Unknown option"*)
      echo "$page documents $option, which vitrine does not know" >&2
      status=1 ;;
  esac
done
exit $status
