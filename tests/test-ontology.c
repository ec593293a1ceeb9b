/* test-ontology.c - GTest unit tests for extractor/kgx-ontology.c: loading
 * ontology/kgextract.ttl, the class hierarchy, domain and range checks,
 * and the errors a broken ontology file gives.
 */
#include "config.h"

#include <string.h>

#include "kgx-ontology.h"

#define KGX_NS "https://w3id.org/kgextract/ontology#"

#define PREAMBLE \
  "@prefix kgx: <" KGX_NS "> .\n" \
  "@prefix owl: <http://www.w3.org/2002/07/owl#> .\n" \
  "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"

/* The relation inventory of shared/eval/FORMAT.md. */
static const struct {
  const char *name;
  gboolean    datatype;
  gboolean    symmetric;
} inventory[] = {
  { "heads", FALSE, FALSE },
  { "jobTitle", TRUE, FALSE },
  { "worksFor", FALSE, FALSE },
  { "memberOf", FALSE, FALSE },
  { "locatedIn", FALSE, FALSE },
  { "near", FALSE, FALSE },
  { "heldIn", FALSE, FALSE },
  { "participatedIn", FALSE, FALSE },
  { "organizedBy", FALSE, FALSE },
  { "supportedBy", FALSE, FALSE },
  { "metWith", FALSE, TRUE },
  { "partnerOf", FALSE, TRUE },
  { "designedBy", FALSE, FALSE },
  { "builtBy", FALSE, FALSE },
  { "said", TRUE, FALSE },
  { "interviewedBy", FALSE, FALSE },
  { "openedIn", TRUE, FALSE },
};

/* Every class the brief asks for, with its direct parent and coarse class. */
static const struct {
  const char *name;
  const char *parent;
  const char *coarse;
} classes[] = {
  { "Person", NULL, "Person" },
  { "Organization", NULL, "Organization" },
  { "Place", NULL, "Place" },
  { "Facility", NULL, "Facility" },
  { "Event", NULL, "Event" },
  { "Company", "Organization", "Organization" },
  { "GovernmentAgency", "Organization", "Organization" },
  { "Ministry", "Organization", "Organization" },
  { "ResearchInstitute", "Organization", "Organization" },
  { "University", "Organization", "Organization" },
  { "NewsAgency", "Organization", "Organization" },
  { "InternationalOrganization", "Organization", "Organization" },
  { "Association", "Organization", "Organization" },
  { "Union", "Association", "Organization" },
  { "Council", "Association", "Organization" },
  { "Academy", "Association", "Organization" },
  { "Bank", "Organization", "Organization" },
  { "Parliament", "Organization", "Organization" },
  { "PoliticalParty", "Organization", "Organization" },
  { "Country", "Place", "Place" },
  { "Region", "Place", "Place" },
  { "City", "Place", "Place" },
  { "Lake", "Place", "Place" },
  { "Sea", "Place", "Place" },
  { "River", "Place", "Place" },
  { "Continent", "Place", "Place" },
  { "GeoRegion", "Place", "Place" },
  { "PowerPlant", "Facility", "Facility" },
  { "NuclearPowerPlant", "PowerPlant", "Facility" },
  { "Reactor", "Facility", "Facility" },
  { "ReactorUnit", "Reactor", "Facility" },
  { "Factory", "Facility", "Facility" },
  { "Mine", "Facility", "Facility" },
  { "Port", "Facility", "Facility" },
  { "Airport", "Facility", "Facility" },
  { "Conference", "Event", "Event" },
  { "Forum", "Event", "Event" },
  { "Summit", "Event", "Event" },
  { "Meeting", "Event", "Event" },
  { "Talks", "Event", "Event" },
  { "Referendum", "Event", "Event" },
  { "Election", "Event", "Event" },
  { "Exhibition", "Event", "Event" },
};

/* Triples to check against the real ontology: subject class, property,
 * object class (NULL = literal), expected error code or -1 for success. */
