#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# vastus-cli server init, server add-user and server grant, and a clinician's login working on the
# server's database (suite storage-pg). Run under build-aux/pg-test-server run (PGHOST, PGUSER …).
#
# Usage: test-cli-server.sh VASTUS_CLI
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

sql () { psql -X -q -A -t -v ON_ERROR_STOP=1 -d "$1" -c "$2"; }

# check_line NAME EXPECTED_STATUS LINE CMD…: CMD exits with EXPECTED_STATUS and its output (both
# streams) is LINE and nothing else.
check_line () {
  local name=$1 status=$2 line=$3 out got
  shift 3
  out=$("$@" 2>&1)
  got=$?
  if [ "$got" = "$status" ] && [ "$out" = "$line" ]; then ok "$name"
  else not_ok "$name" "exit status $got (expected $status)" "$out" "expected: $line"
  fi
}

sql postgres "CREATE DATABASE clinic" || exit 1
sql postgres "CREATE DATABASE other_app" || exit 1
sql other_app "CREATE TABLE invoices (id int)" || exit 1
admin="postgresql:///clinic?host=$PGHOST&port=$PGPORT&user=$PGUSER"
anna="postgresql:///clinic?host=$PGHOST&port=$PGPORT&user=anna.berg"

check "server init creates the schema in an empty database" 0 \
  "^Created the clinic's schema \(version [0-9]+\) and the role vastus_clinician$" \
  "$cli" --db "$admin" server init
check "server init again changes nothing" 0 "^The schema is up to date \(version [0-9]+\)$" \
  "$cli" --db "$admin" server init
check "server init refuses another application's database, naming what it found" 1 \
  "not empty and not a Vastus database.*invoices" \
  "$cli" --db "postgresql:///other_app?host=$PGHOST&port=$PGPORT&user=$PGUSER" server init
if [ "$(sql other_app "SELECT count (*) FROM pg_tables WHERE schemaname = 'public'")" = 1 ]; then
  ok "… and leaves it as it was"
else
  not_ok "… and leaves it as it was" "$(sql other_app '\dt')"
fi
check "server needs a server: a file is a usage error" 2 "is not a server" \
  "$cli" --db /tmp/not-a-server.db server init
check "server grant needs a server too: logins are only on one" 2 "is not a server" \
  "$cli" --db /tmp/not-a-server.db server grant anna.berg
if [ -e /tmp/not-a-server.db ]; then not_ok "… and no file is made" "$(ls -l /tmp/not-a-server.db)"
else ok "… and no file is made"
fi
check "server grant needs a LOGIN" 2 "Which login\? Give one LOGIN" "$cli" --db "$admin" server grant

check "server add-user reads the password from standard input" 0 \
  "^Added the login anna.berg \(Anna Berg\) to vastus_clinician$" \
  "$cli" --db "$admin" server add-user anna.berg --name "Anna Berg" <<< "correct horse"
