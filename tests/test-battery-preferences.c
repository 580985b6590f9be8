/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <locale.h>
#include <string.h>

#include "clinic-test-util.h"
#include "vastus-battery-editor.h"
#include "vastus-battery-preferences.h"
#include "vastus-preferences-window.h"
#include "vastus-template-item.h"

typedef struct
{
  char                     *dir;
  char                     *path;
  VastusClinic             *clinic;
  GtkWidget                *window;
  VastusBatteryPreferences *page;
} Fixture;

static void
iterate_until_idle (Fixture *fixture)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
  clinic_test_wait (fixture->clinic);
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
find_page (GtkWidget  *widget,
           Fixture    *fixture)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (VASTUS_IS_BATTERY_PREFERENCES (child))
        fixture->page = VASTUS_BATTERY_PREFERENCES (child);
      else
        find_page (child, fixture);
    }
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("vastus-test-batteries-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "clinic.db", NULL);
  fixture->clinic = clinic_test_open (fixture->path);
  vastus_clinic_get_templates (fixture->clinic);
  iterate_until_idle (fixture);
  fixture->window = vastus_preferences_window_new (NULL, fixture->clinic);
  gtk_window_present (GTK_WINDOW (fixture->window));
  while (!gtk_widget_get_mapped (fixture->window))
    g_main_context_iteration (NULL, TRUE);
  find_page (fixture->window, fixture);
  g_assert_nonnull (fixture->page);
  adw_preferences_window_set_visible_page (ADW_PREFERENCES_WINDOW (fixture->window),
                                           ADW_PREFERENCES_PAGE (fixture->page));
  iterate_until_idle (fixture);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  gpointer window = fixture->window;
  gpointer page = fixture->page;

  /* The window and the page must not outlive it (no reference cycles). */
  g_object_add_weak_pointer (window, &window);
  g_object_add_weak_pointer (page, &page);
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  iterate_until_idle (fixture);
  g_assert_null (page);
  g_assert_null (window);
  g_assert_finalize_object (fixture->clinic);
  g_remove (fixture->path);
  g_remove (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->dir);
}

/* The clinic's batteries, as it lists them. */
static const VastusTemplate *
listed (Fixture *fixture,
        guint    position)
{
  GListModel *templates = vastus_clinic_get_templates (fixture->clinic);
  g_autoptr(VastusTemplateItem) item = g_list_model_get_item (templates, position);

  g_assert_nonnull (item);
  return vastus_template_item_get_template (item);
}

static gint64
builtin_id (Fixture    *fixture,
            const char *code)
{
  GListModel *templates = vastus_clinic_get_templates (fixture->clinic);

  for (guint i = 0; i < g_list_model_get_n_items (templates); i++)
    if (g_strcmp0 (listed (fixture, i)->code, code) == 0)
      return listed (fixture, i)->id;
  g_assert_not_reached ();
}

static void
click (Fixture   *fixture,
       GtkWidget *button)
{
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
  iterate_until_idle (fixture);
}

static VastusBatteryEditor *
editor (Fixture *fixture)
{
  GtkWidget *e = vastus_battery_preferences_get_editor (fixture->page);

  g_assert_nonnull (e);
  return VASTUS_BATTERY_EDITOR (e);
}

static GtkWidget *
field (Fixture    *fixture,
       const char *name)
{
  GtkWidget *widget = vastus_battery_editor_get_field (editor (fixture), name);

  g_assert_nonnull (widget);
  return widget;
}

static gboolean
has_focus_within (GtkWidget *widget)
{
  GtkWidget *focus = gtk_root_get_focus (gtk_widget_get_root (widget));

  return focus != NULL && (focus == widget || gtk_widget_is_ancestor (focus, widget));
}

/* "pain_nrs effusion_stroke … quadriceps_hhd×3(lbf)" */
static char *
measures_of (const VastusTemplate *t)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < t->measures->len; i++)
    {
      const VastusTemplateMeasure *m = g_ptr_array_index (t->measures, i);

      g_string_append_printf (text, "%s%s", i > 0 ? " " : "", m->measure);
      if (m->trials != 1)
        g_string_append_printf (text, "×%u", m->trials);
      if (m->unit != NULL)
        g_string_append_printf (text, "(%s)", m->unit);
    }
  return g_string_free (text, FALSE);
}

/* The item of @dropdown's list that starts with @prefix. */
static void
choose_prefix (Fixture     *fixture,
               GtkWidget   *dropdown,
               const char  *prefix)
{
  GListModel *items = gtk_drop_down_get_model (GTK_DROP_DOWN (dropdown));

  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr(GtkStringObject) item = g_list_model_get_item (items, i);

      if (g_str_has_prefix (gtk_string_object_get_string (item), prefix))
        {
          gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), i);
          iterate_until_idle (fixture);
          return;
        }
    }
  g_assert_not_reached ();
}

