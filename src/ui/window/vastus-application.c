/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vastus-application"

#include "config.h"

#include "vastus-i18n.h"

#include <string.h>

#include "vastus-application.h"
#include "vastus-heartbeat.h"
#include "vastus-keyring.h"
#include "vastus-notice-service.h"
#include "vastus-settings.h"
#include "vastus-visit-editor.h"
#include "vastus-visit-window.h"
#include "vastus-window.h"

struct _VastusApplication
{
  AdwApplication  parent_instance;
  char           *database_path;
  VastusClinic   *clinic;
  GSettings      *settings;         /* NULL without the schema */
  gboolean        settings_server;  /* the clinic is the server Preferences chose */

  /* Closing the windows, editors first, each through its close request. */
  gboolean        closing;
  gboolean        quitting;       /* all of them, then quit; else only close_target */
  GtkWindow      *close_target;   /* weak */
  GtkWindow      *asking;         /* weak: the editor whose question is open */
  guint           close_idle_id;
  gulong          unreachable_id; /* while quitting: the clinic server stops answering */

  /* Another database opening in place of the clinic (vastus_application_switch_async): once
   * it opened, the editors close as on quitting, all but @spare (the window that asked). */
  GTask          *switch_task;
  VastusClinic   *switch_clinic;
  gboolean        switch_server;
  gboolean        switching;      /* closing the editors for it */
  GtkWindow      *spare;          /* weak */

  VastusNoticeService *notices;   /* whether the session shows notifications */
};

G_DEFINE_FINAL_TYPE (VastusApplication, vastus_application, ADW_TYPE_APPLICATION)

static const GOptionEntry option_entries[] = {
  { "db", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    /* Translators: keep postgresql:// as it is */
    N_("Open the database at PATH (a file, or a server’s postgresql:// address) instead of the default one"),
    /* Translators: in the command line's help, the value of --database: a file or a server's
     * address; capitals, one word */
    N_("PATH") },
  { "version", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Show the version and exit"), NULL },
  { NULL }
};

/* Callbacks */

static void
about_cb (GSimpleAction *action,
          GVariant      *parameter,
          gpointer       user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);
  static const char *developers[] = { "The Vastus developers", NULL };

  adw_show_about_window (gtk_application_get_active_window (app),
                         "application-name", "Vastus",
                         "application-icon", APP_ID,
                         "version", PACKAGE_VERSION,
                         "developer-name", _("The Vastus developers"),
                         "developers", developers,
                         "comments", _("Knee rehabilitation tracking for physiotherapy and "
                                       "orthopaedic clinics"),
                         "website", "https://github.com/vastus/vastus",
                         "issue-url", "https://github.com/vastus/vastus/issues",
                         "license-type", GTK_LICENSE_GPL_3_0,
                         /* Translators: your name and e-mail address, one translator a line,
                          * shown in About */
                         "translator-credits", _("translator-credits"),
                         NULL);
}

static void
help_shown_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  GtkWindow *window = source != NULL ? GTK_WINDOW (source) : NULL;
  g_autoptr(GError) error = NULL;
  AdwMessageDialog *dialog;

  if (gtk_show_uri_full_finish (window, result, &error) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (window, _("Cannot Open the User Guide"), NULL));
  /* No application handles help: links. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED))
    adw_message_dialog_set_body (dialog, _("There is no help viewer on this computer. Whoever "
                                           "looks after it can install the “yelp” package, "
                                           "which shows the guide."));
  else
    /* Translators: %s is the system's reason. */
    adw_message_dialog_format_body (dialog, _("The help viewer, Yelp, could not be started: %s"),
                                    error->message);
  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The user guide (the Mallard pages in help/C), in the desktop's help viewer. */
static void
help_cb (GSimpleAction *action,
         GVariant      *parameter,
         gpointer       user_data)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (user_data));

  gtk_show_uri_full (window, "help:" APP_ID, GDK_CURRENT_TIME, NULL, help_shown_cb, NULL);
}

static void close_next (VastusApplication *self);

static gboolean
close_clinic_cb (gpointer data)
{
  g_autoptr(VastusClinic) clinic = data;

  vastus_clinic_close (clinic);
  return G_SOURCE_REMOVE;
}

/* The clinic that was opening for a switch, closed again (from the main loop: this may be its
 * own answer, which its closing would wait for): nothing of it stays. */
