/* bench-ui-actions.c: what the window does at clinic scale, and the longest main-loop stall
 *
 * Builds, through the storage API in a temporary folder, 10,000 ACL-reconstruction patients (the
 * data of bench-evaluate.c): every 100th with 100 visits, the others with 20. Then, in the main
 * window (1280×800) on that database, with VASTUS_MAIN_THREAD_SQL=abort (SQL on the main thread
 * would end the run), once with storage as it is and once with every storage call delayed by
 * 20 ms on the worker (VASTUS_STORAGE_DELAY_MS: a clinic server's round trip):
 *   1. open a patient with 20 visits, and one with 100: from setting the page's record to the
 *      first painted frame after it, and until idle (the clinic answered every call, and the
 *      frame after that was painted: the patient shown in full). Targets: first frame <= 50 ms
 *      (20 visits), <= 100 ms (100 visits); idle <= 150 ms.
 *   2. save a visit (the visit editor's Save, one value typed) until the page shows it (it
 *      counts one visit more, painted). Target: <= 100 ms.
 *   3. a search keystroke in the patient list until the list shows its matches (painted; the
 *      entry's 150 ms pause before searching is on purpose and not counted).
 * During each of those actions (not while the visit editor's window opens, which builds its
 * widgets) a 1 ms timer at high priority records the gaps between its runs: the longest, less
 * its interval, is the longest stall of the main loop, printed as one line
 * "longest main-loop stall: N ms" per run, with the main thread's CPU time during it (the rest of
 * a stall is the loop waiting for a CPU). Target: no stall over 50 ms with or without the delay.
 * VASTUS_BENCH_STALLS=MS prints every stall over MS ms as it happens.
 * It renders with cairo (GSK_RENDERER=cairo, as the tests and `build-aux/dev bench` do) unless
 * GSK_RENDERER says otherwise. Under Xvfb there is no GPU: GTK's GL renderer runs on Mesa's
 * llvmpipe, whose rasterizer threads share the same two cores, and the main thread waits on them
 * for every frame (futex waits of up to 100 ms, woken by llvmpipe's threads, in a perf sched
 * trace): that measures a software GPU, which a workstation with a GPU does not have.
 * VASTUS_BENCH_PATIENTS=N builds N patients instead, for a quicker look (not the figures).
 * Needs a display (xvfb-run -a). Not a test: it prints figures.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define _GNU_SOURCE   /* RUSAGE_THREAD */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <time.h>

#include "bench-clinic.h"
#include "vastus-application.h"
#include "vastus-measure-row.h"
#include "vastus-patient-list.h"
#include "vastus-patient-page.h"
#include "vastus-visit-editor.h"
#include "vastus-visit-window.h"
#include "vastus-window.h"

#define N_PATIENTS          10000
#define LONG_VISITS         100
#define VISITS              20
#define LONG_EVERY          100     /* patients 0, 100, 200, … have LONG_VISITS */
#define RUNS                10      /* per measurement and delay, after one warm-up */
#define DELAY_MS            20
#define TIMEOUT_US          (20 * G_USEC_PER_SEC)
#define STARTUP_TIMEOUT_US  (30 * 60 * G_USEC_PER_SEC)   /* the check of the whole clinic */

static void
die (const char *what,
     GError     *error)
{
  fprintf (stderr, "bench-ui-actions: %s%s%s\n", what, error != NULL ? ": " : "",
           error != NULL ? error->message : "");
  exit (1);
}

static void
report (const char *what,
        const char *delay,
        GArray     *ms,
        const char *target)
{
  double m = bench_median (ms);   /* sorts */

  printf ("%-38s %-10s n=%2u  median %7.2f ms  max %7.2f ms  %s\n", what, delay, ms->len, m,
          g_array_index (ms, double, ms->len - 1), target);
}

/* The main loop's stalls: a timer every 1 ms at high priority; a gap between two of its runs
 * longer than that is time the loop spent elsewhere, in one go. The main thread's CPU time over
 * the same gap tells work on the main thread from waiting for the CPU (a loaded machine).
 * VASTUS_BENCH_STALLS=MS prints every gap over MS ms, with the action it fell in. */
