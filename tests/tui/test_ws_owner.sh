#!/bin/sh
# R1 §8.1 on the detail view: finishing the handling is the case's owner's
# (or a manager's).  Another engineer is not offered [f] and, pressing f,
# is told whose case it is; the owner is offered it.
. "$AS_TOP/tests/tui/lib.sh"

n=$(as admin new complaint --set customer_name=李四 --set phone=13800000009 \
	--set description=漏油) || fail "CLI new"
as branch_manager do "$n" accept --set category=quality --set owner=zhangwei >/dev/null &&
as admin do "$n" investigate >/dev/null &&
as technical do "$n" analyse --set cause=装配不良 --set countermeasure=返工 >/dev/null &&
as qc do "$n" assign --set responsible_dept=production --set responsible_person=黄勇 \
	--set disposition=repair >/dev/null || fail "CLI walk to handling"

start 100 24 engineer
keys g
wait_for "打开编号" || fail "g did not prompt for a number"
type_text "$n"
keys Enter
wait_for "$n  客户投诉  [处理中]" || fail "g did not open $n"
screen | grep -qF "[f]" && fail "another engineer is offered [f]"
keys f
wait_for "只有其负责人 zhangwei" || fail "f does not say whose case it is"

keys U
wait_for "以哪个用户身份操作" || fail "U did not open the user picker"
type_text "zhangw"
keys Enter
wait_for "张伟 (zhangwei)" || fail "did not switch to the owner"
wait_for "[f] 处理完成" || fail "the owner is not offered finish"
keys F10   # q backs out one level only (issue 9)
wait_for "EXITED:0" || fail "q did not quit"
exit 0
