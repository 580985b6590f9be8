/* fhir-validate-util.c: a FHIR Bundle against the FHIR R4 JSON schema, by the npm validator
 * build-aux/dev installs (VASTUS_FHIR_VALIDATOR; tests/fhir-validate.js)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <sys/wait.h>

#include "fhir-validate-util.h"

/* The Bundle in @path against the FHIR R4 JSON schema, by the npm validator: its exit status
 * (0 valid, 1 invalid), its report in @report. */
int
validate (const char  *path,
          char       **report)
{
  const char *validator = g_getenv ("VASTUS_FHIR_VALIDATOR");
  g_autofree char *node = g_find_program_in_path ("node");
  g_autofree char *script = g_test_build_filename (G_TEST_DIST, "fhir-validate.js", NULL);
  g_autofree char *out = NULL, *err = NULL;
  g_autoptr(GError) error = NULL;
  const char *argv[] = { NULL, script, validator, path, NULL };
  int status = -1;

  if (node == NULL)
    node = g_find_program_in_path ("nodejs");
  if (node == NULL)
    g_error ("Node.js is not installed: the FHIR schema validator cannot run (build-aux/dev installs it)");
  g_assert_nonnull (validator);
  argv[0] = node;
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error);
  g_assert_no_error (error);
  g_test_message ("%s%s", out, err);
  g_assert_true (WIFEXITED (status));
  /* 2: the validator is not installed. */
  if (WEXITSTATUS (status) == 2)
    g_error ("%s", err);
  *report = g_strconcat (out, err, NULL);
  return WEXITSTATUS (status);
}

void
assert_valid (const char *path)
{
  g_autofree char *report = NULL;

  if (validate (path, &report) != 0)
    g_error ("%s is not a valid FHIR R4 Bundle:\n%s", path, report);
}

