/* kgx-world.c - load the data the extractor runs on and run the pipeline:
 * text -> tokens -> entities and references -> rules -> ontology check ->
 * KgxGraph (see DESIGN-NOTES "Data flow").
 */
#include "config.h"

#include <string.h>

#include "kgx-world.h"
#include "kgx-doc-private.h"
#include "kgx-rule-private.h"
#include "kgx-ontology.h"

G_DEFINE_QUARK (kgx-world-error-quark, kgx_world_error)

struct _KgxWorld {
  GPtrArray        *data_dirs;      /* char * */
  GPtrArray        *extra_gaz;      /* char * */
  GPtrArray        *extra_rules;    /* char * */
  gboolean          default_rules;
  KgxDiagnosticFunc diag;
  gpointer          diag_data;
  GDestroyNotify    diag_destroy;
  gboolean          opened;
  char             *ontology_path;
  KgxOntology      *onto;
  KgxGazetteer     *gaz;
  KgxRuleSet       *rules;
  char             *rules_hash;
  GHashTable       *rule_index;     /* rule name -> KgxRule * (borrowed) */
  GHashTable       *confidence;     /* rule name -> Confidence */
  char             *confidence_path;
  GPtrArray        *gaz_loaded;     /* char *: gazetteer files, in load order */
  char             *gaz_hash;       /* computed on demand */
};

/* One line of rules/confidence.tsv. */
typedef struct {
  double precision;
  guint  n;
} Confidence;

KgxWorld *
kgx_world_new (void)
{
  KgxWorld *w = g_new0 (KgxWorld, 1);
  const char *env = g_getenv (KGX_DATADIR_ENV);

  w->data_dirs = g_ptr_array_new_with_free_func (g_free);
  w->extra_gaz = g_ptr_array_new_with_free_func (g_free);
  w->extra_rules = g_ptr_array_new_with_free_func (g_free);
  w->default_rules = TRUE;
  w->gaz_loaded = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (w->data_dirs, g_strdup (env && *env ? env : KGX_PKGDATADIR));
  return w;
}

void
kgx_world_free (KgxWorld *w)
{
  if (w == NULL)
    return;
  if (w->diag_destroy)
    w->diag_destroy (w->diag_data);
  g_ptr_array_unref (w->data_dirs);
  g_ptr_array_unref (w->extra_gaz);
  g_ptr_array_unref (w->extra_rules);
  g_free (w->ontology_path);
  kgx_rule_set_free (w->rules);
  kgx_gazetteer_free (w->gaz);
  kgx_ontology_free (w->onto);
  g_free (w->rules_hash);
  g_clear_pointer (&w->rule_index, g_hash_table_unref);
  g_clear_pointer (&w->confidence, g_hash_table_unref);
  g_free (w->confidence_path);
  g_clear_pointer (&w->gaz_loaded, g_ptr_array_unref);
  g_free (w->gaz_hash);
  g_free (w);
}

void
kgx_world_set_diagnostic_func (KgxWorld *w, KgxDiagnosticFunc func, gpointer user_data,
                               GDestroyNotify destroy)
{
  if (w->diag_destroy)
    w->diag_destroy (w->diag_data);
  w->diag = func;
  w->diag_data = user_data;
  w->diag_destroy = destroy;
}

void
kgx_world_set_data_dirs (KgxWorld *w, const char *const *dirs)
{
  g_ptr_array_set_size (w->data_dirs, 0);
  for (guint i = 0; dirs && dirs[i]; i++)
    g_ptr_array_add (w->data_dirs, g_strdup (dirs[i]));
}

void
kgx_world_add_gazetteer_file (KgxWorld *w, const char *path)
{
  g_ptr_array_add (w->extra_gaz, g_strdup (path));
}

void
kgx_world_add_rule_file (KgxWorld *w, const char *path)
{
  g_ptr_array_add (w->extra_rules, g_strdup (path));
}

void
kgx_world_set_default_rules (KgxWorld *w, gboolean use)
{
  w->default_rules = use;
}

