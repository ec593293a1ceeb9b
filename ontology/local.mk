## ontology/local.mk - the ontology, rules and gazetteers (data, not C),
## and the generator that builds place gazetteers from Debian's iso-codes
## and libgeonames at build time.

kgx_rules = $(wildcard $(srcdir)/ontology/rules/*.rules)
kgx_hand_gazetteers = $(wildcard $(srcdir)/ontology/gazetteers/*.tsv)

noinst_PROGRAMS += kgx-gen-gazetteer
kgx_gen_gazetteer_SOURCES = ontology/kgx-gen-gazetteer.c
kgx_gen_gazetteer_CFLAGS = $(AM_CFLAGS) $(GEONAMES_CFLAGS)
kgx_gen_gazetteer_LDADD = $(GEONAMES_LIBS)

kgx_generated_gazetteers = \
	ontology/gazetteers/generated/countries.tsv \
	ontology/gazetteers/generated/regions.tsv \
	ontology/gazetteers/generated/cities.tsv

$(kgx_generated_gazetteers): ontology/gazetteers/generated/stamp
ontology/gazetteers/generated/stamp: kgx-gen-gazetteer$(EXEEXT) $(kgx_hand_gazetteers) $(srcdir)/ontology/place-stoplist.txt
	$(AM_V_GEN)$(MKDIR_P) ontology/gazetteers/generated && \
	./kgx-gen-gazetteer$(EXEEXT) --iso-3166-1 "$(ISO_CODES_DIR)/iso_3166-1.xml" \
	  --iso-3166-2 "$(ISO_CODES_DIR)/iso_3166-2.xml" \
	  --hand-dir "$(srcdir)/ontology/gazetteers" \
	  --stoplist "$(srcdir)/ontology/place-stoplist.txt" \
	  ontology/gazetteers/generated && touch $@

all-local: ontology/gazetteers/generated/stamp

CLEANFILES += $(kgx_generated_gazetteers) ontology/gazetteers/generated/stamp

install-data-local: ontology/gazetteers/generated/stamp
	$(MKDIR_P) "$(DESTDIR)$(pkgdatadir)/rules" "$(DESTDIR)$(pkgdatadir)/gazetteers/generated"
	$(INSTALL_DATA) "$(srcdir)/ontology/kgextract.ttl" "$(DESTDIR)$(pkgdatadir)/kgextract.ttl"
	for f in $(kgx_rules); do $(INSTALL_DATA) "$$f" "$(DESTDIR)$(pkgdatadir)/rules/" || exit 1; done
	for f in $(kgx_hand_gazetteers); do $(INSTALL_DATA) "$$f" "$(DESTDIR)$(pkgdatadir)/gazetteers/" || exit 1; done
	for f in $(kgx_generated_gazetteers); do $(INSTALL_DATA) "$$f" "$(DESTDIR)$(pkgdatadir)/gazetteers/generated/" || exit 1; done

uninstall-local:
	rm -rf "$(DESTDIR)$(pkgdatadir)"

dist-hook:
	$(MKDIR_P) $(distdir)/ontology/rules $(distdir)/ontology/gazetteers
	cp -p $(srcdir)/ontology/rules/*.rules $(distdir)/ontology/rules/
	cp -p $(srcdir)/ontology/gazetteers/*.tsv $(distdir)/ontology/gazetteers/

EXTRA_DIST += ontology/kgextract.ttl ontology/place-stoplist.txt docs/gazetteers.md
