/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vastus-patient-mode"

#include "config.h"

#include "vastus-i18n.h"

#include "vastus-clinic-questionnaires.h"
#include "vastus-patient-mode.h"

struct _VastusPatientMode
{
  AdwWindow               parent_instance;

  VastusClinic           *clinic;
  GCancellable           *checking;       /* the PIN being checked */
  const VastusInstrument *instrument;
  VastusWording          *wording;
  VastusResponse         *response;
  guint                   item;
  gboolean                locked;
  GtkApplication         *app;
  GPtrArray              *disabled_actions;  /* names of the application actions we disabled */
  GPtrArray              *disabled_windows;  /* GtkWindow* we made insensitive (refs) */
  GPtrArray              *hidden_windows;    /* GtkWindow* we hid (refs), the most recently
                                              * focused last */

  GtkStack               *stack;
  GtkLabel               *progress_label;
  GtkLabel               *question_label;
  GtkBox                 *answer_box;
  GtkButton              *back_button;
  GtkButton              *next_button;
  GtkPasswordEntry       *pin_entry;
  GtkLabel               *unlock_message;
};

G_DEFINE_FINAL_TYPE (VastusPatientMode, vastus_patient_mode, ADW_TYPE_WINDOW)

enum { FINISHED, N_SIGNALS };
static guint signals[N_SIGNALS];

static void show_item (VastusPatientMode *self);


static const VastusItem *
current_item (VastusPatientMode *self)
{
  return g_ptr_array_index (self->instrument->items, self->item);
}

/* An answer's label: its own from the wording, the scale's end labels beside the first and last
 * points, or the points alone. */
static char *
answer_label (const VastusItem          *item,
              const VastusItemWording   *w,
              guint                      position)
{
  guint n = g_strv_length (w->answers);

  if (n == item->n_points)
    return g_strdup (w->answers[position]);
  if (n == 2 && position == 0)
    return g_strdup_printf ("%d — %s", item->points[position], w->answers[0]);
  if (n == 2 && position + 1 == item->n_points)
    return g_strdup_printf ("%d — %s", item->points[position], w->answers[1]);
  return g_strdup_printf ("%d", item->points[position]);
}

static void
answer_clicked_cb (GtkButton         *button,
                   VastusPatientMode *self)
{
  guint position = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "position"));

  vastus_patient_mode_choose (self, position);
}

static void
show_item (VastusPatientMode *self)
{
  const VastusItem *item = current_item (self);
  const VastusItemWording *w = vastus_wording_find (self->wording, item->id);
  g_autofree char *progress = NULL;
  GtkWidget *child, *first = NULL;
  int chosen = -1;

  /* Translators: "Question 3 of 42". */
  progress = g_strdup_printf (_("Question %u of %u"), self->item + 1, self->instrument->items->len);
  gtk_label_set_text (self->progress_label, progress);
  gtk_label_set_text (self->question_label, w->question);
  vastus_response_get_answer (self->response, item->id, &chosen);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->answer_box))) != NULL)
    gtk_box_remove (self->answer_box, child);
  for (guint i = 0; i < item->n_points; i++)
    {
      g_autofree char *text = answer_label (item, w, i);
      GtkWidget *button = gtk_toggle_button_new_with_label (text);
      GtkWidget *label = gtk_button_get_child (GTK_BUTTON (button));

      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_add_css_class (button, "answer");
      gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (button), chosen == item->points[i]);
      g_object_set_data (G_OBJECT (button), "position", GUINT_TO_POINTER (i));
      g_signal_connect (button, "clicked", G_CALLBACK (answer_clicked_cb), self);
      gtk_box_append (self->answer_box, button);
      if (first == NULL || chosen == item->points[i])
        first = button;
    }
  gtk_widget_set_sensitive (GTK_WIDGET (self->back_button), self->item > 0);
  gtk_button_set_label (self->next_button, self->item + 1 < self->instrument->items->len
                                           ? _("_Next")
                                           /* Translators: a button (verb) on a questionnaire's
                                            * last item, where the patient answers alone: ends
                                            * the questionnaire */
                                           : _("_Finish"));
  gtk_stack_set_visible_child_name (self->stack, "item");
  if (first != NULL)
    gtk_widget_grab_focus (first);
}

