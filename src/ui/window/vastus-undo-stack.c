/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vastus-undo-stack"

#include "config.h"

#include "vastus-i18n.h"

#include "vastus-undo-stack.h"

typedef struct
{
  char           *title;
  VastusUndoFunc  undo;
  gpointer        data;
  GDestroyNotify  destroy;
  AdwToast       *toast;     /* weak: the overlay owns it */
} Entry;

struct _VastusUndoStack
{
  GObject  parent_instance;

  GQueue   entries;          /* of Entry*, newest last */
};

G_DEFINE_FINAL_TYPE (VastusUndoStack, vastus_undo_stack, G_TYPE_OBJECT)

enum { PROP_0, PROP_CAN_UNDO, N_PROPS };
static GParamSpec *properties [N_PROPS];

static void
entry_free (Entry *entry)
{
  if (entry->toast != NULL)
    g_signal_handlers_disconnect_by_data (entry->toast, entry);
  g_clear_weak_pointer (&entry->toast);
  if (entry->destroy != NULL)
    entry->destroy (entry->data);
  g_free (entry->title);
  g_free (entry);
}

/* Takes @link's entry off the stack and runs it; its toast goes (@dismiss: by the stack, else
 * its own button is dismissing it). */
static void
run (VastusUndoStack *self,
     GList           *link,
     gboolean         dismiss)
{
  Entry *entry = link->data;
  g_autoptr(AdwToast) toast = entry->toast != NULL && dismiss ? g_object_ref (entry->toast) : NULL;

  g_queue_delete_link (&self->entries, link);
  entry->undo (entry->data);
  entry_free (entry);
  if (toast != NULL)
    adw_toast_dismiss (toast);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_UNDO]);
}

/* Callbacks */

static void
undo_clicked_cb (AdwToast *toast,
                 Entry    *entry)
{
  VastusUndoStack *self = g_object_get_data (G_OBJECT (toast), "vastus-undo-stack");
  GList *link = g_queue_find (&self->entries, entry);

  if (link != NULL)
    run (self, link, FALSE);
}

/* Overrides */

static void
vastus_undo_stack_dispose (GObject *object)
{
  VastusUndoStack *self = VASTUS_UNDO_STACK (object);

  g_queue_clear_full (&self->entries, (GDestroyNotify) entry_free);
  G_OBJECT_CLASS (vastus_undo_stack_parent_class)->dispose (object);
}

static void
vastus_undo_stack_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  VastusUndoStack *self = VASTUS_UNDO_STACK (object);

  switch (prop_id)
    {
    case PROP_CAN_UNDO:
      g_value_set_boolean (value, vastus_undo_stack_get_can_undo (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vastus_undo_stack_class_init (VastusUndoStackClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = vastus_undo_stack_dispose;
  object_class->get_property = vastus_undo_stack_get_property;

  properties [PROP_CAN_UNDO] =
    g_param_spec_boolean ("can-undo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
vastus_undo_stack_init (VastusUndoStack *self)
{
  g_queue_init (&self->entries);
}

/* Public API */

VastusUndoStack *
vastus_undo_stack_new (void)
{
  return g_object_new (VASTUS_TYPE_UNDO_STACK, NULL);
}

AdwToast *
vastus_undo_stack_push (VastusUndoStack *self,
                        AdwToastOverlay *overlay,
                        const char      *title,
                        VastusUndoFunc   undo,
                        gpointer         data,
                        GDestroyNotify   destroy)
{
  Entry *entry;
  AdwToast *toast;

  g_return_val_if_fail (VASTUS_IS_UNDO_STACK (self), NULL);
  g_return_val_if_fail (ADW_IS_TOAST_OVERLAY (overlay), NULL);
  g_return_val_if_fail (title != NULL && undo != NULL, NULL);

  entry = g_new0 (Entry, 1);
  entry->title = g_strdup (title);
  entry->undo = undo;
  entry->data = data;
  entry->destroy = destroy;
  g_queue_push_tail (&self->entries, entry);
  if (g_queue_get_length (&self->entries) > VASTUS_UNDO_STACK_MAX)
    entry_free (g_queue_pop_head (&self->entries));

  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_timeout (toast, 10);
  /* The toast lives in the overlay: it holds neither the stack nor the entry. */
  g_object_set_data (G_OBJECT (toast), "vastus-undo-stack", self);
  g_signal_connect (toast, "button-clicked", G_CALLBACK (undo_clicked_cb), entry);
  g_set_weak_pointer (&entry->toast, toast);
  adw_toast_overlay_add_toast (overlay, toast);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_UNDO]);
  return toast;
}

gboolean
vastus_undo_stack_undo (VastusUndoStack *self)
{
  g_return_val_if_fail (VASTUS_IS_UNDO_STACK (self), FALSE);

  if (g_queue_is_empty (&self->entries))
    return FALSE;
  run (self, g_queue_peek_tail_link (&self->entries), TRUE);
  return TRUE;
}

gboolean
vastus_undo_stack_get_can_undo (VastusUndoStack *self)
{
  g_return_val_if_fail (VASTUS_IS_UNDO_STACK (self), FALSE);
  return !g_queue_is_empty (&self->entries);
}

const char *
vastus_undo_stack_peek (VastusUndoStack *self)
{
  Entry *entry;

  g_return_val_if_fail (VASTUS_IS_UNDO_STACK (self), NULL);

  entry = g_queue_peek_tail (&self->entries);
  return entry != NULL ? entry->title : NULL;
}
