/* kgx-reader.h - the reader stage: bytes in, clean analysable UTF-8 out.
 * A document (plain text or an HTML page) becomes one KgxText, which is
 * what the tokenizer and rules see.  Nothing here prints: problems worked
 * around go to a KgxDiagnosticFunc, the rest are GErrors.
 */
#ifndef KGX_READER_H
#define KGX_READER_H

#include <glib.h>

#include "kgx-diagnostic.h"

G_BEGIN_DECLS

typedef enum {
  KGX_INPUT_AUTO,   /* decide from the name, then from the first bytes */
  KGX_INPUT_TEXT,
  KGX_INPUT_HTML
} KgxInputFormat;

#define KGX_READER_ERROR (kgx_reader_error_quark ())

typedef enum {
  KGX_READER_ERROR_BINARY,    /* a NUL byte outside UTF-16/32 */
  KGX_READER_ERROR_ENCODING,  /* no converter for UTF-16/32 (iconv broken) */
  KGX_READER_ERROR_TOO_LARGE, /* over max_size, or an HTML page over 2 GiB */
  KGX_READER_ERROR_HTML,      /* libxml2 built no document at all */
  KGX_READER_ERROR_FAILED
} KgxReaderError;

GQuark kgx_reader_error_quark (void);

/* One document, ready for analysis.  A KgxText owns its strings. */
typedef struct {
  char          *text;      /* valid UTF-8, NUL-terminated, what the extractor analyses */
  gsize          len;       /* bytes, without the NUL */
  char          *headline;  /* nullable: for HTML the <h1> (else <title>) text; for plain text NULL */
  KgxInputFormat format;    /* TEXT or HTML, as decided */
} KgxText;

/**
 * kgx_input_format_from_string:
 * @s: (nullable): "text", "html" or "auto", in any case
 * @out: (out): where the format goes; untouched on failure
 *
 * Returns: %TRUE if @s names a format.
 */
gboolean kgx_input_format_from_string (const char *s, KgxInputFormat *out);

/**
 * kgx_input_format_guess:
 * @name: (nullable): the file name, or %NULL / "-" for standard input
 * @data: (array length=len): the document's bytes
 * @len: length of @data
 *
 * A name ending in .html, .htm, .xhtml or .shtml (any case) is HTML.
 * Otherwise the first KiB is sniffed: after a BOM (UTF-16 is looked
 * through), whitespace, comments and an <?xml?> declaration, a document
 * opening with <!DOCTYPE html, <html, <head, <body, <article, <main,
 * <section, <p, <div, <h1>..<h6>, <meta, <title, <table, <ul, <br,
 * <script, <style or <link is HTML.  Anything else is TEXT.
 *
 * Returns: %KGX_INPUT_TEXT or %KGX_INPUT_HTML, never %KGX_INPUT_AUTO.
 */
KgxInputFormat kgx_input_format_guess (const char *name,
                                       const char *data,
                                       gsize len);

/**
 * kgx_text_new_from_data:
 * @data: (array length=len): the document's bytes (need not be NUL-terminated)
 * @len: length of @data
 * @name: (nullable): the file name, used for the format guess and as
 *   KgxLocation.file in diagnostics (borrowed for the call only)
 * @format: %KGX_INPUT_AUTO to guess with kgx_input_format_guess()
 * @max_size: largest accepted @len in bytes; 0 means no limit
 * @diag: (nullable): receives warnings and notes
 * @user_data: for @diag
 * @error: return location for a #KGX_READER_ERROR
 *
 * Reads one document.  What happens to each kind of input:
 *
 * - @len over @max_size: %KGX_READER_ERROR_TOO_LARGE.
 * - A UTF-8 BOM is dropped.  A UTF-16 BOM (FE FF / FF FE), or without one
 *   a NUL in every other byte of the first KiB, means UTF-16: it is
 *   decoded to UTF-8 and one %KGX_SEVERITY_INFO "decoded UTF-16LE input"
 *   (or BE) is reported.  A UTF-32 BOM (00 00 FE FF / FF FE 00 00) means
 *   UTF-32, decoded the same way ("decoded UTF-32LE input"); UTF-32
 *   without a BOM is not guessed.  A U+0000 code unit is then a binary
 *   file.
 * - Any other NUL byte: %KGX_READER_ERROR_BINARY "binary file (NUL byte at
 *   offset N)".  UTF-32 without its BOM lands here.
 * - HTML declaring a charset other than UTF-8 (<meta charset>, <meta
 *   http-equiv content>, <?xml encoding?>) is decoded with iconv; labels
 *   follow the WHATWG table where it matters (iso-8859-1 and us-ascii
 *   are windows-1252, a declared UTF-16 is UTF-8).  An unknown charset is
 *   reported as a warning and read as UTF-8.  Plain text is always UTF-8.
 * - Each invalid sequence (overlong forms, surrogates, code points over
 *   U+10FFFF, truncated or stray bytes; maximal subparts as Unicode
 *   recommends) becomes U+FFFD, and ONE %KGX_SEVERITY_WARNING "invalid
 *   UTF-8, replaced with U+FFFD (N bytes in all)" is reported at the first
 *   bad byte (line, column in characters, byte offset in @data).
 * - "\r\n" and "\r" become "\n"; other C0 controls, DEL and C1 controls
 *   become a space.  Zero-width characters and bidi controls are kept:
 *   the tokenizer decides what they mean.
 * - Plain text is otherwise returned as it is; headline is %NULL.
 * - HTML is parsed by libxml2 (recovering, no network, no external
 *   entities, no DTD entity expansion, no depth limit: the tree is
 *   walked without recursion).  The text becomes the headline line, then
 *   one line per paragraph of the article body, each ending in "\n".  See
 *   kgx-html.c for how the body is chosen and what is dropped.
 *
 * Returns: (transfer full) (nullable): the text, or %NULL with @error set.
 */
KgxText *kgx_text_new_from_data (const char *data,
                                 gsize len,
                                 const char *name,
                                 KgxInputFormat format,
                                 gsize max_size,
                                 KgxDiagnosticFunc diag,
                                 gpointer user_data,
                                 GError **error);

/* Frees @text and its strings; accepts NULL. */
void kgx_text_free (KgxText *text);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KgxText, kgx_text_free)

G_END_DECLS

#endif /* KGX_READER_H */
