/* kgx-html.c - the HTML half of the reader: finds a page's declared
 * charset, parses the page with libxml2's HTML parser, picks the article
 * body and writes it out as a headline line and one line per paragraph.
 * Every tree walk is a loop over parent/next pointers, never recursion.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include "kgx-reader.h"
#include "kgx-html-private.h"

/* What is kept.  The body is the <article> with the most text (outermost
 * ones only), else the first <main>, else the first element with
 * role="main" or itemprop="articleBody", else <body>.  Dropped inside it:
 *  - never-visible things: script, style, noscript, template, svg, math,
 *    iframe, object, form controls and the like; elements with a hidden
 *    attribute, aria-hidden="true", an inline display:none or
 *    visibility:hidden, or a screen-reader-only class (sr-only,
 *    visually-hidden, screen-reader-text, ...);
 *  - page chrome: nav, aside, footer, figcaption, menu, dialog, button;
 *    header unless inside an <article> (there it holds the article's own
 *    headline and standfirst); form unless it wraps an h1, article or main
 *    (ASP.NET pages put the whole page in one); ARIA landmark roles
 *    navigation, banner, contentinfo, complementary, search and the like;
 *    and any element whose class, id, data-component or data-testid
 *    holds one of the words in chrome_words below ("site-nav", "jp-
 *    relatedposts", "most-read", "cookieConsent" and "AuthorByline" all
 *    match: a class token is tried whole without its non-letters, then
 *    split at non-letters and camelCase humps).  <html>, <body>,
 *    <main> and <article> are never dropped for their class.
 * The headline is the first <h1> of the body that is not chrome, else the
 * first visible one in the body, else in the page, else the <title>
 * without a trailing " | Site" or " - Site"; it is not repeated below.
 * Blocks (p, div, h1-h6, li, td, br, ...) end lines; inline elements join
 * with no added space; white space, &nbsp; and stray controls collapse to
 * one space; lines with nothing visible go.  &amp, &nbsp and a few more
 * are decoded without their ';', as browsers do and libxml2 2.9 does not.
 */

/* How much of a page the charset sniffer reads. */
#define CHARSET_SNIFF_LEN 8192

/* HTML_PARSE_HUGE: without it libxml2 2.9 stops at 256 levels of nesting
 * and silently drops the rest of the page; our walks use no stack, and
 * the size of the input is bounded by the caller's max_size.  No
 * NOBLANKS: it eats the space between two inline elements. */
#define PARSE_OPTIONS (HTML_PARSE_RECOVER | HTML_PARSE_NONET \
                       | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING \
                       | HTML_PARSE_NODEFDTD | HTML_PARSE_IGNORE_ENC \
                       | XML_PARSE_HUGE)

/* ------------------------------------------------------------------ */
/* Charset sniffing                                                    */

static const struct {
  const char *label;
  const char *charset;
} charset_labels[] = {
  /* WHATWG Encoding: these labels all mean windows-1252 ... */
  { "ansi_x3.4-1968", "WINDOWS-1252" }, { "ascii", "WINDOWS-1252" },
  { "cp1252", "WINDOWS-1252" }, { "cp819", "WINDOWS-1252" },
  { "csisolatin1", "WINDOWS-1252" }, { "ibm819", "WINDOWS-1252" },
  { "iso-8859-1", "WINDOWS-1252" }, { "iso-ir-100", "WINDOWS-1252" },
  { "iso8859-1", "WINDOWS-1252" }, { "iso_8859-1", "WINDOWS-1252" },
  { "l1", "WINDOWS-1252" }, { "latin1", "WINDOWS-1252" },
  { "us-ascii", "WINDOWS-1252" }, { "windows-1252", "WINDOWS-1252" },
  { "x-cp1252", "WINDOWS-1252" },
  /* ... and a page cannot really be UTF-16 if its <meta> was readable. */
  { "unicode", "UTF-8" }, { "unicode-1-1-utf-8", "UTF-8" },
  { "utf-16", "UTF-8" }, { "utf-16be", "UTF-8" }, { "utf-16le", "UTF-8" },
  { "utf-8", "UTF-8" }, { "utf8", "UTF-8" },
  { "gb2312", "GBK" }, { "gb_2312-80", "GBK" }, { "x-gbk", "GBK" },
  { "iso-8859-9", "WINDOWS-1254" }, { "latin5", "WINDOWS-1254" },
  { "iso-8859-11", "WINDOWS-874" }, { "tis-620", "WINDOWS-874" },
  { "ms_kanji", "SHIFT_JIS" }, { "sjis", "SHIFT_JIS" },
  { "x-sjis", "SHIFT_JIS" },
  { "ks_c_5601-1987", "CP949" }, { "euc-kr", "CP949" },
};

/* The iconv name for a charset label (copied, trimmed, checked). */
static char *
charset_from_label (const char *label, gsize len)
{
  g_autofree char *lower = NULL;

  while (len > 0 && g_ascii_isspace (*label))
    label++, len--;
  while (len > 0 && g_ascii_isspace (label[len - 1]))
    len--;
  if (len == 0 || len > 40)
    return NULL;
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isalnum (label[i]) && strchr ("._:-", label[i]) == NULL)
      return NULL;                /* not a label: keep junk out of messages */

  lower = g_ascii_strdown (label, (gssize) len);
  for (gsize i = 0; i < G_N_ELEMENTS (charset_labels); i++)
    if (strcmp (lower, charset_labels[i].label) == 0)
      return g_strdup (charset_labels[i].charset);
  return g_ascii_strup (lower, -1);
}

