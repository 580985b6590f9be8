/* test-report-text.c: clinical text is never lost on paper
 *
 * Every free-text field a report prints, far longer than anyone would type (the restrictions
 * and the assessment longer than a page; a 64-character MRN, the longest the database takes),
 * and a clinic's own criteria set with long labels: read back from the PDF with `pdftotext
 * -bbox`, every word is there once, on the page, inside the margins, and clear of the running
 * header and the footer. The same for long chart legends and for a patient with 100 visits.
 * Also: the criteria set's sources cited cleanly, the LSI tile naming its test, a flag listed
 * once.
 *
 * The words are made up (a field's prefix and a number) so that each can be found; expected
 * values come from the text put in, not from the program.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "report-fixture.h"
#include "vastus-report-data.h"
#include "vastus-report-layout.h"

/* vastus-report-layout-private.h: the footer and the running header. */
#define FOOTER_H   12.0
#define RUNNING_H  20.0
#define SLACK       1.5   /* glyph boxes reach a little past a line's logical box */

typedef ReportFixture Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  user_data)
{
  report_fixture_open (f);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  user_data)
{
  report_fixture_close (f);
}

/* Text of at least @chars characters: words "<prefix>0001", "<prefix>0002" … in sentences;
 * @paragraph > 0 starts a new line that often (in words). Every word goes into @words. */
static char *
words_text (const char *prefix,
            guint       chars,
            guint       paragraph,
            GPtrArray  *words)
{
  GString *s = g_string_new (NULL);

  for (guint i = 1; s->len < chars; i++)
    {
      g_autofree char *word = g_strdup_printf ("%s%04u", prefix, i);

      if (i > 1)
        g_string_append_c (s, paragraph > 0 && i % paragraph == 1 ? '\n' : ' ');
      g_string_append (s, word);
      if (i % 11 == 0)
        g_string_append_c (s, '.');
      g_ptr_array_add (words, g_steal_pointer (&word));
    }
  return g_string_free (s, FALSE);
}

/* PDF words */

typedef struct
{
  guint  page;
  double x0, y0, x1, y1;
  char  *text;
} Word;

static void
word_free (Word *w)
{
  g_free (w->text);
  g_free (w);
}

typedef struct
{
  double     width, height;
  GPtrArray *words;        /* of Word* */
  char      *joined;       /* every word, without spaces: words cut at a line end meet again */
} Pdf;

