/* vastus-pg-dialect.c: the one place the stores' SQL (SQLite's spelling, vastus-conn.h) becomes
 * PostgreSQL's, when a statement is prepared
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A table of rewrites, applied in order, each tested on its own (tests/test-pg-dialect.c). Where
 * a spelling both engines understand exists, the store uses it instead (coalesce, an alias for
 * every subquery in FROM), so that this file only holds what SQLite alone spells so.
 */
#define G_LOG_DOMAIN "vastus-database"

#include "config.h"

#include <string.h>

#include "vastus-pg-conn.h"

/* Fragments written the same way by every store. */
static const struct
{
  const char *sqlite;
  const char *postgresql;
} fragments[] = {
  /* The schema's function writes the same text as SQLite's strftime (013-baseline.sql). */
  { VASTUS_SQL_NOW, "vastus_now ()" },
  /* The actor of a soft delete or a setting is the server login, as in the audit trail. */
  { "vastus_actor ()", "session_user" },
  /* SQLite's CROSS JOIN … ON fixes its join order; PostgreSQL has no CROSS JOIN with ON, and
   * plans the order itself. */
  { "CROSS JOIN", "JOIN" },
  /* LIMIT -1 is SQLite's "no limit". */
  { "LIMIT -1", "LIMIT ALL" },
};

/* Tables whose id is an identity (013-baseline.sql): an INSERT into one returns the new id. */
static const char *const identity_tables[] = {
  "patient", "episode", "visit", "measurement", "evaluation", "report", "visit_draft",
  "questionnaire", "schema_upgrade_note", "import_profile", "visit_template",
};

/* The key INSERT OR REPLACE replaces on, per table (its primary key or unique index). */
static const struct
{
  const char *table;
  const char *key;
} replace_keys[] = {
  { "patient_name_review", "patient_id" },
  { "visit_draft", "episode_id, coalesce (visit_id, 0)" },
  { "questionnaire_mic", "measure" },
  { "clinic_pin", "id" },
};

static gboolean
is_word_char (char c)
{
  return g_ascii_isalnum (c) || c == '_' || c == '.';
}

static void
replace_fragments (GString *sql)
{
  for (guint i = 0; i < G_N_ELEMENTS (fragments); i++)
    g_string_replace (sql, fragments[i].sqlite, fragments[i].postgresql, 0);
}

/* x COLLATE NOCASE → lower (x COLLATE "C"): ASCII case folding on both engines (the index
 * patient_by_family_name is on that expression). */
static void
rewrite_nocase (GString *sql)
{
  static const char needle[] = " " VASTUS_SQL_NOCASE;
  char *at;

  while ((at = strstr (sql->str, needle)) != NULL)
    {
      gsize end = at - sql->str;
      gsize start = end;
      g_autofree char *operand = NULL;
      g_autofree char *lowered = NULL;

      while (start > 0 && is_word_char (sql->str[start - 1]))
        start--;
      operand = g_strndup (sql->str + start, end - start);
      lowered = g_strdup_printf ("lower (%s COLLATE \"C\")", operand);
      g_string_erase (sql, start, end - start + strlen (needle));
      g_string_insert (sql, start, lowered);
    }
}

/* The table and column list of "INSERT [OR …] INTO table (a, b, …)" at @p; the end of the
 * list, or NULL. */
static const char *
parse_insert (const char *p,
              char      **table,
              char     ***columns)
{
  const char *open, *close, *name;

  p = strstr (p, "INTO ");
  if (p == NULL)
    return NULL;
  name = p + 5;
  open = strchr (name, '(');
  close = open != NULL ? strchr (open, ')') : NULL;
  if (close == NULL)
    return NULL;
  *table = g_strstrip (g_strndup (name, open - name));
  if (columns != NULL)
    {
      g_autofree char *list = g_strndup (open + 1, close - open - 1);

      *columns = g_strsplit (list, ",", -1);
      for (char **c = *columns; *c != NULL; c++)
        g_strstrip (*c);
    }
  return close + 1;
}

/* INSERT OR IGNORE … → INSERT … ON CONFLICT DO NOTHING. */
static void
rewrite_or_ignore (GString *sql)
{
  if (!g_str_has_prefix (sql->str, "INSERT OR IGNORE "))
    return;
  g_string_erase (sql, strlen ("INSERT "), strlen ("OR IGNORE "));
  g_string_append (sql, " ON CONFLICT DO NOTHING");
}

/* INSERT OR REPLACE INTO t (a, b) … → INSERT INTO t (a, b) … ON CONFLICT (key) DO UPDATE SET
 * each column not in the key = excluded's. */
static void
rewrite_or_replace (GString *sql)
{
  g_autofree char *table = NULL;
  g_auto(GStrv) columns = NULL;
  const char *key = NULL;
  gboolean first = TRUE;

  if (!g_str_has_prefix (sql->str, "INSERT OR REPLACE ")
      || parse_insert (sql->str, &table, &columns) == NULL)
    return;
  for (guint i = 0; i < G_N_ELEMENTS (replace_keys); i++)
    if (g_str_equal (replace_keys[i].table, table))
      key = replace_keys[i].key;
  if (key == NULL)
    {
      g_critical ("INSERT OR REPLACE into %s: the PostgreSQL dialect knows no key for it", table);
      return;
    }
  g_string_erase (sql, strlen ("INSERT "), strlen ("OR REPLACE "));
  g_string_append_printf (sql, " ON CONFLICT (%s) DO UPDATE SET ", key);
  for (char **c = columns; *c != NULL; c++)
    {
      g_auto(GStrv) keys = g_strsplit (key, ", ", -1);

      if (g_strv_contains ((const char * const *) keys, *c))
        continue;
      g_string_append_printf (sql, "%s%s = excluded.%s", first ? "" : ", ", *c, *c);
      first = FALSE;
    }
}

