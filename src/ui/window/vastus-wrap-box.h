/* vastus-wrap-box.h: controls side by side, wrapping onto more rows when the window is narrow
 *
 * Its children are laid out in order, left to right, each at its natural width, in as many rows
 * as the width given needs, each row centred (a toolbar above a chart: the chart's kind, its
 * measure and the Table toggle in one row at 1280 px, in two at 360). A child wider than the
 * whole width is given the whole width, alone on its row: a drop-down wraps its label there.
 * Nothing is hidden or swapped, and the focus goes from child to child in their order. In a .ui
 * file: <child>. With "centred" FALSE each row starts at the start edge instead (the facts of a
 * caseload's line, read as text).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define VASTUS_TYPE_WRAP_BOX (vastus_wrap_box_get_type ())
G_DECLARE_FINAL_TYPE (VastusWrapBox, vastus_wrap_box, VASTUS, WRAP_BOX, GtkWidget)

GtkWidget *vastus_wrap_box_new     (void);
void       vastus_wrap_box_append  (VastusWrapBox *self,
                                    GtkWidget     *child);
void       vastus_wrap_box_set_centred (VastusWrapBox *self,
                                        gboolean       centred);
/* The number of rows, as last allocated. */
guint      vastus_wrap_box_get_rows (VastusWrapBox *self);

G_END_DECLS
