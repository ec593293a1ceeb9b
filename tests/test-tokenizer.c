/* test-tokenizer.c - unit tests for the tokenizer (kgx-tokenizer-private.h):
 * sentence splitting around abbreviations, headline lines, quotation
 * pairing, possessives, glued words, hyphens, and the offset map back to the
 * original bytes.  Table-driven where the cases are alike.
 */
#include "config.h"

#include <string.h>

#include "kgx-tokenizer-private.h"

/* ------------------------------------------------------------------ */
/* Helpers                                                             */

static const KgxToken *
tok (const KgxTokens *toks, guint i)
{
  g_assert_cmpuint (i, <, toks->tokens->len);
  return &g_array_index (toks->tokens, KgxToken, i);
}

/* The token forms joined by spaces: "Mr. Smith met ..." */
static char *
forms (const KgxTokens *toks)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < toks->tokens->len; i++)
    {
      if (i > 0)
        g_string_append_c (s, ' ');
      g_string_append (s, tok (toks, i)->form);
    }
  return g_string_free (s, FALSE);
}

/* The sentences as their original text, joined by " | ". */
static char *
sentences (const KgxTokens *toks)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < toks->sentences->len; i++)
    {
      const KgxTokSentence *sent = &g_array_index (toks->sentences, KgxTokSentence, i);
      const KgxToken *first = tok (toks, sent->first);
      const KgxToken *last = tok (toks, sent->first + sent->n - 1);
      if (i > 0)
        g_string_append (s, " | ");
      g_string_append_len (s, toks->text + first->begin, last->end - first->begin);
    }
  return g_string_free (s, FALSE);
}

/* Index of the first token whose form is f, from start. */
static guint
find (const KgxTokens *toks, const char *f, guint start)
{
  for (guint i = start; i < toks->tokens->len; i++)
    if (strcmp (tok (toks, i)->form, f) == 0)
      return i;
  g_error ("no token '%s' from %u", f, start);
  return 0;
}

/* Every token's span lies in the text, in order, without overlap, and
 * every sentence index agrees with the sentence table. */
static void
assert_offsets_sane (const KgxTokens *toks, gboolean valid_utf8)
{
  guint32 prev_end = 0;

  for (guint i = 0; i < toks->tokens->len; i++)
    {
      const KgxToken *t = tok (toks, i);
      g_assert_cmpuint (t->begin, <, t->end);
      g_assert_cmpuint (t->end, <=, toks->len);
      g_assert_cmpuint (t->begin, >=, prev_end);
      if (valid_utf8)
        g_assert_true (g_utf8_validate (toks->text + t->begin, t->end - t->begin, NULL));
      g_assert_cmpuint (t->sentence, <, toks->sentences->len);
      prev_end = t->end;
    }
  for (guint s = 0; s < toks->sentences->len; s++)
    {
      const KgxTokSentence *sent = &g_array_index (toks->sentences, KgxTokSentence, s);
      g_assert_cmpuint (sent->n, >, 0);
      g_assert_true (tok (toks, sent->first)->flags & KGX_TOKF_SENT_START);
      for (guint i = sent->first; i < sent->first + sent->n; i++)
        g_assert_cmpuint (tok (toks, i)->sentence, ==, s);
    }
}

static KgxTokens *
tokenize (const char *text)
{
  KgxTokens *toks = kgx_tokens_new (text, strlen (text));

  assert_offsets_sane (toks, TRUE);
  return toks;
}

/* ------------------------------------------------------------------ */
/* Sentences                                                           */

