/* test-background.c - which gazetteer rows may give a background fact
 * ("Almaty locatedIn Kazakhstan", from the gazetteer and not from the
 * text): kgx_gazetteer_background_country() on hand-made rows and on the
 * shipped tables.  The facts themselves are opt-in (--background-facts)
 * and never part of the default output.
 */
#include "config.h"

#include <string.h>

#include "kgx-gazetteer-private.h"
#include "../gazetteer-dirs.h"

static const char rows[] =
  "Almaty\tCity\tAlmaty\tcountry=Kazakhstan;region=Almaty;pop=2000900\n"
  "Kazakhstan\tCountry\tKazakhstan\tcode=KZ\n"
  "Kazakh\tCountry\tKazakhstan\tform=demonym\n"
  "London\tCity\tLondon\tcountry=United Kingdom;pop=8961989;homonyms=2;rival_pop=346765\n"
  "Valencia\tCity\tValencia\tcountry=Venezuela;pop=1619470;homonyms=3;rival_pop=814208\n"
  "Lake Balkhash\tLake\tLake Balkhash\tcountry=Kazakhstan\n"
  "Balkhash\tLake\tLake Balkhash\tcountry=Kazakhstan;short=1\n"
  "Balkhash\tCity\tBalkhash\tcountry=Kazakhstan;pop=66000\n"
  "Cork\tCity\tCork\tcountry=Ireland;pop=190384;amb=1\n"
  "Astana\tCity\tAstana\tcountry=Kazakhstan\n"
  "Nur-Sultan\tCity\tAstana\tcountry=Kazakhstan\n"
  "Central Asia\tGeoRegion\tCentral Asia\n"
  "mayor\tTitle\tmayor\tkind=leading;country=Nowhere\n"
  "Kazatomprom\tCompany\tKazatomprom\tcountry=Kazakhstan\n";

static const struct {
  const char *label, *cls, *country;
} cases[] = {
  { "Almaty", "City", "Kazakhstan" },
  { "Kazakhstan", "Country", NULL },       /* a country is in no country */
  { "Kazakh", "Country", NULL },           /* a demonym */
  { "London", "City", "United Kingdom" },  /* 26 times London, Ontario */
  { "Valencia", "City", NULL },            /* twice Valencia, Spain: which? */
  { "Lake Balkhash", "Lake", "Kazakhstan" },
  { "Balkhash", "Lake", NULL },            /* the lake or the town */
  { "Balkhash", "City", NULL },
  { "Cork", "City", NULL },                /* amb=1 */
  { "Nur-Sultan", "City", "Kazakhstan" },  /* an alias of one place */
  { "Central Asia", "GeoRegion", NULL },   /* no country= */
  { "mayor", "Title", NULL },              /* not an entity */
  { "Kazatomprom", "Company", "Kazakhstan" }, /* the world keeps places only */
};

static guint32
find (const KgxGazetteer *gaz, const char *label, const char *cls)
{
  for (guint i = 0; i < kgx_gazetteer_get_size (gaz); i++)
    {
      const KgxGazEntry *e = kgx_gazetteer_get_entry (gaz, i);
      if (strcmp (e->label, label) == 0 && strcmp (e->cls, cls) == 0)
        return i;
    }
  g_error ("no row %s/%s", label, cls);
  return G_MAXUINT32;
}

static void
test_rows (void)
{
  g_autoptr (KgxGazetteer) gaz = kgx_gazetteer_new ();
  g_autoptr (GError) error = NULL;

  g_assert_true (kgx_gazetteer_load_data (gaz, rows, strlen (rows), "rows.tsv", FALSE, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      guint32 e = find (gaz, cases[i].label, cases[i].cls);
      g_test_message ("%s/%s", cases[i].label, cases[i].cls);
      g_assert_cmpstr (kgx_gazetteer_background_country (gaz, e), ==, cases[i].country);
    }
  g_assert_null (kgx_gazetteer_background_country (gaz, G_MAXUINT32 - 1));
}

static const char *
word_country (const KgxGazetteer *gaz, const char *lower, const char *cls)
{
  for (guint32 e = kgx_gazetteer_lookup_word (gaz, lower); e != G_MAXUINT32;
       e = kgx_gazetteer_get_entry (gaz, e)->next)
    if (strcmp (kgx_gazetteer_get_entry (gaz, e)->cls, cls) == 0)
      return kgx_gazetteer_background_country (gaz, e);
  return NULL;
}

/* On the shipped tables: the example holds, every fact names a
 * country of countries.tsv, and the counts are printed for the record. */
static void
test_shipped (void)
{
  g_autofree char *hand = NULL, *gen = NULL;
  g_autoptr (KgxGazetteer) gaz = kgx_gazetteer_new ();
  g_autoptr (GHashTable) countries = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GHashTable) by_class = g_hash_table_new (g_str_hash, g_str_equal);
  guint facts = 0, cities = 0, city_facts = 0;

  shipped_gazetteer_dirs ("../..", &hand, &gen);
  g_assert_cmpuint (load_gazetteer_dir (gaz, hand), >, 0);
  if (load_gazetteer_dir (gaz, gen) == 0)
    {
      g_test_skip ("no generated gazetteers (build ontology/gazetteers/generated first)");
      return;
    }
  for (guint i = 0; i < kgx_gazetteer_get_size (gaz); i++)
    {
      const KgxGazEntry *e = kgx_gazetteer_get_entry (gaz, i);
      if (e->kind == KGX_GAZ_ENTITY && strcmp (e->cls, "Country") == 0)
        g_hash_table_add (countries, (gpointer) e->canonical);
    }
  for (guint i = 0; i < kgx_gazetteer_get_size (gaz); i++)
    {
      const KgxGazEntry *e = kgx_gazetteer_get_entry (gaz, i);
      const char *c = kgx_gazetteer_background_country (gaz, i);
      if (e->kind == KGX_GAZ_ENTITY && strcmp (e->cls, "City") == 0)
        cities++;
      if (c == NULL)
        continue;
      facts++;
      city_facts += strcmp (e->cls, "City") == 0;
      g_hash_table_insert (by_class, (gpointer) e->cls,
                           GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (by_class, e->cls)) + 1));
      if (!g_hash_table_contains (countries, c))
        g_error ("%s:%u: country=%s is not a country's canonical name", e->file, e->line, c);
    }
  g_test_message ("%u rows may give a background fact, %u of %u city rows", facts, city_facts,
                  cities);
  {
    GHashTableIter it;
    gpointer k, v;
    g_hash_table_iter_init (&it, by_class);
    while (g_hash_table_iter_next (&it, &k, &v))
      g_test_message ("  %s: %u", (const char *) k, GPOINTER_TO_UINT (v));
  }
  g_assert_cmpuint (city_facts, >, cities / 2);
  g_assert_cmpstr (word_country (gaz, "almaty", "City"), ==, "Kazakhstan");
  g_assert_cmpstr (word_country (gaz, "london", "City"), ==, "United Kingdom");
  g_assert_null (word_country (gaz, "valencia", "City"));
  g_assert_null (word_country (gaz, "kazakhstan", "Country"));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/background/rows", test_rows);
  g_test_add_func ("/background/shipped", test_shipped);
  return g_test_run ();
}
