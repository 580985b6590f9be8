#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Journey 1, a clinic's first day: an empty database → a patient → the first episode of care →
a standard visit entered from the keyboard → the overview → the surgeon's PDF → the patient's
CSV. With --narrow-dark, journey 5: the same at 360 × 720 in the dark style."""

import datetime
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import journey  # noqa: E402
from journey import pyatspi_roles as R  # noqa: E402

TODAY = datetime.date.today()
# Surgery ten weeks ago: 70 days.
SURGERY = TODAY - datetime.timedelta(days=70)


def add_patient(j):
    j.key('ctrl+n')
    j.wait_window('New Patient')
    j.fill('Medical Record Number (MRN)', 'FD-0001')
    j.key('Tab')
    j.fill('Name', 'Ada Lovelace')
    j.key('Tab')
    j.fill('Birth Date (YYYY-MM-DD)', '1990-04-12')
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
    j.fill('Surgery Date (YYYY-MM-DD)', SURGERY.isoformat())
    j.key('Return')
    j.wait_window('Vastus')


def add_visit_enabled(j):
    # 70 days after the surgery: 10 weeks.
    j.find(R.LABEL, 'ACL reconstruction · Left knee · 10 weeks since surgery',
           what='the episode in the page\'s header')
    j.gone(R.LABEL, 'No episode of care recorded')
    button = j.find(R.PUSH_BUTTON, 'Add Visit')
    j.wait(lambda: j.sensitive(button), 'Add Visit enabled')


def first_day(j):
    j.step('Add Patient: the new patient\'s page', lambda: add_patient(j))
    j.step('the page leads on to the first episode of care', lambda: leads_to_episode(j))
    j.step('the first episode: ACL reconstruction, left knee, surgery 10 weeks ago',
           lambda: first_episode(j))
    j.step('Add Visit is enabled at once', lambda: add_visit_enabled(j))


if __name__ == '__main__':
    if '--narrow-dark' in sys.argv:
        journey.run(first_day, 'first-day-narrow-dark', width=360, height=720, dark=True)
    else:
        journey.run(first_day, 'first-day')
