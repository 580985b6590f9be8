/* vastus-local-draft.h: a visit's draft kept on this computer, while the clinic server cannot
 * be reached
 *
 * A draft is normally stored in the clinic's database (vastus-draft-store.h). When that write
 * fails (the server is stopped, unreachable or hung), what was typed is written to a private
 * file under the user's data folder ($XDG_DATA_HOME/vastus/drafts, readable by the user alone),
 * one per database and visit being entered, so that neither a closed window nor a quit loses
 * it; an editor opened for that visit offers it back, and it goes once the server holds the
 * draft again (or the visit is saved). The state is the editor's own text, as given.
 *
 * Local files, never waiting on the server. The window writes and removes them with the
 * _async calls: on a thread of their own (the clinic's writer may be waiting on a hung server
 * meanwhile), one after the other in the order they were asked for, so that a later draft is
 * never overwritten by an earlier one, nor a removal undone, and a read finds what was written
 * before it was asked for (an editor reads one the same way); each counts as pending in the
 * clinic (vastus_clinic_get_n_pending) until its result is delivered on the main context, and
 * closing the clinic waits for them. The synchronous calls run where they are called.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "vastus-clinic.h"

G_BEGIN_DECLS

/* Writes @state as the local draft of (@episode_id, @visit_id_or_0) of @clinic's database,
 * replacing the one there was; FALSE with @error (G_FILE_ERROR) when it could not be written. */
gboolean  vastus_local_draft_write  (VastusClinic  *clinic,
                                     gint64         episode_id,
                                     gint64         visit_id_or_0,
                                     const char    *state,
                                     GError       **error);
/* The local draft's state (g_free), and when it was written (UTC, @saved_at may be NULL);
 * NULL when there is none. */
char     *vastus_local_draft_read   (VastusClinic  *clinic,
                                     gint64         episode_id,
                                     gint64         visit_id_or_0,
                                     GDateTime    **saved_at);
/* Removes the local draft, if there is one. */
void      vastus_local_draft_remove (VastusClinic  *clinic,
                                     gint64         episode_id,
                                     gint64         visit_id_or_0);

/* vastus_local_draft_write () on the local drafts' thread, after every write and removal asked
 * for before. */
void      vastus_local_draft_write_async   (VastusClinic         *clinic,
                                            gint64                episode_id,
                                            gint64                visit_id_or_0,
                                            const char           *state,
                                            GAsyncReadyCallback   callback,
                                            gpointer              user_data);
gboolean  vastus_local_draft_write_finish  (VastusClinic         *clinic,
                                            GAsyncResult         *result,
                                            GError              **error);
/* vastus_local_draft_remove () there, in the same order. */
void      vastus_local_draft_remove_async  (VastusClinic         *clinic,
                                            gint64                episode_id,
                                            gint64                visit_id_or_0,
                                            GAsyncReadyCallback   callback,
                                            gpointer              user_data);
gboolean  vastus_local_draft_remove_finish (VastusClinic         *clinic,
                                            GAsyncResult         *result,
                                            GError              **error);

/* vastus_local_draft_read () there, in the same order. finish: the state (g_free) and when it
 * was written (@saved_at may be NULL), or NULL when there is none. */
void      vastus_local_draft_read_async    (VastusClinic         *clinic,
                                            gint64                episode_id,
                                            gint64                visit_id_or_0,
                                            GAsyncReadyCallback   callback,
                                            gpointer              user_data);
char     *vastus_local_draft_read_finish   (VastusClinic         *clinic,
                                            GAsyncResult         *result,
                                            GDateTime           **saved_at);

/* For tests: @hook hears each write (@state) and removal (@state NULL) of the _async calls, on
 * the thread that makes it, just before; it may wait there. NULL: none. */
typedef void (*VastusLocalDraftHook) (const char *state,
                                      gpointer    user_data);
void      vastus_local_draft_set_hook      (VastusLocalDraftHook  hook,
                                            gpointer              user_data);
/* For tests: the same for each read of vastus_local_draft_read_async (@state NULL). */
void      vastus_local_draft_set_read_hook (VastusLocalDraftHook  hook,
                                            gpointer              user_data);

G_END_DECLS
