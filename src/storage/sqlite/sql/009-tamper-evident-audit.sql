-- 009-tamper-evident-audit.sql: a chained, exact audit trail, and the schema version kept twice.
--
-- Audit trail. Each row carries hash = SHA-256 over the previous row's hash and its own fields
-- (vastus_audit_hash, vastus-audit-store.c): a row changed, removed or moved breaks the chain
-- from there on, and `vastus-cli check` names the first broken row and its time. The head
-- (audit_head) records the last row written, so that removing the newest rows shows too. Rows
-- are appended only through the view audit_append, whose trigger numbers, times and seals them;
-- a row inserted straight into audit_log without a seal is refused. The chain detects changes
-- made without Vastus (another SQLite tool, a flipped bit); it is not a signature: whoever can
-- write the file and knows this scheme can rebuild it. Copies elsewhere (backups) keep the
-- hashes they had.
--
-- Exact values. json_object writes numbers with 15 significant digits, so 13.344664845781498 N
-- (3 lbf) was kept as 13.3446648457815. The REAL columns now go through vastus_real_json, the
-- shortest decimal that reads back as the same double. Rows written before this version keep
-- what they had.
--
-- Schema version. The migration runner writes each version from this one on into schema_info
-- as well as PRAGMA user_version (one bit in the file header): when the two disagree, the file
-- is damaged, not "from a newer Vastus".

CREATE TABLE schema_info (
  id       INTEGER PRIMARY KEY CHECK (id = 1),
  version  INTEGER NOT NULL CHECK (version >= 1)
) STRICT;

ALTER TABLE audit_log ADD COLUMN hash TEXT
  CHECK (hash IS NULL OR (length (hash) = 64 AND hash NOT GLOB '*[^0-9a-f]*'));

-- The chain over the rows there are, oldest first, each sealed with the one before.
DROP TRIGGER audit_log_no_update;

CREATE TEMP TABLE audit_chain_build AS
WITH RECURSIVE chain (id, hash) AS (
  SELECT id, vastus_audit_hash (NULL, id, at, actor, table_name, row_id, operation, old_json,
                                new_json, app_version)
    FROM audit_log WHERE id = (SELECT min (id) FROM audit_log)
  UNION ALL
  SELECT a.id, vastus_audit_hash (c.hash, a.id, a.at, a.actor, a.table_name, a.row_id,
                                  a.operation, a.old_json, a.new_json, a.app_version)
    FROM chain c JOIN audit_log a ON a.id = (SELECT min (id) FROM audit_log WHERE id > c.id)
)
SELECT id, hash FROM chain;

UPDATE audit_log SET hash = (SELECT b.hash FROM temp.audit_chain_build b WHERE b.id = audit_log.id);

DROP TABLE temp.audit_chain_build;

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
  SELECT RAISE (ABORT, 'the audit log cannot be changed');
END;

CREATE TRIGGER audit_log_sealed BEFORE INSERT ON audit_log WHEN new.hash IS NULL
BEGIN
  SELECT RAISE (ABORT, 'audit rows are written through audit_append');
END;

-- The last row written: last_id 0 and no hash while the trail is empty.
CREATE TABLE audit_head (
  id       INTEGER PRIMARY KEY CHECK (id = 1),
  last_id  INTEGER NOT NULL CHECK (last_id >= 0),
  hash     TEXT CHECK (hash IS NULL OR length (hash) = 64)
) STRICT;

INSERT INTO audit_head (id, last_id, hash)
SELECT 1, ifnull ((SELECT max (id) FROM audit_log), 0),
       (SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1);

CREATE TRIGGER audit_head_no_delete BEFORE DELETE ON audit_head
BEGIN
  SELECT RAISE (ABORT, 'the audit head cannot be deleted');
END;

-- Appending: the next number after the head, the time, the seal over the head's hash.
CREATE VIEW audit_append (actor, table_name, row_id, operation, old_json, new_json) AS
  SELECT actor, table_name, row_id, operation, old_json, new_json FROM audit_log WHERE 0;

