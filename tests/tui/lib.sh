# lib.sh - helpers for the workstation tests (sourced by tests/tui/test_*.sh).
#
# Each test gets a fresh database in a temporary folder and a private tmux
# server (tmux -L t<pid>); the workstation runs in it as
#   sh -c 'aftersales ...; echo EXITED:$?'
# so a test can see that the program left and how.  Screens are read with
# capture-pane and waited for by polling, never by sleeping a fixed time.
# Everything is removed on exit.
#
# Environment (from tests/run.sh): AS_BIN, AS_TOP, LC_ALL=C.UTF-8.
# Helpers keep their variables in _names so they never clobber a test's.

set -u
: "${AS_BIN:?AS_BIN must name the aftersales binary}"
: "${AS_TOP:?AS_TOP must name the repository top}"
export LC_ALL=C.UTF-8

CFG=$AS_TOP/config/demo.yaml
TMS="t$$"
D=$(mktemp -d "${TMPDIR:-/tmp}/aftersales-tui.XXXXXX")
"$AS_BIN" --db "$D" --config "$CFG" --user admin init >/dev/null ||
	{ echo "FAIL: init of the test database"; exit 1; }

tm() { tmux -L "$TMS" -f /dev/null "$@"; }

# stop_server: end this test's tmux server and remove its socket file.
# The next server gets a name of its own: the old one may still be going
# away, and a new server on its socket could be ended with it.
_srv=0
stop_server() {
	_sock=$(tm display -p '#{socket_path}' 2>/dev/null)
	tm kill-server 2>/dev/null
	[ -n "$_sock" ] && rm -f "$_sock"
	_srv=$((_srv + 1))
	TMS="t$$-$_srv"
}

cleanup() {
	stop_server
	rm -rf "$D"
}
trap cleanup EXIT
trap 'exit 2' INT TERM HUP PIPE

# The command line on the test database: as USER ARGS...
as() {
	_u=$1
	shift
	"$AS_BIN" --db "$D" --config "$CFG" --user "$_u" "$@"
}

# Open the workstation: start WIDTH HEIGHT USER [ENV=VALUE ...]
start() {
	_w=$1 _h=$2 _u=$3
	shift 3
	tm new-session -d -x "$_w" -y "$_h" \
		"env LC_ALL=C.UTF-8 $* '$AS_BIN' --db '$D' --config '$CFG' --user $_u; echo EXITED:\$?; sleep 600"
	wait_for "F10" || fail "the workstation did not start"
}

keys() { tm send-keys "$@"; }
# Literal text (Chinese included), no key names.
type_text() { tm send-keys -l "$1"; }
screen() { tm capture-pane -p; }

# How long a wait polls, in tenths of a second: 60 s, generous, as only a
# failing test waits it out, and a machine busy with other builds must
# make the tests slower, never red.  AS_WAIT overrides it.
_wait=${AS_WAIT:-600}

# wait_for TEXT [TENTHS]: poll the screen until it shows TEXT.
wait_for() {
	_n=0 _max=${2:-$_wait}
	while [ "$_n" -lt "$_max" ]; do
		screen | grep -qF -- "$1" && return 0
		sleep 0.1
		_n=$((_n + 1))
	done
	return 1
}

# wait_gone TEXT [TENTHS]: poll until the screen no longer shows TEXT.
wait_gone() {
	_n=0 _max=${2:-$_wait}
	while [ "$_n" -lt "$_max" ]; do
		screen | grep -qF -- "$1" || return 0
		sleep 0.1
		_n=$((_n + 1))
	done
	return 1
}

# wait_until CMD...: poll until CMD succeeds (a check of the screen that
# grep -F cannot make, such as a whole line compared exactly).
wait_until() {
	_n=0
	while [ "$_n" -lt "$_wait" ]; do
		"$@" && return 0
		sleep 0.1
		_n=$((_n + 1))
	done
	return 1
}

# wait_view N: poll until the view bar (row 3) marks view N as the one
# shown (its colours), not the view before it with the same rows.
wait_view() { wait_until _view_is "$1"; }
_view_is() {
	# in colour (cyan background) or in reverse video (a vt220)
	tm capture-pane -e -p | sed -n 3p |
		grep -qE "$(printf '\033')\[([0-9;]*;)?(7|46)m $1 "
}

# row_has ID TEXT: the screen row of ID shows TEXT (with wait_until).
row_has() { screen | grep -F -- "$1" | grep -qF -- "$2"; }

# wait_line N TEXT [TENTHS]: poll until screen line N (1-based) shows TEXT.
wait_line() {
	_n=0 _max=${3:-$_wait}
	while [ "$_n" -lt "$_max" ]; do
		screen | sed -n "$1p" | grep -qF -- "$2" && return 0
		sleep 0.1
		_n=$((_n + 1))
	done
	return 1
}

# skip REASON: this test cannot run here; say why and exit 77 (tests/run.sh
# counts it as skipped, never as passed).
skip() {
	echo "skipped: $*"
	exit 77
}

fail() {
	echo "FAIL: $*"
	echo "--- screen:"
	screen 2>/dev/null
	echo "---"
	exit 1
}

# line_with TEXT: the first screen line containing TEXT.
line_with() { screen | grep -F -- "$1" | head -n 1; }

# col_of LINE TEXT: the display column (0-based) where TEXT starts in LINE,
# counting a Chinese character as two columns; -1 if absent.
col_of() {
	case "$1" in
	*"$2"*) ;;
	*) echo -1; return ;;
	esac
	_pre=${1%%"$2"*}
	printf '%s' "$_pre" | wc -L
}

# Milliseconds since the epoch (GNU date).
now_ms() { echo $(($(date +%s%N) / 1000000)); }
