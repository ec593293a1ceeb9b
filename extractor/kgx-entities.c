/* kgx-entities.c - named entities and references in one document.
 *
 * Three passes.  A: per sentence, left to right, gazetteer matches (longest
 * first), capitalised sequences classified by their head noun ("... Agency",
 * "... NPP", "... Forum"), person names from context (a title, "Mr", an
 * apposition, a speech verb, a given name), titles, and candidate
 * references.  B: what A left unknown is matched against the names the
 * document has already given (surnames, acronyms, all-capital headlines).
 * C: references in document order: he/she, "the company", "the plant",
 * and descriptions of unnamed plants and events.  Precision first: a
 * capitalised word that nothing explains is not an entity.
 */
#include "config.h"

#include <string.h>

#include "kgx-doc-private.h"
#include "kgx-ontology.h"
#include "kgx-str-map-private.h"

/* Closed-class words.  Content vocabularies (titles, head nouns, names)
 * are gazetteer data under ontology/gazetteers/. */
static const char *const function_words[] = {
  "the", "a", "an", "this", "that", "these", "those", "it", "its", "he", "she",
  "they", "we", "i", "you", "his", "her", "their", "our", "my", "your", "but",
  "and", "or", "in", "on", "at", "for", "of", "to", "from", "by", "with", "as",
  "after", "before", "while", "when", "where", "if", "so", "also", "however",
  "meanwhile", "there", "here", "then", "thus", "yet", "since", "although",
  "though", "because", "despite", "during", "under", "over", "about", "all",
  "both", "each", "every", "some", "many", "most", "other", "such", "no", "not",
  "what", "which", "who", "whom", "whose", "how", "why", "one", "two", "three",
  "last", "next", "first", "new", "earlier", "later", "today", "yesterday",
  "tomorrow", "now", "recently", "still", "even", "only", "just", "according",
  "among", "between", "into", "through", "until", "unlike", "like", "more",
  "less", "few", "several", "any", "much", "very", "too", "again", "once",
  "is", "are", "was", "were", "be", "been", "has", "have", "had", "will",
  "would", "can", "could", "should", "may", "might", "must", "do", "does",
  "did", "photo", "read", "see", "share", "click", "related",
  "reuter", "reuters", "shares", "net", "qtr", "oper", "shr", "revs", "note",
  "figures", "analysts", "officials", "sources", "investors", "traders",
  "dealers", "economists", "government", "company", "group", "unit",
};

static const char *const speech_verbs[] = {
  "said", "says", "told", "tells", "added", "adds", "explained", "noted",
  "stated", "stressed", "emphasized", "emphasised", "concluded", "recalled",
  "announced", "commented", "argued", "insisted", "warned", "wrote", "asked",
  "replied", "agreed", "declared", "confirmed", "acknowledged", "admitted",
  "continued", "predicted", "urged", "underlined", "highlighted", "observed",
  "believes", "thinks", "remarked", "pointed", "estimated",
};

/* Verbs whose object is usually a person: "nominated J. Paul Sticht". */
static const char *const person_object_verbs[] = {
  "nominated", "appointed", "named", "elected", "replacing", "replaced", "succeeding",
  "succeeded", "hired", "promoted", "fired", "sacked", "ousted", "congratulated",
  "thanked", "interviewed", "quoted", "met", "meets", "visited", "telephoned", "phoned",
  "praised", "criticised", "criticized", "accused", "defeated", "endorsed", "married",
};

/* Nouns that stand before a company's name: "the US firm NuScale". */
static const char *const org_descriptors[] = {
  "company", "firm", "group", "utility", "operator", "regulator", "developer", "giant",
  "maker", "producer", "carrier", "airline", "lender", "insurer", "conglomerate",
  "subsidiary", "supplier", "manufacturer", "vendor", "contractor", "startup", "start-up",
  "retailer", "broker", "newspaper", "daily", "broadcaster", "watchdog",
};

static const char *const connector_of[] = { "of", "for", "on" };
/* Title modifiers that make a leading title lead only a part. */
static const char *const part_words[] = { "division", "regional", "unit" };
/* Adjectives after "of" that need the word after them inside a name:
 * "Institute of International Finance Managing Director X". */
static const char *const name_adjectives[] = {
  "international", "national", "general", "federal", "central", "royal", "american",
  "european", "world", "global"
};
/* Lower-case nouns that make the capitalised words before them the name
 * of a publication, an agency or a firm: "the official Economic
 * Information newspaper", "the official Xinhua news agency". */
static const char *const media_nouns[] = {
  "newspaper", "daily", "weekly", "magazine", "news", "agency", "paper", "journal",
  "radio", "television", "tv", "newsletter", "company", "firm", "group", "bank"
};
/* Letters after a person's name that are no part of it: "Ian Stead QC",
 * "Tom Barrow MSP". */
static const char *const post_nominals[] = {
  "MP", "MSP", "MEP", "AM", "QC", "KC", "OBE", "CBE", "MBE", "KBE", "DBE"
};
static const char *const name_particles[] = {
  "de", "van", "von", "der", "den", "al", "bin", "ibn", "da", "di", "du", "la",
  "le", "del", "dos", "das", "y", "el", "ben",
};
static const char *const determiners_def[] = {
  "the", "this", "that", "its", "their", "his", "her", "our",
};
static const char *const determiners_indef[] = { "a", "an", "another" };
/* Last words that make "Given Name X" a place, not a person. */
static const char *const venue_words[] = {
  "house", "parade", "street", "road", "avenue", "square", "stadium", "arena",
  "theater", "theatre", "centre", "center", "palace", "hotel", "gardens", "place",
  /* not "hall", "court", "park", "lane", "tower": Jerry Hall, Margaret
   * Court, Nick Park, Nathan Lane, John Tower */
};
/* Nouns before "of" that make the next name a region: "the state of Hessen". */
static const char *const region_nouns[] = {
  "state", "province", "region", "county", "district", "prefecture", "oblast",
  "canton", "department", "governorate", "emirate", "territory",
};
/* Adjectives that open a sentence before a lower-case head noun without
 * naming anything: "Local government", "Federal authorities". */
static const char *const level_adjectives[] = {
  "local", "federal", "central", "regional", "state", "provincial", "municipal",
  "national", "interim", "transitional", "coalition", "military", "foreign",
  "opposition", "city", "county", "district", "public", "private", "new",
};
/* Function words that still describe an event: "the two-day summit". */
static const char *const event_modifiers[] = { "one", "two", "three", "first", "new" };
static const char *const legal_forms[] = {
  "inc", "inc.", "ltd", "ltd.", "llp", "llc", "jsc", "plc", "ag", "sa", "nv",
  "gmbh", "co", "co.", "corp", "corp.", "pjsc", "ojsc", "cjsc", "spa", "bv",
};
/* "the company" and its kind: the class the antecedent must belong to. */
static const struct { const char *word; const char *cls; } anaphors[] = {
  { "company", "Company" }, { "firm", "Company" }, { "group", "Company" },
  { "corporation", "Company" }, { "agency", "GovernmentAgency" },
  { "ministry", "Ministry" }, { "bank", "Bank" }, { "union", "Association" },
  { "council", "Association" }, { "academy", "Association" },
  { "university", "University" }, { "organisation", "Organization" },
  { "organization", "Organization" }, { "event", "Event" },
  { "forum", "Event" }, { "summit", "Event" }, { "conference", "Event" },
  { "meeting", "Event" }, { "plant", "Facility" }, { "station", "Facility" },
  { "reactor", "Facility" }, { "facility", "Facility" }, { "factory", "Facility" },
  { "mine", "Facility" }, { "refinery", "Facility" }, { "country", "Country" },
};

/* Looked up once or more per token: KgxStrMap, not GHashTable. */
static KgxStrMap *function_set, *speech_set, *particle_set, *legal_set;

/* strcmp (s, lit) == 0 for a literal, without the call for the many
 * words whose first byte differs: for tests made at every token. */
#define WORD_IS(s, lit) ((s)[0] == (lit)[0] && strcmp ((s), (lit)) == 0)

static KgxStrMap *
make_set (const char *const *words, guint n)
{
  KgxStrMap *set = kgx_str_map_new ();
  for (guint i = 0; i < n; i++)
    kgx_str_map_insert (set, words[i], (gpointer) words[i]);
  return set;
}

static inline gboolean
set_has (const KgxStrMap *set, const char *word)
{
  return kgx_str_map_lookup (set, word) != NULL;
}

static void
init_sets (void)
{
  static gsize done = 0;

  if (g_once_init_enter (&done))
    {
      function_set = make_set (function_words, G_N_ELEMENTS (function_words));
      speech_set = make_set (speech_verbs, G_N_ELEMENTS (speech_verbs));
      particle_set = make_set (name_particles, G_N_ELEMENTS (name_particles));
      legal_set = make_set (legal_forms, G_N_ELEMENTS (legal_forms));
      g_once_init_leave (&done, 1);
    }
}

static gboolean
in_list (const char *w, const char *const *list, guint n)
{
  for (guint i = 0; i < n; i++)
    if (strcmp (w, list[i]) == 0)
      return TRUE;
  return FALSE;
}

/* ---------------------------------------------------------------------- */
/* The document */

KgxDoc *
kgx_doc_new (const char *text, gsize len)
{
  KgxDoc *doc = g_new0 (KgxDoc, 1);

  doc->toks = kgx_tokens_new (text, len);
  doc->entities = g_ptr_array_new ();
  doc->spans = g_array_new (FALSE, TRUE, sizeof (KgxSpan));
  doc->registry = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  doc->scratch = g_string_sized_new (64);
  return doc;
}

static void
doc_entity_free (KgxDocEntity *e)
{
  g_free (e->canonical);
  g_free (e->label);
  g_ptr_array_unref (e->names);
  if (e->titles)
    g_ptr_array_unref (e->titles);
  g_free (e);
}

void
kgx_doc_free (KgxDoc *doc)
{
  if (doc == NULL)
    return;
  for (guint i = 0; i < doc->entities->len; i++)
    doc_entity_free (g_ptr_array_index (doc->entities, i));
  g_ptr_array_unref (doc->entities);
  g_array_unref (doc->spans);
  g_hash_table_destroy (doc->registry);
  g_string_free (doc->scratch, TRUE);
  kgx_tokens_free (doc->toks);
  g_free (doc);
}

/* The tokens' normalised forms, with a space where the text had one. */
char *
kgx_doc_span_text (const KgxDoc *doc, guint32 first, guint32 end)
{
  const KgxToken *toks = (const KgxToken *) doc->toks->tokens->data;
  gsize n = 0;
  char *out, *p;

  /* measured first, then copied: one allocation (this runs per mention) */
  for (guint32 i = first; i < end; i++)
    n += (i > first && (toks[i].flags & KGX_TOKF_SPACE)) + strlen (toks[i].form);
  p = out = g_malloc (n + 1);
  for (guint32 i = first; i < end; i++)
    {
      gsize len = strlen (toks[i].form);
      if (i > first && (toks[i].flags & KGX_TOKF_SPACE))
        *p++ = ' ';
      memcpy (p, toks[i].form, len);
      p += len;
    }
  *p = '\0';
  return out;
}

/* g_ascii_tolower() without a call: it runs per byte of every name. */
static inline char
ascii_lower (char c)
{
  return c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
}

/* Appends the normalised form of s to out: lower case, no possessive, no
 * leading "the", hyphens and punctuation as spaces, the key under which a
 * document's names are compared.  ASCII text, nearly all of it, is lowered
 * in place, without g_utf8_strdown()'s copy. */
static void
normalize_append (GString *out, const char *s, gsize len)
{
  g_autofree char *low = NULL;
  gsize start = out->len;
  const char *p, *end;

  if (len == (gsize) -1)
    len = strlen (s);
  for (p = s; p < s + len && !(*p & 0x80); p++)
    ;
  if (p < s + len)
    {
      low = g_utf8_strdown (s, len);
      s = low;
      len = strlen (low);
    }
  end = s + len;
  for (p = s; p < end && *p; p++)
    {
      char c = ascii_lower (*p);
      if (c == '\'' && p + 1 < end && ascii_lower (p[1]) == 's'
          && !(p + 2 < end && g_ascii_isalnum (p[2])))
        {
          p++;
          continue;
        }
      if (c == '-' || c == '.' || c == ',' || c == '"' || c == '\'' || c == '('
          || c == ')' || g_ascii_isspace (c))
        {
          if (out->len > start && out->str[out->len - 1] != ' ')
            g_string_append_c (out, ' ');
          continue;
        }
      g_string_append_c (out, c);
    }
  while (out->len > start && out->str[out->len - 1] == ' ')
    g_string_truncate (out, out->len - 1);
  if (out->len - start >= 4 && memcmp (out->str + start, "the ", 4) == 0)
    g_string_erase (out, start, 4);
}

/* ---------------------------------------------------------------------- */
/* The finder's state */

typedef enum {
  REF_PRONOUN,
  REF_ANAPHOR,      /* "the company" */
  REF_DESC          /* "a conference", "the nuclear plant" */
} RefKind;

typedef struct {
  guint32     first, end;   /* tokens of the span to create */
  guint32     det;          /* token of the determiner, or G_MAXUINT32 */
  RefKind     kind;
  gboolean    definite;
  const char *cls;          /* class wanted or given */
  guint32     desc_first;   /* first token of the description's modifiers */
} Ref;

typedef struct {
  KgxDoc                 *doc;
  const KgxEntityContext *ctx;
  const KgxToken         *t;
  guint                   n;
  guint8                 *title_len;
  guint32                *title_entry;
  guint8                 *head_len;
  guint32                *head_entry;
  guint8                 *ent_len;
  guint32                *ent_entry;
  guint8                 *word;        /* WORD_* bits */
  GArray                 *pending;     /* guint32 pairs: unknown capitalised spans */
  GArray                 *refs;        /* Ref */
  GHashTable             *surnames;    /* lower surname -> entity + 1, or 0 when shared */
  GHashTable             *acronyms;    /* acronym -> entity + 1 */
  GHashTable             *org_prefixes; /* "Boston Five" -> entity + 1, for "Boston Five Cents Savings Bank" */
} Finder;

enum {
  WORD_NOT_ENTITY = 1 << 0,
  WORD_GIVEN      = 1 << 1,
  WORD_PREFIX     = 1 << 2,
  WORD_FUNCTION   = 1 << 3,
  WORD_TITLE_MOD  = 1 << 4,
  WORD_TIME       = 1 << 5,
  WORD_MALE       = 1 << 6,
  WORD_FEMALE     = 1 << 7
};

static inline const KgxGazEntry *
gaz_entry (const Finder *f, guint32 idx)
{
  return kgx_gazetteer_get_entry (f->ctx->gaz, idx);
}

static gboolean
case_ok (const Finder *f, const KgxGazEntry *e, guint start)
{
  for (guint k = 0; k < e->n_tokens; k++)
    {
      const KgxToken *t = &f->t[start + k];
      if (t->flags & KGX_TOKF_CAPS_LINE)
        continue;
      if ((e->allcaps >> k) & 1)
        {
          if (!(t->flags & KGX_TOKF_ALLCAPS) && !(t->flags & KGX_TOKF_ABBREV))
            return FALSE;
        }
      else if ((e->caps >> k) & 1)
        {
          if (!(t->flags & KGX_TOKF_CAP))
            return FALSE;
        }
    }
  return TRUE;
}

