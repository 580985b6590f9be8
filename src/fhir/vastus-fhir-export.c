/* vastus-fhir-export.c: the Bundle, its patients in order, ids and de-identified dates
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "vastus-fhir"

#include "config.h"

#include "vastus-i18n.h"
#include <errno.h>
#include <fcntl.h>
#include <gio/gunixoutputstream.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "vastus-clinic-rules-store.h"
#include "vastus-criteria-store.h"
#include "vastus-fhir-private.h"
#include "vastus-progress.h"
#include "vastus-questionnaire-store.h"
#include "vastus-record-order.h"
#include "vastus-report-store.h"
#include "vastus-value.h"

G_DEFINE_QUARK (vastus-fhir-error-quark, vastus_fhir_error)

struct _FhirExport
{
  VastusDatabase                *db;
  const VastusFhirExportOptions *options;
  const char                    *system;
  GDate                          as_of;
  GOutputStream                 *out;
  GCancellable                  *cancellable;
  GString                       *buf;          /* entries not yet written to @out */
  guint                          n_entries;
  GHashTable                    *practitioners; /* name → ref */
  GPtrArray                     *handed_out;   /* of VastusReportRecord*, the caller's */
  const VastusClinicRules       *rules;        /* the options' or the clinic's */
};

/* The name-based (version 5) UUIDs of resource ids: SHA-1 of this namespace and the resource's
 * key. The namespace is Vastus's own, fixed for good: changing it changes every id. */
static const guint8 id_namespace[16] = {
  0x5a, 0x0e, 0x7c, 0x31, 0x9d, 0x42, 0x4b, 0x8f, 0xa6, 0x13, 0x2c, 0x57, 0xe8, 0x90, 0x1b, 0x64,
};

static char *
name_uuid (const char *key)
{
  g_autoptr(GChecksum) sha1 = g_checksum_new (G_CHECKSUM_SHA1);
  guint8 digest[20];
  gsize length = sizeof digest;

  g_checksum_update (sha1, id_namespace, sizeof id_namespace);
  g_checksum_update (sha1, (const guchar *) key, strlen (key));
  g_checksum_get_digest (sha1, digest, &length);
  digest[6] = (digest[6] & 0x0f) | 0x50;  /* version 5 */
  digest[8] = (digest[8] & 0x3f) | 0x80;  /* RFC 4122 variant */
  return g_strdup_printf ("%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x",
                          digest[0], digest[1], digest[2], digest[3], digest[4], digest[5],
                          digest[6], digest[7], digest[8], digest[9], digest[10], digest[11],
                          digest[12], digest[13], digest[14], digest[15]);
}

static char *
resource_id (const char *type,
             const char *key)
{
  g_autofree char *full_key = g_strconcat (type, "|", key, NULL);

  return name_uuid (full_key);
}

char *
fhir_ref_for (const char *type,
              const char *key)
{
  g_autofree char *id = resource_id (type, key);

  return g_strconcat ("urn:uuid:", id, NULL);
}

JsonObject *
fhir_resource_new (const char *type,
                   const char *key,
                   char      **ref)
{
  JsonObject *resource = json_object_new ();
  g_autofree char *id = resource_id (type, key);

  json_object_set_string_member (resource, "resourceType", type);
  json_object_set_string_member (resource, "id", id);
  *ref = g_strconcat ("urn:uuid:", id, NULL);
  return resource;
}

static void
write_string_member (GString    *out,
                     const char *name,
                     const char *value)
{
  g_autoptr(JsonNode) node = fhir_string_node (value);

  g_string_append_printf (out, "\"%s\":", name);
  fhir_json_write (out, node);
}

void
fhir_export_add (FhirExport *export,
                 const char *ref,
                 JsonObject *resource)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);

  json_node_take_object (node, resource);
  g_string_append (export->buf, export->n_entries++ > 0 ? ",\n{" : "\n{");
  write_string_member (export->buf, "fullUrl", ref);
  g_string_append (export->buf, ",\"resource\":");
  fhir_json_write (export->buf, node);
  g_string_append_c (export->buf, '}');
}

gboolean
fhir_export_deidentified (FhirExport *export)
{
  return export->options->deidentify;
}

const char *
fhir_export_system (FhirExport *export)
{
  return export->system;
}

VastusDatabase *
fhir_export_database (FhirExport *export)
{
  return export->db;
}

const VastusFhirExportOptions *
fhir_export_options (FhirExport *export)
{
  return export->options;
}

