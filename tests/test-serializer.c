/* test-serializer.c - GTest unit tests for the output stage: entity
 * identity (normalisation, IRIs, hostile names) and the raptor-backed
 * serializer (all formats, merging, determinism, hostile literals, write
 * errors).  Output is parsed back in-process with raptor.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib.h>
#include <glib/gstdio.h>
#include <raptor2.h>

#include "kgx-graph.h"
#include "kgx-identity.h"
#include "kgx-serializer.h"

#define ENT "https://w3id.org/kgextract/id/"
#define ONT "https://w3id.org/kgextract/ontology#"
#define RDF_TYPE "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
#define RDFS_LABEL "<http://www.w3.org/2000/01/rdf-schema#label>"
#define SKOS_ALT "<http://www.w3.org/2004/02/skos/core#altLabel>"

static const KgxFormat all_formats[] = {
  KGX_FORMAT_TURTLE, KGX_FORMAT_NTRIPLES, KGX_FORMAT_NQUADS, KGX_FORMAT_RDFXML,
  KGX_FORMAT_RDFXML_ABBREV, KGX_FORMAT_JSON, KGX_FORMAT_DOT,
};

/* ---- helpers ------------------------------------------------------- */

/* Appends a triple; @literal (copied) is used when @object is -1. */
static void
add_triple (KgxGraph *graph, guint subject, const char *predicate, gint object,
            const char *literal)
{
  KgxTriple t = {
    .subject = subject,
    .predicate = predicate,
    .object = object,
    .literal = object < 0 ? g_strdup (literal) : NULL,
    .rule_name = "test-rule",
    .rule_file = "test.rules",
    .rule_line = 1,
  };

  g_array_append_val (graph->triples, t);
}

static void
set_canonical (KgxGraph *graph, guint entity, const char *canonical)
{
  KgxEntity *e = g_ptr_array_index (graph->entities, entity);

  g_free (e->canonical);
  e->canonical = g_strdup (canonical);
}

/* Likhachev heads Rosatom, with a job title. */
static KgxGraph *
make_small_graph (void)
{
  KgxGraph *graph = kgx_graph_new ("news/a.txt");
  guint person = kgx_graph_add_entity (graph, "Person", KGX_COARSE_PERSON, "Alexey Likhachev", TRUE);
  guint org = kgx_graph_add_entity (graph, "Company", KGX_COARSE_ORGANIZATION, "Rosatom", TRUE);

  kgx_graph_add_alt_label (graph, org, "State Atomic Energy Corporation");
  add_triple (graph, person, "heads", (gint) org, NULL);
  add_triple (graph, person, "jobTitle", -1, "Director General");
  return graph;
}

