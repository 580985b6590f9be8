/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Guessing a file's layout and its columns' roles, describing what a profile reads, and building
 * a profile from the roles chosen (vastus-profile-guess.h), on the files of tests/data/device
 * and headers of the layouts the device issue describes. Each expected value is read off the
 * header or the file by hand.
 */
#include <locale.h>
#include <string.h>

#include "vastus-model-error.h"
#include "device-fixture.h"
#include "vastus-profile-guess.h"

static VastusFileHead *
read_head (const char *name)
{
  gsize length;
  g_autofree char *data = read_fixture (name, &length);
  g_autoptr(GError) error = NULL;
  VastusFileHead *head = vastus_file_head_read (data, length, TRUE, 0, NULL, 20, &error);

  g_assert_no_error (error);
  return head;
}

static void
test_guess_side_unit (void)
{
  static const struct { const char *header; VastusProfileSide side; const char *unit; } cases[] = {
    { "L Max Force (N)", VASTUS_PROFILE_SIDE_LEFT, "N" },             /* prefix */
    { "R Max Torque (Nm)", VASTUS_PROFILE_SIDE_RIGHT, "Nm" },
    { "Peak Force [N] (L) ", VASTUS_PROFILE_SIDE_LEFT, "N" },         /* suffix, brackets */
    { "Peak Force [N] (R)", VASTUS_PROFILE_SIDE_RIGHT, "N" },
    { "Quadrizeps li (kg)", VASTUS_PROFILE_SIDE_LEFT, "kg" },         /* li / re */
    { "Quadrizeps re (kg)", VASTUS_PROFILE_SIDE_RIGHT, "kg" },
    { "Beteiligt Spitzendrehmoment (Nm)", VASTUS_PROFILE_SIDE_INVOLVED, "Nm" },
    { "Unbeteiligt Spitzendrehmoment (Nm)", VASTUS_PROFILE_SIDE_UNINVOLVED, "Nm" },
    { "Left quadriceps [lbf]", VASTUS_PROFILE_SIDE_LEFT, "lbf" },
    { "BW [KG] ", VASTUS_PROFILE_SIDE_NONE, "kg" },
    { "Jump Height (Imp-Mom) [cm]", VASTUS_PROFILE_SIDE_NONE, "cm" },
    /* Both sides named, or none; "%", "N⋅s" and "°/s" are no unit a value is entered in. */
    { "Peak Force Asymmetry [% L,R] ", VASTUS_PROFILE_SIDE_NONE, NULL },
    { "Max Imbalance (%)", VASTUS_PROFILE_SIDE_NONE, NULL },
    { "L Max Impulse (N⋅s)", VASTUS_PROFILE_SIDE_LEFT, NULL },
    { "Geschwindigkeit (°/s)", VASTUS_PROFILE_SIDE_NONE, NULL },
    { "L Reps", VASTUS_PROFILE_SIDE_LEFT, NULL },
    { "Reps", VASTUS_PROFILE_SIDE_NONE, NULL },                        /* "re" only as a word */
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      if (vastus_profile_guess_side (cases[i].header) != cases[i].side)
        g_error ("“%s”: side %d, not %d", cases[i].header,
                 vastus_profile_guess_side (cases[i].header), cases[i].side);
      g_assert_cmpstr (vastus_profile_guess_unit (cases[i].header), ==, cases[i].unit);
    }
}

