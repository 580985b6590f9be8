#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The application ID is the same everywhere, and the metainfo's newest release is the project version.

Usage: test-app-id.py SOURCE_ROOT BUILD_ROOT APP_ID VERSION

Prints TAP.
"""

import configparser
import os
import re
import sys
import xml.etree.ElementTree as ET


def version_key(v):
    return [int(x) if x.isdigit() else x for x in re.split(r'[.\-~]', v)]


def main():
    src, build, app_id, version = sys.argv[1:5]
    path = '/' + app_id.replace('.', '/')
    results = []

    def check(name, ok, detail=''):
        results.append((name, ok, detail))

    # g_application_id_is_valid() rules, plus no hyphens (Flatpak, D-Bus activation).
    elements = app_id.split('.')
    check('the app ID is a valid application ID',
          len(app_id) <= 255 and len(elements) >= 2 and
          all(re.fullmatch(r'[A-Za-z_][A-Za-z0-9_]*', e) for e in elements),
          app_id)

    desktop_in = os.path.join(src, 'data', app_id + '.desktop.in')
    check('data/APP_ID.desktop.in exists', os.path.isfile(desktop_in), desktop_in)
    if os.path.isfile(desktop_in):
        entry = configparser.RawConfigParser(strict=False, interpolation=None)
        entry.optionxform = str
        entry.read(desktop_in, encoding='utf-8')
        icon = entry.get('Desktop Entry', 'Icon', fallback=None)
        check('the desktop entry’s Icon is the app ID', icon == app_id, 'Icon=%s' % icon)

    metainfo_in = os.path.join(src, 'data', app_id + '.metainfo.xml.in')
    check('data/APP_ID.metainfo.xml.in exists', os.path.isfile(metainfo_in), metainfo_in)
    if os.path.isfile(metainfo_in):
        root = ET.parse(metainfo_in).getroot()
        check('the metainfo <id> is the app ID', root.findtext('id') == app_id,
              '<id>%s</id>' % root.findtext('id'))
        launchable = root.findtext("launchable[@type='desktop-id']")
        check('the metainfo launchable is APP_ID.desktop', launchable == app_id + '.desktop',
              str(launchable))
        releases = [r.get('version') for r in root.iter('release')]
        newest = max(releases, key=version_key) if releases else None
        check('the newest metainfo release is the project version', newest == version,
              'newest release %s, project version %s' % (newest, version))
        check('the first listed release is the newest', bool(releases) and releases[0] == newest,
              ', '.join(map(str, releases)))

    schema = os.path.join(src, 'data', app_id + '.gschema.xml')
    check('data/APP_ID.gschema.xml exists', os.path.isfile(schema), schema)
    if os.path.isfile(schema):
        schemas = ET.parse(schema).getroot().findall('schema')
        check('the schema id is the app ID', [s.get('id') for s in schemas] == [app_id],
              str([s.get('id') for s in schemas]))
        check('the schema path is /APP/ID/', [s.get('path') for s in schemas] == [path + '/'],
              str([s.get('path') for s in schemas]))

    for sub, suffix in (('scalable', ''), ('symbolic', '-symbolic')):
        icon = os.path.join(src, 'data', 'icons', 'hicolor', sub, 'apps', app_id + suffix + '.svg')
        check('the %s icon is named after the app ID' % sub, os.path.isfile(icon), icon)

    config = open(os.path.join(build, 'config.h'), encoding='utf-8').read()
    m = re.search(r'#define\s+APP_ID\s+"([^"]*)"', config)
    check('config.h APP_ID is the app ID', m is not None and m.group(1) == app_id,
          m.group(1) if m else 'no APP_ID')
    m = re.search(r'#define\s+RESOURCE_PREFIX\s+"([^"]*)"', config)
    check('config.h RESOURCE_PREFIX is /APP/ID', m is not None and m.group(1) == path,
          m.group(1) if m else 'no RESOURCE_PREFIX')

    gresources = []
    for top, dirs, files in os.walk(os.path.join(src, 'src')):
        gresources += [os.path.join(top, f) for f in files if f.endswith('.gresource.xml')]
    ui = os.path.join(src, 'src', 'ui', 'vastus-ui.gresource.xml')
    check('src/ui/vastus-ui.gresource.xml exists', ui in gresources, ui)
    for g in sorted(gresources):
        prefixes = [r.get('prefix') for r in ET.parse(g).getroot().iter('gresource')]
        check('%s uses the app’s resource path' % os.path.relpath(g, src),
              bool(prefixes) and all(p is not None and (p == path or p.startswith(path + '/'))
                                     for p in prefixes),
              ', '.join(map(str, prefixes)))

    print('1..%d' % len(results))
    for n, (name, ok, detail) in enumerate(results, 1):
        print('%s %d - %s' % ('ok' if ok else 'not ok', n, name))
        if not ok:
            print('# ' + detail)
    return 0 if all(ok for _, ok, _ in results) else 1


if __name__ == '__main__':
    sys.exit(main())
