/* chooser-test-util.h: the file choosers a window opens, seen from a test under Xvfb
 *
 * In place of the platform's dialog (a portal, or GTK's own file chooser window, which leaks
 * under LeakSanitizer), GtkFileChooserNative's show and hide are a recorder here: the tests
 * count the choosers shown, read the folder vastus_saved_folder_show_chooser showed one in, and
 * answer Cancel for the person.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "clinic-test-util.h"
#include "vastus-clinic.h"
#include "vastus-saved-folder.h"

/* The choosers shown now (not owned: each leaves when hidden or finalized). */
static GPtrArray *chooser_test_shown;

static inline void
chooser_test_gone_cb (gpointer  data,
                      GObject  *where_it_was)
{
  g_ptr_array_remove (chooser_test_shown, where_it_was);
}

static void
chooser_test_show (GtkNativeDialog *chooser)
{
  g_ptr_array_add (chooser_test_shown, chooser);
  g_object_weak_ref (G_OBJECT (chooser), chooser_test_gone_cb, NULL);
}

static void
chooser_test_hide (GtkNativeDialog *chooser)
{
  if (g_ptr_array_remove (chooser_test_shown, chooser))
    g_object_weak_unref (G_OBJECT (chooser), chooser_test_gone_cb, NULL);
}

/* Whether this run of a test program is the one of its file choosers' tests (meson runs each
 * such program twice, with and without VASTUS_TEST_CHOOSERS): under the sanitizers that run
 * has no leak check, because GTK 4.8's file chooser (made with every GtkFileChooserNative, even
 * one never shown) leaks a few objects on GIO's threads and in libcloudproviders, with no frame
 * of GTK's or ours to suppress them by; the other run keeps the check for everything else. */
static inline gboolean
chooser_test_part (void)
{
  return g_getenv ("VASTUS_TEST_CHOOSERS") != NULL;
}

/* Once, after gtk_test_init: every GtkFileChooserNative shows and hides through the recorder. */
static inline void
chooser_test_init (void)
{
  GtkNativeDialogClass *klass = g_type_class_ref (GTK_TYPE_FILE_CHOOSER_NATIVE);

  klass->show = chooser_test_show;
  klass->hide = chooser_test_hide;
  chooser_test_shown = g_ptr_array_new ();
}

/* The choosers shown now; the first in @first (may be NULL). */
static inline guint
chooser_test_count_shown (GtkFileChooserNative **first)
{
  if (first != NULL && chooser_test_shown->len > 0)
    *first = g_ptr_array_index (chooser_test_shown, 0);
  return chooser_test_shown->len;
}

/* Turns the main loop for @ms milliseconds. */
static inline void
chooser_test_spin (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * G_TIME_SPAN_MILLISECOND;
  guint tick = g_timeout_add (10, clinic_test_tick_cb, NULL);

  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (tick);
}

static inline gboolean
chooser_test_any_shown (gpointer data)
{
  return chooser_test_count_shown (NULL) > 0;
}

/* Waits (clinic_test_turn_until) until a chooser is shown; returns it. */
static inline GtkFileChooserNative *
chooser_test_wait_shown (void)
{
  GtkFileChooserNative *chooser = NULL;

  clinic_test_turn_until (chooser_test_any_shown, NULL);
  chooser_test_count_shown (&chooser);
  g_assert_nonnull (chooser);
  return chooser;
}

/* The folder @chooser was shown in (free it), or NULL: none, it opens where it would without. */
static inline char *
chooser_test_get_folder (GtkFileChooserNative *chooser)
{
  GFile *folder = vastus_saved_folder_get_shown_in (chooser);

  return folder != NULL ? g_file_get_path (folder) : NULL;
}

/* Cancel, as the person would (the platform's dialog closes, then answers), and what follows
 * handled. */
static inline void
chooser_test_cancel (GtkFileChooserNative *chooser)
{
  gtk_native_dialog_hide (GTK_NATIVE_DIALOG (chooser));
  g_signal_emit_by_name (chooser, "response", GTK_RESPONSE_CANCEL);
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
  GtkFileChooserNative *chooser;

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
 * chooser is shown with no folder given, as with none saved. */
static inline void
chooser_test_assert_opens_as_unsaved (ChooserTestOpen  open,
                                      gpointer         data,
                                      const char      *dir,
                                      const char      *kind)
{
  g_autofree char *saved = g_build_filename (dir, "usb", NULL);
  g_autofree char *shown = NULL;
  GtkFileChooserNative *chooser;

  if (g_str_equal (kind, "file"))
    g_assert_true (g_file_set_contents (saved, "not a folder\n", -1, NULL));
  open (data, saved);
  chooser = chooser_test_wait_shown ();
  shown = chooser_test_get_folder (chooser);
  g_assert_null (shown);
  chooser_test_cancel (chooser);
}
