/* vastus-clinician-picker.h: who is entering data, for the header bar
 *
 * A button showing the current clinician; its popover lists the recent clinicians (GSettings
 * "recent-clinicians", most recent first) and has an "Other…" entry. Choosing one sets
 * "clinician" and remembers it (GSettings "clinician"); the window binds it to the clinic's
 * "actor", so that the audit trail records the name.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define VASTUS_TYPE_CLINICIAN_PICKER (vastus_clinician_picker_get_type ())
G_DECLARE_FINAL_TYPE (VastusClinicianPicker, vastus_clinician_picker, VASTUS, CLINICIAN_PICKER,
                      AdwBin)

#define VASTUS_CLINICIAN_PICKER_MAX_RECENT 8

GtkWidget      *vastus_clinician_picker_new           (void);
/* The same list for a form's field (an episode's treating therapist): starts with nobody chosen,
 * offers "Not Named", and never changes who is entering data; a name typed under "Other…" joins
 * the recent clinicians. @accessible_label names the field. */
GtkWidget      *vastus_clinician_picker_new_for_field (const char *accessible_label);
/* NULL when nobody was chosen (the audit trail then records the login name). */
const char     *vastus_clinician_picker_get_clinician (VastusClinicianPicker *self);
/* Leading and trailing spaces are dropped; NULL or empty forgets the choice. */
void            vastus_clinician_picker_set_clinician (VastusClinicianPicker *self,
                                                       const char            *name);

/* For tests: the "Other…" entry and the list of recent clinicians (one row per name, in
 * order, each row's widget name is the clinician's name). */
GtkWidget      *vastus_clinician_picker_get_entry     (VastusClinicianPicker *self);
GtkWidget      *vastus_clinician_picker_get_list      (VastusClinicianPicker *self);

G_END_DECLS
