/* kgx-gen-gazetteer.c - build-time generator of the place gazetteers.
 * Reads ISO 3166-1/3166-2 (Debian iso-codes XML) and the city table built
 * into libgeonames, applies the hand-written tables of ontology/gazetteers/
 * (preferred country names, precedence, given names) and a stoplist, and
 * writes countries.tsv, regions.tsv and cities.tsv (docs/gazetteers.md). */

#include <errno.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>
#include <glib/gstdio.h>
#include <geonames.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#define PROG "kgx-gen-gazetteer"

/* A city at least this big keeps its name against a region of the same
 * name in another country ("Charlotte", not a parish of Saint Vincent); a
 * stoplisted city smaller than this is dropped. */
#define BIG_CITY_POP 100000u
/* A city this big is never marked amb=1. */
#define HUGE_CITY_POP 1000000u

typedef struct
{
  char *label;
  char *canonical;
  char *extra;
} Row;

typedef struct
{
  /* inputs */
  char *iso1_path;
  char *iso2_path;
  char *hand_dir;
  char *stoplist_path;
  guint min_pop;
  gboolean verbose;

  /* from the hand-written tables */
  GHashTable *hand_labels;      /* entity label -> "Class\tcanonical" */
  GHashTable *hand_lexical;     /* lexical-tag labels, case-folded (set) */
  GHashTable *given_names;      /* GivenName labels (set) */
  GHashTable *preferred;        /* alpha-2 code -> preferred canonical */
  GHashTable *stoplist;         /* ambiguous common words (set) */

  /* built while generating */
  GHashTable *country_by_code;  /* alpha-2 code -> canonical */
  GHashTable *taken;            /* every generated label -> its Class */
  GHashTable *city_by_name;     /* name -> most populous City (borrowed) */
} Gen;

static void
row_free (gpointer p)
{
  Row *row = p;

  if (row == NULL)
    return;
  g_free (row->label);
  g_free (row->canonical);
  g_free (row->extra);
  g_free (row);
}

static int
row_compare (gconstpointer a, gconstpointer b)
{
  const Row *ra = *(const Row * const *) a;
  const Row *rb = *(const Row * const *) b;
  int c = strcmp (ra->label, rb->label);

  return c != 0 ? c : strcmp (ra->canonical, rb->canonical);
}

static int
str_ptr_compare (gconstpointer a, gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* Values go into a TSV cell or a key=value list: no tabs, newlines,
 * ';' or '='.  Returns a newly allocated, whitespace-normalised copy. */
static char *
clean_value (const char *s)
{
  GString *out = g_string_new (NULL);
  gboolean space = FALSE;

  for (const char *p = s; *p != '\0'; p++)
    {
      char c = *p;

      if (c == '\t' || c == '\n' || c == '\r' || c == ' ')
        {
          space = out->len > 0;
          continue;
        }
      if (c == ';' || c == '=')
        c = ',';
      if (space)
        g_string_append_c (out, ' ');
      space = FALSE;
      g_string_append_c (out, c);
    }
  return g_string_free (out, FALSE);
}

/* "Holy See (Vatican City State)" -> "Holy See", "Cocos (Keeling)
 * Islands" -> "Cocos Islands". */
static char *
strip_parenthetical (const char *s)
{
  g_autoptr (GString) out = g_string_new (NULL);
  int depth = 0;

  for (const char *p = s; *p != '\0'; p++)
    {
      if (*p == '(')
        depth++;
      else if (*p == ')' && depth > 0)
        depth--;
      else if (depth == 0)
        g_string_append_c (out, *p);
    }
  return clean_value (out->str);
}

/* ASCII form of S as English text writes it, or NULL when that is S
 * itself or has no clean transliteration: "São Paulo" -> "Sao Paulo",
 * "‘Ajmān" -> "Ajman", "Tver’" and "Tver'" -> "Tver" (ayn, hamza and
 * soft-sign marks are left out). */
static char *
ascii_variant (const char *s)
{
  static const gunichar marks[] = {
    0x2018, 0x2019, 0x02BB, 0x02BC, 0x02BE, 0x02BF, 0x02B9, 0
  };
  g_autoptr (GString) bare = g_string_new (NULL);
  g_autofree char *ascii = NULL;

  for (const char *p = s; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar ch = g_utf8_get_char (p);
      const char *next = g_utf8_next_char (p);
      gboolean mark = FALSE;

      for (guint i = 0; marks[i] != 0; i++)
        mark = mark || ch == marks[i];
      /* an ASCII apostrophe opening or ending a word stands for one of
       * those marks too ("'Asir", "Tver'"); inside a word it is kept
       * ("Côte d'Ivoire") */
      if (ch == '\'' && (p == s || p[-1] == ' ' || *next == '\0'
                         || *next == ' ' || *next == '-'))
        mark = TRUE;
      if (!mark)
        g_string_append_unichar (bare, ch);
    }
  ascii = g_str_to_ascii (bare->str, "C");
  g_strstrip (ascii);
  if (ascii[0] == '\0' || strchr (ascii, '?') != NULL
      || strcmp (ascii, s) == 0)
    return NULL;
  return g_steal_pointer (&ascii);
}

static gboolean
is_lexical_tag (const char *cls)
{
  static const char *const tags[] = {
    "Title", "TitleModifier", "OrgHead", "FacilityHead", "EventHead",
    "GivenName", "PersonPrefix", "NotEntity", NULL
  };

  return g_strv_contains (tags, cls);
}

/* Value of KEY in an extra column "k=v;k=v", or NULL (transfer full). */
static char *
extra_get (const char *extra, const char *key)
{
  g_auto (GStrv) pairs = g_strsplit (extra, ";", -1);
  size_t klen = strlen (key);

  for (char **p = pairs; *p != NULL; p++)
    if (strncmp (*p, key, klen) == 0 && (*p)[klen] == '=')
      return g_strdup (*p + klen + 1);
  return NULL;
}

static char *
fold (const char *s)
{
  return g_utf8_casefold (s, -1);
}

static gboolean
is_generated_name (const char *name)
{
  return strcmp (name, "countries.tsv") == 0
    || strcmp (name, "regions.tsv") == 0
    || strcmp (name, "cities.tsv") == 0;
}

static gboolean
load_hand_file (Gen *gen, const char *path, GError **error)
{
  g_autofree char *text = NULL;
  g_auto (GStrv) lines = NULL;

  if (!g_file_get_contents (path, &text, NULL, error))
    return FALSE;
  if (!g_utf8_validate (text, -1, NULL))
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                   "%s: error: not valid UTF-8", path);
      return FALSE;
    }
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *line = lines[i];
      g_auto (GStrv) cols = NULL;
      guint ncols;

      g_strchomp (line);        /* also drops a CR */
      if (line[0] == '\0' || line[0] == '#')
        continue;
      cols = g_strsplit (line, "\t", -1);
      ncols = g_strv_length (cols);
      if (ncols < 3 || ncols > 4 || cols[0][0] == '\0' || cols[1][0] == '\0'
          || cols[2][0] == '\0')
        {
          g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                       "%s:%u: error: expected label, Class, canonical and "
                       "an optional extra column, tab-separated", path, i + 1);
          return FALSE;
        }

      if (strcmp (cols[1], "GivenName") == 0)
        g_hash_table_add (gen->given_names, g_strdup (cols[0]));
      else if (is_lexical_tag (cols[1]))
        g_hash_table_add (gen->hand_lexical, fold (cols[0]));
      else if (!g_hash_table_contains (gen->hand_labels, cols[0]))
        g_hash_table_insert (gen->hand_labels, g_strdup (cols[0]),
                             g_strconcat (cols[1], "\t", cols[2], NULL));

      if (strcmp (cols[1], "Country") == 0 && ncols == 4)
        {
          g_autofree char *pref = extra_get (cols[3], "preferred");
          g_autofree char *code = extra_get (cols[3], "code");

          if (pref != NULL && strcmp (pref, "1") == 0 && code != NULL)
            g_hash_table_replace (gen->preferred, g_steal_pointer (&code),
                                  g_strdup (cols[2]));
        }
    }
  return TRUE;
}

