/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Import profiles (vastus-profile.h) and device exports imported through them
 * (vastus_csv_import_add_profile_stream ()), against the files in tests/data/device: each layout
 * of product.md's device issue, written here by hand. Expected values are worked out in the
 * comments. The clinic's time zone is UTC+13 (TZ, set in main), so that a UTC time late in the
 * day falls on the next local date. */
#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include "storage-test-util.h"
#include "vastus-csv-export.h"
#include "vastus-csv-import.h"
#include "vastus-model-error.h"
#include "vastus-profile-store.h"
#include "device-fixture.h"
#include "vastus-profile.h"
#include "vastus-progress.h"
#include "vastus-value.h"

typedef struct
{
  char           *dir;
  VastusDatabase *db;
} Fixture;


static void
add_patient (VastusDatabase *db,
             const char     *mrn,
             const char     *name,
             VastusSide      involved,
             int             surgery_month)
{
  g_autoptr(VastusPatient) p = vastus_patient_new ();
  g_autoptr(VastusEpisode) e = vastus_episode_new ();
  g_autoptr(GError) error = NULL;

  p->mrn = g_strdup (mrn);
  p->name = g_strdup (name);
  g_date_set_dmy (&p->birth_date, 1, 4, 1990);
  p->sex = VASTUS_SEX_FEMALE;
  g_assert_true (vastus_database_insert_patient (db, p, &error));
  g_assert_no_error (error);
  e->patient_id = p->id;
  e->condition = VASTUS_CONDITION_ACLR;
  e->involved_side = involved;
  g_date_set_dmy (&e->surgery_date, 10, surgery_month, 2026);
  g_assert_true (vastus_database_insert_episode (db, e, &error));
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = g_dir_make_tmp ("vastus-device-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "test.db", NULL);
  /* On a server (storage-test-util.h), a new database there. */
  f->db = storage_test_on_server () ? storage_test_open () : vastus_database_open (path, &error);
  g_assert_no_error (error);
  add_patient (f->db, "FX-1", "Jane Doe", VASTUS_SIDE_LEFT, 1);
  add_patient (f->db, "FX-2", "Max Muster", VASTUS_SIDE_RIGHT, 2);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "test.db", NULL);

  g_clear_object (&f->db);
  g_remove (path);
  g_rmdir (f->dir);
  g_free (f->dir);
}

/* Imports @data through @profile; returns the import (committed when it had no errors). */
static VastusCsvImport *
import_data (VastusDatabase        *db,
             const VastusProfile   *profile,
             const char            *patient,
             const char            *data,
             gsize                  length,
             VastusCsvImportCounts *counts,
             GError               **error)
{
  VastusCsvImport *import = vastus_csv_import_new (db);
  g_autoptr(GInputStream) stream = g_memory_input_stream_new_from_data (data, (gssize) length,
                                                                        NULL);

  if (vastus_csv_import_add_profile_stream (import, profile, patient, "file.csv", stream, NULL,
                                            error))
    vastus_csv_import_commit (import, counts, error);
  return import;
}

static VastusCsvImport *
import_fixture (VastusDatabase        *db,
                const VastusProfile   *profile,
                const char            *patient,
                const char            *name,
                VastusCsvImportCounts *counts)
{
  gsize length;
  g_autofree char *data = read_fixture (name, &length);
  g_autoptr(GError) error = NULL;
  VastusCsvImport *import = import_data (db, profile, patient, data, length, counts, &error);

  g_assert_no_error (error);
  return import;
}

/* The value stored for @mrn on @date (YYYY-MM-DD), or -1 when there is none. */
static double
stored (VastusDatabase *db,
        const char     *mrn,
        const char     *date,
        const char     *measure,
        VastusSide      side,
        int             trial)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VastusPatient) patient = vastus_database_find_patient (db, mrn, &error);
  g_autoptr(GPtrArray) episodes = vastus_database_list_episodes (db, patient->id, &error);
  const VastusEpisode *episode = g_ptr_array_index (episodes, 0);
  g_autoptr(GPtrArray) visits = vastus_database_list_visits (db, episode->id, &error);
  GDate want;

  g_assert_no_error (error);
  g_assert_true (vastus_date_parse (date, &want, NULL));
  for (guint i = 0; i < visits->len; i++)
    {
      const VastusVisit *v = g_ptr_array_index (visits, i);

      if (g_date_compare (&v->date, &want) != 0)
        continue;
      if (g_str_equal (measure, "body_mass_kg"))
        return v->body_mass_kg;
      for (guint j = 0; j < v->measurements->len; j++)
        {
          const VastusMeasurement *m = g_ptr_array_index (v->measurements, j);

          if (g_str_equal (m->measure, measure) && m->side == side && m->trial == trial)
            return m->value;
        }
    }
  return -1;
}

static guint
n_visits (VastusDatabase *db,
          const char     *mrn)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VastusPatient) patient = vastus_database_find_patient (db, mrn, &error);
  g_autoptr(GPtrArray) episodes = vastus_database_list_episodes (db, patient->id, &error);
  g_autoptr(GPtrArray) visits =
    vastus_database_list_visits (db, ((VastusEpisode *) episodes->pdata[0])->id, &error);

  g_assert_no_error (error);
  return visits->len;
}

static gboolean
has_message (GPtrArray  *messages,
             const char *part)
{
  for (guint i = 0; i < messages->len; i++)
    if (strstr (messages->pdata[i], part) != NULL)
      return TRUE;
  return FALSE;
}

/* Profiles: reading and checking */

static void
test_profile_read (void)
{
  g_autoptr(VastusProfile) p = load_profile ("clinic.ini");
  const VastusProfileColumn *c;

  g_assert_cmpstr (p->id, ==, "clinic");
  g_assert_cmpstr (p->name, ==, "Clinic spreadsheet");
  g_assert_cmpint (p->delimiter, ==, ';');
  g_assert_cmpint (p->decimal_mark, ==, ',');
  g_assert_cmpstr (p->date_formats[0], ==, "%d.%m.%Y");
  g_assert_cmpstr (p->patient_column, ==, "Patient-ID");
  g_assert_cmpuint (p->columns->len, ==, 3);
  c = g_ptr_array_index (p->columns, 0);
  g_assert_cmpstr (c->header, ==, "Quadrizeps li (kg)");
  g_assert_cmpstr (c->measure, ==, "quadriceps_hhd");
  g_assert_cmpint (c->side, ==, VASTUS_PROFILE_SIDE_LEFT);
  g_assert_cmpstr (c->unit, ==, "kg");
  /* Without a Signature=: the date column and every column read. */
  g_assert_cmpstr (p->signature[0], ==, "Datum");
  g_assert_cmpstr (p->signature[3], ==, "Quadrizeps li 2 (kg)");
  g_assert_null (p->signature[4]);
}

