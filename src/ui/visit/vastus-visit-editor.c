/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vastus-visit-editor"

#include "config.h"

#include "vastus-i18n.h"
#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>

#include "vastus-bar-box.h"
#include "vastus-date-row.h"
#include "vastus-display.h"
#include "vastus-history.h"
#include "vastus-model-error.h"
#include "vastus-safety.h"
#include "vastus-validate.h"
#include "vastus-value.h"
#include "vastus-questionnaire-window.h"
#include "vastus-visit-draft.h"
#include "vastus-visit-editor-private.h"
#include "vastus-tooltip.h"

G_DEFINE_FINAL_TYPE (VastusVisitEditor, vastus_visit_editor, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_MODIFIED,
  N_PROPS
};

enum {
  SAVED,
  CANCELLED,
  STAYED,
  N_SIGNALS
};

static GParamSpec *properties [N_PROPS];
static guint signals [N_SIGNALS];


/* Helpers */

void
_vastus_visit_editor_set_modified (VastusVisitEditor *self,
                                   gboolean           modified)
{
  /* Each change restarts the draft's wait; once saved or discarded there is nothing to keep. */
  if (modified)
    vastus_visit_draft_schedule (self->draft);
  else
    vastus_visit_draft_cancel (self->draft);
  if (self->modified == modified)
    return;
  self->modified = modified;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODIFIED]);
}

GtkCheckButton *
_vastus_visit_editor_finding_check (VastusVisitEditor *self,
                                    VastusFinding      finding)
{
  switch (finding)
    {
    case VASTUS_FINDING_NO_SLR: return self->no_slr_check;
    case VASTUS_FINDING_NERVE_BLOCK: return self->nerve_block_check;
    case VASTUS_FINDING_DVT_SIGNS: return self->dvt_check;
    case VASTUS_FINDING_INFECTION_SIGNS: return self->infection_check;
    case VASTUS_FINDING_NONE:
    case VASTUS_FINDING_ALL:
    default: return NULL;
    }
}

const VastusFinding _vastus_visit_editor_findings[VASTUS_VISIT_EDITOR_N_FINDINGS] = {
  VASTUS_FINDING_NO_SLR, VASTUS_FINDING_NERVE_BLOCK,
  VASTUS_FINDING_DVT_SIGNS, VASTUS_FINDING_INFECTION_SIGNS,
};


/* Callbacks */

static void
field_changed_cb (VastusVisitEditor *self)
{
  if (self->loading || self->disposing)
    return;
  if (gtk_check_button_get_active (self->visit_confirm_check))
    gtk_check_button_set_active (self->visit_confirm_check, FALSE);
  _vastus_visit_editor_set_modified (self, TRUE);
}

void
_vastus_visit_editor_row_changed_cb (VastusVisitEditor *self)
{
  if (self->loading || self->disposing)
    return;
  _vastus_visit_editor_set_modified (self, TRUE);
  _vastus_visit_editor_update_subtitles (self);
}

void
_vastus_visit_editor_committed_cb (VastusVisitEditor *self)
{
  _vastus_visit_editor_revalidate (self);
}

void
_vastus_visit_editor_input_activated_cb (VastusVisitEditor *self,
                                         GtkWidget         *input)
{
  _vastus_visit_editor_focus_next (self, input);
}

static void
header_activated_cb (AdwEntryRow       *row,
                     VastusVisitEditor *self)
{
  _vastus_visit_editor_revalidate (self);
  _vastus_visit_editor_focus_next (self, GTK_WIDGET (row));
}

static void
baseline_toggled_cb (VastusVisitEditor *self)
{
  if (self->loading || self->disposing)
    return;
  self->baseline_dirty = TRUE;
  _vastus_visit_editor_set_modified (self, TRUE);
}

static void
finding_toggled_cb (VastusVisitEditor *self)
{
  if (self->loading || self->disposing)
    return;
  _vastus_visit_editor_set_modified (self, TRUE);
  _vastus_visit_editor_revalidate (self);
}

static void
save_action_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  VastusVisitEditor *self = VASTUS_VISIT_EDITOR (widget);

  /* Problems are shown on the fields and in the status line; the result of storing in a toast. */
  vastus_visit_editor_save (self, NULL);
}

static void
cancel_action_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  vastus_visit_editor_close (VASTUS_VISIT_EDITOR (widget));
}

