/* vastus-patient-list-private.h: what the files of the patient list share
 *
 * vastus-patient-list.c: the list, its search, order and archived view, and the patient editor
 *   it opens;
 * vastus-patient-list-archive.c: archiving a patient and restoring one, with Undo in a toast.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "vastus-patient-list.h"

G_BEGIN_DECLS

struct _VastusPatientList
{
  AdwBin              parent_instance;

  VastusClinic       *clinic;
  VastusUndoStack    *undo;            /* archivings to undo: the window's, or the list's own */
  VastusPatientModel *model;
  GtkSingleSelection *selection;
  gboolean            changing_model;
  gboolean            model_changing;  /* within the model's items-changed */
  gboolean            pointer_down;    /* a click on the list is going on */
  guint               pointer_up_source;
  gint64              current_id;      /* the patient shown beside the list */
  guint               current_source;  /* selects them, after the next frame */

  /* Template widgets */
  GtkSearchEntry     *search_entry;
  GtkDropDown        *sort_dropdown;
  GtkToggleButton    *archived_button;
  GtkStack           *stack;
  GtkScrolledWindow  *scrolled_window;
  /* One column. A grid rather than a GtkListView: in GTK 4.8 a list view makes 200 rows up
   * front whatever its height, a grid view about 30, which is what the first frame and every
   * search keystroke pay for. style.css gives its rows the look of a sidebar's. */
  GtkGridView        *patient_view;
  AdwStatusPage      *empty_page;
  GtkButton          *empty_add_button;
};

/* vastus-patient-list.c */

/* ::patient-archived. */
void _vastus_patient_list_emit_archived (VastusPatientList *self,
                                         gint64             patient_id,
                                         gboolean           archived);

G_END_DECLS
