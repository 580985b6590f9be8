/* test-report.c: PDF reports for surgeons, their record, and the de-identified exports
 *
 * The PDFs are checked from the outside with the poppler tools (pdfinfo, pdftotext, pdffonts,
 * pdftoppm), the expected texts taken from the data put in.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <cairo.h>
#include <glib/gstdio.h>
#include <string.h>

#include "report-fixture.h"
#include "vastus-criteria-store.h"
#include "vastus-csv-export.h"
#include "vastus-csv.h"
#include "vastus-report-data.h"
#include "vastus-report-layout.h"
#include "vastus-report-store.h"

static const char *const demo_mrns[] = { "DEMO-001", "DEMO-002", "DEMO-003" };

typedef ReportFixture Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  user_data)
{
  report_fixture_open (f);
  fixture_insert_demo (f->db, &f->today);
  fixture_insert_acl (f->db, &f->today, FIXTURE_OLD_MRN, FIXTURE_OLD_NAME, 92, 12);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  user_data)
{
  report_fixture_close (f);
}

/* Helpers */

static char *
run_tool (const char *const *argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  char *out = NULL;
  int status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err, &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("%s failed: %s", argv[0], err);
  return out;
}

/* Whitespace runs become one space, so that wrapped lines still match. */
static char *
squeeze (const char *text)
{
  g_autoptr(GString) out = g_string_new (NULL);
  gboolean space = FALSE;

  for (const char *p = text; *p != '\0'; p++)
    {
      if (g_ascii_isspace (*p))
        space = TRUE;
      else
        {
          if (space && out->len > 0)
            g_string_append_c (out, ' ');
          space = FALSE;
          g_string_append_c (out, *p);
        }
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static char *
pdf_text (const char *path,
          int         page)
{
  g_autofree char *first = g_strdup_printf ("%d", page);
  g_autofree char *raw = NULL;

  if (page > 0)
    {
      const char *argv[] = { "pdftotext", "-enc", "UTF-8", "-f", first, "-l", first, path, "-", NULL };
      raw = run_tool (argv);
    }
  else
    {
      const char *argv[] = { "pdftotext", "-enc", "UTF-8", path, "-", NULL };
      raw = run_tool (argv);
    }
  return squeeze (raw);
}

static void
assert_contains (const char *haystack,
                 const char *needle)
{
  g_autofree char *squeezed = squeeze (needle);

  if (strstr (haystack, squeezed) == NULL)
    g_error ("“%s” is not in the text:\n%s", squeezed, haystack);
}

static void
assert_not_contains (const char *haystack,
                     const char *needle)
{
  if (strstr (haystack, needle) != NULL)
    g_error ("“%s” should not be in the text:\n%s", needle, haystack);
}

static guint
pdf_pages (const char *path,
           char      **size)
{
  const char *argv[] = { "pdfinfo", path, NULL };
  g_autofree char *info = run_tool (argv);
  g_auto(GStrv) lines = g_strsplit (info, "\n", -1);
  guint pages = 0;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (g_str_has_prefix (lines[i], "Pages:"))
        pages = (guint) g_ascii_strtoull (g_strchug (lines[i] + 6), NULL, 10);
      else if (g_str_has_prefix (lines[i], "Page size:") && size != NULL)
        *size = g_strdup (g_strstrip (lines[i] + 10));
    }
  return pages;
}

static void
assert_fonts_embedded (const char *path)
{
  const char *argv[] = { "pdffonts", path, NULL };
  g_autofree char *out = run_tool (argv);
  g_auto(GStrv) lines = g_strsplit (out, "\n", -1);
  guint n_fonts = 0;

  /* name, type (may have spaces), encoding, emb, sub, uni, object, generation: read from the right. */
  for (guint i = 2; lines[i] != NULL; i++)
    {
      g_auto(GStrv) words = g_strsplit_set (g_strstrip (lines[i]), " ", -1);
      g_autoptr(GPtrArray) fields = g_ptr_array_new ();

      for (guint w = 0; words[w] != NULL; w++)
        if (words[w][0] != '\0')
          g_ptr_array_add (fields, words[w]);
      if (fields->len == 0)
        continue;
      g_assert_cmpuint (fields->len, >=, 7);
      g_assert_cmpstr (g_ptr_array_index (fields, fields->len - 5), ==, "yes");
      n_fonts++;
    }
  g_assert_cmpuint (n_fonts, >=, 1);
}

static VastusReportData *
load_data (Fixture    *f,
           const char *mrn,
           gboolean    deidentify,
           const char *narrative)
{
  g_autoptr(GError) error = NULL;
  VastusReportOptions options = { 0 };
  VastusReportData *data;

  options.clinic_name = "Riverside Physiotherapy";
  options.clinic_address = "12 River Street\nSpringfield";
  options.report_date = &f->today;
  options.deidentify = deidentify;
  options.narrative = narrative;
  options.therapist = "M. Okafor, PT";
  data = vastus_report_data_load (f->db, mrn, &options, &error);
  g_assert_no_error (error);
  g_assert_nonnull (data);
  return data;
}

static VastusCriteriaSet *
expected_set (Fixture    *f,
              const char *mrn)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VastusHistory) history = vastus_report_load_history (f->db, mrn, 0, NULL, &error);
  const char *id;
  VastusCriteriaSet *set;

  g_assert_no_error (error);
  id = history->episode->criteria_set != NULL ? history->episode->criteria_set
                                              : vastus_criteria_default_for (history->episode->condition);
  g_assert_nonnull (id);
  set = vastus_database_get_criteria_set (f->db, id, 0, &error);
  g_assert_no_error (error);
  return set;
}

