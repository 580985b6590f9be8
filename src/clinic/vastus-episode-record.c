/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vastus-clinic"

#include "config.h"

#include "vastus-clinic-private.h"
#include "vastus-patient-record-private.h"
#include "vastus-visit-item.h"

struct _VastusEpisodeRecord
{
  GObject        parent_instance;

  GWeakRef       patient_record;
  VastusPatient *patient;
  VastusEpisode *episode;
  GListStore    *visits;          /* of VastusVisitItem, newest first */
  VastusHistory *history;         /* NULL until the visits are read */
  gboolean       visits_asked;
};

G_DEFINE_FINAL_TYPE (VastusEpisodeRecord, vastus_episode_record, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_EPISODE,
  PROP_VISITS_LOADED,
  PROP_HISTORY,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static gboolean
episode_equal (const VastusEpisode *a,
               const VastusEpisode *b)
{
  return a->id == b->id && a->patient_id == b->patient_id && a->condition == b->condition
         && a->involved_side == b->involved_side
         && _vastus_same_date (&a->injury_date, &b->injury_date)
         && _vastus_same_date (&a->surgery_date, &b->surgery_date)
         && g_strcmp0 (a->surgeon, b->surgeon) == 0
         && g_strcmp0 (a->procedure, b->procedure) == 0
         && g_strcmp0 (a->restrictions, b->restrictions) == 0
         && _vastus_same_date (&a->no_max_test_before, &b->no_max_test_before)
         && g_strcmp0 (a->criteria_set, b->criteria_set) == 0
         && g_strcmp0 (a->treating_therapist, b->treating_therapist) == 0;
}

/* The history again from the patient, the episode and the visits (copies). */
static void
rebuild_history (VastusEpisodeRecord *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->visits));

  g_clear_pointer (&self->history, vastus_history_free);
  self->history = vastus_history_new (self->patient != NULL ? vastus_patient_copy (self->patient)
                                                            : vastus_patient_new (),
                                      vastus_episode_copy (self->episode));
  /* Newest first in the model, oldest first in the history. */
  for (guint i = n; i > 0; i--)
    {
      g_autoptr(VastusVisitItem) item = g_list_model_get_item (G_LIST_MODEL (self->visits), i - 1);
      const VastusVisit *visit = vastus_visit_item_get_visit (item);

      vastus_history_add_visit (self->history, vastus_visit_copy (visit));
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HISTORY]);
}

static gint64
item_id (gpointer item,
        gpointer user_data)
{
  return vastus_visit_item_get_id (item);
}

static gpointer
make_item (guint    index,
           gpointer visits)
{
  GPtrArray *newest_first = visits;

  return _vastus_visit_item_new (vastus_visit_copy (g_ptr_array_index (newest_first, index)));
}

static void
vastus_episode_record_finalize (GObject *object)
{
  VastusEpisodeRecord *self = VASTUS_EPISODE_RECORD (object);

  g_weak_ref_clear (&self->patient_record);
  g_clear_pointer (&self->patient, vastus_patient_free);
  g_clear_pointer (&self->episode, vastus_episode_free);
  g_clear_pointer (&self->history, vastus_history_free);
  g_clear_object (&self->visits);
  G_OBJECT_CLASS (vastus_episode_record_parent_class)->finalize (object);
}

static void
vastus_episode_record_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  VastusEpisodeRecord *self = VASTUS_EPISODE_RECORD (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->episode->id);
      break;
    case PROP_EPISODE:
      g_value_set_boxed (value, self->episode);
      break;
    case PROP_VISITS_LOADED:
      g_value_set_boolean (value, self->history != NULL);
      break;
    case PROP_HISTORY:
      g_value_set_pointer (value, self->history);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vastus_episode_record_class_init (VastusEpisodeRecordClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = vastus_episode_record_finalize;
  object_class->get_property = vastus_episode_record_get_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_EPISODE] =
    g_param_spec_boxed ("episode", NULL, NULL, vastus_episode_get_type (),
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_VISITS_LOADED] =
    g_param_spec_boolean ("visits-loaded", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_HISTORY] =
    g_param_spec_pointer ("history", NULL, NULL,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
vastus_episode_record_init (VastusEpisodeRecord *self)
{
  self->visits = g_list_store_new (VASTUS_TYPE_VISIT_ITEM);
  g_weak_ref_init (&self->patient_record, NULL);
}

/* Within src/clinic/ */

VastusEpisodeRecord *
_vastus_episode_record_new (VastusPatientRecord *patient_record,
                            const VastusPatient *patient,
                            VastusEpisode       *episode)
{
  VastusEpisodeRecord *self = g_object_new (VASTUS_TYPE_EPISODE_RECORD, NULL);

  g_weak_ref_set (&self->patient_record, patient_record);
  self->patient = patient != NULL ? vastus_patient_copy (patient) : NULL;
  self->episode = episode;
  return self;
}

void
_vastus_episode_record_set_episode (VastusEpisodeRecord *self,
                                    VastusEpisode       *episode)
{
  g_return_if_fail (VASTUS_IS_EPISODE_RECORD (self));
  g_return_if_fail (episode->id == self->episode->id);

  if (episode_equal (episode, self->episode))
    {
      vastus_episode_free (episode);
      return;
    }
  vastus_episode_free (self->episode);
  self->episode = episode;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EPISODE]);
  if (self->history != NULL)
    rebuild_history (self);
}

