/* kgx-world.h - the root context: data (ontology, gazetteers, rules), the
 * diagnostic handler, and extraction of one document into a KgxGraph.
 *
 * Create with kgx_world_new(), configure (data dirs, extra gazetteers and
 * rules, diagnostics), then kgx_world_open().  After a successful open,
 * kgx_world_extract() may be called from several threads at once.
 */
#ifndef KGX_WORLD_H
#define KGX_WORLD_H

#include <glib.h>

#include "kgx-diagnostic.h"
#include "kgx-graph.h"

G_BEGIN_DECLS

typedef struct _KgxWorld KgxWorld;

#define KGX_WORLD_ERROR (kgx_world_error_quark ())
typedef enum {
  KGX_WORLD_ERROR_DATA,      /* no ontology, rules or gazetteers found */
  KGX_WORLD_ERROR_RULE,      /* a rule or gazetteer file is wrong */
  KGX_WORLD_ERROR_STATE      /* called before open, or twice */
} KgxWorldError;
GQuark kgx_world_error_quark (void);

/* The environment variable that overrides where data is found. */
#define KGX_DATADIR_ENV "KGEXTRACT_DATADIR"

KgxWorld   *kgx_world_new (void);
void        kgx_world_free (KgxWorld *world);
void        kgx_world_set_diagnostic_func (KgxWorld *world, KgxDiagnosticFunc func,
                                           gpointer user_data, GDestroyNotify destroy);
/* Replaces the data search path (each DIR holds kgextract.ttl, rules/ and
 * gazetteers/; earlier directories win for files of the same name).  The
 * default is $KGEXTRACT_DATADIR, else the installed pkgdatadir. */
void        kgx_world_set_data_dirs (KgxWorld *world, const char *const *dirs);
void        kgx_world_add_gazetteer_file (KgxWorld *world, const char *path);
void        kgx_world_add_rule_file (KgxWorld *world, const char *path);
void        kgx_world_set_default_rules (KgxWorld *world, gboolean use);
gboolean    kgx_world_open (KgxWorld *world, GError **error);

const char *kgx_world_get_ontology_version (KgxWorld *world);
const char *kgx_world_get_ontology_path (KgxWorld *world);
const char *kgx_world_get_rules_hash (KgxWorld *world);
guint       kgx_world_get_rule_count (KgxWorld *world);
guint       kgx_world_get_gazetteer_size (KgxWorld *world);
guint       kgx_world_get_rule_language_version (void);

/* One rule as kgx_world_get_rule_info() and kgx_world_lookup_rule()
 * describe it.  The strings are borrowed from the world and live as long
 * as it does. */
typedef struct {
  const char *name;        /* "heads/org-title-name" */
  const char *file;        /* the path it was loaded from */
  guint       line;        /* line of its 'rule' keyword */
  const char *hash;        /* first 12 hex digits of SHA-256 over the rule's text */
  double      confidence;  /* its precision from rules/confidence.tsv, else
                            * KGX_RULE_DEFAULT_CONFIDENCE */
  guint       support;     /* triples that precision was measured on; 0 = default */
} KgxRuleInfo;

/* The confidence of a rule that rules/confidence.tsv does not list. */
#define KGX_RULE_DEFAULT_CONFIDENCE 0.5

/* Rule @index (0 .. kgx_world_get_rule_count () - 1), in load order.
 * Returns FALSE (and leaves @info alone) when there is no such rule. */
gboolean    kgx_world_get_rule_info (KgxWorld *world, guint index, KgxRuleInfo *info);
/* The rule named @name (names are unique in a rule set). */
gboolean    kgx_world_lookup_rule (KgxWorld *world, const char *name, KgxRuleInfo *info);
/* The rules/confidence.tsv that was read at open (the first found in the
 * data directories), or NULL when there was none. */
const char *kgx_world_get_confidence_path (KgxWorld *world);
/* SHA-256 (hex) over every gazetteer file, in load order: its base name, a
 * NUL, its bytes.  Computed on first call (call it from one thread); NULL
 * before open or when a file can no longer be read. */
const char *kgx_world_get_gazetteer_hash (KgxWorld *world);

/* Extracts a graph from text (valid UTF-8: see kgx-reader.h).  headline
 * is nullable.  Returns a new graph (transfer full). */
KgxGraph   *kgx_world_extract (KgxWorld *world, const char *text, gsize len,
                               const char *doc_id, GError **error);

/* Runs each rule's example sentence and checks that the rule fires on it;
 * returns the number of rules that did not, reporting each through the
 * diagnostic function. */
guint       kgx_world_check_examples (KgxWorld *world);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KgxWorld, kgx_world_free)

G_END_DECLS

#endif /* KGX_WORLD_H */
