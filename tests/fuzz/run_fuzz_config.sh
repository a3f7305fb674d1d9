#!/bin/sh
# A short run (~10 s) of the config loader's libFuzzer target, built by
# `make fuzz-build` at $AS_BUILD/fuzz/fuzz_config, seeded with the shipped
# configuration files and the bad ones of the unit tests.  Fails when the
# fuzzer finds a crash, a leak or undefined behaviour; the input that did
# it is kept as $AS_BUILD/fuzz/config-crash-*.
set -u
top=${AS_TOP:-.}
build=${AS_BUILD:-$top/build}
bin=$build/fuzz/fuzz_config
secs=${FUZZ_SECONDS:-10}
if [ ! -x "$bin" ]; then
	echo "run_fuzz_config: $bin is not built (make fuzz-build)" >&2
	exit 1
fi
work=$(mktemp -d) || exit 1
trap 'rm -rf "$work"' EXIT INT TERM
mkdir "$work/seeds" "$work/corpus"
cp "$top"/config/*.yaml "$top"/tests/unit/config_bad/*.yaml "$work/seeds/"
cat >"$work/yaml.dict" <<'DICT'
"include: "
"timezone: "
"allow_user_override: "
"targets:"
"measure: clocks"
"count: "
"over: "
"engineer: "
"at: "
"reports:"
"roles:"
"users:"
"codes:"
"records:"
"label: "
"prefix: "
"fields:"
"states:"
"transitions:"
"edits:"
"type: "
"required: "
"ref: "
"initial: true"
"terminal: true"
"from: "
"to: "
"requires: "
"guards: "
"when: "
"zh: "
"en: "
"enum"
"reference"
"warranty"
"score"
"check: "
"weights: "
"print:"
"printer: "
"sections:"
"sign:"
"policies:"
"costs:"
"bearers:"
"staff_in: "
"case: "
"legacy: "
"claims: "
"confirm: "
"moves: "
"against: "
"until_done: "
"to_when: "
"lower_only: "
"per_line: "
"line_copy: "
"copies: "
"stock:"
"accounts: "
"true"
"false"
"&a "
"*a"
"---"
"- "
"{"
"}"
"["
"]"
": "
"\x09"
DICT
# Undefined behaviour stops the run like a crash does.
UBSAN_OPTIONS=${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}
export UBSAN_OPTIONS
# The seeds' include: lines name their neighbours: run beside them.
cd "$work/seeds" || exit 1
"$bin" -max_total_time="$secs" -max_len=16384 -timeout=60 \
	-rss_limit_mb=2048 -print_final_stats=1 -dict="$work/yaml.dict" \
	-artifact_prefix="$build/fuzz/config-" "$work/corpus" "$work/seeds" \
	>"$work/log" 2>&1
rc=$?
grep -E '^(INFO: seed corpus|#[0-9]+[[:space:]]+DONE|Done [0-9]+ runs)' \
	"$work/log"
if [ "$rc" != 0 ]; then
	tail -n 60 "$work/log"
	echo "run_fuzz_config: the fuzzer failed (exit $rc)" >&2
fi
exit "$rc"
