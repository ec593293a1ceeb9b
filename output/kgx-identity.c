/* kgx-identity.c - deterministic entity and document IRIs (see
 * kgx-identity.h and docs/identity.md).  Pure functions of their
 * arguments: no locale, no clock, no global state, so that IRIs are the
 * same on every machine and in every run.
 */
#include "config.h"

#include <string.h>

#include "kgx-identity.h"

/* What a character of a (case-folded) name becomes: itself, another
 * character, ' ' for any kind of space, or 0 to drop it. */
static gunichar
map_char (gunichar c)
{
  GUnicodeType type;

  switch (c)
    {
    case 0x00AD: /* soft hyphen */
    case 0x200B: /* zero width space */
    case 0x2060: /* word joiner */
    case 0xFEFF: /* BOM / zero width no-break space */
      return 0;

    case 0x2018: case 0x2019: case 0x201A: case 0x201B: /* single curly quotes */
    case 0x2032: case 0x2035:                           /* prime, reversed prime */
    case 0x02BC:                                        /* modifier letter apostrophe */
    case 0xFF07:                                        /* fullwidth apostrophe */
      return '\'';

    case 0x201C: case 0x201D: case 0x201E: case 0x201F: /* double curly quotes */
    case 0x2033: case 0x2036:                           /* double primes */
    case 0xFF02:                                        /* fullwidth quotation mark */
      return '"';

    case 0x2010: case 0x2011:                           /* hyphen, non-breaking hyphen */
    case 0x2012: case 0x2013: case 0x2014: case 0x2015: /* figure, en, em dash, bar */
    case 0x2212:                                        /* minus sign */
    case 0xFE58: case 0xFE63: case 0xFF0D:              /* small/fullwidth dashes */
      return '-';

    default:
      break;
    }

  /* Not a switch: -Wswitch-enum would want all 30 categories listed. */
  type = g_unichar_type (c);
  if (type == G_UNICODE_CONTROL                /* tabs, newlines, C0/C1 controls */
      || type == G_UNICODE_SPACE_SEPARATOR     /* space, NBSP, thin space, ... */
      || type == G_UNICODE_LINE_SEPARATOR
      || type == G_UNICODE_PARAGRAPH_SEPARATOR)
    return ' ';
  return c;
}

static gboolean
is_ascii (const char *s)
{
  for (; *s != '\0'; s++)
    if ((unsigned char) *s >= 0x80)
      return FALSE;
  return TRUE;
}

/* "the " off the front and "'s" off the end, as the last step of
 * kgx_identity_normalize(). */
static char *
strip_article (GString *out)
{
  if (g_str_has_prefix (out->str, "the "))
    g_string_erase (out, 0, 4);
  if (g_str_has_suffix (out->str, "'s"))
    {
      g_string_truncate (out, out->len - 2);
      while (out->len > 0 && out->str[out->len - 1] == ' ')
        g_string_truncate (out, out->len - 1);
    }
  return g_string_free (out, FALSE);
}

/* kgx_identity_normalize() of an ASCII name, the common case, without the
 * Unicode machinery: NFC and case folding are lower-casing there, and
 * map_char() only turns controls and the space into ' '.  Same result. */
static char *
normalize_ascii (const char *name)
{
  GString *out = g_string_sized_new (strlen (name));
  gboolean space = FALSE;

  for (const char *p = name; *p != '\0'; p++)
    {
      unsigned char c = (unsigned char) *p;

      if (c <= 0x20 || c == 0x7f)
        {
          space = out->len > 0;
          continue;
        }
      if (space)
        g_string_append_c (out, ' ');
      space = FALSE;
      g_string_append_c (out, g_ascii_tolower ((char) c));
    }
  return strip_article (out);
}

char *
kgx_identity_normalize (const char *name)
{
  g_autofree char *valid = NULL;
  g_autofree char *nfc = NULL;
  g_autofree char *folded = NULL;
  g_autofree char *refolded = NULL;
  GString *out;
  gboolean space = FALSE;

  if (name == NULL)
    return g_strdup ("");
  if (is_ascii (name))
    return normalize_ascii (name);

  valid = g_utf8_make_valid (name, -1);
  nfc = g_utf8_normalize (valid, -1, G_NORMALIZE_NFC);
  folded = g_utf8_casefold (nfc, -1);
  /* Case folding can leave a sequence that is no longer NFC. */
  refolded = g_utf8_normalize (folded, -1, G_NORMALIZE_NFC);

  out = g_string_sized_new (strlen (refolded));
  for (const char *p = refolded; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = map_char (g_utf8_get_char (p));

      if (c == 0)
        continue;
      if (c == ' ')
        {
          space = out->len > 0;      /* leading spaces are simply dropped */
          continue;
        }
      if (space)
        g_string_append_c (out, ' ');
      space = FALSE;
      g_string_append_unichar (out, c);
    }

  return strip_article (out);
}

