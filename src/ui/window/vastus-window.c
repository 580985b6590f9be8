/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vastus-window"

#include "config.h"

#include "vastus-i18n.h"

#include "vastus-application.h"
#include "vastus-clinician-picker.h"
#include "vastus-patient-item.h"
#include "vastus-patient-list.h"
#include "vastus-patient-page.h"
#include "vastus-patient-pane.h"
#include "vastus-preferences-window.h"
#include "vastus-recovery-page.h"
#include "vastus-rules-upgrade.h"
#include "vastus-task-bar.h"
#include "vastus-value.h"
#include "vastus-visit-window.h"
#include "vastus-window-private.h"


G_DEFINE_FINAL_TYPE (VastusWindow, vastus_window, ADW_TYPE_APPLICATION_WINDOW)

enum { PROP_0, PROP_CLINIC, N_PROPS };
static GParamSpec *properties [N_PROPS];


void
_vastus_window_toast (VastusWindow *self,
                      const char   *title)
{
  AdwToast *t = adw_toast_new (title);

  adw_toast_set_timeout (t, 4);
  adw_toast_overlay_add_toast (self->toast_overlay, t);
}

/* What needs the database open, what needs to write it, and what waits for the task under way
 * (one at a time, in the task bar). */
static void
update_actions (VastusWindow *self)
{
  static const char *needs_database[] = { "backups", "criteria-sets", "export-report" };
  static const char *needs_task_bar[] = { "export-data", "export-patient-data", "export-fhir",
                                          "export-patient-fhir" };
  static const char *needs_writing[] = { "add-patient", "check-names", "load-demo",
                                         "import-device" };
  gboolean open = vastus_clinic_is_open (self->clinic);
  gboolean writable = open && !vastus_clinic_is_read_only (self->clinic);
  gboolean idle = !vastus_task_bar_get_running (self->task_bar);
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));
  GAction *log_in_as = g_action_map_lookup_action (G_ACTION_MAP (self), "log-in-as");

  /* Only on a clinic server (hidden from the menu elsewhere), the one Preferences chose or the
   * one --db named: its address with another login. */
  g_simple_action_set_enabled (G_SIMPLE_ACTION (log_in_as),
                               open && vastus_clinic_is_server (self->clinic)
                               && VASTUS_IS_APPLICATION (app));

  for (guint i = 0; i < G_N_ELEMENTS (needs_database); i++)
    {
      GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self), needs_database[i]);

      g_simple_action_set_enabled (G_SIMPLE_ACTION (action), open);
    }
  for (guint i = 0; i < G_N_ELEMENTS (needs_task_bar); i++)
    {
      GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self), needs_task_bar[i]);

      g_simple_action_set_enabled (G_SIMPLE_ACTION (action), open && idle);
    }
  for (guint i = 0; i < G_N_ELEMENTS (needs_writing); i++)
    {
      GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self), needs_writing[i]);

      g_simple_action_set_enabled (G_SIMPLE_ACTION (action), writable);
    }
}

/* The full check (integrity and foreign keys) of the file just opened, on the clinic's workers
 * with a connection of its own, so that a large database does not hold up the first frames.
 * Opening ran only a quick probe. When the check finds nothing, the daily backup follows (also on
 * the workers; quitting lets it finish). */
static void
backup_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *created = vastus_clinic_daily_backup_finish (VASTUS_CLINIC (source), result,
                                                                &error);

  if (created == NULL)
    g_message ("Cannot take the daily backup: %s", error->message);
}

static void
check_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems = vastus_clinic_check_finish (VASTUS_CLINIC (source), result,
                                                               &error);
  VastusWindow *self;
  AdwToast *t;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self = VASTUS_WINDOW (user_data);
  if (problems != NULL && problems->len == 0)
    {
      vastus_clinic_daily_backup_async (self->clinic, NULL, backup_done_cb, NULL);
      return;
    }
  if (error != NULL)
    g_message ("The database check could not run: %s", error->message);
  for (guint i = 0; problems != NULL && i < problems->len; i++)
    g_message ("Database check: %s", (const char *) g_ptr_array_index (problems, i));
  /* It stays until it is read: restoring a backup is the way out. */
  t = adw_toast_new (_("The database check found damage. Restore a backup before entering more."));
  adw_toast_set_timeout (t, 0);
  /* Translators: a button (noun, plural): opens the window of the database's backups */
  adw_toast_set_button_label (t, _("_Backups…"));
  adw_toast_set_action_name (t, "win.backups");
  adw_toast_overlay_add_toast (self->toast_overlay, t);
}

