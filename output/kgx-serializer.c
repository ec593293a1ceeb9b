/* kgx-serializer.c - KgxGraphs to RDF through raptor2 (see kgx-serializer.h).
 * add_graph() reduces each graph to owned strings (entity records keyed by
 * IRI, triples keyed by their N-Triples form); write() merges labels,
 * sorts every statement and feeds the same sequence to whichever raptor
 * serializer was asked for, through an iostream that notices write errors.
 */
#include "config.h"

#include <errno.h>
#include <string.h>

#include <raptor2.h>

#include "kgx-identity.h"
#include "kgx-serializer.h"

#define RDF_NS  "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
#define RDFS_NS "http://www.w3.org/2000/01/rdf-schema#"
#define SKOS_NS "http://www.w3.org/2004/02/skos/core#"
#define XSD_NS  "http://www.w3.org/2001/XMLSchema#"

G_DEFINE_QUARK (kgx-serializer-error-quark, kgx_serializer_error)

/* One statement, every part owned. */
typedef struct {
  char     *key;        /* the statement in N-Triples form: the sort and dedup key */
  char     *subject;    /* IRI */
  char     *predicate;  /* IRI */
  char     *object;     /* IRI, or the literal's text when literal is TRUE */
  gboolean  literal;    /* object is a plain literal */
} Stmt;

/* Everything known about one entity IRI, over all graphs added. */
typedef struct {
  GHashTable *types;    /* class IRI -> NULL (a set) */
  GHashTable *labels;   /* rdfs:label candidates -> NULL */
  GHashTable *names;    /* every other name -> NULL */
} EntityRec;

struct _KgxSerializer {
  KgxFormat     format;
  char         *base;        /* entity IRI base */
  raptor_world *world;
  GHashTable   *entities;    /* IRI -> EntityRec */
  GHashTable   *triples;     /* key -> Stmt (relation triples) */
  GPtrArray    *statements;  /* Stmt, sorted: cache of the next write, NULL when stale */
  char         *raptor_error;/* first error raptor logged during a write */
};

/* The writer behind the raptor iostream. */
typedef struct {
  FILE     *out;
  GString  *buffer;      /* when set, bytes go here instead of to out */
  gboolean  failed;      /* a write to out failed; later writes are dropped */
  int       saved_errno;
} Sink;

static const struct {
  const char *name;        /* ours, and raptor's serializer name */
  gboolean    namespaces;  /* the raptor serializer takes namespace declarations */
} formats[] = {
  [KGX_FORMAT_TURTLE]        = { "turtle", TRUE },
  [KGX_FORMAT_NTRIPLES]      = { "ntriples", FALSE },
  [KGX_FORMAT_NQUADS]        = { "nquads", FALSE },
  [KGX_FORMAT_RDFXML]        = { "rdfxml", TRUE },
  [KGX_FORMAT_RDFXML_ABBREV] = { "rdfxml-abbrev", TRUE },
  [KGX_FORMAT_JSON]          = { "json", FALSE },
  [KGX_FORMAT_DOT]           = { "dot", TRUE },
};

gboolean
kgx_format_from_string (const char *name, KgxFormat *out)
{
  g_return_val_if_fail (out != NULL, FALSE);

  if (name == NULL)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    if (strcmp (formats[i].name, name) == 0)
      {
        *out = (KgxFormat) i;
        return TRUE;
      }
  return FALSE;
}

const char *
kgx_format_to_string (KgxFormat format)
{
  if ((guint) format >= G_N_ELEMENTS (formats))
    return NULL;
  return formats[format].name;
}

/* ---- statements ---------------------------------------------------- */

static void
stmt_free (gpointer data)
{
  Stmt *s = data;

  g_free (s->key);
  g_free (s->subject);
  g_free (s->predicate);
  g_free (s->object);
  g_free (s);
}

/* Appends @text as the body of an N-Triples string literal.  Only used
 * for the sort key, so it needs to be injective, not pretty. */
