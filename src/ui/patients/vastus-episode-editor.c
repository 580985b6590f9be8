/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vastus-episode-editor"

#include "config.h"

#include "vastus-i18n.h"

#include "vastus-clinician-picker.h"
#include "vastus-conflict-bar.h"
#include "vastus-date-row.h"
#include "vastus-display.h"
#include "vastus-episode-editor.h"
#include "vastus-record-compare.h"
#include "vastus-validate.h"
#include "vastus-value.h"
#include "vastus-write-error.h"

/* The fields that can show a problem, with the names vastus_episode_check uses. */
enum {
  FIELD_SIDE,
  FIELD_INJURY_DATE,
  FIELD_SURGERY_DATE,
  FIELD_NO_MAX_TEST,
  N_FIELDS
};

static const char *field_names[N_FIELDS] = {
  "involved_side",
  "injury_date",
  "surgery_date",
  "no_max_test_before",
};

struct _VastusEpisodeEditor
{
  VastusFormWindow parent_instance;

  VastusClinic   *clinic;
  gboolean        saving;         /* the clinic is storing it: what was typed stays */
  VastusPatient  *patient;
  VastusEpisode  *episode;        /* id 0: a new episode */
  VastusEpisodeRecord *record;    /* the episode edited, NULL for a new one */
  /* Soft problems were shown for exactly what is in the fields: Save now stores. */
  gboolean        confirm_soft;
  gboolean        filling;

  /* Template widgets */
  GtkButton      *save_button;
  AdwActionRow   *general_error_row;
  AdwComboRow    *condition_row;
  AdwComboRow    *side_row;
  AdwActionRow   *side_problem_row;
  AdwActionRow   *therapist_row;
  VastusClinicianPicker *therapist_picker;
  AdwEntryRow    *injury_date_row;
  AdwActionRow   *injury_date_problem_row;
  AdwEntryRow    *surgery_date_row;
  AdwActionRow   *surgery_date_problem_row;
  AdwEntryRow    *surgeon_row;
  AdwEntryRow    *procedure_row;
  AdwEntryRow    *restrictions_row;
  AdwEntryRow    *no_max_test_row;
  AdwActionRow   *no_max_test_problem_row;
  AdwPreferencesGroup *delete_group;
  GtkButton      *delete_button;
  VastusConflictBar *conflict_bar;
};

G_DEFINE_FINAL_TYPE (VastusEpisodeEditor, vastus_episode_editor, VASTUS_TYPE_FORM_WINDOW)

enum {
  SAVED,
  DELETE_REQUESTED,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

static const VastusCondition condition_choices[] = {
  VASTUS_CONDITION_ACLR,
  VASTUS_CONDITION_ACL_NONOPERATIVE,
  VASTUS_CONDITION_PFP,
  VASTUS_CONDITION_TKA,
  VASTUS_CONDITION_MENISCUS,
  VASTUS_CONDITION_PATELLAR_INSTABILITY,
  VASTUS_CONDITION_OTHER,
};

/* The first choice leaves the side unset, so that nobody saves a default side by mistake. */
static const VastusSide side_choices[] = {
  VASTUS_SIDE_NONE,
  VASTUS_SIDE_LEFT,
  VASTUS_SIDE_RIGHT,
  VASTUS_SIDE_BOTH,
};

static GtkWidget *
field_widget (VastusEpisodeEditor *self,
              int                  field)
{
  switch (field)
    {
    case FIELD_SIDE:         return GTK_WIDGET (self->side_row);
    case FIELD_INJURY_DATE:  return GTK_WIDGET (self->injury_date_row);
    case FIELD_SURGERY_DATE: return GTK_WIDGET (self->surgery_date_row);
    case FIELD_NO_MAX_TEST:  return GTK_WIDGET (self->no_max_test_row);
    default:                 g_assert_not_reached ();
    }
}

static AdwActionRow *
field_problem_row (VastusEpisodeEditor *self,
                   int                  field)
{
  switch (field)
    {
    case FIELD_SIDE:         return self->side_problem_row;
    case FIELD_INJURY_DATE:  return self->injury_date_problem_row;
    case FIELD_SURGERY_DATE: return self->surgery_date_problem_row;
    case FIELD_NO_MAX_TEST:  return self->no_max_test_problem_row;
    default:                 g_assert_not_reached ();
    }
}

static int
field_from_name (const char *name)
{
  for (int i = 0; i < N_FIELDS; i++)
    if (g_strcmp0 (field_names[i], name) == 0)
      return i;
  return -1;
}

/* An empty entry gives an invalid date and TRUE; else the locale's date form or ISO. */
static gboolean
parse_date_entry (AdwEntryRow *row,
                  GDate       *out,
                  GError     **error)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));

  g_date_clear (out, 1);
  if (*text == '\0')
    return TRUE;
  return vastus_display_parse_date (text, out, error);
}

