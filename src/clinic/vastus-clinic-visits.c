/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vastus-clinic"

#include "config.h"

#include "vastus-i18n.h"
#include <json-glib/json-glib.h>
#include <string.h>

#include "vastus-catalog.h"
#include "vastus-clinic-private.h"
#include "vastus-draft-store.h"
#include "vastus-questionnaire-store.h"
#include "vastus-value.h"

/* The writes and reads of visits: saving one (a new visit, or an edit with its audited
 * changes) with its questionnaires and the end of its draft, deleting one, its audit history
 * and its questionnaires. Each worker function runs on the writer (or a reader) with its
 * connection, and records the changes it made. */


/* Visits */

typedef struct
{
  gint64       patient_id;
  VastusVisit *visit;
  VastusVisit *original;      /* NULL: a new visit */
  GPtrArray   *responses;     /* of VastusResponse*: questionnaires answered anew, or NULL */
} SaveVisit;

static void
save_visit_free (SaveVisit *save)
{
  g_clear_pointer (&save->visit, vastus_visit_free);
  g_clear_pointer (&save->original, vastus_visit_free);
  g_clear_pointer (&save->responses, g_ptr_array_unref);
  g_free (save);
}

static const VastusMeasurement *
find_original (const VastusVisit *original,
               gint64             id)
{
  for (guint i = 0; i < original->measurements->len; i++)
    {
      const VastusMeasurement *m = g_ptr_array_index (original->measurements, i);

      if (m->id == id)
        return m;
    }
  return NULL;
}

/* An edited visit: the header, changed values (audited), new ones, and those no longer there
 * soft-deleted; inside the caller's transaction. */
static gboolean
store_changes (VastusDatabase     *db,
               VastusVisit        *visit,
               const VastusVisit  *original,
               GError            **error)
{
  g_autoptr(GHashTable) kept = g_hash_table_new (g_int64_hash, g_int64_equal);

  /* The edit replaces the visit as it was opened: a save by someone else since then is a
   * conflict (VASTUS_CLINIC_ERROR_CONFLICT), and nothing of this one is written. */
  visit->row_version = original->row_version;
  if (!vastus_database_update_visit (db, visit, error))
    return FALSE;
  for (guint i = 0; i < visit->measurements->len; i++)
    {
      VastusMeasurement *m = g_ptr_array_index (visit->measurements, i);

      if (m->id != 0 && find_original (original, m->id) != NULL)
        g_hash_table_add (kept, &m->id);
    }
  /* Cleared values go first: a trial entered again takes their place (one per trial). */
  for (guint i = 0; i < original->measurements->len; i++)
    {
      VastusMeasurement *old = g_ptr_array_index (original->measurements, i);

      if (!g_hash_table_contains (kept, &old->id)
          && !vastus_database_delete_measurement (db, old->id, error))
        return FALSE;
    }
  for (guint i = 0; i < visit->measurements->len; i++)
    {
      VastusMeasurement *m = g_ptr_array_index (visit->measurements, i);
      const VastusMeasurement *old = m->id != 0 ? find_original (original, m->id) : NULL;

      if (old == NULL)
        {
          m->id = 0;
          if (!vastus_database_insert_measurement (db, visit->id, m, error))
            return FALSE;
          continue;
        }
      m->visit_id = visit->id;
      m->baseline = old->baseline;
      if (m->value == old->value && g_strcmp0 (m->unit, old->unit) == 0
          && _vastus_same_number (m->knee_angle_deg, old->knee_angle_deg)
          && _vastus_same_number (m->velocity_deg_s, old->velocity_deg_s)
          && _vastus_same_number (m->lever_arm_m, old->lever_arm_m)
          && g_strcmp0 (m->fixation, old->fixation) == 0)
        continue;
      if (!vastus_database_update_measurement (db, m, error))
        return FALSE;
    }
  return TRUE;
}

