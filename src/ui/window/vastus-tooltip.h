/* vastus-tooltip.h: a tooltip set without a round trip to the display server
 *
 * gtk_widget_set_tooltip_text () asks the display server where the pointer is at every call (it
 * triggers a tooltip query), a synchronous round trip: 0.4 ms on an idle X server, tens of
 * milliseconds on a busy one, for each of the many rows and cells a page fills. This gives the
 * same tooltip (and accessible description), read only when the tooltip is about to show.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* @text (copied) as @widget's tooltip and accessible description; NULL: none. */
void vastus_set_tooltip (GtkWidget  *widget,
                         const char *text);

G_END_DECLS
