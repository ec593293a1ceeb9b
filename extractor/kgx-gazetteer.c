/* kgx-gazetteer.c - load gazetteer TSV files (docs/gazetteers.md) into a
 * token trie and look labels up over a token array.
 *
 * Trie edges live in one open-addressing table keyed by (node, token id),
 * which keeps a million-entry list compact and its load close to the time
 * of reading the file.
 */
#include "config.h"

#include <string.h>

#include "kgx-gazetteer-private.h"

G_DEFINE_QUARK (kgx-gazetteer-error-quark, kgx_gazetteer_error)

#define NO_ENTRY G_MAXUINT32

typedef struct {
  guint64 key;    /* (parent node + 1) << 32 | token id; 0 = empty slot */
  guint32 child;
} Edge;

struct _KgxGazetteer {
  GHashTable   *vocab;       /* lower-case token -> GUINT_TO_POINTER (id), ids from 1 */
  GStringChunk *strings;
  Edge         *edges;
  gsize         edge_cap;    /* a power of two */
  gsize         edge_count;
  GArray       *node_head;   /* guint32 per node: first entry, or NO_ENTRY */
  GArray       *node_tail;   /* guint32 per node: last entry, to keep file order */
  GArray       *entries;     /* KgxGazEntry */
  KgxGazClassCheck check;
  gpointer      check_data;
};

static inline guint64
hash64 (guint64 k)
{
  k ^= k >> 33;
  k *= G_GUINT64_CONSTANT (0xff51afd7ed558ccd);
  k ^= k >> 33;
  k *= G_GUINT64_CONSTANT (0xc4ceb9fe1a85ec53);
  k ^= k >> 33;
  return k;
}

static guint32
edge_find (const KgxGazetteer *gaz, guint32 node, guint32 tok)
{
  guint64 key = ((guint64) (node + 1) << 32) | tok;
  gsize mask = gaz->edge_cap - 1, i = hash64 (key) & mask;

  for (;;)
    {
      if (gaz->edges[i].key == key)
        return gaz->edges[i].child;
      if (gaz->edges[i].key == 0)
        return NO_ENTRY;
      i = (i + 1) & mask;
    }
}

static void edge_insert_raw (KgxGazetteer *gaz, guint64 key, guint32 child);

static void
edges_grow (KgxGazetteer *gaz)
{
  Edge *old = gaz->edges;
  gsize old_cap = gaz->edge_cap;

  gaz->edge_cap = old_cap ? old_cap * 2 : 1024;
  gaz->edges = g_new0 (Edge, gaz->edge_cap);
  gaz->edge_count = 0;
  for (gsize i = 0; i < old_cap; i++)
    if (old[i].key != 0)
      edge_insert_raw (gaz, old[i].key, old[i].child);
  g_free (old);
}

static void
edge_insert_raw (KgxGazetteer *gaz, guint64 key, guint32 child)
{
  gsize mask = gaz->edge_cap - 1, i = hash64 (key) & mask;

  while (gaz->edges[i].key != 0)
    i = (i + 1) & mask;
  gaz->edges[i].key = key;
  gaz->edges[i].child = child;
  gaz->edge_count++;
}

static guint32
new_node (KgxGazetteer *gaz)
{
  guint32 none = NO_ENTRY;

  g_array_append_val (gaz->node_head, none);
  g_array_append_val (gaz->node_tail, none);
  return gaz->node_head->len - 1;
}

static guint32
child_of (KgxGazetteer *gaz, guint32 node, guint32 tok)
{
  guint32 child;

  if ((gaz->edge_count + 1) * 2 > gaz->edge_cap)
    edges_grow (gaz);
  child = edge_find (gaz, node, tok);
  if (child == NO_ENTRY)
    {
      child = new_node (gaz);
      edge_insert_raw (gaz, ((guint64) (node + 1) << 32) | tok, child);
    }
  return child;
}

