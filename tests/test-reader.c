/* test-reader.c - unit tests for the reader stage (kgx-reader.h): format
 * guessing, size and binary checks, UTF-8 repair, UTF-16, line ends and
 * controls, and HTML extraction, including the pages in tests/html/
 * (NAME.html against NAME.expected.txt; KGX_TEST_UPDATE=1 rewrites those).
 */
#include "config.h"

#include <string.h>

#include "kgx-reader.h"
#include "kgx-utf8-private.h"

#define FFFD "\xEF\xBF\xBD"

/* ------------------------------------------------------------------ */
/* Helpers                                                             */

typedef struct {
  KgxSeverity severity;
  char       *file;
  guint       line;
  guint       column;
  gsize       offset;
  char       *message;
} Seen;

static void
seen_free (gpointer data)
{
  Seen *s = data;

  g_free (s->file);
  g_free (s->message);
  g_free (s);
}

static void
record_diagnostic (KgxSeverity severity,
                   const KgxLocation *location,
                   const char *message,
                   gpointer user_data)
{
  GPtrArray *seen = user_data;
  Seen *s = g_new0 (Seen, 1);

  g_assert_nonnull (location);
  g_assert_nonnull (message);
  s->severity = severity;
  s->file = g_strdup (location->file);
  s->line = location->line;
  s->column = location->column;
  s->offset = location->offset;
  s->message = g_strdup (message);
  g_ptr_array_add (seen, s);
}

static GPtrArray *
seen_new (void)
{
  return g_ptr_array_new_with_free_func (seen_free);
}

/* Checks what every KgxText promises. */
static void
assert_text_sane (const KgxText *text)
{
  g_assert_nonnull (text);
  g_assert_nonnull (text->text);
  g_assert_cmpuint (strlen (text->text), ==, text->len);
  g_assert_true (g_utf8_validate (text->text, (gssize) text->len, NULL));
  g_assert_true (text->format == KGX_INPUT_TEXT || text->format == KGX_INPUT_HTML);
  if (text->headline != NULL)
    g_assert_true (g_utf8_validate (text->headline, -1, NULL));
}

/* Reads @data (NUL-terminated if @len < 0) and asserts success. */
static KgxText *
read_ok (const char *data,
         gssize len,
         const char *name,
         KgxInputFormat format,
         GPtrArray *seen)
{
  GError *error = NULL;
  KgxText *text;

  text = kgx_text_new_from_data (data, len < 0 ? strlen (data) : (gsize) len,
                                 name, format, 0,
                                 seen != NULL ? record_diagnostic : NULL,
                                 seen, &error);
  g_assert_no_error (error);
  assert_text_sane (text);
  return text;
}

/* Asserts @data reads (as @format) to exactly @expected, with no
 * diagnostics. */
static void
assert_reads_as (const char *data, KgxInputFormat format, const char *expected)
{
  g_autoptr (GPtrArray) seen = seen_new ();
  g_autoptr (KgxText) text = read_ok (data, -1, "t", format, seen);

  g_assert_cmpstr (text->text, ==, expected);
  g_assert_cmpuint (seen->len, ==, 0);
}

static GError *
read_fails (const char *data, gsize len, KgxInputFormat format, gsize max_size)
{
  GError *error = NULL;
  KgxText *text = kgx_text_new_from_data (data, len, "bad", format, max_size,
                                          NULL, NULL, &error);

  g_assert_null (text);
  g_assert_nonnull (error);
  return error;
}

/* ------------------------------------------------------------------ */
/* Formats                                                             */

static void
test_format_from_string (void)
{
  KgxInputFormat format = KGX_INPUT_TEXT;

  g_assert_true (kgx_input_format_from_string ("html", &format));
  g_assert_cmpint (format, ==, KGX_INPUT_HTML);
  g_assert_true (kgx_input_format_from_string ("auto", &format));
  g_assert_cmpint (format, ==, KGX_INPUT_AUTO);
  g_assert_true (kgx_input_format_from_string ("TEXT", &format));
  g_assert_cmpint (format, ==, KGX_INPUT_TEXT);

  g_assert_false (kgx_input_format_from_string ("xml", &format));
  g_assert_false (kgx_input_format_from_string ("", &format));
  g_assert_false (kgx_input_format_from_string (NULL, &format));
  g_assert_cmpint (format, ==, KGX_INPUT_TEXT);
}

static void
test_guess (void)
{
  static const struct {
    const char    *name;
    const char    *data;
    KgxInputFormat expected;
  } cases[] = {
    { "story.html", "plain words", KGX_INPUT_HTML },
    { "STORY.HTM", "", KGX_INPUT_HTML },
    { "a/b/page.xhtml", "x", KGX_INPUT_HTML },
    { "story.txt", "<!DOCTYPE html><html>", KGX_INPUT_HTML },
    { NULL, "  \n\t<html lang=en>", KGX_INPUT_HTML },
    { NULL, "\xEF\xBB\xBF<!doctype HTML>", KGX_INPUT_HTML },
    { NULL, "<!-- saved from url=(0042) --><P>Hi</P>", KGX_INPUT_HTML },
    { NULL, "<?xml version=\"1.0\"?>\n<html xmlns=\"x\">", KGX_INPUT_HTML },
    { NULL, "<div class=\"story\">", KGX_INPUT_HTML },
    { NULL, "<article>", KGX_INPUT_HTML },
    { NULL, "<head><title>x</title>", KGX_INPUT_HTML },
    { NULL, "<body>", KGX_INPUT_HTML },
    { NULL, "<p>", KGX_INPUT_HTML },
    { "-", "The minister said <p> is a tag.", KGX_INPUT_TEXT },
    { NULL, "<pizza> is not a tag", KGX_INPUT_TEXT },
    { NULL, "<b>Breaking</b> news", KGX_INPUT_TEXT },
    { NULL, "<!-- never closed <html>", KGX_INPUT_TEXT },
    { NULL, "", KGX_INPUT_TEXT },
    { "notes.html.txt", "Lake Venner", KGX_INPUT_TEXT },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      KgxInputFormat got = kgx_input_format_guess (cases[i].name, cases[i].data,
                                                   strlen (cases[i].data));

      if (got != cases[i].expected)
        g_error ("case %" G_GSIZE_FORMAT " (%s): guessed %d", i, cases[i].data, got);
    }

  /* UTF-16 is looked through, with or without a BOM. */
  {
    static const char le[] = "\xFF\xFE<\0h\0t\0m\0l\0>\0";
    static const char be[] = "\0<\0d\0i\0v\0>\0H\0i";

    g_assert_cmpint (kgx_input_format_guess (NULL, le, sizeof le - 1), ==, KGX_INPUT_HTML);
    g_assert_cmpint (kgx_input_format_guess (NULL, be, sizeof be - 1), ==, KGX_INPUT_HTML);
  }
  g_assert_cmpint (kgx_input_format_guess (NULL, NULL, 0), ==, KGX_INPUT_TEXT);
}

