/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define _GNU_SOURCE
#include <errno.h>
#include <glib-unix.h>
#include <glib/gstdio.h>
#include <grp.h>
#include <sched.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/wait.h>
#include <time.h>

#include "fault-util.h"

char *
fault_make_tmpdir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("vastus-fault-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

void
fault_rm_rf (const char *path)
{
  GDir *dir;
  const char *name;

  if (path == NULL)
    return;
  g_chmod (path, 0700);
  dir = g_dir_open (path, 0, NULL);
  if (dir != NULL)
    {
      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
            fault_rm_rf (child);
          else
            g_unlink (child);
        }
      g_dir_close (dir);
      g_rmdir (path);
    }
  else
    g_unlink (path);
}

guint
fault_scaled (guint n)
{
  const char *env = g_getenv ("VASTUS_FAULT_SCALE");
  double scale = env != NULL ? g_ascii_strtod (env, NULL) : 1.0;

  if (!(scale > 0))
    scale = 1.0;
  return MAX (1, (guint) (n * scale + 0.5));
}

GRand *
fault_rand_new (const char *what)
{
  guint32 seed = (guint32) g_test_rand_int ();

  g_test_message ("%s: seed %u (rerun with the same --seed to reproduce)", what, seed);
  return g_rand_new_with_seed (seed);
}

VastusVisit *
fault_make_visit (gint64 episode_id,
                  guint  i)
{
  VastusVisit *visit = vastus_visit_new ();

  visit->episode_id = episode_id;
  /* A day of its own for each @i: a patient has one visit a day. */
  g_date_set_dmy (&visit->date, 1, 1, 2000);
  g_date_add_days (&visit->date, i);
  visit->clinician = g_strdup ("Fault Test");
  visit->notes = g_strdup_printf ("visit %u", i);
  vastus_visit_add_measurement (visit, vastus_measurement_new ("knee_flexion", VASTUS_SIDE_LEFT, 1,
                                                               90 + i % 40, "deg"));
  vastus_visit_add_measurement (visit, vastus_measurement_new ("knee_flexion", VASTUS_SIDE_RIGHT, 1,
                                                               100 + i % 30, "deg"));
  return visit;
}

VastusDatabase *
fault_populate (const char *path,
                guint       n_patients,
                guint       visits_each,
                gint64     *episode_id)
{
  g_autoptr(GError) error = NULL;
  VastusDatabase *db = vastus_database_open (path, &error);

  g_assert_no_error (error);
  for (guint p = 0; p < n_patients; p++)
    {
      g_autoptr(VastusPatient) patient = vastus_patient_new ();
      g_autoptr(VastusEpisode) episode = vastus_episode_new ();

      patient->mrn = g_strdup_printf ("F%05u", p);
      patient->name = g_strdup_printf ("Patient Ünïcode %u", p);
      g_date_set_dmy (&patient->birth_date, 1 + p % 28, 1 + p % 12, 1960 + p % 40);
      patient->sex = p % 2 ? VASTUS_SEX_FEMALE : VASTUS_SEX_MALE;
      vastus_database_insert_patient (db, patient, &error);
      g_assert_no_error (error);
      episode->patient_id = patient->id;
      episode->condition = VASTUS_CONDITION_ACLR;
      episode->involved_side = VASTUS_SIDE_LEFT;
      g_date_set_dmy (&episode->surgery_date, 1, 1, 2020);
      vastus_database_insert_episode (db, episode, &error);
      g_assert_no_error (error);
      for (guint v = 0; v < visits_each; v++)
        {
          g_autoptr(VastusVisit) visit = fault_make_visit (episode->id, v);

          vastus_database_insert_visit (db, visit, &error);
          g_assert_no_error (error);
        }
      if (episode_id != NULL)
        *episode_id = episode->id;
    }
  return db;
}

char *
fault_file_sha256 (const char *path)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  if (!g_file_get_contents (path, &contents, &length, NULL))
    return NULL;
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);
}

