/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vastus-clinic-rules-store"

#include "config.h"

#include "vastus-i18n.h"
#include <string.h>

#include "vastus-caseload.h"
#include "vastus-clinic-rules-store.h"
#include "vastus-database-private.h"
#include "vastus-text.h"

/* The limits the preferences have always allowed; sql/017-clinic-rules.sql checks the same. */
static const struct
{
  const char *name;
  int         min;
  int         max;
} numeric_rules[] = {
  { VASTUS_RULE_PAIN_FLAG_LEVEL, 0, 10 },
  { VASTUS_RULE_MAXIMAL_TEST_WEEKS, 0, 52 },
  { VASTUS_RULE_STALE_WEEKS, 0, 104 },
  { VASTUS_RULE_RETEST_WEEKS, VASTUS_RETEST_WEEKS_MIN, VASTUS_RETEST_WEEKS_MAX },
};

gboolean
vastus_clinic_rule_limits (const char *name,
                           int        *min,
                           int        *max)
{
  g_return_val_if_fail (name != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (numeric_rules); i++)
    if (g_str_equal (numeric_rules[i].name, name))
      {
        *min = numeric_rules[i].min;
        *max = numeric_rules[i].max;
        return TRUE;
      }
  return FALSE;
}

/* The condition of a "default-criteria-set:CONDITION" name, or FALSE. */
static gboolean
default_set_condition (const char      *name,
                       VastusCondition *condition)
{
  return g_str_has_prefix (name, VASTUS_RULE_DEFAULT_SET_PREFIX)
         && vastus_condition_from_string (name + strlen (VASTUS_RULE_DEFAULT_SET_PREFIX),
                                          condition);
}

static const char *read_rules_sql =
  "SELECT name, number_value, text_value FROM clinic_rule ORDER BY name";

