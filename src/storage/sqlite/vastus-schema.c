/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The schema: the migrations (sql/NNN-*.sql), and the schema each version must have, against
 * which every file is compared before it is trusted (the functions its triggers call are in
 * vastus-schema-functions.c).
 *
 * The expected schema of version N is what migrations 1 … N create in an empty database: it is
 * built once per process in memory, by the same runner that upgrades files. So a new migration
 * needs nothing else; what it must do is make an upgraded file equal a new one (the migration
 * tests compare them).
 */
#define G_LOG_DOMAIN "vastus-schema"

#include "config.h"

#include "vastus-i18n.h"
#include <string.h>

#include "vastus-backup-private.h"
#include "vastus-sqlite-private.h"

#define MIGRATIONS_PATH RESOURCE_PREFIX "/storage/sql/"

/* Migrations */

typedef struct
{
  int   version;
  char *resource;
} Migration;

static void
migration_clear (Migration *migration)
{
  g_free (migration->resource);
}

static int
compare_migrations (gconstpointer a,
                    gconstpointer b)
{
  return ((const Migration *) a)->version - ((const Migration *) b)->version;
}

/* The scripts sql/NNN-name.sql in the resource, in order, numbered 1, 2, 3 … without gaps. */
static GArray *
list_migrations (GError **error)
{
  g_autoptr(GArray) migrations = g_array_new (FALSE, FALSE, sizeof (Migration));
  g_auto(GStrv) names = NULL;

  g_array_set_clear_func (migrations, (GDestroyNotify) migration_clear);
  names = g_resources_enumerate_children (MIGRATIONS_PATH, G_RESOURCE_LOOKUP_FLAGS_NONE, error);
  if (names == NULL)
    return NULL;

  for (guint i = 0; names[i] != NULL; i++)
    {
      const char *name = names[i];
      char *end = NULL;
      guint64 version;
      Migration m;

      if (!g_str_has_suffix (name, ".sql"))
        continue;
      version = g_ascii_strtoull (name, &end, 10);
      if (end == name || *end != '-' || version == 0 || version > 9999)
        {
          g_set_error (error, VASTUS_STORE_ERROR, VASTUS_STORE_ERROR_SCHEMA,
                       /* Translators: a file name */
                       _("Migration script “%s” is not named NNN-name.sql"), name);
          return NULL;
        }
      m.version = (int) version;
      m.resource = g_strconcat (MIGRATIONS_PATH, name, NULL);
      g_array_append_val (migrations, m);
    }
  g_array_sort (migrations, compare_migrations);
  for (guint i = 0; i < migrations->len; i++)
    if (g_array_index (migrations, Migration, i).version != (int) i + 1)
      {
        g_set_error (error, VASTUS_STORE_ERROR, VASTUS_STORE_ERROR_SCHEMA,
                     /* Translators: the number of scripts */
                     _("Migration scripts are not numbered 1 to %u without gaps or duplicates"),
                     migrations->len);
        return NULL;
      }
  if (migrations->len == 0)
    {
      g_set_error_literal (error, VASTUS_STORE_ERROR, VASTUS_STORE_ERROR_SCHEMA,
                           _("No migration scripts in the resource"));
      return NULL;
    }
  return g_steal_pointer (&migrations);
}

int
vastus_database_get_latest_schema_version (void)
{
  static gsize latest = 0;

  if (g_once_init_enter (&latest))
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GArray) migrations = list_migrations (&error);

      if (migrations == NULL)
        g_error ("The database schema is missing from the program: %s", error->message);
      g_once_init_leave (&latest, (gsize) migrations->len);
    }
  return (int) latest;
}

static gboolean
has_table (sqlite3    *db,
           const char *name)
{
  sqlite3_stmt *stmt = NULL;
  gboolean found = FALSE;

  if (sqlite3_prepare_v2 (db, "SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?1",
                          -1, &stmt, NULL) == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
      found = sqlite3_step (stmt) == SQLITE_ROW;
    }
  sqlite3_finalize (stmt);
  return found;
}

/* Runs one script and records its version (PRAGMA user_version, and the copy in schema_info
 * from the version that added it on), in one transaction. */