static void
show_problem (VastusEpisodeEditor *self,
              int                  field,
              const char          *message,
              gboolean             soft)
{
  GtkWidget *widget = field_widget (self, field);
  AdwActionRow *problem_row = field_problem_row (self, field);

  /* One message per field: a hard problem wins over a soft one. */
  if (gtk_widget_get_visible (GTK_WIDGET (problem_row)) &&
      (soft || gtk_widget_has_css_class (widget, "error")))
    return;

  gtk_widget_remove_css_class (widget, soft ? "error" : "warning");
  gtk_widget_add_css_class (widget, soft ? "warning" : "error");
  gtk_widget_remove_css_class (GTK_WIDGET (problem_row), soft ? "error" : "warning");
  gtk_widget_add_css_class (GTK_WIDGET (problem_row), soft ? "warning" : "error");
  adw_action_row_set_icon_name (problem_row,
                                soft ? "dialog-warning-symbolic" : "dialog-error-symbolic");
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (problem_row), message);
  gtk_widget_set_visible (GTK_WIDGET (problem_row), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (widget),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, message, -1);
  if (!soft)
    gtk_accessible_update_state (GTK_ACCESSIBLE (widget),
                                 GTK_ACCESSIBLE_STATE_INVALID, GTK_ACCESSIBLE_INVALID_TRUE, -1);
}

static void
clear_problems (VastusEpisodeEditor *self)
{
  for (int i = 0; i < N_FIELDS; i++)
    {
      GtkWidget *widget = field_widget (self, i);
      AdwActionRow *problem_row = field_problem_row (self, i);

      gtk_widget_remove_css_class (widget, "error");
      gtk_widget_remove_css_class (widget, "warning");
      gtk_widget_set_visible (GTK_WIDGET (problem_row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (problem_row), "");
      gtk_accessible_reset_property (GTK_ACCESSIBLE (widget),
                                     GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
      gtk_accessible_reset_state (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_STATE_INVALID);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->general_error_row), FALSE);
}

static void
show_general_error (VastusEpisodeEditor *self,
                    const char          *message)
{
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->general_error_row), message);
  gtk_widget_set_visible (GTK_WIDGET (self->general_error_row), TRUE);
}

static void
set_confirm_soft (VastusEpisodeEditor *self,
                  gboolean             confirm_soft)
{
  self->confirm_soft = confirm_soft;
  gtk_button_set_label (self->save_button,
                        confirm_soft
                          /* Translators: a button (verb): saves although the editor warned about
                           * a value */
                          ? _("Save _Anyway")
                          /* Translators: a button (verb): saves what the editor shows */
                          : _("_Save"));
}

static char *
dup_optional_text (AdwEntryRow *row)
{
  char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));

  if (*text == '\0')
    g_clear_pointer (&text, g_free);
  return text;
}

static void
set_date_text (AdwEntryRow *row,
               const GDate *date)
{
  char buf[VASTUS_DISPLAY_DATE_SIZE];

  gtk_editable_set_text (GTK_EDITABLE (row),
                         g_date_valid (date) ? vastus_display_date (date, buf) : "");
}

static void
fill_fields (VastusEpisodeEditor *self)
{
  const VastusEpisode *episode = self->episode;

  self->filling = TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (condition_choices); i++)
    if (condition_choices[i] == episode->condition)
      adw_combo_row_set_selected (self->condition_row, i);
  adw_combo_row_set_selected (self->side_row, 0);
  for (guint i = 0; i < G_N_ELEMENTS (side_choices); i++)
    if (side_choices[i] == episode->involved_side)
      adw_combo_row_set_selected (self->side_row, i);
  set_date_text (self->injury_date_row, &episode->injury_date);
  set_date_text (self->surgery_date_row, &episode->surgery_date);
  gtk_editable_set_text (GTK_EDITABLE (self->surgeon_row), episode->surgeon ?: "");
  vastus_clinician_picker_set_clinician (self->therapist_picker, episode->treating_therapist);
  gtk_editable_set_text (GTK_EDITABLE (self->procedure_row), episode->procedure ?: "");
  gtk_editable_set_text (GTK_EDITABLE (self->restrictions_row), episode->restrictions ?: "");
  set_date_text (self->no_max_test_row, &episode->no_max_test_before);
  self->filling = FALSE;
}