/* The charset named after "charset=" in a Content-Type value, or NULL. */
static char *
charset_from_content_type (const char *s, gsize len)
{
  for (gsize i = 0; i + 7 <= len; i++)
    {
      gsize j, k;

      if (g_ascii_strncasecmp (s + i, "charset", 7) != 0)
        continue;
      j = i + 7;
      while (j < len && g_ascii_isspace (s[j]))
        j++;
      if (j >= len || s[j] != '=')
        continue;
      j++;
      while (j < len && (g_ascii_isspace (s[j]) || s[j] == '"' || s[j] == '\''))
        j++;
      k = j;
      while (k < len && (g_ascii_isalnum (s[k]) || strchr ("._:-", s[k]) != NULL))
        k++;
      return charset_from_label (s + j, k - j);
    }
  return NULL;
}

/* Reads one attribute of a tag at *p (before @end): its name and value
 * spans.  Returns FALSE at the end of the tag. */
static gboolean
next_attribute (const char **p,
                const char *end,
                const char **name,
                gsize *name_len,
                const char **value,
                gsize *value_len)
{
  const char *s = *p;

  while (s < end && (g_ascii_isspace (*s) || *s == '/'))
    s++;
  if (s >= end || *s == '>')
    return FALSE;
  *name = s;
  while (s < end && !g_ascii_isspace (*s) && *s != '=' && *s != '>' && *s != '/')
    s++;
  *name_len = (gsize) (s - *name);
  *value = s;
  *value_len = 0;
  while (s < end && g_ascii_isspace (*s))
    s++;
  if (s < end && *s == '=')
    {
      s++;
      while (s < end && g_ascii_isspace (*s))
        s++;
      if (s < end && (*s == '"' || *s == '\''))
        {
          char quote = *s++;

          *value = s;
          while (s < end && *s != quote)
            s++;
          *value_len = (gsize) (s - *value);
          if (s < end)
            s++;
        }
      else
        {
          *value = s;
          while (s < end && !g_ascii_isspace (*s) && *s != '>')
            s++;
          *value_len = (gsize) (s - *value);
        }
    }
  /* A stray '=' gives an empty name, and the value code above has
   * stepped over it: the loop always moves on. */
  *p = s;
  return TRUE;
}

static gboolean
span_is (const char *s, gsize len, const char *word)
{
  return strlen (word) == len && g_ascii_strncasecmp (s, word, len) == 0;
}

/* The charset a <meta> tag starting at @p declares, or NULL. */
static char *
charset_from_meta (const char *p, const char *end)
{
  const char *name, *value;
  gsize name_len, value_len;
  const char *content = NULL;
  gsize content_len = 0;
  gboolean content_type = FALSE;

  while (next_attribute (&p, end, &name, &name_len, &value, &value_len))
    {
      if (span_is (name, name_len, "charset"))
        return charset_from_label (value, value_len);
      if (span_is (name, name_len, "http-equiv"))
        content_type = span_is (value, value_len, "content-type");
      else if (span_is (name, name_len, "content"))
        {
          content = value;
          content_len = value_len;
        }
    }
  if (content_type && content != NULL)
    return charset_from_content_type (content, content_len);
  return NULL;
}

char *
kgx_html_sniff_charset (const char *data, gsize len)
{
  const char *p = data;
  const char *end = data + MIN (len, CHARSET_SNIFF_LEN);

  while (p < end && g_ascii_isspace (*p))
    p++;
  if (end - p >= 5 && memcmp (p, "<?xml", 5) == 0)
    {
      const char *close = g_strstr_len (p, end - p, "?>");
      const char *name, *value;
      gsize name_len, value_len;

      p += 5;
      while (close != NULL
             && next_attribute (&p, close, &name, &name_len, &value, &value_len))
        if (span_is (name, name_len, "encoding"))
          return charset_from_label (value, value_len);
    }

  for (p = data; p < end; p++)
    {
      char *charset;

      if (*p != '<' || end - p < 6 || g_ascii_strncasecmp (p + 1, "meta", 4) != 0
          || !(g_ascii_isspace (p[5]) || p[5] == '/'))
        continue;
      charset = charset_from_meta (p + 5, end);
      if (charset != NULL)
        return charset;
    }
  return NULL;
}

/* ------------------------------------------------------------------ */
/* What elements are                                                   */

enum {
  EL_BLOCK  = 1 << 0,   /* ends the line before it and after it */
  EL_HIDDEN = 1 << 1,   /* never shown as text: always dropped */
  EL_CHROME = 1 << 2,   /* page furniture: dropped from the body */
  EL_PRE    = 1 << 3,   /* newlines inside are line breaks */
};

typedef struct {
  const char *name;
  guint       flags;
} ElementInfo;