static const struct {
  const char *subj;
  const char *prop;
  const char *obj;
  int         code;
} checks[] = {
  /* heads: Person -> Organization or Place */
  { "Person", "heads", "Organization", -1 },
  { "Person", "heads", "Place", -1 },
  { "Person", "heads", "Company", -1 },
  { "Person", "heads", "Country", -1 },
  { "Person", "heads", "Union", -1 },
  { "Event", "heads", "Organization", KGX_ONTOLOGY_ERROR_DOMAIN },
  { "Company", "heads", "Organization", KGX_ONTOLOGY_ERROR_DOMAIN },
  { "Person", "heads", "Person", KGX_ONTOLOGY_ERROR_RANGE },
  { "Person", "heads", "NuclearPowerPlant", KGX_ONTOLOGY_ERROR_RANGE },
  { "Person", "heads", NULL, KGX_ONTOLOGY_ERROR_RANGE },
  /* unions in the domain */
  { "Person", "memberOf", "Academy", -1 },
  { "Company", "memberOf", "Association", -1 },
  { "Country", "memberOf", "InternationalOrganization", -1 },
  { "Event", "memberOf", "Organization", KGX_ONTOLOGY_ERROR_DOMAIN },
  { "Country", "memberOf", "Country", KGX_ONTOLOGY_ERROR_RANGE },
  { "Reactor", "locatedIn", "NuclearPowerPlant", -1 },
  { "NuclearPowerPlant", "locatedIn", "Country", -1 },
  { "ResearchInstitute", "locatedIn", "Country", -1 },
  { "City", "locatedIn", "Region", -1 },
  { "Person", "locatedIn", "City", KGX_ONTOLOGY_ERROR_DOMAIN },
  { "Company", "locatedIn", "Company", KGX_ONTOLOGY_ERROR_RANGE },
  { "NuclearPowerPlant", "near", "Lake", -1 },
  { "Conference", "heldIn", "City", -1 },
  { "Forum", "heldIn", "Airport", -1 },
  { "City", "heldIn", "Country", KGX_ONTOLOGY_ERROR_DOMAIN },
  { "Country", "participatedIn", "Forum", -1 },
  { "Person", "participatedIn", "Summit", -1 },
  { "Facility", "participatedIn", "Summit", KGX_ONTOLOGY_ERROR_DOMAIN },
  { "Summit", "organizedBy", "Country", -1 },
  { "Exhibition", "supportedBy", "Ministry", -1 },
  { "Person", "metWith", "Person", -1 },
  { "Person", "metWith", "Company", KGX_ONTOLOGY_ERROR_RANGE },
  { "Country", "partnerOf", "Company", -1 },
  { "Person", "partnerOf", "Company", KGX_ONTOLOGY_ERROR_DOMAIN },
  { "NuclearPowerPlant", "designedBy", "Country", -1 },
  { "Reactor", "builtBy", "Company", -1 },
  { "Company", "builtBy", "Company", KGX_ONTOLOGY_ERROR_DOMAIN },
  { "Person", "interviewedBy", "NewsAgency", -1 },
  { "Person", "worksFor", "Country", -1 },
  /* literals */
  { "Person", "jobTitle", NULL, -1 },
  { "Person", "said", NULL, -1 },
  { "NuclearPowerPlant", "openedIn", NULL, -1 },
  { "Person", "jobTitle", "Company", KGX_ONTOLOGY_ERROR_RANGE },
  { "Company", "jobTitle", NULL, KGX_ONTOLOGY_ERROR_DOMAIN },
  { "Person", "openedIn", NULL, KGX_ONTOLOGY_ERROR_DOMAIN },
  { "Person", "worksFor", NULL, KGX_ONTOLOGY_ERROR_RANGE },
  /* unknown names */
  { "Person", "employs", "Company", KGX_ONTOLOGY_ERROR_UNKNOWN_PROPERTY },
  { "Dragon", "heads", "Company", KGX_ONTOLOGY_ERROR_UNKNOWN_CLASS },
  { "Person", "heads", "Dragon", KGX_ONTOLOGY_ERROR_UNKNOWN_CLASS },
  { "person", "heads", "Company", KGX_ONTOLOGY_ERROR_UNKNOWN_CLASS },
};