static const struct {
  const char *name;
  const char *text;
  const char *sentences;   /* original text of each, " | " between */
} sentence_cases[] = {
  { "plain", "Marta Kovalenko met Daniel Osei. They talked for an hour.",
    "Marta Kovalenko met Daniel Osei. | They talked for an hour." },
  { "mr", "Mr. Osei met Ms. Kovalenko and Dr. Brekke. They talked.",
    "Mr. Osei met Ms. Kovalenko and Dr. Brekke. | They talked." },
  { "us-start", "U.S. Ambassador Paula Grant met Daniel Osei.",
    "U.S. Ambassador Paula Grant met Daniel Osei." },
  { "us-end", "The talks were held in the U.S. The company said so.",
    "The talks were held in the U.S. | The company said so." },
  { "us-inside", "The U.S. Energy Department agreed.",
    "The U.S. Energy Department agreed." },
  { "inc-inside", "Kestrel Holdings Inc. in Riga bought the plant.",
    "Kestrel Holdings Inc. in Riga bought the plant." },
  { "inc-end", "The plant went to Kestrel Holdings Inc. The company said it was glad.",
    "The plant went to Kestrel Holdings Inc. | The company said it was glad." },
  { "question", "Is it safe? Yes, it is! The agency agreed.",
    "Is it safe? | Yes, it is! | The agency agreed." },
  { "quote-closes", "\xE2\x80\x9CIt is safe.\xE2\x80\x9D The agency agreed.",
    "\xE2\x80\x9CIt is safe.\xE2\x80\x9D | The agency agreed." },
  { "decimal", "Output rose 3.5 percent in 2023. Prices fell.",
    "Output rose 3.5 percent in 2023. | Prices fell." },
  { "lower-after-stop", "It cost 3 bln dlrs. vs 2 bln a year ago.",
    "It cost 3 bln dlrs. vs 2 bln a year ago." },
  { "lines", "First line without a stop\nSecond line.",
    "First line without a stop | Second line." },
  { "initials", "J. R. Osei arrived. He spoke.",
    "J. R. Osei arrived. | He spoke." },
};

static void
test_sentences (gconstpointer data)
{
  guint i = GPOINTER_TO_UINT (data);
  g_autoptr (KgxTokens) toks = tokenize (sentence_cases[i].text);
  g_autofree char *got = sentences (toks);

  g_assert_cmpstr (got, ==, sentence_cases[i].sentences);
}

static void
test_sentence_paragraphs (void)
{
  g_autoptr (KgxTokens) toks = tokenize ("One. Two.\n\nThree.\n");

  g_assert_cmpuint (toks->sentences->len, ==, 3);
  g_assert_cmpuint (g_array_index (toks->sentences, KgxTokSentence, 0).paragraph, ==,
                    g_array_index (toks->sentences, KgxTokSentence, 1).paragraph);
  g_assert_cmpuint (g_array_index (toks->sentences, KgxTokSentence, 1).paragraph, <,
                    g_array_index (toks->sentences, KgxTokSentence, 2).paragraph);
  g_assert_true (tok (toks, find (toks, "Three", 0))->flags & KGX_TOKF_PARA_START);
  g_assert_false (tok (toks, find (toks, "Two", 0))->flags & KGX_TOKF_PARA_START);
}

static void
test_abbrev_flag (void)
{
  g_autoptr (KgxTokens) toks = tokenize ("Mr. Osei of the U.S.A. met Gen. Brekke.");
  g_autofree char *f = forms (toks);

  g_assert_cmpstr (f, ==, "Mr. Osei of the U.S.A. met Gen. Brekke .");
  g_assert_true (tok (toks, 0)->flags & KGX_TOKF_ABBREV);
  g_assert_true (tok (toks, 4)->flags & KGX_TOKF_ABBREV);
  g_assert_cmpstr (tok (toks, 4)->lower, ==, "u.s.a.");
  /* The last period is a token of its own: "Brekke" is no abbreviation. */
  g_assert_false (tok (toks, 7)->flags & KGX_TOKF_ABBREV);
  g_assert_true (tok (toks, 8)->flags & KGX_TOKF_PUNCT);
}

static void
test_empty (void)
{
  const char *texts[] = { "", " ", "\n\n\n", " \t \n " };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr (KgxTokens) toks = tokenize (texts[i]);
      g_assert_cmpuint (toks->tokens->len, ==, 0);
      g_assert_cmpuint (toks->sentences->len, ==, 0);
      g_assert_cmpuint (toks->quotes->len, ==, 0);
    }
}

/* kgx_tokens_reset() on a used KgxTokens gives what kgx_tokens_new()
 * gives for the same text: tokens, forms, flags, sentences, quotations. */
