/* kgx-str-map-private.h - a string -> pointer map for read-mostly tables.
 *
 * Open addressing with linear probing and the full hash kept per slot, so
 * a miss (most tokens are in no table) costs one hash and a probe or two,
 * never a strcmp().  Keys are borrowed and must outlive the map.  Built
 * once (at world open), then only read: safe from any number of threads.
 */
#ifndef KGX_STR_MAP_PRIVATE_H
#define KGX_STR_MAP_PRIVATE_H

#include <string.h>

#include <glib.h>

G_BEGIN_DECLS

typedef struct _KgxStrMap KgxStrMap;

/* In the header so that lookups, made per token, are inlined. */
struct _KgxStrMap {
  const char **keys;     /* NULL: an empty slot */
  guint32     *hashes;
  gpointer    *values;
  guint        n_slots;  /* a power of 2, at least twice n_used */
  guint        n_used;
};

/* FNV-1a, as the tokenizer's intern set */
static inline guint32
kgx_str_map_hash (const char *s)
{
  guint32 h = 2166136261u;

  for (; *s; s++)
    h = (h ^ (guchar) *s) * 16777619u;
  return h;
}

KgxStrMap *kgx_str_map_new (void);
void       kgx_str_map_free (KgxStrMap *map);
/* key is borrowed; replaces the value of an equal key */
void       kgx_str_map_insert (KgxStrMap *map, const char *key, gpointer value);
guint      kgx_str_map_size (const KgxStrMap *map);

/* (transfer none) (nullable): NULL when key is absent */
static inline gpointer
kgx_str_map_lookup (const KgxStrMap *map, const char *key)
{
  guint32 h = kgx_str_map_hash (key);
  guint mask = map->n_slots - 1;

  for (guint j = h & mask; map->keys[j]; j = (j + 1) & mask)
    if (map->hashes[j] == h && strcmp (map->keys[j], key) == 0)
      return map->values[j];
  return NULL;
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KgxStrMap, kgx_str_map_free)

G_END_DECLS

#endif /* KGX_STR_MAP_PRIVATE_H */
