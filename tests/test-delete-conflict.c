/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Deleting what someone else changed after it was shown: the patient page deletes a visit (and
 * an episode, from its editor) at the version it showed, the patient pane archives the patient
 * at the version it shows. Ben, on another workstation, changes
 * it in between (through the storage API, on a connection of its own): nothing is deleted, a
 * toast says who changed it, and its Reload reads the record again; deleted then, it goes.
 */
#include "config.h"

#include "vastus-database.h"
#include "vastus-episode-editor.h"
#include "vastus-patient-page.h"
#include "vastus-patient-pane.h"
#include "vastus-value.h"
#include "window-test-util.h"

typedef struct
{
  gint64             patient_id;
  gint64             episode_id;   /* with the visit */
  gint64             spare_id;     /* an episode without visits */
  gint64             visit_id;
  VastusApplication *app;
  VastusWindow      *window;
  VastusPatientPage *page;
} Scene;

/* Nora Keller, an ACL reconstruction with one visit, and a second episode without visits;
 * written before the window's clinic exists. */
static void
insert_records (Scene      *scene,
                const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VastusDatabase) db = vastus_database_open (path, &error);
  g_autoptr(VastusPatient) patient = vastus_patient_new ();
  g_autoptr(VastusEpisode) episode = vastus_episode_new ();
  g_autoptr(VastusEpisode) spare = vastus_episode_new ();
  g_autoptr(VastusVisit) visit = vastus_visit_new ();

  g_assert_no_error (error);
  patient->mrn = g_strdup ("DC-1");
  patient->family_name = g_strdup ("Keller");
  patient->given_name = g_strdup ("Nora");
  g_assert_true (vastus_database_insert_patient (db, patient, &error));
  episode->patient_id = patient->id;
  episode->condition = VASTUS_CONDITION_ACLR;
  episode->involved_side = VASTUS_SIDE_LEFT;
  g_assert_true (vastus_date_parse ("2026-09-01", &episode->surgery_date, NULL));
  g_assert_true (vastus_database_insert_episode (db, episode, &error));
  spare->patient_id = patient->id;
  spare->condition = VASTUS_CONDITION_PFP;
  spare->involved_side = VASTUS_SIDE_RIGHT;
  g_assert_true (vastus_database_insert_episode (db, spare, &error));
  visit->episode_id = episode->id;
  g_assert_true (vastus_date_parse ("2026-11-10", &visit->date, NULL));
  g_assert_true (vastus_database_insert_visit (db, visit, &error));
  g_assert_no_error (error);
  scene->patient_id = patient->id;
  scene->episode_id = episode->id;
  scene->spare_id = spare->id;
  scene->visit_id = visit->id;
}

static Scene
scene_open (Fixture *fixture)
{
  Scene scene = { 0 };

  insert_records (&scene, fixture->db_path);
  scene.window = open_patient_window (fixture->db_path, scene.patient_id, &scene.app);
  scene.page = child (scene.window, "patient_page");
  return scene;
}

static void
scene_close (Scene *scene)
{
  close_patient_window (scene->window, &scene->app);
}

/* Ben adds a note to the visit. */
static gpointer
their_visit_save_query (VastusDatabase *db,
                        gpointer        data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VastusVisit) visit = vastus_database_get_visit (db, *(gint64 *) data, &error);

  g_assert_no_error (error);
  vastus_database_set_actor (db, "ben");
  visit->notes = g_strdup ("Knee swollen after the hop tests");
  g_assert_true (vastus_database_update_visit (db, visit, &error));
  g_assert_no_error (error);
  return NULL;
}

/* Ben names the episode's surgeon. */
static gpointer
their_episode_save_query (VastusDatabase *db,
                          gpointer        data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VastusEpisode) episode = vastus_database_get_episode (db, *(gint64 *) data, &error);

  g_assert_no_error (error);
  vastus_database_set_actor (db, "ben");
  episode->surgeon = g_strdup ("Dr Chen");
  g_assert_true (vastus_database_update_episode (db, episode, &error));
  g_assert_no_error (error);
  return NULL;
}

/* Ben adds a note to the patient. */
static gpointer
their_patient_save_query (VastusDatabase *db,
                          gpointer        data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VastusPatient) patient = vastus_database_get_patient (db, *(gint64 *) data, &error);

  g_assert_no_error (error);
  vastus_database_set_actor (db, "ben");
  patient->notes = g_strdup ("Moved to Vienna");
  g_assert_true (vastus_database_update_patient (db, patient, &error));
  g_assert_no_error (error);
  return NULL;
}

static gpointer
get_patient_query (VastusDatabase *db,
                   gpointer        data)
{
  return vastus_database_get_patient (db, *(gint64 *) data, NULL);
}

static gpointer
get_visit_query (VastusDatabase *db,
                 gpointer        data)
{
  return vastus_database_get_visit (db, *(gint64 *) data, NULL);
}

static gpointer
get_episode_query (VastusDatabase *db,
                   gpointer        data)
{
  return vastus_database_get_episode (db, *(gint64 *) data, NULL);
}

