#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""po/POTFILES lists every file with translatable strings, nothing else, sorted; no message a
person reads is written without its marker; and no marked message is joined to a G_G*_FORMAT or
PRI* macro (xgettext cuts the msgid there).

Usage: test-potfiles.py SOURCE_ROOT

Prints TAP. A file has translatable strings when it contains _( N_( C_( NC_( or
translatable="yes" (src/), or when it is a desktop entry, metainfo or schema (data/), or a questionnaire
(src/model/instruments/*.instrument.xml).
"""

import os
import re
import sys

import tap_checks

MARKERS = re.compile(r'(?<![A-Za-z0-9_])(?:(?:N|C|NC)?_|g_d?n?gettext|ngettext)\s*\(|translatable="yes"')
SOURCE_SUFFIXES = ('.c', '.h', '.ui')
DATA_SUFFIXES = ('.desktop.in', '.metainfo.xml.in', '.gschema.xml')


def wanted_files(root):
    found = set()
    for top, dirs, files in os.walk(os.path.join(root, 'src')):
        dirs.sort()
        for name in files:
            if not name.endswith(SOURCE_SUFFIXES):
                continue
            path = os.path.join(top, name)
            # The definitions of the markers themselves.
            if os.path.relpath(path, root) == os.path.join('src', 'model', 'vastus-i18n.h'):
                continue
            with open(path, encoding='utf-8', errors='replace') as f:
                if MARKERS.search(f.read()):
                    found.add(os.path.relpath(path, root))
    # Questionnaires: their topic and scale labels (po/its/vastus-instrument.its).
    instruments = os.path.join(root, 'src', 'model', 'instruments')
    for name in sorted(os.listdir(instruments)):
        if name.endswith('.instrument.xml'):
            found.add(os.path.join('src', 'model', 'instruments', name))
    data = os.path.join(root, 'data')
    for name in sorted(os.listdir(data)):
        if name.endswith(DATA_SUFFIXES):
            found.add(os.path.join('data', name))
    return found


# Calls whose argument at the index is text a person reads: a bare string literal of two words or
# more there is a message nobody can translate (an unmarked file has no marker at all, so the
# first check alone cannot see it).
MESSAGE_ARGS = {
    'g_set_error': 3, 'g_set_error_literal': 3, 'g_prefix_error': 1,
    'g_propagate_prefixed_error': 2, 'g_print': 0, 'g_printerr': 0,
    'vastus_cli_fail': 1, 'vastus_cli_usage': 1, 'refuse': 1,
    '_vastus_database_step_done': 2, '_vastus_database_set_error': 3, 'exec_cached': 2,
    'gtk_label_set_text': 1, 'gtk_widget_set_tooltip_text': 1, 'gtk_window_set_title': 1,
    'gtk_button_new_with_label': 0, 'gtk_button_new_with_mnemonic': 0, 'adw_toast_new': 0,
    'adw_message_dialog_new': 1, 'adw_preferences_row_set_title': 1,
    'adw_action_row_set_subtitle': 1, 'adw_status_page_set_title': 1,
    'adw_status_page_set_description': 1, 'adw_preferences_group_set_title': 1,
    'adw_preferences_group_set_description': 1,
}
MESSAGE_CALL = re.compile(r'\b(%s)\s*\(' % '|'.join(MESSAGE_ARGS))


def call_arguments(text, open_paren):
    """The top-level arguments of the call whose '(' is at open_paren, as strings."""
    args, depth, start, i = [], 0, open_paren + 1, open_paren
    while i < len(text):
        c = text[i]
        if c == '"':
            i += 1
            while i < len(text) and text[i] != '"':
                i += 2 if text[i] == '\\' else 1
        elif c == "'":
            i = text.index("'", i + 2 if text[i + 1] == '\\' else i + 1)
        elif text.startswith('/*', i):
            i = text.index('*/', i) + 1
        elif c == '(':
            depth += 1
        elif c == ')':
            depth -= 1
            if depth == 0:
                args.append(text[start:i])
                return args
        elif c == ',' and depth == 1:
            args.append(text[start:i])
            start = i + 1
        i += 1
    return args


def sources(root, suffixes):
    """(path, text) of each file under src/ whose name ends with one of @suffixes, in order."""
    for top, dirs, files in os.walk(os.path.join(root, 'src')):
        dirs.sort()
        for name in sorted(files):
            if name.endswith(suffixes):
                path = os.path.join(top, name)
                with open(path, encoding='utf-8', errors='replace') as f:
                    yield path, f.read()


def bare_messages(root):
    found = []
    for path, text in sources(root, ('.c',)):
        for m in MESSAGE_CALL.finditer(text):
            args = call_arguments(text, m.end() - 1)
            index = MESSAGE_ARGS[m.group(1)]
            if len(args) <= index:
                continue
            arg = re.sub(r'/\*.*?\*/', '', args[index], flags=re.S).strip()
            if arg.startswith('"') and len(re.findall(r'[A-Za-z]{2,}', arg)) >= 2:
                line = text.count('\n', 0, m.start()) + 1
                found.append('%s:%d: %s (%s …)' % (os.path.relpath(path, root), line,
                                                    m.group(1), arg[:50]))
    return found


# A translation marker and the arguments that are its message (msgid, and plural).
MARKER_CALL = re.compile(r'(?<![A-Za-z0-9_])(N_|_|C_|NC_|ngettext|g_dngettext|g_dgettext|'
                         r'g_dpgettext2)\s*\(')
MESSAGE_INDEXES = {'N_': (0,), '_': (0,), 'C_': (1,), 'NC_': (1,), 'ngettext': (0, 1),
                   'g_dngettext': (1, 2), 'g_dgettext': (1,), 'g_dpgettext2': (2,)}
FORMAT_MACRO = re.compile(r'\b(?:G_G\w+_(?:FORMAT|MODIFIER)|PRI[diouxX]\w*)\b')


def glued_format_macros(root):
    """Messages whose literal is joined to a format macro ("%" G_GINT64_FORMAT, PRId64): xgettext
    cuts the msgid at the macro, so the message looked up is not the one translated."""
    found = []
    for path, text in sources(root, ('.c', '.h')):
        for m in MARKER_CALL.finditer(text):
            args = call_arguments(text, m.end() - 1)
            for index in MESSAGE_INDEXES[m.group(1)]:
                arg = re.sub(r'/\*.*?\*/', '', args[index], flags=re.S) if index < len(args) else ''
                arg = re.sub(r'"(?:\\.|[^"\\])*"', '""', arg)
                macro = FORMAT_MACRO.search(arg)
                if '""' in arg and macro:
                    line = text.count('\n', 0, m.start()) + 1
                    found.append('%s:%d: %s( … %s …)' % (os.path.relpath(path, root), line,
                                                        m.group(1), macro.group(0)))
    return found


def read_potfiles(root):
    entries = []
    with open(os.path.join(root, 'po', 'POTFILES'), encoding='utf-8') as f:
        for line in f:
            line = line.strip()
            if line and not line.startswith('#'):
                entries.append(line)
    return entries


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), '..')
    wanted = wanted_files(root)
    entries = read_potfiles(root)
    listed = set(entries)

    checks = []
    missing = sorted(wanted - listed)
    checks.append(('every file with translatable strings is in po/POTFILES',
                   ['missing from po/POTFILES: ' + p for p in missing]))
    stale = sorted(p for p in listed if not os.path.isfile(os.path.join(root, p)))
    checks.append(('every po/POTFILES entry exists', ['no such file: ' + p for p in stale]))
    unneeded = sorted(p for p in listed - wanted if p not in stale)
    checks.append(('every po/POTFILES entry has translatable strings',
                   ['nothing to translate in: ' + p for p in unneeded]))
    dupes = sorted({p for p in entries if entries.count(p) > 1})
    checks.append(('po/POTFILES has no duplicates', ['listed twice: ' + p for p in dupes]))
    checks.append(('no message a person reads is a bare string', bare_messages(root)))
    checks.append(('no marked message is joined to a G_G*_FORMAT or PRI* macro (use a plain '
                   'format and a cast)', glued_format_macros(root)))
    unsorted = [] if entries == sorted(entries) else \
        ['po/POTFILES is not sorted; expected:'] + ['  ' + p for p in sorted(set(entries))]
    checks.append(('po/POTFILES is sorted', unsorted))

    return tap_checks.report(checks)


if __name__ == '__main__':
    sys.exit(main())
