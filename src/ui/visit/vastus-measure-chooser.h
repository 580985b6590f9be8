/* vastus-measure-chooser.h: a drop-down to add a measure of the catalog
 *
 * A searchable GtkDropDown (type to filter) whose first item, "Choose…", is nothing, followed by
 * the catalog's measures, by label, that the caller does not show already. Choosing one is for
 * the caller to act on (notify::selected), after the drop-down has told it (an idle): the
 * drop-down must not get a new list while it tells its choice.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "vastus-catalog.h"

G_BEGIN_DECLS

/* Whether @code is already shown, so not offered. */
typedef gboolean (*VastusMeasureShownFunc) (const char *code,
                                            gpointer    user_data);

/* A new chooser, named @accessible_name for screen readers. */
GtkDropDown         *vastus_measure_chooser_new          (const char             *accessible_name);
/* Offers the measures @shown says are not shown, and chooses nothing. */
void                 vastus_measure_chooser_fill         (GtkDropDown            *chooser,
                                                          VastusMeasureShownFunc  shown,
                                                          gpointer                user_data);
/* The measure chosen, NULL for nothing. */
const VastusMeasure *vastus_measure_chooser_get_selected (GtkDropDown            *chooser);

G_END_DECLS
