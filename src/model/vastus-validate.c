/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vastus-validate"

#include "config.h"

#include "vastus-i18n.h"
#include <math.h>
#include <string.h>

#include "vastus-display.h"
#include "vastus-history.h"
#include "vastus-model-error.h"
#include "vastus-text.h"
#include "vastus-units.h"
#include "vastus-name.h"
#include "vastus-validate.h"
#include "vastus-value.h"

#define MAX_AGE_YEARS 120

void
vastus_problem_free (VastusProblem *problem)
{
  if (problem == NULL)
    return;
  g_free (problem->field);
  g_free (problem->message);
  g_free (problem);
}

char *
vastus_measure_describe_value (const VastusMeasure *measure,
                               VastusSide           side,
                               int                  trial)
{
  const char *label = vastus_measure_get_short_label (measure);
  const char *where = side == VASTUS_SIDE_LEFT ? _("left") : side == VASTUS_SIDE_RIGHT ? _("right") : NULL;

  if (where != NULL && trial > 1)
    /* Translators: a value in messages, "Quadriceps HHD, left, trial 2" */
    return g_strdup_printf (_("%s, %s, trial %d"), label, where, trial);
  if (where != NULL)
    /* Translators: a value in messages, "Quadriceps HHD, left" */
    return g_strdup_printf (_("%s, %s"), label, where);
  if (trial > 1)
    /* Translators: a value in messages, "Tegner, trial 2" */
    return g_strdup_printf (_("%s, trial %d"), label, trial);
  return g_strdup (label);
}

void
vastus_problem_add (GPtrArray  *problems,
                    const char *field,
                    gboolean    soft,
                    int         code,
                    const char *message)
{
  VastusProblem *problem = g_new0 (VastusProblem, 1);

  problem->field = g_strdup (field);
  problem->message = g_strdup (message);
  problem->soft = soft;
  problem->code = code;
  problem->index = -1;
  g_ptr_array_add (problems, problem);
}

static GPtrArray *
problems_new (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) vastus_problem_free);
}

G_GNUC_PRINTF (6, 7)
static void
add (GPtrArray  *problems,
     const char *field,
     int         index,
     gboolean    soft,
     int         code,
     const char *format,
     ...)
{
  VastusProblem *problem = g_new0 (VastusProblem, 1);
  va_list args;

  va_start (args, format);
  problem->field = g_strdup (field);
  problem->message = g_strdup_vprintf (format, args);
  problem->soft = soft;
  problem->code = code;
  problem->index = index;
  va_end (args);
  g_ptr_array_add (problems, problem);
}

static gboolean
is_blank (const char *text)
{
  if (text == NULL)
    return TRUE;
  for (; *text != '\0'; text++)
    if (!g_ascii_isspace (*text))
      return FALSE;
  return TRUE;
}

void
vastus_text_check (GPtrArray      *problems,
                   const char     *field,
                   const char     *what,
                   const char     *text,
                   VastusTextKind  kind)
{
  glong position;
  gunichar c = vastus_text_find_control (text, kind, &position);
  g_autofree char *described = NULL;

  if (c == 0)
    return;
  described = vastus_text_describe_char (c);
  add (problems, field, -1, FALSE, VASTUS_VALIDATION_ERROR_TEXT,
       /* Translators: "The name holds U+001B (escape) at character 6: …" */
       _("%s holds %s at character %ld: names and clinical text cannot hold control characters."),
       what, described, position);
}

