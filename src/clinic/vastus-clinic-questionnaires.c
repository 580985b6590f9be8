/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vastus-clinic"

#include "config.h"

#include <math.h>
#include <string.h>

#include "vastus-clinic-private.h"
#include "vastus-clinic-questionnaires.h"
#include "vastus-instrument.h"
#include "vastus-questionnaire-store.h"

/* The clinic's settings for questionnaires: read on a reader, kept here, read again when one
 * changes; and their writes. */

typedef struct
{
  double   mic;
  gboolean clinic_set;
} Mic;

typedef struct
{
  GHashTable *mics;       /* measure → Mic* */
  GHashTable *wordings;   /* instrument id → VastusWording* */
  gboolean    has_pin;
} Snapshot;

static void
snapshot_free (Snapshot *snapshot)
{
  g_clear_pointer (&snapshot->mics, g_hash_table_unref);
  g_clear_pointer (&snapshot->wordings, g_hash_table_unref);
  g_free (snapshot);
}

struct _VastusQuestionnaireSettings
{
  GObject       parent_instance;
  VastusClinic *clinic;     /* not owned: it owns this */
  Snapshot     *snapshot;   /* NULL until read */
  gboolean      reading;
  gboolean      stale;      /* changed while it was being read */
};

G_DEFINE_FINAL_TYPE (VastusQuestionnaireSettings, vastus_questionnaire_settings, G_TYPE_OBJECT)

enum { CHANGED, N_SIGNALS };
static guint signals[N_SIGNALS];

static gpointer
read_func (VastusClinicJob  *job,
           VastusDatabase   *db,
           gpointer          data,
           GCancellable     *cancellable,
           GError          **error)
{
  Snapshot *snapshot = g_new0 (Snapshot, 1);

  snapshot->mics = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  snapshot->wordings = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                              (GDestroyNotify) vastus_wording_free);
  for (guint i = 0; i < vastus_instruments_get_n (); i++)
    {
      const VastusInstrument *instrument = vastus_instruments_get_nth (i);
      VastusWording *wording = vastus_database_get_wording (db, instrument->id, error);

      if (wording == NULL && error != NULL && *error != NULL)
        goto failed;
      if (wording != NULL)
        g_hash_table_insert (snapshot->wordings, g_strdup (instrument->id), wording);
      for (guint k = 0; k < instrument->scales->len; k++)
        {
          const VastusScale *scale = g_ptr_array_index (instrument->scales, k);
          Mic *mic = g_new0 (Mic, 1);

          mic->mic = vastus_database_get_mic (db, scale->measure, &mic->clinic_set, error);
          if (error != NULL && *error != NULL)
            {
              g_free (mic);
              goto failed;
            }
          g_hash_table_replace (snapshot->mics, g_strdup (scale->measure), mic);
        }
    }
  if (!vastus_database_has_pin (db, &snapshot->has_pin, error))
    goto failed;
  return snapshot;

failed:
  snapshot_free (snapshot);
  return NULL;
}

static void read_settings (VastusQuestionnaireSettings *self);

static void
read_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(VastusQuestionnaireSettings) self = user_data;
  g_autoptr(GError) error = NULL;
  Snapshot *snapshot = _vastus_clinic_finish (VASTUS_CLINIC (source), result, read_func, &error);

  self->reading = FALSE;
  if (snapshot == NULL)
    {
      if (!g_error_matches (error, VASTUS_CLINIC_ERROR, VASTUS_CLINIC_ERROR_NOT_OPEN))
        g_message ("Cannot read the questionnaire settings: %s", error->message);
    }
  else
    {
      g_clear_pointer (&self->snapshot, snapshot_free);
      self->snapshot = snapshot;
    }
  if (self->stale)
    {
      read_settings (self);
      return;
    }
  if (snapshot != NULL)
    g_signal_emit (self, signals[CHANGED], 0);
}

static void
read_settings (VastusQuestionnaireSettings *self)
{
  if (self->clinic == NULL)
    return;
  if (self->reading)
    {
      self->stale = TRUE;
      return;
    }
  self->reading = TRUE;
  self->stale = FALSE;
  _vastus_clinic_run (self->clinic, VASTUS_CLINIC_READ, read_func, NULL, NULL,
                      (GDestroyNotify) snapshot_free, NULL, read_func, read_cb,
                      g_object_ref (self));
}

static void
setting_changed_cb (VastusQuestionnaireSettings *self,
                    const VastusClinicChange    *change)
{
  read_settings (self);
}

static void
vastus_questionnaire_settings_finalize (GObject *object)
{
  VastusQuestionnaireSettings *self = VASTUS_QUESTIONNAIRE_SETTINGS (object);

  g_clear_pointer (&self->snapshot, snapshot_free);
  G_OBJECT_CLASS (vastus_questionnaire_settings_parent_class)->finalize (object);
}

