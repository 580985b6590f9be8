/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Delete, archive and undo take the version the person saw: deleting (or restoring, or
 * archiving) a visit, an episode or a patient that someone changed after it was shown fails
 * with VASTUS_STORE_ERROR_CONFLICT naming who and when, and changes nothing; at the version
 * shown, it is done and raises the version by one (which the undo then takes). Version 0 is
 * "whatever version it is at", for the command line and imports.
 *
 * Both engines (storage-test-util.h). The expected versions are counted by hand: a record is
 * stored at version 1 and each save, delete, restore or archive raises it by one.
 */
#include "config.h"

#include <locale.h>

#include "storage-test-util.h"
#include "vastus-database.h"

/* "Bea Braun changed this visit at 14:32 after you opened it" (the time is the clock's). */
static void
assert_conflict (GError     *error,
                 const char *what)
{
  g_autofree char *prefix = g_strdup_printf ("%s %s at ", storage_test_actor ("Bea Braun"), what);

  g_assert_error (error, VASTUS_STORE_ERROR, VASTUS_STORE_ERROR_CONFLICT);
  g_assert_true (g_str_has_prefix (error->message, prefix));
  g_assert_true (g_str_has_suffix (error->message, " after you opened it"));
}

typedef struct
{
  VastusDatabase *db;
  gint64          patient_id;
  gint64          episode_id;
  gint64          visit_id;
} Records;

/* A patient, an episode and a visit, each at version 1; Bea Braun enters them. */
static void
records_add (Records *r)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VastusPatient) p = vastus_patient_new ();
  g_autoptr(VastusEpisode) e = vastus_episode_new ();
  g_autoptr(VastusVisit) v = vastus_visit_new ();

  r->db = storage_test_open ();
  vastus_database_set_actor (r->db, "Bea Braun");
  p->mrn = g_strdup ("DV-1");
  p->name = g_strdup ("Ola Nordmann");
  g_assert_true (vastus_database_insert_patient (r->db, p, &error));
  g_assert_no_error (error);
  e->patient_id = p->id;
  e->condition = VASTUS_CONDITION_ACLR;
  e->involved_side = VASTUS_SIDE_LEFT;
  g_assert_true (vastus_database_insert_episode (r->db, e, &error));
  g_assert_no_error (error);
  v->episode_id = e->id;
  g_date_set_dmy (&v->date, 2, G_DATE_MARCH, 2026);
  g_assert_true (vastus_database_insert_visit (r->db, v, &error));
  g_assert_no_error (error);
  g_assert_cmpint (p->row_version, ==, 1);
  g_assert_cmpint (e->row_version, ==, 1);
  g_assert_cmpint (v->row_version, ==, 1);
  r->patient_id = p->id;
  r->episode_id = e->id;
  r->visit_id = v->id;
}

static gint64
visit_version (Records *r)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VastusVisit) v = vastus_database_get_visit (r->db, r->visit_id, &error);

  g_assert_no_error (error);
  return v->row_version;
}

/* The visit shown at version 1; Bea changes its clinician (version 2). Deleting version 1 is
 * refused and deletes nothing; deleting version 2 deletes it (3); its undo at 3 restores it
 * (4). An undo of a delete someone else undid first is refused. */
static void
test_visit (void)
{
  Records r = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(VastusVisit) v = NULL;

  records_add (&r);
  v = vastus_database_get_visit (r.db, r.visit_id, &error);
  g_assert_no_error (error);
  v->clinician = g_strdup ("B. Braun");
  g_assert_true (vastus_database_update_visit (r.db, v, &error));
  g_assert_no_error (error);
  g_assert_cmpint (visit_version (&r), ==, 2);

  g_assert_false (vastus_database_delete_visit (r.db, r.visit_id, 1, &error));
  assert_conflict (error, "changed this visit");
  g_clear_error (&error);
  g_assert_cmpint (visit_version (&r), ==, 2);

  g_assert_true (vastus_database_delete_visit (r.db, r.visit_id, 2, &error));
  g_assert_no_error (error);
  /* An undo at a version it never had (the one before the delete). */
  g_assert_false (vastus_database_restore_visit (r.db, r.visit_id, 2, &error));
  assert_conflict (error, "deleted this visit");
  g_clear_error (&error);
  g_assert_true (vastus_database_restore_visit (r.db, r.visit_id, 3, &error));
  g_assert_no_error (error);
  g_assert_cmpint (visit_version (&r), ==, 4);

  /* Someone deletes it at 4 (5) and restores it (6): a delete of version 4 is refused. */
  g_assert_true (vastus_database_delete_visit (r.db, r.visit_id, 0, &error));
  g_assert_true (vastus_database_restore_visit (r.db, r.visit_id, 0, &error));
  g_assert_no_error (error);
  g_assert_false (vastus_database_delete_visit (r.db, r.visit_id, 4, &error));
  assert_conflict (error, "changed this visit");
  g_clear_error (&error);
  g_assert_cmpint (visit_version (&r), ==, 6);
  g_clear_object (&r.db);
}

