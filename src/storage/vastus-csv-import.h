/* vastus-csv-import.h: flat CSV (product.md "Flat CSV") into the database, all or nothing
 *
 * Every file is read, parsed and checked completely first; nothing is written while any error
 * remains. Then everything goes in one transaction. Importing the same file twice adds nothing
 * the second time: a measurement already stored for the same patient, episode, visit date,
 * measure, side and trial is skipped when it is identical and is an error when it differs.
 * Soft validation problems (unusual but possible values) do not block an import; they are
 * returned as warnings. Hard problems are errors.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "vastus-csv.h"
#include "vastus-database.h"

G_BEGIN_DECLS

typedef struct _VastusCsvImport VastusCsvImport;

typedef struct
{
  guint patients;           /* added */
  guint episodes;
  guint visits;
  guint measurements;
  guint skipped;            /* measurements already stored, identical */
} VastusCsvImportCounts;

VastusCsvImport *vastus_csv_import_new          (VastusDatabase   *db);
void             vastus_csv_import_free         (VastusCsvImport  *self);

/* Parses and checks one file's contents against the database and the files added before it;
 * writes nothing. @name names the file in messages ("FILE: line 4, column 5 (value): …").
 * Returns FALSE, with @error set from the first error found, when this file has errors; the
 * import then refuses to commit. */
gboolean         vastus_csv_import_add_data     (VastusCsvImport  *self,
                                                 const char       *name,
                                                 const char       *data,
                                                 gsize             length,
                                                 GError          **error);

/* Every error found so far (char*), each a one-line message naming file, line and column. */
GPtrArray       *vastus_csv_import_get_errors   (VastusCsvImport  *self);
/* Soft problems (char*), in the same form; they do not block the import. */
GPtrArray       *vastus_csv_import_get_warnings (VastusCsvImport  *self);

/* Stores everything added, in one transaction; on any failure nothing is stored. */
gboolean         vastus_csv_import_commit       (VastusCsvImport       *self,
                                                 VastusCsvImportCounts *counts,
                                                 GError               **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VastusCsvImport, vastus_csv_import_free)

G_END_DECLS
