/* vastus-change-listener.h: what other workstations commit, as it happens
 *
 * On a clinic server (PostgreSQL), every committed change of a patient, an episode, a visit, its
 * measurements or a clinic criteria set sends a notice (postgresql/sql/016-change-notices.sql).
 * A VastusChangeListener receives them on a connection of its own, watched on a thread of its
 * own (the network never waits on the caller's thread), and delivers them, parsed, on the main
 * context that started it. When the connection is lost it says so and connects again by
 * itself; notices sent meanwhile are lost, which ::connected tells (@reconnected): read again
 * everything shown.
 *
 * A SQLite file has one user: there is nothing to listen to, and the listener does nothing
 * (vastus_change_listener_is_supported is FALSE).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "vastus-database.h"

G_BEGIN_DECLS

/* The channel the server's triggers notify on. */
#define VASTUS_CHANGE_CHANNEL "vastus_change"

typedef struct
{
  char   *table;        /* "patient", "episode", "visit", "measurement", "criteria_set" or
                         * "visit_lease" (a visit editor opened or closed: 017-visit-leases.sql) */
  char   *operation;    /* "insert", "update" or "delete" */
  gint64  patient_id;   /* 0: none (a criteria set) */
  gint64  episode_id;   /* an episode, a visit and a measurement: their episode; else 0 */
  gint64  visit_id;     /* a visit, and a measurement: its visit; else 0 */
  char   *mrn;          /* the patient's MRN; NULL for none */
  char   *key;          /* a criteria set's id; else NULL */
  char   *actor;        /* the server login that committed the change */
  char   *at;           /* when its transaction began: YYYY-MM-DDTHH:MM:SS.sssZ, UTC */
  int     session;      /* the server session (backend process) that committed it */
} VastusChangeNotice;

#define VASTUS_TYPE_CHANGE_NOTICE (vastus_change_notice_get_type ())

GType               vastus_change_notice_get_type (void) G_GNUC_CONST;
/* A notice's @payload (the server trigger's JSON) from @session; NULL with @error
 * (VASTUS_STORE_ERROR_FAILED, naming what is missing) when it is not one. */
VastusChangeNotice *vastus_change_notice_parse    (const char               *payload,
                                                   int                       session,
                                                   GError                  **error);
VastusChangeNotice *vastus_change_notice_copy     (const VastusChangeNotice *self);
void                vastus_change_notice_free     (VastusChangeNotice       *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VastusChangeNotice, vastus_change_notice_free)

#define VASTUS_TYPE_CHANGE_LISTENER (vastus_change_listener_get_type ())
G_DECLARE_FINAL_TYPE (VastusChangeListener, vastus_change_listener, VASTUS, CHANGE_LISTENER,
                      GObject)

/* A listener for the database at @path (a file or a server's URI, as vastus_database_open
 * takes), not started. */
VastusChangeListener *vastus_change_listener_new          (const char           *path);
/* FALSE for a SQLite file: start and stop do nothing, and nothing is ever delivered. */
gboolean              vastus_change_listener_is_supported (VastusChangeListener *self);
/* Connects (on the listener's thread) and delivers ::notice, ::connected and ::disconnected
 * on the thread-default main context of the caller. */
void                  vastus_change_listener_start        (VastusChangeListener *self);
/* Stops listening: nothing is delivered after it returns. Never waits: the listener's thread,
 * which may be connecting to a server that does not answer (up to the connect timeout), ends
 * by itself and closes its connection then. */
void                  vastus_change_listener_stop         (VastusChangeListener *self);
/* Whether the listener's connection is up (its ::connected came, and no ::disconnected since). */
gboolean              vastus_change_listener_is_connected (VastusChangeListener *self);
/* Drops the notices of server session @session (vastus_database_get_session): the changes a
 * workstation commits itself, which it announces already. */
void                  vastus_change_listener_ignore_session (VastusChangeListener *self,
                                                             int                   session);

/* The server session (backend process id) of @db's connection, as a notice names it; 0 for a
 * SQLite file. A connection the server dropped while idle is made again first: this is the
 * session @db's next statement runs in. */
int                   vastus_database_get_session         (VastusDatabase       *db);

G_END_DECLS
