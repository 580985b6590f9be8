/* vastus-saved-folder.h: a file chooser shown in the folder the person saved last
 *
 * Whether that folder can be used goes to the disk or a network share, which may hang: the
 * clinic checks it off the main thread (vastus_clinic_find_saved_folder_async, one rule for
 * every chooser), and the chooser is shown once it has answered.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "vastus-clinic.h"

G_BEGIN_DECLS

/* Shows @chooser once @clinic has checked @saved (the folder saved last; NULL or "" for none):
 * in that folder when it can be used, else where it opens with none. The caller keeps its own
 * reference to @chooser and cancels @cancellable when its window goes: nothing is shown then,
 * and @cancelled (may be NULL) runs with @user_data. */
void vastus_saved_folder_show_chooser (GtkFileChooserNative *chooser,
                                       VastusClinic         *clinic,
                                       const char           *saved,
                                       GCancellable         *cancellable,
                                       GDestroyNotify        cancelled,
                                       gpointer              user_data);

/* The folder vastus_saved_folder_show_chooser showed @chooser in, or NULL when it showed it with
 * none (or has not shown it): for tests, which put a recorder in place of the platform's dialog. */
GFile *vastus_saved_folder_get_shown_in (GtkFileChooserNative *chooser);

G_END_DECLS
