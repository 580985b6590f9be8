/* vastus-window-actions.c: the main window's actions (win.*): adding a patient, the demo,
 * backups, exports, preferences, the criteria sets, Check Names, the caseload, imports (also of a file dropped
 * on the window), Undo, Add Visit and Add Episode of Care from anywhere in the window; the keyboard
 * shortcuts window made to fit a phone
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "vastus-window"

#include "config.h"

#include "vastus-i18n.h"

#include "vastus-application.h"
#include "vastus-backup-window.h"
#include "vastus-caseload-window.h"
#include "vastus-criteria-sets-window.h"
#include "vastus-data-export.h"
#include "vastus-demo.h"
#include "vastus-import-assistant.h"
#include "vastus-name-review-window.h"
#include "vastus-login-dialog.h"
#include "vastus-preferences-window.h"
#include "vastus-report-dialog.h"
#include "vastus-window-private.h"
#include "vastus-write-error.h"

/* Ctrl+F from anywhere in the window: the list's search. */
static void
search_cb (GSimpleAction *action,
           GVariant      *parameter,
           gpointer       user_data)
{
  VastusWindow *self = VASTUS_WINDOW (user_data);

  vastus_patient_list_focus_search (self->patient_list);
}

static void
add_patient_cb (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  VastusWindow *self = VASTUS_WINDOW (user_data);

  /* The list owns the editor; a saved patient comes back as "patient-activated". */
  vastus_patient_list_add_patient (self->patient_list);
}

static void
demo_loaded_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(VastusWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  guint n_added = vastus_clinic_load_demo_finish (VASTUS_CLINIC (source), result, &error);

  if (error != NULL)
    {
      g_message ("Cannot add the demo patients: %s", error->message);
      /* Translators: %s is the reason, from the database */
      title = vastus_write_error_text (error, _("Could not add the demo patients: %s"),
                                      error->message);
      _vastus_window_toast (self, title);
      return;
    }
  if (n_added == 0)
    title = g_strdup (_("The demo patients are there already"));
  else
    /* Translators: %u is how many made-up patients were added, to try Vastus with */
    title = g_strdup_printf (ngettext ("Added %u demo patient",
                                          "Added %u demo patients", n_added), n_added);
  _vastus_window_toast (self, title);
}

static void
load_demo_cb (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  VastusWindow *self = VASTUS_WINDOW (user_data);

  vastus_clinic_load_demo_async (self->clinic, NULL, demo_loaded_cb, g_object_ref (self));
}

/* A restore through the backup window reads everything shown again by itself (the clinic). */
static void
backups_cb (GSimpleAction *action,
            GVariant      *parameter,
            gpointer       user_data)
{
  VastusWindow *self = VASTUS_WINDOW (user_data);

  gtk_window_present (GTK_WINDOW (vastus_backup_window_new (GTK_WINDOW (self), self->clinic)));
}

static void
export_data_cb (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  VastusWindow *self = VASTUS_WINDOW (user_data);

  vastus_data_export_run (GTK_WINDOW (self), self->clinic, NULL, FALSE, self->task_bar,
                          self->toast_overlay);
}

/* The record as a FHIR Bundle: the whole clinic. */
static void
export_fhir_cb (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  VastusWindow *self = VASTUS_WINDOW (user_data);

  vastus_data_export_run_fhir (GTK_WINDOW (self), self->clinic, NULL, self->task_bar,
                               self->toast_overlay);
}

static void
preferences_cb (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  VastusWindow *self = VASTUS_WINDOW (user_data);

  gtk_window_present (GTK_WINDOW (vastus_preferences_window_new (GTK_WINDOW (self),
                                                                 self->clinic)));
}

/* Preferences on its Database page: another database, from the recovery page too. */
static void
choose_database_cb (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  VastusWindow *self = VASTUS_WINDOW (user_data);
  GtkWidget *preferences = vastus_preferences_window_new (GTK_WINDOW (self),
                                                         vastus_clinic_is_open (self->clinic)
                                                         ? self->clinic : NULL);

  adw_preferences_window_set_visible_page (
    ADW_PREFERENCES_WINDOW (preferences),
    ADW_PREFERENCES_PAGE (vastus_preferences_window_get_row (VASTUS_PREFERENCES_WINDOW (preferences),
                                                             "database")));
  gtk_window_present (GTK_WINDOW (preferences));
}

