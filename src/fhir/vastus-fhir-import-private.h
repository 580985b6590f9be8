/* vastus-fhir-import-private.h: what the files of the FHIR import share
 *
 * vastus-fhir-import.c: the Bundle's entries and references, patients, episodes and visits, and
 * the one transaction; vastus-fhir-import-observation.c: an Observation's measurement (or vital
 * sign), a QuestionnaireResponse's answers, a ClinicalImpression's notes and findings;
 * vastus-fhir-import-write.c: the checks, and the writes inside the transaction.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "vastus-fhir-private.h"

G_BEGIN_DECLS

typedef struct
{
  guint       index;        /* entry[index] */
  const char *type;         /* resourceType */
  JsonObject *resource;
} Entry;

typedef struct _ImPatient ImPatient;
typedef struct _ImEpisode ImEpisode;

/* A visit of the Bundle: an Encounter, or the date of Observations that name none. */
typedef struct
{
  const Entry *entry;         /* the Encounter, or the first entry that needed it */
  ImPatient   *patient;
  ImEpisode   *episode;       /* NULL: the patient's newest episode */
  VastusVisit *visit;         /* its measurements as the Bundle gives them */
  GArray      *sources;       /* of const Entry*, the entry of each measurement */
  GPtrArray   *responses;     /* of VastusResponse* */
  GArray      *response_sources;
  GHashTable  *seen;          /* "measure/side" → entry: one Observation each */
} ImVisit;

struct _ImEpisode
{
  const Entry   *entry;       /* the EpisodeOfCare */
  ImPatient     *patient;
  VastusEpisode *episode;
};

struct _ImPatient
{
  const Entry   *entry;
  VastusPatient *patient;
  GPtrArray     *episodes;    /* of ImEpisode* (owned by the import) */
};

typedef struct
{
  VastusDatabase *db;
  const char     *name;
  const char     *system;
  GDate           today;
  GPtrArray      *entries;    /* of Entry* */
  GHashTable     *by_url;     /* fullUrl, and "Type/id" → Entry* */
  GHashTable     *patients;   /* Entry* → ImPatient* */
  GPtrArray      *patient_list;
  GHashTable     *episodes;   /* Entry* → ImEpisode* */
  GPtrArray      *episode_list;
  GHashTable     *visits;     /* Entry* → ImVisit* */
  GPtrArray      *visit_list;
  GPtrArray      *warnings;   /* may be NULL */
} Import;

/* Sets @error to "NAME: entry[N] TYPE.FIELD: MESSAGE" (@field NULL: the entry as a whole);
 * returns FALSE. */
gboolean     import_fail        (Import      *im,
                                 GError     **error,
                                 const Entry *entry,
                                 const char  *field,
                                 const char  *format,
                                 ...) G_GNUC_PRINTF (5, 6);
void         import_warn        (Import      *im,
                                 const Entry *entry,
                                 const char  *field,
                                 const char  *format,
                                 ...) G_GNUC_PRINTF (4, 5);
/* The entry @reference (a Reference object's "reference") names: "urn:uuid:…", "Type/id" or a
 * fullUrl; NULL with @error naming @field when it names none of the Bundle's or one of another
 * type than @type. */
const Entry *import_resolve     (Import      *im,
                                 const Entry *from,
                                 JsonObject  *reference,
                                 const char  *field,
                                 const char  *type,
                                 GError     **error);
/* A date or dateTime member's calendar date: FALSE with @error when it is absent (and
 * @required), partial or not a date. */
gboolean     import_date        (Import      *im,
                                 const Entry *entry,
                                 JsonObject  *object,
                                 const char  *member,
                                 const char  *field,
                                 gboolean     required,
                                 GDate       *out,
                                 GError     **error);
/* The SNOMED CT laterality of the first bodySite of @resource: *@found FALSE when it has none;
 * an error for another code. */
gboolean     import_laterality  (Import      *im,
                                 const Entry *entry,
                                 JsonObject  *resource,
                                 VastusSide  *side,
                                 gboolean    *found,
                                 GError     **error);
/* A Practitioner's name (text, else given and family). */
char        *import_practitioner_name (Import      *im,
                                       const Entry *from,
                                       JsonObject  *reference,
                                       const char  *field,
                                       GError     **error);
/* The visit an entry belongs to: its Encounter (member @encounter), else its patient (member
 * @subject) and date (member @date) among the Bundle's visits, else a new one. */
ImVisit     *import_visit_for   (Import      *im,
                                 const Entry *entry,
                                 const char  *subject,
                                 const char  *date_member,
                                 GError     **error);

/* vastus-fhir-import-observation.c: each adds what @entry holds to its visit. */
gboolean     import_observation (Import      *im,
                                 const Entry *entry,
                                 GError     **error);
gboolean     import_response    (Import      *im,
                                 const Entry *entry,
                                 GError     **error);
gboolean     import_impression  (Import      *im,
                                 const Entry *entry,
                                 GError     **error);

/* vastus-fhir-import-write.c: every patient, episode and visit read, checked and written (inside
 * the caller's transaction), counted in @counts. */
gboolean     import_write_all   (Import                  *im,
                                 VastusFhirImportCounts  *counts,
                                 GError                 **error);

G_END_DECLS
