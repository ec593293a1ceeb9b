/* fuzz-reader.c - libFuzzer harness for the reader stage (kgx-reader.c,
 * kgx-html.c): any bytes through kgx_text_new_from_data() as text, HTML
 * or guessed, the way a corpus file reaches it.  The first byte picks the
 * format so that one corpus covers all three (STYLE 3.8, rule 35).
 */
#include "fuzz-common.h"
#include "kgx-reader.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  static const KgxInputFormat formats[] = { KGX_INPUT_AUTO, KGX_INPUT_TEXT, KGX_INPUT_HTML };
  KgxInputFormat format = KGX_INPUT_AUTO;
  GError *error = NULL;
  KgxText *text;

  if (size > 0)
    {
      format = formats[data[0] % 3];
      data++, size--;
    }
  text = kgx_text_new_from_data ((const char *) data, size, "fuzz", format, 0,
                                 fuzz_ignore_diagnostic, NULL, &error);
  if (text)
    {
      /* The contract: valid UTF-8, NUL-terminated at len. */
      g_assert (g_utf8_validate (text->text, text->len, NULL));
      g_assert (text->text[text->len] == '\0');
      g_assert (!text->headline || g_utf8_validate (text->headline, -1, NULL));
      kgx_text_free (text);
    }
  else
    {
      g_assert (error != NULL);
      g_error_free (error);
    }
  return 0;
}