/* Sorted by name, for bsearch.  Unknown elements are inline. */
static const ElementInfo element_infos[] = {
  { "address", EL_BLOCK }, { "applet", EL_HIDDEN },
  { "article", EL_BLOCK }, { "aside", EL_BLOCK | EL_CHROME },
  { "audio", EL_HIDDEN }, { "blockquote", EL_BLOCK }, { "body", EL_BLOCK },
  { "br", EL_BLOCK }, { "button", EL_CHROME }, { "canvas", EL_HIDDEN },
  { "caption", EL_BLOCK }, { "center", EL_BLOCK }, { "datalist", EL_HIDDEN },
  { "dd", EL_BLOCK }, { "details", EL_BLOCK },
  { "dialog", EL_BLOCK | EL_CHROME }, { "dir", EL_BLOCK }, { "div", EL_BLOCK },
  { "dl", EL_BLOCK }, { "dt", EL_BLOCK }, { "embed", EL_HIDDEN },
  { "fieldset", EL_BLOCK }, { "figcaption", EL_BLOCK | EL_CHROME },
  { "figure", EL_BLOCK }, { "footer", EL_BLOCK | EL_CHROME },
  { "form", EL_BLOCK | EL_CHROME }, { "frame", EL_HIDDEN },
  { "frameset", EL_HIDDEN }, { "h1", EL_BLOCK }, { "h2", EL_BLOCK },
  { "h3", EL_BLOCK }, { "h4", EL_BLOCK }, { "h5", EL_BLOCK }, { "h6", EL_BLOCK },
  { "head", EL_HIDDEN }, { "header", EL_BLOCK | EL_CHROME },
  { "hgroup", EL_BLOCK }, { "hr", EL_BLOCK }, { "html", EL_BLOCK },
  { "iframe", EL_HIDDEN }, { "input", EL_HIDDEN }, { "legend", EL_BLOCK },
  { "li", EL_BLOCK }, { "link", EL_HIDDEN }, { "listing", EL_BLOCK | EL_PRE },
  { "main", EL_BLOCK }, { "map", EL_HIDDEN }, { "math", EL_HIDDEN },
  { "menu", EL_BLOCK | EL_CHROME }, { "meta", EL_HIDDEN },
  { "nav", EL_BLOCK | EL_CHROME }, { "noembed", EL_HIDDEN },
  { "noframes", EL_HIDDEN }, { "noscript", EL_HIDDEN },
  { "object", EL_HIDDEN }, { "ol", EL_BLOCK }, { "optgroup", EL_HIDDEN },
  { "option", EL_HIDDEN }, { "p", EL_BLOCK }, { "param", EL_HIDDEN },
  { "picture", EL_HIDDEN }, { "plaintext", EL_BLOCK | EL_PRE },
  { "pre", EL_BLOCK | EL_PRE }, { "script", EL_HIDDEN },
  { "section", EL_BLOCK }, { "select", EL_HIDDEN }, { "source", EL_HIDDEN },
  { "style", EL_HIDDEN }, { "summary", EL_BLOCK }, { "svg", EL_HIDDEN },
  { "table", EL_BLOCK }, { "tbody", EL_BLOCK }, { "td", EL_BLOCK },
  { "template", EL_HIDDEN }, { "textarea", EL_HIDDEN }, { "tfoot", EL_BLOCK },
  { "th", EL_BLOCK }, { "thead", EL_BLOCK }, { "title", EL_HIDDEN },
  { "tr", EL_BLOCK }, { "ul", EL_BLOCK }, { "video", EL_HIDDEN },
  { "xmp", EL_BLOCK | EL_PRE },
};

/* Words in a class, id, data-component or data-testid that mark page
 * chrome.  Sorted, lower case. */
static const char *const chrome_words[] = {
  "ad", "ads", "advert", "advertisement", "advertisements", "advertising",
  "adverts", "alsoread", "badge", "banner", "banners", "breadcrumb",
  "breadcrumbs", "byline", "caption", "captions", "colophon", "comment",
  "commentlist", "comments", "consent", "contact", "cookie", "cookiebanner",
  "cookieconsent", "cookies", "copyright", "credit", "credits", "date",
  "dateline", "factbox", "footer", "gdpr", "header", "headlines", "infobox",
  "keyfacts", "kicker", "latest", "latestnews", "links", "masthead", "menu",
  "menubar", "menus", "meta", "modal", "morenews", "moreon", "morestories",
  "mostpopular", "mostread", "mostviewed", "nav", "navbar", "navigation",
  "newsletter", "newsletters", "othernews", "outbrain", "pagination",
  "paywall", "popular", "popup", "promo", "promos", "pullquote", "readalso",
  "readmore", "readnext", "recommendations", "recommended", "related",
  "relatedposts", "rightcol", "rightcolumn", "rightrail", "seealso",
  "seealsos", "share", "sharedaddy", "shares", "sharing", "sidebar",
  "sidebars", "sidecol", "siderail", "signoff", "signup", "social",
  "subscribe", "subscription", "subscriptions", "taboola", "tag", "tags",
  "teaser", "teasers", "ticker", "timestamp", "toolbar", "tools", "topics",
  "topstories", "trending", "upnext", "whatsnew", "widget", "widgets",
};

/* ARIA roles of landmarks that are not the content. */
static const char *const chrome_roles[] = {
  "alertdialog", "banner", "complementary", "contentinfo", "dialog", "menu",
  "menubar", "navigation", "note", "search", "toolbar",
};

