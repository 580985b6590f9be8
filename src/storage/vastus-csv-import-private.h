/* vastus-csv-import-private.h: what the files of the CSV importer share
 *
 * vastus-csv-import.c: the import, its transaction, its files and rows, the check and the commit;
 * vastus-csv-import-patient.c: the patient and the episode of care a row names;
 * vastus-csv-import-row.c: reading and checking one row, and the messages;
 * vastus-csv-import-visit.c: the visit of a row and its measurements.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "vastus-csv-import.h"
#include "vastus-database-private.h"

G_BEGIN_DECLS

/* The columns of product.md's flat CSV. */
typedef enum
{
  COL_MRN,
  COL_NAME,
  COL_FAMILY_NAME,
  COL_GIVEN_NAME,
  COL_BIRTH_DATE,
  COL_SEX,
  COL_CONDITION,
  COL_INVOLVED_SIDE,
  COL_SURGERY_DATE,
  COL_INJURY_DATE,
  COL_VISIT_DATE,
  COL_BODY_MASS,
  COL_HEIGHT,
  COL_CLINICIAN,
  COL_NOTE,
  COL_MEASURE,
  COL_SIDE,
  COL_TRIAL,
  COL_VALUE,
  COL_UNIT,
  COL_BASELINE,
  COL_KNEE_ANGLE,
  COL_VELOCITY,
  COL_FIXATION,
  COL_LEVER_ARM,
  N_COLUMNS,
  NO_COLUMN = -1,
} Column;

typedef struct
{
  const char *name;
  gboolean    required;
  const char *field;        /* the validators' name for it (VastusProblem.field), if another */
} ColumnInfo;

/* By Column: name, whether required, the validators' field. */
extern const ColumnInfo _vastus_import_columns[N_COLUMNS];

/* One file: its name and where each column is (0: absent, else the 1-based field index). The
 * rows a device file's row becomes (vastus-device-import.c) are flat rows whose cells come from
 * the file's own columns: messages name those (shown, header) instead. */
typedef struct
{
  char  *name;
  guint  column[N_COLUMNS];
  guint  shown[N_COLUMNS];        /* the column number messages give; 0: column[] */
  char  *header[N_COLUMNS];       /* the column name messages give; NULL: the flat CSV's */
} FileInfo;

typedef struct
{
  const FileInfo *file;
  guint           line;
} Where;

/* The patient the last rows named, with its episodes: rows come grouped by patient. */
typedef struct
{
  VastusPatient *patient;
  GPtrArray     *episodes;        /* of VastusEpisode*, newest first, as listed */
} Patient;

/* The visit the current rows fill. A new one is stored when the rows move on to another visit
 * (with everything they added to it); a stored one gets the new measurements then. */
typedef struct
{
  VastusVisit   *visit;           /* stored ones with their stored measurements */
  gboolean       is_new;          /* not stored yet */
  gboolean       ours;            /* new, or stored by this import: later rows may fill it in */
  gboolean       changed;         /* ours and stored, and filled in since */
  gboolean       refused;         /* its first row was refused: so are the others */
  gint64         patient_id;
  Where          where;           /* its first row in this import */
  GPtrArray     *added;           /* of VastusMeasurement* */
  GArray        *added_where;     /* of Where, parallel to @added */
} Visit;

struct _VastusCsvImport
{
  VastusDatabase *db;
  GDate           today;
  GPtrArray      *files;          /* of FileInfo* */
  gboolean        begun;          /* the write transaction is open */
  gboolean        committed;
  GError         *store_error;    /* the database failed: nothing more is read */

  /* Rows with ids above these were added by this import; where each was first named. */
  gint64          base_patient, base_episode, base_visit, base_measurement;
  GArray         *new_patients;   /* of Where, by id − base − 1 */
  GArray         *new_episodes;
  GArray         *new_visits;

  Patient         patient;        /* patient.patient NULL: none yet */
  Visit          *visit;          /* the visit being filled, or NULL */
  GHashTable     *refused_mrns;   /* new patients whose first row was refused */
  GHashTable     *touched_visits; /* stored visit id → Where*: visits that got measurements */
  GHashTable     *touched_set;    /* episode ids whose visits changed … */
  GArray         *touched;        /* … in the order they were first touched (gint64) */

  GPtrArray      *errors;
  GArray         *error_places;   /* of guint: line, column, … for each of @errors */
  guint           n_errors;
  GPtrArray      *warnings;
  guint           n_warnings;
  VastusCsvImportCounts counts;
  gboolean        checked;        /* check () ran */
  GSeekable      *progress_source; /* the file being read, for how far it is … */
  goffset         progress_size;   /* … of its size in bytes */
  GArray         *stored_visits;  /* of VastusCsvImportVisit, up to @max_visits */
  guint           n_stored_visits;
  guint           max_visits;
  GPtrArray      *values;         /* of VastusCsvImportValue*, up to @max_values */
  guint           max_values;
};

/* A row being read: its file, its record and where it is. */
typedef struct
{
  const FileInfo     *file;
  const VastusCsvRow *row;
  Where               where;
} Row;

/* vastus-csv-import-row.c: messages. Errors and warnings are "FILE: line L, column C (name):
 * …"; NO_COLUMN leaves the column out. The first VASTUS_CSV_IMPORT_MAX_MESSAGES are kept. */
void        _vastus_import_keep_message      (GPtrArray       *messages,
                                              guint           *n,
                                              char            *message);
