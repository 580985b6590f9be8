#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""One storage layer, one file per engine: only the engines' files speak SQLite or libpq.

Usage: test-storage-engines.py SOURCE_ROOT

Prints TAP. Under src/, only the files in ENGINE_FILES include <sqlite3.h> or use sqlite3_* or
SQLITE_* (comments aside); every store reaches the database through src/storage/vastus-conn.h.
Each listed file must still need its place (a file that no longer uses SQLite is taken off).
Likewise only the files in PG_ENGINE_FILES include <libpq-fe.h> or call libpq (PQ…, PGRES_…).
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

# The PostgreSQL engine, each with its reason.
PG_ENGINE_FILES = {
    'src/storage/postgresql/vastus-pg-conn.c':
        'the PostgreSQL engine of vastus-conn.h: prepared statements, results',
    'src/storage/postgresql/vastus-pg-error.c':
        'the engine\'s errors: what libpq\'s result says went wrong, mapped to the stores\' codes',
    'src/storage/postgresql/vastus-pg-conn.h':
        'the engine\'s constructor on a PGconn, and its dialect',
    'src/storage/postgresql/vastus-pg-database.c':
        'connecting by URI, identifying the schema, server init (scripts run whole)',
    'src/storage/postgresql/vastus-pg-listener.c':
        'LISTEN on a connection of its own, its socket watched, notices read (PQnotifies)',
    'src/storage/postgresql/vastus-pg-pipeline.c':
        'statements sent in libpq\'s pipeline mode, their answers read together',
    'src/storage/postgresql/vastus-pg-stream.c':
        'a whole table\'s rows read as they arrive (COPY … TO STDOUT, binary), PQgetCopyData',
    'src/storage/postgresql/vastus-pg-wait.c':
        'a statement sent (PQsend…) and its answer waited for with a deadline',
}

LIBPQ = re.compile(r'#\s*include\s*<libpq-fe\.h>|\bPQ[a-z]\w*\s*\(|\bPGRES_\w+|\bPG_DIAG_\w+')
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
    pg_outside, pg_idle = [], []
    using, pg_using = set(), set()
    for path in sources:
        rel = os.path.relpath(path, root).replace(os.sep, '/')
        with open(path, encoding='utf-8') as f:
            code = COMMENT.sub(' ', f.read())
        pg_match = LIBPQ.search(code)
        if pg_match is not None:
            pg_using.add(rel)
            if rel not in PG_ENGINE_FILES:
                line = code.count('\n', 0, pg_match.start()) + 1
                pg_outside.append('%s:%d uses %s' % (rel, line, pg_match.group(0)))
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

    for rel in sorted(PG_ENGINE_FILES):
        if rel not in pg_using:
            pg_idle.append('%s is listed (%s) but does not use libpq' % (rel, PG_ENGINE_FILES[rel]))

    checks = [
        ('src/ has sources to check', [] if sources else ['no files under src/']),
        ('only the engine files use SQLite', outside),
        ('every engine file listed still uses SQLite', idle),
        ('only the PostgreSQL engine files use libpq', pg_outside),
        ('every PostgreSQL engine file listed still uses libpq', pg_idle),
    ]
    return tap_checks.report(checks)


if __name__ == '__main__':
    sys.exit(main())