/* Locking */

static void
lock_application (VastusPatientMode *self)
{
  g_auto(GStrv) names = NULL;

  if (self->app == NULL)
    return;
  names = g_action_group_list_actions (G_ACTION_GROUP (self->app));
  for (guint i = 0; names[i] != NULL; i++)
    {
      GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self->app), names[i]);

      if (G_IS_SIMPLE_ACTION (action) && g_action_get_enabled (action))
        {
          g_simple_action_set_enabled (G_SIMPLE_ACTION (action), FALSE);
          g_ptr_array_add (self->disabled_actions, g_strdup (names[i]));
        }
    }
  /* The list is the most recently focused first: kept the other way round, to show them
   * again in the order they were stacked. */
  for (GList *l = g_list_last (gtk_application_get_windows (self->app)); l != NULL; l = l->prev)
    {
      if (l->data == self)
        continue;
      if (gtk_widget_get_sensitive (l->data))
        {
          /* Nothing of the record keeps the focus (nor types behind the patient's back). */
          gtk_window_set_focus (l->data, NULL);
          gtk_widget_set_sensitive (l->data, FALSE);
          g_ptr_array_add (self->disabled_windows, g_object_ref (l->data));
        }
      /* Nor can be brought up (Alt+Tab, the window list) or read by a screen reader. */
      if (gtk_widget_get_visible (l->data))
        {
          gtk_widget_set_visible (l->data, FALSE);
          g_ptr_array_add (self->hidden_windows, g_object_ref (l->data));
        }
    }
}

static void
unlock_application (VastusPatientMode *self)
{
  for (guint i = 0; self->app != NULL && i < self->disabled_actions->len; i++)
    {
      GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self->app),
                                                    g_ptr_array_index (self->disabled_actions, i));

      if (G_IS_SIMPLE_ACTION (action))
        g_simple_action_set_enabled (G_SIMPLE_ACTION (action), TRUE);
    }
  g_ptr_array_set_size (self->disabled_actions, 0);
  for (guint i = 0; i < self->disabled_windows->len; i++)
    gtk_widget_set_sensitive (g_ptr_array_index (self->disabled_windows, i), TRUE);
  g_ptr_array_set_size (self->disabled_windows, 0);
  for (guint i = 0; i < self->hidden_windows->len; i++)
    gtk_window_present (g_ptr_array_index (self->hidden_windows, i));
  g_ptr_array_set_size (self->hidden_windows, 0);
}

/* Callbacks */

static void
back_clicked_cb (VastusPatientMode *self)
{
  if (self->item > 0)
    {
      self->item--;
      show_item (self);
    }
}

static void
next_clicked_cb (VastusPatientMode *self)
{
  if (self->item + 1 < self->instrument->items->len)
    {
      self->item++;
      show_item (self);
      return;
    }
  gtk_stack_set_visible_child_name (self->stack, "done");
}

static void
clinician_clicked_cb (VastusPatientMode *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->pin_entry), "");
  gtk_label_set_text (self->unlock_message, "");
  gtk_stack_set_visible_child_name (self->stack, "unlock");
  gtk_widget_grab_focus (GTK_WIDGET (self->pin_entry));
}

static void
unlock_activated_cb (VastusPatientMode *self)
{
  vastus_patient_mode_unlock (self, gtk_editable_get_text (GTK_EDITABLE (self->pin_entry)));
}

static void
unlock_back_clicked_cb (VastusPatientMode *self)
{
  show_item (self);
}

