/* test-gazetteer.c - unit tests for gazetteers (kgx-gazetteer-private.h,
 * docs/gazetteers.md): loading TSV rows into entries, longest-first lookup
 * over tokens, what is kept of a label's case, errors at LINE:COL, user
 * files, and loading the shipped tables with the real ontology.
 */
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>

#include "kgx-gazetteer-private.h"
#include "kgx-ontology.h"
#include "gazetteer-dirs.h"

#define NONE G_MAXUINT32

static KgxOntology *
load_ontology (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "ontology",
                                                 "kgextract.ttl", NULL);
  g_autoptr (GError) error = NULL;
  KgxOntology *onto = kgx_ontology_new_from_file (path, &error);

  g_assert_no_error (error);
  return onto;
}

static gboolean
class_check (const char *cls, gpointer user_data)
{
  return kgx_ontology_has_class (user_data, cls);
}

static gboolean
load (KgxGazetteer *gaz, const char *text, GError **error)
{
  return kgx_gazetteer_load_data (gaz, text, strlen (text), "test.tsv", FALSE, error);
}

static const char sample[] =
  "# a comment\n"
  "\n"
  "Lake Balkhash\tLake\tLake Balkhash\tcountry=Kazakhstan\n"
  "Balkhash\tLake\tLake Balkhash\tcountry=Kazakhstan;short=1\n"
  "Balkhash\tCity\tBalkhash\tcountry=Kazakhstan;pop=66000\n"
  "Kazakhstan\tCountry\tKazakhstan\n"
  "Kazakh\tCountry\tKazakhstan\tform=demonym\n"
  "IAEA\tInternationalOrganization\tInternational Atomic Energy Agency\n"
  "International Atomic Energy Agency\tInternationalOrganization\n"
  "director general\tTitle\tdirector general\tkind=leading\n"
  "director\tTitle\tdirector\tkind=other;amb=1\n"
  "nuclear power plant\tFacilityHead\tnuclear power plant\tsub=NuclearPowerPlant\n"
  "Agency\tOrgHead\tAgency\tsub=GovernmentAgency\n"
  "Marta\tGivenName\tMarta\tsex=f\n"
  "Mr\tPersonPrefix\tMr\n"
  "Monday\tNotEntity\tmonday\tsec=weekdays\n"
  "Egypt's plant\tFacility\tEgyptian plant\n";

static KgxGazetteer *
load_sample (KgxOntology *onto)
{
  KgxGazetteer *gaz = kgx_gazetteer_new ();
  g_autoptr (GError) error = NULL;

  if (onto)
    kgx_gazetteer_set_class_check (gaz, class_check, onto);
  g_assert_true (load (gaz, sample, &error));
  g_assert_no_error (error);
  return gaz;
}

/* The entries that start at token `start` of text, as "LEN:label/Class"
 * strings joined by " ", every entry of every length in order. */
static char *
lookup (const KgxGazetteer *gaz, const char *text, guint start)
{
  g_autoptr (KgxTokens) toks = kgx_tokens_new (text, strlen (text));
  guint lens[8];
  guint32 heads[8];
  guint n = kgx_gazetteer_lookup (gaz, (const KgxToken *) toks->tokens->data,
                                  toks->tokens->len, start, lens, heads, 8);
  GString *s = g_string_new (NULL);
  g_autofree guint32 *ids = g_new (guint32, toks->tokens->len + 1);

  /* kgx_gazetteer_lookup_cached() gives the same, with its cache filled
   * by the lookups at the tokens before start, as the entity finder's */
  memset (ids, 0xff, (toks->tokens->len + 1) * sizeof (guint32));
  for (guint from = 0; from <= start && from < toks->tokens->len; from++)
    {
      guint lens2[8];
      guint32 heads2[8];
      guint n2 = kgx_gazetteer_lookup_cached (gaz, (const KgxToken *) toks->tokens->data, ids,
                                              toks->tokens->len, from, lens2, heads2, 8);
      if (from == start)
        {
          g_assert_cmpuint (n2, ==, n);
          g_assert_cmpmem (lens2, n2 * sizeof (guint), lens, n * sizeof (guint));
          g_assert_cmpmem (heads2, n2 * sizeof (guint32), heads, n * sizeof (guint32));
        }
    }

  for (guint i = 0; i < n; i++)
    {
      if (i > 0)
        g_assert_cmpuint (lens[i - 1], <, lens[i]);
      for (guint32 e = heads[i]; e != NONE; e = kgx_gazetteer_get_entry (gaz, e)->next)
        {
          const KgxGazEntry *entry = kgx_gazetteer_get_entry (gaz, e);
          g_assert_cmpuint (entry->n_tokens, ==, lens[i]);
          g_string_append_printf (s, "%s%u:%s/%s", s->len ? " " : "", lens[i], entry->label,
                                  entry->cls);
        }
    }
  return g_string_free (s, FALSE);
}

