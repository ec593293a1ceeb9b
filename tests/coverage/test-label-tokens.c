/* test-label-tokens.c - a gazetteer label is tokenized exactly as the text
 * tokenizer tokenizes the same words.
 *
 * The loader (extractor/kgx-gazetteer.c) reads plain ASCII labels with a
 * fast path of its own and gives every other label to kgx_tokens_new().
 * Lookups run over the text's tokens, so a label the fast path cut
 * differently could never be found.  For each label here the test loads it,
 * tokenizes it with kgx_tokens_new(), looks those tokens up and checks that
 * the trie node they reach holds the label's entry, with the same token
 * count and the same capital and all-capital masks.
 *
 * Labels: hand-picked tricky ones (hyphens, apostrophes, "U.S.", "AT&T",
 * curly quotes, digits, glued words), random strings from an alphabet of
 * such pieces (fixed seed), and every label of the shipped gazetteers.
 */
#include "config.h"

#include <string.h>

#include "kgx-gazetteer-private.h"
#include "../gazetteer-dirs.h"

static const char *const tricky[] = {
  "Rostov-on-Don", "Ust-Kamenogorsk", "Guinea-Bissau", "Hewlett-Packard", "co-operation",
  "Kazakh-Russian", "X-ray", "50-50", "7-Eleven", "-leading", "trailing-", "a - b",
  "O'Brien", "O’Brien", "Côte d'Ivoire", "Côte d’Ivoire", "d'Ivoire", "l'Aquila",
  "rock'n'roll", "McDonald's", "McDonald’s", "Egypt's plant", "Egypt’s plant", "NATO's",
  "'s-Gravenzande", "’s-Hertogenbosch", "Tver'", "Tver’", "‘Ajmān", "'Asir", "`quoted`",
  "U.S.", "U.S.A.", "U.K.", "N.Y.", "Ind.", "e.g.", "St. Petersburg", "Mr. Smith", "Mr Smith",
  "Rosatom State Corp.", "Acme Inc.", "A.P. Møller", "J. Paul Getty", "Co.", "No. 1",
  "AT&T", "Procter & Gamble", "Ben & Jerry's", "R&D", "A&P",
  "“Quoted” Name", "\"Quoted\" Name", "«Rosatom»", "“Kazatomprom”",
  "6th of October City", "1,000 Islands", "3.5 Mile", "G7", "3M", "H2O", "100%", "$5",
  "PricewaterhouseCoopers", "contentsKazakhstan", "abcdEfgh", "abcDef", "iPhone", "eBay",
  "MacDonald", "McKinsey", "IAEA", "KAZATOMPROM", "ABCdef", "ABC DEF", "Abc DEF ghi",
  "A", "a", "I", "X Y Z", "x", "UN", "Us", "US",
  "São Paulo", "İstanbul", "Zürich", "Đà Nẵng", "Ürümqi", "ÅLAND", "Åland Islands",
  "Lake\xC2\xA0" "Balkhash", "soft\xC2\xAD" "hyphen", "zero\xE2\x80\x8B" "width",
  "en\xE2\x80\x93" "dash", "em\xE2\x80\x94" "dash", "Armenia–Russia", "Yahoo!", "C++",
  "Sint Maarten (Dutch part)", "Bonaire, Sint Eustatius and Saba",
  "Foo_Bar", "mail@example", "hash#tag", "back\\slash", "{brace}", "[bracket]", "pipe|bar",
  "semi;colon", "colon:x", "ques?tion", "ex!claim", "a/b", "a+b", "a=b", "<tag>", "~tilde",
  "a^b", "x*y", "two  spaces", "dot.inside", "comma,inside", "1.5", "1,5", "v1.2.3",
  "Director General", "director-general", "DIRECTOR GENERAL", "Prime Minister",
  "...", "Wait…", "a…b",
};

/* The lexical forms of a label as the text tokenizer reads them. */
typedef struct {
  guint   n;
  guint32 caps, allcaps;
} TextTokens;

/* Checks one label against a gazetteer that holds it as entry INDEX. */
static void
check_label (const KgxGazetteer *gaz, const char *label, guint32 index)
{
  g_autoptr (KgxTokens) toks = kgx_tokens_new (label, strlen (label));
  const KgxToken *t = (const KgxToken *) toks->tokens->data;
  guint n = toks->tokens->len;
  guint lens[40];
  guint32 heads[40];
  guint found;
  gboolean hit = FALSE;
  const KgxGazEntry *want = kgx_gazetteer_get_entry (gaz, index);
  TextTokens tt = { n, 0, 0 };

  g_assert_nonnull (want);
  if (n == 0 || n > 32)
    return;  /* not loaded: the loader refuses it whichever path it takes */
  for (guint i = 0; i < n; i++)
    {
      if (t[i].flags & KGX_TOKF_CAP)
        tt.caps |= 1u << i;
      if (t[i].flags & KGX_TOKF_ALLCAPS)
        tt.allcaps |= 1u << i;
    }
  found = kgx_gazetteer_lookup (gaz, t, n, 0, lens, heads, G_N_ELEMENTS (lens));
  for (guint m = 0; m < found; m++)
    {
      if (lens[m] != n)
        continue;
      for (guint32 e = heads[m]; e != G_MAXUINT32; e = kgx_gazetteer_get_entry (gaz, e)->next)
        if (e == index)
          hit = TRUE;
    }
  if (!hit)
    {
      g_autoptr (GString) forms = g_string_new (NULL);
      for (guint i = 0; i < n; i++)
        g_string_append_printf (forms, "%s[%s]", i ? " " : "", t[i].lower);
      g_test_message ("label '%s': the text's tokens %s do not reach its entry (%u tokens)",
                      label, forms->str, want->n_tokens);
    }
  g_assert_true (hit);
  g_assert_cmpuint (want->n_tokens, ==, tt.n);
  if (want->caps != tt.caps || want->allcaps != tt.allcaps)
    g_test_message ("label '%s': caps %#x/%#x, text %#x/%#x", label, want->caps,
                    want->allcaps, tt.caps, tt.allcaps);
  g_assert_cmpuint (want->caps, ==, tt.caps);
  g_assert_cmpuint (want->allcaps, ==, tt.allcaps);
}

