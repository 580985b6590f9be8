/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vastus-profile-store"

#include "config.h"

#include "vastus-i18n.h"
#include <string.h>

#include "vastus-database-private.h"
#include "vastus-profile-store.h"
#include "vastus-text.h"

static const char *list_profiles_sql =
  "SELECT code, key_file FROM import_profile ORDER BY code";

GPtrArray *
vastus_database_list_profiles (VastusDatabase  *self,
                               GError         **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) vastus_profile_free);
  g_autoptr(VastusStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (VASTUS_IS_DATABASE (self), NULL);

  stmt = _vastus_database_prepare (self, list_profiles_sql, error);
  if (stmt == NULL)
    return NULL;
  while ((rc = _vastus_step (stmt)) == VASTUS_ROW)
    {
      g_autofree char *code = _vastus_column_text (stmt, 0);
      g_autofree char *text = _vastus_column_text (stmt, 1);
      g_autoptr(GError) local_error = NULL;
      VastusProfile *p = vastus_profile_new_from_data (code, text, strlen (text), &local_error);

      /* Checked when saved; a profile a newer catalog no longer reads is said, not skipped. */
      if (p == NULL)
        {
          g_set_error (error, VASTUS_STORE_ERROR, VASTUS_STORE_ERROR_FAILED,
                       /* Translators: the first %s is the device profile's id, the second the
                        * reason */
                       _("The saved profile “%s” cannot be used: %s"), code, local_error->message);
          return NULL;
        }
      g_ptr_array_add (list, p);
    }
  if (rc != VASTUS_DONE)
    {
      _vastus_database_set_error (self, error, rc, _("Could not read the import profiles"));
      return NULL;
    }
  return g_steal_pointer (&list);
}

static const char *save_profile_sql =
  "INSERT INTO import_profile (code, name, key_file) VALUES (?1, ?2, ?3) "
  "ON CONFLICT (code) DO UPDATE SET name = excluded.name, key_file = excluded.key_file, "
  "saved_at = excluded.saved_at";

gboolean
vastus_database_save_profile (VastusDatabase       *self,
                              const VastusProfile  *profile,
                              GError              **error)
{
  g_autoptr(GPtrArray) builtin = vastus_profile_list_builtin ();
  gboolean ok;

  g_return_val_if_fail (VASTUS_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (profile != NULL, FALSE);

  if (!vastus_profile_id_is_valid (profile->id))
    {
      g_autofree char *text = vastus_text_excerpt (profile->id);

      g_set_error (error, VASTUS_STORE_ERROR, VASTUS_STORE_ERROR_CONSTRAINT,
                   /* Translators: %s is the device profile's id as given; at most 64 characters */
                   _("“%s” cannot be a profile id (use a-z, 0-9, - and _, at most 64)"), text);
      return FALSE;
    }
  for (guint i = 0; i < builtin->len; i++)
    if (g_str_equal (((VastusProfile *) builtin->pdata[i])->id, profile->id))
      {
        g_set_error (error, VASTUS_STORE_ERROR, VASTUS_STORE_ERROR_CONSTRAINT,
                     /* Translators: %s is a device profile's id (“biodex”) */
                     _("“%s” is a built-in profile: save yours under another name"), profile->id);
        return FALSE;
      }

  if (!_vastus_database_write_begin (self, error))
    return FALSE;
  {
    g_autoptr(VastusStmt) stmt = _vastus_database_prepare (self, save_profile_sql, error);

    ok = stmt != NULL;
    if (ok)
      {
        _vastus_bind_text (stmt, 1, profile->id);
        _vastus_bind_text (stmt, 2, profile->name);
        _vastus_bind_text (stmt, 3, profile->text);
        ok = _vastus_database_step_done (self, stmt, _("Could not save the profile"), error);
      }
  }
  return _vastus_database_write_end (self, ok, error);
}

GPtrArray *
vastus_database_all_profiles (VastusDatabase  *self,
                              GError         **error)
{
  g_autoptr(GPtrArray) all = vastus_profile_list_builtin ();
  g_autoptr(GPtrArray) saved = vastus_database_list_profiles (self, error);

  if (saved == NULL)
    return NULL;
  for (guint i = 0; i < saved->len; i++)
    g_ptr_array_add (all, g_ptr_array_steal_index (saved, i--));
  return g_steal_pointer (&all);
}

VastusProfile *
vastus_database_find_profile (VastusDatabase  *self,
                              const char      *id,
                              GError         **error)
{
  g_autoptr(GPtrArray) all = vastus_database_all_profiles (self, error);
  g_autofree char *text = NULL;

  if (all == NULL)
    return NULL;
  for (guint i = 0; i < all->len; i++)
    if (g_str_equal (((VastusProfile *) all->pdata[i])->id, id))
      return g_ptr_array_steal_index (all, i);
  text = vastus_text_excerpt (id);
  g_set_error (error, VASTUS_STORE_ERROR, VASTUS_STORE_ERROR_NOT_FOUND,
               /* Translators: %s is the device profile's id asked for; keep “vastus-cli
                * profiles”, a command */
               _("No profile has the id “%s” (see vastus-cli profiles)"), text);
  return NULL;
}
