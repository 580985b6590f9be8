/* vastus-import-column-row.h: one column of a file being imported, and what it is read as
 *
 * A row titled with the column's header, its first values beneath, that opens on drop-downs
 * for its role (not read, the patient's MRN or name, the date, the time, a value) and, for a
 * value, its measure (or the visit's body mass or height), side and unit. A column a profile
 * reads in a way these cannot say (under a direction, from a letter in the cell) shows what the
 * profile reads instead. ::changed says a person changed a drop-down.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "vastus-profile-guess.h"

G_BEGIN_DECLS

#define VASTUS_TYPE_IMPORT_COLUMN_ROW (vastus_import_column_row_get_type ())
G_DECLARE_FINAL_TYPE (VastusImportColumnRow, vastus_import_column_row, VASTUS, IMPORT_COLUMN_ROW,
                      AdwExpanderRow)

/* @sample: the first values, for the subtitle (may be NULL). */
GtkWidget                 *vastus_import_column_row_new         (const char *header,
                                                                 const char *sample);
/* What the drop-downs show (copied). */
void                       vastus_import_column_row_set_mapping (VastusImportColumnRow     *self,
                                                                 const VastusColumnMapping *mapping);
const VastusColumnMapping *vastus_import_column_row_get_mapping (VastusImportColumnRow     *self);
/* What a profile reads from the column when a mapping cannot say it; NULL: the drop-downs. */
void                       vastus_import_column_row_set_fixed   (VastusImportColumnRow     *self,
                                                                 const char                *description);
/* A problem of this column's choices (NULL: none), shown on the row. */
void                       vastus_import_column_row_set_problem (VastusImportColumnRow     *self,
                                                                 const char                *problem);
/* For tests: "role", "measure", "side" or "unit" (an AdwComboRow). */
AdwComboRow               *vastus_import_column_row_get_combo   (VastusImportColumnRow     *self,
                                                                 const char                *name);

G_END_DECLS
