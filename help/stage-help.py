#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The user guide laid out in the build tree as it is installed, so that yelp finds it there:
#
#   stage-help.py DATADIR APP_ID STAMP PAGE… [-- LANG=PO…]
#
# copies the English pages (help/C) to DATADIR/help/C/APP_ID/ and builds each translation from
# its .po with msgfmt and itstool (as meson's gnome.yelp does when installing) into
# DATADIR/help/LANG/APP_ID/. build-aux/dev run puts DATADIR first in XDG_DATA_DIRS, so F1 opens
# the guide of the build tree in the language of the session. A translation itstool cannot
# merge (broken markup) stays English on that paragraph; the help-translations test fails on it.
import os
import shutil
import subprocess
import sys
import tempfile


def main(argv):
    datadir, app_id, stamp = argv[1:4]
    rest = argv[4:]
    split = rest.index('--') if '--' in rest else len(rest)
    pages, translations = rest[:split], rest[split + 1:]

    # Afresh: a language taken out of LINGUAS goes too.
    shutil.rmtree(os.path.join(datadir, 'help'), ignore_errors=True)
    english = os.path.join(datadir, 'help', 'C', app_id)
    os.makedirs(english)
    for page in pages:
        shutil.copy(page, english)

    with tempfile.TemporaryDirectory() as tmp:
        for translation in translations:
            lang, po = translation.split('=', 1)
            out = os.path.join(datadir, 'help', lang, app_id)
            mo = os.path.join(tmp, lang + '.mo')
            os.makedirs(out)
            subprocess.run(['msgfmt', po, '-o', mo], check=True)
            subprocess.run(['itstool', '-m', mo, '--lang', lang, '-o', out + os.sep] + pages,
                           check=True)

    with open(stamp, 'w'):
        pass
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