static void
switch_fail (VastusApplication *self,
             GError            *error)
{
  g_autoptr(GTask) task = g_steal_pointer (&self->switch_task);
  VastusClinic *clinic = g_steal_pointer (&self->switch_clinic);

  if (clinic != NULL)
    g_idle_add (close_clinic_cb, clinic);
  g_task_return_error (task, error);
}

static void
stop_closing (VastusApplication *self)
{
  gboolean switching = self->switching;

  self->closing = FALSE;
  self->quitting = FALSE;
  self->switching = FALSE;
  g_clear_weak_pointer (&self->close_target);
  g_clear_weak_pointer (&self->asking);
  g_clear_weak_pointer (&self->spare);
  g_clear_handle_id (&self->close_idle_id, g_source_remove);
  if (self->unreachable_id != 0)
    g_clear_signal_handler (&self->unreachable_id, self->clinic);
  /* An editor stayed open (Cancel): the database it shows stays too. */
  if (switching && self->switch_task != NULL)
    switch_fail (self, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                            _("An editor was kept open, so the database was not "
                                              "changed.")));
}

/* The editors went: the new clinic is the application's, each main window is replaced by one
 * on it at the same size, and the old clinic closes. */
static void
switch_finish (VastusApplication *self)
{
  g_autoptr(GTask) task = g_steal_pointer (&self->switch_task);
  VastusClinic *old = g_steal_pointer (&self->clinic);
  g_autoptr(GList) windows = NULL;

  self->clinic = g_steal_pointer (&self->switch_clinic);
  self->settings_server = self->switch_server;
  g_free (self->database_path);
  self->database_path = g_strdup (vastus_clinic_get_path (self->clinic));
  windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (self)));
  for (GList *l = windows; l != NULL; l = l->next)
    {
      GtkWindow *old_window = l->data;
      GtkWindow *window;
      int width, height;

      if (!VASTUS_IS_WINDOW (old_window))
        continue;
      window = GTK_WINDOW (vastus_window_new (self));
      gtk_window_get_default_size (old_window, &width, &height);
      gtk_window_set_default_size (window, width, height);
      if (gtk_window_is_maximized (old_window))
        gtk_window_maximize (window);
      gtk_window_present (window);
      gtk_window_destroy (old_window);
    }
  /* Its last answers (to the windows that went) are delivered first. */
  if (old != NULL)
    g_idle_add (close_clinic_cb, old);
  g_task_return_boolean (task, TRUE);
}

static void
stop_closing_for_switch (VastusApplication *self)
{
  self->switching = FALSE;
  stop_closing (self);
  switch_finish (self);
}

/* The editor kept itself open (Cancel, or a save that did not store): nothing more closes. */
static void
editor_stayed_cb (GtkWindow         *editor,
                  VastusApplication *self)
{
  if (self->closing && editor == self->asking)
    stop_closing (self);
}

static gboolean
close_next_cb (gpointer data)
{
  VastusApplication *self = data;

  self->close_idle_id = 0;
  close_next (self);
  return G_SOURCE_REMOVE;
}

/* A window went (an editor whose question was answered, say): the next one, from the main loop
 * (the window is being destroyed now). */
static void
window_removed_cb (VastusApplication *self,
                   GtkWindow         *window)
{
  if (!self->closing)
    return;
  if (window == self->asking)
    g_clear_weak_pointer (&self->asking);
  if (self->asking == NULL && self->close_idle_id == 0)
    self->close_idle_id = g_idle_add (close_next_cb, self);
}

/* Closes the editors one at a time through their close requests; one that asks ("Save the
 * visit?") is waited for: once it went, the next; if it stays, the closing ends. Then the main
 * windows (each saves its size) and, when quitting, the application. */
static void
close_next (VastusApplication *self)
{
  GList *windows;

  if (!self->closing || self->asking != NULL)
    return;
  windows = gtk_application_get_windows (GTK_APPLICATION (self));
  for (GList *l = windows; l != NULL; l = l->next)
    {
      GtkWindow *window = l->data;

      if (VASTUS_IS_WINDOW (window) || window == self->spare)
        continue;
      g_set_weak_pointer (&self->asking, window);
      if (g_signal_lookup ("stayed", G_OBJECT_TYPE (window)) != 0
          && g_signal_handler_find (window, G_SIGNAL_MATCH_FUNC | G_SIGNAL_MATCH_DATA, 0, 0, NULL,
                                    editor_stayed_cb, self) == 0)
        g_signal_connect_object (window, "stayed", G_CALLBACK (editor_stayed_cb), self, 0);
      /* Once it went (at once, or after its question), the next one, from the main loop. */
      gtk_window_close (window);
      return;
    }

  /* No editor left. */
  if (self->switching)
    stop_closing_for_switch (self);
  else if (self->quitting)
    {
      stop_closing (self);
      windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (self)));
      for (GList *l = windows; l != NULL; l = l->next)
        gtk_window_close (l->data);
      g_list_free (windows);
      g_application_quit (G_APPLICATION (self));
    }
  else
    {
      g_autoptr(GtkWindow) target = self->close_target != NULL ? g_object_ref (self->close_target)
                                                               : NULL;

      stop_closing (self);
      if (target != NULL)
        gtk_window_close (target);
    }
}

