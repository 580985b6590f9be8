#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Machine output never changes with the locale, human output follows it (suite 'cli').
# The same commands run under LC_ALL=C and LC_ALL=de_DE.UTF-8 on the same records: CSV, --json,
# FHIR, a backup and the audit trail come out byte for byte the same; the human summary shows
# 05.12.2026-style dates and decimal commas in German; number options take either mark and refuse
# an ambiguous "1.234" in German.
#
# With VASTUS_TEST_ENGINE=postgresql (suite 'storage-pg', under build-aux/pg-test-server run), each
# database is a new one on the server VASTUS_TEST_PG names, and the audit trail is read there.
#
# Usage: test-locale-output.sh VASTUS_CLI CSV_FIXTURE     (prints TAP)
set -u

cli=$1
fixture=$2

n=0 failed=0
ok () { n=$((n + 1)); echo "ok $n - $1"; }
not_ok () { n=$((n + 1)); failed=$((failed + 1)); echo "not ok $n - $1"; shift; printf '%s\n' "$@" | sed 's/^/# /'; }
check () { local what=$1; shift; if "$@"; then ok "$what"; else not_ok "$what" "failed: $*"; fi; }

tmp=$(mktemp -d "${TMPDIR:-/tmp}/vastus-locale-XXXXXX")
trap 'rm -rf "$tmp"' EXIT
export HOME="$tmp/home" XDG_DATA_HOME="$tmp/home/data" VASTUS_TODAY=2026-12-05
# Messages in English (the catalogues are the build's); numbers and dates follow LC_ALL.
unset VASTUS_DB LANG
export LANGUAGE=en

# A missing locale fails: the comparison would be C against C (build-aux/dev generates it).
if ! LC_ALL=de_DE.UTF-8 locale -k decimal_point 2> /dev/null | grep -q '","'; then
  echo "1..1"
  echo "not ok 1 - the de_DE.UTF-8 locale is missing (build-aux/dev generates it)"
  exit 1
fi

