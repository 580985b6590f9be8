/* vastus-patient-mode.h: "hand to patient": one questionnaire, full screen, for the patient
 *
 * One item at a time with the clinic's wording and large answer buttons (keyboard and touch),
 * nothing of the record or of any other patient. While it is shown the application is locked:
 * every other window is hidden (nothing to switch to, nothing for a screen reader to read) and
 * insensitive, every application action disabled, the window cannot be closed, and focus
 * cannot leave it. It returns to the clinician only with the clinic PIN (Preferences; stored as
 * a hash), asked for after the last item or at any item by the Clinician button: then
 * "finished" hands the answers back and everything is as it was.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "vastus-clinic.h"
#include "vastus-questionnaire.h"
#include "vastus-wording.h"

G_BEGIN_DECLS

#define VASTUS_TYPE_PATIENT_MODE (vastus_patient_mode_get_type ())
G_DECLARE_FINAL_TYPE (VastusPatientMode, vastus_patient_mode, VASTUS, PATIENT_MODE, AdwWindow)

/* @wording must cover @instrument; @start (may be NULL) holds answers given already. @clinic
 * checks the PIN. */
GtkWidget *vastus_patient_mode_new       (VastusClinic           *clinic,
                                          const VastusInstrument *instrument,
                                          const VastusWording    *wording,
                                          const VastusResponse   *start);
/* Shows the window full screen and locks @app (may be NULL: only this window). */
void       vastus_patient_mode_lock      (VastusPatientMode      *self,
                                          GtkApplication         *app);
gboolean   vastus_patient_mode_is_locked (VastusPatientMode      *self);
/* Checks @pin on the clinic's workers: the clinic PIN unlocks, emits "finished" with the
 * answers and closes; any other text leaves a message on the window. */
void       vastus_patient_mode_unlock    (VastusPatientMode      *self,
                                          const char             *pin);
/* Whether a PIN is being checked. */
gboolean   vastus_patient_mode_get_checking (VastusPatientMode   *self);
/* The item shown (0-based) and choosing an answer by its position in the item's list (as a tap
 * or Enter on it does). */
guint      vastus_patient_mode_get_item  (VastusPatientMode      *self);
void       vastus_patient_mode_choose    (VastusPatientMode      *self,
                                          guint                   position);
const VastusResponse *vastus_patient_mode_get_response (VastusPatientMode *self);

G_END_DECLS
