/* kgx-ontology.c - load ontology/kgextract.ttl with raptor2 and answer the
 * questions the extractor asks for every entity and triple it writes.
 *
 * Loading keeps every statement, then builds classes, the class hierarchy
 * and, per property, the sets of classes its domain and range admit, so
 * that kgx_ontology_check_triple() is a handful of hash lookups.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <raptor2.h>

#include "kgx-ontology.h"

#define RDF_NS  "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
#define RDFS_NS "http://www.w3.org/2000/01/rdf-schema#"
#define OWL_NS  "http://www.w3.org/2002/07/owl#"
#define VANN_NS "http://purl.org/vocab/vann/"

/* A class expression nests at most this deep; hostile files go no further. */
#define MAX_CLASS_EXPR_DEPTH 32

G_DEFINE_AUTOPTR_CLEANUP_FUNC (raptor_world, raptor_free_world)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (raptor_parser, raptor_free_parser)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (raptor_uri, raptor_free_uri)

G_DEFINE_QUARK (kgx-ontology-error-quark, kgx_ontology_error)

/* The coarse classes of shared/eval/FORMAT.md, in tie-break order. */
static const char *const coarse_names[] = {
  "Person", "Organization", "Place", "Facility", "Event",
};

typedef struct {
  char        *name;        /* local name; the key in KgxOntology.classes */
  const char  *parent;      /* first superclass of our own, or NULL (borrowed) */
  const char  *coarse;      /* one of coarse_names, or NULL */
  GHashTable  *ancestors;   /* local names of own superclasses, self included (borrowed keys) */
} ClassInfo;

typedef struct {
  char        *name;        /* local name; the key in KgxOntology.properties */
  gboolean     datatype;    /* owl:DatatypeProperty: the object is a literal */
  gboolean     symmetric;   /* owl:SymmetricProperty */
  GHashTable  *domain_ok;   /* classes admitted as subject (borrowed keys); NULL = all */
  GHashTable  *range_ok;    /* classes admitted as object (borrowed keys); NULL = all */
  char        *domain_text; /* "Organization or Place", for messages; NULL = unconstrained */
  char        *range_text;
} PropInfo;

struct _KgxOntology {
  char        *ns;          /* "https://w3id.org/kgextract/ontology#" */
  char        *version;     /* owl:versionInfo, or NULL */
  GHashTable  *classes;     /* local name → ClassInfo */
  GHashTable  *properties;  /* local name → PropInfo */
};

/* ------------------------------------------------------------------ */
/* Reading statements                                                  */

typedef enum {
  TERM_IRI,
  TERM_BLANK,
  TERM_LITERAL
} TermKind;

typedef struct {
  const char *s;            /* IRI, or "_:label" for a blank node (interned) */
  const char *p;            /* IRI (interned) */
  const char *o;            /* IRI, "_:label", or a literal's text (interned) */
  TermKind    s_kind;
  TermKind    o_kind;
} Triple;

typedef struct {
  const char   *display_name; /* file name used in messages (borrowed) */
  GStringChunk *strings;      /* every term, interned: equal text, equal pointer */
  GArray       *triples;      /* Triple, in document order */
  GHashTable   *by_subject;   /* interned subject → GPtrArray of Triple *, built after parsing */
  char         *prefix_ns;    /* the IRI "@prefix kgx:" names, if any */
  GError       *error;        /* the first error raptor logged */
  /* interned vocabulary, compared by pointer */
  const char   *rdf_type, *rdf_first, *rdf_rest, *rdf_nil, *rdf_property;
  const char   *rdfs_class, *rdfs_subclassof, *rdfs_domain, *rdfs_range, *rdfs_resource;
  const char   *owl_ontology, *owl_class, *owl_thing, *owl_unionof, *owl_versioninfo;
  const char   *owl_object_property, *owl_datatype_property, *owl_symmetric_property;
  const char   *vann_ns_uri;
} Loader;

static const char *const other_property_types[] = {
  OWL_NS "AsymmetricProperty", OWL_NS "TransitiveProperty",
  OWL_NS "FunctionalProperty", OWL_NS "InverseFunctionalProperty",
  OWL_NS "ReflexiveProperty", OWL_NS "IrreflexiveProperty",
};

static const char *
intern (Loader *l, const char *s)
{
  return g_string_chunk_insert_const (l->strings, s);
}

static void
loader_init (Loader *l, const char *display_name)
{
  memset (l, 0, sizeof *l);
  l->display_name = display_name;
  l->strings = g_string_chunk_new (4096);
  l->triples = g_array_new (FALSE, FALSE, sizeof (Triple));
  l->by_subject = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL,
                                         (GDestroyNotify) g_ptr_array_unref);
  l->rdf_type = intern (l, RDF_NS "type");
  l->rdf_first = intern (l, RDF_NS "first");
  l->rdf_rest = intern (l, RDF_NS "rest");
  l->rdf_nil = intern (l, RDF_NS "nil");
  l->rdf_property = intern (l, RDF_NS "Property");
  l->rdfs_class = intern (l, RDFS_NS "Class");
  l->rdfs_subclassof = intern (l, RDFS_NS "subClassOf");
  l->rdfs_domain = intern (l, RDFS_NS "domain");
  l->rdfs_range = intern (l, RDFS_NS "range");
  l->rdfs_resource = intern (l, RDFS_NS "Resource");
  l->owl_ontology = intern (l, OWL_NS "Ontology");
  l->owl_class = intern (l, OWL_NS "Class");
  l->owl_thing = intern (l, OWL_NS "Thing");
  l->owl_unionof = intern (l, OWL_NS "unionOf");
  l->owl_versioninfo = intern (l, OWL_NS "versionInfo");
  l->owl_object_property = intern (l, OWL_NS "ObjectProperty");
  l->owl_datatype_property = intern (l, OWL_NS "DatatypeProperty");
  l->owl_symmetric_property = intern (l, OWL_NS "SymmetricProperty");
  l->vann_ns_uri = intern (l, VANN_NS "preferredNamespaceUri");
}

