/* vastus-copy.c: the whole clinic from SQLite to PostgreSQL and back, and its content hash
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Both read the tables and their columns from the SQLite side's catalogue (a copy has one; the
 * hash of a server's database asks a new SQLite database in memory for them): the schema test
 * (tests/test-pg-schema.py) holds the two engines' tables and columns equal, so that one list
 * serves both. A copy writes every row with its id through the connection interface, with the
 * target's triggers off (_vastus_conn_bulk_load): the audit rows, their seals and the head come
 * as they were, and no trigger adds rows of its own.
 */
#define G_LOG_DOMAIN "vastus-database"

#include "config.h"

#include "vastus-i18n.h"
#include <errno.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "vastus-copy-private.h"
#include "vastus-database-private.h"

#define DIGEST_LEN 32

/* Tables whose audit rows name SQLite's implicit row number, which PostgreSQL keeps in a
 * column of that name (src/storage/postgresql/sql/README.md, "Representation differences"). */
static const char *const rowid_tables[] = { "criteria_set" };

typedef struct
{
  char      *name;
  GPtrArray *columns;   /* char*, in the schema's order */
  GString   *kinds;     /* one per column: 'I' integer, 'R' real, 'T' anything else (text) */
  GPtrArray *depends;   /* char*: the tables its foreign keys name */
  /* Statements, kept while a connection's cache may hold them (keyed by these addresses). */
  char      *select_sql;
  char      *insert_sql;
  char      *delete_sql;
} CopyTable;

static void
copy_table_free (CopyTable *table)
{
  g_free (table->name);
  g_ptr_array_unref (table->columns);
  g_string_free (table->kinds, TRUE);
  g_ptr_array_unref (table->depends);
  g_free (table->select_sql);
  g_free (table->insert_sql);
  g_free (table->delete_sql);
  g_free (table);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CopyTable, copy_table_free)

static char
kind_of (const char *type)
{
  if (type != NULL && g_ascii_strcasecmp (type, "INTEGER") == 0)
    return 'I';
  if (type != NULL && g_ascii_strcasecmp (type, "REAL") == 0)
    return 'R';
  return 'T';
}

static void
build_statements (CopyTable *table)
{
  g_autoptr(GString) columns = g_string_new (NULL);
  g_autoptr(GString) values = g_string_new (NULL);

  for (guint i = 0; i < table->columns->len; i++)
    {
      g_string_append_printf (columns, "%s\"%s\"", i > 0 ? ", " : "",
                              (const char *) table->columns->pdata[i]);
      g_string_append_printf (values, "%s?%u", i > 0 ? ", " : "", i + 1);
    }
  table->select_sql = g_strdup_printf ("SELECT %s FROM \"%s\"", columns->str, table->name);
  table->insert_sql = g_strdup_printf ("INSERT INTO \"%s\" (%s) VALUES (%s)", table->name,
                                       columns->str, values->str);
  table->delete_sql = g_strdup_printf ("DELETE FROM \"%s\"", table->name);
}

static gboolean
read_columns (VastusDatabase *db,
              CopyTable      *table,
              GError        **error)
{
  g_autoptr(VastusStmt) stmt = NULL;
  g_autoptr(VastusStmt) keys = NULL;
  int rc;

  stmt = _vastus_database_prepare (db, "SELECT name, type FROM pragma_table_info (?1) "
                                       "ORDER BY cid", error);
  if (stmt == NULL)
    return FALSE;
  _vastus_bind_text (stmt, 1, table->name);
  while ((rc = _vastus_step (stmt)) == VASTUS_ROW)
    {
      g_ptr_array_add (table->columns, _vastus_column_text (stmt, 0));
      g_string_append_c (table->kinds, kind_of (_vastus_column_peek (stmt, 1)));
    }
  if (rc != VASTUS_DONE)
    {
      _vastus_database_set_error (db, error, rc, _("Could not read the database's tables"));
      return FALSE;
    }
  for (guint i = 0; i < G_N_ELEMENTS (rowid_tables); i++)
    if (g_str_equal (table->name, rowid_tables[i]))
      {
        g_ptr_array_add (table->columns, g_strdup ("rowid"));
        g_string_append_c (table->kinds, 'I');
      }

  keys = _vastus_database_prepare (db, "SELECT DISTINCT \"table\" FROM pragma_foreign_key_list (?1)",
                                   error);
  if (keys == NULL)
    return FALSE;
  _vastus_bind_text (keys, 1, table->name);
  while ((rc = _vastus_step (keys)) == VASTUS_ROW)
    g_ptr_array_add (table->depends, _vastus_column_text (keys, 0));
  if (rc != VASTUS_DONE)
    {
      _vastus_database_set_error (db, error, rc, _("Could not read the database's tables"));
      return FALSE;
    }
  build_statements (table);
  return TRUE;
}

