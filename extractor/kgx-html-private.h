/* kgx-html-private.h - the HTML half of the reader (kgx-html.c), used only
 * by kgx-reader.c: charset sniffing before decoding, then article
 * extraction from a page that is already clean UTF-8.  Not installed.
 */
#ifndef KGX_HTML_PRIVATE_H
#define KGX_HTML_PRIVATE_H

#include <glib.h>

G_BEGIN_DECLS

/* The charset the page declares in its first 8 KiB (<meta charset>,
 * <meta http-equiv="Content-Type" content="...; charset=X">, or an
 * <?xml encoding?> declaration), mapped to a name iconv knows: "UTF-8",
 * "WINDOWS-1252", "GBK", or the label upper-cased.  %NULL when none is
 * declared.  (transfer full) */
char *kgx_html_sniff_charset (const char *data, gsize len);

/* Extracts the article from @data, which must be valid UTF-8 without NUL
 * bytes.  On success *text holds the headline line (if any) and one line
 * per paragraph, each ending in "\n" ("" if the page has no text), and
 * *headline the headline or %NULL.  Fails with KGX_READER_ERROR_HTML if
 * libxml2 builds no document, KGX_READER_ERROR_TOO_LARGE over 2 GiB. */
gboolean kgx_html_extract (const char *data,
                           gsize len,
                           char **text,
                           gsize *text_len,
                           char **headline,
                           GError **error);

G_END_DECLS

#endif /* KGX_HTML_PRIVATE_H */
