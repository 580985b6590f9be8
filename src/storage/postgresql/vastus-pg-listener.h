/* vastus-pg-listener.h: LISTEN on a connection of its own, watched by a GSource on its socket
 * (for vastus-change-listener.c only)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "vastus-conn.h"

G_BEGIN_DECLS

typedef enum
{
  VASTUS_PG_LISTEN_CONNECTED,  /* listening; @pid is its own session */
  VASTUS_PG_LISTEN_LOST,       /* the connection failed or was lost: @text says why; retrying */
  VASTUS_PG_LISTEN_NOTICE,     /* @text is the payload, @pid the session that sent it */
} VastusPgListenEvent;

typedef void (*VastusPgListenFunc) (VastusPgListenEvent  event,
                                    const char          *text,
                                    int                  pid,
                                    gpointer             user_data);

typedef struct _VastusPgListen VastusPgListen;

/* Connects to @uri and listens on @channel, from sources attached to @context (a thread's
 * own: connecting blocks), calling @func there; after a loss it connects again, waiting
 * longer each time (up to a few seconds). */
VastusPgListen *_vastus_pg_listen_new     (const char         *uri,
                                           const char         *channel,
                                           GMainContext       *context,
                                           VastusPgListenFunc  func,
                                           gpointer            user_data);
/* On @context's thread: closes the connection, removes the sources. */
void            _vastus_pg_listen_free    (VastusPgListen     *self);

/* What a listener asked the server since it was made (for the tests): the heartbeats answered,
 * the clean-ups of ended sessions' visit leases among its questions, and those that failed. */
typedef struct
{
  guint n_heartbeats;
  guint n_cleanups;
  guint n_cleanups_failed;
} VastusPgListenCounts;
/* On @context's thread. */
void            _vastus_pg_listen_get_counts (VastusPgListen       *self,
                                              VastusPgListenCounts *counts);

/* The backend process id of a PostgreSQL connection. */
int             _vastus_pg_conn_session   (VastusConn         *conn);

G_END_DECLS
