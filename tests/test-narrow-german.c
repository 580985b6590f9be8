/* test-narrow-german.c: the report dialog and the visit window in German on a 360 px wide screen
 *
 * German runs about a third longer than English. At 360 px each window is no wider than the
 * screen (its minimum width, and where its header bar and bottom bar put their buttons), no label
 * it shows is cut short, and every button keeps its label and its mnemonic (Alt+S closes the
 * report dialog, Alt+F opens a questionnaire …): nothing is swapped for an icon that has none.
 * The German comes from the build's catalogue; French and Spanish are measured too. And in English, German, French and Spanish, no two labels of the visit
 * window, the patient and episode editors or the report dialog share a mnemonic (Alt+C would
 * only move between "Clinician" and "Cancel"). The built-in criteria sets, written in English in
 * the database, show their titles and criterion labels in German in the patient page's criteria
 * view and in the criteria-sets window.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "vastus-i18n.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include "clinic-test-util.h"
#include "mnemonic-test-util.h"
#include "narrow-fixture.h"
#include "narrow-test-util.h"
#include "report-fixture.h"
#include "vastus-caseload-window.h"
#include "vastus-criteria-sets-window.h"
#include "vastus-episode-editor.h"
#include "vastus-patient-editor.h"
#include "vastus-patient-page.h"
#include "vastus-patient-record.h"
#include "vastus-report-dialog.h"
#include "vastus-visit-editor.h"
#include "vastus-visit-window.h"

/* The German of @msgid; a message without German fails the test. */
static const char *
german (const char *msgid)
{
  const char *text = _(msgid);

  if (g_str_equal (text, msgid))
    g_error ("no German for “%s”", msgid);
  return text;
}

/* The button (or check button) under @root whose label is @label (with its mnemonic underscore), or NULL. */
static GtkWidget *
find_button (GtkWidget  *root,
             const char *label)
{
  if (GTK_IS_BUTTON (root) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (root)), label) == 0)
    return root;
  if (GTK_IS_CHECK_BUTTON (root) && g_strcmp0 (gtk_check_button_get_label (GTK_CHECK_BUTTON (root)), label) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button (child, label);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* @window shows at most SCREEN_WIDTH wide, and the button labelled @msgid's German is on screen
 * inside it, labelled in full, with the mnemonic @key: Alt+@key reaches it. */
static void
assert_button_fits (GtkWidget  *window,
                    const char *msgid,
                    guint       key)
{
  const char *label = german (msgid);
  GtkWidget *button = find_button (window, label);
  GtkWidget *child;
  graphene_rect_t bounds;

  g_assert_nonnull (button);
  g_assert_true (gtk_widget_get_mapped (button));
  g_assert_true (gtk_widget_compute_bounds (button, adw_window_get_content (ADW_WINDOW (window)), &bounds));
  g_test_message ("%s: x %.0f … %.0f", label, bounds.origin.x, bounds.origin.x + bounds.size.width);
  g_assert_cmpfloat (bounds.origin.x, >=, 0);
  g_assert_cmpfloat (bounds.origin.x + bounds.size.width, <=, SCREEN_WIDTH);
  /* Its label at its natural width: not ellipsized, not cut. */
  child = gtk_button_get_child (GTK_BUTTON (button));
  g_assert_true (GTK_IS_LABEL (child));
  g_assert_true (gtk_label_get_use_underline (GTK_LABEL (child)));
  g_assert_cmpuint (gdk_keyval_to_lower (gtk_label_get_mnemonic_keyval (GTK_LABEL (child))), ==, key);
  {
    int natural;

    gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &natural, NULL, NULL);
    g_assert_cmpint (gtk_widget_get_width (child), >=, natural);
  }
}

/* The caseload in Spanish, German and French: the therapists' filter goes below the conditions' rather
 * than off the screen ("Todos los terapeu" was cut by the window's edge). */