static gboolean
start_check_cb (gpointer data)
{
  VastusWindow *self = data;

  self->check_source = 0;
  vastus_clinic_check_async (self->clinic, self->check_cancellable, check_done_cb, self);
  return G_SOURCE_REMOVE;
}

static void
schedule_check_cb (VastusWindow *self)
{
  g_signal_handlers_disconnect_by_func (self, schedule_check_cb, NULL);
  g_clear_handle_id (&self->check_source, g_source_remove);
  self->check_source = g_timeout_add_seconds (1, start_check_cb, self);
}

/* A second after the window shows (it may be opened before it is), so that the check's reading
 * does not compete with the first frames. The window cancels it when it goes. */
static void
start_check (VastusWindow *self)
{
  g_cancellable_cancel (self->check_cancellable);
  g_clear_object (&self->check_cancellable);
  g_clear_handle_id (&self->check_source, g_source_remove);
  g_signal_handlers_disconnect_by_func (self, schedule_check_cb, NULL);
  /* A server's database is checked and backed up by the server's own tools (the README says
   * how), not by a workstation reading a file. */
  if (vastus_clinic_is_server (self->clinic))
    return;
  self->check_cancellable = g_cancellable_new ();
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    schedule_check_cb (self);
  else
    g_signal_connect (self, "map", G_CALLBACK (schedule_check_cb), NULL);
}

static void reopen_cb (VastusWindow *self);
static void open_database (VastusWindow *self);

static void show_patient (VastusWindow *self,
                          gint64        patient_id);

/* Patients or none: the list beside the page, or the welcome. */
static void
n_patients_cb (VastusWindow *self)
{
  guint n_patients = vastus_clinic_get_n_patients (self->clinic);
  const char *shown = gtk_stack_get_visible_child_name (self->stack);

  if (g_strcmp0 (shown, "patients") != 0 && g_strcmp0 (shown, "empty") != 0
      && g_strcmp0 (shown, "loading") != 0)
    return;
  gtk_stack_set_visible_child_name (self->stack, n_patients > 0 ? "patients" : "empty");
  _vastus_window_update_header (self);
}

static void
last_patient_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(VastusWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  gint64 id = vastus_clinic_find_patient_finish (VASTUS_CLINIC (source), result, &error);

  /* Only if nobody was chosen meanwhile. */
  if (id > 0 && self->record == NULL)
    show_patient (self, id);
}

static gboolean
retry_cb (gpointer data)
{
  VastusWindow *self = data;

  self->retry_source = 0;
  open_database (self);
  return G_SOURCE_REMOVE;
}

