/* bench-ui-window.c: the main window's first frame, and opening a patient, at clinic scale
 *
 * Builds, through the storage API in a temporary folder, an empty database and one with 10,000
 * ACL-reconstruction patients (the data of bench-evaluate.c: one episode each, visits with five
 * measurements: quadriceps MVIC and single hop on both sides, KOS-ADLS). By default every
 * patient has 20 visits (about 40 s to build); FULL_EVERY > 1 gives only every FULL_EVERY-th
 * patient 20 visits and the others SHORT_VISITS, for a shorter run. Then:
 *   1. first frame: from vastus_window_new () to the first painted frame of that window, with
 *      the empty and with the 10,000-patient database, alternating; medians and their ratio.
 *      Target: ratio <= 1.25.
 *   2. open a patient: vastus_patient_page_set_record () on the window's patient page with the
 *      patient's record from the clinic, until the record was read and the next frame painted
 *      (the patient shown), for 30 different patients with 20 visits. Target: < 100 ms.
 * Needs a display (xvfb-run -a). Not a test: it prints figures.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "bench-clinic.h"
#include "vastus-application.h"
#include "vastus-database.h"
#include "vastus-patient-page.h"
#include "vastus-window.h"

#define N_PATIENTS          10000
#define FULL_VISITS         20
#define SHORT_VISITS        2
#define FULL_EVERY          1       /* patients 0, N, 2N, ... have FULL_VISITS; 1: all */
#define FIRST_FRAME_RUNS    7       /* per database, after one warm-up each */
#define OPEN_RUNS           30
#define PAINT_TIMEOUT_US    (10 * G_USEC_PER_SEC)


static void
die_on_error (GError     *error,
              const char *what)
{
  if (error != NULL)
    {
      fprintf (stderr, "bench-ui-window: %s: %s\n", what, error->message);
      exit (1);
    }
}


static void
report (const char *what,
        GArray     *ms)
{
  double m = bench_median (ms);   /* sorts */

  printf ("%-44s n=%2u  median %7.2f ms  min %7.2f ms  max %7.2f ms\n", what, ms->len, m,
          g_array_index (ms, double, 0), g_array_index (ms, double, ms->len - 1));
}

static void
iterate_until_idle (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* A frame counts as painted when the frame clock's after-paint is emitted while the window is
 * mapped: GTK renders the window (GdkSurface::render, through GSK) in the clock's paint phase,
 * so after-paint is the end of the first frame that shows the window's contents. */
typedef struct
{
  GtkWidget *window;
  gboolean   painted;
  gint64     painted_at;
  double     painted_cpu;
} Paint;

/* CPU time of this thread: on a shared, loaded machine wall time also counts the waiting. GTK
 * (with GSK_RENDERER=cairo) and SQLite both work on this thread. */
static double
cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static void
after_paint_cb (GdkFrameClock *clock,
                Paint         *paint)
{
  if (!paint->painted && gtk_widget_get_mapped (paint->window))
    {
      paint->painted = TRUE;
      paint->painted_at = g_get_monotonic_time ();
      paint->painted_cpu = cpu_ms ();
    }
}

/* The frame clock exists once the window is realized (it is its surface's clock): connect to it
 * then, from the realize handler, which runs inside gtk_window_present () before any frame. */
static void
realize_cb (GtkWidget *window,
            Paint     *paint)
{
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint",
                    G_CALLBACK (after_paint_cb), paint);
}

static void
wait_for_paint (Paint      *paint,
                gint64      start,
                const char *what)
{
  while (!paint->painted)
    {
      if (g_get_monotonic_time () - start > PAINT_TIMEOUT_US)
        {
          fprintf (stderr, "bench-ui-window: %s: no frame painted within 10 s\n", what);
          exit (1);
        }
      g_main_context_iteration (NULL, TRUE);
    }
}

static void
close_window (GtkWidget *window)
{
  gtk_window_destroy (GTK_WINDOW (window));
  iterate_until_idle ();
}

/* One window on @path: its first frame, in ms (wall; *@cpu: this thread's CPU). The window is
 * left open in *@out when @out is not NULL, else destroyed. */