static void
check_caseload (Fixture    *f,
                const char *language)
{
  GtkWidget *window;

  g_setenv ("LANGUAGE", language, TRUE);
  setlocale (LC_ALL, "");
  window = vastus_caseload_window_new (NULL, f->clinic);
  gtk_window_set_default_size (GTK_WINDOW (window), SCREEN_WIDTH, 720);
  gtk_window_present (GTK_WINDOW (window));
  iterate ();
  assert_window_fits (window);
  {
    GtkWidget *content = adw_window_get_content (ADW_WINDOW (window));
    GtkWidget *therapists = GTK_WIDGET (gtk_widget_get_template_child (window, VASTUS_TYPE_CASELOAD_WINDOW,
                                                                       "therapist_dropdown"));
    graphene_rect_t bounds;

    g_assert_true (gtk_widget_compute_bounds (therapists, content, &bounds));
    g_assert_cmpfloat (bounds.origin.x + bounds.size.width, <=, SCREEN_WIDTH);
  }
  gtk_window_destroy (GTK_WINDOW (window));
  iterate ();
  g_setenv ("LANGUAGE", "de", TRUE);
  setlocale (LC_ALL, "");
}

static void
test_caseload_spanish (Fixture       *f,
                       gconstpointer  data)
{
  check_caseload (f, "es");
}

static void
test_caseload_german (Fixture       *f,
                      gconstpointer  data)
{
  check_caseload (f, "de");
}

/* French names the physiotherapist ("Tous les kinésithérapeutes", "Kinésithérapeute traitant"),
 * longer than the Spanish. */
static void
test_caseload_french (Fixture       *f,
                      gconstpointer  data)
{
  check_caseload (f, "fr");
}

