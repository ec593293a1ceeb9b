/* kgx-tokenizer.c - one pass over the text: paragraphs (lines), tokens,
 * sentences and quotations, with a normalised form per token.
 *
 * Why the rules below: news text glues words at tag edges, uses curly
 * quotes and several dashes, abbreviates titles and states ("Mr.",
 * "U.S."), and writes Reuters headlines in capitals.  Each of those would
 * otherwise break gazetteer and rule matches (see DESIGN-NOTES, complaint 2).
 */
#include "config.h"

#include <string.h>

#include "kgx-tokenizer-private.h"

/* Abbreviations that keep their period; those marked 1 may end a sentence. */
static const struct { const char *word; gboolean can_end; } abbreviations[] = {
  { "mr", FALSE }, { "mrs", FALSE }, { "ms", FALSE }, { "dr", FALSE },
  { "prof", FALSE }, { "gen", FALSE }, { "col", FALSE }, { "lt", FALSE },
  { "sgt", FALSE }, { "capt", FALSE }, { "cmdr", FALSE }, { "adm", FALSE },
  { "gov", FALSE }, { "sen", FALSE }, { "rep", FALSE }, { "rev", FALSE },
  { "hon", FALSE }, { "pres", FALSE }, { "messrs", FALSE }, { "mt", FALSE },
  { "ft", FALSE }, { "st", FALSE }, { "vs", FALSE }, { "no", FALSE },
  { "nos", FALSE }, { "approx", FALSE }, { "dept", FALSE }, { "est", FALSE },
  { "fig", FALSE }, { "jan", FALSE }, { "feb", FALSE }, { "mar", FALSE },
  { "apr", FALSE }, { "jun", FALSE }, { "jul", FALSE }, { "aug", FALSE },
  { "sep", FALSE }, { "sept", FALSE }, { "oct", FALSE }, { "nov", FALSE },
  { "dec", FALSE }, { "inc", TRUE }, { "ltd", TRUE }, { "corp", TRUE },
  { "co", TRUE }, { "bros", TRUE }, { "jr", TRUE }, { "sr", TRUE },
  { "etc", TRUE }, { "plc", TRUE }, { "cos", TRUE }, { "mln", TRUE },
  { "bln", TRUE }, { "dlrs", TRUE }, { "pct", TRUE }, { "yr", TRUE },
  { "yrs", TRUE }, { "avg", TRUE }, { "mths", TRUE }, { "vol", FALSE },
};

/* Capitalised words that begin a new sentence after an abbreviation that
 * may end one ("... Acme Inc. The company said"). */
static const char *const sentence_starters[] = {
  "the", "a", "an", "it", "he", "she", "they", "we", "i", "but", "and",
  "in", "on", "at", "this", "that", "these", "those", "its", "their", "his",
  "her", "there", "however", "meanwhile", "also", "as", "for", "after",
  "before", "while", "when", "last", "mr", "mrs", "ms", "dr", "analysts",
  "shares", "earlier", "separately", "under", "since", "if", "so", "our",
  "other", "some", "one", "two", "both", "such", "what", "who", "reuter",
};

static GHashTable *abbrev_table;   /* lower word -> GINT_TO_POINTER (1 + can_end) */
static GHashTable *starter_table;

static void init_ascii_class (void);

static void
init_tables (void)
{
  static gsize done = 0;

  if (g_once_init_enter (&done))
    {
      init_ascii_class ();
      abbrev_table = g_hash_table_new (g_str_hash, g_str_equal);
      for (guint i = 0; i < G_N_ELEMENTS (abbreviations); i++)
        g_hash_table_insert (abbrev_table, (gpointer) abbreviations[i].word,
                             GINT_TO_POINTER (1 + abbreviations[i].can_end));
      starter_table = g_hash_table_new (g_str_hash, g_str_equal);
      for (guint i = 0; i < G_N_ELEMENTS (sentence_starters); i++)
        g_hash_table_add (starter_table, (gpointer) sentence_starters[i]);
      g_once_init_leave (&done, 1);
    }
}

