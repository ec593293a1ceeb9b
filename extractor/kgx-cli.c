/* kgx-cli.c - the kgextract command line: options, inputs, batch
 * semantics, threads, exit status and every message the user sees.  It
 * uses the public API only (kgx.h): the library reports, this file formats
 * and decides.
 *
 * The run is a pipeline.  The main thread enumerates the inputs (files,
 * directories with -r, --files-from, blocks of --split-blank-lines, lines
 * of JSON Lines) and turns each document into a Job; a GLib thread pool
 * reads, extracts and serializes each job into a KgxChunk; the main thread
 * finishes jobs strictly in input order (messages, --explain, the chunk to
 * the output), so the output and stderr are the same with any -j.  At most
 * a bounded number of jobs is in flight, and N-Triples, N-Quads and Turtle
 * are written in batches of documents, so memory does not grow with the
 * number of documents (docs/performance.md).
 *
 * Exit status: 0 all inputs done; 1 some input failed or the output could
 * not be written; 2 usage, rule or setup error.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <libxml/parser.h>
#include <libxml/xmlversion.h>
#include <raptor2.h>

#include "kgx.h"
#include "kgx-cli.h"
#include "kgx-provenance.h"

#define EXIT_INPUT 1
#define EXIT_SETUP 2
#define DEFAULT_MAX_DOC_SIZE (64 * 1024 * 1024)

/* A batch of documents is written (N-Triples, N-Quads, Turtle) when it
 * holds this many documents or this many bytes of N-Triples.  The limits
 * count documents and statements, never time or threads, so batches (and
 * the output) are the same with any -j. */
#define BATCH_DOCS  256
#define BATCH_BYTES (16 * 1024 * 1024)

/* Jobs in flight, per thread, and their input bytes in all. */
#define JOBS_PER_THREAD 4
#define INFLIGHT_BYTES (64 * 1024 * 1024)

typedef enum {
  JOB_DOC,     /* data is one document (a file, or a block of --split-blank-lines) */
  JOB_JSONL,   /* data is one line of JSON Lines, parsed by the worker */
  JOB_NOTE,    /* nothing to do: messages (and a failure) found while reading */
  JOB_OPEN,    /* --output-dir: start the output for the input named by path */
  JOB_CLOSE    /* --output-dir: finish it */
} JobKind;

typedef struct {
  JobKind   kind;
  char     *doc_id;    /* DOC: the document's name; JSONL: set by the worker from "id" */
  char     *where;     /* where the document is, for messages: FILE, FILE:LINE */
  char     *path;      /* JSONL: the file; OPEN: the input path */
  guint     line;      /* JSONL: its line; DOC from a block: the block's first line */
  char     *data;      /* DOC, JSONL: the bytes, freed once read */
  gsize     len;
  gboolean  counts;    /* NOTE: it stands for a document (that failed) */
  /* results, filled by the worker */
  gboolean  done;
  gboolean  failed;
  guint     warnings;
  GString  *messages;  /* stderr lines, printed when the job is finished */
  GString  *explain;   /* --explain output */
  KgxChunk *chunk;
} Job;

typedef struct {
  FILE       *out;
  FILE       *err;
  /* options */
  char       *format;
  char       *output;
  char       *output_dir;
  char       *base;
  char       *input_format;
  char       *explain_file;
  char      **files_from;
  char       *doc_iri;
  gboolean    explain;
  gboolean    verbose;
  gboolean    quiet;
  gboolean    version;
  gboolean    check_rules;
  gboolean    no_default_rules;
  gboolean    recursive;
  gboolean    split_blank_lines;
  gboolean    provenance;
  gboolean    no_context_text;
  char      **gazetteers;
  char      **rules;
  char      **data_dirs;
  gint64      max_doc_size;
  gint        jobs;
  /* set up from the options */
  KgxFormat       format_id;
  KgxInputFormat  in_format;
  gboolean        jsonl;
  KgxWorld       *world;
  KgxProvenance  *prov;
  /* state, main thread only */
  guint       warnings;
  guint       errors;
  guint       documents;
  guint       failed;
  FILE       *explain_out;
  /* the pipeline */
  GThreadPool *pool;
  GAsyncQueue *sers;       /* KgxSerializer *: one per worker thread */
  KgxSerializer *inline_ser; /* -j 1: the only worker is the main thread */
  GMutex       lock;       /* guards Job.done */
  GCond        cond;
  GQueue       pending;    /* Job *, in input order */
  gsize        pending_bytes;
  guint        max_pending;
  /* the output */
  KgxSerializer *writer;
  FILE       *out_fp;      /* where the current output goes */
  char       *out_path;    /* its final name (NULL: cli->out) */
  char       *out_tmp;     /* the temporary it is written to */
  gboolean    out_failed;  /* the current output could not be written */
  gboolean    out_written; /* something was written to it */
  gboolean    stop;        /* standard output failed: read no more input */
  guint       batch_docs;
  gsize       batch_bytes;
  /* progress on a terminal */
  gboolean    progress;
  guint64     bytes_done;
  guint64     bytes_total; /* 0: unknown (no ETA) */
  gint64      t0, last_progress;
} Cli;

static void
format_message (GString *s, const char *where, const char *severity, const char *text)
{
  if (where && *where)
    g_string_append_printf (s, "kgextract: %s: %s: %s\n", where, severity, text);
  else
    g_string_append_printf (s, "kgextract: %s: %s\n", severity, text);
}

static void
message (Cli *cli, const char *where, const char *severity, const char *text)
{
  g_autoptr (GString) s = g_string_new (NULL);

  format_message (s, where, severity, text);
  fputs (s->str, cli->err);
}

/* A GError from the library reads "FILE:LINE:COL: text" where it has a
 * place; format it as "kgextract: FILE:LINE:COL: error: text". */
static void
format_error (GString *s, const char *fallback_where, const GError *error)
{
  const char *msg = error->message;
  const char *p = msg;
  int colons = 0;

  /* Find "a:1:2: " or "a:1: " at the start. */
  while (*p && colons < 3)
    {
      const char *c = strchr (p, ':');
      if (c == NULL)
        break;
      if (colons > 0)
        {
          const char *d = p;
          while (d < c && g_ascii_isdigit (*d))
            d++;
          if (d != c || c == p)
            break;
        }
      colons++;
      p = c + 1;
      if (*p == ' ')
        {
          if (colons >= 2)
            {
              g_autofree char *where = g_strndup (msg, p - 1 - msg);
              format_message (s, where, "error", p + 1);
              return;
            }
          break;
        }
    }
  format_message (s, fallback_where, "error", msg);
}

static void
report_error (Cli *cli, const char *fallback_where, const GError *error)
{
  g_autoptr (GString) s = g_string_new (NULL);

  format_error (s, fallback_where, error);
  fputs (s->str, cli->err);
  cli->errors++;
}

/* For an error in a file the user writes (rules, gazetteers): the line
 * itself and a caret under the column, as compilers do (STYLE rule 20). */
static void
show_source_line (Cli *cli, const GError *error)
{
  g_auto (GStrv) parts = g_strsplit (error->message, ":", 4);
  g_autofree char *data = NULL;
  gsize len = 0;
  guint64 line, col;
  const char *p, *end;

  if (g_strv_length (parts) < 4)
    return;
  line = g_ascii_strtoull (parts[1], NULL, 10);
  col = g_ascii_strtoull (parts[2], NULL, 10);
  if (line == 0 || col == 0 || !g_file_test (parts[0], G_FILE_TEST_IS_REGULAR)
      || !(g_str_has_suffix (parts[0], ".rules") || g_str_has_suffix (parts[0], ".tsv"))
      || !g_file_get_contents (parts[0], &data, &len, NULL))
    return;
  p = data;
  for (guint64 n = 1; n < line && p; n++)
    {
      p = memchr (p, '\n', len - (p - data));
      if (p)
        p++;
    }
  if (p == NULL || p >= data + len)
    return;
  end = memchr (p, '\n', len - (p - data));
  if (end == NULL)
    end = data + len;
  fprintf (cli->err, "  %.*s\n  %*s^~~~\n", (int) (end - p), p, (int) (col - 1), "");
}

