-- 014-treating-therapist.sql: who treats the patient in an episode of care.
--
-- The clinician responsible for the episode, as the clinic writes names elsewhere (the visits'
-- clinician, the clinician picker): free text, NULL when nobody is named yet. The caseload
-- lists it and filters "my patients" by it. The audit trail of episodes carries it, last.
-- Its PostgreSQL twin is src/storage/postgresql/sql/014-treating-therapist.sql.

ALTER TABLE episode ADD COLUMN treating_therapist TEXT
  CHECK (treating_therapist IS NULL OR length (trim (treating_therapist)) > 0);

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
                       'deleted_by', new.deleted_by,
                       'treating_therapist', new.treating_therapist));
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
                       'deleted_by', old.deleted_by,
                       'treating_therapist', old.treating_therapist),
          json_object ('id', new.id, 'patient_id', new.patient_id, 'condition', new.condition,
                       'involved_side', new.involved_side, 'injury_date', new.injury_date,
                       'surgery_date', new.surgery_date, 'surgeon', new.surgeon,
                       'procedure_details', new.procedure_details,
                       'restrictions', new.restrictions,
                       'no_max_test_before', new.no_max_test_before,
                       'criteria_set', new.criteria_set, 'deleted_at', new.deleted_at,
                       'deleted_by', new.deleted_by,
                       'treating_therapist', new.treating_therapist));
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
                       'deleted_by', old.deleted_by,
                       'treating_therapist', old.treating_therapist),
          NULL);
END;
