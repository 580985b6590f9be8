#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Journey 3, a device's export: with the patient's page open, Ctrl+I opens the import
assistant, the file is chosen in the file chooser, its profile is recognised (a Nordic-hamstring
board's export, which names the patient but gives no MRN: the patient open is the one chosen),
the preview shows the visits and values, Import stores them, and the page shows them."""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import journey  # noqa: E402
from journey import pyatspi_roles as R  # noqa: E402

# The board writes its times in UTC; the clinic here is at UTC too, so that 11:30 PM on 3/14
# stays 14 March.
os.environ['TZ'] = 'UTC'

EXPORT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'data', 'device',
                      'nordbord.csv')


def prepare(j):
    # Jane Doe, left ACL reconstruction on 10 January 2026, a first visit on 1 February.
    path = os.path.join(j.tmp, 'clinic.csv')
    with open(path, 'w') as f:
        f.write('mrn,name,birth_date,sex,condition,involved_side,surgery_date,visit_date,'
                'measure,side,value,unit\n'
                'FX-1,Jane Doe,1990-04-01,female,aclr,left,2026-01-10,2026-02-01,'
                'quadriceps_hhd,left,200,N\n')
    j.cli('import', path)


def open_patient(j):
    j.key('ctrl+f')
    j.fill('Search patients by name or MRN', 'Doe',
           j.wait_focus(R.ENTRY, 'Search patients by name or MRN'))
    j.key('Down')
    j.key('Return')
    j.find(R.LABEL, 'Jane Doe', what='her page')
    j.wait(lambda: j.sensitive(j.find(R.PUSH_BUTTON, 'Add Visit')), 'her page read')


def choose_file(j):
    j.key('ctrl+i')
    j.wait_window('Import from a Device or Spreadsheet')
    assistant = j.active_window_id()
    j.wait_focus(R.PUSH_BUTTON, 'Choose File…')
    j.key('Return')
    j.wait(lambda: j.active_window_id() not in (None, assistant), 'the file chooser')
    j.key('ctrl+l')
    j.type(os.path.abspath(EXPORT))
    j.key('Return')
    j.wait(lambda: j.active_window_id() == assistant, 'the file chooser to close')


def profile_recognised(j):
    j.find(R.LABEL, 'NordBord (Hub CSV export)', what='the profile NordBord chosen')
    j.find(R.LABEL, 'Recognised from the file’s columns', what='that it was recognised')
    # The first rows as the file has them (the first columns: the table scrolls sideways).
    j.find(R.LABEL, '3/14/2026', what='the first test\'s date in the rows shown')


def patient_chosen(j):
    # The file gives a name and no MRN: the patient whose page is open is the one chosen (below
    # the columns: the keyboard goes there).
    j.key_to(R.LIST_ITEM, 'Jane Doe')
    j.find(R.LABEL, 'MRN FX-1', what='Jane Doe (MRN FX-1) chosen')
    j.wait(lambda: j.sensitive(j.find(R.PUSH_BUTTON, 'Next')), 'Next enabled')
    j.key('alt+n')


def preview(j):
    j.find(R.LABEL, '2 new visits and 4 values will be imported', what='the preview\'s summary')
    j.find(R.LABEL, 'Nordic hamstrings, left: 312.5 N', partial=True,
           what='the first test\'s left force in the preview')
    j.find(R.LABEL, 'Nordic hamstrings, right: 301.25 N', partial=True,
           what='the second test\'s right force, unrounded')
    # Further down (at 360 px below the window's edge): Tab until it is in view.
    note = 'the test “ISO Prone” is not one profile “nordbord” reads'
    for _ in range(40):
        if j.find_all(R.LABEL, note, partial=True):
            break
        j.key('Tab')
    j.find(R.LABEL, note, partial=True, what='the isometric test listed as not read')


def imported(j):
    j.wait(lambda: j.sensitive(j.find(R.PUSH_BUTTON, 'Import')), 'Import enabled')
    j.key('alt+i')
    j.find(R.LABEL, 'Imported 2 new visits and 4 values', what='the import done')


def on_the_page(j):
    j.key('alt+p')      # Show the Patient
    j.wait_window('Vastus')
    # The page followed the clinic's change: her latest visit (2 April) has the Nordic forces.
    j.find(R.LABEL, 'Nordic hamstrings', partial=True, what='the Nordic forces on her overview')
    j.key_to(R.PAGE_TAB, 'Visits')
    j.key('space')
    j.find(R.LABEL, '2 Apr 2026', partial=True, what='the visit of 2 April in her visits')
    j.find(R.LABEL, '14 Mar 2026', partial=True, what='the visit of 14 March in her visits')


def device_import(j):
    j.step('her page is open', lambda: open_patient(j))
    j.step('Ctrl+I opens the assistant; the export is chosen in the file chooser',
           lambda: choose_file(j))
    j.step('the profile is recognised from the file\'s columns', lambda: profile_recognised(j))
    j.step('the patient open is the one chosen', lambda: patient_chosen(j))
    j.step('the preview shows the visits and values', lambda: preview(j))
    j.step('Import stores them', lambda: imported(j))
    j.step('the visits are on her page', lambda: on_the_page(j))


if __name__ == '__main__':
    if '--narrow-dark' in sys.argv:
        journey.run(device_import, 'device-import-narrow-dark', prepare=prepare, width=360,
                    height=720, dark=True)
    else:
        journey.run(device_import, 'device-import', prepare=prepare)