static void
show_recovery (VastusWindow *self,
               const GError *error)
{
  GtkWidget *recovery = gtk_stack_get_child_by_name (self->stack, "recovery");

  /* A server that does not answer is tried again by itself, waiting longer each time (1, 2,
   * 4 … 60 s); "Try Again" tries at once. The page stays as it is meanwhile. */
  g_clear_handle_id (&self->retry_source, g_source_remove);
  if (g_error_matches (error, VASTUS_CLINIC_ERROR, VASTUS_CLINIC_ERROR_UNREACHABLE))
    {
      self->retry_seconds = self->retry_seconds == 0 ? 1 : MIN (self->retry_seconds * 2, 60);
      self->retry_source = g_timeout_add_seconds (self->retry_seconds, retry_cb, self);
      if (recovery != NULL && gtk_stack_get_visible_child (self->stack) == recovery
          && vastus_recovery_page_is_unreachable (VASTUS_RECOVERY_PAGE (recovery)))
        return;
    }
  else
    self->retry_seconds = 0;

  g_message ("Cannot open %s: %s", vastus_clinic_get_path (self->clinic), error->message);
  /* The recovery page names the problem, never writes the file, keeps a copy of a damaged one
   * aside and offers the newest good backup. */
  if (recovery != NULL)
    gtk_stack_remove (self->stack, recovery);
  recovery = vastus_recovery_page_new (self->clinic, error);
  g_signal_connect_object (recovery, "recovered", G_CALLBACK (reopen_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (recovery, "retry", G_CALLBACK (reopen_cb), self, G_CONNECT_SWAPPED);
  gtk_stack_add_named (self->stack, recovery, "recovery");
  gtk_stack_set_visible_child (self->stack, recovery);
  _vastus_window_update_header (self);
}

/* The clinic is open: the patients (or the welcome), who is logged in on a server. */
static void
clinic_opened (VastusWindow *self)
{
  self->retry_seconds = 0;
  _vastus_window_show_login (self);
  if (vastus_clinic_is_read_only (self->clinic))
    {
      g_autofree char *text =
        /* Translators: %s is the database file */
        g_strdup_printf (_("Read only: Vastus cannot write to %s. You can look at the records, "
                           "but nothing can be added or changed."),
                         vastus_clinic_get_path (self->clinic));

      gtk_label_set_text (self->read_only_label, text);
      gtk_revealer_set_reveal_child (self->read_only_banner, TRUE);
    }
  else
    {
      start_check (self);
      /* Once: the rules this computer kept in its preferences, into the clinic. */
      vastus_rules_upgrade_start (self->clinic, self->settings, NULL, NULL);
    }
  if (vastus_patient_list_get_clinic (self->patient_list) == NULL)
    {
      /* By name, as the window listed patients before it had a list of its own. */
      vastus_patient_list_set_sort (self->patient_list, VASTUS_PATIENT_ORDER_NAME);
      vastus_patient_list_set_clinic (self->patient_list, self->clinic);
      /* The patient of last time, if they are still there. */
      if (self->settings != NULL)
        {
          g_autofree char *mrn = g_settings_get_string (self->settings, "last-patient");

          if (*mrn != '\0')
            vastus_clinic_find_patient_async (self->clinic, mrn, NULL, last_patient_cb,
                                              g_object_ref (self));
        }
    }
  else
    /* Opened again (after a recovery): everything shown is read again. */
    vastus_clinic_reload (self->clinic);
  /* From the recovery page (or the blank start) to the patients. */
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "recovery") == 0)
    gtk_stack_set_visible_child_name (self->stack, "loading");
  n_patients_cb (self);
  update_actions (self);
}

static void
clinic_open_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(VastusWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!vastus_clinic_open_finish (VASTUS_CLINIC (source), result, &error))
    {
      if (self->clinic != NULL)
        {
          show_recovery (self, error);
          update_actions (self);
        }
      return;
    }
  if (self->clinic != NULL)
    clinic_opened (self);
}

/* The server login's password is given to the clinic (or there is none to give): open. */
static void
unlocked_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(VastusWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!vastus_application_unlock_finish (VASTUS_APPLICATION (source), result, &error))
    {
      g_autofree char *text = NULL;
      g_autofree char *escaped = NULL;
      AdwToast *toast;

      /* Translators: %s is the keyring's reason; “Preferences → Database” names the page where
       * the login and its password are entered */
      text = g_strdup_printf (_("The clinic server’s password could not be read from the "
                                "keyring: %s. Unlock the keyring (or start it), or enter the "
                                "password in Preferences → Database."), error->message);
      /* A toast's title is markup. */
      escaped = g_markup_escape_text (text, -1);
      toast = adw_toast_new (escaped);
      adw_toast_set_timeout (toast, 0);
      /* Translators: a button on the notice that the keyring could not be read */
      adw_toast_set_button_label (toast, _("_Enter Password…"));
      adw_toast_set_action_name (toast, "win.choose-database");
      adw_toast_overlay_add_toast (self->toast_overlay, toast);
    }
  vastus_clinic_open_async (self->clinic, NULL, clinic_open_cb, g_object_ref (self));
}