void
vastus_mrn_check (const char *mrn,
                  GPtrArray  *problems)
{
  glong length;

  if (is_blank (mrn))
    {
      add (problems, "mrn", -1, FALSE, VASTUS_VALIDATION_ERROR_REQUIRED,
           _("The medical record number (MRN) is required."));
      return;
    }
  length = g_utf8_strlen (mrn, -1);
  if (length > VASTUS_MRN_MAX_CHARS)
    add (problems, "mrn", -1, FALSE, VASTUS_VALIDATION_ERROR_TEXT,
         /* Translators: %ld is the length of the MRN (medical record number) given, %d the most
          * characters it may have */
         ngettext ("The MRN is %ld character long; the limit is %d.",
                   "The MRN is %ld characters long; the limit is %d.", (gulong) length),
         length, VASTUS_MRN_MAX_CHARS);
  if (g_unichar_isspace (g_utf8_get_char (mrn)))
    add (problems, "mrn", -1, FALSE, VASTUS_VALIDATION_ERROR_TEXT,
         _("The MRN begins with a space: remove it (an MRN is matched exactly)."));
  else if (g_unichar_isspace (g_utf8_get_char (g_utf8_prev_char (mrn + strlen (mrn)))))
    add (problems, "mrn", -1, FALSE, VASTUS_VALIDATION_ERROR_TEXT,
         _("The MRN ends with a space: remove it (an MRN is matched exactly)."));
  /* Translators: the subject of a text check's message ("The MRN has a control character …") */
  vastus_text_check (problems, "mrn", _("The MRN"), mrn, VASTUS_TEXT_LINE);
}

/* A date field must not lie before @earliest (if given) nor after @latest (if given). Each message
 * is a whole sentence naming both dates, the field's date first: "%s" and "%s". */
static void
check_date_order (GPtrArray   *problems,
                  const char  *field,
                  const GDate *date,
                  const GDate *earliest,
                  const char  *before_message,
                  const GDate *latest,
                  const char  *after_message)
{
  char a[VASTUS_DISPLAY_DATE_SIZE], b[VASTUS_DISPLAY_DATE_SIZE];

  if (earliest != NULL && g_date_valid (earliest) && g_date_compare (date, earliest) < 0)
    add (problems, field, -1, FALSE, VASTUS_VALIDATION_ERROR_DATE, before_message,
         vastus_display_date (date, a), vastus_display_date (earliest, b));
  if (latest != NULL && g_date_compare (date, latest) > 0)
    add (problems, field, -1, FALSE, VASTUS_VALIDATION_ERROR_DATE, after_message,
         vastus_display_date (date, a), vastus_display_date (latest, b));
}

GPtrArray *
vastus_patient_check (const VastusPatient *patient,
                      const GDate         *today)
{
  GPtrArray *problems = problems_new ();

  vastus_mrn_check (patient->mrn, problems);
  /* The family name, or a whole name to split it from (vastus_patient_settle_names). */
  if (is_blank (patient->family_name))
    {
      g_autofree char *family = NULL;
      g_autofree char *given = NULL;

      vastus_name_split (patient->name, &family, &given);
      if (family == NULL)
        add (problems, "family_name", -1, FALSE, VASTUS_VALIDATION_ERROR_REQUIRED,
             _("The patient’s family name is required."));
    }
  /* Translators: the subject of a text check's message ("The family name has a control character
   * …") */
  vastus_text_check (problems, "family_name", _("The family name"), patient->family_name, VASTUS_TEXT_LINE);
  vastus_text_check (problems, "given_name", _("The given names"), patient->given_name, VASTUS_TEXT_LINE);
  vastus_text_check (problems, "name", _("The name"), patient->name, VASTUS_TEXT_LINE);
  /* Translators: the subject of a text check's message (“The notes have a control character …”):
   * the notes of a patient or a visit */
  vastus_text_check (problems, "notes", _("The notes"), patient->notes, VASTUS_TEXT_LINES);
  if (!g_date_valid (&patient->birth_date))
    {
      add (problems, "birth_date", -1, FALSE, VASTUS_VALIDATION_ERROR_REQUIRED,
           _("The birth date is required."));
      return problems;
    }

  check_date_order (problems, "birth_date", &patient->birth_date, NULL, NULL, today,
                    /* Translators: the birth date, then today's date. */
                    _("The birth date %s is after today (%s)."));
  if (g_date_compare (&patient->birth_date, today) <= 0)
    {
      int age = vastus_date_age_years (&patient->birth_date, today);

      if (age > MAX_AGE_YEARS)
        add (problems, "birth_date", -1, FALSE, VASTUS_VALIDATION_ERROR_DATE,
             /* Translators: the plural follows the first number, the age */
             ngettext ("Birth date: an age of %d year is above the limit of %d years.",
                       "Birth date: an age of %d years is above the limit of %d years.", (gulong) age),
             age, MAX_AGE_YEARS);
      else if (age < 3 || age > 100)
        add (problems, "birth_date", -1, TRUE, VASTUS_VALIDATION_ERROR_SOFT_LIMIT,
             /* Translators: %d is the patient's age in years, worked out from the birth date */
             ngettext ("Birth date: an age of %d year is unusual (expected 3 to 100 years).",
                       "Birth date: an age of %d years is unusual (expected 3 to 100 years).", (gulong) MAX (age, 0)),
             age);
    }
  return problems;
}

