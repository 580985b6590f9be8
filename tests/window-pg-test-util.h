/* window-pg-test-util.h: what the tests of the window on a clinic server share
 *
 * Waiting for a condition while the main loop runs, a clinic listening to the server, a patient
 * and an episode written by a connection of the test's own (and a window on them), SQL run on the
 * server by libpq (which takes changes also where the database is set read-only), a label or row
 * shown, a visit's draft kept on this computer, and the patient editor's fields.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <libpq-fe.h>
#include <string.h>

#include "window-test-util.h"
#include "vastus-clinic.h"
#include "vastus-database.h"
#include "vastus-local-draft.h"
#include "vastus-patient-editor.h"
#include "vastus-visit-editor.h"

typedef gboolean (*Check) (gpointer data);

/* Runs the main loop until @check (@data) holds, for at most @seconds; asserts it holds. */
static inline void
run_until (Check     check,
           gpointer  data,
           int       seconds)
{
  gint64 until = g_get_monotonic_time () + seconds * G_TIME_SPAN_SECOND;

  while (!check (data) && g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, FALSE), g_usleep (1000);
  g_assert_true (check (data));
}

static inline gboolean
listening (gpointer clinic)
{
  return vastus_clinic_is_listening (clinic);
}

typedef struct
{
  const char    *uri;
  VastusPatient *patient;
  VastusEpisode *episode;
  char          *draft;      /* the stored draft of the episode's new visit, when read */
} Records;

static inline gpointer
insert_records (gpointer data)
{
  Records *records = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(VastusDatabase) db = vastus_database_open (records->uri, &error);

  g_assert_no_error (error);
  g_assert_true (vastus_database_insert_patient (db, records->patient, &error));
  g_assert_no_error (error);
  records->episode->patient_id = records->patient->id;
  g_assert_true (vastus_database_insert_episode (db, records->episode, &error));
  g_assert_no_error (error);
  return NULL;
}

/* Runs @sql on the server from a connection of its own (libpq's, not the clinic's), which takes
 * changes. */
static inline void
on_server (const char *uri,
           const char *sql)
{
  PGconn *pg = PQconnectdb (uri);
  PGresult *result;

  g_assert_cmpint (PQstatus (pg), ==, CONNECTION_OK);
  /* Changes allowed to this session, also once the database is set read-only. */
  PQclear (PQexec (pg, "SET default_transaction_read_only = off"));
  result = PQexec (pg, sql);
  if (PQresultStatus (result) != PGRES_COMMAND_OK && PQresultStatus (result) != PGRES_TUPLES_OK)
    g_error ("%s: %s", sql, PQresultErrorMessage (result));
  PQclear (result);
  PQfinish (pg);
}

/* A window on @window_uri (the test server's database, as some login), its clinic listening, with
 * a patient @mrn (Lese Kari, born 2 May 1995) and an ACL episode of the left knee (surgery on
 * 5 January 2026) written by a connection of its own on @records->uri, whose schema server init
 * made. *@app is the window's application. */
static inline VastusWindow *
open_window_on_records (Records            *records,
                        const char         *window_uri,
                        const char         *mrn,
                        VastusApplication **app)
{
  VastusWindow *window;

  g_assert_nonnull (records->uri);
  /* Nothing here hangs: the deadline only has to outlast a reconnection on a busy machine. */
  g_setenv ("VASTUS_SERVER_DEADLINE_MS", "10000", TRUE);
  records->patient = vastus_patient_new ();
  records->patient->mrn = g_strdup (mrn);
  records->patient->name = g_strdup ("Lese Kari");
  records->patient->family_name = g_strdup ("Kari");
  records->patient->given_name = g_strdup ("Lese");
  g_date_set_dmy (&records->patient->birth_date, 2, G_DATE_MAY, 1995);
  records->episode = vastus_episode_new ();
  records->episode->condition = VASTUS_CONDITION_ACLR;
  records->episode->involved_side = VASTUS_SIDE_LEFT;
  g_date_set_dmy (&records->episode->surgery_date, 5, G_DATE_JANUARY, 2026);

  *app = new_registered_application (window_uri);
  window = vastus_window_new (*app);
  gtk_window_present (GTK_WINDOW (window));
  wait_until_mapped (GTK_WIDGET (window));
  run_until (listening, test_clinic, 20);
  g_thread_join (g_thread_new ("records", insert_records, records));
  iterate_until_idle ();
  return window;
}

/* Closes @window, and frees @records' patient and episode. */
static inline void
close_window_on_records (Records      *records,
                         VastusWindow *window)
{
  gtk_window_destroy (GTK_WINDOW (window));
  iterate_until_idle ();
  vastus_patient_free (records->patient);
  vastus_episode_free (records->episode);
}

/* The label showing @text (in part), or NULL. */
static inline GtkWidget *
find_label_widget (GtkWidget  *widget,
                   const char *text)
{
  if (GTK_IS_LABEL (widget) && strstr (gtk_label_get_text (GTK_LABEL (widget)), text) != NULL)
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_label_widget (c, text);

      if (found != NULL)
        return found;
    }
  return NULL;
}

typedef struct
{
  GtkWidget  *root;
  const char *text;
} Shown;

/* Whether a label under @data's root shows its text (a Check). */
static inline gboolean
label_shown (gpointer data)
{
  Shown *shown = data;

  return find_label_widget (shown->root, shown->text) != NULL;
}

/* Whether the widget @row is visible (a Check). */
static inline gboolean
row_shown (gpointer row)
{
  return gtk_widget_get_visible (row);
}

/* Whether the new visit of @data's episode has a draft kept on this computer (a Check). */
static inline gboolean
has_local_draft (gpointer data)
{
  Records *records = data;
  g_autofree char *state = vastus_local_draft_read (test_clinic, records->episode->id, 0, NULL);

  return state != NULL;
}

/* The patient editor's field or row @name (its template's), and the text of an entry row. */
static inline GtkWidget *
editor_child (gpointer    editor,
              const char *name)
{
  return template_child (editor, VASTUS_TYPE_PATIENT_EDITOR, name);
}

static inline const char *
entry_text (gpointer    editor,
            const char *name)
{
  return gtk_editable_get_text (GTK_EDITABLE (editor_child (editor, name)));
}

/* A new visit's editor for @history, in a window of its own (*@editor_window), with the
 * episode's first battery chosen. */
static inline GtkWidget *
open_visit_editor (VastusHistory  *history,
                   GtkWidget     **editor_window)
{
  GtkWidget *editor = vastus_visit_editor_new (test_clinic, history);

  *editor_window = gtk_window_new ();
  gtk_window_set_child (GTK_WINDOW (*editor_window), editor);
  gtk_window_present (GTK_WINDOW (*editor_window));
  wait_until_mapped (editor);
  iterate_until_idle ();
  g_assert_true (vastus_visit_editor_choose_battery (VASTUS_VISIT_EDITOR (editor), 0));
  iterate_until_idle ();
  return editor;
}

/* Waits for @slot's result (clinic_test_result_cb's) and returns it, still @slot's: the caller
 * clears @slot after the finish. */
static inline GAsyncResult *
take (GAsyncResult **slot)
{
  *slot = clinic_test_take_result (test_clinic, slot);
  return *slot;
}
