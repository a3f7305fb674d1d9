#!/bin/sh
# run_fuzz_lines.sh - a short (~10 s) libFuzzer run of the line items
# target (a lines field typed as JSON, and as the grid's cells), built by
# `make fuzz-build` at $AS_BUILD/fuzz/fuzz_lines, from a few seed values
# written here.  Fails on a crash, a leak, undefined behaviour or a broken
# promise (an accepted value that does not read back the same from its
# typed form), and shows the input that did it.  Everything is removed at
# the end.  Environment (set by tests/run.sh): AS_BUILD, AS_TOP.
set -u
. "${AS_TOP:-.}/tests/fuzz/report.sh"
BUILD=${AS_BUILD:-build}
BIN=$BUILD/fuzz/fuzz_lines
SECS=${FUZZ_SECONDS_LINES:-10}
if [ ! -x "$BIN" ]; then
	echo "run_fuzz_lines: $BIN is not built; run make fuzz-build" >&2
	exit 1
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT INT TERM
mkdir "$work/corpus" "$work/tmp"
c=$work/corpus
printf '[{"part":"P-1","qty":2,"cost":"12.5"},{"part":"Q-7","reason":"磨损"}]' >"$c/good"
printf '[{"part":"Ｐ-１","qty":"１２","on":"2026-11-26","at":"2026-11-26 08:30","who":"ann"}]' >"$c/wide"
printf '[{"part":"P-1","qty":0}]' >"$c/bound"
printf '[{"part":"P-1","note":"a\\u001bb"}]' >"$c/control"
printf '[{},{"note":"x"}]' >"$c/required"
printf 'P-1\0002\00012.5\000worn\000ann\0002026-11-26\000\000n' >"$c/grid"
cat >"$work/json.dict" <<'DICT'
"["
"]"
"{"
"}"
":"
","
"\x22part\x22"
"\x22qty\x22"
"\x22cost\x22"
"\x22reason\x22"
"\x22who\x22"
"\x22on\x22"
"\x22at\x22"
"\x22note\x22"
"null"
"true"
"1e5"
"\x00"
DICT
UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 TMPDIR="$work/tmp" \
	"$BIN" -max_total_time="$SECS" -max_len=2048 -timeout=60 \
	-rss_limit_mb=2048 -print_final_stats=1 -dict="$work/json.dict" \
	-artifact_prefix="$work/" "$c" >"$work/log" 2>&1
fuzz_report fuzz_lines $? "$work"
