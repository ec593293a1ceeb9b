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

typedef struct {
  guint8          kind;
  guint16         flags;    /* KgxSpanFlags */
  guint32         first;    /* tokens */
  guint32         end;
  guint32         entity;
  const KgxToken *tok;
} Unit;

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
  const KgxRuleSet *set;
  KgxOntology      *onto;
  const KgxDoc     *doc;
  const Unit       *u;
  guint             n;
  guint32          *cap_first;   /* unit indexes */
  guint32          *cap_end;
  const KgxElem   **cap_elem;
  guint             ncap;
  guint             steps;
  guint             match_end;
  guint64          *entity_mask;  /* per document entity: the rule classes it belongs to */
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
      if (u->kind != U_TOKEN)
        return FALSE;
      for (guint i = 0; e->words[i]; i++)
        if (e->words[i][0] == t->lower[0] && strcmp (e->words[i], t->lower) == 0)
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
is_list_joiner (const Unit *u)
{
  return u->kind == U_TOKEN && (strcmp (u->tok->lower, ",") == 0 || strcmp (u->tok->lower, "and") == 0
                                || strcmp (u->tok->lower, "or") == 0);
}

static gboolean match_from (Matcher *m, const KgxSeq *seq, guint i, guint pos, const Cont *k);

static gboolean
match_one (Matcher *m, const KgxElem *e, guint pos, const Cont *k)
{
  guint end;
  gboolean ok;

  if (e->kind == KGX_ATOM_GROUP)
    {
      for (guint a = 0; a < e->n_alts; a++)
        if (match_from (m, &e->alts[a], 0, pos, k))
          return TRUE;
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
        if (end - pos >= LIST_MAX_UNITS)
          break;
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
          break;
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
static void
build_units (const KgxDoc *doc, guint32 from, guint32 to, guint *span_cursor, GArray *out)
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
      Unit u = { 0 };
      const KgxSpan *sp = si < spans->len ? &g_array_index (spans, KgxSpan, si) : NULL;
      if (sp && sp->first == i && sp->end <= to && sp->kind == KGX_SPAN_SKIP)
        {
          i = sp->end;
          si++;
          continue;
        }
      if (sp && sp->first == i && sp->end <= to)
        {
          u.kind = sp->kind == KGX_SPAN_TITLE ? U_TITLE : U_ENTITY;
          u.flags = sp->flags;
          u.first = sp->first;
          u.end = sp->end;
          u.entity = sp->entity;
          u.tok = &t[i];
          i = sp->end;
          si++;
        }
      else
        {
          if (sp && sp->first == i)
            si++;
          u.kind = U_TOKEN;
          u.first = i;
          u.end = i + 1;
          u.tok = &t[i];
          i++;
        }
      g_array_append_val (out, u);
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

static gboolean
may_start (const Matcher *m, const KgxSeq *seq, const Unit *u)
{
  for (guint i = 0; i < seq->n_firsts; i++)
    if (atom_ok (m, seq->firsts[i], u))
      return TRUE;
  return FALSE;
}

static void
run_rules (Matcher *m, gboolean quote_rules, guint32 sentence, KgxRuleMatchFunc func,
           gpointer user_data)
{
  for (guint r = 0; r < kgx_rule_set_get_size (m->set); r++)
    {
      const KgxRule *rule = kgx_rule_set_get_rule (m->set, r);
      guint ncap = rule->captures->len;
      guint32 cf[ncap + 1], ce[ncap + 1], tf[ncap + 1], te[ncap + 1];
      const KgxElem *cel[ncap + 1];

      if (rule->quote != quote_rules)
        continue;
      m->cap_first = cf;
      m->cap_end = ce;
      m->cap_elem = cel;
      m->ncap = ncap;
      for (guint pi = 0; pi < rule->patterns->len; pi++)
        {
          const KgxSeq *seq = g_ptr_array_index (rule->patterns, pi);
          for (guint start = 0; start < m->n; start++)
            {
              if (seq->filtered && !may_start (m, seq, &m->u[start]))
                continue;
              for (guint c = 0; c < ncap; c++)
                {
                  cf[c] = ce[c] = G_MAXUINT32;
                  cel[c] = NULL;
                }
              m->steps = 0;
              if (!match_from (m, seq, 0, start, NULL) || m->match_end == start)
                continue;
              {
                KgxRuleMatch match = { 0 };
                for (guint c = 0; c < ncap; c++)
                  {
                    if (cf[c] == G_MAXUINT32)
                      {
                        tf[c] = te[c] = G_MAXUINT32;
                        continue;
                      }
                    tf[c] = m->u[cf[c]].first;
                    te[c] = m->u[ce[c] - 1].end;
                  }
                match.rule = rule;
                match.sentence = m->u[start].tok->sentence;
                match.first_token = m->u[start].first;
                match.end_token = m->u[m->match_end - 1].end;
                match.cap_first = tf;
                match.cap_end = te;
                match.cap_elem = cel;
                (void) sentence;
                func (&match, user_data);
              }
            }
        }
    }
}

void
kgx_rule_set_run (const KgxRuleSet *set, const KgxDoc *doc, KgxRuleMatchFunc func,
                  gpointer user_data)
{
  GArray *units = g_array_new (FALSE, TRUE, sizeof (Unit));
  GArray *sents = doc->toks->sentences;
  const KgxToken *t = (const KgxToken *) doc->toks->tokens->data;
  Matcher m = { 0 };
  guint cursor = 0;

  m.set = set;
  m.onto = kgx_rule_set_get_ontology (set);
  m.doc = doc;
  /* Subclass reasoning once per entity, not once per test. */
  m.entity_mask = g_new0 (guint64, doc->entities->len + 1);
  {
    const GPtrArray *classes = kgx_rule_set_get_classes (set);
    for (guint e = 0; e < doc->entities->len; e++)
      {
        const KgxDocEntity *ent = g_ptr_array_index (doc->entities, e);
        for (guint b = 0; b < classes->len; b++)
          if (kgx_ontology_is_subclass_of (m.onto, ent->cls, g_ptr_array_index (classes, b)))
            m.entity_mask[e] |= G_GUINT64_CONSTANT (1) << b;
      }
  }
  for (guint s = 0; s < sents->len; s++)
    {
      const KgxTokSentence *ts = &g_array_index (sents, KgxTokSentence, s);
      gboolean any_entity = FALSE;
      g_array_set_size (units, 0);
      build_units (doc, ts->first, ts->first + ts->n, &cursor, units);
      /* Every rule's subject is an entity: a sentence without one makes
       * no triple. */
      for (guint k = 0; k < units->len && !any_entity; k++)
        any_entity = g_array_index (units, Unit, k).kind == U_ENTITY;
      if (!any_entity)
        continue;
      m.u = (const Unit *) units->data;
      m.n = units->len;
      run_rules (&m, FALSE, s, func, user_data);
    }

  /* Quotations: the words before the opening mark in its sentence, the
   * quotation as one unit, and the words after the closing mark in its
   * sentence: "“...,” said Kalilallo Baytasov, a member of ...". */
  for (guint q = 0; q < doc->toks->quotes->len; q++)
    {
      const KgxQuotation *qu = &g_array_index (doc->toks->quotes, KgxQuotation, q);
      const KgxTokSentence *a = &g_array_index (sents, KgxTokSentence, t[qu->open].sentence);
      const KgxTokSentence *b = &g_array_index (sents, KgxTokSentence, t[qu->close].sentence);
      Unit qunit = { 0 };
      guint c = 0;

      if (qu->close <= qu->open + 1)
        continue;
      /* A quotation that starts in lower case is a fragment woven into
       * indirect speech ("said it was a \"practical\" plan"), not words
       * someone said as such. */
      if ((t[qu->open + 1].flags & KGX_TOKF_LOWER) && (t[qu->open + 1].flags & KGX_TOKF_ALPHA))
        continue;
      g_array_set_size (units, 0);
      /* A quotation that opens a paragraph or a sentence is often
       * attributed in the sentence before it ("Mr Gates said ... ." or
       * "“...,” he told Reuters." then the quotation): the context starts
       * there. */
      if ((t[qu->open].flags & (KGX_TOKF_PARA_START | KGX_TOKF_SENT_START))
          && t[qu->open].sentence > 0)
        {
          const KgxTokSentence *p = &g_array_index (sents, KgxTokSentence, t[qu->open].sentence - 1);
          build_units (doc, p->first + p->n - MIN (p->n, QUOTE_CONTEXT), p->first + p->n, &c, units);
          c = 0;
        }
      build_units (doc, qu->open - MIN (qu->open - a->first, QUOTE_CONTEXT), qu->open, &c, units);
      qunit.kind = U_QUOTE;
      qunit.first = qu->open;
      qunit.end = qu->close + 1;
      qunit.tok = &t[qu->open];
      g_array_append_val (units, qunit);
      c = 0;
      build_units (doc, qu->close + 1, MIN (b->first + b->n, qu->close + 1 + QUOTE_CONTEXT), &c, units);
      m.u = (const Unit *) units->data;
      m.n = units->len;
      run_rules (&m, TRUE, t[qu->open].sentence, func, user_data);
    }
  g_array_unref (units);
  g_free (m.entity_mask);
}
