/* vastus-pg-stream.c: a statement whose rows are read as the server sends them
 * (_vastus_conn_prepare_stream), as COPY (…) TO STDOUT (FORMAT binary)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A statement that reads a whole table (the bulk loader's visits and measurements) would
 * otherwise be received whole before its first row is read: the server making its rows and this
 * process reading them would take turns. Run as a COPY, each row comes as the server makes it
 * and a step reads the next one that has come, so that the two work at once (on two cores, the
 * time of the slower rather than the sum). In binary form, integers and doubles travel as their
 * bytes in network byte order, neither printed by the server nor parsed here; text as it is.
 *
 * Each row is one buffer of libpq's (PQgetCopyData): the field count, then each field's length
 * (-1 for NULL) and bytes; the first also begins with the COPY's header, and a count of -1 ends
 * the rows. A column is read by the type its description gave when the statement was prepared.
 * Prepared with parameters, or with a column of a type not read here (numeric, …), a statement
 * runs as any other (its whole result, as text).
 *
 * The stream holds the connection until its end is read. Anything else sent on the connection
 * meanwhile first reads the rest of the rows into memory (set aside), where the stream's steps
 * find them, and its end (an error there is the step's that reaches it). A statement reset before
 * its last row reads the rest and drops it. Every wait has the deadline for the server's silence
 * and the quitting's wake-up (vastus-pg-wait.c); a connection lost or given up fails the step
 * as lost, as a statement's would.
 */
#define G_LOG_DOMAIN "vastus-database"

#include "config.h"

#include <math.h>
#include <string.h>

#include "vastus-pg-conn-private.h"

/* The types read in binary here (pg_type.h's OIDs, fixed since PostgreSQL 7). */
#define BOOLOID    16
#define NAMEOID    19
#define INT8OID    20
#define INT2OID    21
#define INT4OID    23
#define TEXTOID    25
#define FLOAT4OID  700
#define FLOAT8OID  701
#define BPCHAROID  1042
#define VARCHAROID 1043
#define DATEOID    1082

/* Days from 0001-01-01 (GDate's Julian day 1) to 2000-01-01, the day 0 of a binary date. */
#define POSTGRES_EPOCH_JULIAN 730120

/* Enough for an integer, a date, or a double's shortest exact text. */
#define TEXT_SIZE 32

typedef struct
{
  char *data;
  int   length;
} Row;

typedef enum
{
  IDLE,     /* not sent */
  OPEN,     /* sent: rows come from the connection */
  AHEAD,    /* set aside: the rest of the rows and the end are in memory */
  FINISHED, /* the end was returned */
} State;

struct _PgStream
{
  char        *copy_sql;
  State        state;
  gboolean     header_read;
  GQueue       ahead;         /* Row*, read ahead when set aside */
  int          end_rc;        /* AHEAD: how the COPY ended (VASTUS_DONE or an error's rc), */
  char        *end_sqlstate;  /* and what went wrong, kept as the connection kept it */
  char        *end_message;
  char        *end_constraint;
  char        *end_table;
  char        *end_detail;
  char        *row;           /* the current row's buffer (NULL: none) */
  const char **values;        /* each column's bytes in it, NULL for NULL */
  int         *lengths;
  char       (*text)[TEXT_SIZE]; /* a number's or date's text, made when asked for */
};

static gboolean
readable_type (Oid type)
{
  switch (type)
    {
    case BOOLOID: case NAMEOID: case INT8OID: case INT2OID: case INT4OID: case TEXTOID:
    case FLOAT4OID: case FLOAT8OID: case BPCHAROID: case VARCHAROID: case DATEOID:
      return TRUE;
    default:
      return FALSE;
    }
}

static gboolean
is_text (Oid type)
{
  return type == TEXTOID || type == VARCHAROID || type == BPCHAROID || type == NAMEOID;
}

gboolean
_vastus_pg_stream_new (PgStmt *stmt)
{
  PgStream *s;

  if (stmt->n_params != 0 || stmt->n_columns == 0 || stmt->returning_id
      || !g_str_has_prefix (stmt->text, "SELECT "))
    return FALSE;
  for (int i = 0; i < stmt->n_columns; i++)
    if (!readable_type (stmt->types[i]))
      return FALSE;
  s = g_new0 (PgStream, 1);
  s->copy_sql = g_strdup_printf ("COPY (%s) TO STDOUT (FORMAT binary)", stmt->text);
  s->values = g_new0 (const char *, stmt->n_columns);
  s->lengths = g_new0 (int, stmt->n_columns);
  s->text = g_malloc0_n (stmt->n_columns, TEXT_SIZE);
  g_queue_init (&s->ahead);
  stmt->stream = s;
  return TRUE;
}