static gboolean
close_request_cb (GtkWindow *window)
{
  /* Locked: only the clinician's PIN ends the mode. */
  return VASTUS_PATIENT_MODE (window)->locked;
}

/* GObject */

static void
vastus_patient_mode_dispose (GObject *object)
{
  VastusPatientMode *self = VASTUS_PATIENT_MODE (object);

  g_cancellable_cancel (self->checking);
  g_clear_object (&self->checking);
  if (self->locked)
    unlock_application (self);
  self->locked = FALSE;
  gtk_widget_dispose_template (GTK_WIDGET (object), VASTUS_TYPE_PATIENT_MODE);
  G_OBJECT_CLASS (vastus_patient_mode_parent_class)->dispose (object);
}

static void
vastus_patient_mode_finalize (GObject *object)
{
  VastusPatientMode *self = VASTUS_PATIENT_MODE (object);

  g_clear_object (&self->clinic);
  g_clear_object (&self->app);
  vastus_wording_free (self->wording);
  vastus_response_free (self->response);
  g_ptr_array_unref (self->disabled_actions);
  g_ptr_array_unref (self->disabled_windows);
  g_ptr_array_unref (self->hidden_windows);
  G_OBJECT_CLASS (vastus_patient_mode_parent_class)->finalize (object);
}

static void
vastus_patient_mode_class_init (VastusPatientModeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = vastus_patient_mode_dispose;
  object_class->finalize = vastus_patient_mode_finalize;
  window_class->close_request = close_request_cb;

  signals[FINISHED] = g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                    NULL, NULL, NULL, G_TYPE_NONE, 1, VASTUS_TYPE_RESPONSE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/vastus/Vastus/vastus-patient-mode.ui");
  gtk_widget_class_bind_template_child (widget_class, VastusPatientMode, answer_box);
  gtk_widget_class_bind_template_child (widget_class, VastusPatientMode, back_button);
  gtk_widget_class_bind_template_child (widget_class, VastusPatientMode, next_button);
  gtk_widget_class_bind_template_child (widget_class, VastusPatientMode, pin_entry);
  gtk_widget_class_bind_template_child (widget_class, VastusPatientMode, progress_label);
  gtk_widget_class_bind_template_child (widget_class, VastusPatientMode, question_label);
  gtk_widget_class_bind_template_child (widget_class, VastusPatientMode, stack);
  gtk_widget_class_bind_template_child (widget_class, VastusPatientMode, unlock_message);
  gtk_widget_class_bind_template_callback (widget_class, back_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, clinician_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, next_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, unlock_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, unlock_back_clicked_cb);
}

static void
vastus_patient_mode_init (VastusPatientMode *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->disabled_actions = g_ptr_array_new_with_free_func (g_free);
  self->disabled_windows = g_ptr_array_new_with_free_func (g_object_unref);
  self->hidden_windows = g_ptr_array_new_with_free_func (g_object_unref);
}

/* Public API */

GtkWidget *
vastus_patient_mode_new (VastusClinic           *clinic,
                         const VastusInstrument *instrument,
                         const VastusWording    *wording,
                         const VastusResponse   *start)
{
  VastusPatientMode *self;

  g_return_val_if_fail (instrument != NULL && wording != NULL, NULL);

  self = g_object_new (VASTUS_TYPE_PATIENT_MODE, NULL);
  self->clinic = clinic != NULL ? g_object_ref (clinic) : NULL;
  self->instrument = instrument;
  self->wording = vastus_wording_new (wording->instrument);
  for (guint i = 0; i < wording->items->len; i++)
    {
      const VastusItemWording *w = g_ptr_array_index (wording->items, i);

      vastus_wording_add (self->wording, w->item, w->question, (const char * const *) w->answers);
    }
  self->response = start != NULL ? vastus_response_copy (start) : vastus_response_new (instrument->id);
  self->response->entered_by = VASTUS_ENTERED_BY_PATIENT;
  /* The instrument's name only: nothing of the patient or the record. */
  gtk_window_set_title (GTK_WINDOW (self), instrument->title);
  show_item (self);
  return GTK_WIDGET (self);
}

