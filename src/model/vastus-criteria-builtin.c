/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The built-in criteria sets as data, every version of each: an evaluation names the version it
 * used, so an earlier one must stay. Storage seeds the same rows (sql/002-criteria-sets.sql for
 * version 1, sql/006-verdict.sql for version 2); tests/test-criteria-store.c checks that they
 * agree exactly.
 */
#define G_LOG_DOMAIN "vastus-criteria"

#include "config.h"

#include "vastus-i18n.h"

#include "vastus-criteria.h"
#include "vastus-value.h"

/* Built-in sets (clinical-reference.md §3, sources from §7) */

typedef struct
{
  const char          *id;
  const char          *label;
  VastusMetric         metric;
  const char          *measures[4];
  VastusComparator     comparator;
  double               threshold;
  const char          *unit;
  VastusSex            sex;
  const char          *source;
} BuiltinCriterion;

typedef struct
{
  const char             *id;
  int                     version;
  const char             *title;
  const char             *source;
  const char             *notes;
  const char             *conditions[3];
  const BuiltinCriterion *criteria;
  guint                   n_criteria;
} BuiltinSet;

#define GT VASTUS_COMPARATOR_GT
#define GE VASTUS_COMPARATOR_GE
#define LT VASTUS_COMPARATOR_LT
#define LE VASTUS_COMPARATOR_LE
#define ANY VASTUS_SEX_UNKNOWN

/* Translators: a source of the built-in criteria; keep author names, journal abbreviations, years and addresses as they are */
#define SRC_DELAWARE N_("Delaware ACLR practice guideline, https://www.readkong.com/page/rehabilitation-after-acl-reconstruction-practice-guidelines-1979155")
/* Translators: a source of the built-in criteria; keep author names, journal abbreviations, years and addresses as they are */
#define SRC_TCD N_("Delaware milestones as quoted by the TCD trial protocol, https://sites.google.com/tcd.ie/mcphasedaclrehab/home/control-group [secondary]")
/* Translators: a source of the built-in criteria; keep author names, journal abbreviations, years and addresses as they are */
#define SRC_RAMBAUD N_("Rambaud 2018, Br J Sports Med 52:1437, https://bjsm.bmj.com/content/52/22/1437.long; https://mednev.com/acl-rehab-when-can-i-run-again [secondary]")
/* Translators: a source of the built-in criteria; keep author names, journal abbreviations, years and addresses as they are */
#define SRC_OSLO N_("Adams 2012 Table 5, https://pmc.ncbi.nlm.nih.gov/articles/PMC3576892/table/T5; Grindem 2020, https://pmc.ncbi.nlm.nih.gov/articles/PMC7442843")
/* Translators: a source of the built-in criteria; keep author names, journal abbreviations, years and addresses as they are */
#define SRC_GOKELER N_("Gokeler 2017, https://pmc.ncbi.nlm.nih.gov/articles/PMC5315711; Welling 2018, https://pmc.ncbi.nlm.nih.gov/articles/PMC6267144")
/* Translators: a source of the built-in criteria; keep author names, journal abbreviations, years and addresses as they are */
#define SRC_PFP N_("Suggested default, clinical-reference.md §3.11 [background, to be confirmed by a clinician]")
/* Translators: a source of the built-in criteria; keep author names, journal abbreviations, years and addresses as they are */
#define SRC_PFP_SUCCESS N_("Treatment success AKPS ≥ +8, https://nata.kglmeridian.com/view/journals/attr/53/6/article-p545.xml")
/* Translators: a source of the built-in criteria; keep author names, journal abbreviations, years and addresses as they are */
#define SRC_ADAMS N_("Adams 2012 Table 5, https://pmc.ncbi.nlm.nih.gov/articles/PMC3576892/table/T5")
/* Translators: a source of the built-in criteria; keep author names, journal abbreviations, years and addresses as they are */
#define SRC_GRINDEM N_("Grindem 2016, https://bjsm.bmj.com/content/50/13/804.abstract")
/* Translators: a source of the built-in criteria; keep author names, journal abbreviations, years and addresses as they are */
#define SRC_DELAWARE_CHAPTER N_("Delaware-Oslo clinical impairments, http://dx.doi.org/10.1007/978-3-662-55713-6_10")
/* Translators: a source of the built-in criteria; keep author names, journal abbreviations, years and addresses as they are */
#define SRC_EBERT N_("Ebert 2014, Arch Phys Med Rehabil 95:1135, https://tr.scribd.com/document/301436009/2014-Guidelines-RTC-Flexion-Activa")