static void
append_nt_literal (GString *key, const char *text)
{
  for (const unsigned char *p = (const unsigned char *) text; *p != '\0'; p++)
    switch (*p)
      {
      case '\\': g_string_append (key, "\\\\"); break;
      case '"':  g_string_append (key, "\\\""); break;
      case '\n': g_string_append (key, "\\n"); break;
      case '\r': g_string_append (key, "\\r"); break;
      case '\t': g_string_append (key, "\\t"); break;
      default:
        if (*p < 0x20 || *p == 0x7f)
          g_string_append_printf (key, "\\u%04X", *p);
        else
          g_string_append_c (key, (char) *p);
      }
}

/* Takes ownership of nothing. */
static Stmt *
stmt_new (const char *subject, const char *predicate, const char *object, gboolean literal)
{
  Stmt *s = g_new0 (Stmt, 1);
  GString *key = g_string_new (NULL);

  g_string_append_printf (key, "<%s> <%s> ", subject, predicate);
  if (literal)
    {
      g_string_append_c (key, '"');
      append_nt_literal (key, object);
      g_string_append_c (key, '"');
    }
  else
    g_string_append_printf (key, "<%s>", object);
  g_string_append (key, " .");

  s->key = g_string_free (key, FALSE);
  s->subject = g_strdup (subject);
  s->predicate = g_strdup (predicate);
  s->object = g_strdup (object);
  s->literal = literal;
  return s;
}

static gint
stmt_compare (gconstpointer a, gconstpointer b)
{
  const Stmt *sa = *(const Stmt *const *) a;
  const Stmt *sb = *(const Stmt *const *) b;

  return strcmp (sa->key, sb->key);
}

/* ---- entities ------------------------------------------------------ */

static EntityRec *
entity_rec_new (void)
{
  EntityRec *rec = g_new0 (EntityRec, 1);

  rec->types = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  rec->labels = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  rec->names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  return rec;
}

static void
entity_rec_free (gpointer data)
{
  EntityRec *rec = data;

  g_hash_table_unref (rec->types);
  g_hash_table_unref (rec->labels);
  g_hash_table_unref (rec->names);
  g_free (rec);
}

/* @text as valid UTF-8 that every output syntax can carry: XML 1.0 (so
 * RDF/XML) cannot hold C0 controls other than TAB, LF and CR, nor
 * U+FFFE/U+FFFF, even as character references, and raptor fails the
 * whole document on one.  Those become ' ', in every format alike. */