const char *
kgx_world_get_ontology_version (KgxWorld *w)
{
  return w->onto ? kgx_ontology_get_version (w->onto) : NULL;
}

const char *
kgx_world_get_ontology_path (KgxWorld *w)
{
  return w->ontology_path;
}

const char *
kgx_world_get_rules_hash (KgxWorld *w)
{
  return w->rules_hash;
}

guint
kgx_world_get_rule_count (KgxWorld *w)
{
  return w->rules ? kgx_rule_set_get_size (w->rules) : 0;
}

guint
kgx_world_get_gazetteer_size (KgxWorld *w)
{
  return w->gaz ? kgx_gazetteer_get_size (w->gaz) : 0;
}

guint
kgx_world_get_rule_language_version (void)
{
  return KGX_RULE_LANGUAGE_VERSION;
}

static gint
compare_paths (gconstpointer a, gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

/* Files ending in suffix under DIR/sub for every data dir; a name found in
 * an earlier dir hides the same name in later ones.  Sorted by name. */
static GPtrArray *
collect_files (KgxWorld *w, const char *sub, const char *suffix)
{
  GPtrArray *out = g_ptr_array_new_with_free_func (g_free);
  GHashTable *seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint d = 0; d < w->data_dirs->len; d++)
    {
      g_autofree char *dir = g_build_filename (g_ptr_array_index (w->data_dirs, d), sub, NULL);
      GDir *gd = g_dir_open (dir, 0, NULL);
      const char *name;
      GPtrArray *here;
      if (gd == NULL)
        continue;
      here = g_ptr_array_new ();
      while ((name = g_dir_read_name (gd)))
        if (g_str_has_suffix (name, suffix) && !g_hash_table_contains (seen, name))
          g_ptr_array_add (here, g_strdup (name));
      g_dir_close (gd);
      g_ptr_array_sort (here, compare_paths);
      for (guint i = 0; i < here->len; i++)
        {
          char *n = g_ptr_array_index (here, i);
          g_hash_table_add (seen, n);
          g_ptr_array_add (out, g_build_filename (dir, n, NULL));
        }
      g_ptr_array_unref (here);
    }
  g_hash_table_destroy (seen);
  return out;
}

static gboolean load_confidence (KgxWorld *w, GError **error);

static gboolean
class_check (const char *cls, gpointer user_data)
{
  return kgx_ontology_has_class (user_data, cls);
}