static gboolean
apply_migration (sqlite3         *db,
                 const char      *path,
                 const Migration *migration,
                 GError         **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *script = NULL;
  g_autofree char *version_sql = NULL;
  g_autofree char *what = NULL;
  g_autoptr(GError) local_error = NULL;
  char *message = NULL;
  int rc;

  bytes = g_resources_lookup_data (migration->resource, G_RESOURCE_LOOKUP_FLAGS_NONE,
                                   &local_error);
  if (bytes == NULL)
    {
      g_set_error (error, VASTUS_STORE_ERROR, VASTUS_STORE_ERROR_SCHEMA,
                   /* Translators: a file's path, then the system's reason */
                   _("Could not read %s: %s"), migration->resource, local_error->message);
      return FALSE;
    }
  script = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  /* PRAGMA arguments cannot be bound; both are integers of ours. */
  version_sql = g_strdup_printf ("PRAGMA user_version = %d; PRAGMA application_id = %d;",
                                 migration->version, VASTUS_APPLICATION_ID);
  /* Translators: the database's path, a version number, then the upgrade script's name */
  what = g_strdup_printf (_("Could not upgrade %s to schema version %d (%s)"),
                          path, migration->version, migration->resource);

  rc = sqlite3_exec (db, "BEGIN IMMEDIATE", NULL, NULL, &message);
  if (rc == SQLITE_OK)
    rc = sqlite3_exec (db, script, NULL, NULL, &message);
  if (rc == SQLITE_OK)
    rc = sqlite3_exec (db, version_sql, NULL, NULL, &message);
  if (rc == SQLITE_OK && has_table (db, "schema_info"))
    {
      g_autofree char *info_sql =
        g_strdup_printf ("INSERT OR REPLACE INTO schema_info (id, version) VALUES (1, %d)",
                         migration->version);

      rc = sqlite3_exec (db, info_sql, NULL, NULL, &message);
    }
  if (rc == SQLITE_OK)
    rc = sqlite3_exec (db, "COMMIT", NULL, NULL, &message);
  if (rc != SQLITE_OK)
    {
      int code = _vastus_store_code_from_sqlite (rc);

      /* A failing script is a schema error unless the cause was the disk or a lock. */
      if (code != VASTUS_STORE_ERROR_NO_SPACE && code != VASTUS_STORE_ERROR_BUSY
          && code != VASTUS_STORE_ERROR_READ_ONLY && code != VASTUS_STORE_ERROR_NO_MEMORY)
        code = VASTUS_STORE_ERROR_SCHEMA;
      /* Translators: what was being done, the database engine's reason, its error number */
      g_set_error (error, VASTUS_STORE_ERROR, code, _("%s: %s (SQLite error %d)"),
                   what, message != NULL ? message : sqlite3_errmsg (db), rc);
      sqlite3_free (message);
      if (!sqlite3_get_autocommit (db))
        sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
      return FALSE;
    }
  return TRUE;
}

/* What the upgrades from @from_version wrote to schema_upgrade_note (008-one-visit-a-day.sql). */
static void
read_upgrade_notes (VastusDatabase *self,
                    int             from_version)
{
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (self->db, "SELECT message FROM schema_upgrade_note "
                          "WHERE schema_version > ?1 ORDER BY id", -1, &stmt, NULL) != SQLITE_OK)
    return;  /* no such table before version 8 */
  sqlite3_bind_int (stmt, 1, from_version);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (self->upgrade_notes, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);
}

gboolean
_vastus_schema_migrate (VastusDatabase *self,
                        GError        **error)
{
  g_autoptr(GArray) migrations = list_migrations (error);
  int from_version = self->schema_version;
  gboolean ok = TRUE;

  if (migrations == NULL)
    return FALSE;
  if (self->schema_version >= 1 && self->schema_version < (int) migrations->len && !self->trial
      && !_vastus_backup_before_migration (self->db, self->path, self->schema_version, error))
    return FALSE;
  for (guint i = 0; i < migrations->len; i++)
    {
      const Migration *m = &g_array_index (migrations, Migration, i);

      if (m->version <= self->schema_version)
        continue;
      if (self->read_only || sqlite3_db_readonly (self->db, "main") == 1)
        {
          g_set_error (error, VASTUS_STORE_ERROR, VASTUS_STORE_ERROR_READ_ONLY,
                       /* Translators: the database file's path, then a version number */
                       _("%s needs an upgrade to schema version %d, but it is read-only"),
                       self->path, m->version);
          return FALSE;
        }
      if (!(ok = apply_migration (self->db, self->path, m, error)))
        break;
      self->schema_version = m->version;
    }
  if (from_version >= 1 && self->schema_version > from_version)
    read_upgrade_notes (self, from_version);
  return ok;
}