static guint32
vocab_id (KgxGazetteer *gaz, const char *lower, gboolean add)
{
  gpointer v = g_hash_table_lookup (gaz->vocab, lower);

  if (v == NULL && add)
    {
      char *key = g_string_chunk_insert (gaz->strings, lower);
      v = GUINT_TO_POINTER (g_hash_table_size (gaz->vocab) + 1);
      g_hash_table_insert (gaz->vocab, key, v);
    }
  return GPOINTER_TO_UINT (v);
}

KgxGazetteer *
kgx_gazetteer_new (void)
{
  KgxGazetteer *gaz = g_new0 (KgxGazetteer, 1);

  gaz->vocab = g_hash_table_new (g_str_hash, g_str_equal);
  gaz->strings = g_string_chunk_new (64 * 1024);
  gaz->node_head = g_array_new (FALSE, FALSE, sizeof (guint32));
  gaz->node_tail = g_array_new (FALSE, FALSE, sizeof (guint32));
  gaz->entries = g_array_new (FALSE, TRUE, sizeof (KgxGazEntry));
  edges_grow (gaz);
  new_node (gaz);  /* the root */
  return gaz;
}

void
kgx_gazetteer_free (KgxGazetteer *gaz)
{
  if (gaz == NULL)
    return;
  g_hash_table_destroy (gaz->vocab);
  g_string_chunk_free (gaz->strings);
  g_free (gaz->edges);
  g_array_unref (gaz->node_head);
  g_array_unref (gaz->node_tail);
  g_array_unref (gaz->entries);
  g_free (gaz);
}

void
kgx_gazetteer_set_class_check (KgxGazetteer *gaz, KgxGazClassCheck check, gpointer user_data)
{
  gaz->check = check;
  gaz->check_data = user_data;
}

guint
kgx_gazetteer_get_size (const KgxGazetteer *gaz)
{
  return gaz->entries->len;
}

const KgxGazEntry *
kgx_gazetteer_get_entry (const KgxGazetteer *gaz, guint32 index)
{
  if (index >= gaz->entries->len)
    return NULL;
  return &g_array_index (gaz->entries, KgxGazEntry, index);
}

static const struct { const char *tag; KgxGazKind kind; } lexical_tags[] = {
  { "Title", KGX_GAZ_TITLE },
  { "OrgHead", KGX_GAZ_ORG_HEAD },
  { "FacilityHead", KGX_GAZ_FACILITY_HEAD },
  { "EventHead", KGX_GAZ_EVENT_HEAD },
  { "GivenName", KGX_GAZ_GIVEN_NAME },
  { "PersonPrefix", KGX_GAZ_PERSON_PREFIX },
  { "NotEntity", KGX_GAZ_NOT_ENTITY },
  { "TitleModifier", KGX_GAZ_TITLE_MOD },
  { "PlaceHead", KGX_GAZ_PLACE_HEAD },
};

static gboolean
syntax_error (GError **error, const char *name, guint line, guint col, const char *msg)
{
  g_set_error (error, KGX_GAZETTEER_ERROR, KGX_GAZETTEER_ERROR_SYNTAX,
               "%s:%u:%u: %s", name, line, col, msg);
  return FALSE;
}

/* Tokenizes a label into vocabulary ids; fills caps/allcaps masks. */
static guint
label_tokens (KgxGazetteer *gaz, const char *label, guint32 *ids, guint max,
              guint32 *caps, guint32 *allcaps)
{
  g_autoptr (KgxTokens) toks = kgx_tokens_new (label, strlen (label));
  guint n = MIN (toks->tokens->len, max);

  *caps = *allcaps = 0;
  for (guint i = 0; i < n; i++)
    {
      const KgxToken *t = &g_array_index (toks->tokens, KgxToken, i);
      ids[i] = vocab_id (gaz, t->lower, TRUE);
      if (t->flags & KGX_TOKF_CAP)
        *caps |= 1u << i;
      if (t->flags & KGX_TOKF_ALLCAPS)
        *allcaps |= 1u << i;
    }
  return toks->tokens->len > max ? 0 : n;
}

