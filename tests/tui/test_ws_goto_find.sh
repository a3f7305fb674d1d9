#!/bin/sh
# "Where is my complaint?": g (or Ctrl-G) opens a number in two
# keystrokes, short forms included (c2026-2 is C2026-000002); / finds by
# phone, serial or the start of a customer name as you type.
. "$AS_TOP/tests/tui/lib.sh"

as admin new complaint --set customer_name=王五 --set phone=13811112222 \
	--set serial=SN-AAA-1 --set description=a >/dev/null || fail "new"
as admin new complaint --set customer_name=赵六 --set phone=13933334444 \
	--set serial=SN-BBB-2 --set description=b >/dev/null || fail "new"
as admin new complaint --set customer_name=赵六一 --set phone=13755556666 \
	--set serial=SN-CCC-3 --set description=c >/dev/null || fail "new"

start 80 24 admin
keys g
wait_for "打开编号" || fail "g did not prompt"
type_text "c2026-2"
keys Enter
wait_for "C2026-000002  客户投诉  [已登记]" || fail "short form c2026-2 not opened"
wait_for "赵六" || fail "wrong record"
keys Escape
wait_for "全部未结" || fail "Esc did not go back"
keys C-g
wait_for "打开编号" || fail "Ctrl-G did not prompt"
type_text "C2026-999"
keys Enter
wait_for "找不到" || fail "a missing number is not reported"

# find by phone as you type
keys /
wait_for "查找:" || fail "/ did not open the search"
type_text "138111"
# the list follows each key, so look only once the whole input is on the
# screen and the list has settled on it
wait_for "查找: 138111" || fail "the search line did not show the input"
wait_for "没有匹配的记录" || fail "a partial phone should not match yet"
screen | grep -q "王五" && fail "a partial phone matched"
type_text "12222"
wait_for "查找: 13811112222" || fail "the search line did not show the whole phone"
wait_for "C2026-000001" || fail "phone search did not find C2026-000001"
screen | grep -q "C2026-000002" && fail "phone search shows another record"
keys Enter
wait_for "C2026-000001  客户投诉" || fail "Enter did not open the result"
keys Escape
wait_for "查找:" || fail "Esc from detail lost the search"
# by the start of a name: both 赵六 and 赵六一
keys C-u
type_text "赵六"
wait_for "C2026-000003" || fail "name prefix did not find 赵六一"
wait_for "C2026-000002" || fail "name prefix did not find 赵六"
screen | grep -q "C2026-000001" && fail "name prefix shows 王五"
# by serial, any case and without dashes
keys C-u
type_text "sn-ccc-3"
wait_for "SN-CCC-3" || fail "serial search"
keys Escape
wait_gone "查找:" || fail "Esc did not leave the search"
keys q
wait_for "EXITED:0" || fail "q did not quit"
exit 0
