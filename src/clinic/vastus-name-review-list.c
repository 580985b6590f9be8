/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vastus-clinic"

#include "config.h"

#include "vastus-clinic-private.h"
#include "vastus-name-review-item-private.h"
#include "vastus-name-review-list-private.h"

struct _VastusNameReviewList
{
  GObject       parent_instance;
  VastusClinic *clinic;     /* not owned: the clinic owns the list */
  GListStore   *items;      /* of VastusNameReviewItem */
  gboolean      loaded;
  gboolean      reading;
  gboolean      stale;      /* changed while it was being read */
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (VastusNameReviewList, vastus_name_review_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum { PROP_0, PROP_LOADED, N_PROPS };
static GParamSpec *properties [N_PROPS];

static void read_list (VastusNameReviewList *self);

static gpointer
list_func (VastusClinicJob  *job,
           VastusDatabase   *db,
           gpointer          data,
           GCancellable     *cancellable,
           GError          **error)
{
  return vastus_database_list_name_reviews (db, error);
}

static gint64
item_id (gpointer item,
         gpointer user_data)
{
  return vastus_name_review_item_get_patient_id (item);
}

static gpointer
make_item (guint    index,
           gpointer user_data)
{
  GPtrArray *reviews = user_data;

  return _vastus_name_review_item_new (g_ptr_array_index (reviews, index));
}

static void
read_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(VastusNameReviewList) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) reviews = _vastus_clinic_finish (VASTUS_CLINIC (source), result, list_func,
                                                        &error);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  self->reading = FALSE;
  if (self->stale)
    {
      self->stale = FALSE;
      read_list (self);
      return;
    }
  if (reviews == NULL)
    {
      if (!g_error_matches (error, VASTUS_CLINIC_ERROR, VASTUS_CLINIC_ERROR_NOT_OPEN))
        g_message ("Cannot list the names to check: %s", error->message);
      return;
    }
  /* A patient still listed but otherwise split (an import wrote the name again) is a new row. */
  for (guint i = g_list_model_get_n_items (G_LIST_MODEL (self->items)); i-- > 0;)
    {
      g_autoptr(VastusNameReviewItem) item = g_list_model_get_item (G_LIST_MODEL (self->items), i);

      for (guint j = 0; j < reviews->len; j++)
        {
          const VastusNameReview *review = g_ptr_array_index (reviews, j);

          if (review->patient_id == vastus_name_review_item_get_patient_id (item))
            {
              if (!_vastus_name_review_item_is (item, review))
                g_list_store_remove (self->items, i);
              break;
            }
        }
    }
  for (guint i = 0; i < reviews->len; i++)
    g_array_append_val (ids, ((VastusNameReview *) g_ptr_array_index (reviews, i))->patient_id);
  _vastus_list_store_sync (self->items, (gint64 *) ids->data, ids->len, item_id, make_item,
                           reviews);
  if (!self->loaded)
    {
      self->loaded = TRUE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADED]);
    }
}

static void
read_list (VastusNameReviewList *self)
{
  if (self->clinic == NULL || !vastus_clinic_is_open (self->clinic))
    return;
  if (self->reading)
    {
      self->stale = TRUE;
      return;
    }
  self->reading = TRUE;
  _vastus_clinic_run (self->clinic, VASTUS_CLINIC_READ, list_func, NULL, NULL,
                      (GDestroyNotify) g_ptr_array_unref, NULL, list_func, read_cb,
                      g_object_ref (self));
}

/* Callbacks */

static void
items_changed_cb (VastusNameReviewList *self,
                  guint                 position,
                  guint                 removed,
                  guint                 added)
{
  g_list_model_items_changed (G_LIST_MODEL (self), position, removed, added);
}

/* GListModel */

static GType
get_item_type (GListModel *model)
{
  return VASTUS_TYPE_NAME_REVIEW_ITEM;
}

static guint
get_n_items (GListModel *model)
{
  return g_list_model_get_n_items (G_LIST_MODEL (VASTUS_NAME_REVIEW_LIST (model)->items));
}

static gpointer
get_item (GListModel *model,
          guint       position)
{
  return g_list_model_get_item (G_LIST_MODEL (VASTUS_NAME_REVIEW_LIST (model)->items), position);
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = get_item_type;
  iface->get_n_items = get_n_items;
  iface->get_item = get_item;
}

/* GObject */

static void
vastus_name_review_list_finalize (GObject *object)
{
  VastusNameReviewList *self = VASTUS_NAME_REVIEW_LIST (object);

  g_clear_object (&self->items);
  G_OBJECT_CLASS (vastus_name_review_list_parent_class)->finalize (object);
}

static void
vastus_name_review_list_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  VastusNameReviewList *self = VASTUS_NAME_REVIEW_LIST (object);

  switch (prop_id)
    {
    case PROP_LOADED:
      g_value_set_boolean (value, self->loaded);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vastus_name_review_list_class_init (VastusNameReviewListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = vastus_name_review_list_finalize;
  object_class->get_property = vastus_name_review_list_get_property;

  properties[PROP_LOADED] =
    g_param_spec_boolean ("loaded", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
vastus_name_review_list_init (VastusNameReviewList *self)
{
  self->items = g_list_store_new (VASTUS_TYPE_NAME_REVIEW_ITEM);
  g_signal_connect_swapped (self->items, "items-changed", G_CALLBACK (items_changed_cb), self);
}

/* API */

VastusNameReviewList *
_vastus_name_review_list_new (VastusClinic *clinic)
{
  VastusNameReviewList *self = g_object_new (VASTUS_TYPE_NAME_REVIEW_LIST, NULL);

  self->clinic = clinic;
  /* Any change to a patient may take one off the list or put one on it. */
  g_signal_connect_object (clinic, "patient-changed", G_CALLBACK (read_list), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (clinic, "reloaded", G_CALLBACK (read_list), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (clinic, "notify::open", G_CALLBACK (read_list), self,
                           G_CONNECT_SWAPPED);
  read_list (self);
  return self;
}

void
_vastus_name_review_list_forget_clinic (VastusNameReviewList *self)
{
  self->clinic = NULL;
}

gboolean
vastus_name_review_list_get_loaded (VastusNameReviewList *self)
{
  g_return_val_if_fail (VASTUS_IS_NAME_REVIEW_LIST (self), FALSE);
  return self->loaded;
}
