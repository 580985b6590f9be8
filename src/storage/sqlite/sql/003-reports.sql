-- 003-reports.sql: the record of every exported report, and study codes for de-identified exports.
--
-- A report row says what was handed out: when and by whom, for which patient and episode, against
-- which criteria set version, the file's name and SHA-256, whether it was de-identified, the paper
-- and the therapist's narrative. Rows are never updated (a trigger refuses it); they go only with
-- their patient or episode (demo removal).
--
-- A study code stands for a patient in de-identified exports. It is random, never derived from the
-- MRN (a small ID space is brute-forceable, data-safety.md §3.7), and this table is the only
-- mapping back: it stays in the clinic's database.

CREATE TABLE report (
  id                    INTEGER PRIMARY KEY,
  created_at            TEXT NOT NULL DEFAULT (strftime ('%Y-%m-%dT%H:%M:%fZ', 'now')),
  actor                 TEXT,
  patient_id            INTEGER NOT NULL REFERENCES patient (id) ON DELETE CASCADE,
  episode_id            INTEGER REFERENCES episode (id) ON DELETE CASCADE,
  criteria_set_id       TEXT,
  criteria_set_version  INTEGER CHECK (criteria_set_version IS NULL OR criteria_set_version >= 1),
  report_date           TEXT NOT NULL
                        CHECK (report_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  file_name             TEXT NOT NULL CHECK (length (file_name) > 0),
  sha256                TEXT NOT NULL
                        CHECK (length (sha256) = 64 AND sha256 NOT GLOB '*[^0-9a-f]*'),
  deidentified          INTEGER NOT NULL DEFAULT 0 CHECK (deidentified IN (0, 1)),
  paper                 TEXT NOT NULL CHECK (paper IN ('a4', 'letter')),
  narrative             TEXT
) STRICT;

CREATE INDEX report_by_patient ON report (patient_id, id);
CREATE INDEX report_by_episode ON report (episode_id);

CREATE TRIGGER report_no_update BEFORE UPDATE ON report
BEGIN
  SELECT RAISE (ABORT, 'reports are a record: they cannot be changed');
END;

CREATE TABLE study_code (
  patient_id  INTEGER PRIMARY KEY REFERENCES patient (id) ON DELETE CASCADE,
  code        TEXT NOT NULL UNIQUE CHECK (length (code) BETWEEN 4 AND 32),
  created_at  TEXT NOT NULL DEFAULT (strftime ('%Y-%m-%dT%H:%M:%fZ', 'now'))
) STRICT;
