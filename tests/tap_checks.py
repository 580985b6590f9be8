# SPDX-License-Identifier: GPL-3.0-or-later
"""The TAP output of the project's convention checks (test-potfiles, test-ui-layers,
test-storage-engines): each check is a name and the problems it found, a check with none passes."""


def report(checks):
    """Prints @checks, [(name, [problem, …]), …], as TAP; 1 when one failed, else 0."""
    print('1..%d' % len(checks))
    failed = 0
    for n, (name, problems) in enumerate(checks, 1):
        if problems:
            failed += 1
            print('not ok %d - %s' % (n, name))
            for p in problems:
                print('# ' + p)
        else:
            print('ok %d - %s' % (n, name))
    return 1 if failed else 0