static gboolean
placed (GPtrArray  *order,
        const char *name)
{
  for (guint i = 0; i < order->len; i++)
    if (g_str_equal (((CopyTable *) order->pdata[i])->name, name))
      return TRUE;
  return FALSE;
}

/* Every table of the SQLite database @db's schema, each after the tables its foreign keys name. */
static GPtrArray *
read_tables (VastusDatabase *db,
             GError        **error)
{
  g_autoptr(GPtrArray) tables = g_ptr_array_new_with_free_func ((GDestroyNotify) copy_table_free);
  g_autoptr(GPtrArray) order = g_ptr_array_new_with_free_func ((GDestroyNotify) copy_table_free);
  g_autoptr(VastusStmt) stmt = NULL;
  int rc;

  stmt = _vastus_database_prepare (db, "SELECT name FROM sqlite_schema WHERE type = 'table' "
                                       "AND name NOT LIKE 'sqlite%' ORDER BY name", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = _vastus_step (stmt)) == VASTUS_ROW)
    {
      CopyTable *table = g_new0 (CopyTable, 1);

      table->name = _vastus_column_text (stmt, 0);
      table->columns = g_ptr_array_new_with_free_func (g_free);
      table->kinds = g_string_new (NULL);
      table->depends = g_ptr_array_new_with_free_func (g_free);
      g_ptr_array_add (tables, table);
    }
  g_clear_pointer (&stmt, _vastus_stmt_release);
  if (rc != VASTUS_DONE)
    {
      _vastus_database_set_error (db, error, rc, _("Could not read the database's tables"));
      return NULL;
    }
  for (guint i = 0; i < tables->len; i++)
    if (!read_columns (db, tables->pdata[i], error))
      return NULL;

  /* Each pass places the tables whose references are placed (a table may name itself). */
  while (tables->len > 0)
    {
      guint before = tables->len;

      for (guint i = 0; i < tables->len;)
        {
          CopyTable *table = tables->pdata[i];
          gboolean ready = TRUE;

          for (guint j = 0; j < table->depends->len && ready; j++)
            ready = g_str_equal (table->depends->pdata[j], table->name)
                    || placed (order, table->depends->pdata[j]);
          if (ready)
            g_ptr_array_add (order, g_ptr_array_steal_index (tables, i));
          else
            i++;
        }
      if (tables->len == before)
        {
          g_set_error (error, VASTUS_STORE_ERROR, VASTUS_STORE_ERROR_FAILED,
                       /* Translators: a table's name */
                       _("Could not order the tables for a copy: the references of %s go round "
                         "in a circle"), ((CopyTable *) tables->pdata[0])->name);
          return NULL;
        }
    }
  return g_steal_pointer (&order);
}

/* The tables from a SQLite database in memory of this version, for a server's database. */
static GPtrArray *
read_latest_tables (GError **error)
{
  g_autoptr(VastusDatabase) schema = vastus_database_open (":memory:", error);

  return schema != NULL ? read_tables (schema, error) : NULL;
}

/* What a server's check compares with */

GPtrArray *
_vastus_database_expected_tables (GPtrArray **triggers,
                                  GError    **error)
{
  g_autoptr(VastusDatabase) schema = vastus_database_open (":memory:", error);
  g_autoptr(GPtrArray) tables = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autoptr(VastusStmt) stmt = NULL;
  int rc;

  if (schema == NULL || (tables = read_tables (schema, error)) == NULL)
    return NULL;
  for (guint i = 0; i < tables->len; i++)
    {
      CopyTable *table = tables->pdata[i];
      GStrvBuilder *builder = g_strv_builder_new ();

      g_strv_builder_add (builder, table->name);
      for (guint j = 0; j < table->columns->len; j++)
        g_strv_builder_add (builder, table->columns->pdata[j]);
      g_ptr_array_add (out, g_strv_builder_end (builder));
      g_strv_builder_unref (builder);
    }
  stmt = _vastus_database_prepare (schema, "SELECT name FROM sqlite_schema WHERE type = 'trigger' "
                                           "ORDER BY name", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = _vastus_step (stmt)) == VASTUS_ROW)
    g_ptr_array_add (names, _vastus_column_text (stmt, 0));
  if (rc != VASTUS_DONE)
    {
      _vastus_database_set_error (schema, error, rc, _("Could not read the database's tables"));
      return NULL;
    }
  g_clear_pointer (&stmt, _vastus_stmt_release);
  _vastus_conn_clear_cache (schema->conn);
  *triggers = g_steal_pointer (&names);
  return g_steal_pointer (&out);
}