/* ------------------------------------------------------------------ */
/* Plain text: encodings, controls, limits                             */

static void
test_utf8_valid (void)
{
  static const char story[] =
    "Plant near Lake Venner to close\n"
    "Odile Brannock said the Castlemere works would shut. Sølvik, Ørsted, 東京.\n";
  g_autoptr (KgxText) text = read_ok (story, -1, "story.txt", KGX_INPUT_AUTO, NULL);

  g_assert_cmpstr (text->text, ==, story);
  g_assert_null (text->headline);
  g_assert_cmpint (text->format, ==, KGX_INPUT_TEXT);
}

static void
test_utf8_bom (void)
{
  g_autoptr (GPtrArray) seen = seen_new ();
  g_autoptr (KgxText) text = read_ok ("\xEF\xBB\xBFHello\n", -1, "t", KGX_INPUT_TEXT, seen);

  g_assert_cmpstr (text->text, ==, "Hello\n");
  g_assert_cmpuint (seen->len, ==, 0);

  /* Only the first BOM goes; a second one is a U+FEFF character. */
  assert_reads_as ("\xEF\xBB\xBF\xEF\xBB\xBFx", KGX_INPUT_TEXT, "\xEF\xBB\xBFx");
}

/* kgx_utf8_validate() must give g_utf8_validate_len()'s answer on any
 * bytes: strings built from ASCII runs, valid and broken sequences and
 * NULs, at every length and alignment. */
static void
test_utf8_fast_validate (void)
{
  static const char *const pieces[] = {
    "a", "plain ASCII text ", "\n", "\xc3\xa9", "\xe2\x80\x9c", "\xf0\x9f\x98\x80",
    "\xc3", "\xe2\x80", "\x80", "\xbf", "\xc0\xaf", "\xed\xa0\x80", "\xf4\x90\x80\x80",
    "\xff", "\0", "12345678", "\xe2", "\x9c",
  };
  GRand *rand = g_rand_new_with_seed (7);
  guint n_valid = 0;

  for (guint round = 0; round < 20000; round++)
    {
      GString *s = g_string_new (NULL);
      guint n = g_rand_int_range (rand, 0, 12);
      for (guint k = 0; k < n; k++)
        {
          guint i = g_rand_int_range (rand, 0, G_N_ELEMENTS (pieces));
          /* mostly ASCII, as real text is */
          if (g_rand_int_range (rand, 0, 3) > 0)
            i = g_rand_int_range (rand, 0, 3);
          g_string_append_len (s, pieces[i], *pieces[i] ? (gssize) strlen (pieces[i]) : 1);
        }
      for (gsize off = 0; off < MIN (s->len, 3); off++)
        {
          gboolean want = g_utf8_validate_len (s->str + off, s->len - off, NULL);
          g_assert_cmpint (kgx_utf8_validate (s->str + off, s->len - off), ==, want);
          n_valid += want;
        }
      g_string_free (s, TRUE);
    }
  g_assert_cmpuint (n_valid, >, 0);
  g_rand_free (rand);
}

