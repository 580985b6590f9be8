/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vastus-problem-view"

#include "config.h"

#include "vastus-problem-view.h"

struct _VastusProblemView
{
  GtkBox     parent_instance;

  GString   *errors;
  GString   *warnings;
  char      *text;
  GtkWidget *error_box;
  GtkLabel  *error_label;
  GtkWidget *warning_box;
  GtkLabel  *warning_label;
};

G_DEFINE_FINAL_TYPE (VastusProblemView, vastus_problem_view, GTK_TYPE_BOX)

static GtkWidget *
make_line (const char  *icon_name,
           const char  *style,
           GtkLabel   **label)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  /* The words say it; the icon is for the eye. */
  GtkWidget *icon = g_object_new (GTK_TYPE_IMAGE, "icon-name", icon_name,
                                  "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION, NULL);

  gtk_widget_set_valign (icon, GTK_ALIGN_START);
  gtk_widget_add_css_class (icon, style);
  gtk_widget_set_visible (box, FALSE);
  *label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (*label, 0);
  gtk_label_set_wrap (*label, TRUE);
  gtk_label_set_wrap_mode (*label, PANGO_WRAP_WORD_CHAR);
  gtk_widget_set_hexpand (GTK_WIDGET (*label), TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (*label), style);
  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (*label));
  return box;
}

static void
update (VastusProblemView *self)
{
  g_clear_pointer (&self->text, g_free);
  if (self->errors->len > 0 || self->warnings->len > 0)
    self->text = g_strconcat (self->errors->str,
                              self->errors->len > 0 && self->warnings->len > 0 ? "\n" : "",
                              self->warnings->str, NULL);
  gtk_label_set_text (self->error_label, self->errors->str);
  gtk_label_set_text (self->warning_label, self->warnings->str);
  gtk_widget_set_visible (self->error_box, self->errors->len > 0);
  gtk_widget_set_visible (self->warning_box, self->warnings->len > 0);
  gtk_widget_set_visible (GTK_WIDGET (self), self->text != NULL);
}

static void
vastus_problem_view_finalize (GObject *object)
{
  VastusProblemView *self = VASTUS_PROBLEM_VIEW (object);

  g_string_free (self->errors, TRUE);
  g_string_free (self->warnings, TRUE);
  g_free (self->text);
  G_OBJECT_CLASS (vastus_problem_view_parent_class)->finalize (object);
}

static void
vastus_problem_view_class_init (VastusProblemViewClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = vastus_problem_view_finalize;
}

static void
vastus_problem_view_init (VastusProblemView *self)
{
  self->errors = g_string_new (NULL);
  self->warnings = g_string_new (NULL);
  gtk_orientable_set_orientation (GTK_ORIENTABLE (self), GTK_ORIENTATION_VERTICAL);
  gtk_box_set_spacing (GTK_BOX (self), 4);
  self->error_box = make_line ("dialog-error-symbolic", "error", &self->error_label);
  self->warning_box = make_line ("dialog-warning-symbolic", "warning", &self->warning_label);
  gtk_box_append (GTK_BOX (self), self->error_box);
  gtk_box_append (GTK_BOX (self), self->warning_box);
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
}

GtkWidget *
vastus_problem_view_new (void)
{
  return g_object_new (VASTUS_TYPE_PROBLEM_VIEW, NULL);
}

void
vastus_problem_view_clear (VastusProblemView *self)
{
  g_return_if_fail (VASTUS_IS_PROBLEM_VIEW (self));

  g_string_truncate (self->errors, 0);
  g_string_truncate (self->warnings, 0);
  update (self);
}

void
vastus_problem_view_add (VastusProblemView *self,
                         gboolean           soft,
                         const char        *message)
{
  GString *list;

  g_return_if_fail (VASTUS_IS_PROBLEM_VIEW (self));
  g_return_if_fail (message != NULL);

  list = soft ? self->warnings : self->errors;
  if (list->len > 0)
    g_string_append_c (list, '\n');
  g_string_append (list, message);
  update (self);
}

gboolean
vastus_problem_view_has_errors (VastusProblemView *self)
{
  g_return_val_if_fail (VASTUS_IS_PROBLEM_VIEW (self), FALSE);
  return self->errors->len > 0;
}

gboolean
vastus_problem_view_has_warnings (VastusProblemView *self)
{
  g_return_val_if_fail (VASTUS_IS_PROBLEM_VIEW (self), FALSE);
  return self->warnings->len > 0;
}

const char *
vastus_problem_view_get_text (VastusProblemView *self)
{
  g_return_val_if_fail (VASTUS_IS_PROBLEM_VIEW (self), NULL);
  return self->text;
}

const char *
vastus_problem_view_get_errors (VastusProblemView *self)
{
  g_return_val_if_fail (VASTUS_IS_PROBLEM_VIEW (self), NULL);
  return self->errors->len > 0 ? self->errors->str : NULL;
}

const char *
vastus_problem_view_get_warnings (VastusProblemView *self)
{
  g_return_val_if_fail (VASTUS_IS_PROBLEM_VIEW (self), NULL);
  return self->warnings->len > 0 ? self->warnings->str : NULL;
}
