/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vastus-clinic"

#include "config.h"

#include "vastus-clinic-private.h"
#include "vastus-patient-record-private.h"
#include "vastus-report-item-private.h"

struct _VastusPatientRecord
{
  GObject        parent_instance;

  VastusClinic  *clinic;
  gint64         id;
  VastusPatient *patient;         /* NULL until read */
  gboolean       loaded;
  GError        *error;
  GListStore    *episodes;        /* of VastusEpisodeRecord, newest first */
  GListStore    *reports;         /* of VastusReportItem; NULL until asked for */

  /* What the next read brings; it starts once this main-loop turn's changes are in. */
  guint          read_source;
  guint          n_reading;       /* reads on their way */
  gboolean       read_patient;
  gboolean       read_episodes;
  gboolean       read_reports;
  GArray        *read_visits;     /* of gint64: episodes whose visits to read */
};

G_DEFINE_FINAL_TYPE (VastusPatientRecord, vastus_patient_record, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_PATIENT,
  PROP_LOADED,
  PROP_ERROR,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

/* One read: some of the patient, the episodes, visits of some episodes, the reports. */
typedef struct
{
  gint64    id;
  gboolean  patient;
  gboolean  episodes;
  gboolean  newest_visits;      /* and the visits of the newest episode */
  gboolean  reports;
  GArray   *visits;             /* of gint64: episodes */
} Read;

typedef struct
{
  VastusPatient *patient;
  GPtrArray     *episodes;      /* of VastusEpisode* */
  GHashTable    *visits;        /* episode id (gint64*) → GPtrArray of VastusVisit* */
  GPtrArray     *reports;       /* of VastusReportRecord* */
} ReadResult;

static void
read_free (Read *read)
{
  g_clear_pointer (&read->visits, g_array_unref);
  g_free (read);
}

static void
read_result_free (ReadResult *result)
{
  g_clear_pointer (&result->patient, vastus_patient_free);
  g_clear_pointer (&result->episodes, g_ptr_array_unref);
  g_clear_pointer (&result->visits, g_hash_table_unref);
  g_clear_pointer (&result->reports, g_ptr_array_unref);
  g_free (result);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ReadResult, read_result_free)

static gboolean
read_visits_of (VastusDatabase *db,
                ReadResult     *result,
                gint64          episode_id,
                GError        **error)
{
  GPtrArray *visits;

  if (g_hash_table_contains (result->visits, &episode_id))
    return TRUE;
  visits = vastus_database_list_visits (db, episode_id, error);
  if (visits == NULL)
    return FALSE;
  g_hash_table_insert (result->visits, g_memdup2 (&episode_id, sizeof episode_id), visits);
  return TRUE;
}

static gpointer
read_func (VastusClinicJob  *job,
           VastusDatabase   *db,
           gpointer          data,
           GCancellable     *cancellable,
           GError          **error)
{
  Read *read = data;
  g_autoptr(ReadResult) result = g_new0 (ReadResult, 1);

  result->visits = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                          (GDestroyNotify) g_ptr_array_unref);
  if (read->patient
      && (result->patient = vastus_database_get_patient (db, read->id, error)) == NULL)
    return NULL;
  if (read->episodes
      && (result->episodes = vastus_database_list_episodes (db, read->id, error)) == NULL)
    return NULL;
  if (read->newest_visits && result->episodes->len > 0
      && !read_visits_of (db, result, ((VastusEpisode *) result->episodes->pdata[0])->id, error))
    return NULL;
  for (guint i = 0; read->visits != NULL && i < read->visits->len; i++)
    if (!read_visits_of (db, result, g_array_index (read->visits, gint64, i), error))
      return NULL;
  if (read->reports
      && (result->reports = vastus_database_list_reports (db, read->id, error)) == NULL)
    return NULL;
  return g_steal_pointer (&result);
}

/* Applying what was read */

/* Borrowed: the store holds it. */
static VastusEpisodeRecord *
episode_at (VastusPatientRecord *self,
            guint                position)
{
  VastusEpisodeRecord *record = g_list_model_get_item (G_LIST_MODEL (self->episodes), position);

  g_object_unref (record);
  return record;
}

static gint64
episode_item_id (gpointer item,
                gpointer user_data)
{
  return vastus_episode_record_get_id (item);
}