static char *
clean_text (const char *text)
{
  g_autofree char *valid = g_utf8_make_valid (text, -1);
  GString *out = g_string_sized_new (strlen (valid));

  for (const char *p = valid; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0xFFFE || c == 0xFFFF)
        g_string_append_c (out, ' ');
      else
        g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

/* Adds @text, cleaned, to @set unless it is NULL or empty. */
static void
set_add_text (GHashTable *set, const char *text)
{
  if (text == NULL || *text == '\0')
    return;
  g_hash_table_add (set, clean_text (text));
}

/* KGX_ONTOLOGY_NS + @local, with every byte that could break an IRI (or
 * a Turtle/RDF-XML name) percent-encoded.  NULL for an empty name. */
static char *
ontology_iri (const char *local)
{
  GString *iri;

  if (local == NULL || *local == '\0')
    return NULL;
  iri = g_string_new (KGX_ONTOLOGY_NS);
  for (const unsigned char *p = (const unsigned char *) local; *p != '\0'; p++)
    {
      if (g_ascii_isalnum (*p) || *p == '_' || *p == '-' || *p == '.')
        g_string_append_c (iri, (char) *p);
      else
        g_string_append_printf (iri, "%%%02X", *p);
    }
  return g_string_free (iri, FALSE);
}

static gboolean
entity_is_named (const KgxEntity *e)
{
  return e->named && ((e->label != NULL && *e->label != '\0')
                      || (e->canonical != NULL && *e->canonical != '\0'));
}

/* ---- the serializer ------------------------------------------------ */

static void
log_handler (void *user_data, raptor_log_message *message)
{
  KgxSerializer *ser = user_data;

  /* Warnings are dropped: the library never prints (STYLE.md rule 21). */
  if (message->level >= RAPTOR_LOG_LEVEL_ERROR && ser->raptor_error == NULL)
    ser->raptor_error = g_strdup (message->text ? message->text : "unknown raptor error");
}

/* An absolute IRI with nothing a serializer would have to escape. */
static gboolean
base_iri_is_valid (const char *iri)
{
  const char *p = iri;

  if (!g_ascii_isalpha (*p))
    return FALSE;
  while (g_ascii_isalnum (*p) || *p == '+' || *p == '-' || *p == '.')
    p++;
  if (*p != ':' || p[1] == '\0')
    return FALSE;
  for (p = iri; *p != '\0'; p++)
    if ((unsigned char) *p <= 0x20 || *p == 0x7f || strchr ("<>\"{}|^`\\", *p) != NULL)
      return FALSE;
  return g_utf8_validate (iri, -1, NULL);
}

KgxSerializer *
kgx_serializer_new (KgxFormat format, const char *base_iri, GError **error)
{
  g_autoptr (KgxSerializer) ser = NULL;

  g_return_val_if_fail ((guint) format < G_N_ELEMENTS (formats), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (base_iri == NULL)
    base_iri = KGX_DEFAULT_BASE_IRI;
  if (!base_iri_is_valid (base_iri))
    {
      g_set_error (error, KGX_SERIALIZER_ERROR, KGX_SERIALIZER_ERROR_BASE_IRI,
                   "base IRI '%s' is not an absolute IRI", base_iri);
      return NULL;
    }

  ser = g_new0 (KgxSerializer, 1);
  ser->format = format;
  ser->base = g_strdup (base_iri);
  ser->entities = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, entity_rec_free);
  ser->triples = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, stmt_free);

  ser->world = raptor_new_world ();
  if (ser->world == NULL)
    {
      g_set_error_literal (error, KGX_SERIALIZER_ERROR, KGX_SERIALIZER_ERROR_FAILED,
                           "cannot create a raptor world");
      return NULL;
    }
  raptor_world_set_log_handler (ser->world, ser, log_handler);
  if (raptor_world_open (ser->world) != 0
      || !raptor_world_is_serializer_name (ser->world, formats[format].name))
    {
      g_set_error (error, KGX_SERIALIZER_ERROR, KGX_SERIALIZER_ERROR_FAILED,
                   "raptor has no '%s' serializer", formats[format].name);
      return NULL;
    }
  return g_steal_pointer (&ser);
}

void
kgx_serializer_free (KgxSerializer *ser)
{
  if (ser == NULL)
    return;
  g_free (ser->base);
  if (ser->world != NULL)
    raptor_free_world (ser->world);
  g_clear_pointer (&ser->entities, g_hash_table_unref);
  g_clear_pointer (&ser->triples, g_hash_table_unref);
  g_clear_pointer (&ser->statements, g_ptr_array_unref);
  g_free (ser->raptor_error);
  g_free (ser);
}

static EntityRec *
lookup_entity (KgxSerializer *ser, const char *iri)
{
  EntityRec *rec = g_hash_table_lookup (ser->entities, iri);

  if (rec == NULL)
    {
      rec = entity_rec_new ();
      g_hash_table_insert (ser->entities, g_strdup (iri), rec);
    }
  return rec;
}

/* Whether @t can be written: indices in range, a predicate, an object. */
static gboolean
triple_is_usable (const KgxGraph *graph, const KgxTriple *t)
{
  if (t->subject >= graph->entities->len || t->predicate == NULL || *t->predicate == '\0')
    return FALSE;
  if (t->object < 0)
    return t->literal != NULL;
  return (guint) t->object < graph->entities->len;
}