static void
loader_clear (Loader *l)
{
  g_clear_pointer (&l->by_subject, g_hash_table_unref);
  g_clear_pointer (&l->triples, g_array_unref);
  g_clear_pointer (&l->strings, g_string_chunk_free);
  g_clear_pointer (&l->prefix_ns, g_free);
  g_clear_error (&l->error);
}

static const char *
intern_term (Loader *l, raptor_term *term, TermKind *kind)
{
  switch (term->type)
    {
    case RAPTOR_TERM_TYPE_URI:
      *kind = TERM_IRI;
      return intern (l, (const char *) raptor_uri_as_string (term->value.uri));
    case RAPTOR_TERM_TYPE_BLANK:
      {
        g_autofree char *label = g_strconcat ("_:", (const char *) term->value.blank.string, NULL);

        *kind = TERM_BLANK;
        return intern (l, label);
      }
    case RAPTOR_TERM_TYPE_LITERAL:
      *kind = TERM_LITERAL;
      return intern (l, (const char *) term->value.literal.string);
    case RAPTOR_TERM_TYPE_UNKNOWN:
    default:
      return NULL;
    }
}

static void
on_statement (void *user_data, raptor_statement *statement)
{
  Loader *l = user_data;
  Triple t;
  TermKind p_kind;

  t.s = intern_term (l, statement->subject, &t.s_kind);
  t.p = intern_term (l, statement->predicate, &p_kind);
  t.o = intern_term (l, statement->object, &t.o_kind);
  if (t.s == NULL || t.p == NULL || t.o == NULL)
    return;
  g_array_append_val (l->triples, t);
}

static void
on_namespace (void *user_data, raptor_namespace *nspace)
{
  Loader *l = user_data;
  const unsigned char *prefix = raptor_namespace_get_prefix (nspace);
  raptor_uri *uri = raptor_namespace_get_uri (nspace);

  if (l->prefix_ns == NULL && prefix != NULL && uri != NULL
      && strcmp ((const char *) prefix, "kgx") == 0)
    l->prefix_ns = g_strdup ((const char *) raptor_uri_as_string (uri));
}

/* raptor's voice, turned into the first GError ("FILE:LINE:COL: text"). */
static void
on_log (void *user_data, raptor_log_message *message)
{
  Loader *l = user_data;
  const raptor_locator *loc = message->locator;
  g_autoptr(GString) where = g_string_new (l->display_name);

  if (message->level < RAPTOR_LOG_LEVEL_ERROR)
    {
      g_debug ("%s: raptor: %s", l->display_name, message->text);
      return;
    }
  if (l->error != NULL)
    return;
  if (loc != NULL && loc->line > 0)
    {
      g_string_append_printf (where, ":%d", loc->line);
      if (loc->column > 0)
        g_string_append_printf (where, ":%d", loc->column);
    }
  g_set_error (&l->error, KGX_ONTOLOGY_ERROR, KGX_ONTOLOGY_ERROR_PARSE,
               "%s: %s", where->str, message->text ? message->text : "parse error");
}

static gboolean
parse_turtle (Loader      *l,
              const char  *data,
              gsize        len,
              const char  *base_uri,
              GError     **error)
{
  g_autoptr(raptor_world) world = NULL;
  g_autoptr(raptor_uri) base = NULL;
  g_autoptr(raptor_parser) parser = NULL;
  int rc;

  world = raptor_new_world ();
  if (world == NULL)
    {
      g_set_error (error, KGX_ONTOLOGY_ERROR, KGX_ONTOLOGY_ERROR_FAILED,
                   "%s: cannot create a raptor world", l->display_name);
      return FALSE;
    }
  raptor_world_set_log_handler (world, l, on_log);
  if (raptor_world_open (world) != 0)
    {
      g_set_error (error, KGX_ONTOLOGY_ERROR, KGX_ONTOLOGY_ERROR_FAILED,
                   "%s: cannot open the raptor world", l->display_name);
      return FALSE;
    }
  base = raptor_new_uri (world, (const unsigned char *) base_uri);
  parser = raptor_new_parser (world, "turtle");
  if (base == NULL || parser == NULL)
    {
      g_set_error (error, KGX_ONTOLOGY_ERROR, KGX_ONTOLOGY_ERROR_FAILED,
                   "%s: cannot create the raptor Turtle parser", l->display_name);
      return FALSE;
    }
  /* An ontology file has no business fetching anything. */
  (void) raptor_parser_set_option (parser, RAPTOR_OPTION_NO_NET, NULL, 1);
  (void) raptor_parser_set_option (parser, RAPTOR_OPTION_NO_FILE, NULL, 1);
  raptor_parser_set_statement_handler (parser, l, on_statement);
  raptor_parser_set_namespace_handler (parser, l, on_namespace);

  rc = raptor_parser_parse_start (parser, base);
  if (rc == 0)
    rc = raptor_parser_parse_chunk (parser, (const unsigned char *) data, len, 1);

  if (l->error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&l->error));
      return FALSE;
    }
  if (rc != 0)
    {
      g_set_error (error, KGX_ONTOLOGY_ERROR, KGX_ONTOLOGY_ERROR_PARSE,
                   "%s: Turtle parsing failed", l->display_name);
      return FALSE;
    }
  return TRUE;
}