static double
first_frame (VastusApplication *app,
             GSettings         *settings,
             const char        *path,
             double            *cpu,
             GtkWidget        **out)
{
  Paint paint = { NULL, FALSE, 0, 0 };
  GtkWidget *window;
  gint64 start;
  double cpu_start;

  /* The window reopens the patient of last time: always start without one, as on first use. */
  if (settings != NULL)
    g_settings_reset (settings, "last-patient");
  iterate_until_idle ();

  start = g_get_monotonic_time ();
  cpu_start = cpu_ms ();
  window = GTK_WIDGET (vastus_window_new (app));
  paint.window = window;
  g_signal_connect (window, "realize", G_CALLBACK (realize_cb), &paint);
  gtk_window_present (GTK_WINDOW (window));
  wait_for_paint (&paint, start, path);

  g_signal_handlers_disconnect_by_data (gtk_widget_get_frame_clock (window), &paint);
  g_signal_handlers_disconnect_by_data (window, &paint);
  if (out != NULL)
    *out = window;
  else
    close_window (window);
  if (cpu != NULL)
    *cpu = paint.painted_cpu - cpu_start;
  return (paint.painted_at - start) / 1000.0;
}

static double
open_patient (GtkWidget         *window,
              VastusPatientPage *page,
              VastusClinic      *clinic,
              gint64             id,
              double            *cpu)
{
  g_autoptr(VastusPatientRecord) record = NULL;
  Paint paint = { window, FALSE, 0, 0 };
  GdkFrameClock *clock = gtk_widget_get_frame_clock (window);
  gulong handler;
  gint64 start;
  double cpu_start;

  iterate_until_idle ();
  handler = g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), &paint);
  start = g_get_monotonic_time ();
  cpu_start = cpu_ms ();
  record = vastus_clinic_get_patient (clinic, id);
  vastus_patient_page_set_record (page, record);
  while (vastus_clinic_get_n_pending (clinic) > 0)
    g_main_context_iteration (NULL, TRUE);
  paint.painted = FALSE;
  wait_for_paint (&paint, start, "open patient");
  g_signal_handler_disconnect (clock, handler);
  if (cpu != NULL)
    *cpu = paint.painted_cpu - cpu_start;
  return (paint.painted_at - start) / 1000.0;
}