CREATE TRIGGER audit_append_insert INSTEAD OF INSERT ON audit_append
BEGIN
  SELECT RAISE (ABORT, 'the audit trail has no head')
   WHERE NOT EXISTS (SELECT 1 FROM audit_head WHERE id = 1);
  INSERT INTO audit_log (id, at, actor, table_name, row_id, operation, old_json, new_json,
                         app_version, hash)
  SELECT n.id, n.at, new.actor, new.table_name, new.row_id, new.operation, new.old_json,
         new.new_json, vastus_app_version (),
         vastus_audit_hash (n.previous, n.id, n.at, new.actor, new.table_name, new.row_id,
                            new.operation, new.old_json, new.new_json, vastus_app_version ())
    FROM (SELECT h.last_id + 1 AS id, h.hash AS previous,
                 strftime ('%Y-%m-%dT%H:%M:%fZ', 'now') AS at
            FROM audit_head h WHERE h.id = 1) AS n;
  UPDATE audit_head
     SET last_id = last_id + 1,
         hash = (SELECT a.hash FROM audit_log a WHERE a.id = audit_head.last_id + 1)
   WHERE id = 1;
END;

-- Every audit trigger, writing through audit_append, with exact numbers.

DROP TRIGGER patient_audit_insert;
CREATE TRIGGER patient_audit_insert AFTER INSERT ON patient
BEGIN
  INSERT INTO audit_append (actor, table_name, row_id, operation, old_json, new_json)
  VALUES (vastus_actor (), 'patient', new.id, 'insert', NULL,
          json_object ('id', new.id, 'mrn', new.mrn, 'name', new.name,
                       'birth_date', new.birth_date, 'sex', new.sex, 'notes', new.notes,
                       'archived', new.archived, 'demo', new.demo));
END;

DROP TRIGGER patient_audit_update;
CREATE TRIGGER patient_audit_update AFTER UPDATE ON patient
BEGIN
  INSERT INTO audit_append (actor, table_name, row_id, operation, old_json, new_json)
  VALUES (vastus_actor (), 'patient', new.id, 'update',
          json_object ('id', old.id, 'mrn', old.mrn, 'name', old.name,
                       'birth_date', old.birth_date, 'sex', old.sex, 'notes', old.notes,
                       'archived', old.archived, 'demo', old.demo),
          json_object ('id', new.id, 'mrn', new.mrn, 'name', new.name,
                       'birth_date', new.birth_date, 'sex', new.sex, 'notes', new.notes,
                       'archived', new.archived, 'demo', new.demo));
END;

DROP TRIGGER patient_audit_delete;
CREATE TRIGGER patient_audit_delete AFTER DELETE ON patient
BEGIN
  INSERT INTO audit_append (actor, table_name, row_id, operation, old_json, new_json)
  VALUES (vastus_actor (), 'patient', old.id, 'delete',
          json_object ('id', old.id, 'mrn', old.mrn, 'name', old.name,
                       'birth_date', old.birth_date, 'sex', old.sex, 'notes', old.notes,
                       'archived', old.archived, 'demo', old.demo),
          NULL);
END;

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
                       'criteria_set', new.criteria_set));
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
                       'criteria_set', old.criteria_set),
          json_object ('id', new.id, 'patient_id', new.patient_id, 'condition', new.condition,
                       'involved_side', new.involved_side, 'injury_date', new.injury_date,
                       'surgery_date', new.surgery_date, 'surgeon', new.surgeon,
                       'procedure_details', new.procedure_details,
                       'restrictions', new.restrictions,
                       'no_max_test_before', new.no_max_test_before,
                       'criteria_set', new.criteria_set));
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
                       'criteria_set', old.criteria_set),
          NULL);
END;

DROP TRIGGER visit_audit_insert;
CREATE TRIGGER visit_audit_insert AFTER INSERT ON visit
BEGIN
  INSERT INTO audit_append (actor, table_name, row_id, operation, old_json, new_json)
  VALUES (vastus_actor (), 'visit', new.id, 'insert', NULL,
          json_object ('id', new.id, 'episode_id', new.episode_id, 'date', new.date,
                       'clinician', new.clinician, 'body_mass_kg', json (vastus_real_json (new.body_mass_kg)),
                       'height_cm', json (vastus_real_json (new.height_cm)), 'notes', new.notes,
                       'findings', new.findings, 'deleted_at', new.deleted_at,
                       'deleted_by', new.deleted_by));
END;

DROP TRIGGER visit_audit_update;
CREATE TRIGGER visit_audit_update AFTER UPDATE ON visit
BEGIN
  INSERT INTO audit_append (actor, table_name, row_id, operation, old_json, new_json)
  VALUES (vastus_actor (), 'visit', new.id, 'update',
          json_object ('id', old.id, 'episode_id', old.episode_id, 'date', old.date,
                       'clinician', old.clinician, 'body_mass_kg', json (vastus_real_json (old.body_mass_kg)),
                       'height_cm', json (vastus_real_json (old.height_cm)), 'notes', old.notes,
                       'findings', old.findings, 'deleted_at', old.deleted_at,
                       'deleted_by', old.deleted_by),
          json_object ('id', new.id, 'episode_id', new.episode_id, 'date', new.date,
                       'clinician', new.clinician, 'body_mass_kg', json (vastus_real_json (new.body_mass_kg)),
                       'height_cm', json (vastus_real_json (new.height_cm)), 'notes', new.notes,
                       'findings', new.findings, 'deleted_at', new.deleted_at,
                       'deleted_by', new.deleted_by));
