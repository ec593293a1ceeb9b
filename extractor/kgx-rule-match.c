/* kgx-rule-match.c - run compiled rules over a document's units.
 *
 * A backtracking matcher with continuations: each element tries its
 * repetitions (greedy, or fewest first for gaps) and hands the rest of the
 * pattern on as a continuation.  Every repetition is bounded and each start
 * position has a step budget, so matching stays linear in the text however
 * a rule is written (DESIGN-NOTES, complaint 5).
 */
#include "config.h"

#include <string.h>

#include "kgx-rule-private.h"
#include "kgx-ontology.h"
#include "kgx-str-map-private.h"

#define STEP_BUDGET 20000
/* Tokens of context kept on each side of a quotation.  Without a bound,
 * Q quotations in one long sentence cost Q x sentence length (issue 8:
 * 390 KB of quotes and brackets on one line ran for minutes). */
#define QUOTE_CONTEXT 64
/* Units one CLASS[list] atom may take ("A, B and C"): tried from every
 * start, an unbounded list costs its length squared (issue 8: a
 * 20,000-item list took 22 s). */
#define LIST_MAX_UNITS 200

typedef enum { U_TOKEN, U_ENTITY, U_TITLE, U_QUOTE } UnitKind;

/* A word some rule names, and the patterns that begin with it. */
typedef struct {
  const char *word;         /* the rule set's interned copy: compared by address */
  guint32     id;
  GArray     *starts[2];    /* guint32 pattern ids; [1] for quote rules */
  GArray     *keyed[2];     /* guint32 ids of patterns whose key need names this word */
} WordEntry;

/* Something a pattern cannot match without: one of some words, an entity
 * of some classes, a title.  A sentence that lacks one is never tried. */
typedef struct {
  KgxAtomKind kind;         /* WORD, CLASS or TITLE */
  guint64     class_mask;
  guint32    *word_ids;
  guint       n_words;
} Need;

typedef struct {
  const KgxRule *rule;
  const KgxSeq  *seq;
  Need          *needs;
  guint          n_needs;
  guint8         start_kinds; /* bit per UnitKind that may start it */
  gboolean       anchored;    /* begins with ^: matches only from the first unit */
} PatternRef;

struct _KgxRuleIndex {
  GArray     *patterns;     /* PatternRef; the position is the pattern id, in rule order */
  GHashTable *words;        /* lower-case word -> WordEntry *, for every WORD atom */
  GArray     *others[2];    /* ids of patterns tried at every unit (a class, a title...) */
  GArray     *unkeyed[2];   /* ids of patterns that need no word: checked in every sentence */
  GPtrArray  *entries;      /* WordEntry * by word id */
  KgxStrMap  *by_form;      /* the same as words, for the lookup once per token */
  guint       max_caps;
  guint       n_words;
};

typedef struct {
  guint8           kind;
  guint16          flags;   /* KgxSpanFlags */
  guint32          first;   /* tokens */
  guint32          end;
  guint32          entity;
  const KgxToken  *tok;
  const WordEntry *word;    /* U_TOKEN: its word if a rule names it, else NULL */
} Unit;

/* A growable array of units or candidates: appended to once per unit,
 * so without a function call per element. */
typedef struct {
  Unit  *v;
  guint  len, cap;
} UnitBuf;

typedef struct {
  guint64 *v;               /* pattern id << 32 | start unit */
  guint    len, cap;
} CandBuf;

typedef struct _Cont Cont;
struct _Cont {
  gboolean       rep;       /* TRUE: repeat an element; FALSE: go on in a sequence */
  const KgxSeq  *seq;
  guint          i;
  const KgxElem *elem;
  guint          count;
  guint          start;
  const Cont    *next;
};

typedef struct {
  const Unit       *u;
  guint             n;
  guint32          *cap_first;   /* unit indexes */
  guint32          *cap_end;
  const KgxElem   **cap_elem;
  guint             steps;
  guint             match_end;
  guint64          *entity_mask;  /* per document entity: the rule classes it belongs to */
  const KgxRuleIndex *index;
  const WordEntry **tok_word;     /* per document token: its WordEntry or NULL */
  CandBuf           cand;
  CandBuf           by_word;      /* collect_candidates()' scratch */
  guint32          *word_seen;    /* per word id: the generation it was last seen in */
  guint32          *word_last;    /* per word id seen: the last unit it is at */
  guint32           gen;          /* of the current units */
  guint64           class_seen;   /* rule classes of the current units' entities */
  guint32           class_last[64]; /* per rule class in class_seen: its last unit */
  gboolean          title_seen;
  guint32           title_last;   /* when title_seen: the last title unit */
  const WordEntry **seen;         /* the distinct words of the current units */
  guint32          *checked;      /* per pattern id: the generation its needs were checked in */
  guint8           *viable;       /* per pattern id: its needs are met (when checked this generation) */
} Matcher;

static gboolean run_cont (Matcher *m, const Cont *k, guint pos);

