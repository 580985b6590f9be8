/* vastus-clinic.h: the clinic as the window sees it
 *
 * The one object the application owns between the window and storage. It runs every storage
 * call on worker threads, each with a connection of its own (one writer, which serialises the
 * writes, and a few readers; a connection is only ever used by the thread that opened it), and
 * delivers results on the main context it was made on, as GAsyncResults. Every call takes a
 * GCancellable; a result for a cancelled call is dropped on the worker.
 *
 * It hands out observable records, shared while anyone holds them: one VastusPatientRecord per
 * patient (the patient list's row, the pane, the page and the editors hold the same object),
 * with its episodes (VastusEpisodeRecord) and their visits; list models of the patients
 * (VastusPatientModel), of the criteria sets and of the backups. Every write goes through it
 * and emits, after its commit and before its own result is delivered, what it changed
 * (vastus-clinic-change.h); the records and models update themselves from those changes, in
 * place, with items-changed for exactly the rows that changed. Views bind; none fetches.
 *
 * The command line keeps the synchronous storage API (vastus-database.h).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "vastus-backup-item.h"
#include "vastus-clinic-change.h"
#include "vastus-clinic-rules.h"
#include "vastus-criteria.h"
#include "vastus-name-review-item.h"
#include "vastus-name-review-list.h"
#include "vastus-record.h"
#include "vastus-template.h"

G_BEGIN_DECLS

#define VASTUS_CLINIC_ERROR (vastus_clinic_error_quark ())

/* Stable codes. Storage and backup errors arrive as these, with their message. */
typedef enum
{
  VASTUS_CLINIC_ERROR_FAILED,
  VASTUS_CLINIC_ERROR_NOT_OPEN,    /* the database is not open (yet, or it could not be) */
  VASTUS_CLINIC_ERROR_OPEN,        /* cannot open or create the file */
  VASTUS_CLINIC_ERROR_NOT_VASTUS,  /* a database, but another application's */
  VASTUS_CLINIC_ERROR_DAMAGED,     /* not a database, or corrupt */
  VASTUS_CLINIC_ERROR_NEWER,       /* written by a newer Vastus */
  VASTUS_CLINIC_ERROR_SCHEMA,      /* an upgrade failed */
  VASTUS_CLINIC_ERROR_DUPLICATE,   /* e.g. an MRN another patient has */
  VASTUS_CLINIC_ERROR_NOT_FOUND,
  VASTUS_CLINIC_ERROR_READ_ONLY,
  VASTUS_CLINIC_ERROR_BUSY,        /* locked by another program */
  VASTUS_CLINIC_ERROR_NO_SPACE,    /* the disk is full: nothing was written */
  VASTUS_CLINIC_ERROR_VERIFY,      /* a new backup did not verify */
  VASTUS_CLINIC_ERROR_INVALID,     /* e.g. restoring the database onto itself */
  VASTUS_CLINIC_ERROR_VISIT_EXISTS, /* the patient has a visit on that date (one a day) */
  VASTUS_CLINIC_ERROR_CONFLICT,    /* someone else saved or deleted the record after it was read:
                                    * the message names who and when; nothing was written */
  VASTUS_CLINIC_ERROR_UNREACHABLE, /* opening: the clinic server does not answer at all (stopped,
                                    * or the network); the message is libpq's */
  VASTUS_CLINIC_ERROR_PERMISSION,  /* the clinic server refused the login the change (it is not a
                                    * clinician's, or only the database's owner may): the message
                                    * says it all, naming the login and what to do */
  VASTUS_CLINIC_ERROR_NO_ANSWER,   /* a folder (on a network share, say) did not answer within
                                    * VASTUS_CLINIC_FOLDER_DEADLINE_MS: the message names it;
                                    * nothing was done */
} VastusClinicError;

GQuark vastus_clinic_error_quark (void);

/* How far a long call is, on the main context: @fraction of it done (0…1), or -1 while its size
 * is not known. Called only while the call's cancellable is not cancelled. */
typedef void (*VastusClinicProgressFunc) (double   fraction,
                                          gpointer user_data);

