/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vastus-battery-preferences"

#include "config.h"

#include "vastus-i18n.h"

#include "vastus-battery-editor.h"
#include "vastus-battery-preferences.h"
#include "vastus-template-item.h"
#include "vastus-tooltip.h"
#include "vastus-write-error.h"

struct _VastusBatteryPreferences
{
  AdwPreferencesPage   parent_instance;

  VastusClinic        *clinic;
  GListModel          *templates;   /* the clinic's, of VastusTemplateItem */
  GPtrArray           *rows;        /* the rows shown, to take away on a change */
  GHashTable          *buttons;     /* "edit/ID" … → GtkButton */
  GtkWidget           *editor;      /* weak: the battery being edited */
  GtkWidget           *closing;     /* weak: an editor whose subpage is still closing */
  GtkWidget           *waiting;     /* an editor to show once that has gone (owned) */
  AdwToast            *last_toast;  /* weak: for tests */
  AdwPreferencesGroup *clinic_group;
  AdwPreferencesGroup *builtin_group;
  GtkWidget           *new_button;
};

G_DEFINE_FINAL_TYPE (VastusBatteryPreferences, vastus_battery_preferences, ADW_TYPE_PREFERENCES_PAGE)

static void
toast (VastusBatteryPreferences *self,
       AdwToast                 *toast)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  g_set_weak_pointer (&self->last_toast, toast);
  if (ADW_IS_PREFERENCES_WINDOW (root))
    adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (root), toast);
  else
    g_object_unref (g_object_ref_sink (toast));
}

static void
present_editor (VastusBatteryPreferences *self,
                GtkWidget                *editor)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  g_set_weak_pointer (&self->editor, editor);
  if (ADW_IS_PREFERENCES_WINDOW (root))
    adw_preferences_window_present_subpage (ADW_PREFERENCES_WINDOW (root), editor);
  else
    g_object_unref (g_object_ref_sink (editor));
  if (self->editor != NULL)
    gtk_widget_grab_focus (vastus_battery_editor_get_field (VASTUS_BATTERY_EDITOR (editor), "name"));
}

/* The subpage before has gone: the one waiting comes. */
static void
closed_cb (GtkWidget                *closing,
           GParamSpec               *pspec,
           VastusBatteryPreferences *self)
{
  GtkWidget *waiting;

  if (gtk_widget_get_parent (closing) != NULL)
    return;
  g_signal_handlers_disconnect_by_func (closing, closed_cb, self);
  g_clear_weak_pointer (&self->closing);
  waiting = g_steal_pointer (&self->waiting);
  if (waiting != NULL)
    {
      present_editor (self, waiting);
      g_object_unref (waiting);
    }
  else
    /* Back on the list, the keyboard where a battery is made. */
    gtk_widget_grab_focus (self->new_button);
}

static void
editor_done_cb (VastusBatteryEditor      *editor,
                gint64                    id,
                VastusBatteryPreferences *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  /* Left (or saved) before it was shown: it never will be. */
  if (GTK_WIDGET (editor) == self->waiting)
    g_clear_object (&self->waiting);
  else
    {
      if (ADW_IS_PREFERENCES_WINDOW (root))
        adw_preferences_window_close_subpage (ADW_PREFERENCES_WINDOW (root));
      g_set_weak_pointer (&self->closing, self->editor);
      g_clear_weak_pointer (&self->editor);
      if (self->closing != NULL)
        g_signal_connect_object (self->closing, "notify::parent", G_CALLBACK (closed_cb), self, 0);
    }
  if (id != 0)
    /* Translators: shown after a test battery (the set of measures taken at a visit) was saved */
    toast (self, adw_toast_new (_("Battery saved")));
}

/* A subpage is shown once the one before has slid away (libadwaita 1.2 cannot present one while
 * another is closing). */
static void
open_editor (VastusBatteryPreferences *self,
             const VastusTemplate     *template_)
{
  GtkWidget *editor = vastus_battery_editor_new (self->clinic, template_);

  g_signal_connect_object (editor, "done", G_CALLBACK (editor_done_cb), self, 0);
  if (self->closing != NULL && gtk_widget_get_parent (self->closing) != NULL)
    {
      /* closed_cb presents it. */
      g_clear_object (&self->waiting);
      self->waiting = g_object_ref_sink (editor);
      return;
    }
  present_editor (self, editor);
}

