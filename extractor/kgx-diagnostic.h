/* kgx-diagnostic.h - locations and diagnostics reported by the library.
 *
 * The library never prints: it hands each diagnostic to the function set
 * with kgx_world_set_diagnostic_func() (or returns a GError), and the CLI
 * formats it as "kgextract: FILE:LINE:COL: error: text".
 */
#ifndef KGX_DIAGNOSTIC_H
#define KGX_DIAGNOSTIC_H

#include <glib.h>

G_BEGIN_DECLS

/* A place in an input: 1-based line and column (in characters), 0 when
 * unknown; offset is the 0-based byte offset. file is borrowed. */
typedef struct {
  const char *file;
  guint line;
  guint column;
  gsize offset;
} KgxLocation;

typedef enum {
  KGX_SEVERITY_INFO,
  KGX_SEVERITY_WARNING,
  KGX_SEVERITY_ERROR
} KgxSeverity;

typedef void (*KgxDiagnosticFunc) (KgxSeverity severity,
                                   const KgxLocation *location,
                                   const char *message,
                                   gpointer user_data);

const char *kgx_severity_to_string (KgxSeverity severity);

G_END_DECLS

#endif /* KGX_DIAGNOSTIC_H */
