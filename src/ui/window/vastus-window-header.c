/* vastus-window-header.c: the main window's header bar: Add Patient or Back on its start, who
 * is entering data (the clinician picker, or the server's login) and where the data lives.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "vastus-window"

#include "config.h"

#include "vastus-i18n.h"

#include "vastus-window-private.h"

/* Whether the leaflet is folded or, while it has no width of its own (the welcome or another
 * page shown, or before the first frame), would be: the title then made the first frame ask
 * "W…". */
static gboolean
is_folded (VastusWindow *self)
{
  g_autoptr(GListModel) pages = G_LIST_MODEL (adw_leaflet_get_pages (self->leaflet));
  int width = gtk_widget_get_width (GTK_WIDGET (self->stack));
  int height, unfolded = 0;

  if (gtk_widget_get_mapped (GTK_WIDGET (self->leaflet)) && gtk_widget_get_width (GTK_WIDGET (self->leaflet)) > 0)
    return adw_leaflet_get_folded (self->leaflet);
  if (width == 0)
    gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  for (guint i = 0; i < g_list_model_get_n_items (pages); i++)
    {
      g_autoptr(AdwLeafletPage) page = g_list_model_get_item (pages, i);
      int minimum;

      gtk_widget_measure (adw_leaflet_page_get_child (page), GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
      unfolded += minimum;
    }
  return width < unfolded;
}

/* The header bar's start: Add Patient beside the list, Back on the patient's pane when the
 * window is folded to one pane. Folded (a narrow window), the title gives its room to who is
 * entering data, which every record written names. */
void
_vastus_window_update_header (VastusWindow *self)
{
  gboolean patients;
  gboolean folded;
  gboolean on_pane;

  patients = g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "patients") == 0;
  folded = is_folded (self);
  on_pane = adw_leaflet_get_visible_child (self->leaflet) == self->pane_box;

  gtk_widget_set_visible (GTK_WIDGET (self->back_button), patients && folded && on_pane);
  gtk_widget_set_visible (GTK_WIDGET (self->add_button), patients && !(folded && on_pane));
  gtk_widget_set_visible (GTK_WIDGET (self->window_title), !folded);
  /* On a server, folded: where and who, which the title's subtitle says when there is room. */
  gtk_widget_set_visible (GTK_WIDGET (self->login_button),
                          folded && vastus_login_button_get_summary (self->login_button) != NULL);
}

static gboolean
update_header_cb (gpointer data)
{
  VastusWindow *self = data;

  self->header_source = 0;
  _vastus_window_update_header (self);
  return G_SOURCE_REMOVE;
}

/* The leaflet folds while it is allocated: the header bar changes after that. */
void
_vastus_window_leaflet_changed_cb (VastusWindow *self)
{
  if (self->header_source == 0)
    self->header_source = g_idle_add (update_header_cb, self);
}

/* Who is entering is the clinic's actor: every record written names them. */
void
_vastus_window_bind_clinician (VastusWindow *self)
{
  g_object_bind_property (self->clinician_picker, "clinician", self->clinic, "actor",
                          G_BINDING_SYNC_CREATE);
}

/* Where the data lives, in the title's subtitle (its tooltip says more), while the database
 * opens; nothing at the first start (@chosen FALSE), when nothing is chosen yet. */
void
_vastus_window_show_where (VastusWindow *self,
                           gboolean      chosen)
{
  g_autofree char *detail = NULL;
  g_autofree char *where = NULL;

  if (!chosen)
    {
      adw_window_title_set_subtitle (self->window_title, NULL);
      return;
    }
  where = vastus_clinic_describe (self->clinic, &detail);
  adw_window_title_set_subtitle (self->window_title, where);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->window_title), detail);
  /* On a server the login says who is entering, also while it is not open yet. */
  gtk_widget_set_visible (GTK_WIDGET (self->clinician_picker),
                          !vastus_clinic_is_server (self->clinic));
  /* Another database: who was logged in is no longer. */
  vastus_login_button_update (self->login_button, self->clinic);
  _vastus_window_update_header (self);
}

/* On a clinic server, who is entering is the login: the header says who, beside where the data
 * lives, and there is no clinician to pick (switching is logging in as another). */
void
_vastus_window_show_login (VastusWindow *self)
{
  gboolean server = vastus_login_button_update (self->login_button, self->clinic);

  gtk_widget_set_visible (GTK_WIDGET (self->clinician_picker), !server);
  if (server)
    adw_window_title_set_subtitle (self->window_title,
                                   vastus_login_button_get_summary (self->login_button));
  _vastus_window_update_header (self);
}
