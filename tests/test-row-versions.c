/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * No lost updates: one database file opened twice, as by two workstations (A and B). A reads a
 * record, B saves it, and A's save of what it read fails with VASTUS_STORE_ERROR_CONFLICT naming
 * B's clinician and the time, writing nothing; A reads it again and saves. For patients,
 * episodes, visits and clinic criteria sets, and for a record deleted in between.
 *
 * Both engines (storage-test-util.h): on PostgreSQL, A and B are two logins on one server
 * ("anna" and "bea", made as `server add-user` makes them), and the message names B's login, as
 * the server's audit trail records it.
 *
 * The expected versions are counted by hand: a record is stored at version 1 and each save,
 * delete or restore raises it by one. The expected time is the clock's, read around B's save
 * (the tests run in UTC), never the program's.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include "storage-test-util.h"
#include "vastus-criteria-store.h"
#include "vastus-database.h"

typedef struct
{
  char           *dir;
  char           *location;  /* the file, or the server database's URI */
  const char     *bea;       /* who the conflict names for B */
  VastusDatabase *a;
  VastusDatabase *b;
  char           *before;    /* "HH:MM" (UTC) just before B's save, and just after */
  char           *after;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("vastus-rowversion-XXXXXX", &error);
  g_assert_no_error (error);
  f->location = storage_test_new_location (f->dir, "clinic.vastus");
  if (storage_test_on_server ())
    {
      f->a = storage_test_open_as (f->location, "anna", "Anna Weber");
      f->b = storage_test_open_as (f->location, "bea", "Bea Braun");
      f->bea = "bea";
      return;
    }
  f->a = vastus_database_open (f->location, &error);
  g_assert_no_error (error);
  f->b = vastus_database_open (f->location, &error);
  g_assert_no_error (error);
  vastus_database_set_actor (f->a, "Anna Weber");
  vastus_database_set_actor (f->b, "Bea Braun");
  f->bea = "Bea Braun";
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *wal = g_strconcat (f->location, "-wal", NULL);
  g_autofree char *shm = g_strconcat (f->location, "-shm", NULL);

  g_clear_object (&f->a);
  g_clear_object (&f->b);
  if (!storage_test_on_server ())
    {
      g_remove (f->location);
      g_remove (wal);
      g_remove (shm);
    }
  g_rmdir (f->dir);
  g_free (f->dir);
  g_free (f->location);
  g_free (f->before);
  g_free (f->after);
}

static char *
now_hh_mm (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_format (now, "%H:%M");
}

static void
clock_before (Fixture *f)
{
  g_free (f->before);
  f->before = now_hh_mm ();
}

static void
clock_after (Fixture *f)
{
  g_free (f->after);
  f->after = now_hh_mm ();
}

/* The conflict message for B's change of a @what ("changed this visit"), at the minute read
 * before or after B's save. */
static void
assert_conflict (Fixture    *f,
                 GError     *error,
                 const char *what)
{
  g_autofree char *at_before = g_strdup_printf ("%s %s at %s after you opened it", f->bea, what,
                                                f->before);
  g_autofree char *at_after = g_strdup_printf ("%s %s at %s after you opened it", f->bea, what,
                                               f->after);

  g_assert_error (error, VASTUS_STORE_ERROR, VASTUS_STORE_ERROR_CONFLICT);
  if (g_strcmp0 (error->message, at_before) != 0)
    g_assert_cmpstr (error->message, ==, at_after);
}

static gint64
add_patient (VastusDatabase *db)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VastusPatient) p = vastus_patient_new ();

  p->mrn = g_strdup ("RV-1");
  p->name = g_strdup ("Ola Nordmann");
  vastus_database_insert_patient (db, p, &error);
  g_assert_no_error (error);
  g_assert_cmpint (p->row_version, ==, 1);
  return p->id;
}

static gint64
add_episode (VastusDatabase *db,
             gint64          patient_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VastusEpisode) e = vastus_episode_new ();

  e->patient_id = patient_id;
  e->condition = VASTUS_CONDITION_ACLR;
  e->involved_side = VASTUS_SIDE_LEFT;
  vastus_database_insert_episode (db, e, &error);
  g_assert_no_error (error);
  g_assert_cmpint (e->row_version, ==, 1);
  return e->id;
}

static gint64
add_visit (VastusDatabase *db,
           gint64          episode_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VastusVisit) v = vastus_visit_new ();

  v->episode_id = episode_id;
  g_date_set_dmy (&v->date, 2, G_DATE_MARCH, 2026);
  vastus_visit_add_measurement (v, vastus_measurement_new ("quadriceps_hhd", VASTUS_SIDE_LEFT, 1,
                                                           300, "N"));
  vastus_database_insert_visit (db, v, &error);
  g_assert_no_error (error);
  g_assert_cmpint (v->row_version, ==, 1);
  return v->id;
}