static KgxOntology *
load_real (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "ontology",
                                                 "kgextract.ttl", NULL);
  g_autoptr(GError) error = NULL;
  KgxOntology *onto = kgx_ontology_new_from_file (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (onto);
  return onto;
}

static KgxOntology *
load_string (const char *turtle, const char *name, GError **error)
{
  return kgx_ontology_new_from_data (turtle, strlen (turtle), name, error);
}

static void
test_load (void)
{
  g_autoptr(KgxOntology) onto = load_real ();
  g_auto(GStrv) class_names = kgx_ontology_dup_class_names (onto);
  g_auto(GStrv) prop_names = kgx_ontology_dup_property_names (onto);

  g_assert_cmpstr (kgx_ontology_get_namespace (onto), ==, KGX_NS);
  g_assert_cmpstr (kgx_ontology_get_version (onto), ==, "1.0.0");
  g_assert_cmpuint (g_strv_length (class_names), ==, G_N_ELEMENTS (classes));
  g_assert_cmpuint (g_strv_length (prop_names), ==, G_N_ELEMENTS (inventory));
  for (guint i = 1; class_names[i] != NULL; i++)
    g_assert_cmpint (strcmp (class_names[i - 1], class_names[i]), <, 0);

  /* Names of other vocabularies are not ours. */
  g_assert_false (kgx_ontology_has_class (onto, "Corporation"));
  g_assert_false (kgx_ontology_has_property (onto, "closeMatch"));
  g_assert_false (kgx_ontology_has_class (onto, "heads"));
  g_assert_false (kgx_ontology_has_property (onto, "Person"));
  g_assert_false (kgx_ontology_has_class (onto, ""));
  g_assert_false (kgx_ontology_has_class (onto, NULL));
}

static void
test_inventory (void)
{
  g_autoptr(KgxOntology) onto = load_real ();

  for (guint i = 0; i < G_N_ELEMENTS (inventory); i++)
    {
      const char *name = inventory[i].name;

      g_test_message ("property %s", name);
      g_assert_true (kgx_ontology_has_property (onto, name));
      g_assert_cmpint (kgx_ontology_is_datatype_property (onto, name), ==, inventory[i].datatype);
      g_assert_cmpint (kgx_ontology_is_symmetric (onto, name), ==, inventory[i].symmetric);
    }
  g_assert_false (kgx_ontology_is_datatype_property (onto, "employs"));
  g_assert_false (kgx_ontology_is_symmetric (onto, "employs"));
}

static void
test_classes (void)
{
  g_autoptr(KgxOntology) onto = load_real ();

  for (guint i = 0; i < G_N_ELEMENTS (classes); i++)
    {
      const char *name = classes[i].name;

      g_test_message ("class %s", name);
      g_assert_true (kgx_ontology_has_class (onto, name));
      g_assert_cmpstr (kgx_ontology_get_parent_class (onto, name), ==, classes[i].parent);
      g_assert_cmpstr (kgx_ontology_get_coarse_class (onto, name), ==, classes[i].coarse);
      g_assert_true (kgx_ontology_is_subclass_of (onto, name, classes[i].coarse));
    }
  g_assert_null (kgx_ontology_get_coarse_class (onto, "Dragon"));
  g_assert_null (kgx_ontology_get_parent_class (onto, "Dragon"));
}

static void
test_subclass_chain (void)
{
  g_autoptr(KgxOntology) onto = load_real ();

  g_assert_true (kgx_ontology_is_subclass_of (onto, "NuclearPowerPlant", "NuclearPowerPlant"));
  g_assert_true (kgx_ontology_is_subclass_of (onto, "NuclearPowerPlant", "PowerPlant"));
  g_assert_true (kgx_ontology_is_subclass_of (onto, "NuclearPowerPlant", "Facility"));
  g_assert_true (kgx_ontology_is_subclass_of (onto, "Union", "Association"));
  g_assert_true (kgx_ontology_is_subclass_of (onto, "Union", "Organization"));
  g_assert_false (kgx_ontology_is_subclass_of (onto, "Facility", "NuclearPowerPlant"));
  g_assert_false (kgx_ontology_is_subclass_of (onto, "Union", "Place"));
  g_assert_false (kgx_ontology_is_subclass_of (onto, "Country", "Organization"));
  g_assert_false (kgx_ontology_is_subclass_of (onto, "Dragon", "Dragon"));
  g_assert_false (kgx_ontology_is_subclass_of (onto, "Person", "Dragon"));
  g_assert_false (kgx_ontology_is_subclass_of (onto, "Person", NULL));
}

