/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vastus-compare-window"

#include "config.h"

#include <glib/gi18n.h>

#include "vastus-bar-box.h"
#include "vastus-compare-window.h"

struct _VastusCompareWindow
{
  AdwWindow             parent_instance;

  guint                 n_differences;

  AdwPreferencesGroup  *group;
  GtkListBox           *list_box;
  GtkButton            *reload_button;
  GtkButton            *keep_button;
};

G_DEFINE_FINAL_TYPE (VastusCompareWindow, vastus_compare_window, ADW_TYPE_WINDOW)

enum
{
  RELOAD,
  KEEP_MINE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
reload_clicked_cb (VastusCompareWindow *self)
{
  g_signal_emit (self, signals[RELOAD], 0);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
keep_clicked_cb (VastusCompareWindow *self)
{
  g_signal_emit (self, signals[KEEP_MINE], 0);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
vastus_compare_window_class_init (VastusCompareWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  /* Their version replaces what was typed. */
  signals[RELOAD] = g_signal_new ("reload", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                  NULL, NULL, NULL, G_TYPE_NONE, 0);
  /* What was typed is saved over their version. */
  signals[KEEP_MINE] = g_signal_new ("keep-mine", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                     0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (VASTUS_TYPE_BAR_BOX);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/vastus-compare-window.ui");
  gtk_widget_class_bind_template_child (widget_class, VastusCompareWindow, group);
  gtk_widget_class_bind_template_child (widget_class, VastusCompareWindow, list_box);
  gtk_widget_class_bind_template_child (widget_class, VastusCompareWindow, reload_button);
  gtk_widget_class_bind_template_child (widget_class, VastusCompareWindow, keep_button);
  gtk_widget_class_bind_template_callback (widget_class, reload_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, keep_clicked_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
vastus_compare_window_init (VastusCompareWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* A row: what differs, their value over yours. */
static GtkWidget *
make_row (const VastusDifference *d)
{
  GtkWidget *row = adw_action_row_new ();
  /* Translators: the other clinician's value of a field, in the comparison of two versions of a
   * visit, e.g. "Theirs: 312 N" */
  g_autofree char *theirs = g_strdup_printf (_("Theirs: %s"), d->theirs);
  /* Translators: the value typed here, under "Theirs: …", e.g. "Yours: 298 N" */
  g_autofree char *mine = g_strdup_printf (_("Yours: %s"), d->mine);
  g_autofree char *both = g_strconcat (theirs, "\n", mine, NULL);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), d->what);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), both);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
  return row;
}

GtkWidget *
vastus_compare_window_new (GtkWindow  *parent,
                           const char *conflict,
                           GPtrArray  *differences)
{
  VastusCompareWindow *self = g_object_new (VASTUS_TYPE_COMPARE_WINDOW, "transient-for", parent,
                                            NULL);
  g_autofree char *description = NULL;

  self->n_differences = differences->len;
  description = differences->len > 0
    /* Translators: %s says who changed the record and when ("A. Berg changed this visit at 14:32
     * after you opened it"); what follows lists each difference */
    ? g_strdup_printf (_("%s. These fields differ between their version and what you typed."),
                       conflict)
    /* Translators: %s says who changed the record and when, as above */
    : g_strdup_printf (_("%s. Their version and what you typed are the same."), conflict);
  adw_preferences_group_set_description (self->group, description);
  for (guint i = 0; i < differences->len; i++)
    gtk_list_box_append (self->list_box, make_row (g_ptr_array_index (differences, i)));
  gtk_widget_set_visible (GTK_WIDGET (self->list_box), differences->len > 0);
  return GTK_WIDGET (self);
}

guint
vastus_compare_window_get_n_differences (VastusCompareWindow *self)
{
  g_return_val_if_fail (VASTUS_IS_COMPARE_WINDOW (self), 0);

  return self->n_differences;
}
