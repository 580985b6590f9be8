# SPDX-License-Identifier: GPL-3.0-or-later
"""The PostgreSQL schema and the rules the server holds (suite storage-pg).

Run under build-aux/pg-test-server run (PGHOST, PGUSER … name its throwaway server):
    test-pg-schema.py SOURCE_ROOT VASTUS_CLI

server init as the engine will run it (server-init.sql, 013-baseline.sql, each later migration,
server-roles.sql) on an empty database, again, on a database at version 13 (upgraded), twice at once, and on a database that is not Vastus's; the schema against
a new SQLite database's (tables, columns, indexes, triggers, the built-in rows); then a clinician
login (vastus_add_user) writes the demo patients' records and the audit trail is compared with the
one SQLite's triggers wrote for the same rows (the same JSON, byte for byte), its seals computed
here from the serialisation in vastus-audit-store.c; last, what a clinician may not do, each
refusal by its SQLSTATE.
"""

import atexit
import base64
import hashlib
import hmac
import os
import re
import shutil
import sqlite3
import struct
import subprocess
import sys
import tempfile
import threading

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from tap import check, finish  # noqa: E402

source_root, cli = sys.argv[1], sys.argv[2]
sql_dir = os.path.join(source_root, 'src', 'storage', 'postgresql', 'sql')
SEP = '\x1f'
work = tempfile.mkdtemp(prefix='vastus-pg-test.')
atexit.register(shutil.rmtree, work, True)


def script_file(name, text):
    """A psql script in the test's own folder, removed when it ends."""
    path = os.path.join(work, name)
    with open(path, 'w') as f:
        f.write(text)
    return path


def psql(sql, db='vastus', user=None, extra=()):
    """Runs @sql (or files given in @extra) with psql; returns (ok, rows, sqlstate, stderr)."""
    args = ['psql', '-X', '-q', '-A', '-t', '-F', SEP, '-v', 'ON_ERROR_STOP=1', '-v', 'VERBOSITY=verbose',
            '-d', db]
    if user:
        args += ['-U', user]
    args += list(extra)
    if sql is not None:
        args += ['-c', sql]
    r = subprocess.run(args, capture_output=True, text=True, env=dict(os.environ, PGOPTIONS='-c vastus.app_version=9.9.9-test'))
    m = re.search(r'(?:ERROR|FATAL):\s+([0-9A-Z]{5}):', r.stderr)
    rows = [line.split(SEP) for line in r.stdout.splitlines() if line != '']
    return r.returncode == 0, rows, (m.group(1) if m else None), r.stderr


def value(sql, db='vastus', user=None):
    ok, rows, _, err = psql(sql, db, user)
    if not ok:
        raise RuntimeError(err)
    return rows[0][0] if rows else None


# The migrations after the baseline (README.md: from 14 on, a pair with SQLite's), by number.
MIGRATIONS = sorted((int(f[:3]), f) for f in os.listdir(sql_dir)
                    if re.fullmatch(r'\d{3}-[a-z0-9-]+\.sql', f) and int(f[:3]) > 13)
LATEST = max([13] + [n for n, _ in MIGRATIONS])


def init_script(up_to=None):
    """The statements of `server init`, as the engine runs them in one transaction: the baseline
    on an empty database, then each migration numbered above the version found (up to @up_to)."""
    steps = ''.join('SELECT pg_temp.vastus_schema_version () < %d AS need \\gset\n'
                    '\\if :need\n\\i %s\n\\endif\n' % (n, os.path.join(sql_dir, f))
                    for n, f in MIGRATIONS if up_to is None or n <= up_to)
    return script_file('init-%s.sql' % (up_to or 'latest'),
                       'BEGIN;\n'
                       '\\i %s\n'
                       'SELECT pg_temp.vastus_schema_version () = 0 AS empty \\gset\n'
                       '\\if :empty\n\\i %s\n\\endif\n'
                       '%s'
                       '\\i %s\n'
                       'COMMIT;\n' % (os.path.join(sql_dir, 'server-init.sql'),
                                      os.path.join(sql_dir, '013-baseline.sql'), steps,
                                      os.path.join(sql_dir, 'server-roles.sql')))


def server_init(db):
    return psql(None, db, extra=['-f', INIT])


def scram_verifier(password, salt=b'vastus-test-salt', iterations=4096):
    """The SCRAM-SHA-256 verifier libpq's PQencryptPasswordConn makes (RFC 5802, 7677)."""
    salted = hashlib.pbkdf2_hmac('sha256', password.encode(), salt, iterations)
    client_key = hmac.new(salted, b'Client Key', hashlib.sha256).digest()
    server_key = hmac.new(salted, b'Server Key', hashlib.sha256).digest()
    b64 = lambda b: base64.b64encode(b).decode()  # noqa: E731
    return 'SCRAM-SHA-256$%d:%s$%s:%s' % (iterations, b64(salt), b64(hashlib.sha256(client_key).digest()),
                                          b64(server_key))


def audit_hash(previous, fields):
    """The seal of an audit row, written from the serialisation documented in
    vastus-audit-store.c: "vastus-audit-1", the previous hash as text or "N", then each field:
    "N" for NULL, "I<decimal>;" for an integer, else "T", its UTF-8 length as 8 bytes little-endian,
    and the bytes."""
    s = hashlib.sha256(b'vastus-audit-1')

    def text(t):
        b = t.encode('utf-8')
        s.update(b'T' + struct.pack('<Q', len(b)) + b)
    if previous is None:
        s.update(b'N')
    else:
        text(previous)
    for f in fields:
        if f is None:
            s.update(b'N')
        elif isinstance(f, int):
            s.update(b'I%d;' % f)
        else:
            text(f)
    return s.hexdigest()


def chain_problems(rows):
    """rows: (id, at, actor, table_name, row_id, operation, old_json, new_json, app_version, hash)
    oldest first; the ids of rows whose seal is not the one computed here."""
    previous, bad = None, []
    for r in rows:
        if audit_hash(previous, r[:9]) != r[9]:
            bad.append(r[0])
        previous = r[9]
    return bad


