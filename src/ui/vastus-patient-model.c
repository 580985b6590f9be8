/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vastus-patient-model"

#include "config.h"

#include <string.h>

#include "vastus-patient-item-private.h"
#include "vastus-patient-model.h"
#include "vastus-value.h"

/* Enough for the rows the list's view keeps (about 30; 200 for a GtkListView), wherever they
 * start. */
#define MAX_CACHED_PAGES 4

typedef struct
{
  guint                  index;
  guint                  n_rows;
  VastusPatientSummary **summaries;
} Page;

struct _VastusPatientModel
{
  GObject            parent_instance;

  VastusDatabase    *database;
  char              *search;
  gboolean           archived;
  VastusPatientSort  sort;
  guint              page_size;

  guint              n_items;
  GQueue             pages;          /* of Page*, most recently used first */
  /* position → VastusPatientItem*, not owned: the items someone holds (weak references). */
  GHashTable        *items;
  GDate              today;
  GError            *error;
  guint              n_fetches;
  guint              reload_source;
};

static void vastus_patient_model_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (VastusPatientModel, vastus_patient_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      vastus_patient_model_list_model_init))

enum {
  PROP_0,
  PROP_DATABASE,
  PROP_SEARCH,
  PROP_ARCHIVED,
  PROP_SORT,
  PROP_PAGE_SIZE,
  PROP_N_ITEMS,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static GQuark position_quark;

static VastusPatientSummary *
summary_copy (const VastusPatientSummary *summary)
{
  VastusPatientSummary *copy = g_new0 (VastusPatientSummary, 1);

  copy->patient = vastus_patient_copy (summary->patient);
  copy->last_visit = summary->last_visit;
  copy->n_visits = summary->n_visits;
  return copy;
}

static void
page_free (Page *page)
{
  for (guint i = 0; i < page->n_rows; i++)
    g_clear_pointer (&page->summaries[i], vastus_patient_summary_free);
  g_free (page->summaries);
  g_free (page);
}

static void
clear_pages (VastusPatientModel *self)
{
  Page *page;

  while ((page = g_queue_pop_head (&self->pages)))
    page_free (page);
}

static void
item_finalized_cb (gpointer  data,
                   GObject  *where_the_object_was)
{
  VastusPatientModel *self = data;
  guint position = GPOINTER_TO_UINT (g_object_get_qdata (where_the_object_was, position_quark));

  /* The qdata is still readable while weak references are notified. */
  g_hash_table_remove (self->items, GUINT_TO_POINTER (position));
}

static void
forget_item (VastusPatientModel *self,
             VastusPatientItem  *item)
{
  g_object_weak_unref (G_OBJECT (item), item_finalized_cb, self);
}

static VastusPatientQuery
make_query (VastusPatientModel *self)
{
  return (VastusPatientQuery) {
    .search = self->search,
    .archived = self->archived,
    .sort = self->sort,
  };
}

static gboolean
reload_idle_cb (gpointer user_data)
{
  VastusPatientModel *self = user_data;

  self->reload_source = 0;
  vastus_patient_model_reload (self);
  return G_SOURCE_REMOVE;
}

static Page *
fetch_page (VastusPatientModel *self,
            guint               index)
{
  VastusPatientQuery query = make_query (self);
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  guint expected;
  Page *page;

  query.limit = self->page_size;
  query.offset = index * self->page_size;
  expected = MIN (self->page_size, self->n_items - query.offset);

  rows = vastus_database_list_patients (self->database, &query, &error);
  self->n_fetches++;
  if (rows == NULL)
    {
      g_debug ("Listing patients failed: %s", error->message);
      g_clear_error (&self->error);
      self->error = g_steal_pointer (&error);
      return NULL;
    }

  /* Someone else changed the patients since we counted them: show what is there now. */
  if (rows->len != expected && self->reload_source == 0)
    self->reload_source = g_idle_add (reload_idle_cb, self);

  page = g_new0 (Page, 1);
  page->index = index;
  page->n_rows = MIN (rows->len, expected);
  page->summaries = g_new0 (VastusPatientSummary *, page->n_rows);
  for (guint i = 0; i < page->n_rows; i++)
    {
      page->summaries[i] = g_ptr_array_index (rows, i);
      g_ptr_array_index (rows, i) = NULL;
    }
  g_ptr_array_set_free_func (rows, (GDestroyNotify) vastus_patient_summary_free);

  g_queue_push_head (&self->pages, page);
  while (g_queue_get_length (&self->pages) > MAX_CACHED_PAGES)
    page_free (g_queue_pop_tail (&self->pages));

  return page;
}

static Page *
lookup_page (VastusPatientModel *self,
             guint               index)
{
  for (GList *l = self->pages.head; l != NULL; l = l->next)
    {
      Page *page = l->data;

      if (page->index == index)
        {
          if (l != self->pages.head)
            {
              g_queue_unlink (&self->pages, l);
              g_queue_push_head_link (&self->pages, l);
            }
          return page;
        }
    }
  return NULL;
}

/* A copy of the row at @position, or NULL. */
static VastusPatientSummary *
dup_row (VastusPatientModel *self,
         guint               position)
{
  guint index = position / self->page_size;
  guint row = position % self->page_size;
  Page *page;

  if (position >= self->n_items)
    return NULL;

  page = lookup_page (self, index);
  if (page == NULL)
    page = fetch_page (self, index);
  if (page == NULL || row >= page->n_rows)
    return NULL;

  return summary_copy (page->summaries[row]);
}

static int
compare_positions (gconstpointer a,
                   gconstpointer b)
{
  guint x = GPOINTER_TO_UINT (*(gconstpointer *) a);
  guint y = GPOINTER_TO_UINT (*(gconstpointer *) b);

  return (x > y) - (x < y);
}

/* Counts again and tells everyone: the items still held get their new rows in place;
 * items-changed covers the rows added or removed at the end. */
static void
requery (VastusPatientModel *self)
{
  VastusPatientQuery query = make_query (self);
  g_autoptr(GPtrArray) positions = g_ptr_array_new ();
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  GHashTableIter iter;
  gpointer key, value;
  guint old_n_items = self->n_items;

  g_clear_handle_id (&self->reload_source, g_source_remove);
  clear_pages (self);
  g_clear_error (&self->error);
  vastus_date_today (&self->today);
  self->n_items = vastus_database_count_patients (self->database, &query, &self->error);
  if (self->error != NULL)
    {
      g_debug ("Counting patients failed: %s", self->error->message);
      self->n_items = 0;
    }

  /* Held items beyond the new end leave the model: they are no rows any more. */
  g_hash_table_iter_init (&iter, self->items);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      if (GPOINTER_TO_UINT (key) >= self->n_items)
        {
          forget_item (self, value);
          g_hash_table_iter_remove (&iter);
        }
      else
        {
          g_ptr_array_add (positions, key);
        }
    }

