/* kgx-serializer.c - KgxGraphs to RDF (see kgx-serializer.h).
 * add_graph() reduces each graph to owned strings (entity records keyed by
 * IRI, statements keyed by their exact N-Triples or N-Quads line);
 * write() merges labels, sorts every statement by that line and writes
 * them: N-Triples and N-Quads directly (the key is the line, escaped as
 * raptor escapes it), every other syntax through raptor's serializer, fed
 * through an iostream that notices write errors.  Chunks carry one
 * document's sorted statements from a worker thread to the writer.
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
  char     *key;        /* the statement as its N-Triples (N-Quads) line, without
                         * the newline: the sort key, the dedup key and, for
                         * those two syntaxes, the output */
  char     *subject;    /* IRI */
  char     *predicate;  /* IRI */
  char     *object;     /* IRI, or the literal's text when literal is TRUE */
  char     *datatype;   /* nullable: a literal's datatype IRI */
  gboolean  literal;    /* object is a literal */
} Stmt;

struct _KgxChunk {
  GPtrArray *stmts;     /* Stmt *, sorted by key, unique */
  gsize      bytes;     /* sum of the key lengths: what an N-Triples write costs */
};

/* Everything known about one entity IRI, over all graphs added. */
typedef struct {
  GHashTable *types;    /* class IRI -> NULL (a set) */
  GHashTable *labels;   /* rdfs:label candidates -> NULL */
  GHashTable *names;    /* every other name -> NULL; NULL until there is one */
} EntityRec;

struct _KgxSerializer {
  KgxFormat     format;
  char         *base;        /* entity IRI base */
  raptor_world *world;       /* created on the first raptor write */
  GHashTable   *entities;    /* IRI -> EntityRec */
  GHashTable   *triples;     /* key -> Stmt (relations and added statements) */
  GPtrArray    *statements;  /* Stmt, sorted: cache of the next write, NULL when stale */
  GPtrArray    *chunks;      /* KgxChunk *: added with kgx_serializer_add_chunk() */
  GPtrArray    *namespaces;  /* char *: prefix, IRI, prefix, IRI ... added by the caller */
  gboolean      parts;       /* statements keep their parts: raptor writes them */
  char         *raptor_error;/* first error raptor logged during a write */
  GHashTable   *iri_cache;   /* "coarse\tcanonical" -> named entity IRI; a SHA-256 each */
  GString      *iri_key;     /* scratch for its keys */
};

/* Named entities recur from document to document; their IRIs are kept,
 * up to this many (then the cache starts again: memory stays flat). */
#define IRI_CACHE_MAX 8192

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
  g_free (s->datatype);
  g_free (s);
}

/* Appends the code point @c as raptor's N-Triples writer escapes it
 * outside the ASCII range: \uXXXX, or \UXXXXXXXX beyond the BMP, upper
 * case hex (raptor_string_escaped_write() without the UTF-8 flag). */
static void
append_unicode_escape (GString *out, gunichar c)
{
  static const char hex[] = "0123456789ABCDEF";
  int digits = c < 0x10000 ? 4 : 8;

  g_string_append_c (out, '\\');
  g_string_append_c (out, c < 0x10000 ? 'u' : 'U');
  for (int i = digits - 1; i >= 0; i--)
    g_string_append_c (out, hex[(c >> (4 * i)) & 0xF]);
}

/* Which ASCII bytes N-Triples writes as they are: for literals, printable
 * ASCII but '"' and '\\'; for IRIs, also not the characters SPARQL
 * forbids in an IRI.  Filled once (g_once). */
static guint8 nt_plain[2][128];   /* [0] literal, [1] IRI */

static void
init_nt_plain (void)
{
  static gsize done = 0;

  if (g_once_init_enter (&done))
    {
      for (int c = 0x21; c < 0x7f; c++)
        {
          nt_plain[0][c] = c != '"' && c != '\\';
          nt_plain[1][c] = strchr ("<>\"{}|^`\\", c) == NULL;
        }
      nt_plain[0][' '] = 1;
      g_once_init_leave (&done, 1);
    }
}

/* Appends @text (valid UTF-8) as N-Triples writes it, byte for byte what
 * raptor 2 writes: runs of plain ASCII in one go; in a literal \t \n \r
 * \" \\, other C0 controls and DEL as \u00XX; in an IRI "\\" and the rest
 * of the forbidden ASCII as \u00XX; everything beyond ASCII escaped. */
