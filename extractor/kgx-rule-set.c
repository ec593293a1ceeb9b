/* kgx-rule-set.c - parse rule files (docs/rules.md) into compiled rules.
 *
 * The language is line based: "define", "rule", "example", "match",
 * "emit".  Every error names FILE:LINE:COL, and classes and properties are
 * checked against the ontology when the file is loaded, so a typo stops
 * the program at start-up instead of silently matching nothing.
 */
#include "config.h"

#include <string.h>

#include "kgx-rule-private.h"
#include "kgx-ontology.h"

G_DEFINE_QUARK (kgx-rule-error-quark, kgx_rule_error)

#define MAX_REPEAT 8
#define DEFAULT_GAP 5
#define MAX_GAP 60

struct _KgxRuleSet {
  KgxOntology  *onto;        /* borrowed */
  GPtrArray    *rules;       /* KgxRule * */
  GStringChunk *strings;
  GHashTable   *macros;      /* name -> Macro * (per file) */
  GPtrArray    *classes;     /* const char *: classes rules name; index = mask bit */
  KgxRuleIndex *index;       /* built on the first run (kgx-rule-match.c) */
};

/* The start index, built once whatever the number of threads: the set is
 * complete by the first run, and loading more rules drops it. */
const KgxRuleIndex *
kgx_rule_set_get_index (const KgxRuleSet *set)
{
  KgxRuleSet *mut = (KgxRuleSet *) set;

  if (g_once_init_enter (&mut->index))
    g_once_init_leave (&mut->index, kgx_rule_index_new (set));
  return mut->index;
}

const GPtrArray *
kgx_rule_set_get_classes (const KgxRuleSet *set)
{
  return set->classes;
}

typedef struct {
  char *text;
  guint line, col;
} Macro;

static void
macro_free (gpointer p)
{
  Macro *m = p;
  g_free (m->text);
  g_free (m);
}

/* ---------------------------------------------------------------------- */
/* Freeing */

static void seq_clear (KgxSeq *seq);

static void
elem_clear (KgxElem *e)
{
  g_free (e->words);
  g_free (e->classes);
  for (guint i = 0; i < e->n_alts; i++)
    seq_clear (&e->alts[i]);
  g_free (e->alts);
}

static void
seq_clear (KgxSeq *seq)
{
  for (guint i = 0; i < seq->n; i++)
    elem_clear (&seq->elems[i]);
  g_free (seq->elems);
  g_free (seq->firsts);
}

static void
seq_free (gpointer p)
{
  KgxSeq *seq = p;
  seq_clear (seq);
  g_free (seq);
}

static void
rule_free (KgxRule *r)
{
  if (r == NULL)
    return;
  g_free (r->name);
  g_free (r->file);
  g_free (r->example);
  g_ptr_array_unref (r->patterns);
  for (guint i = 0; i < r->emits->len; i++)
    g_free (g_array_index (r->emits, KgxEmit, i).literal);
  g_array_unref (r->emits);
  g_ptr_array_unref (r->captures);
  g_array_unref (r->capture_kind);
  g_string_free (r->source, TRUE);
  g_free (r->hash);
  g_free (r);
}

KgxRuleSet *
kgx_rule_set_new (KgxOntology *onto)
{
  KgxRuleSet *set = g_new0 (KgxRuleSet, 1);

  set->onto = onto;
  set->rules = g_ptr_array_new_with_free_func ((GDestroyNotify) rule_free);
  set->strings = g_string_chunk_new (4096);
  set->macros = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, macro_free);
  set->classes = g_ptr_array_new ();
  return set;
}

void
kgx_rule_set_free (KgxRuleSet *set)
{
  if (set == NULL)
    return;
  g_ptr_array_unref (set->rules);
  g_string_chunk_free (set->strings);
  g_hash_table_destroy (set->macros);
  g_ptr_array_unref (set->classes);
  kgx_rule_index_free (set->index);
  g_free (set);
}

KgxOntology *
kgx_rule_set_get_ontology (const KgxRuleSet *set)
{
  return set->onto;
}

guint
kgx_rule_set_get_size (const KgxRuleSet *set)
{
  return set->rules->len;
}

const KgxRule *
kgx_rule_set_get_rule (const KgxRuleSet *set, guint i)
{
  return i < set->rules->len ? g_ptr_array_index (set->rules, i) : NULL;
}

char *
kgx_rule_set_dup_hash (const KgxRuleSet *set)
{
  GChecksum *sum = g_checksum_new (G_CHECKSUM_SHA256);
  char *out;

  for (guint i = 0; i < set->rules->len; i++)
    {
      const KgxRule *r = g_ptr_array_index (set->rules, i);
      g_checksum_update (sum, (const guchar *) r->source->str, r->source->len);
    }
  out = g_strdup (g_checksum_get_string (sum));
  g_checksum_free (sum);
  return out;
}

/* ---------------------------------------------------------------------- */
/* Lexing a pattern */

