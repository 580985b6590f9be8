-- 018-clinic-rules.sql: the numbers a clinic chooses for its verdicts and safety flags, kept in
-- the clinic's database so that every workstation and the command line judge alike
-- (src/storage/vastus-clinic-rules-store.h). Before, each user's preferences held them.
--
-- One row per rule a clinic has set; a rule without a row has its built-in default
-- (src/model/vastus-clinic-rules.h). The limits are those the preferences have always allowed:
--   pain-flag-level      0–10   pain at or above it raises the "pain" flag
--   maximal-test-weeks   0–52   weeks after ACL reconstruction before maximal tests (0: none)
--   stale-weeks          0–104  the oldest result a criterion counts, in weeks (0: any age)
--   retest-weeks         1–52   weeks without a visit before the caseload shows re-test due
--   default-criteria-set:CONDITION  the criteria set id (at most 64 characters) an episode of
--                        that condition naming none is evaluated against; '' the built-in one
-- Every change is audited through the chained trail's audit_append.

CREATE TABLE clinic_rule (
  id            INTEGER PRIMARY KEY,
  name          TEXT NOT NULL UNIQUE,
  number_value  INTEGER,
  text_value    TEXT,
  saved_at      TEXT NOT NULL DEFAULT (strftime ('%Y-%m-%dT%H:%M:%fZ', 'now')),
  CHECK ((name = 'pain-flag-level' AND number_value IS NOT NULL AND number_value BETWEEN 0 AND 10
             AND text_value IS NULL)
         OR (name = 'maximal-test-weeks' AND number_value IS NOT NULL AND number_value BETWEEN 0 AND 52
             AND text_value IS NULL)
         OR (name = 'stale-weeks' AND number_value IS NOT NULL AND number_value BETWEEN 0 AND 104
             AND text_value IS NULL)
         OR (name = 'retest-weeks' AND number_value IS NOT NULL AND number_value BETWEEN 1 AND 52
             AND text_value IS NULL)
         OR (name IN ('default-criteria-set:aclr', 'default-criteria-set:acl_nonoperative',
                      'default-criteria-set:pfp', 'default-criteria-set:tka',
                      'default-criteria-set:meniscus',
                      'default-criteria-set:patellar_instability',
                      'default-criteria-set:other')
             AND number_value IS NULL AND text_value IS NOT NULL AND length (text_value) <= 64))
) STRICT;

CREATE TRIGGER clinic_rule_audit_insert AFTER INSERT ON clinic_rule
BEGIN
  INSERT INTO audit_append (actor, table_name, row_id, operation, old_json, new_json)
  VALUES (vastus_actor (), 'clinic_rule', new.id, 'insert', NULL,
          json_object ('id', new.id, 'name', new.name, 'number_value', new.number_value,
                       'text_value', new.text_value));
END;

CREATE TRIGGER clinic_rule_audit_update AFTER UPDATE ON clinic_rule
BEGIN
  INSERT INTO audit_append (actor, table_name, row_id, operation, old_json, new_json)
  VALUES (vastus_actor (), 'clinic_rule', new.id, 'update',
          json_object ('id', old.id, 'name', old.name, 'number_value', old.number_value,
                       'text_value', old.text_value),
          json_object ('id', new.id, 'name', new.name, 'number_value', new.number_value,
                       'text_value', new.text_value));
END;

CREATE TRIGGER clinic_rule_audit_delete AFTER DELETE ON clinic_rule
BEGIN
  INSERT INTO audit_append (actor, table_name, row_id, operation, old_json, new_json)
  VALUES (vastus_actor (), 'clinic_rule', old.id, 'delete',
          json_object ('id', old.id, 'name', old.name, 'number_value', old.number_value,
                       'text_value', old.text_value),
          NULL);
END;
