/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vastus-clinic"

#include "config.h"

#include "vastus-template-item.h"

struct _VastusTemplateItem
{
  GObject         parent_instance;
  VastusTemplate *template_;
};

G_DEFINE_FINAL_TYPE (VastusTemplateItem, vastus_template_item, G_TYPE_OBJECT)

enum { PROP_0, PROP_TEMPLATE, N_PROPS };
static GParamSpec *properties [N_PROPS];

static void
vastus_template_item_finalize (GObject *object)
{
  VastusTemplateItem *self = VASTUS_TEMPLATE_ITEM (object);

  g_clear_pointer (&self->template_, vastus_template_free);
  G_OBJECT_CLASS (vastus_template_item_parent_class)->finalize (object);
}

static void
vastus_template_item_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  VastusTemplateItem *self = VASTUS_TEMPLATE_ITEM (object);

  switch (prop_id)
    {
    case PROP_TEMPLATE:
      g_value_set_pointer (value, self->template_);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vastus_template_item_class_init (VastusTemplateItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = vastus_template_item_finalize;
  object_class->get_property = vastus_template_item_get_property;

  /* The VastusTemplate, owned by the item. */
  properties[PROP_TEMPLATE] =
    g_param_spec_pointer ("template", NULL, NULL,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
vastus_template_item_init (VastusTemplateItem *self)
{
}

VastusTemplateItem *
_vastus_template_item_new (VastusTemplate *template_)
{
  VastusTemplateItem *self = g_object_new (VASTUS_TYPE_TEMPLATE_ITEM, NULL);

  self->template_ = template_;
  return self;
}

void
_vastus_template_item_update (VastusTemplateItem *self,
                              VastusTemplate     *template_)
{
  g_return_if_fail (VASTUS_IS_TEMPLATE_ITEM (self));
  g_return_if_fail (template_->id == self->template_->id);

  if (vastus_template_equal (template_, self->template_))
    {
      vastus_template_free (template_);
      return;
    }
  vastus_template_free (self->template_);
  self->template_ = template_;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEMPLATE]);
}

gint64
vastus_template_item_get_id (VastusTemplateItem *self)
{
  g_return_val_if_fail (VASTUS_IS_TEMPLATE_ITEM (self), 0);
  return self->template_->id;
}

const VastusTemplate *
vastus_template_item_get_template (VastusTemplateItem *self)
{
  g_return_val_if_fail (VASTUS_IS_TEMPLATE_ITEM (self), NULL);
  return self->template_;
}
