#!/bin/sh
# Resizing at any moment redraws correctly and loses nothing: text typed
# into a form (Chinese included) survives 80x24 -> 120x40 -> 100x30 -> 80x24,
# editing goes on by whole characters, and Esc asks before discarding.
. "$AS_TOP/tests/tui/lib.sh"

as admin new complaint --set customer_name=甲 --set phone=13000000000 \
	--set description=x >/dev/null || fail "CLI new"
start 80 24 admin
keys n
wait_for "* 为必填项" || fail "no form"
type_text "诸葛孔明"
keys Tab Tab
type_text "13612345678"
keys Tab Tab Tab Tab Tab
type_text "前桥异响，行驶中抖动"
# each resize: first the footer on its new line (the redraw has happened,
# whatever the machine's load), then what must have survived it
tm resize-window -x 120 -y 40
wait_line 39 "F2保存" || fail "footer not on the new last-but-one line"
wait_for "前桥异响，行驶中抖动" || fail "description lost at 120x40"
wait_for "诸葛孔明" || fail "name lost at 120x40"
[ "$(screen | wc -l)" -ge 40 ] || fail "the screen is not 40 lines"
# go on editing after the resize: Backspace removes whole characters
keys BSpace BSpace
type_text "振动"
wait_for "前桥异响，行驶中振动" || fail "editing after resize"
tm resize-window -x 100 -y 30
wait_line 29 "F2保存" || fail "footer misplaced at 100x30"
wait_for "前桥异响，行驶中振动" || fail "description lost at 100x30"
wait_for "13612345678" || fail "phone lost at 100x30"
tm resize-window -x 80 -y 24
wait_line 23 "F2保存" || fail "footer misplaced back at 80x24"
wait_for "诸葛孔明" || fail "name lost back at 80x24"
# cursor keys by character: Home, Right twice, Delete removes 孔
keys BTab BTab BTab BTab BTab BTab BTab BTab
keys Home Right Right Delete
wait_for "诸葛明" || fail "Delete did not remove one whole character"
keys Escape
wait_for "放弃已输入的内容" || fail "Esc did not ask before discarding"
keys n
wait_gone "(y/n)" || fail "the question stayed"
wait_for "诸葛明" || fail "answering no lost the input"
keys Escape
wait_for "(y/n)" || fail "no question"
keys y
wait_for "全部未结" || fail "y did not discard the form"
keys q
wait_for "EXITED:0" || fail "q did not quit"
exit 0