/* The content hash */

void
_vastus_checksum_text (GChecksum  *sum,
                       const char *text,
                       gsize       length)
{
  guint64 le = GUINT64_TO_LE ((guint64) length);

  g_checksum_update (sum, (const guchar *) "T", 1);
  g_checksum_update (sum, (const guchar *) &le, sizeof le);
  if (length > 0)
    g_checksum_update (sum, (const guchar *) text, length);
}

void
_vastus_audit_head_problem (GPtrArray  *problems,
                            gboolean    found,
                            gint64      head_id,
                            const char *head_hash,
                            gint64      last_id,
                            const char *last_at,
                            const char *last_hash)
{
  if (!found)
    g_ptr_array_add (problems, g_strdup (_("Audit trail: its head (the record of the last entry "
                                           "written) is missing")));
  else if (head_id > last_id)
    g_ptr_array_add (problems,
                     /* Translators: the first two %lld are the first and last removed entry's
                      * numbers, the third the last entry there is, %s the time it was written */
                     g_strdup_printf (_("Audit trail: entries %lld to %lld were removed (the "
                                        "trail ends at entry %lld of %s)"),
                                      (long long) last_id + 1, (long long) head_id,
                                      (long long) last_id, last_at != NULL ? last_at : "–"));
  else if (head_id < last_id || g_strcmp0 (head_hash, last_hash) != 0)
    g_ptr_array_add (problems,
                     /* Translators: %lld is the entry's number, %s the time it was written */
                     g_strdup_printf (_("Audit trail: entry %lld of %s is not the last one "
                                        "Vastus wrote"), (long long) last_id,
                                      last_at != NULL ? last_at : "–"));
}

void
_vastus_add_listed_problem (GPtrArray *problems,
                            guint     *n,
                            guint      max,
                            char      *problem)
{
  if ((*n)++ < max)
    g_ptr_array_add (problems, problem);
  else
    g_free (problem);
}

void
_vastus_checksum_column (GChecksum  *sum,
                         VastusStmt *stmt,
                         int         column,
                         char        kind)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE + 2];

  if (_vastus_column_is_null (stmt, column))
    g_checksum_update (sum, (const guchar *) "N", 1);
  else if (kind == 'I')
    {
      g_snprintf (buf, sizeof buf, "I%" G_GINT64_FORMAT ";", _vastus_column_int64 (stmt, column));
      g_checksum_update (sum, (const guchar *) buf, -1);
    }
  else if (kind == 'R')
    {
      g_checksum_update (sum, (const guchar *) "F", 1);
      g_ascii_formatd (buf, sizeof buf, "%.17g", _vastus_column_double (stmt, column));
      g_checksum_update (sum, (const guchar *) buf, -1);
      g_checksum_update (sum, (const guchar *) ";", 1);
    }
  else
    {
      const char *text = _vastus_column_peek (stmt, column);

      _vastus_checksum_text (sum, text, strlen (text));
    }
}

/* One row's digest: each value with its type and length, as the audit chain seals a row. */
static void
hash_row (CopyTable  *table,
          VastusStmt *stmt,
          guint8     *digest)
{
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  gsize length = DIGEST_LEN;

  for (guint i = 0; i < table->columns->len; i++)
    _vastus_checksum_column (sum, stmt, (int) i, table->kinds->str[i]);
  g_checksum_get_digest (sum, digest, &length);
}

static int
compare_digests (gconstpointer a,
                 gconstpointer b)
{
  return memcmp (a, b, DIGEST_LEN);
}