static void
test_subclass_cycle (void)
{
  static const char turtle[] = PREAMBLE
    "kgx:A a owl:Class ; rdfs:subClassOf kgx:B .\n"
    "kgx:B a owl:Class ; rdfs:subClassOf kgx:C .\n"
    "kgx:C a owl:Class ; rdfs:subClassOf kgx:A , kgx:Person .\n"
    "kgx:Person a owl:Class ; rdfs:subClassOf kgx:Person .\n"
    "kgx:p a owl:ObjectProperty ; rdfs:domain kgx:B ; rdfs:range kgx:Person .\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(KgxOntology) onto = load_string (turtle, "cycle.ttl", &error);

  g_assert_no_error (error);
  g_assert_true (kgx_ontology_is_subclass_of (onto, "A", "C"));
  g_assert_true (kgx_ontology_is_subclass_of (onto, "C", "A"));
  g_assert_true (kgx_ontology_is_subclass_of (onto, "B", "Person"));
  g_assert_false (kgx_ontology_is_subclass_of (onto, "Person", "A"));
  g_assert_cmpstr (kgx_ontology_get_coarse_class (onto, "A"), ==, "Person");
  g_assert_true (kgx_ontology_check_triple (onto, "C", "p", "A", &error));
  g_assert_no_error (error);
  g_assert_false (kgx_ontology_check_triple (onto, "Person", "p", "A", &error));
  g_assert_error (error, KGX_ONTOLOGY_ERROR, KGX_ONTOLOGY_ERROR_DOMAIN);
}

static void
test_check_table (void)
{
  g_autoptr(KgxOntology) onto = load_real ();

  for (guint i = 0; i < G_N_ELEMENTS (checks); i++)
    {
      g_autoptr(GError) error = NULL;
      gboolean ok;

      g_test_message ("check %s %s %s", checks[i].subj, checks[i].prop,
                      checks[i].obj ? checks[i].obj : "\"literal\"");
      ok = kgx_ontology_check_triple (onto, checks[i].subj, checks[i].prop,
                                      checks[i].obj, &error);
      if (checks[i].code < 0)
        {
          g_assert_no_error (error);
          g_assert_true (ok);
        }
      else
        {
          g_assert_error (error, KGX_ONTOLOGY_ERROR, checks[i].code);
          g_assert_false (ok);
        }
      /* Without a GError the answer is the same. */
      g_assert_cmpint (kgx_ontology_check_triple (onto, checks[i].subj, checks[i].prop,
                                                  checks[i].obj, NULL), ==, ok);
    }
}

static void
test_check_heads (void)
{
  g_autoptr(KgxOntology) onto = load_real ();
  g_autoptr(GError) error = NULL;

  g_assert_true (kgx_ontology_check_triple (onto, "Person", "heads", "Organization", NULL));
  g_assert_true (kgx_ontology_check_triple (onto, "Person", "heads", "Place", NULL));
  g_assert_true (kgx_ontology_check_triple (onto, "Person", "heads", "Company", NULL));
  g_assert_false (kgx_ontology_check_triple (onto, "Event", "heads", "Organization", &error));
  g_assert_error (error, KGX_ONTOLOGY_ERROR, KGX_ONTOLOGY_ERROR_DOMAIN);
  g_assert_cmpstr (error->message, ==, "heads: subject class Event is not in the domain (Person)");
}