/* Opens the chosen database on the clinic's writer; the window shows a blank page meanwhile,
 * then the patients, or the recovery page. */
static void
open_chosen (VastusWindow *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  _vastus_window_show_where (self, TRUE);
  gtk_revealer_set_reveal_child (self->read_only_banner, FALSE);
  /* Opened already, by the application in place of another database. */
  if (vastus_clinic_is_open (self->clinic))
    {
      clinic_opened (self);
      return;
    }
  vastus_application_unlock_async (VASTUS_APPLICATION (app), NULL, unlocked_cb,
                                   g_object_ref (self));
  update_actions (self);
}

static void
first_run_checked_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(VastusWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean first_run = vastus_application_check_first_run_finish (VASTUS_APPLICATION (source),
                                                                  result, &error);

  /* The window went, or asked again, meanwhile. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->clinic == NULL)
    return;
  g_clear_object (&self->first_run_cancellable);
  if (error != NULL)
    {
      /* The folder of the file hangs (a home folder on a network share): said, with "Try
       * Again". Never the first start's question: a database may well be there, and one made
       * beside it, or a server chosen in its place, would split the records in two. */
      show_recovery (self, error);
      update_actions (self);
      return;
    }
  /* Nothing chosen and nothing there yet: both are offered, nothing is made meanwhile. */
  if (first_run)
    {
      gtk_stack_set_visible_child_name (self->stack, "first-run");
      update_actions (self);
      return;
    }
  open_chosen (self);
}

/* Opens the database: the one chosen at once; with none chosen, once the disk said whether
 * the file on this computer is there yet (off the main thread, by the clinic's deadline: a
 * home folder on a network share may hang), the blank page shown meanwhile. */
static void
open_database (VastusWindow *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  g_cancellable_cancel (self->first_run_cancellable);
  g_clear_object (&self->first_run_cancellable);
  if (VASTUS_IS_APPLICATION (app)
      && !vastus_application_is_database_chosen (VASTUS_APPLICATION (app)))
    {
      _vastus_window_show_where (self, FALSE);
      gtk_stack_set_visible_child_name (self->stack, "loading");
      update_actions (self);
      self->first_run_cancellable = g_cancellable_new ();
      vastus_application_check_first_run_async (VASTUS_APPLICATION (app),
                                                self->first_run_cancellable,
                                                first_run_checked_cb, g_object_ref (self));
      return;
    }
  open_chosen (self);
}

/* Callbacks */

/* The first start: the records in a file on this computer, made now. */
static void
first_run_local_cb (VastusWindow *self)
{
  if (self->settings != NULL)
    g_settings_set_string (self->settings, "database-kind", "local");
  gtk_stack_set_visible_child_name (self->stack, "loading");
  open_database (self);
}

/* The first start: Preferences → Database, to fill in the server's address. */
static void
first_run_server_cb (VastusWindow *self)
{
  g_action_group_activate_action (G_ACTION_GROUP (self), "choose-database", NULL);
}

/* Remembered for the next start, by MRN (ids differ between copies of a database). */
static void
remember_patient_cb (VastusWindow *self)
{
  const VastusPatient *patient = vastus_patient_record_get_patient (self->record);

  if (self->settings != NULL && patient != NULL)
    g_settings_set_string (self->settings, "last-patient", patient->mrn);
}

/* Shows the patient: the list, the pane and the page hold one record of them. */
static void
show_patient (VastusWindow *self,
              gint64        patient_id)
{
  if (self->record != NULL)
    g_signal_handlers_disconnect_by_data (self->record, self);
  g_clear_object (&self->record);
  if (patient_id > 0)
    {
      self->record = vastus_clinic_get_patient (self->clinic, patient_id);
      g_signal_connect_object (self->record, "notify::patient",
                               G_CALLBACK (remember_patient_cb), self, G_CONNECT_SWAPPED);
      remember_patient_cb (self);
    }
  vastus_patient_pane_set_record (self->patient_pane, self->record);
  vastus_patient_page_set_record (self->patient_page, self->record);
  vastus_patient_list_set_current (self->patient_list, patient_id);
}

