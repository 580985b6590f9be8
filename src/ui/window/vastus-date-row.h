/* vastus-date-row.h: a date field that says how to write the date
 *
 * A date field is titled with what the date is ("Birth Date"); beside what is typed it shows the
 * date form it takes as the locale writes dates ("DD.MM.YYYY" under German conventions, in the
 * letters of the window's language: "TT.MM.JJJJ"), a label a screen reader reads in the row.
 * ISO dates (2026-12-31) are read everywhere too.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

void vastus_date_row_show_pattern (AdwEntryRow *row);

G_END_DECLS
