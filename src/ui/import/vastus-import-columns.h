/* vastus-import-columns.h: how a file is read: its profile, its columns, its patient
 *
 * The import assistant's second page: the profile recognised or chosen, or "Columns Chosen
 * Here" with the file's layout (delimiter, decimal mark, encoding, date format) and a drop-down
 * per column guessed from its header; the file's first rows; the patient (the file's MRN column,
 * or one chosen when it names none); "Save as Profile…" for the columns chosen here. "ready"
 * says when there is a profile to import with and a patient where one is needed; ::message
 * (string) has something for the window to say.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "vastus-clinic-import.h"
#include "vastus-profile-guess.h"

G_BEGIN_DECLS

#define VASTUS_TYPE_IMPORT_COLUMNS (vastus_import_columns_get_type ())
G_DECLARE_FINAL_TYPE (VastusImportColumns, vastus_import_columns, VASTUS, IMPORT_COLUMNS,
                      AdwPreferencesPage)

/* @patient: the one the window shows (the first choice for a file that names none), or NULL. */
GtkWidget              *vastus_import_columns_new             (VastusClinic        *clinic,
                                                               const VastusPatient *patient);
/* Shows @file (taken): through the profile that fits it, else with its columns guessed. FALSE
 * (and ::message) when its first rows cannot be read. */
gboolean                vastus_import_columns_set_file        (VastusImportColumns *self,
                                                               VastusImportFile    *file);
const VastusImportFile *vastus_import_columns_get_file        (VastusImportColumns *self);
/* The first rows, as read now (of GStrv), or NULL. */
GPtrArray              *vastus_import_columns_get_rows        (VastusImportColumns *self);
gboolean                vastus_import_columns_get_ready       (VastusImportColumns *self);
/* The profile to import with, or NULL while not ready. */
const VastusProfile    *vastus_import_columns_get_profile     (VastusImportColumns *self);
/* The patient chosen for a file that names none by MRN (NULL and 0 otherwise). */
const char             *vastus_import_columns_get_patient_mrn (VastusImportColumns *self);
gint64                  vastus_import_columns_get_patient_id  (VastusImportColumns *self);
void                    vastus_import_columns_focus           (VastusImportColumns *self);
/* For tests: "profile", "delimiter", "decimal", "encoding", "date-format" (AdwComboRow),
 * "rows" (VastusImportTable), "columns" (AdwPreferencesGroup), "patient"
 * (VastusImportPatient), "save" (GtkMenuButton), "save-name" (GtkEntry), "save-profile"
 * (GtkButton). */
GtkWidget              *vastus_import_columns_get_part        (VastusImportColumns *self,
                                                               const char          *name);
/* For tests: the column rows (VastusImportColumnRow), in the file's order. */
GPtrArray              *vastus_import_columns_get_column_rows (VastusImportColumns *self);

G_END_DECLS