static void
pdf_clear (Pdf *pdf)
{
  g_clear_pointer (&pdf->words, g_ptr_array_unref);
  g_clear_pointer (&pdf->joined, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Pdf, pdf_clear)

static void
read_pdf (const char *path,
          Pdf        *pdf)
{
  const char *argv[] = { "pdftotext", "-bbox", "-enc", "UTF-8", path, "-", NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL, *err = NULL;
  g_autoptr(GRegex) page_re = g_regex_new ("<page width=\"([0-9.]+)\" height=\"([0-9.]+)\">", 0, 0, NULL);
  g_autoptr(GRegex) word_re = g_regex_new ("<word xMin=\"([0-9.]+)\" yMin=\"([0-9.]+)\" xMax=\"([0-9.]+)\" "
                                           "yMax=\"([0-9.]+)\">([^<]*)</word>", 0, 0, NULL);
  g_auto(GStrv) pages = NULL;
  GString *joined = g_string_new (NULL);
  int status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  pdf->words = g_ptr_array_new_with_free_func ((GDestroyNotify) word_free);
  pages = g_strsplit (out, "<page ", -1);
  for (guint p = 1; pages[p] != NULL; p++)
    {
      g_autofree char *chunk = g_strconcat ("<page ", pages[p], NULL);
      g_autoptr(GMatchInfo) match = NULL;
      g_autofree char *width = NULL, *height = NULL;

      g_assert_true (g_regex_match (page_re, chunk, 0, &match));
      width = g_match_info_fetch (match, 1);
      height = g_match_info_fetch (match, 2);
      pdf->width = g_ascii_strtod (width, NULL);
      pdf->height = g_ascii_strtod (height, NULL);
      g_clear_pointer (&match, g_match_info_unref);
      for (g_regex_match (word_re, chunk, 0, &match); g_match_info_matches (match);
           g_match_info_next (match, NULL))
        {
          Word *w = g_new0 (Word, 1);
          g_autofree char *x0 = g_match_info_fetch (match, 1), *y0 = g_match_info_fetch (match, 2);
          g_autofree char *x1 = g_match_info_fetch (match, 3), *y1 = g_match_info_fetch (match, 4);

          w->page = p - 1;
          w->x0 = g_ascii_strtod (x0, NULL);
          w->y0 = g_ascii_strtod (y0, NULL);
          w->x1 = g_ascii_strtod (x1, NULL);
          w->y1 = g_ascii_strtod (y1, NULL);
          w->text = g_match_info_fetch (match, 5);
          g_string_append (joined, w->text);
          g_ptr_array_add (pdf->words, w);
        }
    }
  pdf->joined = g_string_free (joined, FALSE);
}

/* Every word within the side margins, and either in the body of its page, in the footer, or
 * (after page 1) in the running header: nothing outside the page, nothing over the header or
 * the footer. */
static void
assert_placed (const Pdf *pdf)
{
  double bottom = pdf->height - VASTUS_REPORT_MARGIN - FOOTER_H - 6;
  double footer = pdf->height - VASTUS_REPORT_MARGIN - FOOTER_H;
  double running_end = VASTUS_REPORT_MARGIN + RUNNING_H - 7;

  g_assert_cmpuint (pdf->words->len, >, 0);
  for (guint i = 0; i < pdf->words->len; i++)
    {
      const Word *w = g_ptr_array_index (pdf->words, i);
      double top = w->page == 0 ? VASTUS_REPORT_MARGIN : VASTUS_REPORT_MARGIN + RUNNING_H;
      gboolean body = w->y0 >= top - SLACK && w->y1 <= bottom + SLACK;
      gboolean in_footer = w->y0 >= footer - SLACK && w->y1 <= pdf->height - VASTUS_REPORT_MARGIN + SLACK;
      gboolean in_header = w->page > 0 && w->y0 >= VASTUS_REPORT_MARGIN - SLACK && w->y1 <= running_end + SLACK;

      if (w->x0 < VASTUS_REPORT_MARGIN - SLACK || w->x1 > pdf->width - VASTUS_REPORT_MARGIN + SLACK
          || !(body || in_footer || in_header))
        g_error ("“%s” on page %u at (%.1f, %.1f)–(%.1f, %.1f) is out of place (page %.0f × %.0f, "
                 "body to %.1f, footer from %.1f)", w->text, w->page + 1, w->x0, w->y0, w->x1, w->y1,
                 pdf->width, pdf->height, bottom, footer);
    }
}

/* Each of @words in the PDF as a word of its own (a sentence's full stop aside), or, cut at a
 * line end by character wrapping, in the text without spaces. Each at least once; @once: in
 * the body exactly once (the footer and running header repeat the name and MRN, cut short). */
static void
assert_words (const Pdf  *pdf,
              GPtrArray  *words,
              gboolean    once)
{
  g_autoptr(GHashTable) counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < pdf->words->len; i++)
    {
      const Word *w = g_ptr_array_index (pdf->words, i);
      g_autofree char *text = g_strdup (w->text);
      gsize n = strlen (text);

      while (n > 0 && strchr (".,;:", text[n - 1]) != NULL)
        text[--n] = '\0';
      g_hash_table_insert (counts, g_strdup (text),
                           GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (counts, text)) + 1));
    }
  for (guint i = 0; i < words->len; i++)
    {
      const char *word = g_ptr_array_index (words, i);
      guint n = GPOINTER_TO_UINT (g_hash_table_lookup (counts, word));

      if (n == 0 && strstr (pdf->joined, word) == NULL)
        g_error ("“%s” is missing from the PDF", word);
      if (once && n > 1)
        g_error ("“%s” is in the PDF %u times", word, n);
    }
}

/* The record */

typedef struct
{
  GPtrArray *printed;      /* words the report prints */
  GPtrArray *names;        /* of them, the name and MRN (also in the footer) */
  char      *name, *mrn, *surgeon, *procedure, *restrictions, *notes;
  char      *clinic, *address, *therapist, *narrative;
  char      *set_title, *set_source, *labels[2];
} LongText;

