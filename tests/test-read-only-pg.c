/* test-read-only-pg.c: changes the window asks of a clinic server that takes none just now
 *
 * Run by build-aux/pg-test-server (suite 'storage-pg'), which exports VASTUS_TEST_PG. The
 * server's database is set default_transaction_read_only (as a hot standby's sessions are), and
 * the clinic's sessions ended so that it connects again to a read-only one. Every change then
 * fails with one message, the same for each (vastus-pg-error.c): the server accepts no changes
 * just now (it is read-only), nothing was saved, and what to do — never the server's own words
 * with its error number (25006). A patient's editor, new or editing, keeps what was typed on
 * screen; an episode, archiving, the clinic's rules and a criteria set fail the same way through
 * the clinic, and nothing of theirs reaches the server.
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
#include "vastus-patient-editor.h"

/* The one message, in parts (vastus-pg-error.c's wording, typed here). */
static const char *const read_only_parts[] = {
  "the clinic server accepts no changes just now (it is read-only)",
  "so nothing was saved",
  "Try again later, or ask your IT support when the server will take changes again.",
};

/* @message is the read-only one, saying what was not done (@what), and no other text: neither
 * the server's ("cannot execute INSERT in a read-only transaction", "PostgreSQL error 25006"),
 * nor a second "could not be saved" around it. */
static void
assert_read_only_message (const char *message,
                          const char *what)
{
  g_assert_nonnull (message);
  g_test_message ("%s", message);
  for (guint i = 0; i < G_N_ELEMENTS (read_only_parts); i++)
    g_assert_nonnull (strstr (message, read_only_parts[i]));
  g_assert_true (g_str_has_prefix (message, what));
  g_assert_null (strstr (message, "PostgreSQL"));
  g_assert_null (strstr (message, "25006"));
  g_assert_null (strstr (message, "read-only transaction"));
  g_assert_null (strstr (message, "could not be saved"));
}

/* The server's database takes no changes from now (@read_only), or takes them again; the
 * sessions there end, so that the clinic's connect again under the new default. */
static void
set_server_read_only (const char *uri,
                      gboolean    read_only)
{
  on_server (uri, read_only
                  ? "DO $$ BEGIN EXECUTE format ('ALTER DATABASE %I SET "
                    "default_transaction_read_only = on', current_database ()); END $$"
                  : "DO $$ BEGIN EXECUTE format ('ALTER DATABASE %I RESET "
                    "default_transaction_read_only', current_database ()); END $$");
  on_server (uri, "SELECT pg_terminate_backend (pid) FROM pg_stat_activity "
                  "WHERE datname = current_database () AND pid <> pg_backend_pid ()");
}

/* A window on the test server's database, listening, with a patient @mrn and an ACL episode
 * (open_window_on_records); then the server is set read-only. */
static VastusWindow *
open_on_read_only_server (Records            *records,
                          const char         *mrn,
                          VastusApplication **app)
{
  g_autoptr(GError) error = NULL;
  VastusWindow *window;

  g_assert_true (vastus_database_server_init (records->uri, NULL, &error));
  g_assert_no_error (error);
  window = open_window_on_records (records, records->uri, mrn, app);
  set_server_read_only (records->uri, TRUE);
  return window;
}

static void
close_all (Records           *records,
           VastusWindow      *window)
{
  set_server_read_only (records->uri, FALSE);
  close_window_on_records (records, window);
}

/* The patient @mrn as the server has it, read by a connection of its own (NULL: none). */
static VastusPatient *
stored_patient (const char *uri,
                const char *mrn)
{
  return clinic_test_find_patient (uri, mrn);
}

/* Save in a patient's editor (new, or editing the stored one): the message says the server takes
 * no changes, the editor stays open with what was typed, and the server has nothing of it. */
static void
test_patient_editor (Fixture       *fixture,
                     gconstpointer  data)
{
  gboolean editing = GPOINTER_TO_INT (data);
  Records records = { g_getenv ("VASTUS_TEST_PG"), NULL, NULL, NULL };
  g_autoptr(VastusApplication) app = NULL;
  g_autoptr(VastusPatient) stored = NULL;
  VastusPatientEditor *editor;
  VastusWindow *window;
  GtkWidget *error_row;

  window = open_on_read_only_server (&records, editing ? "RO-EDIT-1" : "RO-NEW-0", &app);
  editor = vastus_patient_editor_new (GTK_WINDOW (window), test_clinic,
                                      editing ? records.patient : NULL);
  gtk_window_present (GTK_WINDOW (editor));
  wait_until_mapped (GTK_WIDGET (editor));
  if (!editing)
    {
      gtk_editable_set_text (GTK_EDITABLE (editor_child (editor, "mrn_row")), "RO-NEW-1");
      gtk_editable_set_text (GTK_EDITABLE (editor_child (editor, "given_name_row")), "Ny");
      gtk_editable_set_text (GTK_EDITABLE (editor_child (editor, "birth_date_row")), "1990-03-04");
    }
  gtk_editable_set_text (GTK_EDITABLE (editor_child (editor, "family_name_row")), "Skrivebeskyttet");
  g_assert_true (vastus_patient_editor_save (editor));

  error_row = editor_child (editor, "general_error_row");
  run_until (row_shown, error_row, 30);
  assert_read_only_message (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (error_row)),
                            "Could not save the patient: ");
  /* The editor is still there, as typed, and Save can be pressed again. */
  g_assert_true (find_toplevel (VASTUS_TYPE_PATIENT_EDITOR) == GTK_WINDOW (editor));
  g_assert_cmpstr (entry_text (editor, "family_name_row"), ==, "Skrivebeskyttet");
  g_assert_cmpstr (entry_text (editor, "mrn_row"), ==, editing ? "RO-EDIT-1" : "RO-NEW-1");
  g_assert_cmpstr (entry_text (editor, "birth_date_row"), ==, editing ? "1995-05-02" : "1990-03-04");
  g_assert_true (gtk_widget_get_sensitive (editor_child (editor, "save_button")));

  /* Nothing reached the server: no new patient, the stored one as it was. */
  stored = stored_patient (records.uri, editing ? "RO-EDIT-1" : "RO-NEW-1");
  if (editing)
    g_assert_cmpstr (stored->family_name, ==, "Kari");
  else
    g_assert_null (stored);

  gtk_window_destroy (GTK_WINDOW (editor));
  close_all (&records, window);
}

