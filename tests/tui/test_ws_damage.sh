#!/bin/sh
# Issue 7: the database file is damaged under a running workstation (cut
# to half its size, as a full disk or a bad copy would).  The next read
# faults (SIGBUS) inside LMDB's map: the workstation ends with exit code 1
# and the one sentence, and gives the terminal back from the signal
# handler: the modes from before curses (canonical input, echo), the
# normal screen, a visible cursor, the keypad in normal mode.
. "$AS_TOP/tests/tui/lib.sh"

as admin demo --records 200 >/dev/null || fail "demo"
flags() { tm display -p '#{alternate_on} #{cursor_flag} #{keypad_cursor_flag}'; }
modes='stty -a | tr " ;" "\n\n" | grep -x -e icanon -e -icanon -e echo -e -echo | tr "\n" " "'
tm new-session -d -x 100 -y 30 \
	"env LC_ALL=C.UTF-8 '$AS_BIN' --db '$D' --config '$CFG' --user admin; echo EXITED:\$?; echo MODES: \$($modes); sleep 600"
wait_for "F10" || fail "the workstation did not start"
[ "$(flags | cut -d' ' -f1)" = 1 ] || fail "curses did not use the alternate screen"
size=$(stat -c %s "$D/data.mdb")
truncate -s $((size / 2)) "$D/data.mdb"
# keys that read records, until the workstation has met the damage
_i=0
while [ "$_i" -lt 20 ] && ! wait_for "EXITED:" 5; do
	case $((_i % 4)) in
	0) keys 6 ;;
	1) keys End ;;
	2) keys Home ;;
	3) keys NPage ;;
	esac
	_i=$((_i + 1))
done
wait_for "EXITED:" || fail "the workstation did not end"
wait_for "EXITED:1" || fail "exit status is not 1 (a signal is 128+)"
tm capture-pane -pJ | grep -qF "data.mdb 已损坏或比其文件头所说的短；请从备份恢复" ||
	fail "no sentence"
screen | grep -q "F10" && fail "the workstation is left on the screen"
wait_for "MODES:" || fail "no modes"
wait_for "MODES: icanon echo" || fail "terminal modes not restored"
[ "$(flags)" = "0 1 0" ] || fail "terminal not restored (alternate cursor keypad: $(flags))"
exit 0