def pg_audit(db='vastus'):
    ok, rows, _, err = psql("SELECT id, at, actor, table_name, row_id, operation, coalesce (old_json, '\\N'), "
                            "coalesce (new_json, '\\N'), app_version, hash FROM audit_log ORDER BY id", db)
    assert ok, err
    out = []
    for r in rows:
        r = [None if x == '\\N' else x for x in r]
        out.append((int(r[0]), r[1], r[2], r[3], int(r[4]), r[5], r[6], r[7], r[8], r[9]))
    return out


INIT = init_script()

# --- the throwaway server (build-aux/pg-test-server) ----------------------------------------------

check('the test server writes durably and listens on no TCP address',
      value("SELECT current_setting ('fsync') || current_setting ('synchronous_commit') || '|' "
            "|| current_setting ('listen_addresses')", 'postgres') == 'onon|')
data_dir = value("SELECT current_setting ('data_directory')", 'postgres')
check('the test server runs as an unprivileged user when the tests run as root',
      os.getuid() != 0 or os.stat(data_dir).st_uid != 0, data_dir)

# --- server init -------------------------------------------------------------------------------

value('CREATE DATABASE vastus', 'postgres')
ok, rows, state, err = server_init('vastus')
check('server init creates the schema in an empty database', ok, err)
check('the schema is version %d, in schema_info as SQLite keeps it' % LATEST,
      value('SELECT version FROM schema_info') == str(LATEST))
ok, _, _, err = server_init('vastus')
check('server init on a Vastus database at version %d changes nothing and succeeds' % LATEST,
      ok and value('SELECT count (*) FROM schema_info') == '1'
      and value('SELECT version FROM schema_info') == str(LATEST), err)

# A server made at version 13 (the baseline alone) is brought to the latest by server init.
value('CREATE DATABASE vastus_v13', 'postgres')
ok, _, _, err = psql(None, 'vastus_v13', extra=['-f', init_script(13)])
check('a server at version 13 (the baseline alone)', ok and value('SELECT version FROM schema_info', 'vastus_v13') == '13'
      and value("SELECT count (*) FROM information_schema.columns WHERE table_name = 'episode' "
                "AND column_name = 'treating_therapist'", 'vastus_v13') == '0', err)
ok, _, _, err = server_init('vastus_v13')
check('server init upgrades it to version %d in one transaction' % LATEST,
      ok and value('SELECT version FROM schema_info', 'vastus_v13') == str(LATEST), err)
ok, _, _, err = psql("INSERT INTO patient (id, mrn, name) VALUES (1, 'UP-1', 'Up Grade'); "
                     "INSERT INTO episode (id, patient_id, condition, involved_side, treating_therapist) "
                     "VALUES (1, 1, 'pfp', 'left', 'R. Osei'); "
                     "UPDATE episode SET treating_therapist = NULL WHERE id = 1", 'vastus_v13')
check('014: an episode names its treating therapist, and its audit rows carry it last', ok and value(
    "SELECT string_agg (coalesce (old_json, '-') || ' ' || new_json, ' | ' ORDER BY id) FROM audit_log "
    "WHERE table_name = 'episode'", 'vastus_v13') ==
    '- {"id":1,"patient_id":1,"condition":"pfp","involved_side":"left","injury_date":null,'
    '"surgery_date":null,"surgeon":null,"procedure_details":null,"restrictions":null,'
    '"no_max_test_before":null,"criteria_set":null,"deleted_at":null,"deleted_by":null,'
    '"treating_therapist":"R. Osei"} | {"id":1,"patient_id":1,"condition":"pfp","involved_side":"left",'
    '"injury_date":null,"surgery_date":null,"surgeon":null,"procedure_details":null,"restrictions":null,'
    '"no_max_test_before":null,"criteria_set":null,"deleted_at":null,"deleted_by":null,'
    '"treating_therapist":"R. Osei"} {"id":1,"patient_id":1,"condition":"pfp","involved_side":"left",'
    '"injury_date":null,"surgery_date":null,"surgeon":null,"procedure_details":null,"restrictions":null,'
    '"no_max_test_before":null,"criteria_set":null,"deleted_at":null,"deleted_by":null,'
    '"treating_therapist":null}', err)
ok, _, state, err = psql("UPDATE episode SET treating_therapist = '  ' WHERE id = 1", 'vastus_v13')
check('014: a treating therapist of spaces alone is refused (SQLSTATE 23514), as on SQLite',
      not ok and state == '23514', err)

# 015-row-versions.sql: the server raises a row's version itself with every update, also one that
# does not name it or writes another number (psql, a script, an older client). Worked by hand: stored
# at 1; an update of the notes alone → 2; one that writes row_version = 1 → 3; one that writes the
# store's row_version + 1 → 4; a soft delete → 5. An update naming a version it replaces that is
# not there changes nothing (0 rows).
value('CREATE DATABASE vastus_versions', 'postgres')
ok, _, _, err = server_init('vastus_versions')
check('015: server init for the row versions', ok, err)
ok, _, _, err = psql("INSERT INTO patient (id, mrn, name) VALUES (1, 'RV-1', 'Row Version'); "
                     "INSERT INTO episode (id, patient_id, condition, involved_side) VALUES (1, 1, 'pfp', 'left'); "
                     "INSERT INTO visit (id, episode_id, date) VALUES (1, 1, '2026-03-02')", 'vastus_versions')
check('015: a new patient, episode and visit', ok, err)
for table in ('patient', 'episode', 'visit'):
    column = 'surgeon' if table == 'episode' else 'notes'
    ok, _, _, err = psql("UPDATE {t} SET {c} = 'one' WHERE id = 1; "
                         "UPDATE {t} SET {c} = 'two', row_version = 1 WHERE id = 1; "
                         "UPDATE {t} SET {c} = 'three', row_version = row_version + 1 WHERE id = 1"
                         .format(t=table, c=column), 'vastus_versions')
    check('015: the version of a %s rises by one with each update, whatever it wrote (1, then 4)' % table,
          ok and value('SELECT row_version FROM %s WHERE id = 1' % table, 'vastus_versions') == '4', err)
ok, rows, _, err = psql("UPDATE visit SET notes = 'stale', row_version = row_version + 1 "
                        "WHERE id = 1 AND row_version = 3 RETURNING id", 'vastus_versions')
