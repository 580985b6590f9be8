/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <glib/gstdio.h>
#include <locale.h>
#include <math.h>
#include <string.h>

#include "storage-test-util.h"
#include "vastus-csv-export.h"
#include "vastus-csv-import.h"
#include "vastus-units.h"
#include "vastus-value.h"

typedef struct
{
  char           *dir;
  VastusDatabase *db;
} Fixture;

static VastusDatabase *
open_db (Fixture    *f,
         const char *name)
{
  g_autofree char *path = g_build_filename (f->dir, name, NULL);
  g_autoptr(GError) error = NULL;
  VastusDatabase *db;

  /* On a server (storage-test-util.h), each database a new one there. */
  if (storage_test_on_server ())
    return storage_test_open ();
  db = vastus_database_open (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (db);
  return db;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("vastus-csv-XXXXXX", &error);
  g_assert_no_error (error);
  f->db = open_db (f, "test.db");
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  GDir *dir;
  const char *name;

  g_clear_object (&f->db);
  dir = g_dir_open (f->dir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (f->dir, name, NULL);

      g_remove (path);
    }
  g_clear_pointer (&dir, g_dir_close);
  g_rmdir (f->dir);
  g_free (f->dir);
}

static char *
read_fixture (const char *name,
              gsize      *length)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", name, NULL);
  g_autoptr(GError) error = NULL;
  char *data = NULL;

  g_file_get_contents (path, &data, length, &error);
  g_assert_no_error (error);
  return data;
}

static gboolean
import_text (VastusDatabase        *db,
             const char            *text,
             gsize                  length,
             VastusCsvImportCounts *counts,
             GError               **error)
{
  g_autoptr(VastusCsvImport) import = vastus_csv_import_new (db);

  if (!vastus_csv_import_add_data (import, "test.csv", text, length, error))
    return FALSE;
  return vastus_csv_import_commit (import, counts, error);
}

static void
import_good (VastusDatabase        *db,
             VastusCsvImportCounts *counts)
{
  g_autoptr(GError) error = NULL;
  gsize length;
  g_autofree char *text = read_fixture ("good.csv", &length);

  g_assert_true (import_text (db, text, length, counts, &error));
  g_assert_no_error (error);
}

static char *
export_all (VastusDatabase *db)
{
  g_autoptr(GError) error = NULL;
  gsize length = 0;
  char *csv = vastus_csv_export (db, NULL, &length, &error);

  g_assert_no_error (error);
  g_assert_nonnull (csv);
  g_assert_cmpuint (strlen (csv), ==, length);
  return csv;
}

static const VastusMeasurement *
find_measurement (const VastusVisit *visit,
                  const char        *measure,
                  VastusSide         side,
                  int                trial)
{
  for (guint i = 0; i < visit->measurements->len; i++)
    {
      const VastusMeasurement *m = g_ptr_array_index (visit->measurements, i);

      if (g_str_equal (m->measure, measure) && m->side == side && m->trial == trial)
        return m;
    }
  g_error ("no %s/%d/%d", measure, side, trial);
  return NULL;
}

static void
assert_date (const GDate *date,
             const char  *expected)
{
  char buf[VASTUS_DATE_BUF_SIZE];

  g_assert_true (g_date_valid (date));
  g_assert_cmpstr (vastus_date_format (date, buf), ==, expected);
}

