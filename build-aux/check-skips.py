#!/usr/bin/env python3
# check-skips.py: fails when a test run skipped something the allow-list does not name, so
# that a machine without a test's tools cannot pass `build-aux/dev test` untested.
#   check-skips.py ALLOWED LABEL=TESTLOG.json [LABEL=TESTLOG.json ...]
#
# Each TESTLOG.json is the log of one `meson test` run (LABEL says which, in messages).
# A skip is named `suite/test` when the whole test skipped (exit status 77, a TAP plan
# `1..0 # SKIP`, or no case at all) and `suite/test/case/path` when one case of a TAP test
# did (`ok N /case/path # SKIP reason`, g_test_skip()); a case left incomplete (`not ok N
# /case/path # TODO`, g_test_incomplete()) counts as a skip too.
#
# ALLOWED has one entry a line, `suite/test[/case path]: reason`; a line starting with # is
# a comment. An entry for a test allows any skip in it; one with a case path allows that
# case and the cases below it. Prints the skips that were allowed with both reasons, then
# each one not allowed; exits 1 if there is one, 2 if ALLOWED or a log cannot be read.
import json
import re
import sys

TAP_CASE = re.compile(r'^(ok|not ok)\b\s*\d*\s*([^#]*?)\s*#\s*(SKIP|TODO)\S*\s*(.*)$', re.IGNORECASE)
TAP_SKIPPED_PLAN = re.compile(r'^1\.\.0\s*#\s*SKIP\S*\s*(.*)$', re.IGNORECASE)


def read_allowed(path):
    entries = []
    try:
        with open(path, encoding='utf-8') as f:
            lines = f.read().splitlines()
    except OSError as e:
        print(f'{path}: {e.strerror}', file=sys.stderr)
        sys.exit(2)
    for number, line in enumerate(lines, 1):
        line = line.strip()
        if not line or line.startswith('#'):
            continue
        name, colon, reason = line.partition(':')
        name, reason = name.strip(), reason.strip()
        parts = name.split('/')
        if not colon or not reason or len(parts) < 2 or '' in parts[:2]:
            print(f'{path}:{number}: not "suite/test[/case path]: reason": {line}', file=sys.stderr)
            sys.exit(2)
        entries.append((parts[0], parts[1], '/' + '/'.join(parts[2:]) if len(parts) > 2 else None,
                        reason))
    return entries


def suite_and_test(name):
    # meson names a test "project:suite / test" in a project with several suites (this one),
    # and only "test" in a project with one; such a name matches no entry.
    prefix, separator, test = name.partition(' / ')
    if not separator:
        return '', name
    suite = prefix.split(':', 1)[1] if ':' in prefix else prefix
    return suite, test


def whole_reason(record):
    for line in (record.get('stdout') or '').splitlines():
        m = TAP_SKIPPED_PLAN.match(line.strip())
        if m:
            return m.group(1) or 'its plan says it skipped'
    for stream in ('stderr', 'stdout'):
        lines = [l.strip().lstrip('#').strip() for l in (record.get(stream) or '').splitlines()]
        lines = [l for l in lines if l and not l.startswith('1..')]
        if lines:
            return lines[-1]
    if record.get('returncode') == 77:
        return 'exit status 77'
    return 'no test case ran'


def read_skips(label, path):
    skips = []
    try:
        with open(path, encoding='utf-8') as f:
            records = [json.loads(line) for line in f if line.strip()]
    except (OSError, ValueError) as e:
        print(f'{label}: cannot read the test log {path}: {e}', file=sys.stderr)
        sys.exit(2)
    for record in records:
        suite, test = suite_and_test(record['name'])
        cases = []
        for line in (record.get('stdout') or '').splitlines():
            m = TAP_CASE.match(line.strip())
            if not m:
                continue
            ok, case, directive, reason = m.groups()
            directive = directive.upper()
            if case and not case.startswith('/'):
                case = '/' + case
            if directive == 'SKIP' and ok == 'ok':
                cases.append((case or None, reason or 'skipped'))
            elif directive == 'TODO' and ok == 'not ok':
                cases.append((case or None, 'incomplete: ' + (reason or 'no reason given')))
        if cases:
            skips += [(label, suite, test, case, reason) for case, reason in cases]
        elif record['result'] == 'SKIP':
            skips.append((label, suite, test, None, whole_reason(record)))
    return skips


def allowed_by(entries, skip):
    _, suite, test, case, _ = skip
    for e_suite, e_test, e_case, reason in entries:
        if (e_suite, e_test) != (suite, test):
            continue
        if e_case is None:
            return reason
        if case is not None and (case == e_case or case.startswith(e_case + '/')):
            return reason
    return None


def name(skip):
    _, suite, test, case, _ = skip
    return f'{suite}/{test}' + (case or '')


def main(argv):
    if len(argv) < 3 or any('=' not in a for a in argv[2:]):
        print('usage: check-skips.py ALLOWED LABEL=TESTLOG.json ...', file=sys.stderr)
        return 2
    allowed_path = argv[1]
    entries = read_allowed(allowed_path)
    skips = []
    for arg in argv[2:]:
        label, _, path = arg.partition('=')
        skips += read_skips(label, path)

    allowed = [(s, allowed_by(entries, s)) for s in skips]
    refused = [s for s, reason in allowed if reason is None]
    allowed = [(s, reason) for s, reason in allowed if reason is not None]

    if allowed:
        print(f'Skips allowed by {allowed_path}:')
        for skip, reason in allowed:
            print(f'  {name(skip)} [{skip[0]}]: {reason} (the test said: {skip[4]})')
    if refused:
        print(f'Skips not allowed (each fails this run: install what the test needs, or name it in '
              f'{allowed_path} as "suite/test[/case path]: reason"):')
        for skip in refused:
            print(f'  {name(skip)} [{skip[0]}]: {skip[4]}')
        return 1
    if not skips:
        print('No test skipped.')
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
