/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vastus-login-button"

#include "config.h"

#include "vastus-i18n.h"

#include "vastus-login-button.h"

struct _VastusLoginButton
{
  AdwBin         parent_instance;

  char          *summary;  /* where · who, NULL with nothing to show */

  GtkMenuButton *button;
  GtkLabel      *login_label;
  GtkLabel      *where_label;
  GtkLabel      *address_label;
  GtkLabel      *who_label;
};

G_DEFINE_FINAL_TYPE (VastusLoginButton, vastus_login_button, ADW_TYPE_BIN)

static void
vastus_login_button_dispose (GObject *object)
{
  /* AdwBin would unparent its child a second time after the template did. */
  adw_bin_set_child (ADW_BIN (object), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (object), VASTUS_TYPE_LOGIN_BUTTON);
  G_OBJECT_CLASS (vastus_login_button_parent_class)->dispose (object);
}

static void
vastus_login_button_finalize (GObject *object)
{
  VastusLoginButton *self = VASTUS_LOGIN_BUTTON (object);

  g_free (self->summary);
  G_OBJECT_CLASS (vastus_login_button_parent_class)->finalize (object);
}

static void
vastus_login_button_class_init (VastusLoginButtonClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = vastus_login_button_dispose;
  object_class->finalize = vastus_login_button_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/vastus-login-button.ui");
  gtk_widget_class_bind_template_child (widget_class, VastusLoginButton, address_label);
  gtk_widget_class_bind_template_child (widget_class, VastusLoginButton, button);
  gtk_widget_class_bind_template_child (widget_class, VastusLoginButton, login_label);
  gtk_widget_class_bind_template_child (widget_class, VastusLoginButton, where_label);
  gtk_widget_class_bind_template_child (widget_class, VastusLoginButton, who_label);
}

static void
vastus_login_button_init (VastusLoginButton *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

gboolean
vastus_login_button_update (VastusLoginButton *self,
                            VastusClinic      *clinic)
{
  g_autofree char *full_name = NULL;
  g_autofree char *login = NULL;
  g_autofree char *where = NULL;
  g_autofree char *address = NULL;
  g_autofree char *who = NULL;
  g_autofree char *logged_in = NULL;
  g_autofree char *name = NULL;

  g_return_val_if_fail (VASTUS_IS_LOGIN_BUTTON (self), FALSE);
  g_return_val_if_fail (VASTUS_IS_CLINIC (clinic), FALSE);

  g_clear_pointer (&self->summary, g_free);
  login = vastus_clinic_dup_login (clinic, &full_name);
  if (login == NULL)
    return FALSE;
  where = vastus_clinic_describe (clinic, &address);
  who = full_name != NULL ? g_strdup_printf (/* Translators: a clinician's full name, then the
                                                * server login */
                                             _("%s (%s)"), full_name, login)
                          : g_strdup (login);
  /* Translators: in the window's header: where the data lives, then who is logged in */
  self->summary = g_strdup_printf (_("%s · %s"), where, who);
  /* Translators: in the popover of the header's server button; %s is the clinician's name and
   * login, or the login alone */
  logged_in = g_strdup_printf (_("Logged in as %s"), who);
  /* Translators: the accessible name of the header's server button on a narrow window: where
   * the data lives (“Clinic server on this computer”), then who is logged in */
  name = g_strdup_printf (_("%s, logged in as %s"), where, who);

  gtk_label_set_text (self->login_label, login);
  gtk_label_set_text (self->where_label, where);
  gtk_label_set_text (self->address_label, address != NULL ? address : "");
  gtk_widget_set_visible (GTK_WIDGET (self->address_label), address != NULL && *address != '\0');
  gtk_label_set_text (self->who_label, logged_in);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->button), self->summary);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->button), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  return TRUE;
}

const char *
vastus_login_button_get_summary (VastusLoginButton *self)
{
  g_return_val_if_fail (VASTUS_IS_LOGIN_BUTTON (self), NULL);

  return self->summary;
}

GtkMenuButton *
vastus_login_button_get_button (VastusLoginButton *self)
{
  g_return_val_if_fail (VASTUS_IS_LOGIN_BUTTON (self), NULL);

  return self->button;
}