/* Translators: a source of the built-in criteria; keep author names, journal abbreviations, years and addresses as they are */
#define SRC_TCD_FULL_RANGE N_("Delaware milestones as quoted by the TCD trial protocol, https://sites.google.com/tcd.ie/mcphasedaclrehab/home/control-group [secondary]; full range read as in Rambaud 2018, Br J Sports Med 52:1437, https://bjsm.bmj.com/content/52/22/1437.long; https://mednev.com/acl-rehab-when-can-i-run-again [secondary]")
/* Translators: a source of the built-in criteria; keep author names, journal abbreviations, years and addresses as they are */
/* xgettext:no-c-format */
#define SRC_GRINDEM_DELAY N_("Grindem 2016, https://bjsm.bmj.com/content/50/13/804.abstract (each month of delay up to 9 months cut the reinjury rate by 51 %)")
/* Translators: a source of the built-in criteria; keep author names, journal abbreviations, years and addresses as they are */
#define SRC_DELAWARE_CHAPTER_FULL_RANGE N_("Delaware-Oslo clinical impairments, http://dx.doi.org/10.1007/978-3-662-55713-6_10; full range read as in Rambaud 2018, Br J Sports Med 52:1437, https://bjsm.bmj.com/content/52/22/1437.long; https://mednev.com/acl-rehab-when-can-i-run-again [secondary]")

#define QUAD_ANY { "quadriceps_mvic", "quadriceps_isokinetic_60", "quadriceps_hhd", NULL }

/* Criteria two versions of a set share, as macros so that each stands once. */
#define LATE_PHASE_FIRST                                                                            \
  /* xgettext:no-c-format */                                                                        \
  { "quadriceps-index", N_("Quadriceps index above 80 %"), VASTUS_METRIC_LSI, QUAD_ANY,             \
    GT, 80, "%", ANY, SRC_TCD },                                                                     \
  { "effusion-trace", N_("Effusion trace or less"), VASTUS_METRIC_VALUE, { "effusion_stroke", NULL }, \
    LE, VASTUS_GRADE_TRACE, "grade", ANY, SRC_TCD },                                                 \
  { "extension-symmetric", N_("Knee extension symmetric with the other knee"), VASTUS_METRIC_DIFFERENCE, \
    { "knee_extension", NULL }, LE, 0, "deg", ANY, SRC_DELAWARE }
#define LATE_PHASE_LAG                                                                              \
  { "no-extension-lag", N_("No extension lag"), VASTUS_METRIC_VALUE, { "extension_lag", NULL },     \
    LE, 0, "deg", ANY, SRC_DELAWARE }

static const BuiltinCriterion late_phase[] = {
  LATE_PHASE_FIRST,
  { "flexion-within-10", N_("Knee flexion within 10° of the other knee"), VASTUS_METRIC_DIFFERENCE,
    { "knee_flexion", NULL }, LE, 10, "deg", ANY, SRC_DELAWARE },
  LATE_PHASE_LAG,
};

/* Version 2: the late-phase gate asks for full range of motion compared with the other knee;
 * "flexion within 10°" was the pre-operative goal. */
static const BuiltinCriterion late_phase_2[] = {
  LATE_PHASE_FIRST,
  /* xgettext:no-c-format */
  { "flexion-lsi", N_("Knee flexion above 95 % of the other knee"), VASTUS_METRIC_LSI, { "knee_flexion", NULL },
    GT, 95, "%", ANY, SRC_TCD_FULL_RANGE },
  LATE_PHASE_LAG,
};

