/* vastus-undo-stack.h: the deletions and archivings a window can undo, newest last
 *
 * Each is shown in a toast with Undo; Ctrl+Z (vastus_undo_stack_undo) undoes the newest, whether
 * its toast is still shown or not. Undoing one takes it off the stack, whichever way.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define VASTUS_TYPE_UNDO_STACK (vastus_undo_stack_get_type ())
G_DECLARE_FINAL_TYPE (VastusUndoStack, vastus_undo_stack, VASTUS, UNDO_STACK, GObject)

/* Brings back what was deleted or archived. */
typedef void (*VastusUndoFunc) (gpointer data);

/* The most a stack keeps: the oldest goes beyond it. */
#define VASTUS_UNDO_STACK_MAX 20

VastusUndoStack *vastus_undo_stack_new          (void);
/* Records that @undo (@data, freed with @destroy) brings back what was just done, and shows
 * @title in a toast of @overlay with Undo. Returns the toast (owned by the overlay). */
AdwToast        *vastus_undo_stack_push         (VastusUndoStack *self,
                                                 AdwToastOverlay *overlay,
                                                 const char      *title,
                                                 VastusUndoFunc   undo,
                                                 gpointer         data,
                                                 GDestroyNotify   destroy);
/* Undoes the newest (its toast goes): FALSE when there is nothing to undo. */
gboolean         vastus_undo_stack_undo         (VastusUndoStack *self);
gboolean         vastus_undo_stack_get_can_undo (VastusUndoStack *self);
/* The title of what Ctrl+Z would undo, or NULL. */
const char      *vastus_undo_stack_peek         (VastusUndoStack *self);

G_END_DECLS
