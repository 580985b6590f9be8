-- 001-init.sql: the first Vastus schema.
--
-- Run by the migration runner inside one transaction, which then sets PRAGMA user_version = 1.
-- Later versions add sql/NNN-*.sql; never edit a released script.
--
-- Conventions: enums are the contract strings of vastus-record.h; dates are 'YYYY-MM-DD' (NULL
-- when unknown); numbers are REAL in SI units (NULL when unknown); timestamps are UTC with
-- milliseconds. The CHECKs are the second line of defence behind vastus-validate.h.
-- vastus_actor(), vastus_app_version() and vastus_search_words() are defined by the application.

CREATE TABLE patient (
  id          INTEGER PRIMARY KEY,
  mrn         TEXT NOT NULL UNIQUE
              CHECK (length (mrn) BETWEEN 1 AND 64 AND trim (mrn) = mrn),
  name        TEXT NOT NULL CHECK (length (trim (name)) > 0),
  birth_date  TEXT CHECK (birth_date IS NULL
                          OR (birth_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'
                              AND date (birth_date, '+0 days') IS birth_date)),
  sex         TEXT NOT NULL DEFAULT 'unknown'
              CHECK (sex IN ('unknown', 'female', 'male', 'other')),
  notes       TEXT,
  archived    INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)),
  demo        INTEGER NOT NULL DEFAULT 0 CHECK (demo IN (0, 1)),
  created_at  TEXT NOT NULL DEFAULT (strftime ('%Y-%m-%dT%H:%M:%fZ', 'now')),
  updated_at  TEXT NOT NULL DEFAULT (strftime ('%Y-%m-%dT%H:%M:%fZ', 'now'))
) STRICT;

CREATE INDEX patient_by_name ON patient (archived, name COLLATE NOCASE);
CREATE INDEX patient_demo ON patient (demo) WHERE demo = 1;

-- Search keys: every word of the name and the whole MRN, case-folded and without accents, so
-- that "prefix of any word" is an index range scan. Derived data, kept by the triggers below.
CREATE TABLE patient_word (
  word        TEXT NOT NULL,
  patient_id  INTEGER NOT NULL REFERENCES patient (id) ON DELETE CASCADE,
  PRIMARY KEY (word, patient_id)
) STRICT, WITHOUT ROWID;

CREATE INDEX patient_word_by_patient ON patient_word (patient_id);

-- Per patient: the last live visit and the number of live visits, for the patient list (sorting
-- 10,000 patients by last visit must not visit 200,000 visits). Derived data, kept by triggers.
CREATE TABLE patient_stats (
  patient_id  INTEGER PRIMARY KEY REFERENCES patient (id) ON DELETE CASCADE,
  last_visit  TEXT,
  n_visits    INTEGER NOT NULL DEFAULT 0 CHECK (n_visits >= 0)
) STRICT;

CREATE TABLE episode (
  id                  INTEGER PRIMARY KEY,
  patient_id          INTEGER NOT NULL REFERENCES patient (id),
  condition           TEXT NOT NULL
                      CHECK (condition IN ('aclr', 'acl_nonoperative', 'pfp', 'tka', 'meniscus',
                                           'patellar_instability', 'other')),
  involved_side       TEXT NOT NULL CHECK (involved_side IN ('left', 'right', 'both')),
  injury_date         TEXT CHECK (injury_date IS NULL
                                  OR (injury_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'
                                      AND date (injury_date, '+0 days') IS injury_date)),
  surgery_date        TEXT CHECK (surgery_date IS NULL
                                  OR (surgery_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'
                                      AND date (surgery_date, '+0 days') IS surgery_date)),
  surgeon             TEXT,
  procedure_details   TEXT,
  restrictions        TEXT,
  no_max_test_before  TEXT CHECK (no_max_test_before IS NULL
                                  OR (no_max_test_before GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'
                                      AND date (no_max_test_before, '+0 days') IS no_max_test_before)),
  criteria_set        TEXT CHECK (criteria_set IS NULL OR length (criteria_set) > 0),
  created_at          TEXT NOT NULL DEFAULT (strftime ('%Y-%m-%dT%H:%M:%fZ', 'now')),
  updated_at          TEXT NOT NULL DEFAULT (strftime ('%Y-%m-%dT%H:%M:%fZ', 'now'))
) STRICT;