/* ------------------------------------------------------------------ */

static void
test_load (void)
{
  g_autoptr (KgxOntology) onto = load_ontology ();
  g_autoptr (KgxGazetteer) gaz = load_sample (onto);
  const KgxGazEntry *e;

  g_assert_cmpuint (kgx_gazetteer_get_size (gaz), ==, 15);
  g_assert_null (kgx_gazetteer_get_entry (gaz, 15));

  e = kgx_gazetteer_get_entry (gaz, 0);
  g_assert_cmpstr (e->label, ==, "Lake Balkhash");
  g_assert_cmpstr (e->cls, ==, "Lake");
  g_assert_cmpstr (e->canonical, ==, "Lake Balkhash");
  g_assert_cmpstr (e->country, ==, "Kazakhstan");
  g_assert_cmpstr (e->file, ==, "test.tsv");
  g_assert_cmpuint (e->line, ==, 3);
  g_assert_cmpuint (e->n_tokens, ==, 2);
  g_assert_cmpint (e->kind, ==, KGX_GAZ_ENTITY);
  g_assert_false (e->flags & KGX_GAZF_USER);

  e = kgx_gazetteer_get_entry (gaz, 2);
  g_assert_cmpstr (e->cls, ==, "City");
  g_assert_cmpuint (e->pop, ==, 66000);

  e = kgx_gazetteer_get_entry (gaz, 4);
  g_assert_true (e->flags & KGX_GAZF_DEMONYM);
  g_assert_cmpstr (e->canonical, ==, "Kazakhstan");

  /* No canonical: the label is. */
  e = kgx_gazetteer_get_entry (gaz, 6);
  g_assert_cmpstr (e->canonical, ==, "International Atomic Energy Agency");
  g_assert_cmpuint (e->n_tokens, ==, 4);

  e = kgx_gazetteer_get_entry (gaz, 7);
  g_assert_cmpint (e->kind, ==, KGX_GAZ_TITLE);
  g_assert_true (e->flags & KGX_GAZF_LEADING);
  e = kgx_gazetteer_get_entry (gaz, 8);
  g_assert_false (e->flags & KGX_GAZF_LEADING);
  g_assert_true (e->flags & KGX_GAZF_AMBIGUOUS);

  e = kgx_gazetteer_get_entry (gaz, 9);
  g_assert_cmpint (e->kind, ==, KGX_GAZ_FACILITY_HEAD);
  g_assert_cmpstr (e->sub, ==, "NuclearPowerPlant");
  g_assert_cmpint (kgx_gazetteer_get_entry (gaz, 10)->kind, ==, KGX_GAZ_ORG_HEAD);
  g_assert_cmpint (kgx_gazetteer_get_entry (gaz, 11)->kind, ==, KGX_GAZ_GIVEN_NAME);
  g_assert_cmpint (kgx_gazetteer_get_entry (gaz, 12)->kind, ==, KGX_GAZ_PERSON_PREFIX);
  g_assert_cmpint (kgx_gazetteer_get_entry (gaz, 13)->kind, ==, KGX_GAZ_NOT_ENTITY);

  /* A label is tokenized like text: "Egypt's plant" is three tokens. */
  g_assert_cmpuint (kgx_gazetteer_get_entry (gaz, 14)->n_tokens, ==, 3);
}

