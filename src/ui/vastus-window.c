/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vastus-window"

#include "config.h"

#include <glib/gi18n.h>

#include "vastus-backup-window.h"
#include "vastus-backup.h"
#include "vastus-clinician-picker.h"
#include "vastus-criteria-sets-window.h"
#include "vastus-data-export.h"
#include "vastus-demo.h"
#include "vastus-name-review-window.h"
#include "vastus-patient-item.h"
#include "vastus-patient-list.h"
#include "vastus-patient-page.h"
#include "vastus-patient-pane.h"
#include "vastus-preferences-window.h"
#include "vastus-recovery-page.h"
#include "vastus-report-dialog.h"
#include "vastus-value.h"
#include "vastus-visit-window.h"
#include "vastus-window.h"

struct _VastusWindow
{
  AdwApplicationWindow  parent_instance;

  char                 *database_path;
  VastusDatabase       *database;
  GSettings            *settings;     /* NULL when the schema is not installed */

  GtkButton            *add_button;
  VastusClinicianPicker *clinician_picker;
  GtkButton            *demo_button;
  GtkButton            *empty_add_button;
  AdwStatusPage        *empty_page;
  AdwStatusPage        *error_page;
  GtkRevealer          *read_only_banner;
  GCancellable         *check_cancellable;
  guint                 check_source;    /* the check's start, a second after opening */
  char                 *check_path;
  GtkLabel             *read_only_label;
  AdwLeaflet           *leaflet;
  GtkWidget            *pane_box;
  VastusPatientList    *patient_list;
  VastusPatientPage    *patient_page;
  VastusPatientPane    *patient_pane;
  GtkStack             *stack;
  AdwToastOverlay      *toast_overlay;
  AdwWindowTitle       *window_title;
};

G_DEFINE_FINAL_TYPE (VastusWindow, vastus_window, ADW_TYPE_APPLICATION_WINDOW)

enum { PROP_0, PROP_DATABASE_PATH, N_PROPS };
static GParamSpec *properties [N_PROPS];

static void
toast (VastusWindow *self,
       const char   *title)
{
  AdwToast *t = adw_toast_new (title);

  adw_toast_set_timeout (t, 4);
  adw_toast_overlay_add_toast (self->toast_overlay, t);
}

static void
update_actions (VastusWindow *self)
{
  static const char *needs_database[] = { "backups", "export-data", "criteria-sets",
                                          "export-report", "export-patient-data" };
  static const char *needs_writing[] = { "add-patient", "load-demo" };
  gboolean writable = self->database != NULL && !vastus_database_is_read_only (self->database);

  for (guint i = 0; i < G_N_ELEMENTS (needs_database); i++)
    {
      GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self), needs_database[i]);

      g_simple_action_set_enabled (G_SIMPLE_ACTION (action), self->database != NULL);
    }
  for (guint i = 0; i < G_N_ELEMENTS (needs_writing); i++)
    {
      GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self), needs_writing[i]);

      g_simple_action_set_enabled (G_SIMPLE_ACTION (action), writable);
    }
}

static gboolean
store_demo_patient (VastusDatabase    *database,
                    VastusDemoPatient *demo,
                    GError           **error)
{
  if (!vastus_database_insert_patient (database, demo->patient, error))
    return FALSE;
  for (guint i = 0; i < demo->episodes->len; i++)
    {
      VastusDemoEpisode *e = g_ptr_array_index (demo->episodes, i);

      e->episode->patient_id = demo->patient->id;
      if (!vastus_database_insert_episode (database, e->episode, error))
        return FALSE;
      for (guint j = 0; j < e->visits->len; j++)
        {
          VastusVisit *visit = g_ptr_array_index (e->visits, j);

          visit->episode_id = e->episode->id;
          if (!vastus_database_insert_visit (database, visit, error))
            return FALSE;
        }
    }
  return TRUE;
}

