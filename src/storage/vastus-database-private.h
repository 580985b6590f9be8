/* vastus-database-private.h: what the store files share inside src/storage/
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "vastus-conn.h"
#include "vastus-database.h"

G_BEGIN_DECLS

/* 'VAST' in PRAGMA application_id. */
#define VASTUS_APPLICATION_ID 0x56415354

struct _VastusDatabase
{
  GObject     parent_instance;
  VastusConn *conn;           /* every store's SQL goes through it */
  struct sqlite3 *db;         /* the SQLite engine's handle (sqlite/ only), NULL on another engine */
  char       *path;
  char       *actor;
  gboolean    actor_is_login; /* a server's: the login its triggers record, never changed */
  char       *login_name;     /* a server login's full name (its comment), or NULL */
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

/* The connection every store's SQL goes through (vastus-conn.h). */
VastusConn *_vastus_database_get_conn       (VastusDatabase *self);

/* @sql must be a static string: the cache is keyed by its address. */
VastusStmt *_vastus_database_prepare        (VastusDatabase *self,
                                             const char     *sql,
                                             GError        **error);
/* A statement reading a whole table (_vastus_conn_prepare_stream: its rows may come as the
 * server sends them; no other statement between its steps, or its rest is read into memory). */
VastusStmt *_vastus_database_prepare_stream (VastusDatabase *self,
                                             const char     *sql,
                                             GError        **error);

/* Sets @error for a statement the engine could not prepare (*@rc): DAMAGED when the schema
 * is not the one its version must have, otherwise the engine's error (the engine's file). */
void        _vastus_database_prepare_failed (VastusDatabase *self,
                                             int             rc,
                                             GError        **error);

/* Sets @error from the connection's last error (@rc is what the call returned), mapping the
 * engine's code to a VastusStoreError code. @what says what failed ("Could not save the visit"). */
void        _vastus_database_set_error      (VastusDatabase *self,
                                             GError        **error,
                                             int             rc,
                                             const char     *what);

/* @error: @what ("A check") is not available on a server's database at @address (no password). */
void        _vastus_database_set_server_error (GError     **error,
                                             const char  *what,
                                             const char  *address);
/* FALSE with @error (FAILED) for a database on a server, where what needs SQLite's file (a
 * backup, an integrity check) does not apply: @what names it ("A backup"). */
gboolean    _vastus_database_require_file   (VastusDatabase *self,
                                             const char     *what,
                                             GError        **error);

/* Whether VASTUS_MAIN_THREAD_SQL is "abort": every engine then aborts on SQL run on the
 * thread vastus_database_guard_begin guards (vastus-database-guard.c). */
gboolean    _vastus_database_guard_requested (void);

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
/* vastus-visit-store.c: the one reading of visit and measurement rows. A statement that selects
 * VASTUS_VISIT_COLUMNS (from visit v) or VASTUS_MEASUREMENT_COLUMNS (from measurement m) first
 * reads its row with these. */
#define VASTUS_VISIT_COLUMNS \
  "v.id, v.episode_id, v.date, v.clinician, v.body_mass_kg, v.height_cm, v.notes, v.findings, " \
  "(SELECT u.template_id FROM visit_template_use u WHERE u.visit_id = v.id), v.row_version"
/* VASTUS_VISIT_COLUMNS from visit v LEFT JOIN visit_template_use u ON u.visit_id = v.id: for
 * reading many visits at once, a join rather than a subquery for each (whose estimated cost has
 * PostgreSQL compile the statement, longer than it runs). */
#define VASTUS_VISIT_COLUMNS_JOINED \
  "v.id, v.episode_id, v.date, v.clinician, v.body_mass_kg, v.height_cm, v.notes, v.findings, " \
  "u.template_id, v.row_version"
#define VASTUS_MEASUREMENT_COLUMNS \
  "m.id, m.visit_id, m.measure, m.side, m.trial, m.value, m.unit, m.knee_angle_deg, " \
  "m.velocity_deg_s, m.lever_arm_m, m.fixation, m.baseline"

void        _vastus_read_visit              (VastusStmt  *stmt,
                                             VastusVisit *visit);
VastusMeasurement *_vastus_read_measurement (VastusStmt  *stmt);
/* `check`: each measurement in force (not deleted, nor its visit) against the catalog — a
 * measure it lacks ("kogs_qol" after one flipped bit), a value outside the hard limits — one
 * problem a line in @problems. Deleted ones are history, kept as entered (a mistyped 9999 N
 * that was deleted). VASTUS_DONE, or the engine's error code. */
int         _vastus_check_measurements      (VastusConn  *conn,
                                             GPtrArray   *problems);

/* vastus-episode-store.c: every live episode of every patient, in one query, ordered by patient
 * and then newest first (vastus_episode_compare_newest_first). Of VastusEpisode*. */
GPtrArray  *_vastus_database_list_all_episodes (VastusDatabase *self,
                                                GError        **error);

/* vastus-row-version.c: the records whose updates name the row version they replace. */
typedef enum
{
  VASTUS_ROW_PATIENT,
  VASTUS_ROW_EPISODE,
  VASTUS_ROW_VISIT,
  VASTUS_ROW_CRITERIA_SET,
} VastusRowKind;

/* After an update of the @kind row @id that named @row_version changed nothing: TRUE with
 * @error set to VASTUS_STORE_ERROR_CONFLICT, naming who changed (or deleted) it and when from
 * the audit trail, when the row is there at another version or deleted; FALSE, @error unset,
 * when there is no such row or it is at @row_version (the caller says what is missing). TRUE
 * with @error set when it cannot be read. Not for criteria sets. */
gboolean    _vastus_database_check_conflict (VastusDatabase *self,
                                             VastusRowKind   kind,
                                             gint64          id,
                                             gint64          row_version,
                                             GError        **error);
/* The same for the clinic criteria set @set_id read at @version: TRUE, CONFLICT naming who saved
 * the latest version and when, when that is not @version. */
gboolean    _vastus_database_check_set_conflict (VastusDatabase *self,
                                                 const char     *set_id,
                                                 int             version,
                                                 GError        **error);

/* Case-folded, accent-free words of a name (split at spaces, and at '-' and '\'' as well as
 * keeping the whole token): the patient search keys. Exposed for the search terms. */
char       *_vastus_search_fold             (const char *text);

G_END_DECLS