static void
append_nt_text (GString *out, const char *text, gboolean iri)
{
  const guint8 *plain = nt_plain[iri ? 1 : 0];
  const char *p = text;

  init_nt_plain ();
  while (*p != '\0')
    {
      const char *run = p;
      guchar c;

      while ((c = (guchar) *p) < 0x80 && plain[c])
        p++;
      if (p > run)
        g_string_append_len (out, run, p - run);
      if (c == '\0')
        break;
      if (c >= 0x80)
        {
          append_unicode_escape (out, g_utf8_get_char (p));
          p = g_utf8_next_char (p);
          continue;
        }
      p++;
      if (c == '\\')
        g_string_append (out, "\\\\");
      else if (iri)
        append_unicode_escape (out, c);
      else if (c == '"')
        g_string_append (out, "\\\"");
      else if (c == '\n')
        g_string_append (out, "\\n");
      else if (c == '\r')
        g_string_append (out, "\\r");
      else if (c == '\t')
        g_string_append (out, "\\t");
      else
        append_unicode_escape (out, c);
    }
}

static void
append_nt_literal (GString *out, const char *text)
{
  append_nt_text (out, text, FALSE);
}

/* Appends <@iri> as raptor's N-Triples writer does. */
static void
append_nt_iri (GString *out, const char *iri)
{
  g_string_append_c (out, '<');
  append_nt_text (out, iri, TRUE);
  g_string_append_c (out, '>');
}

/* Takes ownership of nothing.  @graph is only used when @quads is set;
 * the parts are only kept when @parts is set (raptor needs them; the
 * N-Triples and N-Quads writers only the key). */
static Stmt *
stmt_new_full (const char *subject, const char *predicate, const char *object, gboolean literal,
               const char *datatype, const char *graph, gboolean quads, gboolean parts)
{
  Stmt *s = g_new0 (Stmt, 1);
  GString *key = g_string_sized_new (64 + strlen (subject) + strlen (predicate) + strlen (object));

  append_nt_iri (key, subject);
  g_string_append_c (key, ' ');
  append_nt_iri (key, predicate);
  g_string_append_c (key, ' ');
  if (literal)
    {
      g_string_append_c (key, '"');
      append_nt_literal (key, object);
      g_string_append_c (key, '"');
      if (datatype != NULL)
        {
          g_string_append (key, "^^");
          append_nt_iri (key, datatype);
        }
    }
  else
    append_nt_iri (key, object);
  if (quads && graph != NULL)
    {
      g_string_append_c (key, ' ');
      append_nt_iri (key, graph);
    }
  g_string_append (key, " .");

  s->key = g_string_free (key, FALSE);
  s->literal = literal;
  if (parts)
    {
      s->subject = g_strdup (subject);
      s->predicate = g_strdup (predicate);
      s->object = g_strdup (object);
      s->datatype = literal ? g_strdup (datatype) : NULL;
    }
  return s;
}

#define stmt_new(ser, s, p, o, literal) \
  stmt_new_full ((s), (p), (o), (literal), NULL, NULL, FALSE, (ser)->parts)

static Stmt *
stmt_copy (const Stmt *t)
{
  Stmt *s = g_new0 (Stmt, 1);

  s->key = g_strdup (t->key);
  s->subject = g_strdup (t->subject);
  s->predicate = g_strdup (t->predicate);
  s->object = g_strdup (t->object);
  s->datatype = g_strdup (t->datatype);
  s->literal = t->literal;
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
  return rec;
}