typedef struct
{
  gint64      last;
  gint64      last_cpu;
  gint64      longest;
  gint64      longest_cpu;  /* the main thread's CPU time during the longest gap */
  guint       source;
  const char *what;         /* the action measured */
} Stalls;

static gint64 stall_trace_us = -1;
static long   stall_trace_switches[2];   /* the main thread's voluntary, involuntary switches */

static gint64
thread_cpu_us (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return (gint64) ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

static gboolean
tick_cb (gpointer data)
{
  Stalls *stalls = data;
  gint64 now = g_get_monotonic_time ();
  gint64 cpu = thread_cpu_us ();

  if (stalls->last > 0)
    {
      gint64 gap = now - stalls->last - 1000;

      if (gap > stalls->longest)
        {
          stalls->longest = gap;
          stalls->longest_cpu = cpu - stalls->last_cpu;
        }
      if (stall_trace_us >= 0)
        {
          struct rusage usage;

          getrusage (RUSAGE_THREAD, &usage);
          if (gap > stall_trace_us)
            fprintf (stderr, "stall %6.1f ms (%5.1f ms on the CPU; %ld voluntary, %ld "
                     "involuntary switches) in %s, monotonic %" G_GINT64_FORMAT " to %"
                     G_GINT64_FORMAT " µs\n", gap / 1000.0, (cpu - stalls->last_cpu) / 1000.0,
                     usage.ru_nvcsw - stall_trace_switches[0],
                     usage.ru_nivcsw - stall_trace_switches[1], stalls->what, stalls->last, now);
          stall_trace_switches[0] = usage.ru_nvcsw;
          stall_trace_switches[1] = usage.ru_nivcsw;
        }
    }
  stalls->last = now;
  stalls->last_cpu = cpu;
  return G_SOURCE_CONTINUE;
}

/* Measured from here (the longest stall so far stays). */
static void
stalls_start (Stalls     *stalls,
              const char *what)
{
  stalls->what = what;
  stalls->last = g_get_monotonic_time ();
  stalls->last_cpu = thread_cpu_us ();
  stalls->source = g_timeout_add_full (G_PRIORITY_HIGH, 1, tick_cb, stalls, NULL);
}

/* … to here, after one more turn of the loop: a stall that ends with the action counts. */
static void
stalls_stop (Stalls *stalls)
{
  g_main_context_iteration (NULL, FALSE);
  tick_cb (stalls);
  g_clear_handle_id (&stalls->source, g_source_remove);
}

/* The stalls of the measured actions only: Stalls for the run, started and stopped around each
 * action (opening the visit editor's window, say, is not one of them). */
static Stalls *current_stalls;

/* Painted frames of the window: the frame clock's after-paint while it is mapped. */
typedef struct
{
  guint  n_painted;
  gint64 painted_at;
} Frames;

static void
after_paint_cb (GdkFrameClock *clock,
                Frames        *frames)
{
  frames->n_painted++;
  frames->painted_at = g_get_monotonic_time ();
}

static void
iterate_until_idle (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
wait_longer (gboolean (*done) (gpointer data),
             gpointer   data,
             const char *what,
             gint64      timeout_us)
{
  gint64 start = g_get_monotonic_time ();

  while (!done (data))
    {
      if (g_get_monotonic_time () - start > timeout_us)
        die (what, NULL);
      g_main_context_iteration (NULL, TRUE);
    }
}

static void
wait_for (gboolean (*done) (gpointer data),
          gpointer   data,
          const char *what)
{
  wait_longer (done, data, what, TIMEOUT_US);
}

static gboolean
flag_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

static gboolean
flag_set (gpointer data)
{
  return *(gboolean *) data;
}

typedef struct
{
  Frames *frames;
  guint   after;
} FrameWait;

static gboolean
painted_after (gpointer data)
{
  FrameWait *wait = data;

  return wait->frames->n_painted > wait->after;
}

/* Waits for the next frame (painting whatever the window queued, nothing more); when it was
 * painted (µs). A frame is asked of the frame clock, not a redraw of the whole window: that
 * would add a full repaint the window did not ask for to every action measured. */
static gint64
next_frame (Frames     *frames,
            GtkWidget  *window,
            const char *what)
{
  FrameWait wait = { frames, frames->n_painted };

  gdk_frame_clock_request_phase (gtk_widget_get_frame_clock (window),
                                 GDK_FRAME_CLOCK_PHASE_PAINT);
  wait_for (painted_after, &wait, what);
  return frames->painted_at;
}

static gboolean
clinic_idle (gpointer clinic)
{
  return vastus_clinic_get_n_pending (clinic) == 0;
}

/* 1. Opening a patient: the first frame after, and the frame after the clinic answered all. */
static void
open_patient (GtkWidget         *window,
              Frames            *frames,
              VastusPatientPage *page,
              VastusClinic      *clinic,
              gint64             id,
              double            *first_ms,
              double            *idle_ms)
{
  g_autoptr(VastusPatientRecord) record = NULL;
  gint64 start;

  /* From no patient: every patient is opened anew, as after choosing another. */
  vastus_patient_page_set_record (page, NULL);
  wait_for (clinic_idle, clinic, "no patient");
  next_frame (frames, window, "no patient");
  stalls_start (current_stalls, "opening a patient");
  start = g_get_monotonic_time ();
  record = vastus_clinic_get_patient (clinic, id);
  vastus_patient_page_set_record (page, record);
  *first_ms = (next_frame (frames, window, "open patient") - start) / 1000.0;
  wait_for (clinic_idle, clinic, "open patient");
  *idle_ms = (next_frame (frames, window, "open patient") - start) / 1000.0;
  stalls_stop (current_stalls);
}

/* "21 visits, newest first": the page says how many visits it shows. */
static const char *
visits_count (VastusPatientPage *page)
{
  return gtk_label_get_text (GTK_LABEL (vastus_patient_page_get_part (page, "visits-count")));
}

typedef struct
{
  VastusPatientPage *page;
  char              *before;
} CountWait;

static gboolean
visit_shown (gpointer data)
{
  CountWait *wait = data;

  return g_strcmp0 (visits_count (wait->page), wait->before) != 0;
}

static GtkWidget *
find_named (GtkWidget  *widget,
            const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (widget), name) == 0)
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL;
       c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_named (c, name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkWindow *
find_visit_window (void)
{
  GtkWindow *found = NULL;
  GList *toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (VASTUS_IS_VISIT_WINDOW (l->data) && gtk_widget_get_visible (l->data))
      found = l->data;
  g_list_free (toplevels);
  return found;
}

static gboolean
visit_window_gone (gpointer data)
{
  return find_visit_window () == NULL;
}

/* 2. Saving a visit: from Save to the frame that shows it on the page. */
static double
save_visit (GtkWidget         *window,
            Frames            *frames,
            VastusPatientPage *page,
            VastusClinic      *clinic,
            guint              n)
{
  CountWait wait = { page, g_strdup (visits_count (page)) };
  g_autoptr(GError) error = NULL;
  g_autofree char *date = NULL;
  GtkWindow *visit_window;
  VastusVisitEditor *editor;
  VastusMeasureRow *row;
  gint64 start;
  double ms;

  g_signal_emit_by_name (find_named (GTK_WIDGET (page), "add-visit"), "clicked");
  iterate_until_idle ();
  visit_window = find_visit_window ();
  if (visit_window == NULL)
    die ("the visit window did not open", NULL);
  editor = VASTUS_VISIT_EDITOR (vastus_visit_window_get_editor (
    VASTUS_VISIT_WINDOW (visit_window)));
  wait_for (clinic_idle, clinic, "visit editor");
  /* A visit on a day of its own (one visit per day). */
  date = g_strdup_printf ("2030-%02u-%02u", 1 + n / 28 % 12, 1 + n % 28);
  gtk_editable_set_text (GTK_EDITABLE (vastus_visit_editor_get_field (editor, "date")), date);
  row = vastus_visit_editor_get_measure_row (editor, "pain_nrs");
  gtk_editable_set_text (GTK_EDITABLE (vastus_measure_row_get_input (row, VASTUS_SIDE_NONE, 1)),
                         "2");
  iterate_until_idle ();
  next_frame (frames, window, "visit typed");

  stalls_start (current_stalls, "saving a visit");
  start = g_get_monotonic_time ();
  if (!vastus_visit_editor_save (editor, &error))
    {
      /* A warning to confirm (a long pause since the last visit, say): confirmed, as the
       * clinician would, and not counted. */
      g_clear_error (&error);
      gtk_check_button_set_active (GTK_CHECK_BUTTON (vastus_visit_editor_get_field (editor,
                                                                                    "confirm")),
                                   TRUE);
      iterate_until_idle ();
      start = g_get_monotonic_time ();
      if (!vastus_visit_editor_save (editor, &error))
        die ("save the visit", error);
    }
  wait_for (visit_shown, &wait, "the saved visit shown");
  g_free (wait.before);
  ms = (next_frame (frames, window, "saved visit") - start) / 1000.0;
  stalls_stop (current_stalls);
  return ms;
}

typedef struct
{
  GListModel *model;
  guint       n_items;
} SearchWait;

static gboolean
search_done (gpointer data)
{
  SearchWait *wait = data;

  return g_list_model_get_n_items (wait->model) != wait->n_items;
}

/* 3. A search keystroke: from search-changed to the frame that shows the matches. */
static double
search (GtkWidget         *window,
        Frames            *frames,
        VastusPatientList *list,
        VastusClinic      *clinic,
        const char        *text)
{
  GtkWidget *entry = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (list),
                                                                VASTUS_TYPE_PATIENT_LIST,
                                                                "search_entry"));
  SearchWait wait = { G_LIST_MODEL (vastus_patient_list_get_model (list)), 0 };
  gint64 start;
  double ms;

  /* The entry waits 150 ms after a keystroke before it searches; that pause is on purpose and
   * not measured: search-changed is emitted at once instead. */
  gtk_search_entry_set_search_delay (GTK_SEARCH_ENTRY (entry), 60000);
  /* Back to every patient first. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
  g_signal_emit_by_name (entry, "search-changed");
  wait_for (clinic_idle, clinic, "all patients");
  next_frame (frames, window, "all patients");

  wait.n_items = g_list_model_get_n_items (wait.model);
  gtk_editable_set_text (GTK_EDITABLE (entry), text);
  stalls_start (current_stalls, "searching");
  start = g_get_monotonic_time ();
  g_signal_emit_by_name (entry, "search-changed");
  wait_for (search_done, &wait, "search");
  ms = (next_frame (frames, window, "search") - start) / 1000.0;
  stalls_stop (current_stalls);
  return ms;
}

static gint64
find_id (VastusDatabase *db,
         guint           index)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *mrn = g_strdup_printf ("EV%06u", index);
  g_autoptr(VastusPatient) patient = vastus_database_find_patient (db, mrn, &error);

  if (patient == NULL)
    die ("find a patient", error);
  return patient->id;
}

/* Every measurement, with every storage call @delay_ms late on the worker. */
static void
run (GtkWidget         *window,
     Frames            *frames,
     VastusClinic      *clinic,
     const gint64      *short_ids,
     const gint64      *long_ids,
     guint              delay_ms)
{
  VastusPatientPage *page = VASTUS_PATIENT_PAGE (gtk_widget_get_template_child (
                              window, VASTUS_TYPE_WINDOW, "patient_page"));
  VastusPatientList *list = VASTUS_PATIENT_LIST (gtk_widget_get_template_child (
                              window, VASTUS_TYPE_WINDOW, "patient_list"));
  g_autoptr(GArray) first20 = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) idle20 = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) first100 = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) idle100 = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) saved = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) searched = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *label = delay_ms > 0 ? g_strdup_printf ("(+%u ms)", delay_ms)
                                        : g_strdup ("");
  Stalls stalls = { 0 };
  Stalls open_stalls, save_stalls, search_stalls, *longest;
  double first, idle;

  vastus_clinic_set_delay (clinic, delay_ms);
  current_stalls = &stalls;
  /* Warm-up, not counted: the first page of each kind loads its widgets. */
  open_patient (window, frames, page, clinic, long_ids[0], &first, &idle);
  open_patient (window, frames, page, clinic, short_ids[0], &first, &idle);

  /* The first visit editor of the process loads its widgets: not counted. */
  save_visit (window, frames, page, clinic, 2 * RUNS + (delay_ms > 0 ? 1 : 0));
  wait_for (visit_window_gone, NULL, "the visit window closes");
  stalls.longest = stalls.longest_cpu = 0;
  for (guint i = 1; i <= RUNS; i++)
    {
      open_patient (window, frames, page, clinic, short_ids[i], &first, &idle);
      g_array_append_val (first20, first);
      g_array_append_val (idle20, idle);
      open_patient (window, frames, page, clinic, long_ids[i], &first, &idle);
      g_array_append_val (first100, first);
      g_array_append_val (idle100, idle);
    }
  open_stalls = stalls;
  stalls.longest = stalls.longest_cpu = 0;
  for (guint i = 0; i < RUNS; i++)
    {
      double ms = save_visit (window, frames, page, clinic, i + (delay_ms > 0 ? RUNS : 0));

      g_array_append_val (saved, ms);
      wait_for (visit_window_gone, NULL, "the visit window closes");
    }
  save_stalls = stalls;
  stalls.longest = stalls.longest_cpu = 0;
  for (guint i = 0; i < RUNS; i++)
    {
      g_autofree char *text = g_strdup_printf ("Patient %u", 1000 + 37 * i);
      double ms = search (window, frames, list, clinic, text);

      g_array_append_val (searched, ms);
    }
  search_stalls = stalls;

  report ("open patient, 20 visits: first frame", label, first20, "(target <= 50 ms)");
  report ("open patient, 20 visits: idle", label, idle20, "(target <= 150 ms)");
  report ("open patient, 100 visits: first frame", label, first100, "(target <= 100 ms)");
  report ("open patient, 100 visits: idle", label, idle100, "(target <= 150 ms)");
  report ("save a visit until the page shows it", label, saved, "(target <= 100 ms)");
  report ("search keystroke until the list shows it", label, searched, "");
  printf ("  (longest stall while opening patients %.0f ms, saving %.0f ms, searching %.0f ms; "
          "of it on the main thread's CPU %.0f, %.0f, %.0f ms)\n",
          open_stalls.longest / 1000.0, save_stalls.longest / 1000.0,
          search_stalls.longest / 1000.0, open_stalls.longest_cpu / 1000.0,
          save_stalls.longest_cpu / 1000.0, search_stalls.longest_cpu / 1000.0);
  longest = &open_stalls;
  if (save_stalls.longest > longest->longest)
    longest = &save_stalls;
  if (search_stalls.longest > longest->longest)
    longest = &search_stalls;
  printf ("longest main-loop stall: %.0f ms%s (target <= 50 ms; %.0f ms of it on the CPU)\n",
          longest->longest / 1000.0, delay_ms > 0 ? " with every storage call 20 ms late" : "",
          longest->longest_cpu / 1000.0);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("vastus-bench-ui-actions-XXXXXX", &error);
  g_autofree char *path = NULL;
  g_autoptr(GArray) long_ids = NULL;
  gint64 short_ids[RUNS + 1], long_pick[RUNS + 1];
  g_autoptr(VastusApplication) app = NULL;
  Frames frames = { 0 };
  GtkWidget *window;
  VastusClinic *clinic;
  const char *n_env = g_getenv ("VASTUS_BENCH_PATIENTS");
  guint n_patients = n_env != NULL ? (guint) g_ascii_strtoull (n_env, NULL, 10) : N_PATIENTS;
  guint n_visits = 0;
  gint64 start;

  if (dir == NULL)
    die ("temporary folder", error);
  if (g_getenv ("VASTUS_BENCH_STALLS") != NULL)
    stall_trace_us = (gint64) (g_ascii_strtod (g_getenv ("VASTUS_BENCH_STALLS"), NULL) * 1000);
  /* Any SQL on the main thread ends the run, naming it. The new visits are dated 2030, after
   * every visit of the clinic: "today" is later. */
  g_setenv ("VASTUS_MAIN_THREAD_SQL", "abort", TRUE);
  g_setenv ("VASTUS_TODAY", "2031-06-01", TRUE);
  /* The application's own files (the day's backup) in the run's folder, not the user's. */
  g_setenv ("XDG_DATA_HOME", dir, TRUE);
  g_setenv ("GSK_RENDERER", "cairo", FALSE);
  if (!gtk_init_check ())
    {
      printf ("bench-ui-actions needs a display: run under xvfb-run -a\n");
      g_rmdir (dir);
      return 0;
    }
  adw_init ();

  /* The clinic, built before the application (and its clinic) exists. */
  start = g_get_monotonic_time ();
  path = g_build_filename (dir, "vastus.db", NULL);
  {
    g_autoptr(VastusDatabase) db = vastus_database_open (path, &error);

    if (db == NULL)
      die ("open the database", error);
    if (n_patients < LONG_EVERY * (RUNS + 1))
      die ("VASTUS_BENCH_PATIENTS: too few for the runs", NULL);
    long_ids = bench_clinic_build (db, n_patients, LONG_VISITS, VISITS, LONG_EVERY, &n_visits);
    for (guint i = 0; i <= RUNS; i++)
      {
        short_ids[i] = find_id (db, 1 + i * (n_patients / (RUNS + 1)));
        long_pick[i] = g_array_index (long_ids, gint64, i * long_ids->len / (RUNS + 1));
      }
  }
  printf ("bench-ui-actions: %u patients (every %uth with %u visits, the others %u), %u visits "
          "× %u measurements, built in %.1f s\n", n_patients, LONG_EVERY, LONG_VISITS, VISITS,
          n_visits, BENCH_CLINIC_MEASUREMENTS_PER_VISIT,
          (g_get_monotonic_time () - start) / 1e6);

  app = vastus_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  vastus_application_set_database_path (app, path);
  g_application_register (G_APPLICATION (app), NULL, &error);
  if (error != NULL)
    die ("register the application", error);
  clinic = vastus_application_get_clinic (app);
  window = GTK_WIDGET (vastus_window_new (app));
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_present (GTK_WINDOW (window));
  while (!gtk_widget_get_mapped (window))
    g_main_context_iteration (NULL, TRUE);
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint",
                    G_CALLBACK (after_paint_cb), &frames);
  printf ("bench-ui-actions: the window renders with %s\n",
          G_OBJECT_TYPE_NAME (gtk_native_get_renderer (GTK_NATIVE (window))));
  /* The window checks the whole clinic a second after it shows (then takes the daily backup):
   * start-up, not one of the actions measured, and over before they start. */
  {
    gboolean waited = FALSE;

    g_timeout_add (1500, flag_cb, &waited);
    wait_for (flag_set, &waited, "the window opens");
  }
  start = g_get_monotonic_time ();
  /* The check starts once the window has its clinic, which may be after the window shows: wait
   * for it to start (up to 10 s), then to end. Measuring while it ran timed the runs out. */
  while (vastus_clinic_get_n_pending (clinic) == 0
         && g_get_monotonic_time () - start < 10 * G_USEC_PER_SEC)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (10 * 1000);
  wait_longer (clinic_idle, clinic, "the start-up check", STARTUP_TIMEOUT_US);
  iterate_until_idle ();
  printf ("bench-ui-actions: the window's start-up check of the clinic took %.1f s\n",
          (g_get_monotonic_time () - start) / 1e6);

  run (window, &frames, clinic, short_ids, long_pick, 0);
  run (window, &frames, clinic, short_ids, long_pick, DELAY_MS);

  g_signal_handlers_disconnect_by_data (gtk_widget_get_frame_clock (window), &frames);
  gtk_window_destroy (GTK_WINDOW (window));
  vastus_clinic_close (clinic);
  g_clear_object (&app);
  iterate_until_idle ();
  bench_remove_tree (dir);
  return 0;
}
