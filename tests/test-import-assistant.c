/* test-import-assistant.c: "Import from a Device or Spreadsheet…" under Xvfb
 *
 * The assistant on a temporary database with two patients, through the clinic (the main thread
 * guarded): a NordBord export recognised, its patient chosen, previewed and imported, the open
 * patient's record following; a clinic's spreadsheet with no profile, its columns guessed from
 * the headers, a choice that leaves no date said on the spot, saved as a profile that then
 * recognises the file; a file with a bad cell, the problem marked in the rows shown and nothing
 * imported; a profile's columns changed by hand. With $VASTUS_SCREENSHOT_DIR set, each page is
 * saved wide and at 360 px, light and dark.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>

#include "clinic-test-util.h"
#include "device-patients.h"
#include "ui-safety-util.h"
#include "vastus-csv-export.h"
#include "vastus-episode-record.h"
#include "vastus-import-assistant.h"
#include "vastus-import-column-row.h"
#include "vastus-import-columns.h"
#include "vastus-import-patient.h"
#include "vastus-import-preview.h"
#include "vastus-import-table.h"
#include "vastus-patient-record.h"

typedef struct
{
  char                  *dir;
  char                  *path;
  VastusClinic          *clinic;
  VastusImportAssistant *assistant;
  gint64                 shown;       /* ::show-patient's id */
} Fixture;