static void
test_utf8_invalid (void)
{
  static const struct {
    const char *input;
    const char *expected;
    gsize       bad_bytes;
    guint       line, column;
    gsize       offset;
  } cases[] = {
    /* overlong NUL: C0 can never start a character, nor 80 */
    { "ab\xC0\x80" "cd", "ab" FFFD FFFD "cd", 2, 1, 3, 2 },
    /* overlong '/' in three bytes */
    { "\xE0\x80\xAF", FFFD FFFD FFFD, 3, 1, 1, 0 },
    /* a UTF-16 surrogate, U+D800 */
    { "\xED\xA0\x80x", FFFD FFFD FFFD "x", 3, 1, 1, 0 },
    /* over U+10FFFF */
    { "\xF4\x90\x80\x80", FFFD FFFD FFFD FFFD, 4, 1, 1, 0 },
    /* truncated at the end: one maximal subpart */
    { "x\xE2\x82", "x" FFFD, 2, 1, 2, 1 },
    /* truncated in the middle, on line 2 */
    { "l1\nl2 \xE2\x82z", "l1\nl2 " FFFD "z", 2, 2, 4, 6 },
    /* a four-byte sequence missing its last byte */
    { "\xF0\x9F\x98" "A", FFFD "A", 3, 1, 1, 0 },
    /* a stray continuation byte */
    { "\x80", FFFD, 1, 1, 1, 0 },
    /* Latin-1 in a text file */
    { "caf\xE9 au lait", "caf" FFFD " au lait", 1, 1, 4, 3 },
    /* several, one diagnostic for all */
    { "\xFF a \xFE", FFFD " a " FFFD, 2, 1, 1, 0 },
    /* columns count characters, offsets bytes; the BOM counts in offsets */
    { "\xEF\xBB\xBF\xC3\xA9\xE2\x82\xAC\xFF", "\xC3\xA9\xE2\x82\xAC" FFFD, 1, 1, 3, 8 },
    /* "\r\n" is one line end */
    { "x\r\n\r\xFF", "x\n\n" FFFD, 1, 3, 1, 4 },
    /* F5..FF never start a character */
    { "\xF5\x80\x80\x80", FFFD FFFD FFFD FFFD, 4, 1, 1, 0 },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GPtrArray) seen = seen_new ();
      g_autoptr (KgxText) text = read_ok (cases[i].input, -1, "in.txt",
                                          KGX_INPUT_TEXT, seen);
      g_autofree char *message = g_strdup_printf (
        "invalid UTF-8, replaced with U+FFFD (%" G_GSIZE_FORMAT " bytes in all)",
        cases[i].bad_bytes);
      const Seen *s;

      g_test_message ("case %" G_GSIZE_FORMAT, i);
      g_assert_cmpstr (text->text, ==, cases[i].expected);
      g_assert_cmpuint (seen->len, ==, 1);
      s = g_ptr_array_index (seen, 0);
      g_assert_cmpint (s->severity, ==, KGX_SEVERITY_WARNING);
      g_assert_cmpstr (s->file, ==, "in.txt");
      g_assert_cmpstr (s->message, ==, message);
      g_assert_cmpuint (s->line, ==, cases[i].line);
      g_assert_cmpuint (s->column, ==, cases[i].column);
      g_assert_cmpuint (s->offset, ==, cases[i].offset);
    }

  /* No diagnostic function: still repaired, nothing else happens. */
  {
    g_autoptr (KgxText) text = read_ok ("\xFFok", -1, NULL, KGX_INPUT_TEXT, NULL);

    g_assert_cmpstr (text->text, ==, FFFD "ok");
  }
}

static void
test_binary_nul (void)
{
  static const char with_nul[] = "abc\0def";
  static const char bom_nul[] = "\xEF\xBB\xBFhi\0";
  static const char utf32[] = "h\0\0\0i\0\0\0";
  g_autoptr (GError) e1 = read_fails (with_nul, sizeof with_nul - 1, KGX_INPUT_AUTO, 0);
  g_autoptr (GError) e2 = read_fails (bom_nul, sizeof bom_nul - 1, KGX_INPUT_HTML, 0);
  g_autoptr (GError) e3 = read_fails (utf32, sizeof utf32 - 1, KGX_INPUT_TEXT, 0);

  g_assert_error (e1, KGX_READER_ERROR, KGX_READER_ERROR_BINARY);
  g_assert_cmpstr (e1->message, ==, "binary file (NUL byte at offset 3)");
  g_assert_error (e2, KGX_READER_ERROR, KGX_READER_ERROR_BINARY);
  g_assert_cmpstr (e2->message, ==, "binary file (NUL byte at offset 5)");
  g_assert_error (e3, KGX_READER_ERROR, KGX_READER_ERROR_BINARY);
}

/* @utf8 converted to UTF-16 or UTF-32 (@charset), with the @bom_len bytes
 * of @bom in front. */
static GBytes *
to_utf16 (const char *utf8, const char *charset, const char *bom, gsize bom_len)
{
  g_autoptr (GError) error = NULL;
  gsize written = 0;
  g_autofree char *converted = g_convert (utf8, -1, charset, "UTF-8", NULL,
                                          &written, &error);
  GByteArray *bytes = g_byte_array_new ();

  g_assert_no_error (error);
  g_byte_array_append (bytes, (const guint8 *) bom, (guint) bom_len);
  g_byte_array_append (bytes, (const guint8 *) converted, (guint) written);
  return g_byte_array_free_to_bytes (bytes);
}

