/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * FHIR R4 export and import through the built vastus-cli (VASTUS_CLI_PATH): every Bundle written
 * is validated against the official FHIR R4 JSON schema (tests/fhir-validate.js with the npm
 * package build-aux/dev installs into the build tree, VASTUS_FHIR_VALIDATOR; a missing validator
 * fails the test); each resource kind is checked field by field against values worked out by hand
 * below; export → import into an empty database → export gives the same bytes; a de-identified
 * Bundle (and the PDF inside it) holds none of the identifiers planted in the fixture; a malformed
 * Bundle is refused whole, naming the entry and field.
 */
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>
#include <sys/wait.h>

#include "fhir-test-util.h"
#include "vastus-database.h"
#include "vastus-fhir.h"
#include "vastus-report-store.h"

/* The fixture, with identifiers planted everywhere a de-identified export must drop them:
 * MRN FH-4471, the name Henrietta Quillfeather, birth date 1961-04-17, clinician and surgeon
 * names, a note naming the patient and her daughter Ottilie, a procedure and restrictions that
 * name people.
 *
 * Visit 1, 2025-12-15, 28 days before the surgery (2026-01-12): the baseline. Quadriceps HHD in
 * lbf: left 100 and 110, right 120 and 118, knee at 60°, belt. Stored: 100 lbf = 444.82216152605
 * N, 110 lbf = 489.304377678655 N, 120 lbf = 533.78659383126 N, 118 lbf = 524.890150600739 N;
 * the maximum of each side.
 * Visit 2, 2026-04-20, 98 days (14 weeks) after: left 400 and 410 N, right 500 N, knee at 60°,
 * belt: LSI = 410 / 500 × 100 = 82; EPIC = 410 / 533.78659383126 × 100 = 76.80970…; effusion
 * trace left, 0 right; valgus on single-leg squat left yes, right no; pain 2; thigh girth 15 cm
 * left 45.5 and 46.5 (mean 46.0), right 47.0; knee flexion left 125°; body mass 72.5 kg, height
 * 168 cm. KOOS with every item answered 1: each subscale 100 − 1 × 25 = 75. */
static const char fixture_csv[] =
  "mrn,name,birth_date,sex,condition,involved_side,surgery_date,injury_date,visit_date,"
  "clinician,note,body_mass_kg,height_cm,measure,side,trial,value,unit,baseline,knee_angle_deg,fixation\r\n"
  "FH-4471,Henrietta Quillfeather,1961-04-17,female,aclr,left,2026-01-12,2025-11-03,2025-12-15,"
  "Dr. Bartholomew Ozymandias,,,,quadriceps_hhd,left,1,100,lbf,yes,60,belt\r\n"
  "FH-4471,Henrietta Quillfeather,1961-04-17,female,aclr,left,2026-01-12,2025-11-03,2025-12-15,"
  "Dr. Bartholomew Ozymandias,,,,quadriceps_hhd,left,2,110,lbf,yes,60,belt\r\n"
  "FH-4471,Henrietta Quillfeather,1961-04-17,female,aclr,left,2026-01-12,2025-11-03,2025-12-15,"
  "Dr. Bartholomew Ozymandias,,,,quadriceps_hhd,right,1,120,lbf,yes,60,belt\r\n"
  "FH-4471,Henrietta Quillfeather,1961-04-17,female,aclr,left,2026-01-12,2025-11-03,2025-12-15,"
  "Dr. Bartholomew Ozymandias,,,,quadriceps_hhd,right,2,118,lbf,yes,60,belt\r\n"
#define V2 "FH-4471,Henrietta Quillfeather,1961-04-17,female,aclr,left,2026-01-12,2025-11-03,2026-04-20," \
           "Dr. Bartholomew Ozymandias,Called Henrietta Quillfeather's daughter Ottilie about the brace,72.5,168,"
  V2 "quadriceps_hhd,left,1,400,N,,60,belt\r\n"
  V2 "quadriceps_hhd,left,2,410,N,,60,belt\r\n"
  V2 "quadriceps_hhd,right,1,500,N,,60,belt\r\n"
  V2 "thigh_girth_15,left,1,45.5,cm,,,\r\n"
  V2 "thigh_girth_15,left,2,46.5,cm,,,\r\n"
  V2 "thigh_girth_15,right,1,47,cm,,,\r\n"
  V2 "effusion_stroke,left,1,trace,grade,,,\r\n"
  V2 "effusion_stroke,right,1,0,grade,,,\r\n"
  V2 "knee_flexion,left,1,125,deg,,,\r\n"
  V2 "pain_nrs,none,1,2,points,,,\r\n"
  V2 "single_leg_squat_valgus,left,1,yes,bool,,,\r\n"
  V2 "single_leg_squat_valgus,right,1,no,bool,,,\r\n";

static const char *const planted[] = {
  "FH-4471", "Henrietta", "Quillfeather", "Ottilie", "Bartholomew", "Ozymandias", "Kowalczyk",
  "Brunhilde", "1961-04-17", "2025-12-15", "2026-04-20", "2026-01-12", "2025-11-03",
};

static void
build_fixture (Fixture    *f,
               const char *db)
{
  g_autofree char *csv = write_file (f, "fixture.csv", fixture_csv);
  g_autoptr(GString) answers = g_string_new ("mrn,visit_date,instrument,item,answer\r\n");
  g_autofree char *answers_path = NULL, *err = NULL;
  static const struct { const char *prefix; int n; } koos[] = {
    { "P", 9 }, { "S", 7 }, { "A", 17 }, { "SP", 5 }, { "Q", 4 },
  };
  g_autoptr(VastusDatabase) database = NULL;
  g_autoptr(GPtrArray) episodes = NULL;
  g_autoptr(VastusPatient) patient = NULL;
  g_autoptr(GError) error = NULL;
  VastusEpisode *episode;

  g_assert_cmpint (run (db, NULL, &err, "import", csv, NULL), ==, 0);
  for (gsize s = 0; s < G_N_ELEMENTS (koos); s++)
    for (int i = 1; i <= koos[s].n; i++)
      g_string_append_printf (answers, "FH-4471,2026-04-20,koos,%s%d,1\r\n", koos[s].prefix, i);
  answers_path = write_file (f, "answers.csv", answers->str);
  g_assert_cmpint (run (db, NULL, &err, "import", answers_path, NULL), ==, 0);

  /* What the CSV has no column for: the surgeon, the procedure, restrictions. */
  database = vastus_database_open (db, &error);
  g_assert_no_error (error);
  patient = vastus_database_find_patient (database, "FH-4471", &error);
  g_assert_no_error (error);
  episodes = vastus_database_list_episodes (database, patient->id, &error);
  g_assert_no_error (error);
  episode = g_ptr_array_index (episodes, 0);
  episode->surgeon = g_strdup ("Dr. Brunhilde Kowalczyk");
  episode->procedure = g_strdup ("Hamstring autograft (Dr. Brunhilde Kowalczyk)");
  episode->restrictions = g_strdup ("Henrietta: no running before week 12");
  vastus_database_update_episode (database, episode, &error);
  g_assert_no_error (error);
}


