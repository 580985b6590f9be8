/* vastus-data-export.h: "Export Data…" and "Export FHIR Bundle…": the flat CSV
 * (vastus-csv-export.h) or the HL7 FHIR R4 Bundle (vastus-fhir.h) saved from the app
 *
 * A save dialog (GtkFileChooserNative) suggests a name ("vastus-DEMO-001.csv", "vastus-all.csv",
 * "vastus-deidentified.csv"; "….fhir.json"), opens in the folder used last (GSettings
 * "export-folder") and has a "De-identify (for research)" choice. The export runs on the
 * clinic's workers, with progress and Cancel in the window's task bar; the file is written
 * atomically with mode 0600, like the database: it holds the same health data. The result is
 * shown as a toast.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "vastus-clinic.h"
#include "vastus-task-bar.h"

G_BEGIN_DECLS

/* Asks where to save, then exports the whole database (@mrn_or_null NULL) or one patient on
 * the clinic's workers, showing how far in @tasks (whose Cancel stops it, writing nothing);
 * @deidentify is the choice's initial state. The outcome goes to @toasts_or_null as a toast. */
void      vastus_data_export_run            (GtkWindow        *parent,
                                             VastusClinic     *clinic,
                                             const char       *mrn_or_null,
                                             gboolean          deidentify,
                                             VastusTaskBar    *tasks,
                                             AdwToastOverlay  *toasts_or_null);

/* The same for the FHIR Bundle of the clinic (@mrn_or_null NULL) or one patient. */
void      vastus_data_export_run_fhir       (GtkWindow        *parent,
                                             VastusClinic     *clinic,
                                             const char       *mrn_or_null,
                                             VastusTaskBar    *tasks,
                                             AdwToastOverlay  *toasts_or_null);

/* "vastus-DEMO-001.csv", "vastus-all.csv", "vastus-deidentified.csv" (a de-identified file
 * never carries the MRN in its name); "vastus-DEMO-001.fhir.json" … for the FHIR Bundle. */
char     *vastus_data_export_suggest_name   (const char       *mrn_or_null,
                                             gboolean          deidentify);
char     *vastus_data_export_suggest_fhir_name (const char    *mrn_or_null,
                                                gboolean       deidentify);

/* The part after the dialog: exports to @file (0600, atomically) through @clinic, remembers
 * its folder in @settings_or_null's "export-folder". finish: the message for the user, or NULL
 * with @error (whose message is translated, for the user) when nothing was written. */
void      vastus_data_export_write_async    (VastusClinic             *clinic,
                                             const char               *mrn_or_null,
                                             gboolean                  deidentify,
                                             GFile                    *file,
                                             GSettings                *settings_or_null,
                                             VastusClinicProgressFunc  progress,
                                             gpointer                  progress_data,
                                             GCancellable             *cancellable,
                                             GAsyncReadyCallback       callback,
                                             gpointer                  user_data);
/* The same for the FHIR Bundle, as of today, with the identifier system, clinic, rules and paper
 * of @settings_or_null (the defaults without): an identifier system that is not an absolute
 * URI is refused naming the setting and the value, nothing written. finish: as above. */
void      vastus_data_export_write_fhir_async (VastusClinic             *clinic,
                                               const char               *mrn_or_null,
                                               gboolean                  deidentify,
                                               GFile                    *file,
                                               GSettings                *settings_or_null,
                                               VastusClinicProgressFunc  progress,
                                               gpointer                  progress_data,
                                               GCancellable             *cancellable,
                                               GAsyncReadyCallback       callback,
                                               gpointer                  user_data);
char     *vastus_data_export_write_finish   (GAsyncResult             *result,
                                             GError                  **error);

/* The app's settings when its schema is installed and has "export-folder", else NULL. */
GSettings *vastus_data_export_get_settings  (void);

G_END_DECLS
