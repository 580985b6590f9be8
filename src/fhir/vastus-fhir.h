/* vastus-fhir.h: the record as an HL7 FHIR R4 Bundle (type collection), out and back in
 *
 * Export writes one Bundle: per patient a Patient (identifier: the MRN under the clinic's system
 * URI; family and given names; birth date; gender), per episode a Condition, an EpisodeOfCare and,
 * with a surgery, a Procedure; an Encounter per visit (a ClinicalImpression for its notes and
 * findings), a Practitioner per clinician and surgeon; an Observation per measurement and side
 * (trials as components, the combined value as the value, test conditions as components,
 * laterality as bodySite), body mass and height, LSI and EPIC derived from the sides; a
 * QuestionnaireResponse per questionnaire answered; and for the episode in force the criteria
 * evaluation as a DiagnosticReport whose results are one Observation per criterion, with the
 * surgeon's PDF when one patient is exported. Codes, units and identifiers: vastus-fhir-codes.c
 * and README "FHIR". Resource ids are name-based UUIDs of what the resource is (the patient's
 * identifier, the visit's date …), so the same record always gives the same file: export, import
 * into an empty database and export again gives the same bytes.
 *
 * The file is JSON in UTF-8, one Bundle entry a line; numbers are written as the shortest text
 * that reads back to the same double. Nothing in it depends on the locale.
 *
 * Import reads such a Bundle (or any whose Observations use the same codes) all or nothing, in
 * one transaction, through the storage and validation functions every other way in uses; each
 * message names the entry (entry[12]) and the field.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "vastus-clinic-rules.h"
#include "vastus-database.h"
#include "vastus-report-data.h"

G_BEGIN_DECLS

#define VASTUS_FHIR_ERROR (vastus_fhir_error_quark ())

/* Stable codes. Append only. */
typedef enum
{
  VASTUS_FHIR_ERROR_SYSTEM,       /* a patient identifier system that is not an absolute URI */
  VASTUS_FHIR_ERROR_JSON,         /* not JSON, or not a Bundle */
  VASTUS_FHIR_ERROR_INVALID,      /* an entry Vastus cannot take; the message names it */
  VASTUS_FHIR_ERROR_NOT_FOUND,    /* no such patient or episode to export */
  VASTUS_FHIR_ERROR_WRITE,        /* the output could not be written */
} VastusFhirError;

GQuark vastus_fhir_error_quark (void);

/* The identifier system of MRNs when the clinic has set none: a clinic sets its own (the one its
 * hospital partners know its MRNs by) in Preferences, or with --system / $VASTUS_FHIR_SYSTEM. */
#define VASTUS_FHIR_DEFAULT_SYSTEM "https://vastus.github.io/fhir/sid/mrn"

/* An identifier system must be an absolute URI without spaces: http(s)://host/…, urn:oid:
 * followed by an OID (1.2.840…), urn:uuid: followed by a UUID, or another scheme's absolute URI.
 * The message names the value and what is wrong. */
gboolean vastus_fhir_system_check (const char  *system,
                                   GError     **error);

typedef struct
{
  const char              *mrn;            /* NULL: every patient */
  gint64                   episode_id;     /* 0: every episode, the report for the one in force
                                            * on @as_of (vastus_episodes_choose; for one
                                            * patient, none is an error); else that episode of
                                            * @mrn only */
  gboolean                 deidentify;
  const char              *system;         /* the MRN identifier system; NULL: the default */
  const GDate             *as_of;          /* the evaluation's date; NULL: today */
  const VastusClinicRules *rules;          /* NULL: the clinic's, read from the database */
  const char              *clinic_name;    /* for the report's header; may be NULL */
  const char              *clinic_address;
  VastusPaper              paper;          /* of the report's PDF */
  const char              *file_name;      /* recorded with the report handed out; may be NULL */
} VastusFhirExportOptions;

/* Writes the Bundle to @out (not closed). Reads the database in one pass per patient; the only
 * write is, de-identified, the study codes created. The surgeon's report in it (one patient's
 * export) is added to @handed_out (of VastusReportRecord*, with a free function) for the caller
 * to record (vastus_database_insert_report) once the Bundle is complete: a report not on record
 * is not handed out. A failed export adds nothing. Says how far it is per patient
 * (vastus_progress_report), and stops, failing with G_IO_ERROR_CANCELLED, when told to or when
 * @cancellable is cancelled. */
gboolean vastus_fhir_export        (VastusDatabase                *db,
                                    const VastusFhirExportOptions *options,
                                    GOutputStream                 *out,
                                    GPtrArray                     *handed_out,
                                    GCancellable                  *cancellable,
                                    GError                       **error);
/* The same into @path, written beside it and renamed into place (0600): never half a file. */
gboolean vastus_fhir_export_file   (VastusDatabase                *db,
                                    const VastusFhirExportOptions *options,
                                    const char                    *path,
                                    GPtrArray                     *handed_out,
                                    GCancellable                  *cancellable,
                                    GError                       **error);

typedef struct
{
  guint patients;        /* added */
  guint episodes;
  guint visits;
  guint measurements;
  guint questionnaires;
  guint skipped;         /* measurements already stored, identical */
} VastusFhirImportCounts;

/* Imports the Bundle in @data (named @name in messages), all or nothing. @system: the MRN
 * identifier system (NULL: the default). Unusual but possible values and entries Vastus has no
 * place for go to @warnings (of char*; may be NULL). */
gboolean vastus_fhir_import        (VastusDatabase          *db,
                                    const char              *name,
                                    const char              *data,
                                    gsize                    length,
                                    const char              *system,
                                    VastusFhirImportCounts  *counts,
                                    GPtrArray               *warnings,
                                    GError                 **error);

G_END_DECLS
