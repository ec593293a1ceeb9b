/* kgx-provenance.c - NIF 2.0 text, PROV-O per relation and the run
 * manifest (see kgx-provenance.h and docs/provenance.md).  It only adds
 * statements to a KgxSerializer: sorting, merging and writing stay there.
 * Offsets are Unicode code points of the analysed text, found with one
 * pass over it per document.
 */
#include "config.h"

#include <string.h>

#include "kgx-identity.h"
#include "kgx-provenance.h"

#define RDF_NS  "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
#define RDFS_NS "http://www.w3.org/2000/01/rdf-schema#"
#define XSD_NS  "http://www.w3.org/2001/XMLSchema#"

#define NIF(x)  KGX_NIF_NS x
#define PROV(x) KGX_PROV_NS x
#define KGXP(x) KGX_PROVENANCE_NS x

/* Where kgextract itself is named, as a prov:SoftwareAgent. */
#define KGX_SOFTWARE_IRI "https://w3id.org/kgextract/software/kgextract-"

G_DEFINE_QUARK (kgx-provenance-error-quark, kgx_provenance_error)

typedef struct {
  char *iri;         /* the rule's IRI */
  char *confidence;  /* its confidence as an xsd:decimal lexical form */
} RuleRef;

struct _KgxProvenance {
  KgxWorld   *world;         /* borrowed */
  char       *base;
  char       *tmpl;          /* nullable: --doc-iri */
  gboolean    context_text;
  char       *run_iri;
  char       *dataset_iri;
  GHashTable *rules;         /* rule name -> RuleRef */
};

static void
rule_ref_free (gpointer data)
{
  RuleRef *r = data;

  g_free (r->iri);
  g_free (r->confidence);
  g_free (r);
}

/* First @n hex digits of SHA-256 over @text. */
static char *
hash_hex (const char *text, gsize n)
{
  g_autofree char *full = g_compute_checksum_for_string (G_CHECKSUM_SHA256, text, -1);

  return g_strndup (full, n);
}

/* Appends @text percent-encoded but for A-Z a-z 0-9 - . _ ~ and, when
 * @slash, '/'. */
static void
append_pct (GString *out, const char *text, gboolean slash)
{
  for (const unsigned char *p = (const unsigned char *) text; *p != '\0'; p++)
    {
      if (g_ascii_isalnum (*p) || strchr ("-._~", *p) != NULL || (slash && *p == '/'))
        g_string_append_c (out, (char) *p);
      else
        g_string_append_printf (out, "%%%02X", *p);
    }
}

static char *
rule_iri (const KgxRuleInfo *info)
{
  g_autofree char *base = g_path_get_basename (info->file ? info->file : "rules");
  GString *iri = g_string_new (KGX_RULE_NS);

  if (g_str_has_suffix (base, ".rules"))
    base[strlen (base) - strlen (".rules")] = '\0';
  append_pct (iri, base, FALSE);
  g_string_append_c (iri, '/');
  append_pct (iri, info->name, TRUE);
  g_string_append_printf (iri, "-%s", info->hash ? info->hash : "0");
  return g_string_free (iri, FALSE);
}

static char *
decimal (double value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  /* Not printf: the locale could make the point a comma. */
  return g_strdup (g_ascii_formatd (buf, sizeof buf, "%.3f", value));
}

/* An absolute IRI (scheme ":" ...) with nothing a serializer escapes. */
static gboolean
iri_is_plain (const char *iri)
{
  const char *p = iri;

  if (iri == NULL || !g_ascii_isalpha (*p))
    return FALSE;
  while (g_ascii_isalnum (*p) || *p == '+' || *p == '-' || *p == '.')
    p++;
  if (*p != ':' || p[1] == '\0')
    return FALSE;
  for (p = iri; *p != '\0'; p++)
    if ((unsigned char) *p <= 0x20 || (unsigned char) *p >= 0x7f
        || strchr ("<>\"{}|^`\\", *p) != NULL)
      return FALSE;
  return TRUE;
}

/* Expands @tmpl for @doc_id; NULL with @error set for an unknown
 * placeholder or an unbalanced brace. */