/* Looks up every gazetteer label at every token once. */
static void
precompute (Finder *f)
{
  guint lens[16];
  guint32 heads[16];
  g_autofree guint32 *ids = g_new (guint32, f->n + 1);

  memset (ids, 0xff, (f->n + 1) * sizeof (guint32));   /* G_MAXUINT32: not looked up */
  for (guint i = 0; i < f->n; i++)
    {
      guint found;
      const KgxToken *t = &f->t[i];

      if (set_has (function_set, t->lower))
        f->word[i] |= WORD_FUNCTION;
      if (t->flags & KGX_TOKF_PUNCT)
        continue;
      /* "Mr.", "Dr.": the abbreviation's word without its period. */
      if ((t->flags & KGX_TOKF_ABBREV) && (t->flags & KGX_TOKF_CAP))
        {
          g_autofree char *bare = g_strndup (t->lower, strlen (t->lower) - 1);
          for (guint32 ei = kgx_gazetteer_lookup_word (f->ctx->gaz, bare); ei != G_MAXUINT32;
               ei = gaz_entry (f, ei)->next)
            if (gaz_entry (f, ei)->kind == KGX_GAZ_PERSON_PREFIX && gaz_entry (f, ei)->n_tokens == 1)
              f->word[i] |= WORD_PREFIX;
        }
      found = kgx_gazetteer_lookup_cached (f->ctx->gaz, f->t, ids, f->n, i, lens, heads, 16);
      for (guint m = 0; m < found; m++)
        {
          /* Labels must not cross a sentence. */
          if (f->t[i + lens[m] - 1].sentence != t->sentence)
            break;
          for (guint32 ei = heads[m]; ei != G_MAXUINT32; ei = gaz_entry (f, ei)->next)
            {
              const KgxGazEntry *e = gaz_entry (f, ei);
              switch ((KgxGazKind) e->kind)
                {
                case KGX_GAZ_TITLE:
                  if (lens[m] >= f->title_len[i])
                    {
                      f->title_len[i] = lens[m];
                      f->title_entry[i] = ei;
                    }
                  break;
                case KGX_GAZ_ORG_HEAD:
                case KGX_GAZ_FACILITY_HEAD:
                case KGX_GAZ_EVENT_HEAD:
                  if (lens[m] > f->head_len[i])
                    {
                      f->head_len[i] = lens[m];
                      f->head_entry[i] = ei;
                    }
                  break;
                case KGX_GAZ_ENTITY:
                  if (lens[m] > f->ent_len[i] && case_ok (f, e, i))
                    {
                      f->ent_len[i] = lens[m];
                      f->ent_entry[i] = ei;
                    }
                  break;
                case KGX_GAZ_GIVEN_NAME:
                  if (lens[m] == 1 && (t->flags & KGX_TOKF_CAP))
                    f->word[i] |= WORD_GIVEN
                                  | ((e->flags & KGX_GAZF_MALE) ? WORD_MALE : 0)
                                  | ((e->flags & KGX_GAZF_FEMALE) ? WORD_FEMALE : 0);
                  break;
                case KGX_GAZ_PERSON_PREFIX:
                  if (lens[m] == 1 && (t->flags & KGX_TOKF_CAP))
                    f->word[i] |= WORD_PREFIX;
                  break;
                case KGX_GAZ_NOT_ENTITY:
                  if (lens[m] == 1)
                    f->word[i] |= WORD_NOT_ENTITY | ((e->flags & KGX_GAZF_TIME) ? WORD_TIME : 0);
                  break;
                case KGX_GAZ_TITLE_MOD:
                  if (lens[m] == 1)
                    f->word[i] |= WORD_TITLE_MOD;
                  break;
                default:
                  break;
                }
            }
        }
    }
}

/* ---------------------------------------------------------------------- */
/* Entities and spans */

/* The registry's key for a name, "coarse\tnormalised name", in
 * doc->scratch: no allocation for a lookup. */
static const char *
registry_key (KgxDoc *doc, KgxCoarse coarse, const char *name)
{
  GString *k = doc->scratch;

  G_STATIC_ASSERT (KGX_COARSE_EVENT < 10);
  g_string_truncate (k, 0);
  g_string_append_c (k, (char) ('0' + coarse));
  g_string_append_c (k, '\t');
  normalize_append (k, name, (gsize) -1);
  return k->str;
}

static gint
registry_find (KgxDoc *doc, KgxCoarse coarse, const char *name)
{
  gpointer v = g_hash_table_lookup (doc->registry, registry_key (doc, coarse, name));
  return v ? (gint) GPOINTER_TO_UINT (v) - 1 : -1;
}

/* Any coarse class: for all-capital headlines and repeated names.  The
 * name is normalised once; only the class digit changes. */
static gint
registry_find_any (KgxDoc *doc, const char *name)
{
  char *key = (char *) registry_key (doc, KGX_COARSE_PERSON, name);

  for (int c = KGX_COARSE_PERSON; c <= KGX_COARSE_EVENT; c++)
    {
      gpointer v;
      key[0] = (char) ('0' + c);
      v = g_hash_table_lookup (doc->registry, key);
      if (v)
        return (gint) GPOINTER_TO_UINT (v) - 1;
    }
  return -1;
}

static void
registry_add (KgxDoc *doc, KgxCoarse coarse, const char *name, guint entity)
{
  const char *key = registry_key (doc, coarse, name);

  if (strchr (key, '\t')[1] == '\0' || g_hash_table_contains (doc->registry, key))
    return;
  g_hash_table_insert (doc->registry, g_strdup (key), GUINT_TO_POINTER (entity + 1));
}

static void
entity_add_name (KgxDocEntity *e, const char *name)
{
  for (guint i = 0; i < e->names->len; i++)
    if (strcmp (g_ptr_array_index (e->names, i), name) == 0)
      return;
  g_ptr_array_add (e->names, g_strdup (name));
}

static KgxCoarse
coarse_of (const Finder *f, const char *cls)
{
  return kgx_coarse_from_string (kgx_ontology_get_coarse_class (f->ctx->onto, cls));
}

/* Finds or makes the entity for a name; canonical may be NULL. */
static guint
entity_get (Finder *f, const char *cls, const char *name, const char *canonical,
            gboolean named, gboolean from_gaz)
{
  KgxDoc *doc = f->doc;
  KgxCoarse coarse = coarse_of (f, cls);
  gint found = -1;
  KgxDocEntity *e;

  if (canonical)
    found = registry_find (doc, coarse, canonical);
  if (found < 0)
    found = registry_find (doc, coarse, name);
  if (found >= 0)
    {
      e = g_ptr_array_index (doc->entities, found);
      if (named)
        {
          if (!e->named)
            e->named = TRUE;
          entity_add_name (e, name);
        }
      /* A finer class wins: "Company" over "Organization". */
      if (strcmp (e->cls, cls) != 0
          && kgx_ontology_is_subclass_of (f->ctx->onto, cls, e->cls))
        e->cls = cls;
      registry_add (doc, coarse, name, found);
      return found;
    }
  e = g_new0 (KgxDocEntity, 1);
  e->cls = cls;
  e->coarse = coarse;
  e->canonical = g_strdup (canonical);
  e->names = g_ptr_array_new_with_free_func (g_free);
  e->named = named;
  e->from_gazetteer = from_gaz;
  if (named || canonical == NULL)
    entity_add_name (e, name);
  g_ptr_array_add (doc->entities, e);
  registry_add (doc, coarse, name, doc->entities->len - 1);
  if (canonical)
    registry_add (doc, coarse, canonical, doc->entities->len - 1);
  return doc->entities->len - 1;
}

static void
add_span (Finder *f, KgxSpanKind kind, guint32 first, guint32 end, guint32 entity, guint16 flags)
{
  KgxSpan s = { 0 };

  s.first = first;
  s.end = end;
  s.entity = entity;
  s.flags = flags;
  s.kind = kind;
  s.title_begin = f->t[first].begin;
  s.title_end = f->t[end - 1].end;
  g_array_append_val (f->doc->spans, s);
}

static const KgxSpan *
last_span (const Finder *f)
{
  GArray *spans = f->doc->spans;
  return spans->len ? &g_array_index (spans, KgxSpan, spans->len - 1) : NULL;
}

/* ---------------------------------------------------------------------- */
/* Capitalised sequences */

static gboolean
is_cap_word (const Finder *f, guint i)
{
  const KgxToken *t = &f->t[i];

  if (!(t->flags & KGX_TOKF_CAP) || (t->flags & KGX_TOKF_CAPS_LINE))
    return FALSE;
  if (strcmp (t->lower, "'s") == 0)
    return FALSE;
  if ((f->word[i] & WORD_FUNCTION) && (t->flags & KGX_TOKF_SENT_START))
    return FALSE;
  if (f->word[i] & WORD_PREFIX)
    return FALSE;
  /* Months and weekdays never stand in a name, but a surname after a
   * given name or Mr/Mrs may be one: "Bill May", "Mrs May". */
  if (f->word[i] & WORD_TIME)
    {
      if (!(i > 0 && (f->word[i - 1] & (WORD_GIVEN | WORD_PREFIX))))
        return FALSE;
      return TRUE;   /* "Theresa May", "Mrs May": the month is no modal verb either */
    }
  if ((f->word[i] & WORD_FUNCTION) && !(t->flags & KGX_TOKF_ALLCAPS)
      && f->ent_len[i] == 0 && f->head_len[i] == 0)
    return FALSE;
  return TRUE;
}

/* Token k (k > 0) is an apostrophe glued to a word ending in s, a plural
 * possessive: "Holdings' oil unit", "Employers' Associations". */
static gboolean
plural_apostrophe (const Finder *f, guint k)
{
  return (strcmp (f->t[k].form, "'") == 0 || strcmp (f->t[k].form, "\u2019") == 0)
         && !(f->t[k].flags & KGX_TOKF_SPACE) && g_str_has_suffix (f->t[k - 1].lower, "s");
}

/* A post-nominal at k, ending the name: "Ian Stead QC said". */
static gboolean
is_post_nominal (const Finder *f, guint k, guint sent_end)
{
  return (f->t[k].flags & KGX_TOKF_ALLCAPS)
         && in_list (f->t[k].form, post_nominals, G_N_ELEMENTS (post_nominals))
         && (k + 1 >= sent_end || !is_cap_word (f, k + 1));
}

static gboolean
is_cap_title (const Finder *f, guint k)
{
  return f->title_len[k] > 0 && (f->t[k].flags & KGX_TOKF_CAP);
}

/* Does a capitalised title at k end the name that began at i?  "Rosatom
 * Director General Alexey Likhachev" splits; "Mervyn King said" does not. */
static gboolean
title_breaks (const Finder *f, guint i, guint k)
{
  guint after = k + f->title_len[k];

  if (f->title_len[k] > 1)
    return TRUE;
  if (after < f->n && f->t[after].sentence == f->t[k].sentence && is_cap_word (f, after))
    return TRUE;
  /* A single title word after an unexplained capitalised word is part of
   * the name; after a known entity it is a title. */
  for (guint s = i; s < k; s++)
    if (f->ent_len[s] > 0 && s + f->ent_len[s] == k)
      return TRUE;
  if (f->head_len[k - 1] > 0)
    return TRUE;
  return FALSE;
}

static gboolean
has_head (const Finder *f, guint i, guint end)
{
  for (guint k = i; k < end; k++)
    if (f->head_len[k] > 0 && (f->t[k].flags & KGX_TOKF_CAP))
      return TRUE;
  return FALSE;
}

/* "Britain's Europe Director", "Asia Minister": a continent or world
 * region right before a capitalised title, not itself inside a name ("GM
 * Europe President" is GM Europe's president), names the title's
 * portfolio, not a place. */
static gboolean
region_title_at (const Finder *f, guint i, guint sent_first, guint sent_end)
{
  const KgxGazEntry *e;
  guint end;

  if (f->ent_len[i] == 0 || (i > sent_first && is_cap_word (f, i - 1)))
    return FALSE;
  e = gaz_entry (f, f->ent_entry[i]);
  end = i + f->ent_len[i];
  return (strcmp (e->cls, "Continent") == 0 || strcmp (e->cls, "GeoRegion") == 0)
         && end < sent_end && is_cap_title (f, end);
}