typedef enum {
  CH_SPACE, CH_NEWLINE, CH_IGNORE, CH_LETTER, CH_DIGIT, CH_APOS, CH_DQUOTE,
  CH_DASH, CH_OTHER
} CharClass;

static CharClass classify_slow (gunichar c);

/* The classes of the ASCII characters, filled once (init_tables). */
static guint8 ascii_class[128];

static inline CharClass
classify (gunichar c)
{
  return c < 0x80 ? (CharClass) ascii_class[c] : classify_slow (c);
}

static CharClass
classify_slow (gunichar c)
{
  if (c < 0x80)
    {
      if (c == '\n')
        return CH_NEWLINE;
      if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v')
        return CH_SPACE;
      if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z')
        return CH_LETTER;
      if (c >= '0' && c <= '9')
        return CH_DIGIT;
      if (c == '\'' || c == '`')
        return CH_APOS;
      if (c == '"')
        return CH_DQUOTE;
      if (c == '-')
        return CH_DASH;
      if (c < 0x20 || c == 0x7f)
        return CH_SPACE;
      return CH_OTHER;
    }
  switch (c)
    {
    case 0x00A0: case 0x2028: case 0x2029: case 0x202F: case 0x205F:
    case 0x3000: case 0x0085:
      return c == 0x2029 || c == 0x2028 ? CH_NEWLINE : CH_SPACE;
    case 0x00AD: case 0x200B: case 0x200C: case 0x200D: case 0x2060:
    case 0xFEFF: case 0x200E: case 0x200F: case 0x202A: case 0x202B:
    case 0x202C: case 0x202D: case 0x202E: case 0x2066: case 0x2067:
    case 0x2068: case 0x2069:
      return CH_IGNORE;
    case 0x2018: case 0x2019: case 0x201A: case 0x201B: case 0x02BC:
    case 0x2032:
      return CH_APOS;
    case 0x201C: case 0x201D: case 0x201E: case 0x201F: case 0x00AB:
    case 0x00BB: case 0x2033:
      return CH_DQUOTE;
    case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014:
    case 0x2015: case 0x2212: case 0xFE58: case 0xFE63: case 0xFF0D:
      return CH_DASH;
    default:
      break;
    }
  if (c >= 0x2000 && c <= 0x200A)
    return CH_SPACE;
  if (g_unichar_isalpha (c) || g_unichar_ismark (c))
    return CH_LETTER;
  if (g_unichar_isdigit (c))
    return CH_DIGIT;
  if (g_unichar_isspace (c))
    return CH_SPACE;
  return CH_OTHER;
}

static void
init_ascii_class (void)
{
  for (gunichar c = 0; c < 0x80; c++)
    ascii_class[c] = (guint8) classify_slow (c);
}

/* A cursor over the text that decodes one code point at a time; the text is
 * valid UTF-8 (the reader guarantees it), but a stray byte is still read as
 * U+FFFD so that the tokenizer never loops. */
typedef struct {
  const char *text;
  gsize       len;
  gsize       pos;
} Cursor;

static gunichar peek_slow (const Cursor *cur, gsize pos, gsize *next);

static inline gunichar
peek_at (const Cursor *cur, gsize pos, gsize *next)
{
  if (pos < cur->len && (guchar) cur->text[pos] < 0x80)
    {
      *next = pos + 1;
      return (guchar) cur->text[pos];
    }
  return peek_slow (cur, pos, next);
}

static gunichar
peek_slow (const Cursor *cur, gsize pos, gsize *next)
{
  gunichar c;

  if (pos >= cur->len)
    {
      *next = pos;
      return 0;
    }
  c = g_utf8_get_char_validated (cur->text + pos, cur->len - pos);
  if (c == (gunichar) -1 || c == (gunichar) -2)
    {
      *next = pos + 1;
      return 0xFFFD;
    }
  *next = pos + g_unichar_to_utf8 (c, NULL);
  return c;
}

/* FNV-1a */
static guint32
intern_hash (const char *s, gsize len)
{
  guint32 h = 2166136261u;

  for (gsize i = 0; i < len; i++)
    h = (h ^ (guchar) s[i]) * 16777619u;
  return h;
}