static const struct {
  const char *text;
  guint       start;
  const char *found;
} lookup_cases[] = {
  /* every length that matches, shortest first; one label, several entries */
  { "near Lake Balkhash today", 1, "2:Lake Balkhash/Lake" },
  { "near Lake Balkhash today", 2, "1:Balkhash/Lake 1:Balkhash/City" },
  { "the International Atomic Energy Agency said", 1,
    "4:International Atomic Energy Agency/InternationalOrganization" },
  /* a prefix of a label is no match */
  { "the International Atomic Energy said", 1, "" },
  { "the International Atomic Energy said", 0, "" },
  /* matching ignores case */
  { "LAKE BALKHASH", 0, "2:Lake Balkhash/Lake" },
  { "lake balkhash", 0, "2:Lake Balkhash/Lake" },
  { "Nuclear Power Plant", 0, "3:nuclear power plant/FacilityHead" },
  { "iaea", 0, "1:IAEA/InternationalOrganization" },
  /* and the text's spelling variants: curly apostrophe, NBSP */
  { "Egypt\xE2\x80\x99s plant", 0, "3:Egypt's plant/Facility" },
  { "Lake\xC2\xA0" "Balkhash", 0, "2:Lake Balkhash/Lake" },
  { "director general Marta", 0, "1:director/Title 2:director general/Title" },
  { "nothing here", 0, "" },
};

static void
test_lookup (gconstpointer data)
{
  guint i = GPOINTER_TO_UINT (data);
  g_autoptr (KgxGazetteer) gaz = load_sample (NULL);
  g_autofree char *got = lookup (gaz, lookup_cases[i].text, lookup_cases[i].start);

  g_assert_cmpstr (got, ==, lookup_cases[i].found);
}

static void
test_lookup_max (void)
{
  g_autoptr (KgxGazetteer) gaz = load_sample (NULL);
  g_autoptr (KgxTokens) toks = kgx_tokens_new ("director general", 16);
  guint lens[1];
  guint32 heads[1];

  /* At most max lengths are returned: the shortest ones. */
  g_assert_cmpuint (kgx_gazetteer_lookup (gaz, (const KgxToken *) toks->tokens->data,
                                          toks->tokens->len, 0, lens, heads, 1), ==, 1);
  g_assert_cmpuint (lens[0], ==, 1);
  /* A start at the end finds nothing. */
  g_assert_cmpuint (kgx_gazetteer_lookup (gaz, (const KgxToken *) toks->tokens->data,
                                          toks->tokens->len, 2, lens, heads, 1), ==, 0);
}

static void
test_lookup_word (void)
{
  g_autoptr (KgxGazetteer) gaz = load_sample (NULL);
  guint32 e = kgx_gazetteer_lookup_word (gaz, "kazakh");

  g_assert_cmpuint (e, !=, NONE);
  g_assert_cmpstr (kgx_gazetteer_get_entry (gaz, e)->label, ==, "Kazakh");
  e = kgx_gazetteer_lookup_word (gaz, "balkhash");
  g_assert_cmpstr (kgx_gazetteer_get_entry (gaz, e)->cls, ==, "Lake");  /* file order */
  g_assert_cmpuint (kgx_gazetteer_get_entry (gaz, e)->next, !=, NONE);
  g_assert_cmpuint (kgx_gazetteer_lookup_word (gaz, "lake"), ==, NONE);  /* only a prefix */
  g_assert_cmpuint (kgx_gazetteer_lookup_word (gaz, "zorvik"), ==, NONE);
}

/* Case is matched loosely, but each entry keeps which of its label's
 * tokens are capitalised or all capitals, for the entity stage to check. */
static void
test_case_masks (void)
{
  g_autoptr (KgxGazetteer) gaz = load_sample (NULL);
  const KgxGazEntry *e;

  e = kgx_gazetteer_get_entry (gaz, 0);            /* Lake Balkhash */
  g_assert_cmpuint (e->caps, ==, 0x3);
  g_assert_cmpuint (e->allcaps, ==, 0);
  e = kgx_gazetteer_get_entry (gaz, 5);            /* IAEA */
  g_assert_cmpuint (e->caps, ==, 0x1);
  g_assert_cmpuint (e->allcaps, ==, 0x1);
  e = kgx_gazetteer_get_entry (gaz, 9);            /* nuclear power plant */
  g_assert_cmpuint (e->caps, ==, 0);
  e = kgx_gazetteer_get_entry (gaz, 14);           /* Egypt 's plant */
  g_assert_cmpuint (e->caps, ==, 0x1);
}

