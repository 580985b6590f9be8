/* vastus-clinic-stored.c: a record as stored now (an editor's conflict: their version)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "vastus-clinic"

#include "config.h"

#include "vastus-clinic-private.h"

static gpointer
read_visit_func (VastusClinicJob  *job,
                 VastusDatabase   *db,
                 gpointer          data,
                 GCancellable     *cancellable,
                 GError          **error)
{
  return vastus_database_get_visit (db, *(gint64 *) data, error);
}

void
vastus_clinic_read_visit_async (VastusClinic        *self,
                                gint64               visit_id,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  gint64 *id = g_new (gint64, 1);

  g_return_if_fail (VASTUS_IS_CLINIC (self));

  *id = visit_id;
  _vastus_clinic_run (self, VASTUS_CLINIC_READ, read_visit_func, id, g_free,
                      (GDestroyNotify) vastus_visit_free, cancellable,
                      vastus_clinic_read_visit_async, callback, user_data);
}

VastusVisit *
vastus_clinic_read_visit_finish (VastusClinic  *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  return _vastus_clinic_finish (self, result, vastus_clinic_read_visit_async, error);
}

static gpointer
read_patient_func (VastusClinicJob  *job,
                   VastusDatabase   *db,
                   gpointer          data,
                   GCancellable     *cancellable,
                   GError          **error)
{
  return vastus_database_get_patient (db, *(gint64 *) data, error);
}

void
vastus_clinic_read_patient_async (VastusClinic        *self,
                                  gint64               patient_id,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  gint64 *id = g_new (gint64, 1);

  g_return_if_fail (VASTUS_IS_CLINIC (self));

  *id = patient_id;
  _vastus_clinic_run (self, VASTUS_CLINIC_READ, read_patient_func, id, g_free,
                      (GDestroyNotify) vastus_patient_free, cancellable,
                      vastus_clinic_read_patient_async, callback, user_data);
}

VastusPatient *
vastus_clinic_read_patient_finish (VastusClinic  *self,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  return _vastus_clinic_finish (self, result, vastus_clinic_read_patient_async, error);
}
