/* test-refused-pg.c: changes the window asks of a clinic server that refuses them to the login
 *
 * Run by build-aux/pg-test-server (suite 'storage-pg'), which exports VASTUS_TEST_PG. The window
 * works as the login ola.lesen, which may connect and read the clinic's database but is not in
 * the clinicians' group (vastus_clinician, server-roles.sql): as a login made by hand for reading
 * would be. The server takes changes, but not from it (SQLSTATE 42501). Every change then fails
 * with one message (vastus-pg-error.c): what was not saved, that the server refused the login
 * ola.lesen the change, that nothing was saved, and what to do — the administrator adds the login
 * to the clinicians' group with the command `vastus-cli server grant ola.lesen` (a name with a
 * dot needs no quotes in a shell). Never that the server is read-only, nor the server's own words
 * with its error number. A patient's editor keeps what was typed, the visit editor too (and its draft on
 * this computer), and nothing of theirs reaches the server.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "window-test-util.h"
#include "window-pg-test-util.h"
#include "vastus-clinic-rules.h"
#include "vastus-database.h"
#include "vastus-visit-editor.h"

#define LOGIN "ola.lesen"

/* The one message, in parts (vastus-pg-error.c's wording, typed here). */
static const char *const refused_parts[] = {
  "the clinic server refused the login “ola.lesen” this change",
  "so nothing was saved",
  "The login is not in the clinicians’ group",
  "ask the clinic’s administrator to add it with the command “vastus-cli server grant ola.lesen”",
  "run as the login that ran “vastus-cli server init”",
};

/* @message is the refused one, saying what was not done (@what), and no other text: neither that
 * the server is read-only, nor the server's own words ("permission denied for table patient",
 * "PostgreSQL error 42501"), nor a second "could not be saved" around it. */
static void
assert_refused_message (const char *message,
                        const char *what)
{
  g_assert_nonnull (message);
  g_test_message ("%s", message);
  for (guint i = 0; i < G_N_ELEMENTS (refused_parts); i++)
    g_assert_nonnull (strstr (message, refused_parts[i]));
  g_assert_true (g_str_has_prefix (message, what));
  g_assert_null (strstr (message, "read-only"));
  g_assert_null (strstr (message, "PostgreSQL"));
  g_assert_null (strstr (message, "42501"));
  g_assert_null (strstr (message, "permission denied"));
  g_assert_null (strstr (message, "could not be saved"));
}

/* The test server's database (@uri, its superuser's) made a Vastus one, and the login ola.lesen
 * on it: it connects and reads (as server-roles.sql lets the clinicians, but SELECT only), and is
 * in no group. Returns @uri as ola.lesen. */
static char *
reader_uri (const char *uri)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (vastus_database_server_init (uri, NULL, &error));
  g_assert_no_error (error);
  on_server (uri, "DO $$ BEGIN "
                  "IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '" LOGIN "') THEN "
                  "CREATE ROLE \"" LOGIN "\" LOGIN; END IF; "
                  "EXECUTE format ('GRANT CONNECT ON DATABASE %I TO \"" LOGIN "\"', "
                  "current_database ()); END $$");
  on_server (uri, "GRANT USAGE ON SCHEMA public TO \"" LOGIN "\"");
  on_server (uri, "GRANT SELECT ON ALL TABLES IN SCHEMA public TO \"" LOGIN "\"");
  /* The functions the columns and queries call, as the clinicians have them. */
  on_server (uri, "DO $$ DECLARE f regprocedure; BEGIN "
                  "FOR f IN SELECT p.oid::regprocedure FROM pg_proc p "
                  "JOIN pg_namespace n ON n.oid = p.pronamespace "
                  "WHERE n.nspname = 'public' AND p.proname LIKE 'vastus\\_%' "
                  "AND p.proname NOT IN ('vastus_audit_append', 'vastus_add_user') LOOP "
                  "EXECUTE format ('GRANT EXECUTE ON FUNCTION %s TO \"" LOGIN "\"', f); "
                  "END LOOP; END $$");
  return g_strconcat (uri, strchr (uri, '?') != NULL ? "&" : "?", "user=" LOGIN, NULL);
}

