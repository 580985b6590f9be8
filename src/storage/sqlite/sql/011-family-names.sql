-- 011-family-names.sql: patients' family and given names, and criteria that name a test velocity.
--
-- Names. A clinic sorts and searches its patients by family name; one name field sorted them by
-- the first word (Jonas, Margaret, Sofia). patient.family_name and patient.given_name are split
-- from patient.name by vastus_name_split (src/model/vastus-name.c, through the functions
-- vastus_name_family/_given/_guess): "Family, Given" at the first comma; otherwise the last word
-- is the family name and the words before it the given names. patient.name stays as it was
-- written; from now on the storage writes it as "Given Family" from the two. The split of every
-- patient is in the audit trail.
--
-- Where the split is a guess (one word, so no given names; three or more words, "Sofia van
-- Dijk", where the family name may start earlier), the patient is listed in
-- patient_name_review with the name as it was written, for a person to check in the
-- application. Editing the patient's names, or dismissing the list, takes them off it. Two words
-- without a comma are read as "Given Family", the order the one field was entered in.
--
-- The patient list sorts by family name, then given names (the index below replaces
-- patient_by_name).
--
-- Criteria. criterion.velocity_deg_s is a condition: only results tested at that velocity count
-- (an isokinetic measure of that velocity; vastus_criteria_set_validate refuses others). NULL:
-- any. Built-in criteria have none.

ALTER TABLE patient ADD COLUMN family_name TEXT
  CHECK (family_name IS NULL OR length (trim (family_name)) > 0);
ALTER TABLE patient ADD COLUMN given_name TEXT;

CREATE TABLE patient_name_review (
  patient_id  INTEGER PRIMARY KEY REFERENCES patient (id) ON DELETE CASCADE,
  written     TEXT NOT NULL,
  reason      TEXT NOT NULL CHECK (reason IN ('one_word', 'several_words', 'empty')),
  created_at  TEXT NOT NULL DEFAULT (strftime ('%Y-%m-%dT%H:%M:%fZ', 'now'))
) STRICT;

DROP TRIGGER patient_audit_insert;
CREATE TRIGGER patient_audit_insert AFTER INSERT ON patient
BEGIN
  INSERT INTO audit_append (actor, table_name, row_id, operation, old_json, new_json)
  VALUES (vastus_actor (), 'patient', new.id, 'insert', NULL,
          json_object ('id', new.id, 'mrn', new.mrn, 'name', new.name,
                       'family_name', new.family_name, 'given_name', new.given_name,
                       'birth_date', new.birth_date, 'sex', new.sex, 'notes', new.notes,
                       'archived', new.archived, 'demo', new.demo));
END;

DROP TRIGGER patient_audit_update;
CREATE TRIGGER patient_audit_update AFTER UPDATE ON patient
BEGIN
  INSERT INTO audit_append (actor, table_name, row_id, operation, old_json, new_json)
  VALUES (vastus_actor (), 'patient', new.id, 'update',
          json_object ('id', old.id, 'mrn', old.mrn, 'name', old.name,
                       'family_name', old.family_name, 'given_name', old.given_name,
                       'birth_date', old.birth_date, 'sex', old.sex, 'notes', old.notes,
                       'archived', old.archived, 'demo', old.demo),
          json_object ('id', new.id, 'mrn', new.mrn, 'name', new.name,
                       'family_name', new.family_name, 'given_name', new.given_name,
                       'birth_date', new.birth_date, 'sex', new.sex, 'notes', new.notes,
                       'archived', new.archived, 'demo', new.demo));
END;

DROP TRIGGER patient_audit_delete;
CREATE TRIGGER patient_audit_delete AFTER DELETE ON patient
BEGIN
  INSERT INTO audit_append (actor, table_name, row_id, operation, old_json, new_json)
  VALUES (vastus_actor (), 'patient', old.id, 'delete',
          json_object ('id', old.id, 'mrn', old.mrn, 'name', old.name,
                       'family_name', old.family_name, 'given_name', old.given_name,
                       'birth_date', old.birth_date, 'sex', old.sex, 'notes', old.notes,
                       'archived', old.archived, 'demo', old.demo),
          NULL);
END;

INSERT INTO patient_name_review (patient_id, written, reason)
  SELECT id, name, vastus_name_guess (name) FROM patient
   WHERE vastus_name_guess (name) IS NOT NULL;

UPDATE patient SET family_name = vastus_name_family (name), given_name = vastus_name_given (name);

CREATE TRIGGER patient_name_reviewed AFTER UPDATE OF family_name, given_name ON patient
WHEN old.family_name IS NOT new.family_name OR old.given_name IS NOT new.given_name
BEGIN
  DELETE FROM patient_name_review WHERE patient_id = new.id;
END;

DROP INDEX patient_by_name;
CREATE INDEX patient_by_family_name
  ON patient (archived, family_name COLLATE NOCASE, given_name COLLATE NOCASE, id);

ALTER TABLE criterion ADD COLUMN velocity_deg_s REAL
  CHECK (velocity_deg_s IS NULL OR (velocity_deg_s > 0 AND velocity_deg_s <= 600));
