/* vastus-backup.h: verified backups, their rotation, restore, and the database check
 *
 * Backups live in a private folder beside the database, <dbdir>/backups/ (0700), one file per
 * backup (0600), named after the database (its file name without ".db": the stem) and the UTC
 * time it was taken; for vastus.db:
 *
 *   vastus-2026-11-21T20-15-00Z.db                 a regular backup (daily, or on request)
 *   vastus-2026-11-21T20-15-00Z-pre-migration.db   taken before a schema migration
 *   vastus-2026-11-21T20-15-00Z-pre-restore.db     taken before a restore replaced the database
 *   vastus-2026-11-21T20-15-00Z-damaged.db         a raw copy of a damaged database, set aside
 *
 * (a second in the same name gets "-1", "-2" … before ".db"). Databases in one folder share
 * the backups folder, but each one's listing, rotation and daily backup see only its own.
 * Backups named "vastus-…" by an older Vastus, which named every backup so, are also listed for
 * a database of another name when no vastus.db sits beside it, and are never rotated away.
 *
 * A backup is written with SQLite's online backup API into a temporary file, reopened read-only
 * and verified (quick_check, application_id, user_version) and only then renamed into place.
 * Only after that are older backups rotated, so a failed backup never costs a good one.
 *
 * Copying (a backup, a restore) and listing say how far they are and stop when told to
 * (vastus-progress.h): a stopped backup leaves no file, a stopped restore the database as it
 * was.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "vastus-database.h"

G_BEGIN_DECLS

#define VASTUS_BACKUP_ERROR (vastus_backup_error_quark ())

/* Stable codes. Append only. */
typedef enum
{
  VASTUS_BACKUP_ERROR_FAILED,      /* could not write or read a backup (I/O) */
  VASTUS_BACKUP_ERROR_NO_SPACE,    /* the disk is full: nothing was written, nothing deleted */
  VASTUS_BACKUP_ERROR_VERIFY,      /* the new copy did not verify; it was removed */
  VASTUS_BACKUP_ERROR_DAMAGED,     /* the file is not a database, or is corrupt */
  VASTUS_BACKUP_ERROR_NOT_VASTUS,  /* a database, but not a Vastus one */
  VASTUS_BACKUP_ERROR_NEWER,       /* written by a newer Vastus */
  VASTUS_BACKUP_ERROR_BUSY,        /* another program holds the database */
  VASTUS_BACKUP_ERROR_INVALID,     /* e.g. restoring the database onto itself */
  VASTUS_BACKUP_ERROR_EXISTS,      /* the destination exists and may not be replaced */
} VastusBackupError;

GQuark vastus_backup_error_quark (void);

typedef enum
{
  VASTUS_BACKUP_KIND_REGULAR,
  VASTUS_BACKUP_KIND_PRE_MIGRATION,
  VASTUS_BACKUP_KIND_PRE_RESTORE,
  VASTUS_BACKUP_KIND_DAMAGED,
} VastusBackupKind;

/* Retention: every backup of the last 24 hours, then the newest backup of each of the 7 most
 * recent days, of the 4 most recent ISO weeks and of the 12 most recent months that have one
 * (the clinic's calendar: the local time zone). Applied to each kind on its own, except damaged
 * copies, which are kept. */
#define VASTUS_BACKUP_KEEP_DAILY   7
#define VASTUS_BACKUP_KEEP_WEEKLY  4
#define VASTUS_BACKUP_KEEP_MONTHLY 12

typedef struct
{
  char             *path;
  GDateTime        *time;            /* UTC, from the file name */
  VastusBackupKind  kind;
  goffset           size;            /* bytes */
  int               schema_version;  /* -1 when the file could not be read */
  gint64            n_patients;      /* -1 when the file could not be read */
  gint64            n_visits;        /* -1 when the file could not be read */
} VastusBackupInfo;

void              vastus_backup_info_free      (VastusBackupInfo *info);

/* <dbdir>/backups, of the folder the database really is in: symbolic links, "." and ".."
 * resolved (one database reached by two paths has one backups folder). */
char             *vastus_backup_get_folder     (const char       *db_path);
/* The name the backups of the database at @db_path begin with: its real file name (a symbolic
 * link resolved) without ".db" ("clinic" for /x/clinic.db), or its whole file name when it has no
 * such ending. */
char             *vastus_backup_get_stem       (const char       *db_path);

/* The name a backup of the database of @stem taken at @time gets (no folder, no collision
 * counter). */
char             *vastus_backup_make_name      (const char       *stem,
                                                GDateTime        *time,
                                                VastusBackupKind  kind);
/* Parses the file name (without folder) of a backup of the database of @stem, exactly: FALSE
 * for anything else, another database's backups included. */
gboolean          vastus_backup_parse_name     (const char       *stem,
                                                const char       *name,
                                                GDateTime       **time,
                                                VastusBackupKind *kind);

/* The retention rule above, pure: @times in any order; returns @n_times flags (g_free), TRUE
 * for each backup to keep. Days, weeks and months are those of @now's time zone. Backups dated
 * after @now are kept. */
gboolean         *vastus_backup_retention      (GDateTime *const *times,
                                                guint             n_times,
                                                GDateTime        *now);

