/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vastus-questionnaire-window"

#include "config.h"

#include "vastus-i18n.h"
#include <math.h>

#include "vastus-clinic-questionnaires.h"
#include "vastus-patient-mode.h"
#include "vastus-questionnaire-window.h"

struct _VastusQuestionnaireWindow
{
  AdwWindow               parent_instance;

  VastusClinic           *clinic;         /* NULL: no clinic settings */
  GHashTable             *responses;      /* instrument id → VastusResponse*, as edited */
  const VastusInstrument *instrument;
  const VastusWording    *wording;        /* of the instrument shown (the clinic's); NULL: none
                                           * loaded */
  gboolean                has_pin;
  GPtrArray              *rows;           /* GtkListBoxRow*, one per item */
  GPtrArray              *answer_labels;  /* GtkLabel*, one per item */
  GPtrArray              *scale_labels;   /* GtkLabel*, one per scale */
  GString                *typed;          /* digits of the item at the cursor, not an answer yet */
  guint                   cursor;
  char                   *message;

  GtkLabel               *hint_label;
  GtkButton              *patient_button;
  GtkDropDown            *instrument_dropdown;
  GtkListBox             *item_list;
  GtkBox                 *score_box;
  GtkScrolledWindow      *scroller;
};

G_DEFINE_FINAL_TYPE (VastusQuestionnaireWindow, vastus_questionnaire_window, ADW_TYPE_WINDOW)

enum { APPLIED, N_SIGNALS };
static guint signals[N_SIGNALS];

static void show_instrument (VastusQuestionnaireWindow *self);

/* The clinic's wording and whether it has a PIN: the clinic reads them in the background and
 * keeps them (vastus-clinic-questionnaires.h); the window follows when they change. */
static void
load_clinic_settings (VastusQuestionnaireWindow *self)
{
  VastusQuestionnaireSettings *settings = self->clinic != NULL
                                          ? vastus_clinic_get_questionnaire_settings (self->clinic)
                                          : NULL;

  self->wording = settings != NULL
                  ? vastus_questionnaire_settings_get_wording (settings, self->instrument->id)
                  : NULL;
  self->has_pin = settings != NULL && vastus_questionnaire_settings_has_pin (settings);
}

/* Helpers */

static VastusResponse *
current_response (VastusQuestionnaireWindow *self)
{
  VastusResponse *r = g_hash_table_lookup (self->responses, self->instrument->id);

  if (r == NULL)
    {
      r = vastus_response_new (self->instrument->id);
      g_hash_table_insert (self->responses, r->instrument, r);
    }
  return r;
}

static const VastusItem *
item_at (VastusQuestionnaireWindow *self,
         guint                      index)
{
  return g_ptr_array_index (self->instrument->items, index);
}

static void
set_message (VastusQuestionnaireWindow *self,
             const char                *message)
{
  g_free (self->message);
  self->message = g_strdup (message != NULL ? message : "");
  if (message != NULL && *message != '\0')
    gtk_label_set_text (self->hint_label, message);
  else if (self->wording != NULL)
    gtk_label_set_text (self->hint_label,
                        _("Type the points of each answer: a digit that completes an answer moves "
                          "to the next item. Backspace clears; Up and Down move."));
  else
    gtk_label_set_text (self->hint_label,
                        _("Type the points of each answer from the paper form: a digit that "
                          "completes an answer moves to the next item. Backspace clears; Up and "
                          "Down move. The items show their number and topic: the clinic has not "
                          "loaded this questionnaire’s wording (Preferences)."));
}

static void
update_scores (VastusQuestionnaireWindow *self)
{
  g_autoptr(GArray) scores = vastus_response_score (current_response (self));

  for (guint i = 0; i < scores->len && i < self->scale_labels->len; i++)
    {
      const VastusScaleScore *s = &g_array_index (scores, VastusScaleScore, i);
      GtkWidget *label = g_ptr_array_index (self->scale_labels, i);
      g_autofree char *text = vastus_scale_score_describe (s);

      gtk_label_set_text (GTK_LABEL (label), text);
      /* The missing-item rule bites: answered, but too few. */
      if (isnan (s->value) && s->n_answered > 0)
        gtk_widget_add_css_class (label, "warning");
      else
        gtk_widget_remove_css_class (label, "warning");
    }
}

