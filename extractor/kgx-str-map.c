/* kgx-str-map.c - a string -> pointer map for the tables looked up once per
 * token (gazetteer vocabulary, rule words): cheaper than a GHashTable with
 * g_str_hash, whose lookups were a tenth of a run's instructions.
 */
#include "config.h"

#include <string.h>

#include "kgx-str-map-private.h"

static void
grow (KgxStrMap *map)
{
  guint n = map->n_slots ? map->n_slots * 2 : 64;
  const char **keys = g_new0 (const char *, n);
  guint32 *hashes = g_new (guint32, n);
  gpointer *values = g_new (gpointer, n);

  for (guint i = 0; i < map->n_slots; i++)
    if (map->keys[i])
      {
        guint j = map->hashes[i] & (n - 1);
        while (keys[j])
          j = (j + 1) & (n - 1);
        keys[j] = map->keys[i];
        hashes[j] = map->hashes[i];
        values[j] = map->values[i];
      }
  g_free (map->keys);
  g_free (map->hashes);
  g_free (map->values);
  map->keys = keys;
  map->hashes = hashes;
  map->values = values;
  map->n_slots = n;
}

KgxStrMap *
kgx_str_map_new (void)
{
  KgxStrMap *map = g_new0 (KgxStrMap, 1);

  grow (map);
  return map;
}

void
kgx_str_map_free (KgxStrMap *map)
{
  if (map == NULL)
    return;
  g_free (map->keys);
  g_free (map->hashes);
  g_free (map->values);
  g_free (map);
}

void
kgx_str_map_insert (KgxStrMap *map, const char *key, gpointer value)
{
  guint32 h;
  guint j;

  if ((map->n_used + 1) * 2 > map->n_slots)
    grow (map);
  h = kgx_str_map_hash (key);
  for (j = h & (map->n_slots - 1); map->keys[j]; j = (j + 1) & (map->n_slots - 1))
    if (map->hashes[j] == h && strcmp (map->keys[j], key) == 0)
      {
        map->values[j] = value;
        return;
      }
  map->keys[j] = key;
  map->hashes[j] = h;
  map->values[j] = value;
  map->n_used++;
}

guint
kgx_str_map_size (const KgxStrMap *map)
{
  return map->n_used;
}
