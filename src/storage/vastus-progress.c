/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "vastus-i18n.h"

#include "vastus-progress.h"

typedef struct _Listener Listener;
struct _Listener
{
  VastusProgressFunc  func;       /* NULL: a part of the outer call, from start to end */
  gpointer            user_data;
  double              start;
  double              end;
  Listener           *outer;
};

/* The scale parts report on. */
#define PART_TOTAL 1000000

static void
listeners_free (gpointer data)
{
  Listener *listener = data;

  while (listener != NULL)
    {
      Listener *outer = listener->outer;

      g_free (listener);
      listener = outer;
    }
}

static GPrivate current = G_PRIVATE_INIT (listeners_free);

void
vastus_progress_push (VastusProgressFunc func,
                      gpointer           user_data)
{
  Listener *listener = g_new0 (Listener, 1);

  g_return_if_fail (func != NULL);

  listener->func = func;
  listener->user_data = user_data;
  listener->outer = g_private_get (&current);
  /* g_private_set, not _replace: the outer ones stay. */
  g_private_set (&current, listener);
}

void
vastus_progress_push_part (double start,
                           double end)
{
  Listener *listener = g_new0 (Listener, 1);

  listener->start = CLAMP (start, 0, 1);
  listener->end = CLAMP (end, listener->start, 1);
  listener->outer = g_private_get (&current);
  g_private_set (&current, listener);
}

void
vastus_progress_pop (void)
{
  Listener *listener = g_private_get (&current);

  g_return_if_fail (listener != NULL);

  g_private_set (&current, listener->outer);
  g_free (listener);
}

gboolean
vastus_progress_report (guint64   done,
                        guint64   total,
                        GError  **error)
{
  Listener *listener = g_private_get (&current);

  /* A part: its share of the outer call. */
  while (listener != NULL && listener->func == NULL)
    {
      double fraction = total > 0 ? MIN ((double) done / total, 1) : 0;

      done = (listener->start + fraction * (listener->end - listener->start)) * PART_TOTAL;
      total = PART_TOTAL;
      listener = listener->outer;
    }
  if (listener == NULL || listener->func (done, total, listener->user_data))
    return TRUE;
  /* Translators: a long task (an export, backup or restore) was cancelled */
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("Cancelled"));
  return FALSE;
}