gboolean
kgx_world_open (KgxWorld *w, GError **error)
{
  g_autoptr (GPtrArray) gaz_files = NULL;
  g_autoptr (GPtrArray) rule_files = NULL;

  if (w->opened)
    {
      g_set_error (error, KGX_WORLD_ERROR, KGX_WORLD_ERROR_STATE, "world already opened");
      return FALSE;
    }
  for (guint d = 0; d < w->data_dirs->len && w->ontology_path == NULL; d++)
    {
      char *p = g_build_filename (g_ptr_array_index (w->data_dirs, d), "kgextract.ttl", NULL);
      if (g_file_test (p, G_FILE_TEST_IS_REGULAR))
        w->ontology_path = p;
      else
        g_free (p);
    }
  if (w->ontology_path == NULL)
    {
      g_autofree char *dirs = NULL;
      g_ptr_array_add (w->data_dirs, NULL);
      dirs = g_strjoinv (":", (char **) w->data_dirs->pdata);
      g_ptr_array_remove_index (w->data_dirs, w->data_dirs->len - 1);
      g_set_error (error, KGX_WORLD_ERROR, KGX_WORLD_ERROR_DATA,
                   "no ontology (kgextract.ttl) in the data directories %s; set %s",
                   dirs, KGX_DATADIR_ENV);
      return FALSE;
    }
  w->onto = kgx_ontology_new_from_file (w->ontology_path, error);
  if (w->onto == NULL)
    return FALSE;

  w->gaz = kgx_gazetteer_new ();
  kgx_gazetteer_set_class_check (w->gaz, class_check, w->onto);
  /* A user's lists first: their entries win where labels collide. */
  for (guint i = 0; i < w->extra_gaz->len; i++)
    {
      if (!kgx_gazetteer_load_file (w->gaz, g_ptr_array_index (w->extra_gaz, i), TRUE, error))
        return FALSE;
      g_ptr_array_add (w->gaz_loaded, g_strdup (g_ptr_array_index (w->extra_gaz, i)));
    }
  gaz_files = collect_files (w, "gazetteers", ".tsv");
  {
    g_autoptr (GPtrArray) gen = collect_files (w, "gazetteers/generated", ".tsv");
    for (guint i = 0; i < gen->len; i++)
      g_ptr_array_add (gaz_files, g_strdup (g_ptr_array_index (gen, i)));
  }
  for (guint i = 0; i < gaz_files->len; i++)
    {
      if (!kgx_gazetteer_load_file (w->gaz, g_ptr_array_index (gaz_files, i), FALSE, error))
        return FALSE;
      g_ptr_array_add (w->gaz_loaded, g_strdup (g_ptr_array_index (gaz_files, i)));
    }

  w->rules = kgx_rule_set_new (w->onto);
  rule_files = w->default_rules ? collect_files (w, "rules", ".rules")
                                : g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < w->extra_rules->len; i++)
    g_ptr_array_add (rule_files, g_strdup (g_ptr_array_index (w->extra_rules, i)));
  for (guint i = 0; i < rule_files->len; i++)
    if (!kgx_rule_set_load_file (w->rules, g_ptr_array_index (rule_files, i), error))
      return FALSE;
  if (kgx_rule_set_get_size (w->rules) == 0 && w->default_rules)
    {
      g_set_error (error, KGX_WORLD_ERROR, KGX_WORLD_ERROR_DATA,
                   "no rule files (*.rules) found under the data directories' rules/");
      return FALSE;
    }
  w->rules_hash = kgx_rule_set_dup_hash (w->rules);
  w->rule_index = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < kgx_rule_set_get_size (w->rules); i++)
    {
      const KgxRule *r = kgx_rule_set_get_rule (w->rules, i);
      g_hash_table_insert (w->rule_index, r->name, (gpointer) r);
    }
  if (!load_confidence (w, error))
    return FALSE;
  w->opened = TRUE;
  return TRUE;
}

/* ---------------------------------------------------------------------- */
/* Rules as data: their identity and measured confidence */

/* Reads rules/confidence.tsv (eval/calibrate.sh writes it): "# comments",
 * blank lines, and "NAME<TAB>PRECISION<TAB>N" with PRECISION in [0, 1].
 * Names of rules that are not loaded are ignored. */
static gboolean
load_confidence (KgxWorld *w, GError **error)
{
  g_autofree char *data = NULL;
  g_auto (GStrv) lines = NULL;

  w->confidence = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  for (guint d = 0; d < w->data_dirs->len && w->confidence_path == NULL; d++)
    {
      char *p = g_build_filename (g_ptr_array_index (w->data_dirs, d), "rules",
                                  "confidence.tsv", NULL);
      if (g_file_test (p, G_FILE_TEST_IS_REGULAR))
        w->confidence_path = p;
      else
        g_free (p);
    }
  if (w->confidence_path == NULL)
    return TRUE;
  if (!g_file_get_contents (w->confidence_path, &data, NULL, error))
    return FALSE;
  lines = g_strsplit (data, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto (GStrv) cols = NULL;
      char *end = NULL;
      Confidence *c;
      double p;
      guint64 n = 0;
      guint col = 1;

      g_strchomp (lines[i]);
      if (lines[i][0] == '\0' || lines[i][0] == '#')
        continue;
      cols = g_strsplit (lines[i], "\t", -1);
      if (g_strv_length (cols) != 3 || cols[0][0] == '\0')
        {
          g_set_error (error, KGX_WORLD_ERROR, KGX_WORLD_ERROR_DATA,
                       "%s:%u:1: expected NAME<TAB>PRECISION<TAB>N", w->confidence_path, i + 1);
          return FALSE;
        }
      col = (guint) strlen (cols[0]) + 2;
      p = g_ascii_strtod (cols[1], &end);
      if (end == cols[1] || *end != '\0' || !(p >= 0.0 && p <= 1.0))
        {
          g_set_error (error, KGX_WORLD_ERROR, KGX_WORLD_ERROR_DATA,
                       "%s:%u:%u: precision '%s' is not a number from 0 to 1",
                       w->confidence_path, i + 1, col, cols[1]);
          return FALSE;
        }
      col += (guint) strlen (cols[1]) + 1;
      if (!g_ascii_string_to_unsigned (cols[2], 10, 0, G_MAXUINT, &n, NULL))
        {
          g_set_error (error, KGX_WORLD_ERROR, KGX_WORLD_ERROR_DATA,
                       "%s:%u:%u: count '%s' is not a whole number",
                       w->confidence_path, i + 1, col, cols[2]);
          return FALSE;
        }
      c = g_new (Confidence, 1);
      c->precision = p;
      c->n = (guint) n;
      g_hash_table_replace (w->confidence, g_strdup (cols[0]), c);
    }
  return TRUE;
}