const GDate *
fhir_export_as_of (FhirExport *export)
{
  return &export->as_of;
}

const VastusClinicRules *
fhir_export_rules (FhirExport *export)
{
  return export->rules;
}

void
fhir_export_hand_out (FhirExport         *export,
                      VastusReportRecord *record)
{
  g_ptr_array_add (export->handed_out, record);
}

const char *
fhir_export_find_practitioner (FhirExport *export,
                               const char *name)
{
  return g_hash_table_lookup (export->practitioners, name);
}

const char *
fhir_export_keep_practitioner (FhirExport *export,
                               const char *name,
                               char       *ref)
{
  g_hash_table_insert (export->practitioners, g_strdup (name), ref);
  return ref;
}

gboolean
fhir_episode_date (const FhirEpisode *episode,
                   const GDate       *date,
                   GDate             *out)
{
  if (date == NULL || !g_date_valid (date))
    return FALSE;
  if (!fhir_export_deidentified (episode->patient->export))
    {
      *out = *date;
      return TRUE;
    }
  if (!g_date_valid (&episode->index_date))
    return FALSE;
  g_date_clear (out, 1);
  g_date_set_dmy (out, 1, G_DATE_JANUARY, FHIR_DEIDENTIFIED_EPOCH_YEAR);
  if (g_date_compare (date, &episode->index_date) >= 0)
    g_date_add_days (out, g_date_days_between (&episode->index_date, date));
  else
    g_date_subtract_days (out, g_date_days_between (date, &episode->index_date));
  return TRUE;
}

void
fhir_episode_set_date (const FhirEpisode *episode,
                       JsonObject        *object,
                       const char        *name,
                       const GDate       *date)
{
  GDate written;

  if (fhir_episode_date (episode, date, &written))
    fhir_set_date (object, name, &written);
}

static char *
date_key (const FhirEpisode *episode,
          const GDate       *date)
{
  char buf[VASTUS_DATE_BUF_SIZE] = "";
  GDate written;

  if (fhir_episode_date (episode, date, &written))
    vastus_date_format (&written, buf);
  return g_strdup (buf);
}

static gboolean
flush (FhirExport  *export,
       GError     **error)
{
  if (export->buf->len > 0 &&
      !g_output_stream_write_all (export->out, export->buf->str, export->buf->len, NULL,
                                  export->cancellable, error))
    return FALSE;
  g_string_truncate (export->buf, 0);
  return TRUE;
}

static void
fhir_visit_free (FhirVisit *visit)
{
  g_free (visit->key);
  g_free (visit->ref);
  g_hash_table_unref (visit->observations);
  g_hash_table_unref (visit->responses);
  g_free (visit);
}

/* Of GPtrArray* of VastusResponse*, by visit id. */
static GHashTable *
responses_by_visit (VastusDatabase  *db,
                    gint64           episode_id,
                    GError         **error)
{
  g_autoptr(GPtrArray) responses = vastus_database_list_responses (db, episode_id, error);
  GHashTable *by_visit;

  if (responses == NULL)
    return NULL;
  by_visit = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                    (GDestroyNotify) g_ptr_array_unref);
  for (guint i = 0; i < responses->len; i++)
    {
      VastusResponse *response = g_ptr_array_index (responses, i);
      GPtrArray *list = g_hash_table_lookup (by_visit, &response->visit_id);

      if (list == NULL)
        {
          list = g_ptr_array_new_with_free_func ((GDestroyNotify) vastus_response_free);
          g_hash_table_insert (by_visit, g_memdup2 (&response->visit_id, sizeof (gint64)), list);
        }
      g_ptr_array_add (list, vastus_response_copy (response));
    }
  return by_visit;
}