static gboolean
load_hand_dir (Gen *gen, GError **error)
{
  g_autoptr (GDir) dir = NULL;
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  if (gen->hand_dir == NULL)
    return TRUE;
  dir = g_dir_open (gen->hand_dir, 0, error);
  if (dir == NULL)
    return FALSE;
  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, ".tsv") && !is_generated_name (name))
      g_ptr_array_add (names, g_strdup (name));
  /* sorted, so that "first row wins" does not depend on the file system */
  g_ptr_array_sort (names, str_ptr_compare);
  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *path =
        g_build_filename (gen->hand_dir, names->pdata[i], NULL);

      if (!load_hand_file (gen, path, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
load_stoplist (Gen *gen, GError **error)
{
  g_autofree char *text = NULL;
  g_auto (GStrv) lines = NULL;

  if (gen->stoplist_path == NULL)
    return TRUE;
  if (!g_file_get_contents (gen->stoplist_path, &text, NULL, error))
    return FALSE;
  lines = g_strsplit (text, "\n", -1);
  for (char **l = lines; *l != NULL; l++)
    {
      g_strstrip (*l);
      if ((*l)[0] != '\0' && (*l)[0] != '#')
        g_hash_table_add (gen->stoplist, g_strdup (*l));
    }
  return TRUE;
}

/* Is LABEL claimed by a hand-written table (which always wins)?  A hand
 * row of the same CLS and CANONICAL agrees and does not claim it; a NULL
 * CLS means any hand row claims it. */
static gboolean
hand_claims (Gen *gen, const char *label, const char *cls,
             const char *canonical)
{
  g_autofree char *folded = NULL;
  g_autofree char *key = NULL;
  const char *hand = g_hash_table_lookup (gen->hand_labels, label);

  if (hand != NULL)
    {
      if (cls == NULL)
        return TRUE;
      key = g_strconcat (cls, "\t", canonical, NULL);
      if (strcmp (hand, key) != 0)
        return TRUE;
    }
  folded = fold (label);
  return g_hash_table_contains (gen->hand_lexical, folded);
}

/* Adds LABEL -> CANONICAL of class CLS to ROWS unless a hand table or an
 * earlier generated row owns the label. */
static gboolean
add_row (Gen *gen, GPtrArray *rows, const char *cls, const char *label,
         const char *canonical, const char *extra)
{
  Row *row;

  if (label == NULL || label[0] == '\0')
    return FALSE;
  if (hand_claims (gen, label, cls, canonical)
      || g_hash_table_contains (gen->taken, label))
    return FALSE;
  row = g_new0 (Row, 1);
  row->label = g_strdup (label);
  row->canonical = g_strdup (canonical);
  row->extra = g_strdup (extra);
  g_ptr_array_add (rows, row);
  g_hash_table_insert (gen->taken, g_strdup (label), (gpointer) cls);
  return TRUE;
}

/* The German transliteration of umlauts, as news agencies write them
 * ("Rüsselsheim" -> "Ruesselsheim", "Köln" -> "Koeln"), or NULL when LABEL
 * has none. */
static char *
umlaut_variant (const char *label)
{
  static const struct { const char *from, *to; } map[] = {
    { "ä", "ae" }, { "ö", "oe" }, { "ü", "ue" }, { "Ä", "Ae" }, { "Ö", "Oe" },
    { "Ü", "Ue" }, { "ß", "ss" },
  };
  g_autoptr (GString) out = g_string_new (label);
  gboolean changed = FALSE;
  g_autofree char *ascii = NULL;

  for (guint m = 0; m < G_N_ELEMENTS (map); m++)
    changed |= g_string_replace (out, map[m].from, map[m].to, 0) > 0;
  if (!changed)
    return NULL;
  ascii = ascii_variant (out->str);   /* any other diacritic */
  return ascii ? g_steal_pointer (&ascii) : g_strdup (out->str);
}

/* Adds LABEL, its ASCII transliteration and, for a German name, its
 * umlaut transliteration, if any. */
static void
add_row_and_variants (Gen *gen, GPtrArray *rows, const char *cls,
                      const char *label, const char *canonical,
                      const char *extra, gboolean german)
{
  g_autofree char *ascii = ascii_variant (label);
  g_autofree char *umlaut = german ? umlaut_variant (label) : NULL;

  add_row (gen, rows, cls, label, canonical, extra);
  if (ascii != NULL)
    add_row (gen, rows, cls, ascii, canonical, extra);
  if (umlaut != NULL)
    add_row (gen, rows, cls, umlaut, canonical, extra);
}

static void
add_row_and_ascii (Gen *gen, GPtrArray *rows, const char *cls,
                   const char *label, const char *canonical,
                   const char *extra)
{
  add_row_and_variants (gen, rows, cls, label, canonical, extra, FALSE);
}

/* Countries whose place names news writes with "ue" for "ü". */
static gboolean
german_speaking (const char *code)
{
  return code != NULL && (strcmp (code, "DE") == 0 || strcmp (code, "AT") == 0
                          || strcmp (code, "CH") == 0 || strcmp (code, "LI") == 0
                          || strcmp (code, "LU") == 0);
}

static gboolean
write_rows (Gen *gen, const char *outdir, const char *file,
            const char *cls, const char *sources, GPtrArray *rows,
            GError **error)
{
  g_autoptr (GString) out = g_string_new (NULL);
  g_autofree char *path = g_build_filename (outdir, file, NULL);

  g_ptr_array_sort (rows, row_compare);
  g_string_append_printf (out,
                          "# generated by " PROG " from %s, do not edit\n"
                          "# label\tClass\tcanonical\textra "
                          "(format: docs/gazetteers.md)\n", sources);
  for (guint i = 0; i < rows->len; i++)
    {
      const Row *row = rows->pdata[i];

      g_string_append_printf (out, "%s\t%s\t%s\t%s\n", row->label, cls,
                              row->canonical, row->extra);
    }
  if (!g_file_set_contents_full (path, out->str, out->len,
                                 G_FILE_SET_CONTENTS_CONSISTENT, 0644, error))
    return FALSE;
  if (gen->verbose)
    fprintf (stderr, PROG ": %s: %u entries\n", path, rows->len);
  return TRUE;
}

/* libxml2 reports through this instead of printing: we keep the first
 * message and print it in our own format. */
static void
xml_error_sink (void *user_data, xmlErrorPtr err)
{
  char **first = user_data;

  if (*first == NULL && err != NULL && err->message != NULL)
    *first = g_strdup_printf ("%s:%d: error: %s",
                              err->file != NULL ? err->file : "(xml)",
                              err->line, g_strchomp (err->message));
}

/* Debian 12's iso_3166-2.xml has a raw '&' in two Marshall Islands
 * names ("Bikini & Kili"): escape each '&' that does not start an entity
 * or character reference, then parse strictly. */
static char *
escape_bare_ampersands (const char *text, gsize len, gsize *out_len)
{
  GString *out = g_string_sized_new (len + 64);

  for (gsize i = 0; i < len; i++)
    {
      gsize j = i + 1;

      if (text[i] != '&')
        {
          g_string_append_c (out, text[i]);
          continue;
        }
      if (j < len && text[j] == '#')
        j++;
      while (j < len && g_ascii_isalnum (text[j]))
        j++;
      if (j < len && text[j] == ';' && j > i + 1)
        g_string_append_c (out, '&');
      else
        g_string_append (out, "&amp;");
    }
  *out_len = out->len;
  return g_string_free (out, FALSE);
}

static xmlDocPtr
read_xml (const char *path, GError **error)
{
  char *first = NULL;
  g_autofree char *raw = NULL, *text = NULL;
  gsize raw_len, len;
  xmlDocPtr doc;

  if (!g_file_get_contents (path, &raw, &raw_len, error))
    return NULL;
  text = escape_bare_ampersands (raw, raw_len, &len);
  if (len > G_MAXINT)
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_FAILED,
                   "%s: error: file too large", path);
      return NULL;
    }
  xmlSetStructuredErrorFunc (&first, xml_error_sink);
  doc = xmlReadMemory (text, (int) len, path, NULL,
                       XML_PARSE_NONET | XML_PARSE_NOWARNING);
  xmlSetStructuredErrorFunc (NULL, NULL);
  if (doc == NULL || xmlDocGetRootElement (doc) == NULL)
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL, "%s",
                   first != NULL ? first : "cannot parse XML");
      g_free (first);
      if (doc != NULL)
        xmlFreeDoc (doc);
      return NULL;
    }
  g_free (first);
  return doc;
}

