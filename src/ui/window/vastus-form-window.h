/* vastus-form-window.h: a window with a form that saves through the clinic (the patient and
 * episode editors): Ctrl+S and Ctrl+Enter save, Escape closes, and closing with typed data asks
 * first
 *
 * What was typed is compared with the form as it was filled (vastus_form_window_set_unchanged):
 * every text field, drop-down, check box and switch in the window. Closing with a difference asks
 * "Save …?" with Cancel, Discard and Save; Cancel (and a Save that cannot store) keeps the window
 * and emits "stayed", which the application's quitting waits for.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define VASTUS_TYPE_FORM_WINDOW (vastus_form_window_get_type ())
G_DECLARE_DERIVABLE_TYPE (VastusFormWindow, vastus_form_window, VASTUS, FORM_WINDOW, AdwWindow)

struct _VastusFormWindowClass
{
  AdwWindowClass parent_class;

  /* Checks the form and starts storing it: FALSE when a problem is shown instead (the keyboard
   * on it). The subclass answers with vastus_form_window_saved or _not_saved. */
  gboolean (*save) (VastusFormWindow *self);

  /* The question on closing with typed data, "Save the patient?", marked for translation but untranslated (gettext at use). */
  const char *question;
};

/* The form as it is now is what closing compares with. */
void     vastus_form_window_set_unchanged (VastusFormWindow *self);
gboolean vastus_form_window_get_changed   (VastusFormWindow *self);
/* Stored: the window closes without asking. */
void     vastus_form_window_saved         (VastusFormWindow *self);
/* Storing failed (the reason shown in the form): the window stays. */
void     vastus_form_window_not_saved     (VastusFormWindow *self);

G_END_DECLS