static void
quit_cb (GSimpleAction *action,
         GVariant      *parameter,
         gpointer       user_data)
{
  vastus_application_quit (VASTUS_APPLICATION (user_data));
}

static const GActionEntry app_actions[] = {
  { "about", about_cb },
  { "help", help_cb },
  { "quit", quit_cb },
};

/* Overrides */

static int
vastus_application_handle_local_options (GApplication *application,
                                         GVariantDict *options)
{
  VastusApplication *self = VASTUS_APPLICATION (application);
  g_autofree char *path = NULL;

  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("vastus %s\n", PACKAGE_VERSION);
      return 0;
    }
  if (g_variant_dict_lookup (options, "db", "^ay", &path))
    {
      vastus_application_set_database_path (self, path);
      /* Another database: another instance, not a window of the running one. */
      g_application_set_flags (application,
                               g_application_get_flags (application) | G_APPLICATION_NON_UNIQUE);
    }
  return G_APPLICATION_CLASS (vastus_application_parent_class)->handle_local_options (application,
                                                                                      options);
}

static void
vastus_application_startup (GApplication *application)
{
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *add_patient_accels[] = { "<Control>n", NULL };
  static const char *search_accels[] = { "<Control>f", NULL };
  static const char *import_accels[] = { "<Control>i", NULL };
  static const char *add_visit_accels[] = { "<Control><Shift>v", NULL };
  static const char *add_episode_accels[] = { "<Control><Shift>e", NULL };
  static const char *preferences_accels[] = { "<Control>comma", NULL };
  static const char *caseload_accels[] = { "<Control>l", NULL };
  static const char *help_accels[] = { "F1", NULL };

  G_APPLICATION_CLASS (vastus_application_parent_class)->startup (application);

  g_action_map_add_action_entries (G_ACTION_MAP (application), app_actions,
                                   G_N_ELEMENTS (app_actions), application);
  gtk_application_set_accels_for_action (GTK_APPLICATION (application), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (application), "win.add-patient",
                                         add_patient_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (application), "win.search",
                                         search_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (application), "win.import-device",
                                         import_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (application), "win.add-visit",
                                         add_visit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (application), "win.add-episode",
                                         add_episode_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (application), "win.preferences",
                                         preferences_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (application), "app.help", help_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (application), "win.caseload",
                                         caseload_accels);
  gtk_window_set_default_icon_name (APP_ID);
  /* Watched from now: a notification is needed as the windows go, when no time is left to ask. */
  VASTUS_APPLICATION (application)->notices =
    vastus_notice_service_new (g_application_get_dbus_connection (application));
  /* The tests' measure of the window's answering (VASTUS_HEARTBEAT_LOG). */
  vastus_heartbeat_start_from_env ();
}

static void
vastus_application_activate (GApplication *application)
{
  VastusApplication *self = VASTUS_APPLICATION (application);
  GtkWindow *window = NULL;

  /* The main window (the active one may be an editor or the preferences). */
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (application)); l != NULL;
       l = l->next)
    if (VASTUS_IS_WINDOW (l->data) && window == NULL)
      window = l->data;
  if (window == NULL)
    window = GTK_WINDOW (vastus_window_new (self));
  gtk_window_present (window);
}

static void
vastus_application_shutdown (GApplication *application)
{
  VastusApplication *self = VASTUS_APPLICATION (application);

  /* A draft or a visit still being written is written; a server that does not answer keeps
   * nothing long (a draft it did not take stays on this computer). */
  if (self->clinic != NULL && vastus_clinic_is_server (self->clinic))
    vastus_clinic_servers_quitting (TRUE);
  if (self->clinic != NULL)
    vastus_clinic_close (self->clinic);
  vastus_clinic_servers_quitting (FALSE);
  g_clear_pointer (&self->notices, vastus_notice_service_free);
  G_APPLICATION_CLASS (vastus_application_parent_class)->shutdown (application);
}

