/* kgx-reader.c - the reader stage (see kgx-reader.h): size and binary
 * checks, BOM and UTF-16 handling, charset decoding, UTF-8 repair and
 * control-character clean-up.  HTML pages then go to kgx-html.c.
 */
#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <string.h>

#include "kgx-reader.h"
#include "kgx-html-private.h"
#include "kgx-utf8-private.h"

G_DEFINE_QUARK (kgx-reader-error-quark, kgx_reader_error)

/* How much of a document the format and UTF-16 sniffers look at. */
#define SNIFF_LEN 1024

#define REPLACEMENT_CHAR "\xEF\xBF\xBD"  /* U+FFFD in UTF-8 */

/* Where diagnostics for the document being read go. */
typedef struct {
  const char       *name;       /* KgxLocation.file; nullable */
  KgxDiagnosticFunc diag;       /* nullable: then nothing is reported */
  gpointer          user_data;
} Reader;

static void report (const Reader *r, KgxSeverity severity, guint line,
                    guint column, gsize offset, const char *format, ...)
  G_GNUC_PRINTF (6, 7);

static void
report (const Reader *r,
        KgxSeverity severity,
        guint line,
        guint column,
        gsize offset,
        const char *format,
        ...)
{
  g_autofree char *message = NULL;
  KgxLocation location = { r->name, line, column, offset };
  va_list ap;

  if (r->diag == NULL)
    return;
  va_start (ap, format);
  message = g_strdup_vprintf (format, ap);
  va_end (ap);
  r->diag (severity, &location, message, r->user_data);
}

gboolean
kgx_input_format_from_string (const char *s, KgxInputFormat *out)
{
  static const struct {
    const char    *name;
    KgxInputFormat format;
  } names[] = {
    { "auto", KGX_INPUT_AUTO },
    { "text", KGX_INPUT_TEXT },
    { "html", KGX_INPUT_HTML },
  };

  g_return_val_if_fail (out != NULL, FALSE);

  if (s == NULL)
    return FALSE;
  for (gsize i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_ascii_strcasecmp (s, names[i].name) == 0)
      {
        *out = names[i].format;
        return TRUE;
      }
  return FALSE;
}

/* Length of the well-formed UTF-8 sequence at @p (1 to 4), or 0 with *bad
 * set to the length of the maximal ill-formed subpart there: the lead
 * byte and the continuation bytes that could still have followed it
 * (Unicode 15, section 3.9, table 3-7).  @avail >= 1. */
static gsize
utf8_sequence (const guchar *p, gsize avail, gsize *bad)
{
  guchar c = p[0];
  guchar lo = 0x80, hi = 0xBF;
  gsize need;

  if (c < 0x80)
    return 1;
  if (c >= 0xC2 && c <= 0xDF)
    need = 1;
  else if (c == 0xE0)
    need = 2, lo = 0xA0;           /* no overlong forms */
  else if (c == 0xED)
    need = 2, hi = 0x9F;           /* no surrogates */
  else if (c >= 0xE1 && c <= 0xEF)
    need = 2;
  else if (c == 0xF0)
    need = 3, lo = 0x90;           /* no overlong forms */
  else if (c == 0xF4)
    need = 3, hi = 0x8F;           /* nothing over U+10FFFF */
  else if (c >= 0xF1 && c <= 0xF3)
    need = 3;
  else
    {
      *bad = 1;                    /* 80..C1, F5..FF never start a character */
      return 0;
    }

  for (gsize i = 1; i <= need; i++)
    {
      if (i >= avail || p[i] < lo || p[i] > hi)
        {
          *bad = i;
          return 0;
        }
      lo = 0x80;
      hi = 0xBF;
    }
  return need + 1;
}

/* Line and column (1-based, in characters) just after the first @len
 * bytes of @s: "\n", "\r\n" and "\r" each end a line, and an ill-formed
 * subpart counts as one character, as it will once replaced. */
