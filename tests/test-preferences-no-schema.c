/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Preferences in an installation without Vastus's settings schema (uninstalled, or broken):
 * the window opens instead of aborting, shows the values Vastus then uses, cannot change them,
 * and says that settings cannot be saved. The clinic's rules are not settings: kept in its
 * database, they are shown and can be changed all the same.
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <locale.h>

#include "clinic-test-util.h"
#include "vastus-preferences-window.h"
#include "vastus-safety.h"

static void
test_no_schema (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("vastus-prefs-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "clinic.db", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  VastusClinic *clinic;
  GtkWidget *window, *units, *pain, *name, *criteria;
  GtkWidget *group;

  g_assert_no_error (error);
  g_assert_nonnull (g_settings_schema_source_get_default ());
  g_assert_null (g_settings_schema_source_lookup (g_settings_schema_source_get_default (), APP_ID, TRUE));
  clinic = clinic_test_open (path);

  window = vastus_preferences_window_new (NULL, clinic);
  gtk_window_present (GTK_WINDOW (window));
  gtk_test_widget_wait_for_draw (window);
  /* The criteria sets, read by the clinic. */
  clinic_test_wait (clinic);

  /* The values used without settings: metric, the default pain level, no clinic name. */
  units = vastus_preferences_window_get_row (VASTUS_PREFERENCES_WINDOW (window), "units");
  pain = vastus_preferences_window_get_row (VASTUS_PREFERENCES_WINDOW (window), "pain");
  name = vastus_preferences_window_get_row (VASTUS_PREFERENCES_WINDOW (window), "clinic-name");
  criteria = vastus_preferences_window_get_row (VASTUS_PREFERENCES_WINDOW (window), "criteria-aclr");
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (units)), ==, 0);
  g_assert_cmpfloat (gtk_spin_button_get_value (GTK_SPIN_BUTTON (pain)), ==, VASTUS_SAFETY_DEFAULT_PAIN_LIMIT);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (name)), ==, "");
  /* … which cannot be changed … */
  g_assert_false (gtk_widget_is_sensitive (units));
  g_assert_false (gtk_widget_is_sensitive (name));
  g_assert_true (gtk_widget_is_sensitive (pain));
  /* The clinic's rules for maximal tests (12 weeks) and stale results (4 weeks), and the
   * caseload's re-test interval (4 weeks): its defaults, and the clinic's to change. */
  for (guint i = 0; i < 3; i++)
    {
      const char *rows[] = { "maximal-test-weeks", "stale-weeks", "retest-weeks" };
      const double expected[] = { 12, 4, 4 };
      GtkWidget *spin = vastus_preferences_window_get_row (VASTUS_PREFERENCES_WINDOW (window), rows[i]);

      g_assert_cmpfloat (gtk_spin_button_get_value (GTK_SPIN_BUTTON (spin)), ==, expected[i]);
      g_assert_true (gtk_widget_is_sensitive (spin));
    }
  g_assert_nonnull (criteria);
  g_assert_true (gtk_widget_is_sensitive (criteria));
  /* … and why, on the first page. */
  group = gtk_widget_get_ancestor (units, ADW_TYPE_PREFERENCES_PAGE);
  g_assert_nonnull (group);
  for (group = gtk_widget_get_first_child (window); group != NULL; )
    {
      if (ADW_IS_PREFERENCES_GROUP (group)
          && g_strcmp0 (adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (group)),
                        "Settings Cannot Be Saved") == 0)
        break;
      /* Depth first through the window's widgets. */
      if (gtk_widget_get_first_child (group) != NULL)
        group = gtk_widget_get_first_child (group);
      else
        {
          while (group != NULL && gtk_widget_get_next_sibling (group) == NULL)
            group = gtk_widget_get_parent (group) == window ? NULL : gtk_widget_get_parent (group);
          if (group != NULL)
            group = gtk_widget_get_next_sibling (group);
        }
    }
  g_assert_nonnull (group);
  g_assert_true (gtk_widget_get_visible (group));
  g_assert_nonnull (strstr (adw_preferences_group_get_description (ADW_PREFERENCES_GROUP (group)),
                            "cannot be changed"));

  gtk_window_destroy (GTK_WINDOW (window));
  clinic_test_wait (clinic);
  g_assert_finalize_object (clinic);
  g_unlink (wal);
  g_unlink (shm);
  g_unlink (path);
  g_rmdir (dir);
}

int
main (int argc, char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  /* tests/meson.build points GSettings at a folder with another schema instead of the build's
   * data/ (and the system's schemas, where Vastus is not installed). */
  g_setenv ("GTK_A11Y", "none", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/preferences/no-schema", test_no_schema);
  return g_test_run ();
}