static void
show_patient_cb (VastusImportAssistant *assistant,
                 gint64                 id,
                 Fixture               *f)
{
  f->shown = id;
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("vastus-import-ui-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "clinic.db", NULL);
  clinic_test_in_thread (f->path, device_add_patients, NULL);
  f->clinic = clinic_test_open (f->path);
  f->assistant = g_object_ref (vastus_import_assistant_new (NULL, f->clinic, NULL));
  g_signal_connect (f->assistant, "show-patient", G_CALLBACK (show_patient_cb), f);
  ui_show (GTK_WINDOW (f->assistant), GTK_WIDGET (f->assistant));
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (f->assistant));
  clinic_test_wait (f->clinic);
  ui_iterate ();
  g_assert_finalize_object (f->assistant);
  vastus_clinic_close (f->clinic);
  g_clear_object (&f->clinic);
  ui_rm_rf (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

static void
wait_page (Fixture    *f,
           const char *page)
{
  for (guint i = 0; i < 2000 && !g_str_equal (vastus_import_assistant_get_page (f->assistant), page);
       i++)
    {
      clinic_test_wait (f->clinic);
      ui_iterate ();
      g_usleep (1000);
    }
  g_assert_cmpstr (vastus_import_assistant_get_page (f->assistant), ==, page);
}

static GtkWidget *
part (Fixture    *f,
      const char *name)
{
  GtkWidget *widget = vastus_import_assistant_get_part (f->assistant, name);

  g_assert_nonnull (widget);
  return widget;
}

static GtkWidget *
preview_part (Fixture    *f,
              const char *name)
{
  GtkWidget *widget = vastus_import_preview_get_part (VASTUS_IMPORT_PREVIEW (part (f, "preview")),
                                                      name);

  g_assert_nonnull (widget);
  return widget;
}

static void
click (Fixture    *f,
       const char *name)
{
  GtkWidget *button = part (f, name);

  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
  clinic_test_wait (f->clinic);
  ui_iterate ();
}

/* The page wide and at 360 px, light and dark, with $VASTUS_SCREENSHOT_DIR. */
static void
shoot (Fixture    *f,
       const char *name)
{
  g_autofree char *file = g_strdup_printf ("import-%s", name);

  gtk_window_set_default_size (GTK_WINDOW (f->assistant), 760, 720);
  ui_screenshots (GTK_WINDOW (f->assistant), file, 720);
}

/* The GtkLabel under @root showing @text (mapped), or NULL. */
static GtkLabel *
shown_label (GtkWidget  *root,
             const char *text)
{
  if (GTK_IS_LABEL (root) && gtk_widget_get_mapped (root)
      && g_str_equal (gtk_label_get_text (GTK_LABEL (root)), text))
    return GTK_LABEL (root);
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkLabel *found = shown_label (child, text);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Whether @root shows @text unabridged with the assistant 760 px wide and 360 px wide. */
static gboolean
label_shown_in_full (Fixture    *f,
                     GtkWidget  *root,
                     const char *text)
{
  gboolean full = TRUE;

  for (int width = 760; width >= 360; width -= 400)
    {
      GtkLabel *label;

      gtk_window_set_default_size (GTK_WINDOW (f->assistant), width, 720);
      for (guint k = 0; k < 20; k++)
        {
          ui_iterate ();
          g_usleep (5000);
        }
      label = shown_label (root, text);
      if (label == NULL || pango_layout_is_ellipsized (gtk_label_get_layout (label)))
        {
          g_test_message ("“%s” at %d px: %s", text, width, label == NULL ? "not shown" : "cut");
          full = FALSE;
        }
    }
  gtk_window_set_default_size (GTK_WINDOW (f->assistant), 760, 720);
  ui_iterate ();
  return full;
}

static char *
fixture_file (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", "device", name, NULL);
}

static VastusImportColumnRow *
column (Fixture    *f,
        const char *header)
{
  GPtrArray *rows = vastus_import_columns_get_column_rows (
    VASTUS_IMPORT_COLUMNS (part (f, "columns-page")));

  for (guint i = 0; i < rows->len; i++)
    if (g_str_equal (vastus_import_column_row_get_mapping (rows->pdata[i])->header, header))
      return rows->pdata[i];
  g_error ("no column “%s”", header);
}

static guint
group_rows (GtkWidget *group)
{
  GtkWidget *list = ui_find_widget (group, GTK_TYPE_LIST_BOX, NULL);
  guint n = 0;

  for (GtkWidget *child = list != NULL ? gtk_widget_get_first_child (list) : NULL; child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n++;
  return n;
}

static gpointer
export_query (VastusDatabase *db,
              gpointer        data)
{
  return vastus_csv_export (db, NULL, NULL, NULL);
}

static char *
exported (Fixture *f)
{
  return clinic_test_query (f->path, export_query, NULL);
}

/* The visits the open record of patient 1 shows in its one episode. */
static guint
record_visits (Fixture             *f,
               VastusPatientRecord *record)
{
  g_autoptr(VastusEpisodeRecord) episode = NULL;

  clinic_test_wait (f->clinic);
  episode = g_list_model_get_item (vastus_patient_record_get_episodes (record), 0);
  return g_list_model_get_n_items (vastus_episode_record_get_visits (episode));
}

/* A NordBord export: recognised, its patient chosen (the file names her), previewed, imported. */
static void
test_nordbord (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *path = fixture_file ("nordbord.csv");
  g_autoptr(VastusPatientRecord) record = vastus_clinic_get_patient (f->clinic, 1);
  AdwComboRow *profile = ADW_COMBO_ROW (part (f, "profile"));
  VastusImportPatient *patient = VASTUS_IMPORT_PATIENT (part (f, "patient"));
  const VastusColumnMapping *force;
  GtkListBox *found;
  GtkListBoxRow *first;

  shoot (f, "choose");
  g_assert_cmpuint (record_visits (f, record), ==, 0);
  vastus_import_assistant_open_file (f->assistant, path);
  wait_page (f, "columns");

  /* Recognised: the first built-in profile; its layout needs no choosing. */
  g_assert_cmpuint (adw_combo_row_get_selected (profile), ==, 0);
  g_assert_cmpstr (adw_preferences_group_get_description (ADW_PREFERENCES_GROUP (part (f, "file"))),
                   ==, "Recognised from the file’s columns");
  /* Its name in full, also at 360 px (it was cut to “NordBor…” there). */
  g_assert_true (label_shown_in_full (f, GTK_WIDGET (profile), "NordBord (Hub CSV export)"));
  g_assert_false (gtk_widget_get_visible (part (f, "delimiter")));
  g_assert_false (gtk_widget_get_visible (part (f, "save")));
  /* 18 columns; L Max Force read as the Nordic force, left, in N; Test as the profile says. */
  g_assert_cmpuint (vastus_import_columns_get_column_rows (VASTUS_IMPORT_COLUMNS (part (f, "columns-page")))->len, ==, 18);
  force = vastus_import_column_row_get_mapping (column (f, "L Max Force (N)"));
  g_assert_cmpint (force->role, ==, VASTUS_COLUMN_ROLE_VALUE);
  g_assert_cmpstr (force->measure, ==, "hamstrings_nordic");
  g_assert_cmpint (force->side, ==, VASTUS_PROFILE_SIDE_LEFT);
  g_assert_cmpstr (force->unit, ==, "N");
  g_assert_cmpstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (column (f, "Test"))), ==,
                   "Test (only Nordic) · Nordic, Nordic, ISO Prone, …");
  /* The first rows as written: line 2's right force. */
  g_assert_cmpstr (gtk_label_get_text (vastus_import_table_get_cell (
                     VASTUS_IMPORT_TABLE (part (f, "rows")), 2, 9)), ==, "287");

  /* The file names no MRN: the patient is chosen, found by the name it gives. */
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (patient)));
  g_assert_false (gtk_widget_is_sensitive (part (f, "next")));
  found = vastus_import_patient_get_list (patient);
  for (guint i = 0; i < 200 && (first = gtk_list_box_get_row_at_index (found, 0)) == NULL; i++)
    {
      clinic_test_wait (f->clinic);
      ui_iterate ();
    }
  g_assert_nonnull (first);
  g_assert_null (gtk_list_box_get_row_at_index (found, 1));
  clinic_test_wait (f->clinic);
  ui_iterate ();
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (first)), ==, "Jane Doe");
  shoot (f, "columns");
  g_signal_emit_by_name (found, "row-activated", first);
  g_assert_cmpint (vastus_import_patient_get_id (patient), ==, 1);
  g_assert_cmpstr (vastus_import_patient_get_mrn (patient), ==, "FX-1");

  /* The preview: two new visits of FX-1 (TZ is UTC: 14 March, 2 April), four forces. */
  click (f, "next");
  wait_page (f, "preview");
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (preview_part (f, "summary"))), ==,
                   "2 new visits and 4 values will be imported");
  g_assert_false (gtk_widget_get_visible (preview_part (f, "problems")));
  g_assert_cmpuint (group_rows (preview_part (f, "visits")), ==, 2);
  g_assert_true (ui_find_label (preview_part (f, "visits"), "Jane Doe (FX-1) · 14 Mar 2026"));
  g_assert_true (ui_find_label (preview_part (f, "visits"), "Nordic hamstrings, right: 301.25 N"));
  /* Not read: the columns, ISO Prone and Razor. */
  g_assert_cmpuint (group_rows (preview_part (f, "notes")), ==, 3);
  g_assert_true (gtk_widget_is_sensitive (part (f, "import")));
  shoot (f, "preview");

  /* Imported: the open record shows the two visits. */
  click (f, "import");
  wait_page (f, "done");
  g_assert_cmpstr (adw_status_page_get_title (ADW_STATUS_PAGE (part (f, "done"))), ==,
                   "Imported 2 new visits and 4 values");
  g_assert_cmpuint (record_visits (f, record), ==, 2);
  shoot (f, "done");
  click (f, "show-patient");
  g_assert_cmpint (f->shown, ==, 1);
}

