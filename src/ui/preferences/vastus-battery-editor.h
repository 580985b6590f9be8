/* vastus-battery-editor.h: editing one test battery (a subpage of the preferences)
 *
 * Its name, the condition and phase it is for, and its measures in the order of entry, each with
 * the trials and the unit the visit form offers first; measures are added from the catalog (a
 * searchable list), moved up and down, and removed. Save (Ctrl+S) checks it
 * (vastus_template_check: every problem said, the keyboard on the first) and stores it through
 * the clinic; Cancel leaves it as it was. A built-in battery is never edited here: copying one
 * opens its copy, not yet stored.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "vastus-clinic.h"
#include "vastus-template.h"

G_BEGIN_DECLS

#define VASTUS_TYPE_BATTERY_EDITOR (vastus_battery_editor_get_type ())
G_DECLARE_FINAL_TYPE (VastusBatteryEditor, vastus_battery_editor, VASTUS, BATTERY_EDITOR, GtkBox)

/* Edits a copy of @template_ (id 0: a new battery). Emits "done" once stored (with the stored
 * battery's id) or left (0). */
GtkWidget  *vastus_battery_editor_new      (VastusClinic         *clinic,
                                            const VastusTemplate *template_);
/* Checks and stores it: FALSE (the problems shown) when it cannot be stored as it is. */
gboolean    vastus_battery_editor_save     (VastusBatteryEditor  *self);
/* For tests: "name", "condition", "from-week", "until-week", "add-measure", "save", "cancel",
 * "problems" (the label), or "CODE/trials", "CODE/unit", "CODE/up", "CODE/down", "CODE/remove"
 * for a measure of the battery. */
GtkWidget  *vastus_battery_editor_get_field (VastusBatteryEditor *self,
                                             const char          *name);
/* The battery as edited so far. */
const VastusTemplate *vastus_battery_editor_get_template (VastusBatteryEditor *self);

G_END_DECLS
