/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vastus-task-bar"

#include "config.h"

#include "vastus-i18n.h"

#include "vastus-task-bar.h"

/* A task this quick is never shown: no flicker. */
#define SHOW_DELAY_MS 150
#define PULSE_MS      100

struct _VastusTaskBar
{
  AdwBin          parent_instance;

  GCancellable   *cancellable;   /* of the task under way, NULL when none */
  guint           show_source;
  guint           pulse_source;

  GtkRevealer    *revealer;
  GtkLabel       *title;
  GtkProgressBar *progress;
  GtkButton      *cancel;
};

G_DEFINE_FINAL_TYPE (VastusTaskBar, vastus_task_bar, ADW_TYPE_BIN)

enum { PROP_0, PROP_RUNNING, N_PROPS };
static GParamSpec *properties [N_PROPS];

static gboolean
pulse_cb (gpointer data)
{
  gtk_progress_bar_pulse (GTK_PROGRESS_BAR (data));
  return G_SOURCE_CONTINUE;
}

static gboolean
show_cb (gpointer data)
{
  VastusTaskBar *self = data;

  self->show_source = 0;
  gtk_revealer_set_reveal_child (self->revealer, TRUE);
  return G_SOURCE_REMOVE;
}

static void
cancel_clicked_cb (VastusTaskBar *self)
{
  if (self->cancellable == NULL)
    return;
  g_cancellable_cancel (self->cancellable);
  gtk_widget_set_sensitive (GTK_WIDGET (self->cancel), FALSE);
  /* Translators: a task was asked to stop and is stopping */
  gtk_label_set_text (self->title, _("Cancelling…"));
}

static void
stop_sources (VastusTaskBar *self)
{
  g_clear_handle_id (&self->show_source, g_source_remove);
  g_clear_handle_id (&self->pulse_source, g_source_remove);
}

static void
vastus_task_bar_dispose (GObject *object)
{
  VastusTaskBar *self = VASTUS_TASK_BAR (object);

  /* A task whose window goes stops. */
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  stop_sources (self);
  G_OBJECT_CLASS (vastus_task_bar_parent_class)->dispose (object);
}

static void
vastus_task_bar_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_RUNNING:
      g_value_set_boolean (value, vastus_task_bar_get_running (VASTUS_TASK_BAR (object)));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vastus_task_bar_class_init (VastusTaskBarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = vastus_task_bar_dispose;
  object_class->get_property = vastus_task_bar_get_property;

  properties[PROP_RUNNING] =
    g_param_spec_boolean ("running", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
  gtk_widget_class_set_css_name (GTK_WIDGET_CLASS (klass), "vastus-task-bar");
}

static void
vastus_task_bar_init (VastusTaskBar *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);

  gtk_widget_add_css_class (box, "toolbar");
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  self->title = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->title, 0);
  gtk_label_set_ellipsize (self->title, PANGO_ELLIPSIZE_END);
  self->progress = GTK_PROGRESS_BAR (gtk_progress_bar_new ());
  gtk_widget_set_hexpand (GTK_WIDGET (self->progress), TRUE);
  gtk_widget_set_valign (GTK_WIDGET (self->progress), GTK_ALIGN_CENTER);
  self->cancel = GTK_BUTTON (gtk_button_new_with_mnemonic (_("_Cancel")));
  g_signal_connect_swapped (self->cancel, "clicked", G_CALLBACK (cancel_clicked_cb), self);
  gtk_box_append (GTK_BOX (row), GTK_WIDGET (self->progress));
  gtk_box_append (GTK_BOX (row), GTK_WIDGET (self->cancel));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->title));
  gtk_box_append (GTK_BOX (box), row);
  self->revealer = GTK_REVEALER (gtk_revealer_new ());
  gtk_revealer_set_transition_type (self->revealer, GTK_REVEALER_TRANSITION_TYPE_SLIDE_UP);
  gtk_revealer_set_child (self->revealer, box);
  adw_bin_set_child (ADW_BIN (self), GTK_WIDGET (self->revealer));
  /* The progress bar says what it is doing: its title. */
  gtk_accessible_update_relation (GTK_ACCESSIBLE (self->progress),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, self->title, NULL, -1);
}

GtkWidget *
vastus_task_bar_new (void)
{
  return g_object_new (VASTUS_TYPE_TASK_BAR, NULL);
}

GCancellable *
vastus_task_bar_start (VastusTaskBar *self,
                       const char    *title)
{
  g_return_val_if_fail (VASTUS_IS_TASK_BAR (self), NULL);
  g_return_val_if_fail (self->cancellable == NULL, NULL);

  self->cancellable = g_cancellable_new ();
  gtk_label_set_text (self->title, title);
  gtk_widget_set_sensitive (GTK_WIDGET (self->cancel), TRUE);
  gtk_progress_bar_set_fraction (self->progress, 0);
  self->pulse_source = g_timeout_add (PULSE_MS, pulse_cb, self->progress);
  self->show_source = g_timeout_add (SHOW_DELAY_MS, show_cb, self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
  return self->cancellable;
}

void
vastus_task_bar_progress (double   fraction,
                          gpointer data)
{
  VastusTaskBar *self = data;

  g_return_if_fail (VASTUS_IS_TASK_BAR (self));

  if (self->cancellable == NULL || g_cancellable_is_cancelled (self->cancellable))
    return;
  if (fraction < 0)
    {
      if (self->pulse_source == 0)
        self->pulse_source = g_timeout_add (PULSE_MS, pulse_cb, self->progress);
      return;
    }
  g_clear_handle_id (&self->pulse_source, g_source_remove);
  gtk_progress_bar_set_fraction (self->progress, CLAMP (fraction, 0, 1));
}

void
vastus_task_bar_finish (VastusTaskBar *self)
{
  g_return_if_fail (VASTUS_IS_TASK_BAR (self));

  if (self->cancellable == NULL)
    return;
  g_clear_object (&self->cancellable);
  stop_sources (self);
  gtk_revealer_set_reveal_child (self->revealer, FALSE);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
}

gboolean
vastus_task_bar_get_running (VastusTaskBar *self)
{
  g_return_val_if_fail (VASTUS_IS_TASK_BAR (self), FALSE);
  return self->cancellable != NULL;
}

GtkWidget *
vastus_task_bar_get_part (VastusTaskBar *self,
                          const char    *name)
{
  g_return_val_if_fail (VASTUS_IS_TASK_BAR (self), NULL);

  if (g_strcmp0 (name, "title") == 0)
    return GTK_WIDGET (self->title);
  if (g_strcmp0 (name, "progress") == 0)
    return GTK_WIDGET (self->progress);
  if (g_strcmp0 (name, "cancel") == 0)
    return GTK_WIDGET (self->cancel);
  if (g_strcmp0 (name, "revealer") == 0)
    return GTK_WIDGET (self->revealer);
  return NULL;
}