static gboolean
is_element (xmlNodePtr node, const char *name)
{
  return node->type == XML_ELEMENT_NODE
    && xmlStrcmp (node->name, (const xmlChar *) name) == 0;
}

/* Attribute as a g_malloc'ed string, or NULL. */
static char *
attr (xmlNodePtr node, const char *name)
{
  xmlChar *v = xmlGetProp (node, (const xmlChar *) name);
  char *s;

  if (v == NULL)
    return NULL;
  s = clean_value ((const char *) v);
  xmlFree (v);
  if (s[0] == '\0')
    g_clear_pointer (&s, g_free);
  return s;
}

/* Is S an inverted catalogue form ("Korea, Republic of", "Virgin
 * Islands, British")?  A comma that opens a list ending in "and" is
 * text: "Bonaire, Sint Eustatius and Saba", "Saint Helena, Ascension and
 * Tristan da Cunha".  An inverted form is never a label: "the Virgin
 * Islands, British officials said" must not read as one name. */
static gboolean
is_inverted (const char *s)
{
  const char *comma = strstr (s, ", ");

  return comma != NULL && strstr (comma, " and ") == NULL;
}

/* "the State of Eritrea" -> "State of Eritrea"; with PARENS false, a
 * parenthetical is dropped ("Cocos (Keeling) Islands" -> "Cocos
 * Islands"), with PARENS true it is kept, and NULL is returned when there
 * is none.  NULL for names that are inverted catalogue forms ("Korea,
 * Republic of") and not text forms. */
