/* kgx-str-map.c - a string -> pointer map for the tables looked up once per
 * token (gazetteer vocabulary, rule words): cheaper than a GHashTable with
 * g_str_hash, whose lookups were a tenth of a run's instructions.
 */
#include "config.h"

#include <string.h>

#include "kgx-str-map-private.h"

struct _KgxStrMap {
  const char **keys;     /* NULL: an empty slot */
  guint32     *hashes;
  gpointer    *values;
  guint        n_slots;  /* a power of 2, at least twice n_used */
  guint        n_used;
};

/* FNV-1a, as the tokenizer's intern set */
static inline guint32
str_hash (const char *s)
{
  guint32 h = 2166136261u;

  for (; *s; s++)
    h = (h ^ (guchar) *s) * 16777619u;
  return h;
}

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
  h = str_hash (key);
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

gpointer
kgx_str_map_lookup (const KgxStrMap *map, const char *key)
{
  guint32 h = str_hash (key);
  guint mask = map->n_slots - 1;

  for (guint j = h & mask; map->keys[j]; j = (j + 1) & mask)
    if (map->hashes[j] == h && strcmp (map->keys[j], key) == 0)
      return map->values[j];
  return NULL;
}

guint
kgx_str_map_size (const KgxStrMap *map)
{
  return map->n_used;
}