/* Whole class tokens that mean "for screen readers only". */
static const char *const hidden_classes[] = {
  "element-invisible", "screen-reader-only", "screen-reader-text", "sr-only",
  "visually-hidden", "visuallyhidden",
};

static int
compare_element_info (const void *key, const void *member)
{
  return strcmp (key, ((const ElementInfo *) member)->name);
}

static guint
element_flags (const xmlNode *node)
{
  const ElementInfo *info = bsearch (node->name, element_infos,
                                     G_N_ELEMENTS (element_infos),
                                     sizeof element_infos[0],
                                     compare_element_info);

  return info != NULL ? info->flags : 0;
}

static gboolean
is_element (const xmlNode *node, const char *name)
{
  return node->type == XML_ELEMENT_NODE
         && strcmp ((const char *) node->name, name) == 0;
}

static int
compare_word (const void *key, const void *member)
{
  return strcmp (key, *(const char *const *) member);
}

/* Whether @word (@n ASCII letters) is a chrome word. */
static gboolean
is_chrome_word (const char *word, gsize n)
{
  char lower[32];

  if (n == 0 || n >= sizeof lower)
    return FALSE;
  for (gsize i = 0; i < n; i++)
    lower[i] = g_ascii_tolower (word[i]);
  lower[n] = '\0';
  return bsearch (lower, chrome_words, G_N_ELEMENTS (chrome_words),
                  sizeof chrome_words[0], compare_word) != NULL;
}

/* Whether @value holds a chrome word.  Each whitespace-separated token is
 * tried whole with its non-letters squeezed out ("most-read" is
 * "mostread"), then word by word, split at non-letters and where a
 * lower-case letter meets an upper-case one ("AuthorByline"). */
static gboolean
has_chrome_word (const char *value)
{
  const char *p = value;

  while (*p != '\0')
    {
      const char *token, *end;
      char squeezed[32];
      gsize n = 0;

      while (*p != '\0' && g_ascii_isspace (*p))
        p++;
      token = p;
      while (*p != '\0' && !g_ascii_isspace (*p))
        p++;
      end = p;

      for (const char *s = token; s < end && n < sizeof squeezed; s++)
        if (g_ascii_isalpha (*s))
          squeezed[n++] = *s;
      if (n < sizeof squeezed && is_chrome_word (squeezed, n))
        return TRUE;

      for (const char *s = token; s < end;)
        {
          const char *start;

          while (s < end && !g_ascii_isalpha (*s))
            s++;
          start = s;
          while (s < end && g_ascii_isalpha (*s)
                 && !(s > start && g_ascii_isupper (*s) && g_ascii_islower (s[-1])))
            s++;
          if (is_chrome_word (start, (gsize) (s - start)))
            return TRUE;
        }
    }
  return FALSE;
}

/* Whether the whitespace-separated list @value holds one of @tokens
 * (ASCII case ignored). */
static gboolean
has_token (const char *value, const char *const *tokens, gsize n_tokens)
{
  const char *p = value;

  while (*p != '\0')
    {
      const char *start;

      while (*p != '\0' && g_ascii_isspace (*p))
        p++;
      start = p;
      while (*p != '\0' && !g_ascii_isspace (*p))
        p++;
      if (p == start)
        break;
      for (gsize i = 0; i < n_tokens; i++)
        if (span_is (start, (gsize) (p - start), tokens[i]))
          return TRUE;
    }
  return FALSE;
}

static gboolean
style_hides (const char *style)
{
  g_autoptr (GString) squeezed = g_string_new (NULL);

  for (const char *p = style; *p != '\0'; p++)
    if (!g_ascii_isspace (*p))
      g_string_append_c (squeezed, g_ascii_tolower (*p));
  return strstr (squeezed->str, "display:none") != NULL
         || strstr (squeezed->str, "visibility:hidden") != NULL;
}

/* The attributes the rules look at, borrowed from the node. */
typedef struct {
  const char *klass;
  const char *id;
  const char *role;
  const char *style;
  const char *itemprop;
  const char *data_component;
  const char *data_testid;
  const char *aria_hidden;
  gboolean    hidden;
} Attrs;

static void
read_attrs (const xmlNode *node, Attrs *a)
{
  memset (a, 0, sizeof *a);
  for (const xmlAttr *attr = node->properties; attr != NULL; attr = attr->next)
    {
      const char *name = (const char *) attr->name;
      const char *value = "";

      /* The HTML parser stores each value as one text node. */
      if (attr->children != NULL && attr->children->type == XML_TEXT_NODE
          && attr->children->content != NULL)
        value = (const char *) attr->children->content;

      if (strcmp (name, "class") == 0)
        a->klass = value;
      else if (strcmp (name, "id") == 0)
        a->id = value;
      else if (strcmp (name, "role") == 0)
        a->role = value;
      else if (strcmp (name, "style") == 0)
        a->style = value;
      else if (strcmp (name, "itemprop") == 0)
        a->itemprop = value;
      else if (strcmp (name, "data-component") == 0)
        a->data_component = value;
      else if (strcmp (name, "data-testid") == 0)
        a->data_testid = value;
      else if (strcmp (name, "aria-hidden") == 0)
        a->aria_hidden = value;
      else if (strcmp (name, "hidden") == 0)
        a->hidden = TRUE;
    }
}