static char *
text_form (const char *name, gboolean parens)
{
  g_autofree char *s = NULL;

  if (name == NULL || (parens && strchr (name, '(') == NULL))
    return NULL;
  s = parens ? clean_value (name) : strip_parenthetical (name);
  if (g_str_has_prefix (s, "the ") || g_str_has_prefix (s, "The "))
    memmove (s, s + 4, strlen (s + 4) + 1);
  if (is_inverted (s) || s[0] == '\0')
    return NULL;
  return g_steal_pointer (&s);
}

static gboolean
gen_countries (Gen *gen, const char *outdir, GError **error)
{
  g_autoptr (GPtrArray) rows = g_ptr_array_new_with_free_func (row_free);
  g_autofree char *base = g_path_get_basename (gen->iso1_path);
  g_autofree char *sources = NULL;
  xmlDocPtr doc = read_xml (gen->iso1_path, error);
  GHashTableIter it;
  gpointer code, pref;
  guint n = 0;

  if (doc == NULL)
    return FALSE;
  for (xmlNodePtr e = xmlDocGetRootElement (doc)->children; e; e = e->next)
    {
      g_autofree char *a2 = NULL, *a3 = NULL, *name = NULL, *common = NULL;
      g_autofree char *official = NULL, *canonical = NULL, *extra = NULL;
      char *forms[5];

      if (!is_element (e, "iso_3166_entry"))
        continue;
      a2 = attr (e, "alpha_2_code");
      a3 = attr (e, "alpha_3_code");
      name = attr (e, "name");
      common = attr (e, "common_name");
      official = attr (e, "official_name");
      if (a2 == NULL || name == NULL)
        continue;

      forms[0] = text_form (name, FALSE);
      forms[1] = text_form (common, FALSE);
      forms[2] = text_form (official, FALSE);
      /* ISO's own spelling with its parenthetical is written too
       * ("Falkland Islands (Malvinas)", "Saint Martin (French part)") */
      forms[3] = text_form (name, TRUE);
      forms[4] = text_form (official, TRUE);
      /* preferred news name > ISO common name > ISO name as written in
       * text > official name > the catalogue name itself */
      canonical = g_strdup (g_hash_table_lookup (gen->preferred, a2));
      if (canonical == NULL)
        canonical = g_strdup (common != NULL ? common
                              : forms[0] != NULL ? forms[0]
                              : forms[2] != NULL ? forms[2] : name);
      g_hash_table_replace (gen->country_by_code, g_strdup (a2),
                            g_strdup (canonical));
      extra = g_strdup_printf ("code=%s;code3=%s", a2, a3 ? a3 : "");

      add_row_and_ascii (gen, rows, "Country", canonical, canonical,
                         extra);
      for (guint i = 0; i < G_N_ELEMENTS (forms); i++)
        {
          if (forms[i] != NULL)
            add_row_and_ascii (gen, rows, "Country", forms[i],
                               canonical, extra);
          g_free (forms[i]);
        }
      n++;
    }
  xmlFreeDoc (doc);
  if (n == 0)
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                   "%s: error: no iso_3166_entry elements", gen->iso1_path);
      return FALSE;
    }

  /* A preferred name whose code ISO 3166-1 lacks is a country that the
   * hand tables add: Kosovo has the user-assigned code XK, which
   * libgeonames uses for its cities. */
  g_hash_table_iter_init (&it, gen->preferred);
  while (g_hash_table_iter_next (&it, &code, &pref))
    if (!g_hash_table_contains (gen->country_by_code, code))
      {
        g_autofree char *extra = g_strdup_printf ("code=%s;iso=0",
                                                  (const char *) code);

        g_hash_table_replace (gen->country_by_code, g_strdup (code),
                              g_strdup (pref));
        add_row (gen, rows, "Country", pref, pref, extra);
      }
  sources = g_strdup_printf ("%s (iso-codes)%s", base,
                             gen->hand_dir ? " and the hand-written tables"
                             : "");
  return write_rows (gen, outdir, "countries.tsv", "Country", sources, rows,
                     error);
}