void
vastus_patient_mode_lock (VastusPatientMode *self,
                          GtkApplication    *app)
{
  g_return_if_fail (VASTUS_IS_PATIENT_MODE (self));

  g_set_object (&self->app, app);
  if (app != NULL)
    gtk_application_add_window (app, GTK_WINDOW (self));
  self->locked = TRUE;
  lock_application (self);
  gtk_window_set_modal (GTK_WINDOW (self), TRUE);
  gtk_window_fullscreen (GTK_WINDOW (self));
  gtk_window_present (GTK_WINDOW (self));
}

gboolean
vastus_patient_mode_is_locked (VastusPatientMode *self)
{
  g_return_val_if_fail (VASTUS_IS_PATIENT_MODE (self), FALSE);
  return self->locked;
}

static void
pin_checked_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(VastusPatientMode) self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean matches = FALSE;

  vastus_clinic_check_pin_finish (VASTUS_CLINIC (source), result, &matches, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->checking);
  gtk_widget_set_sensitive (GTK_WIDGET (self->pin_entry), TRUE);
  if (!matches)
    {
      if (error != NULL)
        g_message ("Cannot check the PIN: %s", error->message);
      gtk_label_set_text (self->unlock_message, _("That is not the clinic PIN."));
      gtk_editable_set_text (GTK_EDITABLE (self->pin_entry), "");
      gtk_widget_grab_focus (GTK_WIDGET (self->pin_entry));
      gtk_widget_error_bell (GTK_WIDGET (self));
      return;
    }
  self->locked = FALSE;
  /* Gone before the record's windows come back, so that the window manager hands the focus to
   * the last of them shown (the one on top when the patient took the device), never to
   * whichever it remembers from before the patient mode. */
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
  unlock_application (self);
  g_signal_emit (self, signals[FINISHED], 0, self->response);
  gtk_window_destroy (GTK_WINDOW (self));
}

void
vastus_patient_mode_unlock (VastusPatientMode *self,
                            const char        *pin)
{
  g_return_if_fail (VASTUS_IS_PATIENT_MODE (self));
  g_return_if_fail (pin != NULL);

  if (self->checking != NULL)
    return;
  if (self->clinic == NULL)
    {
      gtk_label_set_text (self->unlock_message, _("That is not the clinic PIN."));
      return;
    }
  /* Checked on the clinic's workers (the hash takes a while on purpose). */
  gtk_label_set_text (self->unlock_message, "");
  gtk_widget_set_sensitive (GTK_WIDGET (self->pin_entry), FALSE);
  self->checking = g_cancellable_new ();
  vastus_clinic_check_pin_async (self->clinic, pin, self->checking, pin_checked_cb,
                                 g_object_ref (self));
}

gboolean
vastus_patient_mode_get_checking (VastusPatientMode *self)
{
  g_return_val_if_fail (VASTUS_IS_PATIENT_MODE (self), FALSE);
  return self->checking != NULL;
}

guint
vastus_patient_mode_get_item (VastusPatientMode *self)
{
  g_return_val_if_fail (VASTUS_IS_PATIENT_MODE (self), 0);
  return self->item;
}

void
vastus_patient_mode_choose (VastusPatientMode *self,
                            guint              position)
{
  const VastusItem *item;

  g_return_if_fail (VASTUS_IS_PATIENT_MODE (self));
  item = current_item (self);
  g_return_if_fail (position < item->n_points);

  vastus_response_set_answer (self->response, item->id, item->points[position]);
  next_clicked_cb (self);
}

const VastusResponse *
vastus_patient_mode_get_response (VastusPatientMode *self)
{
  g_return_val_if_fail (VASTUS_IS_PATIENT_MODE (self), NULL);
  return self->response;
}
