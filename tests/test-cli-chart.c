/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * `vastus-cli chart` (VASTUS_CLI_PATH) on a temporary database with the demo patients.
 */
#include "config.h"

#include <cairo.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/wait.h>

typedef struct
{
  char *dir;
  char *db;
} Fixture;

static int
run (Fixture     *f,
     char       **err_out,
     const char  *first,
     ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL, *err = NULL;
  const char *arg;
  int status = 0;
  va_list ap;

  g_ptr_array_add (argv, (char *) VASTUS_CLI_PATH);
  g_ptr_array_add (argv, (char *) "--db");
  g_ptr_array_add (argv, f->db);
  va_start (ap, first);
  for (arg = first; arg != NULL; arg = va_arg (ap, const char *))
    g_ptr_array_add (argv, (char *) arg);
  va_end (ap);
  g_ptr_array_add (argv, NULL);

  g_spawn_sync (f->dir, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err,
                &status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (status));
  if (err_out != NULL)
    *err_out = g_steal_pointer (&err);
  return WEXITSTATUS (status);
}

static int
run_args (Fixture           *f,
          char             **err_out,
          const char *const *args)
{
  const char *a[12] = { NULL };
  guint n = 0;

  for (; args[n] != NULL && n < 9; n++)
    a[n] = args[n];
  a[n++] = "-o";
  a[n++] = "x.png";
  return run (f, err_out, "chart", a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7], a[8], a[9],
              a[10], NULL);
}

static void
set_up (Fixture       *f,
        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("vastus-chart-XXXXXX", &error);
  g_assert_no_error (error);
  f->db = g_build_filename (f->dir, "test.db", NULL);
  g_assert_cmpint (run (f, NULL, "demo", NULL), ==, 0);
}

static void
tear_down (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GDir) dir = g_dir_open (f->dir, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (f->dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (f->dir);
  g_free (f->db);
  g_free (f->dir);
}

static void
test_png (Fixture       *f,
          gconstpointer  data)
{
  static const char *kinds[] = { "symmetry", "progress", "girth", "criteria" };

  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    {
      g_autofree char *file = g_strdup_printf ("%s.png", kinds[k]);
      g_autofree char *path = g_build_filename (f->dir, file, NULL);
      cairo_surface_t *png;

      g_assert_cmpint (run (f, NULL, "chart", "--patient", "DEMO-001", "--kind", kinds[k],
                            "--width", "640", "--height", "320", "-o", file, NULL), ==, 0);
      png = cairo_image_surface_create_from_png (path);
      g_assert_cmpint (cairo_surface_status (png), ==, CAIRO_STATUS_SUCCESS);
      g_assert_cmpint (cairo_image_surface_get_width (png), ==, 640);
      g_assert_cmpint (cairo_image_surface_get_height (png), ==, 320);
      cairo_surface_destroy (png);
    }
}

static void
test_vector (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *pdf_path = g_build_filename (f->dir, "c.pdf", NULL);
  g_autofree char *svg_path = g_build_filename (f->dir, "s.svg", NULL);
  g_autofree char *pdf = NULL, *svg = NULL;
  gsize len = 0;

  g_assert_cmpint (run (f, NULL, "chart", "--patient", "DEMO-003", "--kind", "criteria",
                        "-o", "c.pdf", NULL), ==, 0);
  g_assert_true (g_file_get_contents (pdf_path, &pdf, &len, NULL));
  g_assert_cmpuint (len, >, 1000);
  g_assert_true (g_str_has_prefix (pdf, "%PDF"));

  g_assert_cmpint (run (f, NULL, "chart", "--patient", "DEMO-002", "--kind", "symmetry",
                        "--measure", "quadriceps_hhd", "-o", "s.svg", NULL), ==, 0);
  g_assert_true (g_file_get_contents (svg_path, &svg, &len, NULL));
  g_assert_nonnull (strstr (svg, "<svg"));
}

/* Failures exit 1, usage errors 2, and neither writes the output file. */
static void
test_errors (Fixture       *f,
             gconstpointer  data)
{
  static const struct { int status; const char *args[8]; } cases[] = {
    { 1, { "--patient", "NO-SUCH", "--kind", "girth", NULL } },
    { 2, { "--patient", "DEMO-001", "--kind", "pie", NULL } },
    { 2, { "--kind", "girth", NULL } },
    { 2, { "--patient", "DEMO-001", "--kind", "progress", "--measure", "pain_nrs", NULL } },
    { 2, { "--patient", "DEMO-001", "--kind", "progress", "--measure", "nonsense", NULL } },
    { 2, { "--patient", "DEMO-001", "--kind", "girth", "--width", "20", NULL } },
    { 1, { "--patient", "DEMO-001", "--kind", "criteria", "--set", "no-such-set", NULL } },
  };
  g_autofree char *out = g_build_filename (f->dir, "x.png", NULL);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const char *const *a = cases[i].args;
      g_autofree char *err = NULL;
      int status = run_args (f, &err, a);

      g_test_message ("case %u: status %d, %s", i, status, err);
      g_assert_cmpint (status, ==, cases[i].status);
      g_assert_true (g_str_has_prefix (err, "vastus-cli chart: "));
      g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
    }

  /* An unknown output type is a usage error. */
  g_assert_cmpint (run (f, NULL, "chart", "--patient", "DEMO-001", "--kind", "girth",
                        "-o", "x.gif", NULL), ==, 2);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/charts/cli/png", Fixture, NULL, set_up, test_png, tear_down);
  g_test_add ("/charts/cli/vector", Fixture, NULL, set_up, test_vector, tear_down);
  g_test_add ("/charts/cli/errors", Fixture, NULL, set_up, test_errors, tear_down);
  return g_test_run ();
}