/* One city name: the most populous place of that name. */
typedef struct
{
  char *name;
  char *state;
  char *code;
  guint pop;
  guint homonyms;
  guint rival_pop;   /* the biggest other place of this name, 0 if none */
} City;

static void
city_free (gpointer p)
{
  City *c = p;

  g_free (c->name);
  g_free (c->state);
  g_free (c->code);
  g_free (c);
}

static int
city_compare_name (gconstpointer a, gconstpointer b)
{
  const City *ca = *(const City * const *) a;
  const City *cb = *(const City * const *) b;

  return strcmp (ca->name, cb->name);
}

/* Does (pop, code, state) beat the city already kept under that name?
 * Ties are broken on code and state so input order never matters. */
static gboolean
city_beats (guint pop, const char *code, const char *state, const City *old)
{
  int c;

  if (pop != old->pop)
    return pop > old->pop;
  c = strcmp (code, old->code);
  if (c != 0)
    return c < 0;
  return strcmp (state, old->state) < 0;
}

/* Reads libgeonames into name -> City (most populous wins) and a sorted
 * set of (state, country code) pairs. */
static GPtrArray *
read_cities (Gen *gen, GPtrArray *states)
{
  g_autoptr (GHashTable) by_name =
    g_hash_table_new_full (g_str_hash, g_str_equal, NULL, city_free);
  g_autoptr (GHashTable) seen_states =
    g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GPtrArray *cities = g_ptr_array_new_with_free_func (city_free);
  GHashTableIter it;
  gpointer value;
  gint n = geonames_get_n_cities ();

  for (gint i = 0; i < n; i++)
    {
      g_autoptr (GeonamesCity) gc = geonames_get_city (i);
      g_autofree char *name = NULL, *state = NULL, *key = NULL;
      const char *code;
      guint pop;
      City *old;

      if (gc == NULL)
        continue;
      pop = geonames_city_get_population (gc);
      code = geonames_city_get_country_code (gc);
      if (pop < gen->min_pop || code == NULL)
        continue;
      name = clean_value (geonames_city_get_name (gc));
      state = clean_value (geonames_city_get_state (gc) ?
                           geonames_city_get_state (gc) : "");
      if (name[0] == '\0')
        continue;

      if (state[0] != '\0')
        {
          key = g_strconcat (state, "\t", code, NULL);
          if (!g_hash_table_contains (seen_states, key))
            {
              g_hash_table_add (seen_states, g_strdup (key));
              g_ptr_array_add (states, g_steal_pointer (&key));
            }
        }

      old = g_hash_table_lookup (by_name, name);
      if (old == NULL)
        {
          City *c = g_new0 (City, 1);

          c->name = g_steal_pointer (&name);
          c->state = g_steal_pointer (&state);
          c->code = g_strdup (code);
          c->pop = pop;
          c->homonyms = 1;
          g_hash_table_insert (by_name, c->name, c);
          continue;
        }
      old->homonyms++;
      if (city_beats (pop, code, state, old))
        {
          old->rival_pop = MAX (old->rival_pop, old->pop);
          g_free (old->state);
          g_free (old->code);
          old->state = g_steal_pointer (&state);
          old->code = g_strdup (code);
          old->pop = pop;
        }
      else
        old->rival_pop = MAX (old->rival_pop, pop);
    }

  g_hash_table_iter_init (&it, by_name);
  while (g_hash_table_iter_next (&it, NULL, &value))
    {
      g_hash_table_iter_steal (&it);
      g_ptr_array_add (cities, value);
    }
  g_ptr_array_sort (cities, city_compare_name);
  g_ptr_array_sort (states, str_ptr_compare);
  return cities;
}

static const char *
country_name (Gen *gen, const char *code)
{
  const char *c = g_hash_table_lookup (gen->country_by_code, code);

  return c != NULL ? c : code;
}

/* "Tver’ Oblast" -> "Tver Region" and "Tver Oblast"; "Almaty Oblysy" ->
 * "Almaty Region".  English news writes both forms of post-Soviet
 * regions.  Adds the variants that differ from NAME. */
static void
add_region_variants (Gen *gen, GPtrArray *rows, const char *name,
                     const char *extra)
{
  static const char *const suffixes[] = {
    " Oblast", " Oblast'", " Oblast’", " oblast", " Oblysy", " oblysy",
    " Region", " Viloyati", " Province", NULL
  };
  static const char *const soft_signs[] = { "’", "'", "ʼ", NULL };

  for (guint i = 0; suffixes[i] != NULL; i++)
    {
      g_autofree char *stem = NULL;
      g_autofree char *plain = NULL;
      g_autofree char *as_region = NULL, *as_oblast = NULL;
      char *p;

      if (!g_str_has_suffix (name, suffixes[i]))
        continue;
      stem = g_strndup (name, strlen (name) - strlen (suffixes[i]));
      plain = g_strdup (stem);
      for (guint j = 0; soft_signs[j] != NULL; j++)
        while ((p = strstr (plain, soft_signs[j])) != NULL)
          memmove (p, p + strlen (soft_signs[j]),
                   strlen (p + strlen (soft_signs[j])) + 1);
      if (strlen (plain) < 3)
        return;
      as_region = g_strconcat (plain, " Region", NULL);
      as_oblast = g_strconcat (plain, " Oblast", NULL);
      if (strcmp (as_region, name) != 0)
        add_row (gen, rows, "Region", as_region, name, extra);
      if (strcmp (as_oblast, name) != 0 && strcmp (suffixes[i], " Province")
          != 0 && strcmp (suffixes[i], " Region") != 0)
        add_row (gen, rows, "Region", as_oblast, name, extra);
      return;
    }
}

