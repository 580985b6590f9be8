/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vastus-clinic"

#include "config.h"

#include "vastus-clinic-rules-store.h"
#include "vastus-clinic-state.h"

/* The clinic's rules for its verdicts and safety flags (vastus-clinic-rules-store.h), kept in
 * its database: read when the clinic opens, after any change to them (this workstation's, or on
 * a clinic server another's, by its notice) and after a reload; written on the writer. */

static gpointer
read_rules_func (VastusClinicJob  *job,
                 VastusDatabase   *db,
                 gpointer          data,
                 GCancellable     *cancellable,
                 GError          **error)
{
  return vastus_database_read_clinic_rules (db, error);
}

static void
rules_read_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  VastusClinic *self = VASTUS_CLINIC (source);
  g_autoptr(GError) error = NULL;
  g_autoptr(VastusClinicRulebook) book = _vastus_clinic_finish (self, result, read_rules_func,
                                                                &error);

  self->reading_rules = FALSE;
  if (self->rules_stale)
    {
      self->rules_stale = FALSE;
      _vastus_clinic_rules_read (self);
      return;
    }
  if (book == NULL)
    {
      if (!g_error_matches (error, VASTUS_CLINIC_ERROR, VASTUS_CLINIC_ERROR_NOT_OPEN))
        g_message ("Cannot read the clinic’s rules: %s", error->message);
      return;
    }
  if (self->rules != NULL && vastus_clinic_rulebook_equal (self->rules, book))
    return;
  g_clear_pointer (&self->rules, vastus_clinic_rulebook_free);
  self->rules = g_steal_pointer (&book);
  _vastus_clinic_notify_rules (self);
}

void
_vastus_clinic_rules_read (VastusClinic *self)
{
  if (!vastus_clinic_is_open (self))
    return;
  if (self->reading_rules)
    {
      self->rules_stale = TRUE;
      return;
    }
  self->reading_rules = TRUE;
  _vastus_clinic_run (self, VASTUS_CLINIC_READ, read_rules_func, NULL, NULL,
                      (GDestroyNotify) vastus_clinic_rulebook_free, NULL, read_rules_func,
                      rules_read_cb, NULL);
}

typedef struct
{
  GPtrArray *names;
  GPtrArray *values;
} SetRules;

static void
set_rules_free (SetRules *call)
{
  g_ptr_array_unref (call->names);
  g_ptr_array_unref (call->values);
  g_free (call);
}

static gpointer
set_rules_func (VastusClinicJob  *job,
                VastusDatabase   *db,
                gpointer          data,
                GCancellable     *cancellable,
                GError          **error)
{
  SetRules *call = data;
  VastusClinicChange *change;

  if (!vastus_database_set_clinic_rules (db, call->names->len,
                                         (const char * const *) call->names->pdata,
                                         (const char * const *) call->values->pdata, error))
    return NULL;
  change = vastus_clinic_change_new (VASTUS_CLINIC_RECORD_SETTING, VASTUS_CLINIC_CHANGE_CHANGED,
                                     0, 0, 0);
  change->key = g_strdup (VASTUS_CLINIC_SETTING_RULES);
  _vastus_clinic_job_add_change (job, change);
  return VASTUS_CLINIC_DONE;
}

const VastusClinicRulebook *
vastus_clinic_get_rules (VastusClinic *self)
{
  g_return_val_if_fail (VASTUS_IS_CLINIC (self), NULL);

  return self->rules;
}

void
vastus_clinic_get_clinic_rules (VastusClinic      *self,
                                VastusClinicRules *out)
{
  VastusClinicRules defaults = VASTUS_CLINIC_RULES_DEFAULT;

  g_return_if_fail (out != NULL);

  *out = self != NULL && self->rules != NULL ? self->rules->rules : defaults;
}

void
vastus_clinic_set_rules_async (VastusClinic        *self,
                               guint                n_rules,
                               const char * const  *names,
                               const char * const  *values,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  SetRules *call;

  g_return_if_fail (VASTUS_IS_CLINIC (self));
  g_return_if_fail (n_rules == 0 || (names != NULL && values != NULL));

  call = g_new0 (SetRules, 1);
  call->names = g_ptr_array_new_with_free_func (g_free);
  call->values = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < n_rules; i++)
    {
      g_ptr_array_add (call->names, g_strdup (names[i]));
      g_ptr_array_add (call->values, g_strdup (values[i]));
    }
  _vastus_clinic_run (self, VASTUS_CLINIC_WRITE, set_rules_func, call,
                      (GDestroyNotify) set_rules_free, NULL, cancellable,
                      vastus_clinic_set_rules_async, callback, user_data);
}

gboolean
vastus_clinic_set_rules_finish (VastusClinic  *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  return _vastus_clinic_finish_boolean (self, result, vastus_clinic_set_rules_async, error);
}
