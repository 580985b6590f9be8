-- 016-change-notices.sql: every committed change of a patient, an episode, a visit, a
-- measurement or a clinic criteria set is announced to the other workstations (LISTEN/NOTIFY
-- on the channel vastus_change), so that what one saves appears on the others without polling.
-- SQLite's twin is empty: one user, nobody to tell.
--
-- The payload is one JSON object (vastus-change-listener.h reads it):
--   {"table": "visit", "op": "update", "patient_id": 7, "episode_id": 9, "visit_id": 31,
--    "mrn": "A-1", "key": null, "actor": "login", "at": "YYYY-MM-DDTHH:MM:SS.sssZ"}
-- table is the table written; the ids are those of the record and its parents (a measurement
-- names its visit, not itself); key is a criteria set's id; actor the login (session_user);
-- at the transaction's start, UTC. A notice is sent only when its transaction commits, and
-- PostgreSQL sends identical ones of a transaction once: a visit saved with twenty
-- measurements is one notice for the visit and one for its measurements.

CREATE FUNCTION vastus_notify_change () RETURNS trigger
LANGUAGE plpgsql
SET search_path FROM CURRENT
AS $$
DECLARE
  row_json jsonb := to_jsonb (CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END);
  patient bigint;
  episode bigint;
  visit bigint;
  mrn text;
  set_key text;
BEGIN
  IF TG_TABLE_NAME = 'patient' THEN
    patient := (row_json ->> 'id')::bigint;
    mrn := row_json ->> 'mrn';
  ELSIF TG_TABLE_NAME = 'episode' THEN
    episode := (row_json ->> 'id')::bigint;
    patient := (row_json ->> 'patient_id')::bigint;
  ELSIF TG_TABLE_NAME = 'visit' THEN
    visit := (row_json ->> 'id')::bigint;
    episode := (row_json ->> 'episode_id')::bigint;
  ELSIF TG_TABLE_NAME = 'measurement' THEN
    visit := (row_json ->> 'visit_id')::bigint;
    SELECT v.episode_id INTO episode FROM visit v WHERE v.id = visit;
  ELSIF TG_TABLE_NAME = 'criteria_set' THEN
    set_key := row_json ->> 'id';
  END IF;
  IF patient IS NULL AND episode IS NOT NULL THEN
    SELECT e.patient_id INTO patient FROM episode e WHERE e.id = episode;
  END IF;
  IF mrn IS NULL AND patient IS NOT NULL THEN
    SELECT p.mrn INTO mrn FROM patient p WHERE p.id = patient;
  END IF;
  PERFORM pg_notify ('vastus_change',
    json_build_object ('table', TG_TABLE_NAME, 'op', lower (TG_OP), 'patient_id', patient,
                       'episode_id', episode, 'visit_id', visit, 'mrn', mrn, 'key', set_key,
                       'actor', session_user,
                       'at', to_char (transaction_timestamp () AT TIME ZONE 'UTC',
                                      'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))::text);
  RETURN NULL;
END
$$;

CREATE TRIGGER patient_notify AFTER INSERT OR UPDATE OR DELETE ON patient
  FOR EACH ROW EXECUTE FUNCTION vastus_notify_change ();
CREATE TRIGGER episode_notify AFTER INSERT OR UPDATE OR DELETE ON episode
  FOR EACH ROW EXECUTE FUNCTION vastus_notify_change ();
CREATE TRIGGER visit_notify AFTER INSERT OR UPDATE OR DELETE ON visit
  FOR EACH ROW EXECUTE FUNCTION vastus_notify_change ();
CREATE TRIGGER measurement_notify AFTER INSERT OR UPDATE OR DELETE ON measurement
  FOR EACH ROW EXECUTE FUNCTION vastus_notify_change ();
CREATE TRIGGER criteria_set_notify AFTER INSERT OR UPDATE OR DELETE ON criteria_set
  FOR EACH ROW EXECUTE FUNCTION vastus_notify_change ();

UPDATE schema_info SET version = 16 WHERE id = 1;