/* On a clinic server: logging in again, as another clinician. */
static void
log_in_as_cb (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  VastusWindow *self = VASTUS_WINDOW (user_data);
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  if (!VASTUS_IS_APPLICATION (app))
    return;
  gtk_window_present (GTK_WINDOW (vastus_login_dialog_new (GTK_WINDOW (self),
                                                           VASTUS_APPLICATION (app),
                                                           self->settings, self->toast_overlay)));
}

static void
criteria_sets_cb (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  VastusWindow *self = VASTUS_WINDOW (user_data);

  /* A new clinic set or version reaches the patient page from the clinic's change. */
  gtk_window_present (GTK_WINDOW (vastus_criteria_sets_window_new (GTK_WINDOW (self),
                                                                   self->clinic)));
}

/* The patient shown on the patient page, or NULL. */
static VastusPatient *
shown_patient (VastusWindow *self)
{
  const VastusPatient *patient = self->record != NULL
                                 ? vastus_patient_record_get_patient (self->record) : NULL;

  return patient != NULL ? vastus_patient_copy (patient) : NULL;
}

static void
export_report_cb (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  VastusWindow *self = VASTUS_WINDOW (user_data);
  g_autoptr(VastusPatient) patient = shown_patient (self);

  if (patient != NULL)
    gtk_window_present (GTK_WINDOW (vastus_report_dialog_new (GTK_WINDOW (self), self->record)));
}

static void
export_patient_data_cb (GSimpleAction *action,
                        GVariant      *parameter,
                        gpointer       user_data)
{
  VastusWindow *self = VASTUS_WINDOW (user_data);
  g_autoptr(VastusPatient) patient = shown_patient (self);

  if (patient != NULL)
    vastus_data_export_run (GTK_WINDOW (self), self->clinic, patient->mrn, FALSE, self->task_bar,
                            self->toast_overlay);
}

static void
export_patient_fhir_cb (GSimpleAction *action,
                        GVariant      *parameter,
                        gpointer       user_data)
{
  VastusWindow *self = VASTUS_WINDOW (user_data);
  g_autoptr(VastusPatient) patient = shown_patient (self);

  if (patient != NULL)
    vastus_data_export_run_fhir (GTK_WINDOW (self), self->clinic, patient->mrn, self->task_bar,
                                 self->toast_overlay);
}

/* The caseload, in its own window; a patient chosen there opens on the page here. */
static void
caseload_cb (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  VastusWindow *self = VASTUS_WINDOW (user_data);
  GListModel *toplevels = gtk_window_get_toplevels ();
  GtkWidget *caseload;

  /* One caseload: Ctrl+L brings it back to the front. */
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (VASTUS_IS_CASELOAD_WINDOW (window)
          && gtk_window_get_application (GTK_WINDOW (window)) == gtk_window_get_application (GTK_WINDOW (self)))
        {
          gtk_window_present (GTK_WINDOW (window));
          return;
        }
    }
  caseload = vastus_caseload_window_new (GTK_WINDOW (self), self->clinic);
  g_signal_connect_object (caseload, "show-patient", G_CALLBACK (_vastus_window_patient_activated_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (caseload));
}

/* The patients whose names an upgrade or an import split by a guess. */
static void
check_names_cb (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  VastusWindow *self = VASTUS_WINDOW (user_data);

  gtk_window_present (GTK_WINDOW (vastus_name_review_window_new (GTK_WINDOW (self),
                                                                 self->clinic)));
}

/* The assistant, in its own window; imported visits reach the page through the clinic. */
static VastusImportAssistant *
open_import_assistant (VastusWindow *self)
{
  const VastusPatient *patient = self->record != NULL
                                 ? vastus_patient_record_get_patient (self->record) : NULL;
  VastusImportAssistant *assistant = vastus_import_assistant_new (GTK_WINDOW (self), self->clinic,
                                                                  patient);

  g_signal_connect_object (assistant, "show-patient", G_CALLBACK (_vastus_window_patient_activated_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (assistant));
  return assistant;
}

static void
import_device_cb (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  open_import_assistant (VASTUS_WINDOW (user_data));
}

/* A file dropped on the window: the assistant, reading it. */
static gboolean
drop_cb (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         VastusWindow  *self)
{
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self), "import-device");
  g_autofree char *path = NULL;

  if (!G_VALUE_HOLDS (value, G_TYPE_FILE) || !g_action_get_enabled (action))
    return FALSE;
  path = g_file_get_path (g_value_get_object (value));
  if (path == NULL)
    return FALSE;
  vastus_import_assistant_open_file (open_import_assistant (self), path);
  return TRUE;
}