static const VastusTemplate *
template_of (VastusBatteryPreferences *self,
             GtkWidget                *button)
{
  gint64 id = *(gint64 *) g_object_get_data (G_OBJECT (button), "id");

  for (guint i = 0; i < g_list_model_get_n_items (self->templates); i++)
    {
      g_autoptr(VastusTemplateItem) item = g_list_model_get_item (self->templates, i);

      if (vastus_template_item_get_id (item) == id)
        return vastus_template_item_get_template (item);
    }
  return NULL;
}

static void
new_clicked_cb (VastusBatteryPreferences *self)
{
  g_autoptr(VastusTemplate) empty = vastus_template_new ();

  open_editor (self, empty);
}

static void
edit_clicked_cb (GtkWidget                *button,
                 VastusBatteryPreferences *self)
{
  const VastusTemplate *t = template_of (self, button);

  if (t != NULL)
    open_editor (self, t);
}

/* A copy of a built-in battery, not stored until saved: its name says it is the clinic's. */
static void
copy_clicked_cb (GtkWidget                *button,
                 VastusBatteryPreferences *self)
{
  const VastusTemplate *t = template_of (self, button);
  g_autoptr(VastusTemplate) copy = NULL;

  if (t == NULL)
    return;
  copy = vastus_template_copy (t);
  copy->id = 0;
  copy->builtin = FALSE;
  g_clear_pointer (&copy->code, g_free);
  g_clear_pointer (&copy->source, g_free);
  g_free (copy->name);
  /* Translators: the name of a clinic's copy of a built-in test battery */
  copy->name = g_strdup_printf (_("%s (clinic)"), vastus_template_get_name (t));
  open_editor (self, copy);
}

static void
restored_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!vastus_clinic_delete_template_finish (VASTUS_CLINIC (source), result, &error))
    g_message ("Cannot bring the battery back: %s", error->message);
}

static void
undo_cb (AdwToast                 *undo,
         VastusBatteryPreferences *self)
{
  gint64 id = *(gint64 *) g_object_get_data (G_OBJECT (undo), "id");

  vastus_clinic_delete_template_async (self->clinic, id, TRUE, NULL, restored_cb, NULL);
}

typedef struct
{
  VastusBatteryPreferences *self;
  gint64                    id;
  char                     *name;
} Deleting;

static void
deleted_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  Deleting *deleting = user_data;
  g_autoptr(GError) error = NULL;
  AdwToast *done;
  g_autofree char *title = NULL;

  if (!vastus_clinic_delete_template_finish (VASTUS_CLINIC (source), result, &error))
    /* Translators: %s says why */
    title = vastus_write_error_text (error, _("The battery could not be deleted: %s"),
                                     error->message);
  else
    /* Translators: "Battery “ACL 12-week battery” deleted" */
    title = g_strdup_printf (_("Battery “%s” deleted"), deleting->name);
  done = adw_toast_new (title);
  if (error == NULL)
    {
      /* Translators: a button (verb) on a notice: undoes what was just done */
      adw_toast_set_button_label (done, _("_Undo"));
      g_object_set_data_full (G_OBJECT (done), "id", g_memdup2 (&deleting->id, sizeof (gint64)), g_free);
      g_signal_connect_object (done, "button-clicked", G_CALLBACK (undo_cb), deleting->self, 0);
    }
  toast (deleting->self, done);
  g_object_unref (deleting->self);
  g_free (deleting->name);
  g_free (deleting);
}

static void
delete_clicked_cb (GtkWidget                *button,
                   VastusBatteryPreferences *self)
{
  const VastusTemplate *t = template_of (self, button);
  Deleting *deleting;

  if (t == NULL)
    return;
  deleting = g_new0 (Deleting, 1);
  deleting->self = g_object_ref (self);
  deleting->id = t->id;
  deleting->name = g_strdup (vastus_template_get_name (t));
  vastus_clinic_delete_template_async (self->clinic, t->id, FALSE, NULL, deleted_cb, deleting);
}