static void
test_export_fields (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *path = NULL;
  g_autoptr(JsonNode) bundle = NULL;
  JsonObject *patient, *condition, *procedure, *encounter, *o, *c, *lsi, *epic, *qr, *report;
  g_autofree char *pdf = NULL;
  gsize pdf_length;

  build_fixture (f, f->db);
  path = export (f, f->db, "one.json", "--patient", "FH-4471", NULL);
  bundle = parse (path);

  g_assert_cmpstr (str (json_node_get_object (bundle), "resourceType"), ==, "Bundle");
  g_assert_cmpstr (str (json_node_get_object (bundle), "type"), ==, "collection");

  /* Patient: the MRN under the default system; the name split at its last space. */
  patient = find_type (bundle, "Patient", 0);
  g_assert_cmpstr (str (patient, "identifier[0].system"), ==, "https://vastus.github.io/fhir/sid/mrn");
  g_assert_cmpstr (str (patient, "identifier[0].value"), ==, "FH-4471");
  g_assert_cmpstr (str (patient, "name[0].family"), ==, "Quillfeather");
  g_assert_cmpstr (str (patient, "name[0].given[0]"), ==, "Henrietta");
  g_assert_cmpstr (str (patient, "gender"), ==, "female");
  g_assert_cmpstr (str (patient, "birthDate"), ==, "1961-04-17");

  /* Condition: ACL reconstruction of the left knee (SNOMED CT knee region 72696002, left
   * 7771000), injured 2025-11-03. */
  condition = find_type (bundle, "Condition", 0);
  g_assert_true (has_coding (json_object_get_object_member (condition, "code"),
                             "https://vastus.github.io/fhir/CodeSystem/condition", "aclr"));
  g_assert_cmpstr (str (condition, "bodySite[0].coding[0].system"), ==, SNOMED);
  g_assert_cmpstr (str (condition, "bodySite[0].coding[0].code"), ==, "72696002");
  g_assert_cmpstr (str (condition, "bodySite[0].extension[0].valueCodeableConcept.coding[0].code"), ==, LEFT);
  g_assert_cmpstr (str (condition, "onsetDateTime"), ==, "2025-11-03");
  g_assert_nonnull (find_type (bundle, "EpisodeOfCare", 0));

  /* Procedure: the surgery on 2026-01-12 by the surgeon, for that condition. */
  procedure = find_type (bundle, "Procedure", 0);
  g_assert_cmpstr (str (procedure, "performedDateTime"), ==, "2026-01-12");
  g_assert_cmpstr (str (resolve (bundle, str (procedure, "performer[0].actor.reference")), "name[0].text"), ==,
                   "Dr. Brunhilde Kowalczyk");
  g_assert_true (resolve (bundle, str (procedure, "reasonReference[0].reference")) == condition);

  /* Two visits: two Encounters; the second on 2026-04-20 by the clinician. */
  g_assert_cmpuint (count_type (bundle, "Encounter"), ==, 2);
  encounter = find_type (bundle, "Encounter", 1);
  g_assert_cmpstr (str (encounter, "period.start"), ==, "2026-04-20");
  g_assert_cmpstr (str (encounter, "status"), ==, "finished");
  g_assert_cmpstr (str (resolve (bundle, str (encounter, "participant[0].individual.reference")), "name[0].text"), ==,
                   "Dr. Bartholomew Ozymandias");
  g_assert_cmpstr (str (find_type (bundle, "ClinicalImpression", 0), "note[0].text"), ==,
                   "Called Henrietta Quillfeather's daughter Ottilie about the brace");
  /* One Practitioner each, however often named. */
  g_assert_cmpuint (count_type (bundle, "Practitioner"), ==, 2);

  /* Quadriceps HHD, left, visit 2: the maximum of 400 and 410 N, in UCUM N; the trials as
   * components; knee at 60° and the belt shared by both trials; the thigh (68367000), left. */
  o = find_observation (bundle, MEASURE, "quadriceps_hhd", LEFT, "2026-04-20");
  g_assert_nonnull (o);
  g_assert_cmpstr (str (o, "status"), ==, "final");
  g_assert_cmpstr (str (o, "category[0].coding[0].code"), ==, "exam");
  g_assert_cmpfloat (num (o, "valueQuantity.value"), ==, 410);
  g_assert_cmpstr (str (o, "valueQuantity.system"), ==, UCUM);
  g_assert_cmpstr (str (o, "valueQuantity.code"), ==, "N");
  g_assert_cmpstr (str (o, "bodySite.coding[0].code"), ==, "68367000");
  g_assert_true (resolve (bundle, str (o, "encounter.reference")) == encounter);
  c = component (o, "trial", 0);
  g_assert_cmpfloat (num (c, "valueQuantity.value"), ==, 400);
  g_assert_cmpint ((int) num (c, "extension[0].valuePositiveInt"), ==, 1);
  g_assert_cmpfloat (num (component (o, "trial", 1), "valueQuantity.value"), ==, 410);
  g_assert_cmpfloat (num (component (o, "knee-angle", 0), "valueQuantity.value"), ==, 60);
  g_assert_cmpstr (str (component (o, "knee-angle", 0), "valueQuantity.code"), ==, "deg");
  g_assert_cmpstr (str (component (o, "fixation", 0), "valueCodeableConcept.coding[0].code"), ==, "belt");
  g_assert_null (json_object_get_member (o, "extension"));   /* not a baseline */

  /* Right, visit 1: entered in lbf, stored and written in N (120 lbf = 533.78659383126 N), the
   * entered unit kept; a baseline; right 24028007. */
  o = find_observation (bundle, MEASURE, "quadriceps_hhd", RIGHT, "2025-12-15");
  g_assert_nonnull (o);
  g_assert_cmpfloat (num (o, "valueQuantity.value"), ==, 533.78659383126);
  g_assert_cmpstr (str (o, "extension[0].url"), ==, EXT "baseline");
  c = component (o, "trial", 1);
  g_assert_cmpfloat (num (c, "valueQuantity.value"), ==, 524.890150600739);
  g_assert_cmpstr (str (c, "extension[1].url"), ==, EXT "entered-unit");
  g_assert_cmpstr (str (c, "extension[1].valueCode"), ==, "lbf");

  /* LSI and EPIC at visit 2, derived from the sides. */
  lsi = find_observation (bundle, "https://vastus.github.io/fhir/CodeSystem/symmetry", "lsi", NULL, "2026-04-20");
  g_assert_nonnull (lsi);
  g_assert_cmpfloat_with_epsilon (num (lsi, "valueQuantity.value"), 82.0, 1e-12);
  g_assert_cmpstr (str (lsi, "valueQuantity.code"), ==, "%");
  g_assert_true (resolve (bundle, str (lsi, "derivedFrom[0].reference")) ==
                 find_observation (bundle, MEASURE, "quadriceps_hhd", LEFT, "2026-04-20"));
  g_assert_true (resolve (bundle, str (lsi, "derivedFrom[1].reference")) ==
                 find_observation (bundle, MEASURE, "quadriceps_hhd", RIGHT, "2026-04-20"));
  epic = find_observation (bundle, "https://vastus.github.io/fhir/CodeSystem/symmetry", "epic", NULL, "2026-04-20");
  g_assert_nonnull (epic);
  g_assert_cmpfloat_with_epsilon (num (epic, "valueQuantity.value"), 410 / 533.78659383126 * 100, 1e-12);
  g_assert_true (resolve (bundle, str (epic, "derivedFrom[1].reference")) ==
                 find_observation (bundle, MEASURE, "quadriceps_hhd", RIGHT, "2025-12-15"));

  /* Thigh girth 15 left: the mean of 45.5 and 46.5 = 46 cm. */
  o = find_observation (bundle, MEASURE, "thigh_girth_15", LEFT, "2026-04-20");
  g_assert_cmpfloat (num (o, "valueQuantity.value"), ==, 46);
  g_assert_cmpstr (str (o, "valueQuantity.code"), ==, "cm");
  g_assert_cmpstr (str (o, "bodySite.coding[0].code"), ==, "68367000");
  /* Effusion: a grade, coded; the knee. */
  o = find_observation (bundle, MEASURE, "effusion_stroke", LEFT, "2026-04-20");
  g_assert_cmpstr (str (o, "valueCodeableConcept.coding[0].code"), ==, "trace");
  g_assert_cmpstr (str (o, "bodySite.coding[0].code"), ==, "72696002");
  /* Knee flexion in UCUM deg; the knee. */
  o = find_observation (bundle, MEASURE, "knee_flexion", LEFT, "2026-04-20");
  g_assert_cmpfloat (num (o, "valueQuantity.value"), ==, 125);
  g_assert_cmpstr (str (o, "valueQuantity.code"), ==, "deg");
  /* Dynamic valgus: yes/no as a boolean; the lower limb (61685007). */
  o = find_observation (bundle, MEASURE, "single_leg_squat_valgus", LEFT, "2026-04-20");
  g_assert_true (json_object_get_boolean_member (o, "valueBoolean"));
  g_assert_cmpstr (str (o, "bodySite.coding[0].code"), ==, "61685007");
  o = find_observation (bundle, MEASURE, "single_leg_squat_valgus", RIGHT, "2026-04-20");
  g_assert_false (json_object_get_boolean_member (o, "valueBoolean"));
  /* Pain: LOINC 72514-3 beside the catalog code, {score}, no side, a survey. */
  o = find_observation (bundle, LOINC, "72514-3", NULL, "2026-04-20");
  g_assert_nonnull (o);
  g_assert_true (has_coding (json_object_get_object_member (o, "code"), MEASURE, "pain_nrs"));
  g_assert_cmpfloat (num (o, "valueQuantity.value"), ==, 2);
  g_assert_cmpstr (str (o, "valueQuantity.code"), ==, "{score}");
  g_assert_cmpstr (str (o, "category[0].coding[0].code"), ==, "survey");
  g_assert_false (json_object_has_member (o, "bodySite"));
  /* Body weight 29463-7 in kg, height 8302-2 in cm. */
  o = find_observation (bundle, LOINC, "29463-7", NULL, "2026-04-20");
  g_assert_cmpfloat (num (o, "valueQuantity.value"), ==, 72.5);
  g_assert_cmpstr (str (o, "valueQuantity.code"), ==, "kg");
  g_assert_cmpfloat (num (find_observation (bundle, LOINC, "8302-2", NULL, "2026-04-20"), "valueQuantity.value"), ==, 168);

  /* KOOS: every item answered 1; each subscale 75, LOINC 72102-7 pain … 72098-7 quality of
   * life, derived from the QuestionnaireResponse. */
  qr = find_type (bundle, "QuestionnaireResponse", 0);
  g_assert_cmpstr (str (qr, "questionnaire"), ==, "https://vastus.github.io/fhir/Questionnaire/koos");
  /* In the form's order: KOOS begins with its symptoms (S1). */
  g_assert_cmpstr (str (qr, "item[0].linkId"), ==, "S1");
  g_assert_cmpfloat (num (qr, "item[0].answer[0].valueInteger"), ==, 1);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (qr, "item")), ==, 42);
  {
    static const char *const loinc[] = { "72102-7", "72101-9", "72100-1", "72099-5", "72098-7" };

    for (gsize i = 0; i < G_N_ELEMENTS (loinc); i++)
      {
        o = find_observation (bundle, LOINC, loinc[i], NULL, "2026-04-20");
        g_assert_nonnull (o);
        g_assert_cmpfloat (num (o, "valueQuantity.value"), ==, 75);
        g_assert_true (resolve (bundle, str (o, "derivedFrom[0].reference")) == qr);
      }
  }

  /* The criteria evaluation of the episode's set (aclr-return-to-sport), its results, and the
   * surgeon's PDF. */
  report = find_type (bundle, "DiagnosticReport", 0);
  g_assert_cmpstr (str (report, "status"), ==, "final");
  g_assert_cmpstr (str (report, "extension[0].valueString"), ==, "aclr-return-to-sport");
  g_assert_cmpstr (str (report, "effectiveDateTime"), ==, "2026-06-01");
  g_assert_cmpstr (str (report, "conclusionCode[0].coding[0].code"), ==, "not-ready");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (report, "result")), >, 0);
  o = resolve (bundle, str (report, "result[0].reference"));
  g_assert_cmpstr (str (o, "resourceType"), ==, "Observation");
  g_assert_nonnull (str (o, "interpretation[0].coding[0].code"));
  g_assert_cmpstr (str (report, "presentedForm[0].contentType"), ==, "application/pdf");
  pdf = (char *) g_base64_decode (str (report, "presentedForm[0].data"), &pdf_length);
  g_assert_cmpuint (pdf_length, >, 1000);
  g_assert_true (memcmp (pdf, "%PDF-", 5) == 0);

  /* Every reference resolves inside the Bundle; every fullUrl is unique. */
  {
    g_autoptr(GHashTable) urls = g_hash_table_new (g_str_hash, g_str_equal);
    g_autofree char *text = read_file (path);
    const char *p = text;

    for (guint i = 0; i < json_array_get_length (entries (bundle)); i++)
      g_assert_true (g_hash_table_add (urls, (gpointer) str (json_array_get_object_element (entries (bundle), i), "fullUrl")));
    while ((p = strstr (p, "\"reference\":\"")) != NULL)
      {
        g_autofree char *ref = NULL;

        p += strlen ("\"reference\":\"");
        ref = g_strndup (p, strchr (p, '"') - p);
        g_assert_true (g_hash_table_contains (urls, ref));
      }
  }
}

