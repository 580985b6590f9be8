/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vastus-clinic"

#include "config.h"

#include "vastus-clinic-private.h"
#include "vastus-template-item.h"
#include "vastus-template-store.h"

/* The clinic's test batteries: the list (read when first asked for, and again after each change
 * to a battery and after a reload), saving and deleting. */

struct _VastusClinicTemplates
{
  GListStore *store;     /* of VastusTemplateItem */
  gboolean    reading;
  gboolean    stale;     /* changed while being read: read again */
};

VastusClinicTemplates *
_vastus_clinic_templates_new (void)
{
  VastusClinicTemplates *self = g_new0 (VastusClinicTemplates, 1);

  self->store = g_list_store_new (VASTUS_TYPE_TEMPLATE_ITEM);
  return self;
}

void
_vastus_clinic_templates_free (VastusClinicTemplates *self)
{
  if (self == NULL)
    return;
  g_clear_object (&self->store);
  g_free (self);
}

GListModel *
_vastus_clinic_templates_get_model (VastusClinicTemplates *self)
{
  return G_LIST_MODEL (self->store);
}

static gpointer
list_templates_func (VastusClinicJob  *job,
                     VastusDatabase   *db,
                     gpointer          data,
                     GCancellable     *cancellable,
                     GError          **error)
{
  return vastus_database_list_templates (db, error);
}

static gint64
template_item_id (gpointer item,
                  gpointer user_data)
{
  return vastus_template_item_get_id (item);
}

static gpointer
make_template_item (guint    index,
                    gpointer user_data)
{
  GPtrArray *templates = user_data;

  return _vastus_template_item_new (vastus_template_copy (templates->pdata[index]));
}

static void
templates_read_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  VastusClinic *clinic = VASTUS_CLINIC (source);
  VastusClinicTemplates *self = _vastus_clinic_get_templates_state (clinic);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) templates = _vastus_clinic_finish (clinic, result, list_templates_func,
                                                          &error);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  if (self == NULL)
    return;
  self->reading = FALSE;
  if (self->stale)
    {
      self->stale = FALSE;
      _vastus_clinic_templates_read (clinic);
      return;
    }
  if (templates == NULL)
    {
      if (!g_error_matches (error, VASTUS_CLINIC_ERROR, VASTUS_CLINIC_ERROR_NOT_OPEN))
        g_message ("Cannot list the test batteries: %s", error->message);
      return;
    }
  for (guint i = 0; i < templates->len; i++)
    g_array_append_val (ids, ((VastusTemplate *) templates->pdata[i])->id);
  /* A changed battery is replaced in place; the list's items-changed covers the others. */
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->store)); i++)
    {
      g_autoptr(VastusTemplateItem) item = g_list_model_get_item (G_LIST_MODEL (self->store), i);

      for (guint j = 0; j < templates->len; j++)
        if (vastus_template_item_get_id (item) == ((VastusTemplate *) templates->pdata[j])->id)
          _vastus_template_item_update (item, vastus_template_copy (templates->pdata[j]));
    }
  _vastus_list_store_sync (self->store, (gint64 *) ids->data, ids->len, template_item_id,
                           make_template_item, templates);
}

void
_vastus_clinic_templates_read (VastusClinic *clinic)
{
  VastusClinicTemplates *self = _vastus_clinic_get_templates_state (clinic);

  if (self == NULL || !vastus_clinic_is_open (clinic))
    return;
  if (self->reading)
    {
      self->stale = TRUE;
      return;
    }
  self->reading = TRUE;
  _vastus_clinic_run (clinic, VASTUS_CLINIC_READ, list_templates_func, NULL, NULL,
                      (GDestroyNotify) g_ptr_array_unref, NULL, list_templates_func,
                      templates_read_cb, NULL);
}

static gpointer
save_template_func (VastusClinicJob  *job,
                    VastusDatabase   *db,
                    gpointer          data,
                    GCancellable     *cancellable,
                    GError          **error)
{
  g_autoptr(VastusTemplate) t = vastus_template_copy (data);
  gboolean added = t->id == 0;

  if (!vastus_database_save_template (db, t, error))
    return NULL;
  _vastus_clinic_job_changed (job, VASTUS_CLINIC_RECORD_TEMPLATE,
                              added ? VASTUS_CLINIC_CHANGE_ADDED : VASTUS_CLINIC_CHANGE_CHANGED,
                              t->id, 0, 0);
  return g_steal_pointer (&t);
}

void
vastus_clinic_save_template_async (VastusClinic         *self,
                                   const VastusTemplate *template_,
                                   GCancellable         *cancellable,
                                   GAsyncReadyCallback   callback,
                                   gpointer              user_data)
{
  g_return_if_fail (VASTUS_IS_CLINIC (self));
  g_return_if_fail (template_ != NULL);

  _vastus_clinic_run (self, VASTUS_CLINIC_WRITE, save_template_func, vastus_template_copy (template_),
                      (GDestroyNotify) vastus_template_free, (GDestroyNotify) vastus_template_free,
                      cancellable, vastus_clinic_save_template_async, callback, user_data);
}

VastusTemplate *
vastus_clinic_save_template_finish (VastusClinic  *self,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  return _vastus_clinic_finish (self, result, vastus_clinic_save_template_async, error);
}

typedef struct
{
  gint64   id;
  gboolean restore;
} DeleteTemplate;

static gpointer
delete_template_func (VastusClinicJob  *job,
                      VastusDatabase   *db,
                      gpointer          data,
                      GCancellable     *cancellable,
                      GError          **error)
{
  DeleteTemplate *delete = data;

  if (!vastus_database_delete_template (db, delete->id, delete->restore, error))
    return NULL;
  _vastus_clinic_job_changed (job, VASTUS_CLINIC_RECORD_TEMPLATE,
                              delete->restore ? VASTUS_CLINIC_CHANGE_ADDED
                                              : VASTUS_CLINIC_CHANGE_REMOVED,
                              delete->id, 0, 0);
  return VASTUS_CLINIC_DONE;
}

void
vastus_clinic_delete_template_async (VastusClinic        *self,
                                     gint64               id,
                                     gboolean             restore,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  DeleteTemplate *delete = g_new0 (DeleteTemplate, 1);

  g_return_if_fail (VASTUS_IS_CLINIC (self));
  g_return_if_fail (id > 0);

  delete->id = id;
  delete->restore = restore;
  _vastus_clinic_run (self, VASTUS_CLINIC_WRITE, delete_template_func, delete, g_free, NULL,
                      cancellable, vastus_clinic_delete_template_async, callback, user_data);
}

gboolean
vastus_clinic_delete_template_finish (VastusClinic  *self,
                                      GAsyncResult  *result,
                                      GError       **error)
{
  return _vastus_clinic_finish_boolean (self, result, vastus_clinic_delete_template_async, error);
}
