/* bench-ui-list.c: a search keystroke in the patient list at clinic scale
 *
 * Builds 10,000 patients (each with an episode and three visits) in a temporary folder, then
 * times what one keystroke in the search entry costs:
 *   model:  vastus_patient_model_set_query until its ids and first rows are there (read on the
 *           clinic's worker) and the first page of items made
 *   widget: the search entry's search-changed handler with a VastusPatientList shown in a
 *           window (it only starts the read)
 *   frame:  until the list shows the result in a painted frame (the read, items-changed, the
 *           view binding its rows, the frame clock)
 * for a typed name and a typed MRN, sorted by last visit and by name. Target: < 50 ms.
 * Needs a display for the widget figures (xvfb-run -a). Not a test: it prints figures.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "vastus-clinic.h"
#include "vastus-database.h"
#include "vastus-patient-item.h"
#include "vastus-patient-list.h"
#include "vastus-patient-model.h"

#define VISITS_PER_PATIENT 3

static guint n_patients = 10000;

static const char *first_names[] = {
  "Anna", "Jürgen", "Zoë", "Liam", "Sofia", "Mateo", "Amara", "Kenji", "Ingrid", "Tomasz",
  "Fatima", "Oliver", "Chiara", "Noah", "Mei", "Lars", "Aisha", "Pedro", "Helena", "Ravi",
};

static const char *last_names[] = {
  "Schmidt", "Müller", "O'Brien", "Nakamura", "Rossi", "Kowalski", "Andersson", "García",
  "Okafor", "Dubois", "Novak", "Jensen", "Silva", "Papadopoulos", "Ivanova", "Haddad", "Kim",
  "Nguyen", "Fischer", "Moreau", "Costa", "Larsen", "Horváth", "Yilmaz", "Tanaka", "Weber",
  "Martin", "Brown", "Lopez", "Wagner", "Berg", "Khan", "Santos", "Vogel", "Ricci", "Popescu",
  "Lindqvist", "Mendes", "Takahashi", "Schulz",
};

/* Each keystroke of these, from the empty entry, then back to empty. */
static const char *typed[] = { "schmidt", "MRN00421", "anna kow" };

static void
fill (VastusDatabase *db)
{
  g_autoptr(GError) error = NULL;

  for (guint p = 0; p < n_patients; p++)
    {
      g_autoptr(VastusPatient) patient = vastus_patient_new ();
      g_autoptr(VastusEpisode) episode = vastus_episode_new ();

      if (p % 500 == 0 && !vastus_database_begin (db, &error))
        g_error ("%s", error->message);
      patient->mrn = g_strdup_printf ("MRN%05u", p);
      patient->name = g_strdup_printf ("%s %s", first_names[p % G_N_ELEMENTS (first_names)],
                                       last_names[(p / 7) % G_N_ELEMENTS (last_names)]);
      g_date_set_dmy (&patient->birth_date, 1 + p % 28, 1 + p % 12, 1950 + p % 55);
      patient->sex = 1 + p % 3;
      if (!vastus_database_insert_patient (db, patient, &error))
        g_error ("%s", error->message);
      episode->patient_id = patient->id;
      episode->condition = VASTUS_CONDITION_ACLR;
      episode->involved_side = VASTUS_SIDE_LEFT;
      g_date_set_dmy (&episode->surgery_date, 1, 1 + p % 12, 2024);
      if (!vastus_database_insert_episode (db, episode, &error))
        g_error ("%s", error->message);
      for (guint v = 0; v < VISITS_PER_PATIENT; v++)
        {
          g_autoptr(VastusVisit) visit = vastus_visit_new ();

          visit->episode_id = episode->id;
          g_date_set_dmy (&visit->date, 1, 1 + p % 12, 2024);
          g_date_add_days (&visit->date, 30 + v * 21 + p % 40);
          if (!vastus_database_insert_visit (db, visit, &error))
            g_error ("%s", error->message);
        }
      if ((p % 500 == 499 || p == n_patients - 1) && !vastus_database_commit (db, &error))
        g_error ("%s", error->message);
    }
}

