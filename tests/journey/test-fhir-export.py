#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Journey: a hospital's MRNs in a FHIR bundle. The clinic sets the identifier system its hospital
partners know its MRNs by in Preferences (a value that is no URI is refused as it is typed,
naming it), then exports a patient's record and the whole clinic's as FHIR bundles from the
window's menus; both pass the FHIR R4 schema validator the fhir suite uses."""

import datetime
import json
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import journey  # noqa: E402
from journey import pyatspi_roles as R  # noqa: E402

TODAY = datetime.date.today()
SURGERY = TODAY - datetime.timedelta(days=100)
VISIT = TODAY - datetime.timedelta(days=10)
SYSTEM = 'urn:oid:2.16.840.1.113883.19.5'

HEADER = ('mrn,family_name,given_name,birth_date,sex,condition,involved_side,surgery_date,'
          'visit_date,measure,side,trial,value,unit\n')


def prepare(j):
    rows = ['FX-0001,Solberg,Ingrid,1988-06-30,female,aclr,left,%s,%s,quadriceps_hhd,%s,1,%d,N\n'
            % (SURGERY, VISIT, side, value) for side, value in (('left', 300), ('right', 400))]
    rows += ['FX-0002,Amundsen,Per,1979-01-15,male,aclr,right,%s,%s,quadriceps_hhd,%s,1,%d,N\n'
             % (SURGERY, VISIT, side, value) for side, value in (('left', 420), ('right', 350))]
    path = os.path.join(j.tmp, 'clinic.csv')
    with open(path, 'w') as f:
        f.write(HEADER + ''.join(rows))
    j.cli('import', path)


REFUSED = ('The identifier system “hospital mrn” holds a space or a character outside ASCII. '
           'Exports go on using “https://vastus.github.io/fhir/sid/mrn”.')


def identifier_system(j):
    j.key('ctrl+comma')
    j.wait_window('Preferences')
    # On the first page, General, with the report's clinic and paper.
    j.key_to(R.PAGE_TAB, 'General')
    j.key('space')
    # The field after the paper size (GTK 4.8 does not report the focus of an entry row's text:
    # typing into it shows where the keyboard is).
    j.key_to(R.COMBO_BOX, 'Paper size')
    j.key('Tab')
    row = j.find(R.TEXT, 'Identifier system')
    # Vastus's own system until the clinic sets one.
    j.wait(lambda: j.text(row) == 'https://vastus.github.io/fhir/sid/mrn',
           'the default identifier system (it shows "%s")' % j.text(row))
    j.key('ctrl+a')
    j.type('hospital mrn')
    j.wait(lambda: j.text(row) == 'hospital mrn', 'the field showing "hospital mrn"')
    j.find(R.LABEL, REFUSED, what='the message naming the value typed')
    j.screenshot('identifier-system-refused')
    j.key('ctrl+a')
    j.type(SYSTEM)
    j.wait(lambda: j.text(row) == SYSTEM, 'the field showing "%s"' % SYSTEM)
    j.gone(R.LABEL, REFUSED)
    # Enter applies it; Escape closes Preferences.
    j.key('Return')
    j.key('Escape')
    j.wait_window('Vastus')


def validate(j, path):
    """The bundle in @path against the FHIR R4 JSON schema (tests/fhir-validate.js)."""
    script = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))),
                          'fhir-validate.js')
    r = subprocess.run(['node', script, os.path.join(j.build, 'fhir-validator'), path],
                       capture_output=True, text=True)
    if r.returncode != 0:
        raise journey.JourneyError('%s is not a valid FHIR R4 bundle: %s%s'
                                   % (path, r.stdout, r.stderr))
    with open(path) as f:
        return json.load(f)


def identifiers(bundle):
    return sorted((i['system'], i['value']) for e in bundle['entry']
                  if e['resource']['resourceType'] == 'Patient'
                  for i in e['resource']['identifier'])


def export_from_menu(j, item, name, mrns):
    """@item in the menu open with the keyboard on it, saved as @name: the toast names the file
    where it is, and the bundle is valid with the MRNs @mrns under the clinic's system."""
    path = os.path.join(j.tmp, name)
    window = j.active_window_id()
    j.key_to(R.MENU_ITEM, item, key='Down')
    j.screenshot('menu')
    j.key('Return')
    j.save_as(window, path)
    j.find(R.LABEL, 'FHIR bundle “%s” saved in %s; it holds health data, keep it safe'
           % (name, j.tmp), what='the message naming the file')
    j.screenshot('exported')
    bundle = j.wait(lambda: os.path.exists(path) and validate(j, path), 'the bundle')
    if identifiers(bundle) != [(SYSTEM, mrn) for mrn in mrns]:
        raise journey.JourneyError('the bundle identifies %s, not %s under %s'
                                   % (identifiers(bundle), mrns, SYSTEM))
    return bundle


def export_patient(j):
    j.open_patient('Solberg', 'Ingrid Solberg')
    j.key_to(R.PUSH_BUTTON, 'Report and Export')
    j.key('Return')
    bundle = export_from_menu(j, 'Export Patient FHIR Bundle…', 'ingrid.fhir.json', ['FX-0001'])
    # The surgeon's PDF inside it.
    if not any(e['resource']['resourceType'] == 'DiagnosticReport' and
               e['resource'].get('presentedForm') for e in bundle['entry']):
        raise journey.JourneyError('the bundle has no report with the PDF')


def export_clinic(j):
    # F10 opens the main menu (the keyboard's alone: the pointer away from it).
    j.park_pointer()
    j.key('F10')
    export_from_menu(j, 'Export FHIR Bundle…', 'clinic.fhir.json', ['FX-0001', 'FX-0002'])


def fhir_export(j):
    j.step('Preferences: the identifier system, refused as typed when no URI, then set',
           lambda: identifier_system(j))
    j.step('the patient\'s FHIR bundle, under that system, valid', lambda: export_patient(j))
    j.step('the clinic\'s FHIR bundle, valid', lambda: export_clinic(j))


if __name__ == '__main__':
    if '--narrow-dark' in sys.argv:
        journey.run(fhir_export, 'fhir-export-narrow-dark', prepare=prepare, width=360,
                    height=720, dark=True)
    else:
        journey.run(fhir_export, 'fhir-export', prepare=prepare)