static const BuiltinCriterion return_to_running[] = {
  { "weeks", N_("At least 12 weeks since surgery"), VASTUS_METRIC_WEEKS, { NULL },
    GE, 12, "weeks", ANY, SRC_RAMBAUD },
  /* Translators: a criterion's label: pain on the 0–10 numeric rating scale below 2 */
  { "pain", N_("Pain below 2/10"), VASTUS_METRIC_VALUE, { "pain_nrs", NULL },
    LT, 2, "points", ANY, SRC_RAMBAUD },
  /* xgettext:no-c-format */
  { "flexion-lsi", N_("Knee flexion above 95 % of the other knee"), VASTUS_METRIC_LSI, { "knee_flexion", NULL },
    GT, 95, "%", ANY, SRC_RAMBAUD },
  { "extension-full", N_("Full active extension, symmetric with the other knee"), VASTUS_METRIC_DIFFERENCE,
    { "knee_extension", NULL }, LE, 0, "deg", ANY, SRC_RAMBAUD },
  /* Translators: a criterion of a built-in criteria set: the stroke test finds no effusion
   * (grade 0) */
  { "effusion-none", N_("No effusion"), VASTUS_METRIC_VALUE, { "effusion_stroke", NULL },
    LE, VASTUS_GRADE_ZERO, "grade", ANY, SRC_RAMBAUD },
  /* xgettext:no-c-format */
  { "quadriceps-lsi", N_("Quadriceps strength LSI above 70 %"), VASTUS_METRIC_LSI,
    { "quadriceps_mvic", "quadriceps_hhd", "quadriceps_isokinetic_60", NULL }, GT, 70, "%", ANY, SRC_RAMBAUD },
  /* xgettext:no-c-format */
  { "hamstrings-lsi", N_("Hamstrings strength LSI above 70 %"), VASTUS_METRIC_LSI,
    { "hamstrings_hhd", "hamstrings_isokinetic_60", NULL }, GT, 70, "%", ANY, SRC_RAMBAUD },
  /* xgettext:no-c-format */
  { "hop-lsi", N_("Single hop LSI above 70 %"), VASTUS_METRIC_LSI, { "single_hop", NULL },
    GT, 70, "%", ANY, SRC_RAMBAUD },
  { "no-valgus", N_("No knee valgus on single-leg squat"), VASTUS_METRIC_VALUE,
    { "single_leg_squat_valgus", "step_down_valgus", NULL }, LE, 0, "bool", ANY, SRC_RAMBAUD },
};

#define OSLO_BATTERY                                                                                \
  /* xgettext:no-c-format */                                                                        \
  { "quadriceps-lsi", N_("Quadriceps strength index at least 90 %"), VASTUS_METRIC_LSI, QUAD_ANY,   \
    GE, 90, "%", ANY, SRC_OSLO },                                                                    \
  /* xgettext:no-c-format */                                                                         \
  { "single-hop-lsi", N_("Single hop LSI at least 90 %"), VASTUS_METRIC_LSI, { "single_hop", NULL }, \
    GE, 90, "%", ANY, SRC_OSLO },                                                                    \
  /* xgettext:no-c-format */                                                                                  \
  { "crossover-hop-lsi", N_("Crossover hop LSI at least 90 %"), VASTUS_METRIC_LSI, { "crossover_hop", NULL }, \
    GE, 90, "%", ANY, SRC_OSLO },                                                                    \
  /* xgettext:no-c-format */                                                                         \
  { "triple-hop-lsi", N_("Triple hop LSI at least 90 %"), VASTUS_METRIC_LSI, { "triple_hop", NULL }, \
    GE, 90, "%", ANY, SRC_OSLO },                                                                    \
  /* xgettext:no-c-format */                                                                             \
  { "timed-hop-lsi", N_("6 m timed hop LSI at least 90 %"), VASTUS_METRIC_LSI, { "timed_hop_6m", NULL }, \
    GE, 90, "%", ANY, SRC_OSLO },                                                                    \
  { "kos-adls", N_("KOS-ADLS at least 90"), VASTUS_METRIC_VALUE, { "kos_adls", NULL },              \
    GE, 90, "points", ANY, SRC_OSLO },                                                               \
  { "global-rating", N_("Global rating of knee function at least 90"), VASTUS_METRIC_VALUE,         \
    { "global_rating", NULL }, GE, 90, "points", ANY, SRC_OSLO }

static const BuiltinCriterion return_to_sport[] = {
  OSLO_BATTERY,
  { "weeks", N_("At least 12 weeks since surgery"), VASTUS_METRIC_WEEKS, { NULL },
    GE, 12, "weeks", ANY, SRC_ADAMS },
};