static VastusEpisode *
get_episode (Records *r)
{
  g_autoptr(GError) error = NULL;
  VastusEpisode *e = vastus_database_get_episode (r->db, r->episode_id, &error);

  g_assert_no_error (error);
  return e;
}

/* The episode (without visits) shown at version 1; Bea names its surgeon (2). Deleting
 * version 1 is refused; version 2 is deleted (3) and its undo at 3 restores it (4). */
static void
test_episode (void)
{
  Records r = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(VastusEpisode) e = NULL;

  records_add (&r);
  /* The episode must have no visits to be deleted. */
  g_assert_true (vastus_database_delete_visit (r.db, r.visit_id, 1, &error));
  g_assert_no_error (error);
  e = get_episode (&r);
  e->surgeon = g_strdup ("Dr Ruiz");
  g_assert_true (vastus_database_update_episode (r.db, e, &error));
  g_assert_no_error (error);
  g_clear_pointer (&e, vastus_episode_free);

  g_assert_false (vastus_database_delete_episode (r.db, r.episode_id, 1, &error));
  assert_conflict (error, "changed this episode");
  g_clear_error (&error);
  e = get_episode (&r);
  g_assert_cmpint (e->row_version, ==, 2);
  g_clear_pointer (&e, vastus_episode_free);

  g_assert_true (vastus_database_delete_episode (r.db, r.episode_id, 2, &error));
  g_assert_no_error (error);
  g_assert_false (vastus_database_restore_episode (r.db, r.episode_id, 2, &error));
  assert_conflict (error, "deleted this episode");
  g_clear_error (&error);
  g_assert_true (vastus_database_restore_episode (r.db, r.episode_id, 3, &error));
  g_assert_no_error (error);
  e = get_episode (&r);
  g_assert_cmpint (e->row_version, ==, 4);
  g_clear_object (&r.db);
}

static VastusPatient *
get_patient (Records *r)
{
  g_autoptr(GError) error = NULL;
  VastusPatient *p = vastus_database_get_patient (r->db, r->patient_id, &error);

  g_assert_no_error (error);
  return p;
}

/* The patient shown at version 1; Bea adds a note (2). Archiving version 1 is refused; version
 * 2 is archived (3), and its undo at 3 brings the patient back (4). */
static void
test_patient (void)
{
  Records r = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(VastusPatient) p = NULL;

  records_add (&r);
  p = get_patient (&r);
  p->notes = g_strdup ("Moved to Vienna");
  g_assert_true (vastus_database_update_patient (r.db, p, &error));
  g_assert_no_error (error);
  g_clear_pointer (&p, vastus_patient_free);

  g_assert_false (vastus_database_set_patient_archived (r.db, r.patient_id, 1, TRUE, &error));
  assert_conflict (error, "changed this patient");
  g_clear_error (&error);
  p = get_patient (&r);
  g_assert_false (p->archived);
  g_assert_cmpint (p->row_version, ==, 2);
  g_clear_pointer (&p, vastus_patient_free);

  g_assert_true (vastus_database_set_patient_archived (r.db, r.patient_id, 2, TRUE, &error));
  g_assert_no_error (error);
  g_assert_true (vastus_database_set_patient_archived (r.db, r.patient_id, 3, FALSE, &error));
  g_assert_no_error (error);
  p = get_patient (&r);
  g_assert_false (p->archived);
  g_assert_cmpint (p->row_version, ==, 4);
  g_clear_object (&r.db);
}

int
main (int argc, char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/storage/delete-versions/visit", test_visit);
  g_test_add_func ("/storage/delete-versions/episode", test_episode);
  g_test_add_func ("/storage/delete-versions/patient", test_patient);
  return g_test_run ();
}