/* A window on the test server's database as ola.lesen, listening, with a patient @mrn and an
 * ACL episode written by the superuser's connection (open_window_on_records); their history. */
static VastusHistory *
open_as_reader (Records            *records,
                const char         *mrn,
                VastusApplication **app,
                VastusWindow      **window)
{
  g_autofree char *uri = reader_uri (records->uri);

  *window = open_window_on_records (records, uri, mrn, app);
  return vastus_history_new (vastus_patient_copy (records->patient),
                             vastus_episode_copy (records->episode));
}

/* Save in the stored patient's editor: the message says the server refused ola.lesen the change
 * and how to give it the right; the editor stays open with what was typed; the server has the
 * patient as it was. */
static void
test_patient_editor (Fixture       *fixture,
                     gconstpointer  data)
{
  Records records = { g_getenv ("VASTUS_TEST_PG"), NULL, NULL, NULL };
  g_autoptr(VastusApplication) app = NULL;
  g_autoptr(VastusHistory) history = NULL;
  g_autoptr(VastusPatient) stored = NULL;
  VastusPatientEditor *editor;
  VastusWindow *window;
  GtkWidget *error_row;

  history = open_as_reader (&records, "REFUSED-EDIT-1", &app, &window);
  editor = vastus_patient_editor_new (GTK_WINDOW (window), test_clinic, records.patient);
  gtk_window_present (GTK_WINDOW (editor));
  wait_until_mapped (GTK_WIDGET (editor));
  gtk_editable_set_text (GTK_EDITABLE (editor_child (editor, "family_name_row")), "Avvist");
  g_assert_true (vastus_patient_editor_save (editor));

  error_row = editor_child (editor, "general_error_row");
  run_until (row_shown, error_row, 30);
  assert_refused_message (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (error_row)),
                          "Could not save the patient: ");
  /* The editor is still there, as typed, and Save can be pressed again. */
  g_assert_true (find_toplevel (VASTUS_TYPE_PATIENT_EDITOR) == GTK_WINDOW (editor));
  g_assert_cmpstr (entry_text (editor, "family_name_row"), ==, "Avvist");
  g_assert_cmpstr (entry_text (editor, "mrn_row"), ==, "REFUSED-EDIT-1");
  g_assert_cmpstr (entry_text (editor, "birth_date_row"), ==, "1995-05-02");
  g_assert_true (gtk_widget_get_sensitive (editor_child (editor, "save_button")));

  /* Nothing reached the server: the stored patient as it was. */
  stored = clinic_test_find_patient (records.uri, "REFUSED-EDIT-1");
  g_assert_nonnull (stored);
  g_assert_cmpstr (stored->family_name, ==, "Kari");

  gtk_window_destroy (GTK_WINDOW (editor));
  close_window_on_records (&records, window);
}

static gpointer
count_visits_query (VastusDatabase *db,
                    gpointer        episode_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) visits = vastus_database_list_visits (db, GPOINTER_TO_SIZE (episode_id),
                                                             &error);

  g_assert_no_error (error);
  return GUINT_TO_POINTER (visits->len);
}

/* Save in a new visit's editor: its notice is the refused message, saying the visit was not
 * saved; the form stays as typed (modified, its draft kept on this computer, since the server
 * takes no draft from ola.lesen either), and the server has no visit. */