/* Adds the demo patients that are not there yet, all or nothing. */
static gboolean
load_demo (VastusWindow  *self,
           guint         *n_added,
           GError       **error)
{
  g_autoptr(GPtrArray) patients = NULL;
  GDate today;

  *n_added = 0;
  vastus_date_today (&today);
  patients = vastus_demo_build (&today);

  if (!vastus_database_begin (self->database, error))
    return FALSE;
  for (guint i = 0; i < patients->len; i++)
    {
      VastusDemoPatient *demo = g_ptr_array_index (patients, i);
      g_autoptr(VastusPatient) existing = NULL;

      existing = vastus_database_find_patient (self->database, demo->patient->mrn, error);
      if (existing == NULL && error != NULL && *error != NULL)
        goto failed;
      if (existing != NULL)
        continue;
      if (!store_demo_patient (self->database, demo, error))
        goto failed;
      (*n_added)++;
    }
  if (!vastus_database_commit (self->database, error))
    goto failed;
  return TRUE;

failed:
  vastus_database_rollback (self->database);
  *n_added = 0;
  return FALSE;
}

static void
show_error (VastusWindow *self,
            const char   *title,
            const char   *details)
{
  adw_status_page_set_title (self->error_page, title);
  adw_status_page_set_description (self->error_page, details);
  gtk_stack_set_visible_child_name (self->stack, "error");
  gtk_widget_set_visible (GTK_WIDGET (self->add_button), FALSE);
}

/* The full check (integrity and foreign keys) of the file just opened, on a thread of its own so
 * that a large database does not hold up the first frame. Opening ran only a quick probe. When
 * the check finds nothing, the daily backup follows. */
static void
check_thread (GTask        *task,
              gpointer      source,
              gpointer      path,
              GCancellable *cancellable)
{
  g_autoptr(GPtrArray) problems = NULL;
  GError *error = NULL;

  if (!vastus_database_check_full_path (path, &problems, &error))
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, g_steal_pointer (&problems), (GDestroyNotify) g_ptr_array_unref);
}

/* The daily backup, when one is due (vastus-backup.h), after a clean check: also on a thread,
 * with its own connection (a clinic's database takes seconds to copy). It belongs to the
 * application, which it holds, so that closing the window lets it finish. */
