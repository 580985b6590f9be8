/* bench-report: time to write the surgeon's report for a patient with 100 visits (target
 * < 300 ms), against a floor: a bare one-page PDF with the same fonts (regular and bold text and
 * the symbols that fall back to DejaVu Sans), which is mostly font loading and subsetting.
 *
 * Three figures: the report from the database (loading, computing, drawing, writing the file
 * and its checksum: what `vastus-cli report` does), the drawing and PDF alone from prepared
 * data, and the floor. The machine may be shared: the minimum is printed beside the median.
 * `bench-report FILE.pdf` also keeps the report written.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <cairo-pdf.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <pango/pangocairo.h>
#include <stdio.h>

#include "vastus-report-data.h"
#include "vastus-report-layout.h"

#include "../tests/report-fixture.h"

#define REPEATS 15
#define N_VISITS 100

static int
cmp_double (gconstpointer a,
            gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static cairo_status_t
append_cb (void                *closure,
           const unsigned char *data,
           unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

static void
bare_page (void)
{
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  cairo_surface_t *surface = cairo_pdf_surface_create_for_stream (append_cb, bytes, 595.28, 841.89);
  cairo_t *cr = cairo_create (surface);
  PangoLayout *layout = pango_cairo_create_layout (cr);
  PangoFontDescription *font = pango_font_description_from_string (VASTUS_REPORT_FONT " 9");

  pango_cairo_context_set_resolution (pango_layout_get_context (layout), 72);
  pango_layout_set_font_description (layout, font);
  pango_layout_set_text (layout, "Knee rehabilitation report 0123456789 % — ✓ met ✗ not met ○ ⚠", -1);
  cairo_move_to (cr, 40, 40);
  pango_cairo_show_layout (cr, layout);
  pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
  pango_layout_set_font_description (layout, font);
  cairo_move_to (cr, 40, 60);
  pango_cairo_show_layout (cr, layout);
  cairo_show_page (cr);
  pango_font_description_free (font);
  g_object_unref (layout);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  cairo_surface_destroy (surface);
}

static void
print_times (const char *what,
             GArray     *times)
{
  g_array_sort (times, cmp_double);
  printf ("%-44s median %7.1f ms   min %7.1f ms\n", what,
          g_array_index (times, double, times->len / 2), g_array_index (times, double, 0));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("vastus-bench-report-XXXXXX", &error);
  g_autofree char *db_path = NULL;
  g_autofree char *pdf_path = NULL;
  g_autoptr(VastusDatabase) db = NULL;
  g_autoptr(GArray) full = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) draw = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) floor_times = g_array_new (FALSE, FALSE, sizeof (double));
  VastusReportOptions options = { 0 };
  GDate today;
  guint pages = 0;

  setlocale (LC_ALL, "");
  g_assert_no_error (error);
  db_path = g_build_filename (dir, "bench.db", NULL);
  pdf_path = g_build_filename (dir, "report.pdf", NULL);
  db = vastus_database_open (db_path, &error);
  g_assert_no_error (error);
  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 1, G_DATE_JUNE, 2026);
  fixture_insert_acl (db, &today, FIXTURE_LONG_MRN, FIXTURE_LONG_NAME, 30, N_VISITS);

  options.clinic_name = "Riverside Physiotherapy";
  options.clinic_address = "12 River Street, Springfield";
  options.report_date = &today;
  options.narrative = "Quadriceps strength continues to improve; hop tests nearly symmetric.";

  /* Warm up fontconfig and the caches once, as the application has by the time it exports. */
  bare_page ();

  for (guint i = 0; i < REPEATS; i++)
    {
      gint64 t0, t1, t2, t3;
      g_autoptr(VastusReportData) data = NULL;
      g_autoptr(GBytes) pdf = NULL;
      g_autofree char *sha = NULL;

      t0 = g_get_monotonic_time ();
      data = vastus_report_data_load (db, FIXTURE_LONG_MRN, &options, &error);
      g_assert_no_error (error);
      sha = vastus_report_write_pdf (data, VASTUS_PAPER_A4, pdf_path, &error);
      g_assert_no_error (error);
      t1 = g_get_monotonic_time ();
      pdf = vastus_report_render_pdf (data, VASTUS_PAPER_A4, &error);
      g_assert_no_error (error);
      t2 = g_get_monotonic_time ();
      bare_page ();
      t3 = g_get_monotonic_time ();

      g_array_append_val (full, (double) { (t1 - t0) / 1000.0 });
      g_array_append_val (draw, (double) { (t2 - t1) / 1000.0 });
      g_array_append_val (floor_times, (double) { (t3 - t2) / 1000.0 });
      if (i == 0)
        {
          g_autoptr(VastusReportLayout) layout = vastus_report_layout_new (data, 595.28, 841.89);

          pages = vastus_report_layout_get_n_pages (layout);
        }
    }

  printf ("Report for a patient with %u visits (%u pages, A4), %u runs:\n", N_VISITS, pages, REPEATS);
  print_times ("  load + compute + draw + write + SHA-256", full);
  print_times ("  draw + PDF from prepared data", draw);
  print_times ("  floor: bare PDF page, same fonts", floor_times);
  printf ("  target: < 300 ms for the whole report: %s\n",
          g_array_index (full, double, full->len / 2) < 300 ? "met" : "NOT MET");

  /* bench-report FILE.pdf keeps a copy of the report, to look at. */
  if (argc > 1)
    {
      g_autofree char *contents = NULL;
      gsize length;

      if (g_file_get_contents (pdf_path, &contents, &length, NULL))
        g_file_set_contents (argv[1], contents, length, NULL);
    }
  g_unlink (pdf_path);
  g_clear_object (&db);
  {
    g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
    const char *name;

    while (d != NULL && (name = g_dir_read_name (d)) != NULL)
      {
        g_autofree char *child = g_build_filename (dir, name, NULL);

        g_unlink (child);
      }
  }
  g_rmdir (dir);
  return 0;
}