static void
row_free (gpointer data)
{
  Row *row = data;

  PQfreemem (row->data);
  g_free (row);
}

/* The error kept on @conn moves to @s (to_stream), or back. */
static void
move_error (PgConn   *conn,
            PgStream *s,
            gboolean  to_stream)
{
  char **from[] = { &conn->sqlstate, &conn->message, &conn->constraint, &conn->table,
                    &conn->detail };
  char **to[] = { &s->end_sqlstate, &s->end_message, &s->end_constraint, &s->end_table,
                  &s->end_detail };

  for (gsize i = 0; i < G_N_ELEMENTS (from); i++)
    {
      char **a = to_stream ? from[i] : to[i], **b = to_stream ? to[i] : from[i];

      g_free (*b);
      *b = g_steal_pointer (a);
    }
}

static void
clear_row (PgStream *s)
{
  g_clear_pointer (&s->row, PQfreemem);
}

/* The results after the COPY's rows (or after a failure to start it), each read: VASTUS_DONE, or
 * the rc of the first that failed (kept on @conn). */
static int
read_end (PgConn *conn)
{
  PGresult *result;
  int rc = VASTUS_DONE;

  while ((result = _vastus_pg_pipeline_result (conn->pg, &conn->timed_out)) != NULL)
    {
      ExecStatusType status = PQresultStatus (result);

      if (status != PGRES_COMMAND_OK && rc == VASTUS_DONE)
        rc = _vastus_pg_keep_error (conn, result);
      PQclear (result);
      /* Still in the COPY (its rows could not be read): libpq answers the same for ever. */
      if (status == PGRES_COPY_OUT || status == PGRES_COPY_BOTH)
        break;
    }
  if (rc == VASTUS_DONE && PQstatus (conn->pg) == CONNECTION_BAD)
    rc = _vastus_pg_keep_error (conn, NULL);
  return rc;
}

/* The next row from the connection (VASTUS_ROW, *@row its buffer, *@length its size) or the end
 * (its rc; the connection is then free). */
static int
read_next (PgStmt *stmt,
           char  **row,
           int    *length)
{
  PgConn *conn = CONN (&stmt->parent);
  int n = _vastus_pg_copy_data (conn->pg, row, &conn->timed_out);

  if (n > 0)
    {
      *length = n;
      return VASTUS_ROW;
    }
  conn->streaming = NULL;
  return read_end (conn);
}

void
_vastus_pg_stream_set_aside (PgConn *self)
{
  PgStmt *stmt = self->streaming;
  PgStream *s;
  Row row;
  int rc;

  if (stmt == NULL)
    return;
  s = stmt->stream;
  while ((rc = read_next (stmt, &row.data, &row.length)) == VASTUS_ROW)
    g_queue_push_tail (&s->ahead, g_memdup2 (&row, sizeof row));
  s->state = AHEAD;
  s->end_rc = rc;
  if (rc != VASTUS_DONE)
    move_error (self, s, TRUE);
}

void
_vastus_pg_stream_reset (PgStmt *stmt)
{
  PgStream *s = stmt->stream;

  clear_row (s);
  if (s->state == OPEN)
    {
      char *row;
      int length;

      while (read_next (stmt, &row, &length) == VASTUS_ROW)
        PQfreemem (row);
    }
  g_queue_clear_full (&s->ahead, row_free);
  g_clear_pointer (&s->end_sqlstate, g_free);
  g_clear_pointer (&s->end_message, g_free);
  g_clear_pointer (&s->end_constraint, g_free);
  g_clear_pointer (&s->end_table, g_free);
  g_clear_pointer (&s->end_detail, g_free);
  s->state = IDLE;
  s->header_read = FALSE;
}

void
_vastus_pg_stream_free (PgStmt *stmt)
{
  PgStream *s = stmt->stream;

  _vastus_pg_stream_reset (stmt);
  g_free (s->copy_sql);
  g_free (s->values);
  g_free (s->lengths);
  g_free (s->text);
  g_free (s);
  stmt->stream = NULL;
}

/* Sends the COPY and reads its first answer: VASTUS_DONE once rows may come. */
static int
start (PgStmt *stmt)
{
  PgConn *conn = CONN (&stmt->parent);
  PgStream *s = stmt->stream;
  PGresult *result;
  int rc;

  _vastus_pg_stream_set_aside (conn);
  if (_vastus_pg_pipeline_pending (conn)
      && (rc = _vastus_pg_pipeline_read (conn, NULL, NULL)) != VASTUS_DONE)
    return rc;
  if (!_vastus_pg_before_send (conn, FALSE))
    return PG_RC_LOST;
  if (!PQsendQueryParams (conn->pg, s->copy_sql, 0, NULL, NULL, NULL, NULL, 0))
    return _vastus_pg_keep_error (conn, NULL);
  result = _vastus_pg_pipeline_result (conn->pg, &conn->timed_out);
  if (result == NULL || PQresultStatus (result) != PGRES_COPY_OUT)
    {
      rc = _vastus_pg_keep_error (conn, result);
      PQclear (result);
      if (PQstatus (conn->pg) != CONNECTION_BAD)
        read_end (conn);
      return rc;
    }
  PQclear (result);
  s->state = OPEN;
  conn->streaming = stmt;
  return VASTUS_DONE;
}

