/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vastus-clinic"

#include "config.h"

#include "vastus-i18n.h"

#include "vastus-backup.h"
#include "vastus-clinic-private.h"
#include "vastus-clinic-state.h"
#include "vastus-criteria-set-item.h"
#include "vastus-name-review-list-private.h"
#include "vastus-criteria-store.h"
#include "vastus-patient-record-private.h"

G_DEFINE_FINAL_TYPE (VastusClinic, vastus_clinic, G_TYPE_OBJECT)

G_DEFINE_QUARK (vastus-clinic-error-quark, vastus_clinic_error)

enum {
  PROP_0,
  PROP_PATH,
  PROP_OPEN,
  PROP_READ_ONLY,
  PROP_N_PATIENTS,
  PROP_ACTOR,
  PROP_LISTENING,
  PROP_RULES,
  PROP_SERVER_UNREACHABLE,
  N_PROPS
};

enum {
  PATIENT_CHANGED,
  EPISODE_CHANGED,
  VISIT_CHANGED,
  CRITERIA_SET_CHANGED,
  TEMPLATE_CHANGED,
  REPORT_CHANGED,
  DRAFT_CHANGED,
  SETTING_CHANGED,
  RELOADED,
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties [N_PROPS];
static guint signals [N_SIGNALS];


static void count_patients (VastusClinic *self);
static void read_criteria_sets (VastusClinic *self);

/* Errors */

void
_vastus_clinic_error_convert (GError **error)
{
  static const struct { int store, clinic; } store_codes[] = {
    { VASTUS_STORE_ERROR_OPEN, VASTUS_CLINIC_ERROR_OPEN },
    { VASTUS_STORE_ERROR_NOT_VASTUS, VASTUS_CLINIC_ERROR_NOT_VASTUS },
    { VASTUS_STORE_ERROR_DAMAGED, VASTUS_CLINIC_ERROR_DAMAGED },
    { VASTUS_STORE_ERROR_NEWER, VASTUS_CLINIC_ERROR_NEWER },
    { VASTUS_STORE_ERROR_SCHEMA, VASTUS_CLINIC_ERROR_SCHEMA },
    { VASTUS_STORE_ERROR_CONSTRAINT, VASTUS_CLINIC_ERROR_DUPLICATE },
    { VASTUS_STORE_ERROR_NOT_FOUND, VASTUS_CLINIC_ERROR_NOT_FOUND },
    { VASTUS_STORE_ERROR_READ_ONLY, VASTUS_CLINIC_ERROR_READ_ONLY },
    { VASTUS_STORE_ERROR_PERMISSION, VASTUS_CLINIC_ERROR_PERMISSION },
    { VASTUS_STORE_ERROR_BUSY, VASTUS_CLINIC_ERROR_BUSY },
    { VASTUS_STORE_ERROR_NO_SPACE, VASTUS_CLINIC_ERROR_NO_SPACE },
    { VASTUS_STORE_ERROR_VISIT_EXISTS, VASTUS_CLINIC_ERROR_VISIT_EXISTS },
    { VASTUS_STORE_ERROR_CONFLICT, VASTUS_CLINIC_ERROR_CONFLICT },
  };
  static const struct { int backup, clinic; } backup_codes[] = {
    { VASTUS_BACKUP_ERROR_NO_SPACE, VASTUS_CLINIC_ERROR_NO_SPACE },
    { VASTUS_BACKUP_ERROR_VERIFY, VASTUS_CLINIC_ERROR_VERIFY },
    { VASTUS_BACKUP_ERROR_DAMAGED, VASTUS_CLINIC_ERROR_DAMAGED },
    { VASTUS_BACKUP_ERROR_NOT_VASTUS, VASTUS_CLINIC_ERROR_NOT_VASTUS },
    { VASTUS_BACKUP_ERROR_NEWER, VASTUS_CLINIC_ERROR_NEWER },
    { VASTUS_BACKUP_ERROR_BUSY, VASTUS_CLINIC_ERROR_BUSY },
    { VASTUS_BACKUP_ERROR_INVALID, VASTUS_CLINIC_ERROR_INVALID },
  };
  int code = VASTUS_CLINIC_ERROR_FAILED;

  if (error == NULL || *error == NULL)
    return;
  if ((*error)->domain == VASTUS_STORE_ERROR)
    {
      for (guint i = 0; i < G_N_ELEMENTS (store_codes); i++)
        if (store_codes[i].store == (*error)->code)
          code = store_codes[i].clinic;
    }
  else if ((*error)->domain == VASTUS_BACKUP_ERROR)
    {
      for (guint i = 0; i < G_N_ELEMENTS (backup_codes); i++)
        if (backup_codes[i].backup == (*error)->code)
          code = backup_codes[i].clinic;
    }
  else if (g_error_matches (*error, G_FILE_ERROR, G_FILE_ERROR_NOSPC))
    code = VASTUS_CLINIC_ERROR_NO_SPACE;
  else
    return;
  /* A new error, not the old one relabelled: an error of an extended domain (the storage's
   * carries the visit a date is taken by) is freed by its own domain's rules. */
  {
    GError *mapped = g_error_new_literal (VASTUS_CLINIC_ERROR, code, (*error)->message);

    g_error_free (*error);
    *error = mapped;
  }
}

/* Changes */

void
_vastus_clinic_emit (VastusClinic             *self,
                     const VastusClinicChange *change)
{
  static const guint record_signals[] = {
    [VASTUS_CLINIC_RECORD_PATIENT] = PATIENT_CHANGED,
    [VASTUS_CLINIC_RECORD_EPISODE] = EPISODE_CHANGED,
    [VASTUS_CLINIC_RECORD_VISIT] = VISIT_CHANGED,
    [VASTUS_CLINIC_RECORD_CRITERIA_SET] = CRITERIA_SET_CHANGED,
    [VASTUS_CLINIC_RECORD_REPORT] = REPORT_CHANGED,
    [VASTUS_CLINIC_RECORD_DRAFT] = DRAFT_CHANGED,
    [VASTUS_CLINIC_RECORD_SETTING] = SETTING_CHANGED,
    [VASTUS_CLINIC_RECORD_TEMPLATE] = TEMPLATE_CHANGED,
  };

  g_return_if_fail ((guint) change->record < G_N_ELEMENTS (record_signals));

  if (change->record == VASTUS_CLINIC_RECORD_PATIENT
      && change->kind != VASTUS_CLINIC_CHANGE_CHANGED)
    count_patients (self);
  if (change->record == VASTUS_CLINIC_RECORD_CRITERIA_SET)
    read_criteria_sets (self);
  if (change->record == VASTUS_CLINIC_RECORD_TEMPLATE)
    _vastus_clinic_templates_read (self);
  if (change->record == VASTUS_CLINIC_RECORD_SETTING
      && g_strcmp0 (change->key, VASTUS_CLINIC_SETTING_RULES) == 0)
    _vastus_clinic_rules_read (self);
  g_signal_emit (self, signals[record_signals[change->record]], 0, change);
}

GHashTable *
_vastus_clinic_get_patient_table (VastusClinic *self)
{
  return self->patients;
}

void
_vastus_clinic_hold (VastusClinic *self)
{
  self->n_pending++;
}

void
_vastus_clinic_release (VastusClinic *self)
{
  g_return_if_fail (self->n_pending > 0);
  self->n_pending--;
}

/* Opening */

static gpointer
count_patients_func (VastusClinicJob  *job,
                     VastusDatabase   *db,
                     gpointer          data,
                     GCancellable     *cancellable,
                     GError          **error)
{
  VastusPatientQuery query = { .archived = FALSE };
  guint *n = g_new0 (guint, 1);

  *n = vastus_database_count_patients (db, &query, error);
  query.archived = TRUE;
  if (error == NULL || *error == NULL)
    *n += vastus_database_count_patients (db, &query, error);
  if (error != NULL && *error != NULL)
    g_clear_pointer (&n, g_free);
  return n;
}

static void
set_n_patients (VastusClinic *self,
                guint         n_patients)
{
  if (self->n_patients == n_patients)
    return;
  self->n_patients = n_patients;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_PATIENTS]);
}