static void
long_text_clear (LongText *t)
{
  g_clear_pointer (&t->printed, g_ptr_array_unref);
  g_clear_pointer (&t->names, g_ptr_array_unref);
  g_free (t->name);
  g_free (t->mrn);
  g_free (t->surgeon);
  g_free (t->procedure);
  g_free (t->restrictions);
  g_free (t->notes);
  g_free (t->clinic);
  g_free (t->address);
  g_free (t->therapist);
  g_free (t->narrative);
  g_free (t->set_title);
  g_free (t->set_source);
  g_free (t->labels[0]);
  g_free (t->labels[1]);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (LongText, long_text_clear)

static void
long_text_init (LongText *t)
{
  g_autoptr(GPtrArray) unprinted = g_ptr_array_new_with_free_func (g_free);

  t->printed = g_ptr_array_new_with_free_func (g_free);
  t->names = g_ptr_array_new_with_free_func (g_free);
  t->name = words_text ("nm", 400, 0, t->names);
  /* The longest MRN the database takes: 64 characters, one unbroken token. */
  t->mrn = g_strdup ("MRN" "0123456789" "0123456789" "0123456789" "0123456789" "0123456789" "0123456789Z");
  g_assert_cmpuint (strlen (t->mrn), ==, 64);
  g_ptr_array_add (t->names, g_strdup (t->mrn));
  t->surgeon = words_text ("sg", 600, 0, t->printed);
  t->procedure = words_text ("pr", 2100, 0, t->printed);
  /* Longer than a page even across the page's width. */
  t->restrictions = words_text ("rs", 12000, 0, t->printed);
  t->clinic = words_text ("ck", 300, 0, t->printed);
  t->address = words_text ("ad", 600, 7, t->printed);
  t->therapist = words_text ("th", 300, 0, t->printed);
  t->narrative = words_text ("as", 20000, 90, t->printed);
  t->set_title = words_text ("ct", 300, 0, t->printed);
  t->set_source = words_text ("cs", 1500, 0, t->printed);
  t->labels[0] = words_text ("la", 1000, 0, t->printed);
  t->labels[1] = words_text ("lb", 1000, 0, t->printed);
  /* Notes are not part of a report: filled, to show they do not disturb it. */
  t->notes = words_text ("no", 5000, 0, unprinted);
}

static gint64
insert_patient (Fixture        *f,
                const LongText *t)
{
  g_autoptr(VastusPatient) patient = vastus_patient_new ();
  g_autoptr(VastusEpisode) episode = vastus_episode_new ();
  g_autoptr(GError) error = NULL;

  patient->mrn = g_strdup (t->mrn);
  patient->name = g_strdup (t->name);
  patient->sex = VASTUS_SEX_FEMALE;
  patient->notes = g_strdup (t->notes);
  fixture_add_days (&patient->birth_date, &f->today, -30 * 365);
  g_assert_true (vastus_database_insert_patient (f->db, patient, &error));
  g_assert_no_error (error);

  episode->patient_id = patient->id;
  episode->condition = VASTUS_CONDITION_ACLR;
  episode->involved_side = VASTUS_SIDE_LEFT;
  fixture_add_days (&episode->surgery_date, &f->today, -7 * 20);
  episode->surgeon = g_strdup (t->surgeon);
  episode->procedure = g_strdup (t->procedure);
  episode->restrictions = g_strdup (t->restrictions);
  g_assert_true (vastus_database_insert_episode (f->db, episode, &error));
  g_assert_no_error (error);

  for (guint i = 0; i < 6; i++)
    {
      g_autoptr(VastusVisit) visit = vastus_visit_new ();

      visit->episode_id = episode->id;
      fixture_add_days (&visit->date, &episode->surgery_date, 21 * (int) (i + 1));
      visit->notes = g_strdup (t->notes);
      fixture_add (visit, "quadriceps_hhd", VASTUS_SIDE_RIGHT, 450, "N");
      fixture_add (visit, "quadriceps_hhd", VASTUS_SIDE_LEFT, 300 + 25 * i, "N");
      fixture_add (visit, "single_hop", VASTUS_SIDE_RIGHT, 160, "cm");
      fixture_add (visit, "single_hop", VASTUS_SIDE_LEFT, 120 + 7 * i, "cm");
      g_assert_true (vastus_database_insert_visit (f->db, visit, &error));
      g_assert_no_error (error);
    }
  return patient->id;
}

/* A clinic's own set: a long title, a long source, two criteria with long labels. */
static VastusCriteriaSet *
clinic_set (const LongText *t)
{
  VastusCriteriaSet *set = vastus_criteria_set_new ();
  const char *measures[][2] = { { "quadriceps_hhd", NULL }, { "single_hop", NULL } };

  set->id = g_strdup ("clinic-long");
  set->version = 3;
  set->title = g_strdup (t->set_title);
  set->source = g_strdup (t->set_source);
  for (guint i = 0; i < 2; i++)
    {
      VastusCriterion *c = vastus_criterion_new ();

      c->id = g_strdup_printf ("c%u", i);
      c->label = g_strdup (t->labels[i]);
      c->metric = VASTUS_METRIC_LSI;
      g_strfreev (c->measures);
      c->measures = g_strdupv ((char **) measures[i]);
      c->comparator = VASTUS_COMPARATOR_GE;
      c->threshold = 90;
      c->unit = g_strdup ("%");
      g_ptr_array_add (set->criteria, c);
    }
  return set;
}

static void
write_pdf (const VastusReportData *data,
           VastusPaper             paper,
           const char             *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *sha256 = vastus_report_write_pdf (data, paper, path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (sha256);
}

/* VASTUS_KEEP_PDF=DIR keeps a copy of the PDF there, to look at. */
static void
keep_pdf (const char *path)
{
  const char *dir = g_getenv ("VASTUS_KEEP_PDF");
  g_autofree char *contents = NULL, *base = NULL, *copy = NULL;
  gsize length;

  if (dir == NULL)
    return;
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  base = g_path_get_basename (path);
  copy = g_build_filename (dir, base, NULL);
  g_assert_true (g_file_set_contents (copy, contents, length, NULL));
  g_test_message ("kept %s", copy);
}

/* Every free-text field far longer than anyone types, on A4 and on Letter. */
static void
test_long_fields (Fixture       *f,
                  gconstpointer  user_data)
{
  g_auto(LongText) t = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(VastusHistory) history = NULL;
  g_autoptr(VastusCriteriaSet) set = NULL;
  VastusReportOptions options = { 0 };

  long_text_init (&t);
  insert_patient (f, &t);
  history = vastus_report_load_history (f->db, t.mrn, 0, NULL, &error);
  g_assert_no_error (error);
  set = clinic_set (&t);
  options.clinic_name = t.clinic;
  options.clinic_address = t.address;
  options.report_date = &f->today;
  options.narrative = t.narrative;
  options.therapist = t.therapist;

  for (VastusPaper paper = VASTUS_PAPER_A4; paper <= VASTUS_PAPER_LETTER; paper++)
    {
      g_autoptr(VastusReportData) data = vastus_report_data_new (history, set, NULL, &options);
      g_autofree char *path = g_strdup_printf ("%s/long-%s.pdf", f->dir, vastus_paper_to_string (paper));
      g_auto(Pdf) pdf = { 0 };

      write_pdf (data, paper, path);
      read_pdf (path, &pdf);
      g_test_message ("%s: %u words", path, pdf.words->len);
      assert_placed (&pdf);
      assert_words (&pdf, t.printed, TRUE);
      assert_words (&pdf, t.names, FALSE);
      /* A clinic's own set is cited as the clinic wrote it. */
      g_assert_nonnull (strstr (pdf.joined, "cs0001cs0002"));
      keep_pdf (path);
    }
}

/* Long legends on the PDF's charts wrap inside the chart; a patient with 100 visits has every
 * value in its table, none over the footer. */
static void
test_legends_and_100_visits (Fixture       *f,
                             gconstpointer  user_data)
{
  g_autoptr(GPtrArray) legend = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *long_label = words_text ("lg", 260, 0, legend);
  g_autoptr(GPtrArray) more = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *long_involved = words_text ("li", 160, 0, more);
  g_autoptr(GError) error = NULL;
  VastusReportOptions options = { 0 };
  g_autoptr(VastusReportData) data = NULL;
  g_autoptr(VastusReportLayout) layout = NULL;
  g_autofree char *path = g_build_filename (f->dir, "hundred.pdf", NULL);
  g_auto(Pdf) pdf = { 0 };
  VastusChartSeries *series;

  fixture_insert_acl (f->db, &f->today, FIXTURE_LONG_MRN, FIXTURE_LONG_NAME, 30, 100);
  options.report_date = &f->today;
  data = vastus_report_data_load (f->db, FIXTURE_LONG_MRN, &options, &error);
  g_assert_no_error (error);
  g_assert_nonnull (data->symmetry);
  g_assert_nonnull (data->progress);
  series = g_ptr_array_index (data->symmetry->series, 0);
  g_free (series->label);
  series->label = g_strdup (long_label);
  g_free (data->progress->involved->label);
  data->progress->involved->label = g_strdup (long_involved);
  g_ptr_array_extend_and_steal (legend, g_steal_pointer (&more));

  write_pdf (data, VASTUS_PAPER_A4, path);
  keep_pdf (path);
  read_pdf (path, &pdf);
  assert_placed (&pdf);
  assert_words (&pdf, legend, TRUE);

  /* The legend's words are inside their chart. */
  layout = vastus_report_layout_new (data, pdf.width, pdf.height);
  for (guint i = 0; i < pdf.words->len; i++)
    {
      const Word *w = g_ptr_array_index (pdf.words, i);
      gboolean inside = FALSE;

      if (!g_str_has_prefix (w->text, "lg") && !g_str_has_prefix (w->text, "li"))
        continue;
      for (guint c = 0; c < vastus_report_layout_get_n_charts (layout); c++)
        {
          const VastusReportChartPlacement *p = vastus_report_layout_get_chart (layout, c);

          inside |= p->page == w->page && w->x0 >= p->x - SLACK && w->x1 <= p->x + p->width + SLACK
                    && w->y0 >= p->y - SLACK && w->y1 <= p->y + p->height + SLACK;
        }
      if (!inside)
        g_error ("legend word “%s” at (%.1f, %.1f) is outside its chart", w->text, w->x0, w->y0);
    }

  /* The table: every measure of the 100th visit with its label. */
  for (guint m = 0; m < data->measures->len; m++)
    {
      const VastusReportMeasureRow *row = g_ptr_array_index (data->measures, m);
      g_autofree char *squeezed = g_strdelimit (g_strdup (row->label), " ", ' ');
      g_autoptr(GString) joined = g_string_new (NULL);

      for (const char *p = squeezed; *p != '\0'; p++)
        if (*p != ' ')
          g_string_append_c (joined, *p);
      if (strstr (pdf.joined, joined->str) == NULL)
        g_error ("measure “%s” is missing from the PDF", row->label);
    }
}

/* The criteria set's sources as a reader looks them up, not the set's working notes. */
static void
test_citation (Fixture       *f,
               gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  VastusReportOptions options = { 0 };
  g_autoptr(VastusReportData) data = NULL;
  g_autofree char *path = g_build_filename (f->dir, "demo.pdf", NULL);
  g_auto(Pdf) pdf = { 0 };

  fixture_insert_demo (f->db, &f->today);
  options.report_date = &f->today;
  data = vastus_report_data_load (f->db, "DEMO-001", &options, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (data->set_id, ==, "aclr-return-to-sport");
  g_assert_cmpstr (data->set_citation, ==,
                   "Grindem et al., Br J Sports Med 2016;50:804. Adams et al., J Orthop Sports Phys Ther "
                   "2012;42:601 (table 5). Grindem et al., Br J Sports Med 2020;54:1099.");
  write_pdf (data, VASTUS_PAPER_A4, path);
  read_pdf (path, &pdf);
  g_assert_nonnull (strstr (pdf.joined, "Sources:Grindemetal.,BrJSportsMed2016;50:804."));
  /* Not the set's id, a shared-docs file, an address or an editorial note. */
  g_assert_null (strstr (pdf.joined, "aclr-return-to-sport"));
  g_assert_null (strstr (pdf.joined, "clinical-reference"));
  g_assert_null (strstr (pdf.joined, "http"));
  g_assert_null (strstr (pdf.joined, "abstractsays"));
  g_assert_null (data->set_origin);

  /* A clinic's copy cites the set it was copied from, and says it is a copy. */
  {
    g_autoptr(VastusHistory) history = vastus_report_load_history (f->db, "DEMO-001", 0, NULL, &error);
    g_autoptr(VastusCriteriaSet) copy = vastus_criteria_builtin_lookup ("aclr-return-to-sport");
    g_autoptr(VastusReportData) copied = NULL;

    g_assert_no_error (error);
    g_free (copy->id);
    copy->id = g_strdup ("clinic-rts");
    copy->version = 2;
    copy->builtin = FALSE;
    copy->based_on = g_strdup ("aclr-return-to-sport@1");
    copied = vastus_report_data_new (history, copy, NULL, &options);
    g_assert_cmpstr (copied->set_citation, ==, data->set_citation);
    g_assert_cmpstr (copied->set_origin, ==, "the clinic\342\200\231s copy of "
                     "\342\200\234Delaware-Oslo return-to-sport criteria\342\200\235, version 1");
  }
}

/* The LSI tile shows the test the criteria are judged by: the demo's ACL patient has both the
 * hand-held and the fixed dynamometer; the Delaware-Oslo quadriceps criterion uses the fixed
 * one (MVIC) first, so the tile shows its LSI and says so. */
static void
test_tile_names_test (Fixture       *f,
                      gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  VastusReportOptions options = { 0 };
  g_autoptr(VastusReportData) data = NULL;
  const VastusReportMeasureRow *mvic = NULL;

  fixture_insert_demo (f->db, &f->today);
  options.report_date = &f->today;
  data = vastus_report_data_load (f->db, "DEMO-001", &options, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < data->measures->len; i++)
    {
      const VastusReportMeasureRow *row = g_ptr_array_index (data->measures, i);

      if (g_str_equal (row->code, "quadriceps_mvic"))
        mvic = row;
    }
  g_assert_nonnull (mvic);
  g_assert_cmpstr (data->headline_lsi, ==, mvic->lsi);
  g_assert_true (g_str_has_prefix (data->headline_lsi_test,
                                   "Quadriceps isometric peak torque (fixed dynamometer), "));
  g_assert_true (g_str_has_suffix (data->headline_lsi_test, mvic->when));
}

/* A 2+ effusion and the surgeon's "no maximal testing before" date are each listed once,
 * though the safety check, the effusion rules and the episode all speak of them. */
static void
test_flag_once (Fixture       *f,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VastusHistory) history = NULL;
  g_autoptr(VastusReportData) data = NULL;
  VastusReportOptions options = { 0 };
  VastusEpisode *episode;
  VastusVisit *last;
  guint effusion = 0, surgeon = 0;

  fixture_insert_acl (f->db, &f->today, "FLAG-1", "Flag Patient", 30, 6);
  history = vastus_report_load_history (f->db, "FLAG-1", 0, NULL, &error);
  g_assert_no_error (error);
  episode = (VastusEpisode *) history->episode;
  fixture_add_days (&episode->no_max_test_before, &f->today, 30);
  last = g_ptr_array_index (history->visits, history->visits->len - 1);
  for (guint i = 0; i < last->measurements->len; i++)
    {
      VastusMeasurement *m = g_ptr_array_index (last->measurements, i);

      if (g_str_equal (m->measure, "effusion_stroke") && m->side == VASTUS_SIDE_LEFT)
        m->value = 3;   /* 2+ */
    }
  options.report_date = &f->today;
  data = vastus_report_data_new (history, NULL, NULL, &options);
  for (guint list = 0; list < 2; list++)
    {
      GPtrArray *lines = list == 0 ? data->flags : data->warnings;

      for (guint i = 0; i < lines->len; i++)
        {
          const char *line = g_ptr_array_index (lines, i);

          g_test_message ("%s: %s", list == 0 ? "flag" : "warning", line);
          effusion += strstr (line, "ffusion") != NULL;
          surgeon += strstr (line, "surgeon allows no maximal") != NULL;
        }
    }
  g_assert_cmpuint (effusion, ==, 1);
  g_assert_cmpuint (surgeon, ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/report/text/long-fields", Fixture, NULL, fixture_setup, test_long_fields,
              fixture_teardown);
  g_test_add ("/report/text/legends-and-100-visits", Fixture, NULL, fixture_setup,
              test_legends_and_100_visits, fixture_teardown);
  g_test_add ("/report/text/citation", Fixture, NULL, fixture_setup, test_citation, fixture_teardown);
  g_test_add ("/report/text/tile-names-test", Fixture, NULL, fixture_setup, test_tile_names_test,
              fixture_teardown);
  g_test_add ("/report/text/flag-once", Fixture, NULL, fixture_setup, test_flag_once, fixture_teardown);
  return g_test_run ();
}
