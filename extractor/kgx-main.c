/* kgx-main.c - the kgextract program: a wrapper around kgx_cli_main(). */
#include "config.h"

#include <locale.h>

#include "kgx-cli.h"

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "");
  return kgx_cli_main (argc, argv, stdout, stderr);
}