/* Version 2 (clinical-reference §3.1, §4): 12 weeks is the minimum to begin a return-to-sport
 * progression, 9 months the earliest return the source advises; the clinical impairments row
 * (full symmetric range of motion, minimal or no effusion) as measurable criteria. */
static const BuiltinCriterion return_to_sport_2[] = {
  OSLO_BATTERY,
  { "weeks", N_("At least 12 weeks since surgery: the minimum to begin a return-to-sport progression"),
    VASTUS_METRIC_WEEKS, { NULL }, GE, 12, "weeks", ANY, SRC_ADAMS },
  { "weeks-9-months", N_("At least 39 weeks (9 months) since surgery before return to sport"),
    VASTUS_METRIC_WEEKS, { NULL }, GE, 39, "weeks", ANY,
    SRC_GRINDEM_DELAY },
  { "effusion-trace", N_("Effusion trace or less"), VASTUS_METRIC_VALUE, { "effusion_stroke", NULL },
    LE, VASTUS_GRADE_TRACE, "grade", ANY, SRC_DELAWARE_CHAPTER },
  /* xgettext:no-c-format */
  { "flexion-lsi", N_("Knee flexion above 95 % of the other knee"), VASTUS_METRIC_LSI, { "knee_flexion", NULL },
    GT, 95, "%", ANY, SRC_DELAWARE_CHAPTER_FULL_RANGE },
  { "extension-symmetric", N_("Knee extension symmetric with the other knee"), VASTUS_METRIC_DIFFERENCE,
    { "knee_extension", NULL }, LE, 0, "deg", ANY, SRC_DELAWARE_CHAPTER },
};

#define GOKELER_LSI(id_, label_, code_) \
  { id_, label_, VASTUS_METRIC_LSI, { code_, NULL }, GT, 90, "%", ANY, SRC_GOKELER }

#define GOKELER_BATTERY                                                                             \
  /* xgettext:no-c-format */                                                                               \
  GOKELER_LSI ("quadriceps-lsi-60", N_("Quadriceps LSI at 60°/s above 90 %"), "quadriceps_isokinetic_60"), \
  /* xgettext:no-c-format */                                                                                  \
  GOKELER_LSI ("quadriceps-lsi-180", N_("Quadriceps LSI at 180°/s above 90 %"), "quadriceps_isokinetic_180"), \
  /* xgettext:no-c-format */                                                                                  \
  GOKELER_LSI ("quadriceps-lsi-300", N_("Quadriceps LSI at 300°/s above 90 %"), "quadriceps_isokinetic_300"), \
  /* xgettext:no-c-format */                                                                               \
  GOKELER_LSI ("hamstrings-lsi-60", N_("Hamstrings LSI at 60°/s above 90 %"), "hamstrings_isokinetic_60"), \
  /* xgettext:no-c-format */                                                                                  \
  GOKELER_LSI ("hamstrings-lsi-180", N_("Hamstrings LSI at 180°/s above 90 %"), "hamstrings_isokinetic_180"), \
  /* xgettext:no-c-format */                                                                                  \
  GOKELER_LSI ("hamstrings-lsi-300", N_("Hamstrings LSI at 300°/s above 90 %"), "hamstrings_isokinetic_300"), \
  { "quadriceps-60-per-kg", N_("Involved quadriceps at 60°/s above 3.0 Nm/kg"), VASTUS_METRIC_NORMALIZED, \
    { "quadriceps_isokinetic_60", NULL }, GT, 3.0, "Nm/kg", ANY, SRC_GOKELER },                     \
  /* xgettext:no-c-format */                                                                              \
  { "hq-300-female", N_("Hamstrings:quadriceps ratio at 300°/s above 55 % (women)"), VASTUS_METRIC_RATIO, \
    { "hamstrings_isokinetic_300", NULL }, GT, 55, "%", VASTUS_SEX_FEMALE, SRC_GOKELER },           \
  /* xgettext:no-c-format */                                                                            \
  { "hq-300-male", N_("Hamstrings:quadriceps ratio at 300°/s above 62.5 % (men)"), VASTUS_METRIC_RATIO, \
    { "hamstrings_isokinetic_300", NULL }, GT, 62.5, "%", VASTUS_SEX_MALE, SRC_GOKELER },           \
  /* xgettext:no-c-format */                                                                        \
  GOKELER_LSI ("single-hop-lsi", N_("Single hop LSI above 90 %"), "single_hop"),                    \
  /* xgettext:no-c-format */                                                                        \
  GOKELER_LSI ("triple-hop-lsi", N_("Triple hop LSI above 90 %"), "triple_hop"),                    \
  /* xgettext:no-c-format */                                                                        \
  GOKELER_LSI ("side-hop-lsi", N_("Side hop LSI above 90 %"), "side_hop_30s")
