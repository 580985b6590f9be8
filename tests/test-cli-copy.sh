#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# vastus-cli copy: a clinic from a SQLite file into a server's database and back, all or nothing,
# its audit trail still a chain that verifies; backup of a server's database, which is such a
# copy into a verified Vastus file; and check of a server's database, on one changed behind
# Vastus's back (suite storage-pg). Run under
# build-aux/pg-test-server run (PGHOST, PGUSER …).
#
# Usage: test-cli-copy.sh VASTUS_CLI
# Prints TAP.
set -u

cli=$1
n=0
failed=0
ok () { n=$((n + 1)); echo "ok $n - $1"; }
not_ok () { n=$((n + 1)); failed=$((failed + 1)); echo "not ok $n - $1"; shift; printf '# %s\n' "$@"; }

# check NAME EXPECTED_STATUS PATTERN CMD…: CMD exits with EXPECTED_STATUS and its output (both
# streams) has PATTERN (an extended regular expression).
check () {
  local name=$1 status=$2 pattern=$3 out got
  shift 3
  out=$("$@" 2>&1)
  got=$?
  if [ "$got" = "$status" ] && grep -Eq -- "$pattern" <<< "$out"; then ok "$name"
  else not_ok "$name" "exit status $got (expected $status)" "$out"
  fi
}

# same NAME EXPECTED GOT
same () {
  if [ "$2" = "$3" ]; then ok "$1"; else not_ok "$1" "expected: $2" "got: $3"; fi
}

