#!/usr/bin/env bash
# Runs inside Xvfb and a private D-Bus session (see build-aux/dev): starts Vitrine from the
# build tree, waits until it is up, takes a screenshot of the whole screen, quits it.
#   headless-shot.sh BUILDDIR OUT.png [VITRINE OPTIONS]
set -euo pipefail
build="$1"; out="$2"; shift 2
vitrine="$build/src/app/vitrine"
devenv=(meson devenv -C "$build")

"${devenv[@]}" "$vitrine" "$@" &
pid=$!
for _ in $(seq 1 50); do
  "${devenv[@]}" "$vitrine" --status >/dev/null 2>&1 && break
  sleep 0.2
done
sleep "${VITRINE_SHOT_DELAY:-3}"
import -window root "$out"
"${devenv[@]}" "$vitrine" --quit || kill "$pid"
wait "$pid" || true
