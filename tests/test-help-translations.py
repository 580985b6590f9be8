#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The user guide's translations (help/LANG/LANG.po for each language of help/LINGUAS) are
complete for today's English pages, keep their markup, merge, and are installed.

Usage: test-help-translations.py HELP_SOURCE_DIR PO_DIR INTRO_INSTALLED_JSON APP_ID PAGE…

Prints TAP. For each language:
- msgfmt --check accepts LANG.po;
- against the template itstool makes from today's help/C pages, LANG.po has no message
  untranslated or fuzzy (msgmerge marks a changed English paragraph fuzzy), so a page changed
  without its translation fails here;
- every translation is well-formed and keeps the message's markup: each element of the English
  (with its attributes, such as a link's xref) is there at least as often, and no element the
  English does not use is added (another <gui> for a second label is allowed);
- itstool merges every translation (it warns and keeps the English where it cannot);
- where the window is in that language too (PO_DIR/LINGUAS), each label the guide names
  (<gui>) is one the window shows: a translation in PO_DIR/LANG.po, without its mnemonic
  underscore (or, like "+", the English label unchanged);
- meson installs every page to DATADIR/help/LANG/APP_ID/ (gnome.yelp reads help/LINGUAS).
"""

import collections
import json
import os
import re
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

TAG = re.compile(r'<([A-Za-z][\w:-]*)((?:\s+[\w:-]+="[^"]*")*)\s*/?>')


def read_linguas(folder):
    langs = []
    with open(os.path.join(folder, 'LINGUAS'), encoding='utf-8') as f:
        for line in f:
            line = line.strip()
            if line and not line.startswith('#'):
                langs += line.split()
    return langs


def unescape(text):
    return re.sub(r'\\(.)', lambda m: {'n': '\n', 't': '\t'}.get(m.group(1), m.group(1)), text)


def po_messages(path):
    """(msgid, msgstr, flags) of each message of @path but the header, read through msgcat."""
    text = subprocess.run(['msgcat', '--no-wrap', '--no-location', path],
                          check=True, capture_output=True, text=True).stdout
    messages = []
    for block in text.split('\n\n'):
        fields = {}
        flags = ''
        for line in block.splitlines():
            if line.startswith('#,'):
                flags += line[2:]
            m = re.match(r'(msgctxt|msgid|msgstr) "(.*)"$', line)
            if m:
                fields[m.group(1)] = unescape(m.group(2))
        if fields.get('msgid'):
            messages.append((fields['msgid'], fields.get('msgstr', ''), flags))
    return messages


def elements(text):
    return collections.Counter((m.group(1), ' '.join(sorted(m.group(2).split())))
                               for m in TAG.finditer(text))


def gui_labels(text):
    return [re.sub(r'\s+', ' ', label) for label in re.findall(r'<gui>(.*?)</gui>', text, re.S)]


def unknown_labels(help_messages, window_po):
    """The <gui> labels of the guide's translations that no translation of @window_po shows."""
    shown = {msgstr.replace('_', '') for _, msgstr, _ in po_messages(window_po) if msgstr}
    unknown = []
    for msgid, msgstr, _ in help_messages:
        for label in gui_labels(msgstr):
            if label not in shown and label not in gui_labels(msgid) and label not in unknown:
                unknown.append(label)
    return unknown


def markup_problem(msgid, msgstr):
    try:
        ET.fromstring('<m>' + msgstr + '</m>')
    except ET.ParseError as e:
        return 'not well-formed (%s)' % e
    english, translated = elements(msgid), elements(msgstr)
    missing = english - translated
    if missing:
        return 'lacks ' + ', '.join('<%s %s>' % e if e[1] else '<%s>' % e[0] for e in missing)
    added = {name for name, _ in translated} - {name for name, _ in english}
    if added:
        return 'adds ' + ', '.join('<%s>' % n for n in sorted(added))
    return None


class Tap:
    def __init__(self):
        self.n = 0
        self.failed = 0

    def check(self, name, problems):
        self.n += 1
        if problems:
            self.failed += 1
            print('not ok %d - %s' % (self.n, name))
            for p in problems:
                print('# ' + p)
        else:
            print('ok %d - %s' % (self.n, name))


def short(text):
    return text if len(text) <= 70 else text[:67] + '…'


def main(argv):
    help_dir, po_dir, installed_json, app_id = argv[1:5]
    pages = argv[5:]
    langs = read_linguas(help_dir)
    window_langs = read_linguas(po_dir)
    tap = Tap()
    with open(installed_json, encoding='utf-8') as f:
        installed = set(json.load(f).values())
    datadir = None
    for path in installed:
        m = re.match(r'(.*)/help/C/' + re.escape(app_id) + '/index.page$', path)
        if m:
            datadir = m.group(1)
    tap.check('the English pages are installed to DATADIR/help/C/' + app_id,
              [] if datadir else ['no help/C/%s/index.page among the installed files' % app_id])

    with tempfile.TemporaryDirectory() as tmp:
        pot = os.path.join(tmp, 'help.pot')
        subprocess.run(['itstool', '-o', pot] + pages, check=True)
        for lang in langs:
            po = os.path.join(help_dir, lang, lang + '.po')
            check = subprocess.run(['msgfmt', '--check', '-o', os.devnull, po],
                                   capture_output=True, text=True)
            tap.check('%s: msgfmt --check accepts %s' % (lang, os.path.relpath(po, help_dir)),
                      check.stderr.splitlines() if check.returncode else [])
            if check.returncode:
                continue

            merged = os.path.join(tmp, lang + '-merged.po')
            subprocess.run(['msgmerge', '--quiet', '-o', merged, po, pot], check=True)
            problems = []
            for msgid, msgstr, flags in po_messages(merged):
                if 'fuzzy' in flags:
                    problems.append('fuzzy (the English changed): ' + short(msgid))
                elif not msgstr:
                    problems.append('untranslated: ' + short(msgid))
            tap.check('%s: every message of today\'s pages is translated, none fuzzy' % lang,
                      problems)

            problems = []
            for msgid, msgstr, flags in po_messages(po):
                problem = markup_problem(msgid, msgstr) if msgstr else None
                if problem:
                    problems.append('%s: %s' % (short(msgid), problem))
            tap.check('%s: every translation keeps the markup of its message' % lang, problems)

            if lang in window_langs:
                window_po = os.path.join(po_dir, lang + '.po')
                tap.check('%s: every label the guide names is one the window shows (%s)'
                          % (lang, os.path.relpath(window_po, os.path.dirname(po_dir))),
                          ['not in the window: ' + label
                           for label in unknown_labels(po_messages(po), window_po)])
            else:
                tap.check('%s: the window is not in %s (po/LINGUAS): no labels to match'
                          % (lang, lang), [])

            mo = os.path.join(tmp, lang + '.mo')
            out = os.path.join(tmp, lang) + os.sep
            os.mkdir(out)
            subprocess.run(['msgfmt', '-o', mo, po], check=True)
            merge = subprocess.run(['itstool', '-m', mo, '--lang', lang, '-o', out] + pages,
                                   capture_output=True, text=True)
            tap.check('%s: itstool merges every translation' % lang,
                      (merge.stdout + merge.stderr).splitlines() if merge.returncode or
                      merge.stdout or merge.stderr else [])

            wanted = ['%s/help/%s/%s/%s' % (datadir, lang, app_id, os.path.basename(p))
                      for p in pages]
            missing = [path for path in wanted if path not in installed]
            tap.check('%s: every page is installed to DATADIR/help/%s/%s' % (lang, lang, app_id),
                      ['not installed: ' + m for m in missing])
    print('1..%d' % tap.n)
    return 1 if tap.failed else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