static void
test_utf16 (void)
{
  static const struct {
    const char *charset;
    const char *bom;
    gsize       bom_len;
    const char *note;
  } forms[] = {
    { "UTF-16LE", "\xFF\xFE", 2, "decoded UTF-16LE input" },
    { "UTF-16BE", "\xFE\xFF", 2, "decoded UTF-16BE input" },
    { "UTF-16LE", "", 0, "decoded UTF-16LE input" },
    { "UTF-16BE", "", 0, "decoded UTF-16BE input" },
    /* UTF-32 is read only with its BOM. */
    { "UTF-32LE", "\xFF\xFE\x00\x00", 4, "decoded UTF-32LE input" },
    { "UTF-32BE", "\x00\x00\xFE\xFF", 4, "decoded UTF-32BE input" },
  };
  static const char story[] = "Port of Sølvik sold for €1.2bn\r\nRuth Adeyemi-Strand 🚢\n";

  for (gsize i = 0; i < G_N_ELEMENTS (forms); i++)
    {
      g_autoptr (GBytes) input = to_utf16 (story, forms[i].charset, forms[i].bom,
                                                 forms[i].bom_len);
      g_autoptr (GPtrArray) seen = seen_new ();
      gsize len;
      const char *data = g_bytes_get_data (input, &len);
      g_autoptr (KgxText) text = read_ok (data, (gssize) len, "u16.txt",
                                          KGX_INPUT_AUTO, seen);
      const Seen *s;

      g_assert_cmpstr (text->text, ==,
                       "Port of Sølvik sold for €1.2bn\nRuth Adeyemi-Strand 🚢\n");
      g_assert_cmpint (text->format, ==, KGX_INPUT_TEXT);
      g_assert_cmpuint (seen->len, ==, 1);
      s = g_ptr_array_index (seen, 0);
      g_assert_cmpint (s->severity, ==, KGX_SEVERITY_INFO);
      g_assert_cmpstr (s->message, ==, forms[i].note);
    }

  /* A lone surrogate, then an odd byte at the end: U+FFFD each, one warning. */
  {
    static const char bad[] = "\xFF\xFE" "A\0" "\x00\xD8" "B\0" "\n\0" "C";
    g_autoptr (GPtrArray) seen = seen_new ();
    g_autoptr (KgxText) text = read_ok (bad, sizeof bad - 1, "u16.txt",
                                        KGX_INPUT_TEXT, seen);
    const Seen *s;

    g_assert_cmpstr (text->text, ==, "A" FFFD "B\n" FFFD);
    g_assert_cmpuint (seen->len, ==, 2);
    s = g_ptr_array_index (seen, 1);
    g_assert_cmpint (s->severity, ==, KGX_SEVERITY_WARNING);
    g_assert_cmpstr (s->message, ==,
                     "invalid UTF-16LE, replaced with U+FFFD (3 bytes in all)");
    g_assert_cmpuint (s->offset, ==, 4);
    g_assert_cmpuint (s->line, ==, 1);
    g_assert_cmpuint (s->column, ==, 2);
  }

  /* U+0000 in UTF-16 is still a binary file. */
  {
    static const char nul[] = "\xFF\xFE" "A\0" "\0\0" "B\0";
    g_autoptr (GError) error = read_fails (nul, sizeof nul - 1, KGX_INPUT_AUTO, 0);

    g_assert_error (error, KGX_READER_ERROR, KGX_READER_ERROR_BINARY);
    g_assert_cmpstr (error->message, ==, "binary file (NUL byte at offset 4)");
  }

  /* A UTF-16 HTML page. */
  {
    g_autoptr (GBytes) input = to_utf16 ("<html><head><meta charset=\"utf-16\">"
                                         "<title>T</title></head><body><h1>Lake"
                                         " Orrin</h1><p>Fish died.</p></body></html>",
                                         "UTF-16LE", "\xFF\xFE", 2);
    gsize len;
    const char *data = g_bytes_get_data (input, &len);
    g_autoptr (KgxText) text = read_ok (data, (gssize) len, NULL, KGX_INPUT_AUTO, NULL);

    g_assert_cmpint (text->format, ==, KGX_INPUT_HTML);
    g_assert_cmpstr (text->text, ==, "Lake Orrin\nFish died.\n");
  }
}

static void
test_crlf (void)
{
  assert_reads_as ("a\r\nb\rc\n\r\nd\r", KGX_INPUT_TEXT, "a\nb\nc\n\nd\n");
  assert_reads_as ("\r\r\n", KGX_INPUT_TEXT, "\n\n");
}

static void
test_controls (void)
{
  /* C0 (but tab and line ends), DEL and C1 become spaces. */
  assert_reads_as ("a\x01" "b\x1B" "c\x7F" "d\te\xC2\x85" "f\x0C" "g",
                   KGX_INPUT_TEXT, "a b c d\te f g");
  /* Zero-width and bidi controls stay for the tokenizer. */
  assert_reads_as ("Ha\xE2\x80\x8Blden \xE2\x80\xAEMarine\xE2\x80\xAC \xEF\xBB\xBF",
                   KGX_INPUT_TEXT,
                   "Ha\xE2\x80\x8Blden \xE2\x80\xAEMarine\xE2\x80\xAC \xEF\xBB\xBF");
  /* HTML sees the same clean-up: a control is a space, not nothing. */
  assert_reads_as ("<p>a\x01" "b &#x85; c</p>", KGX_INPUT_HTML, "a b c\n");
}

static void
test_too_large (void)
{
  static const char data[] = "0123456789!";
  g_autoptr (GError) error = read_fails (data, 11, KGX_INPUT_AUTO, 10);
  g_autoptr (KgxText) exact = NULL;
  g_autoptr (KgxText) unlimited = NULL;

  g_assert_error (error, KGX_READER_ERROR, KGX_READER_ERROR_TOO_LARGE);
  g_assert_cmpstr (error->message, ==, "input is 11 bytes, more than --max-doc-size 10");

  exact = kgx_text_new_from_data (data, 10, NULL, KGX_INPUT_TEXT, 10, NULL, NULL, NULL);
  g_assert_nonnull (exact);
  g_assert_cmpstr (exact->text, ==, "0123456789");
  unlimited = kgx_text_new_from_data (data, 11, NULL, KGX_INPUT_TEXT, 0, NULL, NULL, NULL);
  g_assert_nonnull (unlimited);
}

static void
test_empty (void)
{
  g_autoptr (KgxText) empty = read_ok ("", 0, NULL, KGX_INPUT_AUTO, NULL);
  g_autoptr (KgxText) null_data = read_ok (NULL, 0, NULL, KGX_INPUT_TEXT, NULL);

  g_assert_cmpstr (empty->text, ==, "");
  g_assert_cmpuint (empty->len, ==, 0);
  g_assert_cmpstr (null_data->text, ==, "");

  assert_reads_as ("", KGX_INPUT_HTML, "");
  assert_reads_as (" \n\t ", KGX_INPUT_HTML, "");
  assert_reads_as ("<!-- only a comment -->", KGX_INPUT_HTML, "");
  assert_reads_as ("<html><script>var x = '<p>no</p>';</script></html>",
                   KGX_INPUT_HTML, "");
}

static void
test_free_null (void)
{
  g_autoptr (KgxText) unused = NULL;

  kgx_text_free (NULL);
  g_assert_null (unused);
}

/* ------------------------------------------------------------------ */
/* HTML                                                                */