static char *
make_database (const char *dir,
               const char *name,
               gboolean    fill,
               GArray    **full,
               guint      *n_visits)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *sub = g_build_filename (dir, name, NULL);
  char *path = g_build_filename (sub, "vastus.db", NULL);
  g_autoptr(VastusDatabase) db = NULL;

  g_mkdir (sub, 0700);
  db = vastus_database_open (path, &error);
  die_on_error (error, "open database");
  if (fill)
    {
      *n_visits = 0;
      *full = bench_clinic_build (db, N_PATIENTS, FULL_VISITS, SHORT_VISITS, FULL_EVERY, n_visits);
    }
  return path;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("vastus-bench-ui-window-XXXXXX", &error);
  g_autofree char *empty_path = NULL;
  g_autofree char *full_path = NULL;
  g_autoptr(GArray) full_ids = NULL;
  g_autoptr(GArray) empty_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) full_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) open_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) empty_cpu = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) full_cpu = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) open_cpu = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(VastusApplication) app = NULL;
  g_autoptr(VastusApplication) empty_app = NULL;
  g_autoptr(GSettings) settings = NULL;
  GSettingsSchemaSource *source;
  g_autoptr(GSettingsSchema) schema = NULL;
  GtkWidget *window = NULL;
  VastusPatientPage *page;
  VastusClinic *clinic;
  guint n_visits = 0;
  gint64 start;
  double empty_median, full_median, empty_cpu_median, full_cpu_median, warm, cpu;

  die_on_error (error, "temporary folder");
  if (!gtk_init_check ())
    {
      printf ("bench-ui-window needs a display: run under xvfb-run -a\n");
      g_rmdir (dir);
      return 0;
    }
  adw_init ();

  start = g_get_monotonic_time ();
  empty_path = make_database (dir, "empty", FALSE, NULL, NULL);
  full_path = make_database (dir, "full", TRUE, &full_ids, &n_visits);
  printf ("bench-ui-window: %u patients, %u visits × %u measurements", N_PATIENTS, n_visits,
          BENCH_CLINIC_MEASUREMENTS_PER_VISIT);
  if (FULL_EVERY > 1)
    printf (" (every %uth patient %u visits, the others %u)", FULL_EVERY, FULL_VISITS,
            SHORT_VISITS);
  printf (", built in %.1f s\n", (g_get_monotonic_time () - start) / 1e6);

  /* Registered, non-unique applications, as in tests/test-app-window.c: one per database. */
  app = vastus_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  vastus_application_set_database_path (app, full_path);
  g_application_register (G_APPLICATION (app), NULL, &error);
  die_on_error (error, "register application");
  empty_app = vastus_application_new ();
  g_application_set_flags (G_APPLICATION (empty_app), G_APPLICATION_NON_UNIQUE);
  vastus_application_set_database_path (empty_app, empty_path);
  g_application_register (G_APPLICATION (empty_app), NULL, &error);
  die_on_error (error, "register application");

  source = g_settings_schema_source_get_default ();
  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  if (schema != NULL)
    settings = g_settings_new (APP_ID);

  /* 1. First frame. One warm-up window per database, not counted: the first window of the
   * process loads the theme, icons and fonts. (The full check and the daily backup start on a
   * thread a second after a window opens; these windows are closed before.) Then alternate
   * empty / full. */
  warm = first_frame (empty_app, settings, empty_path, NULL, NULL);
  printf ("first frame, warm-up (not counted): empty %.2f ms", warm);
  warm = first_frame (app, settings, full_path, NULL, NULL);
  printf (", 10,000 patients %.2f ms\n", warm);
  for (guint i = 0; i < FIRST_FRAME_RUNS; i++)
    {
      double ms;

      ms = first_frame (empty_app, settings, empty_path, &cpu, NULL);
      g_array_append_val (empty_ms, ms);
      g_array_append_val (empty_cpu, cpu);
      ms = first_frame (app, settings, full_path, &cpu, NULL);
      g_array_append_val (full_ms, ms);
      g_array_append_val (full_cpu, cpu);
    }
  empty_median = bench_median (empty_ms);
  full_median = bench_median (full_ms);
  empty_cpu_median = bench_median (empty_cpu);
  full_cpu_median = bench_median (full_cpu);
  report ("first frame, empty database", empty_ms);
  report ("first frame, 10,000 patients", full_ms);
  report ("first frame, empty database (CPU)", empty_cpu);
  report ("first frame, 10,000 patients (CPU)", full_cpu);
  printf ("first frame ratio 10,000 / empty: %.2f wall, %.2f CPU (target <= 1.25)\n",
          full_median / empty_median, full_cpu_median / empty_cpu_median);

  /* 2. Open a patient, in a window on the 10,000-patient database, with the database the
   * window opened: 30 different patients with 20 visits each, spread over the database. */
  first_frame (app, settings, full_path, NULL, &window);
  iterate_until_idle ();
  page = VASTUS_PATIENT_PAGE (gtk_widget_get_template_child (window, VASTUS_TYPE_WINDOW,
                                                             "patient_page"));
  clinic = vastus_application_get_clinic (app);
  if (!gtk_widget_get_mapped (GTK_WIDGET (page)))
    printf ("note: the patient page is not mapped (folded window?)\n");
  /* warm-up */
  open_patient (window, page, clinic, g_array_index (full_ids, gint64, full_ids->len - 1), NULL);
  for (guint i = 0; i < OPEN_RUNS; i++)
    {
      guint k = (guint) ((guint64) i * full_ids->len / OPEN_RUNS);
      double ms = open_patient (window, page, clinic, g_array_index (full_ids, gint64, k), &cpu);

      g_array_append_val (open_ms, ms);
      g_array_append_val (open_cpu, cpu);
    }
  report ("open patient (20 visits) to painted frame", open_ms);
  report ("open patient (20 visits) to painted (CPU)", open_cpu);
  printf ("open patient median %.2f ms wall, %.2f ms CPU (target < 100 ms)\n",
          bench_median (open_ms), bench_median (open_cpu));
  close_window (window);

  g_clear_object (&settings);
  g_clear_object (&app);
  iterate_until_idle ();
  bench_remove_tree (dir);
  return 0;
}