static void
vastus_questionnaire_settings_class_init (VastusQuestionnaireSettingsClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = vastus_questionnaire_settings_finalize;
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
vastus_questionnaire_settings_init (VastusQuestionnaireSettings *self)
{
}

VastusQuestionnaireSettings *
vastus_clinic_get_questionnaire_settings (VastusClinic *clinic)
{
  VastusQuestionnaireSettings *self;

  g_return_val_if_fail (VASTUS_IS_CLINIC (clinic), NULL);

  self = g_object_get_data (G_OBJECT (clinic), "vastus-questionnaire-settings");
  if (self != NULL)
    return self;
  self = g_object_new (VASTUS_TYPE_QUESTIONNAIRE_SETTINGS, NULL);
  self->clinic = clinic;
  g_object_add_weak_pointer (G_OBJECT (clinic), (gpointer *) &self->clinic);
  g_object_set_data_full (G_OBJECT (clinic), "vastus-questionnaire-settings", self,
                          g_object_unref);
  g_signal_connect_object (clinic, "setting-changed", G_CALLBACK (setting_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (clinic, "reloaded", G_CALLBACK (read_settings), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (clinic, "notify::open", G_CALLBACK (read_settings), self,
                           G_CONNECT_SWAPPED);
  read_settings (self);
  return self;
}

gboolean
vastus_questionnaire_settings_get_loaded (VastusQuestionnaireSettings *self)
{
  g_return_val_if_fail (VASTUS_IS_QUESTIONNAIRE_SETTINGS (self), FALSE);
  return self->snapshot != NULL;
}

double
vastus_questionnaire_settings_get_mic (VastusQuestionnaireSettings *self,
                                       const char                  *measure,
                                       gboolean                    *clinic_set)
{
  const Mic *mic;

  g_return_val_if_fail (VASTUS_IS_QUESTIONNAIRE_SETTINGS (self), NAN);

  mic = self->snapshot != NULL ? g_hash_table_lookup (self->snapshot->mics, measure) : NULL;
  if (clinic_set != NULL)
    *clinic_set = mic != NULL && mic->clinic_set;
  return mic != NULL ? mic->mic : NAN;
}

const VastusWording *
vastus_questionnaire_settings_get_wording (VastusQuestionnaireSettings *self,
                                           const char                  *instrument)
{
  g_return_val_if_fail (VASTUS_IS_QUESTIONNAIRE_SETTINGS (self), NULL);

  return self->snapshot != NULL && instrument != NULL
         ? g_hash_table_lookup (self->snapshot->wordings, instrument) : NULL;
}

gboolean
vastus_questionnaire_settings_has_pin (VastusQuestionnaireSettings *self)
{
  g_return_val_if_fail (VASTUS_IS_QUESTIONNAIRE_SETTINGS (self), FALSE);
  return self->snapshot != NULL && self->snapshot->has_pin;
}

/* Writes */

typedef struct
{
  char      *name;       /* a measure, an instrument, a PIN */
  double     value;
  GPtrArray *wordings;   /* of VastusWording* */
} SettingCall;

static void
setting_call_free (SettingCall *call)
{
  if (call->name != NULL)
    memset (call->name, 0, strlen (call->name));   /* a PIN */
  g_free (call->name);
  g_clear_pointer (&call->wordings, g_ptr_array_unref);
  g_free (call);
}

static void
changed (VastusClinicJob *job,
         const char      *key)
{
  VastusClinicChange *change = vastus_clinic_change_new (VASTUS_CLINIC_RECORD_SETTING,
                                                         VASTUS_CLINIC_CHANGE_CHANGED, 0, 0, 0);

  change->key = g_strdup (key);
  _vastus_clinic_job_add_change (job, change);
}

static gpointer
set_mic_func (VastusClinicJob  *job,
              VastusDatabase   *db,
              gpointer          data,
              GCancellable     *cancellable,
              GError          **error)
{
  SettingCall *call = data;

  if (!vastus_database_set_mic (db, call->name, call->value, error))
    return NULL;
  changed (job, "mic");
  return VASTUS_CLINIC_DONE;
}

void
vastus_clinic_set_mic_async (VastusClinic        *self,
                             const char          *measure,
                             double               mic,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  SettingCall *call = g_new0 (SettingCall, 1);

  g_return_if_fail (VASTUS_IS_CLINIC (self));

  call->name = g_strdup (measure);
  call->value = mic;
  _vastus_clinic_run (self, VASTUS_CLINIC_WRITE, set_mic_func, call,
                      (GDestroyNotify) setting_call_free, NULL, cancellable,
                      vastus_clinic_set_mic_async, callback, user_data);
}

gboolean
vastus_clinic_set_mic_finish (VastusClinic  *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  return _vastus_clinic_finish_boolean (self, result, vastus_clinic_set_mic_async, error);
}

static gpointer
save_wordings_func (VastusClinicJob  *job,
                    VastusDatabase   *db,
                    gpointer          data,
                    GCancellable     *cancellable,
                    GError          **error)
{
  SettingCall *call = data;

  if (!vastus_database_begin (db, error))
    return NULL;
  for (guint i = 0; i < call->wordings->len; i++)
    if (!vastus_database_save_wording (db, g_ptr_array_index (call->wordings, i), error))
      {
        vastus_database_rollback (db);
        return NULL;
      }
  if (!vastus_database_commit (db, error))
    return NULL;
  changed (job, "wording");
  return VASTUS_CLINIC_DONE;
}

void
vastus_clinic_save_wordings_async (VastusClinic        *self,
                                   GPtrArray           *wordings,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  SettingCall *call = g_new0 (SettingCall, 1);

  g_return_if_fail (VASTUS_IS_CLINIC (self));
  g_return_if_fail (wordings != NULL);

  call->wordings = g_ptr_array_ref (wordings);
  _vastus_clinic_run (self, VASTUS_CLINIC_WRITE, save_wordings_func, call,
                      (GDestroyNotify) setting_call_free, NULL, cancellable,
                      vastus_clinic_save_wordings_async, callback, user_data);
}

gboolean
vastus_clinic_save_wordings_finish (VastusClinic  *self,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  return _vastus_clinic_finish_boolean (self, result, vastus_clinic_save_wordings_async, error);
}

static gpointer
delete_wording_func (VastusClinicJob  *job,
                     VastusDatabase   *db,
                     gpointer          data,
                     GCancellable     *cancellable,
                     GError          **error)
{
  SettingCall *call = data;

  if (!vastus_database_delete_wording (db, call->name, error))
    return NULL;
  changed (job, "wording");
  return VASTUS_CLINIC_DONE;
}

void
vastus_clinic_delete_wording_async (VastusClinic        *self,
                                    const char          *instrument,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  SettingCall *call = g_new0 (SettingCall, 1);

  g_return_if_fail (VASTUS_IS_CLINIC (self));

  call->name = g_strdup (instrument);
  _vastus_clinic_run (self, VASTUS_CLINIC_WRITE, delete_wording_func, call,
                      (GDestroyNotify) setting_call_free, NULL, cancellable,
                      vastus_clinic_delete_wording_async, callback, user_data);
}

gboolean
vastus_clinic_delete_wording_finish (VastusClinic  *self,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  return _vastus_clinic_finish_boolean (self, result, vastus_clinic_delete_wording_async, error);
}

static gpointer
set_pin_func (VastusClinicJob  *job,
              VastusDatabase   *db,
              gpointer          data,
              GCancellable     *cancellable,
              GError          **error)
{
  SettingCall *call = data;

  if (!vastus_database_set_pin (db, call->name, error))
    return NULL;
  changed (job, "pin");
  return VASTUS_CLINIC_DONE;
}

void
vastus_clinic_set_pin_async (VastusClinic        *self,
                             const char          *pin,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  SettingCall *call = g_new0 (SettingCall, 1);

  g_return_if_fail (VASTUS_IS_CLINIC (self));

  call->name = g_strdup (pin);
  _vastus_clinic_run (self, VASTUS_CLINIC_WRITE, set_pin_func, call,
                      (GDestroyNotify) setting_call_free, NULL, cancellable,
                      vastus_clinic_set_pin_async, callback, user_data);
}

gboolean
vastus_clinic_set_pin_finish (VastusClinic  *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  return _vastus_clinic_finish_boolean (self, result, vastus_clinic_set_pin_async, error);
}

static gpointer
check_pin_func (VastusClinicJob  *job,
                VastusDatabase   *db,
                gpointer          data,
                GCancellable     *cancellable,
                GError          **error)
{
  SettingCall *call = data;
  gboolean *matches = g_new0 (gboolean, 1);

  if (!vastus_database_check_pin (db, call->name, matches, error))
    g_clear_pointer (&matches, g_free);
  return matches;
}

void
vastus_clinic_check_pin_async (VastusClinic        *self,
                               const char          *pin,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  SettingCall *call = g_new0 (SettingCall, 1);

  g_return_if_fail (VASTUS_IS_CLINIC (self));
  g_return_if_fail (pin != NULL);

  call->name = g_strdup (pin);
  _vastus_clinic_run (self, VASTUS_CLINIC_READ, check_pin_func, call,
                      (GDestroyNotify) setting_call_free, g_free, cancellable,
                      vastus_clinic_check_pin_async, callback, user_data);
}

gboolean
vastus_clinic_check_pin_finish (VastusClinic  *self,
                                GAsyncResult  *result,
                                gboolean      *matches,
                                GError       **error)
{
  g_autofree gboolean *found = _vastus_clinic_finish (self, result,
                                                      vastus_clinic_check_pin_async, error);

  if (matches != NULL)
    *matches = found != NULL && *found;
  return found != NULL;
}