static gboolean
export_episode (FhirPatient          *patient,
                const VastusEpisode  *episode,
                guint                 ordinal,
                gboolean              with_report,
                GError              **error)
{
  FhirExport *export = patient->export;
  FhirEpisode ep = { patient, NULL };
  g_autoptr(GPtrArray) visits = g_ptr_array_new_with_free_func ((GDestroyNotify) fhir_visit_free);
  g_autoptr(GHashTable) responses = NULL;
  g_autofree char *surgery = NULL, *injury = NULL;
  const GDate *index;
  gboolean ok = TRUE;

  ep.history = vastus_database_load_episode_history (export->db, patient->patient, episode, error);
  if (ep.history == NULL)
    return FALSE;
  responses = responses_by_visit (export->db, episode->id, error);
  if (responses == NULL)
    {
      vastus_history_free (ep.history);
      return FALSE;
    }
  vastus_visits_sort_for_export (ep.history->visits);

  /* De-identified dates count from the surgery, else the injury, else the first visit (as the
   * de-identified CSV's weeks do). */
  index = vastus_episode_get_index_date (episode);
  if (index != NULL)
    ep.index_date = *index;
  else if (ep.history->visits->len > 0)
    ep.index_date = ((VastusVisit *) g_ptr_array_index (ep.history->visits, 0))->date;
  else
    g_date_clear (&ep.index_date, 1);

  ep.visits = visits;
  surgery = date_key (&ep, &episode->surgery_date);
  injury = date_key (&ep, &episode->injury_date);
  ep.key = g_strdup_printf ("%s|episode|%s|%s|%s|%u", patient->key,
                            vastus_condition_to_string (episode->condition), surgery, injury,
                            ordinal);
  fhir_write_episode (&ep);

  for (guint i = 0; ok && i < ep.history->visits->len; i++)
    {
      const VastusVisit *visit = g_ptr_array_index (ep.history->visits, i);
      const VastusVisit *previous = i > 0 ? g_ptr_array_index (ep.history->visits, i - 1) : NULL;
      FhirVisit *v = g_new0 (FhirVisit, 1);
      g_autofree char *date = date_key (&ep, &visit->date);
      GPtrArray *visit_responses = g_hash_table_lookup (responses, &visit->id);
      guint same_day = 0;

      /* Visits on one day (of older databases) are told apart by their order. */
      for (guint j = i; j > 0 && previous != NULL; j--)
        {
          const VastusVisit *other = g_ptr_array_index (ep.history->visits, j - 1);

          if (!g_date_valid (&other->date) || !g_date_valid (&visit->date) ||
              g_date_compare (&other->date, &visit->date) != 0)
            break;
          same_day++;
        }
      v->episode = &ep;
      v->visit = visit;
      v->index = i;
      v->key = g_strdup_printf ("%s|visit|%s|%u", ep.key, date, same_day);
      v->observations = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      v->responses = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      g_ptr_array_add (visits, v);
      for (guint r = 0; visit_responses != NULL && r < visit_responses->len; r++)
        {
          const VastusResponse *response = g_ptr_array_index (visit_responses, r);
          g_autofree char *key = g_strdup_printf ("%s|questionnaire|%s", v->key, response->instrument);

          g_hash_table_insert (v->responses, g_strdup (response->instrument),
                               fhir_ref_for ("QuestionnaireResponse", key));
        }
      vastus_measurements_sort_for_export (visit->measurements);

      fhir_write_encounter (v);
      fhir_write_observations (v);
      if (visit_responses != NULL)
        ok = fhir_write_responses (v, visit_responses, error);
    }
  if (ok && with_report)
    ok = fhir_write_report (&ep, visits, export->options->mrn != NULL, error);

  g_ptr_array_set_size (visits, 0);
  vastus_history_free (ep.history);
  g_free (ep.key);
  g_free (ep.ref);
  g_free (ep.condition_ref);
  return ok && flush (export, error);
}

