/* test-narrow-windows.c: every other window on a 360 px wide screen, in English, German, French
 * and Spanish
 *
 * German runs about a third longer than English, French and Spanish nearly as long. Each window
 * an action opens (each page of Preferences, the criteria sets and a set's editor, the
 * questionnaire grid and the hand-to-patient mode, the backups, the comparison after a
 * conflict, Check Names, the import assistant) is built 360 px wide in each language and fits
 * (narrow-test-util.h): its minimum width no wider than the screen, no label it shows cut
 * short. Preferences' switcher bar shows its four page names whole. So are the windows of a
 * patient's record (the patient and episode editors, a new visit, the report dialog) and the
 * caseload. On an empty database the main window's header asks who is entering whole from its
 * first frame; on the demo clinic the main window fits with its patient list (in each sort
 * order) and with a patient shown. The keyboard shortcuts window fits, each of its sections one
 * column whose labels are whole (describe_section_misfit). (The file chooser the exports open
 * where there is no portal is GTK's own, some 800 px wide, and left out.) The patient page's
 * tabs: test-narrow-page.c. Every misfit of every language is listed before the test fails.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "vastus-i18n.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <locale.h>

#include "mnemonic-test-util.h"
#include "narrow-fixture.h"
#include "narrow-test-util.h"
#include "ui-safety-util.h"
#include "vastus-application.h"
#include "vastus-backup-window.h"
#include "vastus-caseload-window.h"
#include "vastus-compare-window.h"
#include "vastus-criteria-sets-window.h"
#include "vastus-episode-editor.h"
#include "vastus-import-assistant.h"
#include "vastus-instrument.h"
#include "vastus-name-review-window.h"
#include "vastus-patient-mode.h"
#include "vastus-patient-editor.h"
#include "vastus-patient-list.h"
#include "vastus-patient-record.h"
#include "vastus-preferences-window.h"
#include "vastus-questionnaire-window.h"
#include "vastus-record-compare.h"
#include "vastus-visit-window.h"
#include "vastus-window.h"
#include "vastus-wording.h"

static const char *languages[] = { "en", "de", "fr", "es" };

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

/* The widget of @type under @widget, or NULL. */
static GtkWidget *
find_type (GtkWidget *widget,
           GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_type (c, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Adds to @problems the mnemonics two labels shown at once share (Alt+N reached neither
 * "_No maximal tests before" nor "_New Battery" once both were on one page). */
static void
describe_mnemonic_clashes (GtkWidget  *window,
                           const char *what,
                           GString    *problems)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);
  g_autoptr(GString) clashes = g_string_new (NULL);

  collect_mnemonics (window, seen, clashes);
  if (clashes->len > 0)
    g_string_append_printf (problems, "%s: one key for %s\n", what, clashes->str);
}

/* Preferences: General, Testing, Questionnaires, Database, each page in turn, with the
 * switcher bar that libadwaita shows below them on a narrow screen: four page names (and their
 * icons) share its 360 px, and none may be cut ("Allgem…": six of them cut every name, in
 * every language). */
static void
check_preferences (Fixture *f,
                   GString *problems)
{
  GtkWidget *window = present_narrow (vastus_preferences_window_new (NULL, f->clinic));
  GtkWidget *bar = find_type (window, ADW_TYPE_VIEW_SWITCHER_BAR);
  g_autoptr(GPtrArray) pages = g_ptr_array_new ();

  collect_pages (window, pages);
  /* The .ui's General and Testing (with the clinic's batteries), then Questionnaires and
   * Database from the window's code. */
  g_assert_cmpuint (pages->len, ==, 4);
  g_assert_nonnull (bar);
  g_assert_true (adw_view_switcher_bar_get_reveal (ADW_VIEW_SWITCHER_BAR (bar)));
  for (guint i = 0; i < pages->len; i++)
    {
      AdwPreferencesPage *page = pages->pdata[i];
      g_autofree char *what = g_strdup_printf ("Preferences, page “%s” in %s",
                                               adw_preferences_page_get_title (page),
                                               g_getenv ("LANGUAGE"));

      /* The narrow switcher shows each page's icon above its name. */
      g_assert_nonnull (adw_preferences_page_get_icon_name (page));
      adw_preferences_window_set_visible_page (ADW_PREFERENCES_WINDOW (window), page);
      iterate ();
      gtk_test_widget_wait_for_draw (window);
      g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (page)));
      g_assert_true (gtk_widget_get_mapped (bar));
      /* The whole window: the page, its header, and the switcher bar below. */
      describe_misfit (window, what, problems);
      describe_mnemonic_clashes (window, what, problems);
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