/* Counts pixels that are not white inside a rectangle (in points) of a 72 dpi rendering. */
static double
ink_fraction (cairo_surface_t *image,
              double           x,
              double           y,
              double           width,
              double           height)
{
  int stride = cairo_image_surface_get_stride (image);
  int iw = cairo_image_surface_get_width (image), ih = cairo_image_surface_get_height (image);
  const guint8 *pixels = cairo_image_surface_get_data (image);
  guint inked = 0, total = 0;

  for (int py = MAX (0, (int) y); py < MIN (ih, (int) (y + height)); py++)
    for (int px = MAX (0, (int) x); px < MIN (iw, (int) (x + width)); px++)
      {
        guint32 pixel = *(const guint32 *) (pixels + py * stride + px * 4);
        guint r = (pixel >> 16) & 0xff, g = (pixel >> 8) & 0xff, b = pixel & 0xff;

        total++;
        if (r < 235 || g < 235 || b < 235)
          inked++;
      }
  return total > 0 ? (double) inked / total : 0;
}

/* Tests */

static void
check_report (Fixture     *f,
              const char  *mrn,
              VastusPaper  paper)
{
  g_autoptr(VastusReportData) data = load_data (f, mrn, FALSE, "Progressing well; continue the plan.");
  g_autoptr(VastusCriteriaSet) set = expected_set (f, mrn);
  g_autoptr(VastusPatient) patient = vastus_database_find_patient (f->db, mrn, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_strdup_printf ("%s/%s-%s.pdf", f->dir, mrn, vastus_paper_to_string (paper));
  g_autofree char *sha256 = NULL;
  g_autofree char *size = NULL;
  g_autofree char *text = NULL;
  g_autofree char *expected_page = NULL;
  g_autofree char *version = NULL;
  g_autofree char *png_prefix = g_strdup_printf ("%s/%s-page", f->dir, mrn);
  g_autofree char *png = g_strdup_printf ("%s.png", png_prefix);
  g_autoptr(VastusReportLayout) layout = NULL;
  cairo_surface_t *image;
  double width, height;
  guint pages, charts_on_page_1 = 0;

  sha256 = vastus_report_write_pdf (data, paper, path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (sha256);

  /* Pages and paper. */
  pages = pdf_pages (path, &size);
  g_assert_cmpuint (pages, >=, 1);
  if (paper == VASTUS_PAPER_A4)
    g_assert_true (g_str_has_prefix (size, "595.28 x 841.89"));
  else
    g_assert_true (g_str_has_prefix (size, "612 x 792"));

  /* The texts the surgeon needs. */
  text = pdf_text (path, 0);
  assert_contains (text, patient->name);
  assert_contains (text, patient->mrn);
  assert_contains (text, "Riverside Physiotherapy");
  assert_contains (text, "2026-06-01");
  assert_contains (text, set->title);
  /* The set's id and its working notes (shared-docs file names, web addresses) are not for
   * print: the sources are cited. */
  assert_not_contains (text, set->id);
  assert_not_contains (text, ".md");
  assert_not_contains (text, "http");
  assert_contains (text, "Sources:");
  version = g_strdup_printf ("Version %d", set->version);
  assert_contains (text, version);
  for (guint i = 0; i < set->criteria->len; i++)
    {
      const VastusCriterion *c = g_ptr_array_index (set->criteria, i);

      if (vastus_criterion_applies_to (c, patient->sex))
        assert_contains (text, c->label);
    }
  assert_contains (text, "Progressing well; continue the plan.");
  /* Knee extension in the key measures: how its sign reads is said under them, as on screen. */
  {
    gboolean extension = FALSE;

    for (guint i = 0; i < data->measures->len; i++)
      if (g_str_equal (((VastusReportMeasureRow *) g_ptr_array_index (data->measures, i))->code,
                       "knee_extension"))
        extension = TRUE;
    if (extension)
      assert_contains (text, "Knee extension: 0° is straight; 5 lacks 5° of extension; "
                             "−5 hyperextends 5°.");
    else
      assert_not_contains (text, "0° is straight");
    /* The demo's ACL patient has it. */
    if (g_str_equal (mrn, "DEMO-001"))
      g_assert_true (extension);
  }
  for (guint p = 1; p <= pages; p++)
    {
      g_autofree char *page_text = pdf_text (path, (int) p);
      g_autofree char *footer = g_strdup_printf ("page %u of %u", p, pages);

      assert_contains (page_text, footer);
    }
  /* The assessment and the signature under it share the last page: a signature never stands
   * alone on a page of its own. */
  {
    g_autofree char *last = pdf_text (path, (int) pages);

    assert_contains (last, "Therapist’s assessment");
  }
  expected_page = g_strdup_printf ("page 1 of %u", pages);
  assert_contains (text, expected_page);
  assert_fonts_embedded (path);

  /* Page 1 at 72 dpi: one pixel per point. The charts are where the layout put them. */
  vastus_paper_get_size (paper, &width, &height);
  layout = vastus_report_layout_new (data, width, height);
  g_assert_cmpuint (vastus_report_layout_get_n_pages (layout), ==, pages);
  {
    const char *argv[] = { "pdftoppm", "-png", "-r", "72", "-f", "1", "-l", "1", "-singlefile",
                           path, png_prefix, NULL };
    g_free (run_tool (argv));
  }
  image = cairo_image_surface_create_from_png (png);
  g_assert_cmpint (cairo_surface_status (image), ==, CAIRO_STATUS_SUCCESS);
  for (guint i = 0; i < vastus_report_layout_get_n_charts (layout); i++)
    {
      const VastusReportChartPlacement *c = vastus_report_layout_get_chart (layout, i);

      /* Never cut by a page break. */
      g_assert_cmpfloat (c->y + c->height, <=, height - VASTUS_REPORT_MARGIN);
      if (c->page != 0)
        continue;
      charts_on_page_1++;
      g_assert_cmpfloat (ink_fraction (image, c->x, c->y, c->width, c->height), >, 0.03);
    }
  g_assert_cmpuint (charts_on_page_1, >=, 2);
  /* The right margin is blank: the ink check can fail. */
  g_assert_cmpfloat (ink_fraction (image, width - VASTUS_REPORT_MARGIN + 4, 100, VASTUS_REPORT_MARGIN - 8,
                                   height - 200), ==, 0);
  cairo_surface_destroy (image);

  /* The record, with the checksum of the file as written. */
  {
    g_autoptr(VastusReportRecord) record = vastus_report_record_new ();
    g_autoptr(GPtrArray) reports = NULL;
    g_autofree char *contents = NULL;
    g_autofree char *expected_sha = NULL;
    const VastusReportRecord *stored;
    gsize length;

    record->patient_id = data->patient_id;
    record->episode_id = data->episode_id;
    record->criteria_set_id = g_strdup (data->set_id);
    record->criteria_set_version = data->set_version;
    record->report_date = data->report_date;
    record->file_name = g_path_get_basename (path);
    record->sha256 = g_strdup (sha256);
    record->paper = g_strdup (vastus_paper_to_string (paper));
    record->narrative = g_strdup (data->narrative);
    g_assert_true (vastus_database_insert_report (f->db, record, &error));
    g_assert_no_error (error);

    g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
    expected_sha = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);
    reports = vastus_database_list_reports (f->db, patient->id, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (reports->len, >=, 1);
    stored = g_ptr_array_index (reports, 0);
    g_assert_cmpstr (stored->sha256, ==, expected_sha);
    g_assert_cmpstr (stored->criteria_set_id, ==, set->id);
    g_assert_cmpint (stored->criteria_set_version, ==, set->version);
    g_assert_cmpstr (stored->paper, ==, vastus_paper_to_string (paper));
    g_assert_cmpstr (stored->narrative, ==, "Progressing well; continue the plan.");
    g_assert_false (stored->deidentified);
    g_assert_cmpint (g_date_compare (&stored->report_date, &f->today), ==, 0);
  }
}

static void
test_demo_a4 (Fixture       *f,
              gconstpointer  user_data)
{
  for (guint i = 0; i < G_N_ELEMENTS (demo_mrns); i++)
    check_report (f, demo_mrns[i], VASTUS_PAPER_A4);
}

static void
test_demo_letter (Fixture       *f,
                  gconstpointer  user_data)
{
  for (guint i = 0; i < G_N_ELEMENTS (demo_mrns); i++)
    check_report (f, demo_mrns[i], VASTUS_PAPER_LETTER);
}

static void
assert_no_iso_date (const char *text)
{
  g_autoptr(GRegex) regex = g_regex_new ("[0-9]{4}-[0-9]{2}-[0-9]{2}", 0, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;

  if (g_regex_match (regex, text, 0, &match))
    {
      g_autofree char *found = g_match_info_fetch (match, 0);

      g_error ("A date (%s) in a de-identified text:\n%s", found, text);
    }
}

static void
check_deidentified (Fixture    *f,
                    const char *mrn,
                    gboolean    over_89)
{
  g_autoptr(VastusPatient) patient = vastus_database_find_patient (f->db, mrn, NULL);
  /* A careless narrative: the name, the MRN and dates are taken out. */
  g_autofree char *narrative = g_strdup_printf ("Seen with %s (%s) on 2026-05-02 and 03/05/2026; doing well.",
                                                patient->name, patient->mrn);
  g_autoptr(VastusReportData) data = load_data (f, mrn, TRUE, narrative);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_strdup_printf ("%s/%s-deid.pdf", f->dir, mrn);
  g_autofree char *sha256 = NULL;
  g_autofree char *text = NULL;
  g_autofree char *info = NULL;
  g_autofree char *code = vastus_database_get_study_code (f->db, patient->id, &error);
  g_autofree char *birth = NULL;
  char buf[VASTUS_DATE_BUF_SIZE];

  g_assert_no_error (error);
  sha256 = vastus_report_write_pdf (data, VASTUS_PAPER_A4, path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pdf_pages (path, NULL), >=, 1);

  text = pdf_text (path, 0);
  assert_contains (text, code);
  assert_contains (text, "Study code");
  assert_not_contains (text, patient->name);
  assert_not_contains (text, patient->mrn);
  birth = g_strdup (vastus_date_format (&patient->birth_date, buf));
  assert_not_contains (text, birth);
  assert_no_iso_date (text);
  assert_not_contains (text, "03/05/2026");
  assert_contains (text, "doing well.");
  assert_contains (text, "[redacted]");
  if (over_89)
    assert_contains (text, "90+");
  else
    assert_not_contains (text, "90+");
  assert_fonts_embedded (path);

  /* Nor in the document's metadata. */
  {
    const char *argv[] = { "pdfinfo", path, NULL };

    info = run_tool (argv);
    assert_not_contains (info, patient->name);
    assert_not_contains (info, patient->mrn);
    assert_contains (info, code);
  }

  /* No date finer than the year (Safe Harbor): the exact creation time beside "week 46 after
   * surgery" would give the surgery's week away. pdfinfo -rawdates shows the dates as written
   * ("D:20261205182606Z" before); the file holds no other date string either. */
  {
    const char *argv[] = { "pdfinfo", "-rawdates", path, NULL };
    g_autofree char *raw = run_tool (argv);
    g_auto(GStrv) lines = g_strsplit (raw, "\n", -1);
    g_autofree char *bytes = NULL;
    gsize length = 0;
    guint n_dates = 0;

    for (guint i = 0; lines[i] != NULL; i++)
      if (strstr (lines[i], "Date:") != NULL)
        {
          const char *value = g_strchug (strchr (lines[i], ':') + 1);

          n_dates++;
          if (!g_regex_match_simple ("^(D:)?[0-9]{4}$", value, 0, 0))
            g_error ("the de-identified PDF has a date finer than the year: %s", lines[i]);
        }
    g_assert_cmpuint (n_dates, ==, 2);   /* CreationDate and ModDate, the year alone */
    g_assert_true (g_file_get_contents (path, &bytes, &length, NULL));
    for (gsize i = 0; i + 8 < length; i++)
      if (bytes[i] == 'D' && bytes[i + 1] == ':' && g_ascii_isdigit (bytes[i + 2])
          && g_ascii_isdigit (bytes[i + 7]))
        g_error ("the de-identified PDF holds a date string at byte %zu", i);
  }
}

static void
test_deidentified (Fixture       *f,
                   gconstpointer  user_data)
{
  for (guint i = 0; i < G_N_ELEMENTS (demo_mrns); i++)
    check_deidentified (f, demo_mrns[i], FALSE);
  check_deidentified (f, FIXTURE_OLD_MRN, TRUE);
}

/* A long history and a long narrative: several pages, paragraphs split between lines, the
 * footer right on every page. */
static void
test_pagination (Fixture       *f,
                 gconstpointer  user_data)
{
  g_autoptr(GString) narrative = g_string_new (NULL);
  g_autoptr(VastusReportData) data = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (f->dir, "long.pdf", NULL);
  g_autofree char *sha256 = NULL;
  g_autofree char *last = NULL;
  g_autoptr(VastusReportLayout) layout = NULL;
  guint pages;

  fixture_insert_acl (f->db, &f->today, FIXTURE_LONG_MRN, FIXTURE_LONG_NAME, 30, 100);
  for (guint i = 1; i <= 40; i++)
    g_string_append_printf (narrative, "Paragraph %u: the quadriceps deficit narrows week by week, "
                            "hop testing is symmetric enough to begin running drills, and the "
                            "swelling has settled.\n", i);
  data = load_data (f, FIXTURE_LONG_MRN, FALSE, narrative->str);
  layout = vastus_report_layout_new (data, 595.28, 841.89);
  g_assert_cmpuint (vastus_report_layout_get_n_pages (layout), >=, 3);
  sha256 = vastus_report_write_pdf (data, VASTUS_PAPER_A4, path, &error);
  g_assert_no_error (error);
  pages = pdf_pages (path, NULL);
  g_assert_cmpuint (pages, ==, vastus_report_layout_get_n_pages (layout));

  /* Every paragraph made it, in order, and the last page says so. */
  {
    g_autofree char *text = pdf_text (path, 0);
    const char *from = text;

    for (guint i = 1; i <= 40; i++)
      {
        g_autofree char *needle = g_strdup_printf ("Paragraph %u:", i);
        const char *at = strstr (from, needle);

        g_assert_nonnull (at);
        from = at;
      }
  }
  last = pdf_text (path, (int) pages);
  {
    g_autofree char *footer = g_strdup_printf ("page %u of %u", pages, pages);

    assert_contains (last, footer);
    assert_contains (last, FIXTURE_LONG_NAME);
  }
}

/* De-identified CSV export: the storage function and the command line. */

static void
check_deidentified_csv (Fixture    *f,
                        const char *csv,
                        gsize       length)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = vastus_csv_parse (csv, length, &error);
  g_autoptr(GRegex) date = g_regex_new ("[0-9]{4}-[0-9]{2}-[0-9]{2}", 0, 0, NULL);
  const char *const *columns = vastus_csv_export_deidentified_columns ();
  g_autoptr(GHashTable) codes = g_hash_table_new (g_str_hash, g_str_equal);
  const char *patients[] = { "DEMO-001", "DEMO-002", "DEMO-003", FIXTURE_OLD_MRN };
  const VastusCsvRow *header;
  guint age_column = 0, code_column = 0;
  gboolean saw_90_plus = FALSE;

  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, >, 10);
  header = g_ptr_array_index (rows, 0);
  for (guint c = 0; columns[c] != NULL; c++)
    {
      g_assert_cmpuint (c, <, header->n_fields);
      g_assert_cmpstr (header->fields[c].text, ==, columns[c]);
      if (g_str_equal (columns[c], "age"))
        age_column = c;
      if (g_str_equal (columns[c], "study_code"))
        code_column = c;
    }
  assert_no_iso_date (csv);
  for (guint i = 0; i < G_N_ELEMENTS (patients); i++)
    {
      g_autoptr(VastusPatient) p = vastus_database_find_patient (f->db, patients[i], NULL);

      assert_not_contains (csv, p->mrn);
      assert_not_contains (csv, p->name);
    }
  /* Free text is gone: notes and clinicians. */
  assert_not_contains (csv, "John");
  assert_not_contains (csv, "Dr Evil");
  assert_not_contains (csv, "Elm Road");

  for (guint r = 1; r < rows->len; r++)
    {
      const VastusCsvRow *row = g_ptr_array_index (rows, r);

      for (guint c = 0; c < row->n_fields; c++)
        {
          const char *cell = row->fields[c].text;
          double number;

          /* No cell a spreadsheet would run: text never starts with = + - @ TAB CR, and a
           * leading '-' only on numbers. */
          if (cell[0] == '-' && vastus_number_parse (cell, &number, NULL))
            continue;
          g_assert_true (strchr ("=+-@\t\r", cell[0]) == NULL || cell[0] == '\0');
        }
      g_hash_table_add (codes, row->fields[code_column].text);
      if (g_str_equal (row->fields[age_column].text, "90+"))
        saw_90_plus = TRUE;
      /* Nobody is older than 89 in plain numbers. */
      if (row->fields[age_column].text[0] != '\0' && !g_str_equal (row->fields[age_column].text, "90+"))
        g_assert_cmpint (atoi (row->fields[age_column].text), <=, 89);
    }
  g_assert_true (saw_90_plus);
  g_assert_cmpuint (g_hash_table_size (codes), ==, G_N_ELEMENTS (patients));
}

static void
test_export_deidentified (Fixture       *f,
                          gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *csv = NULL;
  g_autofree char *again = NULL;
  g_autofree char *plain = NULL;
  gsize length = 0;

  csv = vastus_csv_export_deidentified (f->db, NULL, &length, &error);
  g_assert_no_error (error);
  check_deidentified_csv (f, csv, length);

  /* The study codes are a stable mapping: the same file again. */
  again = vastus_csv_export_deidentified (f->db, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (csv, ==, again);

  /* The identified export guards the same free text (the name starts with '='). */
  plain = vastus_csv_export (f->db, FIXTURE_OLD_MRN, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (plain, "'=HYPERLINK"));
  g_assert_nonnull (strstr (plain, "'+OLD-0092"));
}

static void
test_study_code (Fixture       *f,
                 gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VastusPatient) a = vastus_database_find_patient (f->db, "DEMO-001", NULL);
  g_autoptr(VastusPatient) b = vastus_database_find_patient (f->db, "DEMO-002", NULL);
  g_autofree char *code_a = vastus_database_get_study_code (f->db, a->id, &error);
  g_autofree char *code_a2 = vastus_database_get_study_code (f->db, a->id, &error);
  g_autofree char *code_b = vastus_database_get_study_code (f->db, b->id, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (code_a, ==, code_a2);
  g_assert_cmpstr (code_a, !=, code_b);
  g_assert_true (g_str_has_prefix (code_a, "S-"));
  g_assert_cmpuint (strlen (code_a), ==, 10);
  /* Not derived from the MRN. */
  assert_not_contains (code_a, "001");

  /* A report row cannot be changed afterwards (its checksum stands). */
  {
    g_autoptr(VastusReportRecord) record = vastus_report_record_new ();

    record->patient_id = a->id;
    record->report_date = f->today;
    record->file_name = g_strdup ("a.pdf");
    record->sha256 = g_strdup ("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef");
    record->paper = g_strdup ("a4");
    g_assert_true (vastus_database_insert_report (f->db, record, &error));
    g_assert_no_error (error);
    g_assert_cmpint (record->id, >, 0);
    g_assert_nonnull (record->created_at);

    /* A checksum that is not one is refused. */
    g_free (record->sha256);
    record->sha256 = g_strdup ("not-a-checksum");
    g_assert_false (vastus_database_insert_report (f->db, record, &error));
    g_assert_error (error, VASTUS_STORE_ERROR, VASTUS_STORE_ERROR_CONSTRAINT);
  }
}

/* The command line: report and export --deidentify. */

static int
run_cli (Fixture            *f,
         const char *const  *args,
         char              **out)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  int status = 0;

  g_ptr_array_add (argv, (char *) VASTUS_CLI_PATH);
  g_ptr_array_add (argv, (char *) "--db");
  g_ptr_array_add (argv, f->db_path);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);
  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL, out, &err, &status, &error);
  g_assert_no_error (error);
  if (g_test_verbose () && err != NULL)
    g_printerr ("%s", err);
  return WIFEXITED (status) ? WEXITSTATUS (status) : -1;
}