static gboolean
export_patient (FhirExport           *export,
                const VastusPatient  *patient,
                const char           *study_code,
                GError              **error)
{
  FhirPatient p = { export, patient, study_code };
  g_autoptr(GPtrArray) episodes = vastus_database_list_episodes (export->db, patient->id, error);
  g_autoptr(GPtrArray) ordered = NULL;
  const VastusEpisode *reported = NULL;
  gboolean ok = TRUE;

  if (episodes == NULL)
    return FALSE;
  /* The episode whose criteria evaluation goes in the Bundle: --episode's, else the one in force
   * on the as-of date, as evaluate and report choose it. For one patient there must be one, as
   * there; in the clinic's Bundle a patient with no episode in force has no evaluation. */
  if (export->options->mrn != NULL && (export->options->episode_id != 0 || episodes->len > 0))
    {
      reported = vastus_episodes_choose (episodes, patient->mrn, export->options->episode_id,
                                         &export->as_of, error);
      if (reported == NULL)
        return FALSE;
    }
  else
    reported = vastus_episode_in_force (episodes, &export->as_of);

  p.key = export->options->deidentify
          ? g_strconcat (FHIR_STUDY_SYSTEM, "|", study_code, NULL)
          : g_strconcat (export->system, "|", patient->mrn, NULL);
  fhir_write_patient (&p);

  ordered = g_ptr_array_copy (episodes, NULL, NULL);
  g_ptr_array_set_free_func (ordered, NULL);   /* the copy borrows them */
  vastus_episodes_sort_for_export (ordered);
  for (guint i = 0; ok && i < ordered->len; i++)
    {
      const VastusEpisode *episode = g_ptr_array_index (ordered, i);
      guint ordinal = 0;

      /* Episodes alike in condition and dates are told apart by their order. */
      for (guint j = 0; j < i; j++)
        {
          const VastusEpisode *other = g_ptr_array_index (ordered, j);

          if (other->condition == episode->condition &&
              ((!g_date_valid (&other->surgery_date) && !g_date_valid (&episode->surgery_date)) ||
               (g_date_valid (&other->surgery_date) && g_date_valid (&episode->surgery_date) &&
                g_date_compare (&other->surgery_date, &episode->surgery_date) == 0)) &&
              ((!g_date_valid (&other->injury_date) && !g_date_valid (&episode->injury_date)) ||
               (g_date_valid (&other->injury_date) && g_date_valid (&episode->injury_date) &&
                g_date_compare (&other->injury_date, &episode->injury_date) == 0)))
            ordinal++;
        }
      if (export->options->episode_id == 0 || episode == reported)
        ok = export_episode (&p, episode, ordinal, episode == reported, error);
    }
  ok = ok && flush (export, error);
  g_free (p.key);
  g_free (p.ref);
  return ok;
}

gboolean
vastus_fhir_system_check (const char  *system,
                          GError     **error)
{
  g_autoptr(GUri) uri = NULL;
  const char *scheme;

  if (system == NULL || system[0] == '\0')
    {
      g_set_error_literal (error, VASTUS_FHIR_ERROR, VASTUS_FHIR_ERROR_SYSTEM,
                           _("The identifier system is empty: it must be an absolute URI such as "
                             "https://hospital.example/mrn or urn:oid:1.2.3"));
      return FALSE;
    }
  for (const char *p = system; *p != '\0'; p++)
    if (g_ascii_isspace (*p) || (guchar) *p < 0x20 || (guchar) *p >= 0x7f)
      {
        g_set_error (error, VASTUS_FHIR_ERROR, VASTUS_FHIR_ERROR_SYSTEM,
                     /* Translators: %s is the identifier system typed for the patients' MRNs in
                      * FHIR, a URI (“https://hospital.example/mrn”) */
                     _("The identifier system “%s” holds a space or a character outside ASCII"),
                     system);
        return FALSE;
      }
  uri = g_uri_parse (system, G_URI_FLAGS_NONE, NULL);
  scheme = uri != NULL ? g_uri_get_scheme (uri) : NULL;
  if (scheme == NULL)
    {
      g_set_error (error, VASTUS_FHIR_ERROR, VASTUS_FHIR_ERROR_SYSTEM,
                   /* Translators: %s is the identifier system typed for the patients' MRNs in
                    * FHIR; the two example URIs stay as they are */
                   _("The identifier system “%s” is not an absolute URI (scheme:…, such as "
                     "https://hospital.example/mrn or urn:oid:1.2.3)"), system);
      return FALSE;
    }
  if ((g_ascii_strcasecmp (scheme, "http") == 0 || g_ascii_strcasecmp (scheme, "https") == 0) &&
      (g_uri_get_host (uri) == NULL || g_uri_get_host (uri)[0] == '\0'))
    {
      g_set_error (error, VASTUS_FHIR_ERROR, VASTUS_FHIR_ERROR_SYSTEM,
                   /* Translators: %s is the identifier system typed for the patients' MRNs in
                    * FHIR, a URI without a host name after “https://” */
                   _("The identifier system “%s” names no host"), system);
      return FALSE;
    }
  if (g_str_has_prefix (system, "urn:oid:"))
    {
      const char *oid = system + strlen ("urn:oid:");
      gboolean ok = g_regex_match_simple ("^[0-2](\\.(0|[1-9][0-9]*))+$", oid, 0, 0);

      if (!ok)
        {
          g_set_error (error, VASTUS_FHIR_ERROR, VASTUS_FHIR_ERROR_SYSTEM,
                       /* Translators: %1$s is the system, %2$s the prefix of an OID (urn:oid:),
                        * %3$s an example: keep them as they are */
                       _("The identifier system “%1$s” is not an OID: after %2$s come numbers "
                         "separated by dots, starting with 0, 1 or 2 (%3$s)"), system, "urn:oid:",
                       "urn:oid:1.2.3");
          return FALSE;
        }
    }
  if (g_str_has_prefix (system, "urn:uuid:") && !g_uuid_string_is_valid (system + strlen ("urn:uuid:")))
    {
      g_set_error (error, VASTUS_FHIR_ERROR, VASTUS_FHIR_ERROR_SYSTEM,
                   /* Translators: %1$s is the system, %2$s the prefix of a UUID (urn:uuid:): keep
                    * it as it is */
                   _("The identifier system “%1$s” is not a UUID after %2$s"), system, "urn:uuid:");
      return FALSE;
    }
  return TRUE;
}

