#!/bin/sh
# Run every test of aftersales and end with one line "N passed, N failed".
# Usage: tests/run.sh BUILD_DIR [PATTERN]   (PATTERN: run only matching tests)
set -u
BUILD=${1:-build}
PAT=${2:-}
BIN=$(cd "$BUILD" && pwd)/aftersales
export AS_BIN="$BIN" AS_BUILD="$(cd "$BUILD" && pwd)" AS_TOP="$(pwd)"
export LC_ALL=C.UTF-8
pass=0 fail=0 failed=""
log=$(mktemp -d)
record() { # name status
	if [ "$2" = 0 ]; then pass=$((pass + 1)); echo "ok   $1"
	else fail=$((fail + 1)); failed="$failed $1"; echo "FAIL $1"; fi
}
matches() { [ -z "$PAT" ] || case "$1" in *"$PAT"*) return 0 ;; *) return 1 ;; esac; }

# cmocka unit tests: count each test case.
for t in "$BUILD"/tests/test_*; do
	[ -x "$t" ] || continue
	name=$(basename "$t")
	matches "$name" || continue
	CMOCKA_MESSAGE_OUTPUT=stdout "$t" >"$log/$name.out" 2>&1
	rc=$?
	p=$(sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' "$log/$name.out" | tail -n1)
	f=$(sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p' "$log/$name.out" | tail -n1)
	p=${p:-0}; f=${f:-0}
	if [ "$rc" != 0 ] && [ "$f" = 0 ]; then f=1; fi
	pass=$((pass + p)); fail=$((fail + f))
	if [ "$f" != 0 ]; then
		failed="$failed $name"; echo "FAIL $name ($p passed, $f failed)"
		grep -E '^\[  (FAILED|ERROR)|error|Error|ERROR|Sanitizer' "$log/$name.out" | head -30
	else
		echo "ok   $name ($p tests)"
	fi
done

# Script tests (cli, tui, fuzz, multi-process): each file is one test.
for t in tests/cli/test_*.sh tests/tui/test_*.sh tests/fuzz/run_*.sh tests/unit/run_*.sh; do
	[ -f "$t" ] || continue
	name=$(basename "$t" .sh)
	matches "$name" || continue
	sh "$t" >"$log/$name.out" 2>&1
	rc=$?
	record "$name" "$rc"
	[ "$rc" = 0 ] || tail -n 30 "$log/$name.out"
done
rm -rf "$log"
[ -n "$failed" ] && echo "failed:$failed"
echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
