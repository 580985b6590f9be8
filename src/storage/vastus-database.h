/* vastus-database.h: the clinical record in SQLite
 *
 * The only layer that includes sqlite3.h or holds SQL. One VastusDatabase is one connection;
 * every write is one transaction (or a savepoint inside vastus_database_begin/commit), so a
 * failed call changes nothing.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "vastus-record.h"

G_BEGIN_DECLS

#define VASTUS_STORE_ERROR (vastus_store_error_quark ())

/* Stable codes; raw SQLite codes never become error codes (sqlite3_errmsg goes in the message). */
typedef enum
{
  VASTUS_STORE_ERROR_OPEN,          /* cannot open or create the file */
  VASTUS_STORE_ERROR_NOT_VASTUS,    /* a database, but another application's */
  VASTUS_STORE_ERROR_DAMAGED,       /* not a database, or corrupt */
  VASTUS_STORE_ERROR_NEWER,         /* written by a newer Vastus (schema version ahead) */
  VASTUS_STORE_ERROR_SCHEMA,        /* a migration failed */
  VASTUS_STORE_ERROR_CONSTRAINT,    /* e.g. an MRN that exists already */
  VASTUS_STORE_ERROR_NOT_FOUND,
  VASTUS_STORE_ERROR_READ_ONLY,
  VASTUS_STORE_ERROR_BUSY,          /* locked by another program */
  VASTUS_STORE_ERROR_NO_SPACE,      /* disk full, file too large, I/O error: could not save */
  VASTUS_STORE_ERROR_FAILED,
  VASTUS_STORE_ERROR_VISIT_EXISTS,  /* the patient has a visit on that date already */
  VASTUS_STORE_ERROR_NO_MEMORY,     /* SQLite ran out of memory */
  VASTUS_STORE_ERROR_CONFLICT,      /* someone saved or deleted the record after it was read: the
                                     * message names who and when; nothing was written */
  VASTUS_STORE_ERROR_NOT_EMPTY,     /* a copy's target holds records already (vastus-copy.h) */
  VASTUS_STORE_ERROR_PERMISSION,    /* the clinic server refused the login this (SQLSTATE 42501):
                                     * the message names the login and who may grant it; the
                                     * server itself takes changes (not READ_ONLY) */
} VastusStoreError;

GQuark vastus_store_error_quark (void);

/* For VASTUS_STORE_ERROR_VISIT_EXISTS: the id of the patient's visit on that date (so that it
 * can be opened instead); 0 for any other error. */
gint64 vastus_store_error_get_visit_id (const GError *error);

#define VASTUS_TYPE_DATABASE (vastus_database_get_type ())
G_DECLARE_FINAL_TYPE (VastusDatabase, vastus_database, VASTUS, DATABASE, GObject)

/* $VASTUS_DB if set, else $XDG_DATA_HOME/io.github.vastus.Vastus/vastus.db */
char           *vastus_database_default_path   (void);

typedef enum
{
  VASTUS_DATABASE_OPEN_EXISTING = 0,        /* NOT_FOUND when there is no file at the path */
  VASTUS_DATABASE_OPEN_CREATE   = 1 << 0,   /* create the file (and its folder) when missing */
} VastusDatabaseOpenFlags;

