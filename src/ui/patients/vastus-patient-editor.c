/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vastus-patient-editor"

#include "config.h"

#include "vastus-i18n.h"

#include "vastus-conflict-bar.h"
#include "vastus-date-row.h"
#include "vastus-display.h"
#include "vastus-name.h"
#include "vastus-patient-editor.h"
#include "vastus-record-compare.h"
#include "vastus-validate.h"
#include "vastus-value.h"
#include "vastus-write-error.h"

struct _VastusPatientEditor
{
  VastusFormWindow parent_instance;

  VastusClinic   *clinic;
  VastusPatient  *patient;        /* id 0: a new patient */
  /* Soft problems were shown for exactly what is in the fields: Save now stores. */
  gboolean        confirm_soft;
  gboolean        filling;
  gboolean        saving;         /* the clinic is storing it: what was typed stays */

  /* Template widgets */
  GtkButton      *save_button;
  AdwActionRow   *general_error_row;
  AdwEntryRow    *mrn_row;
  AdwActionRow   *mrn_problem_row;
  AdwEntryRow    *family_name_row;
  AdwActionRow   *family_name_problem_row;
  AdwEntryRow    *given_name_row;
  AdwActionRow   *given_name_problem_row;
  AdwEntryRow    *birth_date_row;
  AdwActionRow   *birth_date_problem_row;
  AdwComboRow    *sex_row;
  GtkTextView    *notes_view;
  VastusConflictBar *conflict_bar;
};

G_DEFINE_FINAL_TYPE (VastusPatientEditor, vastus_patient_editor, VASTUS_TYPE_FORM_WINDOW)

enum {
  SAVED,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

/* The sex choices in the order of the combo row. */
static const VastusSex sex_choices[] = {
  VASTUS_SEX_UNKNOWN,
  VASTUS_SEX_FEMALE,
  VASTUS_SEX_MALE,
  VASTUS_SEX_OTHER,
};

/* An empty entry gives an invalid date and TRUE; else the locale's date form or ISO. */
static gboolean
parse_date_entry (const char *text,
                  GDate      *out,
                  GError    **error)
{
  g_autofree char *stripped = g_strstrip (g_strdup (text != NULL ? text : ""));

  g_date_clear (out, 1);
  if (*stripped == '\0')
    return TRUE;
  return vastus_display_parse_date (stripped, out, error);
}

static void
show_problem (GtkWidget    *field,
              AdwActionRow *problem_row,
              const char   *message,
              gboolean      soft)
{
  gtk_widget_remove_css_class (field, soft ? "error" : "warning");
  gtk_widget_add_css_class (field, soft ? "warning" : "error");
  gtk_widget_remove_css_class (GTK_WIDGET (problem_row), soft ? "error" : "warning");
  gtk_widget_add_css_class (GTK_WIDGET (problem_row), soft ? "warning" : "error");
  adw_action_row_set_icon_name (problem_row,
                                soft ? "dialog-warning-symbolic" : "dialog-error-symbolic");
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (problem_row), message);
  gtk_widget_set_visible (GTK_WIDGET (problem_row), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (field),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, message, -1);
  if (!soft)
    gtk_accessible_update_state (GTK_ACCESSIBLE (field),
                                 GTK_ACCESSIBLE_STATE_INVALID, GTK_ACCESSIBLE_INVALID_TRUE, -1);
}

static void
clear_problem (GtkWidget    *field,
               AdwActionRow *problem_row)
{
  gtk_widget_remove_css_class (field, "error");
  gtk_widget_remove_css_class (field, "warning");
  gtk_widget_set_visible (GTK_WIDGET (problem_row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (problem_row), "");
  gtk_accessible_reset_property (GTK_ACCESSIBLE (field), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
  gtk_accessible_reset_state (GTK_ACCESSIBLE (field), GTK_ACCESSIBLE_STATE_INVALID);
}

static void
clear_problems (VastusPatientEditor *self)
{
  clear_problem (GTK_WIDGET (self->mrn_row), self->mrn_problem_row);
  clear_problem (GTK_WIDGET (self->family_name_row), self->family_name_problem_row);
  clear_problem (GTK_WIDGET (self->given_name_row), self->given_name_problem_row);
  clear_problem (GTK_WIDGET (self->birth_date_row), self->birth_date_problem_row);
  gtk_widget_set_visible (GTK_WIDGET (self->general_error_row), FALSE);
}

static void
show_general_error (VastusPatientEditor *self,
                    const char          *message)
{
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->general_error_row), message);
  gtk_widget_set_visible (GTK_WIDGET (self->general_error_row), TRUE);
}

