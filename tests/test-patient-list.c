/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "clinic-test-util.h"
#include "vastus-application.h"
#include "vastus-database.h"
#include "vastus-clinician-picker.h"
#include "vastus-compare-window.h"
#include "vastus-conflict-bar.h"
#include "vastus-episode-editor.h"
#include "vastus-name-review-window.h"
#include "vastus-patient-editor.h"
#include "vastus-patient-item.h"
#include "vastus-patient-list.h"
#include "vastus-patient-model.h"
#include "vastus-patient-page.h"
#include "vastus-patient-pane.h"
#include "vastus-value.h"
#include "vastus-window.h"

/* 20 surnames × 15 first names = 300 patients, every name different. Only "Zimmermann" starts
 * with "zim", and no first name does. */
static const char *surnames[] = {
  "Abbott", "Baker", "Carver", "Dunn", "Ellis", "Fischer", "Garcia", "Hughes", "Ito", "Jensen",
  "Kowalski", "Larsen", "Moreau", "Novak", "Okafor", "Patel", "Quinn", "Rossi", "Silva",
  "Zimmermann",
};
static const char *first_names[] = {
  "Aaron", "Bea", "Chloe", "David", "Emma", "Farid", "Greta", "Hugo", "Ines", "Jonas", "Kira",
  "Liam", "Mia", "Noor", "Oscar",
};

#define N_PATIENTS (G_N_ELEMENTS (surnames) * G_N_ELEMENTS (first_names))
#define TODAY "2026-11-21"

/* Patient index → visits (the last one is what the list shows). */
static const struct { guint index; const char *dates[2]; } visits[] = {
  { 5, { "2026-10-01", NULL } },
  { 17, { "2026-11-10", NULL } },
  { 250, { "2026-01-01", "2026-09-15" } },
};

typedef struct
{
  char           *dir;
  char           *db_path;
  VastusDatabase *db;
  VastusClinic   *clinic;
  gint64          ids[N_PATIENTS];
  GtkWidget      *window;
  AdwToastOverlay *overlay;
  VastusPatientList *list;
  gint64          activated;
  guint           n_activated;
} Fixture;

static void
make_name (guint i,
           char **name,
           char **mrn)
{
  *name = g_strdup_printf ("%s %s", first_names[i / G_N_ELEMENTS (surnames)],
                           surnames[i % G_N_ELEMENTS (surnames)]);
  *mrn = g_strdup_printf ("M%04u", i);
}

static void
set_date (GDate      *date,
          const char *text)
{
  g_assert_true (vastus_date_parse (text, date, NULL));
}

/* The clinic the widgets under test read through: iterating waits for its calls too. */
static VastusClinic *test_clinic;

static void
iterate_until_idle (void)
{
  if (test_clinic != NULL)
    clinic_test_wait (test_clinic);
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* The test's own reads and writes while the clinic exists: on a thread with a connection of its
 * own, as another program's (the main thread is guarded). */

typedef struct
{
  gint64   id;
  gboolean archived;
} Archive;

static gpointer
set_archived_query (VastusDatabase *db,
                    gpointer        data)
{
  Archive *archive = data;
  g_autoptr(GError) error = NULL;

  g_assert_true (vastus_database_set_patient_archived (db, archive->id, 0, archive->archived,
                                                       &error));
  g_assert_no_error (error);
  return NULL;
}

static void
db_set_archived (Fixture  *fixture,
                 gint64    id,
                 gboolean  archived)
{
  Archive archive = { id, archived };

  clinic_test_query (fixture->db_path, set_archived_query, &archive);
}

static gpointer
get_patient_query (VastusDatabase *db,
                   gpointer        id)
{
  g_autoptr(GError) error = NULL;
  VastusPatient *patient = vastus_database_get_patient (db, *(gint64 *) id, &error);

  g_assert_no_error (error);
  return patient;
}

static VastusPatient *
db_get_patient (Fixture *fixture,
                gint64   id)
{
  return clinic_test_query (fixture->db_path, get_patient_query, &id);
}

static gpointer
list_name_reviews_query (VastusDatabase *db,
                         gpointer        data)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *reviews = vastus_database_list_name_reviews (db, &error);

  g_assert_no_error (error);
  return reviews;
}

/* The patients listed for a name check, as another program sees them. */
static guint
db_count_name_reviews (Fixture *fixture)
{
  g_autoptr(GPtrArray) reviews = clinic_test_query (fixture->db_path, list_name_reviews_query,
                                                    NULL);

  return reviews->len;
}

static GPtrArray *
db_list_episodes (Fixture *fixture,
                  gint64   patient_id)
{
  return clinic_test_list_episodes (fixture->db_path, patient_id);
}

static void
activated_cb (VastusPatientList *list,
              gint64             id,
              Fixture           *fixture)
{
  fixture->activated = id;
  fixture->n_activated++;
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("vastus-test-patient-list-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->db_path = g_build_filename (fixture->dir, "clinic.db", NULL);
  fixture->db = vastus_database_open (fixture->db_path, &error);
  g_assert_no_error (error);

  g_assert_true (vastus_database_begin (fixture->db, &error));
  for (guint i = 0; i < N_PATIENTS; i++)
    {
      g_autoptr(VastusPatient) patient = vastus_patient_new ();

      make_name (i, &patient->name, &patient->mrn);
      set_date (&patient->birth_date, i % 2 ? "1980-06-15" : "1995-01-31");
      patient->sex = i % 2 ? VASTUS_SEX_FEMALE : VASTUS_SEX_MALE;
      g_assert_true (vastus_database_insert_patient (fixture->db, patient, &error));
      g_assert_no_error (error);
      fixture->ids[i] = patient->id;
    }
  for (guint v = 0; v < G_N_ELEMENTS (visits); v++)
    {
      g_autoptr(VastusEpisode) episode = vastus_episode_new ();

      episode->patient_id = fixture->ids[visits[v].index];
      episode->condition = VASTUS_CONDITION_ACLR;
      episode->involved_side = VASTUS_SIDE_LEFT;
      set_date (&episode->surgery_date, "2025-12-01");
      g_assert_true (vastus_database_insert_episode (fixture->db, episode, &error));
      g_assert_no_error (error);
      for (guint d = 0; d < G_N_ELEMENTS (visits[v].dates) && visits[v].dates[d]; d++)
        {
          g_autoptr(VastusVisit) visit = vastus_visit_new ();

          visit->episode_id = episode->id;
          set_date (&visit->date, visits[v].dates[d]);
          g_assert_true (vastus_database_insert_visit (fixture->db, visit, &error));
          g_assert_no_error (error);
        }
    }
  g_assert_true (vastus_database_commit (fixture->db, &error));
  g_assert_no_error (error);
  /* Written before the clinic exists; afterwards on threads. */
  g_clear_object (&fixture->db);

  fixture->clinic = clinic_test_open (fixture->db_path);
  test_clinic = fixture->clinic;
  fixture->list = VASTUS_PATIENT_LIST (vastus_patient_list_new (fixture->clinic));
  g_signal_connect (fixture->list, "patient-activated", G_CALLBACK (activated_cb), fixture);
  fixture->overlay = ADW_TOAST_OVERLAY (adw_toast_overlay_new ());
  adw_toast_overlay_set_child (fixture->overlay, GTK_WIDGET (fixture->list));
  fixture->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 400, 600);
  gtk_window_set_child (GTK_WINDOW (fixture->window), GTK_WIDGET (fixture->overlay));
  gtk_window_present (GTK_WINDOW (fixture->window));
  while (!gtk_widget_get_mapped (GTK_WIDGET (fixture->list)))
    g_main_context_iteration (NULL, TRUE);
  iterate_until_idle ();
}

static void
remove_tree (const char *path)
{
  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
      const char *name;

      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);
          remove_tree (child);
        }
    }
  g_remove (path);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  iterate_until_idle ();
  test_clinic = NULL;
  g_assert_finalize_object (fixture->clinic);
  g_clear_object (&fixture->db);
  remove_tree (fixture->dir);
  g_free (fixture->db_path);
  g_free (fixture->dir);
}

static GtkWidget *
child (gpointer    widget,
       GType       type,
       const char *name)
{
  GObject *object = gtk_widget_get_template_child (GTK_WIDGET (widget), type, name);

  g_assert_nonnull (object);
  return GTK_WIDGET (object);
}

static GListModel *
list_model (Fixture *fixture)
{
  return G_LIST_MODEL (vastus_patient_list_get_model (fixture->list));
}

/* The name at @position; a row not read yet is read first (its item is filled in place). */
static char *
dup_name_at (Fixture *fixture,
             guint    position)
{
  g_autoptr(VastusPatientItem) item = g_list_model_get_item (list_model (fixture), position);

  g_assert_nonnull (item);
  if (!vastus_patient_item_get_loaded (item))
    iterate_until_idle ();
  g_assert_true (vastus_patient_item_get_loaded (item));
  return g_strdup (vastus_patient_item_get_name (item));
}

static void
assert_name_at (Fixture    *fixture,
                guint       position,
                const char *name)
{
  g_autofree char *actual = dup_name_at (fixture, position);

  g_assert_cmpstr (actual, ==, name);
}

static char *
index_name (guint i)
{
  g_autofree char *mrn = NULL;
  char *name;

  make_name (i, &name, &mrn);
  return name;
}

/* Types into the search entry as a person does (back to the common start, then the new
 * letters) and waits for the list to follow: search-changed comes after a pause. */
static void
type_search (Fixture    *fixture,
             const char *text)
{
  GtkEditable *entry = GTK_EDITABLE (child (fixture->list, VASTUS_TYPE_PATIENT_LIST,
                                            "search_entry"));
  VastusPatientModel *model = vastus_patient_list_get_model (fixture->list);
  g_autofree char *expected = g_strstrip (g_strdup (text));
  const char *current = gtk_editable_get_text (entry);
  int common = 0;
  int position;

  while (current[common] != '\0' && current[common] == text[common])
    common++;
  gtk_editable_delete_text (entry, common, -1);
  position = common;
  gtk_editable_insert_text (entry, text + common, -1, &position);
  g_assert_cmpstr (gtk_editable_get_text (entry), ==, text);

  while (g_strcmp0 (vastus_patient_model_get_search (model),
                    *expected != '\0' ? expected : NULL) != 0)
    g_main_context_iteration (NULL, TRUE);
  iterate_until_idle ();
}