static void
test_check_union (void)
{
  g_autoptr(KgxOntology) onto = load_real ();
  g_autoptr(GError) error = NULL;

  /* Subclasses of any member of the union pass, at any depth. */
  g_assert_true (kgx_ontology_check_triple (onto, "Union", "memberOf", "Council", NULL));
  g_assert_true (kgx_ontology_check_triple (onto, "Reactor", "locatedIn", "NuclearPowerPlant", NULL));
  g_assert_false (kgx_ontology_check_triple (onto, "Person", "heads", "Summit", &error));
  g_assert_error (error, KGX_ONTOLOGY_ERROR, KGX_ONTOLOGY_ERROR_RANGE);
  g_assert_cmpstr (error->message, ==,
                   "heads: object class Summit is not in the range (Organization or Place)");
}

static void
test_check_literal (void)
{
  g_autoptr(KgxOntology) onto = load_real ();
  g_autoptr(GError) error = NULL;

  g_assert_true (kgx_ontology_check_triple (onto, "Person", "jobTitle", NULL, NULL));
  g_assert_true (kgx_ontology_check_triple (onto, "Reactor", "openedIn", NULL, NULL));
  g_assert_false (kgx_ontology_check_triple (onto, "Person", "heads", NULL, &error));
  g_assert_error (error, KGX_ONTOLOGY_ERROR, KGX_ONTOLOGY_ERROR_RANGE);
  g_assert_nonnull (strstr (error->message, "literal"));
  g_clear_error (&error);
  g_assert_false (kgx_ontology_check_triple (onto, "Person", "said", "Person", &error));
  g_assert_error (error, KGX_ONTOLOGY_ERROR, KGX_ONTOLOGY_ERROR_RANGE);
}

static void
test_check_unknown (void)
{
  g_autoptr(KgxOntology) onto = load_real ();
  g_autoptr(GError) error = NULL;

  g_assert_false (kgx_ontology_check_triple (onto, "Person", "employs", "Company", &error));
  g_assert_error (error, KGX_ONTOLOGY_ERROR, KGX_ONTOLOGY_ERROR_UNKNOWN_PROPERTY);
  g_assert_cmpstr (error->message, ==, "unknown property employs");
  g_clear_error (&error);
  g_assert_false (kgx_ontology_check_triple (onto, "Dragon", "heads", "Company", &error));
  g_assert_error (error, KGX_ONTOLOGY_ERROR, KGX_ONTOLOGY_ERROR_UNKNOWN_CLASS);
  g_clear_error (&error);
  g_assert_false (kgx_ontology_check_triple (onto, "Person", "heads", "Dragon", &error));
  g_assert_error (error, KGX_ONTOLOGY_ERROR, KGX_ONTOLOGY_ERROR_UNKNOWN_CLASS);
}

static void
test_check_unconstrained (void)
{
  static const char turtle[] = PREAMBLE
    "kgx:A a owl:Class .\n"
    "kgx:B a owl:Class .\n"
    "kgx:any a owl:ObjectProperty .\n"
    "kgx:thing a owl:ObjectProperty ; rdfs:domain owl:Thing ; rdfs:range kgx:B .\n"
    "kgx:note a owl:DatatypeProperty .\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(KgxOntology) onto = load_string (turtle, "free.ttl", &error);

  g_assert_no_error (error);
  g_assert_true (kgx_ontology_check_triple (onto, "A", "any", "B", NULL));
  g_assert_true (kgx_ontology_check_triple (onto, "B", "any", "A", NULL));
  g_assert_true (kgx_ontology_check_triple (onto, "A", "thing", "B", NULL));
  g_assert_false (kgx_ontology_check_triple (onto, "A", "thing", "A", NULL));
  g_assert_true (kgx_ontology_check_triple (onto, "A", "note", NULL, NULL));
  g_assert_false (kgx_ontology_check_triple (onto, "A", "any", NULL, NULL));
  g_assert_false (kgx_ontology_check_triple (onto, "A", "note", "B", NULL));
  /* No owl:Ontology: the namespace comes from the kgx: prefix. */
  g_assert_cmpstr (kgx_ontology_get_namespace (onto), ==, KGX_NS);
  g_assert_null (kgx_ontology_get_version (onto));
  g_assert_null (kgx_ontology_get_coarse_class (onto, "A"));
}

