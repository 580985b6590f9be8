-- 015-row-versions.sql: a row version on patients, episodes and visits, so that two people
-- never silently overwrite each other.
--
-- A record is read with its version; a store's UPDATE names the version it replaces
-- (`WHERE id = ?1 AND row_version = ?2`) and writes `row_version = row_version + 1`. An update
-- that finds another version changed nothing: someone saved first, and the store says who and
-- when from the audit trail (VASTUS_STORE_ERROR_CONFLICT). The version rises by exactly one with
-- each change of the row, soft deletes and restores included; the triggers below refuse any
-- other update, so that no path can change a row without the others noticing. (PostgreSQL's
-- twin raises the version itself, for clients that do not.)
--
-- Clinic criteria sets need no column: a set is never updated, each save adds a version
-- (002-criteria-sets.sql), and saving names the version it was read at.
--
-- Rows already there start at version 1.

ALTER TABLE patient ADD COLUMN row_version INTEGER NOT NULL DEFAULT 1 CHECK (row_version >= 1);
ALTER TABLE episode ADD COLUMN row_version INTEGER NOT NULL DEFAULT 1 CHECK (row_version >= 1);
ALTER TABLE visit ADD COLUMN row_version INTEGER NOT NULL DEFAULT 1 CHECK (row_version >= 1);

CREATE TRIGGER patient_row_version BEFORE UPDATE ON patient
  WHEN new.row_version IS NOT old.row_version + 1
BEGIN
  SELECT RAISE (ABORT, 'a change must raise the row version by one');
END;

CREATE TRIGGER episode_row_version BEFORE UPDATE ON episode
  WHEN new.row_version IS NOT old.row_version + 1
BEGIN
  SELECT RAISE (ABORT, 'a change must raise the row version by one');
END;

CREATE TRIGGER visit_row_version BEFORE UPDATE ON visit
  WHEN new.row_version IS NOT old.row_version + 1
BEGIN
  SELECT RAISE (ABORT, 'a change must raise the row version by one');
END;