/* The validator refuses what the schema does: a status and a gender outside their codes, named
 * by entry. */
static void
test_validator (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *path = write_file (f, "invalid.json",
    "{\"resourceType\":\"Bundle\",\"type\":\"collection\",\"entry\":["
    "{\"resource\":{\"resourceType\":\"Observation\",\"status\":\"done\",\"code\":{\"text\":\"x\"}}},"
    "{\"resource\":{\"resourceType\":\"Patient\",\"gender\":\"f\"}}]}");
  g_autofree char *valid = write_file (f, "valid.json",
    "{\"resourceType\":\"Bundle\",\"type\":\"collection\",\"entry\":["
    "{\"resource\":{\"resourceType\":\"Observation\",\"status\":\"final\",\"code\":{\"text\":\"x\"}}},"
    "{\"resource\":{\"resourceType\":\"Patient\",\"gender\":\"female\"}}]}");
  g_autofree char *report = NULL, *report2 = NULL;

  g_assert_cmpint (validate (path, &report), ==, 1);
  g_assert_nonnull (strstr (report, "entry[0] Observation: .status"));
  g_assert_nonnull (strstr (report, "entry[1] Patient: .gender"));
  g_assert_cmpint (validate (valid, &report2), ==, 0);
}

/* Export, import into an empty database, export: the same bytes (ids, order, numbers, the PDF).
 * Importing the same Bundle again adds nothing. */
static void
test_round_trip (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *first = NULL, *second = NULL, *clinic = NULL, *clinic2 = NULL;
  g_autofree char *a = NULL, *b = NULL, *out = NULL, *err = NULL;
  g_autofree char *other = g_build_filename (f->dir, "other.db", NULL);

  build_fixture (f, f->db);
  first = export (f, f->db, "first.json", "--patient", "FH-4471", NULL);
  g_assert_cmpint (run (other, &out, &err, "fhir", "import", first, NULL), ==, 0);
  /* 1 patient, 1 episode, 2 visits, 4 + 16 measurements (5 KOOS scores among them), 1 questionnaire. */
  g_assert_cmpstr (out, ==, "Imported patients: 1, episodes: 1, visits: 2, measurements: 21, questionnaires: 1. "
                            "Measurements already stored: 0.\n");
  second = export (f, other, "second.json", "--patient", "FH-4471", NULL);
  a = read_file (first);
  b = read_file (second);
  g_assert_cmpstr (a, ==, b);

  g_assert_cmpint (run (other, &out, &err, "fhir", "import", first, NULL), ==, 0);
  g_assert_cmpstr (out, ==, "Imported patients: 0, episodes: 0, visits: 0, measurements: 0, questionnaires: 0. "
                            "Measurements already stored: 21.\n");

  /* The whole clinic the same way (no PDF there). */
  clinic = export (f, f->db, "clinic.json", NULL);
  g_clear_pointer (&a, g_free);
  g_clear_pointer (&b, g_free);
  {
    g_autofree char *third = g_build_filename (f->dir, "third.db", NULL);

    g_assert_cmpint (run (third, &out, &err, "fhir", "import", clinic, NULL), ==, 0);
    clinic2 = export (f, third, "clinic2.json", NULL);
  }
  a = read_file (clinic);
  b = read_file (clinic2);
  g_assert_cmpstr (a, ==, b);
  g_assert_null (strstr (a, "presentedForm"));
}

/* A de-identified Bundle, and the report inside it, holds none of the planted identifiers; dates
 * count from 2000-01-01 as the surgery. */