/* A clinic's spreadsheet: no profile; the columns guessed from the headers; saved as a profile. */
static void
test_spreadsheet (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *path = fixture_file ("clinic.csv");
  AdwComboRow *profile = ADW_COMBO_ROW (part (f, "profile"));
  VastusImportColumnRow *date;
  const VastusColumnMapping *m;

  vastus_import_assistant_open_file (f->assistant, path);
  wait_page (f, "columns");
  /* "Columns Chosen Here", after the two built-in profiles. */
  g_assert_cmpuint (adw_combo_row_get_selected (profile), ==, 2);
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (part (f, "delimiter"))), ==, 1);
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (part (f, "decimal"))), ==, 1);
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (part (f, "encoding"))), ==, 0);
  /* 01.08.2026 fits %d.%m.%Y only: first, shown by an example. */
  {
    GListModel *formats = adw_combo_row_get_model (ADW_COMBO_ROW (part (f, "date-format")));

    g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (formats), 0), ==,
                     "31.12.2026 (fits the file)");
  }
  m = vastus_import_column_row_get_mapping (column (f, "Patient-ID"));
  g_assert_cmpint (m->role, ==, VASTUS_COLUMN_ROLE_PATIENT);
  m = vastus_import_column_row_get_mapping (column (f, "Quadrizeps re (kg)"));
  g_assert_cmpstr (m->measure, ==, "quadriceps_hhd");
  g_assert_cmpint (m->side, ==, VASTUS_PROFILE_SIDE_RIGHT);
  g_assert_cmpstr (m->unit, ==, "kg");
  g_assert_false (gtk_widget_get_visible (part (f, "patient")));
  g_assert_true (gtk_widget_is_sensitive (part (f, "next")));
  shoot (f, "spreadsheet");
  /* A column's drop-downs, opened and in view. */
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (column (f, "Quadrizeps li (kg)")), TRUE);
  {
    GtkScrolledWindow *scrolled = GTK_SCROLLED_WINDOW (
      ui_find_widget (part (f, "columns-page"), GTK_TYPE_SCROLLED_WINDOW, NULL));
    GtkAdjustment *v = gtk_scrolled_window_get_vadjustment (scrolled);

    ui_iterate ();
    gtk_adjustment_set_value (v, 420);
    shoot (f, "spreadsheet-column");
    gtk_adjustment_set_value (v, 0);
  }

  /* No date column: said at once, Next waits. */
  date = column (f, "Datum");
  adw_combo_row_set_selected (vastus_import_column_row_get_combo (date, "role"),
                              VASTUS_COLUMN_ROLE_NONE);
  ui_iterate ();
  g_assert_false (gtk_widget_is_sensitive (part (f, "next")));
  g_assert_cmpstr (adw_preferences_group_get_description (ADW_PREFERENCES_GROUP (part (f, "columns"))),
                   ==, "Choose the column that holds the date");
  adw_combo_row_set_selected (vastus_import_column_row_get_combo (date, "role"),
                              VASTUS_COLUMN_ROLE_DATE);
  ui_iterate ();
  g_assert_true (gtk_widget_is_sensitive (part (f, "next")));

  /* The preview: 25,5 kg is shown as typed; FX-2 has one value. */
  click (f, "next");
  wait_page (f, "preview");
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (preview_part (f, "summary"))), ==,
                   "2 new visits and 4 values will be imported");
  g_assert_true (ui_find_label (preview_part (f, "visits"), "Quadriceps HHD, left: 25.5 kg"));
  g_assert_true (ui_find_label (preview_part (f, "visits"), "Quadriceps HHD, left, trial 2: 26 kg"));
  g_assert_true (ui_find_label (preview_part (f, "visits"), "Max Muster (FX-2) · 1 Aug 2026"));
  click (f, "back");
  wait_page (f, "columns");

  /* Saved as a profile: chosen at once; the next opening of the file recognises it. */
  gtk_editable_set_text (GTK_EDITABLE (part (f, "save-name")), "Clinic Sheet");
  click (f, "save-profile");
  for (guint i = 0; i < 200 && adw_combo_row_get_selected (profile) != 2; i++)
    {
      clinic_test_wait (f->clinic);
      ui_iterate ();
    }
  {
    GListModel *names = adw_combo_row_get_model (profile);

    g_assert_cmpuint (g_list_model_get_n_items (names), ==, 4);
    g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (names), 2), ==, "Clinic Sheet");
    g_assert_cmpuint (adw_combo_row_get_selected (profile), ==, 2);
  }
  vastus_import_assistant_open_file (f->assistant, path);
  wait_page (f, "columns");
  g_assert_cmpuint (adw_combo_row_get_selected (profile), ==, 2);
  g_assert_cmpstr (adw_preferences_group_get_description (ADW_PREFERENCES_GROUP (part (f, "file"))),
                   ==, "Recognised from the file’s columns");
}

