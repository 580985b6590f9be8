-- 005-visit-drafts.sql: what is typed into a visit editor, kept until it is saved or discarded.
--
-- The visit editor writes its form here about a second after each change, so that a crash, a
-- power cut or a killed process loses at most that second of typing; opening the editor again
-- offers the entries back. A draft is the form as typed (raw text, even text that is not a
-- number yet), not a clinical record: it is never shown in the history, exported or reported,
-- it is replaced on every keystroke pause, and it is deleted when the visit is saved or the
-- entries are discarded. So it has no audit triggers: auditing it would fill audit_log with
-- keystrokes, and what is saved from it is audited as the visit and its measurements.
--
-- One draft per visit being entered: visit_id is NULL for a new visit of the episode, else the
-- stored visit being edited. The unique index reads NULL as 0 (ids start at 1), since a UNIQUE
-- constraint would let any number of NULLs through. Drafts go with their episode or visit: the
-- demo patients' removal deletes both (vastus_database_remove_demo).
--
-- state is the editor's own text (vastus-visit-draft.h); saved_at is UTC with milliseconds.

CREATE TABLE visit_draft (
  id          INTEGER PRIMARY KEY,
  episode_id  INTEGER NOT NULL REFERENCES episode (id) ON DELETE CASCADE,
  visit_id    INTEGER REFERENCES visit (id) ON DELETE CASCADE,
  state       TEXT NOT NULL,
  saved_at    TEXT NOT NULL DEFAULT (strftime ('%Y-%m-%dT%H:%M:%fZ', 'now')),
  actor       TEXT
) STRICT;

CREATE UNIQUE INDEX visit_draft_by_visit ON visit_draft (episode_id, ifnull (visit_id, 0));
