-- 006-verdict.sql: what a verdict needs: built-in sets as their sources have them, the test
-- condition fixation as a closed list, and which window an evaluation used.
--
-- Built-in sets, version 2 (src/model/vastus-criteria-builtin.c; tests/test-criteria-store.c
-- checks that these rows equal the model's data exactly). Version 1 stays: evaluations and
-- reports name the version they used, and a clinic's copies keep what they were copied from.
--   aclr-late-phase: full range of motion as the late-phase gate asks (flexion above 95 % of
--     the other knee), not the pre-operative "flexion within 10°";
--   aclr-return-to-sport: 12 weeks labelled as the minimum to begin a return-to-sport
--     progression, at least 39 weeks (9 months) since surgery, effusion trace or less, knee
--     flexion LSI above 95 %, knee extension difference ≤ 0°;
--   aclr-gokeler: LESS below 5 errors; marked partial, without the IKDC norm criterion.
--
-- Fixation (clinical-reference §0.5, §4): "belt", "frame" or "manual". Earlier versions took
-- free text; the spellings that clearly name one of the three are rewritten to it here (the
-- audit trail records each change); any other text is left as recorded (it counts as not
-- fixed). From now on the schema refuses anything else, as the model's validation does.
--
-- evaluation.max_age_weeks is the stale window used (0: none) and evaluation.ready the verdict;
-- both NULL for evaluations recorded before this version.

ALTER TABLE evaluation ADD COLUMN max_age_weeks REAL CHECK (max_age_weeks IS NULL OR max_age_weeks >= 0);
ALTER TABLE evaluation ADD COLUMN ready INTEGER CHECK (ready IS NULL OR ready IN (0, 1));

UPDATE measurement
SET fixation = CASE lower (trim (fixation))
                 WHEN 'belt' THEN 'belt'
                 WHEN 'belted' THEN 'belt'
                 WHEN 'belt-fixed' THEN 'belt'
                 WHEN 'belt fixed' THEN 'belt'
                 WHEN 'frame' THEN 'frame'
                 WHEN 'frame-fixed' THEN 'frame'
                 WHEN 'manual' THEN 'manual'
                 WHEN 'hand-held' THEN 'manual'
                 WHEN 'handheld' THEN 'manual'
                 WHEN 'hand held' THEN 'manual'
                 WHEN 'by hand' THEN 'manual'
               END,
    updated_at = strftime ('%Y-%m-%dT%H:%M:%fZ', 'now')
WHERE fixation IS NOT NULL AND fixation NOT IN ('belt', 'frame', 'manual')
  AND lower (trim (fixation)) IN ('belt', 'belted', 'belt-fixed', 'belt fixed', 'frame',
                                  'frame-fixed', 'manual', 'hand-held', 'handheld', 'hand held',
                                  'by hand');

CREATE TRIGGER measurement_fixation_insert BEFORE INSERT ON measurement
WHEN new.fixation IS NOT NULL AND new.fixation NOT IN ('belt', 'frame', 'manual')
BEGIN
  SELECT RAISE (ABORT, 'fixation must be belt, frame or manual');
END;

CREATE TRIGGER measurement_fixation_update BEFORE UPDATE OF fixation ON measurement
WHEN new.fixation IS NOT old.fixation AND new.fixation IS NOT NULL
     AND new.fixation NOT IN ('belt', 'frame', 'manual')
BEGIN
  SELECT RAISE (ABORT, 'fixation must be belt, frame or manual');
END;

-- aclr-late-phase, version 2
INSERT INTO criteria_set (id, version, title, source, notes, conditions, builtin, based_on)
VALUES ('aclr-late-phase', 2,
  'ACL reconstruction: late-phase gate before running and gym progression',
  'Delaware ACLR rehabilitation milestones (clinical-reference.md §3.2): Delaware ACLR practice guideline, https://www.readkong.com/page/rehabilitation-after-acl-reconstruction-practice-guidelines-1979155; Delaware milestones as quoted by the TCD trial protocol, https://sites.google.com/tcd.ie/mcphasedaclrehab/home/control-group [secondary]',
  'Quadriceps index above 80 % as in the late-phase row of §3.2 (the pre-operative goal is ≥ 80 %). The gate''s full range of motion compared with the other knee is read as the return-to-running set reads it (Rambaud 2018, §3.5): extension symmetric (difference ≤ 0°) and flexion above 95 % of the other knee. Version 1 asked for flexion within 10°, which is the Delaware pre-operative goal, not this gate. Normal gait cannot be measured with the catalog and is left out.',
  'aclr', 1, NULL);
INSERT INTO criterion (set_id, set_version, position, id, label, metric, measures, side, comparator, threshold, unit, sex, source) VALUES
  ('aclr-late-phase', 2, 1, 'quadriceps-index', 'Quadriceps index above 80 %', 'lsi', 'quadriceps_mvic quadriceps_isokinetic_60 quadriceps_hhd', 'involved', '>', 80, '%', NULL,
   'Delaware milestones as quoted by the TCD trial protocol, https://sites.google.com/tcd.ie/mcphasedaclrehab/home/control-group [secondary]'),
  ('aclr-late-phase', 2, 2, 'effusion-trace', 'Effusion trace or less', 'value', 'effusion_stroke', 'involved', '<=', 1, 'grade', NULL,
   'Delaware milestones as quoted by the TCD trial protocol, https://sites.google.com/tcd.ie/mcphasedaclrehab/home/control-group [secondary]'),
  ('aclr-late-phase', 2, 3, 'extension-symmetric', 'Knee extension symmetric with the other knee', 'difference', 'knee_extension', 'involved', '<=', 0, 'deg', NULL,
   'Delaware ACLR practice guideline, https://www.readkong.com/page/rehabilitation-after-acl-reconstruction-practice-guidelines-1979155'),
  ('aclr-late-phase', 2, 4, 'flexion-lsi', 'Knee flexion above 95 % of the other knee', 'lsi', 'knee_flexion', 'involved', '>', 95, '%', NULL,
   'Delaware milestones as quoted by the TCD trial protocol, https://sites.google.com/tcd.ie/mcphasedaclrehab/home/control-group [secondary]; full range read as in Rambaud 2018, Br J Sports Med 52:1437, https://bjsm.bmj.com/content/52/22/1437.long; https://mednev.com/acl-rehab-when-can-i-run-again [secondary]'),
  ('aclr-late-phase', 2, 5, 'no-extension-lag', 'No extension lag', 'value', 'extension_lag', 'involved', '<=', 0, 'deg', NULL,
   'Delaware ACLR practice guideline, https://www.readkong.com/page/rehabilitation-after-acl-reconstruction-practice-guidelines-1979155');

-- aclr-return-to-sport, version 2
INSERT INTO criteria_set (id, version, title, source, notes, conditions, builtin, based_on)
VALUES ('aclr-return-to-sport', 2,
  'Delaware-Oslo return-to-sport criteria',
  'Delaware-Oslo ACL cohort (clinical-reference.md §3.1): Grindem 2016, https://bjsm.bmj.com/content/50/13/804.abstract; Adams 2012 Table 5, https://pmc.ncbi.nlm.nih.gov/articles/PMC3576892/table/T5; Grindem 2020, https://pmc.ncbi.nlm.nih.gov/articles/PMC7442843; Delaware-Oslo clinical impairments, http://dx.doi.org/10.1007/978-3-662-55713-6_10. Thresholds are ≥ 90 as in the 2012 table and the 2020 follow-up (the 2016 abstract says > 90).',
  'Quadriceps index from MVIC, else isokinetic 60°/s, else hand-held dynamometer (named with the result; one without a belt or frame holds the verdict). The timed hop LSI is uninvolved time / involved time. 12 weeks is the minimum to begin a return-to-sport progression (Adams 2012 Table 5), not to return: 39 weeks (9 months) is the earliest return the source advises (Grindem 2016: each month of delay up to 9 months cut the reinjury rate by 51 %). The clinical impairments of §3.1 are criteria: full symmetric range of motion read as in aclr-return-to-running (flexion LSI above 95 %, extension difference ≤ 0°) and minimal to no effusion as trace or less. Joint soreness is left to the safety rules (the pain flag).',
  'aclr acl_nonoperative', 1, NULL);
INSERT INTO criterion (set_id, set_version, position, id, label, metric, measures, side, comparator, threshold, unit, sex, source) VALUES
  ('aclr-return-to-sport', 2, 1, 'quadriceps-lsi', 'Quadriceps strength index at least 90 %', 'lsi', 'quadriceps_mvic quadriceps_isokinetic_60 quadriceps_hhd', 'involved', '>=', 90, '%', NULL,
   'Adams 2012 Table 5, https://pmc.ncbi.nlm.nih.gov/articles/PMC3576892/table/T5; Grindem 2020, https://pmc.ncbi.nlm.nih.gov/articles/PMC7442843'),
  ('aclr-return-to-sport', 2, 2, 'single-hop-lsi', 'Single hop LSI at least 90 %', 'lsi', 'single_hop', 'involved', '>=', 90, '%', NULL,
   'Adams 2012 Table 5, https://pmc.ncbi.nlm.nih.gov/articles/PMC3576892/table/T5; Grindem 2020, https://pmc.ncbi.nlm.nih.gov/articles/PMC7442843'),
  ('aclr-return-to-sport', 2, 3, 'crossover-hop-lsi', 'Crossover hop LSI at least 90 %', 'lsi', 'crossover_hop', 'involved', '>=', 90, '%', NULL,
   'Adams 2012 Table 5, https://pmc.ncbi.nlm.nih.gov/articles/PMC3576892/table/T5; Grindem 2020, https://pmc.ncbi.nlm.nih.gov/articles/PMC7442843'),
  ('aclr-return-to-sport', 2, 4, 'triple-hop-lsi', 'Triple hop LSI at least 90 %', 'lsi', 'triple_hop', 'involved', '>=', 90, '%', NULL,
   'Adams 2012 Table 5, https://pmc.ncbi.nlm.nih.gov/articles/PMC3576892/table/T5; Grindem 2020, https://pmc.ncbi.nlm.nih.gov/articles/PMC7442843'),
  ('aclr-return-to-sport', 2, 5, 'timed-hop-lsi', '6 m timed hop LSI at least 90 %', 'lsi', 'timed_hop_6m', 'involved', '>=', 90, '%', NULL,
   'Adams 2012 Table 5, https://pmc.ncbi.nlm.nih.gov/articles/PMC3576892/table/T5; Grindem 2020, https://pmc.ncbi.nlm.nih.gov/articles/PMC7442843'),
  ('aclr-return-to-sport', 2, 6, 'kos-adls', 'KOS-ADLS at least 90', 'value', 'kos_adls', 'involved', '>=', 90, 'points', NULL,
   'Adams 2012 Table 5, https://pmc.ncbi.nlm.nih.gov/articles/PMC3576892/table/T5; Grindem 2020, https://pmc.ncbi.nlm.nih.gov/articles/PMC7442843'),
  ('aclr-return-to-sport', 2, 7, 'global-rating', 'Global rating of knee function at least 90', 'value', 'global_rating', 'involved', '>=', 90, 'points', NULL,
   'Adams 2012 Table 5, https://pmc.ncbi.nlm.nih.gov/articles/PMC3576892/table/T5; Grindem 2020, https://pmc.ncbi.nlm.nih.gov/articles/PMC7442843'),
  ('aclr-return-to-sport', 2, 8, 'weeks', 'At least 12 weeks since surgery: the minimum to begin a return-to-sport progression', 'weeks', '', 'involved', '>=', 12, 'weeks', NULL,
   'Adams 2012 Table 5, https://pmc.ncbi.nlm.nih.gov/articles/PMC3576892/table/T5'),
  ('aclr-return-to-sport', 2, 9, 'weeks-9-months', 'At least 39 weeks (9 months) since surgery before return to sport', 'weeks', '', 'involved', '>=', 39, 'weeks', NULL,
   'Grindem 2016, https://bjsm.bmj.com/content/50/13/804.abstract (each month of delay up to 9 months cut the reinjury rate by 51 %)'),
  ('aclr-return-to-sport', 2, 10, 'effusion-trace', 'Effusion trace or less', 'value', 'effusion_stroke', 'involved', '<=', 1, 'grade', NULL,
   'Delaware-Oslo clinical impairments, http://dx.doi.org/10.1007/978-3-662-55713-6_10'),
  ('aclr-return-to-sport', 2, 11, 'flexion-lsi', 'Knee flexion above 95 % of the other knee', 'lsi', 'knee_flexion', 'involved', '>', 95, '%', NULL,
   'Delaware-Oslo clinical impairments, http://dx.doi.org/10.1007/978-3-662-55713-6_10; full range read as in Rambaud 2018, Br J Sports Med 52:1437, https://bjsm.bmj.com/content/52/22/1437.long; https://mednev.com/acl-rehab-when-can-i-run-again [secondary]'),
  ('aclr-return-to-sport', 2, 12, 'extension-symmetric', 'Knee extension symmetric with the other knee', 'difference', 'knee_extension', 'involved', '<=', 0, 'deg', NULL,
   'Delaware-Oslo clinical impairments, http://dx.doi.org/10.1007/978-3-662-55713-6_10');

-- aclr-gokeler, version 2
INSERT INTO criteria_set (id, version, title, source, notes, conditions, builtin, based_on)
VALUES ('aclr-gokeler', 2,
  'Gokeler / Welling return-to-sport battery (partial: without the IKDC norm)',
  'Gokeler 2017 / Welling 2018 (clinical-reference.md §3.6): Gokeler 2017, https://pmc.ncbi.nlm.nih.gov/articles/PMC5315711; Welling 2018, https://pmc.ncbi.nlm.nih.gov/articles/PMC6267144',
  'Partial: the published battery also asks for an IKDC score at or above the 15th percentile of age- and sex-matched norms (Anderson 2006). Vastus does not carry that normative table, so this set is not the whole battery and its verdict cannot stand for it. LESS below 5 errors reads less_score (the mean of the jumps). The H:Q ratio has a threshold for women and one for men; when the patient''s sex is not recorded as female or male both are listed and not tested.',
  'aclr', 1, NULL);
INSERT INTO criterion (set_id, set_version, position, id, label, metric, measures, side, comparator, threshold, unit, sex, source) VALUES
  ('aclr-gokeler', 2, 1, 'quadriceps-lsi-60', 'Quadriceps LSI at 60°/s above 90 %', 'lsi', 'quadriceps_isokinetic_60', 'involved', '>', 90, '%', NULL,
   'Gokeler 2017, https://pmc.ncbi.nlm.nih.gov/articles/PMC5315711; Welling 2018, https://pmc.ncbi.nlm.nih.gov/articles/PMC6267144'),
  ('aclr-gokeler', 2, 2, 'quadriceps-lsi-180', 'Quadriceps LSI at 180°/s above 90 %', 'lsi', 'quadriceps_isokinetic_180', 'involved', '>', 90, '%', NULL,
   'Gokeler 2017, https://pmc.ncbi.nlm.nih.gov/articles/PMC5315711; Welling 2018, https://pmc.ncbi.nlm.nih.gov/articles/PMC6267144'),
  ('aclr-gokeler', 2, 3, 'quadriceps-lsi-300', 'Quadriceps LSI at 300°/s above 90 %', 'lsi', 'quadriceps_isokinetic_300', 'involved', '>', 90, '%', NULL,
   'Gokeler 2017, https://pmc.ncbi.nlm.nih.gov/articles/PMC5315711; Welling 2018, https://pmc.ncbi.nlm.nih.gov/articles/PMC6267144'),
  ('aclr-gokeler', 2, 4, 'hamstrings-lsi-60', 'Hamstrings LSI at 60°/s above 90 %', 'lsi', 'hamstrings_isokinetic_60', 'involved', '>', 90, '%', NULL,
   'Gokeler 2017, https://pmc.ncbi.nlm.nih.gov/articles/PMC5315711; Welling 2018, https://pmc.ncbi.nlm.nih.gov/articles/PMC6267144'),
  ('aclr-gokeler', 2, 5, 'hamstrings-lsi-180', 'Hamstrings LSI at 180°/s above 90 %', 'lsi', 'hamstrings_isokinetic_180', 'involved', '>', 90, '%', NULL,
   'Gokeler 2017, https://pmc.ncbi.nlm.nih.gov/articles/PMC5315711; Welling 2018, https://pmc.ncbi.nlm.nih.gov/articles/PMC6267144'),
  ('aclr-gokeler', 2, 6, 'hamstrings-lsi-300', 'Hamstrings LSI at 300°/s above 90 %', 'lsi', 'hamstrings_isokinetic_300', 'involved', '>', 90, '%', NULL,
   'Gokeler 2017, https://pmc.ncbi.nlm.nih.gov/articles/PMC5315711; Welling 2018, https://pmc.ncbi.nlm.nih.gov/articles/PMC6267144'),
  ('aclr-gokeler', 2, 7, 'quadriceps-60-per-kg', 'Involved quadriceps at 60°/s above 3.0 Nm/kg', 'normalized', 'quadriceps_isokinetic_60', 'involved', '>', 3, 'Nm/kg', NULL,
   'Gokeler 2017, https://pmc.ncbi.nlm.nih.gov/articles/PMC5315711; Welling 2018, https://pmc.ncbi.nlm.nih.gov/articles/PMC6267144'),
  ('aclr-gokeler', 2, 8, 'hq-300-female', 'Hamstrings:quadriceps ratio at 300°/s above 55 % (women)', 'ratio', 'hamstrings_isokinetic_300', 'involved', '>', 55, '%', 'female',
   'Gokeler 2017, https://pmc.ncbi.nlm.nih.gov/articles/PMC5315711; Welling 2018, https://pmc.ncbi.nlm.nih.gov/articles/PMC6267144'),
  ('aclr-gokeler', 2, 9, 'hq-300-male', 'Hamstrings:quadriceps ratio at 300°/s above 62.5 % (men)', 'ratio', 'hamstrings_isokinetic_300', 'involved', '>', 62.5, '%', 'male',
   'Gokeler 2017, https://pmc.ncbi.nlm.nih.gov/articles/PMC5315711; Welling 2018, https://pmc.ncbi.nlm.nih.gov/articles/PMC6267144'),
  ('aclr-gokeler', 2, 10, 'single-hop-lsi', 'Single hop LSI above 90 %', 'lsi', 'single_hop', 'involved', '>', 90, '%', NULL,
   'Gokeler 2017, https://pmc.ncbi.nlm.nih.gov/articles/PMC5315711; Welling 2018, https://pmc.ncbi.nlm.nih.gov/articles/PMC6267144'),
  ('aclr-gokeler', 2, 11, 'triple-hop-lsi', 'Triple hop LSI above 90 %', 'lsi', 'triple_hop', 'involved', '>', 90, '%', NULL,
   'Gokeler 2017, https://pmc.ncbi.nlm.nih.gov/articles/PMC5315711; Welling 2018, https://pmc.ncbi.nlm.nih.gov/articles/PMC6267144'),
  ('aclr-gokeler', 2, 12, 'side-hop-lsi', 'Side hop LSI above 90 %', 'lsi', 'side_hop_30s', 'involved', '>', 90, '%', NULL,
   'Gokeler 2017, https://pmc.ncbi.nlm.nih.gov/articles/PMC5315711; Welling 2018, https://pmc.ncbi.nlm.nih.gov/articles/PMC6267144'),
  ('aclr-gokeler', 2, 13, 'less', 'Landing Error Scoring System below 5 errors', 'value', 'less_score', 'involved', '<', 5, 'count', NULL,
   'Gokeler 2017, https://pmc.ncbi.nlm.nih.gov/articles/PMC5315711; Welling 2018, https://pmc.ncbi.nlm.nih.gov/articles/PMC6267144'),
  ('aclr-gokeler', 2, 14, 'acl-rsi', 'ACL-RSI above 56', 'value', 'acl_rsi', 'involved', '>', 56, 'points', NULL,
   'Gokeler 2017, https://pmc.ncbi.nlm.nih.gov/articles/PMC5315711; Welling 2018, https://pmc.ncbi.nlm.nih.gov/articles/PMC6267144');