check('015: an update naming a version that is no longer there changes nothing',
      ok and rows == [] and value('SELECT notes FROM visit WHERE id = 1', 'vastus_versions') == 'three', err)
ok, _, _, err = psql("UPDATE visit SET deleted_at = vastus_now (), deleted_by = 'x' WHERE id = 1",
                     'vastus_versions')
check('015: a soft delete raises it too (5)',
      ok and value('SELECT row_version FROM visit WHERE id = 1', 'vastus_versions') == '5', err)
ok, _, state, err = psql("INSERT INTO patient (id, mrn, name, row_version) VALUES (2, 'RV-2', 'Zero', 0)",
                         'vastus_versions')
check('015: a version below 1 is refused (SQLSTATE 23514), as on SQLite', not ok and state == '23514', err)

# 019-audit-seal-cost.sql: the seal computed another way, to the same bytes. The values that test
# its serialisation: NULL, empty text, multibyte UTF-8 (the length is in bytes), lengths of one,
# two and three bytes (300 and 70,000 bytes), and integers negative and at both ends of bigint.
# The expected seals are audit_hash's, written here from the documented serialisation.
SEAL_CASES = (
    ('NULL::text', None, 'NULL::bigint', None),
    ("''", '', '0', 0),
    ("'Zoë Ærøskøbing-Núñez 日本 🦵'", 'Zoë Ærøskøbing-Núñez 日本 🦵', '-1', -1),
    ("repeat ('é', 150)", 'é' * 150, '9223372036854775807', 9223372036854775807),
    ("repeat ('x', 70000)", 'x' * 70000, '-9223372036854775808', -9223372036854775808),
    ("repeat ('€', 21846) || 'ab'", '€' * 21846 + 'ab', '256', 256),
)


def seals_computed(db):
    """The schema's vastus_audit_hash of each case, on @db: every text field the case's text,
    the previous hash too, both integers the case's integer."""
    out = []
    for t_sql, _, i_sql, _ in SEAL_CASES:
        out.append(value('SELECT vastus_audit_hash ({t}, {i}, {t}, {t}, {t}, {i}, {t}, {t}, {t}, {t})'
                         .format(t=t_sql, i=i_sql), db))
    return out


seals_expected = [audit_hash(t, [i, t, t, t, i, t, t, t, t]) for _, t, _, i in SEAL_CASES]
value('CREATE DATABASE vastus_v18', 'postgres')
ok, _, _, err = psql(None, 'vastus_v18', extra=['-f', init_script(18)])
check('a server at version 18, before 019', ok and value('SELECT version FROM schema_info', 'vastus_v18') == '18', err)
check('018\'s seal function gives the seals worked out here', seals_computed('vastus_v18') == seals_expected,
      '%s\n%s' % (seals_computed('vastus_v18'), seals_expected))
ok, _, _, err = psql("INSERT INTO patient (id, mrn, name, notes) VALUES (1, 'S-1', 'Zoë Ærøskøbing', NULL), "
                     "(2, 'S-2', 'Empty Notes', ''); "
                     "UPDATE patient SET notes = repeat ('ø', 200) WHERE id = 1; "
                     "DELETE FROM patient WHERE id = 2", 'vastus_v18')
before = pg_audit('vastus_v18')
check('… whose triggers write an audit trail that verifies', ok and len(before) == 4 and not chain_problems(before),
      err)
ok, _, _, err = server_init('vastus_v18')
check('server init upgrades it to version %d' % LATEST,
      ok and value('SELECT version FROM schema_info', 'vastus_v18') == str(LATEST), err)
check('019: the seal function gives the same seals (NULL, empty, multibyte, 300 and 70,000 bytes, '
      'negative and extreme ids)', seals_computed('vastus_v18') == seals_expected,
      '%s\n%s' % (seals_computed('vastus_v18'), seals_expected))
ok, _, _, err = psql("INSERT INTO patient (id, mrn, name, notes) VALUES (-7, 'S-3', 'Negative Id', repeat ('x', 70000)), "
                     "(9007199254740993, 'S-4', 'Large Id', 'Knie \"links\" 日本'); "
                     "INSERT INTO episode (id, patient_id, condition, involved_side) VALUES (5, -7, 'pfp', 'left'); "
                     "INSERT INTO visit (id, episode_id, date, body_mass_kg, notes) VALUES (6, 5, '2026-01-02', 70.5, ''); "
                     "INSERT INTO measurement (id, visit_id, measure, side, trial, value) "
                     "VALUES (8, 6, 'quadriceps_hhd', 'left', 1, 13.344664845781498); "
                     "UPDATE patient SET notes = NULL WHERE id = -7; "
                     "DELETE FROM measurement WHERE id = 8", 'vastus_v18')
after = pg_audit('vastus_v18')
check('019: the rows written after the upgrade continue the chain of those before, and it verifies',
      ok and after[:4] == before and len(after) == 11 and not chain_problems(after), '%s %s' % (err, after[4:6]))
check('019: the audit rows say what the triggers wrote before (table, row, operation, JSON)',
      [(r[3], r[4], r[5]) for r in after[4:]] ==
      [('patient', -7, 'insert'), ('patient', 9007199254740993, 'insert'), ('episode', 5, 'insert'),
       ('visit', 6, 'insert'), ('measurement', 8, 'insert'), ('patient', -7, 'update'), ('measurement', 8, 'delete')]
      and after[5][7] == ('{"id":9007199254740993,"mrn":"S-4","name":"Large Id","family_name":null,"given_name":null,'
                          '"birth_date":null,"sex":"unknown","notes":"Knie \\"links\\" 日本","archived":0,"demo":0}')
      and after[7][7] == ('{"id":6,"episode_id":5,"date":"2026-01-02","clinician":null,"body_mass_kg":70.5,'
                          '"height_cm":null,"notes":"","findings":0,"deleted_at":null,"deleted_by":null}')
      and after[10][7] is None and '"value":13.344664845781498' in after[10][6], after[4:])
check('019: the head is the last row and its seal',
      value('SELECT last_id || \' \' || hash FROM audit_head', 'vastus_v18') == '%d %s' % (after[-1][0], after[-1][9]))
