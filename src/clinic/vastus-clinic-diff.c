/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vastus-clinic"

#include "config.h"

#include <math.h>

#include "vastus-clinic-private.h"

gboolean
_vastus_same_number (double a,
                     double b)
{
  return vastus_same_number (a, b);
}

gboolean
_vastus_same_date (const GDate *a,
                   const GDate *b)
{
  if (!g_date_valid (a) || !g_date_valid (b))
    return g_date_valid (a) == g_date_valid (b);
  return g_date_compare (a, b) == 0;
}

/* Marks in @keep the entries of @values (distinct) on one longest strictly increasing run:
 * patience sorting, O(n log n). */
static void
mark_longest_increasing (const guint *values,
                         guint        n,
                         gboolean    *keep)
{
  g_autofree guint *tails = g_new (guint, n + 1);   /* index of the run's last value, by length */
  g_autofree guint *before = g_new (guint, n + 1);  /* the entry before each one on its run */
  guint length = 0;

  for (guint i = 0; i < n; i++)
    {
      guint low = 0, high = length;

      while (low < high)
        {
          guint middle = (low + high) / 2;

          if (values[tails[middle]] < values[i])
            low = middle + 1;
          else
            high = middle;
        }
      before[i] = low > 0 ? tails[low - 1] : G_MAXUINT;
      tails[low] = i;
      if (low == length)
        length++;
    }
  for (guint i = length > 0 ? tails[length - 1] : G_MAXUINT; i != G_MAXUINT; i = before[i])
    keep[i] = TRUE;
}

GArray *
_vastus_diff_ids (const gint64 *old_ids,
                  guint         n_old,
                  const gint64 *new_ids,
                  guint         n_new)
{
  g_autoptr(GHashTable) new_index = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autofree guint *common = g_new (guint, n_old + 1);      /* new index of each old id kept */
  g_autofree guint *common_old = g_new (guint, n_old + 1);  /* … and its old position */
  g_autofree gboolean *on_run = g_new0 (gboolean, n_old + 1);
  g_autofree gboolean *kept_old = g_new0 (gboolean, n_old + 1);
  g_autofree gboolean *kept_new = g_new0 (gboolean, n_new + 1);
  GArray *steps = g_array_new (FALSE, FALSE, sizeof (VastusDiffStep));
  guint n_common = 0;

  if (n_old == n_new && (n_old == 0 || memcmp (old_ids, new_ids, n_old * sizeof (gint64)) == 0))
    return steps;

  for (guint i = 0; i < n_new; i++)
    g_hash_table_insert (new_index, (gpointer) &new_ids[i], GUINT_TO_POINTER (i + 1));
  for (guint i = 0; i < n_old; i++)
    {
      guint found = GPOINTER_TO_UINT (g_hash_table_lookup (new_index, &old_ids[i]));

      if (found > 0)
        {
          common[n_common] = found - 1;
          common_old[n_common++] = i;
        }
    }
  /* Ids on a longest run that keeps its order stay where they are; the others move. */
  mark_longest_increasing (common, n_common, on_run);
  for (guint i = 0; i < n_common; i++)
    if (on_run[i])
      {
        kept_old[common_old[i]] = TRUE;
        kept_new[common[i]] = TRUE;
      }

  /* Removals from the end, so that the positions before each stay as they were. */
  for (guint i = n_old; i > 0;)
    {
      guint end = i;

      if (kept_old[i - 1])
        {
          i--;
          continue;
        }
      while (i > 0 && !kept_old[i - 1])
        i--;
      g_array_append_val (steps, ((VastusDiffStep) { .position = i, .removed = end - i }));
    }
  /* Then the list holds the kept ids in the new order: insert the others from the start. */
  for (guint i = 0; i < n_new;)
    {
      guint start = i;

      if (kept_new[i])
        {
          i++;
          continue;
        }
      while (i < n_new && !kept_new[i])
        i++;
      g_array_append_val (steps, ((VastusDiffStep) { .position = start, .added = i - start,
                                                     .new_start = start }));
    }
  return steps;
}

guint
_vastus_list_store_sync (GListStore         *store,
                         const gint64       *ids,
                         guint               n_ids,
                         VastusItemIdFunc    get_id,
                         VastusMakeItemFunc  make_item,
                         gpointer            user_data)
{
  guint n_old = g_list_model_get_n_items (G_LIST_MODEL (store));
  g_autofree gint64 *old_ids = g_new (gint64, n_old + 1);
  g_autoptr(GHashTable) old_items = g_hash_table_new_full (g_int64_hash, g_int64_equal,
                                                           g_free, g_object_unref);
  g_autoptr(GArray) steps = NULL;

  for (guint i = 0; i < n_old; i++)
    {
      gpointer item = g_list_model_get_item (G_LIST_MODEL (store), i);

      old_ids[i] = get_id (item, user_data);
      g_hash_table_insert (old_items, g_memdup2 (&old_ids[i], sizeof (gint64)), item);
    }
  steps = _vastus_diff_ids (old_ids, n_old, ids, n_ids);
  for (guint s = 0; s < steps->len; s++)
    {
      const VastusDiffStep *step = &g_array_index (steps, VastusDiffStep, s);
      g_autoptr(GPtrArray) added = g_ptr_array_new_with_free_func (g_object_unref);

      for (guint i = 0; i < step->added; i++)
        {
          guint index = step->new_start + i;
          gpointer item = g_hash_table_lookup (old_items, &ids[index]);

          g_ptr_array_add (added, item != NULL ? g_object_ref (item)
                                               : make_item (index, user_data));
        }
      g_list_store_splice (store, step->position, step->removed, added->pdata, added->len);
    }
  return steps->len;
}
