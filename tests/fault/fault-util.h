/* fault-util.h: what the fault tests share: scratch folders, a populated database, hashes,
 * seeds and the scale factor
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <unistd.h>

#include "vastus-backup.h"
#include "vastus-database.h"

G_BEGIN_DECLS

/* A new private scratch folder; fault_rm_rf () removes it. */
char           *fault_make_tmpdir   (void);
void            fault_rm_rf         (const char *path);

/* $VASTUS_FAULT_SCALE (default 1): sanitizer runs use less. Returns MAX (1, n × scale). */
guint           fault_scaled        (guint n);

/* A generator seeded from g_test's seed (--seed reproduces it), its seed printed. */
GRand          *fault_rand_new      (const char *what);

/* Opens (creating) @path and adds @n_patients patients, each with one episode and
 * @visits_each visits of two measurements (fault_make_visit's @i 0 … @visits_each − 1). Returns
 * the open database; *episode_id (optional) is the last episode's id. */
VastusDatabase *fault_populate      (const char *path,
                                     guint       n_patients,
                                     guint       visits_each,
                                     gint64     *episode_id);
/* A visit of @episode_id with two measurements; @i varies its values and gives it a day of
 * its own (a patient has one visit a day). */
VastusVisit    *fault_make_visit    (gint64      episode_id,
                                     guint       i);

/* SHA-256 of a file's bytes (NULL when it cannot be read). */
char           *fault_file_sha256   (const char *path);
/* The content hash of a database file; asserts it can be read. */
char           *fault_content_hash  (const char *path);
/* Asserts integrity_check and foreign_key_check find nothing. */
void            fault_assert_intact (const char *path);

/* Number of entries in a folder (-1 if it cannot be read). */
int             fault_count_files   (const char *folder,
                                     const char *prefix);

/* A copy of @from at @to (0600), replacing it. */
void            fault_copy_file     (const char *from,
                                     const char *to);
/* The sorted names in @dir, each followed by ";" (a folder's as "name/[…]"). */
char           *fault_listing       (const char *dir);
void            fault_sleep_us      (gint64      us);
/* Runs the vastus-cli at @cli with --db @db and the arguments that follow (NULL-terminated);
 * returns its exit status (128 + the signal when one killed it). @out and @err may be NULL. */
int             fault_run_cli       (const char *cli,
                                     const char *db,
                                     char      **out,
                                     char      **err,
                                     ...) G_GNUC_NULL_TERMINATED;

/* A forked child's check: prints what failed and exits non-zero, so that the parent's assertion
 * names the step (exit status 10 + the line, modulo 200). */
#define CHILD_CHECK(cond, ...) G_STMT_START { \
    if (!(cond)) { g_printerr ("# child: " __VA_ARGS__); g_printerr (" [%s]\n", #cond); _exit (10 + __LINE__ % 200); } \
  } G_STMT_END

/* Runs @func (@data) in a forked child, which then exits 0, and waits for it. TRUE when the child
 * ran to the end; FALSE when it could not run here (fault_child_skip ()): the test is then skipped
 * with the child's reason. A child that exits otherwise or dies fails the test. */
gboolean        fault_run_child     (void      (*func) (gpointer data),
                                     gpointer    data);
/* In fault_run_child ()'s child: ends it, and the parent skips the test with @reason. */
G_NORETURN void fault_child_skip    (const char *reason);
/* In fault_run_child ()'s child: mounts a tmpfs with @options (say "size=3m,mode=0700") on @mnt,
 * in a mount namespace of the child's own, so that nothing outside sees it and it vanishes with
 * the child. As root, the nearest mount point above @mnt is made private (that is "/" on most
 * systems; a folder above it where "/" is not one: a chroot, some containers); as another user,
 * in a user namespace of its own. Skips the test, saying why, where neither can be had. */
void            fault_child_mount_tmpfs (const char *mnt,
                                         const char *options);
/* In fault_run_child ()'s child: makes file modes apply to it. Root (which ignores them) becomes
 * nobody; any other user stays who it is. Skips the test, saying why, where root cannot. */
void            fault_child_drop_root   (void);

/* Waits for @pid and returns its wait status. */
int             fault_wait          (int         pid);
/* Asserts @pid exited with status 0. */
void            fault_assert_child_ok (int       pid);

#ifdef PG_TEST_SERVER
/* Runs build-aux/pg-test-server COMMAND (kill, restart, pause, resume) on the test's server
 * ($VASTUS_TEST_PG_DIR); asserts it succeeded. For the programs built with PG_TEST_SERVER. */
void            fault_pg_test_server (const char *command);
#endif

G_END_DECLS