GPtrArray *
vastus_episode_check (const VastusEpisode *episode,
                      const VastusPatient *patient,
                      const GDate         *today)
{
  GPtrArray *problems = problems_new ();
  GDate next_year = *today;

  g_date_add_years (&next_year, 1);

  if (episode->involved_side != VASTUS_SIDE_LEFT &&
      episode->involved_side != VASTUS_SIDE_RIGHT &&
      episode->involved_side != VASTUS_SIDE_BOTH)
    add (problems, "involved_side", -1, FALSE, VASTUS_VALIDATION_ERROR_REQUIRED,
         _("The involved side is required (left, right or both)."));

  /* Translators: the subject of a text check's message (“The surgeon has a control character
   * …”): the surgeon's name */
  vastus_text_check (problems, "surgeon", _("The surgeon"), episode->surgeon, VASTUS_TEXT_LINE);
  vastus_text_check (problems, "treating_therapist", _("The treating therapist"),
                     episode->treating_therapist, VASTUS_TEXT_LINE);
  /* Translators: the subject of a text check's message: the episode's procedure details */
  vastus_text_check (problems, "procedure", _("The procedure"), episode->procedure,
                     VASTUS_TEXT_LINES);
  /* Translators: the subject of a text check's message: the surgeon's restrictions */
  vastus_text_check (problems, "restrictions", _("The restrictions"), episode->restrictions,
                     VASTUS_TEXT_LINES);
  if (g_date_valid (&episode->injury_date))
    check_date_order (problems, "injury_date", &episode->injury_date,
                      &patient->birth_date,
                      /* Translators: the injury date, then the patient's birth date. */
                      _("The injury date %s is before the birth date %s."),
                      today,
                      /* Translators: the injury date, then today's date. */
                      _("The injury date %s is after today (%s)."));
  if (g_date_valid (&episode->surgery_date))
    {
      /* A planned surgery may lie ahead, but not more than a year. */
      check_date_order (problems, "surgery_date", &episode->surgery_date,
                        &patient->birth_date,
                        /* Translators: the surgery date, then the patient's birth date. */
                        _("The surgery date %s is before the birth date %s."),
                        &next_year,
                        /* Translators: the surgery date, then the date one year from today. */
                        _("The surgery date %s is more than one year from today (%s)."));
      if (g_date_valid (&episode->injury_date) &&
          g_date_compare (&episode->surgery_date, &episode->injury_date) < 0)
        {
          char a[VASTUS_DISPLAY_DATE_SIZE], b[VASTUS_DISPLAY_DATE_SIZE];

          add (problems, "surgery_date", -1, TRUE, VASTUS_VALIDATION_ERROR_SOFT_LIMIT,
               /* Translators: the first %s is the surgery date, the second the injury date */
               _("Surgery date %s is before the injury date %s."),
               vastus_display_date (&episode->surgery_date, a),
               vastus_display_date (&episode->injury_date, b));
        }
    }
  return problems;
}

static char *
measurement_field (const VastusMeasurement *m)
{
  return g_strdup_printf ("%s/%s/%d", m->measure,
                          vastus_side_to_string (m->side) ? vastus_side_to_string (m->side) : "?",
                          m->trial);
}

static char *
measurement_title (const VastusMeasure *measure, const VastusMeasurement *m)
{
  return vastus_measure_describe_value (measure, m->side, m->trial);
}

