/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vastus-patient-pane"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "vastus-episode-editor.h"
#include "vastus-patient-pane.h"
#include "vastus-value.h"

struct _VastusPatientPane
{
  AdwBin               parent_instance;

  VastusDatabase      *database;
  gint64               patient_id;     /* 0: none shown */
  gboolean             archived;

  /* Template widgets */
  GtkStack            *stack;
  AdwPreferencesGroup *patient_group;
  GtkButton           *add_episode_button;
  GtkButton           *archive_button;
  GtkButton           *edit_button;
  GtkListBox          *episode_list;
};

G_DEFINE_FINAL_TYPE (VastusPatientPane, vastus_patient_pane, ADW_TYPE_BIN)

enum {
  EDIT_REQUESTED,
  ARCHIVE_REQUESTED,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

static void
clear_episodes (VastusPatientPane *self)
{
  GtkWidget *row;

  while ((row = gtk_widget_get_first_child (GTK_WIDGET (self->episode_list))) != NULL)
    gtk_list_box_remove (self->episode_list, row);
}

static void
add_episode_row (VastusPatientPane   *self,
                 const VastusEpisode *episode)
{
  const GDate *index_date = vastus_episode_get_index_date (episode);
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  char date[VASTUS_DATE_BUF_SIZE];
  GtkWidget *row = adw_action_row_new ();

  /* Translators: a condition and the involved side, "ACL reconstruction, Left" */
  title = g_strdup_printf (_("%s, %s"), vastus_condition_label (episode->condition),
                           vastus_side_label (episode->involved_side));
  if (index_date != NULL && g_date_valid (&episode->surgery_date))
    /* Translators: %s is a date */
    subtitle = g_strdup_printf (_("Surgery %s"), vastus_date_format (index_date, date));
  else if (index_date != NULL)
    /* Translators: %s is a date */
    subtitle = g_strdup_printf (_("Injury %s"), vastus_date_format (index_date, date));

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_list_box_append (self->episode_list, row);
}

static void
update (VastusPatientPane *self)
{
  g_autoptr(VastusPatient) patient = NULL;
  g_autoptr(GPtrArray) episodes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  g_autofree char *description = NULL;
  GDate today;

  clear_episodes (self);
  if (self->patient_id > 0 && self->database != NULL)
    patient = vastus_database_get_patient (self->database, self->patient_id, &error);
  if (patient != NULL)
    episodes = vastus_database_list_episodes (self->database, self->patient_id, &error);
  if (patient == NULL || episodes == NULL)
    {
      if (error != NULL)
        g_debug ("Cannot show patient %" G_GINT64_FORMAT ": %s", self->patient_id,
                 error->message);
      self->patient_id = 0;
      gtk_stack_set_visible_child_name (self->stack, "none");
      return;
    }

  self->archived = patient->archived;
  title = g_markup_escape_text (patient->name != NULL ? patient->name : "", -1);
  vastus_date_today (&today);
  if (g_date_valid (&patient->birth_date) && g_date_compare (&patient->birth_date, &today) <= 0)
    {
      int age = vastus_date_age_years (&patient->birth_date, &today);

      /* Translators: "MRN 1234 · 45 years · Female" */
      description = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "MRN %s · %d year · %s",
                                                  "MRN %s · %d years · %s", age),
                                     patient->mrn, age, vastus_sex_label (patient->sex));
    }
  else
    {
      description = g_strdup_printf (_("MRN %s"), patient->mrn);
    }
  {
    g_autofree char *escaped = g_markup_escape_text (description, -1);

    adw_preferences_group_set_title (self->patient_group, title);
    adw_preferences_group_set_description (self->patient_group, escaped);
  }

  gtk_widget_set_tooltip_text (GTK_WIDGET (self->archive_button),
                               patient->archived ? _("Restore Patient") : _("Archive Patient"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->archive_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  patient->archived ? _("Restore patient") : _("Archive patient"),
                                  -1);

  for (guint i = 0; i < episodes->len; i++)
    add_episode_row (self, g_ptr_array_index (episodes, i));
  if (episodes->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No episodes of care yet"));
      gtk_widget_add_css_class (row, "dim-label");
      gtk_list_box_append (self->episode_list, row);
    }
  gtk_stack_set_visible_child_name (self->stack, "patient");
}

/* Callbacks */