static void
test_deidentified (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *path = NULL, *text = NULL, *pdf = NULL, *pdf_path = NULL, *pdf_text = NULL;
  g_autofree char *clinic = NULL, *clinic_text = NULL;
  g_autoptr(JsonNode) bundle = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *patient, *care, *report;
  gsize length;
  int status;

  build_fixture (f, f->db);
  path = export (f, f->db, "deid.json", "--deidentify", "--patient", "FH-4471", NULL);
  clinic = export (f, f->db, "deid-clinic.json", "--deidentify", NULL);
  text = read_file (path);
  clinic_text = read_file (clinic);
  for (gsize i = 0; i < G_N_ELEMENTS (planted); i++)
    {
      if (strstr (text, planted[i]) != NULL || strstr (clinic_text, planted[i]) != NULL)
        g_error ("the de-identified Bundle holds “%s”", planted[i]);
    }

  bundle = parse (path);
  patient = find_type (bundle, "Patient", 0);
  g_assert_cmpstr (str (patient, "identifier[0].system"), ==, "https://vastus.github.io/fhir/sid/study-code");
  g_assert_false (json_object_has_member (patient, "name"));
  g_assert_false (json_object_has_member (patient, "birthDate"));
  g_assert_cmpuint (count_type (bundle, "Practitioner"), ==, 0);
  /* The surgery (2026-01-12) is day 0; visit 1 28 days before, visit 2 98 days after: 2000 is a
   * leap year, so 2000-01-01 + 98 days = 2000-04-08 (31 + 29 + 31 = 91 to 1 April). */
  g_assert_cmpstr (str (find_type (bundle, "Procedure", 0), "performedDateTime"), ==, "2000-01-01");
  g_assert_cmpstr (str (find_type (bundle, "Encounter", 0), "period.start"), ==, "1999-12-04");
  g_assert_cmpstr (str (find_type (bundle, "Encounter", 1), "period.start"), ==, "2000-04-08");
  g_assert_cmpstr (str (find_type (bundle, "Condition", 0), "onsetDateTime"), ==, "1999-10-23");  /* 71 days before */
  /* Born 1961-04-17: 64 at the surgery. */
  care = find_type (bundle, "EpisodeOfCare", 0);
  g_assert_cmpstr (str (care, "extension[0].url"), ==, EXT "age-at-index");
  g_assert_cmpfloat (num (care, "extension[0].valueAge.value"), ==, 64);
  g_assert_null (find_type (bundle, "ClinicalImpression", 0));   /* only a note: dropped */
  g_assert_cmpstr (str (json_node_get_object (bundle), "meta.security[0].code"), ==, "PSEUDED");

  /* The PDF inside: a de-identified report. */
  report = find_type (bundle, "DiagnosticReport", 0);
  pdf = (char *) g_base64_decode (str (report, "presentedForm[0].data"), &length);
  pdf_path = g_build_filename (f->dir, "report.pdf", NULL);
  g_file_set_contents (pdf_path, pdf, length, &error);
  g_assert_no_error (error);
  {
    const char *argv[] = { "pdftotext", pdf_path, "-", NULL };

    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &pdf_text, NULL, &status, &error);
    g_assert_no_error (error);
  }
  g_assert_nonnull (strstr (pdf_text, "eeks"));   /* weeks, not dates */
  for (gsize i = 0; i < G_N_ELEMENTS (planted); i++)
    if (strstr (pdf_text, planted[i]) != NULL)
      g_error ("the de-identified report holds “%s”", planted[i]);
}

/* Over 89 at the index date: "90 or more". */
static void
test_deidentified_age (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *csv = write_file (f, "old.csv",
    "mrn,name,birth_date,sex,condition,involved_side,surgery_date,visit_date,measure,side,value,unit\r\n"
    "OLD-1,Very Old,1930-02-01,male,tka,right,2026-02-02,2026-03-02,tug,none,14,s\r\n");
  g_autofree char *path = NULL, *err = NULL;
  g_autoptr(JsonNode) bundle = NULL;
  JsonObject *care;

  g_assert_cmpint (run (f->db, NULL, &err, "import", csv, NULL), ==, 0);
  path = export (f, f->db, "old.json", "--deidentify", NULL);
  bundle = parse (path);
  care = find_type (bundle, "EpisodeOfCare", 0);
  /* 1930-02-01 → 2026-02-02: 96 years. */
  g_assert_cmpfloat (num (care, "extension[0].valueAge.value"), ==, 90);
  g_assert_cmpstr (str (care, "extension[0].valueAge.comparator"), ==, ">=");
  g_assert_cmpstr (str (find_type (bundle, "Encounter", 0), "period.start"), ==, "2000-01-29");
}

/* The units and test conditions the first fixture has none of: torque in UCUM N.m with its
 * velocity, a time in s, a count in {count}, a hand-held dynamometer's lever arm in m; and the
 * same through the round trip. */
static void
test_units (Fixture       *f,
            gconstpointer  data)
{
#define UN "UN-1,Una Nits,1990-01-01,male,aclr,right,2026-01-05,2026-04-06,"
  g_autofree char *csv = write_file (f, "units.csv",
    "mrn,name,birth_date,sex,condition,involved_side,surgery_date,visit_date,measure,side,trial,value,unit,"
    "velocity_deg_s\r\n"
    UN "quadriceps_isokinetic_60,left,1,150.5,Nm,60\r\n"
    UN "tug,none,1,9.5,s,\r\n"
    UN "side_hop_30s,left,1,31,count,\r\n");
#undef UN
  g_autofree char *err = NULL, *out = NULL, *path = NULL, *again = NULL, *a = NULL, *b = NULL;
  g_autofree char *other = g_build_filename (f->dir, "other.db", NULL);
  g_autoptr(VastusDatabase) db = NULL;
  g_autoptr(VastusPatient) patient = NULL;
  g_autoptr(GPtrArray) episodes = NULL;
  g_autoptr(VastusVisit) visit = vastus_visit_new ();
  g_autoptr(JsonNode) bundle = NULL;
  g_autoptr(GError) error = NULL;
  VastusMeasurement *m;
  JsonObject *o;

  g_assert_cmpint (run (f->db, NULL, &err, "import", csv, NULL), ==, 0);
  /* A week later, quadriceps HHD right 300 N with a lever arm of 0.35 m, knee at 90°. */
  db = vastus_database_open (f->db, &error);
  g_assert_no_error (error);
  patient = vastus_database_find_patient (db, "UN-1", &error);
  g_assert_no_error (error);
  episodes = vastus_database_list_episodes (db, patient->id, &error);
  g_assert_no_error (error);
  visit->episode_id = ((VastusEpisode *) g_ptr_array_index (episodes, 0))->id;
  g_date_set_dmy (&visit->date, 13, G_DATE_APRIL, 2026);
  m = vastus_measurement_new ("quadriceps_hhd", VASTUS_SIDE_RIGHT, 1, 300, "N");
  m->lever_arm_m = 0.35;
  m->knee_angle_deg = 90;
  vastus_visit_add_measurement (visit, m);
  vastus_database_insert_visit (db, visit, &error);
  g_assert_no_error (error);
  g_clear_object (&db);

  path = export (f, f->db, "units.json", NULL);
  bundle = parse (path);

  /* 150.5 N·m at 60°/s, the thigh, left. */
  o = find_observation (bundle, MEASURE, "quadriceps_isokinetic_60", LEFT, "2026-04-06");
  g_assert_nonnull (o);
  g_assert_cmpfloat (num (o, "valueQuantity.value"), ==, 150.5);
  g_assert_cmpstr (str (o, "valueQuantity.system"), ==, UCUM);
  g_assert_cmpstr (str (o, "valueQuantity.code"), ==, "N.m");
  g_assert_cmpstr (str (o, "bodySite.coding[0].code"), ==, "68367000");
  g_assert_cmpfloat (num (component (o, "velocity", 0), "valueQuantity.value"), ==, 60);
  g_assert_cmpstr (str (component (o, "velocity", 0), "valueQuantity.code"), ==, "deg/s");
  g_assert_null (component (o, "lever-arm", 0));
  /* 9.5 s, no side. */
  o = find_observation (bundle, MEASURE, "tug", NULL, "2026-04-06");
  g_assert_nonnull (o);
  g_assert_cmpfloat (num (o, "valueQuantity.value"), ==, 9.5);
  g_assert_cmpstr (str (o, "valueQuantity.code"), ==, "s");
  g_assert_false (json_object_has_member (o, "bodySite"));
  /* 31 hops, left. */
  o = find_observation (bundle, MEASURE, "side_hop_30s", LEFT, "2026-04-06");
  g_assert_nonnull (o);
  g_assert_cmpfloat (num (o, "valueQuantity.value"), ==, 31);
  g_assert_cmpstr (str (o, "valueQuantity.code"), ==, "{count}");
  /* 300 N, right, with a 0.35 m lever arm and the knee at 90°. */
  o = find_observation (bundle, MEASURE, "quadriceps_hhd", RIGHT, "2026-04-13");
  g_assert_nonnull (o);
  g_assert_cmpfloat (num (o, "valueQuantity.value"), ==, 300);
  g_assert_cmpfloat (num (component (o, "lever-arm", 0), "valueQuantity.value"), ==, 0.35);
  g_assert_cmpstr (str (component (o, "lever-arm", 0), "valueQuantity.code"), ==, "m");
  g_assert_cmpfloat (num (component (o, "knee-angle", 0), "valueQuantity.value"), ==, 90);
  g_assert_null (component (o, "velocity", 0));

  /* The criteria evaluated on another date: the report says so; a date that is none is a usage
   * error. */
  {
    g_autofree char *dated = export (f, f->db, "dated.json", "--as-of", "2026-05-01", NULL);
    g_autoptr(JsonNode) other_bundle = parse (dated);
    g_autofree char *x = g_build_filename (f->dir, "x.json", NULL);

    g_assert_cmpstr (str (find_type (other_bundle, "DiagnosticReport", 0), "effectiveDateTime"), ==, "2026-05-01");
    g_assert_cmpstr (str (find_type (bundle, "DiagnosticReport", 0), "effectiveDateTime"), ==, "2026-06-01");
    g_assert_cmpint (run (f->db, NULL, &err, "fhir", "export", "--as-of", "2026-13-01", "-o", x, NULL), ==, 2);
    g_assert_nonnull (strstr (err, "--as-of needs a date YYYY-MM-DD, not “2026-13-01”"));
    g_assert_false (g_file_test (x, G_FILE_TEST_EXISTS));
  }

  /* Back in and out again: the same bytes, conditions included. */
  g_assert_cmpint (run (other, &out, &err, "fhir", "import", path, NULL), ==, 0);
  g_assert_cmpstr (out, ==, "Imported patients: 1, episodes: 1, visits: 2, measurements: 4, questionnaires: 0. "
                            "Measurements already stored: 0.\n");
  again = export (f, other, "again.json", NULL);
  a = read_file (path);
  b = read_file (again);
  g_assert_cmpstr (a, ==, b);
}