/* The end of the capitalised sequence that starts at i (i when none). */
static guint
capseq_end (const Finder *f, guint i, guint sent_end)
{
  guint k = i, last_good = i;
  gboolean in_tail = FALSE;

  /* NotEntity words ("Monday", "However", "Veterans") never start a name
   * but may stand inside one. */
  if (!is_cap_word (f, i) || is_cap_title (f, i) || (f->word[i] & WORD_NOT_ENTITY))
    return i;
  if (region_title_at (f, i, i, sent_end))
    return i;
  /* "Oil Minister", "Deputy Secretary of State": the words belong to the
   * title that follows. */
  {
    guint m = i;
    while (m < sent_end && m < i + 4 && (f->word[m] & WORD_TITLE_MOD))
      m++;
    if (m > i && m < sent_end && f->title_len[m] > 0)
      return i;
  }
  while (k < sent_end)
    {
      const KgxToken *t = &f->t[k];

      if (is_cap_word (f, k))
        {
          if (k > i && is_cap_title (f, k) && title_breaks (f, i, k))
            break;
          if (k > i + 1 && is_post_nominal (f, k, sent_end) && (f->word[i] & WORD_GIVEN))
            break;
          /* "Department of Agriculture Deputy Administrator X": a word
           * right after "of" completes the name; the next one may start
           * the title. */
          if (k > i && (f->word[k] & WORD_TITLE_MOD) && strcmp (f->t[k - 1].lower, "of") != 0
              && !(k >= i + 2 && strcmp (f->t[k - 2].lower, "of") == 0
                   && in_list (f->t[k - 1].lower, name_adjectives, G_N_ELEMENTS (name_adjectives))))
            {
              guint m = k;
              while (m < sent_end && m < k + 4 && (f->word[m] & WORD_TITLE_MOD))
                m++;
              if (m < sent_end && f->title_len[m] > 0 && (f->t[m].flags & KGX_TOKF_CAP))
                break;
            }
          k++;
          last_good = k;
          continue;
        }
      /* "Whang Joo-ho", "Moon Jae-in": a short lower-case syllable glued by
       * a hyphen to a name. */
      if (strcmp (t->form, "-") == 0 && k > i && k + 1 < sent_end
          && !(t->flags & KGX_TOKF_SPACE) && !(f->t[k + 1].flags & KGX_TOKF_SPACE)
          && (f->t[k - 1].flags & KGX_TOKF_CAP) && (f->t[k + 1].flags & KGX_TOKF_LOWER)
          && (f->t[k + 1].flags & KGX_TOKF_ALPHA) && strlen (f->t[k + 1].form) <= 4
          && !(f->word[k + 1] & WORD_FUNCTION))
        {
          k += 2;
          last_good = k;
          continue;
        }
      /* "Jeroen van der Veer", "Ursula von der Leyen": up to three
       * lower-case particles between the words of a name. */
      if (set_has (particle_set, t->lower) && !(t->flags & KGX_TOKF_CAP)
          && !has_head (f, i, k))
        {
          guint m = k + 1;
          while (m < sent_end && m < k + 3 && !(f->t[m].flags & KGX_TOKF_CAP)
                 && set_has (particle_set, f->t[m].lower))
            m++;
          if (m < sent_end && is_cap_word (f, m))
            {
              k = m;
              continue;
            }
          break;
        }
      if (k + 1 >= sent_end || !is_cap_word (f, k + 1))
        break;
      /* Glued hyphen inside a name: "Kassym-Jomart", "Rolls-Royce". */
      if (strcmp (t->form, "-") == 0 && !(t->flags & KGX_TOKF_SPACE)
          && !(f->t[k + 1].flags & KGX_TOKF_SPACE))
        {
          k++;
          continue;
        }
      if (strcmp (t->form, "&") == 0)
        {
          k++;
          continue;
        }
      /* "Japan Federation of Employers' Associations", "Seafarers' Union":
       * a plural possessive inside a name. */
      if (k > i && plural_apostrophe (f, k) && !is_cap_title (f, k + 1) && f->ent_len[k + 1] == 0)
        {
          k++;
          continue;
        }
      /* "ARGOSystems Inc of Sunnyvale": a legal form ends the name ("Co of"
       * does not: "Aluminum Co of America"). */
      if (k > i && set_has (legal_set, f->t[k - 1].lower)
          && strcmp (f->t[k - 1].lower, "co") != 0 && strcmp (f->t[k - 1].lower, "co.") != 0
          && in_list (t->lower, connector_of, G_N_ELEMENTS (connector_of)))
        break;
      if (in_list (t->lower, connector_of, G_N_ELEMENTS (connector_of))
          && !(t->flags & KGX_TOKF_CAP) && has_head (f, i, k))
        {
          in_tail = TRUE;
          k++;
          if (k < sent_end && strcmp (f->t[k].lower, "the") == 0 && k + 1 < sent_end
              && is_cap_word (f, k + 1))
            k++;
          continue;
        }
      if ((strcmp (t->lower, "and") == 0 || strcmp (t->lower, "&") == 0) && in_tail
          && f->ent_len[k + 1] == 0 && f->title_len[k + 1] == 0 && f->head_len[k + 1] == 0
          && !(t->flags & KGX_TOKF_CAP))
        {
          k++;
          continue;
        }
      if ((strcmp (t->lower, "and") == 0 || strcmp (t->lower, "&") == 0) && !in_tail
          && k == i + 1 && f->head_len[i] == 0
          && !(t->flags & KGX_TOKF_CAP) && f->title_len[k + 1] == 0
          && !(f->ent_len[i] > 0 && i + f->ent_len[i] == k) && f->ent_len[k + 1] == 0
          && !has_head (f, i, k))
        {
          guint m = k + 1;
          gboolean reaches = FALSE;
          while (m < sent_end && m < k + 5 && is_cap_word (f, m))
            {
              /* "Mitsui and Co", "Oil and Natural Gas Corporation", but not
               * "House and Senate". */
              if (f->head_len[m] > 0
                  && gaz_entry (f, f->head_entry[m])->kind == KGX_GAZ_ORG_HEAD
                  && (m > k + 1 || set_has (legal_set, f->t[m].lower)))
                reaches = TRUE;
              m++;
            }
          if (reaches)
            {
              k++;
              continue;
            }
        }
      break;
    }
  /* "al-Oteiba", "bin Sultan al-Nahayan": a particle glued to a name. */
  while (last_good + 2 < sent_end && k == last_good
         && set_has (particle_set, f->t[k].lower)
         && strcmp (f->t[k + 1].form, "-") == 0 && !(f->t[k + 1].flags & KGX_TOKF_SPACE)
         && is_cap_word (f, k + 2) && !has_head (f, i, k))
    {
      k += 3;
      last_good = k;
      while (k < sent_end && is_cap_word (f, k) && !is_cap_title (f, k))
        last_good = ++k;
    }
  return last_good;
}

/* Does a gazetteer label start anywhere in tokens [i, j)? */
static gboolean
any_gazetteer_entity (const Finder *f, guint i, guint j)
{
  for (guint q = i; q < j; q++)
    if (f->ent_len[q] > 0)
      return TRUE;
  return FALSE;
}

static gboolean
is_speech_verb (const Finder *f, guint i)
{
  return i < f->n && set_has (speech_set, f->t[i].lower);
}

/* Context that makes a capitalised sequence a person's name. */
/* The words of a name, without particles and hyphens: "Zaid bin Sultan
 * al-Nahayan" has four. */
static guint
name_words (const Finder *f, guint i, guint j)
{
  guint n = 0;

  for (guint q = i; q < j; q++)
    if (f->t[q].flags & KGX_TOKF_CAP)
      n++;
  return n;
}

static gboolean
person_context (const Finder *f, guint i, guint j, guint sent_first, guint sent_end)
{
  guint len = name_words (f, i, j);
  const KgxSpan *prev = last_span (f);

  if (len > 4)
    return FALSE;
  /* "the official Economic Information newspaper said" */
  if (j < sent_end && in_list (f->t[j].lower, media_nouns, G_N_ELEMENTS (media_nouns)))
    return FALSE;
  if (prev && prev->kind == KGX_SPAN_TITLE && prev->end == i
      && ((f->t[prev->first].flags & KGX_TOKF_CAP) || f->ent_len[i] == 0))
    return TRUE;
  /* "The Association's Director General, Sama Bilbao y León, told ..." */
  if (prev && prev->kind == KGX_SPAN_TITLE && prev->end + 1 == i && len >= 2
      && strcmp (f->t[i - 1].form, ",") == 0 && j < sent_end && strcmp (f->t[j].form, ",") == 0)
    return TRUE;
  if (i > sent_first && (f->word[i - 1] & WORD_PREFIX))
    return TRUE;
  if (len < 2)
    return FALSE;
  if (f->word[i] & WORD_GIVEN)
    return TRUE;
  if (j < sent_end && (is_speech_verb (f, j) || strcmp (f->t[j].lower, "met") == 0
                       || strcmp (f->t[j].lower, "meets") == 0))
    return TRUE;
  if (i > sent_first && (is_speech_verb (f, i - 1)
                         || in_list (f->t[i - 1].lower, person_object_verbs,
                                     G_N_ELEMENTS (person_object_verbs))))
    return TRUE;
  /* "The chairman of Kestrel Holdings, Tomas Brekke, ...": a title of an
   * organisation, a comma, then the name. */
  if (i >= sent_first + 3 && strcmp (f->t[i - 1].form, ",") == 0 && prev
      && prev->kind == KGX_SPAN_ENTITY && prev->end == i - 1 && prev->first >= sent_first + 2
      && (strcmp (f->t[prev->first - 1].lower, "of") == 0
          || strcmp (f->t[prev->first - 1].lower, "at") == 0)
      && f->doc->spans->len >= 2)
    {
      const KgxSpan *tt = &g_array_index (f->doc->spans, KgxSpan, f->doc->spans->len - 2);
      if (tt->kind == KGX_SPAN_TITLE && tt->end == prev->first - 1)
        return TRUE;
    }
  /* "“...,” Alois Rhiel, its minister ... added": a name right after a
   * closing quotation mark (and its comma). */
  if (i > sent_first && ((f->t[i - 1].flags & KGX_TOKF_QCLOSE)
                         || (i > sent_first + 1 && strcmp (f->t[i - 1].form, ",") == 0
                             && (f->t[i - 2].flags & KGX_TOKF_QCLOSE))))
    return TRUE;
  /* "X to become chairman", "X as chief executive" */
  if (j + 1 < sent_end && ((strcmp (f->t[j].lower, "to") == 0 && strcmp (f->t[j + 1].lower, "become") == 0)
                           || (strcmp (f->t[j].lower, "as") == 0 && f->title_len[j + 1] > 0)))
    return TRUE;
  if (j + 1 < sent_end && strcmp (f->t[j].form, ",") == 0)
    {
      guint k = j + 1;
      const char *w = f->t[k].lower;
      if (f->title_len[k] > 0 || (f->t[k].flags & KGX_TOKF_DIGIT) || strcmp (w, "who") == 0)
        return TRUE;
      if (strcmp (w, "former") == 0 || strcmp (w, "deputy") == 0 || strcmp (w, "vice") == 0)
        return TRUE;
      if (strcmp (w, "a") == 0 || strcmp (w, "an") == 0 || strcmp (w, "the") == 0
          || strcmp (w, "its") == 0 || strcmp (w, "his") == 0 || strcmp (w, "her") == 0
          || strcmp (w, "their") == 0)
        for (guint m = k + 1; m < MIN (k + 5, sent_end); m++)
          if (f->title_len[m] > 0 || strcmp (f->t[m].lower, "member") == 0)
            return TRUE;
      /* "John Smith, Acme's chief executive" */
      for (guint m = k; m < MIN (k + 6, sent_end); m++)
        if (f->title_len[m] > 0 && !(f->t[m].flags & KGX_TOKF_CAP && m == k))
          return strcmp (f->t[m - 1].lower, "'s") == 0 || m == k;
    }
  return FALSE;
}

/* A person's mention takes in "Mr", "Dr" before the name (the name itself
 * does not), so that rules see "said Dr Jeremy Philpott" as one unit. */
static guint
prefixed_first (const Finder *f, guint entity, guint i)
{
  const KgxDocEntity *e = g_ptr_array_index (f->doc->entities, entity);
  const KgxSpan *prev = last_span (f);

  if (e->coarse == KGX_COARSE_PERSON && i > 0 && (f->word[i - 1] & WORD_PREFIX)
      && f->t[i - 1].sentence == f->t[i].sentence && !(prev && prev->end > i - 1))
    return i - 1;
  return i;
}

static void
add_entity_span (Finder *f, guint i, guint j, const char *cls, const char *canonical,
                 gboolean from_gaz, guint16 flags)
{
  g_autofree char *name = kgx_doc_span_text (f->doc, i, j);
  gboolean named = !(flags & KGX_SPANF_DEMONYM);
  guint e = entity_get (f, cls, named ? name : canonical, canonical, named, from_gaz);

  add_span (f, KGX_SPAN_ENTITY, prefixed_first (f, e, i), j, e, flags | (named ? KGX_SPANF_NAME : 0));
  if (named && coarse_of (f, cls) == KGX_COARSE_ORGANIZATION)
    for (guint k = i + 2; k < j && k < i + 8; k++)
      if (f->t[k - 1].flags & KGX_TOKF_CAP)
        {
          char *prefix = kgx_doc_span_text (f->doc, i, k);
          if (!g_hash_table_contains (f->org_prefixes, prefix))
            g_hash_table_insert (f->org_prefixes, prefix, GUINT_TO_POINTER (e + 1));
          else
            g_free (prefix);
        }
}

/* "World Atomic Week (WAW)": the acronym becomes a mention and an alias. */
static guint
take_acronym (Finder *f, guint j, guint sent_end)
{
  const KgxSpan *s = last_span (f);
  KgxDocEntity *e;

  if (s == NULL || s->kind != KGX_SPAN_ENTITY || s->end != j || j + 2 >= sent_end)
    return j;
  if (strcmp (f->t[j].form, "(") != 0 || strcmp (f->t[j + 2].form, ")") != 0
      || !(f->t[j + 1].flags & KGX_TOKF_ALLCAPS))
    return j;
  e = g_ptr_array_index (f->doc->entities, s->entity);
  entity_add_name (e, f->t[j + 1].form);
  registry_add (f->doc, e->coarse, f->t[j + 1].form, s->entity);
  g_hash_table_replace (f->acronyms, (gpointer) f->t[j + 1].form, GUINT_TO_POINTER (s->entity + 1));
  add_span (f, KGX_SPAN_ENTITY, j + 1, j + 2, s->entity, KGX_SPANF_NAME | KGX_SPANF_ACRONYM);
  return j + 3;
}

static gboolean
ambiguous_ok (const Finder *f, const KgxGazEntry *e, guint i, guint sent_first, guint sent_end)
{
  static const char *const place_preps[] = {
    "in", "at", "near", "from", "to", "outside", "across", "around", "into",
  };
  static const char *const directions[] = {
    "northern", "southern", "eastern", "western", "central", "north-eastern", "north-western",
    "south-eastern", "south-western", "northeastern", "northwestern", "southeastern",
    "southwestern", "rural", "coastal",
  };
  static const char *const direction_nouns[] = {
    "north", "south", "east", "west", "centre", "center", "north-east", "north-west",
    "south-east", "south-west", "northeast", "northwest", "southeast", "southwest", "rest",
  };

  gboolean city = strcmp (e->cls, "City") == 0, region = strcmp (e->cls, "Region") == 0;

  /* Cities and subdivisions share their names with people and words
   * ("Bush", "Parker", "West", "Central"): a small one needs a place's
   * context; a big one needs it only when it is also a given name. */
  if (city)
    {
      if (e->pop >= 200000 && !(f->word[i] & WORD_GIVEN) && !(e->flags & KGX_GAZF_AMBIGUOUS))
        return TRUE;
    }
  else if (region)
    {
      if (e->n_tokens > 1 && !(e->flags & KGX_GAZF_AMBIGUOUS))
        return TRUE;
      /* "Ontario's Minister of Energy" */
      if (!(e->flags & KGX_GAZF_AMBIGUOUS) && !(f->word[i] & WORD_GIVEN)
          && i + e->n_tokens < sent_end && strcmp (f->t[i + e->n_tokens].lower, "'s") == 0)
        return TRUE;
    }
  else if (!(e->flags & KGX_GAZF_AMBIGUOUS) || e->pop >= 1000000)
    return TRUE;
  if (i > sent_first && in_list (f->t[i - 1].lower, place_preps, G_N_ELEMENTS (place_preps)))
    return TRUE;
  /* "Richland, Wash": a state right after a city and a comma */
  if (region && i >= sent_first + 2 && strcmp (f->t[i - 1].form, ",") == 0)
    {
      const KgxSpan *ls = last_span (f);
      if (ls && ls->kind == KGX_SPAN_ENTITY && ls->end == i - 1
          && strcmp (((KgxDocEntity *) g_ptr_array_index (f->doc->entities, ls->entity))->cls,
                     "City") == 0)
        return TRUE;
    }
  /* "in northern England", "the north of England" */
  if (i > sent_first && in_list (f->t[i - 1].lower, directions, G_N_ELEMENTS (directions)))
    return TRUE;
  if (i > sent_first + 1 && strcmp (f->t[i - 1].lower, "of") == 0
      && in_list (f->t[i - 2].lower, direction_nouns, G_N_ELEMENTS (direction_nouns)))
    return TRUE;
  /* "the Oxford factory", "the Longbridge plant": a place before a
   * lower-case facility head. */
  if ((city || region) && i > sent_first && i + e->n_tokens < sent_end
      && f->head_len[i + e->n_tokens] > 0
      && (in_list (f->t[i - 1].lower, determiners_def, G_N_ELEMENTS (determiners_def))
          || in_list (f->t[i - 1].lower, determiners_indef, G_N_ELEMENTS (determiners_indef)))
      && (f->t[i + e->n_tokens].flags & KGX_TOKF_LOWER)
      && gaz_entry (f, f->head_entry[i + e->n_tokens])->kind == KGX_GAZ_FACILITY_HEAD
      && !(gaz_entry (f, f->head_entry[i + e->n_tokens])->flags & KGX_GAZF_AMBIGUOUS))
    return TRUE;
  /* "Tory leader Michael Howard": an organisation's short name right
   * before a title and a name. */
  if (!city && !region && coarse_of (f, e->cls) == KGX_COARSE_ORGANIZATION
      && !(f->word[i] & WORD_TITLE_MOD)   /* "Labour Minister" is a portfolio */
      && (f->t[i].flags & KGX_TOKF_CAP))
    {
      /* "Tory foreign affairs spokesman Michael Ancram" */
      guint tt = i + e->n_tokens, after;
      while (tt < sent_end && tt < i + e->n_tokens + 3 && (f->word[tt] & WORD_TITLE_MOD)
             && f->title_len[tt] == 0)
        tt++;
      after = tt < sent_end && f->title_len[tt] > 0 ? tt + f->title_len[tt] : sent_end;
      if (after < sent_end && (f->t[after].flags & KGX_TOKF_CAP)
          && !(f->word[after] & WORD_FUNCTION))
        return TRUE;
    }
  /* "the state of Hessen", "the province of Mersin" */
  if (i >= sent_first + 2 && strcmp (f->t[i - 1].lower, "of") == 0
      && in_list (f->t[i - 2].lower, region_nouns, G_N_ELEMENTS (region_nouns)))
    return TRUE;
  /* "Janesville, Wisconsin" */
  if (i >= sent_first + 2 && strcmp (f->t[i - 1].form, ",") == 0 && last_span (f)
      && last_span (f)->end == i - 1 && last_span (f)->kind == KGX_SPAN_ENTITY
      && ((KgxDocEntity *) g_ptr_array_index (f->doc->entities, last_span (f)->entity))->coarse
         == KGX_COARSE_PLACE)
    return TRUE;
  /* An ambiguous short name of an organisation ("GM") once its full name
   * was given. */
  if (!city && !region && registry_find_any (f->doc, e->canonical) >= 0)
    return TRUE;
  if (i + e->n_tokens + 1 < sent_end && strcmp (f->t[i + e->n_tokens].form, ",") == 0
      && f->ent_len[i + e->n_tokens + 1] > 0)
    return TRUE;
  if (i + e->n_tokens + 1 < sent_end && strcmp (f->t[i + e->n_tokens].form, "-") == 0
      && strcmp (f->t[i + e->n_tokens + 1].lower, "based") == 0)
    return TRUE;
  return FALSE;
}