static gboolean
add_line (KgxGazetteer *gaz, char **cols, guint ncols, const char *name, guint lineno,
          gboolean user, GError **error)
{
  KgxGazEntry e = { 0 };
  guint32 ids[32];
  guint n;
  guint32 node = 0;
  const char *cls = cols[1];

  e.kind = KGX_GAZ_ENTITY;
  for (guint i = 0; i < G_N_ELEMENTS (lexical_tags); i++)
    if (strcmp (cls, lexical_tags[i].tag) == 0)
      e.kind = lexical_tags[i].kind;
  if (e.kind == KGX_GAZ_ENTITY && gaz->check && !gaz->check (cls, gaz->check_data))
    {
      g_set_error (error, KGX_GAZETTEER_ERROR, KGX_GAZETTEER_ERROR_CLASS,
                   "%s:%u:%u: unknown class '%s' (not in the ontology, not a lexical tag)",
                   name, lineno, (guint) (strlen (cols[0]) + 2), cls);
      return FALSE;
    }
  n = label_tokens (gaz, cols[0], ids, G_N_ELEMENTS (ids), &e.caps, &e.allcaps);
  if (n == 0)
    return syntax_error (error, name, lineno, 1, "label has no tokens or more than 32");

  e.label = g_string_chunk_insert_const (gaz->strings, cols[0]);
  e.cls = g_string_chunk_insert_const (gaz->strings, cls);
  e.canonical = g_string_chunk_insert_const (gaz->strings,
                                             ncols > 2 && *cols[2] ? cols[2] : cols[0]);
  e.file = g_string_chunk_insert_const (gaz->strings, name);
  e.line = lineno;
  e.n_tokens = n;
  if (user)
    e.flags |= KGX_GAZF_USER;
  if (ncols > 3 && *cols[3])
    {
      g_auto (GStrv) pairs = g_strsplit (cols[3], ";", -1);
      for (guint i = 0; pairs[i]; i++)
        {
          char *eq = strchr (pairs[i], '=');
          const char *k = pairs[i], *v;
          if (*g_strstrip (pairs[i]) == '\0')
            continue;
          if (eq == NULL)
            return syntax_error (error, name, lineno, 1, "extra column wants key=value pairs");
          *eq = '\0';
          v = eq + 1;
          if (strcmp (k, "form") == 0 && strcmp (v, "demonym") == 0)
            e.flags |= KGX_GAZF_DEMONYM;
          else if (strcmp (k, "amb") == 0 && strcmp (v, "1") == 0)
            e.flags |= KGX_GAZF_AMBIGUOUS;
          else if (strcmp (k, "kind") == 0 && strcmp (v, "leading") == 0)
            e.flags |= KGX_GAZF_LEADING;
          else if (strcmp (k, "sec") == 0
                   && (strcmp (v, "weekdays") == 0 || strcmp (v, "months") == 0))
            e.flags |= KGX_GAZF_TIME;
          else if (strcmp (k, "pos") == 0 && strcmp (v, "prefix") == 0)
            e.flags |= KGX_GAZF_PREFIX;
          else if (strcmp (k, "sex") == 0 && strcmp (v, "m") == 0)
            e.flags |= KGX_GAZF_MALE;
          else if (strcmp (k, "sex") == 0 && strcmp (v, "f") == 0)
            e.flags |= KGX_GAZF_FEMALE;
          else if (strcmp (k, "sub") == 0)
            e.sub = g_string_chunk_insert_const (gaz->strings, v);
          else if (strcmp (k, "country") == 0)
            e.country = g_string_chunk_insert_const (gaz->strings, v);
          else if (strcmp (k, "pop") == 0)
            e.pop = (guint32) MIN (g_ascii_strtoull (v, NULL, 10), G_MAXUINT32);
        }
    }
  if (e.sub && gaz->check && !gaz->check (e.sub, gaz->check_data))
    {
      g_set_error (error, KGX_GAZETTEER_ERROR, KGX_GAZETTEER_ERROR_CLASS,
                   "%s:%u:1: unknown class '%s' in sub=", name, lineno, e.sub);
      return FALSE;
    }

  for (guint i = 0; i < n; i++)
    node = child_of (gaz, node, ids[i]);
  e.next = NO_ENTRY;
  g_array_append_val (gaz->entries, e);
  {
    guint32 idx = gaz->entries->len - 1;
    guint32 *head = &g_array_index (gaz->node_head, guint32, node);
    guint32 *tail = &g_array_index (gaz->node_tail, guint32, node);
    if (*head == NO_ENTRY)
      *head = idx;
    else
      g_array_index (gaz->entries, KgxGazEntry, *tail).next = idx;
    *tail = idx;
  }
  return TRUE;
}