/* @text (a Bundle as vastus-cli writes it: line 1 its head, entry[i] on line i + 2) with @from
 * replaced by @to in the first entry whose line holds @find, @from and @also (unless NULL); the
 * entry's index in *index. */
static char *
edit_entry (const char *text,
            const char *find,
            const char *also,
            const char *from,
            const char *to,
            guint      *index)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  gboolean done = FALSE;

  for (guint i = 1; lines[i] != NULL && !done; i++)
    if (strstr (lines[i], find) != NULL && strstr (lines[i], from) != NULL &&
        (also == NULL || strstr (lines[i], also) != NULL))
      {
        g_autoptr(GString) line = g_string_new (lines[i]);

        g_string_replace (line, from, to, 1);
        g_free (lines[i]);
        lines[i] = g_string_free (g_steal_pointer (&line), FALSE);
        *index = i - 1;
        done = TRUE;
      }
  g_assert_true (done);
  return g_strjoinv ("\n", lines);
}

/* A broken Bundle: nothing imported, the message naming the entry and the field. */
static void
test_malformed (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *path = NULL, *text = NULL, *before = NULL;
  g_autofree char *other = g_build_filename (f->dir, "other.db", NULL);
  g_autoptr(JsonNode) bundle = NULL;
  struct
  {
    const char *find;       /* in the entry to break */
    const char *from, *to;  /* what to replace in it */
    const char *message;    /* the expected message after the file's path, %u for the entry's index */
  } cases[] = {
    /* A unit the measure does not take. */
    { "\"code\":\"quadriceps_hhd\"", "\"code\":\"N\"", "\"code\":\"deg\"",
      "entry[%u] Observation.valueQuantity: “deg” is not a unit of quadriceps_hhd (in UCUM: N); "
      "nothing was imported" },
    /* A reference to nothing. */
    { "\"resourceType\":\"Encounter\"", "\"episodeOfCare\":[{\"reference\":\"urn:uuid:", "\"episodeOfCare\":[{\"reference\":\"urn:uuid:0",
      NULL },
    /* A value the catalog's limit refuses: 2000 N. */
    { "\"code\":\"quadriceps_hhd\"", "\"value\":410,", "\"value\":2000,", NULL },
    /* The combined value not the trials' maximum. */
    { "\"code\":\"quadriceps_hhd\"", "\"valueQuantity\":{\"value\":410", "\"valueQuantity\":{\"value\":411",
      "entry[%u] Observation.value[x]: 411 is not what the rule “max” gives for its trials (410, in N); "
      "nothing was imported" },
  };

  build_fixture (f, f->db);
  path = export (f, f->db, "good.json", "--patient", "FH-4471", NULL);
  text = read_file (path);
  bundle = parse (path);
  /* An empty database to import into (fhir import would create it, and say so). */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(VastusDatabase) empty = vastus_database_open (other, &error);

    g_assert_no_error (error);
  }
  before = patients (other);

  for (gsize k = 0; k < G_N_ELEMENTS (cases); k++)
    {
      g_autofree char *broken = NULL, *broken_path = NULL, *err = NULL, *after = NULL;
      guint index = 0;

      broken = edit_entry (text, cases[k].find, k == 0 ? "\"2026-04-20\"" : NULL, cases[k].from, cases[k].to,
                           &index);
      broken_path = write_file (f, "broken.json", broken);
      g_assert_cmpint (run (other, NULL, &err, "fhir", "import", broken_path, NULL), ==, 1);
      {
        g_autofree char *entry = g_strdup_printf ("entry[%u] ", index);

        g_assert_nonnull (strstr (err, entry));
      }
      if (cases[k].message != NULL)
        {
          g_autofree char *expected = g_strdup_printf (cases[k].message, index);
          g_autofree char *line = g_strdup_printf ("vastus-cli fhir: %s: %s\n", broken_path, expected);

          g_assert_cmpstr (err, ==, line);
        }
      after = patients (other);
      g_assert_cmpstr (after, ==, before);   /* nothing imported */
    }

  /* Not JSON, and not a Bundle. */
  {
    g_autofree char *err = NULL;
    g_autofree char *not_json = write_file (f, "broken.json", "{\"resourceType\":");
    g_autofree char *not_bundle = write_file (f, "patient.json", "{\"resourceType\":\"Patient\"}");

    g_assert_cmpint (run (other, NULL, &err, "fhir", "import", not_json, NULL), ==, 1);
    g_assert_nonnull (strstr (err, "broken.json: not JSON"));
    g_assert_cmpint (run (other, NULL, &err, "fhir", "import", not_bundle, NULL), ==, 1);
    g_assert_nonnull (strstr (err, "patient.json: not a FHIR Bundle (resourceType is not “Bundle”)"));
  }
  /* In German, the rule's code stays as the file writes it, inside a German sentence (the
   * expected text written by hand from po/de.po's translation of the message). */
  {
    g_autofree char *broken = NULL, *broken_path = NULL, *err = NULL, *expected = NULL;
    g_autofree char *language = g_strdup (g_getenv ("LANGUAGE"));
    guint index = 0;

    broken = edit_entry (text, cases[3].find, NULL, cases[3].from, cases[3].to, &index);
    broken_path = write_file (f, "broken-de.json", broken);
    g_setenv ("LANGUAGE", "de", TRUE);
    g_assert_cmpint (run (other, NULL, &err, "fhir", "import", broken_path, NULL), ==, 1);
    if (language != NULL)
      g_setenv ("LANGUAGE", language, TRUE);
    else
      g_unsetenv ("LANGUAGE");
    expected = g_strdup_printf ("entry[%u] Observation.value[x]: 411 ist nicht, was die Regel „max“ "
                                "aus seinen Versuchen ergibt (410, in N)", index);
    g_assert_nonnull (strstr (err, expected));
  }
  /* Into the database it came from, with the patient's birth date or sex changed: refused in one
   * sentence naming what the file says, what is stored and the MRN (the fixture's patient,
   * FH-4471, born 1961-04-17, female). */
  {
    const struct { const char *from, *to, *message; } differs[] = {
      { "\"birthDate\":\"1961-04-17\"", "\"birthDate\":\"1961-04-18\"",
        "entry[%u] Patient.birthDate: the birth date 1961-04-18 differs from the birth date 1961-04-17 "
        "stored for MRN FH-4471; nothing was imported" },
      { "\"gender\":\"female\"", "\"gender\":\"male\"",
        "entry[%u] Patient.gender: the sex “male” differs from the sex “female” stored for MRN FH-4471; "
        "nothing was imported" },
    };

    for (gsize k = 0; k < G_N_ELEMENTS (differs); k++)
      {
        g_autofree char *changed = NULL, *changed_path = NULL, *err = NULL, *expected = NULL, *line = NULL;
        guint index = 0;

        changed = edit_entry (text, "\"resourceType\":\"Patient\"", NULL, differs[k].from, differs[k].to, &index);
        changed_path = write_file (f, "changed.json", changed);
        g_assert_cmpint (run (f->db, NULL, &err, "fhir", "import", changed_path, NULL), ==, 1);
        expected = g_strdup_printf (differs[k].message, index);
        line = g_strdup_printf ("vastus-cli fhir: %s: %s\n", changed_path, expected);
        g_assert_cmpstr (err, ==, line);
      }
  }
  /* A number JSON reads as infinite; a patient the validators refuse (no name, no birth date),
   * their sentence inside the message without its full stop. */
  {
    g_autofree char *err = NULL;
    g_autofree char *huge = write_file (f, "huge.json",
      "{\"resourceType\":\"Bundle\",\"type\":\"collection\",\"entry\":[{\"resource\":{"
      "\"resourceType\":\"Observation\",\"status\":\"final\",\"code\":{\"coding\":[{\"system\":"
      "\"http://loinc.org\",\"code\":\"72514-3\"}]},\"valueQuantity\":{\"value\":1e999,"
      "\"system\":\"http://unitsofmeasure.org\",\"code\":\"{score}\"}}}]}");
    g_autofree char *nameless = write_file (f, "nameless.json",
      "{\"resourceType\":\"Bundle\",\"type\":\"collection\",\"entry\":[{\"resource\":{"
      "\"resourceType\":\"Patient\",\"identifier\":[{\"system\":\"https://vastus.github.io/fhir/sid/mrn\","
      "\"value\":\"A1\"}],\"gender\":\"female\"}}]}");
    g_autofree char *expected = g_strdup_printf ("vastus-cli fhir: %s: entry[0] Observation.valueQuantity: the value "
                                                 "is too large a number; nothing was imported\n", huge);

    g_assert_cmpint (run (other, NULL, &err, "fhir", "import", huge, NULL), ==, 1);
    g_assert_cmpstr (err, ==, expected);
    g_assert_cmpint (run (other, NULL, &err, "fhir", "import", nameless, NULL), ==, 1);
    g_assert_nonnull (strstr (err, "nameless.json: entry[0] (Patient): "));
    g_assert_true (g_str_has_suffix (err, "; nothing was imported\n"));
    g_assert_null (strstr (err, ".;"));
  }
}

