/* kgx-str-map-private.h - a string -> pointer map for read-mostly tables.
 *
 * Open addressing with linear probing and the full hash kept per slot, so
 * a miss (most tokens are in no table) costs one hash and a probe or two,
 * never a strcmp().  Keys are borrowed and must outlive the map.  Built
 * once (at world open), then only read: safe from any number of threads.
 */
#ifndef KGX_STR_MAP_PRIVATE_H
#define KGX_STR_MAP_PRIVATE_H

#include <glib.h>

G_BEGIN_DECLS

typedef struct _KgxStrMap KgxStrMap;

KgxStrMap *kgx_str_map_new (void);
void       kgx_str_map_free (KgxStrMap *map);
/* key is borrowed; replaces the value of an equal key */
void       kgx_str_map_insert (KgxStrMap *map, const char *key, gpointer value);
/* (transfer none) (nullable): NULL when key is absent */
gpointer   kgx_str_map_lookup (const KgxStrMap *map, const char *key);
guint      kgx_str_map_size (const KgxStrMap *map);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KgxStrMap, kgx_str_map_free)

G_END_DECLS

#endif /* KGX_STR_MAP_PRIVATE_H */