r = subprocess.run([cli, '--db', 'postgresql:///vastus_v18', 'check'], capture_output=True, text=True)
check('019: check on the workstation verifies the chain across the upgrade',
      r.returncode == 0 and 'no problems found' in r.stdout, r.stdout + r.stderr)
ok, _, _, err = psql("INSERT INTO audit_append (actor, table_name, row_id, operation, new_json) "
                     "VALUES ('owner', 'patient', 3, 'insert', '{}')", 'vastus_v18')
last = pg_audit('vastus_v18')
check('019: the owner\'s append through the view seals its row into the same chain',
      ok and len(last) == 12 and last[-1][2:8] == ('owner', 'patient', 3, 'insert', None, '{}')
      and not chain_problems(last), err)

# 020-audit-head-once.sql: the head raised once a transaction, at commit.
def head_is_last(db):
    """The head names the trail's last row and its seal."""
    rows = pg_audit(db)
    return value("SELECT last_id || ' ' || hash FROM audit_head", db) == '%d %s' % (rows[-1][0], rows[-1][9])


def cli_check(db):
    r = subprocess.run([cli, '--db', 'postgresql:///' + db, 'check'], capture_output=True, text=True)
    return r.returncode == 0 and 'no problems found' in r.stdout, r.stdout + r.stderr


# A database made at version 19 (by 019's append) upgrades, and its chain goes on.
value('CREATE DATABASE vastus_v19', 'postgres')
ok, _, _, err = psql(None, 'vastus_v19', extra=['-f', init_script(19)])
check('a server at version 19, before 020', ok and value('SELECT version FROM schema_info', 'vastus_v19') == '19', err)
ok, _, _, err = psql("INSERT INTO patient (id, mrn, name, notes) VALUES (1, 'H-1', 'Zoë Head', NULL), "
                     "(2, 'H-2', 'Second', ''); UPDATE patient SET notes = 'ø' WHERE id = 1", 'vastus_v19')
before = pg_audit('vastus_v19')
check('… whose audit trail (019\'s append) verifies', ok and len(before) == 3 and not chain_problems(before), err)
ok, _, _, err = server_init('vastus_v19')
check('server init upgrades it from 19 to version %d' % LATEST,
      ok and value('SELECT version FROM schema_info', 'vastus_v19') == str(LATEST), err)
ok, _, _, err = psql("INSERT INTO patient (id, mrn, name) VALUES (3, 'H-3', 'Third'); "
                     "DELETE FROM patient WHERE id = 2", 'vastus_v19')
after = pg_audit('vastus_v19')
check('020: the rows written after the upgrade continue the chain of 019\'s rows, and it verifies',
      ok and after[:3] == before and [r[0] for r in after] == [1, 2, 3, 4, 5] and not chain_problems(after),
      '%s %s' % (err, after))
check('020: after the upgrade the head is the last row and its seal', head_is_last('vastus_v19'))
ok, out = cli_check('vastus_v19')
check('020: check on the workstation verifies the chain across the upgrade', ok, out)

# Many audited rows in one transaction (a CSV import, a copy): one chain, the head at its end.
# 2,500 patients, each inserted then updated: 5,000 rows after the 5 above, ids 6 to 5,005.
ok, _, _, err = psql("BEGIN; INSERT INTO patient (id, mrn, name) SELECT 100 + g, 'B-' || g, 'Bulk ' || g "
                     "FROM generate_series (1, 2500) g; "
                     "UPDATE patient SET notes = 'n' WHERE mrn LIKE 'B-%'; COMMIT", 'vastus_v19')
bulk = pg_audit('vastus_v19')
check('020: 5,000 audited rows in one transaction extend the chain one by one, and it verifies',
      ok and [r[0] for r in bulk] == list(range(1, 5006)) and bulk[:5] == after and not chain_problems(bulk), err)
check('020: … and at commit the head is the last of them', head_is_last('vastus_v19'),
      value('SELECT last_id FROM audit_head', 'vastus_v19'))
check('020: the head was raised once for the whole transaction, not once a row (its row versions: '
      'one block)', value("SELECT pg_relation_size ('audit_head') / current_setting ('block_size')::int",
                          'vastus_v19') == '1')
ok, out = cli_check('vastus_v19')
check('020: check verifies it', ok, out)


class Session:
    """A psql of its own, fed statement by statement: one connection, one transaction at a time."""

    def __init__(self, db):
        self.p = subprocess.Popen(['psql', '-X', '-q', '-A', '-t', '-v', 'VERBOSITY=verbose', '-d', db],
                                  stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                  text=True, env=dict(os.environ, PGOPTIONS='-c vastus.app_version=9.9.9-test'))
        self.n = 0

    def send(self, sql):
        """Sends @sql and a marker; returns the marker's number, for done ()."""
        self.n += 1
        self.p.stdin.write('%s\n\\echo mark-%d\n' % (sql, self.n))
        self.p.stdin.flush()
        return self.n

    def done(self, n):
        """What psql printed up to marker @n (waits for it)."""
        out = []
        for line in self.p.stdout:
            if line.strip() == 'mark-%d' % n:
                return ''.join(out)
            out.append(line)
        return ''.join(out)

    def close(self):
        self.p.stdin.close()
        self.p.wait(timeout=60)


def waiting_for_lock(db, seconds=30):
    """Whether a backend on @db waits for a lock, within @seconds."""
    for _ in range(seconds * 10):
        if value("SELECT count (*) FROM pg_stat_activity WHERE datname = '%s' AND wait_event_type = 'Lock'"
                 % db, 'postgres') != '0':
            return True
        threading.Event().wait(0.1)
    return False