static char *
format_in (const VastusMeasure *measure, double stored, const char *unit)
{
  double value;
  char buf[VASTUS_DISPLAY_NUMBER_SIZE];
  const char *symbol;

  if (measure->kind != VASTUS_VALUE_NUMBER)
    return vastus_measure_format_value (measure, stored, unit);
  if (unit == NULL || !vastus_unit_from_stored (unit, stored, &value))
    unit = measure->unit, value = stored;
  /* A value as it was typed: ten significant digits undo the conversion through the stored
   * unit (400 lbf, never 400.0000000001 lbf). */
  if (isfinite (value))
    value = g_ascii_strtod (g_ascii_formatd (buf, sizeof buf, "%.10g", value), NULL);
  symbol = vastus_unit_symbol (unit);
  vastus_display_number_exact (value, buf);
  if (*symbol == '\0')
    return g_strdup (buf);
  return g_strdup_printf (g_str_equal (unit, "deg") ? "%s%s" : "%s %s", buf, symbol);
}

/* A limit in the unit the value was typed in, with the digits the unit is read with but no more
 * than three significant ones ("1500 N" is "337 lbf", not "337.21 lbf"); with more, up to two
 * decimals, when rounded it would read as the value @shown it is set against. */
static char *
format_limit (const VastusMeasure *measure,
              double               stored,
              const char          *unit,
              const char          *shown)
{
  g_autofree char *plain = NULL;
  double value;
  int decimals;

  if (measure->kind != VASTUS_VALUE_NUMBER)
    return vastus_measure_format_value (measure, stored, unit);
  if (unit == NULL || !vastus_unit_from_stored (unit, stored, &value))
    unit = measure->unit, value = stored;
  decimals = vastus_measure_get_decimals (measure, unit, value);
  if (value != 0 && fabs (value) < 1e15)
    decimals = MIN (decimals, MAX (0, 2 - (int) floor (log10 (fabs (value)))));
  plain = vastus_measure_format_value_decimals (measure, stored, unit, decimals);
  /* Rounded to read as the value it is set against: said with more digits. */
  if (shown != NULL && g_str_equal (plain, shown) && round (value * pow (10, decimals)) != value * pow (10, decimals))
    return vastus_measure_format_value_decimals (measure, stored, unit, decimals + 3);
  return g_steal_pointer (&plain);
}

static void
check_condition (GPtrArray  *problems,
                 const char *field,
                 int         index,
                 const char *title,
                 const char *what,
                 double      value,
                 double      min,
                 gboolean    min_exclusive,
                 double      max,
                 const char *unit_symbol)
{
  char value_text[VASTUS_DISPLAY_NUMBER_SIZE], min_text[VASTUS_DISPLAY_NUMBER_SIZE];
  char max_text[VASTUS_DISPLAY_NUMBER_SIZE];

  if (isnan (value))
    return;
  if ((min_exclusive ? value <= min : value < min) || value > max)
    add (problems, field, index, FALSE, VASTUS_VALIDATION_ERROR_HARD_LIMIT,
         /* Translators: "Quadriceps MVIC, left: knee angle 200° is outside 0° to 180°." */
         _("%s: %s %s%s is outside %s%s to %s%s."), title, what,
         vastus_display_number_exact (value, value_text), unit_symbol,
         vastus_display_number_exact (min, min_text), unit_symbol,
         vastus_display_number_exact (max, max_text), unit_symbol);
}

/* A velocity the measure cannot have been tested at: another one than its code names (90 °/s on
 * the 60 °/s measure), or any on a test that is not isokinetic (isometric, functional). */
static void
check_velocity (GPtrArray           *problems,
                const char          *field,
                int                  index,
                const char          *title,
                const VastusMeasure *measure,
                double               velocity)
{
  char shown[VASTUS_DISPLAY_NUMBER_SIZE];

  /* Outside the range: said once, by the range check. */
  if (isnan (velocity) || velocity <= 0 || velocity > VASTUS_VELOCITY_MAX ||
      velocity == measure->velocity_deg_s)
    return;
  vastus_display_number_exact (velocity, shown);
  if (measure->velocity_deg_s > 0)
    add (problems, field, index, FALSE, VASTUS_VALIDATION_ERROR_CONDITION,
         /* Translators: "Quadriceps 60°/s, left: the velocity 90°/s contradicts the measure,
          * which is tested at 60°/s; …" */
         _("%s: the velocity %s°/s contradicts the measure, which is tested at %d°/s; enter the "
           "result under the measure of its velocity, or correct the velocity."),
         title, shown, measure->velocity_deg_s);
  else
    add (problems, field, index, FALSE, VASTUS_VALIDATION_ERROR_CONDITION,
         /* Translators: "Quadriceps MVIC, left: a velocity (60°/s) contradicts the measure, …" */
         _("%s: a velocity (%s°/s) contradicts the measure, which is not tested at a velocity; "
           "leave the velocity empty."),
         title, shown);
}

