-- 012-deleted-episodes.sql: an episode of care entered by mistake can be deleted, and brought back.
--
-- As with visits, deleting keeps the row: deleted_at and deleted_by mark it, lists and reads leave
-- it out, restoring clears them, and the audit trail has both. Only an episode without visits
-- (deleted visits aside) can be deleted: its visits are the record of care, deleted one by one,
-- each with its own undo. The triggers keep that true whoever writes: an episode with visits is
-- not deleted, a deleted episode gets no visit, and a visit of a deleted episode is not restored
-- until the episode is. A deleted episode is not edited either (restore it first).

ALTER TABLE episode ADD COLUMN deleted_at TEXT;
ALTER TABLE episode ADD COLUMN deleted_by TEXT
  CHECK ((deleted_at IS NULL) = (deleted_by IS NULL));

CREATE TRIGGER episode_delete_without_visits BEFORE UPDATE OF deleted_at ON episode
WHEN new.deleted_at IS NOT NULL AND old.deleted_at IS NULL
     AND EXISTS (SELECT 1 FROM visit WHERE episode_id = new.id AND deleted_at IS NULL)
BEGIN
  SELECT RAISE (ABORT, 'an episode with visits cannot be deleted');
END;

CREATE TRIGGER episode_deleted_unchanged BEFORE UPDATE ON episode
WHEN old.deleted_at IS NOT NULL AND new.deleted_at IS NOT NULL
BEGIN
  SELECT RAISE (ABORT, 'a deleted episode cannot be changed');
END;

CREATE TRIGGER visit_insert_live_episode BEFORE INSERT ON visit
WHEN EXISTS (SELECT 1 FROM episode WHERE id = new.episode_id AND deleted_at IS NOT NULL)
BEGIN
  SELECT RAISE (ABORT, 'the episode is deleted');
END;

CREATE TRIGGER visit_live_in_live_episode BEFORE UPDATE OF deleted_at, episode_id ON visit
WHEN new.deleted_at IS NULL
     AND EXISTS (SELECT 1 FROM episode WHERE id = new.episode_id AND deleted_at IS NOT NULL)
BEGIN
  SELECT RAISE (ABORT, 'the episode is deleted');
END;

-- The audit trail with the two new columns.

DROP TRIGGER episode_audit_insert;
CREATE TRIGGER episode_audit_insert AFTER INSERT ON episode
BEGIN
  INSERT INTO audit_append (actor, table_name, row_id, operation, old_json, new_json)
  VALUES (vastus_actor (), 'episode', new.id, 'insert', NULL,
          json_object ('id', new.id, 'patient_id', new.patient_id, 'condition', new.condition,
                       'involved_side', new.involved_side, 'injury_date', new.injury_date,
                       'surgery_date', new.surgery_date, 'surgeon', new.surgeon,
                       'procedure_details', new.procedure_details,
                       'restrictions', new.restrictions,
                       'no_max_test_before', new.no_max_test_before,
                       'criteria_set', new.criteria_set, 'deleted_at', new.deleted_at,
                       'deleted_by', new.deleted_by));
END;

DROP TRIGGER episode_audit_update;
CREATE TRIGGER episode_audit_update AFTER UPDATE ON episode
BEGIN
  INSERT INTO audit_append (actor, table_name, row_id, operation, old_json, new_json)
  VALUES (vastus_actor (), 'episode', new.id, 'update',
          json_object ('id', old.id, 'patient_id', old.patient_id, 'condition', old.condition,
                       'involved_side', old.involved_side, 'injury_date', old.injury_date,
                       'surgery_date', old.surgery_date, 'surgeon', old.surgeon,
                       'procedure_details', old.procedure_details,
                       'restrictions', old.restrictions,
                       'no_max_test_before', old.no_max_test_before,
                       'criteria_set', old.criteria_set, 'deleted_at', old.deleted_at,
                       'deleted_by', old.deleted_by),
          json_object ('id', new.id, 'patient_id', new.patient_id, 'condition', new.condition,
                       'involved_side', new.involved_side, 'injury_date', new.injury_date,
                       'surgery_date', new.surgery_date, 'surgeon', new.surgeon,
                       'procedure_details', new.procedure_details,
                       'restrictions', new.restrictions,
                       'no_max_test_before', new.no_max_test_before,
                       'criteria_set', new.criteria_set, 'deleted_at', new.deleted_at,
                       'deleted_by', new.deleted_by));
END;

DROP TRIGGER episode_audit_delete;
CREATE TRIGGER episode_audit_delete AFTER DELETE ON episode
BEGIN
  INSERT INTO audit_append (actor, table_name, row_id, operation, old_json, new_json)
  VALUES (vastus_actor (), 'episode', old.id, 'delete',
          json_object ('id', old.id, 'patient_id', old.patient_id, 'condition', old.condition,
                       'involved_side', old.involved_side, 'injury_date', old.injury_date,
                       'surgery_date', old.surgery_date, 'surgeon', old.surgeon,
                       'procedure_details', old.procedure_details,
                       'restrictions', old.restrictions,
                       'no_max_test_before', old.no_max_test_before,
                       'criteria_set', old.criteria_set, 'deleted_at', old.deleted_at,
                       'deleted_by', old.deleted_by),
          NULL);
END;
