#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Journey 2, a returning patient: Ctrl+F finds her by surname, a new visit carries the last
visit's unit and test conditions, and the new point appears on the charts."""

import datetime
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import journey  # noqa: E402
from journey import pyatspi_roles as R  # noqa: E402

TODAY = datetime.date.today()
SURGERY = TODAY - datetime.timedelta(days=120)
LAST_VISIT = TODAY - datetime.timedelta(days=14)



def prepare(j):
    # Two patients, one visit each two weeks ago: quadriceps by hand-held dynamometer in lbf
    # at a knee angle of 60° with a belt.
    rows = []
    for mrn, name in (('RP-0002', 'Grace Hopper'), ('RP-0003', 'Alan Turing')):
        for side, value in (('left', 70), ('right', 95)):
            rows.append('%s,%s,1985-02-03,female,aclr,left,%s,,%s,,,,,quadriceps_hhd,%s,1,%d,'
                        'lbf,no,60,,belt\n' % (mrn, name, SURGERY, LAST_VISIT, side, value))
    j.import_rows(rows)


def find_by_surname(j):
    j.open_patient('Hopper', 'Grace Hopper')
    j.wait(lambda: j.sensitive(j.find(R.PUSH_BUTTON, 'Add Visit')), 'Add Visit enabled')


def new_visit(j):
    j.key_to(R.PUSH_BUTTON, 'Add Visit')
    j.key('Return')
    j.wait_window('New Visit — Grace Hopper')
    left = 'Quadriceps HHD, left (involved)'
    j.key_to(R.TEXT, left, key='Return')
    # The last visit's unit and test conditions.
    unit = j.find(R.COMBO_BOX, 'Quadriceps HHD: unit')
    j.wait(lambda: 'lbf' in j.texts(unit), 'lbf, the last visit\'s unit (it shows %s)'
           % j.texts(unit))
    j.find(R.LABEL, 'Test conditions: knee angle 60°, belt', partial=True,
           what='the last visit\'s test conditions (knee angle 60°, belt)')
    j.fill(left, '78', j.wait_focus(R.TEXT, left))
    j.key('Tab')
    right = 'Quadriceps HHD, right'
    j.fill(right, '96', j.wait_focus(R.TEXT, right))
    j.key('ctrl+s')
    j.wait_window('Vastus')


def on_the_charts(j):
    j.key_to(R.PAGE_TAB, 'Charts')
    j.key('space')
    # The symmetry chart says how many visits it draws: the one before and today's.
    j.find(R.IMAGE, description='2 visits.', what='a chart of 2 visits')


def returning_patient(j):
    j.step('Ctrl+F finds the patient by surname', lambda: find_by_surname(j))
    j.step('a new visit carries the last visit\'s unit and test conditions', lambda: new_visit(j))
    j.step('the new point appears on the charts', lambda: on_the_charts(j))


if __name__ == '__main__':
    journey.run(returning_patient, 'returning-patient', prepare=prepare)