static gboolean
class_ok (const Matcher *m, const KgxElem *e, const Unit *u)
{
  if (u->kind != U_ENTITY)
    return FALSE;
  if ((u->flags & e->need) != e->need || (u->flags & e->forbid))
    return FALSE;
  return (m->entity_mask[u->entity] & e->class_mask) != 0;
}

static gboolean
atom_ok (const Matcher *m, const KgxElem *e, const Unit *u)
{
  const KgxToken *t = u->tok;

  switch (e->kind)
    {
    case KGX_ATOM_WORD:
      if (u->kind != U_TOKEN || u->word == NULL)
        return FALSE;
      for (guint i = 0; e->words[i]; i++)
        if (e->words[i] == u->word->word)
          return TRUE;
      return FALSE;
    case KGX_ATOM_CLASS:
      return class_ok (m, e, u);
    case KGX_ATOM_TITLE:
      return u->kind == U_TITLE && (u->flags & e->need) == e->need && !(u->flags & e->forbid);
    case KGX_ATOM_QUOTE:
      return u->kind == U_QUOTE;
    case KGX_ATOM_ANY:
      return TRUE;
    case KGX_ATOM_LOWER:
      return u->kind == U_TOKEN && (t->flags & KGX_TOKF_ALPHA) && (t->flags & KGX_TOKF_LOWER);
    case KGX_ATOM_CAP:
      return u->kind == U_TOKEN && (t->flags & KGX_TOKF_CAP);
    case KGX_ATOM_NUM:
      return u->kind == U_TOKEN && (t->flags & KGX_TOKF_DIGIT);
    case KGX_ATOM_YEAR:
      if (u->kind != U_TOKEN || strlen (t->form) != 4 || !(t->flags & KGX_TOKF_DIGIT))
        return FALSE;
      {
        gint y = atoi (t->form);
        return y >= 1800 && y <= 2099 && g_ascii_isdigit (t->form[3]);
      }
    case KGX_ATOM_PUNCT:
      return u->kind == U_TOKEN && (t->flags & KGX_TOKF_PUNCT);
    case KGX_ATOM_GAP:
    case KGX_ATOM_GROUP:
    case KGX_ATOM_START:
    case KGX_ATOM_END:
    default:
      return FALSE;
    }
}

static gboolean
is_bracket (const Unit *u, const char *b)
{
  return u->kind == U_TOKEN && strcmp (u->tok->form, b) == 0;
}

static gboolean
is_list_joiner (const Unit *u)
{
  return u->kind == U_TOKEN && (strcmp (u->tok->lower, ",") == 0 || strcmp (u->tok->lower, "and") == 0
                                || strcmp (u->tok->lower, "or") == 0);
}

static gboolean match_from (Matcher *m, const KgxSeq *seq, guint i, guint pos, const Cont *k);
static gboolean may_start (const Matcher *m, const KgxSeq *seq, const Unit *u);

static gboolean
match_one (Matcher *m, const KgxElem *e, guint pos, const Cont *k)
{
  guint end;
  gboolean ok;

  if (e->kind == KGX_ATOM_GROUP)
    {
      for (guint a = 0; a < e->n_alts; a++)
        {
          const KgxSeq *alt = &e->alts[a];
          /* An alternative whose first unit cannot match is not tried. */
          if (alt->filtered && (pos >= m->n || !may_start (m, alt, &m->u[pos])))
            continue;
          if (match_from (m, alt, 0, pos, k))
            return TRUE;
        }
      return FALSE;
    }
  if (e->kind == KGX_ATOM_START)
    return pos == 0 && run_cont (m, k, pos);
  if (e->kind == KGX_ATOM_END)
    return pos == m->n && run_cont (m, k, pos);
  if (pos >= m->n)
    return FALSE;
  if (e->kind == KGX_ATOM_GAP)
    return m->u[pos].kind != U_QUOTE && run_cont (m, k, pos + 1);
  ok = atom_ok (m, e, &m->u[pos]);
  if (e->negated)
    ok = !ok;
  if (!ok)
    return FALSE;
  end = pos + 1;
  /* "A, B and C": a list of entities of the same classes. */
  if (e->kind == KGX_ATOM_CLASS && e->list)
    for (;;)
      {
        guint paren = end;
        if (end - pos >= LIST_MAX_UNITS)
          break;
        /* "the IAEA (International Atomic Energy Agency) and the WNA": one
         * unit in brackets after an item belongs to it. */
        if (end + 3 < m->n && is_bracket (&m->u[end], "(") && is_bracket (&m->u[end + 2], ")")
            && is_list_joiner (&m->u[end + 3])
            && (m->u[end + 1].kind == U_TOKEN
                || (m->u[end + 1].kind == m->u[end - 1].kind
                    && m->u[end + 1].entity == m->u[end - 1].entity)))
          end += 3;
        if (end + 1 < m->n && is_list_joiner (&m->u[end]) && class_ok (m, e, &m->u[end + 1]))
          end += 2;
        /* "KHNP and the Czech Nuclear Industry Alliance" */
        else if (end + 2 < m->n && is_list_joiner (&m->u[end]) && m->u[end + 1].kind == U_TOKEN
                 && strcmp (m->u[end + 1].tok->lower, "the") == 0 && class_ok (m, e, &m->u[end + 2]))
          end += 3;
        else if (end + 2 < m->n && is_list_joiner (&m->u[end]) && is_list_joiner (&m->u[end + 1])
                 && class_ok (m, e, &m->u[end + 2]))
          end += 3;
        else
          {
            end = paren;
            break;
          }
      }
  if (e->capture >= 0)
    {
      guint c = e->capture;
      guint32 of = m->cap_first[c], oe = m->cap_end[c];
      const KgxElem *oel = m->cap_elem[c];
      if (of != G_MAXUINT32 && oe == pos && oel == e)
        m->cap_end[c] = end;       /* a repeated capture grows */
      else
        {
          m->cap_first[c] = pos;
          m->cap_end[c] = end;
        }
      m->cap_elem[c] = e;
      if (run_cont (m, k, end))
        return TRUE;
      m->cap_first[c] = of;
      m->cap_end[c] = oe;
      m->cap_elem[c] = oel;
      return FALSE;
    }
  return run_cont (m, k, end);
}

