/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The user guide: F1 and Help in the primary menu open help:io.github.vastus.Vastus in the
 * desktop's handler for help: links (yelp), and say so when there is none.
 *
 * The test runs with XDG data and config folders of its own, made before GTK starts, in which a
 * stand-in handles help: links (make_help_handler). With VASTUS_TEST_NO_HELP_VIEWER set (the
 * subprocess of /help/without-viewer) nothing does.
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "vastus-application.h"
#include "vastus-window.h"

static char *tmp_dir;
static char *launched_path;

/* The desktop's handler for help: links becomes a stand-in that writes the link it was given to
 * a file (@stand_in), or none: the system's help viewers (yelp, KDE's) are taken off help: links. */
static void
make_help_handler (gboolean stand_in)
{
  g_autofree char *apps = g_build_filename (tmp_dir, "data", "applications", NULL);
  g_autofree char *config = g_build_filename (tmp_dir, "config", NULL);
  g_autofree char *desktop = g_build_filename (apps, "vastus-test-help.desktop", NULL);
  g_autofree char *mimeapps = g_build_filename (config, "mimeapps.list", NULL);
  g_autofree char *entry = NULL;

  g_assert_cmpint (g_mkdir_with_parents (apps, 0700), ==, 0);
  g_assert_cmpint (g_mkdir_with_parents (config, 0700), ==, 0);
  g_assert_true (g_file_set_contents (mimeapps,
                                      "[Removed Associations]\n"
                                      "x-scheme-handler/help=yelp.desktop;org.kde.khelpcenter.desktop;\n"
                                      "[Default Applications]\n"
                                      "x-scheme-handler/help=vastus-test-help.desktop\n", -1, NULL));
  if (!stand_in)
    return;
  entry = g_strdup_printf ("[Desktop Entry]\nType=Application\nName=Help stand-in\n"
                           "Exec=sh -c 'printf %%s \"$1\" > %s' sh %%u\n"
                           "MimeType=x-scheme-handler/help;\nNoDisplay=true\n", launched_path);
  g_assert_true (g_file_set_contents (desktop, entry, -1, NULL));
}

static VastusApplication *
new_application (void)
{
  g_autoptr(GError) error = NULL;
  VastusApplication *app = vastus_application_new ();
  g_autofree char *db = g_build_filename (tmp_dir, "clinic.db", NULL);

  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  vastus_application_set_database_path (app, db);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  return app;
}

static GtkWindow *
open_window (VastusApplication *app)
{
  GtkWindow *window;

  g_application_activate (G_APPLICATION (app));
  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  g_assert_true (VASTUS_IS_WINDOW (window));
  while (!gtk_widget_get_mapped (GTK_WIDGET (window)))
    g_main_context_iteration (NULL, TRUE);
  return window;
}