/* Ctrl+Z: the newest deletion or archiving comes back (a visit, an episode, a patient). */
static void
undo_cb (GSimpleAction *action,
         GVariant      *parameter,
         gpointer       user_data)
{
  VastusWindow *self = VASTUS_WINDOW (user_data);

  vastus_undo_stack_undo (self->undo);
}

/* The page's Add Visit and Add Episode of Care, from anywhere in the window. */
static void
add_visit_action_cb (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  vastus_patient_page_add_visit (VASTUS_WINDOW (user_data)->patient_page);
}

static void
add_episode_action_cb (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  vastus_patient_page_add_episode (VASTUS_WINDOW (user_data)->patient_page);
}

static const GActionEntry win_actions[] = {
  { "undo", undo_cb },
  { "add-visit", add_visit_action_cb },
  { "add-episode", add_episode_action_cb },
  { "import-device", import_device_cb },
  { "export-report", export_report_cb },
  { "export-patient-data", export_patient_data_cb },
  { "export-patient-fhir", export_patient_fhir_cb },
  { "add-patient", add_patient_cb },
  { "search", search_cb },
  { "load-demo", load_demo_cb },
  { "backups", backups_cb },
  { "export-data", export_data_cb },
  { "export-fhir", export_fhir_cb },
  { "preferences", preferences_cb },
  { "choose-database", choose_database_cb },
  { "log-in-as", log_in_as_cb },
  { "criteria-sets", criteria_sets_cb },
  { "check-names", check_names_cb },
  { "caseload", caseload_cb },
};

void
_vastus_window_add_actions (VastusWindow *self)
{
  GtkDropTarget *drop = gtk_drop_target_new (G_TYPE_FILE, GDK_ACTION_COPY);

  g_action_map_add_action_entries (G_ACTION_MAP (self), win_actions, G_N_ELEMENTS (win_actions),
                                   self);
  g_signal_connect_object (drop, "drop", G_CALLBACK (drop_cb), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));
}

static GtkWidget *
find_search_entry (GtkWidget *widget)
{
  if (GTK_IS_SEARCH_ENTRY (widget))
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_search_entry (c);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Lets each label under @widget wrap that is in a grid (@in_grid: @widget is): the page the
 * shortcuts window shows when a search finds nothing, whose heading ("No Results Found", GTK's
 * message) took 383 px in Spanish on one line. The shortcuts themselves are in boxes. */
static void
wrap_grid_labels (GtkWidget *widget,
                  gboolean   in_grid)
{
  in_grid = in_grid || GTK_IS_GRID (widget);
  if (in_grid && GTK_IS_LABEL (widget))
    {
      gtk_label_set_wrap (GTK_LABEL (widget), TRUE);
      gtk_label_set_justify (GTK_LABEL (widget), GTK_JUSTIFY_CENTER);
    }
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    wrap_grid_labels (c, in_grid);
}

/* GTK 4.8's keyboard shortcuts window asks 40 characters for its search entry at the least (some
 * 380 px: the window could not be narrower than 390 px) and sets its "No Results Found" on one
 * line, while each of its sections fits a 360 px phone (gtk/help-overlay.ui). The entry keeps
 * those 40 characters as the width it likes and asks for 16 at the least, so on a desktop nothing
 * changes, and the message wraps when it must. */
void
_vastus_window_fit_help_overlay (VastusWindow *self)
{
  GtkShortcutsWindow *overlay = gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (self));
  GtkWidget *entry = overlay != NULL ? find_search_entry (GTK_WIDGET (overlay)) : NULL;
  GtkEditable *editable;

  if (entry == NULL)
    return;
  editable = GTK_EDITABLE (entry);
  if (gtk_editable_get_width_chars (editable) > gtk_editable_get_max_width_chars (editable))
    gtk_editable_set_max_width_chars (editable, gtk_editable_get_width_chars (editable));
  gtk_editable_set_width_chars (editable, MIN (gtk_editable_get_width_chars (editable), 16));
  wrap_grid_labels (GTK_WIDGET (overlay), FALSE);
}