static const char *
visible_stack_page (Fixture *fixture)
{
  return gtk_stack_get_visible_child_name (GTK_STACK (child (fixture->list,
                                                             VASTUS_TYPE_PATIENT_LIST,
                                                             "stack")));
}

static void
test_search (Fixture       *fixture,
             gconstpointer  data)
{
  g_autofree char *first = NULL;
  guint created = vastus_patient_item_debug_get_n_created ();

  g_assert_cmpuint (g_list_model_get_n_items (list_model (fixture)), ==, N_PATIENTS);
  g_assert_cmpstr (visible_stack_page (fixture), ==, "list");
  gtk_test_accessible_assert_property (child (fixture->list, VASTUS_TYPE_PATIENT_LIST,
                                              "search_entry"),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Search patients by name or MRN");
  g_assert_true (gtk_test_accessible_has_property (
    GTK_ACCESSIBLE (child (fixture->list, VASTUS_TYPE_PATIENT_LIST, "sort_dropdown")),
    GTK_ACCESSIBLE_PROPERTY_LABEL));
  g_assert_true (gtk_test_accessible_has_property (
    GTK_ACCESSIBLE (child (fixture->list, VASTUS_TYPE_PATIENT_LIST, "patient_view")),
    GTK_ACCESSIBLE_PROPERTY_LABEL));

  /* Surname prefix, any case, letter by letter: 15 Zimmermanns, none with a visit, so by
   * name. An item stands for a patient: each Zimmermann's is made once at most (one may be
   * among the rows shown already), and typing on makes none. */
  type_search (fixture, "z");
  g_assert_cmpuint (g_list_model_get_n_items (list_model (fixture)), ==, 15);
  g_assert_cmpuint (vastus_patient_item_debug_get_n_created () - created, <=, 15);
  created = vastus_patient_item_debug_get_n_created ();
  type_search (fixture, "zi");
  type_search (fixture, "zim");
  type_search (fixture, "zimm");
  g_assert_cmpuint (g_list_model_get_n_items (list_model (fixture)), ==, 15);
  assert_name_at (fixture, 0, "Aaron Zimmermann");
  assert_name_at (fixture, 14, "Oscar Zimmermann");
  g_assert_cmpuint (vastus_patient_item_debug_get_n_created (), ==, created);

  /* First-name prefix: the 20 patients called Chloe. */
  type_search (fixture, "Chl");
  g_assert_cmpuint (g_list_model_get_n_items (list_model (fixture)), ==, 20);
  assert_name_at (fixture, 0, "Chloe Abbott");

  /* Both words narrow it down. */
  type_search (fixture, "chloe zim");
  g_assert_cmpuint (g_list_model_get_n_items (list_model (fixture)), ==, 1);
  assert_name_at (fixture, 0, "Chloe Zimmermann");

  /* An MRN. */
  type_search (fixture, "M0017");
  g_assert_cmpuint (g_list_model_get_n_items (list_model (fixture)), ==, 1);
  first = index_name (17);
  assert_name_at (fixture, 0, first);

  /* Enter in the search entry opens the first match. */
  g_signal_emit_by_name (child (fixture->list, VASTUS_TYPE_PATIENT_LIST, "search_entry"),
                         "activate");
  g_assert_cmpint (fixture->activated, ==, fixture->ids[17]);

  /* Nothing matches: the empty state says so. */
  type_search (fixture, "xyzzy");
  g_assert_cmpuint (g_list_model_get_n_items (list_model (fixture)), ==, 0);
  g_assert_cmpstr (visible_stack_page (fixture), ==, "empty");
  g_assert_cmpstr (adw_status_page_get_title (ADW_STATUS_PAGE (child (fixture->list,
                                                                       VASTUS_TYPE_PATIENT_LIST,
                                                                       "empty_page"))),
                   ==, "No Matching Patients");

  type_search (fixture, "");
  g_assert_cmpuint (g_list_model_get_n_items (list_model (fixture)), ==, N_PATIENTS);
  g_assert_cmpstr (visible_stack_page (fixture), ==, "list");

}

/* "Given Family" by family name, then given name (the fixture's names are two words). */
static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  const char *name_a = *(const char **) a, *name_b = *(const char **) b;
  int by_family = g_ascii_strcasecmp (strrchr (name_a, ' ') + 1, strrchr (name_b, ' ') + 1);

  return by_family != 0 ? by_family : g_ascii_strcasecmp (name_a, name_b);
}

static void
test_sort (Fixture       *fixture,
           gconstpointer  data)
{
  GtkDropDown *sort = GTK_DROP_DOWN (child (fixture->list, VASTUS_TYPE_PATIENT_LIST,
                                            "sort_dropdown"));
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *n17 = index_name (17), *n5 = index_name (5), *n250 = index_name (250);

  /* Default: most recent visit first (17: 2026-11-10, 5: 2026-10-01, 250: 2026-09-15), then
   * everyone without a visit by family name. */
  g_assert_cmpuint (gtk_drop_down_get_selected (sort), ==, 0);
  g_assert_cmpstr (n17, ==, "Aaron Rossi");
  g_assert_cmpstr (n5, ==, "Aaron Fischer");
  g_assert_cmpstr (n250, ==, "Mia Kowalski");
  assert_name_at (fixture, 0, "Aaron Rossi");
  assert_name_at (fixture, 1, "Aaron Fischer");
  assert_name_at (fixture, 2, "Mia Kowalski");
  assert_name_at (fixture, 3, "Aaron Abbott");
  assert_name_at (fixture, 4, "Bea Abbott");

  /* By name: all 300 by family name, then given name (15 Abbotts, then the Bakers). */
  gtk_drop_down_set_selected (sort, 1);
  iterate_until_idle ();
  g_assert_cmpint (vastus_patient_model_get_order (vastus_patient_list_get_model (fixture->list)),
                   ==, VASTUS_PATIENT_ORDER_NAME);
  for (guint i = 0; i < N_PATIENTS; i++)
    g_ptr_array_add (names, index_name (i));
  g_ptr_array_sort (names, compare_names);
  g_assert_cmpuint (g_list_model_get_n_items (list_model (fixture)), ==, N_PATIENTS);
  assert_name_at (fixture, 0, "Aaron Abbott");
  assert_name_at (fixture, 1, "Bea Abbott");
  assert_name_at (fixture, 15, "Aaron Baker");
  assert_name_at (fixture, N_PATIENTS - 1, "Oscar Zimmermann");
  for (guint i = 0; i < N_PATIENTS; i++)
    assert_name_at (fixture, i, g_ptr_array_index (names, i));

  /* And back, through the API. */
  vastus_patient_list_set_sort (fixture->list, VASTUS_PATIENT_ORDER_LAST_VISIT);
  iterate_until_idle ();
  g_assert_cmpuint (gtk_drop_down_get_selected (sort), ==, 0);
  assert_name_at (fixture, 0, "Aaron Rossi");
}

static void
test_archived_filter (Fixture       *fixture,
                      gconstpointer  data)
{
  GtkToggleButton *archived = GTK_TOGGLE_BUTTON (child (fixture->list, VASTUS_TYPE_PATIENT_LIST,
                                                        "archived_button"));
  g_autoptr(GError) error = NULL;

  /* No archived patient yet. */
  gtk_toggle_button_set_active (archived, TRUE);
  iterate_until_idle ();
  g_assert_cmpuint (g_list_model_get_n_items (list_model (fixture)), ==, 0);
  g_assert_cmpstr (visible_stack_page (fixture), ==, "empty");
  gtk_toggle_button_set_active (archived, FALSE);
  iterate_until_idle ();

  db_set_archived (fixture, fixture->ids[3], TRUE);
  db_set_archived (fixture, fixture->ids[40], TRUE);
  /* Another program archived them: the list knows after the clinic reads again. */
  vastus_clinic_reload (fixture->clinic);
  iterate_until_idle ();
  g_assert_cmpuint (g_list_model_get_n_items (list_model (fixture)), ==, N_PATIENTS - 2);

  gtk_toggle_button_set_active (archived, TRUE);
  iterate_until_idle ();
  g_assert_cmpuint (g_list_model_get_n_items (list_model (fixture)), ==, 2);
  g_assert_cmpstr (visible_stack_page (fixture), ==, "list");
  /* 3: Aaron Dunn, 40: Chloe Abbott; no visits, so by family name. */
  assert_name_at (fixture, 0, "Chloe Abbott");
  assert_name_at (fixture, 1, "Aaron Dunn");

  /* The search applies to archived patients too. */
  type_search (fixture, "chloe");
  g_assert_cmpuint (g_list_model_get_n_items (list_model (fixture)), ==, 1);

  gtk_toggle_button_set_active (archived, FALSE);
  iterate_until_idle ();
  g_assert_cmpuint (g_list_model_get_n_items (list_model (fixture)), ==, 19);
}

/* The list's one-column GtkGridView (GTK 4.8) keeps at most 30 rows around what it shows, plus
 * a few; the model creates an item for each row the view asks for and nothing else. */
#define VIEW_MAX_ROWS 36
#define N_MANY 2000

static gpointer
add_many_patients_query (VastusDatabase *db,
                         gpointer        data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (vastus_database_begin (db, &error));
  for (guint i = N_PATIENTS; i < N_MANY; i++)
    {
      g_autoptr(VastusPatient) patient = vastus_patient_new ();

      patient->name = g_strdup_printf ("Test Patient %04u", i);
      patient->mrn = g_strdup_printf ("V%04u", i);
      set_date (&patient->birth_date, "1970-03-03");
      g_assert_true (vastus_database_insert_patient (db, patient, &error));
    }
  g_assert_true (vastus_database_commit (db, &error));
  g_assert_no_error (error);
  return NULL;
}

static void
add_many_patients (Fixture *fixture)
{
  clinic_test_query (fixture->db_path, add_many_patients_query, NULL);
}

