## docs/local.mk - the documentation: hand-written man pages, the Markdown
## docs, the bundled examples, the licence, and the test that keeps them
## true (docs/check-man-options.sh: man OPTIONS vs --help-all, groff and
## mandoc lint, the README's and man pages' examples, example queries).
## Included from Makefile.am.

dist_man_MANS += man/kgextract.1 man/kgextract-rules.5

dist_doc_DATA += LICENSE

EXTRA_DIST += \
	docs/rules.md \
	docs/ontology.md \
	docs/identity.md \
	docs/gazetteers.md \
	docs/check-man-options.sh \
	examples/sample-article.txt \
	examples/queries/who-heads.rq \
	examples/queries/who-heads.expected \
	examples/queries/near-lake.rq \
	examples/queries/near-lake.expected \
	examples/rules/interview.rules

# A TAP script, run like the tests/*.sh scripts (TEST_EXTENSIONS = .sh and
# SH_LOG_DRIVER, the TAP driver, are set in tests/local.mk); it needs the
# program and the generated gazetteers.
TESTS += docs/check-man-options.sh
docs/check-man-options.log: kgextract$(EXEEXT) ontology/gazetteers/generated/stamp