CREATE INDEX episode_by_patient ON episode (patient_id);

CREATE TABLE visit (
  id            INTEGER PRIMARY KEY,
  episode_id    INTEGER NOT NULL REFERENCES episode (id),
  date          TEXT NOT NULL
                CHECK (date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]' AND date (date, '+0 days') IS date),
  clinician     TEXT,
  body_mass_kg  REAL CHECK (body_mass_kg IS NULL OR (body_mass_kg > 0 AND body_mass_kg < 1000)),
  height_cm     REAL CHECK (height_cm IS NULL OR (height_cm > 0 AND height_cm < 300)),
  notes         TEXT,
  findings      INTEGER NOT NULL DEFAULT 0 CHECK (findings BETWEEN 0 AND 65535),
  created_at    TEXT NOT NULL DEFAULT (strftime ('%Y-%m-%dT%H:%M:%fZ', 'now')),
  updated_at    TEXT NOT NULL DEFAULT (strftime ('%Y-%m-%dT%H:%M:%fZ', 'now')),
  deleted_at    TEXT,
  deleted_by    TEXT,
  CHECK ((deleted_at IS NULL) = (deleted_by IS NULL))
) STRICT;

-- Lists (episode, not deleted, by date), last visit and visit counts all use this one.
CREATE INDEX visit_by_episode ON visit (episode_id, deleted_at, date);

CREATE TABLE measurement (
  id              INTEGER PRIMARY KEY,
  visit_id        INTEGER NOT NULL REFERENCES visit (id),
  measure         TEXT NOT NULL CHECK (length (measure) BETWEEN 1 AND 64),
  side            TEXT NOT NULL CHECK (side IN ('none', 'left', 'right')),
  trial           INTEGER NOT NULL CHECK (trial BETWEEN 1 AND 100),
  value           REAL NOT NULL CHECK (value > -1e9 AND value < 1e9),
  unit            TEXT CHECK (unit IS NULL OR length (unit) BETWEEN 1 AND 16),
  knee_angle_deg  REAL CHECK (knee_angle_deg IS NULL OR knee_angle_deg BETWEEN -180 AND 360),
  velocity_deg_s  REAL CHECK (velocity_deg_s IS NULL OR velocity_deg_s BETWEEN 0 AND 10000),
  lever_arm_m     REAL CHECK (lever_arm_m IS NULL OR (lever_arm_m > 0 AND lever_arm_m < 10)),
  fixation        TEXT,
  baseline        INTEGER NOT NULL DEFAULT 0 CHECK (baseline IN (0, 1)),
  created_at      TEXT NOT NULL DEFAULT (strftime ('%Y-%m-%dT%H:%M:%fZ', 'now')),
  updated_at      TEXT NOT NULL DEFAULT (strftime ('%Y-%m-%dT%H:%M:%fZ', 'now')),
  deleted_at      TEXT,
  deleted_by      TEXT,
  CHECK ((deleted_at IS NULL) = (deleted_by IS NULL))
) STRICT;

CREATE INDEX measurement_by_visit ON measurement (visit_id);

-- The audit trail. Append-only: written by the triggers below, never altered.
CREATE TABLE audit_log (
  id           INTEGER PRIMARY KEY,
  at           TEXT NOT NULL DEFAULT (strftime ('%Y-%m-%dT%H:%M:%fZ', 'now')),
  actor        TEXT NOT NULL,
  table_name   TEXT NOT NULL,
  row_id       INTEGER NOT NULL,
  operation    TEXT NOT NULL CHECK (operation IN ('insert', 'update', 'delete')),
  old_json     TEXT,
  new_json     TEXT,
  app_version  TEXT NOT NULL
) STRICT;