static void
test_virtualized_view (Fixture       *fixture,
                       gconstpointer  data)
{
  VastusPatientModel *model = vastus_patient_list_get_model (fixture->list);
  GtkScrolledWindow *scrolled = GTK_SCROLLED_WINDOW (child (fixture->list,
                                                            VASTUS_TYPE_PATIENT_LIST,
                                                            "scrolled_window"));
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (scrolled);
  guint before, created, fetches;
  g_autofree char *middle_name = NULL;

  add_many_patients (fixture);
  before = vastus_patient_item_debug_get_n_created ();
  fetches = vastus_patient_model_debug_get_n_fetches (model);
  vastus_clinic_reload (fixture->clinic);
  iterate_until_idle ();
  g_assert_cmpuint (g_list_model_get_n_items (list_model (fixture)), ==, N_MANY);
  while (gtk_adjustment_get_upper (adjustment) <= gtk_adjustment_get_page_size (adjustment))
    g_main_context_iteration (NULL, TRUE);
  iterate_until_idle ();

  /* The rows the view had were updated in place (no new items), the new ones are further
   * down and not shown. */
  created = vastus_patient_item_debug_get_n_created () - before;
  g_test_message ("shown: %u items created, %u pages fetched, %u alive", created,
                  vastus_patient_model_debug_get_n_fetches (model) - fetches,
                  vastus_patient_item_debug_get_n_alive ());
  g_assert_cmpuint (created, <=, VIEW_MAX_ROWS);
  g_assert_cmpuint (vastus_patient_item_debug_get_n_alive (), >, 5);
  g_assert_cmpuint (vastus_patient_item_debug_get_n_alive (), <=, VIEW_MAX_ROWS);
  g_assert_cmpuint (vastus_patient_model_debug_get_n_fetches (model) - fetches, <=,
                    VIEW_MAX_ROWS / VASTUS_PATIENT_MODEL_DEFAULT_PAGE_SIZE + 1);

  /* Scroll to the middle: the view moves its rows there; items for them are made, the old
   * ones go. */
  before = vastus_patient_item_debug_get_n_created ();
  fetches = vastus_patient_model_debug_get_n_fetches (model);
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment) / 2);
  iterate_until_idle ();
  gtk_widget_queue_allocate (GTK_WIDGET (fixture->list));
  iterate_until_idle ();
  created = vastus_patient_item_debug_get_n_created () - before;
  g_test_message ("scrolled: %u items created, %u pages fetched, %u alive", created,
                  vastus_patient_model_debug_get_n_fetches (model) - fetches,
                  vastus_patient_item_debug_get_n_alive ());
  g_assert_cmpuint (created, >, 5);
  g_assert_cmpuint (created, <=, VIEW_MAX_ROWS);
  g_assert_cmpuint (vastus_patient_model_debug_get_n_fetches (model) - fetches, >=, 1);

  /* What lives at once: the view's rows, never all 2000. */
  g_assert_cmpuint (vastus_patient_item_debug_get_n_alive (), <=, VIEW_MAX_ROWS);

  /* A search goes back to the top. A new query is a new list (vastus-patient-model.c,
   * set_ids): the view fills its rows where it was scrolled to (the end of the shorter list),
   * then at the top, for the cleared search and for the new one: at most four times its rows
   * are made, never the list's 2000. */
  before = vastus_patient_item_debug_get_n_created ();
  type_search (fixture, "test patient 10");
  g_assert_cmpuint (g_list_model_get_n_items (list_model (fixture)), ==, 100);
  assert_name_at (fixture, 0, "Test Patient 1000");
  g_assert_cmpuint (vastus_patient_item_debug_get_n_created () - before, <=, 4 * VIEW_MAX_ROWS);
  g_assert_cmpuint (vastus_patient_item_debug_get_n_alive (), <=, VIEW_MAX_ROWS);
}

/* A screen reader meets a list of patients, each row named: the one-column GtkGridView says
 * it is a list and its rows list items (not a grid of grid cells). The rows are in the order
 * shown: by last visit, so patient 17 (Aaron Rossi, born 1980-06-15, 46 on 2026-11-21) first. */
static void
test_accessible (Fixture       *fixture,
                 gconstpointer  data)
{
  GtkWidget *view = child (fixture->list, VASTUS_TYPE_PATIENT_LIST, "patient_view");
  GtkWidget *row;
  guint n = 0;

  gtk_test_accessible_assert_role (view, GTK_ACCESSIBLE_ROLE_LIST);
  gtk_test_accessible_assert_property (view, GTK_ACCESSIBLE_PROPERTY_LABEL, "Patients");
  for (row = gtk_widget_get_first_child (view); row != NULL; row = gtk_widget_get_next_sibling (row))
    if (gtk_widget_get_child_visible (row) && gtk_widget_get_first_child (row) != NULL)
      {
        gtk_test_accessible_assert_role (row, GTK_ACCESSIBLE_ROLE_LIST_ITEM);
        n++;
      }
  g_assert_cmpuint (n, >=, 5);
  gtk_test_accessible_assert_property (gtk_widget_get_first_child (view),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Aaron Rossi, MRN M0017 · 46 years, Last visit 2026-11-10");

  /* A search fills the same rows with other patients: the names follow. Patient 19, Aaron
   * Zimmermann, has no visit. */
  type_search (fixture, "zim");
  iterate_until_idle ();
  gtk_test_accessible_assert_role (gtk_widget_get_first_child (view), GTK_ACCESSIBLE_ROLE_LIST_ITEM);
  gtk_test_accessible_assert_property (gtk_widget_get_first_child (view),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Aaron Zimmermann, MRN M0019 · 46 years, No visits yet");
}

static gint64
selected_id (Fixture *fixture)
{
  GtkSelectionModel *selection = gtk_grid_view_get_model (
    GTK_GRID_VIEW (child (fixture->list, VASTUS_TYPE_PATIENT_LIST, "patient_view")));
  VastusPatientItem *item =
    gtk_single_selection_get_selected_item (GTK_SINGLE_SELECTION (selection));

  return item != NULL ? vastus_patient_item_get_id (item) : 0;
}

static void
count_cb (VastusPatientList *list,
          gint64             id,
          guint             *n)
{
  (*n)++;
}

/* The patient shown beside the list is its selected row whenever the list has them, also far
 * beyond the rows read so far; selecting them this way shows nobody. */
static void
test_current (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VastusPatient) far = NULL;
  guint n_selected = 0;
  gulong handler;

  add_many_patients (fixture);
  vastus_patient_list_set_sort (fixture->list, VASTUS_PATIENT_ORDER_NAME);
  vastus_clinic_reload (fixture->clinic);
  iterate_until_idle ();
  far = clinic_test_find_patient (fixture->db_path, "V1500");
  handler = g_signal_connect (fixture->list, "patient-selected", G_CALLBACK (count_cb),
                              &n_selected);

  vastus_patient_list_set_current (fixture->list, far->id);
  iterate_until_idle ();
  g_assert_cmpint (selected_id (fixture), ==, far->id);
  assert_name_at (fixture, gtk_single_selection_get_selected (GTK_SINGLE_SELECTION (
                    gtk_grid_view_get_model (GTK_GRID_VIEW (child (fixture->list,
                                                                   VASTUS_TYPE_PATIENT_LIST,
                                                                   "patient_view"))))),
                  "Test Patient 1500");

  /* A search that finds them keeps them chosen; one that does not, chooses nobody. */
  type_search (fixture, "test patient 15");
  iterate_until_idle ();
  g_assert_cmpint (selected_id (fixture), ==, far->id);
  type_search (fixture, "abbott");
  iterate_until_idle ();
  g_assert_cmpint (selected_id (fixture), ==, 0);
  type_search (fixture, "");
  iterate_until_idle ();
  g_assert_cmpint (selected_id (fixture), ==, far->id);

  /* By last visit they are somewhere else, and still chosen. */
  vastus_patient_list_set_sort (fixture->list, VASTUS_PATIENT_ORDER_LAST_VISIT);
  iterate_until_idle ();
  g_assert_cmpint (selected_id (fixture), ==, far->id);

  /* One of the first rows; then nobody. */
  vastus_patient_list_set_current (fixture->list, fixture->ids[17]);
  iterate_until_idle ();
  g_assert_cmpint (selected_id (fixture), ==, fixture->ids[17]);
  vastus_patient_list_set_current (fixture->list, 0);
  iterate_until_idle ();
  g_assert_cmpint (selected_id (fixture), ==, 0);

  g_assert_cmpuint (n_selected, ==, 0);
  g_assert_cmpuint (fixture->n_activated, ==, 0);
  g_signal_handler_disconnect (fixture->list, handler);
}

/* Without a view: reading every row one after the other keeps a page of items alive at most
 * (those made in this main-loop turn); each page beyond the two read with the list is read
 * once. */
static void
test_virtualized_model (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(VastusPatientModel) model = NULL;
  guint alive_before, max_alive = 0, created_before;

  add_many_patients (fixture);
  alive_before = vastus_patient_item_debug_get_n_alive ();
  created_before = vastus_patient_item_debug_get_n_created ();
  model = vastus_patient_model_new (fixture->clinic);
  vastus_patient_model_set_query (model, NULL, FALSE, VASTUS_PATIENT_ORDER_NAME);
  iterate_until_idle ();
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, N_MANY);
  g_assert_cmpuint (vastus_patient_model_debug_get_n_fetches (model), ==, 0);
  g_assert_cmpuint (vastus_patient_item_debug_get_n_created (), ==, created_before);

  for (guint i = 0; i < N_MANY; i++)
    {
      g_autoptr(VastusPatientItem) item = g_list_model_get_item (G_LIST_MODEL (model), i);
      g_autoptr(VastusPatientItem) again = g_list_model_get_item (G_LIST_MODEL (model), i);

      g_assert_nonnull (item);
      g_assert_true (item == again);
      max_alive = MAX (max_alive, vastus_patient_item_debug_get_n_alive () - alive_before);
    }
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (model), N_MANY));
  g_test_message ("%u fetches, at most %u alive", vastus_patient_model_debug_get_n_fetches (model),
                  max_alive);
  /* 2000 rows are 20 pages of 100; the first 2 came with the ids. */
  g_assert_cmpuint (vastus_patient_model_debug_get_n_fetches (model), ==, 18);
  g_assert_cmpuint (max_alive, ==, VASTUS_PATIENT_MODEL_DEFAULT_PAGE_SIZE);

  iterate_until_idle ();
  g_clear_object (&model);
  g_assert_cmpuint (vastus_patient_item_debug_get_n_alive (), ==, alive_before);
}

