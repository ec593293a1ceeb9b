/* kgx-cli.h - the kgextract command as a function, so that tests and
 * fuzzers run the whole tool in-process (like libxml2's xmllintMain). */
#ifndef KGX_CLI_H
#define KGX_CLI_H

#include <stdio.h>

int kgx_cli_main (int argc, char **argv, FILE *out, FILE *err);

#endif /* KGX_CLI_H */