/* Adds @table's rows to @sum: its name, how many rows, their digests in sorted order. */
static gboolean
hash_table (VastusDatabase *db,
            CopyTable      *table,
            GChecksum      *sum,
            gint64         *n_rows,
            GError        **error)
{
  g_autoptr(GArray) digests = g_array_new (FALSE, FALSE, DIGEST_LEN);
  g_autoptr(VastusStmt) stmt = _vastus_database_prepare (db, table->select_sql, error);
  guint64 le;
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = _vastus_step (stmt)) == VASTUS_ROW)
    {
      guint8 digest[DIGEST_LEN];

      hash_row (table, stmt, digest);
      g_array_append_vals (digests, digest, 1);
    }
  if (rc != VASTUS_DONE)
    {
      /* Translators: a table's name */
      g_autofree char *what = g_strdup_printf (_("Could not read the table %s"), table->name);

      _vastus_database_set_error (db, error, rc, what);
      return FALSE;
    }
  g_array_sort (digests, compare_digests);
  _vastus_checksum_text (sum, table->name, strlen (table->name));
  le = GUINT64_TO_LE ((guint64) digests->len);
  g_checksum_update (sum, (const guchar *) &le, sizeof le);
  g_checksum_update (sum, (const guchar *) digests->data, (gsize) digests->len * DIGEST_LEN);
  *n_rows = digests->len;
  return TRUE;
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp ((*(CopyTable *const *) a)->name, (*(CopyTable *const *) b)->name);
}

/* @tables in any order (hashed by name). */
static gboolean
hash_tables (VastusDatabase    *db,
             GPtrArray         *tables,
             VastusContentHash *out,
             GError           **error)
{
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autoptr(GPtrArray) by_name = g_ptr_array_sized_new (tables->len);
  gboolean owned = FALSE, ok = TRUE;

  /* Not g_ptr_array_copy: it would free the tables too. */
  for (guint i = 0; i < tables->len; i++)
    g_ptr_array_add (by_name, tables->pdata[i]);
  g_ptr_array_sort (by_name, compare_names);
  memset (out, 0, sizeof *out);
  if (!_vastus_database_read_begin (db, &owned, error))
    return FALSE;
  g_checksum_update (sum, (const guchar *) "vastus-content-1", -1);
  for (guint i = 0; i < by_name->len && ok; i++)
    {
      CopyTable *table = by_name->pdata[i];
      gint64 n = 0;

      ok = hash_table (db, table, sum, &n, error);
      out->n_rows += n;
      if (g_str_equal (table->name, "patient"))
        out->n_patients = n;
      else if (g_str_equal (table->name, "audit_log"))
        out->n_audit = n;
    }
  _vastus_database_read_end (db, owned);
  if (ok)
    g_strlcpy (out->hash, g_checksum_get_string (sum), sizeof out->hash);
  return ok;
}

