#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The Debian package (suite 'package'): it builds, lintian finds no errors and no warning
# without an override, and, installed on this machine, it works from its installed files alone:
# an older build is installed first, given a database and a backup, and upgraded; the upgrade and
# the removal (purge) leave the database and its backups as they were. The package is removed
# when the test ends, however it ends.
#
# Installing needs root: as root it runs; as a user with sudo (without a password prompt),
# through sudo; otherwise those checks are skipped with the reason.
#
# Usage: test-package.sh SOURCE_ROOT OUT_DIR APP_ID VERSION      (prints TAP)
set -u

top=$1 out=$2 app_id=$3 version=$4

n=0 failed=0
ok () { n=$((n + 1)); echo "ok $n - $1"; }
not_ok () { n=$((n + 1)); failed=$((failed + 1)); echo "not ok $n - $1"; shift; printf '# %s\n' "$@"; }
skip () { n=$((n + 1)); echo "ok $n - $1 # SKIP $2"; }
# check NAME COMMAND…: ok when COMMAND succeeds; its output is shown when it fails.
check () {
  local name=$1 output; shift
  if output=$("$@" 2>&1); then ok "$name"; else not_ok "$name" "$ $*" "${output:0:3000}"; fi
}
finish () { echo "1..$n"; [ "$failed" = 0 ]; exit $?; }

