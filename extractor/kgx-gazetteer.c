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
#include "kgx-str-map-private.h"
#include "kgx-utf8-private.h"

G_DEFINE_QUARK (kgx-gazetteer-error-quark, kgx_gazetteer_error)

#define NO_ENTRY G_MAXUINT32

/* A city with namesakes (homonyms=N) is taken to be the one place of its
 * name, for background facts, when it has this many times the people of
 * the biggest of them (rival_pop=). */
#define BACKGROUND_DOMINANCE 10

typedef struct {
  guint64 key;    /* (parent node + 1) << 32 | token id; 0 = empty slot */
  guint32 child;
} Edge;

struct _KgxGazetteer {
  KgxStrMap    *vocab;       /* lower-case token -> GUINT_TO_POINTER (id), ids from 1 */
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
  gpointer v = kgx_str_map_lookup (gaz->vocab, lower);

  if (v == NULL && add)
    {
      char *key = g_string_chunk_insert (gaz->strings, lower);
      v = GUINT_TO_POINTER (kgx_str_map_size (gaz->vocab) + 1);
      kgx_str_map_insert (gaz->vocab, key, v);
    }
  return GPOINTER_TO_UINT (v);
}

KgxGazetteer *
kgx_gazetteer_new (void)
{
  KgxGazetteer *gaz = g_new0 (KgxGazetteer, 1);

  gaz->vocab = kgx_str_map_new ();
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
  kgx_str_map_free (gaz->vocab);
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

/* Loading is linear in the file: a million-entry list must load in about
 * the time `sort` takes on it (issue 3).  So a line is split in place in
 * one reused buffer, the file name and the last class are interned once,
 * and a label in plain ASCII is tokenized here, without building a whole
 * KgxTokens for it.  The fast path gives exactly the tokens (lower-case
 * forms, capital and all-capital flags) that kgx_tokens_new() gives for
 * the same bytes (tests/coverage/test-label-tokens.c compares the two);
 * any label with a character whose tokenization depends on context takes
 * the tokenizer itself. */

typedef struct {
  const char *name;       /* interned file name */
  gboolean    user;
  GString    *buf;        /* the current line, split in place */
  char       *last_cls;   /* interned class of the previous line */
  gboolean    last_ok;    /* did it pass the class check */
  guint8      last_kind;
  KgxTokens  *toks;       /* reused by the labels the fast path cannot read */
  const char *last_country; /* interned country= of the previous row that had one */
} LoadState;

/* How the fast path reads an ASCII byte. */
enum { FC_SLOW, FC_UPPER, FC_LOWER, FC_DIGIT, FC_SPACE, FC_PUNCT };

static guint8 fast_class[256];

static void
init_fast_class (void)
{
  static gsize done = 0;

  if (g_once_init_enter (&done))
    {
      /* A byte >= 0x80, a control character, and the punctuation that
       * the tokenizer reads by its context: apostrophes ("O'Brien",
       * "'s"), double quotes (open or close), '.' (initials, "U.S.",
       * "Mr.", "1.5") and ',' ("1,000") all stay FC_SLOW. */
      const char *punct = "!#$%&()*+-/:;<=>?@[\\]^_{|}~";
      for (guint c = 'A'; c <= 'Z'; c++)
        fast_class[c] = FC_UPPER;
      for (guint c = 'a'; c <= 'z'; c++)
        fast_class[c] = FC_LOWER;
      for (guint c = '0'; c <= '9'; c++)
        fast_class[c] = FC_DIGIT;
      fast_class[' '] = FC_SPACE;
      for (const char *p = punct; *p; p++)
        fast_class[(guchar) *p] = FC_PUNCT;
      g_once_init_leave (&done, 1);
    }
}

/* Tokenizes an ASCII label as scan_word() and tokenize() of
 * kgx-tokenizer.c do; returns FALSE (and nothing is added) for a label it
 * cannot read exactly: then the caller runs the tokenizer.  *n is set to
 * the token count, or to max + 1 when there are more than max tokens. */
static gboolean
label_tokens_fast (KgxGazetteer *gaz, const char *label, guint32 *ids, guint max, guint *n,
                   guint32 *caps, guint32 *allcaps)
{
  char word[256];
  struct { guint16 start, len; guint8 flags; } toks[33];
  guint nt = 0;
  const guchar *p = (const guchar *) label;

  while (*p)
    {
      guint8 fc = fast_class[*p];

      if (fc == FC_SLOW)
        return FALSE;
      if (fc == FC_SPACE)
        {
          p++;
          continue;
        }
      if (nt == G_N_ELEMENTS (toks) || (gsize) (p - (const guchar *) label) > G_MAXUINT16)
        return FALSE;
      toks[nt].start = (guint16) (p - (const guchar *) label);
      if (fc == FC_PUNCT)
        {
          /* a symbol or an ASCII hyphen is a token of its own */
          toks[nt].len = 1;
          toks[nt].flags = 0;
          nt++;
          p++;
          continue;
        }
      {
        /* a word: letters and digits; KGX_TOKF_ALPHA when it starts
         * with a letter, KGX_TOKF_CAP when that letter is a capital,
         * KGX_TOKF_ALLCAPS with two or more capitals and no lower case */
        guint upper = 0, lower = 0, lower_run = 0;
        gboolean first_upper = FALSE, seen_letter = FALSE, alpha = fc != FC_DIGIT;
        const guchar *b = p;

        for (; (fc = fast_class[*p]) == FC_UPPER || fc == FC_LOWER || fc == FC_DIGIT; p++)
          {
            if (fc == FC_DIGIT)
              continue;
            if (fc == FC_UPPER)
              {
                /* "contentsKazakhstan": the tokenizer may split a word at
                 * a capital after four lower-case letters; leave that to it */
                if (upper == 0 && lower_run >= 4)
                  return FALSE;
                upper++;
              }
            else
              {
                lower++;
                lower_run++;
              }
            if (!seen_letter)
              {
                seen_letter = TRUE;
                first_upper = fc == FC_UPPER;
              }
          }
        /* a fast-class byte ends the word: a word followed by '.', ',' or
         * an apostrophe never gets here (those bytes are FC_SLOW) */
        if (p - b >= (gssize) sizeof word)
          return FALSE;
        toks[nt].len = (guint16) (p - b);
        toks[nt].flags = (alpha && first_upper ? KGX_TOKF_CAP : 0)
                         | (upper >= 2 && lower == 0 ? KGX_TOKF_ALLCAPS : 0);
        nt++;
      }
    }

  *caps = *allcaps = 0;
  *n = nt;
  if (nt > max)
    {
      *n = max + 1;
      return TRUE;
    }
  for (guint i = 0; i < nt; i++)
    {
      for (guint k = 0; k < toks[i].len; k++)
        {
          char c = label[toks[i].start + k];   /* ASCII here: g_ascii_tolower(), inline */
          word[k] = c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
        }
      word[toks[i].len] = '\0';
      ids[i] = vocab_id (gaz, word, TRUE);
      if (toks[i].flags & KGX_TOKF_CAP)
        *caps |= 1u << i;
      if (toks[i].flags & KGX_TOKF_ALLCAPS)
        *allcaps |= 1u << i;
    }
  return TRUE;
}

/* Tokenizes a label into vocabulary ids; fills caps/allcaps masks.
 * Returns the token count, or 0 when there are none or more than max. */
static guint
label_tokens (KgxGazetteer *gaz, LoadState *st, const char *label, guint32 *ids, guint max,
              guint32 *caps, guint32 *allcaps)
{
  guint n;

  if (label_tokens_fast (gaz, label, ids, max, &n, caps, allcaps))
    return n > max ? 0 : n;
  {
    KgxTokens *toks = st->toks;

    if (toks == NULL)
      toks = st->toks = kgx_tokens_new (label, strlen (label));
    else
      kgx_tokens_reset (toks, label, strlen (label));

    n = MIN (toks->tokens->len, max);
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
}

/* The class column: its interned name and kind, checked once per run of
 * lines of the same class. */
static gboolean
line_class (KgxGazetteer *gaz, LoadState *st, const char *cls, guint8 *kind, const char **icls)
{
  if (st->last_cls == NULL || strcmp (st->last_cls, cls) != 0)
    {
      st->last_cls = g_string_chunk_insert_const (gaz->strings, cls);
      st->last_kind = KGX_GAZ_ENTITY;
      for (guint i = 0; i < G_N_ELEMENTS (lexical_tags); i++)
        if (strcmp (cls, lexical_tags[i].tag) == 0)
          st->last_kind = lexical_tags[i].kind;
      st->last_ok = st->last_kind != KGX_GAZ_ENTITY || gaz->check == NULL
                    || gaz->check (cls, gaz->check_data);
    }
  *kind = st->last_kind;
  *icls = st->last_cls;
  return st->last_ok;
}

/* g_strstrip() that returns the start: ASCII white space off both ends. */
static char *
strip_inplace (char *s)
{
  char *e = s + strlen (s);

  while (*s && g_ascii_isspace (*s))
    s++;
  while (e > s && g_ascii_isspace (e[-1]))
    e--;
  *e = '\0';
  return s;
}

/* pop=: g_ascii_strtoull() capped at G_MAXUINT32, with a loop for the
 * usual case of plain digits. */
static guint32
parse_pop (const char *v)
{
  guint64 x = 0;

  if (!g_ascii_isdigit (*v))
    return (guint32) MIN (g_ascii_strtoull (v, NULL, 10), G_MAXUINT32);
  for (; g_ascii_isdigit (*v); v++)
    {
      x = x * 10 + (guint) (*v - '0');
      if (x > G_MAXUINT32)
        return G_MAXUINT32;
    }
  return (guint32) x;
}

/* strcmp (k, lit) == 0, without the call when the first bytes differ:
 * the chain of keys below runs for every row of the generated tables. */
#define KEY_IS(k, lit) ((k)[0] == (lit)[0] && strcmp ((k), (lit)) == 0)

static gboolean
add_line (KgxGazetteer *gaz, LoadState *st, char **cols, guint ncols, guint lineno,
          GError **error)
{
  KgxGazEntry e = { 0 };
  guint32 ids[32];
  guint n;
  guint32 node = 0;
  const char *name = st->name;
  guint8 kind;
  guint32 homonyms = 0, rival_pop = 0;

  if (!line_class (gaz, st, cols[1], &kind, &e.cls))
    {
      g_set_error (error, KGX_GAZETTEER_ERROR, KGX_GAZETTEER_ERROR_CLASS,
                   "%s:%u:%u: unknown class '%s' (not in the ontology, not a lexical tag)",
                   name, lineno, (guint) (strlen (cols[0]) + 2), cols[1]);
      return FALSE;
    }
  e.kind = kind;
  n = label_tokens (gaz, st, cols[0], ids, G_N_ELEMENTS (ids), &e.caps, &e.allcaps);
  if (n == 0)
    return syntax_error (error, name, lineno, 1, "label has no tokens or more than 32");

  e.label = g_string_chunk_insert (gaz->strings, cols[0]);
  e.canonical = ncols > 2 && *cols[2] && strcmp (cols[2], cols[0]) != 0
                ? g_string_chunk_insert (gaz->strings, cols[2]) : e.label;
  e.file = name;
  e.line = lineno;
  e.n_tokens = n;
  if (st->user)
    e.flags |= KGX_GAZF_USER;
  if (ncols > 3 && *cols[3])
    {
      char *pair = cols[3];

      while (pair)
        {
          char *semi = strchr (pair, ';');
          char *k, *eq;
          const char *v;

          if (semi)
            *semi = '\0';
          k = strip_inplace (pair);
          pair = semi ? semi + 1 : NULL;
          if (*k == '\0')
            continue;
          eq = strchr (k, '=');
          if (eq == NULL)
            return syntax_error (error, name, lineno, 1, "extra column wants key=value pairs");
          *eq = '\0';
          v = eq + 1;
          /* the keys of every generated row first */
          if (KEY_IS (k, "country"))
            {
              /* rows come grouped by country: intern each run once */
              if (st->last_country == NULL || strcmp (st->last_country, v) != 0)
                st->last_country = g_string_chunk_insert_const (gaz->strings, v);
              e.country = st->last_country;
            }
          else if (KEY_IS (k, "pop"))
            e.pop = parse_pop (v);
          else if (KEY_IS (k, "homonyms"))
            homonyms = parse_pop (v);
          else if (KEY_IS (k, "rival_pop"))
            rival_pop = parse_pop (v);
          else if (KEY_IS (k, "form") && strcmp (v, "demonym") == 0)
            e.flags |= KGX_GAZF_DEMONYM;
          else if (KEY_IS (k, "amb") && strcmp (v, "1") == 0)
            e.flags |= KGX_GAZF_AMBIGUOUS;
          else if (KEY_IS (k, "kind") && strcmp (v, "leading") == 0)
            e.flags |= KGX_GAZF_LEADING;
          else if (KEY_IS (k, "kind") && strcmp (v, "honorific") == 0)
            e.flags |= KGX_GAZF_HONORIFIC;
          else if (KEY_IS (k, "sec")
                   && (strcmp (v, "weekdays") == 0 || strcmp (v, "months") == 0))
            e.flags |= KGX_GAZF_TIME;
          else if (KEY_IS (k, "pos") && strcmp (v, "prefix") == 0)
            e.flags |= KGX_GAZF_PREFIX;
          else if (KEY_IS (k, "sex") && strcmp (v, "m") == 0)
            e.flags |= KGX_GAZF_MALE;
          else if (KEY_IS (k, "sex") && strcmp (v, "f") == 0)
            e.flags |= KGX_GAZF_FEMALE;
          else if (KEY_IS (k, "sub"))
            e.sub = g_string_chunk_insert_const (gaz->strings, v);
        }
    }
  /* namesakes: one place only when it dwarfs the biggest of the others */
  if (homonyms > 1 && (guint64) e.pop < (guint64) rival_pop * BACKGROUND_DOMINANCE)
    e.flags |= KGX_GAZF_HOMONYM;
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
      {
        g_array_index (gaz->entries, KgxGazEntry, *tail).next = idx;
        /* entity rows of one label with different canonicals: the name
         * is not one place ("Balkhash" the lake and the town).  A label
         * with very many rows is no one place either, and is not walked
         * again for each of them. */
        guint walked = 0;
        if (e.kind == KGX_GAZ_ENTITY)
          for (guint32 o = *head; o != idx; o = g_array_index (gaz->entries, KgxGazEntry, o).next)
            {
              KgxGazEntry *oe = &g_array_index (gaz->entries, KgxGazEntry, o);
              if (++walked > 64)
                {
                  g_array_index (gaz->entries, KgxGazEntry, idx).flags |= KGX_GAZF_HOMONYM;
                  break;
                }
              if (oe->kind == KGX_GAZ_ENTITY && strcmp (oe->canonical, e.canonical) != 0)
                {
                  oe->flags |= KGX_GAZF_HOMONYM;
                  g_array_index (gaz->entries, KgxGazEntry, idx).flags |= KGX_GAZF_HOMONYM;
                }
            }
      }
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
  LoadState st = { 0 };
  gboolean ok = TRUE;

  if (!kgx_utf8_validate (data, len))
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
  init_fast_class ();
  st.name = g_string_chunk_insert_const (gaz->strings, name);
  st.user = user;
  st.buf = g_string_sized_new (256);
  while (p < end && ok)
    {
      const char *nl = memchr (p, '\n', end - p);
      const char *le = nl ? nl : end;
      char *cols[5];
      guint ncols = 1;
      char *line, *t;

      lineno++;
      /* g_strchomp(): trailing white space (and a CR) is not content */
      while (le > p && g_ascii_isspace (le[-1]))
        le--;
      if (le == p || *p == '#')
        {
          p = nl ? nl + 1 : end;
          continue;
        }
      g_string_truncate (st.buf, 0);
      g_string_append_len (st.buf, p, le - p);
      p = nl ? nl + 1 : end;
      line = st.buf->str;

      /* g_strsplit (line, "\t", 5): at most 5 columns, the last keeps
       * any further tabs */
      cols[0] = line;
      for (t = line; ncols < 5 && (t = strchr (t, '\t')) != NULL; )
        {
          *t++ = '\0';
          cols[ncols++] = t;
        }
      if (ncols < 2 || ncols > 4)
        {
          ok = syntax_error (error, name, lineno, 1,
                             "expected label<TAB>Class<TAB>canonical<TAB>extra");
          break;
        }
      cols[0] = strip_inplace (cols[0]);
      if (*cols[0] == '\0')
        {
          ok = syntax_error (error, name, lineno, 1, "empty label");
          break;
        }
      cols[1] = strip_inplace (cols[1]);
      if (*cols[1] == '\0')
        {
          ok = syntax_error (error, name, lineno, (guint) strlen (cols[0]) + 2, "empty class");
          break;
        }
      if (ncols > 2)
        cols[2] = strip_inplace (cols[2]);
      ok = add_line (gaz, &st, cols, ncols, lineno, error);
    }
  g_string_free (st.buf, TRUE);
  kgx_tokens_free (st.toks);
  return ok;
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
  return kgx_gazetteer_lookup_cached (gaz, tokens, NULL, n, start, lens, heads, max);
}

/* As kgx_gazetteer_lookup(), with ids (nullable) caching each token's
 * vocabulary id: G_MAXUINT32 until looked up. */
guint
kgx_gazetteer_lookup_cached (const KgxGazetteer *gaz, const KgxToken *tokens, guint32 *ids,
                             guint n, guint start, guint *lens, guint32 *heads, guint max)
{
  guint32 node = 0;
  guint found = 0;

  for (guint i = start; i < n && found < max; i++)
    {
      guint32 tok = ids ? ids[i] : G_MAXUINT32;
      if (tok == G_MAXUINT32)
        {
          tok = GPOINTER_TO_UINT (kgx_str_map_lookup (gaz->vocab, tokens[i].lower));
          if (ids)
            ids[i] = tok;
        }
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
  guint32 tok = GPOINTER_TO_UINT (kgx_str_map_lookup (gaz->vocab, lower));
  guint32 node;

  if (tok == 0)
    return NO_ENTRY;
  node = edge_find (gaz, 0, tok);
  if (node == NO_ENTRY)
    return NO_ENTRY;
  return g_array_index (gaz->node_head, guint32, node);
}

const char *
kgx_gazetteer_background_country (const KgxGazetteer *gaz, guint32 index)
{
  const KgxGazEntry *e = kgx_gazetteer_get_entry (gaz, index);

  if (e == NULL || e->kind != KGX_GAZ_ENTITY || e->country == NULL
      || strcmp (e->cls, "Country") == 0
      || (e->flags & (KGX_GAZF_DEMONYM | KGX_GAZF_AMBIGUOUS | KGX_GAZF_HOMONYM)))
    return NULL;
  return e->country;
}