static gboolean
try_rep (Matcher *m, const KgxElem *e, guint count, guint pos, const Cont *after)
{
  gboolean lazy = e->kind == KGX_ATOM_GAP;

  if (++m->steps > STEP_BUDGET)
    return FALSE;
  if (lazy && count >= e->min && run_cont (m, after, pos))
    return TRUE;
  if (count < e->max)
    {
      Cont again = { TRUE, NULL, 0, e, count + 1, pos, after };
      if (match_one (m, e, pos, &again))
        return TRUE;
    }
  if (!lazy && count >= e->min)
    return run_cont (m, after, pos);
  return FALSE;
}

static gboolean
match_from (Matcher *m, const KgxSeq *seq, guint i, guint pos, const Cont *k)
{
  Cont after;

  if (i == seq->n)
    return run_cont (m, k, pos);
  after = (Cont) { FALSE, seq, i + 1, NULL, 0, 0, k };
  return try_rep (m, &seq->elems[i], 0, pos, &after);
}

static gboolean
run_cont (Matcher *m, const Cont *k, guint pos)
{
  if (k == NULL)
    {
      m->match_end = pos;
      return TRUE;
    }
  if (!k->rep)
    return match_from (m, k->seq, k->i, pos, k->next);
  if (pos == k->start)   /* an empty repetition: stop repeating */
    return k->count >= k->elem->min && run_cont (m, k->next, pos);
  return try_rep (m, k->elem, k->count, pos, k->next);
}

/* ---------------------------------------------------------------------- */

/* Units for tokens [from, to): spans become one unit each; a span that
 * crosses the range's edges is left as tokens. */
static inline Unit *
unit_push (UnitBuf *b)
{
  if (b->len == b->cap)
    {
      b->cap = MAX (64, b->cap * 2);
      b->v = g_renew (Unit, b->v, b->cap);
    }
  return memset (&b->v[b->len++], 0, sizeof (Unit));
}

static void
build_units (const Matcher *m, const KgxDoc *doc, guint32 from, guint32 to, guint *span_cursor,
             UnitBuf *out)
{
  const KgxToken *t = (const KgxToken *) doc->toks->tokens->data;
  GArray *spans = doc->spans;
  guint si = *span_cursor;
  guint32 i = from;

  /* Far behind: binary search rather than a walk from the cursor, which
   * the quotation contexts restart at 0 (linear per quotation otherwise). */
  if (si < spans->len && g_array_index (spans, KgxSpan, si).first < from)
    {
      guint lo = si, hi = spans->len;
      while (lo < hi)
        {
          guint mid = lo + (hi - lo) / 2;
          if (g_array_index (spans, KgxSpan, mid).first < from)
            lo = mid + 1;
          else
            hi = mid;
        }
      si = lo;
    }
  while (si < spans->len && g_array_index (spans, KgxSpan, si).first < from)
    si++;
  while (i < to)
    {
      Unit *u;
      const KgxSpan *sp = si < spans->len ? &g_array_index (spans, KgxSpan, si) : NULL;
      if (sp && sp->first == i && sp->end <= to && sp->kind == KGX_SPAN_SKIP)
        {
          i = sp->end;
          si++;
          continue;
        }
      u = unit_push (out);
      if (sp && sp->first == i && sp->end <= to)
        {
          u->kind = sp->kind == KGX_SPAN_TITLE ? U_TITLE : U_ENTITY;
          u->flags = sp->flags;
          u->first = sp->first;
          u->end = sp->end;
          u->entity = sp->entity;
          u->tok = &t[i];
          i = sp->end;
          si++;
        }
      else
        {
          if (sp && sp->first == i)
            si++;
          u->kind = U_TOKEN;
          u->first = i;
          u->end = i + 1;
          u->tok = &t[i];
          u->word = m->tok_word[i];
          i++;
        }
      while (si < spans->len && g_array_index (spans, KgxSpan, si).first < i)
        si++;
    }
  *span_cursor = si;
}