static const char *
severity_name (KgxSeverity severity)
{
  return severity == KGX_SEVERITY_ERROR ? "error"
         : severity == KGX_SEVERITY_WARNING ? "warning" : "note";
}

/* The world's diagnostics: setup (rules, gazetteers) and --check-rules,
 * on the main thread.  Should extraction ever report through the world,
 * from worker threads, the lock keeps lines and counters whole (their
 * order would then follow the threads). */
static void
on_diagnostic (KgxSeverity severity, const KgxLocation *loc, const char *text, gpointer data)
{
  static GMutex lock;
  G_GNUC_UNUSED g_autoptr (GMutexLocker) locker = g_mutex_locker_new (&lock);
  Cli *cli = data;
  g_autofree char *where = NULL;

  if (severity == KGX_SEVERITY_INFO && !cli->verbose)
    return;
  if (severity == KGX_SEVERITY_WARNING)
    cli->warnings++;
  if (severity == KGX_SEVERITY_WARNING && cli->quiet)
    return;
  if (loc && loc->file && loc->line)
    where = g_strdup_printf ("%s:%u:%u", loc->file, loc->line, loc->column ? loc->column : 1);
  else if (loc && loc->file)
    where = g_strdup (loc->file);
  message (cli, where, severity_name (severity), text);
}

/* ---------------------------------------------------------------------- */
/* Jobs */

static Job *
job_new (JobKind kind)
{
  Job *job = g_new0 (Job, 1);

  job->kind = kind;
  return job;
}

static void
job_free (Job *job)
{
  if (job == NULL)
    return;
  g_free (job->doc_id);
  g_free (job->where);
  g_free (job->path);
  g_free (job->data);
  if (job->messages)
    g_string_free (job->messages, TRUE);
  if (job->explain)
    g_string_free (job->explain, TRUE);
  kgx_chunk_free (job->chunk);
  g_free (job);
}

static GString *
job_messages (Job *job)
{
  if (job->messages == NULL)
    job->messages = g_string_new (NULL);
  return job->messages;
}

/* A document that failed before it could be read: the message now, the
 * failure counted when it is finished, in order. */
static Job *
job_new_failure (const char *where, const char *text)
{
  Job *job = job_new (JOB_NOTE);

  job->counts = TRUE;
  job->failed = TRUE;
  job->done = TRUE;
  format_message (job_messages (job), where, "error", text);
  return job;
}

/* Per-document context for the reader's diagnostics (worker thread). */
typedef struct {
  Cli        *cli;
  Job        *job;
} JobDiag;

static void
on_job_diagnostic (KgxSeverity severity, const KgxLocation *loc, const char *text, gpointer data)
{
  JobDiag *d = data;
  g_autofree char *where = NULL;
  g_autofree char *full = NULL;
  const char *file = d->job->kind == JOB_JSONL ? d->job->path : (loc ? loc->file : NULL);

  if (severity == KGX_SEVERITY_INFO && !d->cli->verbose)
    return;
  if (severity == KGX_SEVERITY_WARNING)
    d->job->warnings++;
  if (severity == KGX_SEVERITY_WARNING && d->cli->quiet)
    return;
  if (d->job->kind == JOB_JSONL)
    {
      /* The place inside a JSON string is no place in the file: say the
       * line, and where in the document's text. */
      where = g_strdup_printf ("%s:%u", file, d->job->line);
      if (loc && loc->line)
        full = g_strdup_printf ("%s (document '%s', text line %u, column %u)", text,
                                d->job->doc_id, loc->line, loc->column ? loc->column : 1);
    }
  else if (d->job->line > 0 && loc && loc->line)
    /* A block of a --split-blank-lines file: lines of the file. */
    where = g_strdup_printf ("%s:%u:%u", d->job->path, d->job->line + loc->line - 1,
                             loc->column ? loc->column : 1);
  else if (loc && file && loc->line)
    where = g_strdup_printf ("%s:%u:%u", file, loc->line, loc->column ? loc->column : 1);
  else
    where = g_strdup (d->job->where);
  format_message (job_messages (d->job), where, severity_name (severity), full ? full : text);
}

/* ---------------------------------------------------------------------- */
/* --explain (worker thread: into job->explain) */

static void
json_string (GString *s, const char *text)
{
  g_string_append_c (s, '"');
  for (const char *p = text ? text : ""; *p; p++)
    {
      guchar c = *p;
      switch (c)
        {
        case '"': g_string_append (s, "\\\""); break;
        case '\\': g_string_append (s, "\\\\"); break;
        case '\n': g_string_append (s, "\\n"); break;
        case '\r': g_string_append (s, "\\r"); break;
        case '\t': g_string_append (s, "\\t"); break;
        default:
          if (c < 0x20)
            g_string_append_printf (s, "\\u%04x", c);
          else
            g_string_append_c (s, c);
        }
    }
  g_string_append_c (s, '"');
}

static void
line_col (const char *text, gsize offset, guint *line, guint *col)
{
  *line = 1;
  *col = 1;
  for (gsize i = 0; i < offset && text[i]; i++)
    {
      if (text[i] == '\n')
        {
          (*line)++;
          *col = 1;
        }
      else if (((guchar) text[i] & 0xC0) != 0x80)
        (*col)++;
    }
}

static void
explain_one (Cli *cli, GString *out, const KgxGraph *g, const KgxTriple *t, const char *reason,
             const GPtrArray *iris)
{
  const KgxEntity *s = g_ptr_array_index (g->entities, t->subject);
  const char *obj = t->object >= 0
                      ? ((const KgxEntity *) g_ptr_array_index (g->entities, t->object))->label
                      : t->literal;
  const KgxSentence *sent = &g_array_index (g->sentences, KgxSentence, t->sentence);
  g_autofree char *sentence = g_strndup (g->text + sent->begin, sent->end - sent->begin);
  g_autofree char *matched = g_strndup (g->text + t->begin, t->end - t->begin);
  guint line, col;

  line_col (g->text, t->begin, &line, &col);
  if (cli->explain_out)
    {
      const char *siri = iris ? g_ptr_array_index (iris, t->subject) : NULL;
      const char *oiri = iris && t->object >= 0 ? g_ptr_array_index (iris, t->object) : NULL;

      g_string_append (out, "{\"doc\":");
      json_string (out, g->doc_id);
      g_string_append_printf (out, ",\"line\":%u,\"column\":%u,\"subject\":", line, col);
      json_string (out, s->label);
      g_string_append (out, ",\"predicate\":");
      json_string (out, t->predicate);
      g_string_append (out, t->object >= 0 ? ",\"object\":" : ",\"literal\":");
      json_string (out, obj);
      g_string_append (out, ",\"rule\":");
      json_string (out, t->rule_name);
      g_string_append (out, ",\"rule_file\":");
      json_string (out, t->rule_file);
      g_string_append_printf (out, ",\"rule_line\":%u,\"sentence\":", t->rule_line);
      json_string (out, sentence);
      g_string_append (out, ",\"matched\":");
      json_string (out, matched);
      g_string_append_printf (out, ",\"begin\":%" G_GSIZE_FORMAT ",\"end\":%" G_GSIZE_FORMAT,
                              t->begin, t->end);
      g_string_append (out, ",\"status\":");
      json_string (out, reason ? "rejected" : "written");
      if (reason)
        {
          g_string_append (out, ",\"reason\":");
          json_string (out, reason);
        }
      /* The IRIs the graph uses, so that a triple can be joined with the
       * output (eval/calibrate.sh does). */
      if (!reason && siri)
        {
          g_string_append (out, ",\"subject_iri\":");
          json_string (out, siri);
        }
      if (!reason && oiri)
        {
          g_string_append (out, ",\"object_iri\":");
          json_string (out, oiri);
        }
      g_string_append (out, "}\n");
    }
  else
    {
      g_string_append_printf (out, "kgextract: %s:%u:%u: %s: %s %s %s%s%s  [rule %s, %s:%u]\n",
                              g->doc_id, line, col, reason ? "rejected" : "triple", s->label,
                              t->predicate, t->object >= 0 ? "" : "\"", obj,
                              t->object >= 0 ? "" : "\"", t->rule_name, t->rule_file,
                              t->rule_line);
      if (reason)
        g_string_append_printf (out, "    why: %s\n", reason);
      g_strdelimit (sentence, "\n", ' ');
      g_strdelimit (matched, "\n", ' ');
      g_string_append_printf (out, "    sentence: %s\n    matched: %s\n", sentence, matched);
    }
}