static void
intern_grow (KgxTokens *toks)
{
  guint n = toks->n_slots * 2;

  /* First size from the text: about one distinct form per 12 bytes. */
  if (n == 0)
    for (n = 16; n < 1024 * 1024 && n < toks->len / 6; n *= 2)
      ;
  const char **slots = g_new0 (const char *, n);
  guint32 *hashes = g_new (guint32, n);

  for (guint i = 0; i < toks->n_slots; i++)
    if (toks->slots[i])
      {
        guint j = toks->slot_hash[i] & (n - 1);
        while (slots[j])
          j = (j + 1) & (n - 1);
        slots[j] = toks->slots[i];
        hashes[j] = toks->slot_hash[i];
      }
  g_free (toks->slots);
  g_free (toks->slot_hash);
  toks->slots = slots;
  toks->slot_hash = hashes;
  toks->n_slots = n;
}

/* A NUL-terminated copy of s[0..len) in the arena. */
static const char *
intern_store (KgxTokens *toks, const char *s, gsize len)
{
  char *r;

  if (len + 1 > toks->arena_left)
    {
      gsize size = MAX (4096, len + 1);
      toks->blocks = g_slist_prepend (toks->blocks, g_malloc (size));
      toks->arena = toks->blocks->data;
      toks->arena_left = toks->arena_size = size;
    }
  r = toks->arena;
  memcpy (r, s, len);
  r[len] = '\0';
  toks->arena += len + 1;
  toks->arena_left -= len + 1;
  return r;
}

/* The document's one copy of s[0..len): the same string, the same
 * address.  A token costs one hash and, for a repeated form, one memcmp.
 * Static for the tokenizer's own calls (no PLT call, inlined);
 * kgx_tokens_intern() is the exported door. */
static inline const char *
intern (KgxTokens *toks, const char *s, gsize len)
{
  guint32 h;
  guint j;

  if ((toks->n_used + 1) * 2 > toks->n_slots)
    intern_grow (toks);
  h = intern_hash (s, len);
  for (j = h & (toks->n_slots - 1); toks->slots[j]; j = (j + 1) & (toks->n_slots - 1))
    if (toks->slot_hash[j] == h && strncmp (toks->slots[j], s, len) == 0
        && toks->slots[j][len] == '\0')
      return toks->slots[j];
  toks->slots[j] = intern_store (toks, s, len);
  toks->slot_hash[j] = h;
  toks->n_used++;
  return toks->slots[j];
}

const char *
kgx_tokens_intern (KgxTokens *toks, const char *s, gssize len)
{
  return intern (toks, s, len < 0 ? strlen (s) : (gsize) len);
}

/* g_ascii_tolower() without a call: it runs per byte of many tokens. */
static inline char
ascii_lower (char c)
{
  return c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
}

/* Whether form, lowered by g_utf8_strdown(), is a known abbreviation.
 * ASCII without 'I' lowers the same in every locale (only Turkic ones
 * treat 'I' apart), so it is lowered on the stack without a copy. */
static gboolean
is_abbrev (const char *form)
{
  char low[64];
  gsize n;

  for (n = 0; form[n] && n < sizeof low - 1; n++)
    {
      guchar c = (guchar) form[n];
      if (c >= 0x80 || c == 'I')
        break;
      low[n] = (char) ascii_lower ((char) c);
    }
  if (form[n] != '\0')
    {
      g_autofree char *copy = g_utf8_strdown (form, -1);
      return g_hash_table_contains (abbrev_table, copy);
    }
  low[n] = '\0';
  return g_hash_table_contains (abbrev_table, low);
}

