/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vastus-patient-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "vastus-patient-dialog.h"
#include "vastus-validate.h"
#include "vastus-value.h"

struct _VastusPatientDialog
{
  AdwWindow       parent_instance;

  VastusDatabase *database;
  gboolean        soft_confirmable;   /* only soft problems are shown: Add again confirms them */

  AdwEntryRow    *birth_row;
  AdwEntryRow    *mrn_row;
  AdwEntryRow    *name_row;
  GtkLabel       *problem_label;
  GtkButton      *save_button;
  AdwComboRow    *sex_row;
};

G_DEFINE_FINAL_TYPE (VastusPatientDialog, vastus_patient_dialog, ADW_TYPE_WINDOW)

enum { PATIENT_ADDED, N_SIGNALS };
static guint signals [N_SIGNALS];

/* In the order of VastusSex. */
static const VastusSex sexes[] = {
  VASTUS_SEX_UNKNOWN, VASTUS_SEX_FEMALE, VASTUS_SEX_MALE, VASTUS_SEX_OTHER,
};

static void
clear_problems (VastusPatientDialog *self)
{
  gtk_widget_remove_css_class (GTK_WIDGET (self->mrn_row), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->name_row), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->birth_row), "error");
  gtk_label_set_text (self->problem_label, "");
  gtk_widget_set_visible (GTK_WIDGET (self->problem_label), FALSE);
  gtk_button_set_label (self->save_button, _("_Add"));
  self->soft_confirmable = FALSE;
}

static GtkWidget *
row_for_field (VastusPatientDialog *self,
               const char          *field)
{
  if (g_strcmp0 (field, "mrn") == 0)
    return GTK_WIDGET (self->mrn_row);
  if (g_strcmp0 (field, "name") == 0)
    return GTK_WIDGET (self->name_row);
  if (g_strcmp0 (field, "birth_date") == 0)
    return GTK_WIDGET (self->birth_row);
  return NULL;
}

/* Shows @problems on their rows and below the form; returns TRUE if any is hard. */
static gboolean
show_problems (VastusPatientDialog *self,
               GPtrArray           *problems)
{
  g_autoptr(GString) text = g_string_new (NULL);
  gboolean hard = FALSE;
  GtkWidget *first = NULL;

  for (guint i = 0; i < problems->len; i++)
    {
      const VastusProblem *p = g_ptr_array_index (problems, i);
      GtkWidget *row = row_for_field (self, p->field);

      hard |= !p->soft;
      if (row != NULL)
        {
          gtk_widget_add_css_class (row, "error");
          if (first == NULL)
            first = row;
        }
      if (text->len > 0)
        g_string_append_c (text, '\n');
      g_string_append (text, p->message);
    }
  if (problems->len == 0)
    return FALSE;

  gtk_label_set_text (self->problem_label, text->str);
  gtk_widget_set_visible (GTK_WIDGET (self->problem_label), TRUE);
  if (first != NULL)
    gtk_widget_grab_focus (first);
  return hard;
}

static void
show_message (VastusPatientDialog *self,
              const char          *field,
              const char          *message)
{
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func ((GDestroyNotify) vastus_problem_free);
  VastusProblem *p = g_new0 (VastusProblem, 1);

  p->field = g_strdup (field);
  p->message = g_strdup (message);
  p->index = -1;
  g_ptr_array_add (problems, p);
  show_problems (self, problems);
}

/* Callbacks */

static void
row_changed_cb (VastusPatientDialog *self)
{
  clear_problems (self);
}

static void
save_clicked_cb (VastusPatientDialog *self)
{
  g_autoptr(VastusPatient) patient = vastus_patient_new ();
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *birth_text = NULL;
  gboolean confirmed = self->soft_confirmable;
  gboolean hard;
  guint sex;
  GDate today;

  clear_problems (self);

  patient->mrn = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->mrn_row))));
  patient->name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_row))));
  birth_text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->birth_row))));
  sex = adw_combo_row_get_selected (self->sex_row);
  patient->sex = sex < G_N_ELEMENTS (sexes) ? sexes[sex] : VASTUS_SEX_UNKNOWN;

  if (*birth_text != '\0' && !vastus_date_parse (birth_text, &patient->birth_date, NULL))
    {
      g_autofree char *message =
        g_strdup_printf (_("The birth date “%s” is not a date: write it as YYYY-MM-DD, "
                           "for example 1984-03-27."), birth_text);

      show_message (self, "birth_date", message);
      return;
    }

  vastus_date_today (&today);
  problems = vastus_patient_check (patient, &today);
  hard = show_problems (self, problems);
  if (hard)
    return;
  if (problems->len > 0 && !confirmed)
    {
      /* Only warnings: they are shown; a second Add confirms them. */
      self->soft_confirmable = TRUE;
      gtk_button_set_label (self->save_button, _("_Add Anyway"));
      return;
    }
  clear_problems (self);

  if (!vastus_database_insert_patient (self->database, patient, &error))
    {
      if (g_error_matches (error, VASTUS_STORE_ERROR, VASTUS_STORE_ERROR_CONSTRAINT))
        {
          g_autofree char *message =
            g_strdup_printf (_("A patient with the MRN “%s” exists already."), patient->mrn);

          show_message (self, "mrn", message);
        }
      else
        {
          g_autofree char *message =
            g_strdup_printf (_("The patient could not be saved: %s"), error->message);

          show_message (self, NULL, message);
        }
      return;
    }

  g_signal_emit (self, signals [PATIENT_ADDED], 0, patient->mrn);
  gtk_window_close (GTK_WINDOW (self));
}

/* Overrides */

static void
vastus_patient_dialog_dispose (GObject *object)
{
  VastusPatientDialog *self = VASTUS_PATIENT_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), VASTUS_TYPE_PATIENT_DIALOG);
  g_clear_object (&self->database);
  G_OBJECT_CLASS (vastus_patient_dialog_parent_class)->dispose (object);
}

static void
vastus_patient_dialog_class_init (VastusPatientDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = vastus_patient_dialog_dispose;

  signals [PATIENT_ADDED] =
    g_signal_new ("patient-added", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/vastus-patient-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, VastusPatientDialog, birth_row);
  gtk_widget_class_bind_template_child (widget_class, VastusPatientDialog, mrn_row);
  gtk_widget_class_bind_template_child (widget_class, VastusPatientDialog, name_row);
  gtk_widget_class_bind_template_child (widget_class, VastusPatientDialog, problem_label);
  gtk_widget_class_bind_template_child (widget_class, VastusPatientDialog, save_button);
  gtk_widget_class_bind_template_child (widget_class, VastusPatientDialog, sex_row);
  gtk_widget_class_bind_template_callback (widget_class, row_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, save_clicked_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
vastus_patient_dialog_init (VastusPatientDialog *self)
{
  g_autoptr(GtkStringList) sex_labels = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));

  for (guint i = 0; i < G_N_ELEMENTS (sexes); i++)
    gtk_string_list_append (sex_labels, vastus_sex_label (sexes[i]));
  adw_combo_row_set_model (self->sex_row, G_LIST_MODEL (sex_labels));
}

/* Public API */

VastusPatientDialog *
vastus_patient_dialog_new (GtkWindow      *parent,
                           VastusDatabase *database)
{
  VastusPatientDialog *self;

  g_return_val_if_fail (VASTUS_IS_DATABASE (database), NULL);

  self = g_object_new (VASTUS_TYPE_PATIENT_DIALOG,
                       "transient-for", parent,
                       NULL);
  self->database = g_object_ref (database);
  return self;
}