/* Serializes @graphs (NULL-terminated) in @format; returns the bytes. */
static char *
serialize (KgxFormat format, KgxGraph **graphs, guint *count_out)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (KgxSerializer) ser = kgx_serializer_new (format, NULL, &error);
  FILE *f;
  long size;
  char *buf;

  g_assert_no_error (error);
  g_assert_nonnull (ser);
  for (guint i = 0; graphs[i] != NULL; i++)
    kgx_serializer_add_graph (ser, graphs[i]);
  if (count_out != NULL)
    *count_out = kgx_serializer_get_triple_count (ser);

  f = tmpfile ();
  g_assert_nonnull (f);
  g_assert_true (kgx_serializer_write (ser, f, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (kgx_serializer_get_triple_count (ser), ==, 0);

  g_assert_cmpint (fseek (f, 0, SEEK_END), ==, 0);
  size = ftell (f);
  g_assert_cmpint (size, >=, 0);
  rewind (f);
  buf = g_malloc0 ((gsize) size + 1);
  g_assert_cmpuint (fread (buf, 1, (size_t) size, f), ==, (size_t) size);
  fclose (f);
  return buf;
}

static char *
serialize_one (KgxFormat format, KgxGraph *graph, guint *count_out)
{
  KgxGraph *graphs[] = { graph, NULL };

  return serialize (format, graphs, count_out);
}

typedef struct {
  raptor_world *world;
  GPtrArray    *lines;     /* char *: each statement as N-Triples */
  GPtrArray    *literals;  /* char *: each literal object */
  guint         errors;
} ParseResult;

static void
parse_statement (void *user_data, raptor_statement *statement)
{
  ParseResult *r = user_data;
  void *str = NULL;
  size_t len = 0;
  raptor_iostream *io = raptor_new_iostream_to_string (r->world, &str, &len, NULL);

  g_assert_nonnull (io);
  raptor_statement_ntriples_write (statement, io, 0);
  raptor_free_iostream (io);
  g_ptr_array_add (r->lines, g_strndup (str, len));
  raptor_free_memory (str);

  if (statement->object->type == RAPTOR_TERM_TYPE_LITERAL)
    g_ptr_array_add (r->literals,
                     g_strdup ((const char *) statement->object->value.literal.string));
}

static void
parse_log (void *user_data, raptor_log_message *message)
{
  ParseResult *r = user_data;

  if (message->level >= RAPTOR_LOG_LEVEL_ERROR)
    {
      g_test_message ("raptor: %s", message->text);
      r->errors++;
    }
}

static gint
compare_strings (gconstpointer a, gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

/* Parses @text (raptor parser @syntax); returns its statements as sorted
 * N-Triples lines joined into one string, and the literals seen. */
static char *
parse_back (const char *syntax, const char *text, guint *count_out, GPtrArray **literals_out)
{
  ParseResult r = { 0 };
  raptor_parser *parser;
  raptor_uri *base;
  GString *joined = g_string_new (NULL);

  r.world = raptor_new_world ();
  g_assert_nonnull (r.world);
  raptor_world_set_log_handler (r.world, &r, parse_log);
  g_assert_cmpint (raptor_world_open (r.world), ==, 0);
  r.lines = g_ptr_array_new_with_free_func (g_free);
  r.literals = g_ptr_array_new_with_free_func (g_free);

  parser = raptor_new_parser (r.world, syntax);
  g_assert_nonnull (parser);
  base = raptor_new_uri (r.world, (const unsigned char *) "http://example.org/base/");
  g_assert_nonnull (base);
  raptor_parser_set_statement_handler (parser, &r, parse_statement);
  g_assert_cmpint (raptor_parser_parse_start (parser, base), ==, 0);
  g_assert_cmpint (raptor_parser_parse_chunk (parser, (const unsigned char *) text,
                                              strlen (text), 1), ==, 0);
  g_assert_cmpuint (r.errors, ==, 0);

  g_ptr_array_sort (r.lines, compare_strings);
  for (guint i = 0; i < r.lines->len; i++)
    g_string_append (joined, g_ptr_array_index (r.lines, i));
  g_ptr_array_sort (r.literals, compare_strings);
  if (count_out != NULL)
    *count_out = r.lines->len;
  if (literals_out != NULL)
    *literals_out = g_ptr_array_ref (r.literals);

  raptor_free_uri (base);
  raptor_free_parser (parser);
  raptor_free_world (r.world);
  g_ptr_array_unref (r.lines);
  g_ptr_array_unref (r.literals);
  return g_string_free (joined, FALSE);
}

/* The raptor parser that reads what @format writes, or NULL (dot). */
static const char *
parser_for (KgxFormat format)
{
  switch (format)
    {
    case KGX_FORMAT_TURTLE:        return "turtle";
    case KGX_FORMAT_NTRIPLES:      return "ntriples";
    case KGX_FORMAT_NQUADS:        return "nquads";
    case KGX_FORMAT_RDFXML:        return "rdfxml";
    case KGX_FORMAT_RDFXML_ABBREV: return "rdfxml";
    case KGX_FORMAT_JSON:          return "json";
    case KGX_FORMAT_DOT:           return NULL;
    default:                       g_assert_not_reached ();
    }
}

static guint
count_occurrences (const char *haystack, const char *needle)
{
  guint n = 0;

  for (const char *p = strstr (haystack, needle); p != NULL; p = strstr (p + 1, needle))
    n++;
  return n;
}

/* Runs GraphViz on @dot when it is installed: raptor's DOT must load. */
static void
check_dot_with_graphviz (const char *dot)
{
  g_autofree char *prog = g_find_program_in_path ("dot");
  g_autoptr (GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *err_text = NULL;
  int fd, status = 0;

  if (prog == NULL)
    {
      g_test_message ("dot not installed: DOT output not checked with GraphViz");
      return;
    }
  fd = g_file_open_tmp ("kgx-test-XXXXXX.dot", &path, &error);
  g_assert_no_error (error);
  g_close (fd, NULL);
  g_assert_true (g_file_set_contents (path, dot, -1, &error));
  g_assert_no_error (error);
  {
    const char *argv[] = { prog, "-Tsvg", "-o", "/dev/null", path, NULL };

    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL,
                                 NULL, NULL, NULL, &err_text, &status, &error));
  }
  g_assert_no_error (error);
  g_unlink (path);
  g_test_message ("dot: %s", err_text);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
}

/* ---- identity ------------------------------------------------------ */

static void
test_identity_normalize (void)
{
  static const struct {
    const char *in;
    const char *out;
  } cases[] = {
    { "The Rosatom's", "rosatom" },
    { "The Rosatom\u2019s", "rosatom" },                 /* curly apostrophe */
    { "Rosatom", "rosatom" },
    { "  ROSATOM  ", "rosatom" },
    { "\u201CAtom\u201D \u2018Expo\u2019", "\"atom\" 'expo'" },
    { "5\u2032 10\u2033", "5' 10\"" },                  /* primes */
    { "El\u2011Dabaa", "el-dabaa" },                     /* non-breaking hyphen */
    { "Kazakhstan\u2013Russia", "kazakhstan-russia" },   /* en dash */
    { "A\u2014B", "a-b" },                               /* em dash */
    { "x\u2212y", "x-y" },                               /* minus sign */
    { "Non\u00ADsense", "nonsense" },                    /* soft hyphen */
    { "World\u00A0Atomic\u2009Week", "world atomic week" },
    { " a \t\n\r b  ", "a b" },
    { "\x01Rosatom\x7f", "rosatom" },
    { "Caf\u00E9", "caf\u00E9" },                        /* NFC ... */
    { "Cafe\u0301", "caf\u00E9" },                       /* ... and NFD agree */
    { "Stra\u00DFe", "strasse" },                        /* case folding */
    { "the", "the" },
    { "Theodore", "theodore" },
    { "the   The Hague", "the hague" },                  /* only one "the " */
    { "Rosatom 's", "rosatom" },
    { "", "" },
    { "Ros\xff" "atom", "ros\uFFFD" "atom" },            /* invalid UTF-8 */
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *got = kgx_identity_normalize (cases[i].in);
      g_autofree char *shown = g_strescape (cases[i].in, NULL);

      g_test_message ("case %u: \"%s\"", i, shown);
      g_assert_cmpstr (got, ==, cases[i].out);
    }
  {
    g_autofree char *got = kgx_identity_normalize (NULL);

    g_assert_cmpstr (got, ==, "");
  }
}

static void
test_identity_iri_stable (void)
{
  g_autofree char *a = kgx_identity_entity_iri (NULL, KGX_COARSE_ORGANIZATION, "Rosatom");
  g_autofree char *b = kgx_identity_entity_iri (NULL, KGX_COARSE_ORGANIZATION, "The Rosatom\u2019s");
  g_autofree char *c = kgx_identity_entity_iri (KGX_DEFAULT_BASE_IRI, KGX_COARSE_ORGANIZATION, "ROSATOM");
  g_autofree char *person = kgx_identity_entity_iri (NULL, KGX_COARSE_PERSON, "Rosatom");
  g_autofree char *likhachev = kgx_identity_entity_iri (NULL, KGX_COARSE_PERSON, "Alexey Likhachev");
  g_autofree char *none = kgx_identity_entity_iri (NULL, KGX_COARSE_NONE, "Rosatom");
  g_autofree char *other_base = kgx_identity_entity_iri ("http://example.org/", KGX_COARSE_ORGANIZATION, "Rosatom");
  g_autofree char *doc = kgx_identity_document_iri (NULL, "news/a.txt");
  g_autofree char *doc2 = kgx_identity_document_iri (NULL, "other/a.txt");
  g_autofree char *doc_stdin = kgx_identity_document_iri (NULL, "-");
  g_autofree char *anon1 = kgx_identity_unnamed_iri (NULL, KGX_COARSE_EVENT, "a.txt", 3, "a conference");
  g_autofree char *anon2 = kgx_identity_unnamed_iri (NULL, KGX_COARSE_EVENT, "b.txt", 3, "a conference");

  /* Fixed values: sha256("rosatom\tOrganization") starts 1ccbeb61. A change
   * here changes every IRI ever published. */
  g_assert_cmpstr (a, ==, ENT "organization/rosatom-1ccbeb61");
  g_assert_cmpstr (likhachev, ==, ENT "person/alexey-likhachev-dedf5c42");
  g_assert_cmpstr (person, ==, ENT "person/rosatom-044634eb");
  g_assert_cmpstr (doc, ==, ENT "doc/a-txt-c489925b");

  g_assert_cmpstr (a, ==, b);
  g_assert_cmpstr (a, ==, c);
  g_assert_cmpstr (a, !=, person);
  g_assert_true (g_str_has_prefix (none, ENT "thing/rosatom-"));
  g_assert_cmpstr (other_base, ==, "http://example.org/organization/rosatom-1ccbeb61");
  g_assert_cmpstr (doc, !=, doc2);
  g_assert_true (g_str_has_prefix (doc2, ENT "doc/a-txt-"));
  g_assert_true (g_str_has_prefix (doc_stdin, ENT "doc/stdin-"));
  g_assert_true (g_str_has_prefix (anon1, ENT "event/anon-a-conference-"));
  g_assert_cmpstr (anon1, !=, anon2);
}

static void
test_identity_iri_hostile (void)
{
  static const char *const names[] = {
    "\"quoted\" name", "<script>alert(1)</script>", "{curly} | pipe ^ caret",
    "back\\slash", "  spaces   everywhere  ", "ctl\x01\x02\x1f\x7f chars",
    "emoji \xF0\x9F\x98\x80 \xF0\x9F\x9A\x80", "\xF0\x9F\x98\x80", "", "'", "---",
    "\u0420\u043E\u0441\u0430\u0442\u043E\u043C",      /* Cyrillic: no ASCII at all */
    "Z\u00FCrich \u00C6r\u00F8", "tab\there\nnewline", "%41%20 #frag ?q=1 /path",
    "bad utf8 \xC3\x28 \xFF", "`backtick` ~tilde~ [brackets]",
    "a very long name that goes on and on and on well past the forty-eight byte limit",
  };
  g_autoptr (GRegex) re = g_regex_new ("^" ENT "(person|organization|place|facility|event|thing)/"
                                       "([a-z0-9]+(-[a-z0-9]+)*)-[0-9a-f]{8}$", 0, 0, NULL);
  g_autoptr (GRegex) doc_re = g_regex_new ("^" ENT "doc/[a-z0-9]+(-[a-z0-9]+)*-[0-9a-f]{8}$",
                                           0, 0, NULL);

  g_assert_nonnull (re);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    for (KgxCoarse c = KGX_COARSE_NONE; c <= KGX_COARSE_EVENT; c++)
      {
        g_autofree char *iri = kgx_identity_entity_iri (NULL, c, names[i]);
        g_autofree char *doc = kgx_identity_document_iri (NULL, names[i]);
        g_autofree char *slug = kgx_identity_slug (names[i]);
        g_autoptr (GMatchInfo) info = NULL;

        g_test_message ("name %u -> %s", i, iri);
        g_assert_true (g_regex_match (re, iri, 0, &info));
        g_assert_cmpuint (strlen (slug), <=, KGX_IDENTITY_SLUG_MAX);
        g_assert_cmpuint (strlen (slug), >, 0);
        for (const char *p = slug; *p != '\0'; p++)
          g_assert_true ((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '-');
        g_assert_true (g_regex_match (doc_re, doc, 0, NULL));
      }

  {
    g_autofree char *empty = kgx_identity_slug ("\xF0\x9F\x98\x80");
    g_autofree char *umlaut = kgx_identity_slug ("Z\u00FCrich");
    g_autofree char *lng = kgx_identity_slug (names[G_N_ELEMENTS (names) - 1]);

    g_assert_cmpstr (empty, ==, "x");
    g_assert_cmpstr (umlaut, ==, "zurich");
    g_assert_cmpstr (lng, ==, "a-very-long-name-that-goes-on-and-on-and-on-well");
  }
}

/* ---- serializer ---------------------------------------------------- */

static const char expected_small_nt[] =
  "<" ENT "organization/rosatom-1ccbeb61> " RDF_TYPE " <" ONT "Company> .\n"
  "<" ENT "organization/rosatom-1ccbeb61> " RDFS_LABEL " \"Rosatom\" .\n"
  "<" ENT "organization/rosatom-1ccbeb61> " SKOS_ALT " \"State Atomic Energy Corporation\" .\n"
  "<" ENT "person/alexey-likhachev-dedf5c42> " RDF_TYPE " <" ONT "Person> .\n"
  "<" ENT "person/alexey-likhachev-dedf5c42> " RDFS_LABEL " \"Alexey Likhachev\" .\n"
  "<" ENT "person/alexey-likhachev-dedf5c42> <" ONT "heads> <" ENT "organization/rosatom-1ccbeb61> .\n"
  "<" ENT "person/alexey-likhachev-dedf5c42> <" ONT "jobTitle> \"Director General\" .\n";

static void
test_serializer_formats (void)
{
  g_autoptr (KgxGraph) graph = make_small_graph ();
  g_autofree char *canonical = NULL;
  KgxFormat f;

  /* Names. */
  for (guint i = 0; i < G_N_ELEMENTS (all_formats); i++)
    {
      const char *name = kgx_format_to_string (all_formats[i]);

      g_assert_nonnull (name);
      g_assert_true (kgx_format_from_string (name, &f));
      g_assert_cmpint (f, ==, all_formats[i]);
    }
  g_assert_cmpstr (kgx_format_to_string (KGX_FORMAT_RDFXML_ABBREV), ==, "rdfxml-abbrev");
  g_assert_false (kgx_format_from_string ("jsonld", &f));
  g_assert_false (kgx_format_from_string ("Turtle", &f));
  g_assert_false (kgx_format_from_string (NULL, &f));
  g_assert_null (kgx_format_to_string ((KgxFormat) 99));

  /* N-Triples is exact. */
  {
    guint count = 0;
    g_autofree char *nt = serialize_one (KGX_FORMAT_NTRIPLES, graph, &count);

    g_assert_cmpstr (nt, ==, expected_small_nt);
    g_assert_cmpuint (count, ==, 7);
    canonical = parse_back ("ntriples", nt, NULL, NULL);
  }

  /* Every format writes; every parseable one reads back as the same graph. */
  for (guint i = 0; i < G_N_ELEMENTS (all_formats); i++)
    {
      guint count = 0, parsed = 0;
      g_autofree char *out = serialize_one (all_formats[i], graph, &count);
      const char *syntax = parser_for (all_formats[i]);

      g_test_message ("%s:\n%s", kgx_format_to_string (all_formats[i]), out);
      g_assert_cmpuint (count, ==, 7);
      g_assert_cmpuint (strlen (out), >, 0);
      if (syntax != NULL)
        {
          g_autofree char *back = parse_back (syntax, out, &parsed, NULL);

          g_assert_cmpuint (parsed, ==, count);
          g_assert_cmpstr (back, ==, canonical);
        }
      else
        {
          g_assert_true (g_str_has_prefix (out, "digraph {"));
          g_assert_nonnull (strstr (out, "kgx:heads"));
        }
    }

  /* The readable formats use the declared prefixes. */
  {
    g_autofree char *ttl = serialize_one (KGX_FORMAT_TURTLE, graph, NULL);

    g_assert_nonnull (strstr (ttl, "@prefix kgx: <" ONT "> ."));
    g_assert_nonnull (strstr (ttl, "@prefix skos: <http://www.w3.org/2004/02/skos/core#> ."));
    g_assert_nonnull (strstr (ttl, "@prefix ent: <" ENT "> ."));
    g_assert_nonnull (strstr (ttl, "a kgx:Person"));
    g_assert_nonnull (strstr (ttl, "kgx:jobTitle \"Director General\""));
  }
}

static void
test_serializer_empty (void)
{
  /* Writing nothing still gives a well-formed (empty) document. */
  for (guint i = 0; i < G_N_ELEMENTS (all_formats); i++)
    {
      KgxGraph *none[] = { NULL };
      guint count = 1, parsed = 1;
      g_autofree char *out = serialize (all_formats[i], none, &count);
      const char *syntax = parser_for (all_formats[i]);

      g_assert_cmpuint (count, ==, 0);
      if (syntax != NULL && out[0] != '\0')
        {
          g_autofree char *back = parse_back (syntax, out, &parsed, NULL);

          g_assert_cmpuint (parsed, ==, 0);
          g_assert_cmpstr (back, ==, "");
        }
    }
}

static void
test_serializer_merge (void)
{
  g_autoptr (KgxGraph) g1 = kgx_graph_new ("a.txt");
  g_autoptr (KgxGraph) g2 = kgx_graph_new ("b.txt");
  g_autoptr (KgxGraph) g3 = kgx_graph_new ("c.txt");
  KgxGraph *graphs[] = { g1, g2, g3, NULL };
  guint e, count = 0;
  g_autofree char *nt = NULL;
  const char *iri = "<" ENT "organization/rosatom-1ccbeb61> ";
  g_autofree char *label_line = NULL;

  e = kgx_graph_add_entity (g1, "Company", KGX_COARSE_ORGANIZATION, "Rosatom", TRUE);
  kgx_graph_add_alt_label (g1, e, "Rosatom Corp");

  e = kgx_graph_add_entity (g2, "Organization", KGX_COARSE_ORGANIZATION, "Rosatom State Corporation", TRUE);
  set_canonical (g2, e, "Rosatom");
  kgx_graph_add_alt_label (g2, e, "Rosatom Corp");
  kgx_graph_add_alt_label (g2, e, "the Rosatom");

  /* Same length as g2's label, smaller by strcmp: wins the tie. */
  e = kgx_graph_add_entity (g3, "Company", KGX_COARSE_ORGANIZATION, "Rosatom State Corporatio.", TRUE);
  set_canonical (g3, e, "Rosatom");
  /* A different class is a different entity. */
  kgx_graph_add_entity (g3, "Person", KGX_COARSE_PERSON, "Rosatom", TRUE);

  nt = serialize (KGX_FORMAT_NTRIPLES, graphs, &count);
  g_test_message ("%s", nt);

  label_line = g_strconcat (iri, RDFS_LABEL, NULL);
  g_assert_cmpuint (count_occurrences (nt, label_line), ==, 1);
  g_assert_nonnull (strstr (nt, "\"Rosatom State Corporatio.\" .\n"));
  g_assert_cmpuint (count_occurrences (nt, RDFS_LABEL " \"Rosatom State Corporatio.\""), ==, 1);
  /* Every other name is an altLabel, once. */
  g_assert_cmpuint (count_occurrences (nt, SKOS_ALT " \"Rosatom\" ."), ==, 1);
  g_assert_cmpuint (count_occurrences (nt, SKOS_ALT " \"Rosatom Corp\" ."), ==, 1);
  g_assert_cmpuint (count_occurrences (nt, SKOS_ALT " \"the Rosatom\" ."), ==, 1);
  g_assert_cmpuint (count_occurrences (nt, SKOS_ALT " \"Rosatom State Corporation\" ."), ==, 1);
  /* Both classes. */
  g_assert_cmpuint (count_occurrences (nt, RDF_TYPE " <" ONT "Company> ."), ==, 1);
  g_assert_cmpuint (count_occurrences (nt, RDF_TYPE " <" ONT "Organization> ."), ==, 1);
  g_assert_nonnull (strstr (nt, "<" ENT "person/rosatom-044634eb> " RDFS_LABEL " \"Rosatom\" ."));
  /* 2 types + 1 label + 4 alts, and the person's type + label. */
  g_assert_cmpuint (count, ==, 9);
}

static void
test_serializer_duplicates (void)
{
  g_autoptr (KgxGraph) graph = make_small_graph ();
  KgxGraph *twice[] = { graph, graph, NULL };
  guint count = 0;
  g_autofree char *nt = NULL;

  /* The same triple twice in one graph and the same graph twice. */
  add_triple (graph, 0, "heads", 1, NULL);
  add_triple (graph, 0, "jobTitle", -1, "Director General");
  nt = serialize (KGX_FORMAT_NTRIPLES, twice, &count);
  g_assert_cmpstr (nt, ==, expected_small_nt);
  g_assert_cmpuint (count, ==, 7);
}

static void
test_serializer_unnamed (void)
{
  g_autoptr (KgxGraph) graph = kgx_graph_new ("a.txt");
  guint count = 0;
  g_autofree char *nt = NULL;
  guint place = kgx_graph_add_entity (graph, "City", KGX_COARSE_PLACE, "Almaty", TRUE);
  guint conf = kgx_graph_add_entity (graph, "Conference", KGX_COARSE_EVENT, "a conference", FALSE);

  kgx_graph_add_entity (graph, "Event", KGX_COARSE_EVENT, "the meeting", FALSE);   /* unused: dropped */
  kgx_graph_add_entity (graph, NULL, KGX_COARSE_NONE, NULL, FALSE);                /* unused, nameless */
  add_triple (graph, conf, "heldIn", (gint) place, NULL);
  /* Broken triples are skipped, not fatal. */
  add_triple (graph, 99, "heldIn", (gint) place, NULL);
  add_triple (graph, conf, "heldIn", 99, NULL);
  add_triple (graph, conf, NULL, (gint) place, NULL);
  add_triple (graph, conf, "said", -1, NULL);

  nt = serialize_one (KGX_FORMAT_NTRIPLES, graph, &count);
  g_test_message ("%s", nt);
  g_assert_null (strstr (nt, "the meeting"));
  g_assert_null (strstr (nt, "/thing/"));
  g_assert_nonnull (strstr (nt, "<" ENT "event/anon-a-conference-"));
  g_assert_nonnull (strstr (nt, "<" ONT "heldIn> <" ENT "place/almaty-"));
  /* Almaty: type + label; the conference: type + label; heldIn. */
  g_assert_cmpuint (count, ==, 5);
}

static void
test_serializer_deterministic (void)
{
  g_autoptr (KgxGraph) a = kgx_graph_new ("a.txt");
  g_autoptr (KgxGraph) b = kgx_graph_new ("a.txt");
  g_autoptr (KgxGraph) c = make_small_graph ();
  guint ap, ao, ax, bp, bo, bx;

  ap = kgx_graph_add_entity (a, "Person", KGX_COARSE_PERSON, "Kassym-Jomart Tokayev", TRUE);
  ao = kgx_graph_add_entity (a, "Country", KGX_COARSE_PLACE, "Kazakhstan", TRUE);
  ax = kgx_graph_add_entity (a, "Lake", KGX_COARSE_PLACE, "Lake Balkhash", TRUE);
  kgx_graph_add_alt_label (a, ao, "Republic of Kazakhstan");
  kgx_graph_add_alt_label (a, ao, "RK");
  add_triple (a, ap, "heads", (gint) ao, NULL);
  add_triple (a, ax, "locatedIn", (gint) ao, NULL);
  add_triple (a, ap, "jobTitle", -1, "President");
  add_triple (a, ap, "said", -1, "We will build it.");

  /* The same content, everything in another order. */
  bx = kgx_graph_add_entity (b, "Lake", KGX_COARSE_PLACE, "Lake Balkhash", TRUE);
  bo = kgx_graph_add_entity (b, "Country", KGX_COARSE_PLACE, "Kazakhstan", TRUE);
  bp = kgx_graph_add_entity (b, "Person", KGX_COARSE_PERSON, "Kassym-Jomart Tokayev", TRUE);
  kgx_graph_add_alt_label (b, bo, "RK");
  kgx_graph_add_alt_label (b, bo, "Republic of Kazakhstan");
  add_triple (b, bp, "said", -1, "We will build it.");
  add_triple (b, bp, "jobTitle", -1, "President");
  add_triple (b, bx, "locatedIn", (gint) bo, NULL);
  add_triple (b, bp, "heads", (gint) bo, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (all_formats); i++)
    {
      KgxGraph *first[] = { a, c, NULL };
      KgxGraph *second[] = { c, b, NULL };
      g_autofree char *x = serialize (all_formats[i], first, NULL);
      g_autofree char *y = serialize (all_formats[i], second, NULL);
      g_autofree char *z = serialize (all_formats[i], first, NULL);

      g_test_message ("%s", kgx_format_to_string (all_formats[i]));
      g_assert_cmpstr (x, ==, y);
      g_assert_cmpstr (x, ==, z);
    }
}

static void
test_serializer_hostile_literal (void)
{
  static const char *const literals[] = {
    "He said \"no\" and \"\"\"triple\"\"\" quotes",
    "back\\slash \\n not a newline \\",
    "line one\nline two\r\nline three",
    "tab\there",
    "ends with a quote\"",
    "ends with a backslash\\",
    "<tag attr='x'>&amp; {braces} | ^ ` ~",
    "emoji \xF0\x9F\x98\x80 and \u00E9\u4E2D",
    "ctl \x01\x02\x1b\x1f end",
    "]]> --> <!-- @prefix x: <y> .",
    "record {a|b} <port> \\l \\N",       /* GraphViz label syntax */
    "not an escape: \\U0001F600 \\u00E9",  /* raptor's JSON writer quirk */
    "bad \xC3( utf-8",                     /* repaired to U+FFFD */
  };
  g_autoptr (KgxGraph) graph = kgx_graph_new ("hostile.txt");
  g_autoptr (GPtrArray) expected = g_ptr_array_new_with_free_func (g_free);
  guint person = kgx_graph_add_entity (graph, "Person", KGX_COARSE_PERSON,
                                       "Mr \"Quote\" <Angle> {Brace} | \\ Back", TRUE);

  kgx_graph_add_alt_label (graph, person, "Alias\nwith newline");
  g_ptr_array_add (expected, g_strdup ("Mr \"Quote\" <Angle> {Brace} | \\ Back"));
  g_ptr_array_add (expected, g_strdup ("Alias\nwith newline"));
  for (guint i = 0; i < G_N_ELEMENTS (literals); i++)
    {
      char *want = g_utf8_make_valid (literals[i], -1);

      add_triple (graph, person, "said", -1, literals[i]);
      /* Controls other than TAB, LF and CR become spaces (XML 1.0 cannot
       * carry them, so no format gets them). */
      for (char *p = want; *p != '\0'; p++)
        if ((unsigned char) *p < 0x20 && *p != '\t' && *p != '\n' && *p != '\r')
          *p = ' ';
      g_ptr_array_add (expected, want);
    }
  g_assert_true (g_ptr_array_find_with_equal_func (expected, "ctl " "    " " end",
                                                   g_str_equal, NULL));
  g_assert_true (g_ptr_array_find_with_equal_func (expected, "bad \uFFFD( utf-8",
                                                   g_str_equal, NULL));
  g_ptr_array_sort (expected, compare_strings);

  for (guint i = 0; i < G_N_ELEMENTS (all_formats); i++)
    {
      const char *syntax = parser_for (all_formats[i]);
      g_autofree char *out = serialize_one (all_formats[i], graph, NULL);
      g_autoptr (GPtrArray) got = NULL;
      g_autofree char *back = NULL;

      g_test_message ("%s:\n%s", kgx_format_to_string (all_formats[i]), out);
      if (syntax == NULL)
        {
          g_assert_null (strstr (out, "shape = record"));
          check_dot_with_graphviz (out);
          continue;
        }
      back = parse_back (syntax, out, NULL, &got);
      g_assert_cmpuint (got->len, ==, expected->len);
      for (guint j = 0; j < got->len; j++)
        g_assert_cmpstr (g_ptr_array_index (got, j), ==, g_ptr_array_index (expected, j));
    }
}

static void
test_serializer_write_error (void)
{
  /* Streamed (N-Triples) and buffered (JSON, DOT) paths alike. */
  for (guint i = 0; i < G_N_ELEMENTS (all_formats); i++)
    {
      g_autoptr (KgxGraph) graph = make_small_graph ();
      g_autoptr (GError) error = NULL;
      g_autoptr (KgxSerializer) ser = kgx_serializer_new (all_formats[i], NULL, &error);
      FILE *full = fopen ("/dev/full", "w");

      if (full == NULL)
        {
          g_test_skip ("no /dev/full");
          return;
        }
      g_assert_no_error (error);
      kgx_serializer_add_graph (ser, graph);
      g_assert_false (kgx_serializer_write (ser, full, &error));
      g_assert_error (error, KGX_SERIALIZER_ERROR, KGX_SERIALIZER_ERROR_WRITE);
      g_test_message ("%s", error->message);
      fclose (full);
      /* Whatever happened, the serializer is empty again. */
      g_assert_cmpuint (kgx_serializer_get_triple_count (ser), ==, 0);
    }
}

static void
test_serializer_base_iri (void)
{
  static const char *const bad[] = {
    "", "no-scheme/", "http:", "1http://x/", "http://x y/", "http://x/<", "http://x/\"",
    "http://x/{", "http://x/|", "http://x/^", "http://x/`", "http://x/\\", "http://x/\n",
  };
  g_autoptr (KgxGraph) graph = make_small_graph ();
  g_autoptr (GError) error = NULL;
  g_autoptr (KgxSerializer) ser = NULL;
  FILE *f;

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr (GError) err = NULL;

      g_assert_null (kgx_serializer_new (KGX_FORMAT_TURTLE, bad[i], &err));
      g_assert_error (err, KGX_SERIALIZER_ERROR, KGX_SERIALIZER_ERROR_BASE_IRI);
    }

  ser = kgx_serializer_new (KGX_FORMAT_NTRIPLES, "urn:x-test:", &error);
  g_assert_no_error (error);
  kgx_serializer_add_graph (ser, graph);
  f = tmpfile ();
  g_assert_true (kgx_serializer_write (ser, f, &error));
  g_assert_no_error (error);
  fclose (f);
}

static void
test_serializer_free_null (void)
{
  kgx_serializer_free (NULL);
  kgx_graph_free (NULL);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/identity/normalize", test_identity_normalize);
  g_test_add_func ("/identity/iri/stable", test_identity_iri_stable);
  g_test_add_func ("/identity/iri/hostile", test_identity_iri_hostile);
  g_test_add_func ("/serializer/formats", test_serializer_formats);
  g_test_add_func ("/serializer/empty", test_serializer_empty);
  g_test_add_func ("/serializer/merge", test_serializer_merge);
  g_test_add_func ("/serializer/duplicates", test_serializer_duplicates);
  g_test_add_func ("/serializer/unnamed", test_serializer_unnamed);
  g_test_add_func ("/serializer/deterministic", test_serializer_deterministic);
  g_test_add_func ("/serializer/hostile-literal", test_serializer_hostile_literal);
  g_test_add_func ("/serializer/write-error", test_serializer_write_error);
  g_test_add_func ("/serializer/base-iri", test_serializer_base_iri);
  g_test_add_func ("/serializer/free-null", test_serializer_free_null);

  return g_test_run ();
}