void
kgx_serializer_add_graph (KgxSerializer *ser, const KgxGraph *graph)
{
  guint n;
  g_autofree gboolean *used = NULL;
  char **iris;

  g_return_if_fail (ser != NULL);
  g_return_if_fail (graph != NULL);

  g_clear_pointer (&ser->statements, g_ptr_array_unref);
  n = graph->entities->len;
  used = g_new0 (gboolean, n + 1);   /* + 1: never a zero-size allocation */
  iris = g_new0 (char *, n + 1);

  for (guint i = 0; i < graph->triples->len; i++)
    {
      const KgxTriple *t = &g_array_index (graph->triples, KgxTriple, i);

      if (!triple_is_usable (graph, t))
        continue;
      used[t->subject] = TRUE;
      if (t->object >= 0)
        used[t->object] = TRUE;
    }

  for (guint i = 0; i < n; i++)
    {
      const KgxEntity *e = g_ptr_array_index (graph->entities, i);
      g_autofree char *type = NULL;
      EntityRec *rec;

      if (entity_is_named (e))
        iris[i] = kgx_identity_entity_iri (ser->base, e->coarse,
                                           e->canonical && *e->canonical ? e->canonical : e->label);
      else if (used[i])
        iris[i] = kgx_identity_unnamed_iri (ser->base, e->coarse, graph->doc_id, i, e->label);
      else
        continue;

      rec = lookup_entity (ser, iris[i]);
      type = ontology_iri (e->cls ? e->cls : kgx_coarse_to_string (e->coarse));
      if (type != NULL)
        g_hash_table_add (rec->types, g_steal_pointer (&type));
      if (e->label != NULL && *e->label != '\0')
        {
          set_add_text (rec->labels, e->label);
          if (e->canonical != NULL && strcmp (e->canonical, e->label) != 0)
            set_add_text (rec->names, e->canonical);
        }
      else
        set_add_text (rec->labels, e->canonical);
      for (guint j = 0; e->alt_labels != NULL && j < e->alt_labels->len; j++)
        set_add_text (rec->names, g_ptr_array_index (e->alt_labels, j));
    }

  for (guint i = 0; i < graph->triples->len; i++)
    {
      const KgxTriple *t = &g_array_index (graph->triples, KgxTriple, i);
      g_autofree char *predicate = NULL;
      g_autofree char *literal = NULL;
      Stmt *s;

      if (!triple_is_usable (graph, t))
        continue;
      predicate = ontology_iri (t->predicate);
      if (t->object >= 0)
        s = stmt_new (iris[t->subject], predicate, iris[t->object], FALSE);
      else
        {
          literal = clean_text (t->literal);
          s = stmt_new (iris[t->subject], predicate, literal, TRUE);
        }
      if (g_hash_table_contains (ser->triples, s->key))
        stmt_free (s);
      else
        g_hash_table_insert (ser->triples, s->key, s);
    }

  for (guint i = 0; i < n; i++)   /* not g_strfreev: skipped entities leave holes */
    g_free (iris[i]);
  g_free (iris);
}

/* ---- writing ------------------------------------------------------- */

/* Longer (in characters) wins; on a tie, the smaller by strcmp(). */
static gboolean
label_is_better (const char *a, const char *b)
{
  glong la = g_utf8_strlen (a, -1);
  glong lb = g_utf8_strlen (b, -1);

  if (la != lb)
    return la > lb;
  return strcmp (a, b) < 0;
}

static void
add_entity_statements (GPtrArray *out, const char *iri, const EntityRec *rec)
{
  GHashTableIter iter;
  gpointer key;
  const char *label = NULL;

  g_hash_table_iter_init (&iter, rec->types);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_ptr_array_add (out, stmt_new (iri, RDF_NS "type", key, FALSE));

  g_hash_table_iter_init (&iter, rec->labels);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (label == NULL || label_is_better (key, label))
      label = key;
  if (label != NULL)
    g_ptr_array_add (out, stmt_new (iri, RDFS_NS "label", label, TRUE));

  g_hash_table_iter_init (&iter, rec->labels);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (strcmp (key, label) != 0)
      g_ptr_array_add (out, stmt_new (iri, SKOS_NS "altLabel", key, TRUE));
  g_hash_table_iter_init (&iter, rec->names);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if ((label == NULL || strcmp (key, label) != 0) && !g_hash_table_contains (rec->labels, key))
      g_ptr_array_add (out, stmt_new (iri, SKOS_NS "altLabel", key, TRUE));
}