static guint16
get16 (const guchar *p)
{
  return (guint16) (p[0] << 8 | p[1]);
}

static guint32
get32 (const guchar *p)
{
  return (guint32) p[0] << 24 | (guint32) p[1] << 16 | (guint32) p[2] << 8 | p[3];
}

static guint64
get64 (const guchar *p)
{
  return (guint64) get32 (p) << 32 | get32 (p + 4);
}

/* Finds each field of @row (length @length): TRUE, *@last when it is the end of the rows rather
 * than one; FALSE when it is not in the form of one. Text fields end with a NUL written over the
 * byte after them (the next field's length, read by then; after the last field, libpq's NUL). */
static gboolean
parse_row (PgStmt   *stmt,
           char     *row,
           int       length,
           gboolean *last)
{
  static const char signature[11] = "PGCOPY\n\377\r\n";
  PgStream *s = stmt->stream;
  const guchar *p = (const guchar *) row, *end = p + length;
  gint16 count;

  *last = FALSE;
  if (!s->header_read)
    {
      guint32 extension;

      if (end - p < 19 || memcmp (p, signature, sizeof signature) != 0)
        return FALSE;
      extension = get32 (p + 15);
      p += 19;
      if (extension > (guint32) (end - p))
        return FALSE;
      p += extension;
      s->header_read = TRUE;
    }
  if (end - p < 2)
    return FALSE;
  count = (gint16) get16 (p);
  p += 2;
  if (count == -1)
    {
      *last = TRUE;
      return p == end;
    }
  if (count != stmt->n_columns)
    return FALSE;
  for (int i = 0; i < count; i++)
    {
      gint32 size;

      if (end - p < 4)
        return FALSE;
      size = (gint32) get32 (p);
      p += 4;
      if (size == -1)
        {
          s->values[i] = NULL;
          continue;
        }
      if (size < 0 || size > end - p)
        return FALSE;
      s->values[i] = (const char *) p;
      s->lengths[i] = size;
      p += size;
    }
  if (p != end)
    return FALSE;
  for (int i = 0; i < count; i++)
    if (s->values[i] != NULL && is_text (stmt->types[i]))
      ((char *) s->values[i])[s->lengths[i]] = '\0';
  return TRUE;
}

/* A row not in COPY's binary form: the connection cannot be trusted to be where it should. */
static int
malformed (PgStmt *stmt)
{
  PgConn *conn = CONN (&stmt->parent);

  _vastus_pg_stream_reset (stmt);
  _vastus_pg_clear_error (conn);
  conn->sqlstate = g_strdup ("08P01");
  conn->message = g_strdup_printf ("a row of the server's COPY was not in its binary form (%s)",
                                   stmt->sql);
  stmt->stream->state = FINISHED;
  return PG_RC_LOST;
}

int
_vastus_pg_stream_step (PgStmt *stmt)
{
  PgConn *conn = CONN (&stmt->parent);
  PgStream *s = stmt->stream;
  gboolean last = FALSE;
  char *row = NULL;
  int length = 0, rc;

  clear_row (s);
  if (s->state == IDLE)
    {
      _vastus_pg_check_thread (stmt->sql);
      if ((rc = start (stmt)) != VASTUS_DONE)
        {
          s->state = FINISHED;
          return rc;
        }
    }
  for (;;)
    {
      if (s->state == FINISHED)
        return VASTUS_DONE;
      if (s->state == AHEAD)
        {
          Row *ahead = g_queue_pop_head (&s->ahead);

          if (ahead == NULL)
            {
              s->state = FINISHED;
              if (s->end_rc != VASTUS_DONE)
                move_error (conn, s, FALSE);
              return s->end_rc;
            }
          row = ahead->data;
          length = ahead->length;
          g_free (ahead);
        }
      else if ((rc = read_next (stmt, &row, &length)) != VASTUS_ROW)
        {
          s->state = FINISHED;
          return rc;
        }
      s->row = row;
      if (!parse_row (stmt, row, length, &last))
        return malformed (stmt);
      if (!last)
        return VASTUS_ROW;
      /* The end of the rows: the COPY's end follows. */
      clear_row (s);
    }
}

/* Columns */

