-- 002-criteria-sets.sql: return-to-activity criteria sets, and the evaluations run against them.
--
-- A set is identified by (id, version). Editing a clinic's set saves a new version and keeps the
-- old ones, so an evaluation can always say which version it used. Rows are never updated;
-- built-in sets are never updated or deleted, and no clinic set may take a built-in id.
--
-- The built-in sets below are the model's data (src/model/vastus-criteria.c, clinical-reference.md
-- §3); tests/test-criteria-store.c checks that the seeded rows equal it exactly. Change both
-- together, in a new migration that adds version 2 of a set.
--
-- Conventions: conditions and measures are space-separated codes (measures in order of
-- preference); metric, side and comparator are the contract strings of vastus-criteria.h; sex is
-- NULL for everyone, else 'female' or 'male'.

CREATE TABLE criteria_set (
  id          TEXT NOT NULL CHECK (length (id) BETWEEN 1 AND 64),
  version     INTEGER NOT NULL CHECK (version >= 1),
  title       TEXT NOT NULL CHECK (length (title) > 0),
  source      TEXT,
  notes       TEXT,
  conditions  TEXT NOT NULL DEFAULT '',
  builtin     INTEGER NOT NULL DEFAULT 0 CHECK (builtin IN (0, 1)),
  based_on    TEXT,
  created     TEXT NOT NULL DEFAULT (strftime ('%Y-%m-%dT%H:%M:%fZ', 'now')),
  actor       TEXT,
  PRIMARY KEY (id, version)
) STRICT;

CREATE TABLE criterion (
  set_id       TEXT NOT NULL,
  set_version  INTEGER NOT NULL,
  position     INTEGER NOT NULL CHECK (position >= 1),
  id           TEXT NOT NULL CHECK (length (id) BETWEEN 1 AND 64),
  label        TEXT NOT NULL CHECK (length (label) > 0),
  metric       TEXT NOT NULL CHECK (metric IN ('lsi', 'epic', 'value', 'difference', 'weeks',
                                               'normalized', 'percent_height', 'ratio')),
  measures     TEXT NOT NULL DEFAULT '',
  side         TEXT NOT NULL DEFAULT 'involved' CHECK (side IN ('involved', 'uninvolved')),
  comparator   TEXT NOT NULL CHECK (comparator IN ('>', '>=', '<', '<=')),
  threshold    REAL NOT NULL,
  unit         TEXT,
  sex          TEXT CHECK (sex IS NULL OR sex IN ('female', 'male')),
  source       TEXT,
  PRIMARY KEY (set_id, set_version, position),
  UNIQUE (set_id, set_version, id),
  FOREIGN KEY (set_id, set_version) REFERENCES criteria_set (id, version)
) STRICT;

CREATE TRIGGER criteria_set_no_update BEFORE UPDATE ON criteria_set
BEGIN
  SELECT RAISE (ABORT, 'a criteria set version cannot be changed: save a new version');
END;

CREATE TRIGGER criteria_set_builtin_no_delete BEFORE DELETE ON criteria_set
WHEN old.builtin = 1
BEGIN
  SELECT RAISE (ABORT, 'a built-in criteria set cannot be deleted');
END;

CREATE TRIGGER criteria_set_builtin_id BEFORE INSERT ON criteria_set
WHEN new.builtin = 0 AND EXISTS (SELECT 1 FROM criteria_set WHERE id = new.id AND builtin = 1)
BEGIN
  SELECT RAISE (ABORT, 'a built-in criteria set cannot be changed: copy it');
END;

CREATE TRIGGER criterion_no_update BEFORE UPDATE ON criterion
BEGIN
  SELECT RAISE (ABORT, 'a criteria set version cannot be changed: save a new version');
END;

CREATE TRIGGER criterion_builtin_no_delete BEFORE DELETE ON criterion
WHEN (SELECT builtin FROM criteria_set WHERE id = old.set_id AND version = old.set_version) = 1
BEGIN
  SELECT RAISE (ABORT, 'a built-in criteria set cannot be changed');
END;