typedef struct
{
  char          *study_code;   /* de-identified; NULL otherwise */
  VastusPatient *patient;
} Listed;

static void
listed_clear (Listed *listed)
{
  g_free (listed->study_code);
  vastus_patient_free (listed->patient);
}

static int
listed_compare (gconstpointer a,
                gconstpointer b)
{
  const Listed *la = a, *lb = b;

  if (la->study_code != NULL)
    return strcmp (la->study_code, lb->study_code);
  return strcmp (la->patient->mrn, lb->patient->mrn);
}

/* The patients to export, by MRN (de-identified: by study code, created on first use in one
 * transaction, so that the order says nothing about MRNs). */
static GArray *
list_patients (FhirExport  *export,
               GError     **error)
{
  g_autoptr(GArray) listed = g_array_new (FALSE, TRUE, sizeof (Listed));

  g_array_set_clear_func (listed, (GDestroyNotify) listed_clear);
  if (export->options->mrn != NULL)
    {
      g_autoptr(GError) local_error = NULL;
      Listed one = { NULL, vastus_database_find_patient (export->db, export->options->mrn, &local_error) };

      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
      if (one.patient == NULL)
        {
          g_set_error (error, VASTUS_FHIR_ERROR, VASTUS_FHIR_ERROR_NOT_FOUND,
                       /* Translators: %s is the medical record number (MRN) asked for */
                       _("There is no patient with MRN “%s”"), export->options->mrn);
          return NULL;
        }
      g_array_append_val (listed, one);
    }
  else
    for (int archived = 0; archived < 2; archived++)
      {
        VastusPatientQuery query = { NULL, archived, VASTUS_PATIENT_SORT_MRN, 0, 0 };
        g_autoptr(GPtrArray) some = vastus_database_list_patients (export->db, &query, error);

        if (some == NULL)
          return NULL;
        for (guint i = 0; i < some->len; i++)
          {
            VastusPatientSummary *summary = g_ptr_array_index (some, i);
            Listed one = { NULL, g_steal_pointer (&summary->patient) };

            g_array_append_val (listed, one);
          }
      }

  if (export->options->deidentify)
    {
      if (!vastus_database_begin (export->db, error))
        return NULL;
      for (guint i = 0; i < listed->len; i++)
        {
          Listed *one = &g_array_index (listed, Listed, i);

          one->study_code = vastus_database_get_study_code (export->db, one->patient->id, error);
          if (one->study_code == NULL)
            {
              vastus_database_rollback (export->db);
              return NULL;
            }
        }
      if (!vastus_database_commit (export->db, error))
        return NULL;
    }
  g_array_sort (listed, listed_compare);
  return g_steal_pointer (&listed);
}

