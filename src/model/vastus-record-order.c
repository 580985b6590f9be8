/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "vastus-catalog.h"
#include "vastus-history.h"
#include "vastus-record-order.h"

/* Invalid dates sort first. */
static int
date_compare (const GDate *a,
              const GDate *b)
{
  if (!g_date_valid (a) || !g_date_valid (b))
    return (int) g_date_valid (a) - (int) g_date_valid (b);
  return g_date_compare (a, b);
}

static int
id_compare (gint64 a,
            gint64 b)
{
  return (a > b) - (a < b);
}

int
vastus_episode_compare_for_export (const VastusEpisode *a,
                                   const VastusEpisode *b)
{
  const GDate *ia = vastus_episode_get_index_date (a);
  const GDate *ib = vastus_episode_get_index_date (b);
  int cmp;

  if ((ia == NULL) != (ib == NULL))
    return ia == NULL ? -1 : 1;
  if (ia != NULL && (cmp = g_date_compare (ia, ib)) != 0)
    return cmp;
  if ((cmp = strcmp (vastus_condition_to_string (a->condition),
                     vastus_condition_to_string (b->condition))) != 0)
    return cmp;
  if ((cmp = date_compare (&a->surgery_date, &b->surgery_date)) != 0)
    return cmp;
  if ((cmp = date_compare (&a->injury_date, &b->injury_date)) != 0)
    return cmp;
  return id_compare (a->id, b->id);
}

static int
episode_ptr_compare (gconstpointer a,
                     gconstpointer b)
{
  return vastus_episode_compare_for_export (*(VastusEpisode *const *) a,
                                            *(VastusEpisode *const *) b);
}

static int
visit_ptr_compare (gconstpointer a,
                   gconstpointer b)
{
  const VastusVisit *va = *(VastusVisit *const *) a;
  const VastusVisit *vb = *(VastusVisit *const *) b;
  int cmp = date_compare (&va->date, &vb->date);

  return cmp != 0 ? cmp : id_compare (va->id, vb->id);
}

/* A measure's place in the catalog; unknown codes last. */
static guint
catalog_index (const char *code)
{
  const VastusMeasure *measure = vastus_history_lookup_measure (code);

  return measure != NULL ? (guint) (measure - vastus_catalog_get_nth (0)) : G_MAXUINT;
}

int
vastus_measurement_compare_for_export (const VastusMeasurement *a,
                                       const VastusMeasurement *b)
{
  guint ca = catalog_index (a->measure), cb = catalog_index (b->measure);
  int cmp;

  if (ca != cb)
    return ca < cb ? -1 : 1;
  if ((cmp = strcmp (a->measure, b->measure)) != 0)
    return cmp;
  if (a->side != b->side)
    return a->side < b->side ? -1 : 1;
  if (a->trial != b->trial)
    return a->trial < b->trial ? -1 : 1;
  return id_compare (a->id, b->id);
}

static int
measurement_ptr_compare (gconstpointer a,
                         gconstpointer b)
{
  return vastus_measurement_compare_for_export (*(VastusMeasurement *const *) a,
                                                *(VastusMeasurement *const *) b);
}

void
vastus_episodes_sort_for_export (GPtrArray *episodes)
{
  g_ptr_array_sort (episodes, episode_ptr_compare);
}

void
vastus_visits_sort_for_export (GPtrArray *visits)
{
  g_ptr_array_sort (visits, visit_ptr_compare);
}

void
vastus_measurements_sort_for_export (GPtrArray *measurements)
{
  g_ptr_array_sort (measurements, measurement_ptr_compare);
}
