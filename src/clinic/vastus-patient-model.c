/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vastus-clinic"

#include "config.h"

#include "vastus-clinic-private.h"
#include "vastus-patient-item-private.h"
#include "vastus-patient-model.h"
#include "vastus-value.h"

/* Rows kept beyond the items alive: a few pages, wherever they start. */
#define MAX_CACHED_PAGES 4
/* A new query reads its first rows with its ids: the first frame needs no second trip. */
#define FIRST_PAGES 2
/* Beyond this many steps the list is replaced at once (set_ids). */
#define MAX_STEPS 32

struct _VastusPatientModel
{
  GObject             parent_instance;

  VastusClinic       *clinic;
  char               *search;
  gboolean            archived;
  VastusPatientOrder  order;
  guint               page_size;

  GArray             *ids;           /* of gint64: the rows, in order */
  GHashTable         *rows;          /* id → VastusPatientSummary*: the rows read */
  GQueue              row_order;     /* of gint64* (the keys of rows), oldest first */
  GHashTable         *items;         /* id → VastusPatientItem*, not owned (weak references) */
  GPtrArray          *recent;        /* the items made this main-loop turn (at most a page) */
  guint               recent_source;
  GHashTable         *pages_asked;   /* page index being read → TRUE */
  GHashTable         *changed;       /* ids whose rows to read again with the next refresh */
  GCancellable       *cancellable;   /* the reads of this query */
  guint               serial;        /* the query's: reads of another query are dropped */
  guint               reads;         /* numbers the reads of ids … */
  guint               applied;       /* … and the latest applied */
  gboolean            loading;
  guint               refresh_source;
  GDate               today;
  GError             *error;
  guint               n_fetches;
};

static void vastus_patient_model_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (VastusPatientModel, vastus_patient_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      vastus_patient_model_list_model_init))

enum {
  PROP_0,
  PROP_CLINIC,
  PROP_SEARCH,
  PROP_ARCHIVED,
  PROP_ORDER,
  PROP_LOADING,
  PROP_PAGE_SIZE,
  PROP_N_ITEMS,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static GQuark id_quark;

/* What a read of the list is for. */
typedef struct
{
  VastusPatientQuery  query;
  char               *search;
  guint               serial;
  guint               read;
  GArray             *rows_for;      /* of gint64: also read these rows (NULL: the first pages) */
  guint               first_rows;
} ListRead;

typedef struct
{
  GArray    *ids;
  GPtrArray *rows;                   /* of VastusPatientSummary* */
} ListResult;

typedef struct
{
  guint   serial;
  guint   page;
  GArray *ids;
} PageRead;

static void
list_read_free (ListRead *read)
{
  g_free (read->search);
  g_clear_pointer (&read->rows_for, g_array_unref);
  g_free (read);
}

static void
list_result_free (ListResult *result)
{
  g_clear_pointer (&result->ids, g_array_unref);
  g_clear_pointer (&result->rows, g_ptr_array_unref);
  g_free (result);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ListResult, list_result_free)

static void
page_read_free (PageRead *read)
{
  g_clear_pointer (&read->ids, g_array_unref);
  g_free (read);
}

static VastusPatientSummary *
summary_copy (const VastusPatientSummary *summary)
{
  VastusPatientSummary *copy = g_new0 (VastusPatientSummary, 1);

  copy->patient = vastus_patient_copy (summary->patient);
  copy->last_visit = summary->last_visit;
  copy->n_visits = summary->n_visits;
  return copy;
}

static VastusPatientSort
storage_sort (VastusPatientOrder order)
{
  return order == VASTUS_PATIENT_ORDER_NAME ? VASTUS_PATIENT_SORT_NAME
                                            : VASTUS_PATIENT_SORT_LAST_VISIT;
}

static gint64
id_at (VastusPatientModel *self,
       guint               position)
{
  return g_array_index (self->ids, gint64, position);
}

/* Rows */

static void
remember_row (VastusPatientModel   *self,
              VastusPatientSummary *summary)
{
  gint64 *key = g_memdup2 (&summary->patient->id, sizeof (gint64));
  guint max = MAX_CACHED_PAGES * self->page_size;

  if (g_hash_table_contains (self->rows, key))
    {
      /* Keeps its place in the queue: the key there is the table's own. */
      g_hash_table_replace (self->rows, key, summary);
      return;
    }
  g_hash_table_insert (self->rows, key, summary);
  g_queue_push_tail (&self->row_order, key);
  while (g_queue_get_length (&self->row_order) > max)
    g_hash_table_remove (self->rows, g_queue_pop_head (&self->row_order));
}

static void
forget_rows (VastusPatientModel *self)
{
  g_queue_clear (&self->row_order);
  g_hash_table_remove_all (self->rows);
}

static void
item_finalized_cb (gpointer  data,
                   GObject  *where_the_object_was)
{
  VastusPatientModel *self = data;
  gint64 *id = g_object_get_qdata (where_the_object_was, id_quark);

  /* The qdata is still readable while weak references are notified. */
  g_hash_table_remove (self->items, id);
}

static void
forget_items (VastusPatientModel *self)
{
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, self->items);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_object_weak_unref (value, item_finalized_cb, self);
  g_hash_table_remove_all (self->items);
}

