/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vastus-clinic"

#include "config.h"

#include "vastus-caseload.h"
#include "vastus-clinic-rules-store.h"
#include "vastus-clinic-state.h"
#include "vastus-criteria-set-item.h"

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

typedef struct
{
  SetRules call;
  guint    n_adopted;
} AdoptRules;

static void
adopt_rules_free (AdoptRules *adopt)
{
  g_ptr_array_unref (adopt->call.names);
  g_ptr_array_unref (adopt->call.values);
  g_free (adopt);
}

static gpointer
adopt_rules_func (VastusClinicJob  *job,
                  VastusDatabase   *db,
                  gpointer          data,
                  GCancellable     *cancellable,
                  GError          **error)
{
  AdoptRules *adopt = data;
  guint *n_adopted;

  if (!vastus_database_adopt_clinic_rules (db, adopt->call.names->len,
                                           (const char * const *) adopt->call.names->pdata,
                                           (const char * const *) adopt->call.values->pdata,
                                           &adopt->n_adopted, error))
    return NULL;
  if (adopt->n_adopted > 0)
    {
      VastusClinicChange *change = vastus_clinic_change_new (VASTUS_CLINIC_RECORD_SETTING,
                                                             VASTUS_CLINIC_CHANGE_CHANGED, 0, 0, 0);

      change->key = g_strdup (VASTUS_CLINIC_SETTING_RULES);
      _vastus_clinic_job_add_change (job, change);
    }
  n_adopted = g_new (guint, 1);
  *n_adopted = adopt->n_adopted;
  return n_adopted;
}

static void
fill_names_values (SetRules           *call,
                   guint               n_rules,
                   const char * const *names,
                   const char * const *values)
{
  call->names = g_ptr_array_new_with_free_func (g_free);
  call->values = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < n_rules; i++)
    {
      g_ptr_array_add (call->names, g_strdup (names[i]));
      g_ptr_array_add (call->values, g_strdup (values[i]));
    }
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
  fill_names_values (call, n_rules, names, values);
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

guint
vastus_clinic_get_retest_weeks (VastusClinic *self)
{
  g_return_val_if_fail (self == NULL || VASTUS_IS_CLINIC (self), VASTUS_RETEST_WEEKS_DEFAULT);

  return self != NULL && self->rules != NULL ? self->rules->retest_weeks
                                             : VASTUS_RETEST_WEEKS_DEFAULT;
}

char *
vastus_clinic_choose_criteria_set (VastusClinic        *self,
                                   const VastusEpisode *episode)
{
  const char *id = NULL;

  g_return_val_if_fail (self == NULL || VASTUS_IS_CLINIC (self), NULL);
  g_return_val_if_fail (episode != NULL, NULL);

  if (episode->criteria_set != NULL && episode->criteria_set[0] != '\0')
    return g_strdup (episode->criteria_set);
  if (self != NULL && self->rules != NULL)
    id = vastus_clinic_rulebook_default_set (self->rules, episode->condition);
  if (id != NULL)
    {
      GListModel *sets = vastus_clinic_get_criteria_sets (self);

      for (guint i = 0; i < g_list_model_get_n_items (sets); i++)
        {
          g_autoptr(VastusCriteriaSetItem) item = g_list_model_get_item (sets, i);

          if (g_str_equal (vastus_criteria_set_item_get_set (item)->id, id))
            return g_strdup (id);
        }
    }
  return g_strdup (vastus_criteria_default_for (episode->condition));
}

void
vastus_clinic_adopt_rules_async (VastusClinic        *self,
                                 guint                n_rules,
                                 const char * const  *names,
                                 const char * const  *values,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  AdoptRules *adopt;

  g_return_if_fail (VASTUS_IS_CLINIC (self));
  g_return_if_fail (n_rules == 0 || (names != NULL && values != NULL));

  adopt = g_new0 (AdoptRules, 1);
  fill_names_values (&adopt->call, n_rules, names, values);
  _vastus_clinic_run (self, VASTUS_CLINIC_WRITE, adopt_rules_func, adopt,
                      (GDestroyNotify) adopt_rules_free, g_free, cancellable,
                      vastus_clinic_adopt_rules_async, callback, user_data);
}

gboolean
vastus_clinic_adopt_rules_finish (VastusClinic  *self,
                                  GAsyncResult  *result,
                                  guint         *n_adopted,
                                  GError       **error)
{
  g_autofree guint *n = _vastus_clinic_finish (self, result, vastus_clinic_adopt_rules_async,
                                               error);

  if (n == NULL)
    return FALSE;
  if (n_adopted != NULL)
    *n_adopted = *n;
  return TRUE;
}