static void
index_triples (Loader *l)
{
  for (guint i = 0; i < l->triples->len; i++)
    {
      Triple *t = &g_array_index (l->triples, Triple, i);
      GPtrArray *list = g_hash_table_lookup (l->by_subject, t->s);

      if (list == NULL)
        {
          list = g_ptr_array_new ();
          g_hash_table_insert (l->by_subject, (gpointer) t->s, list);
        }
      g_ptr_array_add (list, t);
    }
}

/* The first statement (s, p, ?) in document order, or NULL. */
static const Triple *
find_first (Loader *l, const char *s, const char *p)
{
  GPtrArray *list = g_hash_table_lookup (l->by_subject, s);

  if (list == NULL)
    return NULL;
  for (guint i = 0; i < list->len; i++)
    {
      const Triple *t = g_ptr_array_index (list, i);

      if (t->p == p)
        return t;
    }
  return NULL;
}

/* ------------------------------------------------------------------ */
/* Building the model                                                  */

static void
class_info_free (gpointer data)
{
  ClassInfo *c = data;

  g_free (c->name);
  g_clear_pointer (&c->ancestors, g_hash_table_unref);
  g_free (c);
}

static void
prop_info_free (gpointer data)
{
  PropInfo *p = data;

  g_free (p->name);
  g_clear_pointer (&p->domain_ok, g_hash_table_unref);
  g_clear_pointer (&p->range_ok, g_hash_table_unref);
  g_free (p->domain_text);
  g_free (p->range_text);
  g_free (p);
}

static KgxOntology *
ontology_new (void)
{
  KgxOntology *onto = g_new0 (KgxOntology, 1);

  onto->classes = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, class_info_free);
  onto->properties = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, prop_info_free);
  return onto;
}

/* The local name of iri when it lies in namespace ns, else NULL. */
static const char *
own_local_name (const char *ns, const char *iri)
{
  gsize n = strlen (ns);
  const char *rest;

  if (strncmp (iri, ns, n) != 0)
    return NULL;
  rest = iri + n;
  if (*rest == '\0' || strpbrk (rest, "#/") != NULL)
    return NULL;
  return rest;
}

static char *
find_namespace (Loader *l, const char *ontology_iri)
{
  if (ontology_iri != NULL)
    {
      const Triple *t = find_first (l, ontology_iri, l->vann_ns_uri);

      if (t != NULL && t->o_kind != TERM_BLANK && *t->o != '\0')
        return g_strdup (t->o);
    }
  if (l->prefix_ns != NULL)
    return g_strdup (l->prefix_ns);
  if (ontology_iri != NULL)
    {
      if (g_str_has_suffix (ontology_iri, "#") || g_str_has_suffix (ontology_iri, "/"))
        return g_strdup (ontology_iri);
      return g_strconcat (ontology_iri, "#", NULL);
    }
  return NULL;
}

static PropInfo *
ensure_prop (KgxOntology *onto, const char *local)
{
  PropInfo *p = g_hash_table_lookup (onto->properties, local);

  if (p == NULL)
    {
      p = g_new0 (PropInfo, 1);
      p->name = g_strdup (local);
      g_hash_table_insert (onto->properties, p->name, p);
    }
  return p;
}

static gboolean
is_property_type (Loader *l, const char *type)
{
  if (type == l->owl_object_property || type == l->owl_datatype_property
      || type == l->owl_symmetric_property || type == l->rdf_property)
    return TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (other_property_types); i++)
    if (strcmp (type, other_property_types[i]) == 0)
      return TRUE;
  return FALSE;
}

