-- 013-baseline.sql: the Vastus schema on PostgreSQL 15, equal to the SQLite schema at version 13
-- (src/storage/sql/001 … 013; README.md beside this file says how the two are kept equal).
--
-- Run by `vastus-cli server init` in an empty database, in one transaction under the schema's
-- advisory lock (server-init.sql), as the role that will own the schema (never a clinician).
-- The conventions are SQLite's, so that the stores' SQL runs on both: integers are bigint, REAL
-- is double precision, booleans are 0/1 integers, dates are 'YYYY-MM-DD' text and timestamps
-- 'YYYY-MM-DDTHH:MM:SS.sssZ' text (UTC, milliseconds), as the stores bind and read them. The
-- CHECKs are SQLite's, written with PostgreSQL's functions (GLOB patterns as regular
-- expressions). The rules SQLite keeps in triggers are PL/pgSQL triggers here, with SQLite's
-- names and messages; the audit trail is written by the server with the login (session_user)
-- as actor.

-- Functions the columns and triggers use (SQLite has them built in or from the application).

-- strftime ('%Y-%m-%dT%H:%M:%fZ', 'now'): the statement's time, UTC, milliseconds.
CREATE FUNCTION vastus_now () RETURNS text
LANGUAGE sql STABLE PARALLEL SAFE
RETURN to_char (statement_timestamp () AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"');

-- x GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]' AND date (x, '+0 days') IS x: a calendar
-- date of the proleptic Gregorian calendar, years 0000 to 9999 as SQLite reads them. (CASE, not
-- AND: the digits are read only once the pattern holds.)
CREATE FUNCTION vastus_is_date (x text) RETURNS boolean
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
RETURN CASE WHEN x !~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' THEN false
            ELSE substr (x, 6, 2)::int BETWEEN 1 AND 12
                 AND substr (x, 9, 2)::int BETWEEN 1
                     AND CASE WHEN substr (x, 6, 2)::int IN (4, 6, 9, 11) THEN 30
                              WHEN substr (x, 6, 2)::int <> 2 THEN 31
                              WHEN substr (x, 1, 4)::int % 4 = 0
                                   AND (substr (x, 1, 4)::int % 100 <> 0
                                        OR substr (x, 1, 4)::int % 400 = 0)
                              THEN 29 ELSE 28 END END;

-- json_valid (x) AND json_type (x) = 'array'.
CREATE FUNCTION vastus_is_json_array (x text) RETURNS boolean
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE
AS $$
BEGIN
  RETURN json_typeof (x::json) = 'array';
EXCEPTION WHEN invalid_text_representation THEN
  RETURN false;
END
$$;

-- vastus_real_json (x) (vastus-schema-functions.c): a double as the JSON number text the SQLite
-- triggers write, the shortest decimal that reads back as the same double, with ".0" when it
-- has neither a point nor an exponent (155.0, 13.344664845781498, 1e-05). PostgreSQL's float8
-- output with extra_float_digits = 1 is that shortest round-trip form.
CREATE FUNCTION vastus_real_json (x double precision) RETURNS text
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
SET extra_float_digits = 1
AS $$
DECLARE
  t text;
BEGIN
  IF x IS NULL OR x = 'Infinity' OR x = '-Infinity' OR x = 'NaN' THEN
    RETURN NULL;
  END IF;
  t := x::text;
  IF strpos (t, '.') = 0 AND strpos (t, 'e') = 0 THEN
    t := t || '.0';
  END IF;
  RETURN t;
END
$$;

-- The version of the program that writes: each Vastus sets vastus.app_version on its session
-- (SET vastus.app_version = '…'); a write from another client records 'unknown client'.
CREATE FUNCTION vastus_app_version () RETURNS text
LANGUAGE sql STABLE PARALLEL SAFE
RETURN coalesce (nullif (current_setting ('vastus.app_version', true), ''), 'unknown client');

-- The patients' search words (vastus_search_words in vastus-schema-functions.c): the name's
-- words, and the parts of those with - or ', and the whole MRN, each decomposed (NFKD), without
-- combining marks and in lower case. PostgreSQL has no case folding: lower () under ICU's root
-- locale stands for g_utf8_casefold (they differ for a few letters, e.g. ß, which folds to ss),
-- and the combining marks are those of the Unicode blocks for them.
CREATE FUNCTION vastus_search_fold (x text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN lower (regexp_replace (normalize (coalesce (x, ''), NFKD),
                              '[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]',
                              '', 'g') COLLATE "und-x-icu");

CREATE FUNCTION vastus_search_words (name text, mrn text) RETURNS SETOF text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
  SELECT w FROM regexp_split_to_table (vastus_search_fold (name), '[ \t\r\n]') AS w WHERE w <> ''
  UNION ALL
  SELECT p FROM regexp_split_to_table (vastus_search_fold (name), '[ \t\r\n]') AS w,
                regexp_split_to_table (w, '[''-]') AS p
   WHERE w ~ '[''-]' AND p <> ''
  UNION ALL
  SELECT m FROM btrim (vastus_search_fold (mrn), E' \t\n\r\f\v') AS m WHERE m <> ''
$$;

-- SQLite gives a row without an id the largest id plus one; an identity column here counts on
-- from its own sequence, which rows written with their ids (a copy from SQLite, a restore) leave
-- behind. This moves every identity of the schema past the largest id there is.
CREATE FUNCTION vastus_reset_identities () RETURNS void
LANGUAGE plpgsql SECURITY DEFINER
SET search_path FROM CURRENT
AS $$
DECLARE
  c record;
  top bigint;
BEGIN
  FOR c IN SELECT a.attrelid::regclass AS tbl, a.attname AS col
             FROM pg_attribute a JOIN pg_class r ON r.oid = a.attrelid
             JOIN pg_namespace n ON n.oid = r.relnamespace
            WHERE a.attidentity <> '' AND n.nspname = current_schema () AND r.relkind = 'r'
  LOOP
    EXECUTE format ('SELECT max (%I) FROM %s', c.col, c.tbl) INTO top;
    PERFORM setval (pg_get_serial_sequence (c.tbl::text, c.col), coalesce (top, 0) + 1, false);
  END LOOP;
END
$$;

-- The tables, as SQLite version 13 has them (the column order too).

CREATE TABLE patient (
  id          bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  mrn         text NOT NULL UNIQUE
              CHECK (length (mrn) BETWEEN 1 AND 64 AND trim (mrn) = mrn),
  name        text NOT NULL CHECK (length (trim (name)) > 0),
  birth_date  text CHECK (birth_date IS NULL OR vastus_is_date (birth_date)),
  sex         text NOT NULL DEFAULT 'unknown'
              CHECK (sex IN ('unknown', 'female', 'male', 'other')),
  notes       text,
  archived    bigint NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)),
  demo        bigint NOT NULL DEFAULT 0 CHECK (demo IN (0, 1)),
  created_at  text NOT NULL DEFAULT vastus_now (),
  updated_at  text NOT NULL DEFAULT vastus_now (),
  family_name text CHECK (family_name IS NULL OR length (trim (family_name)) > 0),
  given_name  text
);

CREATE INDEX patient_demo ON patient (demo) WHERE demo = 1;
-- SQLite: (archived, family_name COLLATE NOCASE, given_name COLLATE NOCASE, id); NOCASE folds
-- ASCII letters only, which lower () under the C collation does too.
CREATE INDEX patient_by_family_name
  ON patient (archived, lower (family_name COLLATE "C"), lower (given_name COLLATE "C"), id);

CREATE TABLE patient_word (
  word        text NOT NULL,
  patient_id  bigint NOT NULL REFERENCES patient (id) ON DELETE CASCADE,
  PRIMARY KEY (word, patient_id)
);

CREATE INDEX patient_word_by_patient ON patient_word (patient_id);

CREATE TABLE patient_stats (
  patient_id  bigint PRIMARY KEY REFERENCES patient (id) ON DELETE CASCADE,
  last_visit  text,
  n_visits    bigint NOT NULL DEFAULT 0 CHECK (n_visits >= 0),
  archived    bigint NOT NULL DEFAULT 0 CHECK (archived IN (0, 1))
);

CREATE INDEX patient_stats_by_last_visit
  ON patient_stats (archived, (last_visit IS NULL), last_visit DESC);

CREATE TABLE episode (
  id                  bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  patient_id          bigint NOT NULL REFERENCES patient (id),
  condition           text NOT NULL
                      CHECK (condition IN ('aclr', 'acl_nonoperative', 'pfp', 'tka', 'meniscus',
                                           'patellar_instability', 'other')),
  involved_side       text NOT NULL CHECK (involved_side IN ('left', 'right', 'both')),
  injury_date         text CHECK (injury_date IS NULL OR vastus_is_date (injury_date)),
  surgery_date        text CHECK (surgery_date IS NULL OR vastus_is_date (surgery_date)),
  surgeon             text,
  procedure_details   text,
  restrictions        text,
  no_max_test_before  text CHECK (no_max_test_before IS NULL OR vastus_is_date (no_max_test_before)),
  criteria_set        text CHECK (criteria_set IS NULL OR length (criteria_set) > 0),
  created_at          text NOT NULL DEFAULT vastus_now (),
  updated_at          text NOT NULL DEFAULT vastus_now (),
  deleted_at          text,
  deleted_by          text CHECK ((deleted_at IS NULL) = (deleted_by IS NULL))
);

CREATE INDEX episode_by_patient ON episode (patient_id);

CREATE TABLE visit (
  id            bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  episode_id    bigint NOT NULL REFERENCES episode (id),
  date          text NOT NULL CHECK (vastus_is_date (date)),
  clinician     text,
  body_mass_kg  double precision CHECK (body_mass_kg IS NULL OR (body_mass_kg > 0 AND body_mass_kg < 1000)),
  height_cm     double precision CHECK (height_cm IS NULL OR (height_cm > 0 AND height_cm < 300)),
  notes         text,
  findings      bigint NOT NULL DEFAULT 0 CHECK (findings BETWEEN 0 AND 65535),
  created_at    text NOT NULL DEFAULT vastus_now (),
  updated_at    text NOT NULL DEFAULT vastus_now (),
  deleted_at    text,
  deleted_by    text,
  CHECK ((deleted_at IS NULL) = (deleted_by IS NULL))
);

CREATE INDEX visit_by_episode ON visit (episode_id, deleted_at, date);