typedef enum {
  LX_END, LX_LPAREN, LX_RPAREN, LX_BAR, LX_QUANT, LX_CAPTURE, LX_IDENT,
  LX_STRING, LX_GAP, LX_FLAGS, LX_NOT
} LexKind;

typedef struct {
  LexKind kind;
  char   *text;     /* IDENT, STRING, CAPTURE, FLAGS */
  guint   min, max; /* QUANT, GAP */
  guint   col;
  guint   line;
} Lexeme;

typedef struct {
  KgxRuleSet *set;
  const char *file;
  GArray     *lx;       /* Lexeme */
  guint       pos;
  KgxRule    *rule;
  GError    **error;
  guint       depth;    /* macro depth */
  guint       line;     /* the line being parsed */
  guint       col;      /* where its pattern starts */
} Parser;

static gboolean
fail (Parser *p, guint line, guint col, gint code, const char *fmt, ...) G_GNUC_PRINTF (5, 6);

static gboolean
fail (Parser *p, guint line, guint col, gint code, const char *fmt, ...)
{
  va_list ap;
  g_autofree char *msg = NULL;

  if (p->error && *p->error)
    return FALSE;
  va_start (ap, fmt);
  msg = g_strdup_vprintf (fmt, ap);
  va_end (ap);
  g_set_error (p->error, KGX_RULE_ERROR, code, "%s:%u:%u: %s", p->file, line, col, msg);
  return FALSE;
}

static void
lexeme_clear (gpointer data)
{
  g_free (((Lexeme *) data)->text);
}

static gboolean
is_ident_char (char c)
{
  return g_ascii_isalnum (c) || c == '_' || c == '-' || c == '\'' || c == '.'
         || (guchar) c >= 0x80;
}

static gboolean lex_text (Parser *p, const char *text, guint line, guint col0);

/* Reads {n,m} at *s; returns FALSE on a syntax error. */
static gboolean
lex_braces (Parser *p, const char **s, guint line, guint col, guint *min, guint *max)
{
  const char *q = *s + 1;
  char *endp;
  guint64 a, b;

  a = g_ascii_strtoull (q, &endp, 10);
  if (endp == q)
    return fail (p, line, col, KGX_RULE_ERROR_SYNTAX, "expected a number after '{'");
  q = endp;
  if (*q == ',')
    {
      q++;
      b = g_ascii_strtoull (q, &endp, 10);
      if (endp == q)
        return fail (p, line, col, KGX_RULE_ERROR_SYNTAX, "expected a number after ','");
      q = endp;
    }
  else
    b = a;
  if (*q != '}')
    return fail (p, line, col, KGX_RULE_ERROR_SYNTAX, "expected '}'");
  if (a > b || b > MAX_GAP)
    return fail (p, line, col, KGX_RULE_ERROR_SYNTAX,
                 "repeat {%u,%u} must have min <= max <= %d", (guint) a, (guint) b, MAX_GAP);
  *min = a;
  *max = b;
  *s = q + 1;
  return TRUE;
}