static void
explain_graph (Cli *cli, Job *job, const KgxGraph *g, const GPtrArray *iris)
{
  if (job->explain == NULL)
    job->explain = g_string_new (NULL);
  for (guint i = 0; i < g->triples->len; i++)
    explain_one (cli, job->explain, g, &g_array_index (g->triples, KgxTriple, i), NULL, iris);
  for (guint i = 0; i < g->rejected->len; i++)
    {
      const KgxRejected *r = &g_array_index (g->rejected, KgxRejected, i);
      explain_one (cli, job->explain, g, &r->triple, r->reason, NULL);
    }
}

/* ---------------------------------------------------------------------- */
/* The work on one document (any thread) */

/* Reads the members of one line of JSON Lines.  FALSE with the message in
 * the job when the line is no document. */
static gboolean
parse_jsonl (Job *job, char **text, gsize *len, KgxInputFormat *fmt, char **url, char **date)
{
  g_autoptr (JsonParser) parser = json_parser_new_immutable ();
  g_autoptr (GError) error = NULL;
  g_autofree char *where = NULL;
  JsonNode *root;
  JsonObject *obj;
  JsonNode *id, *member;
  const char *problem = NULL;

  if (!json_parser_load_from_data (parser, job->data, (gssize) job->len, &error))
    {
      guint line = 0, col = 0;
      const char *msg = error->message;
      int n = 0;

      /* json-glib says "<data>:LINE:COL: Parse error: what". */
      if (sscanf (msg, "<data>:%u:%u: %n", &line, &col, &n) == 2 && n > 0)
        {
          msg += n;
          if (g_str_has_prefix (msg, "Parse error: "))
            msg += strlen ("Parse error: ");
        }
      where = g_strdup_printf ("%s:%u:%u", job->path, job->line, col ? col : 1);
      format_message (job_messages (job), where, "error", msg);
      return FALSE;
    }
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    problem = "a line of JSON Lines must be a JSON object";
  else
    {
      obj = json_node_get_object (root);
      id = json_object_get_member (obj, "id");
      if (id == NULL || !JSON_NODE_HOLDS_VALUE (id)
          || (json_node_get_value_type (id) != G_TYPE_STRING
              && json_node_get_value_type (id) != G_TYPE_INT64))
        problem = "no \"id\" member (a string or an integer)";
      else
        {
          if (json_node_get_value_type (id) == G_TYPE_STRING)
            job->doc_id = g_strdup (json_node_get_string (id));
          else
            job->doc_id = g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (id));
          if ((member = json_object_get_member (obj, "text")) != NULL)
            *fmt = KGX_INPUT_TEXT;
          else if ((member = json_object_get_member (obj, "html")) != NULL)
            *fmt = KGX_INPUT_HTML;
          if (member == NULL)
            problem = "no \"text\" or \"html\" member";
          else if (!JSON_NODE_HOLDS_VALUE (member) || json_node_get_value_type (member) != G_TYPE_STRING)
            problem = *fmt == KGX_INPUT_TEXT ? "\"text\" is not a string" : "\"html\" is not a string";
          else
            {
              const char *s = json_node_get_string (member);

              *len = strlen (s);
              *text = g_strndup (s, *len);
              if ((member = json_object_get_member (obj, "url")) != NULL
                  && JSON_NODE_HOLDS_VALUE (member) && json_node_get_value_type (member) == G_TYPE_STRING)
                *url = g_strdup (json_node_get_string (member));
              if ((member = json_object_get_member (obj, "date")) != NULL
                  && JSON_NODE_HOLDS_VALUE (member) && json_node_get_value_type (member) == G_TYPE_STRING)
                *date = g_strdup (json_node_get_string (member));
            }
        }
    }
  if (problem != NULL)
    {
      where = g_strdup_printf ("%s:%u:1", job->path, job->line);
      format_message (job_messages (job), where, "error", problem);
      return FALSE;
    }
  return TRUE;
}

static void
run_job (Cli *cli, Job *job, KgxSerializer *ser)
{
  g_autofree char *data = g_steal_pointer (&job->data);
  gsize len = job->len;
  g_autofree char *url = NULL;
  g_autofree char *date = NULL;
  g_autoptr (KgxText) text = NULL;
  g_autoptr (KgxGraph) graph = NULL;
  g_autoptr (GPtrArray) iris = NULL;
  g_autoptr (GError) error = NULL;
  KgxInputFormat fmt = cli->in_format;
  JobDiag diag = { cli, job };

  if (job->kind == JOB_JSONL)
    {
      char *decoded = NULL;

      job->data = g_steal_pointer (&data);
      if (!parse_jsonl (job, &decoded, &len, &fmt, &url, &date))
        {
          g_clear_pointer (&job->data, g_free);
          job->failed = TRUE;
          return;
        }
      g_clear_pointer (&job->data, g_free);
      data = decoded;
    }

  text = kgx_text_new_from_data (data, len, job->doc_id, fmt, (gsize) MAX (cli->max_doc_size, 0),
                                 on_job_diagnostic, &diag, &error);
  g_clear_pointer (&data, g_free);
  if (text == NULL)
    {
      format_error (job_messages (job), job->where, error);
      job->failed = TRUE;
      return;
    }
  graph = kgx_world_extract (cli->world, text->text, text->len, job->doc_id, &error);
  if (graph == NULL)
    {
      format_error (job_messages (job), job->where, error);
      job->failed = TRUE;
      return;
    }
  g_clear_pointer (&text, kgx_text_free);
  if (cli->verbose)
    {
      g_autofree char *msg = g_strdup_printf ("%u sentences, %u entities, %u triples, %u rejected by the ontology",
                                              graph->sentences->len, graph->entities->len,
                                              graph->triples->len, graph->rejected->len);
      format_message (job_messages (job), job->doc_id, "note", msg);
      if (!cli->explain)
        for (guint i = 0; i < graph->rejected->len; i++)
          {
            const KgxRejected *r = &g_array_index (graph->rejected, KgxRejected, i);
            g_autofree char *m = g_strdup_printf ("rule %s (%s:%u) made a triple the ontology refuses: %s",
                                                  r->triple.rule_name, r->triple.rule_file,
                                                  r->triple.rule_line, r->reason);
            format_message (job_messages (job), job->doc_id, "note", m);
          }
    }
  if (cli->explain_out || cli->prov)
    iris = kgx_serializer_dup_entity_iris (ser, graph);
  if (cli->explain)
    explain_graph (cli, job, graph, iris);
  kgx_serializer_add_graph (ser, graph);
  if (cli->prov)
    kgx_provenance_add_graph (cli->prov, ser, graph, iris, url, date);
  job->chunk = kgx_serializer_take_chunk (ser);
}

static void
worker (gpointer data, gpointer user_data)
{
  Job *job = data;
  Cli *cli = user_data;
  KgxSerializer *ser = g_async_queue_pop (cli->sers);

  run_job (cli, job, ser);
  g_async_queue_push (cli->sers, ser);
  g_mutex_lock (&cli->lock);
  job->done = TRUE;
  g_cond_broadcast (&cli->cond);
  g_mutex_unlock (&cli->lock);
}