static const char *
intern_lower (KgxTokens *toks, const char *form)
{
  const char *p;

  for (p = form; *p; p++)
    if ((guchar) *p >= 0x80 || (*p >= 'A' && *p <= 'Z'))
      break;
  if (*p == '\0')
    return form;  /* already lower case: interned above */
  for (; *p; p++)
    if ((guchar) *p >= 0x80)
      break;
  if (*p == '\0' && p - form < 128)
    {
      /* ASCII: lowered on the stack, no g_utf8_strdown() copy. */
      char low[128];
      gsize n = p - form;
      for (gsize i = 0; i < n; i++)
        low[i] = ascii_lower (form[i]);
      return intern (toks, low, n);
    }
  {
    g_autofree char *low = g_utf8_strdown (form, -1);
    return intern (toks, low, strlen (low));
  }
}

/* Building state for one token's normalised form. */
typedef struct {
  GString *form;
  guint    letters;
  guint    upper;
  guint    lower;
  gboolean first_upper;
  gboolean first_letter_seen;
} Word;

static void
word_reset (Word *w)
{
  g_string_truncate (w->form, 0);
  w->letters = w->upper = w->lower = 0;
  w->first_upper = FALSE;
  w->first_letter_seen = FALSE;
}

static inline void
word_add (Word *w, gunichar c)
{
  if (c < 0x80)
    {
      gboolean up = c >= 'A' && c <= 'Z', low = c >= 'a' && c <= 'z';
      if (up || low)
        {
          w->letters++;
          if (up)
            w->upper++;
          else
            w->lower++;
          if (!w->first_letter_seen)
            {
              w->first_letter_seen = TRUE;
              w->first_upper = up;
            }
        }
      g_string_append_c (w->form, (char) c);
      return;
    }
  if (g_unichar_isalpha (c))
    {
      gboolean up = g_unichar_isupper (c) || g_unichar_istitle (c);
      w->letters++;
      if (up)
        w->upper++;
      else if (g_unichar_islower (c))
        w->lower++;
      if (!w->first_letter_seen)
        {
          w->first_letter_seen = TRUE;
          w->first_upper = up;
        }
    }
  g_string_append_unichar (w->form, c);
}

typedef struct {
  KgxTokens *toks;
  Cursor     cur;
  Word       w;
  gboolean   space_before;
  gboolean   para_start;
  guint32    para_first;   /* first token of the current paragraph */
  guint32    paragraph;
} Tokenizer;

static void
push_token (Tokenizer *tz, gsize begin, gsize end, const char *form, gssize form_len,
            guint32 flags)
{
  KgxToken t = { 0 };

  t.begin = begin;
  t.end = end;
  t.form = intern (tz->toks, form, form_len < 0 ? strlen (form) : (gsize) form_len);
  t.lower = intern_lower (tz->toks, t.form);
  t.flags = flags;
  if (tz->space_before)
    t.flags |= KGX_TOKF_SPACE;
  if (tz->para_start)
    t.flags |= KGX_TOKF_PARA_START;
  tz->space_before = FALSE;
  tz->para_start = FALSE;
  g_array_append_val (tz->toks->tokens, t);
}

static guint32
word_flags (const Word *w)
{
  guint32 flags = 0;
  const char *s = w->form->str;

  if ((guchar) s[0] < 0x80)
    {
      if (w->letters > 0 && g_ascii_isalpha (s[0]))
        flags |= KGX_TOKF_ALPHA;
      if (g_ascii_isdigit (s[0]))
        flags |= KGX_TOKF_DIGIT;
    }
  else
    {
      if (w->letters > 0 && g_unichar_isalpha (g_utf8_get_char (s)))
        flags |= KGX_TOKF_ALPHA;
      if (g_unichar_isdigit (g_utf8_get_char (s)))
        flags |= KGX_TOKF_DIGIT;
    }
  if (w->first_upper && (flags & KGX_TOKF_ALPHA))
    flags |= KGX_TOKF_CAP;
  if (w->letters >= 2 && w->lower == 0 && w->upper >= 2)
    flags |= KGX_TOKF_ALLCAPS;
  if (w->letters > 0 && w->upper == 0)
    flags |= KGX_TOKF_LOWER;
  return flags;
}