CREATE TABLE measurement (
  id              bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  visit_id        bigint NOT NULL REFERENCES visit (id),
  measure         text NOT NULL CHECK (length (measure) BETWEEN 1 AND 64),
  side            text NOT NULL CHECK (side IN ('none', 'left', 'right')),
  trial           bigint NOT NULL CHECK (trial BETWEEN 1 AND 100),
  value           double precision NOT NULL CHECK (value > -1e9 AND value < 1e9),
  unit            text CHECK (unit IS NULL OR length (unit) BETWEEN 1 AND 16),
  knee_angle_deg  double precision CHECK (knee_angle_deg IS NULL OR knee_angle_deg BETWEEN -180 AND 360),
  velocity_deg_s  double precision CHECK (velocity_deg_s IS NULL OR velocity_deg_s BETWEEN 0 AND 10000),
  lever_arm_m     double precision CHECK (lever_arm_m IS NULL OR (lever_arm_m > 0 AND lever_arm_m < 10)),
  fixation        text,
  baseline        bigint NOT NULL DEFAULT 0 CHECK (baseline IN (0, 1)),
  created_at      text NOT NULL DEFAULT vastus_now (),
  updated_at      text NOT NULL DEFAULT vastus_now (),
  deleted_at      text,
  deleted_by      text,
  CHECK ((deleted_at IS NULL) = (deleted_by IS NULL))
);

CREATE INDEX measurement_by_visit ON measurement (visit_id);
CREATE UNIQUE INDEX measurement_one_per_trial
  ON measurement (visit_id, measure, side, trial) WHERE deleted_at IS NULL;

-- The audit trail: appended by the server only (vastus_audit_append below), never altered.
CREATE TABLE audit_log (
  id           bigint PRIMARY KEY,
  at           text NOT NULL DEFAULT vastus_now (),
  actor        text NOT NULL,
  table_name   text NOT NULL,
  row_id       bigint NOT NULL,
  operation    text NOT NULL CHECK (operation IN ('insert', 'update', 'delete')),
  old_json     text,
  new_json     text,
  app_version  text NOT NULL,
  hash         text CHECK (hash IS NULL OR hash ~ '^[0-9a-f]{64}$')
);

CREATE INDEX audit_log_by_row ON audit_log (table_name, row_id);

-- rowid: SQLite's implicit row number of this table (its key is (id, version)), which the
-- audit trail names as the row; here a column of its own.
CREATE TABLE criteria_set (
  id          text NOT NULL CHECK (length (id) BETWEEN 1 AND 64),
  version     bigint NOT NULL CHECK (version >= 1),
  title       text NOT NULL CHECK (length (title) > 0),
  source      text,
  notes       text,
  conditions  text NOT NULL DEFAULT '',
  builtin     bigint NOT NULL DEFAULT 0 CHECK (builtin IN (0, 1)),
  based_on    text,
  created     text NOT NULL DEFAULT vastus_now (),
  actor       text,
  rowid       bigint GENERATED BY DEFAULT AS IDENTITY UNIQUE,
  PRIMARY KEY (id, version)
);

CREATE TABLE criterion (
  set_id          text NOT NULL,
  set_version     bigint NOT NULL,
  position        bigint NOT NULL CHECK (position >= 1),
  id              text NOT NULL CHECK (length (id) BETWEEN 1 AND 64),
  label           text NOT NULL CHECK (length (label) > 0),
  metric          text NOT NULL CHECK (metric IN ('lsi', 'epic', 'value', 'difference', 'weeks',
                                                  'normalized', 'percent_height', 'ratio')),
  measures        text NOT NULL DEFAULT '',
  side            text NOT NULL DEFAULT 'involved' CHECK (side IN ('involved', 'uninvolved')),
  comparator      text NOT NULL CHECK (comparator IN ('>', '>=', '<', '<=')),
  threshold       double precision NOT NULL,
  unit            text,
  sex             text CHECK (sex IS NULL OR sex IN ('female', 'male')),
  source          text,
  velocity_deg_s  double precision
                  CHECK (velocity_deg_s IS NULL OR (velocity_deg_s > 0 AND velocity_deg_s <= 600)),
  PRIMARY KEY (set_id, set_version, position),
  UNIQUE (set_id, set_version, id),
  FOREIGN KEY (set_id, set_version) REFERENCES criteria_set (id, version)
);

CREATE TABLE evaluation (
  id             bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  episode_id     bigint NOT NULL REFERENCES episode (id),
  set_id         text NOT NULL,
  set_version    bigint NOT NULL,
  as_of          text NOT NULL CHECK (vastus_is_date (as_of)),
  at             text NOT NULL DEFAULT vastus_now (),
  actor          text NOT NULL,
  met            bigint NOT NULL CHECK (met >= 0),
  not_met        bigint NOT NULL CHECK (not_met >= 0),
  not_tested     bigint NOT NULL CHECK (not_tested >= 0),
  all_met        bigint NOT NULL CHECK (all_met IN (0, 1)),
  max_age_weeks  double precision CHECK (max_age_weeks IS NULL OR max_age_weeks >= 0),
  ready          bigint CHECK (ready IS NULL OR ready IN (0, 1)),
  FOREIGN KEY (set_id, set_version) REFERENCES criteria_set (id, version)
);

CREATE INDEX evaluation_by_episode ON evaluation (episode_id, at);