static void
close_response_cb (AdwMessageDialog  *dialog,
                   const char        *response,
                   VastusVisitEditor *self)
{
  /* Answered once: the next close asks anew. */
  g_signal_handlers_disconnect_by_func (dialog, close_response_cb, self);
  g_clear_weak_pointer (&self->question);
  if (g_str_equal (response, "save"))
    {
      self->save_to_close = TRUE;
      /* A value to correct: the editor stays, the problem shown. */
      if (!vastus_visit_editor_save (self, NULL))
        {
          self->save_to_close = FALSE;
          g_signal_emit (self, signals[STAYED], 0);
        }
    }
  else if (g_str_equal (response, "discard"))
    {
      vastus_visit_draft_discard (self->draft);
      _vastus_visit_editor_set_modified (self, FALSE);
      g_signal_emit (self, signals[CANCELLED], 0);
    }
  else
    g_signal_emit (self, signals[STAYED], 0);
  g_object_unref (self);
}

static void
draft_discard_clicked_cb (VastusVisitEditor *self)
{
  gtk_revealer_set_reveal_child (self->draft_revealer, FALSE);
  vastus_visit_draft_discard (self->draft);
  _vastus_visit_editor_reset_form (self);
}

/* Overrides */

static void
vastus_visit_editor_root (GtkWidget *widget)
{
  VastusVisitEditor *self = VASTUS_VISIT_EDITOR (widget);

  GTK_WIDGET_CLASS (vastus_visit_editor_parent_class)->root (widget);
  g_set_weak_pointer (&self->watched_root, GTK_WIDGET (gtk_widget_get_root (widget)));
  if (GTK_IS_WINDOW (self->watched_root))
    g_signal_connect_object (self->watched_root, "notify::focus-widget",
                             G_CALLBACK (_vastus_visit_editor_focus_widget_cb), self,
                             G_CONNECT_SWAPPED);
}

static void
vastus_visit_editor_unroot (GtkWidget *widget)
{
  VastusVisitEditor *self = VASTUS_VISIT_EDITOR (widget);

  if (self->watched_root != NULL)
    g_signal_handlers_disconnect_by_func (self->watched_root, _vastus_visit_editor_focus_widget_cb,
                                          self);
  g_clear_weak_pointer (&self->watched_root);
  if (self->view_tick != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self->scrolled), self->view_tick);
  self->view_tick = 0;
  GTK_WIDGET_CLASS (vastus_visit_editor_parent_class)->unroot (widget);
}

/* The visit's date and clinician are filled in as it opens: the keyboard starts on the first
 * value to type, the first measure's (Shift+Tab goes back to the visit's fields). */
static gboolean
focus_first_idle_cb (gpointer user_data)
{
  VastusVisitEditor *self = user_data;
  GtkWidget *first = _vastus_visit_editor_first_value (self);
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func ((GDestroyNotify) vastus_problem_free);
  g_autoptr(VastusVisit) visit = _vastus_visit_editor_build_visit (self, problems);

  /* A second visit on a day with one is said before anything is typed, on the date. */
  if (self->original == NULL && _vastus_visit_editor_date_taken (self, &visit->date))
    {
      _vastus_visit_editor_revalidate (self);
      first = GTK_WIDGET (self->date_row);
    }

  if (first != NULL && gtk_widget_get_mapped (GTK_WIDGET (self)))
    gtk_widget_grab_focus (first);
  return G_SOURCE_REMOVE;
}

static void
vastus_visit_editor_map (GtkWidget *widget)
{
  VastusVisitEditor *self = VASTUS_VISIT_EDITOR (widget);

  GTK_WIDGET_CLASS (vastus_visit_editor_parent_class)->map (widget);
  /* Once the window has given the focus its first place. */
  if (!self->focused)
    {
      self->focused = TRUE;
      g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, focus_first_idle_cb, g_object_ref (self),
                       g_object_unref);
    }
}