/* Opens the database at @path, migrating an older schema (after a pre-migration backup,
 * vastus-backup.h). With VASTUS_DATABASE_OPEN_CREATE and no file at @path, a new database is
 * made (0600, its folder 0700) under a temporary name and linked in complete; *@created
 * (optional) says so. A file that exists is never initialised: one that is empty or too short
 * is DAMAGED, one that is not a Vastus database NOT_VASTUS, a newer one NEWER, one whose schema
 * is not the one its version must have (an added trigger, a dropped one …) DAMAGED, naming
 * the difference; each is left byte-for-byte untouched. A file that can be read but not written
 * (a read-only file or folder; a full disk, where not even a -shm can be made) opens for
 * reading only (vastus_database_is_read_only). One connection: use it from one thread.
 *
 * @path may instead be a libpq URI, postgresql://[user@]host[:port]/dbname[?param=value…]
 * (postgres:// too): the clinic's database on a PostgreSQL server, whose password comes from
 * libpq's usual places (~/.pgpass, PGPASSWORD, a service file). Nothing is created there (the
 * flags and *@created do not apply): an empty database is NOT_FOUND (naming
 * vastus_database_server_init's command), another application's NOT_VASTUS, a newer schema
 * NEWER, an older one SCHEMA (server init upgrades it), a server that cannot be reached OPEN.
 * vastus_database_get_path then gives the URI without any password. */
VastusDatabase *vastus_database_open_full      (const char      *path,
                                                VastusDatabaseOpenFlags flags,
                                                gboolean        *created,
                                                GError         **error);
/* vastus_database_open_full with VASTUS_DATABASE_OPEN_CREATE. */
VastusDatabase *vastus_database_open           (const char      *path,
                                                GError         **error);
/* Opens @path for reading only, writing nothing beside it (no -shm, no -wal). Every write then
 * fails with VASTUS_STORE_ERROR_READ_ONLY. Refused (READ_ONLY) when its -wal still holds
 * changes that cannot be read without writing, or its schema needs an upgrade. */
VastusDatabase *vastus_database_open_read_only (const char      *path,
                                                GError         **error);
/* TRUE for a connection that only reads: vastus_database_open_read_only, and
 * vastus_database_open of a file that can be read but not written. */
gboolean        vastus_database_is_read_only   (VastusDatabase  *self);
/* Why it only reads, as a phrase ("the disk holding it is full"); NULL when it writes. Writes
 * fail with VASTUS_STORE_ERROR_NO_SPACE for a full disk, else READ_ONLY, saying why. */
const char     *vastus_database_get_read_only_reason (VastusDatabase *self);
const char     *vastus_database_get_path       (VastusDatabase  *self);
int             vastus_database_get_schema_version (VastusDatabase *self);
int             vastus_database_get_latest_schema_version (void);
/* What the schema upgrades run when this connection opened the file wrote down for a person to
 * check (char*, in English, empty when none ran or all went cleanly): e.g. two visits of one
 * patient on one day that could not be merged (sql/008-one-visit-a-day.sql). They stay in the
 * table schema_upgrade_note. */
GPtrArray      *vastus_database_get_upgrade_notes (VastusDatabase *self);
/* PRAGMA quick_check: DAMAGED when it finds a problem. Open runs it on files up to 32 MiB;
 * for larger ones, run it in a worker thread (on its own connection) after opening. */
gboolean        vastus_database_check          (VastusDatabase  *self,
                                                GError         **error);

/* `vastus-cli server init` on the PostgreSQL database at @uri, in one transaction under the
 * schema's advisory lock (src/storage/postgresql/sql/README.md): the schema in an empty
 * database, the migrations above an older Vastus schema's version, then the group role
 * vastus_clinician and its rights. Refuses (NOT_VASTUS) a database that is neither empty nor
 * Vastus's, NEWER a newer schema; nothing is changed then. *@version_before (optional): 0 for
 * an empty database, else the version it had. */
gboolean        vastus_database_server_init    (const char      *uri,
                                                int             *version_before,
                                                GError         **error);
/* `vastus-cli server add-user`: a login @login in vastus_clinician on the server at @uri, named
 * @full_name (its comment), with @password hashed here (SCRAM-SHA-256) so that it never reaches
 * the server. CONSTRAINT for an empty password, a login that is not valid or exists already. */
gboolean        vastus_database_server_add_user (const char     *uri,
                                                 const char     *login,
                                                 const char     *full_name,
                                                 const char     *password,
                                                 GError        **error);