/* A bad cell: the problem listed and marked where it is; nothing can be imported. */
static void
test_problem_in_place (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "bad.csv", NULL);
  g_autofree char *before = exported (f);
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  GtkLabel *cell;

  /* Line 3, column 4: 1e999 is too large a number to keep. */
  g_file_set_contents (path, "Patient-ID;Datum;Quadrizeps li (kg);Quadrizeps re (kg)\n"
                             "FX-1;01.08.2026;25;30\n"
                             "FX-1;02.08.2026;25;1e999\n", -1, &error);
  g_assert_no_error (error);
  vastus_import_assistant_open_file (f->assistant, path);
  wait_page (f, "columns");
  click (f, "next");
  wait_page (f, "preview");
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (preview_part (f, "summary"))), ==,
                   "1 problem: nothing can be imported until it is corrected");
  g_assert_true (gtk_widget_get_visible (preview_part (f, "problems")));
  g_assert_true (ui_find_label (preview_part (f, "problems"),
                                "bad.csv: line 3, column 4 (Quadrizeps re (kg)): “1e999” is too large a number"));
  cell = vastus_import_table_get_cell (VASTUS_IMPORT_TABLE (preview_part (f, "rows")), 3, 4);
  g_assert_cmpstr (gtk_label_get_text (cell), ==, "1e999");
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (cell), "error"));
  /* Its tooltip (asked for when it shows; vastus_set_tooltip) and accessible description say
   * the problem. */
  g_assert_true (gtk_widget_get_has_tooltip (GTK_WIDGET (cell)));
  g_assert_cmpstr (g_object_get_data (G_OBJECT (cell), "vastus-tooltip"), ==,
                   "bad.csv: line 3, column 4 (Quadrizeps re (kg)): “1e999” is too large a number "
                   "(the largest is about 1.8e308)");
  /* Its neighbour is not marked. */
  g_assert_false (gtk_widget_has_css_class (
    GTK_WIDGET (vastus_import_table_get_cell (VASTUS_IMPORT_TABLE (preview_part (f, "rows")), 3, 3)),
    "error"));
  g_assert_false (gtk_widget_is_sensitive (part (f, "import")));
  shoot (f, "problem");
  after = exported (f);
  g_assert_cmpstr (after, ==, before);
}