  /* The others are updated in order, page by page; hold them meanwhile, since a ::changed
   * handler may drop the last reference. */
  g_ptr_array_sort (positions, compare_positions);
  for (guint i = 0; i < positions->len; i++)
    g_ptr_array_add (items, g_object_ref (g_hash_table_lookup (self->items,
                                                               positions->pdata[i])));
  for (guint i = 0; i < positions->len; i++)
    {
      VastusPatientSummary *row = dup_row (self, GPOINTER_TO_UINT (positions->pdata[i]));

      if (row != NULL)
        _vastus_patient_item_replace (items->pdata[i], row, &self->today);
    }

  if (self->n_items < old_n_items)
    g_list_model_items_changed (G_LIST_MODEL (self), self->n_items,
                                old_n_items - self->n_items, 0);
  else if (self->n_items > old_n_items)
    g_list_model_items_changed (G_LIST_MODEL (self), old_n_items,
                                0, self->n_items - old_n_items);
  if (old_n_items != self->n_items)
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_N_ITEMS]);
}

static GType
vastus_patient_model_get_item_type (GListModel *model)
{
  return VASTUS_TYPE_PATIENT_ITEM;
}

static guint
vastus_patient_model_get_n_items (GListModel *model)
{
  return VASTUS_PATIENT_MODEL (model)->n_items;
}

static gpointer
vastus_patient_model_get_item (GListModel *model,
                               guint       position)
{
  VastusPatientModel *self = VASTUS_PATIENT_MODEL (model);
  VastusPatientSummary *row;
  VastusPatientItem *item;

  if (position >= self->n_items)
    return NULL;

  item = g_hash_table_lookup (self->items, GUINT_TO_POINTER (position));
  if (item != NULL)
    return g_object_ref (item);

  row = dup_row (self, position);
  if (row == NULL)
    return NULL;

  item = vastus_patient_item_new_take (row, &self->today);
  g_object_set_qdata (G_OBJECT (item), position_quark, GUINT_TO_POINTER (position));
  g_object_weak_ref (G_OBJECT (item), item_finalized_cb, self);
  g_hash_table_insert (self->items, GUINT_TO_POINTER (position), item);
  return item;
}

static void
vastus_patient_model_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = vastus_patient_model_get_item_type;
  iface->get_n_items = vastus_patient_model_get_n_items;
  iface->get_item = vastus_patient_model_get_item;
}

static void
vastus_patient_model_constructed (GObject *object)
{
  VastusPatientModel *self = (VastusPatientModel *)object;
  VastusPatientQuery query;

  G_OBJECT_CLASS (vastus_patient_model_parent_class)->constructed (object);

  g_assert (VASTUS_IS_DATABASE (self->database));
  vastus_date_today (&self->today);
  query = make_query (self);
  self->n_items = vastus_database_count_patients (self->database, &query, &self->error);
  if (self->error != NULL)
    self->n_items = 0;
}