static void
vastus_visit_editor_dispose (GObject *object)
{
  VastusVisitEditor *self = VASTUS_VISIT_EDITOR (object);

  /* What was typed and not written yet is written now (the draft reads the form first). */
  g_clear_pointer (&self->draft, vastus_visit_draft_free);
  g_clear_weak_pointer (&self->focus_before_saving);
  /* Its question goes with it, unanswered (the application quitting without asking): the
   * reference its answer would have dropped, dropped now. */
  if (self->question != NULL)
    {
      GtkWindow *question = self->question;

      g_clear_weak_pointer (&self->question);
      if (g_signal_handlers_disconnect_by_func (question, close_response_cb, self) > 0)
        g_object_unref (self);
      gtk_window_destroy (question);
    }
  self->disposing = TRUE;
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_cancellable_cancel (self->reading_responses);
  g_clear_object (&self->reading_responses);
  _vastus_visit_editor_battery_dispose (self);
  _vastus_visit_editor_lease_dispose (self);
  /* AdwBin would unparent its child a second time after the template did. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), VASTUS_TYPE_VISIT_EDITOR);
  g_clear_object (&self->clinic);
  G_OBJECT_CLASS (vastus_visit_editor_parent_class)->dispose (object);
}

static void
vastus_visit_editor_finalize (GObject *object)
{
  VastusVisitEditor *self = VASTUS_VISIT_EDITOR (object);

  g_clear_pointer (&self->patient, vastus_patient_free);
  g_clear_pointer (&self->episode, vastus_episode_free);
  g_clear_pointer (&self->previous, vastus_visit_free);
  g_clear_pointer (&self->original, vastus_visit_free);
  g_clear_pointer (&self->other_visits, g_ptr_array_unref);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->rows_by_code, g_hash_table_unref);
  g_clear_pointer (&self->history_texts, g_hash_table_unref);
  g_clear_pointer (&self->responses, g_ptr_array_unref);
  g_clear_pointer (&self->changed_instruments, g_hash_table_unref);
  g_clear_pointer (&self->battery, vastus_template_free);
  g_clear_pointer (&self->battery_choices, g_ptr_array_unref);
  g_clear_pointer (&self->safety_text, g_free);
  g_clear_pointer (&self->problem_text, g_free);
  G_OBJECT_CLASS (vastus_visit_editor_parent_class)->finalize (object);
}

static void
vastus_visit_editor_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  VastusVisitEditor *self = VASTUS_VISIT_EDITOR (object);

  switch (prop_id)
    {
    case PROP_MODIFIED:
      g_value_set_boolean (value, self->modified);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vastus_visit_editor_class_init (VastusVisitEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = vastus_visit_editor_dispose;
  object_class->finalize = vastus_visit_editor_finalize;
  object_class->get_property = vastus_visit_editor_get_property;
  widget_class->root = vastus_visit_editor_root;
  widget_class->unroot = vastus_visit_editor_unroot;
  widget_class->map = vastus_visit_editor_map;

  properties[PROP_MODIFIED] =
    g_param_spec_boolean ("modified", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
  signals[CANCELLED] = g_signal_new ("cancelled", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                     0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[STAYED] = g_signal_new ("stayed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (VASTUS_TYPE_BAR_BOX);
  g_type_ensure (VASTUS_TYPE_CONFLICT_BAR);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/vastus-visit-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, VastusVisitEditor, baseline_check);
  gtk_widget_class_bind_template_child (widget_class, VastusVisitEditor, battery_row);
  gtk_widget_class_bind_template_child (widget_class, VastusVisitEditor, body_mass_row);
  gtk_widget_class_bind_template_child (widget_class, VastusVisitEditor, clinician_row);
  gtk_widget_class_bind_template_child (widget_class, VastusVisitEditor, date_row);
  gtk_widget_class_bind_template_child (widget_class, VastusVisitEditor, draft_discard_button);
  gtk_widget_class_bind_template_child (widget_class, VastusVisitEditor, draft_label);
  gtk_widget_class_bind_template_child (widget_class, VastusVisitEditor, draft_revealer);
  gtk_widget_class_bind_template_child (widget_class, VastusVisitEditor, conflict_bar);
  gtk_widget_class_bind_template_callback_full (widget_class, "conflict_reload_clicked_cb",
                                                G_CALLBACK (_vastus_visit_editor_conflict_reload_cb));
  gtk_widget_class_bind_template_callback_full (widget_class, "conflict_compare_clicked_cb",
                                                G_CALLBACK (_vastus_visit_editor_conflict_compare_cb));
  gtk_widget_class_bind_template_callback_full (widget_class, "conflict_keep_mine_cb",
                                                G_CALLBACK (_vastus_visit_editor_conflict_keep_mine_cb));
  gtk_widget_class_bind_template_callback_full (widget_class, "conflict_read_failed_cb",
                                                G_CALLBACK (_vastus_visit_editor_conflict_read_failed_cb));
  gtk_widget_class_bind_template_child (widget_class, VastusVisitEditor, dvt_check);
  gtk_widget_class_bind_template_child (widget_class, VastusVisitEditor, findings_group);
  gtk_widget_class_bind_template_child (widget_class, VastusVisitEditor, height_row);
  gtk_widget_class_bind_template_child (widget_class, VastusVisitEditor, infection_check);
  gtk_widget_class_bind_template_child (widget_class, VastusVisitEditor, nerve_block_check);
  gtk_widget_class_bind_template_child (widget_class, VastusVisitEditor, no_slr_check);
  gtk_widget_class_bind_template_child (widget_class, VastusVisitEditor, notes_row);
  gtk_widget_class_bind_template_child (widget_class, VastusVisitEditor, page_box);
  gtk_widget_class_bind_template_child (widget_class, VastusVisitEditor, save_button);
  gtk_widget_class_bind_template_child (widget_class, VastusVisitEditor, scrolled);
  gtk_widget_class_bind_template_child (widget_class, VastusVisitEditor, status_label);
  gtk_widget_class_bind_template_child (widget_class, VastusVisitEditor, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, VastusVisitEditor, visit_confirm_check);
  gtk_widget_class_bind_template_child (widget_class, VastusVisitEditor, visit_problem_label);
  gtk_widget_class_bind_template_callback (widget_class, draft_discard_clicked_cb);

  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save_action_cb);
  gtk_widget_class_install_action (widget_class, "editor.cancel", NULL, cancel_action_cb);
  gtk_widget_class_install_action (widget_class, "editor.questionnaire", NULL,
                                   _vastus_visit_editor_questionnaire_action_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "editor.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "editor.cancel", NULL);
}

static void
vastus_visit_editor_init (VastusVisitEditor *self)
{
  AdwEntryRow *header[5];
  GtkEventController *focus;

  self->rules = (VastusClinicRules) VASTUS_CLINIC_RULES_DEFAULT;
  g_date_clear (&self->taken_date, 1);

  gtk_widget_init_template (GTK_WIDGET (self));
  vastus_date_row_show_pattern (self->date_row);
  {
    GtkEventController *keys = gtk_event_controller_key_new ();

    gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
    g_signal_connect (keys, "key-pressed", G_CALLBACK (_vastus_visit_editor_key_pressed_cb), self);
    gtk_widget_add_controller (GTK_WIDGET (self), keys);
  }
  self->rows = g_ptr_array_new ();
  self->rows_by_code = g_hash_table_new (g_str_hash, g_str_equal);
  self->other_visits = g_ptr_array_new_with_free_func ((GDestroyNotify) vastus_visit_free);
  self->responses = g_ptr_array_new_with_free_func ((GDestroyNotify) vastus_response_free);
  self->changed_instruments = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->battery_choices = g_ptr_array_new_with_free_func ((GDestroyNotify) vastus_template_free);

  header[0] = self->date_row, header[1] = self->clinician_row, header[2] = self->body_mass_row;
  header[3] = self->height_row, header[4] = self->notes_row;
  for (guint i = 0; i < G_N_ELEMENTS (header); i++)
    {
      g_signal_connect_swapped (header[i], "changed", G_CALLBACK (field_changed_cb), self);
      g_signal_connect (header[i], "entry-activated", G_CALLBACK (header_activated_cb), self);
      /* Screen readers read the field, not the row: label the text itself. */
      {
        g_autofree char *label = g_strdup (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (header[i])));
        GtkEditable *text = gtk_editable_get_delegate (GTK_EDITABLE (header[i]));
        char *mnemonic = strchr (label, '_');

        if (mnemonic != NULL)
          memmove (mnemonic, mnemonic + 1, strlen (mnemonic));
        if (text != NULL)
          gtk_accessible_update_property (GTK_ACCESSIBLE (text), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
      }
      focus = gtk_event_controller_focus_new ();
      g_signal_connect_swapped (focus, "leave", G_CALLBACK (_vastus_visit_editor_committed_cb),
                                self);
      gtk_widget_add_controller (GTK_WIDGET (header[i]), focus);
    }
  for (guint i = 0; i < G_N_ELEMENTS (_vastus_visit_editor_findings); i++)
    {
      GtkWidget *check = GTK_WIDGET (_vastus_visit_editor_finding_check (
                                       self, _vastus_visit_editor_findings[i]));
      GtkWidget *row = gtk_widget_get_ancestor (check, ADW_TYPE_ACTION_ROW);

      g_signal_connect_swapped (check, "toggled", G_CALLBACK (finding_toggled_cb), self);
      gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), -1);
    }
  g_signal_connect_swapped (self->visit_confirm_check, "toggled",
                            G_CALLBACK (_vastus_visit_editor_committed_cb), self);
  g_signal_connect_swapped (self->baseline_check, "toggled", G_CALLBACK (baseline_toggled_cb), self);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->baseline_check), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Baseline: pre-injury or pre-operative reference values"), -1);
}

