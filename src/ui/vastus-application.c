/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vastus-application"

#include "config.h"

#include <glib/gi18n.h>

#include "vastus-application.h"
#include "vastus-window.h"

struct _VastusApplication
{
  AdwApplication  parent_instance;
  char           *database_path;
};

G_DEFINE_FINAL_TYPE (VastusApplication, vastus_application, ADW_TYPE_APPLICATION)

static const GOptionEntry option_entries[] = {
  { "db", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Open the database at PATH instead of the default one"), N_("PATH") },
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

static void
quit_cb (GSimpleAction *action,
         GVariant      *parameter,
         gpointer       user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);
  GList *windows = gtk_application_get_windows (app);

  /* Close each window so that it saves its size; the application quits with the last. */
  for (GList *l = windows; l != NULL;)
    {
      GtkWindow *window = l->data;

      l = l->next;
      gtk_window_close (window);
    }
  g_application_quit (G_APPLICATION (app));
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
  static const char *preferences_accels[] = { "<Control>comma", NULL };
  static const char *help_accels[] = { "F1", NULL };

  G_APPLICATION_CLASS (vastus_application_parent_class)->startup (application);

  g_action_map_add_action_entries (G_ACTION_MAP (application), app_actions,
                                   G_N_ELEMENTS (app_actions), application);
  gtk_application_set_accels_for_action (GTK_APPLICATION (application), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (application), "win.add-patient",
                                         add_patient_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (application), "win.search",
                                         search_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (application), "win.preferences",
                                         preferences_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (application), "app.help", help_accels);
  gtk_window_set_default_icon_name (APP_ID);
}

static void
vastus_application_activate (GApplication *application)
{
  VastusApplication *self = VASTUS_APPLICATION (application);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (application));

  if (window == NULL)
    window = GTK_WINDOW (vastus_window_new (self, self->database_path));
  gtk_window_present (window);
}

static void
vastus_application_finalize (GObject *object)
{
  VastusApplication *self = VASTUS_APPLICATION (object);

  g_clear_pointer (&self->database_path, g_free);
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
}

static void
vastus_application_init (VastusApplication *self)
{
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
  g_free (self->database_path);
  self->database_path = g_strdup (path);
}