/* The knee replacement's girth chart (knee girth only) follows the report's units. */
static void
test_imperial_girth (Fixture       *f,
                     gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  VastusReportOptions options = { 0 };
  g_autoptr(VastusReportData) data = NULL;
  g_autofree char *path = g_build_filename (f->dir, "imperial.pdf", NULL);
  g_autofree char *sha256 = NULL;
  g_autofree char *text = NULL;

  options.report_date = &f->today;
  options.imperial = TRUE;
  data = vastus_report_data_load (f->db, "DEMO-003", &options, &error);
  g_assert_no_error (error);
  g_assert_nonnull (data->girth);
  g_assert_true (data->girth->inches);
  sha256 = vastus_report_write_pdf (data, VASTUS_PAPER_A4, path, &error);
  g_assert_no_error (error);
  text = pdf_text (path, 0);
  assert_contains (text, "Difference (in)");
  assert_not_contains (text, "Difference (cm)");
}

static void
test_cli (Fixture       *f,
          gconstpointer  user_data)
{
  g_autofree char *pdf = g_build_filename (f->dir, "cli.pdf", NULL);
  g_autofree char *csv_path = g_build_filename (f->dir, "deid.csv", NULL);
  g_autofree char *size = NULL;
  g_autofree char *csv = NULL;
  g_autofree char *expected_sha = NULL;
  g_autoptr(GPtrArray) reports = NULL;
  g_autoptr(VastusPatient) patient = NULL;
  g_autoptr(GError) error = NULL;
  const VastusReportRecord *stored;
  gsize length;

  /* Let the child write to the database. */
  g_clear_object (&f->db);
  {
    const char *args[] = { "report", "--patient", "DEMO-002", "--paper", "letter", "--deidentify",
                           "--narrative", "Ready to progress to running.", "-o", pdf, NULL };

    g_assert_cmpint (run_cli (f, args, NULL), ==, 0);
  }
  g_assert_cmpuint (pdf_pages (pdf, &size), >=, 1);
  g_assert_true (g_str_has_prefix (size, "612 x 792"));
  {
    const char *args[] = { "report", "--patient", "NOBODY", "-o", pdf, NULL };

    g_assert_cmpint (run_cli (f, args, NULL), ==, 1);
  }
  {
    const char *args[] = { "report", "--patient", "DEMO-002", "--paper", "a5", "-o", pdf, NULL };

    g_assert_cmpint (run_cli (f, args, NULL), ==, 2);
  }
  /* an earlier version of a set, one that does not exist, a version that is no number */
  {
    g_autofree char *v1 = g_build_filename (f->dir, "v1.pdf", NULL);
    const char *args[] = { "report", "--patient", "DEMO-001", "--set", "aclr-return-to-sport",
                           "--set-version", "1", "-o", v1, NULL };
    const char *missing[] = { "report", "--patient", "DEMO-001", "--set-version", "7", "-o", v1, NULL };
    const char *bad[] = { "report", "--patient", "DEMO-001", "--set-version", "-1", "-o", v1, NULL };
    g_autofree char *text = NULL;

    g_assert_cmpint (run_cli (f, args, NULL), ==, 0);
    text = pdf_text (v1, 0);
    assert_contains (text, "Version 1 · results from the last 4 weeks ·");
    g_assert_cmpint (run_cli (f, missing, NULL), ==, 1);
    g_assert_cmpint (run_cli (f, bad, NULL), ==, 2);
  }
  {
    const char *args[] = { "export", "--deidentify", "-o", csv_path, NULL };

    g_assert_cmpint (run_cli (f, args, NULL), ==, 0);
  }

  f->db = vastus_database_open (f->db_path, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (csv_path, &csv, &length, NULL));
  check_deidentified_csv (f, csv, length);

  /* The report is on record with the checksum of the file. */
  g_clear_pointer (&csv, g_free);
  g_assert_true (g_file_get_contents (pdf, &csv, &length, NULL));
  expected_sha = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) csv, length);
  patient = vastus_database_find_patient (f->db, "DEMO-002", NULL);
  reports = vastus_database_list_reports (f->db, patient->id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (reports->len, ==, 1);
  stored = g_ptr_array_index (reports, 0);
  g_assert_cmpstr (stored->sha256, ==, expected_sha);
  g_assert_cmpstr (stored->file_name, ==, "cli.pdf");
  g_assert_true (stored->deidentified);
  g_assert_cmpstr (stored->paper, ==, "letter");
  g_assert_cmpstr (stored->narrative, ==, "Ready to progress to running.");
  g_assert_cmpstr (stored->criteria_set_id, ==, "pfp-return-to-activity");
}