/* Classes and properties are the subjects of our namespace typed as such. */
static gboolean
collect_declarations (Loader       *l,
                      KgxOntology  *onto,
                      GHashTable   *iri_to_class,
                      GHashTable   *iri_to_prop,
                      GError      **error)
{
  g_autoptr(GHashTable) object_props = g_hash_table_new (g_str_hash, g_str_equal);
  GHashTableIter iter;
  PropInfo *p;

  for (guint i = 0; i < l->triples->len; i++)
    {
      const Triple *t = &g_array_index (l->triples, Triple, i);
      const char *local;

      if (t->p != l->rdf_type || t->s_kind != TERM_IRI || t->o_kind != TERM_IRI)
        continue;
      local = own_local_name (onto->ns, t->s);
      if (local == NULL)
        continue;
      if (t->o == l->owl_class || t->o == l->rdfs_class)
        {
          if (!g_hash_table_contains (onto->classes, local))
            {
              ClassInfo *c = g_new0 (ClassInfo, 1);

              c->name = g_strdup (local);
              c->ancestors = g_hash_table_new (g_str_hash, g_str_equal);
              g_hash_table_insert (onto->classes, c->name, c);
              g_hash_table_insert (iri_to_class, (gpointer) t->s, c);
            }
        }
      else if (is_property_type (l, t->o))
        {
          PropInfo *prop = ensure_prop (onto, local);

          g_hash_table_insert (iri_to_prop, (gpointer) t->s, prop);
          if (t->o == l->owl_datatype_property)
            prop->datatype = TRUE;
          else if (t->o == l->owl_symmetric_property)
            prop->symmetric = TRUE;
          if (t->o == l->owl_object_property || t->o == l->owl_symmetric_property)
            g_hash_table_add (object_props, prop->name);
        }
    }

  g_hash_table_iter_init (&iter, onto->properties);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &p))
    if (p->datatype && g_hash_table_contains (object_props, p->name))
      {
        g_set_error (error, KGX_ONTOLOGY_ERROR, KGX_ONTOLOGY_ERROR_FAILED,
                     "%s: %s is declared both an object and a datatype property",
                     l->display_name, p->name);
        return FALSE;
      }
  return TRUE;
}

/* Breadth-first walk up rdfs:subClassOf from iri (any IRI, ours or not).
 * Returns interned IRI → GUINT_TO_POINTER (distance + 1); iri itself is
 * at distance 0.  Cycles end the walk: each IRI is visited once. */
static GHashTable *
collect_ancestors (Loader *l, const char *iri)
{
  GHashTable *dist = g_hash_table_new (g_direct_hash, g_direct_equal);
  g_autoptr(GQueue) queue = g_queue_new ();

  g_hash_table_insert (dist, (gpointer) iri, GUINT_TO_POINTER (1));
  g_queue_push_tail (queue, (gpointer) iri);
  while (!g_queue_is_empty (queue))
    {
      const char *node = g_queue_pop_head (queue);
      guint d = GPOINTER_TO_UINT (g_hash_table_lookup (dist, node));
      GPtrArray *list = g_hash_table_lookup (l->by_subject, node);

      for (guint i = 0; list != NULL && i < list->len; i++)
        {
          const Triple *t = g_ptr_array_index (list, i);

          if (t->p != l->rdfs_subclassof || t->o_kind != TERM_IRI
              || g_hash_table_contains (dist, t->o))
            continue;
          g_hash_table_insert (dist, (gpointer) t->o, GUINT_TO_POINTER (d + 1));
          g_queue_push_tail (queue, (gpointer) t->o);
        }
    }
  return dist;
}

/* Fills ancestors, parent and coarse class of every class; keeps the IRI
 * ancestor sets in class_ancestors (ClassInfo → GHashTable) for the
 * domain and range computation. */
static void
build_hierarchy (Loader       *l,
                 KgxOntology  *onto,
                 GHashTable   *iri_to_class,
                 GHashTable   *class_ancestors)
{
  GHashTableIter iter;
  const char *iri;
  ClassInfo *c;

  g_hash_table_iter_init (&iter, iri_to_class);
  while (g_hash_table_iter_next (&iter, (gpointer *) &iri, (gpointer *) &c))
    {
      GHashTable *dist = collect_ancestors (l, iri);
      GHashTableIter it2;
      const char *anc;
      GPtrArray *list;
      guint best = G_MAXUINT;

      g_hash_table_iter_init (&it2, dist);
      while (g_hash_table_iter_next (&it2, (gpointer *) &anc, NULL))
        {
          ClassInfo *a = g_hash_table_lookup (iri_to_class, anc);

          if (a != NULL)
            g_hash_table_add (c->ancestors, a->name);
        }

      for (guint i = 0; i < G_N_ELEMENTS (coarse_names); i++)
        {
          g_autofree char *coarse_iri = g_strconcat (onto->ns, coarse_names[i], NULL);
          guint d = GPOINTER_TO_UINT (g_hash_table_lookup (dist, intern (l, coarse_iri)));

          if (d != 0 && d < best
              && g_hash_table_contains (onto->classes, coarse_names[i]))
            {
              best = d;
              c->coarse = coarse_names[i];
            }
        }

      list = g_hash_table_lookup (l->by_subject, iri);
      for (guint i = 0; list != NULL && i < list->len && c->parent == NULL; i++)
        {
          const Triple *t = g_ptr_array_index (list, i);
          ClassInfo *p;

          if (t->p != l->rdfs_subclassof || t->o_kind != TERM_IRI)
            continue;
          p = g_hash_table_lookup (iri_to_class, t->o);
          if (p != NULL && p != c)
            c->parent = p->name;
        }

      g_hash_table_insert (class_ancestors, c, dist);
    }
}

/* Adds to members the IRIs a class expression names: an IRI, or a blank
 * node with owl:unionOf (nested unions allowed). */