CREATE TRIGGER criteria_set_audit_insert AFTER INSERT ON criteria_set
WHEN new.builtin = 0
BEGIN
  INSERT INTO audit_log (actor, table_name, row_id, operation, old_json, new_json, app_version)
  VALUES (vastus_actor (), 'criteria_set', new.rowid, 'insert', NULL,
          json_object ('id', new.id, 'version', new.version, 'title', new.title,
                       'based_on', new.based_on),
          vastus_app_version ());
END;

-- Each `evaluate` run: which set version it used, on which date, and its counts.
CREATE TABLE evaluation (
  id           INTEGER PRIMARY KEY,
  episode_id   INTEGER NOT NULL REFERENCES episode (id),
  set_id       TEXT NOT NULL,
  set_version  INTEGER NOT NULL,
  as_of        TEXT NOT NULL CHECK (as_of GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'
                                    AND date (as_of, '+0 days') IS as_of),
  at           TEXT NOT NULL DEFAULT (strftime ('%Y-%m-%dT%H:%M:%fZ', 'now')),
  actor        TEXT NOT NULL,
  met          INTEGER NOT NULL CHECK (met >= 0),
  not_met      INTEGER NOT NULL CHECK (not_met >= 0),
  not_tested   INTEGER NOT NULL CHECK (not_tested >= 0),
  all_met      INTEGER NOT NULL CHECK (all_met IN (0, 1)),
  FOREIGN KEY (set_id, set_version) REFERENCES criteria_set (id, version)
) STRICT;

CREATE INDEX evaluation_by_episode ON evaluation (episode_id, at);

-- Built-in sets, version 1.

-- aclr-late-phase
INSERT INTO criteria_set (id, version, title, source, notes, conditions, builtin, based_on)
VALUES ('aclr-late-phase', 1,
  'ACL reconstruction: late-phase gate before running and gym progression',
  'Delaware ACLR rehabilitation milestones (clinical-reference.md §3.2): Delaware ACLR practice guideline, https://www.readkong.com/page/rehabilitation-after-acl-reconstruction-practice-guidelines-1979155; Delaware milestones as quoted by the TCD trial protocol, https://sites.google.com/tcd.ie/mcphasedaclrehab/home/control-group [secondary]',
  'Quadriceps index above 80 % as in the late-phase row of §3.2 (the pre-operative goal is ≥ 80 %). Full range of motion compared with the other knee is read as extension symmetric (difference ≤ 0°) and flexion within 10°. Normal gait cannot be measured with the catalog and is left out.',
  'aclr', 1, NULL);
INSERT INTO criterion (set_id, set_version, position, id, label, metric, measures, side, comparator, threshold, unit, sex, source) VALUES
  ('aclr-late-phase', 1, 1, 'quadriceps-index', 'Quadriceps index above 80 %', 'lsi', 'quadriceps_mvic quadriceps_isokinetic_60 quadriceps_hhd', 'involved', '>', 80, '%', NULL,
   'Delaware milestones as quoted by the TCD trial protocol, https://sites.google.com/tcd.ie/mcphasedaclrehab/home/control-group [secondary]'),
  ('aclr-late-phase', 1, 2, 'effusion-trace', 'Effusion trace or less', 'value', 'effusion_stroke', 'involved', '<=', 1, 'grade', NULL,
   'Delaware milestones as quoted by the TCD trial protocol, https://sites.google.com/tcd.ie/mcphasedaclrehab/home/control-group [secondary]'),
  ('aclr-late-phase', 1, 3, 'extension-symmetric', 'Knee extension symmetric with the other knee', 'difference', 'knee_extension', 'involved', '<=', 0, 'deg', NULL,
   'Delaware ACLR practice guideline, https://www.readkong.com/page/rehabilitation-after-acl-reconstruction-practice-guidelines-1979155'),
  ('aclr-late-phase', 1, 4, 'flexion-within-10', 'Knee flexion within 10° of the other knee', 'difference', 'knee_flexion', 'involved', '<=', 10, 'deg', NULL,
   'Delaware ACLR practice guideline, https://www.readkong.com/page/rehabilitation-after-acl-reconstruction-practice-guidelines-1979155'),
  ('aclr-late-phase', 1, 5, 'no-extension-lag', 'No extension lag', 'value', 'extension_lag', 'involved', '<=', 0, 'deg', NULL,
   'Delaware ACLR practice guideline, https://www.readkong.com/page/rehabilitation-after-acl-reconstruction-practice-guidelines-1979155');

