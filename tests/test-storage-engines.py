#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""One storage layer, one file per engine: only the engine's files speak SQLite.

Usage: test-storage-engines.py SOURCE_ROOT

Prints TAP. Under src/, only the files in ENGINE_FILES include <sqlite3.h> or use sqlite3_* or
SQLITE_* (comments aside); every store reaches the database through src/storage/vastus-conn.h.
Each listed file must still need its place (a file that no longer uses SQLite is taken off).
"""

import os
import re
import sys

import tap_checks

# The SQLite engine, and what is SQLite's by nature, each with its reason.
ENGINE_FILES = {
    'src/storage/sqlite/vastus-sqlite-conn.c':
        'the SQLite engine of vastus-conn.h: statements, transactions, its error mapping',
    'src/storage/sqlite/vastus-sqlite-conn.h':
        'the engine\'s constructor on a sqlite3 handle, its result-code mapping',
    'src/storage/sqlite/vastus-sqlite-private.h':
        'what the SQLite-specific files share (schema, opening, audit chain, guard)',
    'src/storage/sqlite/vastus-database-open.c':
        'opening a file: flags, pragmas (WAL, synchronous=FULL), read-only and disk-full handles',
    'src/storage/sqlite/vastus-database-guard.c':
        'the main-thread SQL guard, a sqlite3_trace_v2 hook',
    'src/storage/sqlite/vastus-database-check.c':
        'PRAGMA integrity_check, and checking a private in-memory copy of the file',
    'src/storage/sqlite/vastus-schema.c':
        'PRAGMA user_version migrations and schema identity against sqlite_schema',
    'src/storage/sqlite/vastus-schema-functions.c':
        'the SQL functions the SQLite triggers call (sqlite3_create_function)',
    'src/storage/sqlite/vastus-audit-chain.c':
        'the audit seal, hashed over sqlite3_value as the trigger function sees it',
    'src/storage/sqlite/vastus-backup.c':
        'a backup is a SQLite Vastus file by contract (sqlite3_backup, VACUUM INTO)',
    'src/storage/sqlite/vastus-backup-util.c':
        'a backup is a SQLite Vastus file by contract (opening and verifying one)',
    'src/storage/sqlite/vastus-backup-restore.c':
        'restoring a SQLite Vastus backup file',
    'src/storage/sqlite/vastus-backup-private.h':
        'the backup helpers on sqlite3 handles',
}

SQLITE = re.compile(r'#\s*include\s*<sqlite3\.h>|\bsqlite3_\w+|\bSQLITE_\w+')
COMMENT = re.compile(r'/\*.*?\*/|//[^\n]*', re.DOTALL)


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), '..')
    sources = []
    for top, dirs, files in os.walk(os.path.join(root, 'src')):
        dirs.sort()
        for name in sorted(files):
            if name.endswith(('.c', '.h')):
                sources.append(os.path.join(top, name))

    outside, idle = [], []
    using = set()
    for path in sources:
        rel = os.path.relpath(path, root).replace(os.sep, '/')
        with open(path, encoding='utf-8') as f:
            code = COMMENT.sub(' ', f.read())
        match = SQLITE.search(code)
        if match is None:
            continue
        using.add(rel)
        if rel not in ENGINE_FILES:
            line = code.count('\n', 0, match.start()) + 1
            outside.append('%s:%d uses %s' % (rel, line, match.group(0)))
    for rel in sorted(ENGINE_FILES):
        if rel not in using:
            idle.append('%s is listed (%s) but does not use SQLite' % (rel, ENGINE_FILES[rel]))

    checks = [
        ('src/ has sources to check', [] if sources else ['no files under src/']),
        ('only the engine files use SQLite', outside),
        ('every engine file listed still uses SQLite', idle),
    ]
    return tap_checks.report(checks)


if __name__ == '__main__':
    sys.exit(main())