/* Callbacks */

static void
field_changed_cb (VastusEpisodeEditor *self)
{
  if (self->filling)
    return;
  if (self->confirm_soft)
    set_confirm_soft (self, FALSE);
}

/* The episode as typed (the fields not on the form as read). A date that is no date is left
 * unset; with @hard, its problem is shown on its field and *@hard set. */
static VastusEpisode *
form_episode (VastusEpisodeEditor *self,
              gboolean            *hard)
{
  static const struct {
    int         field;
    gsize       offset;
  } dates[] = {
    { FIELD_INJURY_DATE, G_STRUCT_OFFSET (VastusEpisode, injury_date) },
    { FIELD_SURGERY_DATE, G_STRUCT_OFFSET (VastusEpisode, surgery_date) },
    { FIELD_NO_MAX_TEST, G_STRUCT_OFFSET (VastusEpisode, no_max_test_before) },
  };
  VastusEpisode *episode = vastus_episode_copy (self->episode);
  guint index;

  index = adw_combo_row_get_selected (self->condition_row);
  if (index < G_N_ELEMENTS (condition_choices))
    episode->condition = condition_choices[index];
  index = adw_combo_row_get_selected (self->side_row);
  episode->involved_side = index < G_N_ELEMENTS (side_choices) ? side_choices[index]
                                                               : VASTUS_SIDE_NONE;
  g_free (episode->surgeon);
  episode->surgeon = dup_optional_text (self->surgeon_row);
  g_free (episode->treating_therapist);
  episode->treating_therapist = g_strdup (vastus_clinician_picker_get_clinician (self->therapist_picker));
  g_free (episode->procedure);
  episode->procedure = dup_optional_text (self->procedure_row);
  g_free (episode->restrictions);
  episode->restrictions = dup_optional_text (self->restrictions_row);

  for (guint i = 0; i < G_N_ELEMENTS (dates); i++)
    {
      AdwEntryRow *row = ADW_ENTRY_ROW (field_widget (self, dates[i].field));
      GDate *date = G_STRUCT_MEMBER_P (episode, dates[i].offset);
      g_autoptr(GError) error = NULL;

      if (!parse_date_entry (row, date, &error))
        {
          /* Translators: %s says why the text is not a date, e.g. "“31.02.2026” is not a date
           * (write it as 31.12.2026 or 2026-12-31)" */
          g_autofree char *message = g_strdup_printf (_("%s."), error->message);

          if (hard != NULL)
            {
              show_problem (self, dates[i].field, message, FALSE);
              *hard = TRUE;
            }
        }
    }

  return episode;
}

/* Someone else saved the episode first: the bar reads their version */

/* Their version replaces what was typed. */
static void
conflict_reload_cb (VastusEpisodeEditor *self,
                    const VastusEpisode *theirs)
{
  g_clear_pointer (&self->episode, vastus_episode_free);
  self->episode = vastus_episode_copy (theirs);
  vastus_conflict_bar_hide (self->conflict_bar);
  clear_problems (self);
  set_confirm_soft (self, FALSE);
  fill_fields (self);
  vastus_form_window_set_unchanged (VASTUS_FORM_WINDOW (self));
}

/* What was typed is saved over their version (the fields not on the form are theirs). */
static void
conflict_keep_mine_cb (VastusEpisodeEditor *self,
                       const VastusEpisode *theirs)
{
  g_clear_pointer (&self->episode, vastus_episode_free);
  self->episode = vastus_episode_copy (theirs);
  vastus_episode_editor_save (self);
}

static void
conflict_compare_cb (VastusEpisodeEditor *self,
                     const VastusEpisode *theirs)
{
  g_autoptr(VastusEpisode) mine = form_episode (self, NULL);
  g_autoptr(GPtrArray) differences = vastus_episode_compare (theirs, mine);

  vastus_conflict_bar_compare (self->conflict_bar, differences);
}

static void
conflict_read_failed_cb (VastusEpisodeEditor *self,
                         const char          *message)
{
  show_general_error (self, message);
}