static void
vastus_patient_model_finalize (GObject *object)
{
  VastusPatientModel *self = (VastusPatientModel *)object;
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, self->items);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    forget_item (self, value);
  g_clear_pointer (&self->items, g_hash_table_unref);
  g_clear_handle_id (&self->reload_source, g_source_remove);
  clear_pages (self);
  g_clear_object (&self->database);
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
    case PROP_DATABASE:
      g_value_set_object (value, self->database);
      break;
    case PROP_SEARCH:
      g_value_set_string (value, self->search);
      break;
    case PROP_ARCHIVED:
      g_value_set_boolean (value, self->archived);
      break;
    case PROP_SORT:
      g_value_set_int (value, self->sort);
      break;
    case PROP_PAGE_SIZE:
      g_value_set_uint (value, self->page_size);
      break;
    case PROP_N_ITEMS:
      g_value_set_uint (value, self->n_items);
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
    case PROP_DATABASE:
      self->database = g_value_dup_object (value);
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
  object_class->finalize = vastus_patient_model_finalize;
  object_class->get_property = vastus_patient_model_get_property;
  object_class->set_property = vastus_patient_model_set_property;

  properties [PROP_DATABASE] =
    g_param_spec_object ("database", NULL, NULL, VASTUS_TYPE_DATABASE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties [PROP_SEARCH] =
    g_param_spec_string ("search", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties [PROP_ARCHIVED] =
    g_param_spec_boolean ("archived", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties [PROP_SORT] =
    g_param_spec_int ("sort", NULL, NULL, 0, G_MAXINT, VASTUS_PATIENT_SORT_LAST_VISIT,
                      G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties [PROP_PAGE_SIZE] =
    g_param_spec_uint ("page-size", NULL, NULL, 1, G_MAXUINT,
                       VASTUS_PATIENT_MODEL_DEFAULT_PAGE_SIZE,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties [PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  position_quark = g_quark_from_static_string ("vastus-patient-model-position");
}

static void
vastus_patient_model_init (VastusPatientModel *self)
{
  self->page_size = VASTUS_PATIENT_MODEL_DEFAULT_PAGE_SIZE;
  self->sort = VASTUS_PATIENT_SORT_LAST_VISIT;
  self->items = g_hash_table_new (NULL, NULL);
  g_queue_init (&self->pages);
}

VastusPatientModel *
vastus_patient_model_new (VastusDatabase *database)
{
  g_return_val_if_fail (VASTUS_IS_DATABASE (database), NULL);

  return g_object_new (VASTUS_TYPE_PATIENT_MODEL, "database", database, NULL);
}

VastusDatabase *
vastus_patient_model_get_database (VastusPatientModel *self)
{
  g_return_val_if_fail (VASTUS_IS_PATIENT_MODEL (self), NULL);

  return self->database;
}

void
vastus_patient_model_set_query (VastusPatientModel *self,
                                const char         *search,
                                gboolean            archived,
                                VastusPatientSort   sort)
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

  if (g_strcmp0 (stripped, self->search) == 0 && archived == self->archived && sort == self->sort)
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
  if (sort != self->sort)
    {
      self->sort = sort;
      g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_SORT]);
    }

  requery (self);
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

VastusPatientSort
vastus_patient_model_get_sort (VastusPatientModel *self)
{
  g_return_val_if_fail (VASTUS_IS_PATIENT_MODEL (self), VASTUS_PATIENT_SORT_NAME);

  return self->sort;
}

void
vastus_patient_model_reload (VastusPatientModel *self)
{
  g_return_if_fail (VASTUS_IS_PATIENT_MODEL (self));

  requery (self);
}

gboolean
vastus_patient_model_find_position (VastusPatientModel *self,
                                    gint64              patient_id,
                                    guint              *position)
{
  VastusPatientQuery query;
  g_autoptr(GError) error = NULL;
  guint found;

  g_return_val_if_fail (VASTUS_IS_PATIENT_MODEL (self), FALSE);

  for (GList *l = self->pages.head; l != NULL; l = l->next)
    {
      Page *page = l->data;

      for (guint i = 0; i < page->n_rows; i++)
        if (page->summaries[i]->patient->id == patient_id)
          {
            if (position != NULL)
              *position = page->index * self->page_size + i;
            return TRUE;
          }
    }

  query = make_query (self);
  if (!vastus_database_find_patient_position (self->database, &query, patient_id, &found, &error))
    {
      if (error != NULL)
        g_debug ("Finding a patient in the list failed: %s", error->message);
      return FALSE;
    }
  /* The patients may have changed since they were counted: only a position the list has. */
  if (found >= self->n_items)
    return FALSE;
  if (position != NULL)
    *position = found;
  return TRUE;
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

  /* Rows stay the same; only the cache is cut differently. */
  clear_pages (self);
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
