#!/bin/sh
# The build (issue 13, "build time"): an object is compiled again when the
# flags change, so a `make test` after a plain `make` builds with -Werror
# instead of keeping the objects made without it; with the same flags
# nothing is rebuilt.  One small file in a build folder of its own.
set -u
TOP=${AS_TOP:-$(pwd)}
unset MAKEFLAGS MAKELEVEL MFLAGS WERROR SAN
T=$(mktemp -d /tmp/as-flags-XXXXXX)
trap 'rm -rf "$T"' EXIT
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
B=$T/b
OBJ=$B/obj/core/seal.o
mk() { make --no-print-directory -C "$TOP" BUILD="$B" "$@" 2>&1; }

mk "$OBJ" >"$T/1" || { cat "$T/1"; fail "plain make"; }
grep -q "core/seal.c" "$T/1" || fail "the plain build did not compile: $(cat "$T/1")"
grep -q -- "-Werror" "$T/1" && fail "a plain make used -Werror"
mk "$OBJ" >"$T/2"
grep -q "core/seal.c" "$T/2" && fail "the same flags compiled again: $(cat "$T/2")"
# what make test runs after that plain make: every file again, -Werror
mk -n test >"$T/3"
grep -F -- "-c -o $OBJ" "$T/3" | grep -q -- "-Werror" ||
	fail "make test after a plain make keeps the object built without -Werror"
mk WERROR=1 "$OBJ" >"$T/4"
grep -- "-Werror" "$T/4" | grep -q "core/seal.c" ||
	fail "WERROR=1 after a plain make did not compile again with -Werror: $(cat "$T/4")"
mk WERROR=1 "$OBJ" >"$T/5"
grep -q "core/seal.c" "$T/5" && fail "WERROR=1 twice compiled twice"
[ "$failures" = 0 ] || exit 1