/* `vastus-cli server grant`: the existing login @login on the server at @uri put into
 * vastus_clinician (the rights `server add-user` gives a new login). NOT_FOUND when there is no
 * such login, CONSTRAINT for a role that may not log in; *@already (optional) TRUE, and nothing
 * changed, when it is in the group already. A login that may not grant (not the database's
 * owner) gets PERMISSION, a read-only server READ_ONLY, as for every change. */
gboolean        vastus_database_server_grant   (const char      *uri,
                                                const char      *login,
                                                gboolean        *already,
                                                GError         **error);
/* The password for every later connection to the server at @uri, given to libpq among the
 * connection's parameters (never written into the URI, a file or a message), kept in this
 * process's memory only; NULL forgets it. Thread-safe. */
void            vastus_database_set_server_password (const char *uri,
                                                     const char *password);
/* Connects once to the server at @uri with @password (NULL: libpq's own places) and checks it
 * holds a Vastus database this version can open, as opening would (NOT_FOUND when empty,
 * NOT_VASTUS, NEWER, SCHEMA; OPEN naming the server's reason when it cannot connect); then
 * closes. @login: the server login, @full_name: its comment (`server add-user --name`), or "".
 * Blocks on the network: never on a window's thread. */
gboolean        vastus_database_probe_server   (const char      *uri,
                                                const char      *password,
                                                char           **login,
                                                char           **full_name,
                                                GError         **error);
/* Whether the server of @uri answers at all (it may still refuse the login or the database):
 * FALSE when it cannot be reached, is stopped, or is starting or shutting down. Blocks on the
 * network for up to the connect timeout: never on a window's thread. */
gboolean        vastus_database_server_answers (const char      *uri);
/* The application is quitting (@quitting TRUE; FALSE: not any more): from now on every
 * statement on a server, also one waiting already, gives up after 2 s of the server's silence
 * in place of the usual deadline, and connecting waits 2 s at most, so that a hung server keeps
 * the process no longer than that. Process-wide; thread-safe. */
void            vastus_database_servers_quitting (gboolean       quitting);
/* Whether @path is a PostgreSQL server's URI (postgresql:// or postgres://), not a file. */
gboolean        vastus_database_is_server_uri  (const char      *path);
/* Where @path's data lives, for a window's title: a file's name, or "DATABASE on HOST"; with
 * @detail the file's whole path or the server's address without a password. */
char           *vastus_database_describe       (const char      *path,
                                                char           **detail);

/* @uri as @login: every parameter of @uri (host, port, database, TLS …) as it was, the login
 * @login, and no password (the new login's is given apart, vastus_database_set_server_password).
 * With @host, @port (0 when unset) and @dbname as libpq reads them. NULL for a file, or a URI
 * libpq cannot read. */
char           *vastus_database_server_uri_as  (const char      *uri,
                                                const char      *login,
                                                char           **host,
                                                guint           *port,
                                                char           **dbname,
                                                char           **ca_file);
/* A server URI's host (a socket folder starts with "/"; "" for the default socket) and database
 * name ("" for the server's default), as libpq reads them; FALSE for a file or what libpq cannot
 * read. */
gboolean        vastus_database_server_parts   (const char      *uri,
                                                char           **host,
                                                char           **dbname);

/* Who is entering data: recorded in every audit row. NULL: the login name. On a PostgreSQL
 * server the audit trail records the server login (session_user), which the server's triggers
 * write and a workstation cannot change: there set_actor does nothing, and get_actor is that
 * login, so that what a person is shown is what the trail holds. */
void            vastus_database_set_actor      (VastusDatabase  *self,
                                                const char      *actor);
const char     *vastus_database_get_actor      (VastusDatabase  *self);
/* On a server, the login's full name (`server add-user --name`); NULL on a file, or for a login
 * without one. */
const char     *vastus_database_get_login_name (VastusDatabase  *self);

