## extractor/local.mk - libkgextract (reading, segmentation, entities, rule
## engine) and the kgextract CLI.

lib_LTLIBRARIES += libkgextract.la

kgx_public_headers = \
	extractor/kgx.h \
	extractor/kgx-diagnostic.h \
	extractor/kgx-graph.h \
	extractor/kgx-ontology.h \
	extractor/kgx-reader.h \
	extractor/kgx-world.h

kgxincludedir = $(includedir)/kgextract
kgxinclude_HEADERS = $(kgx_public_headers) $(kgx_output_public_headers)

libkgextract_la_SOURCES = \
	extractor/kgx-diagnostic.c \
	extractor/kgx-graph.c \
	extractor/kgx-ontology.c \
	extractor/kgx-reader.c \
	extractor/kgx-html.c \
	extractor/kgx-html-private.h \
	extractor/kgx-tokenizer.c \
	extractor/kgx-tokenizer-private.h \
	extractor/kgx-gazetteer.c \
	extractor/kgx-gazetteer-private.h \
	extractor/kgx-doc-private.h \
	extractor/kgx-entities.c \
	extractor/kgx-rule-private.h \
	extractor/kgx-rule-set.c \
	extractor/kgx-rule-match.c \
	extractor/kgx-str-map.c \
	extractor/kgx-str-map-private.h \
	extractor/kgx-utf8-private.h \
	extractor/kgx-world.c \
	$(kgx_output_sources)
libkgextract_la_LIBADD = $(KGX_DEPS_LIBS)
libkgextract_la_LDFLAGS = $(AM_LDFLAGS) -version-info $(KGX_LT_VERSION) \
	-export-symbols-regex '^kgx_'

bin_PROGRAMS += kgextract
kgextract_SOURCES = extractor/kgx-main.c extractor/kgx-cli.c extractor/kgx-cli.h
kgextract_CPPFLAGS = $(AM_CPPFLAGS) $(KGX_JSON_CFLAGS) \
	-DKGX_ABS_SRCDIR=\"$(abs_top_srcdir)\" -DKGX_ABS_BUILDDIR=\"$(abs_top_builddir)\"
kgextract_LDADD = libkgextract.la $(KGX_DEPS_LIBS) $(KGX_JSON_LIBS)
