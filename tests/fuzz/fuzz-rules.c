/* fuzz-rules.c - libFuzzer harness for the rule-file parser
 * (kgx-rule-set.c): any bytes through kgx_rule_set_load_data() against the
 * real ontology (ontology/kgextract.ttl, loaded once).  A rule set that
 * loads is also indexed and its hash taken, as kgx_world_open() does.
 */
#include "fuzz-common.h"
#include "kgx-ontology.h"
#include "kgx-rule-private.h"

static KgxOntology *onto;

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  KgxRuleSet *set;
  GError *error = NULL;

  if (!onto)
    {
      char *path = fuzz_srcdir_path ("ontology/kgextract.ttl");
      onto = kgx_ontology_new_from_file (path, &error);
      if (!onto)
        g_error ("%s: %s", path, error->message);
      g_free (path);
    }
  set = kgx_rule_set_new (onto);
  if (kgx_rule_set_load_data (set, (const char *) data, size, "fuzz.rules", &error))
    {
      char *hash = kgx_rule_set_dup_hash (set);
      for (guint i = 0; i < kgx_rule_set_get_size (set); i++)
        g_assert (kgx_rule_set_get_rule (set, i) != NULL);
      g_free (hash);
    }
  else
    {
      g_assert (error != NULL);
      g_clear_error (&error);
    }
  kgx_rule_set_free (set);
  return 0;
}