/* A row arrived (again): into the cache, and into its item when it has one. */
static void
take_row (VastusPatientModel   *self,
          VastusPatientSummary *summary)
{
  VastusPatientItem *item = g_hash_table_lookup (self->items, &summary->patient->id);

  remember_row (self, summary);
  if (item != NULL)
    {
      /* A ::changed handler may drop the last reference. */
      g_autoptr(VastusPatientItem) held = g_object_ref (item);

      _vastus_patient_item_replace (held, summary_copy (summary), &self->today);
    }
}

/* Reading */

static void queue_refresh (VastusPatientModel *self,
                           gint64              changed_id);

static gpointer
list_func (VastusClinicJob  *job,
           VastusDatabase   *db,
           gpointer          data,
           GCancellable     *cancellable,
           GError          **error)
{
  ListRead *read = data;
  g_autoptr(ListResult) result = g_new0 (ListResult, 1);

  result->ids = vastus_database_list_patient_ids (db, &read->query, error);
  if (result->ids == NULL)
    return NULL;
  if (read->rows_for != NULL)
    result->rows = vastus_database_get_patient_summaries (db, (gint64 *) read->rows_for->data,
                                                          read->rows_for->len, error);
  else
    result->rows = vastus_database_get_patient_summaries (db, (gint64 *) result->ids->data,
                                                          MIN (result->ids->len, read->first_rows),
                                                          error);
  if (result->rows == NULL)
    return NULL;
  return g_steal_pointer (&result);
}

static void
set_loading (VastusPatientModel *self,
             gboolean            loading)
{
  if (self->loading == loading)
    return;
  self->loading = loading;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_LOADING]);
}

/* The rows as read: exactly the rows that went, came or moved, as long as that takes few
 * steps; else every row replaced at once (a new order). A view walks every added row to find
 * the rows it tracks (GTK 4.8) when a step removes one of them: many steps, or one big
 * replacement, cost it as much. */
/* The list's ids are @ids now. The same query read again (a patient changed) changes the rows
 * it must, step by step; a new query (@whole: another search, sort or filter) is a new list, said
 * in one change (GTK 4.8's grid lost track of its rows when a new query's many steps came one
 * after the other: "Duplicate item detected in list"). */
static void
set_ids (VastusPatientModel *self,
         GArray             *ids,
         gboolean            whole)
{
  g_autoptr(GArray) steps = _vastus_diff_ids ((gint64 *) self->ids->data, self->ids->len,
                                              (gint64 *) ids->data, ids->len);
  guint old_n = self->ids->len;

  if (steps->len > MAX_STEPS || (whole && steps->len > 1))
    {
      g_array_unref (self->ids);
      self->ids = g_array_ref (ids);
      g_list_model_items_changed (G_LIST_MODEL (self), 0, old_n, ids->len);
    }
  else
    for (guint i = 0; i < steps->len; i++)
      {
        const VastusDiffStep *step = &g_array_index (steps, VastusDiffStep, i);

        if (step->removed > 0)
          g_array_remove_range (self->ids, step->position, step->removed);
        if (step->added > 0)
          g_array_insert_vals (self->ids, step->position,
                               &g_array_index (ids, gint64, step->new_start), step->added);
        g_list_model_items_changed (G_LIST_MODEL (self), step->position, step->removed,
                                    step->added);
      }
  if (steps->len > 0)
    g_hash_table_remove_all (self->pages_asked);
  if (old_n != self->ids->len)
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_N_ITEMS]);
}