/* ---------------------------------------------------------------------- */
/* Output: standard output, -o FILE, or one file per input in --output-dir,
 * each written through a temporary file and renamed when whole. */

static const char *
format_extension (KgxFormat format)
{
  switch (format)
    {
    case KGX_FORMAT_TURTLE: return "ttl";
    case KGX_FORMAT_NTRIPLES: return "nt";
    case KGX_FORMAT_NQUADS: return "nq";
    case KGX_FORMAT_RDFXML:
    case KGX_FORMAT_RDFXML_ABBREV: return "rdf";
    case KGX_FORMAT_JSON: return "json";
    case KGX_FORMAT_DOT: return "dot";
    default: return "out";
    }
}

/* Syntaxes whose documents can be concatenated: written a batch at a
 * time.  RDF/XML, RDF/JSON and DOT are one document: written at the end. */
static gboolean
format_batches (KgxFormat format)
{
  return format == KGX_FORMAT_NTRIPLES || format == KGX_FORMAT_NQUADS
         || format == KGX_FORMAT_TURTLE;
}

/* Opens the output: @path NULL is cli->out. */
static gboolean
output_open (Cli *cli, const char *path)
{
  int fd;

  cli->out_failed = FALSE;
  cli->out_written = FALSE;
  cli->batch_docs = 0;
  cli->batch_bytes = 0;
  if (path == NULL || strcmp (path, "-") == 0)
    {
      cli->out_fp = cli->out;
      return TRUE;
    }
  cli->out_path = g_strdup (path);
  cli->out_tmp = g_strdup_printf ("%s.XXXXXX", path);
  fd = g_mkstemp (cli->out_tmp);
  if (fd < 0 || (cli->out_fp = fdopen (fd, "w")) == NULL)
    {
      g_autofree char *m = g_strdup_printf ("cannot create a temporary file beside %s: %s",
                                            path, g_strerror (errno));
      message (cli, path, "error", m);
      if (fd >= 0)
        {
          close (fd);
          g_unlink (cli->out_tmp);
        }
      g_clear_pointer (&cli->out_tmp, g_free);
      g_clear_pointer (&cli->out_path, g_free);
      cli->out_failed = TRUE;
      return FALSE;
    }
  return TRUE;
}

/* Writes what the writer holds. */
static void
output_flush (Cli *cli)
{
  g_autoptr (GError) error = NULL;

  cli->batch_docs = 0;
  cli->batch_bytes = 0;
  if (cli->out_failed)
    {
      kgx_serializer_clear (cli->writer);   /* what cannot be written */
      return;
    }
  cli->out_written = TRUE;
  if (!kgx_serializer_write (cli->writer, cli->out_fp, &error))
    {
      message (cli, cli->out_path, "error", error->message);
      cli->out_failed = TRUE;
      if (cli->out_path == NULL)
        cli->stop = TRUE;
    }
}

static void
output_add (Cli *cli, KgxChunk *chunk)
{
  cli->batch_docs++;
  cli->batch_bytes += kgx_chunk_get_size (chunk);
  kgx_serializer_add_chunk (cli->writer, chunk);
  if (format_batches (cli->format_id)
      && (cli->batch_docs >= BATCH_DOCS || cli->batch_bytes >= BATCH_BYTES))
    output_flush (cli);
}

/* Finishes the output.  FALSE when it could not be written whole. */
static gboolean
output_close (Cli *cli)
{
  gboolean ok;

  /* Every output holds a graph, if an empty one (Turtle's prefixes). */
  if (cli->batch_docs > 0 || !cli->out_written || kgx_serializer_get_triple_count (cli->writer) > 0)
    output_flush (cli);
  ok = !cli->out_failed;
  if (cli->out_path == NULL)
    {
      cli->out_fp = NULL;
      return ok;
    }
  if (cli->out_fp != NULL)
    {
      errno = 0;
      if (ok && (fflush (cli->out_fp) != 0 || ferror (cli->out_fp) || fsync (fileno (cli->out_fp)) != 0))
        {
          message (cli, cli->out_path, "error", g_strerror (errno ? errno : EIO));
          ok = FALSE;
        }
      if (fclose (cli->out_fp) != 0 && ok)
        {
          message (cli, cli->out_path, "error", g_strerror (errno));
          ok = FALSE;
        }
      cli->out_fp = NULL;
    }
  if (ok && (g_chmod (cli->out_tmp, 0644) != 0 || g_rename (cli->out_tmp, cli->out_path) != 0))
    {
      message (cli, cli->out_path, "error", g_strerror (errno));
      ok = FALSE;
    }
  if (!ok && cli->out_tmp != NULL)
    g_unlink (cli->out_tmp);
  g_clear_pointer (&cli->out_tmp, g_free);
  g_clear_pointer (&cli->out_path, g_free);
  return ok;
}

/* The file --output-dir writes for input @path: DIR/PATH.EXT, PATH as
 * given without a leading "/" or "./", ".." made "__", "-" made "stdin". */
static char *
output_dir_path (Cli *cli, const char *path)
{
  g_auto (GStrv) parts = NULL;
  g_autoptr (GPtrArray) keep = g_ptr_array_new ();
  g_autofree char *rel = NULL;

  if (strcmp (path, "-") == 0)
    return g_strdup_printf ("%s/stdin.%s", cli->output_dir, format_extension (cli->format_id));
  parts = g_strsplit (path, "/", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      if (parts[i][0] == '\0' || strcmp (parts[i], ".") == 0)
        continue;
      g_ptr_array_add (keep, strcmp (parts[i], "..") == 0 ? "__" : parts[i]);
    }
  g_ptr_array_add (keep, NULL);
  rel = g_strjoinv ("/", (char **) keep->pdata);
  return g_strdup_printf ("%s/%s.%s", cli->output_dir, *rel ? rel : "x",
                          format_extension (cli->format_id));
}

/* ---------------------------------------------------------------------- */
/* Progress: one line on standard error, when it is a terminal */

static void
progress_show (Cli *cli, gboolean last)
{
  gint64 now = g_get_monotonic_time ();
  double secs = (now - cli->t0) / 1e6;
  double mbs = secs > 0 ? cli->bytes_done / 1e6 / secs : 0;
  char eta[64] = "";

  if (!last && now - cli->last_progress < 250000)
    return;
  cli->last_progress = now;
  if (last)
    {
      fputs ("\r\033[K", cli->err);
      return;
    }
  if (cli->bytes_total > 0 && mbs > 0 && cli->bytes_done <= cli->bytes_total)
    g_snprintf (eta, sizeof eta, ", %.0f%%, ETA %.0f s",
                100.0 * cli->bytes_done / cli->bytes_total,
                (cli->bytes_total - cli->bytes_done) / 1e6 / mbs);
  fprintf (cli->err, "\r\033[Kkgextract: %u documents, %u failed, %.1f MB, %.2f MB/s%s",
           cli->documents, cli->failed, cli->bytes_done / 1e6, mbs, eta);
  fflush (cli->err);
}

/* ---------------------------------------------------------------------- */
/* Finishing jobs, in input order (main thread) */