static void
update_row (VastusQuestionnaireWindow *self,
            guint                      index)
{
  const VastusItem *item = item_at (self, index);
  GtkLabel *label = g_ptr_array_index (self->answer_labels, index);
  g_autofree char *accessible = NULL;
  g_autofree char *text = NULL;
  int points;

  if (index == self->cursor && self->typed->len > 0)
    text = g_strdup_printf ("%s…", self->typed->str);
  else if (vastus_response_get_answer (current_response (self), item->id, &points))
    text = g_strdup_printf ("%d", points);
  else
    text = g_strdup ("—");
  gtk_label_set_text (label, text);
  /* Translators: what a screen reader says of a row: "P1, How often pain: 2". */
  accessible = g_strdup_printf (_("%s, %s: %s"), item->id, vastus_item_get_topic (item), text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (g_ptr_array_index (self->rows, index)),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
}

static void
move_to (VastusQuestionnaireWindow *self,
         guint                      index)
{
  guint old = self->cursor;

  if (index >= self->rows->len)
    return;
  g_string_truncate (self->typed, 0);
  self->cursor = index;
  update_row (self, old);
  update_row (self, index);
  gtk_widget_grab_focus (g_ptr_array_index (self->rows, index));
}

static void
commit (VastusQuestionnaireWindow *self,
        int                        points)
{
  const VastusItem *item = item_at (self, self->cursor);

  vastus_response_set_answer (current_response (self), item->id, points);
  g_string_truncate (self->typed, 0);
  update_row (self, self->cursor);
  update_scores (self);
  if (self->cursor + 1 < self->rows->len)
    move_to (self, self->cursor + 1);
}

/* Whether some answer of @item starts with @text (in decimal); *@exact when one is @text and
 * *@longer when another continues it. */
static gboolean
prefix_of_answer (const VastusItem *item,
                  const char       *text,
                  int              *exact,
                  gboolean         *longer)
{
  gboolean any = FALSE;

  *exact = -1;
  *longer = FALSE;
  for (guint i = 0; i < item->n_points; i++)
    {
      char buf[16];

      g_snprintf (buf, sizeof buf, "%d", item->points[i]);
      if (!g_str_has_prefix (buf, text))
        continue;
      any = TRUE;
      if (g_str_equal (buf, text))
        *exact = item->points[i];
      else
        *longer = TRUE;
    }
  return any;
}

static void
type_digit (VastusQuestionnaireWindow *self,
            char                       digit)
{
  const VastusItem *item = item_at (self, self->cursor);
  g_autofree char *candidate = g_strdup_printf ("%s%c", self->typed->str, digit);
  gboolean longer;
  int exact;

  if (prefix_of_answer (item, candidate, &exact, &longer))
    {
      set_message (self, NULL);
      if (exact >= 0 && !longer)
        commit (self, exact);
      else
        {
          g_string_append_c (self->typed, digit);
          update_row (self, self->cursor);
        }
      return;
    }
  /* What was typed is an answer on its own, and the digit starts the next item's. */
  if (self->typed->len > 0 && prefix_of_answer (item, self->typed->str, &exact, &longer) && exact >= 0)
    {
      guint before = self->cursor;

      commit (self, exact);
      if (self->cursor != before)
        type_digit (self, digit);
      return;
    }
  {
    g_autofree char *takes = vastus_item_describe_points (item);
    g_autofree char *message = NULL;

    /* Translators: "P1 takes 0–4, not 7." */
    message = g_strdup_printf (_("%s takes %s, not %s."), item->id, takes, candidate);
    g_string_truncate (self->typed, 0);
    update_row (self, self->cursor);
    set_message (self, message);
    gtk_widget_error_bell (GTK_WIDGET (self));
  }
}

/* The digits typed so far, when they are an answer. */
static gboolean
commit_typed (VastusQuestionnaireWindow *self)
{
  gboolean longer;
  int exact;

  if (self->typed->len == 0)
    return FALSE;
  if (prefix_of_answer (item_at (self, self->cursor), self->typed->str, &exact, &longer) && exact >= 0)
    {
      commit (self, exact);
      return TRUE;
    }
  return FALSE;
}

static void
clear_answer (VastusQuestionnaireWindow *self)
{
  vastus_response_clear_answer (current_response (self), item_at (self, self->cursor)->id);
  update_row (self, self->cursor);
  update_scores (self);
}

/* Callbacks */

static gboolean
key_pressed_cb (GtkEventControllerKey     *controller,
                guint                      keyval,
                guint                      keycode,
                GdkModifierType            state,
                VastusQuestionnaireWindow *self)
{
  gunichar c = gdk_keyval_to_unicode (keyval);

  if (state & (GDK_CONTROL_MASK | GDK_ALT_MASK))
    return FALSE;
  if (c >= '0' && c <= '9')
    {
      type_digit (self, (char) c);
      return TRUE;
    }
  switch (keyval)
    {
    case GDK_KEY_BackSpace:
      if (self->typed->len > 0)
        {
          g_string_truncate (self->typed, self->typed->len - 1);
          update_row (self, self->cursor);
        }
      else if (vastus_response_get_answer (current_response (self), item_at (self, self->cursor)->id, NULL))
        clear_answer (self);
      else if (self->cursor > 0)
        {
          move_to (self, self->cursor - 1);
          clear_answer (self);
        }
      return TRUE;
    case GDK_KEY_Delete:
    case GDK_KEY_KP_Delete:
      g_string_truncate (self->typed, 0);
      clear_answer (self);
      return TRUE;
    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
    case GDK_KEY_space:
      if (!commit_typed (self))
        move_to (self, self->cursor + 1);
      return TRUE;
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      move_to (self, self->cursor + 1);
      return TRUE;
    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      if (self->cursor > 0)
        move_to (self, self->cursor - 1);
      return TRUE;
    case GDK_KEY_Home:
      move_to (self, 0);
      return TRUE;
    case GDK_KEY_End:
      move_to (self, self->rows->len - 1);
      return TRUE;
    default:
      return FALSE;
    }
}

static void
row_activated_cb (GtkListBox                *list,
                  GtkListBoxRow             *row,
                  VastusQuestionnaireWindow *self)
{
  move_to (self, (guint) gtk_list_box_row_get_index (row));
}

static void
instrument_changed_cb (VastusQuestionnaireWindow *self)
{
  guint index = gtk_drop_down_get_selected (self->instrument_dropdown);

  if (index < vastus_instruments_get_n () && vastus_instruments_get_nth (index) != self->instrument)
    {
      self->instrument = vastus_instruments_get_nth (index);
      show_instrument (self);
    }
}

static void
patient_finished_cb (VastusQuestionnaireWindow *self,
                     VastusResponse            *response)
{
  VastusResponse *copy = vastus_response_copy (response);

  copy->entered_by = VASTUS_ENTERED_BY_PATIENT;
  g_hash_table_replace (self->responses, copy->instrument, copy);
  show_instrument (self);
}

static void
hand_to_patient_action_cb (GtkWidget  *widget,
                           const char *action,
                           GVariant   *parameter)
{
  VastusQuestionnaireWindow *self = VASTUS_QUESTIONNAIRE_WINDOW (widget);
  GtkWidget *mode;

  if (self->wording == NULL || !self->has_pin)
    return;
  mode = vastus_patient_mode_new (self->clinic, self->instrument, self->wording,
                                  current_response (self));
  g_signal_connect_object (mode, "finished", G_CALLBACK (patient_finished_cb), self, G_CONNECT_SWAPPED);
  vastus_patient_mode_lock (VASTUS_PATIENT_MODE (mode),
                            GTK_APPLICATION (g_application_get_default ()));
}

static void
clear_action_cb (GtkWidget  *widget,
                 const char *action,
                 GVariant   *parameter)
{
  VastusQuestionnaireWindow *self = VASTUS_QUESTIONNAIRE_WINDOW (widget);
  VastusResponse *r = current_response (self);

  g_ptr_array_set_size (r->answers, 0);
  show_instrument (self);
}

static void
apply_action_cb (GtkWidget  *widget,
                 const char *action,
                 GVariant   *parameter)
{
  VastusQuestionnaireWindow *self = VASTUS_QUESTIONNAIRE_WINDOW (widget);
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func ((GDestroyNotify) vastus_response_free);
  GHashTableIter iter;
  gpointer value;

  commit_typed (self);
  g_hash_table_iter_init (&iter, self->responses);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_ptr_array_add (out, vastus_response_copy (value));
  g_signal_emit (self, signals[APPLIED], 0, out);
  gtk_window_close (GTK_WINDOW (self));
}

/* Building the grid of the instrument shown */

static void
show_instrument (VastusQuestionnaireWindow *self)
{
  GtkWidget *child;
  g_autoptr(GArray) scores = NULL;
  gboolean can_hand;

  load_clinic_settings (self);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->item_list))) != NULL)
    gtk_list_box_remove (self->item_list, child);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->score_box))) != NULL)
    gtk_box_remove (self->score_box, child);
  g_ptr_array_set_size (self->rows, 0);
  g_ptr_array_set_size (self->answer_labels, 0);
  g_ptr_array_set_size (self->scale_labels, 0);
  g_string_truncate (self->typed, 0);
  self->cursor = 0;

  for (guint i = 0; i < self->instrument->items->len; i++)
    {
      const VastusItem *item = item_at (self, i);
      const VastusItemWording *w = self->wording != NULL ? vastus_wording_find (self->wording, item->id) : NULL;
      GtkWidget *row = gtk_list_box_row_new ();
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
      GtkWidget *id = gtk_label_new (item->id);
      GtkWidget *text = gtk_label_new (w != NULL ? w->question : vastus_item_get_topic (item));
      GtkWidget *answer = gtk_label_new ("—");
      g_autofree char *takes = vastus_item_describe_points (item);

      gtk_widget_set_margin_start (box, 12);
      gtk_widget_set_margin_end (box, 12);
      gtk_widget_set_margin_top (box, 4);
      gtk_widget_set_margin_bottom (box, 4);
      gtk_label_set_width_chars (GTK_LABEL (id), 5);
      gtk_label_set_xalign (GTK_LABEL (id), 0);
      gtk_widget_add_css_class (id, "numeric");
      gtk_widget_add_css_class (id, "dim-label");
      gtk_label_set_xalign (GTK_LABEL (text), 0);
      gtk_label_set_wrap (GTK_LABEL (text), TRUE);
      gtk_widget_set_hexpand (text, TRUE);
      gtk_widget_set_tooltip_text (row, takes);
      gtk_label_set_width_chars (GTK_LABEL (answer), 4);
      gtk_label_set_xalign (GTK_LABEL (answer), 1);
      gtk_widget_add_css_class (answer, "numeric");
      gtk_widget_add_css_class (answer, "title-4");
      gtk_box_append (GTK_BOX (box), id);
      gtk_box_append (GTK_BOX (box), text);
      gtk_box_append (GTK_BOX (box), answer);
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
      gtk_list_box_append (self->item_list, row);
      g_ptr_array_add (self->rows, row);
      g_ptr_array_add (self->answer_labels, answer);
    }
  for (guint i = 0; i < self->instrument->items->len; i++)
    update_row (self, i);

  scores = vastus_response_score (current_response (self));
  for (guint i = 0; i < self->instrument->scales->len; i++)
    {
      GtkWidget *label = gtk_label_new (NULL);

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_box_append (self->score_box, label);
      g_ptr_array_add (self->scale_labels, label);
    }
  update_scores (self);
  set_message (self, NULL);

  can_hand = self->wording != NULL && self->has_pin;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "questionnaire.hand-to-patient", can_hand);
  /* Why it cannot be handed over, where one looks for it. */
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->patient_button),
                               can_hand ? _("The patient fills it in, full screen; the clinician unlocks "
                                            "with the clinic PIN")
                               : self->wording == NULL ? _("The clinic has not loaded this questionnaire’s "
                                                           "wording (Preferences)")
                               : _("Set a clinic PIN in Preferences first: it ends the patient mode"));
  if (self->rows->len > 0)
    gtk_widget_grab_focus (g_ptr_array_index (self->rows, 0));
}