/* The expected schema */

typedef struct
{
  char  *type;
  char  *name;
  char  *table;
  char  *sql;
  char **columns;     /* tables: one "name type notnull default pk hidden" line per column */
} SchemaObject;

static void
schema_object_free (SchemaObject *object)
{
  g_free (object->type);
  g_free (object->name);
  g_free (object->table);
  g_free (object->sql);
  g_strfreev (object->columns);
  g_free (object);
}

static int
compare_objects (gconstpointer a,
                 gconstpointer b)
{
  const SchemaObject *oa = *(SchemaObject *const *) a, *ob = *(SchemaObject *const *) b;
  int c = g_strcmp0 (oa->type, ob->type);

  return c != 0 ? c : g_strcmp0 (oa->name, ob->name);
}

static char **
read_columns (sqlite3    *db,
              const char *table)
{
  g_autoptr(GStrvBuilder) lines = g_strv_builder_new ();
  sqlite3_stmt *stmt = NULL;

  /* The name is bound as a table-valued function argument: no quoting needed. */
  if (sqlite3_prepare_v2 (db, "SELECT name, type, \"notnull\", dflt_value, pk, hidden "
                              "FROM pragma_table_xinfo (?1) ORDER BY cid", -1, &stmt,
                          NULL) == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, table, -1, SQLITE_STATIC);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          const char *dflt = (const char *) sqlite3_column_text (stmt, 3);
          g_autofree char *line = g_strdup_printf ("%s %s %d %s %d %d",
                                                   sqlite3_column_text (stmt, 0),
                                                   sqlite3_column_text (stmt, 1),
                                                   sqlite3_column_int (stmt, 2),
                                                   dflt != NULL ? dflt : "-",
                                                   sqlite3_column_int (stmt, 4),
                                                   sqlite3_column_int (stmt, 5));

          g_strv_builder_add (lines, line);
        }
    }
  sqlite3_finalize (stmt);
  return g_strv_builder_end (lines);
}

/* Everything in sqlite_schema but what SQLite keeps for itself: the indexes behind UNIQUE and
 * PRIMARY KEY constraints (their table's definition says what they are), sqlite_sequence and
 * ANALYZE's statistics. Anything else named sqlite_… can only have been written past SQLite's
 * own checks, and is compared like the rest. NULL when sqlite_schema cannot be read. */
static GPtrArray *
read_objects (sqlite3  *db,
              gboolean  with_columns,
              int      *rc_out)
{
  g_autoptr(GPtrArray) objects = g_ptr_array_new_with_free_func ((GDestroyNotify) schema_object_free);
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (db, "SELECT type, name, tbl_name, sql FROM main.sqlite_schema "
                                   "WHERE NOT (type = 'index' AND sql IS NULL "
                                   "           AND name GLOB 'sqlite_autoindex_*') "
                                   "  AND NOT (type = 'table' AND name IN ('sqlite_sequence', "
                                   "           'sqlite_stat1', 'sqlite_stat2', 'sqlite_stat3', "
                                   "           'sqlite_stat4'))", -1, &stmt, NULL);

  while (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      SchemaObject *object = g_new0 (SchemaObject, 1);

      object->type = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      object->name = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      object->table = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      object->sql = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      g_ptr_array_add (objects, object);
      rc = SQLITE_OK;
    }
  sqlite3_finalize (stmt);
  if (rc_out != NULL)
    *rc_out = rc;
  if (rc != SQLITE_DONE)
    return NULL;
  for (guint i = 0; with_columns && i < objects->len; i++)
    {
      SchemaObject *object = objects->pdata[i];

      if (g_strcmp0 (object->type, "table") == 0)
        object->columns = read_columns (db, object->name);
    }
  g_ptr_array_sort (objects, compare_objects);
  return g_steal_pointer (&objects);
}