static const char *
head_class (const Finder *f, guint k)
{
  const KgxGazEntry *h = gaz_entry (f, f->head_entry[k]);

  if (h->sub)
    return h->sub;
  switch ((KgxGazKind) h->kind)
    {
    case KGX_GAZ_ORG_HEAD: return "Organization";
    case KGX_GAZ_FACILITY_HEAD: return "Facility";
    case KGX_GAZ_EVENT_HEAD: return "Event";
    default: return NULL;
    }
}

static guint
add_person (Finder *f, guint i, guint j)
{
  guint e;
  KgxDocEntity *pe;
  gpointer v;

  /* "Rodney Parade", "Clarence House": a given name before a building's
   * or street's word names the building. */
  if (j - i >= 2 && (f->word[i] & WORD_GIVEN)
      && in_list (f->t[j - 1].lower, venue_words, G_N_ELEMENTS (venue_words)))
    return j;
  /* "Mr Blume" after "Oliver Blume" is the same person. */
  if (j - i == 1 && g_hash_table_lookup_extended (f->surnames, f->t[i].lower, NULL, &v)
      && GPOINTER_TO_UINT (v) > 0)
    {
      g_autofree char *name = kgx_doc_span_text (f->doc, i, j);
      e = GPOINTER_TO_UINT (v) - 1;
      entity_add_name (g_ptr_array_index (f->doc->entities, e), name);
      add_span (f, KGX_SPAN_ENTITY, prefixed_first (f, e, i), j, e, KGX_SPANF_NAME);
      return j;
    }
  add_entity_span (f, i, j, "Person", NULL, FALSE, 0);
  e = last_span (f)->entity;
  pe = g_ptr_array_index (f->doc->entities, e);
  if (pe->gender == 0 && (f->word[i] & (WORD_MALE | WORD_FEMALE)))
    pe->gender = (f->word[i] & WORD_MALE) ? 'm' : 'f';
  if (pe->gender == 0 && i > 0 && (f->word[i - 1] & WORD_PREFIX))
    {
      const char *pr = f->t[i - 1].lower;
      if (g_str_has_prefix (pr, "mr") && !g_str_has_prefix (pr, "mrs"))
        pe->gender = 'm';
      else if (g_str_has_prefix (pr, "mrs") || g_str_has_prefix (pr, "ms")
               || g_str_has_prefix (pr, "miss"))
        pe->gender = 'f';
    }
  if (j - i >= 2)
    {
      const char *sur = f->t[j - 1].lower;
      gpointer old;
      if (g_hash_table_lookup_extended (f->surnames, sur, NULL, &old)
          && GPOINTER_TO_UINT (old) != e + 1)
        g_hash_table_replace (f->surnames, (gpointer) sur, GUINT_TO_POINTER (0));
      else
        g_hash_table_replace (f->surnames, (gpointer) sur, GUINT_TO_POINTER (e + 1));
    }
  /* "Arturo Hernandez Grisanti" is "Hernandez" later: a Spanish or
   * Portuguese name's first surname stands for the person too.  Only a
   * capitalised word that is no given name, initial or particle, and not
   * already some other name's surname. */
  if (j - i >= 3 && (f->word[i] & WORD_GIVEN))
    {
      const KgxToken *m = &f->t[j - 2];
      const char *sur = m->lower;
      if ((m->flags & KGX_TOKF_CAP) && (m->flags & KGX_TOKF_ALPHA) && strlen (sur) > 3
          && !(f->word[j - 2] & (WORD_GIVEN | WORD_FUNCTION))
          && !set_has (particle_set, sur)
          && !g_hash_table_contains (f->surnames, sur))
        g_hash_table_replace (f->surnames, (gpointer) sur, GUINT_TO_POINTER (e + 1));
    }
  return j;
}

/* "Atomic Energy Agency of Kazakhstan": the organisation is in the
 * country its name ends with; the place stays a mention of its own and the
 * full form a name of the organisation.  Returns FALSE when [i, j) does
 * not end so. */
static gboolean
split_of_place (Finder *f, guint i, guint j, const char *cls, const char *canonical)
{
  KgxDoc *doc = f->doc;

  for (guint k = j - 1; k > i + 1; k--)
    if (strcmp (f->t[k].lower, "of") == 0 && !(f->t[k].flags & KGX_TOKF_CAP))
      {
        guint pl = k + 1;
        if (pl < j && strcmp (f->t[pl].lower, "the") == 0)
          pl++;
        if (pl < j && f->ent_len[pl] == j - pl && has_head (f, i, k) && k - i >= 2
            && coarse_of (f, gaz_entry (f, f->ent_entry[pl])->cls) == KGX_COARSE_PLACE
            && !(gaz_entry (f, f->ent_entry[pl])->flags & KGX_GAZF_DEMONYM))
          {
            g_autofree char *full = kgx_doc_span_text (doc, i, j);
            const KgxGazEntry *pe = gaz_entry (f, f->ent_entry[pl]);
            KgxDocEntity *oe;
            add_entity_span (f, i, k, cls, canonical, canonical != NULL, 0);
            oe = g_ptr_array_index (doc->entities, last_span (f)->entity);
            entity_add_name (oe, full);
            registry_add (doc, oe->coarse, full, last_span (f)->entity);
            add_entity_span (f, pl, j, pe->cls, pe->canonical, TRUE, 0);
            return TRUE;
          }
        return FALSE;
      }
  return FALSE;
}

/* "Kazakhstan Nuclear Power Plants LLP" is also written without its legal
 * form: the name [i, j) just added gets that shorter name too, when more
 * than min_words words remain. */
static void
add_name_without_legal_form (Finder *f, guint i, guint j, guint min_words)
{
  KgxDoc *doc = f->doc;

  if (set_has (legal_set, f->t[j - 1].lower) && j - i > min_words)
    {
      g_autofree char *short_name = kgx_doc_span_text (doc, i, j - 1);
      const KgxSpan *s = last_span (f);
      KgxDocEntity *e = g_ptr_array_index (doc->entities, s->entity);
      entity_add_name (e, short_name);
      registry_add (doc, e->coarse, short_name, s->entity);
    }
}

static void
handle_reuters_name (Finder *f, guint i, guint j)
{
  if (f->ent_len[i] == j - i)
    {
      const KgxGazEntry *e = gaz_entry (f, f->ent_entry[i]);
      if (coarse_of (f, e->cls) == KGX_COARSE_ORGANIZATION)
        {
          add_entity_span (f, i, j, e->cls, e->canonical, TRUE, 0);
          return;
        }
    }
  {
    const char *cls = "Company";
    for (guint q = i; q < j; q++)
      if (f->head_len[q] > 0 && gaz_entry (f, f->head_entry[q])->kind == KGX_GAZ_ORG_HEAD)
        cls = head_class (f, q);
    add_entity_span (f, i, j, cls, NULL, FALSE, 0);
  }
  add_name_without_legal_form (f, i, j, 1);
}

/* The class a place head at token k gives ("Lake" first, "River" last),
 * or NULL. */
static const char *
place_head (const Finder *f, guint k, gboolean prefix)
{
  for (guint32 ei = kgx_gazetteer_lookup_word (f->ctx->gaz, f->t[k].lower); ei != G_MAXUINT32;
       ei = gaz_entry (f, ei)->next)
    {
      const KgxGazEntry *e = gaz_entry (f, ei);
      if (e->kind == KGX_GAZ_PLACE_HEAD && e->n_tokens == 1
          && !!(e->flags & KGX_GAZF_PREFIX) == !!prefix)
        return e->sub ? e->sub : "Place";
    }
  return NULL;
}

/* Classifies the capitalised sequence [i, j) and adds its spans; returns
 * where scanning goes on. */
/* The end of "G8 summit", "Opec meeting": a known organisation's name
 * right before a lower-case event head, or end when there is none. */
static guint
org_event_end (const Finder *f, const KgxGazEntry *e, guint end, guint sent_end)
{
  const KgxGazEntry *h;

  if (end >= sent_end || coarse_of (f, e->cls) != KGX_COARSE_ORGANIZATION
      || f->head_len[end] == 0 || !(f->t[end].flags & KGX_TOKF_LOWER))
    return end;
  h = gaz_entry (f, f->head_entry[end]);
  if (h->kind != KGX_GAZ_EVENT_HEAD || (h->flags & KGX_GAZF_AMBIGUOUS))
    return end;
  return end + f->head_len[end];
}

/* "the Ringhals site", "the Akkuyu station": a lower-case facility head
 * after a known facility's name belongs to its mention.  Returns the new
 * end. */
static guint
facility_site (const Finder *f, const KgxGazEntry *e, guint end, guint sent_end)
{
  const KgxGazEntry *h;

  if (end >= sent_end || coarse_of (f, e->cls) != KGX_COARSE_FACILITY || f->head_len[end] == 0
      || !(f->t[end].flags & KGX_TOKF_LOWER))
    return end;
  h = gaz_entry (f, f->head_entry[end]);
  if (h->kind != KGX_GAZ_FACILITY_HEAD)
    return end;
  return end + f->head_len[end];
}

