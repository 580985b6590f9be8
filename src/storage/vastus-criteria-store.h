/* vastus-criteria-store.h: criteria sets and evaluations in the database
 *
 * Sets are versioned (sql/002-criteria-sets.sql): saving a clinic's set adds a new version and
 * keeps the old ones. Built-in sets are seeded by the migration, cannot be edited (only copied:
 * VASTUS_CRITERIA_ERROR_BUILTIN) and their ids cannot be reused.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "vastus-criteria.h"
#include "vastus-database.h"
#include "vastus-evaluation.h"

G_BEGIN_DECLS

/* The latest version of every set, built-in ones first, then by id. Of VastusCriteriaSet*. */
GPtrArray         *vastus_database_list_criteria_sets (VastusDatabase          *self,
                                                       GError                 **error);
/* Every version of one set, oldest first (empty when there is no such set). */
GPtrArray         *vastus_database_list_criteria_set_versions (VastusDatabase   *self,
                                                               const char       *id,
                                                               GError          **error);
/* @version 0: the latest. VASTUS_STORE_ERROR_NOT_FOUND when there is no such set or version. */
VastusCriteriaSet *vastus_database_get_criteria_set   (VastusDatabase          *self,
                                                       const char              *id,
                                                       int                      version,
                                                       GError                 **error);
/* Copies the latest version of @from_id to a clinic set @new_id, version 1, based_on
 * "from_id@version"; @title NULL keeps the title. VASTUS_CRITERIA_ERROR_EXISTS when @new_id is
 * taken. Returns the new set. */
VastusCriteriaSet *vastus_database_copy_criteria_set  (VastusDatabase          *self,
                                                       const char              *from_id,
                                                       const char              *new_id,
                                                       const char              *title,
                                                       GError                 **error);
/* The same from version @from_version of @from_id (0: the latest): an earlier version, to keep
 * judging as before after the set changed. */
VastusCriteriaSet *vastus_database_copy_criteria_set_version (VastusDatabase   *self,
                                                               const char       *from_id,
                                                               int               from_version,
                                                               const char       *new_id,
                                                               const char       *title,
                                                               GError          **error);
/* Saves @set (a clinic set that exists, read at set->version) as a new version, latest + 1; sets
 * set->version and set->created. VASTUS_STORE_ERROR_CONFLICT, naming who saved it and when, when
 * set->version is not the latest (someone saved the set after it was read). Refuses built-in sets (VASTUS_CRITERIA_ERROR_BUILTIN)
 * and sets that do not validate (VASTUS_CRITERIA_ERROR_INVALID). */
gboolean           vastus_database_save_criteria_set  (VastusDatabase          *self,
                                                       VastusCriteriaSet       *set,
                                                       GError                 **error);

/* Records that @evaluation was run for @episode_id (set id and version, as-of date, counts, the
 * stale window and the verdict). */
gboolean           vastus_database_insert_evaluation  (VastusDatabase          *self,
                                                       gint64                   episode_id,
                                                       const VastusEvaluation  *evaluation,
                                                       GError                 **error);
/* How many evaluations are recorded for @episode_id. */
guint              vastus_database_count_evaluations  (VastusDatabase          *self,
                                                       gint64                   episode_id,
                                                       GError                 **error);

/* The history of @episode_id (its patient, the episode and its visits oldest first), ready for
 * vastus_evaluate (). */
VastusHistory     *vastus_database_load_history       (VastusDatabase          *self,
                                                       gint64                   episode_id,
                                                       GError                 **error);

/* The episode the commands use, of @episodes (the patient @mrn's, as listed): @episode_id,
 * else (0) the one in force on @as_of (vastus_episode_in_force; @as_of NULL: today). NULL and
 * VASTUS_STORE_ERROR_NOT_FOUND, with a message naming @mrn and what is missing, when the patient
 * has no episode, none with that id, or none that had begun by @as_of. */
VastusEpisode     *vastus_episodes_choose             (GPtrArray               *episodes,
                                                       const char              *mrn,
                                                       gint64                   episode_id,
                                                       const GDate             *as_of,
                                                       GError                 **error);
/* The history of one episode of the patient @mrn: episode @episode_id (0: the episode in force
 * on @as_of: vastus_episodes_choose). VASTUS_STORE_ERROR_NOT_FOUND, with a message naming what
 * is missing, when there is no such patient or no such episode. */
VastusHistory     *vastus_database_load_patient_history (VastusDatabase       *self,
                                                         const char           *mrn,
                                                         gint64                episode_id,
                                                         const GDate          *as_of,
                                                         GError              **error);

/* The same for an episode (and its patient) already read: copies them and lists the visits
 * (one query for the visits, one for their measurements). */
VastusHistory     *vastus_database_load_episode_history (VastusDatabase       *self,
                                                         const VastusPatient  *patient,
                                                         const VastusEpisode  *episode,
                                                         GError              **error);

/* The clinic-wide list: the most recent episode of every active (or, with @archived, every
 * archived) patient with its visits, ordered by MRN, read in four queries (the patients, every
 * episode, every visit, every measurement) rather than queries per patient, from one snapshot of
 * the database (inside the caller's transaction when one is open). Of VastusHistory*. */
GPtrArray         *vastus_database_load_current_histories (VastusDatabase  *self,
                                                           gboolean         archived,
                                                           GError         **error);

G_END_DECLS