static void
list_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(VastusPatientModel) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(ListResult) list = NULL;
  ListRead *read = g_task_get_task_data (G_TASK (result));
  guint serial = read->serial, number = read->read;
  gboolean whole = read->rows_for == NULL;

  list = _vastus_clinic_finish (VASTUS_CLINIC (source), result, list_func, &error);
  if (serial != self->serial || number < self->applied)
    return;
  self->applied = number;
  if (whole)
    set_loading (self, FALSE);
  g_clear_error (&self->error);
  if (list == NULL)
    {
      g_autoptr(GArray) none = g_array_new (FALSE, FALSE, sizeof (gint64));

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      g_debug ("Listing patients failed: %s", error->message);
      self->error = g_steal_pointer (&error);
      set_ids (self, none, whole);
      return;
    }
  for (guint i = 0; i < list->rows->len; i++)
    take_row (self, g_steal_pointer (&g_ptr_array_index (list->rows, i)));
  set_ids (self, list->ids, whole);
}

/* Reads the list: the whole of a new query (@rows_for NULL), or the ids again with the rows of
 * @rows_for. */
static void
read_list (VastusPatientModel *self,
           GArray             *rows_for)
{
  ListRead *read = g_new0 (ListRead, 1);

  read->search = g_strdup (self->search);
  read->query.search = read->search;
  read->query.archived = self->archived;
  read->query.sort = storage_sort (self->order);
  read->serial = self->serial;
  read->read = ++self->reads;
  read->rows_for = rows_for != NULL ? g_array_ref (rows_for) : NULL;
  read->first_rows = FIRST_PAGES * self->page_size;
  _vastus_clinic_run (self->clinic, VASTUS_CLINIC_READ, list_func, read,
                      (GDestroyNotify) list_read_free, (GDestroyNotify) list_result_free,
                      self->cancellable, list_func, list_done_cb, g_object_ref (self));
}

static gpointer
page_func (VastusClinicJob  *job,
           VastusDatabase   *db,
           gpointer          data,
           GCancellable     *cancellable,
           GError          **error)
{
  PageRead *read = data;

  return vastus_database_get_patient_summaries (db, (gint64 *) read->ids->data, read->ids->len,
                                                error);
}

static void
page_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(VastusPatientModel) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GHashTable) returned = g_hash_table_new (g_int64_hash, g_int64_equal);
  PageRead *read = g_task_get_task_data (G_TASK (result));
  gboolean gone = FALSE;

  rows = _vastus_clinic_finish (VASTUS_CLINIC (source), result, page_func, &error);
  if (read->serial != self->serial)
    return;
  g_hash_table_remove (self->pages_asked, GUINT_TO_POINTER (read->page));
  if (rows == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("Reading patients failed: %s", error->message);
      return;
    }
  for (guint i = 0; i < rows->len; i++)
    {
      VastusPatientSummary *summary = g_ptr_array_index (rows, i);

      g_hash_table_add (returned, &summary->patient->id);
      /* Archived or restored by someone else: no longer this list's. */
      gone |= summary->patient->archived != self->archived;
    }
  /* Removed by someone else: the next read of the list drops their rows. */
  for (guint i = 0; i < read->ids->len; i++)
    gone |= !g_hash_table_contains (returned, &g_array_index (read->ids, gint64, i));
  for (guint i = 0; i < rows->len; i++)
    take_row (self, g_steal_pointer (&g_ptr_array_index (rows, i)));
  if (gone)
    queue_refresh (self, 0);
}

static void
read_page (VastusPatientModel *self,
           guint               page)
{
  PageRead *read;
  guint start = page * self->page_size;

  if (g_hash_table_contains (self->pages_asked, GUINT_TO_POINTER (page)) || start >= self->ids->len)
    return;
  g_hash_table_add (self->pages_asked, GUINT_TO_POINTER (page));
  read = g_new0 (PageRead, 1);
  read->serial = self->serial;
  read->page = page;
  read->ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), self->page_size);
  g_array_append_vals (read->ids, &g_array_index (self->ids, gint64, start),
                       MIN (self->page_size, self->ids->len - start));
  self->n_fetches++;
  _vastus_clinic_run (self->clinic, VASTUS_CLINIC_READ, page_func, read,
                      (GDestroyNotify) page_read_free, (GDestroyNotify) g_ptr_array_unref,
                      self->cancellable, page_func, page_done_cb, g_object_ref (self));
}

/* Changes */