static gpointer
make_episode (guint    index,
              gpointer user_data)
{
  VastusPatientRecord *self = user_data;
  GPtrArray *episodes = g_object_get_data (G_OBJECT (self), "vastus-episodes");

  return _vastus_episode_record_new (self, self->patient,
                                     vastus_episode_copy (g_ptr_array_index (episodes, index)));
}

static void
set_episodes (VastusPatientRecord *self,
              GPtrArray           *episodes)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; i < episodes->len; i++)
    g_array_append_val (ids, ((VastusEpisode *) episodes->pdata[i])->id);
  /* Episodes that stayed take their new fields in place; the model's items-changed covers the
   * ones added or removed. */
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->episodes)); i++)
    {
      VastusEpisodeRecord *record = episode_at (self, i);

      for (guint j = 0; j < episodes->len; j++)
        if (((VastusEpisode *) episodes->pdata[j])->id == vastus_episode_record_get_id (record))
          _vastus_episode_record_set_episode (record, vastus_episode_copy (episodes->pdata[j]));
    }
  g_object_set_data (G_OBJECT (self), "vastus-episodes", episodes);
  _vastus_list_store_sync (self->episodes, (gint64 *) ids->data, ids->len, episode_item_id,
                           make_episode, self);
  g_object_set_data (G_OBJECT (self), "vastus-episodes", NULL);
}

static gint64
report_item_id (gpointer item,
               gpointer user_data)
{
  return vastus_report_item_get_id (item);
}

static gpointer
make_report (guint    index,
             gpointer reports)
{
  GPtrArray *records = reports;

  return _vastus_report_item_new (g_steal_pointer (&g_ptr_array_index (records, index)));
}

static void
set_reports (VastusPatientRecord *self,
             GPtrArray           *reports)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; i < reports->len; i++)
    g_array_append_val (ids, ((VastusReportRecord *) reports->pdata[i])->id);
  /* A report on record never changes: only new ones come. */
  _vastus_list_store_sync (self->reports, (gint64 *) ids->data, ids->len, report_item_id,
                           make_report, reports);
}

static void
apply (VastusPatientRecord *self,
       ReadResult          *result)
{
  GHashTableIter iter;
  gpointer key, value;

  if (result->patient != NULL)
    {
      g_clear_pointer (&self->patient, vastus_patient_free);
      self->patient = g_steal_pointer (&result->patient);
      for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->episodes)); i++)
        {
          VastusEpisodeRecord *record = episode_at (self, i);

          _vastus_episode_record_set_patient (record, self->patient);
        }
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PATIENT]);
    }
  if (result->episodes != NULL)
    set_episodes (self, result->episodes);
  g_hash_table_iter_init (&iter, result->visits);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      VastusEpisodeRecord *record = vastus_patient_record_find_episode (self, *(gint64 *) key);

      if (record != NULL)
        _vastus_episode_record_set_visits (record, g_ptr_array_ref (value));
    }
  if (result->reports != NULL && self->reports != NULL)
    set_reports (self, result->reports);
}

static void
read_done_cb (GObject      *source,
              GAsyncResult *res,
              gpointer      user_data)
{
  g_autoptr(VastusPatientRecord) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(ReadResult) result = _vastus_clinic_finish (VASTUS_CLINIC (source), res, read_func,
                                                        &error);
  gboolean was_loaded = self->loaded;

  self->n_reading--;
  if (result == NULL)
    {
      g_debug ("Cannot read patient %" G_GINT64_FORMAT ": %s", self->id, error->message);
      g_clear_error (&self->error);
      self->error = g_steal_pointer (&error);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR]);
      return;
    }
  g_object_freeze_notify (G_OBJECT (self));
  if (self->error != NULL)
    {
      g_clear_error (&self->error);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR]);
    }
  apply (self, result);
  self->loaded = TRUE;
  if (!was_loaded)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADED]);
  g_object_thaw_notify (G_OBJECT (self));
}

static void
start_read (VastusPatientRecord *self,
            Read                *read)
{
  read->id = self->id;
  self->n_reading++;
  _vastus_clinic_run (self->clinic, VASTUS_CLINIC_READ, read_func, read, (GDestroyNotify) read_free,
                      (GDestroyNotify) read_result_free, NULL, read_func, read_done_cb,
                      g_object_ref (self));
}