#define VASTUS_TYPE_CLINIC (vastus_clinic_get_type ())
G_DECLARE_FINAL_TYPE (VastusClinic, vastus_clinic, VASTUS, CLINIC, GObject)

/* How many reader threads (and connections) a clinic has. */
#define VASTUS_CLINIC_N_READERS 2

/* A clinic for the database at @path, not open yet. While any clinic exists (until it is
 * closed), the thread that made it is guarded (vastus_database_guard_begin:
 * VASTUS_MAIN_THREAD_SQL=abort). A test hook,
 * VASTUS_STORAGE_DELAY_MS in the environment (or vastus_clinic_set_delay), delays every call on
 * the workers, as a clinic server would. */
VastusClinic *vastus_clinic_new              (const char          *path);
/* $VASTUS_DB if set, else $XDG_DATA_HOME/io.github.vastus.Vastus/vastus.db */
char         *vastus_clinic_default_path     (void);
const char   *vastus_clinic_get_path         (VastusClinic        *self);
/* Whether the clinic's database is on a PostgreSQL server (its checks and backups are the
 * server's own), not a file. */
gboolean      vastus_clinic_is_server        (VastusClinic        *self);
/* Where the data lives, for the window's header: "This computer" for a file, "Clinic server
 * HOST/DATABASE" for a server; with @detail the file's whole path or the server's address
 * without a password (vastus_database_describe). */
char         *vastus_clinic_describe         (VastusClinic        *self,
                                              char               **detail);

/* Opens (creating or upgrading it as vastus_database_open does); a file that may only be read
 * opens read-only. The error is a VASTUS_CLINIC_ERROR. */