typedef enum {
  VERDICT_KEEP,
  VERDICT_HIDDEN,   /* never visible */
  VERDICT_CHROME    /* visible, but not the article */
} Verdict;

/* Set on a <form> (in xmlNode._private) that wraps an h1, article or main. */
#define FORM_WRAPS_CONTENT GINT_TO_POINTER (1)

static Verdict
judge (const xmlNode *node, guint flags, gboolean in_article)
{
  const char *name = (const char *) node->name;
  Attrs a;

  if (flags & EL_HIDDEN)
    return VERDICT_HIDDEN;
  read_attrs (node, &a);
  if (a.hidden
      || (a.aria_hidden != NULL && g_ascii_strcasecmp (a.aria_hidden, "true") == 0)
      || (a.style != NULL && style_hides (a.style))
      || (a.klass != NULL && has_token (a.klass, hidden_classes,
                                        G_N_ELEMENTS (hidden_classes))))
    return VERDICT_HIDDEN;

  if (strcmp (name, "html") == 0 || strcmp (name, "body") == 0
      || strcmp (name, "main") == 0 || strcmp (name, "article") == 0)
    return VERDICT_KEEP;
  if (flags & EL_CHROME)
    {
      if (strcmp (name, "header") == 0 && in_article)
        ;
      else if (strcmp (name, "form") == 0 && node->_private == FORM_WRAPS_CONTENT)
        ;
      else
        return VERDICT_CHROME;
    }
  if (a.role != NULL && has_token (a.role, chrome_roles, G_N_ELEMENTS (chrome_roles)))
    return VERDICT_CHROME;
  if ((a.klass != NULL && has_chrome_word (a.klass))
      || (a.id != NULL && has_chrome_word (a.id))
      || (a.data_component != NULL && has_chrome_word (a.data_component))
      || (a.data_testid != NULL && has_chrome_word (a.data_testid)))
    return VERDICT_CHROME;
  return VERDICT_KEEP;
}

/* ------------------------------------------------------------------ */
/* Walking the tree without recursion                                  */

typedef enum {
  WALK_DESCEND,
  WALK_SKIP,     /* not into this node's children */
  WALK_STOP
} WalkStep;

typedef struct {
  WalkStep (*enter) (xmlNode *node, gpointer data);
  void     (*leave) (xmlNode *node, gpointer data); /* nullable; only after DESCEND */
} Walker;

/* Visits @root and its descendants in document order.  Depth costs no
 * stack: the way back up is the parent pointer. */
static void
walk (xmlNode *root, const Walker *w, gpointer data)
{
  xmlNode *node = root;

  while (node != NULL)
    {
      WalkStep step = w->enter (node, data);

      if (step == WALK_STOP)
        return;
      if (step == WALK_DESCEND && node->children != NULL)
        {
          node = node->children;
          continue;
        }
      if (step == WALK_DESCEND && w->leave != NULL)
        w->leave (node, data);
      while (node != root && node->next == NULL)
        {
          node = node->parent;
          if (w->leave != NULL)
            w->leave (node, data);
        }
      if (node == root)
        return;
      node = node->next;
    }
}

/* Marks each <form> that wraps an h1, article or main.  The innermost
 * open form is marked, and passes its mark out when it closes. */
typedef struct {
  GPtrArray *forms;   /* open <form>s, innermost last */
} FormMarks;

static WalkStep
form_marks_enter (xmlNode *node, gpointer data)
{
  FormMarks *m = data;

  if (node->type != XML_ELEMENT_NODE)
    return WALK_SKIP;
  node->_private = NULL;
  if (is_element (node, "form"))
    g_ptr_array_add (m->forms, node);
  else if (m->forms->len > 0
           && (is_element (node, "h1") || is_element (node, "article")
               || is_element (node, "main")))
    ((xmlNode *) g_ptr_array_index (m->forms, m->forms->len - 1))->_private
      = FORM_WRAPS_CONTENT;
  return WALK_DESCEND;
}

static void
form_marks_leave (xmlNode *node, gpointer data)
{
  FormMarks *m = data;

  if (!is_element (node, "form") || m->forms->len == 0)
    return;
  g_ptr_array_set_size (m->forms, m->forms->len - 1);
  if (node->_private == FORM_WRAPS_CONTENT && m->forms->len > 0)
    ((xmlNode *) g_ptr_array_index (m->forms, m->forms->len - 1))->_private
      = FORM_WRAPS_CONTENT;
}

/* Collecting text: whitespace collapsed, one line per block. */
typedef struct {
  xmlNode   *root;          /* judged by the caller, never dropped */
  gboolean   chrome;        /* drop chrome too, not only hidden things */
  xmlNode   *skip;          /* nullable: the headline's h1 */
  GString   *line;          /* the paragraph being built */
  GPtrArray *lines;         /* finished paragraphs (char *) */
  gsize      total;         /* bytes in lines */
  gboolean   space;         /* whitespace seen since the last character */
  guint      pre_depth;
  guint      article_depth;
} Collect;

/* Whether @s has a character that is neither white space nor a format
 * character (such as U+200B). */