static void
locate (const char *s, gsize len, guint *line, guint *column)
{
  const guchar *p = (const guchar *) s;
  const guchar *end = p + len;
  guint l = 1, c = 1;

  while (p < end)
    {
      gsize bad = 0, n;

      if (*p == '\n' || *p == '\r')
        {
          if (*p == '\r' && p + 1 < end && p[1] == '\n')
            p++;
          p++;
          l++;
          c = 1;
          continue;
        }
      n = utf8_sequence (p, (gsize) (end - p), &bad);
      p += n > 0 ? n : bad;
      c++;
    }
  *line = l;
  *column = c;
}

/* A copy of @len bytes of @data as valid UTF-8, each ill-formed subpart
 * replaced with U+FFFD; one warning goes out at the first.  @base is the
 * offset of @data in the input, for the location. */
static char *
utf8_repair (const Reader *r,
             const char *data,
             gsize len,
             gsize base,
             gsize *out_len)
{
  const guchar *p = (const guchar *) data;
  const guchar *end = p + len;
  GString *out;
  gsize bad_bytes = 0, first_bad = 0;
  guint line = 0, column = 0;

  if (kgx_utf8_validate (data, len))
    {
      char *copy = g_malloc (len + 1);

      memcpy (copy, data, len);
      copy[len] = '\0';
      *out_len = len;
      return copy;
    }

  out = g_string_sized_new (len + 16);
  while (p < end)
    {
      const char *stop;
      gsize bad = 0, n;

      /* Copy the valid run in one go; GLib's validator rejects the same
       * overlong forms, surrogates and out-of-range code points. */
      g_utf8_validate_len ((const char *) p, (gsize) (end - p), &stop);
      g_string_append_len (out, (const char *) p, (const guchar *) stop - p);
      p = (const guchar *) stop;
      if (p >= end)
        break;

      n = utf8_sequence (p, (gsize) (end - p), &bad);
      if (n > 0)
        {
          /* A sequence GLib stops at but Unicode allows (a NUL, which
           * the caller has ruled out): keep it. */
          g_string_append_len (out, (const char *) p, n);
          p += n;
          continue;
        }
      if (bad_bytes == 0)
        {
          first_bad = (gsize) (p - (const guchar *) data);
          locate (data, first_bad, &line, &column);
        }
      bad_bytes += bad;
      g_string_append (out, REPLACEMENT_CHAR);
      p += bad;
    }

  if (bad_bytes > 0)
    report (r, KGX_SEVERITY_WARNING, line, column, base + first_bad,
            "invalid UTF-8, replaced with U+FFFD (%" G_GSIZE_FORMAT
            " bytes in all)", bad_bytes);
  *out_len = out->len;
  return g_string_free (out, FALSE);
}

/* Decodes @len bytes of @data with @cd (to UTF-8), replacing each
 * sequence iconv rejects with U+FFFD: @unit bytes are skipped for it (2
 * for UTF-16), or the rest for an incomplete sequence at the end.  One
 * warning names @charset and the first bad byte; @base is @data's offset
 * in the input. */
static char *
iconv_decode (const Reader *r,
              GIConv cd,
              const char *charset,
              const char *data,
              gsize len,
              gsize unit,
              gsize base,
              gsize *out_len)
{
  gsize cap = len + len / 2 + 64;
  char *out = g_malloc (cap);
  gsize o = 0;
  gchar *in = (gchar *) data;
  gsize in_left = len;
  gsize bad_bytes = 0, first_bad = 0;
  guint line = 0, column = 0;

  for (;;)
    {
      gchar *op = out + o;
      gsize out_left = cap - o - 1;     /* room for the NUL */
      gsize skip;
      gsize rc;
      int saved;

      if (in_left > 0)
        rc = g_iconv (cd, &in, &in_left, &op, &out_left);
      else
        rc = g_iconv (cd, NULL, NULL, &op, &out_left);   /* flush shift state */
      saved = errno;
      o = (gsize) (op - out);
      if (rc != (gsize) -1)
        {
          if (in_left == 0)
            break;
          continue;
        }
      if (saved == E2BIG)
        {
          cap *= 2;
          out = g_realloc (out, cap);
          continue;
        }
      if (in_left == 0)
        break;                          /* a failed flush: nothing left to lose */

      /* EILSEQ, or EINVAL for a sequence cut short by the end of input. */
      skip = saved == EINVAL ? in_left : MIN (unit, in_left);
      if (bad_bytes == 0)
        {
          first_bad = (gsize) (in - data);
          locate (out, o, &line, &column);
        }
      bad_bytes += skip;
      if (cap - o < 4)
        {
          cap *= 2;
          out = g_realloc (out, cap);
        }
      memcpy (out + o, REPLACEMENT_CHAR, 3);
      o += 3;
      in += skip;
      in_left -= skip;
    }
  out[o] = '\0';

  if (bad_bytes > 0)
    report (r, KGX_SEVERITY_WARNING, line, column, base + first_bad,
            "invalid %s, replaced with U+FFFD (%" G_GSIZE_FORMAT
            " bytes in all)", charset, bad_bytes);
  *out_len = o;
  return out;
}

