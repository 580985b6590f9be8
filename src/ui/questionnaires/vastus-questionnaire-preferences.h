/* vastus-questionnaire-preferences.h: the Questionnaires page of Preferences
 *
 * The clinic's item wording (loaded from a plain text file, vastus-wording.h; removable), the
 * clinic PIN that ends "hand to patient" mode (only its hash is kept), and the minimal
 * important change of each score (the instrument file's default with its population and source,
 * or the clinic's own), all through the clinic: the page shows the clinic's settings and follows
 * their changes; a write that fails says so in a toast.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "vastus-clinic.h"

G_BEGIN_DECLS

#define VASTUS_TYPE_QUESTIONNAIRE_PREFERENCES (vastus_questionnaire_preferences_get_type ())
G_DECLARE_FINAL_TYPE (VastusQuestionnairePreferences, vastus_questionnaire_preferences, VASTUS,
                      QUESTIONNAIRE_PREFERENCES, AdwPreferencesPage)

GtkWidget *vastus_questionnaire_preferences_new       (VastusClinic                   *clinic);
/* Loads a wording file's contents as "Load Wording…" does: FALSE with @error naming the line
 * (nothing is stored), else TRUE and it is stored on the clinic's writer. */
gboolean   vastus_questionnaire_preferences_load_data (VastusQuestionnairePreferences *self,
                                                       const char                     *data,
                                                       gsize                           length,
                                                       GError                        **error);
/* As the PIN row's apply button does: FALSE with @error when @pin is not 4 to 12 digits, else
 * TRUE and it is stored on the clinic's writer (@pin NULL removes it). */
gboolean   vastus_questionnaire_preferences_set_pin   (VastusQuestionnairePreferences *self,
                                                       const char                     *pin,
                                                       GError                        **error);

G_END_DECLS
