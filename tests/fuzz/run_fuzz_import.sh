#!/bin/sh
# run_fuzz_import.sh - a short (~10 s) libFuzzer run of the CSV importer
# target (core_import_csv into a real database), built by `make
# fuzz-build` at $AS_BUILD/fuzz/fuzz_import, from a few seed files written
# here: good, with a byte-order mark, a quoted multi-line field, labels as
# headers, an export's meta columns, a bad quote, a short row, a bad value.
# Fails on a crash, a leak, undefined behaviour or a broken all-or-nothing
# promise, and shows the input that did it.  Everything (the target's
# database included: TMPDIR points here) is removed at the end.
# Environment (set by tests/run.sh): AS_BUILD (build folder), AS_TOP.
set -u
. "${AS_TOP:-.}/tests/fuzz/report.sh"
BUILD=${AS_BUILD:-build}
BIN=$BUILD/fuzz/fuzz_import
SECS=${FUZZ_SECONDS:-10}
if [ ! -x "$BIN" ]; then
	echo "run_fuzz_import: $BIN is not built; run make fuzz-build" >&2
	exit 1
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT INT TERM
mkdir "$work/corpus" "$work/tmp"
c=$work/corpus
printf 'title,phone,note,cost\n门坏了,13800000001,"说""急""",12.50\nB,2,n,3\n' >"$c/good"
printf '\357\273\277title,kind,n,due\nA,quality,3,2026-11-26\n' >"$c/bom"
printf 'title,note,at\r\n"x","line 1\r\nline 2",2026-11-26 08:30\r\n' >"$c/multiline"
printf '标题,Phone,类别,负责人\n甲,1,other,ann\n' >"$c/labels"
printf 'number,state,created,title,owner\nT2026-000001,done,2026-11-26 08:00,x,ann\n' >"$c/export"
printf 'title,phone\n"unterminated,1\n' >"$c/bad-quote"
printf 'title,phone,note\na,1,x\nb,2\n' >"$c/short-row"
printf 'title,n\na,1\nb,zz\nc,3\n' >"$c/bad-value"
printf 'title,title\na,b\n' >"$c/twice"
cat >"$work/csv.dict" <<'DICT'
"title"
"phone"
"kind"
"owner"
"note"
"cost"
"due"
"at"
"number"
"state"
"created"
"\xef\xbb\xbf"
"\x22"
"\x22\x22"
","
"\x0d\x0a"
"\x0a"
"quality"
"ann"
"12.50"
"2026-11-26"
"2026-11-26 08:30"
DICT
UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 TMPDIR="$work/tmp" \
	"$BIN" -max_total_time="$SECS" -max_len=4096 -timeout=60 \
	-rss_limit_mb=2048 -print_final_stats=1 -dict="$work/csv.dict" \
	-artifact_prefix="$work/" "$c" >"$work/log" 2>&1
fuzz_report fuzz_import $? "$work"
