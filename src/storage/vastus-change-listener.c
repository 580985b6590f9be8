/* vastus-change-listener.c: what other workstations commit, delivered on the caller's context
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The listener's thread runs a main loop of its own, where the engine's connection and its
 * socket's source live (vastus-pg-listener.c). Each event is parsed there and handed to the
 * owner's context; the thread and the object share a small refcounted state, so that the
 * object may go while an event is on its way (it then finds no one and is dropped).
 */
#define G_LOG_DOMAIN "vastus-database"

#include "config.h"

#include "vastus-i18n.h"

#include <json-glib/json-glib.h>

#include "vastus-change-listener.h"
#include "vastus-database-private.h"
#include "vastus-pg-conn.h"
#include "vastus-pg-database.h"
#include "vastus-pg-listener.h"

/* Notices */

G_DEFINE_BOXED_TYPE (VastusChangeNotice, vastus_change_notice,
                     vastus_change_notice_copy, vastus_change_notice_free)

static char *
member_text (JsonObject *object,
             const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return g_strdup (json_node_get_string (node));
}

static gint64
member_id (JsonObject *object,
           const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    return 0;
  return json_node_get_int (node);
}

VastusChangeNotice *
vastus_change_notice_parse (const char  *payload,
                            int          session,
                            GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(VastusChangeNotice) notice = NULL;
  JsonObject *object;

  g_return_val_if_fail (payload != NULL, NULL);

  if (!json_parser_load_from_data (parser, payload, -1, NULL)
      || !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      g_set_error (error, VASTUS_STORE_ERROR, VASTUS_STORE_ERROR_FAILED,
                   /* Translators: what a clinic server sent as a change notice */
                   _("A change notice is not a JSON object: %s"), payload);
      return NULL;
    }
  object = json_node_get_object (json_parser_get_root (parser));
  notice = g_new0 (VastusChangeNotice, 1);
  notice->table = member_text (object, "table");
  notice->operation = member_text (object, "op");
  notice->patient_id = member_id (object, "patient_id");
  notice->episode_id = member_id (object, "episode_id");
  notice->visit_id = member_id (object, "visit_id");
  notice->mrn = member_text (object, "mrn");
  notice->key = member_text (object, "key");
  notice->actor = member_text (object, "actor");
  notice->at = member_text (object, "at");
  notice->session = session;
  for (guint i = 0; i < 4; i++)
    {
      const char *names[] = { "table", "op", "actor", "at" };
      const char *values[] = { notice->table, notice->operation, notice->actor, notice->at };

      if (values[i] == NULL)
        {
          g_set_error (error, VASTUS_STORE_ERROR, VASTUS_STORE_ERROR_FAILED,
                       /* Translators: the missing member's name (keep it as it is), then what
                        * the server sent */
                       _("A change notice has no “%s”: %s"), names[i], payload);
          return NULL;
        }
    }
  return g_steal_pointer (&notice);
}

VastusChangeNotice *
vastus_change_notice_copy (const VastusChangeNotice *self)
{
  VastusChangeNotice *copy;

  g_return_val_if_fail (self != NULL, NULL);
  copy = g_memdup2 (self, sizeof *self);
  copy->table = g_strdup (self->table);
  copy->operation = g_strdup (self->operation);
  copy->mrn = g_strdup (self->mrn);
  copy->key = g_strdup (self->key);
  copy->actor = g_strdup (self->actor);
  copy->at = g_strdup (self->at);
  return copy;
}

void
vastus_change_notice_free (VastusChangeNotice *self)
{
  if (self == NULL)
    return;
  g_free (self->table);
  g_free (self->operation);
  g_free (self->mrn);
  g_free (self->key);
  g_free (self->actor);
  g_free (self->at);
  g_free (self);
}

/* The listener */

typedef struct
{
  gatomicrefcount  ref;
  char            *uri;
  GMainContext    *owner_context;
  GWeakRef         owner;
  GMainContext    *thread_context;
  GMainLoop       *loop;
} Shared;

typedef struct
{
  Shared             *shared;
  VastusPgListenEvent event;
  VastusChangeNotice *notice;
  char               *message;
} Event;

struct _VastusChangeListener
{
  GObject     parent_instance;
  char       *path;
  Shared     *shared;
  GThread    *thread;
  GHashTable *ignored;     /* sessions whose notices are dropped */
  gboolean    connected;
  gboolean    was_connected;
  gboolean    failing;     /* ::disconnected said so; retries failing again say nothing */
};

G_DEFINE_FINAL_TYPE (VastusChangeListener, vastus_change_listener, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CONNECTED,
  N_PROPS
};

