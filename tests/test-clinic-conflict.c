/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * No lost updates through the clinic: another workstation (a connection of its own, on a thread
 * of the test's) saves a visit this one has open; the clinic's save fails with
 * VASTUS_CLINIC_ERROR_CONFLICT, the storage's message intact, and writes nothing; saved again over
 * the visit as it is now, it goes through. A form that saved once saves again without conflicting
 * with itself: the version comes back with each save of a patient or an episode, the visit as
 * stored carries it, and a patient's record shows the new one. Versions counted by hand: 1 when
 * stored, one more for each save.
 */
#include "config.h"

#include <glib/gstdio.h>

#include "clinic-test-util.h"
#include "vastus-patient-record.h"

typedef struct
{
  char *dir;
  char *path;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("vastus-clinic-conflict-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "clinic.db", NULL);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  const char *suffixes[] = { "", "-wal", "-shm" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (f->path, suffixes[i], NULL);

      g_remove (file);
    }
  g_rmdir (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

static void
other_saves_visit_cb (VastusDatabase *db,
                      gpointer        data)
{
  gint64 *id = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(VastusVisit) visit = NULL;

  vastus_database_set_actor (db, "Bea Braun");
  visit = vastus_database_get_visit (db, *id, &error);
  g_assert_no_error (error);
  visit->notes = g_strdup ("Bea's note");
  g_assert_true (vastus_database_update_visit (db, visit, &error));
  g_assert_no_error (error);
}

static gpointer
get_visit_query (VastusDatabase *db,
                 gpointer        data)
{
  g_autoptr(GError) error = NULL;
  VastusVisit *visit = vastus_database_get_visit (db, *(gint64 *) data, &error);

  g_assert_no_error (error);
  return visit;
}

static VastusVisit *
new_visit (gint64 episode_id,
           double left)
{
  VastusVisit *visit = vastus_visit_new ();

  visit->episode_id = episode_id;
  g_date_set_dmy (&visit->date, 2, G_DATE_MARCH, 2026);
  vastus_visit_add_measurement (visit, vastus_measurement_new ("quadriceps_hhd", VASTUS_SIDE_LEFT,
                                                               1, left, "N"));
  vastus_visit_add_measurement (visit, vastus_measurement_new ("quadriceps_hhd", VASTUS_SIDE_RIGHT,
                                                               1, 400, "N"));
  return visit;
}

/* Saves through the clinic and waits: the visit as stored, or NULL with @error. */
static VastusVisit *
save_visit (VastusClinic      *clinic,
            gint64             patient_id,
            const VastusVisit *visit,
            const VastusVisit *original,
            GError           **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  vastus_clinic_save_visit_async (clinic, patient_id, visit, original, NULL, NULL,
                                  clinic_test_result_cb, &result);
  result = clinic_test_take_result (clinic, &result);
  return vastus_clinic_save_visit_finish (clinic, result, error);
}

static void
save_patient (VastusClinic  *clinic,
              VastusPatient *patient)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  vastus_clinic_save_patient_async (clinic, patient, NULL, clinic_test_result_cb, &result);
  result = clinic_test_take_result (clinic, &result);
  g_assert_cmpint (vastus_clinic_save_patient_finish (clinic, result, &patient->row_version,
                                                      &error), ==, patient->id);
  g_assert_no_error (error);
}

static void
save_episode (VastusClinic  *clinic,
              VastusEpisode *episode)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  vastus_clinic_save_episode_async (clinic, episode, NULL, clinic_test_result_cb, &result);
  result = clinic_test_take_result (clinic, &result);
  episode->id = vastus_clinic_save_episode_finish (clinic, result, &episode->row_version, &error);
  g_assert_no_error (error);
}

static void
test_conflict (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(VastusPatient) added = vastus_patient_new ();
  g_autoptr(VastusClinic) clinic = NULL;
  g_autoptr(VastusPatientRecord) record = NULL;
  g_autoptr(VastusPatient) patient = NULL;
  g_autoptr(VastusEpisode) episode = vastus_episode_new ();
  g_autoptr(VastusVisit) visit = NULL;
  g_autoptr(VastusVisit) stored = NULL;
  g_autoptr(VastusVisit) edited = NULL;
  g_autoptr(VastusVisit) now = NULL;
  g_autoptr(VastusVisit) saved = NULL;
  g_autoptr(VastusVisit) saved_again = NULL;
  g_autoptr(GError) error = NULL;

  added->mrn = g_strdup ("CF-1");
  added->name = g_strdup ("Conflict Patient");
  clinic_test_insert_patient (f->path, added);
  clinic = clinic_test_open (f->path);
  record = vastus_clinic_get_patient (clinic, added->id);

  /* The patient as the record read it (1), saved twice by one form: 2, then 3; the record
   * follows. */
  clinic_test_wait (clinic);
  patient = vastus_patient_copy (vastus_patient_record_get_patient (record));
  g_assert_cmpint (patient->row_version, ==, 1);
  patient->notes = g_strdup ("first");
  save_patient (clinic, patient);
  g_assert_cmpint (patient->row_version, ==, 2);
  g_free (patient->notes);
  patient->notes = g_strdup ("second");
  save_patient (clinic, patient);
  g_assert_cmpint (patient->row_version, ==, 3);
  clinic_test_wait (clinic);
  g_assert_cmpint (vastus_patient_record_get_patient (record)->row_version, ==, 3);

  episode->patient_id = added->id;
  episode->condition = VASTUS_CONDITION_ACLR;
  episode->involved_side = VASTUS_SIDE_LEFT;
  save_episode (clinic, episode);
  g_assert_cmpint (episode->row_version, ==, 1);
  episode->surgeon = g_strdup ("Dr. A");
  save_episode (clinic, episode);
  g_assert_cmpint (episode->row_version, ==, 2);

  visit = new_visit (episode->id, 300);
  stored = save_visit (clinic, added->id, visit, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (stored->row_version, ==, 1);

  /* As the editor builds it from the form: the id, no version, a new left value. */
  edited = new_visit (episode->id, 310);
  edited->id = stored->id;
  edited->notes = g_strdup ("Anna's note");
  clinic_test_in_thread (f->path, other_saves_visit_cb, &stored->id);
  g_assert_null (save_visit (clinic, added->id, edited, stored, &error));
  g_assert_error (error, VASTUS_CLINIC_ERROR, VASTUS_CLINIC_ERROR_CONFLICT);
  g_assert_true (g_str_has_prefix (error->message, "Bea Braun changed this visit at "));
  g_assert_true (g_str_has_suffix (error->message, " after you opened it"));
  g_clear_error (&error);

  /* Nothing of it was written: Bea's note, the left value of 300, version 2. */
  now = clinic_test_query (f->path, get_visit_query, &stored->id);
  g_assert_cmpstr (now->notes, ==, "Bea's note");
  g_assert_cmpint (now->row_version, ==, 2);
  g_assert_cmpuint (now->measurements->len, ==, 2);
  for (guint i = 0; i < now->measurements->len; i++)
    {
      VastusMeasurement *m = g_ptr_array_index (now->measurements, i);

      g_assert_cmpfloat (m->value, ==, m->side == VASTUS_SIDE_LEFT ? 300 : 400);
    }

  /* Over the visit as it is now: saved (3); and again over what that save gave (4). */
  saved = save_visit (clinic, added->id, edited, now, &error);
  g_assert_no_error (error);
  g_assert_cmpint (saved->row_version, ==, 3);
  g_assert_cmpstr (saved->notes, ==, "Anna's note");
  g_free (edited->notes);
  edited->notes = g_strdup ("Anna's second note");
  saved_again = save_visit (clinic, added->id, edited, saved, &error);
  g_assert_no_error (error);
  g_assert_cmpint (saved_again->row_version, ==, 4);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/clinic-conflict/visit-patient-episode", Fixture, NULL, fixture_setup,
              test_conflict, fixture_teardown);
  return g_test_run ();
}