static void
set_confirm_soft (VastusPatientEditor *self,
                  gboolean             confirm_soft)
{
  self->confirm_soft = confirm_soft;
  gtk_button_set_label (self->save_button, confirm_soft ? _("Save _Anyway") : _("_Save"));
}

/* Returns the first field with an error, else the first with a warning, for the keyboard. */
static GtkWidget *
show_problems (VastusPatientEditor *self,
               GPtrArray           *problems)
{
  GtkWidget *first = NULL;
  GtkWidget *first_warning = NULL;

  for (guint i = 0; i < problems->len; i++)
    {
      VastusProblem *problem = g_ptr_array_index (problems, i);
      GtkWidget *field = NULL;
      AdwActionRow *problem_row = NULL;

      if (g_strcmp0 (problem->field, "mrn") == 0)
        {
          field = GTK_WIDGET (self->mrn_row);
          problem_row = self->mrn_problem_row;
        }
      else if (g_strcmp0 (problem->field, "family_name") == 0 ||
               g_strcmp0 (problem->field, "name") == 0)
        {
          field = GTK_WIDGET (self->family_name_row);
          problem_row = self->family_name_problem_row;
        }
      else if (g_strcmp0 (problem->field, "given_name") == 0)
        {
          field = GTK_WIDGET (self->given_name_row);
          problem_row = self->given_name_problem_row;
        }
      else if (g_strcmp0 (problem->field, "birth_date") == 0)
        {
          field = GTK_WIDGET (self->birth_date_row);
          problem_row = self->birth_date_problem_row;
        }

      if (field == NULL)
        {
          show_general_error (self, problem->message);
          continue;
        }
      /* One message per field: a hard problem wins over a soft one. */
      if (gtk_widget_get_visible (GTK_WIDGET (problem_row)) &&
          (problem->soft || gtk_widget_has_css_class (field, "error")))
        continue;
      show_problem (field, problem_row, problem->message, problem->soft);
      if (problem->soft && first_warning == NULL)
        first_warning = field;
      else if (!problem->soft && first == NULL)
        first = field;
    }
  return first != NULL ? first : first_warning;
}

static gboolean
has_hard_problem (GPtrArray *problems)
{
  for (guint i = 0; i < problems->len; i++)
    if (!((VastusProblem *) g_ptr_array_index (problems, i))->soft)
      return TRUE;
  return FALSE;
}

static char *
dup_text_view_text (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static char *
dup_stripped (AdwEntryRow *row)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
}

static void
fill_fields (VastusPatientEditor *self)
{
  const VastusPatient *patient = self->patient;
  g_autofree char *family = NULL;
  g_autofree char *given = NULL;
  char date[VASTUS_DISPLAY_DATE_SIZE];

  /* A record from code that knows only the whole name: shown split by the one rule. */
  if (patient->family_name != NULL)
    {
      family = g_strdup (patient->family_name);
      given = g_strdup (patient->given_name);
    }
  else
    vastus_name_split (patient->name, &family, &given);
  self->filling = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->mrn_row), patient->mrn ? patient->mrn : "");
  gtk_editable_set_text (GTK_EDITABLE (self->family_name_row), family ? family : "");
  gtk_editable_set_text (GTK_EDITABLE (self->given_name_row), given ? given : "");
  gtk_editable_set_text (GTK_EDITABLE (self->birth_date_row),
                         g_date_valid (&patient->birth_date)
                         ? vastus_display_date (&patient->birth_date, date) : "");
  for (guint i = 0; i < G_N_ELEMENTS (sex_choices); i++)
    if (sex_choices[i] == patient->sex)
      adw_combo_row_set_selected (self->sex_row, i);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->notes_view),
                            patient->notes ? patient->notes : "", -1);
  self->filling = FALSE;
}

