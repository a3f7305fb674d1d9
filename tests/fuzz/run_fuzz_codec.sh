#!/bin/sh
# run_fuzz_codec.sh - a short (~10 s) libFuzzer run of the record codec
# target, from a small seed corpus written here.  Fails on a crash, a leak
# or a broken round trip, and shows the input that did it.
# Environment (set by tests/run.sh): AS_BUILD (build folder), AS_TOP.
set -u
BUILD=${AS_BUILD:-build}
BIN=$BUILD/fuzz/fuzz_codec
SECS=${FUZZ_SECONDS:-10}
if [ ! -x "$BIN" ]; then
	echo "run_fuzz_codec: $BIN is not built; run make fuzz-build" >&2
	exit 1
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT INT TERM
mkdir "$work/corpus"
c=$work/corpus
# Records: format, min-reader, rev, created, updated (zigzag varints),
# type, id, state, nfields, (key value)*, then extension bytes.
printf '\001\001\001\000\000\001c\002C1\003new\000' >"$c/minimal"
printf '\001\001\254\002\003\200\001\011complaint\014C2026-000123\010accepted\002\015customer_name\006\345\274\240\344\274\237\004note\000' >"$c/fields"
printf '\002\001\007\000\000\001c\002C2\001s\001\001k\001v\041\003new\000\377' >"$c/newer"
printf '\003\003\001\000\000\001c\002C3\001s\000' >"$c/needs-newer"
# An event: header, seq, rec_id, when, who, action, from?, to?, rev,
# nchanges, (field old? new?)*, prev_rec, prev_log, hash.
{
	printf '\001\001\001\002C1\000\002zw\006create\000\001\003new\001\001'
	printf '\005state\000\001\003new'
	head -c 96 /dev/zero
} >"$c/event"
UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
	"$BIN" -max_total_time="$SECS" -max_len=2048 -timeout=60 \
	-rss_limit_mb=2048 -print_final_stats=1 \
	-artifact_prefix="$work/" "$c" >"$work/log" 2>&1
rc=$?
tail -n 15 "$work/log"
if [ $rc != 0 ]; then
	for f in "$work"/crash-* "$work"/leak-* "$work"/timeout-* \
	    "$work"/oom-*; do
		[ -f "$f" ] || continue
		echo "input that failed ($(basename "$f")):"
		od -A d -t x1 "$f" | head -n 20
	done
	grep -E 'ERROR|SUMMARY' "$work/log" | head -n 10
	echo "run_fuzz_codec: FAILED (exit $rc)"
	exit 1
fi
echo "run_fuzz_codec: ok"
