/* vastus-import-preview.h: what an import stores, or why it cannot, before it runs
 *
 * A page: one sentence (how many new visits and values, or how many problems), the problems each
 * with its line, column and cell, the file's first rows with the problems marked where they are,
 * each visit with its patient, date and values (as the file has them, in its units), and what is
 * not read (columns, other tests).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "vastus-clinic-import.h"

G_BEGIN_DECLS

#define VASTUS_TYPE_IMPORT_PREVIEW (vastus_import_preview_get_type ())
G_DECLARE_FINAL_TYPE (VastusImportPreview, vastus_import_preview, VASTUS, IMPORT_PREVIEW,
                      AdwPreferencesPage)

GtkWidget *vastus_import_preview_new      (void);
/* @rows: the file's first rows (of GStrv); @result: the dry run's. Both read at once. */
void       vastus_import_preview_set      (VastusImportPreview      *self,
                                           GPtrArray                *rows,
                                           const VastusImportResult *result);
/* Whether the result can be imported: no problems, and something to store. */
gboolean   vastus_import_preview_can_import (VastusImportPreview    *self);
/* For tests: "summary" (GtkLabel), "problems", "visits", "notes" (AdwPreferencesGroup), "rows"
 * (VastusImportTable). */
GtkWidget *vastus_import_preview_get_part (VastusImportPreview      *self,
                                           const char               *name);

G_END_DECLS