/* Callbacks */

static void
field_changed_cb (VastusPatientEditor *self)
{
  if (self->filling)
    return;
  if (self->confirm_soft)
    set_confirm_soft (self, FALSE);
}

/* The patient as typed (the fields not on the form as read); a birth date that is no date is
 * left invalid, with @error set. */
static VastusPatient *
form_patient (VastusPatientEditor  *self,
              GError              **error)
{
  VastusPatient *patient = vastus_patient_copy (self->patient);
  g_autofree char *birth_text = dup_stripped (self->birth_date_row);
  guint sex_index;

  g_free (patient->mrn);
  patient->mrn = dup_stripped (self->mrn_row);
  /* The two names as typed; storage makes the whole name from them. */
  g_free (patient->family_name);
  patient->family_name = vastus_name_tidy (gtk_editable_get_text (GTK_EDITABLE (self->family_name_row)));
  g_free (patient->given_name);
  patient->given_name = vastus_name_tidy (gtk_editable_get_text (GTK_EDITABLE (self->given_name_row)));
  g_clear_pointer (&patient->name, g_free);
  sex_index = adw_combo_row_get_selected (self->sex_row);
  patient->sex = sex_index < G_N_ELEMENTS (sex_choices) ? sex_choices[sex_index]
                                                        : VASTUS_SEX_UNKNOWN;
  g_free (patient->notes);
  patient->notes = dup_text_view_text (self->notes_view);
  if (patient->notes[0] == '\0')
    g_clear_pointer (&patient->notes, g_free);
  parse_date_entry (birth_text, &patient->birth_date, error);
  return patient;
}

/* Someone else saved the patient first: the bar reads their version */

/* Their version replaces what was typed. */
static void
conflict_reload_cb (VastusPatientEditor *self,
                    const VastusPatient *theirs)
{
  g_clear_pointer (&self->patient, vastus_patient_free);
  self->patient = vastus_patient_copy (theirs);
  vastus_conflict_bar_hide (self->conflict_bar);
  clear_problems (self);
  fill_fields (self);
  vastus_form_window_set_unchanged (VASTUS_FORM_WINDOW (self));
}

/* What was typed is saved over their version (the fields not on the form are theirs). */
static void
conflict_keep_mine_cb (VastusPatientEditor *self,
                       const VastusPatient *theirs)
{
  g_clear_pointer (&self->patient, vastus_patient_free);
  self->patient = vastus_patient_copy (theirs);
  vastus_patient_editor_save (self);
}

static void
conflict_compare_cb (VastusPatientEditor *self,
                     const VastusPatient *theirs)
{
  g_autoptr(VastusPatient) mine = form_patient (self, NULL);
  g_autoptr(GPtrArray) differences = vastus_patient_compare (theirs, mine);

  vastus_conflict_bar_compare (self->conflict_bar, differences);
}

static void
conflict_read_failed_cb (VastusPatientEditor *self,
                         const char          *message)
{
  show_general_error (self, message);
}