static gboolean
expand_class_expr (Loader      *l,
                   const char  *prop,
                   const char  *what,
                   const char  *term,
                   TermKind     kind,
                   GPtrArray   *members,
                   GHashTable  *seen,
                   guint        depth,
                   GError     **error)
{
  const Triple *u;
  const char *node;

  if (kind == TERM_IRI)
    {
      g_ptr_array_add (members, (gpointer) term);
      return TRUE;
    }
  if (kind == TERM_LITERAL || depth > MAX_CLASS_EXPR_DEPTH
      || !g_hash_table_add (seen, (gpointer) term))
    goto bad;
  u = find_first (l, term, l->owl_unionof);
  if (u == NULL)
    goto bad;
  for (node = u->o; node != l->rdf_nil; )
    {
      const Triple *first = find_first (l, node, l->rdf_first);
      const Triple *rest = find_first (l, node, l->rdf_rest);

      if (first == NULL || rest == NULL || !g_hash_table_add (seen, (gpointer) node))
        goto bad;
      if (!expand_class_expr (l, prop, what, first->o, first->o_kind, members, seen,
                              depth + 1, error))
        return FALSE;
      node = rest->o;
    }
  return TRUE;

bad:
  if (error != NULL && *error == NULL)
    g_set_error (error, KGX_ONTOLOGY_ERROR, KGX_ONTOLOGY_ERROR_FAILED,
                 "%s: %s: %s is not a class or an owl:unionOf list of classes",
                 l->display_name, prop, what);
  return FALSE;
}

static char *
member_display (KgxOntology *onto, const char *iri)
{
  const char *local = own_local_name (onto->ns, iri);

  return local ? g_strdup (local) : g_strdup_printf ("<%s>", iri);
}

/* Computes the classes a property's rdfs:domain (or rdfs:range) admits:
 * each statement is a constraint, and a class passes when, for every
 * constraint, it is a subclass of one of its members.  *ok_out stays NULL
 * when nothing constrains the property. */
static gboolean
compute_admitted (Loader       *l,
                  KgxOntology  *onto,
                  const char   *prop_iri,
                  PropInfo     *p,
                  const char   *pred,
                  gboolean      classes_only,
                  GHashTable   *iri_to_class,
                  GHashTable   *class_ancestors,
                  GHashTable  **ok_out,
                  char        **text_out,
                  GError      **error)
{
  const char *what = pred == l->rdfs_domain ? "rdfs:domain" : "rdfs:range";
  GPtrArray *list = g_hash_table_lookup (l->by_subject, prop_iri);
  g_autoptr(GPtrArray) constraints = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  g_autoptr(GString) text = g_string_new (NULL);
  GHashTable *ok;
  GHashTableIter iter;
  ClassInfo *c;
  GHashTable *anc;

  for (guint i = 0; list != NULL && i < list->len; i++)
    {
      const Triple *t = g_ptr_array_index (list, i);
      g_autoptr(GPtrArray) members = g_ptr_array_new ();
      g_autoptr(GHashTable) seen = g_hash_table_new (g_direct_hash, g_direct_equal);
      gboolean any = FALSE;

      if (t->p != pred)
        continue;
      if (!expand_class_expr (l, p->name, what, t->o, t->o_kind, members, seen, 0, error))
        return FALSE;
      for (guint j = 0; j < members->len; j++)
        {
          const char *m = g_ptr_array_index (members, j);

          if (m == l->owl_thing || m == l->rdfs_resource)
            any = TRUE;
          else if (classes_only && own_local_name (onto->ns, m) != NULL
                   && g_hash_table_lookup (iri_to_class, m) == NULL)
            {
              g_set_error (error, KGX_ONTOLOGY_ERROR, KGX_ONTOLOGY_ERROR_UNKNOWN_CLASS,
                           "%s: %s: %s names %s, which is not a class of the ontology",
                           l->display_name, p->name, what, own_local_name (onto->ns, m));
              return FALSE;
            }
        }
      if (any || !classes_only)
        continue;
      if (text->len > 0)
        g_string_append (text, " and ");
      for (guint j = 0; j < members->len; j++)
        {
          g_autofree char *d = member_display (onto, g_ptr_array_index (members, j));

          g_string_append_printf (text, "%s%s", j > 0 ? " or " : "", d);
        }
      g_ptr_array_add (constraints, g_steal_pointer (&members));
    }

  if (constraints->len == 0)
    return TRUE;

  ok = g_hash_table_new (g_str_hash, g_str_equal);
  g_hash_table_iter_init (&iter, class_ancestors);
  while (g_hash_table_iter_next (&iter, (gpointer *) &c, (gpointer *) &anc))
    {
      gboolean pass = TRUE;

      for (guint i = 0; i < constraints->len && pass; i++)
        {
          GPtrArray *members = g_ptr_array_index (constraints, i);

          pass = FALSE;
          for (guint j = 0; j < members->len && !pass; j++)
            pass = g_hash_table_contains (anc, g_ptr_array_index (members, j));
        }
      if (pass)
        g_hash_table_add (ok, c->name);
    }
  *ok_out = ok;
  *text_out = g_string_free (g_steal_pointer (&text), FALSE);
  return TRUE;
}

