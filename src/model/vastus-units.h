/* vastus-units.h: the units values are entered in, and exact conversions to the stored unit
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Unit codes are the strings of the CSV contract (product.md): "N", "lbf", "kgf", "kg", "Nm",
 * "cm", "mm", "in", "s", "deg", "grade", "points", "count", "bool". */
typedef struct
{
  const char *code;
  const char *stored;     /* the stored (SI) unit code this one converts to */
  double      factor;     /* value_in_stored_unit = value × factor (exact definitions) */
  const char *symbol;     /* for display, e.g. "°" for deg */
} VastusUnit;

const VastusUnit *vastus_unit_lookup     (const char *code);
gboolean          vastus_unit_to_stored  (const char *code,
                                          double      value,
                                          double     *out_stored);
gboolean          vastus_unit_from_stored (const char *code,
                                           double      stored,
                                           double     *out_value);
const char       *vastus_unit_symbol     (const char *code);

/* Exact definitions */
#define VASTUS_N_PER_LBF 4.4482216152605
#define VASTUS_N_PER_KGF 9.80665
#define VASTUS_CM_PER_IN 2.54
#define VASTUS_STANDARD_GRAVITY 9.80665

G_END_DECLS