/* Stop while importing: stopped before the commit, said so, nothing stored. The clinic's calls
 * are held back (its delay hook) so that Stop comes before the import runs. */
static void
test_stop (Fixture       *f,
           gconstpointer  data)
{
  g_autofree char *path = fixture_file ("clinic.csv");
  g_autofree char *before = exported (f);
  g_autofree char *after = NULL;

  vastus_import_assistant_open_file (f->assistant, path);
  wait_page (f, "columns");
  click (f, "next");
  wait_page (f, "preview");
  vastus_clinic_set_delay (f->clinic, 300);
  g_signal_emit_by_name (part (f, "import"), "clicked");
  g_assert_cmpstr (vastus_import_assistant_get_page (f->assistant), ==, "working");
  g_signal_emit_by_name (part (f, "stop"), "clicked");
  g_assert_false (gtk_widget_is_sensitive (part (f, "stop")));
  wait_page (f, "preview");
  vastus_clinic_set_delay (f->clinic, 0);
  after = exported (f);
  g_assert_cmpstr (after, ==, before);
  /* And then imported after all. */
  click (f, "import");
  wait_page (f, "done");
  g_assert_cmpstr (adw_status_page_get_title (ADW_STATUS_PAGE (part (f, "done"))), ==,
                   "Imported 2 new visits and 4 values");
}

/* Eight more patients named Doe (MRN DOE-1 … DOE-8): nine Does with Jane. A ClinicTestFunc. */
static void
add_does (VastusDatabase *db,
          gpointer        data)
{
  for (guint i = 1; i <= 8; i++)
    {
      g_autoptr(VastusPatient) p = vastus_patient_new ();
      g_autoptr(GError) error = NULL;

      p->mrn = g_strdup_printf ("DOE-%u", i);
      p->name = g_strdup ("Sam Doe");
      g_date_set_dmy (&p->birth_date, 1, 4, 1990 + i);
      vastus_database_insert_patient (db, p, &error);
      g_assert_no_error (error);
    }
}