/* Loads LABELS (one gazetteer row each, in order) and checks every one
 * that loaded; returns how many were checked. */
static guint
check_labels (GPtrArray *labels)
{
  g_autoptr (KgxGazetteer) gaz = kgx_gazetteer_new ();
  guint checked = 0;

  for (guint i = 0; i < labels->len; i++)
    {
      const char *label = g_ptr_array_index (labels, i);
      g_autofree char *row = g_strdup_printf ("%s\tPlace\tentry %u\n", label, i);
      g_autoptr (GError) error = NULL;
      guint before = kgx_gazetteer_get_size (gaz);

      if (!kgx_gazetteer_load_data (gaz, row, strlen (row), "labels.tsv", FALSE, &error))
        {
          /* only a label with no tokens or too many may be refused */
          g_autoptr (KgxTokens) toks = kgx_tokens_new (label, strlen (label));
          g_assert_error (error, KGX_GAZETTEER_ERROR, KGX_GAZETTEER_ERROR_SYNTAX);
          g_assert_true (toks->tokens->len == 0 || toks->tokens->len > 32);
          continue;
        }
      g_assert_cmpuint (kgx_gazetteer_get_size (gaz), ==, before + 1);
      check_label (gaz, label, before);
      checked++;
    }
  return checked;
}

static void
test_tricky (void)
{
  g_autoptr (GPtrArray) labels = g_ptr_array_new ();

  for (guint i = 0; i < G_N_ELEMENTS (tricky); i++)
    g_ptr_array_add (labels, (gpointer) tricky[i]);
  g_assert_cmpuint (check_labels (labels), ==, G_N_ELEMENTS (tricky));
}

/* Random labels from pieces that the tokenizer reads by their context. */
static void
test_random (void)
{
  static const char *const pieces[] = {
    "a", "b", "e", "s", "A", "B", "S", "Ab", "ab", "AB", "abcd", "abcde", "Abcde", "ABCDE",
    "x", "Zy", "0", "1", "42", "7th", " ", " ", " ", " ", "-", "'", "’", "‘", "`", "\"",
    "“", "”", ".", ",", "&", "(", ")", "/", "!", "?", ";", ":", "+", "_", "@", "é", "É",
    "ß", "İ", "ø", "\xC2\xA0", "\xC2\xAD", "\xE2\x80\x93", "…", "'s", "’s", "s.",
    "Mr", "U", "St", "Inc", "no", "mln",
  };
  g_autoptr (GRand) rand = g_rand_new_with_seed (20240603);
  g_autoptr (GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < 20000; i++)
    {
      GString *s = g_string_new (NULL);
      guint len = g_rand_int_range (rand, 1, 9);
      for (guint k = 0; k < len; k++)
        g_string_append (s, pieces[g_rand_int_range (rand, 0, G_N_ELEMENTS (pieces))]);
      g_strstrip (s->str);
      if (s->str[0] == '\0' || s->str[0] == '#')
        {
          g_string_free (s, TRUE);
          continue;
        }
      g_ptr_array_add (labels, g_string_free (s, FALSE));
    }
  g_assert_cmpuint (check_labels (labels), >, 15000);
}

/* Every label of the hand-written and generated gazetteers. */
static void
add_dir_labels (GPtrArray *labels, const char *dirname)
{
  g_autoptr (GDir) dir = g_dir_open (dirname, 0, NULL);
  const char *name;

  if (dir == NULL)
    return;
  while ((name = g_dir_read_name (dir)))
    {
      g_autofree char *path = g_build_filename (dirname, name, NULL);
      g_autofree char *text = NULL;
      g_auto (GStrv) lines = NULL;

      if (!g_str_has_suffix (name, ".tsv") || !g_file_get_contents (path, &text, NULL, NULL))
        continue;
      lines = g_strsplit (text, "\n", -1);
      for (guint i = 0; lines[i]; i++)
        {
          char *tab = strchr (lines[i], '\t');
          if (lines[i][0] == '#' || tab == NULL)
            continue;
          g_ptr_array_add (labels, g_strstrip (g_strndup (lines[i], tab - lines[i])));
        }
    }
}

static void
test_shipped (void)
{
  g_autofree char *hand = NULL, *gen = NULL;
  g_autoptr (GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  guint hand_n;

  shipped_gazetteer_dirs ("../..", &hand, &gen);
  add_dir_labels (labels, hand);
  hand_n = labels->len;
  g_assert_cmpuint (hand_n, >, 1000);
  add_dir_labels (labels, gen);
  g_test_message ("%u hand-written and %u generated labels", hand_n, labels->len - hand_n);
  g_assert_cmpuint (check_labels (labels), ==, labels->len);
  if (labels->len == hand_n)
    g_test_skip ("no generated gazetteers (build ontology/gazetteers/generated first)");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/label-tokens/tricky", test_tricky);
  g_test_add_func ("/label-tokens/random", test_random);
  g_test_add_func ("/label-tokens/shipped", test_shipped);
  return g_test_run ();
}
