/* vastus-clinic-stored.c: a record as stored now (an editor's conflict: their version)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "vastus-clinic"

#include "config.h"

#include "vastus-clinic-private.h"
#include "vastus-criteria-store.h"

typedef struct
{
  VastusStoredKind  kind;
  gint64            id;
  char             *set_id;
} StoredKey;

static void
stored_key_free (StoredKey *key)
{
  g_free (key->set_id);
  g_free (key);
}

static gpointer
read_stored_func (VastusClinicJob  *job,
                  VastusDatabase   *db,
                  gpointer          data,
                  GCancellable     *cancellable,
                  GError          **error)
{
  StoredKey *key = data;

  switch (key->kind)
    {
    case VASTUS_STORED_PATIENT:      return vastus_database_get_patient (db, key->id, error);
    case VASTUS_STORED_EPISODE:      return vastus_database_get_episode (db, key->id, error);
    case VASTUS_STORED_VISIT:        return vastus_database_get_visit (db, key->id, error);
    case VASTUS_STORED_CRITERIA_SET: return vastus_database_get_criteria_set (db, key->set_id, 0,
                                                                               error);
    default:                         g_assert_not_reached ();
    }
}

void
vastus_stored_free (VastusStoredKind kind,
                    gpointer         record)
{
  if (record == NULL)
    return;
  switch (kind)
    {
    case VASTUS_STORED_PATIENT:      vastus_patient_free (record); break;
    case VASTUS_STORED_EPISODE:      vastus_episode_free (record); break;
    case VASTUS_STORED_VISIT:        vastus_visit_free (record); break;
    case VASTUS_STORED_CRITERIA_SET: vastus_criteria_set_free (record); break;
    default:                         g_assert_not_reached ();
    }
}

static GDestroyNotify
stored_free_func (VastusStoredKind kind)
{
  switch (kind)
    {
    case VASTUS_STORED_PATIENT:      return (GDestroyNotify) vastus_patient_free;
    case VASTUS_STORED_EPISODE:      return (GDestroyNotify) vastus_episode_free;
    case VASTUS_STORED_VISIT:        return (GDestroyNotify) vastus_visit_free;
    case VASTUS_STORED_CRITERIA_SET: return (GDestroyNotify) vastus_criteria_set_free;
    default:                         g_assert_not_reached ();
    }
}

void
vastus_clinic_read_stored_async (VastusClinic        *self,
                                 VastusStoredKind     kind,
                                 gint64               id,
                                 const char          *set_id,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  StoredKey *key;

  g_return_if_fail (VASTUS_IS_CLINIC (self));
  g_return_if_fail (kind == VASTUS_STORED_CRITERIA_SET ? set_id != NULL : id > 0);

  key = g_new0 (StoredKey, 1);
  key->kind = kind;
  key->id = id;
  key->set_id = g_strdup (set_id);
  _vastus_clinic_run (self, VASTUS_CLINIC_READ, read_stored_func, key,
                      (GDestroyNotify) stored_key_free, stored_free_func (kind), cancellable,
                      vastus_clinic_read_stored_async, callback, user_data);
}

gpointer
vastus_clinic_read_stored_finish (VastusClinic  *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  return _vastus_clinic_finish (self, result, vastus_clinic_read_stored_async, error);
}