/* The atoms one of which must match a pattern's first unit, or FALSE when
 * any unit may start it (an optional or negated element, a gap...).  Rules
 * are tried only where their first unit can match: most never are. */
static gboolean
first_atoms (const KgxSeq *seq, guint i, GPtrArray *out)
{
  const KgxElem *e;

  if (i >= seq->n)
    return FALSE;
  e = &seq->elems[i];
  if (e->kind == KGX_ATOM_START)
    return first_atoms (seq, i + 1, out);
  if (e->min == 0 || e->negated || e->kind == KGX_ATOM_GAP || e->kind == KGX_ATOM_ANY
      || e->kind == KGX_ATOM_END)
    return FALSE;
  if (e->kind == KGX_ATOM_GROUP)
    {
      for (guint a = 0; a < e->n_alts; a++)
        if (!first_atoms (&e->alts[a], 0, out))
          return FALSE;
      return TRUE;
    }
  g_ptr_array_add (out, (gpointer) e);
  return TRUE;
}

void
kgx_seq_index (KgxSeq *seq)
{
  GPtrArray *firsts = g_ptr_array_new ();

  seq->filtered = first_atoms (seq, 0, firsts);
  seq->n_firsts = firsts->len;
  seq->firsts = (const KgxElem **) g_ptr_array_free (firsts, FALSE);
}

/* The kinds of unit (bit per UnitKind) that may start seq. */
static guint8
start_kinds (const KgxSeq *seq)
{
  guint8 kinds = 0;

  if (!seq->filtered)
    return 0xF;
  for (guint i = 0; i < seq->n_firsts; i++)
    switch (seq->firsts[i]->kind)
      {
      case KGX_ATOM_WORD:
      case KGX_ATOM_LOWER:
      case KGX_ATOM_CAP:
      case KGX_ATOM_NUM:
      case KGX_ATOM_YEAR:
      case KGX_ATOM_PUNCT:
        kinds |= 1 << U_TOKEN;
        break;
      case KGX_ATOM_CLASS:
        kinds |= 1 << U_ENTITY;
        break;
      case KGX_ATOM_TITLE:
        kinds |= 1 << U_TITLE;
        break;
      case KGX_ATOM_QUOTE:
        kinds |= 1 << U_QUOTE;
        break;
      case KGX_ATOM_ANY:
        kinds |= 0xF;
        break;
      case KGX_ATOM_GAP:
      case KGX_ATOM_START:
      case KGX_ATOM_END:
      case KGX_ATOM_GROUP:
      default:
        break;   /* atom_ok() takes no unit for these */
      }
  return kinds;
}

static gboolean
may_start (const Matcher *m, const KgxSeq *seq, const Unit *u)
{
  for (guint i = 0; i < seq->n_firsts; i++)
    if (atom_ok (m, seq->firsts[i], u))
      return TRUE;
  return FALSE;
}

/* ---------------------------------------------------------------------- */
/* The start index */

static WordEntry *
word_entry (KgxRuleIndex *ix, const char *word)
{
  WordEntry *we = g_hash_table_lookup (ix->words, word);

  if (we == NULL)
    {
      we = g_new0 (WordEntry, 1);
      we->word = word;
      we->id = ix->n_words++;
      g_hash_table_insert (ix->words, (gpointer) word, we);
      g_ptr_array_add (ix->entries, we);
    }
  return we;
}

static void
index_words (KgxRuleIndex *ix, const KgxSeq *seq)
{
  for (guint i = 0; i < seq->n; i++)
    {
      const KgxElem *e = &seq->elems[i];
      if (e->kind == KGX_ATOM_WORD)
        for (guint w = 0; e->words[w]; w++)
          word_entry (ix, e->words[w]);
      for (guint a = 0; a < e->n_alts; a++)
        index_words (ix, &e->alts[a]);
    }
}

static void
word_entry_free (gpointer p)
{
  WordEntry *we = p;

  for (guint q = 0; q < 2; q++)
    {
      if (we->starts[q])
        g_array_unref (we->starts[q]);
      if (we->keyed[q])
        g_array_unref (we->keyed[q]);
    }
  g_free (we);
}

/* What seq needs, from its elements that must match at least once: a
 * word (or one of a set), a group whose every alternative needs a word, a
 * class, a title. */
