/* vastus-model-error.h: error domains of the model layer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define VASTUS_VALIDATION_ERROR (vastus_validation_error_quark ())
#define VASTUS_PARSE_ERROR      (vastus_parse_error_quark ())

/* Stable codes: tests and callers rely on them. Append only. */
typedef enum
{
  VASTUS_VALIDATION_ERROR_REQUIRED,      /* a required field is empty */
  VASTUS_VALIDATION_ERROR_HARD_LIMIT,    /* a value outside what is physically possible */
  VASTUS_VALIDATION_ERROR_SOFT_LIMIT,    /* implausible: needs explicit confirmation */
  VASTUS_VALIDATION_ERROR_DATE,          /* a date in the future, before birth … */
  VASTUS_VALIDATION_ERROR_UNIT,          /* a unit the measure does not accept */
  VASTUS_VALIDATION_ERROR_SIDE,          /* a side the measure does not have */
  VASTUS_VALIDATION_ERROR_UNKNOWN_MEASURE,
  VASTUS_VALIDATION_ERROR_FIXATION,      /* a fixation that is not belt, frame or manual */
  VASTUS_VALIDATION_ERROR_TEXT,          /* control characters, an MRN too long or with spaces */
  VASTUS_VALIDATION_ERROR_CONDITION,     /* a test condition that contradicts the measure */
  VASTUS_VALIDATION_ERROR_TEMPLATE,      /* a test battery that cannot be stored */
} VastusValidationError;

typedef enum
{
  VASTUS_PARSE_ERROR_NUMBER,
  VASTUS_PARSE_ERROR_DATE,
  VASTUS_PARSE_ERROR_ENUM,
  VASTUS_PARSE_ERROR_GRADE,
  VASTUS_PARSE_ERROR_BOOL,
  VASTUS_PARSE_ERROR_PROFILE,            /* an import profile that cannot be used */
  VASTUS_PARSE_ERROR_AMBIGUOUS,          /* a typed number that reads two ways ("1.234" in German) */
} VastusParseError;

GQuark vastus_validation_error_quark (void);
GQuark vastus_parse_error_quark      (void);

G_END_DECLS
