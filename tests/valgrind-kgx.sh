#!/bin/sh
# tests/valgrind-kgx.sh - kgextract under valgrind, for `make check-valgrind`
# (issue 8).  It stands in for the program in the command-line tests: any
# invalid read or write, use of uninitialised memory or definite leak makes
# the run exit 86 (--error-exitcode), which no test expects, so the test
# that made the run fails.  valgrind writes to its own log, one per
# process, in $KGX_VALGRIND_LOGDIR (default tests/valgrind-logs), so the
# program's standard error is what the tests read.
# Environment: KGX_BUILDDIR, KGX_SRCDIR (set by make check).
builddir=${KGX_BUILDDIR:-.}
srcdir=${KGX_SRCDIR:-$builddir}
logdir=${KGX_VALGRIND_LOGDIR:-$builddir/tests/valgrind-logs}
mkdir -p "$logdir" || exit 2
# The libtool wrapper of an uninstalled program must not itself be run
# under valgrind: libtool --mode=execute runs the real binary.
exec "$builddir/libtool" --mode=execute valgrind -q --error-exitcode=86 \
  --leak-check=full --show-leak-kinds=definite --errors-for-leak-kinds=definite \
  --suppressions="$srcdir/tests/valgrind.supp" \
  --log-file="$logdir/kgextract.%p.log" \
  "$builddir/kgextract" "$@"
