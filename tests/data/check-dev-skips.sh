#!/bin/sh
# Fails when `build-aux/dev test` lets a skipped test pass. Runs the checkout's build-aux
# on a small fake project whose tests skip in each way a test can: a whole test (exit
# status 77), one case of a TAP test (`ok N /path # SKIP`) and an incomplete case
# (`not ok N /path # TODO`). Every skip must fail the command unless tests/skips.allowed
# names it with a reason; the allowed ones are printed with their reasons; and the
# closing `N passed, N failed, N skipped` stays the last line.
#   check-dev-skips.sh SOURCE_ROOT
set -eu
top="$1"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fake="$tmp/fake"
mkdir -p "$fake/tests" "$tmp/bin"
cp -R "$top/build-aux" "$fake/build-aux"

# Nothing gets installed and no X server is started: every package counts as installed,
# and xvfb-run and dbus-run-session only run their command.
cat > "$tmp/bin/dpkg-query" <<'EOF'
#!/bin/sh
printf 'install ok installed'
EOF
cat > "$tmp/bin/apt-get" <<'EOF'
#!/bin/sh
echo "apt-get called: $*" >&2
exit 1
EOF
cat > "$tmp/bin/xvfb-run" <<'EOF'
#!/bin/sh
while [ $# -gt 0 ]; do
  case "$1" in
    -a) shift ;;
    -s) shift 2 ;;
    *) break ;;
  esac
done
exec "$@"
EOF
cat > "$tmp/bin/dbus-run-session" <<'EOF'
#!/bin/sh
[ "${1:-}" = "--" ] && shift
exec "$@"
EOF
chmod +x "$tmp/bin/"*
PATH="$tmp/bin:$PATH"
export PATH

cat > "$fake/meson_options.txt" <<'EOF'
option('development', type: 'boolean', value: false)
option('demo_images', type: 'boolean', value: true)
EOF
cat > "$fake/meson.build" <<'EOF'
project('fake', 'c')
sh = find_program('sh')
test('fine', sh, args: ['-c', 'echo 1..1; echo ok 1 /Fake/fine'], protocol: 'tap', suite: 'unit')
test('half', sh, protocol: 'tap', suite: 'process',
     args: ['-c', 'echo 1..3; echo ok 1 /Half/ran; echo "ok 2 /Half/other # SKIP no tool for the other half"; echo "not ok 3 /Half/later # TODO not written yet"'])
test('whole', sh, args: ['-c', 'echo "no server to test against"; exit 77'], suite: 'display')
test('checked', sh, args: ['-c', 'exit 0'], suite: 'data')
EOF

fails=0
fail() {
  echo "FAIL: $*" >&2
  fails=$((fails + 1))
}

# Runs the fake project's `build-aux/dev test` with @1 as tests/skips.allowed; its output
# goes to $out, its exit status to $status.
run() {
  printf '%s' "$1" > "$fake/tests/skips.allowed"
  out="$tmp/out.txt"
  status=0
  "$fake/build-aux/dev" test > "$out" 2>&1 || status=$?
}

expect_last_line() {
  last=$(tail -n 1 "$out")
  [ "$last" = "$1" ] || fail "$2: the last line is \"$last\", not \"$1\""
}

expect_output() {
  grep -qF -- "$1" "$out" || fail "$2: the output does not say \"$1\""
}

# Whole tests: fine, half and checked pass in the first run, fine in the unit run under
# the sanitizers, half in the process and display run; whole skips in both runs with it.
closing="5 passed, 0 failed, 2 skipped"

run '# Nothing allowed.
'
[ "$status" -ne 0 ] || fail "no allow-list entry: a skipped test passed"
expect_output "process/half/Half/other" "no allow-list entry"
expect_output "process/half/Half/later" "no allow-list entry"
expect_output "display/whole" "no allow-list entry"
expect_output "no tool for the other half" "no allow-list entry"
expect_output "not allowed" "no allow-list entry"
expect_last_line "$closing" "no allow-list entry"
first_status=$status
first_out=$(cat "$out")

run '# suite/test[/case path]: reason
process/half/Half/other: the fake has no tool for it
process/half/Half/later: the fake never writes it
display/whole: the fake has no server
'
[ "$status" -eq 0 ] || fail "every skip allowed: exit status $status"
expect_output "the fake has no tool for it" "every skip allowed"
expect_output "the fake has no server" "every skip allowed"
expect_last_line "$closing" "every skip allowed"

# An entry for a whole test covers its cases; one for a case does not cover the test.
run 'process/half: the fake has half a test
display/whole/Some/case: only this case may skip
'
[ "$status" -ne 0 ] || fail "a case entry allowed the whole test's skip"
expect_output "display/whole" "a case entry for a whole-test skip"
expect_last_line "$closing" "a case entry for a whole-test skip"

run 'display/whole
'
[ "$status" -ne 0 ] || fail "an entry without a reason was taken"
expect_output "skips.allowed:1" "an entry without a reason"
expect_last_line "$closing" "an entry without a reason"

if [ $fails -gt 0 ]; then
  echo "--- the first run's output (exit status $first_status):" >&2
  printf '%s\n' "$first_out" >&2
  echo "--- the last run's output (exit status $status):" >&2
  cat "$out" >&2
  exit 1
fi
echo "build-aux/dev test fails on every skip tests/skips.allowed does not name"