static void
fill_rule_info (KgxWorld *w, const KgxRule *r, KgxRuleInfo *info)
{
  const Confidence *c = g_hash_table_lookup (w->confidence, r->name);

  info->name = r->name;
  info->file = r->file;
  info->line = r->line;
  info->hash = r->hash;
  info->confidence = c ? c->precision : KGX_RULE_DEFAULT_CONFIDENCE;
  info->support = c ? c->n : 0;
}

gboolean
kgx_world_get_rule_info (KgxWorld *w, guint index, KgxRuleInfo *info)
{
  const KgxRule *r;

  g_return_val_if_fail (w != NULL && info != NULL, FALSE);
  if (!w->opened || (r = kgx_rule_set_get_rule (w->rules, index)) == NULL)
    return FALSE;
  fill_rule_info (w, r, info);
  return TRUE;
}

gboolean
kgx_world_lookup_rule (KgxWorld *w, const char *name, KgxRuleInfo *info)
{
  const KgxRule *r;

  g_return_val_if_fail (w != NULL && info != NULL, FALSE);
  if (!w->opened || name == NULL || (r = g_hash_table_lookup (w->rule_index, name)) == NULL)
    return FALSE;
  fill_rule_info (w, r, info);
  return TRUE;
}

const char *
kgx_world_get_confidence_path (KgxWorld *w)
{
  return w->confidence_path;
}

const char *
kgx_world_get_gazetteer_hash (KgxWorld *w)
{
  GChecksum *sum;

  if (w->gaz_hash != NULL || !w->opened)
    return w->gaz_hash;
  sum = g_checksum_new (G_CHECKSUM_SHA256);
  for (guint i = 0; i < w->gaz_loaded->len; i++)
    {
      const char *path = g_ptr_array_index (w->gaz_loaded, i);
      g_autofree char *base = g_path_get_basename (path);
      g_autofree char *data = NULL;
      gsize len = 0;

      if (!g_file_get_contents (path, &data, &len, NULL))
        {
          g_checksum_free (sum);
          return NULL;
        }
      g_checksum_update (sum, (const guchar *) base, (gssize) strlen (base) + 1);
      g_checksum_update (sum, (const guchar *) data, (gssize) len);
    }
  w->gaz_hash = g_strdup (g_checksum_get_string (sum));
  g_checksum_free (sum);
  return w->gaz_hash;
}

/* ---------------------------------------------------------------------- */
/* Extraction */

typedef struct {
  KgxWorld   *w;
  KgxDoc     *doc;
  KgxGraph   *graph;
  gint       *graph_id;    /* doc entity -> graph entity, or -1 */
  GHashTable *seen;        /* "s\tp\to" of triples already made */
  GHashTable *fired;       /* nullable: rules that matched (for --check-rules) */
} Extraction;