static void
saved_cb (GObject *editor,
          gint64   id,
          gint64  *out)
{
  *out = id;
}

static GtkWindow *
find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type))
        return GTK_WINDOW (window);
    }
  return NULL;
}

static void
set_entry (gpointer    editor,
           GType       type,
           const char *name,
           const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (child (editor, type, name)), text);
}

static void
click (gpointer    editor,
       GType       type,
       const char *name)
{
  g_signal_emit_by_name (child (editor, type, name), "clicked");
  iterate_until_idle ();
}

static void
wait_for_focus (GtkWindow *window)
{
  while (gtk_root_get_focus (GTK_ROOT (window)) == NULL)
    g_main_context_iteration (NULL, TRUE);
}

static void
test_add_patient (Fixture       *fixture,
                  gconstpointer  data)
{
  GType type = VASTUS_TYPE_PATIENT_EDITOR;
  g_autoptr(VastusPatient) stored = NULL;
  g_autoptr(GError) error = NULL;
  GtkWindow *editor;
  char date[VASTUS_DATE_BUF_SIZE];

  g_assert_null (find_toplevel (type));
  vastus_patient_list_add_patient (fixture->list);
  iterate_until_idle ();
  editor = find_toplevel (type);
  g_assert_nonnull (editor);
  g_assert_true (gtk_window_get_transient_for (editor) == GTK_WINDOW (fixture->window));

  set_entry (editor, type, "mrn_row", " N-1001 ");
  set_entry (editor, type, "family_name_row", " Lovelace ");
  set_entry (editor, type, "given_name_row", "Ada  ");
  set_entry (editor, type, "birth_date_row", "1985-12-10");
  adw_combo_row_set_selected (ADW_COMBO_ROW (child (editor, type, "sex_row")), 1);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (child (editor, type,
                                                                            "notes_view"))),
                            "Runner; left knee.", -1);
  click (editor, type, "save_button");

  g_assert_null (find_toplevel (type));
  stored = clinic_test_find_patient (fixture->db_path, "N-1001");
  g_assert_nonnull (stored);
  /* The two names as typed, trimmed; the whole name "Given Family" made from them. */
  g_assert_cmpstr (stored->family_name, ==, "Lovelace");
  g_assert_cmpstr (stored->given_name, ==, "Ada");
  g_assert_cmpstr (stored->name, ==, "Ada Lovelace");
  g_assert_cmpstr (vastus_date_format (&stored->birth_date, date), ==, "1985-12-10");
  g_assert_cmpint (stored->sex, ==, VASTUS_SEX_FEMALE);
  g_assert_cmpstr (stored->notes, ==, "Runner; left knee.");
  g_assert_false (stored->archived);

  /* The list shows the new patient and the window is told to open it. */
  g_assert_cmpint (fixture->activated, ==, stored->id);
  g_assert_cmpuint (g_list_model_get_n_items (list_model (fixture)), ==, N_PATIENTS + 1);
  type_search (fixture, "lovelace");
  g_assert_cmpuint (g_list_model_get_n_items (list_model (fixture)), ==, 1);

  /* Editing it: the fields are filled, the change is stored under the same id. */
  vastus_patient_list_edit_patient (fixture->list, stored->id);
  iterate_until_idle ();
  editor = find_toplevel (type);
  g_assert_nonnull (editor);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (child (editor, type, "mrn_row"))), ==,
                   "N-1001");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (child (editor, type, "birth_date_row"))),
                   ==, "1985-12-10");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (child (editor, type, "family_name_row"))),
                   ==, "Lovelace");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (child (editor, type, "given_name_row"))),
                   ==, "Ada");
  /* Typing starts in the first field. */
  wait_for_focus (editor);
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (editor)),
                                         child (editor, type, "mrn_row")));
  set_entry (editor, type, "family_name_row", "King");
  /* Enter in a field saves: Save is the default widget. */
  gtk_widget_grab_focus (child (editor, type, "family_name_row"));
  g_assert_true (gtk_widget_activate_action (child (editor, type, "family_name_row"),
                                             "default.activate", NULL));
  while (find_toplevel (type) != NULL)
    g_main_context_iteration (NULL, TRUE);
  g_clear_pointer (&stored, vastus_patient_free);
  stored = clinic_test_find_patient (fixture->db_path, "N-1001");
  g_assert_nonnull (stored);
  g_assert_cmpstr (stored->name, ==, "Ada King");
  g_assert_cmpstr (stored->family_name, ==, "King");
  g_assert_cmpstr (stored->notes, ==, "Runner; left knee.");
}

/* A family name of two words, and one name alone, are what was typed: nothing is split by a
 * guess, so nothing is listed for review; the list sorts them by family name. */
static void
test_add_patient_names (Fixture       *fixture,
                        gconstpointer  data)
{
  static const struct
  {
    const char *mrn, *family, *given;
    const char *name;   /* the whole name storage makes: "Given Family" */
  } cases[] = {
    { "N-3001", "van Dijk", "Sofia", "Sofia van Dijk" },
    { "N-3002", "García López", "Ana María", "Ana María García López" },
    { "N-3003", "Cher", "", "Cher" },
  };
  GType type = VASTUS_TYPE_PATIENT_EDITOR;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(VastusPatient) stored = NULL;
      GtkWindow *editor;

      vastus_patient_list_add_patient (fixture->list);
      iterate_until_idle ();
      editor = find_toplevel (type);
      set_entry (editor, type, "mrn_row", cases[i].mrn);
      set_entry (editor, type, "family_name_row", cases[i].family);
      set_entry (editor, type, "given_name_row", cases[i].given);
      set_entry (editor, type, "birth_date_row", "1990-05-01");
      click (editor, type, "save_button");
      g_assert_null (find_toplevel (type));
      stored = clinic_test_find_patient (fixture->db_path, cases[i].mrn);
      g_assert_cmpstr (stored->family_name, ==, cases[i].family);
      g_assert_cmpstr (stored->given_name, ==, *cases[i].given != '\0' ? cases[i].given : NULL);
      g_assert_cmpstr (stored->name, ==, cases[i].name);
    }
  g_assert_cmpuint (db_count_name_reviews (fixture), ==, 0);
}

static void
count_changed_cb (VastusClinic             *clinic,
                  const VastusClinicChange *change,
                  GArray                   *ids)
{
  g_array_append_val (ids, change->id);
}

/* Names written in one field and split by a guess are listed in the window for a person to
 * check: Correct confirms a split, Edit opens the patient editor, where correcting the names takes
 * the patient off the list. A name split for certain ("Berg, Jonas") is not listed. The list is
 * the clinic's: each change reaches it as the change of a patient the clinic announces. */
static void
test_name_review (Fixture       *fixture,
                  gconstpointer  data)
{
  static const char *written[][2] = {
    { "R-1", "Sofia van Dijk" }, { "R-2", "Cher" }, { "R-3", "Berg, Jonas" },
  };
  GType type = VASTUS_TYPE_PATIENT_EDITOR;
  g_autoptr(VastusNameReviewWindow) win = NULL;
  g_autoptr(VastusPatient) stored = NULL;
  g_autoptr(VastusPatient) cher = NULL;
  g_autoptr(GArray) changed = g_array_new (FALSE, FALSE, sizeof (gint64));
  GPtrArray *rows;
  GtkWindow *editor;

  /* Written by another program (an import) before the window asks. */
  for (guint i = 0; i < G_N_ELEMENTS (written); i++)
    {
      g_autoptr(VastusPatient) patient = vastus_patient_new ();

      patient->mrn = g_strdup (written[i][0]);
      patient->name = g_strdup (written[i][1]);
      set_date (&patient->birth_date, "1990-01-01");
      clinic_test_insert_patient (fixture->db_path, patient);
    }
  cher = clinic_test_find_patient (fixture->db_path, "R-2");
  stored = clinic_test_find_patient (fixture->db_path, "R-1");
  g_signal_connect (fixture->clinic, "patient-changed", G_CALLBACK (count_changed_cb), changed);
  win = g_object_ref_sink (VASTUS_NAME_REVIEW_WINDOW (vastus_name_review_window_new (GTK_WINDOW (fixture->window),
                                                                                     fixture->clinic)));
  gtk_window_present (GTK_WINDOW (win));
  iterate_until_idle ();

  /* By family name: Cher, then Dijk; each as split, family name first, and as written. */
  rows = vastus_name_review_window_get_rows (win);
  g_assert_cmpuint (rows->len, ==, 2);
  g_assert_cmpstr (adw_preferences_row_get_title (rows->pdata[0]), ==, "CHER");
  g_assert_cmpstr (adw_preferences_row_get_title (rows->pdata[1]), ==, "DIJK, Sofia van");
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (rows->pdata[1]), "Written “Sofia van Dijk” · MRN R-1"));
  g_assert_cmpuint (changed->len, ==, 0);

  /* Cher is right as it is: a change of Cher, and the list without her. */
  g_signal_emit_by_name (vastus_name_review_window_get_button (rows->pdata[0], "correct"), "clicked");
  iterate_until_idle ();
  g_assert_cmpuint (changed->len, ==, 1);
  g_assert_cmpint (g_array_index (changed, gint64, 0), ==, cher->id);
  g_assert_cmpuint (rows->len, ==, 1);
  g_assert_cmpstr (adw_preferences_row_get_title (rows->pdata[0]), ==, "DIJK, Sofia van");
  g_assert_cmpuint (db_count_name_reviews (fixture), ==, 1);

  /* "van Dijk" is the family name: corrected in the editor. */
  g_signal_emit_by_name (vastus_name_review_window_get_button (rows->pdata[0], "edit"), "clicked");
  iterate_until_idle ();
  editor = find_toplevel (type);
  g_assert_nonnull (editor);
  g_assert_true (gtk_window_get_transient_for (editor) == GTK_WINDOW (win));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (child (editor, type, "family_name_row"))), ==, "Dijk");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (child (editor, type, "given_name_row"))), ==, "Sofia van");
  set_entry (editor, type, "family_name_row", "van Dijk");
  set_entry (editor, type, "given_name_row", "Sofia");
  click (editor, type, "save_button");
  iterate_until_idle ();
  g_assert_null (find_toplevel (type));
  g_assert_cmpuint (changed->len, ==, 2);
  g_assert_cmpint (g_array_index (changed, gint64, 1), ==, stored->id);
  g_assert_cmpuint (rows->len, ==, 0);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (child (win, VASTUS_TYPE_NAME_REVIEW_WINDOW, "stack"))),
                   ==, "empty");
  g_clear_pointer (&stored, vastus_patient_free);
  stored = clinic_test_find_patient (fixture->db_path, "R-1");
  g_assert_cmpstr (stored->family_name, ==, "van Dijk");
  g_assert_cmpstr (stored->name, ==, "Sofia van Dijk");
  g_assert_cmpuint (db_count_name_reviews (fixture), ==, 0);
  g_signal_handlers_disconnect_by_func (fixture->clinic, count_changed_cb, changed);
  gtk_window_destroy (GTK_WINDOW (win));
}

