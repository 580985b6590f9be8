/* vastus-clinic-server.h: a clinic server's address as Preferences keeps it, and trying it
 *
 * The address a workstation connects to is built here and only here, from the fields a person
 * fills in (the GSettings keys server-host, server-port, server-database, server-user and
 * server-ca-file). The password is never part of it: it goes to libpq among the connection's
 * parameters (vastus_clinic_set_server_password).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct
{
  /* Empty or NULL: the server's default local socket; a folder (starting with "/"): the local
   * socket in it; anything else: a host name or address, reached over TCP with TLS. */
  const char *host;
  guint       port;       /* 0: PostgreSQL's 5432 */
  const char *database;
  const char *user;       /* the server login */
  const char *ca_file;    /* the certificate authority the server's certificate is checked
                           * against; needed for a TCP host */
} VastusServerAddress;

/* The libpq URI of @address: a local socket without TLS, a TCP host with
 * sslmode=verify-full and sslrootcert=@ca_file. INVALID (VASTUS_CLINIC_ERROR), naming the field,
 * for a missing database or login, a port outside 1–65535, a host with spaces or a "/" inside,
 * or a TCP host without a CA file. */
char     *vastus_server_address_to_uri        (const VastusServerAddress *address,
                                               GError                   **error);

/* The server of @uri (a clinic opened by `vastus --db` or $VASTUS_DB) as @login: every
 * parameter of @uri as it was but the login, in *@login_uri, and @address filled in for the
 * keyring (its strings are in the array returned, to free with g_strfreev). NULL with
 * INVALID (VASTUS_CLINIC_ERROR) when @uri is not a server's address libpq can read. */
char    **vastus_server_address_from_uri      (const char                *uri,
                                               const char                *login,
                                               VastusServerAddress       *address,
                                               char                     **login_uri,
                                               GError                   **error);

/* The password of later connections to @uri (the clinic's, and every worker's), in this
 * process's memory only; NULL forgets it. */
void      vastus_clinic_set_server_password   (const char                *uri,
                                               const char                *password);

/* The application is quitting (@quitting TRUE): a clinic server that does not answer keeps the
 * process 2 s at most, also for a statement waiting already (vastus_database_servers_quitting);
 * a draft it did not take is kept on this computer. Process-wide. */
void      vastus_clinic_servers_quitting      (gboolean                   quitting);

/* Connects once to @uri with @password on a thread of its own and checks that it holds a Vastus
 * database this version can open; the window never waits on the network. */
void      vastus_clinic_probe_server_async    (const char                *uri,
                                               const char                *password,
                                               GCancellable              *cancellable,
                                               GAsyncReadyCallback        callback,
                                               gpointer                   user_data);
/* TRUE with the server login in @login and its full name (or "") in @full_name; else the
 * reason, a VASTUS_CLINIC_ERROR with the server's message. */
gboolean  vastus_clinic_probe_server_finish   (GAsyncResult              *result,
                                               char                     **login,
                                               char                     **full_name,
                                               GError                   **error);

G_END_DECLS