CREATE TABLE report (
  id                    bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  created_at            text NOT NULL DEFAULT vastus_now (),
  actor                 text,
  patient_id            bigint NOT NULL REFERENCES patient (id) ON DELETE CASCADE,
  episode_id            bigint REFERENCES episode (id) ON DELETE CASCADE,
  criteria_set_id       text,
  criteria_set_version  bigint CHECK (criteria_set_version IS NULL OR criteria_set_version >= 1),
  report_date           text NOT NULL CHECK (report_date ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'),
  file_name             text NOT NULL CHECK (length (file_name) > 0),
  sha256                text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  deidentified          bigint NOT NULL DEFAULT 0 CHECK (deidentified IN (0, 1)),
  paper                 text NOT NULL CHECK (paper IN ('a4', 'letter')),
  narrative             text
);

CREATE INDEX report_by_patient ON report (patient_id, id);
CREATE INDEX report_by_episode ON report (episode_id);

CREATE TABLE study_code (
  patient_id  bigint PRIMARY KEY REFERENCES patient (id) ON DELETE CASCADE,
  code        text NOT NULL UNIQUE CHECK (length (code) BETWEEN 4 AND 32),
  created_at  text NOT NULL DEFAULT vastus_now ()
);

CREATE TABLE visit_draft (
  id          bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  episode_id  bigint NOT NULL REFERENCES episode (id) ON DELETE CASCADE,
  visit_id    bigint REFERENCES visit (id) ON DELETE CASCADE,
  state       text NOT NULL,
  saved_at    text NOT NULL DEFAULT vastus_now (),
  actor       text
);

CREATE UNIQUE INDEX visit_draft_by_visit ON visit_draft (episode_id, coalesce (visit_id, 0));

CREATE TABLE questionnaire (
  id          bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  visit_id    bigint NOT NULL REFERENCES visit (id),
  instrument  text NOT NULL CHECK (length (instrument) BETWEEN 1 AND 32),
  entered_by  text NOT NULL CHECK (entered_by IN ('staff', 'patient', 'import')),
  created_at  text NOT NULL DEFAULT vastus_now (),
  deleted_at  text,
  deleted_by  text,
  CHECK ((deleted_at IS NULL) = (deleted_by IS NULL))
);

CREATE UNIQUE INDEX questionnaire_live ON questionnaire (visit_id, instrument)
  WHERE deleted_at IS NULL;

CREATE TABLE questionnaire_answer (
  questionnaire_id  bigint NOT NULL REFERENCES questionnaire (id),
  item              text NOT NULL CHECK (length (item) BETWEEN 1 AND 16),
  points            bigint NOT NULL CHECK (points BETWEEN 0 AND 100),
  PRIMARY KEY (questionnaire_id, item)
);

CREATE TABLE questionnaire_score (
  measurement_id    bigint PRIMARY KEY REFERENCES measurement (id),
  questionnaire_id  bigint NOT NULL REFERENCES questionnaire (id)
);

CREATE INDEX questionnaire_score_by_questionnaire ON questionnaire_score (questionnaire_id);

CREATE TABLE questionnaire_mic (
  measure     text PRIMARY KEY CHECK (length (measure) BETWEEN 1 AND 64),
  mic         double precision NOT NULL CHECK (mic > 0 AND mic <= 100),
  updated_at  text NOT NULL DEFAULT vastus_now (),
  updated_by  text
);

CREATE TABLE questionnaire_wording (
  instrument  text NOT NULL CHECK (length (instrument) BETWEEN 1 AND 32),
  item        text NOT NULL CHECK (length (item) BETWEEN 1 AND 16),
  question    text NOT NULL CHECK (length (question) BETWEEN 1 AND 2000),
  answers     text NOT NULL DEFAULT '[]' CHECK (vastus_is_json_array (answers)),
  loaded_at   text NOT NULL DEFAULT vastus_now (),
  PRIMARY KEY (instrument, item)
);

CREATE TABLE clinic_pin (
  id      bigint PRIMARY KEY CHECK (id = 1),
  hash    text NOT NULL CHECK (length (hash) BETWEEN 20 AND 512 AND substr (hash, 1, 1) = '$'),
  set_at  text NOT NULL DEFAULT vastus_now (),
  set_by  text
);

CREATE TABLE schema_upgrade_note (
  id              bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  schema_version  bigint NOT NULL,
  at              text NOT NULL DEFAULT vastus_now (),
  table_name      text NOT NULL,
  row_id          bigint,
  message         text NOT NULL
);

CREATE TABLE schema_info (
  id       bigint PRIMARY KEY CHECK (id = 1),
  version  bigint NOT NULL CHECK (version >= 1)
);

-- The last row written: last_id 0 and no hash while the trail is empty.
CREATE TABLE audit_head (
  id       bigint PRIMARY KEY CHECK (id = 1),
  last_id  bigint NOT NULL CHECK (last_id >= 0),
  hash     text CHECK (hash IS NULL OR length (hash) = 64)
);

INSERT INTO audit_head (id, last_id, hash) VALUES (1, 0, NULL);

CREATE VIEW audit_append (actor, table_name, row_id, operation, old_json, new_json) AS
  SELECT actor, table_name, row_id, operation, old_json, new_json FROM audit_log WHERE false;

CREATE TABLE import_profile (
  id          bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  code        text NOT NULL UNIQUE
              CHECK (length (code) BETWEEN 1 AND 64 AND code ~ '^[a-z0-9_-]*$'
                     AND code NOT IN ('nordbord', 'forceframe')),
  name        text NOT NULL CHECK (length (name) BETWEEN 1 AND 200),
  key_file    text NOT NULL CHECK (length (key_file) BETWEEN 1 AND 100000),
  saved_at    text NOT NULL DEFAULT vastus_now ()
);

CREATE TABLE patient_name_review (
  patient_id  bigint PRIMARY KEY REFERENCES patient (id) ON DELETE CASCADE,
  written     text NOT NULL,
  reason      text NOT NULL CHECK (reason IN ('one_word', 'several_words', 'empty')),
  created_at  text NOT NULL DEFAULT vastus_now ()
);

CREATE TABLE visit_template (
  id          bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  code        text UNIQUE CHECK (code IS NULL OR (length (code) BETWEEN 1 AND 64
                                                  AND code ~ '^[a-z0-9-]*$')),
  name        text NOT NULL CHECK (length (trim (name)) BETWEEN 1 AND 100),
  condition   text CHECK (condition IS NULL
                          OR condition IN ('aclr', 'acl_nonoperative', 'pfp', 'tka', 'meniscus',
                                           'patellar_instability', 'other')),
  from_week   bigint NOT NULL DEFAULT 0 CHECK (from_week BETWEEN 0 AND 520),
  to_week     bigint CHECK (to_week IS NULL OR (to_week > from_week AND to_week <= 520)),
  source      text,
  builtin     bigint NOT NULL DEFAULT 0 CHECK (builtin IN (0, 1)),
  deleted     bigint NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
  saved_at    text NOT NULL DEFAULT vastus_now (),
  CHECK (builtin = 0 OR (code IS NOT NULL AND deleted = 0))
);

CREATE TABLE visit_template_item (
  template_id  bigint NOT NULL REFERENCES visit_template (id),
  position     bigint NOT NULL CHECK (position >= 1),
  measure      text NOT NULL CHECK (length (measure) BETWEEN 1 AND 64),
  trials       bigint NOT NULL DEFAULT 1 CHECK (trials BETWEEN 1 AND 100),
  unit         text CHECK (unit IS NULL OR length (unit) BETWEEN 1 AND 16),
  PRIMARY KEY (template_id, position),
  UNIQUE (template_id, measure)
);

CREATE TABLE visit_template_use (
  visit_id     bigint PRIMARY KEY REFERENCES visit (id) ON DELETE CASCADE,
  template_id  bigint NOT NULL REFERENCES visit_template (id)
);

CREATE INDEX visit_template_use_by_template ON visit_template_use (template_id);

-- The built-in criteria sets (002, 006) and test batteries (013), as SQLite's migrations leave
-- them, before the triggers that refuse built-in rows exist. tests/test-pg-schema.py compares
-- them with a new SQLite database's.

INSERT INTO criteria_set (id, version, title, source, notes, conditions, builtin, based_on) VALUES
  ('aclr-late-phase', 1, 'ACL reconstruction: late-phase gate before running and gym progression', 'Delaware ACLR rehabilitation milestones (clinical-reference.md §3.2): Delaware ACLR practice guideline, https://www.readkong.com/page/rehabilitation-after-acl-reconstruction-practice-guidelines-1979155; Delaware milestones as quoted by the TCD trial protocol, https://sites.google.com/tcd.ie/mcphasedaclrehab/home/control-group [secondary]', 'Quadriceps index above 80 % as in the late-phase row of §3.2 (the pre-operative goal is ≥ 80 %). Full range of motion compared with the other knee is read as extension symmetric (difference ≤ 0°) and flexion within 10°. Normal gait cannot be measured with the catalog and is left out.', 'aclr', 1, NULL),
  ('aclr-return-to-running', 1, 'ACL reconstruction: return to running', 'Rambaud 2018 scoping review (clinical-reference.md §3.5): Rambaud 2018, Br J Sports Med 52:1437, https://bjsm.bmj.com/content/52/22/1437.long; https://mednev.com/acl-rehab-when-can-i-run-again [secondary]; https://www.medicalalgorithms.com/criteria-of-rambaud-et-al-for-the-return-to-running-after-anterior-cruciate-ligament-reconstruction', 'The median 12 weeks reported is used as a minimum. Range of motion “full or above 95 % of the non-injured knee” is read as flexion LSI above 95 % and extension symmetric. Valgus on step-down is used when no single-leg squat was recorded (“single-leg squat or step-up”).', 'aclr', 1, NULL),
  ('aclr-return-to-sport', 1, 'Delaware-Oslo return-to-sport criteria', 'Delaware-Oslo ACL cohort (clinical-reference.md §3.1): Grindem 2016, https://bjsm.bmj.com/content/50/13/804.abstract; Adams 2012 Table 5, https://pmc.ncbi.nlm.nih.gov/articles/PMC3576892/table/T5; Grindem 2020, https://pmc.ncbi.nlm.nih.gov/articles/PMC7442843. Thresholds are ≥ 90 as in the 2012 table and the 2020 follow-up (the 2016 abstract says > 90).', 'Quadriceps index from MVIC, else isokinetic 60°/s, else hand-held dynamometer. The timed hop LSI is uninvolved time / involved time. Clinical impairments (full symmetric ROM, minimal effusion, no soreness) are checked by aclr-late-phase. Return to level I sport is advised no earlier than 9 months.', 'aclr acl_nonoperative', 1, NULL),
  ('aclr-gokeler', 1, 'Gokeler / Welling return-to-sport battery', 'Gokeler 2017 / Welling 2018 (clinical-reference.md §3.6): Gokeler 2017, https://pmc.ncbi.nlm.nih.gov/articles/PMC5315711; Welling 2018, https://pmc.ncbi.nlm.nih.gov/articles/PMC6267144', 'LESS below 5 and IKDC at or above the 15th percentile of age and sex norms cannot be measured with the catalog and are left out. The H:Q ratio has a threshold for women and one for men; when the patient''s sex is not recorded as female or male both are listed and not tested.', 'aclr', 1, NULL),
  ('pfp-return-to-activity', 1, 'Patellofemoral pain: return to activity', 'Suggested default PFP set (clinical-reference.md §3.11) [background, to be confirmed by a clinician]; Willy 2019 CPG, https://it.scribd.com/document/432380294/jospt-2019-0302-pdf; Treatment success AKPS ≥ +8, https://nata.kglmeridian.com/view/journals/attr/53/6/article-p545.xml', 'Hip strength above normative %BW has no normative value in the reference and is left out. The Kujala change is now minus the baseline-marked value, else the episode''s first recorded value. When both knees are involved the LSI criteria are not tested and the valgus criteria read both legs.', 'pfp', 1, NULL),
  ('tka-milestones', 1, 'Knee arthroplasty milestones', 'Knee arthroplasty (clinical-reference.md §3.10): Ebert 2014, Arch Phys Med Rehabil 95:1135, https://tr.scribd.com/document/301436009/2014-Guidelines-RTC-Flexion-Activa; APTA TKA CPG summary, https://www.guidelinecentral.com/guideline/300177/pocket-guide/1062057/', 'Flexion milestones from Ebert 2014; the week targets are read from the first-met dates. The CPG outcome set (KOOS JR, 30 s chair stand, TUG at the first and last visit) has no threshold and KOOS JR is not in the catalog, so none is a criterion. Return to work (mean 7.7 weeks) is an outcome, not a criterion.', 'tka', 1, NULL),
  ('aclr-late-phase', 2, 'ACL reconstruction: late-phase gate before running and gym progression', 'Delaware ACLR rehabilitation milestones (clinical-reference.md §3.2): Delaware ACLR practice guideline, https://www.readkong.com/page/rehabilitation-after-acl-reconstruction-practice-guidelines-1979155; Delaware milestones as quoted by the TCD trial protocol, https://sites.google.com/tcd.ie/mcphasedaclrehab/home/control-group [secondary]', 'Quadriceps index above 80 % as in the late-phase row of §3.2 (the pre-operative goal is ≥ 80 %). The gate''s full range of motion compared with the other knee is read as the return-to-running set reads it (Rambaud 2018, §3.5): extension symmetric (difference ≤ 0°) and flexion above 95 % of the other knee. Version 1 asked for flexion within 10°, which is the Delaware pre-operative goal, not this gate. Normal gait cannot be measured with the catalog and is left out.', 'aclr', 1, NULL),
  ('aclr-return-to-sport', 2, 'Delaware-Oslo return-to-sport criteria', 'Delaware-Oslo ACL cohort (clinical-reference.md §3.1): Grindem 2016, https://bjsm.bmj.com/content/50/13/804.abstract; Adams 2012 Table 5, https://pmc.ncbi.nlm.nih.gov/articles/PMC3576892/table/T5; Grindem 2020, https://pmc.ncbi.nlm.nih.gov/articles/PMC7442843; Delaware-Oslo clinical impairments, http://dx.doi.org/10.1007/978-3-662-55713-6_10. Thresholds are ≥ 90 as in the 2012 table and the 2020 follow-up (the 2016 abstract says > 90).', 'Quadriceps index from MVIC, else isokinetic 60°/s, else hand-held dynamometer (named with the result; one without a belt or frame holds the verdict). The timed hop LSI is uninvolved time / involved time. 12 weeks is the minimum to begin a return-to-sport progression (Adams 2012 Table 5), not to return: 39 weeks (9 months) is the earliest return the source advises (Grindem 2016: each month of delay up to 9 months cut the reinjury rate by 51 %). The clinical impairments of §3.1 are criteria: full symmetric range of motion read as in aclr-return-to-running (flexion LSI above 95 %, extension difference ≤ 0°) and minimal to no effusion as trace or less. Joint soreness is left to the safety rules (the pain flag).', 'aclr acl_nonoperative', 1, NULL),
  ('aclr-gokeler', 2, 'Gokeler / Welling return-to-sport battery (partial: without the IKDC norm)', 'Gokeler 2017 / Welling 2018 (clinical-reference.md §3.6): Gokeler 2017, https://pmc.ncbi.nlm.nih.gov/articles/PMC5315711; Welling 2018, https://pmc.ncbi.nlm.nih.gov/articles/PMC6267144', 'Partial: the published battery also asks for an IKDC score at or above the 15th percentile of age- and sex-matched norms (Anderson 2006). Vastus does not carry that normative table, so this set is not the whole battery and its verdict cannot stand for it. LESS below 5 errors reads less_score (the mean of the jumps). The H:Q ratio has a threshold for women and one for men; when the patient''s sex is not recorded as female or male both are listed and not tested.', 'aclr', 1, NULL);

INSERT INTO criterion (set_id, set_version, position, id, label, metric, measures, side, comparator, threshold, unit, sex, source, velocity_deg_s) VALUES
  ('aclr-late-phase', 1, 1, 'quadriceps-index', 'Quadriceps index above 80 %', 'lsi', 'quadriceps_mvic quadriceps_isokinetic_60 quadriceps_hhd', 'involved', '>', 80.0, '%', NULL, 'Delaware milestones as quoted by the TCD trial protocol, https://sites.google.com/tcd.ie/mcphasedaclrehab/home/control-group [secondary]', NULL),
  ('aclr-late-phase', 1, 2, 'effusion-trace', 'Effusion trace or less', 'value', 'effusion_stroke', 'involved', '<=', 1.0, 'grade', NULL, 'Delaware milestones as quoted by the TCD trial protocol, https://sites.google.com/tcd.ie/mcphasedaclrehab/home/control-group [secondary]', NULL),
  ('aclr-late-phase', 1, 3, 'extension-symmetric', 'Knee extension symmetric with the other knee', 'difference', 'knee_extension', 'involved', '<=', 0.0, 'deg', NULL, 'Delaware ACLR practice guideline, https://www.readkong.com/page/rehabilitation-after-acl-reconstruction-practice-guidelines-1979155', NULL),
  ('aclr-late-phase', 1, 4, 'flexion-within-10', 'Knee flexion within 10° of the other knee', 'difference', 'knee_flexion', 'involved', '<=', 10.0, 'deg', NULL, 'Delaware ACLR practice guideline, https://www.readkong.com/page/rehabilitation-after-acl-reconstruction-practice-guidelines-1979155', NULL),
  ('aclr-late-phase', 1, 5, 'no-extension-lag', 'No extension lag', 'value', 'extension_lag', 'involved', '<=', 0.0, 'deg', NULL, 'Delaware ACLR practice guideline, https://www.readkong.com/page/rehabilitation-after-acl-reconstruction-practice-guidelines-1979155', NULL),
  ('aclr-return-to-running', 1, 1, 'weeks', 'At least 12 weeks since surgery', 'weeks', '', 'involved', '>=', 12.0, 'weeks', NULL, 'Rambaud 2018, Br J Sports Med 52:1437, https://bjsm.bmj.com/content/52/22/1437.long; https://mednev.com/acl-rehab-when-can-i-run-again [secondary]', NULL),
  ('aclr-return-to-running', 1, 2, 'pain', 'Pain below 2/10', 'value', 'pain_nrs', 'involved', '<', 2.0, 'points', NULL, 'Rambaud 2018, Br J Sports Med 52:1437, https://bjsm.bmj.com/content/52/22/1437.long; https://mednev.com/acl-rehab-when-can-i-run-again [secondary]', NULL),
  ('aclr-return-to-running', 1, 3, 'flexion-lsi', 'Knee flexion above 95 % of the other knee', 'lsi', 'knee_flexion', 'involved', '>', 95.0, '%', NULL, 'Rambaud 2018, Br J Sports Med 52:1437, https://bjsm.bmj.com/content/52/22/1437.long; https://mednev.com/acl-rehab-when-can-i-run-again [secondary]', NULL),
  ('aclr-return-to-running', 1, 4, 'extension-full', 'Full active extension, symmetric with the other knee', 'difference', 'knee_extension', 'involved', '<=', 0.0, 'deg', NULL, 'Rambaud 2018, Br J Sports Med 52:1437, https://bjsm.bmj.com/content/52/22/1437.long; https://mednev.com/acl-rehab-when-can-i-run-again [secondary]', NULL),
  ('aclr-return-to-running', 1, 5, 'effusion-none', 'No effusion', 'value', 'effusion_stroke', 'involved', '<=', 0.0, 'grade', NULL, 'Rambaud 2018, Br J Sports Med 52:1437, https://bjsm.bmj.com/content/52/22/1437.long; https://mednev.com/acl-rehab-when-can-i-run-again [secondary]', NULL),
  ('aclr-return-to-running', 1, 6, 'quadriceps-lsi', 'Quadriceps strength LSI above 70 %', 'lsi', 'quadriceps_mvic quadriceps_hhd quadriceps_isokinetic_60', 'involved', '>', 70.0, '%', NULL, 'Rambaud 2018, Br J Sports Med 52:1437, https://bjsm.bmj.com/content/52/22/1437.long; https://mednev.com/acl-rehab-when-can-i-run-again [secondary]', NULL),
  ('aclr-return-to-running', 1, 7, 'hamstrings-lsi', 'Hamstrings strength LSI above 70 %', 'lsi', 'hamstrings_hhd hamstrings_isokinetic_60', 'involved', '>', 70.0, '%', NULL, 'Rambaud 2018, Br J Sports Med 52:1437, https://bjsm.bmj.com/content/52/22/1437.long; https://mednev.com/acl-rehab-when-can-i-run-again [secondary]', NULL),
  ('aclr-return-to-running', 1, 8, 'hop-lsi', 'Single hop LSI above 70 %', 'lsi', 'single_hop', 'involved', '>', 70.0, '%', NULL, 'Rambaud 2018, Br J Sports Med 52:1437, https://bjsm.bmj.com/content/52/22/1437.long; https://mednev.com/acl-rehab-when-can-i-run-again [secondary]', NULL),
  ('aclr-return-to-running', 1, 9, 'no-valgus', 'No knee valgus on single-leg squat', 'value', 'single_leg_squat_valgus step_down_valgus', 'involved', '<=', 0.0, 'bool', NULL, 'Rambaud 2018, Br J Sports Med 52:1437, https://bjsm.bmj.com/content/52/22/1437.long; https://mednev.com/acl-rehab-when-can-i-run-again [secondary]', NULL),
  ('aclr-return-to-sport', 1, 1, 'quadriceps-lsi', 'Quadriceps strength index at least 90 %', 'lsi', 'quadriceps_mvic quadriceps_isokinetic_60 quadriceps_hhd', 'involved', '>=', 90.0, '%', NULL, 'Adams 2012 Table 5, https://pmc.ncbi.nlm.nih.gov/articles/PMC3576892/table/T5; Grindem 2020, https://pmc.ncbi.nlm.nih.gov/articles/PMC7442843', NULL),
  ('aclr-return-to-sport', 1, 2, 'single-hop-lsi', 'Single hop LSI at least 90 %', 'lsi', 'single_hop', 'involved', '>=', 90.0, '%', NULL, 'Adams 2012 Table 5, https://pmc.ncbi.nlm.nih.gov/articles/PMC3576892/table/T5; Grindem 2020, https://pmc.ncbi.nlm.nih.gov/articles/PMC7442843', NULL),
  ('aclr-return-to-sport', 1, 3, 'crossover-hop-lsi', 'Crossover hop LSI at least 90 %', 'lsi', 'crossover_hop', 'involved', '>=', 90.0, '%', NULL, 'Adams 2012 Table 5, https://pmc.ncbi.nlm.nih.gov/articles/PMC3576892/table/T5; Grindem 2020, https://pmc.ncbi.nlm.nih.gov/articles/PMC7442843', NULL),
  ('aclr-return-to-sport', 1, 4, 'triple-hop-lsi', 'Triple hop LSI at least 90 %', 'lsi', 'triple_hop', 'involved', '>=', 90.0, '%', NULL, 'Adams 2012 Table 5, https://pmc.ncbi.nlm.nih.gov/articles/PMC3576892/table/T5; Grindem 2020, https://pmc.ncbi.nlm.nih.gov/articles/PMC7442843', NULL),
  ('aclr-return-to-sport', 1, 5, 'timed-hop-lsi', '6 m timed hop LSI at least 90 %', 'lsi', 'timed_hop_6m', 'involved', '>=', 90.0, '%', NULL, 'Adams 2012 Table 5, https://pmc.ncbi.nlm.nih.gov/articles/PMC3576892/table/T5; Grindem 2020, https://pmc.ncbi.nlm.nih.gov/articles/PMC7442843', NULL),
  ('aclr-return-to-sport', 1, 6, 'kos-adls', 'KOS-ADLS at least 90', 'value', 'kos_adls', 'involved', '>=', 90.0, 'points', NULL, 'Adams 2012 Table 5, https://pmc.ncbi.nlm.nih.gov/articles/PMC3576892/table/T5; Grindem 2020, https://pmc.ncbi.nlm.nih.gov/articles/PMC7442843', NULL),
  ('aclr-return-to-sport', 1, 7, 'global-rating', 'Global rating of knee function at least 90', 'value', 'global_rating', 'involved', '>=', 90.0, 'points', NULL, 'Adams 2012 Table 5, https://pmc.ncbi.nlm.nih.gov/articles/PMC3576892/table/T5; Grindem 2020, https://pmc.ncbi.nlm.nih.gov/articles/PMC7442843', NULL),
  ('aclr-return-to-sport', 1, 8, 'weeks', 'At least 12 weeks since surgery', 'weeks', '', 'involved', '>=', 12.0, 'weeks', NULL, 'Adams 2012 Table 5, https://pmc.ncbi.nlm.nih.gov/articles/PMC3576892/table/T5', NULL),
  ('aclr-gokeler', 1, 1, 'quadriceps-lsi-60', 'Quadriceps LSI at 60°/s above 90 %', 'lsi', 'quadriceps_isokinetic_60', 'involved', '>', 90.0, '%', NULL, 'Gokeler 2017, https://pmc.ncbi.nlm.nih.gov/articles/PMC5315711; Welling 2018, https://pmc.ncbi.nlm.nih.gov/articles/PMC6267144', NULL),
  ('aclr-gokeler', 1, 2, 'quadriceps-lsi-180', 'Quadriceps LSI at 180°/s above 90 %', 'lsi', 'quadriceps_isokinetic_180', 'involved', '>', 90.0, '%', NULL, 'Gokeler 2017, https://pmc.ncbi.nlm.nih.gov/articles/PMC5315711; Welling 2018, https://pmc.ncbi.nlm.nih.gov/articles/PMC6267144', NULL),
  ('aclr-gokeler', 1, 3, 'quadriceps-lsi-300', 'Quadriceps LSI at 300°/s above 90 %', 'lsi', 'quadriceps_isokinetic_300', 'involved', '>', 90.0, '%', NULL, 'Gokeler 2017, https://pmc.ncbi.nlm.nih.gov/articles/PMC5315711; Welling 2018, https://pmc.ncbi.nlm.nih.gov/articles/PMC6267144', NULL),
  ('aclr-gokeler', 1, 4, 'hamstrings-lsi-60', 'Hamstrings LSI at 60°/s above 90 %', 'lsi', 'hamstrings_isokinetic_60', 'involved', '>', 90.0, '%', NULL, 'Gokeler 2017, https://pmc.ncbi.nlm.nih.gov/articles/PMC5315711; Welling 2018, https://pmc.ncbi.nlm.nih.gov/articles/PMC6267144', NULL),
  ('aclr-gokeler', 1, 5, 'hamstrings-lsi-180', 'Hamstrings LSI at 180°/s above 90 %', 'lsi', 'hamstrings_isokinetic_180', 'involved', '>', 90.0, '%', NULL, 'Gokeler 2017, https://pmc.ncbi.nlm.nih.gov/articles/PMC5315711; Welling 2018, https://pmc.ncbi.nlm.nih.gov/articles/PMC6267144', NULL),
  ('aclr-gokeler', 1, 6, 'hamstrings-lsi-300', 'Hamstrings LSI at 300°/s above 90 %', 'lsi', 'hamstrings_isokinetic_300', 'involved', '>', 90.0, '%', NULL, 'Gokeler 2017, https://pmc.ncbi.nlm.nih.gov/articles/PMC5315711; Welling 2018, https://pmc.ncbi.nlm.nih.gov/articles/PMC6267144', NULL),
  ('aclr-gokeler', 1, 7, 'quadriceps-60-per-kg', 'Involved quadriceps at 60°/s above 3.0 Nm/kg', 'normalized', 'quadriceps_isokinetic_60', 'involved', '>', 3.0, 'Nm/kg', NULL, 'Gokeler 2017, https://pmc.ncbi.nlm.nih.gov/articles/PMC5315711; Welling 2018, https://pmc.ncbi.nlm.nih.gov/articles/PMC6267144', NULL),
  ('aclr-gokeler', 1, 8, 'hq-300-female', 'Hamstrings:quadriceps ratio at 300°/s above 55 % (women)', 'ratio', 'hamstrings_isokinetic_300', 'involved', '>', 55.0, '%', 'female', 'Gokeler 2017, https://pmc.ncbi.nlm.nih.gov/articles/PMC5315711; Welling 2018, https://pmc.ncbi.nlm.nih.gov/articles/PMC6267144', NULL),
  ('aclr-gokeler', 1, 9, 'hq-300-male', 'Hamstrings:quadriceps ratio at 300°/s above 62.5 % (men)', 'ratio', 'hamstrings_isokinetic_300', 'involved', '>', 62.5, '%', 'male', 'Gokeler 2017, https://pmc.ncbi.nlm.nih.gov/articles/PMC5315711; Welling 2018, https://pmc.ncbi.nlm.nih.gov/articles/PMC6267144', NULL),
  ('aclr-gokeler', 1, 10, 'single-hop-lsi', 'Single hop LSI above 90 %', 'lsi', 'single_hop', 'involved', '>', 90.0, '%', NULL, 'Gokeler 2017, https://pmc.ncbi.nlm.nih.gov/articles/PMC5315711; Welling 2018, https://pmc.ncbi.nlm.nih.gov/articles/PMC6267144', NULL),
  ('aclr-gokeler', 1, 11, 'triple-hop-lsi', 'Triple hop LSI above 90 %', 'lsi', 'triple_hop', 'involved', '>', 90.0, '%', NULL, 'Gokeler 2017, https://pmc.ncbi.nlm.nih.gov/articles/PMC5315711; Welling 2018, https://pmc.ncbi.nlm.nih.gov/articles/PMC6267144', NULL),
  ('aclr-gokeler', 1, 12, 'side-hop-lsi', 'Side hop LSI above 90 %', 'lsi', 'side_hop_30s', 'involved', '>', 90.0, '%', NULL, 'Gokeler 2017, https://pmc.ncbi.nlm.nih.gov/articles/PMC5315711; Welling 2018, https://pmc.ncbi.nlm.nih.gov/articles/PMC6267144', NULL),
  ('aclr-gokeler', 1, 13, 'acl-rsi', 'ACL-RSI above 56', 'value', 'acl_rsi', 'involved', '>', 56.0, 'points', NULL, 'Gokeler 2017, https://pmc.ncbi.nlm.nih.gov/articles/PMC5315711; Welling 2018, https://pmc.ncbi.nlm.nih.gov/articles/PMC6267144', NULL),
  ('pfp-return-to-activity', 1, 1, 'pain', 'Worst pain with provocative tasks 2/10 or less', 'value', 'pain_nrs', 'involved', '<=', 2.0, 'points', NULL, 'Suggested default, clinical-reference.md §3.11 [background, to be confirmed by a clinician]', NULL),
  ('pfp-return-to-activity', 1, 2, 'kujala-change', 'Kujala (AKPS) improved by at least 8 points', 'difference', 'kujala', 'involved', '>=', 8.0, 'points', NULL, 'Treatment success AKPS ≥ +8, https://nata.kglmeridian.com/view/journals/attr/53/6/article-p545.xml', NULL),
  ('pfp-return-to-activity', 1, 3, 'hip-abduction-lsi', 'Hip abduction LSI at least 90 %', 'lsi', 'hip_abduction_hhd', 'involved', '>=', 90.0, '%', NULL, 'Suggested default, clinical-reference.md §3.11 [background, to be confirmed by a clinician]', NULL),
  ('pfp-return-to-activity', 1, 4, 'hip-external-rotation-lsi', 'Hip external rotation LSI at least 90 %', 'lsi', 'hip_external_rotation_hhd', 'involved', '>=', 90.0, '%', NULL, 'Suggested default, clinical-reference.md §3.11 [background, to be confirmed by a clinician]', NULL),
  ('pfp-return-to-activity', 1, 5, 'quadriceps-lsi', 'Quadriceps LSI at least 90 %', 'lsi', 'quadriceps_hhd quadriceps_mvic quadriceps_isokinetic_60', 'involved', '>=', 90.0, '%', NULL, 'Suggested default, clinical-reference.md §3.11 [background, to be confirmed by a clinician]', NULL),
  ('pfp-return-to-activity', 1, 6, 'step-down-no-valgus', 'No knee valgus on step-down', 'value', 'step_down_valgus', 'involved', '<=', 0.0, 'bool', NULL, 'Suggested default, clinical-reference.md §3.11 [background, to be confirmed by a clinician]', NULL),
  ('pfp-return-to-activity', 1, 7, 'single-leg-squat-no-valgus', 'No knee valgus on single-leg squat', 'value', 'single_leg_squat_valgus', 'involved', '<=', 0.0, 'bool', NULL, 'Suggested default, clinical-reference.md §3.11 [background, to be confirmed by a clinician]', NULL),
  ('tka-milestones', 1, 1, 'flexion-80', 'Active knee flexion at least 80° (weeks 1–2)', 'value', 'knee_flexion', 'involved', '>=', 80.0, 'deg', NULL, 'Ebert 2014, Arch Phys Med Rehabil 95:1135, https://tr.scribd.com/document/301436009/2014-Guidelines-RTC-Flexion-Activa', NULL),
  ('tka-milestones', 1, 2, 'flexion-100', 'Active knee flexion at least 100° (by week 7)', 'value', 'knee_flexion', 'involved', '>=', 100.0, 'deg', NULL, 'Ebert 2014, Arch Phys Med Rehabil 95:1135, https://tr.scribd.com/document/301436009/2014-Guidelines-RTC-Flexion-Activa', NULL),
  ('aclr-late-phase', 2, 1, 'quadriceps-index', 'Quadriceps index above 80 %', 'lsi', 'quadriceps_mvic quadriceps_isokinetic_60 quadriceps_hhd', 'involved', '>', 80.0, '%', NULL, 'Delaware milestones as quoted by the TCD trial protocol, https://sites.google.com/tcd.ie/mcphasedaclrehab/home/control-group [secondary]', NULL),
  ('aclr-late-phase', 2, 2, 'effusion-trace', 'Effusion trace or less', 'value', 'effusion_stroke', 'involved', '<=', 1.0, 'grade', NULL, 'Delaware milestones as quoted by the TCD trial protocol, https://sites.google.com/tcd.ie/mcphasedaclrehab/home/control-group [secondary]', NULL),
  ('aclr-late-phase', 2, 3, 'extension-symmetric', 'Knee extension symmetric with the other knee', 'difference', 'knee_extension', 'involved', '<=', 0.0, 'deg', NULL, 'Delaware ACLR practice guideline, https://www.readkong.com/page/rehabilitation-after-acl-reconstruction-practice-guidelines-1979155', NULL),
  ('aclr-late-phase', 2, 4, 'flexion-lsi', 'Knee flexion above 95 % of the other knee', 'lsi', 'knee_flexion', 'involved', '>', 95.0, '%', NULL, 'Delaware milestones as quoted by the TCD trial protocol, https://sites.google.com/tcd.ie/mcphasedaclrehab/home/control-group [secondary]; full range read as in Rambaud 2018, Br J Sports Med 52:1437, https://bjsm.bmj.com/content/52/22/1437.long; https://mednev.com/acl-rehab-when-can-i-run-again [secondary]', NULL),
  ('aclr-late-phase', 2, 5, 'no-extension-lag', 'No extension lag', 'value', 'extension_lag', 'involved', '<=', 0.0, 'deg', NULL, 'Delaware ACLR practice guideline, https://www.readkong.com/page/rehabilitation-after-acl-reconstruction-practice-guidelines-1979155', NULL),
  ('aclr-return-to-sport', 2, 1, 'quadriceps-lsi', 'Quadriceps strength index at least 90 %', 'lsi', 'quadriceps_mvic quadriceps_isokinetic_60 quadriceps_hhd', 'involved', '>=', 90.0, '%', NULL, 'Adams 2012 Table 5, https://pmc.ncbi.nlm.nih.gov/articles/PMC3576892/table/T5; Grindem 2020, https://pmc.ncbi.nlm.nih.gov/articles/PMC7442843', NULL),
  ('aclr-return-to-sport', 2, 2, 'single-hop-lsi', 'Single hop LSI at least 90 %', 'lsi', 'single_hop', 'involved', '>=', 90.0, '%', NULL, 'Adams 2012 Table 5, https://pmc.ncbi.nlm.nih.gov/articles/PMC3576892/table/T5; Grindem 2020, https://pmc.ncbi.nlm.nih.gov/articles/PMC7442843', NULL),
  ('aclr-return-to-sport', 2, 3, 'crossover-hop-lsi', 'Crossover hop LSI at least 90 %', 'lsi', 'crossover_hop', 'involved', '>=', 90.0, '%', NULL, 'Adams 2012 Table 5, https://pmc.ncbi.nlm.nih.gov/articles/PMC3576892/table/T5; Grindem 2020, https://pmc.ncbi.nlm.nih.gov/articles/PMC7442843', NULL),
  ('aclr-return-to-sport', 2, 4, 'triple-hop-lsi', 'Triple hop LSI at least 90 %', 'lsi', 'triple_hop', 'involved', '>=', 90.0, '%', NULL, 'Adams 2012 Table 5, https://pmc.ncbi.nlm.nih.gov/articles/PMC3576892/table/T5; Grindem 2020, https://pmc.ncbi.nlm.nih.gov/articles/PMC7442843', NULL),
  ('aclr-return-to-sport', 2, 5, 'timed-hop-lsi', '6 m timed hop LSI at least 90 %', 'lsi', 'timed_hop_6m', 'involved', '>=', 90.0, '%', NULL, 'Adams 2012 Table 5, https://pmc.ncbi.nlm.nih.gov/articles/PMC3576892/table/T5; Grindem 2020, https://pmc.ncbi.nlm.nih.gov/articles/PMC7442843', NULL),
  ('aclr-return-to-sport', 2, 6, 'kos-adls', 'KOS-ADLS at least 90', 'value', 'kos_adls', 'involved', '>=', 90.0, 'points', NULL, 'Adams 2012 Table 5, https://pmc.ncbi.nlm.nih.gov/articles/PMC3576892/table/T5; Grindem 2020, https://pmc.ncbi.nlm.nih.gov/articles/PMC7442843', NULL),
  ('aclr-return-to-sport', 2, 7, 'global-rating', 'Global rating of knee function at least 90', 'value', 'global_rating', 'involved', '>=', 90.0, 'points', NULL, 'Adams 2012 Table 5, https://pmc.ncbi.nlm.nih.gov/articles/PMC3576892/table/T5; Grindem 2020, https://pmc.ncbi.nlm.nih.gov/articles/PMC7442843', NULL),
  ('aclr-return-to-sport', 2, 8, 'weeks', 'At least 12 weeks since surgery: the minimum to begin a return-to-sport progression', 'weeks', '', 'involved', '>=', 12.0, 'weeks', NULL, 'Adams 2012 Table 5, https://pmc.ncbi.nlm.nih.gov/articles/PMC3576892/table/T5', NULL),
  ('aclr-return-to-sport', 2, 9, 'weeks-9-months', 'At least 39 weeks (9 months) since surgery before return to sport', 'weeks', '', 'involved', '>=', 39.0, 'weeks', NULL, 'Grindem 2016, https://bjsm.bmj.com/content/50/13/804.abstract (each month of delay up to 9 months cut the reinjury rate by 51 %)', NULL),
  ('aclr-return-to-sport', 2, 10, 'effusion-trace', 'Effusion trace or less', 'value', 'effusion_stroke', 'involved', '<=', 1.0, 'grade', NULL, 'Delaware-Oslo clinical impairments, http://dx.doi.org/10.1007/978-3-662-55713-6_10', NULL),
  ('aclr-return-to-sport', 2, 11, 'flexion-lsi', 'Knee flexion above 95 % of the other knee', 'lsi', 'knee_flexion', 'involved', '>', 95.0, '%', NULL, 'Delaware-Oslo clinical impairments, http://dx.doi.org/10.1007/978-3-662-55713-6_10; full range read as in Rambaud 2018, Br J Sports Med 52:1437, https://bjsm.bmj.com/content/52/22/1437.long; https://mednev.com/acl-rehab-when-can-i-run-again [secondary]', NULL),
  ('aclr-return-to-sport', 2, 12, 'extension-symmetric', 'Knee extension symmetric with the other knee', 'difference', 'knee_extension', 'involved', '<=', 0.0, 'deg', NULL, 'Delaware-Oslo clinical impairments, http://dx.doi.org/10.1007/978-3-662-55713-6_10', NULL),
  ('aclr-gokeler', 2, 1, 'quadriceps-lsi-60', 'Quadriceps LSI at 60°/s above 90 %', 'lsi', 'quadriceps_isokinetic_60', 'involved', '>', 90.0, '%', NULL, 'Gokeler 2017, https://pmc.ncbi.nlm.nih.gov/articles/PMC5315711; Welling 2018, https://pmc.ncbi.nlm.nih.gov/articles/PMC6267144', NULL),
  ('aclr-gokeler', 2, 2, 'quadriceps-lsi-180', 'Quadriceps LSI at 180°/s above 90 %', 'lsi', 'quadriceps_isokinetic_180', 'involved', '>', 90.0, '%', NULL, 'Gokeler 2017, https://pmc.ncbi.nlm.nih.gov/articles/PMC5315711; Welling 2018, https://pmc.ncbi.nlm.nih.gov/articles/PMC6267144', NULL),
  ('aclr-gokeler', 2, 3, 'quadriceps-lsi-300', 'Quadriceps LSI at 300°/s above 90 %', 'lsi', 'quadriceps_isokinetic_300', 'involved', '>', 90.0, '%', NULL, 'Gokeler 2017, https://pmc.ncbi.nlm.nih.gov/articles/PMC5315711; Welling 2018, https://pmc.ncbi.nlm.nih.gov/articles/PMC6267144', NULL),
  ('aclr-gokeler', 2, 4, 'hamstrings-lsi-60', 'Hamstrings LSI at 60°/s above 90 %', 'lsi', 'hamstrings_isokinetic_60', 'involved', '>', 90.0, '%', NULL, 'Gokeler 2017, https://pmc.ncbi.nlm.nih.gov/articles/PMC5315711; Welling 2018, https://pmc.ncbi.nlm.nih.gov/articles/PMC6267144', NULL),
  ('aclr-gokeler', 2, 5, 'hamstrings-lsi-180', 'Hamstrings LSI at 180°/s above 90 %', 'lsi', 'hamstrings_isokinetic_180', 'involved', '>', 90.0, '%', NULL, 'Gokeler 2017, https://pmc.ncbi.nlm.nih.gov/articles/PMC5315711; Welling 2018, https://pmc.ncbi.nlm.nih.gov/articles/PMC6267144', NULL),
  ('aclr-gokeler', 2, 6, 'hamstrings-lsi-300', 'Hamstrings LSI at 300°/s above 90 %', 'lsi', 'hamstrings_isokinetic_300', 'involved', '>', 90.0, '%', NULL, 'Gokeler 2017, https://pmc.ncbi.nlm.nih.gov/articles/PMC5315711; Welling 2018, https://pmc.ncbi.nlm.nih.gov/articles/PMC6267144', NULL),
  ('aclr-gokeler', 2, 7, 'quadriceps-60-per-kg', 'Involved quadriceps at 60°/s above 3.0 Nm/kg', 'normalized', 'quadriceps_isokinetic_60', 'involved', '>', 3.0, 'Nm/kg', NULL, 'Gokeler 2017, https://pmc.ncbi.nlm.nih.gov/articles/PMC5315711; Welling 2018, https://pmc.ncbi.nlm.nih.gov/articles/PMC6267144', NULL),
  ('aclr-gokeler', 2, 8, 'hq-300-female', 'Hamstrings:quadriceps ratio at 300°/s above 55 % (women)', 'ratio', 'hamstrings_isokinetic_300', 'involved', '>', 55.0, '%', 'female', 'Gokeler 2017, https://pmc.ncbi.nlm.nih.gov/articles/PMC5315711; Welling 2018, https://pmc.ncbi.nlm.nih.gov/articles/PMC6267144', NULL),
  ('aclr-gokeler', 2, 9, 'hq-300-male', 'Hamstrings:quadriceps ratio at 300°/s above 62.5 % (men)', 'ratio', 'hamstrings_isokinetic_300', 'involved', '>', 62.5, '%', 'male', 'Gokeler 2017, https://pmc.ncbi.nlm.nih.gov/articles/PMC5315711; Welling 2018, https://pmc.ncbi.nlm.nih.gov/articles/PMC6267144', NULL),
  ('aclr-gokeler', 2, 10, 'single-hop-lsi', 'Single hop LSI above 90 %', 'lsi', 'single_hop', 'involved', '>', 90.0, '%', NULL, 'Gokeler 2017, https://pmc.ncbi.nlm.nih.gov/articles/PMC5315711; Welling 2018, https://pmc.ncbi.nlm.nih.gov/articles/PMC6267144', NULL),
  ('aclr-gokeler', 2, 11, 'triple-hop-lsi', 'Triple hop LSI above 90 %', 'lsi', 'triple_hop', 'involved', '>', 90.0, '%', NULL, 'Gokeler 2017, https://pmc.ncbi.nlm.nih.gov/articles/PMC5315711; Welling 2018, https://pmc.ncbi.nlm.nih.gov/articles/PMC6267144', NULL),
  ('aclr-gokeler', 2, 12, 'side-hop-lsi', 'Side hop LSI above 90 %', 'lsi', 'side_hop_30s', 'involved', '>', 90.0, '%', NULL, 'Gokeler 2017, https://pmc.ncbi.nlm.nih.gov/articles/PMC5315711; Welling 2018, https://pmc.ncbi.nlm.nih.gov/articles/PMC6267144', NULL),
  ('aclr-gokeler', 2, 13, 'less', 'Landing Error Scoring System below 5 errors', 'value', 'less_score', 'involved', '<', 5.0, 'count', NULL, 'Gokeler 2017, https://pmc.ncbi.nlm.nih.gov/articles/PMC5315711; Welling 2018, https://pmc.ncbi.nlm.nih.gov/articles/PMC6267144', NULL),
  ('aclr-gokeler', 2, 14, 'acl-rsi', 'ACL-RSI above 56', 'value', 'acl_rsi', 'involved', '>', 56.0, 'points', NULL, 'Gokeler 2017, https://pmc.ncbi.nlm.nih.gov/articles/PMC5315711; Welling 2018, https://pmc.ncbi.nlm.nih.gov/articles/PMC6267144', NULL);

INSERT INTO visit_template (code, name, condition, from_week, to_week, source, builtin, deleted) VALUES
  ('aclr-early', 'ACL reconstruction: early rehabilitation', 'aclr', 0, 12, 'Delaware ACLR practice guideline and milestones (clinical-reference.md §3.2); hand-held dynamometer, highest of 3 trials (Kim 2014)', 1, 0),
  ('aclr-running', 'ACL reconstruction: return to running', 'aclr', 12, 39, 'Rambaud 2018, Br J Sports Med 52:1437 (clinical-reference.md §3.5); hops: 2 measured trials per limb (§1.8)', 1, 0),
  ('aclr-sport', 'ACL reconstruction: return to sport', 'aclr', 39, NULL, 'Delaware-Oslo criteria, Adams 2012 Table 5, Grindem 2016 (clinical-reference.md §3.1); hops in the Noyes order, 2 measured trials per limb (§1.8)', 1, 0);

INSERT INTO visit_template_item (template_id, position, measure, trials, unit)
SELECT t.id, i.position, i.measure, i.trials, i.unit
  FROM (VALUES
    ('aclr-early', 1, 'pain_nrs', 1, NULL),
    ('aclr-early', 2, 'effusion_stroke', 1, NULL),
    ('aclr-early', 3, 'knee_extension', 1, NULL),
    ('aclr-early', 4, 'knee_flexion', 1, NULL),
    ('aclr-early', 5, 'extension_lag', 1, NULL),
    ('aclr-early', 6, 'thigh_girth_10', 1, NULL),
    ('aclr-early', 7, 'quadriceps_hhd', 3, NULL),
    ('aclr-running', 1, 'pain_nrs', 1, NULL),
    ('aclr-running', 2, 'effusion_stroke', 1, NULL),
    ('aclr-running', 3, 'knee_extension', 1, NULL),
    ('aclr-running', 4, 'knee_flexion', 1, NULL),
    ('aclr-running', 5, 'quadriceps_hhd', 3, NULL),
    ('aclr-running', 6, 'hamstrings_hhd', 3, NULL),
    ('aclr-running', 7, 'single_hop', 2, NULL),
    ('aclr-running', 8, 'single_leg_squat_valgus', 1, NULL),
    ('aclr-sport', 1, 'effusion_stroke', 1, NULL),
    ('aclr-sport', 2, 'knee_extension', 1, NULL),
    ('aclr-sport', 3, 'knee_flexion', 1, NULL),
    ('aclr-sport', 4, 'quadriceps_mvic', 3, NULL),
    ('aclr-sport', 5, 'single_hop', 2, NULL),
    ('aclr-sport', 6, 'timed_hop_6m', 2, NULL),
    ('aclr-sport', 7, 'triple_hop', 2, NULL),
    ('aclr-sport', 8, 'crossover_hop', 2, NULL),
    ('aclr-sport', 9, 'kos_adls', 1, NULL),
    ('aclr-sport', 10, 'global_rating', 1, NULL)) AS i (code, position, measure, trials, unit)
  JOIN visit_template t ON t.code = i.code
 ORDER BY t.id, i.position;

-- The audit chain (009-tamper-evident-audit.sql, vastus-audit-store.c). Each row's hash is the
-- SHA-256 of these bytes: "vastus-audit-1"; the previous row's hash as text, or "N" for the first
-- row; then id, at, actor, table_name, row_id, operation, old_json, new_json, app_version, each
-- as "N" when NULL, "I<decimal>;" when an integer (id, row_id), else "T", the byte length of its
-- UTF-8 text as 8 bytes little-endian, and the bytes. Hex, lower case.

CREATE FUNCTION vastus_audit_text (x text) RETURNS bytea
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN CASE WHEN x IS NULL THEN '\x4e'::bytea
            ELSE '\x54'::bytea
                 || decode ((SELECT string_agg (lpad (to_hex ((octet_length (x)::bigint >> (8 * i)) & 255), 2, '0'),
                                                '' ORDER BY i)
                               FROM generate_series (0, 7) AS i), 'hex')
                 || convert_to (x, 'UTF8') END;

CREATE FUNCTION vastus_audit_integer (x bigint) RETURNS bytea
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN CASE WHEN x IS NULL THEN '\x4e'::bytea ELSE convert_to ('I' || x || ';', 'UTF8') END;

CREATE FUNCTION vastus_audit_hash (previous text, id bigint, at text, actor text,
                                   table_name text, row_id bigint, operation text,
                                   old_json text, new_json text, app_version text)
RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN encode (sha256 (convert_to ('vastus-audit-1', 'UTF8')
                       || vastus_audit_text (previous) || vastus_audit_integer (id)
                       || vastus_audit_text (at) || vastus_audit_text (actor)
                       || vastus_audit_text (table_name) || vastus_audit_integer (row_id)
                       || vastus_audit_text (operation) || vastus_audit_text (old_json)
                       || vastus_audit_text (new_json) || vastus_audit_text (app_version)), 'hex');

-- Appending a row: the next number after the head, the time, the seal over the head's hash. The
-- head's row lock makes appenders of concurrent transactions wait for each other, so that the
-- chain stays one line. Runs as the schema's owner: clinicians have no right on audit_log.
CREATE FUNCTION vastus_audit_append (actor text, table_name text, row_id bigint,
                                     operation text, old_json text, new_json text)
RETURNS void
LANGUAGE plpgsql SECURITY DEFINER
SET search_path FROM CURRENT
AS $$
DECLARE
  head audit_head%ROWTYPE;
  next_id bigint;
  now_text text := vastus_now ();
  version text := vastus_app_version ();
  seal text;
BEGIN
  SELECT * INTO head FROM audit_head h WHERE h.id = 1 FOR UPDATE;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'the audit trail has no head' USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  next_id := head.last_id + 1;
  seal := vastus_audit_hash (head.hash, next_id, now_text, actor, table_name, row_id, operation,
                             old_json, new_json, version);
  INSERT INTO audit_log (id, at, actor, table_name, row_id, operation, old_json, new_json,
                         app_version, hash)
  VALUES (next_id, now_text, actor, table_name, row_id, operation, old_json, new_json, version,
          seal);
  UPDATE audit_head SET last_id = next_id, hash = seal WHERE audit_head.id = 1;
END
$$;

CREATE FUNCTION vastus_audit_append_view () RETURNS trigger
LANGUAGE plpgsql
AS $$
BEGIN
  PERFORM vastus_audit_append (NEW.actor, NEW.table_name, NEW.row_id, NEW.operation,
                               NEW.old_json, NEW.new_json);
  RETURN NEW;
END
$$;

CREATE TRIGGER audit_append_insert INSTEAD OF INSERT ON audit_append
  FOR EACH ROW EXECUTE FUNCTION vastus_audit_append_view ();

-- A row as the SQLite triggers' json_object writes it: the columns named, in that order, no
-- spaces; a column marked ":real" as vastus_real_json writes it.
CREATE FUNCTION vastus_audit_json (r json, columns text[]) RETURNS text
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
AS $$
DECLARE
  parts text[] := '{}';
  name text;
  value text;
BEGIN
  FOREACH name IN ARRAY columns LOOP
    IF name LIKE '%:real' THEN
      name := left (name, -5);
      value := coalesce (vastus_real_json ((r ->> name)::double precision), 'null');
    ELSE
      value := (r -> name)::text;
    END IF;
    IF value IS NULL THEN
      RAISE EXCEPTION 'audit: the row has no column %', name;
    END IF;
    parts := parts || (to_json (name)::text || ':' || value);
  END LOOP;
  RETURN '{' || array_to_string (parts, ',') || '}';
END
$$;

-- The audit triggers: vastus_audit_row (table, row id column, column …). The actor is the login
-- the session connected as (session_user), whatever role it has set since.
CREATE FUNCTION vastus_audit_row () RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER
SET search_path FROM CURRENT
AS $$
DECLARE
  columns text[] := TG_ARGV[2:TG_NARGS - 1];
  old_json text;
  new_json text;
  row_id bigint;
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    old_json := vastus_audit_json (row_to_json (OLD), columns);
    row_id := (row_to_json (OLD) ->> TG_ARGV[1])::bigint;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    new_json := vastus_audit_json (row_to_json (NEW), columns);
    row_id := (row_to_json (NEW) ->> TG_ARGV[1])::bigint;
  END IF;
  PERFORM vastus_audit_append (session_user::text, TG_ARGV[0], row_id, lower (TG_OP), old_json,
                               new_json);
  RETURN NULL;
END
$$;

-- Refusals: vastus_refuse (message) raises SQLite's message, as a constraint violation.
CREATE FUNCTION vastus_refuse () RETURNS trigger
LANGUAGE plpgsql
AS $$
BEGIN
  RAISE EXCEPTION '%', TG_ARGV[0] USING ERRCODE = 'integrity_constraint_violation';
END
$$;

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION vastus_refuse ('the audit log cannot be changed');
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION vastus_refuse ('the audit log cannot be changed');
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION vastus_refuse ('the audit log cannot be changed');
CREATE TRIGGER audit_log_sealed BEFORE INSERT ON audit_log
  FOR EACH ROW WHEN (NEW.hash IS NULL)
  EXECUTE FUNCTION vastus_refuse ('audit rows are written through audit_append');
CREATE TRIGGER audit_head_no_delete BEFORE DELETE ON audit_head
  FOR EACH ROW EXECUTE FUNCTION vastus_refuse ('the audit head cannot be deleted');
CREATE TRIGGER audit_head_no_truncate BEFORE TRUNCATE ON audit_head
  FOR EACH STATEMENT EXECUTE FUNCTION vastus_refuse ('the audit head cannot be deleted');

CREATE TRIGGER criteria_set_no_update BEFORE UPDATE ON criteria_set
  FOR EACH ROW EXECUTE FUNCTION vastus_refuse ('a criteria set version cannot be changed: save a new version');
CREATE TRIGGER criteria_set_builtin_no_delete BEFORE DELETE ON criteria_set
  FOR EACH ROW WHEN (OLD.builtin = 1)
  EXECUTE FUNCTION vastus_refuse ('a built-in criteria set cannot be deleted');
CREATE TRIGGER criterion_no_update BEFORE UPDATE ON criterion
  FOR EACH ROW EXECUTE FUNCTION vastus_refuse ('a criteria set version cannot be changed: save a new version');
CREATE TRIGGER report_no_update BEFORE UPDATE ON report
  FOR EACH ROW EXECUTE FUNCTION vastus_refuse ('reports are a record: they cannot be changed');
CREATE TRIGGER questionnaire_answer_fixed BEFORE UPDATE ON questionnaire_answer
  FOR EACH ROW EXECUTE FUNCTION vastus_refuse ('questionnaire answers are not changed: store the corrected form');
CREATE TRIGGER measurement_fixation_insert BEFORE INSERT ON measurement
  FOR EACH ROW WHEN (NEW.fixation IS NOT NULL AND NEW.fixation NOT IN ('belt', 'frame', 'manual'))
  EXECUTE FUNCTION vastus_refuse ('fixation must be belt, frame or manual');
CREATE TRIGGER measurement_fixation_update BEFORE UPDATE OF fixation ON measurement
  FOR EACH ROW WHEN (NEW.fixation IS DISTINCT FROM OLD.fixation AND NEW.fixation IS NOT NULL
                     AND NEW.fixation NOT IN ('belt', 'frame', 'manual'))
  EXECUTE FUNCTION vastus_refuse ('fixation must be belt, frame or manual');
CREATE TRIGGER episode_deleted_unchanged BEFORE UPDATE ON episode
  FOR EACH ROW WHEN (OLD.deleted_at IS NOT NULL AND NEW.deleted_at IS NOT NULL)
  EXECUTE FUNCTION vastus_refuse ('a deleted episode cannot be changed');
CREATE TRIGGER visit_template_builtin_no_update BEFORE UPDATE ON visit_template
  FOR EACH ROW WHEN (OLD.builtin = 1)
  EXECUTE FUNCTION vastus_refuse ('a built-in battery cannot be changed: copy it');
CREATE TRIGGER visit_template_builtin_no_delete BEFORE DELETE ON visit_template
  FOR EACH ROW WHEN (OLD.builtin = 1)
  EXECUTE FUNCTION vastus_refuse ('a built-in battery cannot be deleted');
CREATE TRIGGER visit_template_builtin_no_insert BEFORE INSERT ON visit_template
  FOR EACH ROW WHEN (NEW.builtin = 1)
  EXECUTE FUNCTION vastus_refuse ('a clinic''s battery cannot be built in');

-- Refusals that look at other rows (a trigger's WHEN cannot hold a subquery here).
CREATE FUNCTION vastus_check_rules () RETURNS trigger
LANGUAGE plpgsql
AS $$
DECLARE
  refused text;
BEGIN
  CASE TG_ARGV[0]
  WHEN 'criteria_set_builtin_id' THEN
    IF NEW.builtin = 0 AND EXISTS (SELECT 1 FROM criteria_set WHERE id = NEW.id AND builtin = 1) THEN
      refused := 'a built-in criteria set cannot be changed: copy it';
    END IF;
  WHEN 'criterion_builtin_no_delete' THEN
    IF (SELECT builtin FROM criteria_set WHERE id = OLD.set_id AND version = OLD.set_version) = 1 THEN
      refused := 'a built-in criteria set cannot be changed';
    END IF;
  WHEN 'questionnaire_score_fixed' THEN
    IF EXISTS (SELECT 1 FROM questionnaire_score WHERE measurement_id = OLD.id) THEN
      refused := 'this score is computed from questionnaire answers: change the answers';
    END IF;
  WHEN 'visit_one_a_day' THEN
    IF NEW.deleted_at IS NULL
       AND (TG_OP = 'INSERT' OR OLD.deleted_at IS NOT NULL OR NEW.date IS DISTINCT FROM OLD.date
            OR NEW.episode_id IS DISTINCT FROM OLD.episode_id)
       AND EXISTS (SELECT 1 FROM episode e JOIN visit v ON v.episode_id = e.id
                    WHERE e.patient_id = (SELECT patient_id FROM episode WHERE id = NEW.episode_id)
                      AND v.date = NEW.date AND v.deleted_at IS NULL
                      AND (TG_OP = 'INSERT' OR v.id <> NEW.id)) THEN
      refused := 'vastus: the patient has a visit on that date already';
    END IF;
  WHEN 'episode_delete_without_visits' THEN
    IF NEW.deleted_at IS NOT NULL AND OLD.deleted_at IS NULL
       AND EXISTS (SELECT 1 FROM visit WHERE episode_id = NEW.id AND deleted_at IS NULL) THEN
      refused := 'an episode with visits cannot be deleted';
    END IF;
  WHEN 'visit_live_episode' THEN
    IF (TG_OP = 'INSERT' OR NEW.deleted_at IS NULL)
       AND EXISTS (SELECT 1 FROM episode WHERE id = NEW.episode_id AND deleted_at IS NOT NULL) THEN
      refused := 'the episode is deleted';
    END IF;
  WHEN 'visit_template_item_builtin' THEN
    IF (SELECT builtin FROM visit_template
         WHERE id = CASE WHEN TG_OP = 'INSERT' THEN NEW.template_id ELSE OLD.template_id END) = 1 THEN
      refused := 'a built-in battery cannot be changed: copy it';
    END IF;
  END CASE;
  IF refused IS NOT NULL THEN
    RAISE EXCEPTION '%', refused USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END
$$;

CREATE TRIGGER criteria_set_builtin_id BEFORE INSERT ON criteria_set
  FOR EACH ROW EXECUTE FUNCTION vastus_check_rules ('criteria_set_builtin_id');
CREATE TRIGGER criterion_builtin_no_delete BEFORE DELETE ON criterion
  FOR EACH ROW EXECUTE FUNCTION vastus_check_rules ('criterion_builtin_no_delete');
CREATE TRIGGER questionnaire_score_fixed
  BEFORE UPDATE OF measure, side, trial, value, visit_id ON measurement
  FOR EACH ROW EXECUTE FUNCTION vastus_check_rules ('questionnaire_score_fixed');
CREATE TRIGGER visit_one_a_day_insert BEFORE INSERT ON visit
  FOR EACH ROW EXECUTE FUNCTION vastus_check_rules ('visit_one_a_day');
CREATE TRIGGER visit_one_a_day_update BEFORE UPDATE OF episode_id, date, deleted_at ON visit
  FOR EACH ROW EXECUTE FUNCTION vastus_check_rules ('visit_one_a_day');
CREATE TRIGGER episode_delete_without_visits BEFORE UPDATE OF deleted_at ON episode
  FOR EACH ROW EXECUTE FUNCTION vastus_check_rules ('episode_delete_without_visits');
CREATE TRIGGER visit_insert_live_episode BEFORE INSERT ON visit
  FOR EACH ROW EXECUTE FUNCTION vastus_check_rules ('visit_live_episode');
CREATE TRIGGER visit_live_in_live_episode BEFORE UPDATE OF deleted_at, episode_id ON visit
  FOR EACH ROW EXECUTE FUNCTION vastus_check_rules ('visit_live_episode');
CREATE TRIGGER visit_template_item_builtin_no_insert BEFORE INSERT ON visit_template_item
  FOR EACH ROW EXECUTE FUNCTION vastus_check_rules ('visit_template_item_builtin');
CREATE TRIGGER visit_template_item_builtin_no_update BEFORE UPDATE ON visit_template_item
  FOR EACH ROW EXECUTE FUNCTION vastus_check_rules ('visit_template_item_builtin');
CREATE TRIGGER visit_template_item_builtin_no_delete BEFORE DELETE ON visit_template_item
  FOR EACH ROW EXECUTE FUNCTION vastus_check_rules ('visit_template_item_builtin');

-- Derived data: the search words and the visit statistics of patients.
CREATE FUNCTION vastus_derived_rows () RETURNS trigger
LANGUAGE plpgsql
AS $$
BEGIN
  CASE TG_ARGV[0]
  WHEN 'patient_words' THEN
    IF TG_OP = 'UPDATE' THEN
      DELETE FROM patient_word WHERE patient_id = OLD.id;
    END IF;
    INSERT INTO patient_word (word, patient_id)
      SELECT DISTINCT w, NEW.id FROM vastus_search_words (NEW.name, NEW.mrn) AS w
      ON CONFLICT DO NOTHING;
  WHEN 'patient_stats_patient' THEN
    INSERT INTO patient_stats (patient_id, archived) VALUES (NEW.id, NEW.archived);
  WHEN 'patient_stats_archived' THEN
    UPDATE patient_stats SET archived = NEW.archived WHERE patient_id = NEW.id;
  WHEN 'patient_name_reviewed' THEN
    DELETE FROM patient_name_review WHERE patient_id = NEW.id;
  WHEN 'patient_stats_visit_insert' THEN
    UPDATE patient_stats
       SET n_visits = n_visits + 1,
           last_visit = CASE WHEN last_visit IS NULL OR NEW.date > last_visit
                             THEN NEW.date ELSE last_visit END
     WHERE patient_id = (SELECT patient_id FROM episode WHERE id = NEW.episode_id);
  WHEN 'patient_stats_visit_recount' THEN
    UPDATE patient_stats
       SET last_visit = (SELECT max (v.date) FROM episode e JOIN visit v ON v.episode_id = e.id
                          WHERE e.patient_id = patient_stats.patient_id AND v.deleted_at IS NULL),
           n_visits = (SELECT count (*) FROM episode e JOIN visit v ON v.episode_id = e.id
                        WHERE e.patient_id = patient_stats.patient_id AND v.deleted_at IS NULL)
     WHERE patient_id IN (SELECT patient_id FROM episode
                           WHERE id IN (OLD.episode_id,
                                        CASE WHEN TG_OP = 'UPDATE' THEN NEW.episode_id END));
  END CASE;
  RETURN NULL;
END
$$;

CREATE TRIGGER patient_words_insert AFTER INSERT ON patient
  FOR EACH ROW EXECUTE FUNCTION vastus_derived_rows ('patient_words');
CREATE TRIGGER patient_words_update AFTER UPDATE OF name, mrn ON patient
  FOR EACH ROW EXECUTE FUNCTION vastus_derived_rows ('patient_words');
CREATE TRIGGER patient_stats_patient AFTER INSERT ON patient
  FOR EACH ROW EXECUTE FUNCTION vastus_derived_rows ('patient_stats_patient');
CREATE TRIGGER patient_stats_archived AFTER UPDATE OF archived ON patient
  FOR EACH ROW EXECUTE FUNCTION vastus_derived_rows ('patient_stats_archived');
CREATE TRIGGER patient_name_reviewed AFTER UPDATE OF family_name, given_name ON patient
  FOR EACH ROW WHEN (OLD.family_name IS DISTINCT FROM NEW.family_name
                     OR OLD.given_name IS DISTINCT FROM NEW.given_name)
  EXECUTE FUNCTION vastus_derived_rows ('patient_name_reviewed');
CREATE TRIGGER patient_stats_visit_insert AFTER INSERT ON visit
  FOR EACH ROW WHEN (NEW.deleted_at IS NULL)
  EXECUTE FUNCTION vastus_derived_rows ('patient_stats_visit_insert');
CREATE TRIGGER patient_stats_visit_update AFTER UPDATE OF date, deleted_at, episode_id ON visit
  FOR EACH ROW EXECUTE FUNCTION vastus_derived_rows ('patient_stats_visit_recount');
CREATE TRIGGER patient_stats_visit_delete AFTER DELETE ON visit
  FOR EACH ROW EXECUTE FUNCTION vastus_derived_rows ('patient_stats_visit_recount');

-- The audit triggers, with SQLite's names (table_audit_insert, _update, _delete), rows and
-- columns: audit_triggers (table, operations, row id column, column …).
CREATE FUNCTION pg_temp.audit_triggers (tbl text, operations text, VARIADIC args text[])
RETURNS void
LANGUAGE plpgsql
AS $$
DECLARE
  operation text;
BEGIN
  FOREACH operation IN ARRAY string_to_array (operations, ' ') LOOP
    EXECUTE format ('CREATE TRIGGER %I AFTER %s ON %I FOR EACH ROW EXECUTE FUNCTION vastus_audit_row (%L, %s)',
                    tbl || '_audit_' || operation, upper (operation), tbl, tbl,
                    (SELECT string_agg (quote_literal (a), ', ') FROM unnest (args) AS a));
  END LOOP;
END
$$;

CREATE TRIGGER criteria_set_audit_insert AFTER INSERT ON criteria_set FOR EACH ROW
  WHEN (NEW.builtin = 0)
  EXECUTE FUNCTION vastus_audit_row ('criteria_set', 'rowid', 'id', 'version', 'title', 'based_on');

SELECT pg_temp.audit_triggers ('episode', 'insert update delete', 'id', 'id', 'patient_id',
  'condition', 'involved_side', 'injury_date', 'surgery_date', 'surgeon', 'procedure_details',
  'restrictions', 'no_max_test_before', 'criteria_set', 'deleted_at', 'deleted_by');
SELECT pg_temp.audit_triggers ('import_profile', 'insert update delete', 'id', 'id', 'code', 'name',
  'key_file');
SELECT pg_temp.audit_triggers ('measurement', 'insert update delete', 'id', 'id', 'visit_id',
  'measure', 'side', 'trial', 'value:real', 'unit', 'knee_angle_deg:real', 'velocity_deg_s:real',
  'lever_arm_m:real', 'fixation', 'baseline', 'deleted_at', 'deleted_by');
SELECT pg_temp.audit_triggers ('patient', 'insert update delete', 'id', 'id', 'mrn', 'name',
  'family_name', 'given_name', 'birth_date', 'sex', 'notes', 'archived', 'demo');
SELECT pg_temp.audit_triggers ('questionnaire', 'insert update delete', 'id', 'id', 'visit_id',
  'instrument', 'entered_by', 'deleted_at', 'deleted_by');
SELECT pg_temp.audit_triggers ('questionnaire_answer', 'insert delete', 'questionnaire_id',
  'questionnaire_id', 'item', 'points');
SELECT pg_temp.audit_triggers ('questionnaire_score', 'insert delete', 'measurement_id',
  'measurement_id', 'questionnaire_id');
SELECT pg_temp.audit_triggers ('visit', 'insert update delete', 'id', 'id', 'episode_id', 'date',
  'clinician', 'body_mass_kg:real', 'height_cm:real', 'notes', 'findings', 'deleted_at',
  'deleted_by');
SELECT pg_temp.audit_triggers ('visit_template', 'insert update', 'id', 'id', 'name', 'condition',
  'from_week', 'to_week', 'deleted');
SELECT pg_temp.audit_triggers ('visit_template_item', 'insert delete', 'template_id', 'template_id',
  'position', 'measure', 'trials', 'unit');

DROP FUNCTION pg_temp.audit_triggers (text, text, text[]);

-- The schema version, as SQLite keeps it in schema_info (and PRAGMA user_version).
INSERT INTO schema_info (id, version) VALUES (1, 13);