static guint
graph_entity (Extraction *x, guint doc_entity)
{
  KgxDocEntity *de;
  guint id;

  if (x->graph_id[doc_entity] >= 0)
    return x->graph_id[doc_entity];
  de = g_ptr_array_index (x->doc->entities, doc_entity);
  id = kgx_graph_add_entity (x->graph, de->cls, de->coarse, de->label, de->named);
  {
    KgxEntity *ge = g_ptr_array_index (x->graph->entities, id);
    ge->canonical = g_strdup (de->from_gazetteer && de->canonical ? de->canonical : de->label);
  }
  for (guint i = 0; i < de->names->len; i++)
    kgx_graph_add_alt_label (x->graph, id, g_ptr_array_index (de->names, i));
  x->graph_id[doc_entity] = id;
  return id;
}

/* The entities a capture took, in text order. */
static void
capture_entities (Extraction *x, const KgxRuleMatch *m, gint cap, GArray *out)
{
  const KgxElem *el = m->cap_elem[cap];
  GArray *spans = x->doc->spans;

  guint lo = 0, hi = spans->len;

  g_array_set_size (out, 0);
  if (m->cap_first[cap] == G_MAXUINT32)
    return;
  /* Spans are sorted by their first token: start at the first one that
   * can be inside the capture. */
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      if (g_array_index (spans, KgxSpan, mid).first < m->cap_first[cap])
        lo = mid + 1;
      else
        hi = mid;
    }
  for (guint i = lo; i < spans->len; i++)
    {
      const KgxSpan *sp = &g_array_index (spans, KgxSpan, i);
      const KgxDocEntity *e;
      gboolean ok = FALSE;
      if (sp->first < m->cap_first[cap])
        continue;
      if (sp->first >= m->cap_end[cap])
        break;
      if (sp->kind != KGX_SPAN_ENTITY || sp->end > m->cap_end[cap])
        continue;
      e = g_ptr_array_index (x->doc->entities, sp->entity);
      for (guint c = 0; el && el->classes && el->classes[c]; c++)
        if (kgx_ontology_is_subclass_of (x->w->onto, e->cls, el->classes[c]))
          ok = TRUE;
      if (ok)
        g_array_append_val (out, sp->entity);
    }
}

static char *
collapse_space (char *s)
{
  char *r = s, *w = s;
  gboolean space = FALSE;

  while (*r == ' ' || *r == '\n' || *r == '\t')
    r++;
  for (; *r; r++)
    {
      if (*r == ' ' || *r == '\n' || *r == '\t' || *r == '\r')
        space = TRUE;
      else
        {
          if (space)
            *w++ = ' ';
          space = FALSE;
          *w++ = *r;
        }
    }
  *w = '\0';
  return s;
}

static char *
capture_text (Extraction *x, const KgxRuleMatch *m, gint cap)
{
  const KgxElem *el = m->cap_elem[cap];
  const KgxToken *t = (const KgxToken *) x->doc->toks->tokens->data;
  guint32 f = m->cap_first[cap], e = m->cap_end[cap];

  if (f == G_MAXUINT32)
    return NULL;
  if (el && el->kind == KGX_ATOM_QUOTE)
    {
      /* The words between the marks, as written. */
      guint32 a = f + 1, b = e - 1;
      char *s;
      gsize len;
      if (!(t[b].flags & KGX_TOKF_QCLOSE))
        b = e;
      if (b <= a)
        return NULL;
      s = g_strndup (x->doc->toks->text + t[a].begin, t[b - 1].end - t[a].begin);
      collapse_space (s);
      len = strlen (s);
      while (len > 0 && (s[len - 1] == ',' || s[len - 1] == ' '))
        s[--len] = '\0';
      return s;
    }
  return kgx_doc_span_text (x->doc, f, e);
}

