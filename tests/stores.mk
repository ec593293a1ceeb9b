## tests/stores.mk - kgextract's graph in real triple stores (issue 6,
## docs/stores.md).  tests/stores/stores.sh writes the example articles'
## graph as Turtle and N-Quads, loads it into roqet, rdfproc (Berkeley DB
## hashes store), rdflib and a Virtuoso server it starts and stops, and runs
## every examples/queries/*.rq in each (and tests/stores/dev/*.rq on the dev
## article, when ../shared/eval/dev has it).  `make check` runs it, with a
## SKIP line for each engine that is not installed; `make check-stores` runs
## only it, and a missing engine is a failure there.  Included from
## Makefile.am; the TAP driver and the environment (KGX, KGX_SRCDIR, ROQET)
## come from tests/local.mk.

kgx_stores_tests = tests/stores/stores.sh
TESTS += $(kgx_stores_tests)
$(kgx_stores_tests:.sh=.log): kgextract$(EXEEXT) ontology/gazetteers/generated/stamp

check-stores: all
	KGX_STORES_REQUIRE=1 $(MAKE) $(AM_MAKEFLAGS) check-TESTS \
	  TESTS='$(kgx_stores_tests)' TEST_SUITE_LOG=tests/stores/test-suite.log
.PHONY: check-stores
CLEANFILES += tests/stores/test-suite.log

EXTRA_DIST += \
	$(kgx_stores_tests) \
	tests/stores/sparql-rows.py \
	tests/stores/rdflib-query.py \
	tests/stores/split-nquads.py \
	tests/stores/virtuoso.ini.in \
	tests/stores/dev \
	docs/stores.md \
	examples/grid-article.txt \
	examples/queries/works-for.rq examples/queries/works-for.expected \
	examples/queries/near.rq examples/queries/near.expected \
	examples/queries/events.rq examples/queries/events.expected \
	examples/queries/met-with.rq examples/queries/met-with.expected \
	examples/queries/partners.rq examples/queries/partners.expected \
	examples/queries/quotations.rq examples/queries/quotations.expected \
	examples/queries/provenance.rq examples/queries/provenance.expected \
	examples/queries/provenance-graph.rq examples/queries/provenance-graph.expected