static guint
handle_capseq (Finder *f, guint i, guint j, guint sent_first, guint sent_end)
{
  KgxDoc *doc = f->doc;
  gint known;
  guint k, head_at = G_MAXUINT;

  /* A gazetteer label that reaches past the sequence ("Krško nuclear
   * power plant") is read before names the document has given. */
  if (f->ent_len[i] > j - i && !(f->word[i] & WORD_GIVEN))
    {
      const KgxGazEntry *e = gaz_entry (f, f->ent_entry[i]);
      guint end = i + f->ent_len[i];
      if (ambiguous_ok (f, e, i, sent_first, sent_end))
        {
          add_entity_span (f, i, end, e->cls, e->canonical, TRUE,
                           (e->flags & KGX_GAZF_DEMONYM) ? KGX_SPANF_DEMONYM : 0);
          return take_acronym (f, end, sent_end);
        }
    }
  {
    g_autofree char *name = kgx_doc_span_text (doc, i, j);
    known = registry_find_any (doc, name);
    if (known >= 0 && ((KgxDocEntity *) g_ptr_array_index (doc->entities, known))->named)
      {
        KgxDocEntity *e = g_ptr_array_index (doc->entities, known);
        add_span (f, KGX_SPAN_ENTITY, i, j, known, KGX_SPANF_NAME);
        entity_add_name (e, name);
        return take_acronym (f, j, sent_end);
      }
  }

  /* "the village of Ulken", "the port of Gdynia", "the district of
   * Farish": a name the gazetteer does not know, after a settlement or
   * district word and "of", is a place. */
  if (i >= sent_first + 2 && j - i <= 3 && strcmp (f->t[i - 1].lower, "of") == 0
      && !(f->t[i - 2].flags & KGX_TOKF_CAP) && f->ent_len[i] == 0 && !has_head (f, i, j)
      && !(f->word[i] & (WORD_GIVEN | WORD_PREFIX)))
    {
      static const char *const towns[] = { "village", "town", "city", "settlement", "port", "hamlet" };
      static const char *const districts[] = { "district", "region", "province", "municipality",
                                               "county", "state", "prefecture", "governorate" };
      const char *cls = NULL;
      if (in_list (f->t[i - 2].lower, towns, G_N_ELEMENTS (towns)))
        cls = "City";
      else if (in_list (f->t[i - 2].lower, districts, G_N_ELEMENTS (districts)))
        cls = "Region";
      if (cls != NULL)
        {
          add_entity_span (f, i, j, cls, NULL, FALSE, 0);
          return j;
        }
    }

  /* "Mr Bush", "President Parker": a title or "Mr" before makes a person,
   * unless the name is a country or an organisation. */
  {
    const KgxSpan *prev = last_span (f);
    gboolean title_before = prev && prev->kind == KGX_SPAN_TITLE && prev->end == i;
    gboolean strong = title_before || (i > sent_first && (f->word[i - 1] & WORD_PREFIX));
    /* "the official Kent house": a lower-case title word before a known
     * place is an adjective, not a title. */
    if (title_before && !(f->t[prev->first].flags & KGX_TOKF_CAP) && f->ent_len[i] > 0)
      strong = FALSE;
    /* "the official Economic Information newspaper": the name of a
     * paper, an agency or a firm, not a person. */
    if (strong && j < sent_end
        && in_list (f->t[j].lower, media_nouns, G_N_ELEMENTS (media_nouns)))
      strong = FALSE;
    if (strong && name_words (f, i, j) <= 4)
      {
        gboolean place_only = TRUE;
        for (guint q = i; q < j; q++)
          if (f->ent_len[q] > 0)
            {
              const char *c = gaz_entry (f, f->ent_entry[q])->cls;
              if (strcmp (c, "City") != 0 && strcmp (c, "Region") != 0 && strcmp (c, "Person") != 0)
                place_only = FALSE;
            }
        if (place_only && !has_head (f, i, j))
          return add_person (f, i, j);
      }
  }

  /* "chairman of ARGOSystems", "CEO at Neworld": an unexplained name after
   * a title and "of" is the organisation the title belongs to. */
  guint ofpos = i >= 1 && (strcmp (f->t[i - 1].lower, "its") == 0 || strcmp (f->t[i - 1].lower, "the") == 0
                           || strcmp (f->t[i - 1].lower, "their") == 0) ? i - 1 : i;
  if (ofpos >= sent_first + 2 && f->ent_len[i] == 0 && !(f->word[i] & WORD_GIVEN)
      && !has_head (f, i, j)
      && (strcmp (f->t[ofpos - 1].lower, "of") == 0 || strcmp (f->t[ofpos - 1].lower, "at") == 0)
      && last_span (f) && last_span (f)->kind == KGX_SPAN_TITLE && last_span (f)->end == ofpos - 1
      && !(j < sent_end && strcmp (f->t[j].form, ",") == 0 && j + 1 < sent_end
           && f->title_len[j + 1] > 0))
    {
      gboolean unknown = !any_gazetteer_entity (f, i, j);
      /* "Kidder, Peabody and Co": a comma inside a firm's name. */
      if (unknown && j + 1 < sent_end && strcmp (f->t[j].form, ",") == 0)
        {
          for (guint q = j + 1; q < sent_end && q < j + 7; q++)
            {
              const KgxToken *w = &f->t[q];
              if ((w->flags & KGX_TOKF_CAP) && set_has (legal_set, w->lower))
                {
                  j = q + 1;
                  break;
                }
              if (!(w->flags & KGX_TOKF_CAP) && strcmp (w->lower, "and") != 0
                  && strcmp (w->form, "&") != 0)
                break;
            }
        }
      if (unknown && name_words (f, i, j) <= 6)
        {
          const char *cls = "Organization";
          /* "the Mozilla foundation": a lower-case head after the name */
          if (j < sent_end && !(f->t[j].flags & KGX_TOKF_CAP) && f->head_len[j] > 0
              && gaz_entry (f, f->head_entry[j])->kind == KGX_GAZ_ORG_HEAD)
            {
              cls = head_class (f, j);
              j += f->head_len[j];
            }
          add_entity_span (f, i, j, cls, NULL, FALSE, 0);
          return take_acronym (f, j, sent_end);
        }
    }

  /* "GM Europe president Carl-Peter Forster", "S&N's chief executive": a
   * name before a title (and a person, or after its possessive) is the
   * organisation the title belongs to. */
  if (j + 2 < sent_end && strcmp (f->t[j].lower, "'s") == 0 && f->title_len[j + 1] > 0
      && f->ent_len[i] == 0 && !has_head (f, i, j) && !(f->word[i] & WORD_GIVEN)
      && registry_find_any (doc, f->t[i].form) < 0)
    {
      gboolean unknown = !any_gazetteer_entity (f, i, j);
      if (unknown && i > sent_first && strcmp (f->t[i - 1].form, ",") == 0)
        {
          add_entity_span (f, i, j, "Organization", NULL, FALSE, 0);
          return j;
        }
    }
  if (j + 1 < sent_end && f->title_len[j] > 0 && f->ent_len[i] < j - i
      && j + f->title_len[j] < sent_end && is_cap_word (f, j + f->title_len[j])
      && !has_head (f, i, j) && !(f->word[i] & WORD_GIVEN))
    {
      gboolean unknown = TRUE;
      for (guint q = i; q < j; q++)
        if (f->ent_len[q] > 0
            && ambiguous_ok (f, gaz_entry (f, f->ent_entry[q]), q, sent_first, sent_end))
          unknown = FALSE;
      /* "GM Europe president", "Fiat Auto chief executive": a longer name
       * that starts with an organisation's is a unit of it. */
      if (!unknown && j - i >= 2 && f->ent_len[i] > 0 && f->ent_len[i] < j - i
          && coarse_of (f, gaz_entry (f, f->ent_entry[i])->cls) == KGX_COARSE_ORGANIZATION)
        unknown = TRUE;
      if (unknown)
        {
          add_entity_span (f, i, j, "Organization", NULL, FALSE, 0);
          return j;
        }
    }

  /* Reuters marks company names: "<Mitsui and Co Ltd>"; the marks are
   * noise to the rules ("<A>, <B> and <C>, three Japanese firms"). */
  if (i > sent_first && strcmp (f->t[i - 1].form, "<") == 0 && j < sent_end
      && strcmp (f->t[j].form, ">") == 0)
    {
      const KgxSpan *ls = last_span (f);
      if (!(ls && ls->end > i - 1))
        add_span (f, KGX_SPAN_SKIP, i - 1, i, 0, 0);
      handle_reuters_name (f, i, j);
      add_span (f, KGX_SPAN_SKIP, j, j + 1, 0, 0);
      return j + 1;
    }

  /* "Lake Sevan", "Padma River", "the Padma river", "Mersin province" */
  if (!has_head (f, i, j)
      && (f->ent_len[i] < j - i
          || (f->ent_len[i] == j - i && j < sent_end && (f->t[j].flags & KGX_TOKF_LOWER)
              && coarse_of (f, gaz_entry (f, f->ent_entry[i])->cls) == KGX_COARSE_PLACE
              /* "the Chinese province of Guangdong" is no name */
              && !(gaz_entry (f, f->ent_entry[i])->flags & KGX_GAZF_DEMONYM)
              && strcmp (gaz_entry (f, f->ent_entry[i])->cls, "Country") != 0
              && place_head (f, j, FALSE))))
    {
      const char *cls = NULL;
      guint end = j;
      if (j - i >= 2 && (f->t[i].flags & KGX_TOKF_CAP) && (cls = place_head (f, i, TRUE)))
        ;
      else if (j - i >= 2 && (cls = place_head (f, j - 1, FALSE)))
        ;
      else if (j < sent_end && (f->t[j].flags & KGX_TOKF_LOWER) && (cls = place_head (f, j, FALSE)))
        end = j + 1;
      if (cls)
        {
          add_entity_span (f, i, end, cls, NULL, FALSE, 0);
          return end;
        }
    }

  /* A gazetteer label that covers the whole sequence, or more of the
   * text ("Kazinform news agency"), wins. */
  if (f->ent_len[i] >= j - i && !((f->word[i] & WORD_GIVEN) && j - i >= 2 && f->ent_len[i] < j - i))
    {
      const KgxGazEntry *e = gaz_entry (f, f->ent_entry[i]);
      guint end = i + f->ent_len[i];
      if (coarse_of (f, e->cls) == KGX_COARSE_ORGANIZATION
          && split_of_place (f, i, end, e->cls, e->canonical))
        return take_acronym (f, end, sent_end);
      if (ambiguous_ok (f, e, i, sent_first, sent_end))
        {
          guint ev = org_event_end (f, e, end, sent_end);
          if (ev > end)
            {
              /* "the G8 summit", "an Opec meeting", "the EU summit": the
               * event is named by its organiser and its head noun. */
              add_entity_span (f, i, ev, head_class (f, end), NULL, FALSE, 0);
              return ev;
            }
          end = facility_site (f, e, end, sent_end);
          add_entity_span (f, i, end, e->cls, e->canonical, TRUE,
                           (e->flags & KGX_GAZF_DEMONYM) ? KGX_SPANF_DEMONYM : 0);
          return take_acronym (f, end, sent_end);
        }
    }

  /* "the French nuclear industry association GIFEN", "the US firm
   * NuScale": a lower-case organisation noun right before an unexplained
   * name. */
  if (i > sent_first && f->ent_len[i] == 0 && !has_head (f, i, j)
      && (f->t[i - 1].flags & KGX_TOKF_LOWER) && name_words (f, i, j) <= 4
      && (in_list (f->t[i - 1].lower, org_descriptors, G_N_ELEMENTS (org_descriptors))
          || (f->head_len[i - 1] == 1
              && gaz_entry (f, f->head_entry[i - 1])->kind == KGX_GAZ_ORG_HEAD)))
    {
      const char *cls = f->head_len[i - 1] == 1 ? head_class (f, i - 1) : "Company";
      add_entity_span (f, i, j, cls, NULL, FALSE, 0);
      return take_acronym (f, j, sent_end);
    }

  /* "Boston Five" after "Boston Five Cents Savings Bank": the start of an
   * organisation's name already given is that organisation. */
  if (j - i >= 2 && f->ent_len[i] < j - i)
    {
      g_autofree char *name = kgx_doc_span_text (doc, i, j);
      gpointer v = g_hash_table_lookup (f->org_prefixes, name);
      if (v != NULL)
        {
          guint x = GPOINTER_TO_UINT (v) - 1;
          entity_add_name (g_ptr_array_index (doc->entities, x), name);
          add_span (f, KGX_SPAN_ENTITY, i, j, x, KGX_SPANF_NAME);
          return take_acronym (f, j, sent_end);
        }
    }

  /* The head noun: the last one before "of"/"for", else any. */
  for (k = i; k < j; k++)
    {
      if (in_list (f->t[k].lower, connector_of, G_N_ELEMENTS (connector_of))
          && !(f->t[k].flags & KGX_TOKF_CAP) && head_at != G_MAXUINT)
        break;
      if (f->head_len[k] > 0 && (f->t[k].flags & KGX_TOKF_CAP))
        head_at = k;
    }
  /* "Rostov nuclear power plant", "Kazinform news agency": a lower-case
   * head right after an unexplained name. */
  if (head_at == G_MAXUINT && j < sent_end && f->head_len[j] > 0
      && !(f->t[j].flags & KGX_TOKF_CAP) && f->ent_len[i] < j - i)
    {
      const KgxGazEntry *h = gaz_entry (f, f->head_entry[j]);
      gboolean unknown_name = TRUE;
      for (guint q = i; q < j; q++)
        if (f->ent_len[q] > 0)
          unknown_name = FALSE;
      /* "Local government", "Federal authorities" opening a sentence: an
       * adjective, capitalised only there. */
      gboolean adjective = j == i + 1 && (f->t[i].flags & KGX_TOKF_SENT_START)
                           && in_list (f->t[i].lower, level_adjectives,
                                       G_N_ELEMENTS (level_adjectives));
      /* "Atomexpo forum", but not "Riyadh talks" (a known place before) */
      if (!(h->flags & KGX_GAZF_AMBIGUOUS) && !adjective
          && (h->kind != KGX_GAZ_EVENT_HEAD || unknown_name))
        {
          guint end = j + f->head_len[j];
          add_entity_span (f, i, end, head_class (f, j), NULL, FALSE, 0);
          return take_acronym (f, end, sent_end);
        }
    }
  if (head_at != G_MAXUINT && (head_at > i || j - i > f->head_len[head_at]))
    {
      const char *cls = head_class (f, head_at);
      if (f->ent_len[i] == j - i)
        {
          const KgxGazEntry *e = gaz_entry (f, f->ent_entry[i]);
          add_entity_span (f, i, j, e->cls, e->canonical, TRUE, 0);
          return take_acronym (f, j, sent_end);
        }
      /* "the Government of Uzbekistan" is Uzbekistan acting (FORMAT.md: a
       * country stands for its government). */
      if (strcmp (f->t[head_at].lower, "government") == 0 && head_at == i && j - i >= 3
          && strcmp (f->t[i + 1].lower, "of") == 0)
        {
          guint pl = i + 2;
          if (pl < j && strcmp (f->t[pl].lower, "the") == 0)
            pl++;
          if (pl < j && f->ent_len[pl] == j - pl
              && strcmp (gaz_entry (f, f->ent_entry[pl])->cls, "Country") == 0)
            {
              const KgxGazEntry *pe = gaz_entry (f, f->ent_entry[pl]);
              guint e = entity_get (f, pe->cls, pe->label, pe->canonical, TRUE, TRUE);
              add_span (f, KGX_SPAN_ENTITY, i, j, e, KGX_SPANF_NAME);
              return j;
            }
        }
      if (split_of_place (f, i, j, cls, NULL))
        return j;
      add_entity_span (f, i, j, cls, NULL, FALSE, 0);
      /* "Kazakhstan Nuclear Power Plants LLP" is also written without
       * its legal form. */
      add_name_without_legal_form (f, i, j, 2);
      return take_acronym (f, j, sent_end);
    }

  /* A given name first: a person even if a place has that name. */
  if (!((f->word[i] & WORD_GIVEN) && j - i >= 2 && f->ent_len[i] < j - i) && f->ent_len[i] > 0)
    {
      const KgxGazEntry *e = gaz_entry (f, f->ent_entry[i]);
      guint end = i + f->ent_len[i];
      if (end <= j && ambiguous_ok (f, e, i, sent_first, sent_end))
        {
          if (end == j)
            end = facility_site (f, e, end, sent_end);
          add_entity_span (f, i, end, e->cls, e->canonical, TRUE,
                           (e->flags & KGX_GAZF_DEMONYM) ? KGX_SPANF_DEMONYM : 0);
          return take_acronym (f, end, sent_end);
        }
    }

  if (person_context (f, i, j, sent_first, sent_end))
    {
      /* A name with a country, an organisation or a well-known city in
       * it is not a person's ("said GM Europe", "Boston Five said"); a
       * city that is also a surname ("Parker") may be. */
      for (guint q = i; q < j; q++)
        if (f->ent_len[q] > 0)
          {
            const KgxGazEntry *ge = gaz_entry (f, f->ent_entry[q]);
            const char *c = ge->cls;
            if (strcmp (c, "Person") == 0)
              continue;
            if ((strcmp (c, "City") == 0 || strcmp (c, "Region") == 0)
                && !(q == i && (f->word[q] & WORD_GIVEN))
                && !(q == i && ge->pop >= 1000000 && !(ge->flags & KGX_GAZF_AMBIGUOUS)))
              continue;
            if (q == i && (f->word[q] & WORD_GIVEN))
              continue;
            /* "Michael Dell", "Harrison Ford": a given name, then a
             * one-word company name as the surname. */
            if (q > i && (f->word[i] & WORD_GIVEN) && q + f->ent_len[q] == j && f->ent_len[q] == 1)
              continue;
            goto unknown;
          }
      return add_person (f, i, j);
    }
unknown:

  {
    guint32 pair[2] = { i, j };
    g_array_append_vals (f->pending, pair, 2);
  }
  return j;
}

/* ---------------------------------------------------------------------- */
/* Descriptions and references (collected in pass A, resolved in pass C) */