/* A Bundle another system wrote, with the same codes: relative references, its own identifier
 * system, pain by LOINC alone, force in [lbf_av], no trial components. */
static const char foreign_bundle[] =
  "{\"resourceType\":\"Bundle\",\"type\":\"collection\",\"entry\":["
  "{\"resource\":{\"resourceType\":\"Patient\",\"id\":\"p1\","
  "\"identifier\":[{\"system\":\"urn:oid:1.2.3.4\",\"value\":\"H-77\"}],"
  "\"name\":[{\"family\":\"van Example\",\"given\":[\"Ann\",\"B.\"]}],\"gender\":\"female\",\"birthDate\":\"1990-05-05\"}},"
  "{\"resource\":{\"resourceType\":\"Condition\",\"id\":\"c1\","
  "\"code\":{\"coding\":[{\"system\":\"https://vastus.github.io/fhir/CodeSystem/condition\",\"code\":\"pfp\"}]},"
  "\"bodySite\":[{\"extension\":[{\"url\":\"http://hl7.org/fhir/StructureDefinition/observation-structureLaterality\","
  "\"valueCodeableConcept\":{\"coding\":[{\"system\":\"http://snomed.info/sct\",\"code\":\"24028007\"}]}}]}],"
  "\"subject\":{\"reference\":\"Patient/p1\"}}},"
  "{\"resource\":{\"resourceType\":\"EpisodeOfCare\",\"id\":\"e1\",\"status\":\"active\","
  "\"diagnosis\":[{\"condition\":{\"reference\":\"Condition/c1\"}}],\"patient\":{\"reference\":\"Patient/p1\"}}},"
  "{\"resource\":{\"resourceType\":\"Organization\",\"id\":\"o1\",\"name\":\"Elsewhere\"}},"
  "{\"resource\":{\"resourceType\":\"Observation\",\"id\":\"x1\",\"status\":\"final\","
  "\"code\":{\"coding\":[{\"system\":\"http://loinc.org\",\"code\":\"72514-3\"}]},"
  "\"subject\":{\"reference\":\"Patient/p1\"},\"effectiveDateTime\":\"2026-03-02T10:15:00+01:00\","
  "\"valueQuantity\":{\"value\":3,\"system\":\"http://unitsofmeasure.org\",\"code\":\"{score}\"}}},"
  "{\"resource\":{\"resourceType\":\"Observation\",\"id\":\"x2\",\"status\":\"final\","
  "\"code\":{\"coding\":[{\"system\":\"https://vastus.github.io/fhir/CodeSystem/measure\",\"code\":\"hip_abduction_hhd\"}]},"
  "\"subject\":{\"reference\":\"Patient/p1\"},\"effectiveDateTime\":\"2026-03-02\","
  "\"bodySite\":{\"extension\":[{\"url\":\"http://hl7.org/fhir/StructureDefinition/observation-structureLaterality\","
  "\"valueCodeableConcept\":{\"coding\":[{\"system\":\"http://snomed.info/sct\",\"code\":\"7771000\"}]}}]},"
  "\"valueQuantity\":{\"value\":50,\"system\":\"http://unitsofmeasure.org\",\"code\":\"[lbf_av]\"}}}"
  "]}";

static void
test_foreign (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *path = write_file (f, "foreign.json", foreign_bundle);
  g_autofree char *out = NULL, *err = NULL, *csv = NULL;

  g_assert_cmpint (run (f->db, &out, &err, "fhir", "import", path, NULL), ==, 0);
  g_assert_cmpstr (out, ==, "Imported patients: 1, episodes: 1, visits: 1, measurements: 2, questionnaires: 0. "
                            "Measurements already stored: 0.\n");
  /* The entry Vastus has no place for is named in a warning. */
  g_assert_nonnull (strstr (err, "foreign.json: entry[3] (Organization): Vastus has no place for an entry of type Organization; left out"));
  /* The one identifier, family "van Example" and given "Ann" "B." kept as the family and
   * given names (a split of the whole name would take "Example" alone), the pain on the day of the dateTime, 50 lbf stored as 222.411080763025 N and written
   * back as 50 lbf; no knee angle, velocity, fixation or lever arm (the four empty fields). */
  g_assert_cmpint (run (f->db, &csv, &err, "export", "--patient", "H-77", NULL), ==, 0);
  g_assert_nonnull (strstr (csv, "H-77,van Example,Ann B.,1990-05-05,female,pfp,right,,,2026-03-02,,,,,hip_abduction_hhd,left,1,50,lbf,no,,,,\r\n"));
  g_assert_nonnull (strstr (csv, "H-77,van Example,Ann B.,1990-05-05,female,pfp,right,,,2026-03-02,,,,,pain_nrs,none,1,3,points,no,,,,\r\n"));
}