/* The message of the clinic call in @result, which failed as refused by a read-only server. */
static void
assert_refused (GError     *error,
                const char *what)
{
  g_assert_error (error, VASTUS_CLINIC_ERROR, VASTUS_CLINIC_ERROR_READ_ONLY);
  assert_read_only_message (error->message, what);
}

static gpointer
count_episodes_query (VastusDatabase *db,
                      gpointer        patient_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) episodes = vastus_database_list_episodes (db, GPOINTER_TO_SIZE (patient_id),
                                                                 &error);

  g_assert_no_error (error);
  return GUINT_TO_POINTER (episodes->len);
}

/* Through the clinic, as the window's editors and lists ask: an episode new and changed,
 * archiving, deleting an episode, the clinic's rules (settings kept in the database) and a copy
 * of a criteria set. Each fails with the one message; the server has none of them. */
static void
test_clinic_writes (Fixture       *fixture,
                    gconstpointer  data)
{
  Records records = { g_getenv ("VASTUS_TEST_PG"), NULL, NULL, NULL };
  g_autoptr(VastusApplication) app = NULL;
  g_autoptr(VastusEpisode) episode = NULL;
  g_autoptr(VastusPatient) stored = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  const char *rule = VASTUS_RULE_RETEST_WEEKS;
  const char *weeks = "7";
  VastusWindow *window = open_on_read_only_server (&records, "RO-CLINIC-1", &app);

  /* A new episode. */
  episode = vastus_episode_copy (records.episode);
  episode->id = 0;
  g_date_set_dmy (&episode->surgery_date, 6, G_DATE_FEBRUARY, 2026);
  vastus_clinic_save_episode_async (test_clinic, episode, NULL, clinic_test_result_cb, &result);
  g_assert_cmpint (vastus_clinic_save_episode_finish (test_clinic, take (&result), NULL, &error),
                   ==, 0);
  assert_refused (error, "Could not save the episode");
  g_clear_error (&error);
  g_clear_object (&result);

  /* The stored one, changed. */
  vastus_clinic_save_episode_async (test_clinic, records.episode, NULL, clinic_test_result_cb,
                                    &result);
  g_assert_cmpint (vastus_clinic_save_episode_finish (test_clinic, take (&result), NULL, &error),
                   ==, 0);
  assert_refused (error, "Could not save the episode");
  g_clear_error (&error);
  g_clear_object (&result);

  /* Deleting it. */
  vastus_clinic_delete_episode_async (test_clinic, records.patient->id, records.episode->id, 0,
                                      FALSE, NULL, clinic_test_result_cb, &result);
  g_assert_false (vastus_clinic_delete_episode_finish (test_clinic, take (&result), &error));
  assert_refused (error, "Could not ");
  g_clear_error (&error);
  g_clear_object (&result);

  /* Archiving the patient. */
  vastus_clinic_set_archived_async (test_clinic, records.patient->id, 0, TRUE, NULL,
                                    clinic_test_result_cb, &result);
  g_assert_null (vastus_clinic_set_archived_finish (test_clinic, take (&result), &error));
  assert_refused (error, "Could not ");
  g_clear_error (&error);
  g_clear_object (&result);

  /* The clinic's rules, which Preferences keeps in the database. */
  vastus_clinic_set_rules_async (test_clinic, 1, &rule, &weeks, NULL, clinic_test_result_cb,
                                 &result);
  g_assert_false (vastus_clinic_set_rules_finish (test_clinic, take (&result), &error));
  assert_refused (error, "Could not ");
  g_clear_error (&error);
  g_clear_object (&result);

  /* A clinic's copy of a built-in criteria set. */
  vastus_clinic_copy_criteria_set_async (test_clinic, "aclr-return-to-sport", "Ours", NULL,
                                         clinic_test_result_cb, &result);
  g_assert_null (vastus_clinic_copy_criteria_set_finish (test_clinic, take (&result), &error));
  assert_refused (error, "Could not ");
  g_clear_error (&error);
  g_clear_object (&result);

  /* None of it reached the server: one episode, the patient not archived. */
  g_assert_cmpuint (GPOINTER_TO_UINT (clinic_test_query (records.uri, count_episodes_query,
                                                         GSIZE_TO_POINTER (records.patient->id))),
                    ==, 1);
  stored = stored_patient (records.uri, "RO-CLINIC-1");
  g_assert_nonnull (stored);
  g_assert_false (stored->archived);
  close_all (&records, window);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_test_add ("/read-only-pg/patient-editor/new", Fixture, GINT_TO_POINTER (FALSE), fixture_setup,
              test_patient_editor, fixture_teardown);
  g_test_add ("/read-only-pg/patient-editor/edit", Fixture, GINT_TO_POINTER (TRUE), fixture_setup,
              test_patient_editor, fixture_teardown);
  g_test_add ("/read-only-pg/clinic-writes", Fixture, NULL, fixture_setup, test_clinic_writes,
              fixture_teardown);
  return g_test_run ();
}