static void
assert_problem (gpointer    editor,
                GType       type,
                const char *field,
                const char *problem_row,
                const char *contains)
{
  GtkWidget *row = child (editor, type, problem_row);

  g_assert_true (gtk_widget_get_visible (row));
  g_assert_true (gtk_widget_has_css_class (child (editor, type, field), "error"));
  if (contains != NULL)
    g_assert_nonnull (strstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)),
                              contains));
}

static void
test_patient_problems (Fixture       *fixture,
                       gconstpointer  data)
{
  GType type = VASTUS_TYPE_PATIENT_EDITOR;
  g_autoptr(GError) error = NULL;
  g_autoptr(VastusPatientEditor) editor = NULL;
  GtkWidget *save;
  gint64 saved_id = 0;

  editor = g_object_ref_sink (vastus_patient_editor_new (GTK_WINDOW (fixture->window),
                                                         fixture->clinic, NULL));
  g_signal_connect (editor, "saved", G_CALLBACK (saved_cb), &saved_id);
  gtk_window_present (GTK_WINDOW (editor));
  iterate_until_idle ();
  save = child (editor, type, "save_button");

  /* Everything empty: MRN, name and birth date are required, each says so on its row. */
  click (editor, type, "save_button");
  assert_problem (editor, type, "mrn_row", "mrn_problem_row", NULL);
  assert_problem (editor, type, "family_name_row", "family_name_problem_row", "family name");
  /* Given names may be empty (a patient known by one name). */
  g_assert_false (gtk_widget_get_visible (child (editor, type, "given_name_problem_row")));
  assert_problem (editor, type, "birth_date_row", "birth_date_problem_row", NULL);

  /* A birth date that is no date. */
  set_entry (editor, type, "mrn_row", "M0001");
  set_entry (editor, type, "family_name_row", "Else");
  set_entry (editor, type, "given_name_row", "Someone");
  set_entry (editor, type, "birth_date_row", "1980-13-45");
  click (editor, type, "save_button");
  g_assert_false (gtk_widget_get_visible (child (editor, type, "mrn_problem_row")));
  g_assert_false (gtk_widget_has_css_class (child (editor, type, "mrn_row"), "error"));
  g_assert_false (gtk_widget_get_visible (child (editor, type, "family_name_problem_row")));
  assert_problem (editor, type, "birth_date_row", "birth_date_problem_row", "YYYY-MM-DD");

  /* A birth date in the future. */
  set_entry (editor, type, "birth_date_row", "2030-01-01");
  click (editor, type, "save_button");
  assert_problem (editor, type, "birth_date_row", "birth_date_problem_row", NULL);

  /* Control characters (pasted), and an MRN with a space no one sees at its end, are refused
   * on their rows. */
  set_entry (editor, type, "birth_date_row", "1980-01-01");
  set_entry (editor, type, "given_name_row", "Someone\x1b]0;owned\x07");
  set_entry (editor, type, "family_name_row", "El\x07se");
  set_entry (editor, type, "mrn_row", "M0099\xc2\xa0");
  click (editor, type, "save_button");
  assert_problem (editor, type, "given_name_row", "given_name_problem_row",
                  "U+001B (escape) at character 8");
  assert_problem (editor, type, "family_name_row", "family_name_problem_row",
                  "U+0007 (a control character) at character 3");
  assert_problem (editor, type, "mrn_row", "mrn_problem_row", "ends with a space");
  g_assert_cmpuint (clinic_test_count_patients (fixture->db_path), ==, N_PATIENTS);
  set_entry (editor, type, "given_name_row", "Someone");
  set_entry (editor, type, "family_name_row", "Else");
  set_entry (editor, type, "mrn_row", "M0001");

  /* A duplicate MRN: the storage's constraint, shown on the MRN row; nothing stored. */
  click (editor, type, "save_button");
  assert_problem (editor, type, "mrn_row", "mrn_problem_row", "M0001");
  /* Screen readers hear it on the field. */
  gtk_test_accessible_assert_state (child (editor, type, "mrn_row"),
                                    GTK_ACCESSIBLE_STATE_INVALID, GTK_ACCESSIBLE_INVALID_TRUE);
  gtk_test_accessible_assert_property (child (editor, type, "mrn_row"),
                                       GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                       adw_preferences_row_get_title (
                                         ADW_PREFERENCES_ROW (child (editor, type,
                                                                     "mrn_problem_row"))));
  g_assert_false (gtk_widget_get_visible (child (editor, type, "birth_date_problem_row")));
  g_assert_true (find_toplevel (type) == GTK_WINDOW (editor));
  g_assert_cmpuint (clinic_test_count_patients (fixture->db_path), ==, N_PATIENTS);
  g_assert_no_error (error);
  g_assert_cmpint (saved_id, ==, 0);

  /* An unusual age (101) is a warning: the first Save shows it, the second stores. */
  set_entry (editor, type, "mrn_row", "N-2002");
  set_entry (editor, type, "birth_date_row", "1925-01-01");
  click (editor, type, "save_button");
  g_assert_true (gtk_widget_get_visible (child (editor, type, "birth_date_problem_row")));
  g_assert_true (gtk_widget_has_css_class (child (editor, type, "birth_date_row"), "warning"));
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (save)), ==, "Save _Anyway");
  g_assert_cmpuint (clinic_test_count_patients (fixture->db_path), ==, N_PATIENTS);
  /* A change takes the confirmation back. */
  set_entry (editor, type, "family_name_row", "Older");
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (save)), ==, "_Save");
  click (editor, type, "save_button");
  g_assert_cmpuint (clinic_test_count_patients (fixture->db_path), ==, N_PATIENTS);
  click (editor, type, "save_button");
  g_assert_cmpuint (clinic_test_count_patients (fixture->db_path), ==,
                    N_PATIENTS + 1);
  g_assert_cmpint (saved_id, >, 0);
  g_assert_null (find_toplevel (type));
}

/* Someone else's save of the patient open in an editor: Ben, on another workstation, changes
 * the family name and adds a note. */
static gpointer
their_patient_save_query (VastusDatabase *db,
                          gpointer        data)
{
  VastusPatient *patient = data;
  g_autoptr(GError) error = NULL;

  vastus_database_set_actor (db, "ben");
  g_free (patient->family_name);
  patient->family_name = g_strdup ("Theirname");
  g_clear_pointer (&patient->name, g_free);
  patient->notes = g_strdup ("Moved to Vienna");
  g_assert_true (vastus_database_update_patient (db, patient, &error));
  g_assert_no_error (error);
  return NULL;
}

/* The editor opens patient 0; Ben saves his change; "Typedname" is typed here and saved:
 * refused, the form kept, and a notice naming Ben with Compare and Reload Theirs. */
static VastusPatientEditor *
open_conflict (Fixture *fixture)
{
  GType type = VASTUS_TYPE_PATIENT_EDITOR;
  g_autoptr(VastusPatient) patient = db_get_patient (fixture, fixture->ids[0]);
  g_autoptr(VastusPatient) theirs = vastus_patient_copy (patient);
  VastusPatientEditor *editor = g_object_ref_sink (vastus_patient_editor_new (GTK_WINDOW (fixture->window),
                                                                              fixture->clinic, patient));
  const char *notice;

  gtk_window_present (GTK_WINDOW (editor));
  iterate_until_idle ();
  clinic_test_query (fixture->db_path, their_patient_save_query, theirs);
  set_entry (editor, type, "family_name_row", "Typedname");
  click (editor, type, "save_button");
  notice = vastus_conflict_bar_get_notice (VASTUS_CONFLICT_BAR (child (editor, type, "conflict_bar")));
  g_assert_nonnull (notice);
  g_assert_true (g_str_has_prefix (notice, "ben changed this patient at "));
  g_assert_true (g_str_has_suffix (notice, " after you opened it. What you typed is kept: compare "
                                           "it with their version, or reload theirs."));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (child (editor, type, "family_name_row"))),
                   ==, "Typedname");
  g_assert_true (find_toplevel (type) == GTK_WINDOW (editor));
  return editor;
}

/* A button of the editor's notice that someone else saved first. */
static void
conflict_click (VastusPatientEditor *editor,
                const char          *button)
{
  GtkWidget *bar = child (editor, VASTUS_TYPE_PATIENT_EDITOR, "conflict_bar");

  g_signal_emit_by_name (vastus_conflict_bar_get_button (VASTUS_CONFLICT_BAR (bar), button), "clicked");
  iterate_until_idle ();
}

/* Compare lists the family name and the note; Save Mine stores what was typed over theirs. */
static void
test_patient_conflict_save_mine (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autoptr(VastusPatientEditor) editor = open_conflict (fixture);
  g_autoptr(VastusPatient) patient = NULL;
  VastusCompareWindow *window;

  conflict_click (editor, "compare");
  window = VASTUS_COMPARE_WINDOW (find_toplevel (VASTUS_TYPE_COMPARE_WINDOW));
  g_assert_nonnull (window);
  /* Family name (Theirname, Typedname) and notes (theirs, none here). */
  g_assert_cmpuint (vastus_compare_window_get_n_differences (window), ==, 2);
  click (window, VASTUS_TYPE_COMPARE_WINDOW, "keep_button");
  g_assert_null (find_toplevel (VASTUS_TYPE_COMPARE_WINDOW));
  /* Stored: the editor closed. */
  g_assert_null (find_toplevel (VASTUS_TYPE_PATIENT_EDITOR));
  patient = db_get_patient (fixture, fixture->ids[0]);
  g_assert_cmpstr (patient->family_name, ==, "Typedname");
  g_assert_null (patient->notes);
}

