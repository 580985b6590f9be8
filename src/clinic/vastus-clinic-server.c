/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vastus-clinic"

#include "config.h"

#include "vastus-i18n.h"

#include <string.h>

#include "vastus-clinic.h"
#include "vastus-clinic-private.h"
#include "vastus-clinic-server.h"
#include "vastus-database.h"

#define DEFAULT_PORT 5432

typedef struct
{
  char *uri;
  char *password;
  char *login;
  char *full_name;
} Probe;

static void
probe_free (gpointer data)
{
  Probe *probe = data;

  g_free (probe->uri);
  if (probe->password != NULL)
    memset (probe->password, 0, strlen (probe->password));
  g_free (probe->password);
  g_free (probe->login);
  g_free (probe->full_name);
  g_free (probe);
}

static gboolean
is_empty (const char *text)
{
  return text == NULL || text[0] == '\0';
}

/* A host name or an IP address: letters, digits, ".", "-", "_" and ":" (IPv6). */
static gboolean
host_is_valid (const char *host)
{
  for (const char *c = host; *c != '\0'; c++)
    if (!g_ascii_isalnum (*c) && strchr (".-_:", *c) == NULL)
      return FALSE;
  return TRUE;
}

static char *
escape (const char *text)
{
  return g_uri_escape_string (text, NULL, FALSE);
}

static void
probe_thread (GTask        *task,
              gpointer      source,
              gpointer      data,
              GCancellable *cancellable)
{
  Probe *probe = data;
  GError *error = NULL;

  if (!vastus_database_probe_server (probe->uri, probe->password, &probe->login,
                                     &probe->full_name, &error))
    {
      _vastus_clinic_error_convert (&error);
      g_task_return_error (task, error);
      return;
    }
  g_task_return_boolean (task, TRUE);
}

char *
vastus_server_address_to_uri (const VastusServerAddress *address,
                              GError                   **error)
{
  const char *host;
  g_autofree char *user = NULL;
  g_autofree char *database = NULL;
  g_autofree char *authority = NULL;
  g_autofree char *port = NULL;
  gboolean socket;

  g_return_val_if_fail (address != NULL, NULL);

  host = address->host != NULL ? address->host : "";
  socket = host[0] == '\0' || host[0] == '/';
  if (address->port > 65535)
    {
      g_set_error (error, VASTUS_CLINIC_ERROR, VASTUS_CLINIC_ERROR_INVALID,
                   /* Translators: “Port” is the field's label in Preferences; %u the number typed */
                   _("Port: %u is not a port; it must be between 1 and 65535"), address->port);
      return NULL;
    }
  if (!socket && !host_is_valid (host))
    {
      g_set_error (error, VASTUS_CLINIC_ERROR, VASTUS_CLINIC_ERROR_INVALID,
                   /* Translators: “Host” is the field's label in Preferences; %s what was typed */
                   _("Host: “%s” is not a host name or address; it may hold only letters, digits, "
                     "“.”, “-”, “_” and “:” (or be the full path of a local socket’s folder, "
                     "starting with “/”)"), host);
      return NULL;
    }
  if (is_empty (address->database))
    {
      g_set_error_literal (error, VASTUS_CLINIC_ERROR, VASTUS_CLINIC_ERROR_INVALID,
                           /* Translators: “Database” is the field's label in Preferences */
                           _("Database: enter the name of the clinic’s database on the server"));
      return NULL;
    }
  if (is_empty (address->user))
    {
      g_set_error_literal (error, VASTUS_CLINIC_ERROR, VASTUS_CLINIC_ERROR_INVALID,
                           /* Translators: “Login” is the field's label in Preferences */
                           _("Login: enter your login on the clinic server"));
      return NULL;
    }
  if (!socket && is_empty (address->ca_file))
    {
      g_set_error (error, VASTUS_CLINIC_ERROR, VASTUS_CLINIC_ERROR_INVALID,
                   /* Translators: “CA Certificate” is the field's label in Preferences; %s the
                    * server's host name */
                   _("CA Certificate: %s is reached over the network, so its certificate must "
                     "be checked; choose the file of the certificate authority that signed it "
                     "(whoever runs the server has it)"), host);
      return NULL;
    }
  if (!socket && !g_path_is_absolute (address->ca_file))
    {
      g_set_error (error, VASTUS_CLINIC_ERROR, VASTUS_CLINIC_ERROR_INVALID,
                   /* Translators: “CA Certificate” is the field's label in Preferences; %s the
                    * path given */
                   _("CA Certificate: “%s” is not a full path; it must start with “/”"),
                   address->ca_file);
      return NULL;
    }

  user = escape (address->user);
  database = escape (address->database);
  if (address->port != 0)
    port = g_strdup_printf (":%u", address->port);
  if (socket)
    authority = escape (host);
  else if (strchr (host, ':') != NULL)
    authority = g_strdup_printf ("[%s]", host);
  else
    authority = g_strdup (host);
  if (socket)
    return g_strdup_printf ("postgresql://%s@%s%s/%s", user, authority, port ? port : "",
                            database);
  {
    g_autofree char *ca = escape (address->ca_file);

    return g_strdup_printf ("postgresql://%s@%s%s/%s?sslmode=verify-full&sslrootcert=%s", user,
                            authority, port ? port : "", database, ca);
  }
}

