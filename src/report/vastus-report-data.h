/* vastus-report-data.h: everything a report shows, prepared before any drawing
 *
 * The report for the referring surgeon (product.md, "Export"): clinic, patient and episode, the
 * key measures with their symmetry and change, the criteria checklist of one set, safety flags,
 * charts and the therapist's narrative. All of it is computed and formatted here, from the
 * record (storage) and the clinical model; the layout (vastus-report-layout.h) only measures and
 * draws text it is given, so the PDF, the print-out and the preview cannot disagree.
 *
 * De-identified reports (data-safety.md §3.1): no name, the MRN replaced by the patient's study
 * code, no birth date (age only, over 89 as "90+"), every date as weeks since surgery or injury
 * (since the first visit when there is neither), no surgeon's free-text restrictions.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "vastus-chart-data.h"
#include "vastus-clinic-rules.h"
#include "vastus-criteria.h"
#include "vastus-database.h"
#include "vastus-evaluation.h"
#include "vastus-history.h"
#include "vastus-prom-chart.h"
#include "vastus-questionnaire.h"
#include "vastus-name.h"

G_BEGIN_DECLS

#define VASTUS_REPORT_ERROR (vastus_report_error_quark ())

/* Stable codes. Append only. */
typedef enum
{
  VASTUS_REPORT_ERROR_NO_PATIENT,   /* no patient with that MRN */
  VASTUS_REPORT_ERROR_NO_EPISODE,   /* the patient has no episode of care */
  VASTUS_REPORT_ERROR_NO_SET,       /* the criteria set named does not exist */
  VASTUS_REPORT_ERROR_DRAW,         /* cairo failed to draw or write the PDF */
  VASTUS_REPORT_ERROR_WRITE,        /* the file could not be written */
} VastusReportError;

GQuark vastus_report_error_quark (void);

typedef enum
{
  VASTUS_PAPER_A4,
  VASTUS_PAPER_LETTER,
} VastusPaper;

/* "a4", "letter" (the GSettings nicks and the --paper values). */
const char  *vastus_paper_to_string   (VastusPaper  paper);
gboolean     vastus_paper_from_string (const char  *text,
                                       VastusPaper *out);
/* In PostScript points: A4 595.28 × 841.89, Letter 612 × 792. */
void         vastus_paper_get_size    (VastusPaper  paper,
                                       double      *width,
                                       double      *height);
/* Letter where the locale's paper is (LC_PAPER, else LC_ALL/LANG: US, Canada, Mexico,
 * Philippines …), else A4. */
VastusPaper  vastus_paper_for_locale  (void);

typedef struct
{
  const char  *clinic_name;       /* NULL or "": not shown */
  const char  *clinic_address;    /* may hold line breaks */
  const GDate *report_date;       /* NULL: today (vastus_date_today) */
  const char  *set_id;            /* NULL: the episode's set, else the clinic's default for the
                                   * condition (vastus_report_load_set) */
  int          set_version;       /* 0: the set's latest version */
  gint64       episode_id;        /* 0: the episode in force on the report date */
  gboolean     deidentify;
  gboolean     imperial;          /* show forces in lbf and lengths in in */
  VastusNameOrder name_order;     /* "Given Family" (the default) or "FAMILY, Given" */
  const VastusClinicRules *rules; /* pain limit, stale window …; NULL: the clinic's rules in the
                                   * database (vastus_report_data_load), the defaults without one */
  const char  *narrative;         /* the therapist's text, may be NULL */
  const char  *therapist;         /* printed under the signature line, may be NULL */
  const char  *language;          /* "de", "en" …: the page's language (vastus-i18n.h); NULL:
                                   * the application's */
  /* The clinic's minimal important change of a questionnaire score (a VastusPromMicFunc of
   * vastus-chart-builder.h); NULL: the instruments' defaults. vastus_report_data_load uses the
   * database's when this is NULL. */
  double     (*mic_for) (const char *measure, gpointer user_data);
  gpointer     mic_data;
} VastusReportOptions;

typedef struct
{
  const char *code;               /* catalog code */
  char       *label;
  gboolean    two_sided;
  char       *involved;           /* column A: involved leg (left when both are involved) */
  char       *uninvolved;         /* column B; one-sided measures: NULL (the value is in A) */
  char       *lsi;                /* "92.4 %", or "—" */
  char       *epic;
  char       *change_previous;    /* involved leg (or the value) since the previous measurement */
  char       *change_first;       /* … since the first */
  char       *when;               /* the date (or week) of the latest measurement */
  gboolean    lsi_below_90;       /* marked with an arrow (not colour alone) */
} VastusReportMeasureRow;

typedef struct
{
  char         *label;
  char         *threshold;        /* "≥ 90.0 %" */
  char         *value;            /* "86.2 %", or why it was not tested */
  VastusStatus  status;
  char         *measured;         /* when the value was measured, or "" */
  char         *first_met;        /* when it was first met (this run), or "" */
} VastusReportCriterionRow;

/* A questionnaire score: first and latest value, the change, against the minimal important
 * change. */
typedef struct
{
  char         *label;            /* "KOOS Pain" */
  char         *first;            /* "44.0 (2026-02-02)" */
  char         *latest;
  char         *change;           /* "+39.0", "—" with one score */
  char         *mic;              /* "16.7: reached, better", "16.7", "none set" */
  VastusChange  change_class;
} VastusReportPromRow;

