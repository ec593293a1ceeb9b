#!/bin/sh
# places.sh - how many countries and big cities come out as places in plain
# sentences ("The delegation arrived in X on Tuesday."): issue 3's targets,
# >= 95% of ISO 3166-1 countries and >= 90% of libgeonames cities of a
# million people or more.  Prints TAP with the shares and every miss; the
# work is done by places.py (Python 3 standard library).
# Environment: KGX, KGX_SRCDIR, KGX_BUILDDIR, KGX_GAZETTEER_GEN_DIR,
# KGX_ISO_3166_1, RAPPER, PYTHON (see places.py).

here=$(dirname "$0")
: "${KGX_SRCDIR:=${srcdir:-$here/../..}}"
: "${KGX_BUILDDIR:=$KGX_SRCDIR}"
: "${KGX:=$KGX_BUILDDIR/kgextract}"
export KGX KGX_SRCDIR KGX_BUILDDIR

python=${PYTHON:-python3}
if ! command -v "$python" >/dev/null 2>&1; then
  echo "1..0 # SKIP no $python"
  exit 0
fi
exec "$python" "$here/places.py" "$@"