# Two writers, interleaved: each transaction's rows after the other's, one unbroken chain.
first, second = Session('vastus_v19'), Session('vastus_v19')
start = len(pg_audit('vastus_v19'))
out1 = first.done(first.send("BEGIN; INSERT INTO patient (id, mrn, name) VALUES (11, 'C-1', 'One'), (12, 'C-2', 'Two');"))
n2 = second.send("BEGIN; INSERT INTO patient (id, mrn, name) VALUES (13, 'C-3', 'Three');")
waited = waiting_for_lock('vastus_v19')
out1 += first.done(first.send("UPDATE patient SET notes = 'x' WHERE mrn = 'C-1'; COMMIT;"))
out2 = second.done(n2)
out2 += second.done(second.send("UPDATE patient SET notes = 'y' WHERE mrn = 'C-3'; COMMIT;"))
first.close()
second.close()
both = pg_audit('vastus_v19')
check('020: a second writer waits for the first one\'s transaction to end', waited)
check('020: two writers at once (READ COMMITTED) write one unbroken chain, the first\'s rows then the second\'s',
      'ERROR' not in out1 + out2 and [(r[0], r[4] > 0, r[5]) for r in both[start:]] ==
      [(start + 1, True, 'insert'), (start + 2, True, 'insert'), (start + 3, True, 'update'),
       (start + 4, True, 'insert'), (start + 5, True, 'update')]
      and ['"mrn":"C-%d"' % i in r[7] for i, r in zip((1, 2, 1, 3, 3), both[start:])] == [True] * 5
      and not chain_problems(both) and head_is_last('vastus_v19'), out1 + out2)

# At REPEATABLE READ the second's snapshot is older than the first one's rows: it is refused
# (serialization failure) rather than seal after a row that is not the last.
first, second = Session('vastus_v19'), Session('vastus_v19')
start = len(pg_audit('vastus_v19'))
first.done(first.send("BEGIN ISOLATION LEVEL REPEATABLE READ; INSERT INTO patient (id, mrn, name) VALUES (21, 'R-1', 'One');"))
n2 = second.send("BEGIN ISOLATION LEVEL REPEATABLE READ; INSERT INTO patient (id, mrn, name) VALUES (22, 'R-2', 'Two');")
waited = waiting_for_lock('vastus_v19')
out1 = first.done(first.send('COMMIT;'))
out2 = second.done(n2)
second.done(second.send('ROLLBACK;'))
first.close()
second.close()
rr = pg_audit('vastus_v19')
check('020: two writers at once (REPEATABLE READ): the second is refused (SQLSTATE 40001), the chain stays one',
      waited and 'ERROR' not in out1 and '40001' in out2 and len(rr) == start + 1 and not chain_problems(rr)
      and head_is_last('vastus_v19'), out1 + out2)
ok, out = cli_check('vastus_v19')
check('020: check verifies the chain the writers left', ok, out)

# The newest row removed by a superuser (triggers off): check still sees it, by the head.
last_id = pg_audit('vastus_v19')[-1][0]
ok, _, _, err = psql('BEGIN; SET LOCAL session_replication_role = replica; '
                     'DELETE FROM audit_log WHERE id = (SELECT max (id) FROM audit_log); COMMIT', 'vastus_v19')
ok2, out = cli_check('vastus_v19')
check('020: the newest audit row deleted by a superuser: check reports it removed',
      ok and not ok2 and 'entries %d to %d were removed' % (last_id, last_id) in out, err + out)
ok, _, _, err = psql("INSERT INTO patient (id, mrn, name) VALUES (31, 'D-1', 'After')", 'vastus_v19')
ok2, out = cli_check('vastus_v19')
check('020: … and a row appended after it goes on from the head (id %d), so the gap still shows'
      % (last_id + 1), ok and pg_audit('vastus_v19')[-1][0] == last_id + 1 and not ok2
      and 'Audit trail' in out, err + out)

# Two workstations at once: the advisory lock makes the second wait, then find the latest version.
value('CREATE DATABASE vastus_twice', 'postgres')
results = [None, None]


def init_at(i):
    results[i] = server_init('vastus_twice')


threads = [threading.Thread(target=init_at, args=(i,)) for i in range(2)]
for t in threads:
    t.start()
for t in threads:
    t.join()
check('two server inits at once both succeed (the second waits for the first, then finds the schema)',
      results[0][0] and results[1][0], results[0][3] + results[1][3])
check('… and the schema is there once',
      value('SELECT count (*) FROM pg_class WHERE relname = \'patient\' AND relkind = \'r\'', 'vastus_twice') == '1')

value('CREATE DATABASE other_app', 'postgres')
value('CREATE TABLE invoices (id int)', 'other_app')
ok, _, state, err = server_init('other_app')
check('server init refuses a database that is neither empty nor Vastus\'s (SQLSTATE 55000)',
      not ok and state == '55000' and 'not empty and not a Vastus database' in err, err)
check('… and leaves it as it was',
      value("SELECT string_agg (relname, ',') FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE n.nspname = 'public'", 'other_app') == 'invoices')

# server init closes the cluster's other databases to clinicians, those there when it runs.
ok, _, _, err = server_init('vastus')
check('server init again, now that the cluster has another database', ok, err)

# --- the schema against SQLite's -------------------------------------------------------------------

sqlite_path = os.path.join(work, 'demo.vastus')
r = subprocess.run([cli, '--db', sqlite_path, 'demo'], capture_output=True, text=True)
assert r.returncode == 0, r.stderr
lite = sqlite3.connect(sqlite_path)

types = {'INTEGER': 'bigint', 'REAL': 'double precision', 'TEXT': 'text'}
problems = []
pg_columns = {}
ok, rows, _, err = psql("SELECT table_name, column_name, data_type, is_nullable FROM information_schema.columns "
                        "WHERE table_schema = 'public' AND table_name IN (SELECT tablename FROM pg_tables "
                        "WHERE schemaname = 'public') ORDER BY table_name, ordinal_position")
for t, c, ty, nullable in rows:
    pg_columns.setdefault(t, []).append((c, ty, nullable == 'NO'))
lite_tables = [r[0] for r in lite.execute("SELECT name FROM sqlite_schema WHERE type = 'table'")]
for t in lite_tables:
    want = []
    for _, name, ty, notnull, _, pk in lite.execute("SELECT * FROM pragma_table_info (?)", (t,)):
        want.append((name, types[ty], bool(notnull) or pk > 0))
    have = pg_columns.get(t, [])
    if t == 'criteria_set':
        # SQLite's implicit rowid, which the audit trail names, is a column here (README.md).
        have = [c for c in have if c[0] != 'rowid']
    if have != want:
        problems.append('%s: PostgreSQL %s, SQLite %s' % (t, have, want))