/* Reads a word starting at tz->cur.pos (a letter or digit) and pushes it. */
static void
scan_word (Tokenizer *tz)
{
  Cursor *cur = &tz->cur;
  gsize begin = cur->pos, next, pos = cur->pos;
  guint lower_run = 0;        /* lower-case letters since the word began */
  gboolean all_lower = TRUE;  /* no upper case seen so far */
  gboolean digits_only = TRUE;
  guint32 flags;

  word_reset (&tz->w);
  for (;;)
    {
      gunichar c = peek_at (cur, pos, &next);
      CharClass cc = c ? classify (c) : CH_SPACE;

      if (cc == CH_LETTER)
        {
          gboolean up = c < 0x80 ? (c >= 'A' && c <= 'Z') : g_unichar_isupper (c);
          /* "contentsKazakhstan": a lower-to-upper join inside a run of
           * four or more lower-case letters, with a lower-case letter after
           * the capital, is two words glued at a tag edge. */
          if (up && all_lower && lower_run >= 4)
            {
              gsize n2;
              gunichar c2 = peek_at (cur, next, &n2);
              if (c2 && g_unichar_islower (c2))
                break;
            }
          if (up)
            all_lower = FALSE;
          else
            lower_run++;
          digits_only = FALSE;
          word_add (&tz->w, c);
          pos = next;
          continue;
        }
      if (cc == CH_DIGIT)
        {
          word_add (&tz->w, c);
          pos = next;
          continue;
        }
      if (cc == CH_IGNORE)
        {
          pos = next;
          continue;
        }
      if (cc == CH_APOS)
        {
          /* Keep "O'Brien" and "don't", split the possessive "'s". */
          gsize n2, n3;
          gunichar c2 = peek_at (cur, next, &n2);
          if (c2 && classify (c2) == CH_LETTER)
            {
              gunichar c3 = peek_at (cur, n2, &n3);
              if ((c2 == 's' || c2 == 'S') && (c3 == 0 || classify (c3) != CH_LETTER))
                break;
              word_add (&tz->w, '\'');
              pos = next;
              continue;
            }
          break;
        }
      if ((c == '.' || c == ',') && digits_only && tz->w.form->len > 0)
        {
          gsize n2;
          gunichar c2 = peek_at (cur, next, &n2);
          if (c2 && classify (c2) == CH_DIGIT)
            {
              word_add (&tz->w, c);
              pos = next;
              continue;
            }
        }
      break;
    }

  /* A period after the word: initials, "U.S.", and known abbreviations. */
  {
    gunichar c = peek_at (cur, pos, &next);
    if (c == '.' && tz->w.letters > 0)
      {
        gboolean single = g_utf8_strlen (tz->w.form->str, -1) == 1;
        gboolean attach = single || is_abbrev (tz->w.form->str);
        /* "U.S.A." and "e.g.": letter, period, letter, period ... */
        if (single)
          {
            gsize p = next, n2, n3;
            for (;;)
              {
                gunichar a = peek_at (cur, p, &n2);
                gunichar b = peek_at (cur, n2, &n3);
                if (a && classify (a) == CH_LETTER && b == '.')
                  {
                    word_add (&tz->w, '.');
                    word_add (&tz->w, a);
                    next = n3;
                    p = n3;
                  }
                else
                  break;
              }
          }
        if (attach)
          {
            word_add (&tz->w, '.');
            pos = next;
            flags = word_flags (&tz->w) | KGX_TOKF_ABBREV;
            push_token (tz, begin, pos, tz->w.form->str, tz->w.form->len, flags);
            cur->pos = pos;
            return;
          }
      }
  }
  flags = word_flags (&tz->w);
  push_token (tz, begin, pos, tz->w.form->str, tz->w.form->len, flags);
  cur->pos = pos;
}

static gboolean
is_open_context (const Tokenizer *tz, gsize pos)
{
  /* An ASCII '"' opens a quotation after space, start, or an opening
   * bracket, and closes one otherwise. */
  gsize p;
  const char *text = tz->cur.text;

  if (pos == 0)
    return TRUE;
  p = pos - 1;
  while (p > 0 && ((guchar) text[p] & 0xC0) == 0x80)
    p--;
  {
    gsize next;
    gunichar prev = peek_at (&tz->cur, p, &next);
    CharClass cc = classify (prev);
    return cc == CH_SPACE || cc == CH_NEWLINE || prev == '(' || prev == '['
           || prev == '{' || cc == CH_DASH || prev == ':';
  }
}