static void
add_triple (Extraction *x, const KgxRuleMatch *m, guint subj, const char *pred, gint obj,
            const char *literal)
{
  KgxDocEntity *se = g_ptr_array_index (x->doc->entities, subj);
  KgxDocEntity *oe = obj >= 0 ? g_ptr_array_index (x->doc->entities, obj) : NULL;
  g_autofree char *key = NULL;
  GError *why = NULL;
  KgxTriple t = { 0 };
  const KgxToken *tok = (const KgxToken *) x->doc->toks->tokens->data;

  if (obj >= 0 && (guint) obj == subj)
    return;
  if (obj < 0 && (literal == NULL || *literal == '\0'))
    return;
  key = obj >= 0 ? g_strdup_printf ("%u\t%s\t%d", subj, pred, obj)
                 : g_strdup_printf ("%u\t%s\t\"%s", subj, pred, literal);
  if (g_hash_table_contains (x->seen, key))
    return;
  g_hash_table_add (x->seen, g_steal_pointer (&key));

  t.predicate = pred;
  t.object = -1;
  t.rule_name = m->rule->name;
  t.rule_file = m->rule->file;
  t.rule_line = m->rule->line;
  t.sentence = m->sentence;
  t.begin = tok[m->first_token].begin;
  t.end = tok[m->end_token - 1].end;
  if (!kgx_ontology_check_triple (x->w->onto, se->cls, pred, oe ? oe->cls : NULL, &why))
    {
      KgxRejected r = { 0 };
      r.triple = t;
      r.triple.subject = graph_entity (x, subj);
      if (obj >= 0)
        r.triple.object = graph_entity (x, obj);
      else
        r.triple.literal = g_strdup (literal);
      r.reason = g_strdup (why->message);
      g_error_free (why);
      g_array_append_val (x->graph->rejected, r);
      return;
    }
  t.subject = graph_entity (x, subj);
  if (obj >= 0)
    t.object = graph_entity (x, obj);
  else
    t.literal = g_strdup (literal);
  g_array_append_val (x->graph->triples, t);
}

/* The one named entity of class cls that the document mentions before
 * token end, or -1 when there is none or more than one ("emit u locatedIn
 * only:NuclearPowerPlant"). */
static gint
only_entity (Extraction *x, const char *cls, guint32 end)
{
  gint found = -1;

  for (guint i = 0; i < x->doc->spans->len; i++)
    {
      const KgxSpan *sp = &g_array_index (x->doc->spans, KgxSpan, i);
      const KgxDocEntity *e;
      if (sp->first >= end)
        break;
      if (sp->kind != KGX_SPAN_ENTITY || (gint) sp->entity == found)
        continue;
      e = g_ptr_array_index (x->doc->entities, sp->entity);
      if (!e->named || !kgx_ontology_is_subclass_of (x->w->onto, e->cls, cls))
        continue;
      if (found >= 0)
        return -1;
      found = sp->entity;
    }
  return found;
}

static void
on_match (const KgxRuleMatch *m, gpointer user_data)
{
  Extraction *x = user_data;
  GArray *subs = g_array_new (FALSE, FALSE, sizeof (guint32));

  if (x->fired)
    g_hash_table_add (x->fired, (gpointer) m->rule);
  GArray *objs = g_array_new (FALSE, FALSE, sizeof (guint32));

  for (guint i = 0; i < m->rule->emits->len; i++)
    {
      const KgxEmit *em = &g_array_index (m->rule->emits, KgxEmit, i);
      capture_entities (x, m, em->subject, subs);
      if (em->only_class != NULL)
        {
          gint o = only_entity (x, em->only_class, m->first_token);
          for (guint a = 0; o >= 0 && a < subs->len; a++)
            add_triple (x, m, g_array_index (subs, guint32, a), em->predicate, o, NULL);
        }
      else if (em->object >= 0 && g_array_index (m->rule->capture_kind, gint, em->object) == 1)
        {
          capture_entities (x, m, em->object, objs);
          for (guint a = 0; a < subs->len; a++)
            for (guint b = 0; b < objs->len; b++)
              add_triple (x, m, g_array_index (subs, guint32, a), em->predicate,
                          g_array_index (objs, guint32, b), NULL);
        }
      else
        {
          g_autofree char *lit = em->literal ? g_strdup (em->literal)
                                             : capture_text (x, m, em->object);
          for (guint a = 0; a < subs->len; a++)
            add_triple (x, m, g_array_index (subs, guint32, a), em->predicate, -1, lit);
        }
    }
  g_array_unref (subs);
  g_array_unref (objs);
}