typedef struct
{
  gboolean   deidentified;

  char      *clinic_name;         /* "" when none */
  char      *clinic_address;
  GDate      report_date;
  char      *report_date_text;    /* "2026-11-21", or "week 27 after surgery (2026)" */
  char      *title;               /* PDF title: "Knee rehabilitation report: Jonas Lindqvist (MRN …)" */
  char      *subject;             /* PDF subject */

  /* Patient */
  gint64     patient_id;
  char      *patient_name;        /* NULL when de-identified */
  char      *patient_id_label;    /* "MRN" or "Study code" */
  char      *patient_id_value;
  char      *birth;               /* "1990-03-05 (36 years)", or "36 years", "90+ years" */
  char      *sex;

  /* Episode */
  gint64     episode_id;
  char      *condition;
  char      *involved_side;
  char      *surgeon;             /* "" when unknown */
  char      *procedure;
  char      *index_label;         /* "Surgery", "Injury" or "First visit" */
  char      *index_date;          /* "2026-02-10", "week 0", or "" */
  char      *weeks_since;         /* "27.3", or "" when there is no index date */
  char      *weeks_label;         /* "Weeks since surgery" */
  char      *restrictions;        /* the surgeon's restrictions, "" when none or de-identified */
  char      *visits;              /* "14 visits, last 2026-11-20" */

  /* Key measures */
  char      *column_a;            /* "Involved (L)" or "Left" */
  char      *column_b;            /* "Uninvolved (R)" or "Right" */
  GPtrArray *measures;            /* of VastusReportMeasureRow* */
  char      *headline_lsi_label;  /* "Quadriceps LSI", NULL when there is none */
  char      *headline_lsi;
  char      *headline_lsi_test;   /* which test and when: "Quadriceps isometric peak torque (fixed
                                   * dynamometer), 2026-11-17"; the one the criteria use */

  /* Criteria */
  gboolean   has_set;
  char      *set_id;
  int        set_version;
  char      *set_title;
  char      *set_citation;        /* the sources, cited for print (vastus-report-citation.h) */
  char      *set_origin;          /* "the clinic's copy of …", NULL for a built-in set */
  GPtrArray *criteria;            /* of VastusReportCriterionRow* */
  guint      met, not_met, not_tested;
  gboolean   all_met;
  gboolean   ready;               /* all met and nothing holds */
  char      *verdict;             /* the one-statement verdict (vastus_evaluation_verdict) */
  double     max_age_weeks;       /* the stale window used; 0: none */

  /* Flags and warnings in force at the last visit, each once */
  GPtrArray *flags;               /* of char*: safety flags (red flags before maximal tests) and
                                   * results that cannot count (an unfixed hand-held dynamometer) */
  GPtrArray *warnings;            /* of char*: evaluation warnings, effusion advice */

  /* Charts (NULL when there is nothing to draw) */
  VastusSymmetryChartData *symmetry;
  VastusProgressChartData *progress;
  VastusGirthChartData    *girth;
  /* Questionnaires */
  GPtrArray               *questionnaires;   /* of VastusReportPromRow* */
  VastusPromChartData     *prom;             /* the first questionnaire with scores, or NULL */

  char      *narrative;           /* "" when none */
  char      *therapist;           /* "" when none */
  char      *version;             /* "Vastus 0.1.0" */
  char      *language;            /* what it is written in; the layout draws in it too */
} VastusReportData;

/* Prepares a report from @history (not kept). @set may be NULL (no checklist); @study_code is
 * required when options->deidentify. */
VastusReportData *vastus_report_data_new   (const VastusHistory       *history,
                                            const VastusCriteriaSet   *set,
                                            const char                *study_code,
                                            const VastusReportOptions *options);
/* Loads the patient (by MRN), the episode, the criteria set and (de-identified) the study code
 * from @db, then as vastus_report_data_new (). */
VastusReportData *vastus_report_data_load  (VastusDatabase            *db,
                                            const char                *mrn,
                                            const VastusReportOptions *options,
                                            GError                   **error);
void              vastus_report_data_free  (VastusReportData          *data);

/* This thread's messages, numbers and dates in @language until the matching pop: the report's
 * pieces (data, layout, pages) each write in the report's language. */
gboolean          vastus_report_push_language (const char  *language,
                                               GError     **error);
void              vastus_report_pop_language  (void);

/* The history and criteria set vastus_report_data_load () would use: episode @episode_id, or
 * (0) the one in force @on (NULL: today). */
VastusHistory     *vastus_report_load_history (VastusDatabase  *db,
                                               const char      *mrn,
                                               gint64           episode_id,
                                               const GDate     *on,
                                               GError         **error);
/* @set_id, else the episode's set, else the clinic's default for its condition (its rules in the
 * database), else the built-in one; NULL without error when there is none. @version 0: the
 * latest. */
VastusCriteriaSet *vastus_report_load_set     (VastusDatabase       *db,
                                               const VastusHistory  *history,
                                               const char           *set_id,
                                               int                   version,
                                               GError              **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VastusReportData, vastus_report_data_free)

G_END_DECLS
