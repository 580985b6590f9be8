/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vastus-clinic"

#include "config.h"

#include "vastus-clinic-private.h"
#include "vastus-visit-item.h"

struct _VastusVisitItem
{
  GObject      parent_instance;
  VastusVisit *visit;
};

G_DEFINE_FINAL_TYPE (VastusVisitItem, vastus_visit_item, G_TYPE_OBJECT)

enum { PROP_0, PROP_ID, PROP_VISIT, N_PROPS };
static GParamSpec *properties [N_PROPS];

static gboolean
measurement_equal (const VastusMeasurement *a,
                   const VastusMeasurement *b)
{
  return a->id == b->id && g_strcmp0 (a->measure, b->measure) == 0 && a->side == b->side
         && a->trial == b->trial && vastus_measurement_same_reading (a, b)
         && a->baseline == b->baseline;
}

gboolean
_vastus_visit_equal (const VastusVisit *a,
                     const VastusVisit *b)
{
  if (a->id != b->id || a->episode_id != b->episode_id || !_vastus_same_date (&a->date, &b->date)
      || g_strcmp0 (a->clinician, b->clinician) != 0
      || !_vastus_same_number (a->body_mass_kg, b->body_mass_kg)
      || !_vastus_same_number (a->height_cm, b->height_cm) || g_strcmp0 (a->notes, b->notes) != 0
      || a->findings != b->findings || a->measurements->len != b->measurements->len)
    return FALSE;
  for (guint i = 0; i < a->measurements->len; i++)
    if (!measurement_equal (g_ptr_array_index (a->measurements, i),
                            g_ptr_array_index (b->measurements, i)))
      return FALSE;
  return TRUE;
}

static void
vastus_visit_item_finalize (GObject *object)
{
  VastusVisitItem *self = VASTUS_VISIT_ITEM (object);

  g_clear_pointer (&self->visit, vastus_visit_free);
  G_OBJECT_CLASS (vastus_visit_item_parent_class)->finalize (object);
}

static void
vastus_visit_item_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  VastusVisitItem *self = VASTUS_VISIT_ITEM (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->visit->id);
      break;
    case PROP_VISIT:
      g_value_set_boxed (value, self->visit);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vastus_visit_item_class_init (VastusVisitItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = vastus_visit_item_finalize;
  object_class->get_property = vastus_visit_item_get_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_VISIT] =
    g_param_spec_boxed ("visit", NULL, NULL, vastus_visit_get_type (),
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
vastus_visit_item_init (VastusVisitItem *self)
{
}

VastusVisitItem *
_vastus_visit_item_new (VastusVisit *visit)
{
  VastusVisitItem *self;

  g_return_val_if_fail (visit != NULL, NULL);

  self = g_object_new (VASTUS_TYPE_VISIT_ITEM, NULL);
  self->visit = visit;
  return self;
}

void
_vastus_visit_item_update (VastusVisitItem *self,
                           VastusVisit     *visit)
{
  g_return_if_fail (VASTUS_IS_VISIT_ITEM (self));
  g_return_if_fail (visit != NULL && visit->id == self->visit->id);

  if (_vastus_visit_equal (self->visit, visit))
    {
      vastus_visit_free (visit);
      return;
    }
  vastus_visit_free (self->visit);
  self->visit = visit;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VISIT]);
}

gint64
vastus_visit_item_get_id (VastusVisitItem *self)
{
  g_return_val_if_fail (VASTUS_IS_VISIT_ITEM (self), 0);
  return self->visit->id;
}

const VastusVisit *
vastus_visit_item_get_visit (VastusVisitItem *self)
{
  g_return_val_if_fail (VASTUS_IS_VISIT_ITEM (self), NULL);
  return self->visit;
}