-- aclr-return-to-running
INSERT INTO criteria_set (id, version, title, source, notes, conditions, builtin, based_on)
VALUES ('aclr-return-to-running', 1,
  'ACL reconstruction: return to running',
  'Rambaud 2018 scoping review (clinical-reference.md §3.5): Rambaud 2018, Br J Sports Med 52:1437, https://bjsm.bmj.com/content/52/22/1437.long; https://mednev.com/acl-rehab-when-can-i-run-again [secondary]; https://www.medicalalgorithms.com/criteria-of-rambaud-et-al-for-the-return-to-running-after-anterior-cruciate-ligament-reconstruction',
  'The median 12 weeks reported is used as a minimum. Range of motion “full or above 95 % of the non-injured knee” is read as flexion LSI above 95 % and extension symmetric. Valgus on step-down is used when no single-leg squat was recorded (“single-leg squat or step-up”).',
  'aclr', 1, NULL);
INSERT INTO criterion (set_id, set_version, position, id, label, metric, measures, side, comparator, threshold, unit, sex, source) VALUES
  ('aclr-return-to-running', 1, 1, 'weeks', 'At least 12 weeks since surgery', 'weeks', '', 'involved', '>=', 12, 'weeks', NULL,
   'Rambaud 2018, Br J Sports Med 52:1437, https://bjsm.bmj.com/content/52/22/1437.long; https://mednev.com/acl-rehab-when-can-i-run-again [secondary]'),
  ('aclr-return-to-running', 1, 2, 'pain', 'Pain below 2/10', 'value', 'pain_nrs', 'involved', '<', 2, 'points', NULL,
   'Rambaud 2018, Br J Sports Med 52:1437, https://bjsm.bmj.com/content/52/22/1437.long; https://mednev.com/acl-rehab-when-can-i-run-again [secondary]'),
  ('aclr-return-to-running', 1, 3, 'flexion-lsi', 'Knee flexion above 95 % of the other knee', 'lsi', 'knee_flexion', 'involved', '>', 95, '%', NULL,
   'Rambaud 2018, Br J Sports Med 52:1437, https://bjsm.bmj.com/content/52/22/1437.long; https://mednev.com/acl-rehab-when-can-i-run-again [secondary]'),
  ('aclr-return-to-running', 1, 4, 'extension-full', 'Full active extension, symmetric with the other knee', 'difference', 'knee_extension', 'involved', '<=', 0, 'deg', NULL,
   'Rambaud 2018, Br J Sports Med 52:1437, https://bjsm.bmj.com/content/52/22/1437.long; https://mednev.com/acl-rehab-when-can-i-run-again [secondary]'),
  ('aclr-return-to-running', 1, 5, 'effusion-none', 'No effusion', 'value', 'effusion_stroke', 'involved', '<=', 0, 'grade', NULL,
   'Rambaud 2018, Br J Sports Med 52:1437, https://bjsm.bmj.com/content/52/22/1437.long; https://mednev.com/acl-rehab-when-can-i-run-again [secondary]'),
  ('aclr-return-to-running', 1, 6, 'quadriceps-lsi', 'Quadriceps strength LSI above 70 %', 'lsi', 'quadriceps_mvic quadriceps_hhd quadriceps_isokinetic_60', 'involved', '>', 70, '%', NULL,
   'Rambaud 2018, Br J Sports Med 52:1437, https://bjsm.bmj.com/content/52/22/1437.long; https://mednev.com/acl-rehab-when-can-i-run-again [secondary]'),
  ('aclr-return-to-running', 1, 7, 'hamstrings-lsi', 'Hamstrings strength LSI above 70 %', 'lsi', 'hamstrings_hhd hamstrings_isokinetic_60', 'involved', '>', 70, '%', NULL,
   'Rambaud 2018, Br J Sports Med 52:1437, https://bjsm.bmj.com/content/52/22/1437.long; https://mednev.com/acl-rehab-when-can-i-run-again [secondary]'),
  ('aclr-return-to-running', 1, 8, 'hop-lsi', 'Single hop LSI above 70 %', 'lsi', 'single_hop', 'involved', '>', 70, '%', NULL,
   'Rambaud 2018, Br J Sports Med 52:1437, https://bjsm.bmj.com/content/52/22/1437.long; https://mednev.com/acl-rehab-when-can-i-run-again [secondary]'),
  ('aclr-return-to-running', 1, 9, 'no-valgus', 'No knee valgus on single-leg squat', 'value', 'single_leg_squat_valgus step_down_valgus', 'involved', '<=', 0, 'bool', NULL,
   'Rambaud 2018, Br J Sports Med 52:1437, https://bjsm.bmj.com/content/52/22/1437.long; https://mednev.com/acl-rehab-when-can-i-run-again [secondary]');

