/* vastus-backup-window.h: "Backups": the backups kept beside the database, backing up to a file,
 * and restoring one
 *
 * Lists the backups newest first (read on the clinic's workers): when each was taken (local
 * time), its kind, size and how many patients and visits it holds. "Back Up Now…" writes a
 * verified copy (0600) to a file the user chooses (the folder is remembered in GSettings
 * "backup-folder"). "Restore…" on a backup asks first (the one confirmation in the app: it
 * replaces the whole database), then restores it through the clinic, which backs up the current
 * database first and then reads everything shown again; "restored" follows. Backing up and
 * restoring show how far they are, with Cancel, in the window's task bar. Errors are shown in
 * the window, never as a crash.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "vastus-clinic.h"
#include "vastus-task-bar.h"

G_BEGIN_DECLS

#define VASTUS_TYPE_BACKUP_WINDOW (vastus_backup_window_get_type ())
G_DECLARE_FINAL_TYPE (VastusBackupWindow, vastus_backup_window, VASTUS, BACKUP_WINDOW, AdwWindow)

VastusBackupWindow *vastus_backup_window_new          (GtkWindow          *parent,
                                                       VastusClinic       *clinic);
/* Reads the backups folder again, on the clinic's workers; the list shown stays until then. */
void                vastus_backup_window_reload       (VastusBackupWindow *self);
/* Of VastusBackupItem, newest first, as listed last. */
GListModel         *vastus_backup_window_get_backups  (VastusBackupWindow *self);
/* The row of backup @index (an AdwActionRow), for tests. */
GtkWidget          *vastus_backup_window_get_row      (VastusBackupWindow *self,
                                                       guint               index);
/* The text of the error shown in the window, NULL when none. */
const char         *vastus_backup_window_get_error_text (VastusBackupWindow *self);

/* What "Back Up Now…" does once a file is chosen: backs up on the clinic's workers, with
 * progress and Cancel in the window's task bar; the outcome is shown as a toast (and an error
 * in the window). */
void                vastus_backup_window_back_up_to   (VastusBackupWindow *self,
                                                       GFile              *file);
VastusTaskBar      *vastus_backup_window_get_task_bar (VastusBackupWindow *self);
/* "Restore…" on backup @index: presents the confirmation and returns it (owned by GTK);
 * its "restore" response restores. */
AdwMessageDialog   *vastus_backup_window_ask_restore  (VastusBackupWindow *self,
                                                       guint               index);

/* "2026-11-21 21:15" in local time, for a backup's UTC time. */
char               *vastus_backup_window_format_time  (GDateTime          *time);
/* "Daily backup", "Before an upgrade", "Before a restore", "Damaged copy". */
const char         *vastus_backup_window_kind_label   (VastusBackupItemKind kind);

G_END_DECLS
