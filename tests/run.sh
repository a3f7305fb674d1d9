#!/bin/sh
# Run every test of aftersales and end with one line
# "N passed, N failed, N skipped".
# Usage: tests/run.sh BUILD_DIR [PATTERN]   (PATTERN: run only matching tests)
#
# The tests are independent (each works in its own temporary folder and its
# own tmux server), so they run AS_JOBS at a time (default: the number of
# processors, at least 2), the longest first (their durations of the last
# run are kept in BUILD_DIR/test-times).  The output does not depend on the
# order they finish in: one line per test, in the order of the list below,
# each printed as soon as it and every test before it are done.
#
# A test that cannot run here (no root, no tmpfs, no tool) exits 77 after
# saying why: it is reported as "skip", counted as skipped, never as
# passed.  cmocka programs count each test case, skipped ones too.
set -u

# The key of a test's files in the log folder: its path, as one name
# (a cmocka program and a script may have the same name: test_units).
key() { echo "$1" | sed 's|^.*/\([a-z]*/[^/]*\)$|\1|; s|/|_|g'; }

# One test, run by xargs below: run_one LOG KIND FILE.  Writes LOG/KEY.out,
# then LOG/KEY.res ("RC SECONDS"), renamed into place when complete.
if [ "${1:-}" = --one ]; then
	_log=$2 _kind=$3 _t=$4
	_name=$(key "$_t")
	_s=$(date +%s)
	if [ "$_kind" = unit ]; then
		CMOCKA_MESSAGE_OUTPUT=stdout "$_t" >"$_log/$_name.out" 2>&1 </dev/null
	else
		sh "$_t" >"$_log/$_name.out" 2>&1 </dev/null
	fi
	_rc=$?
	echo "$_rc $(($(date +%s) - _s))" >"$_log/$_name.tmp"
	mv "$_log/$_name.tmp" "$_log/$_name.res"
	exit 0
fi

BUILD=${1:-build}
PAT=${2:-}
BIN=$(cd "$BUILD" && pwd)/aftersales
export AS_BIN="$BIN" AS_BUILD="$(cd "$BUILD" && pwd)" AS_TOP="$(pwd)"
export LC_ALL=C.UTF-8
JOBS=${AS_JOBS:-$(nproc 2>/dev/null || echo 2)}
[ "$JOBS" -ge 2 ] 2>/dev/null || JOBS=2
TIMES=$AS_BUILD/test-times
pass=0 fail=0 skip=0 failed=""
log=$(mktemp -d)
trap 'rm -rf "$log"' EXIT
trap 'exit 2' INT TERM HUP
matches() { [ -z "$PAT" ] || case "$1" in *"$PAT"*) return 0 ;; *) return 1 ;; esac; }

# The list, in the order of the report: "KIND FILE NAME" lines.
for t in "$BUILD"/tests/test_*; do
	[ -x "$t" ] || continue
	name=$(basename "$t")
	matches "$name" && echo "unit $t $name"
done >"$log/list"
for t in tests/cli/test_*.sh tests/tui/test_*.sh tests/fuzz/run_*.sh \
    tests/unit/run_*.sh; do
	[ -f "$t" ] || continue
	name=$(basename "$t" .sh)
	matches "$name" && echo "script $t $name"
done >>"$log/list"

# Start them longest first, by the times of the last run here or, on a
# fresh clone, of tests/test-times.seed (a run on 2 cores, kept with the
# tests); a test in neither: the fuzz runs (10 s each) first, then the
# rest in the order of the list.
awk -v times="$TIMES" -v seed=tests/test-times.seed '
	BEGIN { while ((getline l < seed) > 0) { split(l, f, " "); d[f[1]] = f[2] }
		while ((getline l < times) > 0) { split(l, f, " "); d[f[1]] = f[2] } }
	{ k = $2; sub(/^.*\//, "", k); dir = $2; sub(/\/[^\/]*$/, "", dir)
	  sub(/^.*\//, "", dir); k = dir "_" k
	  print (k in d ? d[k] : $3 ~ /^run_fuzz_/ ? 10 : 0), $1, $2 }' "$log/list" |
	sort -k1,1nr -s | while read -r _ kind file; do
		printf '%s\n%s\n' "$kind" "$file"
	done | xargs -n 2 -P "$JOBS" sh "$0" --one "$log" &
runner=$!

# Report in list order, each test as soon as it has finished.
: >"$log/times"
while read -r kind file name; do
	k=$(key "$file")
	while [ ! -f "$log/$k.res" ]; do
		kill -0 "$runner" 2>/dev/null || [ -f "$log/$k.res" ] ||
			{ echo "2 0" >"$log/$k.res"; echo "runner died" >>"$log/$k.out"; }
		[ -f "$log/$k.res" ] || sleep 0.2
	done
	read -r rc secs <"$log/$k.res"
	echo "$k $secs" >>"$log/times"
	out=$log/$k.out
	if [ "$kind" = unit ]; then
		p=$(sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' "$out" | tail -n1)
		f=$(sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p' "$out" | tail -n1)
		s=$(sed -n 's/^\[  SKIPPED \] \([0-9]*\) test.*/\1/p' "$out" | tail -n1)
		p=${p:-0} f=${f:-0} s=${s:-0}
		# a crash, or no case run at all, is a failure
		if [ "$rc" != 0 ] || [ $((p + s)) = 0 ]; then [ "$f" != 0 ] || f=1; fi
		pass=$((pass + p)) fail=$((fail + f)) skip=$((skip + s))
		if [ "$f" != 0 ]; then
			failed="$failed $name"
			echo "FAIL $name ($p passed, $f failed)"
			grep -E '^\[  (FAILED|ERROR)|error|Error|ERROR|Sanitizer' "$out" | head -30
		elif [ "$s" != 0 ]; then
			echo "ok   $name ($p tests, $s skipped)"
			grep -E '^skipped' "$out" | sort -u | sed 's/^/     /'
		else
			echo "ok   $name ($p tests)"
		fi
	elif [ "$rc" = 0 ]; then
		pass=$((pass + 1))
		echo "ok   $name"
	elif [ "$rc" = 77 ]; then
		skip=$((skip + 1))
		echo "skip $name ($(grep -m1 '^skipped' "$out" | sed 's/^skipped: *//'))"
	else
		fail=$((fail + 1)) failed="$failed $name"
		echo "FAIL $name"
		grep '^FAIL' "$out" | head -n 5
		tail -n 30 "$out"
	fi
done <"$log/list"
wait "$runner"
# Keep the durations for the next run's order (those not run this time too).
if [ -w "$AS_BUILD" ]; then
	{ cat "$log/times"; [ -f "$TIMES" ] && cat "$TIMES"; } |
		awk '!seen[$1]++' >"$TIMES.new" && mv "$TIMES.new" "$TIMES"
fi
[ -n "$failed" ] && echo "failed:$failed"
echo "$pass passed, $fail failed, $skip skipped"
[ "$fail" = 0 ]