char **
vastus_server_address_from_uri (const char           *uri,
                                const char           *login,
                                VastusServerAddress  *address,
                                char                **login_uri,
                                GError              **error)
{
  char *host = NULL, *database = NULL, *ca_file = NULL;
  guint port = 0;
  char **strings;
  char *built;

  g_return_val_if_fail (uri != NULL, NULL);
  g_return_val_if_fail (login != NULL, NULL);
  g_return_val_if_fail (address != NULL, NULL);
  g_return_val_if_fail (login_uri != NULL, NULL);

  built = vastus_database_server_uri_as (uri, login, &host, &port, &database, &ca_file);
  if (built == NULL)
    {
      g_set_error_literal (error, VASTUS_CLINIC_ERROR, VASTUS_CLINIC_ERROR_INVALID,
                           _("The database in use is not on a clinic server, so there is no "
                             "other login to use"));
      return NULL;
    }
  strings = g_new0 (char *, 5);
  strings[0] = host;
  strings[1] = database;
  strings[2] = g_strdup (login);
  strings[3] = ca_file;
  *address = (VastusServerAddress) {
    .host = strings[0], .port = port, .database = strings[1], .user = strings[2],
    .ca_file = strings[3],
  };
  *login_uri = built;
  return strings;
}

void
vastus_clinic_servers_quitting (gboolean quitting)
{
  vastus_database_servers_quitting (quitting);
}

void
vastus_clinic_set_server_password (const char *uri,
                                   const char *password)
{
  g_return_if_fail (vastus_database_is_server_uri (uri));
  vastus_database_set_server_password (uri, password);
}

void
vastus_clinic_probe_server_async (const char          *uri,
                                  const char          *password,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Probe *probe;

  g_return_if_fail (vastus_database_is_server_uri (uri));

  probe = g_new0 (Probe, 1);
  probe->uri = g_strdup (uri);
  probe->password = g_strdup (password);
  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, vastus_clinic_probe_server_async);
  g_task_set_task_data (task, probe, probe_free);
  g_task_run_in_thread (task, probe_thread);
}

gboolean
vastus_clinic_probe_server_finish (GAsyncResult  *result,
                                   char         **login,
                                   char         **full_name,
                                   GError       **error)
{
  Probe *probe;

  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;
  probe = g_task_get_task_data (G_TASK (result));
  if (login != NULL)
    *login = g_strdup (probe->login);
  if (full_name != NULL)
    *full_name = g_strdup (probe->full_name);
  return TRUE;
}
