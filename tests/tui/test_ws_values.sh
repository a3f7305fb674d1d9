#!/bin/sh
# The new complaint form shows core's refusal of a value under the field
# it concerns, the field named: a phone that is no phone number, a
# negative distance (R2 §3.2.2's radius is never negative); and what a
# Chinese input method types in full-width mode (１２) is stored as 12.
. "$AS_TOP/tests/tui/lib.sh"

start 80 24 admin
keys n
wait_for "* 为必填项" || fail "n did not open the new complaint form"
type_text "张三"
keys Tab Tab
type_text "hello"
keys Tab Tab Tab Tab Tab
type_text "发动机异响"
keys Tab Tab
tm send-keys -l -- "-5"
keys C-s
wait_for "↳" || fail "no error shown next to the invalid fields"
screen | grep "↳" | grep -q "联系电话：" || fail "the phone error does not name the field by its label"
screen | grep "↳" | grep -q "服务半径(公里)应在 0 到 5000" ||
	fail "the distance error does not name the field and its range"
# the cursor is on the first field in error: the phone
keys BSpace BSpace BSpace BSpace BSpace
type_text "0371-65512345 转 801"
keys Tab Tab Tab Tab Tab Tab Tab
keys BSpace BSpace
type_text "１２"
keys F2
wait_for "C2026-000001  客户投诉  [已登记]" || fail "the complaint was not registered"
as admin show C2026-000001 | grep -q "(公里) *12$" || fail "full-width 12 not stored as 12"
as admin show C2026-000001 | grep -q "0371-65512345 转 801" || fail "phone not stored"
keys Escape
wait_for "全部未结" || fail "Esc did not return to the list"
keys q
wait_for "EXITED:0" || fail "q did not quit"
exit 0