/* An outer transaction, for all-or-nothing work such as an import. Calls inside it use
 * savepoints. */
gboolean        vastus_database_begin          (VastusDatabase  *self,
                                                GError         **error);
gboolean        vastus_database_commit         (VastusDatabase  *self,
                                                GError         **error);
void            vastus_database_rollback       (VastusDatabase  *self);

/* Patients. insert sets patient->id. MRNs are unique. */
gboolean        vastus_database_insert_patient (VastusDatabase      *self,
                                                VastusPatient       *patient,
                                                GError             **error);
/* An update replaces the version @patient was read at (patient->row_version) and raises it:
 * VASTUS_STORE_ERROR_CONFLICT, naming who changed the patient and when, when someone saved it
 * first; nothing is written then. The same for episodes and visits. */
gboolean        vastus_database_update_patient (VastusDatabase      *self,
                                                VastusPatient       *patient,
                                                GError             **error);
VastusPatient  *vastus_database_get_patient    (VastusDatabase      *self,
                                                gint64               id,
                                                GError             **error);
/* NULL without an error when there is no such MRN. */
VastusPatient  *vastus_database_find_patient   (VastusDatabase      *self,
                                                const char          *mrn,
                                                GError             **error);
/* Archives (or brings back) the patient at @row_version, the version the person saw, and raises
 * it (to @row_version + 1): VASTUS_STORE_ERROR_CONFLICT, naming who changed the patient and
 * when, when it is at another now. @row_version 0: at whatever version it is (the command line,
 * imports). */
gboolean        vastus_database_set_patient_archived (VastusDatabase *self,
                                                gint64               id,
                                                gint64               row_version,
                                                gboolean             archived,
                                                GError             **error);

/* Patients whose names were split from one field by a guess (a single word, or three or more
 * words: vastus_name_split), for a person to check: by the upgrade to family names, or when
 * a patient is written with only a whole name (an old CSV's name column). Editing the names takes
 * a patient off the list; so does dismissing it once checked. */
typedef struct
{
  gint64  patient_id;
  char   *mrn;
  char   *written;       /* the name as it was written in one field */
  char   *family_name;   /* as split */
  char   *given_name;
  char   *reason;        /* vastus_name_split's code: "one_word", "several_words", "empty" */
} VastusNameReview;

void            vastus_name_review_free        (VastusNameReview *review);
/* Of VastusNameReview*, by family name. */
GPtrArray      *vastus_database_list_name_reviews (VastusDatabase *self,
                                                   GError        **error);
/* Takes @patient_ids (@n_ids of them; 0: every one) off the list. */
gboolean        vastus_database_dismiss_name_reviews (VastusDatabase *self,
                                                      const gint64   *patient_ids,
                                                      guint           n_ids,
                                                      GError        **error);

typedef enum
{
  VASTUS_PATIENT_SORT_NAME,         /* family name, then given names */
  VASTUS_PATIENT_SORT_LAST_VISIT,   /* most recent first */
  VASTUS_PATIENT_SORT_MRN,
} VastusPatientSort;

/* The search is case- and accent-insensitive ("muller" finds "Müller"); with several words,
 * each must be the prefix of a word of the name or of the MRN (up to 4 words are used). */
typedef struct
{
  const char        *search;        /* prefix of MRN or of any word of the name (family or
                                     * given); NULL: all */
  gboolean           archived;      /* TRUE: only archived patients; FALSE: only active ones */
  VastusPatientSort  sort;
  guint              limit;         /* 0: no limit */
  guint              offset;
} VastusPatientQuery;

/* A patient in a list: the record plus what the list shows. */
typedef struct
{
  VastusPatient *patient;
  GDate          last_visit;        /* invalid when none */
  guint          n_visits;
} VastusPatientSummary;

void            vastus_patient_summary_free    (VastusPatientSummary *summary);
/* Of VastusPatientSummary*. */
GPtrArray      *vastus_database_list_patients  (VastusDatabase           *self,
                                                const VastusPatientQuery *query,
                                                GError                  **error);