static void
saved_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(VastusPatientEditor) self = user_data;
  g_autoptr(GError) error = NULL;
  gint64 row_version = 0;
  gint64 id = vastus_clinic_save_patient_finish (VASTUS_CLINIC (source), result, &row_version,
                                                 &error);

  self->saving = FALSE;
  gtk_widget_set_sensitive (GTK_WIDGET (self->save_button), TRUE);
  if (id == 0)
    {
      g_autofree char *message = NULL;

      set_confirm_soft (self, FALSE);
      if (g_error_matches (error, VASTUS_CLINIC_ERROR, VASTUS_CLINIC_ERROR_DUPLICATE))
        {
          g_autofree char *mrn = dup_stripped (self->mrn_row);

          /* Translators: %s is a medical record number */
          message = g_strdup_printf (_("Another patient has the MRN “%s” already. "
                                       "MRNs must be unique."), mrn);
          show_problem (GTK_WIDGET (self->mrn_row), self->mrn_problem_row, message, FALSE);
          gtk_widget_grab_focus (GTK_WIDGET (self->mrn_row));
        }
      else if (g_error_matches (error, VASTUS_CLINIC_ERROR, VASTUS_CLINIC_ERROR_CONFLICT))
        vastus_conflict_bar_show (self->conflict_bar, error->message, self->patient->id, NULL);
      else
        {
          /* Translators: %s is a technical reason from the database */
          message = vastus_write_error_text (error, _("The patient could not be saved: %s"),
                                             error->message);
          show_general_error (self, message);
        }
      vastus_form_window_not_saved (VASTUS_FORM_WINDOW (self));
      return;
    }
  vastus_conflict_bar_hide (self->conflict_bar);
  self->patient->id = id;
  self->patient->row_version = row_version;
  g_signal_emit (self, signals [SAVED], 0, id);
  vastus_form_window_saved (VASTUS_FORM_WINDOW (self));
}

static void
save_clicked_cb (VastusPatientEditor *self)
{
  vastus_patient_editor_save (self);
}

static gboolean
vastus_patient_editor_save_form (VastusFormWindow *form)
{
  return vastus_patient_editor_save (VASTUS_PATIENT_EDITOR (form));
}

static void
vastus_patient_editor_dispose (GObject *object)
{
  VastusPatientEditor *self = (VastusPatientEditor *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), VASTUS_TYPE_PATIENT_EDITOR);

  G_OBJECT_CLASS (vastus_patient_editor_parent_class)->dispose (object);
}

static void
vastus_patient_editor_finalize (GObject *object)
{
  VastusPatientEditor *self = (VastusPatientEditor *)object;

  g_clear_object (&self->clinic);
  g_clear_pointer (&self->patient, vastus_patient_free);

  G_OBJECT_CLASS (vastus_patient_editor_parent_class)->finalize (object);
}

static void
vastus_patient_editor_class_init (VastusPatientEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  VastusFormWindowClass *form_class = VASTUS_FORM_WINDOW_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = vastus_patient_editor_dispose;
  object_class->finalize = vastus_patient_editor_finalize;
  form_class->save = vastus_patient_editor_save_form;
  form_class->question = N_("Save the patient?");

  /**
   * VastusPatientEditor::saved:
   * @patient_id: the stored patient
   */
  signals [SAVED] =
    g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  g_type_ensure (VASTUS_TYPE_CONFLICT_BAR);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/vastus-patient-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, VastusPatientEditor, conflict_bar);
  gtk_widget_class_bind_template_callback (widget_class, conflict_compare_cb);
  gtk_widget_class_bind_template_callback (widget_class, conflict_keep_mine_cb);
  gtk_widget_class_bind_template_callback (widget_class, conflict_read_failed_cb);
  gtk_widget_class_bind_template_callback (widget_class, conflict_reload_cb);
  gtk_widget_class_bind_template_child (widget_class, VastusPatientEditor, birth_date_problem_row);
  gtk_widget_class_bind_template_child (widget_class, VastusPatientEditor, birth_date_row);
  gtk_widget_class_bind_template_child (widget_class, VastusPatientEditor, general_error_row);
  gtk_widget_class_bind_template_child (widget_class, VastusPatientEditor, mrn_problem_row);
  gtk_widget_class_bind_template_child (widget_class, VastusPatientEditor, mrn_row);
  gtk_widget_class_bind_template_child (widget_class, VastusPatientEditor, family_name_problem_row);
  gtk_widget_class_bind_template_child (widget_class, VastusPatientEditor, family_name_row);
  gtk_widget_class_bind_template_child (widget_class, VastusPatientEditor, given_name_problem_row);
  gtk_widget_class_bind_template_child (widget_class, VastusPatientEditor, given_name_row);
  gtk_widget_class_bind_template_child (widget_class, VastusPatientEditor, notes_view);
  gtk_widget_class_bind_template_child (widget_class, VastusPatientEditor, save_button);
  gtk_widget_class_bind_template_child (widget_class, VastusPatientEditor, sex_row);
  gtk_widget_class_bind_template_callback (widget_class, field_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, save_clicked_cb);
}