/* GObject */

static void
vastus_questionnaire_window_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), VASTUS_TYPE_QUESTIONNAIRE_WINDOW);
  G_OBJECT_CLASS (vastus_questionnaire_window_parent_class)->dispose (object);
}

static void
vastus_questionnaire_window_finalize (GObject *object)
{
  VastusQuestionnaireWindow *self = VASTUS_QUESTIONNAIRE_WINDOW (object);

  g_clear_object (&self->clinic);
  g_hash_table_unref (self->responses);
  g_ptr_array_unref (self->rows);
  g_ptr_array_unref (self->answer_labels);
  g_ptr_array_unref (self->scale_labels);
  g_string_free (self->typed, TRUE);
  g_free (self->message);
  G_OBJECT_CLASS (vastus_questionnaire_window_parent_class)->finalize (object);
}

static void
vastus_questionnaire_window_class_init (VastusQuestionnaireWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = vastus_questionnaire_window_dispose;
  object_class->finalize = vastus_questionnaire_window_finalize;

  /* The answers of every instrument touched (of VastusResponse*; one with no answers clears
   * that questionnaire). */
  signals[APPLIED] = g_signal_new ("applied", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_PTR_ARRAY);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/vastus/Vastus/vastus-questionnaire-window.ui");
  gtk_widget_class_bind_template_child (widget_class, VastusQuestionnaireWindow, hint_label);
  gtk_widget_class_bind_template_child (widget_class, VastusQuestionnaireWindow, instrument_dropdown);
  gtk_widget_class_bind_template_child (widget_class, VastusQuestionnaireWindow, item_list);
  gtk_widget_class_bind_template_child (widget_class, VastusQuestionnaireWindow, patient_button);
  gtk_widget_class_bind_template_child (widget_class, VastusQuestionnaireWindow, score_box);
  gtk_widget_class_bind_template_child (widget_class, VastusQuestionnaireWindow, scroller);

  gtk_widget_class_install_action (widget_class, "questionnaire.apply", NULL, apply_action_cb);
  gtk_widget_class_install_action (widget_class, "questionnaire.clear", NULL, clear_action_cb);
  gtk_widget_class_install_action (widget_class, "questionnaire.hand-to-patient", NULL,
                                   hand_to_patient_action_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
vastus_questionnaire_window_init (VastusQuestionnaireWindow *self)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  GtkEventController *keys;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->responses = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                           (GDestroyNotify) vastus_response_free);
  self->rows = g_ptr_array_new ();
  self->answer_labels = g_ptr_array_new ();
  self->scale_labels = g_ptr_array_new ();
  self->typed = g_string_new (NULL);
  self->message = g_strdup ("");

  for (guint i = 0; i < vastus_instruments_get_n (); i++)
    gtk_string_list_append (names, vastus_instruments_get_nth (i)->name);
  gtk_drop_down_set_model (self->instrument_dropdown, G_LIST_MODEL (names));

  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->item_list), keys);
  g_signal_connect (self->item_list, "row-activated", G_CALLBACK (row_activated_cb), self);
}