static void
test_reset (void)
{
  const char *texts[] = {
    "Mr. O'Brien met the U.S. envoy.", "", "\u201cWe won,\u201d said Ann.\nNext line here",
    "S\u00e3o Paulo", "ALL CAPS LINE\n\nA new paragraph, 1,000 people.", "a",
  };
  const char *warm = "Warm-up text, with \"quotes\" and many words to grow the intern set.";
  g_autoptr (KgxTokens) reused = kgx_tokens_new (warm, strlen (warm));

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr (KgxTokens) fresh = kgx_tokens_new (texts[i], strlen (texts[i]));
      kgx_tokens_reset (reused, texts[i], strlen (texts[i]));
      g_assert_cmpuint (reused->tokens->len, ==, fresh->tokens->len);
      g_assert_cmpuint (reused->sentences->len, ==, fresh->sentences->len);
      g_assert_cmpuint (reused->quotes->len, ==, fresh->quotes->len);
      for (guint t = 0; t < fresh->tokens->len; t++)
        {
          const KgxToken *a = tok (reused, t), *b = tok (fresh, t);
          g_assert_cmpuint (a->begin, ==, b->begin);
          g_assert_cmpuint (a->end, ==, b->end);
          g_assert_cmpstr (a->form, ==, b->form);
          g_assert_cmpstr (a->lower, ==, b->lower);
          g_assert_cmpuint (a->flags, ==, b->flags);
          g_assert_cmpuint (a->sentence, ==, b->sentence);
        }
      g_assert_cmpmem (reused->sentences->data, reused->sentences->len * sizeof (KgxTokSentence),
                       fresh->sentences->data, fresh->sentences->len * sizeof (KgxTokSentence));
      g_assert_cmpmem (reused->quotes->data, reused->quotes->len * sizeof (KgxQuotation),
                       fresh->quotes->data, fresh->quotes->len * sizeof (KgxQuotation));
    }
}

/* ------------------------------------------------------------------ */
/* Headlines                                                           */

static const struct {
  const char *line;
  gboolean    headline;
} headline_cases[] = {
  { "VELTRANO TO BUILD PLANT IN LATVIA", TRUE },
  { "NORTHGATE ATOMICS' PROFIT RISES 5 PCT", TRUE },
  { "Veltrano Signs Reactor Deal With Northgate", TRUE },
  { "Kazakhstan-Russia Nuclear Dialogue", TRUE },
  { "Veltrano signed a reactor deal with Northgate on Monday.", FALSE },
  { "The IAEA and the EU met in Vienna.", FALSE },
  { "A short line", FALSE },
  { "IAEA", FALSE },  /* one word says nothing */
};

static void
test_headline (gconstpointer data)
{
  guint i = GPOINTER_TO_UINT (data);
  g_autofree char *text = g_strconcat (headline_cases[i].line,
                                       "\nThe body of the story follows here.\n", NULL);
  g_autoptr (KgxTokens) toks = tokenize (text);
  guint body = find (toks, "body", 0);

  for (guint t = 0; t < body - 1; t++)
    g_assert_cmpint (!!(tok (toks, t)->flags & KGX_TOKF_CAPS_LINE), ==,
                     headline_cases[i].headline);
  /* The body line is never a headline. */
  for (guint t = body - 1; t < toks->tokens->len; t++)
    g_assert_false (tok (toks, t)->flags & KGX_TOKF_CAPS_LINE);
  /* A headline is a sentence of its own, even without a stop. */
  g_assert_true (tok (toks, body - 1)->flags & KGX_TOKF_SENT_START);
}

static void
test_caps_flags (void)
{
  g_autoptr (KgxTokens) toks = tokenize ("IAEA Kazakhstan nuclear I 2024 McDonald");

  g_assert_true (tok (toks, 0)->flags & KGX_TOKF_ALLCAPS);
  g_assert_true (tok (toks, 0)->flags & KGX_TOKF_CAP);
  g_assert_true (tok (toks, 1)->flags & KGX_TOKF_CAP);
  g_assert_false (tok (toks, 1)->flags & KGX_TOKF_ALLCAPS);
  g_assert_true (tok (toks, 2)->flags & KGX_TOKF_LOWER);
  g_assert_false (tok (toks, 2)->flags & KGX_TOKF_CAP);
  g_assert_false (tok (toks, 3)->flags & KGX_TOKF_ALLCAPS);  /* one letter */
  g_assert_true (tok (toks, 4)->flags & KGX_TOKF_DIGIT);
  g_assert_false (tok (toks, 4)->flags & KGX_TOKF_ALPHA);
  g_assert_cmpstr (tok (toks, 5)->form, ==, "McDonald");
  g_assert_cmpstr (tok (toks, 5)->lower, ==, "mcdonald");
}