CREATE INDEX audit_log_by_row ON audit_log (table_name, row_id);

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
  SELECT RAISE (ABORT, 'the audit log cannot be changed');
END;

CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
  SELECT RAISE (ABORT, 'the audit log cannot be changed');
END;

-- Search words of patients.

CREATE TRIGGER patient_words_insert AFTER INSERT ON patient
BEGIN
  INSERT OR IGNORE INTO patient_word (word, patient_id)
    SELECT value, new.id FROM json_each (vastus_search_words (new.name, new.mrn));
END;

CREATE TRIGGER patient_words_update AFTER UPDATE OF name, mrn ON patient
BEGIN
  DELETE FROM patient_word WHERE patient_id = old.id;
  INSERT OR IGNORE INTO patient_word (word, patient_id)
    SELECT value, new.id FROM json_each (vastus_search_words (new.name, new.mrn));
END;

-- Visit statistics of patients. Inserts update incrementally (the bulk path); any other change
-- of a visit recounts that patient's visits through visit_by_episode.

CREATE TRIGGER patient_stats_patient AFTER INSERT ON patient
BEGIN
  INSERT INTO patient_stats (patient_id) VALUES (new.id);
END;

CREATE TRIGGER patient_stats_visit_insert AFTER INSERT ON visit WHEN new.deleted_at IS NULL
BEGIN
  UPDATE patient_stats
     SET n_visits = n_visits + 1,
         last_visit = CASE WHEN last_visit IS NULL OR new.date > last_visit
                           THEN new.date ELSE last_visit END
   WHERE patient_id = (SELECT patient_id FROM episode WHERE id = new.episode_id);
END;

CREATE TRIGGER patient_stats_visit_update AFTER UPDATE OF date, deleted_at, episode_id ON visit
BEGIN
  UPDATE patient_stats
     SET last_visit = (SELECT max (v.date) FROM episode e JOIN visit v ON v.episode_id = e.id
                        WHERE e.patient_id = patient_stats.patient_id AND v.deleted_at IS NULL),
         n_visits = (SELECT count (*) FROM episode e JOIN visit v ON v.episode_id = e.id
                      WHERE e.patient_id = patient_stats.patient_id AND v.deleted_at IS NULL)
   WHERE patient_id IN (SELECT patient_id FROM episode WHERE id IN (old.episode_id, new.episode_id));
END;

CREATE TRIGGER patient_stats_visit_delete AFTER DELETE ON visit
BEGIN
  UPDATE patient_stats
     SET last_visit = (SELECT max (v.date) FROM episode e JOIN visit v ON v.episode_id = e.id
                        WHERE e.patient_id = patient_stats.patient_id AND v.deleted_at IS NULL),
         n_visits = (SELECT count (*) FROM episode e JOIN visit v ON v.episode_id = e.id
                      WHERE e.patient_id = patient_stats.patient_id AND v.deleted_at IS NULL)
   WHERE patient_id = (SELECT patient_id FROM episode WHERE id = old.episode_id);
END;

-- Audit triggers, three per clinical table.

CREATE TRIGGER patient_audit_insert AFTER INSERT ON patient
BEGIN
  INSERT INTO audit_log (actor, table_name, row_id, operation, old_json, new_json, app_version)
  VALUES (vastus_actor (), 'patient', new.id, 'insert', NULL,
          json_object ('id', new.id, 'mrn', new.mrn, 'name', new.name,
                       'birth_date', new.birth_date, 'sex', new.sex, 'notes', new.notes,
                       'archived', new.archived, 'demo', new.demo),
          vastus_app_version ());
END;

CREATE TRIGGER patient_audit_update AFTER UPDATE ON patient
BEGIN
  INSERT INTO audit_log (actor, table_name, row_id, operation, old_json, new_json, app_version)
  VALUES (vastus_actor (), 'patient', new.id, 'update',
          json_object ('id', old.id, 'mrn', old.mrn, 'name', old.name,
                       'birth_date', old.birth_date, 'sex', old.sex, 'notes', old.notes,
                       'archived', old.archived, 'demo', old.demo),
          json_object ('id', new.id, 'mrn', new.mrn, 'name', new.name,
                       'birth_date', new.birth_date, 'sex', new.sex, 'notes', new.notes,
                       'archived', new.archived, 'demo', new.demo),
          vastus_app_version ());
