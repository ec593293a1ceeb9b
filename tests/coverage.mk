## tests/coverage.mk - does the extractor keep issue 3's promises?  Run by
## `make check` under the TAP driver of tests/local.mk (TEST_EXTENSIONS,
## SH_LOG_DRIVER, AM_TESTS_ENVIRONMENT are defined there):
##   tests/coverage/places.sh   share of ISO 3166-1 countries (>= 95%) and of
##                              libgeonames cities of a million people or more
##                              (>= 90%) that come out as places, with the misses
##   tests/coverage/classes.sh  every class and property the gazetteers, rules,
##                              entity finder and output use is declared
##   tests/coverage/test-label-tokens  the gazetteer loader tokenizes labels
##                              exactly as the text tokenizer does
##   tests/coverage/test-background  which gazetteer rows may give a background
##                              fact (the opt-in --background-facts)
## tests/coverage/geonames-cities lists libgeonames' big cities for places.sh.
## The gazetteer load benchmark, bench/gazetteer-load.sh, is not a test.
## Included from Makefile.am after tests/local.mk.

kgx_coverage_unit_tests = tests/coverage/test-label-tokens tests/coverage/test-background
check_PROGRAMS += $(kgx_coverage_unit_tests) tests/coverage/geonames-cities
tests_coverage_test_label_tokens_SOURCES = tests/coverage/test-label-tokens.c tests/gazetteer-dirs.h
tests_coverage_test_label_tokens_LDADD = libkgextract.la $(KGX_DEPS_LIBS)
tests_coverage_test_background_SOURCES = tests/coverage/test-background.c tests/gazetteer-dirs.h
tests_coverage_test_background_LDADD = libkgextract.la $(KGX_DEPS_LIBS)
tests_coverage_geonames_cities_SOURCES = tests/coverage/geonames-cities.c
tests_coverage_geonames_cities_CFLAGS = $(AM_CFLAGS) $(GEONAMES_CFLAGS)
tests_coverage_geonames_cities_LDADD = $(GEONAMES_LIBS)

kgx_coverage_script_tests = tests/coverage/places.sh tests/coverage/classes.sh
$(kgx_coverage_script_tests:.sh=.log): kgextract$(EXEEXT) ontology/gazetteers/generated/stamp
tests/coverage/places.log: tests/coverage/geonames-cities$(EXEEXT)

TESTS += $(kgx_coverage_unit_tests) $(kgx_coverage_script_tests)

EXTRA_DIST += \
	$(kgx_coverage_script_tests) \
	tests/coverage/places.py \
	bench/gazetteer-load.sh