static gboolean
refresh_cb (gpointer user_data)
{
  VastusPatientModel *self = user_data;
  g_autoptr(GArray) changed = g_array_new (FALSE, FALSE, sizeof (gint64));
  GHashTableIter iter;
  gpointer key;

  self->refresh_source = 0;
  _vastus_clinic_release (self->clinic);
  g_hash_table_iter_init (&iter, self->changed);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_array_append_val (changed, *(gint64 *) key);
  g_hash_table_remove_all (self->changed);
  read_list (self, changed);
  return G_SOURCE_REMOVE;
}

/* Reads the ids again once this main-loop turn's changes are in, with the rows of the patients
 * that changed (@changed_id; 0: none). */
static void
queue_refresh (VastusPatientModel *self,
               gint64              changed_id)
{
  if (changed_id != 0)
    g_hash_table_add (self->changed, g_memdup2 (&changed_id, sizeof changed_id));
  if (self->refresh_source != 0)
    return;
  _vastus_clinic_hold (self->clinic);
  self->refresh_source = g_idle_add_full (G_PRIORITY_HIGH_IDLE, refresh_cb, self, NULL);
}

static void
patient_changed_cb (VastusPatientModel       *self,
                    const VastusClinicChange *change)
{
  queue_refresh (self, change->patient_id != 0 ? change->patient_id : change->id);
}

static void
start_query (VastusPatientModel *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->serial++;
  vastus_date_today (&self->today);
  g_hash_table_remove_all (self->pages_asked);
  set_loading (self, TRUE);
  read_list (self, NULL);
}

static void
reloaded_cb (VastusPatientModel *self)
{
  forget_rows (self);
  if (vastus_clinic_is_open (self->clinic))
    start_query (self);
}

/* GListModel */

static gboolean
forget_recent_cb (gpointer user_data)
{
  VastusPatientModel *self = user_data;

  self->recent_source = 0;
  g_ptr_array_set_size (self->recent, 0);
  return G_SOURCE_REMOVE;
}

/* A view asks for an item, drops it and asks again within one turn (GTK 4.8 does, on
 * items-changed): it gets the same one. */
static void
keep_recent (VastusPatientModel *self,
             VastusPatientItem  *item)
{
  if (self->recent->len >= self->page_size)
    g_ptr_array_remove_index (self->recent, 0);
  g_ptr_array_add (self->recent, g_object_ref (item));
  if (self->recent_source == 0)
    self->recent_source = g_idle_add_full (G_PRIORITY_LOW, forget_recent_cb, self, NULL);
}


static GType
vastus_patient_model_get_item_type (GListModel *model)
{
  return VASTUS_TYPE_PATIENT_ITEM;
}

static guint
vastus_patient_model_get_n_items (GListModel *model)
{
  return VASTUS_PATIENT_MODEL (model)->ids->len;
}

static gpointer
vastus_patient_model_get_item (GListModel *model,
                               guint       position)
{
  VastusPatientModel *self = VASTUS_PATIENT_MODEL (model);
  VastusPatientSummary *row;
  VastusPatientItem *item;
  gint64 id;

  if (position >= self->ids->len)
    return NULL;

  id = id_at (self, position);
  item = g_hash_table_lookup (self->items, &id);
  if (item != NULL)
    return g_object_ref (item);

  row = g_hash_table_lookup (self->rows, &id);
  if (row != NULL)
    item = _vastus_patient_item_new (summary_copy (row), &self->today);
  else
    {
      item = _vastus_patient_item_new_pending (id);
      read_page (self, position / self->page_size);
    }
  g_object_set_qdata_full (G_OBJECT (item), id_quark, g_memdup2 (&id, sizeof id), g_free);
  g_object_weak_ref (G_OBJECT (item), item_finalized_cb, self);
  g_hash_table_insert (self->items, g_object_get_qdata (G_OBJECT (item), id_quark), item);
  keep_recent (self, item);
  return item;
}

static void
vastus_patient_model_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = vastus_patient_model_get_item_type;
  iface->get_n_items = vastus_patient_model_get_n_items;
  iface->get_item = vastus_patient_model_get_item;
}

/* GObject */

