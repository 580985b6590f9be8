#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Journey 4, mistakes: impossible values get one clear message each and nothing is saved;
Ctrl+S moves the keyboard to the first error, then to the first unconfirmed warning; closing an
editor with typed data asks before discarding (the visit, patient and episode editors); a visit
deleted by mistake comes back with Ctrl+Z.

With --visit-values, the same for values typed in the visit editor (impossible values, the first
error then the first unconfirmed warning, in the order the form has them)."""

import datetime
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import journey  # noqa: E402
from journey import pyatspi_roles as R  # noqa: E402

TODAY = datetime.date.today()
SURGERY = TODAY - datetime.timedelta(days=90)
LAST_VISIT = TODAY - datetime.timedelta(days=14)

VISIT_WINDOW = 'New Visit — Mae Jemison'


def prepare(j):
    # Mae Jemison, an ACL reconstruction of the left knee, flexion 110° and 140° two weeks ago.
    rows = ['MI-0001,Mae Jemison,1986-10-17,female,aclr,left,%s,,%s,,,,,knee_flexion,%s,1,%d,'
            'deg,no,,,\n' % (SURGERY, LAST_VISIT, side, value)
            for side, value in (('left', 110), ('right', 140))]
    j.import_rows(rows)


def visits(j):
    """How many visits the patient has stored, as vastus-cli counts them."""
    return len(json.loads(j.cli('summary', '--patient', 'MI-0001', '--json'))['visits'])


def nothing_saved(j, what):
    if visits(j) != 1:
        raise journey.JourneyError('a visit was saved %s' % what)


def trial_name(measure, side):
    return '%s, %s' % (measure, 'left (involved)' if side == 'left' else 'right')


def labels_with(j, *words):
    """The lines of the active window's labels (a label may hold several messages, one a line)
    that have every one of @words."""
    return [line for t in j.texts() for line in t.splitlines() if all(w in line for w in words)]


def one_message(j, what, *words):
    j.wait(lambda: len(labels_with(j, *words)) == 1,
           'one message for %s (labels with %s: %s)' % (what, words, labels_with(j, *words)))


def open_patient(j):
    j.open_patient('Jemison', 'Mae Jemison')
    j.wait(lambda: j.sensitive(j.find(R.PUSH_BUTTON, 'Add Visit')), 'Add Visit enabled')


def open_visit_editor(j):
    # Alt+A: Add Visit (the page's one A).
    j.key('alt+a')
    j.wait_window(VISIT_WINDOW)


# The patient editor ----------------------------------------------------------------------------

def patient_values(j):
    j.key('ctrl+n')
    j.wait_window('New Patient')
    # The MRN has the keyboard: past the family name (left empty) and the given names to a birth
    # date 200 years ago (impossible), then to a second patient 101 years old (unusual).
    j.fill('Medical Record Number (MRN)', 'MI-0002')
    j.key('Tab', 'Tab')
    j.fill('Given Names', 'Ruth')
    j.key('Tab')
    j.fill('Birth Date', '1826-05-05')
    j.key('ctrl+s')
    j.wait_window('New Patient')
    one_message(j, 'the family name missing', 'family name is required')
    one_message(j, 'the birth date 200 years ago', 'Birth date', 'above the limit')
    if 'MI-0002' in j.cli('patients'):
        raise journey.JourneyError('a patient was saved with impossible values')
    return j.find(R.TEXT, 'Family Name')


def patient_error_then_warning(j):
    # The keyboard went to the first error, the family name: typed there, it fills it.
    j.fill('Family Name', 'Benedict')
    # Ctrl+S again: the next error, the birth date; 1925 is possible but unusual.
    j.key('ctrl+s')
    j.wait(lambda: labels_with(j, 'Birth date', 'above the limit'), 'the birth date error')
    # Born on 1 January 102 years ago: 101 or 102 years old, above 100.
    j.replace('Birth Date', '%d-01-01' % (TODAY.year - 102))
    j.key('ctrl+s')
    one_message(j, 'the age above 100 years', 'Birth date', 'unusual')
    j.find(R.PUSH_BUTTON, 'Save Anyway', what='Save Anyway for the warning')
    if 'MI-0002' in j.cli('patients'):
        raise journey.JourneyError('a patient was saved with a warning not confirmed')
    j.key('ctrl+s')
    j.wait_window('Vastus')
    j.wait(lambda: 'MI-0002' in j.cli('patients'), 'the patient saved after Save Anyway')
    # Back to Mae Jemison.
    open_patient(j)


# Closing editors with typed data ------------------------------------------------------------

def question(j, title, body):
    j.wait_window(title)
    j.find(R.LABEL, body)


def visit_editor_asks(j):
    open_visit_editor(j)
    j.key_to(R.TEXT, 'Pain', key='Tab', limit=150)
    j.fill('Pain', '2', j.wait_focus(R.TEXT, 'Pain'))
    j.key('Escape')
    question(j, 'Save the visit?', 'The values entered have not been saved.')
    # Cancel: the editor stays, as typed; then Discard.
    j.key('Escape')
    pain = j.find(R.TEXT, 'Pain', root=j.wait_window(VISIT_WINDOW))
    if j.text(pain) != '2':
        raise journey.JourneyError('Cancel lost what was typed: "%s"' % j.text(pain))
    j.key('Escape')
    question(j, 'Save the visit?', 'The values entered have not been saved.')
    j.key_to(R.PUSH_BUTTON, 'Discard')
    j.key('Return')
    j.wait_window('Vastus')
    nothing_saved(j, 'after Discard')


def patient_editor_asks(j):
    j.key('ctrl+n')
    j.wait_window('New Patient')
    j.fill('Medical Record Number (MRN)', 'MI-0003')
    j.key('Escape')
    question(j, 'Save the patient?', 'What was typed has not been saved.')
    j.key_to(R.PUSH_BUTTON, 'Discard')
    j.key('Return')
    j.wait_window('Vastus')
    if 'MI-0003' in j.cli('patients'):
        raise journey.JourneyError('the discarded patient was saved')


def episode_editor_asks(j):
    j.key('ctrl+shift+e')
    j.wait_window('New Episode')
    # The condition first; past the side and the two dates, one stop each.
    j.key('Tab', 'Tab', 'Tab', 'Tab')
    j.fill('Surgeon', 'Dr. Nguyen')
    j.key('Escape')
    question(j, 'Save the episode of care?', 'What was typed has not been saved.')
    # Cancel: the editor stays with what was typed; then Discard.
    j.key('Escape')
    surgeon = j.find(R.TEXT, 'Surgeon', root=j.wait_window('New Episode'))
    if j.text(surgeon) != 'Dr. Nguyen':
        raise journey.JourneyError('Cancel lost what was typed: "%s"' % j.text(surgeon))
    j.key('Escape')
    question(j, 'Save the episode of care?', 'What was typed has not been saved.')
    j.key_to(R.PUSH_BUTTON, 'Discard')
    j.key('Return')
    j.wait_window('Vastus')
    listed = json.loads(j.cli('episodes', '--patient', 'MI-0001', '--json'))['episodes']
    if len(listed) != 1:
        raise journey.JourneyError('the discarded episode was saved: %s' % listed)


def delete_and_undo(j):
    j.key_to(R.PAGE_TAB, 'Visits')
    j.key('space')
    j.find(R.LABEL, '1 visit, newest first')
    j.key_to(R.PUSH_BUTTON, 'Delete Visit')
    j.key('Return')
    j.find(R.LABEL, 'No visits yet', what='the visit gone from the list')
    j.wait(lambda: visits(j) == 0, 'the visit deleted')
    j.key('ctrl+z')
    j.find(R.LABEL, '1 visit, newest first', what='the visit back in the list')
    j.wait(lambda: visits(j) == 1, 'the visit restored')


# Values in the visit editor -----------------------------------------------------------------

# Flexion 400° on the left (a knee bends 170° at the most) and pain 15 of 10: impossible.
# Flexion 160° on the right: possible, but unusual above 155°.
ERRORS = {trial_name('Flexion', 'left'): '400', 'Pain': '15'}
WARNING = (trial_name('Flexion', 'right'), '160')


def tab_to_any(j, names):
    """Presses Tab until the keyboard is on one of the text fields @names; returns its name."""
    for _ in range(150):
        acc = j.focused()
        for name in names:
            if j.is_on(acc, R.TEXT, name):
                return name
        j.key('Tab')
        j.wait(lambda: j.focused() is not acc or acc is None, 'the focus to move')
    raise journey.JourneyError('Tab did not reach any of %s' % names)


def visit_values(j):
    open_visit_editor(j)
    # The values in the order the form has them (which the test battery sets): that order says
    # which error comes first.
    wanted = dict(ERRORS)
    wanted[WARNING[0]] = WARNING[1]
    j.order = []
    while wanted:
        name = tab_to_any(j, list(wanted))
        j.fill(name, wanted.pop(name), j.wait_focus(R.TEXT, name))
        j.order.append(name)
    j.key('ctrl+s')
    first = next(n for n in j.order if n in ERRORS)
    j.wait_focus(R.TEXT, first, what='the keyboard on the first error, %s' % first)
    j.wait_window(VISIT_WINDOW)
    one_message(j, 'flexion 400° (the limit is 170°)', '400', '170')
    one_message(j, 'pain 15 (the limit is 10)', 'Pain', '15')
    nothing_saved(j, 'with impossible values')


def visit_error_then_warning(j):
    # Each error corrected in turn: Ctrl+S goes on to the next, then to the warning, even where
    # the form has the warning first.
    for name in [n for n in j.order if n in ERRORS]:
        acc = j.wait_focus(R.TEXT, name, what='the keyboard on the error, %s' % name)
        j.replace(name, '118' if 'Flexion' in name else '2', acc)
        j.key('ctrl+s')
    j.wait_focus(R.TEXT, WARNING[0], what='the keyboard on the first unconfirmed warning')
    one_message(j, 'flexion 160° (unusual above 155°)', '160', '155')
    nothing_saved(j, 'with a warning not confirmed')


def mistakes(j):
    j.step('the patient, found by surname', lambda: open_patient(j))
    j.step('impossible values in the patient editor: one message each, nothing saved',
           lambda: patient_values(j))
    j.step('Ctrl+S: the first error, then the first unconfirmed warning',
           lambda: patient_error_then_warning(j))
    j.step('closing the visit editor with typed values asks', lambda: visit_editor_asks(j))
    j.step('closing the patient editor with typed data asks', lambda: patient_editor_asks(j))
    j.step('closing the episode editor with typed data asks', lambda: episode_editor_asks(j))
    j.step('a visit deleted, and Ctrl+Z restores it', lambda: delete_and_undo(j))


def mistakes_in_values(j):
    j.step('the patient, found by surname', lambda: open_patient(j))
    j.step('impossible values in the visit editor: one message each, nothing saved',
           lambda: visit_values(j))
    j.step('Ctrl+S: each error in turn, then the first unconfirmed warning',
           lambda: visit_error_then_warning(j))


if __name__ == '__main__':
    if '--visit-values' in sys.argv:
        journey.run(mistakes_in_values, 'mistakes-visit-values', prepare=prepare)
    else:
        journey.run(mistakes, 'mistakes', prepare=prepare)
