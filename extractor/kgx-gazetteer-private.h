/* kgx-gazetteer-private.h - phrase lists (places, organisations, titles,
 * head nouns, given names) matched over tokens, longest first.
 *
 * Labels are tokenized with the text tokenizer and stored in a token trie:
 * one hash table maps (node, token) to the child node, so a million labels
 * cost a few words each and a lookup is one probe per token.
 */
#ifndef KGX_GAZETTEER_PRIVATE_H
#define KGX_GAZETTEER_PRIVATE_H

#include <glib.h>

#include "kgx-tokenizer-private.h"

G_BEGIN_DECLS

typedef enum {
  KGX_GAZ_ENTITY,        /* an entity of an ontology class */
  KGX_GAZ_TITLE,         /* a job title */
  KGX_GAZ_ORG_HEAD,      /* "Corporation", "Agency" */
  KGX_GAZ_FACILITY_HEAD, /* "plant", "NPP" */
  KGX_GAZ_EVENT_HEAD,    /* "forum", "summit" */
  KGX_GAZ_GIVEN_NAME,    /* "John" */
  KGX_GAZ_PERSON_PREFIX, /* "Mr" */
  KGX_GAZ_NOT_ENTITY,    /* "Monday", "However" */
  KGX_GAZ_TITLE_MOD,     /* "deputy", "oil": widens a title before it */
  KGX_GAZ_PLACE_HEAD     /* "Lake", "River": makes a name a place */
} KgxGazKind;

typedef enum {
  KGX_GAZF_DEMONYM   = 1 << 0,  /* form=demonym: "Kazakh" for Kazakhstan */
  KGX_GAZF_AMBIGUOUS = 1 << 1,  /* amb=1: needs context */
  KGX_GAZF_LEADING   = 1 << 2,  /* kind=leading for a title */
  KGX_GAZF_USER      = 1 << 3,  /* from a --gazetteer file */
  KGX_GAZF_TIME      = 1 << 4,  /* sec=weekdays|months: never inside a name */
  KGX_GAZF_MALE      = 1 << 5,  /* sex=m: a given name mostly men bear */
  KGX_GAZF_FEMALE    = 1 << 6,  /* sex=f */
  KGX_GAZF_PREFIX    = 1 << 7,  /* pos=prefix: a place head that comes first */
  KGX_GAZF_HONORIFIC = 1 << 8,  /* kind=honorific: a title of rank, not a post ("prince") */
  KGX_GAZF_HOMONYM   = 1 << 9   /* the label names several places: homonyms=N with a rival
                                 * of comparable size, or another entity row of the same
                                 * label with another canonical (see
                                 * kgx_gazetteer_background_country()) */
} KgxGazFlags;

typedef struct {
  const char *label;     /* as written in the file */
  const char *cls;       /* class local name, or the lexical tag */
  const char *canonical;
  const char *sub;       /* sub=: the class a head noun gives, nullable */
  const char *country;   /* country=, nullable */
  const char *file;      /* where it was read */
  guint32     line;
  guint32     pop;       /* pop=, 0 when unknown */
  guint32     caps;      /* bit i set: label token i is capitalised */
  guint32     allcaps;   /* bit i set: label token i is all capitals */
  guint16     n_tokens;
  guint8      kind;      /* KgxGazKind */
  guint16     flags;     /* KgxGazFlags */
  guint32     next;      /* next entry with the same label tokens, or G_MAXUINT32 */
} KgxGazEntry;

typedef struct _KgxGazetteer KgxGazetteer;

#define KGX_GAZETTEER_ERROR (kgx_gazetteer_error_quark ())
typedef enum {
  KGX_GAZETTEER_ERROR_SYNTAX,
  KGX_GAZETTEER_ERROR_CLASS,
  KGX_GAZETTEER_ERROR_IO
} KgxGazetteerError;
GQuark kgx_gazetteer_error_quark (void);

/* Decides whether a class name is known; returns TRUE when it is. */
typedef gboolean (*KgxGazClassCheck) (const char *cls, gpointer user_data);

KgxGazetteer *kgx_gazetteer_new (void);
void          kgx_gazetteer_free (KgxGazetteer *gaz);
void          kgx_gazetteer_set_class_check (KgxGazetteer *gaz, KgxGazClassCheck check,
                                             gpointer user_data);
gboolean      kgx_gazetteer_load_file (KgxGazetteer *gaz, const char *path, gboolean user,
                                       GError **error);
gboolean      kgx_gazetteer_load_data (KgxGazetteer *gaz, const char *data, gsize len,
                                       const char *name, gboolean user, GError **error);
guint         kgx_gazetteer_get_size (const KgxGazetteer *gaz);
const KgxGazEntry *kgx_gazetteer_get_entry (const KgxGazetteer *gaz, guint32 index);

/* All labels that start at tokens[start]: for each matching length (in
 * increasing order) stores the length in lens[] and its first entry in
 * heads[]; returns how many were found (at most max). */
guint         kgx_gazetteer_lookup (const KgxGazetteer *gaz, const KgxToken *tokens, guint n,
                                    guint start, guint *lens, guint32 *heads, guint max);
/* kgx_gazetteer_lookup() for a caller that looks up at every token:
 * ids[i] caches the vocabulary id of tokens[i].lower (G_MAXUINT32: not
 * looked up yet; the caller fills ids with it first), so each token's
 * form is hashed once however many labels run over it. */
guint         kgx_gazetteer_lookup_cached (const KgxGazetteer *gaz, const KgxToken *tokens,
                                           guint32 *ids, guint n, guint start, guint *lens,
                                           guint32 *heads, guint max);
/* Same for a single lower-case word: the first entry or G_MAXUINT32. */
guint32       kgx_gazetteer_lookup_word (const KgxGazetteer *gaz, const char *lower);

/* Background facts (the opt-in --background-facts, issue 3): the country
 * in which gazetteer entry @index puts its entity, for a fact such as
 * "Almaty locatedIn Kazakhstan" whose source is the gazetteer, not the
 * text.  NULL unless the row is an entity row with a country= that is not
 * a Country row itself, not a demonym or adjective form (form=demonym),
 * not ambiguous (amb=1), and names one place (not KGX_GAZF_HOMONYM): a
 * city with namesakes gets a fact only when it has ten times the people
 * of the biggest of them (London, Paris, Moscow do; Valencia, Tripoli,
 * Birmingham do not).  The value is a canonical name of countries.tsv. */
const char   *kgx_gazetteer_background_country (const KgxGazetteer *gaz, guint32 index);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KgxGazetteer, kgx_gazetteer_free)

G_END_DECLS

#endif /* KGX_GAZETTEER_PRIVATE_H */