static char *
expand_template (const char *tmpl, const char *doc_id, GError **error)
{
  GString *out = g_string_new (NULL);

  for (const char *p = tmpl; *p != '\0'; p++)
    {
      if (p[0] == '{' && p[1] == '{')
        {
          g_string_append_c (out, '{');
          p++;
        }
      else if (p[0] == '}' && p[1] == '}')
        {
          g_string_append_c (out, '}');
          p++;
        }
      else if (g_str_has_prefix (p, "{id}"))
        {
          append_pct (out, doc_id, TRUE);
          p += strlen ("{id}") - 1;
        }
      else if (g_str_has_prefix (p, "{slug}"))
        {
          g_autofree char *last = g_path_get_basename (doc_id);
          g_autofree char *slug = kgx_identity_slug (strcmp (doc_id, "-") == 0 ? "stdin" : last);

          g_string_append (out, slug);
          p += strlen ("{slug}") - 1;
        }
      else if (g_str_has_prefix (p, "{hash}"))
        {
          g_autofree char *h = hash_hex (doc_id, 8);

          g_string_append (out, h);
          p += strlen ("{hash}") - 1;
        }
      else if (*p == '{' || *p == '}')
        {
          g_set_error (error, KGX_PROVENANCE_ERROR, KGX_PROVENANCE_ERROR_TEMPLATE,
                       "--doc-iri '%s': unknown placeholder at '%.12s' (use {id}, {slug}, {hash}; "
                       "{{ and }} for braces)", tmpl, p);
          g_string_free (out, TRUE);
          return NULL;
        }
      else
        g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

KgxProvenance *
kgx_provenance_new (KgxWorld *world, const char *base_iri, const char *doc_iri_template,
                    gboolean context_text, GError **error)
{
  g_autoptr (KgxProvenance) prov = NULL;
  g_autoptr (GString) id = g_string_new (NULL);
  g_autofree char *hash = NULL;
  const char *gaz;
  KgxRuleInfo info;

  g_return_val_if_fail (world != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (doc_iri_template != NULL)
    {
      g_autofree char *probe = expand_template (doc_iri_template, "dir/doc.txt#1", error);

      if (probe == NULL)
        return NULL;
      if (!iri_is_plain (probe) || strchr (probe, '#') != NULL)
        {
          g_set_error (error, KGX_PROVENANCE_ERROR, KGX_PROVENANCE_ERROR_TEMPLATE,
                       "--doc-iri '%s' does not make an absolute IRI without '#' "
                       "(it gives '%s')", doc_iri_template, probe);
          return NULL;
        }
    }

  prov = g_new0 (KgxProvenance, 1);
  prov->world = world;
  prov->base = g_strdup (base_iri ? base_iri : KGX_DEFAULT_BASE_IRI);
  prov->tmpl = g_strdup (doc_iri_template);
  prov->context_text = context_text;
  prov->rules = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, rule_ref_free);

  /* The run is named by what makes its output: program, data, options. */
  gaz = kgx_world_get_gazetteer_hash (world);
  g_string_append_printf (id, "kgextract %s\trule language %u\trules %s\tgazetteers %s\t"
                          "ontology %s\tbase %s\tdoc-iri %s\ttext %d",
                          PACKAGE_VERSION, kgx_world_get_rule_language_version (),
                          kgx_world_get_rules_hash (world), gaz ? gaz : "-",
                          kgx_world_get_ontology_version (world)
                            ? kgx_world_get_ontology_version (world) : "-",
                          prov->base, prov->tmpl ? prov->tmpl : "-", context_text);
  for (guint i = 0; kgx_world_get_rule_info (world, i, &info); i++)
    {
      RuleRef *ref = g_new0 (RuleRef, 1);

      ref->iri = rule_iri (&info);
      ref->confidence = decimal (info.confidence);
      g_hash_table_insert (prov->rules, (gpointer) info.name, ref);
      g_string_append_printf (id, "\t%s %s %u", ref->iri, ref->confidence, info.support);
    }
  hash = hash_hex (id->str, 16);
  prov->run_iri = g_strconcat (prov->base, "run/", hash, NULL);
  prov->dataset_iri = g_strconcat (prov->base, "dataset/", hash, NULL);
  return g_steal_pointer (&prov);
}

void
kgx_provenance_free (KgxProvenance *prov)
{
  if (prov == NULL)
    return;
  g_free (prov->base);
  g_free (prov->tmpl);
  g_free (prov->run_iri);
  g_free (prov->dataset_iri);
  g_clear_pointer (&prov->rules, g_hash_table_unref);
  g_free (prov);
}

char *
kgx_provenance_dup_document_iri (KgxProvenance *prov, const char *doc_id)
{
  g_return_val_if_fail (prov != NULL, NULL);

  if (doc_id == NULL)
    doc_id = "-";
  if (prov->tmpl != NULL)
    {
      char *iri = expand_template (prov->tmpl, doc_id, NULL);

      if (iri != NULL)   /* always: the template was checked */
        return iri;
    }
  return kgx_identity_document_iri (prov->base, doc_id);
}

void
kgx_provenance_declare_namespaces (KgxProvenance *prov, KgxSerializer *ser)
{
  g_return_if_fail (prov != NULL && ser != NULL);

  kgx_serializer_add_namespace (ser, "nif", KGX_NIF_NS);
  kgx_serializer_add_namespace (ser, "itsrdf", KGX_ITSRDF_NS);
  kgx_serializer_add_namespace (ser, "prov", KGX_PROV_NS);
  kgx_serializer_add_namespace (ser, "void", KGX_VOID_NS);
  kgx_serializer_add_namespace (ser, "dcterms", KGX_DCT_NS);
  kgx_serializer_add_namespace (ser, "kgxp", KGX_PROVENANCE_NS);
}

/* ---- helpers for statements ---------------------------------------- */

static void
iri (KgxSerializer *ser, const char *s, const char *p, const char *o)
{
  kgx_serializer_add_iri_statement (ser, s, p, o, NULL);
}

static void
lit (KgxSerializer *ser, const char *s, const char *p, const char *text, const char *datatype)
{
  kgx_serializer_add_literal_statement (ser, s, p, text, datatype, NULL);
}

static void
num (KgxSerializer *ser, const char *s, const char *p, guint64 n, const char *datatype)
{
  char buf[32];

  g_snprintf (buf, sizeof buf, "%" G_GUINT64_FORMAT, n);
  lit (ser, s, p, buf, datatype);
}

void
kgx_provenance_add_manifest (KgxProvenance *prov, KgxSerializer *ser)
{
  g_autofree char *agent = g_strconcat (KGX_SOFTWARE_IRI, PACKAGE_VERSION, NULL);
  g_autofree char *label = g_strdup_printf ("kgextract %s", PACKAGE_VERSION);
  const char *run = prov->run_iri;
  const char *ds = prov->dataset_iri;
  const char *gaz = kgx_world_get_gazetteer_hash (prov->world);
  const char *onto = kgx_world_get_ontology_version (prov->world);
  KgxRuleInfo info;

  g_return_if_fail (prov != NULL && ser != NULL);

  iri (ser, agent, RDF_NS "type", PROV ("SoftwareAgent"));
  lit (ser, agent, RDFS_NS "label", label, NULL);
  lit (ser, agent, KGXP ("programVersion"), PACKAGE_VERSION, NULL);

  iri (ser, run, RDF_NS "type", PROV ("Activity"));
  lit (ser, run, RDFS_NS "label", "kgextract run", NULL);
  iri (ser, run, PROV ("wasAssociatedWith"), agent);
  iri (ser, run, PROV ("generated"), ds);
  lit (ser, run, KGXP ("programVersion"), PACKAGE_VERSION, NULL);
  num (ser, run, KGXP ("ruleLanguageVersion"), kgx_world_get_rule_language_version (),
       XSD_NS "integer");
  lit (ser, run, KGXP ("rulesHash"), kgx_world_get_rules_hash (prov->world), NULL);
  if (gaz != NULL)
    lit (ser, run, KGXP ("gazetteerHash"), gaz, NULL);
  if (onto != NULL)
    lit (ser, run, KGXP ("ontologyVersion"), onto, NULL);
  num (ser, run, KGXP ("ruleCount"), kgx_world_get_rule_count (prov->world), XSD_NS "integer");

  iri (ser, ds, RDF_NS "type", KGX_VOID_NS "Dataset");
  iri (ser, ds, PROV ("wasGeneratedBy"), run);
  lit (ser, ds, KGX_VOID_NS "uriSpace", prov->base, NULL);
  iri (ser, ds, KGX_VOID_NS "vocabulary", KGX_ONTOLOGY_NS);
  iri (ser, ds, KGX_VOID_NS "vocabulary", KGX_NIF_NS);
  iri (ser, ds, KGX_VOID_NS "vocabulary", KGX_PROV_NS);

  for (guint i = 0; kgx_world_get_rule_info (prov->world, i, &info); i++)
    {
      const RuleRef *ref = g_hash_table_lookup (prov->rules, info.name);
      g_autofree char *file = g_path_get_basename (info.file ? info.file : "-");

      if (ref == NULL)
        continue;
      iri (ser, ref->iri, RDF_NS "type", KGXP ("Rule"));
      iri (ser, ref->iri, RDF_NS "type", PROV ("Plan"));
      lit (ser, ref->iri, RDFS_NS "label", info.name, NULL);
      lit (ser, ref->iri, KGXP ("ruleFile"), file, NULL);
      num (ser, ref->iri, KGXP ("ruleLine"), info.line, XSD_NS "integer");
      lit (ser, ref->iri, KGXP ("ruleHash"), info.hash ? info.hash : "", NULL);
      lit (ser, ref->iri, KGXP ("confidence"), ref->confidence, XSD_NS "decimal");
      num (ser, ref->iri, KGXP ("support"), info.support, XSD_NS "integer");
      iri (ser, run, PROV ("used"), ref->iri);
    }
}

/* ---- one document -------------------------------------------------- */

/* Byte offsets -> code point offsets, for the offsets of one text. */
typedef struct {
  GArray *bytes;    /* gsize, sorted, unique */
  GArray *points;   /* guint64, the code point offset of each */
} OffsetMap;

static gint
compare_gsize (gconstpointer a, gconstpointer b)
{
  gsize x = *(const gsize *) a, y = *(const gsize *) b;

  return x < y ? -1 : x > y;
}

static void
offset_map_build (OffsetMap *map, const char *text, gsize len)
{
  gsize pos = 0;
  guint64 cp = 0;
  guint k = 0, out = 0;

  g_array_sort (map->bytes, compare_gsize);
  /* unique */
  for (guint i = 0; i < map->bytes->len; i++)
    if (out == 0 || g_array_index (map->bytes, gsize, i) != g_array_index (map->bytes, gsize, out - 1))
      g_array_index (map->bytes, gsize, out++) = g_array_index (map->bytes, gsize, i);
  g_array_set_size (map->bytes, out);
  map->points = g_array_sized_new (FALSE, FALSE, sizeof (guint64), out);
  for (k = 0; k < map->bytes->len; k++)
    {
      gsize want = MIN (g_array_index (map->bytes, gsize, k), len);

      for (; pos < want; pos++)
        if (((guchar) text[pos] & 0xC0) != 0x80)
          cp++;
      g_array_append_val (map->points, cp);
    }
}

static guint64
offset_map_get (const OffsetMap *map, gsize byte)
{
  guint lo = 0, hi = map->bytes->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (g_array_index (map->bytes, gsize, mid) < byte)
        lo = mid + 1;
      else
        hi = mid;
    }
  g_assert (lo < map->bytes->len && g_array_index (map->bytes, gsize, lo) == byte);
  return g_array_index (map->points, guint64, lo);
}

/* DOC#char=B,E (RFC 5147, code points); DOC_char=B,E when DOC already
 * has a fragment (a base IRI ending in '#'). */
static char *
string_iri (const char *doc, guint64 b, guint64 e)
{
  return g_strdup_printf ("%s%schar=%" G_GUINT64_FORMAT ",%" G_GUINT64_FORMAT, doc,
                          strchr (doc, '#') ? "_" : "#", b, e);
}

static void
add_offsets (KgxSerializer *ser, const char *s, const char *context, guint64 b, guint64 e)
{
  iri (ser, s, RDF_NS "type", NIF ("RFC5147String"));
  iri (ser, s, NIF ("referenceContext"), context);
  num (ser, s, NIF ("beginIndex"), b, XSD_NS "nonNegativeInteger");
  num (ser, s, NIF ("endIndex"), e, XSD_NS "nonNegativeInteger");
}

static gboolean
triple_usable (const KgxGraph *graph, const KgxTriple *t, const GPtrArray *iris)
{
  if (t->subject >= graph->entities->len || t->predicate == NULL || *t->predicate == '\0')
    return FALSE;
  if (g_ptr_array_index (iris, t->subject) == NULL)
    return FALSE;
  if (t->object < 0)
    return t->literal != NULL;
  return (guint) t->object < graph->entities->len && g_ptr_array_index (iris, t->object) != NULL;
}

void
kgx_provenance_add_graph (KgxProvenance *prov, KgxSerializer *ser, const KgxGraph *graph,
                          const GPtrArray *iris, const char *url, const char *date)
{
  g_autoptr (GPtrArray) own_iris = NULL;
  g_autofree char *doc = NULL;
  g_autofree char *context = NULL;
  g_autoptr (GPtrArray) sentence_iris = g_ptr_array_new_with_free_func (g_free);
  OffsetMap map = { 0 };
  const char *text = graph->text ? graph->text : "";
  gsize len = graph->text ? graph->text_len : 0;

  g_return_if_fail (prov != NULL && ser != NULL && graph != NULL);

  if (iris == NULL)
    iris = own_iris = kgx_serializer_dup_entity_iris (ser, graph);

  map.bytes = g_array_new (FALSE, FALSE, sizeof (gsize));
  g_array_append_val (map.bytes, len);
  for (guint i = 0; i < graph->sentences->len; i++)
    {
      const KgxSentence *s = &g_array_index (graph->sentences, KgxSentence, i);
      g_array_append_val (map.bytes, s->begin);
      g_array_append_val (map.bytes, s->end);
    }
  for (guint i = 0; i < graph->mentions->len; i++)
    {
      const KgxMention *m = &g_array_index (graph->mentions, KgxMention, i);
      g_array_append_val (map.bytes, m->begin);
      g_array_append_val (map.bytes, m->end);
    }
  offset_map_build (&map, text, len);

  /* The context: the whole text. */
  doc = kgx_provenance_dup_document_iri (prov, graph->doc_id);
  context = string_iri (doc, 0, offset_map_get (&map, len));
  iri (ser, context, RDF_NS "type", NIF ("Context"));
  add_offsets (ser, context, context, 0, offset_map_get (&map, len));
  if (prov->context_text)
    lit (ser, context, NIF ("isString"), text, NULL);
  /* NIF has no word for it: say what the offsets count, on each context. */
  iri (ser, context, KGXP ("offsetUnit"), KGXP ("CodePoint"));
  lit (ser, context, KGX_DCT_NS "identifier", graph->doc_id ? graph->doc_id : "-", NULL);
  if (url != NULL && iri_is_plain (url))
    iri (ser, context, NIF ("sourceUrl"), url);
  if (date != NULL && *date != '\0')
    lit (ser, context, KGX_DCT_NS "created", date, NULL);
  iri (ser, context, KGX_VOID_NS "inDataset", prov->dataset_iri);

  /* Sentences. */
  for (guint i = 0; i < graph->sentences->len; i++)
    {
      const KgxSentence *s = &g_array_index (graph->sentences, KgxSentence, i);
      guint64 b = offset_map_get (&map, s->begin), e = offset_map_get (&map, s->end);
      char *si = string_iri (doc, b, e);

      g_ptr_array_add (sentence_iris, si);
      iri (ser, si, RDF_NS "type", NIF ("Sentence"));
      add_offsets (ser, si, context, b, e);
      if (prov->context_text)
        {
          g_autofree char *anchor = g_strndup (text + s->begin, s->end - s->begin);
          lit (ser, si, NIF ("anchorOf"), anchor, NULL);
        }
    }

  /* Mentions of the entities that are written. */
  for (guint i = 0; i < graph->mentions->len; i++)
    {
      const KgxMention *m = &g_array_index (graph->mentions, KgxMention, i);
      const char *target = m->entity < iris->len ? g_ptr_array_index (iris, m->entity) : NULL;
      const KgxEntity *e;
      g_autofree char *mi = NULL;
      g_autofree char *anchor = NULL;
      g_autofree char *cls = NULL;
      guint64 b, en;

      if (target == NULL)
        continue;
      e = g_ptr_array_index (graph->entities, m->entity);
      b = offset_map_get (&map, m->begin);
      en = offset_map_get (&map, m->end);
      mi = string_iri (doc, b, en);
      anchor = g_strndup (text + m->begin, m->end - m->begin);
      iri (ser, mi, RDF_NS "type", NIF ("Phrase"));
      add_offsets (ser, mi, context, b, en);
      lit (ser, mi, NIF ("anchorOf"), anchor, NULL);
      if (m->sentence < sentence_iris->len)
        iri (ser, mi, NIF ("sentence"), g_ptr_array_index (sentence_iris, m->sentence));
      iri (ser, mi, KGX_ITSRDF_NS "taIdentRef", target);
      if ((cls = kgx_identity_ontology_iri (e->cls)) != NULL)
        iri (ser, mi, KGX_ITSRDF_NS "taClassRef", cls);
    }

  /* Each relation in a graph of its own, described in the default graph. */
  for (guint i = 0; i < graph->triples->len; i++)
    {
      const KgxTriple *t = &g_array_index (graph->triples, KgxTriple, i);
      g_autofree char *pred = NULL;
      g_autofree char *key = NULL;
      g_autofree char *hash = NULL;
      g_autofree char *g = NULL;
      const char *subject;
      const RuleRef *ref;

      if (!triple_usable (graph, t, iris))
        continue;
      pred = kgx_identity_ontology_iri (t->predicate);
      subject = g_ptr_array_index (iris, t->subject);
      key = t->object >= 0
              ? g_strdup_printf ("%s\t%s\t<%s>", subject, pred,
                                 (const char *) g_ptr_array_index (iris, t->object))
              : g_strdup_printf ("%s\t%s\t\"%s", subject, pred, t->literal);
      hash = hash_hex (key, 16);
      g = g_strdup_printf ("%s%striple-%s", doc, strchr (doc, '#') ? "_" : "#", hash);

      if (t->object >= 0)
        {
          const char *object = g_ptr_array_index (iris, t->object);

          kgx_serializer_add_iri_statement (ser, subject, pred, object, g);
          iri (ser, g, RDF_NS "object", object);
        }
      else
        {
          kgx_serializer_add_literal_statement (ser, subject, pred, t->literal, NULL, g);
          lit (ser, g, RDF_NS "object", t->literal, NULL);
        }
      iri (ser, g, RDF_NS "type", RDF_NS "Statement");
      iri (ser, g, RDF_NS "type", PROV ("Entity"));
      iri (ser, g, RDF_NS "subject", subject);
      iri (ser, g, RDF_NS "predicate", pred);
      if (t->sentence < sentence_iris->len)
        iri (ser, g, PROV ("wasDerivedFrom"), g_ptr_array_index (sentence_iris, t->sentence));
      ref = t->rule_name ? g_hash_table_lookup (prov->rules, t->rule_name) : NULL;
      if (ref != NULL)
        {
          iri (ser, g, PROV ("wasGeneratedBy"), ref->iri);
          lit (ser, g, KGXP ("confidence"), ref->confidence, XSD_NS "decimal");
        }
      else
        {
          g_autofree char *c = decimal (KGX_RULE_DEFAULT_CONFIDENCE);
          lit (ser, g, KGXP ("confidence"), c, XSD_NS "decimal");
        }
      iri (ser, g, KGX_VOID_NS "inDataset", prov->dataset_iri);
    }

  g_array_unref (map.bytes);
  g_array_unref (map.points);
}
