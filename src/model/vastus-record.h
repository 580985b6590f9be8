/* vastus-record.h: the clinical record: patients, episodes of care, visits, measurements
 *
 * Plain boxed structs rather than GObjects: a clinic database holds millions of measurements and
 * these travel in bulk between storage, import and the clinical computations. The UI wraps what it
 * lists in GObject items.
 *
 * Numbers that are unknown are NAN; dates that are unknown are invalid GDates (g_date_valid()
 * is FALSE, as after g_date_clear()).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum
{
  VASTUS_SIDE_NONE,
  VASTUS_SIDE_LEFT,
  VASTUS_SIDE_RIGHT,
  VASTUS_SIDE_BOTH,        /* only as an episode's involved side */
} VastusSide;

typedef enum
{
  VASTUS_SEX_UNKNOWN,
  VASTUS_SEX_FEMALE,
  VASTUS_SEX_MALE,
  VASTUS_SEX_OTHER,
} VastusSex;

typedef enum
{
  VASTUS_CONDITION_ACLR,
  VASTUS_CONDITION_ACL_NONOPERATIVE,
  VASTUS_CONDITION_PFP,
  VASTUS_CONDITION_TKA,
  VASTUS_CONDITION_MENISCUS,
  VASTUS_CONDITION_PATELLAR_INSTABILITY,
  VASTUS_CONDITION_OTHER,
} VastusCondition;

/* How a hand-held dynamometer was held (the test condition "fixation", product.md): a belt or a
 * frame anchors it; held by hand it measures the tester's strength as much as the patient's. */
typedef enum
{
  VASTUS_FIXATION_BELT,
  VASTUS_FIXATION_FRAME,
  VASTUS_FIXATION_MANUAL,
} VastusFixation;

/* Findings recorded at a visit that forbid maximal testing (clinical-reference §4). */
typedef enum
{
  VASTUS_FINDING_NONE             = 0,
  VASTUS_FINDING_NO_SLR           = 1 << 0, /* unable to do a straight-leg raise */
  VASTUS_FINDING_NERVE_BLOCK      = 1 << 1, /* recent or active femoral nerve block */
  VASTUS_FINDING_DVT_SIGNS        = 1 << 2, /* calf pain, swelling, redness; chest pain */
  VASTUS_FINDING_INFECTION_SIGNS  = 1 << 3, /* fever, spreading redness, drainage */
  VASTUS_FINDING_ALL              = 0xf,
} VastusFinding;

typedef struct
{
  gint64     id;            /* 0 until stored */
  char      *mrn;
  char      *family_name;   /* what the list sorts and searches by */
  char      *given_name;    /* NULL when there are none */
  char      *name;          /* the whole name in one text, "Given Family", kept in step by
                             * storage (vastus_patient_settle_names); a patient written with name
                             * alone has it split. Show names with vastus_patient_format_name. */
  GDate      birth_date;
  VastusSex  sex;
  char      *notes;
  gboolean   archived;
  gboolean   demo;          /* added by `vastus-cli demo`; removable in one step */
  gint64     row_version;   /* the version it was read at (storage sets it; 0 until stored): an
                             * update says which version it replaces */
} VastusPatient;

typedef struct
{
  gint64           id;
  gint64           patient_id;
  VastusCondition  condition;
  VastusSide       involved_side;   /* LEFT, RIGHT or BOTH */
  GDate            injury_date;     /* optional */
  GDate            surgery_date;    /* optional */
  char            *surgeon;
  char            *procedure;       /* procedure details, graft … */
  char            *restrictions;    /* free text from the surgeon */
  GDate            no_max_test_before; /* surgeon's "no maximal testing before" date, optional */
  char            *criteria_set;    /* chosen criteria set id, NULL for the condition's default */
  char            *treating_therapist; /* the clinician who treats the patient, NULL: not named */
  /* Read with the episode, never stored from here: */
  GDate            first_visit;     /* the date of its first live visit; invalid when none */
  GDate            recorded;        /* the day (UTC) it was entered; invalid before it is stored */
  gint64           row_version;     /* the version it was read at, as VastusPatient's */
} VastusEpisode;

/* Trials of one measure and side at a visit are numbered 1 … VASTUS_MAX_TRIALS: the one limit of
 * the validators, the CSV importer, the visit editor and the schema (measurement.trial's CHECK). */
#define VASTUS_MAX_TRIALS 100