gboolean
kgx_gazetteer_load_data (KgxGazetteer *gaz, const char *data, gsize len, const char *name,
                         gboolean user, GError **error)
{
  const char *p = data, *end = data + len;
  guint lineno = 0;

  if (!g_utf8_validate (data, len, NULL))
    {
      const char *bad;
      g_utf8_validate (data, len, &bad);
      lineno = 1;
      for (const char *q = data; q < bad; q++)
        lineno += *q == '\n';
      g_set_error (error, KGX_GAZETTEER_ERROR, KGX_GAZETTEER_ERROR_SYNTAX,
                   "%s:%u:1: invalid UTF-8", name, lineno);
      return FALSE;
    }
  while (p < end)
    {
      const char *nl = memchr (p, '\n', end - p);
      const char *le = nl ? nl : end;
      g_autofree char *line = g_strndup (p, le - p);
      g_auto (GStrv) cols = NULL;
      guint ncols;

      lineno++;
      p = nl ? nl + 1 : end;
      g_strchomp (line);
      if (line[0] == '\0' || line[0] == '#')
        continue;
      cols = g_strsplit (line, "\t", 5);
      ncols = g_strv_length (cols);
      if (ncols < 2 || ncols > 4)
        return syntax_error (error, name, lineno, 1,
                             "expected label<TAB>Class<TAB>canonical<TAB>extra");
      if (*g_strstrip (cols[0]) == '\0')
        return syntax_error (error, name, lineno, 1, "empty label");
      if (*g_strstrip (cols[1]) == '\0')
        return syntax_error (error, name, lineno, (guint) strlen (cols[0]) + 2, "empty class");
      if (ncols > 2)
        g_strstrip (cols[2]);
      if (!add_line (gaz, cols, ncols, name, lineno, user, error))
        return FALSE;
    }
  return TRUE;
}

gboolean
kgx_gazetteer_load_file (KgxGazetteer *gaz, const char *path, gboolean user, GError **error)
{
  g_autofree char *data = NULL;
  gsize len;
  GError *local = NULL;

  if (!g_file_get_contents (path, &data, &len, &local))
    {
      g_set_error (error, KGX_GAZETTEER_ERROR, KGX_GAZETTEER_ERROR_IO, "%s", local->message);
      g_error_free (local);
      return FALSE;
    }
  return kgx_gazetteer_load_data (gaz, data, len, path, user, error);
}

guint
kgx_gazetteer_lookup (const KgxGazetteer *gaz, const KgxToken *tokens, guint n, guint start,
                      guint *lens, guint32 *heads, guint max)
{
  guint32 node = 0;
  guint found = 0;

  for (guint i = start; i < n && found < max; i++)
    {
      guint32 tok = GPOINTER_TO_UINT (g_hash_table_lookup (gaz->vocab, tokens[i].lower));
      if (tok == 0)
        break;
      node = edge_find (gaz, node, tok);
      if (node == NO_ENTRY)
        break;
      if (g_array_index (gaz->node_head, guint32, node) != NO_ENTRY)
        {
          lens[found] = i - start + 1;
          heads[found] = g_array_index (gaz->node_head, guint32, node);
          found++;
        }
    }
  return found;
}

guint32
kgx_gazetteer_lookup_word (const KgxGazetteer *gaz, const char *lower)
{
  guint32 tok = GPOINTER_TO_UINT (g_hash_table_lookup (gaz->vocab, lower));
  guint32 node;

  if (tok == 0)
    return NO_ENTRY;
  node = edge_find (gaz, 0, tok);
  if (node == NO_ENTRY)
    return NO_ENTRY;
  return g_array_index (gaz->node_head, guint32, node);
}