void
vastus_measurement_check (const VastusMeasurement *m,
                          int                      index,
                          GPtrArray               *problems)
{
  const VastusMeasure *measure = vastus_catalog_lookup (m->measure);
  g_autofree char *field = measurement_field (m);
  g_autofree char *title = NULL;
  g_autofree char *shown = NULL;
  g_autofree char *limit = NULL;
  VastusFixation fixation;

  if (measure == NULL)
    {
      g_autofree char *quoted = vastus_text_excerpt (m->measure);

      add (problems, field, index, FALSE, VASTUS_VALIDATION_ERROR_UNKNOWN_MEASURE,
           _("“%s” is not a measure Vastus knows."), quoted);
      return;
    }
  title = measurement_title (measure, m);

  if (measure->two_sided && m->side != VASTUS_SIDE_LEFT && m->side != VASTUS_SIDE_RIGHT)
    add (problems, field, index, FALSE, VASTUS_VALIDATION_ERROR_SIDE,
         /* Translators: %s is a measure's name */
         _("%s is measured per side: the side must be left or right."),
         vastus_measure_get_label (measure));
  if (!measure->two_sided && m->side != VASTUS_SIDE_NONE)
    add (problems, field, index, FALSE, VASTUS_VALIDATION_ERROR_SIDE,
         /* Translators: %s is a measure's name; “none” is the side's value as files write it */
         _("%s has no side: the side must be none."), vastus_measure_get_label (measure));
  if (m->trial < 1 || m->trial > VASTUS_MAX_TRIALS)
    add (problems, field, index, FALSE, VASTUS_VALIDATION_ERROR_HARD_LIMIT,
         /* Translators: %s is the measure's name, the first %d the trial given, the second the
          * most trials */
         _("%s: trial %d is not a trial number (use 1 to %d)."), title, m->trial,
         VASTUS_MAX_TRIALS);
  if (!vastus_measure_accepts_unit (measure, m->unit))
    {
      g_autofree char *accepted = g_strjoinv (", ", (char **) measure->input_units);
      g_autofree char *quoted = vastus_text_excerpt (m->unit);

      add (problems, field, index, FALSE, VASTUS_VALIDATION_ERROR_UNIT,
           _("%s: the unit “%s” is not accepted (use %s)."), title, quoted, accepted);
      return;
    }
  if (isnan (m->value))
    {
      add (problems, field, index, FALSE, VASTUS_VALIDATION_ERROR_REQUIRED,
           /* Translators: %s is a measurement's title: the measure, its side and trial */
           _("%s: a value is required."), title);
      return;
    }

  shown = format_in (measure, m->value, m->unit);
  if ((measure->hard_min_exclusive ? m->value <= measure->hard_min : m->value < measure->hard_min))
    {
      limit = format_limit (measure, measure->hard_min, m->unit, shown);
      add (problems, field, index, FALSE, VASTUS_VALIDATION_ERROR_HARD_LIMIT,
           measure->hard_min_exclusive
           /* Translators: the first %s is the measure's name, the second the value given with
            * its unit, the third the limit with its unit */
           ? _("%s: %s is not possible; it must be more than %s.")
           /* Translators: the first %s is the measure's name, the second the value given with
            * its unit, the third the smallest possible value with its unit */
           : _("%s: %s is below the smallest possible value, %s."),
           title, shown, limit);
    }
  else if (m->value > measure->hard_max)
    {
      limit = format_limit (measure, measure->hard_max, m->unit, shown);
      add (problems, field, index, FALSE, VASTUS_VALIDATION_ERROR_HARD_LIMIT,
           /* Translators: the first %s is the measure's name, the second the value given with
            * its unit, the third the largest possible value with its unit */
           _("%s: %s is above the largest possible value, %s."), title, shown, limit);
    }
  else if (measure->integer && m->value != floor (m->value))
    add (problems, field, index, FALSE, VASTUS_VALIDATION_ERROR_HARD_LIMIT,
         /* Translators: the first %s is the measure's name, the second the value given with its
          * unit */
         _("%s: %s must be a whole number."), title, shown);
  else if (vastus_measure_check_value (measure, m->value) == VASTUS_VALUE_UNUSUAL)
    {
      g_autofree char *lo = format_limit (measure, measure->soft_min, m->unit, shown);
      g_autofree char *hi = format_limit (measure, measure->soft_max, m->unit, shown);

      add (problems, field, index, TRUE, VASTUS_VALIDATION_ERROR_SOFT_LIMIT,
           /* Translators: the first %s is the measure's name, the second the value given, the
            * last two the usual range's ends, each with its unit */
           _("%s: %s is unusual (expected %s to %s). Check it, then confirm."),
           title, shown, lo, hi);
    }

  /* Translators: a test condition, named in "…: the knee angle 200° is outside …" */
  check_condition (problems, field, index, title, _("knee angle"), m->knee_angle_deg,
                   -30, FALSE, 180, "°");
  /* Translators: a test condition, named in “…: the velocity 400°/s is outside …” and as a
   * field's label: the isokinetic test's speed */
  check_condition (problems, field, index, title, _("velocity"), m->velocity_deg_s,
                   0, TRUE, VASTUS_VELOCITY_MAX, "°/s");
  /* The lever arm in cm, as it is entered and exported. */
  /* Translators: a test condition, named in “…: the lever arm 120 cm is outside …” and as a
   * field's label: the dynamometer's distance from the knee */
  check_condition (problems, field, index, title, _("lever arm"), m->lever_arm_m * 100,
                   0, TRUE, 100, " cm");
  check_velocity (problems, field, index, title, measure, m->velocity_deg_s);
  if (m->fixation != NULL && !vastus_fixation_from_string (m->fixation, &fixation))
    {
      g_autofree char *quoted = vastus_text_excerpt (m->fixation);

      add (problems, field, index, FALSE, VASTUS_VALIDATION_ERROR_FIXATION,
           /* Translators: the first %s is the measure's name, the second the fixation given;
            * keep belt, frame and manual as the fixation's names in your language */
           _("%s: the fixation “%s” is not one of belt, frame or manual."), title, quoted);
    }
}