/* Reload Theirs shows their version in the form; saved from there, nothing conflicts. */
static void
test_patient_conflict_reload (Fixture       *fixture,
                              gconstpointer  data)
{
  GType type = VASTUS_TYPE_PATIENT_EDITOR;
  g_autoptr(VastusPatientEditor) editor = open_conflict (fixture);
  g_autoptr(VastusPatient) patient = NULL;

  conflict_click (editor, "reload");
  g_assert_null (vastus_conflict_bar_get_notice (VASTUS_CONFLICT_BAR (child (editor, type, "conflict_bar"))));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (child (editor, type, "family_name_row"))),
                   ==, "Theirname");
  g_assert_false (vastus_form_window_get_changed (VASTUS_FORM_WINDOW (editor)));
  set_entry (editor, type, "given_name_row", "Renamed");
  click (editor, type, "save_button");
  g_assert_null (find_toplevel (type));
  patient = db_get_patient (fixture, fixture->ids[0]);
  g_assert_cmpstr (patient->family_name, ==, "Theirname");
  g_assert_cmpstr (patient->given_name, ==, "Renamed");
  g_assert_cmpstr (patient->notes, ==, "Moved to Vienna");
}

static void
test_add_episode (Fixture       *fixture,
                  gconstpointer  data)
{
  GType type = VASTUS_TYPE_EPISODE_EDITOR;
  g_autoptr(VastusPatient) patient = NULL;
  g_autoptr(VastusPatientRecord) record = NULL;
  g_autoptr(GPtrArray) episodes = NULL;
  g_autoptr(GError) error = NULL;
  VastusEpisodeEditor *editor;
  VastusEpisode *episode;
  char date[VASTUS_DATE_BUF_SIZE];
  gint64 saved_id = 0;

  patient = db_get_patient (fixture, fixture->ids[42]);
  editor = vastus_episode_editor_new (GTK_WINDOW (fixture->window), fixture->clinic, patient,
                                      NULL);
  g_signal_connect (editor, "saved", G_CALLBACK (saved_cb), &saved_id);
  gtk_window_present (GTK_WINDOW (editor));
  iterate_until_idle ();

  /* The involved side must be chosen; a date must be a date. */
  adw_combo_row_set_selected (ADW_COMBO_ROW (child (editor, type, "condition_row")), 0);
  set_entry (editor, type, "surgery_date_row", "soon");
  click (editor, type, "save_button");
  assert_problem (editor, type, "side_row", "side_problem_row", NULL);
  assert_problem (editor, type, "surgery_date_row", "surgery_date_problem_row", "YYYY-MM-DD");
  episodes = db_list_episodes (fixture, patient->id);
  g_assert_cmpuint (episodes->len, ==, 0);
  g_clear_pointer (&episodes, g_ptr_array_unref);

  /* A surgery more than a year ahead is refused. */
  adw_combo_row_set_selected (ADW_COMBO_ROW (child (editor, type, "side_row")), 1);
  set_entry (editor, type, "surgery_date_row", "2028-03-14");
  click (editor, type, "save_button");
  g_assert_false (gtk_widget_get_visible (child (editor, type, "side_problem_row")));
  assert_problem (editor, type, "surgery_date_row", "surgery_date_problem_row", NULL);

  /* Control characters in the surgeon's name are refused, naming the field. */
  set_entry (editor, type, "surgery_date_row", "2026-03-14");
  set_entry (editor, type, "surgeon_row", "Dr.\x1b[2J Okonkwo");
  click (editor, type, "save_button");
  g_assert_nonnull (find_toplevel (type));
  g_assert_true (gtk_widget_get_visible (child (editor, type, "general_error_row")));
  g_assert_nonnull (strstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (child (editor, type, "general_error_row"))),
                            "The surgeon holds U+001B (escape)"));

  set_entry (editor, type, "injury_date_row", "2026-02-01");
  set_entry (editor, type, "surgery_date_row", "2026-03-14");
  set_entry (editor, type, "surgeon_row", "Dr. Okonkwo");
  set_entry (editor, type, "procedure_row", "BPTB autograft");
  set_entry (editor, type, "restrictions_row", "No open-chain extension before week 12");
  set_entry (editor, type, "no_max_test_row", "2026-09-14");
  /* The treating therapist, typed under "Other…" of the clinician picker: it names the episode's
   * therapist, and leaves who is entering data as it was. */
  {
    VastusClinicianPicker *picker = VASTUS_CLINICIAN_PICKER (vastus_episode_editor_get_therapist_picker (editor));
    GtkWidget *entry = vastus_clinician_picker_get_entry (picker);
    g_autoptr(GSettings) settings = g_settings_new (APP_ID);
    g_autofree char *entering = NULL;

    g_assert_null (vastus_clinician_picker_get_clinician (picker));
    gtk_editable_set_text (GTK_EDITABLE (entry), "  K. Novak ");
    g_signal_emit_by_name (entry, "activate");
    g_assert_cmpstr (vastus_clinician_picker_get_clinician (picker), ==, "K. Novak");
    entering = g_settings_get_string (settings, "clinician");
    g_assert_cmpstr (entering, ==, "");
  }
  click (editor, type, "save_button");
  g_assert_null (find_toplevel (type));

  episodes = db_list_episodes (fixture, patient->id);
  g_assert_cmpuint (episodes->len, ==, 1);
  episode = g_ptr_array_index (episodes, 0);
  g_assert_cmpint (episode->condition, ==, VASTUS_CONDITION_ACLR);
  g_assert_cmpint (episode->involved_side, ==, VASTUS_SIDE_LEFT);
  g_assert_cmpstr (vastus_date_format (&episode->injury_date, date), ==, "2026-02-01");
  g_assert_cmpstr (vastus_date_format (&episode->surgery_date, date), ==, "2026-03-14");
  g_assert_cmpstr (vastus_date_format (&episode->no_max_test_before, date), ==, "2026-09-14");
  g_assert_cmpstr (episode->surgeon, ==, "Dr. Okonkwo");
  g_assert_cmpstr (episode->procedure, ==, "BPTB autograft");
  g_assert_cmpstr (episode->restrictions, ==, "No open-chain extension before week 12");
  g_assert_cmpstr (episode->treating_therapist, ==, "K. Novak");
  g_assert_cmpint (saved_id, ==, episode->id);

  /* Editing: the fields come back, a change is stored in the same episode. */
  record = vastus_clinic_get_patient (fixture->clinic, patient->id);
  iterate_until_idle ();
  editor = vastus_episode_editor_new (GTK_WINDOW (fixture->window), fixture->clinic, patient,
                                      vastus_patient_record_find_episode (record, episode->id));
  gtk_window_present (GTK_WINDOW (editor));
  iterate_until_idle ();
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (child (editor, type, "side_row"))),
                    ==, 1);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (child (editor, type,
                                                               "surgery_date_row"))),
                   ==, "2026-03-14");
  adw_combo_row_set_selected (ADW_COMBO_ROW (child (editor, type, "side_row")), 3);
  /* The therapist comes back, and "Not Named" clears it. */
  {
    VastusClinicianPicker *picker = VASTUS_CLINICIAN_PICKER (vastus_episode_editor_get_therapist_picker (editor));

    g_assert_cmpstr (vastus_clinician_picker_get_clinician (picker), ==, "K. Novak");
    vastus_clinician_picker_set_clinician (picker, NULL);
  }
  /* Surgery before injury is a warning: confirmed by a second Save. */
  set_entry (editor, type, "injury_date_row", "2026-04-01");
  click (editor, type, "save_button");
  g_assert_true (gtk_widget_has_css_class (child (editor, type, "surgery_date_row"), "warning"));
  g_assert_nonnull (find_toplevel (type));
  click (editor, type, "save_button");
  g_assert_null (find_toplevel (type));
  g_clear_pointer (&episodes, g_ptr_array_unref);
  episodes = db_list_episodes (fixture, patient->id);
  g_assert_cmpuint (episodes->len, ==, 1);
  episode = g_ptr_array_index (episodes, 0);
  g_assert_cmpint (episode->involved_side, ==, VASTUS_SIDE_BOTH);
  g_assert_cmpstr (vastus_date_format (&episode->injury_date, date), ==, "2026-04-01");
  g_assert_null (episode->treating_therapist);
}

