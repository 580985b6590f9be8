-- 020-audit-head-once.sql: appending to the audit trail costs the same for each row, however
-- many rows one transaction writes (PostgreSQL).
--
-- The same audit rows, byte for byte, and the same seals as 019-audit-seal-cost.sql wrote (a
-- chain begun before goes on unbroken); only where the append finds the row it seals after
-- changes. 019 raised the head (audit_head) once per row: none of the head's old row versions
-- can be pruned while the transaction that made them is open, so each UPDATE walked every
-- version made before it in the same transaction, and a transaction of N rows cost N² (a CSV
-- import, a copy of a clinic, bench-storage --db: 61,000 rows, and a 27 MB one-row table).
-- Now the append locks the head's row (SELECT … FOR UPDATE: appenders still wait for each
-- other until commit, and locking it again in the same transaction makes no new version), seals
-- after the newest of the trail's last row and the head, and the head is raised once, at
-- commit, by a deferred constraint trigger on audit_log. The head is never lowered: rows
-- removed from the end of the trail still show in `vastus-cli check`, and an append after
-- such a removal goes on from the head, as before.
-- A clinician cannot lock the head's row (no UPDATE right on audit_head), so no clinician can
-- hold the appenders up but by a transaction of their own left open, as before.
-- Two writers cannot fork the chain: the second waits for the head's lock; at READ COMMITTED
-- it then reads the first one's rows, at REPEATABLE READ its snapshot is older than the head's
-- new version and the lock fails with a serialization failure (SQLSTATE 40001); a stale read
-- would in any case give an id the primary key refuses.
-- Measured with N appends in one transaction (SELECT vastus_audit_append ('bench', 'probe', g,
-- 'insert', NULL, '{}') FROM generate_series (1, N) g, then COMMIT), each on a fresh copy of a
-- database at version 19, PostgreSQL 15 on a shared 2-core machine (load average 7.2 to 7.7, so
-- the figures are rough):
--   N         2,000   4,000   8,000  16,000  64,000
--   019      0.76 s  1.32 s  4.16 s  13.7 s       –
--   020      0.64 s  1.14 s  3.11 s  4.38 s  17.6 s
-- and the head's table stays one 8 kB page.
-- SQLite's 020 is empty: its head is raised by a trigger in the same statement, and its
-- transactions see no such cost.

-- Appending (the audit triggers, and the view audit_append).
CREATE OR REPLACE FUNCTION vastus_audit_append (actor text, table_name text, row_id bigint,
                                                operation text, old_json text, new_json text)
RETURNS void
LANGUAGE plpgsql SECURITY DEFINER
SET search_path FROM CURRENT
AS $$
DECLARE
  now_text text := vastus_now ();
  version text := vastus_app_version ();
  head_id bigint;
  previous_id bigint;
  previous text;
  newest text;
BEGIN
  SELECT h.last_id, h.hash INTO head_id, previous FROM audit_head h WHERE h.id = 1 FOR UPDATE;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'the audit trail has no head' USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  -- The rows this transaction wrote before, which the head does not name until commit.
  SELECT a.id, a.hash INTO previous_id, newest
    FROM audit_log a WHERE a.id > head_id ORDER BY a.id DESC LIMIT 1;
  IF FOUND THEN
    previous := newest;
  ELSE
    previous_id := head_id;
  END IF;
  INSERT INTO audit_log (id, at, actor, table_name, row_id, operation, old_json, new_json,
                         app_version, hash)
  VALUES (previous_id + 1, now_text, actor, table_name, row_id, operation, old_json, new_json,
          version,
          vastus_audit_hash (previous, previous_id + 1, now_text, actor, table_name, row_id,
                             operation, old_json, new_json, version));
END
$$;

-- At commit (once per row written, and only the first finds anything to change): the head
-- names the trail's last row, unless it names a later one already.
CREATE FUNCTION vastus_audit_head_raise () RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER
SET search_path FROM CURRENT
AS $$
DECLARE
  newest_id bigint;
  newest_hash text;
BEGIN
  SELECT a.id, a.hash INTO newest_id, newest_hash FROM audit_log a ORDER BY a.id DESC LIMIT 1;
  UPDATE audit_head h SET last_id = newest_id, hash = newest_hash
   WHERE h.id = 1 AND h.last_id < newest_id;
  RETURN NULL;
END
$$;

CREATE CONSTRAINT TRIGGER audit_head_raise AFTER INSERT ON audit_log
  DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION vastus_audit_head_raise ();

UPDATE schema_info SET version = 20 WHERE id = 1;
