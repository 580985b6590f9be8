/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vastus-clinic"

#include "config.h"

#include "vastus-clinic-private.h"
#include "vastus-criteria-store.h"

/* Copying and saving criteria sets; the list of them is the clinic's (vastus-clinic.c). */

typedef struct
{
  char *from_id;
  char *title;
} CopySet;

static void
copy_set_free (CopySet *copy)
{
  g_free (copy->from_id);
  g_free (copy->title);
  g_free (copy);
}

/* "aclr-return-to-sport-clinic", then "-clinic-2" … : the first id not taken. */
static char *
free_copy_id (VastusDatabase *db,
              const char     *from_id)
{
  for (guint n = 1; n < 1000; n++)
    {
      g_autoptr(VastusCriteriaSet) existing = NULL;
      g_autofree char *id = n == 1 ? g_strdup_printf ("%s-clinic", from_id)
                                   : g_strdup_printf ("%s-clinic-%u", from_id, n);

      existing = vastus_database_get_criteria_set (db, id, 0, NULL);
      if (existing == NULL)
        return g_steal_pointer (&id);
    }
  return g_strdup_printf ("%s-clinic-%" G_GINT64_FORMAT, from_id, g_get_real_time ());
}

static gpointer
copy_set_func (VastusClinicJob  *job,
               VastusDatabase   *db,
               gpointer          data,
               GCancellable     *cancellable,
               GError          **error)
{
  CopySet *copy = data;
  g_autofree char *new_id = free_copy_id (db, copy->from_id);
  VastusCriteriaSet *set = vastus_database_copy_criteria_set (db, copy->from_id, new_id,
                                                              copy->title, error);
  VastusClinicChange *change;

  if (set == NULL)
    return NULL;
  change = vastus_clinic_change_new (VASTUS_CLINIC_RECORD_CRITERIA_SET, VASTUS_CLINIC_CHANGE_ADDED,
                                     0, 0, 0);
  change->key = g_strdup (set->id);
  _vastus_clinic_job_add_change (job, change);
  return set;
}

void
vastus_clinic_copy_criteria_set_async (VastusClinic        *self,
                                       const char          *from_id,
                                       const char          *title,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  CopySet *copy = g_new0 (CopySet, 1);

  g_return_if_fail (VASTUS_IS_CLINIC (self));
  g_return_if_fail (from_id != NULL);

  copy->from_id = g_strdup (from_id);
  copy->title = g_strdup (title);
  _vastus_clinic_run (self, VASTUS_CLINIC_WRITE, copy_set_func, copy,
                      (GDestroyNotify) copy_set_free, (GDestroyNotify) vastus_criteria_set_free,
                      cancellable, vastus_clinic_copy_criteria_set_async, callback, user_data);
}

VastusCriteriaSet *
vastus_clinic_copy_criteria_set_finish (VastusClinic  *self,
                                        GAsyncResult  *result,
                                        GError       **error)
{
  return _vastus_clinic_finish (self, result, vastus_clinic_copy_criteria_set_async, error);
}

static gpointer
save_set_func (VastusClinicJob  *job,
               VastusDatabase   *db,
               gpointer          data,
               GCancellable     *cancellable,
               GError          **error)
{
  g_autoptr(VastusCriteriaSet) set = vastus_criteria_set_copy (data);
  VastusClinicChange *change;

  if (!vastus_database_save_criteria_set (db, set, error))
    return NULL;
  change = vastus_clinic_change_new (VASTUS_CLINIC_RECORD_CRITERIA_SET,
                                     VASTUS_CLINIC_CHANGE_CHANGED, 0, 0, 0);
  change->key = g_strdup (set->id);
  _vastus_clinic_job_add_change (job, change);
  return g_steal_pointer (&set);
}

void
vastus_clinic_save_criteria_set_async (VastusClinic            *self,
                                       const VastusCriteriaSet *set,
                                       GCancellable            *cancellable,
                                       GAsyncReadyCallback      callback,
                                       gpointer                 user_data)
{
  g_return_if_fail (VASTUS_IS_CLINIC (self));
  g_return_if_fail (set != NULL);

  _vastus_clinic_run (self, VASTUS_CLINIC_WRITE, save_set_func, vastus_criteria_set_copy (set),
                      (GDestroyNotify) vastus_criteria_set_free,
                      (GDestroyNotify) vastus_criteria_set_free, cancellable,
                      vastus_clinic_save_criteria_set_async, callback, user_data);
}

VastusCriteriaSet *
vastus_clinic_save_criteria_set_finish (VastusClinic  *self,
                                        GAsyncResult  *result,
                                        GError       **error)
{
  return _vastus_clinic_finish (self, result, vastus_clinic_save_criteria_set_async, error);
}