static void
backup_thread (GTask        *task,
               gpointer      source,
               gpointer      path,
               GCancellable *cancellable)
{
  GError *error = NULL;

  if (!vastus_backup_automatic (path, NULL, NULL, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
backup_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      application)
{
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    g_message ("Cannot take the daily backup: %s", error->message);
  if (application != NULL)
    {
      g_application_release (application);
      g_object_unref (application);
    }
}

static void
start_daily_backup (VastusWindow *self,
                    const char   *path)
{
  GtkApplication *application = gtk_window_get_application (GTK_WINDOW (self));
  g_autoptr(GTask) task = NULL;

  if (application != NULL)
    g_application_hold (G_APPLICATION (g_object_ref (application)));
  task = g_task_new (NULL, NULL, backup_done_cb, application);
  g_task_set_task_data (task, g_strdup (path), g_free);
  g_task_run_in_thread (task, backup_thread);
}

static void
check_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  VastusWindow *self = VASTUS_WINDOW (source);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems = g_task_propagate_pointer (G_TASK (result), &error);
  AdwToast *t;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (problems != NULL && problems->len == 0)
    {
      start_daily_backup (self, g_task_get_task_data (G_TASK (result)));
      return;
    }
  if (error != NULL)
    g_message ("The database check could not run: %s", error->message);
  for (guint i = 0; problems != NULL && i < problems->len; i++)
    g_message ("Database check: %s", (const char *) g_ptr_array_index (problems, i));
  /* It stays until it is read: restoring a backup is the way out. */
  t = adw_toast_new (_("The database check found damage. Restore a backup before entering more."));
  adw_toast_set_timeout (t, 0);
  adw_toast_set_button_label (t, _("_Backups…"));
  adw_toast_set_action_name (t, "win.backups");
  adw_toast_overlay_add_toast (self->toast_overlay, t);
}

static gboolean
start_check_cb (gpointer data)
{
  VastusWindow *self = data;
  g_autoptr(GTask) task = NULL;

  self->check_source = 0;
  task = g_task_new (self, self->check_cancellable, check_done_cb, NULL);
  g_task_set_task_data (task, g_steal_pointer (&self->check_path), g_free);
  g_task_set_return_on_cancel (task, TRUE);
  g_task_run_in_thread (task, check_thread);
  return G_SOURCE_REMOVE;
}

/* A second after opening, so that the check's reading does not compete with the first frames.
 * Until it starts, nothing holds the window. */
static void
start_check (VastusWindow *self,
             const char   *path)
{
  g_cancellable_cancel (self->check_cancellable);
  g_clear_object (&self->check_cancellable);
  g_clear_handle_id (&self->check_source, g_source_remove);
  self->check_cancellable = g_cancellable_new ();
  g_free (self->check_path);
  self->check_path = g_strdup (path);
  self->check_source = g_timeout_add_seconds (1, start_check_cb, self);
}

static void reopen_cb (VastusWindow *self);

static void
open_database (VastusWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *basename = NULL;

  path = self->database_path != NULL ? g_strdup (self->database_path)
                                     : vastus_database_default_path ();
  basename = g_path_get_basename (path);
  adw_window_title_set_subtitle (self->window_title, basename);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->window_title), path);

  gtk_revealer_set_reveal_child (self->read_only_banner, FALSE);
  self->database = vastus_database_open (path, &error);
  if (self->database == NULL &&
      g_error_matches (error, VASTUS_STORE_ERROR, VASTUS_STORE_ERROR_READ_ONLY))
    {
      /* Vastus may not write the file: show it read-only, and say so. */
      g_autoptr(GError) read_only_error = NULL;

      self->database = vastus_database_open_read_only (path, &read_only_error);
    }
  if (self->database != NULL && vastus_database_is_read_only (self->database))
    {
      g_autofree char *text =
        /* Translators: %s is the database file */
        g_strdup_printf (_("Read only: Vastus cannot write to %s. You can look at the records, "
                           "but nothing can be added or changed."), path);

      gtk_label_set_text (self->read_only_label, text);
      gtk_revealer_set_reveal_child (self->read_only_banner, TRUE);
      update_actions (self);
      return;
    }
  if (self->database == NULL)
    {
      GtkWidget *recovery = gtk_stack_get_child_by_name (self->stack, "recovery");

      g_message ("Cannot open %s: %s", path, error->message);
      /* The recovery page names the problem, never writes the file, keeps a copy of a damaged
       * one aside and offers the newest good backup. */
      if (recovery != NULL)
        gtk_stack_remove (self->stack, recovery);
      recovery = vastus_recovery_page_new (path, error);
      g_signal_connect_object (recovery, "recovered", G_CALLBACK (reopen_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (recovery, "retry", G_CALLBACK (reopen_cb), self, G_CONNECT_SWAPPED);
      gtk_stack_add_named (self->stack, recovery, "recovery");
      gtk_stack_set_visible_child (self->stack, recovery);
      gtk_widget_set_visible (GTK_WIDGET (self->add_button), FALSE);
    }
  else
    start_check (self, path);
  update_actions (self);
}

/* Callbacks */

/* Shows the patient on the page and remembers them (by MRN) for the next start. */
static void
show_patient (VastusWindow *self,
              gint64        patient_id)
{
  vastus_patient_pane_show_patient (self->patient_pane, patient_id);
  vastus_patient_page_set_patient (self->patient_page, self->database, patient_id);
  vastus_patient_list_set_current (self->patient_list, patient_id);
  if (self->settings != NULL && patient_id != 0)
    {
      g_autoptr(VastusPatient) patient = vastus_database_get_patient (self->database, patient_id,
                                                                      NULL);

      if (patient != NULL)
        g_settings_set_string (self->settings, "last-patient", patient->mrn);
    }
}

/* A click or Enter in the list: show the patient, and go to the pane when folded. */
static void
patient_activated_cb (VastusWindow *self,
                      gint64        patient_id)
{
  /* The first patient, just added from the empty state. */
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "empty") == 0)
    vastus_window_reload (self);
  show_patient (self, patient_id);
  adw_leaflet_set_visible_child (self->leaflet, self->pane_box);
}

