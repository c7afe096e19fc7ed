#!/usr/bin/env bash
# Runs inside Xvfb and a private D-Bus session (see build-aux/dev): starts Vitrine from the
# build tree, waits until it is up, takes a screenshot of the whole screen, quits it.
#   headless-shot.sh BUILDDIR OUT.png [VITRINE OPTIONS]
set -euo pipefail
build="$1"; out="$2"; shift 2
vitrine="$build/src/app/vitrine"
# The build's app id (io.github.vitrine.Vitrine, or ….Devel in a development build).
app_id=$(sed -n 's/^#define APP_ID "\(.*\)"$/\1/p' "$build/config.h")
[ -n "$app_id" ] || { echo "headless-shot.sh: no APP_ID in $build/config.h" >&2; exit 1; }
devenv=(meson devenv -C "$build")
export GTK_A11Y=none NO_AT_BRIDGE=1

"${devenv[@]}" "$vitrine" "$@" &
pid=$!
# Wait for the bus name rather than polling --status: a --status that starts while the
# instance is still registering would become the primary itself.
gdbus wait --session --timeout 15 "$app_id"
sleep "${VITRINE_SHOT_DELAY:-3}"
import -window root "$out"
"${devenv[@]}" "$vitrine" --quit || kill "$pid"
wait "$pid" || true