/* Of GPtrArray* (of SchemaObject*), index version − 1: built once, kept for the process. Out of
 * memory, an error (NO_MEMORY), and built again next time. */
static GPtrArray *
build_expected (GError **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GArray) migrations = list_migrations (&local_error);
  g_autoptr(GPtrArray) versions = NULL;
  sqlite3 *db = NULL;
  int rc;

  if (migrations == NULL)
    g_error ("The database schema is missing from the program: %s", local_error->message);
  rc = sqlite3_open_v2 (":memory:", &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
  if (rc == SQLITE_OK)
    _vastus_database_watch (db);
  if (rc == SQLITE_OK)
    rc = _vastus_database_register_functions (db, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_exec (db, "PRAGMA foreign_keys = ON", NULL, NULL, NULL);
  versions = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  for (guint i = 0; rc == SQLITE_OK && i < migrations->len; i++)
    {
      GPtrArray *objects;

      if (!apply_migration (db, ":memory:", &g_array_index (migrations, Migration, i), error))
        {
          sqlite3_close (db);
          return NULL;
        }
      objects = read_objects (db, TRUE, &rc);
      if (objects != NULL)
        {
          g_ptr_array_add (versions, objects);
          rc = SQLITE_OK;
        }
    }
  if (rc != SQLITE_OK)
    {
      g_set_error (error, VASTUS_STORE_ERROR, _vastus_store_code_from_sqlite (rc),
                   /* Translators: the database engine's reason, its error number */
                   _("Could not build the schema to compare with: %s (SQLite error %d)"),
                   db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc), rc);
      sqlite3_close (db);
      return NULL;
    }
  sqlite3_close (db);
  return g_steal_pointer (&versions);
}

/* The schema @version must have, or NULL with @error (out of memory). */
static GPtrArray *
expected_objects (int      version,
                  GError **error)
{
  static GPtrArray *versions;
  G_LOCK_DEFINE_STATIC (versions);
  GPtrArray *built;

  G_LOCK (versions);
  if (versions == NULL)
    versions = build_expected (error);
  built = versions;
  G_UNLOCK (versions);
  if (built == NULL)
    return NULL;
  g_return_val_if_fail (version >= 1 && version <= (int) built->len, NULL);
  return built->pdata[version - 1];
}

static const SchemaObject *
find_object (GPtrArray  *objects,
             const char *type,
             const char *name)
{
  for (guint i = 0; i < objects->len; i++)
    {
      const SchemaObject *object = objects->pdata[i];

      if (g_strcmp0 (object->type, type) == 0 && g_strcmp0 (object->name, name) == 0)
        return object;
    }
  return NULL;
}

/* "trigger “measurement_purge” on measurement", "table “visit”" */
static char *
describe (const SchemaObject *object)
{
  if (g_strcmp0 (object->type, "trigger") == 0 || g_strcmp0 (object->type, "index") == 0)
    /* Translators: the first %s is an SQL keyword kept in English (trigger, index), the
     * second its name, the third the table it belongs to */
    return g_strdup_printf (_("%s “%s” on %s"), object->type, object->name, object->table);
  /* Translators: %s is an SQL keyword kept in English (table, view), then its name */
  return g_strdup_printf (_("%s “%s”"), object->type, object->name);
}

/* The column lines' names: up to the first space. */
static gboolean
has_column (char       **lines,
            const char  *line,
            gboolean     same_declaration)
{
  gsize name_length = strcspn (line, " ");

  for (guint i = 0; lines != NULL && lines[i] != NULL; i++)
    if (strncmp (lines[i], line, name_length) == 0 && lines[i][name_length] == ' ')
      return !same_declaration || g_str_equal (lines[i], line);
  return FALSE;
}