static void
vastus_application_finalize (GObject *object)
{
  VastusApplication *self = VASTUS_APPLICATION (object);

  stop_closing (self);
  if (self->switch_task != NULL)
    switch_fail (self, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, "Quitting"));
  g_clear_pointer (&self->database_path, g_free);
  g_clear_object (&self->clinic);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->notices, vastus_notice_service_free);
  G_OBJECT_CLASS (vastus_application_parent_class)->finalize (object);
}

static void
vastus_application_class_init (VastusApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = vastus_application_finalize;
  app_class->handle_local_options = vastus_application_handle_local_options;
  app_class->startup = vastus_application_startup;
  app_class->activate = vastus_application_activate;
  app_class->shutdown = vastus_application_shutdown;
}

static void
vastus_application_init (VastusApplication *self)
{
  self->settings = vastus_settings_new_if_installed ();
  g_signal_connect (self, "window-removed", G_CALLBACK (window_removed_cb), NULL);
  g_application_add_main_option_entries (G_APPLICATION (self), option_entries);
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("Knee rehabilitation tracking for physiotherapy and "
                                              "orthopaedic clinics."));
}

/* Public API */

VastusApplication *
vastus_application_new (void)
{
  return g_object_new (VASTUS_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       "resource-base-path", RESOURCE_PREFIX,
                       NULL);
}

const char *
vastus_application_get_database_path (VastusApplication *self)
{
  g_return_val_if_fail (VASTUS_IS_APPLICATION (self), NULL);
  return self->database_path;
}

void
vastus_application_set_database_path (VastusApplication *self,
                                      const char        *path)
{
  g_return_if_fail (VASTUS_IS_APPLICATION (self));
  g_return_if_fail (self->clinic == NULL);
  g_free (self->database_path);
  self->database_path = g_strdup (path);
}

VastusClinic *
vastus_application_get_clinic (VastusApplication *self)
{
  g_return_val_if_fail (VASTUS_IS_APPLICATION (self), NULL);

  if (self->clinic == NULL)
    {
      g_autofree char *path = g_strdup (self->database_path);

      if (path == NULL && g_getenv ("VASTUS_DB") == NULL
          && vastus_settings_get_database_kind (self->settings) == VASTUS_DATABASE_SERVER)
        {
          g_autoptr(GError) error = NULL;

          /* Preferences saves only an address that builds; one changed elsewhere that does
           * not is said, and the file on this computer opens. */
          path = vastus_settings_get_server_uri (self->settings, &error);
          if (path == NULL)
            g_message ("The clinic server in the settings cannot be used: %s", error->message);
          self->settings_server = path != NULL;
        }
      if (path == NULL)
        path = vastus_clinic_default_path ();
      self->clinic = vastus_clinic_new (path);
    }
  return self->clinic;
}

gboolean
vastus_application_is_database_chosen (VastusApplication *self)
{
  g_return_val_if_fail (VASTUS_IS_APPLICATION (self), TRUE);

  return self->database_path != NULL || g_getenv ("VASTUS_DB") != NULL || self->settings == NULL
         || vastus_settings_get_database_kind (self->settings) != VASTUS_DATABASE_UNSET;
}

