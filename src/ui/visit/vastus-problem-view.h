/* vastus-problem-view.h: the problems of a field or a measure, errors apart from warnings
 *
 * Errors (a value that cannot be stored) in the error colour with the error icon, warnings (a
 * value to check and confirm) in the warning colour with the warning icon, each one message a
 * line: a warning is never drawn as an error, and the icon says which is which without colour.
 * Hidden while it holds nothing.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define VASTUS_TYPE_PROBLEM_VIEW (vastus_problem_view_get_type ())
G_DECLARE_FINAL_TYPE (VastusProblemView, vastus_problem_view, VASTUS, PROBLEM_VIEW, GtkBox)

GtkWidget  *vastus_problem_view_new       (void);
void        vastus_problem_view_clear     (VastusProblemView *self);
/* Adds @message as a warning (@soft) or an error. */
void        vastus_problem_view_add       (VastusProblemView *self,
                                           gboolean           soft,
                                           const char        *message);
gboolean    vastus_problem_view_has_errors   (VastusProblemView *self);
gboolean    vastus_problem_view_has_warnings (VastusProblemView *self);
/* Every message, errors first, one a line; NULL when none. */
const char *vastus_problem_view_get_text  (VastusProblemView *self);
/* The errors' text and the warnings' (NULL when none), for tests. */
const char *vastus_problem_view_get_errors   (VastusProblemView *self);
const char *vastus_problem_view_get_warnings (VastusProblemView *self);

G_END_DECLS