/* The patients a search finds: the first six listed, and how many more said below them (a
 * patient past the sixth was out of reach with no word of it). */
static void
test_patient_search_more (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *path = fixture_file ("nordbord.csv");
  VastusImportPatient *patient = VASTUS_IMPORT_PATIENT (part (f, "patient"));
  GtkListBox *found = vastus_import_patient_get_list (patient);

  clinic_test_in_thread (f->path, add_does, NULL);
  vastus_import_assistant_open_file (f->assistant, path);
  wait_page (f, "columns");

  /* "Doe": Jane and the eight Sams, nine; six shown, 9 − 6 = 3 more. */
  vastus_import_patient_search (patient, "Doe");
  for (guint i = 0; i < 400 && !ui_find_label (GTK_WIDGET (patient), "more patients match"); i++)
    {
      clinic_test_wait (f->clinic);
      ui_iterate ();
      g_usleep (1000);
    }
  g_assert_nonnull (gtk_list_box_get_row_at_index (found, VASTUS_IMPORT_PATIENT_MATCHES - 1));
  g_assert_null (gtk_list_box_get_row_at_index (found, VASTUS_IMPORT_PATIENT_MATCHES));
  g_assert_true (ui_find_label (GTK_WIDGET (patient),
                                "3 more patients match: type more of the name, or the MRN"));
  shoot (f, "patient-more");

  /* "DOE-7": one, and nothing said below it. */
  vastus_import_patient_search (patient, "DOE-7");
  for (guint i = 0; i < 400 && ui_find_label (GTK_WIDGET (patient), "more patient"); i++)
    {
      clinic_test_wait (f->clinic);
      ui_iterate ();
      g_usleep (1000);
    }
  g_assert_false (ui_find_label (GTK_WIDGET (patient), "more patient"));
  g_assert_nonnull (gtk_list_box_get_row_at_index (found, 0));
  g_assert_null (gtk_list_box_get_row_at_index (found, 1));
}

/* A drop-down of a profile's column changed: the columns are chosen here, as far as the profile's
 * could be said. */
static void
test_profile_to_columns (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *path = fixture_file ("nordbord.csv");
  AdwComboRow *profile = ADW_COMBO_ROW (part (f, "profile"));
  const VastusColumnMapping *m;

  vastus_import_assistant_open_file (f->assistant, path);
  wait_page (f, "columns");
  g_assert_cmpuint (adw_combo_row_get_selected (profile), ==, 0);
  adw_combo_row_set_selected (vastus_import_column_row_get_combo (column (f, "Device"), "role"),
                              VASTUS_COLUMN_ROLE_NAME);
  for (guint i = 0; i < 100 && adw_combo_row_get_selected (profile) != 2; i++)
    g_main_context_iteration (NULL, TRUE);
  /* Columns chosen here, the layout shown; L Max Force kept; two name columns said at once. */
  g_assert_cmpuint (adw_combo_row_get_selected (profile), ==, 2);
  g_assert_true (gtk_widget_get_visible (part (f, "delimiter")));
  m = vastus_import_column_row_get_mapping (column (f, "L Max Force (N)"));
  g_assert_cmpstr (m->measure, ==, "hamstrings_nordic");
  g_assert_cmpint (vastus_import_column_row_get_mapping (column (f, "Device"))->role, ==,
                   VASTUS_COLUMN_ROLE_NAME);
  g_assert_false (gtk_widget_is_sensitive (part (f, "next")));
  g_assert_nonnull (strstr (adw_preferences_group_get_description (
                              ADW_PREFERENCES_GROUP (part (f, "columns"))),
                            "another column is read as this already"));
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("TZ", "UTC", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_setup, fn, fixture_teardown)
  ADD ("/import-assistant/nordbord", test_nordbord);
  ADD ("/import-assistant/spreadsheet", test_spreadsheet);
  ADD ("/import-assistant/problem-in-place", test_problem_in_place);
  ADD ("/import-assistant/profile-to-columns", test_profile_to_columns);
  ADD ("/import-assistant/stop", test_stop);
  ADD ("/import-assistant/patient-search-more", test_patient_search_more);
#undef ADD
  return g_test_run ();
}
