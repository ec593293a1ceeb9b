/* kgx-rule-private.h - the rule language (docs/rules.md): compiled rules and
 * the matcher that runs them over a document's units.
 *
 * A rule is one or more token patterns with named captures, and the
 * triples it emits from those captures.  Patterns match over "units": a
 * token, or a whole entity mention or title (see kgx-doc-private.h), so
 * that "o:Organization t:Title[leading] p:Person" reads as it is meant.
 */
#ifndef KGX_RULE_PRIVATE_H
#define KGX_RULE_PRIVATE_H

#include <glib.h>

#include "kgx-diagnostic.h"
#include "kgx-doc-private.h"

G_BEGIN_DECLS

typedef enum {
  KGX_ATOM_WORD,      /* a literal word or punctuation: met, ",", "'s" */
  KGX_ATOM_CLASS,     /* an entity mention of a class: Person, Organization|Place */
  KGX_ATOM_TITLE,     /* a job title */
  KGX_ATOM_QUOTE,     /* a quotation (quote rules only) */
  KGX_ATOM_ANY,       /* _ : any one unit */
  KGX_ATOM_LOWER,     /* WORD: a lower-case word token */
  KGX_ATOM_CAP,       /* CAP: a capitalised token that is no entity */
  KGX_ATOM_NUM,       /* NUM: a number */
  KGX_ATOM_YEAR,      /* YEAR: 1800 to 2099 */
  KGX_ATOM_PUNCT,     /* PUNCT */
  KGX_ATOM_GAP,       /* ... : any units, fewest first */
  KGX_ATOM_START,     /* ^ : the start of the sentence (or quotation context) */
  KGX_ATOM_END,       /* $ : its end */
  KGX_ATOM_GROUP      /* ( a b | c ) */
} KgxAtomKind;

typedef struct _KgxElem KgxElem;

typedef struct {
  KgxElem        *elems;
  guint           n;
  const KgxElem **firsts;   /* atoms one of which must match the first unit */
  guint           n_firsts;
  gboolean        filtered; /* FALSE: any unit may start a match */
} KgxSeq;

/* Fills seq->firsts (kgx-rule-match.c). */
void kgx_seq_index (KgxSeq *seq);

struct _KgxElem {
  KgxAtomKind kind;
  gboolean    negated;     /* !atom: one unit that does not match */
  guint16     min, max;    /* repetition */
  gint        capture;     /* capture index, or -1 */
  const char **words;      /* WORD: interned lower-case alternatives, NULL-terminated */
  const char **classes;    /* CLASS: class local names, NULL-terminated */
  guint16     need, forbid; /* KgxSpanFlags a CLASS or TITLE unit must have / must not */
  gboolean    list;        /* CLASS[list]: "A, B and C" */
  guint64     class_mask;  /* CLASS: bits of its classes in the rule set's class list */
  KgxSeq     *alts;        /* GROUP */
  guint       n_alts;
};

typedef struct {
  gint        subject;     /* capture index */
  const char *predicate;   /* interned */
  gint        object;      /* capture index, or -1 for a literal or only_class */
  char       *literal;
  const char *only_class;  /* interned; nullable: the object is the one named entity
                            * of this class the document has before the match */
  guint       line;
} KgxEmit;

typedef struct {
  char      *name;
  char      *file;
  guint      line;
  char      *example;      /* nullable */
  GPtrArray *patterns;     /* KgxSeq * */
  GArray    *emits;        /* KgxEmit */
  GPtrArray *captures;     /* char *: capture names by index */
  GArray    *capture_kind; /* gint per capture: 1 entity class, 2 literal-ish */
  gboolean   quote;        /* uses Quote: runs on quotation contexts */
  GString   *source;       /* the rule's text, for its hash */
  char      *hash;         /* sha256 of the text, first 12 hex */
} KgxRule;

typedef struct _KgxRuleSet KgxRuleSet;

/* Which patterns may start at a unit (kgx-rule-match.c): patterns are
 * looked up by the word of their first element, so most are never tried. */
typedef struct _KgxRuleIndex KgxRuleIndex;
KgxRuleIndex       *kgx_rule_index_new (const KgxRuleSet *set);
void                kgx_rule_index_free (KgxRuleIndex *index);
const KgxRuleIndex *kgx_rule_set_get_index (const KgxRuleSet *set);

#define KGX_RULE_ERROR (kgx_rule_error_quark ())
typedef enum {
  KGX_RULE_ERROR_SYNTAX,
  KGX_RULE_ERROR_UNKNOWN_CLASS,
  KGX_RULE_ERROR_UNKNOWN_PROPERTY,
  KGX_RULE_ERROR_CAPTURE,
  KGX_RULE_ERROR_IO
} KgxRuleError;
GQuark kgx_rule_error_quark (void);

KgxRuleSet *kgx_rule_set_new (KgxOntology *onto);
void        kgx_rule_set_free (KgxRuleSet *set);
gboolean    kgx_rule_set_load_file (KgxRuleSet *set, const char *path, GError **error);
gboolean    kgx_rule_set_load_data (KgxRuleSet *set, const char *data, gsize len,
                                    const char *name, GError **error);
guint       kgx_rule_set_get_size (const KgxRuleSet *set);
KgxOntology *kgx_rule_set_get_ontology (const KgxRuleSet *set);
/* The classes rules name, in the order of their mask bits (at most 64). */
const GPtrArray *kgx_rule_set_get_classes (const KgxRuleSet *set);
const KgxRule *kgx_rule_set_get_rule (const KgxRuleSet *set, guint i);
/* sha256 over every rule's text, in load order */
char       *kgx_rule_set_dup_hash (const KgxRuleSet *set);

/* One match: the rule, and per capture the unit span it took. */
typedef struct {
  const KgxRule *rule;
  guint32        sentence;
  guint32        first_token, end_token;   /* the whole match */
  const guint32 *cap_first;                /* per capture: first token, G_MAXUINT32 if unset */
  const guint32 *cap_end;
  const KgxElem *const *cap_elem;          /* per capture: the element that bound it */
} KgxRuleMatch;

typedef void (*KgxRuleMatchFunc) (const KgxRuleMatch *match, gpointer user_data);

/* Runs every rule over every sentence (and quotation context) of doc. */
void        kgx_rule_set_run (const KgxRuleSet *set, const KgxDoc *doc,
                              KgxRuleMatchFunc func, gpointer user_data);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KgxRuleSet, kgx_rule_set_free)

G_END_DECLS

#endif /* KGX_RULE_PRIVATE_H */
