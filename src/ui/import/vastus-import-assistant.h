/* vastus-import-assistant.h: "Import from a Device or Spreadsheet…"
 *
 * A window of pages: choose a file (or drop it); its first rows, the profile recognised or
 * chosen (or its columns chosen here, each with a drop-down guessed from its header), the
 * patient when the file names none; a preview of the visits and values the import stores, with
 * its problems in place; the import, saying how far it is, with Stop; "Save as Profile…" for
 * the next file of the kind. Everything runs on the clinic's workers; the visits imported reach
 * an open patient page through the clinic's changes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "vastus-clinic.h"

G_BEGIN_DECLS

#define VASTUS_TYPE_IMPORT_ASSISTANT (vastus_import_assistant_get_type ())
G_DECLARE_FINAL_TYPE (VastusImportAssistant, vastus_import_assistant, VASTUS, IMPORT_ASSISTANT,
                      AdwWindow)

/* @patient: the patient the window shows (the first choice for a file that names none), or
 * NULL. ::show-patient (gint64 id) asks the window to show the patient imported. */
VastusImportAssistant *vastus_import_assistant_new       (GtkWindow             *parent,
                                                          VastusClinic          *clinic,
                                                          const VastusPatient   *patient);
/* Reads the file at @path (chosen, or dropped on a window). */
void                   vastus_import_assistant_open_file (VastusImportAssistant *self,
                                                          const char            *path);
/* For tests: the page shown ("choose", "working", "columns", "preview", "done") and parts by
 * name: "columns-page" (VastusImportColumns), "preview" (VastusImportPreview), "next",
 * "import", "back", "stop", "show-patient" (GtkButton), "progress" (GtkProgressBar), "done"
 * (AdwStatusPage), else the columns page's parts (vastus_import_columns_get_part ()). */
const char            *vastus_import_assistant_get_page  (VastusImportAssistant *self);
GtkWidget             *vastus_import_assistant_get_part  (VastusImportAssistant *self,
                                                          const char            *name);

G_END_DECLS