/* The sections under @widget, appended to @sections. */
static void
collect_sections (GtkWidget *widget,
                  GPtrArray *sections)
{
  if (GTK_IS_SHORTCUTS_SECTION (widget))
    g_ptr_array_add (sections, widget);
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    collect_sections (c, sections);
}

/* Adds to @problems what of the shortcuts section @section (shown) does not fit: its column
 * wider than the screen, or a label it cuts. (The window around it is GTK 4.8's: its search
 * entry asks for 40 characters, some 380 px, unless the window makes do with fewer,
 * _vastus_window_fit_help_overlay.) */
static void
describe_section_misfit (GtkWidget  *section,
                         const char *what,
                         GString    *problems)
{
  g_autoptr(GString) cut = g_string_new (NULL);
  int minimum;

  gtk_widget_measure (section, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
  g_test_message ("%s: minimum width %d", what, minimum);
  if (minimum > SCREEN_WIDTH)
    g_string_append_printf (problems, "%s: %d px wide at the least\n", what, minimum);
  collect_cut_labels (section, cut);
  if (cut->len > 0)
    g_string_append_printf (problems, "%s: cut %s\n", what, cut->str);
}

/* The keyboard shortcuts window of @window (GTK's, from gtk/help-overlay.ui, with the
 * application's accelerators), each section in turn: GTK 4.8 sets two columns of a section side
 * by side whatever the width (some 930 px in English), so each group is a section of its own, one
 * column, whose titles fit 360 px (describe_section_misfit). */
static void
check_shortcuts (GtkWidget *window,
                 GString   *problems)
{
  GtkWindow *shortcuts = GTK_WINDOW (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window)));
  g_autoptr(GPtrArray) sections = g_ptr_array_new ();

  g_assert_nonnull (shortcuts);
  present_narrow (GTK_WIDGET (shortcuts));
  /* The whole window too (what it shows, as describe_misfit measures): GTK's search entry asked
   * for 40 characters, some 390 px in all. */
  {
    g_autofree char *what = g_strdup_printf ("the keyboard shortcuts window in %s", g_getenv ("LANGUAGE"));
    int minimum;

    gtk_widget_measure (window_content (GTK_WIDGET (shortcuts)), GTK_ORIENTATION_HORIZONTAL, -1, &minimum,
                        NULL, NULL, NULL);
    g_test_message ("%s: minimum width %d", what, minimum);
    if (minimum > SCREEN_WIDTH)
      g_string_append_printf (problems, "%s: %d px wide at the least\n", what, minimum);
  }
  collect_sections (GTK_WIDGET (shortcuts), sections);
  g_assert_cmpuint (sections->len, >=, 1);
  for (guint i = 0; i < sections->len; i++)
    {
      g_autofree char *name = NULL;
      g_autofree char *what = NULL;

      g_object_get (sections->pdata[i], "section-name", &name, NULL);
      what = g_strdup_printf ("the keyboard shortcuts, section “%s”, in %s", name, g_getenv ("LANGUAGE"));
      g_object_set (shortcuts, "section-name", name, NULL);
      iterate ();
      gtk_test_widget_wait_for_draw (GTK_WIDGET (shortcuts));
      g_assert_true (gtk_widget_get_mapped (sections->pdata[i]));
      describe_section_misfit (sections->pdata[i], what, problems);
    }
  gtk_widget_set_visible (GTK_WIDGET (shortcuts), FALSE);
  iterate ();
}

/* Adds to @problems the clinician picker's question (@picker: its squeezer shows the whole one or
 * the short one) when it is cut short. */
static void
describe_question (GtkWidget  *picker,
                   const char *what,
                   GString    *problems)
{
  GtkWidget *shown = adw_squeezer_get_visible_child (ADW_SQUEEZER (find_type (picker, ADW_TYPE_SQUEEZER)));

  g_assert_true (GTK_IS_LABEL (shown));
  g_assert_true (gtk_widget_get_mapped (shown));
  g_test_message ("%s: the picker asks “%s”, %d px wide", what, gtk_label_get_text (GTK_LABEL (shown)),
                  gtk_widget_get_width (shown));
  if (pango_layout_is_ellipsized (gtk_label_get_layout (GTK_LABEL (shown))))
    g_string_append_printf (problems, "%s: the picker’s question “%s” is cut\n", what,
                            gtk_label_get_text (GTK_LABEL (shown)));
}