gboolean
vastus_fhir_export (VastusDatabase                *db,
                    const VastusFhirExportOptions *options,
                    GOutputStream                 *out,
                    GPtrArray                     *handed_out,
                    GCancellable                  *cancellable,
                    GError                       **error)
{
  FhirExport export = { db, options, options->system != NULL ? options->system : VASTUS_FHIR_DEFAULT_SYSTEM };
  g_autoptr(GArray) patients = NULL;
  g_autoptr(GString) key = g_string_new ("bundle");
  g_autoptr(JsonObject) head = NULL;
  g_autofree char *ref = NULL;
  g_autoptr(VastusClinicRulebook) clinic = NULL;
  gboolean ok = TRUE;
  guint n_handed_out;

  g_return_val_if_fail (VASTUS_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (options->episode_id == 0 || options->mrn != NULL, FALSE);
  g_return_val_if_fail (handed_out != NULL, FALSE);
  n_handed_out = handed_out->len;

  if (!vastus_fhir_system_check (export.system, error))
    return FALSE;
  if (options->as_of != NULL && g_date_valid (options->as_of))
    export.as_of = *options->as_of;
  else
    vastus_date_today (&export.as_of);
  /* The clinic's rules, unless told others: the verdict in the Bundle is the one `evaluate`, the
   * window and the report inside it give. */
  export.rules = options->rules;
  if (export.rules == NULL)
    {
      clinic = vastus_database_read_clinic_rules (db, error);
      if (clinic == NULL)
        return FALSE;
      export.rules = &clinic->rules;
    }

  patients = list_patients (&export, error);
  if (patients == NULL)
    return FALSE;

  export.out = out;
  export.cancellable = cancellable;
  export.buf = g_string_sized_new (64 * 1024);
  export.practitioners = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  export.handed_out = handed_out;

  /* The Bundle's id says what it holds (and, identified, as of when). */
  if (options->deidentify)
    g_string_append_printf (key, "|deidentified|%s",
                            options->mrn != NULL ? g_array_index (patients, Listed, 0).study_code : "*");
  else
    {
      char date[VASTUS_DATE_BUF_SIZE];

      g_string_append_printf (key, "|%s|%s|%s", export.system,
                              options->mrn != NULL ? options->mrn : "*",
                              vastus_date_format (&export.as_of, date));
    }
  if (options->episode_id != 0)
    g_string_append_printf (key, "|%" G_GINT64_FORMAT, options->episode_id);
  head = fhir_resource_new ("Bundle", key->str, &ref);
  if (options->deidentify)
    {
      JsonObject *meta = json_object_new ();

      fhir_append_object (meta, "security", fhir_coding (FHIR_SECURITY, "PSEUDED", "pseudonymized"));
      json_object_set_object_member (head, "meta", meta);
    }
  json_object_set_string_member (head, "type", "collection");
  {
    g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);

    json_node_set_object (node, head);
    fhir_json_write (export.buf, node);
  }
  /* "…,"type":"collection"}" → "…,"type":"collection","entry":[" */
  g_string_truncate (export.buf, export.buf->len - 1);
  g_string_append (export.buf, ",\"entry\":[");

  for (guint i = 0; ok && i < patients->len; i++)
    {
      const Listed *one = &g_array_index (patients, Listed, i);

      /* How far, per patient; the caller may stop it here. */
      ok = vastus_progress_report (i, patients->len, error) &&
           export_patient (&export, one->patient, one->study_code, error);
      if (ok && g_cancellable_set_error_if_cancelled (cancellable, error))
        ok = FALSE;
    }
  if (ok)
    {
      g_string_append (export.buf, "\n]}\n");
      ok = flush (&export, error);
    }
  g_string_free (export.buf, TRUE);
  g_hash_table_unref (export.practitioners);
  /* Nothing of a failed export is handed out. */
  if (!ok)
    g_ptr_array_set_size (handed_out, n_handed_out);
  return ok;
}

gboolean
vastus_fhir_export_file (VastusDatabase                *db,
                         const VastusFhirExportOptions *options,
                         const char                    *path,
                         GPtrArray                     *handed_out,
                         GCancellable                  *cancellable,
                         GError                       **error)
{
  g_autofree char *folder = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *name = g_strdup_printf (".%s-XXXXXX", base);
  g_autofree char *tmp = g_build_filename (folder, name, NULL);
  g_autoptr(GOutputStream) stream = NULL;
  guint n_handed_out = handed_out->len;
  int fd, saved;

  /* Written to a new file beside @path and renamed over it when complete: never half a file,
   * and a failed export leaves @path as it was (or absent). */
  fd = g_mkstemp_full (tmp, O_WRONLY | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      saved = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   /* Translators: %s is a folder, the second a system error */
                   _("Could not create a file in %s: %s"), folder, g_strerror (saved));
      return FALSE;
    }
  stream = g_unix_output_stream_new (fd, FALSE);
  if (!vastus_fhir_export (db, options, stream, handed_out, cancellable, error))
    goto fail;
  if (fsync (fd) != 0 || close (fd) != 0)
    {
      fd = -1;
      goto fail_errno;
    }
  fd = -1;
  if (g_rename (tmp, path) != 0)
    goto fail_errno;
  return TRUE;

fail_errno:
  saved = errno;
  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
               /* Translators: %s is a file, the second a system error */
               _("Could not write %s: %s"), path, g_strerror (saved));
fail:
  if (fd >= 0)
    close (fd);
  g_unlink (tmp);
  g_ptr_array_set_size (handed_out, n_handed_out);
  return FALSE;
}