-- aclr-return-to-sport
INSERT INTO criteria_set (id, version, title, source, notes, conditions, builtin, based_on)
VALUES ('aclr-return-to-sport', 1,
  'Delaware-Oslo return-to-sport criteria',
  'Delaware-Oslo ACL cohort (clinical-reference.md §3.1): Grindem 2016, https://bjsm.bmj.com/content/50/13/804.abstract; Adams 2012 Table 5, https://pmc.ncbi.nlm.nih.gov/articles/PMC3576892/table/T5; Grindem 2020, https://pmc.ncbi.nlm.nih.gov/articles/PMC7442843. Thresholds are ≥ 90 as in the 2012 table and the 2020 follow-up (the 2016 abstract says > 90).',
  'Quadriceps index from MVIC, else isokinetic 60°/s, else hand-held dynamometer. The timed hop LSI is uninvolved time / involved time. Clinical impairments (full symmetric ROM, minimal effusion, no soreness) are checked by aclr-late-phase. Return to level I sport is advised no earlier than 9 months.',
  'aclr acl_nonoperative', 1, NULL);
INSERT INTO criterion (set_id, set_version, position, id, label, metric, measures, side, comparator, threshold, unit, sex, source) VALUES
  ('aclr-return-to-sport', 1, 1, 'quadriceps-lsi', 'Quadriceps strength index at least 90 %', 'lsi', 'quadriceps_mvic quadriceps_isokinetic_60 quadriceps_hhd', 'involved', '>=', 90, '%', NULL,
   'Adams 2012 Table 5, https://pmc.ncbi.nlm.nih.gov/articles/PMC3576892/table/T5; Grindem 2020, https://pmc.ncbi.nlm.nih.gov/articles/PMC7442843'),
  ('aclr-return-to-sport', 1, 2, 'single-hop-lsi', 'Single hop LSI at least 90 %', 'lsi', 'single_hop', 'involved', '>=', 90, '%', NULL,
   'Adams 2012 Table 5, https://pmc.ncbi.nlm.nih.gov/articles/PMC3576892/table/T5; Grindem 2020, https://pmc.ncbi.nlm.nih.gov/articles/PMC7442843'),
  ('aclr-return-to-sport', 1, 3, 'crossover-hop-lsi', 'Crossover hop LSI at least 90 %', 'lsi', 'crossover_hop', 'involved', '>=', 90, '%', NULL,
   'Adams 2012 Table 5, https://pmc.ncbi.nlm.nih.gov/articles/PMC3576892/table/T5; Grindem 2020, https://pmc.ncbi.nlm.nih.gov/articles/PMC7442843'),
  ('aclr-return-to-sport', 1, 4, 'triple-hop-lsi', 'Triple hop LSI at least 90 %', 'lsi', 'triple_hop', 'involved', '>=', 90, '%', NULL,
   'Adams 2012 Table 5, https://pmc.ncbi.nlm.nih.gov/articles/PMC3576892/table/T5; Grindem 2020, https://pmc.ncbi.nlm.nih.gov/articles/PMC7442843'),
  ('aclr-return-to-sport', 1, 5, 'timed-hop-lsi', '6 m timed hop LSI at least 90 %', 'lsi', 'timed_hop_6m', 'involved', '>=', 90, '%', NULL,
   'Adams 2012 Table 5, https://pmc.ncbi.nlm.nih.gov/articles/PMC3576892/table/T5; Grindem 2020, https://pmc.ncbi.nlm.nih.gov/articles/PMC7442843'),
  ('aclr-return-to-sport', 1, 6, 'kos-adls', 'KOS-ADLS at least 90', 'value', 'kos_adls', 'involved', '>=', 90, 'points', NULL,
   'Adams 2012 Table 5, https://pmc.ncbi.nlm.nih.gov/articles/PMC3576892/table/T5; Grindem 2020, https://pmc.ncbi.nlm.nih.gov/articles/PMC7442843'),
  ('aclr-return-to-sport', 1, 7, 'global-rating', 'Global rating of knee function at least 90', 'value', 'global_rating', 'involved', '>=', 90, 'points', NULL,
   'Adams 2012 Table 5, https://pmc.ncbi.nlm.nih.gov/articles/PMC3576892/table/T5; Grindem 2020, https://pmc.ncbi.nlm.nih.gov/articles/PMC7442843'),
  ('aclr-return-to-sport', 1, 8, 'weeks', 'At least 12 weeks since surgery', 'weeks', '', 'involved', '>=', 12, 'weeks', NULL,
   'Adams 2012 Table 5, https://pmc.ncbi.nlm.nih.gov/articles/PMC3576892/table/T5');

