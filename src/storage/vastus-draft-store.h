/* vastus-draft-store.h: what is typed into a visit editor, kept across a crash (sql/005-visit-drafts.sql)
 *
 * One draft per visit being entered: (episode, 0) for a new visit of the episode, (episode,
 * visit id) for a stored visit being edited. The state is the editor's own text, stored as
 * given. Drafts are not clinical records: they are not audited, and they go with their episode
 * or visit.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "vastus-database.h"

G_BEGIN_DECLS

/* Stores @state as the draft of (@episode_id, @visit_id_or_0), replacing the one there was, with
 * the time (UTC) and vastus_database_get_actor. */
gboolean    vastus_database_save_draft   (VastusDatabase  *self,
                                          gint64           episode_id,
                                          gint64           visit_id_or_0,
                                          const char      *state,
                                          GError         **error);
/* Reads the draft: TRUE with *@state (g_free) and *@saved_at (UTC; @saved_at may be NULL) when
 * there is one, TRUE with *@state NULL when there is none; FALSE with @error only when it
 * could not be read, so that "no draft" and a failure are never confused. */
gboolean    vastus_database_load_draft   (VastusDatabase  *self,
                                          gint64           episode_id,
                                          gint64           visit_id_or_0,
                                          char           **state,
                                          GDateTime      **saved_at,
                                          GError         **error);
/* Deletes the draft; TRUE also when there was none. */
gboolean    vastus_database_delete_draft (VastusDatabase  *self,
                                          gint64           episode_id,
                                          gint64           visit_id_or_0,
                                          GError         **error);

G_END_DECLS
