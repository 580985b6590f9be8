#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Vastus in the clinic's language: the catalogues, and the command line in German.

Usage: test-translations.py SOURCE_ROOT BUILD_ROOT

Prints TAP. Every language of po/LINGUAS is complete against the template made from today's
sources (a message added without its translations fails here), msgfmt --check passes, and the
languages the project promises are there, and every message a translator cannot read alone (any
printf placeholder, three characters or fewer, an abbreviation in capitals, a short label of one or
two words) has a "Translators:" comment where xgettext takes it; an offender is named with every
file and line it comes from. Then vastus-cli runs from the build tree under
de_DE.UTF-8 with the build's catalogues (as build-aux/dev run does): its help, a summary, a storage
error, a clinic's copy of a built-in set, and the surgeon's PDF in German and, on request, in
English. Expected German text is read from the German catalogue itself (Python's gettext), and
checked to differ from the English, so a message that is not looked up fails.
"""

import gettext
import json
import os
import re
import subprocess
import sys
import tempfile

PROMISED = ['de', 'es', 'fr']

# The template as meson's i18n module makes it (preset 'glib'), from po/POTFILES.
XGETTEXT_ARGS = [
    '--from-code=UTF-8', '--add-comments', '--keyword=_', '--keyword=N_', '--keyword=C_:1c,2',
    '--keyword=NC_:1c,2', '--keyword=g_dcgettext:2', '--keyword=g_dngettext:2,3',
    '--keyword=g_dpgettext2:2c,3', '--flag=N_:1:pass-c-format', '--flag=C_:2:pass-c-format',
    '--flag=NC_:2:pass-c-format', '--flag=g_dngettext:2:pass-c-format',
    '--flag=g_strdup_printf:1:c-format', '--flag=g_string_printf:2:c-format',
    '--flag=g_string_append_printf:2:c-format', '--flag=g_error_new:3:c-format',
    '--flag=g_set_error:4:c-format', '--flag=g_print:1:c-format',
    '--flag=g_printerr:1:c-format',
]

results = []


def check(name, problems):
    results.append((name, problems))


def run(argv, env=None, stdin=None):
    return subprocess.run(argv, env=env, input=stdin, capture_output=True, text=True)


def languages(root):
    with open(os.path.join(root, 'po', 'LINGUAS'), encoding='utf-8') as f:
        return [w for line in f for w in line.split('#')[0].split()]


def entries(path):
    """The fields of each entry of the catalogue or template @path: {'msgid': …, 'msgstr[0]': …},
    each field's lines joined, its escapes as written."""
    with open(path, encoding='utf-8') as f:
        text = f.read()
    result = []
    for entry in text.split('\n\n'):
        fields, key = {}, None
        for line in entry.splitlines():
            m = re.match(r'^(msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?) "(.*)"$', line)
            if m:
                key = m.group(1)
                fields[key] = m.group(2)
            elif line.startswith('"') and key is not None:
                fields[key] += line[1:-1]
        result.append(fields)
    return result


def template_messages(pot):
    """(msgid, msgid_plural or None) of each message of the template @pot."""
    return [(fields['msgid'], fields.get('msgid_plural'))
            for fields in entries(pot) if fields.get('msgid')]


# A count printed before a countable noun in the plural ("%u items", "%2$d visits"): such a message
# needs its plural forms (ngettext), whatever English does with 1. A range ("3 to %d digits") is
# left out.
COUNT = re.compile(r'(?<!to )%(?:\d+\$)?[-+ 0#]*\d*l*[ud] (?:more )?(?:items?|visits|patients|measurements|'
                   r'trials|scales|answers|years|characters|episodes|rows|entries|files|sets|criteria|'
                   r'backups|questionnaires|fields|days|weeks|months|errors|names|values|lines|responses)\b')


def template_checks(pot):
    messages = template_messages(pot)
    check('every count before a noun has plural forms',
          ['no plural: ' + i for i, plural in messages if plural is None and COUNT.search(i)])
    # A message glued on to another (" (built-in)" after a name) cannot be ordered or
    # inflected by a translator: the whole phrase is one message with a placeholder.
    check('no message is a fragment glued on to another',
          ['glued: ' + i for i, _ in messages
           if re.match(r'^\s+\S', i) and not re.match(r'^\s+%', i)
           or re.match(r'^(differs|is|are) ', i)])


# A printf conversion of a message ("%s", "%2$d", "%.1f"; a "%" before a space is a per cent sign).
PLACEHOLDER = re.compile(r"%(?:\d+\$)?[-+0#']*(?:\d+|\*)?(?:\.\d+)?(?:hh|h|ll|l|L|z|j|t)?[diouxXeEfgGcsp]")


def needs_comment(msgid):
    """Why a translator cannot translate @msgid without being told what it is, or None: a printf
    placeholder (what it stands for: "%s is the measure's code"), two or more (which is which),
    three characters or fewer ("R", "cm", "A4"), an abbreviation in capitals ("TUG", "LSI (%)", a
    metavariable such as "PX"), or a short label of one or two words with no placeholder ("Value",
    "Last visit", "Frame": a noun or a verb, a column, a button, an answer option?)."""
    text = msgid.replace('%%', '')
    placeholders = len(PLACEHOLDER.findall(text))
    if placeholders >= 2:
        return 'placeholders'
    if placeholders == 1:
        return 'placeholder'
    if len(msgid) <= 3:
        return 'short'
    letters = re.sub(r'[^A-Za-z]', '', text)
    if len(letters) >= 2 and letters.isupper():
        return 'capitals'
    if len(msgid.split()) <= 2:
        return 'short label'
    return None


def commented_messages(pot):
    """(msgid, where, whether a translator comment goes with it) of each message of @pot; where
    is every FILE:LINE the message comes from, so that an offender names each of its files."""
    with open(pot, encoding='utf-8') as f:
        text = f.read()
    messages = []
    for entry in text.split('\n\n'):
        msgid, key, where, comment = None, None, [], False
        for line in entry.splitlines():
            if line.startswith('#. Translators:'):
                comment = True
            elif line.startswith('#:'):
                where += line[2:].split()
            m = re.match(r'^(msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?) "(.*)"$', line)
            if m:
                key = m.group(1)
                if key == 'msgid':
                    msgid = m.group(2)
            elif line.startswith('"') and key == 'msgid':
                msgid += line[1:-1]
        if msgid:
            messages.append((msgid, ', '.join(where) if where else '?', comment))
    return messages


# Messages and why each needs a comment, worked out by hand from the rule above.
NEEDS_COMMENT = [
    ('Value', 'short label'),                       # one word: a column? a verb?
    ('Last visit', 'short label'),                  # two words
    ('Knee rehabilitation report', None),           # three words read alone
    ('%s: no problems found\n', 'placeholder'),     # what is %s?
    ('pushes the index towards 100 %% now', None),  # a per cent sign, no placeholder
    ('%1$s of %2$s', 'placeholders'),
    ('cm', 'short'),
    ('LSI (%)', 'capitals'),
]


def needs_comment_checks():
    check('a comment is asked for each placeholder, short label and abbreviation',
          ['%r: %s, expected %s' % (msgid, needs_comment(msgid), why)
           for msgid, why in NEEDS_COMMENT if needs_comment(msgid) != why])


COMMENT_CHECK = ('every message with a placeholder, every short label and every abbreviation has a '
                 'translator comment')


def translator_comment_checks(root, tmp, env):
    """Every message that needs it has a "Translators:" comment directly above its marker (in
    a .ui file its comments attribute, in XML a comment before the element)."""
    pot = os.path.join(tmp, 'comments.pot')
    r = run(['xgettext', *[a for a in XGETTEXT_ARGS if a != '--add-comments'],
             '--add-comments=Translators:', '--package-name=vastus', '--directory=' + root,
             '--files-from=' + os.path.join(root, 'po', 'POTFILES'), '--output=' + pot], env=env)
    if r.returncode:
        check(COMMENT_CHECK, [r.stderr.strip()])
        return
    check(COMMENT_CHECK,
          ['%s: no "Translators:" comment (%s): %s' % (where, needs_comment(i), i)
           for i, where, comment in commented_messages(pot) if not comment and needs_comment(i)])


def catalogue_checks(root, tmp):
    langs = languages(root)
    check('po/LINGUAS has German, French and Spanish',
          ['missing: ' + l for l in PROMISED if l not in langs])
    pot = os.path.join(tmp, 'vastus.pot')
    env = dict(os.environ, GETTEXTDATADIRS=os.path.join(root, 'po'))
    r = run(['xgettext', *XGETTEXT_ARGS, '--package-name=vastus', '--directory=' + root,
             '--files-from=' + os.path.join(root, 'po', 'POTFILES'), '--output=' + pot], env=env)
    check('the template is made from the sources', [r.stderr.strip()] if r.returncode else [])
    template_checks(pot)
    needs_comment_checks()
    translator_comment_checks(root, tmp, env)
    for lang in langs:
        po = os.path.join(root, 'po', lang + '.po')
        r = run(['msgfmt', '--check', '--check-accelerators=_', '-o', os.devnull, po])
        check('msgfmt --check %s.po' % lang, r.stderr.strip().splitlines() if r.returncode else [])
        merged = os.path.join(tmp, lang + '.po')
        r = run(['msgmerge', '--quiet', '--no-fuzzy-matching', '-o', merged, po, pot])
        problems = [r.stderr.strip()] if r.returncode else []
        if not problems:
            for what, flag in (('untranslated', '--untranslated'), ('fuzzy', '--only-fuzzy')):
                out = run(['msgattrib', flag, '--no-obsolete', '--no-wrap', merged]).stdout
                ids = re.findall(r'^msgid "(.+)"$', out, re.M)
                problems += ['%s: %s' % (what, i) for i in ids[:20]]
                if len(ids) > 20:
                    problems.append('… %d %s messages in all' % (len(ids), what))
        check('%s.po translates every message of today\'s sources' % lang, problems)
        check('%s.po joins a number and its unit of time with a no-break space' % lang,
              unit_space_problems(lang, translations(po)))


# The units of time of each language: a number before one keeps it on its line, joined by a no-break
# space (U+00A0), as French joins a number and its per cent sign ("der letzten 4 / Wochen" broke
# over two lines of the overview).
TIME_UNITS = {
    'de': r'Wochen?|Tage?n?|Monate?n?|Jahre?n?|Stunden?|Minuten?',
    'fr': r'semaines?|jours?|mois|ans?|années?|heures?|minutes?',
    'es': r'semanas?|días?|mes|meses|años?|horas?|minutos?',
}


def translations(po):
    """(msgid, msgstr) of each message of the catalogue @po (each plural form on its own)."""
    return [(fields.get('msgid', ''), v) for fields in entries(po)
            for k, v in fields.items() if k.startswith('msgstr')]


def unit_space_problems(lang, pairs):
    """The translations of @pairs (@lang's) where a number, written or a placeholder, and the unit
    of time after it are parted by an ordinary space."""
    units = TIME_UNITS.get(lang)
    if units is None:
        return []
    number = r"(?:%(?:\d+\$)?[-+0#']*(?:\d+|\*)?(?:\.\d+)?(?:l|ll|z)?[diusf]|\b\d+(?:[.,]\d+)?)"
    parted = re.compile('(' + number + ') (' + units + r')\b')
    return ['%s: “%s” in “%s”' % (lang, m.group(0), msgstr)
            for msgid, msgstr in pairs for m in parted.finditer(msgstr)]


def cli_checks(root, build, tmp):
    cli = os.path.join(build, 'src', 'cli', 'vastus-cli')
    localedir = os.path.join(build, 'po')
    de = gettext.translation('vastus', localedir=localedir, languages=['de'])
    env = dict(os.environ, LC_ALL='de_DE.UTF-8', VASTUS_LOCALEDIR=localedir)
    env.pop('LANGUAGE', None)
    db = os.path.join(tmp, 'clinic.db')

    def german(msgid):
        text = de.gettext(msgid)
        assert text != msgid, 'no German for ' + msgid
        return text

    # The command line's help.
    r = run([cli, '--help'], env=env)
    usage = german('Usage: vastus-cli [--db PATH] COMMAND …')
    check('vastus-cli --help in German',
          [] if usage in r.stdout and 'Usage:' not in r.stdout else ['got: ' + r.stdout[:200]])
    r = run([cli, 'summary', '--help'], env=env)
    option = german('this episode of care (default: the one in force today)')
    check('vastus-cli summary --help in German',
          [] if option in r.stdout else ['got: ' + r.stdout[:300]])

    # A summary: German labels, numbers with a decimal comma. DEMO-001's first visit: quadriceps
    # HHD 402 N left (involved), 468 N right; LSI = 402 / 468 = 85.897… % → "85,9 %".
    run([cli, '--db', db, 'demo'], env=env)
    r = run([cli, '--db', db, 'summary', '--patient', 'DEMO-001'], env=env)
    problems = []
    if german('Measure') not in r.stdout:
        problems.append('no German column header')
    if not re.search(r'402 N +468 N +85,9 %', r.stdout):
        problems.append('no "402 N  468 N  85,9 %" row')
    check('vastus-cli summary in German', problems + (['got: ' + r.stdout[:400]] if problems else []))

    # The episode line reads as a German sentence: DEMO-001's left knee is involved, worded by
    # the German catalogue's own sentence for a left knee ("…, linkes Knie betroffen"), never
    # "betroffen: Links" glued from a capitalised side label.
    left = german('Patient %s — episode %s: %s, left knee involved\n')
    condition = german('ACL reconstruction')
    line = [l for l in r.stdout.splitlines() if l.startswith(left.split('%s')[0].rstrip())]
    want = re.escape(left.rstrip('\n')).replace('%s', '(.+?)')
    check('vastus-cli summary names the involved knee in a German sentence',
          [] if line and re.fullmatch(want, line[0]) and condition in line[0]
          and 'Links' not in line[0] else ['got: %s' % line])

    # Columns are padded by what a terminal shows, not by bytes: the measure codes of KOOS's
    # scales all come after 27 columns (4 spaces, the label padded to 23), also after
    # "Alltagsaktivitäten" (18 characters, 19 bytes: padded by bytes, after 26).
    r = run([cli, '--db', db, 'questionnaires'], env=env)
    adl = german('Daily living')
    rows = [l for l in r.stdout.splitlines() if l.startswith('    ') and ' koos_' in l]
    problems = ['%r: the code comes after %d columns' % (l, l.index(' koos_') + 1)
                for l in rows if l.index(' koos_') + 1 != 27]
    if not any(l.startswith('    ' + adl + ' ') for l in rows):
        problems.append('no row for %s: %s' % (adl, rows))
    check('vastus-cli table columns padded by display width in German', problems)

    # JSON is for programs: the same bytes in German as in C (labels and reasons as written).
    problems = []
    for argv in (['measures', '--json'], ['summary', '--patient', 'DEMO-001', '--json']):
        german_json = run([cli, '--db', db] + argv, env=env).stdout
        c_json = run([cli, '--db', db] + argv, env=dict(env, LC_ALL='C')).stdout
        if not c_json or german_json != c_json:
            problems.append('%s differs under German' % ' '.join(argv))
    check('--json is the same in German as in C', problems)

    # A storage error (editing a built-in set) in German.
    r = run([cli, '--db', db, 'criteria', 'edit', 'aclr-return-to-sport', 'quadriceps-lsi',
             '--threshold', '95'], env=env)
    expected = german('“%s” is a built-in criteria set and cannot be edited; copy it and edit the '
                      'copy') % 'aclr-return-to-sport'
    check('a storage error in German',
          [] if r.returncode == 1 and expected in r.stderr else ['got: ' + r.stderr])

    # A clinic's copy of a built-in set takes its title and labels in the clinic's language.
    run([cli, '--db', db, 'criteria', 'copy', 'aclr-return-to-sport', 'rts-clinic'], env=env)
    r = run([cli, '--db', db, 'criteria', '--json'], env=dict(env, LC_ALL='C'))
    copy = [s for s in json.loads(r.stdout) if s['id'] == 'rts-clinic']
    problems = []
    if not copy:
        problems.append('no copy')
    else:
        if copy[0]['title'] != german('Delaware-Oslo return-to-sport criteria'):
            problems.append('title: ' + copy[0]['title'])
        label = german('Single hop LSI at least 90 %')
        if label not in [c['label'] for c in copy[0]['criteria']]:
            problems.append('labels: %s' % [c['label'] for c in copy[0]['criteria']])
    check('a copy of a built-in set is in the clinic\'s language', problems)

    # The built-in sets' sources (citations) are messages of the template, and the human listing
    # shows them in German; --json keeps them as written.
    r = run([cli, '--db', db, 'criteria', '--json'], env=dict(env, LC_ALL='C'))
    builtin = [s for s in json.loads(r.stdout) if s['builtin']]
    sources = {s['source'] for s in builtin} | {c['source'] for s in builtin for c in s['criteria']}
    msgids = {i for i, _ in template_messages(os.path.join(tmp, 'vastus.pot'))}
    problems = ['not in the template: ' + t for t in sorted(sources - msgids)]
    listing = run([cli, '--db', db, 'criteria'], env=env).stdout
    # Some are names, years and addresses alone, the same in German; most are not.
    problems += ['not shown in German: ' + t for t in sorted(s['source'] for s in builtin)
                 if de.gettext(t) not in listing]
    if sum(de.gettext(t) != t for t in sources) < len(sources) // 2:
        problems.append('most sources read as in English')
    check('the built-in sets\' sources are translated', problems if builtin else ['no built-in set'])

    # The surgeon's PDF: German by default, English on request, under the same German locale.
    title_de = german('Knee rehabilitation report')
    for lang, want, unwanted in ((None, title_de, 'Knee rehabilitation report'),
                                 ('en', 'Knee rehabilitation report', title_de)):
        pdf = os.path.join(tmp, 'report-%s.pdf' % (lang or 'default'))
        r = run([cli, '--db', db, 'report', '--patient', 'DEMO-001']
                + (['--language', lang] if lang else []) + ['-o', pdf], env=env)
        text = run(['pdftotext', '-layout', pdf, '-']).stdout if r.returncode == 0 else ''
        problems = [] if r.returncode == 0 else ['vastus-cli: ' + r.stderr]
        if want not in text or unwanted in text:
            problems.append('page text: ' + text[:300])
        check('the report in %s under a German locale' % (lang or 'German'), problems)

    # The report's title on one line in every language (the French and the Spanish broke before
    # their last words, "du genou" and "rodilla", on a line of their own).
    problems = []
    for lang in languages(root) + ['en']:
        cat = gettext.translation('vastus', localedir=localedir, languages=[lang], fallback=True)
        title = cat.gettext('Knee rehabilitation report')
        pdf = os.path.join(tmp, 'title-%s.pdf' % lang)
        r = run([cli, '--db', db, 'report', '--patient', 'DEMO-001', '--language', lang, '-o', pdf],
                env=env)
        text = run(['pdftotext', '-layout', '-l', '1', pdf, '-']).stdout if r.returncode == 0 else ''
        if r.returncode != 0:
            problems.append('%s: vastus-cli: %s' % (lang, r.stderr))
        elif title not in text:
            problems.append('%s: “%s” is not on one line: %s' % (lang, title, text[:200]))
    check('the report\'s title on one line in every language', problems)

    r = run([cli, '--db', db, 'report', '--patient', 'DEMO-001', '--language', 'pt', '-o',
             os.path.join(tmp, 'pt.pdf')], env=dict(env, LC_ALL='C'))
    check('--language refuses a language that is not installed, naming those that are',
          [] if r.returncode == 2 and '“pt”' in r.stderr and 'de, en, es, fr' in r.stderr
          else ['got %d: %s' % (r.returncode, r.stderr)])


def main():
    root, build = sys.argv[1], sys.argv[2]
    with tempfile.TemporaryDirectory() as tmp:
        catalogue_checks(root, tmp)
        cli_checks(root, build, tmp)
    print('1..%d' % len(results))
    failed = 0
    for n, (name, problems) in enumerate(results, 1):
        print('%sok %d - %s' % ('not ' if problems else '', n, name))
        for p in problems:
            print('# ' + p.replace('\n', '\n# '))
        failed += bool(problems)
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
