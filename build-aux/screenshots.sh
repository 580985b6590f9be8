#!/usr/bin/env bash
# build-aux/screenshots.sh BUILD_DIR OUT_DIR [LANGUAGE]: PNG screenshots of the main screens,
# under Xvfb.
#
# Each screen is taken at 1280×800 and 360×720, in the light and the dark style, on temporary
# databases (one empty, one with the demo patients); nothing touches the user's data or settings.
# Files are named SCREEN-WIDTHxHEIGHT-STYLE.png, e.g. patients-1280x800-light.png; with a
# LANGUAGE (de, es, fr, en: the build's catalogues and that language's locale) the language
# ends the name, e.g. patients-360x720-dark-de.png.
set -euo pipefail

if [ $# -lt 2 ] || [ $# -gt 3 ]; then
  echo "usage: $0 BUILD_DIR OUT_DIR [LANGUAGE]" >&2
  exit 2
fi
language=${3:-}
suffix=
if [ -n "$language" ]; then
  suffix=-$language
  case "$language" in
    en) export LC_ALL=C.UTF-8 LANGUAGE=en ;;
    *) export LC_ALL=${language}_${language^^}.UTF-8 LANGUAGE=$language ;;
  esac
  locale -a 2> /dev/null | grep -qix "${LC_ALL/UTF-8/utf8}" ||
    { echo "screenshots: the locale $LC_ALL is not installed (build-aux/dev installs it)" >&2; exit 1; }
  export VASTUS_LOCALEDIR=$1/po
fi
build=$(cd "$1" && pwd)
mkdir -p "$2"
out=$(cd "$2" && pwd)
top=$(cd "$(dirname "$0")/.." && pwd)

for tool in xvfb-run import; do
  command -v "$tool" > /dev/null || { echo "screenshots: $tool is missing" >&2; exit 1; }
done

tmp=$(mktemp -d "${TMPDIR:-/tmp}/vastus-screenshots-XXXXXX")
trap 'rm -rf "$tmp"' EXIT

cli=$build/src/vastus-cli
[ -x "$cli" ] || cli=$build/src/cli/vastus-cli
"$cli" --db "$tmp/demo.db" demo > /dev/null

# shot NAME WIDTH HEIGHT STYLE DATABASE [ACTION]: ACTION (e.g. win.add-patient) is activated over
# D-Bus before the screenshot, so the app runs as the unique instance of a private session bus.
shot () {
  local name=$1 width=$2 height=$3 style=$4 db=$5 action=${6:-}
  local home="$tmp/home-$name-$width-$style" scheme=default
  local file="$out/$name-${width}x${height}-$style$suffix.png"

  [ "$style" = dark ] && scheme=prefer-dark
  # Settings in a private key file: the window fills the virtual screen.
  mkdir -p "$home/config/glib-2.0/settings"
  printf "[io/github/vastus/Vastus]\nwindow-width=%d\nwindow-height=%d\nlast-patient='DEMO-001'\n" \
    "$width" "$height" > "$home/config/glib-2.0/settings/keyfile"
  rm -f "$tmp/empty.db"

  XDG_CONFIG_HOME="$home/config" XDG_DATA_HOME="$home/data" XDG_CACHE_HOME="$home/cache" \
  GSETTINGS_BACKEND=keyfile GSETTINGS_SCHEMA_DIR="$build/data" VASTUS_DB="$db" \
  ADW_DEBUG_COLOR_SCHEME=$scheme GSK_RENDERER=cairo GTK_A11Y=none NO_AT_BRIDGE=1 \
  xvfb-run -a -s "-screen 0 ${width}x${height}x24" dbus-run-session -- bash -c '
    "$1" &
    app=$!
    sleep 3
    case "$4" in
      win.*) gdbus call --session --dest io.github.vastus.Vastus \
               --object-path /io/github/vastus/Vastus/window/1 \
               --method org.gtk.Actions.Activate "${4#win.}" "[]" "{}" > /dev/null ;;
      app.*) gdbus call --session --dest io.github.vastus.Vastus \
               --object-path /io/github/vastus/Vastus \
               --method org.gtk.Actions.Activate "${4#app.}" "[]" "{}" > /dev/null ;;
    esac
    sleep 2
    import -window root "$3"
    kill "$app"
    wait "$app" 2> /dev/null || true
  ' shot "$build/src/vastus" "$db" "$file" "$action"
  echo "$file"
}

for style in light dark; do
  for size in 1280x800 360x720; do
    shot empty "${size%x*}" "${size#*x}" "$style" "$tmp/empty.db"
    shot patients "${size%x*}" "${size#*x}" "$style" "$tmp/demo.db"
    shot add-patient "${size%x*}" "${size#*x}" "$style" "$tmp/demo.db" win.add-patient
    shot report "${size%x*}" "${size#*x}" "$style" "$tmp/demo.db" win.export-report
    shot add-episode "${size%x*}" "${size#*x}" "$style" "$tmp/demo.db" win.add-episode
    shot add-visit "${size%x*}" "${size#*x}" "$style" "$tmp/demo.db" win.add-visit
    shot caseload "${size%x*}" "${size#*x}" "$style" "$tmp/demo.db" win.caseload
  done
done
shot about 1280 800 light "$tmp/demo.db" app.about