END;

DROP TRIGGER visit_audit_delete;
CREATE TRIGGER visit_audit_delete AFTER DELETE ON visit
BEGIN
  INSERT INTO audit_append (actor, table_name, row_id, operation, old_json, new_json)
  VALUES (vastus_actor (), 'visit', old.id, 'delete',
          json_object ('id', old.id, 'episode_id', old.episode_id, 'date', old.date,
                       'clinician', old.clinician, 'body_mass_kg', json (vastus_real_json (old.body_mass_kg)),
                       'height_cm', json (vastus_real_json (old.height_cm)), 'notes', old.notes,
                       'findings', old.findings, 'deleted_at', old.deleted_at,
                       'deleted_by', old.deleted_by),
          NULL);
END;

DROP TRIGGER measurement_audit_insert;
CREATE TRIGGER measurement_audit_insert AFTER INSERT ON measurement
BEGIN
  INSERT INTO audit_append (actor, table_name, row_id, operation, old_json, new_json)
  VALUES (vastus_actor (), 'measurement', new.id, 'insert', NULL,
          json_object ('id', new.id, 'visit_id', new.visit_id, 'measure', new.measure,
                       'side', new.side, 'trial', new.trial, 'value', json (vastus_real_json (new.value)),
                       'unit', new.unit, 'knee_angle_deg', json (vastus_real_json (new.knee_angle_deg)),
                       'velocity_deg_s', json (vastus_real_json (new.velocity_deg_s)), 'lever_arm_m', json (vastus_real_json (new.lever_arm_m)),
                       'fixation', new.fixation, 'baseline', new.baseline,
                       'deleted_at', new.deleted_at, 'deleted_by', new.deleted_by));
END;

DROP TRIGGER measurement_audit_update;
CREATE TRIGGER measurement_audit_update AFTER UPDATE ON measurement
BEGIN
  INSERT INTO audit_append (actor, table_name, row_id, operation, old_json, new_json)
  VALUES (vastus_actor (), 'measurement', new.id, 'update',
          json_object ('id', old.id, 'visit_id', old.visit_id, 'measure', old.measure,
                       'side', old.side, 'trial', old.trial, 'value', json (vastus_real_json (old.value)),
                       'unit', old.unit, 'knee_angle_deg', json (vastus_real_json (old.knee_angle_deg)),
                       'velocity_deg_s', json (vastus_real_json (old.velocity_deg_s)), 'lever_arm_m', json (vastus_real_json (old.lever_arm_m)),
                       'fixation', old.fixation, 'baseline', old.baseline,
                       'deleted_at', old.deleted_at, 'deleted_by', old.deleted_by),
          json_object ('id', new.id, 'visit_id', new.visit_id, 'measure', new.measure,
                       'side', new.side, 'trial', new.trial, 'value', json (vastus_real_json (new.value)),
                       'unit', new.unit, 'knee_angle_deg', json (vastus_real_json (new.knee_angle_deg)),
                       'velocity_deg_s', json (vastus_real_json (new.velocity_deg_s)), 'lever_arm_m', json (vastus_real_json (new.lever_arm_m)),
                       'fixation', new.fixation, 'baseline', new.baseline,
                       'deleted_at', new.deleted_at, 'deleted_by', new.deleted_by));
END;

DROP TRIGGER measurement_audit_delete;
CREATE TRIGGER measurement_audit_delete AFTER DELETE ON measurement
BEGIN
  INSERT INTO audit_append (actor, table_name, row_id, operation, old_json, new_json)
  VALUES (vastus_actor (), 'measurement', old.id, 'delete',
          json_object ('id', old.id, 'visit_id', old.visit_id, 'measure', old.measure,
                       'side', old.side, 'trial', old.trial, 'value', json (vastus_real_json (old.value)),
                       'unit', old.unit, 'knee_angle_deg', json (vastus_real_json (old.knee_angle_deg)),
                       'velocity_deg_s', json (vastus_real_json (old.velocity_deg_s)), 'lever_arm_m', json (vastus_real_json (old.lever_arm_m)),
                       'fixation', old.fixation, 'baseline', old.baseline,
                       'deleted_at', old.deleted_at, 'deleted_by', old.deleted_by),
          NULL);