static void
test_profile_refused (void)
{
  static const struct { const char *text; const char *part; } cases[] = {
    { "[Profile]\nDateColumn=D\n", "no [Column HEADER]" },
    { "[Column A]\nMeasure=quadriceps_hhd\nSide=left\nUnit=N\n", "[Profile]" },
    { "[Profile]\nDateColumn=D\nDelimiter=;;\n[Column A]\nMeasure=quadriceps_hhd\nSide=left\nUnit=N\n",
      "Delimiter=“;;”" },
    { "[Profile]\nDateColumn=D\nDecimalMark=;\n[Column A]\nMeasure=quadriceps_hhd\nSide=left\nUnit=N\n",
      "DecimalMark=“;”" },
    { "[Profile]\nDateColumn=D\n[Column A]\nMeasure=quadriceps\nSide=left\nUnit=N\n",
      "Measure=“quadriceps”" },
    { "[Profile]\nDateColumn=D\n[Column A]\nMeasure=quadriceps_hhd\nSide=up\nUnit=N\n", "Side=“up”" },
    { "[Profile]\nDateColumn=D\n[Column A]\nMeasure=quadriceps_hhd\nUnit=N\n", "per side" },
    { "[Profile]\nDateColumn=D\n[Column A]\nMeasure=tug\nSide=left\nUnit=s\n", "no sides" },
    { "[Profile]\nDateColumn=D\n[Column A]\nMeasure=quadriceps_hhd\nSide=left\nUnit=cm\n",
      "Unit=“cm”" },
    { "[Profile]\nDateColumn=D\n[Column A]\nMeasure=quadriceps_hhd\nSide=left\nUnit=N\nWhen=Pull\n",
      "DiscriminatorColumn" },
    { "[Profile]\nDateColumn=D\nDateFormat=%Q\n[Column A]\nMeasure=quadriceps_hhd\nSide=left\nUnit=N\n",
      "DateFormat=“%Q”" },
    { "[Profile]\nDateColumn=D\nEncoding=no-such-encoding\n[Column A]\nMeasure=quadriceps_hhd\nSide=left\nUnit=N\n",
      "Encoding=“no-such-encoding”" },
    { "[Profile]\nDateColumn=D\n[Other]\n[Column A]\nMeasure=quadriceps_hhd\nSide=left\nUnit=N\n",
      "[Other]" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(VastusProfile) p = vastus_profile_new_from_data ("x", cases[i].text,
                                                                 strlen (cases[i].text), &error);

      g_assert_null (p);
      g_assert_error (error, VASTUS_PARSE_ERROR, VASTUS_PARSE_ERROR_PROFILE);
      if (strstr (error->message, cases[i].part) == NULL)
        g_error ("case %u: “%s” lacks “%s”", i, error->message, cases[i].part);
    }
}

static void
test_profile_ids (void)
{
  g_autofree char *a = vastus_profile_id_from_filename ("/x/Clinic Sheet.ini");
  g_autofree char *b = vastus_profile_id_from_filename ("..ini");

  g_assert_cmpstr (a, ==, "clinic-sheet");
  g_assert_null (b);
  g_assert_true (vastus_profile_id_is_valid ("clinic_2"));
  g_assert_false (vastus_profile_id_is_valid ("Clinic"));
  g_assert_false (vastus_profile_id_is_valid ("a b"));
}

/* Detection by signature: each built-in profile recognises its own layout, and only that. */
static void
test_profile_detect (void)
{
  g_autoptr(GPtrArray) profiles = vastus_profile_list_builtin ();
  static const struct { const char *file; const char *id; } cases[] = {
    { "nordbord.csv", "nordbord" },
    { "forceframe.csv", "forceframe" },
    { "clinic.csv", NULL },
    { "platform.csv", NULL },
  };

  g_ptr_array_add (profiles, load_profile ("clinic.ini"));
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      gsize length;
      g_autofree char *data = read_fixture (cases[i].file, &length);
      const VastusProfile *p = vastus_profile_detect (profiles, data, length);

      if (cases[i].id == NULL)
        /* clinic.csv: the clinic's own profile, added last. */
        g_assert_true (p == NULL || g_str_equal (p->id, "clinic"));
      else
        g_assert_cmpstr (p->id, ==, cases[i].id);
    }
  {
    gsize length;
    g_autofree char *data = read_fixture ("clinic.csv", &length);

    g_assert_cmpstr (vastus_profile_detect (profiles, data, length)->id, ==, "clinic");
    g_assert_null (vastus_profile_detect (profiles, "a,b\n1,2\n", 8));
  }
}