/* Several files: entries keep their file and line; a user file's entries
 * are marked as such and come first in a label's chain when loaded first. */
static void
test_user_file (void)
{
  g_autoptr (KgxOntology) onto = load_ontology ();
  g_autoptr (KgxGazetteer) gaz = kgx_gazetteer_new ();
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("kgx-gaz-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "mine.tsv", NULL);
  const char *mine = "# my companies\nZorvik\tCompany\tZorvik Group\nBalkhash\tCompany\tBalkhash Mining\n";
  guint32 e;

  kgx_gazetteer_set_class_check (gaz, class_check, onto);
  g_assert_true (g_file_set_contents (path, mine, -1, NULL));
  g_assert_true (kgx_gazetteer_load_file (gaz, path, TRUE, &error));
  g_assert_no_error (error);
  g_assert_true (load (gaz, sample, &error));

  e = kgx_gazetteer_lookup_word (gaz, "zorvik");
  g_assert_cmpuint (e, !=, NONE);
  g_assert_true (kgx_gazetteer_get_entry (gaz, e)->flags & KGX_GAZF_USER);
  g_assert_cmpstr (kgx_gazetteer_get_entry (gaz, e)->file, ==, path);
  g_assert_cmpuint (kgx_gazetteer_get_entry (gaz, e)->line, ==, 2);
  g_assert_cmpstr (kgx_gazetteer_get_entry (gaz, e)->canonical, ==, "Zorvik Group");

  e = kgx_gazetteer_lookup_word (gaz, "balkhash");
  g_assert_cmpstr (kgx_gazetteer_get_entry (gaz, e)->canonical, ==, "Balkhash Mining");
  g_assert_true (kgx_gazetteer_get_entry (gaz, e)->flags & KGX_GAZF_USER);
  e = kgx_gazetteer_get_entry (gaz, e)->next;
  g_assert_cmpuint (e, !=, NONE);
  g_assert_false (kgx_gazetteer_get_entry (gaz, e)->flags & KGX_GAZF_USER);

  g_unlink (path);
  g_rmdir (dir);
}

static void
test_missing_file (void)
{
  g_autoptr (KgxGazetteer) gaz = kgx_gazetteer_new ();
  g_autoptr (GError) error = NULL;
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "no-such-file.tsv", NULL);

  g_assert_false (kgx_gazetteer_load_file (gaz, path, TRUE, &error));
  g_assert_error (error, KGX_GAZETTEER_ERROR, KGX_GAZETTEER_ERROR_IO);
  g_assert_cmpuint (kgx_gazetteer_get_size (gaz), ==, 0);
}

/* ------------------------------------------------------------------ */
/* Errors                                                              */

static const struct {
  const char *name;
  const char *text;
  guint       line, col;
  gint        code;
  const char *message;
} error_cases[] = {
  { "one-column", "# x\nZorvik\n", 2, 1, KGX_GAZETTEER_ERROR_SYNTAX, "expected label" },
  { "five-columns", "Zorvik\tCompany\tZorvik\tpop=1\textra\n", 1, 1,
    KGX_GAZETTEER_ERROR_SYNTAX, "expected label" },
  { "empty-label", "\n \tCompany\tZorvik\n", 2, 1, KGX_GAZETTEER_ERROR_SYNTAX, "empty label" },
  { "empty-class", "Zorvik\t\tZorvik\n", 1, 8, KGX_GAZETTEER_ERROR_SYNTAX, "empty class" },
  { "unknown-class", "Kazakhstan\tCountry\n\nZorvik\tCompny\tZorvik Group\n", 3, 8,
    KGX_GAZETTEER_ERROR_CLASS, "unknown class 'Compny'" },
  { "unknown-sub", "Plant\tFacilityHead\tplant\tsub=PowerPlnt\n", 1, 1,
    KGX_GAZETTEER_ERROR_CLASS, "PowerPlnt" },
  { "extra-not-pairs", "Zorvik\tCompany\tZorvik\tcountry\n", 1, 1,
    KGX_GAZETTEER_ERROR_SYNTAX, "key=value" },
  { "invalid-utf8", "Zorvik\tCompany\n\nCaf\xE9\tCompany\n", 3, 1,
    KGX_GAZETTEER_ERROR_SYNTAX, "invalid UTF-8" },
  { "no-tokens", "\xE2\x80\x8B\tCompany\tZorvik\n", 1, 1,
    KGX_GAZETTEER_ERROR_SYNTAX, "no tokens" },
};

