-- 008-one-visit-a-day.sql: a patient has one visit a day, and a visit one measurement per
-- measure, side and trial; the copies that simultaneous imports made are merged.
--
-- Two imports of one file at the same time (a double click, two workstations) each looked for the
-- file's visits before writing, found none, and each added them: every visit twice. Import now
-- looks under the write lock, and the schema refuses a second copy:
--  * visit_one_a_day_insert/_update: a live visit may not take a date on which its patient has
--    another live visit (the patient is the episode's, so these are triggers, not an index). A
--    deleted visit comes back only to a free date. They fire only when a visit takes a date (by
--    insert, a new date or episode, or a restore), so that visits older than this rule stay
--    editable.
--  * measurement_one_per_trial: a unique index over live measurements (visit, measure, side,
--    trial); deleted ones do not count, so a deleted value can be entered again.
--
-- What is there already is merged, and nothing is lost: a copy is soft-deleted (kept, hidden,
-- audited, with deleted_by naming the row it duplicates), never removed.
--  * Live visits of one episode on one date: the first (lowest id) stays. Each measurement slot
--    (measure, side, trial) of the group keeps one measurement: the first one's own, else the
--    first of the copies, moved into it. The other measurements of the slot are soft-deleted.
--    Then the copies of the visit, empty now, are soft-deleted.
--  * Two live measurements of one visit in one slot: the first stays, the others are
--    soft-deleted.
-- What could not be merged is written to schema_upgrade_note, which Vastus shows after the
-- upgrade: measurements of one slot with different values (the first is kept, the others are
-- deleted rows to compare), visit copies whose details differ (clinician, body mass, height,
-- notes, findings), and a patient's visits on one date in two episodes of care, which are left as
-- they are (both stay; a further one on that date is refused).

CREATE TABLE schema_upgrade_note (
  id              INTEGER PRIMARY KEY,
  schema_version  INTEGER NOT NULL,
  at              TEXT NOT NULL DEFAULT (strftime ('%Y-%m-%dT%H:%M:%fZ', 'now')),
  table_name      TEXT NOT NULL,
  row_id          INTEGER,
  message         TEXT NOT NULL
) STRICT;

-- Live visits of one episode on one date, with the one that stays.
CREATE TEMP TABLE u8_visit (
  id      INTEGER PRIMARY KEY,
  keeper  INTEGER NOT NULL
);

INSERT INTO u8_visit (id, keeper)
  SELECT v.id, g.keeper
    FROM visit v
    JOIN (SELECT episode_id, date, min (id) AS keeper
            FROM visit WHERE deleted_at IS NULL
           GROUP BY episode_id, date HAVING count (*) > 1) g
      ON g.episode_id = v.episode_id AND g.date = v.date
   WHERE v.deleted_at IS NULL;

-- Live measurements that share a slot: those of visit copies, and those of one visit.
CREATE TEMP TABLE u8_measurement (
  id         INTEGER PRIMARY KEY,
  visit_id   INTEGER NOT NULL,
  keeper     INTEGER NOT NULL,
  measure    TEXT NOT NULL,
  side       TEXT NOT NULL,
  trial      INTEGER NOT NULL,
  canonical  INTEGER,
  same       INTEGER
);

INSERT INTO u8_measurement (id, visit_id, keeper, measure, side, trial)
  SELECT m.id, m.visit_id, u.keeper, m.measure, m.side, m.trial
    FROM measurement m JOIN u8_visit u ON u.id = m.visit_id
   WHERE m.deleted_at IS NULL;

INSERT INTO u8_measurement (id, visit_id, keeper, measure, side, trial)
  SELECT m.id, m.visit_id, m.visit_id, m.measure, m.side, m.trial
    FROM measurement m
    JOIN (SELECT visit_id, measure, side, trial
            FROM measurement WHERE deleted_at IS NULL
           GROUP BY visit_id, measure, side, trial HAVING count (*) > 1) d
      ON d.visit_id = m.visit_id AND d.measure = m.measure AND d.side = m.side
         AND d.trial = m.trial
   WHERE m.deleted_at IS NULL AND m.visit_id NOT IN (SELECT id FROM u8_visit);

CREATE INDEX temp.u8_measurement_by_slot ON u8_measurement (keeper, measure, side, trial);

-- The one that stays in each slot: the first of the kept visit's own, else the first copy.
UPDATE u8_measurement
   SET canonical = (SELECT s.id FROM u8_measurement s
                     WHERE s.keeper = u8_measurement.keeper AND s.measure = u8_measurement.measure
                       AND s.side = u8_measurement.side AND s.trial = u8_measurement.trial
                     ORDER BY s.visit_id <> s.keeper, s.id LIMIT 1);

-- The same measurement: what an import compares, and the test conditions it cannot write.
UPDATE u8_measurement
   SET same = (SELECT m.value IS c.value AND m.baseline IS c.baseline
                      AND m.knee_angle_deg IS c.knee_angle_deg
                      AND m.velocity_deg_s IS c.velocity_deg_s
                      AND m.lever_arm_m IS c.lever_arm_m AND m.fixation IS c.fixation
                 FROM measurement m, measurement c
                WHERE m.id = u8_measurement.id AND c.id = u8_measurement.canonical);

INSERT INTO schema_upgrade_note (schema_version, table_name, row_id, message)
  SELECT 8, 'measurement', u.id,
         printf ('Patient %s, visit of %s: %s, %s, trial %d was stored twice with different data '
                 || '(measurement %d: %s %s; measurement %d: %s %s). Measurement %d is kept; '
                 || 'measurement %d is kept as a deleted row. Check which one is right.',
                 p.mrn, v.date, m.measure, m.side, m.trial,
                 c.id, CAST (c.value AS TEXT), ifnull (c.unit, ''),
                 m.id, CAST (m.value AS TEXT), ifnull (m.unit, ''), c.id, m.id)
    FROM u8_measurement u
    JOIN measurement m ON m.id = u.id
    JOIN measurement c ON c.id = u.canonical
    JOIN visit v ON v.id = u.keeper
    JOIN episode e ON e.id = v.episode_id
    JOIN patient p ON p.id = e.patient_id
   WHERE u.id <> u.canonical AND NOT u.same
   ORDER BY u.id;

UPDATE measurement
   SET deleted_at = strftime ('%Y-%m-%dT%H:%M:%fZ', 'now'),
       deleted_by = (SELECT CASE WHEN u.same
                                 THEN 'schema upgrade 8: a copy of measurement ' || u.canonical
                                 ELSE 'schema upgrade 8: differs from measurement ' || u.canonical
                                      || ' (see schema_upgrade_note)' END
                       FROM u8_measurement u WHERE u.id = measurement.id)
 WHERE id IN (SELECT id FROM u8_measurement WHERE id <> canonical);

UPDATE measurement
   SET visit_id = (SELECT u.keeper FROM u8_measurement u WHERE u.id = measurement.id),
       updated_at = strftime ('%Y-%m-%dT%H:%M:%fZ', 'now')
 WHERE id IN (SELECT id FROM u8_measurement WHERE id = canonical AND visit_id <> keeper);

INSERT INTO schema_upgrade_note (schema_version, table_name, row_id, message)
  SELECT 8, 'visit', d.id,
         printf ('Patient %s: visits %d and %d were both on %s, with different details '
                 || '(clinician, body mass, height, notes or findings). Visit %d is kept with its '
                 || 'details and the measurements of both; visit %d is kept as a deleted row. '
                 || 'Check its details.',
                 p.mrn, k.id, d.id, d.date, k.id, d.id)
    FROM u8_visit u
    JOIN visit d ON d.id = u.id
    JOIN visit k ON k.id = u.keeper
    JOIN episode e ON e.id = d.episode_id
    JOIN patient p ON p.id = e.patient_id
   WHERE u.id <> u.keeper
     AND NOT (d.clinician IS k.clinician AND d.body_mass_kg IS k.body_mass_kg
              AND d.height_cm IS k.height_cm AND d.notes IS k.notes AND d.findings IS k.findings)
   ORDER BY d.id;

UPDATE visit
   SET deleted_at = strftime ('%Y-%m-%dT%H:%M:%fZ', 'now'),
       deleted_by = 'schema upgrade 8: merged into visit '
                    || (SELECT u.keeper FROM u8_visit u WHERE u.id = visit.id)
 WHERE id IN (SELECT id FROM u8_visit WHERE id <> keeper);

INSERT INTO schema_upgrade_note (schema_version, table_name, row_id, message)
  SELECT 8, 'visit', NULL,
         printf ('%d visits were stored twice (or more) on one day in one episode: each was '
                 || 'merged into the first, and %d measurements stored twice were merged. The '
                 || 'copies are kept as deleted rows.',
                 (SELECT count (DISTINCT keeper) FROM u8_visit),
                 (SELECT count (*) FROM u8_measurement WHERE id <> canonical AND same))
   WHERE EXISTS (SELECT 1 FROM u8_visit)
      OR EXISTS (SELECT 1 FROM u8_measurement WHERE id <> canonical AND same);

INSERT INTO schema_upgrade_note (schema_version, table_name, row_id, message)
  SELECT 8, 'visit', min (v.id),
         printf ('Patient %s has %d visits on %s in different episodes of care (visits %s). They '
                 || 'are kept as they are; a further visit on that date will be refused.',
                 p.mrn, count (*), v.date, group_concat (v.id, ', '))
    FROM visit v
    JOIN episode e ON e.id = v.episode_id
    JOIN patient p ON p.id = e.patient_id
   WHERE v.deleted_at IS NULL
   GROUP BY e.patient_id, v.date HAVING count (*) > 1
   ORDER BY min (v.id);

DROP TABLE temp.u8_measurement;
DROP TABLE temp.u8_visit;

CREATE UNIQUE INDEX measurement_one_per_trial
  ON measurement (visit_id, measure, side, trial) WHERE deleted_at IS NULL;

-- The message is VASTUS_VISIT_EXISTS_MESSAGE (vastus-database-private.h).
CREATE TRIGGER visit_one_a_day_insert BEFORE INSERT ON visit
WHEN new.deleted_at IS NULL
 AND EXISTS (SELECT 1 FROM episode e JOIN visit v ON v.episode_id = e.id
              WHERE e.patient_id = (SELECT patient_id FROM episode WHERE id = new.episode_id)
                AND v.date = new.date AND v.deleted_at IS NULL)
BEGIN
  SELECT RAISE (ABORT, 'vastus: the patient has a visit on that date already');
END;

CREATE TRIGGER visit_one_a_day_update BEFORE UPDATE OF episode_id, date, deleted_at ON visit
WHEN new.deleted_at IS NULL
 AND (old.deleted_at IS NOT NULL OR new.date IS NOT old.date OR new.episode_id IS NOT old.episode_id)
 AND EXISTS (SELECT 1 FROM episode e JOIN visit v ON v.episode_id = e.id
              WHERE e.patient_id = (SELECT patient_id FROM episode WHERE id = new.episode_id)
                AND v.date = new.date AND v.deleted_at IS NULL AND v.id <> new.id)
BEGIN
  SELECT RAISE (ABORT, 'vastus: the patient has a visit on that date already');
END;
