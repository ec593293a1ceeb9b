/* kgx-cli.c - the kgextract command line: options, batch semantics, exit
 * status and every message the user sees.  It uses the public API only
 * (kgx.h): the library reports, this file formats and decides.
 *
 * Exit status: 0 all inputs done; 1 some input failed or the output could
 * not be written; 2 usage, rule or setup error.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <glib/gstdio.h>
#include <libxml/xmlversion.h>
#include <raptor2.h>

#include "kgx.h"
#include "kgx-cli.h"

#define EXIT_INPUT 1
#define EXIT_SETUP 2
#define DEFAULT_MAX_DOC_SIZE (64 * 1024 * 1024)

typedef struct {
  FILE       *out;
  FILE       *err;
  /* options */
  char       *format;
  char       *output;
  char       *base;
  char       *input_format;
  char       *explain_file;
  gboolean    explain;
  gboolean    verbose;
  gboolean    quiet;
  gboolean    version;
  gboolean    check_rules;
  gboolean    no_default_rules;
  char      **gazetteers;
  char      **rules;
  char      **data_dirs;
  gint64      max_doc_size;
  /* state */
  guint       warnings;
  guint       errors;
  FILE       *explain_out;
} Cli;

static void
message (Cli *cli, const char *where, const char *severity, const char *text)
{
  if (where && *where)
    fprintf (cli->err, "kgextract: %s: %s: %s\n", where, severity, text);
  else
    fprintf (cli->err, "kgextract: %s: %s\n", severity, text);
}

/* A GError from the library reads "FILE:LINE:COL: text" where it has a
 * place; print it as "kgextract: FILE:LINE:COL: error: text". */
static void
report_error (Cli *cli, const char *fallback_where, const GError *error)
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
              message (cli, where, "error", p + 1);
              cli->errors++;
              return;
            }
          break;
        }
    }
  message (cli, fallback_where, "error", msg);
  cli->errors++;
}

static void
on_diagnostic (KgxSeverity severity, const KgxLocation *loc, const char *text, gpointer data)
{
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
  message (cli, where, severity == KGX_SEVERITY_ERROR ? "error"
                       : severity == KGX_SEVERITY_WARNING ? "warning" : "note", text);
}


/* ---------------------------------------------------------------------- */
/* --explain */

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
explain_one (Cli *cli, const KgxGraph *g, const KgxTriple *t, const char *reason)
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
      GString *j = g_string_new ("{\"doc\":");
      json_string (j, g->doc_id);
      g_string_append_printf (j, ",\"line\":%u,\"column\":%u,\"subject\":", line, col);
      json_string (j, s->label);
      g_string_append (j, ",\"predicate\":");
      json_string (j, t->predicate);
      g_string_append (j, t->object >= 0 ? ",\"object\":" : ",\"literal\":");
      json_string (j, obj);
      g_string_append (j, ",\"rule\":");
      json_string (j, t->rule_name);
      g_string_append (j, ",\"rule_file\":");
      json_string (j, t->rule_file);
      g_string_append_printf (j, ",\"rule_line\":%u,\"sentence\":", t->rule_line);
      json_string (j, sentence);
      g_string_append (j, ",\"matched\":");
      json_string (j, matched);
      g_string_append_printf (j, ",\"begin\":%" G_GSIZE_FORMAT ",\"end\":%" G_GSIZE_FORMAT,
                              t->begin, t->end);
      g_string_append (j, ",\"status\":");
      json_string (j, reason ? "rejected" : "written");
      if (reason)
        {
          g_string_append (j, ",\"reason\":");
          json_string (j, reason);
        }
      g_string_append (j, "}\n");
      fputs (j->str, cli->explain_out);
      g_string_free (j, TRUE);
    }
  else
    {
      fprintf (cli->err, "kgextract: %s:%u:%u: %s: %s %s %s%s%s  [rule %s, %s:%u]\n",
               g->doc_id, line, col, reason ? "rejected" : "triple", s->label, t->predicate,
               t->object >= 0 ? "" : "\"", obj, t->object >= 0 ? "" : "\"",
               t->rule_name, t->rule_file, t->rule_line);
      if (reason)
        fprintf (cli->err, "    why: %s\n", reason);
      g_strdelimit (sentence, "\n", ' ');
      g_strdelimit (matched, "\n", ' ');
      fprintf (cli->err, "    sentence: %s\n    matched: %s\n", sentence, matched);
    }
}