-- aclr-gokeler
INSERT INTO criteria_set (id, version, title, source, notes, conditions, builtin, based_on)
VALUES ('aclr-gokeler', 1,
  'Gokeler / Welling return-to-sport battery',
  'Gokeler 2017 / Welling 2018 (clinical-reference.md §3.6): Gokeler 2017, https://pmc.ncbi.nlm.nih.gov/articles/PMC5315711; Welling 2018, https://pmc.ncbi.nlm.nih.gov/articles/PMC6267144',
  'LESS below 5 and IKDC at or above the 15th percentile of age and sex norms cannot be measured with the catalog and are left out. The H:Q ratio has a threshold for women and one for men; when the patient''s sex is not recorded as female or male both are listed and not tested.',
  'aclr', 1, NULL);
INSERT INTO criterion (set_id, set_version, position, id, label, metric, measures, side, comparator, threshold, unit, sex, source) VALUES
  ('aclr-gokeler', 1, 1, 'quadriceps-lsi-60', 'Quadriceps LSI at 60°/s above 90 %', 'lsi', 'quadriceps_isokinetic_60', 'involved', '>', 90, '%', NULL,
   'Gokeler 2017, https://pmc.ncbi.nlm.nih.gov/articles/PMC5315711; Welling 2018, https://pmc.ncbi.nlm.nih.gov/articles/PMC6267144'),
  ('aclr-gokeler', 1, 2, 'quadriceps-lsi-180', 'Quadriceps LSI at 180°/s above 90 %', 'lsi', 'quadriceps_isokinetic_180', 'involved', '>', 90, '%', NULL,
   'Gokeler 2017, https://pmc.ncbi.nlm.nih.gov/articles/PMC5315711; Welling 2018, https://pmc.ncbi.nlm.nih.gov/articles/PMC6267144'),
  ('aclr-gokeler', 1, 3, 'quadriceps-lsi-300', 'Quadriceps LSI at 300°/s above 90 %', 'lsi', 'quadriceps_isokinetic_300', 'involved', '>', 90, '%', NULL,
   'Gokeler 2017, https://pmc.ncbi.nlm.nih.gov/articles/PMC5315711; Welling 2018, https://pmc.ncbi.nlm.nih.gov/articles/PMC6267144'),
  ('aclr-gokeler', 1, 4, 'hamstrings-lsi-60', 'Hamstrings LSI at 60°/s above 90 %', 'lsi', 'hamstrings_isokinetic_60', 'involved', '>', 90, '%', NULL,
   'Gokeler 2017, https://pmc.ncbi.nlm.nih.gov/articles/PMC5315711; Welling 2018, https://pmc.ncbi.nlm.nih.gov/articles/PMC6267144'),
  ('aclr-gokeler', 1, 5, 'hamstrings-lsi-180', 'Hamstrings LSI at 180°/s above 90 %', 'lsi', 'hamstrings_isokinetic_180', 'involved', '>', 90, '%', NULL,
   'Gokeler 2017, https://pmc.ncbi.nlm.nih.gov/articles/PMC5315711; Welling 2018, https://pmc.ncbi.nlm.nih.gov/articles/PMC6267144'),
  ('aclr-gokeler', 1, 6, 'hamstrings-lsi-300', 'Hamstrings LSI at 300°/s above 90 %', 'lsi', 'hamstrings_isokinetic_300', 'involved', '>', 90, '%', NULL,
   'Gokeler 2017, https://pmc.ncbi.nlm.nih.gov/articles/PMC5315711; Welling 2018, https://pmc.ncbi.nlm.nih.gov/articles/PMC6267144'),
  ('aclr-gokeler', 1, 7, 'quadriceps-60-per-kg', 'Involved quadriceps at 60°/s above 3.0 Nm/kg', 'normalized', 'quadriceps_isokinetic_60', 'involved', '>', 3, 'Nm/kg', NULL,
   'Gokeler 2017, https://pmc.ncbi.nlm.nih.gov/articles/PMC5315711; Welling 2018, https://pmc.ncbi.nlm.nih.gov/articles/PMC6267144'),
  ('aclr-gokeler', 1, 8, 'hq-300-female', 'Hamstrings:quadriceps ratio at 300°/s above 55 % (women)', 'ratio', 'hamstrings_isokinetic_300', 'involved', '>', 55, '%', 'female',
   'Gokeler 2017, https://pmc.ncbi.nlm.nih.gov/articles/PMC5315711; Welling 2018, https://pmc.ncbi.nlm.nih.gov/articles/PMC6267144'),
  ('aclr-gokeler', 1, 9, 'hq-300-male', 'Hamstrings:quadriceps ratio at 300°/s above 62.5 % (men)', 'ratio', 'hamstrings_isokinetic_300', 'involved', '>', 62.5, '%', 'male',
   'Gokeler 2017, https://pmc.ncbi.nlm.nih.gov/articles/PMC5315711; Welling 2018, https://pmc.ncbi.nlm.nih.gov/articles/PMC6267144'),
  ('aclr-gokeler', 1, 10, 'single-hop-lsi', 'Single hop LSI above 90 %', 'lsi', 'single_hop', 'involved', '>', 90, '%', NULL,
   'Gokeler 2017, https://pmc.ncbi.nlm.nih.gov/articles/PMC5315711; Welling 2018, https://pmc.ncbi.nlm.nih.gov/articles/PMC6267144'),
  ('aclr-gokeler', 1, 11, 'triple-hop-lsi', 'Triple hop LSI above 90 %', 'lsi', 'triple_hop', 'involved', '>', 90, '%', NULL,
   'Gokeler 2017, https://pmc.ncbi.nlm.nih.gov/articles/PMC5315711; Welling 2018, https://pmc.ncbi.nlm.nih.gov/articles/PMC6267144'),
  ('aclr-gokeler', 1, 12, 'side-hop-lsi', 'Side hop LSI above 90 %', 'lsi', 'side_hop_30s', 'involved', '>', 90, '%', NULL,
   'Gokeler 2017, https://pmc.ncbi.nlm.nih.gov/articles/PMC5315711; Welling 2018, https://pmc.ncbi.nlm.nih.gov/articles/PMC6267144'),
  ('aclr-gokeler', 1, 13, 'acl-rsi', 'ACL-RSI above 56', 'value', 'acl_rsi', 'involved', '>', 56, 'points', NULL,
   'Gokeler 2017, https://pmc.ncbi.nlm.nih.gov/articles/PMC5315711; Welling 2018, https://pmc.ncbi.nlm.nih.gov/articles/PMC6267144');

