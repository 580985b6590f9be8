/* narrow-test-util.h: a window on a screen 360 px wide (the narrowest phone GNOME supports),
 * for the tests that every window fits it in every language
 *
 * A window fits when its content's minimum width is no wider than the screen, it is shown no
 * wider, and no label it shows is ellipsized ("Beric…").
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#define SCREEN_WIDTH 360

/* Adds to @cut the text of each label shown under @widget that is cut short ("…"). */
static inline void
collect_cut_labels (GtkWidget *widget,
                    GString   *cut)
{
  if (!gtk_widget_get_mapped (widget))
    return;
  if (GTK_IS_LABEL (widget) && pango_layout_is_ellipsized (gtk_label_get_layout (GTK_LABEL (widget))))
    g_string_append_printf (cut, "“%s”; ", gtk_label_get_text (GTK_LABEL (widget)));
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    collect_cut_labels (c, cut);
}

/* What @window shows: an AdwWindow's content, another window's child. Its decorations (a
 * shadow without a window manager) are no part of the screen it needs. */
static inline GtkWidget *
window_content (GtkWidget *window)
{
  return ADW_IS_WINDOW (window) ? adw_window_get_content (ADW_WINDOW (window))
                                : gtk_window_get_child (GTK_WINDOW (window));
}

/* Adds to @problems what of @window (@what, presented SCREEN_WIDTH wide) does not fit: a minimum
 * width wider than the screen, a width shown wider, the labels under @shown (NULL: the whole
 * window) it cuts short. */
static inline void
describe_misfit_of (GtkWidget  *window,
                    GtkWidget  *shown,
                    const char *what,
                    GString    *problems)
{
  GtkWidget *content = window_content (window);
  g_autoptr(GString) cut = g_string_new (NULL);
  int minimum;

  gtk_widget_measure (content, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
  g_test_message ("%s: minimum width %d, allocated %d", what, minimum, gtk_widget_get_width (content));
  if (minimum > SCREEN_WIDTH)
    g_string_append_printf (problems, "%s: %d px wide at the least\n", what, minimum);
  else if (gtk_widget_get_width (content) > SCREEN_WIDTH)
    g_string_append_printf (problems, "%s: shown %d px wide\n", what, gtk_widget_get_width (content));
  /* … and nothing it shows is cut ("Reconstruction du LCA : reprise de la …" was the visit's
   * battery). */
  collect_cut_labels (shown != NULL ? shown : window, cut);
  if (cut->len > 0)
    g_string_append_printf (problems, "%s: cut %s\n", what, cut->str);
}

static inline void
describe_misfit (GtkWidget  *window,
                 const char *what,
                 GString    *problems)
{
  describe_misfit_of (window, NULL, what, problems);
}

/* @window, presented SCREEN_WIDTH wide, is no wider, and cuts nothing short. */
static inline void
assert_window_fits (GtkWidget *window)
{
  g_autoptr(GString) problems = g_string_new (NULL);

  describe_misfit (window, G_OBJECT_TYPE_NAME (window), problems);
  g_assert_cmpstr (problems->str, ==, "");
}