static void
test_visit_editor (Fixture       *fixture,
                   gconstpointer  data)
{
  Records records = { g_getenv ("VASTUS_TEST_PG"), NULL, NULL, NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(VastusApplication) app = NULL;
  g_autoptr(VastusHistory) history = NULL;
  g_autofree char *local = NULL;
  GtkWidget *editor_window, *editor, *notes, *notice;
  VastusWindow *window;
  Shown refused;

  history = open_as_reader (&records, "REFUSED-VISIT-1", &app, &window);
  editor = open_visit_editor (history, &editor_window);

  gtk_editable_set_text (GTK_EDITABLE (vastus_visit_editor_get_field (VASTUS_VISIT_EDITOR (editor),
                                                                      "clinician")), "Ola");
  notes = vastus_visit_editor_get_field (VASTUS_VISIT_EDITOR (editor), "notes");
  gtk_editable_set_text (GTK_EDITABLE (notes), "typed by a login that may only read");
  g_assert_true (vastus_visit_editor_save (VASTUS_VISIT_EDITOR (editor), &error));
  g_assert_no_error (error);
  refused = (Shown) { editor, "the clinic server refused the login “ola.lesen”" };
  run_until (label_shown, &refused, 30);
  notice = find_label_widget (editor, refused.text);
  assert_refused_message (gtk_label_get_text (GTK_LABEL (notice)), "Could not save the visit");

  /* The form as typed, not saved; its draft on this computer. */
  g_assert_false (vastus_visit_editor_get_saving (VASTUS_VISIT_EDITOR (editor)));
  g_assert_true (vastus_visit_editor_get_modified (VASTUS_VISIT_EDITOR (editor)));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (notes)), ==,
                   "typed by a login that may only read");
  run_until (has_local_draft, &records, 30);
  local = vastus_local_draft_read (test_clinic, records.episode->id, 0, NULL);
  g_assert_nonnull (strstr (local, "typed by a login that may only read"));
  /* Nothing reached the server: the episode has no visit. */
  g_assert_cmpuint (GPOINTER_TO_UINT (clinic_test_query (records.uri, count_visits_query,
                                                         GSIZE_TO_POINTER (records.episode->id))),
                    ==, 0);

  vastus_local_draft_remove (test_clinic, records.episode->id, 0);
  gtk_window_destroy (GTK_WINDOW (editor_window));
  close_window_on_records (&records, window);
}

/* Through the clinic, as the window's editors and Preferences ask: a new episode and the
 * clinic's rules fail with the refused message and its own code (not READ_ONLY: the server
 * takes changes). */
static void
test_clinic_writes (Fixture       *fixture,
                    gconstpointer  data)
{
  Records records = { g_getenv ("VASTUS_TEST_PG"), NULL, NULL, NULL };
  g_autoptr(VastusApplication) app = NULL;
  g_autoptr(VastusHistory) history = NULL;
  g_autoptr(VastusEpisode) episode = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) episodes = NULL;
  g_autoptr(GError) error = NULL;
  const char *rule = VASTUS_RULE_RETEST_WEEKS;
  const char *weeks = "7";
  VastusWindow *window;

  history = open_as_reader (&records, "REFUSED-CLINIC-1", &app, &window);
  g_assert_false (vastus_clinic_is_read_only (test_clinic));

  episode = vastus_episode_copy (records.episode);
  episode->id = 0;
  g_date_set_dmy (&episode->surgery_date, 6, G_DATE_FEBRUARY, 2026);
  vastus_clinic_save_episode_async (test_clinic, episode, NULL, clinic_test_result_cb, &result);
  g_assert_cmpint (vastus_clinic_save_episode_finish (test_clinic, take (&result), NULL, &error),
                   ==, 0);
  g_assert_error (error, VASTUS_CLINIC_ERROR, VASTUS_CLINIC_ERROR_PERMISSION);
  assert_refused_message (error->message, "Could not save the episode");
  g_clear_error (&error);
  g_clear_object (&result);

  vastus_clinic_set_rules_async (test_clinic, 1, &rule, &weeks, NULL, clinic_test_result_cb,
                                 &result);
  g_assert_false (vastus_clinic_set_rules_finish (test_clinic, take (&result), &error));
  g_assert_error (error, VASTUS_CLINIC_ERROR, VASTUS_CLINIC_ERROR_PERMISSION);
  assert_refused_message (error->message, "Could not ");
  g_clear_error (&error);
  g_clear_object (&result);

  /* None of it reached the server: the one episode. */
  episodes = clinic_test_list_episodes (records.uri, records.patient->id);
  g_assert_cmpuint (episodes->len, ==, 1);
  close_window_on_records (&records, window);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_test_add ("/refused-pg/patient-editor", Fixture, NULL, fixture_setup, test_patient_editor,
              fixture_teardown);
  g_test_add ("/refused-pg/visit-editor", Fixture, NULL, fixture_setup, test_visit_editor,
              fixture_teardown);
  g_test_add ("/refused-pg/clinic-writes", Fixture, NULL, fixture_setup, test_clinic_writes,
              fixture_teardown);
  return g_test_run ();
}