-- pfp-return-to-activity
INSERT INTO criteria_set (id, version, title, source, notes, conditions, builtin, based_on)
VALUES ('pfp-return-to-activity', 1,
  'Patellofemoral pain: return to activity',
  'Suggested default PFP set (clinical-reference.md §3.11) [background, to be confirmed by a clinician]; Willy 2019 CPG, https://it.scribd.com/document/432380294/jospt-2019-0302-pdf; Treatment success AKPS ≥ +8, https://nata.kglmeridian.com/view/journals/attr/53/6/article-p545.xml',
  'Hip strength above normative %BW has no normative value in the reference and is left out. The Kujala change is now minus the baseline-marked value, else the episode''s first recorded value. When both knees are involved the LSI criteria are not tested and the valgus criteria read both legs.',
  'pfp', 1, NULL);
INSERT INTO criterion (set_id, set_version, position, id, label, metric, measures, side, comparator, threshold, unit, sex, source) VALUES
  ('pfp-return-to-activity', 1, 1, 'pain', 'Worst pain with provocative tasks 2/10 or less', 'value', 'pain_nrs', 'involved', '<=', 2, 'points', NULL,
   'Suggested default, clinical-reference.md §3.11 [background, to be confirmed by a clinician]'),
  ('pfp-return-to-activity', 1, 2, 'kujala-change', 'Kujala (AKPS) improved by at least 8 points', 'difference', 'kujala', 'involved', '>=', 8, 'points', NULL,
   'Treatment success AKPS ≥ +8, https://nata.kglmeridian.com/view/journals/attr/53/6/article-p545.xml'),
  ('pfp-return-to-activity', 1, 3, 'hip-abduction-lsi', 'Hip abduction LSI at least 90 %', 'lsi', 'hip_abduction_hhd', 'involved', '>=', 90, '%', NULL,
   'Suggested default, clinical-reference.md §3.11 [background, to be confirmed by a clinician]'),
  ('pfp-return-to-activity', 1, 4, 'hip-external-rotation-lsi', 'Hip external rotation LSI at least 90 %', 'lsi', 'hip_external_rotation_hhd', 'involved', '>=', 90, '%', NULL,
   'Suggested default, clinical-reference.md §3.11 [background, to be confirmed by a clinician]'),
  ('pfp-return-to-activity', 1, 5, 'quadriceps-lsi', 'Quadriceps LSI at least 90 %', 'lsi', 'quadriceps_hhd quadriceps_mvic quadriceps_isokinetic_60', 'involved', '>=', 90, '%', NULL,
   'Suggested default, clinical-reference.md §3.11 [background, to be confirmed by a clinician]'),
  ('pfp-return-to-activity', 1, 6, 'step-down-no-valgus', 'No knee valgus on step-down', 'value', 'step_down_valgus', 'involved', '<=', 0, 'bool', NULL,
   'Suggested default, clinical-reference.md §3.11 [background, to be confirmed by a clinician]'),
  ('pfp-return-to-activity', 1, 7, 'single-leg-squat-no-valgus', 'No knee valgus on single-leg squat', 'value', 'single_leg_squat_valgus', 'involved', '<=', 0, 'bool', NULL,
   'Suggested default, clinical-reference.md §3.11 [background, to be confirmed by a clinician]');

