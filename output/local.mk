## output/local.mk - RDF serialization through raptor2 and entity identity.

kgx_output_public_headers = \
	output/kgx-identity.h \
	output/kgx-provenance.h \
	output/kgx-serializer.h

kgx_output_sources = \
	output/kgx-identity.c \
	output/kgx-provenance.c \
	output/kgx-serializer.c

# Each rule's measured precision (eval/calibrate.sh writes it), read at run
# time beside the rules as the confidence of --provenance.
kgxrulesdir = $(pkgdatadir)/rules
dist_kgxrules_DATA = ontology/rules/confidence.tsv
