/* vastus-import-table.h: the first rows of a file being imported, with its problems in place
 *
 * A grid of the file's header and first rows as they are written (each row numbered by its line
 * in the file), scrolled sideways when it is wider than the window. A cell an import error names
 * (its line and column) is marked and says the error in its tooltip and accessible description;
 * so does a whole row when the error names no column.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "vastus-clinic-import.h"

G_BEGIN_DECLS

#define VASTUS_TYPE_IMPORT_TABLE (vastus_import_table_get_type ())
G_DECLARE_FINAL_TYPE (VastusImportTable, vastus_import_table, VASTUS, IMPORT_TABLE, AdwBin)

GtkWidget   *vastus_import_table_new        (void);
/* @rows: of GStrv, the header first (line 1), then one row per line. */
void         vastus_import_table_set_rows   (VastusImportTable *self,
                                             GPtrArray         *rows);
/* @errors: of VastusImportMessage* (NULL: none). Returns how many are on the rows shown. */
guint        vastus_import_table_set_errors (VastusImportTable *self,
                                             GPtrArray         *errors);
/* For tests: the label of @line (1: the header) and @column (1-based; 0: the line number), or
 * NULL. */
GtkLabel    *vastus_import_table_get_cell   (VastusImportTable *self,
                                             guint              line,
                                             guint              column);

G_END_DECLS
