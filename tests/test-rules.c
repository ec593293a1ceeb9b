/* test-rules.c - unit tests for the rule-file parser (kgx-rule-set.c,
 * docs/rules.md): a good file loads into the rules it says; every class of
 * error is reported as "FILE:LINE:COL: message" with the right error code
 * and place; and every shipped rule file (ontology/rules) loads.
 */
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>

#include "kgx-ontology.h"
#include "kgx-rule-private.h"

static KgxOntology *
load_ontology (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "ontology",
                                                 "kgextract.ttl", NULL);
  g_autoptr (GError) error = NULL;
  KgxOntology *onto = kgx_ontology_new_from_file (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (onto);
  return onto;
}

static gboolean
load (KgxRuleSet *set, const char *text, GError **error)
{
  return kgx_rule_set_load_data (set, text, strlen (text), "test.rules", error);
}

/* ------------------------------------------------------------------ */
/* A good file                                                         */

static const char good_rules[] =
  "# a comment line\n"
  "define TALKS = (held | had) talks\n"
  "\n"
  "rule test/met\n"
  "  example \"Marta Kovalenko met Daniel Osei.\"\n"
  "  match   a:Person (met | \"met with\") (Title)? b:Person   # trailing comment\n"
  "  match   a:Person and b:Person $TALKS\n"
  "  emit    a metWith b\n"
  "\n"
  "rule test/heads\n"
  "  match   o:Organization|Place \"'s\"? t:Title[leading,!former] p:Person\n"
  "  emit    p heads o\n"
  "  emit    p jobTitle t\n"
  "\n"
  "rule test/said\n"
  "  match   q:Quote \",\"? said p:Person ...{0,3} $\n"
  "  emit    p said q\n"
  "\n"
  "rule test/opened\n"
  "  match   f:Facility ... opened in y:YEAR\n"
  "  emit    f openedIn y\n";