static GtkWidget *
row_button (VastusBatteryPreferences *self,
            const char               *kind,
            const char               *icon,
            const char               *tooltip,
            const VastusTemplate     *t,
            GCallback                 callback)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);
  /* Translators: a button's accessible name, e.g. "Edit ACL 12-week battery" */
  g_autofree char *name = g_strdup_printf (_("%s %s"), tooltip, vastus_template_get_name (t));

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  vastus_set_tooltip (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  g_object_set_data_full (G_OBJECT (button), "id", g_memdup2 (&t->id, sizeof (gint64)), g_free);
  g_signal_connect (button, "clicked", callback, self);
  g_hash_table_insert (self->buttons, g_strdup_printf ("%s/%" G_GINT64_FORMAT, kind, t->id), button);
  return button;
}

static void
fill (VastusBatteryPreferences *self)
{
  guint n_clinic = 0;

  for (guint i = 0; i < self->rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->rows, i);

      adw_preferences_group_remove (ADW_PREFERENCES_GROUP (gtk_widget_get_ancestor (row, ADW_TYPE_PREFERENCES_GROUP)),
                                    row);
    }
  g_ptr_array_set_size (self->rows, 0);
  g_hash_table_remove_all (self->buttons);
  for (guint i = 0; i < g_list_model_get_n_items (self->templates); i++)
    {
      g_autoptr(VastusTemplateItem) item = g_list_model_get_item (self->templates, i);
      const VastusTemplate *t = vastus_template_item_get_template (item);
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *describe = vastus_template_describe (t);
      g_autofree char *subtitle =
        /* Translators: "ACL reconstruction · weeks 0–12 · 7 measures" */
        g_strdup_printf (ngettext ("%s · %u measure", "%s · %u measures",
                                      t->measures->len), describe, t->measures->len);

      /* A battery changed in place is shown anew. */
      g_signal_handlers_disconnect_by_func (item, fill, self);
      g_signal_connect_object (item, "notify::template", G_CALLBACK (fill), self, G_CONNECT_SWAPPED);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), vastus_template_get_name (t));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      if (t->builtin)
        {
          vastus_set_tooltip (row, t->source);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                     /* Translators: a button (verb) on a built-in test battery:
                                      * makes the clinic's own copy to edit */
                                     row_button (self, "copy", "edit-copy-symbolic", _("Copy"), t,
                                                 G_CALLBACK (copy_clicked_cb)));
          adw_preferences_group_add (self->builtin_group, row);
        }
      else
        {
          n_clinic++;
          adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                     /* Translators: a button (verb) on a test battery: opens its
                                      * editor */
                                     row_button (self, "edit", "document-edit-symbolic", _("Edit"), t,
                                                 G_CALLBACK (edit_clicked_cb)));
          adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                     /* Translators: a button (verb) on a test battery: deletes
                                      * it */
                                     row_button (self, "delete", "user-trash-symbolic", _("Delete"), t,
                                                 G_CALLBACK (delete_clicked_cb)));
          adw_preferences_group_add (self->clinic_group, row);
        }
      gtk_widget_set_focusable (row, FALSE);
      g_ptr_array_add (self->rows, row);
    }
  if (n_clinic == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No batteries of your own yet"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                   _("Add one, or copy a built-in one to adapt it"));
      gtk_widget_add_css_class (row, "dim-label");
      gtk_widget_set_focusable (row, FALSE);
      adw_preferences_group_add (self->clinic_group, row);
      g_ptr_array_add (self->rows, row);
    }
}

static void
vastus_battery_preferences_dispose (GObject *object)
{
  VastusBatteryPreferences *self = VASTUS_BATTERY_PREFERENCES (object);

  if (self->templates != NULL)
    g_signal_handlers_disconnect_by_data (self->templates, self);
  g_clear_object (&self->templates);
  g_clear_object (&self->clinic);
  g_clear_weak_pointer (&self->editor);
  g_clear_weak_pointer (&self->closing);
  g_clear_object (&self->waiting);
  g_clear_weak_pointer (&self->last_toast);
  G_OBJECT_CLASS (vastus_battery_preferences_parent_class)->dispose (object);
}