static GtkWidget *
find_button (GtkWidget  *widget,
             const char *label)
{
  if (GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0)
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_button (c, label);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Whether a label under @widget says @text (a toast's title). */
static gboolean
find_toast_label (GtkWidget  *widget,
                  const char *text)
{
  if (GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0)
    return TRUE;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    if (find_toast_label (c, text))
      return TRUE;
  return FALSE;
}

static gboolean
is_archived (Fixture *fixture,
             gint64   id)
{
  g_autoptr(VastusPatient) patient = db_get_patient (fixture, id);

  return patient->archived;
}

static void
archived_cb (VastusPatientList *list,
             gint64             id,
             gboolean           archived,
             int               *state)
{
  *state = archived ? 1 : 0;
}

static void
test_archive_undo (Fixture       *fixture,
                   gconstpointer  data)
{
  gint64 id = fixture->ids[17];
  GtkWidget *undo;
  int state = -1;
  gulong handler;

  handler = g_signal_connect (fixture->list, "patient-archived", G_CALLBACK (archived_cb),
                              &state);
  g_assert_null (find_button (GTK_WIDGET (fixture->overlay), "_Undo"));
  assert_name_at (fixture, 0, "Aaron Rossi");

  /* At once, no confirmation; the list drops the patient; a toast offers Undo. */
  vastus_patient_list_archive (fixture->list, id, 0, fixture->overlay);
  iterate_until_idle ();
  g_assert_true (is_archived (fixture, id));
  g_assert_cmpint (state, ==, 1);
  g_assert_null (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_cmpuint (g_list_model_get_n_items (list_model (fixture)), ==, N_PATIENTS - 1);
  assert_name_at (fixture, 0, "Aaron Fischer");

  undo = find_button (GTK_WIDGET (fixture->overlay), "_Undo");
  g_assert_nonnull (undo);
  g_signal_emit_by_name (undo, "clicked");
  iterate_until_idle ();
  g_assert_false (is_archived (fixture, id));
  g_assert_cmpint (state, ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (list_model (fixture)), ==, N_PATIENTS);
  assert_name_at (fixture, 0, "Aaron Rossi");

  /* Delete on the selected row does the same; in the archived view it restores. */
  gtk_selection_model_select_item (gtk_grid_view_get_model (GTK_GRID_VIEW (
                                     child (fixture->list, VASTUS_TYPE_PATIENT_LIST,
                                            "patient_view"))), 0, TRUE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->list),
                                             "patient-list.archive-selected", NULL));
  iterate_until_idle ();
  g_assert_true (is_archived (fixture, id));
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (child (fixture->list,
                                                          VASTUS_TYPE_PATIENT_LIST,
                                                          "archived_button")), TRUE);
  iterate_until_idle ();
  g_assert_cmpuint (g_list_model_get_n_items (list_model (fixture)), ==, 1);
  gtk_selection_model_select_item (gtk_grid_view_get_model (GTK_GRID_VIEW (
                                     child (fixture->list, VASTUS_TYPE_PATIENT_LIST,
                                            "patient_view"))), 0, TRUE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->list),
                                             "patient-list.archive-selected", NULL));
  iterate_until_idle ();
  g_assert_false (is_archived (fixture, id));
  g_assert_cmpuint (g_list_model_get_n_items (list_model (fixture)), ==, 0);
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (child (fixture->list,
                                                          VASTUS_TYPE_PATIENT_LIST,
                                                          "archived_button")), FALSE);
  iterate_until_idle ();

  /* A patient that does not exist: a toast says so, nothing changes. */
  state = -1;
  vastus_patient_list_archive (fixture->list, 999999, 0, fixture->overlay);
  iterate_until_idle ();
  g_assert_true (find_toast_label (GTK_WIDGET (fixture->overlay),
                                   "The patient could not be archived"));
  g_assert_cmpint (state, ==, -1);
  g_assert_cmpuint (g_list_model_get_n_items (list_model (fixture)), ==, N_PATIENTS);
  g_signal_handler_disconnect (fixture->list, handler);
}

static void
selected_cb (VastusPatientList *list,
             gint64             id,
             gint64            *out)
{
  *out = id;
}

static void
test_activate (Fixture       *fixture,
               gconstpointer  data)
{
  gint64 selected = 0;
  gulong handler;
  GtkGridView *view = GTK_GRID_VIEW (child (fixture->list, VASTUS_TYPE_PATIENT_LIST,
                                            "patient_view"));
  GtkSelectionModel *selection = gtk_grid_view_get_model (view);

  g_signal_emit_by_name (view, "activate", 1);
  g_assert_cmpint (fixture->activated, ==, fixture->ids[5]);

  /* Selecting a row with the keyboard shows it but does not open it ... */
  handler = g_signal_connect (fixture->list, "patient-selected", G_CALLBACK (selected_cb),
                              &selected);
  fixture->n_activated = 0;
  gtk_selection_model_select_item (selection, 2, TRUE);
  g_assert_cmpint (selected, ==, fixture->ids[250]);
  g_assert_cmpuint (fixture->n_activated, ==, 0);

  /* ... a click does both. */
  {
    g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (view));
    GtkGesture *click = NULL;

    for (guint i = 0; i < g_list_model_get_n_items (controllers) && click == NULL; i++)
      {
        g_autoptr(GObject) c = g_list_model_get_item (controllers, i);

        if (GTK_IS_GESTURE_CLICK (c) &&
            gtk_event_controller_get_propagation_phase (GTK_EVENT_CONTROLLER (c)) ==
            GTK_PHASE_CAPTURE)
          click = GTK_GESTURE (c);
      }
    g_assert_nonnull (click);
    /* In this order, as GTK 4.8 does it: the row selects itself on release, after the
     * list's capture-phase handler saw the release. */
    g_signal_emit_by_name (click, "pressed", 1, 10.0, 10.0);
    g_signal_emit_by_name (click, "released", 1, 10.0, 10.0);
    gtk_selection_model_select_item (selection, 0, TRUE);
    iterate_until_idle ();
  }
  g_assert_cmpint (selected, ==, fixture->ids[17]);
  g_assert_cmpint (fixture->activated, ==, fixture->ids[17]);
  g_assert_cmpuint (fixture->n_activated, ==, 1);
  gtk_selection_model_select_item (selection, 1, TRUE);
  g_assert_cmpint (selected, ==, fixture->ids[5]);
  g_assert_cmpuint (fixture->n_activated, ==, 1);

  /* Down in the search entry moves on to the list. */
  gtk_widget_grab_focus (child (fixture->list, VASTUS_TYPE_PATIENT_LIST, "search_entry"));
  iterate_until_idle ();
  g_assert_false (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (fixture->window)),
                                          GTK_WIDGET (view)));
  {
    GtkWidget *entry = child (fixture->list, VASTUS_TYPE_PATIENT_LIST, "search_entry");
    GtkWidget *view_widget = GTK_WIDGET (view);
    GtkEventController *key = NULL;
    gboolean handled = FALSE;
    g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (entry);

    for (guint i = 0; i < g_list_model_get_n_items (controllers) && key == NULL; i++)
      {
        g_autoptr(GObject) c = g_list_model_get_item (controllers, i);

        if (GTK_IS_EVENT_CONTROLLER_KEY (c))
          key = GTK_EVENT_CONTROLLER (c);
      }
    g_assert_nonnull (key);
    g_signal_emit_by_name (key, "key-pressed", GDK_KEY_Down, 0, 0, &handled);
    g_assert_true (handled);
    iterate_until_idle ();
    g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (fixture->window)),
                                           view_widget));
  }

  /* A model change is not a choice. */
  fixture->n_activated = 0;
  vastus_clinic_reload (fixture->clinic);
  iterate_until_idle ();
  type_search (fixture, "zimm");
  g_assert_cmpuint (fixture->n_activated, ==, 0);
  g_signal_handler_disconnect (fixture->list, handler);
}

/* A database without patients: the list says so and offers to add one. */
static void
test_empty (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (fixture->dir, "empty.db", NULL);
  g_autoptr(VastusClinic) clinic = clinic_test_open (path);
  GtkWidget *window = gtk_window_new ();
  GtkWidget *list = vastus_patient_list_new (clinic);
  GtkWidget *add;
  GtkWindow *editor;

  g_assert_no_error (error);
  gtk_window_set_child (GTK_WINDOW (window), list);
  gtk_window_present (GTK_WINDOW (window));
  while (!gtk_widget_get_mapped (list))
    g_main_context_iteration (NULL, TRUE);
  clinic_test_wait (clinic);
  iterate_until_idle ();

  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (child (list,
                                                                       VASTUS_TYPE_PATIENT_LIST,
                                                                       "stack"))), ==, "empty");
  g_assert_cmpstr (adw_status_page_get_title (ADW_STATUS_PAGE (child (list,
                                                                       VASTUS_TYPE_PATIENT_LIST,
                                                                       "empty_page"))),
                   ==, "No Patients Yet");
  add = child (list, VASTUS_TYPE_PATIENT_LIST, "empty_add_button");
  g_assert_true (gtk_widget_get_mapped (add));
  g_signal_emit_by_name (add, "clicked");
  iterate_until_idle ();
  editor = find_toplevel (VASTUS_TYPE_PATIENT_EDITOR);
  g_assert_nonnull (editor);
  g_assert_true (gtk_window_get_transient_for (editor) == GTK_WINDOW (window));
  gtk_window_destroy (editor);
  gtk_window_destroy (GTK_WINDOW (window));
  iterate_until_idle ();
}

static void
requested_cb (VastusPatientPane *pane,
              gint64             id,
              gint64            *out)
{
  *out = id;
}

typedef struct
{
  int    archive;
  gint64 row_version;
} ArchiveRequest;

static void
archive_requested_cb (VastusPatientPane *pane,
                      gint64             id,
                      gboolean           archive,
                      gint64             row_version,
                      ArchiveRequest    *out)
{
  out->archive = archive ? 1 : 0;
  out->row_version = row_version;
}

/* The pane, the page's Patient view: name, MRN, age, sex and episodes; edit and archive are
 * asked of the window; Add Episode and an episode's row open the page's episode editor, and the
 * pane shows the new episode from the clinic's change, as it shows an archived patient's. */
