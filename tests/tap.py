# SPDX-License-Identifier: GPL-3.0-or-later
"""TAP for the Python tests: check() records a result, finish() prints them and gives the exit status."""

results = []


def check(name, ok, detail=''):
    """Records one result; @detail is printed (as comments) when it failed."""
    results.append((name, bool(ok), detail))


def finish():
    print('1..%d' % len(results))
    for n, (name, ok, detail) in enumerate(results, 1):
        print('%s %d - %s' % ('ok' if ok else 'not ok', n, name))
        if not ok and detail:
            print('\n'.join('# ' + line for line in str(detail).splitlines()))
    return 0 if all(ok for _, ok, _ in results) else 1
