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
/* The one conversion of a typed number to the stored unit, used by the visit editor, import and
 * every other way a value comes in: @text (vastus_number_parse () syntax) in unit @unit, the two
 * decimals multiplied exactly and rounded once, so that 100 lbf gives 444.82216152605 N and
 * 10 kgf 98.0665 N, where multiplying doubles gives 444.82216152604997 and 98.06649999999999.
 * Export finds the shortest text that converts back to the stored value bit for bit, so a value
 * comes out in the unit it went in. FALSE for an unknown unit, a text that is not a number, or a
 * result that is infinite or too small to keep its digits (below DBL_MIN). */
gboolean          vastus_unit_number_to_stored (const char *unit,
                                                const char *text,
                                                double     *out_stored);
/* The same for what a person typed: the decimal mark or the point, surrounding spaces
 * (vastus_display_number_normalize ()); @error is set (VASTUS_PARSE_ERROR_AMBIGUOUS) only when the
 * text reads two ways, and may be NULL. */
gboolean          vastus_unit_entry_to_stored  (const char *unit,
                                                const char *text,
                                                double     *out_stored,
                                                GError    **error);
/* The number as it was entered in @unit: the fewest significant digits whose text converts
 * back to exactly @stored (vastus_unit_number_to_stored ()), 444.82216152605 N in lbf is "100";
 * FALSE when no text of at most 17 digits does (then only the stored unit says it exactly). */
gboolean          vastus_unit_entered_text (const char *unit,
                                            double      stored,
                                            char        out[32]);
/* For display only: @stored in @code, divided in doubles. */
gboolean          vastus_unit_from_stored (const char *code,
                                           double      stored,
                                           double     *out_value);
const char       *vastus_unit_symbol     (const char *code);

/* A lever arm (knee axis to the pad) is stored in metres and entered and exported in cm: @text
 * (vastus_number_parse () syntax) divided by 100 exactly and rounded once, like the units above;
 * _entry for what a person typed. Format writes the shortest cm text that reads back to @metres
 * bit for bit (0.29 m is "29", never "28.999999999999996"). */
gboolean          vastus_lever_arm_from_cm       (const char *text,
                                                  double     *out_metres);
gboolean          vastus_lever_arm_entry_from_cm (const char *text,
                                                  double     *out_metres,
                                                  GError    **error);
const char       *vastus_lever_arm_format_cm     (double      metres,
                                                  char        buf[32]);

/* Exact definitions */
#define VASTUS_N_PER_LBF 4.4482216152605
#define VASTUS_N_PER_KGF 9.80665
#define VASTUS_CM_PER_IN 2.54
#define VASTUS_STANDARD_GRAVITY 9.80665

G_END_DECLS