-- tka-milestones
INSERT INTO criteria_set (id, version, title, source, notes, conditions, builtin, based_on)
VALUES ('tka-milestones', 1,
  'Knee arthroplasty milestones',
  'Knee arthroplasty (clinical-reference.md §3.10): Ebert 2014, Arch Phys Med Rehabil 95:1135, https://tr.scribd.com/document/301436009/2014-Guidelines-RTC-Flexion-Activa; APTA TKA CPG summary, https://www.guidelinecentral.com/guideline/300177/pocket-guide/1062057/',
  'Flexion milestones from Ebert 2014; the week targets are read from the first-met dates. The CPG outcome set (KOOS JR, 30 s chair stand, TUG at the first and last visit) has no threshold and KOOS JR is not in the catalog, so none is a criterion. Return to work (mean 7.7 weeks) is an outcome, not a criterion.',
  'tka', 1, NULL);
INSERT INTO criterion (set_id, set_version, position, id, label, metric, measures, side, comparator, threshold, unit, sex, source) VALUES
  ('tka-milestones', 1, 1, 'flexion-80', 'Active knee flexion at least 80° (weeks 1–2)', 'value', 'knee_flexion', 'involved', '>=', 80, 'deg', NULL,
   'Ebert 2014, Arch Phys Med Rehabil 95:1135, https://tr.scribd.com/document/301436009/2014-Guidelines-RTC-Flexion-Activa'),
  ('tka-milestones', 1, 2, 'flexion-100', 'Active knee flexion at least 100° (by week 7)', 'value', 'knee_flexion', 'involved', '>=', 100, 'deg', NULL,
   'Ebert 2014, Arch Phys Med Rehabil 95:1135, https://tr.scribd.com/document/301436009/2014-Guidelines-RTC-Flexion-Activa');