# Who has a visit open in an editor (017-visit-leases.sql): leases need other workstations.
pg_only_tables = {'visit_lease'}
extra = set(pg_columns) - set(lite_tables) - pg_only_tables
if extra:
    problems.append('tables only on PostgreSQL: %s' % sorted(extra))
check('every table with the same columns, in the same order, types and NOT NULL as SQLite version %d' % LATEST,
      not problems, '\n'.join(problems))

lite_indexes = {r[0] for r in lite.execute("SELECT name FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL")}
pg_indexes = {r[0] for r in psql("SELECT i.relname FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid "
                                 "JOIN pg_namespace n ON n.oid = i.relnamespace WHERE n.nspname = 'public' "
                                 "AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = x.indexrelid)")[1]}
check('the same indexes', lite_indexes == pg_indexes,
      'only SQLite: %s; only PostgreSQL: %s' % (sorted(lite_indexes - pg_indexes), sorted(pg_indexes - lite_indexes)))

lite_triggers = {r[0] for r in lite.execute("SELECT name FROM sqlite_schema WHERE type = 'trigger'")}
pg_triggers = {r[0] for r in psql("SELECT tgname FROM pg_trigger WHERE NOT tgisinternal")[1]}
# TRUNCATE, which SQLite does not have, is refused on the audit tables too; the change notices
# to other workstations (016-change-notices.sql) have no one to reach on SQLite; the head is
# raised at commit there (020-audit-head-once.sql), in the same statement on SQLite.
pg_only = {'audit_log_no_truncate', 'audit_head_no_truncate', 'audit_head_raise', 'patient_notify', 'episode_notify',
           'visit_notify', 'measurement_notify', 'criteria_set_notify',
           'clinic_rule_notify'}
check('the same triggers, by name (TRUNCATE refused on the audit tables, change notices)',
      lite_triggers == pg_triggers - pg_only and pg_only <= pg_triggers,
      'only SQLite: %s; only PostgreSQL: %s' % (sorted(lite_triggers - pg_triggers),
                                               sorted(pg_triggers - lite_triggers)))
lite_views = {r[0] for r in lite.execute("SELECT name FROM sqlite_schema WHERE type = 'view'")}
pg_views = {r[0] for r in psql("SELECT viewname FROM pg_views WHERE schemaname = 'public'")[1]}
check('the same views', lite_views == pg_views, '%s %s' % (lite_views, pg_views))


def same_rows(table, columns, order, lite_columns=None):
    lite_rows = [tuple('\\N' if v is None else repr(v) if isinstance(v, float) else str(v) for v in r)
                 for r in lite.execute('SELECT %s FROM %s ORDER BY %s' % (lite_columns or columns, table, order))]
    _, pg_rows, _, err = psql("SELECT %s FROM %s ORDER BY %s" % (
        ', '.join("coalesce (%s::text, '\\N')" % c if c not in ('threshold', 'velocity_deg_s')
                  else "coalesce (vastus_real_json (%s), '\\N')" % c for c in columns.split(', ')), table, order))
    pg_rows = [tuple(r) for r in pg_rows]
    # vastus_real_json writes 62.5 and 90.0 as Python's repr does.
    return lite_rows == pg_rows, '%s\n%s' % (lite_rows[:3], pg_rows[:3])


ok, detail = same_rows('criteria_set', 'rowid, id, version, title, source, notes, conditions, builtin, based_on',
                       'rowid')
check('the built-in criteria sets are SQLite\'s, with the same row numbers', ok, detail)
ok, detail = same_rows('criterion', 'set_id, set_version, position, id, label, metric, measures, side, comparator, '
                       'threshold, unit, sex, source, velocity_deg_s', 'set_id, set_version, position')
check('the built-in criteria are SQLite\'s (thresholds exactly)', ok, detail)
ok, detail = same_rows('visit_template', 'id, code, name, condition, from_week, to_week, source, builtin, deleted', 'id')
check('the built-in test batteries are SQLite\'s, with the same ids', ok, detail)
ok, detail = same_rows('visit_template_item', 'template_id, position, measure, trials, unit', 'template_id, position')
check('the built-in batteries\' measures are SQLite\'s', ok, detail)

# --- a clinician writes; the server keeps the audit trail -----------------------------------------

ok, _, state, err = psql("SELECT vastus_add_user ('anna.berg', 'Anna Berg', '%s')" % scram_verifier('secret'))
check('server add-user: a login in vastus_clinician, its name as the role\'s comment', ok and value(
    "SELECT pg_has_role ('anna.berg', 'vastus_clinician', 'MEMBER') AND shobj_description (oid, 'pg_authid') = 'Anna Berg' "
    "AND rolpassword LIKE 'SCRAM-SHA-256$4096:%' FROM pg_authid WHERE rolname = 'anna.berg'") == 't', err)
for login, name, verifier, want, what in (
        ('Anna', 'A', scram_verifier('x'), '22023', 'a login that is not lower case'),
        ('bob', ' ', scram_verifier('x'), '22023', 'no name'),
        ('bob', 'Bob', 'secret', '22023', 'a password that is not hashed'),
        ('anna.berg', 'Anna', scram_verifier('x'), '42710', 'a login that exists')):
    ok, _, state, err = psql("SELECT vastus_add_user ('%s', '%s', '%s')" % (login, name, verifier))
    check('server add-user refuses %s (SQLSTATE %s)' % (what, want), not ok and state == want, err)

# The demo patients as SQLite has them, written by the clinician with the same ids.
tables = (('patient', 'id, mrn, name, birth_date, sex, notes, archived, demo, family_name, given_name'),
          ('episode', 'id, patient_id, condition, involved_side, injury_date, surgery_date, surgeon, procedure_details, '
                      'restrictions, no_max_test_before, criteria_set, treating_therapist'),
          ('visit', 'id, episode_id, date, clinician, body_mass_kg, height_cm, notes, findings'),
          ('measurement', 'id, visit_id, measure, side, trial, value, unit, knee_angle_deg, velocity_deg_s, lever_arm_m, '
                          'fixation, baseline'))


def literal(v):
    if v is None:
        return 'NULL'
    if isinstance(v, (int, float)):
        return repr(v)
    return "'" + v.replace("'", "''") + "'"


