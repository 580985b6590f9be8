/* test-narrow-windows.c: every other window on a 360 px wide screen, in English, German, French
 * and Spanish
 *
 * German runs about a third longer than English, French and Spanish nearly as long. Each window
 * an action opens (each page of Preferences, the criteria sets and a set's editor, the
 * questionnaire grid and the hand-to-patient mode, the backups, the comparison after a
 * conflict, Check Names, the import assistant) and each view of the patient page (Overview,
 * Visits, Criteria, the chart and its table) is built 360 px wide in each language and fits
 * (narrow-test-util.h): its minimum width no wider than the screen, no label it shows cut
 * short. Every misfit of every language is listed before the test fails. (GTK 4.8's keyboard
 * shortcuts window sets its columns side by side whatever the width, some 930 px in English:
 * GTK's own, and left out.)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "vastus-i18n.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <locale.h>

#include "narrow-fixture.h"
#include "narrow-test-util.h"
#include "vastus-backup-window.h"
#include "vastus-compare-window.h"
#include "vastus-criteria-sets-window.h"
#include "vastus-import-assistant.h"
#include "vastus-instrument.h"
#include "vastus-name-review-window.h"
#include "vastus-patient-mode.h"
#include "vastus-patient-page.h"
#include "vastus-patient-record.h"
#include "vastus-preferences-window.h"
#include "vastus-questionnaire-window.h"
#include "vastus-record-compare.h"
#include "vastus-wording.h"

static const char *languages[] = { "en", "de", "fr", "es" };

/* Windows' templates are translated by gettext, which keeps what it translated until the locale
 * is set again. */
static void
set_language (const char *language)
{
  g_setenv ("LANGUAGE", language, TRUE);
  setlocale (LC_ALL, "");
}

/* @window presented SCREEN_WIDTH wide, everything it reads read. */
static GtkWidget *
present_narrow (GtkWidget *window)
{
  gtk_window_set_default_size (GTK_WINDOW (window), SCREEN_WIDTH, 720);
  gtk_window_present (GTK_WINDOW (window));
  iterate ();
  gtk_test_widget_wait_for_draw (window);
  iterate ();
  return window;
}

/* Adds @window's misfit in the language set to @problems, and closes it. */
static void
check_and_close (GtkWidget  *window,
                 const char *what,
                 GString    *problems)
{
  g_autofree char *name = g_strdup_printf ("%s in %s", what, g_getenv ("LANGUAGE"));

  describe_misfit (window, name, problems);
  gtk_window_destroy (GTK_WINDOW (window));
  iterate ();
}

/* The preferences' pages under @widget (shown or not), appended to @pages: those of the window's
 * stack (a page may hold another, shown as a subpage). */
static void
collect_pages (GtkWidget *widget,
               GPtrArray *pages)
{
  if (ADW_IS_PREFERENCES_PAGE (widget) && ADW_IS_VIEW_STACK (gtk_widget_get_parent (widget)))
    {
      g_ptr_array_add (pages, widget);
      return;
    }
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    collect_pages (c, pages);
}

/* Preferences: General, Report, Criteria, Questionnaires, Database, …, each page in turn. */
static void
check_preferences (Fixture *f,
                   GString *problems)
{
  GtkWidget *window = present_narrow (vastus_preferences_window_new (NULL, f->clinic));
  g_autoptr(GPtrArray) pages = g_ptr_array_new ();

  collect_pages (window, pages);
  /* General, Report, Criteria, Questionnaires, Batteries, Database (the .ui and the window's
   * code add them). */
  g_assert_cmpuint (pages->len, >=, 5);
  for (guint i = 0; i < pages->len; i++)
    {
      AdwPreferencesPage *page = pages->pdata[i];
      g_autofree char *what = g_strdup_printf ("Preferences, page “%s” in %s",
                                               adw_preferences_page_get_title (page),
                                               g_getenv ("LANGUAGE"));

      adw_preferences_window_set_visible_page (ADW_PREFERENCES_WINDOW (window), page);
      iterate ();
      gtk_test_widget_wait_for_draw (window);
      g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (page)));
      /* The page's labels: the switcher below the pages is libadwaita's, whose six buttons
       * share 360 px and ellipsize their titles in every language, English too. */
      describe_misfit_of (window, GTK_WIDGET (page), what, problems);
    }
  gtk_window_destroy (GTK_WINDOW (window));
  iterate ();
}

/* The criteria sets, then a built-in set's copy in the editor. */
static void
check_criteria_sets (Fixture *f,
                     GString *problems)
{
  GtkWidget *window = present_narrow (vastus_criteria_sets_window_new (NULL, f->clinic));
  VastusCriteriaSetsWindow *sets = VASTUS_CRITERIA_SETS_WINDOW (window);
  GtkWidget *button;
  g_autofree char *what = g_strdup_printf ("the criteria sets in %s", g_getenv ("LANGUAGE"));

  describe_misfit (window, what, problems);
  button = vastus_criteria_sets_window_get_set_button (sets, "aclr-return-to-sport");
  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  iterate ();
  gtk_test_widget_wait_for_draw (window);
  g_assert_nonnull (vastus_criteria_sets_window_get_save_button (sets));
  check_and_close (window, "the criteria set editor", problems);
}