void          vastus_clinic_open_async       (VastusClinic        *self,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
gboolean      vastus_clinic_open_finish      (VastusClinic        *self,
                                              GAsyncResult        *result,
                                              GError             **error);
gboolean      vastus_clinic_is_open          (VastusClinic        *self);
gboolean      vastus_clinic_is_read_only     (VastusClinic        *self);
/* Lets the calls still queued finish (a draft being written is written), delivers their
 * results, then closes the connections and stops the workers. Calls after this fail with
 * NOT_OPEN. Waits: for quitting. */
void          vastus_clinic_close            (VastusClinic        *self);

/* On a clinic server, once open: the server login, which the audit trail records as who entered
 * the data, and in @full_name its full name (`server add-user --name`, NULL for none). NULL on
 * a file, or before it opened. */
char         *vastus_clinic_dup_login        (VastusClinic        *self,
                                              char               **full_name);
/* Who is entering data, recorded in the audit trail of every later write. NULL: the login name. */
void          vastus_clinic_set_actor        (VastusClinic        *self,
                                              const char          *actor);
const char   *vastus_clinic_get_actor        (VastusClinic        *self);

/* Announces a change made elsewhere (another workstation, later), exactly as the clinic's own
 * writes do. */
void          vastus_clinic_emit_change      (VastusClinic        *self,
                                              const VastusClinicChange *change);
/* On a clinic server, what other workstations commit is announced as this clinic's own writes
 * are (the record signals, then ::changed with the table and the patient's id, 0 for none), on
 * the main context, from the server's notices received on a connection and thread of their
 * own; after that connection was lost and came back, everything is read again (::reloaded).
 * TRUE while those notices are being received (the property "listening"); always FALSE on a
 * SQLite file, which one person uses at a time. */
gboolean      vastus_clinic_is_listening     (VastusClinic        *self);
/* TRUE from when the clinic server stopped answering (stopped, unreachable, or hung: the
 * listener's connection was lost or its heartbeat went unanswered) until it answers again, when
 * everything is read again (::reloaded); meanwhile the clinic keeps trying, and calls fail
 * with VASTUS_STORE_ERROR_OPEN within the statements' deadline. The property
 * "server-unreachable"; always FALSE on a SQLite file. */
gboolean      vastus_clinic_is_server_unreachable (VastusClinic   *self);
/* Everything shown may be stale (after a restore, or a reconnect): records and models read
 * again, once. Emits ::reloaded. */
void          vastus_clinic_reload           (VastusClinic        *self);

/* The clinic's rules for its verdicts and safety flags (vastus-clinic-rules.h), the same for
 * every workstation: read from its database when it opens, and again after any change to them
 * (on a clinic server, another workstation's too) or a reload, each time ::notify::rules. NULL
 * until read. */
const VastusClinicRulebook *vastus_clinic_get_rules (VastusClinic        *self);
/* Its verdicts' rules into @out: the defaults while they are not read or @self is NULL. */
void          vastus_clinic_get_clinic_rules (VastusClinic       *self,
                                              VastusClinicRules  *out);
/* Sets the @n_rules rules @names to @values (vastus_database_set_clinic_rules: all or none; a
 * value outside its limits fails, naming the rule, the value and the limits), announced as
 * ::setting-changed with the key VASTUS_CLINIC_SETTING_RULES. */
void          vastus_clinic_set_rules_async  (VastusClinic        *self,
                                              guint                n_rules,
                                              const char * const  *names,
                                              const char * const  *values,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
gboolean      vastus_clinic_set_rules_finish (VastusClinic        *self,
                                              GAsyncResult        *result,
                                              GError             **error);
/* The caseload's re-test interval in weeks: the clinic's, the default while not read or @self
 * is NULL. */
guint         vastus_clinic_get_retest_weeks (VastusClinic        *self);
/* The criteria set @episode is evaluated against, unless one is chosen for the view: its own,
 * else the clinic's default for its condition (its rules, when the clinic has that set), else
 * the built-in one for the condition. @self may be NULL (then no clinic default). */
char         *vastus_clinic_choose_criteria_set (VastusClinic        *self,
                                                 const VastusEpisode *episode);
/* The one-time move of rules this workstation kept in its own preferences into the clinic
 * (vastus_database_adopt_clinic_rules: each only where the clinic has none yet). finish: TRUE
 * and *@n_adopted, how many were set. */
void          vastus_clinic_adopt_rules_async  (VastusClinic        *self,
                                                guint                n_rules,
                                                const char * const  *names,
                                                const char * const  *values,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
gboolean      vastus_clinic_adopt_rules_finish (VastusClinic        *self,
                                                GAsyncResult        *result,
                                                guint               *n_adopted,
                                                GError             **error);
#define VASTUS_CLINIC_SETTING_RULES "rules"

/* The latest version of every criteria set (built-in ones first), of VastusCriteriaSetItem:
 * read when first asked for, and again when a set is added or saved. */
GListModel   *vastus_clinic_get_criteria_sets (VastusClinic       *self);
/* Copies the latest version of built-in set @from_id to a new clinic set (version 1; its id is
 * "FROM-clinic", or "FROM-clinic-2" … when that is taken) titled @title. finish: the new set. */
void          vastus_clinic_copy_criteria_set_async  (VastusClinic        *self,
                                                      const char          *from_id,
                                                      const char          *title,
                                                      GCancellable        *cancellable,
                                                      GAsyncReadyCallback  callback,
                                                      gpointer             user_data);
VastusCriteriaSet *vastus_clinic_copy_criteria_set_finish (VastusClinic   *self,
                                                           GAsyncResult   *result,
                                                           GError        **error);
/* Saves @set (a clinic set) as its next version. finish: the set as stored (its version). */
void          vastus_clinic_save_criteria_set_async  (VastusClinic        *self,
                                                      const VastusCriteriaSet *set,
                                                      GCancellable        *cancellable,
                                                      GAsyncReadyCallback  callback,
                                                      gpointer             user_data);
VastusCriteriaSet *vastus_clinic_save_criteria_set_finish (VastusClinic   *self,
                                                           GAsyncResult   *result,
                                                           GError        **error);

/* The patients whose names were split from one field by a guess, for a person to check: a
 * VastusNameReviewList of VastusNameReviewItem, by family name, read when first asked for and
 * kept current. */
GListModel   *vastus_clinic_get_name_reviews (VastusClinic       *self);
/* Confirms the split of patient @patient_id's names: takes them off the list (announced as a
 * change of the patient). */
void          vastus_clinic_confirm_name_split_async  (VastusClinic        *self,
                                                       gint64               patient_id,
                                                       GCancellable        *cancellable,
                                                       GAsyncReadyCallback  callback,
                                                       gpointer             user_data);
gboolean      vastus_clinic_confirm_name_split_finish (VastusClinic        *self,
                                                       GAsyncResult        *result,
                                                       GError             **error);

/* The test batteries that are not deleted (of VastusTemplateItem): the clinic's by name, then the
 * built-in ones. Read when first asked for, and again when a battery is saved or deleted
 * (::template-changed); empty until read. */
GListModel   *vastus_clinic_get_templates     (VastusClinic        *self);
/* Adds (id 0) or replaces a clinic's battery (vastus_database_save_template: a battery that does
 * not pass vastus_template_check fails with VASTUS_VALIDATION_ERROR). finish: the battery as
 * stored, its id set. */
void          vastus_clinic_save_template_async   (VastusClinic         *self,
                                                   const VastusTemplate *template_,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
VastusTemplate *vastus_clinic_save_template_finish (VastusClinic        *self,
                                                    GAsyncResult        *result,
                                                    GError             **error);
/* Deletes a clinic's battery (kept, marked deleted), or brings it back (@restore: Undo). */
void          vastus_clinic_delete_template_async (VastusClinic         *self,
                                                   gint64                id,
                                                   gboolean              restore,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
gboolean      vastus_clinic_delete_template_finish (VastusClinic        *self,
                                                    GAsyncResult        *result,
                                                    GError             **error);

/* The lead therapist's caseload (vastus-caseload-store.h): a line for every active patient's
 * current episode as of @as_of (NULL: today), with the clinic's @rules (NULL: the defaults), a
 * re-test due after @retest_weeks weeks without a visit, and the clinic's default sets by
 * condition (@default_sets, may be NULL). finish: a new list of VastusCaseloadItem, by MRN. */
void          vastus_clinic_list_caseload_async   (VastusClinic            *self,
                                                   const GDate             *as_of,
                                                   const VastusClinicRules *rules,
                                                   guint                    retest_weeks,
                                                   GHashTable              *default_sets,
                                                   GCancellable            *cancellable,
                                                   GAsyncReadyCallback      callback,
                                                   gpointer                 user_data);
GListModel   *vastus_clinic_list_caseload_finish  (VastusClinic            *self,
                                                   GAsyncResult            *result,
                                                   GError                 **error);

/* Patients in the database, archived ones too (the "n-patients" property; 0 until open). */
guint         vastus_clinic_get_n_patients   (VastusClinic        *self);

/* Writes. Each ends after its commit, with the change it made announced (and the records that
 * show it updating themselves); the finish functions give what was stored. */

/* Adds (id 0) or updates a patient. finish: the patient's id; DUPLICATE for an MRN another
 * patient has; CONFLICT, the message naming who and when, when someone saved the patient after
 * patient->row_version (the version it was read at). @row_version (optional): the version it
 * is stored at now, for the next save of the same form. The same for episodes, and for visits
 * against @original's version (their finish gives the visit as stored, with its version). */
void          vastus_clinic_save_patient_async    (VastusClinic         *self,
                                                   const VastusPatient  *patient,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
gint64        vastus_clinic_save_patient_finish   (VastusClinic         *self,
                                                   GAsyncResult         *result,
                                                   gint64               *row_version,
                                                   GError              **error);
/* Archives (or restores) a patient at @row_version, the version the person saw (0: at any):
 * CONFLICT, naming who changed it and when, when it is at another. finish: the patient as
 * stored now (transfer full). */
void          vastus_clinic_set_archived_async    (VastusClinic         *self,
                                                   gint64                patient_id,
                                                   gint64                row_version,
                                                   gboolean              archived,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
VastusPatient *vastus_clinic_set_archived_finish  (VastusClinic         *self,
                                                   GAsyncResult         *result,
                                                   GError              **error);
/* Adds (id 0) or updates an episode of care. finish: its id, and its version as for patients. */
void          vastus_clinic_save_episode_async    (VastusClinic         *self,
                                                   const VastusEpisode  *episode,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
gint64        vastus_clinic_save_episode_finish   (VastusClinic         *self,
                                                   GAsyncResult         *result,
                                                   gint64               *row_version,
                                                   GError              **error);
/* Soft-deletes an episode of care without visits (kept, hidden, audited), or brings it back
 * (@restore). One with visits is refused, the message saying how many. At @row_version, the
 * version the person saw (0: at any; a delete at n raises it to n + 1, which its undo takes):
 * CONFLICT, naming who changed it and when, when it is at another. */
void          vastus_clinic_delete_episode_async  (VastusClinic         *self,
                                                   gint64                patient_id,
                                                   gint64                episode_id,
                                                   gint64                row_version,
                                                   gboolean              restore,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
gboolean      vastus_clinic_delete_episode_finish (VastusClinic         *self,
                                                   GAsyncResult         *result,
                                                   GError              **error);
/* Stores @visit of patient @patient_id in one transaction with the end of its draft: a new
 * visit (@original NULL), or the changes to the stored @original (the header; cleared values
 * soft-deleted first, changed ones updated, audited; new ones inserted), with the questionnaires
 * answered anew (@responses, of VastusResponse*, may be NULL: each replaces the visit's one of
 * its instrument, with its scores). A second visit on the date of one fails with
 * VASTUS_CLINIC_ERROR_VISIT_EXISTS. finish: the visit as stored (transfer full). */
void          vastus_clinic_save_visit_async      (VastusClinic         *self,
                                                   gint64                patient_id,
                                                   const VastusVisit    *visit,
                                                   const VastusVisit    *original,
                                                   GPtrArray            *responses,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
VastusVisit  *vastus_clinic_save_visit_finish     (VastusClinic         *self,
                                                   GAsyncResult         *result,
                                                   GError              **error);
/* Soft-deletes a visit (kept, hidden, audited), or brings it back; at @row_version as an
 * episode. */
void          vastus_clinic_delete_visit_async    (VastusClinic         *self,
                                                   gint64                patient_id,
                                                   gint64                episode_id,
                                                   gint64                visit_id,
                                                   gint64                row_version,
                                                   gboolean              restore,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
gboolean      vastus_clinic_delete_visit_finish   (VastusClinic         *self,
                                                   GAsyncResult         *result,
                                                   GError              **error);
/* What the visit editor keeps of a visit being entered (vastus-draft-store.h): writes @state
 * as the draft of (@episode_id, @visit_id or 0), or deletes it (@state NULL). */
void          vastus_clinic_save_draft_async      (VastusClinic         *self,
                                                   gint64                patient_id,
                                                   gint64                episode_id,
                                                   gint64                visit_id,
                                                   const char           *state,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
gboolean      vastus_clinic_save_draft_finish     (VastusClinic         *self,
                                                   GAsyncResult         *result,
                                                   GError              **error);
/* The draft of (@episode_id, @visit_id or 0): TRUE with its state and when it was saved (UTC),
 * FALSE without an error when there is none. */
void          vastus_clinic_load_draft_async      (VastusClinic         *self,
                                                   gint64                episode_id,
                                                   gint64                visit_id,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
gboolean      vastus_clinic_load_draft_finish     (VastusClinic         *self,
                                                   GAsyncResult         *result,
                                                   char                **state,
                                                   GDateTime           **saved_at,
                                                   GError              **error);
/* The edits of a stored visit's values, read in one go: measure code → lines "Left: edited by
 * NAME on DATE, was VALUE" (translated), for the values that were ever changed. */
void          vastus_clinic_read_visit_history_async  (VastusClinic     *self,
                                                       const VastusVisit *visit,
                                                       GCancellable     *cancellable,
                                                       GAsyncReadyCallback callback,
                                                       gpointer          user_data);
GHashTable   *vastus_clinic_read_visit_history_finish (VastusClinic     *self,
                                                       GAsyncResult     *result,
                                                       GError          **error);
/* Visits being edited (vastus-clinic-leases.c). On a clinic server a visit editor takes a lease
 * on its visit when it opens and releases it when it closes (each take with one release: the
 * lease stays until the last editor of the visit here closes); it lives in the writer's
 * connection, so that a workstation that dies or loses the server holds none. Editing is never
 * refused: leases only tell, saving is guarded by the visit's version. The other workstations
 * hear of it as ::changed with the table "visit_lease". On SQLite (one user) these do nothing. */
void          vastus_clinic_take_visit_lease_async     (VastusClinic        *self,
                                                        gint64               visit_id,
                                                        GCancellable        *cancellable,
                                                        GAsyncReadyCallback  callback,
                                                        gpointer             user_data);
gboolean      vastus_clinic_take_visit_lease_finish    (VastusClinic        *self,
                                                        GAsyncResult        *result,
                                                        GError             **error);
void          vastus_clinic_release_visit_lease_async  (VastusClinic        *self,
                                                        gint64               visit_id,
                                                        GCancellable        *cancellable,
                                                        GAsyncReadyCallback  callback,
                                                        gpointer             user_data);
gboolean      vastus_clinic_release_visit_lease_finish (VastusClinic        *self,
                                                        GAsyncResult        *result,
                                                        GError             **error);
/* Who else is editing the visits of patient @patient_id: finish gives visit id (gint64*) →
 * "Being edited by NAME since TIME" (translated, one line per workstation), for the other
 * workstations' leases only; empty on SQLite. */
void          vastus_clinic_list_visit_leases_async    (VastusClinic        *self,
                                                        gint64               patient_id,
                                                        GCancellable        *cancellable,
                                                        GAsyncReadyCallback  callback,
                                                        gpointer             user_data);
GHashTable   *vastus_clinic_list_visit_leases_finish   (VastusClinic        *self,
                                                        GAsyncResult        *result,
                                                        GError             **error);
/* What an editor edits, read as stored now (vastus-clinic-stored.c): their version, when a save
 * found someone else's. */
typedef enum
{
  VASTUS_STORED_PATIENT,       /* a VastusPatient */
  VASTUS_STORED_EPISODE,       /* a VastusEpisode */
  VASTUS_STORED_VISIT,         /* a VastusVisit, with its values */
  VASTUS_STORED_CRITERIA_SET,  /* a clinic's VastusCriteriaSet, its latest version */
} VastusStoredKind;

/* The @kind record @id (for a criteria set: @set_id) as stored now, with its version: a
 * VastusPatient*, VastusEpisode*, VastusVisit* or VastusCriteriaSet*, freed with
 * vastus_stored_free (). NOT_FOUND when it is deleted. */
void          vastus_clinic_read_stored_async     (VastusClinic        *self,
                                                   VastusStoredKind     kind,
                                                   gint64               id,
                                                   const char          *set_id,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
gpointer      vastus_clinic_read_stored_finish    (VastusClinic        *self,
                                                   GAsyncResult        *result,
                                                   GError             **error);
void          vastus_stored_free                  (VastusStoredKind     kind,
                                                   gpointer             record);
/* The questionnaires answered at visit @visit_id (of VastusResponse*, answers in item order). */
void          vastus_clinic_list_visit_responses_async  (VastusClinic        *self,
                                                         gint64               visit_id,
                                                         GCancellable        *cancellable,
                                                         GAsyncReadyCallback  callback,
                                                         gpointer             user_data);
GPtrArray    *vastus_clinic_list_visit_responses_finish (VastusClinic        *self,
                                                         GAsyncResult        *result,
                                                         GError             **error);
/* Adds the demo patients that are not there yet, all or nothing. finish: how many. */
void          vastus_clinic_load_demo_async       (VastusClinic         *self,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
guint         vastus_clinic_load_demo_finish      (VastusClinic         *self,
                                                   GAsyncResult         *result,
                                                   GError              **error);
/* The id of the patient with @mrn, 0 when there is none. */
void          vastus_clinic_find_patient_async    (VastusClinic         *self,
                                                   const char           *mrn,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
gint64        vastus_clinic_find_patient_finish   (VastusClinic         *self,
                                                   GAsyncResult         *result,
                                                   GError              **error);

/* Where the backups are kept: the folder "backups" beside the database, where it really is
 * (the links on its path resolved, vastus_backup_get_folder). That goes to the disk or a network
 * share, which may hang: asked as vastus_clinic_find_saved_folder_async asks, on a thread of its
 * own with its deadline, holding no window and none of the clinic's workers. finish: the
 * folder's path, or NULL with VASTUS_CLINIC_ERROR_NO_ANSWER (naming the folder as the database's
 * path gives it) when it did not answer by the deadline, or G_IO_ERROR_CANCELLED. */
void          vastus_clinic_find_backup_folder_async  (VastusClinic             *self,
                                                       GCancellable             *cancellable,
                                                       GAsyncReadyCallback       callback,
                                                       gpointer                  user_data);
char         *vastus_clinic_find_backup_folder_finish (VastusClinic             *self,
                                                       GAsyncResult             *result,
                                                       GError                  **error);

/* Whether anything is at @path (a file, a folder, a link to one): asked as the two calls around
 * it ask, off the main thread and the workers, with their deadline. finish: TRUE with *@exists;
 * FALSE with VASTUS_CLINIC_ERROR_NO_ANSWER (naming @path's folder) when the disk or share did
 * not answer by the deadline, or G_IO_ERROR_CANCELLED. */
void          vastus_clinic_check_exists_async        (VastusClinic             *self,
                                                       const char               *path,
                                                       GCancellable             *cancellable,
                                                       GAsyncReadyCallback       callback,
                                                       gpointer                  user_data);
gboolean      vastus_clinic_check_exists_finish       (VastusClinic             *self,
                                                       GAsyncResult             *result,
                                                       gboolean                 *exists,
                                                       GError                  **error);

/* Where a file chooser opens: the folder the person saved (the last export's, report's or
 * backup's, @saved), when it can be used: a folder (a link to one too) that answers within
 * VASTUS_CLINIC_FOLDER_DEADLINE_MS. Checked on a thread of its own, never the caller's: a disk
 * or a network share that hangs holds no window and none of the clinic's workers. finish: the
 * folder, or NULL without @error when there is none to use (nothing saved, not there, not a
 * folder, or no answer by the deadline: the chooser opens where it would without one); NULL with
 * @error only when cancelled. */
#define VASTUS_CLINIC_FOLDER_DEADLINE_MS 5000
void          vastus_clinic_find_saved_folder_async   (VastusClinic             *self,
                                                       const char               *saved,
                                                       GCancellable             *cancellable,
                                                       GAsyncReadyCallback       callback,
                                                       gpointer                  user_data);
GFile        *vastus_clinic_find_saved_folder_finish  (VastusClinic             *self,
                                                       GAsyncResult             *result,
                                                       GError                  **error);

/* Long calls on files. Each tells how far it is (@progress, may be NULL; it needs
 * @cancellable) and stops when @cancellable is cancelled, leaving nothing half-done. */

/* Writes the flat CSV (vastus-csv-export.h) of every patient (@mrn NULL) or of one, plain or
 * de-identified for research, to @path (0600, atomically): TRUE. A file that cannot be written
 * fails with its G_FILE_ERROR (VASTUS_CLINIC_ERROR_NO_SPACE for a full disk). */
void          vastus_clinic_export_csv_async      (VastusClinic             *self,
                                                   const char               *mrn,
                                                   gboolean                  deidentify,
                                                   const char               *path,
                                                   VastusClinicProgressFunc  progress,
                                                   gpointer                  progress_data,
                                                   GCancellable             *cancellable,
                                                   GAsyncReadyCallback       callback,
                                                   gpointer                  user_data);
gboolean      vastus_clinic_export_csv_finish     (VastusClinic             *self,
                                                   GAsyncResult             *result,
                                                   GError                  **error);
/* A verified backup of the database into @path (0600, replacing it atomically), or, @path
 * NULL, into the backups folder beside it (older backups rotated). finish: the new file. */
void          vastus_clinic_back_up_async         (VastusClinic             *self,
                                                   const char               *path,
                                                   VastusClinicProgressFunc  progress,
                                                   gpointer                  progress_data,
                                                   GCancellable             *cancellable,
                                                   GAsyncReadyCallback       callback,
                                                   gpointer                  user_data);
char         *vastus_clinic_back_up_finish        (VastusClinic             *self,
                                                   GAsyncResult             *result,
                                                   GError                  **error);
/* The backups beside the database, newest first. finish: a list model of VastusBackupItem. */
void          vastus_clinic_list_backups_async    (VastusClinic             *self,
                                                   VastusClinicProgressFunc  progress,
                                                   gpointer                  progress_data,
                                                   GCancellable             *cancellable,
                                                   GAsyncReadyCallback       callback,
                                                   gpointer                  user_data);
GListModel   *vastus_clinic_list_backups_finish   (VastusClinic             *self,
                                                   GAsyncResult             *result,
                                                   GError                  **error);
/* Replaces the database with the backup @backup: verified first, the current database backed
 * up first (*safety_backup: that backup, NULL when there was none), then copied in as one
 * transaction while nothing else runs. Afterwards every connection opens the file afresh and
 * everything shown is read again (::reloaded, before the result). Also when the database could
 * not be opened (a damaged file): the clinic is then open. */
void          vastus_clinic_restore_async         (VastusClinic             *self,
                                                   const char               *backup,
                                                   VastusClinicProgressFunc  progress,
                                                   gpointer                  progress_data,
                                                   GCancellable             *cancellable,
                                                   GAsyncReadyCallback       callback,
                                                   gpointer                  user_data);
gboolean      vastus_clinic_restore_finish        (VastusClinic             *self,
                                                   GAsyncResult             *result,
                                                   char                    **safety_backup,
                                                   GError                  **error);
/* The full check of the file (integrity and foreign keys), on a connection of its own.
 * finish: the problems (of char*, one line each; empty when all is well). */
void          vastus_clinic_check_async           (VastusClinic             *self,
                                                   GCancellable             *cancellable,
                                                   GAsyncReadyCallback       callback,
                                                   gpointer                  user_data);
GPtrArray    *vastus_clinic_check_finish          (VastusClinic             *self,
                                                   GAsyncResult             *result,
                                                   GError                  **error);
/* The daily backup (vastus_backup_automatic), when one is due. finish: the new file, "" when
 * none was due. */
void          vastus_clinic_daily_backup_async    (VastusClinic             *self,
                                                   GCancellable             *cancellable,
                                                   GAsyncReadyCallback       callback,
                                                   gpointer                  user_data);
char         *vastus_clinic_daily_backup_finish   (VastusClinic             *self,
                                                   GAsyncResult             *result,
                                                   GError                  **error);
/* For a database that could not be opened: sets a damaged or foreign file aside, byte for byte,
 * into the backups folder when @keep_copy (once per content; *kept_copy, NULL when it could
 * not be made), and finds the newest backup that verifies (*backup, NULL when none). Never
 * writes the database. */
void          vastus_clinic_prepare_recovery_async  (VastusClinic             *self,
                                                     gboolean                  keep_copy,
                                                     VastusClinicProgressFunc  progress,
                                                     gpointer                  progress_data,
                                                     GCancellable             *cancellable,
                                                     GAsyncReadyCallback       callback,
                                                     gpointer                  user_data);
gboolean      vastus_clinic_prepare_recovery_finish (VastusClinic             *self,
                                                     GAsyncResult             *result,
                                                     char                    **kept_copy,
                                                     VastusBackupItem        **backup,
                                                     GError                  **error);

/* The delay hook, in milliseconds (0: none). */
void          vastus_clinic_set_delay        (VastusClinic        *self,
                                              guint                delay_ms);
/* For tests: @hook hears, on the worker, every step a long call (an export, a backup, a restore,
 * a recovery) reports, as the fraction done (-1: unknown), before the call goes on: it may wait
 * there, to cancel the call at that step. NULL: none. */
typedef void (*VastusClinicStepHook) (double    fraction,
                                      gpointer  user_data);
void          vastus_clinic_set_step_hook    (VastusClinic        *self,
                                              VastusClinicStepHook hook,
                                              gpointer             user_data);
/* For tests and benchmarks: calls made and not delivered yet (and changes not read back). At 0,
 * everything shown is current. */
guint         vastus_clinic_get_n_pending    (VastusClinic        *self);
/* For tests and benchmarks: calls run on the workers so far (and the saved folders checked,
 * each on a thread of its own). */
guint         vastus_clinic_get_n_calls      (VastusClinic        *self);

G_END_DECLS