static gpointer
save_visit_func (VastusClinicJob  *job,
                 VastusDatabase   *db,
                 gpointer          data,
                 GCancellable     *cancellable,
                 GError          **error)
{
  SaveVisit *save = data;
  g_autoptr(VastusVisit) visit = vastus_visit_copy (save->visit);
  g_autoptr(GError) draft_error = NULL;
  VastusClinicChange *change;
  VastusVisit *stored;

  /* The visit and the end of its draft in one transaction: after a crash there is either the
   * stored visit or the draft, never both (a new visit's draft left beside the saved visit
   * would be offered again, and could be saved twice). */
  if (!vastus_database_begin (db, error))
    return NULL;
  if (!(save->original == NULL ? vastus_database_insert_visit (db, visit, error)
                               : store_changes (db, visit, save->original, error)))
    {
      vastus_database_rollback (db);
      return NULL;
    }
  /* The questionnaires answered anew, with their scores (a corrected form replaces the one
   * stored). */
  for (guint i = 0; save->responses != NULL && i < save->responses->len; i++)
    if (!vastus_database_save_response (db, visit->id, g_ptr_array_index (save->responses, i),
                                        VASTUS_RESPONSE_REPLACE, NULL, error))
      {
        vastus_database_rollback (db);
        return NULL;
      }
  /* A draft that cannot be deleted must not stop the visit: the draft is a safety net. */
  if (!vastus_database_delete_draft (db, visit->episode_id,
                                     save->original != NULL ? save->original->id : 0,
                                     &draft_error))
    g_message ("The draft of the saved visit stays: %s", draft_error->message);
  if (!vastus_database_commit (db, error))
    return NULL;
  /* Committed. The episode's visits as stored go with the change, read in this same call: the
   * page shows the saved visit from them, without a read of its own after this one (on a
   * clinic server, another round trip). */
  change = vastus_clinic_change_new (VASTUS_CLINIC_RECORD_VISIT,
                                     save->original == NULL ? VASTUS_CLINIC_CHANGE_ADDED
                                                            : VASTUS_CLINIC_CHANGE_CHANGED,
                                     visit->id, save->patient_id, visit->episode_id);
  change->visits = vastus_database_list_visits (db, visit->episode_id, NULL);
  _vastus_clinic_job_add_change (job, change);
  _vastus_clinic_job_changed (job, VASTUS_CLINIC_RECORD_DRAFT, VASTUS_CLINIC_CHANGE_REMOVED,
                              save->original != NULL ? save->original->id : 0, save->patient_id,
                              visit->episode_id);
  /* The visit as stored, or as sent when it cannot be read back. */
  for (guint i = 0; change->visits != NULL && i < change->visits->len; i++)
    if (((VastusVisit *) change->visits->pdata[i])->id == visit->id)
      return vastus_visit_copy (change->visits->pdata[i]);
  stored = vastus_database_get_visit (db, visit->id, NULL);
  return stored != NULL ? stored : g_steal_pointer (&visit);
}

void
vastus_clinic_save_visit_async (VastusClinic        *self,
                                gint64               patient_id,
                                const VastusVisit   *visit,
                                const VastusVisit   *original,
                                GPtrArray           *responses,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  SaveVisit *save = g_new0 (SaveVisit, 1);

  g_return_if_fail (VASTUS_IS_CLINIC (self));
  g_return_if_fail (visit != NULL && visit->episode_id > 0);
  g_return_if_fail (original == NULL || original->id == visit->id);

  save->patient_id = patient_id;
  save->visit = vastus_visit_copy (visit);
  save->original = original != NULL ? vastus_visit_copy (original) : NULL;
  if (responses != NULL && responses->len > 0)
    {
      save->responses = g_ptr_array_new_with_free_func ((GDestroyNotify) vastus_response_free);
      for (guint i = 0; i < responses->len; i++)
        g_ptr_array_add (save->responses, vastus_response_copy (g_ptr_array_index (responses, i)));
    }
  _vastus_clinic_run (self, VASTUS_CLINIC_WRITE, save_visit_func, save,
                      (GDestroyNotify) save_visit_free, (GDestroyNotify) vastus_visit_free,
                      cancellable, vastus_clinic_save_visit_async, callback, user_data);
}

VastusVisit *
vastus_clinic_save_visit_finish (VastusClinic  *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  return _vastus_clinic_finish (self, result, vastus_clinic_save_visit_async, error);
}

typedef struct
{
  gint64   patient_id;
  gint64   episode_id;
  gint64   visit_id;
  gint64   row_version;
  gboolean restore;
} DeleteVisit;

static gpointer
delete_visit_func (VastusClinicJob  *job,
                   VastusDatabase   *db,
                   gpointer          data,
                   GCancellable     *cancellable,
                   GError          **error)
{
  DeleteVisit *delete = data;

  if (!(delete->restore
        ? vastus_database_restore_visit (db, delete->visit_id, delete->row_version, error)
        : vastus_database_delete_visit (db, delete->visit_id, delete->row_version, error)))
    return NULL;
  _vastus_clinic_job_changed (job, VASTUS_CLINIC_RECORD_VISIT,
                              delete->restore ? VASTUS_CLINIC_CHANGE_ADDED
                                              : VASTUS_CLINIC_CHANGE_REMOVED,
                              delete->visit_id, delete->patient_id, delete->episode_id);
  return VASTUS_CLINIC_DONE;
}

void
vastus_clinic_delete_visit_async (VastusClinic        *self,
                                  gint64               patient_id,
                                  gint64               episode_id,
                                  gint64               visit_id,
                                  gint64               row_version,
                                  gboolean             restore,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  DeleteVisit *delete = g_new (DeleteVisit, 1);

  g_return_if_fail (VASTUS_IS_CLINIC (self));

  *delete = (DeleteVisit) { patient_id, episode_id, visit_id, row_version, restore };
  _vastus_clinic_run (self, VASTUS_CLINIC_WRITE, delete_visit_func, delete, g_free, NULL,
                      cancellable, vastus_clinic_delete_visit_async, callback, user_data);
}

gboolean
vastus_clinic_delete_visit_finish (VastusClinic  *self,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  return _vastus_clinic_finish_boolean (self, result, vastus_clinic_delete_visit_async, error);
}

/* A visit's audit history */