void
vastus_visit_drop_impossible (VastusVisit *visit)
{
  g_return_if_fail (visit != NULL);

  for (guint i = visit->measurements->len; i > 0; i--)
    {
      const VastusMeasurement *m = g_ptr_array_index (visit->measurements, i - 1);
      const VastusMeasure *measure = vastus_catalog_lookup (m->measure);

      if (measure != NULL && vastus_measure_check_value (measure, m->value) == VASTUS_VALUE_IMPOSSIBLE)
        g_ptr_array_remove_index (visit->measurements, i - 1);
    }
}

/* The unit @measure's values were typed in at @visit (the first's), NULL: the stored unit. */
static const char *
typed_unit (const VastusVisit   *visit,
            const VastusMeasure *measure)
{
  for (guint i = 0; i < visit->measurements->len; i++)
    {
      const VastusMeasurement *m = g_ptr_array_index (visit->measurements, i);

      if (g_str_equal (m->measure, measure->code) && vastus_measure_accepts_unit (measure, m->unit))
        return m->unit;
    }
  return NULL;
}

/* "code/side" of a value whose own check found a problem (@bad): its differences are not
 * figured, one message per bad value being enough. */
static gboolean
is_bad (GHashTable          *bad,
        const VastusMeasure *measure,
        VastusSide           side)
{
  g_autofree char *key = g_strdup_printf ("%s/%s", measure->code, vastus_side_to_string (side));

  return g_hash_table_contains (bad, key);
}

