/* vastus-battery-preferences.h: the Testing page of the preferences
 *
 * The page of Preferences' template (vastus-preferences-window.ui) that holds the clinic's
 * testing rules and, once it has a clinic, below them the clinic's batteries (New Battery,
 * Edit, Delete with Undo) and the built-in ones (Copy: a clinic's battery to adapt), kept
 * current from the clinic's list; a battery is edited in a subpage (vastus-battery-editor.h).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "vastus-clinic.h"

G_BEGIN_DECLS

#define VASTUS_TYPE_BATTERY_PREFERENCES (vastus_battery_preferences_get_type ())
G_DECLARE_FINAL_TYPE (VastusBatteryPreferences, vastus_battery_preferences, VASTUS,
                      BATTERY_PREFERENCES, AdwPreferencesPage)

/* Adds the batteries of @clinic below the groups the page holds; once. */
void       vastus_battery_preferences_set_clinic (VastusBatteryPreferences *self,
                                                  VastusClinic             *clinic);
/* For tests: the button of battery @id: "edit", "delete" or "copy"; "new" (@id 0). */
GtkWidget *vastus_battery_preferences_get_button (VastusBatteryPreferences *self,
                                                  const char               *name,
                                                  gint64                    id);
/* For tests: the battery editor shown, NULL when none; the last toast shown (NULL once gone). */
GtkWidget *vastus_battery_preferences_get_editor (VastusBatteryPreferences *self);
AdwToast  *vastus_battery_preferences_get_toast  (VastusBatteryPreferences *self);

G_END_DECLS