char *
fault_content_hash (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *hash = vastus_backup_content_hash (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (hash);
  return hash;
}

void
fault_assert_intact (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems = NULL;

  vastus_database_check_full_path (path, &problems, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < problems->len; i++)
    g_printerr ("# %s: %s\n", path, (const char *) problems->pdata[i]);
  g_assert_cmpuint (problems->len, ==, 0);
}

int
fault_count_files (const char *folder,
                   const char *prefix)
{
  GDir *dir = g_dir_open (folder, 0, NULL);
  const char *name;
  int n = 0;

  if (dir == NULL)
    return -1;
  while ((name = g_dir_read_name (dir)) != NULL)
    if (prefix == NULL || g_str_has_prefix (name, prefix))
      n++;
  g_dir_close (dir);
  return n;
}

int
fault_wait (int pid)
{
  int status = 0;

  while (waitpid (pid, &status, 0) < 0)
    g_assert_cmpint (errno, ==, EINTR);
  return status;
}

void
fault_assert_child_ok (int pid)
{
  int status = fault_wait (pid);

  if (WIFSIGNALED (status))
    g_error ("child %d died of signal %d", pid, WTERMSIG (status));
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 0);
}

/* The exit status of a child that cannot run here; its reason comes through child_skip_fd. */
#define CHILD_SKIPPED 77
#define NOBODY 65534

/* In fault_run_child ()'s child: the pipe's end to the parent; -1 elsewhere. */
static int child_skip_fd = -1;

gboolean
fault_run_child (void   (*func) (gpointer data),
                 gpointer data)
{
  g_autoptr(GError) error = NULL;
  char reason[512] = "";
  ssize_t n;
  int fds[2];
  int status;
  pid_t pid;

  /* Close-on-exec: the programs the child runs do not hold the parent's read open. */
  g_unix_open_pipe (fds, FD_CLOEXEC, &error);
  g_assert_no_error (error);
  pid = fork ();
  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      close (fds[0]);
      child_skip_fd = fds[1];
      func (data);
      _exit (0);
    }
  close (fds[1]);
  status = fault_wait (pid);
  while ((n = read (fds[0], reason, sizeof reason - 1)) < 0 && errno == EINTR)
    ;
  close (fds[0]);
  reason[MAX (n, 0)] = '\0';
  if (WIFEXITED (status) && WEXITSTATUS (status) == CHILD_SKIPPED && reason[0] != '\0')
    {
      g_test_skip (reason);
      return FALSE;
    }
  if (WIFSIGNALED (status))
    g_error ("child %d died of signal %d", pid, WTERMSIG (status));
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 0);
  return TRUE;
}

void
fault_child_skip (const char *reason)
{
  gsize length = strlen (reason);

  if (child_skip_fd < 0)
    g_error ("fault_child_skip () outside fault_run_child ()'s child: %s", reason);
  /* The parent reads it after the child ended: it fits the pipe's buffer. */
  CHILD_CHECK (length > 0 && write (child_skip_fd, reason, MIN (length, 511)) > 0,
               "cannot tell the parent why this test cannot run here: %s", reason);
  _exit (CHILD_SKIPPED);
}

static gboolean
write_proc (const char *file,
            const char *text)
{
  return g_file_set_contents_full (file, text, -1, G_FILE_SET_CONTENTS_NONE, 0644, NULL);
}

