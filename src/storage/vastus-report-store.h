/* vastus-report-store.h: the record of exported reports, and study codes (sql/003-reports.sql)
 *
 * Every report handed out (PDF written, or printed) is recorded with the SHA-256 of its file, so
 * a clinic can later prove which report said what. Study codes stand for patients in
 * de-identified exports: random, never derived from the MRN, the mapping kept only here.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "vastus-database.h"

G_BEGIN_DECLS

typedef struct
{
  gint64    id;                     /* 0 until stored */
  char     *created_at;             /* UTC timestamp, set when stored */
  char     *actor;                  /* set when stored (vastus_database_get_actor) */
  gint64    patient_id;
  gint64    episode_id;             /* 0: none */
  char     *criteria_set_id;        /* NULL: none */
  int       criteria_set_version;   /* 0: none */
  GDate     report_date;
  char     *file_name;              /* the file's base name, or "(printed)" */
  char     *sha256;                 /* 64 lowercase hex digits */
  gboolean  deidentified;
  char     *paper;                  /* "a4" or "letter" */
  char     *narrative;              /* the therapist's text, may be NULL */
} VastusReportRecord;

VastusReportRecord *vastus_report_record_new  (void);
void                vastus_report_record_free (VastusReportRecord *record);

/* Stores @record (sets id, created_at and actor). */
gboolean    vastus_database_insert_report (VastusDatabase      *self,
                                           VastusReportRecord  *record,
                                           GError             **error);
/* Of VastusReportRecord*, newest first. @patient_id 0: every patient. */
GPtrArray  *vastus_database_list_reports  (VastusDatabase      *self,
                                           gint64               patient_id,
                                           GError             **error);

/* The patient's study code, created (random, unique) on first use. */
char       *vastus_database_get_study_code (VastusDatabase     *self,
                                            gint64              patient_id,
                                            GError            **error);

/* SHA-256 of a file's bytes, as 64 lowercase hex digits; NULL with @error when unreadable. */
char       *vastus_file_sha256            (const char         *path,
                                           GError            **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VastusReportRecord, vastus_report_record_free)

G_END_DECLS