/* CPU time of this thread: on a shared, loaded machine wall time also counts the waiting. */
static double
cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static void
report (const char *what,
        GArray     *ms)
{
  g_array_sort (ms, compare_doubles);
  printf ("%-56s n=%3u  median %6.2f ms  p90 %6.2f ms  max %6.2f ms\n", what, ms->len,
          g_array_index (ms, double, ms->len / 2),
          g_array_index (ms, double, (ms->len * 9) / 10),
          g_array_index (ms, double, ms->len - 1));
}

/* Every prefix of every typed text, then the empty text. */
static GPtrArray *
keystrokes (void)
{
  GPtrArray *texts = g_ptr_array_new_with_free_func (g_free);

  for (guint t = 0; t < G_N_ELEMENTS (typed); t++)
    {
      for (guint n = 1; typed[t][n - 1] != '\0'; n++)
        g_ptr_array_add (texts, g_strndup (typed[t], n));
      g_ptr_array_add (texts, g_strdup (""));
    }
  return texts;
}

/* Until every call of @clinic was delivered. */
static void
wait_clinic (VastusClinic *clinic)
{
  while (vastus_clinic_get_n_pending (clinic) > 0)
    g_main_context_iteration (NULL, TRUE);
}

static void
open_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!vastus_clinic_open_finish (VASTUS_CLINIC (source), result, &error))
    g_error ("%s", error->message);
}

static void
bench_model (VastusClinic       *clinic,
             VastusPatientOrder  sort,
             const char         *label)
{
  g_autoptr(VastusPatientModel) model = vastus_patient_model_new (clinic);
  g_autoptr(GPtrArray) texts = keystrokes ();
  g_autoptr(GArray) ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) cpu = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *cpu_label = g_strconcat (label, " (CPU)", NULL);
  guint page = vastus_patient_model_get_page_size (model);

  vastus_patient_model_set_query (model, NULL, FALSE, sort);
  wait_clinic (clinic);
  for (guint i = 0; i < texts->len; i++)
    {
      gint64 start = g_get_monotonic_time ();
      double cpu_start = cpu_ms ();
      guint n;
      double elapsed;

      vastus_patient_model_set_query (model, g_ptr_array_index (texts, i), FALSE, sort);
      wait_clinic (clinic);
      n = g_list_model_get_n_items (G_LIST_MODEL (model));
      for (guint j = 0; j < MIN (n, page); j++)
        g_object_unref (g_list_model_get_item (G_LIST_MODEL (model), j));
      elapsed = (g_get_monotonic_time () - start) / 1000.0;
      g_array_append_val (ms, elapsed);
      elapsed = cpu_ms () - cpu_start;
      g_array_append_val (cpu, elapsed);
    }
  report (label, ms);
  report (cpu_label, cpu);
}

static void
after_paint_cb (GdkFrameClock *clock,
                gboolean      *painted)
{
  *painted = TRUE;
}