/* A click or Enter in the list: show the patient, and go to the pane when folded. */
void
_vastus_window_patient_activated_cb (VastusWindow *self,
                                     gint64        patient_id)
{
  show_patient (self, patient_id);
  adw_leaflet_set_visible_child (self->leaflet, self->pane_box);
  vastus_patient_page_focus_first_action (self->patient_page);
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
                      gboolean      archive,
                      gint64        row_version)
{
  if (archive)
    vastus_patient_list_archive (self->patient_list, patient_id, row_version,
                                 self->toast_overlay);
  else
    vastus_patient_list_unarchive (self->patient_list, patient_id, row_version,
                                   self->toast_overlay);
}

/* "Try Again", or a backup restored from the recovery page: open the database again. */
static void
reopen_cb (VastusWindow *self)
{
  g_clear_handle_id (&self->retry_source, g_source_remove);
  open_database (self);
}

/* The history of the patient's episode @episode_id as the page has it read, or NULL. */
static const VastusHistory *
episode_history (VastusWindow *self,
                 gint64        episode_id)
{
  VastusPatientRecord *record = vastus_patient_page_get_record (self->patient_page);
  VastusEpisodeRecord *episode = record != NULL
                                   ? vastus_patient_record_find_episode (record, episode_id)
                                   : NULL;

  return episode != NULL ? vastus_episode_record_get_history (episode) : NULL;
}

/* The visit editor, in its own window over this one, on the history the page shows (Add Visit
 * and the visits' rows are there only once it is read); the page follows the saved visit from
 * the clinic's change. */
static void
open_visit_window (VastusWindow *self,
                   gint64        episode_id,
                   gint64        visit_id)
{
  const VastusHistory *history = episode_history (self, episode_id);
  VastusVisitWindow *window;

  if (history == NULL)
    return;
  window = vastus_visit_window_new (GTK_WINDOW (self), self->clinic, history, visit_id);
  if (window == NULL)
    {
      _vastus_window_toast (self, _("Could not open the visit: it was deleted"));
      return;
    }
  gtk_window_present (GTK_WINDOW (window));
}

typedef struct
{
  VastusWindow *window;
  gint64        episode_id;
  gint64        visit_id;   /* today's */
} TodayQuestion;

static void
today_question_cb (AdwMessageDialog *dialog,
                   const char       *response,
                   TodayQuestion    *question)
{
  if (g_str_equal (response, "open"))
    open_visit_window (question->window, question->episode_id, question->visit_id);
  else if (g_str_equal (response, "new"))
    open_visit_window (question->window, question->episode_id, 0);
}

/* Add Visit: a patient has one visit a day, so where the episode has today's already, asks
 * first whether to open it (the default) or to start one on another date. */
