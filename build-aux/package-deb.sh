#!/usr/bin/env bash
# build-aux/package-deb.sh OUT_DIR: builds vastus_VERSION_ARCH.deb into OUT_DIR.
#
# debhelper with its meson build system, on a temporary copy of the source tree (the files git
# tracks or would track, as they are now) with build-aux/debian/ copied to debian/: the source's
# top level stays as it is. The version is meson's project version, which must be the metainfo's
# newest release; debian/changelog is written from the metainfo's releases. The build's log is
# OUT_DIR/package-build.log. Prints the package's path.
set -euo pipefail

if [ $# -ne 1 ]; then
  echo "usage: $0 OUT_DIR" >&2
  exit 2
fi
top=$(cd "$(dirname "$0")/.." && pwd)
mkdir -p "$1"
out=$(cd "$1" && pwd)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/vastus-package-XXXXXX")
trap 'rm -rf "$tmp"' EXIT
src=$tmp/vastus
mkdir "$src"

if git -C "$top" rev-parse --is-inside-work-tree > /dev/null 2>&1; then
  (cd "$top" && git ls-files -z --cached --others --exclude-standard) |
    (cd "$top" && while IFS= read -r -d '' f; do [ -e "$f" ] && printf '%s\0' "$f"; done) |
    tar -C "$top" --null -T - -cf - | tar -xf - -C "$src"
else
  tar -C "$top" --exclude='./build' --exclude='./build-*' --exclude='./_build' -cf - . |
    tar -xf - -C "$src"
fi
cp -r "$top/build-aux/debian" "$src/debian"

# debian/changelog: one entry per metainfo release, newest first; the newest is the version.
python3 - "$src" > "$src/debian/changelog" <<'PY'
import email.utils, datetime, re, sys, textwrap
import xml.etree.ElementTree as ET
src = sys.argv[1]
version = re.search(r"project\([^)]*?version:\s*'([^']+)'", open(src + '/meson.build').read(), re.S).group(1)
maintainer = re.search(r'^Maintainer: (.+)$', open(src + '/debian/control').read(), re.M).group(1)
root = ET.parse(src + '/data/io.github.vastus.Vastus.metainfo.xml.in').getroot()
releases = root.findall('releases/release')
if not releases or releases[0].get('version') != version:
    sys.exit('package-deb: the metainfo\'s newest release (%s) is not the project version (%s)'
             % (releases[0].get('version') if releases else 'none', version))
for release in releases:
    text = ' '.join(' '.join(''.join(p.itertext()).split()) for p in release.iter('p'))
    date = datetime.datetime.strptime(release.get('date'), '%Y-%m-%d').replace(tzinfo=datetime.timezone.utc)
    print('vastus (%s) unstable; urgency=medium\n' % release.get('version'))
    print(textwrap.fill(text, 78, initial_indent='  * ', subsequent_indent='    '))
    print('\n -- %s  %s\n' % (maintainer, email.utils.format_datetime(date)))
PY

cd "$src"
log=$out/package-build.log
if ! DEB_BUILD_OPTIONS="parallel=$(nproc) noautodbgsym${DEB_BUILD_OPTIONS:+ $DEB_BUILD_OPTIONS}" \
     dpkg-buildpackage -b -us -uc > "$log" 2>&1; then
  tail -n 40 "$log" >&2
  echo "package-deb: the build failed; its log is $log" >&2
  exit 1
fi
deb=$(ls "$tmp"/vastus_*.deb)
rm -f "$out"/vastus_*.deb
mv "$deb" "$out/"
echo "$out/$(basename "$deb")"
