/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vastus-units"

#include "config.h"

#include "vastus-units.h"

/* "kg" is what some hand-held dynamometers display: a force in kilogram-force. */
static const VastusUnit units[] = {
  { "N",      "N",      1.0,              "N" },
  { "lbf",    "N",      VASTUS_N_PER_LBF, "lbf" },
  { "kgf",    "N",      VASTUS_N_PER_KGF, "kgf" },
  { "kg",     "N",      VASTUS_N_PER_KGF, "kg" },
  { "Nm",     "Nm",     1.0,              "Nm" },
  { "cm",     "cm",     1.0,              "cm" },
  { "mm",     "cm",     0.1,              "mm" },
  { "in",     "cm",     VASTUS_CM_PER_IN, "in" },
  { "s",      "s",      1.0,              "s" },
  { "deg",    "deg",    1.0,              "°" },
  { "grade",  "grade",  1.0,              "" },
  { "points", "points", 1.0,              "" },
  { "count",  "count",  1.0,              "" },
  { "bool",   "bool",   1.0,              "" },
};

const VastusUnit *
vastus_unit_lookup (const char *code)
{
  if (code == NULL)
    return NULL;
  for (gsize i = 0; i < G_N_ELEMENTS (units); i++)
    if (g_str_equal (units[i].code, code))
      return &units[i];
  return NULL;
}

gboolean
vastus_unit_to_stored (const char *code,
                       double      value,
                       double     *out_stored)
{
  const VastusUnit *unit = vastus_unit_lookup (code);

  if (unit == NULL)
    return FALSE;
  *out_stored = value * unit->factor;
  return TRUE;
}

gboolean
vastus_unit_from_stored (const char *code,
                         double      stored,
                         double     *out_value)
{
  const VastusUnit *unit = vastus_unit_lookup (code);

  if (unit == NULL)
    return FALSE;
  *out_value = stored / unit->factor;
  return TRUE;
}

const char *
vastus_unit_symbol (const char *code)
{
  const VastusUnit *unit = vastus_unit_lookup (code);

  return unit != NULL ? unit->symbol : "";
}
