/* ui-safety-util.h: helpers of the 'ui-safety' tests (backups, recovery, export, chart tables)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

/* A string setting is @expected (the setting's copy freed). */
#define ui_assert_setting(settings, key, expected) \
  G_STMT_START { \
    g_autofree char *ui_setting_ = g_settings_get_string ((settings), (key)); \
    g_assert_cmpstr (ui_setting_, ==, (expected)); \
  } G_STMT_END

static inline void
ui_iterate (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* Shows @window and waits until @widget is mapped and the window has drawn. */
static inline void
ui_show (GtkWindow *window,
         GtkWidget *widget)
{
  gtk_window_present (window);
  while (!gtk_widget_get_mapped (widget))
    g_main_context_iteration (NULL, TRUE);
  ui_iterate ();
}

static inline void
ui_rm_rf (const char *path)
{
  if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    {
      g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
      const char *name;

      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          ui_rm_rf (child);
        }
    }
  g_remove (path);
}

/* Whether a GtkLabel under @root (or @root itself) shows text containing @needle. */
static inline gboolean
ui_find_label (GtkWidget  *root,
               const char *needle)
{
  if (GTK_IS_LABEL (root) && gtk_widget_get_visible (root)
      && strstr (gtk_label_get_text (GTK_LABEL (root)), needle) != NULL)
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (ui_find_label (child, needle))
      return TRUE;
  return FALSE;
}

/* The first descendant of @root (or @root) of @type whose label or name is @name (NULL: any). */
static inline GtkWidget *
ui_find_widget (GtkWidget  *root,
                GType       type,
                const char *name)
{
  if (g_type_is_a (G_OBJECT_TYPE (root), type))
    {
      const char *label = NULL;

      if (GTK_IS_BUTTON (root))
        label = gtk_button_get_label (GTK_BUTTON (root));
      if (name == NULL || g_strcmp0 (label, name) == 0
          || g_strcmp0 (gtk_widget_get_name (root), name) == 0)
        return root;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = ui_find_widget (child, type, name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* With $VASTUS_SCREENSHOT_DIR set, saves @window as <dir>/<name>.png, for looking at it. */
static inline void
ui_screenshot (GtkWidget  *window,
               const char *name)
{
  const char *dir = g_getenv ("VASTUS_SCREENSHOT_DIR");
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *file = NULL;
  int width, height;

  if (dir == NULL)
    return;
  gtk_test_widget_wait_for_draw (window);
  ui_iterate ();
  width = gtk_widget_get_width (window);
  height = gtk_widget_get_height (window);
  paintable = gtk_widget_paintable_new (window);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  if (node == NULL)
    return;
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  file = g_strdup_printf ("%s/%s.png", dir, name);
  gdk_texture_save_to_png (texture, file);
}

/* With $VASTUS_SCREENSHOT_DIR set, saves @window wide (760 px) and narrow (360 px), light and dark,
 * @height high, as <dir>/<name>-wide.png, -narrow, -wide-dark and -narrow-dark; then gives it its
 * size and the desktop's style back. */
static inline void
ui_screenshots (GtkWindow  *window,
                const char *name,
                int         height)
{
  static const struct { int width; gboolean dark; const char *suffix; } shots[] = {
    { 760, FALSE, "wide" }, { 360, FALSE, "narrow" }, { 760, TRUE, "wide-dark" },
    { 360, TRUE, "narrow-dark" },
  };
  AdwStyleManager *style = adw_style_manager_get_default ();
  int width, old_height;

  if (g_getenv ("VASTUS_SCREENSHOT_DIR") == NULL)
    return;
  gtk_window_get_default_size (window, &width, &old_height);
  for (guint i = 0; i < G_N_ELEMENTS (shots); i++)
    {
      g_autofree char *file = g_strdup_printf ("%s-%s", name, shots[i].suffix);

      adw_style_manager_set_color_scheme (style, shots[i].dark ? ADW_COLOR_SCHEME_FORCE_DARK
                                                               : ADW_COLOR_SCHEME_FORCE_LIGHT);
      gtk_window_set_default_size (window, shots[i].width, height);
      for (guint k = 0; k < 20; k++)
        {
          ui_iterate ();
          g_usleep (5000);
        }
      ui_screenshot (GTK_WIDGET (window), file);
    }
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
  gtk_window_set_default_size (window, width, old_height);
}