/* The title of the header bar under @window (its title widget, a label). */
static GtkLabel *
find_title (GtkWidget *root)
{
  if (ADW_IS_HEADER_BAR (root))
    {
      GtkWidget *title = adw_header_bar_get_title_widget (ADW_HEADER_BAR (root));

      /* A title that gives way where there is no room for it. */
      if (ADW_IS_SQUEEZER (title))
        title = gtk_widget_get_first_child (title);
      return GTK_IS_LABEL (title) ? GTK_LABEL (title) : NULL;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkLabel *found = find_title (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* @window's title is whole in its header bar: on up to two lines, broken between words only
 * ("Pacient-e nuevo" was not a title), never cut ("Beric…"); with @may_give_way, it may instead
 * not be shown at all (where there is no room between the buttons). */
static void
assert_title_whole (GtkWidget *window,
                    gboolean   may_give_way)
{
  GtkLabel *title = find_title (window);
  PangoLayout *layout;
  const char *text;
  int lines;

  g_assert_nonnull (title);
  g_assert_cmpstr (gtk_label_get_label (title), ==, gtk_window_get_title (GTK_WINDOW (window)));
  if (may_give_way && !gtk_widget_get_mapped (GTK_WIDGET (title)))
    {
      g_test_message ("title “%s”: not shown, for want of room", gtk_label_get_label (title));
      return;
    }
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (title)));
  layout = gtk_label_get_layout (title);
  g_test_message ("title “%s”: %d px wide, %d lines", gtk_label_get_label (title),
                  gtk_widget_get_width (GTK_WIDGET (title)), pango_layout_get_line_count (layout));
  g_assert_false (pango_layout_is_ellipsized (layout));
  text = pango_layout_get_text (layout);
  lines = pango_layout_get_line_count (layout);
  g_assert_cmpint (lines, <=, 2);
  for (int i = 0; i < lines - 1; i++)
    {
      PangoLayoutLine *line = pango_layout_get_line_readonly (layout, i);

      g_assert_cmpint (text[line->start_index + line->length - 1], ==, ' ');
    }
}

/* The report dialog for the fixture's patient, SCREEN_WIDTH wide, its choices loaded. */
static GtkWidget *
open_report_dialog (Fixture *f)
{
  g_autoptr(VastusPatientRecord) record = vastus_clinic_get_patient (f->clinic, f->patient_id);
  VastusReportDialog *dialog;

  iterate ();
  dialog = vastus_report_dialog_new (NULL, record);
  gtk_window_set_default_size (GTK_WINDOW (dialog), SCREEN_WIDTH, 720);
  gtk_window_present (GTK_WINDOW (dialog));
  iterate ();
  wait_for_report (dialog);
  return GTK_WIDGET (dialog);
}

static void
test_report_dialog (Fixture       *f,
                    gconstpointer  data)
{
  GtkWidget *dialog = open_report_dialog (f);

  assert_window_fits (GTK_WIDGET (dialog));
  assert_title_whole (dialog, TRUE);
  /* German: S_chließen is _Schließen (Alt+S), _Drucken …, _Exportieren … */
  assert_button_fits (GTK_WIDGET (dialog), "_Close", 's');
  assert_button_fits (GTK_WIDGET (dialog), "_Print…", 'd');
  assert_button_fits (GTK_WIDGET (dialog), "_Export…", 'e');
  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* In French: "Exporter le rapport" between Fermer and Exporter … was "Exporter le…". */
static void
test_report_dialog_french (Fixture       *f,
                           gconstpointer  data)
{
  GtkWidget *dialog;

  g_setenv ("LANGUAGE", "fr", TRUE);
  /* The dialog's template is translated by gettext, which keeps what it translated until the
   * locale is set again. */
  setlocale (LC_ALL, "");
  dialog = open_report_dialog (f);
  g_assert_nonnull (find_button (dialog, "_Fermer"));
  assert_window_fits (dialog);
  assert_title_whole (dialog, TRUE);
  gtk_window_destroy (GTK_WINDOW (dialog));
  iterate ();
  g_setenv ("LANGUAGE", "de", TRUE);
  setlocale (LC_ALL, "");
}

static void
test_visit_window (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(VastusPatientRecord) record = vastus_clinic_get_patient (f->clinic, f->patient_id);
  VastusEpisodeRecord *episode;
  VastusVisitWindow *window;

  episode = first_episode (record);

  window = vastus_visit_window_new (NULL, f->clinic, vastus_episode_record_get_history (episode), 0);
  gtk_window_set_default_size (GTK_WINDOW (window), SCREEN_WIDTH, 720);
  gtk_window_present (GTK_WINDOW (window));
  iterate ();

  assert_window_fits (GTK_WIDGET (window));
  /* German: _Abbrechen (Alt+A), _Fragebogen … (Alt+F), _Speichern (Alt+S) */
  assert_button_fits (GTK_WIDGET (window), "_Cancel", 'a');
  assert_button_fits (GTK_WIDGET (window), "_Questionnaire…", 'f');
  assert_button_fits (GTK_WIDGET (window), "_Save", 's');
  gtk_window_destroy (GTK_WINDOW (window));
  g_object_unref (episode);
}

/* In French too: a hand-held dynamometer's fixation ("Tenu à la main") took a column of the test
 * conditions of its own, and held the window at 392 px. */
static void
test_visit_window_french (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(VastusPatientRecord) record = vastus_clinic_get_patient (f->clinic, f->patient_id);
  g_autoptr(VastusEpisodeRecord) episode = first_episode (record);
  GtkWidget *window;

  g_setenv ("LANGUAGE", "fr", TRUE);
  /* The window's template is translated by gettext, which keeps what it translated until the
   * locale is set again. */
  setlocale (LC_ALL, "");
  window = GTK_WIDGET (vastus_visit_window_new (NULL, f->clinic,
                                                vastus_episode_record_get_history (episode), 0));
  gtk_window_set_default_size (GTK_WINDOW (window), SCREEN_WIDTH, 720);
  gtk_window_present (GTK_WINDOW (window));
  iterate ();
  /* In French: Save is _Enregistrer. */
  g_assert_nonnull (find_button (window, "_Enregistrer"));
  assert_window_fits (window);
  gtk_window_destroy (GTK_WINDOW (window));
  iterate ();
  g_setenv ("LANGUAGE", "de", TRUE);
  setlocale (LC_ALL, "");
}

/* The new-patient window at 360 px in @language: its title whole (it wraps rather than being
 * cut: "Paciente nuevo" beside Cancelar and Guardar was "Paciente nu…"), the window no wider. */
static void
check_patient_editor_title (Fixture    *f,
                            const char *language)
{
  VastusPatientEditor *editor;

  g_setenv ("LANGUAGE", language, TRUE);
  editor = vastus_patient_editor_new (NULL, f->clinic, NULL);
  gtk_window_set_default_size (GTK_WINDOW (editor), SCREEN_WIDTH, 720);
  gtk_window_present (GTK_WINDOW (editor));
  iterate ();

  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (editor)), !=, "New Patient");
  assert_window_fits (GTK_WIDGET (editor));
  assert_title_whole (GTK_WIDGET (editor), FALSE);
  gtk_window_destroy (GTK_WINDOW (editor));
  iterate ();
  g_setenv ("LANGUAGE", "de", TRUE);
}