/* ------------------------------------------------------------------ */
/* Quotations                                                          */

static void
assert_quote (const KgxTokens *toks, guint q, const char *inside)
{
  const KgxQuotation *quote;
  GString *s = g_string_new (NULL);

  g_assert_cmpuint (q, <, toks->quotes->len);
  quote = &g_array_index (toks->quotes, KgxQuotation, q);
  g_assert_true (tok (toks, quote->open)->flags & KGX_TOKF_QOPEN);
  g_assert_cmpuint (quote->open, <, quote->close);
  for (guint i = quote->open + 1; i < quote->close; i++)
    {
      if (s->len)
        g_string_append_c (s, ' ');
      g_string_append (s, tok (toks, i)->form);
    }
  g_assert_cmpstr (s->str, ==, inside);
  g_string_free (s, TRUE);
}

static void
test_quotes_curly (void)
{
  g_autoptr (KgxTokens) toks =
    tokenize ("\xE2\x80\x9CWe will build it,\xE2\x80\x9D she said. "
              "\xE2\x80\x9CSoon,\xE2\x80\x9D he added.");

  g_assert_cmpuint (toks->quotes->len, ==, 2);
  assert_quote (toks, 0, "We will build it ,");
  assert_quote (toks, 1, "Soon ,");
  /* Curly marks are normalised to '"' and keep their direction. */
  g_assert_cmpstr (tok (toks, 0)->form, ==, "\"");
  g_assert_true (tok (toks, 6)->flags & KGX_TOKF_QCLOSE);
}

static void
test_quotes_straight (void)
{
  g_autoptr (KgxTokens) toks =
    tokenize ("She said \"the grid needs storage\" and (\"more\") later: \"now\".");

  g_assert_cmpuint (toks->quotes->len, ==, 3);
  assert_quote (toks, 0, "the grid needs storage");
  assert_quote (toks, 1, "more");
  assert_quote (toks, 2, "now");
}

static void
test_quotes_open_to_paragraph_end (void)
{
  g_autoptr (KgxTokens) toks =
    tokenize ("He said: \xE2\x80\x9CWe will go on building.\nThe next paragraph.\n");
  const KgxQuotation *q;

  g_assert_cmpuint (toks->quotes->len, ==, 1);
  q = &g_array_index (toks->quotes, KgxQuotation, 0);
  /* Left open: it runs to the last token of its paragraph, not beyond. */
  g_assert_cmpstr (tok (toks, q->close)->form, ==, ".");
  g_assert_cmpuint (q->close, <, find (toks, "The", 0));
}

static void
test_quotes_guillemets (void)
{
  g_autoptr (KgxTokens) toks = tokenize ("He said \xC2\xAByes\xC2\xBB twice.");

  g_assert_cmpuint (toks->quotes->len, ==, 1);
  assert_quote (toks, 0, "yes");
}

/* ------------------------------------------------------------------ */
/* Words                                                               */

static const struct {
  const char *name;
  const char *text;
  const char *forms;
} word_cases[] = {
  { "possessive", "Egypt's plant", "Egypt 's plant" },
  { "possessive-curly", "Egypt\xE2\x80\x99s plant", "Egypt 's plant" },
  { "possessive-caps", "EGYPT'S PLANT", "EGYPT 's PLANT" },
  { "plural-possessive", "the engineers' union", "the engineers ' union" },
  { "apostrophe-inside", "O'Brien don't", "O'Brien don't" },
  { "apostrophe-curly-inside", "O\xE2\x80\x99" "Brien", "O'Brien" },
  { "glued", "Table of contentsKazakhstan joined", "Table of contents Kazakhstan joined" },
  { "glued-short-run", "McDonald iPhone JavaScript", "McDonald iPhone JavaScript" },
  { "hyphen", "Russian-designed plant", "Russian - designed plant" },
  { "en-dash", "Kazakhstan\xE2\x80\x93Russia ties", "Kazakhstan - Russia ties" },
  { "em-dash", "plant\xE2\x80\x94the first", "plant - the first" },
  { "numbers", "1,200.5 tonnes in 2024, 3.", "1,200.5 tonnes in 2024 , 3 ." },
  { "soft-hyphen", "nu\xC2\xAD" "clear plant", "nuclear plant" },
  { "zero-width", "Rosa\xE2\x80\x8Btom", "Rosatom" },
  { "nbsp", "Lake\xC2\xA0" "Balkhash", "Lake Balkhash" },
  { "ellipsis", "wait\xE2\x80\xA6 now", "wait ... now" },
  { "non-latin", "\xD0\x9C\xD0\xBE\xD1\x81\xD0\xBA\xD0\xB2\xD0\xB0 hosted",
    "\xD0\x9C\xD0\xBE\xD1\x81\xD0\xBA\xD0\xB2\xD0\xB0 hosted" },
};