static void
count_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  VastusClinic *self = VASTUS_CLINIC (source);
  g_autoptr(GError) error = NULL;
  g_autofree guint *n = _vastus_clinic_finish (self, result, count_patients_func, &error);

  self->counting = FALSE;
  if (n == NULL)
    {
      if (!g_error_matches (error, VASTUS_CLINIC_ERROR, VASTUS_CLINIC_ERROR_NOT_OPEN))
        g_message ("Cannot count the patients: %s", error->message);
      return;
    }
  set_n_patients (self, *n);
}

static void
count_patients (VastusClinic *self)
{
  if (self->counting || !vastus_clinic_is_open (self))
    return;
  self->counting = TRUE;
  _vastus_clinic_run (self, VASTUS_CLINIC_READ, count_patients_func, NULL, NULL, g_free, NULL,
                      count_patients_func, count_done_cb, NULL);
}

static void
open_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  VastusClinic *self = VASTUS_CLINIC (source);
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree guint *n = _vastus_clinic_finish (self, result, vastus_clinic_open_async, &error);

  if (n == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  set_n_patients (self, *n);
  read_criteria_sets (self);
  _vastus_clinic_templates_read (self);
  _vastus_clinic_rules_read (self);
  _vastus_clinic_live_start (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OPEN]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_READ_ONLY]);
  g_task_return_boolean (task, TRUE);
}

