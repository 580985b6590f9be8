-- 007-questionnaires.sql: questionnaires answered item by item (clinical-reference §1.11).
--
-- A questionnaire is one instrument answered at one visit: its answers are the points of the
-- answers marked, one row per item answered. The scores computed from them are ordinary
-- measurements (koos_pain, ikdc …), so criteria, charts, reports and CSV read them as before;
-- questionnaire_score links each such measurement to the answers it was computed from.
--
-- Answers never change in place: a corrected form is a new questionnaire (the old one and its
-- scores soft-deleted), so the audit trail keeps every answer ever given. A score computed from
-- answers changes only with them (trigger below). At most one live questionnaire per visit and
-- instrument.
--
-- The clinic's settings for questionnaires: its own minimal important changes (by measure
-- code; a measure without a row uses the instrument file's default), the item wording it loaded
-- from the official form (never shipped with Vastus), and the PIN that ends "hand to patient"
-- mode, stored as a crypt(3) hash, never as the PIN.

CREATE TABLE questionnaire (
  id          INTEGER PRIMARY KEY,
  visit_id    INTEGER NOT NULL REFERENCES visit (id),
  instrument  TEXT NOT NULL CHECK (length (instrument) BETWEEN 1 AND 32),
  entered_by  TEXT NOT NULL CHECK (entered_by IN ('staff', 'patient', 'import')),
  created_at  TEXT NOT NULL DEFAULT (strftime ('%Y-%m-%dT%H:%M:%fZ', 'now')),
  deleted_at  TEXT,
  deleted_by  TEXT,
  CHECK ((deleted_at IS NULL) = (deleted_by IS NULL))
) STRICT;

CREATE UNIQUE INDEX questionnaire_live ON questionnaire (visit_id, instrument)
  WHERE deleted_at IS NULL;

CREATE TABLE questionnaire_answer (
  questionnaire_id  INTEGER NOT NULL REFERENCES questionnaire (id),
  item              TEXT NOT NULL CHECK (length (item) BETWEEN 1 AND 16),
  points            INTEGER NOT NULL CHECK (points BETWEEN 0 AND 100),
  PRIMARY KEY (questionnaire_id, item)
) STRICT, WITHOUT ROWID;

CREATE TABLE questionnaire_score (
  measurement_id    INTEGER PRIMARY KEY REFERENCES measurement (id),
  questionnaire_id  INTEGER NOT NULL REFERENCES questionnaire (id)
) STRICT;

CREATE INDEX questionnaire_score_by_questionnaire ON questionnaire_score (questionnaire_id);

CREATE TRIGGER questionnaire_answer_fixed BEFORE UPDATE ON questionnaire_answer
BEGIN
  SELECT RAISE (ABORT, 'questionnaire answers are not changed: store the corrected form');
END;

CREATE TRIGGER questionnaire_score_fixed
BEFORE UPDATE OF measure, side, trial, value, visit_id ON measurement
WHEN EXISTS (SELECT 1 FROM questionnaire_score WHERE measurement_id = old.id)
BEGIN
  SELECT RAISE (ABORT, 'this score is computed from questionnaire answers: change the answers');
END;

CREATE TABLE questionnaire_mic (
  measure     TEXT PRIMARY KEY CHECK (length (measure) BETWEEN 1 AND 64),
  mic         REAL NOT NULL CHECK (mic > 0 AND mic <= 100),
  updated_at  TEXT NOT NULL DEFAULT (strftime ('%Y-%m-%dT%H:%M:%fZ', 'now')),
  updated_by  TEXT
) STRICT;

CREATE TABLE questionnaire_wording (
  instrument  TEXT NOT NULL CHECK (length (instrument) BETWEEN 1 AND 32),
  item        TEXT NOT NULL CHECK (length (item) BETWEEN 1 AND 16),
  question    TEXT NOT NULL CHECK (length (question) BETWEEN 1 AND 2000),
  answers     TEXT NOT NULL DEFAULT '[]' CHECK (json_valid (answers) AND json_type (answers) = 'array'),
  loaded_at   TEXT NOT NULL DEFAULT (strftime ('%Y-%m-%dT%H:%M:%fZ', 'now')),
  PRIMARY KEY (instrument, item)
) STRICT, WITHOUT ROWID;