static void
test_profile_dates (void)
{
  g_autoptr(VastusProfile) nordbord = builtin ("nordbord");
  g_autoptr(GError) error = NULL;
  GDate d;

  /* 3/14/2026 11:30 PM UTC is 12:30 on 15 March at UTC+13. */
  g_assert_true (vastus_profile_parse_date (nordbord, "3/14/2026", "11:30:00 PM", TRUE, &d, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_date_get_day (&d), ==, 15);
  /* 12:05 AM is 00:05: still 14 March at 13:05 local. */
  g_assert_true (vastus_profile_parse_date (nordbord, "3/14/2026", "12:05 AM", TRUE, &d, &error));
  g_assert_cmpint (g_date_get_day (&d), ==, 14);
  /* Not UTC: the date as written. */
  g_assert_true (vastus_profile_parse_date (nordbord, "3/14/2026", "11:30:00 PM", FALSE, &d, &error));
  g_assert_cmpint (g_date_get_day (&d), ==, 14);
  g_assert_false (vastus_profile_parse_date (nordbord, "2/30/2026", NULL, TRUE, &d, &error));
  g_assert_error (error, VASTUS_PARSE_ERROR, VASTUS_PARSE_ERROR_DATE);
  g_assert_nonnull (strstr (error->message, "“2/30/2026”"));
  g_clear_error (&error);
  g_assert_false (vastus_profile_parse_date (nordbord, "3/14/2026", "13:00 PM", TRUE, &d, &error));
  g_assert_nonnull (strstr (error->message, "“13:00 PM”"));
  g_assert_true (vastus_profile_date_is_utc (nordbord, " date utc"));
  g_assert_false (vastus_profile_date_is_utc (nordbord, "Date"));
}

static void
test_profile_value_text (void)
{
  g_autoptr(VastusProfile) clinic = load_profile ("clinic.ini");
  g_autoptr(VastusProfile) platform = load_profile ("platform.ini");
  const VastusProfileColumn *kg = g_ptr_array_index (clinic->columns, 0);
  const VastusProfileColumn *best = g_ptr_array_index (platform->columns, 3);
  VastusSide side;
  static const struct { const char *cell, *text; } comma[] = {
    { "25,5", "25.5" }, { " 30 ", "30" }, { "1,2,3", "1,2,3" },
    { "25,5 kg", "25.5 kg" }, { "1e999", "1e999" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (comma); i++)
    {
      g_autofree char *text = vastus_profile_value_text (clinic, kg, comma[i].cell, &side, NULL);

      g_assert_cmpstr (text, ==, comma[i].text);
      g_assert_cmpint (side, ==, VASTUS_SIDE_NONE);
    }
  {
    g_autoptr(GError) error = NULL;
    g_autofree char *point = vastus_profile_value_text (clinic, kg, "1.234,5", &side, &error);

    /* A point where the mark is a comma: a thousands separator, or a typing error. */
    g_assert_null (point);
    g_assert_error (error, VASTUS_PARSE_ERROR, VASTUS_PARSE_ERROR_NUMBER);
    g_assert_nonnull (strstr (error->message, "“1.234,5”"));
  }
  {
    g_autofree char *r = vastus_profile_value_text (platform, best, "340 R", &side, NULL);

    g_assert_cmpstr (r, ==, "340");
    g_assert_cmpint (side, ==, VASTUS_SIDE_RIGHT);
  }
  {
    /* A decimal point in a "." profile stays; a side letter where none is read stays too. */
    const VastusProfileColumn *left = g_ptr_array_index (platform->columns, 1);
    g_autofree char *l = vastus_profile_value_text (platform, left, "17.3 R", &side, NULL);

    g_assert_cmpstr (l, ==, "17.3 R");
    g_assert_cmpint (side, ==, VASTUS_SIDE_NONE);
  }
}

/* Each layout through its profile */

static void
test_import_nordbord (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(VastusProfile) p = builtin ("nordbord");
  VastusCsvImportCounts counts = { 0 };
  g_autoptr(VastusCsvImport) import = import_fixture (f->db, p, "FX-1", "nordbord.csv", &counts);

  GPtrArray *warnings = vastus_csv_import_get_warnings (import);

  /* Two Nordic tests, two visits, L and R max force each. The first at 11:30 PM UTC on 3/14 is
   * 15 March here; the second (4:48 PM UTC on 4/2, no seconds) is 05:48 on 3 April. */
  g_assert_cmpuint (counts.visits, ==, 2);
  g_assert_cmpuint (counts.measurements, ==, 4);
  g_assert_cmpfloat (stored (f->db, "FX-1", "2026-03-15", "hamstrings_nordic", VASTUS_SIDE_LEFT, 1), ==, 312.5);
  g_assert_cmpfloat (stored (f->db, "FX-1", "2026-03-15", "hamstrings_nordic", VASTUS_SIDE_RIGHT, 1), ==, 287);
  g_assert_cmpfloat (stored (f->db, "FX-1", "2026-04-03", "hamstrings_nordic", VASTUS_SIDE_LEFT, 1), ==, 330);
  g_assert_cmpfloat (stored (f->db, "FX-1", "2026-04-03", "hamstrings_nordic", VASTUS_SIDE_RIGHT, 1), ==, 301.25);
  /* The isometric ISO Prone (lines 4 and 6) and the Razor curl (line 5) are other tests: each
   * listed once, at its first line, and none of their forces stored: read, ISO Prone's 250 N
   * on 3 April would contradict the Nordic 330 N of that date (an error), and its 255 N of
   * 9 April (10 April here) would make a third visit. */
  g_assert_true (has_message (warnings, "line 4: the test “ISO Prone” is not one profile “nordbord” reads"));
  g_assert_true (has_message (warnings, "line 5: the test “Razor” is not one profile “nordbord” reads"));
  g_assert_false (has_message (warnings, "line 6:"));
  g_assert_cmpuint (n_visits (f->db, "FX-1"), ==, 2);
  /* 18 columns, 6 read (Name, Date UTC, Time UTC, Test, L and R Max Force): 12 listed once,
   * among them the torque columns, which no measure holds. */
  g_assert_true (has_message (warnings, "12 columns are not read"));
  g_assert_true (has_message (warnings, "L Max Torque (Nm), R Max Torque (Nm)"));
  g_assert_true (has_message (warnings, "L Max Impulse (N⋅s), R Max Impulse (Ns)"));
}

static void
test_import_forceframe (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(VastusProfile) p = builtin ("forceframe");
  VastusCsvImportCounts counts = { 0 };
  g_autoptr(VastusCsvImport) import = import_fixture (f->db, p, NULL, "forceframe.csv", &counts);

  /* Squeeze (inner pads) is adduction, Pull (outer pads) abduction; "Date" is not UTC. */
  g_assert_cmpuint (counts.visits, ==, 1);
  g_assert_cmpuint (counts.measurements, ==, 4);
  g_assert_cmpfloat (stored (f->db, "FX-1", "2026-05-06", "hip_adduction_frame", VASTUS_SIDE_LEFT, 1), ==, 301);
  g_assert_cmpfloat (stored (f->db, "FX-1", "2026-05-06", "hip_adduction_frame", VASTUS_SIDE_RIGHT, 1), ==, 322.5);
  g_assert_cmpfloat (stored (f->db, "FX-1", "2026-05-06", "hip_abduction_frame", VASTUS_SIDE_LEFT, 1), ==, 210.5);
  g_assert_cmpfloat (stored (f->db, "FX-1", "2026-05-06", "hip_abduction_frame", VASTUS_SIDE_RIGHT, 1), ==, 198);
  /* The knee test is listed and skipped, not guessed. */
  g_assert_true (has_message (vastus_csv_import_get_warnings (import),
                              "line 4: the test “Knee Flexion” is not one profile “forceframe” reads"));
}

static void
test_import_platform (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(VastusProfile) p = load_profile ("platform.ini");
  VastusCsvImportCounts counts = { 0 };
  g_autoptr(VastusCsvImport) import = import_fixture (f->db, p, NULL, "platform.csv", &counts);

  /* Quoted fields, headers with trailing spaces; (L) 280.5, (R) 340 and "340 R" (the side
   * from the letter: right, trial 2); body mass 72.4 kg on the visit. */
  g_assert_cmpuint (counts.measurements, ==, 3);
  g_assert_cmpfloat (stored (f->db, "FX-1", "2026-06-10", "hip_adduction_frame", VASTUS_SIDE_LEFT, 1), ==, 280.5);
  g_assert_cmpfloat (stored (f->db, "FX-1", "2026-06-10", "hip_adduction_frame", VASTUS_SIDE_RIGHT, 1), ==, 340);
  g_assert_cmpfloat (stored (f->db, "FX-1", "2026-06-10", "hip_adduction_frame", VASTUS_SIDE_RIGHT, 2), ==, 340);
  g_assert_cmpfloat (stored (f->db, "FX-1", "2026-06-10", "body_mass_kg", VASTUS_SIDE_NONE, 1), ==, 72.4);
  g_assert_true (has_message (vastus_csv_import_get_warnings (import),
                              "3 columns are not read: Name, Test Type, Peak Force Asymmetry [% L,R]"));
}

static void
test_import_isokinetic (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(VastusProfile) p = load_profile ("isokinetic.ini");
  VastusCsvImportCounts counts = { 0 };
  g_autoptr(VastusCsvImport) import = import_fixture (f->db, p, NULL, "isokinetic.csv", &counts);

  /* FX-1's left knee is involved: involved 150,2 → left, uninvolved 180,5 → right at 60°/s;
   * 101,4 and 120 at 180°/s. */
  g_assert_cmpuint (counts.measurements, ==, 4);
  g_assert_cmpfloat (stored (f->db, "FX-1", "2026-07-07", "quadriceps_isokinetic_60", VASTUS_SIDE_LEFT, 1), ==, 150.2);
  g_assert_cmpfloat (stored (f->db, "FX-1", "2026-07-07", "quadriceps_isokinetic_60", VASTUS_SIDE_RIGHT, 1), ==, 180.5);
  g_assert_cmpfloat (stored (f->db, "FX-1", "2026-07-07", "quadriceps_isokinetic_180", VASTUS_SIDE_LEFT, 1), ==, 101.4);
  g_assert_cmpfloat (stored (f->db, "FX-1", "2026-07-07", "quadriceps_isokinetic_180", VASTUS_SIDE_RIGHT, 1), ==, 120);
}

static void
test_import_clinic (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(VastusProfile) p = load_profile ("clinic.ini");
  VastusCsvImportCounts counts = { 0 };
  g_autoptr(VastusCsvImport) first = import_fixture (f->db, p, NULL, "clinic.csv", &counts);
  g_autoptr(VastusCsvImport) second = NULL;

  /* kg is kilogram-force, converted exactly as typed values are: 25,5 kg × 9.80665 =
   * 250.069575 N; 30 × 9.80665 = 294.1995; 26 × 9.80665 = 254.9729 (left, trial 2);
   * FX-2's right 41,25 × 9.80665 = 404.5243125. */
  g_assert_cmpuint (counts.visits, ==, 2);
  g_assert_cmpuint (counts.measurements, ==, 4);
  g_assert_cmpfloat (stored (f->db, "FX-1", "2026-08-01", "quadriceps_hhd", VASTUS_SIDE_LEFT, 1), ==, 250.069575);
  g_assert_cmpfloat (stored (f->db, "FX-1", "2026-08-01", "quadriceps_hhd", VASTUS_SIDE_RIGHT, 1), ==, 294.1995);
  g_assert_cmpfloat (stored (f->db, "FX-1", "2026-08-01", "quadriceps_hhd", VASTUS_SIDE_LEFT, 2), ==, 254.9729);
  g_assert_cmpfloat (stored (f->db, "FX-2", "2026-08-01", "quadriceps_hhd", VASTUS_SIDE_RIGHT, 1), ==, 404.5243125);

  /* The same file again adds nothing: its four values are stored already. */
  memset (&counts, 0, sizeof counts);
  second = import_fixture (f->db, p, NULL, "clinic.csv", &counts);
  g_assert_cmpuint (counts.visits, ==, 0);
  g_assert_cmpuint (counts.measurements, ==, 0);
  g_assert_cmpuint (counts.skipped, ==, 4);
  g_assert_cmpuint (n_visits (f->db, "FX-1"), ==, 1);
}

static void
test_import_windows_1252 (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(VastusProfile) p = load_profile ("clinic-1252.ini");
  g_autoptr(VastusProfile) utf8 = NULL;
  VastusCsvImportCounts counts = { 0 };
  g_autoptr(VastusCsvImport) import = import_fixture (f->db, p, NULL, "clinic-1252.csv", &counts);
  g_autoptr(VastusCsvImport) refused = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *data_text = NULL;
  g_autofree char *without = NULL;
  gsize length;

  /* "über" read from the byte FC: the headers match the profile's. */
  g_assert_cmpuint (counts.measurements, ==, 2);
  g_assert_cmpfloat (stored (f->db, "FX-1", "2026-08-02", "thigh_girth_10", VASTUS_SIDE_LEFT, 1), ==, 45.5);
  g_assert_cmpfloat (stored (f->db, "FX-1", "2026-08-02", "thigh_girth_10", VASTUS_SIDE_RIGHT, 1), ==, 48);

  /* The same profile without Encoding=: refused, saying why. */
  data_text = read_fixture ("clinic-1252.ini", &length);
  without = g_strjoinv ("", (char *[]) { data_text, NULL });
  *strstr (without, "Encoding=") = '#';
  utf8 = vastus_profile_new_from_data ("x", without, strlen (without), &error);
  g_assert_no_error (error);
  {
    g_autofree char *csv = read_fixture ("clinic-1252.csv", &length);

    refused = import_data (f->db, utf8, NULL, csv, length, &counts, &error);
    g_assert_error (error, VASTUS_CSV_ERROR, VASTUS_CSV_ERROR_ENCODING);
    g_assert_nonnull (strstr (error->message, "not valid UTF-8"));
  }
}

/* Hostile files: each refused whole, with a message naming line, header and value, and nothing
 * written. */
static void
test_import_hostile (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(VastusProfile) clinic = load_profile ("clinic.ini");
  g_autoptr(VastusProfile) nordbord = builtin ("nordbord");
  static const char header[] = "Patient-ID;Datum;Quadrizeps li (kg);Quadrizeps re (kg);Quadrizeps li 2 (kg)\n";
  static const struct { const char *name; const char *text; const char *patient; const char *part; } cases[] = {
    { "a missing column", "Patient-ID;Datum;Quadrizeps li (kg);Quadrizeps li 2 (kg)\nFX-1;01.08.2026;25;26\n",
      NULL, "the column “Quadrizeps re (kg)” of profile “clinic” is missing" },
    { "a bad date", "FX-1;31.02.2026;25;30;26\n", NULL,
      "line 2, column 2 (Datum): “31.02.2026” is not a date in the form %d.%m.%Y" },
    { "1e999", "FX-1;01.08.2026;1e999;30;26\n", NULL,
      "line 2, column 3 (Quadrizeps li (kg)): “1e999” is too large a number" },
    { "an unknown patient", "FX-1;01.08.2026;25;30;26\nFX-404;01.08.2026;25;30;26\n", NULL,
      "line 3, column 1 (Patient-ID): no patient has the MRN “FX-404”" },
    { "a duplicated row with another value", "FX-1;01.08.2026;25;30;26\nFX-1;01.08.2026;25,5;30;26\n", NULL,
      "line 3, column 3 (Quadrizeps li (kg)): quadriceps_hhd, left, trial 1 is on file.csv line 2 too" },
    { "a unit in the cell", "FX-1;01.08.2026;25 kg;30;26\n", NULL,
      "line 2, column 3 (Quadrizeps li (kg)): “25 kg” is not a number" },
    { "a point in a comma file", "FX-1;01.08.2026;25.5;30;26\n", NULL,
      "line 2, column 3 (Quadrizeps li (kg)): “25.5” holds a “.”" },
    { "another patient than --patient", "FX-2;01.08.2026;25;30;26\n", "FX-1",
      "line 2, column 1 (Patient-ID): the file names patient “FX-2”, not “FX-1”" },
    { "a control character", "FX-1\x1b[2J;01.08.2026;25;30;26\n", NULL, "\\u001B" },
    { "a side letter in the cell", "FX-1;01.08.2026;25 R;30;26\n", NULL,
      "line 2, column 3 (Quadrizeps li (kg)): “25 R” is not a number" },
  };
  g_autofree char *before = vastus_csv_export (f->db, NULL, NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = g_str_has_prefix (cases[i].text, "Patient-ID")
                              ? g_strdup (cases[i].text) : g_strconcat (header, cases[i].text, NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(VastusCsvImport) import = import_data (f->db, clinic, cases[i].patient, text,
                                                       strlen (text), NULL, &error);
      g_autofree char *after = vastus_csv_export (f->db, NULL, NULL, NULL);

      if (error == NULL)
        g_error ("%s: imported", cases[i].name);
      if (cases[i].part != NULL && !has_message (vastus_csv_import_get_errors (import), cases[i].part))
        g_error ("%s: “%s” lacks “%s”", cases[i].name, error->message, cases[i].part);
      g_assert_cmpstr (after, ==, before);
    }

  /* A name-only export for a patient of another name. */
  {
    g_autoptr(GError) error = NULL;
    gsize length;
    g_autofree char *csv = read_fixture ("nordbord.csv", &length);
    g_autoptr(VastusCsvImport) import = import_data (f->db, nordbord, "FX-2", csv, length, NULL, &error);
    g_autofree char *after = vastus_csv_export (f->db, NULL, NULL, NULL);

    g_assert_nonnull (error);
    g_assert_true (has_message (vastus_csv_import_get_errors (import),
                                "line 2, column 1 (Name): the file names “Jane Doe”, but patient “FX-2” is “Max Muster”"));
    g_assert_cmpstr (after, ==, before);
  }
  /* A 12-hour time past 12: the message names the time's own column. */
  {
    g_autoptr(GError) error = NULL;
    static const char csv[] = "Name,Date UTC,Time UTC,Test,L Max Force (N),R Max Force (N),L Max Torque (Nm)\n"
                              "Jane Doe,3/14/2026,13:00 PM,Nordic,312.5,287,128.1\n";
    g_autoptr(VastusCsvImport) import = import_data (f->db, nordbord, "FX-1", csv, strlen (csv), NULL, &error);
    g_autofree char *after = vastus_csv_export (f->db, NULL, NULL, NULL);

    g_assert_nonnull (error);
    g_assert_true (has_message (vastus_csv_import_get_errors (import),
                                "line 2, column 3 (Time UTC): “13:00 PM” is not a time in the form %I:%M:%S %p or %I:%M %p"));
    g_assert_cmpstr (after, ==, before);
  }
  /* … and one without --patient. */
  {
    g_autoptr(GError) error = NULL;
    gsize length;
    g_autofree char *csv = read_fixture ("nordbord.csv", &length);
    g_autoptr(VastusCsvImport) import = import_data (f->db, nordbord, NULL, csv, length, NULL, &error);

    g_assert_nonnull (error);
    g_assert_nonnull (strstr (error->message, "--patient MRN"));
  }
}

/* Suffix=unit reads "250 N" where the column says so, and only its own unit; Suffix=side needs
 * the letter. */
static void
test_import_suffixes (Fixture       *f,
                      gconstpointer  data)
{
  static const char ini[] =
    "[Profile]\nPatientColumn=ID\nDateColumn=Date\n"
    "[Column Squeeze L]\nMeasure=hip_adduction_frame\nSide=left\nUnit=N\nSuffix=unit\n"
    "[Column Squeeze R]\nMeasure=hip_adduction_frame\nSide=right\nUnit=lbf\nSuffix=unit\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(VastusProfile) p = vastus_profile_new_from_data ("units", ini, strlen (ini), &error);
  g_autoptr(VastusProfile) platform = load_profile ("platform.ini");
  g_autofree char *before = NULL;

  g_assert_no_error (error);
  {
    /* "250 N" is 250 N; "60 lbf" is 60 × 4.4482216152605 = 266.89329691563 N. */
    static const char csv[] = "ID,Date,Squeeze L,Squeeze R\nFX-1,2026-06-01,250 N,60 lbf\n";
    VastusCsvImportCounts counts = { 0 };
    g_autoptr(VastusCsvImport) import = import_data (f->db, p, NULL, csv, strlen (csv), &counts, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (counts.measurements, ==, 2);
    g_assert_cmpfloat (stored (f->db, "FX-1", "2026-06-01", "hip_adduction_frame", VASTUS_SIDE_LEFT, 1), ==, 250);
    g_assert_cmpfloat (stored (f->db, "FX-1", "2026-06-01", "hip_adduction_frame", VASTUS_SIDE_RIGHT, 1), ==, 266.89329691563);
  }
  {
    /* Headers in another case, with a space around: the same columns (matched after trimming,
     * ignoring case). */
    static const char csv[] = "id,DATE, squeeze l ,SQUEEZE R\nFX-2,2026-06-03,100 N,50 lbf\n";
    g_autoptr(VastusCsvImport) import = import_data (f->db, p, NULL, csv, strlen (csv), NULL, &error);

    g_assert_no_error (error);
    g_assert_cmpfloat (stored (f->db, "FX-2", "2026-06-03", "hip_adduction_frame", VASTUS_SIDE_LEFT, 1), ==, 100);
    /* 50 lbf = 50 × 4.4482216152605 = 222.411080763025 N */
    g_assert_cmpfloat_with_epsilon (stored (f->db, "FX-2", "2026-06-03", "hip_adduction_frame",
                                            VASTUS_SIDE_RIGHT, 1), 222.411080763025, 1e-9);
  }
  before = vastus_csv_export (f->db, NULL, NULL, NULL);
  {
    /* A stored value contradicted through a profile: refused, nothing written. */
    static const char csv[] = "ID,Date,Squeeze L,Squeeze R\nFX-1,2026-06-01,251 N,60 lbf\n";
    g_autoptr(VastusCsvImport) import = import_data (f->db, p, NULL, csv, strlen (csv), NULL, &error);
    g_autofree char *after = vastus_csv_export (f->db, NULL, NULL, NULL);

    g_assert_nonnull (error);
    g_assert_true (has_message (vastus_csv_import_get_errors (import),
                                "hip_adduction_frame, left, trial 1 is stored already with other data"));
    g_assert_cmpstr (after, ==, before);
    g_clear_error (&error);
  }
  {
    /* Another unit than the column's is not read as it. */
    static const char csv[] = "ID,Date,Squeeze L,Squeeze R\nFX-1,2026-06-02,25 kg,60 lbf\n";
    g_autoptr(VastusCsvImport) import = import_data (f->db, p, NULL, csv, strlen (csv), NULL, &error);
    g_autofree char *after = vastus_csv_export (f->db, NULL, NULL, NULL);

    g_assert_nonnull (error);
    g_assert_true (has_message (vastus_csv_import_get_errors (import),
                                "line 2, column 3 (Squeeze L): “25 kg” is not a number"));
    g_assert_cmpstr (after, ==, before);
    g_clear_error (&error);
  }
  {
    /* Suffix=side without the letter. */
    static const char csv[] = "\"Name\",\"ExternalId\",\"Date\",\"Time\",\"BW [KG] \",\"Peak Force [N] (L) \","
                              "\"Peak Force [N] (R) \",\"Best Side Force [N] \"\n"
                              "\"Jane Doe\",\"FX-1\",\"11/06/2026\",\"09:05:00\",\"72.4\",\"280.5\",\"340\",\"340\"\n";
    g_autoptr(VastusCsvImport) import = import_data (f->db, platform, NULL, csv, strlen (csv), NULL, &error);
    g_autofree char *after = vastus_csv_export (f->db, NULL, NULL, NULL);

    g_assert_nonnull (error);
    g_assert_true (has_message (vastus_csv_import_get_errors (import),
                                "line 2, column 8 (Best Side Force [N]): “340” names no side"));
    g_assert_cmpstr (after, ==, before);
  }
}

/* A dry run (check () without commit) gives the visits and values an import would store, and the
 * place of each error, and leaves nothing behind. */
static void
test_import_dry_run (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(VastusProfile) clinic = load_profile ("clinic.ini");
  g_autofree char *before = vastus_csv_export (f->db, NULL, NULL, NULL);
  gsize length;
  g_autofree char *csv = read_fixture ("clinic.csv", &length);

  {
    g_autoptr(VastusCsvImport) import = vastus_csv_import_new (f->db);
    g_autoptr(GInputStream) stream = g_memory_input_stream_new_from_data (csv, (gssize) length, NULL);
    g_autoptr(GError) error = NULL;
    VastusCsvImportCounts counts = { 0 };
    const VastusCsvImportVisit *v;
    const VastusCsvImportValue *value;
    GArray *visits;
    GPtrArray *values;

    vastus_csv_import_keep_values (import, 10, 3);
    g_assert_true (vastus_csv_import_add_profile_stream (import, clinic, NULL, "clinic.csv", stream,
                                                         NULL, &error));
    g_assert_true (vastus_csv_import_check (import, &counts, &error));
    g_assert_no_error (error);
    /* clinic.csv: FX-1 (line 2: left 25,5 and 26 kg, right 30 kg) and FX-2 (line 3: right
     * 41,25 kg), both on 1 August 2026: two new visits, four values, of which three are kept. */
    g_assert_cmpuint (counts.visits, ==, 2);
    g_assert_cmpuint (counts.measurements, ==, 4);
    visits = vastus_csv_import_get_visits (import);
    g_assert_cmpuint (visits->len, ==, 2);
    v = &g_array_index (visits, VastusCsvImportVisit, 0);
    g_assert_true (v->added);
    g_assert_cmpuint (v->line, ==, 2);
    g_assert_cmpint (g_date_get_month (&v->date), ==, 8);
    g_assert_cmpint (g_date_get_day (&v->date), ==, 1);
    g_assert_cmpint (v->patient_id, !=, g_array_index (visits, VastusCsvImportVisit, 1).patient_id);
    values = vastus_csv_import_get_values (import);
    g_assert_cmpuint (values->len, ==, 3);
    /* In the profile's column order: left 25,5 kg = 250.069575 N, right 30 kg, left trial 2. */
    value = g_ptr_array_index (values, 0);
    g_assert_cmpuint (value->visit, ==, 0);
    g_assert_cmpuint (value->line, ==, 2);
    g_assert_cmpstr (value->measurement->measure, ==, "quadriceps_hhd");
    g_assert_cmpint (value->measurement->side, ==, VASTUS_SIDE_LEFT);
    g_assert_cmpfloat (value->measurement->value, ==, 250.069575);
    g_assert_cmpstr (value->measurement->unit, ==, "kg");
    value = g_ptr_array_index (values, 2);
    g_assert_cmpint (value->measurement->trial, ==, 2);
  }
  {
    g_autofree char *after = vastus_csv_export (f->db, NULL, NULL, NULL);

    /* Freed without a commit: nothing was stored. */
    g_assert_cmpstr (after, ==, before);
  }

  /* Errors in place: the line and the column (1-based) of the cell. */
  {
    static const char bad[] = "Patient-ID;Datum;Quadrizeps li (kg);Quadrizeps re (kg);Quadrizeps li 2 (kg)\n"
                              "FX-1;01.08.2026;25;30;26\n"
                              "FX-1;02.08.2026;25;1e999;26\n";
    g_autoptr(GError) error = NULL;
    g_autoptr(VastusCsvImport) import = import_data (f->db, clinic, NULL, bad, strlen (bad), NULL,
                                                     &error);
    guint line, column;

    g_assert_nonnull (error);
    g_assert_cmpuint (vastus_csv_import_get_n_errors (import), ==, 1);
    vastus_csv_import_get_error_place (import, 0, &line, &column);
    g_assert_cmpuint (line, ==, 3);
    g_assert_cmpuint (column, ==, 4);
  }

  /* Visits stored already and skipped are not listed; without keep_values () none is kept,
   * only counted. */
  {
    static const char more[] = "Patient-ID;Datum;Quadrizeps li (kg);Quadrizeps re (kg);Quadrizeps li 2 (kg)\n"
                               "FX-1;01.08.2026;25,5;30;26\n";
    static const char third[] = "Patient-ID;Datum;Quadrizeps li (kg);Quadrizeps re (kg);Quadrizeps li 2 (kg)\n"
                                "FX-1;01.08.2026;25,5;30;26\n"
                                "FX-2;01.08.2026;;41,25;40\n";
    VastusCsvImportCounts counts = { 0 };
    g_autoptr(VastusCsvImport) first = import_data (f->db, clinic, NULL, more, strlen (more), &counts, NULL);
    g_autoptr(VastusCsvImport) second = NULL;
    GArray *visits;

    g_assert_cmpuint (counts.visits, ==, 1);
    second = import_data (f->db, clinic, NULL, third, strlen (third), &counts, NULL);
    /* FX-1's three values are stored already (skipped; its visit not counted); FX-2 is new. */
    visits = vastus_csv_import_get_visits (second);
    g_assert_cmpuint (visits->len, ==, 0);
    g_assert_cmpuint (vastus_csv_import_get_n_visits_stored (second), ==, 1);
    g_assert_cmpuint (vastus_csv_import_get_episodes (second)->len, ==, 1);
    g_assert_cmpuint (counts.skipped, ==, 3);
  }
  {
    /* Girth on FX-1's stored visit of 1 August: the visit is listed, not as added. */
    static const char girth[] = "Patient-ID;Datum;Umfang li (cm)\nFX-1;01.08.2026;45\n";
    static const char ini[] = "[Profile]\nDelimiter=;\nDecimalMark=,\nDateFormat=%d.%m.%Y\n"
                              "PatientColumn=Patient-ID\nDateColumn=Datum\n"
                              "[Column Umfang li (cm)]\nMeasure=thigh_girth_10\nSide=left\nUnit=cm\n";
    g_autoptr(GError) error = NULL;
    g_autoptr(VastusProfile) p = vastus_profile_new_from_data ("girth", ini, strlen (ini), &error);
    VastusCsvImportCounts counts = { 0 };
    g_autoptr(VastusCsvImport) import = NULL;
    const VastusCsvImportVisit *v;

    g_assert_no_error (error);
    import = vastus_csv_import_new (f->db);
    vastus_csv_import_keep_values (import, 10, 10);
    {
      g_autoptr(GInputStream) stream = g_memory_input_stream_new_from_data (girth, strlen (girth), NULL);

      g_assert_true (vastus_csv_import_add_profile_stream (import, p, NULL, "girth.csv", stream,
                                                           NULL, &error));
    }
    g_assert_true (vastus_csv_import_commit (import, &counts, &error));
    g_assert_cmpuint (counts.visits, ==, 0);
    g_assert_cmpuint (counts.measurements, ==, 1);
    g_assert_cmpuint (vastus_csv_import_get_visits (import)->len, ==, 1);
    v = &g_array_index (vastus_csv_import_get_visits (import), VastusCsvImportVisit, 0);
    g_assert_false (v->added);
    g_assert_cmpint (v->visit_id, >, 0);
    g_assert_cmpfloat (((VastusCsvImportValue *) vastus_csv_import_get_values (import)->pdata[0])->measurement->value, ==, 45);
  }
}

typedef struct
{
  guint   n_calls;
  guint64 last_done;
  guint64 total;
  guint   stop_at;    /* answer FALSE at this call (0: never) */
} Heard;

static gboolean
heard_cb (guint64  done,
          guint64  total,
          gpointer data)
{
  Heard *heard = data;

  g_assert_cmpuint (done, >=, heard->last_done);
  g_assert_cmpuint (done, <=, total);
  heard->last_done = done;
  heard->total = total;
  return ++heard->n_calls != heard->stop_at;
}

/* A file by its path says how far it is, in bytes of its size, and stops when told to. */
static void
test_import_file_progress (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(VastusProfile) clinic = load_profile ("clinic.ini");
  g_autofree char *path = g_build_filename (f->dir, "long.csv", NULL);
  g_autoptr(GString) csv = g_string_new ("Patient-ID;Datum;Quadrizeps li (kg);Quadrizeps re (kg);"
                                         "Quadrizeps li 2 (kg)\n");
  g_autofree char *before = NULL;
  g_autoptr(GError) error = NULL;
  GDate date;

  /* 600 visits of FX-1, a day apart from 1 January 2024: lines 2 … 601, a report at lines 256
   * and 512. */
  g_date_set_dmy (&date, 1, 1, 2024);
  for (guint i = 0; i < 600; i++, g_date_add_days (&date, 1))
    g_string_append_printf (csv, "FX-1;%02u.%02u.%04u;25;30;26\n", g_date_get_day (&date),
                            g_date_get_month (&date), g_date_get_year (&date));
  g_file_set_contents (path, csv->str, (gssize) csv->len, &error);
  g_assert_no_error (error);
  before = vastus_csv_export (f->db, NULL, NULL, NULL);

  {
    Heard heard = { 0 };
    g_autoptr(VastusCsvImport) import = vastus_csv_import_new (f->db);
    VastusCsvImportCounts counts = { 0 };

    vastus_progress_push (heard_cb, &heard);
    g_assert_true (vastus_csv_import_add_profile_file (import, clinic, NULL, path, NULL, &error));
    vastus_progress_pop ();
    g_assert_no_error (error);
    g_assert_cmpuint (heard.n_calls, ==, 2);
    g_assert_cmpuint (heard.total, ==, csv->len);
    g_assert_true (vastus_csv_import_check (import, &counts, &error));
    g_assert_cmpuint (counts.visits, ==, 600);
  }
  {
    Heard heard = { .stop_at = 1 };
    g_autoptr(VastusCsvImport) import = vastus_csv_import_new (f->db);

    vastus_progress_push (heard_cb, &heard);
    g_assert_false (vastus_csv_import_add_profile_file (import, clinic, NULL, path, NULL, &error));
    vastus_progress_pop ();
    g_assert_nonnull (error);
    g_assert_nonnull (strstr (error->message, "long.csv"));
    g_clear_error (&error);
    g_assert_false (vastus_csv_import_commit (import, NULL, &error));
  }
  {
    g_autofree char *after = vastus_csv_export (f->db, NULL, NULL, NULL);
    g_autofree char *missing = g_build_filename (f->dir, "missing.csv", NULL);
    g_autoptr(VastusCsvImport) import = vastus_csv_import_new (f->db);
    g_autoptr(GError) open_error = NULL;

    /* Stopped: nothing written. */
    g_assert_cmpstr (after, ==, before);
    /* A file that is not there is an error of the import too. */
    g_assert_false (vastus_csv_import_add_profile_file (import, clinic, NULL, missing, NULL,
                                                        &open_error));
    g_assert_error (open_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
    g_assert_cmpuint (vastus_csv_import_get_n_errors (import), ==, 1);
    g_assert_nonnull (strstr (vastus_csv_import_get_errors (import)->pdata[0], "missing.csv: could not be read"));
  }
  g_unlink (path);
}

/* Saved profiles */

static void
test_profile_store (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(VastusProfile) clinic = load_profile ("clinic.ini");
  g_autoptr(VastusProfile) taken = NULL;
  g_autoptr(GPtrArray) saved = NULL;
  g_autoptr(VastusProfile) found = NULL;
  g_autoptr(GError) error = NULL;
  static const char nordbord[] = "[Profile]\nDateColumn=D\n[Column A]\nMeasure=tug\nUnit=s\n";

  g_assert_true (vastus_database_save_profile (f->db, clinic, &error));
  g_assert_no_error (error);
  /* Saving again replaces it: still one. */
  g_assert_true (vastus_database_save_profile (f->db, clinic, &error));
  saved = vastus_database_list_profiles (f->db, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (saved->len, ==, 1);
  g_assert_cmpstr (((VastusProfile *) saved->pdata[0])->text, ==, clinic->text);
  found = vastus_database_find_profile (f->db, "clinic", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->columns->len, ==, 3);
  g_clear_pointer (&found, vastus_profile_free);
  found = vastus_database_find_profile (f->db, "forceframe", &error);
  g_assert_true (found->builtin);
  g_clear_pointer (&found, vastus_profile_free);
  g_assert_null (vastus_database_find_profile (f->db, "nope", &error));
  g_assert_error (error, VASTUS_STORE_ERROR, VASTUS_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* A built-in id cannot be taken. */
  taken = vastus_profile_new_from_data ("nordbord", nordbord, strlen (nordbord), &error);
  g_assert_no_error (error);
  g_assert_false (vastus_database_save_profile (f->db, taken, &error));
  g_assert_error (error, VASTUS_STORE_ERROR, VASTUS_STORE_ERROR_CONSTRAINT);
}

int
main (int   argc,
      char *argv[])
{
  /* The clinic is at UTC+13 (POSIX TZ: the offset to add to local time to get UTC). */
  g_setenv ("TZ", "NZDT-13", TRUE);
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/profile/read", test_profile_read);
  g_test_add_func ("/profile/refused", test_profile_refused);
  g_test_add_func ("/profile/ids", test_profile_ids);
  g_test_add_func ("/profile/detect", test_profile_detect);
  g_test_add_func ("/profile/dates", test_profile_dates);
  g_test_add_func ("/profile/value-text", test_profile_value_text);
#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("/device-import/nordbord", test_import_nordbord);
  ADD ("/device-import/forceframe", test_import_forceframe);
  ADD ("/device-import/platform", test_import_platform);
  ADD ("/device-import/isokinetic", test_import_isokinetic);
  ADD ("/device-import/clinic", test_import_clinic);
  ADD ("/device-import/windows-1252", test_import_windows_1252);
  ADD ("/device-import/hostile", test_import_hostile);
  ADD ("/device-import/suffixes", test_import_suffixes);
  ADD ("/device-import/dry-run", test_import_dry_run);
  ADD ("/device-import/file-progress", test_import_file_progress);
  ADD ("/device-import/profile-store", test_profile_store);
#undef ADD
  return g_test_run ();
}
