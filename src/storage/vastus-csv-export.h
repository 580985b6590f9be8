/* vastus-csv-export.h: the database as flat CSV (product.md "Flat CSV")
 *
 * One row per trial, the columns in vastus_csv_export_columns () order, CRLF line ends (RFC 4180),
 * UTF-8 without a byte-order mark. Rows are sorted by MRN, episode (index date, condition), visit
 * date, catalog order, side and trial, so the same records always give the same bytes. A value is
 * written in the unit it was entered in when converting it back and forth is exact, else in the
 * stored unit: export, import into an empty database and export again gives the same file.
 * Free-text cells (mrn, name, clinician, note) are guarded against formula injection
 * (vastus_csv_append_text); numbers never are. Both exports say how far they are, patient by
 * patient, and stop when told to (vastus-progress.h).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "vastus-csv.h"
#include "vastus-database.h"

G_BEGIN_DECLS

/* NULL-terminated, in export order. */
const char *const *vastus_csv_export_columns (void);

/* The whole database (@mrn NULL) or one patient; NULL with @error set
 * (VASTUS_STORE_ERROR_NOT_FOUND for an unknown MRN). */
char              *vastus_csv_export         (VastusDatabase  *db,
                                              const char      *mrn,
                                              gsize           *length,
                                              GError         **error);

/* De-identified research export (data-safety.md §3.1 Safe Harbor, §3.7): no name, no MRN (a
 * random study code from the clinic database's study_code table instead, created on first
 * use), no dates (each visit as weeks since the episode's surgery, else injury, else first visit,
 * named in index_event), age at that index date with ages over 89 as "90+", no birth date, no
 * clinician, no free-text notes. Rows are sorted by study code, so the order says nothing about
 * MRNs. Every text cell is guarded against formula injection; numbers are not. */
const char *const *vastus_csv_export_deidentified_columns (void);
char              *vastus_csv_export_deidentified         (VastusDatabase  *db,
                                                           const char      *mrn,
                                                           gsize           *length,
                                                           GError         **error);

G_END_DECLS
