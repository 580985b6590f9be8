/* vastus-close-question.h: the question a window with typed data asks on closing
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* A dialog transient for @window asking @heading (@body under it), with the responses "cancel"
 * (also on Escape), "discard" and, when @save, "save" (then the default, else Cancel is).
 * Presented by the caller, who connects ::response. */
AdwMessageDialog *vastus_close_question_new (GtkWindow  *window,
                                             const char *heading,
                                             const char *body,
                                             gboolean    save);
/* Closes @window from the main loop: after a question transient for it has gone. */
void              vastus_close_later        (GtkWindow  *window);

G_END_DECLS