static void
clinic_rules_changed_cb (VastusVisitEditor *self)
{
  vastus_clinic_get_clinic_rules (self->clinic, &self->rules);
  _vastus_visit_editor_refresh_safety (self);
}

static VastusVisitEditor *
editor_new (VastusClinic        *clinic,
            const VastusHistory *history,
            gint64               visit_id)
{
  VastusVisitEditor *self = g_object_new (VASTUS_TYPE_VISIT_EDITOR, NULL);

  self->clinic = g_object_ref (clinic);
  /* The clinic's pain level and minimum weeks before maximal tests, and any change to them. */
  vastus_clinic_get_clinic_rules (clinic, &self->rules);
  g_signal_connect_object (clinic, "notify::rules", G_CALLBACK (clinic_rules_changed_cb), self,
                           G_CONNECT_SWAPPED);
  vastus_conflict_bar_set_clinic (self->conflict_bar, clinic, VASTUS_STORED_VISIT);
  self->patient = vastus_patient_copy (history->patient);
  self->episode = vastus_episode_copy (history->episode);
  for (guint i = 0; i < vastus_history_get_n_visits (history); i++)
    {
      const VastusVisit *visit = vastus_history_get_visit (history, i);

      if (visit->id == visit_id)
        self->original = vastus_visit_copy (visit);
      else
        g_ptr_array_add (self->other_visits, vastus_visit_copy (visit));
    }
  /* The episode's visit before this one (for a new one, the last): its test conditions and
   * units are pre-filled, and the change since then is shown. */
  for (guint i = 0; i < self->other_visits->len; i++)
    {
      const VastusVisit *other = g_ptr_array_index (self->other_visits, i);

      if (self->original == NULL
          || (g_date_valid (&other->date) && g_date_valid (&self->original->date)
              && g_date_compare (&other->date, &self->original->date) <= 0))
        {
          g_clear_pointer (&self->previous, vastus_visit_free);
          self->previous = vastus_visit_copy (other);
        }
    }
  self->draft = vastus_visit_draft_new (self, clinic, self->patient->id, self->episode->id);
  _vastus_visit_editor_battery_init (self);
  _vastus_visit_editor_battery_choose_default (self);
  _vastus_visit_editor_fill_form (self);
  vastus_visit_draft_restore (self->draft, _vastus_visit_editor_draft_restored_cb);
  _vastus_visit_editor_lease_start (self);
  return self;
}