/* The sorted, duplicate-free statements of the next write (cached). */
static GPtrArray *
ensure_statements (KgxSerializer *ser)
{
  g_autoptr (GPtrArray) all = g_ptr_array_new ();   /* owns nothing */
  GPtrArray *unique;
  GHashTableIter iter;
  gpointer key, value;

  if (ser->statements != NULL)
    return ser->statements;

  g_hash_table_iter_init (&iter, ser->entities);
  while (g_hash_table_iter_next (&iter, &key, &value))
    add_entity_statements (all, key, value);
  g_hash_table_iter_init (&iter, ser->triples);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      const Stmt *t = value;

      g_ptr_array_add (all, stmt_new (t->subject, t->predicate, t->object, t->literal));
    }

  g_ptr_array_sort (all, stmt_compare);
  /* Labels and relations cannot collide, but keep the guarantee local. */
  unique = g_ptr_array_new_full (all->len, stmt_free);
  for (guint i = 0; i < all->len; i++)
    {
      Stmt *s = g_ptr_array_index (all, i);

      if (unique->len > 0
          && strcmp (s->key, ((Stmt *) g_ptr_array_index (unique, unique->len - 1))->key) == 0)
        stmt_free (s);
      else
        g_ptr_array_add (unique, s);
    }
  ser->statements = unique;
  return unique;
}

guint
kgx_serializer_get_triple_count (KgxSerializer *ser)
{
  g_return_val_if_fail (ser != NULL, 0);

  return ensure_statements (ser)->len;
}

static int
sink_write_byte (void *context, const int byte)
{
  Sink *sink = context;

  if (sink->failed)
    return 1;
  if (sink->buffer != NULL)
    g_string_append_c (sink->buffer, (char) byte);
  else if (fputc (byte, sink->out) == EOF)
    {
      sink->failed = TRUE;
      sink->saved_errno = errno;
      return 1;
    }
  return 0;
}

/* raptor_iostream_write_bytes() hands back what this returns: the number
 * of items written, as fwrite() would. */
static int
sink_write_bytes (void *context, const void *ptr, size_t size, size_t nmemb)
{
  Sink *sink = context;
  size_t n;

  if (sink->failed)
    return 0;
  if (sink->buffer != NULL)
    {
      g_string_append_len (sink->buffer, ptr, (gssize) (size * nmemb));
      return (int) nmemb;
    }
  n = fwrite (ptr, size, nmemb, sink->out);
  if (n < nmemb)
    {
      sink->failed = TRUE;
      sink->saved_errno = errno;
    }
  return (int) n;
}

/* Writes @len bytes of @data to @sink's stream. */
static void
sink_write_all (Sink *sink, const char *data, gsize len)
{
  if (len > 0)
    sink_write_bytes (sink, data, 1, len);
}

/* raptor 2.0.15's JSON writer escapes characters beyond U+FFFF the Python
 * way, "\U0001F600", which is not JSON (parsers, raptor's own included,
 * reject it).  Such escapes are replaced by the character itself, in
 * UTF-8, which JSON allows.  A backslash only occurs inside JSON strings,
 * always starting an escape, so pairs are skipped as units. */