/* "edited by NAME on DATE, was VALUE" for one audit entry of @m, or NULL. */
static char *
describe_edit (const VastusMeasure       *measure,
               const VastusMeasurement   *m,
               const VastusAuditEntry    *entry)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *was = NULL;
  g_autofree char *when = NULL;
  g_autofree char *what = NULL;
  g_autofree char *edit = NULL;
  JsonObject *old;

  if (g_strcmp0 (entry->operation, "update") != 0 || entry->old_json == NULL
      || !json_parser_load_from_data (parser, entry->old_json, -1, NULL)
      || !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return NULL;
  old = json_node_get_object (json_parser_get_root (parser));
  if (json_object_has_member (old, "value") && !json_object_get_null_member (old, "value"))
    was = vastus_measure_format_value (measure, json_object_get_double_member (old, "value"),
                                       json_object_has_member (old, "unit")
                                       && !json_object_get_null_member (old, "unit")
                                       ? json_object_get_string_member (old, "unit") : NULL);
  else
    was = g_strdup ("—");
  /* "2026-11-21T14:03:07.123Z" → "2026-11-21 14:03 UTC" */
  when = entry->at != NULL && strlen (entry->at) >= 16
    ? g_strdup_printf ("%.10s %.5s UTC", entry->at, entry->at + 11) : g_strdup (entry->at);
  if (measure->two_sided)
    what = g_strdup_printf (m->trial > 1 ? _("%s, trial %d") : "%s",
                            vastus_side_label (m->side), m->trial);
  /* Translators: audit history of a value, e.g. "edited by anna on 2026-11-21 14:03 UTC, was
   * 310 N" */
  edit = g_strdup_printf (_("edited by %s on %s, was %s"),
                          /* Translators: who edited a value, when the audit trail does not say */
                          entry->actor ? entry->actor : _("unknown"), when, was);
  return what != NULL ? g_strdup_printf ("%s: %s", what, edit) : g_steal_pointer (&edit);
}

static gpointer
read_history_func (VastusClinicJob  *job,
                   VastusDatabase   *db,
                   gpointer          data,
                   GCancellable     *cancellable,
                   GError          **error)
{
  const VastusVisit *visit = data;
  g_autoptr(GPtrArray) entries = vastus_database_list_visit_audit (db, visit->id, error);
  GHashTable *texts;

  if (entries == NULL)
    return NULL;
  texts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_free);
  for (guint i = 0; i < visit->measurements->len; i++)
    {
      const VastusMeasurement *m = g_ptr_array_index (visit->measurements, i);
      const VastusMeasure *measure = vastus_catalog_lookup (m->measure);

      if (measure == NULL || m->id == 0)
        continue;
      for (guint j = 0; j < entries->len; j++)
        {
          const VastusAuditEntry *entry = g_ptr_array_index (entries, j);
          g_autofree char *line = NULL;
          char *text;

          if (entry->row_id != m->id || (line = describe_edit (measure, m, entry)) == NULL)
            continue;
          text = g_hash_table_lookup (texts, m->measure);
          g_hash_table_insert (texts, g_strdup (m->measure),
                               text != NULL ? g_strconcat (text, "\n", line, NULL)
                                            : g_steal_pointer (&line));
        }
    }
  return texts;
}

void
vastus_clinic_read_visit_history_async (VastusClinic        *self,
                                        const VastusVisit   *visit,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  g_return_if_fail (VASTUS_IS_CLINIC (self));
  g_return_if_fail (visit != NULL);

  _vastus_clinic_run (self, VASTUS_CLINIC_READ, read_history_func, vastus_visit_copy (visit),
                      (GDestroyNotify) vastus_visit_free, (GDestroyNotify) g_hash_table_unref,
                      cancellable, vastus_clinic_read_visit_history_async, callback, user_data);
}

GHashTable *
vastus_clinic_read_visit_history_finish (VastusClinic  *self,
                                         GAsyncResult  *result,
                                         GError       **error)
{
  return _vastus_clinic_finish (self, result, vastus_clinic_read_visit_history_async, error);
}

/* A visit's questionnaires */

static gpointer
list_responses_func (VastusClinicJob  *job,
                     VastusDatabase   *db,
                     gpointer          data,
                     GCancellable     *cancellable,
                     GError          **error)
{
  return vastus_database_list_visit_responses (db, *(gint64 *) data, error);
}

void
vastus_clinic_list_visit_responses_async (VastusClinic        *self,
                                          gint64               visit_id,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data)
{
  gint64 *id = g_new (gint64, 1);

  g_return_if_fail (VASTUS_IS_CLINIC (self));

  *id = visit_id;
  _vastus_clinic_run (self, VASTUS_CLINIC_READ, list_responses_func, id, g_free,
                      (GDestroyNotify) g_ptr_array_unref, cancellable,
                      vastus_clinic_list_visit_responses_async, callback, user_data);
}

GPtrArray *
vastus_clinic_list_visit_responses_finish (VastusClinic  *self,
                                           GAsyncResult  *result,
                                           GError       **error)
{
  return _vastus_clinic_finish (self, result, vastus_clinic_list_visit_responses_async, error);
}