static void
vastus_patient_model_constructed (GObject *object)
{
  VastusPatientModel *self = VASTUS_PATIENT_MODEL (object);

  G_OBJECT_CLASS (vastus_patient_model_parent_class)->constructed (object);

  g_assert (VASTUS_IS_CLINIC (self->clinic));
  g_signal_connect_object (self->clinic, "patient-changed", G_CALLBACK (patient_changed_cb), self,
                           G_CONNECT_SWAPPED);
  /* A visit changes its patient's row: the last visit, the count, the order by last visit. */
  g_signal_connect_object (self->clinic, "visit-changed", G_CALLBACK (patient_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->clinic, "reloaded", G_CALLBACK (reloaded_cb), self,
                           G_CONNECT_SWAPPED);
  /* Read once the database is open (and again when it was opened anew). */
  g_signal_connect_object (self->clinic, "notify::open", G_CALLBACK (reloaded_cb), self,
                           G_CONNECT_SWAPPED);
  if (vastus_clinic_is_open (self->clinic))
    start_query (self);
  else
    set_loading (self, TRUE);
}

static void
vastus_patient_model_dispose (GObject *object)
{
  VastusPatientModel *self = VASTUS_PATIENT_MODEL (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->recent_source, g_source_remove);
  if (self->recent != NULL)
    g_ptr_array_set_size (self->recent, 0);
  if (self->refresh_source != 0)
    {
      g_clear_handle_id (&self->refresh_source, g_source_remove);
      _vastus_clinic_release (self->clinic);
    }
  G_OBJECT_CLASS (vastus_patient_model_parent_class)->dispose (object);
}

static void
vastus_patient_model_finalize (GObject *object)
{
  VastusPatientModel *self = VASTUS_PATIENT_MODEL (object);

  g_clear_pointer (&self->recent, g_ptr_array_unref);
  forget_items (self);
  g_clear_pointer (&self->items, g_hash_table_unref);
  forget_rows (self);
  g_clear_pointer (&self->rows, g_hash_table_unref);
  g_clear_pointer (&self->pages_asked, g_hash_table_unref);
  g_clear_pointer (&self->changed, g_hash_table_unref);
  g_clear_pointer (&self->ids, g_array_unref);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->clinic);
  g_clear_pointer (&self->search, g_free);
  g_clear_error (&self->error);

  G_OBJECT_CLASS (vastus_patient_model_parent_class)->finalize (object);
}

