#!/bin/sh
# run-cases.sh - runs the golden cases in tests/cases (see its README.md)
# and prints TAP, one test per case; `make check` runs it under automake's
# tap-driver.  The work is done by run-cases.py (Python 3 standard library).
# Usage: tests/run-cases.sh [CASE-NAME...]
# Environment: KGX (the program), KGX_SRCDIR or srcdir (the source tree),
# RAPPER (optional), KGX_TEST_JOBS (cases run at once), PYTHON.

here=$(dirname "$0")
: "${KGX_SRCDIR:=${srcdir:-$here/..}}"
: "${KGX:=${KGX_BUILDDIR:-.}/kgextract}"
export KGX KGX_SRCDIR

python=${PYTHON:-python3}
if ! command -v "$python" >/dev/null 2>&1; then
  echo "1..0 # SKIP no $python to run the cases"
  exit 0
fi
exec "$python" "$here/run-cases.py" "$@"
