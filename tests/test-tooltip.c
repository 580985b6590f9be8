/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <gtk/gtk.h>

#include "vastus-tooltip.h"

/* Whether a tooltip shows, asked as GTK asks before it shows one. */
static gboolean
shown (GtkWidget *widget)
{
  g_autoptr(GtkTooltip) tooltip = g_object_new (GTK_TYPE_TOOLTIP, NULL);
  gboolean show = FALSE;

  g_signal_emit_by_name (widget, "query-tooltip", 1, 1, FALSE, tooltip, &show);
  return show;
}

/* The text is the widget's tooltip and accessible description; changed, both change; NULL
 * removes both. */
static void
test_tooltip (void)
{
  GtkWidget *label = g_object_ref_sink (gtk_label_new ("x"));

  g_assert_false (gtk_widget_get_has_tooltip (label));
  vastus_set_tooltip (label, "Better by at least the MIC of 7.1");
  g_assert_true (gtk_widget_get_has_tooltip (label));
  g_assert_cmpstr (g_object_get_data (G_OBJECT (label), "vastus-tooltip"), ==,
                   "Better by at least the MIC of 7.1");
  g_assert_true (shown (label));
  gtk_test_accessible_assert_property (label, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                       "Better by at least the MIC of 7.1");

  /* Set again: the new text. */
  vastus_set_tooltip (label, "Within the MIC of 7.1");
  g_assert_cmpstr (g_object_get_data (G_OBJECT (label), "vastus-tooltip"), ==,
                   "Within the MIC of 7.1");
  g_assert_true (shown (label));
  gtk_test_accessible_assert_property (label, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                       "Within the MIC of 7.1");

  vastus_set_tooltip (label, NULL);
  g_assert_false (gtk_widget_get_has_tooltip (label));
  g_assert_false (shown (label));
  g_assert_false (gtk_test_accessible_has_property (GTK_ACCESSIBLE (label),
                                                    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION));
  g_assert_finalize_object (label);
}

int
main (int   argc,
      char *argv[])
{
  /* GTK's in-process accessibility backend: the description can be read. */
  g_setenv ("GTK_A11Y", "test", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  g_test_add_func ("/ui/tooltip", test_tooltip);
  return g_test_run ();
}