/* A clinic adapts a built-in battery: the copy opens unsaved, a measure out, the quadriceps in
 * lbf, the single hop in and moved up; saved, it is the clinic's, listed first. */
static void
test_copy_and_adapt (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *measures = NULL;

  g_assert_cmpuint (g_list_model_get_n_items (vastus_clinic_get_templates (fixture->clinic)), ==, 3);
  g_assert_null (vastus_battery_preferences_get_button (fixture->page, "edit", builtin_id (fixture, "aclr-early")));
  click (fixture, vastus_battery_preferences_get_button (fixture->page, "copy", builtin_id (fixture, "aclr-early")));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (field (fixture, "name"))), ==,
                   "ACL reconstruction: early rehabilitation (clinic)");
  g_assert_true (has_focus_within (field (fixture, "name")));
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (field (fixture, "condition"))), ==, 1);
  g_assert_cmpfloat (gtk_spin_button_get_value (GTK_SPIN_BUTTON (field (fixture, "until-week"))), ==, 12);

  gtk_editable_set_text (GTK_EDITABLE (field (fixture, "name")), "ACL 12-week battery");
  /* Out: extension lag; the keyboard goes to the next measure's Remove. */
  click (fixture, field (fixture, "extension_lag/remove"));
  g_assert_null (vastus_battery_editor_get_field (editor (fixture), "extension_lag/remove"));
  g_assert_true (has_focus_within (field (fixture, "thigh_girth_10/remove")));
  /* The quadriceps in lbf: the first item is the last visit's unit, then N, lbf … */
  choose_prefix (fixture, field (fixture, "quadriceps_hhd/unit"), "lbf");
  /* In: the single hop, two trials (the mean of 2 measured hops), moved above the quadriceps. */
  choose_prefix (fixture, field (fixture, "add-measure"), "Single hop");
  g_assert_true (has_focus_within (field (fixture, "add-measure")));
  g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (field (fixture, "add-measure"))), ==, 0);
  g_assert_false (gtk_widget_is_sensitive (field (fixture, "single_hop/down")));
  click (fixture, field (fixture, "single_hop/up"));
  g_assert_true (has_focus_within (field (fixture, "single_hop/up")));
  measures = measures_of (vastus_battery_editor_get_template (editor (fixture)));
  g_assert_cmpstr (measures, ==, "pain_nrs effusion_stroke knee_extension knee_flexion thigh_girth_10 "
                                 "single_hop×2 quadriceps_hhd×3(lbf)");
  /* Not stored yet. */
  g_assert_cmpuint (g_list_model_get_n_items (vastus_clinic_get_templates (fixture->clinic)), ==, 3);

  click (fixture, field (fixture, "save"));
  g_assert_null (vastus_battery_preferences_get_editor (fixture->page));
  g_assert_cmpuint (g_list_model_get_n_items (vastus_clinic_get_templates (fixture->clinic)), ==, 4);
  g_assert_cmpstr (listed (fixture, 0)->name, ==, "ACL 12-week battery");
  g_assert_false (listed (fixture, 0)->builtin);
  g_assert_false (listed (fixture, 0)->any_condition);
  g_assert_cmpint (listed (fixture, 0)->condition, ==, VASTUS_CONDITION_ACLR);
  g_assert_cmpint (listed (fixture, 0)->to_week, ==, 12);
  g_clear_pointer (&measures, g_free);
  measures = measures_of (listed (fixture, 0));
  g_assert_cmpstr (measures, ==, "pain_nrs effusion_stroke knee_extension knee_flexion thigh_girth_10 "
                                 "single_hop×2 quadriceps_hhd×3(lbf)");
  /* The built-in one is as it was. */
  g_assert_cmpuint (listed (fixture, 1)->measures->len, ==, 7);
  g_assert_nonnull (vastus_battery_preferences_get_button (fixture->page, "edit", listed (fixture, 0)->id));
}

/* What cannot be saved says why, every problem, with the keyboard on the first; nothing is
 * stored. Then a good one is, and changing it shows in the list. */
