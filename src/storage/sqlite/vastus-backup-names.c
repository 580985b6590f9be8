/* vastus-backup-names.c: where a database's backups go and what they are named
 *
 * A backup of NAME.db is NAME-<UTC stamp>[-pre-migration|-pre-restore|-damaged][-N].db in the
 * backups/ folder beside it (vastus-backup.h); the databases of one folder share that folder, so
 * a name is read as a backup of a database only with that database's stem exactly. Both come from
 * where the database really is (symbolic links, "." and ".." resolved, in its folder and its
 * name), so that one database reached by two paths has one set of backups.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "vastus-backup"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "vastus-backup.h"

static const char *kind_suffixes[] = {
  [VASTUS_BACKUP_KIND_REGULAR] = "",
  [VASTUS_BACKUP_KIND_PRE_MIGRATION] = "-pre-migration",
  [VASTUS_BACKUP_KIND_PRE_RESTORE] = "-pre-restore",
  [VASTUS_BACKUP_KIND_DAMAGED] = "-damaged",
};

/* Where the database at @db_path really is. A file that is not there (yet) is named in its
 * folder's real location; a path whose folder is not there either is only tidied ("." and "..",
 * as written). */
static char *
real_location (const char *db_path)
{
  g_autofree char *dir = NULL;
  g_autofree char *name = NULL;
  char *real = realpath (db_path, NULL);
  char *result;

  if (real == NULL)
    {
      dir = g_path_get_dirname (db_path);
      name = g_path_get_basename (db_path);
      real = realpath (dir, NULL);
    }
  if (real == NULL)
    return g_canonicalize_filename (db_path, NULL);
  result = name != NULL ? g_build_filename (real, name, NULL) : g_strdup (real);
  free (real);
  return result;
}

char *
vastus_backup_get_folder (const char *db_path)
{
  g_autofree char *real = real_location (db_path);
  g_autofree char *dir = g_path_get_dirname (real);

  return g_build_filename (dir, "backups", NULL);
}

char *
vastus_backup_get_stem (const char *db_path)
{
  g_autofree char *real = real_location (db_path);
  g_autofree char *name = g_path_get_basename (real);
  gsize length = strlen (name);

  /* "NAME.db" gives NAME; a name that is only ".db", or has another ending, is kept whole. */
  if (length > strlen (".db") && g_str_has_suffix (name, ".db"))
    name[length - strlen (".db")] = '\0';
  return g_steal_pointer (&name);
}

char *
vastus_backup_make_name (const char       *stem,
                         GDateTime        *time,
                         VastusBackupKind  kind)
{
  g_autoptr(GDateTime) utc = g_date_time_to_utc (time);
  g_autofree char *stamp = g_date_time_format (utc, "%Y-%m-%dT%H-%M-%SZ");

  g_return_val_if_fail (stem != NULL && *stem != '\0', NULL);
  g_return_val_if_fail (kind <= VASTUS_BACKUP_KIND_DAMAGED, NULL);
  return g_strdup_printf ("%s-%s%s.db", stem, stamp, kind_suffixes[kind]);
}

gboolean
vastus_backup_parse_name (const char        *stem,
                          const char        *name,
                          GDateTime        **time,
                          VastusBackupKind  *kind)
{
  static GRegex *regex;
  g_autoptr(GMatchInfo) match = NULL;
  g_autofree char *suffix = NULL;
  gsize stem_length;
  int f[6];
  VastusBackupKind k = VASTUS_BACKUP_KIND_REGULAR;
  GDateTime *t;

  g_return_val_if_fail (stem != NULL, FALSE);

  if (g_once_init_enter (&regex))
    {
      /* What follows "STEM-": the stamp always begins with a digit, so the stem "clinic" never
       * takes "clinic-b-…" (another database's) for its own. */
      GRegex *r = g_regex_new ("^([0-9]{4})-([0-9]{2})-([0-9]{2})"
                               "T([0-9]{2})-([0-9]{2})-([0-9]{2})Z"
                               "(-pre-migration|-pre-restore|-damaged)?(-[0-9]{1,4})?\\.db$",
                               G_REGEX_OPTIMIZE, 0, NULL);
      g_once_init_leave (&regex, r);
    }
  stem_length = strlen (stem);
  if (name == NULL || stem_length == 0 || !g_str_has_prefix (name, stem)
      || name[stem_length] != '-'
      || !g_regex_match (regex, name + stem_length + 1, 0, &match))
    return FALSE;
  for (int i = 0; i < 6; i++)
    {
      g_autofree char *part = g_match_info_fetch (match, i + 1);

      f[i] = atoi (part);
    }
  suffix = g_match_info_fetch (match, 7);
  for (guint i = 1; i < G_N_ELEMENTS (kind_suffixes); i++)
    if (suffix != NULL && g_str_equal (suffix, kind_suffixes[i]))
      k = i;
  t = g_date_time_new_utc (f[0], f[1], f[2], f[3], f[4], f[5]);
  if (t == NULL)
    return FALSE;
  if (time != NULL)
    *time = t;
  else
    g_date_time_unref (t);
  if (kind != NULL)
    *kind = k;
  return TRUE;
}