/* The hand-to-patient mode, not locked (locked, it fills whatever screen there is). */
static void
check_patient_mode (Fixture *f,
                    GString *problems)
{
  static const char wording_text[] = "[tegner]\nbefore\tYour level before?\t10\t0\nnow\tYour level now?\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) wording = vastus_wording_parse (wording_text, sizeof wording_text - 1, &error);

  g_assert_no_error (error);
  check_and_close (present_narrow (vastus_patient_mode_new (f->clinic, vastus_instrument_lookup ("tegner"),
                                                            g_ptr_array_index (wording, 0), NULL)),
                   "the hand-to-patient mode", problems);
}

/* The comparison a conflict offers: their version of a patient and the one typed. */
static void
check_compare (Fixture *f,
               GString *problems)
{
  g_autoptr(VastusPatient) theirs = vastus_patient_new ();
  g_autoptr(VastusPatient) mine = vastus_patient_new ();
  g_autoptr(GPtrArray) differences = NULL;
  g_autofree char *message = NULL;

  theirs->family_name = g_strdup ("Wittgenstein-Habsburg");
  theirs->given_name = g_strdup ("Maximiliane Theresia");
  mine->family_name = g_strdup ("Wittgenstein-Habsburg");
  mine->given_name = g_strdup ("Maximiliane");
  g_date_set_dmy (&theirs->birth_date, 12, G_DATE_MARCH, 1991);
  g_date_set_dmy (&mine->birth_date, 21, G_DATE_MARCH, 1991);
  differences = vastus_patient_compare (theirs, mine);
  g_assert_cmpuint (differences->len, >=, 2);
  /* The message the storage gives (vastus-row-version.c), translated. */
  message = g_strdup_printf (_("%s changed this patient at %s after you opened it"),
                             "Dr. Annemarie Oberhollenzer", "14:32");
  check_and_close (present_narrow (vastus_compare_window_new (NULL, message, differences)),
                   "the comparison", problems);
}

/* The patient page of the demo's first patient, each view in turn: Overview, Visits, Criteria,
 * and Charts, both the chart and the table beside it. */
static void
check_patient_page (Fixture *f,
                    GString *problems)
{
  static const char *views[] = { "overview", "visits", "criteria", "charts" };
  g_autoptr(VastusPatientRecord) record = vastus_clinic_get_patient (f->clinic, f->patient_id);
  GtkWidget *window = adw_window_new ();
  GtkWidget *page = vastus_patient_page_new ();
  AdwViewStack *stack;
  GtkStack *chart_stack;

  adw_window_set_content (ADW_WINDOW (window), page);
  present_narrow (window);
  vastus_patient_page_set_record (VASTUS_PATIENT_PAGE (page), record);
  iterate ();
  stack = ADW_VIEW_STACK (vastus_patient_page_get_part (VASTUS_PATIENT_PAGE (page), "view-stack"));
  for (guint i = 0; i < G_N_ELEMENTS (views); i++)
    {
      g_autofree char *what = g_strdup_printf ("the patient page, %s, in %s", views[i], g_getenv ("LANGUAGE"));

      adw_view_stack_set_visible_child_name (stack, views[i]);
      iterate ();
      gtk_test_widget_wait_for_draw (window);
      describe_misfit (window, what, problems);
    }
  /* The chart's table, in place of the chart. */
  chart_stack = GTK_STACK (gtk_widget_get_parent (vastus_patient_page_get_part (VASTUS_PATIENT_PAGE (page),
                                                                                "chart-view")));
  gtk_stack_set_visible_child_name (chart_stack, "table");
  iterate ();
  gtk_test_widget_wait_for_draw (window);
  check_and_close (window, "the patient page, the chart's table,", problems);
}

static void
test_windows (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GString) problems = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (languages); i++)
    {
      set_language (languages[i]);
      check_preferences (f, problems);
      check_criteria_sets (f, problems);
      check_and_close (present_narrow (vastus_questionnaire_window_new (f->clinic, NULL, NULL)),
                       "the questionnaire grid", problems);
      check_patient_mode (f, problems);
      check_and_close (present_narrow (GTK_WIDGET (vastus_backup_window_new (NULL, f->clinic))),
                       "the backups", problems);
      check_compare (f, problems);
      check_and_close (present_narrow (vastus_name_review_window_new (NULL, f->clinic)),
                       "Check Names", problems);
      check_and_close (present_narrow (GTK_WIDGET (vastus_import_assistant_new (NULL, f->clinic, NULL))),
                       "the import assistant", problems);
      check_patient_page (f, problems);
    }
  set_language ("de");
  g_assert_cmpstr (problems->str, ==, "");
}

int
main (int   argc,
      char *argv[])
{
  /* The build's catalogues (VASTUS_LOCALEDIR); the German locale, whose decimal comma the
   * windows show. */
  g_setenv ("LANGUAGE", "de", TRUE);
  g_setenv ("LC_ALL", "de_DE.UTF-8", TRUE);
  vastus_i18n_init ();
  if (setlocale (LC_ALL, NULL) == NULL || !g_str_has_prefix (setlocale (LC_ALL, NULL), "de_DE"))
    g_error ("the de_DE.UTF-8 locale is missing (build-aux/dev generates it)");
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/narrow/windows", Fixture, NULL, fixture_set_up, test_windows, fixture_tear_down);
  return g_test_run ();
}