static void
test_pane (Fixture       *fixture,
           gconstpointer  data)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *page = vastus_patient_page_new ();
  GtkWidget *pane = vastus_patient_pane_new ();
  g_autoptr(VastusPatientRecord) record = vastus_clinic_get_patient (fixture->clinic,
                                                                     fixture->ids[5]);
  GType type = VASTUS_TYPE_PATIENT_PANE;
  GtkListBox *episodes;
  GtkWindow *editor;
  gint64 edit_id = 0;
  ArchiveRequest archive = { -1, 0 };

  vastus_patient_page_add_view (VASTUS_PATIENT_PAGE (page), pane, "patient", "_Patient",
                                "user-info-symbolic");
  gtk_window_set_child (GTK_WINDOW (window), page);
  gtk_window_present (GTK_WINDOW (window));
  adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (vastus_patient_page_get_part (
    VASTUS_PATIENT_PAGE (page), "view-stack")), "patient");
  vastus_patient_page_set_record (VASTUS_PATIENT_PAGE (page), record);
  while (!gtk_widget_get_mapped (pane))
    g_main_context_iteration (NULL, TRUE);
  g_signal_connect (pane, "edit-requested", G_CALLBACK (requested_cb), &edit_id);
  g_signal_connect (pane, "archive-requested", G_CALLBACK (archive_requested_cb), &archive);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (child (pane, type, "stack"))),
                   ==, "none");

  /* Patient 5 (Aaron Fischer, born 1980-06-15) has one episode. */
  vastus_patient_pane_set_record (VASTUS_PATIENT_PANE (pane), record);
  iterate_until_idle ();
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (child (pane, type, "stack"))),
                   ==, "patient");
  g_assert_cmpstr (adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (child (pane, type,
                                                                                  "patient_group"))),
                   ==, "Aaron Fischer");
  g_assert_cmpstr (adw_preferences_group_get_description (
                     ADW_PREFERENCES_GROUP (child (pane, type, "patient_group"))),
                   ==, "MRN M0005 · 46 years · Female");
  episodes = GTK_LIST_BOX (child (pane, type, "episode_list"));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (
                     gtk_list_box_get_row_at_index (episodes, 0))), ==, "ACL reconstruction, Left");
  g_assert_null (gtk_list_box_get_row_at_index (episodes, 1));

  g_signal_emit_by_name (child (pane, type, "edit_button"), "clicked");
  g_assert_cmpint (edit_id, ==, fixture->ids[5]);
  g_signal_emit_by_name (child (pane, type, "archive_button"), "clicked");
  g_assert_cmpint (archive.archive, ==, 1);
  /* Stored once, never changed: version 1, the one shown. */
  g_assert_cmpint (archive.row_version, ==, 1);

  /* Add Episode: the editor, then the new episode in the pane. */
  g_signal_emit_by_name (child (pane, type, "add_episode_button"), "clicked");
  iterate_until_idle ();
  editor = find_toplevel (VASTUS_TYPE_EPISODE_EDITOR);
  g_assert_nonnull (editor);
  adw_combo_row_set_selected (ADW_COMBO_ROW (child (editor, VASTUS_TYPE_EPISODE_EDITOR,
                                                    "condition_row")), 2);
  adw_combo_row_set_selected (ADW_COMBO_ROW (child (editor, VASTUS_TYPE_EPISODE_EDITOR,
                                                    "side_row")), 2);
  click (editor, VASTUS_TYPE_EPISODE_EDITOR, "save_button");
  g_assert_null (find_toplevel (VASTUS_TYPE_EPISODE_EDITOR));
  g_assert_nonnull (gtk_list_box_get_row_at_index (episodes, 1));

  /* An archived patient: the button restores. */
  {
    g_autoptr(GAsyncResult) result = NULL;
    g_autoptr(VastusPatient) archived = NULL;

    vastus_clinic_set_archived_async (fixture->clinic, fixture->ids[5], 0, TRUE, NULL,
                                      clinic_test_result_cb, &result);
    result = clinic_test_take_result (fixture->clinic, &result);
    archived = vastus_clinic_set_archived_finish (fixture->clinic, result, NULL);
    g_assert_nonnull (archived);
  }
  iterate_until_idle ();
  g_signal_emit_by_name (child (pane, type, "archive_button"), "clicked");
  g_assert_cmpint (archive.archive, ==, 0);
  /* The archive raised it to 2, which the pane shows. */
  g_assert_cmpint (archive.row_version, ==, 2);

  /* An episode's row opens it in the editor. */
  g_signal_emit_by_name (gtk_list_box_get_row_at_index (episodes, 0), "activated");
  iterate_until_idle ();
  editor = find_toplevel (VASTUS_TYPE_EPISODE_EDITOR);
  g_assert_nonnull (editor);
  g_assert_cmpstr (gtk_window_get_title (editor), ==, "Edit Episode");
  gtk_window_destroy (editor);

  /* Nobody. */
  vastus_patient_pane_set_record (VASTUS_PATIENT_PANE (pane), NULL);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (child (pane, type, "stack"))),
                   ==, "none");
  g_assert_cmpint (vastus_patient_pane_get_patient_id (VASTUS_PATIENT_PANE (pane)), ==, 0);

  gtk_window_destroy (GTK_WINDOW (window));
  iterate_until_idle ();
}

static GtkWidget *
find_by_id (GtkWidget  *widget,
            const char *id)
{
  if (g_strcmp0 (gtk_buildable_get_buildable_id (GTK_BUILDABLE (widget)), id) == 0)
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_by_id (c, id);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* A template child of the window, bound or not (by its id in the .ui file). */
static gpointer
window_child (gpointer    window,
              const char *name)
{
  GObject *object = gtk_widget_get_template_child (GTK_WIDGET (window), VASTUS_TYPE_WINDOW, name);

  if (object == NULL)
    object = G_OBJECT (find_by_id (GTK_WIDGET (window), name));
  g_assert_nonnull (object);
  return object;
}

static const char *
pane_state (VastusWindow *window)
{
  GtkStack *stack = GTK_STACK (child (window_child (window, "patient_pane"),
                                      VASTUS_TYPE_PATIENT_PANE, "stack"));

  return gtk_stack_get_visible_child_name (stack);
}

static const char *
pane_title (VastusWindow *window)
{
  return adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (
    child (window_child (window, "patient_pane"), VASTUS_TYPE_PATIENT_PANE, "patient_group")));
}

/* The main window: the list beside the patient pane, folding to one pane at 360 px. */
static void
test_window_leaflet (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(VastusApplication) app = vastus_application_new ();
  g_autoptr(GError) error = NULL;
  VastusWindow *window;
  VastusPatientList *list;
  AdwLeaflet *leaflet;
  GtkWidget *pane_box;

  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  vastus_application_set_database_path (app, fixture->db_path);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  window = vastus_window_new (app);
  /* The window reads through the application's clinic. */
  test_clinic = vastus_application_get_clinic (app);
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_present (GTK_WINDOW (window));
  while (!gtk_widget_get_mapped (GTK_WIDGET (window)))
    g_main_context_iteration (NULL, TRUE);
  iterate_until_idle ();

  list = window_child (window, "patient_list");
  leaflet = window_child (window, "leaflet");
  pane_box = window_child (window, "pane_box");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (window_child (window, "stack")), ==,
                   "patients");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (vastus_patient_list_get_model (list))),
                    ==, N_PATIENTS);
  /* Side by side; by name, as the window listed patients before. */
  g_assert_false (adw_leaflet_get_folded (leaflet));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (list)));
  g_assert_true (gtk_widget_get_mapped (pane_box));
  g_assert_cmpint (vastus_patient_model_get_order (vastus_patient_list_get_model (list)), ==,
                   VASTUS_PATIENT_ORDER_NAME);
  g_assert_cmpstr (pane_state (window), ==, "none");

  g_signal_emit_by_name (list, "patient-activated", fixture->ids[5]);
  iterate_until_idle ();
  g_assert_cmpstr (pane_state (window), ==, "patient");
  g_assert_cmpstr (pane_title (window), ==, "Aaron Fischer");

  /* Narrow: one pane at a time, the chosen patient's, with a way back. */
  gtk_window_set_default_size (GTK_WINDOW (window), 360, 720);
  while (!adw_leaflet_get_folded (leaflet))
    g_main_context_iteration (NULL, TRUE);
  iterate_until_idle ();
  g_assert_true (adw_leaflet_get_visible_child (leaflet) == pane_box);
  g_assert_true (gtk_widget_get_visible (window_child (window, "back_button")));
  g_signal_emit_by_name (window_child (window, "back_button"), "clicked");
  iterate_until_idle ();
  g_assert_true (adw_leaflet_get_visible_child (leaflet) == GTK_WIDGET (list));
  /* The arrow keys: the pane follows, the list stays. */
  g_signal_emit_by_name (list, "patient-selected", fixture->ids[250]);
  iterate_until_idle ();
  g_assert_true (adw_leaflet_get_visible_child (leaflet) == GTK_WIDGET (list));
  g_assert_cmpstr (pane_title (window), ==, "Mia Kowalski");
  g_signal_emit_by_name (list, "patient-activated", fixture->ids[17]);
  iterate_until_idle ();
  g_assert_true (adw_leaflet_get_visible_child (leaflet) == pane_box);
  g_assert_cmpstr (pane_title (window), ==, "Aaron Rossi");

  /* Archive from the pane: at once, the pane empties, Undo is offered. */
  g_signal_emit_by_name (child (window_child (window, "patient_pane"), VASTUS_TYPE_PATIENT_PANE,
                                "archive_button"), "clicked");
  iterate_until_idle ();
  g_assert_true (is_archived (fixture, fixture->ids[17]));
  g_assert_cmpstr (pane_state (window), ==, "none");
  g_assert_nonnull (find_button (window_child (window, "toast_overlay"), "_Undo"));

  gtk_window_destroy (GTK_WINDOW (window));
  iterate_until_idle ();
  /* As the application's shutdown does. */
  vastus_clinic_close (test_clinic);
  test_clinic = fixture->clinic;
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("VASTUS_TODAY", TODAY, TRUE);
  /* GTK's in-process accessibility backend: the accessible labels can be checked, no bus. */
  g_setenv ("GTK_A11Y", "test", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/patient-list/search", test_search);
  ADD ("/patient-list/sort", test_sort);
  ADD ("/patient-list/archived-filter", test_archived_filter);
  ADD ("/patient-list/virtualized-view", test_virtualized_view);
  ADD ("/patient-list/accessible", test_accessible);
  ADD ("/patient-list/virtualized-model", test_virtualized_model);
  ADD ("/patient-list/activate", test_activate);
  ADD ("/patient-list/current", test_current);
  ADD ("/patient-list/add-patient", test_add_patient);
  ADD ("/patient-list/add-patient-names", test_add_patient_names);
  ADD ("/patient-list/name-review", test_name_review);
  ADD ("/patient-list/patient-problems", test_patient_problems);
  ADD ("/patient-list/patient-conflict-save-mine", test_patient_conflict_save_mine);
  ADD ("/patient-list/patient-conflict-reload", test_patient_conflict_reload);
  ADD ("/patient-list/add-episode", test_add_episode);
  ADD ("/patient-list/archive-undo", test_archive_undo);
  ADD ("/patient-list/empty", test_empty);
  ADD ("/patient-list/pane", test_pane);
  ADD ("/patient-list/window-leaflet", test_window_leaflet);
#undef ADD

  return g_test_run ();
}