static void
saved_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(VastusEpisodeEditor) self = user_data;
  g_autoptr(GError) error = NULL;
  gint64 row_version = 0;
  gint64 id = vastus_clinic_save_episode_finish (VASTUS_CLINIC (source), result, &row_version,
                                                 &error);

  self->saving = FALSE;
  gtk_widget_set_sensitive (GTK_WIDGET (self->save_button), TRUE);
  if (id == 0)
    {
      g_autofree char *message = NULL;

      set_confirm_soft (self, FALSE);
      /* Someone else saved it first: the form stays as typed, and offers their version. */
      if (g_error_matches (error, VASTUS_CLINIC_ERROR, VASTUS_CLINIC_ERROR_CONFLICT))
        vastus_conflict_bar_show (self->conflict_bar, error->message, self->episode->id, NULL);
      else
        {
          /* Translators: %s is a technical reason from the database */
          message = vastus_write_error_text (error, _("The episode could not be saved: %s"),
                                             error->message);
          show_general_error (self, message);
        }
      vastus_form_window_not_saved (VASTUS_FORM_WINDOW (self));
      return;
    }
  vastus_conflict_bar_hide (self->conflict_bar);
  self->episode->id = id;
  self->episode->row_version = row_version;
  g_signal_emit (self, signals [SAVED], 0, id);
  vastus_form_window_saved (VASTUS_FORM_WINDOW (self));
}

static void
save_clicked_cb (VastusEpisodeEditor *self)
{
  vastus_episode_editor_save (self);
}

/* Only an episode without visits: its visits are the record of care, each deleted on its own. */
static void
update_delete (VastusEpisodeEditor *self)
{
  GListModel *visits = vastus_episode_record_get_visits (self->record);
  guint n = g_list_model_get_n_items (visits);
  gboolean loaded = vastus_episode_record_get_visits_loaded (self->record);
  g_autofree char *description = NULL;

  if (!loaded)
    description = g_strdup (_("Reading the episode’s visits…"));
  else if (n == 0)
    description = g_strdup (_("Entered by mistake? It has no visits: it can be deleted, and "
                              "brought back with Undo."));
  else
    description = g_strdup_printf (
      /* Translators: why the episode of care cannot be deleted; %u is how many visits it has */
      ngettext ("It has %u visit. An episode with visits cannot be deleted: delete its visit "
                "first.",
                "It has %u visits. An episode with visits cannot be deleted: delete its visits "
                "first.", n),
      n);
  adw_preferences_group_set_description (self->delete_group, description);
  gtk_widget_set_sensitive (GTK_WIDGET (self->delete_button), loaded && n == 0);
}

static void
delete_clicked_cb (VastusEpisodeEditor *self)
{
  g_autoptr(VastusEpisodeEditor) alive = g_object_ref (self);

  g_signal_emit (self, signals [DELETE_REQUESTED], 0, self->episode->id,
                 self->episode->row_version);
  /* What was typed goes with the episode. */
  vastus_form_window_saved (VASTUS_FORM_WINDOW (self));
}

static gboolean
vastus_episode_editor_save_form (VastusFormWindow *form)
{
  return vastus_episode_editor_save (VASTUS_EPISODE_EDITOR (form));
}

static void
vastus_episode_editor_dispose (GObject *object)
{
  VastusEpisodeEditor *self = (VastusEpisodeEditor *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), VASTUS_TYPE_EPISODE_EDITOR);

  G_OBJECT_CLASS (vastus_episode_editor_parent_class)->dispose (object);
}

static void
vastus_episode_editor_finalize (GObject *object)
{
  VastusEpisodeEditor *self = (VastusEpisodeEditor *)object;

  g_clear_object (&self->clinic);
  g_clear_object (&self->record);
  g_clear_pointer (&self->patient, vastus_patient_free);
  g_clear_pointer (&self->episode, vastus_episode_free);

  G_OBJECT_CLASS (vastus_episode_editor_parent_class)->finalize (object);
}