static void
vastus_patient_model_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  VastusPatientModel *self = VASTUS_PATIENT_MODEL (object);

  switch (prop_id)
    {
    case PROP_CLINIC:
      g_value_set_object (value, self->clinic);
      break;
    case PROP_SEARCH:
      g_value_set_string (value, self->search);
      break;
    case PROP_ARCHIVED:
      g_value_set_boolean (value, self->archived);
      break;
    case PROP_ORDER:
      g_value_set_int (value, self->order);
      break;
    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;
    case PROP_PAGE_SIZE:
      g_value_set_uint (value, self->page_size);
      break;
    case PROP_N_ITEMS:
      g_value_set_uint (value, self->ids->len);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vastus_patient_model_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  VastusPatientModel *self = VASTUS_PATIENT_MODEL (object);

  switch (prop_id)
    {
    case PROP_CLINIC:
      self->clinic = g_value_dup_object (value);
      break;
    case PROP_PAGE_SIZE:
      vastus_patient_model_set_page_size (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vastus_patient_model_class_init (VastusPatientModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = vastus_patient_model_constructed;
  object_class->dispose = vastus_patient_model_dispose;
  object_class->finalize = vastus_patient_model_finalize;
  object_class->get_property = vastus_patient_model_get_property;
  object_class->set_property = vastus_patient_model_set_property;

  properties [PROP_CLINIC] =
    g_param_spec_object ("clinic", NULL, NULL, VASTUS_TYPE_CLINIC,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties [PROP_SEARCH] =
    g_param_spec_string ("search", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties [PROP_ARCHIVED] =
    g_param_spec_boolean ("archived", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties [PROP_ORDER] =
    g_param_spec_int ("order", NULL, NULL, 0, G_MAXINT, VASTUS_PATIENT_ORDER_LAST_VISIT,
                      G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties [PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties [PROP_PAGE_SIZE] =
    g_param_spec_uint ("page-size", NULL, NULL, 1, G_MAXUINT,
                       VASTUS_PATIENT_MODEL_DEFAULT_PAGE_SIZE,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties [PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  id_quark = g_quark_from_static_string ("vastus-patient-model-id");
}

static void
vastus_patient_model_init (VastusPatientModel *self)
{
  self->page_size = VASTUS_PATIENT_MODEL_DEFAULT_PAGE_SIZE;
  self->order = VASTUS_PATIENT_ORDER_LAST_VISIT;
  self->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->rows = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                      (GDestroyNotify) vastus_patient_summary_free);
  self->items = g_hash_table_new (g_int64_hash, g_int64_equal);
  self->recent = g_ptr_array_new_with_free_func (g_object_unref);
  self->pages_asked = g_hash_table_new (NULL, NULL);
  self->changed = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_queue_init (&self->row_order);
  vastus_date_today (&self->today);
}

/* Public API */

VastusPatientModel *
vastus_patient_model_new (VastusClinic *clinic)
{
  g_return_val_if_fail (VASTUS_IS_CLINIC (clinic), NULL);

  return g_object_new (VASTUS_TYPE_PATIENT_MODEL, "clinic", clinic, NULL);
}

VastusClinic *
vastus_patient_model_get_clinic (VastusPatientModel *self)
{
  g_return_val_if_fail (VASTUS_IS_PATIENT_MODEL (self), NULL);

  return self->clinic;
}

void
vastus_patient_model_set_query (VastusPatientModel *self,
                                const char         *search,
                                gboolean            archived,
                                VastusPatientOrder  order)
{
  g_autofree char *stripped = NULL;

  g_return_if_fail (VASTUS_IS_PATIENT_MODEL (self));

  if (search != NULL)
    {
      stripped = g_strstrip (g_strdup (search));
      if (*stripped == '\0')
        g_clear_pointer (&stripped, g_free);
    }
  archived = !!archived;

  if (g_strcmp0 (stripped, self->search) == 0 && archived == self->archived && order == self->order)
    return;

  g_object_freeze_notify (G_OBJECT (self));
  if (g_strcmp0 (stripped, self->search) != 0)
    {
      g_free (self->search);
      self->search = g_steal_pointer (&stripped);
      g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_SEARCH]);
    }
  if (archived != self->archived)
    {
      self->archived = archived;
      g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_ARCHIVED]);
    }
  if (order != self->order)
    {
      self->order = order;
      g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_ORDER]);
    }
  if (vastus_clinic_is_open (self->clinic))
    start_query (self);
  g_object_thaw_notify (G_OBJECT (self));
}

const char *
vastus_patient_model_get_search (VastusPatientModel *self)
{
  g_return_val_if_fail (VASTUS_IS_PATIENT_MODEL (self), NULL);

  return self->search;
}

gboolean
vastus_patient_model_get_archived (VastusPatientModel *self)
{
  g_return_val_if_fail (VASTUS_IS_PATIENT_MODEL (self), FALSE);

  return self->archived;
}

VastusPatientOrder
vastus_patient_model_get_order (VastusPatientModel *self)
{
  g_return_val_if_fail (VASTUS_IS_PATIENT_MODEL (self), VASTUS_PATIENT_ORDER_LAST_VISIT);

  return self->order;
}

gboolean
vastus_patient_model_get_loading (VastusPatientModel *self)
{
  g_return_val_if_fail (VASTUS_IS_PATIENT_MODEL (self), FALSE);

  return self->loading;
}

gboolean
vastus_patient_model_find_position (VastusPatientModel *self,
                                    gint64              patient_id,
                                    guint              *position)
{
  g_return_val_if_fail (VASTUS_IS_PATIENT_MODEL (self), FALSE);

  for (guint i = 0; i < self->ids->len; i++)
    if (id_at (self, i) == patient_id)
      {
        if (position != NULL)
          *position = i;
        return TRUE;
      }
  return FALSE;
}

guint
vastus_patient_model_get_page_size (VastusPatientModel *self)
{
  g_return_val_if_fail (VASTUS_IS_PATIENT_MODEL (self), 0);

  return self->page_size;
}

void
vastus_patient_model_set_page_size (VastusPatientModel *self,
                                    guint               page_size)
{
  g_return_if_fail (VASTUS_IS_PATIENT_MODEL (self));
  g_return_if_fail (page_size > 0);

  if (page_size == self->page_size)
    return;

  /* Rows stay the same; only the reads are cut differently. */
  g_hash_table_remove_all (self->pages_asked);
  self->page_size = page_size;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_PAGE_SIZE]);
}

const GError *
vastus_patient_model_get_error (VastusPatientModel *self)
{
  g_return_val_if_fail (VASTUS_IS_PATIENT_MODEL (self), NULL);

  return self->error;
}

guint
vastus_patient_model_debug_get_n_fetches (VastusPatientModel *self)
{
  g_return_val_if_fail (VASTUS_IS_PATIENT_MODEL (self), 0);

  return self->n_fetches;
}