static void
test_words (gconstpointer data)
{
  guint i = GPOINTER_TO_UINT (data);
  g_autoptr (KgxTokens) toks = tokenize (word_cases[i].text);
  g_autofree char *got = forms (toks);

  g_assert_cmpstr (got, ==, word_cases[i].forms);
}

static void
test_hyphen_glue (void)
{
  g_autoptr (KgxTokens) toks = tokenize ("a Russian-designed plant, a Russian - designed one");
  guint h1 = find (toks, "-", 0), h2 = find (toks, "-", h1 + 1);

  /* Glued: no space before the hyphen or the word after it. */
  g_assert_false (tok (toks, h1)->flags & KGX_TOKF_SPACE);
  g_assert_false (tok (toks, h1 + 1)->flags & KGX_TOKF_SPACE);
  g_assert_true (tok (toks, h1)->flags & KGX_TOKF_PUNCT);
  /* Spaced: both have it. */
  g_assert_true (tok (toks, h2)->flags & KGX_TOKF_SPACE);
  g_assert_true (tok (toks, h2 + 1)->flags & KGX_TOKF_SPACE);
}

static void
test_possessive_flags (void)
{
  g_autoptr (KgxTokens) toks = tokenize ("Turkey\xE2\x80\x99s plant and 's alone");
  const KgxToken *s = tok (toks, 1);

  g_assert_cmpstr (s->form, ==, "'s");
  g_assert_false (s->flags & KGX_TOKF_SPACE);
  g_assert_true (s->flags & KGX_TOKF_LOWER);
  /* A quote mark and s after a space is no possessive. */
  g_assert_cmpstr (tok (toks, 4)->form, ==, "'");
}

/* ------------------------------------------------------------------ */
/* Offsets                                                             */

static void
test_offsets_map_back (void)
{
  /* Every token whose form differs from its bytes: curly marks, dashes,
   * soft hyphen, NBSP around, a possessive. */
  const char *text = "\xE2\x80\x9CTurkey\xE2\x80\x99s nu\xC2\xAD" "clear plant\xE2\x80\x9D,"
                     "\xC2\xA0" "said Osei\xE2\x80\x94" "again.";
  g_autoptr (KgxTokens) toks = tokenize (text);
  static const struct { const char *form; const char *bytes; } want[] = {
    { "\"", "\xE2\x80\x9C" }, { "Turkey", "Turkey" }, { "'s", "\xE2\x80\x99s" },
    { "nuclear", "nu\xC2\xAD" "clear" }, { "plant", "plant" }, { "\"", "\xE2\x80\x9D" },
    { ",", "," }, { "said", "said" }, { "Osei", "Osei" }, { "-", "\xE2\x80\x94" },
    { "again", "again" }, { ".", "." },
  };

  g_assert_cmpuint (toks->tokens->len, ==, G_N_ELEMENTS (want));
  for (guint i = 0; i < G_N_ELEMENTS (want); i++)
    {
      const KgxToken *t = tok (toks, i);
      g_autofree char *bytes = g_strndup (text + t->begin, t->end - t->begin);
      g_assert_cmpstr (t->form, ==, want[i].form);
      g_assert_cmpstr (bytes, ==, want[i].bytes);
    }
  g_assert_true (tok (toks, 7)->flags & KGX_TOKF_SPACE);  /* NBSP is a space */
}