static void
test_load_namespace (void)
{
  /* The owl:Ontology IRI gives the namespace, not the prefix name. */
  static const char turtle[] =
    "@prefix owl: <http://www.w3.org/2002/07/owl#> .\n"
    "@prefix ex: <http://example.org/onto#> .\n"
    "@prefix other: <http://example.org/other#> .\n"
    "<http://example.org/onto> a owl:Ontology ; owl:versionInfo \"2.1.0\" .\n"
    "ex:Person a owl:Class .\n"
    "other:Robot a owl:Class .\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(KgxOntology) onto = load_string (turtle, "ns.ttl", &error);

  g_assert_no_error (error);
  g_assert_cmpstr (kgx_ontology_get_namespace (onto), ==, "http://example.org/onto#");
  g_assert_cmpstr (kgx_ontology_get_version (onto), ==, "2.1.0");
  g_assert_true (kgx_ontology_has_class (onto, "Person"));
  g_assert_false (kgx_ontology_has_class (onto, "Robot"));
  g_assert_cmpstr (kgx_ontology_get_coarse_class (onto, "Person"), ==, "Person");
}

static void
test_load_bad_syntax (void)
{
  static const char turtle[] = PREAMBLE
    "kgx:A a owl:Class .\n"
    "kgx:B a owl:Class ; rdfs:label \"B\" \"C\" .\n"
    "kgx:C a owl:Class .\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(KgxOntology) onto = load_string (turtle, "bad.ttl", &error);

  g_assert_null (onto);
  g_assert_error (error, KGX_ONTOLOGY_ERROR, KGX_ONTOLOGY_ERROR_PARSE);
  g_test_message ("message: %s", error->message);
  g_assert_true (g_str_has_prefix (error->message, "bad.ttl:5"));
}

static void
test_load_missing_file (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KgxOntology) onto = kgx_ontology_new_from_file ("/nonexistent/kgextract.ttl", &error);

  g_assert_null (onto);
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
}

/* Each body follows PREAMBLE unless bare. */
static const struct {
  const char *name;
  gboolean    bare;
  const char *body;
  int         code;
} bad_ontologies[] = {
  { "empty", TRUE, "", KGX_ONTOLOGY_ERROR_FAILED },
  { "no-namespace", TRUE,
    "@prefix owl: <http://www.w3.org/2002/07/owl#> .\n"
    "<http://example.org/A> a owl:Class .\n",
    KGX_ONTOLOGY_ERROR_FAILED },
  { "unknown-domain-class", FALSE,
    "kgx:Person a owl:Class .\n"
    "kgx:p a owl:ObjectProperty ; rdfs:domain kgx:Persn .\n",
    KGX_ONTOLOGY_ERROR_UNKNOWN_CLASS },
  { "unknown-class-in-union", FALSE,
    "kgx:Person a owl:Class .\n"
    "kgx:p a owl:ObjectProperty ;\n"
    "  rdfs:range [ a owl:Class ; owl:unionOf ( kgx:Person kgx:Plaec ) ] .\n",
    KGX_ONTOLOGY_ERROR_UNKNOWN_CLASS },
  { "intersection", FALSE,
    "kgx:Person a owl:Class .\n"
    "kgx:p a owl:ObjectProperty ;\n"
    "  rdfs:domain [ a owl:Class ; owl:intersectionOf ( kgx:Person ) ] .\n",
    KGX_ONTOLOGY_ERROR_FAILED },
  { "literal-domain", FALSE,
    "kgx:p a owl:ObjectProperty ; rdfs:domain \"Person\" .\n",
    KGX_ONTOLOGY_ERROR_FAILED },
  { "cyclic-list", FALSE,
    "@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .\n"
    "kgx:Person a owl:Class .\n"
    "kgx:p a owl:ObjectProperty ; rdfs:domain [ owl:unionOf _:l ] .\n"
    "_:l rdf:first kgx:Person ; rdf:rest _:l .\n",
    KGX_ONTOLOGY_ERROR_FAILED },
  { "broken-list", FALSE,
    "@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .\n"
    "kgx:Person a owl:Class .\n"
    "kgx:p a owl:ObjectProperty ; rdfs:domain [ owl:unionOf _:l ] .\n"
    "_:l rdf:first kgx:Person .\n",
    KGX_ONTOLOGY_ERROR_FAILED },
  { "both-kinds", FALSE,
    "kgx:p a owl:ObjectProperty , owl:DatatypeProperty .\n",
    KGX_ONTOLOGY_ERROR_FAILED },
};