gboolean
vastus_database_content_hash (VastusDatabase    *self,
                              VastusContentHash *out,
                              GError           **error)
{
  g_autoptr(GPtrArray) tables = NULL;
  gboolean ok;

  g_return_val_if_fail (VASTUS_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  tables = self->db != NULL ? read_tables (self, error) : read_latest_tables (error);
  if (tables == NULL)
    return FALSE;
  ok = hash_tables (self, tables, out, error);
  /* The cache holds the statements by the addresses of the tables' SQL, freed now. */
  _vastus_conn_clear_cache (self->conn);
  return ok;
}

/* The copy */

static gboolean
copy_table (VastusDatabase *source,
            VastusDatabase *target,
            CopyTable      *table,
            GError        **error)
{
  g_autoptr(VastusStmt) read = _vastus_database_prepare (source, table->select_sql, error);
  g_autoptr(VastusStmt) write = NULL;
  /* Translators: a table's name */
  g_autofree char *what = g_strdup_printf (_("Could not copy the table %s"), table->name);
  int rc;

  if (read == NULL || (write = _vastus_database_prepare (target, table->insert_sql, error)) == NULL)
    return FALSE;
  while ((rc = _vastus_step (read)) == VASTUS_ROW)
    {
      for (guint i = 0; i < table->columns->len; i++)
        {
          int index = (int) i + 1;

          if (_vastus_column_is_null (read, i))
            _vastus_bind_null (write, index);
          else if (table->kinds->str[i] == 'I')
            _vastus_bind_int64 (write, index, _vastus_column_int64 (read, i));
          else if (table->kinds->str[i] == 'R')
            _vastus_bind_double (write, index, _vastus_column_double (read, i));
          else
            _vastus_bind_text (write, index, _vastus_column_peek (read, i));
        }
      rc = _vastus_step (write);
      _vastus_stmt_release (write);
      if (rc != VASTUS_DONE)
        {
          _vastus_database_set_error (target, error, rc, what);
          return FALSE;
        }
    }
  if (rc != VASTUS_DONE)
    {
      _vastus_database_set_error (source, error, rc, what);
      return FALSE;
    }
  return TRUE;
}

/* Inside the target's transaction: its own rows out (a new database's built-in ones), the
 * source's in, the hashes compared. */
static gboolean
copy_rows (VastusDatabase    *source,
           VastusDatabase    *target,
           GPtrArray         *tables,
           VastusContentHash *copied,
           GError           **error)
{
  VastusContentHash from, to;
  int rc;

  rc = _vastus_conn_bulk_load (target->conn, TRUE);
  if (rc != VASTUS_DONE)
    {
      _vastus_database_set_error (target, error, rc, _("Could not prepare the target for a copy"));
      return FALSE;
    }
  for (guint i = tables->len; i > 0; i--)
    {
      CopyTable *table = tables->pdata[i - 1];
      g_autoptr(VastusStmt) stmt = _vastus_database_prepare (target, table->delete_sql, error);

      if (stmt == NULL
          || !_vastus_database_step_done (target, stmt, _("Could not empty the target"), error))
        return FALSE;
    }
  for (guint i = 0; i < tables->len; i++)
    if (!copy_table (source, target, tables->pdata[i], error))
      return FALSE;
  rc = _vastus_conn_bulk_load (target->conn, FALSE);
  if (rc != VASTUS_DONE)
    {
      _vastus_database_set_error (target, error, rc, _("Could not finish the copy"));
      return FALSE;
    }
  if (!hash_tables (source, tables, &from, error) || !hash_tables (target, tables, &to, error))
    return FALSE;
  if (!g_str_equal (from.hash, to.hash) || from.n_rows != to.n_rows)
    {
      g_set_error (error, VASTUS_STORE_ERROR, VASTUS_STORE_ERROR_FAILED,
                   /* Translators: two content hashes (hexadecimal), then numbers of rows */
                   _("The copy differs from its source (content hash %s, the source's %s; rows: "
                     "%lld, the source's: %lld): nothing was copied"),
                   to.hash, from.hash, (long long) to.n_rows, (long long) from.n_rows);
      return FALSE;
    }
  if (copied != NULL)
    *copied = to;
  return TRUE;
}

/* A server's target must hold nothing: no patient, no audit entry (server init writes none). */
static gboolean
check_empty (VastusDatabase *target,
             GError        **error)
{
  g_autoptr(VastusStmt) stmt = _vastus_database_prepare (
    target, "SELECT (SELECT count (*) FROM patient), (SELECT count (*) FROM audit_log)", error);
  gint64 n_patients, n_audit;
  int rc;

  if (stmt == NULL)
    return FALSE;
  rc = _vastus_step (stmt);
  if (rc != VASTUS_ROW)
    {
      _vastus_database_set_error (target, error, rc, _("Could not read the target"));
      return FALSE;
    }
  n_patients = _vastus_column_int64 (stmt, 0);
  n_audit = _vastus_column_int64 (stmt, 1);
  if (n_patients == 0 && n_audit == 0)
    return TRUE;
  g_set_error (error, VASTUS_STORE_ERROR, VASTUS_STORE_ERROR_NOT_EMPTY,
               /* Translators: the database's address, a number of patients, a number of audit entries */
               _("The database at %s is not empty (patients: %lld, audit entries: %lld): a copy "
                 "goes only into a database that “server init” made and nothing was written to"),
               vastus_database_get_path (target), (long long) n_patients, (long long) n_audit);
  return FALSE;
}

static gboolean
copy_between (VastusDatabase    *source,
              VastusDatabase    *target,
              VastusContentHash *copied,
              GError           **error)
{
  g_autoptr(GPtrArray) tables = NULL;
  gboolean ok, owned = FALSE;
  int rc;

  if (vastus_database_get_schema_version (source) != vastus_database_get_schema_version (target))
    {
      g_set_error (error, VASTUS_STORE_ERROR, VASTUS_STORE_ERROR_SCHEMA,
                   /* Translators: two schema versions */
                   _("The source has schema version %d and the target %d: both must be this "
                     "Vastus's"), vastus_database_get_schema_version (source),
                   vastus_database_get_schema_version (target));
      return FALSE;
    }
  tables = read_tables (source->db != NULL ? source : target, error);
  if (tables == NULL)
    return FALSE;
  if (!_vastus_database_read_begin (source, &owned, error))
    return FALSE;
  rc = _vastus_conn_transaction (target->conn, VASTUS_TX_BEGIN_WRITE);
  ok = rc == VASTUS_DONE;
  if (!ok)
    _vastus_database_set_error (target, error, rc, _("Could not start writing the copy"));
  ok = ok && copy_rows (source, target, tables, copied, error);
  if (ok)
    {
      rc = _vastus_conn_transaction (target->conn, VASTUS_TX_COMMIT);
      if (rc != VASTUS_DONE)
        {
          _vastus_database_set_error (target, error, rc, _("Could not save the copy"));
          ok = FALSE;
        }
    }
  if (!ok && _vastus_conn_in_transaction (target->conn))
    _vastus_conn_transaction (target->conn, VASTUS_TX_ROLLBACK);
  _vastus_database_read_end (source, owned);
  /* The cached statements are keyed by the addresses of the tables' SQL, freed now. */
  _vastus_conn_clear_cache (source->conn);
  _vastus_conn_clear_cache (target->conn);
  return ok;
}

/* Into a new file: built in a private folder beside @target, linked in when whole. */
gboolean
_vastus_database_copy_to_file (VastusDatabase    *source,
                               const char        *target,
                               VastusContentHash *copied,
                               GError           **error)
{
  g_autofree char *folder = g_path_get_dirname (target);
  g_autofree char *work = g_build_filename (folder, ".vastus-copy-XXXXXX", NULL);
  g_autofree char *path = NULL;
  g_autoptr(VastusDatabase) fresh = NULL;
  gboolean ok;
  int saved_errno;

  if (g_file_test (target, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, VASTUS_STORE_ERROR, VASTUS_STORE_ERROR_NOT_EMPTY,
                   /* Translators: a file's path */
                   _("%s exists already: a copy from a server writes a new file"), target);
      return FALSE;
    }
  if (g_mkdtemp_full (work, 0700) == NULL)
    {
      saved_errno = errno;
      g_set_error (error, VASTUS_STORE_ERROR, VASTUS_STORE_ERROR_OPEN,
                   /* Translators: a folder's path, then the system's reason */
                   _("Could not create the folder %s: %s"), folder, g_strerror (saved_errno));
      return FALSE;
    }
  path = g_build_filename (work, "vastus.db", NULL);
  fresh = vastus_database_open (path, error);
  ok = fresh != NULL && copy_between (source, fresh, copied, error);
  g_clear_object (&fresh);
  if (ok && link (path, target) != 0)
    {
      saved_errno = errno;
      g_set_error (error, VASTUS_STORE_ERROR,
                   saved_errno == EEXIST ? VASTUS_STORE_ERROR_NOT_EMPTY : VASTUS_STORE_ERROR_OPEN,
                   /* Translators: a file's path, then the system's reason */
                   _("Could not create the database file %s: %s"), target, g_strerror (saved_errno));
      ok = FALSE;
    }
  /* What SQLite may leave beside the file, then the file and the folder. */
  for (const char *const *suffix = (const char *const[]) { "-wal", "-shm", "-journal", "", NULL };
       *suffix != NULL; suffix++)
    {
      g_autofree char *file = g_strconcat (path, *suffix, NULL);

      g_unlink (file);
    }
  g_rmdir (work);
  return ok;
}

gboolean
vastus_database_copy (const char        *source,
                      const char        *target,
                      VastusContentHash *copied,
                      GError           **error)
{
  g_autoptr(VastusDatabase) from = NULL;
  g_autoptr(VastusDatabase) to = NULL;

  g_return_val_if_fail (source != NULL && target != NULL, FALSE);

  if (vastus_database_is_server_uri (source) == vastus_database_is_server_uri (target))
    {
      g_set_error_literal (error, VASTUS_STORE_ERROR, VASTUS_STORE_ERROR_FAILED,
                           _("A copy goes from a file to a server (postgresql://…) or from a "
                             "server to a new file"));
      return FALSE;
    }
  from = vastus_database_open_full (source, VASTUS_DATABASE_OPEN_EXISTING, NULL, error);
  if (from == NULL)
    return FALSE;
  if (!vastus_database_is_server_uri (target))
    return _vastus_database_copy_to_file (from, target, copied, error);
  to = vastus_database_open_full (target, VASTUS_DATABASE_OPEN_EXISTING, NULL, error);
  return to != NULL && check_empty (to, error) && copy_between (from, to, copied, error);
}
