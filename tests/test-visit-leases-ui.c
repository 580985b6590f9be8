/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Who else is editing a visit, as the window shows it. On a clinic server (suite 'storage-pg'):
 * Anna Berg opens a visit's editor on her workstation; on this one the patient page's visits
 * list says "Being edited by Anna Berg since HH:MM" on that visit, and so does this workstation's
 * editor of the same visit (which still edits); when her editor closes, the list says nothing
 * again. Her new visit, once saved, is leased as she goes on editing it. When her connection dies
 * with the editor open, the list stops saying so by itself. On a SQLite file (suite
 * 'ui-visit'): one user, no notice, and the clinic's lease calls succeed doing nothing.
 */
#include "config.h"

#include <adwaita.h>
#include <libpq-fe.h>
#include <string.h>

#include "clinic-test-util.h"
#include "storage-test-util.h"
#include "vastus-patient-page.h"
#include "vastus-patient-record.h"
#include "vastus-visit-editor.h"

typedef struct
{
  gint64 patient_id;
  gint64 visit_id;
} Fixture;

/* A patient with one episode and one visit, written before any clinic exists; their history. */
static VastusHistory *
fill (VastusDatabase *db,
      Fixture        *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VastusPatient) patient = NULL;
  g_autoptr(VastusEpisode) episode = NULL;
  g_autoptr(GPtrArray) visits = NULL;
  VastusHistory *history;
  gint64 episode_id;

  fixture->visit_id = storage_test_add_visit (db, "LEASE-1", &fixture->patient_id, &episode_id);
  patient = vastus_database_get_patient (db, fixture->patient_id, &error);
  g_assert_no_error (error);
  episode = vastus_database_get_episode (db, episode_id, &error);
  g_assert_no_error (error);
  visits = vastus_database_list_visits (db, episode_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (visits->len, ==, 1);
  history = vastus_history_new (g_steal_pointer (&patient), g_steal_pointer (&episode));
  vastus_history_add_visit (history, vastus_visit_copy (visits->pdata[0]));
  return history;
}

static GtkWidget *
show (GtkWidget *child)
{
  GtkWidget *window = gtk_window_new ();

  gtk_window_set_default_size (GTK_WINDOW (window), 900, 700);
  gtk_window_set_child (GTK_WINDOW (window), child);
  gtk_window_present (GTK_WINDOW (window));
  return window;
}

typedef const char *(*NoticeFunc) (gpointer widget, gint64 visit_id);

static const char *
page_notice (gpointer widget,
             gint64   visit_id)
{
  return vastus_patient_page_get_lease_notice (widget, visit_id);
}

static const char *
editor_notice (gpointer widget,
               gint64   visit_id)
{
  return vastus_visit_editor_get_lease_notice (widget);
}

/* Iterates until @notice says something (@want_some) or nothing: 20 s at most. */
static const char *
wait_for_notice (NoticeFunc notice,
                 gpointer   widget,
                 gint64     visit_id,
                 gboolean   want_some)
{
  gint64 end = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  while ((notice (widget, visit_id) != NULL) != want_some && g_get_monotonic_time () < end)
    {
      while (g_main_context_iteration (NULL, FALSE))
        ;
      g_usleep (2000);
    }
  return notice (widget, visit_id);
}

static char *
expected_at (GDateTime *when)
{
  g_autoptr(GDateTime) local = g_date_time_to_local (when);
  g_autofree char *time = g_date_time_format (local, "%H:%M");

  return g_strdup_printf ("Being edited by Anna Berg since %s", time);
}

/* The notice names her (the login's full name) and the minute her editor opened: that is
 * worked out here from this computer's clock before and after, one of which it must be. */
static void
assert_notice (const char *notice,
               GDateTime  *before,
               GDateTime  *after)
{
  g_autofree char *first = expected_at (before);
  g_autofree char *last = expected_at (after);

  g_assert_nonnull (notice);
  if (g_strcmp0 (notice, first) != 0)
    g_assert_cmpstr (notice, ==, last);
}

