/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * No lost updates under load: two writer processes (this program with --writer) edit the same
 * patient, episode and visit of one database file many times over. Each edit reads the record,
 * waits a moment (so that the other writer gets in between), appends a token of its own
 * ("A17;") to one text of the record and saves what it read with the token added. A save over
 * the other's fails with VASTUS_STORE_ERROR_CONFLICT; the writer logs each save and each
 * conflict. Then a checker replays the audit trail: every update of a record must be the text
 * before it with exactly one token added, by the writer whose token it is, the chain must end
 * in the text stored, and the tokens saved must be exactly those the writers logged as saved.
 * A lost update (a save that did not start from the text before it) breaks the chain.
 *
 * Both engines (storage-test-util.h). On SQLite the writers share one database file, each with
 * its clinician's name (vastus_database_set_actor); on PostgreSQL they are two workstations on
 * one server, each logged in as a login of its own, which the server's audit trail names.
 *
 * VASTUS_STRESS_SCALE: edits per writer (1000 when unset: the figure the stress test is asked
 * for; a smaller one for a quick run).
 */
#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "storage-test-util.h"
#include "vastus-database.h"

enum { PATIENT, EPISODE, VISIT, N_KINDS };
static const char *tables[N_KINDS] = { "patient", "episode", "visit" };
/* The text each kind's edits append to, as the audit trail names it. */
static const char *fields[N_KINDS] = { "notes", "restrictions", "notes" };

static char **
text_of (gpointer record,
         int      kind)
{
  switch (kind)
    {
    case PATIENT:
      return &((VastusPatient *) record)->notes;
    case EPISODE:
      return &((VastusEpisode *) record)->restrictions;
    default:
      return &((VastusVisit *) record)->notes;
    }
}

/* One edit of record @kind: TRUE saved, FALSE with @error. */
static gboolean
edit (VastusDatabase *db,
      int             kind,
      gint64          id,
      const char     *token,
      GError        **error)
{
  gpointer record;
  char **text;
  char *joined;
  gboolean ok;

  record = kind == PATIENT ? (gpointer) vastus_database_get_patient (db, id, error)
           : kind == EPISODE ? (gpointer) vastus_database_get_episode (db, id, error)
           : (gpointer) vastus_database_get_visit (db, id, error);
  if (record == NULL)
    return FALSE;
  text = text_of (record, kind);
  joined = g_strconcat (*text != NULL ? *text : "", token, NULL);
  g_free (*text);
  *text = joined;
  g_usleep (g_random_int_range (0, 2000));
  switch (kind)
    {
    case PATIENT:
      ok = vastus_database_update_patient (db, record, error);
      vastus_patient_free (record);
      break;
    case EPISODE:
      ok = vastus_database_update_episode (db, record, error);
      vastus_episode_free (record);
      break;
    default:
      ok = vastus_database_update_visit (db, record, error);
      vastus_visit_free (record);
      break;
    }
  return ok;
}

/* --writer PATH NAME N IDS: N edits; prints "saved|conflict|failed KIND TOKEN" per edit. */
static int
run_writer (const char *path,
            const char *name,
            guint       n,
            gint64      ids[N_KINDS],
            const char *go)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VastusDatabase) db = vastus_database_open (path, &error);

  if (db == NULL)
    {
      g_printerr ("writer %s: %s\n", name, error->message);
      return 1;
    }
  vastus_database_set_actor (db, name);
  /* Both writers start together. */
  while (!g_file_test (go, G_FILE_TEST_EXISTS))
    g_usleep (1000);
  for (guint i = 0; i < n; i++)
    {
      int kind = (int) (i % N_KINDS);
      g_autofree char *token = g_strdup_printf ("%s%u;", name, i);
      g_autoptr(GError) edit_error = NULL;

      if (edit (db, kind, ids[kind], token, &edit_error))
        g_print ("saved %d %s\n", kind, token);
      else if (g_error_matches (edit_error, VASTUS_STORE_ERROR, VASTUS_STORE_ERROR_CONFLICT))
        g_print ("conflict %d %s\n", kind, token);
      else
        g_print ("failed %d %s %s\n", kind, token, edit_error->message);
    }
  return 0;
}

typedef struct
{
  GHashTable *saved[N_KINDS];     /* token → writer name */
  guint       n_saved;
  guint       n_conflicts;
  guint       n_failed;
} Log;

static void
read_log (Log        *log,
          const char *name,
          const char *out)
{
  g_auto(GStrv) lines = g_strsplit (out, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) parts = g_strsplit (lines[i], " ", 3);
      int kind;

      if (g_strv_length (parts) < 3)
        continue;
      kind = atoi (parts[1]);
      g_assert_cmpint (kind, >=, 0);
      g_assert_cmpint (kind, <, N_KINDS);
      if (g_str_equal (parts[0], "saved"))
        {
          g_hash_table_insert (log->saved[kind], g_strdup (parts[2]), g_strdup (name));
          log->n_saved++;
        }
      else if (g_str_equal (parts[0], "conflict"))
        log->n_conflicts++;
      else
        {
          g_test_message ("%s", lines[i]);
          log->n_failed++;
        }
    }
}