static gboolean
read_cb (gpointer user_data)
{
  VastusPatientRecord *self = user_data;
  Read *read = g_new0 (Read, 1);

  self->read_source = 0;
  read->patient = self->read_patient;
  read->episodes = self->read_episodes;
  /* A new episode is usually the newest: it is shown at once, with its (no) visits. */
  read->newest_visits = self->read_episodes;
  read->reports = self->read_reports;
  read->visits = g_steal_pointer (&self->read_visits);
  self->read_patient = self->read_episodes = self->read_reports = FALSE;
  start_read (self, read);
  _vastus_clinic_release (self->clinic);
  return G_SOURCE_REMOVE;
}

static void
queue_read (VastusPatientRecord *self)
{
  if (self->read_source != 0)
    return;
  _vastus_clinic_hold (self->clinic);
  self->read_source = g_idle_add_full (G_PRIORITY_HIGH_IDLE, read_cb, self, NULL);
}

static void
queue_visits (VastusPatientRecord *self,
              gint64               episode_id)
{
  if (self->read_visits == NULL)
    self->read_visits = g_array_new (FALSE, FALSE, sizeof (gint64));
  for (guint i = 0; i < self->read_visits->len; i++)
    if (g_array_index (self->read_visits, gint64, i) == episode_id)
      return;
  g_array_append_val (self->read_visits, episode_id);
  queue_read (self);
}

/* Changes */

static void
patient_changed_cb (VastusPatientRecord      *self,
                    const VastusClinicChange *change)
{
  if (change->id != self->id)
    return;
  self->read_patient = TRUE;
  queue_read (self);
}

static void
episode_changed_cb (VastusPatientRecord      *self,
                    const VastusClinicChange *change)
{
  if (change->patient_id != self->id)
    return;
  self->read_episodes = TRUE;
  queue_read (self);
}

static void
visit_changed_cb (VastusPatientRecord      *self,
                  const VastusClinicChange *change)
{
  VastusEpisodeRecord *record;

  if (change->patient_id != self->id)
    return;
  record = vastus_patient_record_find_episode (self, change->episode_id);
  if (record == NULL || !_vastus_episode_record_wants_visits (record))
    return;
  /* Saved here: the visits as stored came with the change. A read that started before the
   * save may still bring them as they were: then they are read once more. */
  if (change->visits != NULL)
    _vastus_episode_record_set_visits (record, g_ptr_array_ref (change->visits));
  if (change->visits == NULL || self->n_reading > 0)
    queue_visits (self, change->episode_id);
}

static void
report_changed_cb (VastusPatientRecord      *self,
                   const VastusClinicChange *change)
{
  if (change->patient_id != self->id || self->reports == NULL)
    return;
  self->read_reports = TRUE;
  queue_read (self);
}

/* Everything again: the patient, the episodes, the visits and reports that were read. */
static void
reloaded_cb (VastusPatientRecord *self)
{
  if (!vastus_clinic_is_open (self->clinic))
    return;
  self->read_patient = self->read_episodes = TRUE;
  self->read_reports = self->reports != NULL;
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->episodes)); i++)
    {
      VastusEpisodeRecord *record = episode_at (self, i);

      if (_vastus_episode_record_wants_visits (record))
        queue_visits (self, vastus_episode_record_get_id (record));
    }
  queue_read (self);
}

/* GObject */

static void
vastus_patient_record_dispose (GObject *object)
{
  VastusPatientRecord *self = VASTUS_PATIENT_RECORD (object);

  if (self->read_source != 0)
    {
      g_clear_handle_id (&self->read_source, g_source_remove);
      _vastus_clinic_release (self->clinic);
    }
  if (self->clinic != NULL)
    g_hash_table_remove (_vastus_clinic_get_patient_table (self->clinic), &self->id);
  G_OBJECT_CLASS (vastus_patient_record_parent_class)->dispose (object);
}

static void
vastus_patient_record_finalize (GObject *object)
{
  VastusPatientRecord *self = VASTUS_PATIENT_RECORD (object);

  g_clear_pointer (&self->patient, vastus_patient_free);
  g_clear_pointer (&self->read_visits, g_array_unref);
  g_clear_error (&self->error);
  g_clear_object (&self->episodes);
  g_clear_object (&self->reports);
  g_clear_object (&self->clinic);
  G_OBJECT_CLASS (vastus_patient_record_parent_class)->finalize (object);
}

