#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The bash completion for vastus-cli, with bash-completion's own helpers, against a vastus-cli.
#
# Usage: test-completion.sh COMPLETION_SCRIPT VASTUS_CLI     (prints TAP)
# With COMPLETION_SCRIPT "installed", bash-completion loads it from where it looks by itself.
set -u

script=$1
cli=$2

n=0 failed=0
ok () { n=$((n + 1)); echo "ok $n - $1"; }
not_ok () { n=$((n + 1)); failed=$((failed + 1)); echo "not ok $n - $1"; shift; printf '# %s\n' "$@"; }

if [ ! -f /usr/share/bash-completion/bash_completion ]; then
  echo "1..0 # SKIP bash-completion is not installed"
  exit 0
fi
# shellcheck disable=SC1091
. /usr/share/bash-completion/bash_completion

tmp=$(mktemp -d "${TMPDIR:-/tmp}/vastus-completion-XXXXXX")
trap 'rm -rf "$tmp"' EXIT
# The completion runs "vastus-cli" (the command being completed): the one under test.
mkdir "$tmp/bin"
ln -s "$(cd "$(dirname "$cli")" && pwd)/$(basename "$cli")" "$tmp/bin/vastus-cli"
PATH="$tmp/bin:$PATH"
export HOME="$tmp/home" XDG_DATA_HOME="$tmp/home/data"
unset VASTUS_DB

if [ "$script" = installed ]; then
  _completion_loader vastus-cli
else
  # shellcheck disable=SC1090
  . "$script"
fi
func=$(complete -p vastus-cli 2> /dev/null | sed -n 's/.*-F \([^ ]*\) .*/\1/p')
if [ -z "$func" ]; then
  echo "1..1"
  not_ok "a completion function is registered for vastus-cli" "complete -p vastus-cli: nothing"
  exit 1
fi