static gboolean
lex_text (Parser *p, const char *text, guint line, guint col0)
{
  const char *s = text;

  while (*s)
    {
      Lexeme l = { 0 };
      guint col = col0 + (s - text);

      l.col = col;
      l.line = line;
      if (g_ascii_isspace (*s))
        {
          s++;
          continue;
        }
      if (*s == '#')
        break;
      if (*s == '(' || *s == ')')
        {
          l.kind = *s == '(' ? LX_LPAREN : LX_RPAREN;
          s++;
        }
      else if (*s == '|')
        {
          l.kind = LX_BAR;
          s++;
        }
      else if (*s == '!')
        {
          l.kind = LX_NOT;
          s++;
        }
      else if (*s == '^')
        {
          l.kind = LX_IDENT;
          l.text = g_strdup ("^");
          s++;
        }
      else if (*s == '?' || *s == '*' || *s == '+')
        {
          l.kind = LX_QUANT;
          l.min = *s == '+' ? 1 : 0;
          l.max = *s == '?' ? 1 : MAX_REPEAT;
          s++;
        }
      else if (*s == '{')
        {
          l.kind = LX_QUANT;
          if (!lex_braces (p, &s, line, col, &l.min, &l.max))
            return FALSE;
        }
      else if (g_str_has_prefix (s, "..."))
        {
          l.kind = LX_GAP;
          l.min = 0;
          l.max = DEFAULT_GAP;
          s += 3;
          if (*s == '{' && !lex_braces (p, &s, line, col, &l.min, &l.max))
            return FALSE;
        }
      else if (*s == '[')
        {
          const char *e = strchr (s, ']');
          if (e == NULL)
            return fail (p, line, col, KGX_RULE_ERROR_SYNTAX, "missing ']'");
          l.kind = LX_FLAGS;
          l.text = g_strndup (s + 1, e - s - 1);
          s = e + 1;
        }
      else if (*s == '"')
        {
          GString *str = g_string_new (NULL);
          s++;
          while (*s && *s != '"')
            {
              if (*s == '\\' && s[1])
                s++;
              g_string_append_c (str, *s++);
            }
          if (*s != '"')
            {
              g_string_free (str, TRUE);
              return fail (p, line, col, KGX_RULE_ERROR_SYNTAX, "unterminated string");
            }
          s++;
          l.kind = LX_STRING;
          l.text = g_string_free (str, FALSE);
          if (l.text[0] == '\0')
            {
              g_free (l.text);
              return fail (p, line, col, KGX_RULE_ERROR_SYNTAX, "empty string");
            }
        }
      else if (*s == '$' && (s[1] == '\0' || g_ascii_isspace (s[1]) || s[1] == ')'))
        {
          l.kind = LX_IDENT;
          l.text = g_strdup ("$");
          s++;
        }
      else if (*s == '$')
        {
          const char *e = s + 1;
          Macro *m;
          g_autofree char *name = NULL;
          while (is_ident_char (*e) && *e != '.' && *e != '\'')
            e++;
          name = g_strndup (s + 1, e - s - 1);
          m = g_hash_table_lookup (p->set->macros, name);
          if (m == NULL)
            return fail (p, line, col, KGX_RULE_ERROR_SYNTAX, "unknown macro '$%s'", name);
          if (p->depth > 8)
            return fail (p, line, col, KGX_RULE_ERROR_SYNTAX, "macros nested too deep at '$%s'", name);
          {
            Lexeme open = { LX_LPAREN, NULL, 0, 0, col, line };
            Lexeme close = { LX_RPAREN, NULL, 0, 0, col, line };
            g_array_append_val (p->lx, open);
            p->depth++;
            if (!lex_text (p, m->text, m->line, m->col))
              return FALSE;
            p->depth--;
            g_array_append_val (p->lx, close);
          }
          s = e;
          continue;
        }
      else if (is_ident_char (*s) || *s == ',' )
        {
          const char *e = s;
          if (*s == ',')
            return fail (p, line, col, KGX_RULE_ERROR_SYNTAX,
                         "punctuation must be quoted: write \",\"");
          /* "a|b" without spaces is one token: a set of alternatives. */
          while (is_ident_char (*e) || (*e == '|' && is_ident_char (e[1])))
            e++;
          if (*e == ':' && e[1] && !g_ascii_isspace (e[1]))
            {
              l.kind = LX_CAPTURE;
              l.text = g_strndup (s, e - s);
              s = e + 1;
            }
          else
            {
              l.kind = LX_IDENT;
              l.text = g_strndup (s, e - s);
              s = e;
            }
        }
      else
        return fail (p, line, col, KGX_RULE_ERROR_SYNTAX, "unexpected character '%c'", *s);
      g_array_append_val (p->lx, l);
    }
  return TRUE;
}

/* ---------------------------------------------------------------------- */
/* Parsing a pattern */

static const Lexeme *
peek (Parser *p)
{
  static const Lexeme end = { LX_END, NULL, 0, 0, 0, 0 };
  return p->pos < p->lx->len ? &g_array_index (p->lx, Lexeme, p->pos) : &end;
}

static gboolean parse_seq (Parser *p, KgxSeq *out, gboolean in_group);

static gint
capture_index (KgxRule *r, const char *name, gint kind)
{
  for (guint i = 0; i < r->captures->len; i++)
    if (strcmp (g_ptr_array_index (r->captures, i), name) == 0)
      return i;
  g_ptr_array_add (r->captures, g_strdup (name));
  g_array_append_val (r->capture_kind, kind);
  return r->captures->len - 1;
}

static const struct { const char *name; guint16 flag; } flag_names[] = {
  { "name", KGX_SPANF_NAME }, { "demonym", KGX_SPANF_DEMONYM },
  { "pronoun", KGX_SPANF_PRONOUN }, { "desc", KGX_SPANF_DESC },
  { "acronym", KGX_SPANF_ACRONYM }, { "leading", KGX_SPANF_LEADING },
  { "former", KGX_SPANF_FORMER }, { "anaphor", KGX_SPANF_ANAPHOR },
  { "poss", KGX_SPANF_POSS }, { "honorific", KGX_SPANF_HONORIFIC },
};

static gboolean
parse_flags (Parser *p, const Lexeme *l, KgxElem *e)
{
  g_auto (GStrv) parts = g_strsplit (l->text, ",", -1);

  for (guint i = 0; parts[i]; i++)
    {
      char *f = g_strstrip (parts[i]);
      gboolean neg = f[0] == '!';
      gboolean known = FALSE;
      if (neg)
        f++;
      if (strcmp (f, "list") == 0 && !neg)
        {
          e->list = TRUE;
          continue;
        }
      for (guint k = 0; k < G_N_ELEMENTS (flag_names); k++)
        if (strcmp (f, flag_names[k].name) == 0)
          {
            known = TRUE;
            if (neg)
              e->forbid |= flag_names[k].flag;
            else
              e->need |= flag_names[k].flag;
          }
      if (!known)
        return fail (p, l->line, l->col, KGX_RULE_ERROR_SYNTAX, "unknown flag '%s'", f);
    }
  return TRUE;
}