/* Public API */

GtkWidget *
vastus_visit_editor_new (VastusClinic        *clinic,
                         const VastusHistory *history)
{
  g_return_val_if_fail (VASTUS_IS_CLINIC (clinic), NULL);
  g_return_val_if_fail (history != NULL, NULL);

  return GTK_WIDGET (editor_new (clinic, history, 0));
}

GtkWidget *
vastus_visit_editor_new_for_visit (VastusClinic        *clinic,
                                   const VastusHistory *history,
                                   gint64               visit_id)
{
  g_return_val_if_fail (VASTUS_IS_CLINIC (clinic), NULL);
  g_return_val_if_fail (history != NULL, NULL);
  g_return_val_if_fail (visit_id > 0, NULL);

  /* Deleted meanwhile (by another workstation, say). */
  for (guint i = 0; i < vastus_history_get_n_visits (history); i++)
    if (vastus_history_get_visit (history, i)->id == visit_id)
      return GTK_WIDGET (editor_new (clinic, history, visit_id));
  return NULL;
}

/* The signals, for the parts of the editor in files of their own. */

void
_vastus_visit_editor_emit_saved (VastusVisitEditor *self)
{
  g_signal_emit (self, signals[SAVED], 0, self->original->id);
}

void
_vastus_visit_editor_emit_stayed (VastusVisitEditor *self)
{
  g_signal_emit (self, signals[STAYED], 0);
}