script = ['SET vastus.app_version = \'9.9.9-test\';']
for table, columns in tables:
    for row in lite.execute('SELECT %s FROM %s ORDER BY id' % (columns, table)):
        script.append('INSERT INTO %s (%s) VALUES (%s);' % (table, columns, ', '.join(literal(v) for v in row)))
ok, _, state, err = psql(None, user='anna.berg', extra=['-1', '-f', script_file('demo.sql', '\n'.join(script))])
n_rows = len(script) - 1
# Rows written with their ids leave the identity columns behind: what copy will do after loading.
ok_ids, _, _, err_ids = psql('SELECT vastus_reset_identities ()', user='anna.berg')
check('vastus_reset_identities moves each identity past the ids written',
      ok_ids and value("SELECT nextval (pg_get_serial_sequence ('measurement', 'id')) > max (id) FROM measurement")
      == 't', err_ids)
check('the clinician writes %d patients, episodes, visits and measurements' % n_rows, ok, err)

pg_rows = pg_audit()
lite_rows = list(lite.execute("SELECT id, at, actor, table_name, row_id, operation, old_json, new_json, app_version, hash "
                              "FROM audit_log ORDER BY id"))
check('SQLite\'s audit trail verifies with the seals computed here (the serialisation is the one written down)',
      lite_rows and not chain_problems(lite_rows), chain_problems(lite_rows)[:5])
check('the server wrote one audit row per row written', len(pg_rows) == n_rows, '%d rows' % len(pg_rows))
check('every audit row names the login as actor and the session\'s program version',
      all(r[2] == 'anna.berg' and r[8] == '9.9.9-test' for r in pg_rows), pg_rows[:1])
check('a session that does not say which program it is records "unknown client"',
      value("SET vastus.app_version = ''; SELECT vastus_app_version ()", user='anna.berg') == 'unknown client')
check('every audit row has its time as SQLite writes it (UTC, milliseconds)',
      all(re.fullmatch(r'\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z', r[1]) for r in pg_rows))
check('the server\'s audit chain verifies with the seals computed here', not chain_problems(pg_rows),
      chain_problems(pg_rows)[:5])
check('the audit head is the last row and its seal',
      value('SELECT last_id || \' \' || hash FROM audit_head') == '%d %s' % (pg_rows[-1][0], pg_rows[-1][9]))
lite_json = {(r[3], r[4]): r[7] for r in lite_rows if r[5] == 'insert'}
differ = [(r[3], r[4], r[7], lite_json.get((r[3], r[4]))) for r in pg_rows if lite_json.get((r[3], r[4])) != r[7]]
check('each row\'s JSON is byte for byte the one SQLite\'s trigger wrote for it (numbers exactly: %d rows)'
      % len(pg_rows), not differ, differ[:3])

# What the triggers derive: search words and visit statistics, as SQLite's triggers (and GLib's
# folding, for these names) have them.
for table, columns in (('patient_word', 'word, patient_id'), ('patient_stats', 'patient_id, last_visit, n_visits, archived')):
    want = sorted(tuple('\\N' if v is None else str(v) for v in r)
                  for r in lite.execute('SELECT %s FROM %s' % (columns, table)))
    have = sorted(tuple(r) for r in psql("SELECT %s FROM %s" % (
        ', '.join("coalesce (%s::text, '\\N')" % c for c in columns.split(', ')), table))[1])
    check('%s is what SQLite\'s triggers derived from the same rows (%d rows)' % (table, len(want)),
          want and have == want, '%s\n%s' % (want[:4], have[:4]))
# 'Müller-Lüdenscheidt  Ärne O''Brien', MRN 'ÅB-12': NFKD, marks removed, lower case; each word, and
# the parts of those with - or '; the MRN whole.
ok, _, _, err = psql("INSERT INTO patient (id, mrn, name) VALUES (9001, 'ÅB-12', 'Müller-Lüdenscheidt  Ärne O''Brien')",
                     user='anna.berg')
words = sorted(r[0] for r in psql('SELECT word FROM patient_word WHERE patient_id = 9001')[1])
check('a patient\'s search words, worked out by hand', ok and words == sorted(
    ['muller-ludenscheidt', 'muller', 'ludenscheidt', 'arne', "o'brien", 'o', 'brien', 'ab-12']), '%s %s' % (err, words))

# Text that JSON escapes, and numbers whose shortest form needs 17 digits, ".0" or an exponent;
# the expected JSON worked out by hand.
ok, _, _, err = psql("INSERT INTO visit (id, episode_id, date, notes, body_mass_kg, height_cm) VALUES "
                     "(9001, 1, '2030-01-02', E'Knie \"links\"\\\\ \\t\\n\\x01 ß', 70, 0.1::float8 + 0.2::float8);"
                     "INSERT INTO measurement (id, visit_id, measure, side, trial, value, lever_arm_m) VALUES "
                     "(9001, 9001, 'quadriceps_hhd', 'left', 1, 13.344664845781498, 0.00001)", user='anna.berg')
rows = {(r[3], r[4]): r[7] for r in pg_audit()}
want_visit = ('{"id":9001,"episode_id":1,"date":"2030-01-02","clinician":null,"body_mass_kg":70.0,'
              '"height_cm":0.30000000000000004,"notes":"Knie \\"links\\"\\\\ \\t\\n\\u0001 ß","findings":0,'
              '"deleted_at":null,"deleted_by":null}')
want_measurement = ('{"id":9001,"visit_id":9001,"measure":"quadriceps_hhd","side":"left","trial":1,'
                    '"value":13.344664845781498,"unit":null,"knee_angle_deg":null,"velocity_deg_s":null,'
                    '"lever_arm_m":1e-05,"fixation":null,"baseline":0,"deleted_at":null,"deleted_by":null}')
check('escaped text and exact numbers in the audit JSON', ok and rows.get(('visit', 9001)) == want_visit
      and rows.get(('measurement', 9001)) == want_measurement,
      '%s\n%s\n%s' % (err, rows.get(('visit', 9001)), rows.get(('measurement', 9001))))
check('… and SQLite\'s json_object escapes that text the same way',
      lite.execute("SELECT json_object ('notes', ?)", ('Knie "links"\\ \t\n\x01 ß',)).fetchone()[0]
      == '{"notes":"Knie \\"links\\"\\\\ \\t\\n\\u0001 ß"}')