static GtkMenuButton *
find_primary_menu_button (GtkWidget *widget)
{
  if (GTK_IS_MENU_BUTTON (widget) && gtk_menu_button_get_primary (GTK_MENU_BUTTON (widget)))
    return GTK_MENU_BUTTON (widget);
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkMenuButton *found = find_primary_menu_button (c);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The label of the menu item (in sections too) whose action is @action, or NULL. */
static char *
menu_label_for (GMenuModel *menu,
                const char *action)
{
  for (int i = 0; i < g_menu_model_get_n_items (menu); i++)
    {
      g_autofree char *item_action = NULL;
      g_autofree char *label = NULL;
      g_autoptr(GMenuModel) section = g_menu_model_get_item_link (menu, i, G_MENU_LINK_SECTION);

      if (section != NULL)
        {
          char *found = menu_label_for (section, action);

          if (found != NULL)
            return found;
        }
      if (g_menu_model_get_item_attribute (menu, i, G_MENU_ATTRIBUTE_ACTION, "s", &item_action) &&
          g_str_equal (item_action, action) &&
          g_menu_model_get_item_attribute (menu, i, G_MENU_ATTRIBUTE_LABEL, "s", &label))
        return g_steal_pointer (&label);
    }
  return NULL;
}

/* F1 and the primary menu's Help open the guide at help:APP_ID, in the handler for help: links. */
static void
test_help_opens_the_guide (void)
{
  g_autoptr(VastusApplication) app = new_application ();
  g_auto(GStrv) accels = NULL;
  g_autofree char *label = NULL;
  g_autofree char *launched = NULL;
  GtkMenuButton *button;
  GtkWindow *window = open_window (app);

  accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "app.help");
  g_assert_cmpuint (g_strv_length (accels), ==, 1);
  g_assert_cmpstr (accels[0], ==, "F1");

  button = find_primary_menu_button (GTK_WIDGET (window));
  g_assert_nonnull (button);
  label = menu_label_for (gtk_menu_button_get_menu_model (button), "app.help");
  g_assert_cmpstr (label, ==, "_Help");

  g_action_group_activate_action (G_ACTION_GROUP (app), "help", NULL);
  /* The stand-in runs as a process of its own; the test's time limit bounds the wait. */
  while (!g_file_get_contents (launched_path, &launched, NULL, NULL) || launched[0] == '\0')
    {
      g_clear_pointer (&launched, g_free);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (10000);
    }
  g_assert_cmpstr (launched, ==, "help:" APP_ID);
  gtk_window_destroy (window);
}

/* Without a help viewer, a dialog says what is missing. */
static void
test_help_without_viewer (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr(VastusApplication) app = new_application ();
      GtkWindow *window = open_window (app);
      AdwMessageDialog *dialog = NULL;

      g_action_group_activate_action (G_ACTION_GROUP (app), "help", NULL);
      while (dialog == NULL)
        {
          GListModel *toplevels = gtk_window_get_toplevels ();

          g_main_context_iteration (NULL, TRUE);
          for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
            {
              g_autoptr(GObject) w = g_list_model_get_item (toplevels, i);

              if (ADW_IS_MESSAGE_DIALOG (w))
                dialog = ADW_MESSAGE_DIALOG (w);
            }
        }
      g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Cannot Open the User Guide");
      g_assert_cmpstr (adw_message_dialog_get_body (dialog), ==,
                       "There is no help viewer on this computer. Whoever looks after it can "
                       "install the “yelp” package, which shows the guide.");
      g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == window);
      g_assert_false (g_file_test (launched_path, G_FILE_TEST_EXISTS));
      gtk_window_destroy (GTK_WINDOW (dialog));
      gtk_window_destroy (window);
      return;
    }
  g_setenv ("VASTUS_TEST_NO_HELP_VIEWER", "1", TRUE);
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_unsetenv ("VASTUS_TEST_NO_HELP_VIEWER");
  g_test_trap_assert_passed ();
}

/* Removes @path and, when it is a folder (not a link to one), what it holds. */
static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_file_test (path, G_FILE_TEST_IS_SYMLINK) ? NULL : g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      remove_tree (child);
    }
  g_remove (path);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  g_autofree char *config = NULL;
  int status;

  tmp_dir = g_dir_make_tmp ("vastus-test-help-XXXXXX", &error);
  g_assert_no_error (error);
  launched_path = g_build_filename (tmp_dir, "launched", NULL);
  data = g_build_filename (tmp_dir, "data", NULL);
  config = g_build_filename (tmp_dir, "config", NULL);
  g_setenv ("XDG_DATA_HOME", data, TRUE);
  g_setenv ("XDG_CONFIG_HOME", config, TRUE);
  make_help_handler (g_getenv ("VASTUS_TEST_NO_HELP_VIEWER") == NULL);

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_test_add_func ("/help/opens-the-guide", test_help_opens_the_guide);
  g_test_add_func ("/help/without-viewer", test_help_without_viewer);
  status = g_test_run ();
  remove_tree (tmp_dir);
  return status;
}