static void
end_paragraph (Tokenizer *tz);

static void
tokenize (Tokenizer *tz)
{
  Cursor *cur = &tz->cur;

  while (cur->pos < cur->len)
    {
      gsize next;
      gunichar c = peek_at (cur, cur->pos, &next);
      CharClass cc = classify (c);

      switch (cc)
        {
        case CH_NEWLINE:
          end_paragraph (tz);
          tz->para_start = TRUE;
          tz->space_before = TRUE;
          cur->pos = next;
          break;
        case CH_SPACE:
        case CH_IGNORE:
          tz->space_before = TRUE;
          cur->pos = next;
          break;
        case CH_LETTER:
        case CH_DIGIT:
          scan_word (tz);
          break;
        case CH_APOS:
          {
            gsize n2, n3;
            gunichar c2 = peek_at (cur, next, &n2);
            gunichar c3 = peek_at (cur, n2, &n3);
            if ((c2 == 's' || c2 == 'S') && (c3 == 0 || classify (c3) != CH_LETTER)
                && ((tz->toks->tokens->len > 0 && !tz->space_before) || cur->pos == 0))
              {
                push_token (tz, cur->pos, n2, "'s", 2, KGX_TOKF_ALPHA | KGX_TOKF_LOWER);
                cur->pos = n2;
              }
            else
              {
                push_token (tz, cur->pos, next, "'", 1, KGX_TOKF_PUNCT);
                cur->pos = next;
              }
          }
          break;
        case CH_DQUOTE:
          {
            guint32 flags = KGX_TOKF_PUNCT;
            if (c == 0x201C || c == 0x201E || c == 0x00AB)
              flags |= KGX_TOKF_QOPEN;
            else if (c == 0x201D || c == 0x00BB)
              flags |= KGX_TOKF_QCLOSE;
            else if (c == '"' || c == 0x201F)
              flags |= is_open_context (tz, cur->pos) ? KGX_TOKF_QOPEN : KGX_TOKF_QCLOSE;
            push_token (tz, cur->pos, next, "\"", 1, flags);
            cur->pos = next;
          }
          break;
        case CH_DASH:
          push_token (tz, cur->pos, next, "-", 1, KGX_TOKF_PUNCT);
          cur->pos = next;
          break;
        case CH_OTHER:
        default:
          if (c == 0x2026)
            push_token (tz, cur->pos, next, "...", 3, KGX_TOKF_PUNCT);
          else
            {
              char buf[8];
              gint n = g_unichar_to_utf8 (c, buf);
              push_token (tz, cur->pos, next, buf, n, KGX_TOKF_PUNCT);
            }
          cur->pos = next;
          break;
        }
    }
  end_paragraph (tz);
}

static gboolean
is_terminal (const KgxToken *t)
{
  return (t->flags & KGX_TOKF_PUNCT)
         && (strcmp (t->form, ".") == 0 || strcmp (t->form, "!") == 0
             || strcmp (t->form, "?") == 0 || strcmp (t->form, "...") == 0);
}

static gboolean
is_closer (const KgxToken *t)
{
  return (t->flags & KGX_TOKF_QCLOSE) || strcmp (t->form, ")") == 0
         || strcmp (t->form, "'") == 0 || strcmp (t->form, "]") == 0;
}

static void
add_sentence (Tokenizer *tz, guint32 first, guint32 end)
{
  KgxTokSentence s;
  guint32 idx = tz->toks->sentences->len;

  if (end <= first)
    return;
  s.first = first;
  s.n = end - first;
  s.paragraph = tz->paragraph;
  for (guint32 i = first; i < end; i++)
    g_array_index (tz->toks->tokens, KgxToken, i).sentence = idx;
  g_array_index (tz->toks->tokens, KgxToken, first).flags |= KGX_TOKF_SENT_START;
  g_array_append_val (tz->toks->sentences, s);
}