#define GOKELER_ACL_RSI                                                                             \
  { "acl-rsi", N_("ACL-RSI above 56"), VASTUS_METRIC_VALUE, { "acl_rsi", NULL },                    \
    GT, 56, "points", ANY, SRC_GOKELER }

static const BuiltinCriterion gokeler[] = {
  GOKELER_BATTERY,
  GOKELER_ACL_RSI,
};

/* Version 2: LESS below 5 errors; the IKDC norm criterion is still missing (see the notes). */
static const BuiltinCriterion gokeler_2[] = {
  GOKELER_BATTERY,
  { "less", N_("Landing Error Scoring System below 5 errors"), VASTUS_METRIC_VALUE, { "less_score", NULL },
    LT, 5, "count", ANY, SRC_GOKELER },
  GOKELER_ACL_RSI,
};

static const BuiltinCriterion pfp[] = {
  { "pain", N_("Worst pain with provocative tasks 2/10 or less"), VASTUS_METRIC_VALUE, { "pain_nrs", NULL },
    LE, 2, "points", ANY, SRC_PFP },
  { "kujala-change", N_("Kujala (AKPS) improved by at least 8 points"), VASTUS_METRIC_DIFFERENCE,
    { "kujala", NULL }, GE, 8, "points", ANY, SRC_PFP_SUCCESS },
  /* xgettext:no-c-format */
  { "hip-abduction-lsi", N_("Hip abduction LSI at least 90 %"), VASTUS_METRIC_LSI, { "hip_abduction_hhd", NULL },
    GE, 90, "%", ANY, SRC_PFP },
  /* xgettext:no-c-format */
  { "hip-external-rotation-lsi", N_("Hip external rotation LSI at least 90 %"), VASTUS_METRIC_LSI,
    { "hip_external_rotation_hhd", NULL }, GE, 90, "%", ANY, SRC_PFP },
  /* xgettext:no-c-format */
  { "quadriceps-lsi", N_("Quadriceps LSI at least 90 %"), VASTUS_METRIC_LSI,
    { "quadriceps_hhd", "quadriceps_mvic", "quadriceps_isokinetic_60", NULL }, GE, 90, "%", ANY, SRC_PFP },
  { "step-down-no-valgus", N_("No knee valgus on step-down"), VASTUS_METRIC_VALUE, { "step_down_valgus", NULL },
    LE, 0, "bool", ANY, SRC_PFP },
  { "single-leg-squat-no-valgus", N_("No knee valgus on single-leg squat"), VASTUS_METRIC_VALUE,
    { "single_leg_squat_valgus", NULL }, LE, 0, "bool", ANY, SRC_PFP },
};

static const BuiltinCriterion tka[] = {
  { "flexion-80", N_("Active knee flexion at least 80° (weeks 1–2)"), VASTUS_METRIC_VALUE, { "knee_flexion", NULL },
    GE, 80, "deg", ANY, SRC_EBERT },
  { "flexion-100", N_("Active knee flexion at least 100° (by week 7)"), VASTUS_METRIC_VALUE, { "knee_flexion", NULL },
    GE, 100, "deg", ANY, SRC_EBERT },
};

