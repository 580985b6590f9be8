/* vastus-csv-import.h: flat CSV (product.md "Flat CSV") into the database, all or nothing
 *
 * One streaming pass: each row is read, checked and written inside one write transaction
 * (BEGIN IMMEDIATE) that the import holds from its first file to its commit, so that patients,
 * episodes and visits are looked up under the same lock as they are written: two imports of one
 * file at the same time add its visits once. Any error rolls everything back. Memory holds the
 * row being read, the visit being filled and a few bytes per patient, episode and visit added,
 * never the file: a 500 MB file imports in well under 200 MB.
 *
 * Importing the same file twice adds nothing the second time: a measurement already stored for
 * the same patient, episode, visit date, measure, side and trial is skipped when it is identical
 * and is an error when it differs. Everything the database would refuse is refused first, with a
 * message naming file, line, column and the limit. Soft problems (unusual but possible values)
 * do not block an import; they are returned as warnings.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "vastus-csv.h"
#include "vastus-database.h"
#include "vastus-profile.h"

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

/* Errors and warnings kept as messages; more are counted (vastus_csv_import_get_n_errors). */
#define VASTUS_CSV_IMPORT_MAX_MESSAGES 20

VastusCsvImport *vastus_csv_import_new          (VastusDatabase   *db);
/* Without a commit, everything the import wrote is rolled back. */
void             vastus_csv_import_free         (VastusCsvImport  *self);

/* Reads, checks and writes one file (inside the import's transaction, which the first file
 * opens). @name names the file in messages ("FILE: line 4, column 5 (value): …"). Returns
 * FALSE, with @error set from the file's first error, when this file has errors; the import then
 * refuses to commit. */
gboolean         vastus_csv_import_add_stream   (VastusCsvImport  *self,
                                                 const char       *name,
                                                 GInputStream     *stream,
                                                 GCancellable     *cancellable,
                                                 GError          **error);
gboolean         vastus_csv_import_add_data     (VastusCsvImport  *self,
                                                 const char       *name,
                                                 const char       *data,
                                                 gsize             length,
                                                 GError          **error);

/* Reads, checks and writes a device or spreadsheet export through @profile (which must outlive
 * the import): each value the profile maps becomes a flat CSV row and is imported as one, in
 * the same transaction. The patients must be stored already; @patient_mrn (or NULL) assigns a
 * file that names no MRN to one patient, and is an error on a row that names another. Columns
 * the profile does not read, and rows of tests it does not know, are listed as warnings. */
gboolean         vastus_csv_import_add_profile_stream (VastusCsvImport     *self,
                                                       const VastusProfile *profile,
                                                       const char          *patient_mrn,
                                                       const char          *name,
                                                       GInputStream        *stream,
                                                       GCancellable        *cancellable,
                                                       GError             **error);

/* The same for the file at @path (named by its base name), saying how far it is: the bytes read
 * of its size (vastus_progress_report ()); stopped there, the file's error says so. */
gboolean         vastus_csv_import_add_profile_file (VastusCsvImport     *self,
                                                     const VastusProfile *profile,
                                                     const char          *patient_mrn,
                                                     const char          *path,
                                                     GCancellable        *cancellable,
                                                     GError             **error);

/* The first VASTUS_CSV_IMPORT_MAX_MESSAGES errors (char*), each a one-line message naming file,
 * line and column; get_n_errors () counts them all. */
GPtrArray       *vastus_csv_import_get_errors   (VastusCsvImport  *self);
guint            vastus_csv_import_get_n_errors (VastusCsvImport  *self);
/* Soft problems (char*), in the same form; they do not block the import. */
GPtrArray       *vastus_csv_import_get_warnings (VastusCsvImport  *self);
guint            vastus_csv_import_get_n_warnings (VastusCsvImport *self);

/* Where the kept error @index (of get_errors) is in its file: its line, and the column (1-based)
 * the message names, 0 when it names none. */
void             vastus_csv_import_get_error_place (VastusCsvImport *self,
                                                    guint            index,
                                                    guint           *line,
                                                    guint           *column);

/* What the import stored, visit by visit, in the order it stored them: for the changes a
 * caller announces after the commit, and for a preview before it. */
typedef struct
{
  gint64    patient_id;
  gint64    episode_id;
  gint64    visit_id;           /* in the import's transaction */
  GDate     date;
  gboolean  added;              /* a new visit; else a stored one that got measurements */
  guint     line;               /* its first row */
} VastusCsvImportVisit;

typedef struct
{
  guint              visit;     /* its index in get_visits () */
  guint              line;      /* the row it came from */
  VastusMeasurement *measurement;
} VastusCsvImportValue;

/* Keeps the first @max_visits visits stored (get_visits) and the first @max_values values of
 * those (get_values); call before the first file. Without it none are kept: memory stays flat
 * whatever the size of the file. */
void             vastus_csv_import_keep_values  (VastusCsvImport  *self,
                                                 guint             max_visits,
                                                 guint             max_values);
/* Of VastusCsvImportVisit: the first ones kept. */
GArray          *vastus_csv_import_get_visits   (VastusCsvImport  *self);
/* Every visit stored, kept or not. */
guint            vastus_csv_import_get_n_visits_stored (VastusCsvImport *self);
/* The episodes whose visits it stored or added to (gint64 ids), in the order it first did. */
GArray          *vastus_csv_import_get_episodes (VastusCsvImport  *self);
/* Of VastusCsvImportValue*, at most the number keep_values () asked for. */
GPtrArray       *vastus_csv_import_get_values   (VastusCsvImport  *self);

/* Stores the last visit and checks what needs every row (changes since the previous visit, side
 * differences), without committing: what commit () would refuse, refused here (FALSE, @error
 * from the first error), and the counts and visits as commit () would give them. Freeing the
 * import afterwards rolls everything back (a dry run). */
gboolean         vastus_csv_import_check        (VastusCsvImport       *self,
                                                 VastusCsvImportCounts *counts,
                                                 GError               **error);
/* Checks (as check () does, unless it did already) and commits; on any error nothing is
 * stored. */
gboolean         vastus_csv_import_commit       (VastusCsvImport       *self,
                                                 VastusCsvImportCounts *counts,
                                                 GError               **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VastusCsvImport, vastus_csv_import_free)

G_END_DECLS
