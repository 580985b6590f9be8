/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The clinic's rules at the clinic layer (vastus-clinic-rulebook.c), on both engines: read when
 * the clinic opens (the defaults of a database that never set one), written on the writer and
 * read again (::notify::rules), a bad value refused naming the rule with nothing changed; on a
 * server, one workstation's change reaches the other by its notice.
 */
#include "storage-test-util.h"
#include "config.h"

#include <string.h>

#include "clinic-test-util.h"

static void
count_cb (GObject    *object,
          GParamSpec *pspec,
          guint      *n)
{
  (*n)++;
}

static gboolean
set_rules (VastusClinic *clinic,
           guint         n,
           const char  **names,
           const char  **values,
           GError      **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  vastus_clinic_set_rules_async (clinic, n, names, values, NULL, clinic_test_result_cb, &result);
  result = clinic_test_take_result (clinic, &result);
  return vastus_clinic_set_rules_finish (clinic, result, error);
}

static void
test_read_and_set (void)
{
  g_autoptr(VastusDatabase) db = storage_test_open ();
  const char *uri = storage_test_last_uri ();
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(VastusClinic) clinic = NULL;
  g_autoptr(GError) error = NULL;
  const char *names[] = { "pain-flag-level", "retest-weeks", "default-criteria-set:pfp" };
  const char *values[] = { "7", "6", "aclr-return-to-sport" };
  const char *bad_names[] = { "pain-flag-level", "stale-weeks" };
  const char *bad_values[] = { "3", "105" };
  const VastusClinicRulebook *book;
  VastusClinicRules rules;
  guint n_notified = 0;

  if (uri == NULL)
    {
      dir = g_dir_make_tmp ("vastus-clinic-rules-XXXXXX", &error);
      g_assert_no_error (error);
      path = g_build_filename (dir, "test.db", NULL);
      uri = path;
    }
  g_clear_object (&db);
  clinic = vastus_clinic_new (uri);
  g_signal_connect (clinic, "notify::rules", G_CALLBACK (count_cb), &n_notified);
  /* Not read before it opens: the defaults for the verdicts. */
  g_assert_null (vastus_clinic_get_rules (clinic));
  vastus_clinic_get_clinic_rules (clinic, &rules);
  g_assert_cmpfloat (rules.pain_limit, ==, 5);
  {
    g_autoptr(GError) open_error = NULL;

    vastus_clinic_open_async (clinic, NULL, clinic_test_open_cb, &open_error);
    clinic_test_wait (clinic);
    g_assert_no_error (open_error);
  }
  book = vastus_clinic_get_rules (clinic);
  g_assert_nonnull (book);
  g_assert_cmpuint (n_notified, ==, 1);
  g_assert_false (book->stored);
  g_assert_cmpuint (book->retest_weeks, ==, 4);

  g_assert_true (set_rules (clinic, G_N_ELEMENTS (names), names, values, &error));
  g_assert_no_error (error);
  clinic_test_wait (clinic);
  book = vastus_clinic_get_rules (clinic);
  g_assert_cmpuint (n_notified, ==, 2);
  g_assert_true (book->stored);
  g_assert_cmpfloat (book->rules.pain_limit, ==, 7);
  g_assert_cmpuint (book->retest_weeks, ==, 6);
  g_assert_cmpstr (vastus_clinic_rulebook_default_set (book, VASTUS_CONDITION_PFP), ==,
                   "aclr-return-to-sport");
  vastus_clinic_get_clinic_rules (clinic, &rules);
  g_assert_cmpfloat (rules.pain_limit, ==, 7);

  /* Refused whole: the good pain level with the bad window is not saved either. */
  g_assert_false (set_rules (clinic, G_N_ELEMENTS (bad_names), bad_names, bad_values, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "stale-weeks"));
  g_assert_nonnull (strstr (error->message, "105"));
  g_assert_nonnull (strstr (error->message, "0 to 104"));
  clinic_test_wait (clinic);
  g_assert_cmpuint (n_notified, ==, 2);
  g_assert_cmpfloat (vastus_clinic_get_rules (clinic)->rules.pain_limit, ==, 7);

  vastus_clinic_close (clinic);
  if (path != NULL)
    {
      g_autofree char *wal = g_strconcat (path, "-wal", NULL);
      g_autofree char *shm = g_strconcat (path, "-shm", NULL);

      g_remove (wal);
      g_remove (shm);
      g_remove (path);
      g_rmdir (dir);
    }
}

static gboolean
stale_weeks_is_nine (gpointer clinic)
{
  const VastusClinicRulebook *book = vastus_clinic_get_rules (clinic);

  return book != NULL && book->rules.max_age_weeks == 9;
}

static gboolean
is_listening (gpointer clinic)
{
  return vastus_clinic_is_listening (clinic);
}

/* Runs the main context until @condition holds (20 s at most: then the test fails). */
static void
wait_until (gboolean (*condition) (gpointer data),
            gpointer   data)
{
  gint64 end = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  while (!condition (data) && g_get_monotonic_time () < end)
    {
      while (g_main_context_iteration (NULL, FALSE))
        ;
      g_usleep (2000);
    }
  g_assert_true (condition (data));
}

/* Two workstations on one server: B's change reaches A, without A asking. */
static void
test_other_workstation (void)
{
  g_autoptr(VastusDatabase) db = storage_test_open ();
  g_autofree char *uri = g_strdup (storage_test_last_uri ());
  g_autoptr(VastusClinic) a = NULL;
  g_autoptr(VastusClinic) b = NULL;
  g_autoptr(GError) error = NULL;
  const char *names[] = { "stale-weeks" };
  const char *values[] = { "9" };

  g_clear_object (&db);
  a = clinic_test_open (uri);
  b = clinic_test_open (uri);
  wait_until (is_listening, a);
  g_assert_cmpfloat (vastus_clinic_get_rules (a)->rules.max_age_weeks, ==, 4);

  g_assert_true (set_rules (b, 1, names, values, &error));
  g_assert_no_error (error);
  wait_until (stale_weeks_is_nine, a);
  vastus_clinic_close (a);
  vastus_clinic_close (b);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/clinic/rules/read-and-set", test_read_and_set);
  /* Two workstations need a server: the -pg run (suite storage-pg). */
  if (storage_test_on_server ())
    g_test_add_func ("/clinic/rules/other-workstation", test_other_workstation);
  return g_test_run ();
}
