/* vastus-database-private.h: what the store files share inside src/storage/
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <sqlite3.h>

#include "vastus-database.h"

G_BEGIN_DECLS

/* 'VAST' in PRAGMA application_id. */
#define VASTUS_APPLICATION_ID 0x56415354

struct _VastusDatabase
{
  GObject     parent_instance;
  sqlite3    *db;
  char       *path;
  char       *actor;
  GHashTable *statements;     /* const char *sql (by address) → sqlite3_stmt* */
  int         schema_version;
  gboolean    in_outer;       /* between vastus_database_begin and commit/rollback */
  gboolean    outer_aborted;  /* SQLite rolled the outer transaction back after an error */
  gboolean    read_only;      /* every write fails with read_only_reason */
  int         read_only_reason; /* VASTUS_STORE_ERROR_READ_ONLY or _NO_SPACE */
  gboolean    trial;          /* a private copy being upgraded: no pre-migration backup */
  GPtrArray  *upgrade_notes;  /* char*: what the upgrades run by this open could not merge */
};

/* What the schema's trigger says when a patient would get a second visit on one date. */
#define VASTUS_VISIT_EXISTS_MESSAGE "vastus: the patient has a visit on that date already"

void        _vastus_store_error_set_visit_id (GError *error,
                                              gint64  visit_id);

/* vastus-database.c: errors */

/* The VastusStoreError code for a SQLite result code. */
int         _vastus_store_code_from_sqlite  (int             rc);
/* Sets @error for a failed read of the file @path: DAMAGED for anything but a lock, the disk
 * or permissions. */
void        _vastus_store_set_read_error    (GError        **error,
                                             sqlite3        *db,
                                             const char     *path,
                                             int             rc);
/* vastus-database-open.c */

/* A regular file of at least one database page; NOT_FOUND, DAMAGED (empty, too short, not a
 * file) or OPEN otherwise. */
gboolean    _vastus_database_check_file     (const char     *path,
                                             GError        **error);
/* A connection that only reads @path without writing anything beside it (no -shm): see
 * vastus_database_open_read_only. Errors in VASTUS_STORE_ERROR. */
sqlite3    *_vastus_database_open_reading_handle (const char *path,
                                             GError        **error);

/* Upgrades the database on @handle (a private copy at schema @version, not a file of the
 * clinic's) to the latest schema, as opening would, without a pre-migration backup. */
gboolean    _vastus_database_try_upgrade    (sqlite3        *handle,
                                             const char     *label,
                                             int             version,
                                             GError        **error);

/* vastus-schema.c */

/* The SQL functions the triggers call (vastus_actor: @owner's actor, the login name when NULL). */
int         _vastus_database_register_functions (sqlite3    *db,
                                             VastusDatabase *owner);
/* Applies the migrations above self->schema_version (after a pre-migration backup of a file
 * that has a version), each in its own transaction; updates self->schema_version. */
gboolean    _vastus_schema_migrate          (VastusDatabase *self,
                                             GError        **error);
/* What the file open on @db is: its schema version in *@version, when it is a Vastus database
 * of a version this one knows whose schema (tables, columns, indexes, triggers, views) is the
 * one that version must have. Otherwise FALSE with NOT_VASTUS, NEWER or DAMAGED (a schema
 * version that the rest of the file disagrees with is damage, not "newer"). With @differences,
 * a schema that differs from its version's is not an error: each difference is appended, as
 * a sentence naming the object. */
gboolean    _vastus_schema_identify         (sqlite3        *db,
                                             const char     *path,
                                             int            *version,
                                             GPtrArray      *differences,
                                             GError        **error);
/* Appends one sentence per object added, missing or changed against @version's schema. */
gboolean    _vastus_schema_compare          (sqlite3        *db,
                                             const char     *path,
                                             int             version,
                                             GPtrArray      *differences,
                                             GError        **error);

/* vastus-audit-store.c: the audit trail's chain of seals. Each row's hash is SHA-256 over the
 * previous row's hash and the row's own fields (id, at, actor, table_name, row_id, operation,
 * old_json, new_json, app_version: @n_fields values). */
#define VASTUS_AUDIT_HASH_LEN 64
void        _vastus_audit_hash              (const char     *previous,
                                             sqlite3_value **fields,
                                             int             n_fields,
                                             char           *hex);
/* Follows the chain over every audit row of @db (when it has the hash column): each break is a
 * problem naming the first row concerned and its time. */
gboolean    _vastus_audit_check_chain       (sqlite3        *db,
                                             const char     *path,
                                             GPtrArray      *problems,
                                             GError        **error);

/* A prepared statement from the connection's cache; "freeing" it resets it for reuse. */
typedef sqlite3_stmt VastusStmt;

void        _vastus_stmt_release            (VastusStmt *stmt);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (VastusStmt, _vastus_stmt_release)