static void
index_needs (KgxRuleIndex *ix, const KgxSeq *seq, GArray *needs)
{
  for (guint i = 0; i < seq->n; i++)
    {
      const KgxElem *e = &seq->elems[i];
      Need nd = { 0 };
      GArray *ids;

      if (e->min == 0 || e->negated)
        continue;
      if (e->kind == KGX_ATOM_CLASS || e->kind == KGX_ATOM_TITLE)
        {
          nd.kind = e->kind;
          nd.class_mask = e->class_mask;
          g_array_append_val (needs, nd);
          continue;
        }
      if (e->kind != KGX_ATOM_WORD && e->kind != KGX_ATOM_GROUP)
        continue;
      ids = g_array_new (FALSE, FALSE, sizeof (guint32));
      if (e->kind == KGX_ATOM_WORD)
        for (guint w = 0; e->words[w]; w++)
          g_array_append_val (ids, word_entry (ix, e->words[w])->id);
      else
        for (guint a = 0; a < e->n_alts && ids; a++)
          {
            const KgxSeq *alt = &e->alts[a];
            const KgxElem *first = NULL;
            for (guint j = 0; j < alt->n && first == NULL; j++)
              if (alt->elems[j].kind == KGX_ATOM_WORD && alt->elems[j].min > 0
                  && !alt->elems[j].negated)
                first = &alt->elems[j];
            if (first == NULL)
              {
                g_array_unref (ids);
                ids = NULL;
                break;
              }
            for (guint w = 0; first->words[w]; w++)
              g_array_append_val (ids, word_entry (ix, first->words[w])->id);
          }
      if (ids == NULL)
        continue;
      nd.kind = KGX_ATOM_WORD;
      nd.n_words = ids->len;
      nd.word_ids = (guint32 *) g_array_free (ids, FALSE);
      g_array_append_val (needs, nd);
    }
}

KgxRuleIndex *
kgx_rule_index_new (const KgxRuleSet *set)
{
  KgxRuleIndex *ix = g_new0 (KgxRuleIndex, 1);

  ix->patterns = g_array_new (FALSE, FALSE, sizeof (PatternRef));
  ix->words = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, word_entry_free);
  ix->entries = g_ptr_array_new ();
  for (guint q = 0; q < 2; q++)
    {
      ix->others[q] = g_array_new (FALSE, FALSE, sizeof (guint32));
      ix->unkeyed[q] = g_array_new (FALSE, FALSE, sizeof (guint32));
    }
  for (guint r = 0; r < kgx_rule_set_get_size (set); r++)
    {
      const KgxRule *rule = kgx_rule_set_get_rule (set, r);
      ix->max_caps = MAX (ix->max_caps, rule->captures->len);
      for (guint pi = 0; pi < rule->patterns->len; pi++)
        {
          const KgxSeq *seq = g_ptr_array_index (rule->patterns, pi);
          PatternRef ref = { rule, seq, NULL, 0, 0, FALSE };
          guint32 id = ix->patterns->len;
          gboolean by_word = seq->filtered;
          GArray *needs = g_array_new (FALSE, FALSE, sizeof (Need));

          index_words (ix, seq);
          index_needs (ix, seq, needs);
          ref.n_needs = needs->len;
          ref.needs = (Need *) g_array_free (needs, FALSE);
          ref.start_kinds = start_kinds (seq);
          ref.anchored = seq->n > 0 && seq->elems[0].kind == KGX_ATOM_START
                         && seq->elems[0].min > 0 && !seq->elems[0].negated;
          g_array_append_val (ix->patterns, ref);
          /* Keyed by the words of one word need: a sentence with none of
           * them never checks the pattern's other needs.  Any need is
           * right; the one whose shortest word is longest is likely the
           * rarest ("said" rather than "," or "of"), so the fewest
           * sentences check it. */
          {
            const Need *key = NULL;
            gsize key_len = 0;
            for (guint n = 0; n < ref.n_needs; n++)
              if (ref.needs[n].kind == KGX_ATOM_WORD)
                {
                  gsize shortest = G_MAXSIZE;
                  for (guint w = 0; w < ref.needs[n].n_words; w++)
                    {
                      const WordEntry *we = g_ptr_array_index (ix->entries, ref.needs[n].word_ids[w]);
                      shortest = MIN (shortest, strlen (we->word));
                    }
                  if (key == NULL || shortest > key_len)
                    {
                      key = &ref.needs[n];
                      key_len = shortest;
                    }
                }
            if (key == NULL)
              g_array_append_val (ix->unkeyed[rule->quote], id);
            else
              for (guint w = 0; w < key->n_words; w++)
                {
                  WordEntry *we = g_ptr_array_index (ix->entries, key->word_ids[w]);
                  GArray **kd = &we->keyed[rule->quote];
                  if (*kd == NULL)
                    *kd = g_array_new (FALSE, FALSE, sizeof (guint32));
                  if ((*kd)->len == 0 || g_array_index (*kd, guint32, (*kd)->len - 1) != id)
                    g_array_append_val (*kd, id);
                }
          }
          for (guint f = 0; f < seq->n_firsts; f++)
            by_word = by_word && seq->firsts[f]->kind == KGX_ATOM_WORD && !seq->firsts[f]->negated;
          if (!by_word)
            {
              g_array_append_val (ix->others[rule->quote], id);
              continue;
            }
          for (guint f = 0; f < seq->n_firsts; f++)
            for (guint w = 0; seq->firsts[f]->words[w]; w++)
              {
                WordEntry *we = word_entry (ix, seq->firsts[f]->words[w]);
                GArray **st = &we->starts[rule->quote];
                if (*st == NULL)
                  *st = g_array_new (FALSE, FALSE, sizeof (guint32));
                if ((*st)->len == 0 || g_array_index (*st, guint32, (*st)->len - 1) != id)
                  g_array_append_val (*st, id);
              }
        }
    }
  ix->by_form = kgx_str_map_new ();
  for (guint w = 0; w < ix->entries->len; w++)
    {
      const WordEntry *we = g_ptr_array_index (ix->entries, w);
      kgx_str_map_insert (ix->by_form, we->word, (gpointer) we);
    }
  return ix;
}