/* Does a city outrank a region of country CODE called NAME?  A city of
 * the same country does: a region named like a city is named after its
 * seat ("Perm", "Almaty", "Thimphu").  A big city elsewhere does too
 * ("Jerusalem", "Portland").  Otherwise the region wins; the few regions
 * that should beat a big foreign city ("Kent", "Ontario") are rows of
 * places-extra.tsv, which win over everything generated. */
static gboolean
city_owns_name (Gen *gen, const char *name, const char *code)
{
  const City *c = g_hash_table_lookup (gen->city_by_name, name);

  return c != NULL && (c->pop >= BIG_CITY_POP || strcmp (c->code, code) == 0);
}

/* May a region of country CODE be called NAME?  Not if a country or a city
 * owns it, if it is a stoplisted word ("Central", "Eastern"), or if a
 * hand-written table claims it. */
static gboolean
region_name_ok (Gen *gen, const char *name, const char *code)
{
  return strchr (name, '(') == NULL && strchr (name, ',') == NULL
    && g_utf8_strlen (name, -1) >= 3
    && !city_owns_name (gen, name, code)
    && !g_hash_table_contains (gen->stoplist, name)
    && !hand_claims (gen, name, NULL, NULL)
    && !g_hash_table_contains (gen->taken, name);
}

static gboolean
gen_regions (Gen *gen, const char *outdir, GPtrArray *states,
             GError **error)
{
  g_autoptr (GPtrArray) rows = g_ptr_array_new_with_free_func (row_free);
  g_autoptr (GHashTable) count =
    g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *base = g_path_get_basename (gen->iso2_path);
  g_autofree char *sources = NULL;
  xmlDocPtr doc = read_xml (gen->iso2_path, error);

  if (doc == NULL)
    return FALSE;

  /* count homonyms first, so the extra column can say so */
  for (xmlNodePtr c = xmlDocGetRootElement (doc)->children; c; c = c->next)
    for (xmlNodePtr s = is_element (c, "iso_3166_country") ? c->children
         : NULL; s; s = s->next)
      for (xmlNodePtr e = is_element (s, "iso_3166_subset") ? s->children
           : NULL; e; e = e->next)
        {
          g_autofree char *name = is_element (e, "iso_3166_2_entry")
            ? attr (e, "name") : NULL;

          if (name != NULL)
            g_hash_table_insert (count, g_strdup (name),
                                 GUINT_TO_POINTER (GPOINTER_TO_UINT
                                   (g_hash_table_lookup (count, name)) + 1));
        }

  for (xmlNodePtr c = xmlDocGetRootElement (doc)->children; c; c = c->next)
    {
      g_autofree char *cc = NULL;

      if (!is_element (c, "iso_3166_country"))
        continue;
      cc = attr (c, "code");
      for (xmlNodePtr s = c->children; s; s = s->next)
        {
          g_autofree char *type = NULL;

          if (!is_element (s, "iso_3166_subset"))
            continue;
          type = attr (s, "type");
          for (xmlNodePtr e = s->children; e; e = e->next)
            {
              g_autofree char *name = NULL, *code = NULL, *extra = NULL;
              g_autofree char *ascii = NULL;
              guint homonyms;

              if (!is_element (e, "iso_3166_2_entry"))
                continue;
              name = attr (e, "name");
              code = attr (e, "code");
              if (name == NULL || cc == NULL
                  || !region_name_ok (gen, name, cc))
                continue;
              homonyms = GPOINTER_TO_UINT (g_hash_table_lookup (count, name));
              extra = g_strdup_printf ("country=%s;code=%s;type=%s",
                                       country_name (gen, cc),
                                       code ? code : "", type ? type : "");
              if (homonyms > 1)
                {
                  char *more = g_strdup_printf ("%s;homonyms=%u", extra,
                                                homonyms);

                  g_free (extra);
                  extra = more;
                }
              add_row (gen, rows, "Region", name, name, extra);
              ascii = ascii_variant (name);
              if (ascii != NULL && region_name_ok (gen, ascii, cc))
                add_row (gen, rows, "Region", ascii, name, extra);
            }
        }
    }
  xmlFreeDoc (doc);

  /* libgeonames' first-level divisions: English forms ("East
   * Kazakhstan", "Rostov Oblast") that ISO 3166-2 romanises */
  for (guint i = 0; i < states->len; i++)
    {
      g_auto (GStrv) kv = g_strsplit (states->pdata[i], "\t", 2);
      g_autofree char *extra = NULL, *ascii = NULL;

      if (!region_name_ok (gen, kv[0], kv[1]))
        continue;
      extra = g_strdup_printf ("country=%s;src=geonames",
                               country_name (gen, kv[1]));
      add_row (gen, rows, "Region", kv[0], kv[0], extra);
      ascii = ascii_variant (kv[0]);
      if (ascii != NULL && region_name_ok (gen, ascii, kv[1]))
        add_row (gen, rows, "Region", ascii, kv[0], extra);
      add_region_variants (gen, rows, kv[0], extra);
    }

  sources = g_strdup_printf ("%s (iso-codes) and libgeonames", base);
  return write_rows (gen, outdir, "regions.tsv", "Region", sources, rows,
                     error);
}

