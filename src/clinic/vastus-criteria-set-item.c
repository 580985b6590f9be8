/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vastus-clinic"

#include "config.h"

#include "vastus-criteria-set-item.h"

struct _VastusCriteriaSetItem
{
  GObject            parent_instance;
  VastusCriteriaSet *set;
};

G_DEFINE_FINAL_TYPE (VastusCriteriaSetItem, vastus_criteria_set_item, G_TYPE_OBJECT)

enum { PROP_0, PROP_SET, N_PROPS };
static GParamSpec *properties [N_PROPS];

static void
vastus_criteria_set_item_finalize (GObject *object)
{
  VastusCriteriaSetItem *self = VASTUS_CRITERIA_SET_ITEM (object);

  g_clear_pointer (&self->set, vastus_criteria_set_free);
  G_OBJECT_CLASS (vastus_criteria_set_item_parent_class)->finalize (object);
}

static void
vastus_criteria_set_item_get_property (GObject    *object,
                                       guint       prop_id,
                                       GValue     *value,
                                       GParamSpec *pspec)
{
  VastusCriteriaSetItem *self = VASTUS_CRITERIA_SET_ITEM (object);

  switch (prop_id)
    {
    case PROP_SET:
      g_value_set_boxed (value, self->set);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vastus_criteria_set_item_class_init (VastusCriteriaSetItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = vastus_criteria_set_item_finalize;
  object_class->get_property = vastus_criteria_set_item_get_property;

  properties[PROP_SET] =
    g_param_spec_boxed ("set", NULL, NULL, vastus_criteria_set_get_type (),
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
vastus_criteria_set_item_init (VastusCriteriaSetItem *self)
{
}

VastusCriteriaSetItem *
_vastus_criteria_set_item_new (VastusCriteriaSet *set)
{
  VastusCriteriaSetItem *self = g_object_new (VASTUS_TYPE_CRITERIA_SET_ITEM, NULL);

  self->set = set;
  return self;
}

void
_vastus_criteria_set_item_update (VastusCriteriaSetItem *self,
                                  VastusCriteriaSet     *set)
{
  g_return_if_fail (VASTUS_IS_CRITERIA_SET_ITEM (self));
  g_return_if_fail (g_strcmp0 (set->id, self->set->id) == 0);

  if (vastus_criteria_set_equal (set, self->set))
    {
      vastus_criteria_set_free (set);
      return;
    }
  vastus_criteria_set_free (self->set);
  self->set = set;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SET]);
}

const char *
vastus_criteria_set_item_get_id (VastusCriteriaSetItem *self)
{
  g_return_val_if_fail (VASTUS_IS_CRITERIA_SET_ITEM (self), NULL);
  return self->set->id;
}

const VastusCriteriaSet *
vastus_criteria_set_item_get_set (VastusCriteriaSetItem *self)
{
  g_return_val_if_fail (VASTUS_IS_CRITERIA_SET_ITEM (self), NULL);
  return self->set;
}