static void
explain_graph (Cli *cli, const KgxGraph *g)
{
  for (guint i = 0; i < g->triples->len; i++)
    explain_one (cli, g, &g_array_index (g->triples, KgxTriple, i), NULL);
  for (guint i = 0; i < g->rejected->len; i++)
    {
      const KgxRejected *r = &g_array_index (g->rejected, KgxRejected, i);
      explain_one (cli, g, &r->triple, r->reason);
    }
}

/* ---------------------------------------------------------------------- */
/* Inputs */

static gboolean
read_input (Cli *cli, const char *path, char **data, gsize *len)
{
  GError *error = NULL;

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
          message (cli, "-", "error", g_strerror (errno));
          g_string_free (buf, TRUE);
          cli->errors++;
          return FALSE;
        }
      *len = buf->len;
      *data = g_string_free (buf, FALSE);
      return TRUE;
    }
  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      message (cli, path, "error", "is a directory");
      cli->errors++;
      return FALSE;
    }
  if (!g_file_get_contents (path, data, len, &error))
    {
      message (cli, path, "error", error->message);
      g_error_free (error);
      cli->errors++;
      return FALSE;
    }
  return TRUE;
}

static gboolean
process (Cli *cli, KgxWorld *world, KgxSerializer *ser, const char *path, KgxInputFormat fmt)
{
  g_autofree char *data = NULL;
  gsize len = 0;
  g_autoptr (KgxText) text = NULL;
  g_autoptr (KgxGraph) graph = NULL;
  GError *error = NULL;

  if (!read_input (cli, path, &data, &len))
    return FALSE;
  text = kgx_text_new_from_data (data, len, path, fmt, (gsize) MAX (cli->max_doc_size, 0),
                                 on_diagnostic, cli, &error);
  if (text == NULL)
    {
      report_error (cli, path, error);
      g_error_free (error);
      return FALSE;
    }
  graph = kgx_world_extract (world, text->text, text->len, path, &error);
  if (graph == NULL)
    {
      report_error (cli, path, error);
      g_error_free (error);
      return FALSE;
    }
  if (cli->verbose)
    {
      g_autofree char *msg = g_strdup_printf ("%u sentences, %u entities, %u triples, %u rejected by the ontology",
                                              graph->sentences->len, graph->entities->len,
                                              graph->triples->len, graph->rejected->len);
      message (cli, path, "note", msg);
      if (!cli->explain)
        for (guint i = 0; i < graph->rejected->len; i++)
          {
            const KgxRejected *r = &g_array_index (graph->rejected, KgxRejected, i);
            g_autofree char *m = g_strdup_printf ("rule %s (%s:%u) made a triple the ontology refuses: %s",
                                                  r->triple.rule_name, r->triple.rule_file,
                                                  r->triple.rule_line, r->reason);
            message (cli, path, "note", m);
          }
    }
  if (cli->explain)
    explain_graph (cli, graph);
  kgx_serializer_add_graph (ser, graph);
  return TRUE;
}

/* ---------------------------------------------------------------------- */
/* Output: standard output, or a file written whole or not at all. */

