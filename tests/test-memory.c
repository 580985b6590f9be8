/* test-memory.c: the program starts itself again, once, with its heap on transparent huge
 * pages when the kernel offers them and nobody chose otherwise (vastus-memory.c)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>

#define ASKS "always [madvise] never\n"
#define ALWAYS "[always] madvise never\n"
#define NEVER "always madvise [never]\n"

#if defined(__SANITIZE_ADDRESS__)
#define SANITIZER 1   /* its own allocator: the program is left as it is */
#else
#define SANITIZER 0
#endif

typedef struct
{
  char *dir;
  char *setting;   /* the kernel's setting, as the helper reads it */
  char *count;     /* a line for each start of the helper */
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("vastus-test-memory-XXXXXX", &error);
  g_assert_no_error (error);
  f->setting = g_build_filename (f->dir, "enabled", NULL);
  f->count = g_build_filename (f->dir, "starts", NULL);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_unlink (f->setting);
  g_unlink (f->count);
  g_rmdir (f->dir);
  g_free (f->dir);
  g_free (f->setting);
  g_free (f->count);
}

/* Runs the helper with @tunables (NULL: unset) and @preload (NULL: unset) and the kernel's
 * @setting (NULL: no such file); returns what it printed and sets *@starts. */
static char *
run_helper (Fixture    *f,
            const char *setting,
            const char *tunables,
            const char *preload,
            guint      *starts)
{
  g_autofree char *helper = g_test_build_filename (G_TEST_BUILT, "memory-helper", NULL);
  const char *argv[] = { helper, "two words", "Zoë", "", "--db", NULL };
  g_auto(GStrv) envp = g_get_environ ();
  g_autofree char *out = NULL, *err = NULL, *counted = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  g_unlink (f->count);
  g_unlink (f->setting);
  if (setting != NULL)
    g_assert_true (g_file_set_contents (f->setting, setting, -1, NULL));
  envp = g_environ_setenv (envp, "TEST_THP_FILE", f->setting, TRUE);
  envp = g_environ_setenv (envp, "TEST_COUNT_FILE", f->count, TRUE);
  envp = g_environ_unsetenv (envp, "GLIBC_TUNABLES");
  envp = g_environ_unsetenv (envp, "LD_PRELOAD");
  if (tunables != NULL)
    envp = g_environ_setenv (envp, "GLIBC_TUNABLES", tunables, TRUE);
  if (preload != NULL)
    envp = g_environ_setenv (envp, "LD_PRELOAD", preload, TRUE);

  g_spawn_sync (NULL, (char **) argv, envp, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status,
                &error);
  g_assert_no_error (error);
  g_spawn_check_wait_status (status, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (f->count, &counted, NULL, NULL));
  *starts = 0;
  for (const char *p = counted; (p = strstr (p, "start\n")) != NULL; p++)
    (*starts)++;
  return g_steal_pointer (&out);
}

/* The arguments, after the tunables' line, are always the same. */
#define ARGS "[two words]\n[Zoë]\n[]\n[--db]\n"

static void
test_started_again (Fixture       *f,
                    gconstpointer  data)
{
  const char *setting = data;
  g_autofree char *out = NULL;
  guint starts;

  out = run_helper (f, setting, NULL, NULL, &starts);
  if (SANITIZER)
    {
      g_assert_cmpstr (out, ==, "(unset)\n" ARGS);
      g_assert_cmpuint (starts, ==, 1);
      return;
    }
  g_assert_cmpstr (out, ==, "glibc.malloc.hugetlb=1\n" ARGS);
  g_assert_cmpuint (starts, ==, 2);
}

static void
test_other_tunables_kept (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *out = NULL;
  guint starts;

  out = run_helper (f, ASKS, "glibc.malloc.tcache_count=7", NULL, &starts);
  if (SANITIZER)
    {
      g_assert_cmpstr (out, ==, "glibc.malloc.tcache_count=7\n" ARGS);
      g_assert_cmpuint (starts, ==, 1);
      return;
    }
  g_assert_cmpstr (out, ==, "glibc.malloc.tcache_count=7:glibc.malloc.hugetlb=1\n" ARGS);
  g_assert_cmpuint (starts, ==, 2);
}

/* The person's own choice, whatever it is, is left alone. */
static void
test_own_choice_kept (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *out = NULL;
  guint starts;

  out = run_helper (f, ASKS, "glibc.malloc.hugetlb=0", NULL, &starts);
  g_assert_cmpstr (out, ==, "glibc.malloc.hugetlb=0\n" ARGS);
  g_assert_cmpuint (starts, ==, 1);
}

static void
test_kernel_without (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *never = NULL, *missing = NULL;
  guint starts;

  never = run_helper (f, NEVER, NULL, NULL, &starts);
  g_assert_cmpstr (never, ==, "(unset)\n" ARGS);
  g_assert_cmpuint (starts, ==, 1);

  missing = run_helper (f, NULL, NULL, NULL, &starts);
  g_assert_cmpstr (missing, ==, "(unset)\n" ARGS);
  g_assert_cmpuint (starts, ==, 1);
}

/* Under valgrind, which would follow only the first program; the loader says it cannot
 * preload this one and goes on. */
static void
test_valgrind (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *preload = g_build_filename (f->dir, "vgpreload_memcheck-amd64-linux.so", NULL);
  g_autofree char *out = NULL;
  guint starts;

  out = run_helper (f, ASKS, NULL, preload, &starts);
  g_assert_cmpstr (out, ==, "(unset)\n" ARGS);
  g_assert_cmpuint (starts, ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/memory/started-again/madvise", Fixture, ASKS, fixture_set_up,
              test_started_again, fixture_tear_down);
  g_test_add ("/memory/started-again/always", Fixture, ALWAYS, fixture_set_up,
              test_started_again, fixture_tear_down);
  g_test_add ("/memory/other-tunables-kept", Fixture, NULL, fixture_set_up,
              test_other_tunables_kept, fixture_tear_down);
  g_test_add ("/memory/own-choice-kept", Fixture, NULL, fixture_set_up,
              test_own_choice_kept, fixture_tear_down);
  g_test_add ("/memory/kernel-without", Fixture, NULL, fixture_set_up,
              test_kernel_without, fixture_tear_down);
  g_test_add ("/memory/valgrind", Fixture, NULL, fixture_set_up,
              test_valgrind, fixture_tear_down);
  return g_test_run ();
}