static const char *
intern (Parser *p, const char *s)
{
  return g_string_chunk_insert_const (p->set->strings, s);
}

/* Makes a WORD element (or a GROUP for a multi-token string). */
static gboolean
word_elem (Parser *p, const Lexeme *l, const char *text, KgxElem *e)
{
  guint n = 0;
  g_auto (GStrv) toks = kgx_tokenize_phrase (text, NULL, &n);

  if (n == 0)
    return fail (p, l->line, l->col, KGX_RULE_ERROR_SYNTAX, "no word in \"%s\"", text);
  if (n == 1)
    {
      e->kind = KGX_ATOM_WORD;
      e->words = g_new0 (const char *, 2);
      e->words[0] = intern (p, toks[0]);
      return TRUE;
    }
  e->kind = KGX_ATOM_GROUP;
  e->n_alts = 1;
  e->alts = g_new0 (KgxSeq, 1);
  e->alts[0].n = n;
  e->alts[0].elems = g_new0 (KgxElem, n);
  for (guint i = 0; i < n; i++)
    {
      KgxElem *w = &e->alts[0].elems[i];
      w->kind = KGX_ATOM_WORD;
      w->min = w->max = 1;
      w->capture = -1;
      w->words = g_new0 (const char *, 2);
      w->words[0] = intern (p, toks[i]);
    }
  kgx_seq_index (&e->alts[0]);
  return TRUE;
}

static gboolean
ident_elem (Parser *p, const Lexeme *l, KgxElem *e)
{
  const char *t = l->text;
  static const struct { const char *name; KgxAtomKind kind; } reserved[] = {
    { "Title", KGX_ATOM_TITLE }, { "Quote", KGX_ATOM_QUOTE }, { "WORD", KGX_ATOM_LOWER },
    { "CAP", KGX_ATOM_CAP }, { "NUM", KGX_ATOM_NUM }, { "YEAR", KGX_ATOM_YEAR },
    { "PUNCT", KGX_ATOM_PUNCT }, { "_", KGX_ATOM_ANY }, { "^", KGX_ATOM_START },
    { "$", KGX_ATOM_END },
  };

  for (guint i = 0; i < G_N_ELEMENTS (reserved); i++)
    if (strcmp (t, reserved[i].name) == 0)
      {
        e->kind = reserved[i].kind;
        if (e->kind == KGX_ATOM_QUOTE)
          p->rule->quote = TRUE;
        return TRUE;
      }
  if (g_ascii_isupper (t[0]))
    {
      g_auto (GStrv) names = g_strsplit (t, "|", -1);
      guint n = g_strv_length (names);
      e->kind = KGX_ATOM_CLASS;
      e->classes = g_new0 (const char *, n + 1);
      for (guint i = 0; i < n; i++)
        {
          if (!kgx_ontology_has_class (p->set->onto, names[i]))
            return fail (p, l->line, l->col, KGX_RULE_ERROR_UNKNOWN_CLASS,
                         "unknown class '%s' (not declared in the ontology)", names[i]);
          e->classes[i] = intern (p, names[i]);
          {
            guint bit;
            for (bit = 0; bit < p->set->classes->len; bit++)
              if (g_ptr_array_index (p->set->classes, bit) == e->classes[i])
                break;
            if (bit == p->set->classes->len)
              {
                if (bit >= 64)
                  return fail (p, l->line, l->col, KGX_RULE_ERROR_UNKNOWN_CLASS,
                               "rules name more than 64 classes; '%s' is one too many", names[i]);
                g_ptr_array_add (p->set->classes, (gpointer) e->classes[i]);
              }
            e->class_mask |= G_GUINT64_CONSTANT (1) << bit;
          }
        }
      return TRUE;
    }
  /* Lower-case words; "a|b" is a set. */
  {
    g_auto (GStrv) words = g_strsplit (t, "|", -1);
    guint n = g_strv_length (words);
    if (n == 1)
      return word_elem (p, l, t, e);
    e->kind = KGX_ATOM_WORD;
    e->words = g_new0 (const char *, n + 1);
    for (guint i = 0; i < n; i++)
      {
        g_autofree char *low = g_utf8_strdown (words[i], -1);
        if (g_ascii_isupper (words[i][0]))
          return fail (p, l->line, l->col, KGX_RULE_ERROR_SYNTAX,
                       "'%s': a set mixes words and classes", t);
        e->words[i] = intern (p, low);
      }
  }
  return TRUE;
}

