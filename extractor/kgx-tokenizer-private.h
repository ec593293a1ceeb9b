/* kgx-tokenizer-private.h - tokens, sentences and quotations of one text.
 *
 * The tokenizer runs once over the bytes.  Each token keeps its byte span in
 * the original text (the offset map) and a normalised form in which curly
 * quotes, primes, dashes, NBSP and soft hyphens are plain, so rules and
 * gazetteers match one spelling while every match maps back to the source.
 */
#ifndef KGX_TOKENIZER_PRIVATE_H
#define KGX_TOKENIZER_PRIVATE_H

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  KGX_TOKF_ALPHA       = 1 << 0,  /* starts with a letter */
  KGX_TOKF_CAP         = 1 << 1,  /* first letter upper case */
  KGX_TOKF_ALLCAPS     = 1 << 2,  /* two or more letters, none lower case */
  KGX_TOKF_DIGIT       = 1 << 3,  /* starts with a digit */
  KGX_TOKF_PUNCT       = 1 << 4,  /* punctuation or symbol */
  KGX_TOKF_SPACE       = 1 << 5,  /* white space before it */
  KGX_TOKF_SENT_START  = 1 << 6,  /* first token of a sentence */
  KGX_TOKF_PARA_START  = 1 << 7,  /* first token of a paragraph (line) */
  KGX_TOKF_ABBREV      = 1 << 8,  /* word with its period: "Mr.", "U.S." */
  KGX_TOKF_QOPEN       = 1 << 9,  /* opening double quotation mark */
  KGX_TOKF_QCLOSE      = 1 << 10, /* closing double quotation mark */
  KGX_TOKF_CAPS_LINE   = 1 << 11, /* in a line written all in capitals */
  KGX_TOKF_LOWER       = 1 << 12  /* a word with no upper-case letter */
} KgxTokenFlags;

typedef struct {
  guint32     begin;     /* byte offsets into the text, end exclusive */
  guint32     end;
  const char *form;      /* normalised form, case kept (interned) */
  const char *lower;     /* normalised form, lower case (interned) */
  guint32     flags;     /* KgxTokenFlags */
  guint32     sentence;  /* index of its sentence */
} KgxToken;

typedef struct {
  guint32 first;         /* first token */
  guint32 n;             /* number of tokens */
  guint32 paragraph;     /* index of its paragraph (line) */
} KgxTokSentence;

typedef struct {
  guint32 open;          /* token index of the opening mark */
  guint32 close;         /* token index of the closing mark, or of the
                          * paragraph's last token when it is left open */
} KgxQuotation;

typedef struct {
  const char *text;      /* borrowed */
  gsize       len;
  GArray     *tokens;    /* KgxToken */
  GArray     *sentences; /* KgxTokSentence */
  GArray     *quotes;    /* KgxQuotation */
  /* Interned token forms, in blocks: one memcpy per new form. */
  char       *arena;     /* the free space of the newest block */
  gsize       arena_left;
  gsize       arena_size; /* of the newest block */
  GSList     *blocks;    /* every block, newest first */
  GString    *word;      /* the tokenizer's scratch word, kept for kgx_tokens_reset() */
  /* The intern set: open addressing over strings, n_slots a power of 2. */
  const char **slots;
  guint32     *slot_hash;
  guint        n_slots, n_used;
} KgxTokens;

KgxTokens  *kgx_tokens_new (const char *text, gsize len);
void        kgx_tokens_free (KgxTokens *toks);
void        kgx_tokens_reset (KgxTokens *toks, const char *text, gsize len);
const char *kgx_tokens_intern (KgxTokens *toks, const char *s, gssize len);
/* Tokenizes a short phrase (a gazetteer label) with the same rules and
 * returns its lower-case token forms (transfer full, NULL-terminated) and
 * whether each was capitalised (bit i of *caps). */
char      **kgx_tokenize_phrase (const char *phrase, guint32 *caps, guint *n_tokens);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KgxTokens, kgx_tokens_free)

G_END_DECLS

#endif /* KGX_TOKENIZER_PRIVATE_H */