static void
test_load_bad_ontology (gconstpointer data)
{
  guint i = GPOINTER_TO_UINT (data);
  g_autofree char *turtle = g_strconcat (bad_ontologies[i].bare ? "" : PREAMBLE,
                                        bad_ontologies[i].body, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(KgxOntology) onto = load_string (turtle, "broken.ttl", &error);

  g_assert_null (onto);
  g_assert_error (error, KGX_ONTOLOGY_ERROR, bad_ontologies[i].code);
  g_test_message ("message: %s", error->message);
  g_assert_true (g_str_has_prefix (error->message, "broken.ttl: "));
}

static void
test_free_null (void)
{
  kgx_ontology_free (NULL);
  {
    g_autoptr(KgxOntology) onto = NULL;
    (void) onto;
  }
}

/* docs/ontology.md lists every class and property as `Name`. */
static void
test_docs (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "docs", "ontology.md", NULL);
  g_autofree char *text = NULL;
  g_autoptr(KgxOntology) onto = NULL;
  g_auto(GStrv) class_names = NULL;
  g_auto(GStrv) prop_names = NULL;

  if (!g_file_get_contents (path, &text, NULL, NULL))
    {
      g_test_skip ("docs/ontology.md is not available");
      return;
    }
  onto = load_real ();
  class_names = kgx_ontology_dup_class_names (onto);
  prop_names = kgx_ontology_dup_property_names (onto);
  for (guint i = 0; class_names[i] != NULL; i++)
    {
      g_autofree char *needle = g_strdup_printf ("`%s`", class_names[i]);

      g_test_message ("docs: class %s", class_names[i]);
      g_assert_nonnull (strstr (text, needle));
    }
  for (guint i = 0; prop_names[i] != NULL; i++)
    {
      g_autofree char *needle = g_strdup_printf ("`%s`", prop_names[i]);

      g_test_message ("docs: property %s", prop_names[i]);
      g_assert_nonnull (strstr (text, needle));
    }
  g_assert_nonnull (strstr (text, kgx_ontology_get_version (onto)));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ontology/load", test_load);
  g_test_add_func ("/ontology/load/namespace", test_load_namespace);
  g_test_add_func ("/ontology/load/bad-syntax", test_load_bad_syntax);
  g_test_add_func ("/ontology/load/missing-file", test_load_missing_file);
  for (guint i = 0; i < G_N_ELEMENTS (bad_ontologies); i++)
    {
      g_autofree char *test_path = g_strdup_printf ("/ontology/load/bad/%s", bad_ontologies[i].name);

      g_test_add_data_func (test_path, GUINT_TO_POINTER (i), test_load_bad_ontology);
    }
  g_test_add_func ("/ontology/inventory", test_inventory);
  g_test_add_func ("/ontology/classes", test_classes);
  g_test_add_func ("/ontology/subclass/chain", test_subclass_chain);
  g_test_add_func ("/ontology/subclass/cycle", test_subclass_cycle);
  g_test_add_func ("/ontology/check/table", test_check_table);
  g_test_add_func ("/ontology/check/heads", test_check_heads);
  g_test_add_func ("/ontology/check/union", test_check_union);
  g_test_add_func ("/ontology/check/literal", test_check_literal);
  g_test_add_func ("/ontology/check/unknown", test_check_unknown);
  g_test_add_func ("/ontology/check/unconstrained", test_check_unconstrained);
  g_test_add_func ("/ontology/free-null", test_free_null);
  g_test_add_func ("/ontology/docs", test_docs);

  return g_test_run ();
}