enum {
  NOTICE,
  CONNECTED,
  DISCONNECTED,
  N_SIGNALS
};

static GParamSpec *properties [N_PROPS];
static guint signals [N_SIGNALS];

static Shared *
shared_ref (Shared *shared)
{
  g_atomic_ref_count_inc (&shared->ref);
  return shared;
}

static void
shared_unref (Shared *shared)
{
  if (!g_atomic_ref_count_dec (&shared->ref))
    return;
  g_weak_ref_clear (&shared->owner);
  g_main_context_unref (shared->owner_context);
  g_main_context_unref (shared->thread_context);
  g_main_loop_unref (shared->loop);
  g_free (shared->uri);
  g_free (shared);
}

static void
event_free (gpointer data)
{
  Event *event = data;

  shared_unref (event->shared);
  g_clear_pointer (&event->notice, vastus_change_notice_free);
  g_free (event->message);
  g_free (event);
}

static void
set_connected (VastusChangeListener *self,
               gboolean              connected)
{
  if (self->connected == connected)
    return;
  self->connected = connected;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONNECTED]);
}

/* On the owner's context. */
static gboolean
deliver_cb (gpointer data)
{
  Event *event = data;
  g_autoptr(VastusChangeListener) self = g_weak_ref_get (&event->shared->owner);

  /* Stopped (or gone) since the event left the thread. */
  if (self == NULL || self->shared != event->shared)
    return G_SOURCE_REMOVE;
  switch (event->event)
    {
    case VASTUS_PG_LISTEN_NOTICE:
      if (!g_hash_table_contains (self->ignored, GINT_TO_POINTER (event->notice->session)))
        g_signal_emit (self, signals[NOTICE], 0, event->notice);
      break;
    case VASTUS_PG_LISTEN_CONNECTED:
      self->failing = FALSE;
      set_connected (self, TRUE);
      g_signal_emit (self, signals[CONNECTED], 0, self->was_connected);
      self->was_connected = TRUE;
      break;
    case VASTUS_PG_LISTEN_LOST:
      /* Retries that fail again say nothing new. */
      if (!self->failing)
        g_signal_emit (self, signals[DISCONNECTED], 0, event->message);
      self->failing = TRUE;
      set_connected (self, FALSE);
      break;
    default:
      g_assert_not_reached ();
    }
  return G_SOURCE_REMOVE;
}

/* On the listener's thread. */
static void
listen_cb (VastusPgListenEvent  kind,
           const char          *text,
           int                  pid,
           gpointer             user_data)
{
  Shared *shared = user_data;
  Event *event;
  g_autoptr(GError) error = NULL;
  g_autoptr(VastusChangeNotice) notice = NULL;

  if (kind == VASTUS_PG_LISTEN_NOTICE)
    {
      notice = vastus_change_notice_parse (text, pid, &error);
      if (notice == NULL)
        {
          g_message ("%s", error->message);
          return;
        }
    }
  event = g_new0 (Event, 1);
  event->shared = shared_ref (shared);
  event->event = kind;
  event->notice = g_steal_pointer (&notice);
  event->message = kind == VASTUS_PG_LISTEN_LOST ? g_strdup (text) : NULL;
  g_main_context_invoke_full (shared->owner_context, G_PRIORITY_DEFAULT, deliver_cb, event,
                              event_free);
}

static gpointer
listen_thread (gpointer data)
{
  Shared *shared = data;
  VastusPgListen *listen;

  g_main_context_push_thread_default (shared->thread_context);
  listen = _vastus_pg_listen_new (shared->uri, VASTUS_CHANGE_CHANNEL, shared->thread_context,
                                  listen_cb, shared);
  g_main_loop_run (shared->loop);
  _vastus_pg_listen_free (listen);
  g_main_context_pop_thread_default (shared->thread_context);
  shared_unref (shared);
  return NULL;
}

static void
vastus_change_listener_dispose (GObject *object)
{
  vastus_change_listener_stop (VASTUS_CHANGE_LISTENER (object));

  G_OBJECT_CLASS (vastus_change_listener_parent_class)->dispose (object);
}

static void
vastus_change_listener_finalize (GObject *object)
{
  VastusChangeListener *self = VASTUS_CHANGE_LISTENER (object);

  g_clear_pointer (&self->ignored, g_hash_table_unref);
  g_free (self->path);

  G_OBJECT_CLASS (vastus_change_listener_parent_class)->finalize (object);
}