static void
test_patient (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 id = add_patient (f->a);
  g_autoptr(VastusPatient) a = vastus_database_get_patient (f->a, id, &error);
  g_autoptr(VastusPatient) b = vastus_database_get_patient (f->b, id, &error);
  g_autoptr(VastusPatient) stored = NULL;
  g_autoptr(VastusPatient) again = NULL;

  g_assert_no_error (error);
  g_assert_cmpint (a->row_version, ==, 1);
  g_assert_cmpint (b->row_version, ==, 1);

  g_free (b->notes);
  b->notes = g_strdup ("B's note");
  clock_before (f);
  g_assert_true (vastus_database_update_patient (f->b, b, &error));
  clock_after (f);
  g_assert_no_error (error);
  g_assert_cmpint (b->row_version, ==, 2);

  g_free (a->name);
  a->name = g_strdup ("Kari Nordmann");
  g_clear_pointer (&a->family_name, g_free);
  g_clear_pointer (&a->given_name, g_free);
  g_assert_false (vastus_database_update_patient (f->a, a, &error));
  assert_conflict (f, error, "changed this patient");
  g_clear_error (&error);
  g_assert_cmpint (a->row_version, ==, 1);

  /* Nothing of A's was written: B's note stays, and the name. */
  stored = vastus_database_get_patient (f->b, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (stored->name, ==, "Ola Nordmann");
  g_assert_cmpstr (stored->notes, ==, "B's note");
  g_assert_cmpint (stored->row_version, ==, 2);

  /* A reads again and saves: version 3; a second save by A does not conflict with itself. */
  again = vastus_database_get_patient (f->a, id, &error);
  g_assert_no_error (error);
  g_free (again->name);
  again->name = g_strdup ("Kari Nordmann");
  g_clear_pointer (&again->family_name, g_free);
  g_clear_pointer (&again->given_name, g_free);
  g_assert_true (vastus_database_update_patient (f->a, again, &error));
  g_assert_no_error (error);
  g_assert_cmpint (again->row_version, ==, 3);
  g_free (again->notes);
  again->notes = g_strdup ("A's note");
  g_assert_true (vastus_database_update_patient (f->a, again, &error));
  g_assert_no_error (error);
  g_assert_cmpint (again->row_version, ==, 4);

  /* Archiving is a change as well: a save of what was read before it conflicts. */
  g_assert_true (vastus_database_set_patient_archived (f->b, id, 0, TRUE, &error));
  g_assert_no_error (error);
  g_assert_false (vastus_database_update_patient (f->a, again, &error));
  g_assert_error (error, VASTUS_STORE_ERROR, VASTUS_STORE_ERROR_CONFLICT);
  {
    g_autofree char *changed = g_strdup_printf ("%s changed this patient at ", f->bea);

    g_assert_nonnull (strstr (error->message, changed));
  }
}

static void
test_episode (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 patient_id = add_patient (f->a);
  gint64 id = add_episode (f->a, patient_id);
  g_autoptr(VastusEpisode) a = vastus_database_get_episode (f->a, id, &error);
  g_autoptr(VastusEpisode) b = vastus_database_get_episode (f->b, id, &error);
  g_autoptr(VastusEpisode) stored = NULL;

  g_assert_no_error (error);
  b->surgeon = g_strdup ("Dr. B");
  clock_before (f);
  g_assert_true (vastus_database_update_episode (f->b, b, &error));
  clock_after (f);
  g_assert_no_error (error);
  g_assert_cmpint (b->row_version, ==, 2);

  a->involved_side = VASTUS_SIDE_RIGHT;
  g_assert_false (vastus_database_update_episode (f->a, a, &error));
  assert_conflict (f, error, "changed this episode");
  g_clear_error (&error);

  stored = vastus_database_get_episode (f->a, id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (stored->involved_side, ==, VASTUS_SIDE_LEFT);
  g_assert_cmpstr (stored->surgeon, ==, "Dr. B");
  g_assert_cmpint (stored->row_version, ==, 2);
  stored->involved_side = VASTUS_SIDE_RIGHT;
  g_assert_true (vastus_database_update_episode (f->a, stored, &error));
  g_assert_no_error (error);
  g_assert_cmpint (stored->row_version, ==, 3);

  /* Deleted in between (version 4): A's save says so, and who. */
  clock_before (f);
  g_assert_true (vastus_database_delete_episode (f->b, id, 0, &error));
  clock_after (f);
  g_assert_no_error (error);
  g_assert_false (vastus_database_update_episode (f->a, stored, &error));
  assert_conflict (f, error, "deleted this episode");
  g_clear_error (&error);

  /* Restored (version 5): what A read at 3 is still not saved over it. */
  g_assert_true (vastus_database_restore_episode (f->b, id, 0, &error));
  g_assert_no_error (error);
  g_assert_false (vastus_database_update_episode (f->a, stored, &error));
  g_assert_error (error, VASTUS_STORE_ERROR, VASTUS_STORE_ERROR_CONFLICT);
  g_clear_error (&error);
  g_clear_pointer (&stored, vastus_episode_free);
  stored = vastus_database_get_episode (f->a, id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (stored->row_version, ==, 5);
}

static void
test_visit (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 episode_id = add_episode (f->a, add_patient (f->a));
  gint64 id = add_visit (f->a, episode_id);
  g_autoptr(VastusVisit) a = vastus_database_get_visit (f->a, id, &error);
  g_autoptr(VastusVisit) b = vastus_database_get_visit (f->b, id, &error);
  g_autoptr(VastusVisit) stored = NULL;

  g_assert_no_error (error);
  g_assert_cmpint (a->row_version, ==, 1);
  b->notes = g_strdup ("B was here");
  clock_before (f);
  g_assert_true (vastus_database_update_visit (f->b, b, &error));
  clock_after (f);
  g_assert_no_error (error);
  g_assert_cmpint (b->row_version, ==, 2);

  a->notes = g_strdup ("A was here");
  g_assert_false (vastus_database_update_visit (f->a, a, &error));
  assert_conflict (f, error, "changed this visit");
  g_clear_error (&error);

  stored = vastus_database_get_visit (f->a, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (stored->notes, ==, "B was here");
  g_assert_cmpint (stored->row_version, ==, 2);
  g_free (stored->notes);
  stored->notes = g_strdup ("A was here");
  g_assert_true (vastus_database_update_visit (f->a, stored, &error));
  g_assert_no_error (error);
  g_assert_cmpint (stored->row_version, ==, 3);

  clock_before (f);
  g_assert_true (vastus_database_delete_visit (f->b, id, 0, &error));
  clock_after (f);
  g_assert_no_error (error);
  g_assert_false (vastus_database_update_visit (f->a, stored, &error));
  assert_conflict (f, error, "deleted this visit");
}

static void
test_criteria_set (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VastusCriteriaSet) copy =
    vastus_database_copy_criteria_set (f->a, "aclr-gokeler", "clinic-rv", NULL, &error);
  g_autoptr(VastusCriteriaSet) a = NULL;
  g_autoptr(VastusCriteriaSet) b = NULL;
  g_autoptr(VastusCriteriaSet) latest = NULL;

  g_assert_no_error (error);
  a = vastus_database_get_criteria_set (f->a, "clinic-rv", 0, &error);
  g_assert_no_error (error);
  b = vastus_database_get_criteria_set (f->b, "clinic-rv", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpint (a->version, ==, 1);

  g_free (b->title);
  b->title = g_strdup ("B's title");
  clock_before (f);
  g_assert_true (vastus_database_save_criteria_set (f->b, b, &error));
  clock_after (f);
  g_assert_no_error (error);
  g_assert_cmpint (b->version, ==, 2);

  g_free (a->title);
  a->title = g_strdup ("A's title");
  g_assert_false (vastus_database_save_criteria_set (f->a, a, &error));
  assert_conflict (f, error, "changed this criteria set");
  g_clear_error (&error);
  g_assert_cmpint (a->version, ==, 1);

  latest = vastus_database_get_criteria_set (f->a, "clinic-rv", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpint (latest->version, ==, 2);
  g_assert_cmpstr (latest->title, ==, "B's title");
  g_free (latest->title);
  latest->title = g_strdup ("A's title");
  g_assert_true (vastus_database_save_criteria_set (f->a, latest, &error));
  g_assert_no_error (error);
  g_assert_cmpint (latest->version, ==, 3);
  g_assert_true (vastus_database_save_criteria_set (f->a, latest, &error));
  g_assert_no_error (error);
  g_assert_cmpint (latest->version, ==, 4);
}

int
main (int    argc,
      char **argv)
{
  g_setenv ("TZ", "UTC", TRUE);
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/row-versions/patient", Fixture, NULL, fixture_set_up, test_patient,
              fixture_tear_down);
  g_test_add ("/row-versions/episode", Fixture, NULL, fixture_set_up, test_episode,
              fixture_tear_down);
  g_test_add ("/row-versions/visit", Fixture, NULL, fixture_set_up, test_visit,
              fixture_tear_down);
  g_test_add ("/row-versions/criteria-set", Fixture, NULL, fixture_set_up, test_criteria_set,
              fixture_tear_down);
  return g_test_run ();
}