static const BuiltinSet builtin_sets[] = {
  { "aclr-late-phase", 1,
    N_("ACL reconstruction: late-phase gate before running and gym progression"),
    /* Translators: the sources of a built-in criteria set; keep author names, journal abbreviations, years and addresses as they are */
    N_("Delaware ACLR rehabilitation milestones (clinical-reference.md §3.2): Delaware ACLR practice "
       "guideline, "
       "https://www.readkong.com/page/rehabilitation-after-acl-reconstruction-practice-guidelines-1979155; "
       "Delaware milestones as quoted by the TCD trial protocol, "
       "https://sites.google.com/tcd.ie/mcphasedaclrehab/home/control-group [secondary]"),
    /* xgettext:no-c-format */
    N_("Quadriceps index above 80 % as in the late-phase row of §3.2 (the pre-operative goal is ≥ 80 %). "
       "Full range of motion compared with the other knee is read as extension symmetric "
       "(difference ≤ 0°) and flexion within 10°. Normal gait cannot be measured with the catalog "
       "and is left out."),
    { "aclr", NULL }, late_phase, G_N_ELEMENTS (late_phase) },
  { "aclr-return-to-running", 1,
    N_("ACL reconstruction: return to running"),
    /* Translators: the sources of a built-in criteria set; keep author names, journal abbreviations, years and addresses as they are */
    N_("Rambaud 2018 scoping review (clinical-reference.md §3.5): Rambaud 2018, Br J Sports Med "
       "52:1437, https://bjsm.bmj.com/content/52/22/1437.long; "
       "https://mednev.com/acl-rehab-when-can-i-run-again [secondary]; "
       "https://www.medicalalgorithms.com/criteria-of-rambaud-et-al-for-the-return-to-running-after-anterior-cruciate-ligament-reconstruction"),
    /* xgettext:no-c-format */
    N_("The median 12 weeks reported is used as a minimum. Range of motion “full or above 95 % of the "
       "non-injured knee” is read as flexion LSI above 95 % and extension symmetric. Valgus on "
       "step-down is used when no single-leg squat was recorded (“single-leg squat or step-up”)."),
    { "aclr", NULL }, return_to_running, G_N_ELEMENTS (return_to_running) },
  { "aclr-return-to-sport", 1,
    N_("Delaware-Oslo return-to-sport criteria"),
    /* Translators: the sources of a built-in criteria set; keep author names, journal abbreviations, years and addresses as they are */
    N_("Delaware-Oslo ACL cohort (clinical-reference.md §3.1): Grindem 2016, "
       "https://bjsm.bmj.com/content/50/13/804.abstract; Adams 2012 Table 5, "
       "https://pmc.ncbi.nlm.nih.gov/articles/PMC3576892/table/T5; Grindem 2020, "
       "https://pmc.ncbi.nlm.nih.gov/articles/PMC7442843. Thresholds are ≥ 90 as in the 2012 table and "
       "the 2020 follow-up (the 2016 abstract says > 90)."),
    N_("Quadriceps index from MVIC, else isokinetic 60°/s, else hand-held dynamometer. The timed hop "
       "LSI is uninvolved time / involved time. Clinical impairments (full symmetric ROM, minimal "
       "effusion, no soreness) are checked by aclr-late-phase. Return to level I sport is advised "
       "no earlier than 9 months."),
    { "aclr", "acl_nonoperative", NULL }, return_to_sport, G_N_ELEMENTS (return_to_sport) },
  { "aclr-gokeler", 1,
    N_("Gokeler / Welling return-to-sport battery"),
    /* Translators: the sources of a built-in criteria set; keep author names, journal abbreviations, years and addresses as they are */
    N_("Gokeler 2017 / Welling 2018 (clinical-reference.md §3.6): Gokeler 2017, "
       "https://pmc.ncbi.nlm.nih.gov/articles/PMC5315711; Welling 2018, "
       "https://pmc.ncbi.nlm.nih.gov/articles/PMC6267144"),
    N_("LESS below 5 and IKDC at or above the 15th percentile of age and sex norms cannot be measured "
       "with the catalog and are left out. The H:Q ratio has a threshold for women and one for men; "
       "when the patient's sex is not recorded as female or male both are listed and not tested."),
    { "aclr", NULL }, gokeler, G_N_ELEMENTS (gokeler) },
  { "pfp-return-to-activity", 1,
    N_("Patellofemoral pain: return to activity"),
    /* Translators: the sources of a built-in criteria set; keep author names, journal abbreviations, years and addresses as they are */
    N_("Suggested default PFP set (clinical-reference.md §3.11) [background, to be confirmed by a "
       "clinician]; Willy 2019 CPG, https://it.scribd.com/document/432380294/jospt-2019-0302-pdf; "
       "Treatment success AKPS ≥ +8, "
       "https://nata.kglmeridian.com/view/journals/attr/53/6/article-p545.xml"),
    /* xgettext:no-c-format */
    N_("Hip strength above normative %BW has no normative value in the reference and is left out. "
       "The Kujala change is now minus the baseline-marked value, else the episode's first recorded "
       "value. When both knees are involved the LSI criteria are not tested and the valgus criteria "
       "read both legs."),
    { "pfp", NULL }, pfp, G_N_ELEMENTS (pfp) },
  { "tka-milestones", 1,
    N_("Knee arthroplasty milestones"),
    /* Translators: the sources of a built-in criteria set; keep author names, journal abbreviations, years and addresses as they are */
    N_("Knee arthroplasty (clinical-reference.md §3.10): Ebert 2014, Arch Phys Med Rehabil 95:1135, "
       "https://tr.scribd.com/document/301436009/2014-Guidelines-RTC-Flexion-Activa; APTA TKA CPG "
       "summary, https://www.guidelinecentral.com/guideline/300177/pocket-guide/1062057/"),
    N_("Flexion milestones from Ebert 2014; the week targets are read from the first-met dates. The "
       "CPG outcome set (KOOS JR, 30 s chair stand, TUG at the first and last visit) has no "
       "threshold and KOOS JR is not in the catalog, so none is a criterion. Return to work "
       "(mean 7.7 weeks) is an outcome, not a criterion."),
    { "tka", NULL }, tka, G_N_ELEMENTS (tka) },
  /* Version 2 of three sets (the earlier versions above stay: evaluations name them). */
  { "aclr-late-phase", 2,
    N_("ACL reconstruction: late-phase gate before running and gym progression"),
    /* Translators: the sources of a built-in criteria set; keep author names, journal abbreviations, years and addresses as they are */
    N_("Delaware ACLR rehabilitation milestones (clinical-reference.md §3.2): Delaware ACLR practice "
       "guideline, "
       "https://www.readkong.com/page/rehabilitation-after-acl-reconstruction-practice-guidelines-1979155; "
       "Delaware milestones as quoted by the TCD trial protocol, "
       "https://sites.google.com/tcd.ie/mcphasedaclrehab/home/control-group [secondary]"),
    /* xgettext:no-c-format */
    N_("Quadriceps index above 80 % as in the late-phase row of §3.2 (the pre-operative goal is ≥ 80 %). "
       "The gate's full range of motion compared with the other knee is read as the return-to-running "
       "set reads it (Rambaud 2018, §3.5): extension symmetric (difference ≤ 0°) and flexion above "
       "95 % of the other knee. Version 1 asked for flexion within 10°, which is the Delaware "
       "pre-operative goal, not this gate. Normal gait cannot be measured with the catalog and is "
       "left out."),
    { "aclr", NULL }, late_phase_2, G_N_ELEMENTS (late_phase_2) },
  { "aclr-return-to-sport", 2,
    N_("Delaware-Oslo return-to-sport criteria"),
    /* Translators: the sources of a built-in criteria set; keep author names, journal abbreviations, years and addresses as they are */
    N_("Delaware-Oslo ACL cohort (clinical-reference.md §3.1): Grindem 2016, "
       "https://bjsm.bmj.com/content/50/13/804.abstract; Adams 2012 Table 5, "
       "https://pmc.ncbi.nlm.nih.gov/articles/PMC3576892/table/T5; Grindem 2020, "
       "https://pmc.ncbi.nlm.nih.gov/articles/PMC7442843; Delaware-Oslo clinical impairments, "
       "http://dx.doi.org/10.1007/978-3-662-55713-6_10. Thresholds are ≥ 90 as in the 2012 table and "
       "the 2020 follow-up (the 2016 abstract says > 90)."),
    /* xgettext:no-c-format */
    N_("Quadriceps index from MVIC, else isokinetic 60°/s, else hand-held dynamometer (named with "
       "the result; one without a belt or frame holds the verdict). The timed hop LSI is uninvolved "
       "time / involved time. 12 weeks is the minimum to begin a return-to-sport progression (Adams "
       "2012 Table 5), not to return: 39 weeks (9 months) is the earliest return the source advises "
       "(Grindem 2016: each month of delay up to 9 months cut the reinjury rate by 51 %). The "
       "clinical impairments of §3.1 are criteria: full symmetric range of motion read as in "
       "aclr-return-to-running (flexion LSI above 95 %, extension difference ≤ 0°) and minimal to "
       "no effusion as trace or less. Joint soreness is left to the safety rules (the pain flag)."),
    { "aclr", "acl_nonoperative", NULL }, return_to_sport_2, G_N_ELEMENTS (return_to_sport_2) },
  { "aclr-gokeler", 2,
    N_("Gokeler / Welling return-to-sport battery (partial: without the IKDC norm)"),
    /* Translators: the sources of a built-in criteria set; keep author names, journal abbreviations, years and addresses as they are */
    N_("Gokeler 2017 / Welling 2018 (clinical-reference.md §3.6): Gokeler 2017, "
       "https://pmc.ncbi.nlm.nih.gov/articles/PMC5315711; Welling 2018, "
       "https://pmc.ncbi.nlm.nih.gov/articles/PMC6267144"),
    N_("Partial: the published battery also asks for an IKDC score at or above the 15th percentile "
       "of age- and sex-matched norms (Anderson 2006). Vastus does not carry that normative table, "
       "so this set is not the whole battery and its verdict cannot stand for it. LESS below 5 "
       "errors reads less_score (the mean of the jumps). The H:Q ratio has a threshold for women "
       "and one for men; when the patient's sex is not recorded as female or male both are listed "
       "and not tested."),
    { "aclr", NULL }, gokeler_2, G_N_ELEMENTS (gokeler_2) },
};