static gboolean
has_visible (const char *s)
{
  for (; *s != '\0'; s = g_utf8_next_char (s))
    {
      gunichar c = g_utf8_get_char (s);

      if (!g_unichar_isspace (c) && g_unichar_type (c) != G_UNICODE_FORMAT)
        return TRUE;
    }
  return FALSE;
}

static void
end_line (Collect *c)
{
  if (c->line->len > 0 && has_visible (c->line->str))
    {
      g_ptr_array_add (c->lines, g_strndup (c->line->str, c->line->len));
      c->total += c->line->len;
    }
  g_string_truncate (c->line, 0);
  c->space = FALSE;
}

/* Entities that browsers decode without their ';' (in text, where old
 * pages write "Smith &amp Sons" or "&nbsp"), but libxml2 2.9 leaves as
 * they are.  Only the common ones. */
static const struct {
  const char *name;
  gunichar    ch;
} bare_entities[] = {
  { "amp", '&' }, { "copy", 0xA9 }, { "gt", '>' }, { "lt", '<' },
  { "nbsp", 0xA0 }, { "quot", '"' }, { "reg", 0xAE },
};

/* The character a bare entity at @s ('&') stands for, with *n set to its
 * length; 0 if there is none. */
static gunichar
bare_entity (const char *s, gsize *n)
{
  for (gsize i = 0; i < G_N_ELEMENTS (bare_entities); i++)
    {
      gsize len = strlen (bare_entities[i].name);
      char next;

      if (strncmp (s + 1, bare_entities[i].name, len) != 0)
        continue;
      next = s[1 + len];
      if (g_ascii_isalnum (next) || next == ';')
        return 0;
      *n = 1 + len;
      return bare_entities[i].ch;
    }
  return 0;
}

static void
add_char (Collect *c, gunichar ch)
{
  if (ch == '\n' && c->pre_depth > 0)
    end_line (c);
  else if (ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r' || ch == '\f'
           || ch == 0xA0 || g_unichar_iscntrl (ch))
    c->space = TRUE;              /* &nbsp; and stray controls count as spaces */
  else
    {
      if (c->space && c->line->len > 0)
        g_string_append_c (c->line, ' ');
      c->space = FALSE;
      g_string_append_unichar (c->line, ch);
    }
}

static void
add_text (Collect *c, const char *s)
{
  while (*s != '\0')
    {
      gunichar ch = g_utf8_get_char_validated (s, -1);
      gsize n;

      if (ch == (gunichar) -1 || ch == (gunichar) -2)
        {
          ch = 0xFFFD;            /* libxml2 hands out valid UTF-8; be safe */
          n = 1;
        }
      else if (ch == '&' && (ch = bare_entity (s, &n)) != 0)
        ;
      else
        {
          ch = g_utf8_get_char (s);
          n = (gsize) (g_utf8_next_char (s) - s);
        }
      add_char (c, ch);
      s += n;
    }
}

static WalkStep
collect_enter (xmlNode *node, gpointer data)
{
  Collect *c = data;
  guint flags;

  if (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE)
    {
      if (node->content != NULL)
        add_text (c, (const char *) node->content);
      return WALK_SKIP;
    }
  if (node->type != XML_ELEMENT_NODE)
    return WALK_SKIP;

  flags = element_flags (node);
  if (node != c->root)
    {
      Verdict verdict = judge (node, flags, c->article_depth > 0);

      if (node == c->skip || verdict == VERDICT_HIDDEN
          || (c->chrome && verdict == VERDICT_CHROME))
        {
          if (flags & EL_BLOCK)
            end_line (c);
          return WALK_SKIP;
        }
    }
  if (flags & EL_BLOCK)
    end_line (c);
  if (flags & EL_PRE)
    c->pre_depth++;
  if (is_element (node, "article"))
    c->article_depth++;
  return WALK_DESCEND;
}

static void
collect_leave (xmlNode *node, gpointer data)
{
  Collect *c = data;
  guint flags = element_flags (node);

  if (flags & EL_BLOCK)
    end_line (c);
  if (flags & EL_PRE)
    c->pre_depth--;
  if (is_element (node, "article"))
    c->article_depth--;
}

static void
collect_init (Collect *c, xmlNode *root, gboolean chrome, xmlNode *skip)
{
  memset (c, 0, sizeof *c);
  c->root = root;
  c->chrome = chrome;
  c->skip = skip;
  c->line = g_string_new (NULL);
  c->lines = g_ptr_array_new_with_free_func (g_free);
}

static void
collect_run (Collect *c)
{
  static const Walker walker = { collect_enter, collect_leave };

  walk (c->root, &walker, c);
  end_line (c);
}

static void
collect_clear (Collect *c)
{
  g_string_free (c->line, TRUE);
  g_ptr_array_unref (c->lines);
}

/* The text of @node on one line (its blocks joined with a space), or
 * NULL if it has none. */
static char *
text_of (xmlNode *node, gboolean chrome)
{
  Collect c;
  char *text = NULL;

  collect_init (&c, node, chrome, NULL);
  collect_run (&c);
  if (c.lines->len > 0)
    {
      g_ptr_array_add (c.lines, NULL);
      text = g_strjoinv (" ", (char **) c.lines->pdata);
      g_ptr_array_set_size (c.lines, c.lines->len - 1);
    }
  collect_clear (&c);
  return text;
}