static void
default_file_checked_cb (GObject      *source,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  gboolean exists = FALSE;

  if (!vastus_clinic_check_exists_finish (VASTUS_CLINIC (source), result, &exists, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, !exists);
}

void
vastus_application_check_first_run_async (VastusApplication   *self,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *path = NULL;

  g_return_if_fail (VASTUS_IS_APPLICATION (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, vastus_application_check_first_run_async);
  if (vastus_application_is_database_chosen (self))
    {
      g_task_return_boolean (task, FALSE);
      return;
    }
  /* The clinic's (of that very file, nothing chosen): off the main thread, by its deadline. */
  path = vastus_clinic_default_path ();
  vastus_clinic_check_exists_async (vastus_application_get_clinic (self), path, cancellable,
                                    default_file_checked_cb, g_steal_pointer (&task));
}

gboolean
vastus_application_check_first_run_finish (VastusApplication  *self,
                                           GAsyncResult       *result,
                                           GError            **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result))
                        == vastus_application_check_first_run_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

gboolean
vastus_application_is_settings_server (VastusApplication *self)
{
  g_return_val_if_fail (VASTUS_IS_APPLICATION (self), FALSE);

  vastus_application_get_clinic (self);
  return self->settings_server;
}

static void
password_found_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  VastusApplication *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;
  g_autofree char *password = vastus_keyring_lookup_finish (result, &error);

  /* The keyring's, or none (one forgotten there since is not given any more). */
  if (self->clinic != NULL)
    vastus_clinic_set_server_password (vastus_clinic_get_path (self->clinic), password);
  if (password != NULL)
    memset (password, 0, strlen (password));
  if (error != NULL)
    {
      g_message ("The keyring could not be read: %s", error->message);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_return_boolean (task, TRUE);
}

void
vastus_application_unlock_async (VastusApplication   *self,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  VastusServerAddress address;
  g_auto(GStrv) strings = NULL;

  g_return_if_fail (VASTUS_IS_APPLICATION (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, vastus_application_unlock_async);
  if (!vastus_application_is_settings_server (self))
    {
      g_task_return_boolean (task, TRUE);
      return;
    }
  strings = vastus_settings_get_server_address (self->settings, &address);
  vastus_keyring_lookup_async (&address, cancellable, password_found_cb, g_steal_pointer (&task));
}

gboolean
vastus_application_unlock_finish (VastusApplication  *self,
                                  GAsyncResult       *result,
                                  GError            **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Says, from the desktop's notifications (the windows are going), that @n_kept visits typed
 * and not saved are kept on this computer. */
static void
tell_visits_kept (VastusApplication *self,
                  guint              n_kept)
{
  g_autoptr(GNotification) notification = NULL;

  if (n_kept == 0)
    return;
  /* Translators: a desktop notification's title, as Vastus closes while the clinic server does
   * not answer */
  notification = g_notification_new (_("Visits kept on this computer"));
  g_notification_set_body (notification,
                           ngettext ("The clinic server did not answer, so the visit you "
                                     "typed was not saved there. It is kept on this computer "
                                     "and offered again when you open the visit.",
                                     "The clinic server did not answer, so the visits you "
                                     "typed were not saved there. They are kept on this "
                                     "computer and offered again when you open the visits.",
                                     n_kept));
  g_notification_set_priority (notification, G_NOTIFICATION_PRIORITY_HIGH);
  /* Not where the session has no notification service (GLib would warn that it failed). */
  vastus_notice_service_send (self->notices, G_APPLICATION (self), "visits-kept", notification);
}

/* Quitting while the clinic server does not answer: nothing waits for it. Every window goes at
 * once, the editors without their questions (and an editor whose Save waits for the server
 * without it): what was typed is in its draft, which a server that does not take it leaves on
 * this computer (vastus-visit-draft.h), to be offered again; the desktop's notifications say
 * so. */
static gboolean
quit_now_if_unreachable (VastusApplication *self)
{
  g_autoptr(GList) windows = NULL;
  guint n_kept = 0;

  if (self->clinic == NULL || !vastus_clinic_is_server (self->clinic)
      || !vastus_clinic_is_server_unreachable (self->clinic))
    return FALSE;
  stop_closing (self);
  vastus_clinic_servers_quitting (TRUE);
  windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (self)));
  for (GList *l = windows; l != NULL; l = l->next)
    {
      if (VASTUS_IS_WINDOW (l->data))
        continue;
      if (VASTUS_IS_VISIT_WINDOW (l->data)
          && vastus_visit_editor_get_modified (VASTUS_VISIT_EDITOR (
               vastus_visit_window_get_editor (l->data))))
        n_kept++;
      gtk_window_destroy (l->data);
    }
  tell_visits_kept (self, n_kept);
  g_clear_pointer (&windows, g_list_free);
  /* The main windows through their close requests (each keeps its size). */
  windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (self)));
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (l->data);
  g_application_quit (G_APPLICATION (self));
  return TRUE;
}

/* The clinic server stopped answering while the editors close for quitting (a question open,
 * or a Save waiting for the server): the quitting goes on as when it had stopped before. */
static void
unreachable_while_quitting_cb (VastusApplication *self)
{
  if (self->quitting)
    quit_now_if_unreachable (self);
}

void
vastus_application_quit (VastusApplication *self)
{
  g_return_if_fail (VASTUS_IS_APPLICATION (self));

  stop_closing (self);
  if (quit_now_if_unreachable (self))
    return;
  self->closing = TRUE;
  self->quitting = TRUE;
  if (self->clinic != NULL && vastus_clinic_is_server (self->clinic))
    self->unreachable_id = g_signal_connect_object (self->clinic, "notify::server-unreachable",
                                                    G_CALLBACK (unreachable_while_quitting_cb),
                                                    self, G_CONNECT_SWAPPED);
  close_next (self);
}