static void
test_error (gconstpointer data)
{
  guint i = GPOINTER_TO_UINT (data);
  g_autoptr (KgxOntology) onto = load_ontology ();
  g_autoptr (KgxGazetteer) gaz = kgx_gazetteer_new ();
  g_autoptr (GError) error = NULL;
  g_autofree char *where = g_strdup_printf ("test.tsv:%u:%u: ", error_cases[i].line,
                                            error_cases[i].col);

  kgx_gazetteer_set_class_check (gaz, class_check, onto);
  g_assert_false (load (gaz, error_cases[i].text, &error));
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  g_assert_true (error->domain == KGX_GAZETTEER_ERROR);
  g_assert_cmpint (error->code, ==, error_cases[i].code);
  if (!g_str_has_prefix (error->message, where))
    g_assert_cmpstr (error->message, ==, where);
  if (strstr (error->message, error_cases[i].message) == NULL)
    g_assert_cmpstr (error->message, ==, error_cases[i].message);
}

/* Without a class check any class is taken (the check is the world's). */
static void
test_no_class_check (void)
{
  g_autoptr (KgxGazetteer) gaz = kgx_gazetteer_new ();
  g_autoptr (GError) error = NULL;

  g_assert_true (load (gaz, "Zorvik\tCompny\tZorvik Group\n", &error));
  g_assert_no_error (error);
}

/* ------------------------------------------------------------------ */
/* The shipped tables                                                  */

static gboolean
chain_has (const KgxGazetteer *gaz, const char *word, const char *cls)
{
  for (guint32 e = kgx_gazetteer_lookup_word (gaz, word); e != NONE;
       e = kgx_gazetteer_get_entry (gaz, e)->next)
    if (strcmp (kgx_gazetteer_get_entry (gaz, e)->cls, cls) == 0)
      return TRUE;
  return FALSE;
}

static void
test_shipped (void)
{
  g_autoptr (KgxOntology) onto = load_ontology ();
  g_autoptr (KgxGazetteer) gaz = kgx_gazetteer_new ();
  g_autofree char *hand = NULL, *gen = NULL;

  shipped_gazetteer_dirs ("..", &hand, &gen);
  kgx_gazetteer_set_class_check (gaz, class_check, onto);
  g_assert_cmpuint (load_gazetteer_dir (gaz, hand), >, 0);
  g_assert_true (chain_has (gaz, "monday", "NotEntity"));
  g_assert_true (chain_has (gaz, "ceo", "Title"));
  if (load_gazetteer_dir (gaz, gen) == 0)
    {
      g_test_skip ("no generated gazetteers (build ontology/gazetteers/generated first)");
      return;
    }
  g_assert_true (chain_has (gaz, "kazakhstan", "Country"));
  g_assert_true (chain_has (gaz, "almaty", "City"));
  g_assert_cmpuint (kgx_gazetteer_get_size (gaz), >, 10000);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/gazetteer/load", test_load);
  for (guint i = 0; i < G_N_ELEMENTS (lookup_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/gazetteer/lookup/%u", i);
      g_test_add_data_func (path, GUINT_TO_POINTER (i), test_lookup);
    }
  g_test_add_func ("/gazetteer/lookup/max", test_lookup_max);
  g_test_add_func ("/gazetteer/lookup/word", test_lookup_word);
  g_test_add_func ("/gazetteer/case", test_case_masks);
  g_test_add_func ("/gazetteer/user-file", test_user_file);
  g_test_add_func ("/gazetteer/missing-file", test_missing_file);
  for (guint i = 0; i < G_N_ELEMENTS (error_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/gazetteer/error/%s", error_cases[i].name);
      g_test_add_data_func (path, GUINT_TO_POINTER (i), test_error);
    }
  g_test_add_func ("/gazetteer/no-class-check", test_no_class_check);
  g_test_add_func ("/gazetteer/shipped", test_shipped);

  return g_test_run ();
}