static char *
read_data_file (const char *file, gsize *len)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "html", file, NULL);
  g_autoptr (GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, len, &error);
  g_assert_no_error (error);
  return contents;
}

/* tests/html/NAME.html must read as tests/html/NAME.expected.txt, with
 * the headline as its first line and no diagnostics. */
static void
test_html_page (gconstpointer data)
{
  const char *name = data;
  g_autofree char *html_file = g_strconcat (name, ".html", NULL);
  g_autofree char *expected_file = g_strconcat (name, ".expected.txt", NULL);
  g_autoptr (GPtrArray) seen = seen_new ();
  gsize len;
  g_autofree char *html = read_data_file (html_file, &len);
  g_autoptr (KgxText) text = read_ok (html, (gssize) len, html_file,
                                      KGX_INPUT_AUTO, seen);
  g_autofree char *expected = NULL;

  if (g_getenv ("KGX_TEST_UPDATE") != NULL)
    {
      g_autofree char *path = g_test_build_filename (G_TEST_DIST, "html",
                                                     expected_file, NULL);
      g_autoptr (GError) error = NULL;

      g_file_set_contents (path, text->text, (gssize) text->len, &error);
      g_assert_no_error (error);
    }

  expected = read_data_file (expected_file, NULL);
  g_assert_cmpint (text->format, ==, KGX_INPUT_HTML);
  g_assert_cmpstr (text->text, ==, expected);
  g_assert_cmpuint (seen->len, ==, 0);
  g_assert_nonnull (text->headline);
  g_assert_true (g_str_has_prefix (text->text, text->headline));
  g_assert_cmpint (text->text[strlen (text->headline)], ==, '\n');
  g_assert_true (g_str_has_suffix (text->text, "\n"));
  g_assert_null (strstr (text->text, "\n\n"));
}

static void
test_html_body_choice (void)
{
  /* The longest of several <article>s; nested ones go with their parent. */
  assert_reads_as ("<body><article><p>Short teaser.</p></article>"
                   "<article><h1>Lake plant closes</h1><p>The long story.</p>"
                   "<article><p>Nested card.</p></article></article>"
                   "<article><p>Other.</p></article></body>",
                   KGX_INPUT_HTML,
                   "Lake plant closes\nThe long story.\nNested card.\n");
  /* An <article> inside chrome is no candidate. */
  assert_reads_as ("<body><aside><article><p>A much longer related story card "
                   "that is not the article at all.</p></article></aside>"
                   "<div class=\"related-stories\"><article><p>Another long card "
                   "that must not be chosen either.</p></article></div>"
                   "<article><p>The story.</p></article></body>",
                   KGX_INPUT_HTML, "The story.\n");
  /* No article: <main> wins over role="main" and itemprop. */
  assert_reads_as ("<body><p>Outside.</p><div role=\"main\"><p>Role.</p></div>"
                   "<main><p>Main.</p></main></body>",
                   KGX_INPUT_HTML, "Main.\n");
  assert_reads_as ("<body><p>Outside.</p><div id=\"c\" role=\"main\"><p>Role.</p></div></body>",
                   KGX_INPUT_HTML, "Role.\n");
  assert_reads_as ("<body><p>Outside.</p><div itemprop=\"articleBody\"><p>Body.</p></div></body>",
                   KGX_INPUT_HTML, "Body.\n");
  /* Else <body>, with chrome dropped. */
  assert_reads_as ("<body><div id=\"site-header\"><h1>Daily Courier</h1></div>"
                   "<div class=\"story\"><h1>Minister visits lake</h1><p>She came.</p></div>"
                   "<div id=\"footer\">Contact</div></body>",
                   KGX_INPUT_HTML, "Minister visits lake\nShe came.\n");
  /* A page-wrapping form (ASP.NET) is kept; a comment form is not. */
  assert_reads_as ("<body><form id=\"aspnetForm\" action=\"story.aspx\"><div>"
                   "<h1>Ferry resumes</h1><p>Boats sail again.</p>"
                   "<form action=\"/comment\"><p>Your name</p></form></div></form></body>",
                   KGX_INPUT_HTML, "Ferry resumes\nBoats sail again.\n");
}

static void
test_html_boilerplate (void)
{
  static const char page[] =
    "<!DOCTYPE html><html><head><title>x</title><style>p{color:red}</style>"
    "<script>document.write('<p>script text</p>')</script></head><body>"
    "<div class=\"cookie-banner\" id=\"gdpr\">We use cookies. <button>Accept</button></div>"
    "<header><nav class=\"site-nav\"><ul class=\"menu\"><li>Home</li><li>News</li></ul></nav></header>"
    "<main><article>"
    "<header><h1>Minister opens Orrin Bay works</h1><p class=\"standfirst\">A new plant for the lake.</p></header>"
    "<ul class=\"share-buttons\"><li><a>Facebook</a></li><li><a>Email</a></li></ul>"
    "<div class=\"ShareTools\">Share</div>"
    "<figure><img src=\"a.jpg\" alt=\"The works\"><figcaption>The works at dusk.</figcaption></figure>"
    "<p>Aurelio Quist opened the plant on Monday.</p>"
    "<noscript><p>Enable JavaScript</p></noscript>"
    "<template><p>template text</p></template>"
    "<svg><text>svg text</text></svg>"
    "<div hidden>hidden attribute</div><div aria-hidden=\"true\">aria hidden</div>"
    "<p style=\"display: none\">display none</p><span class=\"sr-only\">screen reader</span>"
    "<iframe src=\"x\">iframe text</iframe><select><option>Option</option></select>"
    "<div data-component=\"ad-slot\"><p>Advertisement</p></div>"
    "<div class=\"newsletter-signup\"><p>Sign up for our newsletter</p><form><input></form></div>"
    "<aside class=\"pullquote\"><p>Aside text</p></aside>"
    "<p>The works cost <b>£40m</b>.</p>"
    "<div class=\"related-articles\"><h2>Related</h2><ul><li><a>Older story</a></li></ul></div>"
    "<section id=\"comments\"><p>First!</p></section>"
    "<div role=\"navigation\">Pages 1 2 3</div>"
    "<footer><p>Tags: Lake Orrin</p></footer>"
    "</article></main>"
    "<footer class=\"site-footer\"><p>Copyright</p></footer>"
    "<script>var tracking = 1;</script></body></html>";

  assert_reads_as (page, KGX_INPUT_HTML,
                   "Minister opens Orrin Bay works\n"
                   "A new plant for the lake.\n"
                   "Aurelio Quist opened the plant on Monday.\n"
                   "The works cost £40m.\n");
}

