/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vastus-patient-pane"

#include "config.h"

#include "vastus-i18n.h"

#include "vastus-display.h"
#include "vastus-patient-pane.h"
#include "vastus-value.h"
#include "vastus-tooltip.h"

struct _VastusPatientPane
{
  AdwBin               parent_instance;

  VastusPatientRecord *record;         /* NULL: none shown */

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
update_episode_row (AdwActionRow        *row,
                    GParamSpec          *pspec,
                    VastusEpisodeRecord *record)
{
  const VastusEpisode *episode = vastus_episode_record_get_episode (record);
  const GDate *index_date = vastus_episode_get_index_date (episode);
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  char date[VASTUS_DISPLAY_DATE_SIZE];

  /* Translators: a condition and the involved side, "ACL reconstruction, Left" */
  title = g_strdup_printf (_("%s, %s"), vastus_condition_label (episode->condition),
                           vastus_side_label (episode->involved_side));
  if (index_date != NULL && g_date_valid (&episode->surgery_date))
    /* Translators: %s is a date */
    subtitle = g_strdup_printf (_("Surgery %s"), vastus_display_date (index_date, date));
  else if (index_date != NULL)
    /* Translators: %s is a date */
    subtitle = g_strdup_printf (_("Injury %s"), vastus_display_date (index_date, date));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle != NULL ? subtitle : "");
}


static void
episode_row_activated_cb (AdwActionRow      *row,
                          VastusPatientPane *self)
{
  VastusEpisodeRecord *episode = g_object_get_data (G_OBJECT (row), "vastus-episode");

  /* The page opens its editor (the pane is one of its views). */
  gtk_widget_activate_action (GTK_WIDGET (row), "page.edit-episode", "x",
                              vastus_episode_record_get_id (episode));
}

/* A row per episode, bound to the record's episodes: it follows each episode's fields. */
static GtkWidget *
create_episode_row (gpointer item,
                    gpointer user_data)
{
  VastusEpisodeRecord *episode = item;
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             gtk_image_new_from_icon_name ("document-edit-symbolic"));
  vastus_set_tooltip (row, _("Edit the episode of care"));
  g_object_set_data_full (G_OBJECT (row), "vastus-episode", g_object_ref (episode),
                          g_object_unref);
  g_signal_connect_object (episode, "notify::episode", G_CALLBACK (update_episode_row), row,
                           G_CONNECT_SWAPPED);
  g_signal_connect (row, "activated", G_CALLBACK (episode_row_activated_cb), user_data);
  update_episode_row (ADW_ACTION_ROW (row), NULL, episode);
  return row;
}