/* Issue 23's patient at 13 weeks: the report says "not cleared", with what holds, never the
 * mark of success; the quadriceps says it came from a hand-held dynamometer. */
static void
test_verdict (Fixture       *f,
              gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  VastusReportOptions options = { 0 };
  g_autoptr(VastusReportData) data = NULL;
  g_autofree char *path = g_build_filename (f->dir, "verdict.pdf", NULL);
  g_autofree char *sha256 = NULL;
  g_autofree char *text = NULL;
  GDate date;

  fixture_insert_verdict_case (f->db);
  g_date_clear (&date, 1);
  g_date_set_dmy (&date, 6, G_DATE_APRIL, 2026);
  options.report_date = &date;
  data = vastus_report_data_load (f->db, FIXTURE_VERDICT_MRN, &options, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (data->set_id, ==, "aclr-return-to-sport");
  g_assert_cmpint (data->set_version, ==, 2);
  g_assert_false (data->ready);
  g_assert_cmpstr (data->verdict, ==, "10 of 12 criteria met · not cleared: effusion 2+ (hold), "
                                      "pain 5/10 (hold), Quadriceps HHD held by hand (hold), "
                                      "13 weeks of the 39 the source advises, 1 more not met");
  sha256 = vastus_report_write_pdf (data, VASTUS_PAPER_A4, path, &error);
  g_assert_no_error (error);
  text = pdf_text (path, 0);
  assert_contains (text, "✗ 10 of 12 criteria met · not cleared: effusion 2+ (hold),");
  assert_contains (text, "13 weeks of the 39 the source advises");
  assert_contains (text, "Quadriceps strength index at least 90 % — by hand-held dynamometer");
  /* (the value wraps in its column, at the hyphen) */
  assert_contains (text, "100.0 % by hand");
  assert_contains (text, "dynamometer, held by hand");
  assert_contains (text, "Pain 5/10 is at or above the limit of 5/10");
  assert_contains (text, "Quadriceps isometric force (hand-held dynamometer): the dynamometer was held by hand");
  assert_contains (text, "results from the last 4 weeks");
  assert_not_contains (text, "all criteria met");
  assert_not_contains (text, "✓ all met");

  /* the first version, as reports were judged: 8 of 8, still not cleared */
  g_clear_pointer (&data, vastus_report_data_free);
  options.set_version = 1;
  data = vastus_report_data_load (f->db, FIXTURE_VERDICT_MRN, &options, &error);
  g_assert_no_error (error);
  g_assert_cmpint (data->set_version, ==, 1);
  g_assert_true (data->all_met);
  g_assert_false (data->ready);
  g_assert_true (g_str_has_prefix (data->verdict, "8 of 8 criteria met · not cleared: "));
  g_clear_pointer (&data, vastus_report_data_free);
  options.set_version = 3;
  data = vastus_report_data_load (f->db, FIXTURE_VERDICT_MRN, &options, &error);
  g_assert_null (data);
  g_assert_error (error, VASTUS_REPORT_ERROR, VASTUS_REPORT_ERROR_NO_SET);
}

/* A pain limit of 0 is 0 (it was read as "none given: 5"): pain 5/10 is flagged at the limit of
 * 0 and of 5, each named, and not under the limit of 6. */
static void
test_pain_limit (Fixture       *f,
                 gconstpointer  user_data)
{
  static const struct { double limit; gboolean flagged; } cases[] = {
    { 0, TRUE }, { 5, TRUE }, { 6, FALSE },
  };

  fixture_insert_verdict_case (f->db);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(VastusReportData) data = NULL;
      VastusReportOptions options = { 0 };
      VastusClinicRules rules = VASTUS_CLINIC_RULES_DEFAULT;
      g_autofree char *flag = g_strdup_printf ("Pain 5/10 is at or above the limit of %g/10", cases[i].limit);
      gboolean flagged = FALSE;
      GDate date;

      g_date_clear (&date, 1);
      g_date_set_dmy (&date, 6, G_DATE_APRIL, 2026);
      rules.pain_limit = cases[i].limit;
      options.report_date = &date;
      options.rules = &rules;
      data = vastus_report_data_load (f->db, FIXTURE_VERDICT_MRN, &options, &error);
      g_assert_no_error (error);
      for (guint j = 0; j < data->flags->len; j++)
        flagged |= g_str_has_prefix (g_ptr_array_index (data->flags, j), flag);
      g_test_message ("limit %g", cases[i].limit);
      g_assert_cmpint (flagged, ==, cases[i].flagged);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/report/demo/a4", Fixture, NULL, fixture_setup, test_demo_a4, fixture_teardown);
  g_test_add ("/report/demo/letter", Fixture, NULL, fixture_setup, test_demo_letter, fixture_teardown);
  g_test_add ("/report/deidentified", Fixture, NULL, fixture_setup, test_deidentified, fixture_teardown);
  g_test_add ("/report/pagination", Fixture, NULL, fixture_setup, test_pagination, fixture_teardown);
  g_test_add ("/report/study-code", Fixture, NULL, fixture_setup, test_study_code, fixture_teardown);
  g_test_add ("/report/export-deidentified", Fixture, NULL, fixture_setup, test_export_deidentified,
              fixture_teardown);
  g_test_add ("/report/imperial-girth", Fixture, NULL, fixture_setup, test_imperial_girth,
              fixture_teardown);
  g_test_add ("/report/cli", Fixture, NULL, fixture_setup, test_cli, fixture_teardown);
  g_test_add ("/report/verdict", Fixture, NULL, fixture_setup, test_verdict, fixture_teardown);
  g_test_add ("/report/pain-limit", Fixture, NULL, fixture_setup, test_pain_limit, fixture_teardown);
  return g_test_run ();
}
