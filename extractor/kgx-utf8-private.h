/* kgx-utf8-private.h - UTF-8 validation with a fast path for ASCII.
 *
 * Gazetteers, rule files and most documents are nearly all ASCII, on which
 * g_utf8_validate_len() spends about nine instructions a byte.  Here runs
 * of eight ASCII bytes are skipped a word at a time and only the pieces
 * around other bytes go to GLib.  The pieces are cut where a byte before
 * or at the cut is ASCII, which is always a character boundary in valid
 * UTF-8, so the answer is exactly g_utf8_validate_len()'s.
 */
#ifndef KGX_UTF8_PRIVATE_H
#define KGX_UTF8_PRIVATE_H

#include <string.h>

#include <glib.h>

G_BEGIN_DECLS

/* Whether data[0..len) is valid UTF-8 without a NUL: the same answer as
 * g_utf8_validate_len (data, len, NULL). */
static inline gboolean
kgx_utf8_validate (const char *data, gsize len)
{
  const guint64 ones = G_GUINT64_CONSTANT (0x0101010101010101);
  const guint64 highs = G_GUINT64_CONSTANT (0x8080808080808080);
  gsize i = 0;

  while (i < len)
    {
      gsize j;

      /* eight bytes, none >= 0x80 and none NUL */
      for (; i + 8 <= len; i += 8)
        {
          guint64 w;
          memcpy (&w, data + i, 8);
          if ((w & highs) || ((w - ones) & ~w & highs))
            break;
        }
      if (i >= len)
        break;
      /* data[i] starts a character; so does the next ASCII byte */
      j = MIN (len, i + 8);
      while (j < len && (guchar) data[j] >= 0x80)
        j++;
      if (!g_utf8_validate_len (data + i, j - i, NULL))
        return FALSE;
      i = j;
    }
  return TRUE;
}

G_END_DECLS

#endif /* KGX_UTF8_PRIVATE_H */
