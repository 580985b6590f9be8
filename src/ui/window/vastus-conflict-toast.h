/* vastus-conflict-toast.h: a toast for a delete, archive or undo someone else's change refused
 *
 * Deleting, archiving or undoing takes the version the person saw; when someone else changed the
 * record since, nothing is done and the clinic says who and when (VASTUS_CLINIC_ERROR_CONFLICT).
 * The toast says so and stays until dismissed; its Reload announces @change (the record
 * changed) on the clinic, so that every view reads the record again.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "vastus-clinic.h"

G_BEGIN_DECLS

/* @title (plain text) says what was not done and why. */
AdwToast *vastus_conflict_toast_new (const char               *title,
                                     VastusClinic             *clinic,
                                     const VastusClinicChange *change);

G_END_DECLS
