/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vastus-keyring"

#include "config.h"

#include <string.h>

#include "vastus-i18n.h"

#include <libsecret/secret.h>

#include "vastus-keyring.h"

static const SecretSchema *
server_schema (void)
{
  static const SecretSchema schema = {
    "io.github.vastus.Vastus.Server", SECRET_SCHEMA_NONE,
    {
      { "host", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "port", SECRET_SCHEMA_ATTRIBUTE_INTEGER },
      { "database", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "user", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    }
  };

  return &schema;
}

/* The attributes of @address's password (the strings are @address's). */
static GHashTable *
attributes_for (const VastusServerAddress *address)
{
  GHashTable *attributes = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);

  g_hash_table_insert (attributes, "host",
                       g_strdup (address->host != NULL ? address->host : ""));
  g_hash_table_insert (attributes, "port", g_strdup_printf ("%u", address->port));
  g_hash_table_insert (attributes, "database",
                       g_strdup (address->database != NULL ? address->database : ""));
  g_hash_table_insert (attributes, "user",
                       g_strdup (address->user != NULL ? address->user : ""));
  return attributes;
}

static void
stored_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (secret_password_store_finish (result, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/* The search's first item, its secret loaded with it: the password, or none. */
static void
searched_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  GList *items = secret_service_search_finish (SECRET_SERVICE (source), result, &error);
  SecretValue *value = NULL;

  if (error != NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if (items != NULL)
    value = secret_item_get_secret (items->data);
  g_list_free_full (items, g_object_unref);
  g_task_return_pointer (task,
                         value != NULL ? secret_value_unref_to_password (value, NULL) : NULL,
                         (GDestroyNotify) secret_password_free);
}

static void
service_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  g_autoptr(SecretService) service = secret_service_get_finish (result, &error);

  if (service == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  secret_service_search (service, server_schema (), g_task_get_task_data (task),
                         SECRET_SEARCH_LOAD_SECRETS | SECRET_SEARCH_UNLOCK,
                         g_task_get_cancellable (task), searched_cb, g_object_ref (task));
}

static void
cleared_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  secret_password_clear_finish (result, &error);
  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

/* What storing keeps while the old entry goes. */
typedef struct
{
  GHashTable *attributes;
  char       *label;
  char       *password;
} Storing;

static void
storing_free (Storing *storing)
{
  g_hash_table_unref (storing->attributes);
  g_free (storing->label);
  memset (storing->password, 0, strlen (storing->password));
  g_free (storing->password);
  g_free (storing);
}

/* The login's old entry went (or there was none): the new one. */
static void
old_cleared_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  GTask *task = user_data;
  Storing *storing = g_task_get_task_data (task);
  GError *error = NULL;

  secret_password_clear_finish (result, &error);
  if (error != NULL)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  secret_password_storev (server_schema (), storing->attributes, SECRET_COLLECTION_DEFAULT,
                          storing->label, storing->password, g_task_get_cancellable (task),
                          stored_cb, task);
}

void
vastus_keyring_store_async (const VastusServerAddress *address,
                            const char                *password,
                            GCancellable              *cancellable,
                            GAsyncReadyCallback        callback,
                            gpointer                   user_data)
{
  Storing *storing;
  GTask *task;

  g_return_if_fail (address != NULL && password != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, vastus_keyring_store_async);
  storing = g_new0 (Storing, 1);
  storing->attributes = attributes_for (address);
  /* Translators: the keyring's name for the password; the login, the database, the server */
  storing->label = g_strdup_printf (_("Vastus: %s on %s at %s"), address->user, address->database,
                                    address->host != NULL && address->host[0] != '\0'
                                    /* Translators: in the keyring's name for the password
                                     * "Vastus: login on database at …", when the database server
                                     * is on this computer */
                                    ? address->host : _("this computer"));
  storing->password = g_strdup (password);
  g_task_set_task_data (task, storing, (GDestroyNotify) storing_free);
  /* The entry replaced is removed first: gnome-keyring 42 ends its service when an item is
   * stored over one with the same attributes in the same session. */
  secret_password_clearv (server_schema (), storing->attributes, cancellable, old_cleared_cb,
                          task);
}

gboolean
vastus_keyring_store_finish (GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

void
vastus_keyring_lookup_async (const VastusServerAddress *address,
                             GCancellable              *cancellable,
                             GAsyncReadyCallback        callback,
                             gpointer                   user_data)
{
  GTask *task;

  g_return_if_fail (address != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, vastus_keyring_lookup_async);
  g_task_set_task_data (task, attributes_for (address), (GDestroyNotify) g_hash_table_unref);
  /* A search that loads the secret, not secret_password_lookup (): libsecret 0.20.5's lookup
   * keeps a reference to the Secret Service's answer and never drops it. */
  secret_service_get (SECRET_SERVICE_NONE, cancellable, service_cb, task);
}

char *
vastus_keyring_lookup_finish (GAsyncResult  *result,
                              GError       **error)
{
  char *secret;
  char *password;

  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  /* Into GLib's allocator, the secret's own copy wiped. */
  secret = g_task_propagate_pointer (G_TASK (result), error);
  if (secret == NULL)
    return NULL;
  password = g_strdup (secret);
  secret_password_free (secret);
  return password;
}

void
vastus_keyring_clear_async (const VastusServerAddress *address,
                            GCancellable              *cancellable,
                            GAsyncReadyCallback        callback,
                            gpointer                   user_data)
{
  g_autoptr(GHashTable) attributes = NULL;
  GTask *task;

  g_return_if_fail (address != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, vastus_keyring_clear_async);
  attributes = attributes_for (address);
  secret_password_clearv (server_schema (), attributes, cancellable, cleared_cb, task);
}

gboolean
vastus_keyring_clear_finish (GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}