/* How a table of the file (open on @db) differs from the expected one, as a phrase. */
static char *
describe_table_change (sqlite3            *db,
                       SchemaObject       *found,
                       const SchemaObject *expected)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);

  /* Read only now: opening compares the definitions alone. */
  if (found->columns == NULL)
    found->columns = read_columns (db, found->name);

  for (guint i = 0; found->columns != NULL && found->columns[i] != NULL; i++)
    {
      g_autofree char *name = g_strndup (found->columns[i], strcspn (found->columns[i], " "));

      if (!has_column (expected->columns, found->columns[i], FALSE))
        /* Translators: how a table differs from the expected schema, in “table patients differs
         * from schema version 19: column “x” is not part of it”; %s is a column's name, it is
         * the table */
        g_ptr_array_add (parts, g_strdup_printf (_("column “%s” is not part of it"), name));
      else if (!has_column (expected->columns, found->columns[i], TRUE))
        /* Translators: how a table differs from the expected schema; %s is a column's name */
        g_ptr_array_add (parts, g_strdup_printf (_("column “%s” is declared differently"), name));
    }
  for (guint i = 0; expected->columns != NULL && expected->columns[i] != NULL; i++)
    if (!has_column (found->columns, expected->columns[i], FALSE))
      {
        g_autofree char *name = g_strndup (expected->columns[i], strcspn (expected->columns[i], " "));

        /* Translators: how a table differs from the expected schema; %s is a column's name */
        g_ptr_array_add (parts, g_strdup_printf (_("column “%s” is missing"), name));
      }
  if (parts->len == 0)
    /* Translators: how a table differs, in "table audit_log differs from schema version 19: its
     * constraints differ" */
    return g_strdup (_("its constraints differ"));
  g_ptr_array_add (parts, NULL);
  return g_strjoinv ("; ", (char **) parts->pdata);
}

/* One line per object added, missing or changed in @found (read from @db) against @version's
 * schema. */
static gboolean
compare_objects_with (sqlite3   *db,
                      GPtrArray *found,
                      int        version,
                      GPtrArray *differences,
                      GError   **error)
{
  GPtrArray *expected = expected_objects (version, error);

  if (expected == NULL)
    return FALSE;

  for (guint i = 0; i < found->len; i++)
    {
      SchemaObject *object = found->pdata[i];
      const SchemaObject *want = find_object (expected, object->type, object->name);
      g_autofree char *what = describe (object);

      if (want == NULL)
        g_ptr_array_add (differences,
                         /* Translators: %s names a part of the database (a table, index, trigger
                          * or view), %d the schema version */
                         g_strdup_printf (_("%s is not part of schema version %d"), what, version));
      else if (g_strcmp0 (object->sql, want->sql) != 0)
        {
          g_autofree char *how = g_strcmp0 (object->type, "table") == 0
                                 ? describe_table_change (db, object, want)
                                 /* Translators: how an index, trigger or view differs, in "…
                                  * differs from schema version 19: its definition differs" */
                                 : g_strdup (_("its definition differs"));

          g_ptr_array_add (differences,
                           /* Translators: the first %s names a part of the database (a table,
                            * index, trigger or view), %d the schema version, the second %s how
                            * it differs */
                           g_strdup_printf (_("%s differs from schema version %d: %s"),
                                            what, version, how));
        }
    }
  for (guint i = 0; i < expected->len; i++)
    {
      const SchemaObject *want = expected->pdata[i];

      if (find_object (found, want->type, want->name) == NULL)
        {
          g_autofree char *what = describe (want);

          g_ptr_array_add (differences,
                           /* Translators: %s names a part of the database (a table, index,
                            * trigger or view), %d the schema version */
                           g_strdup_printf (_("%s of schema version %d is missing"), what, version));
        }
    }
  return TRUE;
}

/* The known version whose schema @found (read from @db) is exactly, else 0; −1 on an error. */
static int
matching_version (sqlite3   *db,
                  GPtrArray *found,
                  GError   **error)
{
  for (int v = vastus_database_get_latest_schema_version (); v >= 1; v--)
    {
      g_autoptr(GPtrArray) differences = g_ptr_array_new_with_free_func (g_free);

      if (!compare_objects_with (db, found, v, differences, error))
        return -1;
      if (differences->len == 0)
        return v;
    }
  return 0;
}