/* Criteria sets */

static gpointer
list_sets_func (VastusClinicJob  *job,
                VastusDatabase   *db,
                gpointer          data,
                GCancellable     *cancellable,
                GError          **error)
{
  return vastus_database_list_criteria_sets (db, error);
}

static gint64
set_key (VastusClinic *self,
         const char   *id)
{
  gpointer key = g_hash_table_lookup (self->set_keys, id);

  if (key == NULL)
    {
      key = GUINT_TO_POINTER (g_hash_table_size (self->set_keys) + 1);
      g_hash_table_insert (self->set_keys, g_strdup (id), key);
    }
  return GPOINTER_TO_UINT (key);
}

typedef struct
{
  VastusClinic *clinic;
  GPtrArray    *sets;
} SetSync;

static gint64
set_item_key (gpointer item,
              gpointer user_data)
{
  SetSync *sync = user_data;

  return set_key (sync->clinic, vastus_criteria_set_item_get_id (item));
}

static gpointer
make_set_item (guint    index,
               gpointer user_data)
{
  SetSync *sync = user_data;

  return _vastus_criteria_set_item_new (vastus_criteria_set_copy (sync->sets->pdata[index]));
}

static void
sets_read_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  VastusClinic *self = VASTUS_CLINIC (source);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) sets = _vastus_clinic_finish (self, result, list_sets_func, &error);
  g_autoptr(GArray) keys = g_array_new (FALSE, FALSE, sizeof (gint64));

  self->reading_sets = FALSE;
  if (self->sets_stale)
    {
      self->sets_stale = FALSE;
      read_criteria_sets (self);
      return;
    }
  if (sets == NULL)
    {
      if (!g_error_matches (error, VASTUS_CLINIC_ERROR, VASTUS_CLINIC_ERROR_NOT_OPEN))
        g_message ("Cannot list the criteria sets: %s", error->message);
      return;
    }
  for (guint i = 0; i < sets->len; i++)
    {
      gint64 key = set_key (self, ((VastusCriteriaSet *) sets->pdata[i])->id);

      g_array_append_val (keys, key);
    }
  /* A set's new version replaces it in place; the list's items-changed covers new sets. */
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->criteria_sets)); i++)
    {
      g_autoptr(VastusCriteriaSetItem) item =
        g_list_model_get_item (G_LIST_MODEL (self->criteria_sets), i);

      for (guint j = 0; j < sets->len; j++)
        if (g_str_equal (vastus_criteria_set_item_get_id (item),
                         ((VastusCriteriaSet *) sets->pdata[j])->id))
          _vastus_criteria_set_item_update (item, vastus_criteria_set_copy (sets->pdata[j]));
    }
  _vastus_list_store_sync (self->criteria_sets, (gint64 *) keys->data, keys->len, set_item_key,
                           make_set_item, &(SetSync) { self, sets });
}