static void
finish (Cli *cli, Job *job)
{
  if (cli->progress && (job->messages != NULL || (job->explain != NULL && !cli->explain_out)))
    fputs ("\r\033[K", cli->err);   /* messages start on a clean line */
  if (job->messages != NULL)
    fputs (job->messages->str, cli->err);
  cli->warnings += job->warnings;
  if (job->explain != NULL)
    fputs (job->explain->str, cli->explain_out ? cli->explain_out : cli->err);

  switch (job->kind)
    {
    case JOB_OPEN:
      {
        g_autofree char *path = output_dir_path (cli, job->path);
        g_autofree char *dir = g_path_get_dirname (path);

        if (g_mkdir_with_parents (dir, 0755) != 0)
          {
            message (cli, dir, "error", g_strerror (errno));
            cli->out_failed = TRUE;
            cli->errors++;
          }
        else if (!output_open (cli, path))
          cli->errors++;
      }
      break;
    case JOB_CLOSE:
      if (!output_close (cli))
        cli->errors++;
      break;
    case JOB_NOTE:
    case JOB_DOC:
    case JOB_JSONL:
    default:
      if (job->kind != JOB_NOTE || job->counts)
        cli->documents++;
      if (job->failed)
        cli->failed++;
      else if (job->chunk != NULL)
        output_add (cli, g_steal_pointer (&job->chunk));
      break;
    }
  cli->bytes_done += job->len;
  if (cli->progress)
    progress_show (cli, FALSE);
  job_free (job);
}

/* Finishes the oldest job, waiting for it. */
static void
finish_head (Cli *cli)
{
  Job *job = g_queue_pop_head (&cli->pending);

  g_mutex_lock (&cli->lock);
  while (!job->done)
    g_cond_wait (&cli->cond, &cli->lock);
  g_mutex_unlock (&cli->lock);
  cli->pending_bytes -= MIN (cli->pending_bytes, job->len);
  finish (cli, job);
}

/* Hands @job (transfer full) to the pipeline, then finishes old jobs
 * until few enough are in flight. */
static void
submit (Cli *cli, Job *job)
{
  if (!job->done && (job->kind == JOB_DOC || job->kind == JOB_JSONL))
    {
      if (cli->pool == NULL)
        {
          run_job (cli, job, cli->inline_ser);
          job->done = TRUE;
        }
      else
        g_thread_pool_push (cli->pool, job, NULL);
    }
  else
    job->done = TRUE;
  g_queue_push_tail (&cli->pending, job);
  cli->pending_bytes += job->len;
  while (cli->pending.length > cli->max_pending
         || (cli->pending_bytes > INFLIGHT_BYTES && cli->pending.length > 1))
    finish_head (cli);
}

static void
drain (Cli *cli)
{
  while (cli->pending.length > 0)
    finish_head (cli);
}

/* ---------------------------------------------------------------------- */
/* Inputs */

/* Lines of a stream, with a cap on what one line may hold. */
typedef struct {
  FILE  *f;
  char   buf[65536];
  gsize  pos, end;
  guint  lineno;
  int    error;      /* errno of a read error */
} LineReader;

/* Reads the next line into @line (without the '\n'), keeping at most
 * @cap bytes of it (0: no cap) and setting *@cut when more were dropped.
 * FALSE at the end of the stream or on a read error. */
static gboolean
read_line (LineReader *r, GString *line, gsize cap, gboolean *cut)
{
  gboolean any = FALSE;

  g_string_truncate (line, 0);
  *cut = FALSE;
  for (;;)
    {
      const char *nl;
      gsize n;

      if (r->pos == r->end)
        {
          size_t got = fread (r->buf, 1, sizeof r->buf, r->f);

          r->pos = 0;
          r->end = got;
          if (got == 0)
            {
              if (ferror (r->f))
                r->error = errno ? errno : EIO;
              if (any)
                r->lineno++;
              return any;
            }
        }
      any = TRUE;
      nl = memchr (r->buf + r->pos, '\n', r->end - r->pos);
      n = (nl ? (gsize) (nl - r->buf) : r->end) - r->pos;
      if (cap == 0 || line->len + n <= cap)
        g_string_append_len (line, r->buf + r->pos, (gssize) n);
      else
        {
          if (line->len < cap)
            g_string_append_len (line, r->buf + r->pos, (gssize) (cap - line->len));
          *cut = TRUE;
        }
      r->pos += n;
      if (nl)
        {
          r->pos++;
          r->lineno++;
          return TRUE;
        }
    }
}

static gboolean
is_blank (const char *s, gsize len)
{
  for (gsize i = 0; i < len; i++)
    if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r' && s[i] != '\f' && s[i] != '\v')
      return FALSE;
  return TRUE;
}

static void
report_read_error (Cli *cli, const char *path, int err)
{
  submit (cli, job_new_failure (path, g_strerror (err)));
}

/* --split-blank-lines: one document per block of lines between blank
 * lines; its id is PATH#N, N counting blocks from 1. */
static void
read_blocks (Cli *cli, const char *path, FILE *f)
{
  LineReader *r = g_new0 (LineReader, 1);
  GString *line = g_string_new (NULL);
  GString *block = NULL;
  guint start = 0, n = 0;
  gboolean cut, too_big = FALSE;
  gsize cap = (gsize) cli->max_doc_size;

  r->f = f;
  for (;;)
    {
      gboolean got = read_line (r, line, cap, &cut);
      gboolean blank = got && is_blank (line->str, line->len);

      if (got && !blank)
        {
          if (block == NULL)
            {
              block = g_string_new (NULL);
              start = r->lineno;
              too_big = FALSE;
            }
          if (cut || (cap > 0 && block->len + line->len + 1 > cap))
            too_big = TRUE;
          if (!too_big)
            {
              g_string_append_len (block, line->str, (gssize) line->len);
              g_string_append_c (block, '\n');
            }
          continue;
        }
      if (block != NULL)
        {
          g_autofree char *id = g_strdup_printf ("%s#%u", path, ++n);
          g_autofree char *where = g_strdup_printf ("%s:%u", path, start);

          if (too_big)
            {
              g_autofree char *m = g_strdup_printf ("document %s is more than --max-doc-size %"
                                                    G_GINT64_FORMAT " bytes", id, cli->max_doc_size);
              submit (cli, job_new_failure (where, m));
              g_string_free (block, TRUE);
            }
          else
            {
              Job *job = job_new (JOB_DOC);

              job->doc_id = g_steal_pointer (&id);
              job->where = g_steal_pointer (&where);
              job->path = g_strdup (path);
              job->line = start;
              job->len = block->len;
              job->data = g_string_free (block, FALSE);
              submit (cli, job);
            }
          block = NULL;
        }
      if (!got || cli->stop)
        break;
    }
  if (r->error)
    report_read_error (cli, path, r->error);
  g_string_free (line, TRUE);
  g_free (r);
}

/* --input-format jsonl: one document per non-blank line. */
static void
read_jsonl (Cli *cli, const char *path, FILE *f)
{
  LineReader *r = g_new0 (LineReader, 1);
  GString *line = g_string_new (NULL);
  gboolean cut;
  /* A JSON string may be longer than its text (escapes). */
  gsize cap = cli->max_doc_size > 0 ? (gsize) cli->max_doc_size * 4 + 65536 : 0;

  r->f = f;
  while (!cli->stop && read_line (r, line, cap, &cut))
    {
      Job *job;

      if (is_blank (line->str, line->len))
        continue;
      if (cut)
        {
          g_autofree char *where = g_strdup_printf ("%s:%u:1", path, r->lineno);
          g_autofree char *m = g_strdup_printf ("line is longer than %" G_GSIZE_FORMAT
                                                " bytes (4 x --max-doc-size)", cap);
          submit (cli, job_new_failure (where, m));
          continue;
        }
      job = job_new (JOB_JSONL);
      job->where = g_strdup_printf ("%s:%u", path, r->lineno);
      job->path = g_strdup (path);
      job->line = r->lineno;
      job->len = line->len;
      job->data = g_strndup (line->str, line->len);
      submit (cli, job);
    }
  if (r->error)
    report_read_error (cli, path, r->error);
  g_string_free (line, TRUE);
  g_free (r);
}