on_server=false
[ "${VASTUS_TEST_ENGINE:-}" = postgresql ] && on_server=true
# location[LOCALE]: that locale's database, a file or a URI on the server (with Vastus's schema).
declare -A location
for loc in C de_DE.UTF-8; do
  mkdir -p "$tmp/$loc"
  if $on_server; then
    name="vastus_locale_$(printf %s "${loc%%.*}" | tr A-Z a-z)_$$"
    location[$loc]=${VASTUS_TEST_PG/\/postgres\?//$name?}
    psql -q -X -d "$VASTUS_TEST_PG" -c "CREATE DATABASE $name" > /dev/null
    "$cli" --db "${location[$loc]}" server init > "$tmp/$loc/init.out" 2>&1 ||
      not_ok "server init for $loc" "$(cat "$tmp/$loc/init.out")"
  else
    location[$loc]="$tmp/$loc/vastus.db"
  fi
done

# Each locale imports the same file into a database of its own, through the same steps.
for loc in C de_DE.UTF-8; do
  d="$tmp/$loc"
  LC_ALL=$loc "$cli" --db "${location[$loc]}" import "$fixture" > "$d/import.out" 2>&1 ||
    not_ok "import under $loc" "$(cat "$d/import.out")"
  # A clinic's copy of a built-in set takes its text in the language it is made in (German
  # labels under German): both copies are made under C, so that only numbers typed differ.
  LC_ALL=C "$cli" --db "${location[$loc]}" criteria copy aclr-return-to-sport clinic-rts > /dev/null 2>&1
done
# Typed numbers in the locale's form: German takes 92,5, C the point.
first=$(LC_ALL=C "$cli" --db "${location[C]}" criteria --json | python3 -c '
import json, sys
sets = json.load(sys.stdin)
s = [s for s in (sets if isinstance(sets, list) else sets["sets"]) if s["id"] == "clinic-rts"][0]
print(s["criteria"][0]["id"])')
LC_ALL=de_DE.UTF-8 "$cli" --db "${location[de_DE.UTF-8]}" criteria edit clinic-rts "$first" --threshold 92,5 \
  > "$tmp/edit-de.out" 2>&1
status_de=$?
LC_ALL=C "$cli" --db "${location[C]}" criteria edit clinic-rts "$first" --threshold 92.5 > "$tmp/edit-c.out" 2>&1
check "German --threshold 92,5 is read" [ "$status_de" = 0 ]

# The machine outputs of each database under each locale.
for db in C de_DE.UTF-8; do
  for loc in C de_DE.UTF-8; do
    o="$tmp/out-$db-$loc"
    mkdir -p "$o"
    run () { LC_ALL=$loc "$cli" --db "${location[$db]}" "$@"; }
    run export -o "$o/export.csv" > /dev/null 2>&1
    run export --answers -o "$o/answers.csv" > /dev/null 2>&1
    run patients --json > "$o/patients.json" 2>&1
    run measures --json > "$o/measures.json" 2>&1
    run criteria --json > "$o/criteria.json" 2>&1
    run episodes --patient V001 --json > "$o/episodes.json" 2>&1
    run summary --patient V001 --json > "$o/summary.json" 2>&1
    run evaluate --patient V001 --as-of 2025-03-01 --json > "$o/evaluate.json" 2>&1
    run score --patient V001 --json > "$o/score.json" 2>&1
    run questionnaires --json > "$o/questionnaires.json" 2>&1
    run profiles --json > "$o/profiles.json" 2>&1
  done
done
# When a criteria set was copied differs between the two databases: the moment is left out there.
untimed () { sed -E 's/"(created|updated)([a-z_]*)" *: *"[^"]*"/"\1\2":"…"/g' "$1"; }
for f in export.csv answers.csv patients.json measures.json criteria.json \
         episodes.json summary.json evaluate.json score.json questionnaires.json profiles.json; do
  # Each database read under C and under German; and the two databases against each other
  # (what was typed and stored under German is what C stored).
  if cmp -s "$tmp/out-C-C/$f" "$tmp/out-C-de_DE.UTF-8/$f" &&
     cmp -s "$tmp/out-de_DE.UTF-8-C/$f" "$tmp/out-de_DE.UTF-8-de_DE.UTF-8/$f" &&
     cmp -s <(untimed "$tmp/out-C-C/$f") <(untimed "$tmp/out-de_DE.UTF-8-de_DE.UTF-8/$f") &&
     [ -s "$tmp/out-C-C/$f" ]; then
    ok "$f is the same under C and de_DE.UTF-8"
  else
    not_ok "$f is the same under C and de_DE.UTF-8" \
      "$(diff "$tmp/out-C-C/$f" "$tmp/out-C-de_DE.UTF-8/$f" | head -5)" \
      "$(diff "$tmp/out-C-C/$f" "$tmp/out-de_DE.UTF-8-de_DE.UTF-8/$f" | head -5)"
  fi
done
check "the threshold typed as 92,5 is stored as 92.5" grep -q '"threshold" *: *92.5' "$tmp/out-C-C/criteria.json"

# The audit trail: what each step wrote, without the moment it was written.
audit_sql="SELECT actor, table_name, row_id, operation, old_json, new_json, app_version
           FROM audit_log ORDER BY id"
audit () {
  if $on_server; then
    psql -X -A -t -d "$1" -c "$audit_sql"
  else
    sqlite3 "$1" "$audit_sql"
  fi | sed -E 's/"(created_at|updated_at|at)":"[^"]*"/"\1":"…"/g'
}
audit "${location[C]}" > "$tmp/audit-C"
audit "${location[de_DE.UTF-8]}" > "$tmp/audit-de"
if [ -s "$tmp/audit-C" ] && cmp -s "$tmp/audit-C" "$tmp/audit-de"; then
  ok "the audit trail is the same under C and de_DE.UTF-8"
else
  not_ok "the audit trail is the same under C and de_DE.UTF-8" "$(diff "$tmp/audit-C" "$tmp/audit-de" | head -5)"
fi

# FHIR (without the surgeon's PDF, a human document) and a backup of one database, under each locale.
for loc in C de_DE.UTF-8; do
  LC_ALL=$loc "$cli" --db "${location[C]}" fhir export --patient V001 --as-of 2025-03-01 \
    -o "$tmp/fhir-$loc.json" > /dev/null 2>&1
  python3 -c '
import json, sys
b = json.load(open(sys.argv[1]))
for e in b.get("entry", []):
    r = e.get("resource", {})
    for f in r.get("presentedForm", []):
        f.pop("data", None); f.pop("hash", None); f.pop("size", None)
    if r.get("resourceType") == "Binary":
        r.pop("data", None)
json.dump(b, open(sys.argv[1] + ".nopdf", "w"), sort_keys=True)' "$tmp/fhir-$loc.json"
done
if [ -s "$tmp/fhir-C.json.nopdf" ] && cmp -s "$tmp/fhir-C.json.nopdf" "$tmp/fhir-de_DE.UTF-8.json.nopdf"; then
  ok "the FHIR Bundle is the same under C and de_DE.UTF-8"
else
  not_ok "the FHIR Bundle is the same under C and de_DE.UTF-8" \
    "$(diff <(python3 -m json.tool "$tmp/fhir-C.json.nopdf") <(python3 -m json.tool "$tmp/fhir-de_DE.UTF-8.json.nopdf") | head -8)"
fi
# The backup of a server's database is its own command's test (cli-server): here, SQLite's file.
for loc in C de_DE.UTF-8; do
  $on_server && break
  LC_ALL=$loc "$cli" --db "${location[C]}" backup -o "$tmp/backup-$loc.db" > /dev/null 2>&1
  sqlite3 "$tmp/backup-$loc.db" .dump | grep -v 'INSERT INTO audit_log\|INSERT INTO audit_head\|INSERT INTO backup' > "$tmp/backup-$loc.sql"
done
if $on_server; then
  :
elif [ -s "$tmp/backup-C.sql" ] && cmp -s "$tmp/backup-C.sql" "$tmp/backup-de_DE.UTF-8.sql"; then
  ok "a backup holds the same records under C and de_DE.UTF-8"
else
  not_ok "a backup holds the same records under C and de_DE.UTF-8" \
    "$(diff "$tmp/backup-C.sql" "$tmp/backup-de_DE.UTF-8.sql" | head -5)"
fi

# Human output follows the locale. good.csv: V001's visit of 2025-01-10; 68.5 kg.
LC_ALL=de_DE.UTF-8 "$cli" --db "${location[C]}" summary --patient V001 > "$tmp/summary-de.txt" 2>&1
LC_ALL=C "$cli" --db "${location[C]}" summary --patient V001 > "$tmp/summary-c.txt" 2>&1
check "the German summary dates the visit 10.01.2025" grep -q '^10\.01\.2025' "$tmp/summary-de.txt"
check "the C summary dates the visit 2025-01-10" grep -q '^2025-01-10' "$tmp/summary-c.txt"
check "the German summary has decimal commas" grep -qE '[0-9],[0-9] ?%' "$tmp/summary-de.txt"
check "the German summary has no decimal points" bash -c "! grep -qE '[0-9]\.[0-9]+ ?(%|N|lbf|cm|kg)' '$tmp/summary-de.txt'"
check "the C summary has decimal points" grep -qE '[0-9]\.[0-9] ?%' "$tmp/summary-c.txt"
LC_ALL=de_DE.UTF-8 "$cli" --db "${location[C]}" patients > "$tmp/patients-de.txt" 2>&1
check "the German patient list dates the birth 02.04.1990" grep -q '02\.04\.1990' "$tmp/patients-de.txt"

# The surgeon's PDF in English under the German locale (--language en): ISO dates and points, as
# the language writes them (VASTUS_TODAY is 2026-12-05).
LC_ALL=de_DE.UTF-8 "$cli" --db "${location[C]}" report --patient V001 --language en -o "$tmp/en.pdf" \
  > /dev/null 2>&1
pdftotext "$tmp/en.pdf" "$tmp/en.txt" 2> /dev/null
check "the English PDF under German is dated 2026-12-05" grep -q '2026-12-05' "$tmp/en.txt"
check "the English PDF under German has no decimal commas" bash -c "! grep -qE '[0-9],[0-9] ?(%|N|cm|weeks)' '$tmp/en.txt'"
check "the English PDF under German has decimal points" grep -qE '[0-9]\.[0-9] %' "$tmp/en.txt"

# Number options: either mark; "1.234" in German asks.
LC_ALL=de_DE.UTF-8 "$cli" --db "${location[C]}" evaluate --patient V001 --as-of 2025-03-01 --max-age 4,5 \
  > "$tmp/max-age.txt" 2>&1
check "--max-age 4,5 is read in German" grep -q 'Results count for 4,5 weeks' "$tmp/max-age.txt"
LC_ALL=de_DE.UTF-8 "$cli" --db "${location[C]}" evaluate --patient V001 --as-of 05.12.2026 \
  > "$tmp/as-of.txt" 2>&1
check "--as-of 05.12.2026 is read in German" grep -q 'As of 05.12.2026' "$tmp/as-of.txt"
LC_ALL=de_DE.UTF-8 "$cli" --db "${location[C]}" criteria edit clinic-rts "$first" --threshold 1.234 \
  > "$tmp/ambiguous.txt" 2>&1
status=$?
check "--threshold 1.234 in German is a usage error" [ "$status" = 2 ]
check "--threshold 1.234 in German names both readings" \
  grep -q -- '--threshold: “1.234” could mean 1,234 or 1234' "$tmp/ambiguous.txt"
LC_ALL=C "$cli" --db "${location[C]}" criteria --json > "$tmp/after.json" 2>&1
check "nothing was saved after the ambiguous threshold" cmp -s "$tmp/after.json" "$tmp/out-C-C/criteria.json"

echo "1..$n"
[ "$failed" = 0 ]
