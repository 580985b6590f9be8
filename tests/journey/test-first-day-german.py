#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""A clinic's first day in German: Vastus started under de_DE.UTF-8 (the build's catalogues) on an
empty database → a patient, with the birth date typed as Germans write it → the first episode of
care → a visit with thigh girths typed with a decimal comma → the overview shows them, and their
symmetry, with decimal commas. Every name is read through the accessibility tree in German: the
German of each label comes from the German catalogue itself."""

import datetime
import gettext
import locale
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import journey  # noqa: E402
from journey import pyatspi_roles as R  # noqa: E402

BUILD = os.environ.get('JOURNEY_BUILD_DIR', '')
LOCALEDIR = os.path.join(BUILD, 'po')
# The session the journey starts (journey.py copies this environment) is German.
os.environ.update(LC_ALL='de_DE.UTF-8', LANGUAGE='de', VASTUS_LOCALEDIR=LOCALEDIR)
DE = gettext.translation('vastus', localedir=LOCALEDIR, languages=['de'])

TODAY = datetime.date.today()
SURGERY = TODAY - datetime.timedelta(days=70)


def T(msgid):
    """The German of @msgid, as the window shows it (mnemonic underscores are not part of an
    accessible name); a message without German fails the journey."""
    text = DE.gettext(msgid)
    if text == msgid:
        raise journey.JourneyError('no German for "%s"' % msgid)
    return text.replace('_', '')


def date_pattern():
    """The pattern a date field shows: the order and separators of the German locale's own date
    form (its D_FMT), the letters from the German catalogue (TT.MM.JJJJ)."""
    locale.setlocale(locale.LC_TIME, 'de_DE.UTF-8')
    form = locale.nl_langinfo(locale.D_FMT)
    locale.setlocale(locale.LC_TIME, 'C')
    for field, letters in (('%d', 'DD'), ('%m', 'MM'), ('%Y', 'YYYY')):
        form = form.replace(field, DE.pgettext('date pattern', letters))
    return form


def german_date(day):
    return day.strftime('%d.%m.%Y')


def add_patient(j):
    j.key('ctrl+n')
    j.wait_window(T('New Patient'))
    j.fill(T('Medical Record Number (MRN)'), 'DE-0001')
    j.key('Tab')
    j.fill(T('Family Name'), 'Berg')
    j.key('Tab')
    j.fill(T('Given Names'), 'Jonas')
    j.key('Tab')
    # The birth date as Germans write it; the field says so.
    j.find(R.LABEL, date_pattern(), what='the date form %s beside the birth date' % date_pattern())
    j.fill(T('Birth Date'), '12.04.1990')
    j.key('Return')
    j.wait_window('Vastus')
    j.find(R.LABEL, 'Jonas Berg', what='the new patient\'s page')


def first_episode(j):
    j.wait_focus(R.PUSH_BUTTON, T('Add _Episode of Care'),
                 what='the keyboard on "%s"' % T('Add _Episode of Care'))
    j.key('Return')
    j.wait_window(T('New Episode'))
    j.find(R.COMBO_BOX, T('_Condition'))
    j.key('Tab')
    j.choose(T('Involved Side'), T('Left'))
    j.key('Tab', 'Tab')          # past the injury date
    j.fill(T('Surgery Date'), german_date(SURGERY))
    j.key('Return')
    j.wait_window('Vastus')
    add_visit = j.find(R.PUSH_BUTTON, T('_Add Visit'))
    j.wait(lambda: j.sensitive(add_visit), '"%s" enabled' % T('_Add Visit'))


def girth_field(side):
    label = T('Thigh girth 10 cm')
    if side == 'left':
        return T('%s, %s (involved)') % (label, T('left'))
    return DE.gettext('%s, %s') % (label, T('right'))


def visit(j):
    j.key('ctrl+Tab')
    j.key_to(R.PUSH_BUTTON, T('_Add Visit'))
    j.key('Return')
    j.wait_window(T('New Visit — %s') % 'Jonas Berg')
    # Decimal commas, as a German clinic types them.
    j.key_to(R.TEXT, girth_field('left'))
    j.fill(girth_field('left'), '44,5')
    j.key_to(R.TEXT, girth_field('right'))
    j.fill(girth_field('right'), '46')
    j.key('ctrl+s')
    j.wait_window('Vastus')


def overview(j):
    table = j.find(R.TABLE, T('Key measures at the latest visit'))
    # Worked out by hand: 44.5 cm against 46.0 cm, LSI 44.5 / 46 = 96.739… % → "96,7 %".
    label = T('Thigh girth 10 cm')
    expected = ['44,5 cm', '46,0 cm', '96,7 %']

    def row():
        cells = [table.getChildAtIndex(i) for i in range(table.childCount)]
        for i, cell in enumerate(cells):
            if cell.getRole() == R.ROW_HEADER and cell.name == label:
                return [c.name for c in cells[i + 1:i + 4]]
        return None
    j.wait(lambda: row() == expected,
           'the girths in the overview as %s (it shows %s)' % (expected, row()))


def first_day_german(j):
    j.step('Neuer Patient, the birth date typed as 12.04.1990', lambda: add_patient(j))
    j.step('the first episode of care, the surgery date in German form', lambda: first_episode(j))
    j.step('a visit with girths typed as 44,5 and 46', lambda: visit(j))
    j.step('the overview shows 44,5 cm, 46,0 cm and 96,7 %', lambda: overview(j))


if __name__ == '__main__':
    journey.run(first_day_german, 'first-day-german')