guint           vastus_database_count_patients (VastusDatabase           *self,
                                                const VastusPatientQuery *query,
                                                GError                  **error);
/* The ids of the patients @query lists (limit and offset ignored), in its order: one query,
 * about 1 ms at 10,000 patients. Of gint64. */
GArray         *vastus_database_list_patient_ids (VastusDatabase           *self,
                                                  const VastusPatientQuery *query,
                                                  GError                  **error);
/* The list rows of the patients @ids, in that order; an id with no patient is left out. Of
 * VastusPatientSummary*. */
GPtrArray      *vastus_database_get_patient_summaries (VastusDatabase      *self,
                                                       const gint64        *ids,
                                                       guint                n_ids,
                                                       GError             **error);
/* Where @patient_id is in the list @query gives (limit and offset ignored): TRUE and
 * *@position, or FALSE, with @error only when the query failed (FALSE without an error: the
 * patient is not in that list). Reads the whole list: milliseconds at 10,000 patients. */
gboolean        vastus_database_find_patient_position (VastusDatabase           *self,
                                                       const VastusPatientQuery *query,
                                                       gint64                    patient_id,
                                                       guint                    *position,
                                                       GError                  **error);

/* Episodes of care. Lists are newest first (vastus_episode_compare_newest_first: by the date
 * each began). Reading fills first_visit and recorded. */
gboolean        vastus_database_insert_episode (VastusDatabase      *self,
                                                VastusEpisode       *episode,
                                                GError             **error);
gboolean        vastus_database_update_episode (VastusDatabase      *self,
                                                VastusEpisode       *episode,
                                                GError             **error);
VastusEpisode  *vastus_database_get_episode    (VastusDatabase      *self,
                                                gint64               id,
                                                GError             **error);
GPtrArray      *vastus_database_list_episodes  (VastusDatabase      *self,
                                                gint64               patient_id,
                                                GError             **error);
/* Soft delete (kept, hidden, audited) of an episode entered by mistake, and its undo. Only an
 * episode without visits (deleted ones aside) is deleted: one with visits fails with
 * VASTUS_STORE_ERROR_CONSTRAINT saying how many. A deleted episode is left out of the reads
 * above (get fails with NOT_FOUND), takes no visit and no change, and its deleted visits are
 * not restored until it is. */
/* Both at @row_version, as the patient's archive (after a delete at version n, its undo takes
 * n + 1). */
gboolean        vastus_database_delete_episode (VastusDatabase      *self,
                                                gint64               id,
                                                gint64               row_version,
                                                GError             **error);
gboolean        vastus_database_restore_episode (VastusDatabase     *self,
                                                 gint64              id,
                                                 gint64              row_version,
                                                 GError            **error);

/* Visits with their measurements. insert stores the visit and every measurement in one
 * transaction and sets the ids. Lists are oldest first and leave out deleted rows. A patient has
 * one visit a day: a second one on the same date (by insert, by changing a date, by restoring a
 * deleted visit) fails with VASTUS_STORE_ERROR_VISIT_EXISTS naming the one there is
 * (vastus_store_error_get_visit_id). A visit has one measurement per measure, side and trial. A
 * visit is read with its measurements from one snapshot of the database, and with the test
 * battery it was entered with (template_id, which insert and update write: 0 for none). */
gboolean        vastus_database_insert_visit   (VastusDatabase      *self,
                                                VastusVisit         *visit,
                                                GError             **error);
/* Updates the visit's own fields (and its battery) only. */
gboolean        vastus_database_update_visit   (VastusDatabase      *self,
                                                VastusVisit         *visit,
                                                GError             **error);
VastusVisit    *vastus_database_get_visit      (VastusDatabase      *self,
                                                gint64               id,
                                                GError             **error);
