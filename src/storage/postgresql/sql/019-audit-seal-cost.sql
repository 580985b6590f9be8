-- 019-audit-seal-cost.sql: the audit trail written at a fraction of its cost (PostgreSQL).
--
-- The same audit rows, byte for byte, and the same seals as 013-baseline.sql wrote (the chain of a
-- database made before goes on unbroken); only the work the server does for each row changes.
-- Measured on a 2-core machine, an audited insert cost about eight bare inserts, most of it here:
--   - vastus_audit_text built the 8-byte length from a generate_series/string_agg subquery,
--     ten times a row: a subquery is never inlined, so each was a SQL function of its own.
--   - the helpers were IMMUTABLE around convert_to (STABLE), which keeps the planner from
--     inlining them into their caller. STABLE, they fold into vastus_audit_hash, and it into
--     the append's one UPDATE.
--   - the append read the head (SELECT … FOR UPDATE), wrote the row, then updated the head;
--     now one UPDATE of the head computes the seal from the head's hash and returns it, then
--     the row is written. The trigger made row_to_json of each row twice; now once.
-- SQLite's 019 is empty: its seal is computed in C (vastus-audit-chain.c).

-- "T", the UTF-8 length as 8 bytes little-endian, the bytes (or "N" for NULL). A text value
-- holds at most 1 GB, so the length fits the low four bytes and the high four stay zero.
CREATE OR REPLACE FUNCTION vastus_audit_text (x text) RETURNS bytea
LANGUAGE sql STABLE PARALLEL SAFE
RETURN CASE WHEN x IS NULL THEN '\x4e'::bytea
            ELSE set_byte (set_byte (set_byte (set_byte ('\x540000000000000000'::bytea,
                                                         1, octet_length (x) & 255),
                                               2, (octet_length (x) >> 8) & 255),
                                     3, (octet_length (x) >> 16) & 255),
                           4, octet_length (x) >> 24)
                 || convert_to (x, 'UTF8') END;

CREATE OR REPLACE FUNCTION vastus_audit_integer (x bigint) RETURNS bytea
LANGUAGE sql STABLE PARALLEL SAFE
RETURN CASE WHEN x IS NULL THEN '\x4e'::bytea ELSE convert_to ('I' || x::text || ';', 'UTF8') END;

CREATE OR REPLACE FUNCTION vastus_audit_hash (previous text, id bigint, at text, actor text,
                                              table_name text, row_id bigint, operation text,
                                              old_json text, new_json text, app_version text)
RETURNS text
LANGUAGE sql STABLE PARALLEL SAFE
RETURN encode (sha256 (convert_to ('vastus-audit-1', 'UTF8')
                       || vastus_audit_text (previous) || vastus_audit_integer (id)
                       || vastus_audit_text (at) || vastus_audit_text (actor)
                       || vastus_audit_text (table_name) || vastus_audit_integer (row_id)
                       || vastus_audit_text (operation) || vastus_audit_text (old_json)
                       || vastus_audit_text (new_json) || vastus_audit_text (app_version)), 'hex');

-- Appending (the audit triggers, and the view audit_append): the same row, with the head
-- read, raised and sealed in one statement.
CREATE OR REPLACE FUNCTION vastus_audit_append (actor text, table_name text, row_id bigint,
                                                operation text, old_json text, new_json text)
RETURNS void
LANGUAGE plpgsql SECURITY DEFINER
SET search_path FROM CURRENT
AS $$
DECLARE
  now_text text := vastus_now ();
  version text := vastus_app_version ();
  next_id bigint;
  seal text;
BEGIN
  UPDATE audit_head h
     SET last_id = h.last_id + 1,
         hash = vastus_audit_hash (h.hash, h.last_id + 1, now_text, actor, table_name, row_id,
                                   operation, old_json, new_json, version)
   WHERE h.id = 1
  RETURNING h.last_id, h.hash INTO next_id, seal;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'the audit trail has no head' USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  INSERT INTO audit_log (id, at, actor, table_name, row_id, operation, old_json, new_json,
                         app_version, hash)
  VALUES (next_id, now_text, actor, table_name, row_id, operation, old_json, new_json, version,
          seal);
END
$$;

-- A row as the SQLite triggers' json_object writes it (013-baseline.sql): one string built in
-- order rather than an array joined at the end.
CREATE OR REPLACE FUNCTION vastus_audit_json (r json, columns text[]) RETURNS text
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
AS $$
DECLARE
  out text := '';
  name text;
  value text;
BEGIN
  FOREACH name IN ARRAY columns LOOP
    IF right (name, 5) = ':real' THEN
      name := left (name, -5);
      value := coalesce (vastus_real_json ((r ->> name)::double precision), 'null');
    ELSE
      value := (r -> name)::text;
    END IF;
    IF value IS NULL THEN
      RAISE EXCEPTION 'audit: the row has no column %', name;
    END IF;
    out := out || ',' || to_json (name)::text || ':' || value;
  END LOOP;
  RETURN '{' || substr (out, 2) || '}';
END
$$;

-- The audit triggers: the row's JSON from one row_to_json of OLD and of NEW (013-baseline.sql
-- made each twice), then the append above.
CREATE OR REPLACE FUNCTION vastus_audit_row () RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER
SET search_path FROM CURRENT
AS $$
DECLARE
  columns text[] := TG_ARGV[2:TG_NARGS - 1];
  r json;
  old_json text;
  new_json text;
  row_id bigint;
BEGIN
  IF TG_OP <> 'INSERT' THEN
    r := row_to_json (OLD);
    old_json := vastus_audit_json (r, columns);
    row_id := (r ->> TG_ARGV[1])::bigint;
  END IF;
  IF TG_OP <> 'DELETE' THEN
    r := row_to_json (NEW);
    new_json := vastus_audit_json (r, columns);
    row_id := (r ->> TG_ARGV[1])::bigint;
  END IF;
  PERFORM vastus_audit_append (session_user::text, TG_ARGV[0], row_id, lower (TG_OP), old_json,
                               new_json);
  RETURN NULL;
END
$$;

UPDATE schema_info SET version = 19 WHERE id = 1;