sql () { psql -X -q -A -t -v ON_ERROR_STOP=1 -d "$1" -c "$2"; }
uri () { echo "postgresql:///$1?host=$PGHOST&port=$PGPORT&user=$PGUSER"; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
src=$work/clinic.db

# The audit chain on the server, recomputed row by row with the schema's own seal, and the head:
# the number of entries whose seal is not the one computed, then whether the head names the last.
server_chain () {
  sql "$1" "SELECT count (*) FILTER (WHERE hash IS DISTINCT FROM expected),
                   (SELECT h.last_id = coalesce (max (a.id), 0) AND h.hash IS NOT DISTINCT FROM
                           (SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1)
                      FROM audit_head h, audit_log a WHERE h.id = 1 GROUP BY h.last_id, h.hash)
              FROM (SELECT hash, vastus_audit_hash (lag (hash) OVER (ORDER BY id), id, at, actor,
                                                   table_name, row_id, operation, old_json,
                                                   new_json, app_version) AS expected
                      FROM audit_log) AS chain"
}

# A clinic with inserts, updates and deletes in its audit trail: the demo patients, removed and
# added again (hard deletes, new ids above the old), a criteria set copied and edited (its audit
# rows name criteria_set's implicit row number).
"$cli" --db "$src" demo > /dev/null 2>&1 &&
  "$cli" --db "$src" demo --remove > /dev/null &&
  "$cli" --db "$src" demo > /dev/null &&
  "$cli" --db "$src" criteria copy aclr-return-to-sport clinic-rts --title "Clinic RTS" > /dev/null ||
  { echo "Bail out! could not build the source clinic"; exit 1; }
"$cli" --db "$src" export -o "$work/source.csv" || { echo "Bail out! no export"; exit 1; }

sql postgres "CREATE DATABASE bare" || exit 1
sql postgres "CREATE DATABASE clinic" || exit 1
"$cli" --db "$(uri clinic)" server init > /dev/null || { echo "Bail out! server init"; exit 1; }

check "a database server init has not made is refused, naming server init" 1 \
  "is empty.*server init" "$cli" copy --from "$src" --to "$(uri bare)"
check "copy from a file to a file is a usage error" 2 "from a file to a server" \
  "$cli" copy --from "$src" --to "$work/other.db"
check "copy needs --from and --to" 2 "Give both --from SOURCE and --to TARGET" \
  "$cli" copy --from "$src"

# The counts worked by hand: 3 demo patients (demo --remove took the first three).
check "copy into the server's new database copies the whole clinic" 0 \
  "^Copied clinic.db to clinic on .* \(patients: 3, audit entries: [0-9]+, rows in all: [0-9]+\); both have the content hash [0-9a-f]{64}$" \
  "$cli" copy --from "$src" --to "$(uri clinic)"
"$cli" --db "$(uri clinic)" export -o "$work/server.csv"
if cmp -s "$work/source.csv" "$work/server.csv"; then ok "the server's export is the file's, byte for byte"
else not_ok "the server's export is the file's, byte for byte" "$(diff "$work/source.csv" "$work/server.csv" | head -5)"
fi
same "the audit chain verifies on the server, and its head is the last entry" "0|t" \
  "$(server_chain clinic)"
# 3 patients removed by demo --remove, each an audit row "delete": they came along.
same "… with the deletes of the first demo patients" 3 \
  "$(sql clinic "SELECT count (*) FROM audit_log WHERE table_name = 'patient' AND operation = 'delete'")"
same "… and the source's actor, not the login that copied" \
  "$(id -un)" "$(sql clinic "SELECT DISTINCT actor FROM audit_log WHERE table_name = 'patient'")"
check "a target that holds records is refused, naming what it holds" 1 \
  "is not empty \(patients: 3, audit entries: [0-9]+\)" \
  "$cli" copy --from "$src" --to "$(uri clinic)"
# New rows after a copy get ids above the copied ones (identities moved on), sealed onto the chain.
check "the server takes new records after the copy" 0 "Removed 3 demo patients" \
  "$cli" --db "$(uri clinic)" demo --remove
check "… and new patients" 0 "Added 3 demo patients" "$cli" --db "$(uri clinic)" demo
same "… the chain still verifies" "0|t" "$(server_chain clinic)"

# Back: the server's clinic into a new file.
sql postgres "CREATE DATABASE roundtrip" || exit 1
"$cli" --db "$(uri roundtrip)" server init > /dev/null || exit 1
first=$("$cli" copy --from "$src" --to "$(uri roundtrip)" | grep -o '[0-9a-f]\{64\}') || exit 1
check "copy from the server into a new file" 0 \
  "^Copied roundtrip on .* to back.db \(patients: 3, audit entries: [0-9]+, rows in all: [0-9]+\); both have the content hash [0-9a-f]{64}$" \
  "$cli" copy --from "$(uri roundtrip)" --to "$work/back.db"
"$cli" --db "$work/back.db" export -o "$work/back.csv"
if cmp -s "$work/source.csv" "$work/back.csv"; then ok "the copied file's export is the first file's, byte for byte"
else not_ok "the copied file's export is the first file's, byte for byte" "$(diff "$work/source.csv" "$work/back.csv" | head -5)"
fi
check "the copied file passes check: schema, constraints, audit chain" 0 "back.db: no problems found$" \
  "$cli" --db "$work/back.db" check
# The same clinic both ways: the hash of the file copied back is the one the first copy printed.
sql postgres "CREATE DATABASE third" && "$cli" --db "$(uri third)" server init > /dev/null
third=$("$cli" copy --from "$work/back.db" --to "$(uri third)" | grep -o '[0-9a-f]\{64\}')
same "a clinic copied there and back has the content hash it had" "$first" "$third"
# One measurement's value changed behind Vastus's back (no trigger, no audit entry): the hash sees it.
sql roundtrip "SET session_replication_role = replica;
               UPDATE measurement SET value = value + 1
                WHERE id = (SELECT min (id) FROM measurement WHERE measure = 'quadriceps_hhd')" &&
  changed=$("$cli" copy --from "$(uri roundtrip)" --to "$work/changed.db" | grep -o '[0-9a-f]\{64\}')
if [ -n "$changed" ] && [ "$changed" != "$first" ]; then ok "… and one value changed gives another hash"
else not_ok "… and one value changed gives another hash" "$first" "$changed"
fi
before=$(md5sum < "$work/back.db")
check "a file that exists is never replaced" 1 "back.db exists already" \
  "$cli" copy --from "$(uri roundtrip)" --to "$work/back.db"
same "… and is left as it was" "$before" "$(md5sum < "$work/back.db")"

# backup of a server's database: a Vastus file like a workstation's, verified, the same clinic.
check "backup of a server's database writes a verified file" 0 \
  "^Backup written to .*/backup.db \(3 patients, [0-9]+ visits\), verified$" \
  "$cli" --db "$(uri roundtrip)" backup -o "$work/backup.db"
check "… that passes check" 0 "backup.db: no problems found$" "$cli" --db "$work/backup.db" check
"$cli" --db "$(uri roundtrip)" export -o "$work/roundtrip.csv"
"$cli" --db "$work/backup.db" export -o "$work/backup.csv"
if cmp -s "$work/roundtrip.csv" "$work/backup.csv"; then ok "… whose export is the server's, byte for byte"
else not_ok "… whose export is the server's, byte for byte" "$(diff "$work/roundtrip.csv" "$work/backup.csv" | head -5)"
fi
sql postgres "CREATE DATABASE fourth" && "$cli" --db "$(uri fourth)" server init > /dev/null
fourth=$("$cli" copy --from "$work/backup.db" --to "$(uri fourth)" | grep -o '[0-9a-f]\{64\}')
same "… and copied back to a server, holds the clinic the server held (its content hash)" \
  "$changed" "$fourth"
before=$(md5sum < "$work/backup.db")
check "backup refuses to replace a file without --force" 1 "exists already.*--force" \
  "$cli" --db "$(uri roundtrip)" backup -o "$work/backup.db"
same "… and leaves it as it was" "$before" "$(md5sum < "$work/backup.db")"
check "backup --force replaces it" 0 "^Backup written to .*/backup.db" \
  "$cli" --db "$(uri roundtrip)" backup -o "$work/backup.db" --force
check "backup without -o on a server is a usage error" 2 "give -o FILE" \
  "$cli" --db "$(uri roundtrip)" backup
check "backup --list on a server is a usage error" 2 "give -o FILE" \
  "$cli" --db "$(uri roundtrip)" backup --list
if [ -z "$(ls -A "$work" | grep '^\.vastus-')" ]; then ok "backups leave no temporary file behind"
else not_ok "backups leave no temporary file behind" "$(ls -A "$work")"
fi

# All or nothing: the target refuses the fifth audit entry, after the patients were written.
sql postgres "CREATE DATABASE refusing" || exit 1
"$cli" --db "$(uri refusing)" server init > /dev/null || exit 1
sql refusing "ALTER TABLE audit_log ADD CONSTRAINT test_refuse CHECK (id < 5)" || exit 1
check "a copy the target refuses half-way fails" 1 "Could not copy the table audit_log" \
  "$cli" copy --from "$src" --to "$(uri refusing)"
same "… and leaves the target as it was: no patient, no audit entry, its triggers on" "0|0|0" \
  "$(sql refusing "SELECT (SELECT count (*) FROM patient), (SELECT count (*) FROM audit_log),
                          (SELECT count (*) FROM pg_trigger WHERE NOT tgisinternal AND tgenabled = 'D')")"
check "a copy from a server that is not Vastus's makes no file" 1 "is empty.*server init" \
  "$cli" copy --from "$(uri bare)" --to "$work/none.db"
if [ ! -e "$work/none.db" ] && [ -z "$(ls -A "$work" | grep '^\.vastus-copy')" ]; then
  ok "… and leaves nothing behind"
else not_ok "… and leaves nothing behind" "$(ls -A "$work")"
fi

# check on the server: a copy, then changes made behind Vastus's back as the server's superuser.
sql postgres "CREATE DATABASE tampered" && "$cli" --db "$(uri tampered)" server init > /dev/null &&
  "$cli" copy --from "$src" --to "$(uri tampered)" > /dev/null || exit 1
check "check of a server's copy finds no problems" 0 "^postgresql:///tampered.*: no problems found$" \
  "$cli" --db "$(uri tampered)" check
last=$(sql tampered "SELECT max (id) FROM audit_log")
# The first two measurements in force (id|visit): one gets a measure one flipped bit away from
# koos_qol, the other a value far above any hard limit of the catalog.
in_force="SELECT m.id || '|' || m.visit_id FROM measurement m JOIN visit v ON v.id = m.visit_id
          WHERE m.deleted_at IS NULL AND v.deleted_at IS NULL ORDER BY m.id"
first=$(sql tampered "$in_force LIMIT 1")
second=$(sql tampered "$in_force LIMIT 1 OFFSET 1")
sql tampered "ALTER TABLE visit ADD COLUMN extra text;
              ALTER TABLE patient DISABLE TRIGGER patient_audit_update;
              ALTER TABLE measurement ADD CONSTRAINT sneaky CHECK (value < 1e9) NOT VALID;
              SET session_replication_role = replica;
              UPDATE audit_log SET actor = 'mallory' WHERE id = 5;
              DELETE FROM audit_log WHERE id IN (7, $last);
              UPDATE measurement SET measure = 'kogs_qol' WHERE id = ${first%|*};
              UPDATE measurement SET value = 1e8 WHERE id = ${second%|*}" || exit 1
out=$("$cli" --db "$(uri tampered)" check 2>&1)
status=$?
same "check of the changed server exits 1" 1 "$status"
# Each line worked out by hand from the changes above: entry 8 was sealed onto entry 7, which is
# gone; the last entry's removal shows at the head; the two measurements. Nine problems.
for line in \
  "Schema: the table visit has the columns id, episode_id, date, clinician, body_mass_kg, height_cm, notes, findings, created_at, updated_at, deleted_at, deleted_by, row_version, extra, not id, episode_id, date, clinician, body_mass_kg, height_cm, notes, findings, created_at, updated_at, deleted_at, deleted_by, row_version" \
  "Schema: the trigger patient_audit_update is turned off" \
  "Constraints: sneaky of the table measurement was not checked against the rows there" \
  "Audit trail broken at entry 5 of " \
  "Audit trail: entries 7 to 7 are missing (removed) before entry 8 of " \
  "Audit trail broken at entry 8 of " \
  "Audit trail: entries $last to $last were removed (the trail ends at entry $((last - 1)) of " \
  "Measurement ${first%|*} (visit ${first#*|}): “kogs_qol” is not a measure Vastus knows." \
  "Measurement ${second%|*} (visit ${second#*|}): " \
  "above the largest possible value" \
  "check: 9 problems found in postgresql:///tampered"; do
  if grep -qF -- "$line" <<< "$out"; then ok "… names: ${line:0:60}"
  else not_ok "… names: ${line:0:60}" "$out"
  fi
done

echo "1..$n"
[ "$failed" = 0 ]
