## output/local.mk - RDF serialization through raptor2 and entity identity.

kgx_output_public_headers = \
	output/kgx-identity.h \
	output/kgx-serializer.h

kgx_output_sources = \
	output/kgx-identity.c \
	output/kgx-serializer.c