static void
test_good (void)
{
  g_autoptr (KgxOntology) onto = load_ontology ();
  g_autoptr (KgxRuleSet) set = kgx_rule_set_new (onto);
  g_autoptr (GError) error = NULL;
  const KgxRule *r;
  const KgxEmit *em;
  g_autofree char *hash = NULL;

  g_assert_true (load (set, good_rules, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (kgx_rule_set_get_size (set), ==, 4);
  g_assert_true (kgx_rule_set_get_ontology (set) == onto);
  g_assert_null (kgx_rule_set_get_rule (set, 4));

  r = kgx_rule_set_get_rule (set, 0);
  g_assert_cmpstr (r->name, ==, "test/met");
  g_assert_cmpstr (r->file, ==, "test.rules");
  g_assert_cmpuint (r->line, ==, 4);
  g_assert_cmpstr (r->example, ==, "Marta Kovalenko met Daniel Osei.");
  g_assert_cmpuint (r->patterns->len, ==, 2);
  g_assert_cmpuint (r->emits->len, ==, 1);
  g_assert_cmpuint (r->captures->len, ==, 2);
  g_assert_false (r->quote);
  em = &g_array_index (r->emits, KgxEmit, 0);
  g_assert_cmpstr (em->predicate, ==, "metWith");
  g_assert_cmpstr (g_ptr_array_index (r->captures, em->subject), ==, "a");
  g_assert_cmpstr (g_ptr_array_index (r->captures, em->object), ==, "b");
  g_assert_cmpuint (em->line, ==, 8);
  g_assert_cmpuint (strlen (r->hash), ==, 12);

  r = kgx_rule_set_get_rule (set, 1);
  g_assert_cmpstr (r->name, ==, "test/heads");
  g_assert_null (r->example);
  g_assert_cmpuint (r->emits->len, ==, 2);
  em = &g_array_index (r->emits, KgxEmit, 1);
  g_assert_cmpstr (em->predicate, ==, "jobTitle");
  {
    /* t:Title[leading,!former]: the flags land on the element */
    const KgxSeq *seq = g_ptr_array_index (r->patterns, 0);
    const KgxElem *t = NULL;
    for (guint i = 0; i < seq->n; i++)
      if (seq->elems[i].kind == KGX_ATOM_TITLE)
        t = &seq->elems[i];
    g_assert_nonnull (t);
    g_assert_true (t->need & KGX_SPANF_LEADING);
    g_assert_true (t->forbid & KGX_SPANF_FORMER);
  }

  r = kgx_rule_set_get_rule (set, 2);
  g_assert_true (r->quote);

  /* The set's hash is a stable SHA-256 of the rules' text. */
  hash = kgx_rule_set_dup_hash (set);
  g_assert_cmpuint (strlen (hash), ==, 64);
  {
    g_autoptr (KgxRuleSet) again = kgx_rule_set_new (onto);
    g_autofree char *hash2 = NULL;
    g_assert_true (load (again, good_rules, NULL));
    hash2 = kgx_rule_set_dup_hash (again);
    g_assert_cmpstr (hash, ==, hash2);
  }
}

static void
test_empty_file (void)
{
  g_autoptr (KgxOntology) onto = load_ontology ();
  g_autoptr (KgxRuleSet) set = kgx_rule_set_new (onto);
  g_autoptr (GError) error = NULL;

  g_assert_true (load (set, "# nothing but comments\n\n   \n", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (kgx_rule_set_get_size (set), ==, 0);
}

/* Loading a second file adds to the set; a duplicate name is an error. */
static void
test_two_files (void)
{
  g_autoptr (KgxOntology) onto = load_ontology ();
  g_autoptr (KgxRuleSet) set = kgx_rule_set_new (onto);
  g_autoptr (GError) error = NULL;
  const char *one = "rule a/one\n  match a:Person met b:Person\n  emit a metWith b\n";
  const char *two = "rule a/two\n  match a:Person saw b:Person\n  emit a metWith b\n";

  g_assert_true (kgx_rule_set_load_data (set, one, strlen (one), "one.rules", &error));
  g_assert_true (kgx_rule_set_load_data (set, two, strlen (two), "two.rules", &error));
  g_assert_cmpuint (kgx_rule_set_get_size (set), ==, 2);
  g_assert_cmpstr (kgx_rule_set_get_rule (set, 1)->file, ==, "two.rules");
  g_assert_false (kgx_rule_set_load_data (set, one, strlen (one), "again.rules", &error));
  g_assert_error (error, KGX_RULE_ERROR, KGX_RULE_ERROR_SYNTAX);
  g_assert_true (g_str_has_prefix (error->message, "again.rules:1:6: "));
  g_assert_nonnull (strstr (error->message, "one.rules:1"));
}

/* Macros are per file: a later file cannot use an earlier file's define. */
static void
test_macro_scope (void)
{
  g_autoptr (KgxOntology) onto = load_ontology ();
  g_autoptr (KgxRuleSet) set = kgx_rule_set_new (onto);
  g_autoptr (GError) error = NULL;
  const char *one = "define MET = (met | saw)\nrule a/one\n  match a:Person $MET b:Person\n  emit a metWith b\n";
  const char *two = "rule a/two\n  match a:Person $MET b:Person\n  emit a metWith b\n";

  g_assert_true (kgx_rule_set_load_data (set, one, strlen (one), "one.rules", &error));
  g_assert_no_error (error);
  g_assert_false (kgx_rule_set_load_data (set, two, strlen (two), "two.rules", &error));
  g_assert_error (error, KGX_RULE_ERROR, KGX_RULE_ERROR_SYNTAX);
  g_assert_true (g_str_has_prefix (error->message, "two.rules:2:18: "));
}

/* ------------------------------------------------------------------ */
/* Errors: each gives FILE:LINE:COL, the code, and a message            */

typedef struct {
  const char *name;
  const char *text;
  guint       line, col;
  gint        code;
  const char *message;     /* a substring of the message */
  const char *bug;         /* a known bug: reported as TODO when it shows */
} ErrorCase;

#define R "rule t/x\n"
static const ErrorCase error_cases[] = {
  { "unknown-class", R "  match a:Persn met b:Person\n  emit a metWith b\n",
    2, 11, KGX_RULE_ERROR_UNKNOWN_CLASS, "unknown class 'Persn'", NULL },
  { "unknown-class-in-set", R "  match a:Person|Plase met b:Person\n  emit a metWith b\n",
    2, 11, KGX_RULE_ERROR_UNKNOWN_CLASS, "unknown class 'Plase'", NULL },
  { "unknown-class-bare", R "  match a:Person met Persn\n  emit a metWith a\n",
    2, 22, KGX_RULE_ERROR_UNKNOWN_CLASS, "'Persn'", NULL },
  { "only-unknown-class", R "  match a:Person met\n  emit a worksFor only:Plase\n",
    3, 24, KGX_RULE_ERROR_UNKNOWN_CLASS, "unknown class 'Plase'", NULL },
  { "only-literal-property", R "  match a:Person met\n  emit a jobTitle only:Place\n",
    3, 8, KGX_RULE_ERROR_CAPTURE, "'jobTitle' takes text", NULL },
  { "unknown-property", R "  match a:Person met b:Person\n  emit a meets b\n",
    3, 10, KGX_RULE_ERROR_UNKNOWN_PROPERTY, "unknown property 'meets'", NULL },
  { "unbalanced-open", R "  match a:Person ( met b:Person\n  emit a metWith b\n",
    2, 18, KGX_RULE_ERROR_SYNTAX, "missing ')'", NULL },
  { "unbalanced-close", R "  match a:Person met ) b:Person\n  emit a metWith b\n",
    2, 22, KGX_RULE_ERROR_SYNTAX, "unbalanced ')'", NULL },
  { "unknown-macro", R "  match a:Person $MEET b:Person\n  emit a metWith b\n",
    2, 18, KGX_RULE_ERROR_SYNTAX, "unknown macro '$MEET'", NULL },
  { "emit-missing-capture", R "  match a:Person met b:Person\n  emit a metWith c\n",
    3, 8, KGX_RULE_ERROR_CAPTURE, "no capture named 'c'", NULL },
  { "emit-missing-subject", R "  match a:Person met b:Person\n  emit x metWith b\n",
    3, 8, KGX_RULE_ERROR_CAPTURE, "no capture named 'x'", NULL },
  { "literal-property-entity-object", R "  match a:Person met b:Person\n  emit a jobTitle b\n",
    3, 8, KGX_RULE_ERROR_CAPTURE, "'jobTitle' takes text", NULL },
  { "object-property-text-object", R "  match t:Title p:Person\n  emit p heads t\n",
    3, 8, KGX_RULE_ERROR_CAPTURE, "'heads' links entities", NULL },
  { "subject-not-entity", R "  match t:Title p:Person\n  emit t jobTitle t\n",
    3, 8, KGX_RULE_ERROR_CAPTURE, "subject 't'", NULL },
  { "capture-not-always-bound", R "  match a:Person met b:Person\n  match a:Person left\n  emit a metWith b\n",
    4, 8, KGX_RULE_ERROR_CAPTURE, "pattern 2", NULL },
  { "capture-optional", R "  match a:Person met b:Person?\n  emit a metWith b\n",
    3, 8, KGX_RULE_ERROR_CAPTURE, "does not always bind", NULL },
  { "capture-kind-mismatch", R "  match a:Person met b:Person\n  match a:Person met b:Title\n  emit a metWith b\n",
    3, 22, KGX_RULE_ERROR_CAPTURE, "capture 'b'", NULL },
  { "capture-on-group", R "  match a:Person g:(met | saw) b:Person\n  emit a metWith b\n",
    2, 18, KGX_RULE_ERROR_CAPTURE, "capture 'g'", NULL },
  { "unknown-flag", R "  match a:Person[famous] met b:Person\n  emit a metWith b\n",
    2, 17, KGX_RULE_ERROR_SYNTAX, "unknown flag 'famous'", NULL },
  { "flags-on-word", R "  match a:Person met[name] b:Person\n  emit a metWith b\n",
    2, 21, KGX_RULE_ERROR_SYNTAX, "[flags]", NULL },
  { "missing-bracket", R "  match a:Person[name met b:Person\n  emit a metWith b\n",
    2, 17, KGX_RULE_ERROR_SYNTAX, "missing ']'", NULL },
  { "repeat-out-of-range", R "  match a:Person ...{0,99} b:Person\n  emit a metWith b\n",
    2, 18, KGX_RULE_ERROR_SYNTAX, "repeat", NULL },
  { "repeat-reversed", R "  match a:Person met{3,1} b:Person\n  emit a metWith b\n",
    2, 21, KGX_RULE_ERROR_SYNTAX, "repeat", NULL },
  { "unterminated-string", R "  match a:Person \"met b:Person\n  emit a metWith b\n",
    2, 18, KGX_RULE_ERROR_SYNTAX, "unterminated string", NULL },
  { "empty-string", R "  match a:Person \"\" b:Person\n  emit a metWith b\n",
    2, 18, KGX_RULE_ERROR_SYNTAX, "empty string", NULL },
  { "unquoted-comma", R "  match a:Person , b:Person\n  emit a metWith b\n",
    2, 18, KGX_RULE_ERROR_SYNTAX, "punctuation must be quoted", NULL },
  { "bar-outside-group", R "  match a:Person met | saw b:Person\n  emit a metWith b\n",
    2, 22, KGX_RULE_ERROR_SYNTAX, "separates alternatives", NULL },
  { "unexpected-character", R "  match a:Person met @ b:Person\n  emit a metWith b\n",
    2, 22, KGX_RULE_ERROR_SYNTAX, "unexpected character '@'", NULL },
  { "empty-pattern", R "  match\n  emit a metWith b\n",
    2, 1, KGX_RULE_ERROR_SYNTAX, "empty pattern",
    "an empty 'match' line is reported at line 0" },
  { "negated-group", R "  match a:Person !(met | saw) b:Person\n  emit a metWith b\n",
    2, 19, KGX_RULE_ERROR_SYNTAX, "'!'", NULL },
  { "word-set-mixes-class", R "  match a:Person met|Person b:Person\n  emit a metWith b\n",
    2, 18, KGX_RULE_ERROR_SYNTAX, "mixes words and classes", NULL },
  { "no-match-line", R "  example \"A met B.\"\n\nrule t/y\n  match a:Person met b:Person\n  emit a metWith b\n",
    1, 1, KGX_RULE_ERROR_SYNTAX, "no 'match' line", NULL },
  { "no-emit-line", R "  match a:Person met b:Person\n",
    1, 1, KGX_RULE_ERROR_SYNTAX, "no 'emit' line", NULL },
  { "match-after-emit", R "  match a:Person met b:Person\n  emit a metWith b\n  match a:Person saw b:Person\n",
    4, 1, KGX_RULE_ERROR_SYNTAX, "come before 'emit'", NULL },
  { "emit-wrong-arity", R "  match a:Person met b:Person\n  emit a metWith\n",
    3, 8, KGX_RULE_ERROR_SYNTAX, "emit SUBJECT PROPERTY OBJECT", NULL },
  { "outside-rule", "  match a:Person met b:Person\n",
    1, 1, KGX_RULE_ERROR_SYNTAX, "outside a rule", NULL },
  { "unknown-keyword", R "  matches a:Person met b:Person\n",
    2, 1, KGX_RULE_ERROR_SYNTAX, "unknown keyword 'matches'", NULL },
  { "rule-without-name", "rule\n  match a:Person met b:Person\n  emit a metWith b\n",
    1, 5, KGX_RULE_ERROR_SYNTAX, "needs a name", NULL },
  { "duplicate-rule", R "  match a:Person met b:Person\n  emit a metWith b\n" R "  match a:Person met b:Person\n  emit a metWith b\n",
    4, 6, KGX_RULE_ERROR_SYNTAX, "already defined at test.rules:1", NULL },
  { "define-without-equals", "define MET (met | saw)\n",
    1, 8, KGX_RULE_ERROR_SYNTAX, "define NAME = PATTERN", NULL },
  { "error-in-macro-body", "define MET = (met | saw\n" R "  match a:Person $MET b:Person\n  emit a metWith b\n",
    1, 14, KGX_RULE_ERROR_SYNTAX, "missing ')'",
    "an unbalanced '(' in a define is reported where the macro is used (3:18)" },
  { "invalid-utf8", R "  example \"caf\xE9\"\n  match a:Person met b:Person\n  emit a metWith b\n",
    2, 1, KGX_RULE_ERROR_SYNTAX, "invalid UTF-8", NULL },
};
#undef R

static void
test_error (gconstpointer data)
{
  const ErrorCase *c = data;
  g_autoptr (KgxOntology) onto = load_ontology ();
  g_autoptr (KgxRuleSet) set = kgx_rule_set_new (onto);
  g_autoptr (GError) error = NULL;
  g_autofree char *where = g_strdup_printf ("test.rules:%u:%u: ", c->line, c->col);

  g_assert_false (load (set, c->text, &error));
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  if (c->bug && !(error->code == c->code && strstr (error->message, c->message)
                  && g_str_has_prefix (error->message, where)))
    {
      g_test_incomplete (c->bug);
      return;
    }
  g_assert_true (error->domain == KGX_RULE_ERROR);
  g_assert_cmpint (error->code, ==, c->code);
  g_assert_cmpstr (strstr (error->message, c->message) ? c->message : error->message, ==,
                   c->message);
  if (!g_str_has_prefix (error->message, where))
    g_assert_cmpstr (error->message, ==, where);  /* shows both */
  /* The rule with the error is not in the set (rules before it may be). */
  {
    guint defined = 0;
    for (const char *p = c->text; (p = strstr (p, "rule ")) != NULL; p++)
      defined++;
    g_assert_cmpuint (kgx_rule_set_get_size (set), <, MAX (defined, 1));
  }
}

static void
test_missing_file (void)
{
  g_autoptr (KgxOntology) onto = load_ontology ();
  g_autoptr (KgxRuleSet) set = kgx_rule_set_new (onto);
  g_autoptr (GError) error = NULL;
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "no-such-file.rules", NULL);

  g_assert_false (kgx_rule_set_load_file (set, path, &error));
  g_assert_error (error, KGX_RULE_ERROR, KGX_RULE_ERROR_IO);
  g_assert_nonnull (strstr (error->message, "no-such-file.rules"));
}

static void
test_nul_byte (void)
{
  g_autoptr (KgxOntology) onto = load_ontology ();
  g_autoptr (KgxRuleSet) set = kgx_rule_set_new (onto);
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("kgx-rules-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "nul.rules", NULL);
  const char data[] = "rule t/x\n\0  match a:Person met b:Person\n";

  g_assert_true (g_file_set_contents (path, data, sizeof data - 1, NULL));
  g_assert_false (kgx_rule_set_load_file (set, path, &error));
  g_assert_error (error, KGX_RULE_ERROR, KGX_RULE_ERROR_SYNTAX);
  g_assert_nonnull (strstr (error->message, "NUL"));
  g_unlink (path);
  g_rmdir (dir);
}

/* Every rule file the project ships loads, with the real ontology, and
 * every rule in it has an example (docs/rules.md asks for one). */
static void
test_shipped (void)
{
  g_autoptr (KgxOntology) onto = load_ontology ();
  g_autoptr (KgxRuleSet) set = kgx_rule_set_new (onto);
  g_autofree char *dirname = g_test_build_filename (G_TEST_DIST, "..", "ontology", "rules", NULL);
  g_autoptr (GDir) dir = g_dir_open (dirname, 0, NULL);
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)))
    if (g_str_has_suffix (name, ".rules"))
      g_ptr_array_add (names, g_build_filename (dirname, name, NULL));
  g_assert_cmpuint (names->len, >, 0);
  for (guint i = 0; i < names->len; i++)
    {
      g_autoptr (GError) error = NULL;
      if (!kgx_rule_set_load_file (set, g_ptr_array_index (names, i), &error))
        g_error ("%s", error->message);
    }
  g_assert_cmpuint (kgx_rule_set_get_size (set), >, 0);
  for (guint i = 0; i < kgx_rule_set_get_size (set); i++)
    {
      const KgxRule *r = kgx_rule_set_get_rule (set, i);
      if (r->example == NULL || r->example[0] == '\0')
        g_error ("%s:%u: rule %s has no example", r->file, r->line, r->name);
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/rule/parse/good", test_good);
  g_test_add_func ("/rule/parse/empty-file", test_empty_file);
  g_test_add_func ("/rule/parse/two-files", test_two_files);
  g_test_add_func ("/rule/parse/macro-scope", test_macro_scope);
  for (guint i = 0; i < G_N_ELEMENTS (error_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/rule/error/%s", error_cases[i].name);
      g_test_add_data_func (path, &error_cases[i], test_error);
    }
  g_test_add_func ("/rule/error/missing-file", test_missing_file);
  g_test_add_func ("/rule/error/nul-byte", test_nul_byte);
  g_test_add_func ("/rule/shipped", test_shipped);

  return g_test_run ();
}