void
kgx_rule_index_free (KgxRuleIndex *ix)
{
  if (ix == NULL)
    return;
  for (guint i = 0; i < ix->patterns->len; i++)
    {
      PatternRef *ref = &g_array_index (ix->patterns, PatternRef, i);
      for (guint n = 0; n < ref->n_needs; n++)
        g_free (ref->needs[n].word_ids);
      g_free (ref->needs);
    }
  g_array_unref (ix->patterns);
  g_hash_table_destroy (ix->words);
  g_ptr_array_unref (ix->entries);
  kgx_str_map_free (ix->by_form);
  for (guint q = 0; q < 2; q++)
    {
      g_array_unref (ix->others[q]);
      g_array_unref (ix->unkeyed[q]);
    }
  g_free (ix);
}

static gint
cmp_u64 (gconstpointer a, gconstpointer b, gpointer user_data)
{
  guint64 x = *(const guint64 *) a, y = *(const guint64 *) b;

  (void) user_data;

  return x < y ? -1 : x > y;
}

static inline void
cand_push (CandBuf *b, guint64 c)
{
  if (b->len == b->cap)
    {
      b->cap = MAX (256, b->cap * 2);
      b->v = g_renew (guint64, b->v, b->cap);
    }
  b->v[b->len++] = c;
}

/* Whether the current units meet every need of ref. */
static gboolean
needs_met (const Matcher *m, const PatternRef *ref)
{
  for (guint n = 0; n < ref->n_needs; n++)
    {
      const Need *nd = &ref->needs[n];
      gboolean ok = FALSE;
      if (nd->kind == KGX_ATOM_CLASS)
        ok = (m->class_seen & nd->class_mask) != 0;
      else if (nd->kind == KGX_ATOM_TITLE)
        ok = m->title_seen;
      else
        for (guint w = 0; w < nd->n_words && !ok; w++)
          ok = m->word_seen[nd->word_ids[w]] == m->gen;
      if (!ok)
        return FALSE;
    }
  return TRUE;
}

static void
check_viable (Matcher *m, const GArray *ids)
{
  for (guint k = 0; k < ids->len; k++)
    {
      guint32 id = g_array_index (ids, guint32, k);
      if (m->checked[id] == m->gen)
        continue;
      m->checked[id] = m->gen;
      m->viable[id] = needs_met (m, &g_array_index (m->index->patterns, PatternRef, id));
    }
}

/* One past the last unit a match of ref can start at: a match takes units
 * from its start on, so each word, entity class or title ref needs must
 * be at or after the start; and ^ matches only at the first unit. */
static guint
last_start (const Matcher *m, const PatternRef *ref)
{
  guint limit = ref->anchored ? MIN (m->n, 1) : m->n;

  for (guint n = 0; n < ref->n_needs; n++)
    {
      const Need *nd = &ref->needs[n];
      guint best = 0;
      if (nd->kind == KGX_ATOM_WORD)
        {
          for (guint w = 0; w < nd->n_words; w++)
            if (m->word_seen[nd->word_ids[w]] == m->gen)
              best = MAX (best, m->word_last[nd->word_ids[w]] + 1);
        }
      else if (nd->kind == KGX_ATOM_CLASS)
        {
          for (guint64 bits = nd->class_mask & m->class_seen; bits; bits &= bits - 1)
            best = MAX (best, m->class_last[__builtin_ctzll (bits)] + 1);
        }
      else if (m->title_seen)
        best = m->title_last + 1;
      limit = MIN (limit, best);   /* best: one past the last unit allowed */
    }
  return limit;
}

static inline gboolean
is_viable (const Matcher *m, guint32 id)
{
  return m->checked[id] == m->gen && m->viable[id];
}

/* Every (pattern, start) whose first unit can match, in rule, pattern,
 * then start order: the order matches are reported in.  Only the patterns
 * whose needs the units meet are looked at: those keyed by a word the
 * units have, and those that need no word. */