static void
test_html_whitespace (void)
{
  assert_reads_as ("<p>Kestrel<b>Freight</b> <i>said</i>\n   on \t Monday </p>"
                   "<p>A<br>B<br/><br>C</p>"
                   "<ul><li>one</li><li> two </li></ul>"
                   "<p>&nbsp;</p><p>\xE2\x80\x8B</p><p> \n </p>"
                   "<div>x<span> </span>y<em>z</em></div>"
                   "<table><tr><td>cell 1</td><td>cell 2</td></tr></table>"
                   "<pre>line 1\nline  2</pre>"
                   "<p>caf&eacute;&nbsp;au&#160;lait &amp; &#8220;quotes&#8221;</p>"
                   "<p>Smith &amp Sons &copy 2004&nbsp &ampx &amp;amp;</p>",
                   KGX_INPUT_HTML,
                   "KestrelFreight said on Monday\n"
                   "A\nB\nC\n"
                   "one\ntwo\n"
                   "x yz\n"
                   "cell 1\ncell 2\n"
                   "line 1\nline 2\n"
                   "café au lait & “quotes”\n"
                   "Smith & Sons © 2004 &ampx &amp;\n");
}

/* @n levels of @open (and @close after the text, if not NULL). */
static char *
nested_page (guint n, const char *open, const char *close)
{
  GString *s = g_string_new ("<html><body>");

  for (guint i = 0; i < n; i++)
    g_string_append (s, open);
  g_string_append (s, "deep text");
  if (close != NULL)
    for (guint i = 0; i < n; i++)
      g_string_append (s, close);
  g_string_append (s, "<p>after</p></body></html>");
  return g_string_free (s, FALSE);
}

static void
test_html_deep (void)
{
  g_autofree char *divs = nested_page (50000, "<div>", "</div>");
  g_autofree char *unclosed = nested_page (50000, "<div><span><b>", NULL);
  g_autofree char *mixed = nested_page (10000,
                                        "<div><form><article><section><span>",
                                        "</span></section></article></form></div>");
  g_autoptr (KgxText) t1 = read_ok (divs, -1, NULL, KGX_INPUT_HTML, NULL);
  g_autoptr (KgxText) t2 = read_ok (unclosed, -1, NULL, KGX_INPUT_HTML, NULL);
  g_autoptr (KgxText) t3 = read_ok (mixed, -1, NULL, KGX_INPUT_HTML, NULL);

  /* libxml2's 256-level limit would have dropped everything. */
  g_assert_cmpstr (t1->text, ==, "deep text\nafter\n");
  g_assert_nonnull (strstr (t2->text, "deep text"));
  g_assert_cmpstr (t3->text, ==, "deep text\n");
}

static void
test_html_billion_laughs (void)
{
  static const char page[] =
    "<?xml version=\"1.0\"?>\n"
    "<!DOCTYPE html [\n"
    " <!ENTITY lol \"lol\">\n"
    " <!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">\n"
    " <!ENTITY lol2 \"&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;\">\n"
    " <!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">\n"
    " <!ENTITY lol9 \"&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;\">\n"
    "]>\n"
    "<html><body><p>Laughs: &lol9;</p></body></html>\n";
  g_autoptr (KgxText) text = read_ok (page, -1, "laughs.xhtml", KGX_INPUT_AUTO, NULL);

  g_assert_cmpint (text->format, ==, KGX_INPUT_HTML);
  g_assert_null (strstr (text->text, "lollollol"));
  g_assert_cmpuint (text->len, <, sizeof page);
  g_assert_nonnull (strstr (text->text, "Laughs: &lol9;"));
}

static void
test_html_external_entity (void)
{
  static const char *const pages[] = {
    "<!DOCTYPE html [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>"
    "<html><body><p>Leak: &xxe;</p></body></html>",
    "<!DOCTYPE html SYSTEM \"file:///etc/passwd\"><html><body><p>Leak: &xxe;</p></body></html>",
    "<?xml version=\"1.0\"?><!DOCTYPE p [<!ENTITY % ext SYSTEM \"file:///etc/passwd\"> %ext;]>"
    "<p>Leak</p>",
    "<html><body><p>Leak</p><iframe src=\"file:///etc/passwd\"></iframe>"
    "<object data=\"file:///etc/passwd\"></object></body></html>",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      g_autoptr (KgxText) text = read_ok (pages[i], -1, "xxe.xhtml", KGX_INPUT_AUTO, NULL);

      g_assert_null (strstr (text->text, "root:x:0"));
      g_assert_null (strstr (text->text, "/bin/"));
      g_assert_nonnull (strstr (text->text, "Leak"));
    }
}

