#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The Flatpak manifest parses (flatpak-builder --show-manifest) and asks for no more than Vastus needs.

Usage: test-flatpak-manifest.py FLATPAK_BUILDER MANIFEST APP_ID

These machines cannot download Flatpak runtimes, so the manifest is parsed, not built. Prints TAP.
"""

import json
import os
import subprocess
import sys
import tempfile

from tap import check, finish


def main():
    builder, manifest, app_id = sys.argv[1:4]
    with tempfile.TemporaryDirectory() as cwd:   # flatpak-builder leaves .flatpak-builder/ here
        r = subprocess.run([builder, '--show-manifest', os.path.abspath(manifest)], cwd=cwd,
                           capture_output=True, text=True)
    check('flatpak-builder --show-manifest parses it', r.returncode == 0, r.stderr)
    try:
        m = json.loads(r.stdout)
    except ValueError as e:
        m = {}
        check('its output is JSON', False, str(e))

    check('the app ID is %s' % app_id, m.get('id', m.get('app-id')) == app_id, str(m.get('id')))
    check('the command is vastus', m.get('command') == 'vastus', str(m.get('command')))
    check('the runtime is org.gnome.Platform with org.gnome.Sdk',
          m.get('runtime') == 'org.gnome.Platform' and m.get('sdk') == 'org.gnome.Sdk',
          '%s / %s' % (m.get('runtime'), m.get('sdk')))
    # GNOME runtimes are supported for about a year; 50 (March 2026) is the oldest one still
    # supported in December 2026. Raise this floor with the manifest.
    version = str(m.get('runtime-version', ''))
    check('the runtime is a current one (GNOME 50 or later)', version.isdigit() and int(version) >= 50,
          version)

    # Exactly these: IPC for X11's shared memory, Wayland with X11 only where there is no
    # Wayland, GPU rendering, and the network for a clinic server. The database stays in the
    # app's own data folder (~/.var/app/APP_ID/data); imports and exports go through the file
    # chooser portal, which needs no permission. No home folder, no host files.
    expected = ['--device=dri', '--share=ipc', '--share=network', '--socket=fallback-x11',
                '--socket=wayland']
    args = sorted(m.get('finish-args', []))
    check('the permissions are exactly: %s' % ' '.join(expected), args == expected, ' '.join(args))
    check('no file system access', not any(a.startswith('--filesystem') for a in args))

    modules = m.get('modules', [])
    last = modules[-1] if modules else {}
    check('the last module builds Vastus with meson, without its tests',
          last.get('buildsystem') == 'meson' and '-Dtests=false' in last.get('config-opts', []),
          json.dumps(last)[:300])
    sources = last.get('sources', [])
    paths = [os.path.normpath(os.path.join(os.path.dirname(manifest), s.get('path', '')))
             for s in sources if s.get('type') == 'dir']
    check('its source is the source tree',
          len(paths) == 1 and "project('vastus'" in open(os.path.join(paths[0], 'meson.build')).read(),
          str(paths))

    return finish()


if __name__ == '__main__':
    sys.exit(main())