static void
test_patient_editor_spanish (Fixture       *f,
                             gconstpointer  data)
{
  check_patient_editor_title (f, "es");
}

static void
test_patient_editor_german (Fixture       *f,
                            gconstpointer  data)
{
  check_patient_editor_title (f, "de");
}

/* In a window of the editors' own width, the French titles are on one line: the header bar gave
 * a title that wraps its narrowest width, and "Nouveau patient" read "Nouveau / patient" with
 * room to spare at 1280 px. */
static void
test_editor_titles_wide (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(VastusPatientRecord) record = vastus_clinic_get_patient (f->clinic, f->patient_id);
  GtkWidget *windows[2];

  g_setenv ("LANGUAGE", "fr", TRUE);
  setlocale (LC_ALL, "");
  iterate ();
  windows[0] = GTK_WIDGET (vastus_patient_editor_new (NULL, f->clinic, NULL));
  windows[1] = GTK_WIDGET (vastus_episode_editor_new (NULL, f->clinic,
                                                      vastus_patient_record_get_patient (record), NULL));
  for (guint i = 0; i < G_N_ELEMENTS (windows); i++)
    {
      GtkLabel *title;

      gtk_window_set_default_size (GTK_WINDOW (windows[i]), 520, 720);
      gtk_window_present (GTK_WINDOW (windows[i]));
      iterate ();
      gtk_test_widget_wait_for_draw (windows[i]);
      title = find_title (windows[i]);
      g_assert_nonnull (title);
      /* "Nouveau patient", "Nouvel épisode" (po/fr.po) */
      g_assert_true (g_str_has_prefix (gtk_label_get_label (title), "Nouv"));
      g_test_message ("title “%s”: %d px wide", gtk_label_get_label (title),
                      gtk_widget_get_width (GTK_WIDGET (title)));
      g_assert_cmpint (pango_layout_get_line_count (gtk_label_get_layout (title)), ==, 1);
      gtk_window_destroy (GTK_WINDOW (windows[i]));
      iterate ();
    }
  g_setenv ("LANGUAGE", "de", TRUE);
  setlocale (LC_ALL, "");
}

/* @window's mnemonics (mnemonic-test-util.h), each its own: a clash is added to @failures. */
static void
assert_unique_mnemonics (GtkWidget  *window,
                         const char *what,
                         GString    *failures)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);
  g_autoptr(GString) clashes = g_string_new (NULL);

  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_present (GTK_WINDOW (window));
  iterate ();
  gtk_test_widget_wait_for_draw (window);
  collect_mnemonics (window, seen, clashes);
  g_test_message ("%s in %s: %u mnemonics", what, g_getenv ("LANGUAGE"), g_hash_table_size (seen));
  g_assert_cmpuint (g_hash_table_size (seen), >, 1);
  if (clashes->len > 0)
    g_string_append_printf (failures, "%s in %s: %s\n", what, g_getenv ("LANGUAGE"), clashes->str);
  gtk_window_destroy (GTK_WINDOW (window));
  iterate ();
}