static char *
json_text (const char *json,
           const char *field)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *object;

  g_assert_true (json_parser_load_from_data (parser, json, -1, NULL));
  object = json_node_get_object (json_parser_get_root (parser));
  if (json_object_get_null_member (object, field))
    return g_strdup ("");
  return g_strdup (json_object_get_string_member (object, field));
}

/* Replays the audit trail's updates of one record against the writers' logs; @actors[w] is
 * the actor the trail names for writer @names[w]. */
static void
replay (VastusDatabase *db,
        Log            *log,
        int             kind,
        gint64          id,
        const char     *stored,
        const char     *names[2],
        const char     *actors[2])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = vastus_database_list_audit (db, tables[kind], id, &error);
  g_autofree char *text = g_strdup ("");
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint n_updates = 0;

  g_assert_no_error (error);
  for (guint i = 0; i < entries->len; i++)
    {
      const VastusAuditEntry *entry = g_ptr_array_index (entries, i);
      g_autofree char *old_text = NULL;
      g_autofree char *new_text = NULL;
      const char *token;
      const char *writer;

      if (!g_str_equal (entry->operation, "update"))
        continue;
      old_text = json_text (entry->old_json, fields[kind]);
      new_text = json_text (entry->new_json, fields[kind]);
      /* Each save starts from the text the one before it left ... */
      g_assert_cmpstr (old_text, ==, text);
      /* ... and adds one token, "NAMEi;", which the writer the audit row names logged as
       * saved. */
      g_assert_true (g_str_has_prefix (new_text, old_text));
      token = new_text + strlen (old_text);
      g_assert_nonnull (strchr (token, ';'));
      g_assert_cmpint (strchr (token, ';') - token + 1, ==, strlen (token));
      writer = g_hash_table_lookup (log->saved[kind], token);
      g_assert_nonnull (writer);
      g_assert_cmpstr (entry->actor, ==, actors[g_str_equal (writer, names[0]) ? 0 : 1]);
      g_assert_false (g_hash_table_contains (seen, token));
      g_hash_table_add (seen, g_strdup (token));
      g_free (text);
      text = g_strdup (new_text);
      n_updates++;
    }
  /* Every save logged is in the trail, and the trail ends in the text stored. */
  g_assert_cmpuint (n_updates, ==, g_hash_table_size (log->saved[kind]));
  g_assert_cmpstr (text, ==, stored);
}