static gboolean
build_properties (Loader       *l,
                  KgxOntology  *onto,
                  GHashTable   *iri_to_class,
                  GHashTable   *iri_to_prop,
                  GHashTable   *class_ancestors,
                  GError      **error)
{
  GHashTableIter iter;
  const char *iri;
  PropInfo *p;

  g_hash_table_iter_init (&iter, iri_to_prop);
  while (g_hash_table_iter_next (&iter, (gpointer *) &iri, (gpointer *) &p))
    {
      if (!compute_admitted (l, onto, iri, p, l->rdfs_domain, TRUE, iri_to_class,
                             class_ancestors, &p->domain_ok, &p->domain_text, error))
        return FALSE;
      /* A datatype property's range names datatypes, which are not checked. */
      if (!compute_admitted (l, onto, iri, p, l->rdfs_range, !p->datatype, iri_to_class,
                             class_ancestors, &p->range_ok, &p->range_text, error))
        return FALSE;
    }
  return TRUE;
}

static KgxOntology *
build_ontology (Loader *l, GError **error)
{
  g_autoptr(KgxOntology) onto = ontology_new ();
  g_autoptr(GHashTable) iri_to_class = g_hash_table_new (g_direct_hash, g_direct_equal);
  g_autoptr(GHashTable) iri_to_prop = g_hash_table_new (g_direct_hash, g_direct_equal);
  g_autoptr(GHashTable) class_ancestors =
    g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, (GDestroyNotify) g_hash_table_unref);
  const char *ontology_iri = NULL;

  index_triples (l);

  for (guint i = 0; i < l->triples->len && ontology_iri == NULL; i++)
    {
      const Triple *t = &g_array_index (l->triples, Triple, i);

      if (t->p == l->rdf_type && t->o == l->owl_ontology
          && t->o_kind == TERM_IRI && t->s_kind == TERM_IRI)
        ontology_iri = t->s;
    }

  onto->ns = find_namespace (l, ontology_iri);
  if (onto->ns == NULL)
    {
      g_set_error (error, KGX_ONTOLOGY_ERROR, KGX_ONTOLOGY_ERROR_FAILED,
                   "%s: no namespace: the file declares neither an owl:Ontology nor a kgx: prefix",
                   l->display_name);
      return NULL;
    }
  if (ontology_iri != NULL)
    {
      const Triple *t = find_first (l, ontology_iri, l->owl_versioninfo);

      if (t != NULL && t->o_kind == TERM_LITERAL)
        onto->version = g_strdup (t->o);
    }

  if (!collect_declarations (l, onto, iri_to_class, iri_to_prop, error))
    return NULL;
  build_hierarchy (l, onto, iri_to_class, class_ancestors);
  if (!build_properties (l, onto, iri_to_class, iri_to_prop, class_ancestors, error))
    return NULL;
  return g_steal_pointer (&onto);
}

/* ------------------------------------------------------------------ */
/* Public API                                                          */

static char *
base_uri_for (const char *base_name)
{
  g_autofree char *abs = NULL;
  char *uri;

  if (g_uri_is_valid (base_name, G_URI_FLAGS_NONE, NULL))
    return g_strdup (base_name);
  abs = g_canonicalize_filename (base_name, NULL);
  uri = g_filename_to_uri (abs, NULL, NULL);
  return uri ? uri : g_strdup ("file:///ontology.ttl");
}

/**
 * kgx_ontology_new_from_data:
 * @turtle: (array length=len): the ontology in Turtle
 * @len: length of @turtle in bytes
 * @base_name: (nullable): file name for messages and base IRI, or NULL
 * @error: return location for a #GError
 *
 * Parses an ontology held in memory; tests and fuzzers use it directly.
 *
 * Returns: (transfer full) (nullable): the ontology, or NULL with @error
 *   set (%KGX_ONTOLOGY_ERROR_PARSE with "FILE:LINE: message" for bad
 *   Turtle, another %KGX_ONTOLOGY_ERROR code for a malformed ontology).
 */
KgxOntology *
kgx_ontology_new_from_data (const char  *turtle,
                            gsize        len,
                            const char  *base_name,
                            GError     **error)
{
  Loader l;
  g_autofree char *base_uri = NULL;
  KgxOntology *onto = NULL;

  g_return_val_if_fail (turtle != NULL || len == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (base_name == NULL)
    base_name = "ontology.ttl";
  base_uri = base_uri_for (base_name);
  loader_init (&l, base_name);
  if (parse_turtle (&l, turtle ? turtle : "", len, base_uri, error))
    onto = build_ontology (&l, error);
  loader_clear (&l);
  return onto;
}

/**
 * kgx_ontology_new_from_file:
 * @path: a Turtle file
 * @error: return location for a #GError
 *
 * Reads and parses the ontology in @path.
 *
 * Returns: (transfer full) (nullable): the ontology, or NULL with @error
 *   set (a #G_FILE_ERROR when @path cannot be read, otherwise as for
 *   kgx_ontology_new_from_data()).
 */
KgxOntology *
kgx_ontology_new_from_file (const char  *path,
                            GError     **error)
{
  g_autofree char *data = NULL;
  gsize len = 0;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!g_file_get_contents (path, &data, &len, error))
    return NULL;
  return kgx_ontology_new_from_data (data, len, path, error);
}

