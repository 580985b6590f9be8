-- server-init.sql: the first statements of `vastus-cli server init`, in the transaction that
-- then applies the migrations and server-roles.sql.
--
-- The engine runs, in one transaction: this file; then, when the SELECT below returned 0 (an
-- empty database), 013-baseline.sql, else every migration numbered above the version it
-- returned (a version above the program's own is refused by the engine: "made by a newer
-- Vastus"); then server-roles.sql; then COMMIT. The transaction-level advisory lock makes a
-- second workstation's init wait here until the first has committed; it then reads the version
-- the first one left, and has nothing to apply.

SELECT pg_advisory_xact_lock (hashtext ('vastus schema'));

-- 0 for an empty database (nothing in schema public, no other schema of its own), the version
-- for a Vastus database; anything else is refused (SQLSTATE 55000) and nothing is changed.
CREATE FUNCTION pg_temp.vastus_schema_version () RETURNS bigint
LANGUAGE plpgsql
AS $$
DECLARE
  version bigint;
  found_object text;
BEGIN
  IF (SELECT encoding FROM pg_database WHERE datname = current_database ()) <> pg_char_to_encoding ('UTF8') THEN
    RAISE EXCEPTION 'the database % is not in UTF-8: create it with ENCODING ''UTF8''', current_database ()
      USING ERRCODE = 'object_not_in_prerequisite_state';
  END IF;
  IF to_regclass ('public.schema_info') IS NOT NULL
     AND to_regclass ('public.audit_log') IS NOT NULL THEN
    SELECT s.version INTO version FROM public.schema_info s WHERE s.id = 1;
    IF version IS NULL THEN
      RAISE EXCEPTION 'the database % has a Vastus schema without its version', current_database ()
        USING ERRCODE = 'object_not_in_prerequisite_state';
    END IF;
    RETURN version;
  END IF;
  SELECT format ('%s %I.%I', CASE c.relkind WHEN 'r' THEN 'table' WHEN 'v' THEN 'view'
                                            WHEN 'S' THEN 'sequence' ELSE 'relation' END,
                 n.nspname, c.relname)
    INTO found_object
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
   WHERE n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast')
     AND n.nspname NOT LIKE 'pg\_temp\_%' AND n.nspname NOT LIKE 'pg\_toast\_temp\_%'
   LIMIT 1;
  IF found_object IS NULL THEN
    SELECT format ('function %I.%I', n.nspname, p.proname) INTO found_object
      FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
     WHERE n.nspname NOT IN ('pg_catalog', 'information_schema')
       AND n.nspname NOT LIKE 'pg\_temp\_%'
     LIMIT 1;
  END IF;
  IF found_object IS NOT NULL THEN
    RAISE EXCEPTION 'the database % is not empty and not a Vastus database (it has the %): choose an empty database',
                    current_database (), found_object
      USING ERRCODE = 'object_not_in_prerequisite_state';
  END IF;
  RETURN 0;
END
$$;

SELECT pg_temp.vastus_schema_version () AS version;