END;

CREATE TRIGGER patient_audit_delete AFTER DELETE ON patient
BEGIN
  INSERT INTO audit_log (actor, table_name, row_id, operation, old_json, new_json, app_version)
  VALUES (vastus_actor (), 'patient', old.id, 'delete',
          json_object ('id', old.id, 'mrn', old.mrn, 'name', old.name,
                       'birth_date', old.birth_date, 'sex', old.sex, 'notes', old.notes,
                       'archived', old.archived, 'demo', old.demo),
          NULL, vastus_app_version ());
END;

CREATE TRIGGER episode_audit_insert AFTER INSERT ON episode
BEGIN
  INSERT INTO audit_log (actor, table_name, row_id, operation, old_json, new_json, app_version)
  VALUES (vastus_actor (), 'episode', new.id, 'insert', NULL,
          json_object ('id', new.id, 'patient_id', new.patient_id, 'condition', new.condition,
                       'involved_side', new.involved_side, 'injury_date', new.injury_date,
                       'surgery_date', new.surgery_date, 'surgeon', new.surgeon,
                       'procedure_details', new.procedure_details,
                       'restrictions', new.restrictions,
                       'no_max_test_before', new.no_max_test_before,
                       'criteria_set', new.criteria_set),
          vastus_app_version ());
END;

CREATE TRIGGER episode_audit_update AFTER UPDATE ON episode
BEGIN
  INSERT INTO audit_log (actor, table_name, row_id, operation, old_json, new_json, app_version)
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
                       'criteria_set', new.criteria_set),
          vastus_app_version ());
END;

CREATE TRIGGER episode_audit_delete AFTER DELETE ON episode
BEGIN
  INSERT INTO audit_log (actor, table_name, row_id, operation, old_json, new_json, app_version)
  VALUES (vastus_actor (), 'episode', old.id, 'delete',
          json_object ('id', old.id, 'patient_id', old.patient_id, 'condition', old.condition,
                       'involved_side', old.involved_side, 'injury_date', old.injury_date,
                       'surgery_date', old.surgery_date, 'surgeon', old.surgeon,
                       'procedure_details', old.procedure_details,
                       'restrictions', old.restrictions,
                       'no_max_test_before', old.no_max_test_before,
                       'criteria_set', old.criteria_set),
          NULL, vastus_app_version ());
END;

CREATE TRIGGER visit_audit_insert AFTER INSERT ON visit
BEGIN
  INSERT INTO audit_log (actor, table_name, row_id, operation, old_json, new_json, app_version)
  VALUES (vastus_actor (), 'visit', new.id, 'insert', NULL,
          json_object ('id', new.id, 'episode_id', new.episode_id, 'date', new.date,
                       'clinician', new.clinician, 'body_mass_kg', new.body_mass_kg,
                       'height_cm', new.height_cm, 'notes', new.notes,
                       'findings', new.findings, 'deleted_at', new.deleted_at,
                       'deleted_by', new.deleted_by),
          vastus_app_version ());
END;

CREATE TRIGGER visit_audit_update AFTER UPDATE ON visit
BEGIN
  INSERT INTO audit_log (actor, table_name, row_id, operation, old_json, new_json, app_version)
  VALUES (vastus_actor (), 'visit', new.id, 'update',
          json_object ('id', old.id, 'episode_id', old.episode_id, 'date', old.date,
                       'clinician', old.clinician, 'body_mass_kg', old.body_mass_kg,
                       'height_cm', old.height_cm, 'notes', old.notes,
                       'findings', old.findings, 'deleted_at', old.deleted_at,
                       'deleted_by', old.deleted_by),
          json_object ('id', new.id, 'episode_id', new.episode_id, 'date', new.date,
                       'clinician', new.clinician, 'body_mass_kg', new.body_mass_kg,
                       'height_cm', new.height_cm, 'notes', new.notes,
                       'findings', new.findings, 'deleted_at', new.deleted_at,
                       'deleted_by', new.deleted_by),
          vastus_app_version ());