static void
read_criteria_sets (VastusClinic *self)
{
  if (self->criteria_sets == NULL || !vastus_clinic_is_open (self))
    return;
  if (self->reading_sets)
    {
      self->sets_stale = TRUE;
      return;
    }
  self->reading_sets = TRUE;
  _vastus_clinic_run (self, VASTUS_CLINIC_READ, list_sets_func, NULL, NULL,
                      (GDestroyNotify) g_ptr_array_unref, NULL, list_sets_func, sets_read_cb,
                      NULL);
}

/* GObject */

static void
vastus_clinic_finalize (GObject *object)
{
  VastusClinic *self = VASTUS_CLINIC (object);

  _vastus_clinic_live_stop (self);
  _vastus_clinic_stop_workers (self);
  g_clear_pointer (&self->patients, g_hash_table_unref);
  g_clear_object (&self->criteria_sets);
  g_clear_pointer (&self->templates, _vastus_clinic_templates_free);
  g_clear_pointer (&self->rules, vastus_clinic_rulebook_free);
  if (self->name_reviews != NULL)
    _vastus_name_review_list_forget_clinic (self->name_reviews);
  g_clear_object (&self->name_reviews);
  g_clear_pointer (&self->set_keys, g_hash_table_unref);
  g_clear_pointer (&self->leases, g_hash_table_unref);
  g_clear_pointer (&self->context, g_main_context_unref);
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->actor, g_free);
  g_clear_pointer (&self->login, g_free);
  g_clear_pointer (&self->login_name, g_free);
  g_mutex_clear (&self->lock);
  g_rw_lock_clear (&self->replace_lock);
  /* The last reference may go on a worker (a finished task's): the guard is the main thread's. */
  if (self->guarding)
    vastus_database_guard_end_for (self->guarded_thread);
  g_clear_pointer (&self->guarded_thread, g_thread_unref);

  G_OBJECT_CLASS (vastus_clinic_parent_class)->finalize (object);
}