/* The arrow keys in the list: the pane follows, the list stays. */
static void
patient_selected_cb (VastusWindow *self,
                     gint64        patient_id)
{
  show_patient (self, patient_id);
}

/* An archived patient leaves the active list, a restored one the archived list. */
static void
patient_archived_cb (VastusWindow *self,
                     gint64        patient_id,
                     gboolean      archived)
{
  if (patient_id == vastus_patient_pane_get_patient_id (self->patient_pane))
    show_patient (self, 0);
}

static void
back_clicked_cb (VastusWindow *self)
{
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

static void
edit_requested_cb (VastusWindow *self,
                   gint64        patient_id)
{
  vastus_patient_list_edit_patient (self->patient_list, patient_id);
}

static void
archive_requested_cb (VastusWindow *self,
                      gint64        patient_id,
                      gboolean      archive)
{
  if (archive)
    vastus_patient_list_archive (self->patient_list, patient_id, self->toast_overlay);
  else
    vastus_patient_list_unarchive (self->patient_list, patient_id, self->toast_overlay);
}

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

  g_return_if_fail (self->database != NULL);

  /* The list owns the editor; a saved patient comes back as "patient-activated". */
  vastus_patient_list_add_patient (self->patient_list);
}

static void
load_demo_cb (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  VastusWindow *self = VASTUS_WINDOW (user_data);
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  guint n_added;

  g_return_if_fail (self->database != NULL);

  if (!load_demo (self, &n_added, &error))
    {
      g_message ("Cannot add the demo patients: %s", error->message);
      /* Translators: %s is the reason, from the database */
      title = g_strdup_printf (_("Could not add the demo patients: %s"), error->message);
      toast (self, title);
      return;
    }
  vastus_window_reload (self);
  if (n_added == 0)
    title = g_strdup (_("The demo patients are there already"));
  else
    title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Added %u demo patient",
                                          "Added %u demo patients", n_added), n_added);
  toast (self, title);
}

/* The backup window restored a backup into the database file: open it again (an older backup
 * may need migrating) and show what it holds. */
static void
reopen_cb (VastusWindow *self)
{
  g_clear_object (&self->database);
  open_database (self);
  if (self->database != NULL)
    vastus_window_reload (self);
}

static void
backup_restored_cb (VastusWindow *self,
                    const char   *safety_backup)
{
  reopen_cb (self);
}

