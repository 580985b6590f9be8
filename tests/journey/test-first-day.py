#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Journey 1, a clinic's first day: an empty database → the clinic's test battery (a built-in
one adapted in Preferences) → a patient → the first episode of care → a standard visit entered
from the keyboard with that battery → the overview → the surgeon's PDF → the patient's CSV. With
--narrow-dark, journey 5: the same at 360 × 720 in the dark style."""

import csv
import datetime
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import journey  # noqa: E402
from journey import pyatspi_roles as R  # noqa: E402

TODAY = datetime.date.today()
# Surgery ten weeks ago: 70 days.
SURGERY = TODAY - datetime.timedelta(days=70)


def clinic_battery(j):
    """Preferences → Testing (the batteries below the clinic's rules): the built-in early ACL
    reconstruction battery copied and adapted to the clinic's standard visit: extension lag out,
    the quadriceps in lbf (the clinic's dynamometer), one single hop a side added."""
    main = j.active_window_id()
    j.key('ctrl+comma')
    j.wait(lambda: j.active_window_id() not in (None, main), 'the preferences window')
    j.wait_window('Preferences')
    j.key_to(R.PAGE_TAB, 'Testing')
    j.key('space')
    # The batteries are on the page once it is shown (one Tab from the first page: the keyboard
    # reaches its tab sooner than the six pages' "Test Batteries" did).
    j.wait(lambda: any(t.getState().contains(j.STATE_SELECTED)
                       for t in j.find_all(R.PAGE_TAB, 'Testing')), 'the Testing page')
    j.key_to(R.PUSH_BUTTON, 'Copy ACL reconstruction: early rehabilitation')
    j.key('Return')
    # The copy opens with the keyboard on its name (GTK 4.8 does not tell the focus of an entry
    # row's text: the name is found, then typed over).
    j.find(R.TEXT, 'Name', what='the copy\'s name')
    j.key('ctrl+a')
    j.type('ACL 12-week battery')
    j.wait(lambda: j.text(j.find(R.TEXT, 'Name')) == 'ACL 12-week battery', 'the battery\'s name')
    j.key_to(R.PUSH_BUTTON, 'Remove Extension lag')
    j.key('Return')
    j.gone(R.PUSH_BUTTON, 'Remove Extension lag')
    j.key_to(R.COMBO_BOX, 'Quadriceps HHD: unit')
    j.choose('Quadriceps HHD: unit', 'lbf')
    j.key_to(R.COMBO_BOX, 'Add a measure')
    j.choose_search('Add a measure', 'single hop')
    j.find(R.PUSH_BUTTON, 'Remove Single hop', what='the single hop in the battery')
    # One hop a side: the trials down from the two it offers.
    j.key_to(R.SPIN_BUTTON, 'Single hop: trials', key='shift+Tab')
    j.key('Down')
    j.wait(lambda: j.text(j.find(R.SPIN_BUTTON, 'Single hop: trials')) == '1',
           'one trial of the single hop')
    j.key('ctrl+s')
    j.find(R.LABEL, 'Battery saved', what='the message that the battery is saved')
    j.find(R.LABEL, 'ACL 12-week battery', what='the clinic\'s battery in the list')
    # Back on the list, the keyboard where a battery is made; Escape closes the preferences (in a
    # narrow window libadwaita 1.2 takes a first Escape after a subpage as one more "back").
    j.wait_focus(R.PUSH_BUTTON, 'New Battery')
    for _ in range(2):
        j.key('Escape')
        try:
            j.wait_window('Vastus', timeout=5)
            break
        except journey.JourneyError:
            continue
    j.wait_window('Vastus')


def add_patient(j):
    j.key('ctrl+n')
    j.wait_window('New Patient')
    j.fill('Medical Record Number (MRN)', 'FD-0001')
    j.key('Tab')
    j.fill('Family Name', 'Lovelace')
    j.key('Tab')
    j.fill('Given Names', 'Ada')
    j.key('Tab')
    j.fill('Birth Date', '1990-04-12')
    j.key('Return')
    j.wait_window('Vastus')
    j.find(R.LABEL, 'Ada Lovelace', what='the new patient\'s page')


def leads_to_episode(j):
    # The new patient's page offers the first episode of care as its primary action, with the
    # keyboard on it: Enter opens the episode editor.
    j.wait_focus(R.PUSH_BUTTON, 'Add Episode of Care',
                 what='the keyboard on "Add Episode of Care" on the new patient\'s page')
    j.key('Return')
    j.wait_window('New Episode')


def first_episode(j):
    # The condition comes first, ACL reconstruction by default.
    j.find(R.COMBO_BOX, 'Condition')
    j.wait(lambda: 'ACL reconstruction' in j.texts(j.find(R.COMBO_BOX, 'Condition')),
           'ACL reconstruction as the condition')
    j.key('Tab')
    j.choose('Involved Side', 'Left')
    j.key('Tab', 'Tab')          # past the injury date
    j.fill('Surgery Date', SURGERY.isoformat())
    j.key('Return')
    j.wait_window('Vastus')


def add_visit_enabled(j):
    # 70 days after the surgery: 10 weeks.
    j.find(R.LABEL, 'ACL reconstruction · Left knee · 10 weeks since surgery',
           what='the episode in the page\'s header')
    j.gone(R.LABEL, 'No episode of care recorded')
    button = j.find(R.PUSH_BUTTON, 'Add Visit')
    j.wait(lambda: j.sensitive(button), 'Add Visit enabled')


# The standard visit, worked out by hand. Quadriceps by hand-held dynamometer, three trials a
# side in lbf: the best trial counts (64 and 94 lbf), LSI 64 / 94 = 68.1 %. Single hop, one
# trial a side: 110 and 150 cm, LSI 110 / 150 = 73.3 %.
QUADRICEPS = {'left': ['60', '62', '64'], 'right': ['90', '92', '94']}


def trial_name(measure, side, trial):
    where = '%s, %s' % (measure, 'left (involved)' if side == 'left' else 'right')
    return where if trial == 1 else '%s, trial %d' % (where, trial)


def open_visit_editor(j):
    j.key('ctrl+Tab')
    j.key_to(R.PUSH_BUTTON, 'Add Visit')
    j.key('Return')
    j.wait_window('New Visit — Ada Lovelace')
    # The clinic's battery for ACL reconstruction up to week 12, before the built-in one.
    j.find(R.LABEL, 'ACL 12-week battery', what='the clinic\'s battery above the measures')
    j.other_keys = j.value_keys = j.values = 0


# The standard visit in the order of the clinic's battery, each value with what the form names
# its field: (role, accessible name, what is typed).
STANDARD_VISIT = [
    (R.TEXT, 'Pain', '2'),
    # Effusion by the stroke test, typed as a grade: 1+ on the involved side, 0 on the other.
    (R.COMBO_BOX, trial_name('Effusion', 'left', 1), '1+'),
    (R.COMBO_BOX, trial_name('Effusion', 'right', 1), '0'),
    (R.TEXT, trial_name('Extension', 'left', 1), '3'),
    (R.TEXT, trial_name('Extension', 'right', 1), '0'),
    (R.TEXT, trial_name('Flexion', 'left', 1), '118'),
    (R.TEXT, trial_name('Flexion', 'right', 1), '142'),
    (R.TEXT, trial_name('Thigh girth 10 cm', 'left', 1), '44.5'),
    (R.TEXT, trial_name('Thigh girth 10 cm', 'right', 1), '46'),
] + [(R.TEXT, trial_name('Quadriceps HHD', side, trial), QUADRICEPS[side][trial - 1])
     for trial in (1, 2, 3) for side in ('left', 'right')] + [
    (R.TEXT, trial_name('Single hop', 'left', 1), '110'),
    (R.TEXT, trial_name('Single hop', 'right', 1), '150'),
]


def standard_visit(j):
    # The keyboard starts on the battery's first value, and Tab goes from value to value in its
    # order, the quadriceps in lbf with three trials a side.
    for i, (role, field, text) in enumerate(STANDARD_VISIT):
        if i > 0:
            j.key('Tab')
        acc = j.wait_focus(role, field)
        if role == R.TEXT:
            j.fill(field, text, acc)
        else:
            j.type(text)
            box = j.find(role, field)
            j.wait(lambda: text in j.texts(box),
                   '%s showing "%s" (it shows %s)' % (field, text, j.texts(box)))


def save_visit(j):
    j.key('ctrl+s')
    j.wait_window('Vastus')
    # The keystrokes other than the values' characters, per value entered.
    print('# keystrokes for the visit: %d values (%d characters), %d other keys: '
          '%.2f other keys per value' % (j.values, j.value_keys, j.other_keys,
                                         j.other_keys / j.values))


def overview(j):
    tab = j.find(R.PAGE_TAB, 'Overview')
    if not tab.getState().contains(j.STATE_SELECTED):
        j.key_to(R.PAGE_TAB, 'Overview')
        j.key('space')
        j.wait(lambda: tab.getState().contains(j.STATE_SELECTED), 'the Overview')
    table = j.find(R.TABLE, 'Key measures at the latest visit')
    # Worked out by hand: 64 lbf × 4.448 N/lbf = 284.7 N, 94 lbf = 418.1 N, LSI 64 / 94 = 68.1 %;
    # single hop 110 / 150 = 73.3 %; flexion 118 / 142 = 83.1 %; effusion 1+ against 0 is two
    # grades (0, trace, 1+) worse.
    expected = {
        'Quadriceps HHD': ['285 N', '418 N', '68.1 %'],
        'Single hop': ['110.0 cm', '150.0 cm', '73.3 %'],
        # 44.5 / 46 = 96.7 %.
        'Thigh girth 10 cm': ['44.5 cm', '46.0 cm', '96.7 %'],
        'Flexion': ['118°', '142°', '83.1 %'],
        'Effusion': ['1+', '0', 'Δ +2 grades'],
        'Pain': ['2'],
    }

    def rows():
        cells = [table.getChildAtIndex(i) for i in range(table.childCount)]
        found = {}
        for i, cell in enumerate(cells):
            if cell.getRole() == R.ROW_HEADER and cell.name in expected:
                found[cell.name] = [c.name for c in cells[i + 1:i + 1 + len(expected[cell.name])]]
        return found
    j.wait(lambda: rows() == expected,
           'the latest visit\'s values in the overview: %s (it shows %s)' % (expected, rows()))


def export_report(j):
    path = os.path.join(j.tmp, 'report.pdf')
    j.key_to(R.PUSH_BUTTON, 'Report and Export')
    j.key('Return')
    j.key_to(R.MENU_ITEM, 'Export Report…', key='Down')
    j.key('Return')
    j.wait_window('Export Report')
    button = j.find(R.PUSH_BUTTON, 'Export…')
    j.wait(lambda: j.sensitive(button), 'Export… enabled (the preview is ready)')
    dialog = j.active_window_id()
    j.key('alt+e')
    j.save_as(dialog, path)
    j.find(R.LABEL, 'Saved “report.pdf”', partial=True, what='the message that the report is saved')
    j.wait(lambda: os.path.exists(path) and open(path, 'rb').read(5) == b'%PDF-', 'the PDF')
    text = j.wait(lambda: subprocess.run(['pdftotext', path, '-'], capture_output=True,
                                         text=True).stdout, 'the PDF\'s text')
    for wanted in ('Ada Lovelace', 'FD-0001', '68.1'):
        if wanted not in text:
            raise journey.JourneyError('the report does not say "%s"' % wanted)
    j.key('alt+c')      # Close
    j.wait_window('Vastus')


# 1 lbf is 4.4482216152605 N by definition.
LBF = 4.4482216152605


def in_lbf(value, unit):
    """A force exported in N, as the one in lbf it is (the export keeps a value's stored unit
    where it does not know the typed one); anything else as it is."""
    return (str(float(value) / LBF), 'lbf') if unit == 'N' else (value, unit)


def export_csv(j):
    path = os.path.join(j.tmp, 'patient.csv')
    j.key_to(R.PUSH_BUTTON, 'Report and Export')
    window = j.active_window_id()
    j.key('Return')
    j.key_to(R.MENU_ITEM, 'Export Patient Data…', key='Down')
    j.key('Return')
    j.save_as(window, path)
    j.wait(lambda: os.path.exists(path) and 'quadriceps_hhd' in open(path).read(), 'the CSV')
    j.wait_window('Vastus')
    with open(path, newline='') as f:
        rows = list(csv.DictReader(f))
    # Every value typed, in the unit it was typed in: (measure, side, trial) → (value, unit).
    expected = {('quadriceps_hhd', side, str(t + 1)): (float(v), 'lbf')
                for side, values in QUADRICEPS.items() for t, v in enumerate(values)}
    expected.update({
        ('thigh_girth_10', 'left', '1'): (44.5, 'cm'), ('thigh_girth_10', 'right', '1'): (46, 'cm'),
        ('effusion_stroke', 'left', '1'): ('1+', 'grade'),
        ('effusion_stroke', 'right', '1'): ('0', 'grade'),
        ('knee_flexion', 'left', '1'): (118, 'deg'), ('knee_flexion', 'right', '1'): (142, 'deg'),
        ('knee_extension', 'left', '1'): (3, 'deg'), ('knee_extension', 'right', '1'): (0, 'deg'),
        ('pain_nrs', 'none', '1'): (2, 'points'),
        ('single_hop', 'left', '1'): (110, 'cm'), ('single_hop', 'right', '1'): (150, 'cm'),
    })
    found = {(r['measure'], r['side'], r['trial']): in_lbf(r['value'], r['unit']) for r in rows}
    problems = []
    for key, (want, unit) in expected.items():
        got = found.pop(key, None)
        if got is None:
            problems.append('%s: missing' % (key,))
        elif got[1] != unit or (got[0] != want if isinstance(want, str)
                                else abs(float(got[0]) - want) > 1e-9 * max(1, want)):
            problems.append('%s: %s %s, not %s %s' % (key, got[0], got[1], want, unit))
    problems += ['%s: not entered, yet exported' % (key,) for key in found]
    if problems:
        raise journey.JourneyError('the CSV: ' + '; '.join(problems))
    if any(r['mrn'] != 'FD-0001' or r['visit_date'] != TODAY.isoformat() for r in rows):
        raise journey.JourneyError('the CSV has rows of another patient or day')


def first_day(j):
    j.step('the clinic\'s test battery, adapted from a built-in one', lambda: clinic_battery(j))
    j.step('Add Patient: the new patient\'s page', lambda: add_patient(j))
    j.step('the page leads on to the first episode of care', lambda: leads_to_episode(j))
    j.step('the first episode: ACL reconstruction, left knee, surgery 10 weeks ago',
           lambda: first_episode(j))
    j.step('Add Visit is enabled at once', lambda: add_visit_enabled(j))
    j.step('Add Visit opens the visit editor', lambda: open_visit_editor(j))
    j.step('a standard visit from the keyboard', lambda: standard_visit(j))
    j.step('Ctrl+S saves the visit', lambda: save_visit(j))
    j.step('the overview shows the LSI values', lambda: overview(j))
    j.step('the surgeon\'s PDF is exported', lambda: export_report(j))
    j.step('the patient\'s CSV is exported', lambda: export_csv(j))


if __name__ == '__main__':
    if '--narrow-dark' in sys.argv:
        journey.run(first_day, 'first-day-narrow-dark', width=360, height=720, dark=True)
    else:
        journey.run(first_day, 'first-day')