static void
test_system (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *err = NULL, *path = NULL, *text = NULL;
  g_autofree char *out = g_build_filename (f->dir, "x.json", NULL);
  static const char *const refused[] = {
    "not a uri", "", "mrn", "urn:oid:1.2.x", "urn:oid:3.1", "urn:uuid:1234", "https:///path",
  };

  build_fixture (f, f->db);
  for (gsize i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_assert_cmpint (run (f->db, NULL, &err, "fhir", "export", "--system", refused[i], "-o", out, NULL), ==, 2);
      g_assert_nonnull (strstr (err, "--system: The identifier system"));
      g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
    }
  /* $VASTUS_FHIR_SYSTEM, when --system is not given: a refusal names it and the value. */
  g_assert_cmpint (run_system (f->db, "hospital mrn", NULL, &err, "fhir", "export", "-o", out, NULL), ==, 2);
  g_assert_nonnull (strstr (err, "$VASTUS_FHIR_SYSTEM: The identifier system “hospital mrn” holds a space"));
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
  g_assert_cmpint (run_system (f->db, "hospital mrn", NULL, &err, "fhir", "export", "--system", "urn:oid:1.2.3",
                               "-o", out, NULL), ==, 0);
  text = read_file (out);
  g_assert_nonnull (strstr (text, "\"identifier\":[{\"system\":\"urn:oid:1.2.3\",\"value\":\"FH-4471\"}]"));
  g_clear_pointer (&text, g_free);
  g_assert_cmpint (run_system (f->db, "https://hospital.example/mrn", NULL, &err, "fhir", "export", "-o", out, NULL), ==, 0);
  text = read_file (out);
  g_assert_nonnull (strstr (text, "\"identifier\":[{\"system\":\"https://hospital.example/mrn\",\"value\":\"FH-4471\"}]"));
  g_clear_pointer (&text, g_free);

  path = export (f, f->db, "oid.json", "--system", "urn:oid:2.16.840.1.113883.19.5", NULL);
  text = read_file (path);
  g_assert_nonnull (strstr (text, "\"identifier\":[{\"system\":\"urn:oid:2.16.840.1.113883.19.5\",\"value\":\"FH-4471\"}]"));

  /* Import reads the MRN under the clinic's system. */
  {
    g_autofree char *other = g_build_filename (f->dir, "other.db", NULL);
    g_autofree char *listed = NULL;

    g_assert_cmpint (run (other, NULL, &err, "fhir", "import", "--system", "urn:oid:2.16.840.1.113883.19.5",
                          path, NULL), ==, 0);
    listed = patients (other);
    g_assert_nonnull (strstr (listed, "FH-4471"));
  }
}

/* The application's setting (GSettings key fhir-identifier-system): its default is the CLI's,
 * an identifier system the export takes, as the README says. */
static void
test_settings_default (void)
{
  g_autoptr(GSettingsSchemaSource) source = NULL;
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GSettingsSchemaKey) key = NULL;
  g_autoptr(GVariant) value = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *readme = NULL;

  source = g_settings_schema_source_new_from_directory (g_getenv ("GSETTINGS_SCHEMA_DIR"), NULL, TRUE, &error);
  g_assert_no_error (error);
  schema = g_settings_schema_source_lookup (source, "io.github.vastus.Vastus", FALSE);
  g_assert_nonnull (schema);
  key = g_settings_schema_get_key (schema, "fhir-identifier-system");
  g_assert_true (g_variant_type_equal (g_settings_schema_key_get_value_type (key), G_VARIANT_TYPE_STRING));
  value = g_settings_schema_key_get_default_value (key);
  g_assert_cmpstr (g_variant_get_string (value, NULL), ==, "https://vastus.github.io/fhir/sid/mrn");
  g_assert_cmpstr (g_variant_get_string (value, NULL), ==, VASTUS_FHIR_DEFAULT_SYSTEM);
  g_assert_true (vastus_fhir_system_check (g_variant_get_string (value, NULL), &error));
  g_assert_no_error (error);

  /* Documented where the clinic's IT looks. */
  readme = read_file (g_test_get_filename (G_TEST_DIST, "..", "README.md", NULL));
  g_assert_nonnull (strstr (readme, "`fhir-identifier-system`"));
}

/* --episode: that episode alone; an unknown one is an error, without --patient a usage error. */
static void
test_episode (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *csv = write_file (f, "two.csv",
    "mrn,name,birth_date,sex,condition,involved_side,surgery_date,injury_date,visit_date,measure,side,value,unit\r\n"
    "EP-1,Two Episodes,1980-01-01,male,meniscus,right,,2024-03-01,2024-04-01,pain_nrs,none,4,points\r\n"
    "EP-1,Two Episodes,1980-01-01,male,aclr,left,2026-01-05,,2026-03-02,pain_nrs,none,2,points\r\n");
  g_autofree char *err = NULL, *path = NULL, *id = NULL;
  g_autofree char *out = g_build_filename (f->dir, "x.json", NULL);
  g_autoptr(VastusDatabase) db = NULL;
  g_autoptr(VastusPatient) patient = NULL;
  g_autoptr(GPtrArray) episodes = NULL;
  g_autoptr(JsonNode) bundle = NULL;
  g_autoptr(GError) error = NULL;
  gint64 meniscus = 0;

  g_assert_cmpint (run (f->db, NULL, &err, "import", csv, NULL), ==, 0);
  db = vastus_database_open (f->db, &error);
  g_assert_no_error (error);
  patient = vastus_database_find_patient (db, "EP-1", &error);
  episodes = vastus_database_list_episodes (db, patient->id, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < episodes->len; i++)
    if (((VastusEpisode *) g_ptr_array_index (episodes, i))->condition == VASTUS_CONDITION_MENISCUS)
      meniscus = ((VastusEpisode *) g_ptr_array_index (episodes, i))->id;
  g_clear_object (&db);
  id = g_strdup_printf ("%" G_GINT64_FORMAT, meniscus);

  path = export (f, f->db, "meniscus.json", "--patient", "EP-1", "--episode", id, NULL);
  bundle = parse (path);
  g_assert_cmpuint (count_type (bundle, "Condition"), ==, 1);
  g_assert_true (has_coding (json_object_get_object_member (find_type (bundle, "Condition", 0), "code"),
                             "https://vastus.github.io/fhir/CodeSystem/condition", "meniscus"));
  g_assert_cmpuint (count_type (bundle, "Encounter"), ==, 1);
  g_assert_cmpstr (str (find_type (bundle, "Encounter", 0), "period.start"), ==, "2024-04-01");

  g_assert_cmpint (run (f->db, NULL, &err, "fhir", "export", "--patient", "EP-1", "--episode", "99999",
                        "-o", out, NULL), ==, 1);
  g_assert_nonnull (strstr (err, "There is no episode 99999 of patient “EP-1”"));
  g_assert_cmpint (run (f->db, NULL, &err, "fhir", "export", "--episode", id, "-o", out, NULL), ==, 2);
  g_assert_cmpint (run (f->db, NULL, &err, "fhir", "export", "--patient", "EP-1", "--episode", "x",
                        "-o", out, NULL), ==, 2);
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
}

/* The DiagnosticReport's result for @criterion, or NULL. */
static JsonObject *
report_result (JsonNode   *bundle,
               JsonObject *report,
               const char *criterion)
{
  JsonArray *results = json_object_get_array_member (report, "result");
  g_autofree char *code = g_strconcat ("aclr-return-to-sport/", criterion, NULL);

  for (guint i = 0; results != NULL && i < json_array_get_length (results); i++)
    {
      JsonObject *o = resolve (bundle, str (json_array_get_object_element (results, i), "reference"));

      if (has_coding (json_object_get_object_member (o, "code"),
                      "https://vastus.github.io/fhir/CodeSystem/criterion", code))
        return o;
    }
  return NULL;
}

/* The evaluation (and the PDF) is of the episode in force on --as-of, as evaluate and report
 * choose it, not simply the most recent one; every episode's record is in the Bundle.
 *
 * TWO-1 had the right knee reconstructed on 2025-03-03 and the left on 2026-05-04; the tests'
 * today is 2026-06-01 (fhir-test-util.c). The default set for aclr is aclr-return-to-sport.
 * Right: on 2025-09-01, 182 days = 26 weeks after, quadriceps MVIC right (involved) 160 Nm, left
 * 200 Nm: LSI 160 / 200 × 100 = 80 %, not met (≥ 90).
 * Left: on 2026-06-01, 28 days = 4 weeks after, left (involved) 190 Nm, right 200 Nm: LSI 190 /
 * 200 × 100 = 95 %, met. */
