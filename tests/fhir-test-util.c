/* fhir-test-util.c: the FHIR tests' fixture folder, vastus-cli runs and lookups in a Bundle
 * (fhir-test-util.h; the schema validator is fhir-validate-util.c)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>
#include <string.h>
#include <sys/wait.h>

#include "fhir-test-util.h"

void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("vastus-fhir-XXXXXX", &error);
  g_assert_no_error (error);
  f->db = g_build_filename (f->dir, "test.db", NULL);
}

static void
remove_tree (const char *path)
{
  GDir *dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_tree (child);
      else
        g_remove (child);
    }
  g_clear_pointer (&dir, g_dir_close);
  g_rmdir (path);
}

void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->db);
}

/* vastus-cli --db @db @args (NULL-terminated) @last (if not NULL), in the C locale on
 * 2026-06-01 with $VASTUS_FHIR_SYSTEM @system (NULL: unset); the exit status, with stdout and
 * stderr in @out and @err. */
static int
run_argv (const char         *db,
          char              **out,
          char              **err,
          const char         *system,
          const char *const  *args,
          const char         *last)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_auto(GStrv) envp = g_get_environ ();
  g_autoptr(GError) error = NULL;
  g_autofree char *o = NULL, *e = NULL;
  int status = -1;

  g_ptr_array_add (argv, (char *) VASTUS_CLI_PATH);
  g_ptr_array_add (argv, (char *) "--db");
  g_ptr_array_add (argv, (char *) db);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  if (last != NULL)
    g_ptr_array_add (argv, (char *) last);
  g_ptr_array_add (argv, NULL);
  envp = g_environ_setenv (envp, "LC_ALL", "C.UTF-8", TRUE);
  envp = g_environ_setenv (envp, "VASTUS_TODAY", "2026-06-01", TRUE);
  if (system != NULL)
    envp = g_environ_setenv (envp, "VASTUS_FHIR_SYSTEM", system, TRUE);
  else
    envp = g_environ_unsetenv (envp, "VASTUS_FHIR_SYSTEM");
  g_spawn_sync (NULL, (char **) argv->pdata, envp, G_SPAWN_DEFAULT, NULL, NULL, &o, &e, &status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (status));
  g_test_message ("vastus-cli %s %s → %d; stderr: %s", (char *) argv->pdata[3],
                  argv->len > 5 ? (char *) argv->pdata[4] : "", WEXITSTATUS (status), e);
  if (out != NULL)
    {
      g_free (*out);
      *out = g_steal_pointer (&o);
    }
  if (err != NULL)
    {
      g_free (*err);
      *err = g_steal_pointer (&e);
    }
  return WEXITSTATUS (status);
}

static int
run_va (const char  *db,
        char       **out,
        char       **err,
        const char  *system,
        va_list      args)
{
  g_autoptr(GPtrArray) all = g_ptr_array_new ();
  const char *arg;

  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (all, (char *) arg);
  g_ptr_array_add (all, NULL);
  return run_argv (db, out, err, system, (const char *const *) all->pdata, NULL);
}

int
run (const char  *db,
     char       **out,
     char       **err,
     ...)
{
  va_list args;
  int status;

  va_start (args, err);
  status = run_va (db, out, err, NULL, args);
  va_end (args);
  return status;
}

int
run_system (const char  *db,
            const char  *system,
            char       **out,
            char       **err,
            ...)
{
  va_list args;
  int status;

  va_start (args, err);
  status = run_va (db, out, err, system, args);
  va_end (args);
  return status;
}

char *
write_file (Fixture    *f,
            const char *name,
            const char *contents)
{
  char *path = g_build_filename (f->dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
  return path;
}

char *
read_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  return contents;
}

JsonNode *
parse (const char *path)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

char *
export (Fixture    *f,
        const char *db,
        const char *name,
        ...)
{
  char *path = g_build_filename (f->dir, name, NULL);
  g_autofree char *err = NULL;
  va_list args;
  int status;

  /* fhir export ARGS… -o PATH: the arguments after @name, then -o and the path. */
  va_start (args, name);
  {
    const char *head[] = { "fhir", "export" };
    g_autoptr(GPtrArray) all = g_ptr_array_new ();
    const char *arg;

    for (gsize i = 0; i < G_N_ELEMENTS (head); i++)
      g_ptr_array_add (all, (char *) head[i]);
    while ((arg = va_arg (args, const char *)) != NULL)
      g_ptr_array_add (all, (char *) arg);
    g_ptr_array_add (all, (char *) "-o");
    g_ptr_array_add (all, NULL);
    status = run_argv (db, NULL, &err, NULL, (const char *const *) all->pdata, path);
  }
  va_end (args);
  if (status != 0)
    g_error ("fhir export failed: %s", err);
  assert_valid (path);
  return path;
}

