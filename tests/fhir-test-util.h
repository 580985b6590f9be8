/* fhir-test-util.h: what the FHIR tests share: a temporary folder with a database, vastus-cli
 * runs (VASTUS_CLI_PATH), the FHIR R4 schema validator (VASTUS_FHIR_VALIDATOR), lookups in a
 * Bundle
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "fhir-validate-util.h"

#define MEASURE "https://vastus.github.io/fhir/CodeSystem/measure"
#define UCUM "http://unitsofmeasure.org"
#define SNOMED "http://snomed.info/sct"
#define LOINC "http://loinc.org"
#define EXT "https://vastus.github.io/fhir/StructureDefinition/"
#define LEFT "7771000"
#define RIGHT "24028007"

typedef struct
{
  char *dir;
  char *db;
} Fixture;

void        fixture_set_up    (Fixture *f, gconstpointer data);
void        fixture_tear_down (Fixture *f, gconstpointer data);

/* vastus-cli --db @db ARGS… in the C locale, on 2026-06-01, without $VASTUS_FHIR_SYSTEM: the
 * exit status; stdout and stderr in @out and @err (each may be NULL). */
G_GNUC_NULL_TERMINATED
int         run               (const char *db, char **out, char **err, ...);
/* The same with $VASTUS_FHIR_SYSTEM set to @system. */
G_GNUC_NULL_TERMINATED
int         run_system        (const char *db, const char *system, char **out, char **err, ...);
/* vastus-cli fhir export ARGS… -o @name in the fixture's folder: the path; fails the test when the
 * export fails or the file is not a valid FHIR R4 Bundle. */
G_GNUC_NULL_TERMINATED
char       *export            (Fixture *f, const char *db, const char *name, ...);
/* The patients list of @db as vastus-cli prints it. */
char       *patients          (const char *db);
char       *write_file        (Fixture *f, const char *name, const char *contents);
char       *read_file         (const char *path);

JsonNode   *parse             (const char *path);

JsonArray  *entries           (JsonNode *bundle);
JsonObject *resource_at       (JsonNode *bundle, guint i);
/* The node at @path ("a.b[2].c") under @object, or NULL; str and num of it. */
JsonNode   *walk              (JsonObject *object, const char *path);
const char *str               (JsonObject *object, const char *path);
double      num               (JsonObject *object, const char *path);
/* The resource whose fullUrl is @ref. */
JsonObject *resolve           (JsonNode *bundle, const char *ref);
gboolean    has_coding        (JsonObject *concept, const char *system, const char *code);
/* The Observation coded @code in @system, of @laterality (a SNOMED CT code, or NULL: none), on
 * @date; or NULL. */
JsonObject *find_observation  (JsonNode *bundle, const char *system, const char *code,
                               const char *laterality, const char *date);
/* The @nth resource of @type, or NULL; how many there are. */
JsonObject *find_type         (JsonNode *bundle, const char *type, guint nth);
guint       count_type        (JsonNode *bundle, const char *type);
/* The @nth component of @observation coded @code (Vastus's component CodeSystem), or NULL. */
JsonObject *component         (JsonObject *observation, const char *code, guint nth);