/* One whole file (or standard input) as one document. */
static void
read_whole (Cli *cli, const char *path)
{
  Job *job;
  char *data = NULL;
  gsize len = 0;

  if (strcmp (path, "-") == 0)
    {
      GString *buf = g_string_new (NULL);
      char chunk[65536];
      size_t n;
      while ((n = fread (chunk, 1, sizeof chunk, stdin)) > 0)
        {
          g_string_append_len (buf, chunk, n);
          if (cli->max_doc_size > 0 && buf->len > (gsize) cli->max_doc_size + 1)
            break;
        }
      if (ferror (stdin))
        {
          g_string_free (buf, TRUE);
          report_read_error (cli, "-", errno ? errno : EIO);
          return;
        }
      len = buf->len;
      data = g_string_free (buf, FALSE);
    }
  else
    {
      GError *error = NULL;
      GStatBuf st;

      /* Too large: said without reading it, as the reader would. */
      if (cli->max_doc_size > 0 && g_stat (path, &st) == 0 && S_ISREG (st.st_mode)
          && st.st_size > cli->max_doc_size)
        {
          g_autofree char *m = g_strdup_printf ("input is %" G_GINT64_FORMAT " bytes, more than "
                                                "--max-doc-size %" G_GINT64_FORMAT,
                                                (gint64) st.st_size, cli->max_doc_size);
          submit (cli, job_new_failure (path, m));
          return;
        }
      if (!g_file_get_contents (path, &data, &len, &error))
        {
          submit (cli, job_new_failure (path, error->message));
          g_error_free (error);
          return;
        }
    }
  job = job_new (JOB_DOC);
  job->doc_id = g_strdup (path);
  job->where = g_strdup (path);
  job->data = data;
  job->len = len;
  submit (cli, job);
}

/* One input file (not a directory), whatever its layout. */
static void
read_file (Cli *cli, const char *path)
{
  FILE *f = NULL;
  gboolean is_stdin = strcmp (path, "-") == 0;

  if (cli->jsonl || cli->split_blank_lines)
    {
      f = is_stdin ? stdin : g_fopen (path, "rb");
      if (f == NULL)
        {
          report_read_error (cli, path, errno);
          return;
        }
    }
  else if (!is_stdin && cli->output_dir)
    {
      /* An input that cannot be opened gets no output file. */
      FILE *probe = g_fopen (path, "rb");

      if (probe == NULL)
        {
          report_read_error (cli, path, errno);
          return;
        }
      fclose (probe);
    }

  if (cli->output_dir)
    {
      Job *open = job_new (JOB_OPEN);
      open->path = g_strdup (path);
      submit (cli, open);
    }
  if (cli->jsonl)
    read_jsonl (cli, path, f);
  else if (cli->split_blank_lines)
    read_blocks (cli, path, f);
  else
    read_whole (cli, path);
  if (f != NULL && !is_stdin)
    fclose (f);
  if (cli->output_dir)
    submit (cli, job_new (JOB_CLOSE));
}

static gint
compare_names (gconstpointer a, gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

/* -r: the regular files under @dir, depth first, each directory's entries
 * in strcmp() order; names starting with '.' are skipped, and symbolic
 * links to directories are not followed (no cycles). */
static void
read_tree (Cli *cli, const char *dir)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  GDir *d = g_dir_open (dir, 0, &error);
  const char *name;

  if (d == NULL)
    {
      submit (cli, job_new_failure (dir, error->message));
      return;
    }
  while ((name = g_dir_read_name (d)) != NULL)
    if (name[0] != '.')
      g_ptr_array_add (names, g_strdup (name));
  g_dir_close (d);
  g_ptr_array_sort (names, compare_names);
  for (guint i = 0; i < names->len && !cli->stop; i++)
    {
      g_autofree char *path = g_str_has_suffix (dir, "/")
                                ? g_strconcat (dir, g_ptr_array_index (names, i), NULL)
                                : g_strconcat (dir, "/", g_ptr_array_index (names, i), NULL);
      GStatBuf st;

      if (g_lstat (path, &st) != 0)
        report_read_error (cli, path, errno);
      else if (S_ISDIR (st.st_mode))
        read_tree (cli, path);
      else if (S_ISREG (st.st_mode) || (S_ISLNK (st.st_mode) && g_file_test (path, G_FILE_TEST_IS_REGULAR)))
        read_file (cli, path);
    }
}

/* One operand: a file, "-", or a directory. */
static void
read_operand (Cli *cli, const char *path)
{
  if (strcmp (path, "-") != 0 && g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      if (cli->recursive)
        read_tree (cli, path);
      else
        submit (cli, job_new_failure (path, "is a directory (use -r to read the files in it)"));
      return;
    }
  read_file (cli, path);
}

/* --files-from FILE: one path per line, blank lines skipped. */
static void
read_files_from (Cli *cli, const char *list)
{
  gboolean is_stdin = strcmp (list, "-") == 0;
  FILE *f = is_stdin ? stdin : g_fopen (list, "rb");
  LineReader *r;
  GString *line;
  gboolean cut;

  if (f == NULL)
    {
      report_read_error (cli, list, errno);
      return;
    }
  r = g_new0 (LineReader, 1);
  line = g_string_new (NULL);
  r->f = f;
  while (!cli->stop && read_line (r, line, 0, &cut))
    {
      if (line->len > 0 && line->str[line->len - 1] == '\r')
        g_string_truncate (line, line->len - 1);
      if (line->len == 0)
        continue;
      read_operand (cli, line->str);
    }
  if (r->error)
    report_read_error (cli, list, r->error);
  g_string_free (line, TRUE);
  g_free (r);
  if (!is_stdin)
    fclose (f);
}

/* ---------------------------------------------------------------------- */

static void
print_version (Cli *cli, KgxWorld *world)
{
  int rmaj = 0;
  fprintf (cli->out, "kgextract %s\n", PACKAGE_VERSION);
  fprintf (cli->out, "rule language %u\n", kgx_world_get_rule_language_version ());
  if (world && kgx_world_get_ontology_version (world))
    fprintf (cli->out, "ontology %s (%s)\nrules %u (sha256 %.12s)\ngazetteer entries %u\n",
             kgx_world_get_ontology_version (world), kgx_world_get_ontology_path (world),
             kgx_world_get_rule_count (world), kgx_world_get_rules_hash (world),
             kgx_world_get_gazetteer_size (world));
  if (world && kgx_world_get_confidence_path (world))
    fprintf (cli->out, "rule confidence %s\n", kgx_world_get_confidence_path (world));
  rmaj = raptor_version_major;
  fprintf (cli->out, "glib %u.%u.%u, raptor2 %d.%d.%d, libxml2 %s, json-glib %d.%d.%d\n",
           glib_major_version, glib_minor_version, glib_micro_version, rmaj,
           raptor_version_minor, raptor_version_release, LIBXML_DOTTED_VERSION,
           JSON_MAJOR_VERSION, JSON_MINOR_VERSION, JSON_MICRO_VERSION);
}

/* Running from the build tree (uninstalled): find data in the source tree
 * and generated data in the build tree. */
static gboolean
uninstalled (void)
{
#if defined(KGX_ABS_BUILDDIR)
  g_autofree char *exe = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *prefix = g_strconcat (KGX_ABS_BUILDDIR, G_DIR_SEPARATOR_S, NULL);
  return exe != NULL && g_str_has_prefix (exe, prefix);
#else
  return FALSE;
#endif
}

static int
usage_error (FILE *err, const char *text)
{
  fprintf (err, "kgextract: %s\nTry 'kgextract --help' for more information.\n", text);
  return EXIT_SETUP;
}

