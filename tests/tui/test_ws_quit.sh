#!/bin/sh
# Leaving restores the terminal: q exits 0, the alternate screen is gone
# (nothing of the workstation is left on the pane), the cursor is visible
# and the keypad is back in normal mode.  With unsaved input, F10 asks
# first; Ctrl-C is a key like any other under raw mode, not a kill.
. "$AS_TOP/tests/tui/lib.sh"

as admin new complaint --set customer_name=周九 --set phone=13800003333 \
	--set description=x >/dev/null || fail "CLI new"

flags() { tm display -p '#{alternate_on} #{cursor_flag} #{keypad_cursor_flag}'; }

start 80 24 admin
[ "$(flags | cut -d' ' -f1)" = 1 ] || fail "curses did not use the alternate screen"
keys n
wait_for "* 为必填项" || fail "no form"
type_text "未保存qL"
keys F10
wait_for "表单有未保存的输入" || fail "F10 with a dirty form did not ask"
keys n
wait_gone "(y/n)" || fail "the question stayed"
wait_for "未保存qL" || fail "the input was lost (q and L went to the field)"
keys C-c
wait_for "表单有未保存的输入" || fail "Ctrl-C with a dirty form did not ask"
keys y
wait_for "EXITED:0" || fail "y did not quit with status 0"
screen | grep -q "aftersales │" && fail "the workstation is left on the screen"
screen | grep -q "F10" && fail "the footer is left on the screen"
[ "$(flags)" = "0 1 0" ] || fail "terminal not restored (alternate cursor keypad: $(flags))"

# and a plain q from the list, under a terminal without colours
stop_server
TMS="${TMS}b"   # a new server: the old one may still be going away
start 80 24 admin TERM=vt220
keys q
wait_for "EXITED:0" || fail "q did not quit under vt220"
[ "$(flags | cut -d' ' -f2)" = 1 ] || fail "cursor left hidden under vt220"
exit 0
