/* vastus-answers-csv.h: questionnaire answers as CSV, imported all or nothing and exported
 *
 * The format (product.md "Contract additions", Questionnaires): UTF-8 (a byte-order mark is
 * accepted), RFC 4180, a header row with exactly the columns mrn, visit_date, instrument, item
 * and answer in any order, one row per item answered. answer is the points of the answer marked
 * (clinical-reference §1.11), a whole number the item has. The patient must exist; the visit is
 * the patient's visit on that date, else a new one in the patient's most recent episode of care.
 *
 * Importing computes the scores (vastus_database_save_response, KEEP): the same answers again
 * add nothing; other answers for a visit and instrument already answered, or a typed score they
 * contradict, are errors, naming line and column. One transaction: one error stores nothing.
 * Export writes the same format, CRLF, sorted by MRN, visit date, instrument and item order;
 * export → import into a database with the same patients → export gives the same bytes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "vastus-database.h"

G_BEGIN_DECLS

typedef struct _VastusAnswersImport VastusAnswersImport;

typedef struct
{
  guint questionnaires;   /* stored */
  guint answers;
  guint visits;           /* added */
  guint unchanged;        /* questionnaires stored already with the same answers */
} VastusAnswersImportCounts;

/* TRUE when @header names the answers format's columns (the CLI tells the two CSVs apart). */
gboolean             vastus_answers_csv_is_header  (const char          *data,
                                                    gsize                length);

VastusAnswersImport *vastus_answers_import_new      (VastusDatabase      *db);
void                 vastus_answers_import_free     (VastusAnswersImport *self);
/* Parses and checks one file's rows (instrument, item and answer), writes nothing. FALSE with
 * @error from its first problem when it has any. */
gboolean             vastus_answers_import_add_data (VastusAnswersImport *self,
                                                     const char          *name,
                                                     const char          *data,
                                                     gsize                length,
                                                     GError             **error);
/* Every error so far (char*): "FILE: line L, column C (name): message". */
GPtrArray           *vastus_answers_import_get_errors (VastusAnswersImport *self);
/* Resolves patients and visits and stores everything in one transaction; on any error nothing
 * is stored and the errors are in get_errors (the first in @error). */
gboolean             vastus_answers_import_commit   (VastusAnswersImport       *self,
                                                     VastusAnswersImportCounts *counts,
                                                     GError                   **error);

/* The whole database (@mrn NULL) or one patient (NOT_FOUND for an unknown MRN). */
char                *vastus_answers_csv_export      (VastusDatabase      *db,
                                                     const char          *mrn,
                                                     gsize               *length,
                                                     GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VastusAnswersImport, vastus_answers_import_free)

G_END_DECLS