static void
vastus_episode_editor_class_init (VastusEpisodeEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  VastusFormWindowClass *form_class = VASTUS_FORM_WINDOW_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = vastus_episode_editor_dispose;
  object_class->finalize = vastus_episode_editor_finalize;
  form_class->save = vastus_episode_editor_save_form;
  form_class->question = N_("Save the episode of care?");

  /**
   * VastusEpisodeEditor::saved:
   * @episode_id: the stored episode
   */
  signals [SAVED] =
    g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
  /**
   * VastusEpisodeEditor::delete-requested:
   * @episode_id: the episode edited, which has no visits
   * @row_version: the version it showed (deleting it fails if someone changed it since)
   */
  signals [DELETE_REQUESTED] =
    g_signal_new ("delete-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_INT64, G_TYPE_INT64);

  g_type_ensure (VASTUS_TYPE_CONFLICT_BAR);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/vastus-episode-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, VastusEpisodeEditor, conflict_bar);
  gtk_widget_class_bind_template_callback (widget_class, conflict_compare_cb);
  gtk_widget_class_bind_template_callback (widget_class, conflict_keep_mine_cb);
  gtk_widget_class_bind_template_callback (widget_class, conflict_read_failed_cb);
  gtk_widget_class_bind_template_callback (widget_class, conflict_reload_cb);
  gtk_widget_class_bind_template_child (widget_class, VastusEpisodeEditor, condition_row);
  gtk_widget_class_bind_template_child (widget_class, VastusEpisodeEditor, delete_button);
  gtk_widget_class_bind_template_child (widget_class, VastusEpisodeEditor, delete_group);
  gtk_widget_class_bind_template_child (widget_class, VastusEpisodeEditor, general_error_row);
  gtk_widget_class_bind_template_child (widget_class, VastusEpisodeEditor, injury_date_problem_row);
  gtk_widget_class_bind_template_child (widget_class, VastusEpisodeEditor, injury_date_row);
  gtk_widget_class_bind_template_child (widget_class, VastusEpisodeEditor, no_max_test_problem_row);
  gtk_widget_class_bind_template_child (widget_class, VastusEpisodeEditor, no_max_test_row);
  gtk_widget_class_bind_template_child (widget_class, VastusEpisodeEditor, procedure_row);
  gtk_widget_class_bind_template_child (widget_class, VastusEpisodeEditor, restrictions_row);
  gtk_widget_class_bind_template_child (widget_class, VastusEpisodeEditor, save_button);
  gtk_widget_class_bind_template_child (widget_class, VastusEpisodeEditor, side_problem_row);
  gtk_widget_class_bind_template_child (widget_class, VastusEpisodeEditor, side_row);
  gtk_widget_class_bind_template_child (widget_class, VastusEpisodeEditor, surgeon_row);
  gtk_widget_class_bind_template_child (widget_class, VastusEpisodeEditor, therapist_row);
  gtk_widget_class_bind_template_child (widget_class, VastusEpisodeEditor,
                                        surgery_date_problem_row);
  gtk_widget_class_bind_template_child (widget_class, VastusEpisodeEditor, surgery_date_row);
  gtk_widget_class_bind_template_callback (widget_class, delete_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, field_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, save_clicked_cb);
}

static void
vastus_episode_editor_init (VastusEpisodeEditor *self)
{
  g_autoptr(GtkStringList) conditions = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) sides = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));
  vastus_date_row_show_pattern (self->injury_date_row);
  vastus_date_row_show_pattern (self->surgery_date_row);
  vastus_date_row_show_pattern (self->no_max_test_row);

  for (guint i = 0; i < G_N_ELEMENTS (condition_choices); i++)
    gtk_string_list_append (conditions, vastus_condition_label (condition_choices[i]));
  adw_combo_row_set_model (self->condition_row, G_LIST_MODEL (conditions));

  /* Translators: the involved side has not been chosen yet */
  gtk_string_list_append (sides, C_("involved side", "Not chosen"));
  for (guint i = 1; i < G_N_ELEMENTS (side_choices); i++)
    gtk_string_list_append (sides, vastus_side_label (side_choices[i]));
  adw_combo_row_set_model (self->side_row, G_LIST_MODEL (sides));

  /* Translators: the accessible name of the episode's treating therapist field */
  self->therapist_picker = VASTUS_CLINICIAN_PICKER (vastus_clinician_picker_new_for_field (_("Treating therapist")));
  gtk_widget_set_valign (GTK_WIDGET (self->therapist_picker), GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (self->therapist_row, GTK_WIDGET (self->therapist_picker));
  g_signal_connect_object (self->therapist_picker, "notify::clinician", G_CALLBACK (field_changed_cb),
                           self, G_CONNECT_SWAPPED);
}