/* The entry of @id's latest version (@version 0) or of @version; NULL when there is none. */
static const BuiltinSet *
find_builtin (const char *id,
              int         version)
{
  const BuiltinSet *found = NULL;

  for (guint i = 0; id != NULL && i < G_N_ELEMENTS (builtin_sets); i++)
    if (g_str_equal (builtin_sets[i].id, id) &&
        (version > 0 ? builtin_sets[i].version == version
                     : found == NULL || builtin_sets[i].version > found->version))
      found = &builtin_sets[i];
  return found;
}

static VastusCriteriaSet *
builtin_new (const BuiltinSet *b)
{
  VastusCriteriaSet *set = vastus_criteria_set_new ();

  set->id = g_strdup (b->id);
  set->version = b->version;
  set->title = g_strdup (b->title);
  set->source = g_strdup (b->source);
  set->notes = g_strdup (b->notes);
  g_strfreev (set->conditions);
  set->conditions = g_strdupv ((char **) b->conditions);
  set->builtin = TRUE;
  for (guint i = 0; i < b->n_criteria; i++)
    {
      const BuiltinCriterion *bc = &b->criteria[i];
      VastusCriterion *c = vastus_criterion_new ();

      c->id = g_strdup (bc->id);
      c->label = g_strdup (bc->label);
      c->metric = bc->metric;
      g_strfreev (c->measures);
      c->measures = g_strdupv ((char **) bc->measures);
      c->side = VASTUS_CRITERION_SIDE_INVOLVED;
      c->comparator = bc->comparator;
      c->threshold = bc->threshold;
      c->unit = g_strdup (bc->unit);
      c->sex = bc->sex;
      c->source = g_strdup (bc->source);
      g_ptr_array_add (set->criteria, c);
    }
  return set;
}

/* Version 1 of each set comes first in the table, in the order they are listed. */
guint
vastus_criteria_builtin_get_n (void)
{
  guint n = 0;

  for (guint i = 0; i < G_N_ELEMENTS (builtin_sets); i++)
    n += builtin_sets[i].version == 1;
  return n;
}

VastusCriteriaSet *
vastus_criteria_builtin_get_nth (guint index)
{
  g_return_val_if_fail (index < vastus_criteria_builtin_get_n (), NULL);
  return builtin_new (find_builtin (builtin_sets[index].id, 0));
}

VastusCriteriaSet *
vastus_criteria_builtin_lookup (const char *id)
{
  return vastus_criteria_builtin_lookup_version (id, 0);
}

VastusCriteriaSet *
vastus_criteria_builtin_lookup_version (const char *id,
                                        int         version)
{
  const BuiltinSet *b = find_builtin (id, version);

  return b != NULL ? builtin_new (b) : NULL;
}