static void
test_two_writers (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("vastus-lost-updates-XXXXXX", &error);
  g_autofree char *path = storage_test_new_location (dir, "clinic.vastus");
  g_autofree char *go = g_build_filename (dir, "go", NULL);
  const char *scale_env = g_getenv ("VASTUS_STRESS_SCALE");
  guint n = scale_env != NULL ? (guint) g_ascii_strtoull (scale_env, NULL, 10) : 1000;
  /* Where each writer opens the clinic, and who the audit trail says it is. */
  char *locations[2] = { NULL, NULL };
  const char *actors[2] = { "A", "B" };
  g_autoptr(VastusDatabase) db = NULL;
  g_autoptr(VastusPatient) patient = vastus_patient_new ();
  g_autoptr(VastusEpisode) episode = vastus_episode_new ();
  g_autoptr(VastusVisit) visit = vastus_visit_new ();
  gint64 ids[N_KINDS];
  const char *names[2] = { "A", "B" };
  GPid pids[2];
  int outs[2];
  Log log = { 0 };

  g_assert_no_error (error);
  g_assert_cmpuint (n, >, 0);
  db = vastus_database_open (path, &error);
  g_assert_no_error (error);
  if (storage_test_on_server ())
    {
      /* Two workstations, two clinicians' logins. */
      actors[0] = "writer_a";
      actors[1] = "writer_b";
      for (int w = 0; w < 2; w++)
        {
          g_assert_true (vastus_database_server_add_user (path, actors[w], names[w], "secret",
                                                          &error));
          g_assert_no_error (error);
          locations[w] = storage_test_uri_as_login (path, actors[w]);
        }
    }
  else
    for (int w = 0; w < 2; w++)
      locations[w] = g_strdup (path);
  patient->mrn = g_strdup ("LOST-1");
  patient->name = g_strdup ("Lost Update");
  g_assert_true (vastus_database_insert_patient (db, patient, &error));
  episode->patient_id = patient->id;
  episode->condition = VASTUS_CONDITION_PFP;
  episode->involved_side = VASTUS_SIDE_RIGHT;
  g_assert_true (vastus_database_insert_episode (db, episode, &error));
  visit->episode_id = episode->id;
  g_date_set_dmy (&visit->date, 1, G_DATE_APRIL, 2026);
  g_assert_true (vastus_database_insert_visit (db, visit, &error));
  g_assert_no_error (error);
  ids[PATIENT] = patient->id;
  ids[EPISODE] = episode->id;
  ids[VISIT] = visit->id;

  for (int w = 0; w < 2; w++)
    {
      g_autofree char *n_text = g_strdup_printf ("%u", n);
      g_autofree char *ids_text = g_strdup_printf ("%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT
                                                   ",%" G_GINT64_FORMAT,
                                                   ids[0], ids[1], ids[2]);
      const char *argv[] = { g_test_get_filename (G_TEST_BUILT, "test-lost-updates", NULL),
                             "--writer", locations[w], names[w], n_text, ids_text, go,
                             NULL };

      g_spawn_async_with_pipes (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD, NULL,
                                NULL, &pids[w], NULL, &outs[w], NULL, &error);
      g_assert_no_error (error);
    }
  g_file_set_contents (go, "", 0, &error);
  g_assert_no_error (error);
  for (int w = 0; w < 2; w++)
    {
      g_autoptr(GIOChannel) channel = g_io_channel_unix_new (outs[w]);
      g_autofree char *out = NULL;
      int status = 0;

      g_io_channel_set_close_on_unref (channel, TRUE);
      g_io_channel_read_to_end (channel, &out, NULL, &error);
      g_assert_no_error (error);
      waitpid (pids[w], &status, 0);
      g_spawn_check_wait_status (status, &error);
      g_assert_no_error (error);
      g_spawn_close_pid (pids[w]);
      for (int k = 0; k < N_KINDS && w == 0; k++)
        log.saved[k] = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      read_log (&log, names[w], out);
    }

  g_test_message ("%u edits by each of two writers: %u saved, %u conflicts detected, %u failed",
                  n, log.n_saved, log.n_conflicts, log.n_failed);
  /* Every edit was logged once: saved, or refused as a conflict (or failed, say busy). */
  g_assert_cmpuint (log.n_saved + log.n_conflicts + log.n_failed, ==, 2 * n);
  g_assert_cmpuint (log.n_failed, ==, 0);
  /* With both writers at it at once, some of their edits cross. */
  g_assert_cmpuint (log.n_conflicts, >, 0);

  {
    g_autoptr(VastusPatient) p = vastus_database_get_patient (db, ids[PATIENT], &error);
    g_autoptr(VastusEpisode) e = vastus_database_get_episode (db, ids[EPISODE], &error);
    g_autoptr(VastusVisit) v = vastus_database_get_visit (db, ids[VISIT], &error);

    g_assert_no_error (error);
    replay (db, &log, PATIENT, ids[PATIENT], p->notes != NULL ? p->notes : "", names, actors);
    replay (db, &log, EPISODE, ids[EPISODE], e->restrictions != NULL ? e->restrictions : "",
            names, actors);
    replay (db, &log, VISIT, ids[VISIT], v->notes != NULL ? v->notes : "", names, actors);
    /* The version counts the saves: 1 when stored, one more for each. */
    g_assert_cmpint (p->row_version, ==, 1 + g_hash_table_size (log.saved[PATIENT]));
    g_assert_cmpint (e->row_version, ==, 1 + g_hash_table_size (log.saved[EPISODE]));
    g_assert_cmpint (v->row_version, ==, 1 + g_hash_table_size (log.saved[VISIT]));
  }

  for (int k = 0; k < N_KINDS; k++)
    g_hash_table_unref (log.saved[k]);
  g_clear_object (&db);
  for (int w = 0; w < 2; w++)
    g_free (locations[w]);
  {
    const char *suffixes[] = { "", "-wal", "-shm" };

    for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
      {
        g_autofree char *file = g_strconcat (path, suffixes[i], NULL);

        g_remove (file);
      }
  }
  g_remove (go);
  g_rmdir (dir);
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "C.UTF-8");
  if (argc == 7 && g_str_equal (argv[1], "--writer"))
    {
      g_auto(GStrv) id_texts = g_strsplit (argv[5], ",", -1);
      gint64 ids[N_KINDS];

      g_assert_cmpuint (g_strv_length (id_texts), ==, N_KINDS);
      for (int k = 0; k < N_KINDS; k++)
        ids[k] = g_ascii_strtoll (id_texts[k], NULL, 10);
      return run_writer (argv[2], argv[3], (guint) g_ascii_strtoull (argv[4], NULL, 10), ids,
                         argv[6]);
    }
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/lost-updates/two-writers", test_two_writers);
  return g_test_run ();
}
