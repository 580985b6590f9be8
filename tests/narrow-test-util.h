/* narrow-test-util.h: a window on a screen 360 px wide (the narrowest phone GNOME supports),
 * for the tests that every window fits it in every language
 *
 * A window fits when its content's minimum width is no wider than the screen, it is shown no
 * wider, and no label it shows is ellipsized ("Beric…").
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "vastus-i18n.h"

#include <adwaita.h>
#include <locale.h>
#include <string.h>

#define SCREEN_WIDTH 360

/* A narrow test's start, before anything is translated: German from the build's catalogues
 * (VASTUS_LOCALEDIR), in the German locale, whose decimal comma the windows show; then GTK and
 * libadwaita. */
static inline void
narrow_test_init (int    *argc,
                  char ***argv)
{
  g_setenv ("LANGUAGE", "de", TRUE);
  g_setenv ("LC_ALL", "de_DE.UTF-8", TRUE);
  vastus_i18n_init ();
  if (setlocale (LC_ALL, NULL) == NULL || !g_str_has_prefix (setlocale (LC_ALL, NULL), "de_DE"))
    g_error ("the de_DE.UTF-8 locale is missing (build-aux/dev generates it)");
  gtk_test_init (argc, argv, NULL);
  adw_init ();
}

/* Windows made from now on in @language. Their templates are translated by gettext, which keeps
 * what it translated until the locale is set again. */
static inline void
narrow_test_set_language (const char *language)
{
  g_setenv ("LANGUAGE", language, TRUE);
  setlocale (LC_ALL, "");
}

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

/* The text of the first label shown under @widget (itself included), or NULL. */
static inline const char *
first_label_text (GtkWidget *widget)
{
  if (!gtk_widget_get_mapped (widget))
    return NULL;
  if (GTK_IS_LABEL (widget))
    return gtk_label_get_text (GTK_LABEL (widget));
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      const char *text = first_label_text (c);

      if (text != NULL)
        return text;
    }
  return NULL;
}

/* How the tests name @widget: its type and the first text it shows. */
static inline char *
describe_widget (GtkWidget *widget)
{
  const char *text = first_label_text (widget);

  return text != NULL ? g_strdup_printf ("%s “%s”", G_OBJECT_TYPE_NAME (widget), text)
                      : g_strdup (G_OBJECT_TYPE_NAME (widget));
}

/* Adds @problem to @problems unless it is there already. */
static inline void
add_problem (GString    *problems,
             const char *problem)
{
  if (strstr (problems->str, problem) == NULL)
    g_string_append_printf (problems, "%s; ", problem);
}

/* How far (px) @inner reaches out of @outer on its furthest side; 0 when inside. */
static inline float
overhang (const graphene_rect_t *outer,
          const graphene_rect_t *inner)
{
  return MAX (MAX (outer->origin.x - inner->origin.x, outer->origin.y - inner->origin.y),
              MAX (inner->origin.x + inner->size.width - (outer->origin.x + outer->size.width),
                   inner->origin.y + inner->size.height - (outer->origin.y + outer->size.height)));
}

/* Adds to @problems, for @widget and every widget shown under it (bounds in @root's coordinates,
 * gtk_widget_compute_bounds): a child whose box reaches out of its parent's, two children of a
 * GtkBox whose boxes overlap, a label whose text runs out of its own box ("Criteria measures"
 * was drawn over the Table button beside its drop-down). The children of a scrollable (a
 * viewport, a list) move under it, and a popover is a surface of its own: neither is held to
 * its parent's box; nor are GTK's and libadwaita's gizmos, decorations drawn past their
 * widget on purpose (the badge of a view switcher's icon). A pixel is let pass, for rounding.
 * Each problem is named once. */
static inline void
collect_overlaps (GtkWidget *widget,
                  GtkWidget *root,
                  GString   *problems)
{
  graphene_rect_t outer;

  if (!gtk_widget_get_mapped (widget) || !gtk_widget_compute_bounds (widget, root, &outer))
    return;
  if (GTK_IS_LABEL (widget))
    {
      PangoRectangle logical;

      pango_layout_get_pixel_extents (gtk_label_get_layout (GTK_LABEL (widget)), NULL, &logical);
      if (logical.width > gtk_widget_get_width (widget) + 1)
        {
          g_autofree char *problem = g_strdup_printf ("“%s”: its text %d px wide in a label %d px wide",
                                                      gtk_label_get_text (GTK_LABEL (widget)),
                                                      logical.width, gtk_widget_get_width (widget));

          add_problem (problems, problem);
        }
    }
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      graphene_rect_t inner;

      if (!gtk_widget_get_mapped (c) || GTK_IS_NATIVE (c) || g_str_has_suffix (G_OBJECT_TYPE_NAME (c), "Gizmo")
          || !gtk_widget_compute_bounds (c, root, &inner))
        continue;
      if (!GTK_IS_SCROLLABLE (widget) && overhang (&outer, &inner) > 1)
        {
          g_autofree char *child = describe_widget (c);
          g_autofree char *parent = describe_widget (widget);
          g_autofree char *problem = g_strdup_printf ("%s reaches %.0f px out of %s", child,
                                                      overhang (&outer, &inner), parent);

          add_problem (problems, problem);
          g_test_message ("%s: %g,%g %gx%g in %g,%g %gx%g", problem, inner.origin.x, inner.origin.y,
                          inner.size.width, inner.size.height, outer.origin.x, outer.origin.y,
                          outer.size.width, outer.size.height);
        }
      if (GTK_IS_BOX (widget))
        for (GtkWidget *s = gtk_widget_get_next_sibling (c); s != NULL; s = gtk_widget_get_next_sibling (s))
          {
            graphene_rect_t other, both;

            if (gtk_widget_get_mapped (s) && gtk_widget_compute_bounds (s, root, &other)
                && graphene_rect_intersection (&inner, &other, &both)
                && both.size.width > 1 && both.size.height > 1)
              {
                g_autofree char *one = describe_widget (c);
                g_autofree char *two = describe_widget (s);
                g_autofree char *problem = g_strdup_printf ("%s and %s overlap", one, two);

                add_problem (problems, problem);
              }
          }
      collect_overlaps (c, root, problems);
    }
}

/* Adds to @problems what under @widget overlaps (collect_overlaps), as @what. */
static inline void
describe_overlaps (GtkWidget  *widget,
                   const char *what,
                   GString    *problems)
{
  g_autoptr(GString) found = g_string_new (NULL);

  collect_overlaps (widget, widget, found);
  if (found->len > 0)
    g_string_append_printf (problems, "%s: %s\n", what, found->str);
}