static void
vastus_patient_editor_init (VastusPatientEditor *self)
{
  g_autoptr(GtkStringList) sexes = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));
  vastus_date_row_show_pattern (self->birth_date_row);

  for (guint i = 0; i < G_N_ELEMENTS (sex_choices); i++)
    gtk_string_list_append (sexes, vastus_sex_label (sex_choices[i]));
  adw_combo_row_set_model (self->sex_row, G_LIST_MODEL (sexes));
}

VastusPatientEditor *
vastus_patient_editor_new (GtkWindow           *parent,
                           VastusClinic        *clinic,
                           const VastusPatient *patient)
{
  VastusPatientEditor *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (VASTUS_IS_CLINIC (clinic), NULL);

  self = g_object_new (VASTUS_TYPE_PATIENT_EDITOR,
                       "transient-for", parent,
                       "application", parent != NULL ? gtk_window_get_application (parent) : NULL,
                       "title", patient != NULL
                                  /* Translators: the title of the window that edits a patient's
                                   * details */
                                  ? _("Edit Patient")
                                  /* Translators: the title of the window that adds a patient */
                                  : _("New Patient"),
                       NULL);
  self->clinic = g_object_ref (clinic);
  vastus_conflict_bar_set_clinic (self->conflict_bar, clinic, VASTUS_STORED_PATIENT);
  self->patient = patient != NULL ? vastus_patient_copy (patient) : vastus_patient_new ();
  fill_fields (self);
  vastus_form_window_set_unchanged (VASTUS_FORM_WINDOW (self));
  /* Typing starts in the first field, not on Cancel. */
  gtk_window_set_focus (GTK_WINDOW (self), GTK_WIDGET (self->mrn_row));
  return self;
}

gboolean
vastus_patient_editor_save (VastusPatientEditor *self)
{
  g_autoptr(VastusPatient) patient = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) date_error = NULL;
  GtkWidget *first;
  GDate today;

  g_return_val_if_fail (VASTUS_IS_PATIENT_EDITOR (self), FALSE);

  if (self->saving)
    return FALSE;
  patient = form_patient (self, &date_error);
  clear_problems (self);
  vastus_date_today (&today);
  if (date_error != NULL)
    {
      /* Translators: %s says why the text is not a date, e.g. "“31.02.1980” is not a date
       * (write it as 31.12.2026 or 2026-12-31)" */
      g_autofree char *message = g_strdup_printf (_("Birth date: %s."), date_error->message);

      problems = vastus_patient_check (patient, &today);
      /* Not "required": what was typed is not a date. */
      for (guint i = problems->len; i > 0; i--)
        if (g_strcmp0 (((VastusProblem *) g_ptr_array_index (problems, i - 1))->field,
                       "birth_date") == 0)
          g_ptr_array_remove_index (problems, i - 1);
      show_problem (GTK_WIDGET (self->birth_date_row), self->birth_date_problem_row, message, FALSE);
      first = show_problems (self, problems);
      /* The MRN and name rows come first in the form. */
      gtk_widget_grab_focus (first != NULL ? first : GTK_WIDGET (self->birth_date_row));
      set_confirm_soft (self, FALSE);
      return FALSE;
    }

  problems = vastus_patient_check (patient, &today);
  if (problems->len > 0)
    {
      gboolean hard = has_hard_problem (problems);

      first = show_problems (self, problems);
      if (hard || !self->confirm_soft)
        {
          if (first != NULL)
            gtk_widget_grab_focus (first);
          set_confirm_soft (self, !hard);
          return FALSE;
        }
    }

  self->saving = TRUE;
  gtk_widget_set_sensitive (GTK_WIDGET (self->save_button), FALSE);
  vastus_clinic_save_patient_async (self->clinic, patient, NULL, saved_cb, g_object_ref (self));
  return TRUE;
}
