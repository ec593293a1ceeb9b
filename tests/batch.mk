## tests/batch.mk - tests of batch input and output, threads, provenance and
## sharding (issues 5 and 7), run by `make check` like the tests/*.sh of
## tests/local.mk (TAP, TEST_EXTENSIONS = .sh, the same environment):
##   tests/batch-cli.sh          many documents, -r, --files-from, JSON Lines,
##                               --split-blank-lines, --output-dir, -j
##   tests/provenance-check.sh   --provenance (tests/provenance-check.py checks
##                               the model), identity over runs, and the
##                               queries of docs/provenance.md
##   tests/shard-streaming.sh    the Hadoop-streaming contract, run locally
## Included from Makefile.am.

kgx_batch_tests = tests/batch-cli.sh tests/provenance-check.sh tests/shard-streaming.sh
$(kgx_batch_tests:.sh=.log): kgextract$(EXEEXT) ontology/gazetteers/generated/stamp

TESTS += $(kgx_batch_tests)

EXTRA_DIST += \
	$(kgx_batch_tests) \
	tests/batch.mk \
	tests/batch-lib.sh \
	tests/provenance-check.py \
	tests/provenance-sample.txt \
	docs/provenance.md \
	docs/performance.md \
	docs/scaling.md \
	eval/calibrate.sh \
	eval/calibrate.py \
	bench/run.sh \
	bench/blocks-to-jsonl.py

# `make bench`: MB/s, documents/s and peak RSS of -j 1 and -j N on the
# research corpus (../shared/corpus, or KGX_CORPUS_DIR=DIR), next to wc -w
# (bench/run.sh; docs/performance.md).  Not part of `make check`: timings
# depend on the machine, and the corpus is not shipped.
bench: kgextract$(EXEEXT) ontology/gazetteers/generated/stamp
	KGX=$(abs_top_builddir)/kgextract$(EXEEXT) $(SHELL) $(srcdir)/bench/run.sh $(KGX_CORPUS_DIR)
.PHONY: bench