static void
test_episode_in_force (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *csv = write_file (f, "two.csv",
    "mrn,name,birth_date,sex,condition,involved_side,surgery_date,visit_date,measure,side,value,unit\r\n"
    "TWO-1,Two Knees,1990-02-02,female,aclr,right,2025-03-03,2025-09-01,quadriceps_mvic,right,160,Nm\r\n"
    "TWO-1,Two Knees,1990-02-02,female,aclr,right,2025-03-03,2025-09-01,quadriceps_mvic,left,200,Nm\r\n"
    "TWO-1,Two Knees,1990-02-02,female,aclr,left,2026-05-04,2026-06-01,quadriceps_mvic,left,190,Nm\r\n"
    "TWO-1,Two Knees,1990-02-02,female,aclr,left,2026-05-04,2026-06-01,quadriceps_mvic,right,200,Nm\r\n");
  static const struct {
    const char *as_of;      /* NULL: today, 2026-06-01 */
    const char *date, *visit;
    double      lsi, weeks;
    const char *status;
    gboolean    right;      /* the right knee's episode */
  } cases[] = {
    { "2025-09-01", "2025-09-01", "2025-09-01", 80, 26, "not_met", TRUE },
    /* the day before the second surgery: still the right knee's, its visit 26 weeks + 244 days
     * old (stale: not tested); 2025-03-03 to 2026-05-03 is 426 days = 60.857… weeks */
    { "2026-05-03", "2026-05-03", NULL, NAN, 426.0 / 7, "not_tested", TRUE },
    { NULL, "2026-06-01", "2026-06-01", 95, 4, "met", FALSE },
  };
  g_autoptr(VastusDatabase) db = NULL;
  g_autoptr(VastusPatient) patient = NULL;
  g_autoptr(GPtrArray) episodes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  g_autofree char *out = g_build_filename (f->dir, "x.json", NULL);
  gint64 right = 0, left = 0;

  g_assert_cmpint (run (f->db, NULL, &err, "import", csv, NULL), ==, 0);
  db = vastus_database_open (f->db, &error);
  g_assert_no_error (error);
  patient = vastus_database_find_patient (db, "TWO-1", &error);
  episodes = vastus_database_list_episodes (db, patient->id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (episodes->len, ==, 2);
  for (guint i = 0; i < episodes->len; i++)
    {
      const VastusEpisode *e = g_ptr_array_index (episodes, i);

      if (e->involved_side == VASTUS_SIDE_RIGHT)
        right = e->id;
      else
        left = e->id;
    }
  g_clear_object (&db);

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *name = g_strdup_printf ("in-force-%zu.json", i);
      g_autofree char *path = NULL;
      g_autoptr(JsonNode) bundle = NULL;
      g_autoptr(GPtrArray) reports = NULL;
      JsonObject *report, *quad, *weeks;

      g_test_message ("as of %s", cases[i].as_of != NULL ? cases[i].as_of : "today");
      if (cases[i].as_of != NULL)
        path = export (f, f->db, name, "--patient", "TWO-1", "--as-of", cases[i].as_of, NULL);
      else
        path = export (f, f->db, name, "--patient", "TWO-1", NULL);
      bundle = parse (path);
      g_assert_cmpuint (count_type (bundle, "Condition"), ==, 2);
      g_assert_cmpuint (count_type (bundle, "Encounter"), ==, 2);
      g_assert_cmpuint (count_type (bundle, "DiagnosticReport"), ==, 1);
      report = find_type (bundle, "DiagnosticReport", 0);
      g_assert_cmpstr (str (report, "effectiveDateTime"), ==, cases[i].date);

      quad = report_result (bundle, report, "quadriceps-lsi");
      g_assert_nonnull (quad);
      g_assert_cmpstr (str (quad, "interpretation[0].coding[0].code"), ==, cases[i].status);
      if (cases[i].visit != NULL)
        {
          g_assert_cmpfloat_with_epsilon (num (quad, "valueQuantity.value"), cases[i].lsi, 1e-9);
          g_assert_cmpstr (str (quad, "effectiveDateTime"), ==, cases[i].visit);
          g_assert_cmpstr (str (resolve (bundle, str (quad, "encounter.reference")), "period.start"), ==,
                           cases[i].visit);
        }
      else
        {
          g_assert_null (walk (quad, "valueQuantity"));
          g_assert_cmpstr (str (quad, "dataAbsentReason.text"), ==, "stale");
        }
      weeks = report_result (bundle, report, "weeks");
      g_assert_nonnull (weeks);
      g_assert_cmpfloat_with_epsilon (num (weeks, "valueQuantity.value"), cases[i].weeks, 1e-9);

      /* The PDF inside is the report of that episode, recorded as handed out. */
      g_assert_cmpstr (str (report, "presentedForm[0].contentType"), ==, "application/pdf");
      db = vastus_database_open (f->db, &error);
      g_assert_no_error (error);
      reports = vastus_database_list_reports (db, patient->id, &error);
      g_assert_no_error (error);
      g_assert_cmpint (((VastusReportRecord *) g_ptr_array_index (reports, 0))->episode_id, ==,
                       cases[i].right ? right : left);
      g_clear_object (&db);
    }

  /* A Bundle that could not be put in place (the path is a folder) is not handed out: the
   * report inside is not recorded. Three exports above recorded three. */
  {
    g_autofree char *folder = g_build_filename (f->dir, "a-folder", NULL);
    g_autoptr(GPtrArray) reports = NULL;

    g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
    g_assert_cmpint (run (f->db, NULL, &err, "fhir", "export", "--patient", "TWO-1", "-o", folder, NULL), ==, 1);
    g_assert_true (g_file_test (folder, G_FILE_TEST_IS_DIR));
    db = vastus_database_open (f->db, &error);
    g_assert_no_error (error);
    reports = vastus_database_list_reports (db, patient->id, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (reports->len, ==, G_N_ELEMENTS (cases));
    g_clear_object (&db);
  }

  /* A date before either began: refused for the patient, as evaluate and report refuse it (the
   * right knee's episode began with its surgery, 2025-03-03); the clinic's Bundle has her record
   * without an evaluation. */
  g_assert_cmpint (run (f->db, NULL, &err, "fhir", "export", "--patient", "TWO-1", "--as-of", "2025-03-02",
                        "-o", out, NULL), ==, 1);
  g_assert_nonnull (strstr (err, "No episode of care of patient “TWO-1” had begun by 2025-03-02 "
                                 "(the first began on 2025-03-03)"));
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
  {
    g_autofree char *path = export (f, f->db, "clinic-early.json", "--as-of", "2025-03-02", NULL);
    g_autoptr(JsonNode) bundle = parse (path);

    g_assert_cmpuint (count_type (bundle, "Condition"), ==, 2);
    g_assert_cmpuint (count_type (bundle, "DiagnosticReport"), ==, 0);
  }
  /* The clinic's Bundle as of 2025-09-01: the right knee's evaluation (80 %), without a PDF. */
  {
    g_autofree char *path = export (f, f->db, "clinic.json", "--as-of", "2025-09-01", NULL);
    g_autoptr(JsonNode) bundle = parse (path);
    JsonObject *report = find_type (bundle, "DiagnosticReport", 0);

    g_assert_cmpuint (count_type (bundle, "DiagnosticReport"), ==, 1);
    g_assert_cmpfloat_with_epsilon (num (report_result (bundle, report, "quadriceps-lsi"), "valueQuantity.value"),
                                    80, 1e-9);
    g_assert_null (walk (report, "presentedForm"));
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/fhir/validator", test_validator);
  ADD ("/fhir/export-fields", test_export_fields);
  ADD ("/fhir/round-trip", test_round_trip);
  ADD ("/fhir/units", test_units);
  ADD ("/fhir/deidentified", test_deidentified);
  ADD ("/fhir/deidentified-age", test_deidentified_age);
  ADD ("/fhir/malformed", test_malformed);
  ADD ("/fhir/foreign", test_foreign);
  ADD ("/fhir/system", test_system);
  g_test_add_func ("/fhir/settings-default", test_settings_default);
  ADD ("/fhir/episode", test_episode);
  ADD ("/fhir/episode-in-force", test_episode_in_force);
#undef ADD
  return g_test_run ();
}