static void
test_new_and_problems (Fixture       *fixture,
                       gconstpointer  data)
{
  GtkWidget *problems;
  gint64 id;

  click (fixture, vastus_battery_preferences_get_button (fixture->page, "new", 0));
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (field (fixture, "condition"))), ==, 0);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (field (fixture, "from-week")), 12);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (field (fixture, "until-week")), 6);
  g_assert_false (vastus_battery_editor_save (editor (fixture)));
  problems = field (fixture, "problems");
  g_assert_true (gtk_widget_get_visible (problems));
  g_test_message ("%s", gtk_label_get_text (GTK_LABEL (problems)));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (problems)), "name is required"));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (problems)), "week 6, which is not after its start, week 12"));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (problems)), "at least one measure"));
  g_assert_true (has_focus_within (field (fixture, "name")));
  iterate_until_idle (fixture);
  g_assert_cmpuint (g_list_model_get_n_items (vastus_clinic_get_templates (fixture->clinic)), ==, 3);

  gtk_editable_set_text (GTK_EDITABLE (field (fixture, "name")), "Knee screen");
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (field (fixture, "until-week")), 0);
  choose_prefix (fixture, field (fixture, "add-measure"), "Pain");
  g_assert_null (vastus_battery_editor_get_field (editor (fixture), "pain_nrs/trials"));
  choose_prefix (fixture, field (fixture, "add-measure"), "Quadriceps isometric force (hand");
  g_assert_cmpfloat (gtk_spin_button_get_value (GTK_SPIN_BUTTON (field (fixture, "quadriceps_hhd/trials"))), ==, 3);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (field (fixture, "quadriceps_hhd/trials")), 5);
  g_assert_true (vastus_battery_editor_save (editor (fixture)));
  iterate_until_idle (fixture);
  /* Saved: the subpage closed. */
  g_assert_null (vastus_battery_preferences_get_editor (fixture->page));
  g_assert_cmpstr (listed (fixture, 0)->name, ==, "Knee screen");
  g_assert_true (listed (fixture, 0)->any_condition);
  g_assert_cmpint (listed (fixture, 0)->from_week, ==, 12);
  g_assert_cmpint (listed (fixture, 0)->to_week, ==, -1);
  {
    g_autofree char *measures = measures_of (listed (fixture, 0));

    g_assert_cmpstr (measures, ==, "pain_nrs quadriceps_hhd×5");
  }

  /* Edited: renamed in place. */
  id = listed (fixture, 0)->id;
  click (fixture, vastus_battery_preferences_get_button (fixture->page, "edit", id));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (field (fixture, "name"))), ==, "Knee screen");
  gtk_editable_set_text (GTK_EDITABLE (field (fixture, "name")), "Knee screen 2");
  click (fixture, field (fixture, "save"));
  g_assert_cmpuint (g_list_model_get_n_items (vastus_clinic_get_templates (fixture->clinic)), ==, 4);
  g_assert_cmpstr (listed (fixture, 0)->name, ==, "Knee screen 2");

  /* Cancel leaves it as it was. */
  click (fixture, vastus_battery_preferences_get_button (fixture->page, "edit", id));
  gtk_editable_set_text (GTK_EDITABLE (field (fixture, "name")), "Not kept");
  click (fixture, field (fixture, "cancel"));
  g_assert_null (vastus_battery_preferences_get_editor (fixture->page));
  g_assert_cmpstr (listed (fixture, 0)->name, ==, "Knee screen 2");
}

/* Delete, then Undo. */
static void
test_delete_undo (Fixture       *fixture,
                  gconstpointer  data)
{
  AdwToast *toast;
  gint64 id;

  click (fixture, vastus_battery_preferences_get_button (fixture->page, "new", 0));
  gtk_editable_set_text (GTK_EDITABLE (field (fixture, "name")), "Gone for a moment");
  choose_prefix (fixture, field (fixture, "add-measure"), "Pain");
  click (fixture, field (fixture, "save"));
  id = listed (fixture, 0)->id;

  click (fixture, vastus_battery_preferences_get_button (fixture->page, "delete", id));
  g_assert_cmpuint (g_list_model_get_n_items (vastus_clinic_get_templates (fixture->clinic)), ==, 3);
  g_assert_null (vastus_battery_preferences_get_button (fixture->page, "delete", id));
  toast = vastus_battery_preferences_get_toast (fixture->page);
  g_assert_nonnull (toast);
  g_assert_cmpstr (adw_toast_get_title (toast), ==, "Battery “Gone for a moment” deleted");
  g_signal_emit_by_name (toast, "button-clicked");
  iterate_until_idle (fixture);
  g_assert_cmpuint (g_list_model_get_n_items (vastus_clinic_get_templates (fixture->clinic)), ==, 4);
  g_assert_cmpint (listed (fixture, 0)->id, ==, id);
  g_assert_nonnull (vastus_battery_preferences_get_button (fixture->page, "delete", id));
}

int
main (int argc, char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  setlocale (LC_ALL, "C.UTF-8");

#define ADD(path, func) \
  g_test_add ("/ui-page/batteries/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("copy-and-adapt", test_copy_and_adapt);
  ADD ("new-and-problems", test_new_and_problems);
  ADD ("delete-undo", test_delete_undo);
#undef ADD

  return g_test_run ();
}