static void
collect_candidates (Matcher *m, gboolean quote_rules)
{
  const KgxRuleIndex *ix = m->index;
  const GArray *others = ix->others[quote_rules];
  guint n_seen = 0, w = 0;
  CandBuf *by_word = &m->by_word;

  /* What the units have, then which patterns can match at all. */
  if (++m->gen == 0)
    {
      memset (m->word_seen, 0, ix->n_words * sizeof (guint32));
      memset (m->checked, 0, ix->patterns->len * sizeof (guint32));
      m->gen = 1;
    }
  m->class_seen = 0;
  m->title_seen = FALSE;
  for (guint i = 0; i < m->n; i++)
    {
      const Unit *u = &m->u[i];
      if (u->kind == U_TOKEN && u->word)
        {
          if (m->word_seen[u->word->id] != m->gen)
            {
              m->word_seen[u->word->id] = m->gen;
              m->seen[n_seen++] = u->word;
            }
          m->word_last[u->word->id] = i;
        }
      else if (u->kind == U_ENTITY)
        {
          guint64 bits = m->entity_mask[u->entity];
          m->class_seen |= bits;
          for (; bits; bits &= bits - 1)
            m->class_last[__builtin_ctzll (bits)] = i;
        }
      else if (u->kind == U_TITLE)
        {
          m->title_seen = TRUE;
          m->title_last = i;
        }
    }
  for (guint k = 0; k < n_seen; k++)
    if (m->seen[k]->keyed[quote_rules])
      check_viable (m, m->seen[k]->keyed[quote_rules]);
  check_viable (m, ix->unkeyed[quote_rules]);

  /* Patterns looked up by the word of a unit: few, sorted here. */
  m->cand.len = 0;
  by_word->len = 0;
  for (guint start = 0; start < m->n; start++)
    {
      const Unit *u = &m->u[start];
      if (u->kind == U_TOKEN && u->word && u->word->starts[quote_rules])
        {
          const GArray *st = u->word->starts[quote_rules];
          for (guint k = 0; k < st->len; k++)
            {
              guint32 id = g_array_index (st, guint32, k);
              if (is_viable (m, id)
                  && start < last_start (m, &g_array_index (ix->patterns, PatternRef, id)))
                cand_push (by_word, (guint64) id << 32 | start);
            }
        }
    }
  if (by_word->len > 1)
    g_qsort_with_data (by_word->v, by_word->len, sizeof (guint64), cmp_u64, NULL);

  /* The other patterns, tried at each unit of a kind that may start them:
   * made in (pattern, start) order, then merged with the above. */
  for (guint k = 0; k <= others->len; k++)
    {
      guint32 id = k < others->len ? g_array_index (others, guint32, k) : G_MAXUINT32;
      const PatternRef *ref;

      if (id != G_MAXUINT32 && !is_viable (m, id))
        continue;
      while (w < by_word->len && (by_word->v[w] >> 32) < id)
        cand_push (&m->cand, by_word->v[w++]);
      if (id == G_MAXUINT32)
        break;
      ref = &g_array_index (ix->patterns, PatternRef, id);
      for (guint start = 0, end = last_start (m, ref); start < end; start++)
        {
          const Unit *u = &m->u[start];
          if (!(ref->start_kinds & (1 << u->kind)))
            continue;
          if (!ref->seq->filtered || may_start (m, ref->seq, u))
            cand_push (&m->cand, (guint64) id << 32 | start);
        }
    }
}

static void
run_rules (Matcher *m, gboolean quote_rules, KgxRuleMatchFunc func, gpointer user_data)
{
  guint ncap_max = m->index->max_caps + 1;
  guint32 cf[ncap_max], ce[ncap_max], tf[ncap_max], te[ncap_max];
  const KgxElem *cel[ncap_max];

  m->cap_first = cf;
  m->cap_end = ce;
  m->cap_elem = cel;
  collect_candidates (m, quote_rules);
  for (guint k = 0; k < m->cand.len; k++)
    {
      guint64 c = m->cand.v[k];
      const PatternRef *ref = &g_array_index (m->index->patterns, PatternRef, c >> 32);
      const KgxRule *rule = ref->rule;
      guint start = (guint) (c & G_MAXUINT32);
      guint ncap = rule->captures->len;
      KgxRuleMatch match = { 0 };

      for (guint i = 0; i < ncap; i++)
        {
          cf[i] = ce[i] = G_MAXUINT32;
          cel[i] = NULL;
        }
      m->steps = 0;
      if (!match_from (m, ref->seq, 0, start, NULL) || m->match_end == start)
        continue;
      for (guint i = 0; i < ncap; i++)
        {
          if (cf[i] == G_MAXUINT32)
            {
              tf[i] = te[i] = G_MAXUINT32;
              continue;
            }
          tf[i] = m->u[cf[i]].first;
          te[i] = m->u[ce[i] - 1].end;
        }
      match.rule = rule;
      match.sentence = m->u[start].tok->sentence;
      match.first_token = m->u[start].first;
      match.end_token = m->u[m->match_end - 1].end;
      match.cap_first = tf;
      match.cap_end = te;
      match.cap_elem = cel;
      func (&match, user_data);
    }
}

