/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vastus-clinic"

#include "config.h"

#include "vastus-change-listener.h"
#include "vastus-clinic-state.h"

/* Live updates: on a clinic server, what other workstations commit arrives as notices
 * (vastus-change-listener.h) and is announced exactly as this clinic's own writes are, on the
 * record signals (::patient-changed, ::episode-changed, ::visit-changed,
 * ::criteria-set-changed), then on ::changed with the table and the patient. Records, list models
 * and the caseload update themselves from those; nothing polls. The clinic's own writes are
 * announced already: the notices of its writer's session are left out. After the listener's
 * connection came back, everything shown is read again once (::reloaded): what was committed
 * meanwhile sent notices no one received. */

static gboolean
change_kind (const char             *operation,
             VastusClinicChangeKind *kind)
{
  if (g_str_equal (operation, "insert"))
    *kind = VASTUS_CLINIC_CHANGE_ADDED;
  else if (g_str_equal (operation, "update"))
    *kind = VASTUS_CLINIC_CHANGE_CHANGED;
  else if (g_str_equal (operation, "delete"))
    *kind = VASTUS_CLINIC_CHANGE_REMOVED;
  else
    return FALSE;
  return TRUE;
}

static VastusClinicChange *
change_from_notice (const VastusChangeNotice *notice)
{
  VastusClinicChangeKind kind;
  VastusClinicChange *change;

  if (!change_kind (notice->operation, &kind))
    return NULL;
  if (g_str_equal (notice->table, "patient"))
    return vastus_clinic_change_new (VASTUS_CLINIC_RECORD_PATIENT, kind, notice->patient_id,
                                     notice->patient_id, 0);
  if (g_str_equal (notice->table, "episode"))
    return vastus_clinic_change_new (VASTUS_CLINIC_RECORD_EPISODE, kind, notice->episode_id,
                                     notice->patient_id, 0);
  if (g_str_equal (notice->table, "visit"))
    return vastus_clinic_change_new (VASTUS_CLINIC_RECORD_VISIT, kind, notice->visit_id,
                                     notice->patient_id, notice->episode_id);
  /* Measurements added, changed or removed: their visit changed. */
  if (g_str_equal (notice->table, "measurement"))
    return vastus_clinic_change_new (VASTUS_CLINIC_RECORD_VISIT, VASTUS_CLINIC_CHANGE_CHANGED,
                                     notice->visit_id, notice->patient_id, notice->episode_id);
  /* The clinic's rules: read again (vastus-clinic-rulebook.c). */
  if (g_str_equal (notice->table, "clinic_rule"))
    {
      change = vastus_clinic_change_new (VASTUS_CLINIC_RECORD_SETTING, kind, 0, 0, 0);
      change->key = g_strdup (VASTUS_CLINIC_SETTING_RULES);
      return change;
    }
  if (g_str_equal (notice->table, "criteria_set"))
    {
      change = vastus_clinic_change_new (VASTUS_CLINIC_RECORD_CRITERIA_SET, kind, 0, 0, 0);
      change->key = g_strdup (notice->key);
      return change;
    }
  return NULL;
}

/* Callbacks */

static void
notice_cb (VastusChangeListener     *listener,
           const VastusChangeNotice *notice,
           gpointer                  user_data)
{
  VastusClinic *self = user_data;
  g_autoptr(VastusClinicChange) change = NULL;

  if (notice->session == g_atomic_int_get (&self->writer_session))
    return;
  /* Someone opened or closed a visit's editor: no record changed, the notices shown did. */
  if (g_str_equal (notice->table, "visit_lease"))
    {
      g_signal_emit_by_name (self, "changed", notice->table, notice->patient_id);
      return;
    }
  change = change_from_notice (notice);
  if (change == NULL)
    {
      g_message ("A change notice of an unknown kind: %s %s", notice->table, notice->operation);
      return;
    }
  _vastus_clinic_emit (self, change);
  g_signal_emit_by_name (self, "changed", notice->table, notice->patient_id);
}

static void
connected_cb (VastusChangeListener *listener,
              gboolean              reconnected,
              gpointer              user_data)
{
  VastusClinic *self = user_data;

  _vastus_clinic_notify_listening (self);
  _vastus_clinic_set_unreachable (self, FALSE);
  if (reconnected)
    {
      _vastus_clinic_leases_renew (self);
      vastus_clinic_reload (self);
    }
}

static void
disconnected_cb (VastusChangeListener *listener,
                 const char           *reason,
                 gpointer              user_data)
{
  VastusClinic *self = user_data;

  g_message ("Live updates stopped until the server can be reached again: %s", reason);
  _vastus_clinic_notify_listening (self);
  _vastus_clinic_set_unreachable (self, TRUE);
}

/* Private API */

void
_vastus_clinic_live_start (VastusClinic *self)
{
  if (self->listener != NULL || !vastus_clinic_is_server (self))
    return;
  self->listener = vastus_change_listener_new (self->path);
  g_signal_connect (self->listener, "notice", G_CALLBACK (notice_cb), self);
  g_signal_connect (self->listener, "connected", G_CALLBACK (connected_cb), self);
  g_signal_connect (self->listener, "disconnected", G_CALLBACK (disconnected_cb), self);
  vastus_change_listener_start (self->listener);
}

void
_vastus_clinic_live_stop (VastusClinic *self)
{
  if (self->listener == NULL)
    return;
  g_signal_handlers_disconnect_by_data (self->listener, self);
  vastus_change_listener_stop (self->listener);
  g_clear_object (&self->listener);
  _vastus_clinic_set_unreachable (self, FALSE);
}

gboolean
vastus_clinic_is_listening (VastusClinic *self)
{
  g_return_val_if_fail (VASTUS_IS_CLINIC (self), FALSE);
  return self->listener != NULL && vastus_change_listener_is_connected (self->listener);
}