static void
vastus_clinic_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  VastusClinic *self = VASTUS_CLINIC (object);

  switch (prop_id)
    {
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;
    case PROP_OPEN:
      g_value_set_boolean (value, vastus_clinic_is_open (self));
      break;
    case PROP_READ_ONLY:
      g_value_set_boolean (value, vastus_clinic_is_read_only (self));
      break;
    case PROP_N_PATIENTS:
      g_value_set_uint (value, self->n_patients);
      break;
    case PROP_ACTOR:
      g_value_set_string (value, self->actor);
      break;
    case PROP_LISTENING:
      g_value_set_boolean (value, vastus_clinic_is_listening (self));
      break;
    case PROP_RULES:
      g_value_set_boxed (value, self->rules);
      break;
    case PROP_SERVER_UNREACHABLE:
      g_value_set_boolean (value, self->unreachable);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vastus_clinic_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  VastusClinic *self = VASTUS_CLINIC (object);

  switch (prop_id)
    {
    case PROP_PATH:
      self->path = g_value_dup_string (value);
      break;
    case PROP_ACTOR:
      vastus_clinic_set_actor (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vastus_clinic_class_init (VastusClinicClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = vastus_clinic_finalize;
  object_class->get_property = vastus_clinic_get_property;
  object_class->set_property = vastus_clinic_set_property;

  properties[PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_OPEN] =
    g_param_spec_boolean ("open", NULL, NULL, FALSE, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_READ_ONLY] =
    g_param_spec_boolean ("read-only", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_PATIENTS] =
    g_param_spec_uint ("n-patients", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_ACTOR] =
    g_param_spec_string ("actor", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LISTENING] =
    g_param_spec_boolean ("listening", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* The clinic's rules (VastusClinicRulebook), NULL until read from the open database. */
  properties[PROP_RULES] =
    g_param_spec_boxed ("rules", NULL, NULL, VASTUS_TYPE_CLINIC_RULEBOOK,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SERVER_UNREACHABLE] =
    g_param_spec_boolean ("server-unreachable", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * VastusClinic::patient-changed:
   * @change: a VastusClinicChange of a patient (added, changed, archived or restored, removed)
   *
   * ::episode-changed, ::visit-changed, ::criteria-set-changed, ::report-changed,
   * ::draft-changed, ::setting-changed and ::template-changed are the same for their kind of
   * record.
   */
  signals[PATIENT_CHANGED] =
    g_signal_new ("patient-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 1, VASTUS_TYPE_CLINIC_CHANGE | G_SIGNAL_TYPE_STATIC_SCOPE);
  signals[EPISODE_CHANGED] =
    g_signal_new ("episode-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 1, VASTUS_TYPE_CLINIC_CHANGE | G_SIGNAL_TYPE_STATIC_SCOPE);
  signals[VISIT_CHANGED] =
    g_signal_new ("visit-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 1, VASTUS_TYPE_CLINIC_CHANGE | G_SIGNAL_TYPE_STATIC_SCOPE);
  signals[CRITERIA_SET_CHANGED] =
    g_signal_new ("criteria-set-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                  NULL, NULL, G_TYPE_NONE, 1,
                  VASTUS_TYPE_CLINIC_CHANGE | G_SIGNAL_TYPE_STATIC_SCOPE);
  signals[TEMPLATE_CHANGED] =
    g_signal_new ("template-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 1, VASTUS_TYPE_CLINIC_CHANGE | G_SIGNAL_TYPE_STATIC_SCOPE);
  signals[REPORT_CHANGED] =
    g_signal_new ("report-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 1, VASTUS_TYPE_CLINIC_CHANGE | G_SIGNAL_TYPE_STATIC_SCOPE);
  signals[DRAFT_CHANGED] =
    g_signal_new ("draft-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 1, VASTUS_TYPE_CLINIC_CHANGE | G_SIGNAL_TYPE_STATIC_SCOPE);
  signals[SETTING_CHANGED] =
    g_signal_new ("setting-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 1, VASTUS_TYPE_CLINIC_CHANGE | G_SIGNAL_TYPE_STATIC_SCOPE);
  /**
   * VastusClinic::reloaded:
   *
   * Everything may have changed (a restore): read again what is shown.
   */
  signals[RELOADED] =
    g_signal_new ("reloaded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
  /**
   * VastusClinic::changed:
   * @table: the table another workstation wrote ("patient", "episode", "visit",
   *   "measurement", "criteria_set")
   * @patient_id: the patient whose record it is; 0 for none (a criteria set)
   *
   * On a clinic server, after the record signal for a change another workstation committed.
   */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_STRING | G_SIGNAL_TYPE_STATIC_SCOPE, G_TYPE_INT64);
}

static void
vastus_clinic_init (VastusClinic *self)
{
  const char *delay = g_getenv ("VASTUS_STORAGE_DELAY_MS");

  g_mutex_init (&self->lock);
  g_rw_lock_init (&self->replace_lock);
  self->context = g_main_context_ref_thread_default ();
  self->patients = g_hash_table_new (g_int64_hash, g_int64_equal);
  self->set_keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  if (delay != NULL)
    self->delay_ms = (guint) g_ascii_strtoull (delay, NULL, 10);
  vastus_database_guard_begin ();
  self->guarding = TRUE;
  self->guarded_thread = g_thread_ref (g_thread_self ());

  _vastus_clinic_start_workers (self);
}

/* Public API */

VastusClinic *
vastus_clinic_new (const char *path)
{
  g_return_val_if_fail (path != NULL, NULL);

  return g_object_new (VASTUS_TYPE_CLINIC, "path", path, NULL);
}

char *
vastus_clinic_default_path (void)
{
  return vastus_database_default_path ();
}

const char *
vastus_clinic_get_path (VastusClinic *self)
{
  g_return_val_if_fail (VASTUS_IS_CLINIC (self), NULL);
  return self->path;
}

gboolean
vastus_clinic_is_server (VastusClinic *self)
{
  g_return_val_if_fail (VASTUS_IS_CLINIC (self), FALSE);
  return vastus_database_is_server_uri (self->path);
}

char *
vastus_clinic_describe (VastusClinic  *self,
                        char         **detail)
{
  g_autofree char *host = NULL;
  g_autofree char *dbname = NULL;

  g_return_val_if_fail (VASTUS_IS_CLINIC (self), NULL);

  if (detail != NULL)
    g_free (vastus_database_describe (self->path, detail));
  if (!vastus_database_server_parts (self->path, &host, &dbname))
    /* Translators: where the data lives, in the window's header: a file on this computer */
    return g_strdup (_("This computer"));
  if (host[0] == '\0' || host[0] == '/')
    /* Translators: where the data lives, in the window's header: a clinic server running on
     * this computer; %s is the database's name */
    return g_strdup_printf (_("Clinic server on this computer, %s"), dbname);
  /* Translators: where the data lives, in the window's header: the server's host, then the
   * database's name */
  return g_strdup_printf (_("Clinic server %s/%s"), host, dbname);
}

static gpointer
open_func (VastusClinicJob  *job,
           VastusDatabase   *db,
           gpointer          data,
           GCancellable     *cancellable,
           GError          **error)
{
  VastusClinic *self = _vastus_clinic_job_get_clinic (job);

  /* Its server session's notices are the clinic's own writes, announced already. */
  g_atomic_int_set (&self->writer_session, vastus_database_get_session (db));
  if (vastus_database_is_server_uri (self->path))
    {
      g_mutex_lock (&self->lock);
      g_free (self->login);
      g_free (self->login_name);
      self->login = g_strdup (vastus_database_get_actor (db));
      self->login_name = g_strdup (vastus_database_get_login_name (db));
      g_mutex_unlock (&self->lock);
    }
  /* The writer's connection is open: count the patients on it, for the first frame. */
  return count_patients_func (job, db, data, cancellable, error);
}

void
vastus_clinic_open_async (VastusClinic        *self,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (VASTUS_IS_CLINIC (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, vastus_clinic_open_async);
  _vastus_clinic_run (self, VASTUS_CLINIC_OPEN, open_func, NULL, NULL, g_free, cancellable,
                      vastus_clinic_open_async, open_done_cb, task);
}

gboolean
vastus_clinic_open_finish (VastusClinic  *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

gboolean
vastus_clinic_is_open (VastusClinic *self)
{
  gboolean open;

  g_return_val_if_fail (VASTUS_IS_CLINIC (self), FALSE);
  g_mutex_lock (&self->lock);
  open = self->open && !self->closed;
  g_mutex_unlock (&self->lock);
  return open;
}

gboolean
vastus_clinic_is_read_only (VastusClinic *self)
{
  gboolean read_only;

  g_return_val_if_fail (VASTUS_IS_CLINIC (self), FALSE);
  g_mutex_lock (&self->lock);
  read_only = self->read_only;
  g_mutex_unlock (&self->lock);
  return read_only;
}

void
vastus_clinic_close (VastusClinic *self)
{
  g_return_if_fail (VASTUS_IS_CLINIC (self));

  if (self->writer == NULL)
    return;
  _vastus_clinic_live_stop (self);
  _vastus_clinic_stop_workers (self);
  /* The workers are done: what they delivered is waiting on the main context. */
  while (self->n_pending > 0)
    g_main_context_iteration (self->context, TRUE);
  /* Nothing of the clinic runs any more: the thread is not guarded for it. */
  if (self->guarding)
    vastus_database_guard_end_for (self->guarded_thread);
  self->guarding = FALSE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OPEN]);
}

char *
vastus_clinic_dup_login (VastusClinic  *self,
                         char         **full_name)
{
  char *login;

  g_return_val_if_fail (VASTUS_IS_CLINIC (self), NULL);

  g_mutex_lock (&self->lock);
  login = g_strdup (self->login);
  if (full_name != NULL)
    *full_name = g_strdup (self->login_name);
  g_mutex_unlock (&self->lock);
  return login;
}

void
vastus_clinic_set_actor (VastusClinic *self,
                         const char   *actor)
{
  g_return_if_fail (VASTUS_IS_CLINIC (self));

  if (actor != NULL && actor[0] == '\0')
    actor = NULL;
  if (g_strcmp0 (actor, self->actor) == 0)
    return;
  g_free (self->actor);
  self->actor = g_strdup (actor);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACTOR]);
}

const char *
vastus_clinic_get_actor (VastusClinic *self)
{
  g_return_val_if_fail (VASTUS_IS_CLINIC (self), NULL);
  return self->actor;
}

void
vastus_clinic_emit_change (VastusClinic             *self,
                           const VastusClinicChange *change)
{
  g_return_if_fail (VASTUS_IS_CLINIC (self));
  g_return_if_fail (change != NULL);

  _vastus_clinic_emit (self, change);
}

void
_vastus_clinic_notify_listening (VastusClinic *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LISTENING]);
}

void
_vastus_clinic_notify_rules (VastusClinic *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RULES]);
}

void
_vastus_clinic_set_unreachable (VastusClinic *self,
                                gboolean      unreachable)
{
  if (self->unreachable == unreachable)
    return;
  self->unreachable = unreachable;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SERVER_UNREACHABLE]);
}

gboolean
vastus_clinic_is_server_unreachable (VastusClinic *self)
{
  g_return_val_if_fail (VASTUS_IS_CLINIC (self), FALSE);
  return self->unreachable;
}

void
vastus_clinic_reload (VastusClinic *self)
{
  g_return_if_fail (VASTUS_IS_CLINIC (self));

  count_patients (self);
  read_criteria_sets (self);
  _vastus_clinic_templates_read (self);
  _vastus_clinic_rules_read (self);
  g_signal_emit (self, signals[RELOADED], 0);
}

GListModel *
vastus_clinic_get_templates (VastusClinic *self)
{
  g_return_val_if_fail (VASTUS_IS_CLINIC (self), NULL);

  if (self->templates == NULL)
    {
      self->templates = _vastus_clinic_templates_new ();
      _vastus_clinic_templates_read (self);
    }
  return _vastus_clinic_templates_get_model (self->templates);
}

VastusClinicTemplates *
_vastus_clinic_get_templates_state (VastusClinic *self)
{
  return self->templates;
}

GListModel *
vastus_clinic_get_criteria_sets (VastusClinic *self)
{
  g_return_val_if_fail (VASTUS_IS_CLINIC (self), NULL);

  if (self->criteria_sets == NULL)
    {
      self->criteria_sets = g_list_store_new (VASTUS_TYPE_CRITERIA_SET_ITEM);
      read_criteria_sets (self);
    }
  return G_LIST_MODEL (self->criteria_sets);
}

GListModel *
vastus_clinic_get_name_reviews (VastusClinic *self)
{
  g_return_val_if_fail (VASTUS_IS_CLINIC (self), NULL);

  if (self->name_reviews == NULL)
    self->name_reviews = _vastus_name_review_list_new (self);
  return G_LIST_MODEL (self->name_reviews);
}

guint
vastus_clinic_get_n_patients (VastusClinic *self)
{
  g_return_val_if_fail (VASTUS_IS_CLINIC (self), 0);
  return self->n_patients;
}

void
vastus_clinic_set_delay (VastusClinic *self,
                         guint         delay_ms)
{
  g_return_if_fail (VASTUS_IS_CLINIC (self));
  g_atomic_int_set (&self->delay_ms, delay_ms);
}

guint
_vastus_clinic_call_off_workers (VastusClinic *self)
{
  g_atomic_int_inc (&self->n_calls);
  return (guint) g_atomic_int_get (&self->delay_ms);
}

void
vastus_clinic_set_step_hook (VastusClinic         *self,
                             VastusClinicStepHook  hook,
                             gpointer              user_data)
{
  g_return_if_fail (VASTUS_IS_CLINIC (self));
  g_mutex_lock (&self->lock);
  self->step_hook = hook;
  self->step_hook_data = user_data;
  g_mutex_unlock (&self->lock);
}

guint
vastus_clinic_get_n_pending (VastusClinic *self)
{
  g_return_val_if_fail (VASTUS_IS_CLINIC (self), 0);
  return self->n_pending;
}

guint
vastus_clinic_get_n_calls (VastusClinic *self)
{
  g_return_val_if_fail (VASTUS_IS_CLINIC (self), 0);
  return (guint) g_atomic_int_get (&self->n_calls);
}