gboolean
_vastus_schema_compare (sqlite3    *db,
                        const char *path,
                        int         version,
                        GPtrArray  *differences,
                        GError    **error)
{
  g_autoptr(GPtrArray) found = NULL;
  int rc = SQLITE_OK;

  g_return_val_if_fail (version >= 1 && version <= vastus_database_get_latest_schema_version (),
                        FALSE);

  found = read_objects (db, FALSE, &rc);
  if (found == NULL)
    {
      _vastus_store_set_read_error (error, db, path, rc);
      return FALSE;
    }
  return compare_objects_with (db, found, version, differences, error);
}

/* Identity */

static gboolean
query_int (sqlite3    *db,
           const char *sql,
           gint64     *out,
           int        *rc_out)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);

  *out = 0;
  if (rc == SQLITE_OK)
    {
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          *out = sqlite3_column_int64 (stmt, 0);
          rc = SQLITE_OK;
        }
      else if (rc == SQLITE_DONE)
        rc = SQLITE_OK;
    }
  *rc_out = rc;
  sqlite3_finalize (stmt);
  return rc == SQLITE_OK;
}

/* Joins the first differences for a message: "a; b; c; and 4 more". */
static char *
summarize (GPtrArray *differences)
{
  g_autoptr(GString) text = g_string_new (NULL);
  guint shown = MIN (differences->len, 3);

  for (guint i = 0; i < shown; i++)
    g_string_append_printf (text, i > 0 ? "; %s" : "%s", (const char *) differences->pdata[i]);
  if (differences->len > shown)
    /* Translators: the end of a list of schema differences, “a; b; c; and 4 more differences”:
     * keep the leading “; ”; %u is how many are not listed */
    g_string_append_printf (text, ngettext ("; and %u more difference",
                                               "; and %u more differences",
                                               differences->len - shown),
                            differences->len - shown);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

gboolean
_vastus_schema_identify (sqlite3     *db,
                         const char  *path,
                         int         *version_out,
                         GPtrArray   *differences,
                         GError     **error)
{
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GPtrArray) local = g_ptr_array_new_with_free_func (g_free);
  int latest = vastus_database_get_latest_schema_version ();
  gint64 app_id = 0, version = 0, n_objects = 0, recorded = -1;
  int rc = SQLITE_OK, known;

  if (!query_int (db, "PRAGMA application_id", &app_id, &rc)
      || !query_int (db, "PRAGMA user_version", &version, &rc)
      || !query_int (db, "SELECT count (*) FROM sqlite_schema", &n_objects, &rc))
    {
      _vastus_store_set_read_error (error, db, path, rc);
      return FALSE;
    }
  if (app_id == 0 && n_objects == 0)
    {
      g_set_error (error, VASTUS_STORE_ERROR, VASTUS_STORE_ERROR_NOT_VASTUS,
                   /* Translators: %s is the database file's path */
                   _("%s is an empty SQLite database, not a Vastus database"), path);
      return FALSE;
    }
  if (app_id == 0)
    {
      g_set_error (error, VASTUS_STORE_ERROR, VASTUS_STORE_ERROR_NOT_VASTUS,
                   /* Translators: %s is the database file's path */
                   _("%s is a database of another program (it holds tables but is not marked "
                     "as a Vastus database)"), path);
      return FALSE;
    }
  if (app_id != VASTUS_APPLICATION_ID)
    {
      g_set_error (error, VASTUS_STORE_ERROR, VASTUS_STORE_ERROR_NOT_VASTUS,
                   /* Translators: %s is the database file, the number its application id in
                    * hexadecimal */
                   _("%s is a database of another program (application id 0x%08llx), not a "
                     "Vastus database"), path, (unsigned long long) (guint32) app_id);
      return FALSE;
    }

  found = read_objects (db, FALSE, &rc);
  if (found == NULL)
    {
      _vastus_store_set_read_error (error, db, path, rc);
      return FALSE;
    }
  /* From the version that added schema_info on, the migration runner writes the version there
   * too: one flipped bit in the file header then disagrees with it. */
  if (find_object (found, "table", "schema_info") != NULL
      && !query_int (db, "SELECT ifnull ((SELECT version FROM schema_info WHERE id = 1), 0)",
                     &recorded, &rc))
    {
      _vastus_store_set_read_error (error, db, path, rc);
      return FALSE;
    }

  if (version > latest && recorded == version)
    {
      g_set_error (error, VASTUS_STORE_ERROR, VASTUS_STORE_ERROR_NEWER,
                   /* Translators: %s is the database file, %lld its schema version, %d the
                    * newest version this Vastus knows */
                   _("%s was written by a newer version of Vastus (schema version %lld; this "
                     "version knows up to %d)"), path, (long long) version, latest);
      return FALSE;
    }
  if (version < 1)
    {
      g_set_error (error, VASTUS_STORE_ERROR, VASTUS_STORE_ERROR_DAMAGED,
                   /* Translators: %s is the database file's path */
                   _("%s is marked as a Vastus database but has no schema version"), path);
      return FALSE;
    }
  if (version <= latest && !compare_objects_with (db, found, (int) version, local, error))
    return FALSE;
  if (version > latest || local->len > 0 || (recorded >= 0 && recorded != version))
    {
      known = matching_version (db, found, error);
      if (known < 0)
        return FALSE;
      if (known > 0 && known != version)
        {
          g_set_error (error, VASTUS_STORE_ERROR, VASTUS_STORE_ERROR_DAMAGED,
                       /* Translators: %s is the database file, %lld the version its header says,
                        * %d the version its schema is */
                       _("%s is damaged: its header says schema version %lld, but its schema "
                         "is that of version %d"), path, (long long) version, known);
          return FALSE;
        }
      if (version > latest || (recorded >= 0 && recorded != version))
        {
          g_set_error (error, VASTUS_STORE_ERROR, VASTUS_STORE_ERROR_DAMAGED,
                       /* Translators: %s is the database file, the first %lld the version its
                        * header says, the second the version the file records */
                       _("%s is damaged: its header says schema version %lld, but the file "
                         "records version %lld and its schema is none that Vastus knows"),
                       path, (long long) version, (long long) MAX (recorded, 0));
          return FALSE;
        }
    }
  if (local->len > 0)
    {
      if (differences == NULL)
        {
          g_autofree char *summary = summarize (local);

          g_set_error (error, VASTUS_STORE_ERROR, VASTUS_STORE_ERROR_DAMAGED,
                       /* Translators: the first %s is the database file, the second what differs */
                       _("%s was changed outside Vastus: %s"), path, summary);
          return FALSE;
        }
      g_ptr_array_extend_and_steal (differences, g_steal_pointer (&local));
    }
  if (version_out != NULL)
    *version_out = (int) version;
  return TRUE;
}