/* What good.csv holds, read back through the storage API. */
static void
check_good_contents (VastusDatabase *db)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VastusPatient) p1 = vastus_database_find_patient (db, "V001", &error);
  g_autoptr(VastusPatient) p2 = NULL;
  g_autoptr(GPtrArray) episodes = NULL;
  g_autoptr(GPtrArray) visits = NULL;
  const VastusEpisode *episode;
  const VastusVisit *v1, *v2;
  const VastusMeasurement *m;

  g_assert_no_error (error);
  g_assert_nonnull (p1);
  /* "Doe, Jane" in the name column: split at the comma */
  g_assert_cmpstr (p1->family_name, ==, "Doe");
  g_assert_cmpstr (p1->given_name, ==, "Jane");
  g_assert_cmpstr (p1->name, ==, "Jane Doe");
  assert_date (&p1->birth_date, "1990-04-02");
  g_assert_cmpint (p1->sex, ==, VASTUS_SEX_FEMALE);

  episodes = vastus_database_list_episodes (db, p1->id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (episodes->len, ==, 1);
  episode = g_ptr_array_index (episodes, 0);
  g_assert_cmpint (episode->condition, ==, VASTUS_CONDITION_ACLR);
  g_assert_cmpint (episode->involved_side, ==, VASTUS_SIDE_LEFT);
  assert_date (&episode->surgery_date, "2024-12-01");
  assert_date (&episode->injury_date, "2024-10-15");

  visits = vastus_database_list_visits (db, episode->id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (visits->len, ==, 2);
  v1 = g_ptr_array_index (visits, 0);
  v2 = g_ptr_array_index (visits, 1);
  assert_date (&v1->date, "2025-01-10");
  assert_date (&v2->date, "2025-03-10");
  g_assert_cmpfloat (v1->body_mass_kg, ==, 68.5);
  g_assert_cmpfloat (v1->height_cm, ==, 172);
  g_assert_cmpstr (v1->clinician, ==, "=HYPERLINK(1)");
  g_assert_cmpstr (v1->notes, ==, "first visit\ntwo lines");
  g_assert_cmpuint (v1->measurements->len, ==, 13);
  g_assert_cmpfloat (v2->body_mass_kg, ==, 69);
  g_assert_true (isnan (v2->height_cm));
  g_assert_cmpstr (v2->clinician, ==, "-Dr Smith");
  g_assert_null (v2->notes);
  g_assert_cmpuint (v2->measurements->len, ==, 3);

  /* 100 lbf × 4.4482216152605 N/lbf = 444.82216152605 N, the exact decimal product. */
  m = find_measurement (v1, "quadriceps_hhd", VASTUS_SIDE_LEFT, 1);
  g_assert_cmpfloat (m->value, ==, 444.82216152605);
  g_assert_cmpstr (m->unit, ==, "lbf");
  g_assert_false (m->baseline);
  g_assert_cmpfloat (m->knee_angle_deg, ==, 60);
  g_assert_true (isnan (m->velocity_deg_s));
  m = find_measurement (v1, "quadriceps_hhd", VASTUS_SIDE_LEFT, 2);
  g_assert_cmpfloat (m->value, ==, 400.339945373445);  /* 90 × 4.4482216152605 */
  m = find_measurement (v1, "quadriceps_hhd", VASTUS_SIDE_RIGHT, 1);
  g_assert_cmpfloat (m->value, ==, 400);
  g_assert_cmpstr (m->unit, ==, "N");
  /* 16 in × 2.54 cm/in = 40.64 cm. */
  m = find_measurement (v1, "thigh_girth_10", VASTUS_SIDE_LEFT, 1);
  g_assert_cmpfloat (m->value, ==, 40.64);
  g_assert_cmpstr (m->unit, ==, "in");
  m = find_measurement (v1, "knee_extension", VASTUS_SIDE_LEFT, 1);
  g_assert_cmpfloat (m->value, ==, -5);
  m = find_measurement (v1, "knee_extension", VASTUS_SIDE_RIGHT, 1);
  g_assert_cmpfloat (m->value, ==, 0);
  g_assert_true (m->baseline);
  m = find_measurement (v1, "effusion_stroke", VASTUS_SIDE_LEFT, 1);
  g_assert_cmpfloat (m->value, ==, VASTUS_GRADE_TRACE);
  m = find_measurement (v1, "step_down_valgus", VASTUS_SIDE_RIGHT, 1);
  g_assert_cmpfloat (m->value, ==, 1);
  m = find_measurement (v1, "pain_nrs", VASTUS_SIDE_NONE, 1);
  g_assert_cmpfloat (m->value, ==, 3);
  /* 20 kgf × 9.80665 N/kgf = 196.133 N. */
  m = find_measurement (v1, "hip_abduction_hhd", VASTUS_SIDE_LEFT, 1);
  g_assert_cmpfloat (m->value, ==, 196.133);
  g_assert_cmpstr (m->unit, ==, "kgf");
  m = find_measurement (v2, "quadriceps_isokinetic_60", VASTUS_SIDE_LEFT, 1);
  g_assert_cmpfloat (m->value, ==, 150.5);
  g_assert_cmpfloat (m->velocity_deg_s, ==, 60);

  p2 = vastus_database_find_patient (db, "V002", &error);
  g_assert_no_error (error);
  g_assert_nonnull (p2);
  g_assert_cmpstr (p2->family_name, ==, "Müller");
  g_assert_cmpstr (p2->given_name, ==, "Ünal");
  g_assert_cmpstr (p2->name, ==, "Ünal Müller");
  g_clear_pointer (&episodes, g_ptr_array_unref);
  episodes = vastus_database_list_episodes (db, p2->id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (episodes->len, ==, 1);
  episode = g_ptr_array_index (episodes, 0);
  g_assert_cmpint (episode->condition, ==, VASTUS_CONDITION_PFP);
  g_assert_cmpint (episode->involved_side, ==, VASTUS_SIDE_RIGHT);
  g_assert_false (g_date_valid (&episode->surgery_date));
  g_assert_false (g_date_valid (&episode->injury_date));
  g_clear_pointer (&visits, g_ptr_array_unref);
  visits = vastus_database_list_visits (db, episode->id, &error);
  g_assert_cmpuint (visits->len, ==, 1);
  /* 450 mm = 45 cm. */
  m = find_measurement (g_ptr_array_index (visits, 0), "thigh_girth_15", VASTUS_SIDE_RIGHT, 1);
  g_assert_cmpfloat (m->value, ==, 45);
}

static void
test_import_good (Fixture       *f,
                  gconstpointer  data)
{
  VastusCsvImportCounts counts = { 99, 99, 99, 99, 99 };

  import_good (f->db, &counts);
  g_assert_cmpuint (counts.patients, ==, 2);
  g_assert_cmpuint (counts.episodes, ==, 2);
  g_assert_cmpuint (counts.visits, ==, 3);
  g_assert_cmpuint (counts.measurements, ==, 18);
  g_assert_cmpuint (counts.skipped, ==, 0);
  check_good_contents (f->db);
}

static void
test_import_bom_crlf (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gsize length;
  g_autofree char *text = read_fixture ("good.csv", &length);
  g_autoptr(GString) windows = g_string_new ("\xef\xbb\xbf");
  VastusCsvImportCounts counts = { 0 };

  for (gsize i = 0; i < length; i++)
    {
      if (text[i] == '\n')
        g_string_append_c (windows, '\r');
      g_string_append_c (windows, text[i]);
    }
  g_assert_true (import_text (f->db, windows->str, windows->len, &counts, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (counts.measurements, ==, 18);
  /* The same records, except the note's line break, which was CRLF in this file. */
  {
    g_autoptr(VastusPatient) p = vastus_database_find_patient (f->db, "V001", NULL);
    g_autoptr(GPtrArray) episodes = vastus_database_list_episodes (f->db, p->id, NULL);
    g_autoptr(GPtrArray) visits =
      vastus_database_list_visits (f->db, ((VastusEpisode *) g_ptr_array_index (episodes, 0))->id, NULL);

    g_assert_cmpstr (((VastusVisit *) g_ptr_array_index (visits, 0))->notes, ==, "first visit\r\ntwo lines");
    g_assert_cmpstr (p->family_name, ==, "Doe");
    g_assert_cmpstr (p->given_name, ==, "Jane");
  }
}

static void
test_import_twice (Fixture       *f,
                   gconstpointer  data)
{
  VastusCsvImportCounts counts = { 0 };
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  import_good (f->db, &counts);
  before = export_all (f->db);
  import_good (f->db, &counts);
  g_assert_cmpuint (counts.patients, ==, 0);
  g_assert_cmpuint (counts.episodes, ==, 0);
  g_assert_cmpuint (counts.visits, ==, 0);
  g_assert_cmpuint (counts.measurements, ==, 0);
  g_assert_cmpuint (counts.skipped, ==, 18);
  after = export_all (f->db);
  g_assert_cmpstr (before, ==, after);
}

/* good.csv with one substring replaced must be refused, changing nothing, with a message that
 * contains @where. */
static void
assert_refused (VastusDatabase *db,
                const char     *from,
                const char     *to,
                const char     *where)
{
  gsize length;
  g_autofree char *text = read_fixture ("good.csv", &length);
  g_autofree char *before = export_all (db);
  g_autofree char *after = NULL;
  g_autoptr(GString) bad = g_string_new (text);
  g_autoptr(GError) error = NULL;
  VastusCsvImportCounts counts = { 0 };

  g_test_message ("replacing “%s” by “%s”", from, to);
  g_assert_cmpuint (g_string_replace (bad, from, to, 1), ==, 1);
  g_assert_false (import_text (db, bad->str, bad->len, &counts, &error));
  g_assert_nonnull (error);
  g_test_message ("error: %s", error->message);
  g_assert_true (error->domain == VASTUS_CSV_ERROR);
  g_assert_nonnull (strstr (error->message, where));
  g_assert_true (g_str_has_prefix (error->message, "test.csv: "));
  after = export_all (db);
  g_assert_cmpstr (before, ==, after);
}

/* A row that disagrees with a patient stored before this import names the stored patient (not a
 * line of the file) in a sentence of its own. */
static void
test_import_disagrees_with_stored (Fixture       *f,
                                   gconstpointer  data)
{
  VastusCsvImportCounts counts = { 0 };

  import_good (f->db, &counts);
  assert_refused (f->db, "\"Doe, Jane\",1990-04-02", "\"Doe, Jane\",1990-04-03",
                  "column 9 (birth_date): The birth date differs from the stored patient’s "
                  "(1990-04-02).");
  assert_refused (f->db, "\"Doe, Jane\",1990-04-02,female", "\"Doe, Jane\",1990-04-02,male",
                  "column 10 (sex): The sex differs from the stored patient’s (female).");
}

static void
test_import_bad_rows (Fixture       *f,
                      gconstpointer  data)
{
  /* On an empty database … */
  assert_refused (f->db, "right,400,N,", "right,\"37,5\",N,", "line 5, column 5 (value)");
  assert_refused (f->db, "2025-01-10,V001,thigh_girth_10,right", "2025-01-10,V001,thigh_girht_10,right",
                  "line 7, column 3 (measure)");
  assert_refused (f->db, "2025-01-10,V001,pain_nrs", "2025-01-32,V001,pain_nrs",
                  "line 13, column 1 (visit_date)");
  assert_refused (f->db, "right,400,N,", "right,1501,N,", "line 5, column 5 (value)");
  assert_refused (f->db, "quadriceps_hhd,right,400", "quadriceps_hhd,none,400",
                  "line 5, column 4 (side)");
  assert_refused (f->db, "pain_nrs,none,3", "pain_nrs,left,3", "line 13, column 4 (side)");
  assert_refused (f->db, "thigh_girth_10,left,16,in", "thigh_girth_10,left,16,lbf",
                  "line 6, column 6 (unit)");
  assert_refused (f->db, "clinician,note,", "clinician,notes,", "line 1, column 18: unknown column “notes”");
  assert_refused (f->db, "clinician,note,", "clinician,clinician,",
                  "line 1, column 18: the column “clinician” is there twice");
  assert_refused (f->db, "2025-02-01,V002,pain_nrs,none,6,points,,\"Müller, Ünal\",1985-11-30,male,pfp,right",
                  "2025-02-01,V002,pain_nrs,none,6,points,,\"Müller, Ünal\",1985-11-30,male,pfp,",
                  "line 19, column 12 (involved_side)");
  assert_refused (f->db, "\"Müller, Ünal\",1985-11-30,male", "\"Müller, Ünal\",,male",
                  "line 19, column 9 (birth_date)");
  /* "Jane Doe" is "Doe, Jane" as family and given names; "Jane Roe" is someone else */
  assert_refused (f->db, "2025-03-10,V001,quadriceps_hhd,right,450,N,1,,,,",
                  "2025-03-10,V001,quadriceps_hhd,right,450,N,1,Jane Roe,,,",
                  "line 17, column 8 (name): The name differs from the one in test.csv line 2 (“DOE, Jane”)");
  assert_refused (f->db, "right,450,N,1,", "right,450,N,0,", "line 17, column 7 (trial)");
  assert_refused (f->db, "left,-5,deg,,", "left,-31,deg,,", "line 8, column 5 (value)");
  assert_refused (f->db, "effusion_stroke,left,trace", "effusion_stroke,left,4+", "line 10, column 5 (value)");
  assert_refused (f->db, "step_down_valgus,right,yes", "step_down_valgus,right,true", "line 12, column 5 (value)");
  assert_refused (f->db, "Smith,,,60,\n", "Smith,,,200,\n", "line 16, column 20 (knee_angle_deg)");
  assert_refused (f->db, "2025-01-10,V001,quadriceps_hhd,left,90,lbf,2",
                  "2025-01-10,V001,quadriceps_hhd,left,90,lbf,1", "line 4, column 5 (value)");
  assert_refused (f->db, "2025-02-01,V002,thigh_girth_15", "2026-02-01,V002,thigh_girth_15",
                  "line 20, column 1 (visit_date)");
  assert_refused (f->db, "lbf,2,,,,aclr", "lbf,2,,,,,aclr", "line 4, column 22: 22 fields, but the header has 21");
  assert_refused (f->db, "2025-01-10,V001,knee_extension,left,-5,deg,,,,,aclr,,2024-12-01",
                  "2025-01-10,V001,knee_extension,left,-5,deg,,,,,aclr,,2024-12-02",
                  "line 8, column 12 (involved_side)");

  /* … and on one that holds good.csv already: a changed value is an error, never an update. */
  import_good (f->db, NULL);
  assert_refused (f->db, "right,400,N,", "right,401,N,", "line 5, column 5 (value)");
  assert_refused (f->db, "right,0,deg,,,,,aclr,,2024-12-01,2024-10-15,,,,,yes",
                  "right,0,deg,,,,,aclr,,2024-12-01,2024-10-15,,,,,no", "line 9, column 19 (baseline)");
  assert_refused (f->db, "2025-02-01,V002,pain_nrs,none,6,points,,\"Müller, Ünal\",1985-11-30,male",
                  "2025-02-01,V002,pain_nrs,none,6,points,,\"Müller, Ünal\",1985-11-30,female",
                  "line 19, column 10 (sex)");
  assert_refused (f->db, ",82,180,", ",83,180,", "line 19, column 15 (body_mass_kg)");
}

/* What the database enforces is refused first, each message naming line, column and limit, and
 * quoting at most a few dozen characters of what the file held. */
static void
test_import_names_the_field (Fixture       *f,
                             gconstpointer  data)
{
  static const char header[] =
    "mrn,name,birth_date,sex,condition,involved_side,visit_date,measure,side,trial,value,unit,clinician,note\n";
  g_autofree char *long_mrn = g_strnfill (65, 'M');
  g_autofree char *huge = g_strnfill (10000, '9');
  struct { char *row; const char *where; const char *says; } cases[] = {
    { g_strdup ("X1,Ann,1990-01-01,female,pfp,left,2025-01-10,single_hop,left,1e3,120,cm,,"),
      "line 2, column 10 (trial): ", "“1e3” is not a trial number: use a whole number from 1 to 100" },
    { g_strdup ("X1,Ann,1990-01-01,female,pfp,left,2025-01-10,single_hop,left,101,120,cm,,"),
      "line 2, column 10 (trial): ", "from 1 to 100" },
    { g_strdup_printf ("%s,Ann,1990-01-01,female,pfp,left,2025-01-10,single_hop,left,1,120,cm,,", long_mrn),
      "line 2, column 1 (mrn): ", "65 characters long; the limit is 64" },
    { g_strdup ("\" X1\",Ann,1990-01-01,female,pfp,left,2025-01-10,single_hop,left,1,120,cm,,"),
      "line 2, column 1 (mrn): ", "begins with a space" },
    { g_strdup ("X1 ,Ann,1990-01-01,female,pfp,left,2025-01-10,single_hop,left,1,120,cm,,"),
      "line 2, column 1 (mrn): ", "ends with a space" },
    { g_strdup ("\"X\n1\",Ann,1990-01-01,female,pfp,left,2025-01-10,single_hop,left,1,120,cm,,"),
      "line 2, column 1 (mrn): ", "U+000A (a line break)" },
    { g_strdup ("X1,\"Ann\x1b]0;owned\x07\",1990-01-01,female,pfp,left,2025-01-10,single_hop,left,1,120,cm,,"),
      "line 2, column 2 (name): ", "U+001B (escape) at character 4" },
    { g_strdup ("X1,Ann,1990-01-01,female,pfp,left,2025-01-10,single_hop,left,1,120,cm,\"Dr\tX\","),
      "line 2, column 13 (clinician): ", "U+0009 (a tab)" },
    { g_strdup ("X1,Ann,1990-01-01,female,pfp,left,2025-01-10,single_hop,left,1,120,cm,,\"a\x07\""),
      "line 2, column 14 (note): ", "U+0007" },
    { g_strdup ("X1,Ann,1990-01-01,female,pfp,left,2025-01-10,quadriceps_hhd,left,1,1e308,N,,"),
      "line 2, column 11 (value): ", "1e+308 N is above the largest possible value, 1500 N" },
    { g_strdup ("X1,Ann,1990-01-01,female,pfp,left,2025-01-10,quadriceps_hhd,left,1,1e308,lbf,,"),
      "line 2, column 11 (value): ", "“1e308” lbf is too large a number in N" },
    { g_strdup ("X1,Ann,1990-01-01,female,pfp,left,2025-01-10,quadriceps_hhd,left,1,1e-400,N,,"),
      "line 2, column 11 (value): ", "too small a number" },
    { g_strdup_printf ("X1,Ann,1990-01-01,female,pfp,left,2025-01-10,quadriceps_hhd,left,1,%s,N,,", huge),
      "line 2, column 11 (value): ", "“9999999999999999999999999999999999999999…”" },
    { g_strdup_printf ("X1,Ann,1990-01-01,female,pfp,left,2025-01-10,%s,left,1,1,N,,", huge),
      "line 2, column 8 (measure): ", "is not a measure Vastus knows" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = g_strconcat (header, cases[i].row, "\n", NULL);
      g_autofree char *expected = g_strconcat ("test.csv: ", cases[i].where, NULL);
      g_autofree char *after = NULL;
      g_autoptr(GError) error = NULL;

      g_assert_false (import_text (f->db, text, strlen (text), NULL, &error));
      g_test_message ("%s", error->message);
      g_assert_true (g_str_has_prefix (error->message, expected));
      g_assert_nonnull (strstr (error->message, cases[i].says));
      g_assert_cmpuint (g_utf8_strlen (error->message, -1), <, 200);
      g_assert_null (strchr (error->message, 0x1b));
      after = export_all (f->db);
      g_assert_null (strstr (after, "X1"));  /* nothing stored */
      g_free (cases[i].row);
    }
}

/* A patient has one visit a day: a row naming another episode on a date that has a visit is
 * refused, not a second visit. */
static void
test_import_one_visit_a_day (Fixture       *f,
                             gconstpointer  data)
{
  static const char first[] =
    "mrn,name,birth_date,sex,condition,involved_side,visit_date,measure,side,value,unit\n"
    "X1,Ann,1990-01-01,female,pfp,left,2025-01-10,pain_nrs,none,3,points\n";
  static const char other_episode[] =
    "mrn,condition,involved_side,surgery_date,visit_date,measure,side,value,unit\n"
    "X1,meniscus,right,2024-12-01,2025-01-10,pain_nrs,none,4,points\n";
  g_autoptr(GError) error = NULL;

  g_assert_true (import_text (f->db, first, strlen (first), NULL, &error));
  g_assert_no_error (error);
  g_assert_false (import_text (f->db, other_episode, strlen (other_episode), NULL, &error));
  g_test_message ("%s", error->message);
  g_assert_true (g_str_has_prefix (error->message, "test.csv: line 2, column 5 (visit_date): "));
  g_assert_nonnull (strstr (error->message, "one visit a day"));
}

static void
test_import_missing_column (Fixture       *f,
                            gconstpointer  data)
{
  static const char text[] =
    "mrn,visit_date,measure,side,value,name,birth_date,sex,condition,involved_side\n"
    "X1,2025-01-10,pain_nrs,none,3,Ann,1990-01-01,female,pfp,left\n";
  g_autoptr(GError) error = NULL;
  g_autofree char *after = NULL;

  g_assert_false (import_text (f->db, text, strlen (text), NULL, &error));
  g_assert_error (error, VASTUS_CSV_ERROR, VASTUS_CSV_ERROR_VALUE);
  g_assert_nonnull (strstr (error->message, "test.csv: line 1: the required column “unit” is missing"));
  after = export_all (f->db);
  g_assert_cmpstr (after, ==, "mrn,family_name,given_name,birth_date,sex,condition,involved_side,surgery_date,"
                              "injury_date,visit_date,body_mass_kg,height_cm,clinician,note,measure,"
                              "side,trial,value,unit,baseline,knee_angle_deg,velocity_deg_s,fixation,lever_arm_cm\r\n");
}

static void
test_import_collects_errors (Fixture       *f,
                             gconstpointer  data)
{
  static const char text[] =
    "mrn,visit_date,measure,side,value,unit,name,birth_date,sex,condition,involved_side\n"
    "X1,2025-01-10,pain_nrs,none,3.5.1,points,Ann,1990-01-01,female,pfp,left\n"
    "X1,2025-01-10,knee_flexion,left,120,deg,Ann,1990-01-01,female,pfp,left\n"
    "X1,2025-01-11,knee_flexion,left,120,degrees,,,,,\n";
  g_autoptr(VastusCsvImport) import = vastus_csv_import_new (f->db);
  g_autoptr(GError) error = NULL;
  GPtrArray *errors;

  g_assert_false (vastus_csv_import_add_data (import, "x.csv", text, strlen (text), &error));
  g_assert_nonnull (strstr (error->message, "(and 1 more error)"));
  errors = vastus_csv_import_get_errors (import);
  g_assert_cmpuint (errors->len, ==, 2);
  g_assert_true (g_str_has_prefix (g_ptr_array_index (errors, 0), "x.csv: line 2, column 5 (value): "));
  g_assert_true (g_str_has_prefix (g_ptr_array_index (errors, 1), "x.csv: line 4, column 6 (unit): "));
  g_clear_error (&error);
  g_assert_false (vastus_csv_import_commit (import, NULL, &error));
  g_assert_nonnull (error);
}

static void
test_import_warnings (Fixture       *f,
                      gconstpointer  data)
{
  /* 160° of flexion is unusual but possible: imported, with a warning naming the line. */
  static const char text[] =
    "mrn,visit_date,measure,side,value,unit,name,birth_date,sex,condition,involved_side\n"
    "X1,2025-01-10,knee_flexion,left,160,deg,Ann,1990-01-01,female,pfp,left\n";
  g_autoptr(VastusCsvImport) import = vastus_csv_import_new (f->db);
  g_autoptr(GError) error = NULL;
  VastusCsvImportCounts counts = { 0 };
  GPtrArray *warnings;

  g_assert_true (vastus_csv_import_add_data (import, "w.csv", text, strlen (text), &error));
  g_assert_no_error (error);
  g_assert_true (vastus_csv_import_commit (import, &counts, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (counts.measurements, ==, 1);
  warnings = vastus_csv_import_get_warnings (import);
  g_assert_cmpuint (warnings->len, ==, 1);
  g_assert_true (g_str_has_prefix (g_ptr_array_index (warnings, 0), "w.csv: line 2, column 5 (value): "));
}

static char *
round_trip (Fixture *f)
{
  g_autoptr(VastusDatabase) empty = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *first = NULL;
  char *second = NULL;
  g_autofree char *db_name = g_strdup_printf ("empty-%u.db", g_random_int ());

  import_good (f->db, NULL);
  first = export_all (f->db);

  empty = open_db (f, db_name);
  g_assert_true (import_text (empty, first, strlen (first), NULL, &error));
  g_assert_no_error (error);
  check_good_contents (empty);
  second = export_all (empty);
  g_assert_cmpstr (first, ==, second);
  return second;
}

static void
test_export_round_trip (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *csv = round_trip (f);

  /* CRLF, no BOM, the fixed header. */
  g_assert_true (g_str_has_prefix (csv, "mrn,family_name,given_name,birth_date,sex,condition,involved_side,"));
  g_assert_nonnull (strstr (csv, "velocity_deg_s,fixation,lever_arm_cm\r\n"));
  /* Values in the unit they were entered in; numbers never guarded, text always. */
  g_assert_nonnull (strstr (csv, ",quadriceps_hhd,left,1,100,lbf,no,60,,,\r\n"));
  g_assert_nonnull (strstr (csv, ",quadriceps_hhd,left,2,90,lbf,no,60,,,\r\n"));
  g_assert_nonnull (strstr (csv, ",thigh_girth_10,left,1,16,in,no,,,,\r\n"));
  g_assert_nonnull (strstr (csv, ",hip_abduction_hhd,left,1,20,kgf,no,,,,\r\n"));
  g_assert_nonnull (strstr (csv, ",knee_extension,left,1,-5,deg,no,,,,\r\n"));
  g_assert_nonnull (strstr (csv, ",knee_extension,right,1,0,deg,yes,,,,\r\n"));
  g_assert_nonnull (strstr (csv, ",effusion_stroke,left,1,trace,grade,no,,,,\r\n"));
  g_assert_nonnull (strstr (csv, ",step_down_valgus,right,1,yes,bool,no,,,,\r\n"));
  g_assert_nonnull (strstr (csv, ",thigh_girth_15,right,1,450,mm,no,,,,\r\n"));
  /* "Doe, Jane" from the name column goes out as family and given names */
  g_assert_nonnull (strstr (csv, "V001,Doe,Jane,1990-04-02,female,aclr,left,2024-12-01,2024-10-15,"
                                 "2025-01-10,68.5,172,'=HYPERLINK(1),\"first visit\ntwo lines\","));
  g_assert_nonnull (strstr (csv, ",2025-03-10,69,,'-Dr Smith,,quadriceps_hhd,"));
  g_assert_null (strstr (csv, "'-5"));
  g_assert_null (strstr (csv, "\xef\xbb\xbf"));
}

static void
test_export_round_trip_comma_locale (Fixture       *f,
                                     gconstpointer  data)
{
  g_autofree char *in_c = NULL;
  g_autofree char *in_de = NULL;
  const char *set;

  in_c = round_trip (f);

  /* Fail, don't skip: the locale must be there (build-aux/dev generates it). */
  set = setlocale (LC_ALL, "de_DE.UTF-8");
  g_assert_nonnull (set);
  {
    char buf[16];

    g_snprintf (buf, sizeof buf, "%.1f", 37.5);
    g_assert_cmpstr (buf, ==, "37,5");
  }
  in_de = round_trip (f);
  setlocale (LC_ALL, "C");
  g_assert_cmpstr (in_c, ==, in_de);
  g_assert_nonnull (strstr (in_de, ",68.5,172,"));
}

static void
test_export_one_patient (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *csv = NULL;
  g_auto(GStrv) lines = NULL;

  import_good (f->db, NULL);
  csv = vastus_csv_export (f->db, "V002", NULL, &error);
  g_assert_no_error (error);
  lines = g_strsplit (csv, "\r\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 4);  /* header, 2 rows, "" */
  g_assert_true (g_str_has_prefix (lines[1], "V002,Müller,Ünal,1985-11-30,male,pfp,right,,,2025-02-01,82,180,,,"));
  g_assert_cmpstr (lines[3], ==, "");

  g_clear_pointer (&csv, g_free);
  csv = vastus_csv_export (f->db, "NOPE", NULL, &error);
  g_assert_null (csv);
  g_assert_error (error, VASTUS_STORE_ERROR, VASTUS_STORE_ERROR_NOT_FOUND);
}

/* The test condition fixation: belt, frame or manual; anything else names its line and column;
 * a changed fixation is another measurement; export writes it back. */
static void
test_import_fixation (Fixture       *f,
                      gconstpointer  data)
{
  static const char header[] =
    "mrn,name,birth_date,sex,condition,involved_side,visit_date,measure,side,trial,value,unit,fixation\n";
  static const char good[] =
    "F1,Fix,1990-01-01,female,aclr,left,2025-03-03,quadriceps_hhd,left,1,300,N,belt\n"
    "F1,,,,,,2025-03-03,quadriceps_hhd,right,1,320,N,manual\n"
    "F1,,,,,,2025-03-03,hamstrings_hhd,left,1,150,N,\n";
  static const char bad[] =
    "F2,Fix,1990-01-01,female,aclr,left,2025-03-03,quadriceps_hhd,left,1,300,N,strap\n";
  static const char changed[] =
    "F1,,,,,,2025-03-03,quadriceps_hhd,right,1,320,N,frame\n";
  g_autofree char *text = g_strconcat (header, good, NULL);
  g_autofree char *bad_text = g_strconcat (header, bad, NULL);
  g_autofree char *changed_text = g_strconcat (header, changed, NULL);
  g_autofree char *csv = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (import_text (f->db, text, strlen (text), NULL, &error));
  g_assert_no_error (error);
  csv = export_all (f->db);
  g_assert_nonnull (strstr (csv, ",quadriceps_hhd,left,1,300,N,no,,,belt,\r\n"));
  g_assert_nonnull (strstr (csv, ",quadriceps_hhd,right,1,320,N,no,,,manual,\r\n"));
  g_assert_nonnull (strstr (csv, ",hamstrings_hhd,left,1,150,N,no,,,,\r\n"));

  /* "strap": line 2, column 13 (fixation), the value and the three allowed */
  g_assert_false (import_text (f->db, bad_text, strlen (bad_text), NULL, &error));
  g_assert_error (error, VASTUS_CSV_ERROR, VASTUS_CSV_ERROR_VALUE);
  g_assert_nonnull (strstr (error->message, "line 2, column 13 (fixation): "
                                            "“strap” is not a fixation (use belt, frame or manual)"));
  g_clear_error (&error);

  /* a stored measurement with another fixation is not overwritten */
  g_assert_false (import_text (f->db, changed_text, strlen (changed_text), NULL, &error));
  g_assert_error (error, VASTUS_CSV_ERROR, VASTUS_CSV_ERROR_VALUE);
  g_assert_nonnull (strstr (error->message, "never overwrites"));
  g_clear_error (&error);
  g_clear_pointer (&text, g_free);
  text = export_all (f->db);
  g_assert_cmpstr (text, ==, csv);
}

/* Test conditions: a velocity that contradicts the measure (90 °/s on the 60 °/s measure, one on
 * an isometric test) and a lever arm that is not a length in cm or out of range are refused,
 * naming line and column, and nothing of the file is stored; a lever arm in cm is stored in
 * metres and goes out as it came in. */
static void
test_import_conditions (Fixture       *f,
                        gconstpointer  data)
{
  static const char header[] =
    "mrn,name,birth_date,sex,condition,involved_side,visit_date,measure,side,trial,value,unit,velocity_deg_s,lever_arm_cm\n";
  static const struct { const char *row; const char *says; } cases[] = {
    { "C1,Con,1990-01-01,female,aclr,left,2025-03-03,quadriceps_isokinetic_60,left,1,150,Nm,90,\n",
      "line 2, column 13 (velocity_deg_s): Quadriceps 60°/s, left: the velocity 90°/s contradicts the "
      "measure, which is tested at 60°/s" },
    { "C1,Con,1990-01-01,female,aclr,left,2025-03-03,quadriceps_mvic,left,1,150,Nm,60,\n",
      "line 2, column 13 (velocity_deg_s): Quadriceps MVIC, left: a velocity (60°/s) contradicts the "
      "measure, which is not tested at a velocity" },
    { "C1,Con,1990-01-01,female,aclr,left,2025-03-03,quadriceps_hhd,left,1,300,N,,35 cm\n",
      "line 2, column 14 (lever_arm_cm): “35 cm” is not a lever arm in centimetres" },
    { "C1,Con,1990-01-01,female,aclr,left,2025-03-03,quadriceps_hhd,left,1,300,N,,150\n",
      "line 2, column 14 (lever_arm_cm): Quadriceps HHD, left: lever arm 150 cm is outside 0 cm to 100 cm" },
  };
  /* 35.5 cm is 0.355 m; 29 cm is 0.29 m (in doubles 29 / 100 × 100 is 28.999999999999996) */
  static const char good[] =
    "C1,Con,1990-01-01,female,aclr,left,2025-03-03,quadriceps_isokinetic_60,left,1,150,Nm,60,\n"
    "C1,,,,,,2025-03-03,quadriceps_hhd,left,1,300,N,,35.5\n"
    "C1,,,,,,2025-03-03,quadriceps_hhd,right,1,320,N,,29\n";
  static const char changed[] =
    "C1,,,,,,2025-03-03,quadriceps_hhd,right,1,320,N,,30\n";
  g_autofree char *before = export_all (f->db);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = g_strconcat (header, cases[i].row, NULL);
      g_autofree char *after = NULL;
      g_autoptr(GError) error = NULL;

      g_assert_false (import_text (f->db, text, strlen (text), NULL, &error));
      g_assert_error (error, VASTUS_CSV_ERROR, VASTUS_CSV_ERROR_VALUE);
      g_test_message ("%s", error->message);
      g_assert_nonnull (strstr (error->message, cases[i].says));
      after = export_all (f->db);
      g_assert_cmpstr (after, ==, before);
    }
  {
    g_autofree char *text = g_strconcat (header, good, NULL);
    g_autofree char *csv = NULL;
    g_autoptr(GError) error = NULL;
    g_autoptr(VastusPatient) p = NULL;
    g_autoptr(GPtrArray) episodes = NULL;
    g_autoptr(GPtrArray) visits = NULL;
    VastusVisit *visit;

    g_assert_true (import_text (f->db, text, strlen (text), NULL, &error));
    g_assert_no_error (error);
    p = vastus_database_find_patient (f->db, "C1", &error);
    episodes = vastus_database_list_episodes (f->db, p->id, &error);
    visits = vastus_database_list_visits (f->db, ((VastusEpisode *) episodes->pdata[0])->id, &error);
    visit = visits->pdata[0];
    for (guint i = 0; i < visit->measurements->len; i++)
      {
        VastusMeasurement *m = visit->measurements->pdata[i];

        if (g_str_equal (m->measure, "quadriceps_isokinetic_60"))
          g_assert_true (isnan (m->lever_arm_m));
        else
          g_assert_cmpfloat (m->lever_arm_m, ==, m->side == VASTUS_SIDE_LEFT ? 0.355 : 0.29);
      }
    csv = export_all (f->db);
    g_assert_nonnull (strstr (csv, ",quadriceps_hhd,left,1,300,N,no,,,,35.5\r\n"));
    g_assert_nonnull (strstr (csv, ",quadriceps_hhd,right,1,320,N,no,,,,29\r\n"));
    g_assert_nonnull (strstr (csv, ",quadriceps_isokinetic_60,left,1,150,Nm,no,,60,,\r\n"));
    /* another lever arm is another measurement: never overwritten */
    g_clear_pointer (&text, g_free);
    text = g_strconcat (header, changed, NULL);
    g_assert_false (import_text (f->db, text, strlen (text), NULL, &error));
    g_assert_nonnull (strstr (error->message, "column 14 (lever_arm_cm)"));
  }
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C");
  g_setenv ("VASTUS_TODAY", "2025-06-01", TRUE);
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/csv-import/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("good", test_import_good);
  ADD ("bom-crlf", test_import_bom_crlf);
  ADD ("twice", test_import_twice);
  ADD ("disagrees-with-stored", test_import_disagrees_with_stored);
  ADD ("bad-rows", test_import_bad_rows);
  ADD ("missing-column", test_import_missing_column);
  ADD ("collects-errors", test_import_collects_errors);
  ADD ("names-the-field", test_import_names_the_field);
  ADD ("one-visit-a-day", test_import_one_visit_a_day);
  ADD ("warnings", test_import_warnings);
  ADD ("fixation", test_import_fixation);
  ADD ("conditions", test_import_conditions);
  ADD ("export/round-trip", test_export_round_trip);
  ADD ("export/round-trip-comma-locale", test_export_round_trip_comma_locale);
  ADD ("export/one-patient", test_export_one_patient);
#undef ADD
  return g_test_run ();
}
