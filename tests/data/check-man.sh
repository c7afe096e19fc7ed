#!/bin/sh
# Fails when man(1) has anything to say about the page: groff warnings, bad macros.
set -eu
page="$1"
warnings=$(LC_ALL=C.UTF-8 MANROFFSEQ='' MANWIDTH=80 man --warnings -E UTF-8 -l "$page" 2>&1 >/dev/null)
if [ -n "$warnings" ]; then
  printf '%s\n' "$warnings" >&2
  exit 1
fi
rendered=$(LC_ALL=C.UTF-8 MANWIDTH=80 man -E UTF-8 -l "$page" 2>/dev/null | wc -l)
[ "$rendered" -gt 20 ] || { echo "man page renders to only $rendered lines" >&2; exit 1; }