static gboolean
parse_elem (Parser *p, KgxElem *e)
{
  const Lexeme *l = peek (p);
  gint capture = -1;
  const Lexeme *cap_lx = NULL;

  memset (e, 0, sizeof *e);
  e->min = e->max = 1;
  e->capture = -1;
  if (l->kind == LX_CAPTURE)
    {
      cap_lx = l;
      p->pos++;
      l = peek (p);
    }
  if (l->kind == LX_NOT)
    {
      e->negated = TRUE;
      p->pos++;
      l = peek (p);
    }
  switch (l->kind)
    {
    case LX_LPAREN:
      {
        GArray *alts = g_array_new (FALSE, TRUE, sizeof (KgxSeq));
        p->pos++;
        for (;;)
          {
            KgxSeq seq = { 0 };
            if (!parse_seq (p, &seq, TRUE))
              {
                seq_clear (&seq);
                for (guint i = 0; i < alts->len; i++)
                  seq_clear (&g_array_index (alts, KgxSeq, i));
                g_array_unref (alts);
                return FALSE;
              }
            g_array_append_val (alts, seq);
            if (peek (p)->kind == LX_BAR)
              {
                p->pos++;
                continue;
              }
            break;
          }
        if (peek (p)->kind != LX_RPAREN)
          {
            for (guint i = 0; i < alts->len; i++)
              seq_clear (&g_array_index (alts, KgxSeq, i));
            g_array_unref (alts);
            return fail (p, l->line, l->col, KGX_RULE_ERROR_SYNTAX, "missing ')'");
          }
        p->pos++;
        e->kind = KGX_ATOM_GROUP;
        e->n_alts = alts->len;
        e->alts = (KgxSeq *) g_array_free (alts, FALSE);
        for (guint a = 0; a < e->n_alts; a++)
          kgx_seq_index (&e->alts[a]);
        if (e->negated)
          return fail (p, l->line, l->col, KGX_RULE_ERROR_SYNTAX, "'!' goes before one unit, not a group");
      }
      break;
    case LX_GAP:
      e->kind = KGX_ATOM_GAP;
      e->min = l->min;
      e->max = l->max;
      p->pos++;
      if (e->negated)
        return fail (p, l->line, l->col, KGX_RULE_ERROR_SYNTAX, "'!' cannot apply to a gap");
      break;
    case LX_STRING:
      if (!word_elem (p, l, l->text, e))
        return FALSE;
      p->pos++;
      break;
    case LX_IDENT:
      if (!ident_elem (p, l, e))
        return FALSE;
      p->pos++;
      break;
    case LX_END:
    case LX_RPAREN:
    case LX_BAR:
    case LX_QUANT:
    case LX_CAPTURE:
    case LX_FLAGS:
    case LX_NOT:
    default:
      return fail (p, l->line, l->col, KGX_RULE_ERROR_SYNTAX, "expected a pattern element");
    }
  if (peek (p)->kind == LX_FLAGS)
    {
      const Lexeme *fl = peek (p);
      if (e->kind != KGX_ATOM_CLASS && e->kind != KGX_ATOM_TITLE)
        return fail (p, fl->line, fl->col, KGX_RULE_ERROR_SYNTAX,
                     "[flags] go after a class or Title");
      if (!parse_flags (p, fl, e))
        return FALSE;
      p->pos++;
    }
  if (peek (p)->kind == LX_QUANT)
    {
      const Lexeme *q = peek (p);
      if (e->kind == KGX_ATOM_GAP)
        return fail (p, q->line, q->col, KGX_RULE_ERROR_SYNTAX, "a gap takes {n,m}, not a quantifier");
      e->min = q->min;
      e->max = q->max;
      p->pos++;
    }
  if (cap_lx)
    {
      gint kind;
      if (e->kind == KGX_ATOM_GROUP || e->kind == KGX_ATOM_GAP || e->negated)
        return fail (p, cap_lx->line, cap_lx->col, KGX_RULE_ERROR_CAPTURE,
                     "capture '%s' must name one unit (a class, Title, Quote or word)", cap_lx->text);
      if (e->max > 1 && !(e->kind == KGX_ATOM_LOWER || e->kind == KGX_ATOM_CAP))
        return fail (p, cap_lx->line, cap_lx->col, KGX_RULE_ERROR_CAPTURE,
                     "capture '%s' cannot repeat", cap_lx->text);
      kind = e->kind == KGX_ATOM_CLASS ? 1 : 2;
      capture = capture_index (p->rule, cap_lx->text, kind);
      if (g_array_index (p->rule->capture_kind, gint, capture) != kind)
        return fail (p, cap_lx->line, cap_lx->col, KGX_RULE_ERROR_CAPTURE,
                     "capture '%s' names an entity in one pattern and text in another",
                     cap_lx->text);
      e->capture = capture;
    }
  return TRUE;
}