void
_vastus_episode_record_set_patient (VastusEpisodeRecord *self,
                                    const VastusPatient *patient)
{
  g_return_if_fail (VASTUS_IS_EPISODE_RECORD (self));

  g_clear_pointer (&self->patient, vastus_patient_free);
  self->patient = vastus_patient_copy (patient);
  if (self->history != NULL)
    rebuild_history (self);
}

void
_vastus_episode_record_set_visits (VastusEpisodeRecord *self,
                                   GPtrArray           *visits)
{
  g_autoptr(GPtrArray) newest_first = g_ptr_array_new ();
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  gboolean first = self->history == NULL;

  g_return_if_fail (VASTUS_IS_EPISODE_RECORD (self));

  for (guint i = visits->len; i > 0; i--)
    {
      VastusVisit *visit = g_ptr_array_index (visits, i - 1);

      g_ptr_array_add (newest_first, visit);
      g_array_append_val (ids, visit->id);
    }
  /* Visits that stayed are updated in place (notifying when they changed); the model's
   * items-changed covers those that came, went or moved. */
  _vastus_list_store_sync (self->visits, (gint64 *) ids->data, ids->len, item_id, make_item,
                           newest_first);
  for (guint i = 0; i < newest_first->len; i++)
    {
      g_autoptr(VastusVisitItem) item = g_list_model_get_item (G_LIST_MODEL (self->visits), i);
      VastusVisit *visit = g_ptr_array_index (newest_first, i);

      if (vastus_visit_item_get_visit (item) != visit)
        _vastus_visit_item_update (item, vastus_visit_copy (visit));
    }
  g_ptr_array_unref (visits);
  rebuild_history (self);
  if (first)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VISITS_LOADED]);
}

gboolean
_vastus_episode_record_wants_visits (VastusEpisodeRecord *self)
{
  g_return_val_if_fail (VASTUS_IS_EPISODE_RECORD (self), FALSE);
  return self->visits_asked || self->history != NULL;
}

/* Public API */

gint64
vastus_episode_record_get_id (VastusEpisodeRecord *self)
{
  g_return_val_if_fail (VASTUS_IS_EPISODE_RECORD (self), 0);
  return self->episode->id;
}

const VastusEpisode *
vastus_episode_record_get_episode (VastusEpisodeRecord *self)
{
  g_return_val_if_fail (VASTUS_IS_EPISODE_RECORD (self), NULL);
  return self->episode;
}

VastusPatientRecord *
vastus_episode_record_get_patient_record (VastusEpisodeRecord *self)
{
  VastusPatientRecord *record;

  g_return_val_if_fail (VASTUS_IS_EPISODE_RECORD (self), NULL);

  /* Borrowed: the caller holds it through whatever gave it this episode. */
  record = g_weak_ref_get (&self->patient_record);
  if (record != NULL)
    g_object_unref (record);
  return record;
}

GListModel *
vastus_episode_record_get_visits (VastusEpisodeRecord *self)
{
  g_return_val_if_fail (VASTUS_IS_EPISODE_RECORD (self), NULL);

  if (!self->visits_asked && self->history == NULL)
    {
      g_autoptr(VastusPatientRecord) record = g_weak_ref_get (&self->patient_record);

      self->visits_asked = TRUE;
      if (record != NULL)
        _vastus_patient_record_read_visits (record, self->episode->id);
    }
  return G_LIST_MODEL (self->visits);
}

gboolean
vastus_episode_record_get_visits_loaded (VastusEpisodeRecord *self)
{
  g_return_val_if_fail (VASTUS_IS_EPISODE_RECORD (self), FALSE);
  return self->history != NULL;
}

const VastusHistory *
vastus_episode_record_get_history (VastusEpisodeRecord *self)
{
  g_return_val_if_fail (VASTUS_IS_EPISODE_RECORD (self), NULL);
  return self->history;
}

const VastusVisit *
vastus_episode_record_find_visit (VastusEpisodeRecord *self,
                                  gint64               visit_id)
{
  g_return_val_if_fail (VASTUS_IS_EPISODE_RECORD (self), NULL);

  for (guint i = 0; self->history != NULL && i < vastus_history_get_n_visits (self->history); i++)
    {
      const VastusVisit *visit = vastus_history_get_visit (self->history, i);

      if (visit->id == visit_id)
        return visit;
    }
  return NULL;
}