static void
update (VastusPatientPane *self)
{
  const VastusPatient *patient = self->record != NULL
                                 ? vastus_patient_record_get_patient (self->record) : NULL;
  g_autofree char *title = NULL;
  g_autofree char *description = NULL;
  g_autofree char *escaped = NULL;
  GDate today;

  if (patient == NULL)
    {
      gtk_stack_set_visible_child_name (self->stack, "none");
      return;
    }

  title = g_markup_escape_text (patient->name != NULL ? patient->name : "", -1);
  vastus_date_today (&today);
  if (g_date_valid (&patient->birth_date) && g_date_compare (&patient->birth_date, &today) <= 0)
    {
      int age = vastus_date_age_years (&patient->birth_date, &today);

      /* Translators: "MRN 1234 · 45 years · Female" */
      description = g_strdup_printf (ngettext ("MRN %s · %d year · %s",
                                                  "MRN %s · %d years · %s", age),
                                     patient->mrn, age, vastus_sex_label (patient->sex));
    }
  else
    {
      description = g_strdup_printf (_("MRN %s"), patient->mrn);
    }
  escaped = g_markup_escape_text (description, -1);
  adw_preferences_group_set_title (self->patient_group, title);
  adw_preferences_group_set_description (self->patient_group, escaped);

  vastus_set_tooltip (GTK_WIDGET (self->archive_button),
                      patient->archived
                        /* Translators: a tooltip (verb, title case): brings the patient back from
                         * the archive */
                        ? _("Restore Patient")
                        /* Translators: a tooltip (verb, title case): moves the patient out of the
                         * patient list into the archive; nothing is deleted */
                        : _("Archive Patient"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->archive_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  patient->archived
                                    /* Translators: read out by a screen reader (verb): the
                                     * button that brings the patient back from the archive */
                                    ? _("Restore patient")
                                    /* Translators: read out by a screen reader (verb): the
                                     * button that moves the patient into the archive */
                                    : _("Archive patient"),
                                  -1);
  gtk_stack_set_visible_child_name (self->stack, "patient");
}

/* Callbacks */

static const VastusPatient *
shown_patient (VastusPatientPane *self)
{
  return self->record != NULL ? vastus_patient_record_get_patient (self->record) : NULL;
}

static void
edit_clicked_cb (VastusPatientPane *self)
{
  if (shown_patient (self) != NULL)
    g_signal_emit (self, signals [EDIT_REQUESTED], 0, shown_patient (self)->id);
}

static void
archive_clicked_cb (VastusPatientPane *self)
{
  if (shown_patient (self) != NULL)
    g_signal_emit (self, signals [ARCHIVE_REQUESTED], 0, shown_patient (self)->id,
                   !shown_patient (self)->archived, shown_patient (self)->row_version);
}

static void
vastus_patient_pane_dispose (GObject *object)
{
  VastusPatientPane *self = (VastusPatientPane *)object;

  /* The stack is AdwBin's child and a bound template child: let AdwBin drop it first. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), VASTUS_TYPE_PATIENT_PANE);
  if (self->record != NULL)
    g_signal_handlers_disconnect_by_data (self->record, self);
  g_clear_object (&self->record);

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
   * @row_version: the version shown (archiving fails if someone changed the patient since)
   */
  signals [ARCHIVE_REQUESTED] =
    g_signal_new ("archive-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 3, G_TYPE_INT64, G_TYPE_BOOLEAN,
                  G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/vastus-patient-pane.ui");
  gtk_widget_class_bind_template_child (widget_class, VastusPatientPane, add_episode_button);
  gtk_widget_class_bind_template_child (widget_class, VastusPatientPane, archive_button);
  gtk_widget_class_bind_template_child (widget_class, VastusPatientPane, edit_button);
  gtk_widget_class_bind_template_child (widget_class, VastusPatientPane, episode_list);
  gtk_widget_class_bind_template_child (widget_class, VastusPatientPane, patient_group);
  gtk_widget_class_bind_template_child (widget_class, VastusPatientPane, stack);
  gtk_widget_class_bind_template_callback (widget_class, archive_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, edit_clicked_cb);
}

static void
vastus_patient_pane_init (VastusPatientPane *self)
{
  GtkWidget *none;

  gtk_widget_init_template (GTK_WIDGET (self));
  none = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (none), _("No episodes of care yet"));
  gtk_widget_add_css_class (none, "dim-label");
  gtk_list_box_set_placeholder (self->episode_list, none);
}

GtkWidget *
vastus_patient_pane_new (void)
{
  return g_object_new (VASTUS_TYPE_PATIENT_PANE, NULL);
}

void
vastus_patient_pane_set_record (VastusPatientPane   *self,
                                VastusPatientRecord *record)
{
  g_return_if_fail (VASTUS_IS_PATIENT_PANE (self));
  g_return_if_fail (record == NULL || VASTUS_IS_PATIENT_RECORD (record));

  if (self->record == record)
    return;
  if (self->record != NULL)
    g_signal_handlers_disconnect_by_data (self->record, self);
  g_set_object (&self->record, record);
  gtk_list_box_bind_model (self->episode_list,
                           record != NULL ? vastus_patient_record_get_episodes (record) : NULL,
                           create_episode_row, self, NULL);
  if (record != NULL)
    g_signal_connect_object (record, "notify::patient", G_CALLBACK (update), self,
                             G_CONNECT_SWAPPED);
  update (self);
}

VastusPatientRecord *
vastus_patient_pane_get_record (VastusPatientPane *self)
{
  g_return_val_if_fail (VASTUS_IS_PATIENT_PANE (self), NULL);
  return self->record;
}

gint64
vastus_patient_pane_get_patient_id (VastusPatientPane *self)
{
  g_return_val_if_fail (VASTUS_IS_PATIENT_PANE (self), 0);
  return self->record != NULL ? vastus_patient_record_get_id (self->record) : 0;
}