void
fault_child_mount_tmpfs (const char *mnt,
                         const char *options)
{
  if (unshare (CLONE_NEWNS) == 0)
    {
      /* Privileged: the nearest mount point above @mnt is made private, so that the tmpfs does
       * not propagate to the parent's namespace (making a folder that is not a mount point
       * private fails with EINVAL). */
      g_autofree char *dir = g_path_get_dirname (mnt);

      while (mount (NULL, dir, NULL, MS_REC | MS_PRIVATE, NULL) != 0)
        {
          char *up;

          if (errno != EINVAL || g_str_equal (dir, "/"))
            {
              g_autofree char *why = g_strdup_printf ("no mount point above %s can be made private, "
                                                      "so a tmpfs there would show outside the "
                                                      "test (a chroot?): %s", mnt, g_strerror (errno));

              fault_child_skip (why);
            }
          up = g_path_get_dirname (dir);
          g_free (dir);
          dir = up;
        }
    }
  else
    {
      /* Unprivileged: a user namespace of its own, where this user may mount and where the
       * shared mounts it inherits only receive (mount_namespaces(7)). */
      g_autofree char *uid_map = g_strdup_printf ("%u %u 1", (guint) getuid (), (guint) getuid ());
      g_autofree char *gid_map = g_strdup_printf ("%u %u 1", (guint) getgid (), (guint) getgid ());
      int unshare_errno = errno;

      if (unshare (CLONE_NEWUSER | CLONE_NEWNS) != 0)
        {
          g_autofree char *why = g_strdup_printf ("needs root or user namespaces to mount a tmpfs "
                                                  "of its own (unshare: %s; as a user namespace: "
                                                  "%s)", g_strerror (unshare_errno),
                                                  g_strerror (errno));

          fault_child_skip (why);
        }
      if (!write_proc ("/proc/self/setgroups", "deny") ||
          !write_proc ("/proc/self/uid_map", uid_map) ||
          !write_proc ("/proc/self/gid_map", gid_map))
        fault_child_skip ("cannot map this user into its user namespace, to mount a tmpfs there");
    }
  CHILD_CHECK (mount ("tmpfs", mnt, "tmpfs", MS_NOSUID | MS_NODEV, options) == 0,
               "mount a tmpfs (%s) on %s: %s", options, mnt, g_strerror (errno));
}

void
fault_child_drop_root (void)
{
  if (geteuid () != 0)
    return;
  if (setgroups (0, NULL) != 0 || setgid (NOBODY) != 0 || setuid (NOBODY) != 0)
    {
      /* Root of a user namespace that has no nobody, say. */
      g_autofree char *why = g_strdup_printf ("root ignores file modes, and cannot become nobody "
                                              "(uid %d) here: %s", NOBODY, g_strerror (errno));

      fault_child_skip (why);
    }
  CHILD_CHECK (getuid () == NOBODY && geteuid () == NOBODY, "still privileged");
}

void
fault_copy_file (const char *from,
                 const char *to)
{
  g_autofree char *contents = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (from, &contents, &length, NULL));
  g_unlink (to);
  g_assert_true (g_file_set_contents_full (to, contents, length, G_FILE_SET_CONTENTS_CONSISTENT,
                                           0600, NULL));
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char *const *) a, *(const char *const *) b);
}

char *
fault_listing (const char *dir)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *child = g_build_filename (dir, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        {
          g_autofree char *inner = fault_listing (child);

          g_ptr_array_add (names, g_strdup_printf ("%s/[%s]", name, inner));
        }
      else
        g_ptr_array_add (names, g_strdup (name));
    }
  g_ptr_array_sort (names, compare_names);
  for (guint i = 0; i < names->len; i++)
    g_string_append_printf (out, "%s;", (const char *) names->pdata[i]);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

void
fault_sleep_us (gint64 us)
{
  struct timespec ts = { us / G_USEC_PER_SEC, (us % G_USEC_PER_SEC) * 1000 };

  while (nanosleep (&ts, &ts) != 0 && errno == EINTR)
    ;
}

int
fault_run_cli (const char *cli,
               const char *db,
               char      **out,
               char      **err,
               ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *o = NULL;
  g_autofree char *e = NULL;
  const char *arg;
  int status = -1;
  va_list args;

  g_ptr_array_add (argv, (char *) cli);
  g_ptr_array_add (argv, (char *) "--db");
  g_ptr_array_add (argv, (char *) db);
  va_start (args, err);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (char *) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);
  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL, &o, &e, &status,
                &error);
  g_assert_no_error (error);
  g_test_message ("stdout: %s\nstderr: %s", o, e);
  if (out != NULL)
    *out = g_steal_pointer (&o);
  if (err != NULL)
    *err = g_steal_pointer (&e);
  return WIFEXITED (status) ? WEXITSTATUS (status) : 128 + WTERMSIG (status);
}

#ifdef PG_TEST_SERVER
void
fault_pg_test_server (const char *command)
{
  const char *dir = g_getenv ("VASTUS_TEST_PG_DIR");
  const char *argv[] = { PG_TEST_SERVER, command, dir, NULL };
  g_autoptr(GError) error = NULL;
  int status = -1;

  g_assert_nonnull (dir);
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, NULL, &status,
                &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (status) && WEXITSTATUS (status) == 0);
}
#endif
