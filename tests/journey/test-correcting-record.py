#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Journey 3, correcting the record: an existing episode of care edited (side, surgery date,
restrictions, "no maximal testing before"), an episode created by mistake deleted and brought
back with Undo, and the patient edited; every view follows at once."""

import datetime
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import journey  # noqa: E402
from journey import pyatspi_roles as R  # noqa: E402

TODAY = datetime.date.today()
# Entered as 10 weeks (70 days) ago; the surgery was 9 weeks (63 days) ago, on the right knee.
SURGERY = TODAY - datetime.timedelta(days=70)
CORRECT_SURGERY = TODAY - datetime.timedelta(days=63)
NO_MAX_TEST = TODAY + datetime.timedelta(days=21)
VISIT = TODAY - datetime.timedelta(days=7)



def prepare(j):
    # Lin Ostrom, an ACL reconstruction entered on the wrong knee and date, one visit.
    rows = ['CR-0001,Lin Ostrom,1979-11-30,female,aclr,left,%s,,%s,,,,,quadriceps_hhd,%s,1,%d,'
            'N,no,60,,belt\n' % (SURGERY, VISIT, side, value)
            for side, value in (('left', 310), ('right', 400))]
    j.import_rows(rows)


def episodes(j):
    """The patient's episodes as vastus-cli lists them (condition, side, surgery date)."""
    listed = json.loads(j.cli('episodes', '--patient', 'CR-0001', '--json'))
    return sorted((e['condition'], e['involved_side'], e.get('surgery_date') or '')
                  for e in listed['episodes'])


def open_patient(j):
    j.open_patient('Ostrom', 'Lin Ostrom')
    j.find(R.LABEL, 'ACL reconstruction · Left knee · 10 weeks since surgery',
           what='the episode as it was entered')


def edit_episode(j):
    j.key_to(R.PUSH_BUTTON, 'Edit episode of care')
    j.key('Return')
    j.wait_window('Edit Episode')
    # The condition first, then the side: right.
    j.key_to(R.COMBO_BOX, 'Involved Side')
    j.choose('Involved Side', 'Right')
    # One stop per row: past the injury date to the surgery date.
    j.key('Tab', 'Tab')
    j.replace('Surgery Date', CORRECT_SURGERY.isoformat())
    # Past the surgeon and the procedure.
    j.key('Tab', 'Tab', 'Tab')
    j.fill('Surgeon’s Restrictions', 'No running before week 12')
    j.key('Tab')
    j.fill('No Maximal Testing Before', NO_MAX_TEST.isoformat())
    j.key('ctrl+s')
    j.wait_window('Vastus')
    # Every view at once: the header, the status (the restrictions, the flag they raise).
    j.find(R.LABEL, 'ACL reconstruction · Right knee · 9 weeks since surgery',
           what='the corrected episode in the header')
    j.find(R.LABEL, 'No running before week 12', what='the restrictions in the overview')
    j.find(R.LABEL, 'The surgeon allows no maximal testing before %s.' % NO_MAX_TEST.isoformat(),
           what='the flag of "no maximal testing before"')
    want = [('aclr', 'right', CORRECT_SURGERY.isoformat())]
    j.wait(lambda: episodes(j) == want, 'the episode stored as corrected: %s' % want)


def episode_by_mistake(j):
    # Add Episode of Care from the keyboard: patellofemoral pain, left knee.
    j.key('ctrl+shift+e')
    j.wait_window('New Episode')
    j.choose('Condition', 'Patellofemoral pain')
    j.key('Tab')
    j.choose('Involved Side', 'Left')
    j.key('ctrl+Return')
    j.wait_window('Vastus')
    j.find(R.LABEL, 'Patellofemoral pain · Left knee', what='the new episode shown')
    j.wait(lambda: len(episodes(j)) == 2, 'two episodes stored')


def delete_it(j):
    j.key_to(R.PUSH_BUTTON, 'Edit episode of care')
    j.key('Return')
    j.wait_window('Edit Episode')
    # At the end of the form, which scrolls there with the keyboard.
    j.key_to(R.PUSH_BUTTON, 'Delete Episode of Care')
    j.find(R.LABEL, 'Entered by mistake? It has no visits: it can be deleted, and brought back '
           'with Undo.', what='the editor offering to delete it')
    j.key('Return')
    j.wait_window('Vastus')
    j.find(R.LABEL, 'Patellofemoral pain · Left knee deleted', what='the toast with Undo')
    j.find(R.LABEL, 'ACL reconstruction · Right knee · 9 weeks since surgery',
           what='the episode left shown')
    j.wait(lambda: len(episodes(j)) == 1, 'one episode stored')


def undo(j):
    j.click(j.find(R.PUSH_BUTTON, 'Undo', what='the toast\'s Undo'))
    j.wait(lambda: len(episodes(j)) == 2, 'the episode back')
    j.find(R.LABEL, 'Patellofemoral pain · Left knee restored', what='the toast saying so')
    j.find(R.COMBO_BOX, 'Episode of care', what='the episode chooser, with both episodes')


def edit_patient(j):
    j.key_to(R.PAGE_TAB, 'Patient')
    j.key('space')
    j.key_to(R.PUSH_BUTTON, 'Edit patient')
    j.key('Return')
    j.wait_window('Edit Patient')
    # The MRN first, then the family name.
    j.key('Tab')
    j.replace('Family Name', 'Ostrom-Kay')
    j.key('ctrl+s')
    j.wait_window('Vastus')
    j.find(R.LABEL, 'Lin Ostrom-Kay', what='the new name on the page')
    patients = j.find(R.LIST, 'Patients')
    j.wait(lambda: any((c.name or '').startswith('Lin Ostrom-Kay') for c in
                       (patients.getChildAtIndex(i) for i in range(patients.childCount))),
           'the new name in the list')


def correcting(j):
    j.step('the patient, found by surname', lambda: open_patient(j))
    j.step('the episode corrected: side, surgery date, restrictions, no maximal testing before',
           lambda: edit_episode(j))
    j.step('an episode created by mistake', lambda: episode_by_mistake(j))
    j.step('the mistake deleted from its editor', lambda: delete_it(j))
    j.step('brought back with Undo', lambda: undo(j))
    j.step('the patient edited', lambda: edit_patient(j))


if __name__ == '__main__':
    journey.run(correcting, 'correcting-record', prepare=prepare)