static gboolean
parse_seq (Parser *p, KgxSeq *out, gboolean in_group)
{
  GArray *elems = g_array_new (FALSE, TRUE, sizeof (KgxElem));
  gboolean ok = TRUE;

  for (;;)
    {
      LexKind k = peek (p)->kind;
      KgxElem e;
      if (k == LX_END || k == LX_BAR || k == LX_RPAREN)
        break;
      if (!parse_elem (p, &e))
        {
          elem_clear (&e);
          ok = FALSE;
          break;
        }
      g_array_append_val (elems, e);
    }
  if (ok && !in_group && peek (p)->kind != LX_END)
    {
      const Lexeme *l = peek (p);
      ok = fail (p, l->line, l->col, KGX_RULE_ERROR_SYNTAX,
                 l->kind == LX_BAR ? "' | ' separates alternatives inside ( ): wrap them in a group"
                                   : "unbalanced ')'");
    }
  if (ok && elems->len == 0)
    {
      const Lexeme *l = peek (p);
      ok = fail (p, l->line ? l->line : p->line, l->col ? l->col : p->col,
                 KGX_RULE_ERROR_SYNTAX, "empty pattern");
    }
  out->n = elems->len;
  out->elems = (KgxElem *) g_array_free (elems, FALSE);
  return ok;
}

/* ---------------------------------------------------------------------- */
/* Lines */

static gboolean
finish_rule (Parser *p)
{
  KgxRule *r = p->rule;
  GChecksum *sum;

  if (r == NULL)
    return TRUE;
  p->rule = NULL;
  if (r->patterns->len == 0)
    {
      fail (p, r->line, 1, KGX_RULE_ERROR_SYNTAX, "rule '%s' has no 'match' line", r->name);
      rule_free (r);
      return FALSE;
    }
  if (r->emits->len == 0)
    {
      fail (p, r->line, 1, KGX_RULE_ERROR_SYNTAX, "rule '%s' has no 'emit' line", r->name);
      rule_free (r);
      return FALSE;
    }
  sum = g_checksum_new (G_CHECKSUM_SHA256);
  g_checksum_update (sum, (const guchar *) r->source->str, r->source->len);
  r->hash = g_strndup (g_checksum_get_string (sum), 12);
  g_checksum_free (sum);
  g_ptr_array_add (p->set->rules, r);
  return TRUE;
}

/* Which captures a sequence binds (for checking emit lines). */
static void
seq_captures (const KgxSeq *seq, GHashTable *out)
{
  for (guint i = 0; i < seq->n; i++)
    {
      const KgxElem *e = &seq->elems[i];
      if (e->capture >= 0 && e->min > 0)
        g_hash_table_add (out, GINT_TO_POINTER (e->capture + 1));
      /* A capture inside a group is bound only if every alternative binds it. */
      if (e->kind == KGX_ATOM_GROUP && e->min > 0)
        {
          GHashTable *common = NULL;
          for (guint a = 0; a < e->n_alts; a++)
            {
              GHashTable *h = g_hash_table_new (NULL, NULL);
              seq_captures (&e->alts[a], h);
              if (common == NULL)
                common = h;
              else
                {
                  GHashTableIter it;
                  gpointer key;
                  g_hash_table_iter_init (&it, common);
                  while (g_hash_table_iter_next (&it, &key, NULL))
                    if (!g_hash_table_contains (h, key))
                      g_hash_table_iter_remove (&it);
                  g_hash_table_destroy (h);
                }
            }
          if (common)
            {
              GHashTableIter it;
              gpointer key;
              g_hash_table_iter_init (&it, common);
              while (g_hash_table_iter_next (&it, &key, NULL))
                g_hash_table_add (out, key);
              g_hash_table_destroy (common);
            }
        }
    }
}

