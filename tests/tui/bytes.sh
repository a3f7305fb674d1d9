#!/bin/sh
# bytes.sh - how many bytes the workstation writes to the terminal per
# key, for users on slow links: the real binary runs at 80x24 in a private
# tmux server whose pane output is logged with pipe-pane; each key is sent
# once the output has settled and the log's growth is the key's cost.
# Prints figures (goal: <= 200 bytes to move the selection one row with
# the whole-row bar, <= 20 with --arrow-cursor); it is not a pass/fail
# test.
#
# Usage: tests/tui/bytes.sh [BUILD_DIR]   (or AS_BIN=/path/to/aftersales)
# Called by `make bench` (tests/bench/run.sh).
set -u
export LC_ALL=C.UTF-8
TOP=$(cd "$(dirname "$0")/../.." && pwd)
if [ $# -gt 0 ]; then
	BIN=$(cd "$1" && pwd)/aftersales
else
	BIN=${AS_BIN:-$TOP/build/aftersales}
fi
CFG=$TOP/config/demo.yaml
RECORDS=${BYTES_RECORDS:-500}
[ -x "$BIN" ] || { echo "bytes.sh: no binary $BIN" >&2; exit 1; }
command -v tmux >/dev/null || { echo "bytes.sh: needs tmux" >&2; exit 1; }

D=$(mktemp -d "${TMPDIR:-/tmp}/aftersales-bytes.XXXXXX")
LOG=$D/pane.log
TMS="bytes$$"
tm() { tmux -L "$TMS" -f /dev/null "$@"; }
# stop the server and remove its socket (tmux leaves the file behind)
stop() {
	_sock=$(tm display -p '#{socket_path}' 2>/dev/null)
	tm kill-server 2>/dev/null
	[ -n "$_sock" ] && rm -f "$_sock"
}
trap 'stop; rm -rf "$D"' EXIT
trap 'exit 2' INT TERM HUP PIPE

mkdir -p "$D/db"
"$BIN" --db "$D/db" --config "$CFG" --user admin demo --records "$RECORDS" \
	>/dev/null || { echo "bytes.sh: demo database failed" >&2; exit 1; }

size() { stat -c %s "$LOG" 2>/dev/null || echo 0; }

# Wait until the log has not grown for 0.3 s (at most 5 s).
settle() {
	_last=$(size) _quiet=0 _i=0
	while [ "$_quiet" -lt 6 ] && [ "$_i" -lt 100 ]; do
		sleep 0.05
		_now=$(size)
		if [ "$_now" = "$_last" ]; then
			_quiet=$((_quiet + 1))
		else
			_quiet=0
			_last=$_now
		fi
		_i=$((_i + 1))
	done
}

# cost KEY: bytes written in answer to one KEY.
cost() {
	settle
	_a=$(size)
	tm send-keys "$1"
	# wait for the answer to start (a key may also cost nothing)
	_i=0
	while [ "$(size)" = "$_a" ] && [ "$_i" -lt 20 ]; do
		sleep 0.05
		_i=$((_i + 1))
	done
	settle
	echo $(($(size) - _a))
}

# measure LABEL KEY COUNT: send KEY COUNT times; print min/avg/max.
measure() {
	_sum=0 _min= _max=0 _k=0
	while [ "$_k" -lt "$3" ]; do
		_c=$(cost "$2")
		_sum=$((_sum + _c))
		[ -z "$_min" ] || [ "$_c" -lt "$_min" ] && _min=$_c
		[ "$_c" -gt "$_max" ] && _max=$_c
		_k=$((_k + 1))
	done
	printf '  %-34s %6d %6d %6d   (%d keys)\n' "$1" "$_min" \
		$((_sum / $3)) "$_max" "$3"
}

run() { # TERM (empty: tmux's own) [OPTION: --arrow-cursor]
	stop
	TMS="bytes$$-${1:-default}${2:+-arrow}"
	: >"$LOG"
	tm new-session -d -x 80 -y 24 "env LC_ALL=C.UTF-8 ${1:+TERM=$1} '$BIN' --db '$D/db' --config '$CFG' --user admin ${2:-}; sleep 600"
	tm pipe-pane -o "cat >> '$LOG'"
	settle
	first=$(size)
	term=$(tm show-options -gv default-terminal)
	echo "workstation at 80x24, TERM=${1:-$term}${2:+ $2}: bytes to the terminal per key"
	echo "  (first screen: $first bytes; $RECORDS demo complaints)"
	printf '  %-34s %6s %6s %6s\n' "" min avg max
	cost 6 >/dev/null       # the "All" view: every record, many pages
	cost Home >/dev/null
	# rows 1..17 of the 18-row page: the selection moves, nothing scrolls
	measure "j (selection, within a page)" j 6
	cost Home >/dev/null
	measure "Down (selection, within a page)" Down 17
	measure "Down (scrolls one row)" Down 6
	measure "Up (selection, within a page)" Up 6
	measure "PgDn (next page)" NPage 4
	measure "PgUp (previous page)" PPage 4
	measure "Enter (open the detail view)" Enter 1
	measure "Esc (back to the list)" Escape 1
	echo "  goal: <= 200 bytes per selection move (whole row), <= 20 (arrow)"
}

run ""
run vt220
run "" --arrow-cursor
run vt220 --arrow-cursor
