#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Journey: a questionnaire item by item. Staff open the visit editor, open Questionnaire…, type
the KOOS answers of a paper form with digits alone (each digit moves on), see each score and the
items answered, apply, save with Ctrl+S, and the overview shows the scores. Then the patient
fills one in: Hand to Patient, full screen at 768 × 1024 portrait with the clinic's wording
loaded; nothing of the record or of other windows is reachable through the accessibility tree
or the keyboard, and leaving needs the clinic PIN. With --narrow-dark, the same at 360 × 720 in
the dark style."""

import datetime
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import journey  # noqa: E402
from journey import pyatspi_roles as R  # noqa: E402

TODAY = datetime.date.today()
SURGERY = TODAY - datetime.timedelta(days=60)
LAST_VISIT = TODAY - datetime.timedelta(days=30)
PIN = '2468'
MRN = 'QN-0001'
NAME = 'Maren Holt'

# The KOOS items in the form's order (src/model/instruments/koos.instrument.xml) and the points
# typed for each: 0 = none … 4 = extreme.
ITEMS = (['S%d' % i for i in range(1, 8)] + ['P%d' % i for i in range(1, 10)] +
         ['A%d' % i for i in range(1, 18)] + ['SP%d' % i for i in range(1, 6)] +
         ['Q%d' % i for i in range(1, 5)])
ANSWERS = {
    'S': [2, 1, 2, 1, 2, 1, 2],
    'P': [1, 2, 1, 0, 2, 1, 1, 0, 1],
    'A': [0, 0, 1, 0, 1, 0, 0, 1, 0, 0, 1, 0, 0, 1, 0, 0, 0],
    'SP': [3, 2, 3, 4, 3],
    'Q': [2, 3, 2, 3],
}
# Worked by hand from clinical-reference §1.11: each subscale is 100 − mean(answered) × 25,
# scored when at least half of its items are answered (Pain 5, Symptoms 4, ADL 9, Sport 3,
# QoL 2).
#   Pain: 1+2+1+0+2+1+1+0+1 = 9 of 9 items, mean 1, 100 − 25 = 75.0
#   Symptoms: 2+1+2+1+2+1+2 = 11 of 7, mean 1.5714…, 100 − 39.2857… = 60.714… → 60.7
#   Daily living: 5 of 17, mean 0.29411…, 100 − 7.3529… = 92.647… → 92.6
#   Sport and recreation: 3+2+3+4+3 = 15 of 5, mean 3, 100 − 75 = 25.0
#   Quality of life, Q1 alone: 1 of 4 answered, fewer than 2: not scored; all four:
#   2+3+2+3 = 10 of 4, mean 2.5, 100 − 62.5 = 37.5
SCALE_LINES = [
    'Pain: 75.0 (9 of 9 answered)',
    'Symptoms: 60.7 (7 of 7 answered)',
    'Daily living: 92.6 (17 of 17 answered)',
    'Sport and recreation: 25.0 (5 of 5 answered)',
]
QOL_ONE = 'Quality of life: 1 of 4 answered — needs 2, not scored'
QOL_ALL = 'Quality of life: 37.5 (4 of 4 answered)'
# The overview's rows (their short labels) and the scores (shown to the catalog's decimals).
OVERVIEW = {'KOOS pain': 75.0, 'KOOS symptoms': 100 - 11 / 7 * 25, 'KOOS ADL': 100 - 5 / 17 * 25,
            'KOOS sport': 25.0, 'KOOS QOL': 37.5}

HEADER = ('mrn,family_name,given_name,birth_date,sex,condition,involved_side,surgery_date,'
          'visit_date,measure,side,trial,value,unit\n')
# The clinic's wording, as a clinic holding the official form would load it: made-up questions
# here (Vastus ships none), one label per answer.
LABELS = ['Not at all', 'A little', 'Somewhat', 'Quite a bit', 'Very much']


def answer_of(item):
    prefix = item.rstrip('0123456789')
    return ANSWERS[prefix][int(item[len(prefix):]) - 1]


def prepare(j):
    path = os.path.join(j.tmp, 'clinic.csv')
    with open(path, 'w') as f:
        f.write(HEADER + '%s,Holt,Maren,1991-09-14,female,aclr,left,%s,%s,pain_nrs,none,1,3,points\n'
                % (MRN, SURGERY, LAST_VISIT))
    j.cli('import', path)
    wording = os.path.join(j.tmp, 'koos-wording.txt')
    with open(wording, 'w') as f:
        f.write('# Test wording: not the official KOOS text\n[koos]\n')
        for item in ITEMS:
            f.write('%s\tQuestion %s about your knee (test wording)\t%s\n'
                    % (item, item, '\t'.join(LABELS)))
    j.cli('questionnaires', 'load', wording)


def clinic_pin(j):
    # The pointer out of the way: hovering, it would highlight rows in the screenshots.
    j.park_pointer()
    j.key('ctrl+comma')
    j.wait_window('Preferences')
    j.key_to(R.PAGE_TAB, 'Forms')
    j.key('space')
    j.find(R.LABEL, 'Wording loaded: it can be handed to patients', what='the KOOS wording loaded')
    # The PIN field follows the row saying whether one is set (GTK 4.8 does not report the
    # focus of an entry row's text: what is typed shows where the keyboard is).
    j.key_to(R.LIST_ITEM, 'Clinic PIN')
    j.key('Tab')
    field = j.find(R.TEXT, 'New PIN')
    j.type(PIN)
    j.wait(lambda: len(j.text(field)) == len(PIN), 'the PIN typed into "New PIN"')
    j.key('Return')
    j.find(R.LABEL, 'A PIN is set: it ends the patient mode', what='the PIN set')
    j.screenshot('pin-set')
    j.gone(R.LABEL, 'Clinic PIN set')
    j.key('Escape')
    j.wait_window('Vastus')


def open_editor(j):
    j.open_patient('Holt', NAME)
    j.key_to(R.PUSH_BUTTON, 'Add Visit')
    j.key('Return')
    j.wait_window('New Visit — %s' % NAME)
    # The editor opens on the battery's first value (the date may be scrolled away above it).
    j.find(R.PUSH_BUTTON, 'Questionnaire…')


def grid_rows(j):
    items = j.find(R.LIST, 'Items')
    return [items.getChildAtIndex(i).name for i in range(items.childCount)]


def type_answers(j, items):
    for item in items:
        j.type(str(answer_of(item)))


def scale_lines(j):
    return [t for t in j.texts() if t.split(':')[0] in
            ('Pain', 'Symptoms', 'Daily living', 'Sport and recreation', 'Quality of life')]


def enter_koos(j):
    # alt+Q: Questionnaire…, on KOOS (the first questionnaire), the keyboard on its first item.
    j.key('alt+q')
    j.wait_window('Questionnaire')
    j.find(R.LABEL, 'Question S1 about your knee (test wording)', what='the clinic\'s wording')
    j.wait(lambda: (j.focused() is not None and (j.focused().name or '').startswith('S1, ')),
           'the keyboard on S1')
    j.other_keys = j.value_keys = j.values = 0
    # Every item but the last three, one digit each: each digit moves on.
    type_answers(j, ITEMS[:-3])
    expected = SCALE_LINES + [QOL_ONE]
    j.wait(lambda: scale_lines(j) == expected,
           'the scores %s (it shows %s)' % (expected, scale_lines(j)))
    j.screenshot('qol-not-scored')
    type_answers(j, ITEMS[-3:])
    expected = SCALE_LINES + [QOL_ALL]
    j.wait(lambda: scale_lines(j) == expected,
           'the scores %s (it shows %s)' % (expected, scale_lines(j)))
    rows = grid_rows(j)
    want = ['%s, %s' % (item, answer_of(item)) for item in ITEMS]
    got = ['%s, %s' % (r.split(',')[0], r.rsplit(': ', 1)[-1]) for r in rows]
    if got != want:
        raise journey.JourneyError('the grid holds %s, not %s' % (got, want))
    print('# KOOS: %d answers typed with %d keys other than their digits'
          % (j.values, j.other_keys))


def apply_and_save(j):
    j.key('alt+a')
    j.wait_window('New Visit — %s' % NAME)
    j.key('ctrl+s')
    j.wait_window('Vastus')


def shown_number(text):
    return float(text.split()[0])


def overview(j, expected=OVERVIEW):
    tab = j.find(R.PAGE_TAB, 'Overview')
    if not tab.getState().contains(j.STATE_SELECTED):
        j.key_to(R.PAGE_TAB, 'Overview')
        j.key('space')
    table = j.find(R.TABLE, 'Key measures at the latest visit')

    def rows():
        cells = [table.getChildAtIndex(i) for i in range(table.childCount)]
        return {cell.name: cells[i + 1].name for i, cell in enumerate(cells[:-1])
                if cell.getRole() == R.ROW_HEADER and cell.name in expected}

    def right():
        found = rows()
        return (set(found) == set(expected) and
                all(abs(shown_number(found[k]) - v) <= 0.05 + 1e-9 for k, v in expected.items()))
    j.wait(right, 'the KOOS scores in the overview: %s (it shows %s)' % (expected, rows()))


PATIENT_MODE = 'Knee injury and Osteoarthritis Outcome Score'
# Keys that close a window or reach the application, in Vastus and in its window manager.
ESCAPES = ['Escape', 'alt+F4', 'ctrl+w', 'ctrl+q', 'ctrl+f', 'ctrl+n', 'ctrl+comma', 'F10',
           'F1', 'ctrl+Tab', 'alt+Tab', 'alt+shift+Tab']
# The patient's answers: S1 "Very much" (4) by touch, S2 "Somewhat" (2) from the keyboard; the
# staff's answers stay for the rest. Symptoms: 4+2+2+1+2+1+2 = 14 of 7 items, mean 2,
# 100 − 2 × 25 = 50.0.
SYMPTOMS_PATIENT = 'Symptoms: 50.0 (7 of 7 answered)'
OVERVIEW_PATIENT = dict(OVERVIEW, **{'KOOS symptoms': 50.0})


def open_saved_visit(j):
    j.key_to(R.PAGE_TAB, 'Visits')
    j.key('space')
    visits = j.find(R.LIST, 'Visits, newest first')
    # Today's, the newest, by touch (its row has no name to reach it by from the keyboard).
    j.wait(lambda: visits.childCount == 2, 'two visits in the list')
    j.click(j.find(R.IMAGE, 'Open the visit', root=visits.getChildAtIndex(0)))
    j.wait_window('Visit — %s' % NAME)
    j.park_pointer()
    j.key('alt+q')
    j.wait_window('Questionnaire')
    j.wait(lambda: scale_lines(j) == SCALE_LINES + [QOL_ALL],
           'the saved answers\' scores (it shows %s)' % scale_lines(j))


def showing(acc):
    return acc.getState().contains(journey.pyatspi.STATE_SHOWING)


def reachable(j):
    """What of the record (the patient's name, MRN, birth year, visit dates) or of any window
    but the patient's the accessibility tree shows: (window, text) pairs."""
    secrets = ['Maren', 'Holt', MRN, '1991', LAST_VISIT.isoformat(), TODAY.isoformat()]
    found = []
    for window in j.windows():
        if window is None or not showing(window):
            continue
        if window.name != PATIENT_MODE:
            found.append((window.name, 'the window itself'))
        for acc in j.walk(window):
            texts = [acc.name or '', acc.description or '']
            if acc.getRole() in (R.LABEL, R.TEXT):
                texts.append(j.text(acc))
            found += [(window.name, t) for t in texts
                      if showing(acc) and any(secret in t for secret in secrets)]
    return found


def assert_locked(j, after):
    if j.active_window_title() != PATIENT_MODE:
        raise journey.JourneyError('after %s the active window is "%s", not the patient\'s'
                                   % (after, j.active_window_title()))
    found = reachable(j)
    if found:
        raise journey.JourneyError('after %s the accessibility tree shows %s' % (after, found))


def hand_to_patient(j):
    open_saved_visit(j)
    j.key('alt+h')
    j.wait_window(PATIENT_MODE)
    j.find(R.LABEL, 'Question S1 about your knee (test wording)', what='the first question')
    assert_locked(j, 'Hand to Patient')
    j.screenshot('patient-mode')
    # Nothing a patient may press leaves it, or brings up another window. (Each key is given
    # time to act: that nothing happens cannot be waited for.)
    for key in ESCAPES:
        j.key(key)
        time.sleep(0.5)
        assert_locked(j, key)
    # The patient answers: S1 by touch, S2 from the keyboard (the answer given before has the
    # keyboard: Down moves to the next answer, Space takes it).
    j.click(j.find(R.PUSH_BUTTON, 'Very much'))
    j.park_pointer()
    j.find(R.LABEL, 'Question S2 about your knee (test wording)', what='the second question')
    j.wait_focus(R.PUSH_BUTTON, 'A little', what='the keyboard on S2\'s answer "A little"')
    j.key('Down')
    j.wait_focus(R.PUSH_BUTTON, 'Somewhat')
    j.key('space')
    j.find(R.LABEL, 'Question S3 about your knee (test wording)', what='the third question')
    assert_locked(j, 'two answers')


def leave_with_pin(j):
    # The clinician takes the device back before the last item: alt+L, Clinician.
    j.key('alt+l')
    pin = j.wait_focus(R.PASSWORD_TEXT, 'Clinic PIN', what='the keyboard in the PIN field')
    j.type('1111')
    j.key('Return')
    j.find(R.LABEL, 'That is not the clinic PIN.', what='the wrong PIN refused')
    j.screenshot('wrong-pin')
    assert_locked(j, 'a wrong PIN')
    j.wait(lambda: j.sensitive(pin) and j.text(pin) == '', 'the PIN field ready again')
    j.type(PIN)
    j.key('Return')
    j.wait_window('Questionnaire')
    # The patient's answers, scored; the other windows back.
    expected = [SCALE_LINES[0], SYMPTOMS_PATIENT] + SCALE_LINES[2:] + [QOL_ALL]
    j.wait(lambda: scale_lines(j) == expected,
           'the scores %s (it shows %s)' % (expected, scale_lines(j)))
    j.wait(lambda: any(w is not None and w.name == 'Vastus' and showing(w) for w in j.windows()),
           'the main window shown again')


def patient_answers_saved(j):
    j.key('alt+a')
    j.wait_window('Visit — %s' % NAME)
    j.key('ctrl+s')
    j.wait_window('Vastus')
    overview(j, OVERVIEW_PATIENT)


def questionnaire(j):
    j.step('Preferences: the clinic PIN', lambda: clinic_pin(j))
    j.step('Add Visit opens the visit editor', lambda: open_editor(j))
    j.step('Questionnaire…: KOOS typed as digits, each moving on; scores and items answered',
           lambda: enter_koos(j))
    j.step('Apply, then Ctrl+S saves the visit', lambda: apply_and_save(j))
    j.step('the overview shows the KOOS scores', lambda: overview(j))
    j.step('Hand to Patient at %d × %d: nothing of the record or other windows reachable; '
           'the patient answers by touch and keyboard' % (j.width, j.height),
           lambda: hand_to_patient(j))
    j.step('leaving needs the clinic PIN: a wrong one is refused, the right one returns '
           'the patient\'s answers', lambda: leave_with_pin(j))
    j.step('the patient\'s answers saved: the overview shows the new score',
           lambda: patient_answers_saved(j))


if __name__ == '__main__':
    if '--narrow-dark' in sys.argv:
        journey.run(questionnaire, 'questionnaire-narrow-dark', prepare=prepare, width=360,
                    height=720, dark=True)
    else:
        journey.run(questionnaire, 'questionnaire', prepare=prepare, width=768, height=1024)