CREATE TABLE clinic_pin (
  id      INTEGER PRIMARY KEY CHECK (id = 1),
  hash    TEXT NOT NULL CHECK (length (hash) BETWEEN 20 AND 512 AND substr (hash, 1, 1) = '$'),
  set_at  TEXT NOT NULL DEFAULT (strftime ('%Y-%m-%dT%H:%M:%fZ', 'now')),
  set_by  TEXT
) STRICT;

-- Audit triggers: questionnaires (inserted, soft-deleted), their answers and score links
-- (inserted; removed only with demo patients).

CREATE TRIGGER questionnaire_audit_insert AFTER INSERT ON questionnaire
BEGIN
  INSERT INTO audit_log (actor, table_name, row_id, operation, old_json, new_json, app_version)
  VALUES (vastus_actor (), 'questionnaire', new.id, 'insert', NULL,
          json_object ('id', new.id, 'visit_id', new.visit_id, 'instrument', new.instrument,
                       'entered_by', new.entered_by, 'deleted_at', new.deleted_at,
                       'deleted_by', new.deleted_by),
          vastus_app_version ());
END;

CREATE TRIGGER questionnaire_audit_update AFTER UPDATE ON questionnaire
BEGIN
  INSERT INTO audit_log (actor, table_name, row_id, operation, old_json, new_json, app_version)
  VALUES (vastus_actor (), 'questionnaire', new.id, 'update',
          json_object ('id', old.id, 'visit_id', old.visit_id, 'instrument', old.instrument,
                       'entered_by', old.entered_by, 'deleted_at', old.deleted_at,
                       'deleted_by', old.deleted_by),
          json_object ('id', new.id, 'visit_id', new.visit_id, 'instrument', new.instrument,
                       'entered_by', new.entered_by, 'deleted_at', new.deleted_at,
                       'deleted_by', new.deleted_by),
          vastus_app_version ());
END;

CREATE TRIGGER questionnaire_audit_delete AFTER DELETE ON questionnaire
BEGIN
  INSERT INTO audit_log (actor, table_name, row_id, operation, old_json, new_json, app_version)
  VALUES (vastus_actor (), 'questionnaire', old.id, 'delete',
          json_object ('id', old.id, 'visit_id', old.visit_id, 'instrument', old.instrument,
                       'entered_by', old.entered_by, 'deleted_at', old.deleted_at,
                       'deleted_by', old.deleted_by),
          NULL, vastus_app_version ());
END;

CREATE TRIGGER questionnaire_answer_audit_insert AFTER INSERT ON questionnaire_answer
BEGIN
  INSERT INTO audit_log (actor, table_name, row_id, operation, old_json, new_json, app_version)
  VALUES (vastus_actor (), 'questionnaire_answer', new.questionnaire_id, 'insert', NULL,
          json_object ('questionnaire_id', new.questionnaire_id, 'item', new.item,
                       'points', new.points),
          vastus_app_version ());
END;

CREATE TRIGGER questionnaire_answer_audit_delete AFTER DELETE ON questionnaire_answer
BEGIN
  INSERT INTO audit_log (actor, table_name, row_id, operation, old_json, new_json, app_version)
  VALUES (vastus_actor (), 'questionnaire_answer', old.questionnaire_id, 'delete',
          json_object ('questionnaire_id', old.questionnaire_id, 'item', old.item,
                       'points', old.points),
          NULL, vastus_app_version ());
END;

CREATE TRIGGER questionnaire_score_audit_insert AFTER INSERT ON questionnaire_score
BEGIN
  INSERT INTO audit_log (actor, table_name, row_id, operation, old_json, new_json, app_version)
  VALUES (vastus_actor (), 'questionnaire_score', new.measurement_id, 'insert', NULL,
          json_object ('measurement_id', new.measurement_id,
                       'questionnaire_id', new.questionnaire_id),
          vastus_app_version ());
END;

CREATE TRIGGER questionnaire_score_audit_delete AFTER DELETE ON questionnaire_score
BEGIN
  INSERT INTO audit_log (actor, table_name, row_id, operation, old_json, new_json, app_version)
  VALUES (vastus_actor (), 'questionnaire_score', old.measurement_id, 'delete',
          json_object ('measurement_id', old.measurement_id,
                       'questionnaire_id', old.questionnaire_id),
          NULL, vastus_app_version ());
END;
