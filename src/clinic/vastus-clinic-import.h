/* vastus-clinic-import.h: importing a device or spreadsheet export through the clinic
 *
 * What the import assistant asks of the clinic, each on its workers: the start of a file with
 * the profiles to read it with (and the one whose signature fits), a dry run of the import (the
 * visits and values it would store, its errors with their line and column, on the writer, rolled
 * back), the import itself (the same, committed, saying how far it is, stoppable; the visits it
 * stored announced as the clinic's changes, so that an open patient page shows them), and saving
 * a profile made in the assistant.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "vastus-clinic.h"
#include "vastus-profile.h"

G_BEGIN_DECLS

/* How much of a file is read to show its first rows and recognise it. */
#define VASTUS_IMPORT_HEAD_BYTES (64 * 1024)
/* How many values an import's result keeps to show. */
#define VASTUS_IMPORT_MAX_VALUES 200

typedef struct
{
  char       *path;
  char       *name;             /* its base name */
  GBytes     *head;             /* its first VASTUS_IMPORT_HEAD_BYTES bytes */
  gboolean    complete;         /* @head is all of it */
  GPtrArray  *profiles;         /* of VastusProfile*: the built-in ones, then the saved ones */
  int         detected;         /* the index of the first whose signature fits, or -1 */
} VastusImportFile;

typedef struct
{
  guint              line;      /* the row it came from */
  VastusMeasurement *measurement;
} VastusImportValue;

/* A visit an import stores (a new one, or a stored one it adds to). */
typedef struct
{
  gint64     patient_id;
  char      *mrn;
  char      *name;              /* "Given Family" */
  GDate      date;
  gboolean   added;             /* a new visit */
  guint      line;              /* its first row */
  GPtrArray *values;            /* of VastusImportValue*: those kept */
} VastusImportVisit;

typedef struct
{
  char  *text;                  /* "FILE: line L, column C (header): …" */
  guint  line;                  /* 0: none */
  guint  column;                /* 1-based; 0: none */
} VastusImportMessage;

typedef struct
{
  gboolean   committed;
  gboolean   stopped;           /* @stop was cancelled before the commit: nothing stored */
  guint      n_visits;          /* new visits */
  guint      n_measurements;    /* values stored */
  guint      n_skipped;         /* values stored already, the same */
  guint      n_visits_stored;   /* visits new or added to */
  GPtrArray *visits;            /* of VastusImportVisit*: those of the values kept */
  GPtrArray *errors;            /* of VastusImportMessage*: the first ones */
  guint      n_errors;
  GPtrArray *warnings;          /* of char*: the first ones */
  guint      n_warnings;
} VastusImportResult;

void                vastus_import_file_free   (VastusImportFile   *file);
void                vastus_import_result_free (VastusImportResult *result);
/* @profile for another thread: read again from its key file. */
VastusProfile      *vastus_profile_copy       (const VastusProfile *profile);

/* Reads the start of the file at @path and lists the profiles, finding the one that fits. */
void                vastus_clinic_open_import_file_async  (VastusClinic        *self,
                                                           const char          *path,
                                                           GCancellable        *cancellable,
                                                           GAsyncReadyCallback  callback,
                                                           gpointer             user_data);
VastusImportFile   *vastus_clinic_open_import_file_finish (VastusClinic        *self,
                                                           GAsyncResult        *result,
                                                           GError             **error);

/* Imports the file at @path through @profile (@patient_mrn: the patient of a file that names
 * none by MRN, or NULL), all or nothing. @dry_run: everything checked and rolled back, for a
 * preview. @stop (or NULL), cancelled before the commit, stops it with nothing stored (the
 * result says "stopped"); once committed, the result says so whatever @stop. @cancellable
 * drops the result (the asker went away). finish: what it stored (or would), with its errors;
 * NULL with an error only when the call itself failed (cancelled: G_IO_ERROR_CANCELLED; the
 * database). */
void                vastus_clinic_import_async  (VastusClinic             *self,
                                                 const char               *path,
                                                 const VastusProfile      *profile,
                                                 const char               *patient_mrn,
                                                 gboolean                  dry_run,
                                                 VastusClinicProgressFunc  progress,
                                                 gpointer                  progress_data,
                                                 GCancellable             *stop,
                                                 GCancellable             *cancellable,
                                                 GAsyncReadyCallback       callback,
                                                 gpointer                  user_data);
VastusImportResult *vastus_clinic_import_finish (VastusClinic             *self,
                                                 GAsyncResult             *result,
                                                 GError                  **error);

/* Saves @profile in the clinic's database under its id (replacing a saved one of that id; a
 * built-in id is refused: VASTUS_CLINIC_ERROR_DUPLICATE). */
void                vastus_clinic_save_profile_async  (VastusClinic        *self,
                                                       const VastusProfile *profile,
                                                       GCancellable        *cancellable,
                                                       GAsyncReadyCallback  callback,
                                                       gpointer             user_data);
gboolean            vastus_clinic_save_profile_finish (VastusClinic        *self,
                                                       GAsyncResult        *result,
                                                       GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VastusImportFile, vastus_import_file_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (VastusImportResult, vastus_import_result_free)

G_END_DECLS
