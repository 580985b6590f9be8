/* fhir-validate-util.h: a FHIR Bundle against the FHIR R4 JSON schema (tests)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

/* The Bundle in @path against the FHIR R4 JSON schema: the validator's exit status (0 valid, 1
 * invalid) and its report; a missing Node.js or validator (VASTUS_FHIR_VALIDATOR, the folder
 * build-aux/dev installs it into) fails the test. */
int         validate          (const char *path, char **report);
void        assert_valid      (const char *path);