static void
test_html_entities (void)
{
  g_autoptr (KgxText) text = read_ok (
    "<p>a &#99999999999999999999; b &#x110000; c &#0; d &#xD800; e &bogus; f "
    "&amp; g &#8217; h &eacute; i &#128; j &#x1F6A2; k &#;</p>",
    -1, NULL, KGX_INPUT_HTML, NULL);

  g_assert_nonnull (strstr (text->text, "&bogus;"));
  g_assert_nonnull (strstr (text->text, "f & g \xE2\x80\x99 h \xC3\xA9 i"));
  g_assert_nonnull (strstr (text->text, "\xF0\x9F\x9A\xA2"));
}

static void
test_html_headline_title_fallback (void)
{
  static const struct {
    const char *title;
    const char *headline;
  } titles[] = {
    { "Plant to shut | Daily Courier", "Plant to shut" },
    { "Lake plant closes | Business | Daily Courier", "Lake plant closes" },
    { "Minister - I will not resign - Daily Courier", "Minister - I will not resign" },
    { "Storm hits coast \xE2\x80\x93 The Lakeside Ledger", "Storm hits coast" },
    { "No site name here", "No site name here" },
    { "Short | A very long site name with far too many words", "Short | A very long site name with far too many words" },
    { " | Only a site", "| Only a site" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (titles); i++)
    {
      g_autofree char *page = g_strdup_printf (
        "<html><head><title>%s</title></head><body><svg><title>Icon</title></svg>"
        "<p>The first paragraph.</p></body></html>", titles[i].title);
      g_autofree char *expected = g_strdup_printf ("%s\nThe first paragraph.\n",
                                                   titles[i].headline);
      g_autoptr (KgxText) text = read_ok (page, -1, NULL, KGX_INPUT_HTML, NULL);

      g_assert_cmpstr (text->headline, ==, titles[i].headline);
      g_assert_cmpstr (text->text, ==, expected);
    }

  /* Nothing at all: no headline. */
  {
    g_autoptr (KgxText) text = read_ok ("<p>Just this.</p>", -1, NULL, KGX_INPUT_HTML, NULL);

    g_assert_null (text->headline);
    g_assert_cmpstr (text->text, ==, "Just this.\n");
  }
}

static void
test_html_headline_no_repeat (void)
{
  /* The body's h1 is the headline, once. */
  assert_reads_as ("<body><article><h1>Ferry <em>resumes</em></h1><p>Boats sail.</p></article></body>",
                   KGX_INPUT_HTML, "Ferry resumes\nBoats sail.\n");
  /* Not first: still not repeated. */
  assert_reads_as ("<article><p class=\"section-label\">Business</p><h1>Port sold</h1><p>For cash.</p></article>",
                   KGX_INPUT_HTML, "Port sold\nBusiness\nFor cash.\n");
  /* A kicker is chrome. */
  assert_reads_as ("<article><p class=\"kicker\">Business</p><h1>Port sold</h1><p>For cash.</p></article>",
                   KGX_INPUT_HTML, "Port sold\nFor cash.\n");
  /* From the title, equal to the first block. */
  assert_reads_as ("<title>Ferry resumes - Gazette</title><p><b>Ferry resumes</b></p><p>Boats sail.</p>",
                   KGX_INPUT_HTML, "Ferry resumes\nBoats sail.\n");
  /* The h1 outside the chosen body (in a site header) is the fallback. */
  assert_reads_as ("<body><header><h1>Orrin anglers angry</h1></header><main><p>Dead fish.</p></main></body>",
                   KGX_INPUT_HTML, "Orrin anglers angry\nDead fish.\n");
  /* An empty or hidden h1 is passed over. */
  assert_reads_as ("<body><h1></h1><h1 hidden>Old</h1><h1>New</h1><p>Text.</p></body>",
                   KGX_INPUT_HTML, "New\nText.\n");
}

static void
test_html_charset (void)
{
  /* Declared windows-1252 (as iso-8859-1, which means it). */
  assert_reads_as ("<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=ISO-8859-1\">"
                   "</head><body><p>\x93" "Caf\xE9" "\x94 \x80" "5</p></body></html>",
                   KGX_INPUT_HTML, "\xE2\x80\x9C" "Caf\xC3\xA9\xE2\x80\x9D \xE2\x82\xAC" "5\n");
  assert_reads_as ("<meta charset='windows-1252'><p>Kerrigan\x92s boat</p>",
                   KGX_INPUT_HTML, "Kerrigan\xE2\x80\x99s boat\n");
  /* From an XML declaration. */
  assert_reads_as ("<?xml version=\"1.0\" encoding=\"ISO-8859-15\"?><html><body><p>\xA4" "3</p></body></html>",
                   KGX_INPUT_HTML, "\xE2\x82\xAC" "3\n");
  /* A BOM outranks the declaration. */
  assert_reads_as ("\xEF\xBB\xBF<meta charset=\"latin1\"><p>\xC3\xA9t\xC3\xA9</p>",
                   KGX_INPUT_HTML, "\xC3\xA9t\xC3\xA9\n");
  /* Plain text has no declarations. */
  {
    g_autoptr (GPtrArray) seen = seen_new ();
    g_autoptr (KgxText) text = read_ok ("<meta charset=latin1> caf\xE9", -1, "t.txt",
                                        KGX_INPUT_TEXT, seen);

    g_assert_cmpstr (text->text, ==, "<meta charset=latin1> caf" FFFD);
    g_assert_cmpuint (seen->len, ==, 1);
  }
  /* Declared UTF-8 with a bad byte: located in the raw page. */
  {
    g_autoptr (GPtrArray) seen = seen_new ();
    g_autoptr (KgxText) text = read_ok ("<meta charset=utf-8>\n<p>ok\n  caf\xE9!</p>",
                                        -1, "p.html", KGX_INPUT_AUTO, seen);
    const Seen *s;

    g_assert_cmpstr (text->text, ==, "ok caf" FFFD "!\n");
    g_assert_cmpuint (seen->len, ==, 1);
    s = g_ptr_array_index (seen, 0);
    g_assert_cmpstr (s->message, ==, "invalid UTF-8, replaced with U+FFFD (1 bytes in all)");
    g_assert_cmpstr (s->file, ==, "p.html");
    g_assert_cmpuint (s->line, ==, 3);
    g_assert_cmpuint (s->column, ==, 6);
    g_assert_cmpuint (s->offset, ==, 32);
  }
  /* A byte windows-1252 leaves undefined. */
  {
    g_autoptr (GPtrArray) seen = seen_new ();
    g_autoptr (KgxText) text = read_ok ("<meta charset=windows-1252><p>a\x81" "b</p>",
                                        -1, "p.html", KGX_INPUT_HTML, seen);
    const Seen *s;

    g_assert_cmpstr (text->text, ==, "a" FFFD "b\n");
    g_assert_cmpuint (seen->len, ==, 1);
    s = g_ptr_array_index (seen, 0);
    g_assert_cmpstr (s->message, ==, "invalid WINDOWS-1252, replaced with U+FFFD (1 bytes in all)");
    g_assert_cmpuint (s->offset, ==, 31);
    g_assert_cmpuint (s->column, ==, 32);
  }
  /* An unknown charset: warned about, read as UTF-8. */
  {
    g_autoptr (GPtrArray) seen = seen_new ();
    g_autoptr (KgxText) text = read_ok ("<meta charset=\"x-klingon\"><p>Qapla\xE2\x80\x99</p>",
                                        -1, "p.html", KGX_INPUT_HTML, seen);
    const Seen *s;

    g_assert_cmpstr (text->text, ==, "Qapla\xE2\x80\x99\n");
    g_assert_cmpuint (seen->len, ==, 1);
    s = g_ptr_array_index (seen, 0);
    g_assert_cmpint (s->severity, ==, KGX_SEVERITY_WARNING);
    g_assert_cmpstr (s->message, ==, "unknown charset \"X-KLINGON\", read as UTF-8");
  }
  /* Junk in the label is ignored, not echoed. */
  assert_reads_as ("<meta charset=\"\x1b[31mred\"><p>ok</p>", KGX_INPUT_HTML, "ok\n");
}

/* libxml2 must not print anything, whatever the page. */
static void
test_html_silent (void)
{
  if (g_test_subprocess ())
    {
      g_autofree char *deep = nested_page (2000, "<div><font>", NULL);
      static const char *const pages[] = {
        "<html><body><p>a<b>b</i>&bogus;<foo>x</foo></p></td></table></body>",
        "<!DOCTYPE html [<!ENTITY x \"y\">]><p>&x;</p>",
        "<p><![CDATA[ x ]]></p><?php echo 1; ?><p a=\"1\" a=\"2\" b='3>x</p>",
        "<p>&#99999999999999; &#0;</p></p></p></html></html>",
        "<meta charset=\"x-klingon\"><p>\xFF</p>",
      };

      for (gsize i = 0; i < G_N_ELEMENTS (pages); i++)
        {
          KgxText *text = kgx_text_new_from_data (pages[i], strlen (pages[i]), NULL,
                                                  KGX_INPUT_HTML, 0, NULL, NULL, NULL);
          g_assert_nonnull (text);
          kgx_text_free (text);
        }
      kgx_text_free (kgx_text_new_from_data (deep, strlen (deep), NULL,
                                             KGX_INPUT_HTML, 0, NULL, NULL, NULL));
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stdout ("");
  g_test_trap_assert_stderr ("");
}

int
main (int argc, char **argv)
{
  static const char *const pages[] = {
    "wordpress-post", "bbc-like-article", "wire-multi-article", "no-article",
    "broken-legacy",
  };

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/reader/format/from-string", test_format_from_string);
  g_test_add_func ("/reader/guess", test_guess);
  g_test_add_func ("/reader/utf8/valid", test_utf8_valid);
  g_test_add_func ("/reader/utf8/bom", test_utf8_bom);
  g_test_add_func ("/reader/utf8/invalid", test_utf8_invalid);
  g_test_add_func ("/reader/utf8/fast-validate", test_utf8_fast_validate);
  g_test_add_func ("/reader/binary/nul", test_binary_nul);
  g_test_add_func ("/reader/utf16", test_utf16);
  g_test_add_func ("/reader/crlf", test_crlf);
  g_test_add_func ("/reader/controls", test_controls);
  g_test_add_func ("/reader/too-large", test_too_large);
  g_test_add_func ("/reader/empty", test_empty);
  g_test_add_func ("/reader/free-null", test_free_null);

  for (gsize i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      g_autofree char *path = g_strconcat ("/reader/html/article/", pages[i], NULL);

      g_test_add_data_func (path, pages[i], test_html_page);
    }
  g_test_add_func ("/reader/html/body-choice", test_html_body_choice);
  g_test_add_func ("/reader/html/boilerplate", test_html_boilerplate);
  g_test_add_func ("/reader/html/whitespace", test_html_whitespace);
  g_test_add_func ("/reader/html/deep", test_html_deep);
  g_test_add_func ("/reader/html/billion-laughs", test_html_billion_laughs);
  g_test_add_func ("/reader/html/external-entity", test_html_external_entity);
  g_test_add_func ("/reader/html/entities", test_html_entities);
  g_test_add_func ("/reader/html/headline-title-fallback", test_html_headline_title_fallback);
  g_test_add_func ("/reader/html/headline-no-repeat", test_html_headline_no_repeat);
  g_test_add_func ("/reader/html/charset", test_html_charset);
  g_test_add_func ("/reader/html/silent", test_html_silent);

  return g_test_run ();
}