/* The window on an empty database (its file not made yet), opening 360 px wide: from its first
 * frame the header's clinician picker asks its question whole, "Who Is Entering?" or the short
 * "Who?" (it read "W…" beside the title, which only a folded leaflet hid), and the header cuts
 * nothing once the window has settled. Then its keyboard shortcuts (check_shortcuts). @n: an
 * application ID of its own (a registered application stays on the session bus). */
static void
check_empty_window (Fixture *f,
                    guint    n,
                    GString *problems)
{
  g_autofree char *dir = g_strdup_printf ("%s/empty-%u", f->dir, n);
  g_autofree char *path = g_build_filename (dir, "clinic.db", NULL);
  g_autofree char *id = g_strdup_printf (APP_ID ".Narrow%u", n);
  g_autofree char *first = g_strdup_printf ("the window's header on an empty database, first frame, in %s",
                                            g_getenv ("LANGUAGE"));
  g_autofree char *settled = g_strdup_printf ("the window on an empty database in %s",
                                              g_getenv ("LANGUAGE"));
  g_autoptr(VastusApplication) app = vastus_application_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) cut = g_string_new (NULL);
  GtkWidget *window;
  GtkWidget *picker;
  GtkWidget *header;

  g_assert_cmpint (g_mkdir (dir, 0700), ==, 0);
  /* The size the window opens at, as the application keeps it. */
  {
    g_autoptr(GSettings) settings = g_settings_new (APP_ID);

    g_settings_set_int (settings, "window-width", SCREEN_WIDTH);
    g_settings_set_int (settings, "window-height", 720);
  }
  g_application_set_application_id (G_APPLICATION (app), id);
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  vastus_application_set_database_path (app, path);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  window = GTK_WIDGET (vastus_window_new (app));
  picker = GTK_WIDGET (gtk_widget_get_template_child (window, VASTUS_TYPE_WINDOW, "clinician_picker"));
  header = find_type (window, ADW_TYPE_HEADER_BAR);
  gtk_window_present (GTK_WINDOW (window));
  gtk_test_widget_wait_for_draw (window);
  g_assert_true (gtk_widget_get_mapped (picker));
  describe_question (picker, first, problems);

  clinic_test_wait (vastus_application_get_clinic (app));
  iterate ();
  gtk_test_widget_wait_for_draw (window);
  describe_question (picker, settled, problems);
  collect_cut_labels (header, cut);
  if (cut->len > 0)
    g_string_append_printf (problems, "%s: the header cuts %s\n", settled, cut->str);
  check_shortcuts (window, problems);

  gtk_window_destroy (GTK_WINDOW (window));
  vastus_clinic_close (vastus_application_get_clinic (app));
  iterate ();
  ui_rm_rf (dir);
}

/* The window on the demo clinic, opening 360 px wide: folded to its patient list, then showing
 * DEMO-001, it needs no more than the screen and cuts nothing. The patient list alone is measured
 * in each sort order, to name it when it is what widens the window: the sort order's button is as
 * wide as the order it shows, and "Visitas recientes primero" beside "Archivados" made the list
 * 370 px wide, the window with it. @n: an application ID of its own. */
