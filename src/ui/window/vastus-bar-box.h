/* vastus-bar-box.h: the buttons of a bottom bar, in one row, or in two when the window is narrow
 *
 * Children are "start" (left to right), "center" (between, taking the space left: a status
 * label) or "end" (at the right), as in a GtkActionBar, plus one "wrap" child: after the start
 * children while the row holds everything, and alone on a second row below it when it does not
 * (a long German label at 360 px). Nothing is hidden or swapped, so every button keeps its label
 * and its mnemonic at any width. In a .ui file: <child type="start|center|end|wrap">.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define VASTUS_TYPE_BAR_BOX (vastus_bar_box_get_type ())
G_DECLARE_FINAL_TYPE (VastusBarBox, vastus_bar_box, VASTUS, BAR_BOX, GtkWidget)

typedef enum
{
  VASTUS_BAR_BOX_START,
  VASTUS_BAR_BOX_CENTER,
  VASTUS_BAR_BOX_END,
  VASTUS_BAR_BOX_WRAP,
} VastusBarBoxPlace;

GtkWidget *vastus_bar_box_new    (void);
void       vastus_bar_box_add    (VastusBarBox      *self,
                                  GtkWidget         *child,
                                  VastusBarBoxPlace  place);
/* Whether the wrap child is on a row of its own (as last allocated). */
gboolean   vastus_bar_box_get_wrapped (VastusBarBox *self);

G_END_DECLS