static void
test_offsets_multiline (void)
{
  const char *text = "First line here.\n  Second \xC3\xA9t\xC3\xA9 line.\n";
  g_autoptr (KgxTokens) toks = tokenize (text);
  guint i = find (toks, "\xC3\xA9t\xC3\xA9", 0);

  g_assert_cmpuint (tok (toks, i)->begin, ==, strstr (text, "\xC3\xA9t") - text);
  g_assert_cmpuint (tok (toks, i)->end - tok (toks, i)->begin, ==, 5);
  g_assert_cmpuint (tok (toks, find (toks, "Second", 0))->begin, ==, 19);
}

static void
test_interning (void)
{
  g_autoptr (KgxTokens) toks = tokenize ("Plant plant PLANT plant");

  /* Same form, same pointer; lower forms shared across cases. */
  g_assert_true (tok (toks, 1)->form == tok (toks, 3)->form);
  g_assert_true (tok (toks, 0)->lower == tok (toks, 1)->lower);
  g_assert_true (tok (toks, 2)->lower == tok (toks, 1)->lower);
  g_assert_true (kgx_tokens_intern (toks, "plant", -1) == tok (toks, 1)->form);
}

static void
test_phrase (void)
{
  guint32 caps = 0;
  guint n = 0;
  g_auto (GStrv) words = kgx_tokenize_phrase ("Lake Balkhash nuclear plant", &caps, &n);
  g_auto (GStrv) poss = kgx_tokenize_phrase ("Egypt's El-Dabaa NPP", NULL, &n);

  g_assert_cmpuint (g_strv_length (words), ==, 4);
  g_assert_cmpstr (words[0], ==, "lake");
  g_assert_cmpstr (words[1], ==, "balkhash");
  g_assert_cmpuint (caps, ==, 0x3);
  g_assert_cmpuint (n, ==, 6);
  g_assert_cmpstr (poss[1], ==, "'s");
  g_assert_cmpstr (poss[3], ==, "-");
  g_assert_cmpstr (poss[5], ==, "npp");
}

/* Bytes that are not valid UTF-8 (the reader repairs them, but the
 * tokenizer must still terminate and keep its spans in the text). */
static void
test_invalid_bytes (void)
{
  const char text[] = "ab\xFF" "cd \xC3 ef\xE2\x80";
  g_autoptr (KgxTokens) toks = kgx_tokens_new (text, sizeof text - 1);

  assert_offsets_sane (toks, FALSE);
  g_assert_cmpuint (toks->tokens->len, >, 0);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (sentence_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/tokenizer/sentences/%s", sentence_cases[i].name);
      g_test_add_data_func (path, GUINT_TO_POINTER (i), test_sentences);
    }
  g_test_add_func ("/tokenizer/sentences/paragraphs", test_sentence_paragraphs);
  g_test_add_func ("/tokenizer/abbreviations", test_abbrev_flag);
  g_test_add_func ("/tokenizer/empty", test_empty);
  g_test_add_func ("/tokenizer/reset", test_reset);
  for (guint i = 0; i < G_N_ELEMENTS (headline_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/tokenizer/headline/%u", i);
      g_test_add_data_func (path, GUINT_TO_POINTER (i), test_headline);
    }
  g_test_add_func ("/tokenizer/case-flags", test_caps_flags);
  g_test_add_func ("/tokenizer/quotes/curly", test_quotes_curly);
  g_test_add_func ("/tokenizer/quotes/straight", test_quotes_straight);
  g_test_add_func ("/tokenizer/quotes/open-to-paragraph-end", test_quotes_open_to_paragraph_end);
  g_test_add_func ("/tokenizer/quotes/guillemets", test_quotes_guillemets);
  for (guint i = 0; i < G_N_ELEMENTS (word_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/tokenizer/words/%s", word_cases[i].name);
      g_test_add_data_func (path, GUINT_TO_POINTER (i), test_words);
    }
  g_test_add_func ("/tokenizer/hyphen-glue", test_hyphen_glue);
  g_test_add_func ("/tokenizer/possessive-flags", test_possessive_flags);
  g_test_add_func ("/tokenizer/offsets/map-back", test_offsets_map_back);
  g_test_add_func ("/tokenizer/offsets/multiline", test_offsets_multiline);
  g_test_add_func ("/tokenizer/interning", test_interning);
  g_test_add_func ("/tokenizer/phrase", test_phrase);
  g_test_add_func ("/tokenizer/invalid-bytes", test_invalid_bytes);

  return g_test_run ();
}