static void
vastus_change_listener_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  VastusChangeListener *self = VASTUS_CHANGE_LISTENER (object);

  switch (prop_id)
    {
    case PROP_CONNECTED:
      g_value_set_boolean (value, self->connected);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vastus_change_listener_class_init (VastusChangeListenerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = vastus_change_listener_dispose;
  object_class->finalize = vastus_change_listener_finalize;
  object_class->get_property = vastus_change_listener_get_property;

  properties[PROP_CONNECTED] =
    g_param_spec_boolean ("connected", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * VastusChangeListener::notice:
   * @notice: a VastusChangeNotice, committed by another session
   */
  signals[NOTICE] =
    g_signal_new ("notice", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, VASTUS_TYPE_CHANGE_NOTICE | G_SIGNAL_TYPE_STATIC_SCOPE);
  /**
   * VastusChangeListener::connected:
   * @reconnected: TRUE when the connection came back after a loss: notices sent meanwhile
   *   were lost, read again everything shown
   */
  signals[CONNECTED] =
    g_signal_new ("connected", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_BOOLEAN);
  /**
   * VastusChangeListener::disconnected:
   * @reason: the server's or the network's words (developer text)
   *
   * The connection failed or was lost; the listener connects again by itself.
   */
  signals[DISCONNECTED] =
    g_signal_new ("disconnected", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
vastus_change_listener_init (VastusChangeListener *self)
{
  self->ignored = g_hash_table_new (NULL, NULL);
}

VastusChangeListener *
vastus_change_listener_new (const char *path)
{
  VastusChangeListener *self;

  g_return_val_if_fail (path != NULL, NULL);

  self = g_object_new (VASTUS_TYPE_CHANGE_LISTENER, NULL);
  self->path = g_strdup (path);
  return self;
}

gboolean
vastus_change_listener_is_supported (VastusChangeListener *self)
{
  g_return_val_if_fail (VASTUS_IS_CHANGE_LISTENER (self), FALSE);
  return _vastus_pg_is_uri (self->path);
}

void
vastus_change_listener_start (VastusChangeListener *self)
{
  Shared *shared;

  g_return_if_fail (VASTUS_IS_CHANGE_LISTENER (self));

  if (self->shared != NULL || !vastus_change_listener_is_supported (self))
    return;
  shared = g_new0 (Shared, 1);
  g_atomic_ref_count_init (&shared->ref);
  shared->uri = g_strdup (self->path);
  shared->owner_context = g_main_context_ref_thread_default ();
  g_weak_ref_init (&shared->owner, self);
  shared->thread_context = g_main_context_new ();
  shared->loop = g_main_loop_new (shared->thread_context, FALSE);
  self->shared = shared;
  self->was_connected = FALSE;
  self->failing = FALSE;
  self->thread = g_thread_new ("vastus-listen", listen_thread, shared_ref (shared));
}

static gboolean
quit_cb (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_REMOVE;
}

void
vastus_change_listener_stop (VastusChangeListener *self)
{
  Shared *shared;

  g_return_if_fail (VASTUS_IS_CHANGE_LISTENER (self));

  if (self->shared == NULL)
    return;
  shared = g_steal_pointer (&self->shared);
  /* Events already on their way find another state (or none) and are dropped. */
  g_weak_ref_set (&shared->owner, NULL);
  g_main_context_invoke_full (shared->thread_context, G_PRIORITY_HIGH, quit_cb,
                              g_main_loop_ref (shared->loop), (GDestroyNotify) g_main_loop_unref);
  /* The thread holds its own reference to the shared state and ends when it can: a thread
   * stuck connecting must not hold up the caller (the window's main loop). */
  g_thread_unref (g_steal_pointer (&self->thread));
  shared_unref (shared);
  set_connected (self, FALSE);
}

gboolean
vastus_change_listener_is_connected (VastusChangeListener *self)
{
  g_return_val_if_fail (VASTUS_IS_CHANGE_LISTENER (self), FALSE);
  return self->connected;
}

void
vastus_change_listener_ignore_session (VastusChangeListener *self,
                                       int                   session)
{
  g_return_if_fail (VASTUS_IS_CHANGE_LISTENER (self));

  if (session != 0)
    g_hash_table_add (self->ignored, GINT_TO_POINTER (session));
}

int
vastus_database_get_session (VastusDatabase *db)
{
  g_return_val_if_fail (VASTUS_IS_DATABASE (db), 0);

  if (!_vastus_pg_is_uri (vastus_database_get_path (db)))
    return 0;
  _vastus_pg_conn_reconnect_if_dropped (_vastus_database_get_conn (db));
  return _vastus_pg_conn_session (_vastus_database_get_conn (db));
}