static void
vastus_battery_preferences_finalize (GObject *object)
{
  VastusBatteryPreferences *self = VASTUS_BATTERY_PREFERENCES (object);

  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->buttons, g_hash_table_unref);
  G_OBJECT_CLASS (vastus_battery_preferences_parent_class)->finalize (object);
}

static void
vastus_battery_preferences_class_init (VastusBatteryPreferencesClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = vastus_battery_preferences_dispose;
  object_class->finalize = vastus_battery_preferences_finalize;
}

static void
vastus_battery_preferences_init (VastusBatteryPreferences *self)
{
  self->rows = g_ptr_array_new ();
  self->buttons = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

/* Public API */

void
vastus_battery_preferences_set_clinic (VastusBatteryPreferences *self,
                                       VastusClinic             *clinic)
{
  GtkWidget *new_content;

  g_return_if_fail (VASTUS_IS_BATTERY_PREFERENCES (self));
  g_return_if_fail (VASTUS_IS_CLINIC (clinic));
  g_return_if_fail (self->clinic == NULL);

  self->clinic = g_object_ref (clinic);
  self->templates = g_object_ref (vastus_clinic_get_templates (clinic));

  /* After the groups the page holds already: the batteries below the rules. */
  self->clinic_group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  /* Translators: a heading (title case): the clinic's own test batteries */
  adw_preferences_group_set_title (self->clinic_group, _("Clinic Batteries"));
  adw_preferences_group_set_description (self->clinic_group,
                                         _("The measures a visit shows, in order, for a condition and phase. "
                                           "A new visit opens with the battery of the episode’s last visit, "
                                           "else with yours for its condition and phase, before a built-in one."));
  new_content = adw_button_content_new ();
  self->new_button = gtk_button_new ();
  adw_button_content_set_icon_name (ADW_BUTTON_CONTENT (new_content), "list-add-symbolic");
  /* Translators: a button (verb): adds a test battery of the clinic's own */
  adw_button_content_set_label (ADW_BUTTON_CONTENT (new_content), _("New _Battery"));
  adw_button_content_set_use_underline (ADW_BUTTON_CONTENT (new_content), TRUE);
  gtk_button_set_child (GTK_BUTTON (self->new_button), new_content);
  gtk_widget_set_valign (self->new_button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (self->new_button, "flat");
  g_signal_connect_swapped (self->new_button, "clicked", G_CALLBACK (new_clicked_cb), self);
  adw_preferences_group_set_header_suffix (self->clinic_group, self->new_button);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (self), self->clinic_group);

  self->builtin_group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  /* Translators: a heading (title case): the test batteries that come with Vastus */
  adw_preferences_group_set_title (self->builtin_group, _("Built-in Batteries"));
  adw_preferences_group_set_description (self->builtin_group,
                                         _("What the published criteria of each phase after ACL reconstruction judge. "
                                           "They cannot be changed: copy one to adapt it."));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (self), self->builtin_group);

  g_signal_connect_object (self->templates, "items-changed", G_CALLBACK (fill), self,
                           G_CONNECT_SWAPPED);
  fill (self);
}

GtkWidget *
vastus_battery_preferences_get_button (VastusBatteryPreferences *self,
                                       const char               *name,
                                       gint64                    id)
{
  g_autofree char *key = NULL;

  g_return_val_if_fail (VASTUS_IS_BATTERY_PREFERENCES (self), NULL);

  if (g_str_equal (name, "new"))
    return self->new_button;
  key = g_strdup_printf ("%s/%" G_GINT64_FORMAT, name, id);
  return g_hash_table_lookup (self->buttons, key);
}

GtkWidget *
vastus_battery_preferences_get_editor (VastusBatteryPreferences *self)
{
  g_return_val_if_fail (VASTUS_IS_BATTERY_PREFERENCES (self), NULL);
  return self->editor != NULL ? self->editor : self->waiting;
}

AdwToast *
vastus_battery_preferences_get_toast (VastusBatteryPreferences *self)
{
  g_return_val_if_fail (VASTUS_IS_BATTERY_PREFERENCES (self), NULL);
  return self->last_toast;
}