void
_vastus_database_prepare_failed (VastusDatabase *self,
                                 int             rc,
                                 GError        **error)
{
  g_autofree char *message = NULL;
  g_autoptr(GPtrArray) differences = g_ptr_array_new_with_free_func (g_free);

  /* Another engine's connection says why itself. */
  if (self->db == NULL)
    {
      _vastus_conn_set_error (self->conn, error, rc, _("Could not prepare a query"));
      return;
    }
  message = g_strdup (sqlite3_errmsg (self->db));

  /* "no such column" and the like: damage when the schema is not the one this version must
   * have (a flipped byte in sqlite_schema: test-fault-corrupt); otherwise the query itself is
   * wrong, which is a failure, not damage. */
  if (rc == SQLITE_ERROR && self->schema_version >= 1
      && self->schema_version <= vastus_database_get_latest_schema_version ())
    {
      if (!_vastus_schema_compare (self->db, self->path, self->schema_version, differences,
                                   error))
        return;
      if (differences->len > 0)
        {
          g_set_error (error, VASTUS_STORE_ERROR, VASTUS_STORE_ERROR_DAMAGED,
                       /* Translators: what was being done, the database engine's reason, the
                        * file's path */
                       _("%s: the database schema is damaged (%s): %s"), self->path,
                       (const char *) differences->pdata[0], message);
          return;
        }
    }
  g_set_error (error, VASTUS_STORE_ERROR, _vastus_store_code_from_sqlite (rc),
               /* Translators: the database engine's reason, its error number */
               _("Could not prepare a query: %s (SQLite error %d)"), message, rc);
}