static guint
find_description (Finder *f, guint k, guint sent_first, guint sent_end)
{
  const KgxGazEntry *h = gaz_entry (f, f->head_entry[k]);
  guint end = k + f->head_len[k], m, det = G_MAXUINT32;
  Ref r = { 0 };

  if (h->kind == KGX_GAZ_ORG_HEAD || (h->flags & KGX_GAZF_AMBIGUOUS))
    return k;
  /* Plurals and modifiers are not things: "nuclear plants", "plant
   * construction" still count, as news writes them. */
  for (m = k; m > sent_first && k - m < 7; m--)
    {
      const KgxToken *p = &f->t[m - 1];
      if (in_list (p->lower, determiners_def, G_N_ELEMENTS (determiners_def))
          || in_list (p->lower, determiners_indef, G_N_ELEMENTS (determiners_indef))
          || strcmp (p->lower, "'s") == 0)
        {
          det = m - 1;
          break;
        }
      if ((p->flags & KGX_TOKF_LOWER) || strcmp (p->form, "-") == 0
          || (p->flags & KGX_TOKF_DIGIT) || f->ent_len[m - 1] > 0)
        continue;
      if (p->flags & KGX_TOKF_CAP && m - 1 >= sent_first && f->ent_len[m - 1] == 0)
        {
          /* A demonym or place inside: "a Russian-designed plant". */
          gboolean inside = FALSE;
          for (guint q = sent_first; q < m - 1 + 1; q++)
            if (f->ent_len[q] > 0 && q + f->ent_len[q] >= m)
              inside = TRUE;
          if (inside)
            continue;
        }
      break;
    }
  if (det == G_MAXUINT32)
    {
      /* "Kazakhstan nuclear power plant": a place right before. */
      const KgxSpan *s = last_span (f);
      if (!(s && s->kind == KGX_SPAN_ENTITY && s->end == k
            && ((KgxDocEntity *) g_ptr_array_index (f->doc->entities, s->entity))->coarse
               == KGX_COARSE_PLACE))
        return k;
    }
  /* Words in the description that are verbs or adverbs mean the head is
   * not the noun we think: "the plant will" is fine, "plants" is not a
   * head (the gazetteer lists singular heads). */
  r.kind = REF_DESC;
  r.first = k;
  r.end = end;
  r.det = det;
  r.desc_first = det == G_MAXUINT32 ? k : det + 1;
  r.definite = det != G_MAXUINT32
               && !in_list (f->t[det].lower, determiners_indef, G_N_ELEMENTS (determiners_indef));
  r.cls = head_class (f, k);
  /* "a conference on nuclear knowledge digitalization", "a factory for
   * the production of fuel assemblies": a tail of lower-case content words
   * that stops before anything verb-like. */
  if (end + 1 < sent_end
      && ((h->kind == KGX_GAZ_EVENT_HEAD
           && (strcmp (f->t[end].lower, "on") == 0 || strcmp (f->t[end].lower, "about") == 0))
          || strcmp (f->t[end].lower, "for") == 0))
    {
      guint q = end + 1, last = end + 1;
      while (q < sent_end && q < end + 8)
        {
          const KgxToken *w = &f->t[q];
          gsize wl = strlen (w->lower);
          gboolean glue = strcmp (w->lower, "the") == 0 || strcmp (w->lower, "of") == 0
                          || strcmp (w->lower, "and") == 0;
          if (!(w->flags & KGX_TOKF_LOWER) || f->head_len[q] > 0)
            break;
          if (!glue && ((f->word[q] & WORD_FUNCTION)
                        || (wl > 4 && (g_str_has_suffix (w->lower, "ed")
                                       || g_str_has_suffix (w->lower, "ing")))))
            break;
          q++;
          if (!glue)
            last = q;
        }
      if (last > end + 1)
        r.end = last;
    }
  g_array_append_val (f->refs, r);
  return r.end;
}

/* A definite reference to the last entity of class cls, tokens [first, end). */
static void
add_anaphor (Finder *f, guint32 first, guint32 end, guint32 det, const char *cls)
{
  Ref r = { 0 };

  r.kind = REF_ANAPHOR;
  r.first = first;
  r.end = end;
  r.det = det;
  r.definite = TRUE;
  r.cls = cls;
  g_array_append_val (f->refs, r);
}

static void
find_anaphor (Finder *f, guint k, guint sent_end)
{
  /* "company president Camilo Penna": a bare "company" or "firm" before a
   * title and a name is the company last named, as "the company" is. */
  if ((WORD_IS (f->t[k].lower, "company") || WORD_IS (f->t[k].lower, "firm"))
      && (f->t[k].flags & KGX_TOKF_LOWER) && k + 2 < sent_end && f->title_len[k + 1] > 0
      && k + 1 + f->title_len[k + 1] < sent_end
      && (f->t[k + 1 + f->title_len[k + 1]].flags & KGX_TOKF_CAP)
      && !(k > 0 && (in_list (f->t[k - 1].lower, determiners_indef, G_N_ELEMENTS (determiners_indef))
                     || in_list (f->t[k - 1].lower, determiners_def, G_N_ELEMENTS (determiners_def))
                     || strcmp (f->t[k - 1].lower, "'s") == 0)))
    {
      add_anaphor (f, k, k + 1, G_MAXUINT32, "Company");
      return;
    }
  /* "the company", "the agency": the determiner then the noun, then not
   * another noun-like word ("the company's", "the agency said" are fine). */
  if (k + 1 >= sent_end || !WORD_IS (f->t[k].lower, "the"))
    return;
  for (guint a = 0; a < G_N_ELEMENTS (anaphors); a++)
    if (f->t[k + 1].lower[0] == anaphors[a].word[0] && strcmp (f->t[k + 1].lower, anaphors[a].word) == 0)
      {
        add_anaphor (f, k, k + 2, k, anaphors[a].cls);
        return;
      }
}

/* ---------------------------------------------------------------------- */
/* Pass A */

static void
pass_a_sentence (Finder *f, guint sent_first, guint sent_end)
{
  guint i = sent_first;

  while (i < sent_end)
    {
      const KgxToken *t = &f->t[i];
      guint j, region_from = G_MAXUINT;

      /* "Union Carbide <UK>", "ARGOSystems Inc <ARGI.O>": a Reuters ticker
       * after a name is noise.  The ticker is glued, at most 10 characters. */
      if (WORD_IS (t->form, "<") && i + 2 < sent_end && i > sent_first
          && (f->t[i + 1].flags & (KGX_TOKF_ALLCAPS | KGX_TOKF_CAP)) && last_span (f)
          && last_span (f)->end == i && last_span (f)->kind == KGX_SPAN_ENTITY)
        {
          guint k = i + 1, chars = 0;
          while (k < sent_end && k < i + 6 && strcmp (f->t[k].form, ">") != 0
                 && (k == i + 1 || !(f->t[k].flags & KGX_TOKF_SPACE)))
            {
              chars += f->t[k].end - f->t[k].begin;
              k++;
            }
          if (k < sent_end && k < i + 6 && strcmp (f->t[k].form, ">") == 0 && chars <= 10)
            {
              add_span (f, KGX_SPAN_SKIP, i, k + 1, 0, 0);
              i = k + 1;
              continue;
            }
        }
      /* "unit 1", "Unit 2", "power unit No. 3", "reactor 4": a reactor unit
       * named by its number (shown only when a relation uses it). */
      if ((WORD_IS (t->lower, "unit") || WORD_IS (t->lower, "reactor")
           || (WORD_IS (t->lower, "power") && i + 1 < sent_end
               && strcmp (f->t[i + 1].lower, "unit") == 0)))
        {
          guint k = i + (strcmp (t->lower, "power") == 0 ? 2 : 1);
          if (k + 1 < sent_end && (strcmp (f->t[k].lower, "no.") == 0 || strcmp (f->t[k].lower, "no") == 0))
            k++;
          if (k < sent_end && (f->t[k].flags & KGX_TOKF_DIGIT) && strlen (f->t[k].form) <= 2
              && !(k + 1 < sent_end && (strcmp (f->t[k + 1].form, "%") == 0
                                        || strcmp (f->t[k + 1].lower, "percent") == 0)))
            {
              g_autofree char *name = g_strdup_printf ("unit %s", f->t[k].form);
              guint e = entity_get (f, "ReactorUnit", name, NULL, FALSE, FALSE);
              add_span (f, KGX_SPAN_ENTITY, i, k + 1, e, KGX_SPANF_DESC);
              i = k + 1;
              continue;
            }
        }
      if (i > sent_first && is_post_nominal (f, i, sent_end) && last_span (f)
          && last_span (f)->end == i && last_span (f)->kind == KGX_SPAN_ENTITY
          && ((KgxDocEntity *) g_ptr_array_index (f->doc->entities, last_span (f)->entity))->coarse
             == KGX_COARSE_PERSON)
        {
          add_span (f, KGX_SPAN_SKIP, i, i + 1, 0, 0);
          i++;
          continue;
        }
      if (!(t->flags & KGX_TOKF_CAPS_LINE))
        {
          j = capseq_end (f, i, sent_end);
          if (j > i)
            {
              i = handle_capseq (f, i, j, sent_first, sent_end);
              continue;
            }
        }
      if (!(t->flags & KGX_TOKF_CAPS_LINE) && region_title_at (f, i, sent_first, sent_end))
        {
          region_from = i;
          i += f->ent_len[i];
          t = &f->t[i];
        }
      else if (f->ent_len[i] > 0 && (t->flags & (KGX_TOKF_CAP | KGX_TOKF_CAPS_LINE)))
        {
          const KgxGazEntry *e = gaz_entry (f, f->ent_entry[i]);
          guint end = i + f->ent_len[i];
          if (ambiguous_ok (f, e, i, sent_first, sent_end)
              && !((t->flags & KGX_TOKF_CAPS_LINE) && (e->flags & KGX_GAZF_AMBIGUOUS)))
            {
              add_entity_span (f, i, end, e->cls, e->canonical, TRUE,
                               (e->flags & KGX_GAZF_DEMONYM) ? KGX_SPANF_DEMONYM : 0);
              i = end;
              continue;
            }
        }
      if (!(t->flags & KGX_TOKF_CAPS_LINE) && (f->word[i] & WORD_TITLE_MOD))
        {
          /* "Deputy Secretary of State": modifiers, then a title. */
          guint m = i;
          while (m < sent_end && m < i + 5
                 && ((f->word[m] & WORD_TITLE_MOD)
                     || (strcmp (f->t[m].lower, "and") == 0 && m > i && m + 1 < sent_end
                         && (f->word[m + 1] & WORD_TITLE_MOD)))
                 && !(f->title_len[m] > 0 && m > i))
            m++;
          /* ... unless the title at i reaches as far: "Chief Minister". */
          if (m > i && m < sent_end && f->title_len[m] > 0
              && i + f->title_len[i] < m + f->title_len[m])
            {
              i = m;
              t = &f->t[i];
            }
        }
      if (f->title_len[i] > 0 && !(t->flags & KGX_TOKF_CAPS_LINE))
        {
          const KgxGazEntry *e = gaz_entry (f, f->title_entry[i]);
          guint16 flags = ((e->flags & KGX_GAZF_LEADING) ? KGX_SPANF_LEADING : 0)
                          | ((e->flags & KGX_GAZF_HONORIFIC) ? KGX_SPANF_HONORIFIC : 0);
          guint end = i + f->title_len[i];
          guint b = region_from != G_MAXUINT ? region_from : i;
          const KgxSpan *ls = last_span (f);
          guint floor = MAX (sent_first, ls && ls->end > sent_first ? ls->end : sent_first);
          /* "oil minister", "Environment Secretary", "senior vice president" */
          while (b > floor && b + 5 > i
                 && ((f->word[b - 1] & WORD_TITLE_MOD)
                     || (strcmp (f->t[b - 1].lower, "and") == 0 && b - 1 > floor
                         && (f->word[b - 2] & WORD_TITLE_MOD) && b < i + 1 && b != i)))
            b--;
          /* "division president", "regional director": the head of a
           * part, not of the whole organisation. */
          for (guint q = b; q < i; q++)
            if (in_list (f->t[q].lower, part_words, G_N_ELEMENTS (part_words)))
              flags &= ~KGX_SPANF_LEADING;
          /* "Minister of Energy and Natural Resources", "Secretary of
           * Energy": capitalised portfolio words after "of" belong to the
           * title. */
          if (end + 1 < sent_end && strcmp (f->t[end].lower, "of") == 0
              && (f->word[end + 1] & WORD_TITLE_MOD) && (f->t[end + 1].flags & KGX_TOKF_CAP))
            {
              guint q = end + 1, last = end + 1;
              while (q < sent_end && q < end + 8)
                {
                  if ((f->word[q] & WORD_TITLE_MOD) && (f->t[q].flags & KGX_TOKF_CAP))
                    last = ++q;
                  else if ((strcmp (f->t[q].lower, "and") == 0 || strcmp (f->t[q].form, "&") == 0
                            || strcmp (f->t[q].form, ",") == 0)
                           && q + 1 < sent_end && (f->word[q + 1] & WORD_TITLE_MOD)
                           && (f->t[q + 1].flags & KGX_TOKF_CAP))
                    q++;
                  else
                    break;
                }
              /* "Managing Director of Nuclear Power Plant Company ...": the
               * capitalised words are an organisation's name, not a
               * portfolio. */
              {
                guint j2 = capseq_end (f, end + 1, sent_end);
                if (!has_head (f, end + 1, MAX (j2, last)))
                  end = last;
              }
            }
          /* "vice president of operations": an "of" and lower-case words
           * that name no entity belong to the title. */
          if (end + 1 < sent_end && (strcmp (f->t[end].lower, "of") == 0
                                     || strcmp (f->t[end].lower, "for") == 0))
            {
              guint q = end + 1;
              /* "president of the management board (of PEJ)": "the", then
               * content words up to the next "of" or comma. */
              if (strcmp (f->t[q].lower, "the") == 0 && q + 1 < sent_end
                  && (f->t[q + 1].flags & KGX_TOKF_LOWER))
                q++;
              while (q < sent_end && q < end + 5 && (f->t[q].flags & KGX_TOKF_LOWER)
                     && (f->t[q].flags & KGX_TOKF_ALPHA) && !(f->word[q] & WORD_FUNCTION)
                     && f->head_len[q] == 0 && f->ent_len[q] == 0 && f->title_len[q] == 0
                     && !is_speech_verb (f, q) && !g_str_has_suffix (f->t[q].lower, "ed"))
                q++;
              /* After "the", two words at least, or "the board": "of the
               * parent" is the firm, not a part of the title. */
              if (strcmp (f->t[end + 1].lower, "the") == 0 && q == end + 3
                  && strcmp (f->t[end + 2].lower, "board") != 0)
                q = end + 1;
              if (q > end + 1 && strcmp (f->t[q - 1].lower, "the") != 0
                  && (q >= sent_end || !(f->t[q].flags & KGX_TOKF_CAP))
                  && (strcmp (f->t[end + 1].lower, "the") != 0
                      || q >= sent_end || !(f->t[q].flags & KGX_TOKF_ALPHA)
                      || ((strcmp (f->t[q].lower, "of") == 0 || strcmp (f->t[q].lower, "at") == 0)
                          && q + 1 < sent_end && (f->t[q + 1].flags & KGX_TOKF_CAP))))
                {
                  /* "head of currency strategy", "vice president of
                   * operations" lead a department, not the firm;
                   * "chairman of the board" leads it. */
                  if (strcmp (f->t[end + 1].lower, "the") != 0)
                    flags &= ~KGX_SPANF_LEADING;
                  end = q;
                }
            }
          /* "First Deputy Director General for Operations Management (at
           * Rosatom)", "Government Plenipotentiary for Strategic Energy
           * Infrastructure": capitalised words after "for" that name no
           * entity are the title's portfolio. */
          /* "Secretary of State for the Economy Guillermo de la Dehesa":
           * "the" may come first, and a given name may follow. */
          if (end + 2 < sent_end && strcmp (f->t[end].lower, "for") == 0)
            {
              guint q0 = end + 1, q;
              if (strcmp (f->t[q0].form, "the") == 0)
                q0++;
              q = q0;
              gboolean portfolio = TRUE;   /* every word a known portfolio word */
              if ((f->t[q0].flags & KGX_TOKF_CAP) && !(f->t[q0].flags & KGX_TOKF_ALLCAPS))
                while (q < sent_end && q < q0 + 5 && (f->t[q].flags & KGX_TOKF_CAP)
                       && f->ent_len[q] == 0 && f->head_len[q] == 0 && f->title_len[q] == 0
                       && !(f->word[q] & (WORD_GIVEN | WORD_FUNCTION | WORD_NOT_ENTITY)))
                  {
                    if (!(f->word[q] & WORD_TITLE_MOD))
                      portfolio = FALSE;
                    q++;
                  }
              /* Before a given name only known portfolio words: "partner
               * for Tods Murray" is a firm. */
              if (q > q0 && q - q0 <= 4
                  && (q >= sent_end || strcmp (f->t[q].form, ",") == 0 || strcmp (f->t[q].form, ".") == 0
                      || strcmp (f->t[q].lower, "at") == 0 || strcmp (f->t[q].lower, "of") == 0
                      || ((f->word[q] & WORD_GIVEN) && portfolio)))
                end = q;
            }
          /* "president for Europe and the Middle East": a region the title
           * covers; such a title does not lead the whole organisation. */
          if (end + 1 < sent_end && strcmp (f->t[end].lower, "for") == 0)
            {
              guint q = end + 1, last = end;
              for (guint n = 0; n < 3 && q < sent_end; n++)
                {
                  guint len = f->ent_len[q];
                  const KgxGazEntry *ge = len ? gaz_entry (f, f->ent_entry[q]) : NULL;
                  if (ge == NULL || coarse_of (f, ge->cls) != KGX_COARSE_PLACE)
                    break;
                  q += len;
                  last = q;
                  if (q + 1 < sent_end && strcmp (f->t[q].lower, "and") == 0)
                    q += 1 + (q + 2 < sent_end && strcmp (f->t[q + 1].lower, "the") == 0);
                  else
                    break;
                }
              if (last > end)
                {
                  end = last;
                  flags &= ~KGX_SPANF_LEADING;
                }
            }
          /* "Director of Uzatom" (capitalised, of a named body) leads it; a
           * plain "director" (of a firm, of a film) does not. */
          if (end == i + 1 && b == i && strcmp (f->t[i].lower, "director") == 0
              && (f->t[i].flags & KGX_TOKF_CAP) && !(f->t[i].flags & KGX_TOKF_SENT_START)
              && end + 1 < sent_end && strcmp (f->t[end].lower, "of") == 0)
            flags |= KGX_SPANF_LEADING;
          /* A deputy or a vice-president does not lead. */
          for (guint q = b; q < end; q++)
            if (strcmp (f->t[q].lower, "deputy") == 0 || strcmp (f->t[q].lower, "vice") == 0
                || strcmp (f->t[q].lower, "assistant") == 0 || strcmp (f->t[q].lower, "associate") == 0
                || g_str_has_prefix (f->t[q].lower, "vice-"))
              flags &= ~KGX_SPANF_LEADING;
          if (b > sent_first && (strcmp (f->t[b - 1].lower, "former") == 0
                                 || strcmp (f->t[b - 1].lower, "ex") == 0))
            flags |= KGX_SPANF_FORMER;
          /* "former Acme Corp chief executive" */
          if (ls && ls->kind == KGX_SPAN_ENTITY && ls->end == b && ls->first > sent_first
              && strcmp (f->t[ls->first - 1].lower, "former") == 0)
            flags |= KGX_SPANF_FORMER;
          add_span (f, KGX_SPAN_TITLE, b, end, 0, flags);
          i = end;
          continue;
        }
      if (!(t->flags & KGX_TOKF_CAPS_LINE) && f->head_len[i] > 0 && !(t->flags & KGX_TOKF_CAP))
        {
          j = find_description (f, i, sent_first, sent_end);
          if (j > i)
            {
              i = j;
              continue;
            }
        }
      if (WORD_IS (t->lower, "he") || WORD_IS (t->lower, "she"))
        {
          Ref r = { 0 };
          r.kind = REF_PRONOUN;
          r.first = i;
          r.end = i + 1;
          r.det = G_MAXUINT32;
          r.cls = "Person";
          g_array_append_val (f->refs, r);
        }
      else if (!(t->flags & KGX_TOKF_CAPS_LINE))
        find_anaphor (f, i, sent_end);
      i++;
    }
}

