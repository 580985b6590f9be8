#!/usr/bin/env bash
# build-aux/screenshots.sh BUILD_DIR OUT_DIR [LANGUAGE]: PNG screenshots of the main screens,
# under Xvfb.
#
# Each screen is taken at 1280×800 and 360×720, in the light and the dark style, on temporary
# databases (one empty, one with the demo patients); nothing touches the user's data or settings.
# Files are named SCREEN-WIDTHxHEIGHT-STYLE.png, e.g. patients-1280x800-light.png; with a
# LANGUAGE (de, es, fr, en: the build's catalogues and that language's locale) the language
# ends the name, e.g. patients-360x720-dark-de.png.
#
# SCREENS (e.g. SCREENS="preferences backups") takes only the screens it names.
#
# No fixed delays: a shot waits for the application on the bus, for the patient's visits to be
# read (with the demo patients), for its action to be enabled and the window it opens to be shown,
# and for the screen to be drawn and to stop changing; what never comes fails the script, naming
# the shot.
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

for tool in xvfb-run import compare identify xdotool; do
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

  case " ${SCREENS:-$name} " in *" $name "*) ;; *) return 0 ;; esac

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
    set -u
    app=$1 file=$3 action=$4 name=$5
    bus=io.github.vastus.Vastus
    fail () { echo "screenshots: $name: $*" >&2; kill "$pid" 2> /dev/null; exit 1; }
    # until SECONDS COMMAND…: runs COMMAND until it succeeds; FALSE after SECONDS.
    until_ok () {
      local end=$((SECONDS + $1)); shift
      until "$@" > /dev/null 2>&1; do
        [ "$SECONDS" -lt "$end" ] || return 1
        sleep 0.2
      done
    }
    owned () {
      gdbus call --session --dest org.freedesktop.DBus --object-path /org/freedesktop/DBus \
        --method org.freedesktop.DBus.NameHasOwner "$bus" | grep -q true
    }
    # The top-level windows shown now (the application window, and one per dialog it opens).
    shown () { xdotool search --onlyvisible --maxdepth 1 --name "" 2> /dev/null | sort; }
    # Whether the action is there and enabled: win.add-visit is enabled once the patient'"'"'s
    # visits are read, and activating a disabled action does nothing.
    enabled () {
      gdbus call --session --dest "$bus" --object-path "$1" --method org.gtk.Actions.Describe "$2" |
        grep -q "^((true,"
    }
    opened () { [ -n "$(comm -13 <(printf "%s\n" "$before") <(shown))" ]; }
    # The screen is drawn when two captures half a second apart are the same, and more than a
    # plain surface: a window shown but not yet drawn stays black, in as many captures as it
    # takes the application to draw it (text brings tens of colours at the least).
    settled () {
      import -window root "$file.a.png" && sleep 0.5 && import -window root "$file.b.png" &&
        [ "$(compare -metric AE "$file.a.png" "$file.b.png" null: 2>&1)" = 0 ] &&
        [ "$(identify -format %k "$file.b.png")" -gt 16 ]
    }

    "$app" &
    pid=$!
    until_ok 60 owned || fail "the application did not start"
    until_ok 60 test -n "$(shown)" || fail "no window was shown"
    # With the demo patients: once the patient shown (the last one) and their visits are read.
    if [ "$2" != empty ]; then
      until_ok 60 enabled /io/github/vastus/Vastus/window/1 add-visit ||
        fail "the patient'"'"'s visits were never read"
    fi
    case "$action" in
      win.*|app.*)
        path=/io/github/vastus/Vastus
        [ "${action%%.*}" = win ] && path=$path/window/1
        until_ok 60 enabled "$path" "${action#*.}" || fail "$action was never enabled"
        before=$(shown)
        gdbus call --session --dest "$bus" --object-path "$path" \
          --method org.gtk.Actions.Activate "${action#*.}" "[]" "{}" > /dev/null
        # The screenshot is of the window the action opens: wait until it is shown.
        until_ok 60 opened || fail "$action opened no window"
        ;;
    esac
    # The pointer in a corner, on no widget: a tooltip where it rests covers the screen.
    xdotool mousemove 0 "$(($(xdotool getdisplaygeometry | cut -d " " -f 2) - 1))"
    until_ok 30 settled || echo "screenshots: $name: still changing after 30 s; taken as it is" >&2
    rm -f "$file.a.png" "$file.b.png"
    import -window root "$file"
    kill "$pid"
    wait "$pid" 2> /dev/null || true
  ' shot "$build/src/vastus" "$(basename "$db" .db)" "$file" "$action" "$(basename "$file")"
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
    shot preferences "${size%x*}" "${size#*x}" "$style" "$tmp/demo.db" win.preferences
    shot criteria-sets "${size%x*}" "${size#*x}" "$style" "$tmp/demo.db" win.criteria-sets
    shot backups "${size%x*}" "${size#*x}" "$style" "$tmp/demo.db" win.backups
    shot import "${size%x*}" "${size#*x}" "$style" "$tmp/demo.db" win.import-device
    shot check-names "${size%x*}" "${size#*x}" "$style" "$tmp/demo.db" win.check-names
    shot export-data "${size%x*}" "${size#*x}" "$style" "$tmp/demo.db" win.export-data
    shot export-fhir "${size%x*}" "${size#*x}" "$style" "$tmp/demo.db" win.export-fhir
    shot shortcuts "${size%x*}" "${size#*x}" "$style" "$tmp/demo.db" win.show-help-overlay
  done
done
shot about 1280 800 light "$tmp/demo.db" app.about
