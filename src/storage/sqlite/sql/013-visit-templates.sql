-- 013-visit-templates.sql: test batteries (visit templates), and the battery each visit was
-- entered with.
--
-- A battery (src/model/vastus-template.h) is the measures a visit shows, in the order they are
-- entered, each with the trials to offer (1 to 100) and the unit its values are typed in (NULL:
-- the last visit's, else the catalog's), for a condition (NULL: any) and a phase in weeks since
-- surgery, else injury: from_week <= weeks < to_week (to_week NULL: no end). Names are at most
-- 100 characters (VASTUS_TEMPLATE_NAME_MAX_CHARS), weeks at most 520.
--
-- The built-in batteries below are the model's data (vastus_template_builtins,
-- clinical-reference.md §0, §1.8, §3.1, §3.2, §3.5); tests/test-template-store.c checks that the
-- seeded rows equal it exactly. They are never changed or deleted: a clinic copies one. A
-- clinic's battery that is deleted is kept, marked deleted (Undo brings it back, and visits
-- entered with it still name it). Every change is audited through the chained trail's
-- audit_append (009-tamper-evident-audit.sql).
--
-- visit_template_use: the battery a visit was last entered or edited with (at most one per visit;
-- none when it was entered with every measure). The visit editor opens a new visit with the
-- battery of the episode's last visit. It goes with its visit (removing demo data removes it).

CREATE TABLE visit_template (
  id          INTEGER PRIMARY KEY,
  code        TEXT UNIQUE CHECK (code IS NULL OR (length (code) BETWEEN 1 AND 64
                                                  AND code NOT GLOB '*[^a-z0-9-]*')),
  name        TEXT NOT NULL CHECK (length (trim (name)) BETWEEN 1 AND 100),
  condition   TEXT CHECK (condition IS NULL
                          OR condition IN ('aclr', 'acl_nonoperative', 'pfp', 'tka', 'meniscus',
                                           'patellar_instability', 'other')),
  from_week   INTEGER NOT NULL DEFAULT 0 CHECK (from_week BETWEEN 0 AND 520),
  to_week     INTEGER CHECK (to_week IS NULL OR (to_week > from_week AND to_week <= 520)),
  source      TEXT,
  builtin     INTEGER NOT NULL DEFAULT 0 CHECK (builtin IN (0, 1)),
  deleted     INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
  saved_at    TEXT NOT NULL DEFAULT (strftime ('%Y-%m-%dT%H:%M:%fZ', 'now')),
  CHECK (builtin = 0 OR (code IS NOT NULL AND deleted = 0))
) STRICT;

CREATE TABLE visit_template_item (
  template_id  INTEGER NOT NULL REFERENCES visit_template (id),
  position     INTEGER NOT NULL CHECK (position >= 1),
  measure      TEXT NOT NULL CHECK (length (measure) BETWEEN 1 AND 64),
  trials       INTEGER NOT NULL DEFAULT 1 CHECK (trials BETWEEN 1 AND 100),
  unit         TEXT CHECK (unit IS NULL OR length (unit) BETWEEN 1 AND 16),
  PRIMARY KEY (template_id, position),
  UNIQUE (template_id, measure)
) STRICT;

CREATE TABLE visit_template_use (
  visit_id     INTEGER PRIMARY KEY REFERENCES visit (id) ON DELETE CASCADE,
  template_id  INTEGER NOT NULL REFERENCES visit_template (id)
) STRICT;

CREATE INDEX visit_template_use_by_template ON visit_template_use (template_id);

-- The built-in batteries (vastus-template.c).
INSERT INTO visit_template (code, name, condition, from_week, to_week, source, builtin) VALUES
  ('aclr-early', 'ACL reconstruction: early rehabilitation', 'aclr', 0, 12,
   'Delaware ACLR practice guideline and milestones (clinical-reference.md §3.2); hand-held dynamometer, highest of 3 trials (Kim 2014)', 1),
  ('aclr-running', 'ACL reconstruction: return to running', 'aclr', 12, 39,
   'Rambaud 2018, Br J Sports Med 52:1437 (clinical-reference.md §3.5); hops: 2 measured trials per limb (§1.8)', 1),
  ('aclr-sport', 'ACL reconstruction: return to sport', 'aclr', 39, NULL,
   'Delaware-Oslo criteria, Adams 2012 Table 5, Grindem 2016 (clinical-reference.md §3.1); hops in the Noyes order, 2 measured trials per limb (§1.8)', 1);