/* 'L' or 'B' if @p looks like UTF-16LE or BE, 'l' or 'b' for UTF-32LE or
 * BE (by its BOM only), else 0.  A BOM decides (its length goes to *bom);
 * without one, NULs in every other byte of the first KiB, and almost none
 * in the other half, make UTF-16. */
static int
utf16_kind (const guchar *p, gsize len, gsize *bom)
{
  gsize pairs = MIN (len, SNIFF_LEN) / 2;
  gsize even = 0, odd = 0;

  *bom = 0;
  if (len >= 4 && p[0] == 0xFF && p[1] == 0xFE && p[2] == 0 && p[3] == 0)
    {
      *bom = 4;
      return 'l';
    }
  if (len >= 4 && p[0] == 0 && p[1] == 0 && p[2] == 0xFE && p[3] == 0xFF)
    {
      *bom = 4;
      return 'b';
    }
  if (len >= 2 && p[0] == 0xFF && p[1] == 0xFE)
    {
      *bom = 2;
      return 'L';
    }
  if (len >= 2 && p[0] == 0xFE && p[1] == 0xFF)
    {
      *bom = 2;
      return 'B';
    }
  if (pairs < 2)
    return 0;
  for (gsize i = 0; i < pairs; i++)
    {
      even += p[2 * i] == 0;
      odd += p[2 * i + 1] == 0;
    }
  if (odd * 2 >= pairs && even * 4 < odd)
    return 'L';
  if (even * 2 >= pairs && odd * 4 < even)
    return 'B';
  return 0;
}

static void
set_binary_error (GError **error, gsize offset)
{
  g_set_error (error, KGX_READER_ERROR, KGX_READER_ERROR_BINARY,
               "binary file (NUL byte at offset %" G_GSIZE_FORMAT ")", offset);
}

static const char *
unicode_charset (int kind)
{
  switch (kind)
    {
    case 'L': return "UTF-16LE";
    case 'B': return "UTF-16BE";
    case 'l': return "UTF-32LE";
    default:  return "UTF-32BE";
    }
}

/* Decodes UTF-16 or UTF-32 (after its BOM of @bom bytes) to UTF-8 in
 * *out.  A U+0000 code unit makes it a binary file. */
static gboolean
decode_utf16 (const Reader *r,
              const char *data,
              gsize len,
              gsize bom,
              int kind,
              char **out,
              gsize *out_len,
              GError **error)
{
  const char *charset = unicode_charset (kind);
  gsize unit = kind == 'l' || kind == 'b' ? 4 : 2;
  const guchar *p = (const guchar *) data;
  GIConv cd;

  for (gsize i = bom; i + unit - 1 < len; i += unit)
    if (p[i] == 0 && p[i + 1] == 0 && (unit == 2 || (p[i + 2] == 0 && p[i + 3] == 0)))
      {
        set_binary_error (error, i);
        return FALSE;
      }

  cd = g_iconv_open ("UTF-8", charset);
  if (cd == (GIConv) -1)
    {
      g_set_error (error, KGX_READER_ERROR, KGX_READER_ERROR_ENCODING,
                   "cannot decode %s input: iconv has no converter", charset);
      return FALSE;
    }
  report (r, KGX_SEVERITY_INFO, 0, 0, 0, "decoded %s input", charset);
  *out = iconv_decode (r, cd, charset, data + bom, len - bom, unit, bom, out_len);
  g_iconv_close (cd);
  return TRUE;
}

/* In place, on valid UTF-8: "\r\n" and "\r" become "\n"; other C0
 * controls, DEL and the C1 controls U+0080..U+009F become a space.
 * Returns the new length. */
