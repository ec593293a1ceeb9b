# tap-lib.sh - the TAP helpers every shell test sources (after setting
# srcdir): automake's tap-driver reads what they print.
#   ok NAME                      a passing test
#   skip NAME REASON             a skipped one
#   not_ok NAME [FILE...]        a failing one; the files' first lines shown as
#                                diagnostics ($tap_show lines each, default 15)
#   todo NAME REASON [FILE...]   a known bug: "not ok ... # TODO" (XFAIL)
#   check NAME STATUS [FILE...]  ok when STATUS is 0, else not_ok with the files
#   diag                         standard input as diagnostics
#   finish                       the plan, and exit 1 when a test failed
# $n counts the tests, $failed the failures.

n=0
failed=0
tap_show=${tap_show:-15}

tap_files () {
  for f in "$@"; do
    [ -s "$f" ] && sed -e 's/^/#   /' "$f" | head -n "$tap_show"
  done
  return 0
}
ok () { n=$((n + 1)); echo "ok $n - $1"; }
skip () { n=$((n + 1)); echo "ok $n - $1 # SKIP $2"; }
not_ok () {
  n=$((n + 1)); failed=$((failed + 1)); echo "not ok $n - $1"
  shift
  tap_files "$@"
}
todo () {
  n=$((n + 1)); echo "not ok $n - $1 # TODO $2"
  shift 2
  tap_files "$@"
}
check () {
  tap_name=$1 tap_status=$2
  shift 2
  if [ "$tap_status" -eq 0 ]; then ok "$tap_name"; else not_ok "$tap_name" "$@"; fi
}
diag () { sed 's/^/# /'; }
finish () {
  echo "1..$n"
  exit $((failed > 0))
}