typedef struct
{
  gint64      id;
  gint64      visit_id;
  const char *measure;          /* catalog code; interned (g_intern_string): set it with
                                 * g_intern_string, never free it */
  VastusSide  side;             /* LEFT, RIGHT, or NONE for measures without sides */
  int         trial;            /* 1, 2, 3 … VASTUS_MAX_TRIALS */
  double      value;            /* in the catalog's stored unit; grades 0..4, yes/no 1/0 */
  const char *unit;             /* the unit it was entered in (for audit and display);
                                 * interned as the measure's code */
  double      knee_angle_deg;   /* test condition, NAN if not recorded */
  double      velocity_deg_s;   /* test condition, NAN if not recorded */
  double      lever_arm_m;      /* HHD lever arm, NAN if not recorded */
  char       *fixation;         /* "belt", "frame" or "manual" (VastusFixation), NULL if not
                                 * recorded; a database from before schema version 6 may hold
                                 * other text, which counts as not fixed */
  gboolean    baseline;         /* pre-injury or pre-operative reference */
} VastusMeasurement;

typedef struct
{
  gint64      id;
  gint64      episode_id;
  GDate       date;
  char       *clinician;
  double      body_mass_kg;     /* NAN if not recorded */
  double      height_cm;        /* NAN if not recorded */
  char       *notes;
  guint       findings;         /* VastusFinding flags */
  gint64      template_id;      /* the test battery it was entered with (vastus-template.h),
                                 * 0: none */
  GPtrArray  *measurements;     /* of VastusMeasurement*, owned */
  gint64      row_version;      /* the version it was read at, as VastusPatient's */
} VastusVisit;

GType              vastus_patient_get_type      (void) G_GNUC_CONST;
VastusPatient     *vastus_patient_new           (void);
VastusPatient     *vastus_patient_copy          (const VastusPatient *self);
void               vastus_patient_free          (VastusPatient *self);

GType              vastus_episode_get_type      (void) G_GNUC_CONST;
VastusEpisode     *vastus_episode_new           (void);
VastusEpisode     *vastus_episode_copy          (const VastusEpisode *self);
void               vastus_episode_free          (VastusEpisode *self);
/* The date weeks are counted from: surgery, else injury; NULL when neither is known. */
const GDate       *vastus_episode_get_index_date (const VastusEpisode *self);
/* When the episode began: the earliest of its injury date, surgery date and first visit (a
 * pre-operative visit comes before the surgery; a pain that came on gradually has neither date);
 * else the day it was recorded. NULL when none is known. */
const GDate       *vastus_episode_get_start_date (const VastusEpisode *self);
/* Newest first: the later start date first (an episode without one last), then the higher id. */
int                vastus_episode_compare_newest_first (const VastusEpisode *a,
                                                        const VastusEpisode *b);
/* The episode in force on @on among @episodes (of VastusEpisode*, a patient's): the one that had
 * begun most recently by then (on @on counts). NULL when none had begun. */
VastusEpisode     *vastus_episode_in_force      (GPtrArray           *episodes,
                                                 const GDate         *on);

GType              vastus_measurement_get_type  (void) G_GNUC_CONST;
VastusMeasurement *vastus_measurement_new       (const char *measure,
                                                 VastusSide  side,
                                                 int         trial,
                                                 double      value,
                                                 const char *unit);
VastusMeasurement *vastus_measurement_copy      (const VastusMeasurement *self);
void               vastus_measurement_free      (VastusMeasurement *self);

GType              vastus_visit_get_type        (void) G_GNUC_CONST;
VastusVisit       *vastus_visit_new             (void);
VastusVisit       *vastus_visit_copy            (const VastusVisit *self);
void               vastus_visit_free            (VastusVisit *self);
/* Takes ownership of @measurement. */
void               vastus_visit_add_measurement (VastusVisit       *self,
                                                 VastusMeasurement *measurement);

/* Whether @a and @b are the same number, NAN (not recorded) the same as NAN. */
gboolean           vastus_same_number           (double a,
                                                 double b);
/* Whether two measurements read the same: value, unit and test conditions (not which measure,
 * side or trial they are, their ids or baseline). */
gboolean           vastus_measurement_same_reading (const VastusMeasurement *a,
                                                    const VastusMeasurement *b);

/* Contract strings (product.md). to_string never returns NULL for a valid enum value;
 * from_string returns FALSE for anything else. */
const char *vastus_side_to_string      (VastusSide side);
gboolean    vastus_side_from_string    (const char *text, VastusSide *out);
const char *vastus_sex_to_string       (VastusSex sex);
gboolean    vastus_sex_from_string     (const char *text, VastusSex *out);
const char *vastus_condition_to_string (VastusCondition condition);
gboolean    vastus_condition_from_string (const char *text, VastusCondition *out);
const char *vastus_fixation_to_string  (VastusFixation fixation);
gboolean    vastus_fixation_from_string (const char *text, VastusFixation *out);

/* Translated labels for display. */
const char *vastus_side_label          (VastusSide side);
const char *vastus_sex_label           (VastusSex sex);
const char *vastus_condition_label     (VastusCondition condition);
const char *vastus_fixation_label      (VastusFixation fixation);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VastusPatient, vastus_patient_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (VastusEpisode, vastus_episode_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (VastusMeasurement, vastus_measurement_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (VastusVisit, vastus_visit_free)

G_END_DECLS