/* ---------------------------------------------------------------------- */
/* Pass B: names the document already gave */

static void
pass_b (Finder *f)
{
  GArray *p = f->pending;
  KgxDoc *doc = f->doc;

  for (guint x = 0; x + 1 < p->len; x += 2)
    {
      guint i = g_array_index (p, guint32, x), j = g_array_index (p, guint32, x + 1);
      g_autofree char *name = kgx_doc_span_text (doc, i, j);
      gint e = registry_find_any (doc, name);
      gpointer v;

      if (e < 0 && j - i == 1
          && g_hash_table_lookup_extended (f->surnames, f->t[i].lower, NULL, &v)
          && GPOINTER_TO_UINT (v) > 0)
        e = GPOINTER_TO_UINT (v) - 1;
      if (e < 0 && j - i == 1 && (v = g_hash_table_lookup (f->acronyms, f->t[i].form)))
        e = GPOINTER_TO_UINT (v) - 1;
      if (e >= 0 && ((KgxDocEntity *) g_ptr_array_index (doc->entities, e))->named)
        {
          entity_add_name (g_ptr_array_index (doc->entities, e), name);
          add_span (f, KGX_SPAN_ENTITY, prefixed_first (f, e, i), j, e, KGX_SPANF_NAME);
        }
    }

  /* All-capital lines: the longest known name at each token.  covered[]
   * marks tokens inside a span, so the pass stays linear. */
  guint8 *covered = g_new0 (guint8, f->n + 1);
  for (guint q = 0; q < doc->spans->len; q++)
    {
      const KgxSpan *sp = &g_array_index (doc->spans, KgxSpan, q);
      for (guint32 k = sp->first; k < sp->end && k < f->n; k++)
        covered[k] = 1;
    }
  for (guint s = 0; s < doc->toks->sentences->len; s++)
    {
      const KgxTokSentence *ts = &g_array_index (doc->toks->sentences, KgxTokSentence, s);
      guint end = ts->first + ts->n;
      if (!(f->t[ts->first].flags & KGX_TOKF_CAPS_LINE))
        continue;
      for (guint i = ts->first; i < end;)
        {
          if (covered[i])
            {
              i++;
              continue;
            }
          {
            guint best = 0;
            gint best_e = -1;
            for (guint len = MIN (6, end - i); len >= 1; len--)
              {
                g_autofree char *name = kgx_doc_span_text (doc, i, i + len);
                gint e = registry_find_any (doc, name);
                if (e >= 0 && ((KgxDocEntity *) g_ptr_array_index (doc->entities, e))->named)
                  {
                    best = len;
                    best_e = e;
                    break;
                  }
              }
            for (guint k = i; best_e >= 0 && k < i + best; k++)
              if (covered[k])
                best_e = -1;
            if (best_e >= 0 && (f->t[i].flags & KGX_TOKF_ALPHA)
                && (best > 1 || g_utf8_strlen (f->t[i].form, -1) > 2))
              {
                add_span (f, KGX_SPAN_ENTITY, i, i + best, best_e, KGX_SPANF_NAME);
                for (guint k = i; k < i + best; k++)
                  covered[k] = 1;
                i += best;
              }
            else
              i++;
          }
        }
    }
  g_free (covered);
}

static gint
compare_spans (gconstpointer a, gconstpointer b)
{
  const KgxSpan *x = a, *y = b;
  return x->first < y->first ? -1 : x->first > y->first;
}

/* ---------------------------------------------------------------------- */
/* Pass C: references in document order */

static gint
compare_refs (gconstpointer a, gconstpointer b)
{
  const Ref *x = a, *y = b;
  return x->first < y->first ? -1 : x->first > y->first;
}

/* The label variants of a description: "large Russian-designed nuclear
 * power plant", "nuclear power plant", "conference in Almaty"... */
static void
describe (Finder *f, KgxDocEntity *e, const Ref *r, guint nsorted)
{
  KgxDoc *doc = f->doc;
  char *s;
  guint head_end = r->first + f->head_len[r->first];

  s = kgx_doc_span_text (doc, r->desc_first, r->end);
  entity_add_name (e, s);
  g_free (s);
  s = kgx_doc_span_text (doc, r->first, r->end);
  entity_add_name (e, s);
  g_free (s);
  s = kgx_doc_span_text (doc, r->first, head_end);
  entity_add_name (e, s);
  g_free (s);
  if (r->desc_first < r->first)
    {
      s = kgx_doc_span_text (doc, r->desc_first, head_end);
      entity_add_name (e, s);
      g_free (s);
      s = kgx_doc_span_text (doc, r->first - 1, head_end);
      entity_add_name (e, s);
      g_free (s);
    }
  /* "conference in Almaty", "Kazakhstan's first nuclear power plant": the
   * places just before or after (spans [0, nsorted) are sorted). */
  guint lo = 0, hi = nsorted;
  guint32 from = r->desc_first > 4 ? r->desc_first - 4 : 0;
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      if (g_array_index (doc->spans, KgxSpan, mid).first < from)
        lo = mid + 1;
      else
        hi = mid;
    }
  for (guint q = lo; q < nsorted && g_array_index (doc->spans, KgxSpan, q).first <= r->end + 2; q++)
    {
      const KgxSpan *sp = &g_array_index (doc->spans, KgxSpan, q);
      KgxDocEntity *pe;
      g_autofree char *pname = NULL, *head = NULL, *full = NULL;

      if (sp->kind != KGX_SPAN_ENTITY)
        continue;
      pe = g_ptr_array_index (doc->entities, sp->entity);
      if (pe->coarse != KGX_COARSE_PLACE || !(sp->flags & KGX_SPANF_NAME))
        continue;
      head = kgx_doc_span_text (doc, r->first, head_end);
      full = kgx_doc_span_text (doc, r->desc_first, head_end);
      pname = kgx_doc_span_text (doc, sp->first, sp->end);
      if (sp->first == r->end + 1 && (strcmp (f->t[r->end].lower, "in") == 0
                                      || strcmp (f->t[r->end].lower, "at") == 0))
        {
          s = g_strdup_printf ("%s in %s", head, pname);
          entity_add_name (e, s);
          g_free (s);
          s = g_strdup_printf ("%s %s", pname, head);
          entity_add_name (e, s);
          g_free (s);
          s = g_strdup_printf ("%s in %s", full, pname);
          entity_add_name (e, s);
          g_free (s);
        }
      if (sp->end == r->desc_first || (sp->end + 1 == r->desc_first
                                       && strcmp (f->t[sp->end].lower, "'s") == 0))
        {
          s = g_strdup_printf ("%s %s", pname, full);
          entity_add_name (e, s);
          g_free (s);
          s = g_strdup_printf ("%s %s", pname, head);
          entity_add_name (e, s);
          g_free (s);
        }
    }
}

/* "the ceremony" is not the Berlin Film Festival: an event description
 * refers back to a description or to a name with the same head word. */
static gboolean
desc_fits (const Finder *f, const KgxDocEntity *e, const Ref *r)
{
  const char *head;

  if (r->kind != REF_DESC || e->coarse != KGX_COARSE_EVENT || !e->named)
    return TRUE;
  head = f->t[r->first + f->head_len[r->first] - 1].lower;
  for (guint k = 0; k < e->names->len; k++)
    {
      g_autofree char *low = g_utf8_strdown (g_ptr_array_index (e->names, k), -1);
      if (strstr (low, head) != NULL)
        return TRUE;
    }
  return FALSE;
}

/* Can the entity e be what the reference r points back to?  A name or
 * description of the class wanted, or of a class that the description's
 * class refines ("the nuclear plant" for "a plant"), never a sibling ("the
 * nuclear power plant" is not "a factory"). */
static gboolean
ref_accepts (const Finder *f, const KgxDocEntity *e, const Ref *r)
{
  KgxOntology *onto = f->ctx->onto;

  if (kgx_ontology_is_subclass_of (onto, e->cls, r->cls))
    return desc_fits (f, e, r);
  if (r->kind != REF_DESC || e->coarse != coarse_of (f, r->cls))
    return FALSE;
  if (kgx_ontology_is_subclass_of (onto, r->cls, e->cls)
      || kgx_coarse_from_string (e->cls) != KGX_COARSE_NONE)
    return desc_fits (f, e, r);
  return FALSE;
}

