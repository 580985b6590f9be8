/* vastus-data-export.h: "Export Data…": the flat CSV (vastus-csv-export.h) saved from the app
 *
 * A save dialog (GtkFileChooserNative) suggests a name ("vastus-DEMO-001.csv", "vastus-all.csv",
 * "vastus-deidentified.csv"), opens in the folder used last (GSettings "export-folder") and has a
 * "De-identify (for research)" choice. The file is written atomically with mode 0600, like the
 * database: it holds the same health data. The result is shown as a toast.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "vastus-database.h"

G_BEGIN_DECLS

/* Asks where to save, then exports the whole database (@mrn_or_null NULL) or one patient;
 * @deidentify is the choice's initial state. The outcome goes to @toasts_or_null as a toast.
 * Keeps a reference to @db until the dialog is answered. */
void      vastus_data_export_run            (GtkWindow        *parent,
                                             VastusDatabase   *db,
                                             const char       *mrn_or_null,
                                             gboolean          deidentify,
                                             AdwToastOverlay  *toasts_or_null);

/* "vastus-DEMO-001.csv", "vastus-all.csv", "vastus-deidentified.csv" (a de-identified file
 * never carries the MRN in its name). */
char     *vastus_data_export_suggest_name   (const char       *mrn_or_null,
                                             gboolean          deidentify);

/* The part after the dialog: exports to @file (0600, atomically), remembers its folder in
 * @settings_or_null's "export-folder" and returns the message for the user. NULL with @error
 * (whose message is translated, for the user) when nothing could be written. */
char     *vastus_data_export_write          (VastusDatabase   *db,
                                             const char       *mrn_or_null,
                                             gboolean          deidentify,
                                             GFile            *file,
                                             GSettings        *settings_or_null,
                                             GError          **error);

/* The app's settings when its schema is installed and has "export-folder", else NULL. */
GSettings *vastus_data_export_get_settings  (void);

G_END_DECLS
