#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Views bind, never fetch: nothing under src/ui/ reaches storage (clinic-layer.md).

Usage: test-ui-layers.py SOURCE_ROOT

Prints TAP. No file under src/ui/ (subfolders too) includes a header of src/storage/ (its engine
folders too) or <sqlite3.h>, or calls vastus_database_*, the backup functions (vastus_backup_*,
other than the window's own vastus_backup_window_* and the clinic's vastus_backup_item_*), the CSV
functions (vastus_csv_*), the report store (vastus_report_record_*, vastus_file_sha256) or the
report functions that read a database (vastus_report_data_load, vastus_report_load_*), or sqlite3
itself. The window reads and writes through the clinic (src/clinic/) only.
"""

import os
import re
import sys

import tap_checks

CALLS = [
    ('vastus_database_*', re.compile(r'\bvastus_database_\w+\s*\(')),
    ('the backup functions',
     re.compile(r'\bvastus_backup_(?!window_|item_)\w+\s*\(')),
    ('the CSV functions', re.compile(r'\bvastus_csv_\w+\s*\(')),
    ('the report store',
     re.compile(r'\b(?:vastus_report_record_\w+|vastus_file_sha256)\s*\(')),
    ('a report function that reads a database',
     re.compile(r'\bvastus_report_(?:data_load|load_\w+)\s*\(')),
    ('sqlite3', re.compile(r'\bsqlite3_\w+\s*\(')),
]
INCLUDE = re.compile(r'^\s*#\s*include\s*[<"]([^>"]+)[>"]', re.MULTILINE)
COMMENT = re.compile(r'/\*.*?\*/|//[^\n]*', re.DOTALL)


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), '..')
    storage_headers = {name for top, _, files in os.walk(os.path.join(root, 'src', 'storage'))
                       for name in files if name.endswith('.h')}
    storage_headers.add('sqlite3.h')
    sources = []
    for top, dirs, files in os.walk(os.path.join(root, 'src', 'ui')):
        dirs.sort()
        for name in sorted(files):
            if name.endswith(('.c', '.h')):
                sources.append(os.path.join(top, name))

    includes, calls = [], []
    for path in sources:
        rel = os.path.relpath(path, root)
        with open(path, encoding='utf-8') as f:
            text = f.read()
        for header in INCLUDE.findall(text):
            if os.path.basename(header) in storage_headers:
                includes.append('%s includes %s' % (rel, header))
        code = COMMENT.sub(' ', text)
        for what, pattern in CALLS:
            for match in pattern.finditer(code):
                line = code.count('\n', 0, match.start()) + 1
                calls.append('%s:%d calls %s (%s)' % (rel, line, match.group(0).rstrip(' ('),
                                                      what))

    checks = [
        ('src/ui/ has sources to check', [] if sources else ['no files under src/ui/']),
        ('no file under src/ui/ includes a storage header', includes),
        ('no file under src/ui/ calls storage, backup, CSV or report-store functions', calls),
    ]
    return tap_checks.report(checks)


if __name__ == '__main__':
    sys.exit(main())