static KgxGraph *
extract (KgxWorld *w, const char *text, gsize len, const char *doc_id, GHashTable *fired,
         GError **error);

KgxGraph *
kgx_world_extract (KgxWorld *w, const char *text, gsize len, const char *doc_id, GError **error)
{
  return extract (w, text, len, doc_id, NULL, error);
}

static KgxGraph *
extract (KgxWorld *w, const char *text, gsize len, const char *doc_id, GHashTable *fired,
         GError **error)
{
  g_autoptr (KgxDoc) doc = NULL;
  KgxGraph *graph;
  KgxEntityContext ctx;
  Extraction x = { 0 };

  if (!w->opened)
    {
      g_set_error (error, KGX_WORLD_ERROR, KGX_WORLD_ERROR_STATE, "kgx_world_open() was not called");
      return NULL;
    }
  graph = kgx_graph_new (doc_id);
  graph->text = g_strndup (text, len);
  graph->text_len = len;
  doc = kgx_doc_new (graph->text, len);
  ctx.gaz = w->gaz;
  ctx.onto = w->onto;
  kgx_entities_find (doc, &ctx);

  for (guint s = 0; s < doc->toks->sentences->len; s++)
    {
      const KgxTokSentence *ts = &g_array_index (doc->toks->sentences, KgxTokSentence, s);
      const KgxToken *t = (const KgxToken *) doc->toks->tokens->data;
      KgxSentence gs;
      gs.index = s;
      gs.begin = t[ts->first].begin;
      gs.end = t[ts->first + ts->n - 1].end;
      g_array_append_val (graph->sentences, gs);
    }

  x.w = w;
  x.doc = doc;
  x.graph = graph;
  x.graph_id = g_new (gint, doc->entities->len + 1);
  for (guint i = 0; i < doc->entities->len; i++)
    x.graph_id[i] = -1;
  x.seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  x.fired = fired;

  /* Named entities are part of the graph whether or not a rule uses them. */
  for (guint i = 0; i < doc->entities->len; i++)
    if (((KgxDocEntity *) g_ptr_array_index (doc->entities, i))->named)
      graph_entity (&x, i);

  kgx_rule_set_run (w->rules, doc, on_match, &x);

  for (guint i = 0; i < doc->spans->len; i++)
    {
      const KgxSpan *sp = &g_array_index (doc->spans, KgxSpan, i);
      const KgxToken *t = (const KgxToken *) doc->toks->tokens->data;
      KgxMention mn;
      if (sp->kind != KGX_SPAN_ENTITY || x.graph_id[sp->entity] < 0)
        continue;
      mn.entity = x.graph_id[sp->entity];
      mn.sentence = t[sp->first].sentence;
      mn.begin = t[sp->first].begin;
      mn.end = t[sp->end - 1].end;
      g_array_append_val (graph->mentions, mn);
    }
  g_free (x.graph_id);
  g_hash_table_destroy (x.seen);
  return graph;
}

guint
kgx_world_check_examples (KgxWorld *w)
{
  guint failed = 0;

  for (guint i = 0; i < kgx_rule_set_get_size (w->rules); i++)
    {
      const KgxRule *r = kgx_rule_set_get_rule (w->rules, i);
      g_autoptr (KgxGraph) g = NULL;
      g_autoptr (GHashTable) fired = g_hash_table_new (NULL, NULL);
      if (r->example == NULL)
        continue;
      g = extract (w, r->example, strlen (r->example), "example", fired, NULL);
      if (!g_hash_table_contains (fired, r))
        {
          KgxLocation loc = { r->file, r->line, 1, 0 };
          g_autofree char *msg = g_strdup_printf ("rule '%s' does not fire on its example \"%s\"",
                                                  r->name, r->example);
          failed++;
          if (w->diag)
            w->diag (KGX_SEVERITY_ERROR, &loc, msg, w->diag_data);
        }
    }
  return failed;
}
