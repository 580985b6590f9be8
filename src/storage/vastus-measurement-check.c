/* vastus-measurement-check.c: the measurements in force against the catalog, for `check` of a
 * file and of a server alike
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "vastus-database"

#include "config.h"

#include "vastus-i18n.h"

#include "vastus-database-private.h"
#include "vastus-model-error.h"
#include "vastus-validate.h"

/* Problems listed in full; more are only counted. */
#define MAX_LISTED 20

static const char *measurements_in_force_sql =
  "SELECT " VASTUS_MEASUREMENT_COLUMNS " FROM measurement m "
  "JOIN visit v ON v.id = m.visit_id "
  "WHERE m.deleted_at IS NULL AND v.deleted_at IS NULL "
  "ORDER BY m.id";

int
_vastus_check_measurements (VastusConn *conn,
                            GPtrArray  *problems)
{
  VastusStmt *stmt;
  guint n = 0;
  int rc = VASTUS_DONE;

  stmt = _vastus_conn_prepare (conn, measurements_in_force_sql, &rc);
  while (stmt != NULL && (rc = _vastus_step (stmt)) == VASTUS_ROW)
    {
      g_autoptr(VastusMeasurement) m = _vastus_read_measurement (stmt);
      g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func ((GDestroyNotify) vastus_problem_free);

      vastus_measurement_check (m, 0, found);
      for (guint i = 0; i < found->len; i++)
        {
          const VastusProblem *problem = g_ptr_array_index (found, i);

          /* A measure the catalog lacks, or a value it cannot take. Not what earlier versions
           * let through on purpose and later ones keep as recorded (a fixation written as free
           * text before schema version 6). */
          if (problem->soft
              || (problem->code != VASTUS_VALIDATION_ERROR_UNKNOWN_MEASURE
                  && problem->code != VASTUS_VALIDATION_ERROR_HARD_LIMIT)
              || n++ >= MAX_LISTED)
            continue;
          /* Translators: a measurement's row number and visit, then what is wrong with it */
          g_ptr_array_add (problems, g_strdup_printf (_("Measurement %lld (visit %lld): %s"),
                                                      (long long) m->id, (long long) m->visit_id,
                                                      problem->message));
        }
    }
  if (stmt != NULL)
    _vastus_stmt_release (stmt);
  if (rc != VASTUS_DONE)
    return rc;
  if (n > MAX_LISTED)
    /* Translators: %u is the number of further problems found in stored measurements, not listed */
    g_ptr_array_add (problems, g_strdup_printf (ngettext ("%u more measurement problem",
                                                          "%u more measurement problems",
                                                          n - MAX_LISTED), n - MAX_LISTED));
  return VASTUS_DONE;
}
