## tests/local.mk - unit tests (GTest, TAP) and data-driven golden cases.

LOG_DRIVER = env AM_TAP_AWK='$(AWK)' $(SHELL) $(top_srcdir)/build-aux/tap-driver.sh
AM_TESTS_ENVIRONMENT = \
	G_TEST_SRCDIR=$(abs_top_srcdir)/tests G_TEST_BUILDDIR=$(abs_top_builddir)/tests \
	G_DEBUG=gc-friendly MALLOC_CHECK_=2 MALLOC_PERTURB_=165 \
	KGX=$(abs_top_builddir)/kgextract$(EXEEXT) \
	KGX_SRCDIR=$(abs_top_srcdir) KGX_BUILDDIR=$(abs_top_builddir) \
	RAPPER=$(RAPPER) ROQET=$(ROQET) DOT=$(DOT) \
	export G_TEST_SRCDIR G_TEST_BUILDDIR G_DEBUG MALLOC_CHECK_ MALLOC_PERTURB_ KGX KGX_SRCDIR KGX_BUILDDIR RAPPER ROQET DOT;

test_cflags = $(AM_CFLAGS)
test_ldadd = libkgextract.la $(KGX_DEPS_LIBS)

check_PROGRAMS += tests/test-ontology tests/test-serializer tests/test-reader
tests_test_ontology_SOURCES = tests/test-ontology.c
tests_test_ontology_LDADD = $(test_ldadd)
tests_test_serializer_SOURCES = tests/test-serializer.c
tests_test_serializer_LDADD = $(test_ldadd)
tests_test_reader_SOURCES = tests/test-reader.c
tests_test_reader_LDADD = $(test_ldadd)

TESTS += tests/test-ontology tests/test-serializer tests/test-reader

EXTRA_DIST += tests/html