/* The name news uses for a city whose official name carries a qualifier:
 * "Frankfurt am Main", "Halle (Saale)", "Weil am Rhein", "Mülheim an der
 * Ruhr" are "Frankfurt", "Halle", ...  NULL when the name has none. */
static char *
city_short_name (const char *name)
{
  static const char *const marks[] = { " am ", " an der ", " in der ", " im ", " ob der ", " (" };
  const char *cut = NULL;

  for (guint m = 0; m < G_N_ELEMENTS (marks); m++)
    {
      const char *p = strstr (name, marks[m]);
      if (p != NULL && p > name && (cut == NULL || p < cut))
        cut = p;
    }
  return cut ? g_strndup (name, cut - name) : NULL;
}

static gboolean
gen_cities (Gen *gen, const char *outdir, GPtrArray *cities, GError **error)
{
  g_autoptr (GPtrArray) rows = g_ptr_array_new_with_free_func (row_free);
  g_autofree char *sources = NULL;
  /* short name -> the most populous city that has it */
  g_autoptr (GHashTable) shorts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr (GPtrArray) short_names = g_ptr_array_new ();

  for (guint i = 0; i < cities->len; i++)
    {
      const City *c = cities->pdata[i];
      char *sn = city_short_name (c->name);
      const City *other;

      if (sn == NULL)
        continue;
      other = g_hash_table_lookup (shorts, sn);
      if (other == NULL)
        {
          g_ptr_array_add (short_names, sn);
          g_hash_table_insert (shorts, sn, (gpointer) c);
        }
      else
        {
          if (c->pop > other->pop)
            g_hash_table_insert (shorts, g_strdup (sn), (gpointer) c);
          g_free (sn);
        }
    }

  for (guint i = 0; i < cities->len; i++)
    {
      const City *c = cities->pdata[i];
      g_autoptr (GString) extra = g_string_new (NULL);
      gboolean amb = FALSE;

      if (g_hash_table_contains (gen->stoplist, c->name))
        {
          /* a common word: only a big city is worth the risk */
          if (c->pop < BIG_CITY_POP)
            continue;
          amb = c->pop < HUGE_CITY_POP;
        }
      if (g_hash_table_contains (gen->given_names, c->name)
          && c->pop < HUGE_CITY_POP)
        amb = TRUE;

      g_string_append_printf (extra, "country=%s", country_name (gen,
                                                                 c->code));
      if (c->state[0] != '\0')
        g_string_append_printf (extra, ";region=%s", c->state);
      g_string_append_printf (extra, ";pop=%u", c->pop);
      if (c->homonyms > 1)
        g_string_append_printf (extra, ";homonyms=%u;rival_pop=%u", c->homonyms,
                                c->rival_pop);
      if (amb)
        g_string_append (extra, ";amb=1");
      add_row_and_variants (gen, rows, "City", c->name, c->name,
                            extra->str, german_speaking (c->code));
    }
  /* The short names come after every full name: a city actually called
   * "Halle" keeps its label (add_row refuses a label already taken). */
  for (guint i = 0; i < short_names->len; i++)
    {
      const char *sn = short_names->pdata[i];
      const City *c = g_hash_table_lookup (shorts, sn);
      g_autoptr (GString) extra = g_string_new (NULL);

      /* Only for a big city, or a long name: "Weil" is a surname first. */
      if ((c->pop < BIG_CITY_POP && (c->pop < 30000 || g_utf8_strlen (sn, -1) < 7))
          || g_hash_table_contains (gen->stoplist, sn)
          || g_hash_table_contains (gen->given_names, sn))
        continue;
      /* "Miguel Alemán (La Doce)": a person's name first */
      {
        g_autofree char *first = g_strndup (sn, strcspn (sn, " "));
        if (g_hash_table_contains (gen->given_names, first))
          continue;
      }
      g_string_append_printf (extra, "country=%s", country_name (gen, c->code));
      if (c->state[0] != '\0')
        g_string_append_printf (extra, ";region=%s", c->state);
      g_string_append_printf (extra, ";pop=%u", c->pop);
      add_row_and_variants (gen, rows, "City", sn, c->name, extra->str,
                            german_speaking (c->code));
    }
  sources = g_strdup_printf ("libgeonames (cities of population >= %u)",
                             gen->min_pop);
  return write_rows (gen, outdir, "cities.tsv", "City", sources, rows, error);
}

static gboolean
generate (Gen *gen, const char *outdir, GError **error)
{
  g_autoptr (GPtrArray) states = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) cities = NULL;
  gboolean ok;

  if (!load_hand_dir (gen, error) || !load_stoplist (gen, error))
    return FALSE;
  if (g_mkdir_with_parents (outdir, 0755) != 0)
    {
      int saved = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                   "%s: %s", outdir, g_strerror (saved));
      return FALSE;
    }

  /* Order is precedence: countries, then regions, then cities; a label
   * is written once.  Cities are known before regions are written so
   * that "Almaty" stays a city and "Almaty Region" a region. */
  if (!gen_countries (gen, outdir, error))
    return FALSE;
  cities = read_cities (gen, states);
  if (cities->len == 0)
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                   "libgeonames: error: no cities");
      return FALSE;
    }
  for (guint i = 0; i < cities->len; i++)
    {
      const City *c = cities->pdata[i];

      g_hash_table_insert (gen->city_by_name, c->name, (gpointer) c);
    }
  ok = gen_regions (gen, outdir, states, error)
    && gen_cities (gen, outdir, cities, error);
  /* city_by_name borrows from CITIES, which dies here */
  g_hash_table_remove_all (gen->city_by_name);
  return ok;
}