VastusEpisodeEditor *
vastus_episode_editor_new (GtkWindow           *parent,
                           VastusClinic        *clinic,
                           const VastusPatient *patient,
                           VastusEpisodeRecord *record)
{
  const VastusEpisode *episode = record != NULL ? vastus_episode_record_get_episode (record) : NULL;
  VastusEpisodeEditor *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (VASTUS_IS_CLINIC (clinic), NULL);
  g_return_val_if_fail (patient != NULL && patient->id > 0, NULL);
  g_return_val_if_fail (record == NULL || VASTUS_IS_EPISODE_RECORD (record), NULL);
  g_return_val_if_fail (episode == NULL || episode->patient_id == patient->id, NULL);

  self = g_object_new (VASTUS_TYPE_EPISODE_EDITOR,
                       "transient-for", parent,
                       "application", parent != NULL ? gtk_window_get_application (parent) : NULL,
                       "title", episode != NULL
                                  /* Translators: the title of the window that edits an episode
                                   * of care (a knee's injury or surgery and its rehabilitation) */
                                  ? _("Edit Episode")
                                  /* Translators: the title of the window that adds an episode of
                                   * care (a knee's injury or surgery and its rehabilitation) */
                                  : _("New Episode"),
                       NULL);
  self->clinic = g_object_ref (clinic);
  vastus_conflict_bar_set_clinic (self->conflict_bar, clinic, VASTUS_STORED_EPISODE);
  self->patient = vastus_patient_copy (patient);
  if (episode != NULL)
    {
      self->episode = vastus_episode_copy (episode);
      self->record = g_object_ref (record);
      g_signal_connect_object (vastus_episode_record_get_visits (record), "items-changed",
                               G_CALLBACK (update_delete), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (record, "notify::visits-loaded", G_CALLBACK (update_delete), self,
                               G_CONNECT_SWAPPED);
      gtk_widget_set_visible (GTK_WIDGET (self->delete_group), TRUE);
      update_delete (self);
    }
  else
    {
      self->episode = vastus_episode_new ();
      self->episode->patient_id = patient->id;
      self->episode->involved_side = VASTUS_SIDE_NONE;
    }
  fill_fields (self);
  vastus_form_window_set_unchanged (VASTUS_FORM_WINDOW (self));
  /* Typing starts in the first field, not on Cancel. */
  gtk_window_set_focus (GTK_WINDOW (self), GTK_WIDGET (self->condition_row));
  return self;
}

gboolean
vastus_episode_editor_save (VastusEpisodeEditor *self)
{
  g_autoptr(VastusEpisode) episode = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  GtkWidget *first = NULL;
  gboolean hard = FALSE;
  GDate today;

  g_return_val_if_fail (VASTUS_IS_EPISODE_EDITOR (self), FALSE);

  if (self->saving)
    return FALSE;
  clear_problems (self);
  episode = form_episode (self, &hard);

  vastus_date_today (&today);
  problems = vastus_episode_check (episode, self->patient, &today);
  for (guint i = 0; i < problems->len; i++)
    {
      VastusProblem *problem = g_ptr_array_index (problems, i);
      int field = field_from_name (problem->field);

      hard |= !problem->soft;
      if (field < 0)
        {
          show_general_error (self, problem->message);
          continue;
        }
      show_problem (self, field, problem->message, problem->soft);
    }

  if (hard || (problems->len > 0 && !self->confirm_soft))
    {
      /* The keyboard on the first error in the form's order, else on its first warning. */
      for (int pass = 0; pass < 2 && first == NULL; pass++)
        for (int i = 0; i < N_FIELDS && first == NULL; i++)
          if (gtk_widget_has_css_class (field_widget (self, i), pass == 0 ? "error" : "warning"))
            first = field_widget (self, i);
      if (first != NULL)
        gtk_widget_grab_focus (first);
      set_confirm_soft (self, !hard);
      return FALSE;
    }

  self->saving = TRUE;
  gtk_widget_set_sensitive (GTK_WIDGET (self->save_button), FALSE);
  vastus_clinic_save_episode_async (self->clinic, episode, NULL, saved_cb, g_object_ref (self));
  return TRUE;
}

GtkWidget *
vastus_episode_editor_get_therapist_picker (VastusEpisodeEditor *self)
{
  g_return_val_if_fail (VASTUS_IS_EPISODE_EDITOR (self), NULL);
  return GTK_WIDGET (self->therapist_picker);
}