static void
backups_cb (GSimpleAction *action,
            GVariant      *parameter,
            gpointer       user_data)
{
  VastusWindow *self = VASTUS_WINDOW (user_data);
  VastusBackupWindow *window;

  g_return_if_fail (self->database != NULL);

  window = vastus_backup_window_new (GTK_WINDOW (self), self->database);
  g_signal_connect_object (window, "restored", G_CALLBACK (backup_restored_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (window));
}

static void
export_data_cb (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  VastusWindow *self = VASTUS_WINDOW (user_data);

  g_return_if_fail (self->database != NULL);
  vastus_data_export_run (GTK_WINDOW (self), self->database, NULL, FALSE, self->toast_overlay);
}

static void
visit_saved_cb (VastusWindow *self,
                gint64        visit_id)
{
  vastus_window_reload (self);
}

/* The visit editor, in its own window over this one; the page shows the saved visit. */
static void
open_visit_window (VastusWindow *self,
                   gint64        episode_id,
                   gint64        visit_id)
{
  g_autoptr(GError) error = NULL;
  VastusVisitWindow *window;

  window = vastus_visit_window_new (GTK_WINDOW (self), self->database, episode_id, visit_id, &error);
  if (window == NULL)
    {
      g_autofree char *title = NULL;

      g_message ("Cannot open the visit: %s", error->message);
      /* Translators: %s is the reason, from the database */
      title = g_strdup_printf (_("Could not open the visit: %s"), error->message);
      toast (self, title);
      return;
    }
  g_signal_connect_object (window, "saved", G_CALLBACK (visit_saved_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (window));
}

static void
add_visit_cb (VastusWindow *self,
              gint64        episode_id)
{
  open_visit_window (self, episode_id, 0);
}

static void
edit_visit_cb (VastusWindow *self,
               gint64        visit_id)
{
  open_visit_window (self, vastus_patient_page_get_episode_id (self->patient_page), visit_id);
}

static void
preferences_cb (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  VastusWindow *self = VASTUS_WINDOW (user_data);

  gtk_window_present (GTK_WINDOW (vastus_preferences_window_new (GTK_WINDOW (self), self->database)));
}

static void
criteria_sets_cb (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  VastusWindow *self = VASTUS_WINDOW (user_data);
  GtkWidget *window;

  g_return_if_fail (self->database != NULL);

  window = vastus_criteria_sets_window_new (GTK_WINDOW (self), self->database);
  /* A new clinic set or version can be chosen on the patient page at once. */
  g_signal_connect_object (window, "sets-changed", G_CALLBACK (vastus_patient_page_reload),
                           self->patient_page, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (window));
}

/* The patient shown on the patient page, or NULL. */
static VastusPatient *
shown_patient (VastusWindow *self)
{
  gint64 id = vastus_patient_page_get_patient_id (self->patient_page);
  g_autoptr(GError) error = NULL;
  VastusPatient *patient;

  if (self->database == NULL || id == 0)
    return NULL;
  patient = vastus_database_get_patient (self->database, id, &error);
  if (patient == NULL)
    toast (self, error->message);
  return patient;
}

static void
export_report_cb (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  VastusWindow *self = VASTUS_WINDOW (user_data);
  g_autoptr(VastusPatient) patient = shown_patient (self);

  if (patient != NULL)
    gtk_window_present (GTK_WINDOW (vastus_report_dialog_new (GTK_WINDOW (self), self->database,
                                                              patient->mrn)));
}

static void
export_patient_data_cb (GSimpleAction *action,
                        GVariant      *parameter,
                        gpointer       user_data)
{
  VastusWindow *self = VASTUS_WINDOW (user_data);
  g_autoptr(VastusPatient) patient = shown_patient (self);

  if (patient != NULL)
    vastus_data_export_run (GTK_WINDOW (self), self->database, patient->mrn, FALSE,
                            self->toast_overlay);
}

/* The patients whose names an upgrade or an import split by a guess. */
static void
check_names_cb (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  VastusWindow *self = VASTUS_WINDOW (user_data);
  GtkWidget *window;

  g_return_if_fail (self->database != NULL);

  window = vastus_name_review_window_new (GTK_WINDOW (self), self->database);
  g_signal_connect_object (window, "changed", G_CALLBACK (vastus_patient_list_reload),
                           self->patient_list, G_CONNECT_SWAPPED);
  g_signal_connect_object (window, "changed", G_CALLBACK (vastus_patient_page_reload),
                           self->patient_page, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (window));
}

static const GActionEntry win_actions[] = {
  { "export-report", export_report_cb },
  { "export-patient-data", export_patient_data_cb },
  { "add-patient", add_patient_cb },
  { "search", search_cb },
  { "load-demo", load_demo_cb },
  { "backups", backups_cb },
  { "export-data", export_data_cb },
  { "preferences", preferences_cb },
  { "criteria-sets", criteria_sets_cb },
  { "check-names", check_names_cb },
};

/* Overrides */

static gboolean
vastus_window_close_request (GtkWindow *window)
{
  VastusWindow *self = VASTUS_WINDOW (window);

  if (self->settings != NULL)
    {
      int width, height;

      gtk_window_get_default_size (window, &width, &height);
      g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));
      if (!gtk_window_is_maximized (window) && width > 0 && height > 0)
        {
          g_settings_set_int (self->settings, "window-width", width);
          g_settings_set_int (self->settings, "window-height", height);
        }
    }
  return GTK_WINDOW_CLASS (vastus_window_parent_class)->close_request (window);
}

