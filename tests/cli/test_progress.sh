#!/bin/sh
# Progress on long work (issue 13, "the command line"): import, export,
# demo, verify, reindex and backup show a progress line on standard error
# when it is a terminal (here a pty of script(1)): what is done, the
# records (or MiB) done of the total, later the rate and the time left,
# rewritten in place (\r ... ESC[K) and erased before the command's own
# last line.  Nothing of it when standard error is not a terminal, and
# export shows none when its rows go to the terminal.
. "${AS_TOP:-.}/tests/cli/lib.sh"

fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
command -v script >/dev/null 2>&1 || skip "script(1) is not installed"
EL=$(printf '\033[K')
CR=$(printf '\r')

# on a terminal: tty NAME CMD... runs CMD on a pty, its output in $T/NAME
tty() {
	_n=$1
	shift
	script -qec "$*" "$T/$_n.raw" >/dev/null 2>&1 </dev/null
	_rc=$?
	sed '1d;$d' "$T/$_n.raw" >"$T/$_n"
	return $_rc
}
# shows NAME TEXT: the pty output holds TEXT as a progress line
shows() {
	grep -qF "$CR$2" "$T/$1" || fail "$1: no progress line \"$2\": $(cat -v "$T/$1" | head -c 600)"
}
# erased NAME LAST: the line is erased before the command's last line LAST
erased() {
	grep -qF "$CR$EL$2" "$T/$1" || fail "$1: the progress line is not erased before \"$2\": $(cat -v "$T/$1" | tail -c 300)"
}
A="$BIN --user admin --lang en"

tty demo "$A demo --records 300" || fail "demo on a tty"
shows demo "demo 1 / 300 records$EL"
shows demo "demo 300 / 300 records"
erased demo "demo: 300 complaints written to"
tty verify "$A verify" || fail "verify on a tty"
shows verify "verify: history 256 / "
shows verify "verify: records 256 / "
erased verify "$AFTERSALES_DB: ok: "
tty reindex "$A reindex" || fail "reindex on a tty"
shows reindex "reindex 256 / "
erased reindex "$AFTERSALES_DB: indexes rebuilt from"
tty backup "$A backup $T/bk" || fail "backup on a tty"
grep -q "${CR}backup [0-9.]* / [0-9.]* MiB" "$T/backup" || fail "backup: no progress line: $(cat -v "$T/backup")"
erased backup "backup of $AFTERSALES_DB written to"
tty export "$A export complaints --format tsv >$T/x.tsv" || fail "export on a tty"
# the demo's 300 complaints (a row may hold several cost lines)
n=300
shows export "export 1 / $n records$EL"
shows export "export $n / $n records"
{
	echo customer_name,phone,description
	i=0
	while [ $i -lt 600 ]; do
		echo "客户$i,138$(printf %08d $i),门坏了"
		i=$((i + 1))
	done
} >"$T/in.csv"
tty import "$A import complaints $T/in.csv" || fail "import on a tty"
shows import "import 256 / "
erased import "imported 600 records: "

# not a terminal: nothing on standard error
for c in "demo --records 5" verify reindex "backup $T/bk2" \
    "export complaints" "import complaints $T/in.csv"; do
	$A $c >"$T/out" 2>"$T/err" || fail "$c exited $?: $(cat "$T/err")"
	[ -s "$T/err" ] && fail "$c wrote to a standard error that is no terminal: $(cat -v "$T/err")"
done
# export's rows on the terminal: no progress line among them
tty export2 "$A export complaints --format tsv" || fail "export to a tty"
grep -qF "export 1 /" "$T/export2" && fail "export drew a progress line among its rows"
finish