static void
gen_clear (Gen *gen)
{
  g_free (gen->iso1_path);
  g_free (gen->iso2_path);
  g_free (gen->hand_dir);
  g_free (gen->stoplist_path);
  g_clear_pointer (&gen->hand_labels, g_hash_table_unref);
  g_clear_pointer (&gen->hand_lexical, g_hash_table_unref);
  g_clear_pointer (&gen->given_names, g_hash_table_unref);
  g_clear_pointer (&gen->preferred, g_hash_table_unref);
  g_clear_pointer (&gen->stoplist, g_hash_table_unref);
  g_clear_pointer (&gen->country_by_code, g_hash_table_unref);
  g_clear_pointer (&gen->taken, g_hash_table_unref);
  g_clear_pointer (&gen->city_by_name, g_hash_table_unref);
}

int
main (int argc, char **argv)
{
  Gen gen = { 0 };
  gint64 min_pop = 15000;
  gboolean version = FALSE;
  g_autoptr (GError) error = NULL;
  g_autoptr (GOptionContext) ctx = NULL;
  int status = 0;
  GOptionEntry entries[] = {
    { "iso-3166-1", 0, 0, G_OPTION_ARG_FILENAME, &gen.iso1_path,
      "ISO 3166-1 XML (default /usr/share/xml/iso-codes/iso_3166-1.xml)",
      "FILE" },
    { "iso-3166-2", 0, 0, G_OPTION_ARG_FILENAME, &gen.iso2_path,
      "ISO 3166-2 XML (default /usr/share/xml/iso-codes/iso_3166-2.xml)",
      "FILE" },
    { "hand-dir", 0, 0, G_OPTION_ARG_FILENAME, &gen.hand_dir,
      "hand-written gazetteers, which win over generated rows", "DIR" },
    { "stoplist", 0, 0, G_OPTION_ARG_FILENAME, &gen.stoplist_path,
      "place names that are also common words, one a line", "FILE" },
    { "min-population", 0, 0, G_OPTION_ARG_INT64, &min_pop,
      "smallest city kept (default 15000)", "N" },
    { "verbose", 'v', 0, G_OPTION_ARG_NONE, &gen.verbose,
      "print entry counts to stderr", NULL },
    { "version", 0, 0, G_OPTION_ARG_NONE, &version,
      "print the version and exit", NULL },
    G_OPTION_ENTRY_NULL
  };

  /* Only the character set follows the environment: LC_MESSAGES stays
   * "C", so libgeonames never translates city names and the output does
   * not depend on the builder's language. */
  setlocale (LC_CTYPE, "");
  ctx = g_option_context_new ("OUTDIR");
  g_option_context_set_summary (ctx,
    "Write countries.tsv, regions.tsv and cities.tsv into OUTDIR.");
  g_option_context_add_main_entries (ctx, entries, NULL);
  if (!g_option_context_parse (ctx, &argc, &argv, &error))
    {
      fprintf (stderr, PROG ": %s\nTry '" PROG " --help' for more "
               "information.\n", error->message);
      return 2;
    }
  if (version)
    {
      printf (PROG " 1\n");
      return 0;
    }
  if (argc != 2 || min_pop < 0 || min_pop > G_MAXUINT)
    {
      fprintf (stderr, PROG ": %s\nTry '" PROG " --help' for more "
               "information.\n", argc != 2 ? "expected one OUTDIR"
               : "bad --min-population");
      gen_clear (&gen);
      return 2;
    }

  gen.min_pop = (guint) min_pop;
  if (gen.iso1_path == NULL)
    gen.iso1_path = g_strdup ("/usr/share/xml/iso-codes/iso_3166-1.xml");
  if (gen.iso2_path == NULL)
    gen.iso2_path = g_strdup ("/usr/share/xml/iso-codes/iso_3166-2.xml");
  gen.hand_labels = g_hash_table_new_full (g_str_hash, g_str_equal,
                                           g_free, g_free);
  gen.hand_lexical = g_hash_table_new_full (g_str_hash, g_str_equal,
                                            g_free, NULL);
  gen.given_names = g_hash_table_new_full (g_str_hash, g_str_equal,
                                           g_free, NULL);
  gen.preferred = g_hash_table_new_full (g_str_hash, g_str_equal,
                                         g_free, g_free);
  gen.stoplist = g_hash_table_new_full (g_str_hash, g_str_equal,
                                        g_free, NULL);
  gen.country_by_code = g_hash_table_new_full (g_str_hash, g_str_equal,
                                               g_free, g_free);
  gen.taken = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  gen.city_by_name = g_hash_table_new (g_str_hash, g_str_equal);

  if (!generate (&gen, argv[1], &error))
    {
      fprintf (stderr, PROG ": %s\n", error->message);
      status = 1;
    }
  gen_clear (&gen);
  xmlCleanupParser ();
  return status;
}