static gboolean
parse_emit (Parser *p, const char *rest, guint line, guint col)
{
  KgxRule *r = p->rule;
  g_auto (GStrv) parts = NULL;
  KgxEmit em = { 0 };
  gint s, o = -1;
  g_autofree char *lit = NULL;
  const char *q = strchr (rest, '"');

  em.line = line;
  if (q)
    {
      const char *qe = strrchr (rest, '"');
      if (qe == q)
        return fail (p, line, col + (q - rest), KGX_RULE_ERROR_SYNTAX, "unterminated string");
      lit = g_strndup (q + 1, qe - q - 1);
      g_autofree char *head = g_strndup (rest, q - rest);
      parts = g_strsplit_set (g_strstrip (head), " \t", -1);
    }
  else
    parts = g_strsplit_set (rest, " \t", -1);
  {
    /* Drop empty fields. */
    GPtrArray *f = g_ptr_array_new ();
    for (guint i = 0; parts[i]; i++)
      if (*parts[i])
        g_ptr_array_add (f, parts[i]);
    if (f->len != (lit ? 2u : 3u))
      {
        g_ptr_array_unref (f);
        return fail (p, line, col, KGX_RULE_ERROR_SYNTAX,
                     "expected 'emit SUBJECT PROPERTY OBJECT'");
      }
    s = -1;
    for (guint i = 0; i < r->captures->len; i++)
      if (strcmp (g_ptr_array_index (r->captures, i), g_ptr_array_index (f, 0)) == 0)
        s = i;
    if (s < 0)
      {
        fail (p, line, col, KGX_RULE_ERROR_CAPTURE, "no capture named '%s'",
              (char *) g_ptr_array_index (f, 0));
        g_ptr_array_unref (f);
        return FALSE;
      }
    if (!kgx_ontology_has_property (p->set->onto, g_ptr_array_index (f, 1)))
      {
        fail (p, line, col + (guint) (strstr (rest, g_ptr_array_index (f, 1)) - rest),
              KGX_RULE_ERROR_UNKNOWN_PROPERTY, "unknown property '%s' (not declared in the ontology)",
              (char *) g_ptr_array_index (f, 1));
        g_ptr_array_unref (f);
        return FALSE;
      }
    em.predicate = intern (p, g_ptr_array_index (f, 1));
    if (!lit && g_str_has_prefix (g_ptr_array_index (f, 2), "only:"))
      {
        const char *cls = (const char *) g_ptr_array_index (f, 2) + 5;
        if (!kgx_ontology_has_class (p->set->onto, cls))
          {
            fail (p, line, col + (guint) (strstr (rest, cls) - rest), KGX_RULE_ERROR_UNKNOWN_CLASS,
                  "unknown class '%s' (not declared in the ontology)", cls);
            g_ptr_array_unref (f);
            return FALSE;
          }
        em.only_class = intern (p, cls);
      }
    else if (!lit)
      {
        for (guint i = 0; i < r->captures->len; i++)
          if (strcmp (g_ptr_array_index (r->captures, i), g_ptr_array_index (f, 2)) == 0)
            o = i;
        if (o < 0)
          {
            fail (p, line, col, KGX_RULE_ERROR_CAPTURE, "no capture named '%s'",
                  (char *) g_ptr_array_index (f, 2));
            g_ptr_array_unref (f);
            return FALSE;
          }
      }
    g_ptr_array_unref (f);
  }
  if (g_array_index (r->capture_kind, gint, s) != 1)
    return fail (p, line, col, KGX_RULE_ERROR_CAPTURE,
                 "the subject '%s' must capture an entity class",
                 (char *) g_ptr_array_index (r->captures, s));
  {
    gboolean datatype = kgx_ontology_is_datatype_property (p->set->onto, em.predicate);
    gboolean obj_text = lit != NULL || (o >= 0 && g_array_index (r->capture_kind, gint, o) != 1);
    if (datatype != obj_text)
      return fail (p, line, col, KGX_RULE_ERROR_CAPTURE,
                   datatype ? "'%s' takes text: its object must capture a Title, Quote or words"
                            : "'%s' links entities: its object must capture an entity class",
                   em.predicate);
  }
  /* Every pattern must bind both captures. */
  for (guint i = 0; i < r->patterns->len; i++)
    {
      GHashTable *bound = g_hash_table_new (NULL, NULL);
      gboolean ok;
      seq_captures (g_ptr_array_index (r->patterns, i), bound);
      ok = g_hash_table_contains (bound, GINT_TO_POINTER (s + 1))
           && (o < 0 || g_hash_table_contains (bound, GINT_TO_POINTER (o + 1)));
      g_hash_table_destroy (bound);
      if (!ok)
        return fail (p, line, col, KGX_RULE_ERROR_CAPTURE,
                     "match pattern %u of rule '%s' does not always bind the captures this line uses",
                     i + 1, r->name);
    }
  em.subject = s;
  em.object = o;
  em.literal = g_steal_pointer (&lit);
  g_array_append_val (r->emits, em);
  return TRUE;
}

