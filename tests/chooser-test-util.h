/* chooser-test-util.h: the file choosers a window opens, seen from a test under Xvfb
 *
 * Without a portal, a GtkFileChooserNative shows a GtkFileChooserDialog of its own: the tests
 * count those shown, read the folder they opened in and answer Cancel for the person.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "vastus-clinic.h"

/* The choosers shown now; the first in @first (may be NULL). */
static inline guint
chooser_test_count_shown (GtkWidget **first)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);

      if (!GTK_IS_FILE_CHOOSER_DIALOG (window) || !gtk_widget_get_visible (window))
        continue;
      if (n++ == 0 && first != NULL)
        *first = window;
    }
  return n;
}

static inline gboolean
chooser_test_tick_cb (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

/* Turns the main loop for @ms milliseconds. */
static inline void
chooser_test_spin (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * G_TIME_SPAN_MILLISECOND;
  guint tick = g_timeout_add (10, chooser_test_tick_cb, NULL);

  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (tick);
}

/* Waits (at most 30 s: a backstop, every turn polls) until a chooser is shown; returns it. */
static inline GtkWidget *
chooser_test_wait_shown (void)
{
  gint64 end = g_get_monotonic_time () + 30 * G_TIME_SPAN_SECOND;
  guint tick = g_timeout_add (10, chooser_test_tick_cb, NULL);
  GtkWidget *chooser = NULL;

  while (chooser_test_count_shown (&chooser) == 0 && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (tick);
  g_assert_nonnull (chooser);
  return chooser;
}

/* The folder @chooser shows (free it), or NULL when it shows none after 5 s. A folder given to it
 * is there at once; the one it picks without (the working folder) comes a few turns later. */
static inline char *
chooser_test_get_folder (GtkWidget *chooser)
{
  gint64 end = g_get_monotonic_time () + 5 * G_TIME_SPAN_SECOND;
  guint tick = g_timeout_add (10, chooser_test_tick_cb, NULL);
  GFile *folder;
  char *path;

  while ((folder = gtk_file_chooser_get_current_folder (GTK_FILE_CHOOSER (chooser))) == NULL
         && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (tick);
  path = folder != NULL ? g_file_get_path (folder) : NULL;
  g_clear_object (&folder);
  return path;
}

/* Cancel, as the person would, and what follows handled. */
static inline void
chooser_test_cancel (GtkWidget *chooser)
{
  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_CANCEL);
  chooser_test_spin (50);
  g_assert_cmpuint (chooser_test_count_shown (NULL), ==, 0);
}

/* Sets the application's setting @key to @saved, then clicks @window's template child @button
 * (of @window's @type). */
static inline void
chooser_test_click_with_folder (GtkWidget  *window,
                                GType       type,
                                const char *button,
                                const char *key,
                                const char *saved)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);

  g_settings_set_string (settings, key, saved);
  g_signal_emit_by_name (gtk_widget_get_template_child (window, type, button), "clicked");
}

/* Opens a window's chooser (a click, an action) with @saved as the folder saved last. */
typedef void (*ChooserTestOpen) (gpointer    data,
                                 const char *saved);

/* A chooser opens in the folder saved last (@saved, a folder) once the clinic has checked it is
 * one: that goes to the disk or a network share, which may hang. The check is the clinic's, off
 * the main thread: while it waits (the delay hook, 1 s, as a slow share), @window's main loop goes
 * on and no chooser is shown yet; opening again meanwhile (@open_again, or @open) does nothing
 * (one check, one chooser); then the chooser opens in @saved. Cancel: nothing more is asked. */
static inline void
chooser_test_assert_checked_off_main_thread (VastusClinic    *clinic,
                                             GtkWidget       *window,
                                             ChooserTestOpen  open,
                                             ChooserTestOpen  open_again,
                                             gpointer         data,
                                             const char      *saved)
{
  guint calls = vastus_clinic_get_n_calls (clinic);
  g_autofree char *shown = NULL;
  GtkWidget *chooser;

  vastus_clinic_set_delay (clinic, 1000);
  open (data, saved);
  chooser_test_spin (200);
  g_assert_cmpuint (chooser_test_count_shown (NULL), ==, 0);
  g_assert_true (gtk_widget_get_mapped (window));
  (open_again != NULL ? open_again : open) (data, saved);
  vastus_clinic_set_delay (clinic, 0);

  chooser = chooser_test_wait_shown ();
  /* A second check would answer about as late as the first: as long again for it. */
  chooser_test_spin (1200);
  g_assert_cmpuint (chooser_test_count_shown (NULL), ==, 1);
  g_assert_cmpuint (vastus_clinic_get_n_calls (clinic), ==, calls + 1);
  shown = chooser_test_get_folder (chooser);
  g_assert_cmpstr (shown, ==, saved);
  chooser_test_cancel (chooser);
  g_assert_cmpuint (vastus_clinic_get_n_calls (clinic), ==, calls + 1);
}

/* A saved folder that cannot be used, in @dir (@kind: "gone", not there; "file", a file): the
 * chooser opens as with none saved, where GTK 4.8 opens without one: the working folder. (Given
 * a missing folder, it would open in its parent; given a file, in none.) */
static inline void
chooser_test_assert_opens_as_unsaved (ChooserTestOpen  open,
                                      gpointer         data,
                                      const char      *dir,
                                      const char      *kind)
{
  g_autofree char *saved = g_build_filename (dir, "usb", NULL);
  g_autofree char *cwd = g_get_current_dir ();
  g_autofree char *shown = NULL;
  GtkWidget *chooser;

  if (g_str_equal (kind, "file"))
    g_assert_true (g_file_set_contents (saved, "not a folder\n", -1, NULL));
  open (data, saved);
  chooser = chooser_test_wait_shown ();
  shown = chooser_test_get_folder (chooser);
  g_assert_cmpstr (shown, ==, cwd);
  chooser_test_cancel (chooser);
}