/**
 * kgx_ontology_free:
 * @onto: (nullable): an ontology
 *
 * Frees @onto and every string it handed out. Does nothing for NULL.
 */
void
kgx_ontology_free (KgxOntology *onto)
{
  if (onto == NULL)
    return;
  g_free (onto->ns);
  g_free (onto->version);
  /* Class ancestor sets and property sets borrow class names: free the
   * properties first, then the classes. */
  g_hash_table_unref (onto->properties);
  g_hash_table_unref (onto->classes);
  g_free (onto);
}

/**
 * kgx_ontology_get_namespace:
 * @onto: an ontology
 *
 * Returns: (transfer none): the namespace of the ontology's own terms,
 *   from vann:preferredNamespaceUri, the kgx: prefix, or the owl:Ontology
 *   IRI followed by "#", in that order.
 */
const char *
kgx_ontology_get_namespace (KgxOntology *onto)
{
  g_return_val_if_fail (onto != NULL, NULL);
  return onto->ns;
}

/**
 * kgx_ontology_get_version:
 * @onto: an ontology
 *
 * Returns: (transfer none) (nullable): the owl:versionInfo of the
 *   owl:Ontology, or NULL when it has none.
 */
const char *
kgx_ontology_get_version (KgxOntology *onto)
{
  g_return_val_if_fail (onto != NULL, NULL);
  return onto->version;
}

/**
 * kgx_ontology_has_class:
 * @onto: an ontology
 * @local_name: a class's local name, such as "Company"
 *
 * Returns: TRUE when the ontology declares the class in its own namespace.
 */
gboolean
kgx_ontology_has_class (KgxOntology *onto,
                        const char  *local_name)
{
  g_return_val_if_fail (onto != NULL, FALSE);
  return local_name != NULL && g_hash_table_contains (onto->classes, local_name);
}

/**
 * kgx_ontology_has_property:
 * @onto: an ontology
 * @local_name: a property's local name, such as "heads"
 *
 * Returns: TRUE when the ontology declares the property in its own namespace.
 */
gboolean
kgx_ontology_has_property (KgxOntology *onto,
                           const char  *local_name)
{
  g_return_val_if_fail (onto != NULL, FALSE);
  return local_name != NULL && g_hash_table_contains (onto->properties, local_name);
}

/**
 * kgx_ontology_is_datatype_property:
 * @onto: an ontology
 * @prop: a property's local name
 *
 * Returns: TRUE when @prop is an owl:DatatypeProperty (its object is a
 *   literal); FALSE for object properties and unknown names.
 */
gboolean
kgx_ontology_is_datatype_property (KgxOntology *onto,
                                   const char  *prop)
{
  PropInfo *p;

  g_return_val_if_fail (onto != NULL, FALSE);
  p = prop ? g_hash_table_lookup (onto->properties, prop) : NULL;
  return p != NULL && p->datatype;
}

/**
 * kgx_ontology_is_symmetric:
 * @onto: an ontology
 * @prop: a property's local name
 *
 * Returns: TRUE when @prop is an owl:SymmetricProperty.
 */
gboolean
kgx_ontology_is_symmetric (KgxOntology *onto,
                           const char  *prop)
{
  PropInfo *p;

  g_return_val_if_fail (onto != NULL, FALSE);
  p = prop ? g_hash_table_lookup (onto->properties, prop) : NULL;
  return p != NULL && p->symmetric;
}

/**
 * kgx_ontology_is_subclass_of:
 * @onto: an ontology
 * @cls: a class's local name
 * @ancestor: another class's local name
 *
 * Reflexive and transitive; cycles in rdfs:subClassOf are harmless.
 *
 * Returns: TRUE when @cls is @ancestor or a subclass of it at any depth;
 *   FALSE when either is not a class of the ontology.
 */
gboolean
kgx_ontology_is_subclass_of (KgxOntology *onto,
                             const char  *cls,
                             const char  *ancestor)
{
  ClassInfo *c;

  g_return_val_if_fail (onto != NULL, FALSE);
  c = cls ? g_hash_table_lookup (onto->classes, cls) : NULL;
  return c != NULL && ancestor != NULL && g_hash_table_contains (c->ancestors, ancestor);
}

/**
 * kgx_ontology_get_coarse_class:
 * @onto: an ontology
 * @cls: a class's local name
 *
 * The coarse class is the nearest of Person, Organization, Place, Facility
 * and Event above @cls (ties go to the first in that order).
 *
 * Returns: (transfer none) (nullable): the coarse class, or NULL when @cls
 *   is unknown or under none of them.
 */
const char *
kgx_ontology_get_coarse_class (KgxOntology *onto,
                               const char  *cls)
{
  ClassInfo *c;

  g_return_val_if_fail (onto != NULL, NULL);
  c = cls ? g_hash_table_lookup (onto->classes, cls) : NULL;
  return c ? c->coarse : NULL;
}

/**
 * kgx_ontology_get_parent_class:
 * @onto: an ontology
 * @cls: a class's local name
 *
 * Returns: (transfer none) (nullable): the first direct superclass of
 *   @cls that is a class of the ontology (in file order), or NULL.
 */
