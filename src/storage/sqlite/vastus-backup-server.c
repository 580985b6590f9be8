/* vastus-backup-server.c: the backup of a clinic server's database, a Vastus file as a
 * workstation's backups are
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "vastus-backup"

#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>

#include "vastus-i18n.h"
#include "vastus-backup-private.h"
#include "vastus-copy-private.h"
#include "vastus-sqlite-private.h"

/* Removes the private folder @work and what it holds (a copy and SQLite's files beside it). */
static void
remove_work_folder (const char *work)
{
  g_autoptr(GDir) dir = g_dir_open (work, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (work, name, NULL);

      g_unlink (path);
    }
  g_rmdir (work);
}

/* A server's database (@db): copied whole into a new SQLite file in a private folder beside @dest
 * (vastus-copy.c, verified by its content hash), which is then backed up as any file is
 * (checked, written unnamed, read back, synced, named), and removed. */
char *
_vastus_backup_create_server (VastusDatabase           *db,
                              const char               *dest,
                              VastusBackupCreateFlags   flags,
                              VastusBackupKind          kind,
                              GDateTime                *now,
                              GError                  **error)
{
  g_autofree char *folder = NULL;
  g_autofree char *work = NULL;
  g_autofree char *copy = NULL;
  char *path = NULL;

  if (dest == NULL)
    {
      g_set_error (error, VASTUS_BACKUP_ERROR, VASTUS_BACKUP_ERROR_INVALID,
                   /* Translators: the database's address */
                   _("A backup of a database on a server (%s) needs a file to be written to: "
                     "name one"), vastus_database_get_path (db));
      return NULL;
    }
  folder = g_path_get_dirname (dest);
  work = g_build_filename (folder, ".vastus-backup-copy-XXXXXX", NULL);
  if (g_mkdtemp_full (work, 0700) == NULL)
    {
      _vastus_backup_set_errno_error (error, errno, _("Could not create the backup file"), folder);
      return NULL;
    }
  copy = g_build_filename (work, "vastus.db", NULL);
  if (_vastus_database_copy_to_file (db, copy, NULL, error))
    path = vastus_backup_create_from_path (copy, dest, flags, kind, now, error);
  remove_work_folder (work);
  return path;
}
