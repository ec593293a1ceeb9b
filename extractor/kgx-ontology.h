/* kgx-ontology.h - the ontology (ontology/kgextract.ttl) as the extractor
 * sees it: which classes and properties exist, the class hierarchy, and
 * whether a triple respects a property's domain and range.
 *
 * Names are local names in the ontology's own namespace ("Person",
 * "heads").  Every const char * returned is owned by the KgxOntology.
 */
#ifndef KGX_ONTOLOGY_H
#define KGX_ONTOLOGY_H

#include <glib.h>

G_BEGIN_DECLS

typedef struct _KgxOntology KgxOntology;

#define KGX_ONTOLOGY_ERROR (kgx_ontology_error_quark ())

typedef enum {
  KGX_ONTOLOGY_ERROR_PARSE,            /* the file is not valid Turtle */
  KGX_ONTOLOGY_ERROR_UNKNOWN_CLASS,    /* a class name the ontology does not define */
  KGX_ONTOLOGY_ERROR_UNKNOWN_PROPERTY, /* a property name the ontology does not define */
  KGX_ONTOLOGY_ERROR_DOMAIN,           /* the subject's class is outside the domain */
  KGX_ONTOLOGY_ERROR_RANGE,            /* the object's class (or literal) is outside the range */
  KGX_ONTOLOGY_ERROR_FAILED            /* anything else, e.g. an unsupported class expression */
} KgxOntologyError;

GQuark       kgx_ontology_error_quark (void);

KgxOntology *kgx_ontology_new_from_file (const char *path,
                                         GError    **error);
KgxOntology *kgx_ontology_new_from_data (const char *turtle,
                                         gsize       len,
                                         const char *base_name,
                                         GError    **error);
void         kgx_ontology_free (KgxOntology *onto);

const char  *kgx_ontology_get_namespace (KgxOntology *onto);
const char  *kgx_ontology_get_version (KgxOntology *onto);

gboolean     kgx_ontology_has_class (KgxOntology *onto,
                                     const char  *local_name);
gboolean     kgx_ontology_has_property (KgxOntology *onto,
                                        const char  *local_name);
gboolean     kgx_ontology_is_datatype_property (KgxOntology *onto,
                                                const char  *prop);
gboolean     kgx_ontology_is_symmetric (KgxOntology *onto,
                                        const char  *prop);
gboolean     kgx_ontology_is_subclass_of (KgxOntology *onto,
                                          const char  *cls,
                                          const char  *ancestor);
const char  *kgx_ontology_get_coarse_class (KgxOntology *onto,
                                            const char  *cls);
const char  *kgx_ontology_get_parent_class (KgxOntology *onto,
                                            const char  *cls);
char       **kgx_ontology_dup_class_names (KgxOntology *onto);
char       **kgx_ontology_dup_property_names (KgxOntology *onto);

gboolean     kgx_ontology_check_triple (KgxOntology *onto,
                                        const char  *subj_cls,
                                        const char  *prop,
                                        const char  *obj_cls,
                                        GError     **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KgxOntology, kgx_ontology_free)

G_END_DECLS

#endif /* KGX_ONTOLOGY_H */