/* Public API */

GtkWidget *
vastus_questionnaire_window_new (VastusClinic *clinic,
                                 GPtrArray    *responses,
                                 const char   *instrument)
{
  VastusQuestionnaireWindow *self = g_object_new (VASTUS_TYPE_QUESTIONNAIRE_WINDOW, NULL);

  self->clinic = clinic != NULL ? g_object_ref (clinic) : NULL;
  if (clinic != NULL)
    g_signal_connect_object (vastus_clinic_get_questionnaire_settings (clinic), "changed",
                             G_CALLBACK (show_instrument), self, G_CONNECT_SWAPPED);
  for (guint i = 0; responses != NULL && i < responses->len; i++)
    {
      VastusResponse *copy = vastus_response_copy (g_ptr_array_index (responses, i));

      g_hash_table_replace (self->responses, copy->instrument, copy);
    }
  self->instrument = vastus_instrument_lookup (instrument);
  if (self->instrument == NULL)
    self->instrument = vastus_instruments_get_nth (0);
  for (guint i = 0; i < vastus_instruments_get_n (); i++)
    if (vastus_instruments_get_nth (i) == self->instrument)
      gtk_drop_down_set_selected (self->instrument_dropdown, i);
  show_instrument (self);
  g_signal_connect_swapped (self->instrument_dropdown, "notify::selected",
                            G_CALLBACK (instrument_changed_cb), self);
  return GTK_WIDGET (self);
}