ok, _, _, err = psql("UPDATE measurement SET value = 14.5, updated_at = vastus_now () WHERE id = 9001;"
                     "UPDATE visit SET deleted_at = vastus_now (), deleted_by = 'anna.berg' WHERE id = 9001",
                     user='anna.berg')
last = pg_audit()[-2:]
check('an edit and a deletion are audited with the row before and after',
      ok and [(r[3], r[5]) for r in last] == [('measurement', 'update'), ('visit', 'update')]
      and '"value":13.344664845781498' in last[0][6] and '"value":14.5' in last[0][7]
      and '"deleted_by":"anna.berg"' in last[1][7], '%s %s' % (err, last))
check('the chain still verifies', not chain_problems(pg_audit()))

# --- what a clinician may not do ----------------------------------------------------------------

refusals = (
    ('UPDATE audit_log SET actor = \'someone\' WHERE id = 1', '42501', 'change an audit row'),
    ('DELETE FROM audit_log WHERE id = 1', '42501', 'delete an audit row'),
    ('TRUNCATE audit_log', '42501', 'empty the audit trail'),
    ("INSERT INTO audit_log (id, actor, table_name, row_id, operation, app_version, hash) "
     "VALUES (100000, 'x', 'patient', 1, 'insert', 'x', repeat ('0', 64))", '42501', 'write an audit row'),
    ("INSERT INTO audit_append (actor, table_name, row_id, operation) VALUES ('x', 'patient', 1, 'insert')",
     '42501', 'append to the audit trail'),
    ("SELECT vastus_audit_append ('x', 'patient', 1, 'insert', NULL, NULL)", '42501',
     'call the audit trail\'s append'),
    ('UPDATE audit_head SET last_id = 0', '42501', 'move the audit head'),
    ('SELECT * FROM audit_head FOR UPDATE', '42501', 'lock the audit head (and so hold every writer up)'),
    ('ALTER TABLE audit_log DISABLE TRIGGER audit_head_raise', '42501', 'stop the head being raised'),
    ('UPDATE schema_info SET version = 12', '42501', 'change the schema version'),
    ('CREATE TABLE notes (id int)', '42501', 'create a table'),
    ('CREATE TEMPORARY TABLE scratch (id int)', '42501', 'create a temporary table'),
    ('ALTER TABLE measurement ADD COLUMN comment text', '42501', 'alter a table'),
    ('ALTER TABLE measurement DROP CONSTRAINT measurement_value_check', '42501', 'drop a CHECK'),
    ('DROP TRIGGER patient_audit_update ON patient', '42501', 'drop an audit trigger'),
    ('ALTER TABLE patient DISABLE TRIGGER patient_audit_update', '42501', 'disable an audit trigger'),
    ('DROP TABLE measurement', '42501', 'drop a table'),
    ('CREATE OR REPLACE FUNCTION vastus_audit_row () RETURNS trigger LANGUAGE plpgsql AS $$BEGIN RETURN NULL; END$$',
     '42501', 'replace the audit function'),
    ("SELECT vastus_add_user ('mallory', 'M', '%s')" % scram_verifier('x'), '42501', 'add a login'),
    ("INSERT INTO visit (episode_id, date) SELECT episode_id, date FROM visit WHERE id = 1", '23000',
     'a second visit of a patient on one day'),
    ("INSERT INTO visit (episode_id, date, body_mass_kg) VALUES (1, '2031-01-01', -70)", '23514',
     'a negative body mass'),
    ("INSERT INTO measurement (visit_id, measure, side, trial, value) VALUES (1, 'knee_flexion', 'left', 0, 120)",
     '23514', 'trial 0'),
    ("INSERT INTO visit (episode_id, date) VALUES (1, '2023-02-29')", '23514', 'a date that does not exist'),
    ("INSERT INTO visit (episode_id, date) VALUES (1, '2023-ab-01')", '23514', 'a date that is not one'),
    ("UPDATE patient SET birth_date = '1900-02-29' WHERE id = 1", '23514', 'a 29 February of 1900'),
    ("UPDATE measurement SET fixation = 'tape' WHERE id = 1", '23000', 'a fixation that is not belt, frame or manual'),
    ("DELETE FROM visit_template WHERE builtin = 1", '23000', 'deleting a built-in battery'),
    ("INSERT INTO measurement (visit_id, measure, side, trial, value) VALUES (424242, 'knee_flexion', 'left', 1, 1)",
     '23503', 'a measurement of a visit that does not exist'),
)
audit_before = pg_audit()
# One session for all of them, each statement its own transaction: psql prints the SQLSTATE of
# each one that failed, "none" for one that did not.
script = ['\\set ON_ERROR_STOP 0']
for sql, _, _ in refusals:
    script += [sql + ';', '\\if :ERROR', '\\echo :LAST_ERROR_SQLSTATE', '\\else', '\\echo none', '\\endif']
_, states, _, err = psql(None, user='anna.berg',
                         extra=['-v', 'ON_ERROR_STOP=0', '-f', script_file('refusals.sql', '\n'.join(script) + '\n')])
states = [r[0] for r in states]
for i, (sql, want, what) in enumerate(refusals):
    state = states[i] if i < len(states) else None
    check('a clinician cannot: %s (SQLSTATE %s)' % (what, want), state == want, '%s: %s\n%s' % (sql, state, err))
check('… and the audit trail is as it was', pg_audit() == audit_before)

# psql shows no SQLSTATE for a refused connection: the server's message says what was refused.
for db in ('postgres', 'other_app'):
    ok, _, state, err = psql('SELECT 1', db, 'anna.berg')
    check('a clinician cannot connect to the cluster\'s other database %s' % db,
          not ok and 'permission denied for database "%s"' % db in err, err.strip())

ok, _, state, err = psql('UPDATE audit_log SET actor = \'someone\' WHERE id = 1')
check('the schema\'s owner cannot change an audit row either: the trigger refuses (SQLSTATE 23000)',
      not ok and state == '23000' and 'the audit log cannot be changed' in err, err)

lite.close()
sys.exit(finish())
