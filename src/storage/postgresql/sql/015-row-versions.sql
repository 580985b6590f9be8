-- 015-row-versions.sql: the twin of SQLite's (src/storage/sqlite/sql/015-row-versions.sql): a row
-- version on patients, episodes and visits, checked by the stores' updates
-- (`WHERE id = ?1 AND row_version = ?2`).
--
-- The server keeps the version itself: every update of a row raises it by one, whatever the
-- statement wrote, so that a client that does not know about versions (psql, a script, an older
-- Vastus) still makes the others' saves fail instead of being overwritten. SQLite refuses an
-- update that does not raise it by one; the stores write `row_version = row_version + 1`, which
-- both engines end with.

ALTER TABLE patient ADD COLUMN row_version bigint NOT NULL DEFAULT 1 CHECK (row_version >= 1);
ALTER TABLE episode ADD COLUMN row_version bigint NOT NULL DEFAULT 1 CHECK (row_version >= 1);
ALTER TABLE visit ADD COLUMN row_version bigint NOT NULL DEFAULT 1 CHECK (row_version >= 1);

CREATE FUNCTION vastus_row_version () RETURNS trigger
LANGUAGE plpgsql
AS $$
BEGIN
  NEW.row_version := OLD.row_version + 1;
  RETURN NEW;
END
$$;

CREATE TRIGGER patient_row_version BEFORE UPDATE ON patient
  FOR EACH ROW EXECUTE FUNCTION vastus_row_version ();
CREATE TRIGGER episode_row_version BEFORE UPDATE ON episode
  FOR EACH ROW EXECUTE FUNCTION vastus_row_version ();
CREATE TRIGGER visit_row_version BEFORE UPDATE ON visit
  FOR EACH ROW EXECUTE FUNCTION vastus_row_version ();

UPDATE schema_info SET version = 15 WHERE id = 1;