void
kgx_rule_set_run (const KgxRuleSet *set, const KgxDoc *doc, KgxRuleMatchFunc func,
                  gpointer user_data)
{
  UnitBuf units = { 0 };
  GArray *sents = doc->toks->sentences;
  const KgxToken *t = (const KgxToken *) doc->toks->tokens->data;
  Matcher m = { 0 };
  guint cursor = 0;

  m.index = kgx_rule_set_get_index (set);
  m.word_seen = g_new0 (guint32, m.index->n_words + 1);
  m.word_last = g_new0 (guint32, m.index->n_words + 1);
  m.seen = g_new (const WordEntry *, m.index->n_words + 1);
  m.checked = g_new0 (guint32, m.index->patterns->len + 1);
  m.viable = g_new0 (guint8, m.index->patterns->len + 1);
  /* One hash lookup per token for the whole document: afterwards a word
   * test is an address comparison. */
  m.tok_word = g_new0 (const WordEntry *, doc->toks->tokens->len + 1);
  for (guint i = 0; i < doc->toks->tokens->len; i++)
    m.tok_word[i] = kgx_str_map_lookup (m.index->by_form, t[i].lower);
  /* Subclass reasoning once per class of the document's entities, not
   * once per test: entities share a few classes. */
  m.entity_mask = g_new0 (guint64, doc->entities->len + 1);
  {
    const GPtrArray *classes = kgx_rule_set_get_classes (set);
    KgxOntology *onto = kgx_rule_set_get_ontology (set);
    g_autoptr (GArray) seen = g_array_new (FALSE, FALSE, sizeof (guint));  /* entity indexes */
    for (guint e = 0; e < doc->entities->len; e++)
      {
        const KgxDocEntity *ent = g_ptr_array_index (doc->entities, e);
        guint k;
        /* the distinct classes are few (at most the ontology's) */
        for (k = 0; k < seen->len; k++)
          {
            guint prev = g_array_index (seen, guint, k);
            const char *pc = ((const KgxDocEntity *) g_ptr_array_index (doc->entities, prev))->cls;
            if (pc == ent->cls || (pc && ent->cls && strcmp (pc, ent->cls) == 0))
              {
                m.entity_mask[e] = m.entity_mask[prev];
                break;
              }
          }
        if (k < seen->len)
          continue;
        g_array_append_val (seen, e);
        for (guint b = 0; b < classes->len; b++)
          if (kgx_ontology_is_subclass_of (onto, ent->cls, g_ptr_array_index (classes, b)))
            m.entity_mask[e] |= G_GUINT64_CONSTANT (1) << b;
      }
  }
  for (guint s = 0; s < sents->len; s++)
    {
      const KgxTokSentence *ts = &g_array_index (sents, KgxTokSentence, s);
      gboolean any_entity = FALSE;
      units.len = 0;
      build_units (&m, doc, ts->first, ts->first + ts->n, &cursor, &units);
      /* Every rule's subject is an entity: a sentence without one makes
       * no triple. */
      for (guint k = 0; k < units.len && !any_entity; k++)
        any_entity = units.v[k].kind == U_ENTITY;
      if (!any_entity)
        continue;
      m.u = units.v;
      m.n = units.len;
      run_rules (&m, FALSE, func, user_data);
    }

  /* Quotations: the words before the opening mark in its sentence, the
   * quotation as one unit, and the words after the closing mark in its
   * sentence: "“...,” said Kalilallo Baytasov, a member of ...". */
  for (guint q = 0; q < doc->toks->quotes->len; q++)
    {
      const KgxQuotation *qu = &g_array_index (doc->toks->quotes, KgxQuotation, q);
      const KgxTokSentence *a = &g_array_index (sents, KgxTokSentence, t[qu->open].sentence);
      const KgxTokSentence *b = &g_array_index (sents, KgxTokSentence, t[qu->close].sentence);
      Unit *qunit;
      guint c = 0;

      if (qu->close <= qu->open + 1)
        continue;
      /* A quotation that starts in lower case is a fragment woven into
       * indirect speech ("said it was a \"practical\" plan"), not words
       * someone said as such. */
      if ((t[qu->open + 1].flags & KGX_TOKF_LOWER) && (t[qu->open + 1].flags & KGX_TOKF_ALPHA))
        continue;
      units.len = 0;
      /* A quotation that opens a paragraph or a sentence is often
       * attributed in the sentence before it ("Mr Gates said ... ." or
       * "“...,” he told Reuters." then the quotation): the context starts
       * there. */
      if ((t[qu->open].flags & (KGX_TOKF_PARA_START | KGX_TOKF_SENT_START))
          && t[qu->open].sentence > 0)
        {
          const KgxTokSentence *p = &g_array_index (sents, KgxTokSentence, t[qu->open].sentence - 1);
          build_units (&m, doc, p->first + p->n - MIN (p->n, QUOTE_CONTEXT), p->first + p->n, &c, &units);
          c = 0;
        }
      build_units (&m, doc, qu->open - MIN (qu->open - a->first, QUOTE_CONTEXT), qu->open, &c, &units);
      qunit = unit_push (&units);
      qunit->kind = U_QUOTE;
      qunit->first = qu->open;
      qunit->end = qu->close + 1;
      qunit->tok = &t[qu->open];
      c = 0;
      build_units (&m, doc, qu->close + 1, MIN (b->first + b->n, qu->close + 1 + QUOTE_CONTEXT), &c, &units);
      m.u = units.v;
      m.n = units.len;
      run_rules (&m, TRUE, func, user_data);
    }
  g_free (units.v);
  g_free (m.cand.v);
  g_free (m.by_word.v);
  g_free (m.seen);
  g_free (m.checked);
  g_free (m.word_seen);
  g_free (m.word_last);
  g_free (m.viable);
  g_free (m.tok_word);
  g_free (m.entity_mask);
}