static void
check_demo_window (Fixture *f,
                   guint    n,
                   GString *problems)
{
  g_autofree char *id = g_strdup_printf (APP_ID ".NarrowDemo%u", n);
  g_autofree char *listed = g_strdup_printf ("the window's patient list in %s", g_getenv ("LANGUAGE"));
  g_autofree char *shown = g_strdup_printf ("the window showing a patient in %s", g_getenv ("LANGUAGE"));
  g_autoptr(VastusApplication) app = vastus_application_new ();
  g_autoptr(GError) error = NULL;
  GtkWidget *window;
  GtkWidget *list;
  int minimum;
  int frame;

  {
    g_autoptr(GSettings) settings = g_settings_new (APP_ID);

    g_settings_set_int (settings, "window-width", SCREEN_WIDTH);
    g_settings_set_int (settings, "window-height", 720);
    g_settings_set_string (settings, "last-patient", "");
  }
  g_application_set_application_id (G_APPLICATION (app), id);
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  vastus_application_set_database_path (app, f->path);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  window = GTK_WIDGET (vastus_window_new (app));
  list = GTK_WIDGET (gtk_widget_get_template_child (window, VASTUS_TYPE_WINDOW, "patient_list"));
  gtk_window_present (GTK_WINDOW (window));
  gtk_test_widget_wait_for_draw (window);
  clinic_test_wait (vastus_application_get_clinic (app));
  iterate ();
  gtk_test_widget_wait_for_draw (window);

  g_assert_true (gtk_widget_get_mapped (list));
  describe_misfit (window, listed, problems);
  /* The list may take the screen less the window's frame (what the window's surface has around
   * its content: 10 px of GTK's own frame where no window manager draws one). */
  frame = gdk_surface_get_width (gtk_native_get_surface (GTK_NATIVE (window)))
          - gtk_widget_get_width (window_content (window));
  for (VastusPatientOrder order = VASTUS_PATIENT_ORDER_LAST_VISIT; order <= VASTUS_PATIENT_ORDER_NAME; order++)
    {
      vastus_patient_list_set_sort (VASTUS_PATIENT_LIST (list), order);
      iterate ();
      gtk_widget_measure (list, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
      g_test_message ("%s, sort order %d: minimum width %d of %d", listed, order, minimum,
                      SCREEN_WIDTH - frame);
      if (minimum > SCREEN_WIDTH - frame)
        g_string_append_printf (problems, "%s, sort order %d: %d px wide at the least\n",
                                listed, order, minimum);
    }

  g_signal_emit_by_name (list, "patient-activated", f->patient_id);
  clinic_test_wait (vastus_application_get_clinic (app));
  iterate ();
  gtk_test_widget_wait_for_draw (window);
  describe_misfit (window, shown, problems);

  gtk_window_destroy (GTK_WINDOW (window));
  vastus_clinic_close (vastus_application_get_clinic (app));
  iterate ();
}

/* The caseload: a line for each demo patient rather than the table, none of whose texts
 * reaches out of its place or over its neighbour (the criteria met beside a name and an MRN). */
static void
check_caseload (Fixture *f,
                GString *problems)
{
  GtkWidget *window = present_narrow (vastus_caseload_window_new (NULL, f->clinic));
  g_autofree char *name = g_strdup_printf ("the caseload in %s", g_getenv ("LANGUAGE"));

  while (!vastus_caseload_window_get_loaded (VASTUS_CASELOAD_WINDOW (window)))
    g_main_context_iteration (NULL, TRUE);
  iterate ();
  gtk_test_widget_wait_for_draw (window);
  if (!vastus_caseload_window_get_narrow (VASTUS_CASELOAD_WINDOW (window)))
    g_string_append_printf (problems, "%s: the table, not a line for each patient\n", name);
  describe_overlaps (window_content (window), name, problems);
  check_and_close (window, "the caseload", problems);
}

/* The windows of a patient's record: the patient editor (new, and the demo patient), the episode
 * editor, a new visit, the report dialog (its choices loaded), and the caseload. */
static void
check_record_windows (Fixture *f,
                      GString *problems)
{
  g_autoptr(VastusPatientRecord) record = vastus_clinic_get_patient (f->clinic, f->patient_id);
  g_autoptr(VastusEpisodeRecord) episode = first_episode (record);
  const VastusPatient *patient = vastus_patient_record_get_patient (record);
  VastusReportDialog *report;

  check_and_close (present_narrow (GTK_WIDGET (vastus_patient_editor_new (NULL, f->clinic, NULL))),
                   "the new patient", problems);
  check_and_close (present_narrow (GTK_WIDGET (vastus_patient_editor_new (NULL, f->clinic, patient))),
                   "the patient editor", problems);
  check_and_close (present_narrow (GTK_WIDGET (vastus_episode_editor_new (NULL, f->clinic, patient, episode))),
                   "the episode editor", problems);
  check_and_close (present_narrow (GTK_WIDGET (vastus_visit_window_new (NULL, f->clinic,
                                                                        vastus_episode_record_get_history (episode),
                                                                        0))),
                   "the new visit", problems);
  report = vastus_report_dialog_new (NULL, record);
  present_narrow (GTK_WIDGET (report));
  wait_for_report (report);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (report));
  check_and_close (GTK_WIDGET (report), "the report dialog", problems);
  check_caseload (f, problems);
}

static void
test_windows (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GString) problems = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (languages); i++)
    {
      narrow_test_set_language (languages[i]);
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
      check_empty_window (f, i, problems);
      check_demo_window (f, i, problems);
      check_record_windows (f, problems);
    }
  narrow_test_set_language ("de");
  g_assert_cmpstr (problems->str, ==, "");
}

int
main (int   argc,
      char *argv[])
{
  narrow_test_init (&argc, &argv);

  g_test_add ("/narrow/windows", Fixture, NULL, fixture_set_up, test_windows, fixture_tear_down);
  return g_test_run ();
}