const char *
kgx_ontology_get_parent_class (KgxOntology *onto,
                               const char  *cls)
{
  ClassInfo *c;

  g_return_val_if_fail (onto != NULL, NULL);
  c = cls ? g_hash_table_lookup (onto->classes, cls) : NULL;
  return c ? c->parent : NULL;
}

static int
compare_strings (const void *a,
                 const void *b)
{
  return strcmp (*(char *const *) a, *(char *const *) b);
}

static char **
sorted_names (GHashTable *table)
{
  guint n = 0;
  char **names = (char **) g_hash_table_get_keys_as_array (table, &n);

  for (guint i = 0; i < n; i++)
    names[i] = g_strdup (names[i]);
  qsort (names, n, sizeof (char *), compare_strings);
  return names;
}

/**
 * kgx_ontology_dup_class_names:
 * @onto: an ontology
 *
 * Returns: (transfer full): the local names of all classes, sorted;
 *   free with g_strfreev().
 */
char **
kgx_ontology_dup_class_names (KgxOntology *onto)
{
  g_return_val_if_fail (onto != NULL, NULL);
  return sorted_names (onto->classes);
}

/**
 * kgx_ontology_dup_property_names:
 * @onto: an ontology
 *
 * Returns: (transfer full): the local names of all properties, sorted;
 *   free with g_strfreev().
 */
char **
kgx_ontology_dup_property_names (KgxOntology *onto)
{
  g_return_val_if_fail (onto != NULL, NULL);
  return sorted_names (onto->properties);
}

/**
 * kgx_ontology_check_triple:
 * @onto: an ontology
 * @subj_cls: the local name of the subject's class
 * @prop: the local name of the property
 * @obj_cls: (nullable): the local name of the object's class, or NULL
 *   when the object is a literal
 * @error: return location for a #GError
 *
 * Checks a triple against the property's domain and range.  A class
 * passes a union when it is a subclass of any member.  A literal object
 * passes only for a datatype property, an entity object only for an
 * object property.  This runs for every triple, so it only looks up sets
 * computed at load time.
 *
 * Returns: TRUE when the triple fits; FALSE with @error set to
 *   %KGX_ONTOLOGY_ERROR_UNKNOWN_PROPERTY, %KGX_ONTOLOGY_ERROR_UNKNOWN_CLASS,
 *   %KGX_ONTOLOGY_ERROR_DOMAIN or %KGX_ONTOLOGY_ERROR_RANGE otherwise.
 */
gboolean
kgx_ontology_check_triple (KgxOntology  *onto,
                           const char   *subj_cls,
                           const char   *prop,
                           const char   *obj_cls,
                           GError      **error)
{
  PropInfo *p;

  g_return_val_if_fail (onto != NULL, FALSE);
  g_return_val_if_fail (subj_cls != NULL, FALSE);
  g_return_val_if_fail (prop != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  p = g_hash_table_lookup (onto->properties, prop);
  if (p == NULL)
    {
      g_set_error (error, KGX_ONTOLOGY_ERROR, KGX_ONTOLOGY_ERROR_UNKNOWN_PROPERTY,
                   "unknown property %s", prop);
      return FALSE;
    }
  if (!g_hash_table_contains (onto->classes, subj_cls))
    {
      g_set_error (error, KGX_ONTOLOGY_ERROR, KGX_ONTOLOGY_ERROR_UNKNOWN_CLASS,
                   "%s: unknown subject class %s", prop, subj_cls);
      return FALSE;
    }
  if (p->domain_ok != NULL && !g_hash_table_contains (p->domain_ok, subj_cls))
    {
      g_set_error (error, KGX_ONTOLOGY_ERROR, KGX_ONTOLOGY_ERROR_DOMAIN,
                   "%s: subject class %s is not in the domain (%s)",
                   prop, subj_cls, p->domain_text);
      return FALSE;
    }

  if (obj_cls == NULL)
    {
      if (!p->datatype)
        {
          g_set_error (error, KGX_ONTOLOGY_ERROR, KGX_ONTOLOGY_ERROR_RANGE,
                       "%s: the object is a literal, but %s is an object property%s%s%s",
                       prop, prop,
                       p->range_text ? " (range " : "",
                       p->range_text ? p->range_text : "",
                       p->range_text ? ")" : "");
          return FALSE;
        }
      return TRUE;
    }
  if (p->datatype)
    {
      g_set_error (error, KGX_ONTOLOGY_ERROR, KGX_ONTOLOGY_ERROR_RANGE,
                   "%s: the object is an entity of class %s, but %s takes a literal",
                   prop, obj_cls, prop);
      return FALSE;
    }
  if (!g_hash_table_contains (onto->classes, obj_cls))
    {
      g_set_error (error, KGX_ONTOLOGY_ERROR, KGX_ONTOLOGY_ERROR_UNKNOWN_CLASS,
                   "%s: unknown object class %s", prop, obj_cls);
      return FALSE;
    }
  if (p->range_ok != NULL && !g_hash_table_contains (p->range_ok, obj_cls))
    {
      g_set_error (error, KGX_ONTOLOGY_ERROR, KGX_ONTOLOGY_ERROR_RANGE,
                   "%s: object class %s is not in the range (%s)",
                   prop, obj_cls, p->range_text);
      return FALSE;
    }
  return TRUE;
}