END;

DROP TRIGGER criteria_set_audit_insert;
CREATE TRIGGER criteria_set_audit_insert AFTER INSERT ON criteria_set
WHEN new.builtin = 0
BEGIN
  INSERT INTO audit_append (actor, table_name, row_id, operation, old_json, new_json)
  VALUES (vastus_actor (), 'criteria_set', new.rowid, 'insert', NULL,
          json_object ('id', new.id, 'version', new.version, 'title', new.title,
                       'based_on', new.based_on));
END;

-- Questionnaires (007).

DROP TRIGGER questionnaire_audit_insert;
CREATE TRIGGER questionnaire_audit_insert AFTER INSERT ON questionnaire
BEGIN
  INSERT INTO audit_append (actor, table_name, row_id, operation, old_json, new_json)
  VALUES (vastus_actor (), 'questionnaire', new.id, 'insert', NULL,
          json_object ('id', new.id, 'visit_id', new.visit_id, 'instrument', new.instrument,
                       'entered_by', new.entered_by, 'deleted_at', new.deleted_at,
                       'deleted_by', new.deleted_by));
END;

DROP TRIGGER questionnaire_audit_update;
CREATE TRIGGER questionnaire_audit_update AFTER UPDATE ON questionnaire
BEGIN
  INSERT INTO audit_append (actor, table_name, row_id, operation, old_json, new_json)
  VALUES (vastus_actor (), 'questionnaire', new.id, 'update',
          json_object ('id', old.id, 'visit_id', old.visit_id, 'instrument', old.instrument,
                       'entered_by', old.entered_by, 'deleted_at', old.deleted_at,
                       'deleted_by', old.deleted_by),
          json_object ('id', new.id, 'visit_id', new.visit_id, 'instrument', new.instrument,
                       'entered_by', new.entered_by, 'deleted_at', new.deleted_at,
                       'deleted_by', new.deleted_by));
END;

DROP TRIGGER questionnaire_audit_delete;
CREATE TRIGGER questionnaire_audit_delete AFTER DELETE ON questionnaire
BEGIN
  INSERT INTO audit_append (actor, table_name, row_id, operation, old_json, new_json)
  VALUES (vastus_actor (), 'questionnaire', old.id, 'delete',
          json_object ('id', old.id, 'visit_id', old.visit_id, 'instrument', old.instrument,
                       'entered_by', old.entered_by, 'deleted_at', old.deleted_at,
                       'deleted_by', old.deleted_by),
          NULL);
END;

DROP TRIGGER questionnaire_answer_audit_insert;
CREATE TRIGGER questionnaire_answer_audit_insert AFTER INSERT ON questionnaire_answer
BEGIN
  INSERT INTO audit_append (actor, table_name, row_id, operation, old_json, new_json)
  VALUES (vastus_actor (), 'questionnaire_answer', new.questionnaire_id, 'insert', NULL,
          json_object ('questionnaire_id', new.questionnaire_id, 'item', new.item,
                       'points', new.points));
END;

DROP TRIGGER questionnaire_answer_audit_delete;
CREATE TRIGGER questionnaire_answer_audit_delete AFTER DELETE ON questionnaire_answer
BEGIN
  INSERT INTO audit_append (actor, table_name, row_id, operation, old_json, new_json)
  VALUES (vastus_actor (), 'questionnaire_answer', old.questionnaire_id, 'delete',
          json_object ('questionnaire_id', old.questionnaire_id, 'item', old.item,
                       'points', old.points),
          NULL);
END;

DROP TRIGGER questionnaire_score_audit_insert;
CREATE TRIGGER questionnaire_score_audit_insert AFTER INSERT ON questionnaire_score
BEGIN
  INSERT INTO audit_append (actor, table_name, row_id, operation, old_json, new_json)
  VALUES (vastus_actor (), 'questionnaire_score', new.measurement_id, 'insert', NULL,
          json_object ('measurement_id', new.measurement_id,
                       'questionnaire_id', new.questionnaire_id));
END;

DROP TRIGGER questionnaire_score_audit_delete;
CREATE TRIGGER questionnaire_score_audit_delete AFTER DELETE ON questionnaire_score
BEGIN
  INSERT INTO audit_append (actor, table_name, row_id, operation, old_json, new_json)
  VALUES (vastus_actor (), 'questionnaire_score', old.measurement_id, 'delete',
          json_object ('measurement_id', old.measurement_id,
                       'questionnaire_id', old.questionnaire_id),
          NULL);
END;
