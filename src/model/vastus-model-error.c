/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "vastus-model-error.h"

G_DEFINE_QUARK (vastus-validation-error-quark, vastus_validation_error)
G_DEFINE_QUARK (vastus-parse-error-quark, vastus_parse_error)