tmp=$(mktemp -d "${TMPDIR:-/tmp}/vastus-package-test-XXXXXX")
chmod 755 "$tmp"    # apt reads the packages here as its own user
installed=
cleanup () {
  if [ -n "$installed" ]; then
    as_root env DEBIAN_FRONTEND=noninteractive dpkg --purge vastus > /dev/null 2>&1 ||
      echo "# could not remove the vastus package: remove it with “dpkg --purge vastus”" >&2
  fi
  rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 1' INT TERM

# The package builds, with the project's version.
deb=$("$top/build-aux/package-deb.sh" "$out" 2> "$tmp/build.err")
if [ -z "$deb" ] || [ ! -f "$deb" ]; then
  not_ok "the package builds" "$(tail -n 40 "$tmp/build.err")"
  finish
fi
ok "the package builds: $(basename "$deb")"
arch=$(dpkg --print-architecture)
check "it is vastus_${version}_$arch.deb (the project version)" test "$(basename "$deb")" = "vastus_${version}_$arch.deb"
field () { dpkg-deb -f "$deb" "$1"; }
check "its version is $version" test "$(field Version)" = "$version"
# Computed by dh_shlibdeps from the programs' libraries.
depends=$(field Depends)
check "its dependencies are computed (libgtk-4-1, libadwaita-1-0, libsqlite3-0, libjson-glib-1.0-0, libc6)" \
  bash -c 'for lib in libgtk-4-1 libadwaita-1-0 libsqlite3-0 libjson-glib-1.0-0 libc6; do
             [[ "$1" == *"$lib "* || "$1" == *"$lib," || "$1" == *"$lib" ]] || { echo "no $lib in: $1"; exit 1; }
           done' _ "$depends"
check "it recommends yelp (for the user guide)" test "$(field Recommends)" = yelp

dpkg-deb -c "$deb" | awk '{ print $6 }' | sed 's:^\./:/:' > "$tmp/contents"
missing=()
for path in /usr/bin/vastus /usr/bin/vastus-cli \
    "/usr/share/applications/$app_id.desktop" "/usr/share/metainfo/$app_id.metainfo.xml" \
    "/usr/share/icons/hicolor/scalable/apps/$app_id.svg" \
    "/usr/share/icons/hicolor/symbolic/apps/$app_id-symbolic.svg" \
    "/usr/share/glib-2.0/schemas/$app_id.gschema.xml" \
    /usr/share/man/man1/vastus.1.gz /usr/share/man/man1/vastus-cli.1.gz \
    /usr/share/bash-completion/completions/vastus-cli \
    "/usr/share/help/C/$app_id/index.page" /usr/share/doc/vastus/copyright; do
  grep -qxF "$path" "$tmp/contents" || missing+=("$path")
done
for lang in C $(sed 's/#.*//' "$top/help/LINGUAS"); do
  for page in "$top"/help/C/*.page; do
    grep -qxF "/usr/share/help/$lang/$app_id/$(basename "$page")" "$tmp/contents" ||
      missing+=("help ($lang): $(basename "$page")")
  done
done
for lang in $(sed 's/#.*//' "$top/po/LINGUAS"); do
  grep -qxF "/usr/share/locale/$lang/LC_MESSAGES/vastus.mo" "$tmp/contents" || missing+=("translation: $lang")
done
name="it holds the programs, desktop file, metainfo, icons, schema, manual pages, completion, help and translations"
if [ ${#missing[@]} = 0 ]; then ok "$name"; else not_ok "$name" "missing: ${missing[*]}"; fi
if grep -v '^/usr/' "$tmp/contents" | grep -qv '^/$'; then
  not_ok "it installs under /usr only" "$(grep -v '^/usr/' "$tmp/contents" | grep -v '^/$')"
else
  ok "it installs under /usr only"
fi

# lintian: no errors, and no warning without an override (build-aux/debian/vastus.lintian-overrides).
if command -v lintian > /dev/null; then
  lintian --tag-display-limit 0 "$deb" > "$tmp/lintian" 2>&1
  errors=$(grep '^E: ' "$tmp/lintian")
  warnings=$(grep '^W: ' "$tmp/lintian")
  if [ -z "$errors" ]; then ok "lintian finds no errors"; else not_ok "lintian finds no errors" "$errors"; fi
  if [ -z "$warnings" ]; then ok "lintian finds no warnings without an override"
  else not_ok "lintian finds no warnings without an override" "$warnings"; fi
  sed 's/^/# lintian: /' "$tmp/lintian"
else
  not_ok "lintian finds no errors" "lintian is not installed (build-aux/debian-packages.txt)"
fi

# Installed. Everything below runs the installed files with a clean environment and a home of
# its own: the default database is $tmp/home/.local/share/APP_ID/vastus.db.
reason=
if [ "$(id -u)" = 0 ]; then
  as_root () { "$@"; }
elif command -v sudo > /dev/null && sudo -n true 2> /dev/null; then
  as_root () { sudo -n "$@"; }
else
  reason="installing the package needs root: run as root, or as a user with sudo that needs no password"
fi
if [ -z "$reason" ] && dpkg-query -W -f='${Status}' vastus 2> /dev/null | grep -q 'ok installed'; then
  reason="vastus $(dpkg-query -W -f='${Version}' vastus) is installed on this machine; the test does not replace it"
fi
if [ -n "$reason" ]; then
  skip "the package installed, upgraded and removed" "$reason"
  finish
fi

# One installing run at a time on this machine.
lock=/tmp/vastus-package-test.lock
[ -e "$lock" ] || (umask 0; : > "$lock")
exec 9< "$lock"
flock 9

apt_install () {
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
    --allow-downgrades -o DPkg::Lock::Timeout=300 "$1" > "$tmp/apt.log" 2>&1 ||
    { cat "$tmp/apt.log"; return 1; }
}
run () { env -i HOME="$tmp/home" PATH=/usr/bin:/bin LANG=C.UTF-8 "$@"; }
data=$tmp/home/.local/share/$app_id
state () { (cd "$data" && sha256sum vastus.db && ls -l --time-style=+%s backups/); }

# An older build: the same files under an earlier version.
dpkg-deb -R "$deb" "$tmp/older"
sed -i "s/^Version: .*/Version: $version~older/" "$tmp/older/DEBIAN/control"
dpkg-deb --root-owner-group -b "$tmp/older" "$tmp/vastus_older.deb" > /dev/null
installed=yes
check "an older build installs" apt_install "$tmp/vastus_older.deb"
mkdir -p "$tmp/home"
check "its vastus-cli --version works" test "$(run /usr/bin/vastus-cli --version)" = "vastus-cli $version"
check "its demo patients go into the default database" run /usr/bin/vastus-cli demo
check "a backup is taken" run /usr/bin/vastus-cli backup
before=$(state)

check "the upgrade installs" apt_install "$deb"
check "the installed version is $version" test "$(dpkg-query -W -f='${Version}' vastus)" = "$version"
after=$(state)
check "the upgrade keeps the database" test "$(echo "$before" | head -1)" = "$(echo "$after" | head -1)"
check "the upgrade keeps the backups" test "$before" = "$after"

check "vastus-cli --version says $version" test "$(run /usr/bin/vastus-cli --version)" = "vastus-cli $version"
run /usr/bin/vastus-cli evaluate --patient DEMO-001 --json > "$tmp/evaluate.json" 2> "$tmp/evaluate.err"
check "evaluate works on the demo database" python3 -c '
import json, sys
e = json.load(open(sys.argv[1]))
assert e["patient"] == "DEMO-001", e["patient"]
statuses = [c["status"] for c in e["criteria"]]
assert statuses and set(statuses) <= {"met", "not_met", "not_tested"}, statuses
' "$tmp/evaluate.json"
check "report writes the surgeon's PDF" bash -c '
  env -i HOME="$1/home" PATH=/usr/bin:/bin LANG=C.UTF-8 /usr/bin/vastus-cli report --patient DEMO-001 -o "$1/report.pdf" &&
  pdftotext "$1/report.pdf" - | grep -q DEMO-001' _ "$tmp"
check "vastus --version says $version" test "$(run /usr/bin/vastus --version)" = "vastus $version"
check "the installed desktop file is valid" desktop-file-validate "/usr/share/applications/$app_id.desktop"
check "the installed metainfo is valid" appstreamcli validate --no-net "/usr/share/metainfo/$app_id.metainfo.xml"
for page in vastus-cli vastus; do
  check "man $page renders" bash -c 'out=$(env -i PATH=/usr/bin:/bin MANWIDTH=80 MANPAGER=cat man "$1" 2>&1) &&
    grep -q "^NAME" <<< "$out" && grep -q "^EXIT STATUS" <<< "$out" && grep -q "^       $1 - " <<< "$out" ||
    { echo "$out" | head -20; exit 1; }' _ "$page"
done
check "completion offers import for “vastus-cli im”" bash -c '
  . /usr/share/bash-completion/bash_completion
  _completion_loader vastus-cli
  COMP_WORDS=(vastus-cli im) COMP_CWORD=1 COMP_LINE="vastus-cli im" COMP_POINT=13
  $(complete -p vastus-cli | sed -n "s/.*-F \([^ ]*\) .*/\1/p") vastus-cli im vastus-cli
  test "${COMPREPLY[*]}" = import || { echo "offered: ${COMPREPLY[*]}"; exit 1; }'
for lang in C $(sed 's/#.*//' "$top/help/LINGUAS"); do
  check "the installed user guide ($lang) is valid Mallard" yelp-check validate "/usr/share/help/$lang/$app_id"
done

before=$(state)
check "the package is removed (purged)" as_root env DEBIAN_FRONTEND=noninteractive dpkg --purge vastus
check "its programs are gone" test ! -e /usr/bin/vastus-cli -a ! -e /usr/bin/vastus
installed=
after=$(state)
check "removing the package keeps the database" test "$(echo "$before" | head -1)" = "$(echo "$after" | head -1)"
check "removing the package keeps the backups" test "$before" = "$after"
finish