static void
vastus_patient_record_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  VastusPatientRecord *self = VASTUS_PATIENT_RECORD (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    case PROP_PATIENT:
      g_value_set_boxed (value, self->patient);
      break;
    case PROP_LOADED:
      g_value_set_boolean (value, self->loaded);
      break;
    case PROP_ERROR:
      g_value_set_boxed (value, self->error);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vastus_patient_record_class_init (VastusPatientRecordClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = vastus_patient_record_dispose;
  object_class->finalize = vastus_patient_record_finalize;
  object_class->get_property = vastus_patient_record_get_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_PATIENT] =
    g_param_spec_boxed ("patient", NULL, NULL, vastus_patient_get_type (),
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LOADED] =
    g_param_spec_boolean ("loaded", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ERROR] =
    g_param_spec_boxed ("error", NULL, NULL, G_TYPE_ERROR,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
vastus_patient_record_init (VastusPatientRecord *self)
{
  self->episodes = g_list_store_new (VASTUS_TYPE_EPISODE_RECORD);
}

/* Within src/clinic/ */

void
_vastus_patient_record_read_visits (VastusPatientRecord *self,
                                    gint64               episode_id)
{
  g_return_if_fail (VASTUS_IS_PATIENT_RECORD (self));
  queue_visits (self, episode_id);
}

/* Public API */

VastusPatientRecord *
vastus_clinic_get_patient (VastusClinic *clinic,
                           gint64        id)
{
  GHashTable *table;
  VastusPatientRecord *self;
  Read *read;

  g_return_val_if_fail (VASTUS_IS_CLINIC (clinic), NULL);
  g_return_val_if_fail (id > 0, NULL);

  table = _vastus_clinic_get_patient_table (clinic);
  self = g_hash_table_lookup (table, &id);
  if (self != NULL)
    return g_object_ref (self);

  self = g_object_new (VASTUS_TYPE_PATIENT_RECORD, NULL);
  self->clinic = g_object_ref (clinic);
  self->id = id;
  g_hash_table_insert (table, &self->id, self);
  g_signal_connect_object (clinic, "patient-changed", G_CALLBACK (patient_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (clinic, "episode-changed", G_CALLBACK (episode_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (clinic, "visit-changed", G_CALLBACK (visit_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (clinic, "report-changed", G_CALLBACK (report_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (clinic, "reloaded", G_CALLBACK (reloaded_cb), self, G_CONNECT_SWAPPED);

  /* Opening a patient is one trip: the patient, the episodes, the newest one's visits. */
  read = g_new0 (Read, 1);
  read->patient = read->episodes = read->newest_visits = TRUE;
  start_read (self, read);
  return self;
}

VastusClinic *
vastus_patient_record_get_clinic (VastusPatientRecord *self)
{
  g_return_val_if_fail (VASTUS_IS_PATIENT_RECORD (self), NULL);
  return self->clinic;
}

gint64
vastus_patient_record_get_id (VastusPatientRecord *self)
{
  g_return_val_if_fail (VASTUS_IS_PATIENT_RECORD (self), 0);
  return self->id;
}

const VastusPatient *
vastus_patient_record_get_patient (VastusPatientRecord *self)
{
  g_return_val_if_fail (VASTUS_IS_PATIENT_RECORD (self), NULL);
  return self->patient;
}

gboolean
vastus_patient_record_get_loaded (VastusPatientRecord *self)
{
  g_return_val_if_fail (VASTUS_IS_PATIENT_RECORD (self), FALSE);
  return self->loaded;
}

const GError *
vastus_patient_record_get_error (VastusPatientRecord *self)
{
  g_return_val_if_fail (VASTUS_IS_PATIENT_RECORD (self), NULL);
  return self->error;
}

GListModel *
vastus_patient_record_get_episodes (VastusPatientRecord *self)
{
  g_return_val_if_fail (VASTUS_IS_PATIENT_RECORD (self), NULL);
  return G_LIST_MODEL (self->episodes);
}

VastusEpisodeRecord *
vastus_patient_record_find_episode (VastusPatientRecord *self,
                                    gint64               episode_id)
{
  g_return_val_if_fail (VASTUS_IS_PATIENT_RECORD (self), NULL);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->episodes)); i++)
    {
      VastusEpisodeRecord *record = episode_at (self, i);

      if (vastus_episode_record_get_id (record) == episode_id)
        return record;
    }
  return NULL;
}

GListModel *
vastus_patient_record_get_reports (VastusPatientRecord *self)
{
  g_return_val_if_fail (VASTUS_IS_PATIENT_RECORD (self), NULL);

  if (self->reports == NULL)
    {
      self->reports = g_list_store_new (VASTUS_TYPE_REPORT_ITEM);
      self->read_reports = TRUE;
      queue_read (self);
    }
  return G_LIST_MODEL (self->reports);
}
