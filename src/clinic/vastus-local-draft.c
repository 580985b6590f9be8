/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vastus-clinic"

#include "config.h"

#include <errno.h>
#include "vastus-i18n.h"
#include <glib/gstdio.h>

#include "vastus-local-draft.h"

/* The file of a draft: the database's address, hashed (a server's URI may name a login, and
 * two databases never share a name), then the episode and the visit. */
static char *
draft_path (VastusClinic *clinic,
            gint64        episode_id,
            gint64        visit_id_or_0)
{
  g_autofree char *hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256,
                                                         vastus_clinic_get_path (clinic), -1);
  g_autofree char *name = g_strdup_printf ("%.16s-%" G_GINT64_FORMAT "-%" G_GINT64_FORMAT ".draft",
                                           hash, episode_id, visit_id_or_0);

  return g_build_filename (g_get_user_data_dir (), "vastus", "drafts", name, NULL);
}

gboolean
vastus_local_draft_write (VastusClinic  *clinic,
                          gint64         episode_id,
                          gint64         visit_id_or_0,
                          const char    *state,
                          GError       **error)
{
  g_autofree char *path = NULL;
  g_autofree char *dir = NULL;

  g_return_val_if_fail (VASTUS_IS_CLINIC (clinic), FALSE);
  g_return_val_if_fail (state != NULL, FALSE);

  path = draft_path (clinic, episode_id, visit_id_or_0);
  dir = g_path_get_dirname (path);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   /* Translators: a folder, then the system's reason */
                   _("Could not create the folder %s: %s"), dir, g_strerror (saved_errno));
      return FALSE;
    }
  /* Health data: the user's alone, whatever the umask. */
  return g_file_set_contents_full (path, state, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0600, error);
}

char *
vastus_local_draft_read (VastusClinic  *clinic,
                         gint64         episode_id,
                         gint64         visit_id_or_0,
                         GDateTime    **saved_at)
{
  g_autofree char *path = NULL;
  g_autofree char *state = NULL;
  GStatBuf st;

  g_return_val_if_fail (VASTUS_IS_CLINIC (clinic), NULL);

  path = draft_path (clinic, episode_id, visit_id_or_0);
  if (g_stat (path, &st) != 0 || !g_file_get_contents (path, &state, NULL, NULL))
    return NULL;
  if (saved_at != NULL)
    *saved_at = g_date_time_new_from_unix_utc (st.st_mtime);
  return g_steal_pointer (&state);
}

void
vastus_local_draft_remove (VastusClinic *clinic,
                           gint64        episode_id,
                           gint64        visit_id_or_0)
{
  g_autofree char *path = NULL;

  g_return_if_fail (VASTUS_IS_CLINIC (clinic));

  path = draft_path (clinic, episode_id, visit_id_or_0);
  g_unlink (path);
}
