/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vastus-conflict-bar"

#include "config.h"

#include <glib/gi18n.h>

#include "vastus-bar-box.h"
#include "vastus-conflict-bar.h"

struct _VastusConflictBar
{
  AdwBin       parent_instance;

  GtkRevealer *revealer;
  GtkLabel    *label;
  GtkButton   *reload_button;
  GtkButton   *compare_button;
};

G_DEFINE_FINAL_TYPE (VastusConflictBar, vastus_conflict_bar, ADW_TYPE_BIN)

enum
{
  RELOAD,
  COMPARE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
reload_clicked_cb (VastusConflictBar *self)
{
  g_signal_emit (self, signals[RELOAD], 0);
}

static void
compare_clicked_cb (VastusConflictBar *self)
{
  g_signal_emit (self, signals[COMPARE], 0);
}

static void
vastus_conflict_bar_dispose (GObject *object)
{
  /* AdwBin would unparent its child a second time after the template did. */
  adw_bin_set_child (ADW_BIN (object), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (object), VASTUS_TYPE_CONFLICT_BAR);
  G_OBJECT_CLASS (vastus_conflict_bar_parent_class)->dispose (object);
}

static void
vastus_conflict_bar_class_init (VastusConflictBarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = vastus_conflict_bar_dispose;

  /* Reload Theirs: their version replaces what was typed. */
  signals[RELOAD] = g_signal_new ("reload", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                  NULL, NULL, NULL, G_TYPE_NONE, 0);
  /* Compare…: their version beside what was typed. */
  signals[COMPARE] = g_signal_new ("compare", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (VASTUS_TYPE_BAR_BOX);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/vastus-conflict-bar.ui");
  gtk_widget_class_bind_template_child (widget_class, VastusConflictBar, revealer);
  gtk_widget_class_bind_template_child (widget_class, VastusConflictBar, label);
  gtk_widget_class_bind_template_child (widget_class, VastusConflictBar, reload_button);
  gtk_widget_class_bind_template_child (widget_class, VastusConflictBar, compare_button);
  gtk_widget_class_bind_template_callback (widget_class, reload_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, compare_clicked_cb);
}

static void
vastus_conflict_bar_init (VastusConflictBar *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

void
vastus_conflict_bar_show (VastusConflictBar *self,
                          const char        *message)
{
  g_autofree char *text = NULL;

  g_return_if_fail (VASTUS_IS_CONFLICT_BAR (self));

  /* Translators: %s says who changed the record and when ("A. Berg changed this visit at 14:32
   * after you opened it") */
  text = g_strdup_printf (_("%s. What you typed is kept: compare it with their version, or "
                            "reload theirs."), message);
  gtk_label_set_text (self->label, text);
  gtk_revealer_set_reveal_child (self->revealer, TRUE);
}

void
vastus_conflict_bar_hide (VastusConflictBar *self)
{
  g_return_if_fail (VASTUS_IS_CONFLICT_BAR (self));

  gtk_revealer_set_reveal_child (self->revealer, FALSE);
}

const char *
vastus_conflict_bar_get_notice (VastusConflictBar *self)
{
  g_return_val_if_fail (VASTUS_IS_CONFLICT_BAR (self), NULL);

  return gtk_revealer_get_reveal_child (self->revealer) ? gtk_label_get_text (self->label) : NULL;
}

GtkWidget *
vastus_conflict_bar_get_button (VastusConflictBar *self,
                                const char        *name)
{
  g_return_val_if_fail (VASTUS_IS_CONFLICT_BAR (self), NULL);

  if (g_strcmp0 (name, "reload") == 0)
    return GTK_WIDGET (self->reload_button);
  if (g_strcmp0 (name, "compare") == 0)
    return GTK_WIDGET (self->compare_button);
  return NULL;
}
