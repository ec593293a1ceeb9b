## tests/local.mk - the test suite (STYLE 3.7), all run by `make check`
## under automake's TAP driver, one .log/.trs per entry of TESTS:
##   tests/test-*          GTest unit tests (TAP is GTest's own output)
##   tests/run-cases.sh    golden cases, one TAP test per tests/cases/NAME.txt
##                         (a NAME.b case is a known bug: XFAIL)
##   tests/cli.sh          the command line: exit status, -o, syntaxes, ...
##   tests/test-gazetteer-data.sh  consistency of the gazetteer tables
## Data is found through $KGX_SRCDIR / $srcdir / G_TEST_SRCDIR, never the
## current directory, so the suite runs out of tree and in distcheck.

TEST_EXTENSIONS = .sh
LOG_DRIVER = env AM_TAP_AWK='$(AWK)' $(SHELL) $(top_srcdir)/build-aux/tap-driver.sh
SH_LOG_DRIVER = $(LOG_DRIVER)
SH_LOG_COMPILER = $(SHELL)
AM_TESTS_ENVIRONMENT = \
	G_TEST_SRCDIR=$(abs_top_srcdir)/tests G_TEST_BUILDDIR=$(abs_top_builddir)/tests \
	G_DEBUG=gc-friendly MALLOC_CHECK_=2 MALLOC_PERTURB_=165 \
	KGX=$(kgx_test_program) \
	KGX_SRCDIR=$(abs_top_srcdir) KGX_BUILDDIR=$(abs_top_builddir) \
	KGX_GAZETTEER_GEN_DIR=$(abs_top_builddir)/ontology/gazetteers/generated \
	RAPPER=$(RAPPER) ROQET=$(ROQET) DOT=$(DOT) \
	LSAN_OPTIONS=$${LSAN_OPTIONS-suppressions=$(abs_top_srcdir)/tests/lsan.supp:print_suppressions=0} \
	export G_TEST_SRCDIR G_TEST_BUILDDIR G_DEBUG MALLOC_CHECK_ MALLOC_PERTURB_ KGX KGX_SRCDIR \
	  KGX_BUILDDIR KGX_GAZETTEER_GEN_DIR RAPPER ROQET DOT LSAN_OPTIONS;

# The program the script tests run; `make check-valgrind` (tests/hostile.mk)
# sets it to tests/valgrind-kgx.sh.
kgx_test_program = $(abs_top_builddir)/kgextract$(EXEEXT)

test_ldadd = libkgextract.la $(KGX_DEPS_LIBS)

# GTest unit tests.  The private kgx_ symbols they use are exported by
# libkgextract.la (extractor/local.mk).
kgx_unit_tests = \
	tests/test-ontology tests/test-serializer tests/test-reader \
	tests/test-tokenizer tests/test-rules tests/test-gazetteer
check_PROGRAMS += $(kgx_unit_tests)
tests_test_ontology_SOURCES = tests/test-ontology.c
tests_test_ontology_LDADD = $(test_ldadd)
tests_test_serializer_SOURCES = tests/test-serializer.c
tests_test_serializer_LDADD = $(test_ldadd)
tests_test_reader_SOURCES = tests/test-reader.c
tests_test_reader_LDADD = $(test_ldadd)
tests_test_tokenizer_SOURCES = tests/test-tokenizer.c
tests_test_tokenizer_LDADD = $(test_ldadd)
tests_test_rules_SOURCES = tests/test-rules.c
tests_test_rules_LDADD = $(test_ldadd)
tests_test_gazetteer_SOURCES = tests/test-gazetteer.c tests/gazetteer-dirs.h
tests_test_gazetteer_LDADD = $(test_ldadd)

# The scripts need the program and the generated gazetteers.
kgx_script_tests = tests/run-cases.sh tests/cli.sh tests/test-gazetteer-data.sh
$(kgx_script_tests:.sh=.log): kgextract$(EXEEXT) ontology/gazetteers/generated/stamp

TESTS += $(kgx_unit_tests) $(kgx_script_tests)

# Test data.  tests/cases is shipped whole: a new case needs no edit here.
EXTRA_DIST += \
	$(kgx_script_tests) \
	tests/run-cases.py \
	tests/tap-lib.sh \
	tests/cli-sample.txt \
	tests/check-rules.xfail \
	tests/lsan.supp \
	tests/cases \
	tests/html
