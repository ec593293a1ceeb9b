#!/bin/sh
# autogen.sh - create ./configure from configure.ac (for a git checkout).
set -e
cd "$(dirname "$0")"
mkdir -p m4 build-aux
autoreconf --force --install
# The TAP driver for the GTest programs is not installed by autoreconf.
am_dir=$(automake --print-libdir)
cp -f "$am_dir/tap-driver.sh" build-aux/tap-driver.sh
echo "Now run ./configure && make"