static gsize
normalize_controls (char *s, gsize len)
{
  /* The bytes that may change: C0 controls but \t and \n, DEL, and 0xC2
   * (which starts U+0080..U+00BF).  All others are kept as they are. */
  static const guint8 special[256] = {
    [0x00 ... 0x08] = 1, [0x0B ... 0x1F] = 1, [0x7F] = 1, [0xC2] = 1,
  };
  gsize i = 0, o;

  /* most documents have none: nothing to move until the first */
  while (i < len && !special[(guchar) s[i]])
    i++;
  o = i;
  while (i < len)
    {
      guchar c = (guchar) s[i];

      if (!special[c])
        s[o++] = s[i++];
      else if (c == '\r')
        {
          s[o++] = '\n';
          i += (i + 1 < len && s[i + 1] == '\n') ? 2 : 1;
        }
      else if ((c < 0x20 && c != '\t' && c != '\n') || c == 0x7F)
        {
          s[o++] = ' ';
          i++;
        }
      else if (c == 0xC2 && i + 1 < len
               && (guchar) s[i + 1] >= 0x80 && (guchar) s[i + 1] <= 0x9F)
        {
          s[o++] = ' ';
          i += 2;
        }
      else
        s[o++] = s[i++];
    }
  s[o] = '\0';
  return o;
}

static gboolean
has_html_extension (const char *name)
{
  static const char *const extensions[] = { ".html", ".htm", ".xhtml", ".shtml" };
  gsize name_len;

  if (name == NULL)
    return FALSE;
  name_len = strlen (name);
  for (gsize i = 0; i < G_N_ELEMENTS (extensions); i++)
    {
      gsize ext_len = strlen (extensions[i]);

      if (name_len > ext_len
          && g_ascii_strcasecmp (name + name_len - ext_len, extensions[i]) == 0)
        return TRUE;
    }
  return FALSE;
}

/* Whether @s (the first KiB, BOM gone) opens like an HTML document. */
static gboolean
looks_like_html (const char *s, gsize n)
{
  static const char *const openers[] = {
    "!doctype html", "html", "head", "body", "article", "main", "section",
    "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "meta", "title", "table",
    "ul", "br", "script", "style", "link",
  };
  gsize i = 0;

  /* Whitespace, comments and an <?xml?> declaration may come first. */
  for (;;)
    {
      const char *close;

      while (i < n && g_ascii_isspace (s[i]))
        i++;
      if (n - i >= 4 && memcmp (s + i, "<!--", 4) == 0)
        {
          close = g_strstr_len (s + i + 4, (gssize) (n - i - 4), "-->");
          if (close == NULL)
            return FALSE;
          i = (gsize) (close - s) + 3;
        }
      else if (n - i >= 2 && memcmp (s + i, "<?", 2) == 0)
        {
          close = g_strstr_len (s + i + 2, (gssize) (n - i - 2), "?>");
          if (close == NULL)
            return FALSE;
          i = (gsize) (close - s) + 2;
        }
      else
        break;
    }

  if (i >= n || s[i] != '<')
    return FALSE;
  i++;
  for (gsize k = 0; k < G_N_ELEMENTS (openers); k++)
    {
      gsize len = strlen (openers[k]);
      char next;

      if (n - i < len || g_ascii_strncasecmp (s + i, openers[k], len) != 0)
        continue;
      next = i + len < n ? s[i + len] : ' ';
      if (next == '>' || next == '/' || g_ascii_isspace (next))
        return TRUE;
    }
  return FALSE;
}

