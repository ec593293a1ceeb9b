/* fuzz-common.h - what the libFuzzer harnesses of tests/fuzz/ share: where
 * the data (ontology, rules, gazetteers) is found when uninstalled, and a
 * diagnostic function that drops everything.
 */
#ifndef KGX_FUZZ_COMMON_H
#define KGX_FUZZ_COMMON_H

#include <stdint.h>
#include <stddef.h>

#include <glib.h>

#include "kgx-diagnostic.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static inline void
fuzz_ignore_diagnostic (KgxSeverity severity, const KgxLocation *loc,
                        const char *message, gpointer user_data)
{
  (void) severity; (void) loc; (void) message; (void) user_data;
}

/* $KGX_SRCDIR/ontology (else the source tree this was built from). */
static inline char *
fuzz_srcdir_path (const char *rel)
{
  const char *top = g_getenv ("KGX_SRCDIR");
  return g_build_filename (top ? top : KGX_ABS_SRCDIR, rel, NULL);
}

static inline char *
fuzz_builddir_path (const char *rel)
{
  const char *top = g_getenv ("KGX_BUILDDIR");
  return g_build_filename (top ? top : KGX_ABS_BUILDDIR, rel, NULL);
}

#endif /* KGX_FUZZ_COMMON_H */