gboolean
vastus_application_close_editors_first (VastusApplication *self,
                                        GtkWindow         *window)
{
  GList *windows;
  gboolean editors = FALSE;

  g_return_val_if_fail (VASTUS_IS_APPLICATION (self), FALSE);
  g_return_val_if_fail (GTK_IS_WINDOW (window), FALSE);

  /* Closing all of them already, or closing this one now that its editors went. */
  if (self->closing)
    return self->asking != NULL;
  windows = gtk_application_get_windows (GTK_APPLICATION (self));
  for (GList *l = windows; l != NULL; l = l->next)
    editors |= !VASTUS_IS_WINDOW (l->data);
  if (!editors)
    return FALSE;
  self->closing = TRUE;
  g_set_weak_pointer (&self->close_target, window);
  close_next (self);
  /* Closed at once when no editor asked (close_next closed it again). */
  return TRUE;
}

static void
switch_opened_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(VastusApplication) self = user_data;
  GError *error = NULL;

  if (self->switch_task == NULL || VASTUS_CLINIC (source) != self->switch_clinic)
    return;
  if (!vastus_clinic_open_finish (VASTUS_CLINIC (source), result, &error))
    {
      switch_fail (self, error);
      return;
    }
  if (self->closing)
    {
      switch_fail (self, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                              _("Vastus is already closing or changing its "
                                                "database.")));
      return;
    }
  /* It opened: the editors of the old one close first, through their questions. */
  self->closing = TRUE;
  self->switching = TRUE;
  close_next (self);
}

static void
switch_unlocked_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(VastusApplication) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *password = vastus_keyring_lookup_finish (result, &error);

  if (self->switch_task == NULL)
    return;
  if (error != NULL)
    g_message ("The keyring could not be read: %s", error->message);
  vastus_clinic_set_server_password (vastus_clinic_get_path (self->switch_clinic), password);
  if (password != NULL)
    memset (password, 0, strlen (password));
  vastus_clinic_open_async (self->switch_clinic, NULL, switch_opened_cb, g_object_ref (self));
}

/* @settings_server: whether the clinic is the server Preferences chose once it opened. */
static void
switch_start (VastusApplication         *self,
              GTask                     *task,
              const char                *path,
              const VastusServerAddress *address,
              GtkWindow                 *spare,
              gboolean                   settings_server)
{
  if (self->switch_task != NULL || self->closing)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_PENDING,
                               _("Vastus is already closing or changing its database."));
      g_object_unref (task);
      return;
    }
  self->switch_task = task;
  self->switch_clinic = vastus_clinic_new (path);
  self->switch_server = settings_server;
  g_set_weak_pointer (&self->spare, spare);
  if (address != NULL)
    vastus_keyring_lookup_async (address, NULL, switch_unlocked_cb, g_object_ref (self));
  else
    vastus_clinic_open_async (self->switch_clinic, NULL, switch_opened_cb, g_object_ref (self));
}

void
vastus_application_switch_async (VastusApplication         *self,
                                 const char                *path,
                                 const VastusServerAddress *address,
                                 GtkWindow                 *spare,
                                 GAsyncReadyCallback        callback,
                                 gpointer                   user_data)
{
  GTask *task;

  g_return_if_fail (VASTUS_IS_APPLICATION (self));
  g_return_if_fail (path != NULL);

  task = g_task_new (self, NULL, callback, user_data);
  g_task_set_source_tag (task, vastus_application_switch_async);
  switch_start (self, task, path, address, spare, address != NULL);
}

void
vastus_application_log_in_as_async (VastusApplication         *self,
                                    const char                *uri,
                                    const VastusServerAddress *address,
                                    GAsyncReadyCallback        callback,
                                    gpointer                   user_data)
{
  GTask *task;

  g_return_if_fail (VASTUS_IS_APPLICATION (self));
  g_return_if_fail (uri != NULL);
  g_return_if_fail (address != NULL);

  task = g_task_new (self, NULL, callback, user_data);
  g_task_set_source_tag (task, vastus_application_switch_async);
  /* The same server as before: the one Preferences chose, or the one --db named. */
  switch_start (self, task, uri, address, NULL, vastus_application_is_settings_server (self));
}

gboolean
vastus_application_switch_finish (VastusApplication  *self,
                                  GAsyncResult       *result,
                                  GError            **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}