static const guchar *
field (PgStmt *stmt,
       int     column)
{
  PgStream *s = stmt->stream;

  if (s->row == NULL || column < 0 || column >= stmt->n_columns)
    return NULL;
  return (const guchar *) s->values[column];
}

gboolean
_vastus_pg_stream_is_null (PgStmt *stmt,
                           int     column)
{
  return field (stmt, column) == NULL;
}

static double
get_double (const guchar *p)
{
  union { guint64 bits; double value; } u = { .bits = get64 (p) };

  return u.value;
}

static float
get_float (const guchar *p)
{
  union { guint32 bits; float value; } u = { .bits = get32 (p) };

  return u.value;
}

/* Each type's value as a double (NAN for NULL); the text of a number, as the text results. */
double
_vastus_pg_stream_double (PgStmt *stmt,
                          int     column)
{
  const guchar *p = field (stmt, column);

  if (p == NULL)
    return NAN;
  switch (stmt->types[column])
    {
    case FLOAT8OID: return get_double (p);
    case FLOAT4OID: return get_float (p);
    case INT8OID: return (double) (gint64) get64 (p);
    case INT4OID: return (gint32) get32 (p);
    case INT2OID: return (gint16) get16 (p);
    case BOOLOID: return p[0] != 0;
    case DATEOID: return _vastus_pg_text_double (_vastus_pg_stream_text (stmt, column));
    default: return _vastus_pg_text_double ((const char *) p);
    }
}

gint64
_vastus_pg_stream_int64 (PgStmt *stmt,
                         int     column)
{
  const guchar *p = field (stmt, column);

  if (p == NULL)
    return 0;
  switch (stmt->types[column])
    {
    case INT8OID: return (gint64) get64 (p);
    case INT4OID: return (gint32) get32 (p);
    case INT2OID: return (gint16) get16 (p);
    case BOOLOID: return p[0] != 0;
    case FLOAT8OID: case FLOAT4OID: case DATEOID:
      return (gint64) _vastus_pg_stream_double (stmt, column);
    default: return _vastus_pg_text_int64 ((const char *) p);
    }
}

/* The shortest text that reads back as @value ("0.1", not 0.10000000000000001), as PostgreSQL
 * prints doubles; its words for the infinities and NaN. */
static void
format_double (char   *buf,
               double  value)
{
  if (isnan (value))
    g_strlcpy (buf, "NaN", TEXT_SIZE);
  else if (isinf (value))
    g_strlcpy (buf, value > 0 ? "Infinity" : "-Infinity", TEXT_SIZE);
  else
    for (int digits = 1; digits <= 17; digits++)
      {
        char format[8];

        g_snprintf (format, sizeof format, "%%.%dg", digits);
        g_ascii_formatd (buf, TEXT_SIZE, format, value);
        if (g_ascii_strtod (buf, NULL) == value)
          break;
      }
}

/* A binary date (days from 2000-01-01) as PostgreSQL prints it by default (ISO 8601). */
static void
format_date (char   *buf,
             gint32  days)
{
  GDate date;
  gint64 julian = (gint64) POSTGRES_EPOCH_JULIAN + days;

  if (days == G_MAXINT32 || days == G_MININT32)
    g_strlcpy (buf, days > 0 ? "infinity" : "-infinity", TEXT_SIZE);
  else if (julian < 1 || julian > G_MAXUINT32 || !g_date_valid_julian ((guint32) julian))
    g_snprintf (buf, TEXT_SIZE, "%d", days); /* before year 1 (BC): not a date of Vastus's */
  else
    {
      g_date_clear (&date, 1);
      g_date_set_julian (&date, (guint32) julian);
      g_snprintf (buf, TEXT_SIZE, "%04u-%02u-%02u", g_date_get_year (&date),
                  g_date_get_month (&date), g_date_get_day (&date));
    }
}

const char *
_vastus_pg_stream_text (PgStmt *stmt,
                        int     column)
{
  const guchar *p = field (stmt, column);
  char *buf;

  if (p == NULL)
    return NULL;
  if (is_text (stmt->types[column]))
    return (const char *) p;
  buf = stmt->stream->text[column];
  switch (stmt->types[column])
    {
    case BOOLOID:
      g_strlcpy (buf, p[0] != 0 ? "t" : "f", TEXT_SIZE);
      break;
    case FLOAT8OID: case FLOAT4OID:
      format_double (buf, _vastus_pg_stream_double (stmt, column));
      break;
    case DATEOID:
      format_date (buf, (gint32) get32 (p));
      break;
    default:
      g_snprintf (buf, TEXT_SIZE, "%" G_GINT64_FORMAT, _vastus_pg_stream_int64 (stmt, column));
      break;
    }
  return buf;
}