static void
fix_json_escapes (GString *json)
{
  GString *out = g_string_sized_new (json->len);

  for (gsize i = 0; i < json->len; i++)
    {
      const char *p = json->str + i;
      gunichar c = 0;
      gboolean hex = FALSE;

      if (*p != '\\' || i + 1 >= json->len)
        {
          g_string_append_c (out, *p);
          continue;
        }
      if (p[1] == 'U' && i + 10 <= json->len)
        {
          hex = TRUE;
          for (guint k = 2; k < 10 && hex; k++)
            {
              hex = g_ascii_isxdigit (p[k]);
              c = (c << 4) | (gunichar) g_ascii_xdigit_value (p[k]);
            }
        }
      if (hex && g_unichar_validate (c))
        {
          g_string_append_unichar (out, c);
          i += 9;
        }
      else
        {
          g_string_append_len (out, p, 2);
          i++;
        }
    }
  g_string_assign (json, out->str);
  g_string_free (out, TRUE);
}

/* raptor's DOT writer draws literals as shape=record, where GraphViz
 * parses '<' '>' in the label as port names and rejects the file ("bad
 * label format") for a literal such as "<tag>".  A plain box shows the
 * same text.  Literals cannot contain a raw newline (raptor writes "\n"),
 * so the suffix is only ever at the end of raptor's own lines. */
static void
fix_dot_records (GString *dot)
{
  static const char record[] = ", shape = record ];\n";
  static const char box[] = ", shape = box ];\n";
  GString *out = g_string_sized_new (dot->len);
  const char *line = dot->str;

  while (*line != '\0')
    {
      const char *nl = strchr (line, '\n');
      gsize len = nl ? (gsize) (nl - line) + 1 : strlen (line);

      if (len >= sizeof record - 1 && nl != NULL
          && memcmp (nl + 1 - (sizeof record - 1), record, sizeof record - 1) == 0)
        {
          g_string_append_len (out, line, (gssize) (len - (sizeof record - 1)));
          g_string_append (out, box);
        }
      else
        g_string_append_len (out, line, (gssize) len);
      line += len;
    }
  g_string_assign (dot, out->str);
  g_string_free (out, TRUE);
}

/* Version 2 although only the "V1" writers are set: raptor 2.0.15 grants
 * write mode only to version >= 2 handlers, contrary to its docs. */
static const raptor_iostream_handler sink_handler = {
  .version = 2,
  .write_byte = sink_write_byte,
  .write_bytes = sink_write_bytes,
};

static raptor_term *
new_term (raptor_world *world, const char *text, gboolean literal)
{
  if (literal)
    return raptor_new_term_from_literal (world, (const unsigned char *) text, NULL, NULL);
  return raptor_new_term_from_uri_string (world, (const unsigned char *) text);
}

/* Feeds @stmt to @rser.  FALSE when raptor could not build or write it. */
static gboolean
serialize_one (raptor_world *world, raptor_serializer *rser, const Stmt *stmt)
{
  raptor_term *s = new_term (world, stmt->subject, FALSE);
  raptor_term *p = new_term (world, stmt->predicate, FALSE);
  raptor_term *o = new_term (world, stmt->object, stmt->literal);
  raptor_statement *rs;
  int rc;

  if (s == NULL || p == NULL || o == NULL)
    {
      if (s != NULL)
        raptor_free_term (s);
      if (p != NULL)
        raptor_free_term (p);
      if (o != NULL)
        raptor_free_term (o);
      return FALSE;
    }
  rs = raptor_new_statement_from_nodes (world, s, p, o, NULL);   /* takes the terms, even on failure */
  if (rs == NULL)
    return FALSE;
  rc = raptor_serializer_serialize_statement (rser, rs);
  raptor_free_statement (rs);
  return rc == 0;
}

static const struct {
  const char *prefix;
  const char *uri;   /* NULL: the base IRI */
} namespaces[] = {
  { "kgx", KGX_ONTOLOGY_NS },
  { "rdf", RDF_NS },
  { "rdfs", RDFS_NS },
  { "skos", SKOS_NS },
  { "xsd", XSD_NS },
  { "ent", NULL },
};