INSERT INTO visit_template_item (template_id, position, measure, trials)
SELECT t.id, i.position, i.measure, i.trials
  FROM visit_template t
  JOIN (SELECT 'aclr-early' AS code, 1 AS position, 'pain_nrs' AS measure, 1 AS trials
        UNION ALL SELECT 'aclr-early', 2, 'effusion_stroke', 1
        UNION ALL SELECT 'aclr-early', 3, 'knee_extension', 1
        UNION ALL SELECT 'aclr-early', 4, 'knee_flexion', 1
        UNION ALL SELECT 'aclr-early', 5, 'extension_lag', 1
        UNION ALL SELECT 'aclr-early', 6, 'thigh_girth_10', 1
        UNION ALL SELECT 'aclr-early', 7, 'quadriceps_hhd', 3
        UNION ALL SELECT 'aclr-running', 1, 'pain_nrs', 1
        UNION ALL SELECT 'aclr-running', 2, 'effusion_stroke', 1
        UNION ALL SELECT 'aclr-running', 3, 'knee_extension', 1
        UNION ALL SELECT 'aclr-running', 4, 'knee_flexion', 1
        UNION ALL SELECT 'aclr-running', 5, 'quadriceps_hhd', 3
        UNION ALL SELECT 'aclr-running', 6, 'hamstrings_hhd', 3
        UNION ALL SELECT 'aclr-running', 7, 'single_hop', 2
        UNION ALL SELECT 'aclr-running', 8, 'single_leg_squat_valgus', 1
        UNION ALL SELECT 'aclr-sport', 1, 'effusion_stroke', 1
        UNION ALL SELECT 'aclr-sport', 2, 'knee_extension', 1
        UNION ALL SELECT 'aclr-sport', 3, 'knee_flexion', 1
        UNION ALL SELECT 'aclr-sport', 4, 'quadriceps_mvic', 3
        UNION ALL SELECT 'aclr-sport', 5, 'single_hop', 2
        UNION ALL SELECT 'aclr-sport', 6, 'timed_hop_6m', 2
        UNION ALL SELECT 'aclr-sport', 7, 'triple_hop', 2
        UNION ALL SELECT 'aclr-sport', 8, 'crossover_hop', 2
        UNION ALL SELECT 'aclr-sport', 9, 'kos_adls', 1
        UNION ALL SELECT 'aclr-sport', 10, 'global_rating', 1) i
    ON i.code = t.code;

-- Built-in batteries stay as seeded.
CREATE TRIGGER visit_template_builtin_no_update BEFORE UPDATE ON visit_template
WHEN old.builtin = 1
BEGIN
  SELECT RAISE (ABORT, 'a built-in battery cannot be changed: copy it');
END;

CREATE TRIGGER visit_template_builtin_no_delete BEFORE DELETE ON visit_template
WHEN old.builtin = 1
BEGIN
  SELECT RAISE (ABORT, 'a built-in battery cannot be deleted');
END;

CREATE TRIGGER visit_template_builtin_no_insert BEFORE INSERT ON visit_template
WHEN new.builtin = 1
BEGIN
  SELECT RAISE (ABORT, 'a clinic''s battery cannot be built in');
END;

CREATE TRIGGER visit_template_item_builtin_no_insert BEFORE INSERT ON visit_template_item
WHEN (SELECT builtin FROM visit_template WHERE id = new.template_id) = 1
BEGIN
  SELECT RAISE (ABORT, 'a built-in battery cannot be changed: copy it');
END;

CREATE TRIGGER visit_template_item_builtin_no_update BEFORE UPDATE ON visit_template_item
WHEN (SELECT builtin FROM visit_template WHERE id = old.template_id) = 1
BEGIN
  SELECT RAISE (ABORT, 'a built-in battery cannot be changed: copy it');
END;

CREATE TRIGGER visit_template_item_builtin_no_delete BEFORE DELETE ON visit_template_item
WHEN (SELECT builtin FROM visit_template WHERE id = old.template_id) = 1
BEGIN
  SELECT RAISE (ABORT, 'a built-in battery cannot be changed: copy it');
END;

-- The audit trail: a battery's fields, and each measure added to or taken from it.
CREATE TRIGGER visit_template_audit_insert AFTER INSERT ON visit_template
BEGIN
  INSERT INTO audit_append (actor, table_name, row_id, operation, old_json, new_json)
  VALUES (vastus_actor (), 'visit_template', new.id, 'insert', NULL,
          json_object ('id', new.id, 'name', new.name, 'condition', new.condition,
                       'from_week', new.from_week, 'to_week', new.to_week,
                       'deleted', new.deleted));
END;

CREATE TRIGGER visit_template_audit_update AFTER UPDATE ON visit_template
BEGIN
  INSERT INTO audit_append (actor, table_name, row_id, operation, old_json, new_json)
  VALUES (vastus_actor (), 'visit_template', new.id, 'update',
          json_object ('id', old.id, 'name', old.name, 'condition', old.condition,
                       'from_week', old.from_week, 'to_week', old.to_week,
                       'deleted', old.deleted),
          json_object ('id', new.id, 'name', new.name, 'condition', new.condition,
                       'from_week', new.from_week, 'to_week', new.to_week,
                       'deleted', new.deleted));
END;

CREATE TRIGGER visit_template_item_audit_insert AFTER INSERT ON visit_template_item
BEGIN
  INSERT INTO audit_append (actor, table_name, row_id, operation, old_json, new_json)
  VALUES (vastus_actor (), 'visit_template_item', new.template_id, 'insert', NULL,
          json_object ('template_id', new.template_id, 'position', new.position,
                       'measure', new.measure, 'trials', new.trials, 'unit', new.unit));
END;

CREATE TRIGGER visit_template_item_audit_delete AFTER DELETE ON visit_template_item
BEGIN
  INSERT INTO audit_append (actor, table_name, row_id, operation, old_json, new_json)
  VALUES (vastus_actor (), 'visit_template_item', old.template_id, 'delete',
          json_object ('template_id', old.template_id, 'position', old.position,
                       'measure', old.measure, 'trials', old.trials, 'unit', old.unit),
          NULL);
END;
