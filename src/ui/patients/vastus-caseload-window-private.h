/* vastus-caseload-window-private.h: what the files of the caseload window share
 *
 * vastus-caseload-window.c: reading the caseload, its filters, the table and the narrow lines;
 * vastus-caseload-window-sort.c: its order, by a column of the table or, where the lines take
 *   the table's place and its column headers are gone, from the sort menu.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "vastus-caseload-item.h"
#include "vastus-caseload-window.h"

G_BEGIN_DECLS

/* The table's columns, as the rows compare (their order on screen: add_column). */
typedef enum
{
  COLUMN_PATIENT,
  COLUMN_THERAPIST,
  COLUMN_CONDITION,
  COLUMN_WEEKS,
  COLUMN_LAST_VISIT,
  COLUMN_CRITERIA,
  COLUMN_FLAGS,
  COLUMN_DUE,
  N_COLUMNS
} Column;

/* A column's sorter's data: the window, so that asking the table's order can see which column
 * its sorter consults first. */
typedef struct
{
  VastusCaseloadWindow *window;
  Column                column;
} SortKey;

struct _VastusCaseloadWindow
{
  AdwWindow          parent_instance;

  VastusClinic      *clinic;
  GtkWindow         *parent;        /* weak: the main window, brought forward with a patient */
  GCancellable      *cancellable;
  GListStore        *rows;          /* of VastusCaseloadItem, as read */
  GtkCustomFilter   *filter;
  GtkFilterListModel *filtered;
  GtkSortListModel  *sorted;
  GtkStringList     *therapists;    /* the therapist filter's names; 0 "all", 1 "not named" */
  guint              spinner_id;
  guint              refresh_id;
  guint              squeezed_id;   /* shows the sort menu, after the allocation that squeezed */
  gboolean           loaded;
  gboolean           reading;
  gboolean           stale;         /* changed while being read */

  /* The order (vastus-caseload-window-sort.c) */
  GtkColumnViewColumn *columns[N_COLUMNS];  /* the table's, by Column */
  SortKey            keys[N_COLUMNS];
  Column             sort_column;
  gboolean           descending;
  VastusCaseloadItem *probes[2];    /* two lines told apart by their names alone */
  gboolean           probing;
  int                probed;        /* the first column consulted while probing; -1 none */

  AdwWindowTitle    *window_title;
  GtkToggleButton   *all_button;
  GtkToggleButton   *mine_button;
  GtkMenuButton     *sort_button;
  GtkDropDown       *condition_dropdown;
  GtkDropDown       *therapist_dropdown;
  GtkStack          *stack;
  GtkSpinner        *spinner;
  AdwStatusPage     *empty_page;
  AdwSqueezer       *squeezer;
  GtkScrolledWindow *table_scroller;
  GtkColumnView     *view;
  GtkScrolledWindow *lines_scroller;
  GtkGridView       *lines;
};

/* vastus-caseload-window-sort.c */

/* The sorter of @column (a new reference). */
GtkSorter *_vastus_caseload_window_new_sorter  (VastusCaseloadWindow      *self,
                                                Column                     column);
/* The properties "sort-by" (a column's name: "patient", "therapist", "condition", "weeks",
 * "last-visit", "criteria", "flags", "re-test") and "sort-order" ("ascending",
 * "descending"), and the actions caseload.sort-by and caseload.sort-order of the sort menu. */
void       _vastus_caseload_window_class_init_sort (VastusCaseloadWindowClass *klass);
/* Follows the table's order from now on (a click on a column's header as well); before the
 * first sort. */
void       _vastus_caseload_window_init_sort   (VastusCaseloadWindow      *self);
/* Before the template's widgets go. */
void       _vastus_caseload_window_dispose_sort (VastusCaseloadWindow     *self);

G_END_DECLS