sqlite3    *_vastus_database_get_handle     (VastusDatabase *self);

/* @sql must be a static string: the cache is keyed by its address. */
VastusStmt *_vastus_database_prepare        (VastusDatabase *self,
                                             const char     *sql,
                                             GError        **error);

/* Sets @error from the connection's last error (@rc is what the call returned), mapping the
 * SQLite code to a VastusStoreError code. @what says what failed ("Could not save the visit"). */
void        _vastus_database_set_error      (VastusDatabase *self,
                                             GError        **error,
                                             int             rc,
                                             const char     *what);

/* Steps a statement that returns no rows. */
gboolean    _vastus_database_step_done      (VastusDatabase *self,
                                             VastusStmt     *stmt,
                                             const char     *what,
                                             GError        **error);

/* Every API write: begin, work, end. Outside an outer transaction this is its own
 * BEGIN IMMEDIATE … COMMIT; inside one, a savepoint. end (…, FALSE, …) undoes everything since
 * begin and returns FALSE; end (…, TRUE, …) returns FALSE (and undoes) when committing fails. */
gboolean    _vastus_database_write_begin    (VastusDatabase *self,
                                             GError        **error);
gboolean    _vastus_database_write_end      (VastusDatabase *self,
                                             gboolean        ok,
                                             GError        **error);

/* A read of several queries that must agree with each other: a read transaction (one snapshot),
 * unless a transaction is open already (then *@owned is FALSE and both do nothing). */
gboolean    _vastus_database_read_begin     (VastusDatabase *self,
                                             gboolean       *owned,
                                             GError        **error);
void        _vastus_database_read_end       (VastusDatabase *self,
                                             gboolean        owned);

/* The live visit of patient @patient_id on @date: the one in episode @episode_id when there is
 * one, else one in another episode. Its id (0: none; −1 on an error), *@in_episode its episode. */
gint64      _vastus_database_find_visit_on  (VastusDatabase *self,
                                             gint64          patient_id,
                                             const GDate    *date,
                                             gint64          episode_id,
                                             gint64         *in_episode,
                                             GError        **error);

/* Binding and reading values: NULL strings, NAN numbers and invalid dates are SQL NULL. */
void        _vastus_bind_text               (VastusStmt  *stmt,
                                             int          index,
                                             const char  *text);
void        _vastus_bind_double             (VastusStmt  *stmt,
                                             int          index,
                                             double       value);
void        _vastus_bind_date               (VastusStmt  *stmt,
                                             int          index,
                                             const GDate *date);
char       *_vastus_column_text             (VastusStmt  *stmt,
                                             int          column);
double      _vastus_column_double           (VastusStmt  *stmt,
                                             int          column);
void        _vastus_column_date             (VastusStmt  *stmt,
                                             int          column,
                                             GDate       *out);

/* Inside a write: stores @m under @visit_id and sets its ids (vastus-visit-store.c). */
gboolean    _vastus_database_store_measurement (VastusDatabase    *self,
                                                gint64             visit_id,
                                                VastusMeasurement *m,
                                                GError           **error);
/* A score about to be stored at a visit must agree with the visit's answers to its instrument
 * (vastus-questionnaire-store.c); CONSTRAINT naming both values when it does not. */
gboolean    _vastus_database_check_score    (VastusDatabase *self,
                                             gint64          visit_id,
                                             const char     *measure,
                                             double          value,
                                             GError        **error);
/* Every connection storage opens: installs the VASTUS_MAIN_THREAD_SQL guard when it is asked
 * for (vastus-database-guard.c). */
void        _vastus_database_watch          (sqlite3    *db);
/* vastus-visit-store.c: the one reading of visit and measurement rows. A statement that selects
 * VASTUS_VISIT_COLUMNS (from visit v) or VASTUS_MEASUREMENT_COLUMNS (from measurement m) first
 * reads its row with these. */
#define VASTUS_VISIT_COLUMNS \
  "v.id, v.episode_id, v.date, v.clinician, v.body_mass_kg, v.height_cm, v.notes, v.findings, " \
  "(SELECT u.template_id FROM visit_template_use u WHERE u.visit_id = v.id)"
#define VASTUS_MEASUREMENT_COLUMNS \
  "m.id, m.visit_id, m.measure, m.side, m.trial, m.value, m.unit, m.knee_angle_deg, " \
  "m.velocity_deg_s, m.lever_arm_m, m.fixation, m.baseline"

void        _vastus_read_visit              (VastusStmt  *stmt,
                                             VastusVisit *visit);
VastusMeasurement *_vastus_read_measurement (VastusStmt  *stmt);

/* Case-folded, accent-free words of a name (split at spaces, and at '-' and '\'' as well as
 * keeping the whole token): the patient search keys. Exposed for the search terms. */
char       *_vastus_search_fold             (const char *text);

G_END_DECLS
