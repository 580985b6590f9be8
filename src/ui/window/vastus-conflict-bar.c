/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vastus-conflict-bar"

#include "config.h"

#include <glib/gi18n.h>

#include "vastus-bar-box.h"
#include "vastus-compare-window.h"
#include "vastus-conflict-bar.h"

struct _VastusConflictBar
{
  AdwBin            parent_instance;

  VastusClinic     *clinic;
  VastusStoredKind  kind;
  char             *message;   /* what the save was told, while shown */
  gint64            id;
  char             *set_id;
  gpointer          theirs;    /* their version, once read */
  GCancellable     *reading;

  GtkRevealer      *revealer;
  GtkLabel         *label;
  GtkButton        *reload_button;
  GtkButton        *compare_button;
};

G_DEFINE_FINAL_TYPE (VastusConflictBar, vastus_conflict_bar, ADW_TYPE_BIN)

enum
{
  RELOAD,
  COMPARE,
  KEEP_MINE,
  READ_FAILED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
forget_theirs (VastusConflictBar *self)
{
  g_cancellable_cancel (self->reading);
  g_clear_object (&self->reading);
  vastus_stored_free (self->kind, g_steal_pointer (&self->theirs));
}

typedef struct
{
  VastusConflictBar *self;    /* a reference */
  guint              signal;  /* what to emit with their version */
} ReadTheirs;

static void
read_theirs_free (ReadTheirs *read)
{
  g_object_unref (read->self);
  g_free (read);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ReadTheirs, read_theirs_free)

static void
theirs_read_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(ReadTheirs) read = user_data;
  VastusConflictBar *self = read->self;
  g_autoptr(GError) error = NULL;
  gpointer theirs = vastus_clinic_read_stored_finish (VASTUS_CLINIC (source), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->message == NULL)
    {
      vastus_stored_free (self->kind, theirs);
      return;
    }
  if (theirs == NULL)
    {
      /* Translators: %s is why (the record was deleted, or the database could not be read) */
      g_autofree char *message = g_strdup_printf (_("Their version could not be read: %s"),
                                                  error->message);

      g_signal_emit (self, signals[READ_FAILED], 0, message);
      return;
    }
  vastus_stored_free (self->kind, self->theirs);
  self->theirs = theirs;
  g_signal_emit (self, read->signal, 0, self->theirs);
}

/* Reads their version (the record as stored now), then emits @signal with it. */
static void
with_theirs (VastusConflictBar *self,
             guint              signal)
{
  ReadTheirs *read;

  g_return_if_fail (self->clinic != NULL && self->message != NULL);

  forget_theirs (self);
  self->reading = g_cancellable_new ();
  read = g_new0 (ReadTheirs, 1);
  read->self = g_object_ref (self);
  read->signal = signal;
  vastus_clinic_read_stored_async (self->clinic, self->kind, self->id, self->set_id,
                                   self->reading, theirs_read_cb, read);
}

static void
reload_clicked_cb (VastusConflictBar *self)
{
  with_theirs (self, signals[RELOAD]);
}

static void
compare_clicked_cb (VastusConflictBar *self)
{
  with_theirs (self, signals[COMPARE]);
}

static void
compare_reload_cb (VastusConflictBar *self)
{
  if (self->theirs != NULL)
    g_signal_emit (self, signals[RELOAD], 0, self->theirs);
}

static void
compare_keep_mine_cb (VastusConflictBar *self)
{
  if (self->theirs != NULL)
    g_signal_emit (self, signals[KEEP_MINE], 0, self->theirs);
}

static void
vastus_conflict_bar_dispose (GObject *object)
{
  VastusConflictBar *self = VASTUS_CONFLICT_BAR (object);

  forget_theirs (self);
  g_clear_pointer (&self->message, g_free);
  g_clear_object (&self->clinic);
  /* AdwBin would unparent its child a second time after the template did. */
  adw_bin_set_child (ADW_BIN (object), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (object), VASTUS_TYPE_CONFLICT_BAR);
  G_OBJECT_CLASS (vastus_conflict_bar_parent_class)->dispose (object);
}

static void
vastus_conflict_bar_finalize (GObject *object)
{
  VastusConflictBar *self = VASTUS_CONFLICT_BAR (object);

  g_free (self->set_id);
  G_OBJECT_CLASS (vastus_conflict_bar_parent_class)->finalize (object);
}

static void
vastus_conflict_bar_class_init (VastusConflictBarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = vastus_conflict_bar_dispose;
  object_class->finalize = vastus_conflict_bar_finalize;

  /* Reload Theirs: their version replaces what was typed. */
  signals[RELOAD] = g_signal_new ("reload", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_POINTER);
  /* Compare…: their version beside what was typed (vastus_conflict_bar_compare). */
  signals[COMPARE] = g_signal_new ("compare", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_POINTER);
  /* Save Mine: what was typed is saved over their version. */
  signals[KEEP_MINE] = g_signal_new ("keep-mine", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                     0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_POINTER);
  /* Their version could not be read: the message says why. */
  signals[READ_FAILED] = g_signal_new ("read-failed", G_TYPE_FROM_CLASS (klass),
                                       G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 1,
                                       G_TYPE_STRING);

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
vastus_conflict_bar_set_clinic (VastusConflictBar *self,
                                VastusClinic      *clinic,
                                VastusStoredKind   kind)
{
  g_return_if_fail (VASTUS_IS_CONFLICT_BAR (self));
  g_return_if_fail (VASTUS_IS_CLINIC (clinic));

  forget_theirs (self);
  g_set_object (&self->clinic, clinic);
  self->kind = kind;
}

void
vastus_conflict_bar_show (VastusConflictBar *self,
                          const char        *message,
                          gint64             id,
                          const char        *set_id)
{
  g_autofree char *text = NULL;

  g_return_if_fail (VASTUS_IS_CONFLICT_BAR (self));
  g_return_if_fail (message != NULL);

  forget_theirs (self);
  g_free (self->message);
  self->message = g_strdup (message);
  self->id = id;
  g_free (self->set_id);
  self->set_id = g_strdup (set_id);
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

  forget_theirs (self);
  g_clear_pointer (&self->message, g_free);
  gtk_revealer_set_reveal_child (self->revealer, FALSE);
}

const char *
vastus_conflict_bar_get_notice (VastusConflictBar *self)
{
  g_return_val_if_fail (VASTUS_IS_CONFLICT_BAR (self), NULL);

  return gtk_revealer_get_reveal_child (self->revealer) ? gtk_label_get_text (self->label) : NULL;
}

void
vastus_conflict_bar_compare (VastusConflictBar *self,
                             GPtrArray         *differences)
{
  GtkRoot *root;
  GtkWidget *window;

  g_return_if_fail (VASTUS_IS_CONFLICT_BAR (self));
  g_return_if_fail (self->message != NULL && differences != NULL);

  root = gtk_widget_get_root (GTK_WIDGET (self));
  window = vastus_compare_window_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                      self->message, differences);
  g_signal_connect_object (window, "reload", G_CALLBACK (compare_reload_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (window, "keep-mine", G_CALLBACK (compare_keep_mine_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (window));
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