static void
test_mnemonics (Fixture       *f,
                gconstpointer  data)
{
  static const char *languages[] = { "en", "de", "fr", "es" };
  g_autoptr(GString) failures = g_string_new (NULL);
  g_autoptr(VastusPatientRecord) record = vastus_clinic_get_patient (f->clinic, f->patient_id);
  VastusEpisodeRecord *episode;

  episode = first_episode (record);

  for (guint i = 0; i < G_N_ELEMENTS (languages); i++)
    {
      VastusReportDialog *dialog;
      GtkWidget *visit, *body_mass, *confirm;

      g_setenv ("LANGUAGE", languages[i], TRUE);
      /* The windows' templates are translated by gettext, which keeps what it translated until
       * the locale is set again. */
      setlocale (LC_ALL, "");
      visit = GTK_WIDGET (vastus_visit_window_new (NULL, f->clinic,
                                                   vastus_episode_record_get_history (episode), 0));
      gtk_window_present (GTK_WINDOW (visit));
      iterate ();
      /* An unusual body mass: "Visit details confirmed" shows, with its key. */
      body_mass = vastus_visit_editor_get_field (VASTUS_VISIT_EDITOR (vastus_visit_window_get_editor (VASTUS_VISIT_WINDOW (visit))),
                                                 "body-mass");
      gtk_editable_set_text (GTK_EDITABLE (body_mass), "250");
      g_signal_emit_by_name (body_mass, "entry-activated");
      iterate ();
      confirm = find_button (visit, g_dgettext (GETTEXT_PACKAGE, "Visit details c_onfirmed"));
      g_assert_nonnull (confirm);
      g_assert_true (gtk_widget_get_mapped (confirm));
      assert_unique_mnemonics (visit, "the visit window", failures);
      assert_unique_mnemonics (GTK_WIDGET (vastus_patient_editor_new (NULL, f->clinic, vastus_patient_record_get_patient (record))),
                               "the patient editor", failures);
      assert_unique_mnemonics (GTK_WIDGET (vastus_episode_editor_new (NULL, f->clinic,
                                                                      vastus_patient_record_get_patient (record),
                                                                      episode)),
                               "the episode editor", failures);
      dialog = vastus_report_dialog_new (NULL, record);
      gtk_window_present (GTK_WINDOW (dialog));
      wait_for_report (dialog);
      assert_unique_mnemonics (GTK_WIDGET (dialog), "the report dialog", failures);
    }
  g_setenv ("LANGUAGE", "de", TRUE);
  g_object_unref (episode);
  if (failures->len > 0)
    g_error ("mnemonics shared in one window:\n%s", failures->str);
}

/* The built-in Delaware-Oslo set's title and one of its criteria, with their German copied from
 * po/de.po's msgstr (not from what the program shows): a title or label the window shows as
 * stored, in English, fails. */
#define RTS_TITLE_EN "Delaware-Oslo return-to-sport criteria"
#define RTS_TITLE_DE "Delaware-Oslo-Kriterien für die Rückkehr zum Sport"
#define SINGLE_HOP_EN "Single hop LSI at least 90 %"
#define SINGLE_HOP_DE "Einbeinsprung-LSI mindestens 90 %"

/* Whether a preferences row under @root has a title containing @text. */
static gboolean
has_row_title (GtkWidget  *root,
               const char *text)
{
  if (ADW_IS_PREFERENCES_ROW (root) &&
      strstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (root)), text) != NULL)
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (has_row_title (child, text))
      return TRUE;
  return FALSE;
}

/* DEMO-001's ACL reconstruction is judged by the Delaware-Oslo set unless told otherwise: the
 * criteria view names it in German in its set chooser and lists its single hop criterion in
 * German; then the criteria-sets window lists the set by its German title. */