const char *
vastus_questionnaire_window_get_instrument (VastusQuestionnaireWindow *self)
{
  g_return_val_if_fail (VASTUS_IS_QUESTIONNAIRE_WINDOW (self), NULL);
  return self->instrument->id;
}

void
vastus_questionnaire_window_set_instrument (VastusQuestionnaireWindow *self,
                                            const char                *instrument)
{
  g_return_if_fail (VASTUS_IS_QUESTIONNAIRE_WINDOW (self));

  for (guint i = 0; i < vastus_instruments_get_n (); i++)
    if (g_str_equal (vastus_instruments_get_nth (i)->id, instrument))
      gtk_drop_down_set_selected (self->instrument_dropdown, i);
}

const VastusResponse *
vastus_questionnaire_window_get_response (VastusQuestionnaireWindow *self)
{
  g_return_val_if_fail (VASTUS_IS_QUESTIONNAIRE_WINDOW (self), NULL);
  return current_response (self);
}

guint
vastus_questionnaire_window_get_cursor (VastusQuestionnaireWindow *self)
{
  g_return_val_if_fail (VASTUS_IS_QUESTIONNAIRE_WINDOW (self), 0);
  return self->cursor;
}

const char *
vastus_questionnaire_window_get_scale_text (VastusQuestionnaireWindow *self,
                                            guint                      index)
{
  g_return_val_if_fail (VASTUS_IS_QUESTIONNAIRE_WINDOW (self), NULL);
  g_return_val_if_fail (index < self->scale_labels->len, NULL);
  return gtk_label_get_text (g_ptr_array_index (self->scale_labels, index));
}

const char *
vastus_questionnaire_window_get_message (VastusQuestionnaireWindow *self)
{
  g_return_val_if_fail (VASTUS_IS_QUESTIONNAIRE_WINDOW (self), NULL);
  return self->message;
}