static gsize
text_length (xmlNode *node)
{
  Collect c;
  gsize total;

  collect_init (&c, node, TRUE, NULL);
  collect_run (&c);
  total = c.total;
  collect_clear (&c);
  return total;
}

/* ------------------------------------------------------------------ */
/* Choosing the body and the headline                                  */

typedef struct {
  GPtrArray *articles;      /* outermost <article>s outside chrome */
  xmlNode   *main;          /* the first <main> */
  xmlNode   *role_main;     /* the first role="main" or itemprop="articleBody" */
} Candidates;

static WalkStep
candidates_enter (xmlNode *node, gpointer data)
{
  Candidates *k = data;
  Attrs a;

  if (node->type != XML_ELEMENT_NODE)
    return WALK_SKIP;
  if (judge (node, element_flags (node), FALSE) != VERDICT_KEEP)
    return WALK_SKIP;
  if (is_element (node, "article"))
    {
      g_ptr_array_add (k->articles, node);
      return WALK_SKIP;
    }
  if (k->main == NULL && is_element (node, "main"))
    k->main = node;
  if (k->role_main == NULL)
    {
      static const char *const main_role[] = { "main" };
      static const char *const article_body[] = { "articleBody" };

      read_attrs (node, &a);
      if ((a.role != NULL && has_token (a.role, main_role, 1))
          || (a.itemprop != NULL && has_token (a.itemprop, article_body, 1)))
        k->role_main = node;
    }
  return WALK_DESCEND;
}

static xmlNode *
choose_body (xmlNode *root)
{
  static const Walker walker = { candidates_enter, NULL };
  Candidates k = { g_ptr_array_new (), NULL, NULL };
  xmlNode *best = NULL;
  gsize best_len = 0;

  walk (root, &walker, &k);
  for (guint i = 0; i < k.articles->len; i++)
    {
      xmlNode *article = g_ptr_array_index (k.articles, i);
      gsize len = text_length (article);

      if (len > best_len)
        {
          best = article;
          best_len = len;
        }
    }
  g_ptr_array_unref (k.articles);
  if (best != NULL)
    return best;
  if (k.main != NULL)
    return k.main;
  if (k.role_main != NULL)
    return k.role_main;
  for (xmlNode *n = root->children; n != NULL; n = n->next)
    if (is_element (n, "body"))
      return n;
  return root;
}

typedef struct {
  xmlNode  *root;
  gboolean  chrome;          /* skip chrome too, not only hidden things */
  guint     article_depth;
  xmlNode  *found;
  char     *text;
} FindH1;

static WalkStep
find_h1_enter (xmlNode *node, gpointer data)
{
  FindH1 *f = data;
  Verdict verdict;
  guint flags;

  if (node->type != XML_ELEMENT_NODE)
    return WALK_SKIP;
  flags = element_flags (node);
  verdict = node == f->root ? VERDICT_KEEP
                            : judge (node, flags, f->article_depth > 0);
  if (verdict == VERDICT_HIDDEN || (f->chrome && verdict == VERDICT_CHROME))
    return WALK_SKIP;
  if (is_element (node, "h1"))
    {
      f->text = text_of (node, FALSE);
      if (f->text != NULL)
        {
          f->found = node;
          return WALK_STOP;
        }
      return WALK_SKIP;
    }
  if (is_element (node, "article"))
    f->article_depth++;
  return WALK_DESCEND;
}

static void
find_h1_leave (xmlNode *node, gpointer data)
{
  FindH1 *f = data;

  if (is_element (node, "article"))
    f->article_depth--;
}

/* The first <h1> with text under @root; chrome skipped if @chrome. */
static xmlNode *
find_h1 (xmlNode *root, gboolean chrome, char **text)
{
  static const Walker walker = { find_h1_enter, find_h1_leave };
  FindH1 f = { root, chrome, 0, NULL, NULL };

  walk (root, &walker, &f);
  *text = f.text;
  return f.found;
}

static WalkStep
find_title_enter (xmlNode *node, gpointer data)
{
  xmlNode **found = data;

  if (node->type != XML_ELEMENT_NODE || is_element (node, "svg")
      || is_element (node, "math"))
    return WALK_SKIP;             /* an SVG <title> names an icon */
  if (is_element (node, "title"))
    {
      *found = node;
      return WALK_STOP;
    }
  return WALK_DESCEND;
}

static gsize
count_words (const char *s)
{
  gsize words = 0;
  gboolean in_word = FALSE;

  for (; *s != '\0'; s++)
    {
      if (*s == ' ')
        in_word = FALSE;
      else if (!in_word)
        {
          in_word = TRUE;
          words++;
        }
    }
  return words;
}

/* Cuts trailing site names off a <title>: "Story | Section | Site" and
 * "Story - Site" become "Story".  A part is cut while it has at most five
 * words and what is left is at least as long in words, and only at the
 * separator first cut at.  In place. */