static void
pass_c (Finder *f)
{
  KgxDoc *doc = f->doc;
  GArray *spans = doc->spans;
  guint si = 0, nspans;
  guint32 ref_end = 0;   /* end of the last reference resolved */
  guint32 span_end = 0;  /* end of the last name before the reference */
  guint8 *in_quote;      /* per token: inside a quotation */
  GArray *made = g_array_new (FALSE, FALSE, sizeof (guint32) * 2); /* (first token, entity) of resolved references */
  GArray *persons = g_array_new (FALSE, FALSE, sizeof (guint32) * 2); /* (entity, sentence) */

  g_array_sort (spans, compare_spans);
  g_array_sort (f->refs, compare_refs);
  nspans = spans->len;
  in_quote = g_new0 (guint8, f->n + 1);
  for (guint q = 0; q < doc->toks->quotes->len; q++)
    {
      const KgxQuotation *qu = &g_array_index (doc->toks->quotes, KgxQuotation, q);
      for (guint32 k = qu->open; k <= qu->close && k < f->n; k++)
        in_quote[k] = 1;
    }

  for (guint ri = 0; ri < f->refs->len; ri++)
    {
      Ref *r = &g_array_index (f->refs, Ref, ri);
      guint32 sent = f->t[r->first].sentence;
      gboolean overlaps = FALSE;
      gint target = -1;

      /* Bring the known mentions before this reference into view. */
      for (; si < nspans && g_array_index (spans, KgxSpan, si).first < r->end; si++)
        {
          const KgxSpan *sp = &g_array_index (spans, KgxSpan, si);
          const KgxDocEntity *e;
          if (sp->end > r->first)
            {
              overlaps = TRUE;
              continue;
            }
          span_end = MAX (span_end, sp->end);
          if (sp->kind != KGX_SPAN_ENTITY)
            continue;
          e = g_ptr_array_index (doc->entities, sp->entity);
          if (e->coarse == KGX_COARSE_PERSON && !in_quote[sp->first])
            {
              guint32 pair[2] = { sp->entity, f->t[sp->first].sentence };
              g_array_append_vals (persons, pair, 1);
            }
        }
      if (overlaps || r->first < ref_end)
        continue;

      switch (r->kind)
        {
        case REF_PRONOUN:
          {
            /* Exactly one person, of a fitting sex, in this and the
             * previous sentence, not counting names inside quotations. */
            gint only = -1;
            gboolean ambiguous = FALSE;
            char want = strcmp (f->t[r->first].lower, "she") == 0 ? 'f' : 'm';
            if (in_quote[r->first])
              break;
            for (gint p = (gint) persons->len - 1; p >= 0; p--)
              {
                guint32 *pair = &((guint32 *) persons->data)[2 * p];
                const KgxDocEntity *pe = g_ptr_array_index (doc->entities, pair[0]);
                if (pair[1] + 1 < sent)
                  break;
                if (pe->gender != 0 && pe->gender != want)
                  continue;
                if (only < 0)
                  only = pair[0];
                else if ((guint32) only != pair[0])
                  ambiguous = TRUE;
              }
            if (only >= 0 && !ambiguous)
              target = only;
          }
          break;
        case REF_ANAPHOR:
        case REF_DESC:
          {
            gboolean country = strcmp (r->cls, "Country") == 0;
            guint window = r->kind == REF_ANAPHOR ? (country ? 2 : 6) : 40;
            /* "the Krško nuclear power plant, a Westinghouse-designed
             * pressurised water reactor which ...": an indefinite
             * description in apposition to a name is that name. */
            if (r->kind == REF_DESC && !r->definite && r->det != G_MAXUINT32 && r->det >= 2
                && strcmp (f->t[r->det - 1].form, ",") == 0)
              for (gint q = (gint) si - 1; q >= 0; q--)
                {
                  const KgxSpan *sp = &g_array_index (spans, KgxSpan, q);
                  const KgxDocEntity *e;
                  if (sp->kind != KGX_SPAN_ENTITY || sp->first >= r->first || sp->first > r->det)
                    continue;
                  if (sp->end != r->det - 1)
                    break;
                  e = g_ptr_array_index (doc->entities, sp->entity);
                  if (e->coarse == coarse_of (f, r->cls))
                    target = sp->entity;
                  break;
                }
            if (target >= 0)
              break;
            if (r->kind == REF_DESC && !r->definite)
              break;
            /* The most recent entity of the wanted class, among names
             * and among the references resolved so far. */
            guint32 target_at = 0;
            for (gint q = (gint) si - 1; q >= 0; q--)
              {
                const KgxSpan *sp = &g_array_index (spans, KgxSpan, q);
                const KgxDocEntity *e;
                if (sp->kind != KGX_SPAN_ENTITY || sp->first >= r->first)
                  continue;
                if (f->t[sp->first].sentence + window < sent)
                  break;
                e = g_ptr_array_index (doc->entities, sp->entity);
                if (ref_accepts (f, e, r))
                  {
                    target = sp->entity;
                    target_at = sp->first;
                    break;
                  }
              }
            /* "the country" only when one country was named lately. */
            if (country && target >= 0)
              for (gint q = (gint) si - 1; q >= 0; q--)
                {
                  const KgxSpan *sp = &g_array_index (spans, KgxSpan, q);
                  if (sp->kind != KGX_SPAN_ENTITY || sp->first >= r->first)
                    continue;
                  if (f->t[sp->first].sentence + window < sent)
                    break;
                  if ((gint) sp->entity != target
                      && strcmp (((KgxDocEntity *) g_ptr_array_index (doc->entities, sp->entity))->cls,
                                 "Country") == 0)
                    {
                      target = -1;
                      break;
                    }
                }
            for (gint q = (gint) made->len - 1; q >= 0 && !country; q--)
              {
                guint32 *pair = &((guint32 *) made->data)[2 * q];
                const KgxDocEntity *e = g_ptr_array_index (doc->entities, pair[1]);
                if (target >= 0 && pair[0] <= target_at)
                  break;
                if (f->t[pair[0]].sentence + window < sent)
                  break;
                if (ref_accepts (f, e, r))
                  {
                    target = pair[1];
                    break;
                  }
              }
          }
          break;
        default:
          break;
        }

      if (target < 0 && r->kind == REF_DESC)
        {
          KgxDocEntity *e = g_new0 (KgxDocEntity, 1);
          e->cls = r->cls;
          e->coarse = coarse_of (f, r->cls);
          e->names = g_ptr_array_new_with_free_func (g_free);
          g_ptr_array_add (doc->entities, e);
          target = doc->entities->len - 1;
        }
      if (target >= 0)
        {
          KgxSpan s = { 0 };
          KgxDocEntity *e = g_ptr_array_index (doc->entities, target);
          s.first = r->first;
          /* "the two-day summit", "an annual meeting": an event's mention
           * takes its lower-case modifiers, as its name does (describe()),
           * so that "attended the two-day summit" reads as one unit. */
          if (r->kind == REF_DESC && e->coarse == KGX_COARSE_EVENT)
            while (s.first > r->desc_first && s.first - 1 >= MAX (ref_end, span_end)
                   && f->ent_len[s.first - 1] == 0 && f->title_len[s.first - 1] == 0
                   && (((f->t[s.first - 1].flags & KGX_TOKF_LOWER)
                        && (f->t[s.first - 1].flags & KGX_TOKF_ALPHA)
                        && (!(f->word[s.first - 1] & WORD_FUNCTION)
                            || in_list (f->t[s.first - 1].lower, event_modifiers,
                                        G_N_ELEMENTS (event_modifiers))))
                       || (f->t[s.first - 1].flags & KGX_TOKF_DIGIT)
                       || strcmp (f->t[s.first - 1].form, "-") == 0))
              s.first--;
          s.end = r->end;
          s.entity = target;
          s.kind = KGX_SPAN_ENTITY;
          s.flags = r->kind == REF_PRONOUN ? KGX_SPANF_PRONOUN
                    : r->kind == REF_ANAPHOR ? KGX_SPANF_ANAPHOR : KGX_SPANF_DESC;
          g_array_append_val (spans, s);
          ref_end = r->end;
          {
            guint32 pair[2] = { r->first, (guint32) target };
            g_array_append_vals (made, pair, 1);
          }
          if (r->kind == REF_DESC && !e->named)
            describe (f, e, r, nspans);
          if (e->coarse == KGX_COARSE_PERSON)
            {
              guint32 pair[2] = { (guint32) target, sent };
              g_array_append_vals (persons, pair, 1);
            }
        }
    }
  g_array_unref (persons);
  g_array_unref (made);
  g_free (in_quote);
  g_array_sort (spans, compare_spans);
}

static gboolean
title_matches (const char *known, const char *ref)
{
  const char *last_known, *sp;

  if (strcmp (known, ref) == 0)
    return TRUE;
  /* "the minister" for "oil minister" */
  if (strchr (ref, ' ') != NULL)
    return FALSE;
  sp = strrchr (known, ' ');
  last_known = sp ? sp + 1 : known;
  return strcmp (last_known, ref) == 0;
}

/* "the prime minister", "the chairman": a title after "the" and before no
 * name refers to the person last given that title.  Titles are learned
 * from "Prime Minister Tony Blair" and "Tony Blair, the prime minister". */
static void
title_anaphora (Finder *f)
{
  KgxDoc *doc = f->doc;
  GArray *spans = doc->spans;
  GArray *recent = g_array_new (FALSE, FALSE, sizeof (guint32) * 2); /* (entity, sentence) */

  for (guint q = 0; q < spans->len; q++)
    {
      KgxSpan *sp = &g_array_index (spans, KgxSpan, q);
      guint32 sent = f->t[sp->first].sentence;

      if (sp->kind == KGX_SPAN_ENTITY)
        {
          KgxDocEntity *e = g_ptr_array_index (doc->entities, sp->entity);
          if (e->coarse == KGX_COARSE_PERSON)
            {
              guint32 pair[2] = { sp->entity, sent };
              g_array_append_vals (recent, pair, 1);
              /* "Tony Blair, the prime minister," */
              if (q + 1 < spans->len)
                {
                  const KgxSpan *nx = &g_array_index (spans, KgxSpan, q + 1);
                  guint k = sp->end;
                  if (k < f->n && strcmp (f->t[k].form, ",") == 0)
                    {
                      k++;
                      if (k < f->n && (strcmp (f->t[k].lower, "the") == 0 || strcmp (f->t[k].lower, "a") == 0))
                        k++;
                      if (nx->kind == KGX_SPAN_TITLE && nx->first == k)
                        {
                          g_autofree char *tt = kgx_doc_span_text (doc, nx->first, nx->end);
                          char *low = g_utf8_strdown (tt, -1);
                          if (e->titles == NULL)
                            e->titles = g_ptr_array_new_with_free_func (g_free);
                          g_ptr_array_add (e->titles, low);
                        }
                    }
                }
            }
          continue;
        }
      if (sp->kind != KGX_SPAN_TITLE)
        continue;
      {
        g_autofree char *tt = kgx_doc_span_text (doc, sp->first, sp->end);
        g_autofree char *low = g_utf8_strdown (tt, -1);
        const KgxSpan *nx = q + 1 < spans->len ? &g_array_index (spans, KgxSpan, q + 1) : NULL;

        if (nx && nx->kind == KGX_SPAN_ENTITY && nx->first == sp->end
            && ((KgxDocEntity *) g_ptr_array_index (doc->entities, nx->entity))->coarse == KGX_COARSE_PERSON)
          {
            KgxDocEntity *e = g_ptr_array_index (doc->entities, nx->entity);
            if (e->titles == NULL)
              e->titles = g_ptr_array_new_with_free_func (g_free);
            g_ptr_array_add (e->titles, g_steal_pointer (&low));
            continue;
          }
        if (sp->first == 0 || strcmp (f->t[sp->first - 1].lower, "the") != 0
            || (sp->flags & KGX_SPANF_FORMER))
          continue;
        if (sp->end < f->n && ((f->t[sp->end].flags & KGX_TOKF_CAP)
                               || strcmp (f->t[sp->end].lower, "of") == 0
                               || strcmp (f->t[sp->end].lower, "'s") == 0))
          continue;
        for (gint r = (gint) recent->len - 1; r >= 0; r--)
          {
            guint32 *pair = &((guint32 *) recent->data)[2 * r];
            const KgxDocEntity *e = g_ptr_array_index (doc->entities, pair[0]);
            if (pair[1] + 12 < sent)
              break;
            if (e->titles == NULL)
              continue;
            for (guint k = 0; k < e->titles->len; k++)
              if (title_matches (g_ptr_array_index (e->titles, k), low))
                {
                  sp->kind = KGX_SPAN_ENTITY;
                  sp->entity = pair[0];
                  sp->first -= 1;
                  sp->flags = KGX_SPANF_ANAPHOR;
                  r = -1;
                  break;
                }
          }
      }
    }
  g_array_unref (recent);
}

/* "Kazakhstan's Atomic Energy Agency" is a name of the agency too. */
static void
possessive_aliases (Finder *f)
{
  KgxDoc *doc = f->doc;

  for (guint q = 0; q + 1 < doc->spans->len; q++)
    {
      const KgxSpan *a = &g_array_index (doc->spans, KgxSpan, q);
      const KgxSpan *b = &g_array_index (doc->spans, KgxSpan, q + 1);
      KgxDocEntity *pa, *eb;
      if (a->kind != KGX_SPAN_ENTITY || b->kind != KGX_SPAN_ENTITY
          || !(b->flags & KGX_SPANF_NAME) || b->first != a->end + 1
          || strcmp (f->t[a->end].lower, "'s") != 0)
        continue;
      pa = g_ptr_array_index (doc->entities, a->entity);
      eb = g_ptr_array_index (doc->entities, b->entity);
      if (pa->coarse == KGX_COARSE_PLACE && (a->flags & KGX_SPANF_NAME)
          && (eb->coarse == KGX_COARSE_ORGANIZATION || eb->coarse == KGX_COARSE_FACILITY))
        {
          g_autofree char *s = kgx_doc_span_text (doc, a->first, b->end);
          entity_add_name (eb, s);
        }
    }
}

/* Whether n is longer than 3 bytes and g_utf8_strup() leaves it as it
 * is.  On ASCII, g_utf8_strup() changes exactly the lower-case letters
 * (in any locale), so no copy is made for it. */
static gboolean
is_all_caps (const char *n)
{
  const char *p;

  for (p = n; *p; p++)
    {
      if ((guchar) *p >= 0x80)
        {
          g_autofree char *up = g_utf8_strup (n, -1);
          return strlen (n) > 3 && strcmp (up, n) == 0;
        }
      if (*p >= 'a' && *p <= 'z')
        return FALSE;
    }
  return p - n > 3;
}

/* Each entity's label is the fullest name it was given. */
static void
choose_labels (KgxDoc *doc)
{
  for (guint i = 0; i < doc->entities->len; i++)
    {
      KgxDocEntity *e = g_ptr_array_index (doc->entities, i);
      const char *best = NULL;
      gboolean best_caps = FALSE;
      for (guint k = 0; k < e->names->len; k++)
        {
          const char *n = g_ptr_array_index (e->names, k);
          /* A dateline's "TASHKENT" is a worse label than "Tashkent". */
          gboolean caps;
          caps = is_all_caps (n);
          if (strstr (n, "'s ") != NULL && e->named)
            continue;
          if (best == NULL || (best_caps && !caps)
              || (caps == best_caps && g_utf8_strlen (n, -1) > g_utf8_strlen (best, -1)))
            {
              best = n;
              best_caps = caps;
            }
        }
      g_free (e->label);
      e->label = g_strdup (best ? best : e->canonical ? e->canonical : e->cls);
      if (e->canonical && e->named)
        entity_add_name (e, e->canonical);
    }
}

void
kgx_entities_find (KgxDoc *doc, const KgxEntityContext *ctx)
{
  Finder f = { 0 };
  GArray *sents = doc->toks->sentences;

  init_sets ();
  f.doc = doc;
  f.ctx = ctx;
  f.t = (const KgxToken *) doc->toks->tokens->data;
  f.n = doc->toks->tokens->len;
  f.title_len = g_new0 (guint8, f.n + 1);
  f.title_entry = g_new0 (guint32, f.n + 1);
  f.head_len = g_new0 (guint8, f.n + 1);
  f.head_entry = g_new0 (guint32, f.n + 1);
  f.ent_len = g_new0 (guint8, f.n + 1);
  f.ent_entry = g_new0 (guint32, f.n + 1);
  f.word = g_new0 (guint8, f.n + 1);
  f.pending = g_array_new (FALSE, FALSE, sizeof (guint32));
  f.refs = g_array_new (FALSE, TRUE, sizeof (Ref));
  f.surnames = g_hash_table_new (g_str_hash, g_str_equal);
  f.acronyms = g_hash_table_new (g_str_hash, g_str_equal);
  f.org_prefixes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  precompute (&f);
  for (guint s = 0; s < sents->len; s++)
    {
      const KgxTokSentence *ts = &g_array_index (sents, KgxTokSentence, s);
      pass_a_sentence (&f, ts->first, ts->first + ts->n);
    }
  pass_b (&f);
  g_array_sort (doc->spans, compare_spans);
  pass_c (&f);
  title_anaphora (&f);
  possessive_aliases (&f);
  choose_labels (doc);
  for (guint i = 0; i < doc->spans->len; i++)
    {
      KgxSpan *sp = &g_array_index (doc->spans, KgxSpan, i);
      if (sp->end < f.n && strcmp (f.t[sp->end].lower, "'s") == 0)
        sp->flags |= KGX_SPANF_POSS;
      /* "Kestrel Holdings' oil unit": the apostrophe alone after an s */
      else if (sp->end + 1 < f.n && sp->end > sp->first && plural_apostrophe (&f, sp->end)
               && (f.t[sp->end + 1].flags & KGX_TOKF_LOWER))
        sp->flags |= KGX_SPANF_POSS;
    }

  if (g_log_writer_default_would_drop (G_LOG_LEVEL_DEBUG, G_LOG_DOMAIN) == FALSE)
    for (guint i = 0; i < doc->spans->len; i++)
      {
        const KgxSpan *sp = &g_array_index (doc->spans, KgxSpan, i);
        g_autofree char *text = kgx_doc_span_text (doc, sp->first, sp->end);
        const KgxDocEntity *e = sp->kind == KGX_SPAN_ENTITY
                                  ? g_ptr_array_index (doc->entities, sp->entity) : NULL;
        g_debug ("span %u-%u %s \"%s\" -> %s (%s) flags %#x", sp->first, sp->end,
                 sp->kind == KGX_SPAN_TITLE ? "title" : "entity", text,
                 e ? e->label : "-", e ? e->cls : "-", sp->flags);
      }

  g_free (f.title_len);
  g_free (f.title_entry);
  g_free (f.head_len);
  g_free (f.head_entry);
  g_free (f.ent_len);
  g_free (f.ent_entry);
  g_free (f.word);
  g_array_unref (f.pending);
  g_array_unref (f.refs);
  g_hash_table_destroy (f.surnames);
  g_hash_table_destroy (f.acronyms);
  g_hash_table_destroy (f.org_prefixes);
}
