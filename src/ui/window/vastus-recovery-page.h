/* vastus-recovery-page.h: what the window shows when the database cannot be opened
 *
 * Built from the error of opening the clinic (VASTUS_CLINIC_ERROR): a specific message for each
 * cause (damaged, not a Vastus database, written by a newer Vastus, read-only, in use by another
 * program, disk full), naming the file, shown at once. The file itself is never written here.
 * A damaged or foreign file is then copied aside, byte for byte, into the backups folder as a
 * "damaged" copy (once per content), and the newest backup that verifies is offered, both on the
 * clinic's workers with progress: "Restore Newest Backup (DATE)" restores it through the clinic
 * (progress and Cancel) and emits "recovered", after which the caller opens the database again.
 * For a busy or read-only file "Try Again" emits "retry". Cancel stops the search (no copy is
 * set aside after it, and no backup offered) or the restore (the file as it was).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "vastus-clinic.h"
#include "vastus-task-bar.h"

G_BEGIN_DECLS

#define VASTUS_TYPE_RECOVERY_PAGE (vastus_recovery_page_get_type ())
G_DECLARE_FINAL_TYPE (VastusRecoveryPage, vastus_recovery_page, VASTUS, RECOVERY_PAGE, AdwBin)

/* @error is what opening @clinic gave. */
GtkWidget   *vastus_recovery_page_new               (VastusClinic       *clinic,
                                                     const GError       *error);

/* Starts restoring the offered backup (FALSE when there is none, or a task is under way); emits
 * "recovered" on success. On failure the page shows why. */
gboolean     vastus_recovery_page_restore           (VastusRecoveryPage *self);
/* Whether it is looking for a backup or restoring one. */
gboolean     vastus_recovery_page_get_busy          (VastusRecoveryPage *self);

const char  *vastus_recovery_page_get_title         (VastusRecoveryPage *self);
/* Plain text (the status page shows it as escaped markup). */
const char  *vastus_recovery_page_get_description   (VastusRecoveryPage *self);
/* The newest backup that verified (NULL when none is offered), and the copy set aside (NULL
 * when none was made or needed). */
const char  *vastus_recovery_page_get_backup_path   (VastusRecoveryPage *self);
const char  *vastus_recovery_page_get_kept_copy     (VastusRecoveryPage *self);
GtkWidget   *vastus_recovery_page_get_restore_button (VastusRecoveryPage *self);
GtkWidget   *vastus_recovery_page_get_retry_button  (VastusRecoveryPage *self);
/* A clinic server that did not answer at all (VASTUS_CLINIC_ERROR_UNREACHABLE): the page says
 * that Vastus is retrying (the window does), and offers another database (win.choose-database). */
gboolean     vastus_recovery_page_is_unreachable    (VastusRecoveryPage *self);
/* Where the search and the restore show how far they are, with Cancel. */
VastusTaskBar *vastus_recovery_page_get_task_bar    (VastusRecoveryPage *self);

G_END_DECLS
