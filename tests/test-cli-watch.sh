#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# vastus-cli watch (suite storage-pg): what another process saves on the clinic server appears
# as lines (tab-separated, or JSON) naming the table, the MRN, the login and the time; SIGINT and
# SIGTERM end it with status 0; a SQLite file is refused. Run under build-aux/pg-test-server run.
#
# Usage: test-cli-watch.sh VASTUS_CLI
# Prints TAP.
set -u

cli=$1
n=0
failed=0
ok () { n=$((n + 1)); echo "ok $n - $1"; }
not_ok () { n=$((n + 1)); failed=$((failed + 1)); echo "not ok $n - $1"; shift; printf '# %s\n' "$@"; }

sql () { psql -X -q -A -t -v ON_ERROR_STOP=1 -d "$1" -c "$2"; }

tmp=$(mktemp -d)
pids=()
cleanup () {
  for pid in "${pids[@]}"; do kill "$pid" 2> /dev/null; done
  rm -rf -- "$tmp"
}
trap cleanup EXIT

# wait_for FILE PATTERN COUNT: until FILE has COUNT lines matching PATTERN (20 s at most).
wait_for () {
  local i
  for ((i = 0; i < 200; i++)); do
    [ "$(grep -Ec -- "$2" "$1" 2> /dev/null)" -ge "$3" ] && return 0
    sleep 0.1
  done
  return 1
}

sql postgres "CREATE DATABASE clinic" || exit 1
admin="postgresql:///clinic?host=$PGHOST&port=$PGPORT&user=$PGUSER"
anna="postgresql:///clinic?host=$PGHOST&port=$PGPORT&user=anna.berg"
"$cli" --db "$admin" server init > /dev/null || exit 1
"$cli" --db "$admin" server add-user anna.berg --name "Anna Berg" <<< "secret" > /dev/null || exit 1

# Two watches as the admin login, one in each form.
"$cli" --db "$admin" watch > "$tmp/text.out" 2> "$tmp/text.err" &
text_pid=$!
pids+=("$text_pid")
"$cli" --db "$admin" watch --json > "$tmp/json.out" 2> "$tmp/json.err" &
json_pid=$!
pids+=("$json_pid")
if wait_for "$tmp/text.err" '^Watching .* for changes saved by others' 1 &&
   wait_for "$tmp/json.err" '^Watching .* for changes saved by others' 1; then
  ok "watch says on stderr when it is listening"
else
  not_ok "watch says on stderr when it is listening" "$(cat "$tmp/text.err" "$tmp/json.err")"
fi

# Anna imports one patient with one visit of two measurements, in one transaction.
cat > "$tmp/one.csv" << 'EOF'
mrn,visit_date,measure,side,value,unit,name,birth_date,sex,condition,involved_side,surgery_date
W-1,2026-02-03,quadriceps_hhd,left,300,N,"Berg, Ola",1990-04-02,male,aclr,left,2025-11-20
W-1,2026-02-03,quadriceps_hhd,right,400,N,"Berg, Ola",1990-04-02,male,aclr,left,2025-11-20
EOF
before=$(date -u +%Y-%m-%dT%H:%M:%S)
"$cli" --db "$anna" import "$tmp/one.csv" > /dev/null 2>&1 || not_ok "the import ran"
# The server sends in commit order: a second patient's line coming means W-1's are all there.
"$cli" --db "$anna" demo > /dev/null 2>&1 || not_ok "demo ran"
after=$(date -u +%Y-%m-%dT%H:%M:%S.999Z)
wait_for "$tmp/text.out" $'\tDEMO-' 1
wait_for "$tmp/json.out" '"mrn":"DEMO-' 1

w1=$(grep -E $'^[a-z_]+\tW-1\t' "$tmp/text.out")
# The four tables the import writes; each line TABLE, MRN, the login, the transaction's time.
for table in patient episode visit measurement; do
  if grep -Eq "^$table"$'\t' <<< "$w1"; then ok "a line for the import's $table"
  else not_ok "a line for the import's $table" "$(cat "$tmp/text.out")"
  fi
done
# (mawk, Debian's awk, has no {N} in its regular expressions.)
bad=$(awk -F '\t' -v before="$before" -v after="$after" \
  'NF != 4 || $3 != "anna.berg" || $4 !~ /^[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]\.[0-9][0-9][0-9]Z$/ ||
   $4 < before || $4 > after' <<< "$w1")
if [ -n "$w1" ] && [ -z "$bad" ]; then ok "each line: the table, W-1, anna.berg, the time (UTC) of the import"
else not_ok "each line: the table, W-1, anna.berg, the time (UTC) of the import" "$bad" "$w1"
fi
# Two measurements of one visit in one transaction are one change of the visit's measurements.
if [ "$(grep -Ec $'^measurement\tW-1\t' <<< "$w1")" = 1 ]; then
  ok "the visit's two measurements, saved together, are one line"
else
  not_ok "the visit's two measurements, saved together, are one line" "$w1"
fi

# --json: one object per line, with the same facts and the ids.
if python3 - "$tmp/json.out" "$anna" << 'EOF'
import json, sys
lines = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
w1 = [l for l in lines if l['mrn'] == 'W-1']
tables = {l['table'] for l in w1}
assert {'patient', 'episode', 'visit', 'measurement'} <= tables, tables
for l in w1:
    assert l['actor'] == 'anna.berg', l
    assert l['operation'] in ('insert', 'update', 'delete'), l
    assert isinstance(l['patient_id'], int), l
    assert l['criteria_set'] is None, l
visit = [l for l in w1 if l['table'] == 'visit'][0]
measurement = [l for l in w1 if l['table'] == 'measurement'][0]
assert isinstance(visit['visit_id'], int) and visit['visit_id'] == measurement['visit_id'], (visit, measurement)
assert visit['episode_id'] == measurement['episode_id'], (visit, measurement)
EOF
then ok "--json: one object per line, table, operation, MRN, login, ids"
else not_ok "--json: one object per line, table, operation, MRN, login, ids" "$(cat "$tmp/json.out")"
fi
# Its own connection saves nothing: every line is someone else's.
if ! grep -q $'\t'"$PGUSER"$'\t' "$tmp/text.out"; then ok "no line names the watching login"
else not_ok "no line names the watching login" "$(cat "$tmp/text.out")"
fi

# Interrupted: status 0.
kill -INT "$text_pid"
wait "$text_pid"
status=$?
if [ "$status" = 0 ]; then ok "SIGINT ends watch with status 0"
else not_ok "SIGINT ends watch with status 0" "status $status" "$(cat "$tmp/text.err")"
fi
kill -TERM "$json_pid"
wait "$json_pid"
status=$?
if [ "$status" = 0 ]; then ok "SIGTERM ends watch --json with status 0"
else not_ok "SIGTERM ends watch --json with status 0" "status $status" "$(cat "$tmp/json.err")"
fi
pids=()

# A SQLite file: a clear refusal, status 1.
out=$("$cli" --db "$tmp/clinic.db" watch 2>&1)
status=$?
if [ "$status" = 1 ] && grep -q "Live updates need a clinic server" <<< "$out"; then
  ok "on a SQLite file watch says live updates need a clinic server (status 1)"
else
  not_ok "on a SQLite file watch says live updates need a clinic server (status 1)" "status $status" "$out"
fi
out=$("$cli" --db "$admin" watch extra 2>&1)
status=$?
if [ "$status" = 2 ]; then ok "an unexpected argument is a usage error"
else not_ok "an unexpected argument is a usage error" "status $status" "$out"
fi

echo "1..$n"
[ "$failed" = 0 ]