GPtrArray      *vastus_database_list_visits    (VastusDatabase      *self,
                                                gint64               episode_id,
                                                GError             **error);
/* Soft delete (kept, hidden, audited) and its undo. Both raise the visit's row version, as
 * archiving a patient and deleting or restoring an episode raise theirs: a save of what was read
 * before fails with VASTUS_STORE_ERROR_CONFLICT ("… deleted this visit at …"). Each takes the
 * version the person saw (@row_version; after a delete at version n, its undo takes n + 1) and
 * fails with VASTUS_STORE_ERROR_CONFLICT, naming who changed (deleted, restored) the visit and
 * when, when it is at another now; @row_version 0: at whatever version it is. */
gboolean        vastus_database_delete_visit   (VastusDatabase      *self,
                                                gint64               id,
                                                gint64               row_version,
                                                GError             **error);
gboolean        vastus_database_restore_visit  (VastusDatabase      *self,
                                                gint64               id,
                                                gint64               row_version,
                                                GError             **error);

/* Measurements of a stored visit. */
gboolean        vastus_database_insert_measurement (VastusDatabase    *self,
                                                gint64               visit_id,
                                                VastusMeasurement   *measurement,
                                                GError             **error);
gboolean        vastus_database_update_measurement (VastusDatabase          *self,
                                                const VastusMeasurement *measurement,
                                                GError                 **error);
gboolean        vastus_database_delete_measurement (VastusDatabase    *self,
                                                gint64               id,
                                                GError             **error);
gboolean        vastus_database_restore_measurement (VastusDatabase   *self,
                                                gint64               id,
                                                GError             **error);

/* The audit trail: append-only, written by triggers, never altered by the application. */
typedef struct
{
  gint64  id;
  char   *at;            /* UTC, "YYYY-MM-DDTHH:MM:SS.SSSZ" */
  char   *actor;
  char   *table_name;    /* "patient", "episode", "visit", "measurement" */
  gint64  row_id;
  char   *operation;     /* "insert", "update", "delete" (soft deletes are updates of deleted_at) */
  char   *old_json;      /* NULL for inserts */
  char   *new_json;
} VastusAuditEntry;

void            vastus_audit_entry_free        (VastusAuditEntry *entry);
/* Of VastusAuditEntry*, oldest first. @table_name NULL: every table; @row_id 0: every row. */
GPtrArray      *vastus_database_list_audit     (VastusDatabase   *self,
                                                const char       *table_name,
                                                gint64            row_id,
                                                GError          **error);
/* The audit entries of every measurement of visit @visit_id (deleted ones too), oldest first:
 * one query for a visit's whole history. */
GPtrArray      *vastus_database_list_visit_audit (VastusDatabase *self,
                                                  gint64          visit_id,
                                                  GError        **error);

/* Demo patients (VastusPatient.demo) and everything under them, removed in one step (a hard
 * delete: they are not clinical records). Returns how many patients went. */
gboolean        vastus_database_remove_demo    (VastusDatabase   *self,
                                                guint            *n_removed,
                                                GError          **error);

/* Keeping SQL off the thread of the GTK main loop. With VASTUS_MAIN_THREAD_SQL=abort in the
 * environment, between guard_begin and guard_end (they nest) on one thread, every statement
 * stepped on that thread, on any connection, aborts the program with a message naming the
 * statement. The application's data layer guards the main thread while it exists; without the
 * variable, or on any other thread, nothing changes. The command line never guards. */
void            vastus_database_guard_begin    (void);
void            vastus_database_guard_end      (void);
void            vastus_database_guard_end_for  (GThread *thread);
/* The thread guarded now, or NULL. */
GThread        *vastus_database_get_guarded_thread (void);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VastusPatientSummary, vastus_patient_summary_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (VastusNameReview, vastus_name_review_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (VastusAuditEntry, vastus_audit_entry_free)

G_END_DECLS