char *
kgx_identity_slug (const char *text)
{
  g_autofree char *valid = NULL;
  g_autofree char *ascii = NULL;
  GString *out = g_string_sized_new (KGX_IDENTITY_SLUG_MAX + 1);
  gboolean dash = FALSE;
  const char *in;

  if (text == NULL)
    text = "";
  if (is_ascii (text))
    in = text;   /* g_str_to_ascii() would copy it as it is */
  else
    {
      valid = g_utf8_make_valid (text, -1);
      /* A fixed locale: the slug must not depend on the user's environment. */
      ascii = g_str_to_ascii (valid, "C");
      in = ascii;
    }
  for (const char *p = in; *p != '\0' && out->len < KGX_IDENTITY_SLUG_MAX; p++)
    {
      if (g_ascii_isalnum (*p))
        {
          if (dash && out->len > 0)
            g_string_append_c (out, '-');
          dash = FALSE;
          if (out->len < KGX_IDENTITY_SLUG_MAX)
            g_string_append_c (out, g_ascii_tolower (*p));
        }
      else
        dash = TRUE;
    }
  while (out->len > 0 && out->str[out->len - 1] == '-')
    g_string_truncate (out, out->len - 1);
  if (out->len == 0)
    g_string_append_c (out, 'x');
  return g_string_free (out, FALSE);
}

/* The first 8 hex digits of SHA-256 over the concatenation of the
 * strings given (NULL-terminated). */
static char *hash8 (const char *first, ...) G_GNUC_NULL_TERMINATED;

static char *
hash8 (const char *first, ...)
{
  GChecksum *sum = g_checksum_new (G_CHECKSUM_SHA256);
  char *result;
  va_list ap;

  va_start (ap, first);
  for (const char *s = first; s != NULL; s = va_arg (ap, const char *))
    g_checksum_update (sum, (const guchar *) s, (gssize) strlen (s));
  va_end (ap);
  result = g_strndup (g_checksum_get_string (sum), 8);
  g_checksum_free (sum);
  return result;
}

static const char *
coarse_name (KgxCoarse coarse)
{
  const char *name = kgx_coarse_to_string (coarse);

  return name ? name : "Thing";
}

char *
kgx_identity_entity_iri (const char *base, KgxCoarse coarse, const char *canonical)
{
  g_autofree char *norm = kgx_identity_normalize (canonical);
  g_autofree char *slug = kgx_identity_slug (norm);
  g_autofree char *dir = g_ascii_strdown (coarse_name (coarse), -1);
  g_autofree char *hash = hash8 (norm, "\t", coarse_name (coarse), NULL);

  return g_strconcat (base ? base : KGX_DEFAULT_BASE_IRI, dir, "/", slug, "-", hash, NULL);
}

char *
kgx_identity_unnamed_iri (const char *base, KgxCoarse coarse, const char *doc_id,
                          guint index, const char *label)
{
  g_autofree char *norm = kgx_identity_normalize (label);
  g_autofree char *slug = kgx_identity_slug (norm);
  g_autofree char *dir = g_ascii_strdown (coarse_name (coarse), -1);
  char number[G_ASCII_DTOSTR_BUF_SIZE];
  g_autofree char *hash = NULL;

  g_snprintf (number, sizeof number, "%u", index);
  hash = hash8 (doc_id ? doc_id : "-", "\t", number, "\t", coarse_name (coarse), NULL);
  return g_strconcat (base ? base : KGX_DEFAULT_BASE_IRI, dir, "/anon-", slug, "-", hash,
                      NULL);
}

char *
kgx_identity_document_iri (const char *base, const char *doc_id)
{
  const char *id = doc_id ? doc_id : "-";
  g_autofree char *basename = g_path_get_basename (id);
  g_autofree char *slug = kgx_identity_slug (strcmp (id, "-") == 0 ? "stdin" : basename);
  g_autofree char *hash = hash8 (id, NULL);

  return g_strconcat (base ? base : KGX_DEFAULT_BASE_IRI, "doc/", slug, "-", hash, NULL);
}

char *
kgx_identity_ontology_iri (const char *local)
{
  GString *iri;

  if (local == NULL || *local == '\0')
    return NULL;
  iri = g_string_new (KGX_ONTOLOGY_NS);
  for (const unsigned char *p = (const unsigned char *) local; *p != '\0'; p++)
    {
      if (g_ascii_isalnum (*p) || *p == '_' || *p == '-' || *p == '.')
        g_string_append_c (iri, (char) *p);
      else
        g_string_append_printf (iri, "%%%02X", *p);
    }
  return g_string_free (iri, FALSE);
}
