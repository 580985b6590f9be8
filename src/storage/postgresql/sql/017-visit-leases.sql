-- 017-visit-leases.sql: a visit open in an editor on one workstation is shown on the others as
-- "being edited by NAME since TIME". SQLite's twin is empty: one user, nobody to tell.
--
-- A lease is a row of visit_lease (the visit, the server session that holds it, the holder's
-- login, since when) together with a session-level shared advisory lock on (1447121748 'VAST',
-- the visit's id) held by that same session. The row counts only while its session holds the
-- lock, as pg_locks shows it to every login (pg_stat_activity hides other logins' details): when
-- the editor closes the session releases both, and when the workstation or its connection dies
-- the server drops the lock with the session, so that the lease ends with nobody cleaning up.
-- Rows whose lock is gone are deleted by the next lease taken on their visit. Several
-- workstations may hold a lease on one visit at once (the lock is shared): editing is never
-- refused here, saving over another's newer version is (015-row-versions.sql).
--
-- Taking and releasing notify the channel vastus_change as a change of the table visit_lease
-- (016-change-notices.sql's payload), so that the others show or hide the notice at once. A
-- lease that ends with its session sends nothing: the others see it gone when they next read
-- the patient's leases.

CREATE TABLE visit_lease (
  visit_id bigint NOT NULL REFERENCES visit (id) ON DELETE CASCADE,
  session  integer NOT NULL,
  holder   text NOT NULL DEFAULT session_user,
  since    text NOT NULL DEFAULT vastus_now (),
  PRIMARY KEY (visit_id, session)
);

-- Whether server session @session holds the lease lock of visit @visit now.
CREATE FUNCTION vastus_visit_lease_is_live (visit bigint, session integer) RETURNS boolean
LANGUAGE sql STABLE
SET search_path FROM CURRENT
AS $$
  SELECT EXISTS (SELECT 1 FROM pg_locks l
                  WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 2
                    AND l.database = (SELECT d.oid FROM pg_database d
                                       WHERE d.datname = current_database ())
                    AND l.classid = 1447121748::oid AND l.objid = visit::oid
                    AND l.pid = session)
$$;

CREATE FUNCTION vastus_visit_lease_notify (visit bigint, operation text) RETURNS void
LANGUAGE plpgsql
SET search_path FROM CURRENT
AS $$
DECLARE
  episode bigint;
  patient bigint;
  mrn text;
BEGIN
  SELECT v.episode_id, e.patient_id, p.mrn INTO episode, patient, mrn
    FROM visit v JOIN episode e ON e.id = v.episode_id JOIN patient p ON p.id = e.patient_id
   WHERE v.id = visit;
  PERFORM pg_notify ('vastus_change',
    json_build_object ('table', 'visit_lease', 'op', operation, 'patient_id', patient,
                       'episode_id', episode, 'visit_id', visit, 'mrn', mrn, 'key', NULL,
                       'actor', session_user,
                       'at', to_char (transaction_timestamp () AT TIME ZONE 'UTC',
                                      'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))::text);
END
$$;

-- The calling session takes a lease on @visit (nothing when it holds one already).
CREATE FUNCTION vastus_take_visit_lease (visit bigint) RETURNS void
LANGUAGE plpgsql
SET search_path FROM CURRENT
AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM visit v WHERE v.id = visit) OR visit > 2147483647 THEN
    RAISE EXCEPTION 'vastus: no visit %', visit USING ERRCODE = '23000';
  END IF;
  IF vastus_visit_lease_is_live (visit, pg_backend_pid ()) THEN
    RETURN;
  END IF;
  PERFORM pg_advisory_lock_shared (1447121748, visit::integer);
  DELETE FROM visit_lease l
   WHERE l.visit_id = visit AND l.session <> pg_backend_pid ()
     AND NOT vastus_visit_lease_is_live (l.visit_id, l.session);
  -- A row left by an ended session whose number this one now has is replaced.
  INSERT INTO visit_lease (visit_id, session) VALUES (visit, pg_backend_pid ())
    ON CONFLICT (visit_id, session)
    DO UPDATE SET holder = excluded.holder, since = excluded.since;
  PERFORM vastus_visit_lease_notify (visit, 'insert');
END
$$;

-- The calling session releases its lease on @visit (nothing when it holds none).
CREATE FUNCTION vastus_release_visit_lease (visit bigint) RETURNS void
LANGUAGE plpgsql
SET search_path FROM CURRENT
AS $$
BEGIN
  IF visit > 2147483647 OR NOT vastus_visit_lease_is_live (visit, pg_backend_pid ()) THEN
    DELETE FROM visit_lease l WHERE l.visit_id = visit AND l.session = pg_backend_pid ();
    RETURN;
  END IF;
  PERFORM pg_advisory_unlock_shared (1447121748, visit::integer);
  DELETE FROM visit_lease l WHERE l.visit_id = visit AND l.session = pg_backend_pid ();
  PERFORM vastus_visit_lease_notify (visit, 'delete');
END
$$;

-- The live leases on the visits of patient @patient: the holder's name is the login's comment
-- (server add-user --name), else the login.
CREATE FUNCTION vastus_visit_leases (patient bigint)
  RETURNS TABLE (visit_id bigint, session integer, holder text, holder_name text, since text)
LANGUAGE sql STABLE
SET search_path FROM CURRENT
AS $$
  SELECT l.visit_id, l.session, l.holder,
         coalesce (nullif (shobj_description (r.oid, 'pg_authid'), ''), l.holder), l.since
    FROM visit_lease l
    JOIN visit v ON v.id = l.visit_id
    JOIN episode e ON e.id = v.episode_id
    LEFT JOIN pg_roles r ON r.rolname = l.holder
   WHERE e.patient_id = patient AND vastus_visit_lease_is_live (l.visit_id, l.session)
   ORDER BY l.visit_id, l.since, l.session
$$;

UPDATE schema_info SET version = 17 WHERE id = 1;