END;

CREATE TRIGGER visit_audit_delete AFTER DELETE ON visit
BEGIN
  INSERT INTO audit_log (actor, table_name, row_id, operation, old_json, new_json, app_version)
  VALUES (vastus_actor (), 'visit', old.id, 'delete',
          json_object ('id', old.id, 'episode_id', old.episode_id, 'date', old.date,
                       'clinician', old.clinician, 'body_mass_kg', old.body_mass_kg,
                       'height_cm', old.height_cm, 'notes', old.notes,
                       'findings', old.findings, 'deleted_at', old.deleted_at,
                       'deleted_by', old.deleted_by),
          NULL, vastus_app_version ());
END;

CREATE TRIGGER measurement_audit_insert AFTER INSERT ON measurement
BEGIN
  INSERT INTO audit_log (actor, table_name, row_id, operation, old_json, new_json, app_version)
  VALUES (vastus_actor (), 'measurement', new.id, 'insert', NULL,
          json_object ('id', new.id, 'visit_id', new.visit_id, 'measure', new.measure,
                       'side', new.side, 'trial', new.trial, 'value', new.value,
                       'unit', new.unit, 'knee_angle_deg', new.knee_angle_deg,
                       'velocity_deg_s', new.velocity_deg_s, 'lever_arm_m', new.lever_arm_m,
                       'fixation', new.fixation, 'baseline', new.baseline,
                       'deleted_at', new.deleted_at, 'deleted_by', new.deleted_by),
          vastus_app_version ());
END;

CREATE TRIGGER measurement_audit_update AFTER UPDATE ON measurement
BEGIN
  INSERT INTO audit_log (actor, table_name, row_id, operation, old_json, new_json, app_version)
  VALUES (vastus_actor (), 'measurement', new.id, 'update',
          json_object ('id', old.id, 'visit_id', old.visit_id, 'measure', old.measure,
                       'side', old.side, 'trial', old.trial, 'value', old.value,
                       'unit', old.unit, 'knee_angle_deg', old.knee_angle_deg,
                       'velocity_deg_s', old.velocity_deg_s, 'lever_arm_m', old.lever_arm_m,
                       'fixation', old.fixation, 'baseline', old.baseline,
                       'deleted_at', old.deleted_at, 'deleted_by', old.deleted_by),
          json_object ('id', new.id, 'visit_id', new.visit_id, 'measure', new.measure,
                       'side', new.side, 'trial', new.trial, 'value', new.value,
                       'unit', new.unit, 'knee_angle_deg', new.knee_angle_deg,
                       'velocity_deg_s', new.velocity_deg_s, 'lever_arm_m', new.lever_arm_m,
                       'fixation', new.fixation, 'baseline', new.baseline,
                       'deleted_at', new.deleted_at, 'deleted_by', new.deleted_by),
          vastus_app_version ());
END;

CREATE TRIGGER measurement_audit_delete AFTER DELETE ON measurement
BEGIN
  INSERT INTO audit_log (actor, table_name, row_id, operation, old_json, new_json, app_version)
  VALUES (vastus_actor (), 'measurement', old.id, 'delete',
          json_object ('id', old.id, 'visit_id', old.visit_id, 'measure', old.measure,
                       'side', old.side, 'trial', old.trial, 'value', old.value,
                       'unit', old.unit, 'knee_angle_deg', old.knee_angle_deg,
                       'velocity_deg_s', old.velocity_deg_s, 'lever_arm_m', old.lever_arm_m,
                       'fixation', old.fixation, 'baseline', old.baseline,
                       'deleted_at', old.deleted_at, 'deleted_by', old.deleted_by),
          NULL, vastus_app_version ());
END;
