## tests/hostile.mk - hostile input (issue 8, STYLE 3.8), run by `make check`
## like the tests/*.sh of tests/local.mk (TAP, TEST_EXTENSIONS = .sh, the
## same environment):
##   tests/hostile/run.sh        inputs generated at test time (gen.py):
##                               encodings, sizes, HTML/XML attacks, I/O errors
##   tests/fuzz/replay-TARGET    each libFuzzer harness replayed over
##                               tests/fuzz/corpus/TARGET/ (seeds and past crashes)
## With ./configure --enable-fuzzing (clang) the harnesses are also built as
## libFuzzer programs: tests/fuzz/fuzz-TARGET CORPUS-COPY-DIR.
## Included from Makefile.am.

kgx_hostile_tests = tests/hostile/run.sh
$(kgx_hostile_tests:.sh=.log): kgextract$(EXEEXT) ontology/gazetteers/generated/stamp

kgx_fuzz_cppflags = $(AM_CPPFLAGS) -I$(top_srcdir)/tests/fuzz \
	-DKGX_ABS_SRCDIR=\"$(abs_top_srcdir)\" -DKGX_ABS_BUILDDIR=\"$(abs_top_builddir)\"
kgx_fuzz_replays = tests/fuzz/replay-reader tests/fuzz/replay-rules tests/fuzz/replay-pipeline
check_PROGRAMS += $(kgx_fuzz_replays)
tests_fuzz_replay_reader_SOURCES = tests/fuzz/replay.c tests/fuzz/fuzz-reader.c tests/fuzz/fuzz-common.h
tests_fuzz_replay_reader_CPPFLAGS = $(kgx_fuzz_cppflags) -DKGX_FUZZ_TARGET=\"reader\"
tests_fuzz_replay_reader_LDADD = $(test_ldadd)
tests_fuzz_replay_rules_SOURCES = tests/fuzz/replay.c tests/fuzz/fuzz-rules.c tests/fuzz/fuzz-common.h
tests_fuzz_replay_rules_CPPFLAGS = $(kgx_fuzz_cppflags) -DKGX_FUZZ_TARGET=\"rules\"
tests_fuzz_replay_rules_LDADD = $(test_ldadd)
tests_fuzz_replay_pipeline_SOURCES = tests/fuzz/replay.c tests/fuzz/fuzz-pipeline.c tests/fuzz/fuzz-common.h
tests_fuzz_replay_pipeline_CPPFLAGS = $(kgx_fuzz_cppflags) -DKGX_FUZZ_TARGET=\"pipeline\"
tests_fuzz_replay_pipeline_LDADD = $(test_ldadd)
kgx_fuzz_replay_logs = tests/fuzz/replay-reader.log tests/fuzz/replay-rules.log \
	tests/fuzz/replay-pipeline.log
$(kgx_fuzz_replay_logs): ontology/gazetteers/generated/stamp

TESTS += $(kgx_hostile_tests) $(kgx_fuzz_replays)

if KGX_FUZZING
# The library is already built with -fsanitize=fuzzer-no-link (KGX_SAN_CFLAGS);
# these add libFuzzer's main().  -no-install: no libtool wrapper around them.
kgx_fuzzers = tests/fuzz/fuzz-reader tests/fuzz/fuzz-rules tests/fuzz/fuzz-pipeline
noinst_PROGRAMS += $(kgx_fuzzers)
tests_fuzz_fuzz_reader_SOURCES = tests/fuzz/fuzz-reader.c tests/fuzz/fuzz-common.h
tests_fuzz_fuzz_reader_CPPFLAGS = $(kgx_fuzz_cppflags)
tests_fuzz_fuzz_reader_LDFLAGS = $(AM_LDFLAGS) -no-install $(KGX_FUZZ_LDFLAGS)
tests_fuzz_fuzz_reader_LDADD = $(test_ldadd)
tests_fuzz_fuzz_rules_SOURCES = tests/fuzz/fuzz-rules.c tests/fuzz/fuzz-common.h
tests_fuzz_fuzz_rules_CPPFLAGS = $(kgx_fuzz_cppflags)
tests_fuzz_fuzz_rules_LDFLAGS = $(AM_LDFLAGS) -no-install $(KGX_FUZZ_LDFLAGS)
tests_fuzz_fuzz_rules_LDADD = $(test_ldadd)
tests_fuzz_fuzz_pipeline_SOURCES = tests/fuzz/fuzz-pipeline.c tests/fuzz/fuzz-common.h
tests_fuzz_fuzz_pipeline_CPPFLAGS = $(kgx_fuzz_cppflags)
tests_fuzz_fuzz_pipeline_LDFLAGS = $(AM_LDFLAGS) -no-install $(KGX_FUZZ_LDFLAGS)
tests_fuzz_fuzz_pipeline_LDADD = $(test_ldadd)
endif

# `make check-valgrind`: the command-line tests and the hostile battery (at
# a quarter of its sizes, valgrind being some 30 times slower) again, every
# kgextract run under valgrind through tests/valgrind-kgx.sh: a memory
# error or a definite leak fails the test whose run it was.  Their .log and
# .trs files replace the plain run's.  .ci/test runs it in CI.
kgx_valgrind_tests = tests/cli.sh tests/hostile/run.sh
check-valgrind: all ontology/gazetteers/generated/stamp
	rm -rf tests/valgrind-logs
	$(MAKE) $(AM_MAKEFLAGS) check TESTS='$(kgx_valgrind_tests)' \
	  kgx_test_program='$(abs_top_srcdir)/tests/valgrind-kgx.sh' \
	  KGX_HOSTILE_SCALE=0.25 KGX_HOSTILE_SLOW=40 KGX_HOSTILE_TIMEOUT=1200
.PHONY: check-valgrind

EXTRA_DIST += \
	docs/hostile-input.md \
	tests/hostile.mk \
	tests/valgrind-kgx.sh \
	$(kgx_hostile_tests) \
	tests/hostile/gen.py \
	tests/valgrind.supp \
	tests/fuzz/README.md \
	tests/fuzz/corpus

clean-local: clean-valgrind-logs
clean-valgrind-logs:
	rm -rf tests/valgrind-logs
.PHONY: clean-valgrind-logs