VastusClinicRulebook *
vastus_database_read_clinic_rules (VastusDatabase  *self,
                                   GError         **error)
{
  g_autoptr(VastusClinicRulebook) book = vastus_clinic_rulebook_new ();
  g_autoptr(VastusStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (VASTUS_IS_DATABASE (self), NULL);

  stmt = _vastus_database_prepare (self, read_rules_sql, error);
  if (stmt == NULL)
    return NULL;
  while ((rc = _vastus_step (stmt)) == VASTUS_ROW)
    {
      const char *name = _vastus_column_peek (stmt, 0);
      gint64 number = _vastus_column_int64 (stmt, 1);
      VastusCondition condition;

      book->stored = TRUE;
      /* The table's checks keep each value within its rule's limits. */
      if (g_str_equal (name, VASTUS_RULE_PAIN_FLAG_LEVEL))
        book->rules.pain_limit = number;
      else if (g_str_equal (name, VASTUS_RULE_MAXIMAL_TEST_WEEKS))
        book->rules.maximal_test_weeks = number;
      else if (g_str_equal (name, VASTUS_RULE_STALE_WEEKS))
        book->rules.max_age_weeks = number;
      else if (g_str_equal (name, VASTUS_RULE_RETEST_WEEKS))
        book->retest_weeks = number;
      else if (default_set_condition (name, &condition))
        {
          g_clear_pointer (&book->default_sets[condition], g_free);
          if (!_vastus_column_is_null (stmt, 2) && _vastus_column_peek (stmt, 2)[0] != '\0')
            book->default_sets[condition] = _vastus_column_text (stmt, 2);
        }
    }
  if (rc != VASTUS_DONE)
    {
      _vastus_database_set_error (self, error, rc, _("Could not read the clinic’s rules"));
      return NULL;
    }
  return g_steal_pointer (&book);
}

static const char *set_rule_sql =
  "INSERT INTO clinic_rule (name, number_value, text_value) VALUES (?1, ?2, ?3) "
  "ON CONFLICT (name) DO UPDATE SET number_value = excluded.number_value, "
  "text_value = excluded.text_value, saved_at = excluded.saved_at";

static const char *find_set_sql =
  "SELECT count (*) FROM criteria_set WHERE id = ?1";

/* Checks @value for rule @name: *@number is the number of a numeric rule, else −1. */
static gboolean
check_rule (VastusDatabase  *self,
            const char      *name,
            const char      *value,
            gint64          *number,
            GError         **error)
{
  g_autofree char *shown = vastus_text_excerpt (value);
  g_autofree char *shown_name = vastus_text_excerpt (name);
  VastusCondition condition;
  int min, max;

  *number = -1;
  if (vastus_clinic_rule_limits (name, &min, &max))
    {
      if (!g_ascii_string_to_signed (value, 10, min, max, number, NULL))
        {
          g_set_error (error, VASTUS_STORE_ERROR, VASTUS_STORE_ERROR_CONSTRAINT,
                       /* Translators: a clinic's rule ("stale-weeks") cannot take a value;
                        * the last two are its limits. */
                       _("The rule “%s” cannot be “%s”: it must be a whole number from %d to %d"),
                       name, shown, min, max);
          return FALSE;
        }
      return TRUE;
    }
  if (!default_set_condition (name, &condition))
    {
      g_set_error (error, VASTUS_STORE_ERROR, VASTUS_STORE_ERROR_CONSTRAINT,
                   /* Translators: %s is the rule's name as typed; the names in brackets are
                    * typed as they are and stay in English (CONDITION stands for a condition's
                    * code) */
                   _("“%s” is no rule of the clinic (pain-flag-level, maximal-test-weeks, "
                     "stale-weeks, retest-weeks, default-criteria-set:CONDITION)"),
                   shown_name);
      return FALSE;
    }
  if (value[0] != '\0')
    {
      g_autoptr(VastusStmt) stmt = _vastus_database_prepare (self, find_set_sql, error);
      int rc;

      if (stmt == NULL)
        return FALSE;
      _vastus_bind_text (stmt, 1, value);
      rc = _vastus_step (stmt);
      if (rc != VASTUS_ROW)
        {
          _vastus_database_set_error (self, error, rc, _("Could not read the criteria sets"));
          return FALSE;
        }
      if (_vastus_column_int64 (stmt, 0) == 0)
        {
          g_set_error (error, VASTUS_STORE_ERROR, VASTUS_STORE_ERROR_CONSTRAINT,
                       /* Translators: the rule's name, then the id given for it. */
                       _("The rule “%s” cannot be “%s”: the clinic has no criteria set of that "
                         "id (see vastus-cli criteria)"),
                       name, shown);
          return FALSE;
        }
    }
  return TRUE;
}

static const char *adopt_rule_sql =
  "INSERT INTO clinic_rule (name, number_value, text_value) VALUES (?1, ?2, ?3) "
  "ON CONFLICT (name) DO NOTHING";

/* Writes the rules in one transaction: over what is stored, or (@only_absent) only where the
 * clinic has no value yet, skipping a value refused there; *@n_written how many were written. */
static gboolean
write_rules (VastusDatabase      *self,
             guint                n_rules,
             const char * const  *names,
             const char * const  *values,
             gboolean             only_absent,
             guint               *n_written,
             GError             **error)
{
  gboolean ok = TRUE;

  *n_written = 0;
  if (!_vastus_database_write_begin (self, error))
    return FALSE;
  for (guint i = 0; ok && i < n_rules; i++)
    {
      g_autoptr(VastusStmt) stmt = NULL;
      g_autoptr(GError) refused = NULL;
      gint64 number;

      g_return_val_if_fail (names[i] != NULL && values[i] != NULL,
                            _vastus_database_write_end (self, FALSE, NULL));
      if (!check_rule (self, names[i], values[i], &number, &refused))
        {
          /* Adopting, a value this clinic cannot take (a set it does not have) is left out. */
          if (only_absent && g_error_matches (refused, VASTUS_STORE_ERROR,
                                              VASTUS_STORE_ERROR_CONSTRAINT))
            {
              g_message ("Not adopted: %s", refused->message);
              continue;
            }
          g_propagate_error (error, g_steal_pointer (&refused));
          ok = FALSE;
          break;
        }
      ok = (stmt = _vastus_database_prepare (self, only_absent ? adopt_rule_sql : set_rule_sql,
                                             error)) != NULL;
      if (ok)
        {
          _vastus_bind_text (stmt, 1, names[i]);
          if (number >= 0)
            {
              _vastus_bind_int64 (stmt, 2, number);
              _vastus_bind_null (stmt, 3);
            }
          else
            {
              _vastus_bind_null (stmt, 2);
              _vastus_bind_text (stmt, 3, values[i]);
            }
          ok = _vastus_database_step_done (self, stmt, _("Could not save the clinic’s rules"),
                                           error);
          if (ok)
            *n_written += (guint) _vastus_conn_changes (_vastus_database_get_conn (self));
        }
    }
  return _vastus_database_write_end (self, ok, error);
}

gboolean
vastus_database_set_clinic_rules (VastusDatabase      *self,
                                  guint                n_rules,
                                  const char * const  *names,
                                  const char * const  *values,
                                  GError             **error)
{
  guint n_written;

  g_return_val_if_fail (VASTUS_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (n_rules == 0 || (names != NULL && values != NULL), FALSE);

  return write_rules (self, n_rules, names, values, FALSE, &n_written, error);
}

gboolean
vastus_database_adopt_clinic_rules (VastusDatabase      *self,
                                    guint                n_rules,
                                    const char * const  *names,
                                    const char * const  *values,
                                    guint               *n_adopted,
                                    GError             **error)
{
  guint n_written;

  g_return_val_if_fail (VASTUS_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (n_rules == 0 || (names != NULL && values != NULL), FALSE);

  if (!write_rules (self, n_rules, names, values, TRUE, &n_written, error))
    return FALSE;
  if (n_adopted != NULL)
    *n_adopted = n_written;
  return TRUE;
}