static gboolean
write_output (Cli *cli, KgxSerializer *ser)
{
  GError *error = NULL;

  if (cli->output == NULL || strcmp (cli->output, "-") == 0)
    {
      if (!kgx_serializer_write (ser, cli->out, &error) || fflush (cli->out) != 0
          || ferror (cli->out))
        {
          message (cli, NULL, "error", error ? error->message : "write error on standard output");
          g_clear_error (&error);
          return FALSE;
        }
      return TRUE;
    }
  {
    g_autofree char *tmpl = g_strdup_printf ("%s.XXXXXX", cli->output);
    int fd = g_mkstemp (tmpl);
    FILE *f;
    gboolean ok;
    if (fd < 0)
      {
        g_autofree char *m = g_strdup_printf ("cannot create a temporary file beside %s: %s",
                                              cli->output, g_strerror (errno));
        message (cli, cli->output, "error", m);
        return FALSE;
      }
    f = fdopen (fd, "w");
    ok = f != NULL && kgx_serializer_write (ser, f, &error);
    if (f)
      {
        ok = ok && fflush (f) == 0 && !ferror (f) && fsync (fileno (f)) == 0;
        ok = (fclose (f) == 0) && ok;
      }
    else
      close (fd);
    if (ok)
      {
        if (g_chmod (tmpl, 0644) != 0 || g_rename (tmpl, cli->output) != 0)
          {
            message (cli, cli->output, "error", g_strerror (errno));
            g_unlink (tmpl);
            return FALSE;
          }
        return TRUE;
      }
    message (cli, cli->output, "error", error ? error->message : g_strerror (errno));
    g_clear_error (&error);
    g_unlink (tmpl);
    return FALSE;
  }
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
  rmaj = raptor_version_major;
  fprintf (cli->out, "glib %u.%u.%u, raptor2 %d.%d.%d, libxml2 %s\n", glib_major_version,
           glib_minor_version, glib_micro_version, rmaj, raptor_version_minor,
           raptor_version_release, LIBXML_DOTTED_VERSION);
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

int
kgx_cli_main (int argc, char **argv, FILE *out, FILE *err)
{
  Cli cli = { 0 };
  g_autoptr (GOptionContext) ctx = NULL;
  g_autoptr (KgxWorld) world = NULL;
  g_autoptr (KgxSerializer) ser = NULL;
  KgxFormat format = KGX_FORMAT_TURTLE;
  KgxInputFormat in_format = KGX_INPUT_AUTO;
  GError *error = NULL;
  int status = 0;
  char **args = NULL;
  gint nargs;
  const GOptionEntry entries[] = {
    { "format", 'f', 0, G_OPTION_ARG_STRING, &cli.format,
      "Output syntax: turtle (default), ntriples, nquads, rdfxml, rdfxml-abbrev, json, dot", "FMT" },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &cli.output,
      "Write the graph to FILE (whole or not at all) instead of standard output", "FILE" },
    { "base", 0, 0, G_OPTION_ARG_STRING, &cli.base,
      "Base IRI for minted entity IRIs (default " KGX_DEFAULT_BASE_IRI ")", "IRI" },
    { "input-format", 0, 0, G_OPTION_ARG_STRING, &cli.input_format,
      "text, html or auto (default: .html/.htm/.xhtml are HTML, else sniffed)", "FMT" },
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
      "Report counts per document and triples the ontology refused", NULL },
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
   * form is renamed before parsing. */
  args = g_new0 (char *, argc + 1);
  for (gint i = 0; i < argc; i++)
    {
      if (strcmp (argv[i], "--") == 0)
        {
          for (; i < argc; i++)
            args[i] = g_strdup (argv[i]);
          break;
        }
      args[i] = g_str_has_prefix (argv[i], "--explain=")
                  ? g_strconcat ("--explain-file=", argv[i] + strlen ("--explain="), NULL)
                  : g_strdup (argv[i]);
    }
  nargs = argc;
  if (!g_option_context_parse_strv (ctx, &args, &error))
    {
      fprintf (err, "kgextract: %s\nTry 'kgextract --help' for more information.\n", error->message);
      g_error_free (error);
      g_strfreev (args);
      status = EXIT_SETUP;
      goto out;
    }
  nargs = g_strv_length (args);

  if (cli.format && !kgx_format_from_string (cli.format, &format))
    {
      fprintf (err, "kgextract: unknown output format '%s'\nTry 'kgextract --help' for more information.\n",
               cli.format);
      status = EXIT_SETUP;
      goto out_args;
    }
  if (cli.input_format && !kgx_input_format_from_string (cli.input_format, &in_format))
    {
      fprintf (err, "kgextract: unknown input format '%s'\nTry 'kgextract --help' for more information.\n",
               cli.input_format);
      status = EXIT_SETUP;
      goto out_args;
    }
  if (cli.max_doc_size < 0)
    {
      fprintf (err, "kgextract: --max-doc-size must not be negative\nTry 'kgextract --help' for more information.\n");
      status = EXIT_SETUP;
      goto out_args;
    }

  world = kgx_world_new ();
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
  ser = kgx_serializer_new (format, cli.base, &error);
  if (ser == NULL)
    {
      report_error (&cli, NULL, error);
      g_error_free (error);
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

  if (nargs <= 1)
    {
      if (!process (&cli, world, ser, "-", in_format))
        status = EXIT_INPUT;
    }
  else
    for (gint i = 1; i < nargs; i++)
      if (!process (&cli, world, ser, args[i], in_format))
        status = EXIT_INPUT;

  if (!write_output (&cli, ser))
    status = MAX (status, EXIT_INPUT);
  if (cli.explain_out && fclose (cli.explain_out) != 0)
    {
      message (&cli, cli.explain_file, "error", g_strerror (errno));
      status = MAX (status, EXIT_INPUT);
    }
  cli.explain_out = NULL;

out_args:
  g_strfreev (args);
out:
  g_free (cli.format);
  g_free (cli.output);
  g_free (cli.base);
  g_free (cli.input_format);
  g_free (cli.explain_file);
  g_strfreev (cli.gazetteers);
  g_strfreev (cli.rules);
  g_strfreev (cli.data_dirs);
  return status;
}