static gboolean
declare_namespaces (KgxSerializer *ser, raptor_serializer *rser)
{
  for (guint i = 0; i < G_N_ELEMENTS (namespaces); i++)
    {
      const char *uri_string = namespaces[i].uri ? namespaces[i].uri : ser->base;
      raptor_uri *uri = raptor_new_uri (ser->world, (const unsigned char *) uri_string);

      if (uri == NULL)
        return FALSE;
      /* The result is ignored: raptor also returns failure for a prefix it
       * declares itself (rdf: in Turtle), and a missing prefix only makes
       * the output longer. */
      raptor_serializer_set_namespace (rser, uri, (const unsigned char *) namespaces[i].prefix);
      raptor_free_uri (uri);
    }
  return TRUE;
}

/* Runs one raptor serialization of @statements into @sink.  FALSE (with
 * ser->raptor_error possibly set) when raptor failed. */
static gboolean
run_raptor (KgxSerializer *ser, GPtrArray *statements, Sink *sink)
{
  raptor_iostream *iostr;
  raptor_serializer *rser;
  gboolean ok = TRUE;

  iostr = raptor_new_iostream_from_handler (ser->world, sink, &sink_handler);
  if (iostr == NULL)
    return FALSE;
  rser = raptor_new_serializer (ser->world, formats[ser->format].name);
  if (rser == NULL)
    {
      raptor_free_iostream (iostr);
      return FALSE;
    }

  if (formats[ser->format].namespaces)
    ok = declare_namespaces (ser, rser);
  /* No base URI: every IRI is written in full, never made relative. */
  if (ok && raptor_serializer_start_to_iostream (rser, NULL, iostr) != 0)
    ok = FALSE;
  for (guint i = 0; ok && i < statements->len && !sink->failed; i++)
    ok = serialize_one (ser->world, rser, g_ptr_array_index (statements, i));
  if (ok && raptor_serializer_serialize_end (rser) != 0)
    ok = FALSE;

  raptor_free_serializer (rser);
  raptor_free_iostream (iostr);
  return ok;
}

gboolean
kgx_serializer_write (KgxSerializer *ser, FILE *out, GError **error)
{
  g_autoptr (GPtrArray) statements = NULL;
  Sink sink = { .out = out };
  g_autoptr (GString) buffer = NULL;
  gboolean ok;

  g_return_val_if_fail (ser != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* Take what is pending, leaving the serializer empty whatever happens. */
  statements = g_ptr_array_ref (ensure_statements (ser));
  g_clear_pointer (&ser->statements, g_ptr_array_unref);
  g_hash_table_remove_all (ser->entities);
  g_hash_table_remove_all (ser->triples);
  g_clear_pointer (&ser->raptor_error, g_free);

  /* JSON and DOT need their text repaired, so they are built in memory
   * (their raptor writers hold everything until the end anyway). */
  if (ser->format == KGX_FORMAT_JSON || ser->format == KGX_FORMAT_DOT)
    sink.buffer = buffer = g_string_new (NULL);
  ok = run_raptor (ser, statements, &sink);
  if (buffer != NULL)
    {
      if (ser->format == KGX_FORMAT_JSON)
        fix_json_escapes (buffer);
      else
        fix_dot_records (buffer);
      sink.buffer = NULL;
      sink_write_all (&sink, buffer->str, buffer->len);
    }

  /* An output error explains a raptor failure better than raptor does. */
  errno = 0;
  if (!sink.failed && (fflush (out) != 0 || ferror (out)))
    {
      sink.failed = TRUE;
      sink.saved_errno = errno;
    }
  if (sink.failed)
    {
      g_set_error (error, KGX_SERIALIZER_ERROR, KGX_SERIALIZER_ERROR_WRITE,
                   "write error: %s",
                   sink.saved_errno ? g_strerror (sink.saved_errno) : "output stream failed");
      return FALSE;
    }
  if (!ok || ser->raptor_error != NULL)
    {
      g_set_error (error, KGX_SERIALIZER_ERROR, KGX_SERIALIZER_ERROR_FAILED,
                   "cannot serialize as %s: %s", formats[ser->format].name,
                   ser->raptor_error ? ser->raptor_error : "raptor failed");
      return FALSE;
    }
  return TRUE;
}