static void
entity_rec_free (gpointer data)
{
  EntityRec *rec = data;

  g_hash_table_unref (rec->types);
  g_hash_table_unref (rec->labels);
  if (rec->names)
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
  g_autofree char *valid = NULL;
  const char *scan;

  /* Printable ASCII, TAB, LF and CR: nothing to do. */
  for (scan = text; *scan != '\0'; scan++)
    if (((guchar) *scan < 0x20 && *scan != '\t' && *scan != '\n' && *scan != '\r')
        || (guchar) *scan >= 0x7f)
      break;
  if (*scan == '\0')
    return g_strdup (text);
  valid = g_utf8_make_valid (text, -1);
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

/* set_add_text() into rec->names, made on the first name: most entities
 * have no other name, and a table per entity record is not free. */
static void
names_add (EntityRec *rec, const char *text)
{
  if (text == NULL || *text == '\0')
    return;
  if (rec->names == NULL)
    rec->names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  set_add_text (rec->names, text);
}

static char *
ontology_iri (const char *local)
{
  return kgx_identity_ontology_iri (local);
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

/* Creates the raptor world on first use. */
static gboolean
ensure_world (KgxSerializer *ser, GError **error)
{
  if (ser->world != NULL)
    return TRUE;
  ser->world = raptor_new_world ();
  if (ser->world == NULL)
    {
      g_set_error_literal (error, KGX_SERIALIZER_ERROR, KGX_SERIALIZER_ERROR_FAILED,
                           "cannot create a raptor world");
      return FALSE;
    }
  raptor_world_set_log_handler (ser->world, ser, log_handler);
  if (raptor_world_open (ser->world) != 0
      || !raptor_world_is_serializer_name (ser->world, formats[ser->format].name))
    {
      g_set_error (error, KGX_SERIALIZER_ERROR, KGX_SERIALIZER_ERROR_FAILED,
                   "raptor has no '%s' serializer", formats[ser->format].name);
      return FALSE;
    }
  return TRUE;
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
  ser->chunks = g_ptr_array_new_with_free_func ((GDestroyNotify) kgx_chunk_free);
  ser->namespaces = g_ptr_array_new_with_free_func (g_free);
  ser->parts = format != KGX_FORMAT_NTRIPLES && format != KGX_FORMAT_NQUADS;

  /* N-Triples and N-Quads are written without raptor: a serializer used
   * only to build chunks (one per thread) never needs a raptor world. */
  if (format != KGX_FORMAT_NTRIPLES && format != KGX_FORMAT_NQUADS && !ensure_world (ser, error))
    return NULL;
  return g_steal_pointer (&ser);
}

void
kgx_serializer_free (KgxSerializer *ser)
{
  if (ser == NULL)
    return;
  g_free (ser->base);
  g_clear_pointer (&ser->iri_cache, g_hash_table_unref);
  if (ser->iri_key)
    g_string_free (ser->iri_key, TRUE);
  if (ser->world != NULL)
    raptor_free_world (ser->world);
  g_clear_pointer (&ser->entities, g_hash_table_unref);
  g_clear_pointer (&ser->triples, g_hash_table_unref);
  g_clear_pointer (&ser->statements, g_ptr_array_unref);
  g_clear_pointer (&ser->chunks, g_ptr_array_unref);
  g_clear_pointer (&ser->namespaces, g_ptr_array_unref);
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

/* The IRI of each entity of @graph, NULL for those that are not written
 * (unnamed and used by no triple).  Frees with free_iris (). */
/* kgx_identity_entity_iri() through the serializer's cache (transfer full). */
static char *
entity_iri (KgxSerializer *ser, KgxCoarse coarse, const char *canonical)
{
  const char *iri;
  char *made;

  if (ser->iri_cache == NULL)
    {
      ser->iri_cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      ser->iri_key = g_string_new (NULL);
    }
  g_string_printf (ser->iri_key, "%d\t", (int) coarse);
  g_string_append (ser->iri_key, canonical);
  iri = g_hash_table_lookup (ser->iri_cache, ser->iri_key->str);
  if (iri)
    return g_strdup (iri);
  made = kgx_identity_entity_iri (ser->base, coarse, canonical);
  if (g_hash_table_size (ser->iri_cache) >= IRI_CACHE_MAX)
    g_hash_table_remove_all (ser->iri_cache);
  g_hash_table_insert (ser->iri_cache, g_strdup (ser->iri_key->str), g_strdup (made));
  return made;
}

static char **
graph_iris (KgxSerializer *ser, const KgxGraph *graph)
{
  guint n = graph->entities->len;
  g_autofree gboolean *used = g_new0 (gboolean, n + 1);   /* + 1: never a zero-size allocation */
  char **iris = g_new0 (char *, n + 1);

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

      if (entity_is_named (e))
        iris[i] = entity_iri (ser, e->coarse,
                              e->canonical && *e->canonical ? e->canonical : e->label);
      else if (used[i])
        iris[i] = kgx_identity_unnamed_iri (ser->base, e->coarse, graph->doc_id, i, e->label);
    }
  return iris;
}

static void
free_iris (char **iris, guint n)
{
  for (guint i = 0; i < n; i++)   /* not g_strfreev: skipped entities leave holes */
    g_free (iris[i]);
  g_free (iris);
}

GPtrArray *
kgx_serializer_dup_entity_iris (KgxSerializer *ser, const KgxGraph *graph)
{
  guint n;
  char **iris;
  GPtrArray *out;

  g_return_val_if_fail (ser != NULL, NULL);
  g_return_val_if_fail (graph != NULL, NULL);

  n = graph->entities->len;
  iris = graph_iris (ser, graph);
  out = g_ptr_array_new_full (n, g_free);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (out, iris[i]);   /* takes each string, holes stay NULL */
  g_free (iris);
  return out;
}

/* Adds @s unless an equal statement is there; takes @s. */
static void
add_stmt (KgxSerializer *ser, Stmt *s)
{
  g_clear_pointer (&ser->statements, g_ptr_array_unref);
  if (g_hash_table_contains (ser->triples, s->key))
    stmt_free (s);
  else
    g_hash_table_insert (ser->triples, s->key, s);
}

void
kgx_serializer_add_graph (KgxSerializer *ser, const KgxGraph *graph)
{
  guint n;
  char **iris;

  g_return_if_fail (ser != NULL);
  g_return_if_fail (graph != NULL);

  g_clear_pointer (&ser->statements, g_ptr_array_unref);
  n = graph->entities->len;
  iris = graph_iris (ser, graph);

  for (guint i = 0; i < n; i++)
    {
      const KgxEntity *e = g_ptr_array_index (graph->entities, i);
      g_autofree char *type = NULL;
      EntityRec *rec;

      if (iris[i] == NULL)
        continue;
      rec = lookup_entity (ser, iris[i]);
      type = ontology_iri (e->cls ? e->cls : kgx_coarse_to_string (e->coarse));
      if (type != NULL)
        g_hash_table_add (rec->types, g_steal_pointer (&type));
      if (e->label != NULL && *e->label != '\0')
        {
          set_add_text (rec->labels, e->label);
          if (e->canonical != NULL && strcmp (e->canonical, e->label) != 0)
            names_add (rec, e->canonical);
        }
      else
        set_add_text (rec->labels, e->canonical);
      for (guint j = 0; e->alt_labels != NULL && j < e->alt_labels->len; j++)
        names_add (rec, g_ptr_array_index (e->alt_labels, j));
    }

  for (guint i = 0; i < graph->triples->len; i++)
    {
      const KgxTriple *t = &g_array_index (graph->triples, KgxTriple, i);
      g_autofree char *predicate = NULL;
      g_autofree char *literal = NULL;

      if (!triple_is_usable (graph, t))
        continue;
      predicate = ontology_iri (t->predicate);
      if (t->object >= 0)
        add_stmt (ser, stmt_new (ser, iris[t->subject], predicate, iris[t->object], FALSE));
      else
        {
          literal = clean_text (t->literal);
          add_stmt (ser, stmt_new (ser, iris[t->subject], predicate, literal, TRUE));
        }
    }
  free_iris (iris, n);
}

static gboolean
writes_quads (const KgxSerializer *ser)
{
  return ser->format == KGX_FORMAT_NQUADS;
}

void
kgx_serializer_add_iri_statement (KgxSerializer *ser, const char *subject, const char *predicate,
                                  const char *object, const char *graph)
{
  g_return_if_fail (ser != NULL);
  g_return_if_fail (subject != NULL && predicate != NULL && object != NULL);

  if (graph != NULL && !writes_quads (ser))
    return;
  add_stmt (ser, stmt_new_full (subject, predicate, object, FALSE, NULL, graph, TRUE, ser->parts));
}

void
kgx_serializer_add_literal_statement (KgxSerializer *ser, const char *subject,
                                      const char *predicate, const char *text,
                                      const char *datatype, const char *graph)
{
  g_autofree char *clean = NULL;

  g_return_if_fail (ser != NULL);
  g_return_if_fail (subject != NULL && predicate != NULL && text != NULL);

  if (graph != NULL && !writes_quads (ser))
    return;
  clean = clean_text (text);
  add_stmt (ser, stmt_new_full (subject, predicate, clean, TRUE, datatype, graph, TRUE, ser->parts));
}

void
kgx_serializer_add_namespace (KgxSerializer *ser, const char *prefix, const char *iri)
{
  g_return_if_fail (ser != NULL);
  g_return_if_fail (prefix != NULL && iri != NULL);

  g_ptr_array_add (ser->namespaces, g_strdup (prefix));
  g_ptr_array_add (ser->namespaces, g_strdup (iri));
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
add_entity_statements (KgxSerializer *ser, GPtrArray *out, const char *iri, const EntityRec *rec)
{
  GHashTableIter iter;
  gpointer key;
  const char *label = NULL;

  g_hash_table_iter_init (&iter, rec->types);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_ptr_array_add (out, stmt_new (ser, iri, RDF_NS "type", key, FALSE));

  g_hash_table_iter_init (&iter, rec->labels);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (label == NULL || label_is_better (key, label))
      label = key;
  if (label != NULL)
    g_ptr_array_add (out, stmt_new (ser, iri, RDFS_NS "label", label, TRUE));

  g_hash_table_iter_init (&iter, rec->labels);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (strcmp (key, label) != 0)
      g_ptr_array_add (out, stmt_new (ser, iri, SKOS_NS "altLabel", key, TRUE));
  if (rec->names == NULL)
    return;
  g_hash_table_iter_init (&iter, rec->names);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if ((label == NULL || strcmp (key, label) != 0) && !g_hash_table_contains (rec->labels, key))
      g_ptr_array_add (out, stmt_new (ser, iri, SKOS_NS "altLabel", key, TRUE));
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
    add_entity_statements (ser, all, key, value);
  g_hash_table_iter_init (&iter, ser->triples);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_ptr_array_add (all, stmt_copy (value));

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

void
kgx_serializer_clear (KgxSerializer *ser)
{
  g_return_if_fail (ser != NULL);

  g_clear_pointer (&ser->statements, g_ptr_array_unref);
  g_ptr_array_set_size (ser->chunks, 0);
  g_hash_table_remove_all (ser->entities);
  g_hash_table_remove_all (ser->triples);
}

/* ---- chunks -------------------------------------------------------- */

KgxChunk *
kgx_serializer_take_chunk (KgxSerializer *ser)
{
  KgxChunk *chunk;

  g_return_val_if_fail (ser != NULL, NULL);

  chunk = g_new0 (KgxChunk, 1);
  chunk->stmts = g_ptr_array_ref (ensure_statements (ser));
  for (guint i = 0; i < chunk->stmts->len; i++)
    chunk->bytes += strlen (((const Stmt *) g_ptr_array_index (chunk->stmts, i))->key) + 1;
  g_clear_pointer (&ser->statements, g_ptr_array_unref);
  g_hash_table_remove_all (ser->entities);
  g_hash_table_remove_all (ser->triples);
  return chunk;
}

void
kgx_serializer_add_chunk (KgxSerializer *ser, KgxChunk *chunk)
{
  g_return_if_fail (ser != NULL);
  g_return_if_fail (chunk != NULL);

  g_ptr_array_add (ser->chunks, chunk);
}

guint
kgx_chunk_get_length (const KgxChunk *chunk)
{
  g_return_val_if_fail (chunk != NULL, 0);

  return chunk->stmts->len;
}

gsize
kgx_chunk_get_size (const KgxChunk *chunk)
{
  g_return_val_if_fail (chunk != NULL, 0);

  return chunk->bytes;
}

void
kgx_chunk_free (KgxChunk *chunk)
{
  if (chunk == NULL)
    return;
  g_ptr_array_unref (chunk->stmts);
  g_free (chunk);
}

/* Everything the next write writes: the statements added since the last
 * write and those of the chunks, sorted, each once.  The array borrows
 * the statements from ensure_statements() and ser->chunks. */
static GPtrArray *
pending_statements (KgxSerializer *ser)
{
  GPtrArray *own = ensure_statements (ser);
  g_autoptr (GPtrArray) all = NULL;
  GPtrArray *unique;
  guint n = own->len;

  if (ser->chunks->len == 0)
    return g_ptr_array_ref (own);
  for (guint c = 0; c < ser->chunks->len; c++)
    n += ((const KgxChunk *) g_ptr_array_index (ser->chunks, c))->stmts->len;
  all = g_ptr_array_sized_new (n);
  for (guint i = 0; i < own->len; i++)
    g_ptr_array_add (all, g_ptr_array_index (own, i));
  for (guint c = 0; c < ser->chunks->len; c++)
    {
      const KgxChunk *chunk = g_ptr_array_index (ser->chunks, c);

      for (guint i = 0; i < chunk->stmts->len; i++)
        g_ptr_array_add (all, g_ptr_array_index (chunk->stmts, i));
    }
  g_ptr_array_sort (all, stmt_compare);
  unique = g_ptr_array_sized_new (all->len);
  for (guint i = 0; i < all->len; i++)
    {
      const Stmt *s = g_ptr_array_index (all, i);

      if (unique->len == 0
          || strcmp (s->key, ((const Stmt *) g_ptr_array_index (unique, unique->len - 1))->key) != 0)
        g_ptr_array_add (unique, (gpointer) s);
    }
  return unique;
}

guint
kgx_serializer_get_triple_count (KgxSerializer *ser)
{
  g_autoptr (GPtrArray) pending = NULL;

  g_return_val_if_fail (ser != NULL, 0);

  pending = pending_statements (ser);
  return pending->len;
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
new_term (raptor_world *world, const char *text, gboolean literal, const char *datatype)
{
  if (literal)
    {
      raptor_uri *dt = NULL;
      raptor_term *term;

      if (datatype != NULL && (dt = raptor_new_uri (world, (const unsigned char *) datatype)) == NULL)
        return NULL;
      term = raptor_new_term_from_literal (world, (const unsigned char *) text, dt, NULL);
      if (dt != NULL)
        raptor_free_uri (dt);
      return term;
    }
  return raptor_new_term_from_uri_string (world, (const unsigned char *) text);
}

/* Feeds @stmt to @rser.  FALSE when raptor could not build or write it. */
static gboolean
serialize_one (raptor_world *world, raptor_serializer *rser, const Stmt *stmt)
{
  raptor_term *s = new_term (world, stmt->subject, FALSE, NULL);
  raptor_term *p = new_term (world, stmt->predicate, FALSE, NULL);
  raptor_term *o = new_term (world, stmt->object, stmt->literal, stmt->datatype);
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
  for (guint i = 0; i + 1 < ser->namespaces->len; i += 2)
    {
      raptor_uri *uri = raptor_new_uri (ser->world, g_ptr_array_index (ser->namespaces, i + 1));

      if (uri == NULL)
        return FALSE;
      raptor_serializer_set_namespace (rser, uri, g_ptr_array_index (ser->namespaces, i));
      raptor_free_uri (uri);
    }
  return TRUE;
}

/* N-Triples and N-Quads: each statement's key is its line. */
static void
write_lines (GPtrArray *statements, Sink *sink)
{
  GString *buf = g_string_sized_new (65536);

  for (guint i = 0; i < statements->len && !sink->failed; i++)
    {
      const Stmt *s = g_ptr_array_index (statements, i);

      g_string_append (buf, s->key);
      g_string_append_c (buf, '\n');
      if (buf->len >= 60000)
        {
          sink_write_all (sink, buf->str, buf->len);
          g_string_truncate (buf, 0);
        }
    }
  sink_write_all (sink, buf->str, buf->len);
  g_string_free (buf, TRUE);
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
  g_autoptr (GPtrArray) owned = NULL;
  g_autoptr (GPtrArray) chunks = NULL;
  Sink sink = { .out = out };
  g_autoptr (GString) buffer = NULL;
  gboolean ok = TRUE;

  g_return_val_if_fail (ser != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* Take what is pending, leaving the serializer empty whatever happens;
   * statements borrows from owned and chunks. */
  statements = pending_statements (ser);
  owned = g_ptr_array_ref (ensure_statements (ser));
  chunks = g_steal_pointer (&ser->chunks);
  ser->chunks = g_ptr_array_new_with_free_func ((GDestroyNotify) kgx_chunk_free);
  g_clear_pointer (&ser->statements, g_ptr_array_unref);
  g_hash_table_remove_all (ser->entities);
  g_hash_table_remove_all (ser->triples);
  g_clear_pointer (&ser->raptor_error, g_free);

  if (ser->format == KGX_FORMAT_NTRIPLES || ser->format == KGX_FORMAT_NQUADS)
    write_lines (statements, &sink);
  else
    {
      GError *world_error = NULL;

      if (!ensure_world (ser, &world_error))
        {
          g_propagate_error (error, world_error);
          return FALSE;
        }
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