KgxInputFormat
kgx_input_format_guess (const char *name, const char *data, gsize len)
{
  const guchar *p = (const guchar *) data;
  gsize bom = 0;
  int kind;

  if (has_html_extension (name))
    return KGX_INPUT_HTML;
  if (data == NULL || len == 0)
    return KGX_INPUT_TEXT;

  if (len >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF)
    return looks_like_html (data + 3, MIN (len - 3, SNIFF_LEN))
           ? KGX_INPUT_HTML : KGX_INPUT_TEXT;

  kind = utf16_kind (p, len, &bom);
  if (kind != 0)
    {
      const Reader quiet = { NULL, NULL, NULL };
      const char *charset = unicode_charset (kind);
      gsize unit = kind == 'l' || kind == 'b' ? 4 : 2;
      GIConv cd = g_iconv_open ("UTF-8", charset);
      g_autofree char *head = NULL;
      gsize head_len = 0;

      if (cd == (GIConv) -1)
        return KGX_INPUT_TEXT;
      head = iconv_decode (&quiet, cd, charset, data + bom,
                           MIN (len - bom, unit * SNIFF_LEN), unit, bom, &head_len);
      g_iconv_close (cd);
      return looks_like_html (head, MIN (head_len, SNIFF_LEN))
             ? KGX_INPUT_HTML : KGX_INPUT_TEXT;
    }

  return looks_like_html (data, MIN (len, SNIFF_LEN))
         ? KGX_INPUT_HTML : KGX_INPUT_TEXT;
}

KgxText *
kgx_text_new_from_data (const char *data,
                        gsize len,
                        const char *name,
                        KgxInputFormat format,
                        gsize max_size,
                        KgxDiagnosticFunc diag,
                        gpointer user_data,
                        GError **error)
{
  const Reader r = { name, diag, user_data };
  const guchar *p;
  g_autofree char *utf8 = NULL;
  gsize utf8_len = 0;
  gsize start = 0;
  gboolean charset_known = FALSE;
  KgxText *text;
  int kind;

  g_return_val_if_fail (data != NULL || len == 0, NULL);
  g_return_val_if_fail ((guint) format <= KGX_INPUT_HTML, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (data == NULL)
    data = "";
  p = (const guchar *) data;

  if (max_size > 0 && len > max_size)
    {
      g_set_error (error, KGX_READER_ERROR, KGX_READER_ERROR_TOO_LARGE,
                   "input is %" G_GSIZE_FORMAT " bytes, more than "
                   "--max-doc-size %" G_GSIZE_FORMAT, len, max_size);
      return NULL;
    }

  /* A BOM outranks any charset the page declares (as in browsers). */
  if (len >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF)
    {
      start = 3;
      charset_known = TRUE;
    }
  else if ((kind = utf16_kind (p, len, &start)) != 0)
    {
      if (!decode_utf16 (&r, data, len, start, kind, &utf8, &utf8_len, error))
        return NULL;
      charset_known = TRUE;
    }

  if (utf8 == NULL)
    {
      const char *nul = memchr (data + start, '\0', len - start);

      if (nul != NULL)
        {
          set_binary_error (error, (gsize) (nul - data));
          return NULL;
        }
    }

  if (format == KGX_INPUT_AUTO)
    format = kgx_input_format_guess (name, data, len);

  if (utf8 == NULL && format == KGX_INPUT_HTML && !charset_known)
    {
      g_autofree char *charset = kgx_html_sniff_charset (data + start,
                                                          len - start);

      if (charset != NULL && g_ascii_strcasecmp (charset, "UTF-8") != 0)
        {
          GIConv cd = g_iconv_open ("UTF-8", charset);

          if (cd == (GIConv) -1)
            report (&r, KGX_SEVERITY_WARNING, 0, 0, 0,
                    "unknown charset \"%s\", read as UTF-8", charset);
          else
            {
              utf8 = iconv_decode (&r, cd, charset, data + start, len - start,
                                   1, start, &utf8_len);
              g_iconv_close (cd);
            }
        }
    }

  if (utf8 == NULL)
    utf8 = utf8_repair (&r, data + start, len - start, start, &utf8_len);
  utf8_len = normalize_controls (utf8, utf8_len);

  text = g_new0 (KgxText, 1);
  text->format = format;
  if (format == KGX_INPUT_HTML)
    {
      if (!kgx_html_extract (utf8, utf8_len, &text->text, &text->len,
                             &text->headline, error))
        {
          kgx_text_free (text);
          return NULL;
        }
    }
  else
    {
      text->text = g_steal_pointer (&utf8);
      text->len = utf8_len;
    }
  return text;
}

void
kgx_text_free (KgxText *text)
{
  if (text == NULL)
    return;
  g_free (text->text);
  g_free (text->headline);
  g_free (text);
}