static void
vastus_window_constructed (GObject *object)
{
  VastusWindow *self = VASTUS_WINDOW (object);

  G_OBJECT_CLASS (vastus_window_parent_class)->constructed (object);

  if (self->settings != NULL)
    {
      gtk_window_set_default_size (GTK_WINDOW (self),
                                   g_settings_get_int (self->settings, "window-width"),
                                   g_settings_get_int (self->settings, "window-height"));
      if (g_settings_get_boolean (self->settings, "window-maximized"))
        gtk_window_maximize (GTK_WINDOW (self));
    }

  open_database (self);
  if (self->database != NULL)
    vastus_window_reload (self);
}

static void
vastus_window_dispose (GObject *object)
{
  VastusWindow *self = VASTUS_WINDOW (object);

  g_cancellable_cancel (self->check_cancellable);
  g_clear_object (&self->check_cancellable);
  g_clear_handle_id (&self->check_source, g_source_remove);
  g_clear_pointer (&self->check_path, g_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), VASTUS_TYPE_WINDOW);
  g_clear_object (&self->database);
  g_clear_object (&self->settings);
  G_OBJECT_CLASS (vastus_window_parent_class)->dispose (object);
}

static void
vastus_window_finalize (GObject *object)
{
  VastusWindow *self = VASTUS_WINDOW (object);

  g_clear_pointer (&self->database_path, g_free);
  G_OBJECT_CLASS (vastus_window_parent_class)->finalize (object);
}

