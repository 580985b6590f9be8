/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vastus-clinic"

#include "config.h"

#include "vastus-clinic-change.h"

G_DEFINE_BOXED_TYPE (VastusClinicChange, vastus_clinic_change,
                     vastus_clinic_change_copy, vastus_clinic_change_free)

VastusClinicChange *
vastus_clinic_change_new (VastusClinicRecord     record,
                          VastusClinicChangeKind kind,
                          gint64                 id,
                          gint64                 patient_id,
                          gint64                 episode_id)
{
  VastusClinicChange *self = g_new0 (VastusClinicChange, 1);

  self->record = record;
  self->kind = kind;
  self->id = id;
  self->patient_id = patient_id;
  self->episode_id = episode_id;
  return self;
}

VastusClinicChange *
vastus_clinic_change_copy (const VastusClinicChange *self)
{
  VastusClinicChange *copy;

  g_return_val_if_fail (self != NULL, NULL);
  copy = g_memdup2 (self, sizeof *self);
  copy->key = g_strdup (self->key);
  if (self->visits != NULL)
    g_ptr_array_ref (self->visits);
  return copy;
}

void
vastus_clinic_change_free (VastusClinicChange *self)
{
  if (self == NULL)
    return;
  g_free (self->key);
  g_clear_pointer (&self->visits, g_ptr_array_unref);
  g_free (self);
}
