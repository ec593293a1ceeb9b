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

# A TAP script: LOG_DRIVER (tests/local.mk) is the TAP driver for every test
# without a registered extension, and .sh is not one, so it runs as is.
TESTS += docs/check-man-options.sh