static void
check_visit_measure (GPtrArray           *problems,
                     const VastusVisit   *visit,
                     const VastusVisit   *previous,
                     const VastusMeasure *measure,
                     GHashTable          *bad)
{
  static const VastusSide sides[] = { VASTUS_SIDE_LEFT, VASTUS_SIDE_RIGHT };
  const char *label = vastus_measure_get_short_label (measure);
  const char *unit = typed_unit (visit, measure);

  if (measure->kind != VASTUS_VALUE_NUMBER)
    return;
  if (measure->two_sided && measure->soft_side_difference > 0 &&
      !is_bad (bad, measure, VASTUS_SIDE_LEFT) && !is_bad (bad, measure, VASTUS_SIDE_RIGHT))
    {
      double left = vastus_visit_combined_measure (visit, measure, VASTUS_SIDE_LEFT, VASTUS_TRIALS_ALL);
      double right = vastus_visit_combined_measure (visit, measure, VASTUS_SIDE_RIGHT, VASTUS_TRIALS_ALL);
      double diff = fabs (left - right);
      double limit = measure->soft_side_difference;

      if (measure->side_difference_relative)
        limit *= MAX (left, right);
      if (!isnan (diff) && diff > limit)
        {
          g_autofree char *l = format_in (measure, left, unit);
          g_autofree char *r = format_in (measure, right, unit);
          char percent[VASTUS_DISPLAY_NUMBER_SIZE];

          if (measure->side_difference_relative)
            add (problems, measure->code, -1, TRUE, VASTUS_VALIDATION_ERROR_SOFT_LIMIT,
                 /* Translators: "Quadriceps HHD: left 60 lbf and right 190 lbf differ by more than 50 %. …" */
                 _("%s: left %s and right %s differ by more than %s %%. Check the sides, then confirm."),
                 label, l, r, vastus_display_number (measure->soft_side_difference * 100, 0, percent));
          else
            {
              g_autofree char *lim = format_limit (measure, limit, unit, NULL);
              add (problems, measure->code, -1, TRUE, VASTUS_VALIDATION_ERROR_SOFT_LIMIT,
                   /* Translators: the first %s is the measure's name, the next two the left and
                    * the right value, the last the largest usual difference, each with its unit */
                   _("%s: left %s and right %s differ by more than %s. Check the sides, then confirm."),
                   label, l, r, lim);
            }
        }
    }
  if (previous != NULL && measure->soft_change > 0)
    for (guint s = 0; s < (measure->two_sided ? 2 : 1); s++)
      {
        VastusSide side = measure->two_sided ? sides[s] : VASTUS_SIDE_NONE;
        double now = vastus_visit_combined_measure (visit, measure, side, VASTUS_TRIALS_ALL);
        double before = vastus_visit_combined_measure (previous, measure, side, VASTUS_TRIALS_ALL);

        if (!isnan (now) && !isnan (before) && fabs (now - before) > measure->soft_change &&
            !is_bad (bad, measure, side))
          {
            g_autofree char *title = vastus_measure_describe_value (measure, side, 1);
            g_autofree char *a = format_in (measure, before, unit);
            g_autofree char *b = format_in (measure, now, unit);
            g_autofree char *lim = format_limit (measure, measure->soft_change, unit, NULL);

            add (problems, measure->code, -1, TRUE, VASTUS_VALIDATION_ERROR_SOFT_LIMIT,
                 /* Translators: "Knee flexion, left: changed from 90° to 140° since the last visit, more than 30°. …" */
                 _("%s: changed from %s to %s since the last visit, more than %s. Check it, then confirm."),
                 title, a, b, lim);
          }
      }
}