/* Checks the options against each other.  0, or the exit status. */
static int
check_options (Cli *cli, char **args, gint nargs)
{
  g_autofree char *msg = NULL;
  guint stdin_uses = 0;

  if (cli->format && !kgx_format_from_string (cli->format, &cli->format_id))
    {
      msg = g_strdup_printf ("unknown output format '%s'", cli->format);
      return usage_error (cli->err, msg);
    }
  if (cli->input_format && g_ascii_strcasecmp (cli->input_format, "jsonl") == 0)
    cli->jsonl = TRUE;
  else if (cli->input_format && !kgx_input_format_from_string (cli->input_format, &cli->in_format))
    {
      msg = g_strdup_printf ("unknown input format '%s'", cli->input_format);
      return usage_error (cli->err, msg);
    }
  if (cli->max_doc_size < 0)
    return usage_error (cli->err, "--max-doc-size must not be negative");
  if (cli->jobs < 0)
    return usage_error (cli->err, "-j must be a number of threads, 1 or more (0: one per core)");
  if (cli->jsonl && cli->split_blank_lines)
    return usage_error (cli->err, "--split-blank-lines and --input-format jsonl do not go together");
  if (cli->output && cli->output_dir)
    return usage_error (cli->err, "-o and --output-dir do not go together");
  if (cli->no_context_text && !cli->provenance)
    return usage_error (cli->err, "--no-context-text needs --provenance");
  if (cli->doc_iri && !cli->provenance)
    return usage_error (cli->err, "--doc-iri needs --provenance");
  for (gint i = 1; i < nargs; i++)
    stdin_uses += strcmp (args[i], "-") == 0;
  for (guint i = 0; cli->files_from && cli->files_from[i]; i++)
    stdin_uses += strcmp (cli->files_from[i], "-") == 0;
  if (stdin_uses > 1)
    return usage_error (cli->err, "standard input ('-') can be read only once");
  return 0;
}