typedef enum
{
  VASTUS_BACKUP_CREATE_DEFAULT = 0,
  VASTUS_BACKUP_CREATE_REPLACE = 1 << 0,   /* an existing @dest is replaced (in one step) */
} VastusBackupCreateFlags;

/* Takes a verified backup of @db: a copy in memory whose schema is the one its version must have
 * and whose quick check (every constraint) passes, written as an unnamed file, read back, synced
 * and only then named, so that a process killed on the way leaves no copy behind. @dest NULL:
 * into the backups folder, named after @now (NULL: the clock), then rotates older backups of
 * the same kind. Otherwise into @dest (0600), no rotation: an existing @dest is refused
 * (VASTUS_BACKUP_ERROR_EXISTS) unless VASTUS_BACKUP_CREATE_REPLACE, and the database itself or
 * its -wal, -shm or -journal is never replaced (INVALID). Returns the new file's path. When only
 * syncing the folder fails, the backup is there and is returned, but nothing is rotated. */
char             *vastus_backup_create_full    (VastusDatabase   *db,
                                                const char       *dest,
                                                VastusBackupCreateFlags flags,
                                                VastusBackupKind  kind,
                                                GDateTime        *now,
                                                GError          **error);
/* vastus_backup_create_full without flags. */
char             *vastus_backup_create         (VastusDatabase   *db,
                                                const char       *dest,
                                                VastusBackupKind  kind,
                                                GDateTime        *now,
                                                GError          **error);
/* The same from a database file that is not open here. */
char             *vastus_backup_create_from_path (const char     *db_path,
                                                const char       *dest,
                                                VastusBackupCreateFlags flags,
                                                VastusBackupKind  kind,
                                                GDateTime        *now,
                                                GError          **error);

/* After start-up: takes a regular backup of the database at @db_path when its newest backup
 * (by its own name) is older than a day or there is none. It opens a connection of its own, so it can run on a
 * thread while the database is in use. *created (optional) is the new file, NULL when none was
 * needed. */
gboolean          vastus_backup_automatic      (const char       *db_path,
                                                GDateTime        *now,
                                                char            **created,
                                                GError          **error);

/* Deletes the backups of the database at @db_path, in its backups folder, that the retention
 * rule does not keep; never another database's, nor one named by an older Vastus. */
gboolean          vastus_backup_rotate         (const char       *db_path,
                                                GDateTime        *now,
                                                GError          **error);

/* Reads @path without writing to it and checks it: that it is a Vastus database of a version
 * this one knows, with the schema that version must have, and its integrity (quick_check; with
 * @full, everything `vastus_database_check_full_path` checks, on a private copy). Fills @info
 * (optional; path, size, version and counts). */
gboolean          vastus_backup_verify         (const char       *path,
                                                gboolean          full,
                                                VastusBackupInfo **info,
                                                GError          **error);

/* The backups of the database at @db_path (its own, and older ones as said at the top), newest
 * first, with their counts (of VastusBackupInfo*). A folder that does not exist gives an empty
 * list. */
GPtrArray        *vastus_backup_list           (const char       *db_path,
                                                GError          **error);

/* Replaces the database at @db_path with @file. @file is copied into memory and that private,
 * writable copy is checked fully (vastus_database_check_full_path: schema, integrity with every
 * CHECK constraint, foreign keys, audit chain, measures and limits), and an older schema is
 * upgraded on a second copy to see that it opens; only then is the current database backed up
 * (kind pre-restore; a damaged one is copied aside raw) and the checked copy written in as one
 * transaction. A refused or failed restore leaves the database byte-for-byte as it was; one
 * stopped (vastus-progress.h) before the copy has committed leaves no backup behind either.
 * *safety_backup (optional) is the backup's path. A connection that is open on @db_path sees
 * the restored data; reopen it to migrate an older schema. */
gboolean          vastus_backup_restore        (const char       *db_path,
                                                const char       *file,
                                                GDateTime        *now,
                                                char            **safety_backup,
                                                GError          **error);

/* Everything that can be wrong with the file at @path, which is only read: FALSE with @error
 * for what opening refuses (no such file, empty, not a database, another program's, newer,
 * VASTUS_STORE_ERROR codes); otherwise TRUE, and @problems (of char*, one sentence each) lists
 * each difference from the schema its version must have, and, found on a private writable copy
 * in memory, what integrity_check reports (with CHECK constraints), foreign keys without their
 * row, breaks in the audit chain (the first broken entry and its time), measurements of a
 * measure the catalog lacks or outside its hard limits. Empty when all is well. */
gboolean          vastus_database_check_full_path   (const char       *path,
                                                GPtrArray       **problems,
                                                GError          **error);
gboolean          vastus_database_check_full   (VastusDatabase   *db,
                                                GPtrArray       **problems,
                                                GError          **error);

/* SHA-256 (hex) over the schema version, the schema and every row of every table, ordered by
 * value, read-only: equal for two files holding the same data (tests, restore checks). */
char             *vastus_backup_content_hash   (const char       *path,
                                                GError          **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VastusBackupInfo, vastus_backup_info_free)

G_END_DECLS
