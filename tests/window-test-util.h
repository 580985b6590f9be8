/* window-test-util.h: what tests of the application's window share
 *
 * Each test has a folder of its own with the database in it, and registers an application of its
 * own (a session bus keeps a registered application exported for the rest of the process). The
 * window's clinic is test_clinic: iterating waits for its calls too; the teardown closes it, as
 * the application's shutdown does.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>
#include <glib/gstdio.h>

#include "clinic-test-util.h"
#include "ui-safety-util.h"
#include "vastus-application.h"
#include "vastus-window.h"

typedef struct
{
  char *dir;
  char *db_path;
} Fixture;

static VastusClinic *test_clinic;

static inline void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("vastus-test-window-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->db_path = g_build_filename (fixture->dir, "clinic.db", NULL);
}

static inline void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  /* As the application's shutdown does (a registered application is not finalized: it stays
   * exported on the session bus). */
  if (test_clinic != NULL)
    vastus_clinic_close (test_clinic);
  g_clear_object (&test_clinic);
  ui_rm_rf (fixture->dir);
  g_free (fixture->db_path);
  g_free (fixture->dir);
}

static inline void
iterate_until_idle (void)
{
  if (test_clinic != NULL)
    clinic_test_wait (test_clinic);
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static inline VastusApplication *
new_registered_application (const char *db_path)
{
  static guint n_registered;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = g_strdup_printf (APP_ID ".Test%u", ++n_registered);
  VastusApplication *app = vastus_application_new ();

  /* Tests must not find, or be, another running Vastus. Where there is a session bus, a
   * registered application stays exported on it for the rest of the process (GApplication
   * unregisters only at the end of g_application_run ()): each test's gets an ID, and so an
   * object path, of its own. */
  g_application_set_application_id (G_APPLICATION (app), id);
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  vastus_application_set_database_path (app, db_path);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  g_assert_null (test_clinic);
  test_clinic = g_object_ref (vastus_application_get_clinic (app));
  return app;
}

static inline void
wait_until_mapped (GtkWidget *widget)
{
  while (!gtk_widget_get_mapped (widget))
    g_main_context_iteration (NULL, TRUE);
  iterate_until_idle ();
}

static inline gpointer
template_child (gpointer    widget,
                GType       type,
                const char *name)
{
  GObject *object = gtk_widget_get_template_child (GTK_WIDGET (widget), type, name);

  g_assert_nonnull (object);
  return object;
}

/* An application of its own on @db_path (*@app), and its window at 1280 × 800 showing the
 * patient @patient_id. */
static inline VastusWindow *
open_patient_window (const char         *db_path,
                     gint64              patient_id,
                     VastusApplication **app)
{
  VastusWindow *window;

  *app = new_registered_application (db_path);
  window = vastus_window_new (*app);
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_present (GTK_WINDOW (window));
  wait_until_mapped (GTK_WIDGET (window));
  g_signal_emit_by_name (gtk_widget_get_template_child (GTK_WIDGET (window), VASTUS_TYPE_WINDOW,
                                                        "patient_list"),
                         "patient-activated", patient_id);
  iterate_until_idle ();
  return window;
}

static inline void
close_patient_window (VastusWindow       *window,
                      VastusApplication **app)
{
  gtk_window_destroy (GTK_WINDOW (window));
  iterate_until_idle ();
  g_clear_object (app);
}

/* The window's part @name (a template child). */
static inline gpointer
child (gpointer    widget,
       const char *name)
{
  return template_child (widget, VASTUS_TYPE_WINDOW, name);
}

/* A descendant of @widget with the widget name @name, depth first. */
static inline GtkWidget *
find_named (GtkWidget  *widget,
            const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (widget), name) == 0)
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL;
       c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_named (c, name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* A descendant of @widget (or itself) of @type, depth first. */
static inline GtkWidget *
find_type (GtkWidget *widget,
           GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL;
       c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_type (c, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The newest shown window of @type, or NULL. */
static inline GtkWindow *
find_toplevel (GType type)
{
  GtkWindow *found = NULL;
  GList *toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (G_TYPE_CHECK_INSTANCE_TYPE (l->data, type) && gtk_widget_get_visible (l->data))
      found = l->data;
  g_list_free (toplevels);
  return found;
}

/* TRUE when a label at or below @widget shows text starting with @prefix. */
static inline gboolean
find_label_text (GtkWidget  *widget,
                 const char *prefix)
{
  if (GTK_IS_LABEL (widget) && g_str_has_prefix (gtk_label_get_text (GTK_LABEL (widget)), prefix))
    return TRUE;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    if (find_label_text (c, prefix))
      return TRUE;
  return FALSE;
}
