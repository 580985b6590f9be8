/* device-fixture.h: the hand-written device exports and profiles of tests/data/device
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "vastus-profile.h"

/* The bytes of tests/data/device/@name. */
static inline char *
read_fixture (const char *name,
              gsize      *length)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "device", name, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;

  g_file_get_contents (path, &data, length, &error);
  g_assert_no_error (error);
  return g_steal_pointer (&data);
}

/* The profile tests/data/device/@name, its id from the file name. */
static inline VastusProfile *
load_profile (const char *name)
{
  gsize length;
  g_autofree char *text = read_fixture (name, &length);
  g_autofree char *id = vastus_profile_id_from_filename (name);
  g_autoptr(GError) error = NULL;
  VastusProfile *p = vastus_profile_new_from_data (id, text, length, &error);

  g_assert_no_error (error);
  return p;
}

/* The built-in profile @id. */
static inline VastusProfile *
builtin (const char *id)
{
  g_autoptr(GPtrArray) all = vastus_profile_list_builtin ();

  for (guint i = 0; i < all->len; i++)
    if (g_str_equal (((VastusProfile *) all->pdata[i])->id, id))
      return g_ptr_array_steal_index (all, i);
  g_assert_not_reached ();
}
