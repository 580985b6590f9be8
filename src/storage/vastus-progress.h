/* vastus-progress.h: how far a long storage call is, and stopping it
 *
 * A long call (an export, a backup, a restore, a check) says how far it is with
 * vastus_progress_report () between its steps. Whoever runs it on a thread first installs, for
 * that thread, a function that hears it (vastus_progress_push ()) and answers FALSE to stop the
 * call: it then fails with G_IO_ERROR_CANCELLED and leaves nothing half-done (a file being
 * written is not put in place, a transaction is rolled back). Without a function installed,
 * reporting costs next to nothing and never stops anything.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* @done of @total steps (@total 0: unknown). FALSE: stop. */
typedef gboolean (*VastusProgressFunc) (guint64   done,
                                        guint64   total,
                                        gpointer  user_data);

/* For the calling thread, until the matching pop (they nest; the innermost hears). */
void     vastus_progress_push   (VastusProgressFunc  func,
                                 gpointer            user_data);
/* Until the matching pop, what is reported on this thread is the part of the outer call from
 * @start to @end (fractions of it): for a call made of calls that report. */
void     vastus_progress_push_part (double           start,
                                    double           end);
void     vastus_progress_pop    (void);

/* TRUE to go on; FALSE with G_IO_ERROR_CANCELLED when the call is to stop. */
gboolean vastus_progress_report (guint64             done,
                                 guint64             total,
                                 GError            **error);

G_END_DECLS
