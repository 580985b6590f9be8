/* vastus-template-item.h: one test battery in the clinic's list (vastus_clinic_get_templates)
 *
 * Stands for one battery (by its id); a change replaces the battery in place and "template"
 * notifies.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "vastus-template.h"

G_BEGIN_DECLS

#define VASTUS_TYPE_TEMPLATE_ITEM (vastus_template_item_get_type ())
G_DECLARE_FINAL_TYPE (VastusTemplateItem, vastus_template_item, VASTUS, TEMPLATE_ITEM, GObject)

gint64                vastus_template_item_get_id       (VastusTemplateItem *self);
const VastusTemplate *vastus_template_item_get_template (VastusTemplateItem *self);

/* Within src/clinic/: take ownership of @template_. */
VastusTemplateItem   *_vastus_template_item_new         (VastusTemplate     *template_);
void                  _vastus_template_item_update      (VastusTemplateItem *self,
                                                         VastusTemplate     *template_);

G_END_DECLS
