#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The manual pages say what --help says, and render without warnings.

Usage: test-manpages.py MAN_DIR VASTUS_CLI VASTUS

Every command that `vastus-cli --help` lists has a section of its own in vastus-cli(1), and every
option that `vastus-cli --help` or `vastus-cli COMMAND --help` lists appears in it (a command's
options in that command's section); every option of `vastus --help-all` appears in vastus(1).
Both pages name the environment, the files, the exit status and examples. Prints TAP.
"""

import os
import re
import shutil
import subprocess
import sys

from tap import check, finish


def run(argv):
    env = dict(os.environ, LC_ALL='C.UTF-8')
    env.pop('DISPLAY', None)
    env.pop('WAYLAND_DISPLAY', None)
    return subprocess.run(argv, capture_output=True, text=True, env=env).stdout


def page_text(path):
    """The page's source with roff escapes for dashes and fonts taken out."""
    text = open(path, encoding='utf-8').read()
    text = text.replace('\\-', '-').replace('\\&', '').replace('\\e', '\\')
    return re.sub(r'\\f[BIRP]', '', text)


def sections(text, macro):
    """{title: body} for each `.SH`/`.SS` heading."""
    out = {}
    parts = re.split(r'^\.%s +(.*)$' % macro, text, flags=re.M)
    for title, body in zip(parts[1::2], parts[2::2]):
        out[title.strip('"')] = body
    return out


def options(help_text):
    return sorted(set(re.findall(r'(?<![\w-])(--[a-z][a-z-]*|-[a-z])(?![\w-])', help_text)))


def main():
    man_dir, cli, app = sys.argv[1:4]
    pages = {name: os.path.join(man_dir, name + '.1') for name in ('vastus', 'vastus-cli')}

    # vastus-cli(1)
    text = page_text(pages['vastus-cli'])
    top = sections(text, 'SH')
    help_text = run([cli, '--help'])
    commands = re.findall(r'^  ([a-z]+)\b', help_text, flags=re.M)
    check('vastus-cli --help lists commands', len(commands) >= 10, help_text)
    subsections = sections(top.get('COMMANDS', ''), 'SS')
    for command in commands:
        # The command's section: its subsections (criteria has four), up to another command's.
        body = ''.join(t + '\n' + b for t, b in subsections.items() if t.split()[0] == command)
        check('vastus-cli(1) has a section for “%s”' % command, body != '',
              'COMMANDS subsections: %s' % ', '.join(subsections))
        for option in options(run([cli, command, '--help'])):
            if option == '-h' or option.startswith('--help'):
                continue
            check('vastus-cli(1) documents “%s %s”' % (command, option),
                  re.search(r'(?<![\w-])%s(?![\w-])' % re.escape(option), body) is not None)
    global_options = options(help_text.split('Options:')[-1])
    check('vastus-cli --help lists global options', '--db' in global_options, help_text)
    for option in global_options:
        check('vastus-cli(1) documents “%s” under OPTIONS' % option,
              option in top.get('OPTIONS', ''))
    for status in re.findall(r'(\d) \w+', help_text.split('Exit status:')[-1]):
        check('vastus-cli(1) documents exit status %s' % status,
              re.search(r'^\.B %s$' % status, top.get('EXIT STATUS', ''), flags=re.M) is not None)

    # vastus(1)
    app_text = page_text(pages['vastus'])
    app_top = sections(app_text, 'SH')
    app_help = run([app, '--help-all'])
    app_options = options(app_help)
    check('vastus --help-all lists options', '--db' in app_options and '--version' in app_options,
          app_help)
    for option in app_options:
        check('vastus(1) documents “%s” under OPTIONS' % option, option in app_top.get('OPTIONS', ''))

    for name, page in (('vastus', app_top), ('vastus-cli', top)):
        for section in ('NAME', 'SYNOPSIS', 'DESCRIPTION', 'OPTIONS', 'ENVIRONMENT', 'FILES',
                        'EXIT STATUS', 'EXAMPLES', 'SEE ALSO'):
            check('%s(1) has %s' % (name, section), page.get(section, '').strip() != '')
        check('%s(1) names VASTUS_DB under ENVIRONMENT' % name, 'VASTUS_DB' in page.get('ENVIRONMENT', ''))
        check('%s(1) names the database and its backups under FILES' % name,
              'vastus.db' in page.get('FILES', '') and 'backups/' in page.get('FILES', ''))

    # Rendering: groff's warnings (-ww) are errors here.
    groff = shutil.which('groff')
    for name, path in pages.items():
        if groff is None:
            check('%s(1) renders without warnings # SKIP groff is not installed' % name, True)
            continue
        r = subprocess.run([groff, '-man', '-Tutf8', '-ww', '-z', path], capture_output=True, text=True)
        check('%s(1) renders without warnings' % name, r.returncode == 0 and r.stderr == '', r.stderr)

    return finish()


if __name__ == '__main__':
    sys.exit(main())