static void
edit_clicked_cb (VastusPatientPane *self)
{
  if (self->patient_id > 0)
    g_signal_emit (self, signals [EDIT_REQUESTED], 0, self->patient_id);
}

static void
archive_clicked_cb (VastusPatientPane *self)
{
  if (self->patient_id > 0)
    g_signal_emit (self, signals [ARCHIVE_REQUESTED], 0, self->patient_id, !self->archived);
}

static void
episode_saved_cb (VastusPatientPane *self,
                  gint64             episode_id)
{
  update (self);
}

static void
add_episode_clicked_cb (VastusPatientPane *self)
{
  g_autoptr(VastusPatient) patient = NULL;
  g_autoptr(GError) error = NULL;
  VastusEpisodeEditor *editor;
  GtkRoot *root;

  if (self->patient_id <= 0 || self->database == NULL)
    return;

  patient = vastus_database_get_patient (self->database, self->patient_id, &error);
  if (patient == NULL)
    {
      g_debug ("Cannot add an episode: %s", error != NULL ? error->message : "no patient");
      return;
    }
  root = gtk_widget_get_root (GTK_WIDGET (self));
  editor = vastus_episode_editor_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                      self->database, patient, NULL);
  g_signal_connect_object (editor, "saved", G_CALLBACK (episode_saved_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (editor));
}

static void
vastus_patient_pane_dispose (GObject *object)
{
  VastusPatientPane *self = (VastusPatientPane *)object;

  /* The stack is AdwBin's child and a bound template child: let AdwBin drop it first. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), VASTUS_TYPE_PATIENT_PANE);
  g_clear_object (&self->database);

  G_OBJECT_CLASS (vastus_patient_pane_parent_class)->dispose (object);
}

static void
vastus_patient_pane_class_init (VastusPatientPaneClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = vastus_patient_pane_dispose;

  /**
   * VastusPatientPane::edit-requested:
   * @patient_id: the patient shown
   */
  signals [EDIT_REQUESTED] =
    g_signal_new ("edit-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
  /**
   * VastusPatientPane::archive-requested:
   * @patient_id: the patient shown
   * @archive: TRUE to archive, FALSE to restore an archived patient
   */
  signals [ARCHIVE_REQUESTED] =
    g_signal_new ("archive-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_INT64, G_TYPE_BOOLEAN);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/vastus-patient-pane.ui");
  gtk_widget_class_bind_template_child (widget_class, VastusPatientPane, add_episode_button);
  gtk_widget_class_bind_template_child (widget_class, VastusPatientPane, archive_button);
  gtk_widget_class_bind_template_child (widget_class, VastusPatientPane, edit_button);
  gtk_widget_class_bind_template_child (widget_class, VastusPatientPane, episode_list);
  gtk_widget_class_bind_template_child (widget_class, VastusPatientPane, patient_group);
  gtk_widget_class_bind_template_child (widget_class, VastusPatientPane, stack);
  gtk_widget_class_bind_template_callback (widget_class, add_episode_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, archive_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, edit_clicked_cb);
}

static void
vastus_patient_pane_init (VastusPatientPane *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
vastus_patient_pane_new (VastusDatabase *database)
{
  VastusPatientPane *self = g_object_new (VASTUS_TYPE_PATIENT_PANE, NULL);

  vastus_patient_pane_set_database (self, database);
  return GTK_WIDGET (self);
}

void
vastus_patient_pane_set_database (VastusPatientPane *self,
                                  VastusDatabase    *database)
{
  g_return_if_fail (VASTUS_IS_PATIENT_PANE (self));
  g_return_if_fail (database == NULL || VASTUS_IS_DATABASE (database));

  if (g_set_object (&self->database, database))
    vastus_patient_pane_show_patient (self, 0);
}

void
vastus_patient_pane_show_patient (VastusPatientPane *self,
                                  gint64             patient_id)
{
  g_return_if_fail (VASTUS_IS_PATIENT_PANE (self));

  self->patient_id = patient_id;
  update (self);
}

gint64
vastus_patient_pane_get_patient_id (VastusPatientPane *self)
{
  g_return_val_if_fail (VASTUS_IS_PATIENT_PANE (self), 0);

  return self->patient_id;
}

void
vastus_patient_pane_reload (VastusPatientPane *self)
{
  g_return_if_fail (VASTUS_IS_PATIENT_PANE (self));

  update (self);
}