int
kgx_cli_main (int argc, char **argv, FILE *out, FILE *err)
{
  Cli cli = { 0 };
  g_autoptr (GOptionContext) ctx = NULL;
  g_autoptr (KgxWorld) world = NULL;
  GError *error = NULL;
  int status = 0;
  char **args = NULL;
  gint nargs;
  guint threads;
  const GOptionEntry entries[] = {
    { "format", 'f', 0, G_OPTION_ARG_STRING, &cli.format,
      "Output syntax: turtle (default), ntriples, nquads, rdfxml, rdfxml-abbrev, json, dot", "FMT" },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &cli.output,
      "Write the graph to FILE (whole or not at all) instead of standard output", "FILE" },
    { "output-dir", 0, 0, G_OPTION_ARG_FILENAME, &cli.output_dir,
      "Write one graph per input file, to DIR/INPUT.EXT, each whole or not at all", "DIR" },
    { "base", 0, 0, G_OPTION_ARG_STRING, &cli.base,
      "Base IRI for minted entity IRIs (default " KGX_DEFAULT_BASE_IRI ")", "IRI" },
    { "input-format", 0, 0, G_OPTION_ARG_STRING, &cli.input_format,
      "text, html, jsonl (one JSON document per line) or auto (default: .html/.htm/.xhtml are HTML, else sniffed)", "FMT" },
    { "split-blank-lines", 0, 0, G_OPTION_ARG_NONE, &cli.split_blank_lines,
      "Read each block of lines between blank lines as one document (named FILE#N)", NULL },
    { "recursive", 'r', 0, G_OPTION_ARG_NONE, &cli.recursive,
      "Read the files in directories given as FILE, and below, in name order", NULL },
    { "files-from", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &cli.files_from,
      "Read the names of input files from LIST, one per line ('-': standard input)", "LIST" },
    { "jobs", 'j', 0, G_OPTION_ARG_INT, &cli.jobs,
      "Extract with N threads (default: one per core); the output does not change", "N" },
    { "provenance", 0, 0, G_OPTION_ARG_NONE, &cli.provenance,
      "Also write the text (NIF 2.0) and where each triple comes from (PROV-O; named graphs in N-Quads); see docs/provenance.md", NULL },
    { "doc-iri", 0, 0, G_OPTION_ARG_STRING, &cli.doc_iri,
      "With --provenance: document IRIs from TEMPLATE ({id}, {slug}, {hash})", "TEMPLATE" },
    { "no-context-text", 0, 0, G_OPTION_ARG_NONE, &cli.no_context_text,
      "With --provenance: leave the documents' and sentences' text out", NULL },
    { "explain", 0, 0, G_OPTION_ARG_NONE, &cli.explain,
      "Say for each triple which rule made it, from which sentence, on standard error; --explain=FILE writes JSON Lines to FILE", NULL },
    { "explain-file", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_FILENAME, &cli.explain_file,
      "Write the explanation as JSON Lines to FILE (what --explain=FILE means)", "FILE" },
    { "gazetteer", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &cli.gazetteers,
      "Add a gazetteer file (repeatable; see docs/gazetteers.md)", "FILE" },
    { "rules", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &cli.rules,
      "Add a rule file (repeatable; see docs/rules.md)", "FILE" },
    { "no-default-rules", 0, 0, G_OPTION_ARG_NONE, &cli.no_default_rules,
      "Use only the rule files given with --rules", NULL },
    { "data-dir", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &cli.data_dirs,
      "Look for the ontology, rules and gazetteers in DIR (repeatable; overrides " KGX_DATADIR_ENV ")", "DIR" },
    { "max-doc-size", 0, 0, G_OPTION_ARG_INT64, &cli.max_doc_size,
      "Skip documents larger than BYTES (default 64 MiB; 0: no limit)", "BYTES" },
    { "check-rules", 0, 0, G_OPTION_ARG_NONE, &cli.check_rules,
      "Load the rules, run each rule's example, report rules that do not fire, and exit", NULL },
    { "verbose", 'v', 0, G_OPTION_ARG_NONE, &cli.verbose,
      "Report counts per document, triples the ontology refused, and a summary", NULL },
    { "quiet", 'q', 0, G_OPTION_ARG_NONE, &cli.quiet, "Print errors only", NULL },
    { "version", 0, 0, G_OPTION_ARG_NONE, &cli.version, "Print version information and exit", NULL },
    { NULL, 0, 0, 0, NULL, NULL, NULL }
  };
  GOptionGroup *group;

  cli.out = out;
  cli.err = err;
  /* Debug logs (G_MESSAGES_DEBUG=kgx) must never mix with the graph. */
  g_log_writer_default_set_use_stderr (TRUE);
  cli.max_doc_size = DEFAULT_MAX_DOC_SIZE;
  cli.format_id = KGX_FORMAT_TURTLE;
  cli.in_format = KGX_INPUT_AUTO;

  ctx = g_option_context_new ("[FILE...]");
  g_option_context_set_summary (ctx,
    "Extract a knowledge graph (RDF) from English news text or HTML pages.\n"
    "Reads each FILE (standard input when none or '-') and writes one graph.");
  g_option_context_set_description (ctx,
    "Exit status: 0 all inputs done; 1 some input failed or the output could not be\n"
    "written; 2 usage, rule or setup error.\n\n"
    "Environment: " KGX_DATADIR_ENV " names the data directory.\n"
    "Report bugs in the project's issue tracker.");
  group = g_option_group_new (NULL, NULL, NULL, &cli, NULL);
  g_option_group_add_entries (group, entries);
  g_option_context_set_main_group (ctx, group);
  g_option_context_set_help_enabled (ctx, TRUE);

  /* "--explain=FILE" takes a file, but a bare "--explain" must not take
   * the next argument (an input): GOption cannot say that, so the attached
   * form is renamed before parsing; so is "-jN". */
  args = g_new0 (char *, argc + 1);
  for (gint i = 0; i < argc; i++)
    {
      if (strcmp (argv[i], "--") == 0)
        {
          for (; i < argc; i++)
            args[i] = g_strdup (argv[i]);
          break;
        }
      if (g_str_has_prefix (argv[i], "--explain="))
        args[i] = g_strconcat ("--explain-file=", argv[i] + strlen ("--explain="), NULL);
      else if (g_str_has_prefix (argv[i], "-j") && argv[i][2] != '\0'
               && strspn (argv[i] + 2, "0123456789") == strlen (argv[i] + 2))
        /* "-j2", as make takes it: GOption only knows "-j 2". */
        args[i] = g_strconcat ("--jobs=", argv[i] + 2, NULL);
      else
        args[i] = g_strdup (argv[i]);
    }
  nargs = argc;
  if (!g_option_context_parse_strv (ctx, &args, &error))
    {
      status = usage_error (err, error->message);
      g_error_free (error);
      goto out_args;
    }
  nargs = g_strv_length (args);
  if ((status = check_options (&cli, args, nargs)) != 0)
    goto out_args;

  world = kgx_world_new ();
  cli.world = world;
  kgx_world_set_diagnostic_func (world, on_diagnostic, &cli, NULL);
  if (cli.data_dirs)
    kgx_world_set_data_dirs (world, (const char *const *) cli.data_dirs);
  else if (!g_getenv (KGX_DATADIR_ENV) && uninstalled ())
    {
#if defined(KGX_ABS_SRCDIR) && defined(KGX_ABS_BUILDDIR)
      const char *dirs[] = { KGX_ABS_SRCDIR "/ontology", KGX_ABS_BUILDDIR "/ontology", NULL };
      kgx_world_set_data_dirs (world, dirs);
#endif
    }
  for (guint i = 0; cli.gazetteers && cli.gazetteers[i]; i++)
    kgx_world_add_gazetteer_file (world, cli.gazetteers[i]);
  for (guint i = 0; cli.rules && cli.rules[i]; i++)
    kgx_world_add_rule_file (world, cli.rules[i]);
  kgx_world_set_default_rules (world, !cli.no_default_rules);

  if (cli.version)
    {
      GError *ignored = NULL;
      gboolean ok = kgx_world_open (world, &ignored);
      g_clear_error (&ignored);
      print_version (&cli, ok ? world : NULL);
      status = fflush (out) == 0 && !ferror (out) ? 0 : EXIT_INPUT;
      goto out_args;
    }
  if (!kgx_world_open (world, &error))
    {
      report_error (&cli, NULL, error);
      show_source_line (&cli, error);
      g_error_free (error);
      status = EXIT_SETUP;
      goto out_args;
    }
  if (cli.check_rules)
    {
      guint failed = kgx_world_check_examples (world);
      if (!cli.quiet)
        fprintf (out, "%u rules, %u without a firing example\n", kgx_world_get_rule_count (world), failed);
      status = failed ? EXIT_SETUP : 0;
      goto out_args;
    }
  cli.writer = kgx_serializer_new (cli.format_id, cli.base, &error);
  if (cli.writer == NULL)
    {
      report_error (&cli, NULL, error);
      g_error_free (error);
      status = EXIT_SETUP;
      goto out_args;
    }
  if (cli.provenance)
    {
      cli.prov = kgx_provenance_new (world, cli.base, cli.doc_iri, !cli.no_context_text, &error);
      if (cli.prov == NULL)
        {
          status = usage_error (err, error->message);
          g_error_free (error);
          goto out_args;
        }
      kgx_provenance_declare_namespaces (cli.prov, cli.writer);
    }
  if (cli.output_dir && g_mkdir_with_parents (cli.output_dir, 0755) != 0)
    {
      message (&cli, cli.output_dir, "error", g_strerror (errno));
      status = EXIT_SETUP;
      goto out_args;
    }
  if (cli.explain_file)
    {
      cli.explain = TRUE;
      cli.explain_out = fopen (cli.explain_file, "w");
      if (cli.explain_out == NULL)
        {
          message (&cli, cli.explain_file, "error", g_strerror (errno));
          status = EXIT_SETUP;
          goto out_args;
        }
    }

  /* The pipeline: a thread pool unless -j 1. */
  threads = cli.jobs > 0 ? (guint) cli.jobs : g_get_num_processors ();
  cli.max_pending = MAX (2, JOBS_PER_THREAD * threads);
  g_mutex_init (&cli.lock);
  g_cond_init (&cli.cond);
  g_queue_init (&cli.pending);
  if (threads > 1)
    {
      /* libxml2 2.9 must be initialised before threads parse HTML. */
      xmlInitParser ();
      cli.sers = g_async_queue_new_full ((GDestroyNotify) kgx_serializer_free);
      for (guint i = 0; i < threads; i++)
        {
          KgxSerializer *s = kgx_serializer_new (cli.format_id, cli.base, NULL);
          g_async_queue_push (cli.sers, s);
        }
      cli.pool = g_thread_pool_new (worker, &cli, (gint) threads, TRUE, NULL);
    }
  else
    cli.inline_ser = kgx_serializer_new (cli.format_id, cli.base, NULL);

  if (cli.output_dir)
    {
      if (cli.prov)
        {
          g_autofree char *path = g_strdup_printf ("%s/manifest.%s", cli.output_dir,
                                                   format_extension (cli.format_id));
          if (output_open (&cli, path))
            {
              kgx_provenance_add_manifest (cli.prov, cli.writer);
              if (!output_close (&cli))
                cli.errors++;
            }
          else
            cli.errors++;
        }
    }
  else if (output_open (&cli, cli.output))
    {
      if (cli.prov)
        kgx_provenance_add_manifest (cli.prov, cli.writer);
    }
  else
    cli.errors++;

  /* A progress line when standard error is a terminal and nothing else
   * is written there; the total (for the ETA) when every operand is a
   * regular file. */
  cli.progress = !cli.quiet && !cli.verbose && !(cli.explain && !cli.explain_out)
                 && err == stderr && isatty (fileno (err));
  cli.t0 = g_get_monotonic_time ();
  if (cli.progress && !cli.recursive && cli.files_from == NULL && nargs > 1)
    for (gint i = 1; i < nargs; i++)
      {
        GStatBuf st;

        if (strcmp (args[i], "-") == 0 || g_stat (args[i], &st) != 0 || !S_ISREG (st.st_mode))
          {
            cli.bytes_total = 0;
            break;
          }
        cli.bytes_total += (guint64) st.st_size;
      }

  if (cli.out_failed && !cli.output_dir)
    ;   /* no output: read nothing */
  else
    {
      if (nargs <= 1 && cli.files_from == NULL)
        read_operand (&cli, "-");
      for (gint i = 1; i < nargs && !cli.stop; i++)
        read_operand (&cli, args[i]);
      for (guint i = 0; cli.files_from && cli.files_from[i] && !cli.stop; i++)
        read_files_from (&cli, cli.files_from[i]);
      drain (&cli);
      if (cli.progress)
        progress_show (&cli, TRUE);
      if (!cli.output_dir && !output_close (&cli))
        cli.errors++;
    }

  if (cli.pool)
    g_thread_pool_free (cli.pool, FALSE, TRUE);
  if (cli.sers)
    g_async_queue_unref (cli.sers);
  kgx_serializer_free (cli.inline_ser);
  g_mutex_clear (&cli.lock);
  g_cond_clear (&cli.cond);

  if (cli.failed > 0)
    status = EXIT_INPUT;
  if (cli.errors > 0 || cli.stop)
    status = MAX (status, EXIT_INPUT);
  if (cli.explain_out && fclose (cli.explain_out) != 0)
    {
      message (&cli, cli.explain_file, "error", g_strerror (errno));
      status = MAX (status, EXIT_INPUT);
    }
  cli.explain_out = NULL;
  if ((cli.verbose || cli.failed > 0) && !cli.quiet)
    fprintf (err, "kgextract: %u document%s, %u failed\n", cli.documents,
             cli.documents == 1 ? "" : "s", cli.failed);

out_args:
  g_strfreev (args);
  kgx_serializer_free (cli.writer);
  kgx_provenance_free (cli.prov);
  g_free (cli.format);
  g_free (cli.output);
  g_free (cli.output_dir);
  g_free (cli.base);
  g_free (cli.input_format);
  g_free (cli.explain_file);
  g_free (cli.doc_iri);
  g_strfreev (cli.files_from);
  g_strfreev (cli.gazetteers);
  g_strfreev (cli.rules);
  g_strfreev (cli.data_dirs);
  return status;
}