static void
add_visit_cb (VastusWindow *self,
              gint64        episode_id)
{
  const VastusHistory *history = episode_history (self, episode_id);
  TodayQuestion *question;
  AdwMessageDialog *dialog;
  gint64 today_id = 0;
  GDate today;

  vastus_date_today (&today);
  for (guint i = 0; history != NULL && i < vastus_history_get_n_visits (history); i++)
    {
      const VastusVisit *visit = vastus_history_get_visit (history, i);

      if (g_date_valid (&visit->date) && g_date_compare (&visit->date, &today) == 0)
        today_id = visit->id;
    }
  if (today_id == 0)
    {
      open_visit_window (self, episode_id, 0);
      return;
    }
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self),
                                                       _("There Is a Visit Today"),
                                                       _("A patient has one visit a day. Open "
                                                         "today’s visit to add to it, or start a "
                                                         "visit on another date.")));
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    /* Translators: a visit, on a date other than today */
                                    "new", _("_Another Date"),
                                    "open", _("_Open Today’s Visit"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "open", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "open");
  adw_message_dialog_set_close_response (dialog, "cancel");
  question = g_new0 (TodayQuestion, 1);
  question->window = self;
  question->episode_id = episode_id;
  question->visit_id = today_id;
  g_signal_connect_data (dialog, "response", G_CALLBACK (today_question_cb), question,
                         (GClosureNotify) (void (*) (void)) g_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
edit_visit_cb (VastusWindow *self,
               gint64        visit_id)
{
  open_visit_window (self, vastus_patient_page_get_episode_id (self->patient_page), visit_id);
}

/* Overrides */

static gboolean
vastus_window_close_request (GtkWindow *window)
{
  VastusWindow *self = VASTUS_WINDOW (window);
  GtkApplication *app = gtk_window_get_application (window);

  /* The editors first: a visit typed and not saved asks before anything closes. */
  if (VASTUS_IS_APPLICATION (app)
      && vastus_application_close_editors_first (VASTUS_APPLICATION (app), window))
    return TRUE;
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

  _vastus_window_bind_clinician (self);

  if (self->settings != NULL)
    {
      gtk_window_set_default_size (GTK_WINDOW (self),
                                   g_settings_get_int (self->settings, "window-width"),
                                   g_settings_get_int (self->settings, "window-height"));
      if (g_settings_get_boolean (self->settings, "window-maximized"))
        gtk_window_maximize (GTK_WINDOW (self));
    }
  /* Before the first frame, which comes before an idle callback would. */
  _vastus_window_update_header (self);

  g_signal_connect_object (self->clinic, "notify::n-patients", G_CALLBACK (n_patients_cb), self,
                           G_CONNECT_SWAPPED);
  /* The server stopped answering: the clinic keeps trying, and reads everything again when it
   * answers (vastus_clinic_is_server_unreachable). */
  g_object_bind_property (self->clinic, "server-unreachable", self->unreachable_bar,
                          "reveal-child", G_BINDING_SYNC_CREATE);
  g_signal_connect_object (self->task_bar, "notify::running", G_CALLBACK (update_actions), self,
                           G_CONNECT_SWAPPED);
  /* The database opens once the window has its application (vastus_window_new). */
}

static void
vastus_window_dispose (GObject *object)
{
  VastusWindow *self = VASTUS_WINDOW (object);

  g_cancellable_cancel (self->check_cancellable);
  g_clear_object (&self->check_cancellable);
  g_cancellable_cancel (self->first_run_cancellable);
  g_clear_object (&self->first_run_cancellable);
  g_clear_handle_id (&self->check_source, g_source_remove);
  g_clear_handle_id (&self->header_source, g_source_remove);
  g_clear_handle_id (&self->retry_source, g_source_remove);
  if (self->record != NULL)
    g_signal_handlers_disconnect_by_data (self->record, self);
  g_clear_object (&self->record);
  gtk_widget_dispose_template (GTK_WIDGET (self), VASTUS_TYPE_WINDOW);
  g_clear_object (&self->clinic);
  g_clear_object (&self->settings);
  g_clear_object (&self->undo);
  G_OBJECT_CLASS (vastus_window_parent_class)->dispose (object);
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
    case PROP_CLINIC:
      g_value_set_object (value, self->clinic);
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
    case PROP_CLINIC:
      self->clinic = g_value_dup_object (value);
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
  object_class->get_property = vastus_window_get_property;
  object_class->set_property = vastus_window_set_property;
  window_class->close_request = vastus_window_close_request;

  properties [PROP_CLINIC] =
    g_param_spec_object ("clinic", NULL, NULL, VASTUS_TYPE_CLINIC,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/vastus-window.ui");
  gtk_widget_class_bind_template_child (widget_class, VastusWindow, add_button);
  gtk_widget_class_bind_template_child (widget_class, VastusWindow, back_button);
  gtk_widget_class_bind_template_child (widget_class, VastusWindow, clinician_picker);
  gtk_widget_class_bind_template_child (widget_class, VastusWindow, login_button);
  gtk_widget_class_bind_template_child (widget_class, VastusWindow, demo_button);
  gtk_widget_class_bind_template_child (widget_class, VastusWindow, empty_add_button);
  gtk_widget_class_bind_template_child (widget_class, VastusWindow, empty_page);
  gtk_widget_class_bind_template_child (widget_class, VastusWindow, first_run_local_button);
  gtk_widget_class_bind_template_child (widget_class, VastusWindow, first_run_server_button);
  gtk_widget_class_bind_template_child (widget_class, VastusWindow, error_page);
  gtk_widget_class_bind_template_child (widget_class, VastusWindow, read_only_banner);
  gtk_widget_class_bind_template_child (widget_class, VastusWindow, read_only_label);
  gtk_widget_class_bind_template_child (widget_class, VastusWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, VastusWindow, pane_box);
  gtk_widget_class_bind_template_child (widget_class, VastusWindow, patient_list);
  gtk_widget_class_bind_template_child (widget_class, VastusWindow, patient_page);
  gtk_widget_class_bind_template_child (widget_class, VastusWindow, patient_pane);
  gtk_widget_class_bind_template_child (widget_class, VastusWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, VastusWindow, task_bar);
  gtk_widget_class_bind_template_child (widget_class, VastusWindow, unreachable_bar);
  gtk_widget_class_bind_template_child (widget_class, VastusWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, VastusWindow, window_title);
  gtk_widget_class_bind_template_callback (widget_class, add_visit_cb);
  gtk_widget_class_bind_template_callback (widget_class, archive_requested_cb);
  gtk_widget_class_bind_template_callback (widget_class, back_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, edit_requested_cb);
  gtk_widget_class_bind_template_callback (widget_class, edit_visit_cb);
  gtk_widget_class_bind_template_callback_full (widget_class, "patient_activated_cb",
                                                G_CALLBACK (_vastus_window_patient_activated_cb));
  gtk_widget_class_bind_template_callback (widget_class, patient_archived_cb);
  gtk_widget_class_bind_template_callback (widget_class, patient_selected_cb);
  gtk_widget_class_bind_template_callback_full (widget_class, "leaflet_changed_cb",
                                                G_CALLBACK (_vastus_window_leaflet_changed_cb));

  /* Not an application accelerator: an entry's own Ctrl+Z (undoing its typing) comes first. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, "win.undo",
                                       NULL);

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
  g_type_ensure (VASTUS_TYPE_LOGIN_BUTTON);
  g_type_ensure (VASTUS_TYPE_TASK_BAR);
  gtk_widget_init_template (GTK_WIDGET (self));
  /* In the window's action map (not widget-class actions) so that they are exported with the
   * application, and accelerators and scripts can reach them. */
  _vastus_window_add_actions (self);
  g_signal_connect_swapped (self->first_run_local_button, "clicked",
                            G_CALLBACK (first_run_local_cb), self);
  g_signal_connect_swapped (self->first_run_server_button, "clicked",
                            G_CALLBACK (first_run_server_cb), self);
  /* One stack for the window: what the page deletes and the list archives. */
  self->undo = vastus_undo_stack_new ();
  vastus_patient_page_set_undo_stack (self->patient_page, self->undo);
  vastus_patient_list_set_undo_stack (self->patient_list, self->undo);
  g_object_bind_property (self->undo, "can-undo",
                          g_action_map_lookup_action (G_ACTION_MAP (self), "undo"), "enabled",
                          G_BINDING_SYNC_CREATE);
  g_object_bind_property (self->patient_page, "can-add-visit",
                          g_action_map_lookup_action (G_ACTION_MAP (self), "add-visit"), "enabled",
                          G_BINDING_SYNC_CREATE);
  g_object_bind_property (self->patient_page, "can-add-episode",
                          g_action_map_lookup_action (G_ACTION_MAP (self), "add-episode"),
                          "enabled", G_BINDING_SYNC_CREATE);

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
vastus_window_new (VastusApplication *application)
{
  VastusWindow *self;

  g_return_val_if_fail (VASTUS_IS_APPLICATION (application), NULL);

  self = g_object_new (VASTUS_TYPE_WINDOW,
                       "application", application,
                       "clinic", vastus_application_get_clinic (application),
                       NULL);
  /* The application gave the window its keyboard shortcuts window with it. */
  _vastus_window_fit_help_overlay (self);
  open_database (self);
  return self;
}

VastusTaskBar *
vastus_window_get_task_bar (VastusWindow *self)
{
  g_return_val_if_fail (VASTUS_IS_WINDOW (self), NULL);
  return self->task_bar;
}