/* The patients list of @db as vastus-cli prints it. */
char *
patients (const char *db)
{
  g_autofree char *err = NULL;
  char *out = NULL;

  run (db, &out, &err, "patients", NULL);
  return out;
}

/* Lookups in a Bundle */

JsonArray *
entries (JsonNode *bundle)
{
  return json_object_get_array_member (json_node_get_object (bundle), "entry");
}

JsonObject *
resource_at (JsonNode *bundle,
             guint     i)
{
  return json_object_get_object_member (json_array_get_object_element (entries (bundle), i), "resource");
}

/* The node at @path ("a.b[2].c") under @object, or NULL. */
JsonNode *
walk (JsonObject *object,
      const char *path)
{
  g_auto(GStrv) parts = g_strsplit (path, ".", -1);
  JsonNode *node = NULL;

  for (guint i = 0; parts[i] != NULL; i++)
    {
      char *bracket = strchr (parts[i], '[');
      guint index = 0;

      if (bracket != NULL)
        {
          index = (guint) g_ascii_strtoull (bracket + 1, NULL, 10);
          *bracket = '\0';
        }
      if (object == NULL || !json_object_has_member (object, parts[i]))
        return NULL;
      node = json_object_get_member (object, parts[i]);
      if (bracket != NULL)
        {
          JsonArray *array = JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;

          if (array == NULL || index >= json_array_get_length (array))
            return NULL;
          node = json_array_get_element (array, index);
        }
      object = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
    }
  return node;
}

const char *
str (JsonObject *object,
     const char *path)
{
  JsonNode *node = walk (object, path);

  return node != NULL && json_node_get_value_type (node) == G_TYPE_STRING ? json_node_get_string (node) : NULL;
}

double
num (JsonObject *object,
     const char *path)
{
  JsonNode *node = walk (object, path);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) == G_TYPE_STRING)
    g_error ("no number at %s", path);
  return json_node_get_double (node);
}

/* The resource whose fullUrl is @ref. */
JsonObject *
resolve (JsonNode   *bundle,
         const char *ref)
{
  JsonArray *list = entries (bundle);

  for (guint i = 0; i < json_array_get_length (list); i++)
    if (g_strcmp0 (str (json_array_get_object_element (list, i), "fullUrl"), ref) == 0)
      return resource_at (bundle, i);
  g_error ("no entry %s", ref);
}

gboolean
has_coding (JsonObject *concept,
            const char *system,
            const char *code)
{
  JsonArray *codings = concept != NULL && json_object_has_member (concept, "coding")
                       ? json_object_get_array_member (concept, "coding") : NULL;

  for (guint i = 0; codings != NULL && i < json_array_get_length (codings); i++)
    {
      JsonObject *coding = json_array_get_object_element (codings, i);

      if (g_strcmp0 (str (coding, "system"), system) == 0 && g_strcmp0 (str (coding, "code"), code) == 0)
        return TRUE;
    }
  return FALSE;
}

/* The Observation of @measure (a Vastus code) on @side ("left", "right" or NULL) dated @date. */
JsonObject *
find_observation (JsonNode   *bundle,
                  const char *system,
                  const char *code,
                  const char *laterality,
                  const char *date)
{
  JsonArray *list = entries (bundle);

  for (guint i = 0; i < json_array_get_length (list); i++)
    {
      JsonObject *r = resource_at (bundle, i);
      const char *site = str (r, "bodySite.extension[0].valueCodeableConcept.coding[0].code");

      if (g_strcmp0 (str (r, "resourceType"), "Observation") == 0 &&
          has_coding (json_object_get_object_member (r, "code"), system, code) &&
          g_strcmp0 (site, laterality) == 0 && g_strcmp0 (str (r, "effectiveDateTime"), date) == 0)
        return r;
    }
  return NULL;
}

JsonObject *
find_type (JsonNode   *bundle,
           const char *type,
           guint       nth)
{
  JsonArray *list = entries (bundle);

  for (guint i = 0; i < json_array_get_length (list); i++)
    if (g_strcmp0 (str (resource_at (bundle, i), "resourceType"), type) == 0 && nth-- == 0)
      return resource_at (bundle, i);
  return NULL;
}

guint
count_type (JsonNode   *bundle,
            const char *type)
{
  guint n = 0;

  while (find_type (bundle, type, n) != NULL)
    n++;
  return n;
}

JsonObject *
component (JsonObject *observation,
           const char *code,
           guint       nth)
{
  JsonArray *components = json_object_get_array_member (observation, "component");

  for (guint i = 0; i < json_array_get_length (components); i++)
    {
      JsonObject *c = json_array_get_object_element (components, i);

      if (g_strcmp0 (str (c, "code.coding[0].code"), code) == 0 && nth-- == 0)
        return c;
    }
  return NULL;
}