static void
test_criteria_german (Fixture       *f,
                      gconstpointer  data)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *page = vastus_patient_page_new ();
  g_autoptr(VastusPatientRecord) record = vastus_clinic_get_patient (f->clinic, f->patient_id);
  GtkWidget *list, *sets;
  GtkStringObject *item;

  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_set_child (GTK_WINDOW (window), page);
  gtk_window_present (GTK_WINDOW (window));
  vastus_patient_page_set_record (VASTUS_PATIENT_PAGE (page), record);
  iterate ();
  adw_view_stack_set_visible_child_name (
    ADW_VIEW_STACK (vastus_patient_page_get_part (VASTUS_PATIENT_PAGE (page), "view-stack")), "criteria");
  iterate ();

  g_assert_cmpstr (vastus_patient_page_get_criteria_set_id (VASTUS_PATIENT_PAGE (page)), ==,
                   "aclr-return-to-sport");
  item = adw_combo_row_get_selected_item (
    ADW_COMBO_ROW (vastus_patient_page_get_part (VASTUS_PATIENT_PAGE (page), "set-chooser")));
  g_assert_nonnull (item);
  g_assert_cmpstr (gtk_string_object_get_string (item), ==, RTS_TITLE_DE);
  list = vastus_patient_page_get_part (VASTUS_PATIENT_PAGE (page), "criteria-list");
  g_assert_true (has_row_title (list, SINGLE_HOP_DE));
  g_assert_false (has_row_title (list, SINGLE_HOP_EN));

  sets = vastus_criteria_sets_window_new (GTK_WINDOW (window), f->clinic);
  gtk_window_present (GTK_WINDOW (sets));
  iterate ();
  g_assert_true (has_row_title (sets, RTS_TITLE_DE));
  g_assert_false (has_row_title (sets, RTS_TITLE_EN));
  gtk_window_destroy (GTK_WINDOW (sets));
  gtk_window_destroy (GTK_WINDOW (window));
  iterate ();
}

int
main (int   argc,
      char *argv[])
{
  narrow_test_init (&argc, &argv);

  g_test_add ("/narrow-german/report-dialog", Fixture, NULL, fixture_set_up, test_report_dialog,
              fixture_tear_down);
  g_test_add ("/narrow-german/visit-window", Fixture, NULL, fixture_set_up, test_visit_window,
              fixture_tear_down);
  g_test_add ("/narrow-french/report-dialog", Fixture, NULL, fixture_set_up, test_report_dialog_french,
              fixture_tear_down);
  g_test_add ("/narrow-french/visit-window", Fixture, NULL, fixture_set_up, test_visit_window_french,
              fixture_tear_down);
  g_test_add ("/narrow-german/patient-editor-title", Fixture, NULL, fixture_set_up,
              test_patient_editor_german, fixture_tear_down);
  g_test_add ("/narrow-spanish/patient-editor-title", Fixture, NULL, fixture_set_up,
              test_patient_editor_spanish, fixture_tear_down);
  g_test_add ("/narrow-spanish/caseload", Fixture, NULL, fixture_set_up, test_caseload_spanish,
              fixture_tear_down);
  g_test_add ("/narrow-german/caseload", Fixture, NULL, fixture_set_up, test_caseload_german,
              fixture_tear_down);
  g_test_add ("/narrow-french/caseload", Fixture, NULL, fixture_set_up, test_caseload_french,
              fixture_tear_down);
  g_test_add ("/wide-french/editor-titles", Fixture, NULL, fixture_set_up, test_editor_titles_wide,
              fixture_tear_down);
  g_test_add ("/criteria-german/built-in-set", Fixture, NULL, fixture_set_up, test_criteria_german,
              fixture_tear_down);
  g_test_add ("/windows/mnemonics", Fixture, NULL, fixture_set_up, test_mnemonics,
              fixture_tear_down);
  return g_test_run ();
}
