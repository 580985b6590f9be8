-- 010-import-profiles.sql: the clinic's saved import profiles for device and spreadsheet exports
--
-- A profile is the GLib key file a clinic wrote or saved (vastus-profile.h), stored as its text
-- so that what is read back is exactly what was checked when it was saved; code is the id that
-- `vastus-cli import --profile ID` names (lowercase letters, digits, - and _). The built-in
-- profiles (nordbord, forceframe) live in the program, not here, and their ids cannot be taken.
-- Saving a profile under a code that exists replaces it; every change is audited, through the
-- chained trail's audit_append (009-tamper-evident-audit.sql).

CREATE TABLE import_profile (
  id          INTEGER PRIMARY KEY,
  code        TEXT NOT NULL UNIQUE
              CHECK (length (code) BETWEEN 1 AND 64 AND code NOT GLOB '*[^a-z0-9_-]*'
                     AND code NOT IN ('nordbord', 'forceframe')),
  name        TEXT NOT NULL CHECK (length (name) BETWEEN 1 AND 200),
  key_file    TEXT NOT NULL CHECK (length (key_file) BETWEEN 1 AND 100000),
  saved_at    TEXT NOT NULL DEFAULT (strftime ('%Y-%m-%dT%H:%M:%fZ', 'now'))
) STRICT;

CREATE TRIGGER import_profile_audit_insert AFTER INSERT ON import_profile
BEGIN
  INSERT INTO audit_append (actor, table_name, row_id, operation, old_json, new_json)
  VALUES (vastus_actor (), 'import_profile', new.id, 'insert', NULL,
          json_object ('id', new.id, 'code', new.code, 'name', new.name,
                       'key_file', new.key_file));
END;

CREATE TRIGGER import_profile_audit_update AFTER UPDATE ON import_profile
BEGIN
  INSERT INTO audit_append (actor, table_name, row_id, operation, old_json, new_json)
  VALUES (vastus_actor (), 'import_profile', new.id, 'update',
          json_object ('id', old.id, 'code', old.code, 'name', old.name,
                       'key_file', old.key_file),
          json_object ('id', new.id, 'code', new.code, 'name', new.name,
                       'key_file', new.key_file));
END;

CREATE TRIGGER import_profile_audit_delete AFTER DELETE ON import_profile
BEGIN
  INSERT INTO audit_append (actor, table_name, row_id, operation, old_json, new_json)
  VALUES (vastus_actor (), 'import_profile', old.id, 'delete',
          json_object ('id', old.id, 'code', old.code, 'name', old.name,
                       'key_file', old.key_file),
          NULL);
END;