/* A login @login named @name on the server of @uri, and @uri as that login. */
static char *
add_login (const char *uri,
           const char *login,
           const char *name)
{
  g_autoptr(GError) error = NULL;
  const char *user = strstr (uri, "user=");

  vastus_database_server_add_user (uri, login, name, "secret", &error);
  g_assert_no_error (error);
  g_assert_nonnull (user);
  return g_strdup_printf ("%.*suser=%s%s", (int) (user - uri), uri, login,
                          user + 5 + strcspn (user + 5, "&"));
}

/* The patient page of @f's patient on @clinic (*@record, *@page), in a window of its own,
 * saying nothing of leases yet. */
static GtkWidget *
show_page (VastusClinic         *clinic,
           const Fixture        *f,
           VastusPatientRecord **record,
           GtkWidget           **page)
{
  GtkWidget *window;

  *page = vastus_patient_page_new ();
  *record = vastus_clinic_get_patient (clinic, f->patient_id);
  vastus_patient_page_set_record (VASTUS_PATIENT_PAGE (*page), *record);
  window = show (*page);
  clinic_test_wait (clinic);
  g_assert_null (wait_for_notice (page_notice, *page, f->visit_id, FALSE));
  return window;
}

static void
test_server_notice (void)
{
  g_autoptr(VastusDatabase) db = storage_test_open ();
  g_autofree char *uri = g_strdup (storage_test_last_uri ());
  g_autofree char *anna_uri = NULL;
  g_autoptr(VastusHistory) history = NULL;
  g_autoptr(VastusClinic) ours = NULL;
  g_autoptr(VastusClinic) hers = NULL;
  g_autoptr(VastusPatientRecord) record = NULL;
  g_autoptr(GDateTime) before = NULL;
  g_autoptr(GDateTime) after = NULL;
  GtkWidget *page_window;
  GtkWidget *her_window;
  GtkWidget *our_window;
  GtkWidget *page;
  Fixture f;

  history = fill (db, &f);
  g_clear_object (&db);
  anna_uri = add_login (uri, "anna.berg", "Anna Berg");

  ours = clinic_test_open (uri);
  hers = clinic_test_open (anna_uri);
  page_window = show_page (ours, &f, &record, &page);

  /* Her workstation opens the visit. */
  before = g_date_time_new_now_utc ();
  her_window = show (vastus_visit_editor_new_for_visit (hers, history, f.visit_id));
  clinic_test_wait (hers);
  after = g_date_time_new_now_utc ();
  assert_notice (wait_for_notice (page_notice, page, f.visit_id, TRUE), before, after);
  g_assert_null (vastus_patient_page_get_lease_notice (VASTUS_PATIENT_PAGE (page),
                                                       f.visit_id + 1));
  g_assert_nonnull (gtk_widget_get_first_child (page));

  /* This one opens it too: told, and still allowed to edit; her editor is not told of ours
   * until … it is, and her own lease is never shown to her. */
  our_window = show (vastus_visit_editor_new_for_visit (ours, history, f.visit_id));
  assert_notice (wait_for_notice (editor_notice, gtk_window_get_child (GTK_WINDOW (our_window)),
                                  f.visit_id, TRUE), before, after);
  g_assert_true (gtk_widget_get_sensitive (gtk_window_get_child (GTK_WINDOW (our_window))));
  {
    const char *to_her = wait_for_notice (editor_notice,
                                          gtk_window_get_child (GTK_WINDOW (her_window)),
                                          f.visit_id, TRUE);

    g_assert_nonnull (to_her);
    g_assert_true (g_str_has_prefix (to_her, "Being edited by postgres since "));
  }

  /* Her editor closes: the list says nothing again. */
  gtk_window_destroy (GTK_WINDOW (her_window));
  clinic_test_wait (hers);
  g_assert_null (wait_for_notice (page_notice, page, f.visit_id, FALSE));
  g_assert_null (wait_for_notice (editor_notice, gtk_window_get_child (GTK_WINDOW (our_window)),
                                  f.visit_id, FALSE));

  /* Her new visit, once saved, is a stored visit she is editing: leased too. */
  her_window = show (vastus_visit_editor_new (hers, history));
  {
    VastusVisitEditor *editor = VASTUS_VISIT_EDITOR (gtk_window_get_child (GTK_WINDOW (her_window)));
    g_autoptr(GError) save_error = NULL;
    gint64 new_id;

    g_assert_cmpint (vastus_visit_editor_get_visit_id (editor), ==, 0);
    g_assert_true (vastus_visit_editor_save (editor, &save_error));
    g_assert_no_error (save_error);
    clinic_test_wait (hers);
    new_id = vastus_visit_editor_get_visit_id (editor);
    g_assert_cmpint (new_id, >, f.visit_id);
    g_assert_nonnull (wait_for_notice (page_notice, page, new_id, TRUE));
    g_assert_true (g_str_has_prefix (vastus_patient_page_get_lease_notice (
                                       VASTUS_PATIENT_PAGE (page), new_id),
                                     "Being edited by Anna Berg since "));
  }
  gtk_window_destroy (GTK_WINDOW (her_window));
  clinic_test_wait (hers);

  gtk_window_destroy (GTK_WINDOW (our_window));
  gtk_window_destroy (GTK_WINDOW (page_window));
  clinic_test_wait (ours);
  vastus_clinic_close (hers);
  vastus_clinic_close (ours);
  /* What the clinics answered last runs before the test ends (a GTask may return in an idle of
   * its own, holding its result and its clinic): then nothing holds either clinic. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_clear_object (&record);
  g_assert_finalize_object (g_steal_pointer (&hers));
  g_assert_finalize_object (g_steal_pointer (&ours));
}

static PGresult *
exec_ok (PGconn     *pg,
         const char *sql)
{
  PGresult *result = PQexec (pg, sql);

  if (PQresultStatus (result) != PGRES_TUPLES_OK)
    g_error ("%s: %s", sql, PQerrorMessage (pg));
  return result;
}

/* Carl's workstation's connection dies while his editor has the visit open (a cable pulled, a
 * crash: the server ends the session, pg_terminate_backend here). Nobody releases his lease,
 * and nothing else changes; this workstation's page stops saying she is editing by itself,
 * without anything read again by hand. */
static void
test_dead_holder (void)
{
  g_autoptr(VastusDatabase) db = storage_test_open ();
  g_autofree char *uri = g_strdup (storage_test_last_uri ());
  g_autofree char *carl_uri = NULL;
  g_autofree char *take = NULL;
  g_autofree char *terminate = NULL;
  g_autoptr(VastusHistory) history = NULL;
  g_autoptr(VastusClinic) ours = NULL;
  g_autoptr(VastusPatientRecord) record = NULL;
  PGconn *hers;
  PGconn *admin;
  GtkWidget *page_window;
  GtkWidget *page;
  Fixture f;

  history = fill (db, &f);
  g_clear_object (&db);
  carl_uri = add_login (uri, "carl.dahl", "Carl Dahl");

  ours = clinic_test_open (uri);
  page_window = show_page (ours, &f, &record, &page);

  /* His editor's lease, taken on his connection as the clinic takes it. */
  hers = PQconnectdb (carl_uri);
  g_assert_cmpint (PQstatus (hers), ==, CONNECTION_OK);
  take = g_strdup_printf ("SELECT vastus_take_visit_lease (%" G_GINT64_FORMAT ")", f.visit_id);
  PQclear (exec_ok (hers, take));
  g_assert_nonnull (wait_for_notice (page_notice, page, f.visit_id, TRUE));
  g_assert_true (g_str_has_prefix (vastus_patient_page_get_lease_notice (VASTUS_PATIENT_PAGE (page),
                                                                         f.visit_id),
                                   "Being edited by Carl Dahl since "));

  /* His session ends on the server, his lease row still there. */
  admin = PQconnectdb (uri);
  g_assert_cmpint (PQstatus (admin), ==, CONNECTION_OK);
  terminate = g_strdup_printf ("SELECT pg_terminate_backend (%d)", PQbackendPID (hers));
  {
    PGresult *result = exec_ok (admin, terminate);

    g_assert_cmpstr (PQgetvalue (result, 0, 0), ==, "t");
    PQclear (result);
  }
  g_assert_null (wait_for_notice (page_notice, page, f.visit_id, FALSE));
  /* Gone from the table too, for every workstation. */
  {
    g_autofree char *count = g_strdup_printf ("SELECT count (*) FROM visit_lease "
                                              "WHERE visit_id = %" G_GINT64_FORMAT, f.visit_id);
    PGresult *result = exec_ok (admin, count);

    g_assert_cmpstr (PQgetvalue (result, 0, 0), ==, "0");
    PQclear (result);
  }
  PQfinish (admin);
  PQfinish (hers);

  gtk_window_destroy (GTK_WINDOW (page_window));
  clinic_test_wait (ours);
  vastus_clinic_close (ours);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_clear_object (&record);
  g_assert_finalize_object (g_steal_pointer (&ours));
}

/* A file: one user. The page and the editor say nothing, and the lease calls succeed. */
static void
test_sqlite_no_notice (void)
{
  g_autofree char *dir = g_dir_make_tmp ("vastus-test-leases-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "clinic.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(VastusHistory) history = NULL;
  g_autoptr(VastusClinic) clinic = NULL;
  g_autoptr(VastusPatientRecord) record = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  GtkWidget *page_window;
  GtkWidget *editor_window;
  GtkWidget *page;
  Fixture f;

  {
    g_autoptr(VastusDatabase) db = vastus_database_open (path, &error);

    g_assert_no_error (error);
    history = fill (db, &f);
  }
  clinic = clinic_test_open (path);
  page = vastus_patient_page_new ();
  record = vastus_clinic_get_patient (clinic, f.patient_id);
  vastus_patient_page_set_record (VASTUS_PATIENT_PAGE (page), record);
  page_window = show (page);
  editor_window = show (vastus_visit_editor_new_for_visit (clinic, history, f.visit_id));
  clinic_test_wait (clinic);
  g_assert_null (vastus_patient_page_get_lease_notice (VASTUS_PATIENT_PAGE (page), f.visit_id));
  g_assert_null (vastus_visit_editor_get_lease_notice (
                   VASTUS_VISIT_EDITOR (gtk_window_get_child (GTK_WINDOW (editor_window)))));
  vastus_clinic_take_visit_lease_async (clinic, f.visit_id, NULL, clinic_test_result_cb, &result);
  result = clinic_test_take_result (clinic, &result);
  g_assert_true (vastus_clinic_take_visit_lease_finish (clinic, result, &error));
  g_assert_no_error (error);
  g_clear_object (&result);
  vastus_clinic_release_visit_lease_async (clinic, f.visit_id, NULL, clinic_test_result_cb,
                                           &result);
  result = clinic_test_take_result (clinic, &result);
  g_assert_true (vastus_clinic_release_visit_lease_finish (clinic, result, &error));
  g_assert_no_error (error);
  gtk_window_destroy (GTK_WINDOW (editor_window));
  gtk_window_destroy (GTK_WINDOW (page_window));
  clinic_test_wait (clinic);
  vastus_clinic_close (clinic);
  g_remove (path);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  if (storage_test_on_server ())
    {
      g_test_add_func ("/visit-leases-ui/server-notice", test_server_notice);
      g_test_add_func ("/visit-leases-ui/dead-holder", test_dead_holder);
    }
  else
    g_test_add_func ("/visit-leases-ui/sqlite-no-notice", test_sqlite_no_notice);
  return g_test_run ();
}
