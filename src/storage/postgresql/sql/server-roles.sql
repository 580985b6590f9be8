-- server-roles.sql: the clinicians' group role and its rights, the last step of `vastus-cli
-- server init` (server-init.sql), run again by every init (it changes nothing the second time).
--
-- vastus_clinician (NOLOGIN; each clinician is a login in it, vastus_add_user) may connect to
-- this database, read every table, and write the clinical ones. It may not write the audit trail
-- (the server's triggers do, as the schema's owner), change the schema (no CREATE, and only the
-- owner alters or drops), create temporary tables, or connect to the cluster's other databases.
-- The one running init needs CREATEROLE and must own this database (or be a superuser).

DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'vastus_clinician') THEN
    CREATE ROLE vastus_clinician NOLOGIN;
  END IF;
END
$$;

-- This database: nobody but its owner and the clinicians connects.
DO $$
BEGIN
  EXECUTE format ('REVOKE ALL ON DATABASE %I FROM PUBLIC', current_database ());
  EXECUTE format ('GRANT CONNECT ON DATABASE %I TO vastus_clinician', current_database ());
END
$$;

-- The cluster's other databases: closed to every role that has no grant of its own (PUBLIC
-- loses CONNECT), where the one running init may change that; the others are named. A clinic
-- whose server holds other applications' databases closes them in pg_hba.conf instead (README).
DO $$
DECLARE
  other record;
BEGIN
  FOR other IN SELECT d.datname, pg_get_userbyid (d.datdba) = current_user AS owned
                 FROM pg_database d
                WHERE d.datname <> current_database () AND d.datallowconn
                  AND has_database_privilege ('public', d.oid, 'CONNECT')
  LOOP
    IF other.owned OR (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) THEN
      EXECUTE format ('REVOKE CONNECT, TEMPORARY ON DATABASE %I FROM PUBLIC', other.datname);
    ELSE
      RAISE WARNING 'every login, clinicians too, may still connect to the database %: close it in pg_hba.conf', other.datname;
    END IF;
  END LOOP;
END
$$;

REVOKE ALL ON SCHEMA public FROM PUBLIC;
GRANT USAGE ON SCHEMA public TO vastus_clinician;

REVOKE ALL ON ALL TABLES IN SCHEMA public FROM PUBLIC;
REVOKE ALL ON ALL FUNCTIONS IN SCHEMA public FROM PUBLIC;
REVOKE ALL ON ALL TABLES IN SCHEMA public FROM vastus_clinician;
REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM vastus_clinician;

-- Every table: read. Every table but the audit trail's, the schema's own and the built-in
-- data's guards: write (the triggers decide the rest, e.g. built-in rows stay as seeded).
GRANT SELECT ON ALL TABLES IN SCHEMA public TO vastus_clinician;
DO $$
DECLARE
  t text;
BEGIN
  FOR t IN SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = 'public' AND c.relkind = 'r'
              AND c.relname NOT IN ('audit_log', 'audit_head', 'schema_info')
  LOOP
    EXECUTE format ('GRANT INSERT, UPDATE, DELETE ON TABLE public.%I TO vastus_clinician', t);
  END LOOP;
END
$$;
GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO vastus_clinician;

-- The functions the columns, CHECKs and triggers call. vastus_audit_append itself is not among
-- them: only the audit triggers (running as the owner) append.
DO $$
DECLARE
  f regprocedure;
BEGIN
  FOR f IN SELECT p.oid::regprocedure FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
            WHERE n.nspname = 'public' AND p.proname LIKE 'vastus\_%'
              AND p.proname NOT IN ('vastus_audit_append', 'vastus_add_user')
  LOOP
    EXECUTE format ('GRANT EXECUTE ON FUNCTION %s TO vastus_clinician', f);
  END LOOP;
END
$$;

-- `vastus-cli server add-user LOGIN --name "Full name"`: SELECT vastus_add_user (login, name,
-- verifier), where verifier is the password already hashed by the client (libpq's
-- PQencryptPasswordConn, SCRAM-SHA-256), so that the password itself never reaches the server
-- or its logs. The name is the role's comment; the audit trail names the login.
CREATE OR REPLACE FUNCTION vastus_add_user (login text, full_name text, verifier text)
RETURNS void
LANGUAGE plpgsql
AS $$
BEGIN
  IF login IS NULL OR login !~ '^[a-z][a-z0-9_.-]{0,62}$' THEN
    RAISE EXCEPTION 'the login "%" is not valid: a lower-case letter, then up to 62 lower-case letters, digits, ".", "_" or "-"', login
      USING ERRCODE = 'invalid_parameter_value';
  END IF;
  IF full_name IS NULL OR length (trim (full_name)) = 0 THEN
    RAISE EXCEPTION 'the login % needs a name', login USING ERRCODE = 'invalid_parameter_value';
  END IF;
  IF verifier IS NULL OR verifier NOT LIKE 'SCRAM-SHA-256$%' THEN
    RAISE EXCEPTION 'the password of % must come hashed (SCRAM-SHA-256)', login
      USING ERRCODE = 'invalid_parameter_value';
  END IF;
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = login) THEN
    RAISE EXCEPTION 'the login % exists already', login USING ERRCODE = 'duplicate_object';
  END IF;
  EXECUTE format ('CREATE ROLE %I LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION INHERIT PASSWORD %L IN ROLE vastus_clinician',
                  login, verifier);
  EXECUTE format ('COMMENT ON ROLE %I IS %L', login, trim (full_name));
END
$$;
REVOKE ALL ON FUNCTION vastus_add_user (text, text, text) FROM PUBLIC;
