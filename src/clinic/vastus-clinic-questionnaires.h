/* vastus-clinic-questionnaires.h: the clinic's settings for questionnaires, through the clinic
 *
 * The clinic's item wording per instrument, its minimal important changes and whether it has a
 * PIN are read in the background when first asked for, kept, and read again when one of them
 * changes (VastusClinic::setting-changed, key "wording", "mic" or "pin") or everything is read
 * again (::reloaded); "changed" then tells. Until they are read the getters answer as if nothing
 * were set.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "vastus-clinic.h"
#include "vastus-questionnaire.h"
#include "vastus-wording.h"

G_BEGIN_DECLS

#define VASTUS_TYPE_QUESTIONNAIRE_SETTINGS (vastus_questionnaire_settings_get_type ())
G_DECLARE_FINAL_TYPE (VastusQuestionnaireSettings, vastus_questionnaire_settings, VASTUS,
                      QUESTIONNAIRE_SETTINGS, GObject)

/* The clinic's (owned by it): reading starts when first asked for. "changed" is emitted each
 * time it was read. */
VastusQuestionnaireSettings *vastus_clinic_get_questionnaire_settings (VastusClinic *self);

/* Whether the settings were read. */
gboolean             vastus_questionnaire_settings_get_loaded (VastusQuestionnaireSettings *self);
/* The minimal important change for a score: the clinic's own (*@clinic_set TRUE), else the
 * instrument's default; NAN when neither exists (or before the settings were read). */
double               vastus_questionnaire_settings_get_mic    (VastusQuestionnaireSettings *self,
                                                               const char                  *measure,
                                                               gboolean                    *clinic_set);
/* The clinic's wording of @instrument (valid until the next "changed"), NULL when it loaded
 * none. */
const VastusWording *vastus_questionnaire_settings_get_wording (VastusQuestionnaireSettings *self,
                                                                const char                  *instrument);
gboolean             vastus_questionnaire_settings_has_pin    (VastusQuestionnaireSettings *self);

/* Writes, each announced as setting-changed. */
/* Sets the clinic's own value (0 < @mic ≤ 100); NAN returns to the default. */
void                 vastus_clinic_set_mic_async       (VastusClinic        *self,
                                                        const char          *measure,
                                                        double               mic,
                                                        GCancellable        *cancellable,
                                                        GAsyncReadyCallback  callback,
                                                        gpointer             user_data);
gboolean             vastus_clinic_set_mic_finish      (VastusClinic        *self,
                                                        GAsyncResult        *result,
                                                        GError             **error);
/* Stores @wordings (of VastusWording*, each replacing its instrument's) all or nothing. */
void                 vastus_clinic_save_wordings_async (VastusClinic        *self,
                                                        GPtrArray           *wordings,
                                                        GCancellable        *cancellable,
                                                        GAsyncReadyCallback  callback,
                                                        gpointer             user_data);
gboolean             vastus_clinic_save_wordings_finish (VastusClinic       *self,
                                                         GAsyncResult       *result,
                                                         GError            **error);
void                 vastus_clinic_delete_wording_async (VastusClinic       *self,
                                                         const char         *instrument,
                                                         GCancellable       *cancellable,
                                                         GAsyncReadyCallback callback,
                                                         gpointer            user_data);
gboolean             vastus_clinic_delete_wording_finish (VastusClinic      *self,
                                                          GAsyncResult      *result,
                                                          GError           **error);
/* The clinic PIN (only its hash is stored); @pin NULL removes it. */
void                 vastus_clinic_set_pin_async       (VastusClinic        *self,
                                                        const char          *pin,
                                                        GCancellable        *cancellable,
                                                        GAsyncReadyCallback  callback,
                                                        gpointer             user_data);
gboolean             vastus_clinic_set_pin_finish      (VastusClinic        *self,
                                                        GAsyncResult        *result,
                                                        GError             **error);
/* Whether @pin is the clinic's PIN (FALSE also when none is set), checked on a worker (the
 * hash takes a while on purpose). finish: TRUE without an error when it matches. */
void                 vastus_clinic_check_pin_async     (VastusClinic        *self,
                                                        const char          *pin,
                                                        GCancellable        *cancellable,
                                                        GAsyncReadyCallback  callback,
                                                        gpointer             user_data);
gboolean             vastus_clinic_check_pin_finish    (VastusClinic        *self,
                                                        GAsyncResult        *result,
                                                        gboolean            *matches,
                                                        GError             **error);

G_END_DECLS