/* Splits the paragraph's tokens into sentences, marks an all-capitals line,
 * and pairs its quotation marks. */
static void
end_paragraph (Tokenizer *tz)
{
  GArray *tokens = tz->toks->tokens;
  guint32 first = tz->para_first, end = tokens->len, start, i;
  guint alpha = 0, lower = 0;
  gint open = -1;

  if (end <= first)
    return;

  /* A line whose words of two or more letters are all in capitals is a
   * Reuters-style headline: case says nothing about names there. */
  for (i = first; i < end; i++)
    {
      KgxToken *t = &g_array_index (tokens, KgxToken, i);
      if (!(t->flags & KGX_TOKF_ALPHA) || strcmp (t->form, "'s") == 0
          || t->form[0] == '\0' || *g_utf8_next_char (t->form) == '\0')   /* under 2 characters */
        continue;
      alpha++;
      if (!(t->flags & KGX_TOKF_ALLCAPS))
        lower++;
    }
  /* A short line in Title Case with no closing stop is a headline too:
   * "Kazakhstan-Russia Nuclear Dialogue", "Rosatom Signs Deal With Egypt". */
  if (lower > 0 && end - first <= 16 && alpha >= 2
      && !is_terminal (&g_array_index (tokens, KgxToken, end - 1)))
    {
      guint capitalised = 0, long_words = 0;
      for (i = first; i < end; i++)
        {
          KgxToken *t = &g_array_index (tokens, KgxToken, i);
          if (!(t->flags & KGX_TOKF_ALPHA) || g_utf8_strlen (t->form, -1) < 4)
            continue;
          long_words++;
          if (t->flags & KGX_TOKF_CAP)
            capitalised++;
        }
      if (long_words >= 2 && capitalised == long_words)
        lower = 0;
    }
  if (alpha >= 2 && lower == 0)
    for (i = first; i < end; i++)
      g_array_index (tokens, KgxToken, i).flags |= KGX_TOKF_CAPS_LINE;

  start = first;
  for (i = first; i < end; i++)
    {
      KgxToken *t = &g_array_index (tokens, KgxToken, i);
      guint32 j;
      KgxToken *nt;
      gboolean split;

      if (!is_terminal (t) && !(t->flags & KGX_TOKF_ABBREV))
        continue;
      j = i + 1;
      while (j < end && is_closer (&g_array_index (tokens, KgxToken, j)))
        j++;
      if (j >= end)
        break;
      nt = &g_array_index (tokens, KgxToken, j);
      if (t->flags & KGX_TOKF_ABBREV)
        {
          gpointer v;
          g_autofree char *w = g_strndup (t->lower, strlen (t->lower) - 1);
          gboolean dotted = strchr (w, '.') != NULL || g_utf8_strlen (w, -1) == 1;
          v = g_hash_table_lookup (abbrev_table, w);
          /* "Mr." never ends a sentence; "Inc." and "U.S." do before a
           * word that typically starts one. */
          if (!(GPOINTER_TO_INT (v) == 2 || (dotted && g_utf8_strlen (w, -1) > 1)))
            continue;
          split = (nt->flags & KGX_TOKF_CAP) && g_hash_table_contains (starter_table, nt->lower);
        }
      else
        split = (nt->flags & (KGX_TOKF_CAP | KGX_TOKF_DIGIT | KGX_TOKF_QOPEN))
                || ((nt->flags & KGX_TOKF_PUNCT) && !is_terminal (nt)
                    && strcmp (nt->form, ",") != 0 && strcmp (nt->form, ";") != 0
                    && strcmp (nt->form, ")") != 0);
      /* "<ARGI.O>": the dot inside a Reuters ticker ends nothing. */
      if (split && j == i + 1 && !(nt->flags & KGX_TOKF_SPACE) && j + 1 < end
          && strcmp (g_array_index (tokens, KgxToken, j + 1).form, ">") == 0)
        split = FALSE;
      if (split)
        {
          add_sentence (tz, start, j);
          start = j;
          i = j - 1;
        }
    }
  add_sentence (tz, start, end);

  /* Quotations: an opening mark pairs with the next closing mark in the
   * paragraph; one left open runs to the paragraph's end, as news writes a
   * quotation that goes on into the next paragraph. */
  for (i = first; i < end; i++)
    {
      KgxToken *t = &g_array_index (tokens, KgxToken, i);
      if ((t->flags & KGX_TOKF_QOPEN) && open < 0)
        open = i;
      else if ((t->flags & KGX_TOKF_QCLOSE) && open >= 0)
        {
          KgxQuotation q = { (guint32) open, i };
          g_array_append_val (tz->toks->quotes, q);
          open = -1;
        }
    }
  if (open >= 0 && (guint32) open + 1 < end)
    {
      KgxQuotation q = { (guint32) open, end - 1 };
      g_array_append_val (tz->toks->quotes, q);
    }

  tz->para_first = end;
  tz->paragraph++;
}

