/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The functions the schema's triggers call, registered on every connection: the actor and the
 * application's version for the audit trail, the audit chain's hash, a number as JSON that reads
 * back the same, the patients' search words, and names split into family and given names.
 */
#define G_LOG_DOMAIN "vastus-schema"

#include "config.h"

#include <math.h>
#include <string.h>

#include "vastus-sqlite-private.h"
#include "vastus-name.h"

static void
actor_func (sqlite3_context *context,
            int              argc,
            sqlite3_value  **argv)
{
  VastusDatabase *owner = sqlite3_user_data (context);
  const char *actor = owner != NULL ? vastus_database_get_actor (owner) : g_get_user_name ();

  sqlite3_result_text (context, actor, -1, SQLITE_TRANSIENT);
}

static void
app_version_func (sqlite3_context *context,
                  int              argc,
                  sqlite3_value  **argv)
{
  sqlite3_result_text (context, PACKAGE_VERSION, -1, SQLITE_STATIC);
}

char *
_vastus_search_fold (const char *text)
{
  g_autofree char *valid = g_utf8_make_valid (text != NULL ? text : "", -1);
  g_autofree char *decomposed = g_utf8_normalize (valid, -1, G_NORMALIZE_NFKD);
  g_autoptr(GString) bare = g_string_new (NULL);

  for (const char *p = decomposed; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      switch (g_unichar_type (c))
        {
        case G_UNICODE_NON_SPACING_MARK:
        case G_UNICODE_SPACING_MARK:
        case G_UNICODE_ENCLOSING_MARK:
          break;
        default:
          g_string_append_unichar (bare, c);
        }
    }
  return g_utf8_casefold (bare->str, -1);
}

static void
json_append_string (GString    *json,
                    const char *text)
{
  if (json->len > 1)
    g_string_append_c (json, ',');
  g_string_append_c (json, '"');
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '"' || *p == '\\')
        g_string_append_printf (json, "\\%c", *p);
      else if ((guchar) *p < 0x20)
        g_string_append_printf (json, "\\u%04x", (guint) (guchar) *p);
      else
        g_string_append_c (json, *p);
    }
  g_string_append_c (json, '"');
}

/* vastus_search_words (name, mrn): a JSON array of the search keys of a patient. */
static void
search_words_func (sqlite3_context *context,
                   int              argc,
                   sqlite3_value  **argv)
{
  g_autofree char *name = _vastus_search_fold ((const char *) sqlite3_value_text (argv[0]));
  g_autofree char *mrn = _vastus_search_fold ((const char *) sqlite3_value_text (argv[1]));
  g_auto(GStrv) tokens = g_strsplit_set (name, " \t\r\n", -1);
  g_autoptr(GString) json = g_string_new ("[");

  for (guint i = 0; tokens[i] != NULL; i++)
    {
      if (tokens[i][0] == '\0')
        continue;
      json_append_string (json, tokens[i]);
      if (strpbrk (tokens[i], "-'") != NULL)
        {
          g_auto(GStrv) parts = g_strsplit_set (tokens[i], "-'", -1);

          for (guint j = 0; parts[j] != NULL; j++)
            if (parts[j][0] != '\0')
              json_append_string (json, parts[j]);
        }
    }
  g_strstrip (mrn);
  if (mrn[0] != '\0')
    json_append_string (json, mrn);
  g_string_append_c (json, ']');
  sqlite3_result_text (context, json->str, (int) json->len, SQLITE_TRANSIENT);
}

/* vastus_real_json (x): a number as JSON text that reads back as the same double (json_object
 * alone keeps 15 significant digits: 13.344664845781498 became 13.3446648457815). The shortest
 * of 15, 16 and 17 digits that round-trips; NULL for NULL. The triggers wrap it in json (). */
static void
real_json_func (sqlite3_context *context,
                int              argc,
                sqlite3_value  **argv)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  double value;

  switch (sqlite3_value_type (argv[0]))
    {
    case SQLITE_NULL:
      sqlite3_result_null (context);
      return;
    case SQLITE_INTEGER:
      sqlite3_result_int64 (context, sqlite3_value_int64 (argv[0]));
      return;
    default:
      break;
    }
  value = sqlite3_value_double (argv[0]);
  if (!isfinite (value))
    {
      sqlite3_result_null (context);
      return;
    }
  for (int digits = 15; digits <= 17; digits++)
    {
      char format[8];

      g_snprintf (format, sizeof format, "%%.%dg", digits);
      g_ascii_formatd (buf, sizeof buf, format, value);
      if (g_ascii_strtod (buf, NULL) == value)
        break;
    }
  /* A real stays a real in JSON, as json_object writes it: 155.0, not 155. */
  if (strpbrk (buf, ".e") == NULL)
    g_strlcat (buf, ".0", sizeof buf);
  sqlite3_result_text (context, buf, -1, SQLITE_TRANSIENT);
}

/* vastus_audit_hash (prev, id, at, actor, table_name, row_id, operation, old_json, new_json,
 * app_version): the seal of an audit row (vastus-audit-store.c). */
static void
audit_hash_func (sqlite3_context *context,
                 int              argc,
                 sqlite3_value  **argv)
{
  char hex[VASTUS_AUDIT_HASH_LEN + 1];

  _vastus_audit_hash ((const char *) sqlite3_value_text (argv[0]), argv + 1, argc - 1, hex);
  sqlite3_result_text (context, hex, VASTUS_AUDIT_HASH_LEN, SQLITE_TRANSIENT);
}

/* vastus_name_family (name), vastus_name_given (name), vastus_name_guess (name): a name written in
 * one field split by vastus_name_split (the migration to family and given names). */
static void
name_split_func (sqlite3_context *context,
                 int              argc,
                 sqlite3_value  **argv)
{
  int part = GPOINTER_TO_INT (sqlite3_user_data (context));
  g_autofree char *family = NULL;
  g_autofree char *given = NULL;
  const char *guess = vastus_name_split ((const char *) sqlite3_value_text (argv[0]), &family, &given);
  const char *result = part == 0 ? family : part == 1 ? given : guess;

  if (result != NULL)
    sqlite3_result_text (context, result, -1, SQLITE_TRANSIENT);
  else
    sqlite3_result_null (context);
}

int
_vastus_database_register_functions (sqlite3        *db,
                                     VastusDatabase *owner)
{
  static const char * const name_functions[] = { "vastus_name_family", "vastus_name_given", "vastus_name_guess" };
  const int pure = SQLITE_UTF8 | SQLITE_INNOCUOUS | SQLITE_DETERMINISTIC;
  int rc;

  rc = sqlite3_create_function (db, "vastus_actor", 0, SQLITE_UTF8 | SQLITE_INNOCUOUS,
                                owner, actor_func, NULL, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_create_function (db, "vastus_app_version", 0, pure, NULL, app_version_func,
                                  NULL, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_create_function (db, "vastus_search_words", 2, pure, NULL, search_words_func,
                                  NULL, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_create_function (db, "vastus_real_json", 1, pure, NULL, real_json_func,
                                  NULL, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_create_function (db, "vastus_audit_hash", 10, pure, NULL, audit_hash_func,
                                  NULL, NULL);
  for (guint i = 0; rc == SQLITE_OK && i < G_N_ELEMENTS (name_functions); i++)
    rc = sqlite3_create_function (db, name_functions[i], 1, pure, GINT_TO_POINTER (i),
                                  name_split_func, NULL, NULL);
  return rc;
}