static void
vastus_window_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  VastusWindow *self = VASTUS_WINDOW (object);

  switch (prop_id)
    {
    case PROP_DATABASE_PATH:
      g_value_set_string (value, self->database_path);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vastus_window_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  VastusWindow *self = VASTUS_WINDOW (object);

  switch (prop_id)
    {
    case PROP_DATABASE_PATH:
      self->database_path = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vastus_window_class_init (VastusWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = vastus_window_constructed;
  object_class->dispose = vastus_window_dispose;
  object_class->finalize = vastus_window_finalize;
  object_class->get_property = vastus_window_get_property;
  object_class->set_property = vastus_window_set_property;
  window_class->close_request = vastus_window_close_request;

  properties [PROP_DATABASE_PATH] =
    g_param_spec_string ("database-path", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/vastus-window.ui");
  gtk_widget_class_bind_template_child (widget_class, VastusWindow, add_button);
  gtk_widget_class_bind_template_child (widget_class, VastusWindow, clinician_picker);
  gtk_widget_class_bind_template_child (widget_class, VastusWindow, demo_button);
  gtk_widget_class_bind_template_child (widget_class, VastusWindow, empty_add_button);
  gtk_widget_class_bind_template_child (widget_class, VastusWindow, empty_page);
  gtk_widget_class_bind_template_child (widget_class, VastusWindow, error_page);
  gtk_widget_class_bind_template_child (widget_class, VastusWindow, read_only_banner);
  gtk_widget_class_bind_template_child (widget_class, VastusWindow, read_only_label);
  gtk_widget_class_bind_template_child (widget_class, VastusWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, VastusWindow, pane_box);
  gtk_widget_class_bind_template_child (widget_class, VastusWindow, patient_list);
  gtk_widget_class_bind_template_child (widget_class, VastusWindow, patient_page);
  gtk_widget_class_bind_template_child (widget_class, VastusWindow, patient_pane);
  gtk_widget_class_bind_template_child (widget_class, VastusWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, VastusWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, VastusWindow, window_title);
  gtk_widget_class_bind_template_callback (widget_class, add_visit_cb);
  gtk_widget_class_bind_template_callback (widget_class, archive_requested_cb);
  gtk_widget_class_bind_template_callback (widget_class, back_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, edit_requested_cb);
  gtk_widget_class_bind_template_callback (widget_class, edit_visit_cb);
  gtk_widget_class_bind_template_callback (widget_class, patient_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, patient_archived_cb);
  gtk_widget_class_bind_template_callback (widget_class, patient_selected_cb);

}

static void
vastus_window_init (VastusWindow *self)
{
  g_autoptr(GSettingsSchema) schema = NULL;
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();

  g_type_ensure (VASTUS_TYPE_PATIENT_LIST);
  g_type_ensure (VASTUS_TYPE_PATIENT_PANE);
  g_type_ensure (VASTUS_TYPE_PATIENT_PAGE);
  g_type_ensure (VASTUS_TYPE_CLINICIAN_PICKER);
  gtk_widget_init_template (GTK_WIDGET (self));
  /* In the window's action map (not widget-class actions) so that they are exported with the
   * application, and accelerators and scripts can reach them. */
  g_action_map_add_action_entries (G_ACTION_MAP (self), win_actions, G_N_ELEMENTS (win_actions),
                                   self);

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  if (schema != NULL)
    self->settings = g_settings_new (APP_ID);
  else
    g_message ("The settings schema %s is not installed: window size will not be remembered",
               APP_ID);

}

/* Public API */

VastusWindow *
vastus_window_new (VastusApplication *application,
                   const char        *database_path)
{
  return g_object_new (VASTUS_TYPE_WINDOW,
                       "application", application,
                       "database-path", database_path,
                       NULL);
}

VastusDatabase *
vastus_window_get_database (VastusWindow *self)
{
  g_return_val_if_fail (VASTUS_IS_WINDOW (self), NULL);
  return self->database;
}

void
vastus_window_reload (VastusWindow *self)
{
  g_autoptr(GError) error = NULL;
  VastusPatientQuery active = { .archived = FALSE }, archived = { .archived = TRUE };
  guint n_patients;

  g_return_if_fail (VASTUS_IS_WINDOW (self));
  g_return_if_fail (self->database != NULL);

  n_patients = vastus_database_count_patients (self->database, &active, &error);
  if (error == NULL)
    n_patients += vastus_database_count_patients (self->database, &archived, &error);
  if (error != NULL)
    {
      g_autofree char *escaped = g_markup_escape_text (error->message, -1);

      g_message ("Cannot count the patients: %s", error->message);
      show_error (self, _("Cannot Read the Patients"), escaped);
      return;
    }

  if (vastus_patient_list_get_database (self->patient_list) != self->database)
    {
      /* A new database (opened, or restored from a backup). By name, as the window listed
       * patients before it had a list of its own. */
      vastus_patient_list_set_sort (self->patient_list, VASTUS_PATIENT_SORT_NAME);
      vastus_patient_list_set_database (self->patient_list, self->database);
      vastus_patient_pane_set_database (self->patient_pane, self->database);
      show_patient (self, 0);
      vastus_clinician_picker_set_database (self->clinician_picker, self->database);
      /* The patient of last time, if they are still there. */
      if (self->settings != NULL)
        {
          g_autofree char *mrn = g_settings_get_string (self->settings, "last-patient");
          g_autoptr(VastusPatient) last = *mrn != '\0'
                                            ? vastus_database_find_patient (self->database, mrn, NULL)
                                            : NULL;

          if (last != NULL)
            show_patient (self, last->id);
        }
    }
  else
    {
      vastus_patient_list_reload (self->patient_list);
      vastus_patient_pane_reload (self->patient_pane);
      vastus_patient_page_reload (self->patient_page);
    }

  gtk_stack_set_visible_child_name (self->stack, n_patients > 0 ? "patients" : "empty");
  gtk_widget_set_visible (GTK_WIDGET (self->add_button), n_patients > 0);
}
