#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Journey: the lead therapist's caseload. Ctrl+L opens it over the demo patients, the therapist
filter narrows it to one therapist's patient, Enter on that line opens the patient's page in the
main window, and Ctrl+L brings the caseload back as it was. With --narrow-dark, the same at
360 × 720 in the dark style, where a line for each patient takes the table's place and the sort
menu its column headers': ordered by weeks from the menu first."""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import journey  # noqa: E402
from journey import pyatspi_roles as R  # noqa: E402

# The demo's three patients, each with a treating therapist (src/model/vastus-demo.c): Jonas
# Lindqvist and Margaret Oduya with M. Okafor, Sofia Marin with L. Haddad.


def prepare(j):
    j.cli('demo')


def open_caseload(j):
    j.wait_window('Vastus')
    j.find(R.PUSH_BUTTON, 'Clinician entering data', what='the main window\'s header')
    # The clinic open and its patients listed (a slow start, under the sanitizer, is still
    # opening the database when the header shows).
    j.find(R.LABEL, 'Jonas Lindqvist', what='the demo patients listed', partial=True)
    j.key('ctrl+l')
    j.wait_window('Caseload')
    j.find(R.LABEL, '3 patients, 0 due for re-test', what='the count of 3 patients')
    j.wait(lambda: len(j.find_all(R.LABEL, 'M. Okafor, PT')) == 2, 'M. Okafor twice')
    j.find(R.LABEL, 'L. Haddad, PT', what='L. Haddad\'s patient')


def names_top_to_bottom(j, names):
    """The patients of @names shown in the active window, top to bottom."""
    found = [(j.extents(acc)[1], name) for name in names for acc in j.find_all(R.LABEL, name)]
    return [name for _, name in sorted(found)]


def sort_from_menu(j):
    # Weeks since surgery (src/model/vastus-demo.c): Margaret Oduya about 13, Jonas Lindqvist
    # about 39, Sofia Marin none (last); by name before.
    names = ['Jonas Lindqvist', 'Margaret Oduya', 'Sofia Marin']
    j.wait(lambda: names_top_to_bottom(j, names) == names, 'the lines by name')
    j.key_to(R.PUSH_BUTTON, 'Sort patients')
    j.key('Return')
    j.key_to(R.MENU_ITEM, 'Weeks', key='Down')
    j.screenshot('sort-menu')
    j.key('Return')
    order = ['Margaret Oduya', 'Jonas Lindqvist', 'Sofia Marin']
    j.wait(lambda: names_top_to_bottom(j, names) == order,
           'the lines by weeks, %s (they show %s)' % (order, names_top_to_bottom(j, names)))


def filter_by_therapist(j):
    j.key_to(R.COMBO_BOX, 'Treating therapist')
    j.choose('Treating therapist', 'L. Haddad, PT')
    j.find(R.LABEL, '1 patient, 0 due for re-test', what='the count of 1 patient')
    j.gone(R.LABEL, 'M. Okafor, PT', what='M. Okafor\'s patients to leave the table')


def enter_opens_patient(j):
    # From the therapist filter, Tab reaches the table's line (GTK 4.8 does not report the
    # focus of a table's line to the accessibility tree: the window shows where it went).
    j.wait_focus(R.COMBO_BOX, 'Treating therapist')
    j.key('Tab')
    j.key('Return')
    j.wait_window('Vastus')
    j.find(R.LABEL, 'Sofia Marin', what='the page of Sofia Marin')


def back_to_caseload(j):
    j.key('ctrl+l')
    j.wait_window('Caseload')
    j.find(R.LABEL, '1 patient, 0 due for re-test', what='the caseload as it was left')
    j.wait(lambda: len([w for w in j.windows() if w.name == 'Caseload']) == 1, 'one caseload')


def caseload(j, narrow=False):
    j.step('Ctrl+L opens the caseload of the demo patients', lambda: open_caseload(j))
    if narrow:
        j.step('the sort menu orders the lines by weeks', lambda: sort_from_menu(j))
    j.step('the therapist filter shows L. Haddad\'s patient alone', lambda: filter_by_therapist(j))
    j.step('Enter on the line opens the patient in the main window', lambda: enter_opens_patient(j))
    j.step('Ctrl+L brings the same caseload back', lambda: back_to_caseload(j))


if __name__ == '__main__':
    if '--narrow-dark' in sys.argv:
        journey.run(lambda j: caseload(j, narrow=True), 'caseload-narrow-dark', prepare=prepare,
                    width=360, height=720, dark=True)
    else:
        journey.run(caseload, 'caseload', prepare=prepare)