static void
strip_site_suffix (char *title)
{
  static const char *const separators[] = {
    " | ", " - ", " \xE2\x80\x93 ", " \xE2\x80\x94 ", " :: ", " \xC2\xB7 ",
    " \xE2\x80\xA2 ", " // ",
  };
  const char *chosen = NULL;

  for (;;)
    {
      char *cut = NULL;
      const char *sep = NULL;
      char *suffix;

      for (gsize i = 0; i < G_N_ELEMENTS (separators); i++)
        {
          char *at = g_strrstr (title, separators[i]);

          if (at != NULL && (cut == NULL || at > cut))
            {
              cut = at;
              sep = separators[i];
            }
        }
      if (cut == NULL || cut == title || (chosen != NULL && sep != chosen))
        return;
      suffix = cut + strlen (sep);
      *cut = '\0';
      if (count_words (suffix) > 5 || count_words (suffix) == 0
          || (chosen != NULL && count_words (title) < count_words (suffix)))
        {
          *cut = sep[0];          /* put the separator back and stop */
          return;
        }
      chosen = sep;
    }
}

/* The headline and its <h1> node (NULL when it came from <title>). */
static char *
choose_headline (xmlNode *doc_root, xmlNode *body, xmlNode **h1)
{
  static const Walker title_walker = { find_title_enter, NULL };
  xmlNode *title = NULL;
  char *text = NULL;

  if ((*h1 = find_h1 (body, TRUE, &text)) != NULL
      || (*h1 = find_h1 (body, FALSE, &text)) != NULL
      || (*h1 = find_h1 (doc_root, FALSE, &text)) != NULL)
    return text;

  walk (doc_root, &title_walker, &title);
  if (title == NULL)
    return NULL;
  text = text_of (title, FALSE);
  if (text != NULL)
    strip_site_suffix (text);
  return text;
}

/* ------------------------------------------------------------------ */

/* libxml2 2.9 knows no HTML5 element, so real pages raise dozens of
 * "Tag article invalid" errors: noise, not news for the user. */
static void
html_error_sink (void *user_data, xmlErrorPtr err)
{
  (void) user_data;
  (void) err;
}

static gboolean
is_blank (const char *data, gsize len)
{
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isspace (data[i]))
      return FALSE;
  return TRUE;
}

static void
extract (xmlNode *doc_root, char **text, gsize *text_len, char **headline)
{
  FormMarks marks = { g_ptr_array_new () };
  static const Walker mark_walker = { form_marks_enter, form_marks_leave };
  xmlNode *body, *h1 = NULL;
  GString *out = g_string_new (NULL);
  Collect c;

  walk (doc_root, &mark_walker, &marks);
  g_ptr_array_unref (marks.forms);

  body = choose_body (doc_root);
  *headline = choose_headline (doc_root, body, &h1);

  collect_init (&c, body, TRUE, h1);
  collect_run (&c);
  if (*headline != NULL)
    g_string_append_printf (out, "%s\n", *headline);
  for (guint i = 0; i < c.lines->len; i++)
    {
      const char *line = g_ptr_array_index (c.lines, i);

      if (i == 0 && *headline != NULL && strcmp (line, *headline) == 0)
        continue;
      g_string_append_printf (out, "%s\n", line);
    }
  collect_clear (&c);

  *text_len = out->len;
  *text = g_string_free (out, FALSE);
}

gboolean
kgx_html_extract (const char *data,
                  gsize len,
                  char **text,
                  gsize *text_len,
                  char **headline,
                  GError **error)
{
  htmlParserCtxtPtr ctxt;
  xmlDocPtr doc;
  xmlNode *root;

  *text = NULL;
  *text_len = 0;
  *headline = NULL;

  if (len > G_MAXINT)
    {
      g_set_error (error, KGX_READER_ERROR, KGX_READER_ERROR_TOO_LARGE,
                   "HTML input is %" G_GSIZE_FORMAT " bytes, more than "
                   "libxml2 can parse (2 GiB)", len);
      return FALSE;
    }
  if (is_blank (data, len))
    {
      *text = g_strdup ("");
      return TRUE;
    }

  xmlInitParser ();
  ctxt = htmlNewParserCtxt ();
  if (ctxt == NULL)
    {
      g_set_error (error, KGX_READER_ERROR, KGX_READER_ERROR_FAILED,
                   "cannot create an HTML parser (out of memory?)");
      return FALSE;
    }
  /* Errors go to our sink, per parse, never to a global handler (raptor
   * may have set one) nor to stderr.  libxml2 2.9 only calls serror in
   * the HTML domain when the handler claims to be SAX2. */
  ctxt->sax->serror = html_error_sink;
  ctxt->sax->initialized = XML_SAX2_MAGIC;

  doc = htmlCtxtReadMemory (ctxt, data, (int) len, NULL, "UTF-8", PARSE_OPTIONS);
  if (doc == NULL)
    {
      g_autofree char *why = g_strdup (ctxt->lastError.message != NULL
                                       ? ctxt->lastError.message
                                       : "no document");

      g_set_error (error, KGX_READER_ERROR, KGX_READER_ERROR_HTML,
                   "cannot parse HTML: %s", g_strstrip (why));
      htmlFreeParserCtxt (ctxt);
      return FALSE;
    }
  htmlFreeParserCtxt (ctxt);

  root = xmlDocGetRootElement (doc);
  if (root == NULL)
    *text = g_strdup ("");
  else
    extract (root, text, text_len, headline);
  xmlFreeDoc (doc);
  return TRUE;
}