static void
run_tokenizer (KgxTokens *toks)
{
  Tokenizer tz = { 0 };

  tz.toks = toks;
  tz.cur.text = toks->text;
  tz.cur.len = toks->len;
  if (toks->word == NULL)
    toks->word = g_string_new (NULL);
  g_string_truncate (toks->word, 0);
  tz.w.form = toks->word;
  tz.para_start = TRUE;
  tokenize (&tz);
}

KgxTokens *
kgx_tokens_new (const char *text, gsize len)
{
  KgxTokens *toks = g_new0 (KgxTokens, 1);

  init_tables ();
  toks->text = text;
  toks->len = len;
  toks->tokens = g_array_sized_new (FALSE, TRUE, sizeof (KgxToken), len / 5 + 16);
  toks->sentences = g_array_new (FALSE, TRUE, sizeof (KgxTokSentence));
  toks->quotes = g_array_new (FALSE, TRUE, sizeof (KgxQuotation));
  run_tokenizer (toks);
  return toks;
}

/* Tokenizes text again into toks, reusing its arrays and intern set: many
 * short texts (gazetteer labels) cost no allocation each.  The previous
 * tokens and forms are gone. */
void
kgx_tokens_reset (KgxTokens *toks, const char *text, gsize len)
{
  toks->text = text;
  toks->len = len;
  g_array_set_size (toks->tokens, 0);
  g_array_set_size (toks->sentences, 0);
  g_array_set_size (toks->quotes, 0);
  /* keep the newest block of forms, free the others */
  if (toks->blocks)
    {
      g_slist_free_full (toks->blocks->next, g_free);
      toks->blocks->next = NULL;
      toks->arena = toks->blocks->data;
      toks->arena_left = toks->arena_size;
    }
  if (toks->slots)
    memset (toks->slots, 0, toks->n_slots * sizeof *toks->slots);
  toks->n_used = 0;
  run_tokenizer (toks);
}

void
kgx_tokens_free (KgxTokens *toks)
{
  if (toks == NULL)
    return;
  g_array_unref (toks->tokens);
  g_array_unref (toks->sentences);
  g_array_unref (toks->quotes);
  g_free (toks->slots);
  g_free (toks->slot_hash);
  g_slist_free_full (toks->blocks, g_free);
  if (toks->word)
    g_string_free (toks->word, TRUE);
  g_free (toks);
}

char **
kgx_tokenize_phrase (const char *phrase, guint32 *caps, guint *n_tokens)
{
  g_autoptr (KgxTokens) toks = kgx_tokens_new (phrase, strlen (phrase));
  char **out = g_new0 (char *, toks->tokens->len + 1);
  guint32 mask = 0;

  for (guint i = 0; i < toks->tokens->len; i++)
    {
      KgxToken *t = &g_array_index (toks->tokens, KgxToken, i);
      out[i] = g_strdup (t->lower);
      if (i < 32 && (t->flags & KGX_TOKF_CAP))
        mask |= 1u << i;
    }
  if (caps)
    *caps = mask;
  if (n_tokens)
    *n_tokens = toks->tokens->len;
  return out;
}
