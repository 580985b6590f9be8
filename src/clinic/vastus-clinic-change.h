/* vastus-clinic-change.h: what a write changed, as the clinic announces it
 *
 * Every write through VastusClinic ends, after its commit, with one change per record it
 * touched, emitted on the main context by the signal for that kind of record
 * (VastusClinic::patient-changed, ::episode-changed, ::visit-changed, ::criteria-set-changed,
 * ::report-changed, ::draft-changed, ::setting-changed, ::template-changed). Records and list models update themselves from these, so a
 * view cannot tell a change made in this window from one announced by vastus_clinic_emit_change
 * (a clinic server's notice, later).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum
{
  VASTUS_CLINIC_RECORD_PATIENT,
  VASTUS_CLINIC_RECORD_EPISODE,
  VASTUS_CLINIC_RECORD_VISIT,
  VASTUS_CLINIC_RECORD_CRITERIA_SET,
  VASTUS_CLINIC_RECORD_REPORT,
  VASTUS_CLINIC_RECORD_DRAFT,
  VASTUS_CLINIC_RECORD_SETTING,     /* a clinic-wide setting kept in the database: key names it */
  VASTUS_CLINIC_RECORD_TEMPLATE,    /* a test battery (vastus-template.h) */
} VastusClinicRecord;

typedef enum
{
  VASTUS_CLINIC_CHANGE_ADDED,
  VASTUS_CLINIC_CHANGE_CHANGED,     /* fields changed (for a patient: also archived or restored) */
  VASTUS_CLINIC_CHANGE_REMOVED,     /* deleted, or hidden (a soft-deleted visit) */
} VastusClinicChangeKind;

typedef struct
{
  VastusClinicRecord      record;
  VastusClinicChangeKind  kind;
  gint64                  id;          /* the record's id; 0 for a criteria set */
  gint64                  patient_id;  /* 0 when it belongs to no patient (criteria sets) */
  gint64                  episode_id;  /* visits and drafts: their episode; else 0 */
  char                   *key;         /* a criteria set's id, a setting's name; else NULL */
  GPtrArray              *visits;      /* a visit saved through this clinic: its episode's
                                        * visits as read right after the commit (VastusVisit*,
                                        * oldest first; read-only), so that no one reads them
                                        * again; else NULL */
} VastusClinicChange;

#define VASTUS_TYPE_CLINIC_CHANGE (vastus_clinic_change_get_type ())

GType               vastus_clinic_change_get_type (void) G_GNUC_CONST;
VastusClinicChange *vastus_clinic_change_new      (VastusClinicRecord      record,
                                                   VastusClinicChangeKind  kind,
                                                   gint64                  id,
                                                   gint64                  patient_id,
                                                   gint64                  episode_id);
VastusClinicChange *vastus_clinic_change_copy     (const VastusClinicChange *self);
void                vastus_clinic_change_free     (VastusClinicChange       *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VastusClinicChange, vastus_clinic_change_free)

G_END_DECLS