static gboolean
parse_line (Parser *p, char *line, guint lineno)
{
  char *s = line, *kw, *rest;
  guint col;

  while (*s == ' ' || *s == '\t')
    s++;
  if (*s == '\0' || *s == '#')
    return TRUE;
  kw = s;
  while (*s && !g_ascii_isspace (*s))
    s++;
  if (*s)
    *s++ = '\0';
  while (*s == ' ' || *s == '\t')
    s++;
  rest = s;
  col = (rest - line) + 1;

  if (p->rule)
    {
      g_string_append (p->rule->source, line);
      g_string_append_c (p->rule->source, '\n');
    }

  if (strcmp (kw, "rule") == 0)
    {
      KgxRule *r;
      if (!finish_rule (p))
        return FALSE;
      g_strstrip (rest);
      if (*rest == '\0')
        return fail (p, lineno, col, KGX_RULE_ERROR_SYNTAX, "'rule' needs a name");
      for (guint i = 0; i < p->set->rules->len; i++)
        {
          const KgxRule *o = g_ptr_array_index (p->set->rules, i);
          if (strcmp (o->name, rest) == 0)
            return fail (p, lineno, col, KGX_RULE_ERROR_SYNTAX,
                         "rule '%s' is already defined at %s:%u", rest, o->file, o->line);
        }
      r = g_new0 (KgxRule, 1);
      r->name = g_strdup (rest);
      r->file = g_strdup (p->file);
      r->line = lineno;
      r->patterns = g_ptr_array_new_with_free_func (seq_free);
      r->emits = g_array_new (FALSE, TRUE, sizeof (KgxEmit));
      r->captures = g_ptr_array_new_with_free_func (g_free);
      r->capture_kind = g_array_new (FALSE, TRUE, sizeof (gint));
      r->source = g_string_new (NULL);
      g_string_append_printf (r->source, "rule %s\n", r->name);
      p->rule = r;
      return TRUE;
    }
  if (strcmp (kw, "define") == 0)
    {
      char *eq = strchr (rest, '=');
      Macro *m;
      char *name;
      if (!finish_rule (p))
        return FALSE;
      if (eq == NULL)
        return fail (p, lineno, col, KGX_RULE_ERROR_SYNTAX, "expected 'define NAME = PATTERN'");
      *eq = '\0';
      name = g_strstrip (g_strdup (rest));
      if (*name == '\0')
        {
          g_free (name);
          return fail (p, lineno, col, KGX_RULE_ERROR_SYNTAX, "'define' needs a name");
        }
      m = g_new0 (Macro, 1);
      m->text = g_strdup (eq + 1);
      m->line = lineno;
      m->col = col + (eq + 1 - rest);
      g_hash_table_replace (p->set->macros, name, m);
      return TRUE;
    }
  if (p->rule == NULL)
    return fail (p, lineno, 1, KGX_RULE_ERROR_SYNTAX,
                 "'%s' outside a rule (expected 'rule NAME' or 'define')", kw);
  if (strcmp (kw, "example") == 0)
    {
      g_strstrip (rest);
      if (rest[0] == '"' && rest[strlen (rest) - 1] == '"' && strlen (rest) >= 2)
        {
          rest[strlen (rest) - 1] = '\0';
          rest++;
        }
      g_free (p->rule->example);
      p->rule->example = g_strcompress (rest);   /* "\n" starts a new paragraph */
      return TRUE;
    }
  if (strcmp (kw, "match") == 0)
    {
      KgxSeq *seq = g_new0 (KgxSeq, 1);
      g_array_set_size (p->lx, 0);
      p->pos = 0;
      p->line = lineno;
      p->col = col;
      if (!lex_text (p, rest, lineno, col) || !parse_seq (p, seq, FALSE))
        {
          seq_free (seq);
          return FALSE;
        }
      if (p->rule->emits->len > 0)
        {
          seq_free (seq);
          return fail (p, lineno, 1, KGX_RULE_ERROR_SYNTAX, "'match' lines come before 'emit' lines");
        }
      kgx_seq_index (seq);
      g_ptr_array_add (p->rule->patterns, seq);
      return TRUE;
    }
  if (strcmp (kw, "emit") == 0)
    return parse_emit (p, rest, lineno, col);
  return fail (p, lineno, 1, KGX_RULE_ERROR_SYNTAX,
               "unknown keyword '%s' (expected rule, define, example, match or emit)", kw);
}

gboolean
kgx_rule_set_load_data (KgxRuleSet *set, const char *data, gsize len, const char *name,
                        GError **error)
{
  Parser p = { 0 };
  const char *s = data, *end = data + len;
  guint lineno = 0;
  gboolean ok = TRUE;

  if (!g_utf8_validate (data, len, NULL))
    {
      const char *bad;
      guint line = 1;
      g_utf8_validate (data, len, &bad);
      for (const char *q = data; q < bad; q++)
        line += *q == '\n';
      g_set_error (error, KGX_RULE_ERROR, KGX_RULE_ERROR_SYNTAX, "%s:%u:1: invalid UTF-8",
                   name, line);
      return FALSE;
    }
  kgx_rule_index_free (set->index);
  set->index = NULL;
  p.set = set;
  p.file = name;
  p.error = error;
  p.lx = g_array_new (FALSE, TRUE, sizeof (Lexeme));
  g_array_set_clear_func (p.lx, lexeme_clear);
  g_hash_table_remove_all (set->macros);
  while (s < end && ok)
    {
      const char *nl = memchr (s, '\n', end - s);
      const char *le = nl ? nl : end;
      g_autofree char *line = g_strndup (s, le - s);
      lineno++;
      s = nl ? nl + 1 : end;
      g_strchomp (line);
      ok = parse_line (&p, line, lineno);
    }
  if (ok)
    ok = finish_rule (&p);
  else if (p.rule)
    {
      rule_free (p.rule);
      p.rule = NULL;
    }
  g_array_unref (p.lx);
  return ok;
}

gboolean
kgx_rule_set_load_file (KgxRuleSet *set, const char *path, GError **error)
{
  g_autofree char *data = NULL;
  gsize len;
  GError *local = NULL;

  if (!g_file_get_contents (path, &data, &len, &local))
    {
      g_set_error (error, KGX_RULE_ERROR, KGX_RULE_ERROR_IO, "%s", local->message);
      g_error_free (local);
      return FALSE;
    }
  if (memchr (data, '\0', len))
    {
      g_set_error (error, KGX_RULE_ERROR, KGX_RULE_ERROR_SYNTAX, "%s:1:1: NUL byte in a rule file", path);
      return FALSE;
    }
  return kgx_rule_set_load_data (set, data, len, path, error);
}
