/* geonames-cities.c - lists the cities compiled into libgeonames with at
 * least N inhabitants, one "name<TAB>country code<TAB>population" a line,
 * in libgeonames' order.  tests/coverage/places.sh uses it to measure the
 * extractor on every big city libgeonames knows, not only on those the
 * gazetteer generator kept.
 *
 * Usage: geonames-cities [MIN-POPULATION]   (default 1000000)
 */
#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>

#include <geonames.h>

int
main (int argc, char **argv)
{
  guint64 min_pop = 1000000;
  gint n;

  /* as kgx-gen-gazetteer: names untranslated, whatever the locale */
  setlocale (LC_CTYPE, "");
  if (argc > 2 || (argc == 2 && !g_ascii_string_to_unsigned (argv[1], 10, 0, G_MAXUINT,
                                                             &min_pop, NULL)))
    {
      fprintf (stderr, "usage: geonames-cities [MIN-POPULATION]\n");
      return 2;
    }
  n = geonames_get_n_cities ();
  for (gint i = 0; i < n; i++)
    {
      g_autoptr (GeonamesCity) c = geonames_get_city (i);
      guint pop = geonames_city_get_population (c);

      if (pop >= min_pop)
        printf ("%s\t%s\t%u\n", geonames_city_get_name (c),
                geonames_city_get_country_code (c), pop);
    }
  return n > 0 ? 0 : 1;
}
