/* kgx-main.c - the kgextract program: a wrapper around kgx_cli_main(). */
#include "config.h"

#include <locale.h>
#include <signal.h>

#include "kgx-cli.h"

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "");
  /* A closed pipe is a write error to report (exit 1), not a silent death. */
  signal (SIGPIPE, SIG_IGN);
  return kgx_cli_main (argc, argv, stdout, stderr);
}