/* An error message naming @line (0: none) and @column (0: none) of its file. */
void        _vastus_import_keep_error        (VastusCsvImport *self,
                                              guint            line,
                                              guint            column,
                                              char            *message);
void        _vastus_import_add_error         (VastusCsvImport *self,
                                              const Where     *where,
                                              Column           column,
                                              const char      *format,
                                              ...) G_GNUC_PRINTF (4, 5);
void        _vastus_import_add_warning       (VastusCsvImport *self,
                                              const Where     *where,
                                              Column           column,
                                              const char      *message);
/* Hard problems become errors, soft ones warnings; FALSE when one was hard. */
gboolean    _vastus_import_report_problems   (VastusCsvImport *self,
                                              const Where     *where,
                                              GPtrArray       *problems,
                                              Column           fallback);
/* A failure of the database itself: an error, and the end of reading. Takes @error. */
void        _vastus_import_store_failed      (VastusCsvImport *self,
                                              const Where     *where,
                                              GError          *error);
/* TRUE when @error is NULL, else store_failed (). */
gboolean    _vastus_import_store_ok          (VastusCsvImport *self,
                                              const Where     *where,
                                              GError          *error);
/* @error from the first of the errors counted since @n_before ("… (and 3 more errors)"). */
void        _vastus_import_first_error       (VastusCsvImport *self,
                                              guint            n_before,
                                              int              code,
                                              GError         **error);

/* vastus-csv-import-row.c: cells. Each parse_* reports its own error and returns FALSE. */
const char *_vastus_import_cell              (const Row       *r,
                                              Column           column);
/* Without the apostrophe an export puts before text a spreadsheet would run. */
const char *_vastus_import_text_cell         (const Row       *r,
                                              Column           column);
gboolean    _vastus_import_has               (const Row       *r,
                                              Column           column);
/* The cell escaped and cut, for a message. */
char       *_vastus_import_quoted            (const Row       *r,
                                              Column           column);
gboolean    _vastus_import_parse_date        (VastusCsvImport *self,
                                              const Row       *r,
                                              Column           column,
                                              GDate           *out);
gboolean    _vastus_import_parse_number      (VastusCsvImport *self,
                                              const Row       *r,
                                              Column           column,
                                              double          *out);
gboolean    _vastus_import_check_text_cells  (VastusCsvImport *self,
                                              const Row       *r);
/* The row's measurement, checked; NULL (with errors added) when it cannot be stored. */
VastusMeasurement *_vastus_import_parse_measurement (VastusCsvImport *self,
                                                     const Row       *r);
/* Where each column is; FALSE (with errors added) when the header cannot be used. */
gboolean    _vastus_import_read_header       (VastusCsvImport    *self,
                                              FileInfo           *file,
                                              const VastusCsvRow *header);

/* vastus-csv-import.c: reading one file. @header reads the first record (FALSE: the file
 * cannot be read further), @row each other one that is not empty. */
typedef struct
{
  gboolean  (*header) (VastusCsvImport    *self,
                       FileInfo           *file,
                       const VastusCsvRow *row,
                       gpointer            data);
  void      (*row)    (VastusCsvImport    *self,
                       FileInfo           *file,
                       const VastusCsvRow *row,
                       gpointer            data);
} FileReader;

/* A new FileInfo named @name, kept until the import ends. */
FileInfo   *_vastus_import_add_file_info     (VastusCsvImport  *self,
                                              const char       *name);
gboolean    _vastus_import_read_file         (VastusCsvImport  *self,
                                              const char       *name,
                                              GInputStream     *stream,
                                              GCancellable     *cancellable,
                                              char              delimiter,
                                              const FileReader *reader,
                                              gpointer          data,
                                              GError          **error);
/* Checks and imports one flat row. */
void        _vastus_import_row               (VastusCsvImport *self,
                                              const Row       *r);

/* vastus-csv-import.c: rows this import added (ids above @base), and where they were named. */
void        _vastus_import_remember_new      (GArray          *wheres,
                                              gint64           base,
                                              gint64           id,
                                              const Where     *where);
const Where *_vastus_import_lookup_new       (GArray          *wheres,
                                              gint64           base,
                                              gint64           id);
/* An episode whose visits changed: checked as a whole at the commit. */
void        _vastus_import_touch_episode     (VastusCsvImport *self,
                                              gint64           episode_id);

/* vastus-csv-import-patient.c */
void        _vastus_import_patient_clear     (Patient         *p);
/* The episode a row's measurements go to, after its patient (found, or added from the row);
 * NULL with errors added. */
const VastusEpisode *_vastus_import_row_episode (VastusCsvImport *self,
                                                 const Row       *r);

/* vastus-csv-import-visit.c */
void        _vastus_import_visit_free        (Visit           *v);
/* The visit of the row: the one being filled, a stored one (one per patient and day), or a
 * new one; NULL (with errors added) when the row cannot go into it. */
Visit      *_vastus_import_resolve_visit     (VastusCsvImport     *self,
                                              const Row           *r,
                                              const VastusEpisode *episode,
                                              const GDate         *date);
/* Stores the visit being filled and forgets it. */
void        _vastus_import_flush_visit       (VastusCsvImport *self);
/* Adds @m (taken) to @v: skipped when stored already the same, an error when it differs. */
void        _vastus_import_add_measurement   (VastusCsvImport   *self,
                                              Visit             *v,
                                              const Where       *where,
                                              VastusMeasurement *m);

G_END_DECLS

