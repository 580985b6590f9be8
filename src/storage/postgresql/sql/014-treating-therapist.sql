-- 014-treating-therapist.sql: who treats the patient in an episode of care (PostgreSQL).
--
-- The twin of src/storage/sqlite/sql/014-treating-therapist.sql: the same column, last in
-- episode, with the same check, and the episode's audit triggers carrying it last, so that an
-- audit row's JSON stays byte for byte SQLite's.

ALTER TABLE episode ADD COLUMN treating_therapist text
  CHECK (treating_therapist IS NULL OR length (trim (treating_therapist)) > 0);

DROP TRIGGER episode_audit_insert ON episode;
DROP TRIGGER episode_audit_update ON episode;
DROP TRIGGER episode_audit_delete ON episode;
CREATE TRIGGER episode_audit_insert AFTER INSERT ON episode FOR EACH ROW
  EXECUTE FUNCTION vastus_audit_row ('episode', 'id', 'id', 'patient_id', 'condition',
    'involved_side', 'injury_date', 'surgery_date', 'surgeon', 'procedure_details',
    'restrictions', 'no_max_test_before', 'criteria_set', 'deleted_at', 'deleted_by',
    'treating_therapist');
CREATE TRIGGER episode_audit_update AFTER UPDATE ON episode FOR EACH ROW
  EXECUTE FUNCTION vastus_audit_row ('episode', 'id', 'id', 'patient_id', 'condition',
    'involved_side', 'injury_date', 'surgery_date', 'surgeon', 'procedure_details',
    'restrictions', 'no_max_test_before', 'criteria_set', 'deleted_at', 'deleted_by',
    'treating_therapist');
CREATE TRIGGER episode_audit_delete AFTER DELETE ON episode FOR EACH ROW
  EXECUTE FUNCTION vastus_audit_row ('episode', 'id', 'id', 'patient_id', 'condition',
    'involved_side', 'injury_date', 'surgery_date', 'surgeon', 'procedure_details',
    'restrictions', 'no_max_test_before', 'criteria_set', 'deleted_at', 'deleted_by',
    'treating_therapist');

UPDATE schema_info SET version = 14 WHERE id = 1;