static gboolean
is_identity_table (const char *table)
{
  for (guint i = 0; i < G_N_ELEMENTS (identity_tables); i++)
    if (g_str_equal (identity_tables[i], table))
      return TRUE;
  return FALSE;
}

/* INSERT INTO t (id, …) VALUES (?1, …): SQLite gives a NULL id the next number; PostgreSQL
 * refuses NULL in an identity column. ?1 becomes coalesce (?1, the identity's next value). */
static void
rewrite_null_id (GString *sql)
{
  static const char values[] = " VALUES (?1,";
  g_autofree char *table = NULL;
  g_auto(GStrv) columns = NULL;
  const char *end, *at;
  g_autofree char *replacement = NULL;
  gsize offset;

  if (!g_str_has_prefix (sql->str, "INSERT INTO ")
      || (end = parse_insert (sql->str, &table, &columns)) == NULL
      || columns[0] == NULL || !g_str_equal (columns[0], "id") || !is_identity_table (table)
      || (at = strstr (end, values)) == NULL)
    return;
  replacement = g_strdup_printf (" VALUES (coalesce (?1, nextval (pg_get_serial_sequence ('%s', "
                                 "'id'))),", table);
  offset = at - sql->str;
  g_string_erase (sql, offset, strlen (values));
  g_string_insert (sql, offset, replacement);
}

/* LIMIT ?N with −1 bound for "no limit": LIMIT NULL is PostgreSQL's. */
static void
rewrite_limit (GString *sql)
{
  const char *at = sql->str;

  while ((at = strstr (at, "LIMIT ?")) != NULL)
    {
      gsize start = at - sql->str + strlen ("LIMIT ");
      gsize end = start + 1;
      g_autofree char *param = NULL;
      g_autofree char *replacement = NULL;

      while (g_ascii_isdigit (sql->str[end]))
        end++;
      param = g_strndup (sql->str + start, end - start);
      replacement = g_strdup_printf ("nullif (%s::bigint, -1)", param);
      g_string_erase (sql, start, end - start);
      g_string_insert (sql, start, replacement);
      at = sql->str + start + strlen (replacement);
    }
}

/* LEFT JOIN json_each (x) a WHERE … → LEFT JOIN LATERAL json_array_elements_text (x::json)
 * WITH ORDINALITY AS a (value, key) ON TRUE WHERE …: the elements of a JSON array in order
 * (key counts from 1 here, from 0 in SQLite: only its order is used). */
static void
rewrite_json_each (GString *sql)
{
  static const char needle[] = "JOIN json_each (";
  char *at = strstr (sql->str, needle);
  const char *close, *alias, *alias_end;
  g_autofree char *argument = NULL;
  g_autofree char *name = NULL;
  g_autofree char *replacement = NULL;

  if (at == NULL || (close = strchr (at + strlen (needle), ')')) == NULL)
    return;
  argument = g_strndup (at + strlen (needle), close - at - strlen (needle));
  alias = close + 1;
  while (*alias == ' ')
    alias++;
  alias_end = alias;
  while (is_word_char (*alias_end))
    alias_end++;
  name = g_strndup (alias, alias_end - alias);
  replacement = g_strdup_printf ("JOIN LATERAL json_array_elements_text ((%s)::json) "
                                 "WITH ORDINALITY AS %s (value, key) ON TRUE", argument, name);
  {
    gsize start = at - sql->str;

    g_string_erase (sql, start, alias_end - at);
    g_string_insert (sql, start, replacement);
  }
}

/* An INSERT into an identity table answers its new id (for _vastus_conn_last_insert_id). */
static void
add_returning_id (GString  *sql,
                  gboolean *returning_id)
{
  g_autofree char *table = NULL;

  *returning_id = FALSE;
  if (!g_str_has_prefix (sql->str, "INSERT INTO ") || strstr (sql->str, "RETURNING") != NULL
      || parse_insert (sql->str, &table, NULL) == NULL || !is_identity_table (table))
    return;
  g_string_append (sql, " RETURNING id");
  *returning_id = TRUE;
}

/* A closing VASTUS_SQL_STORAGE_ORDER ("ORDER BY m.rowid"), which PostgreSQL has no column for:
 * dropped, the table read as it lies. */
static void
rewrite_storage_order (GString *sql)
{
  static const char order_by[] = " ORDER BY ";
  static const char rowid[] = ".rowid";
  const char *at = g_strrstr (sql->str, order_by);
  const char *alias;

  if (at == NULL || !g_str_has_suffix (sql->str, rowid))
    return;
  alias = at + strlen (order_by);
  for (const char *c = alias; c < sql->str + sql->len - strlen (rowid); c++)
    if (!g_ascii_isalnum (*c) && *c != '_')
      return;
  if (alias == sql->str + sql->len - strlen (rowid))
    return;
  g_string_truncate (sql, at - sql->str);
}

char *
_vastus_pg_dialect_rewrite (const char *sql,
                            gboolean   *returning_id)
{
  GString *out = g_string_new (sql);
  g_autofree char *placeholders = NULL;

  replace_fragments (out);
  rewrite_nocase (out);
  rewrite_or_ignore (out);
  rewrite_or_replace (out);
  rewrite_null_id (out);
  rewrite_limit (out);
  rewrite_json_each (out);
  rewrite_storage_order (out);
  add_returning_id (out, returning_id);
  placeholders = _vastus_conn_rewrite_placeholders (out->str);
  g_string_free (out, TRUE);
  return g_steal_pointer (&placeholders);
}