static void
bench_widget (VastusClinic   *clinic,
              guint           sort_index,
              const char     *label,
              const char     *frame_label)
{
  g_autoptr(GPtrArray) texts = keystrokes ();
  g_autoptr(GArray) ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) frame_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) cpu = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *cpu_label = g_strconcat (label, " (CPU)", NULL);
  GtkWidget *window = gtk_window_new ();
  GtkWidget *list = vastus_patient_list_new (clinic);
  GtkWidget *entry;
  GdkFrameClock *clock;
  gboolean painted = FALSE;
  gulong handler;

  gtk_window_set_default_size (GTK_WINDOW (window), 400, 900);
  gtk_window_set_child (GTK_WINDOW (window), list);
  gtk_window_present (GTK_WINDOW (window));
  while (!gtk_widget_get_mapped (list))
    g_main_context_iteration (NULL, TRUE);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (gtk_widget_get_template_child (list,
                                             VASTUS_TYPE_PATIENT_LIST, "sort_dropdown")),
                              sort_index);
  entry = GTK_WIDGET (gtk_widget_get_template_child (list, VASTUS_TYPE_PATIENT_LIST,
                                                     "search_entry"));
  /* The entry waits 150 ms after a keystroke before it searches; that pause is on purpose
   * and not measured: search-changed is emitted at once instead. */
  gtk_search_entry_set_search_delay (GTK_SEARCH_ENTRY (entry), 60000);
  clock = gtk_widget_get_frame_clock (window);
  handler = g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), &painted);
  while (g_main_context_iteration (NULL, FALSE))
    ;

  for (guint i = 0; i < texts->len; i++)
    {
      gint64 start = g_get_monotonic_time ();
      double cpu_start = cpu_ms ();
      double elapsed;

      const char *text = g_ptr_array_index (texts, i);
      const char *current = gtk_editable_get_text (GTK_EDITABLE (entry));
      int position = strlen (current);

      painted = FALSE;
      /* A keystroke adds a letter (the texts grow one letter at a time) or clears. */
      if (*text == '\0')
        gtk_editable_set_text (GTK_EDITABLE (entry), "");
      else
        gtk_editable_insert_text (GTK_EDITABLE (entry), text + position, 1, &position);
      g_signal_emit_by_name (entry, "search-changed");
      elapsed = (g_get_monotonic_time () - start) / 1000.0;
      g_array_append_val (ms, elapsed);
      elapsed = cpu_ms () - cpu_start;
      g_array_append_val (cpu, elapsed);
      /* The result, then a frame painted after it. */
      wait_clinic (clinic);
      painted = FALSE;
      while (!painted)
        g_main_context_iteration (NULL, TRUE);
      elapsed = (g_get_monotonic_time () - start) / 1000.0;
      g_array_append_val (frame_ms, elapsed);
    }
  report (label, ms);
  report (cpu_label, cpu);
  report (frame_label, frame_ms);

  g_signal_handler_disconnect (clock, handler);
  gtk_window_destroy (GTK_WINDOW (window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VastusDatabase) db = NULL;
  g_autoptr(VastusClinic) clinic = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  gint64 start;

  if (argc > 2 && g_str_equal (argv[1], "--patients"))
    n_patients = (guint) atoi (argv[2]);

  dir = g_dir_make_tmp ("vastus-bench-ui-list-XXXXXX", &error);
  if (dir == NULL)
    g_error ("%s", error->message);
  path = g_build_filename (dir, "bench.db", NULL);
  db = vastus_database_open (path, &error);
  if (db == NULL)
    g_error ("%s", error->message);

  start = g_get_monotonic_time ();
  fill (db);
  printf ("bench-ui-list: %u patients, %u visits each (built in %.1f s)\n", n_patients,
          VISITS_PER_PATIENT, (g_get_monotonic_time () - start) / 1e6);

  g_clear_object (&db);
  clinic = vastus_clinic_new (path);
  vastus_clinic_open_async (clinic, NULL, open_cb, NULL);
  wait_clinic (clinic);

  bench_model (clinic, VASTUS_PATIENT_ORDER_LAST_VISIT,
               "model: query + first page, by last visit");
  bench_model (clinic, VASTUS_PATIENT_ORDER_NAME, "model: query + first page, by name");

  if (gtk_init_check ())
    {
      adw_init ();
      bench_widget (clinic, 0, "widget: keystroke handled, by last visit",
                    "widget: keystroke to painted frame, by last visit");
      bench_widget (clinic, 1, "widget: keystroke handled, by name",
                    "widget: keystroke to painted frame, by name");
    }
  else
    {
      printf ("widget figures need a display: run under xvfb-run -a\n");
    }

  vastus_clinic_close (clinic);
  g_clear_object (&clinic);
  {
    const char *names[] = { "bench.db", "bench.db-wal", "bench.db-shm", "bench.db-journal" };

    for (guint i = 0; i < G_N_ELEMENTS (names); i++)
      {
        g_autofree char *file = g_build_filename (dir, names[i], NULL);
        g_remove (file);
      }
    g_rmdir (dir);
  }
  return 0;
}