/* A button labelled @label at or below @widget. */
static GtkWidget *
find_button (GtkWidget  *widget,
             const char *label)
{
  if (GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0)
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL;
       c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_button (c, label);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The toast saying that someone changed it first, and its Reload, clicked. */
static void
reload_from_toast (Scene      *scene,
                   const char *prefix)
{
  GtkWidget *reload;

  g_assert_true (find_label_text (GTK_WIDGET (scene->window), prefix));
  reload = find_button (GTK_WIDGET (scene->window), "_Reload");
  g_assert_nonnull (reload);
  g_signal_emit_by_name (reload, "clicked");
  iterate_until_idle ();
}

/* The visit shown; Ben changes it; Delete: refused, the visit stays, no Undo offered. Reload
 * reads it again, and Delete then deletes it. */
static void
test_visit (Fixture       *fixture,
            gconstpointer  data)
{
  Scene scene = scene_open (fixture);
  g_autoptr(VastusVisit) stored = NULL;

  vastus_patient_page_set_episode_id (scene.page, scene.episode_id);
  iterate_until_idle ();
  clinic_test_query (fixture->db_path, their_visit_save_query, &scene.visit_id);
  vastus_patient_page_delete_visit (scene.page, scene.visit_id);
  iterate_until_idle ();
  stored = clinic_test_query (fixture->db_path, get_visit_query, &scene.visit_id);
  g_assert_nonnull (stored);
  g_assert_cmpstr (stored->notes, ==, "Knee swollen after the hop tests");
  g_assert_null (vastus_patient_page_get_undo_toast (scene.page));
  reload_from_toast (&scene, "Could not delete the visit: ben changed this visit at ");

  vastus_patient_page_delete_visit (scene.page, scene.visit_id);
  iterate_until_idle ();
  g_clear_pointer (&stored, vastus_visit_free);
  stored = clinic_test_query (fixture->db_path, get_visit_query, &scene.visit_id);
  g_assert_null (stored);
  g_assert_nonnull (vastus_patient_page_get_undo_toast (scene.page));
  scene_close (&scene);
}

/* The episode without visits opened in its editor; Ben names its surgeon; Delete in the
 * editor: refused, the episode stays. Reload, and Delete from a new editor deletes it. */
static void
test_episode (Fixture       *fixture,
              gconstpointer  data)
{
  Scene scene = scene_open (fixture);
  GType type = VASTUS_TYPE_EPISODE_EDITOR;
  g_autoptr(VastusEpisode) stored = NULL;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (scene.page), "page.edit-episode", "x",
                                             scene.spare_id));
  iterate_until_idle ();
  clinic_test_query (fixture->db_path, their_episode_save_query, &scene.spare_id);
  g_signal_emit_by_name (template_child (find_toplevel (type), type, "delete_button"), "clicked");
  iterate_until_idle ();
  stored = clinic_test_query (fixture->db_path, get_episode_query, &scene.spare_id);
  g_assert_nonnull (stored);
  g_assert_cmpstr (stored->surgeon, ==, "Dr Chen");
  reload_from_toast (&scene, "Could not delete the episode of care: ben changed this episode at ");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (scene.page), "page.edit-episode", "x",
                                             scene.spare_id));
  iterate_until_idle ();
  g_signal_emit_by_name (template_child (find_toplevel (type), type, "delete_button"), "clicked");
  iterate_until_idle ();
  g_clear_pointer (&stored, vastus_episode_free);
  stored = clinic_test_query (fixture->db_path, get_episode_query, &scene.spare_id);
  g_assert_null (stored);
  scene_close (&scene);
}

/* The patient shown; Ben adds a note; Archive in the patient pane: refused, the patient stays
 * active. Reload reads the patient again, and Archive then archives. */
static void
test_archive (Fixture       *fixture,
              gconstpointer  data)
{
  Scene scene = scene_open (fixture);
  GtkWidget *archive = template_child (child (scene.window, "patient_pane"),
                                       VASTUS_TYPE_PATIENT_PANE, "archive_button");
  g_autoptr(VastusPatient) stored = NULL;

  clinic_test_query (fixture->db_path, their_patient_save_query, &scene.patient_id);
  g_signal_emit_by_name (archive, "clicked");
  iterate_until_idle ();
  stored = clinic_test_query (fixture->db_path, get_patient_query, &scene.patient_id);
  g_assert_false (stored->archived);
  reload_from_toast (&scene, "The patient could not be archived: ben changed this patient at ");

  g_signal_emit_by_name (archive, "clicked");
  iterate_until_idle ();
  g_clear_pointer (&stored, vastus_patient_free);
  stored = clinic_test_query (fixture->db_path, get_patient_query, &scene.patient_id);
  g_assert_true (stored->archived);
  g_assert_cmpstr (stored->notes, ==, "Moved to Vienna");
  scene_close (&scene);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("VASTUS_TODAY", "2026-11-21", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

#define ADD(path, func) \
  g_test_add ("/delete-conflict/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("visit", test_visit);
  ADD ("episode", test_episode);
  ADD ("archive", test_archive);
  return g_test_run ();
}