GPtrArray *
vastus_visit_check (const VastusVisit   *visit,
                    const VastusPatient *patient,
                    const VastusEpisode *episode,
                    const VastusVisit   *previous,
                    const GDate         *today)
{
  GPtrArray *problems = problems_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) measures = g_hash_table_new (g_direct_hash, g_direct_equal);
  g_autoptr(GHashTable) bad = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  if (!g_date_valid (&visit->date))
    add (problems, "visit_date", -1, FALSE, VASTUS_VALIDATION_ERROR_REQUIRED,
         _("The visit date is required."));
  else
    check_date_order (problems, "visit_date", &visit->date,
                      patient != NULL ? &patient->birth_date : NULL,
                      /* Translators: the visit date, then the patient's birth date. */
                      _("The visit date %s is before the birth date %s."),
                      today,
                      /* Translators: the visit date, then today's date. */
                      _("The visit date %s is after today (%s)."));

  /* Translators: the subject of a text check's message: the name of the clinician who saw the
   * patient */
  vastus_text_check (problems, "clinician", _("The clinician"), visit->clinician, VASTUS_TEXT_LINE);
  vastus_text_check (problems, "notes", _("The notes"), visit->notes, VASTUS_TEXT_LINES);
  /* Translators: the form's name ("Visit") and the visit's body mass, named in a message about
   * its value */
  check_condition (problems, "body_mass_kg", -1, _("Visit"),
                   /* Translators: the visit's body mass (weight), named in a message about its
                    * value */
                   _("body mass"), visit->body_mass_kg,
                   0, TRUE, 400, " kg");
  if (!isnan (visit->body_mass_kg) && visit->body_mass_kg > 0 && visit->body_mass_kg <= 400 &&
      (visit->body_mass_kg < 30 || visit->body_mass_kg > 200))
    {
      char shown[VASTUS_DISPLAY_NUMBER_SIZE];

      add (problems, "body_mass_kg", -1, TRUE, VASTUS_VALIDATION_ERROR_SOFT_LIMIT,
           /* Translators: %s is a number with its decimal mark, such as 212.5 */
           _("Body mass %s kg is unusual (expected 30 kg to 200 kg). Check it, then confirm."),
           vastus_display_number_exact (visit->body_mass_kg, shown));
    }
  /* Translators: the form's name ("Visit") and the patient's height, named in a message about
   * its value */
  check_condition (problems, "height_cm", -1, _("Visit"),
                   /* Translators: the patient's height, named in a message about its value */
                   _("height"), visit->height_cm,
                   0, TRUE, 250, " cm");
  if (!isnan (visit->height_cm) && visit->height_cm > 0 && visit->height_cm <= 250 &&
      (visit->height_cm < 100 || visit->height_cm > 220))
    {
      char shown[VASTUS_DISPLAY_NUMBER_SIZE];

      add (problems, "height_cm", -1, TRUE, VASTUS_VALIDATION_ERROR_SOFT_LIMIT,
           /* Translators: %s is a number with its decimal mark, such as 92.5 */
           _("Height %s cm is unusual (expected 100 cm to 220 cm). Check it, then confirm."),
           vastus_display_number_exact (visit->height_cm, shown));
    }

  for (guint i = 0; i < visit->measurements->len; i++)
    {
      const VastusMeasurement *m = g_ptr_array_index (visit->measurements, i);
      const VastusMeasure *measure = vastus_catalog_lookup (m->measure);
      char *key = measurement_field (m);
      guint before = problems->len;

      vastus_measurement_check (m, (int) i, problems);
      if (problems->len > before && measure != NULL)
        g_hash_table_add (bad, g_strdup_printf ("%s/%s", m->measure, vastus_side_to_string (m->side)));
      if (g_hash_table_contains (seen, key))
        {
          g_autofree char *title = measure != NULL
                                   ? vastus_measure_describe_value (measure, m->side, m->trial)
                                   : g_strdup (m->measure);

          add (problems, key, (int) i, FALSE, VASTUS_VALIDATION_ERROR_HARD_LIMIT,
               /* Translators: %s is a measurement's title: the measure, its side and trial */
               _("%s is entered twice in this visit."), title);
          g_free (key);
        }
      else
        g_hash_table_add (seen, key);
      if (measure != NULL)
        g_hash_table_add (measures, (gpointer) measure);
    }

  /* In catalog order, so that problems come out in the same order every time. */
  for (guint i = 0; i < vastus_catalog_get_n_measures (); i++)
    if (g_hash_table_contains (measures, vastus_catalog_get_nth (i)))
      check_visit_measure (problems, visit, previous, vastus_catalog_get_nth (i), bad);
  return problems;
}

gboolean
vastus_problems_to_error (GPtrArray *problems,
                          gboolean   allow_soft,
                          GError   **error)
{
  for (guint pass = 0; pass < 2; pass++)
    for (guint i = 0; i < problems->len; i++)
      {
        const VastusProblem *p = g_ptr_array_index (problems, i);

        if ((pass == 0 && !p->soft) || (pass == 1 && p->soft && !allow_soft))
          {
            g_set_error_literal (error, VASTUS_VALIDATION_ERROR, p->code, p->message);
            return FALSE;
          }
      }
  return TRUE;
}