void
vastus_visit_editor_close (VastusVisitEditor *self)
{
  GtkRoot *root;
  AdwMessageDialog *dialog;

  g_return_if_fail (VASTUS_IS_VISIT_EDITOR (self));

  if (!self->modified)
    {
      vastus_visit_draft_discard (self->draft);
      g_signal_emit (self, signals[CANCELLED], 0);
      return;
    }
  /* The question may stay open for long, or the program be killed meanwhile. */
  vastus_visit_draft_flush (self->draft);
  if (self->question != NULL)
    {
      gtk_window_present (self->question);
      return;
    }
  root = gtk_widget_get_root (GTK_WIDGET (self));
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                       _("Save the visit?"),
                                                       _("The values entered have not been saved.")));
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    /* Translators: a button (verb): closes without saving the
                                     * values entered */
                                    "discard", _("_Discard"),
                                    "save", _("_Save"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "discard", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (dialog, "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "save");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (close_response_cb), g_object_ref (self));
  g_set_weak_pointer (&self->question, GTK_WINDOW (dialog));
  gtk_window_present (GTK_WINDOW (dialog));
}

gboolean
vastus_visit_editor_get_modified (VastusVisitEditor *self)
{
  g_return_val_if_fail (VASTUS_IS_VISIT_EDITOR (self), FALSE);
  return self->modified;
}

gboolean
vastus_visit_editor_get_saving (VastusVisitEditor *self)
{
  g_return_val_if_fail (VASTUS_IS_VISIT_EDITOR (self), FALSE);
  return self->saving;
}

GPtrArray *
vastus_visit_editor_get_rows (VastusVisitEditor *self)
{
  g_return_val_if_fail (VASTUS_IS_VISIT_EDITOR (self), NULL);
  return self->rows;
}

guint
vastus_visit_editor_get_n_pending_drafts (VastusVisitEditor *self)
{
  g_return_val_if_fail (VASTUS_IS_VISIT_EDITOR (self), 0);
  return vastus_visit_draft_get_n_pending (self->draft);
}

gint64
vastus_visit_editor_get_visit_id (VastusVisitEditor *self)
{
  g_return_val_if_fail (VASTUS_IS_VISIT_EDITOR (self), 0);
  return self->original != NULL ? self->original->id : 0;
}

VastusMeasureRow *
vastus_visit_editor_get_measure_row (VastusVisitEditor *self,
                                     const char        *code)
{
  const VastusMeasure *measure;

  g_return_val_if_fail (VASTUS_IS_VISIT_EDITOR (self), NULL);

  measure = code != NULL ? vastus_catalog_lookup (code) : NULL;
  if (measure == NULL)
    return NULL;
  return _vastus_visit_editor_ensure_measure (self, measure);
}

GtkWidget *
vastus_visit_editor_get_field (VastusVisitEditor *self,
                               const char        *name)
{
  g_return_val_if_fail (VASTUS_IS_VISIT_EDITOR (self), NULL);

  if (g_strcmp0 (name, "date") == 0)
    return GTK_WIDGET (self->date_row);
  if (g_strcmp0 (name, "clinician") == 0)
    return GTK_WIDGET (self->clinician_row);
  if (g_strcmp0 (name, "body-mass") == 0)
    return GTK_WIDGET (self->body_mass_row);
  if (g_strcmp0 (name, "height") == 0)
    return GTK_WIDGET (self->height_row);
  if (g_strcmp0 (name, "notes") == 0)
    return GTK_WIDGET (self->notes_row);
  if (g_strcmp0 (name, "confirm") == 0)
    return GTK_WIDGET (self->visit_confirm_check);
  if (g_strcmp0 (name, "baseline") == 0)
    return GTK_WIDGET (self->baseline_check);
  if (g_strcmp0 (name, "save") == 0)
    return GTK_WIDGET (self->save_button);
  if (g_strcmp0 (name, "draft-discard") == 0)
    return GTK_WIDGET (self->draft_discard_button);
  if (g_strcmp0 (name, "conflict-reload") == 0)
    return vastus_conflict_bar_get_button (self->conflict_bar, "reload");
  if (g_strcmp0 (name, "conflict-compare") == 0)
    return vastus_conflict_bar_get_button (self->conflict_bar, "compare");
  if (g_strcmp0 (name, "battery") == 0)
    return GTK_WIDGET (self->battery_row);
  if (g_strcmp0 (name, "add-measure") == 0)
    return GTK_WIDGET (self->add_dropdown);
  return NULL;
}

GtkWidget *
vastus_visit_editor_get_finding (VastusVisitEditor *self,
                                 VastusFinding      finding)
{
  g_return_val_if_fail (VASTUS_IS_VISIT_EDITOR (self), NULL);
  return GTK_WIDGET (_vastus_visit_editor_finding_check (self, finding));
}

const char *
vastus_visit_editor_get_safety_text (VastusVisitEditor *self)
{
  g_return_val_if_fail (VASTUS_IS_VISIT_EDITOR (self), NULL);
  return self->safety_text;
}

const char *
vastus_visit_editor_get_problem_text (VastusVisitEditor *self)
{
  g_return_val_if_fail (VASTUS_IS_VISIT_EDITOR (self), NULL);
  return self->problem_text;
}

const char *
vastus_visit_editor_get_draft_notice (VastusVisitEditor *self)
{
  g_return_val_if_fail (VASTUS_IS_VISIT_EDITOR (self), NULL);
  if (!gtk_revealer_get_reveal_child (self->draft_revealer))
    return NULL;
  return gtk_label_get_text (self->draft_label);
}

const char *
vastus_visit_editor_get_conflict_notice (VastusVisitEditor *self)
{
  g_return_val_if_fail (VASTUS_IS_VISIT_EDITOR (self), NULL);
  return vastus_conflict_bar_get_notice (self->conflict_bar);
}

void
vastus_visit_editor_set_pain_limit (VastusVisitEditor *self,
                                    double             pain_limit)
{
  g_return_if_fail (VASTUS_IS_VISIT_EDITOR (self));
  self->rules.pain_limit = pain_limit;
  _vastus_visit_editor_refresh_safety (self);
}

void
vastus_visit_editor_set_clinic_rules (VastusVisitEditor       *self,
                                      const VastusClinicRules *rules)
{
  g_return_if_fail (VASTUS_IS_VISIT_EDITOR (self));
  g_return_if_fail (rules != NULL);
  self->rules = *rules;
  _vastus_visit_editor_refresh_safety (self);
}

GPtrArray *
vastus_visit_editor_get_answered (VastusVisitEditor *self)
{
  GPtrArray *answered;

  g_return_val_if_fail (VASTUS_IS_VISIT_EDITOR (self), NULL);

  answered = g_ptr_array_new ();
  for (guint i = 0; i < self->responses->len; i++)
    {
      VastusResponse *r = g_ptr_array_index (self->responses, i);

      if (g_hash_table_contains (self->changed_instruments, r->instrument))
        g_ptr_array_add (answered, r);
    }
  return answered;
}

void
vastus_visit_editor_apply_questionnaires (VastusVisitEditor *self,
                                          GPtrArray         *responses)
{
  g_return_if_fail (VASTUS_IS_VISIT_EDITOR (self));
  g_return_if_fail (responses != NULL);

  _vastus_visit_editor_questionnaire_applied_cb (self, responses);
}

const VastusTemplate *
vastus_visit_editor_get_battery (VastusVisitEditor *self)
{
  g_return_val_if_fail (VASTUS_IS_VISIT_EDITOR (self), NULL);
  return self->battery;
}

gboolean
vastus_visit_editor_choose_battery (VastusVisitEditor *self,
                                    gint64             id)
{
  g_return_val_if_fail (VASTUS_IS_VISIT_EDITOR (self), FALSE);

  for (guint i = 0; id != 0 && i < self->battery_choices->len; i++)
    if (((VastusTemplate *) self->battery_choices->pdata[i])->id == id)
      {
        adw_combo_row_set_selected (self->battery_row, i + 1);
        return TRUE;
      }
  if (id != 0)
    return FALSE;
  adw_combo_row_set_selected (self->battery_row, 0);
  return TRUE;
}

gboolean
vastus_visit_editor_shows_measure (VastusVisitEditor *self,
                                   const char        *code)
{
  g_return_val_if_fail (VASTUS_IS_VISIT_EDITOR (self), FALSE);
  return g_hash_table_contains (self->rows_by_code, code);
}
