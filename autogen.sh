#!/bin/sh
# autogen.sh - create ./configure from configure.ac (for a git checkout).
set -e
cd "$(dirname "$0")"
mkdir -p m4 build-aux
autoreconf --force --install --verbose
echo "Now run ./configure && make"
