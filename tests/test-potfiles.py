#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""po/POTFILES lists every file with translatable strings, nothing else, sorted.

Usage: test-potfiles.py SOURCE_ROOT

Prints TAP. A file has translatable strings when it contains _( N_( C_( NC_( or
translatable="yes" (src/), or when it is a desktop entry, metainfo or schema (data/), or a questionnaire
(src/model/instruments/*.instrument.xml).
"""

import os
import re
import sys

MARKERS = re.compile(r'(?<![A-Za-z0-9_])(?:(?:N|C|NC)?_|g_d?n?gettext|ngettext)\(|translatable="yes"')
SOURCE_SUFFIXES = ('.c', '.h', '.ui')
DATA_SUFFIXES = ('.desktop.in', '.metainfo.xml.in', '.gschema.xml')


def wanted_files(root):
    found = set()
    for top, dirs, files in os.walk(os.path.join(root, 'src')):
        dirs.sort()
        for name in files:
            if not name.endswith(SOURCE_SUFFIXES):
                continue
            path = os.path.join(top, name)
            # The definitions of the markers themselves.
            if os.path.relpath(path, root) == os.path.join('src', 'model', 'vastus-i18n.h'):
                continue
            with open(path, encoding='utf-8', errors='replace') as f:
                if MARKERS.search(f.read()):
                    found.add(os.path.relpath(path, root))
    # Questionnaires: their topic and scale labels (po/its/vastus-instrument.its).
    instruments = os.path.join(root, 'src', 'model', 'instruments')
    for name in sorted(os.listdir(instruments)):
        if name.endswith('.instrument.xml'):
            found.add(os.path.join('src', 'model', 'instruments', name))
    data = os.path.join(root, 'data')
    for name in sorted(os.listdir(data)):
        if name.endswith(DATA_SUFFIXES):
            found.add(os.path.join('data', name))
    return found


def read_potfiles(root):
    entries = []
    with open(os.path.join(root, 'po', 'POTFILES'), encoding='utf-8') as f:
        for line in f:
            line = line.strip()
            if line and not line.startswith('#'):
                entries.append(line)
    return entries


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), '..')
    wanted = wanted_files(root)
    entries = read_potfiles(root)
    listed = set(entries)

    checks = []
    missing = sorted(wanted - listed)
    checks.append(('every file with translatable strings is in po/POTFILES',
                   ['missing from po/POTFILES: ' + p for p in missing]))
    stale = sorted(p for p in listed if not os.path.isfile(os.path.join(root, p)))
    checks.append(('every po/POTFILES entry exists', ['no such file: ' + p for p in stale]))
    unneeded = sorted(p for p in listed - wanted if p not in stale)
    checks.append(('every po/POTFILES entry has translatable strings',
                   ['nothing to translate in: ' + p for p in unneeded]))
    dupes = sorted({p for p in entries if entries.count(p) > 1})
    checks.append(('po/POTFILES has no duplicates', ['listed twice: ' + p for p in dupes]))
    unsorted = [] if entries == sorted(entries) else \
        ['po/POTFILES is not sorted; expected:'] + ['  ' + p for p in sorted(set(entries))]
    checks.append(('po/POTFILES is sorted', unsorted))

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


if __name__ == '__main__':
    sys.exit(main())