# complete LINE: the sorted candidates for the end of LINE (a trailing space starts a new word).
complete_line () {
  local line=$1
  COMP_LINE=$line
  COMP_POINT=${#line}
  read -r -a COMP_WORDS <<< "$line"
  [[ $line == *' ' ]] && COMP_WORDS+=('')
  COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
  COMPREPLY=()
  "$func" vastus-cli "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD - 1]}"
  printf '%s\n' "${COMPREPLY[@]}" | sed 's:/$::' | sort | tr '\n' ' ' | sed 's/ $//'
}

# expect LINE EXPECTED: the candidates, sorted, space-separated.
expect () {
  local got
  got=$(complete_line "$1")
  if [ "$got" = "$2" ]; then ok "“$1” completes to: $2"
  else not_ok "“$1” completes to: $2" "got: $got"
  fi
}

# The 21 commands of vastus-cli --help, sorted by hand.
expect "vastus-cli im" "import"
expect "vastus-cli " "backup chart check copy criteria demo episodes evaluate export fhir import measures patients profiles questionnaires report restore rules score server summary watch"
# … and exactly those --help lists (the lines of its "Commands:" indented by two spaces), so that a
# new command cannot be left out of the completion.
listed=$("$cli" --help 2> /dev/null | sed -n '/^Commands:/,/^Options:/ s/^  \([a-z][a-z-]*\).*/\1/p' | sort | tr '\n' ' ' | sed 's/ $//')
expect "vastus-cli " "$listed"
expect "vastus-cli fhir " "export import"
expect "vastus-cli server " "add-user grant init"
expect "vastus-cli server gr" "grant"
# A login is typed, not offered.
expect "vastus-cli server grant " ""
expect "vastus-cli server add-user anna --na" "--name"
expect "vastus-cli watch --" "--help --json"
expect "vastus-cli rules --" "--help --json"
expect "vastus-cli rules " "set"
expect "vastus-cli rules set st" "stale-weeks"
expect "vastus-cli rules set stale-weeks 6 p" "pain-flag-level"
expect "vastus-cli copy --" "--from --help --to"
expect "vastus-cli fhir --de" "--deidentify"
expect "vastus-cli --" "--db --help --version"
expect "vastus-cli --db x.db ev" "evaluate"
expect "vastus-cli report --pa" "--paper --patient"
expect "vastus-cli evaluate --ma" "--max-age"
expect "vastus-cli chart --kind " "criteria girth progress prom symmetry"
expect "vastus-cli report --paper " "a4 letter"
# The catalog's five quadriceps measures (src/model/vastus-catalog.c).
expect "vastus-cli chart --measure quad" \
  "quadriceps_hhd quadriceps_isokinetic_180 quadriceps_isokinetic_300 quadriceps_isokinetic_60 quadriceps_mvic"
expect "vastus-cli chart --measure=single" "single_hop single_leg_squat_valgus"

# Set ids: the built-in sets without a database, and completing creates none.
expect "vastus-cli evaluate --set aclr-r" "aclr-return-to-running aclr-return-to-sport"
expect "vastus-cli criteria versions tk" "tka-milestones"
expect "vastus-cli criteria " "add copy edit remove versions"
expect "vastus-cli criteria add clinic --metric p" "percent_height"
expect "vastus-cli criteria remove tk" "tka-milestones"
expect "vastus-cli report --name-order " "family-given given-family"
if [ -e "$XDG_DATA_HOME/io.github.vastus.Vastus" ]; then
  not_ok "completing set ids creates no database" "$(ls -R "$XDG_DATA_HOME")"
else
  ok "completing set ids creates no database"
fi
# A clinic's own copy, from the database named with --db, else $VASTUS_DB.
"$cli" --db "$tmp/clinic.db" criteria copy tka-milestones clinic-tka > /dev/null 2>&1
expect "vastus-cli --db $tmp/clinic.db report --set clinic" "clinic-tka"
VASTUS_DB=$tmp/clinic.db expect "vastus-cli chart --set tka" "tka-milestones"
VASTUS_DB=$tmp/clinic.db expect "vastus-cli chart --set c" "clinic-tka"

# Episode ids of the patient named, newest first as "episodes" lists them: 2 (2026), 1 (2025).
printf '%s\n' 'mrn,name,birth_date,sex,condition,involved_side,surgery_date,visit_date,measure,side,value,unit' \
  'E-1,A B,1990-01-01,female,aclr,right,2025-03-03,2025-09-01,quadriceps_mvic,left,200,Nm' \
  'E-1,A B,1990-01-01,female,aclr,left,2026-03-02,2026-06-29,quadriceps_mvic,left,150,Nm' > "$tmp/two.csv"
"$cli" --db "$tmp/clinic.db" import "$tmp/two.csv" > /dev/null 2>&1
expect "vastus-cli --db $tmp/clinic.db summary --patient E-1 --episode " "1 2"
expect "vastus-cli --db $tmp/clinic.db summary --episode " ""

# Files where files go.
mkdir "$tmp/files" "$tmp/files/folder"
touch "$tmp/files/visits.csv" "$tmp/files/notes.txt" "$tmp/files/old.pdf" "$tmp/files/backup.db"
cd "$tmp/files" || exit 1
expect "vastus-cli import " "folder visits.csv"
expect "vastus-cli report --patient X -o " "folder old.pdf"
expect "vastus-cli restore " "backup.db folder"
touch "$tmp/files/bundle.json"
expect "vastus-cli fhir import " "bundle.json folder"
expect "vastus-cli fhir export --patient X -o " "bundle.json folder"
expect "vastus-cli report --narrative-file " "backup.db bundle.json folder notes.txt old.pdf visits.csv"
cd - > /dev/null || exit 1

# Each command offers exactly the options its --help lists.
for command in $(complete_line "vastus-cli "); do
  listed=$("$cli" "$command" --help 2> /dev/null | grep -o -- '--[a-z][a-z-]*' | grep -v -- '--help-' | sort -u | tr '\n' ' ' | sed 's/ $//')
  offered=$(complete_line "vastus-cli $command --")
  if [ "$listed" = "$offered" ]; then ok "“vastus-cli $command --” offers what its --help lists"
  else not_ok "“vastus-cli $command --” offers what its --help lists" "--help: $listed" "offered: $offered"
  fi
done

echo "1..$n"
[ "$failed" = 0 ]
