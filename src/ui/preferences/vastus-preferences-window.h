/* vastus-preferences-window.h: the clinic's preferences
 *
 * This computer's: units (metric/imperial), the clinic's name and address and the paper size
 * for reports, the identifier system of MRNs in FHIR bundles (checked as typed, saved when
 * applied, and only an absolute URI); every such choice is written to GSettings at once. The
 * clinic's rules (the pain level that raises a safety flag, the weeks before maximal tests, how
 * long a result counts, the re-test interval, the default criteria set per condition) are the
 * clinic's: shown as read from its database, each change written there on its writer (audited)
 * and followed when another workstation changes them; a change the clinic refuses is shown on
 * its field and in a toast, naming the rule, the value and the limits, and the field goes back
 * to the clinic's value. Without a clinic they show the defaults and cannot be changed. With a
 * clinic, also its test batteries (vastus-battery-preferences.h) and questionnaires
 * (vastus-questionnaire-preferences.h).
 *
 * Four pages, whose names share a phone's 360 px: General (this computer's settings), Testing
 * (the clinic's rules, its default criteria sets and batteries), Questionnaires (with a clinic)
 * and Database (vastus-connection-preferences.h).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "vastus-clinic.h"

G_BEGIN_DECLS

#define VASTUS_TYPE_PREFERENCES_WINDOW (vastus_preferences_window_get_type ())
G_DECLARE_FINAL_TYPE (VastusPreferencesWindow, vastus_preferences_window, VASTUS,
                      PREFERENCES_WINDOW, AdwPreferencesWindow)

/* The criteria sets to choose from are @clinic's (NULL: none). */
GtkWidget *vastus_preferences_window_new     (GtkWindow               *parent,
                                              VastusClinic            *clinic);
/* For tests: "units", "pain", "maximal-test-weeks", "stale-weeks", "retest-weeks" (the spin buttons),
 * "clinic-name", "clinic-address", "paper", "fhir-system" (the entry row) and
 * "fhir-system-message" (the label saying why a value is refused), or "criteria-CONDITION"
 * (e.g. "criteria-aclr"; the combo row), or "database" (the Database page,
 * vastus-connection-preferences.h). */
GtkWidget *vastus_preferences_window_get_row (VastusPreferencesWindow *self,
                                              const char              *name);

G_END_DECLS