static void
test_guess_roles (void)
{
  static const struct
  {
    const char *header;
    VastusColumnRole role;
    const char *measure;
    VastusProfileSide side;
    const char *unit;
  } cases[] = {
    { "Datum", VASTUS_COLUMN_ROLE_DATE, NULL, VASTUS_PROFILE_SIDE_NONE, NULL },
    { "Date UTC", VASTUS_COLUMN_ROLE_DATE, NULL, VASTUS_PROFILE_SIDE_NONE, NULL },
    { "Time UTC", VASTUS_COLUMN_ROLE_TIME, NULL, VASTUS_PROFILE_SIDE_NONE, NULL },
    { "Patient-ID", VASTUS_COLUMN_ROLE_PATIENT, NULL, VASTUS_PROFILE_SIDE_NONE, NULL },
    { "ExternalId", VASTUS_COLUMN_ROLE_PATIENT, NULL, VASTUS_PROFILE_SIDE_NONE, NULL },
    { "Name", VASTUS_COLUMN_ROLE_NAME, NULL, VASTUS_PROFILE_SIDE_NONE, NULL },
    { "Quadrizeps li (kg)", VASTUS_COLUMN_ROLE_VALUE, "quadriceps_hhd", VASTUS_PROFILE_SIDE_LEFT, "kg" },
    { "Quadrizeps re 2 (kg)", VASTUS_COLUMN_ROLE_VALUE, "quadriceps_hhd", VASTUS_PROFILE_SIDE_RIGHT, "kg" },
    { "Quadriceps MVIC R (Nm)", VASTUS_COLUMN_ROLE_VALUE, "quadriceps_mvic", VASTUS_PROFILE_SIDE_RIGHT, "Nm" },
    { "Oberschenkelumfang 10 cm über Patella li (cm)", VASTUS_COLUMN_ROLE_VALUE, "thigh_girth_10",
      VASTUS_PROFILE_SIDE_LEFT, "cm" },
    { "BW [KG] ", VASTUS_COLUMN_ROLE_VALUE, "body_mass_kg", VASTUS_PROFILE_SIDE_NONE, "kg" },
    /* A side and a unit without a measure: not read, both kept for the person's choice. */
    { "L Max Force (N)", VASTUS_COLUMN_ROLE_NONE, NULL, VASTUS_PROFILE_SIDE_LEFT, "N" },
    /* Hamstrings in kg is a measure; as a torque (Nm) no hand-held one fits. */
    { "Hamstrings re (Nm)", VASTUS_COLUMN_ROLE_NONE, NULL, VASTUS_PROFILE_SIDE_RIGHT, "Nm" },
    { "Device", VASTUS_COLUMN_ROLE_NONE, NULL, VASTUS_PROFILE_SIDE_NONE, NULL },
    { "Min Time to PeakForce (s)", VASTUS_COLUMN_ROLE_NONE, NULL, VASTUS_PROFILE_SIDE_NONE, "s" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(VastusColumnMapping) m = vastus_column_mapping_guess (cases[i].header);

      if (m->role != cases[i].role)
        g_error ("“%s”: role %d, not %d", cases[i].header, m->role, cases[i].role);
      g_assert_cmpstr (m->header, ==, cases[i].header);
      g_assert_cmpstr (m->measure, ==, cases[i].measure);
      g_assert_cmpint (m->side, ==, cases[i].side);
      g_assert_cmpstr (m->unit, ==, cases[i].unit);
    }
}

static void
test_file_head (void)
{
  g_autoptr(VastusFileHead) clinic = read_head ("clinic.csv");
  g_autoptr(VastusFileHead) nordbord = read_head ("nordbord.csv");
  g_autoptr(VastusFileHead) platform = read_head ("platform.csv");
  g_autoptr(VastusFileHead) legacy = read_head ("clinic-1252.csv");
  g_auto(GStrv) clinic_dates = NULL, nordbord_dates = NULL, platform_dates = NULL;
  gsize length;
  g_autofree char *data = read_fixture ("nordbord.csv", &length);

  /* clinic.csv: semicolons, "25,5": a decimal comma; a header and two rows of six columns. */
  g_assert_cmpint (clinic->delimiter, ==, ';');
  g_assert_cmpint (clinic->decimal_mark, ==, ',');
  g_assert_null (clinic->encoding);
  g_assert_cmpuint (clinic->rows->len, ==, 3);
  g_assert_cmpuint (clinic->n_columns, ==, 6);
  g_assert_cmpstr (((char **) clinic->rows->pdata[2])[5], ==, "nur rechts");
  g_assert_true (clinic->complete);
  /* nordbord.csv: commas, "312.5", the byte-order mark gone from "Name". */
  g_assert_cmpint (nordbord->delimiter, ==, ',');
  g_assert_cmpint (nordbord->decimal_mark, ==, '.');
  g_assert_cmpstr (((char **) nordbord->rows->pdata[0])[0], ==, "Name");
  g_assert_cmpuint (nordbord->n_columns, ==, 18);
  /* Every field quoted; the header's trailing space kept (matching trims it). */
  g_assert_cmpstr (((char **) platform->rows->pdata[0])[5], ==, "BW [KG] ");
  g_assert_cmpstr (((char **) platform->rows->pdata[1])[8], ==, "17.3 R");
  /* The byte FC is not UTF-8: read as Windows-1252, "über". */
  g_assert_cmpstr (legacy->encoding, ==, "windows-1252");
  g_assert_nonnull (strstr (((char **) legacy->rows->pdata[0])[2], "über"));

  /* Dates: 01.08.2026 fits only %d.%m.%Y; 3/14/2026 (no 14th month) only %m/%d/%Y; 10/06/2026
   * both ways round. */
  clinic_dates = vastus_profile_guess_date_formats (clinic, 1);
  nordbord_dates = vastus_profile_guess_date_formats (nordbord, 1);
  platform_dates = vastus_profile_guess_date_formats (platform, 3);
  {
    g_autofree char *a = g_strjoinv (" ", clinic_dates);
    g_autofree char *b = g_strjoinv (" ", nordbord_dates);
    g_autofree char *c = g_strjoinv (" ", platform_dates);

    g_assert_cmpstr (a, ==, "%d.%m.%Y");
    g_assert_cmpstr (b, ==, "%m/%d/%Y");
    g_assert_cmpstr (c, ==, "%m/%d/%Y %d/%m/%Y");
  }

  /* The first two rows of a file cut short: the cut line is left out, the file said to go on. */
  {
    gsize cut_at = length - strlen (strstr (data, "4/2/2026,4:55")) + 4;
    g_autoptr(VastusFileHead) cut = vastus_file_head_read (data, cut_at, FALSE, 0, NULL, 20, NULL);

    g_assert_cmpuint (cut->rows->len, ==, 3);
    g_assert_false (cut->complete);
  }
  {
    g_autoptr(VastusFileHead) two = vastus_file_head_read (data, length, TRUE, 0, NULL, 2, NULL);

    g_assert_cmpuint (two->rows->len, ==, 3);
    g_assert_false (two->complete);
  }
  {
    g_autoptr(GError) error = NULL;

    g_assert_null (vastus_file_head_read ("", 0, TRUE, 0, NULL, 20, &error));
    g_assert_nonnull (error);
  }
}

static void
test_describe (void)
{
  g_autoptr(VastusProfile) nordbord = builtin ("nordbord");
  g_autoptr(VastusProfile) forceframe = builtin ("forceframe");
  static const struct { const char *header; const char *text; } nb[] = {
    { "Date UTC", "Date (UTC)" },
    { "Time UTC", "Time (UTC)" },
    { "Name", "Patient’s name" },
    { "Test", "Test (only Nordic)" },
    { "l max force (n) ", "Eccentric knee-flexor force in the Nordic exercise, left, in N" },
    { "L Max Torque (Nm)", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (nb); i++)
    {
      g_autofree char *text = vastus_profile_describe_column (nordbord, nb[i].header);

      g_assert_cmpstr (text, ==, nb[i].text);
    }
  {
    g_autofree char *both = vastus_profile_describe_column (forceframe, "L Max Force (N)");
    g_autofree char *mrn = vastus_profile_describe_column (forceframe, "ExternalId");
    g_autofree char *date = vastus_profile_describe_column (forceframe, "Date");

    /* Read under two directions: both said. */
    g_assert_cmpstr (both, ==, "Squeeze: Hip adduction isometric force (fixed frame), left, in N; "
                               "Pull: Hip abduction isometric force (fixed frame), left, in N");
    g_assert_cmpstr (mrn, ==, "Patient (MRN)");
    /* "Date" is not UTC (the header says no UTC, nor does the profile). */
    g_assert_cmpstr (date, ==, "Date");
  }
  {
    g_autoptr(VastusColumnMapping) m = vastus_column_mapping_new ("R Max Force (N)");

    /* One role each: nordbord's force columns can be a mapping, the frame's cannot. */
    g_assert_true (vastus_profile_column_mapping (nordbord, "R Max Force (N)", m));
    g_assert_cmpint (m->role, ==, VASTUS_COLUMN_ROLE_VALUE);
    g_assert_cmpstr (m->measure, ==, "hamstrings_nordic");
    g_assert_cmpint (m->side, ==, VASTUS_PROFILE_SIDE_RIGHT);
    g_assert_cmpstr (m->unit, ==, "N");
    g_assert_true (vastus_profile_column_mapping (nordbord, "Date UTC", m));
    g_assert_cmpint (m->role, ==, VASTUS_COLUMN_ROLE_DATE);
    g_assert_null (m->measure);
    g_assert_true (vastus_profile_column_mapping (nordbord, "Device", m));
    g_assert_cmpint (m->role, ==, VASTUS_COLUMN_ROLE_NONE);
    g_assert_false (vastus_profile_column_mapping (forceframe, "L Max Force (N)", m));
    g_assert_false (vastus_profile_column_mapping (nordbord, "Test", m));
  }
}

static GPtrArray *
guessed (const VastusFileHead *head)
{
  GPtrArray *mappings = g_ptr_array_new_with_free_func ((GDestroyNotify) vastus_column_mapping_free);
  char **header = g_ptr_array_index (head->rows, 0);

  for (guint i = 0; header[i] != NULL; i++)
    g_ptr_array_add (mappings, vastus_column_mapping_guess (header[i]));
  return mappings;
}

static void
test_build (void)
{
  g_autoptr(VastusFileHead) clinic = read_head ("clinic.csv");
  g_autoptr(VastusFileHead) legacy = read_head ("clinic-1252.csv");
  g_autoptr(GPtrArray) mappings = guessed (clinic);
  g_autoptr(GError) error = NULL;
  g_autoptr(VastusProfile) p = vastus_profile_build ("sheet", "Clinic sheet", clinic, "%d.%m.%Y",
                                                     mappings, &error);
  const VastusProfileColumn *c;

  /* clinic.csv's headers alone make clinic.ini: MRN, date, three quadriceps columns in kg. */
  g_assert_no_error (error);
  g_assert_cmpstr (p->id, ==, "sheet");
  g_assert_cmpstr (p->name, ==, "Clinic sheet");
  g_assert_cmpint (p->delimiter, ==, ';');
  g_assert_cmpint (p->decimal_mark, ==, ',');
  g_assert_cmpstr (p->date_column, ==, "Datum");
  g_assert_cmpstr (p->date_formats[0], ==, "%d.%m.%Y");
  g_assert_cmpstr (p->patient_column, ==, "Patient-ID");
  g_assert_null (p->encoding);
  g_assert_cmpuint (p->columns->len, ==, 3);
  c = g_ptr_array_index (p->columns, 2);
  g_assert_cmpstr (c->header, ==, "Quadrizeps li 2 (kg)");
  g_assert_cmpstr (c->measure, ==, "quadriceps_hhd");
  g_assert_cmpint (c->side, ==, VASTUS_PROFILE_SIDE_LEFT);
  g_assert_cmpstr (c->unit, ==, "kg");

  /* The legacy file's encoding goes into the profile. */
  {
    g_autoptr(GPtrArray) legacy_mappings = guessed (legacy);
    g_autoptr(VastusProfile) q = NULL;

    ((VastusColumnMapping *) legacy_mappings->pdata[0])->role = VASTUS_COLUMN_ROLE_PATIENT;
    q = vastus_profile_build ("legacy", "Legacy", legacy, "%d.%m.%Y", legacy_mappings, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (q->encoding, ==, "windows-1252");
    g_assert_cmpuint (q->columns->len, ==, 2);
    g_assert_nonnull (strstr (((VastusProfileColumn *) q->columns->pdata[0])->header, "über"));
  }

  /* What a person must still choose, named by column. */
  {
    VastusColumnMapping *date = g_ptr_array_index (mappings, 1);
    VastusColumnMapping *left = g_ptr_array_index (mappings, 2);
    g_autoptr(VastusProfile) none = NULL;

    g_free (left->unit);
    left->unit = NULL;
    none = vastus_profile_build ("x", "X", clinic, "%d.%m.%Y", mappings, &error);
    g_assert_null (none);
    g_assert_error (error, VASTUS_PARSE_ERROR, VASTUS_PARSE_ERROR_PROFILE);
    g_assert_cmpstr (error->message, ==, "“Quadrizeps li (kg)”: choose the unit its values are in");
    g_clear_error (&error);
    left->unit = g_strdup ("cm");
    /* A unit the measure does not take: the profile's own check. */
    g_assert_null (vastus_profile_build ("x", "X", clinic, "%d.%m.%Y", mappings, &error));
    g_assert_nonnull (strstr (error->message, "Unit=“cm”"));
    g_clear_error (&error);
    g_free (left->unit);
    left->unit = g_strdup ("kg");
    left->side = VASTUS_PROFILE_SIDE_NONE;
    g_assert_null (vastus_profile_build ("x", "X", clinic, "%d.%m.%Y", mappings, &error));
    g_assert_cmpstr (error->message, ==, "“Quadrizeps li (kg)”: choose the side it holds");
    g_clear_error (&error);
    left->side = VASTUS_PROFILE_SIDE_LEFT;
    g_clear_pointer (&left->measure, g_free);
    g_assert_null (vastus_profile_build ("x", "X", clinic, "%d.%m.%Y", mappings, &error));
    g_assert_cmpstr (error->message, ==, "“Quadrizeps li (kg)”: choose the measure it holds");
    g_clear_error (&error);
    left->measure = g_strdup ("quadriceps_hhd");
    date->role = VASTUS_COLUMN_ROLE_NONE;
    g_assert_null (vastus_profile_build ("x", "X", clinic, "%d.%m.%Y", mappings, &error));
    g_assert_cmpstr (error->message, ==, "Choose the column that holds the date");
    g_clear_error (&error);
    date->role = VASTUS_COLUMN_ROLE_DATE;
    ((VastusColumnMapping *) mappings->pdata[5])->role = VASTUS_COLUMN_ROLE_DATE;
    g_assert_null (vastus_profile_build ("x", "X", clinic, "%d.%m.%Y", mappings, &error));
    g_assert_cmpstr (error->message, ==,
                     "“Bemerkung”: another column is read as this already: choose one of them");
  }
}

/* Headers a [Column …] group's name cannot hold are written as Header=, and read back. */
static void
test_build_headers (void)
{
  static const char csv[] = "\"Name\",\"ExternalId\",\"Date\",\"BW [KG] \",\"Peak Force [N] (L) \","
                            "\"Peak Force [N] (R) \"\n\"Jane Doe\",\"FX-1\",\"10/06/2026\",\"72.4\","
                            "\"280.5\",\"340\"\n";
  g_autoptr(VastusFileHead) head = vastus_file_head_read (csv, strlen (csv), TRUE, 0, NULL, 20, NULL);
  g_autoptr(GPtrArray) mappings = guessed (head);
  g_autoptr(GError) error = NULL;
  g_autoptr(VastusProfile) p = NULL;
  VastusColumnMapping *left = g_ptr_array_index (mappings, 4);
  VastusColumnMapping *right = g_ptr_array_index (mappings, 5);

  /* The force columns named their side and unit; the person chooses the measure. */
  left->role = right->role = VASTUS_COLUMN_ROLE_VALUE;
  left->measure = g_strdup ("hip_adduction_frame");
  right->measure = g_strdup ("hip_adduction_frame");
  p = vastus_profile_build ("platform", "Platform", head, "%d/%m/%Y", mappings, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (p->columns->len, ==, 3);
  g_assert_cmpstr (((VastusProfileColumn *) p->columns->pdata[0])->header, ==, "BW [KG]");
  g_assert_cmpstr (((VastusProfileColumn *) p->columns->pdata[0])->measure, ==, "body_mass_kg");
  g_assert_cmpstr (((VastusProfileColumn *) p->columns->pdata[2])->header, ==, "Peak Force [N] (R)");
  g_assert_cmpint (((VastusProfileColumn *) p->columns->pdata[2])->side, ==, VASTUS_PROFILE_SIDE_RIGHT);
  g_assert_cmpstr (p->patient_column, ==, "ExternalId");
  g_assert_cmpstr (p->name_column, ==, "Name");
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/profile-guess/side-unit", test_guess_side_unit);
  g_test_add_func ("/profile-guess/roles", test_guess_roles);
  g_test_add_func ("/profile-guess/file-head", test_file_head);
  g_test_add_func ("/profile-guess/describe", test_describe);
  g_test_add_func ("/profile-guess/build", test_build);
  g_test_add_func ("/profile-guess/build-headers", test_build_headers);
  return g_test_run ();
}