# The role: in vastus_clinician, named by its comment, with a SCRAM verifier (never the password).
got=$(sql postgres "SELECT pg_has_role ('anna.berg', 'vastus_clinician', 'MEMBER'),
                           shobj_description (oid, 'pg_authid'), rolpassword LIKE 'SCRAM-SHA-256\$%'
                      FROM pg_authid WHERE rolname = 'anna.berg'")
if [ "$got" = "t|Anna Berg|t" ]; then ok "… a login in vastus_clinician, its name, its password hashed"
else not_ok "… a login in vastus_clinician, its name, its password hashed" "$got"
fi
check "a login that exists is refused" 1 "anna.berg exists already" \
  "$cli" --db "$admin" server add-user anna.berg --name "Anna Berg" <<< "again"
check "a login that is not valid is refused, saying why" 1 'the login "Bad Login" is not valid' \
  "$cli" --db "$admin" server add-user "Bad Login" --name "Bad" <<< "pw"
check "an empty password is refused" 1 "needs a password" \
  "$cli" --db "$admin" server add-user ben.ng --name "Ben Ng" <<< ""
check "no password at all is refused" 1 "No password for ben.ng" \
  "$cli" --db "$admin" server add-user ben.ng --name "Ben Ng" < /dev/null
check "--name is required" 2 "--name is required" \
  "$cli" --db "$admin" server add-user ben.ng <<< "pw"

# The clinician works on the server; the audit trail names the login.
check "the clinician's login writes (demo)" 0 "Added 3 demo patients" "$cli" --db "$anna" demo
check "… and reads (patients)" 0 "DEMO-001" "$cli" --db "$anna" patients
got=$(sql clinic "SELECT DISTINCT actor FROM audit_log")
if [ "$got" = "anna.berg" ]; then ok "every audit row names the login anna.berg"
else not_ok "every audit row names the login anna.berg" "$got"
fi
check "an empty database is refused by other commands, naming server init" 1 "is empty.*server init" \
  "$cli" --db "postgresql:///postgres?host=$PGHOST&port=$PGPORT&user=$PGUSER" patients
# What reads SQLite's file says it is the server's tools' work, not that there is no database.
check "check on a server: schema, constraints and audit trail, no problems" 0 \
  "^postgresql:///clinic.*: no problems found$" "$cli" --db "$admin" check
check "backup on a server without -o names the file it needs" 2 "give -o FILE" \
  "$cli" --db "$admin" backup

# A refused change says so in one line naming the login, that nothing was saved and what to do,
# in words of Vastus's own (vastus-pg-error.c): never that the server is read-only, nor the
# server's words and number ("permission denied for function vastus_add_user", 42501).
# A clinician's login may not add logins: only the database's owner may.
check_line "a clinician's login may not add logins, the refusal naming it and who may" 1 \
  "vastus-cli server: Could not add the login ben.ng: the clinic server refused the login “anna.berg” this change, so nothing was saved. Only the login that owns the clinic’s database and may create logins (the one that runs “vastus-cli server init”) may make it: ask the clinic’s administrator." \
  "$cli" --db "$anna" server add-user ben.ng --name "Ben Ng" <<< "pw"
# Nor copy a whole clinic onto the server (its tables' triggers are turned off meanwhile, which
# only their owner may): the refusal says so, not that the login should join the group it is in.
sql postgres "CREATE DATABASE empty_clinic" || exit 1
"$cli" --db "postgresql:///empty_clinic?host=$PGHOST&port=$PGPORT&user=$PGUSER" server init \
  > /dev/null || exit 1
source_db=$(mktemp -d)/source.db
"$cli" --db "$source_db" demo > /dev/null || exit 1
check_line "a clinician's login may not copy a clinic onto the server, the refusal naming who may" 1 \
  "vastus-cli copy: Could not prepare the target for a copy: the clinic server refused the login “anna.berg” this change, so nothing was saved. Only the login that owns the clinic’s database and may create logins (the one that runs “vastus-cli server init”) may make it: ask the clinic’s administrator." \
  "$cli" copy --from "$source_db" \
  --to "postgresql:///empty_clinic?host=$PGHOST&port=$PGPORT&user=anna.berg"
rm -rf "$(dirname "$source_db")"
got=$(sql empty_clinic "SELECT count (*) FROM patient")
if [ "$got" = 0 ]; then ok "… and nothing was copied"
else not_ok "… and nothing was copied" "$got"
fi
# A login that may read the clinic's database but is not in the clinicians' group (one made by
# hand, say): its change is refused, naming the login and the command that adds it to the group;
# that very command then lets it write.
# read_only_login LOGIN: a login made by hand that may connect to the clinic and read, in no group.
read_only_login () {
  sql clinic "CREATE ROLE \"$1\" LOGIN;
              GRANT CONNECT ON DATABASE clinic TO \"$1\";
              GRANT USAGE ON SCHEMA public TO \"$1\";
              GRANT SELECT ON ALL TABLES IN SCHEMA public TO \"$1\";
              GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA public TO \"$1\";"
}
# in_group LOGIN: t when LOGIN is in vastus_clinician, f when not.
in_group () { sql postgres "SELECT pg_has_role ('$1', 'vastus_clinician', 'MEMBER')"; }
read_only_login ola.lesen || exit 1
ola="postgresql:///clinic?host=$PGHOST&port=$PGPORT&user=ola.lesen"
check "… a login in no group reads (patients)" 0 "DEMO-001" "$cli" --db "$ola" patients
check_line "… but its change is refused, naming it and the command that adds it to the group" 1 \
  "vastus-cli demo: Could not remove the demo patients: the clinic server refused the login “ola.lesen” this change, so nothing was saved. The login is not in the clinicians’ group: ask the clinic’s administrator to add it with the command “vastus-cli server grant ola.lesen”, run as the login that ran “vastus-cli server init”." \
  "$cli" --db "$ola" demo --remove
check "… and nothing was removed" 0 "DEMO-001" "$cli" --db "$ola" patients

# server grant is the owner's: a clinician's login is refused it as add-user, and the login it
# named stays out of the group.
check_line "a clinician's login may not grant, the refusal naming it and who may" 1 \
  "vastus-cli server: Could not add the login ola.lesen to vastus_clinician: the clinic server refused the login “anna.berg” this change, so nothing was saved. Only the login that owns the clinic’s database and may create logins (the one that runs “vastus-cli server init”) may make it: ask the clinic’s administrator." \
  "$cli" --db "$anna" server grant ola.lesen
if [ "$(in_group ola.lesen)" = f ]; then ok "… and ola.lesen is still in no group"
else not_ok "… and ola.lesen is still in no group" "$(in_group ola.lesen)"
fi
check_line "the command named, run by the owner, puts the login in the group" 0 \
  "Added the existing login ola.lesen to vastus_clinician" \
  "$cli" --db "$admin" server grant ola.lesen
check "… and lets it write" 0 "^Removed 3 demo patients\.$" \
  "$cli" --db "$ola" demo --remove
# Nothing to do is said, and is no failure (as server init on an up-to-date schema).
check_line "granting a login in the group already says so and changes nothing" 0 \
  "The login ola.lesen is in vastus_clinician already; nothing was changed" \
  "$cli" --db "$admin" server grant ola.lesen
got=$(sql postgres "SELECT count (*) FROM pg_auth_members m JOIN pg_roles r ON r.oid = m.member
                     WHERE r.rolname = 'ola.lesen'")
if [ "$got" = 1 ]; then ok "… ola.lesen is in one group, once"
else not_ok "… ola.lesen is in one group, once" "$got"
fi
check_line "a login made by server add-user is in the group already" 0 \
  "The login anna.berg is in vastus_clinician already; nothing was changed" \
  "$cli" --db "$admin" server grant anna.berg
check_line "granting a login the server does not have is refused, naming it" 1 \
  "vastus-cli server: Could not add the login nobody.here to vastus_clinician: the server has no login “nobody.here”. To make a new login, use “vastus-cli server add-user”." \
  "$cli" --db "$admin" server grant nobody.here
if [ "$(sql postgres "SELECT count (*) FROM pg_roles WHERE rolname = 'nobody.here'")" = 0 ]; then
  ok "… and none is made"
else not_ok "… and none is made" "$(sql postgres "SELECT rolname FROM pg_roles WHERE rolname = 'nobody.here'")"
fi
check_line "granting a group (a role that may not log in) is refused, naming it" 1 \
  "vastus-cli server: Could not add the login vastus_clinician to vastus_clinician: “vastus_clinician” is a role that may not log in (a group), not a login" \
  "$cli" --db "$admin" server grant vastus_clinician
# A name a shell would split is quoted in the command the refusal names.
read_only_login "ola lesen" || exit 1
check "a login with a space: the command the refusal names quotes it" 1 \
  "add it with the command “vastus-cli server grant 'ola lesen'”" \
  "$cli" --db "postgresql:///clinic?host=$PGHOST&port=$PGPORT&user=ola%20lesen" demo --remove
check_line "… and that command adds it" 0 "Added the existing login ola lesen to vastus_clinician" \
  "$cli" --db "$admin" server grant 'ola lesen'
read_only_login piet.lesen || exit 1

# server init, server add-user and server grant on a server that takes no changes just now (a standby, or a
# database set read-only, as here): the one read-only message every change gets.
sql postgres "ALTER DATABASE clinic SET default_transaction_read_only = on" || exit 1
check_line "server init on a read-only server says so, as every change does" 1 \
  "vastus-cli server: Could not create or upgrade the clinic’s schema: the clinic server accepts no changes just now (it is read-only), so nothing was saved. Try again later, or ask your IT support when the server will take changes again." \
  "$cli" --db "$admin" server init
check_line "server add-user on a read-only server says so too" 1 \
  "vastus-cli server: Could not add the login ben.ng: the clinic server accepts no changes just now (it is read-only), so nothing was saved. Try again later, or ask your IT support when the server will take changes again." \
  "$cli" --db "$admin" server add-user ben.ng --name "Ben Ng" <<< "pw"
check_line "server grant on a read-only server says so too" 1 \
  "vastus-cli server: Could not add the login piet.lesen to vastus_clinician: the clinic server accepts no changes just now (it is read-only), so nothing was saved. Try again later, or ask your IT support when the server will take changes again." \
  "$cli" --db "$admin" server grant piet.lesen
sql postgres "ALTER DATABASE clinic RESET default_transaction_read_only" || exit 1
got=$(sql postgres "SELECT count (*) FROM pg_roles WHERE rolname = 'ben.ng'")
if [ "$got" = 0 ]; then ok "… and no login ben.ng was made"
else not_ok "… and no login ben.ng was made" "$got"
fi
if [ "$(in_group piet.lesen)" = f ]; then ok "… and piet.lesen is still in no group"
else not_ok "… and piet.lesen is still in no group" "$(in_group piet.lesen)"
fi

echo "1..$n"
[ "$failed" = 0 ]
